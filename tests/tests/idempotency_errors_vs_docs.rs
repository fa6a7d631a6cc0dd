//! The error each Aliyun operation with an idempotency token answers when the token is used
//! again with other parameters (the spec's error marked `idempotency_mismatch`, the operation's
//! own else the service's: `Spec::idempotency_mismatch`, which the emulator answers) against the
//! providers' documents, not against the spec:
//!
//! - an ECS operation whose page in Alibaba Cloud's documentation repository names an idempotency
//!   mismatch code in its 错误码 table answers that code with the page's status
//!   (`IdempotenceParamNotMatch` 400 for ModifyInstanceSpec, ModifyPrepayInstanceSpec,
//!   RenewInstance); any other answers the code of the idempotence page
//!   (如何保证幂等性.md: `IdempotentParameterMismatch`) with the status of the common error table;
//! - every SWAS operation's ClientToken refers to that idempotence page (the official Go SDK's
//!   docs, `tests/fixtures/aliyun/idempotence/swas-go-sdk-tokens.json`), and SWAS's pages name no
//!   code of their own: it answers the idempotence page's code with the common table's status.
//!
//! Facts: `tests/fixtures/aliyun/ecs-docs/ecs-doc-errors.json` (AlibabaCloudDocs/ecs at 1f1e5387,
//! `extract_ecs_doc_errors.py`) and the SWAS Go SDK's fixture (alibabacloud-go/swas-open-20200601
//! at 20152ee, `extract_go_sdk_tokens.py`). JD Cloud documents no answer (its spec's mark is a
//! decision its comment gives); Kingsoft's and Inspur's specs take no token. That every token's
//! reuse is answered with a declared error is the emulator's test
//! (`every_idempotency_token_reused_with_other_parameters_gets_an_error_its_service_declares`).

use serde_json::Value;
use yun_codegen::spec::Spec;
use yun_tests::spec_vs_sdk;

/// Alibaba Cloud's "How to ensure idempotence", which every SWAS ClientToken refers to.
const IDEMPOTENCE_PAGE: &str = "https://help.aliyun.com/document_detail/25693.html";

fn fixture(path: &str) -> Value {
    let text = std::fs::read_to_string(yun_tests::fixture(path)).unwrap_or_else(|e| panic!("{path}: {e}"));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// A code the documents use for a token reused with other parameters
/// (`IdempotentParameterMismatch`, `IdempotenceParamNotMatch`, `InvalidIdempotenceParameter.Mismatch`).
fn is_mismatch_code(code: &str) -> bool {
    code.contains("Idempot") && (code.contains("Mismatch") || code.contains("NotMatch"))
}

/// The operations of `spec` taking an idempotency token (a top-level member marked so).
fn token_operations(spec: &Spec) -> Vec<String> {
    spec.operations.iter().filter(|(_, op)| op.input.values().any(|m| m.idempotency_token)).map(|(name, _)| name.clone()).collect()
}

/// The code the idempotence page names and the status the common table gives it.
fn service_answer(docs: &Value) -> (String, u64) {
    let code = docs["idempotence"]["code"].as_str().expect("the idempotence page's code").to_owned();
    let statuses: Vec<u64> = docs["common"]["errors"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|e| e["code"] == code.as_str())
        .filter_map(|e| e["http_status"].as_u64())
        .collect();
    assert_eq!(statuses.len(), 1, "{code} in the common table: {statuses:?}");
    (code, statuses[0])
}

/// What the spec answers a reused token of `operation` with: code and status.
fn spec_answer(spec: &Spec, operation: &str) -> Option<(String, Option<u64>)> {
    spec.idempotency_mismatch(operation).map(|e| (e.code.clone(), e.http_status.map(u64::from)))
}

#[test]
fn ecs_operations_answer_a_reused_token_as_their_pages_say() {
    let docs = fixture("aliyun/ecs-docs/ecs-doc-errors.json");
    let spec = spec_vs_sdk::load_spec("aliyun-ecs.yaml").spec;
    let (service_code, service_status) = service_answer(&docs);
    let mut problems = Vec::new();
    let mut own = 0;
    let operations = token_operations(&spec);
    for name in &operations {
        let table = &docs["operations"][name.as_str()];
        assert!(!table.is_null(), "{name}: the documentation repository has a page for every ECS operation with a token");
        let mut codes: Vec<(String, u64)> = table["errors"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|e| Some((e["code"].as_str()?.to_owned(), e["http_status"].as_u64()?)))
            .filter(|(code, _)| is_mismatch_code(code))
            .collect();
        codes.dedup();
        let expected = match codes.as_slice() {
            [] => (service_code.clone(), service_status),
            [one] => {
                own += 1;
                one.clone()
            }
            many => panic!("{name}: its page names several mismatch codes {many:?}: decide by hand"),
        };
        let ours = spec_answer(&spec, name);
        if ours != Some((expected.0.clone(), Some(expected.1))) {
            problems.push(format!("{name}: the spec answers {ours:?}, {} says {expected:?}", table["page"]));
        }
    }
    spec_vs_sdk::assert_none(problems);
    assert_eq!((operations.len(), own), (7, 3), "ECS operations with a token, of them with a code of their own");
}

#[test]
fn swas_operations_answer_a_reused_token_as_the_page_their_tokens_cite() {
    let docs = fixture("aliyun/ecs-docs/ecs-doc-errors.json");
    let sdk = fixture("aliyun/idempotence/swas-go-sdk-tokens.json");
    let spec = spec_vs_sdk::load_spec("aliyun-swas.yaml").spec;
    let (code, status) = service_answer(&docs);
    let mut problems = Vec::new();
    for (name, op) in spec.operations.iter() {
        let action = op.action.as_deref().unwrap_or(name);
        let theirs = &sdk["operations"][action];
        let ours = op.input.values().any(|m| m.idempotency_token);
        let sdk_has = !theirs.is_null();
        // The spec's tokens are the SDK's: a ClientToken member exactly where the SDK has one.
        if ours != sdk_has {
            problems.push(format!("{name}: the spec takes a token: {ours}, the Go SDK's request has a ClientToken: {sdk_has}"));
            continue;
        }
        if !ours {
            continue;
        }
        let cites: Vec<&str> = theirs["refers_to"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        if cites != [IDEMPOTENCE_PAGE] {
            problems.push(format!("{name}: the SDK's ClientToken cites {cites:?}, not the idempotence page: decide by hand"));
        }
        let answer = spec_answer(&spec, name);
        if answer != Some((code.clone(), Some(status))) {
            problems.push(format!("{name}: the spec answers a reused token with {answer:?}, the idempotence page {code} ({status})"));
        }
    }
    spec_vs_sdk::assert_none(problems);
    assert_eq!(token_operations(&spec).len(), 20, "SWAS operations with a token");
}

#[test]
fn the_mismatch_classifier_reads_the_documents_codes() {
    for code in ["IdempotentParameterMismatch", "IdempotenceParamNotMatch", "InvalidIdempotenceParameter.Mismatch"] {
        assert!(is_mismatch_code(code), "{code}");
    }
    for code in ["IdempotentProcessing", "Idempotence.Processing", "LastTokenProcessing", "InvalidClientToken.ValueNotSupported"] {
        assert!(!is_mismatch_code(code), "{code}");
    }
}
