//! The hand-written runtime of yun's generated SDK crates.
//!
//! Generated crates hold only types and the wiring of each operation; everything that
//! behaves lives here, once, grouped by what it does on the way of a call:
//!
//! - [`operation`]: what a generated input is ([`Operation`]), the checks behind its
//!   `build()` ([`operation::check`]) and how its members are written
//!   ([`operation::params`]: `Tag.1.Key`, JSON strings; JSON bodies);
//! - [`request`]: from written members to the wire request (percent-encoding, form bodies,
//!   canonical queries: [`request::encoding`]; path templates and JSON bodies:
//!   [`request::rest`]; headers given for some calls, signed with the rest:
//!   [`request::headers`]);
//! - [`identity`], [`redact`]: who a request is made as (access key pairs, bearer tokens),
//!   the identity providers that give them and their cache, and keeping secrets out of output;
//! - [`signing`]: the one signer interface ([`signing::SignableRequest`] and one `sign`
//!   function per scheme) that [`signing::sigv4`], [`aliyun::acs3`], [`aliyun::rpc_v1`] and
//!   [`jdcloud::sign`] implement; [`clock`]: injectable time and nonces, so signatures can be
//!   pinned in tests;
//! - [`client`]: sending one operation (encode, resolve the identity, sign, send, decode:
//!   [`client::send`]), requests, responses and timeouts ([`client::http`]), what sends an
//!   attempt ([`client::transport`]: by default reqwest with rustls and a cap of connections
//!   per host), retries
//!   ([`client::retry`]), where a client sends ([`client::target`]); [`config`]: the
//!   configuration every client is built from;
//! - [`response`]: the one lenient decoding policy ([`response::decode`]) and XML bodies
//!   ([`response::xml`]);
//! - [`aliyun`], [`ksyun`], [`jdcloud`], [`inspur`]: each provider's protocol client, envelope,
//!   signatures, environment variables and profile file;
//! - [`paginate`], [`waiter`]: pages as streams, and polling until a state is reached;
//! - [`error`]: the one error type every operation returns;
//! - `server` (the `server` feature): the inverse of the clients, for emulators and tests:
//!   requests decoded into typed inputs, outputs encoded into answers, arbitrary values;
//! - [`response::structure`], [`Answered`]: what generated structures and outputs share (reading a
//!   member, enum texts, JSON or CSV members; the accessors of what an output kept).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aliyun;
pub mod client;
pub mod clock;
pub mod config;
mod enums;
pub mod error;
pub mod identity;
pub mod inspur;
pub mod jdcloud;
pub mod ksyun;
pub mod operation;
pub mod paginate;
pub mod redact;
pub mod request;
pub mod response;
#[cfg(feature = "server")]
pub mod server;
pub mod signing;
pub mod waiter;

pub use error::Error;
pub use identity::{BearerToken, Credentials, Identity, ResolveIdentity};
pub use operation::check::BuildError;
pub use operation::Operation;
pub use response::answered::Answered;

#[doc(hidden)]
pub mod __private {
    pub use serde;
}

/// A fresh idempotency token (a random UUID), for members the spec marks as one.
pub fn idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}
