//! Writing generated crates all at once: a failure at any point leaves the target folder
//! (`generated/`, `tests/fixture-crates/`) as it was.
//!
//! [`stage`] writes every crate into a temporary folder beside the target
//! (`.<name>.yun-new-<pid>`, in the same parent, so on the same file system); a file whose
//! contents did not change is hard-linked from the target instead (copied, keeping its
//! modification time, where links are not supported), so cargo does not rebuild crates
//! that did not change. [`Staged::commit`] then moves the target aside
//! (`.<name>.yun-old-<pid>`), renames the temporary folder into its place and removes the
//! old one; if the second rename fails the old folder is renamed back. When nothing changed
//! nothing is moved. Dropping a [`Staged`] that was not committed removes its temporary
//! folder. [`write_crates`] does both steps.
//!
//! The target folder holds generated crates only: whatever else is in it is removed, as
//! stale output (what `cargo xtask gen` always did).
//!
//! Between the two renames the target does not exist for an instant; should the process die
//! exactly then, the next [`stage`] of that target renames `.<name>.yun-old-*` back first.
//! Leftover temporary folders of runs that died are removed by the next [`stage`].

use std::collections::BTreeMap;
use std::fmt;
use std::io;
use std::path::{Component, Path, PathBuf};

use crate::GeneratedCrate;

/// Why writing failed; the target folder was left as it was.
#[derive(Debug)]
pub struct WriteError {
    /// What was being done, with the path (`cannot write …/src/lib.rs`).
    pub action: String,
    /// The file system's error.
    pub source: io::Error,
}

impl fmt::Display for WriteError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.action, self.source)
    }
}

impl std::error::Error for WriteError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        Some(&self.source)
    }
}

/// What writing changed, file by file (paths relative to the target folder).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteSummary {
    /// Files the crates hold.
    pub files: usize,
    /// Files new or changed.
    pub written: Vec<PathBuf>,
    /// Files that were in the target and are no longer (stale output).
    pub removed: Vec<PathBuf>,
    /// Files left as they were.
    pub unchanged: usize,
}

impl WriteSummary {
    /// Whether the target changed at all.
    pub fn changed(&self) -> bool {
        !self.written.is_empty() || !self.removed.is_empty()
    }
}

/// Writes `crates` as the whole contents of `target` (one folder per crate, named by
/// [`GeneratedCrate::dir`]), replacing it at once: [`stage`], then [`Staged::commit`].
pub fn write_crates(target: &Path, crates: &[GeneratedCrate]) -> Result<WriteSummary, WriteError> {
    stage(target, crates)?.commit()
}

/// Crates written beside their target, ready to be moved into place by [`Staged::commit`].
/// Stage every target first and commit them after, so a failure while writing any of them
/// leaves all of them as they were.
#[derive(Debug)]
pub struct Staged {
    target: PathBuf,
    /// The temporary folder (`None` when nothing changed: nothing to move).
    staged: Option<PathBuf>,
    summary: WriteSummary,
    ops: Ops,
}

/// The file system operations writing uses: the real ones, or (in tests) ones that fail on
/// purpose at a chosen step.
#[derive(Debug, Clone, Copy)]
struct Ops {
    /// Fail the n-th operation (counting from 0) with an injected error.
    fail_at: Option<usize>,
}

thread_local! {
    static STEP: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

impl Ops {
    const REAL: Self = Self { fail_at: None };

    fn check(self) -> io::Result<()> {
        let step = STEP.with(|s| {
            let n = s.get();
            s.set(n + 1);
            n
        });
        if self.fail_at == Some(step) {
            Err(io::Error::other("injected failure"))
        } else {
            Ok(())
        }
    }

    fn write(self, path: &Path, contents: &str) -> io::Result<()> {
        self.check()?;
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent)?;
        }
        std::fs::write(path, contents)
    }

    /// `to` gets the file `from` holds, same modification time: a hard link, else a copy.
    fn keep(self, from: &Path, to: &Path) -> io::Result<()> {
        self.check()?;
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent)?;
        }
        if std::fs::hard_link(from, to).is_ok() {
            return Ok(());
        }
        std::fs::copy(from, to)?;
        let modified = std::fs::metadata(from)?.modified()?;
        std::fs::File::options().write(true).open(to)?.set_modified(modified)
    }

    fn rename(self, from: &Path, to: &Path) -> io::Result<()> {
        self.check()?;
        std::fs::rename(from, to)
    }
}

/// Writes `crates` into a temporary folder beside `target` (see the module docs). Nothing
/// in `target` changes; an error leaves no temporary folder behind.
pub fn stage(target: &Path, crates: &[GeneratedCrate]) -> Result<Staged, WriteError> {
    stage_with(target, crates, Ops::REAL)
}

fn stage_with(target: &Path, crates: &[GeneratedCrate], ops: Ops) -> Result<Staged, WriteError> {
    let (parent, name) = split(target)?;
    recover(&parent, &name, target);
    // Every file the crates hold, by path under the target; checked before anything is written.
    let mut expected: BTreeMap<PathBuf, &str> = BTreeMap::new();
    for krate in crates {
        let dir = Path::new(&krate.dir);
        if !is_relative_inside(dir) || dir.components().count() != 1 {
            return Err(invalid(format!("crate folder `{}` is not one folder name", krate.dir)));
        }
        for file in &krate.files {
            if !is_relative_inside(&file.path) {
                return Err(invalid(format!("`{}` of crate `{}` is not a path inside the crate", file.path.display(), krate.dir)));
            }
            if expected.insert(dir.join(&file.path), &file.contents).is_some() {
                return Err(invalid(format!("`{}` is written twice", dir.join(&file.path).display())));
            }
        }
    }
    let existing = files_under(target).map_err(|source| WriteError { action: format!("cannot read {}", target.display()), source })?;
    let mut summary = WriteSummary { files: expected.len(), ..WriteSummary::default() };
    for path in existing.keys() {
        if !expected.contains_key(path) {
            summary.removed.push(path.clone());
        }
    }
    for (path, contents) in &expected {
        let same = existing.get(path).is_some_and(|_| std::fs::read(target.join(path)).is_ok_and(|old| old == contents.as_bytes()));
        if same {
            summary.unchanged += 1;
        } else {
            summary.written.push(path.clone());
        }
    }
    if !summary.changed() {
        return Ok(Staged { target: target.to_owned(), staged: None, summary, ops });
    }
    let temp = parent.join(format!(".{name}.yun-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&temp);
    // From here on, the temporary folder is removed on any error (by `Staged`'s drop).
    let mut staged = Staged { target: target.to_owned(), staged: Some(temp.clone()), summary, ops };
    std::fs::create_dir_all(&temp).map_err(|source| WriteError { action: format!("cannot create {}", temp.display()), source })?;
    let written: std::collections::BTreeSet<&PathBuf> = staged.summary.written.iter().collect();
    for (path, contents) in &expected {
        let to = temp.join(path);
        let result = if written.contains(path) { ops.write(&to, contents) } else { ops.keep(&target.join(path), &to) };
        result.map_err(|source| WriteError { action: format!("cannot write {}", to.display()), source })?;
    }
    drop(written);
    staged.summary.written.sort();
    Ok(staged)
}

impl Staged {
    /// What committing will change.
    pub fn summary(&self) -> &WriteSummary {
        &self.summary
    }

    /// Moves the staged crates into place (see the module docs): the target is replaced at
    /// once, or left as it was with an error.
    pub fn commit(mut self) -> Result<WriteSummary, WriteError> {
        let Some(temp) = self.staged.clone() else {
            return Ok(std::mem::take(&mut self.summary));
        };
        let (parent, name) = split(&self.target)?;
        let old = parent.join(format!(".{name}.yun-old-{}", std::process::id()));
        let had_target = self.target.exists();
        if had_target {
            let _ = std::fs::remove_dir_all(&old);
            self.ops
                .rename(&self.target, &old)
                .map_err(|source| WriteError { action: format!("cannot move {} aside", self.target.display()), source })?;
        }
        if let Err(source) = self.ops.rename(&temp, &self.target) {
            if had_target {
                // Put the old one back; the temporary folder goes with `self`.
                let _ = std::fs::rename(&old, &self.target);
            }
            return Err(WriteError { action: format!("cannot move {} into place", self.target.display()), source });
        }
        self.staged = None;
        if had_target {
            // The new crates are in place: failing to remove the old copy loses nothing.
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(std::mem::take(&mut self.summary))
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if let Some(temp) = self.staged.take() {
            let _ = std::fs::remove_dir_all(temp);
        }
    }
}

/// The parent folder and the name of `target`.
fn split(target: &Path) -> Result<(PathBuf, String), WriteError> {
    let name = target.file_name().map(|n| n.to_string_lossy().into_owned());
    match name {
        Some(name) => Ok((target.parent().map_or_else(|| PathBuf::from("."), Path::to_owned), name)),
        None => Err(invalid(format!("`{}` does not name a folder", target.display()))),
    }
}

/// After a run that died between its two renames: renames `.<name>.yun-old-*` back when the
/// target is missing, and removes leftover temporary folders of `target`.
fn recover(parent: &Path, name: &str, target: &Path) {
    let Ok(entries) = std::fs::read_dir(parent) else { return };
    let mut leftovers: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    leftovers.sort();
    for path in leftovers {
        let Some(file) = path.file_name().map(|f| f.to_string_lossy().into_owned()) else { continue };
        if file.starts_with(&format!(".{name}.yun-old-")) && !target.exists() && std::fs::rename(&path, target).is_ok() {
            continue;
        }
        if file.starts_with(&format!(".{name}.yun-new-")) || file.starts_with(&format!(".{name}.yun-old-")) {
            let _ = std::fs::remove_dir_all(&path);
        }
    }
}

/// Only plain names (no root, `..` or `.`), at least one.
fn is_relative_inside(path: &Path) -> bool {
    path.components().next().is_some() && path.components().all(|c| matches!(c, Component::Normal(_)))
}

fn invalid(message: String) -> WriteError {
    WriteError { action: message, source: io::Error::from(io::ErrorKind::InvalidInput) }
}

/// Every file under `dir` (none when it does not exist), by path relative to it.
fn files_under(dir: &Path) -> io::Result<BTreeMap<PathBuf, ()>> {
    let mut out = BTreeMap::new();
    if !dir.exists() {
        return Ok(out);
    }
    // An explicit stack: no recursion on the folders' depth.
    let mut todo = vec![PathBuf::new()];
    while let Some(relative) = todo.pop() {
        for entry in std::fs::read_dir(dir.join(&relative))? {
            let entry = entry?;
            let path = relative.join(entry.file_name());
            if entry.file_type()?.is_dir() {
                todo.push(path);
            } else {
                out.insert(path, ());
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::GeneratedFile;

    fn krate(dir: &str, files: &[(&str, &str)]) -> GeneratedCrate {
        GeneratedCrate {
            dir: dir.to_owned(),
            files: files.iter().map(|(p, c)| GeneratedFile { path: PathBuf::from(p), contents: (*c).to_owned() }).collect(),
        }
    }

    /// A fresh folder under the system's temporary folder, holding `generated/`.
    fn scratch(test: &str) -> PathBuf {
        let root = std::env::temp_dir().join(format!("yun-write-{test}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&root);
        std::fs::create_dir_all(&root).unwrap();
        root
    }

    /// Every file under `dir` with its contents, and the folder's other entries.
    fn tree(dir: &Path) -> (BTreeMap<PathBuf, String>, Vec<String>) {
        let files = files_under(dir).unwrap().into_keys().map(|p| (p.clone(), std::fs::read_to_string(dir.join(&p)).unwrap())).collect();
        let mut siblings: Vec<String> =
            std::fs::read_dir(dir.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        siblings.sort();
        (files, siblings)
    }

    fn before(root: &Path) -> PathBuf {
        let target = root.join("generated");
        write_crates(&target, &[krate("a", &[("Cargo.toml", "a"), ("src/lib.rs", "old a")]), krate("stale", &[("src/lib.rs", "s")])])
            .unwrap();
        target
    }

    fn after() -> Vec<GeneratedCrate> {
        vec![krate("a", &[("Cargo.toml", "a"), ("src/lib.rs", "new a"), ("src/more.rs", "m")]), krate("b", &[("Cargo.toml", "b")])]
    }

    #[test]
    fn writes_changes_removes_stale_files_and_keeps_unchanged_ones() {
        let root = scratch("replace");
        let target = before(&root);
        let unchanged = std::fs::metadata(target.join("a/Cargo.toml")).unwrap().modified().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(20));
        let summary = write_crates(&target, &after()).unwrap();
        assert_eq!(summary.files, 4);
        assert_eq!(summary.unchanged, 1);
        assert_eq!(summary.written, [PathBuf::from("a/src/lib.rs"), PathBuf::from("a/src/more.rs"), PathBuf::from("b/Cargo.toml")]);
        assert_eq!(summary.removed, [PathBuf::from("stale/src/lib.rs")]);
        let (files, siblings) = tree(&target);
        assert_eq!(
            files.keys().cloned().collect::<Vec<_>>(),
            ["a/Cargo.toml", "a/src/lib.rs", "a/src/more.rs", "b/Cargo.toml"].map(PathBuf::from)
        );
        assert_eq!(files[Path::new("a/src/lib.rs")], "new a");
        assert_eq!(siblings, ["generated"], "no temporary folder is left");
        assert_eq!(
            std::fs::metadata(target.join("a/Cargo.toml")).unwrap().modified().unwrap(),
            unchanged,
            "an unchanged file keeps its time"
        );
        // Twice: nothing changes, nothing moves.
        let again = write_crates(&target, &after()).unwrap();
        assert!(!again.changed() && again.unchanged == 4, "{again:?}");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_failure_at_any_step_leaves_the_target_as_it_was() {
        let root = scratch("fail");
        let target = before(&root);
        let was = tree(&target);
        // Steps: one per file staged (4), then two renames. Fail at each in turn.
        for fail_at in 0..6 {
            STEP.with(|s| s.set(0));
            let result = stage_with(&target, &after(), Ops { fail_at: Some(fail_at) }).and_then(Staged::commit);
            let err = result.expect_err("an injected failure is an error");
            assert!(err.to_string().contains("injected failure"), "{err}");
            assert_eq!(tree(&target), was, "after a failure at step {fail_at}");
        }
        STEP.with(|s| s.set(0));
        // Failing for real: a file name the file system refuses, in the second crate.
        let mut bad = after();
        bad[1].files.push(GeneratedFile { path: PathBuf::from("bad\0name"), contents: String::new() });
        let err = write_crates(&target, &bad).unwrap_err();
        assert!(err.to_string().contains("cannot write"), "{err}");
        assert_eq!(tree(&target), was);
        // And the same crates without it go through.
        write_crates(&target, &after()).unwrap();
        assert_eq!(tree(&target).0[Path::new("a/src/lib.rs")], "new a");
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn paths_leaving_the_target_are_refused_before_anything_is_written() {
        let root = scratch("paths");
        let target = before(&root);
        let was = tree(&target);
        for (dir, file) in [("../x", "a"), ("a/b", "a"), ("", "a"), ("a", "../../x"), ("a", "/etc/x"), ("a", "")] {
            let err = write_crates(&target, &[krate(dir, &[(file, "x")])]).unwrap_err();
            assert_eq!(err.source.kind(), io::ErrorKind::InvalidInput, "{dir} {file}: {err}");
            assert_eq!(tree(&target), was);
        }
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_run_that_died_between_the_renames_is_recovered() {
        let root = scratch("recover");
        let target = before(&root);
        let was = tree(&target).0;
        // As if it died after moving the target aside: only the old copy and a temporary folder remain.
        std::fs::rename(&target, root.join(".generated.yun-old-1")).unwrap();
        std::fs::create_dir_all(root.join(".generated.yun-new-1/x")).unwrap();
        let staged = stage(&target, &after()).unwrap();
        assert_eq!(tree(&target).0, was, "the old target is back before anything else");
        drop(staged);
        assert_eq!(tree(&target).1, ["generated"]);
        std::fs::remove_dir_all(root).unwrap();
    }

    #[test]
    fn a_first_run_creates_the_target() {
        let root = scratch("first");
        let target = root.join("generated");
        let summary = write_crates(&target, &after()).unwrap();
        assert_eq!(summary.written.len(), 4);
        assert_eq!(tree(&target).0.len(), 4);
        std::fs::remove_dir_all(root).unwrap();
    }
}
