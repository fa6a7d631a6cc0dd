//! `cargo xtask diff`: what a spec change does to users (the engine is `yun_codegen::diff`).
//!
//! ```text
//! cargo xtask diff [--format markdown|json] [--allow-breaking] OLD NEW
//! cargo xtask diff [--format markdown|json] [--allow-breaking] --base REV [SPEC…]
//! cargo xtask diff … --doc-only [--new-doc-lines FROM-TO] OLD NEW
//! ```
//!
//! `--doc-only` compares what the documents state: both sides keep only the operations and
//! members whose provenance is the document (`yun_codegen::provenance::doc_only`), and of a
//! spec stating `sources.document_lines` only what is on those lines of its document: one
//! version of a document that holds several, as the KEC document's 1.4.5 body (554-7553)
//! beside its older sections, which the living spec also quotes. `--new-doc-lines FROM-TO`
//! (implies `--doc-only`) gives the NEW side's lines instead, for a spec that does not state them.
//!
//! The first form compares two spec files; the second compares each spec with its version at the
//! git revision `REV` (by default every spec under `specs/` that differs from `REV`, a spec new
//! since then or deleted included). Exit status: 0 when nothing breaks, 1 on a change breaking
//! for Rust callers or on the wire (0 with `--allow-breaking`), 2 on bad input (a spec that does
//! not load or validate, an unknown revision, bad arguments).

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use yun_codegen::diff::{diff, Class, Report, Side};
use yun_codegen::load::LoadedSpec;

const USAGE: &str =
    "usage: cargo xtask diff [--format markdown|json] [--allow-breaking] [--doc-only] [--new-doc-lines FROM-TO] (OLD NEW | --base REV [SPEC…])";

#[derive(Debug, PartialEq, Eq)]
enum Format {
    Markdown,
    Json,
}

#[derive(Debug, PartialEq, Eq)]
struct Args {
    format: Format,
    allow_breaking: bool,
    base: Option<String>,
    specs: Vec<PathBuf>,
    /// `--doc-only`: compare what the documents state; `Some(range)`: the new side's lines
    /// (`--new-doc-lines`).
    doc_only: Option<Option<std::ops::RangeInclusive<u32>>>,
}

/// `FROM-TO`, two 1-based line numbers, FROM at most TO.
fn line_range(text: &str) -> Result<std::ops::RangeInclusive<u32>, String> {
    let bad = || format!("`--new-doc-lines` takes FROM-TO (two line numbers, e.g. 554-7553), not `{text}`");
    let (from, to) = text.split_once('-').ok_or_else(bad)?;
    let (from, to): (u32, u32) = (from.trim().parse().map_err(|_| bad())?, to.trim().parse().map_err(|_| bad())?);
    if from == 0 || from > to {
        return Err(bad());
    }
    Ok(from..=to)
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut parsed = Args { format: Format::Markdown, allow_breaking: false, base: None, specs: Vec::new(), doc_only: None };
    let mut args = args.iter();
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--allow-breaking" => parsed.allow_breaking = true,
            "--format" => {
                parsed.format = match args.next().map(String::as_str) {
                    Some("markdown") => Format::Markdown,
                    Some("json") => Format::Json,
                    other => return Err(format!("`--format` takes `markdown` or `json`, not `{}`", other.unwrap_or(""))),
                }
            }
            "--doc-only" => {
                parsed.doc_only.get_or_insert(None);
            }
            "--new-doc-lines" => {
                let range = line_range(args.next().map(String::as_str).unwrap_or(""))?;
                parsed.doc_only = Some(Some(range));
            }
            "--base" => parsed.base = Some(args.next().ok_or("`--base` takes a git revision")?.clone()),
            other if other.starts_with('-') => return Err(format!("unknown option `{other}`")),
            spec => parsed.specs.push(PathBuf::from(spec)),
        }
    }
    if parsed.doc_only.is_some() && parsed.base.is_some() {
        return Err("`--doc-only` compares two files (OLD NEW), not `--base`".to_owned());
    }
    if parsed.base.is_none() && parsed.specs.len() != 2 {
        return Err("give two spec files (OLD NEW), or `--base REV`".to_owned());
    }
    Ok(parsed)
}

/// Runs `cargo xtask diff` with `args` (after `diff`) from the workspace `root`.
pub fn run(root: &Path, args: &[String]) -> ExitCode {
    match reports(root, args) {
        Ok((parsed, reports)) => {
            match parsed.format {
                Format::Json => println!("{}", serde_json::to_string_pretty(&reports).unwrap_or_default()),
                Format::Markdown if reports.is_empty() => println!("No spec changed."),
                Format::Markdown => {
                    for report in &reports {
                        println!("{}", report.to_markdown());
                    }
                }
            }
            let breaking = reports.iter().any(Report::is_breaking);
            if breaking && !parsed.allow_breaking {
                eprintln!("breaking changes (above): the crate needs a major version bump; pass `--allow-breaking` to accept them");
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Err(message) => {
            eprintln!("{message}\n{USAGE}");
            ExitCode::from(2)
        }
    }
}

fn reports(root: &Path, args: &[String]) -> Result<(Args, Vec<Report>), String> {
    let parsed = parse(args)?;
    let mut reports = Vec::new();
    match &parsed.base {
        None => {
            let (mut old, mut new) = (load_file(&parsed.specs[0])?, load_file(&parsed.specs[1])?);
            if let Some(lines) = &parsed.doc_only {
                // Each side keeps the lines its spec states as its document's version
                // (`sources.document_lines`), the new side `--new-doc-lines` when given.
                let stated = |loaded: &LoadedSpec| loaded.spec.service.sources.document_lines.map(|l| l.range());
                let (old_lines, new_lines) = (stated(&old), lines.clone().or_else(|| stated(&new)));
                yun_codegen::provenance::doc_only(&mut old.spec, old_lines);
                yun_codegen::provenance::doc_only(&mut new.spec, new_lines);
            }
            reports.push(diff(&old, &new));
        }
        Some(rev) => {
            let specs = if parsed.specs.is_empty() { changed_specs(root, rev)? } else { parsed.specs.clone() };
            for spec in specs {
                let relative = spec.strip_prefix(root).unwrap_or(&spec).to_string_lossy().replace('\\', "/");
                let shown = format!("{rev}:{relative}");
                let old = git_show(root, rev, &relative)?.map(|text| load_text(&shown, text)).transpose()?;
                let on_disk = root.join(&relative);
                let new = if on_disk.exists() {
                    let mut loaded = load_file(&on_disk)?;
                    loaded.file = PathBuf::from(&relative); // shown as the old side is: relative
                    Some(loaded)
                } else {
                    None
                };
                reports.push(match (old, new) {
                    (Some(old), Some(new)) => diff(&old, &new),
                    (None, Some(new)) => whole(&new, Class::Compatible, Side::New, &format!("a new spec since {rev}: a new crate")),
                    (Some(old), None) => whole(&old, Class::BreakingRust, Side::Old, "the spec was deleted: its crate goes"),
                    (None, None) => return Err(format!("{relative} is neither at {rev} nor on disk")),
                });
            }
        }
    }
    Ok((parsed, reports))
}

/// A report of one change to a whole spec: added (no old side, no version to bump) or deleted.
fn whole(loaded: &LoadedSpec, class: Class, side: Side, message: &str) -> Report {
    let file = loaded.file.display().to_string();
    let (old_file, new_file, bump) = match side {
        Side::New => ("(none)".to_owned(), file, yun_codegen::diff::Bump::None),
        Side::Old => (file, "(deleted)".to_owned(), yun_codegen::diff::Bump::Major),
    };
    let change = yun_codegen::diff::Change { class, path: "service".to_owned(), line: Some(1), side, message: message.to_owned() };
    Report { service: loaded.spec.service.name.clone(), old_file, new_file, bump, changes: vec![change] }
}

fn validated(loaded: Result<LoadedSpec, yun_codegen::Diagnostics>) -> Result<LoadedSpec, String> {
    let loaded = loaded.map_err(|d| d.to_string())?;
    // Two versions of one spec share their crate: no comparison with sibling specs.
    yun_codegen::validate::validate_alone(&loaded).map_err(|d| d.to_string())?;
    Ok(loaded)
}

fn load_file(path: &Path) -> Result<LoadedSpec, String> {
    validated(yun_codegen::load::load_file(path))
}

fn load_text(shown: &str, text: String) -> Result<LoadedSpec, String> {
    validated(yun_codegen::load::load_str(Path::new(shown), text))
}

/// The spec files under `specs/` that differ between `rev` and the working tree.
fn changed_specs(root: &Path, rev: &str) -> Result<Vec<PathBuf>, String> {
    // `:(glob)`: `*` stops at `/`, so specs/history/ (not generated) is left out.
    let out = git(root, &["diff", "--name-only", "--no-renames", rev, "--", ":(glob)specs/*.yaml"])?;
    Ok(out.lines().filter(|l| !l.is_empty()).map(|l| root.join(l)).collect())
}

/// The file at `rev`, or `None` when it did not exist there.
fn git_show(root: &Path, rev: &str, relative: &str) -> Result<Option<String>, String> {
    git(root, &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")]).map_err(|_| format!("`{rev}` is not a git revision"))?;
    let listed = git(root, &["ls-tree", "--name-only", rev, "--", relative])?;
    if listed.trim().is_empty() {
        return Ok(None);
    }
    git(root, &["show", &format!("{rev}:{relative}")]).map(Some)
}

fn git(root: &Path, args: &[&str]) -> Result<String, String> {
    let out = Command::new("git").arg("-C").arg(root).args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if !out.status.success() {
        return Err(format!("git {} failed: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
    }
    String::from_utf8(out.stdout).map_err(|_| format!("git {} printed text that is not UTF-8", args.join(" ")))
}

/// `cargo xtask check`'s version rule: a spec whose change since the base revision is breaking
/// (by [`diff`]) needs a breaking version bump (`service.version`). The base is `HEAD~1` under
/// `CI=true` (CI checks the commit it runs on), the merge base with `main` otherwise (a branch's
/// work, committed or not); without one (a shallow or fresh clone) the check is skipped.
/// `Ok` holds what to print.
pub fn version_check(root: &Path) -> Result<String, String> {
    let ci = std::env::var("CI").is_ok_and(|v| v == "true");
    let base =
        if ci { git(root, &["rev-parse", "--verify", "--quiet", "HEAD~1^{commit}"]) } else { git(root, &["merge-base", "HEAD", "main"]) };
    match base {
        Ok(rev) if !rev.trim().is_empty() => versions_against(root, rev.trim()),
        _ => Ok("no base: version check skipped".to_owned()),
    }
}

/// The version rule against `rev`.
fn versions_against(root: &Path, rev: &str) -> Result<String, String> {
    let mut problems = Vec::new();
    let mut notes = Vec::new();
    for spec in changed_specs(root, rev)? {
        let relative = spec.strip_prefix(root).unwrap_or(&spec).to_string_lossy().replace('\\', "/");
        let (Some(old_text), true) = (git_show(root, rev, &relative)?, spec.exists()) else {
            continue; // a new or deleted spec: a new crate, or none
        };
        let old = load_text(&format!("{rev}:{relative}"), old_text)?;
        let new = load_file(&spec)?;
        let report = diff(&old, &new);
        let (from, to) = (&old.spec.service.version, &new.spec.service.version);
        let bumped = match (yun_codegen::spec::Version::parse(from), yun_codegen::spec::Version::parse(to)) {
            (Some(a), Some(b)) => a.breaking_bump_to(b),
            _ => false,
        };
        if report.is_breaking() && !bumped {
            let first =
                report.changes.iter().find(|c| c.class.is_breaking()).map(|c| format!("{}: {}", c.path, c.message)).unwrap_or_default();
            problems.push(format!(
                "{relative}: breaking changes since {rev} (e.g. {first}) need a breaking version bump, but `service.version` is {to} (was {from}); `cargo xtask diff --base {rev}` lists them"
            ));
        } else if !report.changes.is_empty() {
            notes.push(format!(
                "{relative}: {} change(s) since {rev}, {} bump needed, version {from} -> {to}",
                report.changes.len(),
                report.bump
            ));
        }
    }
    if problems.is_empty() {
        notes.insert(0, format!("spec versions checked against {rev}"));
        Ok(notes.join("\n"))
    } else {
        Err(problems.join("\n"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        args.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn arguments_parse_and_bad_ones_are_refused() {
        let args = parse(&strings(&["--format", "json", "a.yaml", "b.yaml"])).unwrap();
        assert_eq!((args.format, args.specs.len(), args.allow_breaking), (Format::Json, 2, false));
        let args = parse(&strings(&["--base", "HEAD~1", "--allow-breaking"])).unwrap();
        assert_eq!((args.base.as_deref(), args.allow_breaking), (Some("HEAD~1"), true));
        assert!(parse(&strings(&["a.yaml"])).unwrap_err().contains("two spec files"));
        assert!(parse(&strings(&["--format", "yaml", "a", "b"])).unwrap_err().contains("`markdown` or `json`"));
        assert!(parse(&strings(&["--base"])).unwrap_err().contains("git revision"));
        assert!(parse(&strings(&["--frobnicate"])).unwrap_err().contains("unknown option"));
        assert_eq!(parse(&strings(&["--doc-only", "a", "b"])).unwrap().doc_only, Some(None));
        assert_eq!(parse(&strings(&["--new-doc-lines", "554-7553", "a", "b"])).unwrap().doc_only, Some(Some(554..=7553)));
        for bad in ["", "7553-554", "0-3", "a-b", "12"] {
            let err = parse(&strings(&["--new-doc-lines", bad, "a", "b"])).unwrap_err();
            assert!(err.contains("FROM-TO"), "{bad}: {err}");
        }
        assert!(parse(&strings(&["--doc-only", "--base", "HEAD"])).unwrap_err().contains("two files"));
    }

    /// The STS spec as version 0.1.0 with no changelog (the bumps below replace the version
    /// line; a second `version:` key would be a duplicate the loader refuses, and a changelog
    /// entry above the version is refused too).
    fn sts_at_0_1_0() -> String {
        let spec = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs/aliyun-sts.yaml")).unwrap();
        let mut out = String::new();
        let mut in_changelog = false;
        for line in spec.lines() {
            if line.starts_with("changelog:") {
                in_changelog = true;
                continue;
            }
            if in_changelog && (line.starts_with(' ') || line.is_empty()) {
                continue;
            }
            in_changelog = false;
            if line.starts_with("  version: ") {
                out.push_str("  version: 0.1.0\n");
            } else {
                out.push_str(line);
                out.push('\n');
            }
        }
        assert!(out.contains("\n  version: 0.1.0\n"), "specs/aliyun-sts.yaml states its version");
        out
    }

    #[test]
    fn a_breaking_change_needs_a_breaking_version_bump() {
        let root = std::env::temp_dir().join(format!("yun-xtask-versions-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(root.join("specs")).unwrap();
        let spec = sts_at_0_1_0();
        let file = root.join("specs/aliyun-sts.yaml");
        std::fs::write(&file, &spec).unwrap();
        let git =
            |args: &[&str]| assert!(Command::new("git").arg("-C").arg(&root).args(args).output().unwrap().status.success(), "git {args:?}");
        git(&["init", "-q"]);
        git(&["add", "."]);
        git(&["-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "base"]);
        // Documentation only: no bump needed.
        std::fs::write(&file, spec.replace("Obtains temporary credentials", "Gets temporary credentials")).unwrap();
        assert!(versions_against(&root, "HEAD").unwrap().contains("patch bump needed"));
        // Breaking on the wire, version unchanged: refused, naming the change.
        let breaking = spec.replace("api_version: \"2015-04-01\"", "api_version: \"2016-04-01\"");
        std::fs::write(&file, &breaking).unwrap();
        let err = versions_against(&root, "HEAD").unwrap_err();
        assert!(err.contains("need a breaking version bump") && err.contains("API version"), "{err}");
        // A minor bump below 1.0 is breaking by Cargo's rules: accepted.
        std::fs::write(&file, breaking.replace("  version: 0.1.0\n", "  version: 0.2.0\n")).unwrap();
        assert!(versions_against(&root, "HEAD").is_ok());
        // A patch bump is not enough.
        std::fs::write(&file, breaking.replace("  version: 0.1.0\n", "  version: 0.1.1\n")).unwrap();
        assert!(versions_against(&root, "HEAD").is_err());
        let _ = std::fs::remove_dir_all(&root);
    }

    #[test]
    fn exit_status_is_0_1_or_2() {
        let root = std::env::temp_dir().join(format!("yun-xtask-diff-{}", std::process::id()));
        std::fs::create_dir_all(&root).unwrap();
        let spec = sts_at_0_1_0();
        let (old, same, breaking, broken) =
            (root.join("old.yaml"), root.join("same.yaml"), root.join("breaking.yaml"), root.join("broken.yaml"));
        std::fs::write(&old, &spec).unwrap();
        std::fs::write(&same, spec.replace("Obtains temporary credentials", "Gets temporary credentials")).unwrap();
        std::fs::write(&breaking, spec.replace("api_version: \"2015-04-01\"", "api_version: \"2016-04-01\"")).unwrap();
        std::fs::write(&broken, "service: [").unwrap();
        let run_with = |new: &Path, extra: &[&str]| {
            let mut args = strings(extra);
            args.extend([old.display().to_string(), new.display().to_string()]);
            run(&root, &args)
        };
        assert_eq!(run_with(&same, &[]), ExitCode::SUCCESS, "documentation only");
        assert_eq!(run_with(&breaking, &[]), ExitCode::from(1));
        assert_eq!(run_with(&breaking, &["--allow-breaking"]), ExitCode::SUCCESS);
        assert_eq!(run_with(&broken, &[]), ExitCode::from(2), "a spec that does not load");
        let _ = std::fs::remove_dir_all(&root);
    }
}
