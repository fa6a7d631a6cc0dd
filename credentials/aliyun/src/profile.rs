//! The profile files: the CLI's `~/.aliyun/config.json` and the shared
//! `~/.alibabacloud/credentials` (ini), parsed into what each profile asks for
//! ([`ProfileSource`]), then made providers ([`ProfileSource::provider`]).
//!
//! Modes and keys as `aliyun/credentials-go` at 9ac55b4041418ba3d0ac846cd69c000998d737b9 reads
//! them: `credentials/providers/cli_profile.go` (`getCredentialsProvider`; `AK`, `StsToken`,
//! `RamRoleArn`, `EcsRamRole`, `OIDC`, `ChainableRamRoleArn` — yun does not do `CloudSSO`,
//! `OAuth` and `External`) and `credentials/providers/profile.go` (`type` = `access_key`,
//! `ecs_ram_role`, `ram_role_arn`).

use std::collections::HashSet;
use std::path::Path;

use yun_runtime::aliyun::profile::{CliConfig, CliProfile};
use yun_runtime::identity::{Lookup, SharedIdentityResolver};
use yun_runtime::Credentials;

use crate::ecs::EcsRamRole;
use crate::sts::{cached, OidcRole, RamRoleArn, RoleOptions};

/// How deep `ChainableRamRoleArn` profiles may name their sources (a loop is an error
/// before this).
const MAX_CHAIN: usize = 8;

/// What one profile asks for. `Debug` hides the secrets ([`Credentials`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProfileSource {
    /// Fixed keys (`AK`, `StsToken`, `access_key`).
    Static(Credentials),
    /// A role assumed with STS `AssumeRole` as `source` (`RamRoleArn`, `ram_role_arn`,
    /// `ChainableRamRoleArn`).
    AssumeRole {
        /// Whose identity asks.
        source: Box<ProfileSource>,
        /// The role and session.
        role: RoleOptions,
    },
    /// A role for an OIDC token (`OIDC`).
    Oidc {
        /// The role and session.
        role: RoleOptions,
        /// The OIDC provider's ARN.
        provider_arn: String,
        /// The file holding the token.
        token_file: String,
    },
    /// The ECS instance's role (`EcsRamRole`, `ecs_ram_role`); `None`: ask the instance.
    EcsRamRole(Option<String>),
}

impl ProfileSource {
    /// The provider this profile stands for: fixed keys as they are; STS and the metadata
    /// service behind an [`IdentityCache`](yun_runtime::identity::IdentityCache) each, so a
    /// chained role's source is not asked again for every renewal. Errors (invalid role
    /// options) name the role.
    pub fn provider(&self) -> Result<SharedIdentityResolver, yun_runtime::Error> {
        Ok(match self {
            Self::Static(c) => SharedIdentityResolver::new(c.clone()),
            Self::AssumeRole { source, role } => {
                cached(format!("STS AssumeRole of `{}`", role.role_arn), RamRoleArn::new(source.provider()?, role.clone())?)
            }
            Self::Oidc { role, provider_arn, token_file } => cached(
                format!("STS AssumeRoleWithOIDC of `{}`", role.role_arn),
                OidcRole::new(role.clone(), provider_arn.clone(), token_file.clone())?,
            ),
            Self::EcsRamRole(name) => cached("the ECS instance role".to_owned(), EcsRamRole::new(name.clone())?),
        })
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_owned())
}

fn key_pair(id: &str, secret: &str, whose: &str) -> Result<Credentials, String> {
    match (non_empty(id), non_empty(secret)) {
        (Some(id), Some(secret)) => Ok(Credentials::new(id, secret)),
        _ => Err(format!("{whose} has no access key pair (access_key_id and access_key_secret)")),
    }
}

/// A profile's role keys, as the file spells them.
struct RoleKeys<'a> {
    arn: &'a str,
    session: &'a str,
    seconds: u32,
    sts_region: &'a str,
    vpc: bool,
    policy: &'a str,
    external_id: &'a str,
}

/// Role options from a profile's keys; the session name, endpoint and duration default as
/// in [`RoleOptions::new`].
fn role(lookup: Lookup<'_>, keys: RoleKeys<'_>) -> RoleOptions {
    let mut role = RoleOptions::new(keys.arn, lookup);
    if let Some(s) = non_empty(keys.session) {
        role.session_name = s;
    }
    if keys.seconds != 0 {
        role.duration_seconds = keys.seconds;
    }
    role.endpoint = crate::sts::sts_endpoint_from(non_empty(keys.sts_region).as_deref(), keys.vpc, lookup);
    role.policy = non_empty(keys.policy);
    role.external_id = non_empty(keys.external_id);
    role
}

/// Profile `name` (none: the file's `current`) of a CLI `config.json` whose text is `text`
/// (parsed by the runtime's [`CliConfig`]). `file` names it in errors, which say what is
/// wrong and hold no secret; the region the profile names comes back too.
pub fn parse_cli_config(
    text: &str,
    name: Option<&str>,
    file: &Path,
    lookup: Lookup<'_>,
) -> Result<(ProfileSource, Option<String>), String> {
    let parsed = CliConfig::parse(text, file)?;
    let profile = parsed.profile(name, file)?;
    let source = cli_source(&parsed, profile, file, lookup, &mut HashSet::new())?;
    Ok((source, profile.region()))
}

fn cli_source(
    file: &CliConfig,
    p: &CliProfile,
    path: &Path,
    lookup: Lookup<'_>,
    seen: &mut HashSet<String>,
) -> Result<ProfileSource, String> {
    let name = &p.name;
    if !seen.insert(name.to_owned()) || seen.len() > MAX_CHAIN {
        return Err(format!("profile `{name}` in {} is its own source (a loop of source_profile)", path.display()));
    }
    let whose = format!("profile `{name}` (mode {}) in {}", p.mode, path.display());
    let role_of = |p: &CliProfile| {
        let keys = RoleKeys {
            arn: &p.ram_role_arn,
            session: &p.ram_session_name,
            seconds: p.expired_seconds,
            sts_region: &p.sts_region,
            vpc: p.enable_vpc,
            policy: &p.policy,
            external_id: &p.external_id,
        };
        role(lookup, keys)
    };
    let needs_role = |p: &CliProfile| match non_empty(&p.ram_role_arn) {
        Some(_) => Ok(()),
        None => Err(format!("{whose} has no ram_role_arn")),
    };
    Ok(match p.mode.as_str() {
        "AK" | "" => ProfileSource::Static(p.key_pair(&whose)?),
        "StsToken" => match non_empty(&p.sts_token) {
            Some(token) => ProfileSource::Static(p.key_pair(&whose)?.with_security_token(token)),
            None => return Err(format!("{whose} has no sts_token")),
        },
        "RamRoleArn" => {
            needs_role(p)?;
            ProfileSource::AssumeRole { source: Box::new(ProfileSource::Static(p.key_pair(&whose)?)), role: role_of(p) }
        }
        "ChainableRamRoleArn" => {
            needs_role(p)?;
            let from = non_empty(&p.source_profile).ok_or_else(|| format!("{whose} has no source_profile"))?;
            let source = file
                .profile(Some(&from), path)
                .and_then(|from| cli_source(file, from, path, lookup, seen))
                .map_err(|e| format!("{whose}: its source: {e}"))?;
            ProfileSource::AssumeRole { source: Box::new(source), role: role_of(p) }
        }
        "EcsRamRole" => ProfileSource::EcsRamRole(non_empty(&p.ram_role_name)),
        "OIDC" => {
            needs_role(p)?;
            match (non_empty(&p.oidc_provider_arn), non_empty(&p.oidc_token_file)) {
                (Some(provider_arn), Some(token_file)) => ProfileSource::Oidc { role: role_of(p), provider_arn, token_file },
                _ => return Err(format!("{whose} needs oidc_provider_arn and oidc_token_file")),
            }
        }
        other => {
            return Err(format!(
                "{whose}: mode `{other}` is not supported by yun (AK, StsToken, RamRoleArn, ChainableRamRoleArn, EcsRamRole and OIDC are)"
            ))
        }
    })
}

/// The sections of an ini file in order, each with its `(key, value)` pairs in order.
pub type IniSections = Vec<(String, Vec<(String, String)>)>;

/// An ini file as `section → [(key, value)]`: `[section]` headers, `key = value` lines,
/// comments from `#` or `;` at the start of a line, blank lines skipped, keys and values
/// trimmed. The error names the line that is none of these.
pub fn parse_ini(text: &str) -> Result<IniSections, String> {
    let mut sections: IniSections = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim();
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(name) = line.strip_prefix('[') {
            let name = name.strip_suffix(']').ok_or_else(|| format!("line {}: a section header without `]`", i + 1))?;
            sections.push((name.trim().to_owned(), Vec::new()));
            continue;
        }
        let (key, value) = line.split_once('=').ok_or_else(|| format!("line {}: neither `[section]` nor `key = value`", i + 1))?;
        let section = sections.last_mut().ok_or_else(|| format!("line {}: a key before any `[section]`", i + 1))?;
        section.1.push((key.trim().to_owned(), value.trim().to_owned()));
    }
    Ok(sections)
}

/// Profile `name` of a `~/.alibabacloud/credentials` file whose text is `text` (`file`
/// names it in errors; no error holds a value but the `type`).
pub fn parse_credentials_file(text: &str, name: &str, file: &Path, lookup: Lookup<'_>) -> Result<ProfileSource, String> {
    let sections = parse_ini(text).map_err(|e| format!("{} is not an ini file: {e}", file.display()))?;
    let (_, keys) = sections.iter().find(|(s, _)| s == name).ok_or_else(|| format!("{} has no section [{name}]", file.display()))?;
    let get = |key: &str| keys.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str()).unwrap_or("");
    let whose = format!("[{name}] of {}", file.display());
    Ok(match get("type") {
        "access_key" => ProfileSource::Static(key_pair(get("access_key_id"), get("access_key_secret"), &whose)?),
        "ecs_ram_role" => match non_empty(get("role_name")) {
            Some(role) => ProfileSource::EcsRamRole(Some(role)),
            None => return Err(format!("{whose} (type ecs_ram_role) has no role_name")),
        },
        "ram_role_arn" => {
            let source = ProfileSource::Static(key_pair(get("access_key_id"), get("access_key_secret"), &whose)?);
            if non_empty(get("role_arn")).is_none() || non_empty(get("role_session_name")).is_none() {
                return Err(format!("{whose} (type ram_role_arn) needs role_arn and role_session_name"));
            }
            let seconds = match get("duration_seconds") {
                "" => 0,
                s => s.parse().map_err(|_| format!("{whose}: duration_seconds `{s}` is not a number of seconds"))?,
            };
            let keys = RoleKeys {
                arn: get("role_arn"),
                session: get("role_session_name"),
                seconds,
                sts_region: "",
                vpc: false,
                policy: get("policy"),
                external_id: get("external_id"),
            };
            let role = role(lookup, keys);
            ProfileSource::AssumeRole { source: Box::new(source), role }
        }
        "" => return Err(format!("{whose} has no type")),
        other => return Err(format!("{whose}: type `{other}` is not supported by yun (access_key, ecs_ram_role and ram_role_arn are)")),
    })
}
