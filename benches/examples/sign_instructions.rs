//! Signs the `signing` benchmark's 22-parameter request `N` times with one signer, or computes
//! its hashing floor `N` times, for counting instructions (`valgrind --tool=callgrind`), a
//! measure the load of a shared machine does not move:
//! `cargo build --release --example sign_instructions`, then
//! `valgrind --tool=callgrind target/release/examples/sign_instructions <which> [N]` with
//! `<which>` one of `sigv4`, `sigv4-floor`, `aws-sigv4`, `acs3`, `acs3-floor`, `hmac-sha1`,
//! `hmac-sha1-floor`, `jdcloud3`, `jdcloud3-floor`, `none`.

use std::hint::black_box;
use std::time::{Duration, SystemTime};

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use yun_runtime::aliyun::{acs3, rpc_v1, SigningSettings};
use yun_runtime::signing::{SignableBody, SignableRequest};
use yun_runtime::jdcloud::sign as jd;
use yun_benches::floor::{hmac256, sha256_chain};
use yun_benches::{query, AK, SK};
use yun_runtime::{signing::sigv4, Credentials};

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let credentials = Credentials::new(AK, SK);
    let query = query();
    let when = SystemTime::UNIX_EPOCH + Duration::from_secs(1_795_405_999);
    let request = SignableRequest { method: "GET", host: "kec.cn-beijing-6.api.ksyun.com", path: "/", query: &query, headers: &[], body: SignableBody::EMPTY };
    let settings = sigv4::SigningSettings { region: "cn-beijing-6", service: "kec", time: time::OffsetDateTime::from(when), location: sigv4::SignatureLocation::Headers, expires_in: None };
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
    let content_type = [("content-type".to_owned(), "application/json".to_owned())];
    let jd_request = SignableRequest { method: "GET", host: "vm.jdcloud-api.com", path: "/v1/regions/cn-north-1/instances", query: &query, headers: &content_type, body: SignableBody::EMPTY };
    let jd_settings = jd::SigningSettings { region: "cn-north-1", service: "vm", date: "20261123T033319Z", nonce: "nonce" };
    let sig = sigv4::sign(&request, &credentials, &settings);
    let acs = acs3::sign(&unsigned, &credentials, &aliyun_settings);
    let acs_canonical = acs.canonical_request.clone().unwrap();
    let rpc = rpc_v1::sign(&unsigned, &credentials, &aliyun_settings);
    let jds = jd::sign(&jd_request, &credentials, &jd_settings);
    let url = format!("https://kec.cn-beijing-6.api.ksyun.com/?{}", query.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&"));
    let identity = aws_credential_types::Credentials::new(AK, SK, None, None, "bench").into();
    let mut total = 0usize;
    for _ in 0..n {
        total += match which.as_str() {
            "sigv4" => sigv4::sign(black_box(&request), &credentials, &settings).signature.len(),
            "sigv4-floor" => sha256_chain(b"", black_box(&sig.canonical_request), format!("AWS4{SK}").as_bytes(), &["20261123", "cn-beijing-6", "kec", "aws4_request"], &sig.string_to_sign).len(),
            "aws-sigv4" => {
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
                sign(signable, &params).unwrap().signature().len()
            }
            "acs3" => acs3::sign(black_box(&unsigned), &credentials, &aliyun_settings).string_to_sign.len(),
            "acs3-floor" => {
                black_box((hex::encode(Sha256::digest(acs.body.as_bytes())), hex::encode(Sha256::digest(black_box(&acs_canonical).as_bytes()))));
                hex::encode(hmac256(SK.as_bytes(), acs.string_to_sign.as_bytes())).len()
            }
            "hmac-sha1" => rpc_v1::sign(black_box(&unsigned), &credentials, &aliyun_settings).string_to_sign.len(),
            "hmac-sha1-floor" => {
                let mut mac = Hmac::<sha1::Sha1>::new_from_slice(format!("{SK}&").as_bytes()).unwrap();
                mac.update(black_box(&rpc.string_to_sign).as_bytes());
                mac.finalize().into_bytes().len()
            }
            "jdcloud3" => jd::sign(black_box(&jd_request), &credentials, &jd_settings).string_to_sign.len(),
            "jdcloud3-floor" => sha256_chain(b"", black_box(&jds.canonical_request), format!("JDCLOUD3{SK}").as_bytes(), &["20261123", "cn-north-1", "vm", "jdcloud3_request"], &jds.string_to_sign).len(),
            "none" => 0,
            other => panic!("unknown signer {other:?}"),
        };
    }
    println!("{which}: {n} signatures ({total})");
}
