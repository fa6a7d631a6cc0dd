//! Percent-encoding as the signers need it (RFC 3986: only `A-Z a-z 0-9 - _ . ~` stay), and
//! the canonical query every SigV4-style signature sorts.
//!
//! The signers run these on every request, so they write into one buffer instead of a
//! `String` per parameter: runs of unreserved bytes are copied whole, other bytes are
//! written as `%XY` (upper-case hex, as RFC 3986 recommends and every signer here expects).

use std::borrow::Cow;

/// `true` for the RFC 3986 unreserved bytes `A-Z a-z 0-9 - _ . ~`.
const fn is_unreserved(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~')
}

/// The unreserved bytes as a table (one load per byte in the hot loop).
static UNRESERVED: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = is_unreserved(b as u8);
        b += 1;
    }
    table
};

const HEX_UPPER: &[u8; 16] = b"0123456789ABCDEF";

/// Appends `s` percent-encoded (UTF-8 bytes, RFC 3986) to `out`, each escaped byte written
/// as `prefix` followed by its two upper-case hex digits: `prefix` is `%` for one encoding,
/// `%25` for an encoding applied twice (what Aliyun's RPC string to sign holds). Returns
/// whether any byte was escaped.
#[inline]
fn push_escaped(out: &mut String, s: &str, prefix: &str) -> bool {
    // Ids, names, numbers and dates mostly need nothing: one check, one copy.
    if all_unreserved(s.as_bytes()) {
        out.push_str(s);
        return false;
    }
    push_escaped_bytes(out, s, prefix);
    true
}

/// [`push_escaped`] of a string known to need at least one escape.
#[inline(never)]
fn push_escaped_bytes(out: &mut String, s: &str, prefix: &str) {
    let bytes = s.as_bytes();
    let mut run = 0;
    for (i, &b) in bytes.iter().enumerate() {
        if !UNRESERVED[usize::from(b)] {
            // `run..i` are unreserved (ASCII) bytes, so both ends are character boundaries.
            if run < i {
                out.push_str(&s[run..i]);
            }
            out.push_str(prefix);
            out.push(char::from(HEX_UPPER[usize::from(b >> 4)]));
            out.push(char::from(HEX_UPPER[usize::from(b & 0xf)]));
            run = i + 1;
        }
    }
    if run < bytes.len() {
        out.push_str(&s[run..]);
    }
}

/// Appends `s` percent-encoded once (`TWICE` false) or twice (`TWICE` true) to `out`, given
/// `mask`, its [`reserved_mask`]: a copy per run of unreserved bytes and one piece per
/// escape (`%XY`, or `%25XY`), for short text known to hold a few escapes (a timestamp's
/// `:`, a Base64 signature's `+`, `/` and `=`).
#[inline]
pub(crate) fn push_masked<const TWICE: bool>(out: &mut String, s: &str, mask: u64) {
    let mut run = 0;
    let mut rest = mask;
    while rest != 0 {
        let i = rest.trailing_zeros() as usize;
        rest &= rest - 1;
        // `run..i` are unreserved (ASCII) bytes, so both ends are character boundaries
        // when it is not empty (after a multi-byte character's first byte, `run` is not).
        if run < i {
            out.push_str(&s[run..i]);
        }
        let b = usize::from(s.as_bytes()[i]);
        out.push_str(if TWICE { &ESCAPED_TWICE[5 * b..5 * b + 5] } else { &ESCAPED[3 * b..3 * b + 3] });
        run = i + 1;
    }
    if run < s.len() {
        out.push_str(&s[run..]);
    }
}

/// Appends `s` percent-encoded once and twice, to `once` and `twice` (Aliyun's RPC 1.0 query
/// and string to sign), finding its escapes once.
#[inline]
pub(crate) fn push_percent_encoded_once_and_twice(once: &mut String, twice: &mut String, s: &str) {
    match reserved_mask(s.as_bytes()) {
        Some(mask) => {
            push_masked::<false>(once, s, mask);
            push_masked::<true>(twice, s, mask);
        }
        None => {
            push_percent_encoded(once, s);
            push_percent_encoded_twice(twice, s);
        }
    }
}

/// A text of 256 pieces of `$width` bytes, `$prefix` followed by the byte's two upper-case hex
/// digits, built at compile time.
macro_rules! escapes {
    ($prefix:expr, $width:literal) => {{
        const BYTES: [u8; 256 * $width] = {
            let (prefix, digits): (&[u8], &[u8; 16]) = ($prefix, HEX_UPPER);
            let mut text = [0u8; 256 * $width];
            let mut b = 0;
            while b < 256 {
                let mut i = 0;
                while i < prefix.len() {
                    text[$width * b + i] = prefix[i];
                    i += 1;
                }
                text[$width * b + $width - 2] = digits[b >> 4];
                text[$width * b + $width - 1] = digits[b & 0xf];
                b += 1;
            }
            text
        };
        // ASCII; an error would leave the text empty and fail every test.
        match std::str::from_utf8(&BYTES) {
            Ok(text) => text,
            Err(_) => "",
        }
    }};
}

/// `%XY` for each byte value in turn (`%00%01…%FF`), as text.
const ESCAPED: &str = escapes!(b"%", 3);
/// `%25XY` for each byte value in turn (`%2500%2501…%25FF`), as text.
const ESCAPED_TWICE: &str = escapes!(b"%25", 5);

/// Whether every byte of `s` is unreserved. On x86-64, sixteen bytes per SSE2 check
/// (`safe_arch`; SSE2 is part of the x86-64 baseline); a string shorter than sixteen bytes
/// goes into one register as overlapping loads, never through a buffer just written.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn all_unreserved(s: &[u8]) -> bool {
    safe_arch::move_mask_i8_m128i(sse2::unreserved_lanes(s)) == 0xffff
}

/// Whether every byte of `s` is unreserved (the table, a byte at a time).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(crate) fn all_unreserved(s: &[u8]) -> bool {
    s.iter().all(|&b| UNRESERVED[usize::from(b)])
}

/// Whether every byte of `a` and of `b` is unreserved: one answer for a name and its
/// value. On x86-64 each piece of sixteen bytes is classified (SSE2) and the lanes of all of
/// them combined, with one mask taken at the end instead of a test per piece and string.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn all_unreserved_pair(a: &[u8], b: &[u8]) -> bool {
    use safe_arch::{bitand_m128i, move_mask_i8_m128i};
    move_mask_i8_m128i(bitand_m128i(sse2::unreserved_lanes(a), sse2::unreserved_lanes(b))) == 0xffff
}

/// Which bytes of `s` are not unreserved, bit `i` for byte `i`, when `s` has at most 64
/// bytes (`None` when longer): where short text such as a timestamp or a Base64 signature
/// needs escapes, found sixteen bytes at a time (SSE2 on x86-64) instead of a test a byte.
#[cfg(target_arch = "x86_64")]
#[inline]
pub(crate) fn reserved_mask(s: &[u8]) -> Option<u64> {
    use safe_arch::{load_unaligned_m128i, move_mask_i8_m128i};
    let n = s.len();
    let reserved = |chunk: &[u8]| -> u64 {
        let lanes = chunk.try_into().map_or(0, |c| move_mask_i8_m128i(sse2::lanes16(load_unaligned_m128i(c))));
        u64::from(!(lanes as u32) & 0xffff)
    };
    if n > 64 {
        return None;
    }
    if n < 16 {
        // Padded with an unreserved byte, which sets no bit.
        let mut padded = [b'a'; 16];
        padded[..n].copy_from_slice(s);
        return Some(reserved(&padded));
    }
    let mut mask = 0;
    let mut at = 0;
    while at + 16 <= n {
        mask |= reserved(&s[at..at + 16]) << at;
        at += 16;
    }
    if at < n {
        mask |= reserved(&s[n - 16..]) << (n - 16);
    }
    Some(mask)
}

/// Which bytes of `s` are not unreserved, bit `i` for byte `i`, when `s` has at most 64
/// bytes (`None` when longer).
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(crate) fn reserved_mask(s: &[u8]) -> Option<u64> {
    (s.len() <= 64).then(|| s.iter().enumerate().filter(|&(_, &b)| !UNRESERVED[usize::from(b)]).fold(0, |mask, (i, _)| mask | 1 << i))
}

/// Whether every byte of `a` and of `b` is unreserved.
#[cfg(not(target_arch = "x86_64"))]
#[inline]
pub(crate) fn all_unreserved_pair(a: &[u8], b: &[u8]) -> bool {
    all_unreserved(a) && all_unreserved(b)
}

#[cfg(target_arch = "x86_64")]
mod sse2 {
    use safe_arch::{
        add_i8_m128i, bitand_m128i, bitor_m128i, cmp_eq_mask_i8_m128i, cmp_lt_mask_i8_m128i, load_unaligned_m128i, m128i, set_i64_m128i,
        set_splat_i64_m128i, set_splat_i8_m128i,
    };

    /// Each lane of `v` all ones where its byte is unreserved, zero elsewhere: one compare
    /// per class of bytes.
    #[inline(always)]
    pub(super) fn lanes16(v: m128i) -> m128i {
        let letters = within(bitor_m128i(v, splat(0x20)), b'a', 26);
        let digits = within(v, b'0', 10);
        let dash_dot = within(v, b'-', 2);
        let underscore = cmp_eq_mask_i8_m128i(v, splat(b'_'));
        let tilde = cmp_eq_mask_i8_m128i(v, splat(b'~'));
        bitor_m128i(bitor_m128i(letters, digits), bitor_m128i(dash_dot, bitor_m128i(underscore, tilde)))
    }

    /// [`lanes16`] of pieces that cover every byte of `s` (overlapping loads, a short string
    /// repeated across the lanes), combined: every lane is all ones exactly when every byte
    /// of `s` is unreserved (an empty `s` sets them all).
    #[inline(always)]
    pub(super) fn unreserved_lanes(s: &[u8]) -> m128i {
        let n = s.len();
        let le8 = |at: usize| s.get(at..at + 8).and_then(|b| b.try_into().ok()).map_or(0, i64::from_le_bytes);
        let le4 = |at: usize| s.get(at..at + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_le_bytes);
        let load = |at: usize| s.get(at..at + 16).and_then(|b| b.try_into().ok()).map_or(splat(0), load_unaligned_m128i);
        if n >= 16 {
            // The last piece re-reads some bytes of the one before it: harmless for "all".
            let mut all = lanes16(load(n - 16));
            let mut at = 0;
            while at + 16 < n {
                all = bitand_m128i(all, lanes16(load(at)));
                at += 16;
            }
            all
        } else if n >= 8 {
            lanes16(set_i64_m128i(le8(n - 8), le8(0)))
        } else if n >= 4 {
            lanes16(set_splat_i64_m128i((u64::from(le4(0)) | u64::from(le4(n - 4)) << 32) as i64))
        } else if n > 0 {
            let word = u64::from(u32::from_le_bytes([s[0], s[n / 2], s[n - 1], s[n - 1]]));
            lanes16(set_splat_i64_m128i((word | word << 32) as i64))
        } else {
            splat(0xff)
        }
    }

    /// Per byte: `b - first` (mod 256) below `count`, as a signed compare after moving
    /// `first` to -128.
    #[inline(always)]
    fn within(v: m128i, first: u8, count: u8) -> m128i {
        cmp_lt_mask_i8_m128i(add_i8_m128i(v, splat(0x80u8.wrapping_sub(first))), splat(0x80u8.wrapping_add(count)))
    }

    #[inline(always)]
    fn splat(b: u8) -> m128i {
        set_splat_i8_m128i(i8::from_ne_bytes([b]))
    }
}

/// Appends `s` percent-encoded (RFC 3986, UTF-8) to `out`: space is `%20`, `*` is `%2A`,
/// `~` stays. Returns whether any byte was escaped (so `s` was appended as it is when not).
pub fn push_percent_encoded(out: &mut String, s: &str) -> bool {
    push_escaped(out, s, "%")
}

/// Appends `percent_encode(percent_encode(s))` to `out` in one pass: an escaped byte `%XY`
/// becomes `%25XY`. Aliyun's RPC string to sign encodes the canonical query (itself
/// encoded) once more.
pub fn push_percent_encoded_twice(out: &mut String, s: &str) {
    push_escaped(out, s, "%25");
}

/// Percent-encodes `s` (UTF-8): space is `%20`, `*` is `%2A`, `~` stays.
pub fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 4);
    push_percent_encoded(&mut out, s);
    out
}

/// `k=v&k=v`, both sides percent-encoded, in the given order.
pub fn form_encode(pairs: &[(String, String)]) -> String {
    let mut out = String::with_capacity(encoded_len_hint(pairs));
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        push_percent_encoded(&mut out, k);
        out.push('=');
        push_percent_encoded(&mut out, v);
    }
    out
}

/// An `application/x-www-form-urlencoded` body as Python's `urlencode` writes it (the
/// official Kingsoft SDK's body): `k=v&k=v` in the given order, space as `+`, every other
/// byte but `A-Z a-z 0-9 - _ . ~` percent-encoded (`*` is `%2A`, `~` stays).
pub fn form_body_encode(pairs: &[(String, String)]) -> String {
    fn push_plus(out: &mut String, s: &str) {
        for (i, part) in s.split(' ').enumerate() {
            if i > 0 {
                out.push('+');
            }
            push_percent_encoded(out, part);
        }
    }
    let mut out = String::with_capacity(encoded_len_hint(pairs));
    for (i, (k, v)) in pairs.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        push_plus(&mut out, k);
        out.push('=');
        push_plus(&mut out, v);
    }
    out
}

/// A first guess at the length of `pairs` encoded: the raw length, a quarter more for
/// escapes, and the separators.
fn encoded_len_hint(pairs: &[(String, String)]) -> usize {
    let raw: usize = pairs.iter().map(|(k, v)| k.len() + v.len() + 2).sum();
    raw + raw / 4
}

/// Appends the canonical query of SigV4-style signatures (SigV4, ACS3, JDCLOUD3) to `out`:
/// each name and value percent-encoded, the pairs sorted by encoded name then encoded value
/// (byte order), written `name=value` joined by `&`. Nothing for no parameters.
///
/// The pairs are encoded once into a scratch buffer and sorted as spans of it, so a
/// request allocates three buffers however many parameters it has.
pub fn push_canonical_query<K: AsRef<str>, V: AsRef<str>>(out: &mut String, query: &[(K, V)]) {
    let mut encoded = String::with_capacity(query.iter().map(|(k, v)| k.as_ref().len() + v.as_ref().len()).sum::<usize>() * 5 / 4);
    // (name's sort key, name start, name end = value start, value end) in `encoded`.
    let mut spans: Vec<(u128, usize, usize, usize)> = Vec::with_capacity(query.len());
    for (k, v) in query {
        let start = encoded.len();
        push_percent_encoded(&mut encoded, k.as_ref());
        let middle = encoded.len();
        push_percent_encoded(&mut encoded, v.as_ref());
        spans.push((prefix_key(&encoded.as_bytes()[start..middle]), start, middle, encoded.len()));
    }
    let bytes = encoded.as_bytes();
    spans.sort_unstable_by(|a, b| {
        a.0.cmp(&b.0).then_with(|| bytes[a.1..a.2].cmp(&bytes[b.1..b.2])).then_with(|| bytes[a.2..a.3].cmp(&bytes[b.2..b.3]))
    });
    out.reserve(encoded.len() + 2 * spans.len());
    for (i, &(_, start, middle, end)) in spans.iter().enumerate() {
        if i > 0 {
            out.push('&');
        }
        out.push_str(&encoded[start..middle]);
        out.push('=');
        out.push_str(&encoded[middle..end]);
    }
}

/// The first 16 bytes of `s` as a big-endian number, zero-padded: a sort key whose order
/// agrees with byte-wise string order (`key(a) < key(b)` implies `a < b`), so sorting
/// compares integers and falls back to the strings only on equal keys (strings that share
/// their first 16 bytes, or differ only by trailing NULs).
#[inline]
pub(crate) fn prefix_key(s: &[u8]) -> u128 {
    // Overlapping loads instead of a copy per byte: the bytes two loads share are equal, so
    // OR-ing them is exact.
    let n = s.len();
    let be8 = |at: usize| s.get(at..at + 8).and_then(|b| b.try_into().ok()).map_or(0, u64::from_be_bytes);
    let be4 = |at: usize| s.get(at..at + 4).and_then(|b| b.try_into().ok()).map_or(0, u32::from_be_bytes);
    let (hi, lo) = if n >= 16 {
        (be8(0), be8(8))
    } else if n >= 8 {
        // The last eight bytes shifted so that byte `i` lands at place `i`; those that
        // overlap the first eight leave the low word (all of them when `n` is 8).
        (be8(0), be8(n - 8).checked_shl(8 * (16 - n as u32)).unwrap_or(0))
    } else if n >= 4 {
        (u64::from(be4(0)) << 32 | u64::from(be4(n - 4)) << (8 * (8 - n as u32)), 0)
    } else {
        (s.iter().enumerate().fold(0, |hi, (i, &b)| hi | u64::from(b) << (56 - 8 * i)), 0)
    };
    u128::from(hi) << 64 | u128::from(lo)
}

/// [`push_canonical_query`] into a new `String`.
pub fn canonical_query<K: AsRef<str>, V: AsRef<str>>(query: &[(K, V)]) -> String {
    let mut out = String::new();
    push_canonical_query(&mut out, query);
    out
}

/// HMAC-SHA256 of `data` under `key` (any length), the step every SHA-256 signer chains
/// (SigV4, ACS3, JDCLOUD2/3).
pub fn hmac_sha256(key: &[u8], data: &[u8]) -> [u8; 32] {
    use hmac::{Hmac, Mac};
    // HMAC accepts keys of any length.
    let mut mac = Hmac::<sha2::Sha256>::new_from_slice(key).unwrap_or_else(|_| unreachable!());
    mac.update(data);
    mac.finalize().into_bytes().into()
}

/// `name` lower-cased, borrowed when it already is (header names mostly are).
pub(crate) fn ascii_lowercase(name: &str) -> Cow<'_, str> {
    if name.bytes().any(|b| b.is_ascii_uppercase()) {
        Cow::Owned(name.to_ascii_lowercase())
    } else {
        Cow::Borrowed(name)
    }
}

/// The canonical headers of the SigV4-style signatures and their signed names, from headers
/// already lower-cased and sorted by name: `name:value\n` per name, the values of a repeated
/// name joined by `,` on its line in the order given, each written by `write_value` (SigV4
/// folds runs of blanks, ACS3 writes values trimmed); and the names joined by `;`.
pub(crate) fn canonical_headers(sorted: &[(Cow<'_, str>, &str)], write_value: impl Fn(&mut String, &str)) -> (String, String) {
    let mut text = String::with_capacity(sorted.iter().map(|(k, v)| k.len() + v.len() + 2).sum());
    let mut names = String::with_capacity(sorted.iter().map(|(k, _)| k.len() + 1).sum());
    let mut previous: Option<&str> = None;
    for (name, value) in sorted {
        if previous == Some(name.as_ref()) {
            text.pop(); // the `\n`
            text.push(',');
        } else {
            if previous.is_some() {
                names.push(';');
            }
            names.push_str(name);
            text.push_str(name);
            text.push(':');
        }
        write_value(&mut text, value);
        text.push('\n');
        previous = Some(name.as_ref());
    }
    (text, names)
}

/// Appends the lower-case hex of `bytes` to `out`.
pub fn push_hex(out: &mut String, bytes: &[u8]) {
    out.reserve(bytes.len() * 2);
    for &b in bytes {
        out.push(char::from(HEX_LOWER[usize::from(b >> 4)]));
        out.push(char::from(HEX_LOWER[usize::from(b & 0xf)]));
    }
}

const HEX_LOWER: &[u8; 16] = b"0123456789abcdef";

/// Percent-decoding with `+` as space (Python's `unquote_plus`).
pub fn percent_decode(s: &str) -> String {
    fn hex_digit(b: u8) -> Option<u8> {
        (b as char).to_digit(16).map(|d| d as u8)
    }
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => {
                out.push(b' ');
                i += 1;
            }
            // `%` and two hex digits; anything else (`%+1`, `%4`, `%zz`) is kept as sent.
            b'%' => match (bytes.get(i + 1).copied().and_then(hex_digit), bytes.get(i + 2).copied().and_then(hex_digit)) {
                (Some(high), Some(low)) => {
                    out.push(high << 4 | low);
                    i += 3;
                }
                _ => {
                    out.push(b'%');
                    i += 1;
                }
            },
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    match String::from_utf8(out) {
        Ok(text) => text,
        Err(e) => String::from_utf8_lossy(e.as_bytes()).into_owned(),
    }
}

/// `bytes` as text, bytes that are not UTF-8 replaced by U+FFFD as
/// [`String::from_utf8_lossy`] does; borrowed, and checked word by word while ASCII
/// ([`std::str::from_utf8`]), when they are UTF-8, which `from_utf8_lossy` checks byte by byte.
#[inline]
pub(crate) fn utf8_lossy(bytes: &[u8]) -> std::borrow::Cow<'_, str> {
    match std::str::from_utf8(bytes) {
        Ok(text) => std::borrow::Cow::Borrowed(text),
        Err(_) => String::from_utf8_lossy(bytes),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_lossy_borrows_valid_text_and_replaces_bad_bytes() {
        assert!(matches!(utf8_lossy("ok \u{4e2d}".as_bytes()), Cow::Borrowed("ok \u{4e2d}")));
        let bad = utf8_lossy(b"a\xffb\xc3");
        assert!(matches!(bad, Cow::Owned(_)));
        assert_eq!(bad, "a\u{fffd}b\u{fffd}");
        assert_eq!(percent_decode("a%FFb%41"), "a\u{fffd}bA");
    }

    #[test]
    fn percent_decoding_takes_two_hex_digits_or_keeps_the_text() {
        assert_eq!(percent_decode("%41%4a%4A+x"), "AJJ x");
        // `from_str_radix` would read `+1` as a number (byte 1); a sign is not a hex digit,
        // so the `%` stays and the `+` is a space, as Python's `unquote_plus` has it.
        assert_eq!(percent_decode("%+1%-1"), "% 1%-1");
        assert_eq!(percent_decode("%4"), "%4");
        assert_eq!(percent_decode("%"), "%");
        assert_eq!(percent_decode("%zz%4g"), "%zz%4g");
        assert_eq!(percent_decode("100%"), "100%");
    }

    #[test]
    fn escapes_all_but_unreserved() {
        assert_eq!(percent_encode("a b*c~d/e+f=镜"), "a%20b%2Ac~d%2Fe%2Bf%3D%E9%95%9C");
    }

    #[test]
    fn escapes_twice_in_one_pass() {
        for s in ["", "a", "a b*c~d/e+f=镜", "%41&=", "~._-", "é", "x\u{10FFFF}y"] {
            let mut once = String::new();
            push_percent_encoded_twice(&mut once, s);
            assert_eq!(once, percent_encode(&percent_encode(s)), "{s:?}");
        }
    }

    #[test]
    fn encodes_every_byte_as_rfc3986_says() {
        // Against a byte-by-byte reference: unreserved stay, the rest are `%XY`.
        for c in (0u32..0x800).chain([0xFFFF, 0x10000, 0x10FFFF]).filter_map(char::from_u32) {
            let s = format!("a{c}b");
            let expected: String = s
                .bytes()
                .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { char::from(b).to_string() } else { format!("%{b:02X}") })
                .collect();
            assert_eq!(percent_encode(&s), expected);
        }
    }

    #[test]
    fn runs_of_any_length_around_escapes_are_kept() {
        // The eight-byte fast path and the byte loop meet at every offset.
        let reference = |s: &str| -> String {
            s.bytes()
                .map(|b| if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) { char::from(b).to_string() } else { format!("%{b:02X}") })
                .collect()
        };
        for len in 0..40 {
            for at in 0..=len {
                for special in [" ", "é", "镜", "%", "\u{10FFFF}"] {
                    let s = format!("{}{special}{}", "a~".repeat(len).get(..len).unwrap(), "Z.".repeat(at).get(..at).unwrap());
                    assert_eq!(percent_encode(&s), reference(&s), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn prefix_keys_order_as_strings_do() {
        let words = [
            "",
            "\0",
            "a",
            "a\0",
            "a\0\0",
            "ab",
            "abcdefghijklmnop",
            "abcdefghijklmnopq",
            "abcdefghijklmnoq",
            "b",
            "\u{ff}",
            "InstanceId.1",
            "InstanceId.10",
            "InstanceId.2",
        ];
        for a in words {
            for b in words {
                let (ka, kb) = (prefix_key(a.as_bytes()), prefix_key(b.as_bytes()));
                if ka != kb {
                    assert_eq!(ka.cmp(&kb), a.cmp(b), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn prefix_keys_are_the_first_sixteen_bytes_at_every_length() {
        let text: Vec<u8> = (1..=40u8).map(|i| i.wrapping_mul(37)).collect();
        for len in 0..=text.len() {
            let s = &text[..len];
            let mut expected = [0u8; 16];
            for (to, &b) in expected.iter_mut().zip(s) {
                *to = b;
            }
            assert_eq!(prefix_key(s), u128::from_be_bytes(expected), "length {len}");
        }
    }

    #[test]
    fn reserved_masks_agree_with_the_table() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        assert_eq!(reserved_mask(&[b'a'; 65]), None);
        for len in 0..=64 {
            let clean = vec![b'Z'; len];
            assert_eq!(reserved_mask(&clean), Some(0), "length {len}");
            for at in 0..len {
                for &bad in bytes.iter().filter(|&&b| !UNRESERVED[usize::from(b)]).step_by(7) {
                    let mut s = clean.clone();
                    s[at] = bad;
                    s[len - 1 - at] = bad;
                    assert_eq!(reserved_mask(&s), Some(1 << at | 1 << (len - 1 - at)), "{s:?}");
                }
            }
        }
    }

    #[test]
    fn all_unreserved_pair_agrees_with_the_table() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        let unreserved: Vec<u8> = bytes.iter().copied().filter(|&b| UNRESERVED[usize::from(b)]).collect();
        // Every length of either side up to three pieces, clean or with one bad byte at
        // each place, on the left or on the right.
        for len_a in 0..50 {
            for len_b in [0, 1, 3, 4, 7, 8, 15, 16, 17, 31, 32, 33, 47, 48, 49] {
                let a: Vec<u8> = unreserved.iter().cycle().skip(len_b).take(len_a).copied().collect();
                let b: Vec<u8> = unreserved.iter().cycle().skip(len_a).take(len_b).copied().collect();
                assert!(all_unreserved_pair(&a, &b), "{a:?} {b:?}");
                for (at, bad) in (0..len_a).zip(bytes.iter().filter(|&&b| !UNRESERVED[usize::from(b)]).cycle()) {
                    let mut a = a.clone();
                    a[at] = *bad;
                    assert!(!all_unreserved_pair(&a, &b) && !all_unreserved_pair(&b, &a), "{a:?} {b:?}");
                }
            }
        }
    }

    #[test]
    fn all_unreserved_agrees_with_the_table() {
        let bytes: Vec<u8> = (0..=255u8).collect();
        for len in 0..40 {
            for start in 0..=256 - len {
                let s = &bytes[start..start + len];
                assert_eq!(all_unreserved(s), s.iter().all(|&b| UNRESERVED[usize::from(b)]), "{s:?}");
            }
        }
        // One byte that needs escaping at every place of every length, among unreserved ones.
        for bad in 0..=255u8 {
            for len in 1..40 {
                for at in 0..len {
                    let mut s = vec![b'a'; len];
                    s[at] = bad;
                    assert_eq!(all_unreserved(&s), UNRESERVED[usize::from(bad)], "{s:?}");
                }
            }
        }
    }

    #[test]
    fn canonical_query_sorts_encoded_names_then_values() {
        let q = [("b", "2"), ("a b", "x"), ("a", "2"), ("a", "1"), ("a%", ""), ("A", "*")];
        // Encoded names: `b`, `a%20b`, `a`, `a`, `a%25`, `A`; `%` sorts before letters.
        assert_eq!(canonical_query(&q), "A=%2A&a=1&a=2&a%20b=x&a%25=&b=2");
        assert_eq!(canonical_query::<&str, &str>(&[]), "");
    }

    #[test]
    fn form_bodies_write_spaces_as_plus_like_python_urlencode() {
        let pairs = [("Name.1".to_owned(), "a b*c~d/e+f=镜  x".to_owned()), ("K y".to_owned(), String::new())];
        // urllib.parse.urlencode([("Name.1", "a b*c~d/e+f=镜  x"), ("K y", "")])
        assert_eq!(form_body_encode(&pairs), "Name.1=a+b%2Ac~d%2Fe%2Bf%3D%E9%95%9C++x&K+y=");
    }
}
