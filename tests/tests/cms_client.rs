//! CloudMonitor through the same Aliyun RPC runtime as ECS and SWAS: its own version on the
//! wire, the document's request (the spot reclaim lookup), and the
//! document's response decoded without loss.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it answers the document's own response sample byte
//! for byte (the emulator answers CloudMonitor from the output's shape only).

use yun_aliyun_cms::operation::DescribeSystemEventAttributeInput;
use yun_aliyun_cms::types::EventLevel;
use yun_runtime::client::retry::RetryConfig;
use yun_runtime::Credentials;
use yun_tests::server::{Reply, TestServer};

fn sample() -> String {
    std::fs::read_to_string(yun_tests::fixture("aliyun/samples/cms-DescribeSystemEventAttribute.json")).unwrap()
}

#[tokio::test]
async fn the_documents_spot_reclaim_lookup() {
    let server = TestServer::start(vec![Reply::json(200, &sample())]).await;
    let config = yun_aliyun_cms::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&server.url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    let input =
        DescribeSystemEventAttributeInput::builder().region_id("cn-hangzhou").product("ecs").start_time("1574064240000").build().unwrap();
    let out = yun_aliyun_cms::Client::new(config).describe_system_event_attribute(input).await.unwrap();
    let event = &out.system_events.as_ref().unwrap().system_event.as_ref().unwrap()[0];
    assert_eq!(event.name.as_deref(), Some("Instance:PreemptibleInstanceInterruption"));
    assert_eq!(event.level, Some(EventLevel::Warn));
    assert_eq!(event.time, Some(1_574_064_244_000));
    assert_eq!(out.success, Some(true));

    let r = &server.requests()[0];
    assert_eq!(r.header("x-acs-action"), Some("DescribeSystemEventAttribute"));
    assert_eq!(r.header("x-acs-version"), Some("2019-01-01"), "CloudMonitor's version, not ECS's");
    assert_eq!((r.query_param("Product"), r.query_param("StartTime")), (Some("ecs"), Some("1574064240000")));

    // Nothing of the sample is lost: it encodes back to the same JSON.
    let expected: serde_json::Value = serde_json::from_str(&sample()).unwrap();
    assert_eq!(serde_json::to_value(&out).unwrap(), expected);
}
