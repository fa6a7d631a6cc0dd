//! `specs/jdcloud-vm.yaml` against the official SDK's request facts
//! (`tests/fixtures/jdcloud/vm-sdk-operations.json`, made by `extract_vm_sdk.py` from
//! jdcloud-sdk 1.6.354): the spec holds exactly the document's 35 operations, each with the
//! SDK's method and full path; every parameter the SDK has for them is in the spec with the
//! same wire name, required flag and location; and the spec has no input member the SDK
//! lacks.

use serde::Deserialize;
use std::collections::BTreeMap;
use yun_codegen::spec::{HttpMethod, Location, Scalar, TypeExpr};

/// The 35 actions of `001_2ab5fddc7a2a9fcc.txt` (lines 15-49), in PascalCase.
const DOCUMENT_OPERATIONS: &[&str] = &[
    "AssociateElasticIp",
    "AttachDisk",
    "AttachNetworkInterface",
    "CopyImages",
    "CreateImage",
    "CreateInstances",
    "DeleteImage",
    "DeleteInstance",
    "DescribeImage",
    "DescribeImageConstraints",
    "DescribeImageConstraintsBatch",
    "DescribeImageMembers",
    "DescribeImages",
    "DescribeInstance",
    "DescribeInstancePrivateIpAddress",
    "DescribeInstanceStatus",
    "DescribeInstanceTypes",
    "DescribeInstanceVncUrl",
    "DescribeInstances",
    "DescribeQuotas",
    "DetachDisk",
    "DetachNetworkInterface",
    "DisassociateElasticIp",
    "ModifyImageAttribute",
    "ModifyInstanceAttribute",
    "ModifyInstanceDiskAttribute",
    "ModifyInstanceNetworkAttribute",
    "ModifyInstancePassword",
    "RebootInstance",
    "RebuildInstance",
    "ResizeInstance",
    "ShareImage",
    "StartInstance",
    "StopInstance",
    "UnShareImage",
];

#[derive(Deserialize)]
struct SdkFacts {
    operations: BTreeMap<String, SdkOperation>,
}

#[derive(Deserialize)]
struct SdkOperation {
    method: String,
    path: String,
    parameters: Vec<SdkParam>,
}

#[derive(Deserialize)]
struct SdkParam {
    name: String,
    required: bool,
    location: String,
}

fn load() -> (yun_codegen::load::LoadedSpec, SdkFacts) {
    let spec_file = yun_tests::workspace_root().join("specs/jdcloud-vm.yaml");
    let loaded = yun_codegen::load::load_file(&spec_file).unwrap_or_else(|d| panic!("{d}"));
    let sdk: SdkFacts =
        serde_json::from_str(&std::fs::read_to_string(yun_tests::fixture("jdcloud/vm-sdk-operations.json")).unwrap()).unwrap();
    (loaded, sdk)
}

#[test]
fn the_spec_validates() {
    let (loaded, _) = load();
    yun_codegen::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn the_spec_has_the_documents_operations_with_the_sdks_paths_and_parameters() {
    let (loaded, sdk) = load();
    let spec = &loaded.spec;
    let mut problems = Vec::new();
    assert_eq!(DOCUMENT_OPERATIONS.len(), 35);
    assert_eq!(spec.operations.len(), DOCUMENT_OPERATIONS.len(), "the spec has exactly the document's operations");
    for name in DOCUMENT_OPERATIONS {
        let Some(op) = spec.operations.get(*name) else {
            problems.push(format!("{name}: missing from the spec"));
            continue;
        };
        let Some(sdk_op) = sdk.operations.get(*name) else {
            problems.push(format!("{name}: not in the SDK"));
            continue;
        };
        if op.http.method.as_str() != sdk_op.method || op.http.path != sdk_op.path {
            problems.push(format!(
                "{name}: http {} {} but the SDK sends {} {}",
                op.http.method.as_str(),
                op.http.path,
                sdk_op.method,
                sdk_op.path
            ));
        }
        let in_body = !matches!(op.http.method, HttpMethod::Get | HttpMethod::Delete);
        for param in &sdk_op.parameters {
            let Some(member) = op.input.get(&param.name) else {
                problems.push(format!("{name}.{}: the SDK has it, the spec lacks it", param.name));
                continue;
            };
            let location = match member.location {
                Some(Location::Path) => "path",
                Some(Location::Query) => "query",
                Some(Location::Body | Location::Payload) => "body",
                Some(Location::Header) => "header",
                None if in_body => "body",
                None => "query",
            };
            if location != param.location {
                problems.push(format!("{name}.{}: spec location {location}, SDK {}", param.name, param.location));
            }
            if member.required != param.required {
                problems.push(format!("{name}.{}: spec required {}, SDK {}", param.name, member.required, param.required));
            }
        }
        for wire in op.input.keys() {
            if !sdk_op.parameters.iter().any(|p| &p.name == wire) {
                problems.push(format!("{name}.{wire}: in the spec but not in the SDK"));
            }
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn tokens_and_passwords_are_marked() {
    let (loaded, _) = load();
    let spec = &loaded.spec;
    let members = spec
        .operations
        .iter()
        .flat_map(|(op, o)| o.input.iter().map(move |(w, m)| (format!("{op}.{w}"), w, m)))
        .chain(spec.shapes.iter().flat_map(|(s, shape)| shape.members().map(move |(w, m)| (format!("{s}.{w}"), w, m))));
    let mut problems = Vec::new();
    let mut tokens = 0;
    for (at, wire, member) in members {
        if wire == "clientToken" {
            tokens += 1;
            if !member.idempotency_token || TypeExpr::parse(&member.ty).unwrap() != TypeExpr::Scalar(Scalar::String) {
                problems.push(format!("{at}: a clientToken is a string idempotency token"));
            }
        }
        if wire.eq_ignore_ascii_case("password") && !member.sensitive {
            problems.push(format!("{at}: a password is sensitive"));
        }
    }
    assert!(tokens > 0, "CreateInstances has a clientToken");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
