//! The generated JD Cloud VM crate on the wire: its inputs encode as the official SDK
//! encodes them (the SDK's own requests in `tests/fixtures/jdcloud/signing/vectors.json`:
//! GET requests come out with the very same signature, POST bodies with the same members),
//! `build()` enforces required members and constraints, outputs decode from the envelope,
//! error codes are typed, unknown enum values are kept, and secrets stay out of `Debug`.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it compares requests with the official SDK's and
//! decodes chosen answers (unknown states, error codes), exact wire control the emulator does not give.

use serde::Deserialize;
use yun_jdcloud_vm::operation::{
    DescribeInstanceInput, DescribeInstancesInput, ModifyInstanceAttributeInput, ModifyInstancePasswordInput, StartInstanceInput,
};
use yun_jdcloud_vm::types::{Filter, VmStatus};
use yun_jdcloud_vm::{Client, Config, ErrorCode};
use yun_runtime::client::send::Encoded;
use yun_runtime::clock::{FixedClock, FixedNonce};
use yun_runtime::jdcloud::RestClient;
use yun_runtime::{Credentials, Error, Operation};
use yun_tests::server::{Reply, TestServer};

#[derive(Deserialize)]
struct Vectors {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    access_key_id: String,
    secret_access_key: String,
    nonce: String,
    method: String,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    body: String,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    headers: std::collections::BTreeMap<String, String>,
}

fn vector(name: &str) -> Case {
    let text = std::fs::read_to_string(yun_tests::fixture("jdcloud/signing/vectors.json")).unwrap();
    serde_json::from_str::<Vectors>(&text).unwrap().cases.into_iter().find(|c| c.name == name).unwrap()
}

/// A client configured as the vector's SDK client was: same keys, clock and nonce.
fn sdk_like_client(case: &Case) -> RestClient {
    let config = Config::builder()
        .region("cn-north-1")
        .endpoint(format!("https://{}", case.host))
        .credentials(Credentials::new(&case.access_key_id, &case.secret_access_key))
        .clock(FixedClock::from_unix(1_795_404_799).unwrap()) // 2026-11-23T03:33:19Z
        .nonce_source(FixedNonce(case.nonce.clone()))
        .build()
        .unwrap();
    RestClient::new(&yun_jdcloud_vm::SERVICE, config)
}

fn decoded_query(url: &str) -> Vec<(String, String)> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    yun_tests::server::decode_form(query)
}

#[test]
fn get_requests_are_the_sdks_to_the_signature() {
    let filters = vec![
        Filter::default().name("instanceId").values(vec!["i-abc".into(), "i-def".into()]),
        Filter::default().name("status").values(vec!["running".into()]),
    ];
    let describe = DescribeInstancesInput::builder().region_id("cn-north-1").page_number(2).page_size(50).filters(filters).build().unwrap();
    let one = DescribeInstanceInput::builder().region_id("cn-east-2").instance_id("i-y1k2kvh9nn").build().unwrap();
    for (name, encoded) in [("describe_instances_filters", Encoded::new(&describe)), ("describe_instance_path", Encoded::new(&one))] {
        let case = vector(name);
        let request = {
            let client = sdk_like_client(&case);
            client.signed_request(&yun_tests::credentials(client.config()), &encoded)
        };
        assert_eq!(request.method, case.method, "{name}");
        let path = request.url.split("://").nth(1).unwrap().split_once('/').map(|(_, p)| format!("/{p}")).unwrap();
        assert_eq!(path.split('?').next().unwrap(), case.path, "{name}");
        let sdk_query: Vec<(String, String)> = case
            .query
            .iter()
            .map(|(k, v)| (yun_runtime::request::encoding::percent_decode(k), yun_runtime::request::encoding::percent_decode(v)))
            .collect();
        assert_eq!(decoded_query(&request.url), sdk_query, "{name}");
        let auth = request.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str());
        assert_eq!(auth, case.expected.headers.get("Authorization").map(String::as_str), "{name}: the SDK's signature");
    }
}

#[test]
fn post_bodies_carry_the_sdks_members() {
    let start = StartInstanceInput::builder().region_id("cn-north-1").instance_id("i-abcdef").build().unwrap();
    let modify = ModifyInstanceAttributeInput::builder()
        .region_id("cn-north-1")
        .instance_id("i-abcdef")
        .name("web-01")
        .description("描述 with \"quotes\"")
        .build()
        .unwrap();
    for (name, encoded) in [("start_instance", Encoded::new(&start)), ("modify_instance_attribute", Encoded::new(&modify))] {
        let case = vector(name);
        let request = {
            let client = sdk_like_client(&case);
            client.signed_request(&yun_tests::credentials(client.config()), &encoded)
        };
        assert!(request.url.ends_with(&case.path), "{name}: {}", request.url);
        let ours: serde_json::Value = serde_json::from_slice(&request.body).unwrap();
        let mut theirs: serde_json::Value = serde_json::from_str(&case.body).unwrap();
        // The SDK also sends the members left unset, as null; yun leaves them out.
        theirs.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        assert_eq!(ours, theirs, "{name}");
    }
}

#[test]
fn build_reports_missing_members_and_constraints() {
    let e = StartInstanceInput::builder().build().unwrap_err().to_string();
    assert!(e.contains("region_id") && e.contains("instance_id"), "{e}");
    let e = DescribeInstancesInput::builder().region_id("cn-north-1").page_size(5).build().unwrap_err().to_string();
    assert!(e.contains("page_size"), "{e}");
    let e = ModifyInstancePasswordInput::builder().region_id("r").instance_id("i").password("short").build().unwrap_err().to_string();
    assert!(e.contains("password") && !e.contains("short"), "the error names the member, not the secret: {e}");
}

#[test]
fn passwords_never_show_in_debug() {
    let input = ModifyInstancePasswordInput::builder().region_id("r").instance_id("i").password("S3cret-Passw0rd!").build().unwrap();
    let shown = format!("{input:?}");
    assert!(!shown.contains("S3cret-Passw0rd!") && shown.contains("redacted"), "{shown}");
}

fn client(url: &str) -> Client {
    let config = Config::builder()
        .region("cn-north-1")
        .endpoint(url)
        .credentials(Credentials::new("JDCtestAccessKey", "JDCtestSecretKey"))
        .retry(yun_runtime::client::retry::RetryConfig::disabled())
        .build()
        .unwrap();
    Client::new(config)
}

#[tokio::test]
async fn outputs_decode_from_the_envelope_keeping_unknown_states() {
    let body = r#"{"requestId":"c2b8","result":{"totalCount":2,"instances":[
        {"instanceId":"i-1","instanceName":"web","status":"running","charge":{"chargeMode":"postpaid_by_duration"},"tags":[{"key":"env","value":"prod"}]},
        {"instanceId":"i-2","status":"hibernating"}]}}"#;
    let server = TestServer::start(vec![Reply::json(200, body)]).await;
    let input = DescribeInstancesInput::builder().region_id("cn-north-1").build().unwrap();
    let out = client(&server.url).describe_instances(input).await.unwrap();
    assert_eq!(out.total_count, Some(2));
    let instances = out.instances.unwrap();
    assert_eq!(instances[0].status, Some(VmStatus::Running));
    assert_eq!(instances[1].status, Some(VmStatus::Unknown("hibernating".into())), "an unknown state is kept, not an error");
    assert_eq!(instances[0].tags.as_ref().unwrap()[0].value.as_deref(), Some("prod"));
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/regions/cn-north-1/instances"));
}

#[tokio::test]
async fn service_errors_carry_typed_codes() {
    let body = r#"{"requestId":"bd3c","error":{"code":404,"status":"NOT_FOUND","message":"instance i-x not found"}}"#;
    let server = TestServer::start(vec![Reply::json(404, body)]).await;
    let input = StartInstanceInput::builder().region_id("cn-north-1").instance_id("i-x").build().unwrap();
    let err = client(&server.url).start_instance(input).await.unwrap_err();
    assert_eq!(ErrorCode::of(&err), Some(ErrorCode::NotFound));
    let Error::Service(e) = &err else { panic!("{err:?}") };
    assert_eq!((e.status, e.request_id(), e.message.as_deref()), (404, Some("bd3c"), Some("instance i-x not found")));
    let r = &server.requests()[0];
    assert_eq!(r.path, "/v1/regions/cn-north-1/instances/i-x:startInstance");
    assert_eq!(
        serde_json::from_slice::<serde_json::Value>(&r.body).unwrap(),
        serde_json::json!({"regionId": "cn-north-1", "instanceId": "i-x"})
    );
}

#[test]
fn read_only_operations_are_retried_as_idempotent() {
    const { assert!(<DescribeInstancesInput as Operation>::IDEMPOTENT) };
    const { assert!(!<StartInstanceInput as Operation>::IDEMPOTENT) };
}
