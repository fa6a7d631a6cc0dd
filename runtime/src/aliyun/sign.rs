//! What both Aliyun signers take and give.

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

/// A signed request: what goes on the wire, and the signer's intermediate strings
/// (for conformance tests and debugging; they contain no secret).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// The query string as sent, percent-encoded (RFC 3986), without the `?`: under ACS3
    /// the canonical query itself (parameters sorted), under RPC 1.0 the parameters
    /// sorted by name too (as Alibaba Cloud's Go SDK sends them), `Signature` last; an
    /// anonymous RPC 1.0 request ([`rpc_v1::unsigned`](super::rpc_v1::unsigned)) in the dicts'
    /// order. [`Signed::query_pairs`] decodes it.
    pub query: String,
    /// Final headers, in the order they are sent: the signature's own names borrowed, the
    /// request's names owned.
    pub headers: Vec<(std::borrow::Cow<'static, str>, String)>,
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
