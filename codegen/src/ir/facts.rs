//! Facts about a resolved service that the emitters read instead of computing: which
//! structures a request must check (`check_members`), which hold a secret, whether an
//! operation is safe to repeat and whether its output holds a secret.

use std::collections::{BTreeSet, HashMap};

use super::{Field, Operation, RustType, Shape, ShapeKind};
use crate::spec::{Encoding, Location, Scalar};

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

/// Who holds each structure, built once for both facts below: for each structure, the
/// structures with a member holding it, and whether through a map (`check_members` does not
/// look into maps; a map's values can hold a secret).
struct Holders<'a> {
    fields_of: HashMap<&'a str, &'a [Field]>,
    holders: HashMap<&'a str, Vec<(&'a str, bool)>>,
}

impl<'a> Holders<'a> {
    fn new(shapes: &'a [Shape]) -> Self {
        let fields_of: HashMap<&str, &[Field]> = shapes
            .iter()
            .filter_map(|s| match &s.kind {
                ShapeKind::Struct(fields) => Some((s.name.as_str(), fields.as_slice())),
                ShapeKind::Enum(_) => None,
            })
            .collect();
        let mut holders: HashMap<&str, Vec<(&str, bool)>> = HashMap::new();
        for shape in shapes {
            let ShapeKind::Struct(fields) = &shape.kind else { continue };
            for f in fields {
                if let Some(inner) = structure(&f.ty) {
                    holders.entry(inner).or_default().push((shape.name.as_str(), structure_of(&f.ty).is_none()));
                }
            }
        }
        Self { fields_of, holders }
    }

    /// `start` and every structure holding one of them, at any depth (each once), through maps
    /// or not, among the structures `within` allows.
    fn upward(&self, start: BTreeSet<String>, through_maps: bool, within: impl Fn(&str) -> bool) -> BTreeSet<String> {
        let mut found = start;
        let mut todo: Vec<String> = found.iter().cloned().collect();
        while let Some(name) = todo.pop() {
            for (holder, map) in self.holders.get(name.as_str()).into_iter().flatten() {
                if (through_maps || !map) && within(holder) && found.insert(holder.to_string()) {
                    todo.push(holder.to_string());
                }
            }
        }
        found
    }
}

/// The structures that need checking when a request holds them (those reachable from an
/// operation's input with a constraint somewhere inside), and the structures that hold a
/// sensitive member at any depth (through structures, lists, maps and boxes).
pub(super) fn structure_facts(shapes: &[Shape], operations: &[Operation]) -> (BTreeSet<String>, BTreeSet<String>) {
    let graph = Holders::new(shapes);
    // Structures an input reaches (a worklist: each structure once), not through maps.
    let mut reached: BTreeSet<String> = BTreeSet::new();
    let mut todo: Vec<String> = operations.iter().flat_map(|op| op.input.iter().filter_map(|f| structure_of(&f.ty))).collect();
    while let Some(name) = todo.pop() {
        if let Some(fields) = graph.fields_of.get(name.as_str()) {
            if !reached.contains(&name) {
                todo.extend(fields.iter().filter_map(|f| structure_of(&f.ty)));
            }
        }
        reached.insert(name);
    }
    // Those with something to check, directly or through a member: from the ones with checks
    // of their own up to their holders that an input reaches.
    let own: BTreeSet<String> = reached
        .iter()
        .filter(|n| graph.fields_of.get(n.as_str()).is_some_and(|fields| fields.iter().any(Field::has_constraints)))
        .cloned()
        .collect();
    let checked = graph.upward(own, false, |holder| reached.contains(holder));
    let sensitive: BTreeSet<String> =
        graph.fields_of.iter().filter(|(_, fields)| fields.iter().any(|f| f.sensitive)).map(|(name, _)| name.to_string()).collect();
    let secret = graph.upward(sensitive, true, |_| true);
    (checked, secret)
}

/// The structures a request writes as JSON, which must implement `serde::Serialize` whatever
/// the crate's features: those a member encoded as JSON (`encoding: json`, of an input or of
/// a structure) or a JSON body's member holds, and every structure inside them, at any depth
/// (through lists, maps and boxes).
pub(super) fn json_structures(shapes: &[Shape], operations: &[Operation]) -> BTreeSet<String> {
    let graph = Holders::new(shapes);
    let as_json = |f: &Field| f.encoding == Encoding::Json;
    let in_json_body = |op: &Operation, f: &Field| op.json_body && matches!(f.location, Location::Body | Location::Payload);
    let mut todo: Vec<&str> = operations
        .iter()
        .flat_map(|op| op.input.iter().filter(move |f| as_json(f) || in_json_body(op, f)))
        .chain(graph.fields_of.values().flat_map(|fields| fields.iter().filter(|f| as_json(f))))
        .filter_map(|f| structure(&f.ty))
        .collect();
    let mut found = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if found.insert(name.to_owned()) {
            todo.extend(graph.fields_of.get(name).into_iter().flat_map(|fields| fields.iter().filter_map(|f| structure(&f.ty))));
        }
    }
    found
}

/// The structures an operation's input holds, at any depth (through structures, lists, maps
/// and boxes): the only ones a request writes as parameters, so the only ones that implement
/// `WriteParam` (a structure only answered needs none, and each impl costs the crate's build).
pub(super) fn input_structures(shapes: &[Shape], operations: &[Operation]) -> BTreeSet<String> {
    let graph = Holders::new(shapes);
    let mut todo: Vec<&str> = operations.iter().flat_map(|op| op.input.iter().filter_map(|f| structure(&f.ty))).collect();
    let mut found = BTreeSet::new();
    while let Some(name) = todo.pop() {
        if found.insert(name.to_owned()) {
            todo.extend(graph.fields_of.get(name).into_iter().flat_map(|fields| fields.iter().filter_map(|f| structure(&f.ty))));
        }
    }
    found
}

/// The structure a field holds, itself (boxed or not) or as list items.
fn structure_of(ty: &RustType) -> Option<String> {
    ty.structure(true).map(str::to_owned)
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
      Sent: {type: Outer, encoding: json}
"#;

    #[test]
    fn the_ir_says_what_to_check_what_is_secret_and_what_may_be_repeated() {
        let loaded = crate::load::load_str(Path::new("t.yaml"), SPEC.to_owned()).unwrap();
        crate::validate::validate(&loaded).unwrap();
        let service = crate::ir::resolve(&loaded);
        let names = |set: &std::collections::BTreeSet<String>| set.iter().cloned().collect::<Vec<_>>();
        assert_eq!(names(&service.checked_structures), ["Inner", "Outer"], "a constraint two levels down, not `Plain`");
        assert_eq!(names(&service.secret_structures), ["Holder", "Login"], "through a map");
        assert_eq!(names(&service.json_structures), ["Inner", "Outer", "Plain"], "a JSON member's structure and all it holds");
        let [create, change] = &service.operations[..] else { panic!("two operations") };
        assert!(create.idempotent && create.sensitive_output, "a token makes it safe to repeat; its output holds a password");
        assert!(!change.idempotent && !change.sensitive_output);
    }
}
