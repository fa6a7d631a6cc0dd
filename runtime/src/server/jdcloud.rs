//! JD Cloud REST, server side: answers are `{"requestId", "result": <output>}` with the
//! `x-jdcloud-request-id` header; errors `{"requestId", "error": {"code": <HTTP status>,
//! "status", "message"}}`, as [`crate::jdcloud`]'s decoder reads them.
//!
//! Error statuses, from JD Cloud's common error codes (`specs/jdcloud-vm.yaml`, `errors`): a
//! missing or unparsable member or body `INVALID_ARGUMENT` (400), a method and path of no
//! operation `NOT_FOUND` (404), a signature that does not verify, an unknown key or a
//! JDCLOUD2 nonce used already `UNAUTHENTICATED` (401).

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

/// The status and error status name of a rejection (see the module's docs).
pub fn status_and_code(kind: RejectionKind) -> (u16, &'static str) {
    match kind {
        RejectionKind::MissingParameter | RejectionKind::InvalidParameter | RejectionKind::InvalidBody => (400, "INVALID_ARGUMENT"),
        RejectionKind::UnknownOperation => (404, "NOT_FOUND"),
        RejectionKind::Signature | RejectionKind::UnknownAccessKey | RejectionKind::NonceReused => (401, "UNAUTHENTICATED"),
    }
}

impl ServerProtocol for Jdcloud {
    type Client = RestClient;
    type Service = ServiceInfo;

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

    /// `JDCLOUD3-HMAC-SHA256` and `JDCLOUD2-HMAC-SHA256` are both verified, scoped by
    /// [`scope`].
    /// The scope [`scope`] gives for the request (its region, the service's name).
    fn accepts_scope(service: &'static ServiceInfo, request: &super::Request, sent: Scope<'_>) -> bool {
        scope(service, request) == sent
    }

    fn verify_test_signature(service: &'static ServiceInfo, request: &super::Request) -> Result<bool, super::verify::SignatureMismatch> {
        request.verify_signature_in(&Self::test_key(), scope(service, request)).map(|()| true)
    }

    /// `{"requestId", "result"}` with the output's members (absent ones left out); status 200.
    fn answer<T: serde::Serialize>(output: &T, request_id: &str) -> HttpResponse {
        let body = serde_json::json!({"requestId": request_id, "result": without_nulls(output)});
        json_response(200, REQUEST_ID_HEADER, request_id, &body)
    }

    fn reject(rejection: &Rejection, request_id: &str) -> HttpResponse {
        let (status, name) = status_and_code(rejection.kind);
        let body = serde_json::json!({
            "requestId": request_id,
            "error": {"code": status, "status": name, "message": rejection.message},
        });
        json_response(status, REQUEST_ID_HEADER, request_id, &body)
    }
}
