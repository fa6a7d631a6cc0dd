//! What the REST protocols share: filling a path template, the encoded query a signer
//! reads, the JSON body's bytes.

use crate::operation::params::Params;
use crate::operation::JsonValue;

/// `template` with each `{name}` replaced by the percent-encoded value of `name` in
/// `values` (empty when it has none: the input's `build()` requires path members).
pub fn expand_path(template: &str, values: &Params) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        out.push_str(&rest[..open]);
        let name = &rest[open + 1..close];
        out.push_str(&crate::request::encoding::percent_encode(values.get(name).unwrap_or("")));
        rest = &rest[close + 1..];
    }
    out.push_str(rest);
    out
}

/// Query parameters percent-encoded (RFC 3986), in order, as they are signed (sent as
/// [`form_encode`](crate::request::encoding::form_encode) writes them).
pub fn encoded_query(query: &Params) -> Vec<(String, String)> {
    query.pairs().iter().map(|(k, v)| (crate::request::encoding::percent_encode(k), crate::request::encoding::percent_encode(v))).collect()
}

/// The JSON body's bytes (none without a body).
pub fn json_bytes(json: Option<&JsonValue>) -> Vec<u8> {
    // Serializing a JSON value cannot fail.
    json.map(|j| serde_json::to_vec(j).unwrap_or_default()).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_values_are_percent_encoded() {
        let values: Params = [("regionId", "cn-north-1"), ("instanceId", "i-a b/c")].into_iter().collect();
        assert_eq!(
            expand_path("/v1/regions/{regionId}/instances/{instanceId}:startInstance", &values),
            "/v1/regions/cn-north-1/instances/i-a%20b%2Fc:startInstance"
        );
        assert_eq!(expand_path("/v1/regions/{regionId", &values), "/v1/regions/{regionId");
    }

    #[test]
    fn queries_and_bodies() {
        let q: Params = [("filters.1.values.1", "a b&c")].into_iter().collect();
        assert_eq!(encoded_query(&q), [("filters.1.values.1".to_owned(), "a%20b%26c".to_owned())]);
        assert!(json_bytes(None).is_empty());
        assert_eq!(json_bytes(Some(&serde_json::json!({"a": [1]}))), br#"{"a":[1]}"#);
    }
}
