//! Credentials from the Aliyun CLI's profile file (`~/.aliyun/config.json`), read the way the
//! official credentials library reads it: the profile named by `ALIBABA_CLOUD_PROFILE`, else
//! the file's `current`; modes `AK` and `StsToken`. The file is parsed by [`CliConfig`], the
//! one parser of it: `yun-aliyun-credentials` reads the other modes (roles, OIDC, the ECS
//! instance role) from it too.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::identity::Credentials;
use crate::identity::{Identity, IdentityFuture, Lookup, ResolveIdentity};

/// The CLI's `config.json`, parsed once for every reader: this module's [`ProfileFile`]
/// (modes `AK` and `StsToken`) and `yun-aliyun-credentials`, which turns the other modes
/// (roles, OIDC, the ECS instance role) into providers. The keys are those
/// `aliyun/credentials-go` reads (`credentials/providers/cli_profile.go`); a key that is
/// absent or `null` is empty (`""`, `0`, `false`), unknown keys are ignored.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CliConfig {
    /// The profile used when none is named (empty: none).
    #[serde(deserialize_with = "or_default")]
    pub current: String,
    /// Every profile, in the file's order.
    #[serde(deserialize_with = "or_default")]
    pub profiles: Vec<CliProfile>,
}

/// One profile of [`CliConfig`]. `Debug` shows its name and mode only.
#[derive(Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(default)]
pub struct CliProfile {
    /// Its name.
    #[serde(deserialize_with = "or_default")]
    pub name: String,
    /// `AK` (also when empty), `StsToken`, `RamRoleArn`, `ChainableRamRoleArn`, `EcsRamRole`,
    /// `OIDC`, or a mode yun does not read.
    #[serde(deserialize_with = "or_default")]
    pub mode: String,
    /// The access key id.
    #[serde(deserialize_with = "or_default")]
    pub access_key_id: String,
    /// The access key secret.
    #[serde(deserialize_with = "or_default")]
    pub access_key_secret: String,
    /// The STS token (`StsToken`).
    #[serde(deserialize_with = "or_default")]
    pub sts_token: String,
    /// The role to assume (`RamRoleArn`, `ChainableRamRoleArn`, `OIDC`).
    #[serde(deserialize_with = "or_default")]
    pub ram_role_arn: String,
    /// The role session's name.
    #[serde(deserialize_with = "or_default")]
    pub ram_session_name: String,
    /// The role session's duration in seconds (0: the default).
    #[serde(deserialize_with = "or_default")]
    pub expired_seconds: u32,
    /// The STS region.
    #[serde(deserialize_with = "or_default")]
    pub sts_region: String,
    /// Whether STS is reached through its VPC endpoint.
    #[serde(deserialize_with = "or_default")]
    pub enable_vpc: bool,
    /// The profile whose identity assumes the role (`ChainableRamRoleArn`).
    #[serde(deserialize_with = "or_default")]
    pub source_profile: String,
    /// The ECS instance's role (`EcsRamRole`; empty: ask the instance).
    #[serde(deserialize_with = "or_default")]
    pub ram_role_name: String,
    /// The file holding the OIDC token (`OIDC`).
    #[serde(deserialize_with = "or_default")]
    pub oidc_token_file: String,
    /// The OIDC provider's ARN (`OIDC`).
    #[serde(deserialize_with = "or_default")]
    pub oidc_provider_arn: String,
    /// The role session's policy.
    #[serde(deserialize_with = "or_default")]
    pub policy: String,
    /// The role's external id.
    #[serde(deserialize_with = "or_default")]
    pub external_id: String,
    /// The region the profile names.
    #[serde(deserialize_with = "or_default")]
    pub region_id: String,
}

impl std::fmt::Debug for CliProfile {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CliProfile").field("name", &self.name).field("mode", &self.mode).finish_non_exhaustive()
    }
}

/// `null` read as the type's default.
fn or_default<'de, D: serde::Deserializer<'de>, T: Deserialize<'de> + Default>(deserializer: D) -> Result<T, D::Error> {
    Option::<T>::deserialize(deserializer).map(Option::unwrap_or_default)
}

impl CliConfig {
    /// The file's `text`; `file` names it in the error.
    pub fn parse(text: &str, file: &Path) -> Result<Self, String> {
        serde_json::from_str(text).map_err(|e| format!("{} is not an Aliyun CLI config file: {e}", file.display()))
    }

    /// The profile named `name`, else the file's current one (an empty name is none). The
    /// error names `file` and what is missing.
    pub fn profile(&self, name: Option<&str>, file: &Path) -> Result<&CliProfile, String> {
        let wanted = name
            .filter(|n| !n.is_empty())
            .or(Some(self.current.as_str()).filter(|n| !n.is_empty()))
            .ok_or_else(|| format!("{} names no current profile and ALIBABA_CLOUD_PROFILE is not set", file.display()))?;
        self.profiles.iter().find(|p| p.name == wanted).ok_or_else(|| format!("{} has no profile `{wanted}`", file.display()))
    }
}

impl CliProfile {
    /// Its access key pair; `whose` names the profile in the error, which holds no secret.
    pub fn key_pair(&self, whose: &str) -> Result<Credentials, String> {
        match (non_empty(&self.access_key_id), non_empty(&self.access_key_secret)) {
            (Some(id), Some(secret)) => Ok(Credentials::new(id, secret)),
            _ => Err(format!("{whose} has no access key pair (access_key_id and access_key_secret)")),
        }
    }

    /// The region it names, if any.
    pub fn region(&self) -> Option<String> {
        non_empty(&self.region_id)
    }
}

fn non_empty(s: &str) -> Option<String> {
    (!s.trim().is_empty()).then(|| s.to_owned())
}

/// A profile of the CLI's file as an identity provider: the file is read again at every
/// [`ResolveIdentity::resolve_identity`] (so a profile the CLI refreshed is taken up).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFile {
    /// The file, usually [`default_path`].
    pub path: PathBuf,
    /// The profile; `None`: the file's current one.
    pub profile: Option<String>,
}

impl ProfileFile {
    /// The file the official tools read, as environment variables (through `lookup`) say:
    /// `~/.aliyun/config.json` under `HOME` (or `USERPROFILE`), the profile named by
    /// `ALIBABA_CLOUD_PROFILE`. `None` when `ALIBABA_CLOUD_CLI_PROFILE_DISABLED` is `true`,
    /// no home is set or the file does not exist.
    pub fn from_env(lookup: Lookup<'_>) -> Option<Self> {
        if lookup("ALIBABA_CLOUD_CLI_PROFILE_DISABLED").is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return None;
        }
        let home = crate::identity::home_dir(lookup)?;
        let path = default_path(Path::new(&home));
        path.exists().then(|| Self { path, profile: crate::identity::set(lookup, "ALIBABA_CLOUD_PROFILE") })
    }

    /// The profile's credentials and region ([`load`]).
    pub fn load(&self) -> Result<(Credentials, Option<String>), String> {
        load(&self.path, self.profile.as_deref())
    }
}

impl ResolveIdentity for ProfileFile {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let loaded = self.load().map(|(c, _)| Identity::AccessKey(c)).map_err(|e| Error::Credentials(format!("no credentials: {e}")));
        Box::pin(async move { loaded })
    }
}

/// `~/.aliyun/config.json` under `home`.
pub fn default_path(home: &Path) -> PathBuf {
    home.join(".aliyun").join("config.json")
}

/// Credentials and region of profile `name` (or the file's current one) in `file`, for the
/// modes `AK` and `StsToken` ([`CliConfig`] holds the others'). The error says what was
/// wrong, never with a secret in it.
pub fn load(file: &Path, name: Option<&str>) -> Result<(Credentials, Option<String>), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let config = CliConfig::parse(&text, file)?;
    let profile = config.profile(name, file)?;
    let whose = format!("profile `{}` (mode {}) in {}", profile.name, profile.mode, file.display());
    let credentials = match profile.mode.as_str() {
        "AK" | "" => profile.key_pair(&whose)?,
        "StsToken" => match non_empty(&profile.sts_token) {
            Some(token) => profile.key_pair(&whose)?.with_security_token(token),
            None => return Err(format!("{whose} has no sts_token")),
        },
        other => {
            return Err(format!(
                "{whose}: mode `{other}` is not supported by the runtime's reader (AK and StsToken are; yun-aliyun-credentials reads the others)"
            ))
        }
    };
    Ok((credentials, profile.region()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_current_or_named_profile() {
        let dir = std::env::temp_dir().join(format!("yun-profile-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let file = dir.join("config.json");
        std::fs::write(
            &file,
            r#"{"current":"dev","profiles":[
                {"name":"dev","mode":"AK","access_key_id":"AK1","access_key_secret":"s3cr3t-1","region_id":"cn-shanghai"},
                {"name":"sts","mode":"StsToken","access_key_id":"AK2","access_key_secret":"s3cr3t-2","sts_token":"tok"},
                {"name":"role","mode":"RamRoleArn","access_key_id":"AK3","access_key_secret":"s3cr3t-3"}]}"#,
        )
        .unwrap();
        let (c, region) = load(&file, None).unwrap();
        assert_eq!((c.access_key_id(), region.as_deref()), ("AK1", Some("cn-shanghai")));
        let (c, _) = load(&file, Some("sts")).unwrap();
        assert_eq!(c.security_token().map(|t| t.expose()), Some("tok"));
        let e = load(&file, Some("role")).unwrap_err();
        assert!(e.contains("RamRoleArn") && !e.contains("s3cr3t"), "{e}");
        assert!(load(&file, Some("nope")).unwrap_err().contains("no profile `nope`"));
        assert!(load(&dir.join("missing.json"), None).unwrap_err().contains("cannot read"));
        std::fs::write(&file, r#"{"current":"","profiles":[{"name":"a","access_key_id":null,"access_key_secret":"s3cr3t"}]}"#).unwrap();
        assert!(load(&file, None).unwrap_err().contains("names no current profile"));
        let e = load(&file, Some("a")).unwrap_err();
        assert!(e.contains("profile `a` (mode ) in") && e.contains("no access key pair") && !e.contains("s3cr3t"), "{e}");
        std::fs::write(&file, "{").unwrap();
        assert!(load(&file, None).unwrap_err().contains("is not an Aliyun CLI config file"));
    }
}
