//! JD Cloud signature conformance: every vector made by an official `jdcloud-sdk` is signed
//! again and must match byte for byte (canonical request, string to sign, headers):
//! `JDCLOUD3-HMAC-SHA256` vectors (`tests/fixtures/jdcloud/signing/vectors.json`, see
//! `generate.py` beside it, `jdcloud-sdk` 1.6.354) by `yun_runtime::jdcloud::sign::sign`,
//! `JDCLOUD2-HMAC-SHA256` vectors (`vectors-jdcloud2.json`, see `generate_v2.py`,
//! `jdcloud-sdk` 1.6.94) by `yun_runtime::jdcloud::sign::sign_jdcloud2`.

use std::collections::BTreeMap;

use serde::Deserialize;
use yun_runtime::jdcloud::sign::{sign, sign_jdcloud2, SignableBody, SignableRequest, Signed, SigningSettings};
use yun_runtime::request::encoding::percent_encode;
use yun_runtime::Credentials;

#[derive(Deserialize)]
struct Vectors {
    packages: BTreeMap<String, String>,
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    algorithm: Option<String>,
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
    /// The path as `requests` put it on the wire (JDCLOUD2 vectors).
    path_as_sent: Option<String>,
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

type Signer = fn(&SignableRequest<'_>, &Credentials, &SigningSettings<'_>) -> Signed;

/// The path as yun sends it: every segment percent-encoded.
fn encoded_like_yun(path: &str) -> String {
    path.split('/').map(percent_encode).collect::<Vec<_>>().join("/")
}

/// Signs every case of `file` with `signer`, from `case.path` and from each of
/// `other_paths(case)`; returns the mismatches.
fn replay(file: &str, package: &str, algorithm: &str, signer: Signer, other_paths: fn(&Case) -> Vec<String>) -> Vec<String> {
    let text = std::fs::read_to_string(yun_tests::fixture(file)).unwrap();
    let vectors = serde_json::from_str::<Vectors>(&text).unwrap();
    assert!(vectors.packages.contains_key(package), "{file} names the package that made it");
    assert!(vectors.cases.len() >= 8, "{file}: {} cases", vectors.cases.len());
    let mut problems = Vec::new();
    for case in &vectors.cases {
        assert!(case.algorithm.as_deref().is_none_or(|a| a == algorithm), "{}: {:?}", case.name, case.algorithm);
        let mut credentials = Credentials::new(&case.access_key_id, &case.secret_access_key);
        if let Some(token) = &case.security_token {
            credentials = credentials.with_security_token(token);
        }
        // The token is the runtime's to add; the rest is what the request carried.
        let before: Vec<(String, String)> =
            case.headers_before_signing.iter().filter(|(k, _)| k != "x-jdcloud-security-token").cloned().collect();
        for path in std::iter::once(case.path.clone()).chain(other_paths(case)) {
            let request = SignableRequest {
                method: &case.method,
                host: &case.host,
                path: &path,
                query: &case.query,
                headers: &before,
                body: SignableBody::Bytes(case.body.as_bytes()),
            };
            let settings = SigningSettings { region: &case.region, service: &case.service, date: &case.date, nonce: &case.nonce };
            let signed = signer(&request, &credentials, &settings);
            let mut headers: BTreeMap<String, String> = before.iter().cloned().collect();
            headers.extend(signed.headers.iter().cloned());
            for (what, ours, theirs) in [
                ("canonical request", format!("{:?}", signed.canonical_request), format!("{:?}", case.expected.canonical_request)),
                ("string to sign", format!("{:?}", signed.string_to_sign), format!("{:?}", case.expected.string_to_sign)),
                ("headers", format!("{headers:?}"), format!("{:?}", case.expected.headers)),
            ] {
                if ours != theirs {
                    problems.push(format!("{file} {} (path {path:?}): {what}\n   yun: {ours}\n   sdk: {theirs}", case.name));
                }
            }
        }
    }
    problems
}

#[test]
fn every_jdcloud3_sdk_vector_is_reproduced_byte_for_byte() {
    let problems = replay("jdcloud/signing/vectors.json", "jdcloud-sdk", "JDCLOUD3-HMAC-SHA256", sign, |_| Vec::new());
    assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
}

/// Also from the path as `requests` sent it and as yun sends it (percent-encoded): the
/// SDK signed the raw path it built, quoted.
#[test]
fn every_jdcloud2_sdk_vector_is_reproduced_byte_for_byte() {
    let problems = replay("jdcloud/signing/vectors-jdcloud2.json", "jdcloud-sdk", "JDCLOUD2-HMAC-SHA256", sign_jdcloud2, |case| {
        let sent = case.path_as_sent.clone().expect("path_as_sent");
        vec![sent, encoded_like_yun(&case.path)]
    });
    assert!(problems.is_empty(), "{} mismatches:\n{}", problems.len(), problems.join("\n"));
}

#[test]
fn the_two_signatures_differ_for_the_same_request() {
    let credentials = Credentials::new("AK", "SK");
    let headers = vec![("Content-Type".to_owned(), "application/json".to_owned())];
    let request = SignableRequest {
        method: "GET",
        host: "vm.jdcloud-api.com",
        path: "/v1/a",
        query: &[],
        headers: &headers,
        body: SignableBody::EMPTY,
    };
    let settings = SigningSettings { region: "cn-north-1", service: "vm", date: "20261123T033319Z", nonce: "n" };
    let v3 = sign(&request, &credentials, &settings);
    let v2 = sign_jdcloud2(&request, &credentials, &settings);
    assert!(v3.canonical_request.ends_with("\ncontent-type;host\ne3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"));
    assert!(v2.canonical_request.contains("\ncontent-type;host;x-jdcloud-date;x-jdcloud-nonce\n"));
    assert!(v2.headers.iter().any(
        |(k, v)| k == "Authorization" && v.starts_with("JDCLOUD2-HMAC-SHA256 Credential=AK/20261123/cn-north-1/vm/jdcloud2_request, ")
    ));
}
