//! What a protocol client does with a request, whatever the provider: where it sends
//! ([`target`]), the sending loop of one operation — encode, resolve the identity, sign, send,
//! decode, retry — ([`send`]), the HTTP transport and its timeouts ([`http`]), and which
//! failures are retried and when ([`retry`]).

pub mod http;
pub mod raw;
pub mod retry;
pub mod send;
pub mod target;
pub mod transport;
