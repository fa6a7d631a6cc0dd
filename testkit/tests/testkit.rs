//! The test kit with generated clients of three protocols: scripted replies, sequences,
//! faults under the runtime's retry rules, capture, record and replay with secrets redacted.

use std::time::{Duration, Instant};

use yun_aliyun_ecs::operation::{DescribeRegionsInput, StartInstanceInput};
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::Credentials;
use yun_testkit::{Cassette, Fault, Recorder, Reply, TestTransport};

const REGIONS: &str = r#"{"RequestId":"r-ok","Regions":{"Region":[{"RegionId":"cn-hangzhou","LocalName":"华东1"}]}}"#;

fn ecs_client<T: yun_testkit::Transport + Clone>(transport: &T) -> yun_aliyun_ecs::Client {
    let retry = RetryConfig { max_attempts: 3, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(5) };
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new("AKID-test", "secret-test"))
        .retry(retry)
        .attempt_timeout(Duration::from_millis(300))
        .transport(transport.clone())
        .build()
        .unwrap();
    yun_aliyun_ecs::Client::new(config)
}

fn regions() -> DescribeRegionsInput {
    DescribeRegionsInput::builder().build().unwrap()
}

#[tokio::test]
async fn a_rule_answers_its_action_in_sequence_and_the_client_retries_as_it_would() {
    let transport = TestTransport::new();
    transport
        .on_action("DescribeRegions")
        .reply(Reply::json(503, r#"{"Code":"ServiceUnavailable","RequestId":"r-503"}"#))
        .times(2)
        .then(Reply::json(200, REGIONS));
    let out = ecs_client(&transport).describe_regions(regions()).await.unwrap();
    let region = &out.regions.unwrap().region.unwrap()[0];
    assert_eq!(region.region_id.as_deref(), Some("cn-hangzhou"));

    let sent = transport.requests_for("DescribeRegions");
    assert_eq!(sent.len(), 3, "two 503s, then the answer");
    for request in &sent {
        assert_eq!((request.method(), request.path()), ("POST", "/"));
        assert!(request.host().contains("cn-hangzhou") && request.host().ends_with(".aliyuncs.com"), "{}", request.host());
        assert!(request.header("authorization").is_some_and(|a| a.starts_with("ACS3-HMAC-SHA256 Credential=AKID-test")));
    }
    // The rule's last reply is given for ever.
    ecs_client(&transport).describe_regions(regions()).await.unwrap();
    assert_eq!(transport.requests().len(), 4);
}

#[tokio::test]
async fn the_queue_then_otherwise_then_a_clear_error() {
    let transport = TestTransport::new();
    transport.reply(Reply::json(200, REGIONS));
    let client = ecs_client(&transport).with_retry(RetryConfig::disabled());
    client.describe_regions(regions()).await.unwrap();
    let e = client.describe_regions(regions()).await.unwrap_err().to_string();
    assert!(e.contains("nothing scripted for POST https://") && e.contains("aliyuncs.com/"), "{e}");
    transport.otherwise(Reply::json(404, r#"{"Code":"InvalidAction.NotFound","Message":"no such action","RequestId":"r-404"}"#));
    let e = client.describe_regions(regions()).await.unwrap_err();
    assert!(matches!(&e, yun_runtime::Error::Service(s) if s.code() == Some("InvalidAction.NotFound")), "{e}");
}

#[tokio::test]
async fn faults_meet_the_retry_rules_reads_and_writes_alike() {
    // A refused connection never reached the service: even a write is retried.
    let transport = TestTransport::new();
    transport.on_action("StartInstance").fault(Fault::ConnectionRefused).then(Reply::json(200, r#"{"RequestId":"r-start"}"#));
    let start = StartInstanceInput::builder().instance_id("i-1").build().unwrap();
    ecs_client(&transport).start_instance(start.clone()).await.unwrap();
    assert_eq!(transport.requests().len(), 2);

    // A reset after sending: a write is not retried (it may have happened), a read is.
    let transport = TestTransport::new();
    transport.on_action("StartInstance").fault(Fault::ConnectionReset).then(Reply::json(200, r#"{"RequestId":"r-start"}"#));
    transport.on_action("DescribeRegions").fault(Fault::ConnectionReset).then(Reply::json(200, REGIONS));
    let client = ecs_client(&transport);
    assert!(client.start_instance(start).await.is_err());
    assert_eq!(transport.requests_for("StartInstance").len(), 1);
    client.describe_regions(regions()).await.unwrap();
    assert_eq!(transport.requests_for("DescribeRegions").len(), 2);

    // No answer: the attempt timeout ends it, and a read tries again.
    let transport = TestTransport::new();
    transport.on_action("DescribeRegions").fault(Fault::NoAnswer).then(Reply::json(200, REGIONS).after(Duration::from_millis(20)));
    let started = Instant::now();
    ecs_client(&transport).describe_regions(regions()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300), "the first attempt waited for its timeout");
    assert_eq!(transport.requests().len(), 2);
}

#[tokio::test]
async fn rest_operations_are_matched_by_method_and_path() {
    let transport = TestTransport::new();
    transport.on_path("GET", "/v1/regions/cn-north-1/instances").reply(Reply::json(
        200,
        r#"{"requestId":"jd-1","result":{"instances":[{"instanceId":"i-jd","status":"running"}],"totalCount":1}}"#,
    ));
    let config = yun_jdcloud_vm::Config::builder()
        .region("cn-north-1")
        .credentials(Credentials::new("JDAK", "jd-secret"))
        .transport(transport.clone())
        .build()
        .unwrap();
    let input = yun_jdcloud_vm::operation::DescribeInstancesInput::builder().region_id("cn-north-1").page_size(10).build().unwrap();
    let out = yun_jdcloud_vm::Client::new(config).describe_instances(input).await.unwrap();
    assert_eq!(out.total_count, Some(1));
    let sent = &transport.requests()[0];
    assert_eq!(sent.action(), None);
    assert_eq!(sent.query(), [("pageSize".to_owned(), "10".to_owned())]);
    assert!(sent.header("authorization").is_some_and(|a| a.starts_with("JDCLOUD3-HMAC-SHA256")));
}

#[tokio::test]
async fn kingsoft_actions_are_matched_from_the_form_body() {
    let transport = TestTransport::new();
    transport.on_action("DescribeInstances").reply(Reply::json(200, r#"{"RequestId":"ks-1","InstanceCount":0,"InstancesSet":[]}"#));
    let config = yun_ksyun_kec::Config::builder()
        .region("cn-beijing-6")
        .credentials(Credentials::new("KSAK", "ks-secret"))
        .transport(transport.clone())
        .build()
        .unwrap();
    let input = yun_ksyun_kec::operation::DescribeInstancesInput::builder().max_results(5).build().unwrap();
    yun_ksyun_kec::Client::new(config).describe_instances(input).await.unwrap();
    let sent = &transport.requests()[0];
    assert_eq!((sent.method(), sent.action(), sent.param("MaxResults")), ("POST", Some("DescribeInstances"), Some("5")));
}

#[tokio::test]
async fn recordings_keep_no_secret_and_replay_the_same_answers() {
    // The "real" side is itself scripted here; a test would record through the default
    // transport once against the service.
    let service = TestTransport::new();
    service.on_action("DescribeRegions").reply(Reply::json(200, REGIONS).with_header("x-acs-request-id", "r-ok"));
    service.on_action("StartInstance").reply(Reply::json(200, r#"{"RequestId":"r-start"}"#));
    let recorder = Recorder::new(service);
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .credentials(Credentials::new("AKID-test", "secret-test").with_security_token("sts-token-value"))
        .signature_version(yun_aliyun_ecs::SignatureVersion::HmacSha1)
        .transport(recorder.clone())
        .build()
        .unwrap();
    let client = yun_aliyun_ecs::Client::new(config);
    let recorded = client.describe_regions(regions()).await.unwrap();
    client.start_instance(StartInstanceInput::builder().instance_id("i-1").build().unwrap()).await.unwrap();

    let cassette = recorder.cassette();
    let path = std::env::temp_dir().join(format!("yun-testkit-cassette-{}.json", std::process::id()));
    cassette.save(&path).unwrap();
    let text = std::fs::read_to_string(&path).unwrap();
    for secret in ["secret-test", "sts-token-value", "AKID-test"] {
        assert!(!text.contains(secret), "{secret} written to the cassette");
    }
    assert!(text.contains("cn-hangzhou") && text.contains("i-1"), "what is not secret is kept");
    let signature = cassette.exchanges[0].query.iter().find(|(k, _)| k == "Signature").map(|(_, v)| v.as_str());
    assert_eq!(signature, Some("<redacted>"));

    let loaded = Cassette::load(&path).unwrap();
    assert_eq!(loaded, cassette);
    assert_eq!(loaded.exchanges.iter().filter_map(|e| e.action.as_deref()).collect::<Vec<_>>(), ["DescribeRegions", "StartInstance"]);
    let replay = loaded.replay();
    let again = ecs_client(&replay).describe_regions(regions()).await.unwrap();
    assert_eq!(again.regions, recorded.regions);

    assert!(Cassette::load(std::env::temp_dir().join("yun-testkit-no-such-cassette.json"))
        .unwrap_err()
        .to_string()
        .contains("cannot read cassette"));
}

#[test]
fn captured_requests_print_no_secret() {
    let transport = TestTransport::new();
    transport.reply(Reply::json(200, REGIONS));
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(ecs_client(&transport).describe_regions(regions())).unwrap();
    let shown = format!("{:?}", transport.requests());
    assert!(!shown.contains("secret-test") && !shown.contains("Signature="), "{shown}");
    assert!(shown.contains("<redacted>"), "{shown}");
}

#[tokio::test]
async fn aliyun_signatures_verify_as_the_service_checks_them() {
    let keys = Credentials::new("AKID-test", "secret-test");
    for signature in [yun_aliyun_ecs::SignatureVersion::Acs3HmacSha256, yun_aliyun_ecs::SignatureVersion::HmacSha1] {
        let transport = TestTransport::new();
        transport.otherwise(Reply::json(200, r#"{"RequestId":"r"}"#));
        let config = yun_aliyun_ecs::Config::builder()
            .region("cn-hangzhou")
            .credentials(keys.clone())
            .signature_version(signature)
            .transport(transport.clone())
            .build()
            .unwrap();
        let client = yun_aliyun_ecs::Client::new(config);
        // Values that need escaping, in the query.
        let start = StartInstanceInput::builder().instance_id("i-1 +*~/é").build().unwrap();
        client.start_instance(start).await.unwrap();
        let sent = transport.requests().remove(0);
        sent.verify_signature(&keys).unwrap_or_else(|e| panic!("{signature:?}: {e}"));

        let wrong = sent.verify_signature(&Credentials::new("AKID-test", "other-secret")).unwrap_err();
        assert!(wrong.to_string().contains("does not match"), "{wrong}");
        assert!(!wrong.to_string().contains("secret"), "nothing of the key or the text signed: {wrong}");
        assert!(sent.verify_signature(&Credentials::new("AKID-other", "secret-test")).is_err());
        // The same request with one parameter changed no longer verifies.
        let mut tampered = sent.request().clone();
        tampered.url = tampered.url.replace("i-1", "i-2");
        assert!(yun_testkit::Captured::new(tampered).verify_signature(&keys).is_err(), "{signature:?}");
    }
}

#[tokio::test]
async fn kingsoft_and_jd_signatures_verify_too() {
    let keys = Credentials::new("KSAK", "ks-secret");
    for method in [yun_ksyun_kec::RequestMethod::Post, yun_ksyun_kec::RequestMethod::Get] {
        let transport = TestTransport::new();
        transport.otherwise(Reply::json(200, r#"{"RequestId":"ks","InstanceCount":0,"InstancesSet":[]}"#));
        let config = yun_ksyun_kec::Config::builder()
            .region("cn-beijing-6")
            .credentials(keys.clone())
            .request_method(method)
            .transport(transport.clone())
            .build()
            .unwrap();
        let input = yun_ksyun_kec::operation::DescribeInstancesInput::builder().max_results(5).build().unwrap();
        yun_ksyun_kec::Client::new(config).describe_instances(input).await.unwrap();
        let sent = transport.requests().remove(0);
        sent.verify_signature(&keys).unwrap_or_else(|e| panic!("{method:?}: {e}"));
        assert!(sent.verify_signature(&Credentials::new("KSAK", "other")).is_err(), "{method:?}");
    }

    let keys = Credentials::new("JDAK", "jd-secret");
    let transport = TestTransport::new();
    transport.otherwise(Reply::json(200, r#"{"requestId":"jd","result":{"instances":[],"totalCount":0}}"#));
    let config =
        yun_jdcloud_vm::Config::builder().region("cn-north-1").credentials(keys.clone()).transport(transport.clone()).build().unwrap();
    let input = yun_jdcloud_vm::operation::DescribeInstancesInput::builder().region_id("cn-north-1").page_size(10).build().unwrap();
    yun_jdcloud_vm::Client::new(config).describe_instances(input).await.unwrap();
    let sent = transport.requests().remove(0);
    sent.verify_signature(&keys).unwrap();
    let mut tampered = sent.request().clone();
    tampered.url = tampered.url.replace("pageSize=10", "pageSize=11");
    assert!(yun_testkit::Captured::new(tampered).verify_signature(&keys).is_err());
}

#[tokio::test]
async fn raw_calls_reach_actions_no_spec_has_signed_retried_and_decoded() {
    use yun_runtime::client::raw::RawRequest;
    let keys = Credentials::new("AKID-test", "secret-test");
    let transport = TestTransport::new();
    transport.on_action("DescribeZones").reply(Reply::json(200, r#"{"RequestId":"z","Zones":{"Zone":[{"ZoneId":"cn-hangzhou-h"}]}}"#));
    transport
        .on_action("DescribeRecommendInstanceType")
        .reply(Reply::json(500, r#"{"Code":"InternalError","RequestId":"e"}"#))
        .times(1)
        .then(Reply::json(200, r#"{"RequestId":"ok"}"#));
    let client = ecs_client(&transport);
    let zones = client.raw_call(RawRequest::action("DescribeZones").param("RegionId", "cn-hangzhou").read_only()).await.unwrap();
    assert_eq!(zones["Zones"]["Zone"][0]["ZoneId"], "cn-hangzhou-h");
    let sent = transport.requests_for("DescribeZones").remove(0);
    assert_eq!(sent.param("RegionId"), Some("cn-hangzhou"));
    sent.verify_signature(&keys).unwrap();

    // Unmarked: a 500 is not retried (the call may have done something); marked read-only, it is.
    let e = client.raw_call(RawRequest::action("DescribeRecommendInstanceType")).await.unwrap_err();
    assert!(matches!(&e, yun_runtime::Error::Service(s) if s.code() == Some("InternalError")), "{e}");
    assert_eq!(transport.requests_for("DescribeRecommendInstanceType").len(), 1);
    let transport = TestTransport::new();
    transport
        .on_action("DescribeRecommendInstanceType")
        .reply(Reply::json(500, r#"{"Code":"InternalError"}"#))
        .times(1)
        .then(Reply::json(200, r#"{"RequestId":"ok"}"#));
    ecs_client(&transport).raw_call(RawRequest::action("DescribeRecommendInstanceType").read_only()).await.unwrap();
    assert_eq!(transport.requests().len(), 2);

    // Kingsoft: the action and parameters in the form body, signed.
    let ks_keys = Credentials::new("KSAK", "ks-secret");
    let transport = TestTransport::new();
    transport.otherwise(Reply::json(200, r#"{"RequestId":"ks","ImagesSet":[]}"#));
    let config =
        yun_ksyun_kec::Config::builder().region("cn-beijing-6").credentials(ks_keys.clone()).transport(transport.clone()).build().unwrap();
    let images = yun_ksyun_kec::Client::new(config).raw_call(RawRequest::action("DescribeImages").param("ImageId", "img-1")).await.unwrap();
    assert!(images["ImagesSet"].is_array());
    let sent = transport.requests().remove(0);
    assert_eq!((sent.action(), sent.param("ImageId"), sent.param("Version")), (Some("DescribeImages"), Some("img-1"), Some("2016-03-04")));
    sent.verify_signature(&ks_keys).unwrap();

    // JD Cloud: a method, a path template and its values; the answer's `result`.
    let jd_keys = Credentials::new("JDAK", "jd-secret");
    let transport = TestTransport::new();
    transport
        .on_path("GET", "/v1/regions/cn-north-1/instanceTypes")
        .reply(Reply::json(200, r#"{"requestId":"jd","result":{"instanceTypes":[{"instanceType":"g.n2.medium"}]}}"#));
    let config =
        yun_jdcloud_vm::Config::builder().region("cn-north-1").credentials(jd_keys.clone()).transport(transport.clone()).build().unwrap();
    let request =
        RawRequest::rest("get", "/v1/regions/{regionId}/instanceTypes").path_param("regionId", "cn-north-1").param("pageSize", "5");
    let types = yun_jdcloud_vm::Client::new(config).raw_call(request).await.unwrap();
    assert_eq!(types["instanceTypes"][0]["instanceType"], "g.n2.medium", "{types}");
    let sent = transport.requests().remove(0);
    assert_eq!(sent.query(), [("pageSize".to_owned(), "5".to_owned())]);
    sent.verify_signature(&jd_keys).unwrap();

    // A path segment without its value is refused before anything is sent.
    let config = yun_jdcloud_vm::Config::builder().region("cn-north-1").credentials(jd_keys).transport(transport.clone()).build().unwrap();
    let e =
        yun_jdcloud_vm::Client::new(config).raw_call(RawRequest::rest("GET", "/v1/regions/{regionId}/instanceTypes")).await.unwrap_err();
    assert!(e.to_string().contains("no value for the path's `{regionId}`"), "{e}");
    assert_eq!(transport.requests().len(), 1);
}

#[tokio::test]
async fn anonymous_operations_go_unsigned_without_an_identity() {
    use yun_aliyun_sts::operation::{AssumeRoleWithOidcInput, GetCallerIdentityInput};
    let transport = TestTransport::new();
    transport.on_action("AssumeRoleWithOIDC").reply(Reply::json(
        200,
        r#"{"RequestId":"r","Credentials":{"AccessKeyId":"STS.x","AccessKeySecret":"s","SecurityToken":"t","Expiration":"2026-12-01T00:00:00Z"},"OIDCTokenInfo":{"Subject":"system:serviceaccount:ns:sa"}}"#,
    ));
    let config = yun_aliyun_sts::Config::builder()
        .region("cn-hangzhou")
        .identity_provider(yun_runtime::identity::NoIdentity)
        .transport(transport.clone())
        .build()
        .unwrap();
    let sts = yun_aliyun_sts::Client::new(config);
    let input = AssumeRoleWithOidcInput::builder()
        .role_arn("acs:ram::123:role/app")
        .oidc_provider_arn("acs:ram::123:oidc-provider/ack")
        .oidc_token("eyJhbGciOi.oidc-token.sig")
        .role_session_name("pod")
        .build()
        .unwrap();
    let out = sts.assume_role_with_oidc(input).await.unwrap();
    assert_eq!(out.credentials.and_then(|c| c.access_key_id).as_deref(), Some("STS.x"));
    let sent = transport.requests().remove(0);
    assert_eq!(sent.header("authorization"), None);
    for signed_only in ["Signature", "AccessKeyId", "SignatureMethod", "SecurityToken"] {
        assert_eq!(sent.param(signed_only), None, "{signed_only}");
    }
    assert_eq!((sent.param("Action"), sent.param("Version")), (Some("AssumeRoleWithOIDC"), Some("2015-04-01")));
    assert!(!sent.request().url.contains("oidc-token"), "the token stays out of the URL");
    assert_eq!(sent.form().iter().find(|(k, _)| k == "OIDCToken").map(|(_, v)| v.as_str()), Some("eyJhbGciOi.oidc-token.sig"));

    // A signed operation through the same client fails before sending, naming why.
    let e = sts.get_caller_identity(GetCallerIdentityInput::builder().build().unwrap()).await.unwrap_err().to_string();
    assert!(e.contains("anonymous operations only"), "{e}");
    assert_eq!(transport.requests().len(), 1);
}

#[tokio::test]
async fn cassettes_hide_answers_secrets_and_call_headers_and_replay_per_host() {
    // An answer that carries credentials, a header given for the call, ACS3 under a session token.
    let service = TestTransport::new();
    service.on_action("DescribeRegions").at_host("ecs.cn-hangzhou.aliyuncs.com").reply(Reply::json(200, REGIONS));
    service
        .on_action("DescribeRegions")
        .at_host("vpc.cn-hangzhou.aliyuncs.com")
        .reply(Reply::json(200, r#"{"RequestId":"vpc","AccessKeySecret":"answer-secret","Nested":{"SecurityToken":"answer-token"}}"#));
    let recorder = Recorder::new(service);
    let keys = Credentials::new("AKID-test", "secret-test").with_security_token("sts-token-value");
    let config = |host: &str| {
        yun_aliyun_ecs::Config::builder()
            .region("cn-hangzhou")
            .endpoint(format!("https://{host}"))
            .credentials(keys.clone())
            .header("x-custom-token", "call-secret")
            .transport(recorder.clone())
            .build()
            .unwrap()
    };
    let ecs = yun_aliyun_ecs::Client::new(config("ecs.cn-hangzhou.aliyuncs.com"));
    let vpc = yun_aliyun_ecs::Client::new(config("vpc.cn-hangzhou.aliyuncs.com"));
    ecs.describe_regions(regions()).await.unwrap();
    vpc.describe_regions(regions()).await.unwrap();
    let cassette = recorder.cassette();
    let text = serde_json::to_string(&cassette).unwrap();
    for secret in ["secret-test", "sts-token-value", "AKID-test", "call-secret", "answer-secret", "answer-token"] {
        assert!(!text.contains(secret), "{secret} written to the cassette: {text}");
    }
    assert!(text.contains("cn-hangzhou-h") || text.contains("cn-hangzhou"), "what is not secret stays");

    // Replay keeps each host's answers apart.
    let replay = cassette.replay();
    let ecs_again = yun_aliyun_ecs::Client::new(
        yun_aliyun_ecs::Config::builder()
            .region("cn-hangzhou")
            .endpoint("https://ecs.cn-hangzhou.aliyuncs.com")
            .credentials(keys.clone())
            .transport(replay.clone())
            .build()
            .unwrap(),
    );
    for _ in 0..2 {
        let out = ecs_again.describe_regions(regions()).await.unwrap();
        assert_eq!(out.request_id.as_deref(), Some("r-ok"));
    }
}

#[tokio::test]
async fn raw_calls_that_mix_shapes_or_bad_paths_are_refused_before_sending() {
    use yun_runtime::client::raw::RawRequest;
    let transport = TestTransport::new();
    transport.otherwise(Reply::json(200, r#"{"RequestId":"r"}"#));
    let client = ecs_client(&transport);
    for request in [
        RawRequest::action("X").json(serde_json::json!({"A": 1})),
        RawRequest::action("X").path_param("a", "b"),
        RawRequest::rest("GET", "v1/no-slash"),
        RawRequest::rest("GET", "/v1/{open"),
        RawRequest::rest("POST", "/v1/x").body_param("a", "b"),
    ] {
        let name = request.name().to_owned();
        let e = client.raw_call(request).await.unwrap_err();
        assert!(matches!(&e, yun_runtime::Error::Config(m) if m.contains("raw call")), "{name}: {e}");
    }
    assert!(transport.requests().is_empty());
    // Anonymous and sensitive raw calls go out unsigned.
    client.raw_call(RawRequest::action("AssumeRoleWithOIDC").body_param("OIDCToken", "t0k").anonymous().sensitive_input()).await.unwrap();
    let sent = transport.requests().remove(0);
    assert!(sent.param("Signature").is_none() && sent.header("authorization").is_none());
}

/// A REST path member holding `/` travels as `%2F`: the captured request still verifies and
/// decodes into the same member (the server side splits the path before decoding it).
#[tokio::test]
async fn a_path_member_with_a_slash_decodes_and_verifies() {
    let transport = TestTransport::new();
    // A rule for the whole path with the member's `/` as `%2F` answers it; the same text with a
    // bare `/` (two segments, another path) does not.
    transport
        .on_path("GET", "/v1/regions/cn-north-1/instances/i-a/b c+d")
        .reply(Reply::json(404, r#"{"requestId":"jd-x","error":{"code":404,"status":"NOT_FOUND","message":"wrong rule"}}"#));
    transport
        .on_path("GET", "/v1/regions/cn-north-1/instances/i-a%2Fb%20c+d")
        .reply(Reply::json(200, r#"{"requestId":"jd-2","result":{"instance":{"instanceId":"i-a/b"}}}"#));
    let keys = Credentials::new("JDAK", "jd-secret");
    let config =
        yun_jdcloud_vm::Config::builder().region("cn-north-1").credentials(keys.clone()).transport(transport.clone()).build().unwrap();
    let input =
        yun_jdcloud_vm::operation::DescribeInstanceInput::builder().region_id("cn-north-1").instance_id("i-a/b c+d").build().unwrap();
    yun_jdcloud_vm::Client::new(config).describe_instance(input.clone()).await.unwrap();
    let sent = &transport.requests()[0];
    assert!(sent.request().url.contains("/instances/i-a%2Fb%20c%2Bd"), "{}", sent.request().url);
    assert_eq!(sent.raw_path(), "/v1/regions/cn-north-1/instances/i-a%2Fb%20c%2Bd");
    assert_eq!(sent.path(), "/v1/regions/cn-north-1/instances/i-a%2Fb c+d");
    assert!(sent.path_is("/v1/regions/cn-north-1/instances/i-a%2Fb c%2Bd"));
    assert!(!sent.path_is("/v1/regions/cn-north-1/instances/i-a/b c+d"));
    let vm = yun_runtime::server::verify::Scope { region: "cn-north-1", service: "vm" };
    sent.verify_signature_in(&keys, vm).unwrap();
    assert!(sent.verify_signature_in(&keys, yun_runtime::server::verify::Scope { region: "cn-east-2", ..vm }).is_err());
    sent.verify_signature(&keys).unwrap();
    match sent.input::<yun_jdcloud_vm::server::OperationInput>() {
        Ok(yun_jdcloud_vm::server::OperationInput::DescribeInstance(decoded)) => assert_eq!(decoded, input),
        other => panic!("{other:?}"),
    }
}
