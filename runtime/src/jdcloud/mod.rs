//! JD Cloud's REST protocol: a path template filled with percent-encoded values
//! (`/v1/regions/{regionId}/instances/{instanceId}:startInstance`), the other members in
//! the query string (`filters.1.values.2`) for GET and DELETE or in a JSON body for POST,
//! PATCH and PUT, the `{requestId, result, error: {code, status, message}}` envelope, and
//! the `JDCLOUD3-HMAC-SHA256` (default) or `JDCLOUD2-HMAC-SHA256` signature.

pub mod profile;
pub mod response;
pub mod sign;

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::client::http::{HttpRequest, HttpResponse};
use crate::client::send::Encoded;
use crate::client::target::{choose_signature, Target};
use crate::error::Error;
use crate::identity::Credentials;
use crate::identity::{access_key_chain, EnvironmentVariables, Found, IdentityKind, Lookup};
use crate::operation::params::Params;
use crate::operation::JsonValue;
pub use crate::operation::Operation;
use crate::request::rest;
use crate::signing::{SignableBody, SignableRequest};

/// Environment variables credentials and region are read from. The official SDKs read none;
/// the key pair's names are the ones JD Cloud's Packer builder (built on the official Go SDK)
/// reads, the others follow them.
pub mod env {
    /// Access key.
    pub const ACCESS_KEY: &str = "JDCLOUD_ACCESS_KEY";
    /// Secret key.
    pub const SECRET_KEY: &str = "JDCLOUD_SECRET_KEY";
    /// Security token of temporary credentials.
    pub const SECURITY_TOKEN: &str = "JDCLOUD_SECURITY_TOKEN";
    /// Region id.
    pub const REGION: &str = "JDCLOUD_REGION";
    /// The `jdc` CLI profile to read when the variables above hold no credentials.
    pub const PROFILE: &str = "JDCLOUD_PROFILE";
    /// `true` keeps the CLI profile file out of the credential chain.
    pub const CLI_PROFILE_DISABLED: &str = "JDCLOUD_CLI_PROFILE_DISABLED";
    /// An endpoint (host or URL) for every JD Cloud service, over the region's: yun's name,
    /// after the provider (yun knows of no JD Cloud tool that reads one).
    pub const ENDPOINT: &str = "JDCLOUD_ENDPOINT";
}

/// Error statuses with which JD Cloud says "slow down", from its common error-code table
/// (`RATE_LIMIT` 请求过频繁, `UNAVAILABLE` 服务不可用); 429 and 503 are retried whatever their
/// status says, except `QUOTA_EXCEEDED` (配额不足, also 429 in that table: a refusal waiting
/// does not cure), excluded by its `!` pattern ([`is_throttling`](crate::client::retry::is_throttling)).
pub const THROTTLING_CODES: &[&str] = &["!QUOTA_EXCEEDED", "RATE_LIMIT", "UNAVAILABLE"];

/// The region the official SDK signs for when a request names none.
pub const GLOBAL_REGION: &str = "jdcloud-api";

/// The two JD Cloud signatures.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignatureVersion {
    /// `JDCLOUD3-HMAC-SHA256`, as the current official SDKs sign.
    Jdcloud3HmacSha256,
    /// `JDCLOUD2-HMAC-SHA256`, as older SDKs and JD Cloud's published signing guide sign.
    Jdcloud2HmacSha256,
}

/// Configuration of JD Cloud clients.
pub type Config = crate::config::Config<Jdcloud>;
/// Builder of [`Config`].
pub type ConfigBuilder = crate::config::ConfigBuilder<Jdcloud>;

/// The JD Cloud flavour of [`crate::config::Config`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Jdcloud;

impl crate::config::Provider for Jdcloud {
    const REGION_ENV: &'static str = env::REGION;
    const ENDPOINT_OVERRIDE_ENV: Option<&'static str> = Some(env::ENDPOINT);
    const IDENTITY: IdentityKind = IdentityKind::AccessKey;
    type Signature = SignatureVersion;
    type Options = ();

    /// [`ENV_CREDENTIALS`], then the `jdc` CLI's profile file ([`profile::ProfileFile`]:
    /// `~/.jdc/config`, the profile named by `JDCLOUD_PROFILE` or the CLI's current one;
    /// `JDCLOUD_CLI_PROFILE_DISABLED=true` turns it off).
    fn default_identity(lookup: Lookup<'_>) -> Result<Found, Error> {
        access_key_chain(lookup, ENV_CREDENTIALS, |lookup| profile::ProfileFile::from_env(lookup).map(|file| file.load()))
    }

    fn identity_hint() -> String {
        format!("call .credentials(..) or set {} and {}", env::ACCESS_KEY, env::SECRET_KEY)
    }
}

/// The environment variables of JD Cloud credentials ([`mod@env`]), as an identity provider.
pub const ENV_CREDENTIALS: EnvironmentVariables =
    EnvironmentVariables { access_key_id: env::ACCESS_KEY, access_key_secret: env::SECRET_KEY, security_token: Some(env::SECURITY_TOKEN) };

/// A service, as its generated crate describes it to the runtime.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// Service name in the signature scope, e.g. `vm`.
    pub service: &'static str,
    /// API version, the path's first segment, e.g. `v1`.
    pub version: &'static str,
    /// Endpoint host, e.g. `vm.jdcloud-api.com`.
    pub endpoint: &'static str,
    /// Supported signatures, default first.
    pub signing: &'static [SignatureVersion],
    /// Known region ids.
    pub regions: &'static [&'static str],
}

/// Sends operations of one JD Cloud service.
#[derive(Debug, Clone)]
pub struct RestClient {
    service: &'static ServiceInfo,
    target: Target<Jdcloud>,
    signature: SignatureVersion,
}

impl RestClient {
    crate::client::config_methods!();

    /// A client for `service` with `config`.
    pub fn new(service: &'static ServiceInfo, config: Config) -> Self {
        let signature = choose_signature(config.signature_version(), service.signing, SignatureVersion::Jdcloud3HmacSha256);
        Self { service, target: Target::new(config, service.endpoint, service.service, service.version), signature }
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

    /// The request signed as `credentials`: the path template filled in, the query, the
    /// JSON body, signed with a fresh time and nonce for the region the request names (its
    /// `regionId`), or for `jdcloud-api` as the official SDK does when it names none. The
    /// headers given for the call are signed too, [`BASE64_HEADERS`] base64-encoded first.
    pub fn signed_request(&self, credentials: &Credentials, request: &Encoded) -> HttpRequest {
        let path = rest::expand_path(&request.path_template, &request.path);
        let query = rest::encoded_query(&request.query);
        let body = rest::json_bytes(with_path_members(request.json.as_ref(), &request.path).as_ref());
        let region =
            request.path.get("regionId").or_else(|| request.query.get("regionId")).filter(|r| !r.is_empty()).unwrap_or(GLOBAL_REGION);
        let date = crate::signing::sigv4::amz_date(self.target.config.clock().now());
        let nonce = self.target.config.nonce_source().nonce();
        let mut before = Vec::with_capacity(1 + request.headers.len());
        before.push(("content-type".to_owned(), "application/json".to_owned()));
        before.extend(request.headers.iter().map(|(name, value)| (name.clone(), sdk_header_value(name, value))));
        let unsigned = SignableRequest {
            method: &request.method,
            host: &self.target.host,
            path: &path,
            query: &query,
            headers: &before,
            body: SignableBody::Bytes(&body),
        };
        let settings = sign::SigningSettings { region, service: self.service.service, date: &date, nonce: &nonce };
        let signed = match self.signature {
            SignatureVersion::Jdcloud3HmacSha256 => sign::sign(&unsigned, credentials, &settings),
            SignatureVersion::Jdcloud2HmacSha256 => sign::sign_jdcloud2(&unsigned, credentials, &settings),
        };
        let mut headers: Vec<(Cow<'static, str>, String)> = Vec::with_capacity(2 + before.len() + signed.headers.len());
        headers.push(("host".into(), self.target.host.clone()));
        headers.extend(before.into_iter().chain(signed.headers).map(|(name, value)| (name.into(), value)));
        headers.push(("user-agent".into(), self.target.user_agent.clone()));
        let url = self.target.url(&path, &crate::request::encoding::form_encode(request.query.pairs()));
        HttpRequest { method: request.method.clone().into_owned(), url, headers, body }
    }
}

/// Headers whose values the official SDKs send base64-encoded (and sign encoded): the
/// user's pin and erp, under both JD prefixes. `jdcloud-sdk-go` `core/JdcloudClient.go`
/// lines 106–111 (`setHeader`, commit c2018ba7): `base64Headers` holds `x-jdcloud-pin`,
/// `x-jdcloud-erp`, `x-jdcloud-security-token` and the same under `x-jcloud`, and each
/// value is `base64.StdEncoding.EncodeToString`d before signing. (The security token comes
/// from the credentials, encoded by [`sign::sign`]; it cannot be given as a header.)
pub const BASE64_HEADERS: &[&str] = &["x-jdcloud-pin", "x-jdcloud-erp", "x-jcloud-pin", "x-jcloud-erp", "x-jcloud-security-token"];

/// A header's value as the SDK sends it: base64 for [`BASE64_HEADERS`], else as given.
fn sdk_header_value(name: &str, value: &str) -> String {
    if BASE64_HEADERS.iter().any(|h| h.eq_ignore_ascii_case(name)) {
        use base64::Engine;
        base64::engine::general_purpose::STANDARD.encode(value)
    } else {
        value.to_owned()
    }
}

/// The body with the path's values added as members, as the official SDK sends them
/// (`{"regionId": …, "instanceId": …, …}`); members the body has already are kept.
fn with_path_members(json: Option<&JsonValue>, path: &Params) -> Option<JsonValue> {
    let mut json = json?.clone();
    if let JsonValue::Object(members) = &mut json {
        for (name, value) in path.pairs() {
            members.entry(name.clone()).or_insert_with(|| JsonValue::String(value.clone()));
        }
    }
    Some(json)
}

impl crate::client::send::Wire for RestClient {
    const PROVIDER_NAME: &'static str = "JD Cloud";
    type Key = Credentials;

    const REQUEST_ID_HEADERS: &'static [&'static str] = &[response::REQUEST_ID_HEADER];
    type Provider = Jdcloud;

    fn service(&self) -> &'static str {
        self.service.service
    }

    fn config(&self) -> &Config {
        &self.target.config
    }

    fn throttling_codes(&self) -> &'static [&'static str] {
        THROTTLING_CODES
    }

    fn authorize(&self, request: &Encoded, credentials: &Credentials) -> HttpRequest {
        RestClient::signed_request(self, credentials, request)
    }

    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse, sensitive: bool) -> Result<crate::response::decode::Decoded<O>, Error> {
        response::decode_answer(response, sensitive)
    }
}
