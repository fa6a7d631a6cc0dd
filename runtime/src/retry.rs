//! Retries: which failures are worth another attempt, and how long to wait.
//!
//! Exponential backoff with full jitter, bounded by a maximum number of attempts (the
//! operation timeout bounds the total). A failure that may have changed something on the
//! service (a 500, a timeout after sending) is retried only for operations that are safe
//! to repeat; throttling, `503` and failed connects are always retried.

use std::future::Future;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

use crate::error::{Error, TimeoutError};

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
        self.tokens
            .fetch_update(Ordering::AcqRel, Ordering::Acquire, |t| t.checked_sub(cost))
            .is_ok()
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

/// Whether `error` is worth another attempt; `safe_to_repeat` says whether the operation
/// may run twice without harm (read-only, or carrying an idempotency token).
pub fn is_retryable(error: &Error, throttling_codes: &[&str], safe_to_repeat: bool) -> bool {
    match error {
        Error::Transport(e) => e.before_send || safe_to_repeat,
        Error::Timeout(t) => t.kind == "connect" || safe_to_repeat,
        Error::Service(e) => {
            let throttled = e.code.as_deref().is_some_and(|c| throttling_codes.contains(&c)) || e.status == 429;
            throttled || e.status == 503 || (safe_to_repeat && matches!(e.status, 500 | 502 | 504))
        }
        _ => false,
    }
}

/// Runs `attempt` until it succeeds, fails for good, runs out of attempts, or the whole
/// operation exceeds `operation_timeout`; backs off between attempts.
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
    let attempts = async {
        let mut n = 1;
        loop {
            match attempt().await {
                Err(e) if n < retry.max_attempts && is_retryable(&e, throttling_codes, safe_to_repeat) && budget.try_spend(&e) => {
                    tokio::time::sleep(retry.backoff(n)).await;
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

    fn service(status: u16, code: &str) -> Error {
        Error::Service(ServiceError { status, code: Some(code.into()), message: None, request_id: None, body: String::new() })
    }

    #[test]
    fn classifies_failures() {
        let throttling = ["Throttling.User"];
        assert!(is_retryable(&service(400, "Throttling.User"), &throttling, false));
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
