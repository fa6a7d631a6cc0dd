//! The Kingsoft Cloud query runtime against a local server: POST (the default) with every
//! parameter in a form body and an Authorization header, GET per client with everything in
//! the query string, both verified the way the service verifies them; XML and JSON answers;
//! the error envelope; the global host and its `Region` parameter; dry runs. Then the
//! generated KEC crate: its resolved endpoint, `one_of` groups, wire action names, dry runs.
//!
//! Scripted server (`yun_tests::server`), not the emulator: form and query placement, both signatures, XML and
//! error envelopes are checked byte for byte, exact wire control the emulator does not give.

use std::time::Duration;

use serde::Deserialize;
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::clock::FixedClock;
use yun_runtime::ksyun::{Config, ConfigBuilder, DryRunInfo, QueryClient, RequestMethod, ResolvedEndpoint, ServiceInfo, SignatureLocation};
use yun_runtime::operation::params::{Params, WriteParam};
use yun_runtime::Answered;
use yun_runtime::{signing::sigv4, Credentials, Error, Operation};
use yun_tests::server::{Recorded, Reply, TestServer};

const SECRET: &str = "OEJtestKsyunSecretKey+/=";

static KEC: ServiceInfo = ServiceInfo {
    service: "kec",
    signing_name: "kec",
    version: "2016-03-04",
    endpoint: "kec.{region}.api.ksyun.com",
    global_endpoint: Some("kec.api.ksyun.com"),
    regions: &["cn-beijing-6"],
    dry_run: Some(DryRunInfo { member: "DryRun", code: "DryRunOperation", http_status: Some(412) }),
};

/// A global service (no `{region}` in its endpoint) whose scope name differs from its host's.
static SKS: ServiceInfo = ServiceInfo {
    service: "sks",
    signing_name: "sks-scope",
    version: "2015-11-01",
    endpoint: "sks.api.ksyun.com",
    global_endpoint: None,
    regions: &[],
    dry_run: None,
};

struct Describe {
    ids: Vec<String>,
    method: &'static str,
}

#[derive(Debug, Deserialize)]
struct DescribeOutput {
    #[serde(rename = "RequestId")]
    request_id: String,
    #[serde(rename = "InstanceCount")]
    instance_count: i32,
    #[serde(rename = "InstancesSet")]
    instances: Vec<Instance>,
}

#[derive(Debug, Deserialize)]
struct Instance {
    #[serde(rename = "InstanceId")]
    id: String,
}

impl Operation for Describe {
    const ACTION: &'static str = "DescribeInstances";
    const METHOD: &'static str = "POST";
    type Output = DescribeOutput;
    fn write_params(&self, query: &mut Params, body: &mut Params) {
        let out = if self.method == "GET" { query } else { body };
        self.ids.write_param("InstanceId", out);
        out.push("Filter.1.Name", "instance-state.name");
        out.push("Filter.1.Value.1", "active");
    }
}

fn builder(url: &str) -> ConfigBuilder {
    Config::builder()
        .region("cn-beijing-6")
        .endpoint(url)
        .credentials(Credentials::new("AKLTtest", SECRET))
        .clock(FixedClock::from_unix(1_795_405_999).unwrap())
        .retry(RetryConfig { max_attempts: 2, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(2) })
}

fn client(url: &str, location: SignatureLocation) -> QueryClient {
    QueryClient::new(&KEC, builder(url).signature_version(location).build().unwrap())
}

const XML: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<DescribeInstancesResponse xmlns="https://kec.api.ksyun.com/2016-03-04/">
  <RequestId>r-xml</RequestId><InstanceCount>2</InstanceCount>
  <InstancesSet><item><InstanceId>i-1</InstanceId></item><item><InstanceId>i-2</InstanceId></item></InstancesSet>
</DescribeInstancesResponse>"#;

fn settings(location: sigv4::SignatureLocation) -> sigv4::SigningSettings<'static> {
    sigv4::SigningSettings {
        region: "cn-beijing-6",
        service: "kec",
        time: FixedClock::from_unix(1_795_405_999).unwrap().0,
        location,
        expires_in: None,
    }
}

/// Recomputes the signature from what arrived, as the service does.
fn verify(r: &Recorded) {
    let credentials = Credentials::new("AKLTtest", SECRET);
    let host = r.header("host").unwrap();
    if let Some(signature) = r.query_param("X-Amz-Signature") {
        let signed: Vec<String> = r.query_param("X-Amz-SignedHeaders").unwrap().split(';').map(str::to_owned).collect();
        let headers: Vec<(String, String)> = signed.iter().map(|h| (h.clone(), r.header(h).unwrap().to_owned())).collect();
        let base: Vec<(String, String)> = r.query.iter().filter(|(k, _)| !k.starts_with("X-Amz-")).cloned().collect();
        let body = sigv4::SignableBody::Bytes(&r.body);
        let request = sigv4::SignableRequest { method: &r.method, host, path: &r.path, query: &base, headers: &headers, body };
        let again = sigv4::sign(&request, &credentials, &settings(sigv4::SignatureLocation::QueryParams));
        assert_eq!(again.signature, signature);
    } else {
        let auth = r.header("authorization").expect("a signature somewhere");
        let signed = auth.split("SignedHeaders=").nth(1).unwrap().split(',').next().unwrap();
        let headers: Vec<(String, String)> =
            signed.split(';').filter(|h| *h != "x-amz-date").map(|h| (h.to_owned(), r.header(h).unwrap().to_owned())).collect();
        let body = sigv4::SignableBody::Bytes(&r.body);
        let request = sigv4::SignableRequest { method: &r.method, host, path: &r.path, query: &r.query, headers: &headers, body };
        let again = sigv4::sign(&request, &credentials, &settings(sigv4::SignatureLocation::Headers));
        assert_eq!(again.headers.last().unwrap().1, auth);
    }
}

#[tokio::test]
async fn get_is_signed_in_the_query_and_xml_decodes() {
    let server = TestServer::start(vec![Reply::Respond {
        status: 200,
        headers: vec![("content-type".into(), "text/xml".into())],
        body: XML.into(),
    }])
    .await;
    let op = Describe { ids: vec!["i-1".into(), "i-2".into()], method: "GET" };
    let get = QueryClient::new(&KEC, builder(&server.url).request_method(RequestMethod::Get).build().unwrap());
    let out = get.call(&op).await.unwrap();
    assert_eq!((out.request_id.as_str(), out.instance_count), ("r-xml", 2));
    assert_eq!(out.instances.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["i-1", "i-2"]);
    let r = &server.requests()[0];
    assert_eq!(r.method, "GET");
    for (k, v) in [
        ("Action", "DescribeInstances"),
        ("Version", "2016-03-04"),
        ("InstanceId.1", "i-1"),
        ("InstanceId.2", "i-2"),
        ("Filter.1.Name", "instance-state.name"),
        ("Filter.1.Value.1", "active"),
        ("X-Amz-Algorithm", "AWS4-HMAC-SHA256"),
        ("X-Amz-Credential", "AKLTtest/20261123/cn-beijing-6/kec/aws4_request"),
        ("X-Amz-Date", "20261123T035319Z"),
    ] {
        assert_eq!(r.query_param(k), Some(v), "{k}");
    }
    assert_eq!(r.header("accept"), Some("application/json"));
    assert!(r.body.is_empty() && r.header("content-type").is_none() && r.header("authorization").is_none());
    assert_eq!(r.query_param("Region"), None, "a regional host gets no Region");
    verify(r);
}

#[tokio::test]
async fn post_is_the_default_with_every_parameter_in_the_form_body() {
    let json = r#"{"RequestId":"r-json","InstanceCount":"1","InstancesSet":[{"InstanceId":"i-9"}]}"#;
    let server = TestServer::start(vec![Reply::json(200, json)]).await;
    // The members land in the query Params; POST sends them in the body all the same.
    let op = Describe { ids: vec!["i-9".into()], method: "GET" };
    let out = client(&server.url, SignatureLocation::ByMethod).call(&op).await.unwrap();
    assert_eq!((out.request_id.as_str(), out.instance_count), ("r-json", 1));
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
    assert!(r.query.is_empty(), "nothing in the URL: {:?}", r.query);
    assert_eq!(r.header("content-type"), Some("application/x-www-form-urlencoded"));
    let auth = r.header("authorization").unwrap();
    assert!(
        auth.starts_with("AWS4-HMAC-SHA256 Credential=AKLTtest/20261123/cn-beijing-6/kec/aws4_request, SignedHeaders=content-type;host;x-amz-content-sha256;x-amz-date, Signature="),
        "{auth}"
    );
    use sha2::Digest;
    assert_eq!(r.header("x-amz-content-sha256"), Some(hex::encode(sha2::Sha256::digest(&r.body)).as_str()));
    let pairs: Vec<(String, String)> = r.form();
    let expected = [
        ("Action", "DescribeInstances"),
        ("Version", "2016-03-04"),
        ("InstanceId.1", "i-9"),
        ("Filter.1.Name", "instance-state.name"),
        ("Filter.1.Value.1", "active"),
    ];
    assert_eq!(pairs, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
    verify(r);
}

#[tokio::test]
async fn a_password_never_reaches_the_url_by_default() {
    struct Run;
    impl Operation for Run {
        const ACTION: &'static str = "RunInstances";
        const METHOD: &'static str = "POST";
        type Output = serde_json::Value;
        fn write_params(&self, query: &mut Params, _body: &mut Params) {
            query.push("InstancePassword", "Pa ss*w~rd/云+&=");
            query.push("UserData", "A".repeat(16 * 1024));
        }
    }
    let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"r"}"#)]).await;
    client(&server.url, SignatureLocation::ByMethod).call(&Run).await.unwrap();
    let r = &server.requests()[0];
    assert!(r.query.is_empty());
    let body = std::str::from_utf8(&r.body).unwrap();
    assert!(body.contains("InstancePassword=Pa+ss%2Aw~rd%2F%E4%BA%91%2B%26%3D&"), "Python urlencode form: {body}");
    assert_eq!(r.form().iter().find(|(k, _)| k == "InstancePassword").unwrap().1, "Pa ss*w~rd/云+&=");
    assert!(r.body.len() > 16 * 1024);
    verify(r);
}

#[tokio::test]
async fn error_envelope_and_throttling_retry() {
    let throttled = r#"{"RequestId":"r-1","Error":{"Type":"Sender","Code":"LimitExceeded","Message":"slow down"}}"#;
    let denied = "<ErrorResponse><RequestId>r-2</RequestId><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>The request signature we calculated does not match the signature you provided.</Message></Error></ErrorResponse>";
    let server =
        TestServer::start(vec![Reply::json(400, throttled), Reply::Respond { status: 403, headers: vec![], body: denied.into() }]).await;
    let op = Describe { ids: vec![], method: "GET" };
    let get = QueryClient::new(
        &KEC,
        builder(&server.url).request_method(RequestMethod::Get).signature_version(SignatureLocation::Header).build().unwrap(),
    );
    let err = get.call(&op).await.unwrap_err();
    let Error::Service(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code(), e.request_id()), (403, Some("SignatureDoesNotMatch"), Some("r-2")));
    assert_eq!(server.requests().len(), 2, "LimitExceeded was retried once");
    let r = &server.requests()[0];
    assert!(r.header("authorization").is_some() && r.method == "GET" && r.query_param("Action") == Some("DescribeInstances"));
    verify(r);
    assert!(!format!("{err:?}").contains(SECRET));
}

fn resolved(service: &'static ServiceInfo, b: ConfigBuilder) -> ResolvedEndpoint {
    QueryClient::new(service, b.build().unwrap()).endpoint().clone()
}

fn plain() -> ConfigBuilder {
    Config::builder().region("cn-beijing-6").credentials(Credentials::new("AKLTtest", SECRET))
}

#[test]
fn endpoints_resolve_without_a_network() {
    let regional = resolved(&KEC, plain());
    assert_eq!(regional.url, "https://kec.cn-beijing-6.api.ksyun.com/");
    assert_eq!(regional.host, "kec.cn-beijing-6.api.ksyun.com");
    assert_eq!((regional.global, regional.sends_region), (false, false));
    assert_eq!((regional.signing_name, regional.signing_region.as_str(), regional.api_version), ("kec", "cn-beijing-6", "2016-03-04"));
    assert_eq!(regional.request_method, None);

    let global = resolved(&KEC, plain().global_endpoint(true).request_method(RequestMethod::Get));
    assert_eq!((global.host.as_str(), global.global, global.sends_region), ("kec.api.ksyun.com", true, true));
    assert_eq!((global.signing_region.as_str(), global.request_method), ("cn-beijing-6", Some(RequestMethod::Get)));

    // An override equal to the global host is the global host; any other stands for the regional one.
    let named = resolved(&KEC, plain().endpoint("https://kec.api.ksyun.com"));
    assert_eq!((named.host.as_str(), named.global, named.sends_region), ("kec.api.ksyun.com", true, true));
    let proxy = resolved(&KEC, plain().endpoint("http://127.0.0.1:9"));
    assert_eq!((proxy.url.as_str(), proxy.global, proxy.sends_region), ("http://127.0.0.1:9/", false, false));
    let forced = resolved(&KEC, plain().endpoint("http://127.0.0.1:9").global_endpoint(true));
    assert_eq!((forced.host.as_str(), forced.global, forced.sends_region), ("127.0.0.1:9", true, true));
    let quiet = resolved(&KEC, plain().global_endpoint(true).region_parameter(false));
    assert_eq!((quiet.global, quiet.sends_region), (true, false));

    // A pattern without {region} is a global host: signed with the configured region and
    // the spec's scope name, Region sent.
    let sks = resolved(&SKS, plain().region("cn-shanghai-2"));
    assert_eq!((sks.host.as_str(), sks.global, sks.sends_region), ("sks.api.ksyun.com", true, true));
    assert_eq!((sks.signing_name, sks.signing_region.as_str(), sks.api_version), ("sks-scope", "cn-shanghai-2", "2015-11-01"));
}

#[tokio::test]
async fn a_global_host_gets_the_region_parameter_and_the_scope_keeps_the_region() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"r","InstanceCount":0,"InstancesSet":[]}"#)]).await;
    let global = QueryClient::new(&KEC, builder(&server.url).global_endpoint(true).build().unwrap());
    global.call(&Describe { ids: vec!["i-1".into()], method: "POST" }).await.unwrap();
    let sks = QueryClient::new(&SKS, builder(&server.url).build().unwrap());
    struct Own;
    impl Operation for Own {
        const ACTION: &'static str = "QueryImageList";
        const METHOD: &'static str = "POST";
        type Output = serde_json::Value;
        fn write_params(&self, query: &mut Params, _body: &mut Params) {
            query.push("Region", "cn-beijing-6");
        }
    }
    sks.call(&Own).await.unwrap();
    let requests = server.requests();
    let kec = requests[0].form();
    assert_eq!(
        kec[..3],
        [("Action".into(), "DescribeInstances".into()), ("Version".into(), "2016-03-04".into()), ("Region".into(), "cn-beijing-6".into())]
    );
    assert!(requests[0].header("authorization").unwrap().contains("/20261123/cn-beijing-6/kec/aws4_request"));
    verify(&requests[0]);
    let own = requests[1].form();
    assert_eq!(own.iter().filter(|(k, _)| k == "Region").count(), 1, "the operation's own Region is not doubled: {own:?}");
    assert_eq!(own[1], ("Version".to_owned(), "2015-11-01".to_owned()));
    assert!(requests[1].header("authorization").unwrap().contains("/cn-beijing-6/sks-scope/aws4_request"));
}

#[tokio::test]
async fn a_dry_run_that_would_succeed_is_ok_and_other_answers_are_errors() {
    let passed = r#"{"RequestId":"r-dry","Error":{"Type":"Sender","Code":"DryRunOperation","Message":"Request would have succeeded, but DryRun flag is set."}}"#;
    let forbidden = r#"{"RequestId":"r-no","Error":{"Type":"Sender","Code":"InvalidParameterValue","Message":"bad InstanceId"}}"#;
    let server = TestServer::start(vec![
        Reply::json(412, passed),
        Reply::json(400, forbidden),
        Reply::json(200, r#"{"RequestId":"r-did","InstanceCount":0,"InstancesSet":[]}"#),
        Reply::json(200, r#"{"RequestId":"r-plain","InstanceCount":0,"InstancesSet":[]}"#),
    ])
    .await;
    let c = client(&server.url, SignatureLocation::ByMethod);
    let op = Describe { ids: vec!["i-1".into()], method: "POST" };
    let ok = c.dry_run(&op).await.unwrap();
    assert_eq!((ok.request_id.as_deref(), ok.code.as_str(), ok.status), (Some("r-dry"), "DryRunOperation", 412));
    let err = c.dry_run(&op).await.unwrap_err();
    assert_eq!((err.service_code(), err.request_id()), (Some("InvalidParameterValue"), Some("r-no")));
    let err = c.dry_run(&op).await.unwrap_err();
    assert!(matches!(err, Error::NotDryRun(_)), "{err:?}");
    assert_eq!(err.request_id(), Some("r-did"));
    assert!(err.to_string().contains("did not dry-run it"), "{err}");
    c.call(&op).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 4, "nothing retried");
    for r in &requests[..3] {
        assert_eq!(r.form().last(), Some(&("DryRun".to_owned(), "true".to_owned())));
        verify(r);
    }
    assert!(!requests[3].form().iter().any(|(k, _)| k == "DryRun"), "ordinary calls send no DryRun");
    let none = QueryClient::new(&SKS, builder(&server.url).build().unwrap());
    assert!(matches!(none.dry_run(&op).await, Err(Error::Config(_))));
}

mod generated_kec {
    use super::*;
    use yun_ksyun_kec::operation::{AttachNetworkInterfaceInput, DescribeInstanceFamiliesInput, DescribeInstancesInput};
    use yun_ksyun_kec::{Client, Config as KecConfig};

    fn kec(url: Option<&str>, global: bool) -> Client {
        let mut b = KecConfig::builder()
            .region("cn-beijing-6")
            .credentials(Credentials::new("AKLTtest", SECRET))
            .clock(FixedClock::from_unix(1_795_405_999).unwrap())
            .global_endpoint(global);
        if let Some(url) = url {
            b = b.endpoint(url);
        }
        Client::new(b.build().unwrap())
    }

    #[test]
    fn the_client_names_its_host_and_scope() {
        let e = kec(None, false).endpoint().clone();
        assert_eq!(
            (e.host.as_str(), e.signing_name, e.signing_region.as_str(), e.api_version, e.sends_region),
            ("kec.cn-beijing-6.api.ksyun.com", "kec", "cn-beijing-6", "2016-03-04", false)
        );
        let e = kec(None, true).endpoint().clone();
        assert_eq!(
            (e.host.as_str(), e.global, e.sends_region, e.signing_region.as_str()),
            ("kec.api.ksyun.com", true, true, "cn-beijing-6")
        );
    }

    #[test]
    fn attach_network_interface_takes_exactly_one_call_form() {
        const ID: &str = "5d8a6a1c-3a0f-4f6e-9a55-3c1e2b7d9f10";
        let base = || AttachNetworkInterfaceInput::builder().instance_id(ID);
        base().network_interface_id(ID).build().unwrap();
        base().subnet_id(ID).security_group_id(vec![ID.to_owned()]).build().unwrap();
        let none = base().build().unwrap_err().to_string();
        assert!(
            none.contains("set exactly one of the groups (`network_interface_id`) or (`subnet_id`, `security_group_id`): none is set"),
            "{none}"
        );
        let both = base().network_interface_id("eni-secret-1").subnet_id(ID).build().unwrap_err().to_string();
        assert!(both.contains("exclude each other") && !both.contains("eni-secret-1"), "{both}");
        let half = base().subnet_id(ID).build().unwrap_err().to_string();
        assert!(half.contains("so `security_group_id` must be set too"), "{half}");
        // An empty list sends nothing: it neither completes nor chooses a group.
        let empty = base().subnet_id(ID).security_group_id(Vec::<String>::new()).build().unwrap_err().to_string();
        assert!(empty.contains("so `security_group_id` must be set too"), "{empty}");
        base().network_interface_id(ID).security_group_id(Vec::<String>::new()).build().unwrap();
    }

    #[test]
    fn a_wire_action_apart_from_the_key() {
        assert_eq!(<DescribeInstanceFamiliesInput as yun_runtime::Operation>::ACTION, "DescribeInstanceFamilys");
        let _ = DescribeInstanceFamiliesInput::builder().build().unwrap();
    }

    #[tokio::test]
    async fn describe_models_pages_by_offset() {
        use yun_ksyun_kec::operation::DescribeModelsInput;
        use yun_ksyun_kec::StreamExt;
        let page = |ids: &[&str]| {
            let set: Vec<String> = ids.iter().map(|id| format!(r#"{{"ModelId":"{id}"}}"#)).collect();
            Reply::json(200, &format!(r#"{{"RequestId":"r","InstanceCount":5,"ModelSet":[{}]}}"#, set.join(",")))
        };
        let server = TestServer::start(vec![page(&["a", "b"]), page(&["c", "d"]), page(&["e"]), page(&["never"])]).await;
        let input = DescribeModelsInput::builder().max_results(2).build().unwrap();
        let mut items = std::pin::pin!(kec(Some(&server.url), false).describe_models_paginator(input).items());
        let mut ids = Vec::new();
        while let Some(item) = items.next().await {
            ids.push(item.unwrap().model_id.unwrap());
        }
        assert_eq!(ids, ["a", "b", "c", "d", "e"], "the total (5) ends the paging");
        let markers: Vec<Option<String>> =
            server.requests().iter().map(|r| r.form().into_iter().find(|(k, _)| k == "Marker").map(|(_, v)| v)).collect();
        assert_eq!(markers, [None, Some("2".to_owned()), Some("4".to_owned())], "the offset advances by the items received");
    }

    /// Paging that starts at an offset ends when the offset reaches the total (which counts
    /// from 0), not after a total's worth of items from the start offset.
    #[tokio::test]
    async fn offset_paging_from_a_marker_ends_at_the_total() {
        use yun_ksyun_kec::operation::DescribeModelsInput;
        use yun_ksyun_kec::StreamExt;
        let page = r#"{"RequestId":"r","InstanceCount":6,"ModelSet":[{"ModelId":"e"},{"ModelId":"f"}]}"#;
        let server = TestServer::start(vec![Reply::json(200, page), Reply::json(200, page)]).await;
        let input = DescribeModelsInput::builder().max_results(2).marker(4).build().unwrap();
        let pages: Vec<_> = kec(Some(&server.url), false).describe_models_paginator(input).pages().collect().await;
        assert_eq!(pages.len(), 1);
        assert_eq!(server.requests().len(), 1, "offset 4 + 2 items = the total 6: no further request");
    }

    /// A member alias decodes the other spelling, and an answer carrying both spellings
    /// (`RequestId` beside the legacy `requestId`) decodes too, the spec's wire name first:
    /// serde's `alias` failed it as a duplicate field.
    #[tokio::test]
    async fn an_answer_with_both_spellings_of_an_aliased_member_decodes() {
        use yun_ksyun_kec::operation::DescribeInstanceVncInput;
        let server = TestServer::start(vec![
            Reply::json(200, r#"{"requestId":"legacy","vncUrl":"wss://a"}"#),
            Reply::json(200, r#"{"requestId":"legacy","RequestId":"r-1","vncUrl":"wss://b"}"#),
            Reply::json(200, r#"{"RequestId":"r-2","requestId":"legacy"}"#),
        ])
        .await;
        let client = kec(Some(&server.url), false);
        let input = DescribeInstanceVncInput::builder().instance_id("5d8a6a1c-3a0f-4f6e-9a55-3c1e2b7d9f10").build().unwrap();
        let mut got = Vec::new();
        for _ in 0..3 {
            let out = client.describe_instance_vnc(input.clone()).await.unwrap();
            got.push(out.request_id);
        }
        assert_eq!(got, [Some("legacy".to_owned()), Some("r-1".to_owned()), Some("r-2".to_owned())]);
        let both: yun_ksyun_kec::types::DataDiskQuota = serde_json::from_str(r#"{"DataDiskMaxSize":100,"DataDiskMaxsize":200}"#).unwrap();
        assert_eq!(both.data_disk_maxsize, Some(200.0), "the wire name (DataDiskMaxsize) wins over its alias");
    }

    #[tokio::test]
    async fn dry_run_through_the_generated_client() {
        let passed = r#"{"RequestId":"r-dry","Error":{"Type":"Sender","Code":"DryRunOperation","Message":"would succeed"}}"#;
        let server = TestServer::start(vec![Reply::json(412, passed), Reply::json(200, r#"{"RequestId":"r-2"}"#)]).await;
        let client = kec(Some(&server.url), false);
        let ok = client.dry_run(DescribeInstancesInput::builder().build().unwrap()).await.unwrap();
        assert_eq!(ok.request_id.as_deref(), Some("r-dry"));
        client.describe_instance_families(DescribeInstanceFamiliesInput::builder().build().unwrap()).await.unwrap();
        let requests = server.requests();
        let first = requests[0].form();
        assert_eq!(first[0], ("Action".to_owned(), "DescribeInstances".to_owned()));
        assert!(first.contains(&("DryRun".to_owned(), "true".to_owned())));
        let second = requests[1].form();
        assert_eq!(second[0], ("Action".to_owned(), "DescribeInstanceFamilys".to_owned()));
        assert!(!second.iter().any(|(k, _)| k == "DryRun" || k == "Region"));
        assert!(requests.iter().all(|r| r.method == "POST" && r.query.is_empty()));
        verify(&requests[1]);
    }
}

/// The host signed is the host sent: an override written with capitals or the scheme's
/// default port is sent by the HTTP client as `Host: localhost:…` / `Host: h`, so it is
/// signed and reported by `endpoint()` that way (else: SignatureDoesNotMatch).
#[tokio::test]
async fn the_host_signed_and_reported_is_the_host_sent() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"r","InstanceCount":0,"InstancesSet":[]}"#)]).await;
    let port = server.url.rsplit(':').next().unwrap().to_owned();
    let c = QueryClient::new(&KEC, builder(&format!("HTTP://LocalHost:{port}/")).build().unwrap());
    assert_eq!((c.endpoint().host.clone(), c.endpoint().url.clone()), (format!("localhost:{port}"), format!("http://localhost:{port}/")));
    c.call(&Describe { ids: vec!["i-1".into()], method: "POST" }).await.unwrap();
    let r = &server.requests()[0];
    assert_eq!(r.header("host"), Some(c.endpoint().host.as_str()));
    verify(r);

    let default_port = resolved(&KEC, plain().endpoint("https://KEC.API.KSYUN.COM:443"));
    assert_eq!(
        (default_port.host.as_str(), default_port.url.as_str(), default_port.global),
        ("kec.api.ksyun.com", "https://kec.api.ksyun.com/", true)
    );
    assert_eq!(resolved(&KEC, plain().endpoint("http://127.0.0.1:80")).host, "127.0.0.1");
    assert_eq!(resolved(&KEC, plain().endpoint("127.0.0.1:8443")).host, "127.0.0.1:8443");
}

/// A region id ends up in the host: one that would change the host is refused.
#[test]
fn a_region_that_would_change_the_host_is_refused() {
    for region in ["evil.example#", "x/y", "a@b", "cn-beijing-6:1", "cn beijing"] {
        let err = plain().region(region).build().unwrap_err();
        assert!(matches!(err, Error::Config(_)) && err.to_string().contains("a region id is"), "{region}: {err}");
    }
    plain().region("cn-beijing-6").build().unwrap();
}

/// A dry run answered with a success whose body is neither JSON nor XML (empty, `OK`) is
/// still a success the service gave: `NotDryRun`, not a decode error.
#[tokio::test]
async fn a_dry_run_answered_with_an_undecodable_success_is_not_a_dry_run() {
    let server = TestServer::start(vec![Reply::json(200, ""), Reply::json(200, "OK"), Reply::json(412, "")]).await;
    let c = client(&server.url, SignatureLocation::ByMethod);
    let op = Describe { ids: vec!["i-1".into()], method: "POST" };
    for _ in 0..2 {
        let err = c.dry_run(&op).await.unwrap_err();
        assert!(matches!(err, Error::NotDryRun(_)), "{err:?}");
    }
    let err = c.dry_run(&op).await.unwrap_err();
    assert!(matches!(&err, Error::Service(e) if e.status == 412 && e.code.is_none()), "a 412 without the dry-run code is no pass: {err:?}");
    assert_eq!(server.requests().len(), 3, "nothing retried");
}

/// An answer that holds a secret (SKS CreateKey's PrivateKey): a value that does not fit is
/// left out with a warning that keeps its path but no raw text, and no raw body is kept; an
/// answer that is not the envelope at all keeps neither its body nor the decoder's words
/// about a value in the error, which `Display`, `Debug` and the debug log show. An answer
/// without secrets keeps its raw text, its body, and the body of an error.
#[tokio::test]
async fn a_secret_answer_that_fails_to_decode_keeps_no_body() {
    use yun_ksyun_sks::operation::CreateKeyInput;
    const {
        assert!(<CreateKeyInput as Operation>::SENSITIVE_OUTPUT);
        assert!(<yun_ksyun_kec::operation::DescribeInstanceVncInput as Operation>::SENSITIVE_OUTPUT);
        assert!(!<yun_ksyun_kec::operation::DescribeInstancesInput as Operation>::SENSITIVE_OUTPUT);
    }
    let key = "-----BEGIN RSA PRIVATE KEY-----MIIsecretKEY";
    let server = TestServer::start(vec![
        Reply::json(200, &format!(r#"{{"RequestId":"r","PrivateKey":"{key}","Key":[1,"{key}"]}}"#)),
        Reply::json(200, &format!(r#"{{"RequestId":"r","PrivateKey":{{"pem":"{key}"}}}}"#)),
        Reply::json(200, &format!(r#"["{key}"]"#)),
    ])
    .await;
    let sks = yun_ksyun_sks::Client::new(builder(&server.url).build().unwrap());
    let create = || CreateKeyInput::builder().key_name("kk").build().unwrap();
    let out = sks.create_key(create()).await.unwrap();
    assert_eq!(out.private_key.as_deref(), Some(key), "the members that fit decode");
    let out2 = sks.create_key(create()).await.unwrap();
    assert_eq!(out2.private_key, None);
    for (out, path) in [(&out, "Key"), (&out2, "PrivateKey")] {
        let w: Vec<_> = out.warnings().iter().map(|w| (w.path(), w.raw())).collect();
        assert_eq!(w, [(path, yun_runtime::response::decode::WITHHELD)]);
        assert_eq!(out.raw_body(), None);
        let shown = format!("{out:?} {:?} {}", out.warnings(), out.warnings()[0]);
        assert!(!shown.contains("MIIsecret"), "{shown}");
    }
    let err = sks.create_key(create()).await.unwrap_err();
    let shown = format!("{err} {err:?}");
    assert!(matches!(err, Error::Decode(_)) && !shown.contains("MIIsecret") && shown.contains("withheld"), "{shown}");
    let Error::Decode(d) = err else { panic!() };
    assert!(d.message.starts_with("the response: "), "where it failed stays: {}", d.message);
    let plain =
        TestServer::start(vec![Reply::json(200, r#"{"RequestId":"r","InstanceCount":"many"}"#), Reply::json(200, r#"["many"]"#)]).await;
    let kec = yun_ksyun_kec::Client::new(builder(&plain.url).build().unwrap());
    let describe = || yun_ksyun_kec::operation::DescribeInstancesInput::builder().build().unwrap();
    let out = kec.describe_instances(describe()).await.unwrap();
    let w: Vec<_> = out.warnings().iter().map(|w| (w.path(), w.raw())).collect();
    assert_eq!(w, [("InstanceCount", r#""many""#)]);
    assert!(out.raw_body().is_some_and(|b| b.windows(4).any(|w| w == b"many")));
    let Error::Decode(d) = kec.describe_instances(describe()).await.unwrap_err() else { panic!() };
    assert!(d.body.contains("many"), "{d:?}");
}

/// The debug log of a failed operation names status, code and message, never the answer's
/// body (a decoding error's, or a service error's without a message), as the README says.
#[tokio::test]
async fn the_log_of_a_failed_call_holds_no_body() {
    let capture = yun_tests::logs::capture(tracing::Level::TRACE);
    let server = TestServer::start(vec![
        Reply::json(200, r#"{"RequestId":"r","InstanceCount":"BODY-MARKER-1","InstancesSet":[]}"#),
        Reply::json(400, r#"{"RequestId":"r","Error":{"Code":"Odd"},"Echo":"BODY-MARKER-2"}"#),
    ])
    .await;
    let c = client(&server.url, SignatureLocation::ByMethod);
    let op = Describe { ids: vec!["i-1".into()], method: "POST" };
    let decode = c.call(&op).await.unwrap_err();
    let service = c.call(&op).await.unwrap_err();
    assert!(matches!(decode, Error::Decode(_)) && matches!(service, Error::Service(_)));
    let logs = capture.text();
    assert!(
        logs.contains("operation failed")
            && logs.contains("cannot decode the response (HTTP 200)")
            && logs.contains("service error (HTTP 400) Odd"),
        "{logs}"
    );
    assert!(!logs.contains("BODY-MARKER-2") && !logs.contains("body starts"), "{logs}");
}
