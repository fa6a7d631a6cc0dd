//! What the fuzz targets share: the generator end to end from text ([`gen_end_to_end`]) with
//! its contract checked, the duplicate-name check over emitted Rust ([`scopes`]) and the
//! structure-aware spec model ([`structured`]), and the emulator's request path
//! ([`emulator::emulator_request`]).

pub mod emulator;
pub mod scopes;
pub mod structured;

use std::path::Path;

/// What one spec text came to.
#[derive(Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Refused by `load` (too big, not UTF-8, not a spec).
    NotLoaded,
    /// Loaded, refused by `validate`.
    Invalid,
    /// Validated and generated: this many files.
    Generated(usize),
}

/// `cargo xtask gen` for one spec given as text, without writing files: load, validate,
/// resolve, emit (what [`yun_codegen::generate`] does for a file, minus the examples folder).
///
/// Panics where the generator's contract is broken, so the fuzzer keeps the input: a spec
/// that validates must emit, every emitted `.rs` file must parse as Rust, and no scope of it
/// may define a name twice (which `rustc` would refuse). A panic inside the generator, a
/// stack overflow or a timeout is a finding of its own.
pub fn gen_end_to_end(text: &str) -> Outcome {
    gen_end_to_end_bytes(text.as_bytes())
}

/// [`gen_end_to_end`] from bytes, through `load_bytes` (the size and UTF-8 checks a file
/// read gets), so input that is not UTF-8 is exercised too.
pub fn gen_end_to_end_bytes(data: &[u8]) -> Outcome {
    let path = Path::new("fuzz.yaml");
    let Ok(loaded) = yun_codegen::load::load_bytes(path, data) else {
        return Outcome::NotLoaded;
    };
    if yun_codegen::validate::validate(&loaded).is_err() {
        return Outcome::Invalid;
    }
    let service = yun_codegen::ir::resolve(&loaded);
    let files = match yun_codegen::emit::emit(&service, "fuzz.yaml") {
        Ok(files) => files,
        Err(e) => panic!("contract: a spec that validates does not emit: {e}"),
    };
    for file in &files {
        if file.path.extension().is_some_and(|e| e == "rs") {
            let parsed = match syn::parse_file(&file.contents) {
                Ok(parsed) => parsed,
                Err(e) => panic!("contract: emitted {} does not parse: {e}", file.path.display()),
            };
            let repeated = scopes::duplicate_names(&parsed);
            assert!(repeated.is_empty(), "contract: emitted {} defines names twice: {repeated:#?}", file.path.display());
        }
    }
    Outcome::Generated(files.len())
}
