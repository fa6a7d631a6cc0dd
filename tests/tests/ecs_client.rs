//! The generated ECS and CloudMonitor crates on the wire: typed inputs encode to exactly the
//! parameters the official SDKs send (`tests/fixtures/aliyun/signing/vectors.json`, made by
//! the SDKs themselves) — flat lists of structures, JSON lists, floats, non-ASCII text.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it compares each request with the official SDKs'
//! requests parameter by parameter, exact wire control the emulator does not give.

use yun_aliyun_ecs::operation::{DescribeAvailableResourceInput, DescribeInstancesInput, ModifyInstanceSpecInput, RunInstancesInput};
use yun_aliyun_ecs::types::{
    Filter, ModifySpecDisk, ModifySpecSystemDisk, RunInstancesDataDisk, RunInstancesNetworkInterface, RunInstancesSystemDisk, Tag,
    Temporary,
};

use yun_tests::aliyun_vectors::{query_of as ours, sdk_query as sdk};

#[test]
fn run_instances_encodes_like_the_sdk() {
    let input = RunInstancesInput::builder()
        .region_id("cn-hangzhou")
        .image_id("freebsd_11_02_64_30G_alibase_20190722.vhd")
        .instance_type("ecs.g5.large")
        .security_group_id("sg-bp1fg655nh68xyz9i***")
        .v_switch_id("vsw-bp1wt4qpuavdb6y6k8***")
        .instance_name("MyFirstEcsInstance")
        .description("MyInstances")
        .internet_max_bandwidth_out(2)
        .internet_charge_type("PayByTraffic")
        .client_token("0c593ea1-3bea-11e9-b96b-88e9fe637760")
        .data_disk(vec![
            RunInstancesDataDisk::default().category("cloud_ssd").delete_with_instance(true).size(100),
            RunInstancesDataDisk::default()
                .category("cloud_essd")
                .disk_name("数据盘 2")
                .encrypted("true")
                .performance_level("PL1")
                .size(200),
        ])
        .amount(2)
        .min_amount(1)
        .tag(vec![Tag::default().key("EcsProduct").value("DocumentationDemo"), Tag::default().key("部门").value("a+b c/d=e&f")])
        .dry_run(true)
        .instance_charge_type("PostPaid")
        .host_names(vec!["web-01".into(), "web-02".into()])
        .password("Aa1()`~!@#$%^&*-_+=|{}[]:;'<>")
        .spot_price_limit(0.25)
        .spot_strategy("SpotWithPriceLimit")
        .system_disk(RunInstancesSystemDisk::default().category("cloud_essd").performance_level("PL0").size("40"))
        .user_data("IyEvYmluL3NoCmVjaG8gJ+S9oOWlvSc+L3RtcC9oaQ==")
        .build()
        .unwrap();
    // The vector's password has every allowed special character: 33 characters, more than
    // the 8 to 30 the service accepts, which build() refuses; here it is cut to 30.
    let mut expected = sdk("acs3_ecs_run_instances");
    expected.insert("Password".into(), "Aa1()`~!@#$%^&*-_+=|{}[]:;'<>".into());
    assert_eq!(ours(&input), expected);
    assert!(!format!("{input:?}").contains("Aa1()"), "the password stays out of Debug");
    let too_long = RunInstancesInput::builder().region_id("cn-hangzhou").password("Aa1()`~!@#$%^&*-_+=|{}[]:;'<>,.?/").build();
    let e = too_long.unwrap_err().to_string();
    assert!(e.contains("password") && e.contains("8 to 30") && !e.contains("Aa1()"), "{e}");

    let eni = RunInstancesInput::builder()
        .region_id("cn-hangzhou")
        .image_id("aliyun_3_x64_20G_alibase_20240819.vhd")
        .instance_type("ecs.g7.xlarge")
        .zone_id("cn-hangzhou-h")
        .client_token("token-eni")
        .network_interface(vec![RunInstancesNetworkInterface::default()
            .instance_type("Primary")
            .network_interface_name("主网卡")
            .security_group_ids(vec!["sg-1".into(), "sg-2".into()])
            .v_switch_id("vsw-1")])
        .build()
        .unwrap();
    assert_eq!(ours(&eni), sdk("acs3_ecs_run_instances_eni"));
}

#[test]
fn describe_instances_encodes_like_the_sdk() {
    let input = DescribeInstancesInput::builder()
        .region_id("cn-hangzhou")
        .additional_attributes(vec!["META_OPTIONS".into(), "DDH_CLUSTER".into()])
        .instance_charge_type("PostPaid")
        .instance_ids(vec!["i-bp18hgfai8ekoqwo0****".into(), "i-bp1ecbyds24ij63w1****".into()])
        .instance_name("抢占式实例-*")
        .instance_network_type("vpc")
        .internet_charge_type("PayByTraffic")
        .page_number(3)
        .page_size(100)
        .tag(vec![Tag::default().key("EcsProduct").value("DocumentationDemo")])
        .filter(vec![Filter::default().key("CreationStartTime").value("2017-12-05T22:40Z")])
        .build()
        .unwrap();
    assert_eq!(ours(&input), sdk("acs3_ecs_describe_instances"));

    let next = DescribeInstancesInput::builder()
        .region_id("cn-hangzhou")
        .max_results(10)
        .next_token("caeba0bbb2be03f84eb48b699f0a+/4==")
        .build()
        .unwrap();
    assert_eq!(ours(&next), sdk("acs3_ecs_describe_instances_next_token"));
}

#[test]
fn stock_and_resize_queries_encode_like_the_sdk() {
    let stock = DescribeAvailableResourceInput::builder()
        .region_id("cn-hangzhou")
        .destination_resource("InstanceType")
        .cores(2)
        .memory(8.0)
        .instance_charge_type("PostPaid")
        .instance_type("ecs.g5.large")
        .network_category("vpc")
        .spot_strategy("SpotAsPriceGo")
        .system_disk_category("cloud_ssd")
        .zone_id("cn-hangzhou-h")
        .build()
        .unwrap();
    assert_eq!(ours(&stock), sdk("acs3_ecs_describe_available_resource"));

    let resize = ModifyInstanceSpecInput::builder()
        .instance_id("i-bp1gc5z6103qs2t40****")
        .instance_type("ecs.g5.large")
        .allow_migrate_across_zone(false)
        .async_(true)
        .client_token("uuid-modify-1")
        .disk(vec![ModifySpecDisk::default().category("cloud_essd").disk_id("d-bp1").performance_level("PL2")])
        .system_disk(ModifySpecSystemDisk::default().category("cloud_essd"))
        .temporary(Temporary::default().end_time("2026-11-24T03:00Z").internet_max_bandwidth_out(10).start_time("2026-11-23T03:00Z"))
        .build()
        .unwrap();
    assert_eq!(ours(&resize), sdk("acs3_ecs_modify_instance_spec"));
}

#[test]
fn cloudmonitor_encodes_like_the_sdk() {
    use yun_aliyun_cms::operation::DescribeSystemEventAttributeInput;
    let all = DescribeSystemEventAttributeInput::builder()
        .product("ecs")
        .event_type("StatusNotification")
        .name("Instance:PreemptibleInstanceInterruption")
        .level("WARN")
        .status("Normal")
        .group_id("0")
        .search_keywords("delete and i-bp19w6o2tqa9jvoh8****")
        .start_time("1574064240000")
        .end_time("1574150640000")
        .page_number(1)
        .page_size(100)
        .build()
        .unwrap();
    assert_eq!(ours(&all), sdk("acs3_cms_describe_system_event_attribute"));
    let doc = DescribeSystemEventAttributeInput::builder().product("ecs").start_time("1574064240000").build().unwrap();
    assert_eq!(ours(&doc), sdk("acs3_cms_describe_system_event_attribute_doc"));
}

/// The guide's `DescribeInstanceAutoRenewAttribute` answer (line 2677) spells the instance id
/// `Instanceid`, the SDK `InstanceId`: both decode into `instance_id` (the spec's alias), and
/// an answer holding both keeps the wire name's value.
#[tokio::test]
async fn the_guides_auto_renew_answer_decodes_with_its_spelling() {
    use yun_aliyun_ecs::operation::DescribeInstanceAutoRenewAttributeInput;
    use yun_tests::server::{Reply, TestServer};

    let sample = std::fs::read_to_string(yun_tests::fixture("aliyun/samples/ecs-DescribeInstanceAutoRenewAttribute.json")).unwrap();
    let both = r#"{"RequestId":"r","InstanceRenewAttributes":{"InstanceRenewAttribute":[{"Instanceid":"i-alias","InstanceId":"i-wire"}]}}"#;
    let server = TestServer::start(vec![Reply::json(200, &sample), Reply::json(200, both)]).await;
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&server.url)
        .credentials(yun_runtime::Credentials::new("ak", "sk"))
        .retry(yun_runtime::client::retry::RetryConfig::disabled())
        .build()
        .unwrap();
    let client = yun_aliyun_ecs::Client::new(config);
    let input = || {
        DescribeInstanceAutoRenewAttributeInput::builder()
            .region_id("cn-hangzhou")
            .instance_id(vec!["i-1111".into(), "i-2222".into()])
            .build()
            .unwrap()
    };
    let ids = |out: yun_aliyun_ecs::operation::DescribeInstanceAutoRenewAttributeOutput| -> Vec<(Option<String>, Option<bool>)> {
        out.instance_renew_attributes
            .and_then(|a| a.instance_renew_attribute)
            .unwrap_or_default()
            .into_iter()
            .map(|a| (a.instance_id, a.auto_renew_enabled))
            .collect()
    };
    let out = client.describe_instance_auto_renew_attribute(input()).await.unwrap();
    assert!(yun_aliyun_ecs::Answered::warnings(&out).is_empty(), "{:?}", yun_aliyun_ecs::Answered::warnings(&out));
    assert_eq!(out.request_id.as_deref(), Some("71FBB7A5-C793-4A0D-B17E-D6Bxxxxxxxxx"));
    assert_eq!(ids(out), [(Some("i-1111".to_owned()), Some(false)), (Some("i-2222".to_owned()), Some(false))]);
    assert_eq!(server.requests()[0].query_param("InstanceId"), Some("i-1111,i-2222"), "the guide's comma-joined ids");

    let out = client.describe_instance_auto_renew_attribute(input()).await.unwrap();
    assert_eq!(ids(out), [(Some("i-wire".to_owned()), None)]);
}

/// RenewInstance takes exactly one of Period and ExpectedRenewDay (its page, AlibabaCloudDocs/ecs
/// at 1f1e5387, RenewInstance.md:12: "必须指定其中之一，但不能同时设置"): `build()` refuses neither
/// and both, and takes the document's sample (Period alone, 002_f0be29b3ba64e6a7.txt:2577) and
/// the unified expiration day alone.
#[test]
fn renew_instance_takes_a_period_or_an_expiration_day_not_both() {
    use yun_aliyun_ecs::operation::RenewInstanceInput;
    let base = || RenewInstanceInput::builder().instance_id("i-bp67acfmxazb4p");
    assert!(base().period(1).build().is_ok());
    assert!(base().expected_renew_day(5).build().is_ok());
    let neither = base().build().unwrap_err().to_string();
    assert!(neither.contains("period") && neither.contains("expected_renew_day"), "{neither}");
    let both = base().period(1).expected_renew_day(5).build().unwrap_err().to_string();
    assert!(both.contains("period") && both.contains("expected_renew_day"), "{both}");
}
