//! Indexed lists on the wire, as the generated crates' servers read them (query and form
//! protocols: Kingsoft's KEC, Aliyun's ECS): one rule at every depth, an operation's list
//! member (`InstanceId.N`, `DataDisk.N.Size`) and a list inside a list's structure
//! (`NetworkInterface.N.SecurityGroupId.N`) alike. An item past a gap is refused by name, the
//! first one left out too (a lone `K.2`); a list with no index is absent (a required one is
//! missing): the server neither drops nor renumbers what it was sent, nor makes an empty list
//! of nothing. Clients number
//! items by position from 1 and leave out an empty one (Alibaba Cloud's Go SDK an empty
//! string, Kingsoft's Java SDK a `null`, yun a structure with no member set; the sources are
//! cited where the rule is written, the server's list reader in `yun_runtime::server`): such
//! a list reaches the server with a gap. Kingsoft's Python SDK numbers items from 0
//! (`tests/fixtures/ksyun/sdk/python-list-form.json`, written by that SDK's own flattening
//! function): a list whose `K.0` holds an item is read from there, at every depth.

use yun_runtime::server::{Dispatch, Rejection, RejectionKind, Request};

const KEC_RUN: &str = "Action=RunInstances&ImageId=314bbaa0-6ea3-4042-ae58-4d499a0a607b&MaxCount=1&MinCount=1";

/// The request a client sends with the form body `form` (`content-type` as the SDKs send it).
fn form(form: &str) -> Request {
    let headers = vec![("content-type".to_owned(), "application/x-www-form-urlencoded; charset=utf-8".to_owned())];
    Request::new("POST", "https://kec.api.ksyun.com/", headers, form.as_bytes().to_vec())
}

fn kec(body: &str) -> Result<yun_ksyun_kec::operation::RunInstancesInput, Rejection> {
    match yun_ksyun_kec::server::OperationInput::decode(&form(&format!("{KEC_RUN}&{body}")))? {
        yun_ksyun_kec::server::OperationInput::RunInstances(input) => Ok(input),
        other => panic!("decoded as another operation: {other:?}"),
    }
}

fn refused(result: Result<impl std::fmt::Debug, Rejection>) -> (RejectionKind, String) {
    let rejection = result.expect_err("a rejection");
    (rejection.kind, rejection.parameter.unwrap_or_default())
}

#[test]
fn a_list_without_its_first_item_is_refused_by_name_at_every_depth() {
    // Was `Some([])` (an empty list made of a lone second item), then no list (an optional
    // member dropped): now the item is named.
    let lone = "NetworkInterface.1.SubnetId=subnet-1&NetworkInterface.1.SecurityGroupId.2=sg-2";
    assert_eq!(refused(kec(lone)), (RejectionKind::InvalidParameter, "NetworkInterface.1.SecurityGroupId.2".to_owned()));
    let sent = kec("NetworkInterface.1.SubnetId=subnet-1&NetworkInterface.1.SecurityGroupId.1=sg-1").unwrap();
    assert_eq!(sent.network_interface.unwrap()[0].security_group_id.as_deref(), Some(&["sg-1".to_owned()][..]));
    // An operation's list of structures: the same rule.
    assert_eq!(refused(kec("DataDisk.2.Type=SSD3.0&DataDisk.2.Size=100")), (RejectionKind::InvalidParameter, "DataDisk.2".to_owned()));
    // A first item holding only an unknown member holds no item.
    assert_eq!(refused(kec("DataDisk.1.Bogus=1&DataDisk.2.Size=100")), (RejectionKind::InvalidParameter, "DataDisk.1".to_owned()));
}

#[test]
fn an_item_past_a_gap_is_refused_by_name_at_every_depth() {
    let gap = "NetworkInterface.1.SubnetId=s&NetworkInterface.1.SecurityGroupId.1=sg-1&NetworkInterface.1.SecurityGroupId.3=sg-3";
    assert_eq!(refused(kec(gap)), (RejectionKind::InvalidParameter, "NetworkInterface.1.SecurityGroupId.3".to_owned()));
    let disks = "DataDisk.1.Type=SSD3.0&DataDisk.1.Size=100&DataDisk.3.Type=SSD3.0&DataDisk.3.Size=200";
    assert_eq!(refused(kec(disks)), (RejectionKind::InvalidParameter, "DataDisk.3".to_owned()));
    let interfaces = "NetworkInterface.1.SubnetId=a&NetworkInterface.2.SecurityGroupId.2=x&NetworkInterface.3.SubnetId=c";
    assert_eq!(refused(kec(interfaces)), (RejectionKind::InvalidParameter, "NetworkInterface.2.SecurityGroupId.2".to_owned()));
}

#[test]
fn a_required_list_sent_without_its_first_item_is_refused_by_name() {
    let stop = |body: &str| yun_ksyun_kec::server::OperationInput::decode(&form(&format!("Action=StopInstances&{body}")));
    assert_eq!(refused(stop("InstanceId.2=i-2")), (RejectionKind::InvalidParameter, "InstanceId.2".to_owned()));
    assert_eq!(refused(stop("InstanceId.1=i-1&InstanceId.3=i-3")), (RejectionKind::InvalidParameter, "InstanceId.3".to_owned()));
    assert_eq!(refused(stop("InstanceId.x=i-x")), (RejectionKind::MissingParameter, "InstanceId".to_owned()));
    assert!(stop("InstanceId.1=i-1&InstanceId.2=i-2").is_ok());
}

#[test]
fn aliyun_rpc_reads_its_lists_by_the_same_rule() {
    use yun_aliyun_ecs::server::OperationInput as Ecs;
    let run = |query: &str| match Ecs::decode(&Request::new(
        "GET",
        &format!("/?Action=RunInstances&RegionId=cn-hangzhou&{query}"),
        vec![],
        vec![],
    )) {
        Ok(Ecs::RunInstances(input)) => Ok(input),
        Ok(other) => panic!("decoded as another operation: {other:?}"),
        Err(e) => Err(e),
    };
    assert_eq!(refused(run("Tag.2.Key=k&Tag.2.Value=v")), (RejectionKind::InvalidParameter, "Tag.2".to_owned()));
    let tags = run("Tag.1.Key=a&Tag.2.Key=b").unwrap().tag.unwrap();
    assert_eq!(tags.iter().map(|t| t.key.as_deref()).collect::<Vec<_>>(), [Some("a"), Some("b")]);
    assert_eq!(refused(run("Tag.1.Key=a&Tag.3.Key=c")), (RejectionKind::InvalidParameter, "Tag.3".to_owned()));
    let nested = "NetworkInterface.1.VSwitchId=vsw-1&NetworkInterface.1.SecurityGroupIds.2=sg-2";
    assert_eq!(refused(run(nested)), (RejectionKind::InvalidParameter, "NetworkInterface.1.SecurityGroupIds.2".to_owned()));
    let gap = "NetworkInterface.1.SecurityGroupIds.1=sg-1&NetworkInterface.1.SecurityGroupIds.3=sg-3";
    assert_eq!(refused(run(gap)), (RejectionKind::InvalidParameter, "NetworkInterface.1.SecurityGroupIds.3".to_owned()));
}

#[test]
fn kingsofts_python_sdk_lists_numbered_from_zero_lose_no_item() {
    use yun_ksyun_kec::server::OperationInput as Kec;
    let fixture: serde_json::Value = serde_json::from_str(include_str!("../fixtures/ksyun/sdk/python-list-form.json")).unwrap();
    let sent = |action: &str| {
        let pairs: Vec<(String, String)> = serde_json::from_value(fixture["requests"][action].clone()).unwrap();
        assert!(pairs.iter().any(|(k, _)| k.contains(".0")), "the SDK numbers from 0: {pairs:?}");
        let mut all = vec![("Action".to_owned(), action.to_owned())];
        all.extend(pairs);
        Kec::decode(&form(&yun_runtime::request::encoding::form_encode(&all)))
    };
    match sent("StopInstances").unwrap() {
        Kec::StopInstances(input) => assert_eq!(input.instance_id, ["i-1", "i-2"]),
        other => panic!("decoded as another operation: {other:?}"),
    }
    let Kec::RunInstances(run) = sent("RunInstances").unwrap() else { panic!("not RunInstances") };
    let disks = run.data_disk.expect("two disks");
    assert_eq!(disks.iter().map(|d| d.size).collect::<Vec<_>>(), [Some(100), Some(200)]);
    let interfaces = run.network_interface.expect("one interface");
    assert_eq!(interfaces.len(), 1);
    assert_eq!(interfaces[0].subnet_id.as_deref(), Some("subnet-1"));
    assert_eq!(interfaces[0].security_group_id.as_deref(), Some(&["sg-1".to_owned(), "sg-2".to_owned()][..]));
}
