//! The SWAS spec's operation errors against two independent sources, kept in
//! `tests/fixtures/aliyun/swas-errors/`:
//!
//! - `swas-page-errors.json`: the error tables of Alibaba Cloud's SWAS API pages (code, HTTP
//!   status, message), transcribed as the stored pages show them;
//! - `terraform-swas-errors.json`: the codes the alicloud Terraform provider waits out per call
//!   (`IsExpectedErrors`), extracted from its SWAS instance resource by
//!   `extract_terraform_swas_errors.py` at a fixed commit.
//!
//! Every row of a page must be declared on its operation with the page's status; every code
//! Terraform expects on a call must be declared on that operation (but `Throttling.*`, which the
//! runtime retries as throttling whatever the spec says), its status the one every page listing
//! the code gives; and every error an operation declares must come from one of the two, its
//! source the page or the provider's line at the fixture's commit.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use yun_tests::spec_vs_sdk;

fn load(name: &str) -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture(&format!("aliyun/swas-errors/{name}"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

/// What the sources say about one operation's error.
#[derive(Default)]
struct Evidence {
    /// The status each page listing it for this operation gives, with the page's address.
    pages: Vec<(u64, String)>,
    /// The Terraform provider's address (file and line at the fixture's commit), if it expects it.
    terraform: Option<String>,
}

#[test]
fn swas_operation_errors_are_those_of_its_pages_and_the_terraform_provider() {
    let pages = load("swas-page-errors.json");
    let terraform = load("terraform-swas-errors.json");
    let spec = spec_vs_sdk::load_spec("aliyun-swas.yaml").spec;

    // (operation, code) → evidence; code → every status a page gives it.
    let mut evidence: BTreeMap<(String, String), Evidence> = BTreeMap::new();
    let mut statuses: BTreeMap<String, BTreeSet<u64>> = BTreeMap::new();
    for page in pages["pages"].as_array().unwrap() {
        let op = page["operation"].as_str().unwrap().to_owned();
        let url = page["url"].as_str().unwrap().to_owned();
        for row in page["errors"].as_array().unwrap() {
            let code = row["code"].as_str().unwrap().to_owned();
            let status = row["http_status"].as_u64().unwrap();
            statuses.entry(code.clone()).or_default().insert(status);
            evidence.entry((op.clone(), code)).or_default().pages.push((status, url.clone()));
        }
    }
    let repo = terraform["repository"].as_str().unwrap();
    let commit = terraform["commit"].as_str().unwrap();
    let file = terraform["file"].as_str().unwrap();
    for (op, call) in terraform["operations"].as_object().unwrap() {
        let line = call["errors_line"].as_u64().unwrap();
        for code in call["codes"].as_array().unwrap() {
            let code = code.as_str().unwrap();
            if code.starts_with("Throttling.") {
                continue;
            }
            let at = format!("{repo}/blob/{commit}/{file}#L{line}");
            evidence.entry((op.clone(), code.to_owned())).or_default().terraform = Some(at);
        }
    }

    let mut problems = Vec::new();
    // Every source's error is declared on its operation, with the status the pages give.
    for ((op, code), what) in &evidence {
        let Some(operation) = spec.operations.get(op.as_str()) else {
            problems.push(format!("{op}: the sources document it, the spec has no such operation"));
            continue;
        };
        let Some(declared) = operation.errors.iter().find(|e| e.code == *code) else {
            problems.push(format!("{op} {code}: documented ({:?}, {:?}), not declared", what.pages, what.terraform));
            continue;
        };
        let wanted: BTreeSet<u64> = if what.pages.is_empty() {
            // Terraform names no status: the one every page listing the code gives.
            statuses.get(code).cloned().unwrap_or_default()
        } else {
            what.pages.iter().map(|(s, _)| *s).collect()
        };
        match (declared.http_status, wanted.len()) {
            (Some(ours), 1) if wanted.contains(&u64::from(ours)) => {}
            (None, 0) => {}
            (ours, _) => problems.push(format!("{op} {code}: status {ours:?}, the sources say {wanted:?}")),
        }
    }
    // Every declared operation error comes from a source and cites it.
    let mut checked = 0;
    for (op, operation) in spec.operations.iter() {
        for error in &operation.errors {
            checked += 1;
            let Some(what) = evidence.get(&(op.to_string(), error.code.clone())) else {
                problems.push(format!("{op} {}: declared, but no page or Terraform call documents it", error.code));
                continue;
            };
            let url = error.source.as_ref().and_then(|s| s.url.clone()).unwrap_or_default();
            let cited = what.pages.iter().any(|(_, page)| *page == url) || what.terraform.as_deref() == Some(url.as_str());
            if !cited {
                problems.push(format!("{op} {}: source {url:?} is not a source that documents it", error.code));
            }
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // The pages of StartInstance (3), StopInstance (1), StopInstances (2), RebootInstances (1),
    // UpgradeInstance (3), RenewInstance (3), ModifyInstanceVncPassword (4), and Terraform's
    // IncorrectInstanceStatus on RebootInstance, UpgradeInstance, ResetSystem and
    // UpdateInstanceAttribute.
    assert_eq!(checked, 21, "operation errors declared");
    assert_eq!(evidence.len(), 21, "errors documented per operation");
}
