//! Signing one request: yun's SigV4 beside the AWS SDK for Rust's (`aws-sigv4`) on the same
//! request, and yun's other signatures (ACS3, HMAC-SHA1, JDCLOUD3) for scale.

use std::time::{Duration, SystemTime};

use criterion::{criterion_group, criterion_main, Criterion};
use yun_benches::{floor, query, AK, SK};
use yun_runtime::signing::{SignableBody, SignableRequest};
use yun_runtime::{signing::sigv4, Credentials};

fn sigv4_side_by_side(c: &mut Criterion) {
    let credentials = Credentials::new(AK, SK);
    let query = query();
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_405_999);
    let mut group = c.benchmark_group("sigv4 header signature, 22 query parameters");
    group.bench_function("yun", |b| {
        b.iter(|| {
            let request = SignableRequest { method: "GET", host: "kec.cn-beijing-6.api.ksyun.com", path: "/", query: &query, headers: &[], body: SignableBody::EMPTY };
            let settings = sigv4::SigningSettings { region: "cn-beijing-6", service: "kec", time: time::OffsetDateTime::from(when), location: sigv4::SignatureLocation::Headers, expires_in: None };
            sigv4::sign(&request, &credentials, &settings)
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
    use yun_runtime::aliyun::{acs3, rpc_v1, SigningSettings};
    let credentials = Credentials::new(AK, SK);
    let query = query();
    let mut group = c.benchmark_group("other signatures, 22 query parameters");
    let unsigned = SignableRequest {
        method: "POST",
        host: "ecs.cn-hangzhou.aliyuncs.com",
        path: "/",
        query: &query,
        headers: &[],
        body: SignableBody::EMPTY,
    };
    let aliyun_settings = SigningSettings {
        action: "DescribeInstances",
        version: "2014-05-26",
        timestamp: "2026-11-23T03:33:19Z",
        nonce: "3f2c9a6e-0000-4000-8000-000000000001",
        user_agent: "yun",
    };
    group.bench_function("aliyun ACS3-HMAC-SHA256", |b| b.iter(|| acs3::sign(&unsigned, &credentials, &aliyun_settings)));
    group.bench_function("aliyun HMAC-SHA1", |b| b.iter(|| rpc_v1::sign(&unsigned, &credentials, &aliyun_settings)));
    group.bench_function("jdcloud JDCLOUD3-HMAC-SHA256", |b| {
        b.iter(|| {
            use yun_runtime::jdcloud::sign::{sign, SigningSettings};
            let request = SignableRequest {
                method: "GET",
                host: "vm.jdcloud-api.com",
                path: "/v1/regions/cn-north-1/instances",
                query: &query,
                headers: &[("content-type".to_owned(), "application/json".to_owned())],
                body: SignableBody::EMPTY,
            };
            sign(&request, &credentials, &SigningSettings { region: "cn-north-1", service: "vm", date: "20261123T033319Z", nonce: "nonce" })
        })
    });
    group.finish();
}

/// Each signer beside its own hashing floor (see [`floor`]); issue 13's goal is each signer
/// within 2x of it.
fn signers_beside_their_hashing(c: &mut Criterion) {
    use std::hint::black_box;
    use yun_runtime::aliyun::{acs3, rpc_v1, SigningSettings};
    let credentials = Credentials::new(AK, SK);
    let query = query();
    let mut group = c.benchmark_group("signer vs its hashing floor, 22 query parameters");

    // SigV4: payload hash, canonical request hash, kDate/kRegion/kService/kSigning, signature.
    let when = time::OffsetDateTime::from(SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_405_999));
    let request = SignableRequest { method: "GET", host: "kec.cn-beijing-6.api.ksyun.com", path: "/", query: &query, headers: &[], body: SignableBody::EMPTY };
    let settings = sigv4::SigningSettings { region: "cn-beijing-6", service: "kec", time: when, location: sigv4::SignatureLocation::Headers, expires_in: None };
    let signed = sigv4::sign(&request, &credentials, &settings);
    let key = format!("AWS4{SK}");
    let date = &sigv4::amz_date(when)[..8];
    group.bench_function("sigv4 signer", |b| b.iter(|| sigv4::sign(black_box(&request), &credentials, &settings)));
    group.bench_function("sigv4 hashing floor", |b| {
        b.iter(|| floor::sha256_chain(b"", black_box(&signed.canonical_request), key.as_bytes(), &[date, "cn-beijing-6", "kec", "aws4_request"], &signed.string_to_sign))
    });

    // ACS3: payload hash, canonical request hash, one HMAC with the secret.
    let unsigned = SignableRequest {
        method: "POST",
        host: "ecs.cn-hangzhou.aliyuncs.com",
        path: "/",
        query: &query,
        headers: &[],
        body: SignableBody::EMPTY,
    };
    let aliyun_settings = SigningSettings {
        action: "DescribeInstances",
        version: "2014-05-26",
        timestamp: "2026-11-23T03:33:19Z",
        nonce: "3f2c9a6e-0000-4000-8000-000000000001",
        user_agent: "yun",
    };
    let signed = acs3::sign(&unsigned, &credentials, &aliyun_settings);
    let canonical = signed.canonical_request.clone().unwrap();
    group.bench_function("acs3 signer", |b| b.iter(|| acs3::sign(black_box(&unsigned), &credentials, &aliyun_settings)));
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
    let signed = rpc_v1::sign(&unsigned, &credentials, &aliyun_settings);
    let key = format!("{SK}&");
    group.bench_function("hmac-sha1 signer", |b| b.iter(|| rpc_v1::sign(black_box(&unsigned), &credentials, &aliyun_settings)));
    group.bench_function("hmac-sha1 hashing floor", |b| b.iter(|| floor::sha1_hmac(key.as_bytes(), black_box(&signed.string_to_sign))));

    // JDCLOUD3: as SigV4 with the JD prefix and `jdcloud3_request`.
    use yun_runtime::jdcloud::sign::sign;
    let content_type = [("content-type".to_owned(), "application/json".to_owned())];
    let request = SignableRequest { method: "GET", host: "vm.jdcloud-api.com", path: "/v1/regions/cn-north-1/instances", query: &query, headers: &content_type, body: SignableBody::EMPTY };
    let jd_settings = yun_runtime::jdcloud::sign::SigningSettings { region: "cn-north-1", service: "vm", date: "20261123T033319Z", nonce: "nonce" };
    let signed = sign(&request, &credentials, &jd_settings);
    let key = format!("JDCLOUD3{SK}");
    group.bench_function("jdcloud3 signer", |b| {
        b.iter(|| sign(black_box(&request), &credentials, &jd_settings))
    });
    group.bench_function("jdcloud3 hashing floor", |b| {
        b.iter(|| floor::sha256_chain(b"", black_box(&signed.canonical_request), key.as_bytes(), &["20261123", "cn-north-1", "vm", "jdcloud3_request"], &signed.string_to_sign))
    });
    group.finish();
}

criterion_group!(benches, sigv4_side_by_side, other_signatures, signers_beside_their_hashing);
criterion_main!(benches);
