//! Inspur Cloud REST, server side: answers are `{"code": 200, "message": "success", "data":
//! <output>}` with the `x-request-id` header; errors `{"code", "message", "data": null}` with
//! the HTTP status, as [`crate::inspur`]'s decoder reads them.
//!
//! A missing or unparsable member or body is the document's common error `001002`
//! (`004_1a970b265b721a5a.txt:52`: 参数xxx不符合规范, HTTP 400), its `code` sent as the string
//! `"001002"` (the leading zeros are part of it; Inspur's answers also send codes as strings,
//! `"101.001012"`, which the client reads). The other answers have no Inspur evidence (see
//! [`status`]).

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

/// The HTTP status of a rejection:
///
/// | rejection | status, `code` | evidence |
/// |---|---|---|
/// | a required member missing, a value that does not parse, a body not what the operation takes | 400, `"001002"` | the document's common errors (`004_1a970b265b721a5a.txt:52`: `001002 \| 参数xxx不符合规范 \| 400`) |
/// | a method and path of no operation | 404, `404` | no Inspur evidence: the document lists no code for it, Inspur publishes no SDK, and `OpenInspur/cloud-provider-inspur` (the one public client of these APIs found) only checks for 200; the emulator's decision, HTTP's own status for a resource not found (RFC 9110 §15.5.5) as `code` |
/// | a bearer token refused (another, none), and the signature kinds, which bearer tokens do not have | 401, `401` | no Inspur evidence either: the token is a Keycloak access token (the document's sample at `004_1a970b265b721a5a.txt:1288` is a JWT of realm `picp`, type `Bearer`; `OpenInspur/cloud-provider-inspur` gets it from Keycloak); the emulator's decision, RFC 6750 §3.1's status for an `invalid_token` (401) as `code` |
pub fn status(kind: RejectionKind) -> u16 {
    match kind {
        RejectionKind::MissingParameter | RejectionKind::InvalidParameter | RejectionKind::InvalidBody => 400,
        RejectionKind::UnknownOperation => 404,
        RejectionKind::Signature
        | RejectionKind::UnknownAccessKey
        | RejectionKind::NonceReused
        | RejectionKind::SecurityTokenMismatch
        | RejectionKind::SecurityTokenMissing => 401,
    }
}

impl ServerProtocol for Inspur {
    type Client = RestClient;
    type Service = ServiceInfo;
    const REQUEST_ID_HEADER: &'static str = REQUEST_ID_HEADER;

    /// By method, path template and body wrapper ([`decode_rest`](super::decode_rest)).
    fn decode<D: super::Dispatch>(request: &super::Request) -> Result<D, Rejection> {
        super::decode_rest(request)
    }

    fn test_client(service: &'static ServiceInfo, _variant: u64) -> Result<RestClient, crate::Error> {
        let config = Config::builder().region("cn-north-3").endpoint("https://inspur.example.com").bearer_token(TEST_TOKEN).build()?;
        Ok(RestClient::new(service, config))
    }

    fn test_key() -> BearerToken {
        BearerToken::new(TEST_TOKEN)
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_the_documents_code_or_the_http_status() {
        let answer = |rejection: Rejection| {
            let response = Inspur::reject(&rejection, "r-1");
            let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
            assert!(body["data"].is_null(), "{body}");
            (response.status, body["code"].clone(), body["message"].as_str().unwrap_or_default().to_owned())
        };
        let (status, code, text) = answer(Rejection::missing("name"));
        assert_eq!((status, code), (400, serde_json::json!("001002")));
        assert!(text.starts_with("参数name不符合规范 yun: "), "{text}");
        let (status, code, _) = answer(Rejection::unknown_operation("GET /v1/nothing"));
        assert_eq!((status, code), (404, serde_json::json!(404)));
        let (status, code, _) = answer(Rejection::new(RejectionKind::Signature, "another bearer token"));
        assert_eq!((status, code), (401, serde_json::json!(401)));
        let (status, _, _) = answer(Rejection::new(RejectionKind::UnknownAccessKey, "no such key"));
        assert_eq!(status, 401);
    }
}
