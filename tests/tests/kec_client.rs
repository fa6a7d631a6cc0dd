//! The generated KEC crate over the wire: indexed lists and nested filters in the form body
//! (POST, the default, signature in the `Authorization` header) or in the query string (GET
//! chosen per client, query-string SigV4 signature), and an XML answer decoded into the typed
//! output.
//!
//! Scripted server (`yun_tests::server`), not the emulator: indexed lists, GET/POST placement and an XML answer
//! are checked byte for byte, exact wire control the emulator does not give.

use yun_ksyun_kec::operation::{DescribeInstancesInput, RunInstancesInput};
use yun_ksyun_kec::types::{Filter, InstanceStateName, RunInstancesDataDisk};
use yun_ksyun_kec::{Client, Config, Credentials, RequestMethod};
use yun_runtime::clock::FixedClock;
use yun_tests::server::{Reply, TestServer};

fn config(url: &str) -> yun_ksyun_kec::ConfigBuilder {
    Config::builder()
        .region("cn-beijing-6")
        .endpoint(url)
        .credentials(Credentials::new("AKLTtest", "secret-for-tests"))
        .clock(FixedClock::from_unix(1_795_405_999).unwrap())
}

fn client(url: &str) -> Client {
    Client::new(config(url).build().unwrap())
}

const XML: &str = r#"<DescribeInstancesResponse><RequestId>r-1</RequestId><Marker>0</Marker><InstanceCount>1</InstanceCount>
<InstancesSet><item><InstanceId>i-1</InstanceId><InstanceName>web</InstanceName>
<InstanceState><Name>active</Name></InstanceState></item></InstancesSet></DescribeInstancesResponse>"#;

const EXPECTED: [(&str, &str); 10] = [
    ("Action", "DescribeInstances"),
    ("Version", "2016-03-04"),
    ("MaxResults", "50"),
    ("InstanceId.1", "i-1"),
    ("InstanceId.2", "i-2"),
    ("Filter.1.Name", "instance-state.name"),
    ("Filter.1.Value.1", "active"),
    ("Filter.1.Value.2", "stopped"),
    ("Filter.2.Name", "vpc-id"),
    ("Filter.2.Value.1", "vpc-1"),
];

async fn describe_with(method: RequestMethod) -> yun_tests::server::Recorded {
    let server = TestServer::start(vec![Reply::Respond {
        status: 200,
        headers: vec![("content-type".into(), "application/xml".into())],
        body: XML.into(),
    }])
    .await;
    let client = Client::new(config(&server.url).request_method(method).build().unwrap());
    let input = DescribeInstancesInput::builder()
        .instance_id(vec!["i-1".into(), "i-2".into()])
        .filter(vec![
            Filter::default().name("instance-state.name").value(vec!["active".into(), "stopped".into()]),
            Filter::default().name("vpc-id").value(vec!["vpc-1".into()]),
        ])
        .max_results(50)
        .build()
        .unwrap();
    let out = client.describe_instances(input).await.unwrap();
    assert_eq!(out.instance_count, Some(1));
    let instance = &out.instances_set.unwrap()[0];
    assert_eq!(instance.instance_state.as_ref().and_then(|s| s.name.clone()), Some(InstanceStateName::Active));
    server.requests().remove(0)
}

#[tokio::test]
async fn describe_instances_posts_indexed_lists_and_filters_in_the_form_body() {
    let r = describe_with(RequestMethod::Post).await;
    assert_eq!(r.method, "POST");
    assert!(r.query.is_empty(), "nothing in the URL: {:?}", r.query);
    assert_eq!(r.form(), EXPECTED.map(|(k, v)| (k.to_owned(), v.to_owned())).to_vec(), "every parameter, in order");
    let auth = r.header("authorization").unwrap();
    assert!(auth.starts_with("AWS4-HMAC-SHA256 Credential=AKLTtest/20261123/cn-beijing-6/kec/aws4_request"), "{auth}");
}

#[tokio::test]
async fn describe_instances_by_get_puts_everything_and_the_signature_in_the_query() {
    let r = describe_with(RequestMethod::Get).await;
    assert_eq!(r.method, "GET");
    assert!(r.body.is_empty());
    for (k, v) in EXPECTED {
        assert_eq!(r.query_param(k), Some(v), "{k}");
    }
    assert_eq!(r.query_param("X-Amz-Algorithm"), Some("AWS4-HMAC-SHA256"));
    assert!(r.query_param("X-Amz-Signature").is_some());
    assert!(r.header("authorization").is_none());
}

#[test]
fn run_instances_reports_missing_members_and_encodes_data_disks() {
    let err = RunInstancesInput::builder().build().unwrap_err().to_string();
    for field in ["max_count", "min_count"] {
        assert!(err.contains(&format!("`{field}` is required")), "{field}: {err}");
    }
    // A launch template (ModelId) supplies them, so the spec leaves them optional (ksyun-kec.yaml, RunInstances).
    for field in ["image_id", "subnet_id", "charge_type", "security_group_id"] {
        assert!(!err.contains(&format!("`{field}` is required")), "{field}: {err}");
    }
    let disk = RunInstancesDataDisk::default().type_("SSD3.0").size(50);
    let not_uuid = RunInstancesInput::builder().image_id("IMG-1").build().unwrap_err().to_string();
    assert!(not_uuid.contains("`image_id` does not match the pattern"), "the document's UUID pattern is checked: {not_uuid}");
    let input = RunInstancesInput::builder()
        .image_id("5d8a6a1c-3a0f-4f6e-9a55-3c1e2b7d9f10")
        .max_count(1)
        .min_count(1)
        .subnet_id("d91f7510-2b9f-4a1e-9c4e-0d2a1f3b5c6e")
        .charge_type("HourlyInstantSettlement")
        .security_group_id(vec!["0a8b7c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d".into()])
        .data_disk(vec![disk])
        .build()
        .unwrap();
    let (mut q, mut b) = (yun_runtime::operation::params::Params::new(), yun_runtime::operation::params::Params::new());
    yun_runtime::Operation::write_params(&input, &mut q, &mut b);
    assert_eq!(q.get("DataDisk.1.Type"), Some("SSD3.0"));
    assert_eq!(q.get("DataDisk.1.Size"), Some("50"));
    assert_eq!(q.get("SecurityGroupId.1"), Some("0a8b7c6d-1e2f-4a3b-8c9d-0e1f2a3b4c5d"));
    assert_eq!(q.get("ChargeType"), Some("HourlyInstantSettlement"));
}

#[tokio::test]
async fn common_errors_are_typed_codes() {
    use yun_ksyun_kec::ErrorCode;
    let body = "<ErrorResponse><RequestId>r-9</RequestId><Error><Type>Sender</Type><Code>SignatureDoesNotMatch</Code><Message>Signature expired: 20261123T000000Z.</Message></Error></ErrorResponse>";
    let server = TestServer::start(vec![Reply::Respond { status: 403, headers: vec![], body: body.into() }]).await;
    let input = DescribeInstancesInput::builder().build().unwrap();
    let err = client(&server.url).describe_instances(input).await.unwrap_err();
    assert_eq!(ErrorCode::of(&err), Some(ErrorCode::SignatureDoesNotMatch));
    assert_eq!(err.request_id(), Some("r-9"));
    assert_eq!(ErrorCode::from("LimitExceeded"), ErrorCode::LimitExceeded);
    assert_eq!(ErrorCode::from("Brand.New"), ErrorCode::Unknown("Brand.New".into()));
}
