//! The admin endpoint (reset, fast-forward, faults, state save and load, request log) over
//! HTTP, and injected faults as the clients meet them: throttling retried after the
//! provider's wait header, server errors, slow answers, dropped connections.

use std::time::{Duration, Instant};

use yun_ksyun_kec::operation::{DescribeInstancesInput, RunInstancesInput};
use yun_ksyun_kec::{Client, Config, Credentials, RetryConfig};

fn kec(url: &str, retry: RetryConfig) -> Client {
    let key = Credentials::new(yun_runtime::server::ksyun::TEST_ACCESS_KEY_ID, yun_runtime::server::ksyun::TEST_ACCESS_KEY_SECRET);
    Client::new(Config::builder().region("cn-beijing-6").endpoint(url).credentials(key).retry(retry).build().unwrap())
}

fn describe() -> DescribeInstancesInput {
    DescribeInstancesInput::builder().build().unwrap()
}

fn run() -> RunInstancesInput {
    RunInstancesInput::builder()
        .image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b")
        .instance_type("C1.1A")
        .max_count(1)
        .min_count(1)
        .build()
        .unwrap()
}

async fn count(client: &Client) -> usize {
    client.describe_instances(describe()).await.unwrap().instances_set.unwrap_or_default().len()
}

#[tokio::test]
async fn admin_resets_fast_forwards_saves_loads_and_logs() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let client = kec(&emulator.endpoints.ksyun_kec, RetryConfig::disabled());
    let http = reqwest::Client::new();
    let admin = |path: &str| format!("{}{path}", emulator.endpoints.admin);
    let seeded = count(&client).await;
    let created = client.run_instances(run()).await.unwrap().instances_set.unwrap()[0].instance_id.clone().unwrap();
    let by_id = || DescribeInstancesInput::builder().instance_id(vec![created.clone()]).build().unwrap();
    let state = |o: yun_ksyun_kec::operation::DescribeInstancesOutput| {
        o.instances_set.unwrap()[0].instance_state.clone().unwrap().name.unwrap().to_string()
    };
    assert_eq!(state(client.describe_instances(by_id()).await.unwrap()), "building");
    assert_eq!(http.post(admin("/fast-forward?seconds=5")).send().await.unwrap().status(), 200);
    assert_eq!(state(client.describe_instances(by_id()).await.unwrap()), "active");

    let saved = http.get(admin("/state")).send().await.unwrap().bytes().await.unwrap();
    assert_eq!(http.post(admin("/reset")).send().await.unwrap().status(), 200);
    assert_eq!(count(&client).await, seeded);
    assert_eq!(http.post(admin("/state")).body(saved.clone()).send().await.unwrap().status(), 200);
    assert_eq!(count(&client).await, seeded + 1);
    assert_eq!(http.post(admin("/state")).body("{not a state").send().await.unwrap().status(), 400);

    // To a file and back, through the Rust API.
    let file = std::env::temp_dir().join(format!("yun-emulator-state-{}.json", std::process::id()));
    emulator.save(&file).unwrap();
    emulator.reset();
    assert_eq!(count(&client).await, seeded);
    emulator.load(&file).unwrap();
    assert_eq!(count(&client).await, seeded + 1);
    let _ = std::fs::remove_file(&file);

    let log: serde_json::Value = serde_json::from_slice(&http.get(admin("/log")).send().await.unwrap().bytes().await.unwrap()).unwrap();
    let actions: Vec<&str> = log.as_array().unwrap().iter().filter_map(|e| e["action"].as_str()).collect();
    assert_eq!(actions, ["DescribeInstances", "DescribeInstances"], "the log since the last reset");
    assert_eq!(http.get(admin("/nothing")).send().await.unwrap().status(), 404);
}

#[tokio::test]
async fn faults_are_met_as_the_services_would_cause_them() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let http = reqwest::Client::new();
    let inject = |fault: serde_json::Value| {
        let body = serde_json::json!({"service": "ksyun-kec", "action": "DescribeInstances", "fault": fault, "times": 1});
        http.post(format!("{}/faults", emulator.endpoints.admin)).body(body.to_string()).send()
    };
    // Throttled once: the client retries after the wait header and succeeds.
    assert_eq!(inject(serde_json::json!({"kind": "throttle", "wait_ms": 200})).await.unwrap().status(), 200);
    let retrying = kec(&emulator.endpoints.ksyun_kec, RetryConfig::default());
    let started = Instant::now();
    retrying.describe_instances(describe()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(200), "waited as the answer asked");
    let statuses: Vec<u16> = emulator.log().iter().map(|e| e.status).collect();
    assert_eq!(statuses, [400, 200]);

    // Without retries: the provider's throttling code, then a 5xx.
    let once = kec(&emulator.endpoints.ksyun_kec, RetryConfig::disabled());
    inject(serde_json::json!({"kind": "throttle", "wait_ms": 1000})).await.unwrap();
    let err = once.describe_instances(describe()).await.unwrap_err();
    assert!(err.to_string().contains("RequestLimitExceeded"), "{err}");
    inject(serde_json::json!({"kind": "server_error", "status": 503})).await.unwrap();
    let err = once.describe_instances(describe()).await.unwrap_err();
    assert!(err.to_string().contains("503"), "{err}");
    // Slow, then dropped.
    inject(serde_json::json!({"kind": "slow", "delay_ms": 300})).await.unwrap();
    let started = Instant::now();
    once.describe_instances(describe()).await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    inject(serde_json::json!({"kind": "drop"})).await.unwrap();
    assert!(once.describe_instances(describe()).await.is_err());
    // The faults were used up: the next call is answered.
    once.describe_instances(describe()).await.unwrap();
    // A throttled create creates nothing.
    emulator.inject(yun_emulator::Injection {
        service: "ksyun-kec".into(),
        action: "RunInstances".into(),
        fault: yun_emulator::Fault::Throttle { wait_ms: 10 },
        times: 1,
    });
    let before = count(&once).await;
    assert!(once.run_instances(run()).await.is_err());
    assert_eq!(count(&once).await, before);
}
