//! Credentials from the Aliyun CLI's profile file (`~/.aliyun/config.json`), read the way the
//! official credentials library reads it: the profile named by `ALIBABA_CLOUD_PROFILE`, else
//! the file's `current`; modes `AK` and `StsToken`.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::error::Error;
use crate::identity::Credentials;
use crate::identity::{Identity, IdentityFuture, Lookup, ResolveIdentity};

#[derive(Deserialize)]
struct File {
    current: Option<String>,
    #[serde(default)]
    profiles: Vec<Profile>,
}

#[derive(Deserialize)]
struct Profile {
    name: Option<String>,
    mode: Option<String>,
    access_key_id: Option<String>,
    access_key_secret: Option<String>,
    sts_token: Option<String>,
    region_id: Option<String>,
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

/// Credentials and region of profile `name` (or the file's current one) in `file`.
/// The error says what was wrong, never with a secret in it.
pub fn load(file: &Path, name: Option<&str>) -> Result<(Credentials, Option<String>), String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let parsed: File = serde_json::from_str(&text).map_err(|e| format!("{} is not a CLI config file: {e}", file.display()))?;
    let wanted = name
        .map(str::to_owned)
        .or(parsed.current)
        .ok_or_else(|| format!("{} names no current profile and ALIBABA_CLOUD_PROFILE is not set", file.display()))?;
    let profile = parsed
        .profiles
        .into_iter()
        .find(|p| p.name.as_deref() == Some(wanted.as_str()))
        .ok_or_else(|| format!("{} has no profile `{wanted}`", file.display()))?;
    let mode = profile.mode.as_deref().unwrap_or("AK");
    let pair = match (profile.access_key_id, profile.access_key_secret) {
        (Some(id), Some(secret)) if !id.is_empty() && !secret.is_empty() => Credentials::new(id, secret),
        _ => return Err(format!("profile `{wanted}` in {} has no access key pair", file.display())),
    };
    let credentials = match mode {
        "AK" => pair,
        "StsToken" => match profile.sts_token.filter(|t| !t.is_empty()) {
            Some(token) => pair.with_security_token(token),
            None => return Err(format!("profile `{wanted}` (mode StsToken) has no sts_token")),
        },
        other => return Err(format!("profile `{wanted}` uses mode {other}, which yun does not support yet (AK and StsToken are)")),
    };
    Ok((credentials, profile.region_id.filter(|r| !r.is_empty())))
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
    }
}
