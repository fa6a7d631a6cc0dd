//! Waiters: poll an operation until its output reaches a state, with exponential delays
//! (full jitter above the first delay), a deadline, and an error that says what state was
//! last seen.
//!
//! Generated crates call [`wait`] from `Client::wait_until_<waiter>`; the states, the path
//! to them and the timing come from the spec's `waiters:` declarations.

use std::future::Future;
use std::time::{Duration, Instant};

use crate::error::{Error, WaiterError};

/// How long a waiter waits.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WaiterConfig {
    /// Wait before the second poll; doubles after each poll.
    pub delay: Duration,
    /// Longest wait between two polls.
    pub max_delay: Duration,
    /// Longest wait in all; the waiter gives up rather than sleep past it.
    pub max_wait: Duration,
}

impl WaiterConfig {
    /// Timing in whole seconds.
    pub const fn from_secs(delay: u64, max_delay: u64, max_wait: u64) -> Self {
        Self { delay: Duration::from_secs(delay), max_delay: Duration::from_secs(max_delay), max_wait: Duration::from_secs(max_wait) }
    }

    /// The same with another deadline.
    pub fn max_wait(self, max_wait: Duration) -> Self {
        Self { max_wait, ..self }
    }

    /// The wait after poll `poll` (from 1): between `delay` and `delay * 2^(poll-1)`, capped
    /// at `max_delay`.
    /// Never less than a millisecond, so a configuration of zeros does not spin.
    pub fn backoff(&self, poll: u32) -> Duration {
        let delay = self.delay.max(Duration::from_millis(1));
        let ceiling = delay.saturating_mul(1u32 << poll.saturating_sub(1).min(16)).min(self.max_delay.max(delay));
        delay + (ceiling - delay).mul_f64(fastrand::f64())
    }
}

/// What one poll says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    /// The state was reached.
    Done,
    /// A failure state was seen (the state).
    Failed(String),
    /// Not yet (the state seen, if any).
    Retry(Option<String>),
}

/// What to do when a poll shows no state at all.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absent {
    /// Poll again.
    Retry,
    /// Success (e.g. the resource is gone).
    Success,
    /// Failure.
    Failure,
}

/// Judges the states one poll shows: done when every state is a success state, failed when
/// any is a failure state, else not yet; `absent` decides when there is none.
pub fn judge(states: &[String], success: &[&str], failure: &[&str], absent: Absent) -> Verdict {
    if states.is_empty() {
        return match absent {
            Absent::Retry => Verdict::Retry(None),
            Absent::Success => Verdict::Done,
            Absent::Failure => Verdict::Failed("(none)".to_owned()),
        };
    }
    if let Some(failed) = states.iter().find(|s| failure.contains(&s.as_str())) {
        return Verdict::Failed(failed.clone());
    }
    if states.iter().all(|s| success.contains(&s.as_str())) {
        return Verdict::Done;
    }
    Verdict::Retry(Some(states.join(", ")))
}

/// Polls until `judge` says done (the last output), failed, or the deadline would pass. A poll
/// that fails the way a retry would cure (a timeout, a 5xx, throttling, a dropped connection)
/// counts as "not yet" — a read that failed once must not end a ten-minute wait; any other
/// error ends the wait with that error, as does a transient one still there at the deadline.
/// After a poll the service throttled with a wait (`x-acs-retry-after`, `Retry-After`:
/// [`Error::retry_after`]), the next poll is not earlier than that wait, whatever the backoff
/// says; a wait past the deadline ends the wait with that throttling error.
pub async fn wait<O, F, Fut>(waiter: &'static str, config: WaiterConfig, mut poll: F, judge: impl Fn(&O) -> Verdict) -> Result<O, Error>
where
    F: FnMut() -> Fut,
    Fut: Future<Output = Result<O, Error>>,
{
    let started = Instant::now();
    let mut polls = 0u32;
    let mut last: Option<String> = None;
    loop {
        let polled = poll().await;
        polls += 1;
        let ended = |failed: bool, last_state: Option<String>| {
            Error::Waiter(WaiterError { waiter, failed, last_state, waited: started.elapsed(), polls })
        };
        let transient = match polled {
            Ok(output) => {
                match judge(&output) {
                    Verdict::Done => {
                        tracing::debug!(waiter, polls, "wait done");
                        return Ok(output);
                    }
                    Verdict::Failed(state) => return Err(ended(true, Some(state))),
                    Verdict::Retry(state) => last = state,
                }
                None
            }
            Err(e) if crate::client::retry::is_retryable(&e, &[], true) => Some(e),
            Err(e) => return Err(e),
        };
        // A poll the service throttled says when to come back: never poll earlier than that.
        let server_wait = transient.as_ref().and_then(Error::retry_after).unwrap_or_default();
        let delay = config.backoff(polls).max(server_wait);
        if started.elapsed() + delay > config.max_wait {
            return Err(transient.unwrap_or_else(|| ended(false, last)));
        }
        if let Some(e) = &transient {
            tracing::debug!(waiter, polls, error = %e, "poll failed, polling again");
        }
        tracing::debug!(waiter, polls, state = last.as_deref().unwrap_or(""), delay_ms = delay.as_millis() as u64, "waiting");
        tokio::time::sleep(delay).await;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn judges_every_item() {
        let (ok, bad) = (&["Running"][..], &["Stopped"][..]);
        assert_eq!(judge(&s(&["Running", "Running"]), ok, bad, Absent::Retry), Verdict::Done);
        assert_eq!(judge(&s(&["Running", "Pending"]), ok, bad, Absent::Retry), Verdict::Retry(Some("Running, Pending".into())));
        assert_eq!(judge(&s(&["Running", "Stopped"]), ok, bad, Absent::Retry), Verdict::Failed("Stopped".into()));
        assert_eq!(judge(&[], ok, bad, Absent::Retry), Verdict::Retry(None));
        assert_eq!(judge(&[], ok, bad, Absent::Success), Verdict::Done);
    }

    #[test]
    fn backoff_grows_within_bounds() {
        let c = WaiterConfig { delay: Duration::from_millis(100), max_delay: Duration::from_millis(400), max_wait: Duration::from_secs(1) };
        for poll in 1..20 {
            let d = c.backoff(poll);
            assert!(d >= Duration::from_millis(100) && d <= Duration::from_millis(400), "{d:?}");
        }
        assert_eq!(c.backoff(1), Duration::from_millis(100));
        let zeros = WaiterConfig { delay: Duration::ZERO, max_delay: Duration::ZERO, max_wait: Duration::from_secs(1) };
        assert!(zeros.backoff(3) >= Duration::from_millis(1), "never a busy loop");
    }

    #[tokio::test]
    async fn a_transient_poll_failure_is_not_the_end() {
        use crate::error::ServiceError;
        let c = WaiterConfig { delay: Duration::from_millis(1), max_delay: Duration::from_millis(2), max_wait: Duration::from_secs(1) };
        let polls = std::sync::atomic::AtomicU32::new(0);
        let out = wait(
            "instance_running",
            c,
            || async {
                match polls.fetch_add(1, std::sync::atomic::Ordering::SeqCst) {
                    0 => Err(Error::Service(ServiceError {
                        status: 503,
                        code: None,
                        message: None,
                        request_id: None,
                        body: String::new(),
                        retry_after: None,
                    })),
                    _ => Ok("Running"),
                }
            },
            |s| if *s == "Running" { Verdict::Done } else { Verdict::Retry(None) },
        )
        .await
        .unwrap();
        assert_eq!(out, "Running");
        let denied = wait(
            "instance_running",
            c,
            || async {
                Err::<&str, _>(Error::Service(ServiceError {
                    status: 403,
                    code: Some("Forbidden".into()),
                    message: None,
                    request_id: None,
                    body: String::new(),
                    retry_after: None,
                }))
            },
            |_| Verdict::Done,
        )
        .await
        .unwrap_err();
        assert_eq!(denied.service_code(), Some("Forbidden"), "a lasting error ends the wait");
    }

    fn throttled(wait: Duration) -> Error {
        use crate::error::ServiceError;
        Error::Service(ServiceError {
            status: 429,
            code: Some("Throttling.User".into()),
            message: None,
            request_id: None,
            body: String::new(),
            retry_after: Some(wait),
        })
    }

    #[tokio::test]
    async fn a_throttled_poll_waits_as_long_as_the_service_said() {
        // Backoff of 1-2 ms; the service asks for 150 ms.
        let c = WaiterConfig { delay: Duration::from_millis(1), max_delay: Duration::from_millis(2), max_wait: Duration::from_secs(5) };
        let times = std::sync::Mutex::new(Vec::new());
        let out = wait(
            "instance_running",
            c,
            || async {
                let mut times = times.lock().unwrap();
                times.push(Instant::now());
                if times.len() == 1 {
                    Err(throttled(Duration::from_millis(150)))
                } else {
                    Ok("Running")
                }
            },
            |_| Verdict::Done,
        )
        .await
        .unwrap();
        assert_eq!(out, "Running");
        let times = times.into_inner().unwrap();
        assert!(times[1] - times[0] >= Duration::from_millis(150), "{:?}", times[1] - times[0]);

        // A wait past the deadline ends the wait at once with the throttling error.
        let c = c.max_wait(Duration::from_millis(100));
        let started = Instant::now();
        let err = wait("instance_running", c, || async { Err::<&str, _>(throttled(Duration::from_secs(30))) }, |_| Verdict::Done)
            .await
            .unwrap_err();
        assert_eq!(err.retry_after(), Some(Duration::from_secs(30)));
        assert!(started.elapsed() < Duration::from_secs(5));
    }

    #[tokio::test]
    async fn gives_up_at_the_deadline_naming_the_last_state() {
        let c = WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(10), max_wait: Duration::from_millis(60) };
        let err =
            wait("instance_running", c, || async { Ok::<_, Error>("Pending") }, |s| Verdict::Retry(Some(s.to_string()))).await.unwrap_err();
        let Error::Waiter(e) = &err else { panic!("{err:?}") };
        assert!(!e.failed && e.polls >= 2 && e.last_state.as_deref() == Some("Pending"), "{e:?}");
        assert!(err.to_string().contains("last state seen: Pending"), "{err}");
    }
}
