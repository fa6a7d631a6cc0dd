//! What generated structures share: how their `Deserialize` impls read a key, and how a
//! member sent as JSON or CSV is written under its structure's prefix.
//!
//! ## Decoding (issue 15, item 7)
//!
//! A generated structure does not derive `Deserialize`: serde's derive writes, besides the
//! `visit_map` an answer takes, a `visit_seq` (a structure read positionally from an array,
//! which no answer means and the lenient adapter refuses) and a field visitor per structure,
//! and the compiler built each of them once per deserializer a structure meets: two thirds of
//! the code of a crate like ECS. The generator writes `visit_map` alone, over a member index
//! that [`Member`] reads here, once per crate rather than once per structure.
//!
//! Behaviour is serde's derive with `#[serde(default)]`: a member the answer leaves out keeps
//! its default, a key the structure does not know is skipped, a key met twice is the error
//! serde gives (`duplicate field`), and an answer that is not an object is `invalid type: …,
//! expected struct <Name>`.

use std::fmt;

use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, MapAccess, Visitor};
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

/// Reads an object's key as the index of the member it names, by the structure's own lookup
/// (`match` on its wire names); `None` for a key the structure does not know.
#[derive(Clone, Copy, Debug)]
pub struct Member(pub fn(&str) -> Option<usize>);

impl<'de> DeserializeSeed<'de> for Member {
    type Value = Option<usize>;

    #[inline]
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Option<usize>, D::Error> {
        deserializer.deserialize_identifier(self)
    }
}

impl<'de> Visitor<'de> for Member {
    type Value = Option<usize>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("field identifier")
    }

    #[inline]
    fn visit_str<E: de::Error>(self, name: &str) -> Result<Option<usize>, E> {
        Ok((self.0)(name))
    }

    #[inline]
    fn visit_bytes<E: de::Error>(self, name: &[u8]) -> Result<Option<usize>, E> {
        Ok(std::str::from_utf8(name).ok().and_then(self.0))
    }
}

/// Marks a member as read; the second time, serde's `duplicate field` error naming it.
#[inline]
pub fn first<E: de::Error>(seen: &mut bool, name: &'static str) -> Result<(), E> {
    if std::mem::replace(seen, true) {
        Err(E::duplicate_field(name))
    } else {
        Ok(())
    }
}

/// A member of an enum type as an answer holds it: its text, read as every generated enum
/// reads it ([`deserialize_wire_string`](crate::operation::params::deserialize_wire_string): a number
/// or a boolean gives its text). Generated structures read an enum member as this and convert
/// it (`From<String>`), so the decoder is compiled once for every enum of every crate, not
/// once per enum: the same value, the same errors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WireString(pub String);

impl WireString {
    /// The enum (or other type) the text names: `Unknown(text)` for a value the enum does not know.
    pub fn into_enum<T: From<String>>(self) -> T {
        T::from(self.0)
    }

    /// A list of enums (or other types) from their texts.
    pub fn into_enums<T: From<String>>(texts: Vec<WireString>) -> Vec<T> {
        texts.into_iter().map(WireString::into_enum).collect()
    }
}

impl<'de> Deserialize<'de> for WireString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        crate::operation::params::deserialize_wire_string(deserializer).map(WireString)
    }
}

/// One member of every type generated structures share (scalars, lists of them, enums as
/// [`WireString`]), decoded here as a generated structure decodes its members, so that the
/// decoder's code for these types is compiled once in the runtime and shared by the generated
/// crates (rustc shares generic instances with the crates above in unoptimized builds) rather
/// than compiled again in each (issue 15, item 7).
#[derive(Default)]
struct Common {
    string: Option<String>,
    int: Option<i32>,
    long: Option<i64>,
    boolean: Option<bool>,
    float: Option<f32>,
    double: Option<f64>,
    strings: Option<Vec<String>>,
    ints: Option<Vec<i32>>,
    longs: Option<Vec<i64>>,
    text: Option<WireString>,
    texts: Option<Vec<WireString>>,
    map: Option<std::collections::BTreeMap<String, String>>,
}

impl<'de> Deserialize<'de> for Common {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        fn member_index(name: &str) -> Option<usize> {
            name.parse().ok()
        }
        struct CommonVisitor;
        impl<'de> Visitor<'de> for CommonVisitor {
            type Value = Common;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("struct Common")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Common, A::Error> {
                let mut out = Common::default();
                while let Some(index) = map.next_key_seed(Member(member_index))? {
                    match index {
                        Some(0) => out.string = map.next_value()?,
                        Some(1) => out.int = map.next_value()?,
                        Some(2) => out.long = map.next_value()?,
                        Some(3) => out.boolean = map.next_value()?,
                        Some(4) => out.float = map.next_value()?,
                        Some(5) => out.double = map.next_value()?,
                        Some(6) => out.strings = map.next_value()?,
                        Some(7) => out.ints = map.next_value()?,
                        Some(8) => out.longs = map.next_value()?,
                        Some(9) => out.text = map.next_value()?,
                        Some(10) => out.texts = map.next_value()?,
                        Some(11) => out.map = map.next_value()?,
                        _ => {
                            map.next_value::<de::IgnoredAny>()?;
                        }
                    }
                }
                Ok(out)
            }
        }
        deserializer.deserialize_struct("Common", &[], CommonVisitor)
    }
}

/// Decodes [`Common`] as a provider's answer is decoded; never called for its result: it is
/// here so that its instances are compiled in the runtime (see [`Common`]).
#[doc(hidden)]
pub fn __decode_common_members(bytes: &[u8]) -> usize {
    crate::response::decode::from_slice_lossy::<Common>(bytes, false)
        .map_or(0, |d| d.warnings.len() + usize::from(d.output.string.is_some()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lookup(name: &str) -> Option<usize> {
        match name {
            "A" => Some(0),
            "B" => Some(1),
            _ => None,
        }
    }

    #[test]
    fn a_key_reads_as_its_member_index_or_none() {
        let read = |json: &str| Member(lookup).deserialize(&mut serde_json::Deserializer::from_str(json)).unwrap();
        assert_eq!(read(r#""A""#), Some(0));
        assert_eq!(read(r#""B""#), Some(1));
        assert_eq!(read(r#""\u0042""#), Some(1), "an escaped key is read as its text");
        assert_eq!(read(r#""C""#), None);
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
    fn common_members_decode_under_the_lenient_policy() {
        let body = br#"{"0":"a","1":"2","2":3,"3":"true","9":7,"10":["X",1],"11":{"k":"v"},"x":null}"#;
        assert_eq!(__decode_common_members(body), 1);
        let decoded = crate::response::decode::from_slice_lossy::<Common>(body, false).unwrap();
        let m = decoded.output;
        assert_eq!((m.string.as_deref(), m.int, m.long, m.boolean), (Some("a"), Some(2), Some(3), Some(true)));
        assert_eq!(m.text, Some(WireString("7".to_owned())));
        assert_eq!(m.texts, Some(vec![WireString("X".to_owned()), WireString("1".to_owned())]));
        assert_eq!(m.map.unwrap()["k"], "v");
    }

    #[test]
    fn a_member_read_twice_is_a_duplicate_field() {
        let mut seen = false;
        assert!(first::<serde_json::Error>(&mut seen, "A").is_ok());
        let again = first::<serde_json::Error>(&mut seen, "A").unwrap_err();
        assert_eq!(again.to_string(), "duplicate field `A`");
    }
}
