//! Every sample response of the KEC document (`tests/fixtures/ksyun/samples/`, copied from
//! `003_82dd991f180413ac.txt` exactly as printed; `index.json` gives each one's line) decodes
//! into the generated output type of its action, through the same decoder the client uses,
//! and loses no field on the way.
//!
//! The document annotates some samples with `//` comments, which are not JSON: they are
//! stripped before decoding.

use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use yun_ksyun_kec::operation::*;
use yun_runtime::http::HttpResponse;

#[derive(Deserialize)]
struct Sample {
    action: String,
    file: String,
    line: usize,
}

/// Samples the document prints broken (page breaks cut them, annotations inside the JSON).
/// They must stay unparseable JSON: if one starts to parse, it moves to the checked set.
const DOCUMENT_DEFECTS: &[(&str, &str)] = &[
    ("DescribeInstanceFamilies-2.json", "the tail of the previous sample, cut by a page break"),
    ("DeleteDataGuardGroups.json", "the object is wrapped in a second pair of braces"),
    ("DescribeImages.json", "`-- 镜像类型 (common, dami_100)` annotations inside the JSON"),
    ("QueryImageList.json", "cut off mid-value"),
    ("CreateLocalVolumeSnapshot.json", "trailing comma"),
    ("DescribeRegions-2.json", "the tail of the previous sample, cut by a page break"),
    ("DescribeLocalVolumes.json", "cut off mid-list"),
    ("DescribeLocalVolumes-2.json", "the tail of the previous sample, cut by a page break"),
];

fn strip_comments(text: &str) -> String {
    text.lines()
        .map(|l| match l.find("//") {
            Some(i) if !l[..i].contains("http") && l[..i].matches('"').count() % 2 == 0 => &l[..i],
            _ => l,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Decodes `body` into `O` and checks that every field of the sample survives: the spec has
/// every response element the sample shows.
fn check<O: DeserializeOwned + Serialize>(file: &str, body: String) -> Result<(), String> {
    let sample: Value = serde_json::from_str(&body).map_err(|e| format!("{file}: {e}"))?;
    let response = HttpResponse { status: 200, headers: vec![], body: body.into_bytes().into() };
    let decoded = yun_runtime::ksyun::response::decode::<O>(&response).map_err(|e| format!("{file}: {e}"))?;
    let again = serde_json::to_value(&decoded).map_err(|e| format!("{file}: {e}"))?;
    let mut lost = Vec::new();
    missing_keys(&sample, &again, String::new(), &mut lost);
    if lost.is_empty() { Ok(()) } else { Err(format!("{file}: fields the spec does not have: {}", lost.join(", "))) }
}

fn missing_keys(sample: &Value, decoded: &Value, path: String, lost: &mut Vec<String>) {
    match (sample, decoded) {
        (Value::Object(a), Value::Object(b)) => {
            for (k, v) in a {
                match b.get(k) {
                    Some(w) => missing_keys(v, w, format!("{path}.{k}"), lost),
                    None => lost.push(format!("{path}.{k}")),
                }
            }
        }
        (Value::Array(a), Value::Array(b)) => {
            for (i, (v, w)) in a.iter().zip(b).enumerate() {
                missing_keys(v, w, format!("{path}[{i}]"), lost);
            }
        }
        _ => {}
    }
}

#[test]
fn every_document_sample_decodes_into_its_output_type() {
    let dir = yun_tests::fixture("ksyun/samples");
    let index: Vec<Sample> = serde_json::from_str(&std::fs::read_to_string(dir.join("index.json")).unwrap()).unwrap();
    assert!(index.len() >= 40, "{} samples", index.len());
    let mut failures = Vec::new();
    for sample in &index {
        let file = sample.file.as_str();
        let body = strip_comments(&std::fs::read_to_string(dir.join(file)).unwrap());
        if let Some((_, why)) = DOCUMENT_DEFECTS.iter().find(|(f, _)| *f == file) {
            assert!(serde_json::from_str::<serde_json::Value>(&body).is_err(), "{file} parses now; it was listed as {why}");
            continue;
        }
        let result = match sample.action.as_str() {
        "AddVmIntoDataGuard" => check::<AddVmIntoDataGuardOutput>(file, body),
        "AttachKey" => check::<AttachKeyOutput>(file, body),
        "AttachNetworkInterface" => check::<AttachNetworkInterfaceOutput>(file, body),
        "CopyImage" => check::<CopyImageOutput>(file, body),
        "CreateDataGuardGroup" => check::<CreateDataGuardGroupOutput>(file, body),
        "CreateImage" => check::<CreateImageOutput>(file, body),
        "CreateLocalVolumeSnapshot" => check::<CreateLocalVolumeSnapshotOutput>(file, body),
        "CreateModel" => check::<CreateModelOutput>(file, body),
        "DeleteDataGuardGroups" => check::<DeleteDataGuardGroupsOutput>(file, body),
        "DeleteLocalVolumeSnapshot" => check::<DeleteLocalVolumeSnapshotOutput>(file, body),
        "DescribeAvailabilityZones" => check::<DescribeAvailabilityZonesOutput>(file, body),
        "DescribeDataGuardCapacity" => check::<DescribeDataGuardCapacityOutput>(file, body),
        "DescribeDataGuardGroup" => check::<DescribeDataGuardGroupOutput>(file, body),
        "DescribeImages" => check::<DescribeImagesOutput>(file, body),
        "DescribeInstanceFamilies" => check::<DescribeInstanceFamiliesOutput>(file, body),
        "DescribeInstances" => check::<DescribeInstancesOutput>(file, body),
        "DescribeLocalVolumeSnapshots" => check::<DescribeLocalVolumeSnapshotsOutput>(file, body),
        "DescribeLocalVolumes" => check::<DescribeLocalVolumesOutput>(file, body),
        "DescribeModels" => check::<DescribeModelsOutput>(file, body),
        "DescribePrice" => check::<DescribePriceOutput>(file, body),
        "DescribeRegions" => check::<DescribeRegionsOutput>(file, body),
        "DescribeSpotPriceHistory" => check::<DescribeSpotPriceHistoryOutput>(file, body),
        "DetachKey" => check::<DetachKeyOutput>(file, body),
        "DetachNetworkInterface" => check::<DetachNetworkInterfaceOutput>(file, body),
        "ImportImage" => check::<ImportImageOutput>(file, body),
        "ModifyDataGuardGroups" => check::<ModifyDataGuardGroupsOutput>(file, body),
        "ModifyImageAttribute" => check::<ModifyImageAttributeOutput>(file, body),
        "ModifyImageSharePermission" => check::<ModifyImageSharePermissionOutput>(file, body),
        "ModifyInstanceAttribute" => check::<ModifyInstanceAttributeOutput>(file, body),
        "ModifyInstanceAutoDeleteTime" => check::<ModifyInstanceAutoDeleteTimeOutput>(file, body),
        "ModifyInstanceImage" => check::<ModifyInstanceImageOutput>(file, body),
        "ModifyInstanceType" => check::<ModifyInstanceTypeOutput>(file, body),
        "ModifyNetworkInterfaceAttribute" => check::<ModifyNetworkInterfaceAttributeOutput>(file, body),
        "QueryImageList" => check::<QueryImageListOutput>(file, body),
        "RebootInstances" => check::<RebootInstancesOutput>(file, body),
        "RemoveImages" => check::<RemoveImagesOutput>(file, body),
        "RemoveVmFromDataGuard" => check::<RemoveVmFromDataGuardOutput>(file, body),
        "RollbackLocalVolume" => check::<RollbackLocalVolumeOutput>(file, body),
        "RunInstances" => check::<RunInstancesOutput>(file, body),
        "StartInstances" => check::<StartInstancesOutput>(file, body),
        "StopInstances" => check::<StopInstancesOutput>(file, body),
        "TerminateInstances" => check::<TerminateInstancesOutput>(file, body),
        "TerminateModels" => check::<TerminateModelsOutput>(file, body),
            other => Err(format!("{file}: no output type for {other}")),
        };
        if let Err(e) = result {
            failures.push(format!("line {}: {e}", sample.line));
        }
    }
    assert!(failures.is_empty(), "{} of {} samples fail:\n{}", failures.len(), index.len(), failures.join("\n"));
    assert!(index.len() - DOCUMENT_DEFECTS.len() >= 40);
}
