//! One lenient decoding policy for every provider (issue 13): answers that drift from their
//! document — numbers sent as strings, strings sent as numbers, booleans as `"true"`/`"false"`,
//! empty strings or `null` for numbers and enums, members nobody declared, duplicate keys —
//! decode through each provider's decoder (Aliyun, Kingsoft JSON and XML, JD Cloud, Inspur)
//! with every other member unchanged. A property test drifts a random part of every numeric
//! member of every SWAS response fixture and of each provider's sample. A value that still
//! does not fit (issue 13, item 3) is left out with a warning naming its path and raw text, for
//! every provider; the client keeps the warnings and the raw body on the output; an answer that
//! is not the envelope is still an error with the HTTP status and request id.
//!
//! Scripted server (`yun_tests::server`), not the emulator: drifted answers (numbers as strings, nulls,
//! duplicate keys) are malformed bodies no emulator of a spec gives.

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use yun_runtime::client::http::HttpResponse;
use yun_runtime::Answered;
use yun_tests::pages::{ecs_page, inspur_page, jd_page, kec_page};

/// Members whose type is a map (keys are data, not members): no member is added or emptied there.
const MAPS: &[&str] = &["extra_specs", "metadata"];

fn response(body: &str) -> HttpResponse {
    HttpResponse { status: 200, headers: vec![], body: body.as_bytes().to_vec().into() }
}

type Decode = fn(&str) -> Result<Value, String>;

fn encoded<T: Serialize>(r: Result<T, yun_runtime::Error>) -> Result<Value, String> {
    r.map(|t| serde_json::to_value(t).unwrap()).map_err(|e| e.to_string())
}

fn aliyun<T: DeserializeOwned + Serialize>(body: &str) -> Result<Value, String> {
    encoded(yun_runtime::aliyun::response_decode::<T>(&response(body)))
}

fn ksyun<T: DeserializeOwned + Serialize>(body: &str) -> Result<Value, String> {
    encoded(yun_runtime::ksyun::response::decode::<T>(&response(body)))
}

fn jdcloud<T: DeserializeOwned + Serialize>(body: &str) -> Result<Value, String> {
    encoded(yun_runtime::jdcloud::response::decode::<T>(&response(body)))
}

fn inspur<T: DeserializeOwned + Serialize>(body: &str) -> Result<Value, String> {
    encoded(yun_runtime::inspur::response::decode::<T>(&response(body)))
}

/// One provider's answer: its decoder, the payload (what the drift applies to), and how the
/// payload travels (JD's `result`, Inspur's `data`, or the body itself).
struct Case {
    name: String,
    decode: Decode,
    payload: Value,
    wrap: fn(Value) -> Value,
}

impl Case {
    fn body(&self, payload: Value) -> String {
        (self.wrap)(payload).to_string()
    }

    fn decoded(&self, payload: Value) -> Value {
        let body = self.body(payload);
        (self.decode)(&body).unwrap_or_else(|e| panic!("{}: {e}\n{body}", self.name))
    }
}

fn itself(v: Value) -> Value {
    v
}

fn jd_envelope(v: Value) -> Value {
    json!({"requestId": "r-1", "result": v, "error": null})
}

fn inspur_envelope(v: Value) -> Value {
    json!({"code": "200", "message": "OK", "data": v})
}

fn swas_cases() -> Vec<Case> {
    use yun_aliyun_swas::operation::*;
    let text = std::fs::read_to_string(yun_tests::fixture("aliyun/swas-responses.json")).unwrap();
    let all: Map<String, Value> = serde_json::from_str(&text).unwrap();
    macro_rules! each {
        ($($action:literal => $ty:ty),* $(,)?) => {{
            let cases = vec![$(Case {
                name: format!("SWAS {}", $action),
                decode: aliyun::<$ty>,
                payload: all[$action].clone(),
                wrap: itself,
            }),*];
            assert_eq!(cases.len(), all.len(), "every SWAS fixture is drifted");
            cases
        }};
    }
    yun_tests::for_each_swas_output!(each)
}

/// One answer per provider and format.
fn provider_cases() -> Vec<Case> {
    vec![
        Case {
            name: "Aliyun ECS DescribeInstances".into(),
            decode: aliyun::<yun_aliyun_ecs::operation::DescribeInstancesOutput>,
            payload: ecs_page(),
            wrap: itself,
        },
        Case {
            name: "Kingsoft KEC DescribeInstances".into(),
            decode: ksyun::<yun_ksyun_kec::operation::DescribeInstancesOutput>,
            payload: kec_page(),
            wrap: itself,
        },
        Case {
            name: "JD Cloud VM DescribeInstances".into(),
            decode: jdcloud::<yun_jdcloud_vm::operation::DescribeInstancesOutput>,
            payload: jd_page(),
            wrap: jd_envelope,
        },
        Case {
            name: "Inspur ECS ListServers".into(),
            decode: inspur::<yun_inspur_ecs::operation::ListServersOutput>,
            payload: inspur_page(),
            wrap: inspur_envelope,
        },
    ]
}

fn all_cases() -> Vec<Case> {
    let mut cases = provider_cases();
    cases.extend(swas_cases());
    cases
}

// --- drift -----------------------------------------------------------------------------

/// Applies `f` to every scalar; `pick` decides which (a counter runs over the scalars).
fn each_scalar(v: &mut Value, pick: &mut dyn FnMut() -> bool, f: &dyn Fn(&Value) -> Option<Value>) {
    match v {
        Value::Object(m) => m.values_mut().for_each(|v| each_scalar(v, pick, f)),
        Value::Array(a) => a.iter_mut().for_each(|v| each_scalar(v, pick, f)),
        scalar => {
            if let Some(new) = f(scalar) {
                if pick() {
                    *scalar = new;
                }
            }
        }
    }
}

fn number_as_string(v: &Value) -> Option<Value> {
    v.as_number().map(|n| Value::String(n.to_string()))
}

/// A string that is a number written the way JSON writes it, sent as the number.
fn string_as_number(v: &Value) -> Option<Value> {
    let s = v.as_str()?;
    let n: Value = serde_json::from_str(s).ok()?;
    let written = n.to_string();
    (n.is_number() && written == s).then_some(n)
}

fn bool_as_string(v: &Value) -> Option<Value> {
    v.as_bool().map(|b| Value::String(b.to_string()))
}

fn drifted(payload: &Value, f: fn(&Value) -> Option<Value>) -> Value {
    let mut v = payload.clone();
    each_scalar(&mut v, &mut || true, &f);
    v
}

/// Object members (not of maps) holding a scalar `which` accepts: replaced by `with` in one
/// copy, removed in the other.
fn emptied(payload: &Value, which: fn(&Value) -> bool, with: &Value) -> (Value, Value) {
    fn walk(v: &mut Value, removed: &mut Value, which: fn(&Value) -> bool, with: &Value) {
        match (v, removed) {
            (Value::Object(m), Value::Object(r)) => {
                for (k, child) in m.iter_mut() {
                    if MAPS.contains(&k.as_str()) {
                        continue;
                    }
                    if which(child) {
                        *child = with.clone();
                        r.remove(k);
                    } else if let Some(rc) = r.get_mut(k) {
                        walk(child, rc, which, with);
                    }
                }
            }
            (Value::Array(a), Value::Array(r)) => a.iter_mut().zip(r.iter_mut()).for_each(|(a, r)| walk(a, r, which, with)),
            _ => {}
        }
    }
    let (mut v, mut removed) = (payload.clone(), payload.clone());
    walk(&mut v, &mut removed, which, with);
    (v, removed)
}

fn with_unknown_members(payload: &Value) -> Value {
    fn walk(v: &mut Value, in_map: bool) {
        match v {
            Value::Object(m) => {
                for (k, child) in m.iter_mut() {
                    walk(child, MAPS.contains(&k.as_str()));
                }
                if !in_map {
                    m.insert("ZzNobodyDeclaredThis".into(), json!({"a": [1, "x", null, {"b": true}], "c": 1.5}));
                    m.insert("zzScalar".into(), json!("text"));
                }
            }
            Value::Array(a) => a.iter_mut().for_each(|v| walk(v, false)),
            _ => {}
        }
    }
    let mut v = payload.clone();
    walk(&mut v, false);
    v
}

/// JSON text in which every member comes twice: a decoy that fits no type first, the real
/// value last.
fn with_duplicate_keys(v: &Value) -> String {
    match v {
        Value::Object(m) => {
            let members: Vec<String> = m
                .iter()
                .map(|(k, v)| {
                    let k = Value::String(k.clone());
                    format!(r#"{k}:{{"decoy":[true]}},{k}:{}"#, with_duplicate_keys(v))
                })
                .collect();
            format!("{{{}}}", members.join(","))
        }
        Value::Array(a) => format!("[{}]", a.iter().map(with_duplicate_keys).collect::<Vec<_>>().join(",")),
        scalar => scalar.to_string(),
    }
}

/// The payload as Kingsoft's XML would carry it: lists as `<item>`s, every value as text.
fn as_xml(root: &str, v: &Value) -> String {
    fn element(name: &str, v: &Value, out: &mut String) {
        out.push_str(&format!("<{name}>"));
        match v {
            Value::Object(m) => m.iter().for_each(|(k, v)| element(k, v, out)),
            Value::Array(a) => a.iter().for_each(|v| element("item", v, out)),
            Value::Null => {}
            Value::String(s) => out.push_str(&s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")),
            scalar => out.push_str(&scalar.to_string()),
        }
        out.push_str(&format!("</{name}>"));
    }
    let mut out = String::from(r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    element(root, v, &mut out);
    out
}

// --- tests -----------------------------------------------------------------------------

#[test]
fn the_issue_s_answer_decodes() {
    use yun_aliyun_ecs::operation::DescribeInstancesOutput;
    let body = r#"{"RequestId":"r","TotalCount":"1","Instances":{"Instance":[{"InstanceId":"i-1","Cpu":"2","Memory":"8192","DeletionProtection":"false","Status":""}]}}"#;
    let out: DescribeInstancesOutput = yun_runtime::aliyun::response_decode(&response(body)).unwrap();
    assert_eq!(out.total_count, Some(1));
    let instance = &out.instances.unwrap().instance.unwrap()[0];
    assert_eq!((instance.cpu, instance.memory, instance.deletion_protection), (Some(2), Some(8192), Some(false)));
    assert_eq!(instance.status, None, "an empty enum is absent, not Unknown(\"\")");
}

#[test]
fn numbers_as_strings_strings_as_numbers_and_booleans_as_text_change_nothing() {
    for case in all_cases() {
        let expected = case.decoded(case.payload.clone());
        for (drift, f) in [
            ("numbers as strings", number_as_string as fn(&Value) -> Option<Value>),
            ("strings as numbers", string_as_number),
            ("booleans as text", bool_as_string),
        ] {
            assert_eq!(case.decoded(drifted(&case.payload, f)), expected, "{}: {drift}", case.name);
        }
    }
}

#[test]
fn empty_strings_and_nulls_for_numbers_and_enums_are_absent() {
    for case in provider_cases() {
        for with in [json!(""), json!(null), json!("  ")] {
            let (numbers, without) = emptied(&case.payload, Value::is_number, &with);
            assert_eq!(case.decoded(numbers), case.decoded(without), "{}: numbers as {with}", case.name);
            // Enums (and strings): an empty value is absent too.
            let (strings, without) = emptied(&case.payload, Value::is_string, &with);
            assert_eq!(case.decoded(strings), case.decoded(without), "{}: strings as {with}", case.name);
            let (bools, without) = emptied(&case.payload, Value::is_boolean, &with);
            assert_eq!(case.decoded(bools), case.decoded(without), "{}: booleans as {with}", case.name);
        }
    }
}

#[test]
fn unknown_members_are_ignored() {
    for case in all_cases() {
        let expected = case.decoded(case.payload.clone());
        assert_eq!(case.decoded(with_unknown_members(&case.payload)), expected, "{}", case.name);
    }
}

#[test]
fn a_duplicate_key_keeps_the_last_value_for_every_provider() {
    for case in all_cases() {
        let expected = case.decoded(case.payload.clone());
        let body = with_duplicate_keys(&(case.wrap)(case.payload.clone()));
        let got = (case.decode)(&body).unwrap_or_else(|e| panic!("{}: {e}\n{body}", case.name));
        assert_eq!(got, expected, "{}", case.name);
    }
}

#[test]
fn kingsoft_xml_follows_the_same_policy() {
    let decode = ksyun::<yun_ksyun_kec::operation::DescribeInstancesOutput>;
    let payload = kec_page();
    let expected = decode(&payload.to_string()).unwrap();
    let xml = as_xml("DescribeInstancesResponse", &payload);
    assert_eq!(decode(&xml).unwrap(), expected, "{xml}");
    let xml = as_xml("DescribeInstancesResponse", &with_unknown_members(&payload));
    assert_eq!(decode(&xml).unwrap(), expected, "unknown elements");
    // An empty element where a number is wanted is absent.
    let (emptied, without) = emptied(&payload, Value::is_number, &json!(""));
    assert_eq!(decode(&as_xml("R", &emptied)).unwrap(), decode(&without.to_string()).unwrap());
}

// --- what still does not fit ----------------------------------------------------------

type Warned = (Value, Vec<(String, String)>);

fn warned<T: Serialize>(r: Result<yun_runtime::response::decode::Decoded<T>, yun_runtime::Error>) -> Result<Warned, yun_runtime::Error> {
    r.map(|d| {
        let warnings = d.warnings.iter().map(|w| (w.path().to_owned(), w.raw().to_owned())).collect();
        (serde_json::to_value(d.output).unwrap(), warnings)
    })
}

/// Each provider's answer with one value that fits no conversion: where it is in the
/// payload (a JSON pointer) and the path a warning names.
struct Misfit {
    name: &'static str,
    decode: fn(&HttpResponse) -> Result<Warned, yun_runtime::Error>,
    payload: Value,
    wrap: fn(Value) -> Value,
    pointer: &'static str,
    path: &'static str,
}

fn misfits() -> Vec<Misfit> {
    use yun_runtime::{aliyun, inspur, jdcloud, ksyun};
    vec![
        Misfit {
            name: "Aliyun ECS DescribeInstances",
            decode: |r| warned(aliyun::response_decode_answer::<yun_aliyun_ecs::operation::DescribeInstancesOutput>(r, false)),
            payload: ecs_page(),
            wrap: itself,
            pointer: "/Instances/Instance/0/Cpu",
            path: "Instances.Instance[0].Cpu",
        },
        Misfit {
            name: "Kingsoft KEC DescribeInstances",
            decode: |r| warned(ksyun::response::decode_answer::<yun_ksyun_kec::operation::DescribeInstancesOutput>(r, false)),
            payload: kec_page(),
            wrap: itself,
            pointer: "/InstancesSet/0/InstanceConfigure/VCPU",
            path: "InstancesSet[0].InstanceConfigure.VCPU",
        },
        Misfit {
            name: "JD Cloud VM DescribeInstances",
            decode: |r| warned(jdcloud::response::decode_answer::<yun_jdcloud_vm::operation::DescribeInstancesOutput>(r, false)),
            payload: jd_page(),
            wrap: jd_envelope,
            pointer: "/instances/0/systemDisk/cloudDisk/diskSizeGB",
            path: "instances[0].systemDisk.cloudDisk.diskSizeGB",
        },
        Misfit {
            name: "Inspur ECS ListServers",
            decode: |r| warned(inspur::response::decode_answer::<yun_inspur_ecs::operation::ListServersOutput>(r, false)),
            payload: inspur_page(),
            wrap: inspur_envelope,
            pointer: "/servers/0/flavor/vcpus",
            path: "servers[0].flavor.vcpus",
        },
    ]
}

/// `v` with the member at `pointer` set to `with`, or removed when `with` is `None`.
fn at(v: &Value, pointer: &str, with: Option<Value>) -> Value {
    let mut v = v.clone();
    let (parent, key) = pointer.rsplit_once('/').unwrap();
    let object = v.pointer_mut(parent).and_then(Value::as_object_mut).unwrap_or_else(|| panic!("no object at {parent}"));
    assert!(object.contains_key(key), "no member at {pointer}");
    match with {
        Some(with) => object.insert(key.to_owned(), with),
        None => object.remove(key),
    };
    v
}

#[test]
fn a_value_that_does_not_fit_is_left_out_with_a_warning() {
    for m in misfits() {
        let body = |payload: Value| (m.wrap)(payload).to_string();
        let (without, none) = (m.decode)(&response(&body(at(&m.payload, m.pointer, None)))).unwrap();
        assert!(none.is_empty(), "{}: {none:?}", m.name);
        let (got, warnings) = (m.decode)(&response(&body(at(&m.payload, m.pointer, Some(json!("many"))))))
            .unwrap_or_else(|e| panic!("{}: a value that does not fit sank the answer: {e}", m.name));
        assert_eq!(got, without, "{}: only that member is absent, everything else decodes as it is", m.name);
        assert_eq!(warnings, [(m.path.to_owned(), r#""many""#.to_owned())], "{}", m.name);
        let whole = (m.decode)(&response(&body(m.payload.clone()))).unwrap().0;
        assert_ne!(got, whole, "{}: the member was set before", m.name);
    }
    // Kingsoft's XML: the same warning.
    let m = &misfits()[1];
    let xml = as_xml("DescribeInstancesResponse", &at(&m.payload, m.pointer, Some(json!("many"))));
    let (got, warnings) = (m.decode)(&response(&xml)).unwrap();
    let without = (m.decode)(&response(&as_xml("DescribeInstancesResponse", &at(&m.payload, m.pointer, None)))).unwrap().0;
    assert_eq!((got, warnings), (without, vec![(m.path.to_owned(), r#""many""#.to_owned())]));
}

#[test]
fn the_issue_s_page_keeps_its_other_instances() {
    use yun_aliyun_ecs::operation::DescribeInstancesOutput;
    let page = at(&ecs_page(), "/Instances/Instance/0/Cpu", Some(json!("many")));
    let d = yun_runtime::aliyun::response_decode_answer::<DescribeInstancesOutput>(&response(&page.to_string()), false).unwrap();
    let instances = d.output.instances.as_ref().unwrap().instance.as_ref().unwrap();
    assert_eq!(instances.len(), 3);
    assert_eq!(instances[0].cpu, None);
    assert_eq!(instances[0].instance_id.as_deref(), Some("i-0"));
    assert_eq!((instances[1].cpu, instances[2].cpu), (Some(3), Some(4)));
    assert_eq!(d.warnings.len(), 1);
    assert_eq!((d.warnings[0].path(), d.warnings[0].raw()), ("Instances.Instance[0].Cpu", r#""many""#));
    assert!(d.warnings[0].to_string().contains("Instances.Instance[0].Cpu"));
}

#[test]
fn several_misfits_are_each_named_as_the_answer_spells_them() {
    use yun_aliyun_ecs::operation::DescribeInstancesOutput;
    let mut page = ecs_page();
    let ips = json!(["10.0.0.1", {"not": "an address"}, ["nor", "this"], "10.0.0.4"]);
    page = at(&page, "/Instances/Instance/1/VpcAttributes/PrivateIpAddress/IpAddress", Some(ips));
    page = at(&page, "/Instances/Instance/2/Memory", Some(json!({"MiB": 1})));
    page = at(&page, "/TotalCount", Some(json!("x".repeat(1000))));
    let d = yun_runtime::aliyun::response_decode_answer::<DescribeInstancesOutput>(&response(&page.to_string()), false).unwrap();
    let mut paths: Vec<&str> = d.warnings.iter().map(|w| w.path()).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "Instances.Instance[1].VpcAttributes.PrivateIpAddress.IpAddress[1]",
            "Instances.Instance[1].VpcAttributes.PrivateIpAddress.IpAddress[2]",
            "Instances.Instance[2].Memory",
            "TotalCount",
        ]
    );
    let instances = d.output.instances.unwrap().instance.unwrap();
    let ips = instances[1].vpc_attributes.as_ref().unwrap().private_ip_address.as_ref().unwrap().ip_address.clone().unwrap();
    assert_eq!(ips, ["10.0.0.1", "10.0.0.4"], "the items that fit stay, in order");
    assert_eq!(instances[2].memory, None);
    let long = d.warnings.iter().find(|w| w.path() == "TotalCount").unwrap();
    assert!(long.raw().len() <= yun_runtime::response::decode::RAW_LIMIT + '…'.len_utf8() && long.raw().ends_with('…'), "{}", long.raw());
}

#[test]
fn an_answer_that_is_not_the_envelope_is_still_an_error_with_status_and_request_id() {
    use yun_runtime::{aliyun, inspur, jdcloud, ksyun};
    let with_header = |name: &str, body: &str| HttpResponse {
        status: 200,
        headers: vec![(name.to_owned(), "req-7".to_owned())],
        body: body.as_bytes().to_vec().into(),
    };
    type Any = serde_json::Value;
    let errors = [
        (
            "aliyun html",
            aliyun::response_decode_answer::<yun_aliyun_ecs::operation::DescribeInstancesOutput>(
                &with_header("x-acs-request-id", "<html>busy</html>"),
                false,
            )
            .map(|_| ()),
        ),
        (
            "aliyun array",
            aliyun::response_decode_answer::<yun_aliyun_ecs::operation::DescribeInstancesOutput>(
                &with_header("x-acs-request-id", "[1,2]"),
                false,
            )
            .map(|_| ()),
        ),
        (
            "ksyun",
            ksyun::response::decode_answer::<yun_ksyun_kec::operation::DescribeInstancesOutput>(
                &with_header("x-kss-request-id", "busy, try later"),
                false,
            )
            .map(|_| ()),
        ),
        (
            "jdcloud",
            jdcloud::response::decode_answer::<yun_jdcloud_vm::operation::DescribeInstancesOutput>(
                &response(r#"{"requestId":"req-7","result":[1]}"#),
                false,
            )
            .map(|_| ()),
        ),
        ("inspur", inspur::response::decode_answer::<Any>(&with_header("x-request-id", r#"{"error":"unauthorized"}"#), false).map(|_| ())),
    ];
    for (name, result) in errors {
        let Err(yun_runtime::Error::Decode(e)) = &result else { panic!("{name}: {result:?}") };
        assert_eq!((e.status, e.request_id.as_deref()), (200, Some("req-7")), "{name}");
        let text = result.unwrap_err().to_string();
        assert!(text.contains("HTTP 200") && text.contains("request id req-7"), "{name}: {text}");
    }
}

/// Through the client: the warnings and the raw body are on the output, and each warning
/// is logged at `warn` with its path and raw text.
#[tokio::test]
async fn the_client_keeps_warnings_and_the_raw_body_on_the_output() {
    use yun_tests::server::{Reply, TestServer};

    let capture = yun_tests::logs::capture(tracing::Level::WARN);

    let mut page = at(&ecs_page(), "/Instances/Instance/0/Cpu", Some(json!("many")));
    page["NotInTheSpecYet"] = json!({"Shiny": true});
    let body = page.to_string();
    let server = TestServer::start(vec![Reply::json(200, &body)]).await;
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&server.url)
        .credentials(yun_runtime::Credentials::new("AKID", "secret"))
        .build()
        .unwrap();
    let client = yun_aliyun_ecs::Client::new(config);
    let input = yun_aliyun_ecs::operation::DescribeInstancesInput::builder().region_id("cn-hangzhou").build().unwrap();
    let out = client.describe_instances(input).await.unwrap();
    assert_eq!(out.warnings().len(), 1);
    assert_eq!((out.warnings()[0].path(), out.warnings()[0].raw()), ("Instances.Instance[0].Cpu", r#""many""#));
    let raw: Value = serde_json::from_slice(out.raw_body().expect("the raw body is kept")).unwrap();
    assert_eq!(raw["NotInTheSpecYet"]["Shiny"], json!(true), "members the spec does not know reach the caller");
    assert_eq!(out.instances.as_ref().unwrap().instance.as_ref().unwrap().len(), 3);
    let debug = format!("{out:?}");
    assert!(
        !debug.contains("NotInTheSpecYet") && debug.contains(&format!("<{} bytes>", body.len())),
        "Debug shows the body's length, not its text"
    );
    let logs = capture.text();
    assert!(logs.contains("WARN") && logs.contains("Instances.Instance[0].Cpu") && logs.contains("many"), "{logs}");
    // Outputs compare by their members.
    assert_eq!(out.clone(), out);
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, ..ProptestConfig::default() })]

    /// Any part of the numeric members sent as strings, any part of the numeric strings sent as
    /// numbers: the same output, for every fixture of every provider.
    #[test]
    fn any_numeric_drift_decodes_to_the_same_output(seed: u64, other: u64) {
        for case in all_cases() {
            let expected = case.decoded(case.payload.clone());
            let mut v = case.payload.clone();
            let mut i = 0u32;
            each_scalar(&mut v, &mut || { i += 1; seed.rotate_left(i) & 1 == 1 }, &number_as_string);
            let mut j = 0u32;
            each_scalar(&mut v, &mut || { j += 1; other.rotate_left(j) & 1 == 1 }, &string_as_number);
            prop_assert_eq!(case.decoded(v), expected, "{}", case.name);
        }
    }
}
