//! Requests and responses, timeouts, and the client that sends attempts through a
//! [`Transport`] (see [`crate::client::transport`]).

use std::borrow::Cow;
use std::sync::Arc;
use std::time::Duration;

use bytes::Bytes;

pub use crate::client::transport::{ReqwestTransport, SharedTransport, Transport, TransportSettings};
use crate::error::{Error, TimeoutError};

/// Headers whose values [`HttpRequest`]'s `Debug` shows (lowercase); every other value is
/// hidden.
pub const SHOWN_HEADERS: &[&str] = &[
    "host",
    "accept",
    "content-type",
    "content-length",
    "user-agent",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-amz-date",
    "x-amz-content-sha256",
    "x-jdcloud-date",
    "x-jdcloud-nonce",
    "x-jdcloud-content-sha256",
    "jdcloud3-hmac-sha256",
    "jdcloud2-hmac-sha256",
];

/// A request ready to send: signed, encoded. Its `Debug` shows the method, the URL without
/// its query, the header names with the values of any header but the protocols' own
/// non-secret ones hidden (signatures, tokens, headers given for the call), and the body's
/// length: a query or body may hold a password.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// Absolute URL with the query string.
    pub url: String,
    /// Headers in the order they are sent: a protocol's own names are borrowed
    /// (`Cow::Borrowed("x-acs-action")`), names given for the call owned; values owned.
    pub headers: Vec<(Cow<'static, str>, String)>,
    /// Body bytes (empty for none).
    pub body: Vec<u8>,
}

impl std::fmt::Debug for HttpRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (base, query) = self.url.split_once('?').unwrap_or((&self.url, ""));
        let params = query.split('&').filter(|p| !p.is_empty()).count();
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let lower = k.to_ascii_lowercase();
                // Values are shown for the headers the protocols set themselves and hold no
                // secret; any other (a token, a header given for the call) is hidden.
                let secret = !SHOWN_HEADERS.contains(&lower.as_str());
                (k.as_ref(), if secret { "<redacted>" } else { v.as_str() })
            })
            .collect();
        f.debug_struct("HttpRequest")
            .field("method", &self.method)
            .field("url", &format_args!("{base}{}", if params > 0 { format!("?<{params} parameters>") } else { String::new() }))
            .field("headers", &headers)
            .field("body", &format_args!("<{} bytes>", self.body.len()))
            .finish()
    }
}

/// A response as read off the wire.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    /// Status code.
    pub status: u16,
    /// Headers, names lowercased.
    pub headers: Vec<(String, String)>,
    /// The whole body.
    pub body: Bytes,
}

impl HttpResponse {
    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.headers, name)
    }

    /// The value of the first of `names` the response has (case-insensitive), e.g. a
    /// provider's request-id headers in order of preference.
    pub fn first_header(&self, names: &[&str]) -> Option<&str> {
        names.iter().find_map(|name| self.header(name))
    }
}

/// The first header named `name` (case-insensitive) in `headers` (a request's or a
/// response's: names owned or borrowed).
pub fn header_in<'a, N: AsRef<str>>(headers: &'a [(N, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.as_ref().eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// Timeouts of one client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Timeouts {
    /// Establishing a connection.
    pub connect: Duration,
    /// One attempt: from sending to the last byte of the response.
    pub attempt: Duration,
    /// The whole operation, retries and backoff included.
    pub operation: Duration,
}

impl Default for Timeouts {
    fn default() -> Self {
        Self { connect: Duration::from_secs(10), attempt: Duration::from_secs(30), operation: Duration::from_secs(120) }
    }
}

/// Largest response body read (a hostile server cannot exhaust memory).
pub const MAX_BODY: usize = 32 * 1024 * 1024;

/// Sends attempts through a [`Transport`] (by default yun's [`ReqwestTransport`]: a connection
/// pool per client, a cap of connections per host), each within the attempt timeout.
#[derive(Debug, Clone)]
pub struct HttpClient {
    transport: SharedTransport,
    timeouts: Timeouts,
}

impl HttpClient {
    /// A client of the default transport with these timeouts and default settings.
    pub fn new(timeouts: Timeouts) -> Result<Self, Error> {
        Self::with_settings(timeouts, TransportSettings::default())
    }

    /// A client of the default transport with `settings`; its connect timeout is
    /// `timeouts.connect`.
    pub fn with_settings(timeouts: Timeouts, settings: TransportSettings) -> Result<Self, Error> {
        let transport = ReqwestTransport::new(TransportSettings { connect_timeout: timeouts.connect, ..settings })?;
        Ok(Self { transport: Arc::new(transport), timeouts })
    }

    /// A client sending through `transport`, with the attempt timeout of `timeouts` around
    /// each of its calls (the connect timeout is the transport's to apply, or not).
    pub fn with_transport(transport: SharedTransport, timeouts: Timeouts) -> Self {
        Self { transport, timeouts }
    }

    /// The transport requests go through.
    pub fn transport(&self) -> &SharedTransport {
        &self.transport
    }

    /// The timeouts in force.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// The same client (one transport, one connection pool) with other attempt and operation
    /// timeouts; the connect timeout is the pool's and stays.
    pub fn with_timeouts(&self, attempt: Duration, operation: Duration) -> Self {
        Self { transport: self.transport.clone(), timeouts: Timeouts { attempt, operation, ..self.timeouts } }
    }

    /// Sends one attempt and reads the whole response within the attempt timeout (time spent
    /// waiting for a connection under the per-host cap counts).
    pub async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let limit = self.timeouts.attempt;
        match tokio::time::timeout(limit, self.transport.send(request)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout(TimeoutError { kind: "attempt", limit })),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn request_debug_hides_query_body_and_signature_headers() {
        let r = super::HttpRequest {
            method: "POST".into(),
            url: "https://h/?Password=p4ss&SecurityToken=t0k".into(),
            headers: vec![
                ("Authorization".into(), "sig".into()),
                ("x-acs-security-token".into(), "t0k".into()),
                ("host".into(), "h".into()),
            ],
            body: b"{\"password\":\"p4ss\"}".to_vec(),
        };
        let shown = format!("{r:?}");
        assert!(!shown.contains("p4ss") && !shown.contains("t0k") && !shown.contains("sig\""), "{shown}");
        assert!(shown.contains("<2 parameters>") && shown.contains("\"host\", \"h\"") && shown.contains("<19 bytes>"), "{shown}");
    }
}
