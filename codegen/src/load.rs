//! Reading spec files: bytes → YAML text → [`Spec`], with errors that point into the file.
//!
//! Before the YAML parser runs, [`crate::spec::limits`] checks the file's size, encoding,
//! nesting and that it holds one document, in one linear pass: the parser and the
//! deserializer recurse and the parser's scanner is quadratic in flow nesting, so what
//! exceeds the limits never reaches them. Every error carries a line and a column (line 1,
//! column 1 for a problem of the whole file, such as an empty one).

use std::io::Read;
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::spec::limits::{self, Problem, MAX_FILE_BYTES};
use crate::spec::Spec;

/// A spec together with the text it came from (validation looks lines up in it).
#[derive(Debug, Clone)]
pub struct LoadedSpec {
    /// The file it was read from.
    pub file: PathBuf,
    /// The YAML text.
    pub text: String,
    /// The deserialized spec.
    pub spec: Spec,
}

/// Reads and deserializes one spec file. A file larger than the limit is refused without
/// reading more of it than the limit.
pub fn load_file(file: &Path) -> Result<LoadedSpec, Diagnostics> {
    let cannot = |e: std::io::Error| Diagnostics::file(file, format!("cannot read the spec: {e}"));
    let mut bytes = Vec::new();
    std::fs::File::open(file).map_err(cannot)?.take(MAX_FILE_BYTES as u64 + 1).read_to_end(&mut bytes).map_err(cannot)?;
    if bytes.len() > MAX_FILE_BYTES {
        let len = std::fs::metadata(file).map_or(bytes.len(), |m| usize::try_from(m.len()).unwrap_or(usize::MAX));
        return Err(at(file, too_large(len)));
    }
    load_bytes(file, &bytes)
}

fn too_large(len: usize) -> Problem {
    Problem {
        line: 1,
        column: 1,
        message: format!("the file is {len} bytes: a spec may be at most {MAX_FILE_BYTES} bytes (4 MiB)"),
        in_node: false,
    }
}

/// Deserializes spec bytes (which must be UTF-8); `file` names them in diagnostics.
pub fn load_bytes(file: &Path, bytes: &[u8]) -> Result<LoadedSpec, Diagnostics> {
    limits::check_size(bytes.len()).map_err(|p| at(file, p))?;
    let text = limits::check_utf8(bytes).map_err(|p| at(file, p))?;
    load_str(file, text.to_owned())
}

/// Deserializes spec text; `file` names it in diagnostics.
pub fn load_str(file: &Path, text: String) -> Result<LoadedSpec, Diagnostics> {
    limits::check_size(text.len()).map_err(|p| at(file, p))?;
    let scan = limits::prescan(&text).map_err(|p| {
        let path = if p.in_node { crate::spec::KeyIndex::new(&text).path_at(p.line, p.column) } else { String::new() };
        let mut d = at(file, p);
        d.0[0].path = path;
        d
    })?;
    if scan.empty {
        return Err(Diagnostics::file(file, "the spec is empty: it needs at least `service` and `operations`"));
    }
    let deserializer = serde_yaml::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, Spec>(deserializer) {
        Ok(spec) => Ok(LoadedSpec { file: file.to_owned(), text, spec }),
        Err(err) => Err(Diagnostics(vec![located(file, &text, err)])),
    }
}

/// A pre-scan problem as a diagnostic.
fn at(file: &Path, p: Problem) -> Diagnostics {
    Diagnostics(vec![Diagnostic {
        file: file.to_owned(),
        path: String::new(),
        line: Some(p.line),
        column: Some(p.column),
        message: p.message,
    }])
}

/// A deserialization error as a diagnostic with its path, line and column.
pub(crate) fn located(file: &Path, text: &str, err: serde_path_to_error::Error<serde_yaml::Error>) -> Diagnostic {
    let path = err.path().to_string();
    let inner = err.into_inner();
    let location = inner.location();
    let mut message = inner.to_string();
    // serde_yaml appends " at line L column C"; the diagnostic carries those itself.
    if let Some(at) = message.rfind(" at line ") {
        message.truncate(at);
    }
    // ... and may start with the path, which the diagnostic also carries.
    if let Some((prefix, rest)) = message.split_once(": ") {
        if path.starts_with(prefix) {
            message = rest.to_owned();
        }
    }
    let path = if path == "." { String::new() } else { path };
    let segments = path_segments(&path);
    let segments: Vec<&str> = segments.iter().map(String::as_str).collect();
    let path = crate::diagnostic::yaml_path(&[path]);
    let mut place = location.as_ref().map(|l| (l.line(), l.column()));
    if let Some(key) = duplicate_key(&message) {
        // Point at the repeated key rather than at the start of its mapping.
        if let Some(found) = second_occurrence(text, place.map_or(1, |(l, _)| l), key) {
            place = Some(found);
        }
    }
    if message == "repetition limit exceeded" {
        message = "the aliases (`*name`) here expand to too many nodes: write the values out, or use fewer aliases".to_owned();
        place = None; // serde_yaml gives none; the path says where the expansion was stopped
    }
    if message.contains("more than one document") {
        message = "a spec is one YAML document: remove the second one".to_owned();
    }
    let (line, column) = place.or_else(|| crate::spec::locate(text, &segments)).unwrap_or((1, 1));
    // serde quotes offending values whole; a message stays readable however long they are.
    const LONGEST: usize = 500;
    if message.chars().count() > LONGEST {
        message = format!("{}…", message.chars().take(LONGEST).collect::<String>());
    }
    Diagnostic { file: file.to_owned(), path, line: Some(line), column: Some(column), message }
}

/// `operations.A.errors[2].code` → `["operations", "A", "errors", "2", "code"]`.
fn path_segments(path: &str) -> Vec<String> {
    path.split('.').flat_map(|s| s.split('[')).map(|s| s.trim_end_matches(']').to_owned()).filter(|s| !s.is_empty() && s != "?").collect()
}

/// The key of a "duplicate key" (a [`crate::spec::UniqueMap`]) or "duplicate field" (a
/// struct) error.
fn duplicate_key(message: &str) -> Option<&str> {
    message.strip_prefix("duplicate key `").or_else(|| message.strip_prefix("duplicate field `"))?.strip_suffix('`')
}

/// The line and column of the second `key` (plain or quoted) at the first occurrence's
/// indentation, from `from_line` on; within a flow mapping (`{a: 1, "a": 2}`) on one line,
/// its second occurrence there.
fn second_occurrence(text: &str, from_line: usize, key: &str) -> Option<(usize, usize)> {
    let mut first_indent = None;
    for (i, line) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start_matches(' ');
        let indent = line.len() - trimmed.len();
        let dashes = trimmed.len() - trimmed.trim_start_matches(['-', ' ']).len();
        let content = &trimmed[dashes..];
        if content.contains('{') && first_indent.is_none() {
            let keys = flow_keys(line, key);
            if keys.len() > 1 {
                return Some((i + 1, keys[1]));
            }
        }
        if !is_key(content, key) {
            continue;
        }
        match first_indent {
            None => first_indent = Some(indent + dashes),
            Some(first) if first == indent + dashes => return Some((i + 1, line[..indent + dashes].chars().count() + 1)),
            Some(_) => {}
        }
    }
    None
}

/// `content` starts with `key:` with the key plain, `"quoted"` or `'quoted'`.
fn is_key(content: &str, key: &str) -> bool {
    let rest = [('"', '"'), ('\'', '\'')]
        .iter()
        .find_map(|(open, close)| content.strip_prefix(*open).and_then(|r| r.strip_prefix(key)).and_then(|r| r.strip_prefix(*close)))
        .or_else(|| content.strip_prefix(key));
    rest.is_some_and(|r| r.trim_start_matches(' ').starts_with(':'))
}

/// The 1-based columns where `key` (plain or quoted) is written as a key in `line`: the
/// first two at most (the place of a repetition is the second).
fn flow_keys(line: &str, key: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for (i, _) in line.match_indices(key) {
        let before = &line[..i];
        let quoted = before.ends_with(['"', '\'']);
        let start = if quoted { i - 1 } else { i };
        let opens = line[..start].trim_end_matches(' ').ends_with(['{', ',']);
        if opens && is_key(&line[start..], key) {
            found.push(line[..start].chars().count() + 1);
            if found.len() == 2 {
                break;
            }
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_serde_paths() {
        assert_eq!(path_segments("operations.A.errors[2].code"), ["operations", "A", "errors", "2", "code"]);
        assert!(path_segments("").is_empty());
    }

    #[test]
    fn finds_the_second_key_however_it_is_quoted() {
        let text = "a:\n  x: 1\n  \"x\": 2\n";
        assert_eq!(second_occurrence(text, 1, "x"), Some((3, 3)));
        let text = "a:\n  'x': 1\n  y: 0\n  x: 2\n";
        assert_eq!(second_occurrence(text, 1, "x"), Some((4, 3)));
        let text = "a: {x: 1, \"x\": 2}\n";
        assert_eq!(second_occurrence(text, 1, "x"), Some((1, 11)));
        let text = "a:\n  - x: 1\n    x: 2\n";
        assert_eq!(second_occurrence(text, 1, "x"), Some((3, 5)));
    }
}

#[cfg(test)]
mod placed {
    use super::*;

    const HEAD: &str = "service:\n  provider: aliyun\n  name: d\n  title: D\n  crate: d\n  api_version: \"1\"\n  protocol: aliyun-rpc\n  signing: [hmac-sha1]\n  endpoint: \"d.{region}.x.com\"\n  docs: d\n  sources: {document: x}\n";

    fn error(body: &str) -> Diagnostic {
        load_str(Path::new("t.yaml"), format!("{HEAD}{body}")).unwrap_err().0.remove(0)
    }

    #[test]
    fn a_duplicate_field_is_placed_at_the_repetition_not_at_a_later_namesake() {
        let body = "operations:\n  A:\n    docs: d\n    source: {sdk: x}\n    http: {method: POST, path: /}\n    input:\n      X:\n        type: string\n        \"type\": integer\n      Y:\n        type: string\n";
        let d = error(body);
        assert_eq!((d.line, d.column, d.path.as_str()), (Some(20), Some(9), "operations.A.input.X"), "{d:?}");
        assert!(d.message.contains("duplicate field `type`"), "{d:?}");
        let body = "operations:\n  A:\n    docs: d\n    source: {sdk: x}\n    http: {method: POST, path: /}\n    input:\n      X:\n        type: string\n      Y:\n        type: string\n      'X':\n        type: string\n";
        let d = error(body);
        assert_eq!((d.line, d.column, d.path.as_str()), (Some(22), Some(7), "operations.A.input"), "{d:?}");
    }
}

#[cfg(test)]
mod no_panics {
    use super::*;

    /// Cut and damaged versions of a real spec: loading and validating them reports
    /// problems, never panics.
    #[test]
    fn damaged_specs_are_refused_without_panicking() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures/specs");
        let text = std::fs::read_to_string(dir.join("jdcloud-minimal.yaml")).unwrap();
        let check = |t: String| {
            if let Ok(loaded) = load_str(Path::new("damaged.yaml"), t) {
                let _ = crate::validate::validate(&loaded);
            }
        };
        let boundaries: Vec<usize> = (0..text.len()).step_by(31).filter(|i| text.is_char_boundary(*i)).collect();
        for &at in &boundaries {
            check(text[..at].to_owned());
            for insert in ["{", "[", "\"", "'", "|\n", "- ", ": ", "\n---\n", "&a ", "*a ", "!t ", "\t", "#", "{}", "list<"] {
                let mut damaged = text.clone();
                damaged.insert_str(at, insert);
                check(damaged);
            }
        }
    }
}
