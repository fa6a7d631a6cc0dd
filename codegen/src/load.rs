//! Reading spec files: YAML text → [`Spec`], with errors that point into the file.

use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Diagnostics};
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

/// Reads and deserializes one spec file.
pub fn load_file(file: &Path) -> Result<LoadedSpec, Diagnostics> {
    let text = std::fs::read_to_string(file)
        .map_err(|e| Diagnostics::file(file, format!("cannot read the spec: {e}")))?;
    load_str(file, text)
}

/// Deserializes spec text; `file` names it in diagnostics.
pub fn load_str(file: &Path, text: String) -> Result<LoadedSpec, Diagnostics> {
    let deserializer = serde_yaml::Deserializer::from_str(&text);
    match serde_path_to_error::deserialize::<_, Spec>(deserializer) {
        Ok(spec) => Ok(LoadedSpec { file: file.to_owned(), text, spec }),
        Err(err) => {
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
            let mut line = location.as_ref().map(|l| l.line());
            let mut column = location.as_ref().map(|l| l.column());
            if let Some(key) = duplicate_key(&message) {
                // Point at the repeated key rather than at the start of its mapping.
                if let Some(l) = second_occurrence(&text, line.unwrap_or(1), key) {
                    line = Some(l);
                    column = None;
                }
            }
            Err(Diagnostics(vec![Diagnostic { file: file.to_owned(), path, line, column, message }]))
        }
    }
}

fn duplicate_key(message: &str) -> Option<&str> {
    message.strip_prefix("duplicate key `")?.strip_suffix('`')
}

/// The line of the second `key:` at the first occurrence's indentation, from `from_line` on.
fn second_occurrence(text: &str, from_line: usize, key: &str) -> Option<usize> {
    let mut first_indent = None;
    for (i, line) in text.lines().enumerate().skip(from_line.saturating_sub(1)) {
        let trimmed = line.trim_start();
        let indent = line.len() - trimmed.len();
        let is_key = trimmed.strip_prefix(key).is_some_and(|rest| rest.trim_start().starts_with(':'));
        if !is_key {
            continue;
        }
        match first_indent {
            None => first_indent = Some(indent),
            Some(first) if first == indent => return Some(i + 1),
            Some(_) => {}
        }
    }
    None
}
