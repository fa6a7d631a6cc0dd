//! The generated Inspur Cloud crate on the wire: the document's request samples are exactly
//! what the typed inputs send (action objects, batch bodies, the JSON-patch array, query
//! parameters), every valid response sample decodes without losing a field, the bearer token
//! (fixed or refreshed by an identity provider) is sent, and both error paths — an HTTP error and a
//! `code` other than 2xx under HTTP 200 — are typed errors.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it answers the document's response samples and both
//! error envelopes exactly, and lower-case states the emulator never answers (its paging through the path runs
//! against the emulator, `emulator/tests/paginators_waiters.rs`).

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use serde::Deserialize;
use serde_json::Value;
use yun_inspur_ecs::operation::*;
use yun_inspur_ecs::types::{ImageRef, PatchOperation, RebootType, ServerRef, ServerStatus, StopType, VncConsoleType};
use yun_inspur_ecs::{BearerToken, Client, Config, ErrorCode, Identity, IdentityFuture, ResolveIdentity};
use yun_runtime::client::http::HttpResponse;
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::client::send::Encoded;
use yun_runtime::Error;
use yun_tests::server::{Reply, TestServer};

fn sample(file: &str) -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture(&format!("inspur/samples/{file}"))).unwrap();
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{file}: {e}"))
}

fn body<Op: yun_runtime::Operation>(op: &Op) -> Value {
    Encoded::new(op).json.expect("a JSON body")
}

const A: &str = "616fb98f-46ca-475e-917e-2563e5a8cd19";
const B: &str = "726fb98f-46ca-475e-917e-2563e5a8cd20";

fn two() -> Vec<ServerRef> {
    vec![ServerRef::default().id(A), ServerRef::default().id(B)]
}

#[test]
fn action_bodies_are_the_documents() {
    let one = |id: &str| id.to_owned();
    assert_eq!(body(&StartServerInput::builder().server_id(one(A)).build().unwrap()), sample("StartServer-request.json"));
    assert_eq!(body(&StartServersInput::builder().servers(two()).build().unwrap()), sample("StartServers-request.json"));
    assert_eq!(body(&StopServerInput::builder().server_id(one(A)).build().unwrap()), sample("StopServer-request.json"));
    assert_eq!(
        body(&StopServersInput::builder().type_(StopType::Hard).servers(two()).build().unwrap()),
        sample("StopServers-request.json")
    );
    assert_eq!(
        body(&RebootServerInput::builder().server_id(one(A)).type_(RebootType::Soft).build().unwrap()),
        sample("RebootServer-request.json")
    );
    assert_eq!(
        body(&RebootServersInput::builder().type_(RebootType::Soft).servers(two()).build().unwrap()),
        sample("RebootServers-request.json")
    );
    assert_eq!(
        body(&GetVncConsoleUrlInput::builder().server_id(one(A)).type_(VncConsoleType::Novnc).build().unwrap()),
        sample("GetVncConsoleUrl-request.json")
    );
    let id = "ac476316-caa1-4561-bbe4-7dcde2ff703a";
    let images = vec![ImageRef::default().id(id), ImageRef::default().id(id), ImageRef::default().id(id)];
    assert_eq!(body(&DeleteImagesInput::builder().images(images).build().unwrap()), sample("DeleteImages-request.json"));
    let patch = vec![
        PatchOperation::default().op("add").path("/name").value("填写修改名称的值"),
        PatchOperation::default().op("add").path("/description").value("填写修改描述的值"),
    ];
    assert_eq!(body(&UpdateImageInput::builder().image_id(id).operations(patch).build().unwrap()), sample("UpdateImage-request.json"));
}

#[test]
fn batch_limits_are_checked() {
    let e = StartServersInput::builder().servers(vec![]).build().unwrap_err().to_string();
    assert!(e.contains("servers"), "{e}");
    let many: Vec<ServerRef> = (0..101).map(|i| ServerRef::default().id(format!("s-{i}"))).collect();
    assert!(RebootServersInput::builder().servers(many).build().is_err());
}

#[test]
fn list_images_query_is_the_documents() {
    let input = ListImagesInput::builder()
        .search_value("abc")
        .sort_field("createTime")
        .sort_order("descend")
        .page(1)
        .page_size(10)
        .visibility("private")
        .build()
        .unwrap();
    let encoded = Encoded::new(&input);
    assert!(encoded.json.is_none(), "a GET has no body");
    let ours: serde_json::Map<String, Value> = encoded
        .query
        .pairs()
        .iter()
        .map(|(k, v)| (k.clone(), v.parse::<i64>().map_or_else(|_| Value::String(v.clone()), Value::from)))
        .collect();
    assert_eq!(Value::Object(ours), sample("ListImages-request.json"));
}

#[derive(Deserialize)]
struct Index {
    samples: Vec<Entry>,
}

#[derive(Deserialize)]
struct Entry {
    file: String,
    operation: Option<String>,
    kind: String,
    valid: bool,
}

/// Keys of `theirs` (recursively) that `ours` lacks.
fn lost(theirs: &Value, ours: &Value, path: &str, out: &mut Vec<String>) {
    match (theirs, ours) {
        (Value::Object(t), Value::Object(o)) => {
            for (k, v) in t {
                match o.get(k) {
                    Some(ov) => lost(v, ov, &format!("{path}.{k}"), out),
                    None if v.is_null() => {}
                    None => out.push(format!("{path}.{k}")),
                }
            }
        }
        (Value::Array(t), Value::Array(o)) => {
            for (i, (tv, ov)) in t.iter().zip(o).enumerate() {
                lost(tv, ov, &format!("{path}[{i}]"), out);
            }
        }
        _ => {}
    }
}

fn decode_as(operation: &str, response: &HttpResponse) -> Result<Value, Error> {
    use yun_runtime::inspur::response::decode;
    macro_rules! as_json {
        ($($op:literal => $ty:ty),* $(,)?) => {
            match operation {
                $($op => decode::<$ty>(response).map(|o| serde_json::to_value(o).unwrap()),)*
                other => panic!("no output type for {other}"),
            }
        };
    }
    as_json! {
        "ShowServerDetails" => ShowServerDetailsOutput,
        "GetVncConsoleUrl" => GetVncConsoleUrlOutput,
        "ListServerTags" => ListServerTagsOutput,
        "CreatePrivateImage" => CreatePrivateImageOutput,
        "ListImages" => ListImagesOutput,
        "ListPrivateImages" => ListPrivateImagesOutput,
        "ShowImageDetails" => ShowImageDetailsOutput,
        "DeleteImage" => DeleteImageOutput,
        "UpdateImage" => UpdateImageOutput,
        "ListServers" => ListServersOutput,
        "DeleteImages" => DeleteImagesOutput,
    }
}

#[test]
fn every_valid_response_sample_decodes_without_losing_a_field() {
    let text = std::fs::read_to_string(yun_tests::fixture("inspur/samples/index.json")).unwrap();
    let index: Index = serde_json::from_str(&text).unwrap();
    let mut checked = 0;
    for entry in index.samples.iter().filter(|e| e.kind == "response" && e.valid) {
        let operation = entry.operation.as_deref().unwrap();
        let text = std::fs::read_to_string(yun_tests::fixture(&format!("inspur/samples/{}", entry.file))).unwrap();
        let response = HttpResponse { status: 200, headers: vec![], body: text.clone().into_bytes().into() };
        let ours = decode_as(operation, &response).unwrap_or_else(|e| panic!("{}: {e}", entry.file));
        let envelope: Value = serde_json::from_str(&text).unwrap();
        let data = match envelope.get("data") {
            Some(Value::Object(o)) => Value::Object(o.clone()),
            Some(Value::Null) | None => Value::Object(Default::default()),
            Some(Value::String(s)) if s.is_empty() => Value::Object(Default::default()),
            Some(other) => serde_json::json!({ "data": other }),
        };
        let mut missing = Vec::new();
        lost(&data, &ours, "data", &mut missing);
        assert!(missing.is_empty(), "{}: fields the output does not keep: {missing:?}", entry.file);
        checked += 1;
    }
    assert_eq!(checked, 9, "the document's valid response samples");
}

#[test]
fn states_parse_in_any_case() {
    assert_eq!(ServerStatus::from("active"), ServerStatus::Active);
    assert_eq!(ServerStatus::from("ACTIVE"), ServerStatus::Active);
    assert_eq!(ServerStatus::from("Hard_Reboot"), ServerStatus::HardReboot);
    assert_eq!(ServerStatus::from("hibernated"), ServerStatus::Unknown("hibernated".into()));
}

/// An identity provider that hands out a new token each time, as one refreshing tokens would.
#[derive(Debug, Default)]
struct Refreshing(AtomicU32);

impl ResolveIdentity for Refreshing {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let n = self.0.fetch_add(1, Ordering::SeqCst) + 1;
        Box::pin(async move { Ok(Identity::BearerToken(BearerToken::new(format!("token-{n}")))) })
    }
}

fn client(url: &str, source: impl ResolveIdentity + 'static) -> Client {
    let config = Config::builder().endpoint(url).identity_provider(source).retry(RetryConfig::disabled()).build().unwrap();
    Client::new(config)
}

#[tokio::test]
async fn requests_carry_the_token_path_and_body() {
    let ok = r#"{"code":200,"message":"OK","data":null}"#;
    let server = TestServer::start(vec![Reply::json(200, ok)]).await;
    let source = Arc::new(Refreshing::default());
    #[derive(Debug)]
    struct Shared(Arc<Refreshing>);
    impl ResolveIdentity for Shared {
        fn resolve_identity(&self) -> IdentityFuture<'_> {
            self.0.resolve_identity()
        }
    }
    let c = client(&server.url, Shared(source.clone()));
    c.reboot_server(RebootServerInput::builder().server_id("srv 1/x").type_(RebootType::Hard).build().unwrap()).await.unwrap();
    c.update_server_tags(UpdateServerTagsInput::builder().server_id("srv-2").tags(vec!["web".into(), "prod".into()]).build().unwrap())
        .await
        .unwrap();
    let requests = server.requests();
    assert_eq!((requests[0].method.as_str(), requests[0].path.as_str()), ("POST", "/v1/servers/srv%201%2Fx/action"));
    assert_eq!(serde_json::from_slice::<Value>(&requests[0].body).unwrap(), serde_json::json!({"reboot": {"type": "HARD"}}));
    assert_eq!(requests[0].header("authorization"), Some("Bearer token-1"));
    assert_eq!(requests[1].header("authorization"), Some("Bearer token-2"), "the identity provider is asked for every request");
    assert_eq!(requests[1].query_param("tags"), Some("web,prod"), "the document's comma-joined query parameter");
}

#[tokio::test]
async fn both_error_paths_are_typed() {
    let in_200 = r#"{"code":"101.001012","message":"存在未知状态的云服务器，请重新选择云服务器","data":null}"#;
    let in_400 = r#"{"code":"101.001033","message":"云服务器xxx不存在"}"#;
    let server = TestServer::start(vec![Reply::json(200, in_200), Reply::json(400, in_400)]).await;
    let c = client(&server.url, BearerToken::new("s3cret-token"));
    let start = || StartServerInput::builder().server_id("s").build().unwrap();
    let first = c.start_server(start()).await.unwrap_err();
    let Error::Service(e) = &first else { panic!("{first:?}") };
    assert_eq!((e.status, e.code()), (200, Some("101.001012")), "an error code under HTTP 200 is an error");
    assert_eq!(ErrorCode::of(&first), Some(ErrorCode::V101001012), "a documented code, typed");
    let second = c.start_server(start()).await.unwrap_err();
    assert_eq!(second.service_code(), Some("101.001033"));
    assert!(!format!("{first:?}{first}{second:?}{c:?}").contains("s3cret-token"));
}

#[tokio::test]
async fn server_active_waiter_reads_lower_case_states() {
    let state = |s: &str| Reply::json(200, &format!(r#"{{"code":200,"message":"OK","data":{{"server":{{"id":"s","status":"{s}"}}}}}}"#));
    let server = TestServer::start(vec![state("build"), state("active")]).await;
    let c = client(&server.url, BearerToken::new("t"));
    let quick = yun_inspur_ecs::WaiterConfig {
        delay: std::time::Duration::from_millis(5),
        max_delay: std::time::Duration::from_millis(10),
        max_wait: std::time::Duration::from_secs(2),
    };
    let out = c.wait_until_server_active_with(ShowServerDetailsInput::builder().server_id("s").build().unwrap(), quick).await.unwrap();
    assert_eq!(out.server.unwrap().status, Some(ServerStatus::Active));
    assert_eq!(server.requests().len(), 2);
}

#[test]
fn members_of_nested_structures_are_checked_too() {
    let e = StartServersInput::builder().servers(vec![ServerRef::default().id(A), ServerRef::default()]).build().unwrap_err().to_string();
    assert!(e.contains("`servers[1].id` is required"), "{e}");
}

/// The request id `send` logs with each attempt is the first of the Inspur client's
/// request-id headers the answer has: `X-Request-Id` (the header Inspur's PHP SDK reads), else
/// `request-id` (the one it logs), in any case.
#[test]
fn inspur_s_request_id_headers_are_x_request_id_then_request_id() {
    use yun_runtime::client::send::Wire;
    let names = <yun_runtime::inspur::RestClient as Wire>::REQUEST_ID_HEADERS;
    let answer = |headers: &[(&str, &str)]| HttpResponse {
        status: 200,
        headers: headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect(),
        body: Default::default(),
    };
    assert_eq!(answer(&[("request-id", "r-2"), ("X-Request-Id", "r-1")]).first_header(names), Some("r-1"));
    assert_eq!(answer(&[("Request-Id", "r-2")]).first_header(names), Some("r-2"));
    assert_eq!(answer(&[("x-trace-id", "t")]).first_header(names), None);
}
