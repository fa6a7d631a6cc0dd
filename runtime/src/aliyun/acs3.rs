//! `ACS3-HMAC-SHA256`: the official SDKs' default Aliyun signature (V3).
//!
//! ```text
//! CanonicalRequest = METHOD \n PATH \n CanonicalQuery \n CanonicalHeaders \n SignedHeaders \n HexSHA256(body)
//! StringToSign     = "ACS3-HMAC-SHA256" \n HexSHA256(CanonicalRequest)
//! Authorization    = ACS3-HMAC-SHA256 Credential=<AccessKeyId>,SignedHeaders=<h1;h2>,Signature=<HexHMACSHA256(secret, StringToSign)>
//! ```
//! Every header present when signing is signed (as the official SDKs do: `host`, `accept`,
//! `user-agent`, `content-type` and the `x-acs-*` headers), lowercased, values trimmed,
//! sorted; the canonical query sorts parameters by name and percent-encodes both sides.

use sha2::{Digest, Sha256};

use super::sign::{Signed, SigningSettings};
use std::borrow::Cow;

use crate::identity::Credentials;
use crate::signing::SignableRequest;

use crate::request::encoding::{ascii_lowercase, form_encode, hmac_sha256, push_canonical_query, push_hex};

/// Hex SHA-256 of an empty payload.
const EMPTY_PAYLOAD_SHA256: &str = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

/// The algorithm name.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Signs `request` as `credentials` with ACS3-HMAC-SHA256: the body is form parameters
/// (a [`SignableBody::Bytes`](crate::signing::SignableBody::Bytes) body is read as one), the
/// request's headers are signed and sent besides the protocol's own, the path as it is.
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, settings: &SigningSettings<'_>) -> Signed {
    let body = form_encode(&request.body.form_pairs());
    // Most RPC calls send their parameters in the query and no body: its hash is a constant.
    let payload_hash = if body.is_empty() {
        EMPTY_PAYLOAD_SHA256.to_owned()
    } else {
        let mut hash = String::with_capacity(64);
        push_hex(&mut hash, &Sha256::digest(body.as_bytes()));
        hash
    };
    let mut headers: Vec<(Cow<'static, str>, String)> = Vec::with_capacity(12 + request.headers.len());
    for (name, value) in [
        ("host", request.host),
        ("x-acs-version", settings.version),
        ("x-acs-action", settings.action),
        ("user-agent", settings.user_agent),
        ("x-acs-date", settings.timestamp),
        ("x-acs-signature-nonce", settings.nonce),
        ("accept", "application/json"),
    ] {
        headers.push((name.into(), value.to_owned()));
    }
    if !body.is_empty() {
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    headers.push(("x-acs-content-sha256".into(), payload_hash.clone()));
    headers.extend(request.headers.iter().map(|(name, value)| (name.clone().into(), value.clone())));
    if let Some(token) = credentials.security_token() {
        headers.push(("x-acs-accesskey-id".into(), credentials.access_key_id().into()));
        headers.push(("x-acs-security-token".into(), token.expose().into()));
    }

    let (canonical_headers, signed_headers) = canonical_headers(&headers);
    let mut canonical_request = String::with_capacity(
        request.method.len()
            + request.path.len()
            + canonical_headers.len()
            + signed_headers.len()
            + 72
            + request.query.iter().map(|(k, v)| k.len() + v.len() + 2).sum::<usize>() * 5 / 4,
    );
    canonical_request.push_str(request.method);
    canonical_request.push('\n');
    canonical_request.push_str(request.path);
    canonical_request.push('\n');
    let query_start = canonical_request.len();
    push_canonical_query(&mut canonical_request, request.query);
    // The canonical query is also what is sent: one encoding serves both.
    let query = canonical_request[query_start..].to_owned();
    canonical_request.push('\n');
    canonical_request.push_str(&canonical_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&signed_headers);
    canonical_request.push('\n');
    canonical_request.push_str(&payload_hash);
    let mut string_to_sign = String::with_capacity(ALGORITHM.len() + 65);
    string_to_sign.push_str(ALGORITHM);
    string_to_sign.push('\n');
    push_hex(&mut string_to_sign, &Sha256::digest(canonical_request.as_bytes()));
    let signature = hmac_sha256(credentials.access_key_secret().expose().as_bytes(), string_to_sign.as_bytes());
    let access_key_id = credentials.access_key_id();
    let mut authorization = String::with_capacity(ALGORITHM.len() + access_key_id.len() + signed_headers.len() + 64 + 40);
    for part in [ALGORITHM, " Credential=", access_key_id, ",SignedHeaders=", &signed_headers, ",Signature="] {
        authorization.push_str(part);
    }
    push_hex(&mut authorization, &signature);
    headers.push(("Authorization".into(), authorization));
    Signed { query, headers, body, canonical_request: Some(canonical_request), string_to_sign }
}

/// Parameters sorted by name (then value), `name=value` percent-encoded, joined by `&`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    crate::request::encoding::canonical_query(query)
}

/// `name:value\n` for each header (lowercased, trimmed; repeated names joined by `,`, their
/// values sorted), sorted by name; and the `;`-joined names.
fn canonical_headers(headers: &[(Cow<'static, str>, String)]) -> (String, String) {
    let mut lowered: Vec<(Cow<'_, str>, &str)> = headers.iter().map(|(k, v)| (ascii_lowercase(k), v.trim())).collect();
    lowered.sort_unstable();
    crate::request::encoding::canonical_headers(&lowered, |out, value| out.push_str(value))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_empty_payload_hash_is_sha256_of_nothing() {
        let mut hex = String::new();
        push_hex(&mut hex, &Sha256::digest(b""));
        assert_eq!(hex, EMPTY_PAYLOAD_SHA256);
    }
}
