//! Retries: which failures are worth another attempt, and how long to wait.
//!
//! Exponential backoff with full jitter, bounded by a maximum number of attempts (the
//! operation timeout bounds the total). A failure that may have changed something on the
//! service (a 500, a timeout after sending) is retried only for operations that are safe
//! to repeat (read-only, or carrying an idempotency token); throttling, `503` and failed
//! connects are always retried.
//!
//! **The server's wait.** When an error answer says how long to wait (a provider's own header
//! in milliseconds, which its module names in `Wire::RETRY_AFTER_MS_HEADER`: Aliyun's
//! `x-acs-retry-after`; HTTP `Retry-After`, in seconds or as an HTTP date; read by
//! [`retry_after`] in [`send`](crate::client::send) for every provider), the next attempt
//! waits at least that long (the larger of it and the jittered backoff). A wait longer than
//! [`RetryConfig::max_backoff`] or than the time left in the operation is not waited: the
//! error is returned at once, its [`retry_after`](crate::Error::retry_after) telling the
//! caller when to come back. The retry budget pays for these retries as for any other.
//!
//! **Throttling** is recognised by the status (`429`), by the code (each provider's
//! `THROTTLING_CODES`, whose patterns [`code_matches`] reads: `Throttling*` is a prefix,
//! `*.Throttling` a suffix), and by the header: a wait asked for marks the answer as throttled
//! whatever its code (Aliyun's CLI retries any answer carrying `x-acs-retry-after`), except
//! on a `500`, `502` or `504`, which may have done something and stay retried only for
//! operations safe to repeat (still waiting what the service asked).

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use crate::error::{Error, ServiceError, TimeoutError};

/// Retry settings of a client.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryConfig {
    /// Attempts in all, the first included (1 disables retries).
    pub max_attempts: u32,
    /// Backoff before the second attempt (doubles each time, with full jitter).
    pub initial_backoff: Duration,
    /// Longest backoff.
    pub max_backoff: Duration,
}

impl Default for RetryConfig {
    fn default() -> Self {
        Self { max_attempts: 3, initial_backoff: Duration::from_millis(200), max_backoff: Duration::from_secs(20) }
    }
}

impl RetryConfig {
    /// No retries.
    pub fn disabled() -> Self {
        Self { max_attempts: 1, ..Self::default() }
    }

    /// The wait before attempt `attempt + 1` (`attempt` counts from 1): uniformly random
    /// between zero and `initial_backoff * 2^(attempt-1)`, capped at `max_backoff`.
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self.initial_backoff.saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let cap = exp.min(self.max_backoff);
        cap.mul_f64(fastrand::f64())
    }
}

/// A retry budget shared by every call of a client (a token bucket, as the AWS SDKs keep):
/// a retry spends tokens (more after a timeout), a success gives one back. When the bucket
/// is empty, failures are returned at once instead of retried, so a failing service is not
/// hammered by every caller at the same time.
#[derive(Debug)]
pub struct RetryBudget {
    tokens: AtomicU32,
    capacity: u32,
}

impl RetryBudget {
    /// Tokens a retry costs.
    pub const RETRY_COST: u32 = 5;
    /// Tokens a retry after a timeout costs.
    pub const TIMEOUT_RETRY_COST: u32 = 10;

    /// A full bucket of `capacity` tokens (500 by default).
    pub fn new(capacity: u32) -> Self {
        Self { tokens: AtomicU32::new(capacity), capacity }
    }

    /// Takes the cost of retrying after `error`; `false` when the budget cannot pay.
    pub fn try_spend(&self, error: &Error) -> bool {
        let cost = if matches!(error, Error::Timeout(_)) { Self::TIMEOUT_RETRY_COST } else { Self::RETRY_COST };
        self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost)).is_ok()
    }

    /// Gives a token back after a success.
    pub fn refund(&self) {
        let _ = self.tokens.fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| (t < self.capacity).then_some(t + 1));
    }

    /// Tokens left.
    pub fn available(&self) -> u32 {
        self.tokens.load(Ordering::Acquire)
    }
}

impl Default for RetryBudget {
    fn default() -> Self {
        Self::new(500)
    }
}

/// Whether `code` matches a throttling-code `pattern`: `Throttling*` every code starting
/// with `Throttling`, `*.Throttling` every code ending with `.Throttling`, any other pattern
/// that code exactly.
pub fn code_matches(pattern: &str, code: &str) -> bool {
    if pattern.starts_with('!') {
        // An exclusion (see `is_throttling`), never a match.
        false
    } else if let Some(prefix) = pattern.strip_suffix('*') {
        code.starts_with(prefix)
    } else if let Some(suffix) = pattern.strip_prefix('*') {
        code.ends_with(suffix)
    } else {
        pattern == code
    }
}

/// Whether a service error says "slow down": a `429`, a code matching one of
/// `throttling_codes` (see [`code_matches`]), or a wait the service asked for
/// ([`ServiceError::retry_after`]) on any answer but a `500`, `502` or `504` (those may have
/// done something, so they stay retried only for operations safe to repeat).
///
/// A pattern `!CODE` in `throttling_codes` excludes that code: an answer carrying it is never
/// throttling, whatever its status (JD Cloud answers `429 QUOTA_EXCEEDED`, 配额不足, a refusal
/// that waiting does not cure, with the same status as `429 RATE_LIMIT`).
pub fn is_throttling(e: &ServiceError, throttling_codes: &[&str]) -> bool {
    let excluded = |c: &str| throttling_codes.iter().any(|p| p.strip_prefix('!') == Some(c));
    if e.code.as_deref().is_some_and(excluded) {
        return false;
    }
    e.status == 429
        || e.code.as_deref().is_some_and(|c| throttling_codes.iter().any(|p| code_matches(p, c)))
        || (e.retry_after.is_some() && e.status != 500 && e.status != 502 && e.status != 504)
}

/// Whether `error` is worth another attempt; `safe_to_repeat` says whether the operation
/// may run twice without harm (read-only, or carrying an idempotency token).
pub fn is_retryable(error: &Error, throttling_codes: &[&str], safe_to_repeat: bool) -> bool {
    match error {
        Error::Transport(e) => e.before_send || safe_to_repeat,
        Error::Timeout(t) => t.kind == "connect" || safe_to_repeat,
        Error::Service(e) => {
            is_throttling(e, throttling_codes) || e.status == 503 || (safe_to_repeat && matches!(e.status, 500 | 502 | 504))
        }
        _ => false,
    }
}

/// The wait an answer asks for, from its headers (names lowercase or not): the provider's own
/// header in milliseconds, when it has one (`millis_header`: Aliyun's `x-acs-retry-after`, as
/// its Tea SDKs and CLI read it), else HTTP `Retry-After` as delay-seconds or as an HTTP date
/// (RFC 9110 §10.2.3; a date in the past is no wait). A value that does not parse, or a
/// negative one, is ignored.
pub fn retry_after(headers: &[(String, String)], millis_header: Option<&str>, now: time::OffsetDateTime) -> Option<Duration> {
    let header = |name: &str| crate::client::http::header_in(headers, name).map(str::trim);
    if let Some(ms) = millis_header.and_then(header).and_then(|v| v.parse::<u64>().ok()) {
        return Some(Duration::from_millis(ms));
    }
    let value = header("retry-after")?;
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let format = time::macros::format_description!("[weekday repr:short], [day] [month repr:short] [year] [hour]:[minute]:[second] GMT");
    let at = time::PrimitiveDateTime::parse(value, format).ok()?.assume_utc();
    Some(Duration::try_from(at - now).unwrap_or(Duration::ZERO))
}

/// Runs `attempt` until it succeeds, fails for good, runs out of attempts, or the whole
/// operation exceeds `operation_timeout`; backs off between attempts, at least as long as
/// the service asked (see the module's docs).
pub async fn with_retries<T, F, Fut>(
    retry: RetryConfig,
    budget: &RetryBudget,
    operation_timeout: Duration,
    throttling_codes: &[&str],
    safe_to_repeat: bool,
    mut attempt: F,
) -> Result<T, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<T, Error>>,
{
    let started = Instant::now();
    let attempts = async {
        let mut n = 1;
        loop {
            match attempt().await {
                Err(e) if n < retry.max_attempts && is_retryable(&e, throttling_codes, safe_to_repeat) => {
                    let backoff = retry.backoff(n);
                    let wait = match e.retry_after() {
                        Some(asked) => {
                            let left = operation_timeout.saturating_sub(started.elapsed());
                            if asked > retry.max_backoff || asked >= left {
                                // Not worth waiting here: the caller learns when to come back.
                                tracing::debug!(
                                    retry_after_ms = asked.as_millis() as u64,
                                    "the service asks for a longer wait than this call can give"
                                );
                                return Err(e);
                            }
                            asked.max(backoff)
                        }
                        None => backoff,
                    };
                    if !budget.try_spend(&e) {
                        return Err(e);
                    }
                    tokio::time::sleep(wait).await;
                    n += 1;
                }
                Ok(v) => {
                    budget.refund();
                    return Ok(v);
                }
                other => return other,
            }
        }
    };
    match tokio::time::timeout(operation_timeout, attempts).await {
        Ok(result) => result,
        Err(_) => Err(Error::Timeout(TimeoutError { kind: "operation", limit: operation_timeout })),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ServiceError;

    /// Aliyun's own header (`Wire::RETRY_AFTER_MS_HEADER` of its client).
    const ALIYUN: Option<&str> = Some("x-acs-retry-after");

    fn service(status: u16, code: &str) -> Error {
        Error::Service(ServiceError {
            status,
            code: Some(code.into()),
            message: None,
            request_id: None,
            body: String::new(),
            retry_after: None,
        })
    }

    fn waiting(status: u16, code: &str, wait: Duration) -> Error {
        match service(status, code) {
            Error::Service(e) => Error::Service(ServiceError { retry_after: Some(wait), ..e }),
            other => other,
        }
    }

    #[test]
    fn throttling_code_families() {
        let aliyun = crate::aliyun::THROTTLING_CODES;
        for code in [
            "Throttling",
            "Throttling.User",
            "Throttling.Api",
            "Throttling.Resource",
            "Rejected.Throttling",
            "OperationFailed.Throttling",
            "ServiceUnavailable",
            "LastTokenProcessing",
            "SystemBusy",
        ] {
            assert!(is_retryable(&service(400, code), aliyun, false), "{code}");
        }
        for code in ["InvalidParameter", "IncorrectInstanceStatus", "NotThrottling.X", "Forbidden.RAM"] {
            assert!(!is_retryable(&service(400, code), aliyun, false), "{code}");
        }
        assert!(code_matches("Throttling*", "Throttling") && !code_matches("Throttling*", "throttling"));
        assert!(code_matches("*.Throttling", "Rejected.Throttling") && !code_matches("*.Throttling", "Throttling"));
    }

    #[test]
    fn a_wait_asked_for_marks_throttling() {
        let wait = Duration::from_millis(10);
        assert!(is_retryable(&waiting(400, "InternalError", wait), &[], false), "x-acs-retry-after, whatever the code");
        assert!(is_retryable(&waiting(403, "Whatever", wait), &[], false));
        assert!(!is_retryable(&waiting(500, "InternalError", wait), &[], false), "a 500 may have done something");
        assert!(is_retryable(&waiting(500, "InternalError", wait), &[], true));
    }

    #[test]
    fn reads_the_servers_wait() {
        let now = time::macros::datetime!(2026-11-29 12:00:00 UTC);
        let h = |k: &str, v: &str| vec![(k.to_owned(), v.to_owned())];
        assert_eq!(retry_after(&h("x-acs-retry-after", "1500"), ALIYUN, now), Some(Duration::from_millis(1500)));
        assert_eq!(retry_after(&h("X-Acs-Retry-After", " 42 "), ALIYUN, now), Some(Duration::from_millis(42)));
        assert_eq!(retry_after(&h("retry-after", "3"), ALIYUN, now), Some(Duration::from_secs(3)));
        assert_eq!(retry_after(&h("Retry-After", "Sun, 29 Nov 2026 12:00:07 GMT"), ALIYUN, now), Some(Duration::from_secs(7)));
        assert_eq!(
            retry_after(&h("retry-after", "Sun, 29 Nov 2026 11:00:00 GMT"), ALIYUN, now),
            Some(Duration::ZERO),
            "a past date: no wait"
        );
        for bad in ["-1", "soon", "", "1.5"] {
            assert_eq!(retry_after(&h("retry-after", bad), ALIYUN, now), None, "{bad}");
            assert_eq!(retry_after(&h("x-acs-retry-after", bad), ALIYUN, now), None, "{bad}");
        }
        let both = vec![("retry-after".to_owned(), "9".to_owned()), ("x-acs-retry-after".to_owned(), "200".to_owned())];
        assert_eq!(retry_after(&both, ALIYUN, now), Some(Duration::from_millis(200)), "Aliyun's header first");
        assert_eq!(retry_after(&both, None, now), Some(Duration::from_secs(9)), "another provider's answer: only Retry-After");
    }

    #[tokio::test]
    async fn waits_what_the_server_asks_or_returns_at_once() {
        let retry = RetryConfig { max_attempts: 3, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_secs(2) };
        let budget = RetryBudget::default();
        let calls = std::cell::Cell::new(0);
        let started = Instant::now();
        let result = with_retries(retry, &budget, Duration::from_secs(60), &[], false, || {
            calls.set(calls.get() + 1);
            let n = calls.get();
            async move {
                if n == 1 {
                    Err(waiting(429, "Throttling.User", Duration::from_millis(150)))
                } else {
                    Ok(n)
                }
            }
        })
        .await;
        assert_eq!(result.unwrap(), 2);
        assert!(started.elapsed() >= Duration::from_millis(150));

        for (asked, operation) in [(Duration::from_secs(3), Duration::from_secs(60)), (Duration::from_secs(1), Duration::from_millis(800))]
        {
            calls.set(0);
            let started = Instant::now();
            let err = with_retries(retry, &budget, operation, &[], false, || {
                calls.set(calls.get() + 1);
                async move { Err::<(), _>(waiting(429, "Throttling.User", asked)) }
            })
            .await
            .unwrap_err();
            assert_eq!((calls.get(), err.retry_after()), (1, Some(asked)), "not retried: longer than max_backoff or the time left");
            assert!(started.elapsed() < Duration::from_millis(100));
        }
    }

    #[test]
    fn classifies_failures() {
        let throttling = ["Throttling.User"];
        assert!(is_retryable(&service(400, "Throttling.User"), &throttling, false));
        // JD's 429 QUOTA_EXCEEDED is a refusal, its 429 RATE_LIMIT a "slow down".
        let jd = crate::jdcloud::THROTTLING_CODES;
        assert!(!is_retryable(&service(429, "QUOTA_EXCEEDED"), jd, true), "quota exceeded is not retried");
        assert!(is_retryable(&service(429, "RATE_LIMIT"), jd, false));
        assert!(is_retryable(&service(429, "SomethingElse"), jd, false), "any other 429 is throttling");
        assert!(!code_matches("!QUOTA_EXCEEDED", "QUOTA_EXCEEDED"), "an exclusion never matches");
        assert!(is_retryable(&service(503, "ServiceUnavailable"), &throttling, false));
        assert!(!is_retryable(&service(500, "InternalError"), &throttling, false));
        assert!(is_retryable(&service(500, "InternalError"), &throttling, true));
        assert!(!is_retryable(&service(400, "InvalidParameter"), &throttling, true));
    }

    #[test]
    fn the_budget_runs_dry_and_refills() {
        let budget = RetryBudget::new(12);
        let e = service(503, "ServiceUnavailable");
        assert!(budget.try_spend(&e) && budget.try_spend(&e));
        assert!(!budget.try_spend(&e), "2 tokens left, a retry costs 5");
        for _ in 0..20 {
            budget.refund();
        }
        assert_eq!(budget.available(), 12, "never above capacity");
    }

    #[test]
    fn backoff_is_capped_and_jittered() {
        let c = RetryConfig { max_attempts: 10, initial_backoff: Duration::from_millis(100), max_backoff: Duration::from_secs(1) };
        for attempt in 1..12 {
            assert!(c.backoff(attempt) <= Duration::from_secs(1));
        }
        assert!(c.backoff(1) <= Duration::from_millis(100));
    }
}
