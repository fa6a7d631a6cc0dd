//! Structure-aware: the fuzzer's bytes build a spec model (`yun_fuzz::structured::Spec`:
//! keyword and colliding names, type expressions thousands of levels deep, cycles between
//! structures, deep YAML values, contradicting constraints), rendered as YAML and run through
//! `gen` end to end with the same contract checks as `spec_loader`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|spec: yun_fuzz::structured::Spec| {
    yun_fuzz::gen_end_to_end(&spec.to_yaml());
});
