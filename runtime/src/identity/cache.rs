//! A caching identity provider: serves one identity until shortly before it expires, and
//! renews it once for all concurrent callers.
//!
//! Temporary credentials (STS `AssumeRole`, the ECS metadata service, an OIDC exchange) cost
//! a network round trip and are valid for minutes to hours; [`IdentityCache`] asks its
//! provider only when the identity it holds enters the *refresh window* before its expiry
//! (5 minutes by default; the Alibaba Cloud credentials library renews 180 s before expiry,
//! `aliyun/credentials-go` at 9ac55b4, `credentials/providers/oidc.go` and
//! `ram_role_arn.go`, `needUpdateCredential`; yun takes a wider margin for clocks that
//! drift).
//!
//! - An identity without an expiry is kept for good.
//! - Concurrent callers share one refresh: the first takes the refresh lock (a
//!   [`tokio::sync::Mutex`]) and asks the provider; callers without a valid identity wait for
//!   it (and take what it gave, even an identity already inside the window), callers whose
//!   identity is still valid keep using it meanwhile.
//! - A refresh that fails while the held identity is still valid logs a warning (the
//!   provider's name and its error, never a secret) and serves the held identity; the next
//!   attempt to refresh comes [`RETRY_AFTER_FAILURE`] later. Once the identity has expired,
//!   a failure is an [`Error::Credentials`] naming the provider.
//!
//! Time is read through a [`Clock`] (the runtime reads the wall clock nowhere else), so tests
//! move it by hand. One cache serves the clients of several services: wrap it in a
//! [`SharedIdentityResolver`] and give clones of that to each `Config`.

use std::borrow::Cow;
use std::fmt;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use time::OffsetDateTime;

use crate::clock::{Clock, SystemClock};
use crate::error::Error;
use crate::identity::{Identity, IdentityFuture, ResolveIdentity, SharedIdentityResolver};

/// How long before its expiry a cached identity is renewed by default: 5 minutes.
pub const DEFAULT_REFRESH_WINDOW: Duration = Duration::from_secs(300);

/// After a failed refresh, how long a still-valid identity is served before the provider is
/// asked again: 10 seconds (so a failing STS or metadata service is not asked on every call).
pub const RETRY_AFTER_FAILURE: Duration = Duration::from_secs(10);

#[derive(Default)]
struct State {
    identity: Option<Identity>,
    /// No refresh before this instant (set by a failed refresh while the identity was valid).
    retry_not_before: Option<OffsetDateTime>,
    /// How many identities the provider has given: a caller that waited for the refresh lock
    /// takes what the refresh it waited for gave, even if that is already inside the window
    /// (a short-lived identity, or a clock ahead of the provider's), instead of asking again.
    generation: u64,
}

/// An identity provider that caches the identity of another and renews it before it
/// expires (see the [module documentation](self)). `Debug` shows the provider, the window and
/// the held identity's expiry, never a secret.
pub struct IdentityCache {
    provider: SharedIdentityResolver,
    name: Cow<'static, str>,
    refresh_window: Duration,
    clock: Arc<dyn Clock>,
    state: Mutex<State>,
    refresh: tokio::sync::Mutex<()>,
}

impl fmt::Debug for IdentityCache {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let expiration = self.state.lock().ok().and_then(|s| s.identity.as_ref().map(Identity::expiration));
        f.debug_struct("IdentityCache")
            .field("name", &self.name)
            .field("provider", &self.provider)
            .field("refresh_window", &self.refresh_window)
            .field("cached_expiration", &expiration)
            .finish()
    }
}

/// Where the held identity stands at one instant.
enum Freshness {
    /// Outside the refresh window (or without expiry): serve it.
    Fresh(Identity),
    /// Inside the refresh window but not expired: renew, and serve it if renewing fails.
    Renewable(Identity),
    /// None held, or expired.
    Missing,
}

impl IdentityCache {
    /// Caches the identities of `provider`, named `name` in errors and logs (e.g.
    /// `"STS AssumeRole acs:ram::123:role/x"`, never a secret), with the
    /// [`DEFAULT_REFRESH_WINDOW`] and the system clock.
    pub fn new(name: impl Into<Cow<'static, str>>, provider: impl ResolveIdentity + 'static) -> Self {
        Self {
            provider: SharedIdentityResolver::new(provider),
            name: name.into(),
            refresh_window: DEFAULT_REFRESH_WINDOW,
            clock: Arc::new(SystemClock),
            state: Mutex::new(State::default()),
            refresh: tokio::sync::Mutex::new(()),
        }
    }

    /// Renews the identity when it has less than `window` left (default 5 minutes).
    pub fn with_refresh_window(mut self, window: Duration) -> Self {
        self.refresh_window = window;
        self
    }

    /// Reads the time from `clock` (tests).
    pub fn with_clock(mut self, clock: impl Clock + 'static) -> Self {
        self.clock = Arc::new(clock);
        self
    }

    /// This cache as a provider that clients of several services can share (clones share
    /// the one cache).
    pub fn into_shared(self) -> SharedIdentityResolver {
        SharedIdentityResolver::new(self)
    }

    /// The name given to [`IdentityCache::new`].
    pub fn name(&self) -> &str {
        &self.name
    }

    fn freshness(&self, now: OffsetDateTime) -> Freshness {
        let state = match self.state.lock() {
            Ok(state) => state,
            Err(poisoned) => poisoned.into_inner(),
        };
        let Some(identity) = &state.identity else { return Freshness::Missing };
        let Some(expiry) = identity.expiration().map(OffsetDateTime::from) else { return Freshness::Fresh(identity.clone()) };
        if now >= expiry {
            Freshness::Missing
        } else if now + self.refresh_window < expiry || state.retry_not_before.is_some_and(|t| now < t) {
            Freshness::Fresh(identity.clone())
        } else {
            Freshness::Renewable(identity.clone())
        }
    }

    /// The generation and identity held now.
    fn held(&self) -> (u64, Option<Identity>) {
        match self.state.lock() {
            Ok(state) => (state.generation, state.identity.clone()),
            Err(poisoned) => {
                let state = poisoned.into_inner();
                (state.generation, state.identity.clone())
            }
        }
    }

    fn update(&self, f: impl FnOnce(&mut State)) {
        match self.state.lock() {
            Ok(mut state) => f(&mut state),
            Err(poisoned) => f(&mut poisoned.into_inner()),
        }
    }

    async fn resolve(&self) -> Result<Identity, Error> {
        let _gate = match self.freshness(self.clock.now()) {
            Freshness::Fresh(identity) => return Ok(identity),
            // Someone else is renewing: the held identity is still good meanwhile.
            Freshness::Renewable(identity) => match self.refresh.try_lock() {
                Ok(gate) => gate,
                Err(_) => return Ok(identity),
            },
            Freshness::Missing => {
                let (before, _) = self.held();
                let gate = self.refresh.lock().await;
                // The caller that held the lock may have renewed it: take what it got.
                if let (after, Some(identity)) = self.held() {
                    if after != before {
                        return Ok(identity);
                    }
                }
                if let Freshness::Fresh(identity) = self.freshness(self.clock.now()) {
                    return Ok(identity);
                }
                gate
            }
        };
        let result = self.provider.resolve_identity().await;
        let now = self.clock.now();
        match result {
            Ok(identity) => {
                self.update(|s| {
                    s.identity = Some(identity.clone());
                    s.retry_not_before = None;
                    s.generation += 1;
                });
                Ok(identity)
            }
            Err(e) => {
                let held = match self.freshness(now) {
                    Freshness::Fresh(i) | Freshness::Renewable(i) => Some(i),
                    Freshness::Missing => None,
                };
                match held {
                    Some(identity) => {
                        let expiry = identity.expiration().map(OffsetDateTime::from);
                        tracing::warn!(
                            provider = %self.name,
                            expires = ?expiry,
                            error = %e,
                            "refreshing the identity failed; using the one held until it expires"
                        );
                        self.update(|s| s.retry_not_before = Some(now + RETRY_AFTER_FAILURE));
                        Ok(identity)
                    }
                    None => Err(Error::Credentials(format!("{}: {e}", self.name))),
                }
            }
        }
    }
}

impl ResolveIdentity for IdentityCache {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        Box::pin(self.resolve())
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicBool, AtomicI64, AtomicUsize, Ordering};
    use std::time::SystemTime;

    use super::*;
    use crate::identity::Credentials;

    /// A clock the test moves by hand (seconds since the epoch).
    #[derive(Debug, Clone, Default)]
    struct HandClock(Arc<AtomicI64>);

    impl HandClock {
        fn at(seconds: i64) -> Self {
            Self(Arc::new(AtomicI64::new(seconds)))
        }
        fn set(&self, seconds: i64) {
            self.0.store(seconds, Ordering::SeqCst);
        }
    }

    impl Clock for HandClock {
        fn now(&self) -> OffsetDateTime {
            OffsetDateTime::from_unix_timestamp(self.0.load(Ordering::SeqCst)).unwrap()
        }
    }

    /// Counts its calls; gives credentials `AK<n>` valid for `lifetime` seconds from the hand
    /// clock's now (none: no expiry), or fails while `failing` is set.
    #[derive(Debug)]
    struct Counting {
        calls: Arc<AtomicUsize>,
        failing: Arc<AtomicBool>,
        clock: HandClock,
        lifetime: Option<i64>,
        delay: Duration,
    }

    impl Counting {
        fn new(clock: &HandClock, lifetime: Option<i64>) -> (Self, Arc<AtomicUsize>, Arc<AtomicBool>) {
            let calls = Arc::new(AtomicUsize::new(0));
            let failing = Arc::new(AtomicBool::new(false));
            let provider = Self { calls: calls.clone(), failing: failing.clone(), clock: clock.clone(), lifetime, delay: Duration::ZERO };
            (provider, calls, failing)
        }
    }

    impl ResolveIdentity for Counting {
        fn resolve_identity(&self) -> IdentityFuture<'_> {
            Box::pin(async move {
                let n = self.calls.fetch_add(1, Ordering::SeqCst) + 1;
                tokio::time::sleep(self.delay).await;
                if self.failing.load(Ordering::SeqCst) {
                    return Err(Error::Credentials("the metadata service answered 500".into()));
                }
                let keys = Credentials::new(format!("AK{n}"), "s3cr3t").with_security_token("t0k3n");
                Ok(Identity::AccessKey(match self.lifetime {
                    Some(s) => {
                        let now = self.clock.0.load(Ordering::SeqCst);
                        keys.with_expiration(SystemTime::UNIX_EPOCH + Duration::from_secs((now + s) as u64))
                    }
                    None => keys,
                }))
            })
        }
    }

    fn key_id(identity: &Identity) -> String {
        identity.access_key("test").unwrap().access_key_id().to_owned()
    }

    const T0: i64 = 1_800_000_000;

    #[tokio::test]
    async fn serves_the_cached_identity_until_the_refresh_window() {
        let clock = HandClock::at(T0);
        let (provider, calls, _) = Counting::new(&clock, Some(3600));
        let cache = IdentityCache::new("test role", provider).with_clock(clock.clone());
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK1");
        clock.set(T0 + 3600 - 301); // 301 s left: outside the 5-minute window
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK1");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        clock.set(T0 + 3600 - 299); // inside the window: renewed
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK2");
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK2");
        assert_eq!(calls.load(Ordering::SeqCst), 2);

        // A custom window.
        let (provider, calls, _) = Counting::new(&clock, Some(3600));
        let cache = IdentityCache::new("x", provider).with_clock(clock.clone()).with_refresh_window(Duration::from_secs(60));
        cache.resolve_identity().await.unwrap();
        clock.set(T0 + 3600 - 299 + 3600 - 61);
        cache.resolve_identity().await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        clock.set(T0 + 3600 - 299 + 3600 - 59);
        cache.resolve_identity().await.unwrap();
        assert_eq!(calls.load(Ordering::SeqCst), 2);
    }

    #[tokio::test]
    async fn an_identity_without_expiry_is_kept_for_good() {
        let clock = HandClock::at(T0);
        let (provider, calls, _) = Counting::new(&clock, None);
        let cache = IdentityCache::new("static", provider).with_clock(clock.clone());
        for step in 0..5 {
            clock.set(T0 + step * 86_400 * 365);
            assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK1");
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn fifty_concurrent_callers_share_one_refresh() {
        let clock = HandClock::at(T0);
        let (mut provider, calls, _) = Counting::new(&clock, Some(900));
        provider.delay = Duration::from_millis(50);
        let cache = IdentityCache::new("slow", provider).with_clock(clock.clone()).into_shared();
        let callers = |cache: SharedIdentityResolver| async move {
            let tasks: Vec<_> = (0..50)
                .map(|_| {
                    let cache = cache.clone();
                    tokio::spawn(async move { key_id(&cache.resolve_identity().await.unwrap()) })
                })
                .collect();
            let mut ids = Vec::new();
            for t in tasks {
                ids.push(t.await.unwrap());
            }
            ids
        };
        // Nothing held: all 50 wait for the one first fetch.
        let ids = callers(cache.clone()).await;
        assert!(ids.iter().all(|id| id == "AK1"), "{ids:?}");
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // Expired: all 50 wait for one renewal.
        clock.set(T0 + 901);
        let ids = callers(cache.clone()).await;
        assert!(ids.iter().all(|id| id == "AK2"), "{ids:?}");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        // In the window: one renews, the others keep the valid identity meanwhile.
        clock.set(T0 + 901 + 900 - 10);
        let ids = callers(cache.clone()).await;
        assert!(ids.iter().all(|id| id == "AK2" || id == "AK3"), "{ids:?}");
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK3");
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn callers_waiting_for_a_refresh_take_its_result_even_if_short_lived() {
        // The provider's identities are already expired by this clock (a clock ahead of the
        // provider's): each wave of callers still causes one fetch, not one per caller.
        let clock = HandClock::at(T0);
        let (mut provider, calls, _) = Counting::new(&clock, Some(-10));
        provider.delay = Duration::from_millis(50);
        let cache = IdentityCache::new("skewed", provider).with_clock(clock).into_shared();
        let tasks: Vec<_> = (0..50)
            .map(|_| {
                let cache = cache.clone();
                tokio::spawn(async move { key_id(&cache.resolve_identity().await.unwrap()) })
            })
            .collect();
        for t in tasks {
            assert_eq!(t.await.unwrap(), "AK1");
        }
        assert_eq!(calls.load(Ordering::SeqCst), 1);
        // A later caller, arriving after that wave, asks again.
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK2");
    }

    #[tokio::test]
    async fn a_failed_refresh_keeps_a_valid_identity_and_an_expired_one_is_an_error() {
        let clock = HandClock::at(T0);
        let (provider, calls, failing) = Counting::new(&clock, Some(3600));
        let cache = IdentityCache::new("ECS metadata role `web`", provider).with_clock(clock.clone());
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK1");
        failing.store(true, Ordering::SeqCst);
        clock.set(T0 + 3600 - 100);
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK1");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        // Not asked again before RETRY_AFTER_FAILURE has passed.
        clock.set(T0 + 3600 - 95);
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK1");
        assert_eq!(calls.load(Ordering::SeqCst), 2);
        clock.set(T0 + 3600 - 89);
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK1");
        assert_eq!(calls.load(Ordering::SeqCst), 3);
        // Expired, and renewing fails: an error naming the provider and the cause, no secret.
        clock.set(T0 + 3600);
        let e = cache.resolve_identity().await.unwrap_err().to_string();
        assert_eq!(e, "ECS metadata role `web`: the metadata service answered 500");
        let shown = format!("{cache:?}");
        assert!(!shown.contains("s3cr3t") && !shown.contains("t0k3n") && shown.contains("ECS metadata"), "{shown}");
        // The provider recovers.
        failing.store(false, Ordering::SeqCst);
        assert_eq!(key_id(&cache.resolve_identity().await.unwrap()), "AK5");
    }

    #[tokio::test]
    async fn the_first_failure_is_an_error_naming_the_provider() {
        let clock = HandClock::at(T0);
        let (provider, _, failing) = Counting::new(&clock, Some(3600));
        failing.store(true, Ordering::SeqCst);
        let cache = IdentityCache::new("STS AssumeRole", provider).with_clock(clock);
        let e = cache.resolve_identity().await.unwrap_err();
        assert!(matches!(&e, Error::Credentials(m) if m.starts_with("STS AssumeRole: ")), "{e}");
    }
}
