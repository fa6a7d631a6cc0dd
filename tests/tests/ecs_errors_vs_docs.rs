//! The ECS spec's errors whose source is Alibaba Cloud's ECS documentation repository
//! (github.com/AlibabaCloudDocs/ecs) against that repository's tables, extracted by
//! `tests/fixtures/aliyun/ecs-docs/extract_ecs_doc_errors.py` into `ecs-doc-errors.json`: an
//! operation's error is in its page's 错误码 table with the same HTTP status, a service error in
//! the common error codes. Every such source must point at the commit the fixture was read from.

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
    let Some(url) = error.source.as_ref().and_then(|s| s.url.as_deref()).filter(|u| u.starts_with(DOCS)) else { return false };
    if !url.contains(COMMIT) {
        problems.push(format!("{at} {}: {url} is not at the fixture's commit {COMMIT}", error.code));
    }
    let Some(table) = table else {
        problems.push(format!("{at} {}: cites {url}, but the fixture holds no table for it", error.code));
        return true;
    };
    let found = statuses(table, &error.code);
    match (error.http_status, found.as_slice()) {
        (_, []) => problems.push(format!("{at} {}: not in {}", error.code, table["page"])),
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
    // RunInstances' seven QuotaExceed.* codes and the service's IdempotentParameterMismatch.
    assert_eq!(checked, 8, "errors cited from the documentation repository");
}
