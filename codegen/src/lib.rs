//! yun's generator: service specs (YAML) → Rust SDK crates.
//!
//! The pipeline, one module a step:
//! [`load`] (serde_yaml) → [`validate`] → [`ir::resolve`] → [`emit`] (quote) → formatted text
//! (prettyplease). [`generate`] runs all of it for one spec; an invalid spec yields
//! [`Diagnostics`] and no files.

pub mod diagnostic;
pub mod emit;
pub mod ir;
pub mod load;
pub mod names;
pub mod spec;
pub mod validate;

use std::path::{Path, PathBuf};

pub use diagnostic::{Diagnostic, Diagnostics};
pub use emit::GeneratedFile;

/// A generated crate: its folder name under `generated/` and its files.
#[derive(Debug, Clone)]
pub struct GeneratedCrate {
    /// Folder name under `generated/`.
    pub dir: String,
    /// Files, paths relative to the crate folder.
    pub files: Vec<GeneratedFile>,
}

/// Loads, validates, resolves and emits one spec. `display_path` is how the generated
/// docs name the spec (e.g. `specs/aliyun-swas.yaml`); examples are read from
/// `<spec dir>/examples/<crate>/*.rs` and copied into the crate's `examples/`.
pub fn generate(spec_file: &Path, display_path: &str) -> Result<GeneratedCrate, Diagnostics> {
    let loaded = load::load_file(spec_file)?;
    validate::validate(&loaded)?;
    let service = ir::resolve(&loaded);
    let mut files = emit::emit(&service, display_path)
        .map_err(|e| Diagnostics::file(spec_file, format!("internal error: emitted code does not parse: {e}")))?;
    let examples_dir = spec_file
        .parent()
        .unwrap_or(Path::new("."))
        .join("examples")
        .join(&service.crate_dir);
    files.extend(examples(&examples_dir)?);
    Ok(GeneratedCrate { dir: service.crate_dir, files })
}

fn examples(dir: &Path) -> Result<Vec<GeneratedFile>, Diagnostics> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Ok(Vec::new());
    };
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    paths.sort();
    paths
        .into_iter()
        .map(|p| {
            let text = std::fs::read_to_string(&p)
                .map_err(|e| Diagnostics::file(&p, format!("cannot read the example: {e}")))?;
            let name = p.file_name().unwrap_or_default().to_string_lossy().into_owned();
            Ok(GeneratedFile {
                path: PathBuf::from("examples").join(&name),
                contents: format!(
                    "// Copied by yun-codegen from specs/examples/{}/{name}. DO NOT EDIT here.\n{text}",
                    dir.file_name().unwrap_or_default().to_string_lossy()
                ),
            })
        })
        .collect()
}

/// The JSON Schema of the spec format, generated from [`spec::Spec`].
pub fn spec_schema() -> String {
    let schema = schemars::schema_for!(spec::Spec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
