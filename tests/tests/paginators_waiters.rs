//! Paginators and waiters generated from the specs' declarations, against a local server
//! that plays the service's side: pages numbered or chained by a marker, and an instance
//! moving through its states (Pending → Starting → Running), reaching a failure state, never
//! getting there before the deadline, or disappearing.

use std::time::{Duration, Instant};

use yun_runtime::client::retry::RetryConfig;
use yun_runtime::paginate::StreamExt;
use yun_runtime::waiter::WaiterConfig;
use yun_runtime::{Credentials, Error};
use yun_tests::server::{Reply, TestServer};

/// Polls quickly, so the tests take milliseconds; gives up after `max_wait_ms`.
fn fast(max_wait_ms: u64) -> WaiterConfig {
    WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(20), max_wait: Duration::from_millis(max_wait_ms) }
}

fn swas(url: &str) -> yun_aliyun_swas::Client {
    let config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    yun_aliyun_swas::Client::new(config)
}

fn kec(url: &str) -> yun_ksyun_kec::Client {
    let config = yun_ksyun_kec::Config::builder()
        .region("cn-beijing-6")
        .endpoint(url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    yun_ksyun_kec::Client::new(config)
}

fn jd(url: &str) -> yun_jdcloud_vm::Client {
    let config = yun_jdcloud_vm::Config::builder()
        .region("cn-north-1")
        .endpoint(url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    yun_jdcloud_vm::Client::new(config)
}

fn swas_page(ids: &[&str], total: usize) -> Reply {
    let instances: Vec<String> = ids.iter().map(|id| format!(r#"{{"InstanceId":"{id}","Status":"Running"}}"#)).collect();
    Reply::json(200, &format!(r#"{{"RequestId":"r","TotalCount":{total},"Instances":[{}]}}"#, instances.join(",")))
}

fn swas_state(state: &str) -> Reply {
    Reply::json(200, &format!(r#"{{"RequestId":"r","TotalCount":1,"Instances":[{{"InstanceId":"i-1","Status":"{state}"}}]}}"#))
}

#[tokio::test]
async fn page_number_paginator_follows_the_total() {
    let server = TestServer::start(vec![swas_page(&["i-1", "i-2"], 5), swas_page(&["i-3", "i-4"], 5), swas_page(&["i-5"], 5)]).await;
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").page_size(2).build().unwrap();
    let items = swas(&server.url).list_instances_paginator(input).collect_items().await.unwrap();
    let ids: Vec<_> = items.iter().map(|i| i.instance_id.clone().unwrap()).collect();
    assert_eq!(ids, ["i-1", "i-2", "i-3", "i-4", "i-5"]);
    let pages: Vec<_> = server.requests().iter().map(|r| r.query_param("PageNumber").map(str::to_owned)).collect();
    assert_eq!(pages, [None, Some("2".into()), Some("3".into())], "the first page is the caller's; then 2 and 3; the total stops it");
}

#[tokio::test]
async fn the_page_cap_ends_the_stream_with_an_error() {
    let server = TestServer::start(vec![swas_page(&["i-1", "i-2"], 100)]).await;
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").page_size(2).build().unwrap();
    let pages: Vec<_> = swas(&server.url).list_instances_paginator(input).max_pages(3).pages().collect().await;
    assert_eq!(pages.len(), 4);
    assert!(pages[..3].iter().all(Result::is_ok));
    let Err(e) = &pages[3] else { panic!("the cap is an error") };
    assert!(matches!(e, Error::PageCap(3)) && e.to_string().contains("max_pages"), "{e}");
    assert_eq!(server.requests().len(), 3);
}

#[tokio::test]
async fn marker_paginator_follows_the_marker_until_zero() {
    let page = |marker: u32, ids: &[&str]| {
        let set: Vec<String> = ids.iter().map(|id| format!(r#"{{"InstanceId":"{id}"}}"#)).collect();
        Reply::json(200, &format!(r#"{{"RequestId":"r","Marker":{marker},"InstanceCount":5,"InstancesSet":[{}]}}"#, set.join(",")))
    };
    let server = TestServer::start(vec![page(2, &["a", "b"]), page(4, &["c", "d"]), page(0, &["e"])]).await;
    let input = yun_ksyun_kec::operation::DescribeInstancesInput::builder().build().unwrap();
    let mut items = std::pin::pin!(kec(&server.url).describe_instances_paginator(input).items());
    let mut ids = Vec::new();
    while let Some(item) = items.next().await {
        ids.push(item.unwrap().instance_id.unwrap());
    }
    assert_eq!(ids, ["a", "b", "c", "d", "e"]);
    let markers: Vec<_> = server.requests().iter().map(|r| r.param("Marker")).collect();
    assert_eq!(markers, [None, Some("2".into()), Some("4".into())]);
}

#[tokio::test]
async fn jd_pages_follow_the_total_even_when_the_service_caps_the_page_size() {
    // 25 instances; 20 asked per page, but the service gives at most 10.
    let page = |from: usize, n: usize| {
        let set: Vec<String> = (from..from + n).map(|i| format!(r#"{{"instanceId":"i-{i}","status":"running"}}"#)).collect();
        Reply::json(200, &format!(r#"{{"requestId":"r","result":{{"totalCount":25,"instances":[{}]}}}}"#, set.join(",")))
    };
    let server = TestServer::start(vec![page(0, 10), page(10, 10), page(20, 5), page(25, 0)]).await;
    let input = yun_jdcloud_vm::operation::DescribeInstancesInput::builder().region_id("cn-north-1").page_size(20).build().unwrap();
    let items = jd(&server.url).describe_instances_paginator(input).collect_items().await.unwrap();
    assert_eq!(items.len(), 25, "a short page is not the end while the total is not reached");
    assert_eq!(server.requests().len(), 3, "the total ends it: no empty page asked for");
    assert_eq!(server.requests()[2].query_param("pageNumber"), Some("3"));
}

#[tokio::test]
async fn waiter_follows_the_state_machine_to_running() {
    let server = TestServer::start(vec![swas_state("Pending"), swas_state("Starting"), swas_state("Running")]).await;
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder()
        .region_id("cn-hangzhou")
        .instance_ids(vec!["i-1".into()])
        .build()
        .unwrap();
    let out = swas(&server.url).wait_until_instance_running_with(input, fast(2000)).await.unwrap();
    assert_eq!(out.instances.unwrap()[0].status.as_ref().map(|s| s.as_str()), Some("Running"));
    assert_eq!(server.requests().len(), 3, "Pending, Starting, Running");
}

#[tokio::test]
async fn waiter_stops_at_a_failure_state() {
    let state = |s: &str| {
        Reply::json(200, &format!(r#"{{"requestId":"r","result":{{"totalCount":1,"instances":[{{"instanceId":"i-1","status":"{s}"}}]}}}}"#))
    };
    let server = TestServer::start(vec![state("starting"), state("error")]).await;
    let input = yun_jdcloud_vm::operation::DescribeInstancesInput::builder().region_id("cn-north-1").build().unwrap();
    let err = jd(&server.url).wait_until_instance_running_with(input, fast(2000)).await.unwrap_err();
    let Error::Waiter(e) = &err else { panic!("{err:?}") };
    assert!(e.failed && e.last_state.as_deref() == Some("error") && e.polls == 2, "{e:?}");
    assert!(err.to_string().contains("failure state `error`"), "{err}");
}

#[tokio::test]
async fn waiter_gives_up_at_the_deadline_naming_the_last_state() {
    let active = Reply::json(
        200,
        r#"{"RequestId":"r","Marker":0,"InstanceCount":1,"InstancesSet":[{"InstanceId":"i-1","InstanceState":{"Name":"active"}}]}"#,
    );
    let server = TestServer::start(vec![active]).await;
    let input = yun_ksyun_kec::operation::DescribeInstancesInput::builder().instance_id(vec!["i-1".into()]).build().unwrap();
    let started = Instant::now();
    let err = kec(&server.url).wait_until_instance_stopped_with(input, fast(150)).await.unwrap_err();
    assert!(started.elapsed() < Duration::from_secs(2), "bounded by max_wait");
    let Error::Waiter(e) = &err else { panic!("{err:?}") };
    assert!(!e.failed && e.last_state.as_deref() == Some("active") && e.polls >= 3, "{e:?}");
    assert!(err.to_string().contains("last state seen: active"), "{err}");
}

#[tokio::test]
async fn deleted_waiter_succeeds_when_the_instance_is_gone() {
    let server = TestServer::start(vec![swas_state("Stopping"), swas_page(&[], 0)]).await;
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder()
        .region_id("cn-hangzhou")
        .instance_ids(vec!["i-1".into()])
        .build()
        .unwrap();
    swas(&server.url).wait_until_instance_deleted_with(input, fast(2000)).await.unwrap();
    assert_eq!(server.requests().len(), 2);
}

#[tokio::test]
async fn a_poll_error_ends_the_wait_with_that_error() {
    let server = TestServer::start(vec![Reply::json(400, r#"{"Code":"InvalidParameter","Message":"bad","RequestId":"r"}"#)]).await;
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").build().unwrap();
    let err = swas(&server.url).wait_until_instance_running_with(input, fast(2000)).await.unwrap_err();
    assert_eq!(err.service_code(), Some("InvalidParameter"));
}
