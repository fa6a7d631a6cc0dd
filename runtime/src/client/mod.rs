//! What a protocol client does with a request, whatever the provider: where it sends
//! ([`target`]), the sending loop of one operation — encode, resolve the identity, sign, send,
//! decode, retry — ([`send`]), the HTTP transport and its timeouts ([`http`]), and which
//! failures are retried and when ([`retry`]).

/// The configuration methods every protocol client has besides its own `new(service, config)`
/// and `config()`. Each builds a client of the same service from a changed configuration. They
/// are not generic, so the generic `Config<P>` code they run (the builder's checks, `Clone`)
/// is compiled once here for each provider, instead of in every generated crate whose
/// `Client` offers them (issue 15, item 7: about a quarter of a one-operation crate's build).
macro_rules! config_methods {
    () => {
        /// A client for `service` configured from the environment: region and credentials
        /// from the provider's variables ([`Config::from_env`]).
        ///
        /// # Errors
        ///
        /// As [`Config::from_env`]: no region, no credentials, a variable that is invalid.
        pub fn from_env(service: &'static ServiceInfo) -> Result<Self, Error> {
            Ok(Self::new(service, Config::from_env()?))
        }

        /// This client with other retry settings ([`Config::with_retry`]); it shares the
        /// connection pool and the retry budget.
        pub fn with_retry(&self, retry: crate::client::retry::RetryConfig) -> Self {
            Self::new(self.service, self.config().with_retry(retry))
        }

        /// This client with other attempt and whole-operation timeouts
        /// ([`Config::with_timeouts`]); it shares the connection pool and the retry budget.
        pub fn with_timeouts(&self, attempt: std::time::Duration, operation: std::time::Duration) -> Self {
            Self::new(self.service, self.config().with_timeouts(attempt, operation))
        }
    };
}
pub(crate) use config_methods;

pub mod http;
pub mod raw;
pub mod retry;
pub mod send;
pub mod target;
pub mod transport;
