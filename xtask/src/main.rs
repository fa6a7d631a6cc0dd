//! `cargo xtask <verb>`: the project's tasks.
//!
//! - `gen`: regenerate `generated/` and `specs/schema/spec.schema.json` from `specs/*.yaml`.
//! - `check`: fail, listing the files, when `generated/` or the schema is stale.
//! - `validate [SPEC…]`: load and validate specs, print what each contains.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use yun_codegen::{Diagnostics, GeneratedCrate};

const USAGE: &str = "usage: cargo xtask <gen | check | validate [SPEC…]>";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen(&root),
        Some("check") => check(&root),
        Some("validate") => validate(&root, &args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// Every file `gen` owns, relative to the workspace root, with its expected contents.
fn expected_files(root: &Path) -> Result<BTreeMap<PathBuf, String>, String> {
    let mut files = BTreeMap::new();
    let mut problems = Vec::new();
    let mut crates: BTreeMap<String, PathBuf> = BTreeMap::new();
    for spec in spec_files(root)? {
        let display = relative(root, &spec);
        match yun_codegen::generate(&spec, &display) {
            Ok(GeneratedCrate { dir, files: crate_files }) => {
                if let Some(other) = crates.insert(dir.clone(), spec.clone()) {
                    problems.push(format!(
                        "error: {} and {} both generate `generated/{dir}`",
                        relative(root, &other),
                        display
                    ));
                }
                for f in crate_files {
                    files.insert(Path::new("generated").join(&dir).join(&f.path), f.contents);
                }
            }
            Err(diagnostics) => problems.push(with_relative_paths(root, diagnostics)),
        }
    }
    if !problems.is_empty() {
        return Err(format!("{}\nnothing was written", problems.join("\n")));
    }
    files.insert(PathBuf::from("specs/schema/spec.schema.json"), yun_codegen::spec_schema());
    Ok(files)
}

fn with_relative_paths(root: &Path, mut d: Diagnostics) -> String {
    for diag in &mut d.0 {
        diag.file = PathBuf::from(relative(root, &diag.file));
    }
    d.to_string()
}

fn spec_files(root: &Path) -> Result<Vec<PathBuf>, String> {
    let dir = root.join("specs");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml" || x == "yml"))
        .collect();
    specs.sort();
    Ok(specs)
}

fn relative(root: &Path, path: &Path) -> String {
    path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

/// Files under `generated/` on disk, relative to the root.
fn existing_generated(root: &Path) -> Vec<PathBuf> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else { return };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                walk(&path, out);
            } else {
                out.push(path);
            }
        }
    }
    let mut out = Vec::new();
    walk(&root.join("generated"), &mut out);
    let mut files: Vec<PathBuf> = out.iter().map(|p| PathBuf::from(relative(root, p))).collect();
    files.sort();
    files
}

fn gen(root: &Path) -> Result<(), String> {
    let expected = expected_files(root)?;
    let mut written = 0;
    for (path, contents) in &expected {
        let full = root.join(path);
        if std::fs::read_to_string(&full).ok().as_deref() == Some(contents.as_str()) {
            continue;
        }
        if let Some(parent) = full.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
        }
        std::fs::write(&full, contents).map_err(|e| format!("cannot write {}: {e}", full.display()))?;
        written += 1;
    }
    let mut removed = 0;
    for stale in existing_generated(root) {
        if !expected.contains_key(&stale) {
            std::fs::remove_file(root.join(&stale)).map_err(|e| format!("cannot remove {}: {e}", stale.display()))?;
            removed += 1;
        }
    }
    remove_empty_dirs(&root.join("generated"));
    println!(
        "generated {} files ({written} written, {removed} removed, {} unchanged)",
        expected.len(),
        expected.len() - written
    );
    Ok(())
}

fn remove_empty_dirs(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            remove_empty_dirs(&path);
            let _ = std::fs::remove_dir(&path); // fails, harmlessly, when not empty
        }
    }
}

fn check(root: &Path) -> Result<(), String> {
    let expected = expected_files(root)?;
    let mut stale = Vec::new();
    for (path, contents) in &expected {
        match std::fs::read_to_string(root.join(path)) {
            Ok(on_disk) if &on_disk == contents => {}
            Ok(_) => stale.push(format!("  changed: {}", path.display())),
            Err(_) => stale.push(format!("  missing: {}", path.display())),
        }
    }
    for path in existing_generated(root) {
        if !expected.contains_key(&path) {
            stale.push(format!("  extra:   {}", path.display()));
        }
    }
    if stale.is_empty() {
        println!("generated/ is up to date ({} files)", expected.len());
        Ok(())
    } else {
        Err(format!(
            "generated/ is stale: it differs from what the specs give:\n{}\nrun `cargo xtask gen` and commit the result",
            stale.join("\n")
        ))
    }
}

fn validate(root: &Path, args: &[String]) -> Result<(), String> {
    let specs = if args.is_empty() { spec_files(root)? } else { args.iter().map(PathBuf::from).collect() };
    let mut failed = false;
    for spec in specs {
        let loaded = yun_codegen::load::load_file(&spec)
            .and_then(|l| yun_codegen::validate::validate(&l).map(|()| l));
        match loaded {
            Ok(l) => {
                let s = &l.spec;
                let enums = s.shapes.values().filter(|x| x.kind == yun_codegen::spec::ShapeKind::Enum).count();
                let inputs: usize = s.operations.values().map(|o| o.input.len()).sum();
                let paged = s.operations.values().filter(|o| o.paginator.is_some()).count();
                println!(
                    "{}: ok: {} operations ({} request parameters, {} paged), {} shapes ({} enums), {} waiters",
                    relative(root, &spec),
                    s.operations.len(),
                    inputs,
                    paged,
                    s.shapes.len(),
                    enums,
                    s.waiters.len()
                );
                let mut notes = Vec::new();
                let renamed: Vec<String> =
                    s.operations.iter().filter_map(|(k, o)| o.action.as_ref().map(|a| format!("{k} sends {a}"))).collect();
                if !renamed.is_empty() {
                    notes.push(format!("wire actions: {}", renamed.join(", ")));
                }
                let exclusive: Vec<&str> = s.operations.iter().filter(|(_, o)| !o.one_of.is_empty()).map(|(k, _)| k.as_str()).collect();
                if !exclusive.is_empty() {
                    notes.push(format!("one_of groups: {}", exclusive.join(", ")));
                }
                if let Some(g) = &s.service.global_endpoint {
                    notes.push(format!("global host {g}"));
                }
                if let Some(d) = &s.service.dry_run {
                    notes.push(format!("dry run {}=true -> {}", d.member, d.code));
                }
                if !notes.is_empty() {
                    println!("  {}", notes.join("; "));
                }
            }
            Err(d) => {
                failed = true;
                eprintln!("{}", with_relative_paths(root, d));
            }
        }
    }
    if failed { Err("validation failed".to_owned()) } else { Ok(()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch workspace holding one spec (the test fixture).
    fn scratch(name: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("yun-xtask-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("specs")).unwrap();
        let fixture = workspace_root().join("tests/fixtures/specs/minimal.yaml");
        std::fs::copy(fixture, root.join("specs/minimal.yaml")).unwrap();
        root
    }

    #[test]
    fn gen_is_idempotent_and_check_finds_hand_edits() {
        let root = scratch("check");
        gen(&root).unwrap();
        let before = existing_generated(&root);
        let lib = root.join("generated/fixture-minimal/src/lib.rs");
        let original = std::fs::read_to_string(&lib).unwrap();
        gen(&root).unwrap();
        assert_eq!(existing_generated(&root), before);
        assert_eq!(std::fs::read_to_string(&lib).unwrap(), original);
        check(&root).unwrap();

        std::fs::write(&lib, format!("{original}// edited by hand\n")).unwrap();
        std::fs::write(root.join("generated/fixture-minimal/src/extra.rs"), "").unwrap();
        std::fs::remove_file(root.join("generated/fixture-minimal/src/types.rs")).unwrap();
        let err = check(&root).unwrap_err();
        assert!(err.contains("changed: generated/fixture-minimal/src/lib.rs"), "{err}");
        assert!(err.contains("extra:   generated/fixture-minimal/src/extra.rs"), "{err}");
        assert!(err.contains("missing: generated/fixture-minimal/src/types.rs"), "{err}");

        gen(&root).unwrap();
        check(&root).unwrap();
        assert_eq!(existing_generated(&root), before);
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn an_invalid_spec_writes_nothing() {
        let root = scratch("invalid");
        let spec = root.join("specs/minimal.yaml");
        let text = std::fs::read_to_string(&spec).unwrap().replace("list<Tag>", "list<Missing>");
        std::fs::write(&spec, text).unwrap();
        let err = gen(&root).unwrap_err();
        assert!(err.contains("specs/minimal.yaml:") && err.contains("unknown type `Missing`"), "{err}");
        assert!(err.ends_with("nothing was written"), "{err}");
        assert!(existing_generated(&root).is_empty());
        assert!(!root.join("specs/schema").exists());
        let _ = std::fs::remove_dir_all(&root);
    }
}
