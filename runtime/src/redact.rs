//! Keeping secrets out of Debug output, logs and errors.

use std::fmt;

/// The text shown in place of a secret.
pub const REDACTED: &str = "<redacted>";

/// A secret string: readable only through [`Secret::expose`]; `Debug` and `Display`
/// print [`REDACTED`].
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Self {
        Self(value.into())
    }

    /// The secret itself, for signing. Never log it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(REDACTED)
    }
}

/// Debug-formats a sensitive field of a generated type: `None` stays `None` (whether a
/// secret was set is not a secret), anything else prints [`REDACTED`].
pub struct Redacted<'a, T>(pub &'a T);

impl<T: IsSet> fmt::Debug for Redacted<'_, T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_set() {
            f.write_str(REDACTED)
        } else {
            f.write_str("None")
        }
    }
}

/// Whether a field holds a value.
pub trait IsSet {
    /// `false` for `None`.
    fn is_set(&self) -> bool;
}

impl<T> IsSet for Option<T> {
    fn is_set(&self) -> bool {
        self.is_some()
    }
}

impl IsSet for String {
    fn is_set(&self) -> bool {
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn never_prints_the_secret() {
        let s = Secret::new("hunter2");
        assert_eq!(format!("{s:?} {s}"), "<redacted> <redacted>");
        assert_eq!(format!("{:?}", Redacted(&Some("hunter2".to_owned()))), "<redacted>");
        assert_eq!(format!("{:?}", Redacted(&None::<String>)), "None");
    }
}
