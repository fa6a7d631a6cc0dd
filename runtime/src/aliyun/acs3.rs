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

use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

use super::sign::{Signed, Unsigned};
use crate::encoding::{form_encode, percent_encode};

/// The algorithm name.
pub const ALGORITHM: &str = "ACS3-HMAC-SHA256";

/// Signs `req` with ACS3-HMAC-SHA256.
pub fn sign(req: &Unsigned<'_>, user_agent: &str) -> Signed {
    let body = form_encode(req.body);
    let payload_hash = hex::encode(Sha256::digest(body.as_bytes()));
    let mut headers: Vec<(String, String)> = vec![
        ("host".into(), req.host.into()),
        ("x-acs-version".into(), req.version.into()),
        ("x-acs-action".into(), req.action.into()),
        ("user-agent".into(), user_agent.into()),
        ("x-acs-date".into(), req.timestamp.into()),
        ("x-acs-signature-nonce".into(), req.nonce.into()),
        ("accept".into(), "application/json".into()),
    ];
    if !req.body.is_empty() {
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    headers.push(("x-acs-content-sha256".into(), payload_hash.clone()));
    headers.extend(req.extra_headers.iter().cloned());
    if let Some(token) = req.credentials.security_token() {
        headers.push(("x-acs-accesskey-id".into(), req.credentials.access_key_id().into()));
        headers.push(("x-acs-security-token".into(), token.expose().into()));
    }

    let canonical_query = canonical_query(req.query);
    let (canonical_headers, signed_headers) = canonical_headers(&headers);
    let canonical_request = format!(
        "{}\n{}\n{}\n{}\n{}\n{}",
        req.method, req.pathname, canonical_query, canonical_headers, signed_headers, payload_hash
    );
    let string_to_sign = format!("{ALGORITHM}\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())));
    let signature = hmac_sha256_hex(req.credentials.access_key_secret().expose().as_bytes(), string_to_sign.as_bytes());
    headers.push((
        "Authorization".into(),
        format!(
            "{ALGORITHM} Credential={},SignedHeaders={signed_headers},Signature={signature}",
            req.credentials.access_key_id()
        ),
    ));
    Signed {
        query: req.query.to_vec(),
        headers,
        body,
        canonical_request: Some(canonical_request),
        string_to_sign,
    }
}

/// Parameters sorted by name (then value), `name=value` percent-encoded, joined by `&`.
pub fn canonical_query(query: &[(String, String)]) -> String {
    let mut pairs: Vec<(String, String)> =
        query.iter().map(|(k, v)| (percent_encode(k), percent_encode(v))).collect();
    pairs.sort();
    pairs.iter().map(|(k, v)| format!("{k}={v}")).collect::<Vec<_>>().join("&")
}

/// `name:value\n` for each header (lowercased, trimmed; repeated names joined by `,`),
/// sorted by name; and the `;`-joined names.
fn canonical_headers(headers: &[(String, String)]) -> (String, String) {
    let mut merged: std::collections::BTreeMap<String, Vec<String>> = std::collections::BTreeMap::new();
    for (k, v) in headers {
        merged.entry(k.to_ascii_lowercase()).or_default().push(v.trim().to_owned());
    }
    let mut canonical = String::new();
    for (name, values) in &mut merged {
        values.sort();
        canonical.push_str(&format!("{name}:{}\n", values.join(",")));
    }
    let names = merged.keys().map(String::as_str).collect::<Vec<_>>().join(";");
    (canonical, names)
}

fn hmac_sha256_hex(key: &[u8], data: &[u8]) -> String {
    // HMAC accepts keys of any length.
    let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    hex::encode(mac.finalize().into_bytes())
}
