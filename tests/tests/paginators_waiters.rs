//! Paginators and waiters generated from the specs' declarations, in the cases the emulator
//! cannot play: a service that gives fewer items than the page size asked for, an instance
//! reaching a failure state, an error answer to a poll. The scripted server is the right tool
//! here because each case needs an exact answer the specs' models never produce; paging over
//! state, waiting for a state, the deadline and deletion run against the emulator in
//! `emulator/tests/paginators_waiters.rs`.

use std::time::Duration;

use yun_runtime::client::retry::RetryConfig;
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
async fn a_poll_error_ends_the_wait_with_that_error() {
    let server = TestServer::start(vec![Reply::json(400, r#"{"Code":"InvalidParameter","Message":"bad","RequestId":"r"}"#)]).await;
    let input = yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").build().unwrap();
    let err = swas(&server.url).wait_until_instance_running_with(input, fast(2000)).await.unwrap_err();
    assert_eq!(err.service_code(), Some("InvalidParameter"));
}
