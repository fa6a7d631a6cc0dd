//! One lenient decoding policy for every provider (issue 13): answers that drift from their
//! document — numbers sent as strings, strings sent as numbers, booleans as `"true"`/`"false"`,
//! empty strings or `null` for numbers and enums, members nobody declared, duplicate keys —
//! decode through each provider's decoder (Aliyun, Kingsoft JSON and XML, JD Cloud, Inspur)
//! with every other member unchanged. A property test drifts a random part of every numeric
//! member of every SWAS response fixture and of each provider's sample.

use proptest::prelude::*;
use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::{json, Map, Value};
use yun_runtime::http::HttpResponse;

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

fn ecs_page() -> Value {
    let instance = |i: u32| {
        json!({
            "InstanceId": format!("i-{i}"), "InstanceName": format!("web-{i}"), "Status": "Running",
            "InstanceChargeType": "PostPaid", "Cpu": 2 + i, "Memory": 8192, "GPUAmount": 0,
            "DeletionProtection": i % 2 == 0, "Recyclable": false, "SpotPriceLimit": 0.98,
            "InternetMaxBandwidthOut": 5, "SerialNumber": "51d1353b", "CreationTime": "2026-11-23T03:33Z",
            "Tags": {"Tag": [{"TagKey": "env", "TagValue": "prod"}]},
            "VpcAttributes": {"VpcId": "vpc-1", "VSwitchId": "vsw-1", "PrivateIpAddress": {"IpAddress": [format!("10.0.0.{i}")]}},
        })
    };
    json!({"RequestId": "r", "TotalCount": 3, "PageNumber": 1, "PageSize": 10,
           "Instances": {"Instance": [instance(0), instance(1), instance(2)]}})
}

fn kec_page() -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture("ksyun/samples/1499-DescribeInstances.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    strip_empty_lists(&mut v);
    v
}

fn jd_page() -> Value {
    json!({"totalCount": 1, "instances": [{"instanceId": "i-1", "status": "running", "cpu": 2,
        "systemDisk": {"diskCategory": "cloud", "autoDelete": true, "cloudDisk": {"diskId": "vol-1", "diskSizeGB": 40}},
        "primaryNetworkInterface": {"deviceIndex": 1, "networkInterface": {"networkInterfaceId": "port-1",
            "securityGroups": [{"groupId": "sg-1"}], "primaryIp": {"privateIpAddress": "10.0.0.2"}}},
        "tags": [{"key": "k", "value": "v"}], "charge": {"chargeMode": "postpaid_by_duration"}}]})
}

fn inspur_page() -> Value {
    json!({"totalCount": 1, "servers": [{"id": "s-1", "name": "vm", "status": "active",
        "root_volume": {"volumetype": "SATA", "size": 50},
        "data_volumes": [{"volumetype": "SATA", "volumeid": "v-1", "size": 100}],
        "flavor": {"disk": 50, "ephemeral": 0, "vcpus": 2, "ram": 4096, "extra_specs": {"hw:cpu_policy": "dedicated", "n": "1"}},
        "metadata": {"k": "v"}}]})
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
    each! {
        "AddCustomImageShareAccount" => AddCustomImageShareAccountOutput,
        "CreateCustomImage" => CreateCustomImageOutput,
        "DeleteCustomImage" => DeleteCustomImageOutput,
        "DescribeInstancePasswordsSetting" => DescribeInstancePasswordsSettingOutput,
        "DescribeInstanceVncUrl" => DescribeInstanceVncUrlOutput,
        "ListCustomImageShareAccounts" => ListCustomImageShareAccountsOutput,
        "ListCustomImages" => ListCustomImagesOutput,
        "ListImages" => ListImagesOutput,
        "ListInstancePlansModification" => ListInstancePlansModificationOutput,
        "ListInstanceStatus" => ListInstanceStatusOutput,
        "ListInstances" => ListInstancesOutput,
        "ListInstancesTrafficPackages" => ListInstancesTrafficPackagesOutput,
        "ListPlans" => ListPlansOutput,
        "ListRegions" => ListRegionsOutput,
        "LoginInstance" => LoginInstanceOutput,
        "ModifyImageShareStatus" => ModifyImageShareStatusOutput,
        "ModifyInstanceVncPassword" => ModifyInstanceVncPasswordOutput,
        "RebootInstance" => RebootInstanceOutput,
        "RebootInstances" => RebootInstancesOutput,
        "RemoveCustomImageShareAccount" => RemoveCustomImageShareAccountOutput,
        "RenewInstance" => RenewInstanceOutput,
        "ResetSystem" => ResetSystemOutput,
        "StartInstance" => StartInstanceOutput,
        "StartInstances" => StartInstancesOutput,
        "StartTerminalSession" => StartTerminalSessionOutput,
        "StopInstance" => StopInstanceOutput,
        "StopInstances" => StopInstancesOutput,
        "UpdateInstanceAttribute" => UpdateInstanceAttributeOutput,
        "UpgradeInstance" => UpgradeInstanceOutput,
    }
}

/// One answer per provider and format.
fn provider_cases() -> Vec<Case> {
    vec![
        Case { name: "Aliyun ECS DescribeInstances".into(), decode: aliyun::<yun_aliyun_ecs::operation::DescribeInstancesOutput>, payload: ecs_page(), wrap: itself },
        Case { name: "Kingsoft KEC DescribeInstances".into(), decode: ksyun::<yun_ksyun_kec::operation::DescribeInstancesOutput>, payload: kec_page(), wrap: itself },
        Case { name: "JD Cloud VM DescribeInstances".into(), decode: jdcloud::<yun_jdcloud_vm::operation::DescribeInstancesOutput>, payload: jd_page(), wrap: jd_envelope },
        Case { name: "Inspur ECS ListServers".into(), decode: inspur::<yun_inspur_ecs::operation::ListServersOutput>, payload: inspur_page(), wrap: inspur_envelope },
    ]
}

fn all_cases() -> Vec<Case> {
    let mut cases = provider_cases();
    cases.extend(swas_cases());
    cases
}

// --- drift -----------------------------------------------------------------------------

fn strip_empty_lists(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
            m.values_mut().for_each(strip_empty_lists);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_empty_lists),
        _ => {}
    }
}

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

#[test]
fn what_still_does_not_fit_is_an_error_naming_the_path() {
    let body = r#"{"Instances":{"Instance":[{},{},{},{"Cpu":"many"}]}}"#;
    let e = aliyun::<yun_aliyun_ecs::operation::DescribeInstancesOutput>(body).unwrap_err();
    assert!(e.contains("Instances.Instance[3].Cpu") && e.contains("many"), "{e}");
    let e = ksyun::<yun_ksyun_kec::operation::DescribeInstancesOutput>(r#"{"InstancesSet":[{"InstanceConfigure":{"VCPU":"x"}}]}"#).unwrap_err();
    assert!(e.contains("InstancesSet[0].InstanceConfigure.VCPU"), "{e}");
    let e = jdcloud::<yun_jdcloud_vm::operation::DescribeInstancesOutput>(r#"{"result":{"instances":[{"systemDisk":{"cloudDisk":{"diskSizeGB":"big"}}}]}}"#).unwrap_err();
    assert!(e.contains("instances[0].systemDisk.cloudDisk.diskSizeGB"), "{e}");
    let e = inspur::<yun_inspur_ecs::operation::ListServersOutput>(r#"{"code":200,"data":{"totalCount":"lots"}}"#).unwrap_err();
    assert!(e.contains("totalCount"), "{e}");
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
