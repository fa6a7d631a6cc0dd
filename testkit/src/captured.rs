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
    raw_path: String,
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
        Self { host: authority.to_owned(), raw_path: path.to_owned(), path: decoded_path(path), query: pairs(query), form, request }
    }

    /// Checks the request's signature against `credentials` as the service does, from what
    /// was sent: see [`yun_runtime::server::Request::verify_signature`] (Aliyun ACS3 and RPC
    /// 1.0, Kingsoft AWS4 in the header or the query, JD Cloud JDCLOUD3 and JDCLOUD2).
    ///
    /// # Errors
    ///
    /// [`SignatureMismatch`](crate::SignatureMismatch) saying what differs, or that the
    /// request carries no signature this checks.
    pub fn verify_signature(&self, credentials: &yun_runtime::Credentials) -> Result<(), crate::SignatureMismatch> {
        yun_runtime::server::Request::from_http(&self.request).verify_signature(credentials)
    }

    /// [`Captured::verify_signature`], and a SigV4-shaped signature (Kingsoft AWS4, JD Cloud
    /// JDCLOUD3 and JDCLOUD2) must be scoped to `scope`'s region and service: see
    /// [`yun_runtime::server::Request::verify_signature_in`].
    ///
    /// # Errors
    ///
    /// As [`Captured::verify_signature`], and when the scope names another region or service.
    pub fn verify_signature_in(
        &self,
        credentials: &yun_runtime::Credentials,
        scope: yun_runtime::server::verify::Scope<'_>,
    ) -> Result<(), crate::SignatureMismatch> {
        yun_runtime::server::Request::from_http(&self.request).verify_signature_in(credentials, scope)
    }

    /// The request decoded by the server-side codec of the crate `D` stands for, as the
    /// service reads it: the operation and its typed input (`D` is the crate's
    /// `server::OperationInput`, which needs the crate's `server` feature in the test's
    /// dev-dependencies). Matching on the result tells a test which operation was called with
    /// which members.
    ///
    /// # Errors
    ///
    /// The codec's [`Rejection`](yun_runtime::server::Rejection): an operation the crate does
    /// not have, or a member missing or not of its type.
    pub fn input<D: yun_runtime::server::Dispatch>(&self) -> Result<D, yun_runtime::server::Rejection> {
        D::decode(&yun_runtime::server::Request::from_http(&self.request))
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

    /// The path, decoded as the server codecs match it (`/` for the RPC and query protocols):
    /// split at its `/` first, then each segment percent-decoded (`+` stays a plus), so a
    /// member holding `/` (sent as `%2F`, as JD Cloud's and Inspur's clients send
    /// `i-a/b`) stays one segment and reads `%2F` here: `/v1/regions/r/instances/i-a%2Fb`.
    /// Every other escape is decoded (`%20` a space, `%E4%B8%AD` `中`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The path as sent, percent-encoded.
    pub fn raw_path(&self) -> &str {
        &self.raw_path
    }

    /// Whether the path is `path` as [`TestTransport::on_path`](crate::TestTransport::on_path)
    /// reads one: both split at `/`, then each segment percent-decoded and compared, so
    /// `…/instances/i-a%2Fb` (`%2F` in the pattern) is the one segment `i-a/b`, and a plain or
    /// an escaped character is the same (`i-a b`, `i-a%20b`).
    pub fn path_is(&self, path: &str) -> bool {
        let sent: Vec<String> = self.raw_path.split('/').map(decode_segment).collect();
        let wanted: Vec<String> = path.split('/').map(decode_segment).collect();
        sent == wanted
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

/// One path segment percent-decoded, `+` a plus (only queries and forms read it as a space),
/// as the server codecs decode one.
fn decode_segment(segment: &str) -> String {
    percent_decode(&segment.replace('+', "%2B"))
}

/// The path split at `/`, each segment decoded, a `/` decoded inside a segment written back as
/// `%2F` ([`Captured::path`]).
fn decoded_path(raw: &str) -> String {
    raw.split('/').map(|segment| decode_segment(segment).replace('/', "%2F")).collect::<Vec<_>>().join("/")
}

/// `k=v&k=v`, each side percent-decoded (`+` a space), read as the runtime's signers read a
/// form body ([`SignableBody::form_pairs`](yun_runtime::signing::SignableBody::form_pairs)).
fn pairs(text: &str) -> Vec<(String, String)> {
    yun_runtime::signing::SignableBody::Bytes(text.as_bytes()).form_pairs().into_owned()
}
