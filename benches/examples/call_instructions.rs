//! Runs the `per_call` benchmark's work (encode, sign with the system clock and a fresh nonce,
//! decode a one-instance answer, hand it to the output) `N` times for one provider, for
//! counting instructions (`valgrind --tool=callgrind`), a measure the load of a shared machine
//! does not move: `cargo build --release --example call_instructions`, then
//! `valgrind --tool=callgrind target/release/examples/call_instructions <which> [N]` with
//! `<which>` one of `aliyun` (or its decoding alone, `aliyun-decode`, beside
//! `aliyun-serde`: `serde_json::from_slice` into the same type), `ksyun`, `jdcloud`, `inspur`, `none`.

use std::hint::black_box;

use yun_runtime::client::send::Encoded;
use yun_benches::{finish, kec_body, response, swas_body, AK, INSPUR_BODY, JDCLOUD_BODY, SK};
use yun_runtime::Credentials;

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
            let keys = Credentials::new(AK, SK);
            let input = ListInstancesInput::builder().region_id("cn-hangzhou").page_size(10).build().unwrap();
            let answer = response(&swas_body());
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                let request = client.signed_request(&keys, &encoded.action, &encoded.method, &encoded.query, &encoded.body);
                total += black_box(request).url.len();
                let decoded = yun_runtime::aliyun::response_decode_answer::<ListInstancesOutput>(black_box(&answer), false).unwrap();
                total += finish::<ListInstancesInput>(decoded, &answer).instances.map_or(0, |i| i.len());
            }
        }
        // The Aliyun call's decoding alone, and its floor: serde_json (strict) into the same type.
        "aliyun-decode" | "aliyun-serde" => {
            use yun_aliyun_swas::operation::{ListInstancesInput, ListInstancesOutput};
            let answer = response(&swas_body());
            for _ in 0..n {
                let output = if which == "aliyun-decode" {
                    let decoded = yun_runtime::aliyun::response_decode_answer::<ListInstancesOutput>(black_box(&answer), false).unwrap();
                    finish::<ListInstancesInput>(decoded, &answer)
                } else {
                    serde_json::from_slice::<ListInstancesOutput>(black_box(&answer.body)).unwrap()
                };
                total += output.instances.map_or(0, |i| i.len());
            }
        }
        "ksyun" => {
            use yun_ksyun_kec::operation::{DescribeInstancesInput, DescribeInstancesOutput};
            let config = yun_ksyun_kec::Config::builder().region("cn-beijing-6").credentials(Credentials::new(AK, SK)).build().unwrap();
            let client = yun_runtime::ksyun::QueryClient::new(&yun_ksyun_kec::SERVICE, config);
            let keys = Credentials::new(AK, SK);
            let input = DescribeInstancesInput::builder().instance_id(vec!["19c61e7e-c604-43ec-b225-3677f4f2eaf6".into()]).max_results(10).build().unwrap();
            let answer = response(&kec_body());
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                let request = client.signed_request(&keys, &encoded.action, &encoded.method, &encoded.query, &encoded.body);
                total += black_box(request).url.len();
                let decoded = yun_runtime::ksyun::response::decode_answer::<DescribeInstancesOutput>(black_box(&answer), false).unwrap();
                total += finish::<DescribeInstancesInput>(decoded, &answer).instances_set.map_or(0, |i| i.len());
            }
        }
        "jdcloud" => {
            use yun_jdcloud_vm::operation::{DescribeInstancesInput, DescribeInstancesOutput};
            let config = yun_jdcloud_vm::Config::builder().region("cn-north-1").credentials(Credentials::new(AK, SK)).build().unwrap();
            let client = yun_runtime::jdcloud::RestClient::new(&yun_jdcloud_vm::SERVICE, config);
            let keys = Credentials::new(AK, SK);
            let input = DescribeInstancesInput::builder().region_id("cn-north-1").page_number(1).page_size(10).build().unwrap();
            let answer = response(JDCLOUD_BODY);
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                total += black_box(client.signed_request(&keys, &encoded)).url.len();
                let decoded = yun_runtime::jdcloud::response::decode_answer::<DescribeInstancesOutput>(black_box(&answer), false).unwrap();
                total += finish::<DescribeInstancesInput>(decoded, &answer).instances.map_or(0, |i| i.len());
            }
        }
        "inspur" => {
            use yun_inspur_ecs::operation::{ListServersInput, ListServersOutput};
            let config = yun_inspur_ecs::Config::builder().region("cn-north-3").endpoint("https://console.staging.inspur.com").bearer_token("token-for-benches").build().unwrap();
            let client = yun_runtime::inspur::RestClient::new(&yun_inspur_ecs::SERVICE, config);
            let token = yun_runtime::BearerToken::new("token-for-benches");
            let input = ListServersInput::builder().page_no(1).page_size(10).build().unwrap();
            let answer = response(INSPUR_BODY);
            for _ in 0..n {
                let encoded = Encoded::new(black_box(&input));
                let request = client.signed_request(&token, &encoded);
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
