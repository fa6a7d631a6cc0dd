//! JDCLOUD3-HMAC-SHA256 conformance: every vector made by the official `jdcloud-sdk`
//! (`tests/fixtures/jdcloud/signing/vectors.json`, see `generate.py` beside it) is signed
//! again by `yun_runtime::jdcloud::sign` and must match byte for byte.

use std::collections::BTreeMap;

use serde::Deserialize;
use yun_runtime::jdcloud::sign::{sign, Request};
use yun_runtime::Credentials;

#[derive(Deserialize)]
struct Vectors {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    access_key_id: String,
    secret_access_key: String,
    security_token: Option<String>,
    service: String,
    region: String,
    date: String,
    nonce: String,
    method: String,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    headers_before_signing: Vec<(String, String)>,
    body: String,
    expected: Expected,
}

#[derive(Deserialize)]
struct Expected {
    canonical_request: String,
    string_to_sign: String,
    headers: BTreeMap<String, String>,
}

#[test]
fn every_sdk_vector_is_reproduced_byte_for_byte() {
    let text = std::fs::read_to_string(yun_tests::fixture("jdcloud/signing/vectors.json")).unwrap();
    let cases = serde_json::from_str::<Vectors>(&text).unwrap().cases;
    assert!(cases.len() >= 8);
    let mut problems = Vec::new();
    for case in &cases {
        let mut credentials = Credentials::new(&case.access_key_id, &case.secret_access_key);
        if let Some(token) = &case.security_token {
            credentials = credentials.with_security_token(token);
        }
        // The token is the runtime's to add; the rest is what the request carried.
        let before: Vec<(String, String)> =
            case.headers_before_signing.iter().filter(|(k, _)| k != "x-jdcloud-security-token").cloned().collect();
        let request = Request {
            method: &case.method,
            host: &case.host,
            path: &case.path,
            query: &case.query,
            headers: &before,
            body: case.body.as_bytes(),
        };
        let signed = sign(&request, &credentials, &case.region, &case.service, &case.date, &case.nonce);
        let mut headers: BTreeMap<String, String> = before.iter().cloned().collect();
        headers.extend(signed.headers.iter().cloned());
        for (what, ours, theirs) in [
            ("canonical request", format!("{:?}", signed.canonical_request), format!("{:?}", case.expected.canonical_request)),
            ("string to sign", format!("{:?}", signed.string_to_sign), format!("{:?}", case.expected.string_to_sign)),
            ("headers", format!("{headers:?}"), format!("{:?}", case.expected.headers)),
        ] {
            if ours != theirs {
                problems.push(format!("{}: {what}\n   yun: {ours}\n   sdk: {theirs}", case.name));
            }
        }
    }
    assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
}
