//! Any text as a spec: load, validate, resolve and emit must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let path = std::path::Path::new("fuzz.yaml");
    if let Ok(loaded) = yun_codegen::load::load_str(path, text.to_owned()) {
        if yun_codegen::validate::validate(&loaded).is_ok() {
            let service = yun_codegen::ir::resolve(&loaded);
            let _ = yun_codegen::emit::emit(&service, "fuzz.yaml");
        }
    }
});
