//! Paginators and waiters generated from the specs' declarations, against the emulator
//! playing the service: pages numbered (SWAS) or chained by a marker (KEC) over the state it
//! holds, and instances moving through their states on its lifecycle clock (Stopped →
//! Starting → Running), never reaching the state waited for, or deleted. (Moved here from
//! `tests/tests/paginators_waiters.rs`, whose scripted server keeps the cases the emulator
//! cannot play: a failure state, a service capping the page size, an error answer to a poll;
//! and Inspur's paging through the path, from `tests/tests/inspur_client.rs`.)

mod common;

use std::time::{Duration, Instant};

use yun_runtime::paginate::StreamExt;
use yun_runtime::waiter::WaiterConfig;
use yun_runtime::Error;

/// Polls quickly, so the tests take milliseconds; gives up after `max_wait_ms`.
fn fast(max_wait_ms: u64) -> WaiterConfig {
    WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(20), max_wait: Duration::from_millis(max_wait_ms) }
}

fn swas(emulator: &yun_emulator::Emulator) -> yun_aliyun_swas::Client {
    yun_emulator::client_config::client::<yun_aliyun_swas::Client>(emulator).unwrap()
}

fn kec(emulator: &yun_emulator::Emulator) -> yun_ksyun_kec::Client {
    yun_emulator::client_config::client::<yun_ksyun_kec::Client>(emulator).unwrap()
}

fn ecs(emulator: &yun_emulator::Emulator) -> yun_aliyun_ecs::Client {
    yun_emulator::client_config::client::<yun_aliyun_ecs::Client>(emulator).unwrap()
}

/// How many requests of `action` the emulator answered on `service`.
fn requests(emulator: &yun_emulator::Emulator, service: &str, action: &str) -> usize {
    emulator.log().iter().filter(|e| e.service == service && e.action.as_deref() == Some(action)).count()
}

/// The seed catalogue's SWAS instances (the document's ace57xxx, id1, id2).
const SWAS_SEEDS: [&str; 3] = ["ace57xxx", "id1", "id2"];

#[tokio::test]
async fn page_number_paginator_follows_the_total() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").page_size(1).build().unwrap();
    let items = swas(&emulator).list_instances_paginator(input).collect_items().await.unwrap();
    let mut ids: Vec<_> = items.iter().map(|i| i.instance_id.clone().unwrap()).collect();
    ids.sort();
    assert_eq!(ids, SWAS_SEEDS);
    assert_eq!(requests(&emulator, "aliyun-swas", "ListInstances"), 3, "one page each; the total stops it, no empty page asked for");
}

#[tokio::test]
async fn the_page_cap_ends_the_stream_with_an_error() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").page_size(1).build().unwrap();
    let pages: Vec<_> = swas(&emulator).list_instances_paginator(input).max_pages(2).pages().collect().await;
    assert_eq!(pages.len(), 3);
    assert!(pages[..2].iter().all(Result::is_ok));
    let Err(e) = &pages[2] else { panic!("the cap is an error") };
    assert!(matches!(e, Error::PageCap(2)) && e.to_string().contains("max_pages"), "{e}");
    assert_eq!(requests(&emulator, "aliyun-swas", "ListInstances"), 2);
}

/// `n` KEC instances, active (their build run on the lifecycle clock); their ids.
async fn active_kec_instances(emulator: &yun_emulator::Emulator, client: &yun_ksyun_kec::Client, n: i32) -> Vec<String> {
    let run = yun_ksyun_kec::operation::RunInstancesInput::builder()
        .image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b")
        .instance_type("C1.1A")
        .subnet_id("d91f7510-2b59-4600-bc26-9c34c1b38493")
        .max_count(n)
        .min_count(1)
        .build()
        .unwrap();
    let ids: Vec<String> =
        client.run_instances(run).await.unwrap().instances_set.unwrap().into_iter().filter_map(|i| i.instance_id).collect();
    emulator.fast_forward(Duration::from_secs(600));
    ids
}

#[tokio::test]
async fn marker_paginator_follows_the_marker_until_zero() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let client = kec(&emulator);
    let created = active_kec_instances(&emulator, &client, 12).await;
    // With the catalogue's five (three active, two stopped), 17 instances; MaxResults 5 (its
    // minimum): pages of 5, 5, 5 and 2, the last one answering Marker 0.
    let input = yun_ksyun_kec::operation::DescribeInstancesInput::builder().max_results(5).build().unwrap();
    let mut items = std::pin::pin!(client.describe_instances_paginator(input).items());
    let mut ids = Vec::new();
    while let Some(item) = items.next().await {
        ids.push(item.unwrap().instance_id.unwrap());
    }
    assert_eq!(ids.len(), 17, "{ids:?}");
    assert!(created.iter().all(|id| ids.iter().filter(|i| *i == id).count() == 1), "each created instance once: {ids:?}");
    assert_eq!(requests(&emulator, "ksyun-kec", "DescribeInstances"), 4);
}

#[tokio::test]
async fn waiter_follows_the_state_machine_to_running() {
    // The lifecycle clock 10 times faster: StartInstance's 5 s of Starting take 500 ms, long
    // enough for the first poll to see Starting even on a loaded machine.
    let emulator = yun_emulator::spawn_with(yun_emulator::Config::default().lifecycle_speed(10)).await.unwrap();
    let client = swas(&emulator);
    let stop = yun_aliyun_swas::operation::StopInstanceInput::builder().region_id("cn-hangzhou").instance_id("id1").build().unwrap();
    client.stop_instance(stop).await.unwrap();
    emulator.fast_forward(Duration::from_secs(10));
    let start = yun_aliyun_swas::operation::StartInstanceInput::builder().region_id("cn-hangzhou").instance_id("id1").build().unwrap();
    client.start_instance(start).await.unwrap();
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder()
        .region_id("cn-hangzhou")
        .instance_ids(vec!["id1".into()])
        .build()
        .unwrap();
    let out = client.wait_until_instance_running_with(input, fast(5000)).await.unwrap();
    let instances = out.instances.unwrap();
    assert_eq!(instances.len(), 1);
    assert_eq!(instances[0].status.as_ref().map(|s| s.as_str()), Some("Running"));
    assert!(requests(&emulator, "aliyun-swas", "ListInstances") >= 2, "Starting at least once, then Running");
}

#[tokio::test]
async fn waiter_gives_up_at_the_deadline_naming_the_last_state() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let client = kec(&emulator);
    let ids = active_kec_instances(&emulator, &client, 1).await;
    // Nothing stops it: the waiter for Stopped polls until its deadline.
    let input = yun_ksyun_kec::operation::DescribeInstancesInput::builder().instance_id(ids).build().unwrap();
    let started = Instant::now();
    let err = client.wait_until_instance_stopped_with(input, fast(400)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(5), "bounded by max_wait");
    let Error::Waiter(e) = &err else { panic!("{err:?}") };
    assert!(!e.failed && e.last_state.as_deref() == Some("active") && e.polls >= 2, "{e:?}");
    assert!(err.to_string().contains("last state seen: active"), "{err}");
}

#[tokio::test]
async fn deleted_waiter_succeeds_when_the_instance_is_gone() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let client = ecs(&emulator);
    let run = yun_aliyun_ecs::operation::RunInstancesInput::builder()
        .region_id("cn-hangzhou")
        .image_id("ubuntu_18_04_64_20G_alibase_20190624.vhd")
        .instance_type("ecs.g5.large")
        .build()
        .unwrap();
    let id = client.run_instances(run).await.unwrap().instance_id_sets.unwrap().instance_id_set.unwrap().remove(0);
    emulator.fast_forward(Duration::from_secs(600));
    let listed = || {
        yun_aliyun_ecs::operation::DescribeInstancesInput::builder()
            .region_id("cn-hangzhou")
            .instance_ids(vec![id.clone()])
            .build()
            .unwrap()
    };
    // Still there: the waiter for its deletion gives up, the instance listed.
    let err = client.wait_until_instance_deleted_with(listed(), fast(100)).await.unwrap_err();
    assert!(matches!(err, Error::Waiter(_)), "{err:?}");
    client.stop_instance(yun_aliyun_ecs::operation::StopInstanceInput::builder().instance_id(&id).build().unwrap()).await.unwrap();
    emulator.fast_forward(Duration::from_secs(600));
    client.delete_instance(yun_aliyun_ecs::operation::DeleteInstanceInput::builder().instance_id(&id).build().unwrap()).await.unwrap();
    emulator.fast_forward(Duration::from_secs(600));
    client.wait_until_instance_deleted_with(listed(), fast(2000)).await.unwrap();
}

#[tokio::test]
async fn inspur_pages_through_the_path() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let sent = common::Recording::default();
    let config = yun_emulator::client_config::inspur(&emulator.endpoints.inspur_ecs).transport(sent.clone()).build().unwrap();
    let client = yun_inspur_ecs::Client::new(config);
    // The catalogue's three servers, two a page: page 1 then page 2, in the path
    // (`/v1/servers/{pageNo}/{pageSize}`); the total stops it.
    let first = yun_inspur_ecs::operation::ListServersInput::builder().page_no(1).page_size(2).build().unwrap();
    let all = client.list_servers_paginator(first).collect_items().await.unwrap();
    assert_eq!(all.len(), 3);
    assert!(all.iter().all(|s| s.status == Some(yun_inspur_ecs::types::ServerStatus::Active)), "{all:?}");
    let paths: Vec<String> = sent.take().iter().map(|c| c.path().to_owned()).collect();
    assert_eq!(paths, ["/v1/servers/1/2", "/v1/servers/2/2"]);
}
