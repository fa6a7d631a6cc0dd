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
    /// The count the field's comment states ("up to 100 image IDs"), where it states one.
    #[serde(default)]
    pub stated_max: Option<u32>,
    /// For a model or a list of models: its members by wire name.
    #[serde(default)]
    pub members: BTreeMap<String, SdkMember>,
}

/// A member of a request model (`RunInstances.NetworkInterface.N.Ipv6Address`).
#[derive(Deserialize)]
pub struct SdkMember {
    /// As `SdkParam::python_type`.
    pub python_type: String,
    /// As `SdkParam::stated_max`.
    #[serde(default)]
    pub stated_max: Option<u32>,
    /// Its own members, for a model.
    #[serde(default)]
    pub members: BTreeMap<String, SdkMember>,
}

/// Loads `specs/<file>` (panicking with the diagnostics when it does not load).
pub fn load_spec(file: &str) -> LoadedSpec {
    let path = crate::workspace_root().join("specs").join(file);
    yun_codegen::load::load_file(&path).unwrap_or_else(|d| panic!("{d}"))
}

/// What an allow-list leaves: every `(key, message)` found whose key it does not list, every
/// entry that matches nothing found (remove it), and every entry without a reason.
pub fn unexplained(found: &[(&str, &str)], allowed: &[(&str, &str)]) -> Vec<String> {
    let mut problems = Vec::new();
    for (key, message) in found {
        if !allowed.iter().any(|(k, _)| k == key) {
            problems.push(format!("[{key}] {message}"));
        }
    }
    for (key, reason) in allowed {
        if !found.iter().any(|(k, _)| k == key) {
            problems.push(format!("allow-list entry `{key}` matches nothing found (remove it)"));
        }
        if reason.trim().is_empty() {
            problems.push(format!("allow-list entry `{key}` has no reason"));
        }
    }
    problems
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
            // A list sent as one comma-separated parameter (`encoding: csv`) is a `str` too.
            let one_parameter = json_list || member.encoding == Some(Encoding::Csv);
            if param.json_encoded && !json_list {
                problems.push(format!("{name}.{}: the SDK JSON-encodes it, the spec does not say `encoding: json`", param.wire));
            }
            let is_enum = |n: &String| spec.shapes.get(n).is_some_and(|s| s.kind == ShapeKind::Enum);
            let numeric_string = numeric_strings.contains(&(name, param.wire.as_str()));
            let compatible = match (param.python_type.as_str(), &ty) {
                ("str", TypeExpr::Scalar(Scalar::String)) => true,
                ("str", TypeExpr::Scalar(Scalar::Integer | Scalar::Long)) => numeric_string,
                ("str", TypeExpr::List(_)) => one_parameter,
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
            let json_mismatch = one_parameter && !param.json_encoded && param.python_type != "str";
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

/// Kingsoft: a spec checked against the facts `tests/fixtures/ksyun/sdk/extract.py` took from
/// kingsoftcloud-sdk-python (request models, wire actions) and ksc-sdk-java (marshallers):
/// the global host, the wire action of every operation, its service and version, list versus scalar of every
/// request parameter (and `max_items` where the Python model's description states the length),
/// request parameter, the member names of structures and lists of structures, parameters an
/// SDK sends that the spec lacks and spec parameters no SDK sends. Neither SDK marks a
/// parameter required, so `required` is not compared. Every difference has a stable key
/// (`RunInstances.SecurityGroupId list(java)`); a test fails on each one that is not in its
/// allow-list, and on each allow-list entry that no longer matches a difference.
pub mod ksyun {
    use serde::Deserialize;
    use std::collections::{BTreeMap, BTreeSet};
    use yun_codegen::spec::{Encoding, Member, Scalar, ShapeKind, Spec, TypeExpr};

    /// `tests/fixtures/ksyun/sdk/<service>.json`.
    #[derive(Deserialize)]
    pub struct Facts {
        /// `kec`, `vpc`, `sks`.
        pub service: String,
        /// kingsoftcloud-sdk-python.
        pub python: Python,
        /// ksc-sdk-java.
        pub java: Java,
    }

    /// What the Python SDK's client and models say.
    #[derive(Deserialize)]
    pub struct Python {
        /// `kingsoftcloud-sdk-python <version>`.
        pub package: String,
        /// `_apiVersion` of the client.
        pub api_version: String,
        /// `_endpoint` of the client (the global host).
        pub endpoint: String,
        /// `_service` of the client (the signing name).
        pub service: String,
        /// Wire action -> request model.
        pub operations: BTreeMap<String, PyOperation>,
    }

    /// One action of the Python SDK.
    #[derive(Deserialize)]
    pub struct PyOperation {
        /// The request model's parameters.
        pub params: Vec<PyParam>,
    }

    /// One parameter of a Python request model.
    #[derive(Deserialize)]
    pub struct PyParam {
        /// Wire name.
        pub wire: String,
        /// `String`, `Int`, `Long`, `Boolean`, `Filter` (a list), `Object` (a structure).
        #[serde(rename = "type")]
        pub ty: String,
        /// `Filter`.
        pub list: bool,
        /// `Object`.
        pub structure: bool,
        /// The list length the description states (`N的范围为1-100`), for a `Filter`.
        #[serde(default)]
        pub max_items: Option<u32>,
        /// Members the model names (`SystemDisk.DiskSize`); empty for most.
        #[serde(default)]
        pub members: BTreeMap<String, PyMember>,
    }

    /// A member of a structure a Python model names.
    #[derive(Deserialize)]
    pub struct PyMember {
        /// Its docstring type.
        #[serde(rename = "type")]
        pub ty: String,
    }

    /// What the Java SDK's marshallers send.
    #[derive(Deserialize)]
    pub struct Java {
        /// The commit of KscSDK/ksc-sdk-java read.
        pub commit: String,
        /// Wire action -> marshaller facts.
        pub operations: BTreeMap<String, JavaOperation>,
    }

    /// One marshaller.
    #[derive(Deserialize)]
    pub struct JavaOperation {
        /// The signing service of `new DefaultRequest(..., "<service>")`.
        pub service: String,
        /// Default `Version`.
        pub api_version: Option<String>,
        /// Top-level parameters.
        pub params: Vec<JavaParam>,
        /// The marshaller's path in the repository.
        pub file: String,
    }

    /// One top-level parameter a marshaller adds.
    #[derive(Deserialize)]
    pub struct JavaParam {
        /// Wire name (`DataDisk` for `DataDisk.N.Type`).
        pub wire: String,
        /// Followed by an index (`X.N`).
        pub list: bool,
        /// `String`, `Integer`, `Long`, `Boolean`, `Double`, or `structure`.
        #[serde(rename = "type")]
        pub ty: String,
        /// The names after the index or the dot (`Type` of `DataDisk.N.Type`).
        #[serde(default)]
        pub members: BTreeMap<String, JavaMember>,
    }

    /// A member of a structure a marshaller sends.
    #[derive(Deserialize)]
    pub struct JavaMember {
        /// Followed by an index (`Filter.N.Value.M`).
        pub list: bool,
        /// Its Java type.
        #[serde(rename = "type")]
        pub ty: String,
    }

    /// Loads `tests/fixtures/ksyun/sdk/<service>.json`.
    pub fn load_facts(service: &str) -> Facts {
        let path = format!("ksyun/sdk/{service}.json");
        let text = std::fs::read_to_string(crate::fixture(&path)).unwrap_or_else(|e| panic!("{path}: {e}"));
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
    }

    /// One difference between the spec and an SDK.
    #[derive(Debug, Clone, PartialEq, Eq)]
    pub struct Difference {
        /// Stable key for allow-lists: `<Operation>[.<Param>[.<Member>]] <kind>`.
        pub key: String,
        /// What differs, readable.
        pub message: String,
    }

    /// How many operations and parameters (members of structures included) were compared.
    #[derive(Debug, Default, Clone, Copy)]
    pub struct Counts {
        /// Spec operations checked.
        pub operations: usize,
        /// Spec request parameters and structure members checked.
        pub parameters: usize,
    }

    /// Python models carrying the common `Action`/`Version` as attributes (AttachKey, …): not
    /// parameters of the action.
    const COMMON: &[&str] = &["Action", "Version"];

    #[derive(Clone, Copy, PartialEq, Eq, Debug)]
    enum Kind {
        Text,
        Integer,
        Boolean,
        Float,
    }

    fn sdk_kind(ty: &str) -> Option<Kind> {
        Some(match ty {
            "String" => Kind::Text,
            "Int" | "Integer" | "Long" => Kind::Integer,
            "Boolean" => Kind::Boolean,
            "Double" | "Float" => Kind::Float,
            _ => return None,
        })
    }

    /// How the spec sends a member: list-ness (flat), the structure's members, the scalar kind.
    struct Shape<'a> {
        list: bool,
        /// A list or structure in one parameter (`encoding: json|csv`).
        one_parameter: bool,
        members: Option<Vec<(&'a String, &'a Member)>>,
        kind: Option<Kind>,
    }

    fn shape_of<'a>(spec: &'a Spec, member: &Member) -> Shape<'a> {
        let ty = TypeExpr::parse(&member.ty).unwrap_or(TypeExpr::Scalar(Scalar::String));
        let (list, elem) = match ty {
            TypeExpr::List(inner) => (true, *inner),
            other => (false, other),
        };
        let one_parameter = matches!(member.encoding, Some(Encoding::Json | Encoding::Csv));
        let (members, kind) = match &elem {
            TypeExpr::Scalar(Scalar::String) => (None, Some(Kind::Text)),
            TypeExpr::Scalar(Scalar::Integer | Scalar::Long) => (None, Some(Kind::Integer)),
            TypeExpr::Scalar(Scalar::Boolean) => (None, Some(Kind::Boolean)),
            TypeExpr::Scalar(Scalar::Float | Scalar::Double) => (None, Some(Kind::Float)),
            TypeExpr::Named(n) => match spec.shapes.get(n) {
                Some(s) if s.kind == ShapeKind::Enum => (None, Some(Kind::Text)),
                Some(s) if s.kind == ShapeKind::Structure => (Some(s.members().collect()), None),
                _ => (None, None),
            },
            TypeExpr::Map(_) | TypeExpr::List(_) => (None, None),
        };
        Shape { list: list && !one_parameter, one_parameter, members, kind }
    }

    /// The wire action of an operation: its `action`, else its key.
    pub fn wire_action<'a>(key: &'a str, op: &'a yun_codegen::spec::Operation) -> &'a str {
        op.action.as_deref().unwrap_or(key)
    }

    /// Every difference of `spec` from `facts`, and what was compared.
    pub fn differences(spec: &Spec, facts: &Facts) -> (Vec<Difference>, Counts) {
        let mut out = Vec::new();
        let mut counts = Counts::default();
        let mut d = |key: String, message: String| out.push(Difference { key, message });
        let signing = spec.service.signing_name.as_deref().unwrap_or(&spec.service.name);
        if facts.python.service != signing {
            d("service python".into(), format!("spec signs for `{signing}`, the Python client for `{}`", facts.python.service));
        }
        if facts.python.api_version != spec.service.api_version {
            d(
                "version python".into(),
                format!("spec version {}, the Python client {}", spec.service.api_version, facts.python.api_version),
            );
        }
        // The Python client's host is the spec's global host (its endpoint when that has no region).
        let global = spec
            .service
            .global_endpoint
            .as_deref()
            .or((!spec.service.endpoint.contains("{region}")).then_some(spec.service.endpoint.as_str()));
        if global != Some(facts.python.endpoint.as_str()) {
            d("endpoint python".into(), format!("spec global host {global:?}, the Python client's `{}`", facts.python.endpoint));
        }
        let dry_run = spec.service.dry_run.as_ref().map(|d| d.member.as_str());
        for (key, op) in spec.operations.iter() {
            counts.operations += 1;
            let action = wire_action(key, op);
            let py = facts.python.operations.get(action);
            let java = facts.java.operations.get(action);
            if py.is_none() && java.is_none() {
                let hint = facts
                    .python
                    .operations
                    .keys()
                    .chain(facts.java.operations.keys())
                    .find(|a| a.eq_ignore_ascii_case(action) || similar(a, action))
                    .map(|a| format!(" (the SDKs have `{a}`)"))
                    .unwrap_or_default();
                d(format!("{key} action"), format!("{key}: wire action `{action}` is in no SDK{hint}"));
            }
            if let Some(j) = java {
                if j.service != signing {
                    d(
                        format!("{key} service(java)"),
                        format!("{key}: the Java SDK sends it to `{}` ({}), the spec to `{signing}`", j.service, j.file),
                    );
                }
                if let Some(v) = &j.api_version {
                    if *v != spec.service.api_version {
                        d(
                            format!("{key} version(java)"),
                            format!("{key}: the Java SDK sends Version {v}, the spec {}", spec.service.api_version),
                        );
                    }
                }
            }
            let py_params: BTreeMap<&str, &PyParam> = py
                .map(|p| p.params.iter().filter(|p| !COMMON.contains(&p.wire.as_str())).map(|p| (p.wire.as_str(), p)).collect())
                .unwrap_or_default();
            let java_params: BTreeMap<&str, &JavaParam> =
                java.map(|j| j.params.iter().map(|p| (p.wire.as_str(), p)).collect()).unwrap_or_default();
            for (wire, member) in op.input.iter() {
                if Some(wire.as_str()) == dry_run {
                    continue;
                }
                counts.parameters += 1;
                let at = format!("{key}.{wire}");
                let shape = shape_of(spec, member);
                let p = py_params.get(wire.as_str());
                let j = java_params.get(wire.as_str());
                if p.is_none() && j.is_none() {
                    if py.is_some() || java.is_some() {
                        d(format!("{at} spec-only"), format!("{at} (`{}`): in the spec, no SDK sends it", member.ty));
                    }
                    continue;
                }
                let what = |list: bool| if list { "a list (`X.N`)" } else { "one value" };
                if let Some(p) = p {
                    if p.list != shape.list {
                        d(
                            format!("{at} list(python)"),
                            format!(
                                "{at}: the spec sends `{}` as {}, the Python model says {} (`{}`)",
                                member.ty,
                                what(shape.list),
                                what(p.list),
                                p.ty
                            ),
                        );
                    }
                    if let Some(limit) = p.max_items.filter(|_| shape.list) {
                        if member.max_items != Some(limit) {
                            d(
                                format!("{at} max_items(python)"),
                                format!("{at}: `max_items: {:?}`, the Python model's description says at most {limit}", member.max_items),
                            );
                        }
                    }
                    if !p.structure && !p.list && p.members.is_empty() && shape.members.is_some() {
                        d(
                            format!("{at} structure(python)"),
                            format!("{at}: the Python model says one plain `{}`, the spec a structure `{}`", p.ty, member.ty),
                        );
                    }
                    if p.structure && (shape.members.is_none() || shape.list) {
                        d(
                            format!("{at} structure(python)"),
                            format!("{at}: the Python model says a structure (`Object`), the spec `{}`", member.ty),
                        );
                    }
                }
                if let Some(j) = j {
                    if j.list != shape.list {
                        d(
                            format!("{at} list(java)"),
                            format!("{at}: the spec sends `{}` as {}, the Java SDK {}", member.ty, what(shape.list), what(j.list)),
                        );
                    }
                    match (&shape.members, j.members.is_empty()) {
                        (None, false) => d(
                            format!("{at} members(java)"),
                            format!(
                                "{at}: the Java SDK sends members {:?}, the spec's `{}` has none",
                                j.members.keys().collect::<Vec<_>>(),
                                member.ty
                            ),
                        ),
                        (Some(_), true) => d(
                            format!("{at} members(java)"),
                            format!("{at}: the spec's `{}` is a structure, the Java SDK sends one plain value", member.ty),
                        ),
                        _ => {}
                    }
                }
                // Scalar kind: a difference only when no SDK that types it agrees with the spec.
                if shape.members.is_none() && !shape.one_parameter {
                    let kinds: Vec<(&str, Kind)> = p
                        .filter(|p| !p.list && !p.structure)
                        .and_then(|p| sdk_kind(&p.ty).map(|k| ("python", k)))
                        .into_iter()
                        .chain(j.filter(|j| j.members.is_empty()).and_then(|j| sdk_kind(&j.ty).map(|k| ("java", k))))
                        .collect();
                    if let Some(kind) = shape.kind {
                        if !kinds.is_empty() && kinds.iter().all(|(_, k)| *k != kind) {
                            d(format!("{at} type"), format!("{at}: the spec's `{}` is {kind:?}, the SDKs say {kinds:?}", member.ty));
                        }
                    }
                }
                // Members of structures (and of lists of structures).
                if let Some(members) = &shape.members {
                    let py_members: BTreeSet<&str> = p.map(|p| p.members.keys().map(String::as_str).collect()).unwrap_or_default();
                    let java_members: BTreeMap<&str, &JavaMember> =
                        j.map(|j| j.members.iter().map(|(k, v)| (k.as_str(), v)).collect()).unwrap_or_default();
                    for (name, m) in members {
                        counts.parameters += 1;
                        let mat = format!("{at}.{name}");
                        if let Some(jm) = java_members.get(name.as_str()) {
                            let ms = shape_of(spec, m);
                            if jm.list != ms.list {
                                d(
                                    format!("{mat} list(java)"),
                                    format!("{mat}: the spec sends `{}` as {}, the Java SDK {}", m.ty, what(ms.list), what(jm.list)),
                                );
                            }
                        } else if !py_members.contains(name.as_str()) && (!java_members.is_empty() || !py_members.is_empty()) {
                            d(format!("{mat} spec-only"), format!("{mat}: in the spec's structure, no SDK sends it"));
                        }
                    }
                    let names: BTreeSet<&str> = members.iter().map(|(n, _)| n.as_str()).collect();
                    for name in java_members.keys().filter(|n| !names.contains(*n)) {
                        d(
                            format!("{at}.{name} sdk-only(java)"),
                            format!("{at}.{name}: the Java SDK sends it, the spec's `{}` lacks it", member.ty),
                        );
                    }
                    for name in py_members.iter().filter(|n| !names.contains(*n)) {
                        d(
                            format!("{at}.{name} sdk-only(python)"),
                            format!("{at}.{name}: the Python model has it, the spec's `{}` lacks it", member.ty),
                        );
                    }
                }
            }
            for (wire, p) in &py_params {
                if !op.input.contains_key(*wire) {
                    d(
                        format!("{key}.{wire} sdk-only(python)"),
                        format!("{key}.{wire}: the Python model has it (`{}`), the spec lacks it", p.ty),
                    );
                }
            }
            for (wire, j) in &java_params {
                if !op.input.contains_key(*wire) {
                    d(
                        format!("{key}.{wire} sdk-only(java)"),
                        format!("{key}.{wire}: the Java SDK sends it (`{}`), the spec lacks it", j.ty),
                    );
                }
            }
        }
        (out, counts)
    }

    /// `DescribeInstanceFamilys` and `DescribeInstanceFamilies`.
    fn similar(a: &str, b: &str) -> bool {
        let norm = |s: &str| s.to_ascii_lowercase().replace("ies", "y").replace("ys", "y").trim_end_matches('s').to_string();
        norm(a) == norm(b)
    }

    /// The problems of `differences` given an allow-list of `(key, reason)`: each difference
    /// not allowed, and each allowance that matches no difference (stale), or has no reason.
    pub fn unexplained(differences: &[Difference], allowed: &[(&str, &str)]) -> Vec<String> {
        let keyed: Vec<(&str, &str)> = differences.iter().map(|d| (d.key.as_str(), d.message.as_str())).collect();
        super::unexplained(&keyed, allowed)
    }

    /// With `YUN_SDK_DIFFS=<file>` in the environment, writes every difference (allowed ones
    /// with their reasons) as Markdown to `<file>` (to `<dir>/<spec>-sdk-diffs.md` for a
    /// `<dir>/`), for the spec helpers.
    pub fn write_report_if_asked(
        spec_file: &str,
        spec: &Spec,
        facts: &Facts,
        differences: &[Difference],
        allowed: &[(&str, &str)],
        counts: Counts,
    ) {
        let Some(path) = std::env::var_os("YUN_SDK_DIFFS") else { return };
        // A directory (ending in `/`): one file per spec.
        let path = match path.to_string_lossy().strip_suffix('/') {
            Some(dir) => format!("{dir}/{}-sdk-diffs.md", spec_file.trim_end_matches(".yaml")).into(),
            None => path,
        };
        let spec_actions: BTreeSet<&str> = spec.operations.iter().map(|(k, op)| wire_action(k, op)).collect();
        let mut text = format!(
            "# {spec_file} vs the official SDKs\n\nWritten by `tests/tests/*_spec_vs_sdk.rs` (`YUN_SDK_DIFFS={} cargo test -p yun-tests --test <test>`) \
             from `tests/fixtures/ksyun/sdk/*.json`. {} operations and {} parameters compared; {} differences, {} of them allowed.\n\n\
             Keys: `list(python|java)` list versus scalar (Python `Filter` = list, 0-based; Java `X.N`), `members(java)` \
             a structure versus a plain value, `sdk-only(..)` the SDK sends it and the spec lacks it, `spec-only` no SDK sends it, \
             `type` no SDK agrees with the spec's scalar type, `action` the wire action is in no SDK. Neither SDK marks anything required.\n\n",
            path.to_string_lossy(),
            counts.operations,
            counts.parameters,
            differences.len(),
            differences.iter().filter(|d| allowed.iter().any(|(k, _)| *k == d.key)).count()
        );
        text.push_str("## Not allowed (failures)\n\n");
        for d in differences.iter().filter(|d| !allowed.iter().any(|(k, _)| *k == d.key)) {
            text.push_str(&format!("- `{}`: {}\n", d.key, d.message));
        }
        text.push_str("\n## Allowed\n\n");
        for (key, reason) in allowed {
            let found = differences.iter().find(|d| d.key == *key).map(|d| d.message.as_str()).unwrap_or("(stale: no such difference)");
            text.push_str(&format!("- `{key}`: {found}\n  - reason: {reason}\n"));
        }
        let py: Vec<&str> = facts.python.operations.keys().map(String::as_str).filter(|a| !spec_actions.contains(a)).collect();
        let java: Vec<&str> = facts.java.operations.keys().map(String::as_str).filter(|a| !spec_actions.contains(a)).collect();
        text.push_str(&format!(
            "\n## SDK actions no operation of the spec sends (for information)\n\n- Java ({}): {}\n- Python ({}): {}\n",
            java.len(),
            java.join(", "),
            py.len(),
            py.join(", ")
        ));
        std::fs::write(&path, text).unwrap_or_else(|e| panic!("{}: {e}", path.to_string_lossy()));
    }
}
