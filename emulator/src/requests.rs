//! Requests for the emulator's own tests and fuzz targets: an operation's input encoded as its
//! client would send it, changed on the wire ([`Edit`]: a value its builder would refuse, a
//! member it never writes), then signed with the protocol's test key, ready for
//! [`Emulator::answer`](crate::Emulator::answer); and [`error_code`], which reads an error
//! answer's code out of the provider's envelope, checking every field the provider's errors
//! carry.
//!
//! Used by `emulator/tests/bad_input.rs` and the `emulator_request` fuzz target
//! (`fuzz/src/emulator.rs`).

use yun_runtime::client::http::{HttpRequest, HttpResponse};
use yun_runtime::client::send::{Encoded, Wire};
use yun_runtime::operation::params::Params;
use yun_runtime::server::arbitrary::{Gen, Wire as GenWire};
use yun_runtime::server::{Dispatch, ServerProtocol};

/// A change to what a request sends, made after it is encoded and before it is signed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Edit {
    /// Replaces (or adds) the form or query parameter `key` with `value`; the request's query
    /// parameters move into its form body.
    Param(String, String),
    /// Replaces (or adds) the `{name}` segment `name` of the path.
    Path(String, String),
    /// Replaces (or adds) the top-level member `key` of the JSON body (REST protocols); a
    /// request without a JSON body is left as it is.
    Json(String, serde_json::Value),
}

impl Edit {
    /// The edit a `key=value` line means for `encoded`: `/name=value` a path member, else a
    /// member of the JSON body when the request has one that is an object (the value as JSON
    /// when it parses, else as a string), else a form or query parameter.
    pub fn from_line(encoded: &Encoded, key: &str, value: &str) -> Self {
        if let Some(name) = key.strip_prefix('/') {
            Self::Path(name.to_owned(), value.to_owned())
        } else if matches!(encoded.json, Some(serde_json::Value::Object(_))) {
            let parsed = serde_json::from_str(value).unwrap_or_else(|_| serde_json::Value::String(value.to_owned()));
            Self::Json(key.to_owned(), parsed)
        } else {
            Self::Param(key.to_owned(), value.to_owned())
        }
    }

    /// Makes the change to `encoded`.
    pub fn apply(&self, encoded: &mut Encoded) {
        match self {
            Self::Param(key, value) => set_param(encoded, key, value),
            Self::Path(name, value) => {
                let mut path = Params::new();
                for (k, v) in encoded.path.pairs().iter().filter(|(k, _)| k != name) {
                    path.push(k.clone(), v.clone());
                }
                path.push(name.as_str(), value.as_str());
                encoded.path = path;
            }
            Self::Json(key, value) => {
                if let Some(serde_json::Value::Object(map)) = encoded.json.as_mut() {
                    map.insert(key.clone(), value.clone());
                }
            }
        }
    }
}

/// Replaces (or adds) form or query parameter `key` with `value`: every parameter the request
/// had, but `key`, then `key=value`, all in the form body.
pub fn set_param(encoded: &mut Encoded, key: &str, value: &str) {
    let mut params = Params::new();
    for (k, v) in encoded.body.pairs().iter().chain(encoded.query.pairs()).filter(|(k, _)| k != key) {
        params.push(k.clone(), v.clone());
    }
    params.push(key, value);
    encoded.body = params;
    encoded.query = Params::new();
}

/// A KEC RunInstances the emulator accepts as it is: one instance of the catalogue's image
/// `314bbaa0-…` (the KEC document's, line 869; the lifecycle example's), with only the members
/// the operation requires. Tests change it on the wire ([`set_param`]) to see what the
/// emulator makes of a member.
pub fn kec_run_instances() -> yun_ksyun_kec::server::OperationInput {
    yun_ksyun_kec::server::OperationInput::RunInstances(
        yun_ksyun_kec::operation::RunInstancesInput::builder()
            .image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b")
            .max_count(1)
            .min_count(1)
            .build()
            .expect("the required members are set"),
    )
}

/// Operation `index` (modulo the service's number of operations) of dispatcher `D` with
/// members drawn from `seed`, as the server round trips draw them (flat wire values); `None`
/// for an operation that has no such input.
pub fn arbitrary<D: Dispatch>(index: usize, seed: u64) -> Option<D> {
    let mut g = Gen::new(seed, GenWire::Flat);
    D::arbitrary(index % D::actions().len().max(1), &mut g)
}

/// `input` encoded as its client sends it, changed by `edit`, then signed with the protocol's
/// test key by the protocol's test client of variant `variant` (sent unsigned when the
/// operation is anonymous). `None` when the protocol has no test client for the service or
/// an anonymous request cannot be made.
pub fn signed<D: Dispatch>(input: &D, variant: u64, edit: impl FnOnce(&mut Encoded)) -> Option<HttpRequest> {
    let client = D::Protocol::test_client(D::SERVICE, variant).ok()?;
    let mut encoded = input.encoded();
    edit(&mut encoded);
    if encoded.anonymous {
        client.authorize_anonymous(&encoded)
    } else {
        Some(client.authorize(&encoded, &D::Protocol::test_key()))
    }
}

/// The provider's error code in `answer` (a status of 400 or more), read from its envelope,
/// every field the provider's error answers carry checked: Aliyun `{RequestId, HostId, Code,
/// Message}`, Kingsoft `{RequestId, Error: {Code, Message}}` (or its XML with a `<Code>`), JD
/// Cloud `{requestId, error: {code: <the HTTP status>, status, message}}`, Inspur `{code,
/// message}`; the `admin` endpoint `{error}` (its message stands for the code). `service` is
/// the emulator's name of the service (`aliyun-ecs`, `ksyun-kec`, …).
///
/// # Errors
///
/// What is wrong, with the body: a status below 400, a body that is not the envelope.
pub fn error_code(service: &str, answer: &HttpResponse) -> Result<String, String> {
    let text = || String::from_utf8_lossy(&answer.body).into_owned();
    if answer.status < 400 {
        return Err(format!("{service}: not an error: {} {}", answer.status, text()));
    }
    if service.starts_with("ksyun") && answer.body.starts_with(b"<") {
        let body = text();
        let code = body.split("<Code>").nth(1).and_then(|r| r.split("</Code>").next());
        return code.map(str::to_owned).ok_or_else(|| format!("{service}: no <Code> in {body}"));
    }
    let b: serde_json::Value =
        serde_json::from_slice(&answer.body).map_err(|e| format!("{service}: an error that is not JSON ({e}): {}", text()))?;
    let field = |v: &serde_json::Value| v.as_str().map(str::to_owned).or_else(|| v.as_u64().map(|n| n.to_string()));
    let (complete, code) = match service.split('-').next().unwrap_or_default() {
        "admin" => (true, field(&b["error"])),
        "aliyun" => (b["RequestId"].is_string() && b["HostId"].is_string() && b["Message"].is_string(), field(&b["Code"])),
        "ksyun" => (b["RequestId"].is_string() && b["Error"]["Message"].is_string(), field(&b["Error"]["Code"])),
        "jdcloud" => (
            b["requestId"].is_string() && b["error"]["status"].is_string() && b["error"]["code"].as_u64() == Some(u64::from(answer.status)),
            field(&b["error"]["status"]),
        ),
        _ => (b["message"].is_string(), field(&b["code"])),
    };
    match code {
        Some(code) if complete => Ok(code),
        _ => Err(format!("{service}: {} outside the provider's envelope: {b}", answer.status)),
    }
}

/// Any bytes as one HTTP/1.1 exchange with `emulator` as `service` over an in-process stream
/// (no socket): the bytes written, the writing side shut, what comes back read to its end.
/// Empty when the bytes did not parse as HTTP; else an answer with a status line.
pub async fn raw_exchange(emulator: &crate::Emulator, service: &str, bytes: &[u8]) -> Vec<u8> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let (mut client, server) = tokio::io::duplex(1 << 16);
    let serving = emulator.serve_io(service, server);
    let talking = async {
        let _ = client.write_all(bytes).await;
        let _ = client.shutdown().await;
        let mut answer = Vec::new();
        let _ = client.read_to_end(&mut answer).await;
        answer
    };
    tokio::join!(serving, talking).1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn answer(status: u16, body: &str) -> HttpResponse {
        HttpResponse { status, headers: Vec::new(), body: body.as_bytes().to_vec().into() }
    }

    #[test]
    fn error_codes_are_read_from_each_envelope_and_incomplete_ones_refused() {
        let aliyun = r#"{"RequestId":"r","HostId":"h","Code":"Throttling","Message":"m"}"#;
        assert_eq!(error_code("aliyun-ecs", &answer(400, aliyun)), Ok("Throttling".to_owned()));
        assert!(error_code("aliyun-ecs", &answer(400, r#"{"RequestId":"r","Code":"Throttling","Message":"m"}"#)).is_err(), "no HostId");
        assert!(error_code("aliyun-ecs", &answer(200, aliyun)).is_err(), "not an error");
        let jd = r#"{"requestId":"r","error":{"code":429,"status":"QUOTA_EXCEEDED","message":"m"}}"#;
        assert_eq!(error_code("jdcloud-vm", &answer(429, jd)), Ok("QUOTA_EXCEEDED".to_owned()));
        assert!(error_code("jdcloud-vm", &answer(400, jd)).is_err(), "the code is not the status");
        let ks = r#"{"RequestId":"r","Error":{"Code":"InvalidParameterValue","Message":"m"}}"#;
        assert_eq!(error_code("ksyun-kec", &answer(400, ks)), Ok("InvalidParameterValue".to_owned()));
        assert_eq!(error_code("ksyun-kec", &answer(400, "<Error><Code>X</Code></Error>")), Ok("X".to_owned()));
        assert_eq!(error_code("inspur-ecs", &answer(400, r#"{"code":"Bad","message":"m"}"#)), Ok("Bad".to_owned()));
        assert_eq!(error_code("admin", &answer(400, r#"{"error":"no such fault"}"#)), Ok("no such fault".to_owned()));
        assert!(error_code("inspur-ecs", &answer(502, "<html></html>")).is_err());
    }

    #[test]
    fn edits_change_what_is_sent() {
        let describe = yun_ksyun_kec::operation::DescribeInstancesInput::builder().max_results(10).build().unwrap();
        let mut encoded = yun_ksyun_kec::server::OperationInput::DescribeInstances(describe).encoded();
        Edit::from_line(&encoded, "MaxResults", "2").apply(&mut encoded);
        assert_eq!(encoded.body.pairs().iter().filter(|(k, _)| k == "MaxResults").map(|(_, v)| v.as_str()).collect::<Vec<_>>(), ["2"]);
        assert!(encoded.query.pairs().is_empty());
        assert_eq!(Edit::from_line(&encoded, "/instanceId", "i-1"), Edit::Path("instanceId".into(), "i-1".into()));
    }
}
