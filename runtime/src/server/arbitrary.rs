//! Arbitrary values of generated types for round-trip properties: what a client may send or a
//! service may answer, including unknown enum values, empty lists, unicode, text needing
//! escapes and the extreme integers.
//!
//! A value is generated for the wire it travels on ([`Wire`]), so that the wire carries it back
//! unchanged; what a wire cannot carry is not generated, and the limits are these (each a fact
//! of the encoding, not of the codecs):
//!
//! - flattened parameters ([`Wire::Flat`]: `Tag.1.Key`) write nothing for an empty list or a
//!   structure without members, so those read back as absent: lists there hold at least one
//!   item, structures at least one member, map keys no `.`;
//! - a comma-separated list ([`Wire::Csv`]) holds items without `,`, and at least one;
//! - a path segment ([`Wire::Path`]) is a resource name: `[a-z0-9-]`, one to twelve;
//! - an answer ([`Wire::Answer`]) is decoded by the clients' lenient policy, which reads a blank
//!   string as absent: strings and unknown enum values there are not blank;
//! - an XML answer ([`Wire::AnswerXml`]) has its text trimmed and its empty elements read as
//!   absent: strings there have no blank at either end, lists at least one item, structures
//!   at least one member;
//! - numbers are finite (JSON has no NaN).
//!
//! The generator is seeded ([`Gen::new`]): a property test draws the seed, so a failing case is
//! reproduced from the seed its report prints.

use std::collections::BTreeMap;

use serde::de::Error as _;

use crate::response::structure::{self as table, Fill, Member, Source, Structure, Written};

/// The wire a value is generated for (see the module's docs for what each can carry).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Wire {
    /// Flattened request parameters (`Name.1`, `Tag.1.Key`).
    Flat,
    /// JSON in a request: a parameter holding JSON, or a REST body.
    Json,
    /// One parameter of comma-separated values.
    Csv,
    /// A segment of a REST path.
    Path,
    /// A JSON answer the client decodes leniently.
    Answer,
    /// An XML answer (Kingsoft's), which the client reads into a tree first: text is trimmed,
    /// and an empty element (an empty list or structure) reads as absent.
    AnswerXml,
}

/// How a member is encoded, as the spec's `encoding` says (`flat` is the default).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Encoding {
    /// Written as its own parameters (or, inside JSON, as JSON).
    Flat,
    /// Written as one parameter holding JSON.
    Json,
    /// Written as one parameter of comma-separated values.
    Csv,
}

impl Wire {
    /// The wire of a member encoded `encoding` inside a value on this wire: only flattened
    /// parameters change; inside JSON everything is JSON.
    fn inner(self, encoding: Encoding) -> Self {
        match (self, encoding) {
            (Wire::Flat, Encoding::Json) => Wire::Json,
            (Wire::Flat, Encoding::Csv) => Wire::Csv,
            (wire, _) => wire,
        }
    }
}

/// A seeded generator of values, tracking the wire and how deep structures nest.
#[derive(Debug)]
pub struct Gen {
    rng: fastrand::Rng,
    wire: Wire,
    depth: i32,
}

/// How many structures deep values nest before optional members stop being generated.
const DEPTH: i32 = 4;

/// Text pieces strings are made of: plain, unicode, and what needs escaping in a query, a form,
/// JSON or XML.
const PIECES: &[&str] = &[
    "a",
    "Z",
    "0",
    "9",
    "-",
    "_",
    ".",
    "~",
    " ",
    "&",
    "=",
    "+",
    "%",
    "%20",
    "/",
    "?",
    "#",
    "\"",
    "\\",
    "'",
    "<",
    ">",
    ",",
    ";",
    ":",
    "\n",
    "\t",
    "中",
    "文",
    "é",
    "ß",
    "😀",
    "\u{2028}",
    "i-2ze",
    "cn-hangzhou",
];

impl Gen {
    /// A generator seeded with `seed`, for `wire`.
    pub fn new(seed: u64, wire: Wire) -> Self {
        Self { rng: fastrand::Rng::with_seed(seed), wire, depth: DEPTH }
    }

    /// The wire of the value being generated.
    pub fn wire(&self) -> Wire {
        self.wire
    }

    /// `true` with probability `numerator / 10`.
    fn chance(&mut self, numerator: u8) -> bool {
        self.rng.u8(..10) < numerator
    }

    /// A value of `T` on `wire`, whatever the current wire.
    pub fn on<T: Arbitrary>(&mut self, wire: Wire) -> T {
        let saved = std::mem::replace(&mut self.wire, wire);
        let value = T::arbitrary(self);
        self.wire = saved;
        value
    }

    /// A required member encoded `encoding`.
    pub fn required<T: Arbitrary>(&mut self, encoding: Encoding) -> T {
        let wire = self.wire.inner(encoding);
        self.on(wire)
    }

    /// An optional member encoded `encoding`: present about six times in ten (fewer as
    /// structures nest), always when `force`.
    pub fn member<T: Arbitrary>(&mut self, force: bool, encoding: Encoding) -> Option<T> {
        if !force && (self.depth <= 0 || self.chance(4)) {
            return None;
        }
        Some(self.required(encoding))
    }

    /// An optional member on `wire` (a REST path or JSON body member), present as
    /// [`Gen::member`] makes it.
    pub fn member_on<T: Arbitrary>(&mut self, force: bool, wire: Wire) -> Option<T> {
        if !force && (self.depth <= 0 || self.chance(4)) {
            return None;
        }
        Some(self.on(wire))
    }

    /// Enters a structure of `members` members: on a flattened wire, the index of the member
    /// that must be present (a structure writing nothing would read back as absent), taken
    /// from `leaves` (members that hold no structure) once structures nest deep; `None`
    /// elsewhere. Pair with [`Gen::leave_structure`].
    pub fn enter_structure(&mut self, members: usize, leaves: &[usize]) -> Option<usize> {
        self.depth -= 1;
        if !matches!(self.wire, Wire::Flat | Wire::AnswerXml) || members == 0 {
            return None;
        }
        if self.depth <= 0 && !leaves.is_empty() {
            return Some(leaves[self.rng.usize(..leaves.len())]);
        }
        Some(self.rng.usize(..members))
    }

    /// Leaves the structure [`Gen::enter_structure`] entered.
    pub fn leave_structure(&mut self) {
        self.depth += 1;
    }

    /// A known value of an enum (eight times in ten) or text that is none of them (compared
    /// without regard to ASCII case when the enum parses so), as its `Unknown` variant holds.
    pub fn enum_text(&mut self, known: &[&str], case_insensitive: bool) -> String {
        // Known values the wire carries: a blank one (an enum may have `""`) reads as absent
        // from an answer; a comma-separated item is neither empty nor holds a comma.
        let usable: Vec<&str> = known
            .iter()
            .copied()
            .filter(|k| match self.wire {
                Wire::Answer => !k.trim().is_empty(),
                Wire::AnswerXml => !k.is_empty() && k.trim() == *k,
                Wire::Csv => !k.is_empty() && !k.contains(','),
                _ => true,
            })
            .collect();
        if !usable.is_empty() && self.chance(8) {
            return usable[self.rng.usize(..usable.len())].to_owned();
        }
        loop {
            let text = self.text();
            let taken = known.iter().any(|k| if case_insensitive { k.eq_ignore_ascii_case(&text) } else { *k == text });
            if !taken {
                return text;
            }
        }
    }

    /// A string for the current wire.
    pub fn text(&mut self) -> String {
        match self.wire {
            Wire::Path => {
                const NAME: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789-";
                (0..self.rng.usize(1..=12)).map(|_| char::from(NAME[self.rng.usize(..NAME.len())])).collect()
            }
            wire => loop {
                let mut s = String::new();
                for _ in 0..self.rng.usize(0..=8) {
                    s.push_str(PIECES[self.rng.usize(..PIECES.len())]);
                }
                let fits = match wire {
                    Wire::Csv => !s.is_empty() && !s.contains(','),
                    Wire::Answer => !s.trim().is_empty(),
                    Wire::AnswerXml => !s.is_empty() && s.trim() == s,
                    _ => true,
                };
                if fits {
                    return s;
                }
            },
        }
    }

    /// The keys of a map: `[a-z0-9-]` after a letter, as many as [`Gen::len`] says.
    fn map_keys(&mut self) -> Vec<String> {
        let len = self.len();
        let saved = std::mem::replace(&mut self.wire, Wire::Path);
        // A letter first: a key is an element's name in an XML answer.
        let keys = (0..len).map(|_| format!("k{}", self.text())).collect();
        self.wire = saved;
        keys
    }

    fn len(&mut self) -> usize {
        let empty_allowed = matches!(self.wire, Wire::Json | Wire::Answer);
        match (empty_allowed, self.depth <= 0) {
            (true, true) => 0,
            (true, false) => self.rng.usize(0..=3),
            (false, true) => 1,
            (false, false) => self.rng.usize(1..=3),
        }
    }
}

/// A type whose arbitrary values [`Gen`] makes: scalars here, generated structures, enums,
/// inputs and outputs in their crates (the `server` feature).
pub trait Arbitrary: Sized {
    /// An arbitrary value for `g`'s wire.
    fn arbitrary(g: &mut Gen) -> Self;
}

impl Arbitrary for String {
    fn arbitrary(g: &mut Gen) -> Self {
        g.text()
    }
}

impl Arbitrary for bool {
    fn arbitrary(g: &mut Gen) -> Self {
        g.rng.bool()
    }
}

macro_rules! integers {
    ($($t:ident),*) => {$(
        impl Arbitrary for $t {
            /// The extremes, zero and one about a third of the time; any value otherwise.
            fn arbitrary(g: &mut Gen) -> Self {
                match g.rng.u8(..9) {
                    0 => <$t>::MIN,
                    1 => <$t>::MAX,
                    2 => 0,
                    3 => 1,
                    _ => g.rng.$t(..),
                }
            }
        }
    )*};
}
integers!(i32, i64, u32, u64);

impl Arbitrary for f64 {
    fn arbitrary(g: &mut Gen) -> Self {
        match g.rng.u8(..4) {
            0 => 0.0,
            1 => f64::from(g.rng.i32(..)) / 8.0,
            _ => loop {
                let v = f64::from_bits(g.rng.u64(..));
                if v.is_finite() {
                    return v;
                }
            },
        }
    }
}

impl Arbitrary for f32 {
    fn arbitrary(g: &mut Gen) -> Self {
        match g.rng.u8(..4) {
            0 => 0.0,
            1 => f32::from(g.rng.i16(..)) / 8.0,
            _ => loop {
                let v = f32::from_bits(g.rng.u32(..));
                if v.is_finite() {
                    return v;
                }
            },
        }
    }
}

impl<T: Arbitrary> Arbitrary for Vec<T> {
    /// Lists nest as structures do: deeper, fewer items.
    fn arbitrary(g: &mut Gen) -> Self {
        let len = g.len();
        g.depth -= 1;
        let items = (0..len).map(|_| T::arbitrary(g)).collect();
        g.depth += 1;
        items
    }
}

impl<T: Arbitrary> Arbitrary for BTreeMap<String, T> {
    /// Keys of `[a-z0-9-]` after a letter: a key is a part of a flattened parameter's name
    /// (no `.`) and an element's name in an XML answer.
    fn arbitrary(g: &mut Gen) -> Self {
        let keys = g.map_keys();
        g.depth -= 1;
        let map = keys.into_iter().map(|k| (k, T::arbitrary(g))).collect();
        g.depth += 1;
        map
    }
}

impl<T: Arbitrary> Arbitrary for Box<T> {
    fn arbitrary(g: &mut Gen) -> Self {
        Box::new(T::arbitrary(g))
    }
}

/// An arbitrary value of the generated structure `T`, made through the table its answers are
/// decoded with ([`Structure`]): each member in the order of its spellings (aliases left
/// out), present about six times in ten (fewer as structures nest), on the wire its encoding
/// puts it on ([`Written`]); on a flattened wire one member always present, a member that
/// holds no structure once structures nest deep ([`Gen::enter_structure`]). What
/// [`Arbitrary`] does for every generated structure
/// ([`server_structure!`](crate::server_structure)).
pub fn arbitrary_structure<T: Structure>(g: &mut Gen) -> T {
    let mut out = T::default();
    structure(g, &mut out);
    out
}

/// An arbitrary value of the generated enum `T`: one of the values its
/// [`string_enum!`](crate::string_enum) names (eight times in ten), else text that is none of
/// them ([`Gen::enum_text`]).
pub fn arbitrary_enum<T: Member + From<String>>(g: &mut Gen) -> T {
    // A maker never fails; were it to, the empty text is a value of every enum too.
    T::read(&mut Maker { g, force: false }).unwrap_or_else(|_| T::from(String::new()))
}

/// An arbitrary input `T`: each member as [`DecodeInput::members`](super::DecodeInput::members)
/// lists it, on the wire it travels on (a path segment, the JSON body, a parameter as its
/// encoding writes it); an optional member present as [`Gen::member`] makes it, an optional
/// path member always (an empty segment would be another path).
pub fn arbitrary_input<T: super::DecodeInput>(g: &mut Gen) -> T {
    match T::members(&mut InputMaker(g)) {
        Ok(input) => input,
        Err(never) => match never {},
    }
}

/// The generator as an input's [`Members`](super::Members).
struct InputMaker<'a>(&'a mut Gen);

impl super::Members for InputMaker<'_> {
    type Error = std::convert::Infallible;

    fn param<T: super::ReadParam + Arbitrary>(&mut self, _wire: &str) -> Result<T, Self::Error> {
        Ok(self.0.required(Encoding::Flat))
    }

    fn param_opt<T: super::ReadParam + Arbitrary>(&mut self, _wire: &str) -> Result<Option<T>, Self::Error> {
        Ok(self.0.member(false, Encoding::Flat))
    }

    fn json<T: serde::de::DeserializeOwned + Arbitrary>(&mut self, _wire: &str) -> Result<T, Self::Error> {
        Ok(self.0.required(Encoding::Json))
    }

    fn json_opt<T: serde::de::DeserializeOwned + Arbitrary>(&mut self, _wire: &str) -> Result<Option<T>, Self::Error> {
        Ok(self.0.member(false, Encoding::Json))
    }

    fn csv<T: super::ParamValue + Arbitrary>(&mut self, _wire: &str) -> Result<Vec<T>, Self::Error> {
        Ok(self.0.required(Encoding::Csv))
    }

    fn csv_opt<T: super::ParamValue + Arbitrary>(&mut self, _wire: &str) -> Result<Option<Vec<T>>, Self::Error> {
        Ok(self.0.member(false, Encoding::Csv))
    }

    fn path<T: super::ReadParam + Arbitrary>(&mut self, _wire: &str) -> Result<T, Self::Error> {
        Ok(self.0.on(Wire::Path))
    }

    fn path_opt<T: super::ReadParam + Arbitrary>(&mut self, _wire: &str) -> Result<Option<T>, Self::Error> {
        Ok(Some(self.0.on(Wire::Path)))
    }

    fn body<T: serde::de::DeserializeOwned + Arbitrary>(&mut self, _wire: &str) -> Result<T, Self::Error> {
        Ok(self.0.on(Wire::Json))
    }

    fn body_opt<T: serde::de::DeserializeOwned + Arbitrary>(&mut self, _wire: &str) -> Result<Option<T>, Self::Error> {
        Ok(self.0.member_on(false, Wire::Json))
    }

    fn payload<T: serde::de::DeserializeOwned + Arbitrary>(&mut self, _wire: &str) -> Result<T, Self::Error> {
        Ok(self.0.on(Wire::Json))
    }

    fn payload_opt<T: serde::de::DeserializeOwned + Arbitrary>(&mut self) -> Result<Option<T>, Self::Error> {
        Ok(self.0.member_on(false, Wire::Json))
    }
}

/// An arbitrary output `T` (a generated output's members, by its [`Structure`] table): each
/// member present as [`Gen::member`] makes it, the member spelled `always` always (the
/// request id the RPC and query services always answer).
pub fn arbitrary_output<T: Structure>(g: &mut Gen, always: Option<&str>) -> T {
    let mut out = T::default();
    let (spellings, written) = (out.spellings(), out.written());
    for (index, spelling) in spellings.iter().enumerate() {
        let force = always == Some(*spelling);
        member(g, &mut out, index, Written::of(written, index), force);
    }
    out
}

/// `out`'s members, as [`arbitrary_structure`] makes them.
fn structure(g: &mut Gen, out: &mut dyn Fill) {
    let written = out.written();
    let members: Vec<usize> = (0..out.spellings().len()).filter(|&i| Written::of(written, i) != Written::Alias).collect();
    let leaves: Vec<usize> = (0..members.len()).filter(|&at| !holds_structure(out, members[at])).collect();
    let force = g.enter_structure(members.len(), &leaves);
    for (at, &index) in members.iter().enumerate() {
        member(g, out, index, Written::of(written, index), force == Some(at));
    }
    g.leave_structure();
}

/// The member of spelling `index` of `out`, written `written`: present when `force`, else
/// as [`Gen::member`] decides.
fn member(g: &mut Gen, out: &mut dyn Fill, index: usize, written: Written, force: bool) {
    let encoding = match written {
        Written::Alias => return,
        Written::Flat => Encoding::Flat,
        Written::Json => Encoding::Json,
        Written::Csv => Encoding::Csv,
    };
    let wire = g.wire.inner(encoding);
    let saved = std::mem::replace(&mut g.wire, wire);
    // A maker never fails: what it is asked for, it makes.
    let _ = out.fill(index, &mut Maker { g: &mut *g, force });
    g.wire = saved;
}

/// Whether the member of spelling `index` of `out` holds a structure (itself, or in its
/// lists, maps or box): asked of the member's own reader, which a [`Probe`] stops at once.
fn holds_structure(out: &mut dyn Fill, index: usize) -> bool {
    let mut probe = Probe { structure: false };
    // The probe fails every read, so the member is left as it was.
    let _ = out.fill(index, &mut probe);
    probe.structure
}

/// The generator as a [`Source`]: a structure's member makes its value by reading it from
/// here (scalars, enums among their known values, lists, maps, nested structures).
struct Maker<'a> {
    g: &'a mut Gen,
    /// Whether an optional value is present whatever the odds.
    force: bool,
}

impl Maker<'_> {
    /// Whether an optional value is present: always when forced; else about six times in
    /// ten, never once structures nest deep ([`Gen::member`]).
    fn present(&mut self) -> bool {
        self.force || (self.g.depth > 0 && !self.g.chance(4))
    }

    fn value<T: Arbitrary>(&mut self) -> Result<T, table::Error> {
        Ok(T::arbitrary(self.g))
    }

    fn optional<T: Arbitrary>(&mut self) -> Result<Option<T>, table::Error> {
        Ok(self.present().then(|| T::arbitrary(self.g)))
    }
}

impl Source for Maker<'_> {
    fn skip(&mut self) -> Result<(), table::Error> {
        Ok(())
    }

    table::source_scalars!(self => self.value(), self.optional());

    fn enum_text(&mut self, known: &'static [&'static str], case_insensitive: bool) -> Result<String, table::Error> {
        Ok(self.g.enum_text(known, case_insensitive))
    }

    fn opt_enum_text(&mut self, known: &'static [&'static str], case_insensitive: bool) -> Result<Option<String>, table::Error> {
        Ok(self.present().then(|| self.g.enum_text(known, case_insensitive)))
    }

    fn structure(&mut self, out: &mut dyn Fill) -> Result<(), table::Error> {
        structure(self.g, out);
        Ok(())
    }

    fn opt_structure(&mut self, out: &mut dyn Fill) -> Result<bool, table::Error> {
        if !self.present() {
            return Ok(false);
        }
        structure(self.g, out);
        Ok(true)
    }

    fn option(&mut self, some: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        if self.present() {
            some(self)?;
        }
        Ok(())
    }

    /// Lists nest as structures do: deeper, fewer items (as `Vec<T>`'s [`Arbitrary`]).
    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        let len = self.g.len();
        self.g.depth -= 1;
        let mut result = Ok(());
        for _ in 0..len {
            result = result.and_then(|()| item(&mut Maker { g: &mut *self.g, force: false }));
        }
        self.g.depth += 1;
        result
    }

    /// Keys as `BTreeMap<String, T>`'s [`Arbitrary`] makes them.
    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        let keys = self.g.map_keys();
        self.g.depth -= 1;
        let mut result = Ok(());
        for key in keys {
            result = result.and_then(|()| entry(key, &mut Maker { g: &mut *self.g, force: false }));
        }
        self.g.depth += 1;
        result
    }
}

/// A [`Source`] that fails every read, noting whether it was asked for a structure: which
/// members hold one ([`holds_structure`]).
struct Probe {
    structure: bool,
}

impl Probe {
    fn stop<T>(&mut self) -> Result<T, table::Error> {
        Err(table::Error::custom("a probe holds no value"))
    }
}

impl Source for Probe {
    fn skip(&mut self) -> Result<(), table::Error> {
        Ok(())
    }

    table::source_scalars!(self => self.stop(), self.stop());

    fn structure(&mut self, _out: &mut dyn Fill) -> Result<(), table::Error> {
        self.structure = true;
        self.stop()
    }

    fn opt_structure(&mut self, _out: &mut dyn Fill) -> Result<bool, table::Error> {
        self.structure = true;
        self.stop()
    }

    fn option(&mut self, some: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        some(self)
    }

    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        item(self)
    }

    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Source) -> Result<(), table::Error>) -> Result<(), table::Error> {
        entry(String::new(), self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_wire_gets_what_it_carries() {
        for seed in 0..200 {
            let mut g = Gen::new(seed, Wire::Flat);
            assert!(!Vec::<String>::arbitrary(&mut g).is_empty());
            assert!(g.on::<String>(Wire::Csv).split(',').count() == 1);
            assert!(!g.on::<String>(Wire::Answer).trim().is_empty());
            let unknown = g.enum_text(&["Running"], true);
            assert!(unknown == "Running" || !unknown.eq_ignore_ascii_case("running"));
        }
        let mut g = Gen::new(1, Wire::Json);
        assert!((0..50).any(|_| Vec::<i32>::arbitrary(&mut g).is_empty()), "JSON lists may be empty");
    }

    #[test]
    fn structures_are_made_through_their_table() {
        use crate::server::params::tests::Outer;
        let mut outer = Outer::default();
        // Spellings: Alias C I J L M N T; `I` (a boxed structure), `J` and `L` (lists of them)
        // hold structures.
        let holds: Vec<bool> = (0..8).map(|i| holds_structure(&mut outer, i)).collect();
        assert_eq!(holds, [false, false, true, true, true, false, false, false]);
        assert_eq!(outer, Outer::default(), "probing fills nothing");
        let (mut json_empty, mut flat_present) = (false, true);
        for seed in 0..300 {
            let flat: Outer = arbitrary_structure(&mut Gen::new(seed, Wire::Flat));
            // On a flattened wire a structure writes something; CSV items hold no comma.
            flat_present &= flat != Outer::default();
            assert!(flat.csv.as_ref().is_none_or(|c| !c.is_empty()), "seed {seed}");
            assert!(flat.inners.iter().flatten().all(|i| *i != Default::default()), "seed {seed}");
            // A JSON member may hold an empty list even on a flattened wire.
            json_empty |= flat.json.as_ref().is_some_and(Vec::is_empty);
            let answer: Outer = arbitrary_output(&mut Gen::new(seed, Wire::Answer), Some("N"));
            assert!(answer.number.is_some() && answer.text.as_ref().is_none_or(|t| !t.trim().is_empty()), "seed {seed}");
        }
        assert!(flat_present && json_empty);
    }
}
