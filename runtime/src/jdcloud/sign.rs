//! `JDCLOUD3-HMAC-SHA256`, as the current official `jdcloud-sdk` signs.
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSHA256(body)
//! StringToSign     = "JDCLOUD3-HMAC-SHA256" \n Date \n Scope \n HexSHA256(CanonicalRequest)
//! Scope            = YYYYMMDD/region/service/jdcloud3_request
//! SigningKey       = HMAC(HMAC(HMAC(HMAC("JDCLOUD3" + secret, YYYYMMDD), region), service), "jdcloud3_request")
//! ```
//! Details that follow the SDK rather than the published guide: the signed headers are
//! `host` and every header the request carries before signing except `authorization` and
//! `user-agent` (in the SDK's normal flow: `content-type`, `host` and, with temporary
//! credentials, `x-jdcloud-security-token`); `x-jdcloud-date`, `x-jdcloud-nonce` and
//! `x-jdcloud-content-sha256` are added after signing, unsigned; the canonical URI decodes the path, folds repeated `/` and re-encodes
//! it keeping `/` and `~`; query names and values are decoded, re-encoded and sorted.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use crate::credentials::Credentials;
use crate::encoding::{percent_decode as decode, percent_encode};

/// The algorithm name (also sent as a header of the same name, as the SDK does).
pub const ALGORITHM: &str = "JDCLOUD3-HMAC-SHA256";
const PREFIX: &str = "JDCLOUD3";
const TERMINATOR: &str = "jdcloud3_request";

/// A request to sign.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// `Host` value (host, or host:port when the port is not 80/443).
    pub host: &'a str,
    /// The path as sent (may hold percent-escapes).
    pub path: &'a str,
    /// Query parameters as sent (may hold percent-escapes).
    pub query: &'a [(String, String)],
    /// Headers present before signing (`content-type`, …); `user-agent` and
    /// `authorization` are not signed.
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: &'a [u8],
}

/// The signature and what to add to the request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signed {
    /// Headers to add after signing (the security token, signed, is among them too).
    pub headers: Vec<(String, String)>,
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
}

/// Signs `request` for `service` in `region` at `date` (`20261123T033319Z`) with `nonce`.
pub fn sign(request: &Request<'_>, credentials: &Credentials, region: &str, service: &str, date: &str, nonce: &str) -> Signed {
    let day = date.get(..8).unwrap_or(date);
    let payload_hash = hex::encode(Sha256::digest(request.body));
    // The SDK takes a security token from the request's headers (base64-encoded, as it does
    // for that header), so it is signed.
    let mut present: Vec<(String, String)> = request.headers.to_vec();
    if let Some(token) = credentials.security_token() {
        use base64::Engine;
        let encoded = base64::engine::general_purpose::STANDARD.encode(token.expose());
        present.push(("x-jdcloud-security-token".to_owned(), encoded));
    }
    let (canonical_headers, signed_headers) = canonical_headers(request.host, &present);
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        request.method,
        canonical_uri(request.path),
        canonical_query(request.query),
        canonical_headers,
        signed_headers,
        payload_hash
    );
    let scope = format!("{day}/{region}/{service}/{TERMINATOR}");
    let string_to_sign =
        format!("{ALGORITHM}\n{date}\n{scope}\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())));
    let secret = format!("{PREFIX}{}", credentials.access_key_secret().expose());
    let mut key = hmac(secret.as_bytes(), day.as_bytes());
    for part in [region, service, TERMINATOR] {
        key = hmac(&key, part.as_bytes());
    }
    let signature = hex::encode(hmac(&key, string_to_sign.as_bytes()));
    let headers = vec![
        (
            "Authorization".to_owned(),
            format!(
                "{ALGORITHM} Credential={}/{scope}, SignedHeaders={signed_headers}, Signature={signature}",
                credentials.access_key_id()
            ),
        ),
        ("x-jdcloud-date".to_owned(), date.to_owned()),
        ("x-jdcloud-content-sha256".to_owned(), payload_hash),
        (ALGORITHM.to_owned(), ALGORITHM.to_owned()),
        ("x-jdcloud-nonce".to_owned(), nonce.to_owned()),
    ]
    .into_iter()
    .chain(present.into_iter().filter(|(k, _)| k == "x-jdcloud-security-token"))
    .collect();
    Signed { headers, canonical_request, string_to_sign }
}

/// The path decoded, repeated `/` folded, re-encoded keeping `/` (and `~`).
pub fn canonical_uri(path: &str) -> String {
    let decoded = decode(path);
    let mut folded = String::with_capacity(decoded.len());
    for c in decoded.chars() {
        if !(c == '/' && folded.ends_with('/')) {
            folded.push(c);
        }
    }
    if folded.is_empty() {
        return "/".to_owned();
    }
    let encoded = folded.split('/').map(percent_encode).collect::<Vec<_>>().join("/");
    if encoded.starts_with('/') {
        encoded
    } else {
        format!("/{encoded}")
    }
}

/// Names and values decoded then encoded, sorted by name then value, joined by `&`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = query
        .iter()
        .filter(|(k, _)| !k.is_empty())
        .map(|(k, v)| (percent_encode(&decode(k)), percent_encode(&decode(v))))
        .collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

fn canonical_headers(host: &str, headers: &[(String, String)]) -> (String, String) {
    let mut entries: Vec<(String, String)> = vec![("host".to_owned(), host.trim().to_owned())];
    for (k, v) in headers {
        let k = k.to_ascii_lowercase();
        if k == "authorization" || k == "user-agent" || k == "host" {
            continue;
        }
        entries.push((k, v.trim().to_owned()));
    }
    entries.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical = entries.iter().map(|(k, v)| format!("{k}:{v}\n")).collect::<String>();
    let names = entries.iter().map(|(k, _)| k.as_str()).collect::<Vec<_>>().join(";");
    (canonical, names)
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}
