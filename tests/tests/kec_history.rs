//! The KEC API's history, as the Kingsoft document tells it: its sections "0530" and "0913"
//! (`specs/history/ksyun-kec/`) and its 1.4.5 body (the living spec filtered to what the body
//! states: `doc_only` with the body's lines 554-7553, which the spec states as its
//! `sources.document_lines`), compared as `cargo xtask diff --doc-only` compares them. The reports are snapshots (`kec_history__*.snap`
//! beside this file), checked by hand against the document; `specs/history/ksyun-kec/README.md`
//! compares them with the document's change table. Beside the snapshots, the facts the
//! comparison rests on are asserted one by one, so that a changed engine or spec fails here
//! with a name and not only as a snapshot diff.

use std::path::Path;

use yun_codegen::diff::{diff, Bump, Class, Report};
use yun_codegen::load::LoadedSpec;

/// The 1.4.5 body of `003_82dd991f180413ac.txt` (the older sections start at line 7554).
const BODY: std::ops::RangeInclusive<u32> = 554..=7553;

/// Loads and validates (alone: the versions share a crate name) a spec of the workspace,
/// named by its path relative to the workspace as the reports show it.
fn load(relative: &str) -> LoadedSpec {
    let text = std::fs::read_to_string(yun_tests::workspace_root().join(relative)).unwrap_or_else(|e| panic!("{relative}: {e}"));
    let loaded = yun_codegen::load::load_str(Path::new(relative), text).unwrap_or_else(|d| panic!("{d}"));
    yun_codegen::validate::validate_alone(&loaded).unwrap_or_else(|d| panic!("{d}"));
    loaded
}

/// The three versions, each as the document alone states it.
fn versions() -> [LoadedSpec; 3] {
    let mut v0530 = load("specs/history/ksyun-kec/0530.yaml");
    let mut v0913 = load("specs/history/ksyun-kec/0913.yaml");
    let mut v145 = load("specs/ksyun-kec.yaml");
    // The history specs are the document alone: the filter takes nothing from them.
    assert_eq!(yun_codegen::provenance::doc_only(&mut v0530.spec, None), Default::default());
    assert_eq!(yun_codegen::provenance::doc_only(&mut v0913.spec, None), Default::default());
    // The living spec states its document's version: the body.
    let stated = v145.spec.service.sources.document_lines.map(|l| l.range());
    assert_eq!(stated, Some(BODY), "specs/ksyun-kec.yaml: sources.document_lines");
    let removed = yun_codegen::provenance::doc_only(&mut v145.spec, stated);
    assert_eq!(removed.operations, 3, "MonitorInstances, UnmonitorInstances, DescribeInstanceVnc come from the old sections");
    [v0530, v0913, v145]
}

/// `(class, path)` of every change, for the assertions.
fn has(report: &Report, class: Class, path: &str, words: &str) -> bool {
    report.changes.iter().any(|c| c.class == class && c.path == path && c.message.contains(words))
}

fn counts(report: &Report) -> Vec<(Class, usize)> {
    let classes = [Class::BreakingRust, Class::BreakingWire, Class::Tightened, Class::Compatible, Class::Docs];
    classes.iter().map(|&k| (k, report.changes.iter().filter(|c| c.class == k).count())).collect()
}

#[test]
fn from_0530_to_0913() {
    let [v0530, v0913, _] = versions();
    let report = diff(&v0530, &v0913);
    assert_eq!(report.bump, Bump::Major);
    // 1.4.3 (change table, line 560): ModifyNetworkInterface's security group and subnet may not be left out.
    let mnia = "operations.ModifyNetworkInterfaceAttribute.input";
    assert!(has(&report, Class::BreakingRust, &format!("{mnia}.SecurityGroupId.required"), "now required"));
    assert!(has(&report, Class::BreakingRust, &format!("{mnia}.SubnetId.required"), "now required"));
    // 1.4.4 (line 561): several security groups; network interfaces attached and detached.
    assert!(has(&report, Class::BreakingRust, "operations.RunInstances.input.SecurityGroupId.type", "`string` to `list<string>`"));
    assert!(has(&report, Class::Compatible, "operations.AttachNetworkInterface", "added"));
    assert!(has(&report, Class::Compatible, "operations.DetachNetworkInterface", "added"));
    // 1.4.5 (line 562): the VNC call.
    assert!(has(&report, Class::Compatible, "operations.DescribeInstanceVnc", "added"));
    // Not in the table: RemoveImage became RemoveImages (same wire action), GroupSet became SecurityGroupSet,
    // Daily charging, sorting and searching instances.
    assert!(has(&report, Class::BreakingRust, "operations.RemoveImages", "renamed"));
    assert!(has(&report, Class::BreakingRust, "shapes.NetworkInterface.members.GroupSet", "removed"));
    assert!(has(&report, Class::Compatible, "shapes.ChargeType.values.Daily", "added"));
    assert!(has(&report, Class::Compatible, "operations.DescribeInstances.input.Sort", "added"));
    // The pages missing from 0913 (lines 7779-7784) read as removals.
    for op in ["UnmonitorInstances", "ModifyInstanceType", "ModifyInstanceImage"] {
        assert!(has(&report, Class::BreakingRust, &format!("operations.{op}"), "removed"), "{op}");
    }
    assert_eq!(
        counts(&report),
        [(Class::BreakingRust, 10), (Class::BreakingWire, 0), (Class::Tightened, 0), (Class::Compatible, 17), (Class::Docs, 29)]
    );
    insta::assert_snapshot!("0530_to_0913", report.to_markdown());
}

#[test]
fn from_0913_to_1_4_5() {
    let [_, v0913, v145] = versions();
    let report = diff(&v0913, &v145);
    assert_eq!(report.bump, Bump::Major);
    // The body no longer has the monitoring calls nor the VNC call (the living spec takes them from the old sections).
    assert!(has(&report, Class::BreakingRust, "operations.MonitorInstances", "removed"));
    assert!(has(&report, Class::BreakingRust, "operations.DescribeInstanceVnc", "removed"));
    // 0913's ACS sort order is ASC in the body.
    assert!(has(&report, Class::BreakingRust, "shapes.SortOrder.values.ACS", "removed"));
    assert!(has(&report, Class::Compatible, "shapes.SortOrder.values.ASC", "added"));
    // The body's Return of ModifyNetworkInterfaceAttribute is a Boolean (line 5230).
    assert!(has(&report, Class::BreakingRust, "operations.ModifyNetworkInterfaceAttribute.output.Return.type", "`string` to `boolean`"));
    // The body caps the instance lists at 100 (InstanceId.N, N 1-100, line 907).
    assert!(has(&report, Class::Tightened, "operations.StartInstances.input.InstanceId.max_items", "100"));
    // More instances per call (MIN(quota, 50), line 633) and a password that may be left out
    // (line 665): requests keep working, but the input's field goes from `T` to `Option<T>`.
    assert!(has(&report, Class::Compatible, "operations.RunInstances.input.MaxCount.range", "1..=50"));
    assert!(has(&report, Class::BreakingRust, "operations.RunInstances.input.InstancePassword.required", "no longer required"));
    // ModifyInstanceType and ModifyInstanceImage come back (lost with 0913's missing pages).
    assert!(has(&report, Class::Compatible, "operations.ModifyInstanceType", "added"));
    // Compatible includes the 18 error codes the batch actions' pages give (0.1.1), which 0913
    // did not list either.
    assert!(has(&report, Class::Compatible, "operations.StartInstances.errors", "InstanceStateNotSupported"));
    assert_eq!(
        counts(&report),
        [(Class::BreakingRust, 15), (Class::BreakingWire, 0), (Class::Tightened, 7), (Class::Compatible, 167), (Class::Docs, 81)]
    );
    insta::assert_snapshot!("0913_to_1_4_5", report.to_markdown());
}
