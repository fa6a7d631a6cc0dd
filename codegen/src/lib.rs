//! yun's generator: service specs (YAML) → Rust SDK crates.
//!
//! The pipeline, one module a step:
//! [`load`] (serde_yaml) → [`validate`] → [`ir::resolve`] → [`emit`] (quote) → formatted text
//! (prettyplease). [`generate`] runs all of it for one spec; an invalid spec yields
//! [`Diagnostics`] and no files. [`reserved`] is the table of names the generator defines
//! (validation checks the spec's names against it); [`write::write_crates`] puts generated
//! crates in place all at once.

pub mod catalogue;
pub mod diagnostic;
pub mod diff;
pub mod emit;
pub mod ir;
pub mod lint;
pub mod load;
pub mod names;
pub mod protocol;
pub mod provenance;
pub mod reserved;
pub mod spec;
pub mod validate;
pub mod write;

use std::path::Path;

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
/// docs name the spec (e.g. `specs/aliyun-swas.yaml`). Examples stay where they are written,
/// `<spec dir>/examples/<crate>/*.rs`: the crate's manifest names each one with a path from
/// `generated/<crate>/` (the layout `cargo xtask gen` writes).
pub fn generate(spec_file: &Path, display_path: &str) -> Result<GeneratedCrate, Diagnostics> {
    let loaded = load::load_file(spec_file)?;
    validate::validate(&loaded)?;
    let service = ir::resolve(&loaded);
    let mut files = emit::emit(&service, display_path)
        .map_err(|e| Diagnostics::file(spec_file, format!("internal error: emitted code does not parse: {e}")))?;
    let examples_dir = spec_file.parent().unwrap_or(Path::new(".")).join("examples").join(&service.crate_dir);
    let examples = example_files(&examples_dir);
    if let Some(manifest) = files.iter_mut().find(|f| f.path == Path::new("Cargo.toml")) {
        for file in examples {
            let name = file.trim_end_matches(".rs");
            let path = format!("../../specs/examples/{}/{file}", service.crate_dir);
            manifest.contents.push_str(&format!(
                "\n[[example]]\nname = {}\npath = {}\n",
                emit::cargo_toml::toml_string(name),
                emit::cargo_toml::toml_string(&path)
            ));
        }
    }
    files.extend(emit::changelog::changelog(&loaded.spec));
    Ok(GeneratedCrate { dir: service.crate_dir, files })
}

/// The `.rs` files of an examples folder, sorted (none when there is no folder).
fn example_files(dir: &Path) -> Vec<String> {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return Vec::new();
    };
    let mut names: Vec<String> =
        entries.filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned())).filter(|name| name.ends_with(".rs")).collect();
    names.sort();
    names
}

/// The JSON Schema of the spec format, generated from [`spec::Spec`].
pub fn spec_schema() -> String {
    let schema = schemars::schema_for!(spec::Spec);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}

/// The JSON Schema of the emulator's seed catalogues, generated from [`catalogue::Catalogue`].
pub fn catalogue_schema() -> String {
    let schema = schemars::schema_for!(catalogue::Catalogue);
    let mut text = serde_json::to_string_pretty(&schema).unwrap_or_default();
    text.push('\n');
    text
}
