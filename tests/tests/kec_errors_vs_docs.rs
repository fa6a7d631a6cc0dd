//! The KEC spec's operation errors against the error tables of Kingsoft Cloud's API pages for
//! the batch instance actions (`tests/fixtures/ksyun/kec-errors/kec-page-errors.json`,
//! transcribed from the stored pages): every row of a page is declared on its operation with
//! the page's status (or is one of the service's common errors, which keep the common table's
//! status), every error an operation declares comes from its page and cites it, and the
//! resource action that refuses an instance in the wrong state names the page's state error
//! (the emulator answers that error).

use serde_json::Value;
use yun_tests::spec_vs_sdk;

#[test]
fn kec_batch_action_errors_are_those_of_their_pages() {
    let text = std::fs::read_to_string(yun_tests::fixture("ksyun/kec-errors/kec-page-errors.json")).unwrap();
    let pages: Value = serde_json::from_str(&text).unwrap();
    let spec = spec_vs_sdk::load_spec("ksyun-kec.yaml").spec;
    let mut problems = Vec::new();
    let (mut rows, mut declared) = (0, 0);
    for page in pages["pages"].as_array().unwrap() {
        let op = page["operation"].as_str().unwrap();
        let url = page["url"].as_str().unwrap();
        let operation = &spec.operations[op];
        let documented: Vec<(&str, u64)> = page["errors"]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| (row["code"].as_str().unwrap(), row["http_status"].as_u64().unwrap()))
            .collect();
        for &(code, status) in &documented {
            rows += 1;
            match operation.errors.iter().find(|e| e.code == code) {
                Some(error) if error.http_status.map(u64::from) != Some(status) => {
                    problems.push(format!("{op} {code}: status {:?}, page {url} says {status}", error.http_status));
                }
                Some(_) => {}
                None if spec.errors.iter().any(|e| e.code == code) => {}
                None => problems.push(format!("{op} {code}: on page {url}, not declared")),
            }
        }
        for error in &operation.errors {
            declared += 1;
            if !documented.iter().any(|&(code, _)| code == error.code) {
                problems.push(format!("{op} {}: declared, not on page {url}", error.code));
            }
            if error.source.as_ref().and_then(|s| s.url.as_deref()) != Some(url) {
                problems.push(format!("{op} {}: does not cite {url}", error.code));
            }
        }
        let refusal = spec.resources.values().find_map(|r| r.actions.get(op)).and_then(|a| a.error.as_deref());
        if refusal != page["state_error"].as_str() {
            problems.push(format!("{op}: the action refuses with {refusal:?}, the page's state error is {}", page["state_error"]));
        }
    }
    assert!(problems.is_empty(), "{problems:#?}");
    // StartInstances 8 rows, StopInstances 4 (the stored copy's first), RebootInstances 7, of
    // which ServiceUnavailable is the service's common error.
    assert_eq!((rows, declared), (19, 18));
}
