//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`), as Kingsoft Cloud uses it.
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSHA256(payload)
//! StringToSign     = "AWS4-HMAC-SHA256" \n AmzDate \n Scope \n HexSHA256(CanonicalRequest)
//! Scope            = YYYYMMDD/region/service/aws4_request
//! SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, YYYYMMDD), region), service), "aws4_request")
//! ```
//! The signature travels either in an `Authorization` header ([`sign_headers`]) or in the
//! `X-Amz-*` query parameters ([`presign_query`]); the KEC document describes both.

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::credentials::Credentials;
use crate::encoding::percent_encode;

/// The algorithm name.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// A request to sign. Header names may be in any case; `host` must be among them.
#[derive(Debug, Clone, Copy)]
pub struct Request<'a> {
    /// HTTP method.
    pub method: &'a str,
    /// The path, not yet percent-encoded (`/`, `/a b`).
    pub path: &'a str,
    /// Query parameters, not yet encoded.
    pub query: &'a [(String, String)],
    /// Headers to sign and send.
    pub headers: &'a [(String, String)],
    /// The body.
    pub payload: &'a [u8],
}

/// Who signs, where and when.
#[derive(Debug, Clone, Copy)]
pub struct Scope<'a> {
    /// Credentials.
    pub credentials: &'a Credentials,
    /// Region id.
    pub region: &'a str,
    /// Service name in the credential scope (e.g. `kec`).
    pub service: &'a str,
    /// Signing time.
    pub time: OffsetDateTime,
}

/// The signer's results; none holds a secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Signature {
    /// Headers to add to the request (`X-Amz-Date`, `Authorization`, …), or none for a
    /// presigned query.
    pub headers: Vec<(String, String)>,
    /// Query parameters to add (`X-Amz-*` for a presigned query), or none.
    pub query: Vec<(String, String)>,
    /// The canonical request.
    pub canonical_request: String,
    /// The string to sign.
    pub string_to_sign: String,
    /// The hex signature.
    pub signature: String,
}

/// `20150830T123600Z`: ISO 8601 basic format in UTC, as SigV4 dates are written.
pub fn amz_date(t: OffsetDateTime) -> String {
    crate::clock::iso8601_seconds(t).replace(['-', ':'], "")
}

impl Scope<'_> {
    fn date(&self) -> String {
        amz_date(self.time)[..8].to_owned()
    }

    /// `YYYYMMDD/region/service/aws4_request`.
    pub fn credential_scope(&self) -> String {
        format!("{}/{}/{}/aws4_request", self.date(), self.region, self.service)
    }

    fn signing_key(&self) -> Vec<u8> {
        let secret = format!("AWS4{}", self.credentials.access_key_secret().expose());
        let k_date = hmac(secret.as_bytes(), self.date().as_bytes());
        let k_region = hmac(&k_date, self.region.as_bytes());
        let k_service = hmac(&k_region, self.service.as_bytes());
        hmac(&k_service, b"aws4_request")
    }
}

/// Signs with an `Authorization` header: adds `X-Amz-Date` (and `X-Amz-Security-Token`
/// for temporary credentials) to the signed headers.
pub fn sign_headers(request: &Request<'_>, scope: &Scope<'_>) -> Signature {
    let date = amz_date(scope.time);
    let mut added = vec![("X-Amz-Date".to_owned(), date.clone())];
    if let Some(token) = scope.credentials.security_token() {
        added.push(("X-Amz-Security-Token".to_owned(), token.expose().to_owned()));
    }
    let headers: Vec<(String, String)> = request.headers.iter().cloned().chain(added.iter().cloned()).collect();
    let (canonical_headers, signed_headers) = canonical_headers(&headers);
    let canonical_request = canonical_request(request, request.query, &canonical_headers, &signed_headers);
    let (string_to_sign, signature) = finish(&canonical_request, &date, scope);
    added.push((
        "Authorization".to_owned(),
        format!(
            "{ALGORITHM} Credential={}/{}, SignedHeaders={signed_headers}, Signature={signature}",
            scope.credentials.access_key_id(),
            scope.credential_scope()
        ),
    ));
    Signature { headers: added, query: Vec::new(), canonical_request, string_to_sign, signature }
}

/// Signs with query parameters (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
/// `X-Amz-SignedHeaders`, optionally `X-Amz-Expires` and `X-Amz-Security-Token`, then
/// `X-Amz-Signature`), signing the request's headers as they are.
pub fn presign_query(request: &Request<'_>, scope: &Scope<'_>, expires_seconds: Option<u32>) -> Signature {
    let date = amz_date(scope.time);
    let (canonical_headers, signed_headers) = canonical_headers(request.headers);
    let mut added = vec![
        ("X-Amz-Algorithm".to_owned(), ALGORITHM.to_owned()),
        (
            "X-Amz-Credential".to_owned(),
            format!("{}/{}", scope.credentials.access_key_id(), scope.credential_scope()),
        ),
        ("X-Amz-Date".to_owned(), date.clone()),
    ];
    if let Some(expires) = expires_seconds {
        added.push(("X-Amz-Expires".to_owned(), expires.to_string()));
    }
    if let Some(token) = scope.credentials.security_token() {
        added.push(("X-Amz-Security-Token".to_owned(), token.expose().to_owned()));
    }
    added.push(("X-Amz-SignedHeaders".to_owned(), signed_headers.clone()));
    let query: Vec<(String, String)> = request.query.iter().cloned().chain(added.iter().cloned()).collect();
    let canonical_request = canonical_request(request, &query, &canonical_headers, &signed_headers);
    let (string_to_sign, signature) = finish(&canonical_request, &date, scope);
    added.push(("X-Amz-Signature".to_owned(), signature.clone()));
    Signature { headers: Vec::new(), query: added, canonical_request, string_to_sign, signature }
}

fn canonical_request(request: &Request<'_>, query: &[(String, String)], headers: &str, signed: &str) -> String {
    format!(
        "{}\n{}\n{}\n{headers}\n{signed}\n{}",
        request.method,
        canonical_uri(request.path),
        canonical_query(query),
        hex::encode(Sha256::digest(request.payload))
    )
}

fn finish(canonical_request: &str, date: &str, scope: &Scope<'_>) -> (String, String) {
    let string_to_sign = format!(
        "{ALGORITHM}\n{date}\n{}\n{}",
        scope.credential_scope(),
        hex::encode(Sha256::digest(canonical_request.as_bytes()))
    );
    let signature = hex::encode(hmac(&scope.signing_key(), string_to_sign.as_bytes()));
    (string_to_sign, signature)
}

/// Each path segment percent-encoded (RFC 3986), `/` kept; empty path is `/`.
pub fn canonical_uri(path: &str) -> String {
    if path.is_empty() {
        return "/".to_owned();
    }
    path.split('/').map(percent_encode).collect::<Vec<_>>().join("/")
}

/// Parameters encoded, then sorted by name and value, `name=value` joined by `&`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> = query.iter().map(|(k, v)| (percent_encode(k), percent_encode(v))).collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// `name:value\n` per header (lowercased names, trimmed values with inner runs of spaces
/// folded, repeated names joined by `,` in order), sorted; and the `;`-joined names.
pub fn canonical_headers(headers: &[(String, String)]) -> (String, String) {
    let mut merged: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for (k, v) in headers {
        let folded = v.split_whitespace().collect::<Vec<_>>().join(" ");
        merged.entry(k.to_ascii_lowercase()).or_default().push(folded);
    }
    let canonical = merged.iter().map(|(k, v)| format!("{k}:{}\n", v.join(","))).collect::<String>();
    let names = merged.keys().map(String::as_str).collect::<Vec<_>>().join(";");
    (canonical, names)
}

fn hmac(key: &[u8], data: &[u8]) -> Vec<u8> {
    // HMAC accepts keys of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().to_vec()
}
