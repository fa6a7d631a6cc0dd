//! Recording real exchanges, with secrets redacted, and replaying them.

use std::path::Path;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};
use yun_runtime::client::http::{HttpRequest, HttpResponse, Transport, SHOWN_HEADERS};
use yun_runtime::client::transport::BoxFuture;
use yun_runtime::error::Error;
use yun_runtime::redact::REDACTED;

use crate::captured::Captured;
use crate::reply::Reply;
use crate::transport::TestTransport;

/// Answer headers whose values are written besides the request headers the runtime shows
/// ([`yun_runtime::client::http::SHOWN_HEADERS`], the protocols' own, which hold no secret).
/// Every other value is redacted: a signature, a token, a key id, or a header given for one call.
const SHOWN_ANSWER_HEADERS: &[&str] =
    &["date", "accept-encoding", "x-acs-request-id", "x-acs-retry-after", "x-jdcloud-request-id", "retry-after"];

fn headers<N: AsRef<str>>(headers: &[(N, String)]) -> Vec<(String, String)> {
    headers
        .iter()
        .map(|(k, v)| {
            let name = k.as_ref().to_ascii_lowercase();
            let shown = SHOWN_HEADERS.contains(&name.as_str()) || SHOWN_ANSWER_HEADERS.contains(&name.as_str());
            (k.as_ref().to_owned(), if shown { v.clone() } else { REDACTED.to_owned() })
        })
        .collect()
}

/// A JSON answer with the values of secret-named members redacted at any depth (STS's
/// `AccessKeySecret` and `SecurityToken`, passwords); other text as it came.
fn response_body(body: &[u8]) -> String {
    fn redact(value: &mut serde_json::Value) {
        match value {
            serde_json::Value::Object(members) => {
                for (name, v) in members.iter_mut() {
                    if secret_param(name) && !v.is_object() && !v.is_array() {
                        *v = serde_json::Value::String(REDACTED.to_owned());
                    } else {
                        redact(v);
                    }
                }
            }
            serde_json::Value::Array(items) => items.iter_mut().for_each(redact),
            _ => {}
        }
    }
    match serde_json::from_slice::<serde_json::Value>(body) {
        Ok(mut value) => {
            redact(&mut value);
            value.to_string()
        }
        Err(_) => String::from_utf8_lossy(body).into_owned(),
    }
}

/// Query and form parameters whose values are never written: signatures, tokens, keys, and
/// any whose name says it holds a password or a secret.
fn secret_param(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "signature" | "securitytoken" | "accesskeyid" | "x-amz-signature" | "x-amz-credential" | "x-amz-security-token"
    ) || ["password", "secret", "token", "privatekey"].iter().any(|w| lower.contains(w))
}

/// One request and its answer, as kept in a [`Cassette`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Exchange {
    /// The action (RPC and query protocols), if the request names one.
    pub action: Option<String>,
    /// `GET`, `POST`, …
    pub method: String,
    /// The host (with its port, if the URL has one).
    pub host: String,
    /// The path, decoded.
    pub path: String,
    /// Query parameters, decoded, secrets redacted.
    pub query: Vec<(String, String)>,
    /// Form-body parameters, decoded, secrets redacted.
    pub form: Vec<(String, String)>,
    /// Request headers, secrets redacted.
    pub request_headers: Vec<(String, String)>,
    /// The answer's status.
    pub status: u16,
    /// The answer's headers.
    pub response_headers: Vec<(String, String)>,
    /// The answer's body as text (lossy UTF-8: the protocols answer JSON or XML); a JSON
    /// answer's secret-named members (`AccessKeySecret`, `SecurityToken`, passwords) redacted.
    pub response_body: String,
}

impl Exchange {
    fn new(request: &Captured, response: &HttpResponse) -> Self {
        let params = |pairs: &[(String, String)]| {
            pairs.iter().map(|(k, v)| (k.clone(), if secret_param(k) { REDACTED.to_owned() } else { v.clone() })).collect()
        };
        Exchange {
            action: request.action().map(str::to_owned),
            method: request.method().to_owned(),
            host: request.host().to_owned(),
            path: request.path().to_owned(),
            query: params(request.query()),
            form: params(request.form()),
            request_headers: headers(&request.request().headers),
            status: response.status,
            response_headers: headers(&response.headers),
            response_body: response_body(&response.body),
        }
    }

    /// The answer as a [`Reply`].
    pub fn reply(&self) -> Reply {
        let mut reply = Reply::new(self.status, self.response_body.clone().into_bytes());
        for (name, value) in &self.response_headers {
            reply = reply.with_header(name, value.clone());
        }
        reply
    }
}

/// Recorded exchanges, saved to and loaded from a JSON file.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Cassette {
    /// The exchanges in the order they happened.
    pub exchanges: Vec<Exchange>,
}

impl Cassette {
    /// Reads a cassette written by [`Cassette::save`].
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the file when it cannot be read or is not a cassette.
    pub fn load(path: impl AsRef<Path>) -> Result<Self, Error> {
        let path = path.as_ref();
        let text = std::fs::read_to_string(path).map_err(|e| Error::Config(format!("cannot read cassette {}: {e}", path.display())))?;
        serde_json::from_str(&text).map_err(|e| Error::Config(format!("{} is not a yun-testkit cassette: {e}", path.display())))
    }

    /// Writes the cassette as pretty JSON.
    ///
    /// # Errors
    ///
    /// [`Error::Config`] naming the file when it cannot be written.
    pub fn save(&self, path: impl AsRef<Path>) -> Result<(), Error> {
        let path = path.as_ref();
        let text = serde_json::to_string_pretty(self).map_err(|e| Error::Config(format!("cannot encode cassette: {e}")))?;
        std::fs::write(path, text + "\n").map_err(|e| Error::Config(format!("cannot write cassette {}: {e}", path.display())))
    }

    /// A transport that replays the exchanges: each host's actions (or, for REST, methods and
    /// paths) answered in the order they were recorded, the last answer again once they run out.
    pub fn replay(&self) -> TestTransport {
        let transport = TestTransport::new();
        let mut seen: Vec<(String, Option<String>, String, String)> = Vec::new();
        for exchange in &self.exchanges {
            let key = (exchange.host.clone(), exchange.action.clone(), exchange.method.clone(), exchange.path.clone());
            if seen.contains(&key) {
                continue;
            }
            let same: Vec<&Exchange> =
                self.exchanges.iter().filter(|e| e.host == key.0 && e.action == key.1 && e.method == key.2 && e.path == key.3).collect();
            let rule = match &key.1 {
                Some(action) => transport.on_action(action),
                None => transport.on_path(&key.2, &key.3),
            };
            let mut rule = rule.at_host(&key.0);
            for e in same {
                rule = rule.then(e.reply());
            }
            seen.push(key);
        }
        transport
    }
}

/// A transport that sends through another and records each exchange, secrets redacted.
#[derive(Debug, Clone)]
pub struct Recorder<T> {
    inner: T,
    cassette: Arc<Mutex<Cassette>>,
}

impl<T: Transport> Recorder<T> {
    /// Records what passes through `inner`.
    pub fn new(inner: T) -> Self {
        Self { inner, cassette: Arc::new(Mutex::new(Cassette::default())) }
    }

    /// What was recorded so far.
    pub fn cassette(&self) -> Cassette {
        self.cassette.lock().map(|c| c.clone()).unwrap_or_else(|poisoned| poisoned.into_inner().clone())
    }
}

impl<T: Transport> Transport for Recorder<T> {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        let captured = Captured::new(request.clone());
        Box::pin(async move {
            let response = self.inner.send(request).await?;
            let exchange = Exchange::new(&captured, &response);
            match self.cassette.lock() {
                Ok(mut c) => c.exchanges.push(exchange),
                Err(poisoned) => poisoned.into_inner().exchanges.push(exchange),
            }
            Ok(response)
        })
    }
}
