//! The flows of `specs/examples/<crate>/` run against the emulator, with waiters configured
//! with short delays (the emulator's lifecycle clock runs 100 times faster than real time).

mod common;

use std::time::Duration;

use common::Recording;
use yun_emulator::client_config::{self, EmulatedClient};
use yun_emulator::Emulator;
use yun_runtime::waiter::WaiterConfig;
use yun_testkit::Captured;

#[allow(dead_code)]
#[path = "../../specs/examples/ksyun-kec/kec_lifecycle.rs"]
mod kec_lifecycle;

const FAST: WaiterConfig =
    WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(20), max_wait: Duration::from_secs(10) };

/// The lifecycle clock of the flows' emulators, times real time (their waiters' delays are short).
const FAST_CLOCK: u32 = 100;
/// The listing examples' clock: real time, moved by `fast_forward` only (the states they print
/// are then known).
const REAL_CLOCK: u32 = 1;

/// An emulator whose lifecycle clock runs `speed` times real time.
async fn emulator(speed: u32) -> Emulator {
    yun_emulator::spawn_with(yun_emulator::Config::default().lifecycle_speed(speed)).await.unwrap()
}

/// Every example's set-up: an emulator (clock `speed`) and a client `C` of its service,
/// configured by `yun_emulator::client_config`.
async fn emulated<C: EmulatedClient>(speed: u32) -> (Emulator, C) {
    let emulator = emulator(speed).await;
    let client = client_config::client(&emulator).unwrap();
    (emulator, client)
}

#[tokio::test]
async fn kec_run_wait_stop_wait_terminate() {
    let (_serving, client) = emulated::<yun_ksyun_kec::Client>(FAST_CLOCK).await;
    let (_, seen) = kec_lifecycle::run(&client, kec_lifecycle::Timing { running: FAST, stopped: FAST }).await.unwrap();
    assert_eq!(seen, ["active", "stopped", "deleting"]);
}

#[allow(dead_code)]
#[path = "../../specs/examples/jdcloud-vm/vm_lifecycle.rs"]
mod vm_lifecycle;

#[tokio::test]
async fn jd_create_wait_stop_wait_delete() {
    let (_serving, client) = emulated::<yun_jdcloud_vm::Client>(FAST_CLOCK).await;
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
    let (_serving, client) = emulated::<yun_aliyun_swas::Client>(FAST_CLOCK).await;
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
    let (_serving, client) = emulated::<yun_inspur_ecs::Client>(FAST_CLOCK).await;
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

fn actions(sent: &[Captured]) -> Vec<&str> {
    sent.iter().map(|c| c.action().unwrap_or("?")).collect()
}

/// An ECS client of `emulator` whose requests `Recording` keeps.
fn ecs_client(emulator: &Emulator) -> (yun_aliyun_ecs::Client, Recording) {
    let recording = Recording::default();
    let config = client_config::aliyun(&emulator.endpoints.aliyun_ecs).transport(recording.clone()).build().unwrap();
    (yun_aliyun_ecs::Client::new(config), recording)
}

#[tokio::test]
async fn ecs_guide_create_list_renew_release() {
    let emulator = emulator(FAST_CLOCK).await;
    let (client, sent) = ecs_client(&emulator);
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
    // On the wire: one RunInstances (Amount, pay-as-you-go), then the waiter's polls of the
    // created ids (a JSON list, as Aliyun's RPC sends a list of strings).
    let wire = sent.take();
    assert_eq!(actions(&wire)[0], "RunInstances");
    assert!(wire.len() >= 2 && actions(&wire)[1..].iter().all(|a| *a == "DescribeInstances"), "{:?}", actions(&wire));
    assert_eq!((wire[0].param("Amount"), wire[0].param("InstanceChargeType")), (Some("3"), Some("PostPaid")));
    assert_eq!(
        wire[1].param("InstanceIds").map(|l| serde_json::from_str::<Vec<String>>(l).unwrap()),
        Some(ids.iter().map(|i| i.to_string()).collect())
    );
    let listed = ecs_flows::run(&client, "cn-hangzhou", &flow(&["list"]), &timing).await.unwrap();
    for id in &ids {
        assert!(listed.contains(&format!("{id} Running")), "{listed}");
    }
    sent.take();
    let renewed = ecs_flows::run(&client, "cn-hangzhou", &flow(&["renew", ids[0], "2"]), &timing).await.unwrap();
    assert!(renewed.starts_with(&format!("renewed {} for 2 month(s)", ids[0])), "{renewed}");
    let wire = sent.take();
    assert_eq!(actions(&wire), ["DescribeInstanceAutoRenewAttribute", "RenewInstance", "ModifyInstanceAutoRenewAttribute"]);
    assert_eq!((wire[1].param("Period"), wire[1].param("PeriodUnit")), (Some("2"), Some("Month")));
    assert_eq!(wire[2].param("AutoRenew"), Some("true"));
    let released = ecs_flows::run(&client, "cn-hangzhou", &flow(&["release", ids[1]]), &timing).await.unwrap();
    assert_eq!(released, format!("released {}", ids[1]));
    // Stop, poll until Stopped, delete, poll until gone.
    let wire = sent.take();
    let mut steps: Vec<&str> = actions(&wire);
    steps.dedup();
    assert_eq!(steps, ["StopInstance", "DescribeInstances", "DeleteInstance", "DescribeInstances"]);
    let listed = ecs_flows::run(&client, "cn-hangzhou", &flow(&["list"]), &timing).await.unwrap();
    assert!(!listed.contains(ids[1]) && listed.contains(ids[2]), "{listed}");
    // Releasing it again: the instance is gone, the provider's not-found error.
    let again = ecs_flows::run(&client, "cn-hangzhou", &flow(&["release", ids[1]]), &timing).await.unwrap_err();
    assert!(again.to_string().contains("NotFound"), "{again}");
}

#[tokio::test]
async fn ecs_guide_list_follows_next_token_past_a_page() {
    let emulator = emulator(FAST_CLOCK).await;
    let (client, sent) = ecs_client(&emulator);
    let timing = ecs_flows::Timing { running: FAST, stopped: FAST, deleted: FAST };
    // 101 instances: the list flow asks 100 a page, so a second page follows its NextToken.
    for amount in [100, 1] {
        let run = yun_aliyun_ecs::operation::RunInstancesInput::builder()
            .region_id("cn-hangzhou")
            .image_id("ubuntu_18_04_64_20G_alibase_20190624.vhd")
            .instance_type("ecs.g5.large")
            .amount(amount)
            .build()
            .unwrap();
        client.run_instances(run).await.unwrap();
    }
    sent.take();
    let listed = ecs_flows::run(&client, "cn-hangzhou", &["list".to_owned()], &timing).await.unwrap();
    let ids: std::collections::BTreeSet<&str> = listed.lines().map(|l| l.split(' ').next().unwrap()).collect();
    assert_eq!((listed.lines().count(), ids.len()), (101, 101), "{listed}");
    let wire = sent.take();
    let tokens: Vec<Option<&str>> = wire.iter().map(|c| c.param("NextToken")).collect();
    assert_eq!(tokens.len(), 2, "{tokens:?}");
    assert!(tokens[0].is_none() && tokens[1].is_some_and(|t| !t.is_empty()), "{tokens:?}");
}

#[tokio::test]
async fn ecs_guide_an_unknown_flow_says_which_exist() {
    let emulator = emulator(FAST_CLOCK).await;
    let (client, sent) = ecs_client(&emulator);
    let timing = ecs_flows::Timing { running: FAST, stopped: FAST, deleted: FAST };
    let err = ecs_flows::run(&client, "cn-hangzhou", &["explode".to_owned()], &timing).await.unwrap_err();
    assert!(err.to_string().contains("stock | create | list | renew | resize | release"), "{err}");
    assert!(sent.take().is_empty());
}

#[tokio::test]
async fn ecs_guide_stock_and_resize_from_the_catalogue() {
    let emulator = emulator(FAST_CLOCK).await;
    let (client, sent) = ecs_client(&emulator);
    let timing = ecs_flows::Timing { running: FAST, stopped: FAST, deleted: FAST };
    let flow = |args: &[&str]| args.iter().map(|a| a.to_string()).collect::<Vec<_>>();
    // The guide's stock query: ecs.g5.large is in stock in cn-hangzhou-h and -b (catalogue lines 911, 949).
    let stock = ecs_flows::run(&client, "cn-hangzhou", &flow(&["stock", "ecs.g5.large"]), &timing).await.unwrap();
    assert_eq!(stock, "ecs.g5.large in stock in cn-hangzhou-h cn-hangzhou-b");
    let wire = sent.take();
    assert_eq!(actions(&wire), ["DescribeAvailableResource"]);
    assert_eq!((wire[0].param("DestinationResource"), wire[0].param("InstanceType")), (Some("InstanceType"), Some("ecs.g5.large")));
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
    let instance = client.describe_instances(read.clone()).await.unwrap().instances.unwrap().instance.unwrap().remove(0);
    assert_eq!(instance.instance_type.as_deref(), Some("ecs.g6.large"));
    sent.take();
    let refused = ecs_flows::run(&client, "cn-hangzhou", &flow(&["resize", &id, "ecs.gn4.8xlarge"]), &timing).await.unwrap_err();
    assert!(refused.to_string().contains("not offered"), "{refused}");
    // A type not offered is refused before any change is asked for.
    assert_eq!(actions(&sent.take()), ["DescribeResourcesModification"]);
    // A subscription instance's resize: ModifyPrepayInstanceSpec, in the Stopped state too.
    let prepaid = ecs_flows::run(&client, "cn-hangzhou", &flow(&["resize", &id, "ecs.g5.large", "prepaid"]), &timing).await.unwrap();
    assert!(prepaid.starts_with(&format!("{id} → ecs.g5.large (subscription), order")), "{prepaid}");
    let wire = sent.take();
    assert_eq!(actions(&wire), ["DescribeResourcesModification", "ModifyPrepayInstanceSpec"]);
    assert_eq!(wire[0].param("DestinationResource"), Some("InstanceType"));
    let instance = client.describe_instances(read).await.unwrap().instances.unwrap().instance.unwrap().remove(0);
    assert_eq!(instance.instance_type.as_deref(), Some("ecs.g5.large"));
}

// The listing examples, against an emulator whose lifecycle clock runs at real speed and is
// moved only by `fast_forward` (the states they print are then known).

/// The actions of `service`'s requests in the emulator's log, with their statuses.
fn logged(emulator: &Emulator, service: &str) -> Vec<(String, u16)> {
    emulator.log().into_iter().filter(|e| e.service == service).map(|e| (e.action.unwrap_or_default(), e.status)).collect()
}

/// A line's whitespace-separated columns.
fn columns(line: &str) -> Vec<&str> {
    line.split_whitespace().collect()
}

#[allow(dead_code)]
#[path = "../../specs/examples/aliyun-swas/list_instances.rs"]
mod list_instances;

#[tokio::test]
async fn swas_list_instances_pages_through_the_catalogues_instances() {
    let (emulator, client) = emulated::<yun_aliyun_swas::Client>(REAL_CLOCK).await;
    // The seed catalogue's three instances (the document's ace57xxx, id1, id2), all Running,
    // two a page: two ListInstances calls, each instance printed once.
    let lines = list_instances::run(&client, "cn-hangzhou", 2).await.unwrap();
    let mut rows: Vec<Vec<&str>> = lines.iter().map(|l| columns(l)).collect();
    rows.sort();
    assert_eq!(rows, [["ace57xxx", "-", "Running"], ["id1", "-", "Running"], ["id2", "-", "Running"]], "{lines:?}");
    assert_eq!(logged(&emulator, "aliyun-swas"), [("ListInstances".to_owned(), 200), ("ListInstances".to_owned(), 200)]);
    // A stopped instance is listed as Stopped once its transition has run.
    let stop = yun_aliyun_swas::operation::StopInstanceInput::builder().region_id("cn-hangzhou").instance_id("id1").build().unwrap();
    client.stop_instance(stop).await.unwrap();
    let lines = list_instances::run(&client, "cn-hangzhou", 100).await.unwrap();
    assert!(lines.iter().any(|l| columns(l) == ["id1", "-", "Stopping"]), "{lines:?}");
    emulator.fast_forward(Duration::from_secs(10));
    let lines = list_instances::run(&client, "cn-hangzhou", 100).await.unwrap();
    assert!(lines.iter().any(|l| columns(l) == ["id1", "-", "Stopped"]), "{lines:?}");
    assert_eq!(lines.len(), 3, "{lines:?}");
}

#[allow(dead_code)]
#[path = "../../specs/examples/aliyun-vpc/find_vswitch.rs"]
mod find_vswitch;

#[tokio::test]
async fn vpc_find_vswitch_lists_the_catalogues_vswitches() {
    let (emulator, client) = emulated::<yun_aliyun_vpc::Client>(REAL_CLOCK).await;
    // The catalogue's vSwitches (the ECS guide's, lines 732, 1011, 1523), one page of 50: id,
    // zone (the guide gives cn-hangzhou-h for one), free addresses (not given: 0), status.
    let expected = [
        ["vsw-bp1wt4qpuavdb6y6k8***", "-", "0", "free", "Available"],
        ["vsw-bp164cyonthfudn9kj****", "cn-hangzhou-h", "0", "free", "Available"],
        ["vsw-bp1ddbrxdlrcbim46****", "-", "0", "free", "Available"],
    ];
    let lines = find_vswitch::run(&client, "cn-hangzhou", "vpc-bp1example").await.unwrap();
    let rows: Vec<Vec<&str>> = lines.iter().map(|l| columns(l)).collect();
    assert_eq!(rows, expected, "{lines:?}");
    assert_eq!(logged(&emulator, "aliyun-vpc"), [("DescribeVSwitches".to_owned(), 200)]);
    // Filtered by zone (the one vSwitch the guide places in cn-hangzhou-h), by id, and paged:
    // two a page is two pages, the second holding the third vSwitch.
    let ask = |zone: Option<&str>, id: Option<&str>, page: i32, size: i32| {
        let mut input = yun_aliyun_vpc::operation::DescribeVSwitchesInput::builder().region_id("cn-hangzhou");
        if let Some(zone) = zone {
            input = input.zone_id(zone);
        }
        if let Some(id) = id {
            input = input.v_switch_id(id);
        }
        input.page_number(page).page_size(size).build().unwrap()
    };
    let ids = |output: yun_aliyun_vpc::operation::DescribeVSwitchesOutput| -> Vec<String> {
        output.v_switches.and_then(|v| v.v_switch).unwrap_or_default().into_iter().filter_map(|v| v.v_switch_id).collect()
    };
    let in_h = client.describe_v_switches(ask(Some("cn-hangzhou-h"), None, 1, 10)).await.unwrap();
    assert_eq!(ids(in_h), ["vsw-bp164cyonthfudn9kj****"]);
    assert!(ids(client.describe_v_switches(ask(Some("cn-hangzhou-b"), None, 1, 10)).await.unwrap()).is_empty());
    let one = client.describe_v_switches(ask(None, Some("vsw-bp1ddbrxdlrcbim46****"), 1, 10)).await.unwrap();
    assert_eq!(ids(one), ["vsw-bp1ddbrxdlrcbim46****"]);
    let second = client.describe_v_switches(ask(None, None, 2, 2)).await.unwrap();
    assert_eq!(second.total_count, Some(3));
    assert_eq!(ids(second), ["vsw-bp1ddbrxdlrcbim46****"]);
    // Throttled once (the admin fault, Aliyun's throttling code): the client waits and retries,
    // and the example still ends normally, with the same list.
    emulator.inject(yun_emulator::Injection {
        service: "aliyun-vpc".into(),
        action: "DescribeVSwitches".into(),
        fault: yun_emulator::Fault::Throttle { wait_ms: 10 },
        times: 1,
    });
    let before = logged(&emulator, "aliyun-vpc").len();
    let lines = find_vswitch::run(&client, "cn-hangzhou", "vpc-bp1example").await.unwrap();
    assert_eq!(lines.iter().map(|l| columns(l)).collect::<Vec<_>>(), expected, "{lines:?}");
    let after = logged(&emulator, "aliyun-vpc");
    let statuses: Vec<u16> = after[before..].iter().map(|(_, status)| *status).collect();
    assert_eq!(statuses.len(), 2, "{after:?}");
    assert!(statuses[0] >= 400 && statuses[1] == 200, "{after:?}");
}

#[allow(dead_code)]
#[path = "../../specs/examples/inspur-ecs/inspur_servers.rs"]
mod inspur_servers;

#[tokio::test]
async fn inspur_servers_lists_then_reboots() {
    let (emulator, client) = emulated::<yun_inspur_ecs::Client>(REAL_CLOCK).await;
    let id = "9168b536-cd40-4630-b43f-b259807c6e87";
    // The catalogue's three servers (the document's samples; 9168b536… named newserver), all
    // ACTIVE, two a page: two ListServers calls, each server once; no reboot without an id.
    let lines = inspur_servers::run(&client, &[], 2).await.unwrap();
    let mut rows: Vec<Vec<&str>> = lines.iter().map(|l| columns(l)).collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            ["616fb98f-46ca-475e-917e-2563e5a8cd19", "-", "ACTIVE"],
            ["726fb98f-46ca-475e-917e-2563e5a8cd20", "-", "ACTIVE"],
            [id, "newserver", "ACTIVE"],
        ],
        "{lines:?}"
    );
    let args = [id.to_owned(), "--hard".to_owned()];
    let lines = inspur_servers::run(&client, &args, 50).await.unwrap();
    assert_eq!(lines.len(), 4, "{lines:?}");
    assert_eq!(lines.last().map(String::as_str), Some(format!("rebooting {id}").as_str()), "{lines:?}");
    let actions: Vec<String> = logged(&emulator, "inspur-ecs").into_iter().map(|(a, _)| a).collect();
    assert_eq!(actions, ["ListServers", "ListServers", "ListServers", "RebootServer"]);
    // The reboot runs on the lifecycle clock: REBOOT for its 5 seconds, then ACTIVE again.
    let status = |lines: &[String]| lines.iter().map(|l| columns(l)).find(|c| c[0] == id).map(|c| c[2].to_owned());
    let lines = inspur_servers::run(&client, &[], 50).await.unwrap();
    assert_eq!(status(&lines).as_deref(), Some("REBOOT"), "{lines:?}");
    emulator.fast_forward(Duration::from_secs(10));
    let lines = inspur_servers::run(&client, &[], 50).await.unwrap();
    assert_eq!(status(&lines).as_deref(), Some("ACTIVE"), "{lines:?}");
    // Rebooting a server the emulator does not hold: the example ends with the service's error.
    let missing = ["0b3b0b1e-0000-4000-8000-000000000000".to_owned()];
    assert!(inspur_servers::run(&client, &missing, 50).await.is_err());
}

#[allow(dead_code)]
#[path = "../../specs/examples/jdcloud-vm/vm_instances.rs"]
mod vm_instances;

#[tokio::test]
async fn jd_vm_instances_pages_and_filters_by_status() {
    let (emulator, client) = emulated::<yun_jdcloud_vm::Client>(REAL_CLOCK).await;
    // Nothing yet: the example prints nothing.
    assert!(vm_instances::run(&client, "cn-north-1", None, 10).await.unwrap().is_empty());
    // Twelve VMs (vm_lifecycle's spec), running once their creation has run; one stopped.
    let spec = yun_jdcloud_vm::types::InstanceSpec::default()
        .az("cn-north-1a")
        .instance_type("g.n2.medium")
        .image_id("img-m5s0yakcyz")
        .name("listed");
    let create = yun_jdcloud_vm::operation::CreateInstancesInput::builder()
        .region_id("cn-north-1")
        .instance_spec(spec)
        .max_count(12)
        .build()
        .unwrap();
    let ids = client.create_instances(create).await.unwrap().instance_ids.unwrap();
    assert_eq!(ids.len(), 12, "{ids:?}");
    emulator.fast_forward(Duration::from_secs(600));
    let stop = yun_jdcloud_vm::operation::StopInstanceInput::builder().region_id("cn-north-1").instance_id(&ids[1]).build().unwrap();
    client.stop_instance(stop).await.unwrap();
    emulator.fast_forward(Duration::from_secs(600));
    // Every instance, ten a page (pageSize's minimum): two pages, each instance once, with its
    // status.
    let lines = vm_instances::run(&client, "cn-north-1", None, 10).await.unwrap();
    let mut rows: Vec<(String, String, String)> =
        lines.iter().map(|l| columns(l)).map(|c| (c[0].to_owned(), c[1].to_owned(), c[2].to_owned())).collect();
    rows.sort();
    let mut expected: Vec<(String, String, String)> = ids
        .iter()
        .enumerate()
        .map(|(i, id)| (id.clone(), "listed".to_owned(), if i == 1 { "stopped" } else { "running" }.to_owned()))
        .collect();
    expected.sort();
    assert_eq!(rows, expected, "{lines:?}");
    // Only the running ones (the example's argument): the stopped one is left out.
    let lines = vm_instances::run(&client, "cn-north-1", Some("running"), 10).await.unwrap();
    let mut listed: Vec<&str> = lines.iter().map(|l| columns(l)[0]).collect();
    listed.sort_unstable();
    let mut running: Vec<&str> = ids.iter().enumerate().filter(|(i, _)| *i != 1).map(|(_, id)| id.as_str()).collect();
    running.sort_unstable();
    assert_eq!(listed, running, "{lines:?}");
    let pages = logged(&emulator, "jdcloud-vm").iter().filter(|(a, _)| a == "DescribeInstances").count();
    // 1 (empty) + 2 (twelve instances, ten a page) + 2 (eleven running ones).
    assert_eq!(pages, 5);
}

#[allow(dead_code)]
#[path = "../../specs/examples/ksyun-kec/describe_instances.rs"]
mod describe_instances;

#[tokio::test]
async fn kec_describe_instances_follows_the_marker_and_lists_only_active_ones() {
    let (emulator, client) = emulated::<yun_ksyun_kec::Client>(REAL_CLOCK).await;
    // The catalogue's instances: three active (printed), two stopped (left out by the filter).
    let seeds = ["05474d8d-3f86-4be1-860f-03ff7ad63e88", "e1d996e9-d182-4510-a9c7-82b74b6d1b81", "b6a77e1a-c560-4c10-a087-84871616f067"];
    let lines = describe_instances::run(&client, 5).await.unwrap();
    let mut rows: Vec<Vec<&str>> = lines.iter().map(|l| columns(l)).collect();
    rows.sort();
    let mut expected: Vec<Vec<&str>> = seeds.iter().map(|id| vec![*id, "-", "active"]).collect();
    expected.sort();
    assert_eq!(rows, expected, "{lines:?}");
    // Seven more (kec_lifecycle's image, type and subnet), active once built; one stopped.
    let run = yun_ksyun_kec::operation::RunInstancesInput::builder()
        .image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b")
        .instance_type("C1.1A")
        .subnet_id("d91f7510-2b59-4600-bc26-9c34c1b38493")
        .instance_name("listed")
        .max_count(7)
        .min_count(1)
        .build()
        .unwrap();
    let ids: Vec<String> =
        client.run_instances(run).await.unwrap().instances_set.unwrap().into_iter().filter_map(|i| i.instance_id).collect();
    assert_eq!(ids.len(), 7, "{ids:?}");
    // While they build, none of them is active: the example prints the seeds only.
    assert_eq!(describe_instances::run(&client, 5).await.unwrap().len(), 3);
    emulator.fast_forward(Duration::from_secs(600));
    let stop = yun_ksyun_kec::operation::StopInstancesInput::builder().instance_id(vec![ids[3].clone()]).build().unwrap();
    client.stop_instances(stop).await.unwrap();
    emulator.fast_forward(Duration::from_secs(600));
    // Five a page (MaxResults' minimum): the nine active ones over two pages, each once.
    let before = logged(&emulator, "ksyun-kec").len();
    let lines = describe_instances::run(&client, 5).await.unwrap();
    let mut rows: Vec<Vec<&str>> = lines.iter().map(|l| columns(l)).collect();
    rows.sort();
    let mut expected: Vec<Vec<&str>> = seeds.iter().map(|id| vec![*id, "-", "active"]).collect();
    expected.extend(ids.iter().enumerate().filter(|(i, _)| *i != 3).map(|(_, id)| vec![id.as_str(), "listed", "active"]));
    expected.sort();
    assert_eq!(rows, expected, "{lines:?}");
    let pages = logged(&emulator, "ksyun-kec")[before..].to_vec();
    assert_eq!(pages, [("DescribeInstances".to_owned(), 200), ("DescribeInstances".to_owned(), 200)]);
}
