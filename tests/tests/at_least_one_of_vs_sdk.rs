//! The specs' `at_least_one_of` groups against the official SDKs' request models: for every
//! operation of a spec whose SDK facts we extract, the spec's groups are exactly the
//! unconditional groups the SDK states. The facts: Aliyun's
//! `tests/fixtures/aliyun/**/*-sdk-operations.json` (`extract_swas_sdk.py`'s `stated_groups`
//! reads the request models' "You must specify at least one of …" comments), JD Cloud's
//! `tests/fixtures/jdcloud/vm-sdk-operations.json` (`extract_vm_sdk.py`'s `stated_groups`, the
//! request docstrings' "…至少要传一项"). kingsoftcloud-sdk-python 1.5.8.114's KEC, VPC and SKS
//! models state none ("至少" and "at least one" appear in none of their docstrings); Inspur has no
//! SDK. A group the SDK does not state, in any spec, must be listed in `OTHER_EVIDENCE` with the
//! evidence it comes from instead; a sentence that names its parameters in words only (members
//! empty) on an operation a spec has must be read by hand (listed there too).

use std::collections::BTreeSet;

use serde_json::Value;
use yun_tests::spec_vs_sdk;

/// (spec, the SDK facts covering its operations).
const COVERED: &[(&str, &str)] = &[
    ("aliyun-ecs.yaml", "aliyun/ecs-sdk-operations.json"),
    ("aliyun-vpc.yaml", "aliyun/vpc/vpc-sdk-operations.json"),
    ("aliyun-swas.yaml", "aliyun/swas-sdk-operations.json"),
    ("aliyun-cms.yaml", "aliyun/cms-sdk-operations.json"),
    ("aliyun-sts.yaml", "aliyun/sts/sts-sdk-operations.json"),
    ("jdcloud-vm.yaml", "jdcloud/vm-sdk-operations.json"),
];

/// `(spec, operation, group)` a spec may hold though no extracted SDK model states it, with the
/// evidence. None today: every group comes from an SDK sentence.
const OTHER_EVIDENCE: &[(&str, &str, &[&str], &str)] = &[];

/// A group as a sorted set of wire names.
fn group<S: AsRef<str>>(names: &[S]) -> BTreeSet<String> {
    names.iter().map(|n| n.as_ref().to_owned()).collect()
}

fn allowed(spec: &str, op: &str, g: &BTreeSet<String>) -> bool {
    OTHER_EVIDENCE.iter().any(|(s, o, names, _)| *s == spec && *o == op && group(names) == *g)
}

/// The fixture `path` under `tests/fixtures/`.
fn facts(path: &str) -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The SDK's statements for one operation: (members, sentence, conditional).
fn stated(operation: &Value) -> Vec<(BTreeSet<String>, String, bool)> {
    let groups = operation["at_least_one_of"].as_array().cloned().unwrap_or_default();
    groups
        .iter()
        .map(|g| {
            let members: Vec<&str> = g["members"].as_array().map(|m| m.iter().filter_map(Value::as_str).collect()).unwrap_or_default();
            (group(&members), g["stated"].as_str().unwrap_or_default().to_owned(), g["conditional"] == Value::Bool(true))
        })
        .collect()
}

/// The problems of one spec against its SDK facts: groups the SDK states and the spec lacks,
/// groups the spec has and the SDK does not state, sentences not read into parameter names,
/// operations of the spec the facts lack. Also the number of groups the SDK states for them.
fn problems(spec_file: &str, facts_file: &str) -> (Vec<String>, usize) {
    let loaded = spec_vs_sdk::load_spec(spec_file);
    let facts = facts(facts_file);
    let mut problems = Vec::new();
    let mut count = 0;
    for (name, op) in loaded.spec.operations.iter() {
        let action = op.action.as_deref().unwrap_or(name);
        let ours: BTreeSet<BTreeSet<String>> = op.at_least_one_of.iter().map(|g| group(g)).collect();
        let sdk = &facts["operations"][action];
        if sdk.is_null() {
            // SWAS, STS and JD facts hold every action of the SDK, ECS, VPC and CMS those of the spec.
            problems.push(format!("{spec_file} {name}: not in {facts_file}"));
            continue;
        }
        let statements = stated(sdk);
        for (_, sentence, _) in statements.iter().filter(|(members, _, _)| members.is_empty()) {
            problems.push(format!("{spec_file} {name}: the SDK says \"{sentence}\" naming no parameter: read it by hand"));
        }
        let theirs: BTreeSet<BTreeSet<String>> =
            statements.iter().filter(|(members, _, conditional)| !members.is_empty() && !conditional).map(|(m, _, _)| m.clone()).collect();
        count += theirs.len();
        for g in theirs.difference(&ours) {
            let sentence = statements.iter().find(|(m, _, _)| m == g).map_or("", |(_, s, _)| s.as_str());
            problems.push(format!("{spec_file} {name}: the SDK states at_least_one_of {g:?} (\"{sentence}\"), the spec lacks it"));
        }
        for g in ours.difference(&theirs) {
            if !allowed(spec_file, name, g) {
                problems.push(format!(
                    "{spec_file} {name}: at_least_one_of {g:?} is stated by no SDK model ({facts_file}) nor in OTHER_EVIDENCE"
                ));
            }
        }
    }
    (problems, count)
}

#[test]
fn the_specs_groups_are_the_groups_the_sdk_models_state() {
    let mut all = Vec::new();
    let mut stated = 0;
    for (spec, facts) in COVERED {
        let (problems, n) = problems(spec, facts);
        all.extend(problems);
        stated += n;
    }
    // ECS DescribeInstanceAutoRenewAttribute (alibabacloud-ecs20140526 7.11.8,
    // models/_describe_instance_auto_renew_attribute_request.py:22) and VPC DescribeVSwitches
    // (alibabacloud-vpc20160428 7.2.2, models/_describe_vswitches_request.py:60).
    assert_eq!(stated, 2, "the groups the extracted SDK models state for our operations");
    spec_vs_sdk::assert_none(all);
}

#[test]
fn specs_without_sdk_groups_claim_none_without_evidence() {
    let covered: BTreeSet<&str> = COVERED.iter().map(|(s, _)| *s).collect();
    let dir = yun_tests::workspace_root().join("specs");
    let mut problems = Vec::new();
    let mut seen = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let file = entry.unwrap().file_name().into_string().unwrap();
        if !file.ends_with(".yaml") {
            continue;
        }
        seen += 1;
        if covered.contains(file.as_str()) {
            continue;
        }
        let loaded = spec_vs_sdk::load_spec(&file);
        for (name, op) in loaded.spec.operations.iter() {
            for g in &op.at_least_one_of {
                if !allowed(&file, name, &group(g)) {
                    problems.push(format!("{file} {name}: at_least_one_of {g:?} has no extracted SDK facts nor OTHER_EVIDENCE"));
                }
            }
        }
    }
    assert!(seen > COVERED.len(), "read the specs under {}", dir.display());
    for (spec, _, _, why) in OTHER_EVIDENCE {
        assert!(!why.trim().is_empty(), "{spec}: OTHER_EVIDENCE needs its evidence");
    }
    spec_vs_sdk::assert_none(problems);
}
