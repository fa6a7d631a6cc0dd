//! The hand-written runtime of yun's generated SDK crates.
//!
//! Generated crates hold only types and the wiring of each operation; everything that
//! behaves lives here, once:
//!
//! - [`params`]: request parameters and their encodings (`Tag.1.Key`, JSON strings);
//! - [`build`]: required-member and constraint checks behind every `build()`;
//! - [`identity`], [`credentials`], [`redact`]: who a request is made as (access keys, bearer
//!   tokens) and the identity providers that give them, and keeping secrets out of output;
//! - [`signing`]: the one signer interface ([`signing::SignableRequest`] and one `sign` function per scheme)
//!   that [`sigv4`], [`aliyun::acs3`], [`aliyun::rpc_v1`] and [`jdcloud::sign`] implement;
//! - [`clock`]: injectable time and nonces, so signatures can be pinned in tests;
//! - [`http`]: the transport (reqwest with rustls), timeouts and retries;
//! - [`aliyun`]: the Aliyun RPC protocol and its two signatures;
//! - [`paginate`], [`waiter`]: pages as streams, and polling until a state is reached;
//! - [`error`]: the one error type every operation returns;
//! - [`structure`], [`Answered`]: what generated structures and outputs share (reading a
//!   member, enum texts, JSON or CSV members; the accessors of what an output kept).

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod aliyun;
mod answered;
pub mod build;
pub mod clock;
pub mod config;
pub mod credentials;
pub mod decode;
pub mod encoding;
mod enums;
pub mod error;
pub mod http;
pub mod identity;
pub mod inspur;
pub mod jdcloud;
pub mod ksyun;
pub mod operation;
pub mod paginate;
pub mod params;
pub mod redact;
pub mod rest;
pub mod retry;
pub mod send;
pub mod signing;
pub mod sigv4;
pub mod structure;
pub mod target;
pub mod waiter;
pub mod xml;

pub use answered::Answered;
pub use build::BuildError;
pub use credentials::Credentials;
pub use error::Error;
pub use identity::{BearerToken, Identity, ResolveIdentity};
pub use operation::Operation;

#[doc(hidden)]
pub mod __private {
    pub use serde;
}

/// A fresh idempotency token (a random UUID), for members the spec marks as one.
pub fn idempotency_token() -> String {
    uuid::Uuid::new_v4().to_string()
}
