//! Access keys: the access-key [`Identity`](crate::identity::Identity), static or read from
//! the environment.

use std::fmt;
use std::time::SystemTime;

use crate::error::Error;
use crate::redact::Secret;

/// An access key pair, with an optional security token (STS) and the time temporary
/// credentials expire, if known.
///
/// `Debug` shows the key id and hides the secret and the token.
#[derive(Clone, PartialEq, Eq)]
pub struct Credentials {
    access_key_id: String,
    access_key_secret: Secret,
    security_token: Option<Secret>,
    expiration: Option<SystemTime>,
}

impl Credentials {
    /// Static credentials.
    pub fn new(access_key_id: impl Into<String>, access_key_secret: impl Into<String>) -> Self {
        Self {
            access_key_id: access_key_id.into(),
            access_key_secret: Secret::new(access_key_secret),
            security_token: None,
            expiration: None,
        }
    }

    /// Adds a security token (temporary STS credentials).
    pub fn with_security_token(mut self, token: impl Into<String>) -> Self {
        self.security_token = Some(Secret::new(token));
        self
    }

    /// The same credentials, expiring at `when` (temporary credentials).
    pub fn with_expiration(mut self, when: SystemTime) -> Self {
        self.expiration = Some(when);
        self
    }

    /// When the credentials stop being valid, if known.
    pub fn expiration(&self) -> Option<SystemTime> {
        self.expiration
    }

    /// The access key id.
    pub fn access_key_id(&self) -> &str {
        &self.access_key_id
    }

    /// The access key secret.
    pub fn access_key_secret(&self) -> &Secret {
        &self.access_key_secret
    }

    /// The security token, if any.
    pub fn security_token(&self) -> Option<&Secret> {
        self.security_token.as_ref()
    }

    /// Reads credentials from environment variables: the key id from `id_var`, the secret
    /// from `secret_var` and, when set, a token from `token_var`. The error names the
    /// variables that were looked for.
    pub fn from_env_vars(id_var: &str, secret_var: &str, token_var: Option<&str>) -> Result<Self, Error> {
        Self::from_lookup(|name| std::env::var(name).ok(), id_var, secret_var, token_var)
    }

    /// Like [`Credentials::from_env_vars`], reading variables through `lookup`.
    pub fn from_lookup(
        lookup: impl Fn(&str) -> Option<String>,
        id_var: &str,
        secret_var: &str,
        token_var: Option<&str>,
    ) -> Result<Self, Error> {
        let get = |name: &str| lookup(name).filter(|v| !v.trim().is_empty());
        match (get(id_var), get(secret_var)) {
            (Some(id), Some(secret)) => {
                let token = token_var.and_then(get);
                let creds = Self::new(id, secret);
                Ok(match token {
                    Some(t) => creds.with_security_token(t),
                    None => creds,
                })
            }
            (id, _) => {
                let missing = if id.is_none() { id_var } else { secret_var };
                Err(Error::Credentials(format!(
                    "no credentials: environment variable {missing} is not set (looked for {id_var} and {secret_var})"
                )))
            }
        }
    }
}

impl fmt::Debug for Credentials {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Credentials")
            .field("access_key_id", &self.access_key_id)
            .field("access_key_secret", &self.access_key_secret)
            .field("security_token", &self.security_token)
            .field("expiration", &self.expiration)
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_from_a_lookup_and_names_what_is_missing() {
        let env = |name: &str| match name {
            "ID" => Some("AKID".to_owned()),
            "SECRET" => Some("s3cr3t".to_owned()),
            "TOKEN" => Some("tok3n".to_owned()),
            _ => None,
        };
        let c = Credentials::from_lookup(env, "ID", "SECRET", Some("TOKEN")).unwrap();
        assert_eq!(c.access_key_id(), "AKID");
        assert_eq!(c.security_token().map(Secret::expose), Some("tok3n"));
        let shown = format!("{c:?}");
        assert!(!shown.contains("s3cr3t") && !shown.contains("tok3n"), "{shown}");

        let e = Credentials::from_lookup(env, "ID", "NOPE", None).unwrap_err();
        assert!(e.to_string().contains("NOPE is not set"), "{e}");
    }
}
