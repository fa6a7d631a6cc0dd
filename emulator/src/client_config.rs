//! Client configurations for the emulator: a provider's configuration builder with the region
//! the emulator's tests and examples call, an emulated service's endpoint and the documented
//! test key the default [`crate::Config`] accepts, to which a caller adds its own options
//! (transport, retry, clock) before `build()`:
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = yun_emulator::spawn().await?;
//! let config = yun_emulator::client_config::aliyun(&emulator.endpoints.aliyun_ecs).build()?;
//! let ecs = yun_aliyun_ecs::Client::new(config);
//! # let _ = ecs;
//! # Ok(())
//! # }
//! ```

use yun_runtime::server::{aliyun as aliyun_server, jdcloud as jdcloud_server, ksyun as ksyun_server};
use yun_runtime::Credentials;

/// An Aliyun client's configuration for `endpoint` (an emulated Aliyun service's): region
/// `cn-hangzhou`, the key [`aliyun_server::TEST_ACCESS_KEY_ID`].
pub fn aliyun(endpoint: &str) -> yun_runtime::aliyun::ConfigBuilder {
    yun_runtime::aliyun::Config::builder()
        .region("cn-hangzhou")
        .endpoint(endpoint)
        .credentials(Credentials::new(aliyun_server::TEST_ACCESS_KEY_ID, aliyun_server::TEST_ACCESS_KEY_SECRET))
}

/// A Kingsoft client's configuration for `endpoint`: region [`ksyun_server::TEST_REGION`]
/// (`cn-beijing-6`), the key [`ksyun_server::TEST_ACCESS_KEY_ID`].
pub fn ksyun(endpoint: &str) -> yun_runtime::ksyun::ConfigBuilder {
    yun_runtime::ksyun::Config::builder()
        .region(ksyun_server::TEST_REGION)
        .endpoint(endpoint)
        .credentials(Credentials::new(ksyun_server::TEST_ACCESS_KEY_ID, ksyun_server::TEST_ACCESS_KEY_SECRET))
}

/// A JD Cloud client's configuration for `endpoint`: region `cn-north-1`, the key
/// [`jdcloud_server::TEST_ACCESS_KEY_ID`].
pub fn jdcloud(endpoint: &str) -> yun_runtime::jdcloud::ConfigBuilder {
    yun_runtime::jdcloud::Config::builder()
        .region("cn-north-1")
        .endpoint(endpoint)
        .credentials(Credentials::new(jdcloud_server::TEST_ACCESS_KEY_ID, jdcloud_server::TEST_ACCESS_KEY_SECRET))
}
