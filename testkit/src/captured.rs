//! What one attempt sent, as a test reads it.

use yun_runtime::client::http::{header_in, HttpRequest};
use yun_runtime::request::encoding::percent_decode;

/// One attempt as it was sent: the signed request, and its parts read back.
///
/// Its `Debug` is the runtime's `HttpRequest` `Debug` (header values other than the
/// protocols' own are hidden, the query and body only counted): a test that prints a
/// captured request does not print a signature or a password.
#[derive(Clone)]
pub struct Captured {
    request: HttpRequest,
    host: String,
    path: String,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
}

impl std::fmt::Debug for Captured {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.request.fmt(f)
    }
}

impl Captured {
    /// A request read back: its host, path, query and form body decoded.
    pub fn new(request: HttpRequest) -> Self {
        let rest = request.url.split_once("://").map_or(request.url.as_str(), |(_, rest)| rest);
        let (authority, path_and_query) = rest.find('/').map_or((rest, "/"), |i| rest.split_at(i));
        let (path, query) = path_and_query.split_once('?').unwrap_or((path_and_query, ""));
        let form = match header_in(&request.headers, "content-type") {
            Some(t) if t.starts_with("application/x-www-form-urlencoded") => pairs(&String::from_utf8_lossy(&request.body)),
            _ => Vec::new(),
        };
        // `+` is a plus in a path (only forms read it as a space).
        Self { host: authority.to_owned(), path: percent_decode(&path.replace('+', "%2B")), query: pairs(query), form, request }
    }

    /// Checks the request's signature against `credentials` as the service does, from what
    /// was sent: see [`yun_runtime::server::Request::verify_signature`] (Aliyun ACS3 and RPC
    /// 1.0, Kingsoft AWS4 in the header or the query, JD Cloud JDCLOUD3).
    ///
    /// # Errors
    ///
    /// [`SignatureMismatch`](crate::SignatureMismatch) saying what differs, or that the
    /// request carries no signature this checks.
    pub fn verify_signature(&self, credentials: &yun_runtime::Credentials) -> Result<(), crate::SignatureMismatch> {
        yun_runtime::server::Request::from_http(&self.request).verify_signature(credentials)
    }

    /// The request as sent (signed).
    pub fn request(&self) -> &HttpRequest {
        &self.request
    }

    /// `GET`, `POST`, …
    pub fn method(&self) -> &str {
        &self.request.method
    }

    /// The host (with the port when the URL has one).
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path, percent-decoded (`/` for the RPC and query protocols).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query parameters in the order sent, decoded.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The form-body parameters in the order sent, decoded (none for another body).
    pub fn form(&self) -> &[(String, String)] {
        &self.form
    }

    /// The first value of parameter `name`, from the query or else the form body.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().chain(&self.form).find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        header_in(&self.request.headers, name)
    }

    /// The body bytes.
    pub fn body(&self) -> &[u8] {
        &self.request.body
    }

    /// The body as JSON, for the REST protocols (`None` for an empty or non-JSON body).
    pub fn json(&self) -> Option<serde_json::Value> {
        serde_json::from_slice(&self.request.body).ok()
    }

    /// The action of the RPC and query protocols: Aliyun's `x-acs-action` header (ACS3) or the
    /// `Action` parameter (RPC 1.0, Kingsoft), in the query or the form body. `None` for the
    /// REST protocols, whose operations are a method and a path.
    pub fn action(&self) -> Option<&str> {
        self.header("x-acs-action").or_else(|| self.param("Action"))
    }
}

/// `k=v&k=v`, each side percent-decoded (`+` a space), read as the runtime's signers read a
/// form body ([`SignableBody::form_pairs`](yun_runtime::signing::SignableBody::form_pairs)).
fn pairs(text: &str) -> Vec<(String, String)> {
    yun_runtime::signing::SignableBody::Bytes(text.as_bytes()).form_pairs().into_owned()
}
