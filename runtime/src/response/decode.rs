//! One lenient decoding policy for every provider and format.
//!
//! Every response body (Aliyun JSON, Kingsoft JSON and XML, the JD Cloud `result`, the
//! Inspur `data`) is decoded into its generated type by the same adapter, which converts
//! only where the target type asks for something the answer did not send:
//!
//! - a number sent as a string (`"TotalCount":"1"`, `<Cpu>2</Cpu>`) becomes the number the
//!   type wants, and a number or boolean sent where a string (or an enum) is wanted becomes
//!   its text; an integer member accepts a float without a fraction (`2.0`);
//! - a boolean accepts `"true"`/`"false"` (any case, surrounding blanks ignored) and `0`/`1`;
//! - an empty string (or blanks) or `null` where an optional member is wanted is absent —
//!   for every optional member, numbers, booleans, enums, strings, lists and structures
//!   alike (an XML `<Empty/>` and a JSON `""` mean the same: not set). So an enum never
//!   decodes `""` into `Unknown("")`;
//! - where a list is wanted, an empty string or `null` is an empty list and a single value a
//!   list of one (XML without an item wrapper); where a structure is wanted, an empty string
//!   or `null` is an empty structure;
//! - members the type does not know are skipped;
//! - bytes that are not UTF-8 read as U+FFFD (the raw body keeps them), in every decoder
//!   and for error bodies too, rather than failing the answer;
//! - a JSON object with a duplicate key keeps the last value, for every provider (as
//!   `serde_json::Value` does, and as the XML tree does for repeated elements that are not a
//!   list).
//!
//! Anything that still does not fit is an error naming the path and what was wrong
//! (``Instances.Instance[3].Cpu: `many` is not i32``), never a panic — from [`from_slice`]
//! and [`lenient`]. The providers' decoders use [`from_slice_lossy`] and [`lenient_lossy`]
//! instead: such a value is taken out of the answer and decoding starts again (at most
//! [`MAX_WARNINGS`] times), so that member is absent and a [`DecodeWarning`] names its path
//! and raw text; only an answer that is not the expected shape at all stays an error. A
//! generated output keeps those warnings and the raw body in an [`Answer`].
//!
//! JSON is decoded straight from the bytes ([`from_slice`]): the adapter wraps
//! `serde_json::Deserializer`, asks it for whatever value comes (`deserialize_any`) and hands
//! the generated type's visitor what it asked for, wrapping each nested object and array so
//! the policy applies at every depth. Paths are built only when an error unwinds. The same
//! adapter runs over a `serde_json::Value` ([`lenient`]) where a provider needs the tree
//! first (the Kingsoft XML tree, the JD and Inspur envelopes), so the policy is one.

use std::borrow::Cow;
use std::cell::RefCell;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::Value;

/// The raw body of an answer ([`Answer::raw_body`]): cheap to clone.
pub use bytes::Bytes;

/// The body as text for serde_json's `&str` reader, which, unlike its byte reader, does not
/// check the UTF-8 of every string again: the bytes are checked once, by
/// [`std::str::from_utf8`] (word by word while they are ASCII). Only a body that is not UTF-8
/// takes the slow path: its bad bytes are replaced by U+FFFD, as [`String::from_utf8_lossy`]
/// does, rather than failing the answer; the raw body keeps them. (`from_utf8_lossy` alone
/// validates byte by byte: 15 % of decoding a one-instance SWAS answer, by callgrind.)
pub(crate) fn json_text(bytes: &[u8]) -> Cow<'_, str> {
    crate::request::encoding::utf8_lossy(bytes)
}

/// `bytes` parsed as a JSON tree, bytes that are not UTF-8 read as U+FFFD (as every decoder
/// here reads them).
pub fn value_from_slice(bytes: &[u8]) -> Result<Value, serde_json::Error> {
    serde_json::from_str(&json_text(bytes))
}

/// Decodes JSON `bytes` into `T` under the lenient policy, straight from the bytes (bytes
/// that are not UTF-8 read as U+FFFD).
pub fn from_slice<T: DeserializeOwned>(bytes: &[u8]) -> Result<T, String> {
    let state = State::default();
    let text = json_text(bytes);
    let mut json = serde_json::Deserializer::from_str(&text);
    let streamed = T::deserialize(Lenient { inner: &mut json, state: &state }).and_then(|t| json.end().map(|()| t));
    match streamed {
        Ok(t) => Ok(t),
        Err(e) => {
            let streamed = state.locate(e);
            // A duplicate key fails a generated structure while streaming; the tree keeps the
            // last value, so decoding the tree gives every provider the same answer. Malformed
            // JSON or a value that does not fit keeps the streaming error (it has the line).
            match value_from_slice(bytes) {
                Ok(value) if streamed.contains("duplicate field") => lenient(value),
                Ok(value) => lenient(value).map_err(|_| streamed),
                Err(_) => Err(streamed),
            }
        }
    }
}

/// Deserializes `value` into `T` under the lenient policy (the tree form of [`from_slice`]).
pub fn lenient<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    let state = State::default();
    from_tree(&value, &state).map_err(|e| state.locate(e))
}

/// `value` decoded into `T` by the streaming adapter over the tree's text, so that every
/// generated type is compiled with one deserializer (serde_json's `&str` reader under
/// [`Lenient`]) whatever path its answer takes, not once more for `&Value` and `Value`: that
/// halved the code the compiler generates per type (issue 15, item 7). The tree's objects are
/// ordered by key (`serde_json::Map` without `preserve_order`) and hold no duplicate key, so the
/// text gives the visitors what the tree gave them, in the same order; floats print and read
/// back exactly (`float_roundtrip`). The error's message is the tree's: no line and column
/// (they would be of the re-written text, not of the answer).
fn from_tree<T: DeserializeOwned>(value: &Value, state: &State) -> Result<T, TreeError> {
    // Writing a `Value` out cannot fail (its keys are strings).
    let text = serde_json::to_string(value).map_err(TreeError)?;
    let mut json = serde_json::Deserializer::from_str(&text);
    T::deserialize(Lenient { inner: &mut json, state }).and_then(|t| json.end().map(|()| t)).map_err(TreeError)
}

/// An error of [`from_tree`], shown without the position in the re-written text.
struct TreeError(serde_json::Error);

impl fmt::Display for TreeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let full = self.0.to_string();
        let at = format!(" at line {} column {}", self.0.line(), self.0.column());
        f.write_str(if self.0.line() > 0 { full.strip_suffix(&at).unwrap_or(&full) } else { &full })
    }
}

/// How many values one answer may lose before it counts as not decodable at all.
pub const MAX_WARNINGS: usize = 64;

/// Where the raw text of a value that did not fit is cut (in bytes, at a character boundary).
pub const RAW_LIMIT: usize = 256;

/// What a [`DecodeWarning`] holds in place of the raw text of an answer that holds a secret.
pub const WITHHELD: &str = "<redacted>";

/// A value of a successful answer that did not fit its member even under the lenient
/// policy: the member is absent from the output, and this says where and what came.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DecodeWarning {
    path: String,
    raw: String,
}

impl DecodeWarning {
    /// Where the value was, from the output's top (`Instances.Instance[3].Cpu`; JD Cloud's
    /// from inside `result`, Inspur's from inside `data`).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The value as it came, as JSON text (`"many"`), cut at [`RAW_LIMIT`] bytes; [`WITHHELD`]
    /// when the output holds a secret.
    pub fn raw(&self) -> &str {
        &self.raw
    }
}

impl fmt::Display for DecodeWarning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {} does not fit the output and was left out", self.path, self.raw)
    }
}

/// A decoded value and the warnings of the values it had to leave out.
#[derive(Debug)]
pub struct Decoded<T> {
    /// The value.
    pub output: T,
    /// The values left out, in the order decoding met them.
    pub warnings: Vec<DecodeWarning>,
}

impl<T> Decoded<T> {
    /// A value decoded with nothing left out.
    pub fn whole(output: T) -> Self {
        Self { output, warnings: Vec::new() }
    }

    /// The same decoding with its value mapped (the warnings kept), e.g. an operation's output
    /// into the enum of a crate's outputs.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Decoded<U> {
        Decoded { output: f(self.output), warnings: self.warnings }
    }
}

/// What a generated output keeps of its answer besides its members: the warnings of the
/// values decoding left out, and the raw body. Two answers always compare equal (outputs
/// compare by their members), and `Debug` shows the body's length, never its text.
#[derive(Clone, Default)]
pub struct Answer {
    warnings: Vec<DecodeWarning>,
    body: Option<bytes::Bytes>,
}

impl Answer {
    /// An answer with these warnings and raw body (`None` for an output that holds a secret).
    pub fn new(warnings: Vec<DecodeWarning>, body: Option<bytes::Bytes>) -> Self {
        Self { warnings, body }
    }

    /// The values left out of the output, where and as they came.
    pub fn warnings(&self) -> &[DecodeWarning] {
        &self.warnings
    }

    /// The raw body of the answer; `None` when the output holds a secret, or was not decoded
    /// from an answer.
    pub fn raw_body(&self) -> Option<&bytes::Bytes> {
        self.body.as_ref()
    }
}

impl PartialEq for Answer {
    fn eq(&self, _other: &Self) -> bool {
        true
    }
}

impl fmt::Debug for Answer {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Answer")
            .field("warnings", &self.warnings)
            .field("raw_body", &self.body.as_ref().map(|b| format!("<{} bytes>", b.len())))
            .finish()
    }
}

/// Decodes JSON `bytes` into `T` as [`from_slice`] does, but a value that still does not fit
/// its member is left out (the member is absent) and named in a [`DecodeWarning`] instead of
/// failing the whole answer. Only an answer that is not the expected shape at all (malformed
/// JSON, not an object, more than [`MAX_WARNINGS`] misfits) is an error. With `sensitive`, no
/// warning keeps raw text ([`WITHHELD`]).
pub fn from_slice_lossy<T: DeserializeOwned>(bytes: &[u8], sensitive: bool) -> Result<Decoded<T>, String> {
    let state = State::default();
    let text = json_text(bytes);
    let mut json = serde_json::Deserializer::from_str(&text);
    let streamed = T::deserialize(Lenient { inner: &mut json, state: &state }).and_then(|t| json.end().map(|()| t));
    match streamed {
        Ok(t) => Ok(Decoded::whole(t)),
        Err(e) => {
            let streamed = state.locate(e);
            match value_from_slice(bytes) {
                Ok(value) if streamed.contains("duplicate field") => lenient_lossy(value, sensitive),
                Ok(value) => lenient_lossy(value, sensitive).map_err(|_| streamed),
                Err(_) => Err(streamed),
            }
        }
    }
}

/// The tree form of [`from_slice_lossy`]: each value that does not fit is taken out of
/// `value` and decoding starts again, at most [`MAX_WARNINGS`] times.
pub fn lenient_lossy<T: DeserializeOwned>(mut value: Value, sensitive: bool) -> Result<Decoded<T>, String> {
    let mut warnings = Vec::new();
    // Items taken out of arrays, so later paths name the answer's own indices.
    let mut removed: Vec<(String, usize)> = Vec::new();
    loop {
        let state = State::default();
        let error = match from_tree::<T>(&value, &state) {
            Ok(output) => return Ok(Decoded { output, warnings }),
            Err(e) => e,
        };
        let path = state.take_path();
        let (at, original) = as_answered(&path, &removed);
        if path.is_empty() || warnings.len() >= MAX_WARNINGS {
            let at = if path.is_empty() { "the response".to_owned() } else { at };
            let more = if warnings.is_empty() { String::new() } else { format!(" (after leaving out {} values)", warnings.len()) };
            return Err(format!("{at}: {error}{more}"));
        }
        let Some(raw) = take(&mut value, &path) else {
            return Err(format!("{at}: {error}"));
        };
        if let (Some(Segment::Index(_)), Some(index)) = (path.last(), original) {
            let parent = at.rsplit_once('[').map_or(String::new(), |(p, _)| p.to_owned());
            removed.push((parent, index));
        }
        let raw = if sensitive { WITHHELD.to_owned() } else { truncate(raw.to_string()) };
        warnings.push(DecodeWarning { path: at, raw });
    }
}

/// The path as the answer spells it (indices before any item was taken out), and the
/// answer's index of the last segment when it is an index.
fn as_answered(path: &[Segment], removed: &[(String, usize)]) -> (String, Option<usize>) {
    let mut at = String::new();
    let mut last = None;
    for segment in path {
        match segment {
            Segment::Key(k) => {
                if !at.is_empty() {
                    at.push('.');
                }
                at.push_str(k);
                last = None;
            }
            Segment::Index(i) => {
                let mut taken: Vec<usize> = removed.iter().filter(|(p, _)| *p == at).map(|(_, r)| *r).collect();
                taken.sort_unstable();
                let mut index = *i;
                for r in taken {
                    if r <= index {
                        index += 1;
                    }
                }
                at.push_str(&format!("[{index}]"));
                last = Some(index);
            }
        }
    }
    (at, last)
}

/// Takes the value at `path` out of `value`: a member is removed from its object, an item
/// from its array. An index into something that is not an array is the list of one the
/// policy made of a single value: the value itself.
fn take(value: &mut Value, path: &[Segment]) -> Option<Value> {
    let (last, parents) = path.split_last()?;
    let mut node = value;
    for segment in parents {
        node = match (segment, node) {
            (Segment::Key(k), Value::Object(o)) => o.get_mut(k.as_str())?,
            (Segment::Index(i), Value::Array(a)) => a.get_mut(*i)?,
            (Segment::Index(0), other) => other,
            _ => return None,
        };
    }
    match (last, node) {
        (Segment::Key(k), Value::Object(o)) => o.remove(k.as_str()),
        (Segment::Index(i), Value::Array(a)) if *i < a.len() => Some(a.remove(*i)),
        (Segment::Index(0), other) if !other.is_null() => Some(other.take()),
        _ => None,
    }
}

fn truncate(mut raw: String) -> String {
    if raw.len() > RAW_LIMIT {
        let mut cut = RAW_LIMIT;
        while !raw.is_char_boundary(cut) {
            cut -= 1;
        }
        raw.truncate(cut);
        raw.push('…');
    }
    raw
}

/// The fast path of an envelope (`{requestId, result, error}`, `{code, message, data}`), from
/// the bytes: the member `target`, when it is an object, decoded into `T` under the policy;
/// the members named in `keep` kept as values; the rest skipped. `None` when the body is not
/// such an object, `target` is missing or not an object, or anything does not decode: the
/// caller then takes the tree path, which decides and says why. So the fast path changes no
/// answer, only its cost.
pub(crate) fn envelope<T: DeserializeOwned>(bytes: &[u8], target: &str, keep: &[&str]) -> Option<(T, Vec<(String, Value)>)> {
    let state = State::default();
    let text = json_text(bytes);
    let mut json = serde_json::Deserializer::from_str(&text);
    let found = json.deserialize_map(Envelope { target, keep, state: &state, found: PhantomData }).ok()?;
    json.end().ok()?;
    let (t, kept) = found;
    Some((t?, kept))
}

struct Envelope<'a, 's, T> {
    target: &'a str,
    keep: &'a [&'a str],
    state: &'s State,
    found: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> Visitor<'de> for Envelope<'_, '_, T> {
    type Value = (Option<T>, Vec<(String, Value)>);

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an envelope object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut found, mut kept) = (None, Vec::new());
        while let Some(key) = map.next_key::<Cow<'de, str>>()? {
            if key == self.target {
                found = Some(map.next_value_seed(ObjectOnly { state: self.state, found: PhantomData })?);
            } else if self.keep.contains(&key.as_ref()) {
                kept.push((key.into_owned(), map.next_value::<Value>()?));
            } else {
                map.next_value::<de::IgnoredAny>()?;
            }
        }
        Ok((found, kept))
    }
}

/// An object decoded into `T` under the policy; anything else is an error.
struct ObjectOnly<'s, T> {
    state: &'s State,
    found: PhantomData<T>,
}

impl<'de, T: DeserializeOwned> DeserializeSeed<'de> for ObjectOnly<'_, T> {
    type Value = T;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de, T: DeserializeOwned> Visitor<'de> for ObjectOnly<'_, T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("an object")
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
        T::deserialize(Fed { access: Map(map), state: self.state })
    }
}

/// What one decoding shares at every depth: the path of an error, built as it unwinds.
#[derive(Default)]
struct State {
    /// Innermost segment first.
    path: RefCell<Vec<Segment>>,
}

enum Segment {
    Key(String),
    Index(usize),
}

impl State {
    #[inline]
    fn push(&self, segment: Segment) {
        self.path.borrow_mut().push(segment);
    }

    /// The path of the error, from the top.
    fn take_path(&self) -> Vec<Segment> {
        let mut path = std::mem::take(&mut *self.path.borrow_mut());
        path.reverse();
        path
    }

    /// The error with its path in front (`the response` at the top level).
    #[inline]
    fn locate(&self, e: impl fmt::Display) -> String {
        let path = self.path.borrow();
        if path.is_empty() {
            return format!("the response: {e}");
        }
        let mut at = String::new();
        for segment in path.iter().rev() {
            match segment {
                Segment::Key(k) if at.is_empty() => at.push_str(k),
                Segment::Key(k) => {
                    at.push('.');
                    at.push_str(k);
                }
                Segment::Index(i) => at.push_str(&format!("[{i}]")),
            }
        }
        format!("{at}: {e}")
    }
}

/// What the target type asked for.
#[derive(Clone, Copy)]
enum Kind {
    /// Whatever comes (enums read their text this way; `Value`; unit and the rest).
    Any,
    Signed(&'static str),
    Unsigned(&'static str),
    Float,
    Bool,
    Text,
    Option,
    Seq,
    Map,
}

/// The adapter: a deserializer (a `serde_json::Deserializer`, or a `Value`) asked for any value,
/// whose answer [`Convert`] turns into what the target wants.
struct Lenient<'s, D> {
    inner: D,
    state: &'s State,
}

macro_rules! convert_each {
    ($($method:ident => $kind:expr),* $(,)?) => {
        $(#[inline] fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            let state = self.state();
            self.feed(Convert { visitor, kind: $kind, state })
        })*
    };
}

/// The `deserialize_*` methods of a lenient deserializer, each feeding a [`Convert`].
macro_rules! lenient_methods {
    () => {
        convert_each! {
            deserialize_any => Kind::Any,
            deserialize_i8 => Kind::Signed("i8"),
            deserialize_i16 => Kind::Signed("i16"),
            deserialize_i32 => Kind::Signed("i32"),
            deserialize_i64 => Kind::Signed("i64"),
            deserialize_u8 => Kind::Unsigned("u8"),
            deserialize_u16 => Kind::Unsigned("u16"),
            deserialize_u32 => Kind::Unsigned("u32"),
            deserialize_u64 => Kind::Unsigned("u64"),
            deserialize_f32 => Kind::Float,
            deserialize_f64 => Kind::Float,
            deserialize_bool => Kind::Bool,
            deserialize_str => Kind::Text,
            deserialize_string => Kind::Text,
            deserialize_option => Kind::Option,
            deserialize_seq => Kind::Seq,
            deserialize_map => Kind::Map,
        }

        #[inline]
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _name: &'static str,
            _fields: &'static [&'static str],
            visitor: V,
        ) -> Result<V::Value, Self::Error> {
            self.deserialize_map(visitor)
        }

        #[inline]
        fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Self::Error> {
            self.deserialize_seq(visitor)
        }

        #[inline]
        fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Self::Error> {
            visitor.visit_newtype_struct(self)
        }

        forward_to_deserialize_any! {
            char bytes byte_buf unit unit_struct tuple_struct enum identifier
        }
    };
}

impl<'s, 'de, D: Deserializer<'de>> Lenient<'s, D> {
    #[inline]
    fn state(&self) -> &'s State {
        self.state
    }

    #[inline]
    fn feed<V: Visitor<'de>>(self, convert: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(convert)
    }
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Lenient<'_, D> {
    type Error = D::Error;

    lenient_methods!();

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_ignored_any(visitor)
    }
}

/// Text as it came: borrowed from the input, lent for the call, or owned.
enum Text<'a, 'de> {
    Borrowed(&'de str),
    Lent(&'a str),
    Owned(String),
}

impl<'de> Text<'_, 'de> {
    #[inline]
    fn as_str(&self) -> &str {
        match self {
            Text::Borrowed(s) => s,
            Text::Lent(s) => s,
            Text::Owned(s) => s,
        }
    }

    #[inline]
    fn visit<V: Visitor<'de>, E: de::Error>(self, visitor: V) -> Result<V::Value, E> {
        match self {
            Text::Borrowed(s) => visitor.visit_borrowed_str(s),
            Text::Lent(s) => visitor.visit_str(s),
            Text::Owned(s) => visitor.visit_string(s),
        }
    }
}

/// The visitor handed to the inner deserializer: it receives what the answer holds and gives
/// the target's visitor what the target asked for ([`Kind`]).
struct Convert<'s, V> {
    visitor: V,
    kind: Kind,
    state: &'s State,
}

impl<'s, 'de, V: Visitor<'de>> Convert<'s, V> {
    #[inline]
    fn text<E: de::Error>(self, text: Text<'_, 'de>) -> Result<V::Value, E> {
        if let Kind::Any | Kind::Text = self.kind {
            return text.visit(self.visitor);
        }
        // What the text says is decided by `parse`, which is compiled once: this function is
        // compiled for every visitor type (issue 15, item 7), so it only hands over the result.
        match parse(self.kind, text.as_str()) {
            Parsed::I64(n) => self.visitor.visit_i64(n),
            Parsed::U64(n) => self.visitor.visit_u64(n),
            Parsed::Whole(x) => self.number(x),
            Parsed::F64(x) => self.visitor.visit_f64(x),
            Parsed::Bool(b) => self.visitor.visit_bool(b),
            Parsed::Not(what) => Err(E::custom(not_what(text.as_str(), what))),
            Parsed::Blank => match self.kind {
                Kind::Option => self.visitor.visit_none(),
                Kind::Seq => self.visitor.visit_seq(Nothing(PhantomData)),
                _ => self.visitor.visit_map(Nothing(PhantomData)),
            },
            Parsed::Text => match self.kind {
                Kind::Option => self.visitor.visit_some(Scalar { value: Value1::Text(text), state: self.state, error: PhantomData }),
                Kind::Seq => self.visitor.visit_seq(One(Some(Scalar { value: Value1::Text(text), state: self.state, error: PhantomData }))),
                _ => text.visit(self.visitor),
            },
        }
    }

    /// A float with no fraction where an integer is wanted.
    #[inline]
    fn number<E: de::Error>(self, x: f64) -> Result<V::Value, E> {
        if x >= 0.0 && x < u64::MAX as f64 {
            self.visitor.visit_u64(x as u64)
        } else if x < 0.0 && x >= i64::MIN as f64 {
            self.visitor.visit_i64(x as i64)
        } else {
            self.visitor.visit_f64(x)
        }
    }

    #[inline]
    fn scalar<E: de::Error>(self, value: Value1<'_, 'de>) -> Result<V::Value, E> {
        match self.kind {
            Kind::Option => self.visitor.visit_some(Scalar { value, state: self.state, error: PhantomData }),
            Kind::Seq => self.visitor.visit_seq(One(Some(Scalar { value, state: self.state, error: PhantomData }))),
            _ => Scalar { value, state: self.state, error: PhantomData }.feed(Direct(self.visitor)),
        }
    }
}

/// What a text means where the target asked for `Kind` (not `Any` or `Text`).
enum Parsed {
    I64(i64),
    U64(u64),
    /// A float without a fraction, where an integer is wanted.
    Whole(f64),
    F64(f64),
    Bool(bool),
    /// Not what was asked for: the integer type's name, `a number` or `a boolean`.
    Not(&'static str),
    /// Empty or blanks, where an option, a list or a structure is wanted.
    Blank,
    /// The text as it is, for an option, a list or a structure.
    Text,
}

/// The text `s` where `kind` (not `Any` or `Text`) is wanted.
fn parse(kind: Kind, s: &str) -> Parsed {
    // Blank: empty or only ASCII blanks (decided at the first byte for any other text).
    let blank = || s.bytes().all(|b| b.is_ascii_whitespace());
    let t = s.trim_ascii();
    match kind {
        Kind::Signed(name) | Kind::Unsigned(name) => {
            if let Ok(n) = t.parse::<i64>() {
                Parsed::I64(n)
            } else if let Ok(n) = t.parse::<u64>() {
                Parsed::U64(n)
            } else if let Some(x) = t.parse::<f64>().ok().filter(|x| x.is_finite() && x.fract() == 0.0) {
                Parsed::Whole(x)
            } else {
                Parsed::Not(name)
            }
        }
        Kind::Float => match t.parse::<f64>() {
            Ok(x) if x.is_finite() => Parsed::F64(x),
            _ => Parsed::Not("a number"),
        },
        Kind::Bool => {
            if t.eq_ignore_ascii_case("true") || t == "1" {
                Parsed::Bool(true)
            } else if t.eq_ignore_ascii_case("false") || t == "0" {
                Parsed::Bool(false)
            } else {
                Parsed::Not("a boolean")
            }
        }
        Kind::Option | Kind::Seq | Kind::Map if blank() => Parsed::Blank,
        Kind::Any | Kind::Text | Kind::Option | Kind::Seq | Kind::Map => Parsed::Text,
    }
}

/// The error of a text that is not `what` (`` `many` is not i32 ``), trimmed as it was read.
fn not_what(s: &str, what: &str) -> String {
    format!("`{}` is not {what}", s.trim_ascii())
}

/// A scalar given to a visitor as it is.
struct Direct<V>(V);

impl<'s, 'de, V: Visitor<'de>> Visitor<'de> for Convert<'s, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    #[inline]
    fn visit_bool<E: de::Error>(self, b: bool) -> Result<V::Value, E> {
        match self.kind {
            Kind::Text => self.visitor.visit_string(b.to_string()),
            Kind::Option | Kind::Seq => self.scalar(Value1::Bool(b)),
            _ => self.visitor.visit_bool(b),
        }
    }

    #[inline]
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<V::Value, E> {
        match self.kind {
            Kind::Text => self.visitor.visit_string(n.to_string()),
            Kind::Bool if n == 0 || n == 1 => self.visitor.visit_bool(n == 1),
            Kind::Option | Kind::Seq => self.scalar(Value1::I64(n)),
            _ => self.visitor.visit_i64(n),
        }
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<V::Value, E> {
        match self.kind {
            Kind::Text => self.visitor.visit_string(n.to_string()),
            Kind::Bool if n <= 1 => self.visitor.visit_bool(n == 1),
            Kind::Option | Kind::Seq => self.scalar(Value1::U64(n)),
            _ => self.visitor.visit_u64(n),
        }
    }

    #[inline]
    fn visit_f64<E: de::Error>(self, x: f64) -> Result<V::Value, E> {
        match self.kind {
            Kind::Text => self.visitor.visit_string(x.to_string()),
            Kind::Signed(_) | Kind::Unsigned(_) if x.is_finite() && x.fract() == 0.0 => self.number(x),
            Kind::Option | Kind::Seq => self.scalar(Value1::F64(x)),
            _ => self.visitor.visit_f64(x),
        }
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        self.text(Text::Borrowed(s))
    }

    #[inline]
    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        self.text(Text::Lent(s))
    }

    #[inline]
    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        self.text(Text::Owned(s))
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<V::Value, E> {
        match self.kind {
            Kind::Option => self.visitor.visit_none(),
            Kind::Seq => self.visitor.visit_seq(Nothing(PhantomData)),
            Kind::Map => self.visitor.visit_map(Nothing(PhantomData)),
            _ => self.visitor.visit_unit(),
        }
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<V::Value, E> {
        self.visit_unit()
    }

    #[inline]
    fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<V::Value, A::Error> {
        match self.kind {
            Kind::Option => self.visitor.visit_some(Fed { access: Map(map), state: self.state }),
            Kind::Seq => self.visitor.visit_seq(One(Some(Fed { access: Map(map), state: self.state }))),
            _ => self.visitor.visit_map(Entries { map, state: self.state, key: None }),
        }
    }

    #[inline]
    fn visit_seq<A: SeqAccess<'de>>(self, seq: A) -> Result<V::Value, A::Error> {
        match self.kind {
            Kind::Option => self.visitor.visit_some(Fed { access: Seq(seq), state: self.state }),
            // A derived structure would take an array positionally; no answer means that.
            Kind::Map => Err(de::Error::invalid_type(de::Unexpected::Seq, &self.visitor)),
            _ => self.visitor.visit_seq(Items { seq, state: self.state, index: 0 }),
        }
    }
}

/// A scalar already read (inside an option, or the one item of a list).
enum Value1<'a, 'de> {
    Text(Text<'a, 'de>),
    I64(i64),
    U64(u64),
    F64(f64),
    Bool(bool),
}

struct Scalar<'a, 'de, 's, E> {
    value: Value1<'a, 'de>,
    state: &'s State,
    error: PhantomData<E>,
}

/// How a scalar reaches a visitor unconverted.
trait Feed<'de> {
    type Value;
    fn feed<E: de::Error>(self, value: Value1<'_, 'de>) -> Result<Self::Value, E>;
}

impl<'de, V: Visitor<'de>> Feed<'de> for Direct<V> {
    type Value = V::Value;
    #[inline]
    fn feed<E: de::Error>(self, value: Value1<'_, 'de>) -> Result<V::Value, E> {
        let v = self.0;
        match value {
            Value1::Text(t) => t.visit(v),
            Value1::I64(n) => v.visit_i64(n),
            Value1::U64(n) => v.visit_u64(n),
            Value1::F64(x) => v.visit_f64(x),
            Value1::Bool(b) => v.visit_bool(b),
        }
    }
}

impl<'de, V: Visitor<'de>> Feed<'de> for Convert<'_, V> {
    type Value = V::Value;
    #[inline]
    fn feed<E: de::Error>(self, value: Value1<'_, 'de>) -> Result<V::Value, E> {
        match value {
            Value1::Text(t) => self.text(t),
            Value1::I64(n) => self.visit_i64(n),
            Value1::U64(n) => self.visit_u64(n),
            Value1::F64(x) => self.visit_f64(x),
            Value1::Bool(b) => self.visit_bool(b),
        }
    }
}

impl<'s, 'de, E: de::Error> Scalar<'_, 'de, 's, E> {
    #[inline]
    fn state(&self) -> &'s State {
        self.state
    }

    #[inline]
    fn feed<F: Feed<'de>>(self, f: F) -> Result<F::Value, E> {
        f.feed(self.value)
    }
}

impl<'de, E: de::Error> Deserializer<'de> for Scalar<'_, 'de, '_, E> {
    type Error = E;

    lenient_methods!();

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, E> {
        self.deserialize_any(visitor)
    }
}

/// An object or array already opened (inside an option, or the one item of a list).
struct Fed<'s, A> {
    access: A,
    state: &'s State,
}

struct Map<A>(A);
struct Seq<A>(A);

impl<'s, 'de, A: MapAccess<'de>> Fed<'s, Map<A>> {
    #[inline]
    fn state(&self) -> &'s State {
        self.state
    }

    #[inline]
    fn feed<V: Visitor<'de>>(self, v: V) -> Result<V::Value, A::Error> {
        v.visit_map(self.access.0)
    }
}

impl<'s, 'de, A: SeqAccess<'de>> Fed<'s, Seq<A>> {
    #[inline]
    fn state(&self) -> &'s State {
        self.state
    }

    #[inline]
    fn feed<V: Visitor<'de>>(self, v: V) -> Result<V::Value, A::Error> {
        v.visit_seq(self.access.0)
    }
}

impl<'de, A: MapAccess<'de>> Deserializer<'de> for Fed<'_, Map<A>> {
    type Error = A::Error;

    lenient_methods!();

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.deserialize_any(visitor)
    }
}

impl<'de, A: SeqAccess<'de>> Deserializer<'de> for Fed<'_, Seq<A>> {
    type Error = A::Error;

    lenient_methods!();

    #[inline]
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, A::Error> {
        self.deserialize_any(visitor)
    }
}

/// A list of one item.
struct One<D>(Option<D>);

impl<'de, D: Deserializer<'de>> SeqAccess<'de> for One<D> {
    type Error = D::Error;
    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, D::Error> {
        self.0.take().map(|d| seed.deserialize(d)).transpose()
    }
}

/// An empty list or structure.
struct Nothing<E>(PhantomData<E>);

impl<'de, E: de::Error> SeqAccess<'de> for Nothing<E> {
    type Error = E;
    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, _seed: T) -> Result<Option<T::Value>, E> {
        Ok(None)
    }
}

impl<'de, E: de::Error> MapAccess<'de> for Nothing<E> {
    type Error = E;
    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, _seed: K) -> Result<Option<K::Value>, E> {
        Ok(None)
    }
    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, _seed: T) -> Result<T::Value, E> {
        Err(E::custom("a value without a key"))
    }
}

/// A value handed to the target through the adapter.
struct Through<'s, S> {
    seed: S,
    state: &'s State,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for Through<'_, S> {
    type Value = S::Value;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Lenient { inner, state: self.state })
    }
}

/// An object's members, each value through the adapter; the key is kept for an error's path.
struct Entries<'s, 'de, A> {
    map: A,
    state: &'s State,
    key: Option<Cow<'de, str>>,
}

impl<'de, A: MapAccess<'de>> MapAccess<'de> for Entries<'_, 'de, A> {
    type Error = A::Error;

    #[inline]
    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, A::Error> {
        self.map.next_key_seed(KeySeed { seed, slot: &mut self.key })
    }

    #[inline]
    fn next_value_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<T::Value, A::Error> {
        self.map.next_value_seed(Through { seed, state: self.state }).inspect_err(|_| {
            self.state.push(Segment::Key(self.key.take().map(Cow::into_owned).unwrap_or_default()));
        })
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.map.size_hint()
    }
}

/// An array's items, each through the adapter.
struct Items<'s, A> {
    seq: A,
    state: &'s State,
    index: usize,
}

impl<'de, A: SeqAccess<'de>> SeqAccess<'de> for Items<'_, A> {
    type Error = A::Error;

    #[inline]
    fn next_element_seed<T: DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, A::Error> {
        let item = self.seq.next_element_seed(Through { seed, state: self.state }).inspect_err(|_| {
            self.state.push(Segment::Index(self.index));
        })?;
        self.index += 1;
        Ok(item)
    }

    #[inline]
    fn size_hint(&self) -> Option<usize> {
        self.seq.size_hint()
    }
}

/// A key, read as the target reads it, and remembered (borrowed when the input allows).
struct KeySeed<'k, 'de, S> {
    seed: S,
    slot: &'k mut Option<Cow<'de, str>>,
}

impl<'de, S: DeserializeSeed<'de>> DeserializeSeed<'de> for KeySeed<'_, 'de, S> {
    type Value = S::Value;
    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, inner: D) -> Result<S::Value, D::Error> {
        self.seed.deserialize(Key { inner, slot: self.slot })
    }
}

struct Key<'k, 'de, D> {
    inner: D,
    slot: &'k mut Option<Cow<'de, str>>,
}

impl<'de, D: Deserializer<'de>> Deserializer<'de> for Key<'_, 'de, D> {
    type Error = D::Error;

    #[inline]
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_any(Remember { visitor, slot: self.slot })
    }

    #[inline]
    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_identifier(Remember { visitor, slot: self.slot })
    }

    #[inline]
    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_str(Remember { visitor, slot: self.slot })
    }

    #[inline]
    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, D::Error> {
        self.inner.deserialize_string(Remember { visitor, slot: self.slot })
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf option unit
        unit_struct newtype_struct seq tuple tuple_struct map struct enum ignored_any
    }
}

struct Remember<'k, 'de, V> {
    visitor: V,
    slot: &'k mut Option<Cow<'de, str>>,
}

impl<'de, V: Visitor<'de>> Visitor<'de> for Remember<'_, 'de, V> {
    type Value = V::Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        self.visitor.expecting(f)
    }

    #[inline]
    fn visit_borrowed_str<E: de::Error>(self, s: &'de str) -> Result<V::Value, E> {
        *self.slot = Some(Cow::Borrowed(s));
        self.visitor.visit_borrowed_str(s)
    }

    #[inline]
    fn visit_str<E: de::Error>(self, s: &str) -> Result<V::Value, E> {
        *self.slot = Some(Cow::Owned(s.to_owned()));
        self.visitor.visit_str(s)
    }

    #[inline]
    fn visit_string<E: de::Error>(self, s: String) -> Result<V::Value, E> {
        *self.slot = Some(Cow::Owned(s.clone()));
        self.visitor.visit_string(s)
    }

    #[inline]
    fn visit_u64<E: de::Error>(self, n: u64) -> Result<V::Value, E> {
        self.visitor.visit_u64(n)
    }

    #[inline]
    fn visit_i64<E: de::Error>(self, n: i64) -> Result<V::Value, E> {
        self.visitor.visit_i64(n)
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, b: &[u8]) -> Result<V::Value, E> {
        self.visitor.visit_bytes(b)
    }

    #[inline]
    fn visit_borrowed_bytes<E: de::Error>(self, b: &'de [u8]) -> Result<V::Value, E> {
        self.visitor.visit_borrowed_bytes(b)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde::Deserialize;
    use serde_json::json;

    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(default)]
    struct Out {
        #[serde(rename = "Count")]
        count: Option<i32>,
        #[serde(rename = "Ok")]
        ok: Option<bool>,
        #[serde(rename = "Price")]
        price: Option<f64>,
        #[serde(rename = "Ids")]
        ids: Option<Vec<String>>,
        #[serde(rename = "Inner")]
        inner: Option<Box<Out>>,
        #[serde(rename = "Name")]
        name: Option<String>,
    }

    #[test]
    fn converts_text_to_what_the_type_wants() {
        let v = json!({"Count": "10", "Ok": "true", "Price": "1.5", "Ids": "i-1", "Inner": "", "Name": 7, "Extra": {"x": 1}});
        let out: Out = lenient(v).unwrap();
        assert_eq!(out.count, Some(10));
        assert_eq!(out.ok, Some(true));
        assert_eq!(out.price, Some(1.5));
        assert_eq!(out.ids, Some(vec!["i-1".into()]));
        assert_eq!(out.inner, None);
        assert_eq!(out.name.as_deref(), Some("7"));
    }

    #[test]
    fn errors_name_the_path() {
        let v = json!({"Inner": {"Inner": {"Count": "many"}}});
        let e = lenient::<Out>(v).unwrap_err();
        assert!(e.contains("Inner.Inner.Count") && e.contains("`many` is not i32"), "{e}");
        let e = lenient::<Out>(json!({"Ids": [{"a": 1}]})).unwrap_err();
        assert!(e.contains("Ids[0]"), "{e}");
    }

    #[derive(Debug, PartialEq, Clone)]
    enum State2 {
        Running,
        Unknown(String),
    }

    impl State2 {
        fn as_str(&self) -> &str {
            match self {
                State2::Running => "Running",
                State2::Unknown(s) => s,
            }
        }
    }

    impl From<&str> for State2 {
        fn from(s: &str) -> Self {
            match s {
                "Running" => State2::Running,
                other => State2::Unknown(other.to_owned()),
            }
        }
    }

    impl State2 {
        const VALUES: &'static [&'static str] = &["Running"];
    }

    crate::string_enum!(State2, State2::VALUES);

    #[derive(Debug, Deserialize, PartialEq, Default)]
    #[serde(default)]
    struct Page {
        #[serde(rename = "TotalCount")]
        total: Option<i64>,
        #[serde(rename = "Items")]
        items: Option<Vec<Out>>,
        #[serde(rename = "Status")]
        status: Option<State2>,
        #[serde(rename = "Statuses")]
        statuses: Option<Vec<State2>>,
    }

    fn both<T: DeserializeOwned + PartialEq + std::fmt::Debug>(json: &str) -> Result<T, String> {
        let streamed = from_slice::<T>(json.as_bytes());
        if let Ok(value) = serde_json::from_str::<Value>(json) {
            let tree = lenient::<T>(value);
            match (&streamed, &tree) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
                (Err(_), Err(_)) => {}
                _ => panic!("the bytes and the tree disagree on {json}: {streamed:?} / {tree:?}"),
            }
        }
        streamed
    }

    #[test]
    fn the_bytes_and_the_tree_follow_one_policy() {
        let drifted = r#"{"TotalCount":"12","Status":"Running","Extra":[1,{"a":null}],
            "Items":[{"Count":"3","Ok":"TRUE","Price":"2","Ids":["a",7,true],"Name":12.5,"Inner":{"Count":4.0}},
                     {"Count":"","Ok":null,"Price":" ","Ids":"","Inner":"","Name":false}]}"#;
        let plain = r#"{"TotalCount":12,"Status":"Running",
            "Items":[{"Count":3,"Ok":true,"Price":2.0,"Ids":["a","7","true"],"Name":"12.5","Inner":{"Count":4}},
                     {"Name":"false"}]}"#;
        let a: Page = both(drifted).unwrap();
        let b: Page = both(plain).unwrap();
        assert_eq!(a, b);
        assert_eq!(a.items.as_ref().unwrap()[1], Out { name: Some("false".into()), ..Out::default() });
    }

    #[test]
    fn an_empty_enum_is_absent() {
        let p: Page = both(r#"{"Status":"","Statuses":["Running","Stopped"]}"#).unwrap();
        assert_eq!(p.status, None);
        assert_eq!(p.statuses.unwrap(), [State2::Running, State2::Unknown("Stopped".into())]);
        let p: Page = both(r#"{"Status":null,"TotalCount":null}"#).unwrap();
        assert_eq!(p, Page::default());
    }

    #[test]
    fn a_duplicate_key_keeps_the_last_value() {
        let p: Page = both(r#"{"TotalCount":1,"Items":[{"Count":1,"Count":"2"}],"TotalCount":"3"}"#).unwrap();
        assert_eq!(p.total, Some(3));
        assert_eq!(p.items.unwrap()[0].count, Some(2));
    }

    #[test]
    fn streaming_errors_name_the_path_and_the_line() {
        let e = both::<Page>(r#"{"Items":[{"Count":1},{"Inner":{"Inner":{"Count":"many"}}}]}"#).unwrap_err();
        assert!(e.starts_with("Items[1].Inner.Inner.Count: `many` is not i32"), "{e}");
        assert!(e.contains("line 1"), "{e}");
        let e = both::<Page>(r#"{"TotalCount":99999999999999999999}"#).unwrap_err();
        assert!(e.starts_with("TotalCount: "), "{e}");
        for bad in [r#"{"TotalCount":1"#, r#"{"TotalCount":1} x"#, "", "[1]", r#"{"Items":{"Count":[1]}}"#] {
            assert!(both::<Page>(bad).is_err(), "{bad}");
        }
        let e = both::<Page>(r#"{"Items":[{"Ids":[{"a":1}]}]}"#).unwrap_err();
        assert!(e.starts_with("Items[0].Ids[0]: "), "{e}");
    }

    #[test]
    fn a_misfit_is_left_out_and_named() {
        let d = from_slice_lossy::<Page>(br#"{"TotalCount":"lots","Items":[{"Count":1},{"Count":"many","Name":"b"}]}"#, false).unwrap();
        assert_eq!(d.output.total, None);
        assert_eq!(d.output.items.unwrap()[1], Out { name: Some("b".into()), ..Out::default() });
        let warnings: Vec<_> = d.warnings.iter().map(|w| (w.path(), w.raw())).collect();
        assert_eq!(warnings, [("Items[1].Count", r#""many""#), ("TotalCount", r#""lots""#)]);
        let d = lenient_lossy::<Page>(json!({"Items": {"Count": "x"}}), true).unwrap();
        assert_eq!(d.warnings.iter().map(|w| (w.path(), w.raw())).collect::<Vec<_>>(), [("Items.Count", WITHHELD)]);
        for bad in ["[1]", "", "{", "7"] {
            assert!(from_slice_lossy::<Page>(bad.as_bytes(), false).is_err(), "{bad}");
        }
        let many: Vec<String> = (0..=MAX_WARNINGS).map(|_| r#"{"Count":"x"}"#.to_owned()).collect();
        let e = from_slice_lossy::<Page>(format!(r#"{{"Items":[{}]}}"#, many.join(",")).as_bytes(), false).unwrap_err();
        assert!(e.contains("Items["), "{e}");
    }

    #[test]
    fn a_single_item_is_a_list_of_one() {
        let p: Page = both(r#"{"Items":{"Count":"1"},"Statuses":"Running"}"#).unwrap();
        assert_eq!(p.items.unwrap(), [Out { count: Some(1), ..Out::default() }]);
        assert_eq!(p.statuses.unwrap(), [State2::Running]);
    }

    #[test]
    fn bytes_that_are_not_utf8_read_as_replacement_characters() {
        #[derive(serde::Deserialize, Debug)]
        struct Out {
            #[serde(rename = "Name")]
            name: Option<String>,
            #[serde(rename = "Count")]
            count: Option<i32>,
        }
        let body = b"{\"Name\":\"a\xff\xfeb\",\"Count\":\"2\",\"Other\":\"\xc3\"}";
        let out: Out = from_slice(body).unwrap();
        assert_eq!((out.name.as_deref(), out.count), (Some("a\u{fffd}\u{fffd}b"), Some(2)));
        let lossy = from_slice_lossy::<Out>(body, false).unwrap();
        assert_eq!(lossy.output.name.as_deref(), Some("a\u{fffd}\u{fffd}b"));
        assert!(value_from_slice(body).is_ok());
    }
}
