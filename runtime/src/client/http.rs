//! The HTTP transport: reqwest with rustls, timeouts, and a cap on response size.

use std::time::Duration;

use bytes::Bytes;

use crate::error::{Error, TimeoutError, TransportError};

/// A request ready to send: signed, encoded. Its `Debug` shows the method, the URL without
/// its query, the header names with the values of signature and token headers hidden, and
/// the body's length: a query or body may hold a password.
#[derive(Clone, PartialEq, Eq)]
pub struct HttpRequest {
    /// `GET`, `POST`, …
    pub method: String,
    /// Absolute URL with the query string.
    pub url: String,
    /// Headers in the order they are sent.
    pub headers: Vec<(String, String)>,
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
                let secret = lower == "authorization" || lower.contains("token") || lower.contains("signature");
                (k.as_str(), if secret { "<redacted>" } else { v.as_str() })
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

/// The first header named `name` (case-insensitive) in `headers`.
pub fn header_in<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
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

/// A pooled HTTP client.
#[derive(Debug, Clone)]
pub struct HttpClient {
    client: reqwest::Client,
    timeouts: Timeouts,
}

impl HttpClient {
    /// A client with these timeouts.
    pub fn new(timeouts: Timeouts) -> Result<Self, Error> {
        let client = reqwest::Client::builder()
            .connect_timeout(timeouts.connect)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .map_err(|e| Error::Config(format!("cannot build the HTTP client: {e}")))?;
        Ok(Self { client, timeouts })
    }

    /// The timeouts in force.
    pub fn timeouts(&self) -> Timeouts {
        self.timeouts
    }

    /// The same client (one connection pool) with other attempt and operation timeouts; the
    /// connect timeout is the pool's and stays.
    pub fn with_timeouts(&self, attempt: Duration, operation: Duration) -> Self {
        Self { client: self.client.clone(), timeouts: Timeouts { attempt, operation, ..self.timeouts } }
    }

    /// Sends one attempt and reads the whole response within the attempt timeout.
    pub async fn send(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let limit = self.timeouts.attempt;
        match tokio::time::timeout(limit, self.send_inner(request)).await {
            Ok(result) => result,
            Err(_) => Err(Error::Timeout(TimeoutError { kind: "attempt", limit })),
        }
    }

    async fn send_inner(&self, request: HttpRequest) -> Result<HttpResponse, Error> {
        let method = reqwest::Method::from_bytes(request.method.as_bytes())
            .map_err(|_| Error::Config(format!("invalid HTTP method `{}`", request.method)))?;
        let mut builder = self.client.request(method, &request.url);
        for (name, value) in &request.headers {
            if name.eq_ignore_ascii_case("host") {
                continue; // reqwest derives Host from the URL; the signer signed the same value
            }
            builder = builder.header(name, value);
        }
        if !request.body.is_empty() {
            builder = builder.body(request.body);
        }
        let mut response = builder.send().await.map_err(|e| transport(e, self.timeouts.connect))?;
        let status = response.status().as_u16();
        let headers = response
            .headers()
            .iter()
            .map(|(k, v)| (k.as_str().to_owned(), crate::request::encoding::utf8_lossy(v.as_bytes()).into_owned()))
            .collect();
        let mut body = Vec::new();
        while let Some(chunk) = response.chunk().await.map_err(|e| transport(e, self.timeouts.connect))? {
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

fn transport(e: reqwest::Error, connect_limit: Duration) -> Error {
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
