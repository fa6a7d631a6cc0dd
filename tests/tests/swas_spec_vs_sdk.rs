//! `specs/aliyun-swas.yaml` against the official SDK's request facts
//! (`tests/fixtures/aliyun/swas-sdk-operations.json`, made by `extract_swas_sdk.py`):
//! every operation of the document is there with the SDK's method, and every request
//! parameter the SDK sends is in the spec with the same wire name, location and a
//! compatible type (the checks are `tests/src/spec_vs_sdk.rs`, shared with ECS).

use yun_tests::spec_vs_sdk;

/// The 29 operations of `000_a3f05b1bc2bd7c22.txt`.
const DOCUMENT_OPERATIONS: &[&str] = &[
    "AddCustomImageShareAccount",
    "CreateCustomImage",
    "DeleteCustomImage",
    "DescribeInstancePasswordsSetting",
    "DescribeInstanceVncUrl",
    "ListCustomImageShareAccounts",
    "ListCustomImages",
    "ListImages",
    "ListInstancePlansModification",
    "ListInstanceStatus",
    "ListInstances",
    "ListInstancesTrafficPackages",
    "ListPlans",
    "ListRegions",
    "LoginInstance",
    "ModifyImageShareStatus",
    "ModifyInstanceVncPassword",
    "RebootInstance",
    "RebootInstances",
    "RemoveCustomImageShareAccount",
    "RenewInstance",
    "ResetSystem",
    "StartInstance",
    "StartInstances",
    "StartTerminalSession",
    "StopInstance",
    "StopInstances",
    "UpdateInstanceAttribute",
    "UpgradeInstance",
];

#[test]
fn the_spec_has_every_operation_and_parameter_the_sdk_sends() {
    let loaded = spec_vs_sdk::load_spec("aliyun-swas.yaml");
    let spec = &loaded.spec;
    let sdk = spec_vs_sdk::load_facts("aliyun/swas-sdk-operations.json");
    assert_eq!(spec.operations.len(), DOCUMENT_OPERATIONS.len(), "the spec has exactly the document's operations");
    spec_vs_sdk::assert_none(spec_vs_sdk::problems(spec, &sdk, DOCUMENT_OPERATIONS, &[]));
}
