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
            Err(Diagnostics(vec![Diagnostic {
                file: file.to_owned(),
                path: if path == "." { String::new() } else { path },
                line: location.as_ref().map(|l| l.line()),
                column: location.as_ref().map(|l| l.column()),
                message,
            }]))
        }
    }
}
