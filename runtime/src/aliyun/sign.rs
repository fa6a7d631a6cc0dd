//! What both Aliyun signers take and give.

use crate::credentials::Credentials;

/// An RPC request before signing: the operation's own parameters and the pinned time
/// and nonce.
#[derive(Debug, Clone, Copy)]
pub struct Unsigned<'a> {
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
        use crate::encoding::percent_decode;
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
