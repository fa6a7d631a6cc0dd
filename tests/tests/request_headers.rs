//! Headers given for one call (issue 16, item 4) are sent and signed by every scheme that
//! signs headers: the signature each request carries is computed again here, independently of
//! the runtime's signers (a few lines per scheme, from the published algorithms the vectors of
//! `jdcloud_signing.rs`, `aliyun_signing.rs` and `sigv4.rs` pin the runtime to), from what the
//! server received. JD Cloud's `x-jdcloud-pin` and `x-jdcloud-erp` go base64-encoded, as
//! `jdcloud-sdk-go` sends them (`core/JdcloudClient.go`, `setHeader`).
//!
//! Scripted server (`yun_tests::server`), not the emulator: signatures are recomputed from exactly what the
//! server received, header by header.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use yun_runtime::Credentials;
use yun_tests::server::{Recorded, Reply, TestServer};

const SECRET: &str = "test-secret-key";

fn hmac(key: &[u8], data: &str) -> Vec<u8> {
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
    mac.update(data.as_bytes());
    mac.finalize().into_bytes().to_vec()
}

fn sha256_hex(data: &[u8]) -> String {
    hex::encode(Sha256::digest(data))
}

/// RFC 3986 percent-encoding: unreserved characters kept, every other byte `%XX`.
fn encode(s: &str) -> String {
    s.bytes()
        .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { (b as char).to_string() } else { format!("%{b:02X}") })
        .collect()
}

/// `%XX` escapes decoded.
fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(b)) => {
                out.push(b);
                i += 3;
            }
            (b, _) => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8(out).unwrap()
}

/// The `Authorization` header's algorithm and its `Credential`, `SignedHeaders` and
/// `Signature` fields.
struct Authorization {
    algorithm: String,
    credential: String,
    signed_headers: String,
    signature: String,
}

fn authorization(request: &Recorded) -> Authorization {
    let value = request.header("authorization").expect("an Authorization header");
    let (algorithm, rest) = value.split_once(' ').unwrap();
    let field = |name: &str| {
        rest.split(',').map(str::trim).find_map(|f| f.strip_prefix(name).and_then(|f| f.strip_prefix('='))).unwrap().to_owned()
    };
    Authorization {
        algorithm: algorithm.to_owned(),
        credential: field("Credential"),
        signed_headers: field("SignedHeaders"),
        signature: field("Signature"),
    }
}

/// The canonical request all three schemes share: method, path (segments encoded), sorted encoded query, the
/// signed headers' `name:value` lines (values trimmed), their names, the body's hash.
fn canonical_request(request: &Recorded, signed_headers: &str) -> String {
    let mut query: Vec<(String, String)> = request.query.iter().map(|(k, v)| (encode(k), encode(v))).collect();
    query.sort();
    let query = query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&");
    let headers: String = signed_headers
        .split(';')
        .map(|name| format!("{name}:{}\n", request.header(name).unwrap_or_else(|| panic!("signed header {name} was sent")).trim()))
        .collect();
    // The path's segments decoded and encoded again (JD Cloud's `:startInstance` is `%3A…`).
    let path = request.path.split('/').map(|segment| encode(&decode(segment))).collect::<Vec<_>>().join("/");
    format!("{}\n{path}\n{query}\n{headers}\n{signed_headers}\n{}", request.method, sha256_hex(&request.body))
}

/// The signature `request` should carry, computed from what was received.
fn expected_signature(request: &Recorded) -> String {
    let auth = authorization(request);
    let canonical = canonical_request(request, &auth.signed_headers);
    if auth.algorithm == "ACS3-HMAC-SHA256" {
        let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", sha256_hex(canonical.as_bytes()));
        return hex::encode(hmac(SECRET.as_bytes(), &string_to_sign));
    }
    // JDCLOUD3, JDCLOUD2 and AWS4: a scope, a date header, a key derived along the scope.
    let (prefix, date_header) = match auth.algorithm.as_str() {
        "JDCLOUD3-HMAC-SHA256" => ("JDCLOUD3", "x-jdcloud-date"),
        "JDCLOUD2-HMAC-SHA256" => ("JDCLOUD2", "x-jdcloud-date"),
        "AWS4-HMAC-SHA256" => ("AWS4", "x-amz-date"),
        other => panic!("unexpected algorithm {other}"),
    };
    let scope = auth.credential.split_once('/').unwrap().1;
    let date = request.header(date_header).unwrap();
    let string_to_sign = format!("{}\n{date}\n{scope}\n{}", auth.algorithm, sha256_hex(canonical.as_bytes()));
    let mut key = format!("{prefix}{SECRET}").into_bytes();
    for part in scope.split('/') {
        key = hmac(&key, part);
    }
    hex::encode(hmac(&key, &string_to_sign))
}

/// Checks that `request` signs `names` and that its signature is the one computed here, and
/// that the check fails once a signed extra header's value changes.
fn assert_signed(request: &Recorded, names: &[&str]) {
    let auth = authorization(request);
    for name in names {
        assert!(auth.signed_headers.split(';').any(|h| h == *name), "{name} is signed: {}", auth.signed_headers);
    }
    assert_eq!(expected_signature(request), auth.signature, "{} signature of {request:?}", auth.algorithm);
    let mut tampered = request.clone();
    let (_, value) = tampered.headers.iter_mut().find(|(k, _)| k == names[0]).unwrap();
    value.push('x');
    assert_ne!(expected_signature(&tampered), auth.signature, "the check sees a changed header");
}

#[tokio::test]
async fn jd_cloud_signs_extra_headers_and_sends_pin_and_erp_base64_encoded() {
    use yun_jdcloud_vm::operation::StartInstanceInput;
    use yun_jdcloud_vm::SignatureVersion;
    let server = TestServer::start(vec![Reply::json(200, r#"{"requestId":"r-1","result":{}}"#)]).await;
    for signature in [SignatureVersion::Jdcloud3HmacSha256, SignatureVersion::Jdcloud2HmacSha256] {
        let config = yun_jdcloud_vm::Config::builder()
            .region("cn-north-1")
            .endpoint(&server.url)
            .credentials(Credentials::new("AK", SECRET).with_security_token("session-token"))
            .signature_version(signature)
            .build()
            .unwrap();
        let input = StartInstanceInput::builder().region_id("cn-north-1").instance_id("i-1").build().unwrap();
        yun_jdcloud_vm::Client::new(config)
            .with_header("x-jdcloud-pin", "张三")
            .with_header("X-Jdcloud-Erp", "erp.user")
            .with_header("x-mfa-code", "123456")
            .start_instance(input)
            .await
            .unwrap();
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
    for request in &requests {
        assert_eq!(request.header("x-jdcloud-pin"), Some(b64("张三").as_str()));
        assert_eq!(request.header("x-jdcloud-erp"), Some(b64("erp.user").as_str()));
        assert_eq!(request.header("x-mfa-code"), Some("123456"));
        assert_signed(request, &["x-jdcloud-pin", "x-jdcloud-erp", "x-mfa-code", "x-jdcloud-security-token"]);
    }
    assert!(requests[0].header("authorization").unwrap().starts_with("JDCLOUD3"));
    assert!(requests[1].header("authorization").unwrap().starts_with("JDCLOUD2"));
}

#[tokio::test]
async fn aliyun_acs3_signs_extra_headers() {
    use yun_aliyun_swas::operation::ListInstancesInput;
    let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"r-1","Instances":[]}"#)]).await;
    let config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&server.url)
        .credentials(Credentials::new("AKID", SECRET))
        .build()
        .unwrap();
    let input = ListInstancesInput::builder().region_id("cn-hangzhou").page_size(10).build().unwrap();
    yun_aliyun_swas::Client::new(config).with_header("x-acs-mfa-code", "654321").list_instances(input).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("x-acs-mfa-code"), Some("654321"));
    assert_signed(&requests[0], &["x-acs-mfa-code"]);
}

#[tokio::test]
async fn kingsoft_sigv4_signs_extra_headers() {
    use yun_ksyun_kec::operation::StartInstancesInput;
    let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"r-1","InstancesSet":[]}"#)]).await;
    let config = yun_ksyun_kec::Config::builder()
        .region("cn-beijing-6")
        .endpoint(&server.url)
        .credentials(Credentials::new("AKLT", SECRET))
        .build()
        .unwrap();
    let input = StartInstancesInput::builder().instance_id(vec!["i-1".into()]).build().unwrap();
    yun_ksyun_kec::Client::new(config).with_header("x-ksc-trace", "t 1").start_instances(input).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests[0].header("x-ksc-trace"), Some("t 1"));
    assert_signed(&requests[0], &["x-ksc-trace"]);
}
