//! The redaction scan of the credential providers: keys, role session tokens, OIDC tokens and
//! IMDS tokens never in Debug, Display, errors or logs (at TRACE), through successes,
//! failures and the cache's warning on a failed renewal. Its own test binary: the log capture
//! is per thread, and nothing else logs here.

use yun_aliyun_credentials::{CredentialsUri, DefaultChain, EcsRamRole, OidcRole, RamRoleArn, RoleOptions};
use yun_runtime::clock::FixedClock;
use yun_runtime::identity::{IdentityCache, ResolveIdentity};
use yun_runtime::Credentials;
use yun_tests::server::{Reply, TestServer};

const SOURCE_SECRET: &str = "S0urce-S3cr3t";
const ROLE_SECRET: &str = "R0le-S3cr3t";
const ROLE_TOKEN: &str = "R0le-Sess10n-T0ken";
const OIDC_TOKEN: &str = "0idc-Id3ntity-T0ken";
const IMDS_TOKEN: &str = "1mds-Sess10n-T0ken";

fn assert_clean(what: &str, text: &str) {
    for secret in [SOURCE_SECRET, ROLE_SECRET, ROLE_TOKEN, OIDC_TOKEN, IMDS_TOKEN] {
        assert!(!text.contains(secret), "{what} shows a secret:\n{text}");
    }
}

fn text(status: u16, body: &str) -> Reply {
    Reply::Respond { status, headers: Vec::new(), body: body.as_bytes().to_vec() }
}

#[tokio::test]
async fn no_credential_secret_in_debug_errors_or_logs() {
    let capture = yun_tests::logs::capture(tracing::Level::TRACE);
    // Expires at 2027-01-15T08:05:00Z; the cache's clock stands 100 s before: inside the window.
    let session = format!(
        r#"{{"RequestId":"r","Code":"Success","Credentials":{{"AccessKeyId":"STS.k","AccessKeySecret":"{ROLE_SECRET}","SecurityToken":"{ROLE_TOKEN}","Expiration":"2027-01-15T08:05:00Z"}},"AccessKeyId":"STS.k","AccessKeySecret":"{ROLE_SECRET}","SecurityToken":"{ROLE_TOKEN}","Expiration":"2027-01-15T08:05:00Z"}}"#
    );
    let echo = format!(r#"{{"RequestId":"r","Code":"InvalidParameter","Message":"bad token {OIDC_TOKEN}"}}"#);
    let mut shown = Vec::new();

    // The metadata service: success, then a failed renewal the cache logs and survives.
    let ecs = TestServer::start(vec![text(200, IMDS_TOKEN), Reply::json(200, &session), text(200, IMDS_TOKEN), text(500, "down")]).await;
    let provider = EcsRamRole::new(Some("web".into())).unwrap().with_endpoint(&ecs.url);
    shown.push(format!("{provider:?}"));
    let cache = IdentityCache::new("the ECS instance role", provider).with_clock(FixedClock::from_unix(1_800_000_000 - 100 + 300).unwrap());
    let first = cache.resolve_identity().await.unwrap();
    let kept = cache.resolve_identity().await.unwrap();
    assert_eq!(first, kept);
    shown.push(format!("{first:?} {cache:?}"));

    // STS AssumeRole: success and an error.
    let sts = TestServer::start(vec![Reply::json(200, &session), Reply::json(403, r#"{"RequestId":"r","Code":"NoPermission"}"#)]).await;
    let mut options = RoleOptions::new("acs:ram::1:role/r", &|_| None);
    options.endpoint = sts.url.clone();
    let role = RamRoleArn::new(Credentials::new("AKID", SOURCE_SECRET), options.clone()).unwrap();
    let identity = role.resolve_identity().await.expect("AssumeRole answers");
    shown.push(format!("{role:?} {identity:?}"));
    let e = role.resolve_identity().await.unwrap_err();
    shown.push(format!("{e:?} {e}"));

    // OIDC: success, and an error that echoes the token.
    let dir = std::env::temp_dir().join(format!("yun-oidc-redaction-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("token"), OIDC_TOKEN).unwrap();
    let oidc_server = TestServer::start(vec![Reply::json(200, &session), Reply::json(400, &echo)]).await;
    options.endpoint = oidc_server.url.clone();
    let oidc = OidcRole::new(options, "acs:ram::1:oidc-provider/p", dir.join("token")).unwrap();
    let identity = oidc.resolve_identity().await.expect("AssumeRoleWithOIDC answers");
    shown.push(format!("{oidc:?} {identity:?}"));
    let e = oidc.resolve_identity().await.unwrap_err();
    shown.push(format!("{e:?} {e}"));

    // The URI, and a chain that fails everywhere.
    // Its own server: a successful answer is what could carry the secret.
    let uri_server = TestServer::start(vec![Reply::json(200, &session)]).await;
    let uri = CredentialsUri::new(format!("{}/c?k={IMDS_TOKEN}", uri_server.url)).unwrap();
    let identity = uri.resolve_identity().await.expect("the credentials URI answers");
    shown.push(format!("{uri:?} {identity:?}"));
    let chain = DefaultChain::from_lookup(&|name: &str| match name {
        "ALIBABA_CLOUD_ACCESS_KEY_ID" => Some("AKID".into()),
        "ALIBABA_CLOUD_ECS_METADATA_DISABLED" => Some("true".into()),
        _ => None,
    });
    shown.push(format!("{chain:?} {:?}", chain.resolve_identity().await));

    for (i, text) in shown.iter().enumerate() {
        assert_clean(&format!("item {i}"), text);
    }
    let logs = capture.text();
    assert!(logs.contains("WARN") && logs.contains("the ECS instance role") && logs.contains("HTTP 500"), "{logs}");
    assert_clean("logs", &logs);
}
