//! The generator's expected output: the crates of the fixture specs
//! (`tests/fixtures/specs/valid/*.yaml`), committed in `tests/fixture-crates/` and compiled as
//! workspace members (as progenitor's `tests/output`). They are the snapshots: a change to
//! the generator shows up as a reviewable diff of `tests/fixture-crates/` after
//! `cargo xtask gen`, and the changed code must still compile and send
//! (`tests/tests/fixture_crates_wire.rs`).
//!
//! The real specs' crates (`generated/`) are stored once, guarded by `cargo xtask check`, and
//! not copied here. So that a feature of the spec format cannot lose its last fixture when a
//! real spec is the only one using it, [`the_fixtures_exercise_every_feature_of_the_format`]
//! lists what the fixture specs must hold between them. The diagnostics of invalid specs are
//! insta snapshots (`tests/tests/spec_corpus.rs`).

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use yun_codegen::ir::{RustType, Service, ShapeKind};
use yun_codegen::spec::{Absent, Encoding, Location, PaginatorKind};

fn fixture_specs() -> Vec<PathBuf> {
    let dir = yun_tests::fixture("specs/valid");
    let mut specs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    specs.sort();
    assert!(!specs.is_empty(), "no fixture specs in {}", dir.display());
    specs
}

fn display(spec: &Path) -> String {
    let root = yun_tests::workspace_root();
    spec.strip_prefix(&root).unwrap_or(spec).to_string_lossy().into_owned()
}

/// Every file under `dir`, relative to it, with `/` separators.
fn files_under(dir: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for entry in std::fs::read_dir(&d).unwrap_or_else(|e| panic!("{}: {e}", d.display())) {
            let path = entry.unwrap().path();
            if path.is_dir() {
                todo.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap();
                out.insert(rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/"));
            }
        }
    }
    out
}

/// The first line where `expected` and `actual` differ, for the failure message.
fn first_difference(expected: &str, actual: &str) -> String {
    let (mut e, mut a) = (expected.lines(), actual.lines());
    for n in 1.. {
        match (e.next(), a.next()) {
            (None, None) => break,
            (x, y) if x == y => continue,
            (x, y) => return format!("line {n}:\n  generator: {}\n  committed: {}", x.unwrap_or("<end>"), y.unwrap_or("<end>")),
        }
    }
    "line endings or a final newline".to_owned()
}

#[test]
fn fixture_crates_are_the_generators_output() {
    let root = yun_tests::workspace_root();
    for spec in fixture_specs() {
        let shown = display(&spec);
        let generated = yun_codegen::generate(&spec, &shown).unwrap_or_else(|d| panic!("{d}"));
        let dir = root.join("tests/fixture-crates").join(&generated.dir);
        let expected: BTreeSet<String> = generated.files.iter().map(|f| f.path.to_string_lossy().replace('\\', "/")).collect();
        let on_disk = files_under(&dir);
        assert_eq!(
            on_disk.difference(&expected).collect::<Vec<_>>(),
            Vec::<&String>::new(),
            "{shown}: files in {} the generator no longer writes; run `cargo xtask gen`",
            dir.display()
        );
        for file in &generated.files {
            let path = dir.join(&file.path);
            let committed = std::fs::read_to_string(&path).unwrap_or_default();
            assert!(
                committed == file.contents,
                "{shown}: {} differs from the generator's output at {}\nrun `cargo xtask gen` and review `git diff tests/fixture-crates`",
                path.display(),
                first_difference(&file.contents, &committed)
            );
        }
    }
}

#[test]
fn generation_is_deterministic() {
    for spec in fixture_specs() {
        let shown = display(&spec);
        let a = yun_codegen::generate(&spec, &shown).unwrap_or_else(|d| panic!("{d}"));
        let b = yun_codegen::generate(&spec, &shown).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(a.files, b.files, "{shown}");
    }
}

/// The features of one resolved spec, named as `the_fixtures_exercise_every_feature_of_the_format` lists them.
fn features(service: &Service) -> BTreeSet<String> {
    let mut f = BTreeSet::new();
    let mut add = |s: String| {
        f.insert(s);
    };
    add(format!("protocol {:?}", service.protocol));
    if service.dry_run.is_some() {
        add("dry run".into());
    }
    if service.global_endpoint.is_some() {
        add("global endpoint".into());
    }
    if !service.endpoints.is_empty() {
        add("endpoint map".into());
    }
    if !service.errors.is_empty() {
        add("error codes".into());
    }
    for shape in &service.shapes {
        match &shape.kind {
            ShapeKind::Enum(_) if shape.case_insensitive => add("enum, any letter case".into()),
            ShapeKind::Enum(_) => add("enum".into()),
            ShapeKind::Struct(fields) => {
                for field in fields {
                    if matches!(field.ty, RustType::Boxed(_)) {
                        add("boxed member (a cycle)".into());
                    }
                    if field.encoding != Encoding::Flat && !matches!(field.ty, RustType::Scalar(_) | RustType::Enum(_)) {
                        add(format!("structure member encoding {:?}", field.encoding));
                    }
                    if field.range.is_some() || field.length.is_some() || field.pattern.is_some() {
                        add("checks inside a structure".into());
                    }
                }
            }
        }
    }
    // Structures with a secret member of their own (an output holding one holds a secret).
    let secret_structures: BTreeSet<&str> = service
        .shapes
        .iter()
        .filter(|s| matches!(&s.kind, ShapeKind::Struct(fields) if fields.iter().any(|f| f.sensitive)))
        .map(|s| s.name.as_str())
        .collect();
    for op in &service.operations {
        add(format!("method {}", op.method.as_str()));
        if op.path.contains('{') {
            add("path template".into());
        }
        if op.body_wrapper.is_some() {
            add("body wrapper".into());
        }
        if op.json_body {
            add("JSON body".into());
        }
        if op.read_only {
            add("read-only operation".into());
        }
        if op.deprecated {
            add("deprecated operation".into());
        }
        if !op.one_of.is_empty() {
            add("one_of groups".into());
        }
        if op.output.iter().any(|m| !m.aliases.is_empty()) {
            add("output member aliases".into());
        }
        if op.output.iter().any(|m| m.sensitive || m.ty.structure(true).is_some_and(|s| secret_structures.contains(s))) {
            add("secret in an output".into());
        }
        for m in &op.input {
            add(format!("location {:?}", m.location));
            let scalar = matches!(m.ty, RustType::Scalar(_) | RustType::Enum(_));
            if !scalar {
                let required = if m.required { "required" } else { "optional" };
                add(format!("encoding {:?}, {required}", m.encoding));
            }
            if matches!(m.ty, RustType::Map(_)) {
                add("map member".into());
            }
            for (present, name) in [
                (m.required, "required"),
                (m.range.is_some(), "range"),
                (m.length.is_some(), "length"),
                (m.items.is_some(), "items"),
                (!m.allowed.is_empty(), "allowed values"),
                (m.pattern.is_some(), "pattern"),
                (m.idempotency_token, "idempotency token"),
                (m.sensitive, "secret in an input"),
                (m.deprecated, "deprecated member"),
            ] {
                if present {
                    add(format!("check {name}"));
                }
            }
        }
        if let Some(p) = &op.paginator {
            add(format!("paginator {:?}", p.kind));
            if p.kind == PaginatorKind::Token && p.input.ty != RustType::Scalar(yun_codegen::spec::Scalar::String) {
                add("paginator token that is a number".into());
            }
            if p.input.ty.integer() == Some(yun_codegen::spec::Scalar::Integer) && p.kind != PaginatorKind::Token {
                add(format!("paginator {:?}, integer input", p.kind));
            }
            if p.page_size.as_ref().is_some_and(|s| s.required) {
                add("paginator, required page size".into());
            }
            match p.total_type.as_ref().map(|t| t.integer().is_some()) {
                Some(true) => add("paginator total, a number".into()),
                Some(false) => add("paginator total, text".into()),
                None => {}
            }
        }
    }
    for w in &service.waiters {
        add(format!("waiter, absent state {:?}", w.when_absent));
    }
    f
}

/// What the fixture specs hold between them: each protocol, location, encoding, paginator
/// kind, waiter rule and check, and the other features of the format. A feature dropped from
/// every fixture fails here, naming it.
#[test]
fn the_fixtures_exercise_every_feature_of_the_format() {
    let mut found = BTreeSet::new();
    for spec in fixture_specs() {
        let loaded = yun_codegen::load::load_file(&spec).unwrap_or_else(|d| panic!("{d}"));
        yun_codegen::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
        found.extend(features(&yun_codegen::ir::resolve(&loaded)));
    }
    let mut wanted: Vec<String> = [
        "protocol AliyunRpc",
        "protocol KsyunQuery",
        "protocol JdcloudRest",
        "protocol InspurRest",
        "dry run",
        "global endpoint",
        "endpoint map",
        "error codes",
        "enum",
        "enum, any letter case",
        "boxed member (a cycle)",
        "checks inside a structure",
        "path template",
        "body wrapper",
        "JSON body",
        "read-only operation",
        "deprecated operation",
        "one_of groups",
        "output member aliases",
        "secret in an output",
        "map member",
        "paginator token that is a number",
        "paginator, required page size",
        "paginator total, a number",
        "paginator total, text",
    ]
    .into_iter()
    .map(str::to_owned)
    .collect();
    for method in ["GET", "POST", "PUT", "PATCH", "DELETE"] {
        wanted.push(format!("method {method}"));
    }
    for location in [Location::Query, Location::Body, Location::Path, Location::Payload] {
        wanted.push(format!("location {location:?}"));
    }
    for encoding in [Encoding::Flat, Encoding::Json, Encoding::Csv] {
        for required in ["required", "optional"] {
            if !(encoding == Encoding::Flat && required == "required") {
                wanted.push(format!("encoding {encoding:?}, {required}"));
            }
        }
    }
    for kind in [PaginatorKind::PageNumber, PaginatorKind::Token, PaginatorKind::Offset] {
        wanted.push(format!("paginator {kind:?}"));
    }
    for kind in [PaginatorKind::PageNumber, PaginatorKind::Offset] {
        wanted.push(format!("paginator {kind:?}, integer input"));
    }
    for absent in [Absent::Retry, Absent::Success, Absent::Failure] {
        wanted.push(format!("waiter, absent state {absent:?}"));
    }
    for check in [
        "required",
        "range",
        "length",
        "items",
        "allowed values",
        "pattern",
        "idempotency token",
        "secret in an input",
        "deprecated member",
    ] {
        wanted.push(format!("check {check}"));
    }
    let missing: Vec<&String> = wanted.iter().filter(|w| !found.contains(*w)).collect();
    assert!(missing.is_empty(), "no fixture spec in tests/fixtures/specs/valid exercises: {missing:#?}\nfound: {found:#?}");
}
