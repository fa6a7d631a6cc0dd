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

criterion_group!(benches, sigv4_side_by_side, other_signatures);
criterion_main!(benches);
