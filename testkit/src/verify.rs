//! Checking a captured request's signature as the service would: from what was sent, not by
//! signing again with the client's code path.

use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};
use yun_runtime::encoding::canonical_query;
use yun_runtime::Credentials;

use crate::captured::Captured;

/// Why a signature does not verify (or cannot be checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureMismatch(pub String);

impl std::fmt::Display for SignatureMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SignatureMismatch {}

fn fail<T>(why: impl Into<String>) -> Result<T, SignatureMismatch> {
    Err(SignatureMismatch(why.into()))
}

impl Captured {
    /// Checks the request's Aliyun signature against `credentials`, as the service does:
    /// `ACS3-HMAC-SHA256` (the `Authorization` header: the signed headers it names, the
    /// canonical query of what was sent, the body's hash) or RPC 1.0 `HMAC-SHA1` (the
    /// `Signature` parameter over every other query and form parameter).
    ///
    /// # Errors
    ///
    /// [`SignatureMismatch`] saying what differs: another key id, a missing signed header, a
    /// body hash or a signature that does not match; or that the request carries no Aliyun
    /// signature.
    pub fn verify_aliyun(&self, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        match self.header("authorization") {
            Some(authorization) => self.verify_acs3(authorization, credentials),
            None if self.param("Signature").is_some() => self.verify_rpc_v1(credentials),
            None => fail("no Authorization header and no Signature parameter"),
        }
    }

    fn verify_acs3(&self, authorization: &str, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        let Some(fields) = authorization.strip_prefix("ACS3-HMAC-SHA256 ") else {
            return fail(format!("Authorization is not ACS3-HMAC-SHA256: {}", authorization.split(' ').next().unwrap_or("")));
        };
        let field = |name: &str| fields.split(',').find_map(|f| f.trim().strip_prefix(name)?.strip_prefix('='));
        let (Some(key_id), Some(signed_headers), Some(signature)) = (field("Credential"), field("SignedHeaders"), field("Signature"))
        else {
            return fail("Authorization lacks Credential, SignedHeaders or Signature");
        };
        if key_id != credentials.access_key_id() {
            return fail(format!("signed by key {key_id}, not {}", credentials.access_key_id()));
        }
        let body_hash = hex::encode(Sha256::digest(self.body()));
        match self.header("x-acs-content-sha256") {
            Some(sent) if sent == body_hash => {}
            Some(sent) => return fail(format!("x-acs-content-sha256 {sent} is not the body's hash {body_hash}")),
            None => return fail("no x-acs-content-sha256 header"),
        }
        let mut canonical_headers = String::new();
        for name in signed_headers.split(';') {
            let Some(value) = self.header(name) else {
                return fail(format!("signed header `{name}` was not sent"));
            };
            canonical_headers.push_str(&format!("{name}:{}\n", value.trim()));
        }
        let canonical_request = format!(
            "{}\n{}\n{}\n{canonical_headers}\n{signed_headers}\n{body_hash}",
            self.method(),
            self.path(),
            canonical_query(self.query())
        );
        let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())));
        let mut mac = Hmac::<Sha256>::new_from_slice(credentials.access_key_secret().expose().as_bytes())
            .map_err(|e| SignatureMismatch(format!("bad key: {e}")))?;
        mac.update(string_to_sign.as_bytes());
        let expected = hex::encode(mac.finalize().into_bytes());
        if expected == signature {
            Ok(())
        } else {
            fail(format!("ACS3 signature {signature} is not {expected}; canonical request:\n{canonical_request}"))
        }
    }

    fn verify_rpc_v1(&self, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        if self.param("AccessKeyId") != Some(credentials.access_key_id()) {
            return fail(format!("AccessKeyId {:?} is not {}", self.param("AccessKeyId"), credentials.access_key_id()));
        }
        let signature = self.param("Signature").unwrap_or_default();
        let params: Vec<(String, String)> = self.query().iter().chain(self.form()).filter(|(k, _)| k != "Signature").cloned().collect();
        let string_to_sign = yun_runtime::aliyun::rpc_v1::string_to_sign(self.method(), &params);
        let key = format!("{}&", credentials.access_key_secret().expose());
        let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).map_err(|e| SignatureMismatch(format!("bad key: {e}")))?;
        mac.update(string_to_sign.as_bytes());
        let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        if expected == signature {
            Ok(())
        } else {
            fail(format!("HMAC-SHA1 signature {signature} is not {expected}; string to sign: {string_to_sign}"))
        }
    }
}
