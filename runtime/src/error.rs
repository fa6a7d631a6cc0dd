//! The one error type every operation returns.

use std::fmt;
use std::time::Duration;

use crate::operation::check::BuildError;

/// Everything that can go wrong with a call, by what the caller can do about it.
#[derive(Debug)]
#[non_exhaustive]
pub enum Error {
    /// The input could not be built (missing member, violated constraint); nothing was sent.
    Build(BuildError),
    /// The client is misconfigured (no region, bad endpoint); nothing was sent.
    Config(String),
    /// No usable credentials; the message names what was looked for.
    Credentials(String),
    /// The request could not be sent or its response not read (connection refused, reset, TLS).
    Transport(TransportError),
    /// The service did not answer in time.
    Timeout(TimeoutError),
    /// The service answered with an error.
    Service(ServiceError),
    /// The service answered success, but the body is not what the operation returns.
    Decode(DecodeError),
    /// A waiter saw a failure state, or ran out of time.
    Waiter(WaiterError),
    /// A paginator reached its page cap while the service still had pages.
    PageCap(usize),
    /// A dry run was answered with success: the service did not treat the request as a dry
    /// run, and may have performed it.
    NotDryRun(NotDryRunError),
}

impl Error {
    /// The service's error code, for service errors.
    pub fn service_code(&self) -> Option<&str> {
        match self {
            Self::Service(e) => e.code(),
            _ => None,
        }
    }

    /// How long the service asked to wait before another attempt (Aliyun's
    /// `x-acs-retry-after`, HTTP `Retry-After`), for service errors that said so. When the
    /// wait was longer than the client's largest backoff or the time left in the operation,
    /// the call was not retried and this tells the caller when to come back.
    pub fn retry_after(&self) -> Option<Duration> {
        match self {
            Self::Service(e) => e.retry_after(),
            _ => None,
        }
    }

    /// The request id the service gave, where it gave one.
    pub fn request_id(&self) -> Option<&str> {
        match self {
            Self::Service(e) => e.request_id(),
            Self::NotDryRun(e) => e.request_id.as_deref(),
            Self::Decode(e) => e.request_id.as_deref(),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Build(e) => write!(f, "{e}"),
            Self::Config(m) => write!(f, "invalid client configuration: {m}"),
            Self::Credentials(m) => write!(f, "{m}"),
            Self::Transport(e) => write!(f, "{e}"),
            Self::Timeout(e) => write!(f, "{e}"),
            Self::Service(e) => write!(f, "{e}"),
            Self::Decode(e) => write!(f, "{e}"),
            Self::Waiter(e) => write!(f, "{e}"),
            Self::NotDryRun(e) => write!(f, "{e}"),
            Self::PageCap(pages) => {
                write!(f, "stopped after {pages} pages, the paginator's cap, with more pages left (raise it with `max_pages`)")
            }
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Self::Build(e) => Some(e),
            Self::Transport(e) => e.source.as_deref().map(|s| s as _),
            _ => None,
        }
    }
}

impl From<BuildError> for Error {
    fn from(e: BuildError) -> Self {
        Self::Build(e)
    }
}

/// A failure to send a request or read its response.
#[derive(Debug)]
pub struct TransportError {
    /// What failed, e.g. `connection refused`.
    pub message: String,
    /// `true` when the request certainly did not reach the service (connect failed).
    pub before_send: bool,
    /// The underlying error.
    pub source: Option<Box<dyn std::error::Error + Send + Sync>>,
}

impl fmt::Display for TransportError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "transport error: {}", self.message)
    }
}

/// A timeout.
#[derive(Debug, Clone)]
pub struct TimeoutError {
    /// Which limit ran out: `connect`, `attempt` or `operation`.
    pub kind: &'static str,
    /// The limit.
    pub limit: Duration,
}

impl fmt::Display for TimeoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "timed out: no complete response within the {} timeout of {:?} (raise it in the client configuration if the service is just slow)",
            self.kind, self.limit
        )
    }
}

/// An error answer from the service.
#[derive(Debug, Clone)]
pub struct ServiceError {
    /// HTTP status.
    pub status: u16,
    /// The service's error code, e.g. `InvalidParameter`.
    pub code: Option<String>,
    /// The service's message.
    pub message: Option<String>,
    /// The request id, to quote to the provider's support.
    pub request_id: Option<String>,
    /// The raw response body (cut at 64 KiB).
    pub body: String,
    /// The wait the service asked for before another attempt, read from the answer's
    /// headers (`x-acs-retry-after` in milliseconds, `Retry-After` in seconds or as an HTTP
    /// date) by [`send`](crate::client::send) whatever the provider; `None` when it said nothing.
    pub retry_after: Option<Duration>,
}

impl ServiceError {
    /// How long the service asked to wait before another attempt, if it said.
    pub fn retry_after(&self) -> Option<Duration> {
        self.retry_after
    }

    /// The error code.
    pub fn code(&self) -> Option<&str> {
        self.code.as_deref()
    }

    /// The request id.
    pub fn request_id(&self) -> Option<&str> {
        self.request_id.as_deref()
    }
}

impl fmt::Display for ServiceError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "service error (HTTP {})", self.status)?;
        if let Some(code) = &self.code {
            write!(f, " {code}")?;
        }
        if let Some(message) = &self.message {
            write!(f, ": {message}")?;
        } else if !self.body.is_empty() {
            write!(f, ": {}", snippet(&self.body))?;
        }
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        if let Some(wait) = self.retry_after {
            write!(f, " (the service asks to retry after {wait:?})")?;
        }
        Ok(())
    }
}

/// A success answer to a dry run.
#[derive(Debug, Clone)]
pub struct NotDryRunError {
    /// The action that was sent as a dry run.
    pub action: &'static str,
    /// The request id, to quote to the provider's support.
    pub request_id: Option<String>,
}

impl fmt::Display for NotDryRunError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "the dry run of {} was answered with success, not with the dry-run code: the service did not dry-run it and may have performed it",
            self.action
        )?;
        if let Some(id) = &self.request_id {
            write!(f, " (request id {id})")?;
        }
        Ok(())
    }
}

/// A success response whose body does not decode: not the envelope or shape the operation
/// answers with at all (a value that merely does not fit its member is left out instead, with
/// a [`DecodeWarning`](crate::response::decode::DecodeWarning) on the output).
#[derive(Debug, Clone)]
pub struct DecodeError {
    /// HTTP status.
    pub status: u16,
    /// What the decoder said.
    pub message: String,
    /// The raw body (cut at 64 KiB).
    pub body: String,
    /// The request id, from the body or the provider's request-id header, where there was one.
    pub request_id: Option<String>,
}

impl DecodeError {
    /// A decoding error of `response`; the request id is read from the body's member
    /// `body_key` when the body is a JSON object holding it, else from the header `header`.
    pub(crate) fn of(response: &crate::client::http::HttpResponse, message: String, body_key: &str, header: &str) -> Self {
        let from_body = crate::response::decode::value_from_slice(&response.body).ok().and_then(|v| match v.get(body_key)? {
            serde_json::Value::String(s) if !s.is_empty() => Some(s.clone()),
            _ => None,
        });
        Self {
            status: response.status,
            message,
            body: body_text(&response.body),
            request_id: from_body.or_else(|| response.header(header).map(str::to_owned)),
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "cannot decode the response (HTTP {}", self.status)?;
        if let Some(id) = &self.request_id {
            write!(f, ", request id {id}")?;
        }
        write!(f, "): {}; body starts: {}", self.message, snippet(&self.body))
    }
}

/// How a wait ended without success.
#[derive(Debug, Clone)]
pub struct WaiterError {
    /// The waiter, e.g. `instance_running`.
    pub waiter: &'static str,
    /// `true` when a failure state was seen; `false` when time ran out.
    pub failed: bool,
    /// The last state seen (several items' states joined by `, `), if any.
    pub last_state: Option<String>,
    /// How long it waited.
    pub waited: Duration,
    /// How many times it polled.
    pub polls: u32,
}

impl fmt::Display for WaiterError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let last = self.last_state.as_deref().unwrap_or("none");
        if self.failed {
            write!(f, "waiter {} ended in failure state `{last}` after {:?} ({} polls)", self.waiter, self.waited, self.polls)
        } else {
            write!(
                f,
                "waiter {} gave up after {:?} ({} polls); last state seen: {last} (raise its max_wait if the service is just slow)",
                self.waiter, self.waited, self.polls
            )
        }
    }
}

/// The first 200 characters of a body, for messages (`…` when there were more).
pub fn snippet(body: &str) -> String {
    let mut s: String = body.chars().take(200).collect();
    if body.chars().nth(200).is_some() {
        s.push('…');
    }
    s
}

/// A body as text for an error, cut at 64 KiB.
pub(crate) fn body_text(body: &[u8]) -> String {
    let cut = &body[..body.len().min(64 * 1024)];
    crate::request::encoding::utf8_lossy(cut).into_owned()
}
