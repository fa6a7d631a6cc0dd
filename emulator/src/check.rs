//! Inputs checked as the services check them, from the spec's member facts, answered with the
//! provider's parameter error: ranges, lengths, patterns, `allowed` and enum values, list
//! sizes, path members that cannot stand in a URL path (``, `.`, `..`), at every depth
//! (members of structures, of structures in lists and maps: KEC `DataDisk.N.Size`, JD's
//! `instanceSpec.dataDisks.N.…`), and the operation's `one_of` groups (exactly one group
//! sent, all of its members, none of another's) and `at_least_one_of` groups (a member of
//! each sent), as the generated `build()` checks them.
//! Required top-level members and types are checked by the generated decoders.

use std::collections::HashMap;

use regex::Regex;
use serde_json::{Map, Value};
use yun_codegen::load::LoadedSpec;
use yun_codegen::spec::{Location, Member, ShapeKind, TypeExpr, UniqueMap};

use crate::state::Refused;
use crate::wire::text;
use crate::Provider;

/// The most structure levels a check descends (no spec nests inputs deeper than 4; a
/// recursive shape must not make a check recurse without end).
const MAX_DEPTH: usize = 16;

/// The spec's member patterns, compiled once, by pattern text: every input member's and every
/// structure member's. A pattern the `regex` crate does not take (none in the specs today) is
/// not checked.
pub fn patterns(spec: &LoadedSpec) -> HashMap<String, Regex> {
    let inputs = spec.spec.operations.iter().flat_map(|(_, op)| op.input.iter());
    let shapes = spec.spec.shapes.iter().flat_map(|(_, shape)| shape.members.iter().flat_map(|m| m.iter()));
    let mut all = HashMap::new();
    for (_, member) in inputs.chain(shapes) {
        if let Some(p) = member.pattern.as_deref() {
            if !all.contains_key(p) {
                if let Ok(regex) = Regex::new(p) {
                    all.insert(p.to_owned(), regex);
                }
            }
        }
    }
    all
}

/// Bounds as a reader writes them: `5..=1000`, `at least 1`, `at most 64`.
fn bounds<T: std::fmt::Display>(min: Option<T>, max: Option<T>) -> String {
    match (min, max) {
        (Some(min), Some(max)) => format!("{min}..={max}"),
        (Some(min), None) => format!("at least {min}"),
        (None, Some(max)) => format!("at most {max}"),
        (None, None) => "any".to_owned(),
    }
}

struct Checker<'a> {
    spec: &'a LoadedSpec,
    patterns: &'a HashMap<String, Regex>,
    provider: Provider,
}

/// The member `key` of `object`: its exact wire name, else the same name in another case
/// (the tree of a REST body keeps the client's spelling).
fn member<'v>(object: &'v Map<String, Value>, key: &str) -> Option<&'v Value> {
    object.get(key).or_else(|| object.iter().find(|(k, _)| k.eq_ignore_ascii_case(key)).map(|(_, v)| v))
}

impl Checker<'_> {
    fn refuse(&self, name: &str, what: String) -> Result<(), Refused> {
        Err(crate::answer::parameter_error(self.provider, name, &what))
    }

    /// The members of `members` that `object` holds; `prefix` names the structure on the wire
    /// (`DataDisk.2`), empty at the top.
    fn members(&self, members: &UniqueMap<Member>, object: &Map<String, Value>, prefix: &str, depth: usize) -> Result<(), Refused> {
        if depth > MAX_DEPTH {
            return Ok(());
        }
        for (key, m) in members.iter() {
            let Some(value) = member(object, key) else { continue };
            if value.is_null() {
                continue;
            }
            let name = if prefix.is_empty() { key.clone() } else { format!("{prefix}.{key}") };
            let Ok(ty) = TypeExpr::parse(&m.ty) else { continue };
            if depth == 0 && m.location == Some(Location::Path) {
                if let Some(t) = text(value).filter(|t| t.is_empty() || t == "." || t == "..") {
                    return self.refuse(&name, format!("is `{t}`, which cannot stand in a URL path"));
                }
            }
            self.value(m, &ty, value, &name, depth)?;
        }
        Ok(())
    }

    /// `value` of member `m`, whose type (or item type, inside a list) is `ty`.
    fn value(&self, m: &Member, ty: &TypeExpr, value: &Value, name: &str, depth: usize) -> Result<(), Refused> {
        match ty {
            TypeExpr::List(inner) => {
                // A flat list sent as one value (`InstanceId=a`) is a list of one.
                let items: Vec<&Value> = match value {
                    Value::Array(items) => items.iter().collect(),
                    other => vec![other],
                };
                let n = items.len();
                if m.min_items.is_some_and(|min| n < min as usize) || m.max_items.is_some_and(|max| n > max as usize) {
                    return self.refuse(name, format!("has {n} items; it takes {}", bounds(m.min_items, m.max_items)));
                }
                for (i, item) in items.into_iter().enumerate() {
                    self.item(m, inner, item, &format!("{name}.{}", i + 1), depth)?;
                }
                Ok(())
            }
            TypeExpr::Map(inner) => match value {
                Value::Object(entries) => {
                    for (k, v) in entries {
                        self.item(m, inner, v, &format!("{name}.{k}"), depth)?;
                    }
                    Ok(())
                }
                _ => Ok(()),
            },
            _ => self.item(m, ty, value, name, depth),
        }
    }

    /// One value (a list's item, or the member itself) of type `ty`: a structure's members,
    /// else the member's own scalar facts.
    fn item(&self, m: &Member, ty: &TypeExpr, value: &Value, name: &str, depth: usize) -> Result<(), Refused> {
        match ty {
            TypeExpr::List(_) | TypeExpr::Map(_) => self.value(m, ty, value, name, depth + 1),
            TypeExpr::Named(shape_name) => {
                let Some(shape) = self.spec.spec.shapes.get(shape_name) else { return Ok(()) };
                match (&shape.kind, value, &shape.members) {
                    (ShapeKind::Structure, Value::Object(object), Some(members)) => self.members(members, object, name, depth + 1),
                    (ShapeKind::Structure, _, _) => Ok(()),
                    _ => {
                        self.scalar(m, value, name)?;
                        let Some(t) = text(value) else { return Ok(()) };
                        match &shape.values {
                            Some(values) if !values.keys().any(|k| *k == t) => {
                                self.refuse(name, "is not one of its enum values".to_owned())
                            }
                            _ => Ok(()),
                        }
                    }
                }
            }
            TypeExpr::Scalar(_) => self.scalar(m, value, name),
        }
    }

    /// `range`, `length`, `pattern` and `allowed` of member `m` on a scalar `value`.
    fn scalar(&self, m: &Member, value: &Value, name: &str) -> Result<(), Refused> {
        let Some(t) = text(value) else { return Ok(()) };
        if let Some(range) = &m.range {
            if let Ok(n) = t.trim().parse::<f64>() {
                if range.min.is_some_and(|min| n < min as f64) || range.max.is_some_and(|max| n > max as f64) {
                    return self.refuse(name, format!("is out of its range {}", bounds(range.min, range.max)));
                }
            }
        }
        if let Some(length) = &m.length {
            let n = t.chars().count() as i64;
            if length.min.is_some_and(|min| n < min) || length.max.is_some_and(|max| n > max) {
                return self.refuse(name, format!("has {n} characters; it takes {}", bounds(length.min, length.max)));
            }
        }
        if let Some(p) = m.pattern.as_deref() {
            if self.patterns.get(p).is_some_and(|re| !re.is_match(&t)) {
                return self.refuse(name, format!("does not match the pattern `{p}`"));
            }
        }
        if let Some(allowed) = &m.allowed {
            if !allowed.iter().any(|a| text(a).as_deref() == Some(t.as_str())) {
                let listed: Vec<String> = allowed.iter().filter_map(text).collect();
                return self.refuse(name, format!("is not one of {}", listed.join(", ")));
            }
        }
        Ok(())
    }
}

/// Whether member `key` of the request counts as sent: present, not null, not an empty list
/// or string (an empty list puts nothing on the wire; the generated check counts it unset).
fn sent(object: &Map<String, Value>, key: &str) -> bool {
    match member(object, key) {
        None | Some(Value::Null) => false,
        Some(Value::Array(items)) => !items.is_empty(),
        Some(Value::String(s)) => !s.is_empty(),
        Some(_) => true,
    }
}

/// The first problem of `input` (the request's members, [`crate::wire::input_tree`]) against
/// `operation`'s input (by its spec key), as the provider's parameter error: a member out of
/// its bounds at any depth, the `one_of` groups not kept, or an `at_least_one_of` group of
/// which nothing was sent.
pub fn check(
    spec: &LoadedSpec,
    patterns: &HashMap<String, Regex>,
    operation: &str,
    input: &Value,
    provider: Provider,
) -> Result<(), Refused> {
    let Some(op) = spec.spec.operations.get(operation) else { return Ok(()) };
    let empty = Map::new();
    let object = input.as_object().unwrap_or(&empty);
    let checker = Checker { spec, patterns, provider };
    checker.members(&op.input, object, "", 0)?;
    if !op.one_of.is_empty() {
        let show = |group: &Vec<String>| format!("({})", group.join(", "));
        let groups: Vec<String> = op.one_of.iter().map(show).collect();
        let chosen: Vec<&Vec<String>> = op.one_of.iter().filter(|g| g.iter().any(|k| sent(object, k))).collect();
        let what = match chosen.as_slice() {
            [] => Some(format!("one of the groups {} is required", groups.join(" or "))),
            [one] => one.iter().find(|k| !sent(object, k)).map(|k| format!("`{k}` is required with the other members of {}", show(one))),
            many => Some(format!("the groups {} cannot be sent together", many.iter().map(|g| show(g)).collect::<Vec<_>>().join(" and "))),
        };
        if let Some(what) = what {
            let wire = op.one_of.iter().flatten().next().map_or("", String::as_str);
            let mut refused = crate::answer::parameter_error(provider, wire, "");
            refused.message = what;
            return Err(refused);
        }
    }
    for group in &op.at_least_one_of {
        if !group.iter().any(|k| sent(object, k)) {
            let wire = group.first().map_or("", String::as_str);
            let mut refused = crate::answer::parameter_error(provider, wire, "");
            refused.message = format!("at least one of {} is required", group.join(", "));
            return Err(refused);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn bounds_read_as_text() {
        assert_eq!(super::bounds(Some(5), Some(1000)), "5..=1000");
        assert_eq!(super::bounds(Some(1), None::<i64>), "at least 1");
        assert_eq!(super::bounds(None, Some(64)), "at most 64");
    }
}
