//! Bad input through the emulator's whole request path (issue 19, "Bad input"), in process
//! ([`yun_emulator::Emulator::answer`], [`yun_emulator::Emulator::serve_io`]) and over sockets:
//! arbitrary and malformed requests get the provider's error envelope, never a panic or a
//! hang; inputs are checked at every depth and against the `one_of` and `at_least_one_of` groups; connections that
//! send nothing are closed; the reviewer's nits (413 codes, `HostId`, readable bounds, admin
//! validation, fast-forward overflow, port range, `--help`, a `..` path member).

use std::time::Duration;

use proptest::prelude::*;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use yun_emulator::requests::{self, set_param};
use yun_emulator::{Config, Emulator};
use yun_runtime::client::http::{HttpRequest, HttpResponse};
use yun_runtime::client::send::Encoded;
use yun_runtime::operation::params::Params;
use yun_runtime::server::Dispatch;

fn emulator() -> Emulator {
    Emulator::in_process(Config::default()).unwrap()
}

/// One in-process emulator for the property tests (loading the eleven specs takes a while in a
/// debug build), with a short idle timeout for the raw exchanges.
fn shared() -> &'static Emulator {
    static SHARED: std::sync::OnceLock<Emulator> = std::sync::OnceLock::new();
    SHARED.get_or_init(|| Emulator::in_process(Config::default().idle_timeout(Duration::from_millis(50))).unwrap())
}

fn body(answer: &HttpResponse) -> serde_json::Value {
    serde_json::from_slice(&answer.body).unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&answer.body)))
}

/// The provider's error code in `answer`, its envelope checked ([`requests::error_code`]).
fn error_code(service: &str, answer: &HttpResponse) -> String {
    requests::error_code(service, answer).unwrap_or_else(|e| panic!("{e}"))
}

/// A request for operation `input` signed with the protocol's test key after `edit` changed
/// what is sent (a value its builder would refuse).
fn signed<D: Dispatch>(input: &D, edit: impl FnOnce(&mut Encoded)) -> HttpRequest {
    requests::signed(input, 0, edit).expect("a signed request")
}

/// `request` as the emulator's `service` receives it.
fn send(emulator: &Emulator, service: &str, request: HttpRequest) -> HttpResponse {
    let headers = request.headers.into_iter().map(|(name, value)| (name.into_owned(), value)).collect();
    emulator.answer(service, &request.method, &request.url, headers, request.body).unwrap()
}

/// `input` signed with `params` set on the wire (a value its builder would refuse), as KEC
/// receives it.
fn kec_with<D: Dispatch>(emulator: &Emulator, input: &D, params: &[(&str, &str)]) -> HttpResponse {
    send(emulator, "ksyun-kec", signed(input, |e| params.iter().for_each(|(k, v)| set_param(e, k, v))))
}

/// The message of a KEC error answer.
fn kec_message(answer: &HttpResponse) -> String {
    assert_eq!(error_code("ksyun-kec", answer), "InvalidParameterValue", "{}", body(answer));
    body(answer)["Error"]["Message"].as_str().unwrap_or_default().to_owned()
}

#[test]
fn nested_members_are_checked_at_every_depth() {
    let emulator = emulator();
    let run = requests::kec_run_instances();
    let disk = [("DataDisk.1.Type", "SSD3.0"), ("DataDisk.1.Size", "100")];
    // DataDisk.N.Size: "10~16000" (the spec's range on the structure's member).
    let ok = kec_with(&emulator, &run, &disk);
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    let message = kec_message(&kec_with(&emulator, &run, &[disk[0], disk[1], ("DataDisk.2.Size", "99999")]));
    // Named as sent, with readable bounds (not `Some(10)..=Some(16000)`).
    assert!(message.contains("DataDisk.2.Size") && message.contains("10..=16000") && !message.contains("Some("), "{message}");
    // An enum inside a structure: SystemDisk.DiskType.
    assert!(kec_message(&kec_with(&emulator, &run, &[("SystemDisk.DiskType", "Floppy")])).contains("SystemDisk.DiskType"));
    // A lower bound alone reads "at least".
    use yun_ksyun_kec::server::OperationInput as Kec;
    let describe = Kec::DescribeInstances(yun_ksyun_kec::operation::DescribeInstancesInput::builder().build().unwrap());
    let message = kec_message(&kec_with(&emulator, &describe, &[("MaxResults", "2")]));
    assert!(message.contains("at least 5") && !message.contains("Some("), "{message}");
}

/// Indexed lists through the whole request path, by the one rule the server reads them with
/// (`yun_runtime::server`): an item past a gap, and an item with no first item before it, are
/// refused by name in the provider's envelope, inside a list's structure too; never dropped.
#[test]
fn list_items_past_a_gap_or_without_a_first_item_are_refused_by_name() {
    let emulator = emulator();
    let run = requests::kec_run_instances();
    let gap = [("DataDisk.1.Type", "SSD3.0"), ("DataDisk.1.Size", "100"), ("DataDisk.3.Type", "SSD3.0"), ("DataDisk.3.Size", "100")];
    let nested = [
        ("NetworkInterface.1.SubnetId", "d91f7510-2b59-4600-bc26-9c34c1b38493"),
        ("NetworkInterface.1.SecurityGroupId.1", "sg-1"),
        ("NetworkInterface.1.SecurityGroupId.3", "sg-3"),
    ];
    // A lone second disk: its first item left out.
    let lone = [("DataDisk.2.Size", "99999")];
    for (params, named) in [(&gap[..], "DataDisk.3"), (&nested[..], "NetworkInterface.1.SecurityGroupId.3"), (&lone[..], "DataDisk.2")] {
        let message = kec_message(&kec_with(&emulator, &run, params));
        assert!(message.contains(named), "{named}: {message}");
    }
    // A required list (StopInstances' InstanceId.N) sent so: the same.
    use yun_ksyun_kec::server::OperationInput as Kec;
    let stop =
        Kec::StopInstances(yun_ksyun_kec::operation::StopInstancesInput::builder().instance_id(vec!["i-1".to_owned()]).build().unwrap());
    let missing = send(
        &emulator,
        "ksyun-kec",
        signed(&stop, |e| {
            // Every parameter moved into the form body, the list's first item left out.
            set_param(e, "InstanceId.2", "i-2");
            e.body = e.body.pairs().iter().filter(|(k, _)| k != "InstanceId.1").cloned().collect();
        }),
    );
    assert!(kec_message(&missing).contains("InstanceId.2"), "{}", body(&missing));
}

#[test]
fn exclusive_groups_are_checked_as_build_checks_them() {
    use yun_ksyun_kec::server::OperationInput as Kec;
    let emulator = emulator();
    let instance = "8f12ad9e-ae9a-44b9-95f3-c4e65ce582e2";
    let subnet = "d91f7510-2b59-4600-bc26-9c34c1b38493";
    let attach = Kec::AttachNetworkInterface(
        yun_ksyun_kec::operation::AttachNetworkInterfaceInput::builder()
            .instance_id(instance)
            .network_interface_id(subnet)
            .build()
            .unwrap(),
    );
    let ok = send(&emulator, "ksyun-kec", signed(&attach, |_| {}));
    assert_eq!(ok.status, 200, "{}", String::from_utf8_lossy(&ok.body));
    // Both forms at once (the document, 003:5433: "不可同时指定").
    let both = kec_message(&kec_with(&emulator, &attach, &[("SubnetId", subnet)]));
    assert!(both.contains("cannot be sent together"), "{both}");
    // Neither.
    let neither = send(
        &emulator,
        "ksyun-kec",
        signed(&attach, |e| {
            let pairs: Vec<_> = e.body.pairs().iter().chain(e.query.pairs()).filter(|(k, _)| k != "NetworkInterfaceId").cloned().collect();
            e.body = Params::new();
            e.query = Params::new();
            for (k, v) in pairs {
                e.body.push(k, v);
            }
        }),
    );
    assert!(body(&neither)["Error"]["Message"].as_str().unwrap().contains("is required"), "{}", body(&neither));
    // Half of the second group.
    let half = kec_with(&emulator, &attach, &[("NetworkInterfaceId", ""), ("SubnetId", subnet)]);
    assert!(body(&half)["Error"]["Message"].as_str().unwrap().contains("`SecurityGroupId` is required"), "{}", body(&half));
}

#[test]
fn at_least_one_of_groups_are_checked_as_build_checks_them() {
    use yun_aliyun_vpc::server::OperationInput as Vpc;
    let emulator = emulator();
    // The SDK's DescribeVSwitchesRequest: "Specify at least one of the RegionId and VpcId parameters".
    for (region, vpc) in [(Some("cn-hangzhou"), None), (None, Some("vpc-bp1opxu1zkhn00gzv26cq")), (Some("cn-hangzhou"), Some("vpc-1"))] {
        let input = yun_aliyun_vpc::operation::DescribeVSwitchesInput::builder().set_region_id(region.map(str::to_owned));
        let input = input.set_vpc_id(vpc.map(str::to_owned)).build().unwrap();
        let ok = send(&emulator, "aliyun-vpc", signed(&Vpc::DescribeVSwitches(input), |_| {}));
        assert_eq!(ok.status, 200, "{region:?} {vpc:?}: {}", String::from_utf8_lossy(&ok.body));
    }
    let err = yun_aliyun_vpc::operation::DescribeVSwitchesInput::builder().build().unwrap_err().to_string();
    assert!(err.contains("set at least one of `region_id`, `vpc_id`"), "{err}");
    // Neither, past the builder: the VPC sent empty.
    let vpc_only = yun_aliyun_vpc::operation::DescribeVSwitchesInput::builder().vpc_id("vpc-1").build().unwrap();
    let neither = send(&emulator, "aliyun-vpc", signed(&Vpc::DescribeVSwitches(vpc_only), |e| set_param(e, "VpcId", "")));
    assert_eq!(error_code("aliyun-vpc", &neither), "InvalidParameter");
    assert_eq!(body(&neither)["Message"], "at least one of RegionId, VpcId is required", "{}", body(&neither));
}

#[test]
fn a_path_member_that_cannot_stand_in_a_path_is_refused() {
    use yun_jdcloud_vm::server::OperationInput as Vm;
    let emulator = emulator();
    let describe =
        Vm::DescribeInstances(yun_jdcloud_vm::operation::DescribeInstancesInput::builder().region_id("cn-north-1").build().unwrap());
    let fine = send(&emulator, "jdcloud-vm", signed(&describe, |_| {}));
    assert_eq!(fine.status, 200, "{}", String::from_utf8_lossy(&fine.body));
    for bad in ["..", "."] {
        let answer =
            send(&emulator, "jdcloud-vm", signed(&describe, |e| requests::Edit::Path("regionId".to_owned(), bad.to_owned()).apply(e)));
        assert_eq!(error_code("jdcloud-vm", &answer), "INVALID_ARGUMENT", "{bad}");
        assert_eq!(answer.status, 400);
    }
}

#[test]
fn an_oversized_body_gets_each_providers_parameter_code_with_413() {
    let emulator = emulator();
    let huge = vec![b'a'; yun_runtime::server::MAX_BODY + 1];
    let expected = |service: &str| match service.split('-').next().unwrap() {
        "aliyun" => "InvalidParameter",
        "ksyun" => "InvalidParameterValue",
        "jdcloud" => "INVALID_ARGUMENT",
        _ => "400",
    };
    for service in emulator.service_names() {
        let answer = emulator.answer(service, "POST", "/", vec![("host".into(), "h".into())], huge.clone()).unwrap();
        assert_eq!(answer.status, 413, "{service}");
        assert_eq!(error_code(service, &answer), expected(service), "{service}");
    }
}

#[test]
fn aliyun_errors_name_the_host_called() {
    use yun_aliyun_ecs::server::OperationInput as Ecs;
    let emulator = emulator();
    let host = |answer: &HttpResponse| body(answer)["HostId"].as_str().unwrap().to_owned();
    // A refusal of the runtime's codecs (an unknown action) and one of the emulator's checks.
    let unknown = emulator.answer("aliyun-ecs", "GET", "http://ecs-cn-hangzhou.aliyuncs.com/?Action=Nothing", vec![], vec![]).unwrap();
    assert_eq!(host(&unknown), "ecs-cn-hangzhou.aliyuncs.com");
    let describe =
        Ecs::DescribeInstances(yun_aliyun_ecs::operation::DescribeInstancesInput::builder().region_id("cn-hangzhou").build().unwrap());
    let request = signed(&describe, |e| set_param(e, "InstanceChargeType", "Barter"));
    let url = request.url.clone();
    let refused = send(&emulator, "aliyun-ecs", request);
    assert!(refused.status >= 400, "{}", String::from_utf8_lossy(&refused.body));
    let called = url.split("://").nth(1).unwrap().split('/').next().unwrap();
    assert_eq!(host(&refused), called);
}

fn admin(emulator: &Emulator, method: &str, target: &str, body: &str) -> (u16, serde_json::Value) {
    let answer = emulator.answer("admin", method, target, vec![], body.as_bytes().to_vec()).unwrap();
    (answer.status, serde_json::from_slice(&answer.body).unwrap_or_default())
}

#[test]
fn the_admin_endpoint_refuses_faults_that_could_never_apply() {
    let emulator = emulator();
    let fault = |service: &str, action: &str, fault: serde_json::Value, times: u32| {
        serde_json::json!({"service": service, "action": action, "fault": fault, "times": times}).to_string()
    };
    let throttle = serde_json::json!({"kind": "throttle", "wait_ms": 10});
    let cases = [
        ("{not json".to_owned(), "not an injection"),
        (fault("nowhere", "DescribeInstances", throttle.clone(), 1), "no service `nowhere`"),
        (fault("ksyun-kec", "Nothing", throttle.clone(), 1), "no action `Nothing`"),
        (fault("ksyun-kec", "DescribeInstances", throttle.clone(), 0), "`times` is 0"),
        (fault("ksyun-kec", "DescribeInstances", serde_json::json!({"kind": "server_error", "status": 200}), 1), "500..=599"),
        (fault("ksyun-kec", "DescribeInstances", serde_json::json!({"kind": "explode"}), 1), "not an injection"),
    ];
    for (body, says) in cases {
        let (status, answer) = admin(&emulator, "POST", "/faults", &body);
        assert_eq!(status, 400, "{body}");
        assert!(answer["error"].as_str().unwrap().contains(says), "{body}: {answer}");
    }
    assert_eq!(admin(&emulator, "POST", "/faults", &fault("ksyun-kec", "DescribeInstances", throttle, 1)).0, 200);
}

#[test]
fn fast_forwarding_by_the_largest_amounts_saturates() {
    use yun_ksyun_kec::server::OperationInput as Kec;
    let emulator = emulator();
    assert_eq!(send(&emulator, "ksyun-kec", signed(&requests::kec_run_instances(), |_| {})).status, 200);
    for _ in 0..3 {
        assert_eq!(admin(&emulator, "POST", "/fast-forward?seconds=18446744073709551615", "").0, 200);
        emulator.fast_forward(Duration::MAX);
    }
    assert_eq!(admin(&emulator, "POST", "/fast-forward?seconds=18446744073709551616", "").0, 400);
    let describe = Kec::DescribeInstances(yun_ksyun_kec::operation::DescribeInstancesInput::builder().build().unwrap());
    let answer = send(&emulator, "ksyun-kec", signed(&describe, |_| {}));
    assert_eq!(answer.status, 200);
    // The new instance finished building long ago.
    let states: Vec<String> =
        body(&answer)["InstancesSet"].as_array().unwrap().iter().map(|i| i["InstanceState"]["Name"].as_str().unwrap().to_owned()).collect();
    assert!(states.iter().all(|s| s != "building"), "{states:?}");
    assert_eq!(emulator.state_json()["offset_ms"].as_u64(), Some(u64::MAX));
}

#[tokio::test]
async fn a_base_port_whose_last_port_passes_65535_is_refused() {
    let err = yun_emulator::spawn_on(Config::default(), Some(65_530)).await.unwrap_err();
    assert!(err.contains("pass 65535"), "{err}");
    // Base 0: every port picked by the system (it bound port 1, 2, … before).
    let emulator = yun_emulator::spawn_on(Config::default(), Some(0)).await.unwrap();
    let ports: std::collections::BTreeSet<u16> =
        emulator.endpoints.services().iter().map(|(_, url)| yun_emulator::socket_addr(url).unwrap().port()).collect();
    assert!(ports.iter().all(|&p| p > 1024) && ports.len() == 11, "{ports:?}");
}

#[test]
fn help_prints_the_usage_and_succeeds() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_yun-emulator")).arg("--help").output().unwrap();
    assert!(out.status.success(), "{:?}", out.status);
    assert!(String::from_utf8_lossy(&out.stdout).contains("usage: yun-emulator"));
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_yun-emulator")).arg("--nothing").output().unwrap();
    assert_eq!(bad.status.code(), Some(2));
}

/// Reads until the server closes the connection; the bytes read.
async fn until_closed(stream: &mut tokio::net::TcpStream) -> Vec<u8> {
    let mut all = Vec::new();
    let mut buf = [0u8; 4096];
    loop {
        match stream.read(&mut buf).await {
            Ok(0) | Err(_) => return all,
            Ok(n) => all.extend_from_slice(&buf[..n]),
        }
    }
}

#[tokio::test]
async fn idle_connections_are_closed() {
    let emulator = yun_emulator::spawn_with(Config::default().idle_timeout(Duration::from_millis(300))).await.unwrap();
    let addr = yun_emulator::socket_addr(&emulator.endpoints.ksyun_kec).unwrap();
    let limit = Duration::from_secs(5);
    // Nothing sent; half a head; a head and half its body.
    for sent in ["", "POST / HTTP/1.1\r\nHost: x\r\n", "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\nAction="] {
        let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
        stream.write_all(sent.as_bytes()).await.unwrap();
        let started = std::time::Instant::now();
        let answered = tokio::time::timeout(limit, until_closed(&mut stream)).await;
        assert!(answered.is_ok(), "{sent:?}: still open after {limit:?}");
        assert!(started.elapsed() >= Duration::from_millis(250), "{sent:?}: closed before the timeout");
    }
    // A kept-alive connection idle after an answer is closed too.
    let mut stream = tokio::net::TcpStream::connect(addr).await.unwrap();
    stream.write_all(b"GET /?Action=DescribeInstances HTTP/1.1\r\nHost: x\r\n\r\n").await.unwrap();
    let answered = tokio::time::timeout(limit, until_closed(&mut stream)).await.expect("closed after the idle time");
    assert!(answered.starts_with(b"HTTP/1.1 4"), "{}", String::from_utf8_lossy(&answered));
    // The same in process, over a stream with no socket.
    let (client, server) = tokio::io::duplex(4096);
    let in_process = Emulator::in_process(Config::default().idle_timeout(Duration::from_millis(200))).unwrap();
    drop(client);
    tokio::time::timeout(limit, in_process.serve_io("ksyun-kec", server)).await.unwrap();
    let (_client, server) = tokio::io::duplex(4096);
    tokio::time::timeout(limit, in_process.serve_io("ksyun-kec", server)).await.expect("an idle stream is closed");
}

fn runtime() -> tokio::runtime::Runtime {
    tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap()
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("/".to_owned()),
        Just("?".to_owned()),
        Just("&".to_owned()),
        Just("=".to_owned()),
        Just("%".to_owned()),
        Just("%zz".to_owned()),
        Just("%2F".to_owned()),
        Just("Action=".to_owned()),
        Just("DescribeInstances".to_owned()),
        Just("RunInstances".to_owned()),
        Just("InstanceId.1=".to_owned()),
        Just("DataDisk.1.Size=".to_owned()),
        Just("v1/regions/".to_owned()),
        Just("..".to_owned()),
        Just("instances".to_owned()),
        Just(":stop".to_owned()),
        Just("servers".to_owned()),
        "[ -~]{0,8}",
        "\\PC{0,4}",
    ]
}

fn header() -> impl Strategy<Value = (String, String)> {
    let names = prop_oneof![
        Just("content-type"),
        Just("authorization"),
        Just("x-acs-date"),
        Just("x-amz-date"),
        Just("x-jdcloud-date"),
        Just("accept"),
        Just("host"),
    ];
    let values = prop_oneof![
        Just("application/json".to_owned()),
        Just("application/x-www-form-urlencoded".to_owned()),
        Just("ACS3-HMAC-SHA256 Credential=LTAI5tServerCodecTest,SignedHeaders=host,Signature=00".to_owned()),
        Just(
            "AWS4-HMAC-SHA256 Credential=AKLTServerCodecTest/20261130/cn-beijing-6/kec/aws4_request, SignedHeaders=host, Signature=00"
                .to_owned()
        ),
        Just(
            "JDCLOUD3-HMAC-SHA256 Credential=JDCServerCodecTest/20261130/cn-north-1/vm/jdcloud3_request, SignedHeaders=host, Signature=00"
                .to_owned()
        ),
        Just("Bearer server-codec-test-token".to_owned()),
        Just("20261130T100000Z".to_owned()),
        "[ -~]{0,40}",
    ];
    (names.prop_map(str::to_owned), values)
}

fn request() -> impl Strategy<Value = (String, String, Vec<(String, String)>, Vec<u8>)> {
    (
        prop_oneof![Just("GET"), Just("POST"), Just("PUT"), Just("DELETE"), Just("PATCH"), Just("HEAD"), Just("X")],
        proptest::collection::vec(piece(), 0..12),
        proptest::collection::vec(header(), 0..5),
        prop_oneof![proptest::collection::vec(any::<u8>(), 0..64), "\\PC{0,64}".prop_map(String::into_bytes)],
    )
        .prop_map(|(method, pieces, headers, body)| (method.to_owned(), format!("/{}", pieces.concat()), headers, body))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    /// Arbitrary requests to every service: an error in the provider's envelope, never a
    /// panic (the Inspur bearer token is a valid one, so Inspur's decoders and state are
    /// reached too).
    #[test]
    fn arbitrary_requests_get_the_providers_error_envelope((method, target, headers, body) in request()) {
        let emulator = shared();
        for service in emulator.service_names() {
            let answer = emulator.answer(service, &method, &target, headers.clone(), body.clone()).unwrap();
            if answer.status < 400 {
                // Only Inspur's accepted token can reach an answer: a valid one.
                prop_assert!(service == "inspur-ecs", "{service} answered {} to {method} {target}", answer.status);
                continue;
            }
            error_code(service, &answer);
        }
    }

    /// Correctly signed requests of every operation of every service whose members were given
    /// arbitrary text on the wire: an output or the provider's error, never a panic.
    #[test]
    fn signed_requests_with_arbitrary_values_are_answered(op in 0usize..200, seed in any::<u64>(), key in "[A-Za-z.0-9]{1,24}", value in "\\PC{0,24}") {
        let emulator = shared();
        fn one<D: Dispatch>(emulator: &Emulator, service: &str, op: usize, seed: u64, key: &str, value: &str) {
            let Some(input) = requests::arbitrary::<D>(op, seed) else { return };
            if input.encoded().anonymous {
                return;
            }
            let answer = send(emulator, service, signed(&input, |e| {
                let edit = if e.json.is_some() {
                    requests::Edit::Json(key.to_owned(), serde_json::Value::String(value.to_owned()))
                } else {
                    requests::Edit::Param(key.to_owned(), value.to_owned())
                };
                edit.apply(e);
            }));
            if answer.status >= 400 {
                error_code(service, &answer);
            }
        }
        macro_rules! every {
            ($(($name:literal, $provider:ident, $krate:ident, $($rest:tt)*),)*) => {$(
                one::<$krate::server::OperationInput>(emulator, $name, op, seed, &key, &value);
            )*};
        }
        yun_emulator::for_each_service!(every);
    }

    /// Any bytes as raw HTTP/1.1 through hyper to a service, in process: the connection ends
    /// (no hang) with nothing or an answer.
    #[test]
    fn raw_bytes_over_http_end_with_an_answer_or_nothing(head in "(GET|POST|PUT) /\\PC{0,40} HTTP/1\\.[01]\r\n", lines in proptest::collection::vec("[A-Za-z-]{1,12}: [ -~]{0,30}\r\n", 0..4), rest in proptest::collection::vec(any::<u8>(), 0..80)) {
        let emulator = shared();
        let mut bytes = head.into_bytes();
        for l in lines {
            bytes.extend_from_slice(l.as_bytes());
        }
        bytes.extend_from_slice(b"\r\n");
        bytes.extend_from_slice(&rest);
        let answer = runtime().block_on(async {
            tokio::time::timeout(Duration::from_secs(10), requests::raw_exchange(emulator, "aliyun-ecs", &bytes)).await
        });
        let answer = answer.expect("the exchange ends");
        prop_assert!(answer.is_empty() || answer.starts_with(b"HTTP/1."), "{}", String::from_utf8_lossy(&answer));
    }
}

/// The README's crate table names every STS operation (it listed two of the three).
#[test]
fn the_readme_lists_every_sts_operation() {
    let readme = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../README.md")).unwrap();
    let row = readme.lines().find(|l| l.starts_with("| `generated/aliyun-sts`")).expect("the STS row");
    let spec =
        yun_codegen::load::load_str(std::path::Path::new("specs/aliyun-sts.yaml"), include_str!("../../specs/aliyun-sts.yaml").to_owned())
            .unwrap();
    let operations: Vec<&String> = spec.spec.operations.keys().collect();
    assert_eq!(operations.len(), 3);
    for op in operations {
        assert!(row.contains(op.as_str()), "{op} is missing from: {row}");
    }
}
