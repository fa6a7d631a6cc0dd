//! STS through the generated client: `AssumeRole` signed with RPC 1.0 (HMAC-SHA1, the SDK's
//! choice for STS) over the query, every parameter where the official SDK puts it, and its
//! answer (the Go SDK's example values) decoded with the secret and the token hidden from
//! `Debug`; `GetCallerIdentity` with no parameters.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it checks every AssumeRole parameter on the wire
//! and answers the Go SDK's example values (the emulator answers STS from the output's shape only).

use yun_aliyun_sts::operation::{AssumeRoleInput, GetCallerIdentityInput};
use yun_aliyun_sts::{Client, Config, Credentials};
use yun_runtime::client::retry::RetryConfig;
use yun_tests::server::{Reply, TestServer};

fn sample(action: &str) -> serde_json::Value {
    serde_json::from_str(&std::fs::read_to_string(yun_tests::fixture(&format!("aliyun/sts/{action}.json"))).unwrap()).unwrap()
}

fn client(url: &str) -> Client {
    let config = Config::builder()
        .region("cn-hangzhou")
        .endpoint(url)
        .credentials(Credentials::new("LTAI-caller", "caller-secret"))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    Client::new(config)
}

#[tokio::test]
async fn assume_role_is_signed_with_hmac_sha1_and_its_credentials_decode() {
    // The SDK's example answer with a token that can be searched for.
    let mut answer = sample("AssumeRole");
    answer["Credentials"]["SecurityToken"] = "CAIS-sts-token-for-the-test".into();
    let server = TestServer::start(vec![Reply::json(200, &answer.to_string())]).await;
    let input = AssumeRoleInput::builder()
        .role_arn("acs:ram::123456789012****:role/adminrole")
        .role_session_name("alice")
        .duration_seconds(3600)
        .policy(r#"{"Statement":[{"Action":["*"],"Effect":"Allow","Resource":["*"]}],"Version":"1"}"#)
        .build()
        .unwrap();
    let out = client(&server.url).assume_role(input).await.unwrap();

    let r = &server.requests()[0];
    assert_eq!(r.method, "POST");
    assert_eq!(r.param("Action").as_deref(), Some("AssumeRole"));
    assert_eq!(r.param("Version").as_deref(), Some("2015-04-01"));
    assert_eq!(r.param("SignatureMethod").as_deref(), Some("HMAC-SHA1"), "the SDK's signature for STS");
    assert_eq!(r.param("SignatureVersion").as_deref(), Some("1.0"));
    assert_eq!(r.param("AccessKeyId").as_deref(), Some("LTAI-caller"));
    assert!(r.param("Signature").is_some_and(|s| !s.is_empty()));
    for (name, value) in [
        ("RoleArn", "acs:ram::123456789012****:role/adminrole"),
        ("RoleSessionName", "alice"),
        ("DurationSeconds", "3600"),
        ("Policy", r#"{"Statement":[{"Action":["*"],"Effect":"Allow","Resource":["*"]}],"Version":"1"}"#),
    ] {
        assert_eq!(r.query_param(name), Some(value), "{name} travels in the query, as the SDK sends it");
    }
    assert!(r.form().is_empty(), "no body parameters");

    let credentials = out.credentials.as_ref().unwrap();
    assert_eq!(credentials.access_key_id.as_deref(), Some("STS.L4aBSCSJVMuKg5U1****"));
    assert_eq!(credentials.access_key_secret.as_deref(), Some("wyLTSmsyPGP1ohvvw8xYgB29dlGI8KMiH2pK****"));
    assert_eq!(credentials.security_token.as_deref(), Some("CAIS-sts-token-for-the-test"));
    assert_eq!(credentials.expiration.as_deref(), Some("2015-04-09T11:52:19Z"));
    assert_eq!(out.assumed_role_user.as_ref().unwrap().assumed_role_id.as_deref(), Some("34458433936495****:alice"));
    assert_eq!(out.request_id.as_deref(), Some("6894B13B-6D71-4EF5-88FA-F32781734A7F"));
    let shown = format!("{out:?}");
    assert!(!shown.contains("wyLTSmsyPGP1ohvvw8xYgB29dlGI8KMiH2pK") && !shown.contains("CAIS-sts-token"), "{shown}");
    assert!(shown.contains("STS.L4aBSCSJVMuKg5U1"), "the key id is not a secret: {shown}");
    // Nothing of the answer is lost (members it does not hold serialize as `null`).
    let mut again = serde_json::to_value(&out).unwrap();
    again.as_object_mut().unwrap().retain(|_, v| !v.is_null());
    assert_eq!(again, answer);
}

#[tokio::test]
async fn assume_role_needs_a_role_and_a_session_name() {
    let err = AssumeRoleInput::builder().role_session_name("a").build().unwrap_err().to_string();
    assert!(err.contains("`role_arn` is required") && err.contains("`role_session_name` has 1 characters"), "{err}");
    let err = AssumeRoleInput::builder().role_arn("acs:ram::1:role/r").role_session_name("ok").duration_seconds(899).build();
    let err = err.unwrap_err().to_string();
    assert!(err.contains("duration_seconds"), "below the 900 s the SDK states: {err}");
    // The SDK's bounds (sts-20150401 client.go: 900 s, 2 to 64 characters, `[\w+=,.@:\/-]`), both sides.
    let ok = AssumeRoleInput::builder().role_arn("acs:ram::1:role/r").role_session_name("a".repeat(64)).duration_seconds(900);
    assert!(ok.clone().external_id("abc=,.@:/-_").build().is_ok());
    assert!(AssumeRoleInput::builder().role_arn("acs:ram::1:role/r").role_session_name("a".repeat(65)).build().is_err());
    let err = ok.external_id("a b!").build().unwrap_err().to_string();
    assert!(err.contains("external_id") && err.contains("pattern"), "a character the SDK does not allow: {err}");
}

#[tokio::test]
async fn get_caller_identity_sends_no_parameters_and_decodes_the_identity() {
    let answer = sample("GetCallerIdentity");
    let server = TestServer::start(vec![Reply::json(200, &answer.to_string())]).await;
    let out = client(&server.url).get_caller_identity(GetCallerIdentityInput::builder().build().unwrap()).await.unwrap();
    assert_eq!(out.identity_type.as_deref(), Some("RAMUser"));
    assert_eq!(out.account_id.as_deref(), Some("196813200012****"));
    assert_eq!(serde_json::to_value(&out).unwrap(), answer);
    let r = &server.requests()[0];
    assert_eq!(r.param("Action").as_deref(), Some("GetCallerIdentity"));
    let own: Vec<_> = r
        .params()
        .into_iter()
        .filter(|(k, _)| {
            ![
                "Action",
                "Version",
                "Format",
                "Timestamp",
                "SignatureNonce",
                "SignatureMethod",
                "SignatureVersion",
                "AccessKeyId",
                "Signature",
            ]
            .contains(&k.as_str())
        })
        .collect();
    assert!(own.is_empty(), "only the common parameters: {own:?}");
}
