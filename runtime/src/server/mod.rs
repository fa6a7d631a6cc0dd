//! Server-side codecs (the `server` feature): the inverse of what each protocol client does,
//! for emulators and tests of code that uses yun. A received [`Request`] decodes into an
//! operation's typed input ([`DecodeInput`], implemented by generated crates from the same
//! spec facts their clients write requests with), and a typed output encodes into the
//! service's answer in its envelope (one module per protocol: [`aliyun`], [`ksyun`],
//! [`jdcloud`], [`inspur`], as the client side has one per provider).
//!
//! Nothing here panics on what a request holds: malformed percent-encoding reads as U+FFFD
//! (as the client-side decoders read bodies), a parameter that does not parse, a body that is
//! not JSON, an unknown action or path, are each a [`Rejection`] that the protocol module turns
//! into the provider's error answer (its code, message, request id and HTTP status).
//!
//! Values for property tests come from [`arbitrary`]: values of every structure, enum,
//! input and output of a generated crate, only those the wire can carry back unchanged (see
//! that module).
//!
//! A generated crate lists each fact once, and the runtime does the rest:
//!
//! - a structure is one line ([`server_structure!`](crate::server_structure)): its members
//!   are read from a request ([`read_structure`]) and made arbitrary
//!   ([`arbitrary_structure`](arbitrary::arbitrary_structure)) through the table its answers
//!   are decoded with ([`Structure`](crate::response::structure::Structure): spellings,
//!   `WRITTEN`, `read_member`); enums ([`server_enum!`](crate::server_enum)) likewise, and
//!   outputs need no line at all: they are made through that table
//!   ([`arbitrary_output`](arbitrary::arbitrary_output)), their request id member present as
//!   the protocol says ([`ServerProtocol::REQUEST_ID_MEMBER`]);
//! - an input lists its members once, by where each travels ([`DecodeInput::members`] over
//!   [`Members`]), read from a request ([`FromRequest`]) or made arbitrary
//!   ([`arbitrary_input`](arbitrary::arbitrary_input));
//! - the operations are listed once by index ([`Dispatch::operation`], a [`Visit`] of each
//!   operation's input and output types), through which inputs and outputs are made, answers
//!   decoded, actions named ([`Dispatch::action`], the inputs' `Operation::ACTION`) and
//!   requests dispatched as the protocol does ([`ServerProtocol::decode`]: by action,
//!   [`decode_action`], or by method, path and wrapper, [`decode_rest`]).

pub mod aliyun;
pub mod arbitrary;
mod input;
pub mod inspur;
pub mod jdcloud;
pub mod ksyun;
mod params;
pub mod verify;

use std::collections::BTreeMap;

pub use input::{FromRequest, Members};
pub use params::{read_structure, ParamValue, ReadParam};

/// Implements [`ReadParam`] and [`Arbitrary`](arbitrary::Arbitrary) for a generated structure
/// through its [`Structure`](crate::response::structure::Structure) table
/// ([`read_structure`], [`arbitrary_structure`](arbitrary::arbitrary_structure)): a crate's
/// `server.rs` names each structure once, never its members.
#[macro_export]
macro_rules! server_structure {
    ($ty:ty) => {
        impl $crate::server::ReadParam for $ty {
            fn read_param(
                params: &$crate::server::Params,
                prefix: &str,
            ) -> ::std::result::Result<::std::option::Option<Self>, $crate::server::Rejection> {
                $crate::server::read_structure(params, prefix)
            }
        }

        impl $crate::server::arbitrary::Arbitrary for $ty {
            fn arbitrary(g: &mut $crate::server::arbitrary::Gen) -> Self {
                $crate::server::arbitrary::arbitrary_structure(g)
            }
        }
    };
}

/// Implements [`ParamValue`] (any text: an unknown value is the enum's `Unknown`) and
/// [`Arbitrary`](arbitrary::Arbitrary) (among the values the enum's
/// [`string_enum!`](crate::string_enum) names, [`arbitrary_enum`](arbitrary::arbitrary_enum))
/// for a generated enum.
#[macro_export]
macro_rules! server_enum {
    ($ty:ty) => {
        impl $crate::server::ParamValue for $ty {
            fn parse_param(text: &str) -> ::std::result::Result<Self, ::std::string::String> {
                ::std::result::Result::Ok(<$ty as ::std::convert::From<&str>>::from(text))
            }
        }

        impl $crate::server::arbitrary::Arbitrary for $ty {
            fn arbitrary(g: &mut $crate::server::arbitrary::Gen) -> Self {
                $crate::server::arbitrary::arbitrary_enum(g)
            }
        }
    };
}

use crate::client::http::HttpRequest;
use crate::request::encoding::percent_decode;

/// The largest body a decoder reads (bytes): a larger one is refused
/// ([`RejectionKind::InvalidBody`]) before it is parsed. 8 MiB: more than any API of the specs
/// takes (their largest members are user data of 32 KiB).
pub const MAX_BODY: usize = 8 << 20;

/// A request as a server receives it: method, path, query, headers and body, with the query
/// and a form body decoded.
///
/// Its `Debug` shows the method, the path, the headers of [`SHOWN_HEADERS`](crate::client::http::SHOWN_HEADERS)
/// and the parameters' names, never a value of another header (`Authorization`, tokens) or of
/// a parameter (passwords), nor the body: a request logged by a server leaks no secret.
#[derive(Clone, Default)]
pub struct Request {
    method: String,
    host: String,
    path: String,
    raw_path: String,
    raw_query: String,
    query: Vec<(String, String)>,
    form: Vec<(String, String)>,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

impl Request {
    /// A request from its parts: `target` is an absolute URL (`https://host/path?query`) or a
    /// path with its query (`/path?query`); header names are matched without regard to case.
    /// A form body (`content-type: application/x-www-form-urlencoded`) is decoded; percent
    /// escapes that are malformed or not UTF-8 read as they are or as U+FFFD, never an error.
    pub fn new(method: &str, target: &str, headers: Vec<(String, String)>, body: Vec<u8>) -> Self {
        // An absolute URL has `scheme://` before any `/`; a path may hold `://` in its query.
        let absolute = target.find("://").filter(|&at| !target[..at].contains('/'));
        let (authority, rest) = match absolute {
            Some(at) => {
                let after = &target[at + 3..];
                after.find('/').map_or((after, "/"), |i| after.split_at(i))
            }
            None => ("", target),
        };
        let host = match authority {
            "" => headers.iter().find(|(k, _)| k.eq_ignore_ascii_case("host")).map(|(_, v)| v.clone()).unwrap_or_default(),
            authority => authority.to_owned(),
        };
        let (path, query) = rest.split_once('?').unwrap_or((rest, ""));
        let is_form =
            headers.iter().any(|(k, v)| k.eq_ignore_ascii_case("content-type") && v.starts_with("application/x-www-form-urlencoded"));
        let form = if is_form { pairs(&String::from_utf8_lossy(&body)) } else { Vec::new() };
        Self {
            method: method.to_ascii_uppercase(),
            host,
            // `+` is a plus in a path (only queries and forms read it as a space).
            path: decode_path_segment(path),
            raw_path: path.to_owned(),
            raw_query: query.to_owned(),
            query: pairs(query),
            form,
            headers,
            body,
        }
    }

    /// The request a client built ([`HttpRequest`]), as the server receives it.
    pub fn from_http(request: &HttpRequest) -> Self {
        let headers = request.headers.iter().map(|(name, value)| (name.clone().into_owned(), value.clone())).collect();
        Self::new(&request.method, &request.url, headers, request.body.clone())
    }

    /// The method, upper case.
    pub fn method(&self) -> &str {
        &self.method
    }

    /// The host: the URL's authority, else the `Host` header.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// The path, percent-decoded.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The values of `template`'s `{name}` members in this request's path ([`match_path`]);
    /// none when the path does not fit (the dispatcher chose the operation by its template, so
    /// a decoder then finds its required path members missing).
    pub fn path_params(&self, template: &str) -> Params {
        match_path(template, &self.raw_path).unwrap_or_default()
    }

    /// The path as received, percent-encoded: its `/` separate segments, and a `%2F` inside
    /// one (a path member holding a slash) is not a separator. Path templates are matched on it
    /// ([`match_path`]).
    pub fn raw_path(&self) -> &str {
        &self.raw_path
    }

    /// The query string as received (after the `?`, not decoded): JDCLOUD2 signs it as sent
    /// ([`Request::verify_signature`]).
    pub fn raw_query(&self) -> &str {
        &self.raw_query
    }

    /// The query parameters in the order sent, decoded.
    pub fn query(&self) -> &[(String, String)] {
        &self.query
    }

    /// The form-body parameters in the order sent, decoded (none for another body).
    pub fn form(&self) -> &[(String, String)] {
        &self.form
    }

    /// The headers as sent.
    pub fn headers(&self) -> &[(String, String)] {
        &self.headers
    }

    /// The first header named `name` (case-insensitive).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// The body's bytes.
    pub fn body(&self) -> &[u8] {
        &self.body
    }

    /// The first value of parameter `name`, from the query or else the form body.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.query.iter().chain(&self.form).find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The query and form parameters merged as the services and the RPC 1.0 signer read them
    /// (a form value wins over the query's), for decoding the members of the RPC and query
    /// protocols.
    pub fn merged_params(&self) -> Params {
        let mut map = BTreeMap::new();
        for (k, v) in self.query.iter().chain(&self.form) {
            map.insert(k.clone(), v.clone());
        }
        Params { map }
    }

    /// The query parameters alone (REST protocols send members in the query or the body).
    pub fn query_params(&self) -> Params {
        Params { map: self.query.iter().map(|(k, v)| (k.clone(), v.clone())).collect() }
    }

    /// The body parsed as JSON: `None` when empty.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidBody`] for a body larger than [`MAX_BODY`] or not JSON.
    pub fn json_body(&self) -> Result<Option<serde_json::Value>, Rejection> {
        if self.body.iter().all(u8::is_ascii_whitespace) {
            return Ok(None);
        }
        if self.body.len() > MAX_BODY {
            return Err(Rejection::new(RejectionKind::InvalidBody, format!("the body is larger than {MAX_BODY} bytes")));
        }
        crate::response::decode::value_from_slice(&self.body)
            .map(Some)
            .map_err(|e| Rejection::new(RejectionKind::InvalidBody, format!("the body is not JSON: {e}")))
    }
}

/// The list index that one dot-separated segment of a flat parameter's name holds (`2` in
/// `Tag.2.Key`), written as the clients write an index: decimal digits, without a sign or a
/// leading zero (`0` itself is an index: Kingsoft's Python SDK numbers items from 0); `None`
/// for any other segment (`01`, `+2`, a member's name, an index past `usize`), which names no
/// item of a list. The rules of an indexed list (numbered from 1, or from 0, without a gap; no
/// first item is no list) are read with it by the server's list reader (a [`ReadParam`]
/// list), and by an emulator that reads a request's members apart from its decoded input.
pub fn list_index(segment: &str) -> Option<usize> {
    let decimal = !segment.is_empty() && (segment == "0" || !segment.starts_with('0')) && segment.bytes().all(|b| b.is_ascii_digit());
    if decimal {
        segment.parse().ok()
    } else {
        None
    }
}

fn pairs(text: &str) -> Vec<(String, String)> {
    text.split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Decoded request parameters by name (query and form, or the query of a REST request), read
/// by [`ReadParam`] with the keys the client's `WriteParam` writes (`Tag.1.Key`).
///
/// Its `Debug` lists the names only (a value may be a password).
#[derive(Clone, Default, PartialEq, Eq)]
pub struct Params {
    map: BTreeMap<String, String>,
}

impl std::fmt::Debug for Params {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Params").field("names", &self.map.keys().collect::<Vec<_>>()).finish()
    }
}

impl std::fmt::Debug for Request {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        use crate::client::http::SHOWN_HEADERS;
        let headers: Vec<(&str, &str)> = self
            .headers
            .iter()
            .map(|(k, v)| {
                let shown = SHOWN_HEADERS.contains(&k.to_ascii_lowercase().as_str());
                (k.as_str(), if shown { v.as_str() } else { crate::redact::REDACTED })
            })
            .collect();
        fn names(pairs: &[(String, String)]) -> Vec<&str> {
            pairs.iter().map(|(k, _)| k.as_str()).collect()
        }
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("path", &self.path)
            .field("query", &names(&self.query))
            .field("form", &names(&self.form))
            .field("headers", &headers)
            .field("body_bytes", &self.body.len())
            .finish()
    }
}

impl Params {
    /// Parameters from pairs (a later value of a name wins).
    pub fn from_pairs<K: Into<String>, V: Into<String>>(pairs: impl IntoIterator<Item = (K, V)>) -> Self {
        Self { map: pairs.into_iter().map(|(k, v)| (k.into(), v.into())).collect() }
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.map.get(key).map(String::as_str)
    }

    /// Whether some parameter is named `prefix.…` (a structure or list written under it).
    pub fn has_prefix(&self, prefix: &str) -> bool {
        let start = format!("{prefix}.");
        self.map.range(start.clone()..).next().is_some_and(|(k, _)| k.starts_with(&start))
    }

    /// The names under `prefix.`, each with the part after it (for maps).
    fn under<'a>(&'a self, prefix: &str) -> impl Iterator<Item = &'a str> + 'a {
        let start = format!("{prefix}.");
        let len = start.len();
        self.map.range(start.clone()..).take_while(move |(k, _)| k.starts_with(&start)).map(move |(k, _)| &k[len..])
    }

    /// The smallest list index above `end` that a parameter under `prefix.` names
    /// (`prefix.<index>` or `prefix.<index>.…`, [`list_index`]).
    fn index_past(&self, prefix: &str, end: usize) -> Option<usize> {
        self.under(prefix).filter_map(|rest| list_index(rest.split('.').next().unwrap_or(rest))).filter(|&index| index > end).min()
    }

    /// A member sent flat (`Key=v`, `Key.1=v`, `Key.Member=v`): `None` when absent.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidParameter`] naming the parameter whose value does not parse, or
    /// a list's item past a gap (`Key.3` without `Key.2`: [`ReadParam`] for `Vec`).
    pub fn read<T: ReadParam>(&self, key: &str) -> Result<Option<T>, Rejection> {
        T::read_param(self, key)
    }

    /// A required member sent flat.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::MissingParameter`] when absent, else as [`Params::read`].
    pub fn required<T: ReadParam>(&self, key: &str) -> Result<T, Rejection> {
        self.read(key)?.ok_or_else(|| Rejection::missing(key))
    }

    /// A list of at most one item, sent flat (`Key.1=v`) or as the one plain value (`Key=v`):
    /// the form a client that types the member as a scalar sends. Kingsoft's newer Java SDK
    /// (kingsoftcloud/sdk-java, `CreateModelRequest.java` at cff3d368) sends CreateModel's
    /// `SecurityGroupId` ("目前仅支持绑定一个安全组") as a `String`, its Python and Go SDKs and its
    /// Terraform provider as the list `SecurityGroupId.N`: the service takes both.
    /// The indexed form wins when it holds an item; `None` when neither form holds one (an
    /// indexed list with no `Key.1`, such as a lone `Key.2`, holds none).
    ///
    /// # Errors
    ///
    /// As [`Params::read`] (a value that does not parse, an indexed item past a gap).
    pub fn read_one_or_list<T: ParamValue>(&self, key: &str) -> Result<Option<Vec<T>>, Rejection>
    where
        Vec<T>: ReadParam,
    {
        match self.read::<Vec<T>>(key)? {
            Some(items) => Ok(Some(items)),
            None => Ok(T::read_param(self, key)?.map(|item| vec![item])),
        }
    }

    /// A required list of at most one item, sent flat or as the one plain value
    /// ([`Params::read_one_or_list`]).
    ///
    /// # Errors
    ///
    /// [`RejectionKind::MissingParameter`] when absent, else as [`Params::read_one_or_list`].
    pub fn required_one_or_list<T: ParamValue>(&self, key: &str) -> Result<Vec<T>, Rejection>
    where
        Vec<T>: ReadParam,
    {
        self.read_one_or_list(key)?.ok_or_else(|| Rejection::missing(key))
    }

    /// A member sent as one parameter holding JSON ([`push_json`](crate::operation::params::Params::push_json)).
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidParameter`] when the value is not JSON of the member's type.
    pub fn json<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>, Rejection> {
        match self.get(key) {
            None => Ok(None),
            Some(text) => serde_json::from_str(text)
                .map(Some)
                .map_err(|e| Rejection::invalid(key, format!("the value of `{key}` is not the JSON expected: {e}"))),
        }
    }

    /// A required member sent as JSON.
    ///
    /// # Errors
    ///
    /// As [`Params::json`], and [`RejectionKind::MissingParameter`] when absent.
    pub fn required_json<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<T, Rejection> {
        self.json(key)?.ok_or_else(|| Rejection::missing(key))
    }

    /// A list sent as one parameter of comma-separated values ([`push_csv`](crate::operation::params::Params::push_csv)):
    /// an empty value is an empty list.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidParameter`] naming an item that does not parse.
    pub fn csv<T: ParamValue>(&self, key: &str) -> Result<Option<Vec<T>>, Rejection> {
        match self.get(key) {
            None => Ok(None),
            Some("") => Ok(Some(Vec::new())),
            Some(text) => {
                text.split(',').map(|item| T::parse_param(item).map_err(|e| Rejection::invalid(key, e))).collect::<Result<_, _>>().map(Some)
            }
        }
    }

    /// A required comma-separated list.
    ///
    /// # Errors
    ///
    /// As [`Params::csv`], and [`RejectionKind::MissingParameter`] when absent.
    pub fn required_csv<T: ParamValue>(&self, key: &str) -> Result<Vec<T>, Rejection> {
        self.csv(key)?.ok_or_else(|| Rejection::missing(key))
    }
}

/// The members of a REST request's JSON body (its object, inside the operation's wrapper
/// when it has one).
#[derive(Clone, Debug, Default)]
pub struct JsonMembers {
    object: serde_json::Map<String, serde_json::Value>,
}

impl JsonMembers {
    /// The members of `request`'s JSON body, unwrapped from `wrapper` when the operation wraps
    /// them (`{"reboot": {…}}`); none for an empty body.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidBody`] when the body is not a JSON object (holding an object
    /// under `wrapper`).
    pub fn of(request: &Request, wrapper: Option<&str>) -> Result<Self, Rejection> {
        let Some(body) = request.json_body()? else { return Ok(Self::default()) };
        let body = match (body, wrapper) {
            (serde_json::Value::Object(mut object), Some(key)) => match object.remove(key) {
                Some(serde_json::Value::Object(inner)) => return Ok(Self { object: inner }),
                None | Some(serde_json::Value::Null) => return Ok(Self::default()),
                Some(_) => return Err(Rejection::new(RejectionKind::InvalidBody, format!("`{key}` is not a JSON object"))),
            },
            (body, _) => body,
        };
        match body {
            serde_json::Value::Object(object) => Ok(Self { object }),
            _ => Err(Rejection::new(RejectionKind::InvalidBody, "the body is not a JSON object")),
        }
    }

    /// The member `key`: `None` when absent or `null`.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidParameter`] when it is not of the member's type.
    pub fn read<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<Option<T>, Rejection> {
        match self.object.get(key) {
            None | Some(serde_json::Value::Null) => Ok(None),
            Some(value) => T::deserialize(value).map(Some).map_err(|e| Rejection::invalid(key, format!("`{key}`: {e}"))),
        }
    }

    /// A required member.
    ///
    /// # Errors
    ///
    /// As [`JsonMembers::read`], and [`RejectionKind::MissingParameter`] when absent.
    pub fn required<T: serde::de::DeserializeOwned>(&self, key: &str) -> Result<T, Rejection> {
        self.read(key)?.ok_or_else(|| Rejection::missing(key))
    }
}

/// Whether `request`'s JSON body is an object holding `key`: which of the operations sharing a
/// method and path a request calls, when they differ by their body's wrapper
/// (`{"os-start": {}}`, `{"os-stop": {}}`).
pub fn has_wrapper(request: &Request, key: &str) -> bool {
    matches!(request.json_body(), Ok(Some(serde_json::Value::Object(object))) if object.contains_key(key))
}

/// A member sent as the whole JSON body (`location: payload`): `None` for an empty body.
///
/// # Errors
///
/// [`RejectionKind::InvalidBody`] when the body is not JSON of the member's type.
pub fn json_payload<T: serde::de::DeserializeOwned>(request: &Request) -> Result<Option<T>, Rejection> {
    match request.json_body()? {
        None | Some(serde_json::Value::Null) => Ok(None),
        Some(value) => T::deserialize(&value)
            .map(Some)
            .map_err(|e| Rejection::new(RejectionKind::InvalidBody, format!("the body is not the payload expected: {e}"))),
    }
}

/// The values of a path template's `{name}` segments in `raw_path` (the path as received,
/// [`Request::raw_path`]), when it fits `template`
/// (`/v1/regions/{regionId}/instances/{instanceId}:stop`): the path is split at its `/` before
/// each segment is percent-decoded, so a member holding `/` (sent as `%2F`) stays one value; each
/// `{name}` takes a non-empty part of one segment, up to the literal text after it in the
/// template. `None` when it does not fit.
pub fn match_path(template: &str, raw_path: &str) -> Option<Params> {
    let t: Vec<&str> = template.split('/').collect();
    let p: Vec<&str> = raw_path.split('/').collect();
    if t.len() != p.len() {
        return None;
    }
    let mut values = BTreeMap::new();
    for (pattern, segment) in t.iter().zip(&p) {
        match_segment(pattern, &decode_path_segment(segment), &mut values)?;
    }
    Some(Params { map: values })
}

/// A path (or one of its segments) percent-decoded, `+` kept as a plus (only queries and forms
/// read it as a space).
fn decode_path_segment(raw: &str) -> String {
    percent_decode(&raw.replace('+', "%2B"))
}

/// One segment: literal parts must be equal; a `{name}` takes text up to the next literal part
/// (the last occurrence when it ends the segment's pattern).
fn match_segment(pattern: &str, segment: &str, values: &mut BTreeMap<String, String>) -> Option<()> {
    let mut rest_pattern = pattern;
    let mut rest = segment;
    loop {
        let Some(open) = rest_pattern.find('{') else {
            return (rest == rest_pattern).then_some(());
        };
        let literal = &rest_pattern[..open];
        rest = rest.strip_prefix(literal)?;
        let close = open + rest_pattern[open..].find('}')?;
        let name = &rest_pattern[open + 1..close];
        rest_pattern = &rest_pattern[close + 1..];
        let next_literal = rest_pattern.find('{').map_or(rest_pattern, |i| &rest_pattern[..i]);
        let end = if next_literal.is_empty() {
            if rest_pattern.is_empty() {
                rest.len()
            } else {
                return None; // two names in a row: ambiguous, no template of the specs has one
            }
        } else {
            rest.rfind(next_literal)?
        };
        let value = &rest[..end];
        if value.is_empty() {
            return None;
        }
        values.insert(name.to_owned(), value.to_owned());
        rest = &rest[end..];
    }
}

/// What is wrong with a request, before the protocol module says it in the provider's words.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RejectionKind {
    /// A required member was not sent.
    MissingParameter,
    /// A member's value does not parse as its type.
    InvalidParameter,
    /// The body is not what the operation takes (not JSON, too large, not an object).
    InvalidBody,
    /// No operation of the service has the action (or the method and path).
    UnknownOperation,
    /// The signature does not verify, or the request carries none.
    Signature,
    /// The signature names an access key id the server does not know
    /// ([`Request::access_key_id`]): the services answer it apart from a signature that does
    /// not match (Aliyun `InvalidAccessKeyId.NotFound`, Kingsoft `InvalidClientTokenId`).
    UnknownAccessKey,
    /// The signed nonce was already used within the server's window
    /// ([`Request::signed_nonce`]): a replay (Aliyun `SignatureNonceUsed`).
    NonceReused,
    /// The key has a security (session) token and the request, validly signed, sends another
    /// one ([`Request::verify_security_token`]; Aliyun
    /// `InvalidSecurityToken.MismatchWithAccessKey`).
    SecurityTokenMismatch,
    /// The key has a security token and the request sends none
    /// ([`Request::verify_security_token`]; Aliyun `MissingSecurityToken`).
    SecurityTokenMissing,
}

/// Why a request was refused: the kind, and a message naming the member or what was wrong.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rejection {
    /// What kind of problem.
    pub kind: RejectionKind,
    /// The wire name of the member at fault, when one is.
    pub parameter: Option<String>,
    /// What was wrong, for the error answer's message (it quotes no secret: values that do
    /// not parse are named, not shown).
    pub message: String,
}

impl Rejection {
    /// A rejection of `kind` saying `message`.
    pub fn new(kind: RejectionKind, message: impl Into<String>) -> Self {
        Self { kind, parameter: None, message: message.into() }
    }

    /// The required member `key` was not sent.
    pub fn missing(key: &str) -> Self {
        Self {
            kind: RejectionKind::MissingParameter,
            parameter: Some(key.to_owned()),
            message: format!("the required parameter `{key}` is missing"),
        }
    }

    /// The value of `key` does not parse: `message` says why.
    pub fn invalid(key: &str, message: impl Into<String>) -> Self {
        Self { kind: RejectionKind::InvalidParameter, parameter: Some(key.to_owned()), message: message.into() }
    }

    /// No operation of the service is `what` (an action name, or a method and path).
    pub fn unknown_operation(what: &str) -> Self {
        Self::new(RejectionKind::UnknownOperation, format!("the service has no operation {what}"))
    }
}

impl std::fmt::Display for Rejection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Rejection {}

/// An operation input a server decodes from a request: implemented by generated crates (the
/// `server` feature) for every input, from the same spec facts their `write_params`,
/// `write_path` and `json_body` encode with. Its members are listed once
/// ([`DecodeInput::members`]), for decoding and for arbitrary values
/// ([`arbitrary_input`](arbitrary::arbitrary_input)).
pub trait DecodeInput: crate::Operation + Sized {
    /// Whether the operation sends members in a JSON body (REST): the body is then read as a
    /// JSON object before any member.
    const JSON_BODY: bool = false;
    /// The key the JSON body's members are wrapped in (`{"reboot": {…}}`), if any.
    const BODY_WRAPPER: Option<&'static str> = None;

    /// The input, each member read from or made by `members` as it travels
    /// (`region_id: members.path("regionId")?`).
    ///
    /// # Errors
    ///
    /// The first member `members` fails on.
    fn members<M: Members>(members: &mut M) -> Result<Self, M::Error>;

    /// The input `request` carries (the action or path having chosen the operation).
    ///
    /// # Errors
    ///
    /// A [`Rejection`] naming the first member missing or not of its type, or the body that is
    /// not what the operation takes.
    fn decode_input(request: &Request) -> Result<Self, Rejection> {
        Self::members(&mut FromRequest::new::<Self>(request)?)
    }
}

/// The `Action` of an RPC or query request: the `Action` parameter (query or form body), else
/// the `x-acs-action` header (Aliyun's ACS3 signature sends it there).
pub fn action(request: &Request) -> Option<&str> {
    request.param("Action").or_else(|| request.header("x-acs-action"))
}

/// An operation's output without `null` members at the top (generated outputs serialize
/// absent members as `null`; the services leave them out).
pub(crate) fn without_nulls<T: serde::Serialize>(output: &T) -> serde_json::Map<String, serde_json::Value> {
    match serde_json::to_value(output) {
        Ok(serde_json::Value::Object(mut object)) => {
            object.retain(|_, v| !v.is_null());
            object
        }
        // Generated outputs are structures: always an object.
        _ => serde_json::Map::new(),
    }
}

/// The member of an answer's JSON (or XML) object that holds the request id, in Aliyun's and
/// Kingsoft's answers and error bodies alike (`{"RequestId": …, "Code": …}`, as
/// [`crate::aliyun`]'s and [`crate::ksyun`]'s decoders read them).
pub(crate) const RPC_REQUEST_ID_MEMBER: &str = "RequestId";

/// An output's members (absent ones left out) with `RequestId` ([`RPC_REQUEST_ID_MEMBER`])
/// among them, as Aliyun and Kingsoft answer (in JSON or, for Kingsoft, XML).
pub(crate) fn with_request_id<T: serde::Serialize>(output: &T, request_id: &str) -> serde_json::Map<String, serde_json::Value> {
    let mut body = without_nulls(output);
    body.entry(RPC_REQUEST_ID_MEMBER).or_insert_with(|| request_id.into());
    body
}

/// A JSON answer with `status`, the request id in `request_id_header`.
pub(crate) fn json_response(
    status: u16,
    request_id_header: &str,
    request_id: &str,
    body: &serde_json::Value,
) -> crate::client::http::HttpResponse {
    crate::client::http::HttpResponse {
        status,
        headers: vec![
            ("content-type".to_owned(), "application/json;charset=utf-8".to_owned()),
            (request_id_header.to_owned(), request_id.to_owned()),
        ],
        body: bytes::Bytes::from(serde_json::to_vec(body).unwrap_or_default()),
    }
}

/// What a protocol's server side does: the answer and error envelopes, and (for round trips)
/// a client of the protocol with fixed test credentials. One implementation per protocol
/// module ([`aliyun::Aliyun`], [`ksyun::Ksyun`], [`jdcloud::Jdcloud`], [`inspur::Inspur`]).
pub trait ServerProtocol {
    /// The protocol's client (its `Wire` encodes, signs and decodes as a user's client does),
    /// whose identity a server checks a request against ([`verify::Identity`]).
    type Client: crate::client::send::Wire<Key: verify::Identity>;
    /// The description of a service a generated crate gives its client (`SERVICE`).
    type Service: 'static;
    /// The response header of the request id (`x-acs-request-id`, `x-kss-request-id`).
    const REQUEST_ID_HEADER: &'static str;
    /// The output member that holds the request id, when the service answers it as one:
    /// `Some("RequestId")` for Aliyun and Kingsoft, whose every answer carries it beside the
    /// header (their documents' response samples and error bodies, `{"RequestId": …}`, which
    /// the clients' decoders read: `crate::aliyun`, `crate::ksyun`; the default
    /// [`ServerProtocol::answer`] adds it); `None` (the default) for JD Cloud, whose envelope
    /// holds it apart from the output (`requestId`), and Inspur (the header only). An output
    /// member so spelled is always present in an arbitrary output
    /// ([`Dispatch::arbitrary_output`]), as it is in every answer of the service.
    const REQUEST_ID_MEMBER: Option<&'static str> = None;
    /// A client of `service` for round trips: test credentials, and the client's options
    /// (signature, request method) chosen by `variant`, so a property covers each.
    ///
    /// # Errors
    ///
    /// The configuration error, if the client could not be configured.
    fn test_client(service: &'static Self::Service, variant: u64) -> Result<Self::Client, crate::Error>;
    /// The identity [`ServerProtocol::test_client`] signs with.
    fn test_key() -> <Self::Client as crate::client::send::Wire>::Key;
    /// The credential scope a request of [`ServerProtocol::test_client`] to `service` is
    /// signed for (`request`: the one received), for the protocols whose signatures name one;
    /// `None` (the default) for the others.
    fn test_scope<'a>(service: &'static Self::Service, request: &'a Request) -> Option<verify::Scope<'a>> {
        let _ = (service, request);
        None
    }
    /// Whether `request`, received by a server of `service`, carries the signature (or token)
    /// of [`ServerProtocol::test_key`], scoped (SigV4-shaped schemes) to
    /// [`ServerProtocol::test_scope`]: `Ok(true)` verified, `Ok(false)` signed with a scheme
    /// this does not check.
    ///
    /// # Errors
    ///
    /// What does not match.
    fn verify_test_signature(service: &'static Self::Service, request: &Request) -> Result<bool, verify::SignatureMismatch> {
        use verify::Identity;
        Self::test_key().verify(request, Self::test_scope(service, request)).map(|()| true)
    }
    /// Whether a server of `service` accepts a signature whose credential scope is `scope`
    /// ([`Request::credential_scope`]) for `request`: the protocols whose signatures name a
    /// scope say which (Kingsoft: the service's signing name and one of its regions; JD Cloud:
    /// the region the request names and the service's name); the others accept any.
    fn accepts_scope(service: &'static Self::Service, request: &Request, scope: verify::Scope<'_>) -> bool {
        let _ = (service, request, scope);
        true
    }
    /// A successful answer holding `output` (a generated output), in the protocol's envelope.
    /// The default is the RPC and query protocols' (Aliyun, Kingsoft): the output's members
    /// (absent ones left out) and `RequestId` (added when the output has none) as one JSON
    /// object, the request id also in [`ServerProtocol::REQUEST_ID_HEADER`]; status 200.
    fn answer<T: serde::Serialize>(output: &T, request_id: &str) -> HttpResponse {
        json_response(200, Self::REQUEST_ID_HEADER, request_id, &serde_json::Value::Object(with_request_id(output, request_id)))
    }
    /// The protocol's error answer for `rejection`: its code, message, request id and status.
    fn reject(rejection: &Rejection, request_id: &str) -> HttpResponse;
    /// The operation of `D` that `request` calls, and its input ([`Dispatch::decode`]). The
    /// default is the RPC and query protocols' (Aliyun, Kingsoft): by the action the request
    /// names ([`decode_action`]); the REST protocols (JD Cloud, Inspur) find it by method,
    /// path template and body wrapper ([`decode_rest`]).
    ///
    /// # Errors
    ///
    /// As [`decode_action`] (or [`decode_rest`]).
    fn decode<D: Dispatch>(request: &Request) -> Result<D, Rejection> {
        decode_action(request)
    }
}

use crate::client::http::HttpResponse;

/// A generated crate's operations, for a server: implemented (the `server` feature) by the
/// crate's `server::OperationInput`, an enum with a variant per operation holding its input.
pub trait Dispatch: Sized + PartialEq + std::fmt::Debug {
    /// The protocol the crate speaks.
    type Protocol: ServerProtocol;
    /// The enum of the crate's outputs, a variant per operation (serialized as the output it
    /// holds).
    type Output: PartialEq + std::fmt::Debug + serde::Serialize;
    /// The service, as the crate's client knows it.
    const SERVICE: &'static <Self::Protocol as ServerProtocol>::Service;
    /// The operation `request` calls, and its input, found as the protocol finds it
    /// ([`ServerProtocol::decode`]: by action, or by method, path and wrapper).
    ///
    /// # Errors
    ///
    /// [`RejectionKind::UnknownOperation`] when no operation has its action (RPC and query
    /// protocols: `Action` in the query or form, or `x-acs-action`) or its method and path
    /// (REST), else the input's [`DecodeInput`] rejection.
    fn decode(request: &Request) -> Result<Self, Rejection> {
        Self::Protocol::decode(request)
    }
    /// The input as the crate's client encodes it.
    fn encoded(&self) -> crate::client::send::Encoded;
    /// Operation `index` (from 0, in the spec's order) shown to `visit`, with its input and
    /// output types as their variants' constructors (`visit.visit(Self::DescribeRegions,
    /// Self::Output::DescribeRegions)`): the one list of a crate's operations by index,
    /// through which the runtime names, makes and decodes them; `None` past the end.
    fn operation<V: Visit<Self>>(index: usize, visit: V) -> Option<V::Out>;
    /// The action of operation `index` (its input's [`Operation::ACTION`](crate::Operation::ACTION),
    /// the name on the wire); `None` past the end.
    fn action(index: usize) -> Option<&'static str> {
        Self::operation(index, ActionOf)
    }
    /// The operations' actions, in the spec's order: operation `i` is the `i`-th
    /// ([`Dispatch::action`]).
    fn actions() -> Vec<&'static str> {
        (0..).map_while(Self::action).collect()
    }
    /// The index of the operation whose action is `action`; `None` when the service has none.
    fn index_of(action: &str) -> Option<usize> {
        (0..).map_while(Self::action).position(|a| a == action)
    }
    /// An arbitrary input of operation `index`; `None` past the end.
    fn arbitrary(index: usize, g: &mut arbitrary::Gen) -> Option<Self> {
        Self::operation(index, ArbitraryInput(g))
    }
    /// An arbitrary output of operation `index` ([`arbitrary::arbitrary_output`]), its request
    /// id member ([`ServerProtocol::REQUEST_ID_MEMBER`]) present when it has one; `None` past
    /// the end.
    fn arbitrary_output(index: usize, g: &mut arbitrary::Gen) -> Option<Self::Output> {
        Self::operation(index, ArbitraryOutput(g))
    }
    /// The successful answer holding `output`, in the protocol's envelope.
    fn answer(output: &Self::Output, request_id: &str) -> HttpResponse {
        Self::Protocol::answer(output, request_id)
    }
    /// `response` decoded by `client` as operation `index`'s output, as a call decodes it
    /// (with the warnings of values left out); `None` past the end.
    fn client_decode(
        client: &<Self::Protocol as ServerProtocol>::Client,
        index: usize,
        response: &HttpResponse,
    ) -> Option<Result<crate::response::decode::Decoded<Self::Output>, crate::Error>> {
        Self::operation(index, ClientDecode { client, response })
    }
}

/// What is done with one operation of a [`Dispatch`], given its input and output types
/// ([`Dispatch::operation`]).
pub trait Visit<D: Dispatch> {
    /// What it gives.
    type Out;
    /// Does it for the operation whose input `I` is `D`'s variant `input` and whose output
    /// `O` is `D::Output`'s variant `output`.
    fn visit<I: DecodeInput, O: crate::response::structure::Structure + serde::de::DeserializeOwned>(
        self,
        input: fn(I) -> D,
        output: fn(O) -> D::Output,
    ) -> Self::Out;
}

/// An operation's action ([`Dispatch::action`]).
struct ActionOf;

impl<D: Dispatch> Visit<D> for ActionOf {
    type Out = &'static str;

    fn visit<I: DecodeInput, O>(self, _input: fn(I) -> D, _output: fn(O) -> D::Output) -> &'static str {
        I::ACTION
    }
}

/// An arbitrary input ([`Dispatch::arbitrary`]).
struct ArbitraryInput<'a>(&'a mut arbitrary::Gen);

impl<D: Dispatch> Visit<D> for ArbitraryInput<'_> {
    type Out = D;

    fn visit<I: DecodeInput, O>(self, input: fn(I) -> D, _output: fn(O) -> D::Output) -> D {
        input(arbitrary::arbitrary_input(self.0))
    }
}

/// An arbitrary output ([`Dispatch::arbitrary_output`]).
struct ArbitraryOutput<'a>(&'a mut arbitrary::Gen);

impl<D: Dispatch> Visit<D> for ArbitraryOutput<'_> {
    type Out = D::Output;

    fn visit<I, O: crate::response::structure::Structure>(self, _input: fn(I) -> D, output: fn(O) -> D::Output) -> D::Output {
        output(arbitrary::arbitrary_output(self.0, D::Protocol::REQUEST_ID_MEMBER))
    }
}

/// An answer decoded by the client ([`Dispatch::client_decode`]).
struct ClientDecode<'a, C> {
    client: &'a C,
    response: &'a HttpResponse,
}

impl<D: Dispatch> Visit<D> for ClientDecode<'_, <D::Protocol as ServerProtocol>::Client> {
    type Out = Result<crate::response::decode::Decoded<D::Output>, crate::Error>;

    fn visit<I, O: serde::de::DeserializeOwned>(self, _input: fn(I) -> D, output: fn(O) -> D::Output) -> Self::Out {
        use crate::client::send::Wire;
        self.client.decode::<O>(self.response, false).map(|decoded| decoded.map(output))
    }
}

/// The input a request decodes into ([`decode_action`]).
struct DecodeRequest<'a>(&'a Request);

impl<D: Dispatch> Visit<D> for DecodeRequest<'_> {
    type Out = Result<D, Rejection>;

    fn visit<I: DecodeInput, O>(self, input: fn(I) -> D, _output: fn(O) -> D::Output) -> Self::Out {
        I::decode_input(self.0).map(input)
    }
}

/// Whether a REST request fits an operation ([`decode_rest`]): its method, its path template
/// and, when it has one, its body's wrapper; how well, as the template's literal length and
/// whether a wrapper told it apart.
struct RestMatch<'a>(&'a Request);

impl<D: Dispatch> Visit<D> for RestMatch<'_> {
    type Out = Option<(usize, bool)>;

    fn visit<I: DecodeInput, O>(self, _input: fn(I) -> D, _output: fn(O) -> D::Output) -> Self::Out {
        let request = self.0;
        let fits = request.method() == I::METHOD
            && match_path(I::PATH, request.raw_path()).is_some()
            && I::BODY_WRAPPER.is_none_or(|key| has_wrapper(request, key));
        fits.then(|| (literal_len(I::PATH), I::BODY_WRAPPER.is_some()))
    }
}

/// How much of a REST path template is literal text (`{name}` parts left out): templates are
/// tried most literal first, so `/instances/{id}:stop` is not read as `/instances/{id}` with
/// the id `x:stop`.
fn literal_len(template: &str) -> usize {
    let mut inside = false;
    template
        .chars()
        .filter(|&c| {
            match c {
                '{' => inside = true,
                '}' => inside = false,
                _ => return !inside,
            }
            false
        })
        .count()
}

/// [`Dispatch::decode`] for the REST protocols: of the operations whose method and path
/// template fit the request (and whose body wrapper, when they have one, the JSON body holds),
/// the one with the most literal template, one told apart by its wrapper before one without
/// (Inspur's `{"os-start": {}}` and `{"os-stop": {}}` share a method and path), the first in the
/// spec's order on a tie; and its input.
///
/// # Errors
///
/// [`RejectionKind::UnknownOperation`] when no operation fits, else the input's
/// [`DecodeInput`] rejection.
pub fn decode_rest<D: Dispatch>(request: &Request) -> Result<D, Rejection> {
    let unknown = || Rejection::unknown_operation(&format!("`{} {}`", request.method(), request.path()));
    // Every operation (until `operation` says there is no more), those that fit with how well.
    let best = (0..)
        .map_while(|index| D::operation(index, RestMatch(request)).map(|fit| (fit, index)))
        .filter_map(|(fit, index)| Some((fit?, index)))
        .min_by_key(|&(fit, index)| (std::cmp::Reverse(fit), index));
    match best {
        Some((_, index)) => D::operation(index, DecodeRequest(request)).unwrap_or_else(|| Err(unknown())),
        None => Err(unknown()),
    }
}

/// [`Dispatch::decode`] for the RPC and query protocols: the operation whose action the
/// request names ([`action`]), and its input.
///
/// # Errors
///
/// [`RejectionKind::MissingParameter`] without an action, [`RejectionKind::UnknownOperation`]
/// for an action `D` does not have, else the input's [`DecodeInput`] rejection.
pub fn decode_action<D: Dispatch>(request: &Request) -> Result<D, Rejection> {
    let Some(action) = action(request) else { return Err(Rejection::missing("Action")) };
    let unknown = || Rejection::unknown_operation(&format!("`{action}`"));
    let index = D::index_of(action).ok_or_else(unknown)?;
    D::operation(index, DecodeRequest(request)).unwrap_or_else(|| Err(unknown()))
}

/// The round trip of operation `index`'s input with the values `seed` makes: the input the
/// crate's client encodes and signs (its real code path: `write_params`, the path, the JSON
/// body, the signer, with the client options `seed` picks) verifies
/// ([`ServerProtocol::verify_test_signature`]) and decodes through [`Dispatch::decode`] into the
/// same input.
///
/// # Errors
///
/// What differs, with the request, or the rejection.
pub fn input_round_trip<D: Dispatch>(index: usize, seed: u64) -> Result<(), String> {
    use crate::client::send::Wire;
    let mut g = arbitrary::Gen::new(seed, arbitrary::Wire::Flat);
    let Some(input) = D::arbitrary(index, &mut g) else { return Err(format!("no operation {index}")) };
    let client = D::Protocol::test_client(D::SERVICE, seed).map_err(|e| e.to_string())?;
    let encoded = input.encoded();
    let action = &encoded.action;
    let sent = if encoded.anonymous {
        client.authorize_anonymous(&encoded).ok_or("an anonymous operation the protocol cannot send")?
    } else {
        client.authorize(&encoded, &D::Protocol::test_key())
    };
    let received = Request::from_http(&sent);
    if !encoded.anonymous {
        D::Protocol::verify_test_signature(D::SERVICE, &received).map_err(|e| format!("{action}: the signature does not verify: {e}"))?;
    }
    match D::decode(&received) {
        Ok(decoded) if decoded == input => Ok(()),
        Ok(decoded) => Err(format!(
            "{action}: decoded differs {}\nsent {input:?}\nrequest {sent:?} {:?}",
            first_difference(&format!("{input:?}"), &format!("{decoded:?}")),
            String::from_utf8_lossy(&sent.body)
        )),
        Err(e) => Err(format!("{action}: {e} ({:?})\nsent {input:?}\nrequest {sent:?} {:?}", e.kind, String::from_utf8_lossy(&sent.body))),
    }
}

/// The round trip of operation `index`'s output with the values `seed` makes: the answer
/// [`Dispatch::answer`] encodes decodes, by the crate's client, into the same output.
///
/// # Errors
///
/// What differs, with the answer's body, or the client's decoding error.
pub fn output_round_trip<D: Dispatch>(index: usize, seed: u64) -> Result<(), String> {
    answer_round_trip::<D>(index, seed, arbitrary::Wire::Answer, D::answer)
}

/// [`output_round_trip`] for the XML answers of Kingsoft's query protocol
/// ([`ksyun::answer_xml`]), with values XML carries ([`arbitrary::Wire::AnswerXml`]).
///
/// # Errors
///
/// As [`output_round_trip`].
pub fn output_round_trip_xml<D: Dispatch>(index: usize, seed: u64) -> Result<(), String> {
    let action = D::action(index).unwrap_or("Unknown");
    answer_round_trip::<D>(index, seed, arbitrary::Wire::AnswerXml, |output, request_id| ksyun::answer_xml(output, action, request_id))
}

fn answer_round_trip<D: Dispatch>(
    index: usize,
    seed: u64,
    wire: arbitrary::Wire,
    encode: impl FnOnce(&D::Output, &str) -> HttpResponse,
) -> Result<(), String> {
    let Some(action) = D::action(index) else { return Err(format!("no operation {index}")) };
    let mut g = arbitrary::Gen::new(seed, wire);
    let Some(output) = D::arbitrary_output(index, &mut g) else { return Err(format!("no operation {index}")) };
    let client = D::Protocol::test_client(D::SERVICE, seed).map_err(|e| e.to_string())?;
    let answer = encode(&output, "4C2D8A4E-0000-4000-8000-ROUNDTRIP");
    let body = String::from_utf8_lossy(&answer.body).into_owned();
    match D::client_decode(&client, index, &answer) {
        None => Err(format!("no operation {index}")),
        Some(Ok(decoded)) if decoded.output == output && decoded.warnings.is_empty() => Ok(()),
        Some(Ok(decoded)) => Err(format!(
            "{action}: decoded differs {}\nanswered {output:?}\nwarnings {:?}\nbody {body}",
            first_difference(&format!("{output:?}"), &format!("{:?}", decoded.output)),
            decoded.warnings
        )),
        Some(Err(e)) => Err(format!("{action}: {e}\nanswered {output:?}\nbody {body}")),
    }
}

/// Serves `request` as a server of `D` would, and checks the answer against `D`'s client: a
/// request that decodes is accepted; one that does not is answered with the protocol's error
/// envelope, which the client must read as a service error with the protocol's code for the
/// rejection and the request id. For properties over garbage requests (nothing here may
/// panic, whatever the request holds).
///
/// # Errors
///
/// What the client read from the error answer, when it is not that service error.
pub fn check_error_answer<D: Dispatch>(request: &Request) -> Result<(), String> {
    use crate::client::send::Wire;
    let Err(rejection) = D::decode(request) else { return Ok(()) };
    let request_id = "E5B8C2A0-REJECTED";
    let answer = D::Protocol::reject(&rejection, request_id);
    let client = D::Protocol::test_client(D::SERVICE, 0).map_err(|e| e.to_string())?;
    match client.decode::<serde_json::Value>(&answer, false) {
        Err(crate::Error::Service(e)) if e.status == answer.status && e.request_id() == Some(request_id) && e.code().is_some() => Ok(()),
        other => Err(format!(
            "{rejection:?} answered {} {:?}, which the client read as {other:?}",
            answer.status,
            String::from_utf8_lossy(&answer.body)
        )),
    }
}

/// Where two `Debug` texts first differ: the text around it in each.
fn first_difference(a: &str, b: &str) -> String {
    let at = a.char_indices().zip(b.chars()).find(|((_, x), y)| x != y).map_or(a.len().min(b.len()), |((i, _), _)| i);
    let around = |s: &str| {
        let start = s.char_indices().map(|(i, _)| i).rfind(|&i| i + 80 <= at).unwrap_or(0);
        s.get(start..).unwrap_or("").chars().take(200).collect::<String>()
    };
    format!("at byte {at}:\n  expected …{}\n  got      …{}", around(a), around(b))
}

/// The answer a server gives `request`: the rejection in the protocol's error envelope when it
/// does not decode, else `respond`'s answer for the decoded input. Never panics on any request.
pub fn serve<D: Dispatch>(request: &Request, request_id: &str, respond: impl FnOnce(D) -> HttpResponse) -> HttpResponse {
    match D::decode(request) {
        Ok(input) => respond(input),
        Err(rejection) => D::Protocol::reject(&rejection, request_id),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn rest_templates_are_weighed_by_their_literal_text() {
        assert_eq!(
            super::literal_len("/v1/regions/{regionId}/instances/{instanceId}:stopInstance"),
            "/v1/regions//instances/:stopInstance".len()
        );
        assert!(super::literal_len("/v1/servers/{id}/action") > super::literal_len("/v1/servers/{id}"));
        assert_eq!(super::literal_len("{a}{b}"), 0);
    }

    use super::*;

    #[test]
    fn debug_shows_no_secret() {
        let r = Request::new(
            "POST",
            "/?Action=CreateInstance&Password=Hunter2",
            vec![
                ("authorization".into(), "ACS3-HMAC-SHA256 Credential=AK,SignedHeaders=host,Signature=abc123".into()),
                ("x-acs-security-token".into(), "STS.tok".into()),
                ("content-type".into(), "application/x-www-form-urlencoded".into()),
            ],
            b"LoginPassword=Hunter3".to_vec(),
        );
        let shown = format!("{r:?} {:?}", r.merged_params());
        for secret in ["Hunter2", "Hunter3", "abc123", "STS.tok"] {
            assert!(!shown.contains(secret), "{secret} in {shown}");
        }
        assert!(shown.contains("Password") && shown.contains("application/x-www-form-urlencoded"), "{shown}");
    }

    #[test]
    fn path_templates_match_segments_and_suffixes() {
        let m = match_path("/v1/regions/{regionId}/instances/{instanceId}:stop", "/v1/regions/cn-north-1/instances/i-a:b:stop").unwrap();
        assert_eq!((m.get("regionId"), m.get("instanceId")), (Some("cn-north-1"), Some("i-a:b")));
        assert!(match_path("/v1/regions/{regionId}/instances", "/v1/regions/cn/instances/x").is_none());
        assert!(match_path("/v1/regions/{regionId}/instances", "/v1/regions//instances").is_none());
        assert!(match_path("/v1/regions/{regionId}/instances/{id}:stop", "/v1/regions/r/instances/i:start").is_none());
        assert!(match_path("/v1/images", "/v1/images").is_some_and(|p| p == Params::default()));
        // A member holding `/` arrives as `%2F`: one value, not another segment.
        let m = match_path("/v1/regions/{regionId}/instances/{instanceId}", "/v1/regions/r/instances/i-a%2Fb%20c+d").unwrap();
        assert_eq!(m.get("instanceId"), Some("i-a/b c+d"));
        assert!(match_path("/v1/regions/{regionId}/instances/{instanceId}", "/v1/regions/r/instances/i-a/b").is_none());
    }

    #[test]
    fn requests_read_query_form_and_headers() {
        let r = Request::new(
            "post",
            "https://h.example.com/?Action=A&X=%E4%B8%AD&Bad=%zz%",
            vec![("Content-Type".into(), "application/x-www-form-urlencoded".into())],
            b"X=form&Y=a+b".to_vec(),
        );
        assert_eq!((r.method(), r.path(), action(&r)), ("POST", "/", Some("A")));
        let p = r.merged_params();
        assert_eq!((p.get("X"), p.get("Y"), p.get("Bad")), (Some("form"), Some("a b"), Some("%zz%")));
        assert!(Request::new("GET", "/x?", vec![], b"{".to_vec()).json_body().is_err());
        let relative = Request::new("GET", "/v1/a?u=https://b/c", vec![("Host".into(), "h".into())], vec![]);
        assert_eq!((relative.host(), relative.path(), relative.param("u")), ("h", "/v1/a", Some("https://b/c")));
        let bare = Request::new("GET", "https://h.example.com", vec![], vec![]);
        assert_eq!((bare.host(), bare.path()), ("h.example.com", "/"));
    }

    #[test]
    fn list_indexes_are_read_as_the_clients_write_them() {
        let read: Vec<Option<usize>> =
            ["1", "2", "10", "0", "01", "00", "+1", "-1", "", "x", "1x", "99999999999999999999999"].map(list_index).to_vec();
        assert_eq!(read, [Some(1), Some(2), Some(10), Some(0), None, None, None, None, None, None, None, None]);
    }

    #[test]
    fn required_and_invalid_members_are_rejections() {
        let p = Params::from_pairs([("N", "x"), ("L", "1,2"), ("J", "[1")]);
        assert_eq!(p.required::<i32>("N").unwrap_err().kind, RejectionKind::InvalidParameter);
        assert_eq!(p.required::<i32>("M").unwrap_err().kind, RejectionKind::MissingParameter);
        assert_eq!(p.csv::<i64>("L").unwrap(), Some(vec![1, 2]));
        assert_eq!(p.json::<Vec<i32>>("J").unwrap_err().parameter.as_deref(), Some("J"));
    }
}
