//! What a generated operation input tells the runtime, whatever the protocol.

use serde::de::DeserializeOwned;

use crate::params::Params;

/// An operation's input, as generated crates implement it.
pub trait Operation {
    /// The action name on the wire.
    const ACTION: &'static str;
    /// HTTP method.
    const METHOD: &'static str;
    /// Whether the operation may safely be sent twice (it carries an idempotency token).
    const IDEMPOTENT: bool = false;
    /// What a success response decodes into.
    type Output: DeserializeOwned;
    /// Writes the input's members into query and form-body parameters.
    fn write_params(&self, query: &mut Params, body: &mut Params);
}
