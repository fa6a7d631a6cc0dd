//! An operation input's members, listed once by its crate ([`DecodeInput::members`]): read
//! from a request ([`FromRequest`], what [`DecodeInput::decode_input`] does) or made arbitrary
//! for round trips ([`arbitrary_input`](super::arbitrary::arbitrary_input)), each by where it
//! travels (the query or form, the path, the JSON body, the whole body) and how it is encoded.

use serde::de::DeserializeOwned;

use super::arbitrary::Arbitrary;
use super::{DecodeInput, JsonMembers, ParamValue, Params, ReadParam, Rejection, Request};

/// What an input's members are read from or made by: one method per place a member travels,
/// a required and an optional (`_opt`) form of each, `wire` its name on the wire.
pub trait Members {
    /// What reading a member may fail with ([`Rejection`] for a request; nothing for
    /// arbitrary values).
    type Error;
    /// A required member sent flat in the query or a form body (`Key`, `Key.1`, `Key.Member`).
    ///
    /// # Errors
    ///
    /// Missing, or not of its type.
    fn param<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<T, Self::Error>;
    /// An optional member sent flat.
    ///
    /// # Errors
    ///
    /// Not of its type.
    fn param_opt<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Self::Error>;
    /// A required list or structure sent as one parameter holding JSON.
    ///
    /// # Errors
    ///
    /// Missing, or not the JSON of its type.
    fn json<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<T, Self::Error>;
    /// An optional member sent as JSON.
    ///
    /// # Errors
    ///
    /// Not the JSON of its type.
    fn json_opt<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Self::Error>;
    /// A required list sent as one parameter of comma-separated values.
    ///
    /// # Errors
    ///
    /// Missing, or an item not of its type.
    fn csv<T: ParamValue + Arbitrary>(&mut self, wire: &str) -> Result<Vec<T>, Self::Error>;
    /// An optional comma-separated list.
    ///
    /// # Errors
    ///
    /// An item not of its type.
    fn csv_opt<T: ParamValue + Arbitrary>(&mut self, wire: &str) -> Result<Option<Vec<T>>, Self::Error>;
    /// A required `{wire}` segment of the REST path.
    ///
    /// # Errors
    ///
    /// Missing, or not of its type.
    fn path<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<T, Self::Error>;
    /// An optional path segment (always sent: an empty segment would be another path).
    ///
    /// # Errors
    ///
    /// Not of its type.
    fn path_opt<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Self::Error>;
    /// A required member of the JSON body (inside the operation's wrapper).
    ///
    /// # Errors
    ///
    /// Missing, or not of its type.
    fn body<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<T, Self::Error>;
    /// An optional member of the JSON body.
    ///
    /// # Errors
    ///
    /// Not of its type.
    fn body_opt<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Self::Error>;
    /// A required member that is the whole JSON body (a JSON-patch array); `wire` names it
    /// when missing.
    ///
    /// # Errors
    ///
    /// Missing, or not of its type.
    fn payload<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<T, Self::Error>;
    /// An optional member that is the whole JSON body.
    ///
    /// # Errors
    ///
    /// Not of its type.
    fn payload_opt<T: DeserializeOwned + Arbitrary>(&mut self) -> Result<Option<T>, Self::Error>;
    /// A required list of at most one scalar sent flat, which some clients send plain
    /// (`Key=v`) rather than indexed (`Key.1=v`): Kingsoft's `max_items: 1` lists
    /// ([`Params::required_one_or_list`]). By default, as [`Members::param`].
    ///
    /// # Errors
    ///
    /// Missing, or an item not of its type.
    fn one_or_list<T: ParamValue>(&mut self, wire: &str) -> Result<Vec<T>, Self::Error>
    where
        Vec<T>: ReadParam + Arbitrary,
    {
        self.param(wire)
    }
    /// An optional list of at most one scalar, plain or indexed ([`Members::one_or_list`]).
    ///
    /// # Errors
    ///
    /// An item not of its type.
    fn one_or_list_opt<T: ParamValue>(&mut self, wire: &str) -> Result<Option<Vec<T>>, Self::Error>
    where
        Vec<T>: ReadParam + Arbitrary,
    {
        self.param_opt(wire)
    }
}

/// A request's members, as a server reads them: the query and form merged, the path's
/// segments by the operation's template, the JSON body (unwrapped) when the operation sends
/// members in one.
#[derive(Debug)]
pub struct FromRequest<'a> {
    request: &'a Request,
    params: Params,
    path: Params,
    body: JsonMembers,
}

impl<'a> FromRequest<'a> {
    /// The members of `request`, read as input `T`'s operation sends them.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidBody`](super::RejectionKind::InvalidBody) when `T` sends
    /// members in a JSON body and the body is not a JSON object (inside its wrapper).
    pub fn new<T: DecodeInput>(request: &'a Request) -> Result<Self, Rejection> {
        let body = if T::JSON_BODY { JsonMembers::of(request, T::BODY_WRAPPER)? } else { JsonMembers::default() };
        Ok(Self { request, params: request.merged_params(), path: request.path_params(T::PATH), body })
    }
}

impl Members for FromRequest<'_> {
    type Error = Rejection;

    fn param<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<T, Rejection> {
        self.params.required(wire)
    }

    fn param_opt<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Rejection> {
        self.params.read(wire)
    }

    fn json<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<T, Rejection> {
        self.params.required_json(wire)
    }

    fn json_opt<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Rejection> {
        self.params.json(wire)
    }

    fn csv<T: ParamValue + Arbitrary>(&mut self, wire: &str) -> Result<Vec<T>, Rejection> {
        self.params.required_csv(wire)
    }

    fn csv_opt<T: ParamValue + Arbitrary>(&mut self, wire: &str) -> Result<Option<Vec<T>>, Rejection> {
        self.params.csv(wire)
    }

    fn path<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<T, Rejection> {
        self.path.required(wire)
    }

    fn path_opt<T: ReadParam + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Rejection> {
        self.path.read(wire)
    }

    fn body<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<T, Rejection> {
        self.body.required(wire)
    }

    fn body_opt<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<Option<T>, Rejection> {
        self.body.read(wire)
    }

    fn payload<T: DeserializeOwned + Arbitrary>(&mut self, wire: &str) -> Result<T, Rejection> {
        super::json_payload(self.request)?.ok_or_else(|| Rejection::missing(wire))
    }

    fn payload_opt<T: DeserializeOwned + Arbitrary>(&mut self) -> Result<Option<T>, Rejection> {
        super::json_payload(self.request)
    }

    fn one_or_list<T: ParamValue>(&mut self, wire: &str) -> Result<Vec<T>, Rejection>
    where
        Vec<T>: ReadParam + Arbitrary,
    {
        self.params.required_one_or_list(wire)
    }

    fn one_or_list_opt<T: ParamValue>(&mut self, wire: &str) -> Result<Option<Vec<T>>, Rejection>
    where
        Vec<T>: ReadParam + Arbitrary,
    {
        self.params.read_one_or_list(wire)
    }
}
