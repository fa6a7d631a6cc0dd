//! `config_from_lookup`, what every generated Aliyun client's `Client::from_env()` uses: the
//! default chain for credentials, the region from the variable or else the CLI profile.

use std::collections::HashMap;
use std::path::PathBuf;

use yun_aliyun_credentials::config_from_lookup;
use yun_runtime::identity::ResolveIdentity;

fn lookup<'a>(vars: &'a HashMap<&'static str, String>) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| vars.get(name).cloned()
}

/// A home folder with a CLI profile (`region_id` cn-beijing) or only a credentials file.
fn home(name: &str, cli_profile: bool) -> PathBuf {
    let home = std::env::temp_dir().join(format!("yun-client-config-{name}-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".aliyun")).unwrap();
    std::fs::create_dir_all(home.join(".alibabacloud")).unwrap();
    if cli_profile {
        std::fs::write(
            home.join(".aliyun/config.json"),
            r#"{"current":"default","profiles":[{"name":"default","mode":"AK","access_key_id":"AK-CLI","access_key_secret":"cli-secret","region_id":"cn-beijing"}]}"#,
        )
        .unwrap();
    }
    std::fs::write(
        home.join(".alibabacloud/credentials"),
        "[default]\ntype = access_key\naccess_key_id = AK-INI\naccess_key_secret = ini-secret\n",
    )
    .unwrap();
    home
}

fn vars(home: &std::path::Path, extra: &[(&'static str, &str)]) -> HashMap<&'static str, String> {
    let mut vars = HashMap::from([("HOME", home.display().to_string()), ("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true".to_owned())]);
    vars.extend(extra.iter().map(|&(k, v)| (k, v.to_owned())));
    vars
}

#[tokio::test]
async fn the_profile_gives_region_and_keys_through_the_chain() {
    let home = home("profile", true);
    let vars = vars(&home, &[]);
    let config = config_from_lookup(&lookup(&vars)).unwrap();
    assert_eq!(config.region(), "cn-beijing");
    let identity = config.identity_provider().resolve_identity().await.unwrap();
    assert_eq!(identity.access_key("test").map(|c| c.access_key_id()).ok(), Some("AK-CLI"));
}

#[tokio::test]
async fn the_region_variable_wins_and_steps_the_runtime_lacks_are_used() {
    // No CLI profile: only the credentials file (a step of the chain, not of the runtime's
    // `Config::from_env`), and the region from the variable.
    let home = home("ini", false);
    let vars = vars(&home, &[("ALIBABA_CLOUD_REGION_ID", "cn-shanghai")]);
    let config = config_from_lookup(&lookup(&vars)).unwrap();
    assert_eq!(config.region(), "cn-shanghai");
    let identity = config.identity_provider().resolve_identity().await.unwrap();
    assert_eq!(identity.access_key("test").map(|c| c.access_key_id()).ok(), Some("AK-INI"));
    assert!(yun_runtime::aliyun::Config::builder().from_lookup(&lookup(&vars)).is_err(), "the runtime alone finds no keys here");
}

#[tokio::test]
async fn no_region_is_an_error_and_no_keys_fail_each_call_naming_the_steps() {
    let empty = std::env::temp_dir().join(format!("yun-client-config-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).unwrap();
    let e = config_from_lookup(&lookup(&vars(&empty, &[]))).unwrap_err().to_string();
    assert!(e.contains("ALIBABA_CLOUD_REGION_ID"), "{e}");

    let vars = vars(&empty, &[("ALIBABA_CLOUD_REGION_ID", "cn-hangzhou")]);
    let config = config_from_lookup(&lookup(&vars)).unwrap();
    let e = config.identity_provider().resolve_identity().await.unwrap_err().to_string();
    assert!(e.contains("environment") && e.contains("credentials file"), "{e}");
}
