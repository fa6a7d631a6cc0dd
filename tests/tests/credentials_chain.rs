//! The credential chain: explicit credentials, then the provider's environment variables,
//! then (Aliyun) the CLI profile file; a clear error naming what was looked for. And the
//! identity provider on the wire: asked before every attempt, its error (or an identity of
//! the wrong kind) stopping the call before anything is sent.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it checks which identity each attempt carries and
//! that nothing is sent on an identity error, exact wire control the emulator does not give.

use std::collections::HashMap;
use std::time::Duration;

use yun_runtime::aliyun::Config as AliyunConfig;
use yun_runtime::ksyun::Config as KsyunConfig;
use yun_tests::server::{Reply, TestServer};

fn lookup<'a>(vars: &'a HashMap<&'static str, String>) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| vars.get(name).cloned()
}

fn home_with_profile() -> std::path::PathBuf {
    let home = std::env::temp_dir().join(format!("yun-chain-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".aliyun")).unwrap();
    std::fs::write(
        home.join(".aliyun/config.json"),
        r#"{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"AK-PROFILE","access_key_secret":"profile-secret","region_id":"cn-beijing"}]}"#,
    )
    .unwrap();
    home
}

#[test]
fn environment_variables_come_first() {
    let home = home_with_profile();
    let vars = HashMap::from([
        ("ALIBABA_CLOUD_ACCESS_KEY_ID", "AK-ENV".to_owned()),
        ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "env-secret".to_owned()),
        ("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou".to_owned()),
        ("HOME", home.display().to_string()),
    ]);
    let config = AliyunConfig::builder().from_lookup(&lookup(&vars)).unwrap().build().unwrap();
    assert_eq!((yun_tests::credentials(&config).access_key_id(), config.region()), ("AK-ENV", "cn-hangzhou"));
}

#[test]
fn the_cli_profile_is_the_fallback_and_gives_a_region() {
    let home = home_with_profile();
    let vars = HashMap::from([("HOME", home.display().to_string())]);
    let config = AliyunConfig::builder().from_lookup(&lookup(&vars)).unwrap().build().unwrap();
    assert_eq!((yun_tests::credentials(&config).access_key_id(), config.region()), ("AK-PROFILE", "cn-beijing"));

    let disabled = HashMap::from([("HOME", home.display().to_string()), ("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true".to_owned())]);
    assert!(AliyunConfig::builder().from_lookup(&lookup(&disabled)).is_err());
}

#[test]
fn nothing_found_names_what_was_looked_for() {
    let vars = HashMap::from([("HOME", "/nonexistent-home".to_owned())]);
    let e = AliyunConfig::builder().from_lookup(&lookup(&vars)).unwrap_err().to_string();
    assert!(e.contains("ALIBABA_CLOUD_ACCESS_KEY_ID") && e.contains("ALIBABA_CLOUD_ACCESS_KEY_SECRET"), "{e}");
    let e = KsyunConfig::builder().from_lookup(&lookup(&vars)).unwrap_err().to_string();
    assert!(e.contains("KSYUN_ACCESS_KEY_ID") && e.contains("KSYUN_SECRET_ACCESS_KEY"), "{e}");
}

#[test]
fn kingsoft_also_takes_its_terraform_providers_names() {
    // KSYUN_ACCESS_KEY, KSYUN_SECRET_KEY and KSYUN_REGION: kingsoftcloud/terraform-provider-ksyun,
    // ksyun/provider.go.
    let terraform = HashMap::from([
        ("KSYUN_ACCESS_KEY", "AK-TF".to_owned()),
        ("KSYUN_SECRET_KEY", "tf-secret".to_owned()),
        ("KSYUN_REGION", "cn-beijing-6".to_owned()),
    ]);
    let config = KsyunConfig::builder().from_lookup(&lookup(&terraform)).unwrap().build().unwrap();
    assert_eq!((yun_tests::credentials(&config).access_key_id(), config.region()), ("AK-TF", "cn-beijing-6"));
    assert_eq!(yun_tests::credentials(&config).access_key_secret().expose(), "tf-secret");
    // yun's own names win when both are set.
    let mut both = terraform.clone();
    both.insert("KSYUN_ACCESS_KEY_ID", "AK-YUN".to_owned());
    both.insert("KSYUN_SECRET_ACCESS_KEY", "yun-secret".to_owned());
    let config = KsyunConfig::builder().from_lookup(&lookup(&both)).unwrap().build().unwrap();
    assert_eq!(yun_tests::credentials(&config).access_key_id(), "AK-YUN");
    // Half of a pair is not credentials; the error names both pairs.
    let half = HashMap::from([("KSYUN_ACCESS_KEY", "AK-TF".to_owned())]);
    let e = KsyunConfig::builder().from_lookup(&lookup(&half)).unwrap_err().to_string();
    for name in ["KSYUN_ACCESS_KEY_ID", "KSYUN_SECRET_ACCESS_KEY", "Terraform's KSYUN_ACCESS_KEY and KSYUN_SECRET_KEY"] {
        assert!(e.contains(name), "{name}: {e}");
    }
}

#[test]
fn jd_cloud_reads_its_variables_then_the_jdc_cli_profile() {
    use yun_runtime::jdcloud::Config as JdConfig;
    let vars = HashMap::from([
        ("JDCLOUD_ACCESS_KEY", "AK-JD-ENV".to_owned()),
        ("JDCLOUD_SECRET_KEY", "jd-env-secret".to_owned()),
        ("JDCLOUD_SECURITY_TOKEN", "jd-token".to_owned()),
        ("JDCLOUD_REGION", "cn-north-1".to_owned()),
    ]);
    let config = JdConfig::builder().from_lookup(&lookup(&vars)).unwrap().build().unwrap();
    assert_eq!((yun_tests::credentials(&config).access_key_id(), config.region()), ("AK-JD-ENV", "cn-north-1"));
    assert_eq!(yun_tests::credentials(&config).security_token().map(|t| t.expose()), Some("jd-token"));

    let home = std::env::temp_dir().join(format!("yun-chain-jdc-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".jdc")).unwrap();
    std::fs::write(home.join(".jdc/config"), "[default]\naccess_key = AK-JDC\nsecret_key = jdc-secret\nregion_id = cn-east-2\n").unwrap();
    let vars = HashMap::from([("HOME", home.display().to_string())]);
    let config = JdConfig::builder().from_lookup(&lookup(&vars)).unwrap().build().unwrap();
    assert_eq!((yun_tests::credentials(&config).access_key_id(), config.region()), ("AK-JDC", "cn-east-2"));

    let none = HashMap::from([("HOME", "/nonexistent-home".to_owned())]);
    let e = JdConfig::builder().from_lookup(&lookup(&none)).unwrap_err().to_string();
    assert!(e.contains("JDCLOUD_ACCESS_KEY") && e.contains("JDCLOUD_SECRET_KEY"), "{e}");
}

#[test]
fn inspur_needs_a_bearer_token_and_an_endpoint() {
    use yun_runtime::inspur::Config as InspurConfig;
    let vars = HashMap::from([("INSPUR_TOKEN", "eyJhbGciOi.token".to_owned()), ("INSPUR_ENDPOINT", "https://ecs.example.com".to_owned())]);
    let config = InspurConfig::builder().from_lookup(&lookup(&vars)).unwrap().build().unwrap();
    let identity = yun_tests::resolve(config.identity_provider());
    assert_eq!(identity.bearer_token("the test").unwrap().token().expose(), "eyJhbGciOi.token");
    assert!(!format!("{config:?}").contains("eyJhbGciOi"), "the token stays out of Debug");

    let no_token = HashMap::from([("INSPUR_ENDPOINT", "https://ecs.example.com".to_owned())]);
    let e = InspurConfig::builder().from_lookup(&lookup(&no_token)).unwrap_err().to_string();
    assert!(e.contains("INSPUR_TOKEN"), "{e}");
    let e = InspurConfig::builder().bearer_token("t").build().unwrap_err().to_string();
    assert!(e.contains("no endpoint") && e.contains("INSPUR_ENDPOINT"), "{e}");
    let e = InspurConfig::builder().endpoint("https://ecs.example.com").build().unwrap_err().to_string();
    assert!(e.contains("no bearer token"), "{e}");
}

/// An identity provider that gives new temporary keys each time, as one renewing STS
/// credentials would; or, with `fail`, an error naming what it looked for.
#[derive(Debug, Default)]
struct Rotating {
    asked: std::sync::atomic::AtomicU32,
    fail: bool,
}

impl yun_runtime::ResolveIdentity for Rotating {
    fn resolve_identity(&self) -> yun_runtime::identity::IdentityFuture<'_> {
        let n = self.asked.fetch_add(1, std::sync::atomic::Ordering::SeqCst) + 1;
        let fail = self.fail;
        Box::pin(async move {
            if fail {
                return Err(yun_runtime::Error::Credentials("no credentials: the test's token endpoint did not answer".to_owned()));
            }
            let expires = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_900_000_000);
            let keys = yun_runtime::Credentials::new(format!("AK-{n}"), "rotating-s3cret").with_expiration(expires);
            Ok(yun_runtime::Identity::AccessKey(keys.with_security_token(format!("sts-{n}"))))
        })
    }
}

fn swas_client(url: &str, identity: impl yun_runtime::ResolveIdentity + 'static) -> yun_aliyun_swas::Client {
    let retry = yun_runtime::client::retry::RetryConfig {
        max_attempts: 2,
        initial_backoff: Duration::from_millis(1),
        max_backoff: Duration::from_millis(2),
    };
    let config =
        yun_aliyun_swas::Config::builder().region("cn-hangzhou").endpoint(url).identity_provider(identity).retry(retry).build().unwrap();
    yun_aliyun_swas::Client::new(config)
}

#[tokio::test]
async fn every_attempt_signs_with_the_identity_the_provider_gives_then() {
    let busy = r#"{"RequestId":"r-1","Code":"ServiceUnavailable","Message":"busy"}"#;
    let server = TestServer::start(vec![Reply::json(503, busy), Reply::json(200, r#"{"RequestId":"r-2","Regions":[]}"#)]).await;
    let client = swas_client(&server.url, Rotating::default());
    client.list_regions(yun_aliyun_swas::operation::ListRegionsInput::builder().build().unwrap()).await.unwrap();
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    for (request, n) in requests.iter().zip(1..) {
        let auth = request.header("authorization").unwrap();
        assert!(auth.contains(&format!("Credential=AK-{n},")), "attempt {n}: {auth}");
        assert_eq!(request.header("x-acs-security-token"), Some(format!("sts-{n}").as_str()), "attempt {n}");
    }
}

#[tokio::test]
async fn a_wrong_or_missing_identity_stops_the_call_before_anything_is_sent() {
    let server = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"r"}"#)]).await;
    let input = yun_aliyun_swas::operation::ListRegionsInput::builder().build().unwrap();

    let bearer = swas_client(&server.url, yun_runtime::BearerToken::new("bearer-s3cret"));
    let e = bearer.list_regions(input.clone()).await.unwrap_err();
    assert!(matches!(e, yun_runtime::Error::Credentials(_)), "{e:?}");
    assert_eq!(e.to_string(), "Aliyun's signature needs an access key pair, but the identity provider gave a bearer token");

    let failing = Rotating { fail: true, ..Rotating::default() };
    let client = swas_client(&server.url, failing);
    let e = client.list_regions(input).await.unwrap_err();
    assert_eq!(e.to_string(), "no credentials: the test's token endpoint did not answer");
    assert!(server.requests().is_empty(), "nothing was sent");
    let shown = format!("{client:?} {bearer:?}");
    assert!(!shown.contains("s3cret"), "{shown}");
}

/// The identity's kind is checked once, in sending, for every provider: the error names the
/// provider's signer and the two kinds, and nothing is sent.
#[tokio::test]
async fn every_provider_refuses_the_other_kind_of_identity_before_sending() {
    let server = TestServer::start(vec![Reply::json(200, "{}")]).await;
    let no_retry = yun_runtime::client::retry::RetryConfig::disabled();

    let config = yun_inspur_ecs::Config::builder()
        .endpoint(&server.url)
        .identity_provider(yun_runtime::Credentials::new("AK", "s3cret"))
        .retry(no_retry)
        .build()
        .unwrap();
    let input = yun_inspur_ecs::operation::ListServersInput::builder().page_no(1).page_size(10).build().unwrap();
    let e = yun_inspur_ecs::Client::new(config).list_servers(input).await.unwrap_err();
    assert!(matches!(e, yun_runtime::Error::Credentials(_)), "{e:?}");
    assert_eq!(e.to_string(), "Inspur Cloud's authorization needs a bearer token, but the identity provider gave an access key pair");

    let config = yun_ksyun_kec::Config::builder()
        .region("cn-beijing-6")
        .endpoint(&server.url)
        .identity_provider(yun_runtime::BearerToken::new("bearer-s3cret"))
        .retry(no_retry)
        .build()
        .unwrap();
    let input = yun_ksyun_kec::operation::DescribeInstancesInput::builder().build().unwrap();
    let e = yun_ksyun_kec::Client::new(config).describe_instances(input).await.unwrap_err();
    assert_eq!(e.to_string(), "Kingsoft's signature needs an access key pair, but the identity provider gave a bearer token");
    assert!(server.requests().is_empty(), "nothing was sent");
}
