//! The KEC lifecycle against the emulator, through the generated client: state from the
//! spec's resource model, paging as the paginator declares, refusals and signatures.

use std::time::Duration;

use yun_ksyun_kec::operation::{
    DescribeInstancesInput, RunInstancesInput, StartInstancesInput, StopInstancesInput, TerminateInstancesInput,
};
use yun_ksyun_kec::types::Filter;
use yun_ksyun_kec::{Client, Config, Credentials, StreamExt};
use yun_runtime::waiter::WaiterConfig;

const FAST: WaiterConfig =
    WaiterConfig { delay: Duration::from_millis(5), max_delay: Duration::from_millis(20), max_wait: Duration::from_secs(10) };

fn client(url: &str, key: Credentials) -> Client {
    Client::new(Config::builder().region("cn-beijing-6").endpoint(url).credentials(key).build().unwrap())
}

fn test_key() -> Credentials {
    Credentials::new(yun_runtime::server::ksyun::TEST_ACCESS_KEY_ID, yun_runtime::server::ksyun::TEST_ACCESS_KEY_SECRET)
}

fn by_id(id: &str) -> DescribeInstancesInput {
    DescribeInstancesInput::builder().instance_id(vec![id.to_owned()]).build().unwrap()
}

fn state(output: &yun_ksyun_kec::operation::DescribeInstancesOutput) -> Vec<String> {
    output.instances_set.iter().flatten().filter_map(|i| i.instance_state.as_ref()?.name.as_ref().map(ToString::to_string)).collect()
}

#[tokio::test]
async fn run_wait_stop_terminate() {
    let emulator = yun_emulator::spawn_with(yun_emulator::Config::default().lifecycle_speed(200)).await.unwrap();
    let kec = client(&emulator.endpoints.ksyun_kec, test_key());
    let run = RunInstancesInput::builder()
        .image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b")
        .instance_type("I1.1A")
        .max_count(2)
        .min_count(1)
        .subnet_id("d91f7510-2b59-4600-bc26-9c34c1b38493")
        .instance_name("web")
        .build()
        .unwrap();
    let created = kec.run_instances(run).await.unwrap();
    let ids: Vec<String> = created.instances_set.iter().flatten().filter_map(|i| i.instance_id.clone()).collect();
    assert_eq!(ids.len(), 2, "MaxCount instances: {created:?}");
    let first = ids[0].clone();
    assert_eq!(state(&kec.describe_instances(by_id(&first)).await.unwrap()), ["building"]);

    let running = kec.wait_until_instance_running_with(by_id(&first), FAST).await.unwrap();
    assert_eq!(state(&running), ["active"]);
    assert_eq!(running.instances_set.as_ref().unwrap()[0].instance_name.as_deref(), Some("web"));

    // StartInstances is accepted from stopped only: the spec's refusal, with its page's code.
    let start = StartInstancesInput::builder().instance_id(vec![first.clone()]).build().unwrap();
    let refused = kec.start_instances(start.clone()).await.unwrap_err();
    assert!(refused.to_string().contains("InstanceStateNotSupported"), "{refused}");

    kec.stop_instances(StopInstancesInput::builder().instance_id(vec![first.clone()]).build().unwrap()).await.unwrap();
    assert_eq!(state(&kec.wait_until_instance_stopped_with(by_id(&first), FAST).await.unwrap()), ["stopped"]);
    kec.start_instances(start).await.unwrap();
    kec.wait_until_instance_running_with(by_id(&first), FAST).await.unwrap();

    kec.terminate_instances(TerminateInstancesInput::builder().instance_id(vec![first.clone()]).build().unwrap()).await.unwrap();
    assert_eq!(state(&kec.describe_instances(by_id(&first)).await.unwrap()), ["deleting"]);
    emulator.fast_forward(Duration::from_secs(10));
    // In the recycle bin: hidden unless the state filter asks for it.
    assert!(state(&kec.describe_instances(by_id(&first)).await.unwrap()).is_empty());
    let recycling = Filter::default().name("instance-state.name").value(vec!["recycling".into()]);
    let asked = DescribeInstancesInput::builder().instance_id(vec![first.clone()]).filter(vec![recycling]).build().unwrap();
    assert_eq!(state(&kec.describe_instances(asked).await.unwrap()), ["recycling"]);
    emulator.fast_forward(Duration::from_secs(86_400));
    let asked = DescribeInstancesInput::builder().instance_id(vec![first.clone()]).build().unwrap();
    assert!(state(&kec.describe_instances(asked).await.unwrap()).is_empty());
}

#[tokio::test]
async fn the_paginator_pages_a_fleet_with_marker() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let kec = client(&emulator.endpoints.ksyun_kec, test_key());
    let seeded =
        kec.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap().instances_set.unwrap_or_default().len();
    for _ in 0..3 {
        let run = RunInstancesInput::builder().image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b").max_count(10).min_count(1).build().unwrap();
        kec.run_instances(run).await.unwrap();
    }
    let input = DescribeInstancesInput::builder().max_results(7).build().unwrap();
    let first = kec.describe_instances(input.clone()).await.unwrap();
    assert_eq!((first.instances_set.as_ref().map(Vec::len), first.marker), (Some(7), Some(7)));
    let items: Vec<_> = kec.describe_instances_paginator(input).items().collect().await;
    assert_eq!(items.len(), seeded + 30);
    let ids: std::collections::BTreeSet<_> = items.iter().map(|i| i.as_ref().unwrap().instance_id.clone()).collect();
    assert_eq!(ids.len(), seeded + 30, "no instance twice");
    let pages = emulator.log().iter().filter(|e| e.action.as_deref() == Some("DescribeInstances")).count();
    assert_eq!(pages, 2 + (seeded + 30).div_ceil(7), "the count, the first page, then one request per page of 7");
}

#[tokio::test]
async fn another_key_or_a_stale_signature_is_refused() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let stranger = client(&emulator.endpoints.ksyun_kec, Credentials::new("AKLTnobody", "wrong"));
    let err = stranger.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap_err();
    // A key the emulator does not know is the KEC document's `InvalidClientTokenId` (403), not a
    // signature that does not match.
    assert_eq!(yun_ksyun_kec::ErrorCode::of(&err), Some(yun_ksyun_kec::ErrorCode::InvalidClientTokenId), "{err}");
    let known_id = client(&emulator.endpoints.ksyun_kec, Credentials::new(test_key().access_key_id(), "wrong"));
    let err = known_id.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap_err();
    assert!(err.to_string().contains("SignatureDoesNotMatch"), "{err}");
    let configured = yun_emulator::spawn_with(
        yun_emulator::Config::default().key(yun_emulator::Provider::Ksyun, Credentials::new("AKLTnobody", "wrong")),
    )
    .await
    .unwrap();
    let stranger = client(&configured.endpoints.ksyun_kec, Credentials::new("AKLTnobody", "wrong"));
    stranger.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap();
    let stale = Client::new(
        Config::builder()
            .region("cn-beijing-6")
            .endpoint(&configured.endpoints.ksyun_kec)
            .credentials(test_key())
            .clock(yun_runtime::clock::FixedClock::from_unix(1_700_000_000).unwrap())
            .build()
            .unwrap(),
    );
    let err = stale.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap_err();
    assert!(err.to_string().contains("SignatureDoesNotMatch"), "{err}");
    // Another scheme's date header, which the AWS4 signature does not cover, does not make an
    // old request fresh (a replay with `x-acs-date: now` added was accepted before): the stale
    // request as the client signed it, captured, then sent with that header added.
    let transport = yun_testkit::TestTransport::new();
    transport.otherwise(yun_testkit::Reply::json(200, r#"{"RequestId":"r"}"#));
    let capturing = Client::new(
        Config::builder()
            .region("cn-beijing-6")
            .endpoint(&configured.endpoints.ksyun_kec)
            .credentials(test_key())
            .clock(yun_runtime::clock::FixedClock::from_unix(1_700_000_000).unwrap())
            .transport(transport.clone())
            .build()
            .unwrap(),
    );
    capturing.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap();
    let sent = transport.requests()[0].request().clone();
    let now = yun_runtime::clock::Clock::now(&yun_runtime::clock::SystemClock)
        .format(time::macros::format_description!("[year][month][day]T[hour][minute][second]Z"))
        .unwrap();
    let mut replay = reqwest::Client::new().request(sent.method.parse().unwrap(), &sent.url).body(sent.body.to_vec());
    for (name, value) in sent.headers.iter().filter(|(name, _)| name != "host") {
        replay = replay.header(name.as_ref(), value);
    }
    let answer = replay.header("x-acs-date", now).send().await.unwrap();
    let (status, body) = (answer.status(), answer.text().await.unwrap());
    assert_eq!(status, 403, "{body}");
    assert!(body.contains("signing time"), "{body}");
}

/// A refused signature's answer quotes neither the signature the emulator computed (a caller
/// without the key could resend it) nor the text signed (it holds passwords and tokens).
#[tokio::test]
async fn a_refused_signature_reveals_nothing_to_sign_with() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let url = format!(
        "{}/?Action=CreateInstance&AccessKeyId={}&Password=Hunter2Secret!&SecurityToken=STS.sessiontoken123&Signature=x&Timestamp=2026-11-30T09%3A00%3A00Z",
        emulator.endpoints.aliyun_ecs,
        yun_runtime::server::aliyun::TEST_ACCESS_KEY_ID
    );
    let answer = reqwest::Client::new().post(url).send().await.unwrap();
    let status = answer.status();
    let body = answer.text().await.unwrap();
    assert_eq!(status, 400, "{body}");
    assert!(body.contains("SignatureDoesNotMatch"), "{body}");
    // The gateway's own sentence (`runtime/src/server/aliyun.rs`) aside, nothing says what the
    // signature "is not" (a computed value would let a caller without the key sign).
    let said = body.replace("Specified signature is not matched with our calculation.", "");
    for secret in ["Hunter2Secret", "sessiontoken123", "string to sign", "canonical request", "is not"] {
        assert!(!said.contains(secret), "{secret} in {body}");
    }
}

/// A signature valid in every other respect but scoped to a region KEC does not have, or
/// to another service, is refused with the KEC document's `SignatureDoesNotMatch` (403).
#[tokio::test]
async fn a_signature_for_another_region_or_service_is_refused() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let elsewhere = Client::new(
        Config::builder().region("xx-nowhere-1").endpoint(&emulator.endpoints.ksyun_kec).credentials(test_key()).build().unwrap(),
    );
    let err = elsewhere.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap_err();
    assert_eq!(yun_ksyun_kec::ErrorCode::of(&err), Some(yun_ksyun_kec::ErrorCode::SignatureDoesNotMatch), "{err}");
    assert!(err.to_string().contains("xx-nowhere-1"), "{err}");
    // Another region KEC has is accepted.
    let singapore = Client::new(
        Config::builder().region("ap-singapore-1").endpoint(&emulator.endpoints.ksyun_kec).credentials(test_key()).build().unwrap(),
    );
    singapore.describe_instances(DescribeInstancesInput::builder().build().unwrap()).await.unwrap();
    // A VPC client (scope service `vpc`) sent to KEC.
    let vpc = yun_ksyun_vpc::Client::new(
        yun_ksyun_vpc::Config::builder()
            .region("cn-beijing-6")
            .endpoint(&emulator.endpoints.ksyun_kec)
            .credentials(test_key())
            .build()
            .unwrap(),
    );
    let err = vpc
        .describe_network_interfaces(yun_ksyun_vpc::operation::DescribeNetworkInterfacesInput::builder().build().unwrap())
        .await
        .unwrap_err();
    assert!(err.to_string().contains("SignatureDoesNotMatch") && err.to_string().contains("`vpc`"), "{err}");
}
