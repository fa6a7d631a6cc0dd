//! What sends one attempt: the [`Transport`] trait, and yun's default transport over reqwest
//! ([`ReqwestTransport`]) with its settings ([`TransportSettings`]).
//!
//! Shaped as smithy-rs's `HttpConnector` (aws-smithy-runtime-api): one object-safe method
//! that takes a signed [`HttpRequest`] and gives the whole [`HttpResponse`]. Everything else
//! stays around it in [`crate::client::http::HttpClient`] and [`crate::client::send`], whatever the transport:
//! the attempt timeout around each call of [`Transport::send`], the operation timeout and the
//! retries around the attempts. A custom transport (a test double, a recording transport, a
//! client of another HTTP stack) is given with
//! [`ConfigBuilder::transport`](crate::config::ConfigBuilder::transport).
//!
//! The default transport caps the calls in flight to each host, so the connections they use
//! ([`TransportSettings::max_connections_per_host`], default
//! [`DEFAULT_MAX_CONNECTIONS_PER_HOST`]): reqwest has no such cap and opens one connection per
//! concurrent call, so 2,000 concurrent calls would hold 2,000 sockets open and fail with
//! "Too many open files" under the common limit of 1,024. Calls beyond the cap wait (in the
//! attempt's time) for one of the host's calls to finish. The connections open to a host stay
//! near the cap: at most the cap in use, at most [`TransportSettings::pool_max_idle_per_host`]
//! idle; for a moment a few more, while a finished call's connection goes back to reqwest's
//! pool (`tests/tests/fd_limit.rs` saw at most 68 for the cap of 64 under 2,000 concurrent
//! calls).

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use bytes::Bytes;
use tokio::sync::Semaphore;

use crate::client::http::{HttpRequest, HttpResponse, MAX_BODY};
use crate::error::{Error, TimeoutError, TransportError};
use crate::redact::REDACTED;

/// A boxed future that can be sent between threads, as [`Transport::send`] returns.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// Sends one signed request and reads its whole response.
///
/// Errors are [`Error::Transport`] (with [`TransportError::before_send`] set when the request
/// certainly did not reach the service: such failures are retried for every operation) or
/// [`Error::Timeout`]; the caller's attempt and operation timeouts apply around `send`, so a
/// transport need not enforce them. A transport must not log the request's headers or body
/// (they carry signatures, tokens and passwords).
pub trait Transport: fmt::Debug + Send + Sync + 'static {
    /// Sends `request`; the response's header names lowercased.
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>>;
}

/// A transport shared by the clients of one configuration.
pub type SharedTransport = Arc<dyn Transport>;

/// The default cap on concurrent connections to one host (scheme, host and port) of
/// [`ReqwestTransport`]: enough for a busy client (HTTP/1.1 sends one request at a time per
/// connection), far below the common limit of 1,024 open files.
pub const DEFAULT_MAX_CONNECTIONS_PER_HOST: usize = 64;

/// How long the default transport keeps an unused connection before closing it.
pub const DEFAULT_POOL_IDLE_TIMEOUT: Duration = Duration::from_secs(90);

/// A proxy URL; its `Debug` hides the user name and password it may carry.
#[derive(Clone, PartialEq, Eq)]
pub struct ProxyUrl(String);

impl ProxyUrl {
    /// A proxy URL (checked when the transport is built).
    pub fn new(url: impl Into<String>) -> Self {
        Self(url.into())
    }

    /// The URL as given (`http://user:password@proxy:3128`).
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The URL without what is before an `@` in its authority.
    pub fn redacted(&self) -> String {
        let (scheme, rest) = self.0.split_once("://").unwrap_or(("", &self.0));
        let authority_end = rest.find('/').unwrap_or(rest.len());
        match rest[..authority_end].rfind('@') {
            Some(at) => format!("{scheme}://{REDACTED}@{}", &rest[at + 1..]),
            None if scheme.is_empty() => rest.to_owned(),
            None => format!("{scheme}://{rest}"),
        }
    }
}

impl fmt::Debug for ProxyUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.redacted())
    }
}

/// Settings of the default transport ([`ReqwestTransport`]), set through
/// [`ConfigBuilder`](crate::config::ConfigBuilder).
#[derive(Clone, PartialEq, Eq)]
pub struct TransportSettings {
    /// Establishing a connection (TCP and TLS).
    pub connect_timeout: Duration,
    /// A proxy for every request (`http://`, `https://` or `socks5://` URL; a user name and
    /// password in it are sent to the proxy). `None`: the `HTTP_PROXY`/`HTTPS_PROXY`/`NO_PROXY`
    /// environment variables, as reqwest reads them.
    pub proxy: Option<ProxyUrl>,
    /// PEM bundles of CA certificates trusted besides the built-in roots (a company proxy's CA).
    pub root_certificates: Vec<Vec<u8>>,
    /// At most this many calls in flight, each on a connection of its own, to one scheme, host
    /// and port; calls beyond it wait for one to finish. Default
    /// [`DEFAULT_MAX_CONNECTIONS_PER_HOST`].
    pub max_connections_per_host: usize,
    /// Idle connections kept per host (default: as many as the cap above).
    pub pool_max_idle_per_host: Option<usize>,
    /// An idle connection is closed after this long (default [`DEFAULT_POOL_IDLE_TIMEOUT`]).
    pub pool_idle_timeout: Duration,
}

impl Default for TransportSettings {
    fn default() -> Self {
        Self {
            connect_timeout: Duration::from_secs(10),
            proxy: None,
            root_certificates: Vec::new(),
            max_connections_per_host: DEFAULT_MAX_CONNECTIONS_PER_HOST,
            pool_max_idle_per_host: None,
            pool_idle_timeout: DEFAULT_POOL_IDLE_TIMEOUT,
        }
    }
}

impl fmt::Debug for TransportSettings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TransportSettings")
            .field("connect_timeout", &self.connect_timeout)
            .field("proxy", &self.proxy)
            .field("root_certificates", &format_args!("<{} PEM bundles>", self.root_certificates.len()))
            .field("max_connections_per_host", &self.max_connections_per_host)
            .field("pool_max_idle_per_host", &self.pool_max_idle_per_host)
            .field("pool_idle_timeout", &self.pool_idle_timeout)
            .finish()
    }
}

/// yun's default transport: reqwest with rustls, no redirects, a cap of concurrent
/// connections per host, responses read whole up to [`MAX_BODY`].
pub struct ReqwestTransport {
    client: reqwest::Client,
    settings: TransportSettings,
    /// One semaphore per (scheme, host, port), created on first use; a list, searched
    /// without allocating (a client talks to a few hosts).
    hosts: Mutex<Vec<HostLimit>>,
}

/// The semaphore of one scheme, host and port.
struct HostLimit {
    scheme: String,
    host: String,
    port: u16,
    semaphore: Arc<Semaphore>,
}

impl fmt::Debug for ReqwestTransport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ReqwestTransport").field("settings", &self.settings).finish_non_exhaustive()
    }
}

impl ReqwestTransport {
    /// A transport with `settings`; an [`Error::Config`] when the proxy URL or a certificate
    /// bundle cannot be read, or the cap is 0 (the message shows no proxy password).
    pub fn new(settings: TransportSettings) -> Result<Self, Error> {
        if settings.max_connections_per_host == 0 {
            return Err(Error::Config("max_connections_per_host is 0: no call could be sent".into()));
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(settings.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .pool_idle_timeout(settings.pool_idle_timeout)
            .pool_max_idle_per_host(settings.pool_max_idle_per_host.unwrap_or(settings.max_connections_per_host));
        if let Some(proxy) = &settings.proxy {
            let parsed = reqwest::Proxy::all(proxy.expose())
                .map_err(|_| Error::Config(format!("the proxy URL `{}` is not a valid URL", proxy.redacted())))?;
            builder = builder.proxy(parsed);
        }
        for (i, pem) in settings.root_certificates.iter().enumerate() {
            let certificates = reqwest::Certificate::from_pem_bundle(pem)
                .map_err(|e| Error::Config(format!("root certificate bundle {}: not a PEM bundle of certificates: {e}", i + 1)))?;
            if certificates.is_empty() {
                return Err(Error::Config(format!("root certificate bundle {}: no certificate in it", i + 1)));
            }
            for certificate in certificates {
                builder = builder.add_root_certificate(certificate);
            }
        }
        let client = builder.build().map_err(|e| Error::Config(format!("cannot build the HTTP client: {}", e.without_url())))?;
        Ok(Self { client, settings, hosts: Mutex::new(Vec::new()) })
    }

    /// The settings it was made with.
    pub fn settings(&self) -> &TransportSettings {
        &self.settings
    }

    /// The semaphore of the request's scheme, host and port.
    fn host_limit(&self, url: &reqwest::Url) -> Arc<Semaphore> {
        let (scheme, host, port) = (url.scheme(), url.host_str().unwrap_or_default(), url.port_or_known_default().unwrap_or(0));
        // A poisoned lock only means another call panicked while pushing: the list is whole.
        let mut hosts = self.hosts.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if let Some(known) = hosts.iter().find(|h| h.port == port && h.host == host && h.scheme == scheme) {
            return known.semaphore.clone();
        }
        let semaphore = Arc::new(Semaphore::new(self.settings.max_connections_per_host));
        hosts.push(HostLimit { scheme: scheme.to_owned(), host: host.to_owned(), port, semaphore: semaphore.clone() });
        semaphore
    }

    async fn send_inner(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| Error::Config(format!("invalid HTTP method `{}`", request.method)))?;
        let url = reqwest::Url::parse(&request.url).map_err(|e| Error::Config(format!("invalid request URL: {e}")))?;
        // Held until the whole body is read, so the connection is back in the pool (or closed)
        // before the next waiting call of this host starts.
        let _permit = self
            .host_limit(&url)
            .acquire_owned()
            .await
            .map_err(|_| Error::Config("the connection limit of this host was closed".into()))?;
        let mut builder = self.client.request(method, url);
        for (name, value) in &request.headers {
            if name.eq_ignore_ascii_case("host") {
                continue; // reqwest derives Host from the URL; the signer signed the same value
            }
            builder = builder.header(name.as_ref(), value);
        }
        if !request.body.is_empty() {
            builder = builder.body(request.body);
        }
        let connect = self.settings.connect_timeout;
        let mut response = builder.send().await.map_err(|e| reqwest_error(e, connect))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), crate::request::encoding::utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| reqwest_error(e, connect))? {
            if body.len() + chunk.len() > MAX_BODY {
                return Err(Error::Transport(TransportError {
                    message: format!("response body larger than {MAX_BODY} bytes"),
                    before_send: false,
                    source: None,
                }));
            }
            body.extend_from_slice(&chunk);
        }
        Ok(HttpResponse { status, headers, body: Bytes::from(body) })
    }
}

impl Transport for ReqwestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        Box::pin(self.send_inner(request))
    }
}

fn reqwest_error(e: reqwest::Error, connect_limit: Duration) -> Error {
    // reqwest's message names the URL, query string included: an Aliyun RPC query holds the
    // operation's members (a password) and a presigned SigV4 query a security token.
    let e = e.without_url();
    if e.is_timeout() {
        // Only the connect timeout is reqwest's; the attempt timeout is ours.
        return Error::Timeout(TimeoutError { kind: "connect", limit: connect_limit });
    }
    let before_send = e.is_connect();
    let mut message = e.to_string();
    let mut source: Option<&dyn std::error::Error> = std::error::Error::source(&e);
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    Error::Transport(TransportError { message, before_send, source: Some(Box::new(e)) })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn proxy_urls_show_without_their_user_and_password() {
        let url = ProxyUrl("http://alice:s3cret@proxy.example:3128".into());
        assert_eq!(url.redacted(), format!("http://{REDACTED}@proxy.example:3128"));
        assert!(!format!("{url:?}").contains("s3cret") && !format!("{url:?}").contains("alice"));
        assert_eq!(ProxyUrl("http://proxy:3128/a@b".into()).redacted(), "http://proxy:3128/a@b");
        assert_eq!(ProxyUrl("p:s@host".into()).redacted(), format!("://{REDACTED}@host"));
    }

    #[test]
    fn a_bad_proxy_or_bundle_or_cap_is_a_config_error_without_the_password() {
        let bad = TransportSettings { proxy: Some(ProxyUrl("http://u:s3cret@[::1".into())), ..TransportSettings::default() };
        let e = ReqwestTransport::new(bad).expect_err("invalid URL").to_string();
        assert!(e.contains("proxy") && !e.contains("s3cret"), "{e}");
        let pem = TransportSettings { root_certificates: vec![b"not a certificate".to_vec()], ..TransportSettings::default() };
        assert!(ReqwestTransport::new(pem).expect_err("no certificate").to_string().contains("bundle 1"));
        let zero = TransportSettings { max_connections_per_host: 0, ..TransportSettings::default() };
        assert!(ReqwestTransport::new(zero).is_err());
    }
}
