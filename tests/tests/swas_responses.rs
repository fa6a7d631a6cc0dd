//! Every SWAS response body, as the official SDK's models shape it
//! (`tests/fixtures/aliyun/swas-responses.json`, made by `make_swas_responses.py`), decodes
//! into the generated output type with nothing lost: re-encoding gives the same JSON.
//!
//! The document (`000_a3f05b1bc2bd7c22.txt`) has no response samples of its own; these
//! bodies stand in for them.

use serde::de::DeserializeOwned;
use serde::Serialize;
use serde_json::Value;
use yun_aliyun_swas::operation::*;
use yun_aliyun_swas::types::{ImageType, InstanceStatus};

fn responses() -> serde_json::Map<String, Value> {
    let text = std::fs::read_to_string(yun_tests::fixture("aliyun/swas-responses.json")).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn round_trip<T: DeserializeOwned + Serialize>(action: &str, all: &serde_json::Map<String, Value>) -> T {
    let body = all.get(action).unwrap_or_else(|| panic!("no sample for {action}"));
    let decoded: T = serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{action}: {e}"));
    let again = serde_json::to_value(&decoded).unwrap();
    assert_eq!(&again, body, "{action}: a field of the SDK's response is missing from the spec");
    decoded
}

#[test]
fn every_response_decodes_without_loss() {
    let all = responses();
    macro_rules! each {
        ($($action:literal => $ty:ty),* $(,)?) => {{
            let listed = [$($action),*];
            assert_eq!(listed.len(), all.len(), "every sample is checked");
            $( round_trip::<$ty>($action, &all); )*
        }};
    }
    yun_tests::for_each_swas_output!(each)
}

#[test]
fn typed_fields_carry_the_values() {
    let out: ListInstancesOutput = round_trip("ListInstances", &responses());
    let instances = out.instances.unwrap();
    assert_eq!(instances.len(), 2);
    assert_eq!(instances[0].status, Some(InstanceStatus::Running));
    assert_eq!(instances[0].image.as_ref().unwrap().image_type, Some(ImageType::System));
    assert!(instances[0].disks.as_ref().unwrap()[0].size.is_some());
}

#[test]
fn unknown_enum_values_and_unknown_fields_are_kept_or_ignored_not_fatal() {
    let body =
        r#"{"RequestId":"R","TotalCount":1,"Instances":[{"InstanceId":"i-1","Status":"Hibernating","NewField":{"x":1}}],"Extra":[1,2]}"#;
    let out: ListInstancesOutput = serde_json::from_str(body).unwrap();
    let instance = &out.instances.unwrap()[0];
    assert_eq!(instance.status, Some(InstanceStatus::Unknown("Hibernating".into())));
    assert_eq!(instance.status.as_ref().unwrap().as_str(), "Hibernating");
}

#[test]
fn missing_fields_and_nulls_decode_as_none() {
    let out: ListInstancesOutput = serde_json::from_str(r#"{"RequestId":"R","Instances":null}"#).unwrap();
    assert_eq!(out.request_id.as_deref(), Some("R"));
    assert!(out.instances.is_none() && out.total_count.is_none());
}

#[test]
fn a_wrongly_typed_field_is_an_error_not_a_panic() {
    let r = serde_json::from_str::<ListInstancesOutput>(r#"{"TotalCount":"many"}"#);
    assert!(r.is_err());
}
