//! JD Cloud REST, server side: answers are `{"requestId", "result": <output>}` with the
//! `x-jdcloud-request-id` header; errors `{"requestId", "error": {"code": <HTTP status>,
//! "status", "message"}}`, as [`crate::jdcloud`]'s decoder reads them.
//!
//! The statuses, `status` names and messages are JD Cloud's API gateway's, each with its
//! source in [`status_and_code`]; each message starts with the gateway's own sentence, then
//! says what yun found wrong.

use super::verify::Scope;
use super::{json_response, without_nulls, Rejection, RejectionKind, ServerProtocol};
use crate::client::http::HttpResponse;
use crate::jdcloud::{Config, RestClient, ServiceInfo, SignatureVersion, GLOBAL_REGION};
use crate::Credentials;

/// The response header of the request id.
pub const REQUEST_ID_HEADER: &str = "x-jdcloud-request-id";

/// The access key id round-trip clients sign with.
pub const TEST_ACCESS_KEY_ID: &str = "JDCServerCodecTest";
/// Its secret (a test value: it opens nothing).
pub const TEST_ACCESS_KEY_SECRET: &str = "server-codec-test-secret";

/// The credential scope a JD Cloud server of `service` accepts for `request`: JD's SDKs (and
/// yun's client) sign for the region the request names (the path's `/regions/{regionId}/`
/// segment, else a `regionId` query parameter), or [`GLOBAL_REGION`] when it names none, and
/// the service's name (`vm`).
pub fn scope<'a>(service: &'a ServiceInfo, request: &'a super::Request) -> Scope<'a> {
    let mut segments = request.path().split('/');
    let in_path = segments.by_ref().find(|s| *s == "regions").and_then(|_| segments.next());
    let region = in_path.or_else(|| request.param("regionId")).filter(|r| !r.is_empty()).unwrap_or(GLOBAL_REGION);
    Scope { region, service: service.service }
}

/// JD Cloud's REST protocol's server side.
#[derive(Debug, Clone, Copy)]
pub struct Jdcloud;

/// The status and error `status` name of a rejection, as JD Cloud's API gateway answers them:
///
/// | rejection | status, `status` | evidence |
/// |---|---|---|
/// | a required member missing, a value that does not parse, a body not what the operation takes | 400 `INVALID_ARGUMENT` | JD Cloud's common error codes (`specs/jdcloud-vm.yaml` `errors`, docs.jdcloud.com common-declaration/api/error-codes: 参数错误); the general table of the API gateway's documentation, `INVALID_ARGUMENT \| 400 \| Parameter Argument Error` (jdcloudcom/en `documentation/Middleware/API-Gateway/Operation-Guide/Code/API_Errorcode.md`) |
/// | a method and path of no operation | 404 `NOT_FOUND` | `404\|NOT_FOUND\|no route and no API found with those values` in the gateway's errors for SDK calls (jdcloudcom/en `documentation/Middleware/API-Gateway/Related-Resources/Error-Code.md`, and its Chinese original 调用过程中公共错误码参考) |
/// | a signature that does not verify, or scoped to another region or service | 401 `ACCESS_ERROR` | `401\|ACCESS_ERROR\|sign result is not same` in the same table; answered so to `jdcloud-sdk-php` (jdcloud-api/jdcloud-sdk-php#88: `{"error":{"message":"sign result is not same [gw]","status":"ACCESS_ERROR","code":401},"requestId":…}`). It was `UNAUTHENTICATED`, a code of the services' table that the gateway does not answer for a signature |
/// | a key id the server does not know | 401 `ACCESS_ERROR` | `401\|ACCESS_ERROR\|Invalid accessKey` in the same table. `jdcloud-sdk-go` `demo/exception_test.go` (`TestCredentialNotCorrect`) expects 403 for an *empty* key and secret, a case the table does not list and yun's clients cannot send |
/// | a security token not the key's, or none where the key has one | 401 `ACCESS_ERROR` | `401\|ACCESS_ERROR\|Invalid authentication credentials` (认证凭证不合法) in the same table: the gateway's answer for credentials it refuses; which of its lines a token mismatch gets is not documented (the emulator's decision) |
/// | a JDCLOUD2 nonce used already | 401 `ACCESS_ERROR` | no evidence: the gateway's tables list no replay error; the emulator's decision, the signature's code with the message `sign result is not same` |
pub fn status_and_code(kind: RejectionKind) -> (u16, &'static str) {
    match kind {
        RejectionKind::MissingParameter | RejectionKind::InvalidParameter | RejectionKind::InvalidBody => (400, "INVALID_ARGUMENT"),
        RejectionKind::UnknownOperation => (404, "NOT_FOUND"),
        RejectionKind::Signature
        | RejectionKind::UnknownAccessKey
        | RejectionKind::NonceReused
        | RejectionKind::SecurityTokenMismatch
        | RejectionKind::SecurityTokenMissing => (401, "ACCESS_ERROR"),
    }
}

/// The error answer's `message`: the gateway's sentence for the rejection (the sources of
/// [`status_and_code`]; `Parameter Argument Error` for the argument errors, naming the
/// parameter), then `yun: ` and what yun found wrong.
pub fn message(rejection: &Rejection) -> String {
    let sentence = match rejection.kind {
        RejectionKind::MissingParameter | RejectionKind::InvalidParameter | RejectionKind::InvalidBody => {
            format!("Parameter Argument Error: {}", rejection.parameter.as_deref().unwrap_or("body"))
        }
        RejectionKind::UnknownOperation => "no route and no API found with those values".to_owned(),
        RejectionKind::Signature | RejectionKind::NonceReused => "sign result is not same".to_owned(),
        RejectionKind::UnknownAccessKey => "Invalid accessKey".to_owned(),
        RejectionKind::SecurityTokenMismatch | RejectionKind::SecurityTokenMissing => "Invalid authentication credentials".to_owned(),
    };
    format!("{sentence} yun: {}", rejection.message)
}

impl ServerProtocol for Jdcloud {
    type Client = RestClient;
    type Service = ServiceInfo;
    const REQUEST_ID_HEADER: &'static str = REQUEST_ID_HEADER;

    /// By method, path template and body wrapper ([`decode_rest`](super::decode_rest)).
    fn decode<D: super::Dispatch>(request: &super::Request) -> Result<D, Rejection> {
        super::decode_rest(request)
    }

    /// `JDCLOUD3-HMAC-SHA256` for even variants, `JDCLOUD2` for odd ones (when the service
    /// takes both).
    fn test_client(service: &'static ServiceInfo, variant: u64) -> Result<RestClient, crate::Error> {
        let signature = if variant % 2 == 1 && service.signing.contains(&SignatureVersion::Jdcloud2HmacSha256) {
            SignatureVersion::Jdcloud2HmacSha256
        } else {
            SignatureVersion::Jdcloud3HmacSha256
        };
        let config = Config::builder().region("cn-north-1").credentials(Self::test_key()).signature_version(signature).build()?;
        Ok(RestClient::new(service, config))
    }

    fn test_key() -> Credentials {
        Credentials::new(TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET)
    }

    /// The scope [`scope`] gives for the request (its region, the service's name).
    fn accepts_scope(service: &'static ServiceInfo, request: &super::Request, sent: Scope<'_>) -> bool {
        scope(service, request) == sent
    }

    /// [`scope`]: the region the request names, the service's name.
    fn test_scope<'a>(service: &'static ServiceInfo, request: &'a super::Request) -> Option<Scope<'a>> {
        Some(scope(service, request))
    }

    /// `{"requestId", "result"}` with the output's members (absent ones left out); status 200.
    fn answer<T: serde::Serialize>(output: &T, request_id: &str) -> HttpResponse {
        let body = serde_json::json!({"requestId": request_id, "result": without_nulls(output)});
        json_response(200, Self::REQUEST_ID_HEADER, request_id, &body)
    }

    fn reject(rejection: &Rejection, request_id: &str) -> HttpResponse {
        let (status, name) = status_and_code(rejection.kind);
        let body = serde_json::json!({
            "requestId": request_id,
            "error": {"code": status, "status": name, "message": message(rejection)},
        });
        json_response(status, REQUEST_ID_HEADER, request_id, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_the_gateways_statuses_names_and_sentences() {
        let answer = |rejection: Rejection| {
            let response = Jdcloud::reject(&rejection, "r-1");
            let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
            let error = &body["error"];
            assert_eq!(error["code"].as_u64(), Some(u64::from(response.status)));
            assert_eq!(body["requestId"].as_str(), Some("r-1"));
            (
                response.status,
                error["status"].as_str().unwrap_or_default().to_owned(),
                error["message"].as_str().unwrap_or_default().to_owned(),
            )
        };
        let (status, name, text) = answer(Rejection::missing("regionId"));
        assert_eq!((status, name.as_str()), (400, "INVALID_ARGUMENT"));
        assert!(text.starts_with("Parameter Argument Error: regionId yun: "), "{text}");
        let (status, name, _) = answer(Rejection::invalid("pageSize", "`pageSize`: not an integer"));
        assert_eq!((status, name.as_str()), (400, "INVALID_ARGUMENT"));
        let (status, name, text) = answer(Rejection::unknown_operation("GET /v1/nothing"));
        assert_eq!((status, name.as_str()), (404, "NOT_FOUND"));
        assert!(text.starts_with("no route and no API found with those values yun: "), "{text}");
        let (status, name, text) = answer(Rejection::new(RejectionKind::Signature, "another key"));
        assert_eq!((status, name.as_str()), (401, "ACCESS_ERROR"));
        assert!(text.starts_with("sign result is not same yun: "), "{text}");
        let (status, name, text) = answer(Rejection::new(RejectionKind::UnknownAccessKey, "no such key"));
        assert_eq!((status, name.as_str()), (401, "ACCESS_ERROR"));
        assert!(text.starts_with("Invalid accessKey yun: "), "{text}");
        let (status, name, text) = answer(Rejection::new(RejectionKind::SecurityTokenMismatch, "another token"));
        assert_eq!((status, name.as_str()), (401, "ACCESS_ERROR"));
        assert!(text.starts_with("Invalid authentication credentials yun: "), "{text}");
        let (status, name, _) = answer(Rejection::new(RejectionKind::NonceReused, "seen"));
        assert_eq!((status, name.as_str()), (401, "ACCESS_ERROR"));
    }
}
