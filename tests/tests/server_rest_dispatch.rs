//! Which operation a REST request calls, as the generated servers find it
//! (`yun_runtime::server::decode_rest`): by method, path template and body wrapper, the most
//! literal template first, an operation told apart by its wrapper before one without.
//! Requests written by hand as the documents show them (Inspur's `{"os-start": {}}` and
//! `{"os-stop": {}}` on one path, the batch body as document 004's sample (line 483); JD's
//! `…/instances/{instanceId}:stopInstance` beside `…/instances/{instanceId}`).

use yun_runtime::server::{Dispatch, RejectionKind, Request};

fn json(method: &str, path: &str, body: &str) -> Request {
    let headers = vec![("content-type".to_owned(), "application/json".to_owned())];
    Request::new(method, path, headers, body.as_bytes().to_vec())
}

#[test]
fn inspur_operations_sharing_a_path_are_told_apart_by_their_wrapper() {
    use yun_inspur_ecs::server::OperationInput as Inspur;
    let decode = |path: &str, body: &str| Inspur::decode(&json("POST", path, body));
    assert!(matches!(decode("/v1/servers/s-1/action", r#"{"os-start": {}}"#), Ok(Inspur::StartServer(_))));
    assert!(matches!(decode("/v1/servers/s-1/action", r#"{"os-stop": {}}"#), Ok(Inspur::StopServer(_))));
    assert!(matches!(decode("/v1/servers/s-1/action", r#"{"reboot": {}}"#), Ok(Inspur::RebootServer(_))));
    assert!(matches!(
        decode("/v1/servers/action", r#"{"os-start": {"servers": [{"id": "616fb98f-46ca-475e-917e-2563e5a8cd19"}]}}"#),
        Ok(Inspur::StartServers(_))
    ));
    // A body holding no operation's wrapper calls none of them.
    let unknown = decode("/v1/servers/s-1/action", r#"{"os-pause": {}}"#).unwrap_err();
    assert_eq!(unknown.kind, RejectionKind::UnknownOperation);
    // The more literal of two fitting templates: `/v1/servers/{server_id}/tags`, not
    // `/v1/servers/{pageNo}/{pageSize}`.
    assert!(matches!(Inspur::decode(&json("GET", "/v1/servers/s-1/tags", "")), Ok(Inspur::ListServerTags(_))));
}

#[test]
fn jdcloud_templates_are_tried_most_literal_first() {
    use yun_jdcloud_vm::server::OperationInput as Jd;
    let stop = Jd::decode(&json("POST", "/v1/regions/cn-north-1/instances/i-1:stopInstance", "{}")).unwrap();
    assert!(matches!(stop, Jd::StopInstance(_)), "{stop:?}");
    let describe = Jd::decode(&json("GET", "/v1/regions/cn-north-1/instances/i-1", "")).unwrap();
    assert!(matches!(describe, Jd::DescribeInstance(_)), "{describe:?}");
    let unknown = Jd::decode(&json("PUT", "/v1/regions/cn-north-1/instances/i-1", "{}")).unwrap_err();
    assert_eq!(unknown.kind, RejectionKind::UnknownOperation);
}
