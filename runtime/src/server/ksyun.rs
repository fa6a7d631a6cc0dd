//! Kingsoft Cloud's query protocol, server side: answers are the output's JSON object with its
//! `RequestId` (added when the output has none) and the `x-kss-request-id` header, or the same
//! members as XML ([`answer_xml`]: `<{Action}Response>`, lists as `<item>` elements, as the KEC
//! document's samples answer a request that does not ask for JSON); errors are
//! `{"RequestId", "Error": {"Type", "Code", "Message"}}`, as [`crate::ksyun`]'s decoder reads
//! them. yun's clients send `Accept: application/json`: an emulator answers XML to a request
//! without it ([`wants_xml`]).
//!
//! Error codes, statuses and messages, from the KEC document's table of common errors
//! (`003_82dd991f180413ac.txt`, 公共错误, lines 6122–6160; `specs/ksyun-kec.yaml` `errors`
//! transcribes it): see [`status_and_code`].

use super::verify::Scope;
use super::{json_response, Rejection, RejectionKind, ServerProtocol};
use crate::client::http::HttpResponse;
use crate::ksyun::{Config, QueryClient, RequestMethod, ServiceInfo, SignatureLocation};
use crate::Credentials;

/// The response header of the request id.
pub const REQUEST_ID_HEADER: &str = "x-kss-request-id";

/// The access key id round-trip clients sign with.
pub const TEST_ACCESS_KEY_ID: &str = "AKLTServerCodecTest";
/// Its secret (a test value: it opens nothing).
pub const TEST_ACCESS_KEY_SECRET: &str = "server-codec-test-secret";

/// The region [`Ksyun::test_client`] signs for.
pub const TEST_REGION: &str = "cn-beijing-6";

/// The credential scope a Kingsoft server of `service` in `region` accepts: the region the
/// clients sign for (their configured region, also on the global host, where they send it
/// as `Region` too) and the service's signing name (`kec`, `sks`).
pub fn scope<'a>(service: &'a ServiceInfo, region: &'a str) -> Scope<'a> {
    Scope { region, service: service.signing_name }
}

/// Kingsoft's query protocol's server side.
#[derive(Debug, Clone, Copy)]
pub struct Ksyun;

/// Whether a request asks for XML: its `Accept` header does not name JSON.
pub fn wants_xml(request: &super::Request) -> bool {
    !request.header("accept").is_some_and(|a| a.contains("json"))
}

/// A successful XML answer holding `output` (a generated output): `<{action}Response>` with
/// the output's members and `RequestId` (added when the output has none), each member an
/// element, each list item an `<item>` element, text escaped; absent members left out;
/// status 200, `content-type: text/xml`.
pub fn answer_xml<T: serde::Serialize>(output: &T, action: &str, request_id: &str) -> HttpResponse {
    let body = super::with_request_id(output, request_id);
    let root = format!("{action}Response");
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    xml.push_str(&format!("<{root}>"));
    for (name, value) in &body {
        push_element(&mut xml, name, value);
    }
    xml.push_str(&format!("</{root}>"));
    HttpResponse {
        status: 200,
        headers: vec![
            ("content-type".to_owned(), "text/xml;charset=UTF-8".to_owned()),
            (REQUEST_ID_HEADER.to_owned(), request_id.to_owned()),
        ],
        body: bytes::Bytes::from(xml.into_bytes()),
    }
}

fn push_element(xml: &mut String, name: &str, value: &serde_json::Value) {
    use serde_json::Value;
    if value.is_null() {
        return;
    }
    xml.push('<');
    xml.push_str(name);
    xml.push('>');
    match value {
        Value::Null => {}
        Value::Bool(b) => xml.push_str(if *b { "true" } else { "false" }),
        Value::Number(n) => xml.push_str(&n.to_string()),
        Value::String(s) => push_escaped(xml, s),
        Value::Array(items) => {
            for item in items {
                push_element(xml, "item", item);
            }
        }
        Value::Object(members) => {
            for (member, value) in members {
                push_element(xml, member, value);
            }
        }
    }
    xml.push_str("</");
    xml.push_str(name);
    xml.push('>');
}

fn push_escaped(xml: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '&' => xml.push_str("&amp;"),
            '<' => xml.push_str("&lt;"),
            '>' => xml.push_str("&gt;"),
            '"' => xml.push_str("&quot;"),
            '\'' => xml.push_str("&apos;"),
            c => xml.push(c),
        }
    }
}

/// The status and code of a rejection, as the KEC document's common errors
/// (`003_82dd991f180413ac.txt`) give them:
///
/// | rejection | status, code | document |
/// |---|---|---|
/// | a required member missing | 400 `MissingParameter` | line 6157 |
/// | a value that does not parse, a body not what the operation takes | 400 `InvalidParameterValue` | line 6155, and the error samples of lines 6095–6120 |
/// | an unknown action | 404 `NoSuchEntity` | line 6152: the request "referenced an 'InnerApi' that does not exist" (the gateway maps each action to an inner API); it was `InvalidAction` 400, the AWS query protocol's code, which the document does not list |
/// | a signature that does not verify, or scoped to another region or service | 403 `SignatureDoesNotMatch` | lines 6129–6135 (a region or service of the credential scope not the server's is one of its cases) |
/// | a key id the server does not know | 403 `InvalidClientTokenId` | line 6136 (请求中提供的AccessKeyId无效: the AccessKeyId is not valid) |
/// | a security token not the key's, or none where the key has one | 403 `InvalidClientTokenId` | line 6136, whose message is "The security token included in the request is invalid." (the document has no code of its own for a session token: the emulator's decision, this one, as AWS answers a token that is not the key's) |
/// | a nonce used already | 403 `SignatureDoesNotMatch` | AWS4 signs no nonce (never raised for Kingsoft's own requests); the document has no replay code |
pub fn status_and_code(kind: RejectionKind) -> (u16, &'static str) {
    match kind {
        RejectionKind::MissingParameter => (400, "MissingParameter"),
        RejectionKind::InvalidParameter | RejectionKind::InvalidBody => (400, "InvalidParameterValue"),
        RejectionKind::UnknownOperation => (404, "NoSuchEntity"),
        RejectionKind::Signature | RejectionKind::NonceReused => (403, "SignatureDoesNotMatch"),
        RejectionKind::UnknownAccessKey | RejectionKind::SecurityTokenMismatch | RejectionKind::SecurityTokenMissing => {
            (403, "InvalidClientTokenId")
        }
    }
}

/// The error answer's `Message`: the document's message for the rejection (lines 6129–6157,
/// `An value` as printed), then `yun: ` and what yun found wrong.
pub fn message(rejection: &Rejection) -> String {
    let named = || rejection.parameter.clone().unwrap_or_else(|| "?".to_owned());
    let sentence = match rejection.kind {
        RejectionKind::MissingParameter => format!("An value must be supplied for the input parameter {}.", named()),
        RejectionKind::InvalidParameter => format!("An invalid or out-of-range value was supplied for the input parameter {}.", named()),
        RejectionKind::InvalidBody => "An invalid or out-of-range value was supplied for the input parameter Body.".to_owned(),
        RejectionKind::UnknownOperation => "Request was rejected because it referenced an 'InnerApi' that does not exist.".to_owned(),
        RejectionKind::Signature | RejectionKind::NonceReused => {
            "The request signature we calculated does not match the signature you provided.".to_owned()
        }
        RejectionKind::UnknownAccessKey | RejectionKind::SecurityTokenMismatch | RejectionKind::SecurityTokenMissing => {
            "The security token included in the request is invalid.".to_owned()
        }
    };
    format!("{sentence} yun: {}", rejection.message)
}

impl ServerProtocol for Ksyun {
    type Client = QueryClient;
    type Service = ServiceInfo;
    const REQUEST_ID_HEADER: &'static str = REQUEST_ID_HEADER;
    const REQUEST_ID_MEMBER: Option<&'static str> = Some(super::RPC_REQUEST_ID_MEMBER);

    /// `variant` picks the request method (`POST` with a form body, `GET` with the query) and
    /// where the signature goes (header or query).
    fn test_client(service: &'static ServiceInfo, variant: u64) -> Result<QueryClient, crate::Error> {
        let method = if variant % 2 == 0 { RequestMethod::Post } else { RequestMethod::Get };
        let location = if (variant / 2) % 2 == 0 { SignatureLocation::ByMethod } else { SignatureLocation::Header };
        let config = Config::builder()
            .region(TEST_REGION)
            .credentials(Self::test_key())
            .request_method(method)
            .signature_version(location)
            .build()?;
        Ok(QueryClient::new(service, config))
    }

    fn test_key() -> Credentials {
        Credentials::new(TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET)
    }

    /// The service's signing name, and a region of its `regions` (any, when it lists none):
    /// a Kingsoft service answers in each of its regions.
    fn accepts_scope(service: &'static ServiceInfo, _request: &super::Request, scope: Scope<'_>) -> bool {
        scope.service == service.signing_name && (service.regions.is_empty() || service.regions.contains(&scope.region))
    }

    /// [`TEST_REGION`] and the service's signing name.
    fn test_scope<'a>(service: &'static ServiceInfo, _request: &'a super::Request) -> Option<Scope<'a>> {
        Some(scope(service, TEST_REGION))
    }

    fn reject(rejection: &Rejection, request_id: &str) -> HttpResponse {
        let (status, code) = status_and_code(rejection.kind);
        let kind = if status >= 500 { "Receiver" } else { "Sender" };
        let body = serde_json::json!({
            "RequestId": request_id,
            "Error": {"Type": kind, "Code": code, "Message": message(rejection)},
        });
        json_response(status, REQUEST_ID_HEADER, request_id, &body)
    }
}
