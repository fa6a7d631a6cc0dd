//! What generated structures share: how an answer fills them, and how a member sent as JSON
//! or CSV is written under its structure's prefix.
//!
//! ## Decoding: one loop, a table per structure (issue 15, item 7)
//!
//! A generated structure (or output) does not carry a `Deserialize` visitor of its own. It
//! implements [`Structure`]: its name, the table of spellings an answer may use, the lookup of
//! a key in that table (a `match`), and [`Structure::read_member`], which reads one member by
//! its index in that table from a [`Source`]: `3 => value.read_into(&mut self.zone_id)`. The
//! loop over an object's keys, the duplicate check and the skipping of unknown keys are here, in one visitor (`FillVisitor`) that is compiled once, in this crate, for
//! every deserializer the decoders use; each member's value is read through `&mut dyn Source`,
//! whose one implementation per deserializer is compiled here too. So a structure costs its
//! crate its table, its lookup and its `read_member` — no code generic over serde's deserializers — where
//! a visitor per structure was compiled again with the lenient adapter for each (about 1.3k
//! LLVM lines a type).
//!
//! Behaviour is serde's derive with `#[serde(default)]`: a member the answer leaves out keeps
//! its default, a key the structure does not know is skipped, a key met twice is the error
//! serde gives (`duplicate field`), and an answer that is not an object is `invalid type: …,
//! expected struct <Name>`. A member with aliases takes the value of its wire name when that
//! holds one, else of the first alias that came with one (`read_alias` on `dyn Source`).

use std::collections::BTreeMap;
use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Serialize;

use crate::operation::params::Params;

impl Params {
    /// Writes the member `member` of a structure written under `prefix` as one parameter
    /// `prefix.member` holding compact JSON; nothing, and no key made, when it is absent.
    pub fn push_json_member<T: Serialize + ?Sized>(&mut self, prefix: &str, member: &str, value: Option<&T>) {
        if let Some(value) = value {
            self.push_json(&format!("{prefix}.{member}"), value);
        }
    }

    /// Writes the member `member` of a structure written under `prefix` as one parameter
    /// `prefix.member` holding `values` joined by commas; nothing, and no key made, when it is
    /// absent.
    pub fn push_csv_member<T: fmt::Display>(&mut self, prefix: &str, member: &str, values: Option<&[T]>) {
        if let Some(values) = values {
            self.push_csv(&format!("{prefix}.{member}"), values);
        }
    }
}

/// The error of a member's value: `serde_json`'s, the error of every deserializer the decoders
/// use. A value read through another deserializer has its error carried over by its text,
/// whose ` at line L column C` `serde_json` reads back.
pub type Error = serde_json::Error;

/// A generated structure or output as an answer fills it, member by member (see the
/// [module docs](self)).
pub trait Structure: Default {
    /// The type's name, as `expected struct <NAME>` shows it.
    const NAME: &'static str;

    /// Every spelling an answer may use (each member's wire name and each alias), each once:
    /// the member index [`member_index`](Self::member_index) gives a key, and
    /// [`read_member`](Self::read_member) is given, is its place here.
    const SPELLINGS: &'static [&'static str];

    /// The index in [`SPELLINGS`](Self::SPELLINGS) of the key `name`; `None` for a key the
    /// structure does not know (its value is skipped). A `match` on the spellings, which the
    /// compiler turns into a switch on the length and a few word compares: a binary search of
    /// the table took 18 % more instructions to decode an ECS page (callgrind).
    fn member_index(name: &str) -> Option<usize>;

    /// Reads the value of the spelling at `index` into its member
    /// (`3 => value.read_into(&mut self.zone_id)`); a value it leaves unread is skipped. The
    /// default reads nothing (a structure without members).
    ///
    /// # Errors
    ///
    /// The value does not fit the member's type (under the lenient policy when yun's decoders
    /// read it).
    fn read_member(&mut self, index: usize, value: &mut dyn Source) -> Result<(), Error> {
        let _ = (index, value);
        Ok(())
    }

    /// How a request writes the member of each spelling, in the order of
    /// [`SPELLINGS`](Self::SPELLINGS): the server side (the `server` feature) reads requests
    /// and makes arbitrary values through this table and [`read_member`](Self::read_member),
    /// with no list of its own. Empty (the default) when every spelling is a member's wire
    /// name written flat.
    const WRITTEN: &'static [Written] = &[];
}

/// How a request writes the member a [`Structure`]'s spelling names (the spec's `encoding`),
/// or that the spelling is an alias, which answers may use and requests do not.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Written {
    /// As its own parameters (`Tag.1.Key`), or inside JSON as JSON.
    Flat,
    /// As one parameter holding JSON (a list or structure member whose spec says `json`).
    Json,
    /// As one parameter of comma-separated values (a list member whose spec says `csv`).
    Csv,
    /// Not written: the spelling is an alias of a member written under its wire name.
    Alias,
}

impl Written {
    /// How the member of spelling `index` is written, by the table `written` (an empty table:
    /// every spelling flat).
    pub fn of(written: &[Written], index: usize) -> Written {
        written.get(index).copied().unwrap_or(Written::Flat)
    }
}

/// A [`Structure`] as the decoding loop holds it (`&mut dyn Fill`, so the loop is compiled
/// once); implemented for every structure.
pub trait Fill {
    /// [`Structure::NAME`].
    fn structure_name(&self) -> &'static str;
    /// [`Structure::SPELLINGS`].
    fn spellings(&self) -> &'static [&'static str];
    /// [`Structure::member_index`].
    fn index_of(&self, name: &str) -> Option<usize>;
    /// [`Structure::read_member`].
    ///
    /// # Errors
    ///
    /// As [`Structure::read_member`].
    fn fill(&mut self, index: usize, value: &mut dyn Source) -> Result<(), Error>;
    /// [`Structure::WRITTEN`].
    fn written(&self) -> &'static [Written];
}

impl<T: Structure> Fill for T {
    fn structure_name(&self) -> &'static str {
        T::NAME
    }

    fn spellings(&self) -> &'static [&'static str] {
        T::SPELLINGS
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        T::member_index(name)
    }

    fn fill(&mut self, index: usize, value: &mut dyn Source) -> Result<(), Error> {
        self.read_member(index, value)
    }

    fn written(&self) -> &'static [Written] {
        T::WRITTEN
    }
}

/// One value of an answer, read as the member's type asks: through the lenient adapter when
/// yun's decoders read the answer. Implemented once per deserializer, in this crate; a member
/// reads itself with [`read`](#method.read) ([`Member`] says how each type does).
///
/// Each method reads the value once: a second read is an error (`a value read twice`).
pub trait Source {
    /// Skips the value.
    ///
    /// # Errors
    ///
    /// The input is malformed.
    fn skip(&mut self) -> Result<(), Error>;
    /// A string.
    ///
    /// # Errors
    ///
    /// The value is not one (under the policy of the deserializer read).
    fn string(&mut self) -> Result<String, Error>;
    /// An optional string.
    ///
    /// # Errors
    ///
    /// As [`string`](Self::string).
    fn opt_string(&mut self) -> Result<Option<String>, Error>;
    /// An `i32`.
    ///
    /// # Errors
    ///
    /// The value is not one.
    fn int(&mut self) -> Result<i32, Error>;
    /// An optional `i32`.
    ///
    /// # Errors
    ///
    /// The value is not one.
    fn opt_int(&mut self) -> Result<Option<i32>, Error>;
    /// An `i64`.
    ///
    /// # Errors
    ///
    /// The value is not one.
    fn long(&mut self) -> Result<i64, Error>;
    /// An optional `i64`.
    ///
    /// # Errors
    ///
    /// The value is not one.
    fn opt_long(&mut self) -> Result<Option<i64>, Error>;
    /// A boolean.
    ///
    /// # Errors
    ///
    /// The value is not one.
    fn boolean(&mut self) -> Result<bool, Error>;
    /// An optional boolean.
    ///
    /// # Errors
    ///
    /// The value is not one.
    fn opt_boolean(&mut self) -> Result<Option<bool>, Error>;
    /// An `f32`.
    ///
    /// # Errors
    ///
    /// The value is not a number.
    fn float(&mut self) -> Result<f32, Error>;
    /// An optional `f32`.
    ///
    /// # Errors
    ///
    /// The value is not a number.
    fn opt_float(&mut self) -> Result<Option<f32>, Error>;
    /// An `f64`.
    ///
    /// # Errors
    ///
    /// The value is not a number.
    fn double(&mut self) -> Result<f64, Error>;
    /// An optional `f64`.
    ///
    /// # Errors
    ///
    /// The value is not a number.
    fn opt_double(&mut self) -> Result<Option<f64>, Error>;
    /// The text of an enum value, as every generated enum reads it
    /// ([`deserialize_wire_string`](crate::operation::params::deserialize_wire_string): a
    /// number or a boolean gives its text).
    ///
    /// # Errors
    ///
    /// The value is an object or an array.
    fn text(&mut self) -> Result<String, Error>;
    /// The optional text of an enum value.
    ///
    /// # Errors
    ///
    /// As [`text`](Self::text).
    fn opt_text(&mut self) -> Result<Option<String>, Error>;
    /// The text of a value of an enum that knows the values `known` (compared without regard
    /// to ASCII case when `case_insensitive`): what a generated enum reads
    /// ([`string_enum!`](crate::string_enum)). The default reads [`text`](Self::text); a
    /// source that makes values (the server feature's arbitrary values) picks among `known`.
    ///
    /// # Errors
    ///
    /// As [`text`](Self::text).
    fn enum_text(&mut self, known: &'static [&'static str], case_insensitive: bool) -> Result<String, Error> {
        let _ = (known, case_insensitive);
        self.text()
    }
    /// The optional text of an enum value ([`enum_text`](Self::enum_text)).
    ///
    /// # Errors
    ///
    /// As [`text`](Self::text).
    fn opt_enum_text(&mut self, known: &'static [&'static str], case_insensitive: bool) -> Result<Option<String>, Error> {
        let _ = (known, case_insensitive);
        self.opt_text()
    }
    /// An object, into the structure `out`.
    ///
    /// # Errors
    ///
    /// The value is not an object, holds a key twice, or a member does not fit.
    fn structure(&mut self, out: &mut dyn Fill) -> Result<(), Error>;
    /// An optional object, into the structure `out`: whether there was one (`null`, and under
    /// the lenient policy a blank, is none).
    ///
    /// # Errors
    ///
    /// As [`structure`](Self::structure).
    fn opt_structure(&mut self, out: &mut dyn Fill) -> Result<bool, Error>;
    /// An optional value: `some` reads it when there is one.
    ///
    /// # Errors
    ///
    /// What `some` gives.
    fn option(&mut self, some: &mut dyn FnMut(&mut dyn Source) -> Result<(), Error>) -> Result<(), Error>;
    /// A list: `item` reads each item, in order.
    ///
    /// # Errors
    ///
    /// The value is not a list, or what `item` gives.
    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Source) -> Result<(), Error>) -> Result<(), Error>;
    /// An object read as a map: `entry` reads each value, with its key.
    ///
    /// # Errors
    ///
    /// The value is not an object, or what `entry` gives.
    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Source) -> Result<(), Error>) -> Result<(), Error>;
}

impl dyn Source + '_ {
    /// The value as an optional member of type `T`.
    ///
    /// # Errors
    ///
    /// The value does not fit `T`.
    pub fn read<T: Member>(&mut self) -> Result<Option<T>, Error> {
        T::read_option(self)
    }

    /// The value into the optional member `member` (`value.read_into(&mut self.zone_id)`).
    ///
    /// # Errors
    ///
    /// The value does not fit `T` (the member is left as it was).
    pub fn read_into<T: Member>(&mut self, member: &mut Option<T>) -> Result<(), Error> {
        // A `match` rather than `?`: this is compiled once per member type in every generated
        // crate, and `?` adds two more generic functions to each copy in unoptimized builds.
        match T::read_option(self) {
            Ok(value) => {
                *member = value;
                Ok(())
            }
            Err(e) => Err(e),
        }
    }

    /// The value of a member's wire name when the member has aliases: it replaces what an
    /// alias gave, unless it holds nothing (`null`, or blank under the lenient policy).
    ///
    /// # Errors
    ///
    /// The value does not fit `T`.
    pub fn read_over<T: Member>(&mut self, member: &mut Option<T>) -> Result<(), Error> {
        if let Some(value) = self.read()? {
            *member = Some(value);
        }
        Ok(())
    }

    /// The value of an alias of a member: kept only when the member holds nothing yet (its
    /// wire name, or an alias that came earlier, wins).
    ///
    /// # Errors
    ///
    /// The value does not fit `T`.
    pub fn read_alias<T: Member>(&mut self, member: &mut Option<T>) -> Result<(), Error> {
        let value = self.read()?;
        if member.is_none() {
            *member = value;
        }
        Ok(())
    }
}

/// A type a structure member may have, read from a [`Source`]: strings, numbers, booleans,
/// lists and string-keyed maps of them, generated enums (`string_enum!`) and structures
/// ([`structure!`](crate::structure)), boxed or not.
pub trait Member: Sized {
    /// The value, where one is required (a list's item, a map's value).
    ///
    /// # Errors
    ///
    /// The value does not fit the type.
    fn read(value: &mut dyn Source) -> Result<Self, Error>;

    /// The value of an optional member (`null` is `None`, and under the lenient policy so is
    /// a blank).
    ///
    /// # Errors
    ///
    /// The value does not fit the type.
    fn read_option(value: &mut dyn Source) -> Result<Option<Self>, Error> {
        let mut out = None;
        value.option(&mut |value| {
            out = Some(Self::read(value)?);
            Ok(())
        })?;
        Ok(out)
    }
}

macro_rules! scalar_members {
    ($($ty:ty => $read:ident, $opt:ident;)*) => {$(
        impl Member for $ty {
            #[inline]
            fn read(value: &mut dyn Source) -> Result<Self, Error> {
                value.$read()
            }

            #[inline]
            fn read_option(value: &mut dyn Source) -> Result<Option<Self>, Error> {
                value.$opt()
            }
        }
    )*};
}

scalar_members! {
    String => string, opt_string;
    i32 => int, opt_int;
    i64 => long, opt_long;
    bool => boolean, opt_boolean;
    f32 => float, opt_float;
    f64 => double, opt_double;
}

impl<T: Member> Member for Vec<T> {
    fn read(value: &mut dyn Source) -> Result<Self, Error> {
        let mut out = Vec::new();
        value.list(&mut |item| {
            out.push(T::read(item)?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl<T: Member> Member for BTreeMap<String, T> {
    fn read(value: &mut dyn Source) -> Result<Self, Error> {
        let mut out = BTreeMap::new();
        value.map(&mut |key, value| {
            out.insert(key, T::read(value)?);
            Ok(())
        })?;
        Ok(out)
    }
}

impl<T: Member> Member for Box<T> {
    fn read(value: &mut dyn Source) -> Result<Self, Error> {
        T::read(value).map(Box::new)
    }

    fn read_option(value: &mut dyn Source) -> Result<Option<Self>, Error> {
        Ok(T::read_option(value)?.map(Box::new))
    }
}

/// A structure read from `value`: what [`Member::read`] does for each generated structure
/// ([`structure!`](crate::structure)).
///
/// # Errors
///
/// As [`Source::structure`].
pub fn read_structure<T: Structure>(value: &mut dyn Source) -> Result<T, Error> {
    let mut out = T::default();
    // `match` rather than `?` or `then_some`: compiled once per structure in every generated
    // crate, where each of those adds a generic function per copy to unoptimized builds.
    match value.structure(&mut out) {
        Ok(()) => Ok(out),
        Err(e) => Err(e),
    }
}

/// An optional structure read from `value`: what [`Member::read_option`] does for each
/// generated structure ([`structure!`](crate::structure)).
///
/// # Errors
///
/// As [`Source::opt_structure`].
pub fn read_structure_option<T: Structure>(value: &mut dyn Source) -> Result<Option<T>, Error> {
    let mut out = T::default();
    match value.opt_structure(&mut out) {
        Ok(true) => Ok(Some(out)),
        Ok(false) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The JSON `text` read by `read` as one value (a request's member written as JSON, read by
/// the server side through its structure's table): the whole text, strictly, as
/// `serde_json::from_str` reads it.
///
/// # Errors
///
/// The text is not JSON, holds more than one value, or `read` fails.
#[cfg(feature = "server")]
pub(crate) fn read_json_text(text: &str, read: &mut dyn FnMut(&mut dyn Source) -> Result<(), Error>) -> Result<(), Error> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut value = Input(Some(&mut deserializer));
    read(&mut value)?;
    value.finish()?;
    deserializer.end()
}

/// `T` decoded by `deserializer`, as an object: what `Deserialize` does for each generated
/// structure and output ([`structure!`](crate::structure)).
///
/// # Errors
///
/// The deserializer's: the value is not an object, holds a key twice, or a member does not fit.
pub fn deserialize<'de, T: Structure, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    let mut out = T::default();
    fill(deserializer, &mut out)?;
    Ok(out)
}

/// Implements [`Member`] and `serde::Deserialize` for a generated structure or output that
/// implements [`Structure`].
#[macro_export]
macro_rules! structure {
    ($ty:ty) => {
        impl $crate::response::structure::Member for $ty {
            fn read(
                value: &mut dyn $crate::response::structure::Source,
            ) -> ::std::result::Result<Self, $crate::response::structure::Error> {
                $crate::response::structure::read_structure(value)
            }

            fn read_option(
                value: &mut dyn $crate::response::structure::Source,
            ) -> ::std::result::Result<::std::option::Option<Self>, $crate::response::structure::Error> {
                $crate::response::structure::read_structure_option(value)
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::response::structure::deserialize(deserializer)
            }
        }
    };
}

/// `out` filled by `deserializer` from an object: the one decoding loop, for every structure.
fn fill<'de, D: Deserializer<'de>>(deserializer: D, out: &mut dyn Fill) -> Result<(), D::Error> {
    deserializer.deserialize_struct(out.structure_name(), out.spellings(), FillVisitor { out })
}

/// `e` as the [`Error`] of a member's value (its text, position included).
#[cold]
fn to_json<E: fmt::Display>(e: E) -> Error {
    de::Error::custom(e)
}

/// The visitor of every structure: keys looked up in the structure's table, each value read
/// by the structure's [`Structure::read_member`].
struct FillVisitor<'a> {
    out: &'a mut dyn Fill,
}

impl<'de> Visitor<'de> for FillVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "struct {}", self.out.structure_name())
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let spellings = self.out.spellings();
        let mut seen = Seen::new(spellings.len());
        while let Some(index) = map.next_key_seed(KeyIndex(&*self.out))? {
            match index.and_then(|i| Some(i).zip(spellings.get(i))) {
                Some((index, spelling)) => {
                    if seen.insert(index) {
                        return Err(de::Error::duplicate_field(spelling));
                    }
                    map.next_value_seed(MemberSeed { out: &mut *self.out, index })?;
                }
                None => {
                    map.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Ok(())
    }
}

/// Which members an object has given, by index (a bit each, on the stack up to 128).
enum Seen {
    Few(u128),
    Many(Vec<bool>),
}

impl Seen {
    fn new(len: usize) -> Self {
        if len <= 128 {
            Seen::Few(0)
        } else {
            Seen::Many(vec![false; len])
        }
    }

    /// Marks `index` given; whether it was already.
    #[inline]
    fn insert(&mut self, index: usize) -> bool {
        match self {
            Seen::Few(bits) => {
                let bit = 1u128 << index;
                let was = *bits & bit != 0;
                *bits |= bit;
                was
            }
            Seen::Many(flags) => std::mem::replace(&mut flags[index], true),
        }
    }
}

/// Reads an object's key as the index of the member it names, by the structure's
/// [`Structure::member_index`]; `None` for a key the structure does not know.
struct KeyIndex<'a>(&'a dyn Fill);

impl<'de> DeserializeSeed<'de> for KeyIndex<'_> {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for KeyIndex<'_> {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok(self.0.index_of(name))
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Option<usize>, E> {
        Ok(std::str::from_utf8(name).ok().and_then(|name| self.0.index_of(name)))
    }
}

/// The value of one member, handed to the structure as a [`Source`].
struct MemberSeed<'a> {
    out: &'a mut dyn Fill,
    index: usize,
}

impl<'de> DeserializeSeed<'de> for MemberSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut value = Input(Some(deserializer));
        self.out.fill(self.index, &mut value).map_err(de::Error::custom)?;
        value.finish()
    }
}

/// A deserializer as a [`Source`]: read once.
struct Input<D>(Option<D>);

impl<'de, D: Deserializer<'de>> Input<D> {
    #[inline]
    fn take(&mut self) -> Result<D, Error> {
        self.0.take().ok_or_else(|| de::Error::custom("a value read twice"))
    }

    /// Skips the value when the reader left it unread.
    #[inline]
    fn finish(self) -> Result<(), D::Error> {
        match self.0 {
            Some(deserializer) => de::IgnoredAny::deserialize(deserializer).map(|_| ()),
            None => Ok(()),
        }
    }
}

/// The scalar methods of a [`Source`] implementation, written from one list of the scalars
/// (`string`/`opt_string` … `double`/`opt_double`, and `text`/`opt_text` unless the list ends
/// with `no text`): every required method's body is `$required`, every optional one's
/// `$optional`, `$this` the source (`self`, given by the caller), the result type inferred.
macro_rules! source_scalars {
    ($this:ident => $required:expr, $optional:expr) => {
        $crate::response::structure::source_scalars!($this => $required, $optional; no text);
        $crate::response::structure::source_scalars!(@one $this => $required, $optional; text, opt_text => String);
    };
    ($this:ident => $required:expr, $optional:expr; no text) => {
        $crate::response::structure::source_scalars!(@one $this => $required, $optional;
            string, opt_string => String;
            int, opt_int => i32;
            long, opt_long => i64;
            boolean, opt_boolean => bool;
            float, opt_float => f32;
            double, opt_double => f64);
    };
    (@one $this:ident => $required:expr, $optional:expr; $($read:ident, $opt:ident => $ty:ty);*) => {$(
        fn $read(&mut $this) -> ::std::result::Result<$ty, $crate::response::structure::Error> {
            $required
        }

        fn $opt(&mut $this) -> ::std::result::Result<::std::option::Option<$ty>, $crate::response::structure::Error> {
            $optional
        }
    )*};
}
pub(crate) use source_scalars;

impl<'de, D: Deserializer<'de>> Source for Input<D> {
    fn skip(&mut self) -> Result<(), Error> {
        de::IgnoredAny::deserialize(self.take()?).map(|_| ()).map_err(to_json)
    }

    source_scalars!(self => Deserialize::deserialize(self.take()?).map_err(to_json), Deserialize::deserialize(self.take()?).map_err(to_json); no text);

    fn text(&mut self) -> Result<String, Error> {
        crate::operation::params::deserialize_wire_string(self.take()?).map_err(to_json)
    }

    fn opt_text(&mut self) -> Result<Option<String>, Error> {
        Option::<WireString>::deserialize(self.take()?).map(|text| text.map(|t| t.0)).map_err(to_json)
    }

    fn structure(&mut self, out: &mut dyn Fill) -> Result<(), Error> {
        fill(self.take()?, out).map_err(to_json)
    }

    fn opt_structure(&mut self, out: &mut dyn Fill) -> Result<bool, Error> {
        let mut present = false;
        self.option(&mut |value| {
            present = true;
            value.structure(out)
        })?;
        Ok(present)
    }

    fn option(&mut self, some: &mut dyn FnMut(&mut dyn Source) -> Result<(), Error>) -> Result<(), Error> {
        self.take()?.deserialize_option(OptionVisitor { some }).map_err(to_json)
    }

    fn list(&mut self, item: &mut dyn FnMut(&mut dyn Source) -> Result<(), Error>) -> Result<(), Error> {
        self.take()?.deserialize_seq(ListVisitor { item }).map_err(to_json)
    }

    fn map(&mut self, entry: &mut dyn FnMut(String, &mut dyn Source) -> Result<(), Error>) -> Result<(), Error> {
        self.take()?.deserialize_map(MapVisitor { entry }).map_err(to_json)
    }
}

/// The text of an enum value (see [`Source::text`]).
struct WireString(String);

impl<'de> Deserialize<'de> for WireString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::operation::params::deserialize_wire_string(deserializer).map(WireString)
    }
}

/// An optional value, as serde reads `Option<T>`.
struct OptionVisitor<'a> {
    some: &'a mut dyn FnMut(&mut dyn Source) -> Result<(), Error>,
}

impl<'de> Visitor<'de> for OptionVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("option")
    }

    #[inline]
    fn visit_none<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    #[inline]
    fn visit_unit<E: de::Error>(self) -> Result<(), E> {
        Ok(())
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut value = Input(Some(deserializer));
        (self.some)(&mut value).map_err(de::Error::custom)?;
        value.finish()
    }
}

/// A list, as serde reads `Vec<T>`.
struct ListVisitor<'a> {
    item: &'a mut dyn FnMut(&mut dyn Source) -> Result<(), Error>,
}

impl<'de> Visitor<'de> for ListVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(ItemSeed { read: &mut *self.item })?.is_some() {}
        Ok(())
    }
}

/// One item of a list, handed to the reader as a [`Source`].
struct ItemSeed<'a> {
    read: &'a mut dyn FnMut(&mut dyn Source) -> Result<(), Error>,
}

impl<'de> DeserializeSeed<'de> for ItemSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut value = Input(Some(deserializer));
        (self.read)(&mut value).map_err(de::Error::custom)?;
        value.finish()
    }
}

/// An object read as a map, as serde reads `BTreeMap<String, T>`.
struct MapVisitor<'a> {
    entry: &'a mut dyn FnMut(String, &mut dyn Source) -> Result<(), Error>,
}

impl<'de> Visitor<'de> for MapVisitor<'_> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a map")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        while let Some(key) = map.next_key::<String>()? {
            map.next_value_seed(EntrySeed { key, read: &mut *self.entry })?;
        }
        Ok(())
    }
}

/// One value of a map, with its key.
struct EntrySeed<'a> {
    key: String,
    read: &'a mut dyn FnMut(String, &mut dyn Source) -> Result<(), Error>,
}

impl<'de> DeserializeSeed<'de> for EntrySeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        let mut value = Input(Some(deserializer));
        (self.read)(self.key, &mut value).map_err(de::Error::custom)?;
        value.finish()
    }
}

/// A structure holding one member of every type generated structures share, decoded here as
/// a provider's answer is decoded, so that the decoding loop and every [`Source`] method are
/// compiled in the runtime for each deserializer the decoders use; the generated crates link
/// to those instances (rustc shares generic instances with the crates above in unoptimized
/// builds) rather than compiling them again (issue 15, item 7).
#[derive(Default, Debug, PartialEq)]
struct Common {
    string: Option<String>,
    int: Option<i32>,
    long: Option<i64>,
    boolean: Option<bool>,
    float: Option<f32>,
    double: Option<f64>,
    strings: Option<Vec<String>>,
    map: Option<BTreeMap<String, String>>,
    inner: Option<Box<Common>>,
    inners: Option<Vec<Common>>,
}

impl Structure for Common {
    const NAME: &'static str = "Common";
    const SPELLINGS: &'static [&'static str] = &["Alias", "B", "C", "CC", "D", "F", "I", "L", "M", "S", "SS"];

    fn member_index(name: &str) -> Option<usize> {
        Self::SPELLINGS.iter().position(|s| *s == name)
    }

    fn read_member(&mut self, index: usize, value: &mut dyn Source) -> Result<(), Error> {
        match index {
            0 => value.read_alias(&mut self.string),
            1 => value.read_into(&mut self.boolean),
            2 => value.read_into(&mut self.inner),
            3 => value.read_into(&mut self.inners),
            4 => value.read_into(&mut self.double),
            5 => value.read_into(&mut self.float),
            6 => value.read_into(&mut self.int),
            7 => value.read_into(&mut self.long),
            8 => value.read_into(&mut self.map),
            9 => value.read_over(&mut self.string),
            10 => value.read_into(&mut self.strings),
            _ => Ok(()),
        }
    }
}

crate::structure!(Common);

/// Decodes [`Common`] as the providers' answers are decoded (from the bytes, and inside an
/// envelope); never called for its result: it is here so that the decoding instances are
/// compiled in the runtime (see [`Common`]).
#[doc(hidden)]
pub fn __decode_common_members(bytes: &[u8]) -> usize {
    let enveloped = crate::response::decode::envelope::<Common>(bytes, "C", &[]).map_or(0, |(c, _)| usize::from(c.string.is_some()));
    crate::response::decode::from_slice_lossy::<Common>(bytes, false)
        .map_or(0, |d| d.warnings.len() + usize::from(d.output.string.is_some()) + enveloped)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn decode(json: &str) -> Result<Common, String> {
        crate::response::decode::from_slice::<Common>(json.as_bytes())
    }

    #[test]
    fn a_json_or_csv_member_is_written_under_its_prefix_only_when_present() {
        let mut out = Params::new();
        out.push_json_member("Config", "Tags", Some(&vec!["a", "b"]));
        out.push_json_member::<Vec<&str>>("Config", "Absent", None);
        out.push_csv_member("Config", "Ids", Some(&[1, 2][..]));
        out.push_csv_member::<u8>("Config", "None", None);
        let pairs: Vec<(&str, &str)> = out.pairs().iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
        assert_eq!(pairs, [("Config.Tags", r#"["a","b"]"#), ("Config.Ids", "1,2")]);
    }

    #[test]
    fn members_of_every_type_decode_under_the_lenient_policy() {
        let body = br#"{"S":"a","I":"2","L":3,"B":"true","F":1.5,"D":"2.5","SS":"one","M":{"k":"v"},
            "C":{"I":7,"C":""},"CC":[{"S":"x"},{}],"x":null}"#;
        assert_eq!(__decode_common_members(body), 1);
        let decoded = crate::response::decode::from_slice_lossy::<Common>(body, false).unwrap();
        assert!(decoded.warnings.is_empty(), "{:?}", decoded.warnings);
        let m = decoded.output;
        assert_eq!((m.string.as_deref(), m.int, m.long, m.boolean), (Some("a"), Some(2), Some(3), Some(true)));
        assert_eq!((m.float, m.double), (Some(1.5), Some(2.5)));
        assert_eq!(m.strings, Some(vec!["one".to_owned()]), "a single value is a list of one");
        assert_eq!(m.map.unwrap()["k"], "v");
        let inner = m.inner.unwrap();
        assert_eq!((inner.int, inner.inner.as_deref()), (Some(7), None), "a blank structure member is absent");
        let inners = m.inners.unwrap();
        assert_eq!(inners.len(), 2);
        assert_eq!((inners[0].string.as_deref(), inners[1].string.as_deref()), (Some("x"), None));
    }

    #[test]
    fn a_value_that_does_not_fit_is_left_out_with_its_path() {
        let body = br#"{"I":"many","CC":[{"L":1},{"L":"x"}],"S":"kept"}"#;
        let decoded = crate::response::decode::from_slice_lossy::<Common>(body, false).unwrap();
        let paths: Vec<&str> = decoded.warnings.iter().map(|w| w.path()).collect();
        // The retries decode the answer's tree, whose objects are ordered by key.
        assert_eq!(paths, ["CC[1].L", "I"]);
        assert_eq!(decoded.output.int, None);
        assert_eq!(decoded.output.string.as_deref(), Some("kept"));
        let strict = decode(r#"{"CC":[{"L":"x"}]}"#).unwrap_err();
        assert!(strict.starts_with("CC[0].L: `x` is not i64"), "{strict}");
    }

    #[test]
    fn unknown_keys_are_skipped_and_a_key_met_twice_is_a_duplicate_field() {
        assert_eq!(decode(r#"{"Other":{"a":[1,2]},"I":1}"#).unwrap().int, Some(1));
        let mut json = serde_json::Deserializer::from_str(r#"{"I":1,"I":2}"#);
        let twice = Common::deserialize(&mut json).unwrap_err();
        assert!(twice.to_string().starts_with("duplicate field `I`"), "{twice}");
    }

    #[test]
    fn an_answer_that_is_not_an_object_is_an_invalid_type_naming_the_structure() {
        let error = serde_json::from_str::<Common>("[1]").unwrap_err().to_string();
        assert!(error.starts_with("invalid type: sequence, expected struct Common"), "{error}");
        let error = serde_json::from_str::<Common>(r#"{"SS":{"a":1}}"#).unwrap_err().to_string();
        assert_eq!(error, "invalid type: map, expected a sequence at line 1 column 6");
    }

    #[test]
    fn the_wire_name_wins_over_an_alias_else_the_first_alias_that_came() {
        assert_eq!(decode(r#"{"Alias":"a","S":"s"}"#).unwrap().string.as_deref(), Some("s"));
        assert_eq!(decode(r#"{"S":"s","Alias":"a"}"#).unwrap().string.as_deref(), Some("s"));
        assert_eq!(decode(r#"{"Alias":"a","S":null}"#).unwrap().string.as_deref(), Some("a"));
        assert_eq!(decode(r#"{"S":"","Alias":"a"}"#).unwrap().string.as_deref(), Some("a"));
    }

    #[test]
    fn a_key_read_through_an_escape_finds_its_member() {
        assert_eq!(decode(r#"{"\u0049":5}"#).unwrap().int, Some(5));
    }
}
