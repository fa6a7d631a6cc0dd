//! Bearer tokens: where an `Authorization: Bearer …` header's token comes from — a fixed
//! token, or a source of the caller's that can fetch a fresh one (e.g. from Keycloak) when the
//! last one expires.

use std::fmt;
use std::future::Future;
use std::pin::Pin;

use crate::error::Error;
use crate::redact::Secret;

/// A future of a token.
pub type TokenFuture<'a> = Pin<Box<dyn Future<Output = Result<Secret, Error>> + Send + 'a>>;

/// Gives the token for the next request. Called once per attempt, so a source that caches a
/// token and refreshes it before it expires serves long-running clients.
pub trait TokenSource: Send + Sync + fmt::Debug {
    /// A token valid now; an error (usually [`Error::Credentials`]) stops the call.
    fn token(&self) -> TokenFuture<'_>;
}

/// One token, given by the caller or read from the environment. `Debug` hides it.
#[derive(Clone, Debug)]
pub struct StaticToken(Secret);

impl StaticToken {
    /// A source that always gives `token`.
    pub fn new(token: impl Into<String>) -> Self {
        Self(Secret::new(token))
    }
}

impl TokenSource for StaticToken {
    fn token(&self) -> TokenFuture<'_> {
        let token = self.0.clone();
        Box::pin(async move { Ok(token) })
    }
}
