//! `specs/aliyun-sts.yaml` against the official STS SDK (`tests/fixtures/aliyun/sts/
//! sts-sdk-operations.json`, made by `extract_sts_sdk.py` from alibabacloud-sts20150401): each
//! operation's method, path and request parameters (the checks shared with SWAS and ECS), and
//! here also every output member, a level down into structures, with a type that fits.

use std::collections::BTreeMap;

use serde::Deserialize;
use yun_codegen::spec::{Member, Scalar, ShapeKind, Spec, TypeExpr};
use yun_tests::spec_vs_sdk;

/// The actions of the spec (the SDK also has AssumeRoleWithSAML, anonymous, which nothing in
/// yun calls yet).
const OPERATIONS: &[&str] = &["AssumeRole", "AssumeRoleWithOIDC", "GetCallerIdentity"];

/// Where the spec departs from the SDK on purpose (the spec's `#` comment says why):
/// AssumeRoleWithOIDC's members go in the form body, as the credentials library sends them,
/// so the OIDC token stays out of URLs; the SDK puts them in the query.
const OIDC_IN_BODY: &[&str] = &["DurationSeconds", "OIDCProviderArn", "OIDCToken", "Policy", "RoleArn", "RoleSessionName"];

#[derive(Deserialize)]
struct Facts {
    operations: BTreeMap<String, Operation>,
}

#[derive(Deserialize)]
struct Operation {
    output: BTreeMap<String, Field>,
    /// `AuthType: Anonymous` in the SDK.
    #[serde(default)]
    anonymous: bool,
    /// What the request model's comments state per wire name: `length` [min, max], `min`.
    #[serde(default)]
    stated: BTreeMap<String, Stated>,
}

#[derive(Deserialize)]
struct Stated {
    length: Option<[i64; 2]>,
    min: Option<i64>,
}

/// Each length and minimum the SDK's comments state is the spec's, and the spec states no
/// length or range the SDK does not.
fn constraint_problems(name: &str, members: &yun_codegen::spec::UniqueMap<Member>, stated: &BTreeMap<String, Stated>) -> Vec<String> {
    let mut problems = Vec::new();
    for (wire, member) in members.iter() {
        let sdk = stated.get(wire);
        let spec_length = member.length.as_ref().map(|l| [l.min.unwrap_or(0), l.max.unwrap_or(i64::MAX)]);
        if spec_length != sdk.and_then(|s| s.length) {
            problems.push(format!("{name}.{wire}: length {spec_length:?} in the spec, {:?} stated by the SDK", sdk.and_then(|s| s.length)));
        }
        let spec_min = member.range.as_ref().and_then(|r| r.min);
        if spec_min != sdk.and_then(|s| s.min) {
            problems.push(format!("{name}.{wire}: minimum {spec_min:?} in the spec, {:?} stated by the SDK", sdk.and_then(|s| s.min)));
        }
    }
    problems
}

#[derive(Deserialize)]
struct Field {
    python_type: String,
    #[serde(default)]
    members: BTreeMap<String, Field>,
}

fn output_problems(spec: &Spec, at: &str, members: &yun_codegen::spec::UniqueMap<Member>, sdk: &BTreeMap<String, Field>) -> Vec<String> {
    let mut problems = Vec::new();
    for (wire, field) in sdk {
        let Some(member) = members.get(wire) else {
            problems.push(format!("{at}.{wire}: the SDK's answer has it, the spec lacks it"));
            continue;
        };
        let ty = TypeExpr::parse(&member.ty).unwrap();
        match (field.python_type.as_str(), &ty) {
            ("str", TypeExpr::Scalar(Scalar::String)) | ("int", TypeExpr::Scalar(Scalar::Integer | Scalar::Long)) => {}
            ("model", TypeExpr::Named(name)) => match spec.shapes.get(name) {
                Some(shape) if shape.kind == ShapeKind::Structure => {
                    let nested = shape.members.as_ref().expect("a structure has members");
                    problems.extend(output_problems(spec, &format!("{at}.{wire}"), nested, &field.members));
                }
                _ => problems.push(format!("{at}.{wire}: `{name}` is not a structure")),
            },
            (python, _) => problems.push(format!("{at}.{wire}: spec type `{}` does not fit the SDK's `{python}`", member.ty)),
        }
    }
    for wire in members.keys() {
        if !sdk.contains_key(wire) {
            problems.push(format!("{at}.{wire}: in the spec but not in the SDK's answer"));
        }
    }
    problems
}

#[test]
fn the_spec_sends_and_reads_what_the_official_sdk_does() {
    let loaded = spec_vs_sdk::load_spec("aliyun-sts.yaml");
    let spec = &loaded.spec;
    assert_eq!(spec.operations.len(), OPERATIONS.len());
    let sdk = spec_vs_sdk::load_facts("aliyun/sts/sts-sdk-operations.json");
    let mut problems = spec_vs_sdk::problems(spec, &sdk, OPERATIONS, &[]);
    let departures: Vec<String> =
        OIDC_IN_BODY.iter().map(|wire| format!("AssumeRoleWithOIDC.{wire}: spec location body, SDK query")).collect();
    for departure in &departures {
        assert!(problems.contains(departure), "the recorded departure `{departure}` no longer applies: update OIDC_IN_BODY");
    }
    problems.retain(|p| !departures.contains(p));

    let facts: Facts =
        serde_json::from_str(&std::fs::read_to_string(yun_tests::fixture("aliyun/sts/sts-sdk-operations.json")).unwrap()).unwrap();
    for &name in OPERATIONS {
        problems.extend(output_problems(spec, name, &spec.operations[name].output, &facts.operations[name].output));
        problems.extend(constraint_problems(name, &spec.operations[name].input, &facts.operations[name].stated));
        if spec.operations[name].anonymous != facts.operations[name].anonymous {
            problems.push(format!(
                "{name}: anonymous {} in the spec, {} in the SDK",
                spec.operations[name].anonymous, facts.operations[name].anonymous
            ));
        }
    }
    spec_vs_sdk::assert_none(problems);
}
