//! Client configuration: region, endpoint, credentials, signature, time, retries, timeouts.
//!
//! One type for every provider; the provider decides which environment variables
//! [`Config::from_env`] reads and which signatures can be chosen.

use std::fmt::Debug;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use crate::clock::{Clock, NonceSource, RandomNonce, SystemClock};
use crate::credentials::Credentials;
use crate::error::Error;
use crate::http::{HttpClient, Timeouts};
use crate::retry::{RetryBudget, RetryConfig};
use crate::token::{StaticToken, TokenSource};

/// What differs between providers' configurations.
pub trait Provider: Debug + Clone + Copy + Default + Send + Sync + 'static {
    /// The environment variables the provider's own SDKs and CLI read.
    const ENV: EnvNames;
    /// The signatures a client of this provider can choose between.
    type Signature: Debug + Clone + Copy + PartialEq + Send + Sync + 'static;
    /// Options only this provider's clients have (Kingsoft: the request method and the
    /// global host); `()` for the others.
    type Options: Debug + Clone + Copy + Default + Send + Sync + 'static;

    /// How requests are authorized: access keys that sign them (the default) or a bearer token.
    const AUTH: Auth = Auth::AccessKey;
    /// The environment variable holding a bearer token ([`Auth::BearerToken`] providers).
    const TOKEN_ENV: Option<&'static str> = None;
    /// The environment variable holding the endpoint, for a provider that publishes none: the
    /// configuration then needs one, and the region is optional.
    const ENDPOINT_ENV: Option<&'static str> = None;

    /// Where credentials (and a region) come from when the environment variables have none,
    /// e.g. the provider's CLI profile file; `None` when there is no such source. `lookup`
    /// reads environment variables.
    fn fallback(_lookup: &dyn Fn(&str) -> Option<String>) -> Option<Result<(Credentials, Option<String>), String>> {
        None
    }
}

/// How a provider authorizes requests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Auth {
    /// An access key pair signs each request.
    AccessKey,
    /// `Authorization: Bearer <token>`, the token from a [`TokenSource`].
    BearerToken,
}

/// Names of the environment variables credentials and region are read from.
#[derive(Debug, Clone, Copy)]
pub struct EnvNames {
    /// Access key id.
    pub access_key_id: &'static str,
    /// Access key secret.
    pub access_key_secret: &'static str,
    /// Security token (temporary credentials), if the provider has one.
    pub security_token: Option<&'static str>,
    /// Region id.
    pub region: &'static str,
}

/// How a client reaches, signs for and waits on a service. Build with [`Config::builder`]
/// or [`Config::from_env`].
#[derive(Debug, Clone)]
pub struct Config<P: Provider> {
    region: String,
    endpoint: Option<String>,
    credentials: Credentials,
    token: Option<Arc<dyn TokenSource>>,
    signature: Option<P::Signature>,
    options: P::Options,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
    retry: RetryConfig,
    budget: Arc<RetryBudget>,
    http: HttpClient,
    provider: PhantomData<P>,
}

impl<P: Provider> Config<P> {
    /// A builder.
    pub fn builder() -> ConfigBuilder<P> {
        ConfigBuilder::default()
    }

    /// Region and credentials from the provider's environment variables (for Aliyun:
    /// `ALIBABA_CLOUD_REGION_ID`, `ALIBABA_CLOUD_ACCESS_KEY_ID`,
    /// `ALIBABA_CLOUD_ACCESS_KEY_SECRET`, optional `ALIBABA_CLOUD_SECURITY_TOKEN`).
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

    /// The bearer-token source ([`Auth::BearerToken`] providers).
    pub fn token_source(&self) -> Option<&dyn TokenSource> {
        self.token.as_deref()
    }

    /// The chosen signature, if one was chosen (else the service's default).
    pub fn signature_version(&self) -> Option<P::Signature> {
        self.signature
    }

    /// The provider's own options (see the provider's module, e.g. [`crate::ksyun::Options`]).
    pub fn options(&self) -> &P::Options {
        &self.options
    }

    /// The configured endpoint override, as given to [`ConfigBuilder::endpoint`].
    pub fn endpoint_override(&self) -> Option<&str> {
        self.endpoint.as_deref()
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

    /// The retry budget shared by the clients made from this configuration.
    pub fn retry_budget(&self) -> &RetryBudget {
        &self.budget
    }

    /// Timeouts.
    pub fn timeouts(&self) -> Timeouts {
        self.http.timeouts()
    }

    /// The HTTP client.
    pub fn http(&self) -> &HttpClient {
        &self.http
    }

    /// A copy with other retry settings, e.g. for one call
    /// (`client.with_retry(RetryConfig::disabled())`); the retry budget stays shared.
    pub fn with_retry(&self, retry: RetryConfig) -> Self {
        Self { retry, ..self.clone() }
    }

    /// A copy with other attempt and whole-operation timeouts, e.g. for one slow call; the
    /// connection pool, its connect timeout and the retry budget stay shared.
    pub fn with_timeouts(&self, attempt: Duration, operation: Duration) -> Self {
        Self { http: self.http.with_timeouts(attempt, operation), ..self.clone() }
    }

    /// Scheme and host for a service whose endpoint pattern is `pattern`: the override if
    /// one was set, else the pattern with `{region}` filled in, over HTTPS.
    ///
    /// The host is the one the HTTP client will send in its `Host` header, since signatures
    /// sign it: lowercased, and without the scheme's default port (`https://H:443` is sent
    /// as `Host: h`), as URL parsing writes it.
    pub fn endpoint_for(&self, pattern: &str) -> (String, String) {
        let (scheme, host) = match &self.endpoint {
            Some(e) => match e.split_once("://") {
                Some((scheme, host)) => (scheme.to_ascii_lowercase(), host.trim_end_matches('/').to_owned()),
                None => ("https".to_owned(), e.trim_end_matches('/').to_owned()),
            },
            None => ("https".to_owned(), pattern.replace("{region}", &self.region)),
        };
        let normalized = reqwest::Url::parse(&format!("{scheme}://{host}/")).ok().and_then(|url| {
            let name = url.host_str()?.to_owned();
            Some(url.port().map_or(name.clone(), |port| format!("{name}:{port}")))
        });
        (scheme, normalized.unwrap_or(host))
    }
}

/// Builder for [`Config`].
#[derive(Debug)]
pub struct ConfigBuilder<P: Provider> {
    region: Option<String>,
    endpoint: Option<String>,
    credentials: Option<Credentials>,
    token: Option<Arc<dyn TokenSource>>,
    signature: Option<P::Signature>,
    options: P::Options,
    clock: Option<Arc<dyn Clock>>,
    nonce: Option<Arc<dyn NonceSource>>,
    retry: Option<RetryConfig>,
    timeouts: Timeouts,
}

impl<P: Provider> Default for ConfigBuilder<P> {
    fn default() -> Self {
        Self {
            region: None,
            endpoint: None,
            credentials: None,
            token: None,
            signature: None,
            options: P::Options::default(),
            clock: None,
            nonce: None,
            retry: None,
            timeouts: Timeouts::default(),
        }
    }
}

impl<P: Provider> ConfigBuilder<P> {
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

    /// A fixed bearer token ([`Auth::BearerToken`] providers).
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.token_source(StaticToken::new(token))
    }

    /// Where bearer tokens come from, e.g. a source that refreshes them before they expire.
    pub fn token_source(mut self, source: impl TokenSource + 'static) -> Self {
        self.token = Some(Arc::new(source));
        self
    }

    /// Signs with this signature instead of the service's default.
    pub fn signature_version(mut self, signature: P::Signature) -> Self {
        self.signature = Some(signature);
        self
    }

    /// The provider's own options, set by the provider module's builder methods.
    pub(crate) fn options_mut(&mut self) -> &mut P::Options {
        &mut self.options
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

    /// Fills region and credentials where they are not set yet: from the provider's
    /// environment variables, then from its fallback source (Aliyun: the CLI profile file).
    pub fn from_env(self) -> Result<Self, Error> {
        self.from_lookup(&|name| std::env::var(name).ok())
    }

    /// Like [`ConfigBuilder::from_env`], reading variables through `lookup`.
    pub fn from_lookup(mut self, lookup: &dyn Fn(&str) -> Option<String>) -> Result<Self, Error> {
        let env = P::ENV;
        if self.region.is_none() {
            self.region = lookup(env.region).filter(|r| !r.is_empty());
        }
        if let (None, Some(var)) = (&self.endpoint, P::ENDPOINT_ENV) {
            self.endpoint = lookup(var).filter(|e| !e.is_empty());
        }
        if P::AUTH == Auth::BearerToken {
            if let (None, Some(var)) = (&self.token, P::TOKEN_ENV) {
                match lookup(var).filter(|t| !t.is_empty()) {
                    Some(token) => self.token = Some(Arc::new(StaticToken::new(token))),
                    None => return Err(Error::Credentials(format!("no bearer token: {var} is not set"))),
                }
            }
            return Ok(self);
        }
        if self.credentials.is_none() {
            match Credentials::from_lookup(lookup, env.access_key_id, env.access_key_secret, env.security_token) {
                Ok(c) => self.credentials = Some(c),
                Err(from_vars) => match P::fallback(lookup) {
                    Some(Ok((c, region))) => {
                        self.credentials = Some(c);
                        self.region = self.region.or(region);
                    }
                    Some(Err(e)) => return Err(Error::Credentials(format!("{from_vars}; and the profile file: {e}"))),
                    None => return Err(from_vars),
                },
            }
        }
        Ok(self)
    }

    /// Checks and builds the configuration.
    pub fn build(self) -> Result<Config<P>, Error> {
        let env = P::ENV;
        let region = match (self.region, P::ENDPOINT_ENV) {
            (Some(region), _) => region,
            // Without a public endpoint the region is in the configured one, if anywhere.
            (None, Some(_)) => String::new(),
            (None, None) => return Err(Error::Config(format!("no region: call .region(\"…\") or set {}", env.region))),
        };
        // The region goes into the host (`kec.{region}.api.ksyun.com`): a `/`, `#`, `@` or `:` in
        // it would send signed requests to another host.
        if let Some(bad) = region.chars().find(|c| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))) {
            return Err(Error::Config(format!(
                "region `{}` has `{bad}`: a region id is letters, digits, `-`, `_` and `.`",
                region.escape_debug()
            )));
        }
        if let (None, Some(var)) = (&self.endpoint, P::ENDPOINT_ENV) {
            return Err(Error::Config(format!("no endpoint: this provider publishes none; call .endpoint(\"https://…\") or set {var}")));
        }
        let credentials = match (self.credentials, P::AUTH) {
            (Some(c), _) => c,
            // Bearer-token providers sign nothing: the key pair is unused.
            (None, Auth::BearerToken) => Credentials::new("", ""),
            (None, Auth::AccessKey) => {
                return Err(Error::Credentials(format!(
                    "no credentials: call .credentials(..) or set {} and {}",
                    env.access_key_id, env.access_key_secret
                )))
            }
        };
        if P::AUTH == Auth::BearerToken && self.token.is_none() {
            let var = P::TOKEN_ENV.map_or_else(String::new, |v| format!(" or set {v}"));
            return Err(Error::Credentials(format!("no bearer token: call .bearer_token(..) or .token_source(..){var}")));
        }
        if let Some(e) = &self.endpoint {
            let host = e.split_once("://").map_or(e.as_str(), |(_, h)| h);
            let scheme_ok = e.split_once("://").is_none_or(|(s, _)| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
            if host.is_empty() || !scheme_ok || host.trim_end_matches('/').contains('/') {
                return Err(Error::Config(format!("endpoint `{e}` is not a host or an http(s)://host[:port] URL")));
            }
        }
        Ok(Config {
            region,
            endpoint: self.endpoint,
            credentials,
            token: self.token,
            signature: self.signature,
            options: self.options,
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            nonce: self.nonce.unwrap_or_else(|| Arc::new(RandomNonce)),
            retry: self.retry.unwrap_or_default(),
            budget: Arc::new(RetryBudget::default()),
            http: HttpClient::new(self.timeouts)?,
            provider: PhantomData,
        })
    }
}
