//! Answers from a service's seed catalogue (`specs/catalogue/<crate>.yaml`) for the lookups
//! the documents' flows make before they create anything: regions, images, stock, the
//! types a resize may choose and the vSwitches a VPC-type create names. Each answer is written in the operation's output members (wire
//! names, as the spec declares them); lookups not listed here answer from their shape.

use serde_json::{json, Value};
use yun_codegen::catalogue::Catalogue;

use crate::wire::text;

/// The lookups answered from catalogues, as (crate, action).
pub const ANSWERED: &[(&str, &str)] = &[
    ("aliyun-ecs", "DescribeRegions"),
    ("aliyun-ecs", "DescribeImages"),
    ("aliyun-ecs", "DescribeAvailableResource"),
    ("aliyun-ecs", "DescribeResourcesModification"),
    ("ksyun-kec", "DescribeImages"),
    ("aliyun-vpc", "DescribeVSwitches"),
];

fn param<'a>(input: &'a Value, key: &str) -> Option<&'a Value> {
    input.as_object()?.get(key)
}

fn param_text(input: &Value, key: &str) -> Option<String> {
    param(input, key).and_then(text).filter(|t| !t.is_empty())
}

/// The values of a list parameter (a JSON list, an indexed list or one value).
fn param_list(input: &Value, key: &str) -> Vec<String> {
    match param(input, key) {
        Some(Value::Array(items)) => items.iter().filter_map(text).collect(),
        Some(Value::String(s)) if s.contains(',') => s.split(',').map(str::to_owned).collect(),
        Some(other) => text(other).into_iter().collect(),
        None => Vec::new(),
    }
}

/// The answer of `action` on crate `service` from `catalogue`, `None` when the catalogue does
/// not answer it. `zone_of` finds a resource's zone in the state (for a resize's offer).
pub fn answer(
    service: &str,
    action: &str,
    input: &Value,
    catalogue: &Catalogue,
    zone_of: impl Fn(&str) -> Option<String>,
) -> Option<Value> {
    if !ANSWERED.contains(&(service, action)) {
        return None;
    }
    let region = param_text(input, "RegionId");
    let in_region = |r: &Option<String>| region.is_none() || r.is_none() || r == &region;
    match (service, action) {
        ("aliyun-ecs", "DescribeRegions") => {
            let regions: Vec<Value> =
                catalogue.regions.iter().map(|r| json!({"RegionId": r.id, "LocalName": r.docs, "Status": "available"})).collect();
            Some(json!({"Regions": {"Region": regions}}))
        }
        ("aliyun-ecs", "DescribeImages") => {
            let wanted = param_list(input, "ImageId");
            let all: Vec<Value> = catalogue
                .images
                .iter()
                .filter(|i| in_region(&i.region))
                .filter(|i| wanted.is_empty() || wanted.iter().any(|w| w == &i.id))
                .map(|i| json!({"ImageId": i.id, "Status": "Available"}))
                .collect();
            let size = param_text(input, "PageSize").and_then(|s| s.parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(10);
            let page = param_text(input, "PageNumber").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).max(1);
            let total = all.len();
            let items: Vec<Value> = all.into_iter().skip((page - 1).saturating_mul(size)).take(size).collect();
            Some(json!({"Images": {"Image": items}, "PageNumber": page, "PageSize": size, "TotalCount": total, "RegionId": region}))
        }
        ("aliyun-ecs", "DescribeAvailableResource") => {
            let wanted_type = param_text(input, "InstanceType");
            let wanted_zone = param_text(input, "ZoneId");
            let kind = param_text(input, "DestinationResource").unwrap_or_else(|| "InstanceType".to_owned());
            let stock: Vec<_> = catalogue
                .stock
                .iter()
                .filter(|s| wanted_type.as_ref().is_none_or(|t| t == &s.instance_type))
                .filter(|s| wanted_zone.as_ref().is_none_or(|z| z == &s.zone))
                .collect();
            Some(json!({"AvailableZones": {"AvailableZone": zones(catalogue, &stock, &kind, "Available")}}))
        }
        ("aliyun-ecs", "DescribeResourcesModification") => {
            // The types in stock in the instance's zone (every zone when it has none).
            let zone = param_text(input, "ResourceId").and_then(|id| zone_of(&id));
            let stock: Vec<_> = catalogue.stock.iter().filter(|s| zone.as_ref().is_none_or(|z| z == &s.zone)).collect();
            Some(json!({"AvailableZones": {"AvailableZone": zones(catalogue, &stock, "InstanceType", "Available")}}))
        }
        ("ksyun-kec", "DescribeImages") => {
            let wanted = param_list(input, "ImageId");
            let images: Vec<Value> = catalogue
                .images
                .iter()
                .filter(|i| wanted.is_empty() || wanted.iter().any(|w| w == &i.id))
                .map(|i| json!({"ImageId": i.id, "ImageState": "active", "IsPublic": "true"}))
                .collect();
            Some(json!({"ImagesSet": images}))
        }
        ("aliyun-vpc", "DescribeVSwitches") => Some(vswitches(input, catalogue, region.as_deref())),
        _ => None,
    }
}

/// DescribeVSwitches from the catalogue's `vsw-` networks: those of the region asked, filtered
/// by `ZoneId` (a vSwitch whose zone the catalogue does not give matches no zone asked) and
/// `VSwitchId`, paged by `PageNumber`/`PageSize` (default 10, as the spec declares) with
/// `TotalCount`. The guide names no VPC id, so `VpcId` does not filter (the emulator's
/// decision: its vSwitches are in whichever VPC is asked), and no `VpcId` is answered; `Status`
/// is `Available` (the emulator's decision: the guide creates instances in them).
fn vswitches(input: &Value, catalogue: &Catalogue, region: Option<&str>) -> Value {
    let zone = param_text(input, "ZoneId");
    let wanted = param_text(input, "VSwitchId");
    let all: Vec<Value> = catalogue
        .networks
        .iter()
        .filter(|n| n.id.starts_with("vsw-"))
        .filter(|n| region.is_none() || n.region.as_deref() == region)
        .filter(|n| zone.is_none() || n.zone == zone)
        .filter(|n| wanted.as_ref().is_none_or(|w| w == &n.id))
        .map(|n| {
            let mut item = json!({"VSwitchId": n.id, "Status": "Available"});
            if let Some(zone) = &n.zone {
                item["ZoneId"] = json!(zone);
            }
            item
        })
        .collect();
    let size = param_text(input, "PageSize").and_then(|s| s.parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(10);
    let page = param_text(input, "PageNumber").and_then(|s| s.parse::<usize>().ok()).unwrap_or(1).max(1);
    let total = all.len();
    let items: Vec<Value> = all.into_iter().skip((page - 1).saturating_mul(size)).take(size).collect();
    json!({"VSwitches": {"VSwitch": items}, "PageNumber": page, "PageSize": size, "TotalCount": total})
}

/// Stock entries grouped by zone, in the `AvailableZone` structure both ECS lookups answer.
fn zones(catalogue: &Catalogue, stock: &[&yun_codegen::catalogue::Stock], kind: &str, status: &str) -> Vec<Value> {
    let mut order: Vec<&str> = Vec::new();
    for s in stock {
        if !order.contains(&s.zone.as_str()) {
            order.push(&s.zone);
        }
    }
    order
        .into_iter()
        .map(|zone| {
            let here: Vec<&&yun_codegen::catalogue::Stock> = stock.iter().filter(|s| s.zone == zone).collect();
            let category = if here.iter().any(|s| s.status == "WithStock") { "WithStock" } else { here[0].status.as_str() };
            let region = catalogue.zones.iter().find(|z| z.id == zone).and_then(|z| z.region.clone());
            let supported: Vec<Value> =
                here.iter().map(|s| json!({"Value": s.instance_type, "Status": status, "StatusCategory": s.status})).collect();
            json!({
                "ZoneId": zone, "RegionId": region, "Status": status, "StatusCategory": category,
                "AvailableResources": {"AvailableResource": [{"Type": kind, "SupportedResources": {"SupportedResource": supported}}]},
            })
        })
        .collect()
}
