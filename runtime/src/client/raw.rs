//! Calling any action, whether a spec has it or not: a [`RawRequest`] is encoded, signed,
//! retried and decoded as a generated operation is, into a JSON value.
//!
//! Every generated client has `raw_call(RawRequest) -> Result<JsonValue, Error>`; the official
//! SDKs have the same escape hatch (Aliyun's `CommonRequest`/`callApi`, Kingsoft's and JD's
//! generic requests). What the client adds is what it adds to its own operations: the common
//! parameters and headers, the signature, the endpoint, the retry rules (a raw call is
//! retried only on failures that certainly did not reach the service, unless marked
//! [`RawRequest::read_only`]), the envelope's errors, and the lenient decoding (into
//! [`JsonValue`], which keeps every member as it came).
//!
//! ```no_run
//! # async fn run(client: yun_runtime::aliyun::RpcClient) -> Result<(), yun_runtime::Error> {
//! use yun_runtime::client::raw::{self, RawRequest};
//! // Aliyun or Kingsoft: an action and its parameters (flattened as the service expects).
//! let zones = raw::call(&client, &RawRequest::action("DescribeZones").param("RegionId", "cn-hangzhou").read_only()).await?;
//! println!("{}", zones["Zones"]["Zone"][0]["ZoneId"]);
//! # Ok(()) }
//! ```
//! For JD Cloud and Inspur: `RawRequest::rest("GET", "/v1/regions/{regionId}/instances")`
//! with `.path_param("regionId", "cn-north-1")`, `.param("pageSize", "10")` (query) and
//! `.json(body)` for a JSON body.

use std::borrow::Cow;

use crate::client::send::{call_encoded, Encoded, Wire};
use crate::error::Error;
use crate::operation::JsonValue;

/// A request for an action no generated operation covers (or built by hand). Its `Debug`
/// names the parameters but shows no value, as [`Encoded`]'s does.
#[derive(Debug, Clone)]
pub struct RawRequest {
    encoded: Encoded,
    read_only: bool,
    rest: bool,
}

impl RawRequest {
    /// An action of the RPC and query protocols (Aliyun, Kingsoft), sent as the client sends
    /// its operations (`POST /`; Kingsoft's clients may be configured to send `GET`).
    pub fn action(name: impl Into<String>) -> Self {
        Self::new(name.into(), "POST", "/".to_owned(), false)
    }

    /// An operation of the REST protocols (JD Cloud, Inspur): `method` and a path template
    /// whose `{name}` segments [`RawRequest::path_param`] fills (each value percent-encoded).
    pub fn rest(method: impl Into<String>, path_template: impl Into<String>) -> Self {
        let path = path_template.into();
        Self::new(path.clone(), method.into().to_ascii_uppercase(), path, true)
    }

    fn new(action: String, method: impl Into<String>, path_template: String, rest: bool) -> Self {
        let encoded = Encoded {
            action: Cow::Owned(action),
            method: Cow::Owned(method.into()),
            path_template: Cow::Owned(path_template),
            ..Encoded::default()
        };
        Self { encoded, read_only: false, rest }
    }

    /// A parameter: in the query string (Aliyun; REST), or where the client puts its
    /// operations' parameters (Kingsoft: the form body, or the query under `GET`). Lists and
    /// structures go flattened, as the service names them (`InstanceId.1`, `Tag.1.Key`).
    pub fn param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.encoded.query.push(name.into(), value.into());
        self
    }

    /// A form-body parameter (Aliyun RPC: for values too long for a URL).
    pub fn body_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.encoded.body.push(name.into(), value.into());
        self
    }

    /// The value of the path template's `{name}` segment (REST).
    pub fn path_param(mut self, name: impl Into<String>, value: impl Into<String>) -> Self {
        self.encoded.path.push(name.into(), value.into());
        self
    }

    /// The JSON body (REST: `POST`, `PUT`, `PATCH`).
    pub fn json(mut self, body: JsonValue) -> Self {
        self.encoded.json = Some(body);
        self
    }

    /// Marks the call safe to repeat (it reads, or it is idempotent), so it is retried like a
    /// generated read: after a timeout or a 5xx too. Unmarked, it is retried only when the
    /// request certainly did not reach the service, or when the service throttled it.
    pub fn read_only(mut self) -> Self {
        self.read_only = true;
        self
    }

    /// The answer holds a secret: a decoding error keeps no body, warnings no raw text.
    pub fn sensitive_output(mut self) -> Self {
        self.encoded.sensitive_output = true;
        self
    }

    /// The request holds a secret (a password, a token): the service's error message, which
    /// may quote it, is left out of the runtime's logs.
    pub fn sensitive_input(mut self) -> Self {
        self.encoded.sensitive_input = true;
        self
    }

    /// Sends the call unsigned, with no identity (Aliyun's anonymous actions, e.g. STS
    /// `AssumeRoleWithOIDC`); a protocol without such requests refuses it.
    pub fn anonymous(mut self) -> Self {
        self.encoded.anonymous = true;
        self
    }

    /// The action name (RPC and query protocols) or the path template (REST).
    pub fn name(&self) -> &str {
        &self.encoded.action
    }
}

/// Sends `request` through `client` (any generated client's protocol client), as a
/// generated operation is sent: signed, retried, its errors read from the provider's
/// envelope, its answer decoded into JSON (Aliyun and Kingsoft: the whole body; JD Cloud:
/// `result`; Inspur: the envelope's `data`, as the Inspur decoder gives it).
///
/// # Errors
///
/// [`Error::Config`] before anything is sent when the request mixes the two shapes (`.json`
/// or `.path_param` on an action, `.body_param` on a REST call), when a REST path template
/// does not start with `/` or has an unmatched brace, or when a `{name}` has no value. Otherwise as a generated operation's: [`Error::Service`] with the provider's code and request id,
/// transport errors and timeouts after the retries, [`Error::Decode`] for an answer that is
/// not the envelope.
pub async fn call<W: Wire>(client: &W, request: &RawRequest) -> Result<JsonValue, Error> {
    let e = &request.encoded;
    let refused = |why: String| Err(Error::Config(format!("raw call `{}`: {why}", request.name())));
    if request.rest {
        if !e.path_template.starts_with('/') {
            return refused("a path template starts with `/`".into());
        }
        if e.path_template.matches('{').count() != e.path_template.matches('}').count() {
            return refused("the path template has an unmatched `{` or `}`".into());
        }
        if !e.body.pairs().is_empty() {
            return refused("a REST call sends a JSON body (.json), not form parameters (.body_param)".into());
        }
    } else if e.json.is_some() || !e.path.pairs().is_empty() {
        return refused("an action's parameters go in .param or .body_param; .json and .path_param are for RawRequest::rest".into());
    }
    if let Some(missing) = unfilled_segment(&request.encoded.path_template, &request.encoded.path) {
        return Err(Error::Config(format!(
            "raw call `{}`: no value for the path's `{{{missing}}}` (give it with .path_param(\"{missing}\", …))",
            request.name()
        )));
    }
    call_encoded::<W, JsonValue>(client, &request.encoded, request.read_only).await
}

/// The first `{name}` member of `template` that `values` has no non-empty value for.
fn unfilled_segment<'t>(template: &'t str, values: &crate::operation::params::Params) -> Option<&'t str> {
    crate::request::rest::template_parts(template).find_map(|part| match part {
        crate::request::rest::TemplatePart::Member(name) if values.get(name).is_none_or(str::is_empty) => Some(name),
        _ => None,
    })
}
