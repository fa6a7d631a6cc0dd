//! The flows of `specs/examples/<crate>/` run against the emulator, with waiters configured
//! with short delays (the emulator's lifecycle clock runs 100 times faster than real time).

use std::time::Duration;

use yun_runtime::waiter::WaiterConfig;

#[allow(dead_code)]
#[path = "../../specs/examples/ksyun-kec/kec_lifecycle.rs"]
mod kec_lifecycle;

const FAST: WaiterConfig =
    WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(20), max_wait: Duration::from_secs(10) };

async fn emulator() -> yun_emulator::Emulator {
    yun_emulator::spawn_with(yun_emulator::Config::default().lifecycle_speed(100)).await.unwrap()
}

#[tokio::test]
async fn kec_run_wait_stop_wait_terminate() {
    let emulator = emulator().await;
    let config = yun_ksyun_kec::Config::builder()
        .region("cn-beijing-6")
        .endpoint(&emulator.endpoints.ksyun_kec)
        .credentials(yun_ksyun_kec::Credentials::new(
            yun_runtime::server::ksyun::TEST_ACCESS_KEY_ID,
            yun_runtime::server::ksyun::TEST_ACCESS_KEY_SECRET,
        ))
        .build()
        .unwrap();
    let client = yun_ksyun_kec::Client::new(config);
    let (_, seen) = kec_lifecycle::run(&client, kec_lifecycle::Timing { running: FAST, stopped: FAST }).await.unwrap();
    assert_eq!(seen, ["active", "stopped", "deleting"]);
}

#[allow(dead_code)]
#[path = "../../specs/examples/jdcloud-vm/vm_lifecycle.rs"]
mod vm_lifecycle;

#[tokio::test]
async fn jd_create_wait_stop_wait_delete() {
    let emulator = emulator().await;
    let config = yun_jdcloud_vm::Config::builder()
        .region("cn-north-1")
        .endpoint(&emulator.endpoints.jdcloud_vm)
        .credentials(yun_jdcloud_vm::Credentials::new(
            yun_runtime::server::jdcloud::TEST_ACCESS_KEY_ID,
            yun_runtime::server::jdcloud::TEST_ACCESS_KEY_SECRET,
        ))
        .build()
        .unwrap();
    let client = yun_jdcloud_vm::Client::new(config);
    let (id, seen) = vm_lifecycle::run(&client, "cn-north-1", vm_lifecycle::Timing { running: FAST, stopped: FAST }).await.unwrap();
    assert_eq!(seen, ["running", "stopped", "deleting"]);
    assert!(id.starts_with("i-"), "{id}");
    // The same client token returns the same instance, not a second one.
    let create = || {
        let spec = yun_jdcloud_vm::types::InstanceSpec::default()
            .az("cn-north-1a")
            .instance_type("g.n2.medium")
            .image_id("img-m5s0yakcyz")
            .name("second");
        yun_jdcloud_vm::operation::CreateInstancesInput::builder()
            .region_id("cn-north-1")
            .instance_spec(spec)
            .client_token("token-2")
            .build()
            .unwrap()
    };
    let first = client.create_instances(create()).await.unwrap().instance_ids;
    let second = client.create_instances(create()).await.unwrap().instance_ids;
    assert_eq!(first, second);
    assert_ne!(first.as_deref(), Some(&[id][..]));
}

#[allow(dead_code)]
#[path = "../../specs/examples/aliyun-swas/swas_power.rs"]
mod swas_power;

#[tokio::test]
async fn swas_stop_start_reboot() {
    let emulator = emulator().await;
    let config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&emulator.endpoints.aliyun_swas)
        .credentials(yun_aliyun_swas::Credentials::new(
            yun_runtime::server::aliyun::TEST_ACCESS_KEY_ID,
            yun_runtime::server::aliyun::TEST_ACCESS_KEY_SECRET,
        ))
        .build()
        .unwrap();
    let client = yun_aliyun_swas::Client::new(config);
    let seen = swas_power::run(&client, "cn-hangzhou", "ace57xxx", swas_power::Timing { running: FAST, stopped: FAST }).await.unwrap();
    assert_eq!(seen, ["Stopped", "Running", "Running"]);
    // Stopping a stopped instance is refused: StopInstance is accepted from Running only.
    let stop = |token: &str| {
        yun_aliyun_swas::operation::StopInstanceInput::builder()
            .region_id("cn-hangzhou")
            .instance_id("id1")
            .client_token(token)
            .build()
            .unwrap()
    };
    client.stop_instance(stop("t-1")).await.unwrap();
    // The same ClientToken: the same answer, not a refusal (the call is not made twice).
    client.stop_instance(stop("t-1")).await.unwrap();
    let refused = client.stop_instance(stop("t-2")).await.unwrap_err();
    assert!(refused.to_string().contains("IncorrectInstanceStatus"), "{refused}");
}

#[allow(dead_code)]
#[path = "../../specs/examples/inspur-ecs/server_power.rs"]
mod server_power;

#[tokio::test]
async fn inspur_stop_start_reboot() {
    let emulator = emulator().await;
    let config = yun_inspur_ecs::Config::builder()
        .region("cn-north-3")
        .endpoint(&emulator.endpoints.inspur_ecs)
        .bearer_token(yun_runtime::server::inspur::TEST_TOKEN)
        .build()
        .unwrap();
    let client = yun_inspur_ecs::Client::new(config);
    let id = "9168b536-cd40-4630-b43f-b259807c6e87";
    let seen = server_power::run(&client, id, server_power::Timing { active: FAST, stopped: FAST }).await.unwrap();
    assert_eq!(seen, ["SHUTOFF", "ACTIVE", "ACTIVE"]);
    // Starting an active server is refused with the spec's code.
    let start = yun_inspur_ecs::operation::StartServerInput::builder().server_id(id).build().unwrap();
    let refused = client.start_server(start).await.unwrap_err();
    assert!(refused.to_string().contains("101.001012"), "{refused}");
}

#[allow(dead_code)]
#[path = "../../specs/examples/aliyun-ecs/ecs_flows.rs"]
mod ecs_flows;

#[tokio::test]
async fn ecs_guide_create_list_renew_release() {
    let emulator = emulator().await;
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&emulator.endpoints.aliyun_ecs)
        .credentials(yun_aliyun_ecs::Credentials::new(
            yun_runtime::server::aliyun::TEST_ACCESS_KEY_ID,
            yun_runtime::server::aliyun::TEST_ACCESS_KEY_SECRET,
        ))
        .build()
        .unwrap();
    let client = yun_aliyun_ecs::Client::new(config);
    let timing = ecs_flows::Timing { running: FAST, stopped: FAST, deleted: FAST };
    let flow = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    // The guide's create sample: its image, type, security group and vSwitch (the catalogue's).
    let created = ecs_flows::run(
        &client,
        "cn-hangzhou",
        &flow(&[
            "create",
            "ubuntu_18_04_64_20G_alibase_20190624.vhd",
            "ecs.g5.large",
            "sg-bp1fg655nh68xyz9i***",
            "vsw-bp1wt4qpuavdb6y6k8***",
            "3",
        ]),
        &timing,
    )
    .await
    .unwrap();
    let ids: Vec<&str> = created.strip_prefix("running: ").unwrap().split(' ').collect();
    assert_eq!(ids.len(), 3, "{created}");
    let listed = ecs_flows::run(&client, "cn-hangzhou", &flow(&["list"]), &timing).await.unwrap();
    for id in &ids {
        assert!(listed.contains(&format!("{id} Running")), "{listed}");
    }
    let renewed = ecs_flows::run(&client, "cn-hangzhou", &flow(&["renew", ids[0], "2"]), &timing).await.unwrap();
    assert!(renewed.starts_with(&format!("renewed {} for 2 month(s)", ids[0])), "{renewed}");
    let released = ecs_flows::run(&client, "cn-hangzhou", &flow(&["release", ids[1]]), &timing).await.unwrap();
    assert_eq!(released, format!("released {}", ids[1]));
    let listed = ecs_flows::run(&client, "cn-hangzhou", &flow(&["list"]), &timing).await.unwrap();
    assert!(!listed.contains(ids[1]) && listed.contains(ids[2]), "{listed}");
    // Releasing it again: the instance is gone, the provider's not-found error.
    let again = ecs_flows::run(&client, "cn-hangzhou", &flow(&["release", ids[1]]), &timing).await.unwrap_err();
    assert!(again.to_string().contains("NotFound"), "{again}");
}

#[tokio::test]
async fn ecs_guide_stock_and_resize_from_the_catalogue() {
    let emulator = emulator().await;
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&emulator.endpoints.aliyun_ecs)
        .credentials(yun_aliyun_ecs::Credentials::new(
            yun_runtime::server::aliyun::TEST_ACCESS_KEY_ID,
            yun_runtime::server::aliyun::TEST_ACCESS_KEY_SECRET,
        ))
        .build()
        .unwrap();
    let client = yun_aliyun_ecs::Client::new(config);
    let timing = ecs_flows::Timing { running: FAST, stopped: FAST, deleted: FAST };
    let flow = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    // The guide's stock query: ecs.g5.large is in stock in cn-hangzhou-h and -b (catalogue lines 911, 949).
    let stock = ecs_flows::run(&client, "cn-hangzhou", &flow(&["stock", "ecs.g5.large"]), &timing).await.unwrap();
    assert_eq!(stock, "ecs.g5.large in stock in cn-hangzhou-h cn-hangzhou-b");
    let none = ecs_flows::run(&client, "cn-hangzhou", &flow(&["stock", "ecs.g5.large", "cn-hangzhou-e"]), &timing).await.unwrap_err();
    assert!(none.to_string().contains("out of stock"), "{none}");
    // Resize: offered are the types in stock in the instance's zone.
    let run = yun_aliyun_ecs::operation::RunInstancesInput::builder()
        .region_id("cn-hangzhou")
        .image_id("ubuntu_18_04_64_20G_alibase_20190624.vhd")
        .instance_type("ecs.g5.large")
        .zone_id("cn-hangzhou-h")
        .build()
        .unwrap();
    let id = client.run_instances(run).await.unwrap().instance_id_sets.unwrap().instance_id_set.unwrap()[0].clone();
    // ModifyInstanceSpec is refused unless the instance is Stopped (the model's `from`, the
    // guide's line 1281).
    emulator.fast_forward(Duration::from_secs(10));
    let early = ecs_flows::run(&client, "cn-hangzhou", &flow(&["resize", &id, "ecs.g6.large"]), &timing).await.unwrap_err();
    assert!(early.to_string().contains("IncorrectInstanceStatus"), "{early}");
    client.stop_instance(yun_aliyun_ecs::operation::StopInstanceInput::builder().instance_id(&id).build().unwrap()).await.unwrap();
    emulator.fast_forward(Duration::from_secs(10));
    let resized = ecs_flows::run(&client, "cn-hangzhou", &flow(&["resize", &id, "ecs.g6.large"]), &timing).await.unwrap();
    assert_eq!(resized, format!("{id} → ecs.g6.large (pay-as-you-go)"));
    let read = yun_aliyun_ecs::operation::DescribeInstancesInput::builder()
        .region_id("cn-hangzhou")
        .instance_ids(vec![id.clone()])
        .build()
        .unwrap();
    let instance = client.describe_instances(read).await.unwrap().instances.unwrap().instance.unwrap().remove(0);
    assert_eq!(instance.instance_type.as_deref(), Some("ecs.g6.large"));
    let refused = ecs_flows::run(&client, "cn-hangzhou", &flow(&["resize", &id, "ecs.gn4.8xlarge"]), &timing).await.unwrap_err();
    assert!(refused.to_string().contains("not offered"), "{refused}");
}
