//! Errors a person can act on: which file, where in it, and what is wrong.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::ser::{SerializeStruct, Serializer};
use serde::Serialize;

/// One problem in one spec file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// The spec file.
    pub file: PathBuf,
    /// Dotted path inside the document, e.g. `operations.ListInstances.input.PageSize`.
    pub path: String,
    /// 1-based line, where known.
    pub line: Option<usize>,
    /// 1-based column, where known.
    pub column: Option<usize>,
    /// What is wrong and what was expected.
    pub message: String,
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(column) = self.column {
                write!(f, ":{column}")?;
            }
        }
        if !self.path.is_empty() {
            write!(f, ": {}", self.path)?;
        }
        write!(f, ": {}", self.message)
    }
}

/// Serialized as `{"file", "line", "column", "path", "message"}` (the file as text; a line
/// or column that is not known is `null`, which the loader and the validator never leave).
impl Serialize for Diagnostic {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Diagnostic", 5)?;
        s.serialize_field("file", &self.file.to_string_lossy())?;
        s.serialize_field("line", &self.line)?;
        s.serialize_field("column", &self.column)?;
        s.serialize_field("path", &self.path)?;
        s.serialize_field("message", &self.message)?;
        s.end()
    }
}

impl Diagnostic {
    /// A diagnostic about a whole file, placed at its line 1, column 1.
    pub fn whole_file(file: &Path, message: impl Into<String>) -> Self {
        Self { file: file.to_owned(), path: String::new(), line: Some(1), column: Some(1), message: message.into() }
    }
}

/// A YAML path from its keys, joined with `.`; control characters in a key are written
/// escaped (`Na\tme`), so a path stays on one line of a terminal or a log.
pub fn yaml_path<S: AsRef<str>>(keys: &[S]) -> String {
    let mut path = String::new();
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            path.push('.');
        }
        for c in key.as_ref().chars() {
            if c.is_control() {
                path.extend(c.escape_default());
            } else {
                path.push(c);
            }
        }
    }
    path
}

/// Every problem found in a run; nothing is written while there are any.
///
/// Serialized (and [`Diagnostics::to_json`]) as a JSON array of [`Diagnostic`] objects.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(transparent)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// A single diagnostic about a whole file (e.g. it could not be read), placed at its
    /// line 1, column 1.
    pub fn file(file: &Path, message: impl Into<String>) -> Self {
        Self(vec![Diagnostic::whole_file(file, message)])
    }

    /// The diagnostics as a JSON array, one object a diagnostic with the keys `file`,
    /// `line`, `column`, `path` and `message`, for editors and CI:
    ///
    /// ```
    /// # use yun_codegen::Diagnostics;
    /// let d = Diagnostics::file(std::path::Path::new("specs/x.yaml"), "the spec is empty");
    /// assert_eq!(
    ///     d.to_json(),
    ///     r#"[{"file":"specs/x.yaml","line":1,"column":1,"path":"","message":"the spec is empty"}]"#
    /// );
    /// ```
    pub fn to_json(&self) -> String {
        // Strings, numbers and nulls only: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_else(|_| "[]".to_owned())
    }

    /// `true` when no problem was found.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Display for Diagnostics {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "error: {d}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Diagnostics {}
