//! The Aliyun RPC signature, version 1.0 (`HMAC-SHA1`).
//!
//! ```text
//! StringToSign = METHOD & %2F & percent(CanonicalQuery)
//! Signature    = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
//! ```
//! `CanonicalQuery` is every query and body parameter (the common ones included), sorted
//! by name, `name=value` percent-encoded and joined by `&`. The signature travels as the
//! `Signature` query parameter.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::sign::{Signed, Unsigned};
use crate::encoding::{form_encode, percent_encode};

/// The `SignatureMethod` value.
pub const ALGORITHM: &str = "HMAC-SHA1";

/// Signs `req` with the RPC v1 signature.
pub fn sign(req: &Unsigned<'_>, user_agent: &str) -> Signed {
    let mut query: Vec<(String, String)> = vec![
        ("Action".into(), req.action.into()),
        ("Format".into(), "json".into()),
        ("Version".into(), req.version.into()),
        ("Timestamp".into(), req.timestamp.into()),
        ("SignatureNonce".into(), req.nonce.into()),
    ];
    for (k, v) in req.query {
        upsert(&mut query, k, v);
    }
    if let Some(token) = req.credentials.security_token() {
        upsert(&mut query, "SecurityToken", token.expose());
    }
    upsert(&mut query, "SignatureMethod", ALGORITHM);
    upsert(&mut query, "SignatureVersion", "1.0");
    upsert(&mut query, "AccessKeyId", req.credentials.access_key_id());

    let mut signed_params: Vec<(String, String)> = query.clone();
    for (k, v) in req.body {
        upsert(&mut signed_params, k, v);
    }
    let string_to_sign = string_to_sign(req.method, &signed_params);
    let key = format!("{}&", req.credentials.access_key_secret().expose());
    let mut mac = Hmac::<Sha1>::new_from_slice(key.as_bytes()).unwrap_or_else(|_| unreachable!());
    mac.update(string_to_sign.as_bytes());
    let signature = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
    query.push(("Signature".into(), signature));

    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), req.host.into()),
        ("x-acs-version".into(), req.version.into()),
        ("x-acs-action".into(), req.action.into()),
        ("user-agent".into(), user_agent.into()),
    ];
    headers.extend(req.extra_headers.iter().cloned());
    let body = form_encode(req.body);
    if !req.body.is_empty() {
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    Signed { query, headers, body, canonical_request: None, string_to_sign }
}

/// `METHOD&%2F&percent(sorted k=v&…)`.
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort_by(|a, b| a.0.cmp(&b.0));
    let canonical = sorted
        .iter()
        .map(|(k, v)| format!("{}={}", percent_encode(k), percent_encode(v)))
        .collect::<Vec<_>>()
        .join("&");
    format!("{method}&{}&{}", percent_encode("/"), percent_encode(&canonical))
}

/// Sets `key` (replacing an earlier value in place, as a dict merge does).
fn upsert(pairs: &mut Vec<(String, String)>, key: &str, value: &str) {
    match pairs.iter_mut().find(|(k, _)| k == key) {
        Some(pair) => pair.1 = value.to_owned(),
        None => pairs.push((key.to_owned(), value.to_owned())),
    }
}
