//! Sending one operation, whatever the protocol: encode the input, then sign, send and
//! decode, retrying what is safe to retry, within the operation timeout.

use serde::de::DeserializeOwned;
use std::borrow::Cow;

use crate::client::http::{HttpRequest, HttpResponse};
use crate::client::retry::with_retries;
use crate::config::{Config, Provider};
use crate::error::Error;
use crate::identity::{IdentityKey, IdentityKind, ResolveIdentity};
use crate::operation::params::Params;
use crate::operation::{JsonValue, Operation};

/// What a protocol client supplies to [`call`].
pub trait Wire {
    /// The service's name, for logs (`swas-open`, `kec`).
    fn service(&self) -> &'static str;
    /// The provider whose configuration the client holds.
    type Provider: Provider;
    /// The client's configuration.
    fn config(&self) -> &Config<Self::Provider>;
    /// Error codes that mean "slow down", as patterns ([`code_matches`](crate::client::retry::code_matches):
    /// `Throttling*` a prefix, `*.Throttling` a suffix, else the exact code).
    fn throttling_codes(&self) -> &'static [&'static str];
    /// The response headers that carry the request id, in order of preference (the first
    /// one present is logged with every attempt); the provider module's to know.
    const REQUEST_ID_HEADERS: &'static [&'static str];
    /// The provider's own header giving the wait a throttled answer asks for, in milliseconds
    /// (Aliyun's `x-acs-retry-after`), read before HTTP `Retry-After`; `None` when it has none.
    const RETRY_AFTER_MS_HEADER: Option<&'static str> = None;
    /// The provider's name, as the error of an identity of the wrong kind says it (`Aliyun`:
    /// "Aliyun's signature needs an access key pair, but the identity provider gave a bearer
    /// token").
    const PROVIDER_NAME: &'static str;
    /// What the protocol signs or authorizes with: [`Credentials`](crate::Credentials) or
    /// [`BearerToken`](crate::BearerToken), of the kind its provider's
    /// [`Provider::IDENTITY`] names (the compiler checks they agree). [`call`] takes it out of
    /// the identity of each attempt, once for every provider, and stops with an
    /// [`Error::Credentials`] before anything is sent when the identity provider gave the other
    /// kind.
    type Key: IdentityKey;
    /// The request for one attempt, signed (fresh time and nonce) or authorized with `key`,
    /// taken from the identity the configuration's identity provider gave for this attempt.
    fn authorize(&self, request: &Encoded, key: &Self::Key) -> HttpRequest;
    /// The request for one attempt of an anonymous operation ([`Operation::ANONYMOUS`]):
    /// unsigned, with no identity. `None` (the default) for protocols that have none.
    fn authorize_anonymous(&self, _request: &Encoded) -> Option<HttpRequest> {
        None
    }
    /// The operation's output with the warnings of the values left out, or the error the
    /// response carries. With `sensitive`, no warning keeps raw text.
    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse, sensitive: bool) -> Result<crate::response::decode::Decoded<O>, Error>;
}

/// An operation's input, encoded once and signed again for every attempt. Its `Debug`
/// names the parameters but shows no value: a value may be a password.
#[derive(Clone, Default)]
pub struct Encoded {
    /// The action name (a generated operation's constant; any name for a raw call).
    pub action: Cow<'static, str>,
    /// HTTP method.
    pub method: Cow<'static, str>,
    /// Path template (`/` for RPC and query protocols).
    pub path_template: Cow<'static, str>,
    /// Values of the template's `{name}` segments.
    pub path: Params,
    /// Query parameters.
    pub query: Params,
    /// Form-body parameters.
    pub body: Params,
    /// The JSON body, for REST protocols.
    pub json: Option<JsonValue>,
    /// Headers given for the call ([`crate::request::headers::RequestHeaders`], checked), to sign
    /// and send besides the protocol's own; filled by [`call`] from the configuration.
    pub headers: Vec<(String, String)>,
    /// The output holds a secret ([`Operation::SENSITIVE_OUTPUT`]): a decoding error keeps
    /// no body.
    pub sensitive_output: bool,
    /// Sent unsigned, with no identity ([`Operation::ANONYMOUS`]).
    pub anonymous: bool,
    /// The input holds a secret ([`Operation::SENSITIVE_INPUT`]): an error's message is not
    /// logged.
    pub sensitive_input: bool,
}

impl std::fmt::Debug for Encoded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let names = |p: &Params| p.pairs().iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
        f.debug_struct("Encoded")
            .field("action", &self.action)
            .field("method", &self.method)
            .field("path_template", &self.path_template)
            .field("path", &names(&self.path))
            .field("query", &names(&self.query))
            .field("body", &names(&self.body))
            .field("headers", &self.headers.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>())
            .field(
                "json",
                &self.json.as_ref().map(|j| j.as_object().map_or_else(|| vec!["<array>".to_owned()], |o| o.keys().cloned().collect())),
            )
            .finish()
    }
}

impl Encoded {
    /// Encodes `op`.
    pub fn new<Op: Operation>(op: &Op) -> Self {
        let mut encoded = Self {
            action: Cow::Borrowed(Op::ACTION),
            method: Cow::Borrowed(Op::METHOD),
            path_template: Cow::Borrowed(Op::PATH),
            json: op.json_body(),
            sensitive_output: Op::SENSITIVE_OUTPUT,
            anonymous: Op::ANONYMOUS,
            sensitive_input: Op::SENSITIVE_INPUT,
            ..Self::default()
        };
        op.write_params(&mut encoded.query, &mut encoded.body);
        op.write_path(&mut encoded.path);
        encoded
    }
}

/// Sends `op` through `client`, inside a `tracing` span `operation` (service, operation);
/// each attempt logs its number, HTTP status, request id and latency at debug level.
/// Nothing of the request or response body, and no credential, is logged; a value the
/// output had to leave out is logged at warn level with its path (and its raw text, unless
/// the output holds a secret), and kept on the output ([`Operation::received`]) with the raw
/// body (unless the output holds a secret).
pub async fn call<W: Wire, Op: Operation>(client: &W, op: &Op) -> Result<Op::Output, Error> {
    let encoded = Encoded::new(op);
    let (decoded, body) = call_answered::<W, Op::Output>(client, &encoded, Op::IDEMPOTENT).await?;
    let mut output = decoded.output;
    let body = (!encoded.sensitive_output).then_some(body);
    Op::received(&mut output, crate::response::decode::Answer::new(decoded.warnings, body));
    Ok(output)
}

/// Sends an already encoded request (e.g. one a protocol client added a parameter to) and
/// decodes its answer into `O`, as [`call`] does.
pub async fn call_encoded<W: Wire, O: DeserializeOwned>(client: &W, encoded: &Encoded, idempotent: bool) -> Result<O, Error> {
    call_answered(client, encoded, idempotent).await.map(|(decoded, _)| decoded.output)
}

async fn call_answered<W: Wire, O: DeserializeOwned>(
    client: &W,
    encoded: &Encoded,
    idempotent: bool,
) -> Result<(crate::response::decode::Decoded<O>, bytes::Bytes), Error> {
    use tracing::Instrument;
    let span = tracing::info_span!("operation", service = client.service(), operation = &*encoded.action);
    send(client, encoded, idempotent).instrument(span).await
}

async fn send<W: Wire, O: DeserializeOwned>(
    client: &W,
    encoded: &Encoded,
    idempotent: bool,
) -> Result<(crate::response::decode::Decoded<O>, bytes::Bytes), Error> {
    const {
        assert!(
            <W::Key as IdentityKey>::KIND as u8 == <W::Provider as Provider>::IDENTITY as u8,
            "a protocol client's Wire::Key is not the kind of identity its provider's IDENTITY names"
        )
    };
    let config = client.config();
    // Headers given for the call are checked once, before anything is sent.
    let with_headers;
    let encoded = if config.request_headers().is_empty() {
        encoded
    } else {
        config.request_headers().check()?;
        with_headers = Encoded { headers: config.request_headers().expose(), ..encoded.clone() };
        &with_headers
    };
    let attempt = std::sync::atomic::AtomicU32::new(0);
    let result =
        with_retries(config.retry(), config.retry_budget(), config.timeouts().operation, client.throttling_codes(), idempotent, || async {
            let n = attempt.fetch_add(1, std::sync::atomic::Ordering::Relaxed) + 1;
            let started = std::time::Instant::now();
            let request = if encoded.anonymous {
                client.authorize_anonymous(encoded).ok_or_else(|| {
                    Error::Config(format!("{} has no unsigned requests: `{}` cannot be sent anonymously", W::PROVIDER_NAME, encoded.action))
                })?
            } else {
                let identity = config.identity_provider().resolve_identity().await?;
                client.authorize(encoded, identity.key::<W::Key>(&signer::<W>())?)
            };
            let response = config.http().send(request).await;
            let latency_ms = started.elapsed().as_millis() as u64;
            match &response {
                Ok(r) => tracing::debug!(
                    attempt = n,
                    status = r.status,
                    request_id = r.first_header(W::REQUEST_ID_HEADERS).unwrap_or(""),
                    latency_ms,
                    "attempt answered"
                ),
                Err(e) => tracing::debug!(attempt = n, latency_ms, error = %e, "attempt failed"),
            }
            let response = response?;
            let decoded = client
                .decode(&response, encoded.sensitive_output)
                .map_err(|e| with_retry_after(e, &response, W::RETRY_AFTER_MS_HEADER, config.clock().now()));
            let decoded = if encoded.sensitive_output { decoded.map_err(withhold_secret) } else { decoded };
            decoded.map(|d| (d, response.body.clone()))
        })
        .await;
    match &result {
        Err(e) => {
            tracing::debug!(error = %Loggable(e, encoded.sensitive_input), request_id = e.request_id().unwrap_or(""), "operation failed")
        }
        Ok((decoded, _)) => {
            for w in &decoded.warnings {
                if encoded.sensitive_output {
                    tracing::warn!(
                        path = w.path(),
                        "a value does not fit the output and was left out (raw text withheld: the answer holds a secret)"
                    );
                } else {
                    tracing::warn!(path = w.path(), raw = w.raw(), "a value does not fit the output and was left out");
                }
            }
        }
    }
    result
}

/// Who signs or authorizes the requests of `W`, for the error of a wrong identity:
/// "Aliyun's signature", "Inspur Cloud's authorization".
fn signer<W: Wire>() -> String {
    let what = match <W::Key as IdentityKey>::KIND {
        IdentityKind::AccessKey => "signature",
        IdentityKind::BearerToken => "authorization",
    };
    format!("{}'s {what}", W::PROVIDER_NAME)
}

/// A service error with the wait its answer asked for (the provider's own header, e.g.
/// `x-acs-retry-after`, else `Retry-After`), read here once for every provider: the retry loop
/// waits at least that long, and the caller reads it with [`Error::retry_after`]. `now` (the
/// configured clock) dates a `Retry-After` given as an HTTP date.
fn with_retry_after(error: Error, response: &HttpResponse, millis_header: Option<&str>, now: time::OffsetDateTime) -> Error {
    match error {
        Error::Service(mut e) if e.retry_after.is_none() => {
            e.retry_after = crate::client::retry::retry_after(&response.headers, millis_header, now);
            Error::Service(e)
        }
        other => other,
    }
}

/// A decoding error of an answer that holds a secret, without the body and without what
/// the decoder said about a value (serde quotes the value it could not take): the status
/// and the path where decoding failed stay.
fn withhold_secret(error: Error) -> Error {
    match error {
        Error::Decode(mut d) => {
            let at = d.message.split_once(": ").map_or("the response", |(at, _)| at).to_owned();
            d.message = format!("{at}: does not fit the output (details withheld: the answer holds a secret)");
            d.body = String::from("<withheld: the answer holds a secret>");
            Error::Decode(d)
        }
        other => other,
    }
}

/// An error as the log shows it: without the answer's body (a service error without a
/// message, a decoding error), which the README promises is never logged.
struct Loggable<'a>(&'a Error, bool);

impl std::fmt::Display for Loggable<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.0 {
            Error::Service(e) => {
                write!(f, "service error (HTTP {})", e.status)?;
                if let Some(code) = &e.code {
                    write!(f, " {code}")?;
                }
                match &e.message {
                    // The request held a secret the service may quote back.
                    Some(_) if self.1 => write!(f, ": (message withheld: the request holds a secret)")?,
                    Some(message) => write!(f, ": {message}")?,
                    None => {}
                }
                Ok(())
            }
            // Its message may quote the answer, and the answer the request.
            Error::Decode(e) if self.1 => {
                write!(f, "cannot decode the response (HTTP {}): (details withheld: the request holds a secret)", e.status)
            }
            Error::Decode(e) => write!(f, "cannot decode the response (HTTP {}): {}", e.status, e.message),
            other => write!(f, "{other}"),
        }
    }
}
