//! The server codecs against the clients, for every operation of every generated crate
//! (issue 18, item 2): an arbitrary input the client encodes and signs decodes on the server
//! side into the same input; an arbitrary output the server answers decodes in the client into
//! the same output. Table-driven: each crate's `server::OperationInput` lists its operations,
//! so a new operation is covered with no new test code, a new crate with one line of
//! `yun_tests::for_each_server_crate!`.
//!
//! Values come from `yun_runtime::server::arbitrary` (seeded: proptest draws the seed, and a
//! failure names the crate, the operation and the seed).

use proptest::prelude::*;
use yun_runtime::server::{input_round_trip, output_round_trip, output_round_trip_xml, Dispatch};

/// Runs `check` for every operation of `D` with `seed`, collecting the failures.
fn every_operation<D: Dispatch>(krate: &str, seed: u64, check: fn(usize, u64) -> Result<(), String>, failures: &mut Vec<String>) {
    for index in 0..D::actions().len() {
        if let Err(e) = check(index, seed) {
            failures.push(format!("{krate} seed {seed}: {e}"));
        }
    }
}

macro_rules! every_crate {
    ($seed:expr, $round_trip:ident, $failures:expr, [$($krate:ident),* $(,)?]) => {$(
        every_operation::<$krate::server::OperationInput>(stringify!($krate), $seed, $round_trip::<$krate::server::OperationInput>, $failures);
    )*};
}

fn run(seed: u64, inputs: bool) -> Vec<String> {
    let mut failures = Vec::new();
    if inputs {
        yun_tests::for_each_server_crate!(every_crate!(seed, input_round_trip, &mut failures,));
    } else {
        yun_tests::for_each_server_crate!(every_crate!(seed, output_round_trip, &mut failures,));
        // Kingsoft's services also answer XML.
        every_crate!(seed, output_round_trip_xml, &mut failures, [yun_ksyun_kec, yun_ksyun_vpc, yun_ksyun_sks, yun_ksyun_cloud_market]);
    }
    failures
}

/// The fixture crates (the valid hostile specs: recursive and boxed structures, names that
/// nearly collide, keywords, every type), whose types the real specs do not have: the same
/// round trips, inputs and outputs.
fn run_fixtures(seed: u64) -> Vec<String> {
    let mut failures = Vec::new();
    macro_rules! fixtures {
        ($round_trip:ident) => {
            every_crate!(
                seed,
                $round_trip,
                &mut failures,
                [yun_fixture_every_type, yun_fixture_keywords, yun_fixture_near_collisions, yun_fixture_paged, yun_fixture_recursive]
            );
        };
    }
    fixtures!(input_round_trip);
    fixtures!(output_round_trip);
    failures
}

#[test]
fn the_table_covers_every_operation() {
    macro_rules! operations {
        ([$($krate:ident),* $(,)?]) => { 0 $(+ <$krate::server::OperationInput as Dispatch>::actions().len())* };
    }
    let total: usize = yun_tests::for_each_server_crate!(operations!());
    assert!(total > 100, "{total}");
}

/// Each crate's operations by index are its spec's, in the spec's order, each named by its
/// wire action (the spec's `action`, else its key): what `Dispatch::action` reads from the
/// inputs' `Operation::ACTION` through the one index list; `Dispatch::index_of` finds each at
/// its index, and nothing past the end or for an action the spec lacks.
#[test]
fn operations_are_the_specs_by_index_and_action() {
    fn check<D: Dispatch>(krate: &str) {
        let name = krate.trim_start_matches("yun_").replace('_', "-");
        let file = match name.strip_prefix("fixture-") {
            Some(fixture) => yun_tests::workspace_root().join("tests/fixtures/specs/valid").join(format!("{fixture}.yaml")),
            None => yun_tests::workspace_root().join("specs").join(format!("{name}.yaml")),
        };
        let loaded = yun_codegen::load::load_file(&file).unwrap_or_else(|d| panic!("{d}"));
        let actions: Vec<String> =
            loaded.spec.operations.iter().map(|(key, op)| op.action.clone().unwrap_or_else(|| key.clone())).collect();
        assert_eq!(D::actions(), actions, "{krate}");
        for (index, action) in actions.iter().enumerate() {
            assert_eq!(D::index_of(action), Some(index), "{krate} {action}");
        }
        assert_eq!((D::action(actions.len()), D::index_of("NoSuchAction")), (None, None), "{krate}");
    }
    macro_rules! every {
        ([$($krate:ident),* $(,)?]) => {$(
            check::<$krate::server::OperationInput>(stringify!($krate));
        )*};
    }
    yun_tests::for_each_server_crate!(every!());
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 64, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn inputs_sent_by_the_clients_decode_into_the_same_input(seed in any::<u64>()) {
        let failures = run(seed, true);
        prop_assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.iter().take(6).cloned().collect::<Vec<_>>().join("\n\n"));
    }

    #[test]
    fn fixture_crates_round_trip_their_inputs_and_outputs(seed in any::<u64>()) {
        let failures = run_fixtures(seed);
        prop_assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.iter().take(6).cloned().collect::<Vec<_>>().join("\n\n"));
    }

    #[test]
    fn outputs_answered_by_the_server_decode_into_the_same_output(seed in any::<u64>()) {
        let failures = run(seed, false);
        prop_assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.iter().take(6).cloned().collect::<Vec<_>>().join("\n\n"));
    }
}

/// More seeds than CI runs, on demand: `YUN_ROUND_TRIP_SEEDS=2000 cargo test -p yun-tests --test
/// server_round_trip many_seeds -- --ignored` (seeds from 0; prints every failure).
#[test]
#[ignore]
fn many_seeds() {
    let seeds: u64 = std::env::var("YUN_ROUND_TRIP_SEEDS").ok().and_then(|s| s.parse().ok()).unwrap_or(500);
    let mut failures = Vec::new();
    for seed in 0..seeds {
        failures.extend(run(seed, true));
        failures.extend(run(seed, false));
        failures.extend(run_fixtures(seed));
    }
    for f in &failures {
        eprintln!("{}\n", f.chars().take(1500).collect::<String>());
    }
    assert!(failures.is_empty(), "{} failures", failures.len());
}

/// The round trip's signature check is not vacuous: a request changed after signing, or signed
/// with another token, does not verify.
#[test]
fn a_request_changed_after_signing_does_not_verify() {
    use yun_runtime::client::send::Wire as _;
    use yun_runtime::server::arbitrary::{Gen, Wire};
    use yun_runtime::server::{Request, ServerProtocol};
    fn tampered<D: Dispatch>(seed: u64) -> Result<bool, yun_runtime::server::verify::SignatureMismatch> {
        let input = D::arbitrary(0, &mut Gen::new(seed, Wire::Flat)).unwrap();
        let client = D::Protocol::test_client(D::SERVICE, seed).unwrap();
        let mut sent = client.authorize(&input.encoded(), &D::Protocol::test_key());
        assert!(D::Protocol::verify_test_signature(D::SERVICE, &Request::from_http(&sent)).unwrap(), "the request as sent verifies");
        sent.url.push_str(if sent.url.contains('?') { "&Tampered=1" } else { "?Tampered=1" });
        D::Protocol::verify_test_signature(D::SERVICE, &Request::from_http(&sent))
    }
    for seed in 0..4 {
        // Both Aliyun signatures (ACS3, HMAC-SHA1), Kingsoft's in the header and the query.
        assert!(tampered::<yun_aliyun_swas::server::OperationInput>(seed).is_err(), "{seed}");
        assert!(tampered::<yun_ksyun_kec::server::OperationInput>(seed).is_err(), "{seed}");
    }
    assert!(tampered::<yun_jdcloud_vm::server::OperationInput>(0).is_err());
    let other = Request::new("GET", "https://x/v1/servers", vec![("authorization".into(), "Bearer other".into())], vec![]);
    assert!(yun_runtime::server::inspur::Inspur::verify_test_signature(&yun_inspur_ecs::SERVICE, &other).is_err());
}

/// A request written by hand as the Aliyun document describes one (not by yun's client)
/// decodes into the input it spells: flattened `Tag.1.Key`, a JSON-array parameter, an enum.
#[test]
fn a_hand_written_request_decodes_into_its_input() {
    use yun_aliyun_swas::server::OperationInput;
    use yun_aliyun_swas::types::InstanceStatus;
    use yun_runtime::server::Request;
    let url = "https://swas.cn-hangzhou.aliyuncs.com/?Action=ListInstances&RegionId=cn-hangzhou&Status=Running\
               &InstanceIds=%5B%22i-1%22%2C%22i-2%22%5D&Tag.1.Key=env&Tag.1.Value=prod&Tag.2.Key=team&PageSize=20";
    let OperationInput::ListInstances(input) = OperationInput::decode(&Request::new("POST", url, vec![], vec![])).unwrap() else {
        panic!("another operation")
    };
    assert_eq!(input.region_id, "cn-hangzhou");
    assert_eq!(input.status, Some(InstanceStatus::Running));
    assert_eq!(input.instance_ids.as_deref(), Some(&["i-1".to_owned(), "i-2".to_owned()][..]));
    let tags = input.tag.unwrap();
    assert_eq!(
        (tags.len(), tags[0].value.as_deref(), tags[1].key.as_deref(), tags[1].value.as_deref()),
        (2, Some("prod"), Some("team"), None)
    );
    assert_eq!(input.page_size, Some(20));
    // The same members in a form body, the action in the ACS3 header.
    let form = Request::new(
        "POST",
        "/",
        vec![("content-type".into(), "application/x-www-form-urlencoded".into()), ("x-acs-action".into(), "ListInstances".into())],
        b"RegionId=cn-beijing&PageSize=x".to_vec(),
    );
    let e = OperationInput::decode(&form).unwrap_err();
    assert_eq!((e.kind, e.parameter.as_deref()), (yun_runtime::server::RejectionKind::InvalidParameter, Some("PageSize")));
}
