//! Every generated Aliyun client's `Client::from_env()` takes its credentials from the
//! default chain of `yun-aliyun-credentials` (here: the `~/.alibabacloud/credentials` file, a
//! step the runtime's own `Config::from_env` does not read). The environment is the
//! process's, so the check runs in a child process with its own variables. (The region from
//! the CLI profile: `credentials/aliyun/tests/client_config.rs`.)

use std::process::Command;

use yun_runtime::identity::ResolveIdentity;

const CHILD: &str = "YUN_FROM_ENV_CHILD";

#[test]
fn from_env_uses_the_default_chain() {
    let home = std::env::temp_dir().join(format!("yun-from-env-{}", std::process::id()));
    std::fs::create_dir_all(home.join(".alibabacloud")).unwrap();
    std::fs::write(
        home.join(".alibabacloud/credentials"),
        "[default]\ntype = access_key\naccess_key_id = AK-INI\naccess_key_secret = ini-secret\n",
    )
    .unwrap();
    let mut child = Command::new(std::env::current_exe().unwrap());
    child.args(["--exact", "child", "--nocapture", "--test-threads=1"]);
    for (name, _) in std::env::vars() {
        if name.starts_with("ALIBABA_CLOUD_") || name.starts_with("ALICLOUD_") {
            child.env_remove(name);
        }
    }
    let out = child
        .env("HOME", &home)
        .env("ALIBABA_CLOUD_ECS_METADATA_DISABLED", "true")
        .env("ALIBABA_CLOUD_REGION_ID", "cn-qingdao")
        .env(CHILD, "1")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && text.contains("1 passed"), "{text}");
}

/// Runs only in the child process of [`from_env_uses_the_default_chain`].
#[test]
fn child() {
    if std::env::var_os(CHILD).is_none() {
        return;
    }
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let ecs = yun_aliyun_ecs::Client::from_env().unwrap();
    assert_eq!(ecs.config().region(), "cn-qingdao");
    let identity = runtime.block_on(ecs.config().identity_provider().resolve_identity()).unwrap();
    assert_eq!(identity.access_key("test").unwrap().access_key_id(), "AK-INI");
    assert!(yun_aliyun_ecs::Config::from_env().is_err(), "the runtime alone finds no keys here");
    let swas = yun_aliyun_swas::Client::from_env().unwrap();
    let identity = runtime.block_on(swas.config().identity_provider().resolve_identity()).unwrap();
    assert_eq!(identity.access_key("test").unwrap().access_key_id(), "AK-INI");
}
