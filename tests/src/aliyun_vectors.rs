//! The query parameters of the Aliyun SDK calls recorded in
//! `tests/fixtures/aliyun/signing/vectors.json`, and a typed input's, to compare them.

use std::collections::BTreeMap;

use serde::Deserialize;
use yun_runtime::operation::params::Params;
use yun_runtime::Operation;

#[derive(Deserialize)]
struct Vectors {
    cases: Vec<Case>,
}

#[derive(Deserialize)]
struct Case {
    name: String,
    query_params: Vec<(String, String)>,
}

/// The parameters the official SDK sent for the vector `name`. The Python SDK writes booleans
/// `True`/`False`; yun writes `true`/`false` like the Java and Go SDKs, so they are lowered.
pub fn sdk_query(name: &str) -> BTreeMap<String, String> {
    let text = std::fs::read_to_string(crate::fixture("aliyun/signing/vectors.json")).expect("the Aliyun vectors");
    let vectors: Vectors = serde_json::from_str(&text).expect("vectors.json");
    let case = vectors.cases.into_iter().find(|c| c.name == name).unwrap_or_else(|| panic!("no vector {name}"));
    case.query_params.into_iter().map(|(k, v)| (k, if v == "True" || v == "False" { v.to_lowercase() } else { v })).collect()
}

/// The parameters `op` writes; Aliyun RPC operations send them all in the query.
pub fn query_of<Op: Operation>(op: &Op) -> BTreeMap<String, String> {
    let (mut query, mut body) = (Params::new(), Params::new());
    op.write_params(&mut query, &mut body);
    assert!(body.is_empty(), "Aliyun RPC sends everything in the query");
    query.pairs().iter().cloned().collect()
}
