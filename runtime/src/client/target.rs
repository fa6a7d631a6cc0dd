//! What every protocol client holds alike: its configuration, the scheme and host it sends
//! to, its user agent, and which of the service's signatures it uses.

use std::sync::Arc;

use crate::config::{Config, Provider};

/// Where a client sends, and as what.
#[derive(Debug, Clone)]
pub struct Target<P: Provider> {
    /// The client's configuration.
    pub config: Arc<Config<P>>,
    /// `https`, or what the endpoint override says.
    pub scheme: String,
    /// Host (and port, when not the scheme's default).
    pub host: String,
    /// `yun/<version> (<service>/<api version>)`, then `app/<name>` when the configuration
    /// names the application.
    pub user_agent: String,
}

impl<P: Provider> Target<P> {
    /// The target of `service` (API `version`) whose endpoint pattern is `endpoint`.
    pub fn new(config: Config<P>, endpoint: &str, service: &str, version: &str) -> Self {
        let (scheme, host) = config.endpoint_for(endpoint);
        Self::at(config, scheme, host, service, version)
    }

    /// The target of `service` (API `version`) at an already resolved `scheme` and `host`.
    pub fn at(config: Config<P>, scheme: String, host: String, service: &str, version: &str) -> Self {
        let mut user_agent = format!("yun/{} ({service}/{version})", env!("CARGO_PKG_VERSION"));
        if let Some(app) = config.app_name() {
            user_agent.push_str(" app/");
            user_agent.push_str(app);
        }
        Self { config: Arc::new(config), scheme, host, user_agent }
    }

    /// `scheme://host<path>`, with `?<query>` when the query is not empty.
    pub fn url(&self, path: &str, query: &str) -> String {
        let mut url = String::with_capacity(self.scheme.len() + 3 + self.host.len() + path.len() + 1 + query.len());
        for part in [&self.scheme, "://", &self.host, path] {
            url.push_str(part);
        }
        if !query.is_empty() {
            url.push('?');
            url.push_str(query);
        }
        url
    }
}

/// The signature a client uses: the configured one, else the service's first, else `fallback`.
pub fn choose_signature<S: Copy>(configured: Option<S>, supported: &[S], fallback: S) -> S {
    configured.or_else(|| supported.first().copied()).unwrap_or(fallback)
}
