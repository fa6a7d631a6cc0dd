//! `cargo xtask <verb>`: the project's tasks.
//!
//! - `gen`: regenerate `generated/` from `specs/*.yaml`, `tests/fixture-crates/` from the valid
//!   spec corpus `tests/fixtures/specs/valid/*.yaml`, `specs/schema/spec.schema.json` and
//!   `specs/schema/catalogue.schema.json`.
//! - `check`: fail, listing the files, when `generated/`, `tests/fixture-crates/` or the schema
//!   is stale.
//! - `validate [--strict] [--format human|json] [SPEC…]`: load and validate specs (by default every
//!   spec `gen` reads and the history specs under `specs/history/`), print what each contains and
//!   its coverage (share of members carrying a document line), or each problem as
//!   `file:line:column: path: message` (human, on stderr) or as one JSON array of diagnostics
//!   (json, on stdout: `[]` when all are valid and clean; each with a `severity`). The review
//!   lints (`yun_codegen::lint`: no provenance, enum values without a meaning, empty docs, an
//!   operation defined twice, an unanchored pattern) are warnings (listed for the specs named,
//!   counted per spec otherwise; in JSON always listed, each with its `lint` name), errors with
//!   `--strict`.
//! - `diff [--format markdown|json] [--allow-breaking] (OLD NEW | --base REV [SPEC…])`: what a spec
//!   change does to users, each change classified, and the version bump it needs (`diff.rs`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use yun_codegen::lint::Finding;

use yun_codegen::{Diagnostics, GeneratedCrate};

mod diff;

const USAGE: &str =
    "usage: cargo xtask <gen | check | validate [--strict] [--format human|json] [SPEC…] | diff [--format markdown|json] [--allow-breaking] [--doc-only] [--new-doc-lines FROM-TO] (OLD NEW | --base REV [SPEC…])>";

/// The spec folders `gen` reads and the folder each one's crates are written to.
const TARGETS: &[Target] = &[
    Target { specs: "specs", crates: "generated", optional: false },
    Target { specs: "tests/fixtures/specs/valid", crates: "tests/fixture-crates", optional: true },
];

/// Older versions of living specs (`specs/history/<crate>/<version>.yaml`): `validate` reads them
/// (each alone: two versions of one service share its crate name), `diff` compares them, `gen`
/// never generates them (`spec_files` does not descend into folders).
const HISTORY: &str = "specs/history";

/// The `*.yaml` files under [`HISTORY`], at any depth, sorted (none when the folder is absent).
fn history_specs(root: &Path) -> Result<Vec<PathBuf>, String> {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
        for entry in std::fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))? {
            let path = entry.map_err(|e| format!("cannot read {}: {e}", dir.display()))?.path();
            if path.is_dir() {
                walk(&path, out)?;
            } else if path.extension().is_some_and(|x| x == "yaml" || x == "yml") {
                out.push(path);
            }
        }
        Ok(())
    }
    let dir = root.join(HISTORY);
    let mut out = Vec::new();
    if dir.is_dir() {
        walk(&dir, &mut out)?;
    }
    out.sort();
    Ok(out)
}

/// Whether `spec` is a history spec (under [`HISTORY`] of `root`, or of any folder when given
/// relative to another directory).
fn is_history(root: &Path, spec: &Path) -> bool {
    let shown = relative(root, &std::path::absolute(spec).unwrap_or_else(|_| spec.to_path_buf()));
    shown.starts_with(&format!("{HISTORY}/")) || shown.contains(&format!("/{HISTORY}/"))
}

/// A folder of specs and the folder their crates go to (both relative to the workspace root).
struct Target {
    specs: &'static str,
    crates: &'static str,
    /// A missing spec folder counts as empty (else it is an error: `gen` would remove every crate).
    optional: bool,
}

impl Target {
    fn specs(&self, root: &Path) -> Result<Vec<PathBuf>, String> {
        let dir = root.join(self.specs);
        if self.optional && !dir.exists() {
            return Ok(Vec::new());
        }
        spec_files(&dir)
    }
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = workspace_root();
    if args.first().map(String::as_str) == Some("diff") {
        // Its own exit status: 0, 1 on a breaking change, 2 on bad input.
        return diff::run(&root, &args[1..]);
    }
    let result = match args.first().map(String::as_str) {
        Some("gen") => gen(&root),
        Some("check") => check(&root),
        Some("validate") => validate(&root, &args[1..]),
        _ => Err(USAGE.to_owned()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            if !message.is_empty() {
                eprintln!("{message}");
            }
            ExitCode::FAILURE
        }
    }
}

fn workspace_root() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest.parent().map(Path::to_path_buf).unwrap_or(manifest)
}

/// The crates of every target, generated from its specs; any problem (an invalid spec, a crate
/// name two specs share) is an error listing them all, and nothing is generated.
fn generate_all(root: &Path) -> Result<Vec<(&'static Target, Vec<GeneratedCrate>)>, String> {
    let mut all = Vec::new();
    let mut problems = Diagnostics::default();
    // Crate folder name → the spec that generates it: two specs (in any folder) may not share
    // one, since each is the package `yun-<name>` of one workspace.
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    for target in TARGETS {
        let mut crates = Vec::new();
        for spec in target.specs(root)? {
            let display = relative(root, &spec);
            match yun_codegen::generate(&spec, &display) {
                Ok(generated) => {
                    if let Some(other) = owners.insert(generated.dir.clone(), spec.clone()) {
                        problems.0.push(shared_crate(root, &spec, &other, &generated.dir));
                    }
                    crates.push(generated);
                }
                Err(diagnostics) => problems.0.extend(with_relative_paths(root, diagnostics).0),
            }
        }
        all.push((target, crates));
    }
    if problems.is_empty() {
        Ok(all)
    } else {
        Err(format!("{problems}\nnothing was written"))
    }
}

/// `spec` generates the crate `dir`, which `other` (in another folder) generates too: located at
/// `spec`'s `service.crate`.
fn shared_crate(root: &Path, spec: &Path, other: &Path, dir: &str) -> yun_codegen::Diagnostic {
    let text = std::fs::read_to_string(spec).unwrap_or_default();
    let (line, column) = yun_codegen::spec::locate(&text, &["service", "crate"]).unwrap_or((1, 1));
    yun_codegen::Diagnostic {
        file: PathBuf::from(relative(root, spec)),
        path: "service.crate".to_owned(),
        line: Some(line),
        column: Some(column),
        message: format!(
            "{} also generates the crate `{dir}` (package `yun-{dir}`): each spec needs its own `crate`",
            relative(root, other)
        ),
    }
}

/// The schema file `gen` writes beside the crates.
const SCHEMA: &str = "specs/schema/spec.schema.json";

/// The seed catalogues' schema file `gen` writes beside it.
const CATALOGUE_SCHEMA: &str = "specs/schema/catalogue.schema.json";

/// Every file `gen` owns, relative to the workspace root, with its expected contents.
fn expected_files(root: &Path) -> Result<BTreeMap<PathBuf, String>, String> {
    let mut files = BTreeMap::new();
    for (target, crates) in generate_all(root)? {
        for krate in crates {
            for f in krate.files {
                files.insert(Path::new(target.crates).join(&krate.dir).join(&f.path), f.contents);
            }
        }
    }
    files.insert(PathBuf::from(SCHEMA), yun_codegen::spec_schema());
    files.insert(PathBuf::from(CATALOGUE_SCHEMA), yun_codegen::catalogue_schema());
    Ok(files)
}

fn with_relative_paths(root: &Path, mut d: Diagnostics) -> Diagnostics {
    for diag in &mut d.0 {
        diag.file = PathBuf::from(relative(root, &diag.file));
    }
    d
}

/// The `*.yaml` and `*.yml` files of `dir`, sorted.
fn spec_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut specs: Vec<PathBuf> = std::fs::read_dir(dir)
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

/// Files under the crate folders (`generated/`, `tests/fixture-crates/`) on disk, relative to the root.
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
    for target in TARGETS {
        walk(&root.join(target.crates), &mut out);
    }
    let mut files: Vec<PathBuf> = out.iter().map(|p| PathBuf::from(relative(root, p))).collect();
    files.sort();
    files
}

/// Writes every target's crates at once (`yun_codegen::write`): each target folder becomes
/// exactly its crates. All targets are staged beside their folders before any is moved into
/// place, so a failure while writing leaves every folder as it was; then the schema.
fn gen(root: &Path) -> Result<(), String> {
    let all = generate_all(root)?;
    let mut staged = Vec::new();
    for (target, crates) in &all {
        let stage = yun_codegen::write::stage(&root.join(target.crates), crates).map_err(|e| format!("{e}\nnothing was written"))?;
        staged.push((target, stage));
    }
    let (mut files, mut written, mut removed) = (0, 0, 0);
    for (target, stage) in staged {
        let summary = stage.commit().map_err(|e| format!("{e}\n{} was left as it was", target.crates))?;
        files += summary.files;
        written += summary.written.len();
        removed += summary.removed.len();
    }
    for (file, text) in [(SCHEMA, yun_codegen::spec_schema()), (CATALOGUE_SCHEMA, yun_codegen::catalogue_schema())] {
        let schema = root.join(file);
        files += 1;
        if std::fs::read_to_string(&schema).ok().as_deref() != Some(text.as_str()) {
            write_file(&schema, &text)?;
            written += 1;
        }
    }
    println!("generated {files} files ({written} written, {removed} removed, {} unchanged)", files - written);
    Ok(())
}

/// Writes `path` whole: into a temporary file beside it, then renamed over it.
fn write_file(path: &Path, contents: &str) -> Result<(), String> {
    let parent = path.parent().unwrap_or(Path::new("."));
    std::fs::create_dir_all(parent).map_err(|e| format!("cannot create {}: {e}", parent.display()))?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let temp = parent.join(format!(".{name}.yun-new-{}", std::process::id()));
    let result = std::fs::write(&temp, contents).and_then(|()| std::fs::rename(&temp, path));
    if let Err(e) = result {
        let _ = std::fs::remove_file(&temp);
        return Err(format!("cannot write {}: {e}", path.display()));
    }
    Ok(())
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
        println!("generated/, tests/fixture-crates/ and the schema are up to date ({} files)", expected.len());
        println!("{}", diff::version_check(root)?);
        println!("{}", idna_adapter_check(root)?);
        Ok(())
    } else {
        Err(format!(
            "generated files are stale: they differ from what the specs give:\n{}\nrun `cargo xtask gen` and commit the result",
            stale.join("\n")
        ))
    }
}

/// `Cargo.lock` keeps `idna_adapter` at 1.0.x, the IDNA back end without Unicode data, which
/// spares every build the ~20 ICU4X crates (the workspace's `Cargo.toml` says why it is safe);
/// a plain `cargo update` would move it back to the ICU4X stream.
fn idna_adapter_check(root: &Path) -> Result<String, String> {
    let lock = match std::fs::read_to_string(root.join("Cargo.lock")) {
        Ok(lock) => lock,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok("no Cargo.lock".to_owned()),
        Err(e) => return Err(format!("Cargo.lock: {e}")),
    };
    let version = lock
        .split("[[package]]")
        .find(|package| package.lines().any(|line| line.trim() == "name = \"idna_adapter\""))
        .and_then(|package| package.lines().find_map(|line| line.trim().strip_prefix("version = \"")?.strip_suffix('"')));
    match version {
        None => Ok("Cargo.lock: no idna_adapter (nothing depends on idna)".to_owned()),
        Some(v) if v.starts_with("1.0.") => Ok(format!("Cargo.lock: idna_adapter {v}, no Unicode back end")),
        Some(v) => Err(format!(
            "Cargo.lock: idna_adapter {v} brings ICU4X into every build; run `cargo update -p idna_adapter --precise 1.0.0` (see the workspace's Cargo.toml)"
        )),
    }
}

/// How `validate` prints problems.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    /// `error: file:line:column: path: message` lines on stderr, and a summary of each valid spec.
    Human,
    /// One JSON array of every diagnostic on stdout (`[]` when every spec is valid).
    Json,
}

/// Splits `validate`'s arguments into the output format and the spec files.
fn validate_args(args: &[String]) -> Result<(Format, Vec<PathBuf>), String> {
    let mut format = Format::Human;
    let mut specs = Vec::new();
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        let value = match arg.strip_prefix("--format") {
            Some("") => args.next().map(String::as_str),
            Some(rest) => rest.strip_prefix('='),
            None => {
                if arg.starts_with('-') {
                    return Err(format!("unknown option `{arg}`\n{USAGE}"));
                }
                specs.push(PathBuf::from(arg));
                continue;
            }
        };
        format = match value {
            Some("human") => Format::Human,
            Some("json") => Format::Json,
            other => return Err(format!("`--format` takes `human` or `json`, not `{}`\n{USAGE}", other.unwrap_or(""))),
        };
    }
    Ok((format, specs))
}

fn validate(root: &Path, args: &[String]) -> Result<(), String> {
    // `--strict`: the review lints (`yun_codegen::lint`) are errors, not warnings.
    let strict = args.iter().any(|a| a == "--strict");
    let args: Vec<String> = args.iter().filter(|a| *a != "--strict").cloned().collect();
    let (format, specs) = validate_args(&args)?;
    // Specs named on the command line have their warnings listed; all of them, only counted.
    let named = !specs.is_empty();
    let (mut found, valid) = check_specs(root, specs)?;
    let mut findings: Vec<Finding> = Vec::new();
    let documents = root.join(DOCUMENTS);
    let mut warnings: Vec<Diagnostics> = Vec::new();
    for (_, loaded) in &valid {
        let mut of_spec = yun_codegen::lint::findings(loaded);
        // The spelling lint reads the cited documents, where this checkout has them.
        if documents.is_dir() {
            of_spec.extend(yun_codegen::lint::spellings(loaded, &documents));
        }
        for f in &mut of_spec {
            f.diagnostic.file = PathBuf::from(relative(root, &f.diagnostic.file));
        }
        warnings.push(Diagnostics(of_spec.iter().map(|f| f.diagnostic.clone()).collect()));
        findings.extend(of_spec);
    }
    let json = json_report(&found, &findings, strict);
    if strict {
        for w in &mut warnings {
            found.0.append(&mut w.0);
        }
    }
    match format {
        Format::Json => println!("{json}"),
        Format::Human => {
            for ((display, loaded), lints) in valid.iter().zip(&warnings) {
                summary(display, &loaded.spec);
                println!("  coverage: {}", yun_codegen::lint::coverage(loaded));
                if !lints.is_empty() && !named {
                    println!("  review: {} warning(s) (`cargo xtask validate {display}` lists them)", lints.0.len());
                }
            }
            if named {
                for warning in warnings.iter().flat_map(|w| &w.0) {
                    eprintln!("warning: {warning}");
                }
            }
            let total: usize = warnings.iter().map(|w| w.0.len()).sum();
            if total > 0 {
                eprintln!("{total} review warning(s); `--strict` makes them errors");
            }
            if !found.is_empty() {
                eprintln!("{found}");
            }
        }
    }
    if found.is_empty() {
        Ok(())
    } else if format == Format::Json {
        Err(String::new())
    } else {
        let n = found.0.len();
        Err(format!("validation failed: {n} problem{}", if n == 1 { "" } else { "s" }))
    }
}

/// The seed documents specs cite (`source: {doc}`), from the workspace root: the spelling lint
/// (`yun_codegen::lint::spellings`) reads them when they are there.
const DOCUMENTS: &str = "../shared/seeds";

/// `validate --format json`: one array, the errors (`"severity": "error"`) then the review
/// findings (`"severity": "warning"`, or `"error"` under `--strict`), each with the keys of a
/// diagnostic (`file`, `line`, `column`, `path`, `message`); a finding also names its `lint`.
fn json_report(errors: &Diagnostics, findings: &[Finding], strict: bool) -> String {
    let severity = if strict { "error" } else { "warning" };
    let tagged = |d: &yun_codegen::Diagnostic, severity: &str, lint: Option<&str>| {
        let mut value = serde_json::to_value(d).unwrap_or_default();
        if let Some(object) = value.as_object_mut() {
            object.insert("severity".to_owned(), severity.into());
            if let Some(lint) = lint {
                object.insert("lint".to_owned(), lint.into());
            }
        }
        value
    };
    let all: Vec<serde_json::Value> = errors
        .0
        .iter()
        .map(|d| tagged(d, "error", None))
        .chain(findings.iter().map(|f| tagged(&f.diagnostic, severity, Some(f.lint.as_str()))))
        .collect();
    serde_json::to_string(&all).unwrap_or_else(|_| "[]".to_owned())
}

/// Loads and validates `specs` (every spec `gen` reads when empty): the problems of all of
/// them (files relative to `root`), and each valid spec with its name.
fn check_specs(root: &Path, specs: Vec<PathBuf>) -> Result<(Diagnostics, Vec<(String, yun_codegen::load::LoadedSpec)>), String> {
    let specs = if specs.is_empty() {
        let mut all = Vec::new();
        for target in TARGETS {
            all.extend(target.specs(root)?);
        }
        all.extend(history_specs(root)?);
        all
    } else {
        specs
    };
    let mut found = Diagnostics::default();
    let mut valid = Vec::new();
    // As `gen` checks: a crate name once across the specs validated together, whatever their folder.
    let mut owners: BTreeMap<String, PathBuf> = BTreeMap::new();
    for spec in specs {
        let history = is_history(root, &spec);
        let loaded = yun_codegen::load::load_file(&spec).and_then(|l| {
            // A history spec is an older version of a living one: same crate name, nothing generated.
            if history { yun_codegen::validate::validate_alone(&l) } else { yun_codegen::validate::validate(&l) }.map(|()| l)
        });
        match loaded {
            Ok(l) if history => valid.push((relative(root, &spec), l)),
            Ok(l) => {
                if let Some(other) = owners.insert(l.spec.service.crate_name.clone(), spec.clone()) {
                    found.0.push(shared_crate(root, &spec, &other, &l.spec.service.crate_name));
                } else {
                    valid.push((relative(root, &spec), l));
                }
            }
            Err(d) => found.0.extend(with_relative_paths(root, d).0),
        }
    }
    Ok((found, valid))
}

/// What a valid spec holds, on one or two lines.
fn summary(display: &str, s: &yun_codegen::spec::Spec) {
    let enums = s.shapes.values().filter(|x| x.kind == yun_codegen::spec::ShapeKind::Enum).count();
    let inputs: usize = s.operations.values().map(|o| o.input.len()).sum();
    let paged = s.operations.values().filter(|o| o.paginator.is_some()).count();
    println!(
        "{display}: ok: {} operations ({} request parameters, {} paged), {} shapes ({} enums), {} waiters",
        s.operations.len(),
        inputs,
        paged,
        s.shapes.len(),
        enums,
        s.waiters.len()
    );
    let mut notes = Vec::new();
    let renamed: Vec<String> = s.operations.iter().filter_map(|(k, o)| o.action.as_ref().map(|a| format!("{k} sends {a}"))).collect();
    if !renamed.is_empty() {
        notes.push(format!("wire actions: {}", renamed.join(", ")));
    }
    let exclusive: Vec<&str> = s.operations.iter().filter(|(_, o)| !o.one_of.is_empty()).map(|(k, _)| k.as_str()).collect();
    if !exclusive.is_empty() {
        notes.push(format!("one_of groups: {}", exclusive.join(", ")));
    }
    let at_least: Vec<&str> = s.operations.iter().filter(|(_, o)| !o.at_least_one_of.is_empty()).map(|(k, _)| k.as_str()).collect();
    if !at_least.is_empty() {
        notes.push(format!("at_least_one_of groups: {}", at_least.join(", ")));
    }
    if let Some(g) = &s.service.global_endpoint {
        notes.push(format!("global host {g}"));
    }
    if let Some(d) = &s.service.dry_run {
        notes.push(format!("dry run {}=true -> {}", d.member, d.code));
    }
    let resources: Vec<String> = s
        .resources
        .iter()
        .map(|(kind, r)| {
            format!("{kind} ({} reads, {} creates, {} deletes, {} actions)", r.read.len(), r.create.len(), r.delete.len(), r.actions.len())
        })
        .collect();
    if !resources.is_empty() {
        notes.push(format!("emulator resources: {}", resources.join(", ")));
    }
    if !notes.is_empty() {
        println!("  {}", notes.join("; "));
    }
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
    fn check_refuses_an_icu4x_idna_adapter_in_the_lock_file() {
        let root = std::env::temp_dir().join(format!("yun-xtask-idna-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        assert!(idna_adapter_check(&root).is_ok(), "no lock file");
        let lock = |version: &str| {
            format!("[[package]]\nname = \"idna\"\nversion = \"1.1.0\"\n\n[[package]]\nname = \"idna_adapter\"\nversion = \"{version}\"\n")
        };
        std::fs::write(root.join("Cargo.lock"), lock("1.0.0")).unwrap();
        assert_eq!(idna_adapter_check(&root).unwrap(), "Cargo.lock: idna_adapter 1.0.0, no Unicode back end");
        std::fs::write(root.join("Cargo.lock"), lock("1.2.2")).unwrap();
        assert!(idna_adapter_check(&root).unwrap_err().contains("--precise 1.0.0"));
        let _ = std::fs::remove_dir_all(&root);
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

    fn args(list: &[&str]) -> Vec<String> {
        list.iter().map(|s| (*s).to_owned()).collect()
    }

    #[test]
    fn validate_takes_a_format_and_specs() {
        assert_eq!(validate_args(&[]).unwrap(), (Format::Human, vec![]));
        assert_eq!(validate_args(&args(&["--format", "json", "a.yaml"])).unwrap(), (Format::Json, vec![PathBuf::from("a.yaml")]));
        assert_eq!(
            validate_args(&args(&["a.yaml", "--format=human", "b.yaml"])).unwrap().1,
            [PathBuf::from("a.yaml"), PathBuf::from("b.yaml")]
        );
        let err = validate_args(&args(&["--format", "xml"])).unwrap_err();
        assert!(err.contains("`--format` takes `human` or `json`, not `xml`") && err.contains("usage:"), "{err}");
        assert!(validate_args(&args(&["--format"])).is_err());
        assert!(validate_args(&args(&["--fromat=json"])).unwrap_err().contains("unknown option `--fromat=json`"));
    }

    #[test]
    fn validate_locates_every_problem_as_text_and_json() {
        let root = scratch("validate");
        let spec = root.join("specs/minimal.yaml");
        let text = std::fs::read_to_string(&spec).unwrap().replace("list<Tag>", "list<Missing>").replace("max: 100", "max: 0");
        std::fs::write(&spec, &text).unwrap();
        let (found, valid) = check_specs(&root, vec![]).unwrap();
        assert!(valid.is_empty());
        assert_eq!(found.0.len(), 2, "{found}");
        let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
        let human = found.to_string();
        for (needle, message) in [("max: 0", "above max"), ("list<Missing>", "unknown type `Missing`")] {
            let at = format!("error: specs/minimal.yaml:{}:", line_of(needle));
            assert!(human.lines().any(|l| l.starts_with(&at) && l.contains(message)), "no `{at}…{message}` in:\n{human}");
        }
        for d in &found.0 {
            assert!(d.line.is_some() && d.column.is_some(), "{d}");
        }
        let json = found.to_json();
        assert!(json.starts_with("[{\"file\":\"specs/minimal.yaml\",\"line\":"), "{json}");
        assert!(json.contains("unknown type `Missing`"), "{json}");
        assert!(validate(&root, &args(&["--format", "json"])).is_err());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn history_specs_are_validated_alone_and_never_generated() {
        let root = scratch("history");
        let text = std::fs::read_to_string(root.join("specs/minimal.yaml")).unwrap();
        let history = root.join("specs/history/minimal");
        std::fs::create_dir_all(&history).unwrap();
        // The same crate name as the living spec: no collision for a history spec.
        std::fs::write(history.join("old.yaml"), text.replace("title: Demo", "title: Old")).unwrap();
        assert!(is_history(&root, &history.join("old.yaml")) && !is_history(&root, &root.join("specs/minimal.yaml")));
        let (found, valid) = check_specs(&root, vec![]).unwrap();
        assert!(found.is_empty(), "{found}");
        let names: Vec<&str> = valid.iter().map(|(name, _)| name.as_str()).collect();
        assert_eq!(names, ["specs/minimal.yaml", "specs/history/minimal/old.yaml"]);
        gen(&root).unwrap();
        let crates: Vec<_> = std::fs::read_dir(root.join("generated")).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(crates, ["fixture-minimal"], "only the living spec is generated");
        // A broken history spec is located like any other.
        std::fs::write(history.join("old.yaml"), text.replace("list<Tag>", "list<Missing>")).unwrap();
        let (found, _) = check_specs(&root, vec![]).unwrap();
        assert!(found.to_string().starts_with("error: specs/history/minimal/old.yaml:"), "{found}");
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn review_lints_warn_and_strict_makes_them_errors() {
        let root = scratch("lints");
        let spec = root.join("specs/minimal.yaml");
        let given = vec![spec.to_string_lossy().into_owned()];
        let (found, valid) = check_specs(&root, vec![spec.clone()]).unwrap();
        assert!(found.is_empty(), "{found}");
        let lints = yun_codegen::lint::lint(&valid[0].1);
        assert!(!lints.is_empty(), "the minimal fixture has members without provenance");
        assert!(validate(&root, &given).is_ok(), "warnings by default");
        let mut strict = vec!["--strict".to_owned()];
        strict.extend(given);
        let err = validate(&root, &strict).unwrap_err();
        assert_eq!(err, format!("validation failed: {} problem{}", lints.len(), if lints.len() == 1 { "" } else { "s" }));
        // JSON lists the warnings with file, path, line and lint name (errors under --strict).
        let findings = yun_codegen::lint::findings(&valid[0].1);
        let json: serde_json::Value = serde_json::from_str(&json_report(&found, &findings, false)).unwrap();
        let listed = json.as_array().unwrap();
        assert_eq!(listed.len(), lints.len());
        for (entry, finding) in listed.iter().zip(&findings) {
            assert_eq!(entry["severity"], "warning");
            assert_eq!(entry["lint"], finding.lint.as_str());
            assert_eq!(entry["path"], finding.diagnostic.path.as_str());
            assert_eq!(entry["line"], finding.diagnostic.line.unwrap());
            assert!(entry["file"].as_str().unwrap().ends_with("minimal.yaml"), "{entry}");
        }
        assert!(listed.iter().any(|e| e["lint"] == "provenance"), "{json}");
        let strict_json: serde_json::Value = serde_json::from_str(&json_report(&found, &findings, true)).unwrap();
        assert!(strict_json.as_array().unwrap().iter().all(|e| e["severity"] == "error"));
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn the_valid_corpus_is_generated_into_fixture_crates() {
        let root = scratch("fixtures");
        let corpus = root.join("tests/fixtures/specs/valid");
        std::fs::create_dir_all(&corpus).unwrap();
        let text = std::fs::read_to_string(root.join("specs/minimal.yaml")).unwrap();
        std::fs::write(corpus.join("other.yaml"), text.replace("crate: fixture-minimal", "crate: fixture-other")).unwrap();
        gen(&root).unwrap();
        assert!(root.join("tests/fixture-crates/fixture-other/src/lib.rs").is_file());
        assert!(root.join("generated/fixture-minimal/src/lib.rs").is_file());
        check(&root).unwrap();
        std::fs::write(root.join("tests/fixture-crates/fixture-other/src/extra.rs"), "").unwrap();
        let err = check(&root).unwrap_err();
        assert!(err.contains("extra:   tests/fixture-crates/fixture-other/src/extra.rs"), "{err}");
        gen(&root).unwrap();
        check(&root).unwrap();

        // A failure writing one folder leaves both as they were: generated/ would change, but
        // tests/fixture-crates cannot be written (a file stands in its place).
        let lib = root.join("generated/fixture-minimal/src/lib.rs");
        let before = std::fs::read_to_string(&lib).unwrap();
        std::fs::write(root.join("specs/minimal.yaml"), text.replace("title: Demo", "title: Changed")).unwrap();
        std::fs::remove_dir_all(root.join("tests/fixture-crates")).unwrap();
        std::fs::write(root.join("tests/fixture-crates"), "not a folder").unwrap();
        let err = gen(&root).unwrap_err();
        assert!(err.contains("tests/fixture-crates") && err.ends_with("nothing was written"), "{err}");
        assert_eq!(std::fs::read_to_string(&lib).unwrap(), before, "generated/ was left as it was");
        std::fs::remove_file(root.join("tests/fixture-crates")).unwrap();
        std::fs::write(root.join("specs/minimal.yaml"), &text).unwrap();

        // One crate name in both folders: refused at the second spec's `crate`, by validate and by
        // gen, which writes nothing.
        std::fs::write(corpus.join("same.yaml"), &text).unwrap();
        let (found, _) = check_specs(&root, vec![]).unwrap();
        assert_eq!(found.0.len(), 1, "{found}");
        assert!(found.0[0].message.contains("specs/minimal.yaml also generates the crate `fixture-minimal`"), "{found}");
        let err = gen(&root).unwrap_err();
        let line = text.lines().position(|l| l.trim_start().starts_with("crate:")).unwrap() + 1;
        let expected = format!(
            "error: tests/fixtures/specs/valid/same.yaml:{line}:3: service.crate: specs/minimal.yaml also generates the crate `fixture-minimal`"
        );
        assert!(err.contains(&expected) && err.ends_with("nothing was written"), "{err}");
        assert!(!root.join("tests/fixture-crates/fixture-minimal").exists());
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
