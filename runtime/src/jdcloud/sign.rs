//! JD Cloud's two request signatures: `JDCLOUD3-HMAC-SHA256` ([`sign`]), as the current
//! official `jdcloud-sdk` signs, and `JDCLOUD2-HMAC-SHA256` ([`sign_jdcloud2`]), as
//! `jdcloud-sdk` up to 1.6.94 and JD Cloud's published signing guide sign.
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSHA256(body)
//! StringToSign     = "JDCLOUDn-HMAC-SHA256" \n Date \n Scope \n HexSHA256(CanonicalRequest)
//! Scope            = YYYYMMDD/region/service/jdcloudn_request
//! SigningKey       = HMAC(HMAC(HMAC(HMAC("JDCLOUDn" + secret, YYYYMMDD), region), service), "jdcloudn_request")
//! ```
//! (`n` is 3 or 2.) `CanonicalHeaders` ends with its own `\n`, so a blank line follows
//! it. Both sign `host` and every header the request carries before signing except
//! `authorization` and `user-agent` (in the SDKs' normal flow: `content-type` and, with
//! temporary credentials, `x-jdcloud-security-token`, the token base64-encoded); both then
//! send `Authorization`, `x-jdcloud-date`, `x-jdcloud-nonce`, `x-jdcloud-content-sha256`
//! and a header named after the algorithm whose value is the algorithm. Where the two
//! differ (following the SDKs where they depart from the published guide, which asks for
//! trimmed header values and an encoded query):
//!
//! | | JDCLOUD3 (`jdcloud-sdk` ≥ 1.6.95) | JDCLOUD2 (`jdcloud-sdk` ≤ 1.6.94) |
//! |---|---|---|
//! | `x-jdcloud-date`, `x-jdcloud-nonce` | added after signing, unsigned | signed |
//! | canonical URI | the path decoded (`+` as space), repeated `/` folded, re-encoded keeping `/` and `~` | the path decoded (`+` stays `+`), re-encoded keeping `/` and `~` (as on Python 3); `//` kept |
//! | canonical query | names and values decoded (`+` as space) and re-encoded; empty names dropped | the query string as sent: split on `&` and `=`, each part stripped of whitespace, never re-encoded (a `?` stays `?`), a value's further `=` joined back as `%3D`; empty names kept |
//! | header values, host | stripped of surrounding whitespace | as they are |
//!
//! Both sort the query by name then value (code point order) and the headers by name.
//! The JDCLOUD2 SDK quoted the raw path it had built; decoding the path as sent first
//! gives the same, whether the path values were escaped or not.

use std::borrow::Cow;
use std::fmt;

use sha2::{Digest, Sha256};

use crate::identity::Credentials;
use crate::request::encoding::{
    ascii_lowercase, hmac_sha256 as hmac, percent_decode as decode, push_canonical_query, push_hex, push_percent_encoded,
};
pub use crate::signing::{SignableBody, SignableRequest};

/// The `JDCLOUD3` algorithm name (also sent as a header of the same name, as the SDK does).
pub const ALGORITHM: &str = "JDCLOUD3-HMAC-SHA256";
/// The `JDCLOUD2` algorithm name (also sent as a header of the same name, as the SDK did).
pub const ALGORITHM_V2: &str = "JDCLOUD2-HMAC-SHA256";

const DATE: &str = "x-jdcloud-date";
const NONCE: &str = "x-jdcloud-nonce";
const TOKEN: &str = "x-jdcloud-security-token";

/// What tells the two signatures apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    V2,
    V3,
}

impl Version {
    fn algorithm(self) -> &'static str {
        match self {
            Version::V2 => ALGORITHM_V2,
            Version::V3 => ALGORITHM,
        }
    }

    /// What the secret is prefixed with to make the first key.
    fn key_prefix(self) -> &'static str {
        match self {
            Version::V2 => "JDCLOUD2",
            Version::V3 => "JDCLOUD3",
        }
    }

    fn terminator(self) -> &'static str {
        match self {
            Version::V2 => "jdcloud2_request",
            Version::V3 => "jdcloud3_request",
        }
    }
}

/// Where, for what, when and with which nonce JD Cloud signs (the key pair is given apart).
#[derive(Debug, Clone, Copy)]
pub struct SigningSettings<'a> {
    /// Region id in the scope (`jdcloud-api` when the request names none, as the SDK signs).
    pub region: &'a str,
    /// Service name in the scope, e.g. `vm`.
    pub service: &'a str,
    /// `x-jdcloud-date`, ISO 8601 basic in UTC (`20261123T033319Z`).
    pub date: &'a str,
    /// `x-jdcloud-nonce`.
    pub nonce: &'a str,
}

/// The signature and what to add to the request.
///
/// `Debug` hides the security token (in the headers and the canonical request).
#[derive(Clone, PartialEq, Eq)]
pub struct Signed {
    /// Headers to add after signing (the security token, signed, is among them too).
    pub headers: Vec<(String, String)>,
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
}

impl fmt::Debug for Signed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        use crate::redact::REDACTED;
        let token = self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(TOKEN)).map(|(_, v)| v.as_str());
        let headers: Vec<(&str, &str)> =
            self.headers.iter().map(|(k, v)| (k.as_str(), if k.eq_ignore_ascii_case(TOKEN) { REDACTED } else { v.as_str() })).collect();
        let canonical_request = match token {
            Some(t) if !t.is_empty() => self.canonical_request.replace(t, REDACTED),
            _ => self.canonical_request.clone(),
        };
        f.debug_struct("Signed")
            .field("headers", &headers)
            .field("canonical_request", &canonical_request)
            .field("string_to_sign", &self.string_to_sign)
            .finish()
    }
}

/// Signs `request` as `credentials` with `JDCLOUD3-HMAC-SHA256`. The path and query are
/// as sent (they may hold percent-escapes); the request's headers are those present before
/// signing (`content-type`, …): `user-agent` and `authorization` are not signed, and a
/// `host` among them is ignored for [`SignableRequest::host`].
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, settings: &SigningSettings<'_>) -> Signed {
    sign_as(Version::V3, request, credentials, settings)
}

/// Signs `request` as `credentials` with `JDCLOUD2-HMAC-SHA256`, as [`sign`] reads it; the
/// date and nonce headers are signed. A `x-jdcloud-date` or `x-jdcloud-nonce` among the
/// request's headers is replaced by the settings' date and nonce, as the SDK overwrote them.
pub fn sign_jdcloud2(request: &SignableRequest<'_>, credentials: &Credentials, settings: &SigningSettings<'_>) -> Signed {
    sign_as(Version::V2, request, credentials, settings)
}

fn sign_as(version: Version, request: &SignableRequest<'_>, credentials: &Credentials, settings: &SigningSettings<'_>) -> Signed {
    let SigningSettings { region, service, date, nonce } = *settings;
    let body = request.body.bytes();
    let (algorithm, terminator) = (version.algorithm(), version.terminator());
    let day = date.get(..8).unwrap_or(date);
    let mut payload_hash = String::with_capacity(64);
    push_hex(&mut payload_hash, &Sha256::digest(&body));
    let mut present: Vec<(String, String)> = request.headers.to_vec();
    if version == Version::V2 {
        present.retain(|(k, _)| !k.eq_ignore_ascii_case(DATE) && !k.eq_ignore_ascii_case(NONCE));
    }
    // The SDKs take a security token from the request's headers (base64-encoded, as they
    // do for that header), so it is signed.
    if let Some(token) = credentials.security_token() {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(token.expose());
        present.push((TOKEN.to_owned(), encoded));
    }
    if version == Version::V2 {
        present.push((DATE.to_owned(), date.to_owned()));
        present.push((NONCE.to_owned(), nonce.to_owned()));
    }
    let (canonical_headers, signed_headers) = canonical_headers(version, request.host, &present);
    let mut canonical_request = String::with_capacity(
        request.method.len()
            + request.path.len() * 2
            + canonical_headers.len()
            + signed_headers.len()
            + 72
            + request.query.iter().map(|(k, v)| k.len() + v.len() + 2).sum::<usize>() * 5 / 4,
    );
    canonical_request.push_str(request.method);
    canonical_request.push('\n');
    push_canonical_uri_as(&mut canonical_request, version, request.path);
    canonical_request.push('\n');
    push_canonical_query_as(&mut canonical_request, version, request.query);
    canonical_request.push('\n');
    canonical_request.push_str(&canonical_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&payload_hash);
    let mut scope = String::with_capacity(day.len() + region.len() + service.len() + terminator.len() + 3);
    for part in [day, "/", region, "/", service, "/", terminator] {
        scope.push_str(part);
    }
    let mut string_to_sign = String::with_capacity(algorithm.len() + date.len() + scope.len() + 67);
    for part in [algorithm, "\n", date, "\n", &scope, "\n"] {
        string_to_sign.push_str(part);
    }
    push_hex(&mut string_to_sign, &Sha256::digest(canonical_request.as_bytes()));
    let secret = credentials.access_key_secret().expose();
    let mut prefixed = Vec::with_capacity(8 + secret.len());
    prefixed.extend_from_slice(version.key_prefix().as_bytes());
    prefixed.extend_from_slice(secret.as_bytes());
    let mut key = hmac(&prefixed, day.as_bytes());
    for part in [region, service, terminator] {
        key = hmac(&key, part.as_bytes());
    }
    let mut signature = String::with_capacity(64);
    push_hex(&mut signature, &hmac(&key, string_to_sign.as_bytes()));
    let headers = vec![
        (
            "Authorization".to_owned(),
            format!(
                "{algorithm} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
                credentials.access_key_id()
            ),
        ),
        (DATE.to_owned(), date.to_owned()),
        ("x-jdcloud-content-sha256".to_owned(), payload_hash),
        (algorithm.to_owned(), algorithm.to_owned()),
        (NONCE.to_owned(), nonce.to_owned()),
    ]
    .into_iter()
    .chain(present.into_iter().filter(|(k, _)| k == TOKEN))
    .collect();
    Signed { headers, canonical_request, string_to_sign }
}

/// The `JDCLOUD3` canonical URI: the path decoded, repeated `/` folded, re-encoded
/// keeping `/` (and `~`).
pub fn canonical_uri(path: &str) -> String {
    canonical_uri_as(Version::V3, path)
}

/// The path decoded (`JDCLOUD3`: `+` as space, as `unquote_plus`; `JDCLOUD2`: `+` as
/// itself, the SDK quoting the raw path), `JDCLOUD3` folding repeated `/`, then each
/// segment percent-encoded; `/` when empty, a leading `/` added when missing.
fn canonical_uri_as(version: Version, path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1);
    push_canonical_uri_as(&mut out, version, path);
    out
}

/// [`canonical_uri_as`] appended to `out`, without a copy of a path that needs no decoding
/// or folding.
fn push_canonical_uri_as(out: &mut String, version: Version, path: &str) {
    let decoded: Cow<'_, str> = match version {
        Version::V3 => decode_cow(path),
        Version::V2 if path.contains('%') => Cow::Owned(decode(&path.replace('+', "%2B"))),
        Version::V2 => Cow::Borrowed(path),
    };
    let folded: Cow<'_, str> = if version == Version::V3 && decoded.contains("//") {
        let mut folded = String::with_capacity(decoded.len());
        for c in decoded.chars() {
            if !(c == '/' && folded.ends_with('/')) {
                folded.push(c);
            }
        }
        Cow::Owned(folded)
    } else {
        decoded
    };
    if !folded.starts_with('/') {
        out.push('/');
    }
    for (i, segment) in folded.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        push_percent_encoded(out, segment);
    }
}

/// The `JDCLOUD3` canonical query: names and values decoded then encoded, sorted by name
/// then value, joined by `&`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    canonical_query_as(Version::V3, query)
}

/// The canonical query of `version` written into a new `String`.
fn canonical_query_as(version: Version, query: &[(String, String)]) -> String {
    let mut out = String::new();
    push_canonical_query_as(&mut out, version, query);
    out
}

/// Appends the canonical query of `version` to `out`. `JDCLOUD3`: names and values decoded
/// (`+` as space) and re-encoded, empty names dropped, sorted by name then value.
/// `JDCLOUD2`: each parameter as its parts (name, value, and the pieces of a value holding
/// `=`), sorted as lists, written `name=value` with further parts joined by `%3D`.
fn push_canonical_query_as(out: &mut String, version: Version, query: &[(String, String)]) {
    match version {
        Version::V3 => {
            let decoded: Vec<(Cow<'_, str>, Cow<'_, str>)> =
                query.iter().filter(|(k, _)| !k.is_empty()).map(|(k, v)| (decode_cow(k), decode_cow(v))).collect();
            push_canonical_query(out, &decoded);
        }
        Version::V2 => {
            // The SDK split the query string it sent, not parameters.
            let mut params: Vec<Vec<String>> = query
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join("&")
                .split('&')
                .filter(|s| !s.is_empty())
                .map(|s| s.split('=').map(|part| py_strip(part).to_owned()).collect())
                .collect();
            params.sort();
            let joined = params
                .iter()
                .filter_map(|p| p.split_first())
                .map(|(name, rest)| format!("{name}={}", rest.join("%3D")))
                .collect::<Vec<_>>()
                .join("&");
            out.push_str(&joined);
        }
    }
}

/// [`decode`] without a copy when there is nothing to decode.
fn decode_cow(s: &str) -> Cow<'_, str> {
    if s.bytes().any(|b| b == b'%' || b == b'+') {
        Cow::Owned(decode(s))
    } else {
        Cow::Borrowed(s)
    }
}

/// Python's `str.strip()`: Unicode white space and the separators U+001C to U+001F.
fn py_strip(s: &str) -> &str {
    s.trim_matches(|c: char| c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c))
}

/// `host` first, then every other header but `authorization`, `user-agent` and `host`,
/// names lower-cased and sorted; `JDCLOUD3` strips the values.
fn canonical_headers(version: Version, host: &str, headers: &[(String, String)]) -> (String, String) {
    let value = |v| match version {
        Version::V3 => str::trim(v),
        Version::V2 => v,
    };
    let mut entries: Vec<(Cow<'_, str>, &str)> = vec![(Cow::Borrowed("host"), value(host))];
    for (k, v) in headers {
        let k = ascii_lowercase(k);
        if k == "authorization" || k == "user-agent" || k == "host" {
            continue;
        }
        entries.push((k, value(v)));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let mut canonical = String::with_capacity(entries.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    let mut names = String::with_capacity(entries.iter().map(|(k, _)| k.len() + 1).sum());
    for (i, (k, v)) in entries.iter().enumerate() {
        if i > 0 {
            names.push(';');
        }
        names.push_str(k);
        canonical.push_str(k);
        canonical.push(':');
        canonical.push_str(v);
        canonical.push('\n');
    }
    (canonical, names)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pairs(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn uris_differ_in_plus_and_repeated_slashes() {
        assert_eq!(canonical_uri("/v1//a+b/c%20d~e:f"), "/v1/a%20b/c%20d~e%3Af");
        assert_eq!(canonical_uri_as(Version::V2, "/v1//a+b/c%20d~e:f"), "/v1//a%2Bb/c%20d~e%3Af");
        assert_eq!(canonical_uri_as(Version::V2, ""), "/");
        assert_eq!(canonical_uri_as(Version::V2, "%"), "/%25");
    }

    #[test]
    fn jdcloud2_query_is_taken_as_sent() {
        let q = pairs(&[("b", "c?d"), ("a", " x=y=z "), ("", "e"), ("k", ""), ("a", "%2b")]);
        assert_eq!(canonical_query_as(Version::V2, &q), "=e&a=%2b&a=x%3Dy%3Dz&b=c?d&k=");
        assert_eq!(canonical_query(&q), "a=%20x%3Dy%3Dz%20&a=%2B&b=c%3Fd&k=");
        assert_eq!(py_strip("\u{1c} a\u{3000}"), "a");
    }

    fn settings<'a>(region: &'a str, service: &'a str, date: &'a str, nonce: &'a str) -> SigningSettings<'a> {
        SigningSettings { region, service, date, nonce }
    }

    #[test]
    fn jdcloud2_signs_date_and_nonce_and_replaces_given_ones() {
        let headers = pairs(&[("Content-Type", " application/json"), ("X-Jdcloud-Date", "old"), ("x-jdcloud-nonce", "old")]);
        let request = SignableRequest { method: "GET", host: "h", path: "/", query: &[], headers: &headers, body: SignableBody::EMPTY };
        let signed = sign_jdcloud2(&request, &Credentials::new("AK", "SK"), &settings("r", "s", "20261123T033319Z", "n-1"));
        assert!(signed.canonical_request.contains(
            "content-type: application/json\nhost:h\nx-jdcloud-date:20261123T033319Z\nx-jdcloud-nonce:n-1\n\ncontent-type;host;x-jdcloud-date;x-jdcloud-nonce\n"
        ));
        assert!(signed.string_to_sign.starts_with("JDCLOUD2-HMAC-SHA256\n20261123T033319Z\n20261123/r/s/jdcloud2_request\n"));
        assert!(signed.headers.contains(&(ALGORITHM_V2.to_owned(), ALGORITHM_V2.to_owned())));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let query = pairs(&[("=", "="), ("&", "&"), ("%zz", "%"), ("\u{1f}", "测")]);
        let headers = pairs(&[("Host", "x"), ("", "")]);
        for path in ["", "/", "%", "%e6%", "//", "+", "测/%FF"] {
            for date in ["", "2026", "测试测试测试", "20261123T033319Z"] {
                let request =
                    SignableRequest { method: "", host: "", path, query: &query, headers: &headers, body: SignableBody::Bytes(&[0xff]) };
                sign(&request, &Credentials::new("", ""), &settings("", "", date, ""));
                sign_jdcloud2(&request, &Credentials::new("", "").with_security_token(""), &settings("", "", date, ""));
            }
        }
    }

    #[test]
    fn debug_hides_the_security_token() {
        let credentials = Credentials::new("AK", "very-secret").with_security_token("sts-token-xyz");
        let request = SignableRequest { method: "GET", host: "h", path: "/", query: &[], headers: &[], body: SignableBody::EMPTY };
        for signed in [
            sign(&request, &credentials, &settings("r", "s", "20261123T033319Z", "n")),
            sign_jdcloud2(&request, &credentials, &settings("r", "s", "20261123T033319Z", "n")),
        ] {
            let debug = format!("{signed:?}");
            assert!(signed.canonical_request.contains("c3RzLXRva2VuLXh5eg=="));
            assert!(!debug.contains("c3RzLXRva2VuLXh5eg==") && !debug.contains("sts-token-xyz") && !debug.contains("very-secret"));
            assert!(debug.contains("<redacted>"));
        }
    }
}
