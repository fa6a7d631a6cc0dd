//! Facts about a resolved service that the emitters read instead of computing: which
//! structures a request must check (`check_members`), which hold a secret, whether an
//! operation is safe to repeat and whether its output holds a secret.

use std::collections::{BTreeSet, HashMap};

use super::{Field, Operation, RustType, Shape, ShapeKind};
use crate::spec::{Location, Scalar};

impl Field {
    /// The member has a constraint `build()` checks: required, a range, a length, allowed
    /// values, a pattern, list bounds, or it fills a `{name}` path segment.
    pub fn has_constraints(&self) -> bool {
        self.required
            || self.range.is_some()
            || self.length.is_some()
            || !self.allowed.is_empty()
            || self.pattern.is_some()
            || self.items.is_some()
            || self.fills_path_segment()
    }

    /// A string that fills a `{name}` segment of a REST path (checked to name a resource).
    pub fn fills_path_segment(&self) -> bool {
        self.location == Location::Path && self.ty == RustType::Scalar(Scalar::String)
    }

    /// Whether the member is sensitive or holds a structure of `secret` (see
    /// [`Service::secret_structures`](super::Service::secret_structures)).
    pub fn holds_secret(&self, secret: &BTreeSet<String>) -> bool {
        self.sensitive || structure(&self.ty).is_some_and(|name| secret.contains(name))
    }
}

/// The structures that need checking when a request holds them: those reachable from an
/// operation's input with a constraint somewhere inside.
pub(super) fn checked_structures(shapes: &[Shape], operations: &[Operation]) -> BTreeSet<String> {
    let fields_of: HashMap<&str, &[Field]> = shapes
        .iter()
        .filter_map(|s| match &s.kind {
            ShapeKind::Struct(fields) => Some((s.name.as_str(), fields.as_slice())),
            ShapeKind::Enum(_) => None,
        })
        .collect();
    let held = |name: &str| -> Vec<String> {
        fields_of.get(name).map(|fields| fields.iter().filter_map(|f| structure_of(&f.ty)).collect()).unwrap_or_default()
    };
    // Structures an input reaches, and who holds each (a worklist: each structure once).
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut holders: HashMap<String, Vec<String>> = HashMap::new();
    let mut todo: Vec<String> = operations.iter().flat_map(|op| op.input.iter().filter_map(|f| structure_of(&f.ty))).collect();
    while let Some(name) = todo.pop() {
        if reached.insert(name.clone()) {
            for inner in held(&name) {
                holders.entry(inner.clone()).or_default().push(name.clone());
                todo.push(inner);
            }
        }
    }
    // Those with something to check, directly or through a member: from the ones with
    // checks of their own up to their holders.
    let mut checked: BTreeSet<String> = reached
        .iter()
        .filter(|n| fields_of.get(n.as_str()).is_some_and(|fields| fields.iter().any(Field::has_constraints)))
        .cloned()
        .collect();
    let mut todo: Vec<String> = checked.iter().cloned().collect();
    while let Some(name) = todo.pop() {
        for holder in holders.get(&name).into_iter().flatten() {
            if checked.insert(holder.clone()) {
                todo.push(holder.clone());
            }
        }
    }
    checked
}

/// The structure a field holds, itself (boxed or not) or as list items.
fn structure_of(ty: &RustType) -> Option<String> {
    ty.structure(true).map(str::to_owned)
}

/// The structures that hold a sensitive member, at any depth (through structures, lists,
/// maps and boxes).
pub(super) fn secret_structures(shapes: &[Shape]) -> BTreeSet<String> {
    let structs: Vec<(&str, &[Field])> = shapes
        .iter()
        .filter_map(|s| match &s.kind {
            ShapeKind::Struct(fields) => Some((s.name.as_str(), fields.as_slice())),
            ShapeKind::Enum(_) => None,
        })
        .collect();
    // Who holds each structure, and the structures with a sensitive member of their own.
    let mut holders: HashMap<&str, Vec<&str>> = HashMap::new();
    let mut secret = BTreeSet::new();
    let mut todo = Vec::new();
    for (name, fields) in &structs {
        for f in *fields {
            if let Some(inner) = structure(&f.ty) {
                holders.entry(inner).or_default().push(name);
            }
        }
        if fields.iter().any(|f| f.sensitive) && secret.insert(name.to_string()) {
            todo.push(*name);
        }
    }
    // Up to every holder (each structure once).
    while let Some(name) = todo.pop() {
        for holder in holders.get(name).into_iter().flatten() {
            if secret.insert(holder.to_string()) {
                todo.push(holder);
            }
        }
    }
    secret
}

/// The structure a type holds: itself, boxed, or in a list or a map (a map's values can hold
/// a secret; `check_members` does not look into maps, see [`structure_of`]).
fn structure(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Struct(name) => Some(name),
        RustType::List(inner) | RustType::Map(inner) | RustType::Boxed(inner) => structure(inner),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    const SPEC: &str = r#"
service:
  provider: aliyun
  name: t
  title: T
  crate: t
  api_version: "2020-01-01"
  protocol: aliyun-rpc
  signing: [acs3-hmac-sha256]
  endpoint: "t.{region}.aliyuncs.com"
  docs: T.
  sources: {document: none.txt}
shapes:
  Outer: {type: structure, docs: d, members: {Inner: {type: list<Inner>}, Plain: {type: Plain}}}
  Inner: {type: structure, docs: d, members: {Size: {type: integer, range: {min: 1}}}}
  Plain: {type: structure, docs: d, members: {Name: {type: string}}}
  Login: {type: structure, docs: d, members: {Password: {type: string, sensitive: true}}}
  Holder: {type: structure, docs: d, members: {Logins: {type: "map<string,Login>"}}}
operations:
  CreateThing:
    docs: d
    source: {doc: none.txt, line: 1}
    http: {method: POST, path: /}
    input:
      Outer: {type: Outer}
      ClientToken: {type: string, idempotency_token: true}
    output:
      Holder: {type: Holder}
  ChangeThing:
    docs: d
    source: {doc: none.txt, line: 2}
    http: {method: POST, path: /}
    input:
      Plain: {type: Plain}
"#;

    #[test]
    fn the_ir_says_what_to_check_what_is_secret_and_what_may_be_repeated() {
        let loaded = crate::load::load_str(Path::new("t.yaml"), SPEC.to_owned()).unwrap();
        crate::validate::validate(&loaded).unwrap();
        let service = crate::ir::resolve(&loaded);
        let names = |set: &std::collections::BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>();
        assert_eq!(names(&service.checked_structures), ["Inner", "Outer"], "a constraint two levels down, not `Plain`");
        assert_eq!(names(&service.secret_structures), ["Holder", "Login"], "through a map");
        let [create, change] = &service.operations[..] else { panic!("two operations") };
        assert!(create.idempotent && create.sensitive_output, "a token makes it safe to repeat; its output holds a password");
        assert!(!change.idempotent && !change.sensitive_output);
    }
}
