//! Hostile input never panics: property tests over the spec loader (Aliyun, Ksyun and JD
//! Cloud specs) and every response decoder (Aliyun JSON, Ksyun JSON and XML, the JD Cloud
//! `{requestId, result, error}` envelope, the lenient decoder) with arbitrary and
//! near-valid input; every decoder sees every protocol's samples. Each property runs 256
//! cases in CI; raise `PROPTEST_CASES` to dig.

use proptest::prelude::*;
use yun_runtime::client::http::HttpResponse;

fn response(status: u16, body: Vec<u8>, xml: bool) -> HttpResponse {
    let headers = if xml { vec![("content-type".to_owned(), "text/xml".to_owned())] } else { vec![] };
    HttpResponse { status, headers, body: body.into() }
}

/// Strings that look like the real thing: fragments of valid documents, cut and spliced.
fn near_valid(samples: &'static [&'static str]) -> impl Strategy<Value = String> {
    (0..samples.len(), any::<usize>(), any::<usize>(), "[\\PC]{0,12}").prop_map(move |(i, a, b, junk)| {
        let s = samples[i];
        let cut = a % (s.len() + 1);
        let cut = (0..=cut).rev().find(|c| s.is_char_boundary(*c)).unwrap_or(0);
        let rest = b % (s.len() - cut + 1) + cut;
        let rest = (rest..=s.len()).find(|c| s.is_char_boundary(*c)).unwrap_or(s.len());
        format!("{}{junk}{}", &s[..cut], &s[rest..])
    })
}

/// JD Cloud: a result with nested instances, an error envelope, a null result.
const JD_OK: &str = r#"{"requestId":"r","result":{"totalCount":1,"instances":[{"instanceId":"i-1","status":"running","systemDisk":{"diskCategory":"cloud","autoDelete":true,"cloudDisk":{"diskId":"vol-1","diskSizeGB":40}},"primaryNetworkInterface":{"deviceIndex":1,"networkInterface":{"networkInterfaceId":"port-1","securityGroups":[{"groupId":"sg-1"}],"primaryIp":{"privateIpAddress":"10.0.0.2"}}},"tags":[{"key":"k","value":"v"}],"charge":{"chargeMode":"postpaid_by_duration"}}]}}"#;
const JD_ERROR: &str = r#"{"requestId":"r","error":{"code":429,"status":"RATE_LIMIT","message":"slow down","details":[]}}"#;
const JD_NULL: &str = r#"{"requestId":"r","result":null,"error":null}"#;

const JSON: &[&str] = &[
    r#"{"RequestId":"r","TotalCount":"2","Instances":[{"InstanceId":"i","Status":"Running","ResourceSpec":{"Cpu":2}}]}"#,
    r#"{"RequestId":"r","Code":"Throttling.User","Message":"m"}"#,
    r#"{"RequestId":"r","Error":{"Type":"Sender","Code":"LimitExceeded","Message":"m"}}"#,
    r#"{"InstanceCount":1,"InstancesSet":[{"InstanceId":"i","InstanceState":{"Name":"active"},"NetworkInterfaceSet":[{"GroupSet":[{"GroupId":"g"}]}]}]}"#,
    JD_OK,
    JD_ERROR,
    JD_NULL,
    // Inspur Cloud: a page of servers, an error code under HTTP 200, an empty data.
    r#"{"code":"200","message":"OK","data":{"totalCount":1,"servers":[{"id":"s","status":"active","flavor":{"extra_specs":{"a":"b"}},"nics":[{"ip":"10.0.0.1"}]}]}}"#,
    r#"{"code":"101.001012","message":"m","data":null}"#,
    r#"{"code":201,"message":"Created","data":""}"#,
    // Drift the lenient decoder converts: numbers as text, empty and null members, duplicate keys.
    r#"{"RequestId":"r","TotalCount":"1","TotalCount":1,"Instances":{"Instance":[{"InstanceId":"i","Cpu":"2","Memory":"","Status":null,"DeletionProtection":"true","Tags":{"Tag":{"TagKey":"k"}}}]}}"#,
];
const XML: &[&str] = &[
    "<R><RequestId>r</RequestId><InstanceCount>1</InstanceCount><InstancesSet><item><InstanceId>i</InstanceId><InstanceState><Name>active</Name></InstanceState></item></InstancesSet></R>",
    "<ErrorResponse><RequestId>r</RequestId><Error><Code>SignatureDoesNotMatch</Code><Message>m</Message></Error></ErrorResponse>",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn spec_loader_never_panics(text in near_valid(&[
        include_str!("../fixtures/specs/minimal.yaml"),
        include_str!("../fixtures/specs/ksyun-minimal.yaml"),
        include_str!("../fixtures/specs/jdcloud-minimal.yaml"),
        include_str!("../fixtures/specs/inspur-minimal.yaml"),
    ])) {
        let path = std::path::Path::new("fuzz.yaml");
        if let Ok(loaded) = yun_codegen::load::load_str(path, text) {
            if yun_codegen::validate::validate(&loaded).is_ok() {
                let service = yun_codegen::ir::resolve(&loaded);
                let _ = yun_codegen::emit::emit(&service, "fuzz.yaml");
            }
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic_any_decoder(body in proptest::collection::vec(any::<u8>(), 0..512), status in 100u16..600, xml: bool) {
        let r = response(status, body, xml);
        let _ = yun_runtime::aliyun::response_decode::<yun_aliyun_swas::operation::ListInstancesOutput>(&r);
        let _ = yun_runtime::ksyun::response::decode::<yun_ksyun_kec::operation::DescribeInstancesOutput>(&r);
        let _ = yun_runtime::jdcloud::response::decode::<yun_jdcloud_vm::operation::DescribeInstancesOutput>(&r);
        let _ = yun_runtime::inspur::response::decode::<yun_inspur_ecs::operation::ListServersOutput>(&r);
    }

    #[test]
    fn near_valid_json_never_panics(body in near_valid(JSON), status in prop_oneof![Just(200u16), Just(400u16), Just(429u16), Just(503u16)]) {
        let _ = yun_runtime::response::decode::from_slice::<yun_aliyun_ecs::operation::DescribeInstancesOutput>(body.as_bytes());
        let r = response(status, body.into_bytes(), false);
        let _ = yun_runtime::aliyun::response_decode::<yun_aliyun_swas::operation::ListInstancesOutput>(&r);
        let _ = yun_runtime::aliyun::response_decode::<yun_aliyun_ecs::operation::DescribeInstancesOutput>(&r);
        let _ = yun_runtime::ksyun::response::decode::<yun_ksyun_kec::operation::DescribeInstancesOutput>(&r);
        let _ = yun_runtime::jdcloud::response::decode::<yun_jdcloud_vm::operation::DescribeInstancesOutput>(&r);
        let _ = yun_runtime::inspur::response::decode::<yun_inspur_ecs::operation::ListServersOutput>(&r);
    }

    #[test]
    fn near_valid_xml_never_panics(body in near_valid(XML)) {
        let _ = yun_runtime::response::xml::to_value(&body);
        let r = response(200, body.into_bytes(), true);
        let _ = yun_runtime::ksyun::response::decode::<yun_ksyun_kec::operation::DescribeInstancesOutput>(&r);
    }
}

/// Deep nesting, in a member nobody declared and in declared ones, is an error or skipped:
/// never a stack overflow, for the decoder straight from the bytes and the tree path alike.
#[test]
fn deep_nesting_never_overflows_the_stack() {
    type Out = yun_aliyun_ecs::operation::DescribeInstancesOutput;
    for depth in [100, 10_000, 200_000] {
        let arrays = format!("{}{}", "[".repeat(depth), "]".repeat(depth));
        let objects = format!("{}1{}", r#"{"a":"#.repeat(depth), "}".repeat(depth));
        for body in [
            format!(r#"{{"Unknown":{arrays},"RequestId":"r"}}"#),
            format!(r#"{{"Unknown":{objects}}}"#),
            format!(r#"{{"Instances":{{"Instance":{arrays}}}}}"#),
            format!(r#"{{"Instances":{{"Instance":[{{"Tags":{{"Tag":{objects}}}}}]}}}}"#),
            format!(r#"{{"Instances":{objects}}}"#),
        ] {
            let _ = yun_runtime::response::decode::from_slice::<Out>(body.as_bytes());
            let _ = yun_runtime::aliyun::response_decode::<Out>(&response(200, body.clone().into_bytes(), false));
            let _ = yun_runtime::ksyun::response::decode::<yun_ksyun_kec::operation::DescribeInstancesOutput>(&response(
                200,
                body.into_bytes(),
                false,
            ));
        }
    }
}

/// The JD Cloud samples are what they claim to be, so their mutations start from valid input.
#[test]
fn jdcloud_samples_decode_as_written() {
    use yun_jdcloud_vm::operation::DescribeInstancesOutput;
    use yun_runtime::jdcloud::response::decode;
    let [ok, error, null] = [JD_OK, JD_ERROR, JD_NULL].map(|s| response(200, s.as_bytes().to_vec(), false));
    let out = decode::<DescribeInstancesOutput>(&ok).expect("the success sample decodes");
    let instances = out.instances.expect("instances");
    assert_eq!((out.total_count, instances[0].instance_id.as_deref()), (Some(1), Some("i-1")));
    let disk = instances[0].system_disk.as_ref().and_then(|d| d.cloud_disk.as_ref()).expect("a nested cloud disk");
    assert_eq!(disk.disk_id.as_deref(), Some("vol-1"));
    assert!(matches!(decode::<DescribeInstancesOutput>(&error), Err(yun_runtime::Error::Service(e)) if e.code() == Some("RATE_LIMIT")));
    assert_eq!(decode::<DescribeInstancesOutput>(&null).expect("a null result"), DescribeInstancesOutput::default());
}
