//! Shared helpers for the workspace tests: a local HTTP server that records what it
//! receives and answers from a script, the Aliyun SDK's recorded parameters, the KEC
//! document's samples, and the check of a spec against an SDK's request facts.

pub mod aliyun_vectors;
pub mod ksyun_samples;
pub mod server;
pub mod spec_vs_sdk;

use std::path::PathBuf;

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    let here = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    here.parent().map(PathBuf::from).unwrap_or(here)
}

/// A file under `tests/fixtures/`.
pub fn fixture(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures").join(path)
}
