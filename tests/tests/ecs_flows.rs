//! The ECS example's flows (`specs/examples/aliyun-ecs/ecs_flows.rs`, the ECS SDK guide's
//! flows in Rust) run against a local server that plays ECS: instances move Pending →
//! Starting → Running, pages chain by NextToken, a stopped instance disappears once deleted.

use std::time::Duration;

use yun_runtime::client::retry::RetryConfig;
use yun_runtime::waiter::WaiterConfig;
use yun_runtime::Credentials;
use yun_tests::server::{Recorded, Reply, TestServer};

#[allow(dead_code)] // its `main` is the example's, not the test's
#[path = "../../specs/examples/aliyun-ecs/ecs_flows.rs"]
mod ecs_flows;

fn client(url: &str) -> yun_aliyun_ecs::Client {
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .endpoint(url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(RetryConfig::disabled())
        .build()
        .unwrap();
    yun_aliyun_ecs::Client::new(config)
}

fn fast() -> ecs_flows::Timing {
    let quick = WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(20), max_wait: Duration::from_secs(2) };
    ecs_flows::Timing { running: quick, stopped: quick, deleted: quick }
}

async fn flow(replies: Vec<Reply>, args: &[&str]) -> (Result<String, String>, Vec<Recorded>) {
    let server = TestServer::start(replies).await;
    let args: Vec<String> = args.iter().map(|a| a.to_string()).collect();
    let result = ecs_flows::run(&client(&server.url), "cn-hangzhou", &args, &fast()).await.map_err(|e| e.to_string());
    (result, server.requests())
}

fn actions(requests: &[Recorded]) -> Vec<String> {
    requests.iter().map(|r| r.header("x-acs-action").or(r.query_param("Action")).unwrap_or("?").to_owned()).collect()
}

fn instances(states: &[(&str, &str)]) -> Reply {
    let items: Vec<String> = states.iter().map(|(id, s)| format!(r#"{{"InstanceId":"{id}","Status":"{s}"}}"#)).collect();
    Reply::json(200, &format!(r#"{{"RequestId":"r","Instances":{{"Instance":[{}]}},"NextToken":""}}"#, items.join(",")))
}

#[tokio::test]
async fn create_waits_until_every_instance_runs() {
    let (result, requests) = flow(
        vec![
            Reply::json(200, r#"{"RequestId":"r","InstanceIdSets":{"InstanceIdSet":["i-1","i-2"]}}"#),
            instances(&[("i-1", "Pending"), ("i-2", "Pending")]),
            instances(&[("i-1", "Starting"), ("i-2", "Running")]),
            instances(&[("i-1", "Running"), ("i-2", "Running")]),
        ],
        &["create", "m-img", "ecs.g6.large", "sg-1", "vsw-1", "2"],
    )
    .await;
    assert_eq!(result.unwrap(), "running: i-1 i-2");
    assert_eq!(actions(&requests), ["RunInstances", "DescribeInstances", "DescribeInstances", "DescribeInstances"]);
    assert_eq!(requests[0].query_param("Amount"), Some("2"));
    assert_eq!(requests[0].query_param("InstanceChargeType"), Some("PostPaid"));
    assert_eq!(requests[1].query_param("InstanceIds"), Some(r#"["i-1","i-2"]"#));
}

#[tokio::test]
async fn list_follows_next_token() {
    let (result, requests) = flow(
        vec![
            Reply::json(200, r#"{"RequestId":"r","Instances":{"Instance":[{"InstanceId":"i-a","Status":"Running"}]},"NextToken":"t-2"}"#),
            instances(&[("i-b", "Stopped")]),
        ],
        &["list"],
    )
    .await;
    assert_eq!(result.unwrap(), "i-a Running\ni-b Stopped");
    let tokens: Vec<_> = requests.iter().map(|r| r.query_param("NextToken").map(str::to_owned)).collect();
    assert_eq!(tokens, [None, Some("t-2".into())]);
}

#[tokio::test]
async fn renew_reads_renews_and_turns_auto_renew_on() {
    let (result, requests) = flow(
        vec![
            Reply::json(
                200,
                r#"{"RequestId":"r","InstanceRenewAttributes":{"InstanceRenewAttribute":[{"InstanceId":"i-1","RenewalStatus":"Normal"}]}}"#,
            ),
            Reply::json(200, r#"{"RequestId":"r","OrderId":"o-1"}"#),
            Reply::json(200, r#"{"RequestId":"r"}"#),
        ],
        &["renew", "i-1", "3"],
    )
    .await;
    assert_eq!(result.unwrap(), "renewed i-1 for 3 month(s), order o-1; renewal was Normal, now automatic");
    assert_eq!(actions(&requests), ["DescribeInstanceAutoRenewAttribute", "RenewInstance", "ModifyInstanceAutoRenewAttribute"]);
    assert_eq!((requests[1].query_param("Period"), requests[1].query_param("PeriodUnit")), (Some("3"), Some("Month")));
    assert_eq!(requests[2].query_param("AutoRenew"), Some("true"));
}

const OFFER: &str = r#"{"RequestId":"r","AvailableZones":{"AvailableZone":[{"ZoneId":"cn-hangzhou-i","AvailableResources":{"AvailableResource":[{"Type":"InstanceType","SupportedResources":{"SupportedResource":[{"Value":"ecs.g6.xlarge","Status":"Available"},{"Value":"ecs.g6.2xlarge","Status":"SoldOut"}]}}]}}]}}"#;

#[tokio::test]
async fn resize_only_to_an_offered_type() {
    let (result, requests) =
        flow(vec![Reply::json(200, OFFER), Reply::json(200, r#"{"RequestId":"r"}"#)], &["resize", "i-1", "ecs.g6.xlarge"]).await;
    assert_eq!(result.unwrap(), "i-1 → ecs.g6.xlarge (pay-as-you-go)");
    assert_eq!(actions(&requests), ["DescribeResourcesModification", "ModifyInstanceSpec"]);
    assert_eq!(requests[0].query_param("DestinationResource"), Some("InstanceType"));

    let (result, requests) = flow(
        vec![Reply::json(200, OFFER), Reply::json(200, r#"{"RequestId":"r","OrderId":"o-9"}"#)],
        &["resize", "i-1", "ecs.g6.xlarge", "prepaid"],
    )
    .await;
    assert_eq!(result.unwrap(), "i-1 → ecs.g6.xlarge (subscription), order o-9");
    assert_eq!(actions(&requests)[1], "ModifyPrepayInstanceSpec");

    let (result, requests) = flow(vec![Reply::json(200, OFFER)], &["resize", "i-1", "ecs.g6.2xlarge"]).await;
    assert!(result.unwrap_err().contains("not offered"), "a sold-out type is refused before any change");
    assert_eq!(requests.len(), 1);
}

#[tokio::test]
async fn release_stops_waits_deletes_and_waits_until_gone() {
    let (result, requests) = flow(
        vec![
            Reply::json(200, r#"{"RequestId":"r"}"#),
            instances(&[("i-1", "Stopping")]),
            instances(&[("i-1", "Stopped")]),
            Reply::json(200, r#"{"RequestId":"r"}"#),
            instances(&[("i-1", "Stopped")]),
            instances(&[]),
        ],
        &["release", "i-1"],
    )
    .await;
    assert_eq!(result.unwrap(), "released i-1");
    assert_eq!(
        actions(&requests),
        ["StopInstance", "DescribeInstances", "DescribeInstances", "DeleteInstance", "DescribeInstances", "DescribeInstances"]
    );
}

#[tokio::test]
async fn an_unknown_flow_says_which_exist() {
    let (result, requests) = flow(vec![], &["explode"]).await;
    assert!(result.unwrap_err().contains("stock | create | list | renew | resize | release"));
    assert!(requests.is_empty());
}

#[tokio::test]
async fn stock_lists_the_zones_with_stock() {
    let zones = r#"{"RequestId":"r","AvailableZones":{"AvailableZone":[
        {"ZoneId":"cn-hangzhou-h","Status":"Available","StatusCategory":"WithStock"},
        {"ZoneId":"cn-hangzhou-i","Status":"SoldOut","StatusCategory":"WithoutStock"},
        {"ZoneId":"cn-hangzhou-j","Status":"Available","StatusCategory":"WithStock"}]}}"#;
    let (result, requests) = flow(vec![Reply::json(200, zones)], &["stock", "ecs.g6.large"]).await;
    assert_eq!(result.unwrap(), "ecs.g6.large in stock in cn-hangzhou-h cn-hangzhou-j");
    assert_eq!(actions(&requests), ["DescribeAvailableResource"]);
    assert_eq!(requests[0].query_param("DestinationResource"), Some("InstanceType"));

    let none = r#"{"RequestId":"r","AvailableZones":{"AvailableZone":[{"ZoneId":"cn-hangzhou-i","StatusCategory":"WithoutStock"}]}}"#;
    let (result, _) = flow(vec![Reply::json(200, none)], &["stock", "ecs.g6.large", "cn-hangzhou-i"]).await;
    assert!(result.unwrap_err().contains("out of stock"));
}
