//! Lenient decoding of response values into generated types.
//!
//! XML carries every value as text, and some services send `"10"` where their document says
//! Integer. [`lenient`] deserializes a `serde_json::Value` into `T`, converting only where
//! the target asks for something else: a string that parses as the number or boolean the
//! type wants, a single item or an empty string where a list is wanted, an empty string
//! where an optional value or a structure is wanted. Anything that still does not fit is an
//! error naming the path (`InstancesSet[0].InstanceCount`), never a panic.

use serde::de::{self, DeserializeOwned, IntoDeserializer, MapAccess, SeqAccess, Visitor};
use serde::forward_to_deserialize_any;
use serde_json::{Map, Value};

/// Deserializes `value` into `T`, converting text to the types `T` asks for.
pub fn lenient<T: DeserializeOwned>(value: Value) -> Result<T, String> {
    let root = Lenient { value: Value::Null, path: String::new() };
    T::deserialize(Lenient { value, path: String::new() }).map_err(|e| root.locate(e).message)
}

/// A decoding error, with its path once known.
#[derive(Debug)]
pub struct DecodeError {
    message: String,
    located: bool,
}

impl std::fmt::Display for DecodeError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: std::fmt::Display>(msg: T) -> Self {
        DecodeError { message: msg.to_string(), located: false }
    }
}

struct Lenient {
    value: Value,
    path: String,
}

impl Lenient {
    fn error(&self, msg: impl std::fmt::Display) -> DecodeError {
        self.locate(DecodeError { message: msg.to_string(), located: false })
    }

    /// Prefixes the path to an error raised below this value that has none yet.
    fn locate(&self, e: DecodeError) -> DecodeError {
        if e.located {
            return e;
        }
        let at = if self.path.is_empty() { "the response" } else { &self.path };
        DecodeError { message: format!("{at}: {}", e.message), located: true }
    }

    fn child(&self, key: &str, value: Value) -> Lenient {
        let path = if self.path.is_empty() { key.to_owned() } else { format!("{}.{key}", self.path) };
        Lenient { value, path }
    }

    fn text(&self) -> Option<&str> {
        self.value.as_str().map(str::trim)
    }
}

macro_rules! number {
    ($method:ident, $ty:ty, $visit:ident) => {
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
            if let Some(text) = self.text() {
                return match text.parse::<$ty>() {
                    Ok(n) => visitor.$visit(n),
                    Err(_) => Err(self.error(format_args!("`{text}` is not a {}", stringify!($ty)))),
                };
            }
            self.deserialize_any(visitor)
        }
    };
}

impl<'de> de::Deserializer<'de> for Lenient {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let here = Lenient { value: Value::Null, path: self.path.clone() };
        let result = match self.value {
            Value::Object(map) => visitor.visit_map(Entries { iter: map.into_iter(), pending: None, path: self.path }),
            Value::Array(items) => visitor.visit_seq(Items { iter: items.into_iter().enumerate(), path: self.path }),
            other => other.deserialize_any(visitor).map_err(|e| DecodeError { message: e.to_string(), located: false }),
        };
        result.map_err(|e| here.locate(e))
    }

    number!(deserialize_i8, i8, visit_i8);
    number!(deserialize_i16, i16, visit_i16);
    number!(deserialize_i32, i32, visit_i32);
    number!(deserialize_i64, i64, visit_i64);
    number!(deserialize_u8, u8, visit_u8);
    number!(deserialize_u16, u16, visit_u16);
    number!(deserialize_u32, u32, visit_u32);
    number!(deserialize_u64, u64, visit_u64);
    number!(deserialize_f32, f32, visit_f32);
    number!(deserialize_f64, f64, visit_f64);

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        if let Some(text) = self.text() {
            return match text.to_ascii_lowercase().as_str() {
                "true" => visitor.visit_bool(true),
                "false" => visitor.visit_bool(false),
                _ => Err(self.error(format_args!("`{text}` is not a boolean"))),
            };
        }
        self.deserialize_any(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Number(n) => visitor.visit_string(n.to_string()),
            Value::Bool(b) => visitor.visit_string(b.to_string()),
            _ => self.deserialize_any(visitor),
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.value {
            Value::Null => visitor.visit_none(),
            Value::String(s) if s.trim().is_empty() => visitor.visit_none(),
            _ => visitor.visit_some(self),
        }
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match self.value {
            Value::Array(_) => self.deserialize_any(visitor),
            Value::Null => visitor.visit_seq(Items { iter: Vec::new().into_iter().enumerate(), path: self.path }),
            Value::String(ref s) if s.trim().is_empty() => {
                visitor.visit_seq(Items { iter: Vec::new().into_iter().enumerate(), path: self.path })
            }
            // One item where a list is wanted (XML without an item wrapper).
            single => visitor.visit_seq(Items { iter: vec![single].into_iter().enumerate(), path: self.path }),
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        match &self.value {
            Value::String(s) if s.trim().is_empty() => {
                visitor.visit_map(Entries { iter: Map::new().into_iter(), pending: None, path: self.path })
            }
            Value::Object(_) => self.deserialize_any(visitor),
            other => Err(self.error(format_args!("expected a structure, found {}", kind(other)))),
        }
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_newtype_struct(self)
    }

    forward_to_deserialize_any! {
        char bytes byte_buf unit unit_struct tuple tuple_struct enum identifier ignored_any
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Array(_) => "a list",
        Value::Object(_) => "a structure",
    }
}

struct Items {
    iter: std::iter::Enumerate<std::vec::IntoIter<Value>>,
    path: String,
}

impl<'de> SeqAccess<'de> for Items {
    type Error = DecodeError;
    fn next_element_seed<T: de::DeserializeSeed<'de>>(&mut self, seed: T) -> Result<Option<T::Value>, DecodeError> {
        match self.iter.next() {
            Some((i, value)) => seed.deserialize(Lenient { value, path: format!("{}[{i}]", self.path) }).map(Some),
            None => Ok(None),
        }
    }
}

struct Entries {
    iter: serde_json::map::IntoIter,
    pending: Option<(String, Value)>,
    path: String,
}

impl<'de> MapAccess<'de> for Entries {
    type Error = DecodeError;
    fn next_key_seed<K: de::DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, DecodeError> {
        match self.iter.next() {
            Some((k, v)) => {
                let key = seed.deserialize(k.as_str().into_deserializer())?;
                self.pending = Some((k, v));
                Ok(Some(key))
            }
            None => Ok(None),
        }
    }

    fn next_value_seed<V: de::DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DecodeError> {
        let (key, value) = self.pending.take().ok_or_else(|| de::Error::custom("value without a key"))?;
        let parent = Lenient { value: Value::Null, path: self.path.clone() };
        seed.deserialize(parent.child(&key, value))
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
        assert!(e.contains("Inner.Inner.Count") && e.contains("`many` is not a i32"), "{e}");
        let e = lenient::<Out>(json!({"Ids": [{"a": 1}]})).unwrap_err();
        assert!(e.contains("Ids[0]"), "{e}");
    }
}
