//! Decodes the benchmark's 100-instance page `N` times with one decoder, for counting
//! instructions (`valgrind --tool=callgrind`, or `perf stat -e instructions` where the machine
//! has the counter), a measure the load of a shared machine does not move:
//! `cargo build --release --example decode_instructions`, then
//! `valgrind --tool=callgrind target/release/examples/decode_instructions serde|lenient|aliyun|value [N]`.

use yun_aliyun_ecs::operation::DescribeInstancesOutput;
use yun_benches::page;
use yun_runtime::client::http::HttpResponse;

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(2000);
    let body = page();
    let response = HttpResponse { status: 200, headers: vec![], body: body.clone().into() };
    let mut instances = 0;
    for _ in 0..n {
        let out: DescribeInstancesOutput = match which.as_str() {
            "serde" => serde_json::from_slice(&body).unwrap(),
            "lenient" => yun_runtime::response::decode::from_slice(&body).unwrap(),
            "aliyun" => yun_runtime::aliyun::response_decode(&response).unwrap(),
            "value" => yun_runtime::response::decode::lenient(serde_json::from_slice(&body).unwrap()).unwrap(),
            "none" => DescribeInstancesOutput::default(),
            other => panic!("unknown decoder {other:?}: serde, lenient, aliyun, value or none"),
        };
        instances += out.instances.and_then(|i| i.instance).map_or(0, |i| i.len());
    }
    println!("{which}: {n} pages, {instances} instances");
}
