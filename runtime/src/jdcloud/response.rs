//! Decoding JD Cloud responses: the `{requestId, result, error}` envelope. `result`
//! decodes into the operation's output; `error` (`{code, status, message}`, where `code`
//! repeats the HTTP status and `status` names the error, e.g. `INVALID_ARGUMENT`) into a
//! [`ServiceError`] whose code is the `status`.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::http::HttpResponse;
use crate::error::{body_text, DecodeError, Error, ServiceError};
use crate::response::decode::Decoded;

/// The response header that carries the request id.
pub(crate) const REQUEST_ID_HEADER: &str = "x-jdcloud-request-id";

/// Decodes a response into `O`, or into the error it carries; values that do not fit are
/// left out (see [`decode_answer`]).
pub fn decode<O: DeserializeOwned>(response: &HttpResponse) -> Result<O, Error> {
    decode_answer(response, false).map(|d| d.output)
}

/// Decodes a response into `O` with the warnings of the values of `result` left out
/// ([`crate::response::decode::lenient_lossy`]; their paths start inside `result`), or into the error
/// it carries. With `sensitive`, no warning keeps raw text.
pub fn decode_answer<O: DeserializeOwned>(response: &HttpResponse, sensitive: bool) -> Result<Decoded<O>, Error> {
    // The common answer (an object `result`, no `error`) straight from the bytes; anything
    // else takes the tree path below, which decides the same way and says why.
    if (200..300).contains(&response.status) {
        if let Some((out, kept)) = crate::response::decode::envelope::<O>(&response.body, "result", &["error"]) {
            if kept.iter().rev().find(|(k, _)| k == "error").is_none_or(|(_, e)| e.is_null()) {
                return Ok(Decoded::whole(out));
            }
        }
    }
    // The SDK takes a 204 or an empty body as a success without a result.
    let parsed: Result<Value, String> = if response.body.iter().all(u8::is_ascii_whitespace) {
        Ok(Value::Object(Default::default()))
    } else {
        crate::response::decode::value_from_slice(&response.body).map_err(|e| format!("malformed JSON: {e}"))
    };
    if !(200..300).contains(&response.status) {
        return Err(Error::Service(service_error(response, parsed.ok())));
    }
    let decode_error = |message: String| Error::Decode(DecodeError::of(response, message, "requestId", REQUEST_ID_HEADER));
    let mut envelope = parsed.map_err(decode_error)?;
    if !envelope.is_object() {
        return Err(decode_error(format!("the body is {}, not a {{requestId, result}} envelope", kind(&envelope))));
    }
    if envelope.get("error").is_some_and(|e| !e.is_null()) {
        return Err(Error::Service(service_error(response, Some(envelope))));
    }
    let result = match envelope.get_mut("result").map(Value::take) {
        None | Some(Value::Null) => Value::Object(Default::default()),
        Some(result @ Value::Object(_)) => result,
        Some(other) => return Err(decode_error(format!("`result` is not an object: {}", kind(&other)))),
    };
    crate::response::decode::lenient_lossy(result, sensitive).map_err(|e| decode_error(format!("result: {e}")))
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn service_error(response: &HttpResponse, body: Option<Value>) -> ServiceError {
    let text = |v: Option<&Value>| match v {
        Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let error = body.as_ref().and_then(|b| b.get("error"));
    ServiceError {
        status: response.status,
        // `status` names the error; older gateways put only a `code` there.
        code: text(error.and_then(|e| e.get("status"))).or_else(|| text(error.and_then(|e| e.get("code")))),
        message: text(error.and_then(|e| e.get("message"))),
        request_id: text(body.as_ref().and_then(|b| b.get("requestId"))).or_else(|| response.header(REQUEST_ID_HEADER).map(str::to_owned)),
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
    fn unwraps_the_result() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Out {
            #[serde(rename = "totalCount")]
            total: i32,
        }
        let out: Out = decode(&response(200, r#"{"requestId":"r-1","result":{"totalCount":3}}"#)).unwrap();
        assert_eq!(out, Out { total: 3 });
    }

    #[test]
    fn an_empty_or_missing_result_is_an_empty_output() {
        #[derive(serde::Deserialize, Debug, PartialEq, Default)]
        #[serde(default)]
        struct Out {
            a: Option<String>,
        }
        for body in [r#"{"requestId":"r-1"}"#, r#"{"requestId":"r-1","result":null}"#, ""] {
            assert_eq!(decode::<Out>(&response(200, body)).unwrap(), Out::default(), "{body:?}");
        }
    }

    #[test]
    fn error_envelopes_become_service_errors() {
        let body = r#"{"requestId":"r-9","error":{"code":400,"status":"INVALID_ARGUMENT","message":"bad pageSize"}}"#;
        for status in [400, 200] {
            let Err(Error::Service(e)) = decode::<Value>(&response(status, body)) else { panic!("{status}") };
            assert_eq!((e.code(), e.request_id(), e.message.as_deref()), (Some("INVALID_ARGUMENT"), Some("r-9"), Some("bad pageSize")));
        }
    }

    #[test]
    fn hostile_bodies_are_errors() {
        for body in ["{\"result\":", "<html>", "\u{0}", r#"{"result":[1]}"#, r#"{"result":"x"}"#, "[]", "null", "123"] {
            assert!(matches!(decode::<Value>(&response(200, body)), Err(Error::Decode(_))), "{body:?}");
        }
        let Err(Error::Service(e)) = decode::<Value>(&response(502, "<html>Bad Gateway</html>")) else { panic!() };
        assert_eq!(e.code, None);
    }
}
