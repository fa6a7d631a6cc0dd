//! Replays fuzz inputs outside libFuzzer and times each step, for the README's slowest inputs:
//!   cargo run --release --example replay -- loader artifacts/spec_loader/* corpus/spec_loader/*
//!   cargo run --release --example replay -- structured artifacts/spec_structured/*
//! `structured` renders each input as `spec_structured` does (and `--print` prints the YAML).
//! Prints one line per input: bytes of input, bytes of YAML, seconds to load, validate, gen,
//! and the outcome; sorted by total time, slowest last.

use std::path::Path;
use std::time::Instant;

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let print = args.iter().any(|a| a == "--print");
    args.retain(|a| a != "--print");
    let structured = args.first().map(String::as_str) == Some("structured");
    let mut rows = Vec::new();
    for file in args.iter().skip(1) {
        let Ok(data) = std::fs::read(file) else { continue };
        let text = if structured {
            let u = arbitrary::Unstructured::new(&data);
            match <yun_fuzz::structured::Spec as arbitrary::Arbitrary>::arbitrary_take_rest(u) {
                Ok(spec) => spec.to_yaml(),
                Err(_) => continue,
            }
        } else {
            match String::from_utf8(data.clone()) {
                Ok(t) => t,
                Err(_) => continue,
            }
        };
        if print {
            println!("=== {file}\n{text}");
        }
        let path = Path::new("fuzz.yaml");
        let t0 = Instant::now();
        let loaded = yun_codegen::load::load_str(path, text.clone());
        let t_load = t0.elapsed().as_secs_f64();
        let (mut t_validate, mut t_gen, mut outcome) = (0.0, 0.0, "not loaded".to_owned());
        if let Ok(loaded) = &loaded {
            let t1 = Instant::now();
            let valid = yun_codegen::validate::validate(loaded);
            t_validate = t1.elapsed().as_secs_f64();
            outcome = "invalid".to_owned();
            if valid.is_ok() {
                let t2 = Instant::now();
                let n = yun_fuzz::gen_end_to_end(&text);
                t_gen = t2.elapsed().as_secs_f64();
                outcome = format!("{n:?}");
            }
        } else if let Err(d) = &loaded {
            outcome = format!("not loaded: {}", d.0.first().map(|d| d.message.chars().take(80).collect::<String>()).unwrap_or_default());
        }
        rows.push((t_load + t_validate + t_gen, data.len(), text.len(), t_load, t_validate, t_gen, outcome, file.clone()));
    }
    rows.sort_by(|a, b| a.0.total_cmp(&b.0));
    println!("input_bytes yaml_bytes load_s validate_s gen_s (gen re-runs load+validate) outcome file");
    for (_, input, yaml, l, v, g, outcome, file) in rows {
        println!("{input} {yaml} {l:.3} {v:.3} {g:.3} {outcome} {file}");
    }
}
