//! Decoding Inspur Cloud responses: the `{code, message, data}` envelope. A `code` from 200 to
//! 299 (a number or, in some answers, a string; Create private image answers 201) means success and `data` decodes into the output (an object
//! as it is; any other `data` — a list, a string — as the output's member `data`); any other
//! `code` is a [`ServiceError`] with that code, even under HTTP 200.

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::http::HttpResponse;
use crate::error::{body_text, DecodeError, Error, ServiceError};
use crate::response::decode::Decoded;

/// The response header that carries the request id. The Inspur document names none; Inspur
/// Cloud's PHP SDK core (`dangcingzzw/inspur`, `Core/src/Http/HttpClient.php`@`abd64e3`,
/// for `mps.cn-north-3.inspurcloudapi.com`) reads the request id of an error answer from
/// `X-Request-Id`.
pub(crate) const REQUEST_ID_HEADER: &str = "x-request-id";

/// The headers that may carry the request id, in order of preference: [`REQUEST_ID_HEADER`],
/// then `request-id`, which the same SDK logs for a successful answer.
pub(crate) const REQUEST_ID_HEADERS: &[&str] = &[REQUEST_ID_HEADER, "request-id"];

/// Decodes a response into `O`, or into the error it carries; values that do not fit are
/// left out (see [`decode_answer`]).
pub fn decode<O: DeserializeOwned>(response: &HttpResponse) -> Result<O, Error> {
    decode_answer(response, false).map(|d| d.output)
}

/// Decodes a response into `O` with the warnings of the values of `data` left out
/// ([`crate::response::decode::lenient_lossy`]; their paths start inside `data`), or into the error it
/// carries. With `sensitive`, no warning keeps raw text.
pub fn decode_answer<O: DeserializeOwned>(response: &HttpResponse, sensitive: bool) -> Result<Decoded<O>, Error> {
    // The common answer (a 2xx `code`, an object `data`) straight from the bytes; anything
    // else takes the tree path below, which decides the same way and says why.
    if (200..300).contains(&response.status) {
        if let Some((out, kept)) = crate::response::decode::envelope::<O>(&response.body, "data", &["code"]) {
            let code = kept.iter().rev().find(|(k, _)| k == "code").and_then(|(_, c)| code_text(c));
            if code.is_some_and(|c| c.parse::<u16>().is_ok_and(|n| (200..300).contains(&n))) {
                return Ok(Decoded::whole(out));
            }
        }
    }
    let parsed: Result<Value, String> =
        crate::response::decode::value_from_slice(&response.body).map_err(|e| format!("malformed JSON: {e}"));
    let decode_error = |message: String| Error::Decode(DecodeError::of(response, message, "requestId", REQUEST_ID_HEADER));
    if !(200..300).contains(&response.status) {
        return Err(Error::Service(service_error(response, parsed.ok().as_ref())));
    }
    let mut envelope = parsed.map_err(decode_error)?;
    // A gateway or proxy may answer 200 with something else: that is no success.
    let Some(code) = envelope.get("code").and_then(code_text) else {
        return Err(decode_error("the body is not a {code, message, data} envelope (no `code`)".to_owned()));
    };
    if !code.parse::<u16>().is_ok_and(|n| (200..300).contains(&n)) {
        return Err(Error::Service(service_error(response, Some(&envelope))));
    }
    let data = match envelope.get_mut("data").map(Value::take) {
        // Delete and update answer `"data": ""`: nothing.
        None | Some(Value::Null) => Value::Object(Default::default()),
        Some(Value::String(s)) if s.is_empty() => Value::Object(Default::default()),
        Some(object @ Value::Object(_)) => object,
        Some(other) => Value::Object([("data".to_owned(), other)].into_iter().collect()),
    };
    crate::response::decode::lenient_lossy(data, sensitive).map_err(|e| decode_error(format!("data: {e}")))
}

/// `200` or `"101.001012"`: the code as text, whichever way it came.
fn code_text(v: &Value) -> Option<String> {
    match v {
        Value::Number(n) => Some(n.to_string()),
        Value::String(s) if !s.trim().is_empty() => Some(s.trim().to_owned()),
        _ => None,
    }
}

fn service_error(response: &HttpResponse, body: Option<&Value>) -> ServiceError {
    let field = |name: &str| body.and_then(|b| b.get(name));
    ServiceError {
        status: response.status,
        code: field("code").and_then(code_text),
        message: field("message").and_then(Value::as_str).filter(|m| !m.is_empty()).map(str::to_owned),
        request_id: response
            .first_header(REQUEST_ID_HEADERS)
            .map(str::to_owned)
            .or_else(|| field("requestId").and_then(Value::as_str).filter(|id| !id.is_empty()).map(str::to_owned)),
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

    #[derive(serde::Deserialize, Debug, PartialEq, Default)]
    #[serde(default)]
    struct Out {
        name: Option<String>,
        data: Option<Vec<String>>,
    }

    #[test]
    fn unwraps_data_whatever_its_shape() {
        let o: Out = decode(&response(200, r#"{"code":200,"message":"ok","data":{"name":"vm"}}"#)).unwrap();
        assert_eq!(o.name.as_deref(), Some("vm"));
        let o: Out = decode(&response(200, r#"{"code":"200","message":"ok","data":["a","b"]}"#)).unwrap();
        assert_eq!(o.data.unwrap(), ["a", "b"]);
        let o: Out = decode(&response(200, r#"{"code":200,"message":"ok"}"#)).unwrap();
        assert_eq!(o, Out::default());
        let o: Out = decode(&response(200, r#"{"code":201,"message":"created","data":""}"#)).unwrap();
        assert_eq!(o, Out::default());
    }

    #[test]
    fn a_code_other_than_200_is_an_error_even_with_http_200() {
        for (status, body) in [
            (200, r#"{"code":"101.001012","message":"存在未知状态的云服务器，请重新选择云服务器","data":null}"#),
            (400, r#"{"code":101001012,"message":"存在未知状态的云服务器，请重新选择云服务器"}"#),
        ] {
            let Err(Error::Service(e)) = decode::<Out>(&response(status, body)) else { panic!("{body}") };
            assert_eq!(e.status, status);
            assert!(e.code().is_some_and(|c| c.starts_with("101")), "{e:?}");
            assert!(e.message.as_deref().unwrap().contains("未知状态"));
        }
    }

    #[test]
    fn hostile_bodies_are_errors() {
        for body in [
            "{\"code\":200,\"data\":",
            "<html>",
            "\u{0}",
            "[]",
            "null",
            "123",
            "",
            r#"{"error":"unauthorized"}"#,
            r#"{"code":null,"message":"boom"}"#,
        ] {
            assert!(matches!(decode::<Out>(&response(200, body)), Err(Error::Decode(_))), "{body:?}");
        }
    }

    #[test]
    fn the_request_id_comes_from_x_request_id_then_request_id_then_the_body() {
        let body = r#"{"code":"101.001033","message":"gone","requestId":"from-body"}"#;
        let with = |headers: &[(&str, &str)]| {
            let mut r = response(404, body);
            r.headers = headers.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
            let Err(Error::Service(e)) = decode::<Out>(&r) else { panic!("{headers:?}") };
            e.request_id
        };
        assert_eq!(with(&[("request-id", "r-2"), ("X-Request-Id", "r-1")]).as_deref(), Some("r-1"));
        assert_eq!(with(&[("Request-Id", "r-2")]).as_deref(), Some("r-2"));
        assert_eq!(with(&[]).as_deref(), Some("from-body"));
    }
}
