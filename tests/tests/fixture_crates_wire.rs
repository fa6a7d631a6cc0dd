//! The crates of the valid hostile spec corpus (`tests/fixtures/specs/valid/*.yaml`, generated
//! into `tests/fixture-crates/`) on the wire: every operation of each is built and sent to a
//! local server, which checks that the request arrives as the spec says (method, path or
//! action, a hostile member or two) and answers; the answer decodes, keyword and non-ASCII wire
//! names included. Paginators and waiters run too. Each test first checks it covers exactly
//! the spec's operations, so a spec that gains one fails here until the test sends it.
//!
//! Scripted server (`yun_tests::server`), not the emulator: the hostile fixture specs are no emulated service;
//! each request is checked on the wire as its spec says.

use std::collections::BTreeMap;
use std::time::Duration;

use serde_json::{json, Value};
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::clock::FixedClock;
use yun_runtime::waiter::WaiterConfig;
use yun_runtime::Credentials;
use yun_tests::server::{Recorded, Reply, TestServer};

/// The operation keys of `tests/fixtures/specs/valid/<spec>.yaml`, which `sent` must equal.
fn assert_covers(spec: &str, sent: &[&str]) {
    let file = yun_tests::fixture(&format!("specs/valid/{spec}.yaml"));
    let loaded = yun_codegen::load::load_file(&file).unwrap_or_else(|d| panic!("{d}"));
    let mut expected: Vec<&str> = loaded.spec.operations.keys().map(String::as_str).collect();
    expected.sort_unstable();
    let mut sent = sent.to_vec();
    sent.sort_unstable();
    assert_eq!(sent, expected, "{spec}.yaml: the operations this test sends are the spec's");
}

/// Starts a server answering every request with `body` (JSON, status 200).
async fn answering(body: Value) -> TestServer {
    TestServer::start(vec![Reply::json(200, &body.to_string())]).await
}

/// The one request `server` received.
fn only_request(server: &TestServer) -> Recorded {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{requests:#?}");
    requests.into_iter().next().unwrap()
}

fn body_json(r: &Recorded) -> Value {
    serde_json::from_slice(&r.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&r.body)))
}

/// Every parameter of a query-protocol request (query string, then form body), by name.
fn params(r: &Recorded) -> BTreeMap<String, String> {
    r.params().into_iter().collect()
}

/// The action of an aliyun-rpc request: the `x-acs-action` header (ACS3 signature) or the
/// `Action` parameter (HMAC-SHA1).
fn aliyun_action(r: &Recorded) -> Option<String> {
    r.header("x-acs-action").map(str::to_owned).or_else(|| r.param("Action"))
}

fn fast_waiter() -> WaiterConfig {
    WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(10), max_wait: Duration::from_secs(5) }
}

/// `fixture-keywords` (aliyun-rpc): keywords as operation keys, member wire names, shape names
/// and enum values; json and csv encodings; a waiter.
mod keywords {
    use super::*;
    use yun_fixture_keywords::operation::{AsyncInput, CrateInput, SelfInput, TypeInput};
    use yun_fixture_keywords::types::{Crate, Match, Type};
    use yun_fixture_keywords::{Client, Config, ErrorCode};

    fn client(url: &str) -> Client {
        let config = Config::builder()
            .region("cn-hangzhou")
            .endpoint(url)
            .credentials(Credentials::new("AKID", "secret-for-tests"))
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        Client::new(config)
    }

    #[tokio::test]
    async fn every_operation_is_sent_and_its_answer_decodes() {
        assert_covers("keywords", &["Type", "Self", "Async", "Crate"]);

        let answer = json!({"RequestId": "r-1", "type": {"type": "t", "match": 3, "self": "me", "where": 9_000_000_000_i64,
            "super": ["Self", "Unknown", "1", "", "Err", "a\"b", "c\\d", "novel"], "crate": "true", "fn": "f", "r#type": "raw"}, "match": "None"});
        let server = answering(answer).await;
        let input = TypeInput::builder()
            .type_("t-1")
            .self_(Match::SelfValue)
            .match_(vec![Type::default().type_("x").match_(7)])
            .crate_(vec!["a".into(), "b".into()])
            .async_(vec![Match::Type, Match::UnknownValue, Match::Empty])
            .ref_(Crate::default().self_("s"))
            .where_(
                Crate::default().self_("w").key_0("k").a_b_c("abc").x_y(i64::MAX).p_q("{\"}").check_members_(true).fmt_("f").default_(-1),
            )
            .build()
            .unwrap();
        let out = client(&server.url).type_(input).await.unwrap();
        let r = only_request(&server);
        let p = params(&r);
        assert_eq!(r.method, "POST");
        assert_eq!(p.get("Action").map(String::as_str), Some("Type"));
        assert_eq!(p.get("type").map(String::as_str), Some("t-1"));
        assert_eq!(p.get("self").map(String::as_str), Some("Self"));
        assert_eq!(p.get("match.1.type").map(String::as_str), Some("x"));
        assert_eq!(p.get("match.1.match").map(String::as_str), Some("7"));
        assert_eq!(p.get("crate").map(String::as_str), Some(r#"["a","b"]"#), "json encoding");
        assert_eq!(p.get("async").map(String::as_str), Some("type,Unknown,"), "csv encoding");
        assert_eq!(p.get("ref").map(String::as_str), Some(r#"{"Self":"s"}"#), "json encoding of a structure");
        assert_eq!(p.get("where.Self").map(String::as_str), Some("w"), "flat encoding of a structure");
        assert_eq!(p.get("where.Key{0}").map(String::as_str), Some("k"), "a wire name holding braces");
        assert_eq!(p.get("where.a}b{c").map(String::as_str), Some("abc"));
        assert_eq!(p.get("where.x\"y").map(String::as_str), Some("9223372036854775807"), "a wire name holding a quote");
        assert_eq!(p.get("where.p{q}").map(String::as_str), Some("{\"}"));
        assert_eq!(p.get("where.CheckMembers").map(String::as_str), Some("true"), "renamed check_members_, sent as CheckMembers");
        assert_eq!((p.get("where.Fmt").map(String::as_str), p.get("where.Default").map(String::as_str)), (Some("f"), Some("-1")));
        assert_eq!(out.request_id.as_deref(), Some("r-1"));
        let ty = out.type_.unwrap();
        assert_eq!((ty.type_.as_deref(), ty.match_, ty.self_.as_deref(), ty.where_), (Some("t"), Some(3), Some("me"), Some(9_000_000_000)));
        assert_eq!(
            ty.super_.unwrap(),
            [
                Match::SelfValue,
                Match::UnknownValue,
                Match::V1,
                Match::Empty,
                Match::ErrValue,
                Match::AB,
                Match::CD,
                Match::Unknown("novel".into())
            ]
        );
        assert_eq!(ty.crate_, Some(Match::True));
        assert_eq!((ty.fn_.as_deref(), ty.r_type.as_deref()), (Some("f"), Some("raw")));
        assert_eq!(out.match_, Some(Match::None));

        let server = answering(json!({"RequestId": "r-2", "Self": "Self"})).await;
        let out = client(&server.url).self_(SelfInput::builder().self_(10).build().unwrap()).await.unwrap();
        let p = params(&only_request(&server));
        assert_eq!((p.get("Action").map(String::as_str), p.get("Self").map(String::as_str)), (Some("Self"), Some("10")));
        assert_eq!(out.self_, Some(Match::SelfValue));
        assert!(SelfInput::builder().self_(11).build().is_err(), "range 1-10");
        let too_long = Crate::default().p_q("abcd");
        let err = TypeInput::builder().type_("t").where_(too_long).build().unwrap_err().to_string();
        assert!(err.contains("p_q") || err.contains("p{q}"), "a structure member's length is checked by build(): {err}");

        let server = answering(json!({"RequestId": "r-3", "await": {"Self": "s", "Key{0}": "k", "super": {"loop": 1.5}}})).await;
        let out = client(&server.url).async_(AsyncInput::builder().build().unwrap()).await.unwrap();
        assert_eq!(params(&only_request(&server)).get("Action").map(String::as_str), Some("Async"));
        let awaited = out.await_.unwrap();
        assert_eq!((awaited.self_.as_deref(), awaited.key_0.as_deref()), (Some("s"), Some("k")));
        assert_eq!(awaited.super_.unwrap().loop_, Some(1.5));

        let server = answering(json!({"RequestId": "r-4", "crate": {"a": {"Self": "x"}, "é": {}}})).await;
        let out = client(&server.url).crate_(CrateInput::builder().build().unwrap()).await.unwrap();
        assert_eq!(params(&only_request(&server)).get("Action").map(String::as_str), Some("Crate"));
        let crates = out.crate_.unwrap();
        assert_eq!(crates.len(), 2);
        assert_eq!(crates["a"].self_.as_deref(), Some("x"));
    }

    #[tokio::test]
    async fn keyword_error_codes_are_variants() {
        for (code, expected) in [
            ("type", ErrorCode::Type),
            ("Self", ErrorCode::SelfValue),
            ("Err", ErrorCode::ErrValue),
            ("Unknown", ErrorCode::UnknownValue),
            ("Type.Invalid", ErrorCode::TypeInvalid),
            ("a.b-c\"d", ErrorCode::ABCD),
            ("Novel", ErrorCode::Unknown("Novel".into())),
        ] {
            let body = json!({"RequestId": "r", "Code": code, "Message": "m"}).to_string();
            let server = TestServer::start(vec![Reply::json(400, &body)]).await;
            let err = client(&server.url).crate_(CrateInput::builder().build().unwrap()).await.unwrap_err();
            assert_eq!(ErrorCode::of(&err), Some(expected.clone()), "{code}");
            assert_eq!(expected.as_str(), code);
        }
    }

    #[tokio::test]
    async fn the_waiter_polls_the_keyword_operation() {
        let server = TestServer::start(vec![
            Reply::json(200, r#"{"RequestId":"r","Self":"None"}"#),
            Reply::json(200, r#"{"RequestId":"r","Self":"Self"}"#),
        ])
        .await;
        let input = SelfInput::builder().build().unwrap();
        let out = client(&server.url).wait_until_match_with(input, fast_waiter()).await.unwrap();
        assert_eq!(out.self_, Some(Match::SelfValue));
        assert_eq!(server.requests().len(), 2);
    }
}

/// `fixture-near-collisions` (ksyun-query): names one letter apart, prelude and generated
/// names as shapes and members, members the generator renames, a wire action apart from the
/// key, `one_of` groups, the dry-run parameter.
mod near_collisions {
    use super::*;
    use yun_fixture_near_collisions::operation::{GetFooBarInput, GetFooInput, GetFooInputInput, GetFoosInput, GetfooInput};
    use yun_fixture_near_collisions::types::{FooBar, Some as SomeShape, State, Value as ValueShape};
    use yun_fixture_near_collisions::{Client, Config};

    fn client(url: &str) -> Client {
        let config = Config::builder()
            .region("cn-beijing-6")
            .endpoint(url)
            .credentials(Credentials::new("AKLTtest", "secret-for-tests"))
            .clock(FixedClock::from_unix(1_795_405_999).unwrap())
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        Client::new(config)
    }

    #[tokio::test]
    async fn every_operation_is_sent_and_its_answer_decodes() {
        assert_covers("near-collisions", &["GetFoo", "GetFoos", "GetFooBar", "GetFooInput", "Getfoo"]);

        let answer = json!({"RequestId": "r-1",
            "Foo": {"Foo": "f", "Foos": ["a"], "FooBar": {"Foo": "fb"}, "fooBaz": "z", "Id": "i", "Ids": ["i1", "i2"]},
            "Foos": {"Foo": [{"Foo": "one"}, {"Foo": "two"}]}, "State": "ÉTAT-ARRÊTÉ", "Ok": {"Err": "e"}, "Err": {"Ok": "o"},
            "Boxed": {"Box": "b", "Default": "d", "Clone": "c"}, "Answer": "a"});
        let server = answering(answer).await;
        let input = GetFooInput::builder()
            .foo("f-1")
            .foos(vec!["x".into()])
            .foo_bar(FooBar::default().foo("inner"))
            .input("in")
            .output("out")
            .builder("b")
            .client("c")
            .error("e")
            .result("r")
            .config("cfg")
            .string("s")
            .vec("v")
            .option("o")
            .value(ValueShape::default().value("val"))
            .some(SomeShape::default().none("n"))
            .u540d_u79f0("名")
            .u63cf_u8ff0("述")
            .build_("build")
            .default_("default")
            .name("name")
            .set_name_("set-name")
            .build()
            .unwrap();
        let out = client(&server.url).get_foo(input).await.unwrap();
        let r = only_request(&server);
        let p = params(&r);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
        for (k, v) in [
            ("Action", "GetFoo"),
            ("Foo", "f-1"),
            ("Foos.1", "x"),
            ("FooBar.Foo", "inner"),
            ("Input", "in"),
            ("Output", "out"),
            ("Builder", "b"),
            ("Client", "c"),
            ("Error", "e"),
            ("Result", "r"),
            ("Config", "cfg"),
            ("String", "s"),
            ("Vec", "v"),
            ("Option", "o"),
            ("Value.Value", "val"),
            ("Some.None", "n"),
            ("名称", "名"),
            ("描述", "述"),
            ("Build", "build"),
            ("Default", "default"),
            ("Name", "name"),
            ("SetName", "set-name"),
        ] {
            assert_eq!(p.get(k).map(String::as_str), Some(v), "{k}");
        }
        assert!(!p.contains_key("DryRun"), "an ordinary call never sends the dry-run parameter");
        let auth = r.header("authorization").unwrap_or_default();
        assert!(auth.contains("/cn-beijing-6/nearby/aws4_request"), "the scope names `signing_name`, not `name`: {auth}");
        let foo = out.foo.unwrap();
        assert_eq!((foo.foo.as_deref(), foo.foo_baz.as_deref(), foo.foo_bar.unwrap().foo.as_deref()), (Some("f"), Some("z"), Some("fb")));
        assert_eq!(foo.ids.unwrap(), ["i1", "i2"]);
        assert_eq!(out.foos.unwrap().foo.unwrap().len(), 2);
        assert_eq!(out.state, Some(State::Ue9TatArrUeaTUe9), "a case-insensitive enum, beyond ASCII too");
        assert_eq!(out.ok.unwrap().err.as_deref(), Some("e"));
        assert_eq!(out.err.unwrap().ok.as_deref(), Some("o"));
        let boxed = out.boxed.unwrap();
        assert_eq!((boxed.box_.as_deref(), boxed.default_.as_deref(), boxed.clone_.as_deref()), (Some("b"), Some("d"), Some("c")));
        assert_eq!(out.answer_.as_deref(), Some("a"));

        let server = answering(json!({"RequestId": "r-2", "Foos": [{"Id": "a"}, {"Id": "b"}]})).await;
        let input = GetFoosInput::builder().id("i").ids(vec!["i1".into(), "i2".into()]).build().unwrap();
        let out = client(&server.url).get_foos(input).await.unwrap();
        let p = params(&only_request(&server));
        assert_eq!((p["Action"].as_str(), p["Id"].as_str(), p["Ids.1"].as_str(), p["Ids.2"].as_str()), ("GetFoos", "i", "i1", "i2"));
        assert_eq!(out.foos.unwrap().len(), 2);

        let answer = json!({"RequestId": "r-3", "Debug": {"Debug": "d"}, "Clone": {"Clone": "c"}, "HashMap": {"Key": "h"},
            "Map": {"Key": "m"}, "Request": {"Key": "q"}, "Response": {"Key": "s"}, "Operation": {"Key": "o"},
            "Bytes": {"Key": "b"}, "Types": {"Key": "t"}, "None": {"Some": "s"}});
        let server = answering(answer).await;
        let input = GetFooBarInput::builder().foo_bar("fb").ids(vec!["1".into()]).build().unwrap();
        let out = client(&server.url).get_foo_bar(input).await.unwrap();
        let p = params(&only_request(&server));
        assert_eq!(p["Action"], "Get.Foo-Bar_2", "the wire action, not the key");
        assert_eq!((p["FooBar"].as_str(), p["Ids.1"].as_str()), ("fb", "1"));
        assert_eq!(out.debug.unwrap().debug.as_deref(), Some("d"));
        assert_eq!(out.hash_map.unwrap().key.as_deref(), Some("h"));
        assert_eq!(out.types.unwrap().key.as_deref(), Some("t"));
        assert_eq!(out.none.unwrap().some.as_deref(), Some("s"));
        assert!(GetFooBarInput::builder().foo("f").foo_bar("fb").build().is_err(), "one_of: two groups given");

        let server = answering(json!({"RequestId": "r-4", "GetFoo": {"Key": "k"}})).await;
        let out = client(&server.url).get_foo_input(GetFooInputInput::builder().key("x").build().unwrap()).await.unwrap();
        let p = params(&only_request(&server));
        assert_eq!((p["Action"].as_str(), p["Key"].as_str()), ("GetFooInput", "x"));
        assert_eq!(out.get_foo.unwrap().key.as_deref(), Some("k"), "a shape named as an operation");

        let server = answering(json!({"RequestId": "r-5"})).await;
        let out = client(&server.url).getfoo(GetfooInput::builder().build().unwrap()).await.unwrap();
        assert_eq!(params(&only_request(&server))["Action"], "Getfoo", "not GetFoo");
        assert_eq!(out.request_id.as_deref(), Some("r-5"));
        assert!(GetFooBarInput::builder().build().is_err(), "one_of: no group given");
    }

    #[test]
    fn the_global_host_is_the_specs() {
        let config = Config::builder()
            .region("cn-beijing-6")
            .credentials(Credentials::new("AKLTtest", "secret-for-tests"))
            .global_endpoint(true)
            .build()
            .unwrap();
        let endpoint = Client::new(config).endpoint().clone();
        let shown = format!("{endpoint:?}");
        assert!(shown.contains("near.api.ksyun.com") && shown.contains("nearby"), "{shown}");
    }

    #[tokio::test]
    async fn dry_run_sends_the_parameter() {
        let server =
            TestServer::start(vec![Reply::json(412, r#"{"RequestId":"r","Error":{"Code":"DryRunOperation","Message":"ok"}}"#)]).await;
        let input = GetFoosInput::builder().id("i").build().unwrap();
        let passed = client(&server.url).dry_run(input).await.unwrap();
        assert_eq!(passed.code, "DryRunOperation");
        let p = params(&only_request(&server));
        assert_eq!((p["Action"].as_str(), p["DryRun"].as_str()), ("GetFoos", "true"));
    }
}

/// `fixture-recursive` (jdcloud-rest): structures that hold themselves, sent in a JSON body
/// and decoded from the `result` of an answer.
mod recursive {
    use super::*;
    use yun_fixture_recursive::operation::{DeleteNodeInput, GetNodeInput, PutNodeInput};
    use yun_fixture_recursive::types::{Left, Node, Right, Ring1, Ring2, Ring3};
    use yun_fixture_recursive::{Client, Config};

    fn client(url: &str) -> Client {
        let config = Config::builder()
            .region("cn-north-1")
            .endpoint(url)
            .credentials(Credentials::new("JDCtestAccessKey", "JDCtestSecretKey"))
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        Client::new(config)
    }

    fn deep() -> Value {
        json!({"name": "a", "next": {"name": "b", "next": {"name": "c"}}, "children": [{"name": "d", "children": [{"name": "e"}]}],
            "byName": {"f": {"name": "f", "byName": {"g": {"name": "g"}}}}})
    }

    #[tokio::test]
    async fn every_operation_is_sent_and_its_answer_decodes() {
        assert_covers("recursive", &["GetNode", "PutNode", "DeleteNode"]);

        let answer = json!({"requestId": "r-1", "result": {"node": deep(), "left": {"value": 1, "right": {"left": {"value": 2}}},
            "ring": {"next": {"next": {"last": true, "next": {"next": {}}}}}}});
        let server = answering(answer).await;
        let out =
            client(&server.url).get_node(GetNodeInput::builder().region_id("cn-north-1").node_id("n 1").build().unwrap()).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/regions/cn-north-1/nodes/n%201"));
        let node = out.node.unwrap();
        assert_eq!(node.next.as_ref().unwrap().next.as_ref().unwrap().name.as_deref(), Some("c"));
        assert_eq!(node.children.as_ref().unwrap()[0].children.as_ref().unwrap()[0].name.as_deref(), Some("e"));
        assert_eq!(node.by_name.as_ref().unwrap()["f"].by_name.as_ref().unwrap()["g"].name.as_deref(), Some("g"));
        assert_eq!(serde_json::to_value(&node).unwrap(), deep(), "a recursive structure encodes as it decoded");
        assert_eq!(out.left.unwrap().right.unwrap().left.unwrap().value, Some(2));
        let ring = out.ring.unwrap();
        let ring3 = ring.next.unwrap().next.unwrap();
        assert_eq!(ring3.last, Some(true));

        let server = answering(json!({"requestId": "r-2", "result": {"node": {"name": "back"}}})).await;
        let node = Node::default().name("a").next(Node::default().name("b")).children(vec![Node::default().name("c")]);
        let left = Left::default().value(1).right(Right::default().left(Left::default().value(2)));
        let ring = Ring2::default().next(Ring3::default().last(false).next(Ring1::default()));
        let input = PutNodeInput::builder().region_id("cn-north-1").type_("t/1").node(node).left(left).ring(ring).build().unwrap();
        let out = client(&server.url).put_node(input).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1/regions/cn-north-1/nodes:put/t%2F1"), "a path member named `type`");
        let body = body_json(&r);
        // JD Cloud's path members also go in the body, at its top level beside the wrapper.
        assert_eq!(
            (&body["regionId"], &body["type"], body.as_object().map(|o| o.len())),
            (&json!("cn-north-1"), &json!("t/1"), Some(3)),
            "{body}"
        );
        assert_eq!(
            body["put \"node\""],
            json!({"node": {"name": "a", "next": {"name": "b"}, "children": [{"name": "c"}]},
                   "left": {"value": 1, "right": {"left": {"value": 2}}}, "ring": {"next": {"last": false, "next": {}}}}),
            "the body inside a wrapper whose key holds quotes"
        );
        assert_eq!(out.node.unwrap().name.as_deref(), Some("back"));

        let server = answering(json!({"requestId": "r-3", "result": {}})).await;
        let input = DeleteNodeInput::builder().region_id("cn-north-1").node_id("n-1").cascade(true).build().unwrap();
        client(&server.url).delete_node(input).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("DELETE", "/v1/regions/cn-north-1/nodes/n-1"));
        assert_eq!(r.query_param("cascade"), Some("true"));
    }
}

/// `fixture-every-type` (inspur-rest): a member of every type, every constraint, path members
/// of each scalar type, a body in a wrapper, a whole-body payload, a list as the whole `data`.
mod every_type {
    use super::*;
    use yun_fixture_every_type::operation::{
        CreateThingInput, DeleteThingInput, GetDeepInput, GetThingInput, ListThingsInput, PatchThingInput, PutThingInput,
    };
    use yun_fixture_every_type::types::{Everything, Inner, Status};
    use yun_fixture_every_type::{Client, Config};

    fn client(url: &str) -> Client {
        let config = Config::builder().endpoint(url).bearer_token("token-for-tests").retry(RetryConfig::disabled()).build().unwrap();
        Client::new(config)
    }

    fn ok(data: Value) -> Value {
        json!({"code": 200, "message": "OK", "data": data})
    }

    fn everything() -> Value {
        json!({"s": "é", "i": -1, "l": 9_007_199_254_740_993_i64, "b": true, "f": 1.5, "d": 0.1, "e": "运行中", "st": {"k": "x", "v": 1},
            "ls": ["a"], "li": [1, 2], "ll": [3], "lb": [false], "lf": [2.5], "ld": [1e300], "le": ["with space", "ÜBER", "?", "🚀"],
            "lst": [{"k": "y"}], "lls": [["a", "b"], []], "ms": {"k": "v"}, "mi": {"k": 1}, "ml": {"k": 2}, "mb": {"k": true},
            "md": {"k": 0.5}, "me": {"k": "running"}, "mst": {"k": {"v": 3}}, "mls": {"k": [{"k": "z"}]},
            "mm": {"a": {"b": 1.25}}, "lm": [{"a": "b"}], "secret": "hidden", "old": "o", "Renamed": "via alias"})
    }

    #[tokio::test]
    async fn every_operation_is_sent_and_its_answer_decodes() {
        assert_covers("every-type", &["CreateThing", "GetThing", "PatchThing", "PutThing", "DeleteThing", "ListThings", "GetDeep"]);

        let server = answering(ok(json!({"thing": everything(), "ID": "t-1"}))).await;
        let input = CreateThingInput::builder()
            .name("thing-1")
            .size(-5)
            .big(i64::MIN)
            .ratio(1.0)
            .scale(0.5)
            .on(false)
            .kind("é")
            .level(6)
            .state(Status::Ue9TatArrUeaTUe9)
            .tags(vec!["t".into()])
            .inner(Inner::default().k("k").v(1))
            .inners(vec![Inner::default()])
            .labels([("a".to_owned(), "b".to_owned())].into_iter().collect())
            .nested(vec![vec![1, 2], vec![]])
            .password("S3cret")
            .build()
            .unwrap();
        assert!(!format!("{input:?}").contains("S3cret"), "a sensitive member is redacted");
        let out = client(&server.url).create_thing(input).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/v1/things"));
        assert_eq!(r.header("authorization"), Some("Bearer token-for-tests"));
        let body = body_json(&r);
        let create = &body["create"];
        assert_eq!(create["name"], "thing-1");
        assert_eq!(create["big"], json!(i64::MIN));
        assert_eq!(create["state"], "état-arrêté");
        assert_eq!(create["labels"], json!({"a": "b"}));
        assert_eq!(create["nested"], json!([[1, 2], []]));
        assert_eq!(create["password"], "S3cret");
        assert!(create["token"].as_str().is_some_and(|t| t.len() == 36), "an idempotency token is filled in: {create}");
        assert_eq!(out.id.as_deref(), Some("t-1"), "decoded through an alias");
        let thing = out.thing.unwrap();
        assert_eq!(thing.l, Some(9_007_199_254_740_993));
        assert_eq!(thing.e, Some(Status::U8fd0U884cU4e2d), "`运行中`: a value without an ASCII letter");
        assert_eq!(thing.le.as_ref().unwrap()[2], Status::Unknown("?".into()));
        assert_eq!(thing.le.as_ref().unwrap()[3], Status::U1f680);
        assert_eq!(thing.lls.as_ref().unwrap()[0], ["a", "b"]);
        assert_eq!(thing.mm.as_ref().unwrap()["a"]["b"], 1.25);
        assert_eq!(thing.mls.as_ref().unwrap()["k"][0].k.as_deref(), Some("z"));
        assert_eq!(thing.renamed.as_deref(), Some("via alias"));
        assert!(!format!("{thing:?}").contains("hidden"));

        for bad in [
            CreateThingInput::builder().name("Thing").size(6).build(),
            CreateThingInput::builder().name("").build(),
            CreateThingInput::builder().name("x").level(2).build(),
            CreateThingInput::builder().name("x").kind("c").build(),
            CreateThingInput::builder().name("x").tags(vec![]).build(),
            CreateThingInput::builder().name("x").inners(vec![Inner::default(); 3]).build(),
        ] {
            assert!(bad.is_err(), "{bad:?}");
        }

        let server = answering(ok(json!({"thing": {"s": "x"}}))).await;
        let input = GetThingInput::builder()
            .id("a/b")
            .version(-2)
            .big(1 << 40)
            .on(true)
            .fields(vec!["x".into(), "y".into()])
            .state(Status::WithSpace)
            .ratio(0.25)
            .build()
            .unwrap();
        let out = client(&server.url).get_thing(input).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/things/a%2Fb/-2/1099511627776/true"));
        assert_eq!(r.query_param("state"), Some("with space"));
        assert_eq!(r.query_param("ratio"), Some("0.25"));
        assert_eq!(out.thing.unwrap().s.as_deref(), Some("x"));

        let server = answering(ok(Value::Null)).await;
        let input = PatchThingInput::builder().id("t").patch(vec![Inner::default().k("a").v(1)]).build().unwrap();
        client(&server.url).patch_thing(input).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("PATCH", "/v1/things/t"));
        assert_eq!(body_json(&r), json!([{"k": "a", "v": 1}]), "the payload is the whole body");

        let server = answering(ok(Value::Null)).await;
        let input = PutThingInput::builder().id("t").dry(true).everything(Everything::default().s("s").i(1)).build().unwrap();
        client(&server.url).put_thing(input).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str(), r.query_param("dry")), ("PUT", "/v1/things/t", Some("true")));
        assert_eq!(body_json(&r), json!({"everything": {"s": "s", "i": 1}}));

        use yun_runtime::Operation;
        let idempotent = [
            <PutThingInput as Operation>::IDEMPOTENT,
            <DeleteThingInput as Operation>::IDEMPOTENT,
            <ListThingsInput as Operation>::IDEMPOTENT,
            <GetThingInput as Operation>::IDEMPOTENT,
        ];
        assert_eq!(idempotent, [false, false, true, true], "read_only: false, false, true, and a GET");

        let server = answering(ok(Value::Null)).await;
        #[allow(deprecated)]
        let sent = client(&server.url).delete_thing(DeleteThingInput::builder().id("t").build().unwrap()).await;
        sent.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("DELETE", "/v1/things/t"));

        let server = answering(ok(json!([{"s": "a"}, {"s": "b"}]))).await;
        let out = client(&server.url).list_things(ListThingsInput::builder().page(2).size(2).build().unwrap()).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str(), r.query_param("page")), ("GET", "/v1/things", Some("2")));
        assert_eq!(out.data.unwrap().len(), 2, "a list as the whole data");

        // 32 levels of lists, the type-depth limit, each level holding one list and the last a string.
        let deep = (0..31).fold(json!(["bottom"]), |inner, _| json!([inner]));
        let server = answering(ok(json!({"deep": deep}))).await;
        let out = client(&server.url).get_deep(GetDeepInput::builder().build().unwrap()).await.unwrap();
        let r = only_request(&server);
        assert_eq!((r.method.as_str(), r.path.as_str()), ("GET", "/v1/deep"));
        assert_eq!(serde_json::to_value(out.deep.unwrap()).unwrap(), deep, "decoded to the bottom and back");
    }

    #[tokio::test]
    async fn the_page_number_paginator_stops_at_a_short_page() {
        let server = TestServer::start(vec![
            Reply::json(200, &ok(json!([{"s": "a"}, {"s": "b"}])).to_string()),
            Reply::json(200, &ok(json!([{"s": "c"}])).to_string()),
        ])
        .await;
        let items =
            client(&server.url).list_things_paginator(ListThingsInput::builder().size(2).build().unwrap()).collect_items().await.unwrap();
        let names: Vec<_> = items.iter().map(|t| t.s.clone().unwrap()).collect();
        assert_eq!(names, ["a", "b", "c"]);
        let pages: Vec<_> = server.requests().iter().map(|r| r.query_param("page").map(str::to_owned)).collect();
        assert_eq!(pages, [None, Some("2".to_owned())], "the first page is the service's default");
    }
}

/// `fixture-paged` (aliyun-rpc): paginators of each kind and waiters on an enum, every item's
/// enum and a scalar.
mod paged {
    use super::*;
    use yun_fixture_paged::operation::{
        CreateWideInput, DescribeItemInput, ListByIntegerOffsetInput, ListByNumberTokenInput, ListByOffsetInput, ListByPageInput,
        ListByTokenInput, StartItemsInput,
    };
    use yun_fixture_paged::types::Phase;
    use yun_fixture_paged::{Client, Config, ErrorCode};

    fn client(url: &str) -> Client {
        let config = Config::builder()
            .region("cn-hangzhou")
            .endpoint(url)
            .credentials(Credentials::new("AKID", "secret-for-tests"))
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        Client::new(config)
    }

    fn items(ids: &[&str]) -> Value {
        Value::Array(ids.iter().map(|id| json!({"Id": id, "Phase": "Ready"})).collect())
    }

    #[tokio::test]
    async fn every_operation_is_sent_and_its_answer_decodes() {
        assert_covers(
            "paged",
            &[
                "ListByToken",
                "ListByPage",
                "ListByOffset",
                "ListByNumberToken",
                "ListByIntegerOffset",
                "StartItems",
                "CreateWide",
                "DescribeItem",
            ],
        );

        let server = TestServer::start(vec![
            Reply::json(200, &json!({"RequestId": "r", "NextToken": "t2", "Items": {"Item": items(&["a"])}}).to_string()),
            Reply::json(200, &json!({"RequestId": "r", "NextToken": "0", "Items": {"Item": items(&["b"])}}).to_string()),
        ])
        .await;
        let all = client(&server.url)
            .list_by_token_paginator(ListByTokenInput::builder().max_results(1).build().unwrap())
            .collect_items()
            .await
            .unwrap();
        assert_eq!(all.iter().map(|i| i.id.clone().unwrap()).collect::<Vec<_>>(), ["a", "b"], "stops at a done_when token");
        let sent: Vec<_> = server.requests().iter().map(|r| (aliyun_action(r), r.param("NextToken"))).collect();
        assert_eq!(sent, [(Some("ListByToken".into()), None), (Some("ListByToken".into()), Some("t2".into()))]);

        let server = TestServer::start(vec![
            Reply::json(200, &json!({"RequestId": "r", "TotalCount": 3, "Items": {"Item": items(&["a", "b"])}}).to_string()),
            Reply::json(200, &json!({"RequestId": "r", "TotalCount": 3, "Items": {"Item": items(&["c"])}}).to_string()),
        ])
        .await;
        let all = client(&server.url)
            .list_by_page_paginator(ListByPageInput::builder().page_size(2).build().unwrap())
            .collect_items()
            .await
            .unwrap();
        assert_eq!(all.len(), 3);
        let pages: Vec<_> = server.requests().iter().map(|r| (aliyun_action(r), r.param("PageNumber"))).collect();
        assert_eq!(pages, [(Some("ListByPage".into()), None), (Some("ListByPage".into()), Some("2".into()))]);

        let server = TestServer::start(vec![
            Reply::json(200, &json!({"RequestId": "r", "List": items(&["a", "b"])}).to_string()),
            Reply::json(200, &json!({"RequestId": "r", "List": []}).to_string()),
        ])
        .await;
        let input = ListByOffsetInput::builder().limit(2).name("n").build().unwrap();
        let all = client(&server.url).list_by_offset_paginator(input).collect_items().await.unwrap();
        assert_eq!(all.len(), 2);
        let offsets: Vec<_> = server.requests().iter().map(|r| (aliyun_action(r), r.param("Offset"))).collect();
        assert_eq!(offsets[0].0.as_deref(), Some("ListByOffset"));
        assert_eq!(offsets[1].1.as_deref(), Some("2"), "the offset advances by the items received");
        assert!(server.requests().iter().all(|r| r.param("Name").as_deref() == Some("n")), "a member defined by a YAML alias");

        // A number as the token: sent back as it came, the pages end without one.
        let server = TestServer::start(vec![
            Reply::json(200, &json!({"RequestId": "r", "NextMarker": 5, "List": items(&["a"])}).to_string()),
            Reply::json(200, &json!({"RequestId": "r", "List": items(&["b"])}).to_string()),
        ])
        .await;
        let all = client(&server.url)
            .list_by_number_token_paginator(ListByNumberTokenInput::builder().build().unwrap())
            .collect_items()
            .await
            .unwrap();
        assert_eq!(all.len(), 2);
        let markers: Vec<_> = server.requests().iter().map(|r| (aliyun_action(r), r.param("Marker"))).collect();
        assert_eq!(markers, [(Some("ListByNumberToken".into()), None), (Some("ListByNumberToken".into()), Some("5".into()))]);

        // An integer offset, a required page size, a total sent as text: two pages, no third.
        let server = TestServer::start(vec![
            Reply::json(200, &json!({"RequestId": "r", "TotalCount": "3", "List": items(&["a", "b"])}).to_string()),
            Reply::json(200, &json!({"RequestId": "r", "TotalCount": "3", "List": items(&["c"])}).to_string()),
        ])
        .await;
        let input = ListByIntegerOffsetInput::builder().max_results(2).build().unwrap();
        let all = client(&server.url).list_by_integer_offset_paginator(input).collect_items().await.unwrap();
        assert_eq!(all.len(), 3);
        let sent: Vec<_> = server.requests().iter().map(|r| (r.param("Marker"), r.param("MaxResults"))).collect();
        assert_eq!(sent, [(None, Some("2".into())), (Some("2".into()), Some("2".into()))]);
        assert!(ListByIntegerOffsetInput::builder().build().is_err(), "the page size is required");

        // Required lists sent as one JSON parameter and one comma-separated parameter.
        let server = answering(json!({"RequestId": "r"})).await;
        let input = StartItemsInput::builder().item_ids(vec!["a".into(), "b".into()]).tags(vec!["x".into(), "y".into()]).build().unwrap();
        client(&server.url).start_items(input).await.unwrap();
        let r = only_request(&server);
        assert_eq!(aliyun_action(&r).as_deref(), Some("StartItems"));
        assert_eq!((r.param("ItemIds").as_deref(), r.param("Tags").as_deref()), (Some(r#"["a","b"]"#), Some("x,y")));
        assert_eq!(r.param("Notes"), None, "an absent list is not sent");
        let err = StartItemsInput::builder().build().unwrap_err().to_string();
        assert!(err.contains("`item_ids` is required") && err.contains("`tags` is required"), "{err}");

        // Thirteen required members: every missing one named at once; all set, each sent.
        let err = CreateWideInput::builder().m01("a").m13(13).build().unwrap_err();
        assert_eq!(err.problems().len(), 11, "{err}");
        assert!(err.to_string().contains("`m12` is required") && !err.to_string().contains("`m13`"), "{err}");
        let wide = CreateWideInput::builder()
            .m01("1")
            .m02("2")
            .m03("3")
            .m04("4")
            .m05("5")
            .m06("6")
            .m07("7")
            .m08("8")
            .m09("9")
            .m10("10")
            .m11("11")
            .m12("12")
            .m13(13)
            .build()
            .unwrap();
        assert_eq!((wide.m01.as_str(), wide.m12.as_str(), wide.m13), ("1", "12", 13));
        let server = answering(json!({"RequestId": "r"})).await;
        client(&server.url).create_wide(wide).await.unwrap();
        let r = only_request(&server);
        let sent: Vec<_> = (1..=13).map(|i| r.param(&format!("M{i:02}")).unwrap_or_default()).collect();
        assert_eq!(sent, (1..=13).map(|i| i.to_string()).collect::<Vec<_>>());
        assert_eq!(r.param("Extra"), None);

        let server = answering(json!({"RequestId": "r", "Phase": "Pending", "Count": 7, "Items": {"Item": items(&["x"])}})).await;
        let out = client(&server.url).describe_item(DescribeItemInput::builder().id("i").build().unwrap()).await.unwrap();
        let r = only_request(&server);
        assert_eq!((aliyun_action(&r).as_deref(), r.param("Id").as_deref()), (Some("DescribeItem"), Some("i")));
        assert_eq!((out.phase, out.count), (Some(Phase::Pending), Some(7)));

        let server = TestServer::start(vec![Reply::json(404, r#"{"RequestId":"r","Code":"Item.NotFound","Message":"no"}"#)]).await;
        let err = client(&server.url).describe_item(DescribeItemInput::builder().id("i").build().unwrap()).await.unwrap_err();
        assert_eq!(ErrorCode::of(&err), Some(ErrorCode::ItemNotFound));
    }

    #[tokio::test]
    async fn waiters_poll_until_their_state() {
        let answer = |phase: &str, count: i32| Reply::json(200, &json!({"RequestId": "r", "Phase": phase, "Count": count}).to_string());
        let server = TestServer::start(vec![answer("Pending", 1), answer("Ready", 1)]).await;
        let input = DescribeItemInput::builder().id("i").build().unwrap();
        let out = client(&server.url).wait_until_item_ready_with(input.clone(), fast_waiter()).await.unwrap();
        assert_eq!(out.phase, Some(Phase::Ready));
        assert_eq!(server.requests().len(), 2);

        let server = TestServer::start(vec![answer("Failed", 1)]).await;
        let err = client(&server.url).wait_until_item_ready_with(input.clone(), fast_waiter()).await.unwrap_err();
        assert!(err.to_string().contains("Failed"), "{err}");

        let server = TestServer::start(vec![answer("Pending", 1)]).await;
        client(&server.url).wait_until_all_ready_with(input.clone(), fast_waiter()).await.expect("no items at all is success");

        let server = TestServer::start(vec![answer("Pending", 3), answer("Pending", 7)]).await;
        let out = client(&server.url).wait_until_count_seven_with(input, fast_waiter()).await.unwrap();
        assert_eq!(out.count, Some(7));
    }
}

#[test]
fn the_generator_nests_required_members_at_the_runtimes_tuple_size() {
    // Written twice (the emitter names it, the runtime implements it): they must agree, or
    // crates with more required members than that stop compiling.
    assert_eq!(yun_codegen::emit::runtime_types::REQUIRED_TUPLE_MAX, yun_runtime::operation::check::REQUIRED_TUPLE_MAX);
}
