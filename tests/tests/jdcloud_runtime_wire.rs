//! The JD Cloud REST runtime against a local server: the path template filled in and
//! escaped, query lists for GET, the JSON body for POST, both signatures verified the way
//! the service verifies them, and the `{requestId, result, error}` envelope.
//!
//! Scripted server (`yun_tests::server`), not the emulator: path escaping, both signatures and the envelope are
//! checked byte for byte, exact wire control the emulator does not give.

use std::time::Duration;

use serde::Deserialize;
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::clock::{FixedClock, FixedNonce};
use yun_runtime::jdcloud::{sign, Config, RestClient, ServiceInfo, SignatureVersion};
use yun_runtime::operation::params::{Params, WriteParam};
use yun_runtime::operation::{json_object, put_json, JsonBody, JsonValue};
use yun_runtime::{Credentials, Error, Operation};
use yun_tests::server::{Recorded, Reply, TestServer};

const SECRET: &str = "JDCtestSecretKey+/=0001";

static VM: ServiceInfo = ServiceInfo {
    service: "vm",
    version: "v1",
    endpoint: "vm.jdcloud-api.com",
    signing: &[SignatureVersion::Jdcloud3HmacSha256, SignatureVersion::Jdcloud2HmacSha256],
    regions: &["cn-north-1"],
};

/// `GET /v1/regions/{regionId}/instances/{instanceId}` with query members.
struct Describe {
    region: String,
    instance: String,
    names: Vec<String>,
}

#[derive(Debug, Deserialize)]
struct DescribeOutput {
    #[serde(rename = "totalCount")]
    total: i32,
    instances: Vec<Instance>,
}

#[derive(Debug, Deserialize)]
struct Instance {
    #[serde(rename = "instanceId")]
    id: String,
}

impl Operation for Describe {
    const ACTION: &'static str = "DescribeInstance";
    const METHOD: &'static str = "GET";
    const PATH: &'static str = "/v1/regions/{regionId}/instances/{instanceId}";
    type Output = DescribeOutput;
    fn write_params(&self, query: &mut Params, _body: &mut Params) {
        query.push("filters.1.name", "name");
        self.names.write_param("filters.1.values", query);
        8.write_param("pageSize", query);
    }
    fn write_path(&self, path: &mut Params) {
        self.region.write_param("regionId", path);
        self.instance.write_param("instanceId", path);
    }
}

/// `POST …:modifyInstanceAttribute` with a JSON body.
struct Modify {
    name: String,
}

#[derive(Debug, Default, Deserialize)]
struct Empty {}

impl Operation for Modify {
    const ACTION: &'static str = "ModifyInstanceAttribute";
    const METHOD: &'static str = "POST";
    const PATH: &'static str = "/v1/regions/{regionId}/instances/{instanceId}:modifyInstanceAttribute";
    type Output = Empty;
    fn write_params(&self, _query: &mut Params, _body: &mut Params) {}
    fn write_path(&self, path: &mut Params) {
        path.push("regionId", "cn-north-1");
        path.push("instanceId", "i-abc");
    }
    fn json_body(&self) -> Option<JsonValue> {
        let mut body = JsonBody::new();
        put_json(&mut body, "regionId", "cn-north-1");
        put_json(&mut body, "instanceId", "i-abc");
        put_json(&mut body, "name", &self.name);
        Some(json_object(body, None))
    }
}

fn client(url: &str, signature: SignatureVersion, credentials: Credentials) -> RestClient {
    let config = Config::builder()
        .region("cn-north-1")
        .endpoint(url)
        .credentials(credentials)
        .signature_version(signature)
        .clock(FixedClock::from_unix(1_795_405_999).unwrap())
        .nonce_source(FixedNonce("2b9d4c8e-0000-4000-8000-000000000001".into()))
        .retry(RetryConfig { max_attempts: 2, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(2) })
        .build()
        .unwrap();
    RestClient::new(&VM, config)
}

/// Recomputes the signature from what arrived, as the service does: the signed headers
/// the Authorization header names, the date and nonce headers, the scope's region.
fn verify(r: &Recorded, credentials: &Credentials) {
    let auth = r.header("authorization").expect("an Authorization header");
    let (algorithm, rest) = auth.split_once(' ').unwrap();
    let scope = rest.split("Credential=").nth(1).unwrap().split(',').next().unwrap();
    let region = scope.split('/').nth(2).unwrap();
    let signed: Vec<&str> = rest.split("SignedHeaders=").nth(1).unwrap().split(',').next().unwrap().split(';').collect();
    let before: Vec<(String, String)> = signed
        .iter()
        .filter(|h| !matches!(**h, "host" | "x-jdcloud-security-token" | "x-jdcloud-date" | "x-jdcloud-nonce"))
        .map(|h| (h.to_string(), r.header(h).unwrap().to_owned()))
        .collect();
    let query: Vec<(String, String)> = r
        .query
        .iter()
        .map(|(k, v)| (yun_runtime::request::encoding::percent_encode(k), yun_runtime::request::encoding::percent_encode(v)))
        .collect();
    let request = sign::SignableRequest {
        method: &r.method,
        host: r.header("host").unwrap(),
        path: &r.path,
        query: &query,
        headers: &before,
        body: sign::SignableBody::Bytes(&r.body),
    };
    let (date, nonce) = (r.header("x-jdcloud-date").unwrap(), r.header("x-jdcloud-nonce").unwrap());
    let settings = sign::SigningSettings { region, service: "vm", date, nonce };
    let again = match algorithm {
        "JDCLOUD3-HMAC-SHA256" => sign::sign(&request, credentials, &settings),
        "JDCLOUD2-HMAC-SHA256" => sign::sign_jdcloud2(&request, credentials, &settings),
        other => panic!("unknown algorithm {other}"),
    };
    let expected = again.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str());
    assert_eq!(expected, Some(auth), "the signature the service would compute");
}

const DESCRIBED: &str = r#"{"requestId":"r-1","result":{"totalCount":"2","instances":[{"instanceId":"i-1"},{"instanceId":"i-2"}]}}"#;

#[tokio::test]
async fn get_fills_and_escapes_the_path_and_sends_query_lists() {
    for signature in [SignatureVersion::Jdcloud3HmacSha256, SignatureVersion::Jdcloud2HmacSha256] {
        let server = TestServer::start(vec![Reply::json(200, DESCRIBED)]).await;
        let credentials = Credentials::new("JDCtestAccessKey", SECRET);
        let op = Describe { region: "cn-north-1".into(), instance: "i-a b/c".into(), names: vec!["web 1".into(), "测试&x=y".into()] };
        let out = client(&server.url, signature, credentials.clone()).call(&op).await.unwrap();
        assert_eq!(out.total, 2);
        assert_eq!(out.instances.iter().map(|i| i.id.as_str()).collect::<Vec<_>>(), ["i-1", "i-2"]);
        let r = &server.requests()[0];
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/regions/cn-north-1/instances/i-a%20b%2Fc"));
        let expected = [("filters.1.name", "name"), ("filters.1.values.1", "web 1"), ("filters.1.values.2", "测试&x=y"), ("pageSize", "8")];
        assert_eq!(r.query, expected.map(|(k, v)| (k.to_owned(), v.to_owned())));
        assert!(r.body.is_empty());
        assert_eq!(r.header("content-type"), Some("application/json"));
        assert_eq!(r.header("x-jdcloud-date"), Some("20261123T035319Z"));
        assert_eq!(r.header("x-jdcloud-nonce"), Some("2b9d4c8e-0000-4000-8000-000000000001"));
        assert!(r.header("authorization").unwrap().contains("Credential=JDCtestAccessKey/20261123/cn-north-1/vm/"));
        verify(r, &credentials);
    }
}

#[tokio::test]
async fn post_sends_a_json_body_with_a_security_token() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"requestId":"r-2"}"#)]).await;
    let credentials = Credentials::new("JDCtestAccessKey", SECRET).with_security_token("sts-token-xyz");
    let op = Modify { name: "名字 \"quoted\"".into() };
    client(&server.url, SignatureVersion::Jdcloud3HmacSha256, credentials.clone()).call(&op).await.unwrap();
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1/regions/cn-north-1/instances/i-abc:modifyInstanceAttribute"));
    let body: serde_json::Value = serde_json::from_slice(&r.body).unwrap();
    assert_eq!(body, serde_json::json!({"regionId": "cn-north-1", "instanceId": "i-abc", "name": "名字 \"quoted\""}));
    let token = r.header("x-jdcloud-security-token").unwrap();
    use base64::Engine;
    assert_eq!(base64::engine::general_purpose::STANDARD.decode(token).unwrap(), b"sts-token-xyz", "sent base64-encoded, as the SDK does");
    verify(r, &credentials);
}

#[tokio::test]
async fn the_error_envelope_is_a_typed_service_error_and_throttling_is_retried() {
    let throttled = r#"{"requestId":"r-t","error":{"code":400,"status":"RATE_LIMIT","message":"slow down"}}"#;
    let invalid = r#"{"requestId":"r-e","error":{"code":400,"status":"INVALID_ARGUMENT","message":"pageSize must be in [10, 100]"}}"#;
    let server = TestServer::start(vec![Reply::json(400, throttled), Reply::json(400, invalid)]).await;
    let credentials = Credentials::new("JDCtestAccessKey", SECRET);
    let op = Describe { region: "cn-north-1".into(), instance: "i-1".into(), names: vec![] };
    let err = client(&server.url, SignatureVersion::Jdcloud3HmacSha256, credentials).call(&op).await.unwrap_err();
    let Error::Service(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.status, e.code(), e.request_id()), (400, Some("INVALID_ARGUMENT"), Some("r-e")));
    assert_eq!(e.message.as_deref(), Some("pageSize must be in [10, 100]"));
    assert_eq!(server.requests().len(), 2, "RATE_LIMIT was retried once, though under HTTP 400");
    assert!(err.to_string().contains("INVALID_ARGUMENT"), "{err}");
    assert!(!format!("{err:?} {err}").contains(SECRET));
}

#[tokio::test]
async fn a_request_without_region_signs_for_the_global_region() {
    struct Global;
    impl Operation for Global {
        const ACTION: &'static str = "DescribeQuotas";
        const METHOD: &'static str = "GET";
        const PATH: &'static str = "/v1/quotas";
        type Output = Empty;
        fn write_params(&self, _: &mut Params, _: &mut Params) {}
    }
    let server = TestServer::start(vec![Reply::json(200, r#"{"requestId":"r"}"#)]).await;
    let credentials = Credentials::new("JDCtestAccessKey", SECRET);
    client(&server.url, SignatureVersion::Jdcloud3HmacSha256, credentials.clone()).call(&Global).await.unwrap();
    let r = &server.requests()[0];
    assert!(r.header("authorization").unwrap().contains("/20261123/jdcloud-api/vm/jdcloud3_request"));
    verify(r, &credentials);
}
