//! Any bytes as a spec file, through `gen` end to end (load, validate, resolve, emit): never a
//! panic, and a spec that validates emits Rust that parses and defines no name twice in a
//! scope (see `yun_fuzz::gen_end_to_end`). Run with `-max_len=65536` (`run.sh` does).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    yun_fuzz::gen_end_to_end_bytes(data);
});
