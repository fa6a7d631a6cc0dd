//! Inspur Cloud's REST protocol: a path template filled with percent-encoded values, the
//! other members in the query (GET, DELETE) or a JSON body (POST, PATCH, PUT, possibly an
//! action object such as `{"reboot": {"type": "SOFT"}}` or a JSON-patch array),
//! `Authorization: Bearer <token>`, and the `{code, message, data}` envelope.
//!
//! Inspur Cloud publishes no endpoint: the configuration must name one (`.endpoint(..)` or
//! `INSPUR_ENDPOINT`).

pub mod response;

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
pub use crate::operation::Operation;
use crate::rest;
use crate::send::Encoded;
use crate::target::Target;
pub use crate::token::{StaticToken, TokenSource};

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
    const ENV: crate::config::EnvNames =
        crate::config::EnvNames { access_key_id: "", access_key_secret: "", security_token: None, region: env::REGION };
    type Signature = ();
    type Options = ();
    const AUTH: crate::config::Auth = crate::config::Auth::BearerToken;
    const TOKEN_ENV: Option<&'static str> = Some(env::TOKEN);
    const ENDPOINT_ENV: Option<&'static str> = Some(env::ENDPOINT);
}

/// A service, as its generated crate describes it to the runtime.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// Service name, e.g. `ecs`.
    pub service: &'static str,
    /// API version, e.g. `v1`.
    pub version: &'static str,
    /// The endpoint the document shows (requests go to the configured one).
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
        crate::send::call(self, op).await
    }

    /// The request without its token: path filled in, query, JSON body.
    pub fn signed_request(&self, request: &Encoded) -> HttpRequest {
        let path = rest::expand_path(request.path_template, &request.path);
        let query = crate::encoding::form_encode(request.query.pairs());
        let body = rest::json_bytes(request.json.as_ref());
        let mut headers = vec![("host".to_owned(), self.target.host.clone()), ("accept".to_owned(), "application/json".to_owned())];
        if request.json.is_some() {
            headers.push(("content-type".to_owned(), "application/json".to_owned()));
        }
        headers.push(("user-agent".to_owned(), self.target.user_agent.clone()));
        HttpRequest { method: request.method.to_owned(), url: self.target.url(&path, &query), headers, body }
    }
}

impl crate::send::Wire for RestClient {
    const REQUEST_ID_HEADER: &'static str = response::REQUEST_ID_HEADER;
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

    fn signed_request(&self, request: &Encoded) -> HttpRequest {
        RestClient::signed_request(self, request)
    }

    fn authorize(&self, mut request: HttpRequest) -> impl std::future::Future<Output = Result<HttpRequest, Error>> + Send {
        let source = self.target.config.token_source();
        async move {
            let source = source.ok_or_else(|| Error::Credentials("no bearer token source configured".to_owned()))?;
            let token = source.token().await?;
            request.headers.push(("authorization".to_owned(), format!("Bearer {}", token.expose())));
            Ok(request)
        }
    }

    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse, sensitive: bool) -> Result<crate::decode::Decoded<O>, Error> {
        response::decode_answer(response, sensitive)
    }
}
