//! Client configurations for the emulator: a provider's configuration builder with the region
//! the emulator's tests and examples call, an emulated service's endpoint and the documented
//! test key the default [`crate::Config`] accepts, to which a caller adds its own options
//! (transport, retry, clock) before `build()`; or, with nothing to add, a generated crate's
//! client built so ([`client`]):
//!
//! ```no_run
//! # async fn run() -> Result<(), Box<dyn std::error::Error>> {
//! let emulator = yun_emulator::spawn().await?;
//! let config = yun_emulator::client_config::aliyun(&emulator.endpoints.aliyun_ecs).build()?;
//! let ecs = yun_aliyun_ecs::Client::new(config);
//! let kec: yun_ksyun_kec::Client = yun_emulator::client_config::client(&emulator)?;
//! # let _ = (ecs, kec);
//! # Ok(())
//! # }
//! ```

use yun_runtime::server::{aliyun as aliyun_server, inspur as inspur_server, jdcloud as jdcloud_server, ksyun as ksyun_server};
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

/// An Inspur client's configuration for `endpoint`: region `cn-north-3`, the bearer token
/// [`inspur_server::TEST_TOKEN`].
pub fn inspur(endpoint: &str) -> yun_runtime::inspur::ConfigBuilder {
    yun_runtime::inspur::Config::builder().region("cn-north-3").endpoint(endpoint).bearer_token(inspur_server::TEST_TOKEN)
}

/// A generated crate's client of its service in an emulator, configured by this module's
/// function for its provider (region, test key or token) and the SDK's defaults otherwise:
/// what [`client`] makes.
pub trait EmulatedClient: Sized {
    /// The client of `emulator`'s service.
    ///
    /// # Errors
    ///
    /// The configuration's error (`build()`), should the emulator's endpoint not be a URL.
    fn emulated(emulator: &crate::Emulator) -> Result<Self, yun_runtime::Error>;
}

macro_rules! emulated_clients {
    ($(($name:literal, $provider:ident, $krate:ident, $field:ident, $config:ident, $catalogue:tt, $doc:literal),)*) => {$(
        impl EmulatedClient for $krate::Client {
            fn emulated(emulator: &crate::Emulator) -> Result<Self, yun_runtime::Error> {
                Ok(Self::new($config(&emulator.endpoints.$field).build()?))
            }
        }
    )*};
}

crate::for_each_service!(emulated_clients);

/// The client `C` of `emulator`'s service (`let kec: yun_ksyun_kec::Client =
/// client(&emulator)?`), configured as [`EmulatedClient`] says.
///
/// # Errors
///
/// As [`EmulatedClient::emulated`].
pub fn client<C: EmulatedClient>(emulator: &crate::Emulator) -> Result<C, yun_runtime::Error> {
    C::emulated(emulator)
}
