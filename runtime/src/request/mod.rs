//! From a written input to the bytes of the wire request: percent-encoding and form bodies,
//! the canonical query the signers sort ([`encoding`]), and what the REST protocols share
//! (path templates, the encoded query, the JSON body's bytes: [`rest`]).

pub mod encoding;
pub mod headers;
pub mod rest;
