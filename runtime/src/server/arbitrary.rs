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
        let len = g.len();
        let saved = std::mem::replace(&mut g.wire, Wire::Path);
        // A letter first: a key is an element's name in an XML answer.
        let keys: Vec<String> = (0..len).map(|_| format!("k{}", g.text())).collect();
        g.wire = saved;
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
}
