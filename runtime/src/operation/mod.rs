//! What a generated operation input is, whatever the protocol: the [`Operation`] trait it
//! implements, the checks behind its `build()` ([`check`]), and how its members are written
//! as parameters ([`params`]) or into a JSON body ([`put_json`], [`json_object`]).

pub mod check;
pub mod params;

use serde::de::DeserializeOwned;
use serde::Serialize;

use params::Params;

/// Members of a JSON request body, keyed by wire name.
pub type JsonBody = serde_json::Map<String, serde_json::Value>;
/// A JSON request body.
pub type JsonValue = serde_json::Value;

/// An operation's input, as generated crates implement it.
pub trait Operation {
    /// The action name on the wire.
    const ACTION: &'static str;
    /// HTTP method.
    const METHOD: &'static str;
    /// Path template with `{name}` segments (`/v1/regions/{regionId}/instances`); `/` for
    /// the RPC and query protocols.
    const PATH: &'static str = "/";
    /// Whether the operation may safely be sent twice (it carries an idempotency token, or
    /// changes nothing).
    const IDEMPOTENT: bool = false;
    /// Whether the output holds a secret (a member the spec marks sensitive, at any depth:
    /// a private key, a password). An answer that fails to decode then keeps neither its
    /// body nor the decoder's words about a value in the error (and so in logs): only the
    /// status and where decoding failed.
    const SENSITIVE_OUTPUT: bool = false;
    /// Sent unsigned, with no identity (the spec's `anonymous`: Aliyun's `AuthType:
    /// Anonymous`, e.g. STS `AssumeRoleWithOIDC`, whose caller holds only an OIDC token).
    const ANONYMOUS: bool = false;
    /// An input member holds a secret (a password, an OIDC token): the service's error
    /// message, which may quote the request, is left out of the runtime's logs.
    const SENSITIVE_INPUT: bool = false;
    /// What a success response decodes into.
    type Output: DeserializeOwned;
    /// Hands `output` what decoding kept of its answer (warnings, raw body); generated
    /// inputs store it on their output, others drop it.
    fn received(_output: &mut Self::Output, _answer: crate::response::decode::Answer) {}
    /// Writes the input's members into query and form-body parameters.
    fn write_params(&self, query: &mut Params, body: &mut Params);
    /// Writes the values of the path template's `{name}` segments (REST protocols).
    fn write_path(&self, _path: &mut Params) {}
    /// The JSON body (REST protocols); `None` when the request has none.
    fn json_body(&self) -> Option<JsonValue> {
        None
    }
}

/// Adds `value` to a JSON body under `key`.
pub fn put_json<T: Serialize + ?Sized>(body: &mut JsonBody, key: &str, value: &T) {
    // Serializing generated types (strings, numbers, lists, string-keyed maps, structures)
    // cannot fail.
    if let Ok(value) = serde_json::to_value(value) {
        body.insert(key.to_owned(), value);
    }
}

/// [`put_json`] for an optional member: nothing when it is `None`.
pub fn put_json_opt<T: Serialize + ?Sized>(body: &mut JsonBody, key: &str, value: Option<&T>) {
    if let Some(value) = value {
        put_json(body, key, value);
    }
}

/// The body holding `members`, inside `{wrapper: {…}}` when the operation wraps its members
/// (`{"reboot": {"type": "SOFT"}}`).
pub fn json_object(members: JsonBody, wrapper: Option<&str>) -> JsonValue {
    let object = JsonValue::Object(members);
    match wrapper {
        Some(key) => JsonValue::Object(JsonBody::from_iter([(key.to_owned(), object)])),
        None => object,
    }
}

/// `value` as the whole JSON body (a `payload` member, e.g. a JSON-patch array).
pub fn json_payload<T: Serialize + ?Sized>(value: &T) -> Option<JsonValue> {
    serde_json::to_value(value).ok()
}
