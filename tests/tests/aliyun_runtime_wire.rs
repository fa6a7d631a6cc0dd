//! The Aliyun RPC runtime against a local server: what goes on the wire for both
//! signatures, verified the way the service verifies it; errors, retries and timeouts.
//!
//! Scripted server (`yun_tests::server`), not the emulator: exact bytes on the wire, chosen error bodies,
//! retries and timeouts need exact wire control, which the emulator does not give.

use std::time::{Duration, Instant};

use serde::Deserialize;
use yun_runtime::aliyun::{acs3, rpc_v1, Config, Operation, RpcClient, ServiceInfo, SignatureVersion};
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::clock::{FixedClock, FixedNonce};
use yun_runtime::operation::params::{Params, WriteParam};
use yun_runtime::{Credentials, Error};
use yun_tests::server::{Recorded, Reply, TestServer};

const SECRET: &str = "TestSecret+/=KeyForWireTests";

static SERVICE: ServiceInfo = ServiceInfo {
    product: "test",
    version: "2020-06-01",
    endpoint: "test.{region}.aliyuncs.com",
    endpoints: &[],
    signing: &[SignatureVersion::Acs3HmacSha256, SignatureVersion::HmacSha1],
    regions: &["cn-hangzhou"],
};

/// A hand-written operation, so these tests do not depend on any spec.
struct Describe {
    ids: Vec<String>,
    name: String,
    body_note: Option<String>,
}

#[derive(Debug, Deserialize)]
struct DescribeOutput {
    #[serde(rename = "RequestId")]
    request_id: String,
}

impl Operation for Describe {
    const ACTION: &'static str = "DescribeThings";
    const METHOD: &'static str = "POST";
    type Output = DescribeOutput;
    fn write_params(&self, query: &mut Params, body: &mut Params) {
        query.push("RegionId", "cn-hangzhou");
        query.push_json("InstanceIds", &self.ids);
        self.ids.write_param("InstanceId", query);
        query.push("Name", self.name.as_str());
        if let Some(note) = &self.body_note {
            body.push("Note", note.as_str());
        }
    }
}

struct Unsafe;

impl Operation for Unsafe {
    const ACTION: &'static str = "RebootThing";
    const METHOD: &'static str = "POST";
    type Output = DescribeOutput;
    fn write_params(&self, query: &mut Params, _: &mut Params) {
        query.push("RegionId", "cn-hangzhou");
    }
}

fn op() -> Describe {
    Describe { ids: vec!["i-1".into(), "i-2".into()], name: "名字 a+b&c=d/e*f~g".into(), body_note: Some("备注 x=y".into()) }
}

fn client(url: &str, signature: SignatureVersion) -> RpcClient {
    let config = Config::builder()
        .region("cn-hangzhou")
        .endpoint(url)
        .credentials(Credentials::new("AKIDTEST", SECRET).with_security_token("sts-token"))
        .signature_version(signature)
        .clock(FixedClock::from_unix(1_795_405_999).unwrap())
        .nonce_source(FixedNonce("nonce-1".into()))
        .retry(RetryConfig { max_attempts: 3, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(5) })
        .attempt_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    RpcClient::new(&SERVICE, config)
}

const OK: &str = r#"{"RequestId":"R-OK"}"#;

/// Verifies an ACS3 request as the service would: rebuild the canonical request from what
/// arrived and compare signatures.
fn verify_acs3(r: &Recorded) {
    let auth = r.header("authorization").expect("Authorization header");
    let signed_headers = auth.split("SignedHeaders=").nth(1).unwrap().split(',').next().unwrap();
    let canonical_headers: String = signed_headers
        .split(';')
        .map(|h| format!("{h}:{}\n", r.header(h).unwrap_or_else(|| panic!("signed header {h} missing")).trim()))
        .collect();
    let body_hash = hex_sha256(&r.body);
    assert_eq!(r.header("x-acs-content-sha256"), Some(body_hash.as_str()));
    let canonical =
        format!("{}\n{}\n{}\n{}\n{}\n{}", r.method, r.path, acs3::canonical_query(&r.query), canonical_headers, signed_headers, body_hash);
    let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", hex_sha256(canonical.as_bytes()));
    let expected = format!(
        "ACS3-HMAC-SHA256 Credential=AKIDTEST,SignedHeaders={signed_headers},Signature={}",
        hmac_sha256_hex(SECRET.as_bytes(), string_to_sign.as_bytes())
    );
    assert_eq!(auth, expected);
}

fn hex_sha256(data: &[u8]) -> String {
    use sha2::Digest;
    hex::encode(sha2::Sha256::digest(data))
}

fn hmac_sha256_hex(key: &[u8], data: &[u8]) -> String {
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha2::Sha256>::new_from_slice(key).unwrap();
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}

#[tokio::test]
async fn acs3_request_on_the_wire() {
    let server = TestServer::start(vec![Reply::json(200, OK)]).await;
    let out = client(&server.url, SignatureVersion::Acs3HmacSha256).call(&op()).await.unwrap();
    assert_eq!(out.request_id, "R-OK");
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
    // ACS3 sends its canonical query (parameters sorted by encoded name), the very text it signed.
    assert_eq!(
        r.query,
        vec![
            ("InstanceId.1".to_owned(), "i-1".to_owned()),
            ("InstanceId.2".to_owned(), "i-2".to_owned()),
            ("InstanceIds".to_owned(), r#"["i-1","i-2"]"#.to_owned()),
            ("Name".to_owned(), "名字 a+b&c=d/e*f~g".to_owned()),
            ("RegionId".to_owned(), "cn-hangzhou".to_owned()),
        ]
    );
    assert_eq!(yun_tests::server::decode_form(std::str::from_utf8(&r.body).unwrap()), vec![("Note".to_owned(), "备注 x=y".to_owned())]);
    assert_eq!(r.header("content-type"), Some("application/x-www-form-urlencoded"));
    assert_eq!(r.header("x-acs-action"), Some("DescribeThings"));
    assert_eq!(r.header("x-acs-version"), Some("2020-06-01"));
    assert_eq!(r.header("x-acs-date"), Some("2026-11-23T03:53:19Z"));
    assert_eq!(r.header("x-acs-signature-nonce"), Some("nonce-1"));
    assert_eq!(r.header("x-acs-security-token"), Some("sts-token"));
    assert_eq!(r.header("host"), Some(server.url.trim_start_matches("http://")));
    verify_acs3(r);
}

#[tokio::test]
async fn hmac_sha1_request_on_the_wire() {
    let server = TestServer::start(vec![Reply::json(200, OK)]).await;
    client(&server.url, SignatureVersion::HmacSha1).call(&op()).await.unwrap();
    let r = &server.requests()[0];
    for (k, v) in [
        ("Action", "DescribeThings"),
        ("Format", "json"),
        ("Version", "2020-06-01"),
        ("Timestamp", "2026-11-23T03:53:19Z"),
        ("SignatureNonce", "nonce-1"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("SignatureVersion", "1.0"),
        ("AccessKeyId", "AKIDTEST"),
        ("SecurityToken", "sts-token"),
        ("Name", "名字 a+b&c=d/e*f~g"),
    ] {
        assert_eq!(r.query_param(k), Some(v), "{k}");
    }
    // Verify as the service does: every parameter but Signature, body included.
    let mut params: Vec<(String, String)> = r.query.iter().filter(|(k, _)| k != "Signature").cloned().collect();
    params.extend(yun_tests::server::decode_form(std::str::from_utf8(&r.body).unwrap()));
    let string_to_sign = rpc_v1::string_to_sign("POST", &params);
    use base64::Engine;
    use hmac::Mac;
    let mut mac = hmac::Hmac::<sha1::Sha1>::new_from_slice(format!("{SECRET}&").as_bytes()).unwrap();
    mac.update(string_to_sign.as_bytes());
    let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    assert_eq!(r.query_param("Signature"), Some(expected.as_str()));
    assert!(r.header("authorization").is_none());
}

#[tokio::test]
async fn service_errors_carry_status_code_message_and_request_id() {
    let body =
        r#"{"RequestId":"R-ERR","HostId":"test.aliyuncs.com","Code":"InvalidParameter","Message":"The specified parameter is not valid."}"#;
    let server = TestServer::start(vec![Reply::json(400, body)]).await;
    let err = client(&server.url, SignatureVersion::Acs3HmacSha256).call(&op()).await.unwrap_err();
    let Error::Service(e) = &err else { panic!("expected a service error, got {err:?}") };
    assert_eq!(e.status, 400);
    assert_eq!(e.code(), Some("InvalidParameter"));
    assert_eq!(e.request_id(), Some("R-ERR"));
    assert_eq!(err.to_string(), "service error (HTTP 400) InvalidParameter: The specified parameter is not valid. (request id R-ERR)");
    assert_eq!(server.requests().len(), 1, "a client error is not retried");
    assert!(!format!("{err:?}").contains(SECRET));
}

#[tokio::test]
async fn throttling_and_503_are_retried_then_succeed() {
    let server = TestServer::start(vec![
        Reply::json(400, r#"{"Code":"Throttling.User","Message":"slow down","RequestId":"R1"}"#),
        Reply::json(503, r#"{"Code":"ServiceUnavailable","RequestId":"R2"}"#),
        Reply::json(200, OK),
    ])
    .await;
    let out = client(&server.url, SignatureVersion::Acs3HmacSha256).call(&op()).await.unwrap();
    assert_eq!(out.request_id, "R-OK");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn a_500_is_not_retried_for_an_operation_that_is_unsafe_to_repeat() {
    let server = TestServer::start(vec![Reply::json(500, r#"{"Code":"InternalError","RequestId":"R1"}"#), Reply::json(200, OK)]).await;
    let err = client(&server.url, SignatureVersion::Acs3HmacSha256).call(&Unsafe).await.unwrap_err();
    assert_eq!(err.service_code(), Some("InternalError"));
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_stalled_server_ends_in_a_timeout_after_bounded_attempts() {
    let slow = Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, OK)));
    let server = TestServer::start(vec![slow]).await;
    let started = Instant::now();
    let err = client(&server.url, SignatureVersion::Acs3HmacSha256).call(&Unsafe).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(ref t) if t.kind == "attempt"), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(5), "took {:?}", started.elapsed());
    assert_eq!(server.requests().len(), 1, "a timeout after sending is not retried for an unsafe operation");
}

#[tokio::test]
async fn garbage_and_truncated_bodies_are_decode_errors() {
    for body in ["<html>oops</html>", r#"{"RequestId":"#, ""] {
        let server = TestServer::start(vec![Reply::json(200, body)]).await;
        let err = client(&server.url, SignatureVersion::Acs3HmacSha256).call(&op()).await.unwrap_err();
        assert!(matches!(err, Error::Decode(_)), "{body}: {err:?}");
    }
}

#[tokio::test]
async fn a_refused_connection_is_a_transport_error() {
    let port = {
        let l = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        l.local_addr().unwrap().port()
    };
    let err = client(&format!("http://127.0.0.1:{port}"), SignatureVersion::Acs3HmacSha256).call(&op()).await.unwrap_err();
    assert!(matches!(err, Error::Transport(ref t) if t.before_send), "{err:?}");
}

#[test]
fn config_errors_name_what_is_missing() {
    let e = Config::builder().credentials(Credentials::new("a", "b")).build().unwrap_err();
    assert!(e.to_string().contains("no region") && e.to_string().contains("ALIBABA_CLOUD_REGION_ID"), "{e}");
    let e = Config::builder().region("cn-hangzhou").build().unwrap_err();
    assert!(e.to_string().contains("ALIBABA_CLOUD_ACCESS_KEY_ID"), "{e}");
    let e = Config::builder().region("x").credentials(Credentials::new("a", "b")).endpoint("ftp://x").build().unwrap_err();
    assert!(e.to_string().contains("endpoint `ftp://x`"), "{e}");
}

#[test]
fn the_endpoint_is_derived_from_the_region() {
    let config = Config::builder().region("cn-shanghai").credentials(Credentials::new("a", SECRET)).build().unwrap();
    let client = RpcClient::new(&SERVICE, config);
    assert_eq!(client.host(), "test.cn-shanghai.aliyuncs.com");
    assert!(!format!("{client:?}").contains(SECRET));
}
