//! Paging and state leftovers of issue 19 through the generated clients: ECS
//! `DescribeInstances` by `PageNumber`/`PageSize` with its `TotalCount` (the guide's renew flow,
//! `002_f0be29b3ba64e6a7.txt:2520-2566`, pages so and reads `TotalCount`), page sizes clamped
//! as the documents state (KEC `MaxResults` over 1000 counts as 1000; ECS `MaxResults` 10..=100),
//! and idempotency tokens (the same answer for the same request, the provider's refusal for
//! a token reused with other parameters).

async fn ecs(emulator: &yun_emulator::Emulator) -> yun_aliyun_ecs::Client {
    yun_emulator::client_config::client::<yun_aliyun_ecs::Client>(emulator).unwrap()
}

fn ecs_run(amount: i32) -> yun_aliyun_ecs::operation::RunInstancesInputBuilder {
    yun_aliyun_ecs::operation::RunInstancesInput::builder()
        .region_id("cn-hangzhou")
        .image_id("ubuntu_18_04_64_20G_alibase_20190624.vhd")
        .instance_type("ecs.g5.large")
        .amount(amount)
}

fn ecs_describe() -> yun_aliyun_ecs::operation::DescribeInstancesInputBuilder {
    yun_aliyun_ecs::operation::DescribeInstancesInput::builder().region_id("cn-hangzhou")
}

#[tokio::test]
async fn ecs_pages_by_number_with_its_total_and_clamps_max_results() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let client = ecs(&emulator).await;
    let seeded = client.describe_instances(ecs_describe().page_size(100).page_number(1).build().unwrap()).await.unwrap();
    let seeded = seeded.total_count.unwrap() as usize;
    for _ in 0..3 {
        client.run_instances(ecs_run(50).build().unwrap()).await.unwrap();
    }
    let total = seeded + 150;
    // The guide's form: PageNumber and PageSize, TotalCount counts every instance.
    let page = client.describe_instances(ecs_describe().page_number(2).page_size(10).build().unwrap()).await.unwrap();
    assert_eq!(page.total_count, Some(total as i32));
    assert_eq!((page.page_number, page.page_size), (Some(2), Some(10)));
    assert_eq!(page.instances.as_ref().and_then(|i| i.instance.as_ref()).map(Vec::len), Some(10));
    // Pages cover every instance once.
    let mut ids = std::collections::BTreeSet::new();
    for number in 1..=total.div_ceil(40) {
        let page = client.describe_instances(ecs_describe().page_number(number as i32).page_size(40).build().unwrap()).await.unwrap();
        for i in page.instances.unwrap().instance.unwrap_or_default() {
            assert!(ids.insert(i.instance_id.unwrap()), "an instance on two pages");
        }
    }
    assert_eq!(ids.len(), total);
    // MaxResults: "less than 10 … 10", "greater than 100 … 100".
    let count =
        |o: &yun_aliyun_ecs::operation::DescribeInstancesOutput| o.instances.as_ref().and_then(|i| i.instance.as_ref()).map_or(0, Vec::len);
    let small = client.describe_instances(ecs_describe().max_results(3).build().unwrap()).await.unwrap();
    assert_eq!(count(&small), 10);
    let large = client.describe_instances(ecs_describe().max_results(500).build().unwrap()).await.unwrap();
    assert_eq!(count(&large), 100);
    assert!(large.next_token.is_some());
    // Every instance through the token paginator.
    use yun_aliyun_ecs::StreamExt;
    let items: Vec<_> = client.describe_instances_paginator(ecs_describe().max_results(100).build().unwrap()).items().collect().await;
    assert_eq!(items.len(), total);
}

#[tokio::test]
async fn ecs_client_tokens_return_the_first_answer() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let client = ecs(&emulator).await;
    let first = client.run_instances(ecs_run(2).client_token("retry-1").build().unwrap()).await.unwrap();
    let again = client.run_instances(ecs_run(2).client_token("retry-1").build().unwrap()).await.unwrap();
    let ids = |o: &yun_aliyun_ecs::operation::RunInstancesOutput| format!("{:?}", o.instance_id_sets);
    assert!(first.instance_id_sets.is_some());
    assert_eq!(ids(&first), ids(&again));
    let other = client.run_instances(ecs_run(2).client_token("retry-2").build().unwrap()).await.unwrap();
    assert_ne!(ids(&first), ids(&other));
    // The token again with another parameter: "ECS会返回IdempotentParameterMismatch的错误代码"
    // (help.aliyun.com/document_detail/25693), and nothing is created.
    let count = || async {
        let page = client.describe_instances(ecs_describe().page_size(100).build().unwrap()).await.unwrap();
        page.total_count.unwrap()
    };
    let before = count().await;
    for changed in [ecs_run(3).client_token("retry-1"), ecs_run(2).client_token("retry-1").instance_name("other")] {
        let err = client.run_instances(changed.build().unwrap()).await.unwrap_err();
        assert!(err.to_string().contains("HTTP 400"), "{err}");
        assert!(err.to_string().contains("IdempotentParameterMismatch"), "{err}");
        // A service error of ECS, answered by every ClientToken operation (specs/aliyun-ecs.yaml,
        // from the idempotence page).
        assert_eq!(yun_aliyun_ecs::ErrorCode::of(&err), Some(yun_aliyun_ecs::ErrorCode::IdempotentParameterMismatch));
    }
    assert_eq!(count().await, before);
    // The first request again still has its answer.
    let third = client.run_instances(ecs_run(2).client_token("retry-1").build().unwrap()).await.unwrap();
    assert_eq!(ids(&first), ids(&third));
}

#[tokio::test]
async fn jd_client_tokens_refuse_other_parameters() {
    let emulator = yun_emulator::spawn().await.unwrap();
    let client: yun_jdcloud_vm::Client = yun_emulator::client_config::client(&emulator).unwrap();
    let create = |name: &str| {
        let spec = yun_jdcloud_vm::types::InstanceSpec::default()
            .az("cn-north-1a")
            .instance_type("g.n2.medium")
            .image_id("img-m5s0yakcyz")
            .name(name);
        yun_jdcloud_vm::operation::CreateInstancesInput::builder()
            .region_id("cn-north-1")
            .instance_spec(spec)
            .client_token("jd-token")
            .build()
            .unwrap()
    };
    let first = client.create_instances(create("one")).await.unwrap().instance_ids;
    assert_eq!(client.create_instances(create("one")).await.unwrap().instance_ids, first);
    // A nested member changed: the emulator's choice for JD (its documents say nothing), its
    // parameter error.
    let err = client.create_instances(create("two")).await.unwrap_err();
    assert!(err.to_string().contains("HTTP 400"), "{err}");
    assert!(err.to_string().contains("INVALID_ARGUMENT") && err.to_string().contains("client token"), "{err}");
}

#[tokio::test]
async fn kec_max_results_over_1000_counts_as_1000() {
    use yun_ksyun_kec::operation::{DescribeInstancesInput, RunInstancesInput};
    let emulator = yun_emulator::spawn().await.unwrap();
    let kec: yun_ksyun_kec::Client = yun_emulator::client_config::client(&emulator).unwrap();
    for _ in 0..21 {
        let run = RunInstancesInput::builder().image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b").max_count(50).min_count(1).build().unwrap();
        kec.run_instances(run).await.unwrap();
    }
    let page = kec.describe_instances(DescribeInstancesInput::builder().max_results(5000).build().unwrap()).await.unwrap();
    assert_eq!(page.instances_set.map(|s| s.len()), Some(1000));
    assert_eq!(page.marker, Some(1000), "the next page starts after the 1000 answered");
    assert!(page.instance_count.unwrap() > 1000);
}

/// A store bounded per kind (`Config::resource_limit`): creates past it get each provider's
/// quota answer, and the state does not grow.
#[tokio::test]
async fn creates_past_the_resource_limit_get_the_providers_quota_answer() {
    use yun_ksyun_kec::operation::{DescribeInstancesInput, RunInstancesInput};
    // Learn how many each catalogue seeds, then run one emulator whose limit leaves 3 free.
    let instances = |saved: &serde_json::Value, service: &str| {
        saved["stores"][service]["items"].as_array().map_or(0, |items| items.iter().filter(|i| i["kind"] == "instance").count())
    };
    let probe = yun_emulator::Emulator::in_process(yun_emulator::Config::default()).unwrap().state_json();
    let (ecs_held, kec_held, jd_held) = (instances(&probe, "aliyun-ecs"), instances(&probe, "ksyun-kec"), instances(&probe, "jdcloud-vm"));
    // One limit for every service: three free for the one holding most, fewer elsewhere.
    let limit = ecs_held.max(kec_held).max(jd_held) + 3;
    let emulator = yun_emulator::spawn_with(yun_emulator::Config::default().resource_limit(limit)).await.unwrap();

    // Aliyun: all or nothing, QuotaExceed.ElasticQuota (403).
    let client = ecs(&emulator).await;
    let room = limit - ecs_held;
    let err = client.run_instances(ecs_run(room as i32 + 1).build().unwrap()).await.unwrap_err();
    assert!(err.to_string().contains("HTTP 403") && err.to_string().contains("QuotaExceed.ElasticQuota"), "{err}");
    client.run_instances(ecs_run(room as i32).build().unwrap()).await.unwrap();
    let err = client.run_instances(ecs_run(1).build().unwrap()).await.unwrap_err();
    assert!(err.to_string().contains("QuotaExceed.ElasticQuota"), "{err}");
    assert_eq!(yun_aliyun_ecs::ErrorCode::of(&err), Some(yun_aliyun_ecs::ErrorCode::QuotaExceedElasticQuota));
    let total = client.describe_instances(ecs_describe().page_size(100).build().unwrap()).await.unwrap().total_count.unwrap();
    assert_eq!(total as usize, limit);

    // Kingsoft: MaxCount past the room makes what fits, if that is at least MinCount (003:635-644).
    let kec: yun_ksyun_kec::Client = yun_emulator::client_config::client(&emulator).unwrap();
    let run = |max: i32, min: i32| {
        RunInstancesInput::builder().image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b").max_count(max).min_count(min).build().unwrap()
    };
    let room = limit - kec_held;
    let made = kec.run_instances(run(room as i32 + 5, 1)).await.unwrap();
    assert_eq!(made.instances_set.map(|s| s.len()), Some(room), "MaxCount cut to the room left");
    let err = kec.run_instances(run(2, 1)).await.unwrap_err();
    assert!(err.to_string().contains("InvalidParameterValue") && err.to_string().contains("allowed"), "{err}");
    let page = kec.describe_instances(DescribeInstancesInput::builder().max_results(1000).build().unwrap()).await.unwrap();
    assert!(page.instance_count.unwrap() as usize <= limit);

    // JD Cloud: QUOTA_EXCEEDED (429, 配额不足), with the default retries on: the runtime does
    // not take it for throttling (jdcloud::THROTTLING_CODES' `!QUOTA_EXCEEDED`), so it is sent once.
    let jd: yun_jdcloud_vm::Client = yun_emulator::client_config::client(&emulator).unwrap();
    let create = |n: i32| {
        let spec = yun_jdcloud_vm::types::InstanceSpec::default()
            .az("cn-north-1a")
            .instance_type("g.n2.medium")
            .image_id("img-m5s0yakcyz")
            .name("fleet");
        yun_jdcloud_vm::operation::CreateInstancesInput::builder().region_id("cn-north-1").instance_spec(spec).max_count(n).build().unwrap()
    };
    let room = limit - jd_held;
    jd.create_instances(create(room as i32)).await.unwrap();
    let refusals = || emulator.log().iter().filter(|e| e.service == "jdcloud-vm" && e.status == 429).count();
    let err = jd.create_instances(create(1)).await.unwrap_err();
    assert!(err.to_string().contains("HTTP 429") && err.to_string().contains("QUOTA_EXCEEDED"), "{err}");
    assert_eq!(refusals(), 1, "the quota refusal was sent once, not retried");

    // Nothing past the limit was kept.
    let saved = emulator.state_json();
    for service in ["aliyun-ecs", "ksyun-kec", "jdcloud-vm"] {
        assert_eq!(instances(&saved, service), limit, "{service}");
    }
}
