//! Decoding Kingsoft Cloud responses: JSON or XML into the operation's output; the error
//! envelope (`{RequestId, Error: {Type, Code, Message}}`, or its XML form) into a
//! [`ServiceError`].

use serde::de::DeserializeOwned;
use serde_json::Value;

use crate::client::http::HttpResponse;
use crate::error::{body_text, DecodeError, Error, ServiceError};
use crate::response::decode::Decoded;

/// The response header that carries the request id.
pub(crate) const REQUEST_ID_HEADER: &str = "x-kss-request-id";

/// Decodes a response into `O`, or into the error it carries; values that do not fit are
/// left out (see [`decode_answer`]).
pub fn decode<O: DeserializeOwned>(response: &HttpResponse) -> Result<O, Error> {
    decode_answer(response, false).map(|d| d.output)
}

/// Decodes a response into `O` with the warnings of the values left out
/// ([`crate::response::decode::lenient_lossy`]), or into the error it carries. With `sensitive`, no
/// warning keeps raw text.
pub fn decode_answer<O: DeserializeOwned>(response: &HttpResponse, sensitive: bool) -> Result<Decoded<O>, Error> {
    // A JSON success that names no `Error` straight from the bytes; anything else (XML, an
    // error envelope, a body that does not decode) takes the tree path below, which decides
    // the same way and says why.
    if (200..300).contains(&response.status) && looks_json(&response.body) && !mentions_error(&response.body) {
        if let Ok(out) = crate::response::decode::from_slice::<O>(&response.body) {
            return Ok(Decoded::whole(out));
        }
    }
    let parsed = parse(response);
    if !(200..300).contains(&response.status) {
        return Err(Error::Service(service_error(response, parsed.ok())));
    }
    let decode_error = |message: String| Error::Decode(DecodeError::of(response, message, "RequestId", REQUEST_ID_HEADER));
    let value = parsed.map_err(decode_error)?;
    // Some gateways answer 200 with an error envelope.
    if value.get("Error").is_some_and(|e| e.get("Code").is_some()) {
        return Err(Error::Service(service_error(response, Some(value))));
    }
    crate::response::decode::lenient_lossy(value, sensitive).map_err(decode_error)
}

fn looks_json(body: &[u8]) -> bool {
    body.iter().find(|b| !b.is_ascii_whitespace()).is_some_and(|b| *b == b'{')
}

/// Whether the body holds the key `"Error"` anywhere (an error envelope under HTTP 200).
fn mentions_error(body: &[u8]) -> bool {
    crate::response::decode::json_text(body).contains("\"Error\"")
}

/// The body as a value: XML when it looks like it, or when its content type says so and it
/// does not look like JSON (a gateway may label a JSON answer `text/xml`); JSON otherwise.
pub fn parse(response: &HttpResponse) -> Result<Value, String> {
    // Bytes that are not UTF-8 read as U+FFFD, as in every decoder (crate::response::decode).
    let text = crate::response::decode::json_text(&response.body);
    let text = text.as_ref();
    let start = text.trim_start();
    let looks_json = start.starts_with('{') || start.starts_with('[');
    let is_xml = start.starts_with('<') || (!looks_json && response.header("content-type").is_some_and(|c| c.contains("xml")));
    if is_xml {
        crate::response::xml::to_value(text)
    } else {
        serde_json::from_str(text).map_err(|e| format!("malformed JSON: {e}"))
    }
}

fn service_error(response: &HttpResponse, body: Option<Value>) -> ServiceError {
    let text = |v: Option<&Value>| v.and_then(|v| v.as_str()).filter(|s| !s.is_empty()).map(str::to_owned);
    let error = body.as_ref().and_then(|b| b.get("Error"));
    ServiceError {
        status: response.status,
        code: text(error.and_then(|e| e.get("Code"))),
        message: text(error.and_then(|e| e.get("Message"))),
        request_id: text(body.as_ref().and_then(|b| b.get("RequestId"))).or_else(|| response.header(REQUEST_ID_HEADER).map(str::to_owned)),
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
    fn bytes_that_are_not_utf8_read_as_replacement_characters_in_json_and_xml() {
        #[derive(serde::Deserialize)]
        struct Out {
            #[serde(rename = "Name")]
            name: Option<String>,
        }
        for body in [&b"{\"Name\":\"a\xffb\"}"[..], b"<R><Name>a\xffb</Name></R>", b"{\"Name\":\"a\xffb\",\"Note\":\"Error\"}"] {
            let r = HttpResponse { status: 200, headers: vec![], body: bytes::Bytes::copy_from_slice(body) };
            let out: Out = decode(&r).unwrap_or_else(|e| panic!("{e}"));
            assert_eq!(out.name.as_deref(), Some("a\u{fffd}b"));
        }
    }

    #[test]
    fn error_envelopes_in_json_and_xml() {
        let json = r#"{"RequestId":"r-1","Error":{"Type":"Sender","Code":"SignatureDoesNotMatch","Message":"bad"}}"#;
        let xml = "<ErrorResponse><RequestId>r-1</RequestId><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>bad</Message></Error></ErrorResponse>";
        for body in [json, xml] {
            let Err(Error::Service(e)) = decode::<Value>(&response(403, body)) else { panic!("{body}") };
            assert_eq!((e.code(), e.request_id(), e.message.as_deref()), (Some("SignatureDoesNotMatch"), Some("r-1"), Some("bad")));
        }
    }

    #[test]
    fn xml_success_decodes_like_json() {
        #[derive(serde::Deserialize, Debug, PartialEq)]
        struct Out {
            #[serde(rename = "InstanceCount")]
            count: i32,
            #[serde(rename = "InstancesSet")]
            set: Vec<String>,
        }
        let xml = "<R><InstanceCount>2</InstanceCount><InstancesSet><item>a</item><item>b</item></InstancesSet></R>";
        let json = r#"{"InstanceCount":2,"InstancesSet":["a","b"]}"#;
        let a: Out = decode(&response(200, xml)).unwrap();
        let b: Out = decode(&response(200, json)).unwrap();
        assert_eq!(a, b);
    }

    #[test]
    fn the_body_decides_over_a_wrong_content_type() {
        let labelled = |body: &str| HttpResponse {
            status: 412,
            headers: vec![("content-type".into(), "text/xml;charset=UTF-8".into())],
            body: bytes::Bytes::copy_from_slice(body.as_bytes()),
        };
        let json = r#"{"RequestId":"r-1","Error":{"Code":"DryRunOperation"}}"#;
        let Err(Error::Service(e)) = decode::<Value>(&labelled(json)) else { panic!() };
        assert_eq!((e.code(), e.request_id()), (Some("DryRunOperation"), Some("r-1")));
        let xml = "<ErrorResponse><RequestId>r-2</RequestId><Error><Code>DryRunOperation</Code></Error></ErrorResponse>";
        let Err(Error::Service(e)) = decode::<Value>(&response(412, xml)) else { panic!() };
        assert_eq!(e.request_id(), Some("r-2"));
    }

    #[test]
    fn hostile_bodies_are_errors() {
        for body in ["<R><A>", "{\"A\":", "\u{0}\u{1}", ""] {
            assert!(matches!(decode::<Value>(&response(200, body)), Err(Error::Decode(_))), "{body:?}");
        }
    }
}
