//! Checking a received request's signature as the service would: from what was sent, not by
//! signing again with the client's code path (moved here from the test kit, whose captured
//! requests use it, so servers and tests verify with one implementation).

use super::Request;
use crate::request::encoding::{canonical_query, hmac_sha256};
use crate::Credentials;
use base64::Engine;
use hmac::{Hmac, Mac};
use sha2::{Digest, Sha256};

/// Why a signature does not verify (or cannot be checked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SignatureMismatch(pub String);

impl std::fmt::Display for SignatureMismatch {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SignatureMismatch {}

/// Whether the signature computed equals the one sent, in time that does not depend on where
/// they first differ. Mismatch messages never quote the signature computed (it would let a
/// caller without the key sign anything) nor the text signed (it holds passwords and tokens).
fn same_bytes(expected: &str, sent: &str) -> bool {
    expected.len() == sent.len() && expected.bytes().zip(sent.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0
}

fn fail<T>(why: impl Into<String>) -> Result<T, SignatureMismatch> {
    Err(SignatureMismatch(why.into()))
}

/// The SigV4-shaped schemes: what differs between AWS4 (Kingsoft) and JDCLOUD3.
struct V4Scheme {
    algorithm: &'static str,
    date_header: &'static str,
    key_prefix: &'static str,
    terminator: &'static str,
}

const AWS4: V4Scheme =
    V4Scheme { algorithm: "AWS4-HMAC-SHA256", date_header: "x-amz-date", key_prefix: "AWS4", terminator: "aws4_request" };
const JDCLOUD3: V4Scheme =
    V4Scheme { algorithm: "JDCLOUD3-HMAC-SHA256", date_header: "x-jdcloud-date", key_prefix: "JDCLOUD3", terminator: "jdcloud3_request" };

impl Request {
    /// Checks the request's signature against `credentials` as the service does, from what
    /// was sent (not by signing again through the client's code): Aliyun `ACS3-HMAC-SHA256`
    /// (the signed headers `Authorization` names, the canonical query, the body's hash) and
    /// RPC 1.0 `HMAC-SHA1` (the `Signature` parameter over every other parameter), Kingsoft's
    /// `AWS4-HMAC-SHA256` (in the `Authorization` header or the `X-Amz-*` query parameters)
    /// and JD Cloud's `JDCLOUD3-HMAC-SHA256`.
    ///
    /// # Errors
    ///
    /// [`SignatureMismatch`] saying what differs: another key id, a missing signed header, a
    /// body hash or a signature that does not match; or that the request carries no
    /// signature this checks (JDCLOUD2, Inspur's bearer tokens).
    pub fn verify_signature(&self, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        match self.header("authorization") {
            Some(a) if a.starts_with("ACS3-HMAC-SHA256 ") => self.verify_acs3(a, credentials),
            Some(a) if a.starts_with("AWS4-HMAC-SHA256 ") => self.verify_v4(&AWS4, a, credentials),
            Some(a) if a.starts_with("JDCLOUD3-HMAC-SHA256 ") => self.verify_v4(&JDCLOUD3, a, credentials),
            Some(a) => fail(format!("unchecked scheme {}", a.split(' ').next().unwrap_or(""))),
            None if self.param("X-Amz-Signature").is_some() => self.verify_aws4_query(credentials),
            None if self.param("Signature").is_some() => self.verify_rpc_v1(credentials),
            None => fail("no Authorization header and no signature parameter"),
        }
    }

    /// `Authorization: ALG Credential=AK/day/region/service/terminator, SignedHeaders=…, Signature=…`.
    fn verify_v4(&self, scheme: &V4Scheme, authorization: &str, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        let fields = &authorization[scheme.algorithm.len() + 1..];
        let field = |name: &str| fields.split(',').find_map(|f| f.trim().strip_prefix(name)?.strip_prefix('='));
        let (Some(credential), Some(signed_headers), Some(signature)) = (field("Credential"), field("SignedHeaders"), field("Signature"))
        else {
            return fail("Authorization lacks Credential, SignedHeaders or Signature");
        };
        let Some(date) = self.header(scheme.date_header) else {
            return fail(format!("no {} header", scheme.date_header));
        };
        self.check_v4(scheme, credential, signed_headers, signature, date, self.query(), credentials)
    }

    /// A presigned query: `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-SignedHeaders`,
    /// `X-Amz-Signature`, the canonical query being every other parameter.
    fn verify_aws4_query(&self, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        let (Some(credential), Some(date), Some(signed_headers), Some(signature)) =
            (self.param("X-Amz-Credential"), self.param("X-Amz-Date"), self.param("X-Amz-SignedHeaders"), self.param("X-Amz-Signature"))
        else {
            return fail("the X-Amz-* query parameters are incomplete");
        };
        let query: Vec<(String, String)> = self.query().iter().filter(|(k, _)| k != "X-Amz-Signature").cloned().collect();
        self.check_v4(&AWS4, credential, signed_headers, signature, date, &query, credentials)
    }

    #[allow(clippy::too_many_arguments)]
    fn check_v4(
        &self,
        scheme: &V4Scheme,
        credential: &str,
        signed_headers: &str,
        signature: &str,
        date: &str,
        query: &[(String, String)],
        credentials: &Credentials,
    ) -> Result<(), SignatureMismatch> {
        let mut parts = credential.splitn(5, '/');
        let (Some(key_id), Some(day), Some(region), Some(service), Some(terminator)) =
            (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return fail(format!("credential `{credential}` is not key/day/region/service/{}", scheme.terminator));
        };
        if key_id != credentials.access_key_id() {
            return fail(format!("signed by key {key_id}, not the one checked"));
        }
        if terminator != scheme.terminator || !date.starts_with(day) {
            return fail(format!("credential scope `{credential}` does not fit date {date}"));
        }
        let mut canonical_headers = String::new();
        for name in signed_headers.split(';') {
            let value = if name == "host" { Some(self.host()) } else { self.header(name) };
            let Some(value) = value else {
                return fail(format!("signed header `{name}` was not sent"));
            };
            canonical_headers.push_str(&format!("{name}:{}\n", value.split_whitespace().collect::<Vec<_>>().join(" ")));
        }
        // The path decoded as a whole, then split: the signers (and JD's SDK) canonicalize a
        // member's `%2F` as a separator, so the check does too.
        let path = canonical_path(self.path());
        let query: Vec<&(String, String)> = query.iter().filter(|(k, _)| !k.is_empty()).collect();
        let query: Vec<(String, String)> = query.into_iter().cloned().collect();
        let body_hash = hex::encode(Sha256::digest(self.body()));
        let canonical_request =
            format!("{}\n{path}\n{}\n{canonical_headers}\n{signed_headers}\n{body_hash}", self.method(), canonical_query(&query));
        let scope = format!("{day}/{region}/{service}/{terminator}");
        let string_to_sign =
            format!("{}\n{date}\n{scope}\n{}", scheme.algorithm, hex::encode(Sha256::digest(canonical_request.as_bytes())));
        let mut key = hmac_sha256(format!("{}{}", scheme.key_prefix, credentials.access_key_secret().expose()).as_bytes(), day.as_bytes());
        for part in [region, service, terminator] {
            key = hmac_sha256(&key, part.as_bytes());
        }
        let expected = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
        if same_bytes(&expected, signature) {
            Ok(())
        } else {
            fail(format!("the {} signature does not match the request's {signed_headers} and its query and body", scheme.algorithm))
        }
    }

    /// `Authorization: ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=…,Signature=…`.
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
            return fail(format!("signed by key {key_id}, not the one checked"));
        }
        // Aliyun's V3 signature signs `host`, `content-type` and every `x-acs-*` header sent: a
        // signature that leaves one out would let it be changed (another `x-acs-action`).
        let signed: Vec<&str> = signed_headers.split(';').collect();
        for (name, _) in self.headers() {
            let lower = name.to_ascii_lowercase();
            let required = lower == "host" || lower == "content-type" || lower.starts_with("x-acs-");
            if required && !signed.contains(&lower.as_str()) {
                return fail(format!("header `{lower}` was sent but not signed"));
            }
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
        let expected = hex::encode(hmac_sha256(credentials.access_key_secret().expose().as_bytes(), string_to_sign.as_bytes()));
        if same_bytes(&expected, signature) {
            Ok(())
        } else {
            fail(format!("the ACS3-HMAC-SHA256 signature does not match the request's {signed_headers} and its query and body"))
        }
    }

    fn verify_rpc_v1(&self, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        if self.param("AccessKeyId") != Some(credentials.access_key_id()) {
            return fail(format!("AccessKeyId {:?} is not the one checked", self.param("AccessKeyId")));
        }
        let signature = self.param("Signature").unwrap_or_default();
        // Query and form parameters merged as the signer merges them (a body value wins), in
        // one map: linear in the parameters, whatever a request holds.
        let params: Vec<(String, String)> = self.merged_params().map.into_iter().filter(|(k, _)| k != "Signature").collect();
        let string_to_sign = crate::aliyun::rpc_v1::string_to_sign(self.method(), &params);
        let key = format!("{}&", credentials.access_key_secret().expose());
        let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key.as_bytes()).map_err(|e| SignatureMismatch(format!("bad key: {e}")))?;
        mac.update(string_to_sign.as_bytes());
        let expected = base64::engine::general_purpose::STANDARD.encode(mac.finalize().into_bytes());
        if same_bytes(&expected, signature) {
            Ok(())
        } else {
            fail("the HMAC-SHA1 signature does not match the request's parameters")
        }
    }
}

/// The decoded path re-encoded segment by segment (`/` kept, repeated `/` folded as JD's
/// JDCLOUD3 does; Kingsoft's paths are `/`).
fn canonical_path(path: &str) -> String {
    let mut out = String::from("/");
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    for (i, segment) in segments.iter().enumerate() {
        if i > 0 {
            out.push('/');
        }
        crate::request::encoding::push_percent_encoded(&mut out, segment);
    }
    if path.ends_with('/') && !segments.is_empty() {
        out.push('/');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An ACS3 request signed (correctly) over `signed` of its headers.
    fn acs3_request(signed: &[&str]) -> Request {
        let body_hash = hex::encode(Sha256::digest(b""));
        let headers: Vec<(String, String)> = [
            ("host", "ecs.cn-hangzhou.aliyuncs.com"),
            ("x-acs-action", "StartInstance"),
            ("x-acs-content-sha256", body_hash.as_str()),
            ("x-acs-date", "2026-11-30T09:00:00Z"),
            ("x-acs-version", "2014-05-26"),
        ]
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        let value = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let canonical_headers: String = signed.iter().map(|name| format!("{name}:{}\n", value(name))).collect();
        let signed_headers = signed.join(";");
        let canonical_request = format!("POST\n/\nInstanceId=i-1\n{canonical_headers}\n{signed_headers}\n{body_hash}");
        let string_to_sign = format!("ACS3-HMAC-SHA256\n{}", hex::encode(Sha256::digest(canonical_request.as_bytes())));
        let signature = hex::encode(hmac_sha256(b"secret", string_to_sign.as_bytes()));
        let mut headers = headers;
        headers
            .push(("authorization".into(), format!("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders={signed_headers},Signature={signature}")));
        Request::new("POST", "/?InstanceId=i-1", headers, Vec::new())
    }

    #[test]
    fn acs3_requires_host_and_every_x_acs_header_signed() {
        let keys = Credentials::new("AK", "secret");
        let all = ["host", "x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-version"];
        acs3_request(&all).verify_signature(&keys).unwrap();
        // A valid signature over fewer headers: `x-acs-action` could be changed freely.
        let e = acs3_request(&["host", "x-acs-content-sha256", "x-acs-date", "x-acs-version"]).verify_signature(&keys).unwrap_err();
        assert!(e.to_string().contains("`x-acs-action` was sent but not signed"), "{e}");
        let e = acs3_request(&["x-acs-action", "x-acs-content-sha256", "x-acs-date", "x-acs-version"]).verify_signature(&keys).unwrap_err();
        assert!(e.to_string().contains("`host`"), "{e}");
    }
}
