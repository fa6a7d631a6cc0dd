//! The spec corpora of `tests/fixtures/specs/`.
//!
//! - `invalid/`: hostile specs, one problem each (the file's first comment says which).
//!   Each is refused: `generate` yields diagnostics and no crate, every diagnostic has a line
//!   and a column, and the diagnostics, printed as `cargo xtask validate` prints them (paths
//!   relative to the workspace), match the snapshot `invalid/snapshots/<name>.snap`
//!   (`INSTA_UPDATE=always cargo test -p yun-tests --test spec_corpus` rewrites them: read
//!   each diff before committing it).
//! - `valid/`: hostile specs that must be accepted. Each generates; its crate is committed
//!   under `tests/fixture-crates/` (`cargo xtask check` guards them) and
//!   `tests/tests/fixture_crates_wire.rs` sends every operation.

use std::path::{Path, PathBuf};

use yun_codegen::{Diagnostics, GeneratedCrate};

/// The `*.yaml` files of a corpus folder, sorted.
fn corpus(dir: &str) -> Vec<PathBuf> {
    let dir = yun_tests::fixture(&format!("specs/{dir}"));
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    files.sort();
    files
}

/// `tests/fixtures/specs/invalid/x.yaml`, as the workspace's tools name it.
fn relative(path: &Path) -> String {
    let root = yun_tests::workspace_root();
    path.strip_prefix(&root).unwrap_or(path).to_string_lossy().replace('\\', "/")
}

fn stem(path: &Path) -> String {
    path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// Generates `file`, with every diagnostic's file made relative to the workspace.
fn generate(file: &Path) -> Result<GeneratedCrate, Diagnostics> {
    yun_codegen::generate(file, &relative(file)).map_err(|mut d| {
        for diagnostic in &mut d.0 {
            diagnostic.file = PathBuf::from(relative(&diagnostic.file));
        }
        d
    })
}

/// What generating gave for each file of the invalid corpus (the number of files of an accepted
/// spec, or the diagnostics), computed once for all the tests here.
fn invalid_results() -> &'static [(PathBuf, Result<usize, Diagnostics>)] {
    static RESULTS: std::sync::OnceLock<Vec<(PathBuf, Result<usize, Diagnostics>)>> = std::sync::OnceLock::new();
    RESULTS.get_or_init(|| {
        corpus("invalid")
            .into_iter()
            .map(|file| {
                let result = generate(&file).map(|generated| generated.files.len());
                (file, result)
            })
            .collect()
    })
}

/// Files of the invalid corpus that hold several problems on purpose (tests/tests/spec_errors.rs
/// checks each of their diagnostics); every other file holds one.
const SEVERAL_PROBLEMS: &[&str] = &["ksyun-mistakes", "rest-mistakes"];

#[test]
fn every_invalid_spec_is_refused_and_nothing_is_generated() {
    let results = invalid_results();
    assert!(results.len() > 100, "the invalid corpus holds {} files", results.len());
    let accepted: Vec<String> = results
        .iter()
        .filter_map(|(file, result)| match result {
            Ok(files) => Some(format!("{}: accepted, generates {files} files", relative(file))),
            Err(d) if d.is_empty() => Some(format!("{}: refused without a diagnostic", relative(file))),
            Err(_) => None,
        })
        .collect();
    assert!(accepted.is_empty(), "specs of the invalid corpus that are not refused:\n{}", accepted.join("\n"));
}

#[test]
fn every_diagnostic_has_a_line_and_a_column() {
    let mut unlocated = Vec::new();
    for (_, result) in invalid_results() {
        let Err(diagnostics) = result else { continue };
        for d in &diagnostics.0 {
            if d.line.is_none() || d.column.is_none() {
                unlocated.push(format!("{d}"));
            }
        }
    }
    assert!(unlocated.is_empty(), "{} diagnostics without a line and a column:\n{}", unlocated.len(), unlocated.join("\n"));
}

#[test]
fn each_invalid_spec_holds_one_problem() {
    let mut several = Vec::new();
    for (file, result) in invalid_results() {
        if SEVERAL_PROBLEMS.contains(&stem(file).as_str()) {
            continue;
        }
        if let Err(diagnostics) = result {
            // One problem may be reported at several places (a paginator's `next` that is not
            // a scalar and so not of the input's type), never about several members.
            let paths: std::collections::BTreeSet<&str> = diagnostics.0.iter().map(|d| d.path.as_str()).collect();
            if paths.len() > 1 {
                several.push(format!("{}:\n{diagnostics}", relative(file)));
            }
        }
    }
    assert!(several.is_empty(), "invalid specs reported at several paths (split them):\n{}", several.join("\n"));
}

#[test]
fn diagnostics_match_their_snapshots() {
    let mut mismatched = Vec::new();
    for (file, result) in invalid_results() {
        let text = match result {
            Ok(_) => "(accepted: no diagnostic)".to_owned(),
            Err(diagnostics) => diagnostics.to_string(),
        };
        let name = stem(file);
        let check = std::panic::catch_unwind(|| {
            insta::with_settings!({
                snapshot_path => "../fixtures/specs/invalid/snapshots",
                prepend_module_to_snapshot => false,
                omit_expression => true,
                description => relative(file),
            }, {
                insta::assert_snapshot!(name.clone(), text);
            });
        });
        if check.is_err() {
            mismatched.push(name);
        }
    }
    assert!(mismatched.is_empty(), "diagnostics differ from their snapshots (review the .snap.new files): {mismatched:?}");
}

#[test]
fn no_snapshot_is_left_behind() {
    let specs: Vec<String> = corpus("invalid").iter().map(|f| stem(f)).collect();
    let dir = yun_tests::fixture("specs/invalid/snapshots");
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
                .filter(|n| n.strip_suffix(".snap").is_some_and(|s| !specs.iter().any(|x| x == s)))
                .collect()
        })
        .unwrap_or_default();
    assert!(stale.is_empty(), "snapshots without their spec (delete them): {stale:?}");
}

/// The one kind of invalid spec too big to commit: a file over the 4 MiB limit (a valid spec
/// padded with a comment) is refused at line 1, column 1, before it is parsed.
#[test]
fn a_file_over_the_size_limit_is_refused_up_front() {
    let dir = std::env::temp_dir().join(format!("yun-spec-corpus-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("too-large.yaml");
    let spec = std::fs::read_to_string(yun_tests::fixture("specs/minimal.yaml")).unwrap();
    // 4 MiB of 1 KiB comment lines, and the spec: a little over the limit.
    let padding = format!("#{}\n", "x".repeat(1022)).repeat(4 * 1024);
    std::fs::write(&file, format!("{spec}{padding}")).unwrap();
    let result = yun_codegen::generate(&file, "too-large.yaml");
    let _ = std::fs::remove_dir_all(&dir);
    let Err(diagnostics) = result else { panic!("a spec over 4 MiB is accepted") };
    assert_eq!(diagnostics.0.len(), 1, "{diagnostics}");
    let d = &diagnostics.0[0];
    assert_eq!((d.line, d.column), (Some(1), Some(1)), "{d}");
    assert!(d.message.contains("a spec may be at most 4194304 bytes"), "{d}");
}

#[test]
fn every_valid_spec_generates_a_committed_fixture_crate() {
    let files = corpus("valid");
    assert!(!files.is_empty());
    let root = yun_tests::workspace_root();
    let manifest = std::fs::read_to_string(root.join("tests/Cargo.toml")).unwrap();
    let mut problems = Vec::new();
    for file in files {
        match generate(&file) {
            Err(d) => problems.push(format!("{}: refused:\n{d}", relative(&file))),
            Ok(generated) => {
                let dir = root.join("tests/fixture-crates").join(&generated.dir);
                if !dir.join("Cargo.toml").is_file() {
                    problems.push(format!("{}: no crate at {} (run `cargo xtask gen`)", relative(&file), relative(&dir)));
                }
                let dependency = format!("path = \"fixture-crates/{}\"", generated.dir);
                if !manifest.contains(&dependency) {
                    problems.push(format!("{}: tests/Cargo.toml has no dev-dependency with {dependency}", relative(&file)));
                }
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
