//! An independent check of the Kingsoft transcription: the KEC spec has exactly the actions of
//! the document (its main body's KEC actions and the three the legacy "0913"/"0530" sections
//! alone document), the actions the document puts inside KEC live in their own service's spec,
//! and every parameter a sample request sends (`tests/fixtures/ksyun/sample-wire.json`, by
//! name without indices) is a request member of its action in that spec.
//!
//! Values, indices and hosts are checked by `ksyun_sample_requests.rs`.

use yun_codegen::spec::Spec;

/// Parameters a sample request sends that the spec leaves out on purpose (the sample test
/// lists them as document typos).
const NOT_IN_SPEC: &[(&str, &str)] = &[("ImportImage", "Name")];

/// The KEC actions: the main body's (51 action names, less the three network-interface actions
/// of VPC, the three key actions of SKS and QueryImageList of Cloud Market) and the legacy
/// sections' MonitorInstances, UnmonitorInstances and DescribeInstanceVnc.
const KEC_ACTIONS: &[&str] = &[
    "RunInstances",
    "StartInstances",
    "StopInstances",
    "RebootInstances",
    "TerminateInstances",
    "ModifyInstanceImage",
    "ModifyInstanceType",
    "ModifyInstanceAttribute",
    "DescribeInstances",
    "DescribeInstanceTypeConfigs",
    "DescribeInstanceFamilies",
    "ModifyInstanceAutoDeleteTime",
    "DescribeSpotPriceHistory",
    "DescribePrice",
    "CreateModel",
    "TerminateModels",
    "DescribeModels",
    "AddVmIntoDataGuard",
    "ModifyDataGuardGroups",
    "DescribeDataGuardCapacity",
    "CreateDataGuardGroup",
    "DeleteDataGuardGroups",
    "DescribeDataGuardGroup",
    "RemoveVmFromDataGuard",
    "CreateImage",
    "DescribeImages",
    "RemoveImages",
    "ModifyImageAttribute",
    "ImportImage",
    "CopyImage",
    "DescribeImageSharePermission",
    "ModifyImageSharePermission",
    "CreateLocalVolumeSnapshot",
    "RollbackLocalVolume",
    "DescribeLocalVolumeSnapshots",
    "DeleteLocalVolumeSnapshot",
    "DescribeRegions",
    "DescribeAvailabilityZones",
    "AttachNetworkInterface",
    "ModifyNetworkInterfaceAttribute",
    "DetachNetworkInterface",
    "DescribeLocalVolumes",
    "AttachKey",
    "DetachKey",
    "MonitorInstances",
    "UnmonitorInstances",
    "DescribeInstanceVnc",
];

/// The document's actions of other services: (spec file, actions).
const OTHER_SERVICES: &[(&str, &[&str])] = &[
    ("specs/ksyun-vpc.yaml", &["CreateNetworkInterface", "DeleteNetworkInterface", "DescribeNetworkInterfaces"]),
    ("specs/ksyun-sks.yaml", &["CreateKey", "ImportKey", "DeleteKey"]),
    ("specs/ksyun-cloud-market.yaml", &["QueryImageList"]),
];

/// Operation keys whose wire action differs: (key, wire action).
const WIRE_ACTIONS: &[(&str, &str)] = &[("DescribeInstanceFamilies", "DescribeInstanceFamilys")];

/// `specs/<name>.yaml`, loaded.
fn load(file: &str) -> Spec {
    yun_tests::spec_vs_sdk::load_spec(file.strip_prefix("specs/").expect("a path under specs/")).spec
}

#[test]
fn the_kec_spec_has_exactly_the_documents_kec_actions() {
    let kec = load("specs/ksyun-kec.yaml");
    let ops = &kec.operations;
    let missing: Vec<&&str> = KEC_ACTIONS.iter().filter(|a| !ops.contains_key(**a)).collect();
    assert!(missing.is_empty(), "actions missing from the KEC spec: {missing:?}");
    assert_eq!(ops.len(), KEC_ACTIONS.len(), "the KEC spec has no action the document does not");
    for (file, actions) in OTHER_SERVICES {
        let spec = load(file);
        for a in *actions {
            assert!(spec.operations.contains_key(*a), "{a} is not in {file}");
            assert!(!ops.contains_key(*a), "{a} is still in the KEC spec");
        }
    }
    for (key, wire) in WIRE_ACTIONS {
        assert_eq!(ops.get(*key).and_then(|o| o.action.as_deref()), Some(*wire), "{key}'s wire action");
    }
    let renamed: Vec<&String> = ops.0.iter().filter(|(_, o)| o.action.is_some()).map(|(k, _)| k).collect();
    assert_eq!(renamed.len(), WIRE_ACTIONS.len(), "operations with a wire action of their own: {renamed:?}");
}

#[test]
fn every_parameter_the_samples_send_is_a_member_of_its_action() {
    let wire = yun_tests::ksyun_samples::load();
    let mut specs = vec![("specs/ksyun-kec.yaml", load("specs/ksyun-kec.yaml"))];
    for (file, _) in OTHER_SERVICES {
        specs.push((file, load(file)));
    }
    let mut problems = Vec::new();
    let mut checked = 0;
    for sample in &wire.requests {
        let op = specs
            .iter()
            .find_map(|(_, spec)| {
                spec.operations.0.iter().find(|(k, o)| *k == &sample.action || o.action.as_deref() == Some(&sample.action))
            })
            .map(|(_, o)| o)
            .unwrap_or_else(|| panic!("{}: no spec has the action {}", sample.id, sample.action));
        for p in sample.params.iter().filter(|p| p.name != "Action" && p.name != "Version") {
            let member = p.name.split('.').next().unwrap();
            if NOT_IN_SPEC.contains(&(sample.action.as_str(), member)) {
                assert!(!op.input.contains_key(member), "{}: {member} is in the spec now", sample.id);
                continue;
            }
            checked += 1;
            if !op.input.contains_key(member) {
                problems.push(format!("{}: the sample request sends `{}`", sample.id, p.name));
            }
        }
    }
    assert!(checked >= 150, "{checked} parameters checked");
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
