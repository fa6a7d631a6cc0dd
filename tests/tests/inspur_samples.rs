//! The JSON samples of the Inspur Cloud ECS document (`tests/fixtures/inspur/samples/`, copied
//! from `004_1a970b265b721a5a.txt` exactly as printed; `index.json` gives each one's operation,
//! kind and line): every sample the index marks valid is JSON with unique keys, and every one it
//! marks invalid is not, so the index's `broken` list stays true to the files.
//!
//! "Valid" is stricter than `serde_json::Value` parsing: a duplicate key (which `Value` silently
//! collapses, keeping the last) makes a sample invalid, as it would fail decoding into a typed
//! structure.

use std::collections::HashSet;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

#[derive(Deserialize)]
struct Index {
    samples: Vec<Sample>,
}

#[derive(Deserialize)]
struct Sample {
    file: String,
    /// `None` for the sample that belongs to no operation.
    operation: Option<String>,
    kind: String,
    line: usize,
    valid: bool,
    why: String,
}

/// Walks any JSON value, failing on an object that repeats a key.
struct Strict;

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = ();
    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }
    fn visit_bool<E>(self, _: bool) -> Result<(), E> {
        Ok(())
    }
    fn visit_i64<E>(self, _: i64) -> Result<(), E> {
        Ok(())
    }
    fn visit_u64<E>(self, _: u64) -> Result<(), E> {
        Ok(())
    }
    fn visit_f64<E>(self, _: f64) -> Result<(), E> {
        Ok(())
    }
    fn visit_str<E>(self, _: &str) -> Result<(), E> {
        Ok(())
    }
    fn visit_unit<E>(self) -> Result<(), E> {
        Ok(())
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
        while seq.next_element_seed(Strict)?.is_some() {}
        Ok(())
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<(), A::Error> {
        let mut seen = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("duplicate key `{key}`")));
            }
            map.next_value_seed(Strict)?;
        }
        Ok(())
    }
}

/// Parses `text` as one JSON value whose objects have unique keys.
fn strict_json(text: &str) -> Result<(), String> {
    let mut de = serde_json::Deserializer::from_str(text);
    Strict.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())
}

fn index() -> Index {
    let path = yun_tests::fixture("inspur/samples/index.json");
    serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap()
}

#[test]
fn strict_json_rejects_what_value_accepts() {
    assert!(serde_json::from_str::<serde_json::Value>(r#"{"a": 1, "a": 2}"#).is_ok());
    assert_eq!(strict_json(r#"{"a": {"b": 1, "b": 2}}"#).unwrap_err().split(" at ").next(), Some("duplicate key `b`"));
    assert!(strict_json(r#"[{"a": 1}, {"a": 2}]"#).is_ok());
    assert!(strict_json("{} {}").is_err());
}

#[test]
fn index_lists_every_sample_once() {
    let index = index();
    let dir = yun_tests::fixture("inspur/samples");
    let listed: HashSet<&str> = index.samples.iter().map(|s| s.file.as_str()).collect();
    assert_eq!(listed.len(), index.samples.len(), "a file is listed twice");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|f| f.ends_with(".json") && f != "index.json")
        .collect();
    on_disk.sort();
    let unlisted: Vec<&String> = on_disk.iter().filter(|f| !listed.contains(f.as_str())).collect();
    assert!(unlisted.is_empty(), "samples missing from index.json: {unlisted:?}");
    assert_eq!(index.samples.len(), 24, "the document has 24 fenced json blocks");
    for s in &index.samples {
        assert!(s.kind == "request" || s.kind == "response", "{}: kind `{}`", s.file, s.kind);
        if let Some(op) = &s.operation {
            assert!(s.file.starts_with(&format!("{op}-{}", s.kind)), "{}: named after {op} {}", s.file, s.kind);
        }
        assert!(s.line > 0, "{}: no line", s.file);
        assert_eq!(s.valid, s.why.is_empty(), "{}: `why` explains exactly the invalid samples", s.file);
    }
}

#[test]
fn samples_are_valid_json_exactly_as_the_index_says() {
    let dir = yun_tests::fixture("inspur/samples");
    let mut wrong = Vec::new();
    let (mut valid, mut broken) = (0, 0);
    for s in index().samples {
        let text = std::fs::read_to_string(dir.join(&s.file)).unwrap();
        let op = s.operation.as_deref().unwrap_or("(no operation)");
        match (s.valid, strict_json(&text)) {
            (true, Ok(())) => valid += 1,
            (false, Err(e)) => {
                broken += 1;
                println!("{} ({op} {}, line {}): broken as documented: {}; parser: {e}", s.file, s.kind, s.line, s.why);
            }
            (true, Err(e)) => wrong.push(format!("{} (line {}) is marked valid but does not parse: {e}", s.file, s.line)),
            (false, Ok(())) => wrong.push(format!("{} (line {}) is marked invalid ({}) but parses", s.file, s.line, s.why)),
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    assert_eq!((valid, broken), (20, 4));
}
