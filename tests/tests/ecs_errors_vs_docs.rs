//! The ECS spec's errors whose source is Alibaba Cloud's ECS documentation repository
//! (github.com/AlibabaCloudDocs/ecs) against that repository's tables, extracted by
//! `tests/fixtures/aliyun/ecs-docs/extract_ecs_doc_errors.py` into `ecs-doc-errors.json`: an
//! operation's error is in its page's 错误码 table with the same HTTP status, a service error in
//! the common error codes. Every operation the repository has a page for is checked, whatever
//! source the spec cites for an error (an error the page's table lacks is checked only when it
//! cites the repository); every source in the repository must point at the fixture's commit.

use serde_json::Value;
use yun_tests::spec_vs_sdk;

const DOCS: &str = "https://github.com/AlibabaCloudDocs/ecs/";
const COMMIT: &str = "1f1e5387a58808b741125f0ac1af932b573e89cb";

/// The statuses `table` gives `code` (a code may stand on several rows).
fn statuses(table: &Value, code: &str) -> Vec<u64> {
    let rows = table["errors"].as_array().cloned().unwrap_or_default();
    rows.iter().filter(|row| row["code"] == code).filter_map(|row| row["http_status"].as_u64()).collect()
}

fn check(problems: &mut Vec<String>, at: &str, error: &yun_codegen::spec::ErrorDef, table: Option<&Value>) -> bool {
    let url = error.source.as_ref().and_then(|s| s.url.as_deref()).filter(|u| u.starts_with(DOCS));
    if let Some(url) = url.filter(|u| !u.contains(COMMIT)) {
        problems.push(format!("{at} {}: {url} is not at the fixture's commit {COMMIT}", error.code));
    }
    // Every error of an operation the repository documents is checked, whatever page the spec
    // cites (a status copied from the English site disagreed with the page).
    let Some(table) = table else {
        if let Some(url) = url {
            problems.push(format!("{at} {}: cites {url}, but the fixture holds no table for it", error.code));
        }
        return url.is_some();
    };
    let found = statuses(table, &error.code);
    match (error.http_status, found.as_slice()) {
        (_, []) if url.is_some() => problems.push(format!("{at} {}: not in {}", error.code, table["page"])),
        (_, []) => {}
        (None, theirs) => problems.push(format!("{at} {}: no status, {} says {theirs:?}", error.code, table["page"])),
        (Some(ours), theirs) if !theirs.contains(&u64::from(ours)) => {
            problems.push(format!("{at} {}: status {ours}, {} says {theirs:?}", error.code, table["page"]))
        }
        _ => {}
    }
    true
}

#[test]
fn ecs_errors_cited_from_the_documentation_repository_are_in_its_tables() {
    let text = std::fs::read_to_string(yun_tests::fixture("aliyun/ecs-docs/ecs-doc-errors.json")).unwrap();
    let facts: Value = serde_json::from_str(&text).unwrap();
    let spec = spec_vs_sdk::load_spec("aliyun-ecs.yaml").spec;
    let mut problems = Vec::new();
    let mut checked = 0;
    for (name, op) in spec.operations.iter() {
        let table = facts["operations"].get(name.as_str());
        checked += op.errors.iter().filter(|e| check(&mut problems, name, e, table)).count();
    }
    checked += spec.errors.iter().filter(|e| check(&mut problems, "errors", e, Some(&facts["common"]))).count();
    assert!(problems.is_empty(), "{problems:#?}");
    // Every error of the seven operations that declare any (RunInstances, CreateInstance,
    // DeleteInstance, DescribeRegions; ModifyInstanceSpec, ModifyPrepayInstanceSpec and
    // RenewInstance their IdempotenceParamNotMatch) and the service's IdempotentParameterMismatch.
    assert_eq!(checked, 20, "errors checked against the documentation repository");
}
