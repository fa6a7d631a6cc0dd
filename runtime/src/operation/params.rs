//! Request parameters: an ordered list of key/value pairs, and how values are written
//! into it.
//!
//! Lists and structures are flattened with 1-based indexes (`InstanceId.1`,
//! `Tag.1.Key`); a member the spec marks `encoding: json` is written as one parameter
//! holding JSON (`InstanceIds=["i-1","i-2"]`).

use serde::Serialize;

/// Ordered request parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Params {
    pairs: Vec<(String, String)>,
}

impl Params {
    /// No parameters.
    pub fn new() -> Self {
        Self::default()
    }

    /// Appends one parameter.
    pub fn push(&mut self, key: impl Into<String>, value: impl Into<String>) {
        self.pairs.push((key.into(), value.into()));
    }

    /// Appends one parameter holding `value` as compact JSON.
    pub fn push_json<T: Serialize + ?Sized>(&mut self, key: &str, value: &T) {
        // Serializing the generated types (strings, numbers, lists, string-keyed maps,
        // structures) to JSON cannot fail.
        let json = serde_json::to_string(value).unwrap_or_default();
        self.push(key, json);
    }

    /// Appends one parameter holding `values` joined by commas (`tags=a,b`).
    pub fn push_csv<T: std::fmt::Display>(&mut self, key: &str, values: &[T]) {
        let joined = values.iter().map(ToString::to_string).collect::<Vec<_>>().join(",");
        self.push(key, joined);
    }

    /// [`push_json`](Self::push_json) for an optional member: nothing when it is `None`.
    pub fn push_json_opt<T: Serialize + ?Sized>(&mut self, key: &str, value: Option<&T>) {
        if let Some(value) = value {
            self.push_json(key, value);
        }
    }

    /// [`push_csv`](Self::push_csv) for an optional member: nothing when it is `None`.
    pub fn push_csv_opt<T: std::fmt::Display>(&mut self, key: &str, values: Option<&[T]>) {
        if let Some(values) = values {
            self.push_csv(key, values);
        }
    }

    /// The parameters in the order they were written.
    pub fn pairs(&self) -> &[(String, String)] {
        &self.pairs
    }

    /// `true` when there are none.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// The value of the first parameter named `key`.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.pairs.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

impl<K: Into<String>, V: Into<String>> FromIterator<(K, V)> for Params {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Self {
        Self { pairs: iter.into_iter().map(|(k, v)| (k.into(), v.into())).collect() }
    }
}

/// A value that can be written as request parameters under a key.
pub trait WriteParam {
    /// Writes `self` under `key` (a structure writes `key.Member`, a list `key.N`).
    fn write_param(&self, key: &str, out: &mut Params);

    /// Writes `self` as the member `member` of a structure written under `prefix`
    /// (`prefix.member`); an absent (`None`) member writes nothing and makes no key.
    fn write_member(&self, prefix: &str, member: &str, out: &mut Params) {
        self.write_param(&format!("{prefix}.{member}"), out);
    }
}

impl WriteParam for String {
    fn write_param(&self, key: &str, out: &mut Params) {
        out.push(key, self.as_str());
    }
}

impl WriteParam for str {
    fn write_param(&self, key: &str, out: &mut Params) {
        out.push(key, self);
    }
}

impl WriteParam for bool {
    fn write_param(&self, key: &str, out: &mut Params) {
        out.push(key, if *self { "true" } else { "false" });
    }
}

macro_rules! number_params {
    ($($t:ty),*) => {$(
        impl WriteParam for $t {
            fn write_param(&self, key: &str, out: &mut Params) {
                out.push(key, self.to_string());
            }
        }
    )*};
}
number_params!(i32, i64, u32, u64);

macro_rules! float_params {
    ($($t:ty),*) => {$(
        impl WriteParam for $t {
            /// Written as the official SDKs write it: `8.0`, `0.98` (a whole number keeps `.0`).
            fn write_param(&self, key: &str, out: &mut Params) {
                out.push(key, format!("{self:?}"));
            }
        }
    )*};
}
float_params!(f32, f64);

impl<T: WriteParam> WriteParam for Vec<T> {
    fn write_param(&self, key: &str, out: &mut Params) {
        for (i, item) in self.iter().enumerate() {
            item.write_param(&format!("{key}.{}", i + 1), out);
        }
    }
}

impl<T: WriteParam> WriteParam for std::collections::BTreeMap<String, T> {
    fn write_param(&self, key: &str, out: &mut Params) {
        for (k, v) in self {
            v.write_param(&format!("{key}.{k}"), out);
        }
    }
}

/// An optional member writes nothing when it is `None`, its value otherwise: a generated
/// input writes every member with one call, `self.zone_id.write_param("ZoneId", query)`.
impl<T: WriteParam> WriteParam for Option<T> {
    fn write_param(&self, key: &str, out: &mut Params) {
        if let Some(value) = self {
            value.write_param(key, out);
        }
    }

    fn write_member(&self, prefix: &str, member: &str, out: &mut Params) {
        if let Some(value) = self {
            value.write_member(prefix, member, out);
        }
    }
}

impl<T: WriteParam + ?Sized> WriteParam for &T {
    fn write_param(&self, key: &str, out: &mut Params) {
        (**self).write_param(key, out);
    }

    fn write_member(&self, prefix: &str, member: &str, out: &mut Params) {
        (**self).write_member(prefix, member, out);
    }
}

/// Deserializes a string-valued wire field, accepting numbers and booleans too (some
/// services send `1` where the document says `"1"`). Used by generated enums.
///
/// Asks for a string (`deserialize_string`), so self-describing formats that are not JSON
/// (quick-xml's serde deserializer reads an element as a map under `deserialize_any`) hand
/// over the text; yun's lenient decoder turns a number or boolean into its text there.
pub fn deserialize_wire_string<'de, D: serde::Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct V;
    impl serde::de::Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a string")
        }
        fn visit_str<E>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_string<E>(self, v: String) -> Result<String, E> {
            Ok(v)
        }
        fn visit_i64<E>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_u64<E>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_bool<E>(self, v: bool) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    deserializer.deserialize_string(V)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flattens_lists_with_one_based_indexes() {
        let mut out = Params::new();
        vec!["a".to_owned(), "b".to_owned()].write_param("InstanceId", &mut out);
        true.write_param("Force", &mut out);
        8.0f64.write_param("Memory", &mut out);
        0.98f32.write_param("SpotPriceLimit", &mut out);
        out.push_json("Ids", &["i-1", "i-2"]);
        out.push_csv("tags", &["a", "b"]);
        None::<String>.write_param("Absent", &mut out);
        Some(3i32).write_param("Count", &mut out);
        out.push_json_opt::<[&str]>("NoIds", None);
        out.push_csv_opt::<&str>("NoTags", None);
        out.push_csv_opt("MoreTags", Some(&["c"][..]));
        Some(Some("k")).write_member("Tag.1", "Key", &mut out);
        None::<&str>.write_member("Tag.1", "Value", &mut out);
        assert_eq!(
            out.pairs(),
            &[
                ("InstanceId.1".to_owned(), "a".to_owned()),
                ("InstanceId.2".to_owned(), "b".to_owned()),
                ("Force".to_owned(), "true".to_owned()),
                ("Memory".to_owned(), "8.0".to_owned()),
                ("SpotPriceLimit".to_owned(), "0.98".to_owned()),
                ("Ids".to_owned(), r#"["i-1","i-2"]"#.to_owned()),
                ("tags".to_owned(), "a,b".to_owned()),
                ("Count".to_owned(), "3".to_owned()),
                ("MoreTags".to_owned(), "c".to_owned()),
                ("Tag.1.Key".to_owned(), "k".to_owned()),
            ]
        );
    }
}
