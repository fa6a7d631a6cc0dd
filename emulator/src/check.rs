//! Inputs checked as the services check them, from the spec's member facts: ranges, lengths,
//! patterns, enum values and list sizes of each top-level input member (required members and types are
//! checked by the generated decoders), answered with the provider's parameter error.

use std::collections::HashMap;

use regex::Regex;
use serde_json::Value;
use yun_codegen::load::LoadedSpec;
use yun_codegen::spec::member_path;

use crate::state::Refused;
use crate::wire::text;
use crate::Provider;

/// The spec's member patterns, compiled once: (operation, member key) → pattern. A pattern
/// the `regex` crate does not take (none in the specs today) is not checked.
pub fn patterns(spec: &LoadedSpec) -> HashMap<(String, String), Regex> {
    let mut all = HashMap::new();
    for (operation, op) in spec.spec.operations.iter() {
        for (key, member) in op.input.iter() {
            if let Some(regex) = member.pattern.as_deref().and_then(|p| Regex::new(p).ok()) {
                all.insert((operation.clone(), key.clone()), regex);
            }
        }
    }
    all
}

/// The first member of `operation`'s input (by its spec key) that `input` holds out of its
/// bounds, as the provider's parameter error.
pub fn check(
    spec: &LoadedSpec,
    patterns: &HashMap<(String, String), Regex>,
    operation: &str,
    input: &Value,
    provider: Provider,
) -> Result<(), Refused> {
    let Some(op) = spec.spec.operations.get(operation) else { return Ok(()) };
    for (key, member) in op.input.iter() {
        let Ok(steps) = member_path::resolve(&spec.spec, &op.input, key) else { continue };
        let Some(step) = steps.first() else { continue };
        let Some(value) = input.as_object().and_then(|o| o.get(step.wire)) else { continue };
        let wire = step.wire;
        let bad = |what: String| Err(crate::answer::parameter_error(provider, wire, &what));
        if let Value::Array(items) = value {
            if member.min_items.is_some_and(|n| items.len() < n as usize) || member.max_items.is_some_and(|n| items.len() > n as usize) {
                return bad(format!("has {} items, outside {:?}..={:?}", items.len(), member.min_items, member.max_items));
            }
            continue;
        }
        let Some(t) = text(value) else { continue };
        if let Some(range) = &member.range {
            if let Ok(n) = t.parse::<f64>() {
                if range.min.is_some_and(|m| n < m as f64) || range.max.is_some_and(|m| n > m as f64) {
                    return bad(format!("is out of range {:?}..={:?}", range.min, range.max));
                }
            }
        }
        if let Some(length) = &member.length {
            let n = t.chars().count() as i64;
            if length.min.is_some_and(|m| n < m) || length.max.is_some_and(|m| n > m) {
                return bad(format!("has {n} characters, outside {:?}..={:?}", length.min, length.max));
            }
        }
        if patterns.get(&(operation.to_owned(), key.clone())).is_some_and(|p| !p.is_match(&t)) {
            return bad("does not match its pattern".to_owned());
        }
        if let Some(allowed) = &member.allowed {
            if !allowed.iter().any(|a| text(a).as_deref() == Some(t.as_str())) {
                return bad("is not one of its allowed values".to_owned());
            }
        }
        if let Some(values) = spec.spec.shapes.get(&member.ty).and_then(|s| s.values.as_ref()) {
            if !values.keys().any(|k| *k == t) {
                return bad("is not one of its enum values".to_owned());
            }
        }
    }
    Ok(())
}
