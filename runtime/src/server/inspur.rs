//! Inspur Cloud REST, server side: answers are `{"code": 200, "message": "success", "data":
//! <output>}` with the `x-request-id` header; errors `{"code", "message", "data": null}` with
//! the HTTP status, as [`crate::inspur`]'s decoder reads them.
//!
//! The Inspur document lists no codes for a malformed request: a missing or unparsable member
//! or body is answered `code` 400, an unknown method and path 404, a bearer token the server
//! refuses 401 (their HTTP statuses, which is what Inspur's gateway answers with such errors).

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

/// The status (also the envelope's `code`) of a rejection (see the module's docs).
pub fn status(kind: RejectionKind) -> u16 {
    match kind {
        RejectionKind::MissingParameter | RejectionKind::InvalidParameter | RejectionKind::InvalidBody => 400,
        RejectionKind::UnknownOperation => 404,
        RejectionKind::Signature => 401,
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
        let body = serde_json::json!({"code": status, "message": rejection.message, "data": null});
        json_response(status, REQUEST_ID_HEADER, request_id, &body)
    }
}
