//! Percent-encoding as the signers need it (RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay).

use percent_encoding::{utf8_percent_encode, AsciiSet, NON_ALPHANUMERIC};

/// Every byte but the RFC 3986 unreserved characters is escaped.
const RFC3986: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'_').remove(b'.').remove(b'~');

/// Percent-encodes `s` (UTF-8): space is `%20`, `*` is `%2A`, `~` stays.
pub fn percent_encode(s: &str) -> String {
    utf8_percent_encode(s, RFC3986).to_string()
}

/// `k=v&k=v`, both sides percent-encoded, in the given order.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    pairs
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escapes_all_but_unreserved() {
        assert_eq!(percent_encode("a b*c~d/e+f=镜"), "a%20b%2Ac~d%2Fe%2Bf%3D%E9%95%9C");
    }
}
