//! The ECS instance's RAM role, from the metadata service (`http://100.100.100.200`).
//!
//! As `aliyun/credentials-go` at 9ac55b4041418ba3d0ac846cd69c000998d737b9 does it
//! (`credentials/providers/ecs_ram_role.go`): an IMDSv2 session token first
//! (`PUT /latest/api/token` with `X-aliyun-ecs-metadata-token-ttl-seconds: 21600`), sent as
//! `x-aliyun-ecs-metadata-token`; without one (an old instance) the requests go without it
//! unless `ALIBABA_CLOUD_IMDSV1_DISABLED` is `true`; the role name from
//! `ALIBABA_CLOUD_ECS_METADATA` or else from `GET /latest/meta-data/ram/security-credentials/`;
//! the credentials from `GET /latest/meta-data/ram/security-credentials/<role>`, whose `Code`
//! must be `Success`; 1 s to connect and 1 s to read each answer;
//! `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` switches the step off.

use std::borrow::Cow;
use std::time::Duration;

use yun_runtime::client::http::{HttpClient, HttpRequest, HttpResponse, Timeouts};
use yun_runtime::identity::{Identity, IdentityFuture, Lookup, ResolveIdentity};
use yun_runtime::redact::Secret;
use yun_runtime::Error;

use crate::session::{excerpt, SessionBody};

/// The metadata service's address on every ECS instance.
pub const DEFAULT_METADATA_ENDPOINT: &str = "http://100.100.100.200";
/// Lifetime asked for the IMDSv2 session token: 21600 s (6 hours), the library's.
pub const METADATA_TOKEN_TTL_SECONDS: u32 = 21_600;
const CREDENTIALS_PATH: &str = "/latest/meta-data/ram/security-credentials/";

/// The instance's RAM role credentials (see the [module documentation](self)). Asks the
/// metadata service every time: wrap it in an
/// [`IdentityCache`](yun_runtime::identity::IdentityCache).
#[derive(Debug, Clone)]
pub struct EcsRamRole {
    endpoint: String,
    role_name: Option<String>,
    imdsv1_disabled: bool,
    http: HttpClient,
}

impl EcsRamRole {
    /// The role `role_name` (`None`: the one attached to the instance, asked of the service)
    /// at [`DEFAULT_METADATA_ENDPOINT`], IMDSv1 fallback allowed. Error: the HTTP client cannot
    /// be built.
    pub fn new(role_name: Option<String>) -> Result<Self, Error> {
        let timeouts = Timeouts { connect: Duration::from_secs(1), attempt: Duration::from_secs(1), operation: Duration::from_secs(5) };
        Ok(Self {
            endpoint: DEFAULT_METADATA_ENDPOINT.to_owned(),
            role_name: role_name.filter(|r| !r.trim().is_empty()),
            imdsv1_disabled: false,
            http: HttpClient::new(timeouts)?,
        })
    }

    /// As the environment says (through `lookup`): `None` when
    /// `ALIBABA_CLOUD_ECS_METADATA_DISABLED` is `true`; the role from
    /// `ALIBABA_CLOUD_ECS_METADATA`; IMDSv1 refused when `ALIBABA_CLOUD_IMDSV1_DISABLED` is
    /// `true`.
    pub fn from_lookup(lookup: Lookup<'_>) -> Option<Result<Self, Error>> {
        let is_true = |name: &str| lookup(name).is_some_and(|v| v.eq_ignore_ascii_case("true"));
        if is_true("ALIBABA_CLOUD_ECS_METADATA_DISABLED") {
            return None;
        }
        let disabled = is_true("ALIBABA_CLOUD_IMDSV1_DISABLED");
        Some(Self::new(lookup("ALIBABA_CLOUD_ECS_METADATA")).map(|p| p.with_imdsv1_disabled(disabled)))
    }

    /// Asks this metadata endpoint (`http://host[:port]`) instead, e.g. a local stand-in.
    pub fn with_endpoint(mut self, endpoint: impl Into<String>) -> Self {
        self.endpoint = endpoint.into().trim_end_matches('/').to_owned();
        self
    }

    /// Refuses to go on without an IMDSv2 token (`true`), or allows it (`false`, the default).
    pub fn with_imdsv1_disabled(mut self, disabled: bool) -> Self {
        self.imdsv1_disabled = disabled;
        self
    }

    /// Other limits on each answer: `connect` to connect, `read` for the whole answer.
    pub fn with_timeouts(mut self, connect: Duration, read: Duration) -> Result<Self, Error> {
        self.http = HttpClient::new(Timeouts { connect, attempt: read, operation: read * 3 + connect * 3 })?;
        Ok(self)
    }

    async fn get(&self, method: &str, path: &str, headers: Vec<(Cow<'static, str>, String)>) -> Result<HttpResponse, Error> {
        let request = HttpRequest { method: method.into(), url: format!("{}{path}", self.endpoint), headers, body: Vec::new() };
        self.http.send(request).await
    }

    async fn metadata_token(&self) -> Result<Option<Secret>, Error> {
        let ttl = vec![("X-aliyun-ecs-metadata-token-ttl-seconds".into(), METADATA_TOKEN_TTL_SECONDS.to_string())];
        let failure = match self.get("PUT", "/latest/api/token", ttl).await {
            Ok(r) if r.status == 200 && !r.body.is_empty() => {
                return Ok(Some(Secret::new(String::from_utf8_lossy(&r.body).trim())));
            }
            Ok(r) => format!("HTTP {}", r.status),
            Err(e) => e.to_string(),
        };
        if self.imdsv1_disabled {
            Err(Error::Credentials(format!(
                "the ECS metadata service at {}: no IMDSv2 token ({failure}), and ALIBABA_CLOUD_IMDSV1_DISABLED forbids going on without one",
                self.endpoint
            )))
        } else {
            Ok(None)
        }
    }

    async fn fetch(&self) -> Result<Identity, Error> {
        let what = format!("the ECS metadata service at {}", self.endpoint);
        let fail = |m: String| Error::Credentials(format!("{what}: {m}"));
        let token = self.metadata_token().await?;
        let headers = || match &token {
            Some(t) => vec![("x-aliyun-ecs-metadata-token".into(), t.expose().to_owned())],
            None => Vec::new(),
        };
        let role = match &self.role_name {
            Some(role) if role.contains(['/', '?', '#', '\n']) => {
                return Err(fail(format!("role name `{}` has a `/`, `?`, `#` or line break", role.escape_debug())));
            }
            Some(role) => role.clone(),
            None => {
                let r = self.get("GET", CREDENTIALS_PATH, headers()).await.map_err(|e| fail(format!("role name: {e}")))?;
                let name = String::from_utf8_lossy(&r.body).trim().to_owned();
                if r.status != 200 || name.is_empty() || name.contains(['/', '\n', '?', '#']) {
                    return Err(fail(format!(
                        "no RAM role name (HTTP {}: {}); is a role attached to the instance?",
                        r.status,
                        excerpt(&r.body, None)
                    )));
                }
                name
            }
        };
        let r = self
            .get("GET", &format!("{CREDENTIALS_PATH}{role}"), headers())
            .await
            .map_err(|e| fail(format!("credentials of role `{role}`: {e}")))?;
        if r.status != 200 {
            return Err(fail(format!("credentials of role `{role}`: HTTP {}: {}", r.status, excerpt(&r.body, None))));
        }
        let body: SessionBody =
            serde_json::from_slice(&r.body).map_err(|e| fail(format!("credentials of role `{role}` are not JSON: {e}")))?;
        match body.code.as_deref() {
            Some("Success") => {}
            other => return Err(fail(format!("credentials of role `{role}`: Code is {other:?}, not \"Success\""))),
        }
        body.into_credentials(&format!("{what} (role `{role}`)")).map(Identity::AccessKey).map_err(Error::Credentials)
    }
}

impl ResolveIdentity for EcsRamRole {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        Box::pin(self.fetch())
    }
}
