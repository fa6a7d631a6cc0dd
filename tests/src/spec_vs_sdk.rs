//! Checks an Aliyun RPC spec against an official SDK's request facts (the JSON that
//! `tests/fixtures/aliyun/extract_*_sdk.py` writes): every operation of the spec is in the
//! SDK with the same method and path, every request parameter the SDK sends is in the spec
//! with the same wire name, location and a compatible type, and the spec has no input member
//! the SDK never sends. Used by `swas_spec_vs_sdk.rs` and `ecs_spec_vs_sdk.rs`.

use serde::Deserialize;
use std::collections::BTreeMap;
use yun_codegen::load::LoadedSpec;
use yun_codegen::spec::{Encoding, Location, Scalar, ShapeKind, Spec, TypeExpr};

/// What `extract_*_sdk.py` wrote.
#[derive(Deserialize)]
pub struct SdkFacts {
    /// `<package> <version>` of the SDK the facts come from.
    pub package: String,
    /// Action name -> its facts.
    pub operations: BTreeMap<String, SdkOperation>,
}

/// One action as the SDK's client sends it.
#[derive(Deserialize)]
pub struct SdkOperation {
    /// HTTP method.
    pub method: String,
    /// Path (`/` for RPC).
    pub pathname: String,
    /// The parameters, in the order the client places them (a wire name may repeat).
    pub input: Vec<SdkParam>,
}

/// One request parameter.
#[derive(Deserialize)]
pub struct SdkParam {
    /// Wire name.
    pub wire: String,
    /// `query` or `body`.
    pub location: String,
    /// The request model's Python type (`str`, `int`, `List[str]`, `List[model]`, `model`, …).
    pub python_type: String,
    /// The client JSON-encodes it (a `*_shrink` field).
    #[serde(default)]
    pub json_encoded: bool,
}

/// Loads `specs/<file>` (panicking with the diagnostics when it does not load).
pub fn load_spec(file: &str) -> LoadedSpec {
    let path = crate::workspace_root().join("specs").join(file);
    yun_codegen::load::load_file(&path).unwrap_or_else(|d| panic!("{d}"))
}

/// Loads `tests/fixtures/<path>`.
pub fn load_facts(path: &str) -> SdkFacts {
    let text = std::fs::read_to_string(crate::fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The problems found for `operations` (each must be in the spec and in the SDK).
/// `numeric_strings` lists `(operation, wire)` pairs the SDK types `str` that the spec may
/// declare as integers (the same decimal on the wire); any other type difference is reported.
pub fn problems(spec: &Spec, sdk: &SdkFacts, operations: &[&str], numeric_strings: &[(&str, &str)]) -> Vec<String> {
    let mut problems = Vec::new();
    for &name in operations {
        let Some(op) = spec.operations.get(name) else {
            problems.push(format!("{name}: missing from the spec"));
            continue;
        };
        let Some(sdk_op) = sdk.operations.get(name) else {
            problems.push(format!("{name}: not in the SDK facts"));
            continue;
        };
        if op.http.method.as_str() != sdk_op.method || op.http.path != sdk_op.pathname {
            problems.push(format!(
                "{name}: http {:?} {} but the SDK sends {} {}",
                op.http.method, op.http.path, sdk_op.method, sdk_op.pathname
            ));
        }
        for param in &sdk_op.input {
            let Some(member) = op.input.get(&param.wire) else {
                problems.push(format!("{name}.{}: the SDK sends it, the spec lacks it", param.wire));
                continue;
            };
            let location = match member.location.unwrap_or(Location::Query) {
                Location::Query => "query",
                Location::Body | Location::Payload => "body",
                Location::Header => "header",
                Location::Path => "path",
            };
            if location != param.location {
                problems.push(format!("{name}.{}: spec location {location}, SDK {}", param.wire, param.location));
            }
            let Ok(ty) = TypeExpr::parse(&member.ty) else {
                problems.push(format!("{name}.{}: type `{}` does not parse", param.wire, member.ty));
                continue;
            };
            let json_list = member.encoding == Some(Encoding::Json);
            if param.json_encoded && !json_list {
                problems.push(format!("{name}.{}: the SDK JSON-encodes it, the spec does not say `encoding: json`", param.wire));
            }
            let is_enum = |n: &String| spec.shapes.get(n).is_some_and(|s| s.kind == ShapeKind::Enum);
            let numeric_string = numeric_strings.contains(&(name, param.wire.as_str()));
            let compatible = match (param.python_type.as_str(), &ty) {
                ("str", TypeExpr::Scalar(Scalar::String)) => true,
                ("str", TypeExpr::Scalar(Scalar::Integer | Scalar::Long)) => numeric_string,
                ("str", TypeExpr::List(_)) => json_list,
                ("str", TypeExpr::Named(n)) => is_enum(n),
                ("int", TypeExpr::Scalar(Scalar::Integer | Scalar::Long)) => true,
                ("int", TypeExpr::Named(n)) => is_enum(n),
                ("float", TypeExpr::Scalar(Scalar::Float | Scalar::Double)) => true,
                ("bool", TypeExpr::Scalar(Scalar::Boolean)) => true,
                ("List[int]", TypeExpr::List(t)) => matches!(**t, TypeExpr::Scalar(Scalar::Integer | Scalar::Long)),
                ("List[str]", TypeExpr::List(t)) => matches!(**t, TypeExpr::Scalar(Scalar::String)),
                ("List[model]", TypeExpr::List(t)) => {
                    matches!(&**t, TypeExpr::Named(n) if !is_enum(n))
                }
                ("model", TypeExpr::Named(n)) => !is_enum(n),
                (dict, TypeExpr::Map(_)) if dict.starts_with("Dict[") => json_list,
                _ => false,
            };
            // A list or structure the SDK sends as such is flat (`Name.1.Key`); only a `str`
            // (or a `*_shrink` field) carries JSON.
            let json_mismatch = json_list && !param.json_encoded && param.python_type != "str";
            if !compatible || json_mismatch {
                problems.push(format!("{name}.{}: spec type `{}` does not fit the SDK's `{}`", param.wire, member.ty, param.python_type));
            }
        }
        for wire in op.input.keys() {
            if !sdk_op.input.iter().any(|p| &p.wire == wire) {
                problems.push(format!("{name}.{wire}: in the spec but the SDK never sends it"));
            }
        }
    }
    problems
}

/// Panics with every problem, one a line.
pub fn assert_none(problems: Vec<String>) {
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));
}
