//! The Kingsoft Cloud query protocol: `Action`/`Version` with indexed parameters
//! (`InstanceId.1`, `Filter.1.Value.1`), AWS SigV4 signing, and JSON or XML responses with
//! the `{RequestId, Error: {Type, Code, Message}}` error envelope.

pub mod response;

use serde::de::DeserializeOwned;

use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::params::Params;
pub use crate::operation::Operation;
use crate::sigv4;

/// Environment variables credentials and region are read from.
pub mod env {
    /// Access key id.
    pub const ACCESS_KEY_ID: &str = "KSYUN_ACCESS_KEY_ID";
    /// Secret access key.
    pub const SECRET_ACCESS_KEY: &str = "KSYUN_SECRET_ACCESS_KEY";
    /// Session token of temporary credentials.
    pub const SESSION_TOKEN: &str = "KSYUN_SESSION_TOKEN";
    /// Region id.
    pub const REGION: &str = "KSYUN_REGION";
}

/// Error codes with which Kingsoft Cloud says "slow down".
pub const THROTTLING_CODES: &[&str] = &["LimitExceeded", "Throttling", "RequestLimitExceeded", "ServiceUnavailable"];

/// Where the SigV4 signature travels. The KEC document: GET requests carry it in the query
/// string, POST requests in the `Authorization` header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureLocation {
    /// As the document says: query string for GET, header for POST.
    ByMethod,
    /// Always an `Authorization` header.
    Header,
    /// Always `X-Amz-*` query parameters.
    Query,
}

/// Configuration of Kingsoft Cloud clients.
pub type Config = crate::config::Config<Ksyun>;
/// Builder of [`Config`].
pub type ConfigBuilder = crate::config::ConfigBuilder<Ksyun>;

/// The Kingsoft Cloud flavour of [`crate::config::Config`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Ksyun;

impl crate::config::Provider for Ksyun {
    const ENV: crate::config::EnvNames = crate::config::EnvNames {
        access_key_id: env::ACCESS_KEY_ID,
        access_key_secret: env::SECRET_ACCESS_KEY,
        security_token: Some(env::SESSION_TOKEN),
        region: env::REGION,
    };
    type Signature = SignatureLocation;
}

/// A service, as its generated crate describes it to the runtime.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// Service name in the endpoint and the SigV4 credential scope, e.g. `kec`.
    pub service: &'static str,
    /// API version, e.g. `2016-03-04`.
    pub version: &'static str,
    /// Endpoint host pattern with `{region}`.
    pub endpoint: &'static str,
    /// Known region ids.
    pub regions: &'static [&'static str],
}

/// Sends operations of one Kingsoft Cloud service.
#[derive(Debug, Clone)]
pub struct QueryClient {
    service: &'static ServiceInfo,
    target: crate::target::Target<Ksyun>,
}

impl QueryClient {
    /// A client for `service` with `config`.
    pub fn new(service: &'static ServiceInfo, config: Config) -> Self {
        Self { service, target: crate::target::Target::new(config, service.endpoint, service.service, service.version) }
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

    /// The signed request for `action`: `Action`, `Version` and the operation's parameters in
    /// the query (GET) or the form body (POST), signed as configured.
    pub fn signed_request(&self, action: &str, method: &str, query: &Params, body: &Params) -> HttpRequest {
        let mut params: Vec<(String, String)> =
            vec![("Action".into(), action.into()), ("Version".into(), self.service.version.into())];
        let is_get = method.eq_ignore_ascii_case("GET");
        let mut form: Vec<(String, String)> = Vec::new();
        if is_get {
            params.extend(query.pairs().iter().cloned());
            params.extend(body.pairs().iter().cloned());
        } else {
            params.extend(query.pairs().iter().cloned());
            form.extend(body.pairs().iter().cloned());
        }
        let payload = crate::encoding::form_encode(&form);
        let mut headers = vec![("host".to_owned(), self.target.host.clone())];
        if !form.is_empty() {
            headers.push(("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned()));
        }
        let location = match self.target.config.signature_version().unwrap_or(SignatureLocation::ByMethod) {
            SignatureLocation::ByMethod if is_get => SignatureLocation::Query,
            SignatureLocation::ByMethod => SignatureLocation::Header,
            other => other,
        };
        let scope = sigv4::Scope {
            credentials: self.target.config.credentials(),
            region: self.target.config.region(),
            service: self.service.service,
            time: self.target.config.clock().now(),
        };
        let request = sigv4::Request { method, path: "/", query: &params, headers: &headers, payload: payload.as_bytes() };
        let signature = match location {
            SignatureLocation::Query => sigv4::presign_query(&request, &scope, None),
            _ => sigv4::sign_headers(&request, &scope),
        };
        params.extend(signature.query);
        headers.extend(signature.headers);
        headers.push(("accept".to_owned(), "application/json".to_owned()));
        headers.push(("user-agent".to_owned(), self.target.user_agent.clone()));
        let url = self.target.url("/", &crate::encoding::form_encode(&params));
        HttpRequest { method: method.to_ascii_uppercase(), url, headers, body: payload.into_bytes() }
    }
}

impl crate::send::Wire for QueryClient {
    type Provider = Ksyun;

    fn service(&self) -> &'static str {
        self.service.service
    }

    fn config(&self) -> &Config {
        &self.target.config
    }

    fn throttling_codes(&self) -> &'static [&'static str] {
        THROTTLING_CODES
    }

    fn signed_request(&self, request: &crate::send::Encoded) -> HttpRequest {
        QueryClient::signed_request(self, request.action, request.method, &request.query, &request.body)
    }

    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse) -> Result<O, Error> {
        response::decode(response)
    }
}
