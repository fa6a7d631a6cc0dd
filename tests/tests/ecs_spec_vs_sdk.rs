//! `specs/aliyun-ecs.yaml` against the official SDK's request facts
//! (`tests/fixtures/aliyun/ecs-sdk-operations.json`, made by `extract_ecs_sdk.py` from
//! alibabacloud-ecs20140526): the spec holds exactly the 24 actions of
//! `002_f0be29b3ba64e6a7.txt` (17 its code calls, 7 its prose names), each with the SDK's
//! method and path; every parameter the SDK sends for them is in the spec with the same wire
//! name, location and a compatible type; the spec has no input member the SDK never sends;
//! idempotency tokens and passwords are marked. The checks are `tests/src/spec_vs_sdk.rs`,
//! shared with SWAS.

use yun_tests::spec_vs_sdk;

use yun_codegen::spec::{Scalar, TypeExpr};

/// The 17 actions the document's code calls, then the 7 its prose names.
const DOCUMENT_OPERATIONS: &[&str] = &[
    "CreateInstance",
    "DeleteInstance",
    "DescribeAvailableResource",
    "DescribeImages",
    "DescribeInstanceAutoRenewAttribute",
    "DescribeInstances",
    "DescribeRegions",
    "DescribeResourcesModification",
    "DescribeSpotPriceHistory",
    "ModifyInstanceAutoReleaseTime",
    "ModifyInstanceAutoRenewAttribute",
    "ModifyInstanceSpec",
    "ModifyPrepayInstanceSpec",
    "RenewInstance",
    "RunInstances",
    "StartInstance",
    "StopInstance",
    "AllocatePublicIpAddress",
    "CreateSecurityGroup",
    "DeleteInstances",
    "DescribeDisks",
    "DescribeInstanceStatus",
    "DescribeInstanceTypes",
    "DescribeSecurityGroups",
];

/// Paging members the SDK types `str` although they are numbers; the spec declares them
/// integers (the same decimal on the wire), and says so in its header.
const NUMERIC_STRINGS: &[(&str, &str)] =
    &[("DescribeInstanceAutoRenewAttribute", "PageNumber"), ("DescribeInstanceAutoRenewAttribute", "PageSize")];

const SPEC: &str = "aliyun-ecs.yaml";
const FACTS: &str = "aliyun/ecs-sdk-operations.json";

#[test]
fn the_spec_validates() {
    let loaded = spec_vs_sdk::load_spec(SPEC);
    yun_codegen::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn the_spec_has_every_operation_and_parameter_the_sdk_sends() {
    let loaded = spec_vs_sdk::load_spec(SPEC);
    let spec = &loaded.spec;
    let sdk = spec_vs_sdk::load_facts(FACTS);
    assert_eq!(DOCUMENT_OPERATIONS.len(), 24);
    assert_eq!(spec.operations.len(), DOCUMENT_OPERATIONS.len(), "the spec has exactly the document's operations");
    assert_eq!(sdk.operations.len(), DOCUMENT_OPERATIONS.len(), "the facts hold exactly the spec's operations");
    assert_eq!(
        spec.service.sources.sdk.as_deref(),
        Some(sdk.package.as_str()),
        "the spec names the SDK version the facts were extracted from"
    );
    spec_vs_sdk::assert_none(spec_vs_sdk::problems(spec, &sdk, DOCUMENT_OPERATIONS, NUMERIC_STRINGS));
}

#[test]
fn every_operation_cites_the_document_and_the_sdk() {
    let loaded = spec_vs_sdk::load_spec(SPEC);
    let mut problems = Vec::new();
    for (name, op) in loaded.spec.operations.iter() {
        let s = &op.source;
        if s.doc.as_deref() != Some("002_f0be29b3ba64e6a7.txt") || s.line.is_none() || s.sdk.as_deref() != Some("alibabacloud-ecs20140526")
        {
            problems.push(format!("{name}: source {s:?}"));
        }
    }
    spec_vs_sdk::assert_none(problems);
}

#[test]
fn tokens_and_passwords_are_marked() {
    let loaded = spec_vs_sdk::load_spec(SPEC);
    let spec = &loaded.spec;
    let members = spec
        .operations
        .iter()
        .flat_map(|(op, o)| o.input.iter().map(move |(w, m)| (format!("{op}.{w}"), w, m)))
        .chain(spec.shapes.iter().flat_map(|(s, shape)| shape.members().map(move |(w, m)| (format!("{s}.{w}"), w, m))));
    let mut problems = Vec::new();
    let mut tokens = 0;
    for (at, wire, member) in members {
        if wire == "ClientToken" {
            tokens += 1;
            if !member.idempotency_token || TypeExpr::parse(&member.ty).unwrap() != TypeExpr::Scalar(Scalar::String) {
                problems.push(format!("{at}: a ClientToken is a string idempotency token"));
            }
        }
        if wire == "Password" && !member.sensitive {
            problems.push(format!("{at}: a password is sensitive"));
        }
    }
    assert!(tokens >= 7, "RunInstances, CreateInstance, … have a ClientToken ({tokens})");
    spec_vs_sdk::assert_none(problems);
}
