//! Cross-spec checks of the kinds issue 12 found in KEC, for every spec with an official SDK
//! (aliyun-swas, aliyun-ecs, aliyun-cms, aliyun-vpc, jdcloud-vm, ksyun-kec, ksyun-vpc, ksyun-sks;
//! ksyun-cloud-market and inspur-ecs have no SDK here):
//!
//! - **list versus scalar against the SDK facts** in `tests/fixtures`: Aliyun's request models
//!   (`List[...]` is a flat list `X.1`; a `str` the spec declares a list must be one JSON or
//!   comma-separated parameter), JD's Go SDK types (`[]T`, for request parameters and for the
//!   members of the spec's structures named as a Go model), Kingsoft's Python and Java SDKs (the
//!   `list(...)` differences of `spec_vs_sdk::ksyun`);
//! - **`max_items` placement**: only on lists; as the SDKs state it (Aliyun's request field comments, Kingsoft's Python model
//!   descriptions, JD's Go SDK comments); a list whose docs state a count limit ("最多 100
//!   个", "up to 20 tags", "N的范围为1-100") has that `max_items`; a `max_items` whose member's docs
//!   state no limit, while a sibling's docs state that very limit and it has none, is misplaced;
//! - **comma-separated or JSON lists typed as one string**: docs saying several values are
//!   joined by commas or form a JSON array, on a scalar member;
//! - **enum values against the document** (KEC, the services moved out of its document, and
//!   SWAS, ECS): each enum (or `allowed`) value of a member or enum citing a line of
//!   `003_82dd991f180413ac.txt`, `000_a3f05b1bc2bd7c22.txt` or `002_f0be29b3ba64e6a7.txt` appears in the document's value
//!   list there, each value listed there is in the spec, and a plain scalar whose line lists
//!   values is reported; a list citing a line that limits it (`InstanceId.N (N的范围为1-100)`,
//!   `最多 100 个`) has that `max_items`. The documents are not in the repository: their lists and
//!   limits are in `tests/fixtures/documents/<document>.json`, made by `extract_values.py`.
//!
//! Each finding fails unless `ALLOWED` gives its reason (and an allowance matching nothing
//! fails too). `YUN_SPECS_DIR=<dir>` checks the specs of another directory (e.g. an older
//! revision written out with `git show`).

use serde_json::Value;
use std::collections::BTreeMap;
use yun_codegen::spec::{Encoding, Member, ShapeKind, Spec, TypeExpr};
use yun_tests::spec_vs_sdk::{self, ksyun};

enum Sdk {
    /// An Aliyun RPC SDK's facts (`extract_*_sdk.py`).
    Aliyun(&'static str),
    /// JD's facts with the Go SDK's types.
    Jd(&'static str),
    /// Kingsoft's facts (`tests/fixtures/ksyun/sdk/<service>.json`).
    Ksyun(&'static str),
}

const SPECS: &[(&str, Sdk)] = &[
    ("aliyun-swas.yaml", Sdk::Aliyun("aliyun/swas-sdk-operations.json")),
    ("aliyun-ecs.yaml", Sdk::Aliyun("aliyun/ecs-sdk-operations.json")),
    ("aliyun-cms.yaml", Sdk::Aliyun("aliyun/cms-sdk-operations.json")),
    ("aliyun-vpc.yaml", Sdk::Aliyun("aliyun/vpc/vpc-sdk-operations.json")),
    ("jdcloud-vm.yaml", Sdk::Jd("jdcloud/vm-sdk-operations.json")),
    ("ksyun-kec.yaml", Sdk::Ksyun("kec")),
    ("ksyun-vpc.yaml", Sdk::Ksyun("vpc")),
    ("ksyun-sks.yaml", Sdk::Ksyun("sks")),
];

/// Findings kept on purpose, `(key, reason)`, one list per test.
const ALLOWED_LISTS: &[(&str, &str)] = &[
    (
        "ksyun-kec.yaml RunInstances.SecurityGroupId list(java)",
        "kingsoftcloud-sdk-python (first in issue 12's evidence order) types it Filter, a list, and the document says \
         String列表 (line 696); only the older Java SDK sends one SecurityGroupId",
    ),
    (
        "ksyun-kec.yaml TerminateModels.ModelId list(python)",
        "the Python model's `String` is a docstring, not a wire form (_format_params sends a list as ModelId.N); the \
         document (ModelId.N, line 3645; sample ModelId.1, line 3668) and the Terraform provider (\"ModelId.1\") send a list",
    ),
];
const ALLOWED_MAX_ITEMS: &[(&str, &str)] = &[(
    "ksyun-kec.yaml DescribePrice.DataDisk max_items-document",
    "the document says n in [1, 8] (line 3319), kingsoftcloud-sdk-python's DescribePriceRequest says n in [1, 32] \
     (the number depends on the instance type); the SDK comes first in issue 12's evidence order, and the \
     `max_items(python)` check holds the spec to its 32",
)];
const ALLOWED_JOINED: &[(&str, &str)] = &[];
const STATE_TABLES: &str = "the value list at line 6486 stops at `rescuing |`; the spec completes it from the document's \
     主机状态注释 and 主机任务状态 tables (lines 7501-7553), which list this value";
const INSTANCE_TYPES: &str = "the document's catalogue of instance types at the time of writing, which it \
     itself defers to 实例套餐类型定义 (a page that changes); the spec keeps a string";
const MODEL_EIP_CHARGE_TYPES: &str = "the Terraform provider sends CreateModel's AddressChargeType as the document's \
     names plus DailyPaidByTransfer, HourlyInstantSettlement (also in kingsoftcloud-sdk-python's CreateModelRequest) and \
     PostPaidByRegionPeak (service_ksyun_instance_model.go, addressChargeTypeMap); the table lists five (line 3561)";
const ALLOWED_ENUMS: &[(&str, &str)] = &[
    (
        "ksyun-kec.yaml CreateModel.ChargeType enum-value-Spot-not-in-document",
        "kingsoftcloud-sdk-python's CreateModelRequest lists Spot（竞价型实例） and the Terraform provider's \
         ksyun_instance_model accepts Monthly, Daily, HourlyInstantSettlement, Spot; the table lists three (line 3467)",
    ),
    ("ksyun-kec.yaml CreateModel.AddressChargeType enum-value-DailyPaidByTransfer-not-in-document", MODEL_EIP_CHARGE_TYPES),
    ("ksyun-kec.yaml CreateModel.AddressChargeType enum-value-HourlyInstantSettlement-not-in-document", MODEL_EIP_CHARGE_TYPES),
    ("ksyun-kec.yaml CreateModel.AddressChargeType enum-value-PostPaidByRegionPeak-not-in-document", MODEL_EIP_CHARGE_TYPES),
    ("ksyun-kec.yaml ModelEipChargeType (enum) enum-value-DailyPaidByTransfer-not-in-document", MODEL_EIP_CHARGE_TYPES),
    ("ksyun-kec.yaml ModelEipChargeType (enum) enum-value-HourlyInstantSettlement-not-in-document", MODEL_EIP_CHARGE_TYPES),
    ("ksyun-kec.yaml ModelEipChargeType (enum) enum-value-PostPaidByRegionPeak-not-in-document", MODEL_EIP_CHARGE_TYPES),
    ("ksyun-kec.yaml RunInstances.InstanceType document-lists-values", INSTANCE_TYPES),
    ("ksyun-kec.yaml ModifyInstanceType.InstanceType document-lists-values", INSTANCE_TYPES),
    ("ksyun-kec.yaml CreateModel.InstanceType document-lists-values", INSTANCE_TYPES),
    ("ksyun-kec.yaml Instance.InstanceType document-lists-values", INSTANCE_TYPES),
    ("ksyun-kec.yaml InstanceState.Name enum-value-unrescuing-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceState.Name enum-value-rebuilding-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceState.Name enum-value-rebuild_block_device_mapping-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceState.Name enum-value-rebuild_spawning-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceState.Name enum-value-recycling-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceStateName (enum) enum-value-unrescuing-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceStateName (enum) enum-value-rebuilding-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceStateName (enum) enum-value-rebuild_block_device_mapping-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceStateName (enum) enum-value-rebuild_spawning-not-in-document", STATE_TABLES),
    ("ksyun-kec.yaml InstanceStateName (enum) enum-value-recycling-not-in-document", STATE_TABLES),
];

/// Documents whose value lists and list limits are in `tests/fixtures/documents/<name>.json`
/// (made by `extract_values.py`).
const DOCUMENTS: &[&str] = &["003_82dd991f180413ac.txt", "000_a3f05b1bc2bd7c22.txt", "002_f0be29b3ba64e6a7.txt"];

/// The value lists and limits of `DOCUMENTS`, by document name.
struct DocumentFacts {
    lists: BTreeMap<String, Vec<Value>>,
    limits: BTreeMap<String, Vec<Value>>,
}

fn document_facts() -> DocumentFacts {
    let mut lists = BTreeMap::new();
    let mut limits = BTreeMap::new();
    for doc in DOCUMENTS {
        let facts = json(&format!("documents/{}", doc.replace(".txt", ".json")));
        lists.insert(doc.to_string(), facts["lists"].as_array().expect("lists").clone());
        limits.insert(doc.to_string(), facts["limits"].as_array().expect("limits").clone());
    }
    DocumentFacts { lists, limits }
}

fn load(file: &str) -> Spec {
    let dir = std::env::var_os("YUN_SPECS_DIR").map(std::path::PathBuf::from).unwrap_or_else(|| yun_tests::workspace_root().join("specs"));
    yun_codegen::load::load_file(&dir.join(file)).unwrap_or_else(|d| panic!("{d}")).spec
}

fn json(path: &str) -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A finding: stable key and message.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Finding {
    key: String,
    message: String,
}

fn finding(spec: &str, at: &str, kind: &str, message: String) -> Finding {
    Finding { key: format!("{spec} {at} {kind}"), message: format!("{spec}: {message}") }
}

/// Request members (`Op.Member`, with the operation) and structure members (`Shape.Member`).
fn members(spec: &Spec) -> Vec<(String, Option<&str>, &String, &Member)> {
    let mut out = Vec::new();
    for (op, o) in spec.operations.iter() {
        for (wire, m) in o.input.iter() {
            out.push((format!("{op}.{wire}"), Some(op.as_str()), wire, m));
        }
    }
    for (name, shape) in spec.shapes.iter() {
        for (wire, m) in shape.members() {
            out.push((format!("{name}.{wire}"), None, wire, m));
        }
    }
    out
}

fn is_list(m: &Member) -> bool {
    matches!(TypeExpr::parse(&m.ty), Ok(TypeExpr::List(_)))
}

fn one_parameter(m: &Member) -> bool {
    matches!(m.encoding, Some(Encoding::Json | Encoding::Csv))
}

// ------------------------------------------------------------------ list versus scalar

fn list_findings(file: &str, spec: &Spec, sdk: &Sdk) -> (Vec<Finding>, usize) {
    let mut out = Vec::new();
    let mut checked = 0;
    match sdk {
        Sdk::Aliyun(path) => {
            let facts = spec_vs_sdk::load_facts(path);
            for (key, op) in spec.operations.iter() {
                let Some(sdk_op) = facts.operations.get(ksyun::wire_action(key, op)) else { continue };
                for p in &sdk_op.input {
                    let Some(m) = op.input.get(&p.wire) else { continue };
                    checked += 1;
                    let sdk_list = p.python_type.starts_with("List[");
                    let at = format!("{key}.{}", p.wire);
                    let wrong = match (is_list(m), one_parameter(m)) {
                        (true, true) => p.python_type != "str",
                        (true, false) => !sdk_list,
                        (false, _) => sdk_list,
                    };
                    compare_models(file, spec, &at, m, &p.members, &mut out, &mut checked);
                    if wrong {
                        out.push(finding(
                            file,
                            &at,
                            "list",
                            format!(
                                "{at}: spec `{}`{}, the SDK's `{}`",
                                m.ty,
                                m.encoding.map(|e| format!(" ({e:?})")).unwrap_or_default(),
                                p.python_type
                            ),
                        ));
                    }
                }
            }
        }
        Sdk::Jd(path) => {
            let facts = json(path);
            for (key, op) in spec.operations.iter() {
                let Some(params) = facts["operations"][key.as_str()]["parameters"].as_array() else { continue };
                for p in params {
                    let (Some(name), Some(list)) = (p["name"].as_str(), p["list"].as_bool()) else { continue };
                    let Some(m) = op.input.get(name) else { continue };
                    checked += 1;
                    if is_list(m) != list {
                        let at = format!("{key}.{name}");
                        out.push(finding(file, &at, "list", format!("{at}: spec `{}`, the Go SDK's `{}`", m.ty, p["go_type"])));
                    }
                }
            }
            let models = facts["go_models"].as_object().expect("go_models");
            for (name, shape) in spec.shapes.iter() {
                let Some(fields) = models.get(name.as_str()) else { continue };
                for (wire, m) in shape.members() {
                    let Some(list) = fields[wire.as_str()]["list"].as_bool() else { continue };
                    checked += 1;
                    if is_list(m) != list {
                        let at = format!("{name}.{wire}");
                        out.push(finding(
                            file,
                            &at,
                            "list",
                            format!("{at}: spec `{}`, the Go SDK's model field `{}`", m.ty, fields[wire.as_str()]["go_type"]),
                        ));
                    }
                }
            }
        }
        Sdk::Ksyun(service) => {
            let facts = ksyun::load_facts(service);
            let (differences, counts) = ksyun::differences(spec, &facts);
            checked += counts.parameters;
            for d in differences.into_iter().filter(|d| d.key.contains(" list(")) {
                out.push(Finding { key: format!("{file} {}", d.key), message: format!("{file}: {}", d.message) });
            }
        }
    }
    (out, checked)
}

/// The structure a member holds (`T` or `list<T>`), if it is one.
fn structure_of<'a>(spec: &'a Spec, m: &Member) -> Option<&'a yun_codegen::spec::Shape> {
    let name = match TypeExpr::parse(&m.ty).ok()? {
        TypeExpr::Named(n) => n,
        TypeExpr::List(inner) => match *inner {
            TypeExpr::Named(n) => n,
            _ => return None,
        },
        _ => return None,
    };
    spec.shapes.get(&name).filter(|s| s.kind == ShapeKind::Structure)
}

/// Aliyun: the members of a model (or list of models) the SDK sends against the spec's
/// structure: list versus scalar and the count a member's comment states, a level at a time.
fn compare_models(
    file: &str,
    spec: &Spec,
    at: &str,
    m: &Member,
    sdk_members: &BTreeMap<String, spec_vs_sdk::SdkMember>,
    out: &mut Vec<Finding>,
    checked: &mut usize,
) {
    let Some(shape) = structure_of(spec, m) else { return };
    for (wire, sm) in sdk_members {
        let Some(member) = shape.members.as_ref().and_then(|ms| ms.get(wire)) else { continue };
        *checked += 1;
        let mat = format!("{at}.{wire}");
        let sdk_list = sm.python_type.starts_with("List[");
        let wrong = match (is_list(member), one_parameter(member)) {
            (true, true) => sm.python_type != "str",
            (true, false) => !sdk_list,
            (false, _) => sdk_list,
        };
        if wrong {
            out.push(finding(file, &mat, "list", format!("{mat}: spec `{}`, the SDK's `{}`", member.ty, sm.python_type)));
        }
        if let (Some(limit), true) = (sm.stated_max, is_list(member)) {
            if member.max_items != Some(limit) {
                out.push(finding(
                    file,
                    &mat,
                    "max_items(sdk)",
                    format!("{mat}: `max_items: {:?}`, the SDK's comment says at most {limit}", member.max_items),
                ));
            }
        }
        compare_models(file, spec, &mat, member, &sm.members, out, checked);
    }
}

// ------------------------------------------------------------------ limits stated in docs

/// Units after a number that make it a size, not a count of items.
const UNITS: &[&str] = &[
    "个字符",
    "字符",
    "字节",
    "位",
    "KB",
    "MB",
    "GB",
    "TB",
    "K",
    "M",
    "G",
    "天",
    "小时",
    "分钟",
    "秒",
    "%",
    "character",
    "char",
    "byte",
    "day",
    "hour",
    "minute",
    "second",
    "Mbps",
    "B",
];

const MARKERS: &[&str] = &["最多", "至多", "不超过", "不能超过", "上限为", "up to", "at most", "a maximum of", "no more than"];

/// Count limits the text states: "最多 100 个", "up to 20 tags", "N的范围为1-100" (the upper bound).
fn stated_limits(text: &str) -> Vec<u32> {
    let lower = text.to_lowercase();
    let mut out = Vec::new();
    let mut take_number = |rest: &str, max_skip: usize| {
        // Skip a few non-digit characters (支持, 可, 指定, spaces), then read the number.
        let start = rest.char_indices().take(max_skip + 1).find(|(_, c)| c.is_ascii_digit()).map(|(i, _)| i);
        let Some(start) = start else { return };
        let skipped = &rest[..start];
        if skipped.chars().any(|c| c.is_ascii_punctuation() || "，。；、：".contains(c)) {
            return;
        }
        let digits: String = rest[start..].chars().take_while(|c| c.is_ascii_digit()).collect();
        let after = rest[start + digits.len()..].trim_start();
        if UNITS.iter().any(|u| after.to_lowercase().starts_with(&u.to_lowercase())) {
            return;
        }
        if let Ok(n) = digits.parse() {
            out.push(n);
        }
    };
    for marker in MARKERS {
        let mut from = 0;
        while let Some(i) = lower[from..].find(marker) {
            let at = from + i + marker.len();
            take_number(&lower[at..], 6);
            from = at;
        }
    }
    // "N的范围为1-100", "N 的取值范围：[1, 8]": the upper bound of the index.
    let mut from = 0;
    while let Some(i) = lower[from..].find("范围") {
        let at = from + i;
        let before: String = lower[..at].chars().rev().take(6).collect();
        if before.contains('n') {
            let rest = &lower[at + "范围".len()..];
            let nums: Vec<u32> = rest
                .chars()
                .take(16)
                .collect::<String>()
                .split(|c: char| !c.is_ascii_digit())
                .filter(|s| !s.is_empty())
                .filter_map(|s| s.parse().ok())
                .collect();
            if nums.len() >= 2 && nums[0] <= 1 {
                out.push(nums[1]);
            }
        }
        from = at + "范围".len();
    }
    out
}

fn max_items_findings(file: &str, spec: &Spec, sdk: &Sdk, documents: &DocumentFacts) -> (Vec<Finding>, usize) {
    let mut out = Vec::new();
    let all = members(spec);
    let mut checked = 0;
    // Aliyun: the count a request field's comment states ("up to 100 image IDs"), for a list.
    if let Sdk::Aliyun(path) = sdk {
        let facts = spec_vs_sdk::load_facts(path);
        for (key, op) in spec.operations.iter() {
            let Some(sdk_op) = facts.operations.get(ksyun::wire_action(key, op)) else { continue };
            for p in &sdk_op.input {
                let (Some(limit), Some(m)) = (p.stated_max, op.input.get(&p.wire)) else { continue };
                if !is_list(m) {
                    continue;
                }
                checked += 1;
                if m.max_items != Some(limit) {
                    let at = format!("{key}.{}", p.wire);
                    out.push(finding(
                        file,
                        &at,
                        "max_items(sdk)",
                        format!("{at}: `max_items: {:?}`, the SDK's comment says at most {limit}", m.max_items),
                    ));
                }
            }
        }
    }
    // JD: the length a Go SDK field's comment states for a list ("最多支持10个").
    if let Sdk::Jd(path) = sdk {
        let facts = json(path);
        let mut compare = |at: String, m: &Member, go: &Value| {
            let Some(limit) = go["max_items"].as_u64() else { return };
            checked += 1;
            if m.max_items.map(u64::from) != Some(limit) {
                out.push(finding(
                    file,
                    &at,
                    "max_items(go)",
                    format!("{at}: `max_items: {:?}`, the Go SDK's comment says at most {limit}", m.max_items),
                ));
            }
        };
        for (key, op) in spec.operations.iter() {
            for p in facts["operations"][key.as_str()]["parameters"].as_array().into_iter().flatten() {
                if let Some(m) = p["name"].as_str().and_then(|n| op.input.get(n)) {
                    compare(format!("{key}.{}", p["name"].as_str().unwrap_or("")), m, p);
                }
            }
        }
        for (name, shape) in spec.shapes.iter() {
            let fields = &facts["go_models"][name.as_str()];
            for (wire, m) in shape.members() {
                compare(format!("{name}.{wire}"), m, &fields[wire.as_str()]);
            }
        }
    }
    // Kingsoft: the length the Python model's description states for a list.
    if let Sdk::Ksyun(service) = sdk {
        let facts = ksyun::load_facts(service);
        checked += facts.python.operations.values().flat_map(|o| &o.params).filter(|p| p.max_items.is_some()).count();
        let (differences, _) = ksyun::differences(spec, &facts);
        for d in differences.into_iter().filter(|d| d.key.contains(" max_items(")) {
            out.push(Finding { key: format!("{file} {}", d.key), message: format!("{file}: {}", d.message) });
        }
    }
    for (at, _, _, m) in &all {
        // The document limits the list at the line the member cites.
        let Some(source) = &m.source else { continue };
        let (Some(doc), Some(line)) = (source.doc.as_deref(), source.line) else { continue };
        let Some(limit) = documents.limits.get(doc).and_then(|l| l.iter().find(|l| l["line"].as_u64() == Some(u64::from(line)))) else {
            continue;
        };
        if !is_list(m) {
            continue;
        }
        checked += 1;
        let n = limit["limit"].as_u64().map(|n| n as u32);
        if m.max_items != n {
            out.push(finding(
                file,
                at,
                "max_items-document",
                format!(
                    "{at}: `max_items: {:?}`, the document limits it to {} ({doc}:{line}: {})",
                    m.max_items, limit["limit"], limit["text"]
                ),
            ));
        }
    }
    for (at, op, _, m) in &all {
        let docs = m.docs.as_deref().unwrap_or("");
        let limits = stated_limits(docs);
        if m.max_items.is_some() || !limits.is_empty() {
            checked += 1;
        }
        if let Some(max) = m.max_items {
            if !is_list(m) {
                out.push(finding(file, at, "max_items-on-scalar", format!("{at}: `max_items: {max}` on `{}`", m.ty)));
            }
            if !limits.is_empty() && !limits.contains(&max) {
                out.push(finding(file, at, "max_items-differs", format!("{at}: `max_items: {max}`, its docs say at most {limits:?}")));
            }
            if limits.is_empty() {
                // Misplaced: a sibling states this limit and has no max_items.
                if let Some(op) = op {
                    for (sat, sop, _, sm) in &all {
                        if sop == &Some(*op)
                            && sat != at
                            && sm.max_items.is_none()
                            && stated_limits(sm.docs.as_deref().unwrap_or("")).contains(&max)
                        {
                            out.push(finding(
                                file,
                                at,
                                "max_items-misplaced",
                                format!("{at}: `max_items: {max}` that its docs do not state, while {sat}'s docs state it and it has none"),
                            ));
                        }
                    }
                }
            }
        } else if is_list(m) && !limits.is_empty() {
            out.push(finding(file, at, "max_items-missing", format!("{at}: its docs say at most {limits:?}, it has no `max_items`")));
        }
    }
    (out, checked)
}

// ------------------------------------------------------------------ comma-separated lists

const LIST_PHRASES: &[&str] = &[
    "separated by commas",
    "separate multiple",
    "comma-separated",
    "comma separated",
    "以逗号",
    "逗号分隔",
    "逗号隔开",
    "英文逗号",
    "半角逗号",
    "json 数组",
    "json数组",
    "json array",
    "json-formatted array",
    "json 格式的数组",
];

fn comma_findings(file: &str, spec: &Spec) -> (Vec<Finding>, usize) {
    let mut out = Vec::new();
    let mut checked = 0;
    for (at, _, _, m) in members(spec) {
        let docs = m.docs.as_deref().unwrap_or("").to_lowercase();
        if let Some(phrase) = LIST_PHRASES.iter().find(|p| docs.contains(*p)) {
            checked += 1;
            if !is_list(m) {
                out.push(finding(
                    file,
                    &at,
                    "list-typed-scalar",
                    format!("{at}: its docs say several values (\"{phrase}\"), the type is `{}`", m.ty),
                ));
            } else if !one_parameter(m) {
                out.push(finding(
                    file,
                    &at,
                    "list-not-one-parameter",
                    format!("{at}: its docs say the values are joined (\"{phrase}\"), the list has no `encoding: csv|json`"),
                ));
            }
        }
    }
    (out, checked)
}

// ------------------------------------------------------------------ enums against the document

fn norm(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// `value` in `text` as a whole token (neighbours are not `[A-Za-z0-9_.-]`).
fn has_token(text: &str, value: &str) -> bool {
    let is_word = |c: char| c.is_ascii_alphanumeric() || "_.-".contains(c);
    let mut from = 0;
    while let Some(i) = text[from..].find(value) {
        let start = from + i;
        let end = start + value.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(is_word) && !after.is_some_and(is_word) {
            return true;
        }
        from = start + value.len().max(1);
    }
    false
}

fn enum_findings(file: &str, spec: &Spec, documents: &DocumentFacts) -> (Vec<Finding>, usize, usize) {
    let mut out = Vec::new();
    let (mut checked, mut unlisted) = (0, 0);
    let mut all: Vec<(String, &Member)> = members(spec).into_iter().map(|(at, _, _, m)| (at, m)).collect();
    for (op, o) in spec.operations.iter() {
        for (wire, m) in o.output.iter() {
            all.push((format!("{op}.output.{wire}"), m));
        }
    }
    // An enum shape citing a line is checked as a member of its own type would be.
    let shape_members: Vec<(String, Member)> = spec
        .shapes
        .iter()
        .filter(|(_, s)| s.kind == ShapeKind::Enum)
        .filter_map(|(name, s)| {
            let mut m: Member = serde_json::from_value(serde_json::json!({ "type": name })).ok()?;
            m.source = s.source.clone();
            Some((format!("{name} (enum)"), m))
        })
        .collect();
    all.extend(shape_members.iter().map(|(at, m)| (at.clone(), m)));
    for (at, m) in all {
        let Some(source) = &m.source else { continue };
        let (Some(doc), Some(line)) = (source.doc.as_deref(), source.line.map(u64::from)) else { continue };
        let Some(lists) = documents.lists.get(doc) else { continue };
        // The spec's values: an enum's, or a member's `allowed`.
        let ty = TypeExpr::parse(&m.ty).ok();
        let elem = match &ty {
            Some(TypeExpr::List(inner)) => Some(&**inner),
            other => other.as_ref(),
        };
        let enum_name = match elem {
            Some(TypeExpr::Named(n)) => spec.shapes.get(n).filter(|s| s.kind == ShapeKind::Enum).map(|_| n.clone()),
            _ => None,
        };
        let values: Option<Vec<String>> = match (&enum_name, &m.allowed) {
            (Some(n), _) => Some(spec.shapes[n].values.iter().flat_map(|v| v.keys()).map(|v| norm(v)).collect()),
            (None, Some(allowed)) => {
                Some(allowed.iter().map(|v| norm(&v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string()))).collect())
            }
            (None, None) => None,
        };
        let exact = lists.iter().find(|l| l["name_line"].as_u64() == Some(line) || l["line"].as_u64() == Some(line));
        // An enum may cite a line inside its block (the description under the name).
        let found = exact.or_else(|| {
            values.as_ref()?;
            lists.iter().find(|l| l["name_line"].as_u64().is_some_and(|n| n <= line) && l["line"].as_u64().is_some_and(|v| line <= v))
        });
        let Some(list) = found else {
            if values.is_some() {
                unlisted += 1;
            }
            continue;
        };
        let doc_values: Vec<&str> = list["values"].as_array().into_iter().flatten().filter_map(Value::as_str).collect();
        let what = enum_name.clone().map(|n| format!("`{n}`")).unwrap_or_else(|| "`allowed`".into());
        let Some(values) = values else {
            // A plain scalar member whose own block lists two or more values (not only true/false).
            let plain_scalar = matches!(ty, Some(TypeExpr::Scalar(s)) if s != yun_codegen::spec::Scalar::Boolean);
            let boolean_words = doc_values.iter().all(|v| *v == "true" || *v == "false");
            if plain_scalar && doc_values.len() >= 2 && !boolean_words {
                checked += 1;
                out.push(finding(
                    file,
                    &at,
                    "document-lists-values",
                    format!(
                        "{at} (`{}`): the document lists values ({doc}:{}: {:?}), the spec has no enum or `allowed`",
                        m.ty, list["line"], doc_values
                    ),
                ));
            }
            continue;
        };
        checked += 1;
        let text = norm(list["text"].as_str().unwrap_or(""));
        for v in &values {
            if !has_token(&text, v) {
                out.push(finding(
                    file,
                    &at,
                    &format!("enum-value-{v}-not-in-document"),
                    format!("{at} ({what}): `{v}` is not in the document's list at {doc}:{}: {}", list["line"], list["text"]),
                ));
            }
        }
        for d in doc_values {
            if !values.iter().any(|v| v == d) {
                out.push(finding(
                    file,
                    &at,
                    &format!("document-value-{d}-not-in-enum"),
                    format!("{at} ({what}): the document lists `{d}` ({doc}:{}), the spec lacks it", list["line"]),
                ));
            }
        }
    }
    (out, checked, unlisted)
}

// ------------------------------------------------------------------ tests

fn unexplained(findings: &[Finding], allowed: &[(&str, &str)]) -> Vec<String> {
    let keyed: Vec<(&str, &str)> = findings.iter().map(|f| (f.key.as_str(), f.message.as_str())).collect();
    spec_vs_sdk::unexplained(&keyed, allowed)
}

/// The fewest members each kind compares over all the specs (a check that compares
/// nothing would pass): about the counts at the time of writing, rounded down.
const AT_LEAST: &[(&str, usize)] = &[("list", 1_400), ("max_items", 120), ("comma", 15), ("enum", 50)];

/// All findings of the four kinds, for every spec with an SDK; the counts printed, and each
/// kind's total held to `AT_LEAST` (the list check to at least one parameter per spec).
fn all_findings(kinds: &[&str]) -> Vec<Finding> {
    let documents = document_facts();
    let mut out = Vec::new();
    let mut compared = std::collections::BTreeMap::<&str, usize>::new();
    for (file, sdk) in SPECS {
        let spec = load(file);
        if kinds.contains(&"list") {
            let (f, n) = list_findings(file, &spec, sdk);
            eprintln!("{file}: list versus scalar, {n} parameters compared with the SDK, {} findings", f.len());
            assert!(n > 0, "{file}: no parameter compared with the SDK");
            *compared.entry("list").or_default() += n;
            out.extend(f);
        }
        if kinds.contains(&"max_items") {
            let (f, n) = max_items_findings(file, &spec, sdk, &documents);
            eprintln!("{file}: max_items, {n} members with a limit or a stated limit, {} findings", f.len());
            *compared.entry("max_items").or_default() += n;
            out.extend(f);
        }
        if kinds.contains(&"comma") {
            let (f, n) = comma_findings(file, &spec);
            eprintln!("{file}: joined lists, {n} members whose docs join values, {} findings", f.len());
            *compared.entry("comma").or_default() += n;
            out.extend(f);
        }
        if kinds.contains(&"enum") {
            let (f, n, unlisted) = enum_findings(file, &spec, &documents);
            eprintln!(
                "{file}: values, {n} members compared with the document's lists ({unlisted} enums cite a line without one), {} findings",
                f.len()
            );
            *compared.entry("enum").or_default() += n;
            out.extend(f);
        }
    }
    for (kind, least) in AT_LEAST.iter().filter(|(k, _)| kinds.contains(k)) {
        let n = compared.get(kind).copied().unwrap_or(0);
        assert!(n >= *least, "{kind}: {n} members compared over all the specs, fewer than {least}");
    }
    out
}

#[test]
fn lists_are_lists_in_the_sdks_too() {
    spec_vs_sdk::assert_none(unexplained(&all_findings(&["list"]), ALLOWED_LISTS));
}

#[test]
fn max_items_sits_on_the_list_the_docs_limit() {
    spec_vs_sdk::assert_none(unexplained(&all_findings(&["max_items"]), ALLOWED_MAX_ITEMS));
}

#[test]
fn joined_lists_are_typed_as_lists() {
    spec_vs_sdk::assert_none(unexplained(&all_findings(&["comma"]), ALLOWED_JOINED));
}

#[test]
fn enums_match_the_documents_lists() {
    spec_vs_sdk::assert_none(unexplained(&all_findings(&["enum"]), ALLOWED_ENUMS));
}

#[test]
fn limits_are_read_from_docs() {
    assert_eq!(stated_limits("JSON 数组，最多 100 个"), [100]);
    assert_eq!(stated_limits("You can specify up to 20 tags."), [20]);
    assert_eq!(stated_limits("The name must be up to 128 characters"), Vec::<u32>::new());
    assert_eq!(stated_limits("编码前数据长度不能超过16KB"), Vec::<u32>::new());
    assert_eq!(stated_limits("数据盘n的类型，n的取值范围为 [1, 8]。"), [8]);
    assert_eq!(stated_limits("N的范围为1-100"), [100]);
    assert!(has_token("centos-5|centos-6", "centos-5"));
    assert!(!has_token("centos-50", "centos-5"));
}

/// The checks catch the defects issue 12 names, rebuilt in memory on today's specs: SWAS
/// `ListCustomImages` with the "at most 100" limit on `ImageNames` instead of `ImageIds`,
/// ECS auto-renew `InstanceId` a comma-separated list typed as one string, a list made a
/// scalar, and an enum value the KEC document does not list.
#[test]
fn the_checks_catch_the_known_defects() {
    // SWAS: ImageIds says at most 100 but has no max_items; ImageNames has it, its docs do not.
    let mut swas = load("aliyun-swas.yaml");
    let op = swas.operations.0.get_mut("ListCustomImages").unwrap();
    op.input.0.get_mut("ImageIds").unwrap().max_items = None;
    op.input.0.get_mut("ImageIds").unwrap().docs = Some("JSON 数组，最多 100 个".into());
    op.input.0.get_mut("ImageNames").unwrap().max_items = Some(100);
    op.input.0.get_mut("ImageNames").unwrap().docs = Some("JSON 数组".into());
    let documents = document_facts();
    let keys: Vec<String> = max_items_findings("aliyun-swas.yaml", &swas, &SPECS[0].1, &documents).0.into_iter().map(|f| f.key).collect();
    assert!(keys.contains(&"aliyun-swas.yaml ListCustomImages.ImageIds max_items-missing".into()), "{keys:?}");
    assert!(keys.contains(&"aliyun-swas.yaml ListCustomImages.ImageNames max_items-misplaced".into()), "{keys:?}");
    // The document's own "最多 100 个" (line 232) is on ImageIds.
    assert!(keys.contains(&"aliyun-swas.yaml ListCustomImages.ImageIds max_items-document".into()), "{keys:?}");

    // ECS: the auto-renew InstanceId as a plain string.
    let mut ecs = load("aliyun-ecs.yaml");
    let m = ecs.operations.0.get_mut("ModifyInstanceAutoRenewAttribute").unwrap().input.0.get_mut("InstanceId").unwrap();
    m.ty = "string".into();
    m.encoding = None;
    m.max_items = None;
    m.docs = Some(
        "The IDs of the instances. You can specify up to 100 subscription instance IDs. Separate multiple instance IDs with commas (,)."
            .into(),
    );
    let keys: Vec<String> = comma_findings("aliyun-ecs.yaml", &ecs).0.into_iter().map(|f| f.key).collect();
    assert!(keys.contains(&"aliyun-ecs.yaml ModifyInstanceAutoRenewAttribute.InstanceId list-typed-scalar".into()), "{keys:?}");

    // A flat list made a scalar: the Aliyun and JD SDKs see it.
    let mut ecs = load("aliyun-ecs.yaml");
    ecs.operations.0.get_mut("DeleteInstances").unwrap().input.0.get_mut("InstanceId").unwrap().ty = "string".into();
    let keys: Vec<String> = list_findings("aliyun-ecs.yaml", &ecs, &SPECS[1].1).0.into_iter().map(|f| f.key).collect();
    assert_eq!(keys, ["aliyun-ecs.yaml DeleteInstances.InstanceId list"]);
    // A list inside a list of structures: RunInstances' NetworkInterface.N.Ipv6Address.N.
    let mut ecs = load("aliyun-ecs.yaml");
    let ni = ecs.operations["RunInstances"].input["NetworkInterface"].ty.clone();
    let ni = ni.trim_start_matches("list<").trim_end_matches('>').to_string();
    let members = ecs.shapes.0.get_mut(&ni).unwrap().members.as_mut().unwrap();
    members.0.get_mut("Ipv6Address").unwrap().ty = "string".into();
    let keys: Vec<String> = list_findings("aliyun-ecs.yaml", &ecs, &SPECS[1].1).0.into_iter().map(|f| f.key).collect();
    assert_eq!(keys, ["aliyun-ecs.yaml RunInstances.NetworkInterface.Ipv6Address list"]);
    let mut jd = load("jdcloud-vm.yaml");
    let (name, list_member) =
        jd.operations.iter().find_map(|(k, o)| o.input.iter().find(|(_, m)| is_list(m)).map(|(w, _)| (k.clone(), w.clone()))).unwrap();
    let before = list_findings("jdcloud-vm.yaml", &jd, &SPECS[4].1).0;
    jd.operations.0.get_mut(&name).unwrap().input.0.get_mut(&list_member).unwrap().ty = "string".into();
    let after = list_findings("jdcloud-vm.yaml", &jd, &SPECS[4].1).0;
    assert!(after.len() > before.len(), "{name}.{list_member} made a scalar is seen");

    // KEC: an invented enum value, and a document value dropped.
    let lists = documents.lists["003_82dd991f180413ac.txt"].clone();
    let kec = load("ksyun-kec.yaml");
    let (base, checked, _) = enum_findings("ksyun-kec.yaml", &kec, &documents);
    assert!(checked > 0);
    let compared = kec
        .operations
        .iter()
        .flat_map(|(_, o)| o.input.iter())
        .find_map(|(_, m)| {
            let TypeExpr::Named(n) = TypeExpr::parse(&m.ty).ok()? else { return None };
            let line = m.source.as_ref()?.line? as u64;
            (kec.shapes.get(&n)?.kind == ShapeKind::Enum && lists.iter().any(|l| l["name_line"].as_u64() == Some(line))).then_some(n)
        })
        .expect("an input enum the document lists");
    let mut changed = kec.clone();
    let values = changed.shapes.0.get_mut(&compared).unwrap().values.as_mut().unwrap();
    let (first, docs) = values.0.shift_remove_index(0).unwrap();
    values.0.insert("Invented".into(), docs);
    let (after, _, _) = enum_findings("ksyun-kec.yaml", &changed, &documents);
    let new: Vec<&String> = after.iter().filter(|f| !base.contains(f)).map(|f| &f.key).collect();
    assert!(new.iter().any(|k| k.ends_with("enum-value-Invented-not-in-document")), "{new:?}");
    assert!(new.iter().any(|k| k.ends_with(&format!("document-value-{first}-not-in-enum"))), "{new:?}");
}
