//! Role credentials from STS: [`RamRoleArn`] (`AssumeRole`, signed with a source identity,
//! through the generated `yun-aliyun-sts` client) and [`OidcRole`] (`AssumeRoleWithOIDC`,
//! anonymous: the OIDC token is the proof).
//!
//! Defaults and environment variables follow `aliyun/credentials-go` at
//! 9ac55b4041418ba3d0ac846cd69c000998d737b9 (`credentials/providers/ram_role_arn.go` and
//! `oidc.go`, the builders' `Build`): a session of 3600 s (at least 900), the session name
//! from `ALIBABA_CLOUD_ROLE_SESSION_NAME` or generated, and the endpoint
//! `sts.aliyuncs.com`, or `sts.<region>.aliyuncs.com` for the region given or in
//! `ALIBABA_CLOUD_STS_REGION`, `sts-vpc.<region>.aliyuncs.com` when the VPC endpoint is asked
//! for or `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED` is `true`.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use yun_runtime::clock::{Clock, SystemClock};
use yun_runtime::identity::{Identity, IdentityFuture, Lookup, ResolveIdentity, SharedIdentityResolver};
use yun_runtime::Error;

/// The session duration asked for when none is given: 3600 seconds.
pub const DEFAULT_DURATION_SECONDS: u32 = 3600;
/// The shortest session STS grants: 900 seconds.
pub const MIN_DURATION_SECONDS: u32 = 900;

/// The STS endpoint URL (`https://host`) for `region`, on the VPC network if `vpc`
/// (`sts-vpc.<region>.aliyuncs.com`); without a region the central `sts.aliyuncs.com`, VPC
/// or not, as the library's builders do.
pub fn sts_endpoint(region: Option<&str>, vpc: bool) -> String {
    let prefix = if vpc { "sts-vpc" } else { "sts" };
    match region.filter(|r| !r.is_empty()) {
        Some(region) => format!("https://{prefix}.{region}.aliyuncs.com"),
        None => "https://sts.aliyuncs.com".to_owned(),
    }
}

/// The endpoint for a role whose own settings (a profile's `sts_region`, `enable_vpc`) are
/// `region` and `vpc`: the profile's region, else `ALIBABA_CLOUD_STS_REGION`; VPC if the
/// profile or `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED=true` asks for it (the library's `Build`).
pub fn sts_endpoint_from(region: Option<&str>, vpc: bool, lookup: Lookup<'_>) -> String {
    let vpc = vpc || lookup("ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED").is_some_and(|v| v.eq_ignore_ascii_case("true"));
    let env_region = lookup("ALIBABA_CLOUD_STS_REGION");
    sts_endpoint(region.filter(|r| !r.is_empty()).or(env_region.as_deref()), vpc)
}

/// What a role is assumed with: the role, the session's name, duration, policy and
/// external id, and where STS is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoleOptions {
    /// The role, `acs:ram::<account>:role/<name>`.
    pub role_arn: String,
    /// The session's name (shows in the role's ARN and in ActionTrail).
    pub session_name: String,
    /// How long the credentials last, in seconds (900 up to the role's maximum).
    pub duration_seconds: u32,
    /// A policy (JSON) narrowing the role's permissions, if any.
    pub policy: Option<String>,
    /// The external id the role's trust policy asks for, if any (`AssumeRole` only).
    pub external_id: Option<String>,
    /// The STS endpoint, `https://host[:port]` (see [`sts_endpoint`]).
    pub endpoint: String,
}

impl RoleOptions {
    /// Options for `role_arn`, the rest from the environment (through `lookup`):
    /// `ALIBABA_CLOUD_ROLE_SESSION_NAME` (else `yun-<unix microseconds>`),
    /// `ALIBABA_CLOUD_STS_REGION` and `ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED` for the endpoint.
    pub fn new(role_arn: impl Into<String>, lookup: Lookup<'_>) -> Self {
        let now = SystemClock.now();
        let session_name = lookup("ALIBABA_CLOUD_ROLE_SESSION_NAME")
            .filter(|s| !s.is_empty())
            .unwrap_or_else(|| format!("yun-{}", now.unix_timestamp_nanos() / 1000));
        Self {
            role_arn: role_arn.into(),
            session_name,
            duration_seconds: DEFAULT_DURATION_SECONDS,
            policy: None,
            external_id: None,
            endpoint: sts_endpoint_from(None, false, lookup),
        }
    }

    /// Checks the options: a role ARN, a session name, a duration of at least 900 s, an
    /// `http(s)://` endpoint.
    pub fn validate(&self) -> Result<(), Error> {
        let problem = if self.role_arn.trim().is_empty() {
            Some("no role ARN".to_owned())
        } else if self.session_name.trim().is_empty() {
            Some("an empty session name".to_owned())
        } else if self.duration_seconds < MIN_DURATION_SECONDS {
            Some(format!("a session of {} s; STS grants {MIN_DURATION_SECONDS} s at least", self.duration_seconds))
        } else if !(self.endpoint.starts_with("https://") || self.endpoint.starts_with("http://")) {
            Some(format!("STS endpoint `{}`, not an http(s):// URL", self.endpoint))
        } else {
            None
        };
        match problem {
            Some(p) => Err(Error::Config(format!("cannot assume role `{}`: {p}", self.role_arn))),
            None => Ok(()),
        }
    }
}

/// Temporary credentials of a RAM role, from STS `AssumeRole` signed with the identity of
/// `source` (an access key pair, itself possibly temporary). Asks STS at every
/// [`ResolveIdentity::resolve_identity`]: wrap it in an
/// [`IdentityCache`](yun_runtime::identity::IdentityCache) (as [`crate::default_chain`] does).
#[derive(Debug, Clone)]
pub struct RamRoleArn {
    options: RoleOptions,
    client: yun_aliyun_sts::Client,
}

impl RamRoleArn {
    /// Assumes the role of `options` as `source`. Errors: the options are invalid
    /// ([`RoleOptions::validate`]), or the client cannot be built.
    pub fn new(source: impl ResolveIdentity + 'static, options: RoleOptions) -> Result<Self, Error> {
        options.validate()?;
        // The region only fills the endpoint pattern, which the endpoint overrides.
        let config = yun_aliyun_sts::Config::builder()
            .region("cn-hangzhou")
            .endpoint(options.endpoint.clone())
            .identity_provider(source)
            .signature_version(yun_aliyun_sts::SignatureVersion::HmacSha1)
            .build()?;
        Ok(Self { options, client: yun_aliyun_sts::Client::new(config) })
    }

    /// The options the role is assumed with.
    pub fn options(&self) -> &RoleOptions {
        &self.options
    }

    async fn assume(&self) -> Result<Identity, Error> {
        let o = &self.options;
        let what = || format!("STS AssumeRole of `{}` at {}", o.role_arn, o.endpoint);
        let input = yun_aliyun_sts::operation::AssumeRoleInput::builder()
            .role_arn(&o.role_arn)
            .role_session_name(&o.session_name)
            .duration_seconds(i64::from(o.duration_seconds))
            .set_policy(o.policy.clone())
            .set_external_id(o.external_id.clone())
            .build()
            .map_err(|e| Error::Config(format!("{}: {e}", what())))?;
        let output = self.client.assume_role(input).await.map_err(|e| Error::Credentials(format!("{}: {e}", what())))?;
        let body = output.credentials.ok_or_else(|| Error::Credentials(format!("{} answered no Credentials", what())))?;
        let session = crate::session::SessionBody {
            access_key_id: body.access_key_id,
            access_key_secret: body.access_key_secret,
            security_token: body.security_token,
            expiration: body.expiration,
            code: None,
        };
        session.into_credentials(&what()).map(Identity::AccessKey).map_err(Error::Credentials)
    }
}

impl ResolveIdentity for RamRoleArn {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        Box::pin(self.assume())
    }
}

/// Temporary credentials of a RAM role for an OIDC token (RRSA on ACK: the token file the
/// cluster mounts into the pod), from STS `AssumeRoleWithOIDC` through the generated
/// `yun-aliyun-sts` client. The call is anonymous, as the SDK makes it
/// (`alibabacloud-go/sts-20150401` at 0a9e531, `client/client.go`,
/// `AssumeRoleWithOIDCWithOptions`: `AuthType: "Anonymous"`; the spec's `anonymous: true`), its
/// members in the form body as the credentials library sends them (`credentials-go`,
/// `oidc.go`), so the token stays out of URLs.
///
/// The token file is read at every resolution (the cluster rotates it). Asks STS every time:
/// wrap it in an [`IdentityCache`](yun_runtime::identity::IdentityCache).
pub struct OidcRole {
    options: RoleOptions,
    provider_arn: String,
    token_file: PathBuf,
    client: yun_aliyun_sts::Client,
}

impl fmt::Debug for OidcRole {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("OidcRole")
            .field("options", &self.options)
            .field("provider_arn", &self.provider_arn)
            .field("token_file", &self.token_file)
            .finish_non_exhaustive()
    }
}

impl OidcRole {
    /// Assumes the role of `options` with the OIDC provider `provider_arn`
    /// (`acs:ram::<account>:oidc-provider/<name>`) and the token in `token_file`. Errors: the
    /// options are invalid, or the client cannot be built.
    pub fn new(options: RoleOptions, provider_arn: impl Into<String>, token_file: impl Into<PathBuf>) -> Result<Self, Error> {
        Self::with_config(options, provider_arn, token_file, |b| b)
    }

    fn with_config(
        options: RoleOptions,
        provider_arn: impl Into<String>,
        token_file: impl Into<PathBuf>,
        tweak: impl FnOnce(yun_aliyun_sts::ConfigBuilder) -> yun_aliyun_sts::ConfigBuilder,
    ) -> Result<Self, Error> {
        options.validate()?;
        let provider_arn = provider_arn.into();
        if provider_arn.trim().is_empty() {
            return Err(Error::Config(format!("cannot assume role `{}` with OIDC: no OIDC provider ARN", options.role_arn)));
        }
        // The region only fills the endpoint pattern, which the endpoint overrides; the call
        // is unsigned, so the client holds no identity.
        let builder = yun_aliyun_sts::Config::builder()
            .region("cn-hangzhou")
            .endpoint(options.endpoint.clone())
            .identity_provider(yun_runtime::identity::NoIdentity)
            .connect_timeout(Duration::from_secs(5))
            .attempt_timeout(Duration::from_secs(10))
            .operation_timeout(Duration::from_secs(10));
        let client = yun_aliyun_sts::Client::new(tweak(builder).build()?);
        Ok(Self { options, provider_arn, token_file: token_file.into(), client })
    }

    /// The role, provider and token file from `ALIBABA_CLOUD_ROLE_ARN`,
    /// `ALIBABA_CLOUD_OIDC_PROVIDER_ARN` and `ALIBABA_CLOUD_OIDC_TOKEN_FILE` (the rest as
    /// [`RoleOptions::new`]); `None` when the token file variable is not set, as the library
    /// skips the step then.
    pub fn from_lookup(lookup: Lookup<'_>) -> Option<Result<Self, Error>> {
        let token_file = lookup("ALIBABA_CLOUD_OIDC_TOKEN_FILE").filter(|f| !f.is_empty())?;
        let role_arn = lookup("ALIBABA_CLOUD_ROLE_ARN").unwrap_or_default();
        let provider_arn = lookup("ALIBABA_CLOUD_OIDC_PROVIDER_ARN").unwrap_or_default();
        Some(Self::new(RoleOptions::new(role_arn, lookup), provider_arn, token_file))
    }

    /// Reads the time for the `Timestamp` parameter from `clock` (tests).
    pub fn with_clock(self, clock: impl Clock + 'static) -> Self {
        let config = self.client.config().clone();
        let rebuilt = Self::with_config(self.options.clone(), self.provider_arn.clone(), self.token_file.clone(), |b| b.clock(clock));
        // The options were valid a moment ago; keep the client as it was if rebuilding fails.
        rebuilt.unwrap_or_else(|_| Self { client: yun_aliyun_sts::Client::new(config), ..self })
    }

    async fn assume(&self) -> Result<Identity, Error> {
        let o = &self.options;
        let what = || format!("STS AssumeRoleWithOIDC of `{}` at {}", o.role_arn, o.endpoint);
        let token = std::fs::read_to_string(&self.token_file)
            .map_err(|e| Error::Credentials(format!("{}: cannot read the OIDC token file {}: {e}", what(), self.token_file.display())))?;
        let token = token.trim();
        if token.is_empty() {
            return Err(Error::Credentials(format!("{}: the OIDC token file {} is empty", what(), self.token_file.display())));
        }
        let input = yun_aliyun_sts::operation::AssumeRoleWithOidcInput::builder()
            .role_arn(&o.role_arn)
            .oidc_provider_arn(&self.provider_arn)
            .oidc_token(token)
            .role_session_name(&o.session_name)
            .duration_seconds(i64::from(o.duration_seconds))
            .set_policy(o.policy.clone())
            .build()
            .map_err(|e| Error::Config(format!("{}: {e}", what())))?;
        let output = self
            .client
            .assume_role_with_oidc(input)
            .await
            .map_err(|e| Error::Credentials(format!("{}: {}", what(), redact(&e.to_string(), token))))?;
        let body = output.credentials.ok_or_else(|| Error::Credentials(format!("{} answered no Credentials", what())))?;
        let session = crate::session::SessionBody {
            access_key_id: body.access_key_id,
            access_key_secret: body.access_key_secret,
            security_token: body.security_token,
            expiration: body.expiration,
            code: None,
        };
        session.into_credentials(&what()).map(Identity::AccessKey).map_err(Error::Credentials)
    }
}

/// `text` with every occurrence of the OIDC token hidden (an error that quotes the request).
fn redact(text: &str, token: &str) -> String {
    if token.is_empty() {
        text.to_owned()
    } else {
        text.replace(token, yun_runtime::redact::REDACTED)
    }
}

impl ResolveIdentity for OidcRole {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        Box::pin(self.assume())
    }
}

/// `source` as a shared provider, cached when it fetches temporary credentials.
pub(crate) fn cached(name: String, provider: impl ResolveIdentity + 'static) -> SharedIdentityResolver {
    yun_runtime::identity::IdentityCache::new(name, provider).into_shared()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn endpoints_follow_the_library() {
        assert_eq!(sts_endpoint(None, false), "https://sts.aliyuncs.com");
        assert_eq!(sts_endpoint(Some("cn-shanghai"), false), "https://sts.cn-shanghai.aliyuncs.com");
        assert_eq!(sts_endpoint(Some("cn-shanghai"), true), "https://sts-vpc.cn-shanghai.aliyuncs.com");
        assert_eq!(sts_endpoint(None, true), "https://sts.aliyuncs.com");
        let vpc_only = |name: &str| (name == "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED").then(|| "true".to_owned());
        assert_eq!(sts_endpoint_from(Some("cn-wulanchabu"), false, &vpc_only), "https://sts-vpc.cn-wulanchabu.aliyuncs.com");
        let region_only = |name: &str| (name == "ALIBABA_CLOUD_STS_REGION").then(|| "cn-shenzhen".to_owned());
        assert_eq!(sts_endpoint_from(None, true, &region_only), "https://sts-vpc.cn-shenzhen.aliyuncs.com");
        assert_eq!(sts_endpoint_from(Some("cn-beijing"), false, &region_only), "https://sts.cn-beijing.aliyuncs.com");
        let env = |name: &str| match name {
            "ALIBABA_CLOUD_STS_REGION" => Some("cn-beijing".to_owned()),
            "ALIBABA_CLOUD_VPC_ENDPOINT_ENABLED" => Some("TRUE".to_owned()),
            "ALIBABA_CLOUD_ROLE_SESSION_NAME" => Some("ci".to_owned()),
            _ => None,
        };
        let o = RoleOptions::new("acs:ram::1:role/r", &env);
        assert_eq!(
            (o.endpoint.as_str(), o.session_name.as_str(), o.duration_seconds),
            ("https://sts-vpc.cn-beijing.aliyuncs.com", "ci", 3600)
        );
        let o = RoleOptions::new("acs:ram::1:role/r", &|_| None);
        assert!(o.session_name.starts_with("yun-") && o.endpoint == "https://sts.aliyuncs.com", "{o:?}");
        let short = RoleOptions { duration_seconds: 899, ..o.clone() };
        let e = short.validate().unwrap_err().to_string();
        assert_eq!(
            e,
            "invalid client configuration: cannot assume role `acs:ram::1:role/r`: a session of 899 s; STS grants 900 s at least"
        );
        assert!(RoleOptions { role_arn: " ".into(), ..o }.validate().unwrap_err().to_string().contains("no role ARN"));
    }
}
