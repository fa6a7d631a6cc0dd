//! Checking a received request's signature as the service would: from what was sent, not by
//! signing again with the client's code path (moved here from the test kit, whose captured
//! requests use it, so servers and tests verify with one implementation).

use super::Request;
use crate::request::encoding::{canonical_query, hmac_sha256};
use crate::Credentials;
use base64::Engine;
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

/// The region and service a server answers for: a SigV4-shaped signature (Kingsoft's AWS4, JD
/// Cloud's JDCLOUD3 and JDCLOUD2) names them in its credential scope
/// (`AK/day/region/service/terminator`), and a server refuses a signature scoped to another
/// ([`Request::verify_signature_in`]), as the services answer a request signed for another
/// region or service. Aliyun's ACS3 and RPC 1.0 signatures name no scope.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scope<'a> {
    /// The region id (`cn-beijing-6`; JD Cloud signs for the request's `regionId`, or
    /// `jdcloud-api` when it names none: [`super::jdcloud::scope`]).
    pub region: &'a str,
    /// The service name of the scope (`kec`, `vm`).
    pub service: &'a str,
}

/// An identity a server checks a received request against: the credentials a signature is
/// made with, or the bearer token a request carries.
pub trait Identity {
    /// Whether `request` is signed with (or carries) this identity, its signature scoped to
    /// `scope` when one is given ([`Request::verify_signature_in`]; SigV4-shaped schemes).
    ///
    /// # Errors
    ///
    /// [`SignatureMismatch`] saying what does not match.
    fn verify(&self, request: &Request, scope: Option<Scope<'_>>) -> Result<(), SignatureMismatch>;
}

impl Identity for Credentials {
    /// [`Request::verify_signature_in`] with `scope`, else [`Request::verify_signature`].
    fn verify(&self, request: &Request, scope: Option<Scope<'_>>) -> Result<(), SignatureMismatch> {
        request.verify(self, scope)
    }
}

impl Identity for crate::BearerToken {
    /// The `Authorization: Bearer <token>` header holds this token (compared in constant
    /// time); there is no scope.
    fn verify(&self, request: &Request, _scope: Option<Scope<'_>>) -> Result<(), SignatureMismatch> {
        match request.header("authorization").and_then(|a| a.strip_prefix("Bearer ")) {
            Some(sent) if same_bytes(self.token().expose(), sent) => Ok(()),
            Some(_) => fail("another bearer token"),
            None => fail("no `Authorization: Bearer` header"),
        }
    }
}

/// The SigV4-shaped schemes: what differs between AWS4 (Kingsoft) and JDCLOUD3.
struct V4Scheme {
    algorithm: &'static str,
    date_header: &'static str,
    /// Whether the date header must be among the signed headers. Kingsoft's SDK
    /// (`requests_aws4auth`) and yun sign `x-amz-date`; JD's SDK (≥ 1.6.95) adds
    /// `x-jdcloud-date` after signing, so a JDCLOUD3 signature never lists it: its value is
    /// bound all the same, being the string to sign's second line (and its day the scope's).
    date_signed: bool,
    token_header: &'static str,
    key_prefix: &'static str,
    terminator: &'static str,
}

const AWS4: V4Scheme = V4Scheme {
    algorithm: "AWS4-HMAC-SHA256",
    date_header: "x-amz-date",
    date_signed: true,
    token_header: "x-amz-security-token",
    key_prefix: "AWS4",
    terminator: "aws4_request",
};
const JDCLOUD3: V4Scheme = V4Scheme {
    algorithm: "JDCLOUD3-HMAC-SHA256",
    date_header: "x-jdcloud-date",
    date_signed: false,
    token_header: "x-jdcloud-security-token",
    key_prefix: "JDCLOUD3",
    terminator: "jdcloud3_request",
};

/// `Credential=…, SignedHeaders=…, Signature=…` of a SigV4-shaped `Authorization` header.
fn v4_fields(fields: &str) -> Result<(&str, &str, &str), SignatureMismatch> {
    let field = |name: &str| fields.split(',').find_map(|f| f.trim().strip_prefix(name)?.strip_prefix('='));
    match (field("Credential"), field("SignedHeaders"), field("Signature")) {
        (Some(credential), Some(signed_headers), Some(signature)) => Ok((credential, signed_headers, signature)),
        _ => fail("Authorization lacks Credential, SignedHeaders or Signature"),
    }
}

/// A credential `key/day/region/service/terminator`, checked against the key, the scheme's
/// terminator, the request's date and the server's scope: (day, region, service).
fn credential_scope<'c>(
    credential: &'c str,
    terminator: &str,
    date: &str,
    credentials: &Credentials,
    scope: Option<Scope<'_>>,
) -> Result<(&'c str, &'c str, &'c str), SignatureMismatch> {
    let mut parts = credential.splitn(5, '/');
    let (Some(key_id), Some(day), Some(region), Some(service), Some(end)) =
        (parts.next(), parts.next(), parts.next(), parts.next(), parts.next())
    else {
        return fail(format!("credential `{credential}` is not key/day/region/service/{terminator}"));
    };
    if key_id != credentials.access_key_id() {
        return fail(format!("signed by key {key_id}, not the one checked"));
    }
    if end != terminator || !date.starts_with(day) {
        return fail(format!("credential scope `{credential}` does not fit date {date}"));
    }
    if let Some(scope) = scope {
        if region != scope.region || service != scope.service {
            return fail(format!(
                "the credential scope names region `{region}` and service `{service}`; this server is region `{}`, service `{}`",
                scope.region, scope.service
            ));
        }
    }
    Ok((day, region, service))
}

/// Fails unless every header of `required` is among `signed` (`SignedHeaders`, lower case).
fn require_signed(signed: &str, required: &[&str]) -> Result<(), SignatureMismatch> {
    match required.iter().find(|name| !signed.split(';').any(|s| s == **name)) {
        Some(name) => fail(format!("header `{name}` must be signed (SignedHeaders={signed})")),
        None => Ok(()),
    }
}

impl Request {
    /// Checks the request's signature against `credentials` as the service does, from what
    /// was sent (not by signing again through the client's code): Aliyun `ACS3-HMAC-SHA256`
    /// (the signed headers `Authorization` names, the canonical query, the body's hash) and
    /// RPC 1.0 `HMAC-SHA1` (the `Signature` parameter over every other parameter), Kingsoft's
    /// `AWS4-HMAC-SHA256` (in the `Authorization` header or the `X-Amz-*` query parameters),
    /// JD Cloud's `JDCLOUD3-HMAC-SHA256` and `JDCLOUD2-HMAC-SHA256` (the older SDK's, through
    /// the runtime's own signer, [`crate::jdcloud::sign::sign_jdcloud2`], over the query as
    /// sent, which that scheme signs unencoded).
    ///
    /// Each scheme must sign what lets a request be changed: ACS3 `host`, `content-type` and
    /// every `x-acs-*` header sent; AWS4 `host`, `x-amz-date` (header form) and
    /// `x-amz-security-token` when sent; JDCLOUD3 `host` and `x-jdcloud-security-token` when
    /// sent (its date is bound by the string to sign: JD's SDK does not list it); JDCLOUD2 also
    /// `x-jdcloud-date` and `x-jdcloud-nonce`, which its SDK signed; all of them
    /// `content-type` when a body is sent. Every request recorded from the official SDKs in
    /// `tests/fixtures` signs at least these.
    ///
    /// The credential scope's region and service are not compared with anything here: a
    /// server checks them with [`Request::verify_signature_in`]. Nor is a nonce remembered
    /// here: a server that refuses replays keeps a bounded set of the signed nonces it saw
    /// ([`Request::signed_nonce`]; the emulator keeps its last 10,000, `NONCE_LIMIT`).
    /// JDCLOUD3 does not sign `x-jdcloud-nonce` (JD's SDK adds it after signing, so a replay
    /// can carry any nonce) and AWS4 has none: their replays are bounded by the clock window
    /// only.
    ///
    /// # Errors
    ///
    /// [`SignatureMismatch`] saying what differs: another key id, a required header not
    /// signed, a signed header not sent, a body hash or a signature that does not match; or
    /// that the request carries no signature this checks (Inspur's bearer tokens).
    pub fn verify_signature(&self, credentials: &Credentials) -> Result<(), SignatureMismatch> {
        self.verify(credentials, None)
    }

    /// [`Request::verify_signature`], and a SigV4-shaped signature's credential scope must
    /// name `scope`'s region and service (a valid signature for another region or service is
    /// refused). ACS3 and RPC 1.0 signatures carry no scope: checked as by
    /// [`Request::verify_signature`].
    ///
    /// # Errors
    ///
    /// As [`Request::verify_signature`], and a [`SignatureMismatch`] naming the scope's region
    /// and service when they are not `scope`'s.
    pub fn verify_signature_in(&self, credentials: &Credentials, scope: Scope<'_>) -> Result<(), SignatureMismatch> {
        self.verify(credentials, Some(scope))
    }

    /// The access key id the request's signature names: the `Credential` of an ACS3, AWS4,
    /// JDCLOUD3 or JDCLOUD2 `Authorization` header (its first part for the SigV4-shaped ones),
    /// a presigned query's `X-Amz-Credential`, or RPC 1.0's `AccessKeyId` parameter. `None`
    /// when it names none. A server looks the key up by it, and answers a key it does not know
    /// apart from a signature that does not match ([`super::RejectionKind::UnknownAccessKey`]).
    pub fn access_key_id(&self) -> Option<&str> {
        let credential = match self.header("authorization") {
            Some(a) if a.starts_with("ACS3-HMAC-SHA256 ") => {
                return v4_fields(&a["ACS3-HMAC-SHA256 ".len()..]).ok().map(|(id, _, _)| id);
            }
            Some(a) => {
                let (scheme, fields) = a.split_once(' ')?;
                if !matches!(scheme, "AWS4-HMAC-SHA256" | "JDCLOUD3-HMAC-SHA256" | "JDCLOUD2-HMAC-SHA256") {
                    return None;
                }
                v4_fields(fields).ok()?.0
            }
            None if self.param("X-Amz-Signature").is_some() => self.param("X-Amz-Credential")?,
            None => return self.param("AccessKeyId"),
        };
        credential.split('/').next().filter(|id| !id.is_empty())
    }

    /// The region and service a SigV4-shaped signature's credential scope names (AWS4,
    /// JDCLOUD3, JDCLOUD2, in the header or a presigned query); `None` for another scheme or a
    /// credential that is not `key/day/region/service/terminator`. A server checks them
    /// against its own ([`super::ServerProtocol::accepts_scope`]).
    pub fn credential_scope(&self) -> Option<Scope<'_>> {
        let credential = match self.header("authorization") {
            Some(a) => {
                let (scheme, fields) = a.split_once(' ')?;
                if !matches!(scheme, "AWS4-HMAC-SHA256" | "JDCLOUD3-HMAC-SHA256" | "JDCLOUD2-HMAC-SHA256") {
                    return None;
                }
                v4_fields(fields).ok()?.0
            }
            None => self.param("X-Amz-Credential").filter(|_| self.param("X-Amz-Signature").is_some())?,
        };
        let parts: Vec<&str> = credential.split('/').collect();
        match parts.as_slice() {
            [_, _, region, service, _] => Some(Scope { region, service }),
            _ => None,
        }
    }

    /// The nonce the request's signature covers, which a server remembers to refuse a replay:
    /// ACS3's `x-acs-signature-nonce` when it is among the signed headers, RPC 1.0's
    /// `SignatureNonce` parameter (every parameter is signed), JDCLOUD2's `x-jdcloud-nonce`
    /// (which [`Request::verify_signature`] requires signed). `None` for AWS4, which has no
    /// nonce, and JDCLOUD3, whose SDK adds `x-jdcloud-nonce` after signing (a replay could
    /// carry any nonce: only the clock window bounds it).
    pub fn signed_nonce(&self) -> Option<&str> {
        match self.header("authorization") {
            Some(a) if a.starts_with("ACS3-HMAC-SHA256 ") => {
                let (_, signed, _) = v4_fields(&a["ACS3-HMAC-SHA256 ".len()..]).ok()?;
                signed.split(';').any(|h| h == "x-acs-signature-nonce").then(|| self.header("x-acs-signature-nonce")).flatten()
            }
            Some(a) if a.starts_with("JDCLOUD2-HMAC-SHA256 ") => self.header("x-jdcloud-nonce"),
            Some(_) => None,
            None if self.param("Signature").is_some() && self.param("X-Amz-Signature").is_none() => self.param("SignatureNonce"),
            None => None,
        }
    }

    /// The security (session) token the request sends, where each scheme sends it: ACS3's
    /// `x-acs-security-token` header, RPC 1.0's `SecurityToken` parameter, AWS4's
    /// `x-amz-security-token` header (or a presigned query's `X-Amz-Security-Token`), JD Cloud's
    /// `x-jdcloud-security-token` header (base64-encoded, as JD's SDKs and yun's client send
    /// it; returned as sent). `None` when it sends none.
    pub fn security_token(&self) -> Option<&str> {
        match self.header("authorization") {
            Some(a) if a.starts_with("ACS3-HMAC-SHA256 ") => self.header("x-acs-security-token"),
            Some(a) if a.starts_with("AWS4-HMAC-SHA256 ") => self.header(AWS4.token_header),
            Some(a) if a.starts_with("JDCLOUD3-HMAC-SHA256 ") || a.starts_with("JDCLOUD2-HMAC-SHA256 ") => {
                self.header(JDCLOUD3.token_header)
            }
            Some(_) => None,
            None if self.param("X-Amz-Signature").is_some() => self.param("X-Amz-Security-Token"),
            None => self.param("SecurityToken"),
        }
    }

    /// Whether the security token the request sends ([`Request::security_token`]) is the one
    /// of `credentials`, the credentials the server knows for the key that signed it: when
    /// they hold a token, the request must send that one (compared in constant time; for JD
    /// Cloud's schemes, its base64 encoding). The
    /// signature checks ([`Request::verify_signature`]) require a sent token to be signed, not
    /// that it is the key's: a server calls this once the signature verified. Credentials
    /// without a token accept any.
    ///
    /// # Errors
    ///
    /// [`super::RejectionKind::SecurityTokenMismatch`] when the request sends another token,
    /// [`super::RejectionKind::SecurityTokenMissing`] when it sends none; the message quotes
    /// neither token.
    pub fn verify_security_token(&self, credentials: &Credentials) -> Result<(), super::Rejection> {
        let Some(expected) = credentials.security_token() else {
            return Ok(());
        };
        use super::{Rejection, RejectionKind};
        // JD Cloud's schemes send the token base64-encoded.
        let jd =
            self.header("authorization").is_some_and(|a| a.starts_with("JDCLOUD3-HMAC-SHA256 ") || a.starts_with("JDCLOUD2-HMAC-SHA256 "));
        let expected = if jd {
            std::borrow::Cow::Owned(base64::engine::general_purpose::STANDARD.encode(expected.expose()))
        } else {
            std::borrow::Cow::Borrowed(expected.expose())
        };
        match self.security_token() {
            Some(sent) if same_bytes(&expected, sent) => Ok(()),
            Some(_) => Err(Rejection::new(
                RejectionKind::SecurityTokenMismatch,
                "the security token sent is not the one of the key that signed the request",
            )),
            None => Err(Rejection::new(
                RejectionKind::SecurityTokenMissing,
                "the key that signed the request has a security token, and the request sends none",
            )),
        }
    }

    fn verify(&self, credentials: &Credentials, scope: Option<Scope<'_>>) -> Result<(), SignatureMismatch> {
        match self.header("authorization") {
            Some(a) if a.starts_with("ACS3-HMAC-SHA256 ") => self.verify_acs3(a, credentials),
            Some(a) if a.starts_with("AWS4-HMAC-SHA256 ") => self.verify_v4(&AWS4, a, credentials, scope),
            Some(a) if a.starts_with("JDCLOUD3-HMAC-SHA256 ") => self.verify_v4(&JDCLOUD3, a, credentials, scope),
            Some(a) if a.starts_with("JDCLOUD2-HMAC-SHA256 ") => self.verify_jdcloud2(a, credentials, scope),
            Some(a) => fail(format!("unchecked scheme {}", a.split(' ').next().unwrap_or(""))),
            None if self.param("X-Amz-Signature").is_some() => self.verify_aws4_query(credentials, scope),
            None if self.param("Signature").is_some() => self.verify_rpc_v1(credentials),
            None => fail("no Authorization header and no signature parameter"),
        }
    }

    /// `Authorization: ALG Credential=AK/day/region/service/terminator, SignedHeaders=…, Signature=…`.
    fn verify_v4(
        &self,
        scheme: &V4Scheme,
        authorization: &str,
        credentials: &Credentials,
        scope: Option<Scope<'_>>,
    ) -> Result<(), SignatureMismatch> {
        let (credential, signed_headers, signature) = v4_fields(&authorization[scheme.algorithm.len() + 1..])?;
        let Some(date) = self.header(scheme.date_header) else {
            return fail(format!("no {} header", scheme.date_header));
        };
        if scheme.date_signed {
            require_signed(signed_headers, &[scheme.date_header])?;
        }
        if self.header(scheme.token_header).is_some() {
            require_signed(signed_headers, &[scheme.token_header])?;
        }
        self.check_v4(scheme, credential, signed_headers, signature, date, self.query(), credentials, scope)
    }

    /// A presigned query: `X-Amz-Credential`, `X-Amz-Date`, `X-Amz-SignedHeaders`,
    /// `X-Amz-Signature`, the canonical query being every other parameter (the date and a
    /// security token among them, so signed).
    fn verify_aws4_query(&self, credentials: &Credentials, scope: Option<Scope<'_>>) -> Result<(), SignatureMismatch> {
        let (Some(credential), Some(date), Some(signed_headers), Some(signature)) =
            (self.param("X-Amz-Credential"), self.param("X-Amz-Date"), self.param("X-Amz-SignedHeaders"), self.param("X-Amz-Signature"))
        else {
            return fail("the X-Amz-* query parameters are incomplete");
        };
        let query: Vec<(String, String)> = self.query().iter().filter(|(k, _)| k != "X-Amz-Signature").cloned().collect();
        self.check_v4(&AWS4, credential, signed_headers, signature, date, &query, credentials, scope)
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
        scope: Option<Scope<'_>>,
    ) -> Result<(), SignatureMismatch> {
        let (day, region, service) = credential_scope(credential, scheme.terminator, date, credentials, scope)?;
        require_signed(signed_headers, &["host"])?;
        if !self.body().is_empty() {
            require_signed(signed_headers, &["content-type"])?;
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
        let scope = format!("{day}/{region}/{service}/{}", scheme.terminator);
        let string_to_sign =
            format!("{}\n{date}\n{scope}\n{}", scheme.algorithm, hex::encode(Sha256::digest(canonical_request.as_bytes())));
        let mut key = hmac_sha256(format!("{}{}", scheme.key_prefix, credentials.access_key_secret().expose()).as_bytes(), day.as_bytes());
        for part in [region, service, scheme.terminator] {
            key = hmac_sha256(&key, part.as_bytes());
        }
        let expected = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
        if same_bytes(&expected, signature) {
            Ok(())
        } else {
            fail(format!("the {} signature does not match the request's {signed_headers} and its query and body", scheme.algorithm))
        }
    }

    /// `Authorization: JDCLOUD2-HMAC-SHA256 Credential=AK/day/region/service/jdcloud2_request,
    /// SignedHeaders=…, Signature=…`, checked by signing what was received again with the
    /// runtime's JDCLOUD2 signer: the path as received, the query string as sent (JDCLOUD2
    /// signs it unencoded), the signed headers with their values, the date and nonce sent.
    fn verify_jdcloud2(&self, authorization: &str, credentials: &Credentials, scope: Option<Scope<'_>>) -> Result<(), SignatureMismatch> {
        use crate::jdcloud::sign::{sign_jdcloud2, SignableBody, SignableRequest, SigningSettings, ALGORITHM_V2};
        const DATE: &str = "x-jdcloud-date";
        const NONCE: &str = "x-jdcloud-nonce";
        const TOKEN: &str = "x-jdcloud-security-token";
        let (credential, signed_headers, signature) = v4_fields(&authorization[ALGORITHM_V2.len() + 1..])?;
        let (Some(date), Some(nonce)) = (self.header(DATE), self.header(NONCE)) else {
            return fail(format!("no {DATE} or {NONCE} header"));
        };
        let (_, region, service) = credential_scope(credential, "jdcloud2_request", date, credentials, scope)?;
        require_signed(signed_headers, &["host", DATE, NONCE])?;
        if self.header(TOKEN).is_some() {
            require_signed(signed_headers, &[TOKEN])?;
        }
        if !self.body().is_empty() {
            require_signed(signed_headers, &["content-type"])?;
        }
        // The signer signs `host` and every header it is given, adding the date and nonce.
        let mut headers = Vec::new();
        for name in signed_headers.split(';').filter(|n| !matches!(*n, "host" | DATE | NONCE)) {
            let Some(value) = self.header(name) else {
                return fail(format!("signed header `{name}` was not sent"));
            };
            headers.push((name.to_owned(), value.to_owned()));
        }
        let query: Vec<(String, String)> = self
            .raw_query()
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (k.to_owned(), v.to_owned())
            })
            .collect();
        let request = SignableRequest {
            method: self.method(),
            host: self.host(),
            path: self.raw_path(),
            query: &query,
            headers: &headers,
            body: SignableBody::Bytes(self.body()),
        };
        // The token, if any, is among the headers as sent: the key is signed without one.
        let key = Credentials::new(credentials.access_key_id(), credentials.access_key_secret().expose());
        let signed = sign_jdcloud2(&request, &key, &SigningSettings { region, service, date, nonce });
        let resigned = signed.headers.iter().find(|(k, _)| k == "Authorization").map(|(_, v)| v.as_str()).unwrap_or_default();
        let (_, names, expected) = v4_fields(resigned.get(ALGORITHM_V2.len() + 1..).unwrap_or_default())?;
        if names != signed_headers {
            return fail(format!("SignedHeaders={signed_headers} are not the headers named (host, date, nonce and {names})"));
        }
        if same_bytes(expected, signature) {
            Ok(())
        } else {
            fail(format!("the {ALGORITHM_V2} signature does not match the request's {signed_headers} and its query and body"))
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
        let mut out = [0u8; 28];
        let expected = crate::aliyun::rpc_v1::hmac_sha1_base64(credentials.access_key_secret().expose(), &string_to_sign, &mut out);
        if same_bytes(expected, signature) {
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

    #[test]
    fn the_security_token_is_read_where_each_scheme_sends_it_and_must_be_the_keys() {
        let with = |authorization: Option<&str>, header: (&str, &str), target: &str| {
            let mut headers = vec![(header.0.to_owned(), header.1.to_owned())];
            headers.extend(authorization.map(|a| ("authorization".to_owned(), a.to_owned())));
            Request::new("POST", target, headers, Vec::new())
        };
        let acs3 = with(Some("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=00"), ("x-acs-security-token", "sess-1"), "/");
        let aws4 = with(
            Some("AWS4-HMAC-SHA256 Credential=AK/d/r/s/aws4_request, SignedHeaders=host, Signature=00"),
            ("x-amz-security-token", "sess-1"),
            "/",
        );
        let jd3 = with(
            Some("JDCLOUD3-HMAC-SHA256 Credential=AK/d/r/s/jdcloud3_request, SignedHeaders=host, Signature=00"),
            ("x-jdcloud-security-token", "c2Vzcy0x"),
            "/",
        );
        let jd2 = with(
            Some("JDCLOUD2-HMAC-SHA256 Credential=AK/d/r/s/jdcloud2_request, SignedHeaders=host, Signature=00"),
            ("x-jdcloud-security-token", "c2Vzcy0x"),
            "/",
        );
        let rpc = with(None, ("accept", "*/*"), "/?AccessKeyId=AK&SecurityToken=sess-1&Signature=x");
        let presigned = with(None, ("accept", "*/*"), "/?X-Amz-Security-Token=sess-1&X-Amz-Signature=00");
        // A token in another scheme's place is not read.
        let elsewhere =
            with(Some("ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=00"), ("x-amz-security-token", "sess-1"), "/");
        for request in [&acs3, &aws4, &rpc, &presigned] {
            assert_eq!(request.security_token(), Some("sess-1"), "{request:?}");
        }
        // JD Cloud's, base64-encoded as sent (`sess-1`).
        for request in [&jd3, &jd2] {
            assert_eq!(request.security_token(), Some("c2Vzcy0x"), "{request:?}");
        }
        assert_eq!(elsewhere.security_token(), None);

        let same = Credentials::new("AK", "secret").with_security_token("sess-1");
        let other = Credentials::new("AK", "secret").with_security_token("sess-2");
        let none = Credentials::new("AK", "secret");
        for request in [&acs3, &aws4, &jd3, &jd2, &rpc, &presigned] {
            assert_eq!(request.verify_security_token(&same), Ok(()));
            assert_eq!(request.verify_security_token(&none), Ok(()));
            let refused = request.verify_security_token(&other).unwrap_err();
            assert_eq!(refused.kind, super::super::RejectionKind::SecurityTokenMismatch);
            assert!(!refused.message.contains("sess-1"), "{}", refused.message);
        }
        let missing = elsewhere.verify_security_token(&same).unwrap_err();
        assert_eq!(missing.kind, super::super::RejectionKind::SecurityTokenMissing);
    }

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

    /// An AWS4 request (Kingsoft) signed correctly over `signed` of its headers, for `scope`
    /// (`region/service`), with `body` (a form, when not empty).
    fn aws4_request(signed: &[&str], scope: &str, body: &str) -> Request {
        let mut headers: Vec<(String, String)> =
            vec![("host".into(), "kec.cn-beijing-6.api.ksyun.com".into()), ("x-amz-date".into(), "20261130T090000Z".into())];
        if !body.is_empty() {
            headers.push(("content-type".into(), "application/x-www-form-urlencoded".into()));
        }
        let value = |name: &str| headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone()).unwrap_or_default();
        let canonical_headers: String = signed.iter().map(|name| format!("{name}:{}\n", value(name))).collect();
        let signed_headers = signed.join(";");
        let body_hash = hex::encode(Sha256::digest(body.as_bytes()));
        let canonical_request = format!("POST\n/\n\n{canonical_headers}\n{signed_headers}\n{body_hash}");
        let string_to_sign = format!(
            "AWS4-HMAC-SHA256\n20261130T090000Z\n20261130/{scope}/aws4_request\n{}",
            hex::encode(Sha256::digest(canonical_request.as_bytes()))
        );
        let mut key = hmac_sha256(b"AWS4secret", b"20261130");
        for part in scope.split('/').chain(["aws4_request"]) {
            key = hmac_sha256(&key, part.as_bytes());
        }
        let signature = hex::encode(hmac_sha256(&key, string_to_sign.as_bytes()));
        headers.push((
            "authorization".into(),
            format!("AWS4-HMAC-SHA256 Credential=AK/20261130/{scope}/aws4_request, SignedHeaders={signed_headers}, Signature={signature}"),
        ));
        Request::new("POST", "/", headers, body.as_bytes().to_vec())
    }

    #[test]
    fn aws4_requires_host_date_and_content_type_signed_and_the_servers_scope() {
        let keys = Credentials::new("AK", "secret");
        let here = Scope { region: "cn-beijing-6", service: "kec" };
        let form = "Action=StartInstances&InstanceId.1=i-1";
        aws4_request(&["content-type", "host", "x-amz-date"], "cn-beijing-6/kec", form).verify_signature_in(&keys, here).unwrap();
        aws4_request(&["host", "x-amz-date"], "cn-beijing-6/kec", "").verify_signature_in(&keys, here).unwrap();
        // Valid signatures over too few headers: the body's type, the date, the host unsigned.
        for (signed, missing) in [
            (&["host", "x-amz-date"][..], "content-type"),
            (&["content-type", "host"], "x-amz-date"),
            (&["content-type", "x-amz-date"], "host"),
        ] {
            let e = aws4_request(signed, "cn-beijing-6/kec", form).verify_signature(&keys).unwrap_err();
            assert!(e.to_string().contains(&format!("`{missing}` must be signed")), "{e}");
        }
        // A valid signature for another region or service: refused by this server, not by
        // the unscoped check.
        for scope in ["cn-shanghai-2/kec", "cn-beijing-6/vpc"] {
            let request = aws4_request(&["host", "x-amz-date"], scope, "");
            request.verify_signature(&keys).unwrap();
            let e = request.verify_signature_in(&keys, here).unwrap_err();
            assert!(e.to_string().contains("this server is region `cn-beijing-6`, service `kec`"), "{e}");
        }
    }

    #[test]
    fn odd_signatures_are_mismatches_never_panics() {
        let keys = Credentials::new("AK", "secret").with_security_token("t");
        let authorizations = [
            "JDCLOUD2-HMAC-SHA256 ",
            "JDCLOUD2-HMAC-SHA256 Credential=AK/测/r/s/jdcloud2_request, SignedHeaders=;;host, Signature=é",
            "JDCLOUD2-HMAC-SHA256 Credential=AK//////, SignedHeaders=host;x-jdcloud-date;x-jdcloud-nonce, Signature=",
            "JDCLOUD3-HMAC-SHA256 Credential=AK/20261130/r/s/jdcloud3_request,SignedHeaders=content-type,Signature=0",
            "AWS4-HMAC-SHA256 Credential=/,SignedHeaders=,Signature=",
            "ACS3-HMAC-SHA256 Credential=,SignedHeaders=,Signature=",
            "ACS3-HMAC-SHA256 ",
            "测试",
            "",
        ];
        for authorization in authorizations {
            for target in ["/", "/v1/regions/%/instances?%=&&=%zz&a=b=c", "/?X-Amz-Signature=&X-Amz-Credential=%2F%2F"] {
                let headers = vec![
                    ("authorization".to_owned(), authorization.to_owned()),
                    ("x-jdcloud-date".to_owned(), "20261130T000000Z".to_owned()),
                    ("x-jdcloud-nonce".to_owned(), "n".to_owned()),
                    ("x-jdcloud-security-token".to_owned(), "dA==".to_owned()),
                ];
                let request = Request::new("POST", target, headers, vec![0xff, b'{']);
                assert!(request.verify_signature(&keys).is_err(), "{authorization:?} {target}");
                let _ = (request.access_key_id(), request.credential_scope(), request.signed_nonce());
                assert!(request.verify_signature_in(&keys, Scope { region: "r", service: "s" }).is_err());
            }
        }
    }

    #[test]
    fn the_key_id_is_read_from_each_scheme() {
        assert_eq!(acs3_request(&["host"]).access_key_id(), Some("AK"));
        assert_eq!(aws4_request(&["host", "x-amz-date"], "cn-beijing-6/kec", "").access_key_id(), Some("AK"));
        let jd = Request::new(
            "GET",
            "/v1/regions/r/instances",
            vec![(
                "authorization".into(),
                "JDCLOUD2-HMAC-SHA256 Credential=JDAK/20261130/r/vm/jdcloud2_request, SignedHeaders=host, Signature=00".into(),
            )],
            Vec::new(),
        );
        assert_eq!(jd.access_key_id(), Some("JDAK"));
        let presigned =
            Request::new("GET", "/?X-Amz-Credential=KSAK%2F20261130%2Fr%2Fkec%2Faws4_request&X-Amz-Signature=00", vec![], vec![]);
        assert_eq!(presigned.access_key_id(), Some("KSAK"));
        assert_eq!(presigned.credential_scope(), Some(Scope { region: "r", service: "kec" }));
        assert_eq!(jd.credential_scope(), Some(Scope { region: "r", service: "vm" }));
        assert_eq!(acs3_request(&["host"]).credential_scope(), None);
        assert_eq!(jd.signed_nonce(), None, "no x-jdcloud-nonce header sent");
        let rpc = Request::new("GET", "/?AccessKeyId=LTAI&SignatureNonce=n-1&Signature=x", vec![], vec![]);
        assert_eq!(rpc.signed_nonce(), Some("n-1"));
        assert_eq!(aws4_request(&["host", "x-amz-date"], "cn-beijing-6/kec", "").signed_nonce(), None);
        assert_eq!(Request::new("GET", "/?AccessKeyId=LTAI&Signature=x", vec![], vec![]).access_key_id(), Some("LTAI"));
        let bearer = Request::new("GET", "/", vec![("authorization".into(), "Bearer t".into())], vec![]);
        assert_eq!((bearer.access_key_id(), Request::new("GET", "/", vec![], vec![]).access_key_id()), (None, None));
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
