//! Secrets never show: every Debug and Display a user can reach, and every log line the
//! runtime writes at the most verbose level during real calls (success, service error,
//! retries, timeout), are scanned for the test's secrets.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it scans logs of chosen outcomes (service error,
//! retries, timeout) for secrets, which needs answers scripted per attempt.

use std::time::Duration;

use yun_aliyun_swas::operation::{LoginInstanceInput, UpdateInstanceAttributeInput};
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::Answered;
use yun_runtime::Credentials;
use yun_tests::server::{Reply, TestServer};

const SECRET: &str = "S3cr3t-AccessKey-Secret";
const TOKEN: &str = "T0k3n-Security-Token";
const PASSWORD: &str = "P4ssw0rd-For-The-Scan";
const PRIVATE_KEY: &str = "Pr1vat3-Key-Material";

fn assert_clean(what: &str, text: &str) {
    for secret in [SECRET, TOKEN, PASSWORD, PRIVATE_KEY] {
        assert!(!text.contains(secret), "{what} shows a secret:\n{text}");
    }
}

#[tokio::test]
async fn no_secret_in_debug_display_or_logs() {
    let capture = yun_tests::logs::capture(tracing::Level::TRACE);

    let server = TestServer::start(vec![
        Reply::json(503, r#"{"Code":"ServiceUnavailable","RequestId":"r-1"}"#),
        Reply::json(200, r#"{"RequestId":"r-2","RedirectUrl":"https://example/x"}"#),
        Reply::json(400, r#"{"Code":"InvalidPassword","Message":"bad","RequestId":"r-3"}"#),
        Reply::Delay(Duration::from_secs(5), Box::new(Reply::json(200, "{}"))),
    ])
    .await;
    let credentials = Credentials::new("AKID", SECRET).with_security_token(TOKEN);
    let config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&server.url)
        .credentials(credentials.clone())
        .retry(RetryConfig { max_attempts: 2, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(2) })
        .attempt_timeout(Duration::from_millis(300))
        .build()
        .unwrap();
    let client = yun_aliyun_swas::Client::new(config.clone());
    let login = LoginInstanceInput::builder().region_id("cn-hangzhou").instance_id("i").password(PASSWORD).build().unwrap();
    let update = UpdateInstanceAttributeInput::builder().region_id("cn-hangzhou").instance_id("i").password(PASSWORD).build().unwrap();

    // A connection that fails: reqwest's message would name the URL, and the Aliyun query holds
    // the password.
    let refused = yun_aliyun_swas::Client::new(
        yun_aliyun_swas::Config::builder()
            .region("cn-hangzhou")
            .endpoint("http://127.0.0.1:1")
            .credentials(credentials.clone())
            .retry(RetryConfig::disabled())
            .build()
            .unwrap(),
    )
    .login_instance(login.clone())
    .await
    .unwrap_err();
    assert!(matches!(refused, yun_runtime::Error::Transport(_)), "{refused:?}");
    let ok = client.login_instance(login.clone()).await;
    let service_error = client.login_instance(login.clone()).await.unwrap_err();
    let timeout = client.update_instance_attribute(update.clone()).await.unwrap_err();

    for (what, text) in [
        ("credentials", format!("{credentials:?}")),
        ("config", format!("{config:?}")),
        ("client", format!("{client:?}")),
        ("input", format!("{login:?} {update:?}")),
        ("output", format!("{ok:?}")),
        ("service error", format!("{service_error:?} {service_error}")),
        ("timeout", format!("{timeout:?} {timeout}")),
        ("transport error", format!("{refused:?} {refused} {:?}", std::error::Error::source(&refused).map(ToString::to_string))),
        ("ksyun config", format!("{:?}", yun_ksyun_kec::Config::builder().region("r").credentials(credentials.clone()).build().unwrap())),
    ] {
        assert_clean(what, &text);
    }
    jdcloud_calls(&credentials).await;
    transport_and_header_calls(&credentials).await;
    inspur_calls().await;
    sks_calls(&credentials).await;
    let logs = capture.text();
    assert!(logs.contains("attempt answered") && logs.contains("LoginInstance"), "the runtime logs: {logs}");
    assert!(logs.contains("ModifyInstancePassword"), "the JD calls were logged too: {logs}");
    assert!(logs.contains("RebootServer"), "the Inspur calls were logged too: {logs}");
    assert!(logs.contains("WARN") && logs.contains("Key.KeyId"), "the SKS answer's misfits were logged, by path: {logs}");
    assert_clean("logs", &logs);
}

/// The JD Cloud client: a password in a JSON body, a security token in a header (both
/// signatures), a service error and a retried 503; the signed request's Debug too.
async fn jdcloud_calls(credentials: &Credentials) {
    use yun_jdcloud_vm::operation::ModifyInstancePasswordInput;
    use yun_jdcloud_vm::SignatureVersion;
    let server = TestServer::start(vec![
        Reply::json(503, r#"{"requestId":"r-4","error":{"code":503,"status":"UNAVAILABLE","message":"busy"}}"#),
        Reply::json(200, r#"{"requestId":"r-5"}"#),
        Reply::json(400, r#"{"requestId":"r-6","error":{"code":400,"status":"INVALID_ARGUMENT","message":"weak password"}}"#),
    ])
    .await;
    let input = ModifyInstancePasswordInput::builder().region_id("cn-north-1").instance_id("i").password(PASSWORD).build().unwrap();
    for signature in [SignatureVersion::Jdcloud3HmacSha256, SignatureVersion::Jdcloud2HmacSha256] {
        let config = yun_jdcloud_vm::Config::builder()
            .region("cn-north-1")
            .endpoint(&server.url)
            .credentials(credentials.clone())
            .signature_version(signature)
            .retry(RetryConfig { max_attempts: 2, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(2) })
            .build()
            .unwrap();
        let client = yun_jdcloud_vm::Client::new(config.clone());
        let result = client.modify_instance_password(input.clone()).await;
        let encoded = yun_runtime::client::send::Encoded::new(&input);
        let request = yun_runtime::jdcloud::RestClient::new(&yun_jdcloud_vm::SERVICE, config.clone()).signed_request(credentials, &encoded);
        let signed = yun_runtime::jdcloud::sign::sign(
            &yun_runtime::signing::SignableRequest {
                method: "POST",
                host: "h",
                path: "/",
                query: &[],
                headers: &[],
                body: yun_runtime::signing::SignableBody::EMPTY,
            },
            credentials,
            &yun_runtime::jdcloud::sign::SigningSettings { region: "cn-north-1", service: "vm", date: "20261123T000000Z", nonce: "n" },
        );
        let token_header = request.headers.iter().find(|(k, _)| k == "x-jdcloud-security-token").map(|(_, v)| v.clone()).unwrap();
        assert!(!format!("{request:?}").contains(&token_header), "the base64 token is a secret too");
        for (what, text) in [
            ("jd config", format!("{config:?}")),
            ("jd client", format!("{client:?}")),
            ("jd input", format!("{input:?}")),
            ("jd result", format!("{result:?}")),
            ("jd signed", format!("{signed:?}")),
            ("jd signed request", format!("{request:?}")),
            ("jd encoded input", format!("{encoded:?}")),
        ] {
            assert_clean(what, &text);
        }
    }
}

/// Issue 16: a proxy URL's password (config and client Debug, the error of a refused proxy,
/// the logs) and the values of headers given for a call (config Debug, the signed request's
/// Debug, the logs of real calls).
async fn transport_and_header_calls(credentials: &Credentials) {
    use yun_jdcloud_vm::operation::StartInstanceInput;
    let server = TestServer::start(vec![Reply::json(200, r#"{"requestId":"r-7","result":{}}"#)]).await;
    let input = StartInstanceInput::builder().region_id("cn-north-1").instance_id("i").build().unwrap();
    let builder = || {
        yun_jdcloud_vm::Config::builder()
            .region("cn-north-1")
            .credentials(credentials.clone())
            .retry(RetryConfig::disabled())
            .header("x-every-call", TOKEN)
    };
    let config = builder().endpoint(&server.url).build().unwrap().with_header("x-jdcloud-mfa", TOKEN).with_header("x-trace", PASSWORD);
    let client = yun_jdcloud_vm::Client::new(config.clone());
    let ok = client.start_instance(input.clone()).await;
    assert!(ok.is_ok(), "{ok:?}");
    let sent = server.requests();
    assert_eq!(sent[0].header("x-trace"), Some(PASSWORD), "the header was sent");
    let mut encoded = yun_runtime::client::send::Encoded::new(&input);
    encoded.headers = config.request_headers().expose();
    let request = yun_runtime::jdcloud::RestClient::new(&yun_jdcloud_vm::SERVICE, config.clone()).signed_request(credentials, &encoded);
    let proxied = builder().endpoint("http://vm.example.invalid").proxy(format!("http://user:{PASSWORD}@127.0.0.1:1")).build().unwrap();
    let refused = yun_jdcloud_vm::Client::new(proxied.clone()).start_instance(input.clone()).await.unwrap_err();
    assert!(matches!(refused, yun_runtime::Error::Transport(_)), "{refused:?}");
    let bad_proxy = builder().proxy(format!("http://user:{PASSWORD}@[::1")).build().unwrap_err();
    for (what, text) in [
        ("config with headers", format!("{config:?}")),
        ("client with headers", format!("{client:?}")),
        ("signed request with headers", format!("{request:?}")),
        ("encoded input with headers", format!("{encoded:?}")),
        ("proxied config", format!("{proxied:?}")),
        ("refused proxy", format!("{refused} {refused:?} {:?}", std::error::Error::source(&refused).map(ToString::to_string))),
        ("bad proxy URL", format!("{bad_proxy} {bad_proxy:?}")),
    ] {
        assert_clean(what, &text);
    }
}

/// The Inspur client: the bearer token (the test's secret) in the Authorization header of
/// real calls, a retried 503 and an error under HTTP 200.
async fn inspur_calls() {
    use yun_inspur_ecs::operation::RebootServerInput;
    let server = TestServer::start(vec![
        Reply::json(503, r#"{"code":503,"message":"busy"}"#),
        Reply::json(200, r#"{"code":"101.001012","message":"bad state","data":null}"#),
    ])
    .await;
    let config = yun_inspur_ecs::Config::builder()
        .endpoint(&server.url)
        .bearer_token(TOKEN)
        .retry(RetryConfig { max_attempts: 2, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(2) })
        .build()
        .unwrap();
    let client = yun_inspur_ecs::Client::new(config.clone());
    let input = RebootServerInput::builder().server_id("s").build().unwrap();
    let result = client.reboot_server(input.clone()).await;
    assert_eq!(server.requests()[0].header("authorization").map(|h| h.contains(TOKEN)), Some(true), "the token is sent");
    for (what, text) in [
        ("inspur config", format!("{config:?}")),
        ("inspur client", format!("{client:?}")),
        ("inspur input", format!("{input:?}")),
        ("inspur result", format!("{result:?}")),
    ] {
        assert_clean(what, &text);
    }
}

/// An answer that holds a secret (SKS `CreateKey`) with values that do not fit: the output
/// keeps their paths but no raw text and no raw body, and the log names only the paths.
async fn sks_calls(credentials: &Credentials) {
    use yun_ksyun_sks::operation::CreateKeyInput;
    let body = format!(r#"{{"RequestId":"r-7","PrivateKey":{{"pem":"{PRIVATE_KEY}"}},"Key":{{"KeyId":["{PRIVATE_KEY}"],"KeyName":"k"}}}}"#);
    let server = TestServer::start(vec![Reply::json(200, &body)]).await;
    let config =
        yun_ksyun_sks::Config::builder().region("cn-beijing-6").endpoint(&server.url).credentials(credentials.clone()).build().unwrap();
    let client = yun_ksyun_sks::Client::new(config);
    let input = CreateKeyInput::builder().key_name("key-1").build().unwrap();
    let out = client.create_key(input).await.unwrap();
    let mut paths: Vec<&str> = out.warnings().iter().map(|w| w.path()).collect();
    paths.sort_unstable();
    assert_eq!(paths, ["Key.KeyId", "PrivateKey"]);
    assert!(out.warnings().iter().all(|w| w.raw() == yun_runtime::response::decode::WITHHELD), "{:?}", out.warnings());
    assert_eq!(out.raw_body(), None, "no raw body is kept for an answer that holds a secret");
    assert_eq!(out.key.as_ref().and_then(|k| k.key_name.as_deref()), Some("k"));
    let warnings: Vec<String> = out.warnings().iter().map(ToString::to_string).collect();
    assert_clean("sks output", &format!("{out:?} {warnings:?} {:?}", out.warnings()));
}
