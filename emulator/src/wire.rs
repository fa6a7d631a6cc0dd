//! Reading members of a request, and writing members of an answer, by wire paths.
//!
//! A request's members become one JSON tree whatever the protocol: the RPC and query
//! protocols' flat parameters (`InstanceId.1`, `Filter.1.Value.2`, `SystemDisk.Category`)
//! nest at their dots, numbered segments becoming list items by the rule the server's decoder
//! reads them with (`yun_runtime::server`'s list reader: items from 1, or from 0 when `K.0` is
//! there, without a gap, the decoder having refused a request whose list has a gap or no first
//! item; [`list_index`]), so the checks and the model see
//! the lists the decoded input holds; a parameter holding a
//! JSON list or object (Aliyun's `json` encoding) is read as that JSON; the REST protocols'
//! JSON body is the tree, with the path's `{name}` segments and the query added.
//!
//! Known differences from the decoded input, as the tree is read apart from it: a member is
//! found without regard to case ([`get_all`]); of a scalar and a structure sent under one name
//! (`K=x`, `K.Size=1`) the first sent stays; a name under a list that is no index (`K.x`)
//! leaves the list an object. Building the tree from the decoded input would remove them.

use serde_json::{Map, Value};
use yun_codegen::ir::resources::WireStep;
use yun_runtime::server::{list_index, Request};

/// The request's members as one JSON object (see the module's docs). `path_params` are the
/// REST path template's segments.
pub fn input_tree(request: &Request, path_params: &[(String, String)]) -> Value {
    let mut root = match request.json_body() {
        Ok(Some(Value::Object(body))) => Value::Object(body),
        _ => Value::Object(Map::new()),
    };
    let params = request.merged_params();
    let mut flat: Vec<(String, String)> = request.query().iter().chain(request.form()).cloned().collect::<Vec<_>>();
    // merged_params' last-wins order, without duplicates.
    flat.retain(|(k, v)| params.get(k) == Some(v.as_str()));
    flat.extend(path_params.iter().cloned());
    for (key, value) in flat {
        let parsed = match value.trim_start().chars().next() {
            Some('[' | '{') => serde_json::from_str(&value).unwrap_or(Value::String(value)),
            _ => Value::String(value),
        };
        insert_flat(&mut root, &key, parsed);
    }
    finish_lists(&mut root);
    root
}

/// The most dots a flat parameter's key is read through.
const MAX_DEPTH: usize = 32;

/// Inserts `value` at a dotted key; numbered segments become objects keyed `#n` until
/// [`finish_lists`] turns them into lists. A key with a number that is no list index (`K.01`)
/// is left out: it names no item, and the decoder does not read it.
fn insert_flat(root: &mut Value, key: &str, value: Value) {
    let mut at = root;
    let segments: Vec<&str> = key.split('.').collect();
    // No spec nests members this deep: a longer key names no member (and would nest the
    // tree past what its walks should recurse through).
    if segments.len() > MAX_DEPTH {
        return;
    }
    for (i, segment) in segments.iter().enumerate() {
        let name = if segment.chars().all(|c| c.is_ascii_digit()) && !segment.is_empty() {
            match list_index(segment) {
                Some(index) => format!("#{index}"),
                None => return,
            }
        } else {
            (*segment).to_owned()
        };
        let Value::Object(map) = at else { return };
        if i + 1 == segments.len() {
            map.entry(name).or_insert(value);
            return;
        }
        let next = map.entry(name).or_insert_with(|| Value::Object(Map::new()));
        if !next.is_object() {
            // A scalar already there (`Tag=x` and `Tag.1.Key=y`): the scalar stays.
            return;
        }
        at = next;
    }
}

/// Turns the objects of numbered keys into lists, as the decoder reads an indexed list: items
/// `#1`, `#2`, … (from `#0` when it is there) up to the first index not there. Returns `false`
/// for a value that holds no member any more (an object whose members were all dropped), which
/// its parent leaves out. A list with a gap or no first item is not reached (the decoder
/// refused such a request before its tree is read).
fn finish_lists(value: &mut Value) -> bool {
    match value {
        Value::Object(map) => {
            let before = map.len();
            map.retain(|_, v| finish_lists(v));
            if map.is_empty() {
                return before == 0;
            }
            if map.keys().all(|k| k.starts_with('#')) {
                let mut items: std::collections::BTreeMap<usize, Value> =
                    std::mem::take(map).into_iter().filter_map(|(k, v)| Some((k[1..].parse().ok()?, v))).collect();
                let start = usize::from(!items.contains_key(&0));
                let list: Vec<Value> = (start..).map_while(|i| items.remove(&i)).collect();
                if list.is_empty() {
                    return false;
                }
                *value = Value::Array(list);
            }
            true
        }
        Value::Array(items) => {
            items.iter_mut().for_each(|v| {
                finish_lists(v);
            });
            true
        }
        _ => true,
    }
}

/// Every value at `path` in `value`: list steps (and lists met where a structure was
/// expected) go through each item. A list at the end gives its items.
pub fn get_all<'a>(value: &'a Value, path: &[WireStep]) -> Vec<&'a Value> {
    let mut current = vec![value];
    for step in path {
        let mut next = Vec::new();
        for v in current {
            let found = match v {
                Value::Object(map) => {
                    map.get(&step.wire).or_else(|| map.iter().find(|(k, _)| k.eq_ignore_ascii_case(&step.wire)).map(|(_, v)| v))
                }
                _ => None,
            };
            match found {
                Some(Value::Array(items)) => next.extend(items.iter()),
                Some(Value::Null) | None => {}
                Some(other) => next.push(other),
            }
        }
        current = next;
    }
    current
}

/// The first value at `path`, as text (numbers and booleans written as JSON writes them).
pub fn get_text(value: &Value, path: &[WireStep]) -> Option<String> {
    get_all(value, path).first().and_then(|v| text(v))
}

/// Every value at `path`, as text.
pub fn get_texts(value: &Value, path: &[WireStep]) -> Vec<String> {
    get_all(value, path).into_iter().filter_map(text).collect()
}

/// A scalar as text.
pub fn text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// Sets `path` (no lists on the way) in `value` to `new`, creating structures on the way.
pub fn set(value: &mut Value, path: &[WireStep], new: Value) {
    let Some((last, init)) = path.split_last() else { return };
    let mut at = value;
    for step in init {
        if !at.is_object() {
            *at = Value::Object(Map::new());
        }
        let Value::Object(map) = at else { return };
        at = map.entry(step.wire.clone()).or_insert_with(|| Value::Object(Map::new()));
    }
    if !at.is_object() {
        *at = Value::Object(Map::new());
    }
    if let Value::Object(map) = at {
        map.insert(last.wire.clone(), new);
    }
}

/// Sets `path` in `value` to one entry per value of `values`: the first list step on the path
/// holds a list whose items hold the rest of the path (a list at the end holds the values).
pub fn set_list(value: &mut Value, path: &[WireStep], values: Vec<Value>) {
    match path.iter().position(|s| s.list) {
        Some(i) if i + 1 == path.len() => set(value, path, Value::Array(values)),
        Some(i) => {
            let rest = &path[i + 1..];
            let items = values
                .into_iter()
                .map(|v| {
                    let mut item = Value::Object(Map::new());
                    set(&mut item, rest, v);
                    item
                })
                .collect();
            set(value, &path[..=i], Value::Array(items));
        }
        None => set(value, path, values.into_iter().next().unwrap_or(Value::Null)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn step(wire: &str, list: bool) -> WireStep {
        WireStep { wire: wire.to_owned(), list }
    }

    #[test]
    fn flat_parameters_nest() {
        let r = Request::new(
            "GET",
            "/?Action=A&InstanceId.2=b&InstanceId.1=a&Filter.1.Name=n&Filter.1.Value.1=v&SystemDisk.Type=x&Ids=%5B%22i-1%22%5D",
            vec![],
            vec![],
        );
        let t = input_tree(&r, &[]);
        assert_eq!(t["InstanceId"], serde_json::json!(["a", "b"]));
        assert_eq!(t["Filter"][0]["Value"], serde_json::json!(["v"]));
        assert_eq!(t["SystemDisk"]["Type"], "x");
        assert_eq!(t["Ids"], serde_json::json!(["i-1"]));
        assert_eq!(get_texts(&t, &[step("Filter", true), step("Name", false)]), vec!["n"]);
        // Lists as the decoder reads them: no first item, no list (inside a list's item too);
        // `.01` names no item; a list with a `.0` starts there (Kingsoft's Python SDK); ten
        // items in numeric order.
        let r = Request::new("GET", "/?Tag.2.Key=k&Disk.1.Size=1&Disk.1.Ids.2=x&Net.1.Ids.2=y&Id.01=w&Id.1=a", vec![], vec![]);
        let t = input_tree(&r, &[]);
        assert_eq!(t, serde_json::json!({"Disk": [{"Size": "1"}], "Id": ["a"]}));
        let r = Request::new("GET", "/?Id.0=z&Id.1=a&Disk.0.Ids.0=x&Disk.0.Ids.1=y", vec![], vec![]);
        assert_eq!(input_tree(&r, &[]), serde_json::json!({"Disk": [{"Ids": ["x", "y"]}], "Id": ["z", "a"]}));
        let ten: Vec<String> = (1..=10).map(|i| format!("N.{i}={i}")).collect();
        let t = input_tree(&Request::new("GET", &format!("/?{}", ten.join("&")), vec![], vec![]), &[]);
        assert_eq!(t["N"], serde_json::json!(["1", "2", "3", "4", "5", "6", "7", "8", "9", "10"]));
        let deep = format!("/?{}=1", vec!["A"; 100_000].join("."));
        assert_eq!(input_tree(&Request::new("GET", &deep, vec![], vec![]), &[]), serde_json::json!({}));
    }

    #[test]
    fn lists_are_written_through_their_first_list_step() {
        let mut out = Value::Object(Map::new());
        set_list(&mut out, &[step("InstancesSet", true), step("InstanceId", false)], vec!["a".into(), "b".into()]);
        assert_eq!(out, serde_json::json!({"InstancesSet": [{"InstanceId": "a"}, {"InstanceId": "b"}]}));
        let mut out = Value::Object(Map::new());
        set_list(&mut out, &[step("Ids", false), step("Id", true)], vec!["a".into()]);
        assert_eq!(out, serde_json::json!({"Ids": {"Id": ["a"]}}));
    }
}
