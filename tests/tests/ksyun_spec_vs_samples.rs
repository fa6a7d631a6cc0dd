//! An independent check of the KEC transcription: every parameter the document's own sample
//! requests send (`tests/fixtures/ksyun/sample-requests.json`: action → parameter, as sent,
//! line) is a request member of that action in `specs/ksyun-kec.yaml`; and the spec has every
//! action of the document's main body.

use std::collections::BTreeMap;

use serde::Deserialize;

#[derive(Deserialize)]
struct Param {
    param: String,
    as_sent: String,
    line: usize,
}

/// Parameters a sample request sends that the spec leaves out on purpose (the spec says why).
const NOT_IN_SPEC: &[(&str, &str)] = &[("ImportImage", "Name")];

/// The actions of the document's main body that belong to KEC (CreateNetworkInterface,
/// DeleteNetworkInterface, DescribeNetworkInterfaces are VPC's; CreateKey, ImportKey,
/// DeleteKey are SKS's: see the head of the spec).
const KEC_ACTIONS: &[&str] = &[
    "RunInstances", "StartInstances", "StopInstances", "RebootInstances", "TerminateInstances", "ModifyInstanceImage",
    "ModifyInstanceType", "ModifyInstanceAttribute", "DescribeInstances", "DescribeInstanceTypeConfigs",
    "DescribeInstanceFamilies", "ModifyInstanceAutoDeleteTime", "DescribeSpotPriceHistory", "DescribePrice",
    "CreateModel", "TerminateModels", "DescribeModels", "AddVmIntoDataGuard", "ModifyDataGuardGroups",
    "DescribeDataGuardCapacity", "CreateDataGuardGroup", "DeleteDataGuardGroups", "DescribeDataGuardGroup",
    "RemoveVmFromDataGuard", "CreateImage", "DescribeImages", "RemoveImages", "ModifyImageAttribute", "ImportImage",
    "CopyImage", "DescribeImageSharePermission", "ModifyImageSharePermission", "QueryImageList",
    "CreateLocalVolumeSnapshot", "RollbackLocalVolume", "DescribeLocalVolumeSnapshots", "DeleteLocalVolumeSnapshot",
    "DescribeRegions", "DescribeAvailabilityZones", "AttachNetworkInterface", "ModifyNetworkInterfaceAttribute",
    "DetachNetworkInterface", "DescribeLocalVolumes", "AttachKey", "DetachKey",
];

#[test]
fn the_spec_has_every_action_and_every_parameter_the_samples_send() {
    let spec_file = yun_tests::workspace_root().join("specs/ksyun-kec.yaml");
    let loaded = yun_codegen::load::load_file(&spec_file).unwrap_or_else(|d| panic!("{d}"));
    let ops = &loaded.spec.operations;
    let missing: Vec<&&str> = KEC_ACTIONS.iter().filter(|a| !ops.contains_key(**a)).collect();
    assert!(missing.is_empty(), "actions missing from the spec: {missing:?}");
    assert_eq!(ops.len(), KEC_ACTIONS.len(), "the spec has no action the document does not");

    let text = std::fs::read_to_string(yun_tests::fixture("ksyun/sample-requests.json")).unwrap();
    let samples: BTreeMap<String, Vec<Param>> = serde_json::from_str(&text).unwrap();
    let mut problems = Vec::new();
    let mut checked = 0;
    for (action, params) in &samples {
        let op = ops.get(action).unwrap_or_else(|| panic!("sample for unknown action {action}"));
        for p in params {
            if NOT_IN_SPEC.contains(&(action.as_str(), p.param.as_str())) {
                assert!(!op.input.contains_key(&p.param));
                continue;
            }
            checked += 1;
            if !op.input.contains_key(&p.param) {
                problems.push(format!("{action}: the sample request at line {} sends `{}`", p.line, p.as_sent));
            }
        }
    }
    assert!(checked >= 80, "{checked} parameters checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
