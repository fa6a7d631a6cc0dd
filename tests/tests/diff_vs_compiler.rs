//! The diff's classes against the compiler (issue 17): for small spec changes of every class
//! `yun_codegen::diff` knows, the crate generated from the NEW spec is compiled with a caller of
//! the OLD crate's whole public API (`yun_codegen::emit::caller`); the caller compiles exactly
//! when the diff finds no change breaking for Rust callers. Each spec of the valid corpus
//! (`tests/fixtures/specs/valid/`) is also paired with itself: its caller compiles.
//!
//! All cases go into one cargo workspace under `target/diff-vs-compiler/` (rewritten each run)
//! and one `cargo check --keep-going --message-format=json` (its own target dir,
//! `target/diff-vs-compiler/target`, kept between runs: the runtime's dependencies are checked
//! once, later runs take seconds); errors are attributed to cases by package. The outer
//! `cargo test` holds the lock of its own target dir, so the inner cargo never uses it.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

use yun_codegen::diff::{diff, Class};
use yun_codegen::load::{load_str, LoadedSpec};

/// The old spec of every case: an enum, a structure, a paginated operation with required and
/// optional members (two with a document line of their own, so a rename is recognised), a
/// second operation, a waiter and error codes.
const BASE: &str = r#"
service:
  provider: aliyun
  name: demo
  title: Demo
  crate: CRATE
  api_version: "2020-01-01"
  protocol: aliyun-rpc
  signing: [acs3-hmac-sha256]
  endpoint: "demo.{region}.aliyuncs.com"
  docs: Demo.
  sources: {document: demo.txt}
shapes:
  Status:
    type: enum
    docs: State.
    values: {Running: running, Stopped: stopped}
  Thing:
    type: structure
    docs: A thing.
    members:
      ThingId: {type: string, docs: Id.}
      Status: {type: Status, docs: State.}
operations:
  DescribeThings:
    docs: Lists things.
    source: {doc: demo.txt, line: 10}
    http: {method: POST, path: /}
    paginator: {kind: page-number, input: PageNumber, page_size: PageSize, items: Things, total: Total}
    input:
      RegionId: {type: string, required: true, docs: Region., source: {doc: demo.txt, line: 11}}
      ZoneId: {type: string, docs: Zone., source: {doc: demo.txt, line: 12}}
      PageNumber: {type: integer, docs: Page.}
      PageSize: {type: integer, range: {min: 1, max: 100}, docs: Size.}
      Status: {type: Status, docs: Filter.}
    output:
      RequestId: {type: string, docs: Id.}
      Total: {type: integer, docs: Count.}
      Things: {type: list<Thing>, docs: Things.}
  DescribeThing:
    docs: One thing.
    source: {doc: demo.txt, line: 20}
    http: {method: POST, path: /}
    input:
      ThingId: {type: string, required: true, docs: Id.}
    output:
      RequestId: {type: string, docs: Id.}
      Status: {type: Status, docs: State.}
    errors:
      - {code: Thing.NotFound, http_status: 404}
waiters:
  thing_stopped:
    docs: Until stopped.
    operation: DescribeThing
    state: Status
    success: [Stopped]
errors:
  - {code: Throttling.User, http_status: 400}
"#;

/// A change to [`BASE`]: a text replacement.
struct Case {
    name: &'static str,
    from: &'static str,
    to: &'static str,
}

const fn case(name: &'static str, from: &'static str, to: &'static str) -> Case {
    Case { name, from, to }
}

/// One case per change class the diff tells apart, breaking ones first.
const CASES: &[Case] = &[
    case("member-removed", "      ZoneId: {type: string, docs: Zone., source: {doc: demo.txt, line: 12}}\n", ""),
    case("member-renamed", "      ZoneId: {type: string, docs: Zone.,", "      Zone: {type: string, docs: Zone.,"),
    case("member-made-required", "ZoneId: {type: string, docs: Zone.,", "ZoneId: {type: string, required: true, docs: Zone.,"),
    case("member-no-longer-required", "RegionId: {type: string, required: true,", "RegionId: {type: string,"),
    case("output-type-changed", "Total: {type: integer,", "Total: {type: long,"),
    case("input-type-changed", "PageNumber: {type: integer,", "PageNumber: {type: long,"),
    case("structure-member-removed", "      ThingId: {type: string, docs: Id.}\n      Status: {type: Status, docs: State.}\n", "      Status: {type: Status, docs: State.}\n"),
    case("enum-value-removed", "values: {Running: running, Stopped: stopped}", "values: {Stopped: stopped}"),
    case("operation-removed", "errors:\n      - {code: Thing.NotFound, http_status: 404}\n", "errors:\n      - {code: Thing.NotFound, http_status: 404}\n  DeleteThing:\n    docs: Deletes.\n    source: {doc: demo.txt, line: 30}\n    http: {method: POST, path: /}\n    input:\n      ThingId: {type: string, required: true, docs: Id.}\n    output:\n      RequestId: {type: string, docs: Id.}\n"),
    case("paginator-removed", "    paginator: {kind: page-number, input: PageNumber, page_size: PageSize, items: Things, total: Total}\n", ""),
    case("waiter-removed", "waiters:\n  thing_stopped:\n    docs: Until stopped.\n    operation: DescribeThing\n    state: Status\n    success: [Stopped]\n", ""),
    case("error-code-removed", "errors:\n  - {code: Throttling.User, http_status: 400}\n", ""),
    case("wire-name-changed", "      ZoneId: {type: string, docs: Zone.,", "      ZoneID: {type: string, docs: Zone.,"),
    case("location-changed", "ZoneId: {type: string, docs: Zone.,", "ZoneId: {type: string, location: body, docs: Zone.,"),
    case("range-narrowed", "max: 100}", "max: 50}"),
    case("optional-member-added", "      PageNumber: {type: integer, docs: Page.}\n", "      PageNumber: {type: integer, docs: Page.}\n      Tag: {type: string, docs: Tag.}\n"),
    case("output-member-added", "      Total: {type: integer, docs: Count.}\n", "      Total: {type: integer, docs: Count.}\n      Extra: {type: string, docs: More.}\n"),
    case("enum-value-added", "Stopped: stopped}", "Stopped: stopped, Pending: pending}"),
    case("range-widened", "max: 100}", "max: 500}"),
    case("docs-changed", "docs: Lists things.", "docs: Lists the things."),
];

/// `BASE` with the case's crate name.
fn spec(case: &Case) -> String {
    BASE.replace("crate: CRATE", &format!("crate: dvc-{}", case.name))
}

/// The old side; "operation-removed" adds an operation to it (the new side is `BASE`).
fn old_spec(case: &Case) -> String {
    let text = spec(case);
    if case.name == "operation-removed" {
        text.replace(case.from, case.to)
    } else {
        text
    }
}

/// The new side: `BASE` changed.
fn new_spec(case: &Case) -> String {
    let text = spec(case);
    if case.name == "operation-removed" {
        return text;
    }
    let changed = text.replace(case.from, case.to);
    assert_ne!(changed, text, "case {}: the replacement does not apply", case.name);
    changed
}

fn load(name: &str, text: String) -> LoadedSpec {
    let loaded = load_str(Path::new(name), text).unwrap_or_else(|d| panic!("{name} loads: {d}"));
    yun_codegen::validate::validate_alone(&loaded).unwrap_or_else(|d| panic!("{name} validates: {d}"));
    loaded
}

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the workspace root").to_path_buf()
}

/// The root manifest's `[workspace.package]` and `[workspace.dependencies]` (what generated
/// manifests inherit), with path dependencies made absolute.
fn workspace_sections(root: &Path) -> String {
    let manifest = std::fs::read_to_string(root.join("Cargo.toml")).expect("the root Cargo.toml");
    let mut out = String::new();
    let mut keep = false;
    for line in manifest.lines() {
        if line.starts_with('[') {
            keep = line == "[workspace.package]" || line == "[workspace.dependencies]";
        }
        if keep {
            let line = line.replace("path = \"", &format!("path = \"{}/", root.display()));
            out.push_str(&line);
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_diff_says_breaking_for_rust_exactly_when_an_old_caller_stops_compiling() {
    let root = root();
    let dir = root.join("target").join("diff-vs-compiler");
    let ws = dir.join("ws");
    let _ = std::fs::remove_dir_all(&ws);
    std::fs::create_dir_all(&ws).expect("the temporary workspace");

    // The changes, then each spec of the valid corpus against itself: the caller of a crate
    // compiles against that crate (every type form, keyword names, near collisions, boxes).
    let mut pairs: Vec<(String, String, String)> =
        CASES.iter().map(|case| (case.name.to_owned(), old_spec(case), new_spec(case))).collect();
    let corpus = root.join("tests/fixtures/specs/valid");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&corpus).expect("the valid corpus").flatten().map(|e| e.path()).collect();
    files.retain(|f| f.extension().is_some_and(|e| e == "yaml"));
    files.sort();
    assert!(files.len() >= 5, "the valid corpus: {files:?}");
    for file in files {
        let stem = file.file_stem().expect("a name").to_string_lossy().into_owned();
        let text = std::fs::read_to_string(&file).expect("a corpus spec");
        pairs.push((format!("same-{stem}"), text.clone(), text));
    }

    let mut members = Vec::new();
    let mut verdicts: BTreeMap<String, (bool, BTreeSet<Class>)> = BTreeMap::new();
    for (name, old_text, new_text) in &pairs {
        let (old, new) = (load("old.yaml", old_text.clone()), load("new.yaml", new_text.clone()));
        let report = diff(&old, &new);
        assert_eq!(report.changes.is_empty(), old_text == new_text, "case {name}: {:?}", report.changes);
        let classes: BTreeSet<Class> = report.changes.iter().map(|c| c.class).collect();
        verdicts.insert(name.clone(), (classes.contains(&Class::BreakingRust), classes));

        // The NEW crate, generated as `cargo xtask gen` would.
        let service = yun_codegen::ir::resolve(&new);
        let files = yun_codegen::emit::emit(&service, "new.yaml").expect("the new crate emits");
        let crate_dir = ws.join(format!("new-{name}"));
        for file in files {
            let path = crate_dir.join(&file.path);
            std::fs::create_dir_all(path.parent().expect("a parent")).expect("a folder");
            std::fs::write(&path, file.contents).expect("a generated file");
        }

        // The OLD crate's caller, depending on the new crate.
        let old_service = yun_codegen::ir::resolve(&old);
        let source = yun_codegen::emit::caller::caller(&old_service, "api").expect("the caller emits");
        let caller_dir = ws.join(format!("caller-{name}"));
        std::fs::create_dir_all(caller_dir.join("src")).expect("the caller's folder");
        std::fs::write(caller_dir.join("src/lib.rs"), source).expect("the caller");
        let manifest = format!(
            "[package]\nname = \"caller-{name}\"\nversion = \"0.1.0\"\nedition.workspace = true\npublish = false\n\n[dependencies]\napi = {{ package = \"{}\", path = \"../new-{name}\" }}\nyun-runtime.workspace = true\n",
            service.package
        );
        std::fs::write(caller_dir.join("Cargo.toml"), manifest).expect("the caller's manifest");
        members.push(format!("\"new-{name}\""));
        members.push(format!("\"caller-{name}\""));
    }
    let manifest = format!("[workspace]\nresolver = \"2\"\nmembers = [{}]\n\n{}", members.join(", "), workspace_sections(&root));
    std::fs::write(ws.join("Cargo.toml"), manifest).expect("the workspace manifest");
    // The repository's lock file: the same dependency versions, nothing to resolve online.
    std::fs::copy(root.join("Cargo.lock"), ws.join("Cargo.lock")).expect("Cargo.lock");

    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let started = Instant::now();
    let out = Command::new(cargo)
        .args(["check", "--offline", "--workspace", "--keep-going", "--message-format=json"])
        .current_dir(&ws)
        .env("CARGO_TARGET_DIR", dir.join("target"))
        .env("CARGO_INCREMENTAL", "0")
        .output()
        .expect("cargo runs");
    let seconds = started.elapsed().as_secs_f64();

    // Errors by package (the package id names the package's folder).
    let mut errors: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for line in String::from_utf8_lossy(&out.stdout).lines() {
        let Ok(message) = serde_json::from_str::<serde_json::Value>(line) else { continue };
        if message["reason"] != "compiler-message" || message["message"]["level"] != "error" {
            continue;
        }
        let id = message["package_id"].as_str().unwrap_or_default();
        let folder = ws_folder(id);
        let text = message["message"]["rendered"].as_str().unwrap_or_default().to_owned();
        errors.entry(folder).or_default().push(text);
    }
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        !stderr.contains("error: failed to") && !stderr.contains("error: no matching package"),
        "cargo did not get to the check:\n{stderr}"
    );

    let mut table = String::from("| case | diff classes | diff: breaking for Rust | old caller compiles |\n|---|---|---|---|\n");
    let mut disagree = Vec::new();
    for (name, _, _) in &pairs {
        let new_errors = errors.get(&format!("new-{name}"));
        assert!(new_errors.is_none(), "case {name}: the generated crate does not compile: {new_errors:#?}");
        let compiles = !errors.contains_key(&format!("caller-{name}"));
        let (breaking, classes) = &verdicts[name];
        let _ = writeln!(table, "| {name} | {classes:?} | {breaking} | {compiles} |");
        if compiles == *breaking {
            disagree.push((name, errors.get(&format!("caller-{name}")).cloned().unwrap_or_default()));
        }
    }
    eprintln!("{table}\none `cargo check` of {} crates: {seconds:.1} s", members.len());
    assert!(disagree.is_empty(), "the diff and the compiler disagree:\n{table}\n{disagree:#?}");
    // Every case that breaks did break, and with a compile error (not a failed build).
    assert!(!out.status.success(), "some cases break, so the check fails");
}

/// The workspace folder (`new-…`, `caller-…`) a cargo package id names.
fn ws_folder(id: &str) -> String {
    // `path+file:///…/ws/caller-x#0.1.0` (or `…/ws/caller-x#name@0.1.0`).
    let path = id.split('#').next().unwrap_or(id);
    path.rsplit('/').next().unwrap_or(path).to_owned()
}
