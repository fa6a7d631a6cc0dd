//! Time and nonces, injectable so tests can pin a signature.

use std::fmt::Debug;

use time::OffsetDateTime;

/// The current time.
pub trait Clock: Debug + Send + Sync {
    /// Now, in UTC.
    fn now(&self) -> OffsetDateTime;
}

/// The system clock.
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    // The one wall-clock read of the runtime (clippy.toml forbids it elsewhere).
    #[allow(clippy::disallowed_methods)]
    fn now(&self) -> OffsetDateTime {
        OffsetDateTime::now_utc()
    }
}

/// A clock stopped at one instant.
#[derive(Debug, Clone, Copy)]
pub struct FixedClock(pub OffsetDateTime);

impl FixedClock {
    /// A clock stopped at `unix_seconds`; `None` when out of range.
    pub fn from_unix(unix_seconds: i64) -> Option<Self> {
        OffsetDateTime::from_unix_timestamp(unix_seconds).ok().map(Self)
    }
}

impl Clock for FixedClock {
    fn now(&self) -> OffsetDateTime {
        self.0
    }
}

/// Unique values for signature nonces.
pub trait NonceSource: Debug + Send + Sync {
    /// A fresh nonce.
    fn nonce(&self) -> String;
}

/// Random nonces (UUID v4, as 32 hex digits), from a per-thread cryptographic generator
/// (uuid's `fast-rng`: `rand`'s thread generator, seeded from the operating system and
/// reseeded), so a request costs no system call for its nonce.
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomNonce;

impl NonceSource for RandomNonce {
    fn nonce(&self) -> String {
        let mut buf = [0u8; uuid::fmt::Simple::LENGTH];
        uuid::Uuid::new_v4().simple().encode_lower(&mut buf).to_owned()
    }
}

/// Always the same nonce (tests only: a real service rejects a repeated nonce).
#[derive(Debug, Clone)]
pub struct FixedNonce(pub String);

impl NonceSource for FixedNonce {
    fn nonce(&self) -> String {
        self.0.clone()
    }
}

/// `2026-11-23T03:33:19Z`: ISO 8601 in UTC, to the second.
pub fn iso8601_seconds(t: OffsetDateTime) -> String {
    let mut out = String::with_capacity(20);
    push_utc(&mut out, t, true);
    out
}

/// `20261123T033319Z`: ISO 8601 basic format in UTC, to the second (SigV4's `X-Amz-Date`,
/// JD Cloud's `x-jdcloud-date`).
pub fn iso8601_basic_seconds(t: OffsetDateTime) -> String {
    let mut out = String::with_capacity(16);
    push_utc(&mut out, t, false);
    out
}

/// Appends `t` in UTC as `YYYY-MM-DDTHH:MM:SSZ` (`extended`) or `YYYYMMDDTHHMMSSZ`. Years
/// outside 0–9999 are written with their last four digits (no service takes them).
fn push_utc(out: &mut String, t: OffsetDateTime, extended: bool) {
    let t = t.to_offset(time::UtcOffset::UTC);
    let (date_separator, time_separator) = if extended { (Some('-'), Some(':')) } else { (None, None) };
    push_digits(out, t.year().unsigned_abs(), 4);
    out.extend(date_separator);
    push_digits(out, u32::from(u8::from(t.month())), 2);
    out.extend(date_separator);
    push_digits(out, u32::from(t.day()), 2);
    out.push('T');
    push_digits(out, u32::from(t.hour()), 2);
    out.extend(time_separator);
    push_digits(out, u32::from(t.minute()), 2);
    out.extend(time_separator);
    push_digits(out, u32::from(t.second()), 2);
    out.push('Z');
}

/// Appends the last `width` decimal digits of `n`, zero-padded.
fn push_digits(out: &mut String, n: u32, width: u32) {
    for place in (0..width).rev() {
        let digit = (n / 10u32.pow(place)) % 10;
        out.push(char::from(b'0' + digit as u8));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_seconds() {
        let t = FixedClock::from_unix(1_795_405_999).unwrap().now();
        assert_eq!(iso8601_seconds(t), "2026-11-23T03:53:19Z");
        assert_eq!(iso8601_basic_seconds(t), "20261123T035319Z");
        let early = FixedClock::from_unix(-62_135_596_800).unwrap().now(); // 0001-01-01
        assert_eq!(iso8601_seconds(early), "0001-01-01T00:00:00Z");
        let nonce = RandomNonce.nonce();
        assert!(nonce.len() == 32 && nonce.bytes().all(|b| b.is_ascii_hexdigit()) && nonce != RandomNonce.nonce());
    }
}
