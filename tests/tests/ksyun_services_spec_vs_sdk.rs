//! `specs/ksyun-vpc.yaml` (the network-interface actions the KEC document holds) and
//! `specs/ksyun-sks.yaml` (its key actions) against Kingsoft's official SDKs: the facts in
//! `tests/fixtures/ksyun/sdk/vpc.json` and `sks.json` (made by `extract.py` from
//! kingsoftcloud-sdk-python 1.5.8.114 and ksc-sdk-java's `ksc-sdk-java-network` marshallers;
//! the Java SDK has no SKS client). The checks are KEC's (`yun_tests::spec_vs_sdk::ksyun`):
//! wire action, service and version, list versus scalar, structure members, parameters only
//! one side has; each difference fails unless allowed with a reason. Also: each spec's host
//! is the Python client's (regional for VPC, the global `sks.api.ksyun.com` for SKS).

use yun_tests::spec_vs_sdk::{self, ksyun};

/// The actions of the KEC document that belong to each service.
const VPC_ACTIONS: &[&str] = &["CreateNetworkInterface", "DeleteNetworkInterface", "DescribeNetworkInterfaces"];
const SKS_ACTIONS: &[&str] = &["CreateKey", "DeleteKey", "ImportKey"];

const VPC_ALLOWED: &[(&str, &str)] = &[];
const SKS_ALLOWED: &[(&str, &str)] = &[];

fn check(spec_file: &str, service: &str, actions: &[&str], allowed: &[(&str, &str)]) {
    let loaded = spec_vs_sdk::load_spec(spec_file);
    let spec = &loaded.spec;
    let facts = ksyun::load_facts(service);
    let mut problems = Vec::new();
    for action in actions {
        if !spec.operations.iter().any(|(k, op)| ksyun::wire_action(k, op) == *action) {
            problems.push(format!("{spec_file}: no operation sends {action}"));
        }
    }
    let (differences, counts) = ksyun::differences(spec, &facts);
    eprintln!(
        "{spec_file}: {} operations, {} parameters compared; {} differences",
        counts.operations,
        counts.parameters,
        differences.len()
    );
    assert_eq!(counts.operations, actions.len(), "{spec_file}: every operation compared, and only the service's");
    assert!(counts.parameters >= 2 * actions.len(), "{spec_file}: parameters compared ({})", counts.parameters);
    ksyun::write_report_if_asked(spec_file, spec, &facts, &differences, allowed, counts);
    problems.extend(ksyun::unexplained(&differences, allowed));
    spec_vs_sdk::assert_none(problems);
}

#[test]
fn vpc_has_the_sdks_network_interface_actions_and_forms() {
    check("ksyun-vpc.yaml", "vpc", VPC_ACTIONS, VPC_ALLOWED);
}

#[test]
fn sks_has_the_sdks_key_actions_and_forms() {
    check("ksyun-sks.yaml", "sks", SKS_ACTIONS, SKS_ALLOWED);
}

#[test]
fn the_hosts_are_the_python_clients() {
    let vpc = spec_vs_sdk::load_spec("ksyun-vpc.yaml").spec;
    let sks = spec_vs_sdk::load_spec("ksyun-sks.yaml").spec;
    // The Python clients name the global hosts; the spec's regional pattern is the same host
    // with the region after the service (`vpc.{region}.api.ksyun.com`).
    assert_eq!(ksyun::load_facts("vpc").python.endpoint, "vpc.api.ksyun.com");
    assert_eq!(vpc.service.endpoint, "vpc.{region}.api.ksyun.com");
    assert_eq!(ksyun::load_facts("sks").python.endpoint, sks.service.endpoint);
}

/// The shared checker sees a VPC list made one value and an SKS parameter renamed.
#[test]
fn the_checker_catches_changed_vpc_and_sks_specs() {
    let mut vpc = spec_vs_sdk::load_spec("ksyun-vpc.yaml").spec;
    let (before, _) = ksyun::differences(&vpc, &ksyun::load_facts("vpc"));
    assert!(before.is_empty(), "{before:?}");
    let key =
        vpc.operations.iter().find(|(k, op)| ksyun::wire_action(k, op) == "DescribeNetworkInterfaces").map(|(k, _)| k.clone()).unwrap();
    vpc.operations.0.get_mut(&key).unwrap().input.0.get_mut("NetworkInterfaceId").unwrap().ty = "string".into();
    let keys: Vec<String> = ksyun::differences(&vpc, &ksyun::load_facts("vpc")).0.into_iter().map(|d| d.key).collect();
    assert_eq!(keys, [format!("{key}.NetworkInterfaceId list(python)"), format!("{key}.NetworkInterfaceId list(java)")], "{keys:?}");

    let mut sks = spec_vs_sdk::load_spec("ksyun-sks.yaml").spec;
    let key = sks.operations.iter().find(|(k, op)| ksyun::wire_action(k, op) == "CreateKey").map(|(k, _)| k.clone()).unwrap();
    let op = sks.operations.0.get_mut(&key).unwrap();
    let member = op.input.0.shift_remove("KeyName").unwrap();
    op.input.0.insert("keyName".into(), member);
    let keys: Vec<String> = ksyun::differences(&sks, &ksyun::load_facts("sks")).0.into_iter().map(|d| d.key).collect();
    assert_eq!(keys, [format!("{key}.keyName spec-only"), format!("{key}.KeyName sdk-only(python)")], "{keys:?}");
}
