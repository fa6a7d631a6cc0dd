//! The credential chain: explicit credentials, then the provider's environment variables,
//! then (Aliyun) the CLI profile file; a clear error naming what was looked for.

use std::collections::HashMap;

use yun_runtime::aliyun::Config as AliyunConfig;
use yun_runtime::ksyun::Config as KsyunConfig;

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
