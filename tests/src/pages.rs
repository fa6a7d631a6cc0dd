//! Answers the decoding tests share: one page of instances per provider (written by hand,
//! except the KEC page, which is the KEC document's sample).

use serde_json::{json, Value};

/// An Aliyun ECS `DescribeInstances` page of three instances.
pub fn ecs_page() -> Value {
    let instance = |i: u32| {
        json!({
            "InstanceId": format!("i-{i}"), "InstanceName": format!("web-{i}"), "Status": "Running",
            "InstanceChargeType": "PostPaid", "Cpu": 2 + i, "Memory": 8192, "GPUAmount": 0,
            "DeletionProtection": i % 2 == 0, "Recyclable": false, "SpotPriceLimit": 0.98,
            "InternetMaxBandwidthOut": 5, "SerialNumber": "51d1353b", "CreationTime": "2026-11-23T03:33Z",
            "Tags": {"Tag": [{"TagKey": "env", "TagValue": "prod"}]},
            "VpcAttributes": {"VpcId": "vpc-1", "VSwitchId": "vsw-1", "PrivateIpAddress": {"IpAddress": [format!("10.0.0.{i}")]}},
        })
    };
    json!({"RequestId": "r", "TotalCount": 3, "PageNumber": 1, "PageSize": 10,
           "Instances": {"Instance": [instance(0), instance(1), instance(2)]}})
}

/// The KEC document's `DescribeInstances` sample, without its empty lists.
pub fn kec_page() -> Value {
    let text = std::fs::read_to_string(crate::fixture("ksyun/samples/1499-DescribeInstances.json")).unwrap();
    let mut v: Value = serde_json::from_str(&text).unwrap();
    strip_empty_lists(&mut v);
    v
}

/// A JD Cloud VM `DescribeInstances` page of one instance.
pub fn jd_page() -> Value {
    json!({"totalCount": 1, "instances": [{"instanceId": "i-1", "status": "running", "cpu": 2,
        "systemDisk": {"diskCategory": "cloud", "autoDelete": true, "cloudDisk": {"diskId": "vol-1", "diskSizeGB": 40}},
        "primaryNetworkInterface": {"deviceIndex": 1, "networkInterface": {"networkInterfaceId": "port-1",
            "securityGroups": [{"groupId": "sg-1"}], "primaryIp": {"privateIpAddress": "10.0.0.2"}}},
        "tags": [{"key": "k", "value": "v"}], "charge": {"chargeMode": "postpaid_by_duration"}}]})
}

/// An Inspur ECS `ListServers` page of one server.
pub fn inspur_page() -> Value {
    json!({"totalCount": 1, "servers": [{"id": "s-1", "name": "vm", "status": "active",
        "root_volume": {"volumetype": "SATA", "size": 50},
        "data_volumes": [{"volumetype": "SATA", "volumeid": "v-1", "size": 100}],
        "flavor": {"disk": 50, "ephemeral": 0, "vcpus": 2, "ram": 4096, "extra_specs": {"hw:cpu_policy": "dedicated", "n": "1"}},
        "metadata": {"k": "v"}}]})
}

/// Removes every empty list (the decoders leave an empty list absent).
pub fn strip_empty_lists(v: &mut Value) {
    match v {
        Value::Object(m) => {
            m.retain(|_, v| !matches!(v, Value::Array(a) if a.is_empty()));
            m.values_mut().for_each(strip_empty_lists);
        }
        Value::Array(a) => a.iter_mut().for_each(strip_empty_lists),
        _ => {}
    }
}
