//! Runs the `per_call` benchmark's work (encode, sign with the system clock and a fresh nonce,
//! decode a one-instance answer, hand it to the output) `N` times for one provider, for
//! counting instructions (`valgrind --tool=callgrind`), a measure the load of a shared machine
//! does not move: `cargo build --release --example call_instructions`, then
//! `valgrind --tool=callgrind target/release/examples/call_instructions <which> [N]` with
//! `<which>` one of `aliyun`, `ksyun`, `jdcloud`, `inspur`, `none`.

use std::hint::black_box;

use yun_runtime::decode::Answer;
use yun_runtime::http::HttpResponse;
use yun_runtime::send::Encoded;
use yun_runtime::{Credentials, Operation};

const AK: &str = "AKIDEXAMPLE";
const SK: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

fn response(body: &str) -> HttpResponse {
    HttpResponse { status: 200, headers: vec![("content-type".into(), "application/json".into())], body: body.as_bytes().to_vec().into() }
}

fn fixture(path: &str) -> serde_json::Value {
    let path = format!("{}/../tests/fixtures/{path}", env!("CARGO_MANIFEST_DIR"));
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

fn finish<Op: Operation>(decoded: yun_runtime::decode::Decoded<Op::Output>, response: &HttpResponse) -> Op::Output {
    let mut output = decoded.output;
    Op::received(&mut output, Answer::new(decoded.warnings, Some(response.body.clone())));
    output
}

const JDCLOUD_BODY: &str = r#"{"requestId":"c4d0e6ac-ed2f-4d56-a5d6-1c4a9f4c1f11","result":{"instances":[{"instanceId":"i-y1k2kvh9nn","instanceName":"web-1","hostname":"web-1","instanceType":"g.n2.medium","vpcId":"vpc-8s3e1kx2","subnetId":"subnet-3f2kq1y9","privateIpAddress":"10.0.0.5","elasticIpId":"fip-1q2w3e","elasticIpAddress":"114.67.1.2","status":"running","description":"","imageId":"img-m5s0t","launchTime":"2026-11-23T03:33:19+08:00","az":"cn-north-1a","keyNames":["key-1"],"charge":{"chargeMode":"postpaid_by_duration","chargeStatus":"normal","chargeStartTime":"2026-11-23T03:33:19Z","chargeExpiredTime":"","chargeRetireTime":""},"tags":[{"key":"env","value":"prod"}]}],"totalCount":1}}"#;

const INSPUR_BODY: &str = r#"{"code":"200","message":"ECS application ECS module message:OK","data":{"totalCount":1,"servers":[{"regionID":"cn-north-3","availability_zone":"nova","name":"newserver","id":"9168b536-cd40-4630-b43f-b259807c6e87","status":"active","image":{"id":"1189efbf-d48b-46ad-a823-94b942e2a000","name":"centos70X64","systemType":"Linux"},"root_volume":{"volumetype":"SATA","size":50},"data_volumes":[{"volumetype":"SATA","volumeid":"zzz","volumename":"aaa","size":100}],"flavor":{"disk":50,"ephemeral":0,"original_name":"s1.xlarge.2","ram":1,"swap":0,"vcpus":1},"security_groups":[{"name":"sg_aa1"}],"vpcid":"0dae26c9-9a70-4392-93f3-87d53115d171","vpcname":"myvpc","hostId":"12efd5567jklu","nics":[{"subnet_id":"157ee789-03ea-45b1-a698-76c92660dd83","fixed_ip":"10.20.30.137","portid":"xxx"}]}]}}"#;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let mut total = 0usize;
    match which.as_str() {
        "aliyun" => {
            use yun_aliyun_swas::operation::{ListInstancesInput, ListInstancesOutput};
            let config = yun_aliyun_swas::Config::builder().region("cn-hangzhou").credentials(Credentials::new(AK, SK)).build().unwrap();
            let client = yun_runtime::aliyun::RpcClient::new(&yun_aliyun_swas::SERVICE, config);
            let input = ListInstancesInput::builder().region_id("cn-hangzhou").page_size(10).build().unwrap();
            let mut list = fixture("aliyun/swas-responses.json")["ListInstances"].clone();
            list["Instances"].as_array_mut().unwrap().truncate(1);
            let answer = response(&list.to_string());
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                let request = client.signed_request(encoded.action, encoded.method, &encoded.query, &encoded.body);
                total += black_box(request).url.len();
                let decoded = yun_runtime::aliyun::response_decode_answer::<ListInstancesOutput>(black_box(&answer), false).unwrap();
                total += finish::<ListInstancesInput>(decoded, &answer).instances.map_or(0, |i| i.len());
            }
        }
        "ksyun" => {
            use yun_ksyun_kec::operation::{DescribeInstancesInput, DescribeInstancesOutput};
            let config = yun_ksyun_kec::Config::builder().region("cn-beijing-6").credentials(Credentials::new(AK, SK)).build().unwrap();
            let client = yun_runtime::ksyun::QueryClient::new(&yun_ksyun_kec::SERVICE, config);
            let input = DescribeInstancesInput::builder().instance_id(vec!["19c61e7e-c604-43ec-b225-3677f4f2eaf6".into()]).max_results(10).build().unwrap();
            let mut page = fixture("ksyun/samples/1499-DescribeInstances.json");
            page["InstancesSet"].as_array_mut().unwrap().truncate(1);
            let answer = response(&page.to_string());
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                let request = client.signed_request(encoded.action, encoded.method, &encoded.query, &encoded.body);
                total += black_box(request).url.len();
                let decoded = yun_runtime::ksyun::response::decode_answer::<DescribeInstancesOutput>(black_box(&answer), false).unwrap();
                total += finish::<DescribeInstancesInput>(decoded, &answer).instances_set.map_or(0, |i| i.len());
            }
        }
        "jdcloud" => {
            use yun_jdcloud_vm::operation::{DescribeInstancesInput, DescribeInstancesOutput};
            let config = yun_jdcloud_vm::Config::builder().region("cn-north-1").credentials(Credentials::new(AK, SK)).build().unwrap();
            let client = yun_runtime::jdcloud::RestClient::new(&yun_jdcloud_vm::SERVICE, config);
            let input = DescribeInstancesInput::builder().region_id("cn-north-1").page_number(1).page_size(10).build().unwrap();
            let answer = response(JDCLOUD_BODY);
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                total += black_box(client.signed_request(&encoded)).url.len();
                let decoded = yun_runtime::jdcloud::response::decode_answer::<DescribeInstancesOutput>(black_box(&answer), false).unwrap();
                total += finish::<DescribeInstancesInput>(decoded, &answer).instances.map_or(0, |i| i.len());
            }
        }
        "inspur" => {
            use yun_inspur_ecs::operation::{ListServersInput, ListServersOutput};
            let config = yun_inspur_ecs::Config::builder().region("cn-north-3").endpoint("https://console.staging.inspur.com").bearer_token("token-for-benches").build().unwrap();
            let client = yun_runtime::inspur::RestClient::new(&yun_inspur_ecs::SERVICE, config);
            let input = ListServersInput::builder().page_no(1).page_size(10).build().unwrap();
            let answer = response(INSPUR_BODY);
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                let mut request = client.signed_request(&encoded);
                request.headers.push(("authorization".to_owned(), format!("Bearer {}", "token-for-benches")));
                total += black_box(request).url.len();
                let decoded = yun_runtime::inspur::response::decode_answer::<ListServersOutput>(black_box(&answer), false).unwrap();
                total += finish::<ListServersInput>(decoded, &answer).servers.map_or(0, |s| s.len());
            }
        }
        "none" => {}
        other => panic!("unknown provider {other:?}: aliyun, ksyun, jdcloud, inspur or none"),
    }
    println!("{which}: {n} calls ({total})");
}
