//! `specs/aliyun-swas.yaml` against the official SDK's request facts
//! (`tests/fixtures/aliyun/swas-sdk-operations.json`, made by `extract_swas_sdk.py`):
//! every operation of the document is there with the SDK's method, and every request
//! parameter the SDK sends is in the spec with the same wire name, location and a
//! compatible type.

use serde::Deserialize;
use std::collections::BTreeMap;
use yun_codegen::spec::{Location, Scalar, TypeExpr};

/// The 29 operations of `000_a3f05b1bc2bd7c22.txt`.
const DOCUMENT_OPERATIONS: &[&str] = &[
    "AddCustomImageShareAccount", "CreateCustomImage", "DeleteCustomImage", "DescribeInstancePasswordsSetting",
    "DescribeInstanceVncUrl", "ListCustomImageShareAccounts", "ListCustomImages", "ListImages",
    "ListInstancePlansModification", "ListInstanceStatus", "ListInstances", "ListInstancesTrafficPackages", "ListPlans",
    "ListRegions", "LoginInstance", "ModifyImageShareStatus", "ModifyInstanceVncPassword", "RebootInstance",
    "RebootInstances", "RemoveCustomImageShareAccount", "RenewInstance", "ResetSystem", "StartInstance",
    "StartInstances", "StartTerminalSession", "StopInstance", "StopInstances", "UpdateInstanceAttribute",
    "UpgradeInstance",
];

#[derive(Deserialize)]
struct SdkFacts {
    operations: BTreeMap<String, SdkOperation>,
}

#[derive(Deserialize)]
struct SdkOperation {
    method: String,
    pathname: String,
    input: Vec<SdkParam>,
}

#[derive(Deserialize)]
struct SdkParam {
    wire: String,
    location: String,
    python_type: String,
}

#[test]
fn the_spec_has_every_operation_and_parameter_the_sdk_sends() {
    let spec_file = yun_tests::workspace_root().join("specs/aliyun-swas.yaml");
    let loaded = yun_codegen::load::load_file(&spec_file).unwrap_or_else(|d| panic!("{d}"));
    let spec = &loaded.spec;
    let sdk: SdkFacts =
        serde_json::from_str(&std::fs::read_to_string(yun_tests::fixture("aliyun/swas-sdk-operations.json")).unwrap())
            .unwrap();

    let mut problems = Vec::new();
    assert_eq!(spec.operations.len(), DOCUMENT_OPERATIONS.len(), "the spec has exactly the document's operations");
    for name in DOCUMENT_OPERATIONS {
        let Some(op) = spec.operations.get(*name) else {
            problems.push(format!("{name}: missing from the spec"));
            continue;
        };
        let sdk_op = &sdk.operations[*name];
        if op.http.method.as_str() != sdk_op.method || op.http.path != sdk_op.pathname {
            problems.push(format!("{name}: http {:?} {} but the SDK sends {} {}", op.http.method, op.http.path, sdk_op.method, sdk_op.pathname));
        }
        for param in &sdk_op.input {
            let Some(member) = op.input.get(&param.wire) else {
                problems.push(format!("{name}.{}: the SDK sends it, the spec lacks it", param.wire));
                continue;
            };
            let location = match member.location.unwrap_or(Location::Query) {
                Location::Query => "query",
                Location::Body => "body",
                other => panic!("{other:?}"),
            };
            if location != param.location {
                problems.push(format!("{name}.{}: spec location {location}, SDK {}", param.wire, param.location));
            }
            let ty = TypeExpr::parse(&member.ty).unwrap();
            let json_list = member.encoding == Some(yun_codegen::spec::Encoding::Json);
            let compatible = match (param.python_type.as_str(), &ty) {
                ("str", TypeExpr::Scalar(Scalar::String)) => true,
                ("str", TypeExpr::List(_)) => json_list,
                ("str", TypeExpr::Named(n)) => spec.shapes.get(n).is_some_and(|s| s.kind == yun_codegen::spec::ShapeKind::Enum),
                ("int", TypeExpr::Scalar(Scalar::Integer | Scalar::Long)) => true,
                ("int", TypeExpr::Named(n)) => spec.shapes.get(n).is_some_and(|s| s.kind == yun_codegen::spec::ShapeKind::Enum),
                ("bool", TypeExpr::Scalar(Scalar::Boolean)) => true,
                ("List[int]", TypeExpr::List(t)) => matches!(**t, TypeExpr::Scalar(Scalar::Integer | Scalar::Long)) && !json_list,
                ("List[str]", TypeExpr::List(t)) => matches!(**t, TypeExpr::Scalar(Scalar::String)) && !json_list,
                ("List[model]", TypeExpr::List(t)) => matches!(**t, TypeExpr::Named(_)) && !json_list,
                ("model", TypeExpr::Named(_)) => !json_list,
                _ => false,
            };
            if !compatible {
                problems.push(format!("{name}.{}: spec type `{}` does not fit the SDK's `{}`", param.wire, member.ty, param.python_type));
            }
        }
        for wire in op.input.keys() {
            if !sdk_op.input.iter().any(|p| &p.wire == wire) {
                problems.push(format!("{name}.{wire}: in the spec but the SDK never sends it"));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
