//! Inspur Cloud REST, server side: answers are `{"code": 200, "message": "success", "data":
//! <output>}` with the `x-request-id` header; errors `{"code", "message", "data": null}` with
//! the HTTP status, as [`crate::inspur`]'s decoder reads them.
//!
//! A missing or unparsable member or body is the document's common error `001002`
//! (`004_1a970b265b721a5a.txt:52`: 参数xxx不符合规范, HTTP 400), its `code` sent as the string
//! `"001002"` (the leading zeros are part of it; Inspur's answers also send codes as strings,
//! `"101.001012"`, which the client reads). The document lists no code for an unknown method
//! and path or a refused bearer token: those are answered with their HTTP status as `code`,
//! 404 and 401.

use super::{json_response, without_nulls, Rejection, RejectionKind, ServerProtocol};
use crate::client::http::HttpResponse;
use crate::inspur::{Config, RestClient, ServiceInfo};
use crate::BearerToken;

/// The response header of the request id.
pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The bearer token round-trip clients send (a test value: it opens nothing).
pub const TEST_TOKEN: &str = "server-codec-test-token";

/// Inspur Cloud's REST protocol's server side.
#[derive(Debug, Clone, Copy)]
pub struct Inspur;

/// The document's code for a parameter that does not meet the API's requirements
/// (`004_1a970b265b721a5a.txt:52`).
pub const INVALID_PARAMETER_CODE: &str = "001002";

/// The HTTP status of a rejection (see the module's docs).
pub fn status(kind: RejectionKind) -> u16 {
    match kind {
        RejectionKind::MissingParameter | RejectionKind::InvalidParameter | RejectionKind::InvalidBody => 400,
        RejectionKind::UnknownOperation => 404,
        RejectionKind::Signature | RejectionKind::UnknownAccessKey | RejectionKind::NonceReused => 401,
    }
}

impl ServerProtocol for Inspur {
    type Client = RestClient;
    type Service = ServiceInfo;

    fn test_client(service: &'static ServiceInfo, _variant: u64) -> Result<RestClient, crate::Error> {
        let config = Config::builder().region("cn-north-3").endpoint("https://inspur.example.com").bearer_token(TEST_TOKEN).build()?;
        Ok(RestClient::new(service, config))
    }

    fn test_key() -> BearerToken {
        BearerToken::new(TEST_TOKEN)
    }

    /// The `Authorization: Bearer <token>` header holds [`TEST_TOKEN`].
    fn verify_test_signature(_service: &'static ServiceInfo, request: &super::Request) -> Result<bool, super::verify::SignatureMismatch> {
        match request.header("authorization").and_then(|a| a.strip_prefix("Bearer ")) {
            Some(TEST_TOKEN) => Ok(true),
            Some(_) => Err(super::verify::SignatureMismatch("another bearer token".to_owned())),
            None => Err(super::verify::SignatureMismatch("no `Authorization: Bearer` header".to_owned())),
        }
    }

    /// `{"code": 200, "message": "success", "data"}` with the output's members (absent ones
    /// left out); status 200.
    fn answer<T: serde::Serialize>(output: &T, request_id: &str) -> HttpResponse {
        let body = serde_json::json!({"code": 200, "message": "success", "data": without_nulls(output)});
        json_response(200, REQUEST_ID_HEADER, request_id, &body)
    }

    fn reject(rejection: &Rejection, request_id: &str) -> HttpResponse {
        let status = status(rejection.kind);
        let body = match rejection.kind {
            RejectionKind::MissingParameter | RejectionKind::InvalidParameter | RejectionKind::InvalidBody => {
                let name = rejection.parameter.as_deref().unwrap_or("body");
                let message = format!("参数{name}不符合规范 yun: {}", rejection.message);
                serde_json::json!({"code": INVALID_PARAMETER_CODE, "message": message, "data": null})
            }
            _ => serde_json::json!({"code": status, "message": rejection.message, "data": null}),
        };
        json_response(status, REQUEST_ID_HEADER, request_id, &body)
    }
}
