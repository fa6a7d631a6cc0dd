//! Review lints (`cargo xtask validate` prints them as warnings, `--strict` makes them errors):
//! what a reviewer of a spec would otherwise check by eye. Each finding is a located
//! [`Diagnostic`] (`file:line:column`, the YAML path); [`Coverage`] is the one-line summary of
//! how much of a spec carries a document line.
//!
//! | lint ([`LintName`]) | finding |
//! |---|---|
//! | `provenance` | an operation or member with no `source` (no `doc`, `sdk` or `url`) |
//! | `enum-meaning` | an enum value whose meaning is empty or only repeats the value |
//! | `empty-docs` | an operation, shape or member whose `docs` is empty |
//! | `defined-twice` | two operations citing the same document line (one definition transcribed twice) |
//! | `unanchored-pattern` | a member's `pattern` without `^…$` (`build()` searches the value for it) |
//! | `undecided-spelling` | a member whose own document line spells its name otherwise (`InstanceID` for the key `InstanceId`, the spelling an SDK sends) with no `#` comment on its line or the line above saying which is right ([`spellings`]: needs the documents) |

use std::collections::BTreeMap;
use std::fmt;

use crate::load::LoadedSpec;
use crate::provenance::{effective, has_provenance};
use crate::spec::{KeyIndex, Member, Source};
use crate::Diagnostic;

/// Which lint a finding is (its name in `cargo xtask validate --format json`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum LintName {
    /// An operation or member with no `source`.
    Provenance,
    /// An enum value whose meaning is empty or repeats the value.
    EnumMeaning,
    /// Empty `docs`.
    EmptyDocs,
    /// Two operations citing one document line.
    DefinedTwice,
    /// A `pattern` without `^…$`.
    UnanchoredPattern,
    /// The cited document line spells the member's name otherwise, and no `#` comment decides.
    UndecidedSpelling,
}

impl LintName {
    /// The name as `validate --format json` writes it (`empty-docs`).
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Provenance => "provenance",
            Self::EnumMeaning => "enum-meaning",
            Self::EmptyDocs => "empty-docs",
            Self::DefinedTwice => "defined-twice",
            Self::UnanchoredPattern => "unanchored-pattern",
            Self::UndecidedSpelling => "undecided-spelling",
        }
    }
}

/// One review finding: which lint, and where and what.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// The lint.
    pub lint: LintName,
    /// Where (file, line, column, YAML path) and what.
    pub diagnostic: Diagnostic,
}

/// Share of a spec's members (operations' inputs and outputs, structures' members) that carry
/// a document line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Coverage {
    /// Members in all.
    pub members: usize,
    /// Of which with `source: {doc, line}`.
    pub documented: usize,
    /// Of which with an SDK (and no document line).
    pub sdk_only: usize,
}

impl Coverage {
    /// The documented share in percent, rounded down (100 for a spec without members).
    pub fn percent(&self) -> usize {
        (self.documented * 100).checked_div(self.members).unwrap_or(100)
    }
}

/// `412 of 530 members (77%) carry a document line, 98 only an SDK, 20 nothing`.
impl fmt::Display for Coverage {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let none = self.members - self.documented - self.sdk_only;
        write!(
            f,
            "{} of {} members ({}%) carry a document line, {} only an SDK, {} nothing",
            self.documented,
            self.members,
            self.percent(),
            self.sdk_only,
            none
        )
    }
}

/// The coverage of `loaded`'s spec.
pub fn coverage(loaded: &LoadedSpec) -> Coverage {
    let mut c = Coverage::default();
    let mut count = |m: &Member, parent: Option<&Source>| {
        c.members += 1;
        match effective(m.source.as_ref(), parent) {
            Some(s) if s.doc.is_some() && s.line.is_some() => c.documented += 1,
            Some(s) if s.sdk.is_some() => c.sdk_only += 1,
            _ => {}
        }
    };
    for op in loaded.spec.operations.values() {
        op.input.values().chain(op.output.values()).for_each(|m| count(m, Some(&op.source)));
    }
    for shape in loaded.spec.shapes.values() {
        shape.members.iter().flat_map(|m| m.values()).for_each(|m| count(m, shape.source.as_ref()));
    }
    c
}

/// The review findings of a spec that loaded (validation is separate), in the spec's order.
pub fn lint(loaded: &LoadedSpec) -> Vec<Diagnostic> {
    findings(loaded).into_iter().map(|f| f.diagnostic).collect()
}

/// [`lint`] with the name of each finding's lint.
pub fn findings(loaded: &LoadedSpec) -> Vec<Finding> {
    let index = KeyIndex::new(&loaded.text);
    let mut found = Vec::new();
    let mut warn = |lint: LintName, path: Vec<&str>, message: String| {
        let (line, column) = index.find(&path).unwrap_or((1, 1));
        let diagnostic = Diagnostic { file: loaded.file.clone(), path: path.join("."), line: Some(line), column: Some(column), message };
        found.push(Finding { lint, diagnostic });
    };
    let empty = |docs: &str| docs.trim().is_empty();

    for (name, shape) in loaded.spec.shapes.iter() {
        if empty(&shape.docs) {
            warn(
                LintName::EmptyDocs,
                vec!["shapes", name, "docs"],
                "empty docs: say what the shape is, in the document's words".to_owned(),
            );
        }
        for (value, meaning) in shape.values.iter().flat_map(|v| v.iter()) {
            if empty(meaning) || meaning.trim() == value {
                warn(
                    LintName::EnumMeaning,
                    vec!["shapes", name, "values", value],
                    format!("the value `{value}` has no meaning (`{meaning}`): write what it means (when the document gives none, say so there)"),
                );
            }
        }
        for (member, m) in shape.members.iter().flat_map(|m| m.iter()) {
            member_lints(&mut warn, vec!["shapes", name, "members", member], m, shape.source.as_ref());
        }
    }
    let mut cited: BTreeMap<(&str, u32), &str> = BTreeMap::new();
    for (name, op) in loaded.spec.operations.iter() {
        if !has_provenance(Some(&op.source)) {
            warn(LintName::Provenance, vec!["operations", name], "no provenance: give `source: {doc, line}` (or `sdk`, `url`)".to_owned());
        }
        if empty(&op.docs) {
            warn(LintName::EmptyDocs, vec!["operations", name, "docs"], "empty docs".to_owned());
        }
        if let (Some(doc), Some(line)) = (op.source.doc.as_deref(), op.source.line) {
            if let Some(first) = cited.insert((doc, line), name) {
                warn(
                    LintName::DefinedTwice,
                    vec!["operations", name, "source"],
                    format!("`{first}` cites the same line ({doc}:{line}): one definition transcribed twice?"),
                );
            }
        }
        for (member, m) in op.input.iter() {
            member_lints(&mut warn, vec!["operations", name, "input", member], m, Some(&op.source));
        }
        for (member, m) in op.output.iter() {
            member_lints(&mut warn, vec!["operations", name, "output", member], m, Some(&op.source));
        }
    }
    found
}

/// The `undecided-spelling` findings of a spec, reading the documents its members cite from
/// `documents` (the seed folder, `shared/seeds/`; a document not there is skipped).
///
/// A member's name is its wire name; where the document spells it otherwise (the official SDK
/// sends `InstanceId`, the document's table says `InstanceID`), the spec must say which it
/// follows and why, in a `#` comment on the member's line, the line above or the comment lines
/// right below its key, or by reading the document's spelling as an alias (`aliases`). Only a member's own
/// `source: {doc, line}` is read (an operation's line does not name its members); the line's
/// words (letters, digits, `_`) are compared with the key: one equal to it is agreement, one
/// equal but for ASCII case, with a capital letter (an all-lowercase word is prose or an SDK's
/// snake_case argument), not among the member's `aliases` and set off as a name (alone, quoted,
/// in a table cell or a link; not a code sample's variable), is another spelling.
pub fn spellings(loaded: &LoadedSpec, documents: &std::path::Path) -> Vec<Finding> {
    let index = KeyIndex::new(&loaded.text);
    let lines: Vec<&str> = loaded.text.lines().collect();
    let mut texts: BTreeMap<String, Option<Vec<String>>> = BTreeMap::new();
    let mut found = Vec::new();
    let mut check = |path: Vec<&str>, key: &str, m: &Member| {
        let Some((Some(doc), Some(line))) = m.source.as_ref().map(|s| (s.doc.as_deref(), s.line)) else { return };
        let text = texts.entry(doc.to_owned()).or_insert_with(|| {
            // Only a plain file name: a spec never points outside the seed folder.
            let plain = !doc.contains(['/', '\\']) && !doc.starts_with('.');
            let read = if plain { std::fs::read(documents.join(doc)).ok() } else { None };
            read.map(|bytes| String::from_utf8_lossy(&bytes).lines().map(str::to_owned).collect())
        });
        let Some(cited) = text.as_ref().and_then(|t| t.get((line as usize).wrapping_sub(1))) else { return };
        let words: Vec<&str> = cited.split(|c: char| !(c.is_alphanumeric() || c == '_')).filter(|w| !w.is_empty()).collect();
        if words.contains(&key) {
            return;
        }
        // An all-lowercase word is prose or an SDK's snake_case argument (`status='Running'`),
        // not a spelling of the wire name; a spelling the member reads as an alias is decided.
        let spelling = |w: &&&str| {
            w.eq_ignore_ascii_case(key)
                && w.chars().any(|c| c.is_ascii_uppercase())
                && !m.aliases.iter().any(|a| a == **w)
                && named(cited, w)
        };
        let Some(other) = words.iter().find(spelling) else { return };
        let Some((at, column)) = index.find(&path) else { return };
        // `lines[n - 1]` is line `n`: the key's line (a trailing comment), the line above, or the
        // comment lines right below the key (a block mapping's first lines).
        let comment_line = |n: usize| n >= 1 && lines.get(n - 1).is_some_and(|l| l.trim_start().starts_with('#'));
        let below = (at + 1..).take_while(|n| comment_line(*n)).count() > 0;
        if below || comment_line(at - 1) || lines.get(at - 1).is_some_and(|l| l.contains(" #")) {
            return;
        }
        let message = format!(
            "the document spells it `{other}` ({doc}:{line}), the spec `{key}`: say in a `#` comment which spelling the service (and its SDK) uses"
        );
        let diagnostic = Diagnostic { file: loaded.file.clone(), path: path.join("."), line: Some(at), column: Some(column), message };
        found.push(Finding { lint: LintName::UndecidedSpelling, diagnostic });
    };
    for (name, shape) in loaded.spec.shapes.iter() {
        for (member, m) in shape.members.iter().flat_map(|m| m.iter()) {
            check(vec!["shapes", name, "members", member], member, m);
        }
    }
    for (name, op) in loaded.spec.operations.iter() {
        for (member, m) in op.input.iter() {
            check(vec!["operations", name, "input", member], member, m);
        }
        for (member, m) in op.output.iter() {
            check(vec!["operations", name, "output", member], member, m);
        }
    }
    found
}

/// Whether `line` names `word` as a wire name: alone on the line, or set off by quotes,
/// backticks, a table's `|` or link brackets (`'Instanceid'`, `"requestId":`, `| InstanceID |`,
/// `[EBSprice](#)`), not a code sample's variable or method (`setZoneId(zoneId)`,
/// `spotPriceType.getSpotPrice()`).
fn named(line: &str, word: &str) -> bool {
    let mut from = 0;
    while let Some(at) = line[from..].find(word).map(|i| i + from) {
        let (head, tail) = (&line[..at], &line[at + word.len()..]);
        let before = head.trim_end().chars().next_back();
        let after = tail.trim_start().chars().next();
        let whole =
            !head.ends_with(|c: char| c.is_alphanumeric() || c == '_') && !tail.starts_with(|c: char| c.is_alphanumeric() || c == '_');
        let opens = matches!(before, None | Some('"' | '\'' | '`' | '|' | '['));
        let closes = matches!(after, None | Some('"' | '\'' | '`' | '|' | ']' | '.' | ':'));
        if whole && opens && closes {
            return true;
        }
        from = at + word.len();
    }
    false
}

/// A member without provenance of its own or inherited from `parent` (its operation or shape).
fn member_lints(warn: &mut impl FnMut(LintName, Vec<&str>, String), path: Vec<&str>, m: &Member, parent: Option<&Source>) {
    if !has_provenance(effective(m.source.as_ref(), parent)) {
        warn(LintName::Provenance, path.clone(), "no provenance: give `source: {doc, line}` (or `sdk`, `url`)".to_owned());
    }
    if let Some(pattern) = m.pattern.as_deref().filter(|p| !(p.starts_with('^') && p.ends_with('$'))) {
        let mut path = path.clone();
        path.push("pattern");
        // `build()` searches the value for the pattern: unanchored, `[a-z]*` accepts anything.
        warn(
            LintName::UnanchoredPattern,
            path,
            format!("`{pattern}` is not anchored (`^…$`): `build()` accepts any value that merely contains a match"),
        );
    }
    if m.docs.as_deref().is_some_and(|d| d.trim().is_empty()) {
        let mut path = path;
        path.push("docs");
        warn(LintName::EmptyDocs, path, "empty docs".to_owned());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const SPEC: &str = r#"service: {provider: ksyun, name: t, title: T, crate: t, api_version: "1", protocol: ksyun-query,
  signing: [aws4-hmac-sha256], endpoint: "t.{region}.example.com", docs: T, sources: {document: d.txt}}
shapes:
  State:
    type: enum
    docs: ""
    source: {doc: d.txt, line: 3}
    values: {on: 开, off: off, gone: ""}
operations:
  Start:
    docs: start
    source: {doc: d.txt, line: 10}
    http: {method: POST, path: /}
    input:
      Id: {type: string, source: {doc: d.txt, line: 11}}
      Bare: {type: string, docs: " "}
      FromSdk: {type: string, source: {sdk: some-sdk}, pattern: "[a-z]*"}
  Again:
    docs: start, again
    source: {doc: d.txt, line: 10}
    http: {method: POST, path: /}
  Nowhere:
    docs: ""
    source: {}
    http: {method: POST, path: /}
    input:
      Lost: {type: string, docs: lost}
"#;

    fn loaded() -> LoadedSpec {
        crate::load::load_str(Path::new("t.yaml"), SPEC.to_owned()).expect("the fixture loads")
    }

    #[test]
    fn a_document_spelling_other_than_the_key_needs_a_comment() {
        let documents = std::env::temp_dir().join(format!("yun-lint-spellings-{}", std::process::id()));
        std::fs::create_dir_all(&documents).unwrap();
        // Line 11 names `InstanceID`, line 12 `ZoneId` as the spec does, line 13 something else.
        let doc = "1\n2\n3\n4\n5\n6\n7\n8\n9\n10\n| InstanceID | String | 是 |\n| ZoneId.N | String |\n| 实例 |\n";
        std::fs::write(documents.join("d.txt"), doc).unwrap();
        let spec = |input: &str| {
            let text = SPEC.replace("      Id: {type: string, source: {doc: d.txt, line: 11}}\n", input);
            crate::load::load_str(Path::new("t.yaml"), text).expect("loads")
        };
        let found = |input: &str| -> Vec<String> {
            spellings(&spec(input), &documents).iter().map(|f| format!("{} {:?}", f.diagnostic, f.lint)).collect()
        };
        let undecided = found(
            "      InstanceId: {type: string, source: {doc: d.txt, line: 11}}\n      ZoneId: {type: list<string>, source: {doc: d.txt, line: 12}}\n      Name: {type: string, source: {doc: d.txt, line: 13}}\n",
        );
        assert_eq!(undecided.len(), 1, "{undecided:?}");
        assert!(
            undecided[0].starts_with("t.yaml:15:7: operations.Start.input.InstanceId: the document spells it `InstanceID` (d.txt:11)"),
            "{undecided:?}"
        );
        assert!(undecided[0].ends_with("UndecidedSpelling"), "{undecided:?}");
        // A code sample's variable is not a spelling of the wire name.
        assert!(named("| InstanceID | String |", "InstanceID") && named("item.get('Instanceid')", "Instanceid"));
        assert!(named("DataDiskMaxSize", "DataDiskMaxSize") && named("- [EBSprice](#) (x)", "EBSprice"));
        assert!(!named("    describe.setZoneId(zoneId);", "zoneId") && !named("a.getSpotPrice() + \"--->spotPrice:\"", "spotPrice"));
        // A comment on the member's line or the line above decides.
        assert!(found("      InstanceId: {type: string, source: {doc: d.txt, line: 11}}  # the SDK sends InstanceId\n").is_empty());
        assert!(found("      # the SDK sends InstanceId (kec.json)\n      InstanceId: {type: string, source: {doc: d.txt, line: 11}}\n")
            .is_empty());
        assert!(found(
            "      InstanceId:\n        # the SDK sends InstanceId\n        type: string\n        source: {doc: d.txt, line: 11}\n"
        )
        .is_empty());
        assert!(found("      InstanceId: {type: string, aliases: [InstanceID], source: {doc: d.txt, line: 11}}\n").is_empty());
        // A document not in the folder, or a path out of it, is skipped.
        assert!(spellings(&spec("      InstanceId: {type: string, source: {doc: ../d.txt, line: 11}}\n"), &documents).is_empty());
        let _ = std::fs::remove_dir_all(&documents);
    }

    #[test]
    fn each_lint_is_found_and_located() {
        let found: Vec<String> = lint(&loaded()).iter().map(ToString::to_string).collect();
        assert_eq!(
            found,
            [
                "t.yaml:6:5: shapes.State.docs: empty docs: say what the shape is, in the document's words",
                "t.yaml:8:21: shapes.State.values.off: the value `off` has no meaning (`off`): write what it means (when the document gives none, say so there)",
                "t.yaml:8:31: shapes.State.values.gone: the value `gone` has no meaning (``): write what it means (when the document gives none, say so there)",
                "t.yaml:16:28: operations.Start.input.Bare.docs: empty docs",
                "t.yaml:17:56: operations.Start.input.FromSdk.pattern: `[a-z]*` is not anchored (`^…$`): `build()` accepts any value that merely contains a match",
                "t.yaml:20:5: operations.Again.source: `Start` cites the same line (d.txt:10): one definition transcribed twice?",
                "t.yaml:22:3: operations.Nowhere: no provenance: give `source: {doc, line}` (or `sdk`, `url`)",
                "t.yaml:23:5: operations.Nowhere.docs: empty docs",
                "t.yaml:27:7: operations.Nowhere.input.Lost: no provenance: give `source: {doc, line}` (or `sdk`, `url`)",
            ]
        );
    }

    #[test]
    fn coverage_counts_document_lines() {
        let c = coverage(&loaded());
        // `Bare` inherits its operation's line; `Lost`'s operation has none to give.
        assert_eq!(c, Coverage { members: 4, documented: 2, sdk_only: 1 });
        assert_eq!(c.to_string(), "2 of 4 members (50%) carry a document line, 1 only an SDK, 1 nothing");
        assert_eq!(Coverage::default().percent(), 100);
    }
}
