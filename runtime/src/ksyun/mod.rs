//! The Kingsoft Cloud query protocol: `Action`/`Version` with indexed parameters
//! (`InstanceId.1`, `Filter.1.Value.1`), AWS SigV4 signing, and JSON or XML responses with
//! the `{RequestId, Error: {Type, Code, Message}}` error envelope.

pub mod response;

use std::borrow::Cow;

use serde::de::DeserializeOwned;

use crate::client::http::{HttpRequest, HttpResponse};
use crate::error::Error;
use crate::identity::Credentials;
use crate::identity::{access_key_chain, EnvironmentVariables, Found, Identity, IdentityKind, Lookup};
use crate::operation::params::Params;
pub use crate::operation::Operation;
use crate::signing::sigv4;
use crate::signing::{SignableBody, SignableRequest};

/// Environment variables credentials and region are read from.
pub mod env {
    /// Access key id.
    pub const ACCESS_KEY_ID: &str = "KSYUN_ACCESS_KEY_ID";
    /// Secret access key.
    pub const SECRET_ACCESS_KEY: &str = "KSYUN_SECRET_ACCESS_KEY";
    /// Session token of temporary credentials.
    pub const SESSION_TOKEN: &str = "KSYUN_SESSION_TOKEN";
    /// Region id (also Kingsoft's Terraform provider's name).
    pub const REGION: &str = "KSYUN_REGION";
    /// Access key id as Kingsoft's Terraform provider names it (read when
    /// [`ACCESS_KEY_ID`] is not set): `kingsoftcloud/terraform-provider-ksyun` at 035b3d2c,
    /// `ksyun/provider.go`, `schema.EnvDefaultFunc("KSYUN_ACCESS_KEY", nil)`.
    pub const TERRAFORM_ACCESS_KEY: &str = "KSYUN_ACCESS_KEY";
    /// Secret access key as Kingsoft's Terraform provider names it (same source).
    pub const TERRAFORM_SECRET_KEY: &str = "KSYUN_SECRET_KEY";
    /// An endpoint (host or URL) for every Kingsoft service, over the region's host: the
    /// Terraform provider's `endpoint` (`schema.EnvDefaultFunc("KSYUN_ENDPOINT", "")` in
    /// `ksyun/provider.go` at 172afd3d, the host its KS3, KLog and KMR clients send to).
    pub const ENDPOINT: &str = "KSYUN_ENDPOINT";
}

/// Error codes with which Kingsoft Cloud says "slow down", as patterns
/// ([`code_matches`](crate::client::retry::code_matches)): the AWS-style names its query API
/// answers (`LimitExceeded`, `RequestLimitExceeded`), and the `Throttling` and
/// `ServiceUnavailable` families with any qualifier (`Throttling.User`), as for Aliyun.
/// Unlike Aliyun's list, no list of a Kingsoft tool confirms it yet (the KEC document
/// names no throttling code); a `429` or a `Retry-After` header is throttling whatever the
/// code (see [`crate::client::retry`]).
pub const THROTTLING_CODES: &[&str] = &["LimitExceeded", "RequestLimitExceeded", "Throttling*", "ServiceUnavailable*"];

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

/// How a Kingsoft Cloud client sends its requests; choose with
/// [`ConfigBuilder::request_method`](crate::config::ConfigBuilder::request_method).
///
/// Without a choice each operation is sent with the method its spec declares, which is
/// `POST` for every Kingsoft operation yun generates.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RequestMethod {
    /// `POST /` with every parameter (`Action`, `Version` and the members) in an
    /// `application/x-www-form-urlencoded` body and the signature in the `Authorization`
    /// header, as `kingsoftcloud-sdk-python` sends: nothing of the call is in the URL, and a
    /// request of any size (16 KB of `UserData`) goes through.
    Post,
    /// `GET /` with every parameter in the query string and the signature in the `X-Amz-*`
    /// query parameters, as the KEC document describes (and the Java SDK sends). The URL
    /// then holds every value, passwords included, and the session token of temporary
    /// credentials (`X-Amz-Security-Token`); long requests may be refused.
    Get,
}

impl RequestMethod {
    /// `GET` or `POST`.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Post => "POST",
            Self::Get => "GET",
        }
    }
}

/// The Kingsoft-only options of a [`Config`], set with the builder methods
/// [`request_method`](crate::config::ConfigBuilder::request_method),
/// [`global_endpoint`](crate::config::ConfigBuilder::global_endpoint) and
/// [`region_parameter`](crate::config::ConfigBuilder::region_parameter).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Options {
    /// The method every request is sent with; `None`: the operation's declared method.
    pub request_method: Option<RequestMethod>,
    /// Send to the service's global host (`kec.api.ksyun.com`) instead of the regional one.
    pub global_endpoint: bool,
    /// Whether to send the `Region` parameter; `None`: exactly when the host is global.
    pub region_parameter: Option<bool>,
}

impl crate::config::ConfigBuilder<Ksyun> {
    /// Sends every request with `method` instead of the operation's declared one (`POST`
    /// for every generated Kingsoft operation): [`RequestMethod::Get`] puts every parameter
    /// and the signature in the URL, as the KEC document describes.
    pub fn request_method(mut self, method: RequestMethod) -> Self {
        self.options_mut().request_method = Some(method);
        self
    }

    /// Sends to the service's global host (the spec's `global_endpoint`, e.g.
    /// `kec.api.ksyun.com`, as `kingsoftcloud-sdk-python` does) instead of the regional one
    /// (`kec.<region>.api.ksyun.com`, the document's samples and the default). The region
    /// then travels in the `Region` parameter; the signature's scope keeps the configured
    /// region. An [`endpoint`](crate::config::ConfigBuilder::endpoint) override still wins
    /// for the host.
    pub fn global_endpoint(mut self, global: bool) -> Self {
        self.options_mut().global_endpoint = global;
        self
    }

    /// Sends (`true`) or leaves out (`false`) the `Region` parameter whatever the host. By
    /// default it is sent exactly when the host is global (see [`ResolvedEndpoint::global`]).
    pub fn region_parameter(mut self, send: bool) -> Self {
        self.options_mut().region_parameter = Some(send);
        self
    }
}

/// Configuration of Kingsoft Cloud clients.
pub type Config = crate::config::Config<Ksyun>;
/// Builder of [`Config`].
pub type ConfigBuilder = crate::config::ConfigBuilder<Ksyun>;

/// The Kingsoft Cloud flavour of [`crate::config::Config`].
#[derive(Debug, Clone, Copy, Default)]
pub struct Ksyun;

impl crate::config::Provider for Ksyun {
    const REGION_ENV: &'static str = env::REGION;
    const ENDPOINT_OVERRIDE_ENV: Option<&'static str> = Some(env::ENDPOINT);
    const IDENTITY: IdentityKind = IdentityKind::AccessKey;
    type Signature = SignatureLocation;
    type Options = Options;

    /// [`ENV_CREDENTIALS`], else [`TERRAFORM_ENV_CREDENTIALS`] (the names of Kingsoft's
    /// Terraform provider); Kingsoft has no CLI profile file yun reads. The error names both
    /// pairs of variables.
    fn default_identity(lookup: Lookup<'_>) -> Result<Found, Error> {
        access_key_chain(lookup, ENV_CREDENTIALS, |_| None).or_else(|ours| match TERRAFORM_ENV_CREDENTIALS.load(lookup) {
            Ok(c) => Ok(Found { identity: Identity::AccessKey(c), region: None }),
            Err(_) => Err(Error::Credentials(format!(
                "{ours}; nor are Terraform's {} and {}",
                env::TERRAFORM_ACCESS_KEY,
                env::TERRAFORM_SECRET_KEY
            ))),
        })
    }

    fn identity_hint() -> String {
        format!(
            "call .credentials(..) or set {} and {} (or {} and {})",
            env::ACCESS_KEY_ID,
            env::SECRET_ACCESS_KEY,
            env::TERRAFORM_ACCESS_KEY,
            env::TERRAFORM_SECRET_KEY
        )
    }
}

/// The environment variables of Kingsoft credentials ([`mod@env`]), as an identity provider.
pub const ENV_CREDENTIALS: EnvironmentVariables = EnvironmentVariables {
    access_key_id: env::ACCESS_KEY_ID,
    access_key_secret: env::SECRET_ACCESS_KEY,
    security_token: Some(env::SESSION_TOKEN),
};

/// Kingsoft credentials under the names of its Terraform provider (`KSYUN_ACCESS_KEY`,
/// `KSYUN_SECRET_KEY`), with yun's session token variable, as an identity provider.
pub const TERRAFORM_ENV_CREDENTIALS: EnvironmentVariables = EnvironmentVariables {
    access_key_id: env::TERRAFORM_ACCESS_KEY,
    access_key_secret: env::TERRAFORM_SECRET_KEY,
    security_token: Some(env::SESSION_TOKEN),
};

/// A service's dry-run parameter, as its spec declares it (`service.dry_run`).
#[derive(Debug, Clone, Copy)]
pub struct DryRunInfo {
    /// The parameter, sent as `<member>=true` (`DryRun`).
    pub member: &'static str,
    /// The error code with which the service says the call would have succeeded
    /// (`DryRunOperation`).
    pub code: &'static str,
    /// The HTTP status the document gives that answer (412); informative: the code decides.
    pub http_status: Option<u16>,
}

/// A service, as its generated crate describes it to the runtime.
#[derive(Debug, Clone, Copy)]
pub struct ServiceInfo {
    /// Service name in the endpoint, e.g. `kec`.
    pub service: &'static str,
    /// Service name in the SigV4 credential scope (usually the same as `service`).
    pub signing_name: &'static str,
    /// API version, e.g. `2016-03-04`.
    pub version: &'static str,
    /// Endpoint host pattern with `{region}`; a pattern without it is a global host.
    pub endpoint: &'static str,
    /// The host without a region (`kec.api.ksyun.com`), if the spec names one.
    pub global_endpoint: Option<&'static str>,
    /// Known region ids.
    pub regions: &'static [&'static str],
    /// The dry-run parameter, if the service has one.
    pub dry_run: Option<DryRunInfo>,
}

/// Where a client's operations go and how they are signed, resolved from the service and the
/// configuration without any network; [`QueryClient::endpoint`] (and each generated
/// crate's `Client::endpoint`) returns it.
///
/// The host: the endpoint override if one is configured; else the global host when the
/// client is configured with `.global_endpoint(true)` (the spec's `global_endpoint`, or the
/// pattern without its `{region}.` label); else the pattern with the region filled in. The
/// host is *global* when it names no region: the global host chosen above (also when an
/// override, e.g. a test server, stands in for it), a pattern without `{region}` (SKS
/// `sks.api.ksyun.com`), or an override equal to the spec's `global_endpoint`. Any other
/// override (a proxy, `http://127.0.0.1:8080`) stands for the regional host. A global host learns the region from the `Region` parameter, which
/// is sent exactly then (unless `.region_parameter(..)` says otherwise, and never twice
/// when the operation has a `Region` member). The signature's scope always holds the
/// configured region.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ResolvedEndpoint {
    /// `scheme://host/`, where requests are sent.
    pub url: String,
    /// `https`, or the override's scheme.
    pub scheme: String,
    /// Host (and port).
    pub host: String,
    /// The host names no region (see above).
    pub global: bool,
    /// The service name in the credential scope (`kec`).
    pub signing_name: &'static str,
    /// The region in the credential scope: the configured region.
    pub signing_region: String,
    /// The `Version` parameter sent.
    pub api_version: &'static str,
    /// Whether the `Region` parameter is sent.
    pub sends_region: bool,
    /// The method chosen in the configuration; `None`: each operation's declared method
    /// (`POST` for every generated Kingsoft operation).
    pub request_method: Option<RequestMethod>,
}

impl ResolvedEndpoint {
    /// Resolves `service` under `config`.
    pub fn resolve(service: &ServiceInfo, config: &Config) -> Self {
        let options = config.options();
        let unregional =
            || service.global_endpoint.map_or_else(|| service.endpoint.replace("{region}.", "").replace("{region}", ""), str::to_owned);
        let pattern = if options.global_endpoint { unregional() } else { service.endpoint.to_owned() };
        let (scheme, host) = config.endpoint_for(&pattern);
        let global = options.global_endpoint
            || !service.endpoint.contains("{region}")
            || service.global_endpoint.is_some_and(|g| g.eq_ignore_ascii_case(&host));
        Self {
            url: format!("{scheme}://{host}/"),
            scheme,
            host,
            global,
            signing_name: service.signing_name,
            signing_region: config.region().to_owned(),
            api_version: service.version,
            sends_region: options.region_parameter.unwrap_or(global),
            request_method: options.request_method,
        }
    }
}

/// The answer to a dry run that would have succeeded: the service checked the call
/// (permissions, parameters) and answered with the dry-run code (KEC: `DryRunOperation`,
/// HTTP 412) instead of performing it.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct DryRunPassed {
    /// The request id of the answer.
    pub request_id: Option<String>,
    /// The code the service answered with (`DryRunOperation`).
    pub code: String,
    /// The HTTP status it came with (412).
    pub status: u16,
}

/// Sends operations of one Kingsoft Cloud service.
#[derive(Debug, Clone)]
pub struct QueryClient {
    service: &'static ServiceInfo,
    target: crate::client::target::Target<Ksyun>,
    endpoint: ResolvedEndpoint,
}

impl QueryClient {
    crate::client::config_methods!();

    /// A client for `service` with `config`.
    pub fn new(service: &'static ServiceInfo, config: Config) -> Self {
        let endpoint = ResolvedEndpoint::resolve(service, &config);
        let target =
            crate::client::target::Target::at(config, endpoint.scheme.clone(), endpoint.host.clone(), service.service, service.version);
        Self { service, target, endpoint }
    }

    /// The configuration.
    pub fn config(&self) -> &Config {
        &self.target.config
    }

    /// Where every operation of this client goes and how it is signed.
    pub fn endpoint(&self) -> &ResolvedEndpoint {
        &self.endpoint
    }

    /// The method an operation declared with `declared` is sent with: the configured
    /// [`RequestMethod`], else the declared one (GET stays GET, anything else is a POST).
    pub fn request_method(&self, declared: &str) -> RequestMethod {
        self.endpoint.request_method.unwrap_or(if declared.eq_ignore_ascii_case("GET") { RequestMethod::Get } else { RequestMethod::Post })
    }

    /// Sends `op` and decodes its output, retrying what is safe to retry, within the
    /// operation timeout.
    pub async fn call<Op: Operation>(&self, op: &Op) -> Result<Op::Output, Error> {
        crate::client::send::call(self, op).await
    }

    /// Sends `op` as a dry run: with the service's dry-run parameter set to `true`. The
    /// service checks the call (permissions, parameters) without performing it;
    /// `Ok(DryRunPassed)` when it answers with its dry-run code (KEC: `DryRunOperation`,
    /// HTTP 412), `Err(Error::Service)` with any other error (e.g. `Forbidden`,
    /// `InvalidParameter`), and `Err(Error::NotDryRun)` when it answers with success: it did
    /// not dry-run the call, and may have performed it. Not retried after an answer unless
    /// the service throttled.
    pub async fn dry_run<Op: Operation>(&self, op: &Op) -> Result<DryRunPassed, Error> {
        let Some(dry) = self.service.dry_run else {
            return Err(Error::Config(format!("the {} service declares no dry-run parameter", self.service.service)));
        };
        let mut encoded = crate::client::send::Encoded::new(op);
        encoded.body.push(dry.member, "true");
        match crate::client::send::call_encoded::<_, serde_json::Value>(self, &encoded, Op::IDEMPOTENT).await {
            Err(Error::Service(e)) if e.code() == Some(dry.code) => {
                Ok(DryRunPassed { request_id: e.request_id.clone(), code: dry.code.to_owned(), status: e.status })
            }
            // A success whose body is not JSON or XML (empty, `OK`) is still a success: the
            // service did not dry-run the call.
            Err(Error::Decode(d)) if (200..300).contains(&d.status) => {
                Err(Error::NotDryRun(crate::error::NotDryRunError { action: Op::ACTION, request_id: None }))
            }
            Err(e) => Err(e),
            Ok(answer) => {
                let request_id = answer.get("RequestId").and_then(|v| v.as_str()).map(str::to_owned);
                Err(Error::NotDryRun(crate::error::NotDryRunError { action: Op::ACTION, request_id }))
            }
        }
    }

    /// The signed request for `action`. `POST` (see [`RequestMethod`]): `Action`, `Version`,
    /// `Region` when the host is global, then the query and body parameters, all in a form
    /// body (as Python's `urlencode` writes it), signed in the `Authorization` header over
    /// `content-type`, `host`, `x-amz-content-sha256` and `x-amz-date` as
    /// `requests_aws4auth` signs. `GET`: the same parameters in the query string, signed in
    /// the query. A configured [`SignatureLocation`] other than `ByMethod` overrides where
    /// the signature goes. Signed as `credentials`.
    pub fn signed_request(&self, credentials: &Credentials, action: &str, method: &str, query: &Params, body: &Params) -> HttpRequest {
        self.signed_request_with_headers(credentials, action, method, query, body, &[])
    }

    /// [`QueryClient::signed_request`] with `headers` added before signing: SigV4 signs them,
    /// whether the signature goes in the `Authorization` header or in the query.
    pub fn signed_request_with_headers(
        &self,
        credentials: &Credentials,
        action: &str,
        method: &str,
        query: &Params,
        body: &Params,
        extra_headers: &[(String, String)],
    ) -> HttpRequest {
        let method = self.request_method(method);
        let mut params: Vec<(String, String)> = vec![("Action".into(), action.into()), ("Version".into(), self.service.version.into())];
        let has_region = query.pairs().iter().chain(body.pairs()).any(|(k, _)| k == "Region");
        if self.endpoint.sends_region && !has_region {
            params.push(("Region".into(), self.endpoint.signing_region.clone()));
        }
        params.extend(query.pairs().iter().cloned());
        params.extend(body.pairs().iter().cloned());
        let (mut query, payload) = match method {
            RequestMethod::Get => (params, String::new()),
            RequestMethod::Post => (Vec::new(), crate::request::encoding::form_body_encode(&params)),
        };
        let mut headers = vec![("host".to_owned(), self.target.host.clone())];
        if method == RequestMethod::Post {
            headers.push(("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned()));
        }
        let location = match self.target.config.signature_version().unwrap_or(SignatureLocation::ByMethod) {
            SignatureLocation::ByMethod if method == RequestMethod::Get => SignatureLocation::Query,
            SignatureLocation::ByMethod => SignatureLocation::Header,
            other => other,
        };
        if location == SignatureLocation::Header {
            // requests_aws4auth (the official SDK's signer) sends and signs the body's hash.
            use sha2::Digest;
            headers.push(("x-amz-content-sha256".to_owned(), hex::encode(sha2::Sha256::digest(payload.as_bytes()))));
        }
        headers.extend(extra_headers.iter().cloned());
        let settings = sigv4::SigningSettings {
            region: &self.endpoint.signing_region,
            service: self.service.signing_name,
            time: self.target.config.clock().now(),
            location: match location {
                SignatureLocation::Query => sigv4::SignatureLocation::QueryParams,
                _ => sigv4::SignatureLocation::Headers,
            },
            expires_in: None,
        };
        // `host` is among the headers sent; the signer takes it from `host`.
        let request = SignableRequest {
            method: method.as_str(),
            host: &self.target.host,
            path: "/",
            query: &query,
            headers: &headers,
            body: SignableBody::Bytes(payload.as_bytes()),
        };
        let signature = sigv4::sign(&request, credentials, &settings);
        query.extend(signature.query);
        headers.extend(signature.headers);
        let mut headers: Vec<(Cow<'static, str>, String)> = headers.into_iter().map(|(name, value)| (name.into(), value)).collect();
        headers.push(("accept".into(), "application/json".to_owned()));
        headers.push(("user-agent".into(), self.target.user_agent.clone()));
        let url = self.target.url("/", &crate::request::encoding::form_encode(&query));
        HttpRequest { method: method.as_str().to_owned(), url, headers, body: payload.into_bytes() }
    }
}

impl crate::client::send::Wire for QueryClient {
    const PROVIDER_NAME: &'static str = "Kingsoft";
    type Key = Credentials;

    const REQUEST_ID_HEADERS: &'static [&'static str] = &[response::REQUEST_ID_HEADER];
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

    fn authorize(&self, request: &crate::client::send::Encoded, credentials: &Credentials) -> HttpRequest {
        self.signed_request_with_headers(credentials, &request.action, &request.method, &request.query, &request.body, &request.headers)
    }

    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse, sensitive: bool) -> Result<crate::response::decode::Decoded<O>, Error> {
        response::decode_answer(response, sensitive)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::clock::FixedClock;

    static KEC: ServiceInfo = ServiceInfo {
        service: "kec",
        signing_name: "kec",
        version: "2016-03-04",
        endpoint: "kec.{region}.api.ksyun.com",
        global_endpoint: None,
        regions: &[],
        dry_run: None,
    };

    fn builder() -> ConfigBuilder {
        Config::builder()
            .region("cn-beijing-6")
            .credentials(Credentials::new("AK", "secret-value"))
            .clock(FixedClock::from_unix(1_795_405_999).unwrap())
    }

    #[test]
    fn post_by_default_get_when_chosen() {
        let post = QueryClient::new(&KEC, builder().build().unwrap());
        assert_eq!((post.request_method("POST"), post.request_method("GET")), (RequestMethod::Post, RequestMethod::Get));
        let mut params = Params::new();
        params.push("InstancePassword", "p w*");
        let keys = Credentials::new("AK", "secret-value");
        let r = post.signed_request(&keys, "RunInstances", "POST", &params, &Params::new());
        assert_eq!((r.method.as_str(), r.url.as_str()), ("POST", "https://kec.cn-beijing-6.api.ksyun.com/"));
        assert_eq!(r.body, b"Action=RunInstances&Version=2016-03-04&InstancePassword=p+w%2A");

        let get = QueryClient::new(&KEC, builder().request_method(RequestMethod::Get).build().unwrap());
        assert_eq!(get.request_method("POST"), RequestMethod::Get);
        let r = get.signed_request(&keys, "RunInstances", "POST", &params, &Params::new());
        assert_eq!(r.method, "GET");
        assert!(r.body.is_empty() && r.url.starts_with("https://kec.cn-beijing-6.api.ksyun.com/?Action=RunInstances&Version=2016-03-04&InstancePassword=p%20w%2A&X-Amz-Algorithm="), "{}", r.url);
        assert!(!r.headers.iter().any(|(k, _)| k == "Authorization"));
    }

    #[test]
    fn without_a_declared_global_host_the_pattern_loses_its_region() {
        let e = ResolvedEndpoint::resolve(&KEC, &builder().global_endpoint(true).build().unwrap());
        assert_eq!(
            (e.host.as_str(), e.global, e.sends_region, e.signing_region.as_str()),
            ("kec.api.ksyun.com", true, true, "cn-beijing-6")
        );
        assert_eq!(Options::default(), Options { request_method: None, global_endpoint: false, region_parameter: None });
    }
}
