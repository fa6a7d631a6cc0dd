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

use serde::de::{self, DeserializeSeed, Deserializer, Visitor};
use serde::Serialize;

use crate::params::Params;

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
#[derive(Clone, Copy)]
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
    fn a_member_read_twice_is_a_duplicate_field() {
        let mut seen = false;
        assert!(first::<serde_json::Error>(&mut seen, "A").is_ok());
        let again = first::<serde_json::Error>(&mut seen, "A").unwrap_err();
        assert_eq!(again.to_string(), "duplicate field `A`");
    }
}
