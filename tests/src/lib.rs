//! Shared helpers for the workspace tests: a local HTTP server that records what it
//! receives and answers from a script, the Aliyun SDK's recorded parameters, the KEC
//! document's samples, and the check of a spec against an SDK's request facts.

pub mod aliyun_vectors;
pub mod ksyun_samples;
pub mod logs;
pub mod pages;
pub mod server;
pub mod spec_vs_sdk;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

/// A file under `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)
}

/// Calls `$m!(args… [crates])` with the list of every generated crate that has a server
/// side (`yun_aliyun_swas, …, yun_fixture_recursive`, in brackets after the arguments given),
/// so the server tests (`server_round_trip`, `server_no_panics`) cover one table: a new crate
/// is one line here. For example `for_each_server_crate!(each!(seed,))` calls
/// `each!(seed, [yun_aliyun_swas, …])`.
#[macro_export]
macro_rules! for_each_server_crate {
    ($m:ident ! ($($arg:tt)*)) => {
        $m!(
            $($arg)*
            [
                yun_aliyun_swas,
                yun_aliyun_sts,
                yun_aliyun_ecs,
                yun_aliyun_cms,
                yun_aliyun_vpc,
                yun_ksyun_kec,
                yun_ksyun_vpc,
                yun_ksyun_sks,
                yun_ksyun_cloud_market,
                yun_jdcloud_vm,
                yun_inspur_ecs,
                yun_fixture_every_type,
                yun_fixture_keywords,
                yun_fixture_near_collisions,
                yun_fixture_paged,
                yun_fixture_recursive,
            ]
        )
    };
}

/// Calls the macro `$m` with every SWAS action that has a response fixture and its output
/// type (`"ListInstances" => ListInstancesOutput, …`), the types named as
/// `yun_aliyun_swas::operation` exports them (bring them into scope at the call).
#[macro_export]
macro_rules! for_each_swas_output {
    ($m:ident) => {
        $m! {
            "AddCustomImageShareAccount" => AddCustomImageShareAccountOutput,
            "CreateCustomImage" => CreateCustomImageOutput,
            "DeleteCustomImage" => DeleteCustomImageOutput,
            "DescribeInstancePasswordsSetting" => DescribeInstancePasswordsSettingOutput,
            "DescribeInstanceVncUrl" => DescribeInstanceVncUrlOutput,
            "ListCustomImageShareAccounts" => ListCustomImageShareAccountsOutput,
            "ListCustomImages" => ListCustomImagesOutput,
            "ListImages" => ListImagesOutput,
            "ListInstancePlansModification" => ListInstancePlansModificationOutput,
            "ListInstanceStatus" => ListInstanceStatusOutput,
            "ListInstances" => ListInstancesOutput,
            "ListInstancesTrafficPackages" => ListInstancesTrafficPackagesOutput,
            "ListPlans" => ListPlansOutput,
            "ListRegions" => ListRegionsOutput,
            "LoginInstance" => LoginInstanceOutput,
            "ModifyImageShareStatus" => ModifyImageShareStatusOutput,
            "ModifyInstanceVncPassword" => ModifyInstanceVncPasswordOutput,
            "RebootInstance" => RebootInstanceOutput,
            "RebootInstances" => RebootInstancesOutput,
            "RemoveCustomImageShareAccount" => RemoveCustomImageShareAccountOutput,
            "RenewInstance" => RenewInstanceOutput,
            "ResetSystem" => ResetSystemOutput,
            "StartInstance" => StartInstanceOutput,
            "StartInstances" => StartInstancesOutput,
            "StartTerminalSession" => StartTerminalSessionOutput,
            "StopInstance" => StopInstanceOutput,
            "StopInstances" => StopInstancesOutput,
            "UpdateInstanceAttribute" => UpdateInstanceAttributeOutput,
            "UpgradeInstance" => UpgradeInstanceOutput,
        }
    };
}

/// The identity `provider` gives now, resolved on a runtime of its own (for tests that are
/// not async); panics on an error.
pub fn resolve(provider: &dyn yun_runtime::ResolveIdentity) -> yun_runtime::Identity {
    let runtime = tokio::runtime::Builder::new_current_thread().build().expect("a runtime");
    runtime.block_on(provider.resolve_identity()).expect("an identity")
}

/// The access key pair of a configuration's identity provider.
pub fn credentials<P: yun_runtime::config::Provider>(config: &yun_runtime::config::Config<P>) -> yun_runtime::Credentials {
    resolve(config.identity_provider()).access_key("the test").expect("an access key pair").clone()
}
