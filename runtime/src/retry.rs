//! Retries: which failures are worth another attempt, and how long to wait.
//!
//! Exponential backoff with full jitter, bounded by a maximum number of attempts (the
//! operation timeout bounds the total). A failure that may have changed something on the
//! service (a 500, a timeout after sending) is retried only for operations that are safe
//! to repeat; throttling, `503` and failed connects are always retried.

use std::future::Future;
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
                Err(e) if n < retry.max_attempts && is_retryable(&e, throttling_codes, safe_to_repeat) => {
                    tokio::time::sleep(retry.backoff(n)).await;
                    n += 1;
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
    fn backoff_is_capped_and_jittered() {
        let c = RetryConfig { max_attempts: 10, initial_backoff: Duration::from_millis(100), max_backoff: Duration::from_secs(1) };
        for attempt in 1..12 {
            assert!(c.backoff(attempt) <= Duration::from_secs(1));
        }
        assert!(c.backoff(1) <= Duration::from_millis(100));
    }
}
