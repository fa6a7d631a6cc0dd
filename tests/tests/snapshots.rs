//! Snapshots (insta) of every file the generator emits: for each spec under `specs/` and
//! for the test fixtures `tests/fixtures/specs/minimal.yaml` and `ksyun-minimal.yaml`.
//!
//! A change to the generator shows up here as a reviewable diff
//! (`cargo insta review`, or `INSTA_UPDATE=always cargo test -p yun-tests --test snapshots`).

use std::path::{Path, PathBuf};

fn specs() -> Vec<PathBuf> {
    let root = yun_tests::workspace_root();
    let mut specs: Vec<PathBuf> = std::fs::read_dir(root.join("specs"))
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "yaml"))
        .collect();
    specs.sort();
    specs.push(yun_tests::fixture("specs/minimal.yaml"));
    specs.push(yun_tests::fixture("specs/ksyun-minimal.yaml"));
    specs.push(yun_tests::fixture("specs/jdcloud-minimal.yaml"));
    specs.push(yun_tests::fixture("specs/inspur-minimal.yaml"));
    specs
}

#[test]
fn generated_files_match_their_snapshots() {
    let root = yun_tests::workspace_root();
    for spec in specs() {
        let display = spec.strip_prefix(&root).unwrap_or(&spec).to_string_lossy().into_owned();
        let generated = yun_codegen::generate(&spec, &display).unwrap_or_else(|d| panic!("{d}"));
        for file in &generated.files {
            let name = format!("{}__{}", generated.dir, snapshot_name(&file.path));
            insta::with_settings!({ snapshot_path => "snapshots", prepend_module_to_snapshot => false, omit_expression => true }, {
                insta::assert_snapshot!(name, file.contents);
            });
        }
    }
}

#[test]
fn no_snapshot_is_left_behind() {
    let root = yun_tests::workspace_root();
    let mut expected = std::collections::BTreeSet::new();
    for spec in specs() {
        let display = spec.strip_prefix(&root).unwrap_or(&spec).to_string_lossy().into_owned();
        let generated = yun_codegen::generate(&spec, &display).unwrap_or_else(|d| panic!("{d}"));
        for file in &generated.files {
            expected.insert(format!("{}__{}.snap", generated.dir, snapshot_name(&file.path)));
        }
    }
    let dir = root.join("tests/tests/snapshots");
    let stale: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|name| name.ends_with(".snap") && !expected.contains(name))
        .collect();
    assert!(stale.is_empty(), "snapshots of files no longer generated (delete them): {stale:?}");
}

fn snapshot_name(path: &Path) -> String {
    path.to_string_lossy().replace(['/', '\\', '.'], "_")
}

#[test]
fn generation_is_deterministic() {
    let root = yun_tests::workspace_root();
    for spec in specs() {
        let display = spec.strip_prefix(&root).unwrap_or(&spec).to_string_lossy().into_owned();
        let a = yun_codegen::generate(&spec, &display).unwrap_or_else(|d| panic!("{d}"));
        let b = yun_codegen::generate(&spec, &display).unwrap_or_else(|d| panic!("{d}"));
        assert_eq!(a.files, b.files, "{display}");
    }
}
