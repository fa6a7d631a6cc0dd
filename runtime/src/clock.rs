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

/// Random nonces (UUID v4, as 32 hex digits).
#[derive(Debug, Clone, Copy, Default)]
pub struct RandomNonce;

impl NonceSource for RandomNonce {
    fn nonce(&self) -> String {
        uuid::Uuid::new_v4().simple().to_string()
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
    let t = t.to_offset(time::UtcOffset::UTC);
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        t.year(),
        u8::from(t.month()),
        t.day(),
        t.hour(),
        t.minute(),
        t.second()
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_utc_seconds() {
        let t = FixedClock::from_unix(1_795_405_999).unwrap().now();
        assert_eq!(iso8601_seconds(t), "2026-11-23T03:53:19Z");
    }
}
