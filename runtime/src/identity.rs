//! Who a request is made as, apart from how it is signed.
//!
//! An [`Identity`] is what a signer needs: an access key pair ([`Credentials`], with an
//! optional session token) or a bearer token ([`BearerToken`]), each with an optional
//! expiry. An identity comes from a [`ResolveIdentity`] (an *identity provider*), asked
//! before every attempt, so a provider that caches an identity and renews it before it
//! expires serves a long-running client. The names follow smithy-rs
//! (`aws-smithy-runtime-api`, `client/identity.rs`: `Identity`, `ResolveIdentity`,
//! `SharedIdentityResolver`).
//!
//! The providers here are the sources yun has: a fixed identity (a [`Credentials`], a
//! [`BearerToken`] or an [`Identity`] is its own provider), environment variables
//! ([`EnvironmentVariables`], [`EnvironmentToken`]) and the CLI profile files
//! ([`crate::aliyun::profile::ProfileFile`], [`crate::jdcloud::profile::ProfileFile`]).
//! A signer takes the identity and the request ([`crate::signing`]). Providers that fetch
//! temporary identities are wrapped in an [`IdentityCache`], which renews them before they
//! expire, once for all concurrent callers.
//!
//! Secrets never show: `Debug` of every type here hides the secret and the token, and no
//! error names a value, only where it was looked for.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::SystemTime;

use crate::error::Error;
use crate::redact::Secret;
pub use credentials::Credentials;

pub mod cache;
mod credentials;
pub use cache::IdentityCache;

/// A bearer token (`Authorization: Bearer <token>`), e.g. a Keycloak access token, with
/// the time it expires if known. `Debug` hides the token.
#[derive(Clone, PartialEq, Eq)]
pub struct BearerToken {
    token: Secret,
    expiration: Option<SystemTime>,
}

impl BearerToken {
    /// A token with no known expiry.
    pub fn new(token: impl Into<String>) -> Self {
        Self { token: Secret::new(token), expiration: None }
    }

    /// The same token, expiring at `when`.
    pub fn with_expiration(mut self, when: SystemTime) -> Self {
        self.expiration = Some(when);
        self
    }

    /// The token.
    pub fn token(&self) -> &Secret {
        &self.token
    }

    /// When the token stops being valid, if known.
    pub fn expiration(&self) -> Option<SystemTime> {
        self.expiration
    }
}

impl fmt::Debug for BearerToken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("BearerToken").field("token", &self.token).field("expiration", &self.expiration).finish()
    }
}

/// The kinds of identity; a provider's signer takes one of them.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IdentityKind {
    /// An access key pair (with an optional session token) that signs each request.
    AccessKey,
    /// A bearer token sent as it is.
    BearerToken,
}

impl fmt::Display for IdentityKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::AccessKey => "an access key pair",
            Self::BearerToken => "a bearer token",
        })
    }
}

/// Who a request is made as. `Debug` hides every secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Identity {
    /// An access key pair, with an optional session (STS) token.
    AccessKey(Credentials),
    /// A bearer token.
    BearerToken(BearerToken),
}

impl Identity {
    /// Which kind of identity this is.
    pub fn kind(&self) -> IdentityKind {
        match self {
            Self::AccessKey(_) => IdentityKind::AccessKey,
            Self::BearerToken(_) => IdentityKind::BearerToken,
        }
    }

    /// When the identity stops being valid, if known (temporary credentials, a token).
    pub fn expiration(&self) -> Option<SystemTime> {
        match self {
            Self::AccessKey(c) => c.expiration(),
            Self::BearerToken(t) => t.expiration(),
        }
    }

    /// The part of the identity `signer` takes ([`Credentials`] or [`BearerToken`]), or an
    /// [`Error::Credentials`] saying that `signer` needs that kind and the provider gave
    /// another. Sending checks it once for every provider
    /// ([`Wire::Key`](crate::client::send::Wire::Key)).
    pub fn key<K: IdentityKey>(&self, signer: &str) -> Result<&K, Error> {
        K::from_identity(self)
            .ok_or_else(|| Error::Credentials(format!("{signer} needs {}, but the identity provider gave {}", K::KIND, self.kind())))
    }

    /// The access key pair, or an [`Error::Credentials`] saying that `signer` signs with one
    /// and the provider gave another kind of identity.
    pub fn access_key(&self, signer: &str) -> Result<&Credentials, Error> {
        self.key(signer)
    }

    /// The bearer token, or an [`Error::Credentials`] saying that `signer` sends one and the
    /// provider gave another kind of identity.
    pub fn bearer_token(&self, signer: &str) -> Result<&BearerToken, Error> {
        self.key(signer)
    }
}

/// What a signer takes out of an [`Identity`]: an access key pair ([`Credentials`]) or a
/// bearer token ([`BearerToken`]).
pub trait IdentityKey {
    /// The kind of identity this is.
    const KIND: IdentityKind;
    /// This part of `identity`, when it is of [`Self::KIND`].
    fn from_identity(identity: &Identity) -> Option<&Self>;
}

impl IdentityKey for Credentials {
    const KIND: IdentityKind = IdentityKind::AccessKey;
    fn from_identity(identity: &Identity) -> Option<&Self> {
        match identity {
            Identity::AccessKey(c) => Some(c),
            Identity::BearerToken(_) => None,
        }
    }
}

impl IdentityKey for BearerToken {
    const KIND: IdentityKind = IdentityKind::BearerToken;
    fn from_identity(identity: &Identity) -> Option<&Self> {
        match identity {
            Identity::BearerToken(t) => Some(t),
            Identity::AccessKey(_) => None,
        }
    }
}

impl From<Credentials> for Identity {
    fn from(credentials: Credentials) -> Self {
        Self::AccessKey(credentials)
    }
}

impl From<BearerToken> for Identity {
    fn from(token: BearerToken) -> Self {
        Self::BearerToken(token)
    }
}

/// The future of an identity, as [`ResolveIdentity::resolve_identity`] returns it.
pub type IdentityFuture<'a> = Pin<Box<dyn Future<Output = Result<Identity, Error>> + Send + 'a>>;

/// An identity provider: gives the identity for the next attempt. Called once per attempt;
/// a provider that fetches identities (STS, a metadata service, a token endpoint) caches
/// one and renews it before its [`Identity::expiration`].
///
/// Object-safe: a configuration holds one as a [`SharedIdentityResolver`].
pub trait ResolveIdentity: Send + Sync + fmt::Debug {
    /// An identity valid now, or an error (usually [`Error::Credentials`]) naming what was
    /// looked for and not found; the error stops the call.
    fn resolve_identity(&self) -> IdentityFuture<'_>;
}

/// A fixed identity is its own provider.
impl ResolveIdentity for Identity {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let identity = self.clone();
        Box::pin(async move { Ok(identity) })
    }
}

/// Fixed credentials are their own provider.
impl ResolveIdentity for Credentials {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let identity = Identity::AccessKey(self.clone());
        Box::pin(async move { Ok(identity) })
    }
}

/// A fixed token is its own provider.
impl ResolveIdentity for BearerToken {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let identity = Identity::BearerToken(self.clone());
        Box::pin(async move { Ok(identity) })
    }
}

/// No identity: for a client that sends only anonymous operations (STS
/// `AssumeRoleWithOIDC`, whose caller holds only an OIDC token). A signed operation sent
/// through it fails with [`Error::Credentials`] before anything is sent.
#[derive(Debug, Clone, Copy, Default)]
pub struct NoIdentity;

impl ResolveIdentity for NoIdentity {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        Box::pin(async {
            Err(Error::Credentials("no identity: this client was configured for anonymous operations only (identity::NoIdentity)".into()))
        })
    }
}

/// An identity provider shared by the clients of one configuration.
#[derive(Clone, Debug)]
pub struct SharedIdentityResolver(Arc<dyn ResolveIdentity>);

impl SharedIdentityResolver {
    /// Shares `resolver`.
    pub fn new(resolver: impl ResolveIdentity + 'static) -> Self {
        Self(Arc::new(resolver))
    }
}

impl ResolveIdentity for SharedIdentityResolver {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        self.0.resolve_identity()
    }
}

/// Reads environment variables; `lookup` in tests.
pub type Lookup<'a> = &'a dyn Fn(&str) -> Option<String>;

/// Access keys from environment variables: the key id, the secret and, when set, a session
/// token. Read again at every [`ResolveIdentity::resolve_identity`]; [`EnvironmentVariables::load`]
/// reads them once through a lookup of the caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvironmentVariables {
    /// The variable holding the access key id.
    pub access_key_id: &'static str,
    /// The variable holding the access key secret.
    pub access_key_secret: &'static str,
    /// The variable holding the session token of temporary credentials, if the provider has one.
    pub security_token: Option<&'static str>,
}

impl EnvironmentVariables {
    /// The credentials the variables hold, read through `lookup`. The error names the
    /// variables that were looked for.
    pub fn load(&self, lookup: Lookup<'_>) -> Result<Credentials, Error> {
        Credentials::from_lookup(lookup, self.access_key_id, self.access_key_secret, self.security_token)
    }
}

impl ResolveIdentity for EnvironmentVariables {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let loaded = self.load(&|name| std::env::var(name).ok()).map(Identity::AccessKey);
        Box::pin(async move { loaded })
    }
}

/// A bearer token from an environment variable. Read again at every
/// [`ResolveIdentity::resolve_identity`]; [`EnvironmentToken::load`] reads it once through
/// a lookup of the caller's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EnvironmentToken {
    /// The variable holding the token.
    pub variable: &'static str,
}

impl EnvironmentToken {
    /// The token the variable holds, read through `lookup`; the error names the variable.
    pub fn load(&self, lookup: Lookup<'_>) -> Result<BearerToken, Error> {
        match lookup(self.variable).filter(|t| !t.trim().is_empty()) {
            Some(token) => Ok(BearerToken::new(token)),
            None => Err(Error::Credentials(format!("no bearer token: {} is not set", self.variable))),
        }
    }
}

impl ResolveIdentity for EnvironmentToken {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let loaded = self.load(&|name| std::env::var(name).ok()).map(Identity::BearerToken);
        Box::pin(async move { loaded })
    }
}

/// What a provider's default chain found: the identity and, when the source names one
/// (a CLI profile), a region.
#[derive(Debug, Clone)]
pub struct Found {
    /// The identity.
    pub identity: Identity,
    /// The region the source names, if any.
    pub region: Option<String>,
}

/// The access-key chain every access-key provider uses: `env`, else `file` (a CLI profile,
/// `None` when the provider has none or it is switched off or absent). The error names the
/// variables looked for and, when the file was read, what was wrong with it.
pub fn access_key_chain(
    lookup: Lookup<'_>,
    env: EnvironmentVariables,
    file: impl FnOnce(Lookup<'_>) -> Option<Result<(Credentials, Option<String>), String>>,
) -> Result<Found, Error> {
    match env.load(lookup) {
        Ok(c) => Ok(Found { identity: Identity::AccessKey(c), region: None }),
        Err(from_vars) => match file(lookup) {
            Some(Ok((c, region))) => Ok(Found { identity: Identity::AccessKey(c), region }),
            Some(Err(e)) => Err(Error::Credentials(format!("{from_vars}; and the profile file: {e}"))),
            None => Err(from_vars),
        },
    }
}

/// The user's home folder as the providers' tools find it: `HOME`, else `USERPROFILE`
/// (Windows); an empty value counts as unset (it would point profile files at the current
/// folder).
pub fn home_dir(lookup: Lookup<'_>) -> Option<String> {
    set(lookup, "HOME").or_else(|| set(lookup, "USERPROFILE"))
}

/// The variable `name` through `lookup`, an empty or blank value counting as unset.
pub fn set(lookup: Lookup<'_>, name: &str) -> Option<String> {
    lookup(name).filter(|v| !v.trim().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_empty_home_or_profile_counts_as_unset() {
        let env = |pairs: &'static [(&'static str, &'static str)]| {
            move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| v.to_string())
        };
        assert_eq!(home_dir(&env(&[("HOME", ""), ("USERPROFILE", "C:\\Users\\a")])), Some("C:\\Users\\a".to_owned()));
        assert_eq!(home_dir(&env(&[("HOME", "/home/a")])), Some("/home/a".to_owned()));
        assert_eq!(home_dir(&env(&[("HOME", " ")])), None);
        assert_eq!(set(&env(&[("ALIBABA_CLOUD_PROFILE", "")]), "ALIBABA_CLOUD_PROFILE"), None);
    }

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
    }

    #[test]
    fn a_fixed_identity_resolves_to_itself_and_hides_its_secrets() {
        let when = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_800_000_000);
        let keys = Credentials::new("AKID", "s3cr3t").with_security_token("tok3n").with_expiration(when);
        let shared = SharedIdentityResolver::new(keys.clone());
        let identity = block_on(shared.resolve_identity()).unwrap();
        assert_eq!((identity.kind(), identity.expiration()), (IdentityKind::AccessKey, Some(when)));
        assert_eq!(identity.access_key("ACS3").unwrap(), &keys);
        let token = BearerToken::new("bear3r");
        let shown = format!("{shared:?} {identity:?} {token:?} {:?}", Identity::from(token.clone()));
        for secret in ["s3cr3t", "tok3n", "bear3r"] {
            assert!(!shown.contains(secret), "{shown}");
        }
    }

    #[test]
    fn a_signer_given_the_other_kind_says_which_it_needs() {
        let e = Identity::from(BearerToken::new("t")).access_key("AWS4-HMAC-SHA256").unwrap_err().to_string();
        assert_eq!(e, "AWS4-HMAC-SHA256 needs an access key pair, but the identity provider gave a bearer token");
        let e = Identity::from(Credentials::new("a", "b")).bearer_token("Inspur").unwrap_err().to_string();
        assert_eq!(e, "Inspur needs a bearer token, but the identity provider gave an access key pair");
    }

    #[test]
    fn environment_sources_name_what_they_looked_for() {
        let env = EnvironmentVariables { access_key_id: "YUN_TEST_ID", access_key_secret: "YUN_TEST_SECRET", security_token: None };
        let lookup = |name: &str| (name == "YUN_TEST_ID").then(|| "AK".to_owned());
        let e = env.load(&lookup).unwrap_err().to_string();
        assert!(e.contains("YUN_TEST_SECRET is not set"), "{e}");
        // The provider reads the process's variables, which hold none of these.
        let e = block_on(env.resolve_identity()).unwrap_err().to_string();
        assert!(e.contains("YUN_TEST_ID") && e.contains("YUN_TEST_SECRET"), "{e}");

        let token = EnvironmentToken { variable: "YUN_TEST_TOKEN" };
        assert_eq!(token.load(&|_| Some("t0k".to_owned())).unwrap().token().expose(), "t0k");
        let e = block_on(token.resolve_identity()).unwrap_err().to_string();
        assert_eq!(e, "no bearer token: YUN_TEST_TOKEN is not set");

        let chain = access_key_chain(&lookup, env, |_| Some(Err("cannot read /x".to_owned()))).unwrap_err().to_string();
        assert!(chain.contains("YUN_TEST_SECRET") && chain.contains("and the profile file: cannot read /x"), "{chain}");
        let found = access_key_chain(&lookup, env, |_| Some(Ok((Credentials::new("P", "S"), Some("r".into()))))).unwrap();
        assert_eq!((found.identity.access_key("x").unwrap().access_key_id(), found.region.as_deref()), ("P", Some("r")));
    }
}
