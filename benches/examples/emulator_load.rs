//! Signed `DescribeInstances` requests per second that the emulator answers (issue 19,
//! "Performance"): a fleet of 100 ECS instances (one `RunInstances` of `Amount` 100, then the
//! lifecycle clock fast-forwarded until they run), each request a page of the spec's default
//! size (10), signed ACS3 by yun's ECS client and verified by the emulator.
//!
//! The emulator runs on one OS thread with its own single-threaded tokio runtime, the load
//! generator (the generated ECS client, `CONCURRENCY` calls in flight over keep-alive
//! connections) on another: on a 2-core machine, one core each (the threads are not pinned; the
//! OS spreads them). Prints requests per second over `SECONDS` after a one-second warm-up, and
//! the instances the first page held. Run:
//!
//! ```sh
//! cargo run --release --manifest-path benches/Cargo.toml --example emulator_load
//! ```

use std::sync::mpsc;
use std::time::{Duration, Instant};

use yun_aliyun_ecs::operation::{DescribeInstancesInput, RunInstancesInput};

const CONCURRENCY: usize = 32;
const SECONDS: u64 = 5;

fn main() {
    let (ready, endpoint) = mpsc::channel();
    // The emulator's thread: its own single-threaded runtime, serving until the process ends.
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
        runtime.block_on(async move {
            let emulator = yun_emulator::spawn().await.unwrap();
            ready.send((emulator.endpoints.aliyun_ecs.clone(), emulator.endpoints.admin.clone())).unwrap();
            // Keep it alive (dropping it stops the servers).
            std::future::pending::<()>().await;
            drop(emulator);
        });
    });
    let (ecs, admin) = endpoint.recv().unwrap();

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    runtime.block_on(async move {
        let config = yun_emulator::client_config::aliyun(&ecs).build().unwrap();
        let client = yun_aliyun_ecs::Client::new(config);
        // The fleet: the guide's create sample, 100 at once, then past Pending and Starting.
        let run = RunInstancesInput::builder()
            .region_id("cn-hangzhou")
            .image_id("ubuntu_18_04_64_20G_alibase_20190624.vhd")
            .instance_type("ecs.g5.large")
            .security_group_id("sg-bp1fg655nh68xyz9i***")
            .v_switch_id("vsw-bp1wt4qpuavdb6y6k8***")
            .amount(100)
            .build()
            .unwrap();
        client.run_instances(run).await.unwrap();
        let http = reqwest::Client::new();
        http.post(format!("{admin}/fast-forward?seconds=60")).send().await.unwrap().error_for_status().unwrap();

        let page = || DescribeInstancesInput::builder().region_id("cn-hangzhou").build().unwrap();
        let first = client.describe_instances(page()).await.unwrap();
        let on_page = first.instances.and_then(|i| i.instance).map_or(0, |v| v.len());
        assert_eq!(on_page, 10, "pages of the default 10");
        assert!(first.next_token.is_some(), "more pages of the fleet of 100");

        let count = |deadline: Instant| {
            let client = client.clone();
            async move {
                let mut done = 0u64;
                while Instant::now() < deadline {
                    client.describe_instances(page()).await.unwrap();
                    done += 1;
                }
                done
            }
        };
        // Warm-up, then the measured window.
        let warm = Instant::now() + Duration::from_secs(1);
        futures_util::future::join_all((0..CONCURRENCY).map(|_| count(warm))).await;
        let start = Instant::now();
        let deadline = start + Duration::from_secs(SECONDS);
        let done: u64 = futures_util::future::join_all((0..CONCURRENCY).map(|_| count(deadline))).await.into_iter().sum();
        let elapsed = start.elapsed().as_secs_f64();
        println!(
            "emulator: {:.0} signed DescribeInstances per second ({done} in {elapsed:.2} s, {CONCURRENCY} in flight, \
             100 instances, pages of {on_page}, ACS3 verified)",
            done as f64 / elapsed
        );
    });
}
