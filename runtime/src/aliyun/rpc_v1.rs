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

use super::sign::{Signed, SigningSettings};
use crate::identity::Credentials;
use crate::request::encoding::{form_encode, prefix_key, push_percent_encoded, push_percent_encoded_twice, push_reencoded};
use crate::signing::SignableRequest;

/// The `SignatureMethod` value.
pub const ALGORITHM: &str = "HMAC-SHA1";

/// Signs `request` as `credentials` with the RPC 1.0 signature: every query and body
/// parameter is signed (the body is form parameters; a
/// [`SignableBody::Bytes`](crate::signing::SignableBody::Bytes) body is read as one), the
/// path is `/`; the request's headers are sent, unsigned.
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, settings: &SigningSettings<'_>) -> Signed {
    let body = request.body.form_pairs();
    let body: &[(String, String)] = &body;
    // The parameters merged as the SDKs' dicts merge them: a later value replaces an earlier
    // one under the same name, which keeps its first place in the query.
    let token = credentials.security_token().map(|t| t.expose());
    let common = [
        ("Action", settings.action),
        ("Format", "json"),
        ("Version", settings.version),
        ("Timestamp", settings.timestamp),
        ("SignatureNonce", settings.nonce),
    ];
    let last = [("SignatureMethod", ALGORITHM), ("SignatureVersion", "1.0"), ("AccessKeyId", credentials.access_key_id())];
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(common.len() + request.query.len() + 1 + last.len() + body.len());
    pairs.extend(common);
    pairs.extend(request.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    pairs.extend(token.map(|t| ("SecurityToken", t)));
    pairs.extend(last);
    let in_query = pairs.len();
    // The body's parameters are signed too (a body value wins over a query value of the same
    // name), but sent in the body.
    pairs.extend(body.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    let query_sorted = merged(&pairs[..in_query]);
    let body_sorted;
    let signed_sorted = if body.is_empty() {
        &query_sorted
    } else {
        body_sorted = merged(&pairs);
        &body_sorted
    };
    // Each signed pair percent-encoded once into one buffer; the string to sign encodes
    // that once more (`%` → `%25`) and the query sent copies it.
    let mut encoded = String::with_capacity(
        signed_sorted.iter().map(|&(_, i)| pairs[i as usize].0.len() + pairs[i as usize].1.len()).sum::<usize>() * 5 / 4,
    );
    // (name start, value start, value end, whether anything was escaped)
    let mut spans: Vec<(u32, u32, u32, bool)> = Vec::with_capacity(signed_sorted.len());
    for &(_, i) in signed_sorted {
        let (k, v) = pairs[i as usize];
        let start = encoded.len();
        let escaped_name = push_percent_encoded(&mut encoded, k);
        let middle = encoded.len();
        let escaped_value = push_percent_encoded(&mut encoded, v);
        spans.push((start as u32, middle as u32, encoded.len() as u32, escaped_name || escaped_value));
    }
    let span = |(start, middle, end, _): (u32, u32, u32, bool)| {
        (&encoded[start as usize..middle as usize], &encoded[middle as usize..end as usize])
    };
    let mut string_to_sign = String::with_capacity(request.method.len() + 6 + (encoded.len() + 6 * spans.len()) * 5 / 4);
    string_to_sign.push_str(request.method);
    string_to_sign.push_str("&%2F&");
    for (i, &pair) in spans.iter().enumerate() {
        if i > 0 {
            string_to_sign.push_str("%26");
        }
        let (name, value) = span(pair);
        if pair.3 {
            push_reencoded(&mut string_to_sign, name);
            string_to_sign.push_str("%3D");
            push_reencoded(&mut string_to_sign, value);
        } else {
            string_to_sign.push_str(name);
            string_to_sign.push_str("%3D");
            string_to_sign.push_str(value);
        }
    }
    let signature = hmac_sha1_base64(credentials.access_key_secret().expose(), &string_to_sign);

    // The query in the dicts' order, `Signature` last: each sorted pair put back at its first
    // place. Without a body the signed pairs are the query's, already encoded.
    let mut by_place = vec![u32::MAX; in_query];
    for (sorted, &(place, _)) in query_sorted.iter().enumerate() {
        by_place[place as usize] = sorted as u32;
    }
    let mut query = String::with_capacity(encoded.len() + 2 * spans.len() + 40);
    for &sorted in by_place.iter().filter(|&&sorted| sorted != u32::MAX) {
        if body.is_empty() {
            let (name, value) = span(spans[sorted as usize]);
            query.push_str(name);
            query.push('=');
            query.push_str(value);
        } else {
            let (k, v) = pairs[query_sorted[sorted as usize].1 as usize];
            push_percent_encoded(&mut query, k);
            query.push('=');
            push_percent_encoded(&mut query, v);
        }
        query.push('&');
    }
    query.push_str("Signature=");
    push_percent_encoded(&mut query, &signature);

    let mut headers: Vec<(String, String)> = Vec::with_capacity(5 + request.headers.len());
    for (name, value) in [
        ("host", request.host),
        ("x-acs-version", settings.version),
        ("x-acs-action", settings.action),
        ("user-agent", settings.user_agent),
    ] {
        headers.push((name.to_owned(), value.to_owned()));
    }
    headers.extend(request.headers.iter().cloned());
    let body = form_encode(body);
    if !body.is_empty() {
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    Signed { query, headers, body, canonical_request: None, string_to_sign }
}

/// `Base64(HMAC-SHA1(secret + "&", string_to_sign))`; the key on the stack when it fits
/// SHA-1's block (a longer key is hashed by HMAC anyway).
fn hmac_sha1_base64(secret: &str, string_to_sign: &str) -> String {
    let mut stack = [0u8; 64];
    let mut heap = Vec::new();
    let key: &[u8] = if secret.len() < stack.len() {
        stack[..secret.len()].copy_from_slice(secret.as_bytes());
        stack[secret.len()] = b'&';
        &stack[..=secret.len()]
    } else {
        heap.extend_from_slice(secret.as_bytes());
        heap.push(b'&');
        &heap
    };
    // HMAC accepts keys of any length.
    let mut mac = Hmac::<Sha1>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(string_to_sign.as_bytes());
    base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes())
}

/// `pairs` merged by name (the last value wins, the first place stays), sorted by name:
/// `(first place, index of the last value)`. O(n log n), however many names repeat; the
/// sort moves 24-byte keys (a name's first 16 bytes and its place) and compares whole names
/// only when those bytes are equal.
fn merged(pairs: &[(&str, &str)]) -> Vec<(u32, u32)> {
    let mut order: Vec<(u64, u64, u32)> = pairs
        .iter()
        .enumerate()
        .map(|(i, (k, _))| {
            let key = prefix_key(k.as_bytes());
            ((key >> 64) as u64, key as u64, i as u32)
        })
        .collect();
    // By name, then place: the values of one name stay in the order they came.
    order.sort_unstable_by(|a, b| {
        (a.0, a.1).cmp(&(b.0, b.1)).then_with(|| pairs[a.2 as usize].0.cmp(pairs[b.2 as usize].0)).then(a.2.cmp(&b.2))
    });
    let mut out: Vec<(u32, u32)> = Vec::with_capacity(order.len());
    let mut previous: Option<(u64, u64, &str)> = None;
    for (hi, lo, i) in order {
        let name = pairs[i as usize].0;
        match (out.last_mut(), previous) {
            (Some(last), Some((h, l, p))) if h == hi && l == lo && p == name => last.1 = i,
            _ => out.push((i, i)),
        }
        previous = Some((hi, lo, name));
    }
    out
}

/// `METHOD&%2F&percent(sorted k=v&…)`.
pub fn string_to_sign(method: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<(&str, &str)> = params.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    sorted.sort_by(|a, b| a.0.cmp(b.0));
    string_to_sign_sorted(method, &sorted)
}

/// The string to sign of parameters already sorted by name, written in one pass: the
/// canonical query is percent-encoded twice (once as a query, once as a whole), so `=` is
/// `%3D`, `&` is `%26` and an escaped byte `%XY` is `%25XY`.
fn string_to_sign_sorted(method: &str, sorted: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(method.len() + 6 + sorted.iter().map(|(k, v)| k.len() + v.len() + 6).sum::<usize>() * 5 / 4);
    out.push_str(method);
    out.push_str("&%2F&");
    for (i, (k, v)) in sorted.iter().enumerate() {
        if i > 0 {
            out.push_str("%26");
        }
        push_percent_encoded_twice(&mut out, k);
        out.push_str("%3D");
        push_percent_encoded_twice(&mut out, v);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::identity::Credentials;

    /// The merge as the SDKs' dicts do it, one parameter at a time (the reference the
    /// O(n log n) merge is checked against).
    fn upsert(pairs: &mut Vec<(String, String)>, key: &str, value: &str) {
        match pairs.iter_mut().find(|(k, _)| k == key) {
            Some(pair) => pair.1 = value.to_owned(),
            None => pairs.push((key.to_owned(), value.to_owned())),
        }
    }

    fn owned(items: &[(&str, &str)]) -> Vec<(String, String)> {
        items.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    #[test]
    fn parameters_merge_as_a_dict_does_and_the_body_is_signed() {
        let credentials = Credentials::new("AK", "SK").with_security_token("tok en");
        // The operation overrides a common parameter (`Format`), repeats one of its own, and
        // the body repeats a query parameter.
        let query = owned(&[("Format", "xml"), ("B", "1"), ("A b", "x*y"), ("B", "2"), ("Timestamp", "t2")]);
        let body = owned(&[("B", "body"), ("Z", "~z")]);
        let request = SignableRequest {
            method: "POST",
            host: "h",
            path: "/",
            query: &query,
            headers: &[],
            body: crate::signing::SignableBody::Form(&body),
        };
        let settings = SigningSettings { action: "Act", version: "2020-01-01", timestamp: "t1", nonce: "n", user_agent: "ua" };
        let signed = sign(&request, &credentials, &settings);

        let mut expected =
            owned(&[("Action", "Act"), ("Format", "json"), ("Version", "2020-01-01"), ("Timestamp", "t1"), ("SignatureNonce", "n")]);
        for (k, v) in &query {
            upsert(&mut expected, k, v);
        }
        for (k, v) in [("SecurityToken", "tok en"), ("SignatureMethod", ALGORITHM), ("SignatureVersion", "1.0"), ("AccessKeyId", "AK")] {
            upsert(&mut expected, k, v);
        }
        let mut signed_params = expected.clone();
        for (k, v) in &body {
            upsert(&mut signed_params, k, v);
        }
        assert_eq!(signed.string_to_sign, string_to_sign("POST", &signed_params));
        let mut pairs = signed.query_pairs();
        let signature = pairs.pop().unwrap();
        assert_eq!(signature.0, "Signature");
        assert_eq!(pairs, expected, "query sent in the dicts' order, last values");
        assert_eq!(signed.body, "B=body&Z=~z");
        // The string to sign by its definition: percent(sorted k=v&…) encoded once more.
        let mut sorted = signed_params.clone();
        sorted.sort();
        let canonical = sorted
            .iter()
            .map(|(k, v)| format!("{}={}", crate::request::encoding::percent_encode(k), crate::request::encoding::percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        assert_eq!(signed.string_to_sign, format!("POST&%2F&{}", crate::request::encoding::percent_encode(&canonical)));
    }
}
