//! Headers given for some calls ([`RequestHeaders`]): a per-call token, JD Cloud's
//! `x-jdcloud-pin`, a tracing header. They are added to every attempt's request before it is
//! signed, so every scheme that signs headers signs them (ACS3, SigV4, JDCLOUD3 and
//! JDCLOUD2); Aliyun's RPC `HMAC-SHA1` signs no header and sends them as they are, and
//! Inspur's bearer token signs nothing.
//!
//! Give them for one call with a client copy (`client.with_header("x-jdcloud-pin", pin).op(input)`,
//! [`Config::with_header`](crate::config::Config::with_header)), or for every call with
//! [`ConfigBuilder::header`](crate::config::ConfigBuilder::header). Their values are kept as
//! secrets: `Debug` shows the names only.

use std::fmt;

use crate::error::Error;
use crate::redact::{Secret, REDACTED};

/// Headers the signer computes or the transport sets: giving one is a configuration error
/// rather than a request with two of them or a signature that does not match.
pub const RESERVED: &[&str] = &[
    "authorization",
    "host",
    "accept",
    "content-length",
    "content-type",
    "transfer-encoding",
    "connection",
    "user-agent",
    "x-acs-action",
    "x-acs-version",
    "x-acs-date",
    "x-acs-signature-nonce",
    "x-acs-content-sha256",
    "x-acs-accesskey-id",
    "x-acs-security-token",
    "x-amz-date",
    "x-amz-content-sha256",
    "x-amz-security-token",
    "x-jdcloud-date",
    "x-jdcloud-nonce",
    "x-jdcloud-content-sha256",
    "x-jdcloud-security-token",
    "jdcloud3-hmac-sha256",
    "jdcloud2-hmac-sha256",
];

/// Extra headers of a call, in the order given; a name given twice (in any case) keeps the
/// last value. `Debug` shows the names, never the values.
#[derive(Clone, Default, PartialEq, Eq)]
pub struct RequestHeaders(Vec<(String, Secret)>);

impl RequestHeaders {
    /// No headers.
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `name: value`, replacing a header of the same name (case-insensitive). Checked
    /// when a call is sent ([`RequestHeaders::check`]).
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<String>) {
        let name = name.into();
        self.0.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        self.0.push((name, Secret::new(value)));
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The names, in order.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| k.as_str())
    }

    /// The headers with their values, to sign and send. Never log them.
    pub fn expose(&self) -> Vec<(String, String)> {
        self.0.iter().map(|(k, v)| (k.clone(), v.expose().to_owned())).collect()
    }

    /// An [`Error::Config`] naming the first header whose name is not an HTTP token or is
    /// [`RESERVED`], or whose value holds a control character (CR, LF, NUL…: a value could
    /// otherwise add a header of its own). The message shows no value.
    pub fn check(&self) -> Result<(), Error> {
        for (name, value) in &self.0 {
            let shown = name.escape_debug();
            let token = |c: char| c.is_ascii_alphanumeric() || "!#$%&'*+-.^_`|~".contains(c);
            if name.is_empty() || !name.chars().all(token) {
                return Err(Error::Config(format!("header name `{shown}` is not an HTTP token (letters, digits, !#$%&'*+-.^_`|~)")));
            }
            if RESERVED.iter().any(|r| r.eq_ignore_ascii_case(name)) {
                return Err(Error::Config(format!(
                    "header `{shown}` is set by the client itself (the signer, the transport or the credentials) and cannot be given"
                )));
            }
            if value.expose().chars().any(|c| c.is_control() && c != '\t') {
                return Err(Error::Config(format!("the value of header `{shown}` holds a control character")));
            }
        }
        Ok(())
    }
}

impl fmt::Debug for RequestHeaders {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_map().entries(self.0.iter().map(|(k, _)| (k, REDACTED))).finish()
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for RequestHeaders {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        let mut headers = Self::new();
        for (k, v) in iter {
            headers.insert(k, v);
        }
        headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_tokens_values_have_no_line_breaks_and_reserved_names_are_refused() {
        let ok: RequestHeaders = [("x-jdcloud-pin", "张三"), ("X-Trace", "a\tb")].into_iter().collect();
        assert!(ok.check().is_ok());
        for (name, value) in [("bad name", "v"), ("", "v"), ("x-ok", "a\r\nx-evil: 1"), ("Authorization", "v"), ("X-Acs-Date", "v")] {
            let e = [(name, value)].into_iter().collect::<RequestHeaders>().check().expect_err(name).to_string();
            assert!(!e.contains("x-evil"), "{e}");
        }
    }

    #[test]
    fn a_name_given_again_replaces_and_debug_shows_no_value() {
        let mut h = RequestHeaders::new();
        h.insert("X-Token", "first-s3cret");
        h.insert("x-token", "second-s3cret");
        assert_eq!(h.expose(), vec![("x-token".to_owned(), "second-s3cret".to_owned())]);
        let shown = format!("{h:?}");
        assert!(shown.contains("x-token") && !shown.contains("s3cret"), "{shown}");
    }
}
