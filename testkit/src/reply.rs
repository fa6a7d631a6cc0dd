//! What a scripted call answers: a response, or a fault of the connection.

use std::time::Duration;

use bytes::Bytes;
use yun_runtime::client::http::HttpResponse;

/// One scripted answer: a status, headers and body, or a [`Fault`]; optionally after a delay
/// (the client's attempt timeout runs meanwhile, as against a slow server).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reply {
    pub(crate) status: u16,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Bytes,
    pub(crate) delay: Option<Duration>,
    pub(crate) fault: Option<Fault>,
}

/// A failure of the connection instead of an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fault {
    /// The connection is refused: the request certainly did not reach the service, so every
    /// operation may retry it.
    ConnectionRefused,
    /// The connection breaks after the request was sent: only idempotent operations retry.
    ConnectionReset,
    /// No answer ever comes: the client's attempt timeout ends the attempt.
    NoAnswer,
}

impl Reply {
    /// A response with `status` and a JSON body (`content-type: application/json`).
    pub fn json(status: u16, body: impl Into<String>) -> Self {
        Self::new(status, body.into().into_bytes()).with_header("content-type", "application/json")
    }

    /// A response with `status` and an XML body (`content-type: text/xml`).
    pub fn xml(status: u16, body: impl Into<String>) -> Self {
        Self::new(status, body.into().into_bytes()).with_header("content-type", "text/xml")
    }

    /// A response with `status` and these body bytes, no headers.
    pub fn new(status: u16, body: impl Into<Bytes>) -> Self {
        Self { status, headers: Vec::new(), body: body.into(), delay: None, fault: None }
    }

    /// A fault instead of a response.
    pub fn fault(fault: Fault) -> Self {
        Self { fault: Some(fault), ..Self::new(0, Bytes::new()) }
    }

    /// This reply with a header (the name lowercased, as the runtime's transports give them).
    pub fn with_header(mut self, name: &str, value: impl Into<String>) -> Self {
        self.headers.push((name.to_ascii_lowercase(), value.into()));
        self
    }

    /// This reply after `delay`.
    pub fn after(mut self, delay: Duration) -> Self {
        self.delay = Some(delay);
        self
    }

    /// The status code (0 for a fault).
    pub fn status(&self) -> u16 {
        self.status
    }

    pub(crate) fn response(&self) -> HttpResponse {
        HttpResponse { status: self.status, headers: self.headers.clone(), body: self.body.clone() }
    }
}
