//! What the REST protocols share: filling a path template, the encoded query a signer
//! reads, the JSON body's bytes.

use crate::operation::params::Params;
use crate::operation::JsonValue;

/// One part of a REST path template: text sent as written, or a `{name}` member.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TemplatePart<'t> {
    /// Text between members, sent as written (`/v1/regions/`, `:startInstance`).
    Literal(&'t str),
    /// A `{name}` member, filled with the percent-encoded value of `name`.
    Member(&'t str),
}

/// The parts of a path template in order. A `{` without its `}` is literal text, as is
/// everything after it.
pub fn template_parts(template: &str) -> impl Iterator<Item = TemplatePart<'_>> {
    let mut rest = template;
    let mut pending: Option<&str> = None;
    std::iter::from_fn(move || {
        if let Some(name) = pending.take() {
            return Some(TemplatePart::Member(name));
        }
        if rest.is_empty() {
            return None;
        }
        match rest.find('{').and_then(|open| Some((open, open + rest[open..].find('}')?))) {
            Some((open, close)) => {
                let (literal, name) = (&rest[..open], &rest[open + 1..close]);
                rest = &rest[close + 1..];
                if literal.is_empty() {
                    Some(TemplatePart::Member(name))
                } else {
                    pending = Some(name);
                    Some(TemplatePart::Literal(literal))
                }
            }
            None => Some(TemplatePart::Literal(std::mem::take(&mut rest))),
        }
    })
}

/// `template` with each `{name}` replaced by the percent-encoded value of `name` in
/// `values` (empty when it has none: the input's `build()` requires path members).
pub fn expand_path(template: &str, values: &Params) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    for part in template_parts(template) {
        match part {
            TemplatePart::Literal(text) => out.push_str(text),
            TemplatePart::Member(name) => out.push_str(&crate::request::encoding::percent_encode(values.get(name).unwrap_or(""))),
        }
    }
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
    fn a_template_splits_into_literals_and_members() {
        use TemplatePart::{Literal, Member};
        let parts = |t| template_parts(t).collect::<Vec<_>>();
        assert_eq!(
            parts("/v1/regions/{regionId}/instances/{instanceId}:stop"),
            [Literal("/v1/regions/"), Member("regionId"), Literal("/instances/"), Member("instanceId"), Literal(":stop")]
        );
        assert_eq!(parts("{a}{b}"), [Member("a"), Member("b")]);
        assert_eq!(parts("/x/{a"), [Literal("/x/{a")]);
        assert_eq!(parts("/x/{a}/{b"), [Literal("/x/"), Member("a"), Literal("/{b")]);
        assert_eq!(parts(""), []);
    }

    #[test]
    fn queries_and_bodies() {
        let q: Params = [("filters.1.values.1", "a b&c")].into_iter().collect();
        assert_eq!(encoded_query(&q), [("filters.1.values.1".to_owned(), "a%20b%26c".to_owned())]);
        assert!(json_bytes(None).is_empty());
        assert_eq!(json_bytes(Some(&serde_json::json!({"a": [1]}))), br#"{"a":[1]}"#);
    }
}
