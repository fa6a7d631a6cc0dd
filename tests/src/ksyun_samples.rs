//! The KEC document's samples as `tests/fixtures/ksyun/sample-wire.json` holds them (made by
//! `tests/fixtures/ksyun/extract_samples.py`): every sample request by value, every sample
//! response (mislabeled ones included) and the common chapter's answers, each with its line;
//! and the decided exceptions to reproducing them ([`HOSTS`], [`VERSIONS`], [`DOCUMENT_TYPOS`],
//! [`CLIENT_FORM`], [`NOT_REPRODUCED`], [`CLIENT_ADDITIONS`], applied by [`corrected`]), one list
//! for the tests that send them through the clients (`tests/ksyun_sample_requests.rs`) and
//! decode them through the server codecs (the same file's server test).
//!
//! The document's samples carry no signature (it prints placeholders, which the fixture drops):
//! they are checked for their parameters, never for a signature.

use serde::Deserialize;

/// The whole fixture.
#[derive(Debug, Deserialize)]
pub struct SampleWire {
    /// The document the samples come from (file name under `shared/seeds/`).
    pub document: String,
    /// Sample requests, in document order.
    pub requests: Vec<Request>,
    /// Sample responses, in document order.
    pub responses: Vec<Response>,
    /// The common chapter's success and error examples.
    pub common_responses: Vec<CommonResponse>,
}

/// One sample request.
#[derive(Debug, Deserialize, Clone)]
pub struct Request {
    /// `Action@line`.
    pub id: String,
    /// The action the sample calls, as the document prints it.
    pub action: String,
    /// `main`, `0913` or `0530`.
    pub section: String,
    /// Line of the URL.
    pub line: usize,
    /// Host as printed.
    pub host: Option<String>,
    /// Path as printed.
    pub path: Option<String>,
    /// Every parameter by value, in order (the signature's own left out).
    pub params: Vec<Param>,
    /// Set when the sample is a fragment of a request (e.g. cut by a page break).
    #[serde(default)]
    pub fragment: Option<String>,
}

/// One parameter of a sample request.
#[derive(Debug, Deserialize, Clone)]
pub struct Param {
    /// Name with its indices (`InstanceId.1`).
    pub name: String,
    /// Value, decoded.
    pub value: String,
}

/// One sample response.
#[derive(Debug, Deserialize)]
pub struct Response {
    /// `Action@line`.
    pub id: String,
    /// The action it answers.
    pub action: String,
    /// `main`, `0913` or `0530`.
    pub section: String,
    /// First line of the body.
    pub line: usize,
    /// Line of the heading above it.
    pub heading_line: usize,
    /// The heading as printed ("Sample Response（返回）", or a mislabeled "Sample Request").
    pub heading: String,
    /// The heading calls it a request.
    pub mislabeled: bool,
    /// `json` or `xml`.
    pub format: String,
    /// File under `tests/fixtures/ksyun/samples/`.
    pub file: String,
    /// Pieces of the same sample after a page break.
    #[serde(default)]
    pub continuations: Vec<Continuation>,
}

/// A piece of a sample response printed after a page break.
#[derive(Debug, Deserialize)]
pub struct Continuation {
    /// First line of the piece.
    pub line: usize,
    /// File under `tests/fixtures/ksyun/samples/`.
    pub file: String,
}

/// One of the common chapter's example answers.
#[derive(Debug, Deserialize)]
pub struct CommonResponse {
    /// Identifier in the fixture.
    pub id: String,
    /// `success` or `failure`.
    pub outcome: String,
    /// `json` or `xml`.
    pub format: String,
    /// Line of the example.
    pub line: usize,
    /// File under `tests/fixtures/ksyun/samples/`.
    pub file: String,
}

/// The region the samples name (`kec.cn-beijing-6.api.ksyun.com`); `{{region}}` in a sample host
/// stands for it.
pub const REGION: &str = "cn-beijing-6";

/// Samples whose host is not the regional host of their service's spec (for `REGION`), with
/// the decision. Every sample listed here is still reproduced by value (sent to the local
/// server); the table is checked both ways (a sample that matches its service's host must
/// not be listed).
pub const HOSTS: &[(&str, &str, &str)] = &[
    (
        "CopyImage@4453",
        "kec.api.ksyun.com",
        "the global KEC host (the spec's global_endpoint, as kingsoftcloud-sdk-python sends); yun sends to the regional host by default, the global one on request (then with `Region`)",
    ),
    ("DescribeImageSharePermission@4503", "kec.api.ksyun.com", "the global KEC host: as CopyImage@4453"),
    ("ModifyImageSharePermission@4562", "kec.api.ksyun.com", "the global KEC host: as CopyImage@4453"),
    (
        "DeleteLocalVolumeSnapshot@4958",
        "kec.cn-beijing-6.inner.api.ksyun.com",
        "an internal host (`inner.api`), not reachable by customers: the spec keeps the public regional host",
    ),
    (
        "DescribeLocalVolumes@5690",
        "kec.cn-beijing-6.api.kyyn.com",
        "a typo (`kyyn.com` for `ksyun.com`): the spec keeps the regional host",
    ),
    ("RunInstances@7629", "kec.api.ksyun.com", "legacy 0913 section: the global KEC host, as CopyImage@4453"),
    ("TerminateInstances@7674", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("StartInstances@7705", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("StopInstances@7730", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("RebootInstances@7753", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("MonitorInstances@7776", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("ModifyInstanceAttribute@7805", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("DescribeInstanceVnc@7824", "kec.api.ksyun.com", "legacy 0913: global host (https)"),
    ("DescribeInstances@7842", "kec.api.ksyun.com", "legacy 0913: global host (https)"),
    ("ModifyNetworkInterfaceAttribute@7901", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("AttachNetworkInterface@7924", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("DetachNetworkInterface@7944", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("CreateImage@7962", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("DescribeImages@7981", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("RemoveImages@8025", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("ModifyImageAttribute@8052", "kec.api.ksyun.com", "legacy 0913: global host"),
    ("RunInstances@8084", "kec.api.ksyun.com", "legacy 0530 section: global host"),
    ("TerminateInstances@8117", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("StartInstances@8145", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("StopInstances@8168", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("RebootInstances@8191", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("MonitorInstances@8214", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("UnmonitorInstances@8239", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("ModifyInstanceType@8264", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("ModifyInstanceImage@8284", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("ModifyInstanceAttribute@8304", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("DescribeInstances@8322", "kec.api.ksyun.com", "legacy 0530: global host (https)"),
    ("ModifyNetworkInterfaceAttribute@8377", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("CreateImage@8402", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("DescribeImages@8424", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("RemoveImages@8464", "kec.api.ksyun.com", "legacy 0530: global host"),
    ("ModifyImageAttribute@8491", "kec.api.ksyun.com", "legacy 0530: global host"),
];

/// Samples whose `Version` is not their service's: (sample, printed version, decision). The
/// comparison expects the service's version in its place.
pub const VERSIONS: &[(&str, &str, &str)] = &[(
    "DescribeLocalVolumeSnapshots@4899",
    "2017-03-09",
    "every other KEC sample, the document's common parameters and both Kingsoft SDKs send 2016-03-04 for KEC; the spec keeps it",
)];

/// Samples broken in the document itself: (sample, parameter as printed `Name=Value`, the
/// parameter the sample means (`None`: none), why). The comparison expects the corrected
/// parameter, and the typed call is made with it.
pub const DOCUMENT_TYPOS: &[(&str, &str, Option<&str>, &str)] = &[
    (
        "ModifyInstanceAutoDeleteTime@3166",
        "InstanceId.I=55655c35-4ba4-4443-991c-fc1c8a1057cc",
        Some("InstanceId.1=55655c35-4ba4-4443-991c-fc1c8a1057cc"),
        "`InstanceId.I`: a capital I for the index 1 (the parameter is InstanceId.N, N from 1)",
    ),
    (
        "ImportImage@4389",
        "Name=newimage",
        None,
        "a stray parameter: ImportImage's table has no `Name` (the image's name is `ImageName`, also sent), neither SDK sends one, and `newimage` is CreateImage's sample's value",
    ),
];

/// Samples whose form of a parameter is not the one Kingsoft's clients send, where the spec
/// follows the clients (the evidence order of issue 12: kingsoftcloud-sdk-python, then the Java
/// SDK, then Terraform, then the document; the spec's `#` comment records the document's
/// form): (sample, parameter as printed, parameter as the spec sends it, evidence). The
/// comparison expects the spec's form; every other parameter of the sample is compared as
/// printed.
pub const CLIENT_FORM: &[(&str, &str, &str, &str)] = &[
    (
        "DescribeInstanceFamilies@2895",
        "Action=DescribeInstanceFamilies",
        "Action=DescribeInstanceFamilys",
        "the wire action of both SDKs and Terraform is DescribeInstanceFamilys (operation key DescribeInstanceFamilies, `action:` DescribeInstanceFamilys)",
    ),
    (
        "RunInstances@866",
        "SecurityGroupId=c032ce42-b457-4f36-a557-297994f172ac",
        "SecurityGroupId.1=c032ce42-b457-4f36-a557-297994f172ac",
        "SecurityGroupId is a list in the table (\"String列表\"), in kingsoftcloud-sdk-python (Filter) and Terraform (SecurityGroupId.N); only the Java SDK sends it unindexed",
    ),
    ("RunInstances@7629", "SecurityGroupId=c032ce42-b457-4f36-a557-297994f172ac", "SecurityGroupId.1=c032ce42-b457-4f36-a557-297994f172ac", "as RunInstances@866"),
    ("RunInstances@8084", "SecurityGroupId=c032ce42-b457-4f36-a557-297994f172ac", "SecurityGroupId.1=c032ce42-b457-4f36-a557-297994f172ac", "as RunInstances@866"),
    (
        "CreateModel@3610",
        "SecurityGroupId=128fbf47-5860-4094-bf59-c76017f62bd8",
        "SecurityGroupId.1=128fbf47-5860-4094-bf59-c76017f62bd8",
        "kingsoftcloud-sdk-python's CreateModelRequest types SecurityGroupId as a list (Filter), as RunInstances'; the newer Java SDK, kingsoftcloud/sdk-java, sends it plain (a String), which the service, and the emulator, also read",
    ),
    (
        "AddVmIntoDataGuard@3800",
        "InstanceId=816ef5ad-5924-4072-bc0e-6420a304e71e",
        "InstanceId.1=816ef5ad-5924-4072-bc0e-6420a304e71e",
        "kingsoftcloud-sdk-python's AddVmIntoDataGuardRequest types InstanceId as a list (Filter)",
    ),
    (
        "RemoveImages@8025",
        "ImageId.1=15754278-6194-4b29-a3cd-677182c69b77",
        "ImageId=15754278-6194-4b29-a3cd-677182c69b77",
        "both SDKs send one ImageId, as the main body's sample (line 4246) does; the legacy section's own table says one image per call",
    ),
    ("RemoveImages@8464", "ImageId.1=15754278-6194-4b29-a3cd-677182c69b77", "ImageId=15754278-6194-4b29-a3cd-677182c69b77", "as RemoveImages@8025"),
];

/// Samples not reproduced at all, with the reason.
pub const NOT_REPRODUCED: &[(&str, &str)] = &[(
    "ModifyInstanceImage@7784",
    "a fragment: the tail (`&InstancePassword=...&AUTHPARAMS`) of a 0913 ModifyInstanceImage request whose URL and other parameters a page break lost",
)];

/// Parameters the client sends that a sample does not print, removed from what was received
/// before the comparison (only when the sample lacks them): (crate, parameter, why).
pub const CLIENT_ADDITIONS: &[(&str, &str, &str)] =
    &[("sks", "Region", "on a global host (sks.api.ksyun.com) the client names its region, as kingsoftcloud-sdk-python does")];

/// The parameters of sample `s` after the decided corrections, in order: a
/// [`DOCUMENT_TYPOS`] parameter replaced by the one meant (or dropped), a [`CLIENT_FORM`]
/// parameter in the form the spec sends, a [`VERSIONS`] `Version` as `service_version` (the
/// version of the sample's service); every other parameter as printed.
pub fn corrected(s: &Request, service_version: &str) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for p in &s.params {
        let printed = format!("{}={}", p.name, p.value);
        if let Some((_, _, fixed, _)) = DOCUMENT_TYPOS.iter().find(|(id, from, _, _)| *id == s.id && *from == printed) {
            if let Some((n, v)) = fixed.and_then(|f| f.split_once('=')) {
                out.push((n.to_owned(), v.to_owned()));
            }
            continue;
        }
        if let Some((n, v)) = CLIENT_FORM.iter().find(|(id, from, _, _)| *id == s.id && *from == printed).and_then(|c| c.2.split_once('='))
        {
            out.push((n.to_owned(), v.to_owned()));
            continue;
        }
        if p.name == "Version" && VERSIONS.iter().any(|(id, v, _)| *id == s.id && *v == p.value) {
            out.push((p.name.clone(), service_version.to_owned()));
            continue;
        }
        out.push((p.name.clone(), p.value.clone()));
    }
    out
}

/// Reads the fixture.
pub fn load() -> SampleWire {
    let text = std::fs::read_to_string(crate::fixture("ksyun/sample-wire.json")).expect("tests/fixtures/ksyun/sample-wire.json");
    serde_json::from_str(&text).expect("sample-wire.json matches its schema")
}
