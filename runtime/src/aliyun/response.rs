//! Decoding Aliyun RPC responses: the operation's JSON on success, the
//! `{RequestId, Code, Message}` body on error.

use serde::de::DeserializeOwned;

use crate::client::http::HttpResponse;
use crate::error::{body_text, DecodeError, Error, ServiceError};
use crate::response::decode::Decoded;

/// The response header that carries the request id.
pub(crate) const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// Decodes a response into `O`, or into the error it carries; values that do not fit are
/// left out (see [`decode_answer`]).
pub fn decode<O: DeserializeOwned>(response: &HttpResponse) -> Result<O, Error> {
    decode_answer(response, false).map(|d| d.output)
}

/// Decodes a response into `O` with the warnings of the values left out
/// ([`crate::response::decode::from_slice_lossy`]), or into the error it carries. With `sensitive`, no
/// warning keeps raw text.
pub fn decode_answer<O: DeserializeOwned>(response: &HttpResponse, sensitive: bool) -> Result<Decoded<O>, Error> {
    if !(200..300).contains(&response.status) {
        return Err(Error::Service(service_error(response)));
    }
    // The one lenient policy of every provider (crate::response::decode), straight from the bytes.
    crate::response::decode::from_slice_lossy(&response.body, sensitive)
        .map_err(|message| Error::Decode(DecodeError::of(response, message, "RequestId", REQUEST_ID_HEADER)))
}

fn service_error(response: &HttpResponse) -> ServiceError {
    let json: Option<serde_json::Value> = crate::response::decode::value_from_slice(&response.body).ok();
    let field = |name: &str| -> Option<String> {
        json.as_ref()?.get(name).and_then(|v| match v {
            serde_json::Value::String(s) => Some(s.clone()),
            serde_json::Value::Null => None,
            other => Some(other.to_string()),
        })
    };
    ServiceError {
        status: response.status,
        code: field("Code"),
        message: field("Message"),
        request_id: field("RequestId").or_else(|| response.header(REQUEST_ID_HEADER).map(str::to_owned)),
        body: body_text(&response.body),
        retry_after: None, // read from the headers by `send`, for every provider
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn response(status: u16, body: &str) -> HttpResponse {
        HttpResponse { status, headers: vec![], body: bytes::Bytes::copy_from_slice(body.as_bytes()) }
    }

    #[test]
    fn decodes_the_error_body() {
        let r = response(400, r#"{"RequestId":"R1","Code":"InvalidParameter","Message":"bad","HostId":"h"}"#);
        let Err(Error::Service(e)) = decode::<serde_json::Value>(&r) else { panic!("expected a service error") };
        assert_eq!((e.code(), e.request_id(), e.message.as_deref()), (Some("InvalidParameter"), Some("R1"), Some("bad")));
    }

    #[test]
    fn keeps_a_non_json_error_body() {
        let Err(Error::Service(e)) = decode::<serde_json::Value>(&response(502, "<html>Bad Gateway</html>")) else {
            panic!("expected a service error")
        };
        assert_eq!(e.code, None);
        assert!(e.to_string().contains("Bad Gateway"));
    }

    #[test]
    fn a_truncated_success_body_is_a_decode_error() {
        let r = decode::<serde_json::Value>(&response(200, r#"{"RequestId":"R1","Instan"#));
        assert!(matches!(r, Err(Error::Decode(_))));
    }
}
