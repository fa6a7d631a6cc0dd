//! Client configuration for Aliyun services.

use std::sync::Arc;
use std::time::Duration;

use super::{env, ServiceInfo, SignatureVersion};
use crate::clock::{Clock, NonceSource, RandomNonce, SystemClock};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::http::{HttpClient, Timeouts};
use crate::retry::RetryConfig;

/// How a client reaches, signs for and waits on a service. Build with [`Config::builder`]
/// or [`Config::from_env`].
#[derive(Debug, Clone)]
pub struct Config {
    region: String,
    endpoint: Option<String>,
    credentials: Credentials,
    signature: Option<SignatureVersion>,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
    retry: RetryConfig,
    http: HttpClient,
}

impl Config {
    /// A builder.
    pub fn builder() -> ConfigBuilder {
        ConfigBuilder::default()
    }

    /// Region from `ALIBABA_CLOUD_REGION_ID`, credentials from `ALIBABA_CLOUD_ACCESS_KEY_ID`,
    /// `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and (optional) `ALIBABA_CLOUD_SECURITY_TOKEN`.
    pub fn from_env() -> Result<Self, Error> {
        Self::builder().from_env()?.build()
    }

    /// The region id.
    pub fn region(&self) -> &str {
        &self.region
    }

    /// The credentials.
    pub fn credentials(&self) -> &Credentials {
        &self.credentials
    }

    /// The chosen signature, if one was chosen (else the service's default).
    pub fn signature_version(&self) -> Option<SignatureVersion> {
        self.signature
    }

    /// The clock used for signing.
    pub fn clock(&self) -> &dyn Clock {
        self.clock.as_ref()
    }

    /// The nonce source used for signing.
    pub fn nonce_source(&self) -> &dyn NonceSource {
        self.nonce.as_ref()
    }

    /// Retry settings.
    pub fn retry(&self) -> RetryConfig {
        self.retry
    }

    /// Timeouts.
    pub fn timeouts(&self) -> Timeouts {
        self.http.timeouts()
    }

    /// The HTTP client.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// Scheme and host for `service`: the override if one was set, else the service's
    /// pattern with the region filled in, over HTTPS.
    pub fn endpoint_for(&self, service: &ServiceInfo) -> (String, String) {
        match &self.endpoint {
            Some(e) => match e.split_once("://") {
                Some((scheme, host)) => (scheme.to_owned(), host.trim_end_matches('/').to_owned()),
                None => ("https".to_owned(), e.trim_end_matches('/').to_owned()),
            },
            None => ("https".to_owned(), service.endpoint.replace("{region}", &self.region)),
        }
    }
}

/// Builder for [`Config`].
#[derive(Debug, Default)]
pub struct ConfigBuilder {
    region: Option<String>,
    endpoint: Option<String>,
    credentials: Option<Credentials>,
    signature: Option<SignatureVersion>,
    clock: Option<Arc<dyn Clock>>,
    nonce: Option<Arc<dyn NonceSource>>,
    retry: Option<RetryConfig>,
    timeouts: Timeouts,
}

impl ConfigBuilder {
    /// The region id, e.g. `cn-hangzhou` (required).
    pub fn region(mut self, region: impl Into<String>) -> Self {
        self.region = Some(region.into());
        self
    }

    /// Sends to this host (`swas.example.com`) or URL (`http://127.0.0.1:8080`) instead
    /// of the one derived from the region.
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Credentials (required).
    pub fn credentials(mut self, credentials: Credentials) -> Self {
        self.credentials = Some(credentials);
        self
    }

    /// Signs with this signature instead of the service's default.
    pub fn signature_version(mut self, signature: SignatureVersion) -> Self {
        self.signature = Some(signature);
        self
    }

    /// Uses this clock for signature timestamps.
    pub fn clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Some(Arc::new(clock));
        self
    }

    /// Uses this source for signature nonces.
    pub fn nonce_source(mut self, nonce: impl NonceSource + 'static) -> Self {
        self.nonce = Some(Arc::new(nonce));
        self
    }

    /// Retry settings.
    pub fn retry(mut self, retry: RetryConfig) -> Self {
        self.retry = Some(retry);
        self
    }

    /// Connection timeout (default 10 s).
    pub fn connect_timeout(mut self, limit: Duration) -> Self {
        self.timeouts.connect = limit;
        self
    }

    /// Timeout of one attempt (default 30 s).
    pub fn attempt_timeout(mut self, limit: Duration) -> Self {
        self.timeouts.attempt = limit;
        self
    }

    /// Timeout of a whole operation, retries included (default 120 s).
    pub fn operation_timeout(mut self, limit: Duration) -> Self {
        self.timeouts.operation = limit;
        self
    }

    /// Fills region and credentials from the environment where they are not set yet.
    pub fn from_env(mut self) -> Result<Self, Error> {
        if self.region.is_none() {
            self.region = std::env::var(env::REGION_ID).ok().filter(|r| !r.is_empty());
        }
        if self.credentials.is_none() {
            self.credentials = Some(Credentials::from_env_vars(
                env::ACCESS_KEY_ID,
                env::ACCESS_KEY_SECRET,
                Some(env::SECURITY_TOKEN),
            )?);
        }
        Ok(self)
    }

    /// Checks and builds the configuration.
    pub fn build(self) -> Result<Config, Error> {
        let region = self.region.ok_or_else(|| {
            Error::Config(format!("no region: call .region(\"cn-hangzhou\") or set {}", env::REGION_ID))
        })?;
        let credentials = self.credentials.ok_or_else(|| {
            Error::Credentials(format!(
                "no credentials: call .credentials(..) or set {} and {}",
                env::ACCESS_KEY_ID,
                env::ACCESS_KEY_SECRET
            ))
        })?;
        if let Some(e) = &self.endpoint {
            let host = e.split_once("://").map_or(e.as_str(), |(_, h)| h);
            let scheme_ok = e.split_once("://").is_none_or(|(s, _)| s == "http" || s == "https");
            if host.is_empty() || !scheme_ok || host.trim_end_matches('/').contains('/') {
                return Err(Error::Config(format!(
                    "endpoint `{e}` is not a host or an http(s)://host[:port] URL"
                )));
            }
        }
        Ok(Config {
            region,
            endpoint: self.endpoint,
            credentials,
            signature: self.signature,
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            nonce: self.nonce.unwrap_or_else(|| Arc::new(RandomNonce)),
            retry: self.retry.unwrap_or_default(),
            http: HttpClient::new(self.timeouts)?,
        })
    }
}
