//! Temporary credentials as STS and the metadata service write them.

use std::time::SystemTime;

use serde::Deserialize;
use time::format_description::well_known::Rfc3339;
use time::OffsetDateTime;
use yun_runtime::Credentials;

/// The `Credentials` object of an STS answer, and the body of the metadata service's
/// `security-credentials/<role>` answer (which adds `Code`).
#[derive(Deserialize, Default)]
#[serde(rename_all = "PascalCase")]
pub(crate) struct SessionBody {
    pub access_key_id: Option<String>,
    pub access_key_secret: Option<String>,
    pub security_token: Option<String>,
    pub expiration: Option<String>,
    pub code: Option<String>,
}

/// `2015-04-09T11:52:19Z` (RFC 3339, as STS and the metadata service write `Expiration`) as a
/// time. The error quotes the value: an expiry is no secret.
pub fn parse_expiration(text: &str) -> Result<SystemTime, String> {
    OffsetDateTime::parse(text.trim(), &Rfc3339)
        .map(SystemTime::from)
        .map_err(|e| format!("expiration `{}` is not an RFC 3339 time: {e}", text.escape_debug()))
}

impl SessionBody {
    /// Temporary credentials: key pair, token and expiry all required. `source` names where
    /// the body came from, for the error, which names the missing fields and no value.
    pub(crate) fn into_credentials(self, source: &str) -> Result<Credentials, String> {
        let missing: Vec<&str> = [
            ("AccessKeyId", self.access_key_id.as_deref()),
            ("AccessKeySecret", self.access_key_secret.as_deref()),
            ("SecurityToken", self.security_token.as_deref()),
            ("Expiration", self.expiration.as_deref()),
        ]
        .into_iter()
        .filter(|(_, v)| v.is_none_or(|v| v.trim().is_empty()))
        .map(|(name, _)| name)
        .collect();
        match (self.access_key_id, self.access_key_secret, self.security_token, self.expiration) {
            (Some(id), Some(secret), Some(token), Some(expiration)) if missing.is_empty() => {
                let when = parse_expiration(&expiration).map_err(|e| format!("{source}: {e}"))?;
                Ok(Credentials::new(id, secret).with_security_token(token).with_expiration(when))
            }
            _ => Err(format!("{source} answered credentials without {}", missing.join(", "))),
        }
    }
}

/// At most `limit` characters of a service's answer for an error message, with `secret`
/// (the OIDC token sent) replaced, should the service echo it.
pub(crate) fn excerpt(body: &[u8], secret: Option<&str>) -> String {
    let text = String::from_utf8_lossy(body);
    let text = match secret.filter(|s| !s.is_empty()) {
        Some(s) => text.replace(s, yun_runtime::redact::REDACTED),
        None => text.into_owned(),
    };
    yun_runtime::error::snippet(&text)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_credentials_and_names_what_is_missing() {
        let body: SessionBody = serde_json::from_str(
            r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s3cr3t","SecurityToken":"t0k","Expiration":"2015-04-09T11:52:19Z"}"#,
        )
        .unwrap();
        let c = body.into_credentials("STS").unwrap();
        let when = SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_428_580_339);
        assert_eq!((c.access_key_id(), c.expiration()), ("STS.x", Some(when)));
        let body: SessionBody = serde_json::from_str(r#"{"AccessKeyId":"STS.x","AccessKeySecret":"s3cr3t"}"#).unwrap();
        let e = body.into_credentials("the metadata service").unwrap_err();
        assert_eq!(e, "the metadata service answered credentials without SecurityToken, Expiration");
        let e = parse_expiration("tomorrow").unwrap_err();
        assert!(e.starts_with("expiration `tomorrow` is not an RFC 3339 time"), "{e}");
        assert_eq!(excerpt(b"bad token abc.def", Some("abc.def")), "bad token <redacted>");
    }
}
