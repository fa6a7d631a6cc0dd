//! Alibaba Cloud credentials for yun's Aliyun clients: the default chain of the official
//! credentials library, its role providers over STS and the ECS metadata service, cached.
//!
//! ```no_run
//! # async fn run() -> Result<(), yun_runtime::Error> {
//! // One cache for the clients of every service: clones share it.
//! let identity = yun_aliyun_credentials::default_chain();
//! let sts = yun_aliyun_sts::Config::builder().region("cn-hangzhou").identity_provider(identity.clone()).build()?;
//! let caller = yun_aliyun_sts::Client::new(sts)
//!     .get_caller_identity(yun_aliyun_sts::operation::GetCallerIdentityInput::builder().build()?)
//!     .await?;
//! # let _ = caller; Ok(()) }
//! ```
//!
//! # The default chain
//!
//! In the order of `aliyun/credentials-go` at 9ac55b4041418ba3d0ac846cd69c000998d737b9,
//! `credentials/providers/default.go` (`NewDefaultCredentialsProvider`); the first step that
//! gives credentials is used from then on (`lastUsedProvider` there):
//!
//! 1. **environment**: `ALIBABA_CLOUD_ACCESS_KEY_ID`, `ALIBABA_CLOUD_ACCESS_KEY_SECRET` and,
//!    if set, `ALIBABA_CLOUD_SECURITY_TOKEN`;
//! 2. **OIDC role** (RRSA), when `ALIBABA_CLOUD_OIDC_TOKEN_FILE` is set: `ALIBABA_CLOUD_ROLE_ARN`,
//!    `ALIBABA_CLOUD_OIDC_PROVIDER_ARN`, through STS `AssumeRoleWithOIDC` ([`OidcRole`]);
//! 3. **CLI profile**: `ALIBABA_CLOUD_CONFIG_FILE` or `~/.aliyun/config.json`, the profile
//!    `ALIBABA_CLOUD_PROFILE` or the file's `current`, unless
//!    `ALIBABA_CLOUD_CLI_PROFILE_DISABLED=true` (modes: [`profile::parse_cli_config`]);
//! 4. **credentials file**: `ALIBABA_CLOUD_CREDENTIALS_FILE` or `~/.alibabacloud/credentials`,
//!    section `ALIBABA_CLOUD_PROFILE` or `default` ([`profile::parse_credentials_file`]);
//! 5. **ECS instance role** from the metadata service, unless
//!    `ALIBABA_CLOUD_ECS_METADATA_DISABLED=true` ([`EcsRamRole`]);
//! 6. **credentials URI**, when `ALIBABA_CLOUD_CREDENTIALS_URI` is set ([`CredentialsUri`]).
//!
//! Role options (session name, duration, policy, external id) and the STS regional and VPC
//! endpoints: [`RoleOptions`]. Not done: the profile modes `CloudSSO`, `OAuth` and `External`.
//!
//! Secrets (keys, session tokens, OIDC and metadata tokens) never show in `Debug`, logs or
//! errors.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

pub mod ecs;
pub mod profile;
mod session;
pub mod sts;
pub mod uri;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use yun_runtime::identity::{
    EnvironmentVariables, Identity, IdentityCache, IdentityFuture, Lookup, ResolveIdentity, SharedIdentityResolver,
};
use yun_runtime::Error;

pub use ecs::EcsRamRole;
pub use profile::ProfileSource;
pub use session::parse_expiration;
pub use sts::{OidcRole, RamRoleArn, RoleOptions};
pub use uri::CredentialsUri;

/// The environment variables of step 1 (`credentials-go`, `credentials/providers/env.go`): the
/// runtime's own ([`yun_runtime::aliyun::ENV_CREDENTIALS`]).
pub const ENVIRONMENT: EnvironmentVariables = yun_runtime::aliyun::ENV_CREDENTIALS;

/// The default chain as read from the process's environment now, behind one
/// [`IdentityCache`]: give clones of it to the `Config` of every client
/// (`Config::builder().identity_provider(default_chain())`), and they share one cache.
pub fn default_chain() -> SharedIdentityResolver {
    IdentityCache::new("the Aliyun default credential chain", DefaultChain::from_env()).into_shared()
}

/// The configuration a generated Aliyun client's `Client::from_env()` uses: the default
/// chain ([`default_chain`]'s steps, behind one [`IdentityCache`]) for credentials; the region
/// from `ALIBABA_CLOUD_REGION_ID`, else the CLI profile's `region_id`; the endpoint from the
/// runtime's variable, if set.
///
/// # Errors
///
/// [`Error::Config`] when neither the variable nor the profile names a region. A chain that
/// finds no credentials is no error here: each call resolves them, and fails with
/// [`Error::Credentials`] naming every step and what it lacked.
pub fn config_from_env() -> Result<yun_runtime::aliyun::Config, Error> {
    config_from_lookup(&|name| std::env::var(name).ok())
}

/// [`config_from_env`] reading variables through `lookup` (tests; other sources).
///
/// # Errors
///
/// As [`config_from_env`].
pub fn config_from_lookup(lookup: Lookup<'_>) -> Result<yun_runtime::aliyun::Config, Error> {
    use yun_runtime::config::Provider;
    let chain = DefaultChain::from_lookup(lookup);
    let profile_region = chain.region().map(str::to_owned);
    let mut builder = yun_runtime::aliyun::Config::builder()
        .identity_provider(IdentityCache::new("the Aliyun default credential chain", chain).into_shared());
    let region_env = yun_runtime::aliyun::Aliyun::REGION_ENV;
    if let (None, Some(region)) = (lookup(region_env).filter(|r| !r.is_empty()), profile_region) {
        builder = builder.region(region);
    }
    builder.from_lookup(lookup)?.build()
}

enum Step {
    Ready(SharedIdentityResolver),
    /// The step could not be set up (a broken profile file, invalid role options).
    Broken(String),
}

/// The default chain (see the [crate documentation](crate)): each step is set up when the
/// chain is built (variables read, profile files parsed); a step that could not be is kept
/// with its reason, for the error. `Debug` names the steps.
pub struct DefaultChain {
    steps: Vec<(String, Step)>,
    region: Option<String>,
    last_used: Mutex<Option<usize>>,
}

impl std::fmt::Debug for DefaultChain {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let steps: Vec<&str> = self.steps.iter().map(|(name, _)| name.as_str()).collect();
        f.debug_struct("DefaultChain").field("steps", &steps).field("region", &self.region).finish_non_exhaustive()
    }
}

impl DefaultChain {
    /// The chain for the process's environment.
    pub fn from_env() -> Self {
        Self::from_lookup(&|name| std::env::var(name).ok())
    }

    /// The chain for the variables `lookup` gives (`HOME`, or `USERPROFILE`, locates the
    /// profile files).
    pub fn from_lookup(lookup: Lookup<'_>) -> Self {
        let mut steps = Vec::new();
        let mut region = None;
        steps.push((
            "environment".to_owned(),
            match ENVIRONMENT.load(lookup) {
                Ok(c) => Step::Ready(SharedIdentityResolver::new(c)),
                Err(e) => Step::Broken(e.to_string()),
            },
        ));
        if let Some(oidc) = OidcRole::from_lookup(lookup) {
            let step = oidc.map(|p| IdentityCache::new("STS AssumeRoleWithOIDC", p).into_shared());
            steps.push(("OIDC role".to_owned(), ready(step)));
        }
        let home = yun_runtime::identity::home_dir(lookup);
        let profile = yun_runtime::identity::set(lookup, "ALIBABA_CLOUD_PROFILE");
        if !lookup("ALIBABA_CLOUD_CLI_PROFILE_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            let path = file(lookup, "ALIBABA_CLOUD_CONFIG_FILE", home.as_deref(), &[".aliyun", "config.json"]);
            let step = read(path.as_deref()).and_then(|(path, text)| {
                let (source, r) = profile::parse_cli_config(&text, profile.as_deref(), &path, lookup)?;
                region = r;
                source.provider().map_err(|e| e.to_string())
            });
            steps.push(("CLI profile".to_owned(), step.map_or_else(Step::Broken, Step::Ready)));
        }
        let path = file(lookup, "ALIBABA_CLOUD_CREDENTIALS_FILE", home.as_deref(), &[".alibabacloud", "credentials"]);
        let step = read(path.as_deref()).and_then(|(path, text)| {
            let source = profile::parse_credentials_file(&text, profile.as_deref().unwrap_or("default"), &path, lookup)?;
            source.provider().map_err(|e| e.to_string())
        });
        steps.push(("credentials file".to_owned(), step.map_or_else(Step::Broken, Step::Ready)));
        if let Some(ecs) = EcsRamRole::from_lookup(lookup) {
            let step = ecs.map(|p| IdentityCache::new("the ECS instance role", p).into_shared());
            steps.push(("ECS instance role".to_owned(), ready(step)));
        }
        if let Some(uri) = CredentialsUri::from_lookup(lookup) {
            let step = uri.map(|p| IdentityCache::new("the credentials URI", p).into_shared());
            steps.push(("credentials URI".to_owned(), ready(step)));
        }
        Self { steps, region, last_used: Mutex::new(None) }
    }

    /// A chain of these steps, tried in order (tests; other orders).
    pub fn from_steps(steps: Vec<(String, SharedIdentityResolver)>) -> Self {
        let steps = steps.into_iter().map(|(name, p)| (name, Step::Ready(p))).collect();
        Self { steps, region: None, last_used: Mutex::new(None) }
    }

    /// The names of the steps, in order.
    pub fn step_names(&self) -> Vec<&str> {
        self.steps.iter().map(|(name, _)| name.as_str()).collect()
    }

    /// The region the CLI profile names (`region_id`), if that step has one.
    pub fn region(&self) -> Option<&str> {
        self.region.as_deref()
    }

    async fn resolve(&self) -> Result<Identity, Error> {
        let last = self.last_used.lock().ok().and_then(|l| *l);
        if let Some((name, Step::Ready(p))) = last.and_then(|i| self.steps.get(i)) {
            return p.resolve_identity().await.map_err(|e| Error::Credentials(format!("{name}: {e}")));
        }
        let mut failures = Vec::new();
        for (i, (name, step)) in self.steps.iter().enumerate() {
            match step {
                Step::Ready(p) => match p.resolve_identity().await {
                    Ok(identity) => {
                        tracing::debug!(step = %name, "Aliyun credentials from the default chain");
                        if let Ok(mut l) = self.last_used.lock() {
                            *l = Some(i);
                        }
                        return Ok(identity);
                    }
                    Err(e) => {
                        tracing::debug!(step = %name, error = %e, "no Aliyun credentials from this step");
                        failures.push(format!("{name}: {e}"))
                    }
                },
                Step::Broken(why) => failures.push(format!("{name}: {why}")),
            }
        }
        Err(Error::Credentials(format!("no Aliyun credentials in the default chain: {}", failures.join("; "))))
    }
}

impl ResolveIdentity for DefaultChain {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        Box::pin(self.resolve())
    }
}

fn ready(step: Result<SharedIdentityResolver, Error>) -> Step {
    step.map_or_else(|e| Step::Broken(e.to_string()), Step::Ready)
}

/// The file `variable` names, else `parts` under `home`.
fn file(lookup: Lookup<'_>, variable: &str, home: Option<&str>, parts: &[&str]) -> Option<PathBuf> {
    lookup(variable)
        .filter(|f| !f.is_empty())
        .map(PathBuf::from)
        .or_else(|| home.map(|h| parts.iter().fold(PathBuf::from(h), |p, part| p.join(part))))
}

fn read(path: Option<&Path>) -> Result<(PathBuf, String), String> {
    let path = path.ok_or_else(|| "no home directory (HOME) to look in".to_owned())?;
    std::fs::read_to_string(path).map(|text| (path.to_owned(), text)).map_err(|e| format!("cannot read {}: {e}", path.display()))
}
