//! Signing one request: yun's SigV4 beside the AWS SDK for Rust's (`aws-sigv4`) on the same
//! request, and yun's other signatures (ACS3, HMAC-SHA1, JDCLOUD3) for scale.

use std::time::{Duration, SystemTime};

use criterion::{criterion_group, criterion_main, Criterion};
use yun_runtime::{sigv4, Credentials};

const AK: &str = "AKIDEXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn query() -> Vec<(String, String)> {
    let mut q = vec![("Action".to_owned(), "DescribeInstances".to_owned()), ("Version".to_owned(), "2016-03-04".to_owned())];
    for i in 1..=20 {
        q.push((format!("InstanceId.{i}"), format!("5d8a6a1c-3a0f-4f6e-9a55-3c1e2b7d9f{i:02}")));
    }
    q
}

fn sigv4_side_by_side(c: &mut Criterion) {
    let credentials = Credentials::new(AK, SK);
    let query = query();
    let headers = vec![("host".to_owned(), "kec.cn-beijing-6.api.ksyun.com".to_owned())];
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_405_999);
    let mut group = c.benchmark_group("sigv4 header signature, 22 query parameters");
    group.bench_function("yun", |b| {
        b.iter(|| {
            let request = sigv4::Request { method: "GET", path: "/", query: &query, headers: &headers, payload: b"" };
            let scope = sigv4::Scope { credentials: &credentials, region: "cn-beijing-6", service: "kec", time: time::OffsetDateTime::from(when) };
            sigv4::sign_headers(&request, &scope)
        })
    });
    let url = format!(
        "https://kec.cn-beijing-6.api.ksyun.com/?{}",
        query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
    );
    let identity = aws_credential_types::Credentials::new(AK, SK, None, None, "bench").into();
    group.bench_function("aws-sigv4", |b| {
        b.iter(|| {
            use aws_sigv4::http_request::{sign, SignableBody, SignableRequest, SigningSettings};
            let params = aws_sigv4::sign::v4::SigningParams::builder()
                .identity(&identity)
                .region("cn-beijing-6")
                .name("kec")
                .time(when)
                .settings(SigningSettings::default())
                .build()
                .unwrap()
                .into();
            let headers = [("host", "kec.cn-beijing-6.api.ksyun.com")];
            let signable = SignableRequest::new("GET", &url, headers.into_iter(), SignableBody::Bytes(b"")).unwrap();
            sign(signable, &params).unwrap()
        })
    });
    group.finish();
}

fn other_signatures(c: &mut Criterion) {
    use yun_runtime::aliyun::{acs3, rpc_v1, Unsigned};
    let credentials = Credentials::new(AK, SK);
    let query = query();
    let mut group = c.benchmark_group("other signatures, 22 query parameters");
    let unsigned = Unsigned {
        method: "POST",
        host: "ecs.cn-hangzhou.aliyuncs.com",
        pathname: "/",
        action: "DescribeInstances",
        version: "2014-05-26",
        query: &query,
        body: &[],
        credentials: &credentials,
        timestamp: "2026-11-23T03:33:19Z",
        nonce: "3f2c9a6e-0000-4000-8000-000000000001",
        extra_headers: &[],
    };
    group.bench_function("aliyun ACS3-HMAC-SHA256", |b| b.iter(|| acs3::sign(&unsigned, "yun")));
    group.bench_function("aliyun HMAC-SHA1", |b| b.iter(|| rpc_v1::sign(&unsigned, "yun")));
    group.bench_function("jdcloud JDCLOUD3-HMAC-SHA256", |b| {
        b.iter(|| {
            use yun_runtime::jdcloud::sign::{sign, Request};
            let request = Request {
                method: "GET",
                host: "vm.jdcloud-api.com",
                path: "/v1/regions/cn-north-1/instances",
                query: &query,
                headers: &[("content-type".to_owned(), "application/json".to_owned())],
                body: b"",
            };
            sign(&request, &credentials, "cn-north-1", "vm", "20261123T033319Z", "nonce")
        })
    });
    group.finish();
}

/// The hashing floor of each signature: the SHA-256 of the payload and of the very canonical
/// request the signer builds (taken from one signing, outside the timing), then the signer's
/// HMAC chain from the secret (no cached key) over its string to sign, hex-encoded as the
/// signature is. Everything else a signer does (canonicalising, formatting headers) is
/// what it adds above this floor.
mod floor {
    use hmac::{Hmac, Mac};
    use sha2::{Digest, Sha256};

    pub fn hmac256(key: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    /// SHA-256 of the payload and of the canonical request (both hex, as the signers write
    /// them), then `chain` HMACs: the derived-key steps, then the signature.
    pub fn sha256_chain(payload: &[u8], canonical_request: &str, key: &[u8], scope: &[&str], string_to_sign: &str) -> String {
        let payload_hash = hex::encode(Sha256::digest(payload));
        let request_hash = hex::encode(Sha256::digest(canonical_request.as_bytes()));
        std::hint::black_box((payload_hash, request_hash));
        let mut k = hmac256(key, scope[0].as_bytes());
        for part in &scope[1..] {
            k = hmac256(&k, part.as_bytes());
        }
        hex::encode(hmac256(&k, string_to_sign.as_bytes()))
    }

    pub fn sha1_hmac(key: &[u8], string_to_sign: &str) -> Vec<u8> {
        let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).unwrap();
        mac.update(string_to_sign.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

/// Each signer beside its own hashing floor (see [`floor`]); issue 13's goal is each signer
/// within 2x of it.
fn signers_beside_their_hashing(c: &mut Criterion) {
    use std::hint::black_box;
    use yun_runtime::aliyun::{acs3, rpc_v1, Unsigned};
    let credentials = Credentials::new(AK, SK);
    let query = query();
    let mut group = c.benchmark_group("signer vs its hashing floor, 22 query parameters");

    // SigV4: payload hash, canonical request hash, kDate/kRegion/kService/kSigning, signature.
    let headers = vec![("host".to_owned(), "kec.cn-beijing-6.api.ksyun.com".to_owned())];
    let when = time::OffsetDateTime::from(SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_405_999));
    let request = sigv4::Request { method: "GET", path: "/", query: &query, headers: &headers, payload: b"" };
    let scope = sigv4::Scope { credentials: &credentials, region: "cn-beijing-6", service: "kec", time: when };
    let signed = sigv4::sign_headers(&request, &scope);
    let key = format!("AWS4{SK}");
    let date = &sigv4::amz_date(when)[..8];
    group.bench_function("sigv4 signer", |b| b.iter(|| sigv4::sign_headers(black_box(&request), &scope)));
    group.bench_function("sigv4 hashing floor", |b| {
        b.iter(|| floor::sha256_chain(b"", black_box(&signed.canonical_request), key.as_bytes(), &[date, "cn-beijing-6", "kec", "aws4_request"], &signed.string_to_sign))
    });

    // ACS3: payload hash, canonical request hash, one HMAC with the secret.
    let unsigned = Unsigned {
        method: "POST",
        host: "ecs.cn-hangzhou.aliyuncs.com",
        pathname: "/",
        action: "DescribeInstances",
        version: "2014-05-26",
        query: &query,
        body: &[],
        credentials: &credentials,
        timestamp: "2026-11-23T03:33:19Z",
        nonce: "3f2c9a6e-0000-4000-8000-000000000001",
        extra_headers: &[],
    };
    let signed = acs3::sign(&unsigned, "yun");
    let canonical = signed.canonical_request.clone().unwrap();
    group.bench_function("acs3 signer", |b| b.iter(|| acs3::sign(black_box(&unsigned), "yun")));
    group.bench_function("acs3 hashing floor", |b| {
        b.iter(|| {
            // The chain is a single HMAC keyed with the secret.
            let payload_hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(signed.body.as_bytes()));
            let request_hash = hex::encode(<sha2::Sha256 as sha2::Digest>::digest(black_box(&canonical).as_bytes()));
            black_box((payload_hash, request_hash));
            hex::encode(floor::hmac256(SK.as_bytes(), signed.string_to_sign.as_bytes()))
        })
    });

    // HMAC-SHA1 (RPC 1.0): one HMAC-SHA1 with `secret&` over the string to sign; no SHA-256.
    let signed = rpc_v1::sign(&unsigned, "yun");
    let key = format!("{SK}&");
    group.bench_function("hmac-sha1 signer", |b| b.iter(|| rpc_v1::sign(black_box(&unsigned), "yun")));
    group.bench_function("hmac-sha1 hashing floor", |b| b.iter(|| floor::sha1_hmac(key.as_bytes(), black_box(&signed.string_to_sign))));

    // JDCLOUD3: as SigV4 with the JD prefix and `jdcloud3_request`.
    use yun_runtime::jdcloud::sign::{sign, Request};
    let content_type = [("content-type".to_owned(), "application/json".to_owned())];
    let request = Request { method: "GET", host: "vm.jdcloud-api.com", path: "/v1/regions/cn-north-1/instances", query: &query, headers: &content_type, body: b"" };
    let signed = sign(&request, &credentials, "cn-north-1", "vm", "20261123T033319Z", "nonce");
    let key = format!("JDCLOUD3{SK}");
    group.bench_function("jdcloud3 signer", |b| {
        b.iter(|| sign(black_box(&request), &credentials, "cn-north-1", "vm", "20261123T033319Z", "nonce"))
    });
    group.bench_function("jdcloud3 hashing floor", |b| {
        b.iter(|| floor::sha256_chain(b"", black_box(&signed.canonical_request), key.as_bytes(), &["20261123", "cn-north-1", "vm", "jdcloud3_request"], &signed.string_to_sign))
    });
    group.finish();
}

criterion_group!(benches, sigv4_side_by_side, other_signatures, signers_beside_their_hashing);
criterion_main!(benches);
