//! Reading flattened parameters back into values: the inverse of
//! [`WriteParam`](crate::operation::params::WriteParam).
//!
//! A generated structure is read through the table its answers are decoded with
//! ([`Structure`]: its spellings, how a request writes each member, and `read_member`): the
//! parameters under its prefix are a [`Source`] ([`read_structure`]), so no crate lists a
//! structure's members a second time to read them from a request.

use std::collections::{BTreeMap, BTreeSet};

use serde::de::Error as _;

use super::{Params, Rejection};
use crate::response::structure::{self as table, Fill, Member, Source, Structure, Written};

/// A value read back from request parameters under a key, as
/// [`WriteParam`](crate::operation::params::WriteParam) wrote it: a scalar from its text, a
/// list from `key.1`, `key.2`, … (numbered from 1, or from 0, without a gap), a map
/// from `key.<name>`, a generated structure from `key.<Member>`. Lists and maps are read by
/// one implementation at every depth (this module's `Reader`, whose `list` and `map` state the
/// rules), whether an operation's member or a structure's.
pub trait ReadParam: Sized {
    /// The value under `key`, `None` when nothing of its type was written under it.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidParameter`](super::RejectionKind::InvalidParameter) naming the
    /// parameter whose text does not parse.
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection>;
}

/// A value written as one parameter's text (a scalar or a generated enum): how it parses back.
pub trait ParamValue: Sized {
    /// The value `text` holds.
    ///
    /// # Errors
    ///
    /// What the text should have been (`an integer`), for the rejection's message.
    fn parse_param(text: &str) -> Result<Self, String>;
}

impl<T: ParamValue> ReadParam for T {
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection> {
        match params.get(key) {
            None => Ok(None),
            Some(text) => T::parse_param(text).map(Some).map_err(|e| Rejection::invalid(key, format!("`{key}` is not {e}"))),
        }
    }
}

impl ParamValue for String {
    fn parse_param(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl ParamValue for bool {
    /// `true` or `false` as the clients write them; any letter case, as the services accept.
    fn parse_param(text: &str) -> Result<Self, String> {
        if text.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if text.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err("a boolean (true or false)".to_owned())
        }
    }
}

macro_rules! parsed_values {
    ($($t:ty => $what:literal),*) => {$(
        impl ParamValue for $t {
            fn parse_param(text: &str) -> Result<Self, String> {
                text.trim().parse().map_err(|_| $what.to_owned())
            }
        }
    )*};
}
parsed_values!(i32 => "a 32-bit integer", i64 => "a 64-bit integer", u32 => "an unsigned 32-bit integer", u64 => "an unsigned 64-bit integer", f32 => "a number", f64 => "a number");

impl<T: Member> ReadParam for Vec<T> {
    /// The list under `key`, read by the code that reads a list at any depth (a structure's
    /// member, an item of a list): items `key.1`, `key.2`, … (or from `key.0`), without a gap;
    /// `None` when no index is under `key.`.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidParameter`](super::RejectionKind::InvalidParameter) for an item
    /// that does not parse, or one past a gap (`key.3` after `key.1`, or a `key.2` with no
    /// `key.1`).
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection> {
        read_flat(params, key)
    }
}

impl<T: Member> ReadParam for BTreeMap<String, T> {
    /// The map under `key`, read by the code that reads a map at any depth: an entry
    /// `key.<name>` for each name; `None` when no entry reads.
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection> {
        read_flat(params, key)
    }
}

/// The optional value of type `T` (a list or a map) written flat under `key`, read by the
/// [`Reader`] that reads every member of a structure: an operation's list or map member and
/// one inside a structure are read by the same code.
fn read_flat<T: Member>(params: &Params, key: &str) -> Result<Option<T>, Rejection> {
    let mut reader = Reader::new(params, key.to_owned(), Mode::Flat);
    match T::read_option(&mut reader) {
        Ok(value) => Ok(value),
        Err(e) => Err(reader.rejection(e)),
    }
}

/// The structure `T` written under `prefix` (`prefix.Member`, as its `WriteParam` writes it),
/// read member by member through its [`Structure`] table: flat members from their own
/// parameters (lists from `.1`, `.2`, …, maps from `.<name>`, structures from `.<Member>`),
/// JSON and comma-separated members from one parameter each, aliases not at all. `None` when
/// no member reads under `prefix` (nothing was written under it, or only parameters that are
/// none of its members: an alias, `prefix.Unknown`, a member list with no index). What
/// [`ReadParam`] does for every generated structure
/// ([`server_structure!`](crate::server_structure)).
///
/// # Errors
///
/// [`RejectionKind::InvalidParameter`](super::RejectionKind::InvalidParameter) naming the
/// parameter whose value does not parse.
pub fn read_structure<T: Structure>(params: &Params, prefix: &str) -> Result<Option<T>, Rejection> {
    let mut out = T::default();
    let mut reader = Reader::new(params, prefix.to_owned(), Mode::Flat);
    match reader.opt_structure(&mut out) {
        Ok(true) => Ok(Some(out)),
        Ok(false) => Ok(None),
        Err(e) => Err(reader.rejection(e)),
    }
}

/// How a [`Reader`]'s value is written.
#[derive(Clone, Copy)]
enum Mode<'a> {
    /// Under its key: its text, or its items, entries or members under `key.`.
    Flat,
    /// One parameter holding JSON.
    Json,
    /// One parameter of comma-separated values (a list).
    Csv,
    /// One item of a comma-separated list: this text.
    Item(&'a str),
}

/// The parameters under one key as a [`Source`]: a structure member reads itself from it as
/// from an answer's value. A value that is not there, read where one is required (the next
/// item of a list, a map's entry), marks the reader `absent`, which ends the list; a value
/// read marks it `found` (and the readers above it), so a structure is there when one of its
/// members is; a value that does not parse keeps its [`Rejection`] for the caller.
///
/// Lists and maps written flat are read here alone, at every depth ([`ReadParam`] for `Vec`
/// and `BTreeMap` reads through it too): the rules are stated on `list` and `map`.
struct Reader<'a> {
    params: &'a Params,
    key: String,
    mode: Mode<'a>,
    absent: bool,
    found: bool,
    rejected: Option<Rejection>,
}

impl<'a> Reader<'a> {
    fn new(params: &'a Params, key: String, mode: Mode<'a>) -> Self {
        Self { params, key, mode, absent: false, found: false, rejected: None }
    }

    /// The rejection of `error`, which this reader or one below it returned.
    fn rejection(&mut self, error: table::Error) -> Rejection {
        self.rejected.take().unwrap_or_else(|| Rejection::invalid(&self.key, error.to_string()))
    }

    /// Fails with `rejection`.
    fn reject<T>(&mut self, rejection: Rejection) -> Result<T, table::Error> {
        let error = table::Error::custom(&rejection.message);
        self.rejected = Some(rejection);
        Err(error)
    }

    /// Fails as a required value that is not there.
    fn missing<T>(&mut self) -> Result<T, table::Error> {
        self.absent = true;
        Err(table::Error::custom(format_args!("nothing under `{}`", self.key)))
    }

    /// Runs `read` on `child`, taking over its rejection when it fails.
    fn below(
        &mut self,
        child: &mut Reader<'_>,
        read: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>,
    ) -> Result<(), table::Error> {
        let result = read(child);
        if result.is_err() {
            self.rejected = child.rejected.take();
        }
        self.found |= child.found;
        result
    }

    /// The scalar's text: `None` when absent.
    fn scalar<T: super::ParamValue>(&mut self) -> Result<Option<T>, table::Error> {
        match self.mode {
            Mode::Item(text) => match T::parse_param(text) {
                Ok(value) => {
                    self.found = true;
                    Ok(Some(value))
                }
                Err(e) => {
                    let rejection = Rejection::invalid(&self.key, e);
                    self.reject(rejection)
                }
            },
            // A member written as JSON or CSV is a list or structure: a scalar is written flat.
            Mode::Flat | Mode::Json | Mode::Csv => match T::read_param(self.params, &self.key) {
                Ok(value) => {
                    self.found |= value.is_some();
                    Ok(value)
                }
                Err(rejection) => self.reject(rejection),
            },
        }
    }

    fn required<T: super::ParamValue>(&mut self) -> Result<T, table::Error> {
        match self.scalar()? {
            Some(value) => Ok(value),
            None => self.missing(),
        }
    }

    /// The JSON text of a member written as JSON, read by `read`: `Ok(false)` when absent.
    fn json(&mut self, read: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>) -> Result<bool, table::Error> {
        let Some(text) = self.params.get(&self.key) else { return Ok(false) };
        match table::read_json_text(text, read) {
            Ok(()) => {
                self.found = true;
                Ok(true)
            }
            Err(e) => {
                let key = self.key.clone();
                self.reject(Rejection::invalid(&key, format!("the value of `{key}` is not the JSON expected: {e}")))
            }
        }
    }

    /// Reads every member of `out` written under this reader's key.
    fn members(&mut self, out: &mut dyn Fill) -> Result<(), table::Error> {
        let (spellings, written) = (out.spellings(), out.written());
        for (index, spelling) in spellings.iter().enumerate() {
            let mode = match Written::of(written, index) {
                Written::Alias => continue,
                Written::Flat => Mode::Flat,
                Written::Json => Mode::Json,
                Written::Csv => Mode::Csv,
            };
            let mut child = Reader::new(self.params, format!("{}.{spelling}", self.key), mode);
            self.below(&mut child, &mut |value| out.fill(index, value))?;
        }
        Ok(())
    }
}

impl Source for Reader<'_> {
    fn skip(&mut self) -> Result<(), table::Error> {
        Ok(())
    }

    table::source_scalars!(self => self.required(), self.scalar());

    fn structure(&mut self, out: &mut dyn Fill) -> Result<(), table::Error> {
        match self.opt_structure(out)? {
            true => Ok(()),
            false => self.missing(),
        }
    }

    fn opt_structure(&mut self, out: &mut dyn Fill) -> Result<bool, table::Error> {
        match self.mode {
            Mode::Json => self.json(&mut |value| value.structure(out)),
            Mode::Flat | Mode::Csv | Mode::Item(_) => {
                // There when one of its members is: parameters under `key.` that are none of its
                // members (`key.Unknown`, a member list with no index) hold no structure.
                if !self.params.has_prefix(&self.key) {
                    return Ok(false);
                }
                self.members(out)?;
                Ok(self.found)
            }
        }
    }

    fn option(&mut self, some: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        match self.mode {
            Mode::Json => self.json(some).map(drop),
            Mode::Csv if self.params.get(&self.key).is_none() => Ok(()),
            Mode::Flat if !self.params.has_prefix(&self.key) => Ok(()),
            // Parameters under `key.` that hold no value of the member's type (a list with no
            // index, a map with no entry): the member is absent.
            Mode::Flat => match some(self) {
                Err(_) if self.absent => {
                    self.absent = false;
                    Ok(())
                }
                result => result,
            },
            Mode::Csv | Mode::Item(_) => some(self),
        }
    }

    /// A list: one parameter of comma-separated values (an empty value is an empty list), or
    /// flat, where this is the one place the layout of an indexed list is read (an operation's
    /// list member through [`ReadParam`], a structure's list member, a list inside a list):
    ///
    /// - the items are `key.1`, `key.2`, …: an item is there when something of its type reads
    ///   under `key.<i>` (a scalar `key.<i>`, a structure's `key.<i>.<Member>`, a list's
    ///   `key.<i>.1`), and the list ends before the first index where nothing does;
    /// - a list whose `key.0` holds an item starts there (`key.0`, `key.1`, …): Kingsoft's
    ///   Python SDK numbers items from 0 (kingsoftcloud-sdk-python 1.5.8.114,
    ///   `ksyun/common/abstract_client.py`, `_format_params`: `enumerate(params)` writes
    ///   `"{prefix}.{idx}"`), where the document and its Java SDK number from 1; read from 1
    ///   only, such a request would lose its first item;
    /// - no index under `key.` is no list: the list is absent (an optional member is `None`;
    ///   a required one is
    ///   [`RejectionKind::MissingParameter`](super::RejectionKind::MissingParameter); a list's
    ///   item is not there), whatever else is under `key.` (`key.x`, `key.01`);
    /// - an index past the end (`key.3` after `key.1` without `key.2`, a lone `key.2` with no
    ///   `key.1`, or a `key.2.x` that holds no item) is
    ///   [`RejectionKind::InvalidParameter`](super::RejectionKind::InvalidParameter) naming
    ///   it: the server neither drops an item it was sent nor renumbers one. An
    ///   index is written as the clients write one ([`list_index`](super::list_index): decimal,
    ///   no sign or leading zero); `key.01` names no item, as any parameter the operation does
    ///   not take.
    ///
    /// Clients number an item by its position from 1 but may leave one out: yun's
    /// ([`WriteParam`](crate::operation::params::WriteParam)) a structure with no member set,
    /// which has nothing to write; Alibaba Cloud's Go SDK an empty string
    /// (`sdk/requests/acs_request.go` at 03607a30: `handleRepeatedParams` numbers
    /// `strconv.Itoa(m+1)`, `addParam` sends no empty value); Kingsoft's Java SDK a `null`
    /// (`sdk-java-common` `BaseClient.fillJSONObject` at 7569054a: `i + 1`, a `null` item
    /// skipped). A list holding such an item arrives with a gap, and is refused, naming the
    /// item past it, rather than read without the items after it.
    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        match self.mode {
            Mode::Csv => {
                let Some(text) = self.params.get(&self.key) else { return self.missing() };
                self.found = true;
                if text.is_empty() {
                    return Ok(());
                }
                for part in text.split(',') {
                    let mut child = Reader::new(self.params, self.key.clone(), Mode::Item(part));
                    self.below(&mut child, item)?;
                }
                Ok(())
            }
            Mode::Json | Mode::Item(_) => self.missing(),
            Mode::Flat => {
                if !self.params.has_prefix(&self.key) {
                    return self.missing();
                }
                // An item at `key.0` first (a list numbered from 0), then indexes from 1 up to
                // the first one nothing reads under; the number of parameters bounds the loop.
                let mut zero = Reader::new(self.params, format!("{}.0", self.key), Mode::Flat);
                let from_zero = match self.below(&mut zero, item) {
                    Ok(()) => true,
                    Err(_) if zero.absent => false,
                    Err(e) => return Err(e),
                };
                let mut end = 0;
                for i in 1usize.. {
                    let mut child = Reader::new(self.params, format!("{}.{i}", self.key), Mode::Flat);
                    match self.below(&mut child, item) {
                        Ok(()) => end = i,
                        Err(_) if child.absent => break,
                        Err(e) => return Err(e),
                    }
                }
                match self.params.index_past(&self.key, end) {
                    None if end == 0 && !from_zero => self.missing(),
                    None => Ok(()),
                    Some(index) => {
                        let key = format!("{}.{index}", self.key);
                        let why =
                            if index == end + 1 { "holds no item".to_owned() } else { format!("follows no `{}.{}`", self.key, end + 1) };
                        let message =
                            format!("`{key}` {why} of the list `{}`: a list's items are numbered from 1 (or 0) without a gap", self.key);
                        self.reject(Rejection::invalid(&key, message))
                    }
                }
            }
        }
    }

    /// A map, written flat (the one place its layout is read, at any depth): an entry
    /// `key.<name>` for each name under `key.`, the name being the text up to the next `.`
    /// when a value of the entry's type reads there (a map of structures writes
    /// `key.<name>.<Member>`), else the whole rest (a name holding `.`). A map is not indexed:
    /// its names are any text. No entry reads: the map is absent, as a list with no item is.
    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        if !matches!(self.mode, Mode::Flat) || !self.params.has_prefix(&self.key) {
            return self.missing();
        }
        let params = self.params;
        let mut names: Vec<&str> = params.under(&self.key).collect();
        names.dedup();
        // Each candidate name is read once, whether it holds an entry or not (names sharing
        // a first part would read it again each: quadratic in the parameters).
        let (mut read, mut tried) = (BTreeSet::new(), BTreeSet::new());
        for name in names {
            let first = name.split('.').next().unwrap_or(name);
            for candidate in [first, name] {
                if read.contains(candidate) {
                    break;
                }
                if !tried.insert(candidate) {
                    continue;
                }
                let mut child = Reader::new(params, format!("{}.{candidate}", self.key), Mode::Flat);
                match self.below(&mut child, &mut |value| entry(candidate.to_owned(), value)) {
                    Ok(()) => {
                        read.insert(candidate);
                        break;
                    }
                    Err(_) if child.absent => {}
                    Err(e) => return Err(e),
                }
            }
        }
        if read.is_empty() {
            return self.missing();
        }
        Ok(())
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::operation::params::{Params as Sent, WriteParam};
    use crate::server::RejectionKind;

    /// A structure with a member of each kind a request writes: flat scalars, an alias, a
    /// flat list of structures, a boxed structure, a map, a list sent as JSON, one sent
    /// comma-separated; its table written as the generator writes one.
    #[derive(Clone, Debug, Default, PartialEq)]
    pub(in crate::server) struct Outer {
        pub(in crate::server) text: Option<String>,
        pub(in crate::server) number: Option<i32>,
        pub(in crate::server) inners: Option<Vec<Inner>>,
        pub(in crate::server) inner: Option<Box<Inner>>,
        pub(in crate::server) map: Option<BTreeMap<String, String>>,
        pub(in crate::server) json: Option<Vec<Inner>>,
        pub(in crate::server) csv: Option<Vec<i64>>,
    }

    #[derive(Clone, Debug, Default, PartialEq, serde::Serialize)]
    pub(in crate::server) struct Inner {
        #[serde(rename = "K", skip_serializing_if = "Option::is_none")]
        key: Option<String>,
        #[serde(rename = "E", skip_serializing_if = "Option::is_none")]
        flags: Option<Vec<bool>>,
    }

    impl Structure for Outer {
        const NAME: &'static str = "Outer";
        const SPELLINGS: &'static [&'static str] = &["Alias", "C", "I", "J", "L", "M", "N", "T"];
        const WRITTEN: &'static [Written] =
            &[Written::Alias, Written::Csv, Written::Flat, Written::Json, Written::Flat, Written::Flat, Written::Flat, Written::Flat];

        fn member_index(name: &str) -> Option<usize> {
            Self::SPELLINGS.iter().position(|s| *s == name)
        }

        fn read_member(&mut self, index: usize, value: &mut dyn Source) -> Result<(), table::Error> {
            match index {
                0 => value.read_alias(&mut self.text),
                1 => value.read_into(&mut self.csv),
                2 => value.read_into(&mut self.inner),
                3 => value.read_into(&mut self.json),
                4 => value.read_into(&mut self.inners),
                5 => value.read_into(&mut self.map),
                6 => value.read_into(&mut self.number),
                7 => value.read_over(&mut self.text),
                _ => Ok(()),
            }
        }
    }

    crate::structure!(Outer);

    impl WriteParam for Outer {
        fn write_param(&self, prefix: &str, out: &mut Sent) {
            self.text.write_member(prefix, "T", out);
            self.number.write_member(prefix, "N", out);
            self.inners.write_member(prefix, "L", out);
            self.inner.as_deref().write_member(prefix, "I", out);
            self.map.write_member(prefix, "M", out);
            out.push_json_member(prefix, "J", self.json.as_ref());
            out.push_csv_member(prefix, "C", self.csv.as_deref());
        }
    }

    impl Structure for Inner {
        const NAME: &'static str = "Inner";
        const SPELLINGS: &'static [&'static str] = &["E", "K"];

        fn member_index(name: &str) -> Option<usize> {
            Self::SPELLINGS.iter().position(|s| *s == name)
        }

        fn read_member(&mut self, index: usize, value: &mut dyn Source) -> Result<(), table::Error> {
            match index {
                0 => value.read_into(&mut self.flags),
                1 => value.read_into(&mut self.key),
                _ => Ok(()),
            }
        }
    }

    crate::structure!(Inner);

    impl WriteParam for Inner {
        fn write_param(&self, prefix: &str, out: &mut Sent) {
            self.key.write_member(prefix, "K", out);
            self.flags.write_member(prefix, "E", out);
        }
    }

    fn params(pairs: &[(&str, &str)]) -> Params {
        Params::from_pairs(pairs.iter().copied())
    }

    #[test]
    fn a_structure_reads_back_what_its_writer_wrote_through_its_table() {
        use crate::server::arbitrary::{arbitrary_structure, Gen, Wire};
        let mut nested = 0;
        for seed in 0..400 {
            let value: Outer = arbitrary_structure(&mut Gen::new(seed, Wire::Flat));
            let mut written = Sent::new();
            value.write_param("P", &mut written);
            let read = read_structure::<Outer>(&Params::from_pairs(written.pairs().iter().cloned()), "P");
            assert_eq!(read.as_ref().ok(), Some(&Some(value.clone())), "seed {seed}: {:?}", written.pairs());
            nested += usize::from(value.inners.as_ref().is_some_and(|l| l.iter().any(|i| i.flags.is_some())) && value.json.is_some());
        }
        assert!(nested > 10, "lists of structures holding lists, beside JSON members: {nested}");
    }

    #[test]
    fn members_are_read_as_written_and_aliases_not_at_all() {
        let read = |pairs: &[(&str, &str)]| read_structure::<Outer>(&params(pairs), "P");
        assert_eq!(read(&[("Q.T", "a")]).unwrap(), None);
        assert_eq!(read(&[("P.Alias", "a")]).unwrap(), None, "a request's alias is no member: no member, no structure");
        assert_eq!(read(&[("P.Unknown", "a")]).unwrap(), None);
        assert_eq!(read(&[("P.Unknown", "a"), ("P.L.2.K", "b")]).unwrap_err().parameter.as_deref(), Some("P.L.2"));
        let outer = read(&[
            ("P.T", "t"),
            ("P.L.1.K", "a"),
            ("P.L.2.E.1", "TRUE"),
            ("P.M.a", "1"),
            ("P.M.b.c", "2"),
            ("P.J", r#"[{"K":"j"},{}]"#),
            ("P.C", "-1,9"),
            ("P.I.K", "boxed"),
        ])
        .unwrap()
        .unwrap();
        assert_eq!(outer.text.as_deref(), Some("t"));
        let inners = outer.inners.unwrap();
        assert_eq!(inners.len(), 2);
        assert_eq!((inners[0].key.as_deref(), inners[1].flags.as_deref()), (Some("a"), Some(&[true][..])));
        let map = outer.map.unwrap();
        assert_eq!((map["a"].as_str(), map["b.c"].as_str()), ("1", "2"));
        assert_eq!(outer.json.unwrap()[0].key.as_deref(), Some("j"));
        assert_eq!(outer.csv, Some(vec![-1, 9]));
        assert_eq!(outer.inner.unwrap().key.as_deref(), Some("boxed"));
        assert_eq!(read(&[("P.C", "")]).unwrap().unwrap().csv, Some(Vec::new()));
    }

    #[test]
    fn a_value_that_does_not_parse_is_a_rejection_naming_its_parameter() {
        let rejected = |pairs: &[(&str, &str)]| read_structure::<Outer>(&params(pairs), "P").unwrap_err();
        for (pairs, parameter) in [
            (&[("P.N", "x")][..], "P.N"),
            (&[("P.L.1.E.1", "yes")][..], "P.L.1.E.1"),
            (&[("P.J", "[{")][..], "P.J"),
            (&[("P.J", r#"{"K":"not a list"}"#)][..], "P.J"),
            (&[("P.C", "1,x")][..], "P.C"),
        ] {
            let rejection = rejected(pairs);
            assert_eq!(
                (rejection.kind, rejection.parameter.as_deref()),
                (RejectionKind::InvalidParameter, Some(parameter)),
                "{rejection:?}"
            );
        }
        assert!(rejected(&[("P.J", "[1")]).message.contains("the value of `P.J` is not the JSON expected"));
        assert!(rejected(&[("P.N", "x")]).message.contains("`P.N` is not a 32-bit integer"));
    }

    fn read_back<T: WriteParam + ReadParam>(value: &T) -> Option<T> {
        let mut written = Sent::new();
        value.write_param("K", &mut written);
        Params::from_pairs(written.pairs().iter().cloned()).read("K").unwrap()
    }

    #[test]
    fn lists_maps_and_scalars_read_back() {
        let list = vec![vec!["a".to_owned(), String::new()], vec!["c.d".to_owned()]];
        assert_eq!(read_back(&list), Some(list));
        let map: BTreeMap<String, i64> = [("x".to_owned(), i64::MIN), ("y.z".to_owned(), 3)].into_iter().collect();
        assert_eq!(read_back(&map), Some(map));
        assert_eq!(read_back(&1.5f32), Some(1.5));
        assert_eq!(read_back(&true), Some(true));
        assert_eq!(Params::default().read::<Vec<String>>("K").unwrap(), None);
        // An index with no first item is refused by name; names that are no index are no list.
        let gap = Params::from_pairs([("K.2", "b"), ("K.x", "a")]);
        assert_eq!(gap.read::<Vec<String>>("K").unwrap_err().parameter.as_deref(), Some("K.2"));
        let none = Params::from_pairs([("K.x", "a"), ("K.01", "b")]);
        assert_eq!(none.read::<Vec<String>>("K").unwrap(), None);
        assert!(none.required::<Vec<String>>("K").is_err());
    }

    #[test]
    fn a_list_of_one_reads_its_plain_form_too() {
        let plain = Params::from_pairs([("SecurityGroupId", "sg-1")]);
        assert_eq!(plain.read_one_or_list::<String>("SecurityGroupId").unwrap(), Some(vec!["sg-1".to_owned()]));
        // A plain list read as a list does not see it: only the members that allow it do.
        assert_eq!(plain.read::<Vec<String>>("SecurityGroupId").unwrap(), None);
        let indexed = Params::from_pairs([("SecurityGroupId.1", "sg-2"), ("SecurityGroupId", "sg-1")]);
        assert_eq!(indexed.required_one_or_list::<String>("SecurityGroupId").unwrap(), ["sg-2"], "the indexed form wins");
        assert!(Params::default().required_one_or_list::<String>("SecurityGroupId").is_err());
        // An indexed item with no first item is refused by name, beside a plain value or not.
        for pairs in [&[("SecurityGroupId", "sg-1"), ("SecurityGroupId.2", "x")][..], &[("SecurityGroupId.2", "x")]] {
            let rejection = Params::from_pairs(pairs.iter().copied()).required_one_or_list::<String>("SecurityGroupId").unwrap_err();
            assert_eq!(kind_and_parameter(&rejection), (RejectionKind::InvalidParameter, Some("SecurityGroupId.2")), "{pairs:?}");
        }
        let bad = Params::from_pairs([("Count", "x")]);
        assert!(bad.read_one_or_list::<i32>("Count").is_err(), "a value that does not parse");
    }

    fn kind_and_parameter(rejection: &Rejection) -> (RejectionKind, Option<&str>) {
        (rejection.kind, rejection.parameter.as_deref())
    }

    #[test]
    fn a_list_with_no_first_item_is_refused_by_name_at_every_depth() {
        // An operation's member: a lone `K.2` (the item a client left out first, an empty
        // string or a structure with no member set) is refused naming it, never read as no
        // list (an optional filter dropped) nor as an empty one.
        let lone = params(&[("K.2", "b"), ("K.01", "a"), ("K.x", "c")]);
        assert_eq!(kind_and_parameter(&lone.read::<Vec<String>>("K").unwrap_err()), (RejectionKind::InvalidParameter, Some("K.2")));
        assert_eq!(kind_and_parameter(&lone.required::<Vec<String>>("K").unwrap_err()), (RejectionKind::InvalidParameter, Some("K.2")));
        let structures = params(&[("Tag.2.K", "k")]);
        assert_eq!(
            kind_and_parameter(&structures.read::<Vec<Inner>>("Tag").unwrap_err()),
            (RejectionKind::InvalidParameter, Some("Tag.2"))
        );
        // An item holding nothing of its type (`K.1.X`, an unknown member) is no first item.
        let unknown = params(&[("Tag.1.X", "x"), ("Tag.2.K", "k")]);
        assert_eq!(kind_and_parameter(&unknown.read::<Vec<Inner>>("Tag").unwrap_err()), (RejectionKind::InvalidParameter, Some("Tag.1")));
        // No index at all is no list; a required one is missing.
        let none = params(&[("K.x", "c")]);
        assert_eq!(none.read::<Vec<String>>("K").unwrap(), None);
        assert_eq!(kind_and_parameter(&none.required::<Vec<String>>("K").unwrap_err()), (RejectionKind::MissingParameter, Some("K")));
        // A structure's member: a list of structures, and a list inside an item of one (was an
        // empty list, `Some([])`, then no list).
        let rejected = |pairs: &[(&str, &str)]| read_structure::<Outer>(&params(pairs), "P").unwrap_err();
        assert_eq!(rejected(&[("P.L.2.K", "k"), ("P.T", "t")]).parameter.as_deref(), Some("P.L.2"));
        assert_eq!(rejected(&[("P.L.1.K", "k"), ("P.L.1.E.2", "true")]).parameter.as_deref(), Some("P.L.1.E.2"));
        assert_eq!(params(&[("K.1.2", "b")]).read::<Vec<Vec<String>>>("K").unwrap_err().parameter.as_deref(), Some("K.1.2"));
        // Written items read back, at both depths.
        assert_eq!(params(&[("K.1.1", "a")]).read::<Vec<Vec<String>>>("K").unwrap(), Some(vec![vec!["a".to_owned()]]));
    }

    #[test]
    fn an_item_past_a_gap_is_a_rejection_naming_it_at_every_depth() {
        let rejected = |pairs: &[(&str, &str)]| read_structure::<Outer>(&params(pairs), "P").unwrap_err();
        for (pairs, parameter) in [
            (&[("P.L.1.K", "a"), ("P.L.3.K", "c")][..], "P.L.3"),
            (&[("P.L.1.K", "a"), ("P.L.2.K", "b"), ("P.L.10.K", "j")][..], "P.L.10"),
            (&[("P.L.1.E.1", "true"), ("P.L.1.E.3", "false")][..], "P.L.1.E.3"),
            // `P.L.2` holds only a list with no first item: refused there, first.
            (&[("P.L.1.K", "a"), ("P.L.2.E.2", "true"), ("P.L.3.K", "c")][..], "P.L.2.E.2"),
            // `P.L.2` holds only an unknown member: no item, so `P.L.3` is past a gap.
            (&[("P.L.1.K", "a"), ("P.L.2.X", "x"), ("P.L.3.K", "c")][..], "P.L.2"),
        ] {
            let rejection = rejected(pairs);
            assert_eq!(kind_and_parameter(&rejection), (RejectionKind::InvalidParameter, Some(parameter)), "{pairs:?}: {rejection:?}");
        }
        let message = rejected(&[("P.L.1.K", "a"), ("P.L.3.K", "c")]).message;
        assert!(message.contains("`P.L.3` follows no `P.L.2` of the list `P.L`"), "{message}");
        let message = rejected(&[("P.L.1.K", "a"), ("P.L.2.X", "x")]).message;
        assert!(message.contains("`P.L.2` holds no item of the list `P.L`"), "{message}");
        // An operation's member, read through `ReadParam`: the same rule.
        let gap = params(&[("K.1", "a"), ("K.3", "c")]);
        assert_eq!(kind_and_parameter(&gap.read::<Vec<String>>("K").unwrap_err()), (RejectionKind::InvalidParameter, Some("K.3")));
        let nested = params(&[("K.1.1", "a"), ("K.1.2", "b"), ("K.2.2", "d")]);
        assert_eq!(
            kind_and_parameter(&nested.read::<Vec<Vec<String>>>("K").unwrap_err()),
            (RejectionKind::InvalidParameter, Some("K.2.2"))
        );
        // A structure with no member set is written as nothing: the list a client writes with
        // one in the middle arrives with a gap, and is refused rather than read short.
        let keyed = |k: &str| Inner { key: Some(k.to_owned()), flags: None };
        let mut written = Sent::new();
        vec![keyed("a"), Inner::default(), keyed("c")].write_param("Tag", &mut written);
        let sent = Params::from_pairs(written.pairs().iter().cloned());
        assert_eq!(kind_and_parameter(&sent.read::<Vec<Inner>>("Tag").unwrap_err()), (RejectionKind::InvalidParameter, Some("Tag.3")));
        // Names that are no index as the clients write one are not items: no gap.
        let odd = params(&[("K.1", "a"), ("K.00", "z"), ("K.03", "c"), ("K.+3", "c"), ("K.x", "c"), ("K.99999999999999999999999", "c")]);
        assert_eq!(odd.read::<Vec<String>>("K").unwrap(), Some(vec!["a".to_owned()]));
    }

    #[test]
    fn a_list_numbered_from_zero_starts_there_at_every_depth() {
        // Kingsoft's Python SDK writes `K.0`, `K.1`, …: read from 1 only, its first item was lost.
        let strings = |pairs: &[(&str, &str)]| params(pairs).read::<Vec<String>>("K");
        assert_eq!(strings(&[("K.0", "a"), ("K.1", "b")]).unwrap(), Some(vec!["a".to_owned(), "b".to_owned()]));
        assert_eq!(strings(&[("K.0", "a")]).unwrap(), Some(vec!["a".to_owned()]));
        assert_eq!(
            kind_and_parameter(&strings(&[("K.0", "a"), ("K.2", "c")]).unwrap_err()),
            (RejectionKind::InvalidParameter, Some("K.2"))
        );
        let tags = params(&[("Tag.0.K", "a"), ("Tag.1.K", "b")]).read::<Vec<Inner>>("Tag").unwrap().unwrap();
        assert_eq!(tags.iter().map(|t| t.key.as_deref()).collect::<Vec<_>>(), [Some("a"), Some("b")]);
        let inner = read_structure::<Outer>(&params(&[("P.L.0.K", "k"), ("P.L.0.E.0", "true")]), "P").unwrap().unwrap().inners.unwrap();
        assert_eq!((inner.len(), inner[0].key.as_deref(), inner[0].flags.as_deref()), (1, Some("k"), Some(&[true][..])));
        // A `K.0` of the wrong type is refused by name, as any item.
        let numbers = params(&[("K.0", "x"), ("K.1", "2")]).read::<Vec<i32>>("K");
        assert_eq!(kind_and_parameter(&numbers.unwrap_err()), (RejectionKind::InvalidParameter, Some("K.0")));
    }

    #[test]
    fn an_operations_list_and_a_structures_list_are_read_alike() {
        // Each layout read as an operation's member (`ReadParam`) and as a structure's member
        // (`P.L`, through the structure's table): the same list, or a rejection naming the
        // same parameter.
        let layouts: &[&[(&str, &str)]] = &[
            &[],
            &[("L.1.K", "a")],
            &[("L.2.K", "b")],
            &[("L.1.K", "a"), ("L.2.K", "b")],
            &[("L.1.K", "a"), ("L.3.K", "c")],
            &[("L.1.E.1", "true"), ("L.1.E.2", "false")],
            &[("L.1.E.2", "true")],
            &[("L.1.E.1", "yes")],
            &[("L.1.K", "a"), ("L.2.E.3", "true")],
            &[("L.0.K", "z"), ("L.1.K", "a")],
            &[("L", "plain")],
        ];
        for layout in layouts {
            let top: Vec<(String, &str)> = layout.iter().map(|(k, v)| (k.to_string(), *v)).collect();
            let nested: Vec<(String, &str)> = layout.iter().map(|(k, v)| (format!("P.{k}"), *v)).chain([("P.T".to_owned(), "t")]).collect();
            let as_member = Params::from_pairs(top).read::<Vec<Inner>>("L");
            let in_structure = read_structure::<Outer>(&Params::from_pairs(nested), "P").map(|outer| outer.and_then(|o| o.inners));
            match (as_member, in_structure) {
                (Ok(a), Ok(b)) => assert_eq!(a, b, "{layout:?}"),
                (Err(a), Err(b)) => assert_eq!((a.kind, a.parameter.map(|p| format!("P.{p}"))), (b.kind, b.parameter), "{layout:?}"),
                (a, b) => panic!("{layout:?}: {a:?} as an operation's member, {b:?} in a structure"),
            }
        }
    }

    #[test]
    fn a_map_with_no_entry_is_absent() {
        // Maps are not indexed (`key.<name>`): an entry whose value reads nothing (a list with
        // no index) is no entry, and a map with no entry is absent, as a list with no item.
        let lists = params(&[("M.a.x", "x")]);
        assert_eq!(lists.read::<BTreeMap<String, Vec<String>>>("M").unwrap(), None);
        assert_eq!(
            kind_and_parameter(&lists.required::<BTreeMap<String, Vec<String>>>("M").unwrap_err()),
            (RejectionKind::MissingParameter, Some("M"))
        );
        let one = params(&[("M.a.1", "x"), ("M.b.x", "y")]).read::<BTreeMap<String, Vec<String>>>("M").unwrap().unwrap();
        assert_eq!(one.into_iter().collect::<Vec<_>>(), [("a".to_owned(), vec!["x".to_owned()])]);
        // An entry's list with no first item is refused by name, as anywhere.
        let lone = params(&[("M.a.2", "x")]).read::<BTreeMap<String, Vec<String>>>("M");
        assert_eq!(kind_and_parameter(&lone.unwrap_err()), (RejectionKind::InvalidParameter, Some("M.a.2")));
        // Names sharing a first part that reads no entry: none read (each candidate is read once).
        let many: Vec<(String, String)> = (0..100).map(|i| (format!("M.a.x{i}.y"), "v".to_owned())).collect();
        let nested = Params::from_pairs(many).read::<BTreeMap<String, BTreeMap<String, Vec<String>>>>("M");
        assert_eq!(nested.unwrap(), None);
        // An entry's list with a gap is a rejection, as anywhere.
        let gap = params(&[("M.a.1", "x"), ("M.a.3", "z")]);
        assert_eq!(
            kind_and_parameter(&gap.read::<BTreeMap<String, Vec<String>>>("M").unwrap_err()),
            (RejectionKind::InvalidParameter, Some("M.a.3"))
        );
        // A structure's map member: the same code.
        assert_eq!(read_structure::<Outer>(&params(&[("P.M.k", "v")]), "P").unwrap().unwrap().map.map(|m| m.len()), Some(1));
    }
}
