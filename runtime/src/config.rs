//! Client configuration: region, endpoint, credentials, signature, time, retries, timeouts.
//!
//! One type for every provider; the provider decides which environment variables
//! [`Config::from_env`] reads, where its default identity comes from
//! ([`Provider::default_identity`]) and which signatures can be chosen.

use std::fmt::Debug;
use std::marker::PhantomData;
use std::sync::Arc;
use std::time::Duration;

use crate::client::http::{HttpClient, Timeouts};
use crate::client::retry::{RetryBudget, RetryConfig};
use crate::client::transport::{ProxyUrl, SharedTransport, Transport, TransportSettings};
use crate::clock::{Clock, NonceSource, RandomNonce, SystemClock};
use crate::error::Error;
use crate::identity::Credentials;
use crate::identity::{BearerToken, Found, IdentityKind, Lookup, ResolveIdentity, SharedIdentityResolver};
use crate::request::headers::RequestHeaders;

/// What differs between providers' configurations.
pub trait Provider: Debug + Clone + Copy + Default + Send + Sync + 'static {
    /// The environment variable holding the region id.
    const REGION_ENV: &'static str;
    /// The environment variable holding the endpoint, for a provider that publishes none: the
    /// configuration then needs one, and the region is optional.
    const ENDPOINT_ENV: Option<&'static str> = None;
    /// The environment variable [`ConfigBuilder::from_env`] takes an endpoint override from,
    /// for a provider that publishes endpoints (`ALIBABA_CLOUD_ENDPOINT`, `KSYUN_ENDPOINT`):
    /// one host or URL for every service of the provider, e.g. a proxy or a test server. An
    /// endpoint given to [`ConfigBuilder::endpoint`] wins over it.
    const ENDPOINT_OVERRIDE_ENV: Option<&'static str> = None;
    /// The kind of identity the provider's requests are made with.
    const IDENTITY: IdentityKind;
    /// The signatures a client of this provider can choose between.
    type Signature: Debug + Clone + Copy + PartialEq + Send + Sync + 'static;
    /// Options only this provider's clients have (Kingsoft: the request method and the
    /// global host); `()` for the others.
    type Options: Debug + Clone + Copy + Default + Send + Sync + 'static;

    /// The provider's default identity chain, read through `lookup` (environment
    /// variables): its environment variables, then e.g. its CLI profile file. The error
    /// names every place looked in.
    fn default_identity(lookup: Lookup<'_>) -> Result<Found, Error>;

    /// How to give an identity when none was configured, for the error of
    /// [`ConfigBuilder::build`] (`call .credentials(..) or set …`).
    fn identity_hint() -> String;
}

/// How a client reaches, signs for and waits on a service. Build with [`Config::builder`]
/// or [`Config::from_env`].
#[derive(Debug, Clone)]
pub struct Config<P: Provider> {
    region: String,
    endpoint: Option<String>,
    identity: SharedIdentityResolver,
    signature: Option<P::Signature>,
    options: P::Options,
    clock: Arc<dyn Clock>,
    nonce: Arc<dyn NonceSource>,
    retry: RetryConfig,
    budget: Arc<RetryBudget>,
    http: HttpClient,
    app_name: Option<String>,
    headers: RequestHeaders,
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

    /// Where the identity of each attempt comes from ([`ResolveIdentity::resolve_identity`]).
    pub fn identity_provider(&self) -> &SharedIdentityResolver {
        &self.identity
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

    /// The application name the User-Agent ends with (`app/<name>`), if one was given.
    pub fn app_name(&self) -> Option<&str> {
        self.app_name.as_deref()
    }

    /// The headers added to every call made with this configuration.
    pub fn request_headers(&self) -> &RequestHeaders {
        &self.headers
    }

    /// A copy that adds `name: value` to its calls (replacing a header of that name given
    /// before), signed with the rest of the request where the scheme signs headers; e.g. for
    /// one call, `client.with_header("x-jdcloud-pin", pin)`. The transport and retry budget
    /// stay shared. A name the client sets itself ([`crate::request::headers::RESERVED`]) or a value
    /// with a line break fails the call with [`Error::Config`] before anything is sent.
    pub fn with_header(&self, name: impl Into<String>, value: impl Into<String>) -> Self {
        let mut copy = self.clone();
        copy.headers.insert(name, value);
        copy
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
        self.endpoint_in(pattern, &[])
    }

    /// Scheme and host for a service whose endpoint pattern is `pattern` and whose regions
    /// listed in `endpoints` (region id, host) have hosts of their own, in this order:
    ///
    /// 1. the endpoint given to [`ConfigBuilder::endpoint`];
    /// 2. the provider's [`Provider::ENDPOINT_OVERRIDE_ENV`] (or [`Provider::ENDPOINT_ENV`]),
    ///    when the configuration was filled by [`ConfigBuilder::from_env`];
    /// 3. the host `endpoints` gives the configured region;
    /// 4. `pattern` with `{region}` filled in.
    ///
    /// The last two are sent over HTTPS. The host is normalized as [`Config::endpoint_for`]
    /// says.
    pub fn endpoint_in(&self, pattern: &str, endpoints: &[(&str, &str)]) -> (String, String) {
        let (scheme, host) = match &self.endpoint {
            Some(e) => match e.split_once("://") {
                Some((scheme, host)) => (scheme.to_ascii_lowercase(), host.trim_end_matches('/').to_owned()),
                None => ("https".to_owned(), e.trim_end_matches('/').to_owned()),
            },
            None => match endpoints.iter().find(|(region, _)| *region == self.region) {
                Some((_, host)) => ("https".to_owned(), (*host).to_owned()),
                None => ("https".to_owned(), pattern.replace("{region}", &self.region)),
            },
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
    identity: Option<SharedIdentityResolver>,
    signature: Option<P::Signature>,
    options: P::Options,
    clock: Option<Arc<dyn Clock>>,
    nonce: Option<Arc<dyn NonceSource>>,
    retry: Option<RetryConfig>,
    timeouts: Timeouts,
    transport: Option<SharedTransport>,
    settings: TransportSettings,
    app_name: Option<String>,
    headers: RequestHeaders,
}

impl<P: Provider> Default for ConfigBuilder<P> {
    fn default() -> Self {
        Self {
            region: None,
            endpoint: None,
            identity: None,
            signature: None,
            options: P::Options::default(),
            clock: None,
            nonce: None,
            retry: None,
            timeouts: Timeouts::default(),
            transport: None,
            settings: TransportSettings::default(),
            app_name: None,
            headers: RequestHeaders::new(),
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
    ///
    /// The host is ASCII: [`build`](Self::build) refuses a non-ASCII one, so an
    /// internationalized domain name is given in its Punycode form (`xn--…`). (The workspace
    /// builds `url` without a Unicode back end for IDNA; see `idna_adapter` in its
    /// `Cargo.toml`.)
    pub fn endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = Some(endpoint.into());
        self
    }

    /// Fixed access keys (providers whose [`Provider::IDENTITY`] is an access key pair).
    pub fn credentials(self, credentials: Credentials) -> Self {
        self.identity_provider(credentials)
    }

    /// A fixed bearer token (providers whose [`Provider::IDENTITY`] is a bearer token).
    pub fn bearer_token(self, token: impl Into<String>) -> Self {
        self.identity_provider(BearerToken::new(token))
    }

    /// Where the identity of each attempt comes from, e.g. a provider that renews temporary
    /// credentials or a token before they expire. Replaces [`ConfigBuilder::credentials`] and
    /// [`ConfigBuilder::bearer_token`].
    pub fn identity_provider(mut self, provider: impl ResolveIdentity + 'static) -> Self {
        self.identity = Some(SharedIdentityResolver::new(provider));
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

    /// Sends every request through this proxy (`http://proxy:3128`,
    /// `http://user:password@proxy:3128`, `socks5://…`) instead of the one the
    /// `HTTPS_PROXY`/`HTTP_PROXY` environment variables name. A password in the URL is sent to
    /// the proxy only, and never shown (`Debug`, errors). Default transport only.
    pub fn proxy(mut self, url: impl Into<String>) -> Self {
        self.settings.proxy = Some(ProxyUrl::new(url));
        self
    }

    /// Trusts the CA certificates of this PEM bundle besides the built-in roots (a company
    /// proxy's CA, a private endpoint's); may be called more than once. Checked by
    /// [`ConfigBuilder::build`]. Default transport only.
    pub fn add_root_certificate(mut self, pem: impl Into<Vec<u8>>) -> Self {
        self.settings.root_certificates.push(pem.into());
        self
    }

    /// At most this many concurrent connections to one scheme, host and port (default
    /// [`crate::client::transport::DEFAULT_MAX_CONNECTIONS_PER_HOST`], 64); calls beyond it wait, within
    /// their attempt timeout, for one to finish. At least 1. Default transport only.
    pub fn max_connections_per_host(mut self, max: usize) -> Self {
        self.settings.max_connections_per_host = max;
        self
    }

    /// Idle connections kept per host (default: as many as
    /// [`ConfigBuilder::max_connections_per_host`]). Default transport only.
    pub fn pool_max_idle_per_host(mut self, max: usize) -> Self {
        self.settings.pool_max_idle_per_host = Some(max);
        self
    }

    /// An idle connection is closed after this long (default 90 s). Default transport only.
    pub fn pool_idle_timeout(mut self, timeout: Duration) -> Self {
        self.settings.pool_idle_timeout = timeout;
        self
    }

    /// Ends the User-Agent with `app/<name>` (as the AWS SDKs' `app_name`): letters, digits
    /// and `!#$%&'*+-.^_`|~`, at most 50 characters (checked by [`ConfigBuilder::build`]).
    pub fn app_name(mut self, name: impl Into<String>) -> Self {
        self.app_name = Some(name.into());
        self
    }

    /// Adds `name: value` to every call (see [`Config::with_header`]).
    pub fn header(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.headers.insert(name, value);
        self
    }

    /// Sends every attempt through `transport` instead of yun's default
    /// ([`crate::client::transport::ReqwestTransport`]); the attempt and operation timeouts and the
    /// retries still apply around it. The default transport's settings (proxy, certificates,
    /// pool, per-host cap, connect timeout) are then not used.
    pub fn transport(mut self, transport: impl Transport) -> Self {
        self.transport = Some(std::sync::Arc::new(transport));
        self
    }

    /// Fills region and credentials where they are not set yet: from the provider's
    /// environment variables, then from its fallback source (Aliyun: the CLI profile file).
    pub fn from_env(self) -> Result<Self, Error> {
        self.from_lookup(&|name| std::env::var(name).ok())
    }

    /// Like [`ConfigBuilder::from_env`], reading variables through `lookup`.
    pub fn from_lookup(mut self, lookup: Lookup<'_>) -> Result<Self, Error> {
        if self.region.is_none() {
            self.region = lookup(P::REGION_ENV).filter(|r| !r.is_empty());
        }
        for var in [P::ENDPOINT_ENV, P::ENDPOINT_OVERRIDE_ENV].into_iter().flatten() {
            if self.endpoint.is_none() {
                self.endpoint = lookup(var).filter(|e| !e.is_empty());
            }
        }
        if self.identity.is_none() {
            let found = P::default_identity(lookup)?;
            self.identity = Some(SharedIdentityResolver::new(found.identity));
            self.region = self.region.or(found.region);
        }
        Ok(self)
    }

    /// Checks and builds the configuration.
    pub fn build(self) -> Result<Config<P>, Error> {
        let region = match (self.region, P::ENDPOINT_ENV) {
            (Some(region), _) => region,
            // Without a public endpoint the region is in the configured one, if anywhere.
            (None, Some(_)) => String::new(),
            (None, None) => return Err(Error::Config(format!("no region: call .region(\"…\") or set {}", P::REGION_ENV))),
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
        let Some(identity) = self.identity else {
            let what = match P::IDENTITY {
                IdentityKind::AccessKey => "credentials",
                IdentityKind::BearerToken => "bearer token",
            };
            return Err(Error::Credentials(format!("no {what}: {}", P::identity_hint())));
        };
        if let Some(e) = &self.endpoint {
            let host = e.split_once("://").map_or(e.as_str(), |(_, h)| h);
            let scheme_ok = e.split_once("://").is_none_or(|(s, _)| s.eq_ignore_ascii_case("http") || s.eq_ignore_ascii_case("https"));
            if host.is_empty() || !scheme_ok || host.trim_end_matches('/').contains('/') {
                return Err(Error::Config(format!("endpoint `{e}` is not a host or an http(s)://host[:port] URL")));
            }
            if !host.is_ascii() {
                return Err(Error::Config(format!(
                    "endpoint `{e}`: the host is not ASCII; give an internationalized domain name in its Punycode form (`xn--…`)"
                )));
            }
        }
        if let Some(name) = &self.app_name {
            let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
            if name.is_empty() || name.len() > 50 || !name.chars().all(token) {
                return Err(Error::Config(format!(
                    "app name `{}` is not 1 to 50 letters, digits and !#$%&'*+-.^_`|~",
                    name.escape_debug()
                )));
            }
        }
        self.headers.check()?;
        let http = match self.transport {
            Some(transport) => HttpClient::with_transport(transport, self.timeouts),
            None => HttpClient::with_settings(self.timeouts, self.settings)?,
        };
        Ok(Config {
            region,
            endpoint: self.endpoint,
            identity,
            signature: self.signature,
            options: self.options,
            clock: self.clock.unwrap_or_else(|| Arc::new(SystemClock)),
            nonce: self.nonce.unwrap_or_else(|| Arc::new(RandomNonce)),
            retry: self.retry.unwrap_or_default(),
            budget: Arc::new(RetryBudget::default()),
            http,
            app_name: self.app_name,
            headers: self.headers,
            provider: PhantomData,
        })
    }
}
