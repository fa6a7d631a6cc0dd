//! The profile files: every mode and type, and what is wrong with a broken one.

use std::path::{Path, PathBuf};

use yun_aliyun_credentials::profile::{parse_cli_config, parse_credentials_file, parse_ini};
use yun_aliyun_credentials::ProfileSource;
use yun_runtime::Credentials;

fn fixture(name: &str) -> (PathBuf, String) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let text = std::fs::read_to_string(&path).unwrap();
    (path, text)
}

fn no_env(_: &str) -> Option<String> {
    None
}

fn cli(name: Option<&str>) -> Result<(ProfileSource, Option<String>), String> {
    let (path, text) = fixture("config.json");
    parse_cli_config(&text, name, &path, &no_env)
}

fn assume(source: &ProfileSource) -> (&ProfileSource, &yun_aliyun_credentials::RoleOptions) {
    match source {
        ProfileSource::AssumeRole { source, role } => (source, role),
        other => panic!("not a role: {other:?}"),
    }
}

#[test]
fn cli_modes_ak_and_sts_token() {
    let (source, region) = cli(None).unwrap();
    assert_eq!(source, ProfileSource::Static(Credentials::new("AKID-ak", "s3cr3t-ak")));
    assert_eq!(region.as_deref(), Some("cn-shanghai"));
    let (source, region) = cli(Some("sts")).unwrap();
    assert_eq!(source, ProfileSource::Static(Credentials::new("STS.id", "s3cr3t-sts").with_security_token("t0k3n-sts")));
    assert_eq!(region, None);
}

#[test]
fn cli_mode_ram_role_arn_takes_every_role_option() {
    let (source, _) = cli(Some("role")).unwrap();
    let (from, role) = assume(&source);
    assert_eq!(from, &ProfileSource::Static(Credentials::new("AKID-role", "s3cr3t-role")));
    assert_eq!(role.role_arn, "acs:ram::123:role/deploy");
    assert_eq!((role.session_name.as_str(), role.duration_seconds), ("ci", 1800));
    assert_eq!(role.endpoint, "https://sts-vpc.cn-beijing.aliyuncs.com");
    assert_eq!((role.policy.as_deref(), role.external_id.as_deref()), (Some("{\"Version\":\"1\"}"), Some("ext-1")));
}

#[test]
fn cli_mode_chainable_ram_role_arn_nests_its_source_and_refuses_loops() {
    let (source, _) = cli(Some("chained")).unwrap();
    let (from, role) = assume(&source);
    assert_eq!(
        (role.role_arn.as_str(), role.duration_seconds, role.endpoint.as_str()),
        ("acs:ram::456:role/audit", 3600, "https://sts.aliyuncs.com")
    );
    let (inner, inner_role) = assume(from);
    assert_eq!(inner_role.role_arn, "acs:ram::123:role/deploy");
    assert_eq!(inner, &ProfileSource::Static(Credentials::new("AKID-role", "s3cr3t-role")));
    let e = cli(Some("loop-a")).unwrap_err();
    assert!(e.contains("profile `loop-a`") && e.contains("loop of source_profile"), "{e}");
}

#[test]
fn cli_modes_ecs_ram_role_and_oidc() {
    assert_eq!(cli(Some("ecs")).unwrap().0, ProfileSource::EcsRamRole(Some("web".into())));
    assert_eq!(cli(Some("ecs-any")).unwrap().0, ProfileSource::EcsRamRole(None));
    match cli(Some("oidc")).unwrap().0 {
        ProfileSource::Oidc { role, provider_arn, token_file } => {
            assert_eq!(role.role_arn, "acs:ram::1:role/pod");
            assert_eq!((provider_arn.as_str(), token_file.as_str()), ("acs:ram::1:oidc-provider/ack", "/var/run/token"));
        }
        other => panic!("{other:?}"),
    }
}

#[test]
fn broken_cli_profiles_say_what_is_wrong_without_secrets() {
    let cases = [
        ("sts-no-token", "has no sts_token"),
        ("sso", "mode `CloudSSO` is not supported by yun"),
        ("role-no-arn", "has no ram_role_arn"),
        ("nope", "has no profile `nope`"),
    ];
    for (name, expected) in cases {
        let e = cli(Some(name)).unwrap_err();
        assert!(e.contains(expected) && e.contains("config.json"), "{name}: {e}");
        assert!(!e.contains("s3cr3t"), "{e}");
    }
    let path = Path::new("/x/config.json");
    let e = parse_cli_config("{\"profiles\": [", None, path, &no_env).unwrap_err();
    assert!(e.starts_with("/x/config.json is not an Aliyun CLI config file"), "{e}");
    let e = parse_cli_config("{\"profiles\": []}", None, path, &no_env).unwrap_err();
    assert!(e.contains("names no current profile and ALIBABA_CLOUD_PROFILE is not set"), "{e}");
}

#[test]
fn the_ini_reader_keeps_order_and_names_bad_lines() {
    let sections = parse_ini("# c\n[a]\nk = v = w\n\n[ b ]\n; c\nx=\n").unwrap();
    assert_eq!(
        sections,
        vec![("a".to_owned(), vec![("k".to_owned(), "v = w".to_owned())]), ("b".to_owned(), vec![("x".to_owned(), String::new())])]
    );
    assert_eq!(parse_ini("[a\n").unwrap_err(), "line 1: a section header without `]`");
    assert_eq!(parse_ini("k = v\n").unwrap_err(), "line 1: a key before any `[section]`");
    assert_eq!(parse_ini("[a]\njunk\n").unwrap_err(), "line 2: neither `[section]` nor `key = value`");
}

#[test]
fn credentials_file_types() {
    let (path, text) = fixture("credentials");
    let get = |name: &str| parse_credentials_file(&text, name, &path, &no_env);
    assert_eq!(get("default").unwrap(), ProfileSource::Static(Credentials::new("foo", "s3cr3t-bar")));
    assert_eq!(get("ecs").unwrap(), ProfileSource::EcsRamRole(Some("EcsRamRoleTest".into())));
    let ram = get("ram").unwrap();
    let (from, role) = assume(&ram);
    assert_eq!(from, &ProfileSource::Static(Credentials::new("foo", "s3cr3t-bar")));
    assert_eq!((role.role_arn.as_str(), role.session_name.as_str(), role.duration_seconds), ("role_arn", "session_name", 1200));
    for (name, expected) in [
        ("noak", "[noak] of"),
        ("noecs", "has no role_name"),
        ("notype", "has no type"),
        ("rsa", "type `rsa_key_pair` is not supported"),
        ("absent", "has no section [absent]"),
    ] {
        let e = get(name).unwrap_err();
        assert!(e.contains(expected) && !e.contains("s3cr3t"), "{name}: {e}");
    }
    let e =
        parse_credentials_file("[default]\ntype = access_key\naccess_key_id = a\nbroken line\n", "default", &path, &no_env).unwrap_err();
    assert!(e.contains("is not an ini file: line 4"), "{e}");
}
