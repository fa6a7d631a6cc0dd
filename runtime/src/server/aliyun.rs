//! Aliyun RPC, server side: answers are the output's JSON object with its `RequestId` (added
//! when the output has none) and the `x-acs-request-id` header; errors are
//! `{"RequestId", "HostId", "Code", "Message"}`, as [`crate::aliyun`]'s decoder reads them.
//!
//! Error codes: a missing member is `MissingParameter` (400), a value that does not parse or a
//! body that is not what the operation takes `InvalidParameter` (400), an unknown action
//! `InvalidAction.NotFound` (404), a signature that does not verify `SignatureDoesNotMatch`
//! (400): the codes Alibaba Cloud's gateway answers for these (its common error codes; the
//! services add `Missing<Name>` variants of their own, which clients treat alike).

use super::{json_response, Rejection, RejectionKind, ServerProtocol};
use crate::aliyun::{Config, RpcClient, ServiceInfo, SignatureVersion};
use crate::client::http::HttpResponse;
use crate::Credentials;

/// The response header of the request id.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// The access key id round-trip clients sign with.
pub const TEST_ACCESS_KEY_ID: &str = "LTAI5tServerCodecTest";
/// Its secret (a test value: it opens nothing).
pub const TEST_ACCESS_KEY_SECRET: &str = "server-codec-test-secret";

/// The Aliyun RPC protocol's server side.
#[derive(Debug, Clone, Copy)]
pub struct Aliyun;

/// The status and code of a rejection (see the module's docs).
pub fn status_and_code(kind: RejectionKind) -> (u16, &'static str) {
    match kind {
        RejectionKind::MissingParameter => (400, "MissingParameter"),
        RejectionKind::InvalidParameter | RejectionKind::InvalidBody => (400, "InvalidParameter"),
        RejectionKind::UnknownOperation => (404, "InvalidAction.NotFound"),
        RejectionKind::Signature => (400, "SignatureDoesNotMatch"),
    }
}

impl ServerProtocol for Aliyun {
    type Client = RpcClient;
    type Service = ServiceInfo;

    /// ACS3 for even variants, RPC 1.0 `HMAC-SHA1` for odd ones (when the service takes both).
    fn test_client(service: &'static ServiceInfo, variant: u64) -> Result<RpcClient, crate::Error> {
        let signature = if variant % 2 == 1 && service.signing.contains(&SignatureVersion::HmacSha1) {
            SignatureVersion::HmacSha1
        } else {
            SignatureVersion::Acs3HmacSha256
        };
        let config = Config::builder().region("cn-hangzhou").credentials(Self::test_key()).signature_version(signature).build()?;
        Ok(RpcClient::new(service, config))
    }

    fn test_key() -> Credentials {
        Credentials::new(TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET)
    }

    fn verify_test_signature(_service: &'static ServiceInfo, request: &super::Request) -> Result<bool, super::verify::SignatureMismatch> {
        request.verify_signature(&Self::test_key()).map(|()| true)
    }

    /// The output's members (absent ones left out) and `RequestId`, as the services answer;
    /// status 200.
    fn answer<T: serde::Serialize>(output: &T, request_id: &str) -> HttpResponse {
        json_response(200, REQUEST_ID_HEADER, request_id, &serde_json::Value::Object(super::with_request_id(output, request_id)))
    }

    fn reject(rejection: &Rejection, request_id: &str) -> HttpResponse {
        let (status, code) = status_and_code(rejection.kind);
        let body = serde_json::json!({
            "RequestId": request_id,
            "HostId": "yun-server",
            "Code": code,
            "Message": rejection.message,
        });
        json_response(status, REQUEST_ID_HEADER, request_id, &body)
    }
}
