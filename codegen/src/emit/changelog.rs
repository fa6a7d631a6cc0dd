//! `CHANGELOG.md` of a generated crate, from the spec's `changelog:` entries (newest first),
//! each change under its class as `cargo xtask diff` names them. A spec without entries has no
//! changelog file.

use std::fmt::Write as _;
use std::path::PathBuf;

use super::GeneratedFile;
use crate::diff::Class;
use crate::spec::Spec;

/// The changelog file of `spec`'s crate, or `None` when the spec keeps no entries.
pub fn changelog(spec: &Spec) -> Option<GeneratedFile> {
    if spec.changelog.is_empty() {
        return None;
    }
    let mut out = String::new();
    let package = format!("yun-{}", spec.service.crate_name);
    let _ = writeln!(out, "# Changelog of `{package}`\n");
    let _ = writeln!(
        out,
        "Generated from the `changelog:` of the spec (`cargo xtask gen`): do not edit. Classes as\n`cargo xtask diff` gives them; a breaking change comes with a breaking version bump."
    );
    let classes = [
        Class::BreakingRust,
        Class::BreakingWire,
        Class::Tightened,
        Class::Compatible,
        Class::Docs,
        Class::EmulatorBreaking,
        Class::Emulator,
    ];
    for release in &spec.changelog {
        let date = release.date.as_deref().unwrap_or("unreleased");
        let _ = writeln!(out, "\n## {} ({date})", release.version);
        for class in classes {
            let notes: Vec<&str> = release.changes.iter().filter(|n| n.class == class).map(|n| n.text.trim()).collect();
            if notes.is_empty() {
                continue;
            }
            let _ = writeln!(out, "\n### {}\n", class.title());
            for note in notes {
                // One item per note; lines after the first are indented under it.
                let _ = writeln!(out, "- {}", note.replace('\n', "\n  "));
            }
        }
    }
    Some(GeneratedFile { path: PathBuf::from("CHANGELOG.md"), contents: out })
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    fn spec(changelog: &str) -> Spec {
        let text = format!(
            "service: {{provider: ksyun, name: t, title: T, crate: demo, version: 0.2.0, api_version: \"1\", protocol: ksyun-query,\n  signing: [aws4-hmac-sha256], endpoint: \"t.{{region}}.example.com\", docs: T, sources: {{document: d.txt}}}}\noperations: {{}}\n{changelog}"
        );
        let loaded = crate::load::load_str(Path::new("t.yaml"), text).unwrap_or_else(|d| panic!("{d}"));
        if let Err(d) = crate::validate::validate_alone(&loaded) {
            panic!("{d}");
        }
        loaded.spec
    }

    #[test]
    fn releases_newest_first_with_changes_by_class() {
        let s = spec(
            "changelog:\n  - version: 0.2.0\n    changes:\n      - {class: compatible, text: DescribeThings takes a page size}\n      - {class: breaking-rust, text: \"RemoveImage is RemoveImages\\nas the wire action\"}\n  - version: 0.1.0\n    date: 2026-11-30\n    changes: [{class: docs, text: First version}]\n",
        );
        let file = changelog(&s).expect("a changelog");
        assert_eq!(file.path, PathBuf::from("CHANGELOG.md"));
        let expected = "# Changelog of `yun-demo`\n\nGenerated from the `changelog:` of the spec (`cargo xtask gen`): do not edit. Classes as\n`cargo xtask diff` gives them; a breaking change comes with a breaking version bump.\n\n## 0.2.0 (unreleased)\n\n### Breaking for Rust callers\n\n- RemoveImage is RemoveImages\n  as the wire action\n\n### Compatible\n\n- DescribeThings takes a page size\n\n## 0.1.0 (2026-11-30)\n\n### Documentation only\n\n- First version\n";
        assert_eq!(file.contents, expected);
    }

    #[test]
    fn no_entries_no_file() {
        assert!(changelog(&spec("")).is_none());
    }

    #[test]
    fn bad_entries_are_located() {
        let text = "service: {provider: ksyun, name: t, title: T, crate: demo, version: 0.2.0, api_version: \"1\", protocol: ksyun-query,\n  signing: [aws4-hmac-sha256], endpoint: \"t.{region}.example.com\", docs: T, sources: {document: d.txt}}\noperations: {}\nchangelog:\n  - {version: 0.3.0, changes: [{class: docs, text: ahead}]}\n  - {version: 0.3.0, date: 2026-13-01, changes: []}\n  - {version: one, changes: [{class: compatible, text: \" \"}]}\n";
        let loaded = crate::load::load_str(Path::new("t.yaml"), text.to_owned()).unwrap_or_else(|d| panic!("{d}"));
        let found = crate::validate::validate_alone(&loaded).unwrap_err().to_string();
        for expected in [
            "t.yaml:5:6: changelog.0.version: the newest release 0.3.0 is above `service.version` 0.2.0",
            "t.yaml:6:6: changelog.1.version: 0.3.0 is not below 0.3.0, the entry before it: newest first",
            "t.yaml:6:22: changelog.1.date: `2026-13-01` is not a date: write `YYYY-MM-DD`",
            "changelog.1.changes: a release with no change",
            "changelog.2.version: `one` is not a version",
            "changelog.2.changes.0.text: empty: say what users see change",
        ] {
            assert!(found.contains(expected), "no `{expected}` in:\n{found}");
        }
        let unknown = text.replace("class: docs", "class: major");
        let err = crate::load::load_str(Path::new("t.yaml"), unknown).unwrap_err().to_string();
        assert!(err.contains("changelog") && err.contains("major"), "{err}");
    }
}
