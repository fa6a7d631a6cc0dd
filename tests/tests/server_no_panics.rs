//! The server codecs never panic on a request (issue 18, "Bad input"): garbage requests
//! (any method, path, query with malformed percent-encoding, headers, bodies that are not
//! JSON, oversized or deeply nested), and requests a client sent with one part corrupted,
//! through the dispatcher of every generated crate. Each request either decodes or is answered
//! with the protocol's error envelope, which the crate's client reads as a service error with a
//! code and the request id (`yun_runtime::server::check_error_answer`).

use proptest::prelude::*;
use yun_runtime::server::arbitrary::{Gen, Wire};
use yun_runtime::server::{check_error_answer, Dispatch, Request};

/// Checks `request` against every crate, collecting what went wrong.
fn every_crate(request: &Request) -> Vec<String> {
    let mut failures = Vec::new();
    macro_rules! each {
        ([$($krate:ident),* $(,)?]) => {$(
            if let Err(e) = check_error_answer::<$krate::server::OperationInput>(request) {
                failures.push(format!("{}: {e}", stringify!($krate)));
            }
        )*};
    }
    yun_tests::for_each_server_crate!(each!());
    failures
}

/// A request one of `D`'s clients sent for an arbitrary input of operation `seed % n`, with one
/// part corrupted as `how` says.
fn corrupted<D: Dispatch>(seed: u64, how: u8, junk: &str) -> Option<Request> {
    use yun_runtime::client::send::Wire as _;
    use yun_runtime::server::ServerProtocol;
    let n = D::actions().len() as u64;
    if n == 0 {
        return None;
    }
    let input = D::arbitrary((seed % n) as usize, &mut Gen::new(seed, Wire::Flat))?;
    let client = D::Protocol::test_client(D::SERVICE, seed).ok()?;
    let mut sent = client.authorize(&input.encoded(), &D::Protocol::test_key());
    match how % 6 {
        // A parameter's value replaced by junk (a number that is not one, a bad escape).
        0 => match sent.url.find('=') {
            Some(at) => sent.url.insert_str(at + 1, junk),
            None => sent.url.push_str(&format!("?x={junk}")),
        },
        // The body cut short or replaced.
        1 => sent.body.truncate(sent.body.len() / 2),
        2 => sent.body = junk.as_bytes().to_vec(),
        // Another action, or another path.
        3 => sent.url = sent.url.replace("Action=", &format!("Action={junk}")).replace("/v1/", &format!("/v1/{junk}/")),
        4 => sent.headers.retain(|(k, _)| !k.eq_ignore_ascii_case("x-acs-action")),
        // The body's JSON nested deep.
        _ => sent.body = format!("{}{}", "[".repeat(5000), "]".repeat(5000)).into_bytes(),
    }
    Some(Request::from_http(&sent))
}

fn method() -> impl Strategy<Value = String> {
    prop_oneof![Just("GET".to_owned()), Just("POST".to_owned()), Just("PUT".to_owned()), Just("DELETE".to_owned()), "[A-Za-z]{0,8}"]
}

fn target() -> impl Strategy<Value = String> {
    let path = prop_oneof![
        Just("/".to_owned()),
        "/v1/regions/[a-z0-9-]{0,12}/instances(/[a-z0-9:%-]{0,12}){0,2}",
        "/v1/(servers|images|volumes)(/[^/?]{0,8}){0,3}",
        "\\PC{0,40}",
    ];
    let pair = prop_oneof![
        "(Action|Version|RegionId|InstanceId(\\.[0-9]){0,2}|Tag\\.[0-9]\\.(Key|Value)|PageSize|[A-Za-z.]{1,12})=[^&]{0,16}",
        "%[0-9a-fA-Fz]{0,2}[^&]{0,6}",
        "Action=(DescribeInstances|ListInstances|AssumeRole|RunInstances|[A-Za-z]{0,12})",
    ];
    (path, prop::collection::vec(pair, 0..8)).prop_map(|(p, q)| if q.is_empty() { p } else { format!("{p}?{}", q.join("&")) })
}

fn headers() -> impl Strategy<Value = Vec<(String, String)>> {
    let header = prop_oneof![
        Just(("content-type".to_owned(), "application/x-www-form-urlencoded".to_owned())),
        Just(("content-type".to_owned(), "application/json".to_owned())),
        "[A-Za-z]{0,12}".prop_map(|a| ("x-acs-action".to_owned(), a)),
        ("[a-z-]{1,12}", "\\PC{0,16}"),
    ];
    prop::collection::vec(header, 0..4)
}

fn body() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        prop::collection::vec(any::<u8>(), 0..64),
        "\\{(\"[a-zA-Z-]{1,8}\":(\\{\\}|\\[\\]|\"[^\"]{0,6}\"|-?[0-9]{1,20}|true|null),?){0,4}\\}".prop_map(String::into_bytes),
        "([A-Za-z.0-9]{1,10}=[^&]{0,8}&){0,6}".prop_map(String::into_bytes),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn garbage_requests_are_answered_never_panicked_on(method in method(), target in target(), headers in headers(), body in body()) {
        let request = Request::new(&method, &target, headers, body);
        let failures = every_crate(&request);
        prop_assert!(failures.is_empty(), "{request:?}: {failures:?}");
    }

    #[test]
    fn corrupted_client_requests_are_answered_never_panicked_on(seed in any::<u64>(), how in any::<u8>(), junk in "[^\\s]{0,6}|%[0-9a-z]{0,2}|x") {
        macro_rules! each {
            ($($krate:ident),*) => {$(
                if let Some(request) = corrupted::<$krate::server::OperationInput>(seed, how, &junk) {
                    let failures = every_crate(&request);
                    prop_assert!(failures.is_empty(), "{}: {request:?}: {failures:?}", stringify!($krate));
                }
            )*};
        }
        each!(yun_aliyun_swas, yun_aliyun_ecs, yun_ksyun_kec, yun_jdcloud_vm, yun_inspur_ecs, yun_fixture_every_type, yun_fixture_recursive);
    }
}

#[test]
fn an_oversized_body_is_refused_before_it_is_parsed() {
    let body = vec![b' '; yun_runtime::server::MAX_BODY].into_iter().chain(*b"{}").collect();
    let request = Request::new("POST", "/v1/regions/cn-north-1/instances", vec![], body);
    let e = <yun_jdcloud_vm::server::OperationInput as Dispatch>::decode(&request).unwrap_err();
    assert_eq!(e.kind, yun_runtime::server::RejectionKind::InvalidBody, "{e}");
    assert!(every_crate(&request).is_empty());
}

#[test]
fn rejections_carry_each_protocols_code_and_status() {
    use yun_runtime::server::ServerProtocol;
    let unknown = Request::new("POST", "/?Action=NoSuchAction", vec![], vec![]);
    let e = <yun_aliyun_swas::server::OperationInput as Dispatch>::decode(&unknown).unwrap_err();
    let answer = yun_runtime::server::aliyun::Aliyun::reject(&e, "R1");
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!((answer.status, body["Code"].as_str()), (404, Some("InvalidAction.NotFound")));
    let missing = Request::new("POST", "/?Action=ListInstances", vec![], vec![]);
    let e = <yun_aliyun_swas::server::OperationInput as Dispatch>::decode(&missing).unwrap_err();
    assert_eq!((e.kind, e.parameter.as_deref()), (yun_runtime::server::RejectionKind::MissingParameter, Some("RegionId")));
    let bad = Request::new("POST", "/?Action=DescribeInstances&MaxResults=many", vec![], vec![]);
    let e = <yun_ksyun_kec::server::OperationInput as Dispatch>::decode(&bad).unwrap_err();
    let answer = yun_runtime::server::ksyun::Ksyun::reject(&e, "R2");
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!((answer.status, body["Error"]["Code"].as_str()), (400, Some("InvalidParameterValue")), "{e}");
    let nowhere = Request::new("GET", "/v1/regions/cn-north-1/nothing", vec![], vec![]);
    let e = <yun_jdcloud_vm::server::OperationInput as Dispatch>::decode(&nowhere).unwrap_err();
    let answer = yun_runtime::server::jdcloud::Jdcloud::reject(&e, "R3");
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!((answer.status, body["error"]["status"].as_str()), (404, Some("NOT_FOUND")));
    // Kingsoft: an unknown action is the document's `NoSuchEntity` (404), which the KEC
    // crate's client reads as its typed code; the message is the document's sentence.
    let unknown = Request::new("POST", "/?Action=NoSuchAction", vec![], vec![]);
    let e = <yun_ksyun_kec::server::OperationInput as Dispatch>::decode(&unknown).unwrap_err();
    let answer = yun_runtime::server::ksyun::Ksyun::reject(&e, "R4");
    let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
    assert_eq!((answer.status, body["Error"]["Code"].as_str()), (404, Some("NoSuchEntity")));
    let client = yun_runtime::server::ksyun::Ksyun::test_client(&yun_ksyun_kec::SERVICE, 0).unwrap();
    let read = yun_runtime::client::send::Wire::decode::<serde_json::Value>(&client, &answer, false).unwrap_err();
    assert_eq!(yun_ksyun_kec::ErrorCode::of(&read), Some(yun_ksyun_kec::ErrorCode::NoSuchEntity), "{read}");
    let e = <yun_ksyun_kec::server::OperationInput as Dispatch>::decode(&Request::new("POST", "/?Action=StartInstances", vec![], vec![]))
        .unwrap_err();
    let body: serde_json::Value = serde_json::from_slice(&yun_runtime::server::ksyun::Ksyun::reject(&e, "R5").body).unwrap();
    assert!(
        body["Error"]["Message"].as_str().unwrap().starts_with("An value must be supplied for the input parameter InstanceId. yun: "),
        "{body}"
    );
    // Inspur: a member that does not parse is the document's `001002` under HTTP 400.
    let bad = Request::new("GET", "/v1/servers/1/many", vec![], vec![]);
    match <yun_inspur_ecs::server::OperationInput as Dispatch>::decode(&bad) {
        Err(e) if e.kind == yun_runtime::server::RejectionKind::InvalidParameter => {
            let answer = yun_runtime::server::inspur::Inspur::reject(&e, "R6");
            let body: serde_json::Value = serde_json::from_slice(&answer.body).unwrap();
            assert_eq!((answer.status, body["code"].as_str()), (400, Some("001002")), "{body}");
        }
        other => panic!("{other:?}"),
    }
}
