//! `specs/aliyun-vpc.yaml` against the official SDK's request facts
//! (`tests/fixtures/aliyun/vpc/vpc-sdk-operations.json`, made by
//! `tests/fixtures/aliyun/vpc/extract_vpc_sdk.py` from alibabacloud-vpc20160428): the spec holds
//! exactly the VPC action the ECS guide `002_f0be29b3ba64e6a7.txt` calls (DescribeVSwitches, lines
//! 695, 814 and 1891), with the SDK's method and path; every parameter the SDK sends is in the spec
//! with the same wire name, location and a compatible type, and the spec has no input member the SDK
//! never sends (the checks of `tests/src/spec_vs_sdk.rs`, shared with ECS and SWAS); the endpoint is
//! the SDK's rule; every limit the SDK's request models state is the spec's `range`, `max_items` or
//! `length` on the member it belongs to.

use yun_tests::spec_vs_sdk;

const DOCUMENT_OPERATIONS: &[&str] = &["DescribeVSwitches"];
const SPEC: &str = "aliyun-vpc.yaml";
const FACTS: &str = "aliyun/vpc/vpc-sdk-operations.json";

#[test]
fn the_spec_validates() {
    let loaded = spec_vs_sdk::load_spec(SPEC);
    yun_codegen::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
}

#[test]
fn the_spec_has_every_parameter_the_sdk_sends() {
    let loaded = spec_vs_sdk::load_spec(SPEC);
    let spec = &loaded.spec;
    let sdk = spec_vs_sdk::load_facts(FACTS);
    assert_eq!(spec.operations.len(), DOCUMENT_OPERATIONS.len(), "the spec has exactly the document's VPC call");
    assert_eq!(sdk.operations.len(), DOCUMENT_OPERATIONS.len(), "the facts hold exactly the spec's operations");
    assert_eq!(
        spec.service.sources.sdk.as_deref(),
        Some(sdk.package.as_str()),
        "the spec names the SDK version the facts were extracted from"
    );
    assert_eq!(sdk.operations["DescribeVSwitches"].input.len(), 18, "the SDK sends 18 parameters");
    spec_vs_sdk::assert_none(spec_vs_sdk::problems(spec, &sdk, DOCUMENT_OPERATIONS, &[]));
}

#[test]
fn the_service_is_the_vpc_products_not_ecs() {
    let spec = spec_vs_sdk::load_spec(SPEC).spec;
    assert_eq!(spec.service.name, "vpc");
    assert_eq!(spec.service.api_version, "2016-04-28");
    // The SDK's endpoint rule is `regional`: the product code and the region.
    let text = std::fs::read_to_string(yun_tests::fixture(FACTS)).unwrap();
    let facts: serde_json::Value = serde_json::from_str(&text).unwrap();
    assert_eq!(facts["endpoint"]["rule"], "regional");
    // The SDK package is named for its API version (`alibabacloud-vpc20160428`).
    let package = facts["package"].as_str().unwrap();
    assert!(package.starts_with(&format!("alibabacloud-vpc{} ", spec.service.api_version.replace('-', ""))), "{package}");
    assert_eq!(spec.service.endpoint, "vpc.{region}.aliyuncs.com");
    // The map's exceptions (central vpc.aliyuncs.com for cn-hangzhou, finance and gov regions) are named
    // in the spec's header, for callers who set the endpoint.
    assert_eq!(facts["endpoint"]["map"]["cn-hangzhou"], "vpc.aliyuncs.com");
    let header = std::fs::read_to_string(yun_tests::workspace_root().join("specs").join(SPEC)).unwrap();
    assert!(header.contains("vpc.aliyuncs.com") && header.contains("cn-hangzhou"), "the header names the map's central host");
}

#[test]
fn every_member_cites_the_document_or_the_sdk() {
    let spec = spec_vs_sdk::load_spec(SPEC).spec;
    let op = &spec.operations["DescribeVSwitches"];
    assert_eq!(op.source.doc.as_deref(), Some("002_f0be29b3ba64e6a7.txt"));
    assert_eq!(op.source.line, Some(695));
    assert_eq!(op.source.sdk.as_deref(), Some("alibabacloud-vpc20160428"));
    let paginator = op.paginator.as_ref().expect("DescribeVSwitches pages by page number");
    assert_eq!((paginator.input.as_str(), paginator.items.as_str()), ("PageNumber", "VSwitches.VSwitch"));
    for (name, shape) in spec.shapes.iter() {
        assert!(shape.source.as_ref().and_then(|s| s.sdk.as_deref()) == Some("alibabacloud-vpc20160428"), "{name}");
    }
}

/// Every limit the SDK's request models state (`Maximum value: 50`, `up to 20`, `128 characters`) is
/// the spec's `range`, `max_items` or `length`, on the member it belongs to: a list's size on the list
/// (the SDK writes the Tag limit on Tag's Key and Value), a length on the string.
#[test]
fn the_sdks_documented_limits_are_the_specs() {
    let spec = spec_vs_sdk::load_spec(SPEC).spec;
    let text = std::fs::read_to_string(yun_tests::fixture(FACTS)).unwrap();
    let facts: serde_json::Value = serde_json::from_str(&text).unwrap();
    let op = &spec.operations["DescribeVSwitches"];
    let tag_shape = &spec.shapes["Tag"];
    let mut problems = Vec::new();
    let mut checked = 0;
    for (scope, limits) in facts["limits"].as_object().unwrap() {
        for (wire, limit) in limits.as_object().unwrap() {
            let (list_member, member) = match scope.as_str() {
                "DescribeVSwitches" => (None, &op.input[wire.as_str()]),
                "DescribeVSwitches.Tag" => (Some(&op.input["Tag"]), tag_shape.members().find(|(w, _)| *w == wire).unwrap().1),
                other => panic!("unknown scope {other}"),
            };
            for (kind, n) in limit.as_object().unwrap() {
                let n = n.as_i64().unwrap();
                checked += 1;
                let found = match kind.as_str() {
                    "max" => member.range.as_ref().and_then(|r| r.max),
                    "max_length" => member.length.as_ref().and_then(|l| l.max),
                    "max_items" => list_member.unwrap_or(member).max_items.map(i64::from),
                    other => panic!("unknown limit {other}"),
                };
                if found != Some(n) {
                    problems.push(format!("{scope}.{wire}: the SDK says {kind} {n}, the spec {found:?}"));
                }
            }
        }
    }
    assert_eq!(checked, 6, "PageSize max, VSwitchName length, Tag size (twice) and Tag Key/Value lengths");
    spec_vs_sdk::assert_none(problems);
}
