//! XML response bodies as `serde_json::Value`, so one set of serde types decodes both the
//! JSON and the XML a service may send.
//!
//! The root element is dropped (its children are the response's members). An element with
//! text only becomes a string; an element with children becomes an object, a repeated
//! child name an array; an element whose children are all `item` (or `Item`, `member`) is a
//! list wrapper and becomes an array. Attributes (namespaces) are ignored. Values stay
//! strings: [`crate::response::decode::lenient`] decodes the tree under the one policy of every
//! provider (see [`crate::response::decode`]): text becomes the number or boolean the target type asks
//! for, an empty element is an absent member, a single element where a list is wanted a list
//! of one, unknown elements are skipped. A repeated element is a list (XML has no duplicate
//! keys): where the type wants one value it is an error naming the path.

use quick_xml::events::Event;
use quick_xml::Reader;
use serde_json::{Map, Value};

/// Names of list-item elements.
const ITEM_NAMES: &[&str] = &["item", "Item", "member"];

/// Deepest nesting accepted (a hostile body cannot exhaust the stack).
const MAX_DEPTH: usize = 64;

/// An element being read.
struct Open {
    name: String,
    children: Vec<(String, Value)>,
    text: String,
}

/// Parses an XML document into a value; the error says what is wrong and where.
pub fn to_value(xml: &str) -> Result<Value, String> {
    let mut reader = Reader::from_str(xml);
    let mut stack: Vec<Open> = Vec::new();
    let mut root: Option<Value> = None;
    loop {
        let position = reader.buffer_position();
        let event = reader.read_event().map_err(|e| format!("malformed XML at byte {position}: {e}"))?;
        match event {
            Event::Start(e) => {
                if stack.len() >= MAX_DEPTH {
                    return Err(format!("XML nested deeper than {MAX_DEPTH} elements"));
                }
                let name = crate::request::encoding::utf8_lossy(e.local_name().as_ref()).into_owned();
                stack.push(Open { name, children: Vec::new(), text: String::new() });
            }
            Event::Empty(e) => {
                let name = crate::request::encoding::utf8_lossy(e.local_name().as_ref()).into_owned();
                match stack.last_mut() {
                    Some(parent) => parent.children.push((name, Value::String(String::new()))),
                    None => root = Some(Value::Object(Map::new())),
                }
            }
            Event::Text(t) => {
                let text = t.unescape().map_err(|e| format!("bad XML text at byte {position}: {e}"))?;
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&text);
                }
            }
            Event::CData(t) => {
                if let Some(top) = stack.last_mut() {
                    top.text.push_str(&crate::request::encoding::utf8_lossy(&t.into_inner()));
                }
            }
            Event::End(_) => {
                let Some(Open { name, children, text }) = stack.pop() else {
                    return Err(format!("unexpected closing tag at byte {position}"));
                };
                let value = element_value(children, text);
                match stack.last_mut() {
                    Some(parent) => parent.children.push((name, value)),
                    None => root = Some(value),
                }
            }
            Event::Eof => break,
            _ => {} // declarations, comments, processing instructions
        }
    }
    if !stack.is_empty() {
        return Err(format!("truncated XML: <{}> is never closed", stack[stack.len() - 1].name));
    }
    root.ok_or_else(|| "no XML element found".to_owned())
}

fn element_value(children: Vec<(String, Value)>, text: String) -> Value {
    if children.is_empty() {
        return Value::String(text.trim().to_owned());
    }
    if children.iter().all(|(name, _)| ITEM_NAMES.contains(&name.as_str())) {
        return Value::Array(children.into_iter().map(|(_, v)| v).collect());
    }
    // Group by name, keeping first-seen order; a repeated name becomes an array.
    let mut grouped: Vec<(String, Vec<Value>)> = Vec::new();
    for (name, value) in children {
        match grouped.iter_mut().find(|(n, _)| *n == name) {
            Some((_, values)) => values.push(value),
            None => grouped.push((name, vec![value])),
        }
    }
    let mut map = Map::new();
    for (name, mut values) in grouped {
        let value = if values.len() == 1 { values.remove(0) } else { Value::Array(values) };
        map.insert(name, value);
    }
    Value::Object(map)
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn converts_wrappers_repeats_and_text() {
        let xml = r#"<?xml version="1.0" encoding="UTF-8"?>
            <DescribeInstancesResponse xmlns="https://kec.api.ksyun.com/2016-03-04/">
              <RequestId>r-1</RequestId>
              <InstancesSet><item><InstanceId>i-1</InstanceId><Tag>a</Tag><Tag>b</Tag><Tag>c</Tag></item></InstancesSet>
              <Empty/>
              <Note><![CDATA[a < b]]> &amp; c</Note>
            </DescribeInstancesResponse>"#;
        assert_eq!(
            to_value(xml).unwrap(),
            json!({"RequestId": "r-1", "InstancesSet": [{"InstanceId": "i-1", "Tag": ["a", "b", "c"]}], "Empty": "", "Note": "a < b & c"})
        );
    }

    #[test]
    fn rejects_truncated_and_malformed_documents() {
        assert!(to_value("<A><B>x</B>").unwrap_err().contains("never closed"));
        assert!(to_value("<A></B>").is_err());
        assert!(to_value("").is_err());
        let deep = "<a>".repeat(100) + &"</a>".repeat(100);
        assert!(to_value(&deep).unwrap_err().contains("deeper"));
    }
}
