//! The Aliyun RPC protocol: `Action`/`Version` requests with query and form parameters,
//! JSON responses, the `{RequestId, Code, Message}` error body, and both signatures.

pub mod acs3;
pub mod profile;
mod response;
pub mod rpc_v1;
mod sign;

/// Configuration of Aliyun clients.
pub type Config = crate::config::Config<Aliyun>;
/// Builder of [`Config`].
pub type ConfigBuilder = crate::config::ConfigBuilder<Aliyun>;

/// The Aliyun flavour of [`crate::config::Config`]: its environment variables and signatures.
#[derive(Debug, Clone, Copy, Default)]
pub struct Aliyun;

impl crate::config::Provider for Aliyun {
    const REGION_ENV: &'static str = env::REGION_ID;
    const ENDPOINT_OVERRIDE_ENV: Option<&'static str> = Some(env::ENDPOINT);
    const IDENTITY: IdentityKind = IdentityKind::AccessKey;
    type Signature = SignatureVersion;
    type Options = Options;

    /// [`ENV_CREDENTIALS`], then the CLI's profile file ([`profile::ProfileFile`]).
    fn default_identity(lookup: Lookup<'_>) -> Result<Found, Error> {
        access_key_chain(lookup, ENV_CREDENTIALS, |lookup| profile::ProfileFile::from_env(lookup).map(|file| file.load()))
    }

    fn identity_hint() -> String {
        format!("call .credentials(..) or set {} and {}", env::ACCESS_KEY_ID, env::ACCESS_KEY_SECRET)
    }
}

/// Which network an Aliyun client reaches its service over: the official SDKs' `network`
/// setting.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Network {
    /// The public endpoints (the default): the service's endpoint map for the region, else its
    /// pattern (`ecs-cn-hangzhou.aliyuncs.com`, `ecs.cn-beijing.aliyuncs.com`).
    #[default]
    Public,
    /// The VPC endpoints, reachable from inside an Alibaba Cloud VPC: the pattern's first label
    /// with `-vpc` (`ecs-vpc.cn-hangzhou.aliyuncs.com`), as aliyun/alibaba-cloud-sdk-go writes
    /// `<product><network>.<region_id>.aliyuncs.com` with `-<network>` for any network but
    /// `public` (`sdk/client.go`, `GetEndpointRules`, at 8666508d). The endpoint map, which
    /// holds public hosts, is not used, as that SDK uses it for the public network only
    /// (`buildRequestWithSigner`).
    Vpc,
}

/// Options only Aliyun clients have, set on the [`ConfigBuilder`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// The network the endpoint is chosen for ([`ConfigBuilder::network`]).
    pub network: Network,
}

impl crate::config::ConfigBuilder<Aliyun> {
    /// Chooses the service's endpoints for `network` ([`Network::Vpc`]:
    /// `ecs-vpc.<region>.aliyuncs.com`). A configured endpoint or `ALIBABA_CLOUD_ENDPOINT`
    /// still wins.
    pub fn network(mut self, network: Network) -> Self {
        self.options_mut().network = network;
        self
    }
}

/// The host pattern of `pattern` on the VPC network: `-vpc` after its first label
/// (`ecs.{region}.aliyuncs.com` → `ecs-vpc.{region}.aliyuncs.com`).
fn vpc_pattern(pattern: &str) -> String {
    match pattern.split_once('.') {
        Some((first, rest)) => format!("{first}-vpc.{rest}"),
        None => format!("{pattern}-vpc"),
    }
}

/// The environment variables of the official SDKs' and CLI's credentials, as an identity provider.
pub const ENV_CREDENTIALS: EnvironmentVariables = EnvironmentVariables {
    access_key_id: env::ACCESS_KEY_ID,
    access_key_secret: env::ACCESS_KEY_SECRET,
    security_token: Some(env::SECURITY_TOKEN),
};

pub use response::decode as response_decode;
pub use response::decode_answer as response_decode_answer;
pub use sign::{Signed, SigningSettings};

use crate::client::target::{choose_signature, Target};

use serde::de::DeserializeOwned;

use crate::client::http::{HttpRequest, HttpResponse};
use crate::clock::iso8601_seconds;
use crate::error::Error;
use crate::identity::Credentials;
use crate::identity::{access_key_chain, EnvironmentVariables, Found, IdentityKind, Lookup};
use crate::operation::params::Params;
pub use crate::operation::Operation;
use crate::signing::{SignableBody, SignableRequest};

/// Environment variables the official SDKs and CLI read.
pub mod env {
    /// Access key id.
    pub const ACCESS_KEY_ID: &str = "ALIBABA_CLOUD_ACCESS_KEY_ID";
    /// Access key secret.
    pub const ACCESS_KEY_SECRET: &str = "ALIBABA_CLOUD_ACCESS_KEY_SECRET";
    /// STS security token.
    pub const SECURITY_TOKEN: &str = "ALIBABA_CLOUD_SECURITY_TOKEN";
    /// Region id.
    pub const REGION_ID: &str = "ALIBABA_CLOUD_REGION_ID";
    /// An endpoint (host or URL) for every Aliyun service, over the region's and the
    /// service's endpoint map: yun's name, as no Alibaba Cloud tool reads a provider-wide one
    /// (aliyun/aliyun-cli passes per-plugin ones such as `ALIBABA_CLOUD_CMS_ENDPOINT`; the Go
    /// SDK's core, aliyun/alibaba-cloud-sdk-go `sdk/`, reads no endpoint variable).
    pub const ENDPOINT: &str = "ALIBABA_CLOUD_ENDPOINT";
}

/// Error codes with which Aliyun services say "slow down" or "busy, come back", as patterns
/// ([`code_matches`](crate::client::retry::code_matches): `X*` a prefix, `*X` a suffix), taken
/// from what Alibaba Cloud's own tools retry:
///
/// - `Throttling*`, `ServiceUnavailable`, `*.Throttling` (`Rejected.Throttling`): the
///   Terraform provider's `NeedRetry` (aliyun/terraform-provider-alicloud,
///   `alicloud/errors.go`: a code matching `^Throttling`, `ServiceUnavailable`,
///   `Rejected.Throttling`); `OperationFailed.Throttling` is in its VPC resources' retry lists.
///   This covers `Throttling.User`, `Throttling.Api`, `Throttling.AK`,
///   `Throttling.Concurrent`, `Throttling.Resource` and any new member of the family.
/// - `LastTokenProcessing`, `*.LastTokenProcessing`, `SystemBusy`, `ServiceBusy`: retried by
///   the provider's resources (e.g. `resource_alicloud_vpc*.go`, `IsExpectedErrors(err,
///   []string{"LastTokenProcessing", …, "SystemBusy", "ServiceUnavailable"})`; `ServiceBusy` is
///   its CDN constant): the service is busy, or still processing an earlier request with
///   the same `ClientToken`, and nothing was done.
/// - `ServiceUnavailable*`: the same signal with a qualifier (`ServiceUnavailable.Xxx`).
///
/// Aliyun's CLI (aliyun/aliyun-cli, `openapi` `BasicInvoker.callWithThrottlingRetry`) also
/// treats any answer carrying `x-acs-retry-after` as throttled; the runtime does the same
/// for every provider (see [`crate::client::retry`]).
pub const THROTTLING_CODES: &[&str] =
    &["Throttling*", "*.Throttling", "ServiceUnavailable*", "LastTokenProcessing", "*.LastTokenProcessing", "SystemBusy", "ServiceBusy"];

/// The two Aliyun signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureVersion {
    /// `ACS3-HMAC-SHA256` (V3): headers plus an Authorization header.
    Acs3HmacSha256,
    /// RPC signature 1.0 (`HMAC-SHA1`): common query parameters plus `Signature`.
    HmacSha1,
}

/// A service, as its generated crate describes it to the runtime.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// Product code, e.g. `swas-open`.
    pub product: &'static str,
    /// API version, e.g. `2020-06-01`.
    pub version: &'static str,
    /// Endpoint host pattern with `{region}`.
    pub endpoint: &'static str,
    /// Regions whose host is not the pattern's, as the official SDK's endpoint map has them
    /// (region id, host): e.g. ECS `("cn-hangzhou", "ecs-cn-hangzhou.aliyuncs.com")`.
    pub endpoints: &'static [(&'static str, &'static str)],
    /// Supported signatures, default first.
    pub signing: &'static [SignatureVersion],
    /// Known region ids.
    pub regions: &'static [&'static str],
}

impl ServiceInfo {
    /// The public host of `region` when no endpoint is configured: its entry in
    /// [`ServiceInfo::endpoints`], else the pattern with the region filled in.
    pub fn host_for(&self, region: &str) -> String {
        self.host_on(region, Network::Public)
    }

    /// The host of `region` on `network` when no endpoint is configured (see [`Network`]).
    pub fn host_on(&self, region: &str, network: Network) -> String {
        match network {
            Network::Public => match self.endpoints.iter().find(|(r, _)| *r == region) {
                Some((_, host)) => (*host).to_owned(),
                None => self.endpoint.replace("{region}", region),
            },
            Network::Vpc => vpc_pattern(self.endpoint).replace("{region}", region),
        }
    }
}

/// Sends operations of one service: encodes, signs, retries, decodes.
#[derive(Debug, Clone)]
pub struct RpcClient {
    service: &'static ServiceInfo,
    target: Target<Aliyun>,
    signature: SignatureVersion,
}

impl RpcClient {
    crate::client::config_methods!();

    /// A client for `service` with `config`.
    pub fn new(service: &'static ServiceInfo, config: Config) -> Self {
        let signature = choose_signature(config.signature_version(), service.signing, SignatureVersion::Acs3HmacSha256);
        let (scheme, host) = match config.options().network {
            Network::Public => config.endpoint_in(service.endpoint, service.endpoints),
            Network::Vpc => config.endpoint_for(&vpc_pattern(service.endpoint)),
        };
        Self { service, target: Target::at(config, scheme, host, service.product, service.version), signature }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.target.config
    }

    /// The host requests go to.
    pub fn host(&self) -> &str {
        &self.target.host
    }

    /// Sends `op` and decodes its output, retrying what is safe to retry, within the
    /// operation timeout.
    pub async fn call<Op: Operation>(&self, op: &Op) -> Result<Op::Output, Error> {
        crate::client::send::call(self, op).await
    }

    /// Signs a request as `credentials` with the configured signature, a fresh timestamp
    /// and nonce.
    pub fn signed_request(&self, credentials: &Credentials, action: &str, method: &str, query: &Params, body: &Params) -> HttpRequest {
        self.signed_request_with_headers(credentials, action, method, query, body, &[])
    }

    /// [`RpcClient::signed_request`] with `headers` added: signed under ACS3, sent unsigned
    /// under `HMAC-SHA1` (which signs no header).
    pub fn signed_request_with_headers(
        &self,
        credentials: &Credentials,
        action: &str,
        method: &str,
        query: &Params,
        body: &Params,
        headers: &[(String, String)],
    ) -> HttpRequest {
        self.request(Some(credentials), action, method, query, body, headers)
    }

    /// An anonymous request ([`rpc_v1::unsigned`]): common parameters, no signature.
    pub fn unsigned_request(&self, action: &str, method: &str, query: &Params, body: &Params, headers: &[(String, String)]) -> HttpRequest {
        self.request(None, action, method, query, body, headers)
    }

    /// The request for one attempt, with a fresh timestamp and nonce: signed as `credentials`
    /// with the configured signature, or unsigned without them.
    fn request(
        &self,
        credentials: Option<&Credentials>,
        action: &str,
        method: &str,
        query: &Params,
        body: &Params,
        headers: &[(String, String)],
    ) -> HttpRequest {
        let timestamp = iso8601_seconds(self.target.config.clock().now());
        let nonce = self.target.config.nonce_source().nonce();
        let request = SignableRequest {
            method,
            host: &self.target.host,
            path: "/",
            query: query.pairs(),
            headers,
            body: SignableBody::Form(body.pairs()),
        };
        let settings = SigningSettings {
            action,
            version: self.service.version,
            timestamp: &timestamp,
            nonce: &nonce,
            user_agent: &self.target.user_agent,
        };
        let signed = match (credentials, self.signature) {
            (Some(credentials), SignatureVersion::Acs3HmacSha256) => acs3::sign(&request, credentials, &settings),
            (Some(credentials), SignatureVersion::HmacSha1) => rpc_v1::sign(&request, credentials, &settings),
            (None, _) => rpc_v1::unsigned(&request, &settings),
        };
        let url = self.target.url("/", &signed.query);
        HttpRequest { method: method.to_owned(), url, headers: signed.headers, body: signed.body.into_bytes() }
    }
}

impl crate::client::send::Wire for RpcClient {
    const PROVIDER_NAME: &'static str = "Aliyun";
    type Key = Credentials;

    const REQUEST_ID_HEADERS: &'static [&'static str] = &[response::REQUEST_ID_HEADER];
    const RETRY_AFTER_MS_HEADER: Option<&'static str> = Some("x-acs-retry-after");
    type Provider = Aliyun;

    fn service(&self) -> &'static str {
        self.service.product
    }

    fn config(&self) -> &Config {
        &self.target.config
    }

    fn throttling_codes(&self) -> &'static [&'static str] {
        THROTTLING_CODES
    }

    fn authorize(&self, request: &crate::client::send::Encoded, credentials: &Credentials) -> HttpRequest {
        self.signed_request_with_headers(credentials, &request.action, &request.method, &request.query, &request.body, &request.headers)
    }

    fn authorize_anonymous(&self, request: &crate::client::send::Encoded) -> Option<HttpRequest> {
        Some(self.unsigned_request(&request.action, &request.method, &request.query, &request.body, &request.headers))
    }

    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse, sensitive: bool) -> Result<crate::response::decode::Decoded<O>, Error> {
        response::decode_answer(response, sensitive)
    }
}
