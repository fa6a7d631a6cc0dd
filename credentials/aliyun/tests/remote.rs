//! The providers that call out, against local servers on 127.0.0.1 playing STS and the ECS
//! metadata service.

use std::path::Path;
use std::time::{Duration, SystemTime};

use yun_aliyun_credentials::{DefaultChain, EcsRamRole, OidcRole, RamRoleArn, RoleOptions};
use yun_runtime::clock::FixedClock;
use yun_runtime::identity::{IdentityCache, ResolveIdentity, SharedIdentityResolver};
use yun_runtime::Credentials;
use yun_tests::server::{Reply, TestServer};

fn text(status: u16, body: &str) -> Reply {
    Reply::Respond { status, headers: vec![("content-type".into(), "text/plain".into())], body: body.as_bytes().to_vec() }
}

fn sts_sample() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/fixtures/aliyun/sts/AssumeRole.json");
    std::fs::read_to_string(path).unwrap()
}

const SESSION: &str = r#"{"RequestId":"r-1","Credentials":{"AccessKeyId":"STS.fresh","AccessKeySecret":"s3cr3t-sts","SecurityToken":"t0k3n-sts","Expiration":"2099-01-01T00:00:00Z"}}"#;

fn role(endpoint: &str) -> RoleOptions {
    RoleOptions {
        role_arn: "acs:ram::123:role/deploy".into(),
        session_name: "ci".into(),
        duration_seconds: 1800,
        policy: Some("{\"Version\":\"1\"}".into()),
        external_id: Some("ext-1".into()),
        endpoint: endpoint.into(),
    }
}

#[tokio::test]
async fn ram_role_arn_calls_assume_role_signed_by_its_source() {
    let server = TestServer::start(vec![Reply::json(200, &sts_sample())]).await;
    let provider = RamRoleArn::new(Credentials::new("AKID-source", "s3cr3t-source"), role(&server.url)).unwrap();
    let identity = provider.resolve_identity().await.unwrap();
    let c = identity.access_key("test").unwrap();
    assert_eq!(c.access_key_id(), "STS.L4aBSCSJVMuKg5U1****");
    assert_eq!(c.security_token().map(|t| t.expose()), Some("********"));
    assert_eq!(c.expiration(), Some(SystemTime::UNIX_EPOCH + Duration::from_secs(1_428_580_339)));
    let requests = server.requests();
    assert_eq!(requests.len(), 1);
    let r = &requests[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
    for (name, value) in [
        ("Action", "AssumeRole"),
        ("Version", "2015-04-01"),
        ("AccessKeyId", "AKID-source"),
        ("SignatureMethod", "HMAC-SHA1"),
        ("RoleArn", "acs:ram::123:role/deploy"),
        ("RoleSessionName", "ci"),
        ("DurationSeconds", "1800"),
        ("Policy", "{\"Version\":\"1\"}"),
        ("ExternalId", "ext-1"),
    ] {
        assert_eq!(r.param(name).as_deref(), Some(value), "{name}");
    }
    assert!(r.param("Signature").is_some_and(|s| !s.is_empty()));
}

#[tokio::test]
async fn an_sts_error_names_the_role_and_the_code_and_hides_secrets() {
    let error = r#"{"RequestId":"r-2","Code":"NoPermission.RoleAssume","Message":"You are not authorized to do this action."}"#;
    let server = TestServer::start(vec![Reply::json(403, error)]).await;
    let provider = RamRoleArn::new(Credentials::new("AKID-source", "s3cr3t-source"), role(&server.url)).unwrap();
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("STS AssumeRole of `acs:ram::123:role/deploy`") && e.contains("NoPermission.RoleAssume"), "{e}");
    assert!(!e.contains("s3cr3t"), "{e}");
}

#[tokio::test]
async fn oidc_role_posts_the_token_in_an_unsigned_form() {
    let dir = std::env::temp_dir().join(format!("yun-oidc-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let token_file = dir.join("token");
    std::fs::write(&token_file, "eyJ.oidc-t0k3n.sig\n").unwrap();
    let server = TestServer::start(vec![Reply::json(200, SESSION)]).await;
    let provider = OidcRole::new(role(&server.url), "acs:ram::123:oidc-provider/ack", &token_file)
        .unwrap()
        .with_clock(FixedClock::from_unix(1_800_000_000).unwrap());
    let identity = provider.resolve_identity().await.unwrap();
    assert_eq!(identity.access_key("t").unwrap().access_key_id(), "STS.fresh");
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
    // The common parameters as the SDK's anonymous RPC request has them (Tea's doRPCRequest),
    // no key id and no signature.
    let query: Vec<(&str, &str)> = r.query.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        query[..4],
        [("Action", "AssumeRoleWithOIDC"), ("Format", "json"), ("Version", "2015-04-01"), ("Timestamp", "2027-01-15T08:00:00Z")]
    );
    assert_eq!(query.iter().map(|(k, _)| *k).collect::<Vec<_>>(), ["Action", "Format", "Version", "Timestamp", "SignatureNonce"]);
    let form = r.form();
    let form: Vec<(&str, &str)> = form.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    assert_eq!(
        form,
        // In the SDK's order (its `AssumeRoleWithOIDCWithOptions` fills them so).
        [
            ("DurationSeconds", "1800"),
            ("OIDCProviderArn", "acs:ram::123:oidc-provider/ack"),
            ("OIDCToken", "eyJ.oidc-t0k3n.sig"),
            ("Policy", "{\"Version\":\"1\"}"),
            ("RoleArn", "acs:ram::123:role/deploy"),
            ("RoleSessionName", "ci"),
        ]
    );
    assert!(r.param("Signature").is_none() && r.header("authorization").is_none());
    assert!(!format!("{provider:?}").contains("t0k3n"));

    // STS refuses, echoing the token: the error has the code, not the token.
    let error = r#"{"RequestId":"r-3","Code":"AuthenticationFail.OIDCToken.Expired","Message":"token eyJ.oidc-t0k3n.sig expired"}"#;
    let server = TestServer::start(vec![Reply::json(400, error)]).await;
    let provider = OidcRole::new(role(&server.url), "acs:ram::123:oidc-provider/ack", &token_file).unwrap();
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("HTTP 400") && e.contains("AuthenticationFail.OIDCToken.Expired") && e.contains("request id r-3"), "{e}");
    assert!(!e.contains("t0k3n"), "{e}");
    // Garbage, and a token file that cannot be read.
    let server = TestServer::start(vec![text(502, "<html>bad gateway</html>")]).await;
    let provider = OidcRole::new(role(&server.url), "acs:ram::123:oidc-provider/ack", &token_file).unwrap();
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("HTTP 502") && e.contains("bad gateway"), "{e}");
    let provider = OidcRole::new(role(&server.url), "acs:ram::123:oidc-provider/ack", dir.join("missing")).unwrap();
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("cannot read the OIDC token file") && e.contains("missing"), "{e}");
}

const ECS_BODY: &str = r#"{"AccessKeyId":"STS.ecs","AccessKeySecret":"s3cr3t-ecs","Expiration":"2099-01-01T00:00:00Z","SecurityToken":"t0k3n-ecs","LastUpdated":"2026-11-30T00:00:00Z","Code":"Success"}"#;

#[tokio::test]
async fn ecs_ram_role_uses_an_imdsv2_token_and_asks_for_the_role_name() {
    let server = TestServer::start(vec![text(200, "imds-t0k3n"), text(200, "web\n"), Reply::json(200, ECS_BODY)]).await;
    let provider = EcsRamRole::new(None).unwrap().with_endpoint(&server.url);
    let identity = provider.resolve_identity().await.unwrap();
    let c = identity.access_key("t").unwrap();
    assert_eq!((c.access_key_id(), c.security_token().map(|t| t.expose())), ("STS.ecs", Some("t0k3n-ecs")));
    let r = server.requests();
    let seen: Vec<(&str, &str)> = r.iter().map(|r| (r.method.as_str(), r.path.as_str())).collect();
    assert_eq!(
        seen,
        [
            ("PUT", "/latest/api/token"),
            ("GET", "/latest/meta-data/ram/security-credentials/"),
            ("GET", "/latest/meta-data/ram/security-credentials/web")
        ]
    );
    assert_eq!(r[0].header("x-aliyun-ecs-metadata-token-ttl-seconds"), Some("21600"));
    assert_eq!(r[1].header("x-aliyun-ecs-metadata-token"), Some("imds-t0k3n"));
    assert_eq!(r[2].header("x-aliyun-ecs-metadata-token"), Some("imds-t0k3n"));
}

#[tokio::test]
async fn ecs_ram_role_falls_back_to_imdsv1_unless_disabled() {
    let server = TestServer::start(vec![text(404, "not found"), Reply::json(200, ECS_BODY)]).await;
    let provider = EcsRamRole::new(Some("web".into())).unwrap().with_endpoint(&server.url);
    assert!(provider.resolve_identity().await.is_ok());
    let r = server.requests();
    assert_eq!(r[1].path, "/latest/meta-data/ram/security-credentials/web");
    assert_eq!(r[1].header("x-aliyun-ecs-metadata-token"), None);

    let server = TestServer::start(vec![text(404, "not found")]).await;
    let provider = EcsRamRole::new(Some("web".into())).unwrap().with_endpoint(&server.url).with_imdsv1_disabled(true);
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("no IMDSv2 token (HTTP 404)") && e.contains("ALIBABA_CLOUD_IMDSV1_DISABLED"), "{e}");
    assert_eq!(server.requests().len(), 1);
}

#[tokio::test]
async fn a_metadata_service_that_answers_garbage_or_hangs_is_an_error_in_bounded_time() {
    let cases = [
        (text(200, "not json"), "are not JSON"),
        (Reply::json(200, r#"{"Code":"Failed"}"#), "Code is Some(\"Failed\"), not \"Success\""),
        (
            Reply::json(200, r#"{"Code":"Success","AccessKeyId":"a"}"#),
            "answered credentials without AccessKeySecret, SecurityToken, Expiration",
        ),
        (text(500, "oops"), "HTTP 500: oops"),
    ];
    for (reply, expected) in cases {
        let server = TestServer::start(vec![text(200, "tok"), reply]).await;
        let provider = EcsRamRole::new(Some("web".into())).unwrap().with_endpoint(&server.url);
        let e = provider.resolve_identity().await.unwrap_err().to_string();
        assert!(e.contains(expected) && e.contains("role `web`"), "{expected}: {e}");
    }
    let server = TestServer::start(vec![text(200, "tok"), Reply::Stall]).await;
    let provider = EcsRamRole::new(Some("web".into()))
        .unwrap()
        .with_endpoint(&server.url)
        .with_timeouts(Duration::from_millis(200), Duration::from_millis(200))
        .unwrap();
    let started = std::time::Instant::now();
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
    assert!(e.contains("the ECS metadata service") && !e.contains("tok\""), "{e}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_cached_metadata_role_is_fetched_once_for_many_callers() {
    let server = TestServer::start(vec![text(200, "tok"), Reply::json(200, ECS_BODY)]).await;
    let provider = EcsRamRole::new(Some("web".into())).unwrap().with_endpoint(&server.url);
    let cache = IdentityCache::new("the ECS instance role", provider).into_shared();
    let tasks: Vec<_> = (0..50)
        .map(|_| {
            let cache = cache.clone();
            tokio::spawn(async move { cache.resolve_identity().await.map(|i| i.access_key("t").unwrap().access_key_id().to_owned()) })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.unwrap().unwrap(), "STS.ecs");
    }
    assert_eq!(server.requests().len(), 2, "one token and one credentials request");
}

fn lookup(vars: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    move |name: &str| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
}

#[tokio::test]
async fn the_chain_tries_each_step_in_order_and_names_every_one() {
    let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures");
    let home = Box::leak(format!("{fixtures}/no-home").into_boxed_str()) as &str;
    // Everything set: the environment wins.
    let all: &'static [(&str, &str)] = Box::leak(
        vec![
            ("HOME", home),
            ("ALIBABA_CLOUD_ACCESS_KEY_ID", "AKID-env"),
            ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "s3cr3t-env"),
            ("ALIBABA_CLOUD_CONFIG_FILE", Box::leak(format!("{fixtures}/config.json").into_boxed_str())),
            ("ALIBABA_CLOUD_CREDENTIALS_FILE", Box::leak(format!("{fixtures}/credentials").into_boxed_str())),
            ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ]
        .into_boxed_slice(),
    );
    let chain = DefaultChain::from_lookup(&lookup(all));
    assert_eq!(chain.step_names(), ["environment", "CLI profile", "credentials file"]);
    assert_eq!(chain.resolve_identity().await.unwrap().access_key("t").unwrap().access_key_id(), "AKID-env");
    // No environment: the CLI profile (and its region).
    let chain = DefaultChain::from_lookup(&both(&all[..1], &all[3..]));
    assert_eq!(chain.resolve_identity().await.unwrap().access_key("t").unwrap().access_key_id(), "AKID-ak");
    assert_eq!(chain.region(), Some("cn-shanghai"));
    // CLI profile switched off: the credentials file.
    let mut vars = all[..1].to_vec();
    vars.extend_from_slice(&all[4..]);
    vars.push(("ALIBABA_CLOUD_CLI_PROFILE_DISABLED", "true"));
    let vars: &'static [(&str, &str)] = Box::leak(vars.into_boxed_slice());
    let chain = DefaultChain::from_lookup(&lookup(vars));
    assert_eq!(chain.step_names(), ["environment", "credentials file"]);
    assert_eq!(chain.resolve_identity().await.unwrap().access_key("t").unwrap().access_key_id(), "foo");
    // Nothing: every step says why, no secret.
    let chain = DefaultChain::from_lookup(&lookup(&[
        ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"),
        ("ALIBABA_CLOUD_OIDC_TOKEN_FILE", "/nonexistent/token"),
    ]));
    assert_eq!(chain.step_names(), ["environment", "OIDC role", "CLI profile", "credentials file"]);
    let e = chain.resolve_identity().await.unwrap_err().to_string();
    assert!(e.starts_with("no Aliyun credentials in the default chain: environment: "), "{e}");
    for part in ["ALIBABA_CLOUD_ACCESS_KEY_ID", "OIDC role: ", "no role ARN", "CLI profile: no home directory", "credentials file: "] {
        assert!(e.contains(part), "{part}: {e}");
    }
}

/// The variables of `first`, then of `more`.
fn both(first: &'static [(&'static str, &'static str)], more: &'static [(&'static str, &'static str)]) -> impl Fn(&str) -> Option<String> {
    let (a, b) = (lookup(first), lookup(more));
    move |name: &str| a(name).or_else(|| b(name))
}

#[tokio::test]
async fn one_cache_over_a_chain_serves_the_clients_of_several_services() {
    let server = TestServer::start(vec![Reply::json(200, SESSION)]).await;
    let role = RamRoleArn::new(Credentials::new("AKID-source", "s3cr3t-source"), role(&server.url)).unwrap();
    let failing = SharedIdentityResolver::new(yun_runtime::identity::EnvironmentVariables {
        access_key_id: "YUN_TEST_UNSET_ID",
        access_key_secret: "YUN_TEST_UNSET_SECRET",
        security_token: None,
    });
    let chain = DefaultChain::from_steps(vec![("unset".into(), failing), ("role".into(), SharedIdentityResolver::new(role))]);
    let shared: SharedIdentityResolver = IdentityCache::new("chain", chain).into_shared();
    // Two service clients, one cache: STS is asked once.
    let sts_target =
        TestServer::start(vec![Reply::json(200, r#"{"RequestId":"x","AccountId":"1","Arn":"a","IdentityType":"AssumedRoleUser"}"#)]).await;
    let config = yun_aliyun_sts::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&sts_target.url)
        .identity_provider(shared.clone())
        .build()
        .unwrap();
    let other = yun_aliyun_sts::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&sts_target.url)
        .identity_provider(shared.clone())
        .build()
        .unwrap();
    let input = || yun_aliyun_sts::operation::GetCallerIdentityInput::builder().build().unwrap();
    for config in [config, other] {
        yun_aliyun_sts::Client::new(config).get_caller_identity(input()).await.unwrap();
    }
    assert_eq!(server.requests().len(), 1);
    let sent = sts_target.requests();
    assert!(sent
        .iter()
        .all(|r| r.param("AccessKeyId").as_deref() == Some("STS.fresh") && r.param("SecurityToken").as_deref() == Some("t0k3n-sts")));
}

#[tokio::test]
async fn the_credentials_uri_gives_temporary_credentials_and_hides_its_query() {
    let server = TestServer::start(vec![Reply::json(200, ECS_BODY), text(403, "denied"), Reply::json(200, r#"{"AccessKeyId":"a"}"#)]).await;
    let url = format!("{}/creds?token=qu3ry-s3cr3t", server.url);
    let provider = yun_aliyun_credentials::CredentialsUri::new(&url).unwrap();
    let c = provider.resolve_identity().await.unwrap();
    assert_eq!(c.access_key("t").unwrap().access_key_id(), "STS.ecs");
    let r = &server.requests()[0];
    assert_eq!((r.method.as_str(), r.path.as_str(), r.query_param("token")), ("GET", "/creds", Some("qu3ry-s3cr3t")));
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.ends_with("/creds: HTTP 403: denied"), "{e}");
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("answered credentials without AccessKeySecret, SecurityToken, Expiration"), "{e}");
    assert!(!e.contains("qu3ry-s3cr3t") && !format!("{provider:?}").contains("qu3ry-s3cr3t"), "{e}");
    // The chain's last step, only when the variable is set.
    let vars: &'static [(&str, &str)] = Box::leak(
        vec![("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true"), ("ALIBABA_CLOUD_CREDENTIALS_URI", Box::leak(url.into_boxed_str()) as &str)]
            .into_boxed_slice(),
    );
    let chain = DefaultChain::from_lookup(&lookup(vars));
    assert_eq!(chain.step_names(), ["environment", "CLI profile", "credentials file", "credentials URI"]);
}

/// Fails on its first call, succeeds afterwards.
#[derive(Debug, Default)]
struct FailsOnce(std::sync::atomic::AtomicUsize);

impl ResolveIdentity for FailsOnce {
    fn resolve_identity(&self) -> yun_runtime::identity::IdentityFuture<'_> {
        let n = self.0.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        Box::pin(async move {
            match n {
                0 => Err(yun_runtime::Error::Credentials("not yet".into())),
                _ => Ok(Credentials::new("AKID-first", "s").into()),
            }
        })
    }
}

#[tokio::test]
async fn the_chain_keeps_to_the_step_that_worked_first() {
    let chain = DefaultChain::from_steps(vec![
        ("first".into(), SharedIdentityResolver::new(FailsOnce::default())),
        ("second".into(), SharedIdentityResolver::new(Credentials::new("AKID-second", "s"))),
    ]);
    for _ in 0..3 {
        assert_eq!(chain.resolve_identity().await.unwrap().access_key("t").unwrap().access_key_id(), "AKID-second");
    }
}

/// A clock the test sets by hand (unix seconds).
#[derive(Debug, Clone)]
struct HandClock(std::sync::Arc<std::sync::atomic::AtomicI64>);

impl yun_runtime::clock::Clock for HandClock {
    fn now(&self) -> time::OffsetDateTime {
        time::OffsetDateTime::from_unix_timestamp(self.0.load(std::sync::atomic::Ordering::SeqCst)).unwrap()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn role_credentials_that_expire_during_a_run_of_calls_are_renewed_once() {
    // STS answers credentials expiring at 2098-01-01T00:00:00Z (4039372800), then at
    // 2099-01-01T00:00:00Z.
    let sts = TestServer::start(vec![Reply::json(200, &SESSION.replace("2099-", "2098-")), Reply::json(200, SESSION)]).await;
    let role = RamRoleArn::new(Credentials::new("AKID-source", "s3cr3t-source"), role(&sts.url)).unwrap();
    let clock = HandClock(std::sync::Arc::new(std::sync::atomic::AtomicI64::new(4_039_372_800 - 3600)));
    let shared = IdentityCache::new("STS AssumeRole", role).with_clock(clock.clone()).into_shared();
    let target = TestServer::start(vec![Reply::json(200, r#"{"RequestId":"x","AccountId":"1"}"#)]).await;
    let config = yun_aliyun_sts::Config::builder().region("cn-hangzhou").endpoint(&target.url).identity_provider(shared).build().unwrap();
    let client = yun_aliyun_sts::Client::new(config);
    let run = |client: yun_aliyun_sts::Client| async move {
        let calls: Vec<_> = (0..50)
            .map(|_| {
                let client = client.clone();
                tokio::spawn(async move {
                    client.get_caller_identity(yun_aliyun_sts::operation::GetCallerIdentityInput::builder().build().unwrap()).await
                })
            })
            .collect();
        for call in calls {
            call.await.unwrap().unwrap();
        }
    };
    run(client.clone()).await;
    assert_eq!(sts.requests().len(), 1, "50 calls, one AssumeRole");
    // The credentials expire: the next 50 calls wait for one renewal.
    clock.0.store(4_039_372_800 + 1, std::sync::atomic::Ordering::SeqCst);
    run(client.clone()).await;
    assert_eq!(sts.requests().len(), 2, "one renewal for 50 calls");
    assert_eq!(target.requests().len(), 100);
}

#[tokio::test]
async fn a_role_name_that_would_change_the_metadata_path_is_refused() {
    let server = TestServer::start(vec![text(200, "tok")]).await;
    let provider = EcsRamRole::new(Some("../../user-data".into())).unwrap().with_endpoint(&server.url);
    let e = provider.resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("role name `../../user-data` has a `/`"), "{e}");
    assert!(server.requests().iter().all(|r| !r.path.contains("user-data")));
}
