//! Inspur Cloud's REST protocol: a path template filled with percent-encoded values, the
//! other members in the query (GET, DELETE) or a JSON body (POST, PATCH, PUT, possibly an
//! action object such as `{"reboot": {"type": "SOFT"}}` or a JSON-patch array),
//! `Authorization: Bearer <token>`, and the `{code, message, data}` envelope.
//!
//! Inspur Cloud publishes no endpoint: the configuration must name one (`.endpoint(..)` or
//! `INSPUR_ENDPOINT`).

pub mod response;

use serde::de::DeserializeOwned;

use crate::client::http::{HttpRequest, HttpResponse};
use crate::client::send::Encoded;
use crate::client::target::Target;
use crate::error::Error;
pub use crate::identity::{BearerToken, Identity, IdentityFuture, ResolveIdentity};
use crate::identity::{EnvironmentToken, Found, IdentityKind, Lookup};
pub use crate::operation::Operation;
use crate::request::rest;

/// Environment variables the token, the endpoint and the region are read from: yun's names,
/// as Inspur Cloud publishes no SDK or CLI that reads any.
pub mod env {
    /// The bearer token (e.g. a Keycloak access token).
    pub const TOKEN: &str = "INSPUR_TOKEN";
    /// The endpoint, e.g. `https://ecs.example.com`.
    pub const ENDPOINT: &str = "INSPUR_ENDPOINT";
    /// Region id (optional).
    pub const REGION: &str = "INSPUR_REGION";
}

/// Configuration of Inspur Cloud clients.
pub type Config = crate::config::Config<Inspur>;
/// Builder of [`Config`].
pub type ConfigBuilder = crate::config::ConfigBuilder<Inspur>;

/// The Inspur Cloud flavour of [`crate::config::Config`]: a bearer token, an endpoint of the
/// caller's.
#[derive(Debug, Clone, Copy, Default)]
pub struct Inspur;

impl crate::config::Provider for Inspur {
    const REGION_ENV: &'static str = env::REGION;
    const ENDPOINT_ENV: Option<&'static str> = Some(env::ENDPOINT);
    const IDENTITY: IdentityKind = IdentityKind::BearerToken;
    type Signature = ();
    type Options = ();

    /// [`ENV_TOKEN`].
    fn default_identity(lookup: Lookup<'_>) -> Result<Found, Error> {
        Ok(Found { identity: Identity::BearerToken(ENV_TOKEN.load(lookup)?), region: None })
    }

    fn identity_hint() -> String {
        format!("call .bearer_token(..) or .identity_provider(..) or set {}", env::TOKEN)
    }
}

/// The bearer token of `INSPUR_TOKEN`, as an identity provider.
pub const ENV_TOKEN: EnvironmentToken = EnvironmentToken { variable: env::TOKEN };

/// A service, as its generated crate describes it to the runtime.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// Service name, e.g. `ecs`.
    pub service: &'static str,
    /// API version, e.g. `v1`.
    pub version: &'static str,
    /// A placeholder from the spec, never sent to: Inspur Cloud publishes no endpoint, and
    /// requests go to the configured one (a configuration without one is refused).
    pub endpoint: &'static str,
    /// Known region ids.
    pub regions: &'static [&'static str],
}

/// Sends operations of one Inspur Cloud service.
#[derive(Debug, Clone)]
pub struct RestClient {
    service: &'static ServiceInfo,
    target: Target<Inspur>,
}

impl RestClient {
    crate::client::config_methods!();

    /// A client for `service` with `config`.
    pub fn new(service: &'static ServiceInfo, config: Config) -> Self {
        Self { service, target: Target::new(config, service.endpoint, service.service, service.version) }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.target.config
    }

    /// Sends `op` and decodes its output, retrying what is safe to retry, within the
    /// operation timeout.
    pub async fn call<Op: Operation>(&self, op: &Op) -> Result<Op::Output, Error> {
        crate::client::send::call(self, op).await
    }

    /// The request with `token`: path filled in, query, JSON body, and
    /// `Authorization: Bearer <token>` (Inspur signs nothing), and the headers given for the
    /// call.
    pub fn signed_request(&self, token: &BearerToken, request: &Encoded) -> HttpRequest {
        let path = rest::expand_path(&request.path_template, &request.path);
        let query = crate::request::encoding::form_encode(request.query.pairs());
        let body = rest::json_bytes(request.json.as_ref());
        let mut headers = vec![("host".into(), self.target.host.clone()), ("accept".into(), "application/json".to_owned())];
        if request.json.is_some() {
            headers.push(("content-type".into(), "application/json".to_owned()));
        }
        headers.extend(request.headers.iter().map(|(k, v)| (k.clone().into(), v.clone())));
        headers.push(("user-agent".into(), self.target.user_agent.clone()));
        headers.push(("authorization".into(), format!("Bearer {}", token.token().expose())));
        HttpRequest { method: request.method.clone().into_owned(), url: self.target.url(&path, &query), headers, body }
    }
}

impl crate::client::send::Wire for RestClient {
    const PROVIDER_NAME: &'static str = "Inspur Cloud";
    type Key = BearerToken;

    const REQUEST_ID_HEADERS: &'static [&'static str] = response::REQUEST_ID_HEADERS;
    type Provider = Inspur;

    fn service(&self) -> &'static str {
        self.service.service
    }

    fn config(&self) -> &Config {
        &self.target.config
    }

    fn throttling_codes(&self) -> &'static [&'static str] {
        &[]
    }

    fn authorize(&self, request: &Encoded, token: &BearerToken) -> HttpRequest {
        RestClient::signed_request(self, token, request)
    }

    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse, sensitive: bool) -> Result<crate::response::decode::Decoded<O>, Error> {
        response::decode_answer(response, sensitive)
    }
}
