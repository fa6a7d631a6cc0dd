//! Credentials from the JD Cloud CLI's profile file, read the way `jdc` reads it:
//! `~/.jdc/config` is an INI file with one section per profile (`access_key`, `secret_key`,
//! `region_id`, …); `~/.jdc/current` names the current profile (`default` when absent).

use std::path::{Path, PathBuf};

use crate::error::Error;
use crate::identity::Credentials;
use crate::identity::{Identity, IdentityFuture, Lookup, ResolveIdentity};

/// A profile of the `jdc` CLI as an identity provider: the file is read again at every
/// [`ResolveIdentity::resolve_identity`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProfileFile {
    /// The CLI folder, usually [`default_dir`].
    pub dir: PathBuf,
    /// The profile; `None`: the one `current` names, else `default`.
    pub profile: Option<String>,
}

impl ProfileFile {
    /// The folder the `jdc` CLI reads, as environment variables (through `lookup`) say:
    /// `~/.jdc` under `HOME` (or `USERPROFILE`), the profile named by `JDCLOUD_PROFILE`.
    /// `None` when `JDCLOUD_CLI_PROFILE_DISABLED` is `true`, no home is set or there is no
    /// `config` file.
    pub fn from_env(lookup: Lookup<'_>) -> Option<Self> {
        use super::env;
        if lookup(env::CLI_PROFILE_DISABLED).is_some_and(|v| v.eq_ignore_ascii_case("true")) {
            return None;
        }
        let home = crate::identity::home_dir(lookup)?;
        let dir = default_dir(Path::new(&home));
        dir.join("config").exists().then(|| Self { dir, profile: crate::identity::set(lookup, env::PROFILE) })
    }

    /// The profile's credentials and region ([`load`]).
    pub fn load(&self) -> Result<(Credentials, Option<String>), String> {
        load(&self.dir, self.profile.as_deref())
    }
}

impl ResolveIdentity for ProfileFile {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        let loaded = self.load().map(|(c, _)| Identity::AccessKey(c)).map_err(|e| Error::Credentials(format!("no credentials: {e}")));
        Box::pin(async move { loaded })
    }
}

/// `~/.jdc` under `home`.
pub fn default_dir(home: &Path) -> PathBuf {
    home.join(".jdc")
}

/// Credentials and region of profile `name` (else the one `current` names, else
/// `default`) in the CLI folder `dir`. The error says what was wrong, never with a secret.
pub fn load(dir: &Path, name: Option<&str>) -> Result<(Credentials, Option<String>), String> {
    let file = dir.join("config");
    let text = std::fs::read_to_string(&file).map_err(|e| format!("cannot read {}: {e}", file.display()))?;
    let current = std::fs::read_to_string(dir.join("current")).ok().map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    let wanted = name.map(str::to_owned).or(current).unwrap_or_else(|| "default".to_owned());
    let section = ini_section(&text, &wanted).ok_or_else(|| format!("{} has no profile `[{wanted}]`", file.display()))?;
    let get = |key: &str| section.iter().find(|(k, _)| k == key).map(|(_, v)| v.clone()).filter(|v| !v.is_empty());
    match (get("access_key"), get("secret_key")) {
        (Some(ak), Some(sk)) => Ok((Credentials::new(ak, sk), get("region_id"))),
        _ => Err(format!("profile `[{wanted}]` in {} has no access_key and secret_key", file.display())),
    }
}

/// The `key = value` (or `key: value`) lines of section `[name]`.
fn ini_section(text: &str, name: &str) -> Option<Vec<(String, String)>> {
    let mut found: Option<Vec<(String, String)>> = None;
    let mut inside = false;
    for line in text.lines().map(str::trim) {
        if line.is_empty() || line.starts_with('#') || line.starts_with(';') {
            continue;
        }
        if let Some(header) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            inside = header.trim() == name;
            if inside {
                found.get_or_insert_with(Vec::new);
            }
            continue;
        }
        if inside {
            let split = line.find(['=', ':']).map(|i| (&line[..i], &line[i + 1..]));
            if let (Some((k, v)), Some(entries)) = (split, found.as_mut()) {
                entries.push((k.trim().to_ascii_lowercase(), v.trim().to_owned()));
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_current_or_named_profile() {
        let dir = std::env::temp_dir().join(format!("yun-jdc-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("config"),
            "[default]\naccess_key = AK1\nsecret_key = s3cr3t-1\nregion_id = cn-north-1\nendpoint = www.jdcloud-api.com\n\n\
             [dev]\naccess_key=AK2\nsecret_key=s3cr3t-2\nregion_id=cn-east-2\n\n[broken]\naccess_key = AK3\n",
        )
        .unwrap();
        let _ = std::fs::remove_file(dir.join("current"));
        let (c, region) = load(&dir, None).unwrap();
        assert_eq!((c.access_key_id(), region.as_deref()), ("AK1", Some("cn-north-1")));
        std::fs::write(dir.join("current"), "dev").unwrap();
        let (c, region) = load(&dir, None).unwrap();
        assert_eq!((c.access_key_id(), region.as_deref()), ("AK2", Some("cn-east-2")));
        let e = load(&dir, Some("broken")).unwrap_err();
        assert!(e.contains("no access_key and secret_key") && !e.contains("s3cr3t"), "{e}");
        assert!(load(&dir, Some("nope")).unwrap_err().contains("no profile `[nope]`"));
        assert!(load(&dir.join("missing"), None).unwrap_err().contains("cannot read"));
    }
}
