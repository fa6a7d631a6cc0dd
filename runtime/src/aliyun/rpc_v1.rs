//! The Aliyun RPC signature, version 1.0 (`HMAC-SHA1`).
//!
//! ```text
//! StringToSign = METHOD & %2F & percent(CanonicalQuery)
//! Signature    = Base64(HMAC-SHA1(AccessKeySecret + "&", StringToSign))
//! ```
//! `CanonicalQuery` is every query and body parameter (the common ones included), sorted
//! by name, `name=value` percent-encoded and joined by `&`. The signature travels as the
//! `Signature` query parameter.

use std::borrow::Cow;

use base64::Engine;
use hmac::{Hmac, Mac};
use sha1::Sha1;

use super::sign::{Signed, SigningSettings};
use crate::identity::Credentials;
use crate::request::encoding::{
    all_unreserved, all_unreserved_pair, form_encode, prefix_key, push_masked, push_percent_encoded, push_percent_encoded_once_and_twice,
    push_percent_encoded_twice, reserved_mask,
};
use crate::signing::SignableRequest;

/// The `SignatureMethod` value.
pub const ALGORITHM: &str = "HMAC-SHA1";

/// Requests with at most this many parameters are merged in arrays on the stack; larger ones
/// take the same steps on the heap.
const STACK: usize = 32;

/// Requests with at most this many parameters are sorted by integer keys that hold each
/// parameter's index in their low byte; larger ones sort indices by name.
const KEYED: usize = 256;

/// Signs `request` as `credentials` with the RPC 1.0 signature: every query and body
/// parameter is signed (the body is form parameters; a
/// [`SignableBody::Bytes`](crate::signing::SignableBody::Bytes) body is read as one), the
/// path is `/`; the request's headers are sent, unsigned.
///
/// The parameters are merged as the SDKs' dicts and maps merge them: a later value replaces
/// an earlier one under the same name. The query is sent sorted by name (bytewise),
/// `Signature` last: it is then the canonical query itself, and the string to sign is
/// written beside it in the same pass. Alibaba Cloud's Go SDK sends its query sorted too
/// (`url.Values.Encode`; the files and lines are cited in the source), the Python SDKs in
/// their dicts' order; the service sorts the parameters itself to check the signature, so
/// the order sent does not change it. Body parameters are signed too (a body value wins
/// over a query value of the same name) but sent in the body.
pub fn sign(request: &SignableRequest<'_>, credentials: &Credentials, settings: &SigningSettings<'_>) -> Signed {
    // Why sorted: the official Go SDK (github.com/aliyun/alibaba-cloud-sdk-go at 8666508d)
    // builds the URL with `request.BuildUrl()` (sdk/client.go:746), whose query is
    // `utils.GetUrlFormedMap(request.QueryParams)` (sdk/requests/rpc_request.go:47-48), that is
    // `url.Values.Encode()` (sdk/utils/utils.go:82-89), which Go documents as "sorted by
    // key"; it puts `Signature` among them (sdk/auth/rpc_signature_composer.go:71), yun
    // last. A sorted query is the canonical query, so nothing is encoded or sorted twice.
    let body = request.body.form_pairs();
    let token = credentials.security_token().map(|t| t.expose());
    // The layout `KNOWN` follows: these five first, then the operation's parameters, the
    // token, and the last three.
    let common = common_params(settings);
    let last = [("SignatureMethod", ALGORITHM), ("SignatureVersion", "1.0"), ("AccessKeyId", credentials.access_key_id())];
    let mut pairs: Vec<(&str, &str)> = Vec::with_capacity(common.len() + request.query.len() + 1 + last.len() + body.len());
    pairs.extend(common);
    pairs.extend(request.query.iter().map(|(k, v)| (k.as_str(), v.as_str())));
    pairs.extend(token.map(|t| ("SecurityToken", t)));
    pairs.extend(last);
    let in_query = pairs.len();
    pairs.extend(body.iter().map(|(k, v)| (k.as_str(), v.as_str())));

    let raw: usize = pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    let mut query = String::with_capacity(raw + raw / 4 + 48);
    let mut string_to_sign = String::with_capacity(request.method.len() + 6 + raw + raw / 2);
    string_to_sign.push_str(request.method);
    string_to_sign.push_str("&%2F&");
    let head = string_to_sign.len();
    // Keyed now, fed as the string to sign is written (see `Streamed`).
    let mut mac = Streamed::new(credentials.access_key_secret().expose());
    // The merged pairs, `(first, last)` indices in name order: on the stack for most requests.
    let (mut stack, mut heap) = ([(0u32, 0u32); STACK], Vec::new());
    let out = scratch(&mut stack, &mut heap, pairs.len());
    if body.is_empty() {
        // The query as sent is the canonical query: both written in one pass. The common
        // parameters' names are written as known pieces, and so are whole pairs of fixed
        // values (`Format=json`, …), unless the operation replaced the value.
        let last_start = in_query - last.len();
        let known = |first: usize| match first {
            _ if first < common.len() => KNOWN.get(first),
            _ if first >= last_start && first < in_query => KNOWN.get(common.len() + first - last_start),
            _ => None,
        };
        let op = common.len()..last_start - usize::from(token.is_some());
        for &(first, last) in merged_with_common(&pairs, op, token.is_some(), out) {
            mac.feed(&string_to_sign);
            let (first, last) = (first as usize, last as usize);
            match known(first) {
                Some(Known { fixed: Some((query_pair, signed_pair)), .. }) if first == last => {
                    query.push_str(query_pair);
                    string_to_sign.push_str(signed_pair);
                }
                Some(known) => {
                    query.push_str(known.query);
                    string_to_sign.push_str(known.signed);
                    push_value(&mut query, &mut string_to_sign, pairs[last].1);
                }
                None => push_pair(&mut query, &mut string_to_sign, pairs[first].0, pairs[last].1),
            }
        }
    } else {
        // The body's parameters are signed but not sent in the query: two merges.
        for &(first, last) in merged(&pairs[..in_query], out) {
            push_query_pair(&mut query, pairs[first as usize].0, pairs[last as usize].1);
        }
        for &(first, last) in merged(&pairs, out) {
            mac.feed(&string_to_sign);
            push_signed_pair(&mut string_to_sign, pairs[first as usize].0, pairs[last as usize].1);
        }
    }
    // Every pair ended with `%26`; the last one's is not part of the string to sign.
    if string_to_sign.len() > head {
        string_to_sign.truncate(string_to_sign.len() - 3);
    }
    let mut signature = [0u8; 28];
    query.push_str("Signature=");
    let signature = mac.finish(&string_to_sign, &mut signature);
    match reserved_mask(signature.as_bytes()) {
        Some(mask) => push_masked::<false>(&mut query, signature, mask),
        None => _ = push_percent_encoded(&mut query, signature),
    }

    let headers = headers(request, settings, !body.is_empty());
    Signed { query, headers, body: form_encode(&body), canonical_request: None, string_to_sign }
}

/// The five common parameters every RPC 1.0 request starts with, signed or anonymous, in the
/// order [`KNOWN`] lays them out (the operation's parameters of the same name replace them).
fn common_params<'a>(settings: &SigningSettings<'a>) -> [(&'static str, &'a str); 5] {
    [
        ("Action", settings.action),
        ("Format", "json"),
        ("Version", settings.version),
        ("Timestamp", settings.timestamp),
        ("SignatureNonce", settings.nonce),
    ]
}

/// The headers an RPC 1.0 request sends (none signed): `host`, `x-acs-version`,
/// `x-acs-action`, `user-agent`, the request's own, and the form body's content type.
fn headers(request: &SignableRequest<'_>, settings: &SigningSettings<'_>, form_body: bool) -> Vec<(Cow<'static, str>, String)> {
    let mut headers: Vec<(Cow<'static, str>, String)> = Vec::with_capacity(5 + request.headers.len());
    for (name, value) in [
        ("host", request.host),
        ("x-acs-version", settings.version),
        ("x-acs-action", settings.action),
        ("user-agent", settings.user_agent),
    ] {
        headers.push((Cow::Borrowed(name), value.to_owned()));
    }
    headers.extend(request.headers.iter().map(|(name, value)| (Cow::Owned(name.clone()), value.clone())));
    if form_body {
        headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
    }
    headers
}

/// An anonymous request (the SDKs' `AuthType: Anonymous`, e.g. STS `AssumeRoleWithOIDC`): the
/// common parameters but no key id, signature method or signature (Tea's `doRPCRequest`), the
/// operation's parameters merged after them as a dict merges, the body's sent as a form.
pub fn unsigned(request: &SignableRequest<'_>, settings: &SigningSettings<'_>) -> Signed {
    let mut query: Vec<(String, String)> = common_params(settings).iter().map(|&(k, v)| (k.to_owned(), v.to_owned())).collect();
    for (k, v) in request.query {
        match query.iter_mut().find(|(name, _)| name == k) {
            Some(pair) => pair.1.clone_from(v),
            None => query.push((k.clone(), v.clone())),
        }
    }
    let body = request.body.form_pairs();
    let headers = headers(request, settings, !body.is_empty());
    Signed { query: form_encode(&query), headers, body: form_encode(&body), canonical_request: None, string_to_sign: String::new() }
}

/// Appends `name=value&` to the query and `name%3Dvalue%26` to the string to sign: the
/// pair percent-encoded once, then encoded once more.
#[inline]
fn push_pair(query: &mut String, string_to_sign: &mut String, name: &str, value: &str) {
    // Names and values mostly need no escape: one check of both, then copies.
    if all_unreserved_pair(name.as_bytes(), value.as_bytes()) {
        query.push_str(name);
        query.push('=');
        query.push_str(value);
        query.push('&');
        string_to_sign.push_str(name);
        string_to_sign.push_str("%3D");
        string_to_sign.push_str(value);
        string_to_sign.push_str("%26");
    } else {
        push_query_pair(query, name, value);
        push_signed_pair(string_to_sign, name, value);
    }
}

/// Appends `value&` to the query and `value%26` to the string to sign, the value
/// percent-encoded once, then once more.
#[inline]
fn push_value(query: &mut String, string_to_sign: &mut String, value: &str) {
    if all_unreserved(value.as_bytes()) {
        query.push_str(value);
        string_to_sign.push_str(value);
    } else {
        push_percent_encoded_once_and_twice(query, string_to_sign, value);
    }
    query.push('&');
    string_to_sign.push_str("%26");
}

/// A common parameter as [`sign`] writes it: its name with `=` (query) and with `%3D`
/// (string to sign), none of its bytes escaped; for a fixed value, the whole pair,
/// `name=value&` and `name%3Dvalue%26`.
struct Known {
    query: &'static str,
    signed: &'static str,
    fixed: Option<(&'static str, &'static str)>,
}

macro_rules! known {
    ($name:literal) => {
        Known { query: concat!($name, "="), signed: concat!($name, "%3D"), fixed: None }
    };
    ($name:literal = $value:literal) => {
        Known {
            query: concat!($name, "="),
            signed: concat!($name, "%3D"),
            fixed: Some((concat!($name, "=", $value, "&"), concat!($name, "%3D", $value, "%26"))),
        }
    };
}

/// The common parameters in the order [`sign`] lays them out: five before the operation's
/// parameters, three after them (and after the token). Their values are unreserved text, so
/// the fixed pairs are the same encoded once or twice.
const KNOWN: [Known; 8] = [
    known!("Action"),
    known!("Format" = "json"),
    known!("Version"),
    known!("Timestamp"),
    known!("SignatureNonce"),
    known!("SignatureMethod" = "HMAC-SHA1"),
    known!("SignatureVersion" = "1.0"),
    known!("AccessKeyId"),
];

/// Appends `name=value&`, both percent-encoded, to the query.
fn push_query_pair(query: &mut String, name: &str, value: &str) {
    push_percent_encoded(query, name);
    query.push('=');
    push_percent_encoded(query, value);
    query.push('&');
}

/// Appends `name=value&` percent-encoded twice (`name%3Dvalue%26`) to the string to sign.
fn push_signed_pair(string_to_sign: &mut String, name: &str, value: &str) {
    push_percent_encoded_twice(string_to_sign, name);
    string_to_sign.push_str("%3D");
    push_percent_encoded_twice(string_to_sign, value);
    string_to_sign.push_str("%26");
}

/// `Base64(HMAC-SHA1(secret + "&", string_to_sign))`, written into `out` (28 bytes: 20
/// bytes of MAC in Base64 with padding): the server's check of a signature.
#[cfg(feature = "server")]
pub(crate) fn hmac_sha1_base64<'o>(secret: &str, string_to_sign: &str, out: &'o mut [u8; 28]) -> &'o str {
    Streamed::new(secret).finish(string_to_sign, out)
}

/// The HMAC-SHA1 of a string to sign fed while it is written: [`Streamed::feed`] hashes the
/// whole 64-byte blocks written since its last call, so SHA-1's rounds (a chain of dependent
/// steps, with SHA-NI bound by their latency) run beside the encoding of the next
/// parameters instead of after all of them: 2.6 % of the signer's time natively, the same
/// bytes hashed (`benches/README.md`, the fifth attempt).
struct Streamed {
    mac: Hmac<Sha1>,
    /// How many bytes of the string to sign are hashed.
    hashed: usize,
}

impl Streamed {
    /// The HMAC keyed with `secret + "&"`, the key on the stack when it fits SHA-1's block
    /// (a longer key is hashed by HMAC anyway).
    fn new(secret: &str) -> Self {
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
        Self { mac: Hmac::<Sha1>::new_from_slice(key).unwrap_or_else(|_| unreachable!()), hashed: 0 }
    }

    /// Hashes the whole blocks of `string_to_sign` (the same string each call, only grown)
    /// written since the last call, all but its last three bytes: the `%26` that [`sign`]
    /// takes back after the last pair.
    #[inline]
    fn feed(&mut self, string_to_sign: &str) {
        let ready = string_to_sign.len().saturating_sub(3);
        if ready >= self.hashed + 64 {
            let upto = ready - (ready - self.hashed) % 64;
            self.mac.update(string_to_sign.as_bytes().get(self.hashed..upto).unwrap_or_default());
            self.hashed = upto;
        }
    }

    /// Hashes the rest of `string_to_sign`, whole, and writes the MAC in Base64 into `out`.
    fn finish<'o>(mut self, string_to_sign: &str, out: &'o mut [u8; 28]) -> &'o str {
        self.mac.update(string_to_sign.as_bytes().get(self.hashed..).unwrap_or_default());
        // 20 bytes are 28 in Base64, and Base64 is ASCII: neither step can fail.
        let written = base64::engine::general_purpose::STANDARD.encode_slice(self.mac.finalize().into_bytes(), out).unwrap_or(0);
        std::str::from_utf8(&out[..written]).unwrap_or_default()
    }
}

/// The first `len` items of `stack` when it has them, else `heap` grown to `len` default items.
#[inline(always)]
fn scratch<'a, T: Copy + Default>(stack: &'a mut [T; STACK], heap: &'a mut Vec<T>, len: usize) -> &'a mut [T] {
    match stack.get_mut(..len) {
        Some(items) => items,
        None => {
            heap.resize(len, T::default());
            heap
        }
    }
}

/// `pairs` merged by name, in name order (bytewise, as the SDKs sort): for each name the
/// index of its first pair and of its last, whose value the name keeps (the dicts' merge),
/// written into `out` (at least as long as `pairs`), whose filled part is returned.
///
/// Up to [`KEYED`] pairs, each name's first 15 bytes and its index (low byte) make one
/// integer key, so the sort moves and compares integers; names that share 15 bytes are then
/// ordered by whole name (a repeated name needs no more: its keys are in index order).
/// Larger requests sort indices by name.
fn merged<'o>(pairs: &[(&str, &str)], out: &'o mut [(u32, u32)]) -> &'o [(u32, u32)] {
    let mut len = 0;
    {
        let mut emit = |first: usize, last: usize| {
            if let Some(slot) = out.get_mut(len) {
                *slot = (first as u32, last as u32);
                len += 1;
            }
        };
        merge(pairs, &mut emit);
    }
    &out[..len]
}

/// Where a common parameter sits in [`sign`]'s layout of `pairs`: among the five before
/// the operation's parameters, the token after them, or the three last.
#[derive(Clone, Copy, Debug)]
enum Slot {
    Common(usize),
    Token,
    Last(usize),
}

/// The common parameters in name order (bytewise), each with its slot and its name's first
/// 15 bytes as [`merge`] keys names ([`prefix_key`] without its last byte).
const COMMON_IN_NAME_ORDER: [(&str, Slot, u128); 9] = {
    const fn entry(name: &'static str, slot: Slot) -> (&'static str, Slot, u128) {
        let (bytes, mut key, mut i) = (name.as_bytes(), 0u128, 0);
        while i < 15 {
            key = key << 8 | if i < bytes.len() { bytes[i] as u128 } else { 0 };
            i += 1;
        }
        (name, slot, key)
    }
    [
        entry("AccessKeyId", Slot::Last(2)),
        entry("Action", Slot::Common(0)),
        entry("Format", Slot::Common(1)),
        entry("SecurityToken", Slot::Token),
        entry("SignatureMethod", Slot::Last(0)),
        entry("SignatureNonce", Slot::Common(4)),
        entry("SignatureVersion", Slot::Last(1)),
        entry("Timestamp", Slot::Common(3)),
        entry("Version", Slot::Common(2)),
    ]
};

/// [`merged`] for [`sign`]'s layout of `pairs` (the five common parameters, the operation's
/// `pairs[op]`, the token when `token`, the three last), whose common parameters' name order
/// is known: only the operation's keys are sorted, and the common ones merged into them in
/// one pass. The result is [`merged`]'s, as a repeated name is merged by index either way.
fn merged_with_common<'o>(pairs: &[(&str, &str)], op: std::ops::Range<usize>, token: bool, out: &'o mut [(u32, u32)]) -> &'o [(u32, u32)] {
    let common = COMMON_IN_NAME_ORDER.len() - usize::from(!token);
    if pairs.len() > KEYED || op.end > pairs.len() || pairs.len() != op.len() + common {
        return merged(pairs, out);
    }
    let last_start = op.end + usize::from(token);
    let (mut stack, mut heap) = ([0u128; STACK], Vec::new());
    let keys = scratch(&mut stack, &mut heap, pairs.len());
    // The operation's keys sorted after room for the common ones, then merged forward into
    // place: the write position never passes the next key to read.
    let sorted = &mut keys[common..];
    for (key, (i, (name, _))) in sorted.iter_mut().zip(pairs.iter().enumerate().skip(op.start)) {
        *key = (prefix_key(name.as_bytes()) & !0xff) | i as u128;
    }
    sorted.sort_unstable();
    let (mut read, mut write) = (common, 0);
    for &(_, slot, prefix) in &COMMON_IN_NAME_ORDER {
        let index = match slot {
            Slot::Common(i) => i,
            Slot::Token if token => op.end,
            Slot::Token => continue,
            Slot::Last(i) => last_start + i,
        };
        let key = prefix << 8 | index as u128;
        while read < keys.len() && keys[read] < key {
            keys[write] = keys[read];
            (read, write) = (read + 1, write + 1);
        }
        keys[write] = key;
        write += 1;
    }
    let mut len = 0;
    emit_sorted_keys(pairs, keys, &mut |first: usize, last: usize| {
        if let Some(slot) = out.get_mut(len) {
            *slot = (first as u32, last as u32);
            len += 1;
        }
    });
    &out[..len]
}

/// The work of [`merged`]: `emit(first, last)` for each name in order.
#[inline]
fn merge(pairs: &[(&str, &str)], emit: &mut impl FnMut(usize, usize)) {
    let name = |i: usize| pairs[i].0;
    if pairs.len() > KEYED {
        let mut order: Vec<usize> = (0..pairs.len()).collect();
        order.sort_by(|&a, &b| name(a).cmp(name(b)).then(a.cmp(&b)));
        emit_runs(pairs, order.into_iter(), emit);
        return;
    }
    let (mut stack, mut heap) = ([0u128; STACK], Vec::new());
    let keys = scratch(&mut stack, &mut heap, pairs.len());
    for (key, (i, (name, _))) in keys.iter_mut().zip(pairs.iter().enumerate()) {
        *key = (prefix_key(name.as_bytes()) & !0xff) | i as u128;
    }
    keys.sort_unstable();
    emit_sorted_keys(pairs, keys, emit);
}

/// `emit(first, last)` for each name of `pairs` in order, given `keys`, every pair's key
/// (its name's first 15 bytes, then its index, the low byte) sorted.
#[inline]
fn emit_sorted_keys(pairs: &[(&str, &str)], keys: &mut [u128], emit: &mut impl FnMut(usize, usize)) {
    let name = |i: usize| pairs[i].0;
    let index = |key: u128| (key & 0xff) as usize;
    // One pass: a key whose first 15 bytes no neighbour shares is a name of its own; a
    // group sharing them (a repeated name, or names alike in their first 15 bytes) is
    // ordered by whole name, then index, and its repeats merged.
    let mut w = 0;
    while w < keys.len() {
        let prefix = keys[w] >> 8;
        if keys.get(w + 1).is_none_or(|&next| next >> 8 != prefix) {
            emit(index(keys[w]), index(keys[w]));
            w += 1;
            continue;
        }
        let mut j = w + 2;
        while j < keys.len() && keys[j] >> 8 == prefix {
            j += 1;
        }
        let group = &mut keys[w..j];
        let (first, last) = (index(group[0]), index(group[group.len() - 1]));
        // The group shares its first 15 bytes: names of at most 15 bytes are equal when
        // their lengths are (the key pads with zeros, a name may hold one).
        let same = |i: usize| {
            let (a, b) = (name(i), name(first));
            a.len() == b.len() && (a.len() <= 15 || a == b)
        };
        if group.iter().all(|&key| same(index(key))) {
            emit(first, last);
        } else {
            group.sort_unstable_by(|&a, &b| name(index(a)).cmp(name(index(b))).then(a.cmp(&b)));
            emit_runs(pairs, group.iter().map(|&key| index(key)), emit);
        }
        w = j;
    }
}

/// `emit(first, last)` for each run of one name in `order` (indices of `pairs` sorted by
/// name, then index): the run's first and last index.
#[inline]
fn emit_runs(pairs: &[(&str, &str)], order: impl Iterator<Item = usize>, emit: &mut impl FnMut(usize, usize)) {
    let mut run: Option<(usize, usize)> = None;
    for i in order {
        run = match run {
            Some((first, _)) if pairs[first].0 == pairs[i].0 => Some((first, i)),
            Some((first, last)) => {
                emit(first, last);
                Some((i, i))
            }
            None => Some((i, i)),
        };
    }
    if let Some((first, last)) = run {
        emit(first, last);
    }
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

    /// A POST to host `h` with `query` and the form `body`.
    fn form_post<'a>(query: &'a [(String, String)], body: &'a [(String, String)]) -> SignableRequest<'a> {
        SignableRequest { method: "POST", host: "h", path: "/", query, headers: &[], body: crate::signing::SignableBody::Form(body) }
    }

    #[test]
    fn parameters_merge_as_a_dict_does_and_the_body_is_signed() {
        let credentials = Credentials::new("AK", "SK").with_security_token("tok en");
        // The operation overrides a common parameter (`Format`), repeats one of its own, and
        // the body repeats a query parameter.
        let query = owned(&[("Format", "xml"), ("B", "1"), ("A b", "x*y"), ("B", "2"), ("Timestamp", "t2")]);
        let body = owned(&[("B", "body"), ("Z", "~z")]);
        let request = form_post(&query, &body);
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
        // Sent sorted by name, as the Go SDK's `url.Values.Encode` sends it (see `sign`).
        expected.sort();
        assert_eq!(pairs, expected, "query sent sorted by name, last values");
        assert_eq!(signed.body, "B=body&Z=~z");
        // The string to sign by its definition: percent(sorted k=v&…) encoded once more.
        let mut sorted = signed_params.clone();
        sorted.sort_unstable();
        let canonical = sorted
            .iter()
            .map(|(k, v)| format!("{}={}", crate::request::encoding::percent_encode(k), crate::request::encoding::percent_encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        assert_eq!(signed.string_to_sign, format!("POST&%2F&{}", crate::request::encoding::percent_encode(&canonical)));
    }

    /// A xorshift generator of counts and of strings over an alphabet of pieces, for the
    /// property tests below (deterministic: a failure reproduces).
    struct Random<'a> {
        state: u64,
        alphabet: &'a [&'a str],
    }

    impl Random<'_> {
        fn next(&mut self) -> u64 {
            self.state ^= self.state << 13;
            self.state ^= self.state >> 7;
            self.state ^= self.state << 17;
            self.state
        }

        /// Fewer than `max` pieces of the alphabet.
        fn text(&mut self, max: u64) -> String {
            let len = self.next() % max;
            (0..len).map(|_| self.alphabet[(self.next() % self.alphabet.len() as u64) as usize]).collect()
        }
    }

    fn reference(query: &[(String, String)], body: &[(String, String)], token: Option<&str>) -> (Vec<(String, String)>, String) {
        let mut sent =
            owned(&[("Action", "Act"), ("Format", "json"), ("Version", "2020-01-01"), ("Timestamp", "t1"), ("SignatureNonce", "n")]);
        for (k, v) in query {
            upsert(&mut sent, k, v);
        }
        for (k, v) in token.map(|t| ("SecurityToken", t)).into_iter().chain([
            ("SignatureMethod", ALGORITHM),
            ("SignatureVersion", "1.0"),
            ("AccessKeyId", "AK"),
        ]) {
            upsert(&mut sent, k, v);
        }
        let mut signed = sent.clone();
        for (k, v) in body {
            upsert(&mut signed, k, v);
        }
        sent.sort();
        (sent, string_to_sign("POST", &signed))
    }

    fn check(query: &[(String, String)], body: &[(String, String)], token: Option<&str>) {
        let mut credentials = Credentials::new("AK", "SK");
        if let Some(token) = token {
            credentials = credentials.with_security_token(token);
        }
        let request =
            SignableRequest { method: "POST", host: "h", path: "/", query, headers: &[], body: crate::signing::SignableBody::Form(body) };
        let settings = SigningSettings { action: "Act", version: "2020-01-01", timestamp: "t1", nonce: "n", user_agent: "ua" };
        let signed = sign(&request, &credentials, &settings);
        let (sent, string_to_sign) = reference(query, body, token);
        assert_eq!(signed.string_to_sign, string_to_sign, "query {query:?} body {body:?}");
        let mut pairs = signed.query_pairs();
        assert_eq!(pairs.pop().map(|(k, _)| k).as_deref(), Some("Signature"));
        assert_eq!(pairs, sent, "query {query:?} body {body:?}");
    }

    #[test]
    fn the_known_pieces_are_the_values_sign_sends() {
        let settings = SigningSettings { action: "A", version: "V", timestamp: "T", nonce: "N", user_agent: "U" };
        let fixed = |i: usize| KNOWN[i].fixed.map(|(query, _)| query.to_owned());
        assert_eq!(fixed(1), Some(format!("Format={}&", common_params(&settings)[1].1)));
        assert_eq!(fixed(5), Some(format!("SignatureMethod={ALGORITHM}&")));
        assert_eq!(fixed(6), Some("SignatureVersion=1.0&".to_owned()));
        for (i, (name, _)) in common_params(&settings).iter().enumerate() {
            assert_eq!(KNOWN[i].query, format!("{name}="));
        }
    }

    #[test]
    fn the_common_parameters_table_is_in_name_order_and_matches_the_layout() {
        let names: Vec<&str> = COMMON_IN_NAME_ORDER.iter().map(|&(name, ..)| name).collect();
        assert!(names.is_sorted(), "{names:?}");
        for (name, slot, prefix) in COMMON_IN_NAME_ORDER {
            assert_eq!(prefix, prefix_key(name.as_bytes()) >> 8, "{name}");
            // `KNOWN` lays out the five common parameters, then the three last.
            match slot {
                Slot::Common(i) => assert_eq!(KNOWN[i].query, format!("{name}=")),
                Slot::Last(i) => assert_eq!(KNOWN[5 + i].query, format!("{name}=")),
                Slot::Token => assert_eq!(name, "SecurityToken"),
            }
        }
    }

    #[test]
    fn any_parameters_sign_as_their_definition_says() {
        // Names sharing their first 15 bytes, repeats, empty names and values, bytes that
        // escape (multi-byte characters included), runs in and out of order, and more
        // parameters than the stack arrays hold.
        let alphabet = [
            "a",
            "Z",
            "0",
            "9",
            "-",
            ".",
            "_",
            "~",
            " ",
            "*",
            "%",
            "/",
            "+",
            "=",
            "&",
            "é",
            "\u{7f}",
            "\u{0}",
            ":",
            "Tag.1",
            "Tag.10",
            "SignatureMethod",
            "SignatureVersion",
            "Action",
            "AccessKeyId",
            "SecurityToken",
            "Version",
        ];
        let mut random = Random { state: 0x9e37_79b9_7f4a_7c15, alphabet: &alphabet };
        for round in 0..1500 {
            let count = if round % 100 == 99 { 70 + random.next() % 60 } else { random.next() % 14 };
            // One name in four is a common parameter's, which the operation may repeat.
            let query: Vec<(String, String)> = (0..count)
                .map(|_| match random.next() % 4 {
                    0 => (COMMON_IN_NAME_ORDER[(random.next() % 9) as usize].0.to_owned(), random.text(8)),
                    _ => (random.text(6), random.text(8)),
                })
                .collect();
            let body: Vec<(String, String)> =
                if round % 3 == 0 { (0..random.next() % 4).map(|_| (random.text(4), random.text(4))).collect() } else { Vec::new() };
            check(&query, &body, (round % 5 == 0).then_some("tok/en+"));
        }
        let long = |tail: &str| format!("AVeryLongParameterName{tail}");
        check(&owned(&[(&long("b"), "1"), (&long("a"), "2"), (&long("b"), "3"), (&long(""), "4")]), &[], None);
        let list: Vec<(String, String)> = (1..=40).map(|i| (format!("InstanceId.{i}"), format!("i-{i:03}"))).collect();
        check(&list, &[], None);
        // More parameters than the integer keys can index (`KEYED`), with repeats and a body.
        let mut long: Vec<(String, String)> = (1..=300).map(|i| (format!("Tag.{}.Key", i % 290), format!("v{i}"))).collect();
        long.push(("Version".into(), "2099-01-01".into()));
        check(&long, &owned(&[("Tag.1.Key", "body")]), Some("t"));
        check(&long, &[], None);
    }
    /// Percent-encoding byte by byte, as RFC 3986 has it: the reference the signer's
    /// encoders are checked against.
    fn naive_percent(s: &str) -> String {
        s.bytes()
            .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { char::from(b).to_string() } else { format!("%{b:02X}") })
            .collect()
    }

    /// The whole signature by its definition, nothing shared with the signer: the dicts'
    /// merge one parameter at a time, the pairs sorted by name, `k=v` encoded and joined by
    /// `&`, that text encoded again behind `POST&%2F&`, then `Base64(HMAC-SHA1(secret&, …))`.
    fn naive_signature(signed_params: &[(String, String)], secret: &str) -> (String, String) {
        let mut sorted = signed_params.to_vec();
        sorted.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
        let canonical = sorted.iter().map(|(k, v)| format!("{}={}", naive_percent(k), naive_percent(v))).collect::<Vec<_>>().join("&");
        let string_to_sign = format!("POST&%2F&{}", naive_percent(&canonical));
        let mut mac = Hmac::<Sha1>::new_from_slice(format!("{secret}&").as_bytes()).unwrap();
        mac.update(string_to_sign.as_bytes());
        (string_to_sign, base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes()))
    }

    #[test]
    fn escapes_encode_once_and_twice_as_the_naive_reference() {
        for text in ["", "2026-11-23T03:33:19Z", "a+b/c==", "é", "aé", "éa", "é镜\u{10FFFF}:", "%", "~*", "\u{7f}\u{0}", &"é~".repeat(40)]
        {
            let (mut once, mut twice) = (String::new(), String::new());
            push_percent_encoded_once_and_twice(&mut once, &mut twice, text);
            assert_eq!(once, naive_percent(text), "{text:?}");
            assert_eq!(twice, naive_percent(&naive_percent(text)), "{text:?}");
        }
    }

    #[test]
    fn signatures_match_a_naive_reference() {
        // Names and values from pieces that escape or nearly do (non-ASCII, `~`, `*`, `+`,
        // `%`, `=`, `&`, space), repeats of the common names, long shared prefixes; with and
        // without a token and a form body; secrets of any length (a long one is hashed).
        let alphabet = [
            "a",
            "Z",
            "9",
            "~",
            "*",
            "+",
            "%",
            "=",
            "&",
            " ",
            "-",
            ".",
            "_",
            "/",
            "é",
            "镜",
            "\u{10FFFF}",
            "%41",
            "Action",
            "Version",
            "Timestamp",
            "InstanceId.",
            "AVeryLongParameterName",
        ];
        let mut random = Random { state: 0x2545_f491_4f6c_dd1d, alphabet: &alphabet };
        let settings =
            SigningSettings { action: "Act", version: "2020-01-01", timestamp: "2026-11-23T03:33:19Z", nonce: "n+1", user_agent: "ua" };
        for round in 0..600 {
            let count = if round % 50 == 49 { 60 + random.next() % 20 } else { random.next() % 30 };
            let query: Vec<(String, String)> = (0..count).map(|_| (random.text(4), random.text(6))).collect();
            let body: Vec<(String, String)> =
                if round % 4 == 0 { (0..random.next() % 4).map(|_| (random.text(3), random.text(4))).collect() } else { Vec::new() };
            let secret = if round % 7 == 0 { random.text(40) } else { "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".to_owned() };
            let mut credentials = Credentials::new("AK~1", secret.clone());
            let token = (round % 3 == 0).then(|| random.text(5));
            if let Some(token) = &token {
                credentials = credentials.with_security_token(token.clone());
            }
            let request = form_post(&query, &body);
            let signed = sign(&request, &credentials, &settings);

            let mut params = owned(&[
                ("Action", "Act"),
                ("Format", "json"),
                ("Version", "2020-01-01"),
                ("Timestamp", "2026-11-23T03:33:19Z"),
                ("SignatureNonce", "n+1"),
            ]);
            for (k, v) in &query {
                upsert(&mut params, k, v);
            }
            for (k, v) in token.iter().map(|t| ("SecurityToken", t.as_str())).chain([
                ("SignatureMethod", "HMAC-SHA1"),
                ("SignatureVersion", "1.0"),
                ("AccessKeyId", "AK~1"),
            ]) {
                upsert(&mut params, k, v);
            }
            // The query is sent sorted by name (names are unique after the merge).
            let mut sent = params.clone();
            sent.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
            for (k, v) in &body {
                upsert(&mut params, k, v);
            }
            let (string_to_sign, signature) = naive_signature(&params, &secret);
            assert_eq!(signed.string_to_sign, string_to_sign, "query {query:?} body {body:?}");
            let mut pairs = signed.query_pairs();
            assert_eq!(pairs.pop(), Some(("Signature".to_owned(), signature)), "query {query:?} body {body:?}");
            assert_eq!(pairs, sent, "query {query:?} body {body:?}");
            let encoded: Vec<String> = sent.iter().map(|(k, v)| format!("{}={}", naive_percent(k), naive_percent(v))).collect();
            assert!(signed.query.starts_with(&(encoded.join("&") + "&Signature=")), "query as sent: {}", signed.query);
        }
    }
}
