//! A request sent again as it was (same signature, same signed nonce) is refused as a replay
//! while the emulator remembers its nonce ([`yun_emulator::NONCE_LIMIT`]): Aliyun's
//! `SignatureNonceUsed` (400) for ACS3 and RPC 1.0, JD Cloud's `ACCESS_ERROR` (401) for
//! JDCLOUD2. JDCLOUD3 and AWS4 sign no nonce: only the clock window bounds their replays.

use yun_runtime::client::http::HttpRequest;

/// `request` (captured from a client) sent to the emulator by another HTTP client: its status
/// and body.
async fn resend(request: &HttpRequest) -> (u16, String) {
    let method = reqwest::Method::from_bytes(request.method.as_bytes()).unwrap();
    let mut builder = reqwest::Client::new().request(method, &request.url).body(request.body.clone());
    for (name, value) in &request.headers {
        if !name.eq_ignore_ascii_case("host") {
            builder = builder.header(name.as_ref(), value.as_str());
        }
    }
    let answer = builder.send().await.unwrap();
    (answer.status().as_u16(), answer.text().await.unwrap())
}

/// What a client with `signature` sends for ECS `DescribeRegions` to `url`.
async fn ecs_request(url: &str, signature: yun_aliyun_ecs::SignatureVersion) -> HttpRequest {
    let transport = yun_testkit::TestTransport::new();
    transport.otherwise(yun_testkit::Reply::json(200, r#"{"RequestId":"r","Regions":{"Region":[]}}"#));
    let config = yun_emulator::client_config::aliyun(url).signature_version(signature).transport(transport.clone()).build().unwrap();
    let input = yun_aliyun_ecs::operation::DescribeRegionsInput::builder().build().unwrap();
    yun_aliyun_ecs::Client::new(config).describe_regions(input).await.unwrap();
    transport.requests()[0].request().clone()
}

#[tokio::test]
async fn an_aliyun_request_sent_twice_is_a_replay() {
    let emulator = yun_emulator::spawn().await.unwrap();
    for signature in [yun_aliyun_ecs::SignatureVersion::Acs3HmacSha256, yun_aliyun_ecs::SignatureVersion::HmacSha1] {
        let sent = ecs_request(&emulator.endpoints.aliyun_ecs, signature).await;
        let (status, body) = resend(&sent).await;
        assert_eq!(status, 200, "{signature:?}: {body}");
        let (status, body) = resend(&sent).await;
        assert_eq!(status, 400, "{signature:?}: {body}");
        let body: serde_json::Value = serde_json::from_str(&body).unwrap();
        assert_eq!(body["Code"], "SignatureNonceUsed", "{signature:?}");
        // A new call (a fresh nonce) is served.
        let (status, _) = resend(&ecs_request(&emulator.endpoints.aliyun_ecs, signature).await).await;
        assert_eq!(status, 200, "{signature:?}");
    }
}

#[tokio::test]
async fn a_jdcloud2_request_sent_twice_is_a_replay() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let transport = yun_testkit::TestTransport::new();
    transport.otherwise(yun_testkit::Reply::json(200, r#"{"requestId":"r","result":{"instances":[],"totalCount":0}}"#));
    let config = yun_emulator::client_config::jdcloud(&emulator.endpoints.jdcloud_vm)
        .signature_version(yun_jdcloud_vm::SignatureVersion::Jdcloud2HmacSha256)
        .transport(transport.clone())
        .build()
        .unwrap();
    let input = yun_jdcloud_vm::operation::DescribeInstancesInput::builder().region_id("cn-north-1").build().unwrap();
    yun_jdcloud_vm::Client::new(config).describe_instances(input).await.unwrap();
    let sent = transport.requests()[0].request().clone();
    let (status, body) = resend(&sent).await;
    assert_eq!(status, 200, "{body}");
    let (status, body) = resend(&sent).await;
    assert_eq!(status, 401, "{body}");
    assert!(body.contains("nonce"), "{body}");
}
