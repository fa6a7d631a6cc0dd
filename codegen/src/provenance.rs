//! What of a spec its source document states: [`doc_only`] keeps the operations and members whose
//! provenance (`source: {doc, line}`) is the document, so a spec completed from an official SDK
//! can be compared with a transcription of an older document alone (`cargo xtask diff
//! --doc-only`, the KEC history in `specs/history/ksyun-kec/`).

use std::collections::BTreeSet;
use std::ops::RangeInclusive;

use crate::spec::{Member, Source, Spec};

/// What [`doc_only`] removed, by kind, for a note under the report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Removed {
    /// Operations without a document line (in the range).
    pub operations: usize,
    /// Input and output members, and structure members, without one.
    pub members: usize,
    /// Shapes no kept member uses any more.
    pub shapes: usize,
}

impl Removed {
    /// One line: `doc-only: removed 3 operations, 120 members, 14 shapes without document provenance`.
    pub fn summary(&self) -> String {
        format!(
            "doc-only: removed {} operations, {} members, {} shapes without document provenance",
            self.operations, self.members, self.shapes
        )
    }
}

/// Whether `source` names where a fact comes from (a document, an SDK or a page).
pub(crate) fn has_provenance(source: Option<&Source>) -> bool {
    source.is_some_and(|s| s.doc.is_some() || s.sdk.is_some() || s.url.is_some())
}

/// A member's provenance: its own, else the one it inherits from its operation or shape (the
/// format's rule: "members inherit it").
pub(crate) fn effective<'a>(own: Option<&'a Source>, parent: Option<&'a Source>) -> Option<&'a Source> {
    if has_provenance(own) {
        own
    } else {
        parent
    }
}

/// Whether `source` names the document, on a line within `lines` when given.
fn from_document(source: Option<&Source>, lines: Option<&RangeInclusive<u32>>) -> bool {
    let Some(source) = source else { return false };
    if source.doc.is_none() {
        return false;
    }
    match (lines, source.line) {
        (None, _) => true,
        (Some(range), Some(line)) => range.contains(&line),
        (Some(_), None) => false,
    }
}

/// Keeps of `spec` what its document states: operations and members whose `source` has a `doc`
/// (and, when `lines` is given, a `line` in it: the part of the document that is one version);
/// shapes still used by a kept member; the service without `global_endpoint` and the SDK in
/// `sources` (facts of an SDK, with no provenance of their own). Paginators naming a removed
/// member, `one_of` groups left with fewer than two members, `at_least_one_of` groups that lost a member, waiters and the emulator's
/// `resources` (yun's, not the document's) go too. A type or constraint the spec took from an SDK for a member the document also states
/// stays: the spec's `#` comments say where that happened.
pub fn doc_only(spec: &mut Spec, lines: Option<RangeInclusive<u32>>) -> Removed {
    let lines = lines.as_ref();
    let mut removed = Removed::default();
    // A member without provenance of its own has its operation's or shape's (the format's rule).
    let keep = |m: &Member, parent: Option<&Source>| from_document(effective(m.source.as_ref(), parent), lines);

    let before = spec.operations.len();
    spec.operations.0.retain(|_, op| from_document(Some(&op.source), lines));
    removed.operations = before - spec.operations.len();
    for op in spec.operations.0.values_mut() {
        let before = op.input.len() + op.output.len();
        let source = op.source.clone();
        op.input.0.retain(|_, m| keep(m, Some(&source)));
        op.output.0.retain(|_, m| keep(m, Some(&source)));
        removed.members += before - op.input.len() - op.output.len();
        let input = &op.input;
        op.one_of.iter_mut().for_each(|group| group.retain(|name| input.contains_key(name)));
        op.one_of.retain(|group| group.len() > 1);
        // A group of which a member went is no longer a rule the document states.
        op.at_least_one_of.retain(|group| group.iter().all(|name| input.contains_key(name)));
        let paged = op.paginator.as_ref().is_none_or(|p| {
            let first = |path: &str| path.split('.').next().unwrap_or_default().to_owned();
            op.input.contains_key(&p.input)
                && p.page_size.as_ref().is_none_or(|s| op.input.contains_key(s))
                && op.output.contains_key(&first(&p.items))
                && p.next.as_ref().is_none_or(|n| op.output.contains_key(&first(n)))
                && p.total.as_ref().is_none_or(|t| op.output.contains_key(&first(t)))
        });
        if !paged {
            op.paginator = None;
        }
    }
    for shape in spec.shapes.0.values_mut() {
        if let Some(members) = shape.members.as_mut() {
            let before = members.len();
            members.0.retain(|_, m| keep(m, shape.source.as_ref()));
            removed.members += before - members.len();
        }
    }
    // Waiters are yun's, not the document's.
    spec.waiters.0.clear();
    // The emulator's state models are yun's too (built on the document's rules, not stated as API).
    spec.resources.0.clear();

    // Shapes reachable from the kept members.
    let mut used = BTreeSet::new();
    let mut queue: Vec<String> = Vec::new();
    let mut visit = |ty: &str, queue: &mut Vec<String>| {
        for name in ty.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|n| !n.is_empty()) {
            if spec.shapes.contains_key(name) && used.insert(name.to_owned()) {
                queue.push(name.to_owned());
            }
        }
    };
    for op in spec.operations.values() {
        for m in op.input.values().chain(op.output.values()) {
            visit(&m.ty, &mut queue);
        }
    }
    while let Some(name) = queue.pop() {
        let members: Vec<String> = spec
            .shapes
            .get(&name)
            .and_then(|s| s.members.as_ref())
            .map(|ms| ms.values().map(|m| m.ty.clone()).collect())
            .unwrap_or_default();
        for ty in members {
            visit(&ty, &mut queue);
        }
    }
    let before = spec.shapes.len();
    spec.shapes.0.retain(|name, _| used.contains(name));
    removed.shapes = before - spec.shapes.len();

    spec.service.global_endpoint = None;
    spec.service.sources.sdk = None;
    removed
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SPEC: &str = r#"
service: {provider: ksyun, name: t, title: T, crate: t, api_version: "1", protocol: ksyun-query, signing: [aws4-hmac-sha256],
  endpoint: "t.{region}.example.com", global_endpoint: t.example.com, docs: T, sources: {document: d.txt, sdk: some-sdk}}
shapes:
  Thing:
    type: structure
    docs: a thing
    members:
      Id: {type: string, source: {doc: d.txt, line: 20}}
      Extra: {type: Extra, source: {sdk: some-sdk}}
  Extra:
    type: structure
    docs: only the SDK's
    members:
      X: {type: string, source: {sdk: some-sdk}}
operations:
  Describe:
    docs: describe
    source: {doc: d.txt, line: 10}
    http: {method: POST, path: /}
    input:
      Marker: {type: integer, source: {doc: d.txt, line: 11}}
      Size: {type: integer, source: {sdk: some-sdk}}
      Late: {type: string, source: {doc: d.txt, line: 900}}
    output:
      Marker: {type: integer, source: {doc: d.txt, line: 12}}
      Things: {type: "list<Thing>", source: {doc: d.txt, line: 13}}
    paginator: {kind: token, input: Marker, page_size: Size, items: Things, next: Marker}
  SdkOnly:
    docs: from the SDK
    source: {sdk: some-sdk}
    http: {method: POST, path: /}
  Legacy:
    docs: an older section
    source: {doc: d.txt, line: 950}
    http: {method: POST, path: /}
"#;

    fn spec() -> Spec {
        crate::load::load_str(Path::new("t.yaml"), SPEC.to_owned()).expect("the fixture loads").spec
    }

    #[test]
    fn keeps_what_the_document_states() {
        let mut s = spec();
        let removed = doc_only(&mut s, None);
        assert_eq!(s.operations.keys().collect::<Vec<_>>(), ["Describe", "Legacy"]);
        let describe = &s.operations["Describe"];
        assert_eq!(describe.input.keys().collect::<Vec<_>>(), ["Marker", "Late"]);
        assert!(describe.paginator.is_none(), "its page size was the SDK's");
        assert_eq!(s.shapes.keys().collect::<Vec<_>>(), ["Thing"], "Extra was only reachable through an SDK member");
        assert_eq!(s.shapes["Thing"].members.as_ref().unwrap().keys().collect::<Vec<_>>(), ["Id"]);
        assert!(s.service.global_endpoint.is_none() && s.service.sources.sdk.is_none());
        assert_eq!(removed, Removed { operations: 1, members: 3, shapes: 1 });
        assert_eq!(removed.summary(), "doc-only: removed 1 operations, 3 members, 1 shapes without document provenance");
    }

    #[test]
    fn a_line_range_keeps_one_version_of_the_document() {
        let mut s = spec();
        doc_only(&mut s, Some(1..=100));
        assert_eq!(s.operations.keys().collect::<Vec<_>>(), ["Describe"]);
        assert_eq!(s.operations["Describe"].input.keys().collect::<Vec<_>>(), ["Marker"]);
    }
}
