//! What both Aliyun signers take and give.

use crate::identity::Credentials;
use crate::signing::SignableRequest;

/// What both Aliyun signatures need besides the request and the key pair: the action and
/// API version (sent as `x-acs-action`/`x-acs-version` headers under ACS3, as `Action`/
/// `Version` parameters under RPC 1.0), the pinned time and nonce, and the user agent.
#[derive(Debug, Clone, Copy)]
pub struct SigningSettings<'a> {
    /// Action name, e.g. `DescribeInstances`.
    pub action: &'a str,
    /// API version, e.g. `2014-05-26`.
    pub version: &'a str,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub timestamp: &'a str,
    /// A unique nonce.
    pub nonce: &'a str,
    /// The `user-agent` header's value.
    pub user_agent: &'a str,
}

impl<'a> Unsigned<'a> {
    /// The signers' view of a request: its body read as form parameters
    /// ([`crate::signing::SignableBody::form_pairs`], given as `body`).
    pub(crate) fn new(
        request: &SignableRequest<'a>,
        body: &'a [(String, String)],
        credentials: &'a Credentials,
        settings: &SigningSettings<'a>,
    ) -> Self {
        Unsigned {
            method: request.method,
            host: request.host,
            pathname: request.path,
            action: settings.action,
            version: settings.version,
            query: request.query,
            body,
            credentials,
            timestamp: settings.timestamp,
            nonce: settings.nonce,
            extra_headers: request.headers,
        }
    }
}

/// An RPC request before signing, as both signers read it.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Unsigned<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// `Host` header value (host, or host:port).
    pub host: &'a str,
    /// Path, `/` for RPC.
    pub pathname: &'a str,
    /// Action name.
    pub action: &'a str,
    /// API version.
    pub version: &'a str,
    /// The operation's query parameters, flattened.
    pub query: &'a [(String, String)],
    /// The operation's form-body parameters, flattened.
    pub body: &'a [(String, String)],
    /// Who signs.
    pub credentials: &'a Credentials,
    /// `YYYY-MM-DDTHH:MM:SSZ`.
    pub timestamp: &'a str,
    /// A unique nonce.
    pub nonce: &'a str,
    /// Headers to send (and sign, under ACS3) besides the protocol's own.
    pub extra_headers: &'a [(String, String)],
}

/// A signed request: what goes on the wire, and the signer's intermediate strings
/// (for conformance tests and debugging; they contain no secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The query string as sent, percent-encoded (RFC 3986), without the `?`: under ACS3
    /// the canonical query itself (parameters sorted), under RPC 1.0 the parameters in the
    /// order the SDKs send them, `Signature` last. [`Signed::query_pairs`] decodes it.
    pub query: String,
    /// Final headers, in the order they are sent.
    pub headers: Vec<(String, String)>,
    /// Form-encoded body (empty for none).
    pub body: String,
    /// The canonical request (ACS3 only).
    pub canonical_request: Option<String>,
    /// The string that was signed.
    pub string_to_sign: String,
}

impl Signed {
    /// The query parameters of [`Signed::query`], decoded, in the order they are sent.
    pub fn query_pairs(&self) -> Vec<(String, String)> {
        use crate::request::encoding::percent_decode;
        self.query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect()
    }
}
