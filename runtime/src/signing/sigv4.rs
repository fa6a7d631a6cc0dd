//! AWS Signature Version 4 (`AWS4-HMAC-SHA256`), as Kingsoft Cloud uses it.
//!
//! ```text
//! CanonicalRequest = METHOD \n CanonicalURI \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSHA256(payload)
//! StringToSign     = "AWS4-HMAC-SHA256" \n AmzDate \n Scope \n HexSHA256(CanonicalRequest)
//! Scope            = YYYYMMDD/region/service/aws4_request
//! SigningKey       = HMAC(HMAC(HMAC(HMAC("AWS4" + secret, YYYYMMDD), region), service), "aws4_request")
//! ```
//! The signature travels either in an `Authorization` header or in the `X-Amz-*` query
//! parameters ([`SignatureLocation`]); the KEC document describes both. [`sign`] takes a
//! [`SignableRequest`], the key pair and [`SigningSettings`].

use sha2::{Digest, Sha256};
use time::OffsetDateTime;

use crate::identity::Credentials;
use crate::request::encoding::{
    ascii_lowercase, canonical_headers as canonical_headers_sorted, hmac_sha256 as hmac, push_canonical_query, push_hex,
    push_percent_encoded,
};
pub use crate::signing::{SignableBody, SignableRequest};

/// The algorithm name.
pub const ALGORITHM: &str = "AWS4-HMAC-SHA256";

/// Where the signature travels, as `aws-sigv4` names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureLocation {
    /// An `Authorization` header, with `X-Amz-Date` (and `X-Amz-Security-Token` for
    /// temporary credentials) added to the signed headers.
    Headers,
    /// The `X-Amz-*` query parameters (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
    /// optionally `X-Amz-Expires` and `X-Amz-Security-Token`, `X-Amz-SignedHeaders`, then
    /// `X-Amz-Signature`), the request's headers signed as they are.
    QueryParams,
}

/// Where, for what and when SigV4 signs (the rest of `aws-sigv4`'s `SigningParams` and
/// `SigningSettings`; the key pair is given apart).
#[derive(Debug, Clone, Copy)]
pub struct SigningSettings<'a> {
    /// Region id in the credential scope.
    pub region: &'a str,
    /// Service name in the credential scope (e.g. `kec`).
    pub service: &'a str,
    /// Signing time.
    pub time: OffsetDateTime,
    /// Where the signature goes.
    pub location: SignatureLocation,
    /// `X-Amz-Expires` in seconds, sent with [`SignatureLocation::QueryParams`] when set.
    pub expires_in: Option<u32>,
}

/// Signs `request` as `credentials`: the path is percent-encoded segment by segment, `host`
/// (from [`SignableRequest::host`]; a `host` among the headers is ignored) and the
/// request's headers are signed, the body hashed as it is sent.
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, settings: &SigningSettings<'_>) -> Signature {
    let scope = Scope { credentials, region: settings.region, service: settings.service, time: settings.time };
    let payload = request.body.bytes();
    match settings.location {
        SignatureLocation::Headers => sign_headers(request, &payload, &scope),
        SignatureLocation::QueryParams => presign_query(request, &payload, &scope, settings.expires_in),
    }
}

/// Who signs, where and when.
#[derive(Debug, Clone, Copy)]
struct Scope<'a> {
    credentials: &'a Credentials,
    region: &'a str,
    service: &'a str,
    time: OffsetDateTime,
}

/// The request's headers with `host` first, as pairs of borrowed strings.
fn with_host<'a>(request: &SignableRequest<'a>, extra: usize) -> Vec<(&'a str, &'a str)> {
    let mut pairs = Vec::with_capacity(request.headers.len() + 1 + extra);
    pairs.push(("host", request.host));
    pairs.extend(request.headers.iter().filter(|(k, _)| !k.eq_ignore_ascii_case("host")).map(|(k, v)| (k.as_str(), v.as_str())));
    pairs
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
    crate::clock::iso8601_basic_seconds(t)
}

impl Scope<'_> {
    /// The signing key: the HMAC chain from `AWS4` + secret over the day, region, service
    /// and `aws4_request`.
    fn signing_key(&self, day: &str) -> [u8; 32] {
        let secret = self.credentials.access_key_secret().expose();
        let mut prefixed = Vec::with_capacity(4 + secret.len());
        prefixed.extend_from_slice(b"AWS4");
        prefixed.extend_from_slice(secret.as_bytes());
        let k_date = hmac(&prefixed, day.as_bytes());
        let k_region = hmac(&k_date, self.region.as_bytes());
        let k_service = hmac(&k_region, self.service.as_bytes());
        hmac(&k_service, b"aws4_request")
    }
}

fn credential_scope(day: &str, region: &str, service: &str) -> String {
    let mut out = String::with_capacity(day.len() + region.len() + service.len() + 15);
    for part in [day, "/", region, "/", service, "/aws4_request"] {
        out.push_str(part);
    }
    out
}

/// Signs with an `Authorization` header: adds `X-Amz-Date` (and `X-Amz-Security-Token`
/// for temporary credentials) to the signed headers.
fn sign_headers(request: &SignableRequest<'_>, payload: &[u8], scope: &Scope<'_>) -> Signature {
    let date = amz_date(scope.time);
    let token = scope.credentials.security_token().map(|t| t.expose());
    let mut signed_headers = with_host(request, 2);
    signed_headers.push(("X-Amz-Date", &date));
    if let Some(token) = token {
        signed_headers.push(("X-Amz-Security-Token", token));
    }
    let headers = CanonicalHeaders::new(&signed_headers);
    let canonical_request = canonical_request(request, payload, request.query, &headers);
    let (string_to_sign, signature, credential_scope) = finish(&canonical_request, &date, scope);
    let access_key_id = scope.credentials.access_key_id();
    let mut authorization =
        String::with_capacity(ALGORITHM.len() + access_key_id.len() + credential_scope.len() + headers.names.len() + signature.len() + 40);
    for part in
        [ALGORITHM, " Credential=", access_key_id, "/", &credential_scope, ", SignedHeaders=", &headers.names, ", Signature=", &signature]
    {
        authorization.push_str(part);
    }
    let mut added = Vec::with_capacity(3);
    added.push(("X-Amz-Date".to_owned(), date));
    if let Some(token) = token {
        added.push(("X-Amz-Security-Token".to_owned(), token.to_owned()));
    }
    added.push(("Authorization".to_owned(), authorization));
    Signature { headers: added, query: Vec::new(), canonical_request, string_to_sign, signature }
}

/// Signs with query parameters (`X-Amz-Algorithm`, `X-Amz-Credential`, `X-Amz-Date`,
/// `X-Amz-SignedHeaders`, optionally `X-Amz-Expires` and `X-Amz-Security-Token`, then
/// `X-Amz-Signature`), signing the request's headers as they are.
fn presign_query(request: &SignableRequest<'_>, payload: &[u8], scope: &Scope<'_>, expires_seconds: Option<u32>) -> Signature {
    let date = amz_date(scope.time);
    let pairs = with_host(request, 0);
    let headers = CanonicalHeaders::new(&pairs);
    let mut added = vec![
        ("X-Amz-Algorithm".to_owned(), ALGORITHM.to_owned()),
        (
            "X-Amz-Credential".to_owned(),
            format!("{}/{}", scope.credentials.access_key_id(), credential_scope(&date[..8], scope.region, scope.service)),
        ),
        ("X-Amz-Date".to_owned(), date.clone()),
    ];
    if let Some(expires) = expires_seconds {
        added.push(("X-Amz-Expires".to_owned(), expires.to_string()));
    }
    if let Some(token) = scope.credentials.security_token() {
        added.push(("X-Amz-Security-Token".to_owned(), token.expose().to_owned()));
    }
    added.push(("X-Amz-SignedHeaders".to_owned(), headers.names.clone()));
    let query: Vec<(&str, &str)> = request.query.iter().chain(added.iter()).map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let canonical_request = canonical_request(request, payload, &query, &headers);
    let (string_to_sign, signature, _) = finish(&canonical_request, &date, scope);
    added.push(("X-Amz-Signature".to_owned(), signature.clone()));
    Signature { headers: Vec::new(), query: added, canonical_request, string_to_sign, signature }
}

/// The canonical request, written into one buffer.
fn canonical_request<K: AsRef<str>, V: AsRef<str>>(
    request: &SignableRequest<'_>,
    payload: &[u8],
    query: &[(K, V)],
    headers: &CanonicalHeaders,
) -> String {
    let mut out = String::with_capacity(
        request.method.len()
            + request.path.len() * 2
            + headers.text.len()
            + headers.names.len()
            + 80
            + query.iter().map(|(k, v)| k.as_ref().len() + v.as_ref().len() + 2).sum::<usize>() * 5 / 4,
    );
    out.push_str(request.method);
    out.push('\n');
    push_canonical_uri(&mut out, request.path);
    out.push('\n');
    push_canonical_query(&mut out, query);
    out.push('\n');
    out.push_str(&headers.text);
    out.push('\n');
    out.push_str(&headers.names);
    out.push('\n');
    push_hex(&mut out, &Sha256::digest(payload));
    out
}

/// The string to sign, the hex signature and the credential scope.
fn finish(canonical_request: &str, date: &str, scope: &Scope<'_>) -> (String, String, String) {
    let day = &date[..8];
    let credential_scope = credential_scope(day, scope.region, scope.service);
    let mut string_to_sign = String::with_capacity(ALGORITHM.len() + date.len() + credential_scope.len() + 67);
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    string_to_sign.push_str(date);
    string_to_sign.push('\n');
    string_to_sign.push_str(&credential_scope);
    string_to_sign.push('\n');
    push_hex(&mut string_to_sign, &Sha256::digest(canonical_request.as_bytes()));
    let mut signature = String::with_capacity(64);
    push_hex(&mut signature, &hmac(&scope.signing_key(day), string_to_sign.as_bytes()));
    (string_to_sign, signature, credential_scope)
}

/// Each path segment percent-encoded (RFC 3986), `/` kept; empty path is `/`.
pub fn canonical_uri(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1);
    push_canonical_uri(&mut out, path);
    out
}

fn push_canonical_uri(out: &mut String, path: &str) {
    if path.is_empty() {
        out.push('/');
        return;
    }
    for (i, segment) in path.split('/').enumerate() {
        if i > 0 {
            out.push('/');
        }
        push_percent_encoded(out, segment);
    }
}

/// Parameters encoded, then sorted by name and value, `name=value` joined by `&`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    crate::request::encoding::canonical_query(query)
}

/// `name:value\n` per header (lowercased names, trimmed values with inner runs of spaces
/// folded, repeated names joined by `,` in order), sorted; and the `;`-joined names.
pub fn canonical_headers(headers: &[(String, String)]) -> (String, String) {
    let pairs: Vec<(&str, &str)> = headers.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    let canonical = CanonicalHeaders::new(&pairs);
    (canonical.text, canonical.names)
}

/// The canonical headers (`name:value\n` each) and the signed header names (`a;b`).
struct CanonicalHeaders {
    text: String,
    names: String,
}

impl CanonicalHeaders {
    fn new(headers: &[(&str, &str)]) -> Self {
        let mut lowered: Vec<(std::borrow::Cow<'_, str>, &str)> = headers.iter().map(|&(k, v)| (ascii_lowercase(k), v)).collect();
        // Stable: repeated names keep their order.
        lowered.sort_by(|a, b| a.0.cmp(&b.0));
        // Values trimmed, inner runs of blanks folded to one space.
        let (text, names) = canonical_headers_sorted(&lowered, |out, value| {
            for (i, word) in value.split_whitespace().enumerate() {
                if i > 0 {
                    out.push(' ');
                }
                out.push_str(word);
            }
        });
        Self { text, names }
    }
}
