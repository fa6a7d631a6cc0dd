//! Integers wide enough (issue 13, item 2).
//!
//! - SWAS `ListInstancesTrafficPackages` answered with real-sized byte counters (a 200 GB quota
//!   is 214,748,364,800 bytes, past `i32::MAX`) decodes through the client, and so do 16-digit
//!   account ids in `ListCustomImages`.
//! - No spec member whose name or docs say bytes, data transfer, money, an account or user id,
//!   or a time (milliseconds, a timestamp) is typed `integer` (i32), unless [`ALLOWED`] says why.
//!   The evidence for each `long` is recorded in the specs (`# long from evidence: ...`) and
//!   compared with the Go SDKs' declarations for ECS and SWAS (`ecs_and_swas_widths_match_the_go_sdks`).
//!
//! Scripted server (`yun_tests::server`), not the emulator: it answers real-sized counters the emulator's
//! shape-only answers never hold.

use yun_aliyun_swas::operation::{ListCustomImagesInput, ListInstancesTrafficPackagesInput};
use yun_aliyun_swas::{Client, Config, Credentials};
use yun_codegen::spec::{Member, Scalar, TypeExpr};
use yun_tests::server::{Reply, TestServer};

const GB_200: i64 = 200 * 1024 * 1024 * 1024; // 214_748_364_800

fn client(url: &str) -> Client {
    Client::new(
        Config::builder().region("cn-hangzhou").endpoint(url).credentials(Credentials::new("AKID", "secret-for-tests")).build().unwrap(),
    )
}

#[tokio::test]
async fn swas_traffic_package_byte_counters_past_i32_decode() {
    assert_eq!(GB_200, 214_748_364_800);
    let body = r#"{
        "RequestId": "R-traffic",
        "InstanceTrafficPackageUsages": [
            {
                "InstanceId": "ace0706b2ac4454d984295a94213****",
                "TrafficPackageTotal": 214748364800,
                "TrafficUsed": 3221225472,
                "TrafficPackageRemaining": 211527139328,
                "TrafficOverflow": 0
            },
            {
                "InstanceId": "ace0706b2ac4454d984295a94213aaaa",
                "TrafficPackageTotal": 1099511627776,
                "TrafficUsed": 1100585369600,
                "TrafficPackageRemaining": 0,
                "TrafficOverflow": 1073741824
            }
        ]
    }"#;
    let server = TestServer::start(vec![Reply::json(200, body)]).await;
    let input = ListInstancesTrafficPackagesInput::builder()
        .region_id("cn-hangzhou")
        .instance_ids(vec!["ace0706b2ac4454d984295a94213****".into()])
        .build()
        .unwrap();
    let out = client(&server.url).list_instances_traffic_packages(input).await.unwrap();
    assert_eq!(out.request_id.as_deref(), Some("R-traffic"));
    let usages = out.instance_traffic_package_usages.unwrap();
    assert_eq!(usages.len(), 2);
    let quota: Option<i64> = usages[0].traffic_package_total;
    assert_eq!(quota, Some(214_748_364_800));
    assert_eq!(usages[0].traffic_used, Some(3_221_225_472));
    assert_eq!(usages[0].traffic_package_remaining, Some(211_527_139_328));
    assert_eq!(usages[0].traffic_overflow, Some(0));
    assert_eq!(usages[1].traffic_package_total, Some(1_099_511_627_776));
    assert_eq!(usages[1].traffic_used, Some(1_100_585_369_600));
    assert_eq!(usages[1].traffic_overflow, Some(1_073_741_824));
    assert_eq!(server.requests()[0].header("x-acs-action"), Some("ListInstancesTrafficPackages"));
}

#[tokio::test]
async fn swas_account_ids_past_i32_decode() {
    let body = r#"{
        "RequestId": "R-images",
        "CustomImages": [{"ImageId": "m-1", "Name": "img", "UserId": 1987654321012345}]
    }"#;
    let server = TestServer::start(vec![Reply::json(200, body)]).await;
    let input = ListCustomImagesInput::builder().region_id("cn-hangzhou").build().unwrap();
    let out = client(&server.url).list_custom_images(input).await.unwrap();
    let images = out.custom_images.unwrap();
    assert_eq!(images[0].user_id, Some(1_987_654_321_012_345_i64));
}

/// Members whose name matches a wide-value pattern but are rightly `integer`:
/// `(spec file, context.member, reason)`.
const ALLOWED: &[(&str, &str, &str)] = &[
    (
        "aliyun-swas.yaml",
        "Plan.Flow",
        "the monthly data transfer quota in GB, not bytes; alibabacloud-go/swas-open-20200601 declares *int32",
    ),
    (
        "aliyun-swas.yaml",
        "UpgradePlan.Flow",
        "the monthly data transfer quota in GB, not bytes; alibabacloud-go/swas-open-20200601 declares *int32",
    ),
    (
        "aliyun-ecs.yaml",
        "DiskDeviceMapping.RemainTime",
        "seconds left of an image import/copy task, not a point in time; alibabacloud-go/ecs-20140526 declares *int32",
    ),
    ("ksyun-kec.yaml", "RunInstances.input.PurchaseTime", PURCHASE_MONTHS),
    ("ksyun-kec.yaml", "RunInstances.input.AddressPurchaseTime", PURCHASE_MONTHS),
    ("ksyun-kec.yaml", "DescribePrice.input.PurchaseTime", PURCHASE_MONTHS),
    ("ksyun-kec.yaml", "CreateModel.input.PurchaseTime", PURCHASE_MONTHS),
    ("ksyun-kec.yaml", "CreateModel.input.AddressPurchaseTime", PURCHASE_MONTHS),
    ("ksyun-kec.yaml", "ModelSet.PurchaseTime", PURCHASE_MONTHS),
    ("ksyun-kec.yaml", "ModelSet.AddressPurchaseTime", PURCHASE_MONTHS),
];
const PURCHASE_MONTHS: &str = "a purchase duration in months (1-36 by the document); the Java SDK KscSDK/ksc-sdk-java declares Integer";

/// Why a member looks like it can pass 2^31, or `None`.
fn wide_by_name_or_docs(name: &str, docs: &str) -> Option<&'static str> {
    let n = name.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| n.contains(w));
    if has(&["byte"]) {
        return Some("bytes");
    }
    if has(&["traffic", "flow"]) {
        return Some("data transfer");
    }
    if has(&["price", "cost", "fee", "balance", "money"]) {
        return Some("money");
    }
    if ["userid", "accountid", "ownerid", "uid"].iter().any(|w| n.ends_with(w)) {
        return Some("an account or user id");
    }
    if has(&["time", "millis", "epoch"]) || name.ends_with("Ms") || n.ends_with("_ms") {
        return Some("a time");
    }
    let d = docs.to_lowercase();
    let word = |w: &str| {
        d.match_indices(w).any(|(i, _)| {
            let before = d[..i].chars().next_back().is_none_or(|c| !c.is_alphanumeric());
            let after = d[i + w.len()..].chars().next().is_none_or(|c| !c.is_alphanumeric());
            before && after
        })
    };
    if word("byte") || word("bytes") || d.contains("字节") {
        return Some("bytes (by its docs)");
    }
    if d.contains("millisecond") || d.contains("毫秒") || word("ms") || d.contains("timestamp") || d.contains("时间戳") {
        return Some("a time in milliseconds or a timestamp (by its docs)");
    }
    None
}

fn is_integer(ty: &str) -> bool {
    match TypeExpr::parse(ty) {
        Ok(TypeExpr::Scalar(Scalar::Integer)) => true,
        Ok(TypeExpr::List(inner)) | Ok(TypeExpr::Map(inner)) => matches!(*inner, TypeExpr::Scalar(Scalar::Integer)),
        _ => false,
    }
}

#[test]
fn no_wide_valued_member_is_i32_unless_allowed() {
    let dir = yun_tests::workspace_root().join("specs");
    let mut files: Vec<_> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.extension().is_some_and(|e| e == "yaml")).collect();
    files.sort();
    assert!(files.len() >= 10, "every spec is scanned: {files:?}");

    let mut found = Vec::new();
    let mut allowed_hit = Vec::new();
    for file in &files {
        let loaded = yun_codegen::load::load_file(file).unwrap_or_else(|d| panic!("{d}"));
        let spec_name = file.file_name().unwrap().to_string_lossy().into_owned();
        let mut check = |context: String, members: &mut dyn Iterator<Item = (&String, &Member)>| {
            for (name, member) in members {
                if !is_integer(&member.ty) {
                    continue;
                }
                let Some(why) = wide_by_name_or_docs(name, member.docs.as_deref().unwrap_or("")) else { continue };
                let key = format!("{context}.{name}");
                if ALLOWED.iter().any(|(s, k, _)| *s == spec_name && *k == key) {
                    allowed_hit.push((spec_name.clone(), key));
                } else {
                    found.push(format!("{spec_name} {key}: `{}` but it is {why}; make it `long`", member.ty));
                }
            }
        };
        for (shape_name, shape) in loaded.spec.shapes.iter() {
            if let Some(members) = &shape.members {
                check(shape_name.clone(), &mut members.iter());
            }
        }
        for (op_name, op) in loaded.spec.operations.iter() {
            check(format!("{op_name}.input"), &mut op.input.iter());
            check(format!("{op_name}.output"), &mut op.output.iter());
        }
    }
    assert!(found.is_empty(), "members that can pass 2^31 typed integer (i32):\n{}", found.join("\n"));
    for (spec, key, _) in ALLOWED {
        assert!(
            allowed_hit.iter().any(|(s, k)| s == spec && k == key),
            "ALLOWED entry {spec} {key} matches no integer member any more: remove it"
        );
    }
}

#[test]
fn the_name_check_catches_what_it_should() {
    for (name, docs) in [
        ("TrafficPackageTotal", ""),
        ("SizeBytes", ""),
        ("Size", "镜像文件大小，单位字节"),
        ("Size", "Unit: Byte."),
        ("TradePrice", ""),
        ("UserId", ""),
        ("CreationTime", ""),
        ("TimeoutMs", ""),
        ("Expire", "the expiry, in milliseconds since the epoch"),
    ] {
        assert!(wide_by_name_or_docs(name, docs).is_some(), "{name} / {docs}");
    }
    for (name, docs) in [
        ("Size", "The size of the disk. Unit: GiB."),
        ("sms", "是否发送短信"),
        ("PageSize", ""),
        ("TotalCount", ""),
        ("Amount", "The number of instances"),
        ("Memory", "MiB"),
    ] {
        assert!(wide_by_name_or_docs(name, docs).is_none(), "{name} / {docs}");
    }
}

fn is_long(ty: &str) -> bool {
    match TypeExpr::parse(ty) {
        Ok(TypeExpr::Scalar(Scalar::Long)) => true,
        Ok(TypeExpr::List(inner)) | Ok(TypeExpr::Map(inner)) => matches!(*inner, TypeExpr::Scalar(Scalar::Long)),
        _ => false,
    }
}

/// The widths the official Go SDKs declare, by wire name
/// (`tests/fixtures/aliyun/go-sdk/integer-widths.json`, written by `extract_integer_widths.py`
/// from alibabacloud-go/ecs-20140526 and alibabacloud-go/swas-open-20200601): every `long` of
/// the ECS and SWAS specs is a name the SDK declares `*int64` somewhere, and every name the SDK
/// declares only `*int64` (never `*int32`) is `long` wherever the spec has it.
#[test]
fn ecs_and_swas_widths_match_the_go_sdks() {
    #[derive(serde::Deserialize)]
    struct Widths {
        sdk: String,
        commit: String,
        int64: Vec<String>,
        int32: Vec<String>,
    }
    let text = std::fs::read_to_string(yun_tests::fixture("aliyun/go-sdk/integer-widths.json")).unwrap();
    let all: std::collections::BTreeMap<String, Widths> = serde_json::from_str(&text).unwrap();
    let mut problems = Vec::new();
    let mut longs = 0;
    for (crate_name, widths) in &all {
        let file = yun_tests::workspace_root().join(format!("specs/{crate_name}.yaml"));
        let loaded = yun_codegen::load::load_file(&file).unwrap_or_else(|d| panic!("{d}"));
        let mut members: Vec<(String, &Member)> = Vec::new();
        for (shape_name, shape) in loaded.spec.shapes.iter() {
            if let Some(shape_members) = &shape.members {
                members.extend(shape_members.iter().map(|(n, m)| (format!("{shape_name}.{n}"), m)));
            }
        }
        for (op_name, op) in loaded.spec.operations.iter() {
            members.extend(op.input.iter().map(|(n, m)| (format!("{op_name}.input.{n}"), m)));
            members.extend(op.output.iter().map(|(n, m)| (format!("{op_name}.output.{n}"), m)));
        }
        for (path, member) in members {
            let name = path.rsplit('.').next().unwrap();
            let sdk64 = widths.int64.iter().any(|n| n == name);
            let sdk32 = widths.int32.iter().any(|n| n == name);
            if is_long(&member.ty) {
                longs += 1;
                if !sdk64 {
                    problems.push(format!(
                        "{crate_name} {path} is long, but {}@{} declares no *int64 {name}",
                        widths.sdk,
                        &widths.commit[..7]
                    ));
                }
            } else if is_integer(&member.ty) && sdk64 && !sdk32 {
                problems.push(format!(
                    "{crate_name} {path} is integer, but {}@{} declares {name} only as *int64",
                    widths.sdk,
                    &widths.commit[..7]
                ));
            }
        }
    }
    assert!(longs >= 20, "the specs' longs are found ({longs})");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
