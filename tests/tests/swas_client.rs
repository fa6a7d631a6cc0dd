//! The generated SWAS crate end to end: typed inputs encode to exactly the parameters the
//! official SDK sends, and the client sends them, signed, to a local server.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it checks the exact parameters sent and decodes
//! chosen error answers, exact wire control the emulator does not give.

use yun_aliyun_swas::operation::*;
use yun_aliyun_swas::types::{InstanceStatus, LoginCredentials, Tag};
use yun_aliyun_swas::{Client, Config, Credentials, ErrorCode, SignatureVersion};
use yun_runtime::clock::{FixedClock, FixedNonce};
use yun_tests::server::{Reply, TestServer};

use yun_tests::aliyun_vectors::{query_of as params, sdk_query as sdk_params};

#[test]
fn typed_inputs_encode_like_the_official_sdk() {
    let list = ListInstancesInput::builder()
        .region_id("cn-hangzhou")
        .instance_ids(vec!["i-1".into(), "i-2".into()])
        .status(InstanceStatus::Running)
        .charge_type("PrePaid")
        .page_number(2)
        .page_size(50)
        .tag(vec![Tag::default().key("env").value("prod"), Tag::default().key("team").value("云 平台")])
        .build()
        .unwrap();
    assert_eq!(params(&list), sdk_params("acs3_list_instances_full"));

    let minimal = ListInstancesInput::builder().region_id("cn-hangzhou").build().unwrap();
    assert_eq!(params(&minimal), sdk_params("acs3_list_instances_minimal"));

    let images = ListCustomImagesInput::builder()
        .region_id("cn-hangzhou")
        .share(false)
        .image_names(vec!["镜像-测试".into()])
        .page_size(10)
        .client_token("unused")
        .build()
        .unwrap();
    let mut expected = sdk_params("acs3_list_custom_images_share");
    expected.insert("ClientToken".into(), "unused".into());
    assert_eq!(params(&images), expected);

    let share = AddCustomImageShareAccountInput::builder()
        .region_id("cn-hangzhou")
        .image_id("m-123")
        .account(vec![123456789, 1987654321012345])
        .client_token("t")
        .build()
        .unwrap();
    let mut expected = sdk_params("acs3_add_custom_image_share_account");
    expected.insert("ClientToken".into(), "t".into());
    assert_eq!(params(&share), expected);

    let reset = ResetSystemInput::builder()
        .region_id("cn-hangzhou")
        .instance_id("ace57xxx")
        .image_id("img-1")
        .login_credentials(LoginCredentials::default().password("Xy9@abc"))
        .client_token("t")
        .build()
        .unwrap();
    let mut expected = sdk_params("acs3_reset_system_reserved_secret");
    expected.insert("ClientToken".into(), "t".into());
    assert_eq!(params(&reset), expected);

    let stop = StopInstancesInput::builder()
        .region_id("cn-hangzhou")
        .instance_ids(vec!["i-1".into()])
        .force_stop(true)
        .client_token("t")
        .build()
        .unwrap();
    let mut expected = sdk_params("acs3_stop_instances_force");
    expected.insert("ClientToken".into(), "t".into());
    assert_eq!(params(&stop), expected);
}

#[test]
fn build_reports_every_missing_member_and_violated_constraint() {
    let err = UpdateInstanceAttributeInput::builder().instance_name("x").password("short").build().unwrap_err();
    let text = err.to_string();
    for expected in [
        "`region_id` is required",
        "`instance_id` is required",
        "`instance_name` has 1 characters, outside 2 to 50 characters",
        "`password` has 5 characters, outside 8 to 30 characters",
    ] {
        assert!(text.contains(expected), "{expected} not in: {text}");
    }
    let err = ListInstancesInput::builder().region_id("r").page_size(101).build().unwrap_err();
    assert!(err.to_string().contains("`page_size` is 101, outside 1 to 100"), "{err}");
    let err = RenewInstanceInput::builder().region_id("r").instance_id("i").period(5).build().unwrap_err();
    assert!(err.to_string().contains("`period` is 5, not one of 1, 3, 6, 12, 24, 36"), "{err}");
    assert!(RenewInstanceInput::builder().region_id("r").instance_id("i").period(12).build().is_ok());
    let ids = (0..101).map(|i| format!("i-{i}")).collect();
    let err = ListInstancesInput::builder().region_id("r").instance_ids(ids).build().unwrap_err();
    assert!(err.to_string().contains("`instance_ids` has 101 items, outside at most 100 items"), "{err}");
}

#[test]
fn idempotency_tokens_are_filled_when_unset() {
    let a = StartInstanceInput::builder().region_id("r").instance_id("i").build().unwrap();
    let b = StartInstanceInput::builder().region_id("r").instance_id("i").build().unwrap();
    let (ta, tb) = (a.client_token.unwrap(), b.client_token.unwrap());
    assert_eq!(ta.len(), 36);
    assert_ne!(ta, tb);
}

#[test]
fn passwords_never_show_in_debug_output() {
    let input = UpdateInstanceAttributeInput::builder().region_id("r").instance_id("i").password("Sup3rSecret!").build().unwrap();
    let builder = LoginInstanceInput::builder().password("Sup3rSecret!");
    let creds = LoginCredentials::default().password("Sup3rSecret!");
    for shown in [format!("{input:?}"), format!("{builder:?}"), format!("{creds:?}")] {
        assert!(!shown.contains("Sup3rSecret!"), "{shown}");
        assert!(shown.contains("<redacted>"), "{shown}");
    }
}

fn client(url: &str, signature: SignatureVersion) -> Client {
    Client::new(
        Config::builder()
            .region("cn-hangzhou")
            .endpoint(url)
            .credentials(Credentials::new("AKID", "secret-for-tests"))
            .signature_version(signature)
            .clock(FixedClock::from_unix(1_795_405_999).unwrap())
            .nonce_source(FixedNonce("n-1".into()))
            .build()
            .unwrap(),
    )
}

#[tokio::test]
async fn list_instances_over_the_wire() {
    let body = r#"{"RequestId":"R-1","TotalCount":1,"PageNumber":1,"PageSize":10,
        "Instances":[{"InstanceId":"ace57xxx","InstanceName":"web","Status":"Running","ResourceSpec":{"Cpu":2,"Memory":2.0}}]}"#;
    let server = TestServer::start(vec![Reply::json(200, body)]).await;
    for signature in [SignatureVersion::Acs3HmacSha256, SignatureVersion::HmacSha1] {
        let input = ListInstancesInput::builder()
            .region_id("cn-hangzhou")
            .instance_ids(vec!["ace57xxx".into()])
            .tag(vec![Tag::default().key("env").value("prod")])
            .build()
            .unwrap();
        let out = client(&server.url, signature).list_instances(input).await.unwrap();
        assert_eq!(out.request_id.as_deref(), Some("R-1"));
        let instance = &out.instances.unwrap()[0];
        assert_eq!(instance.status, Some(InstanceStatus::Running));
        assert_eq!(instance.resource_spec.as_ref().and_then(|s| s.cpu), Some(2));
    }
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    let acs3 = &requests[0];
    assert_eq!((acs3.method.as_str(), acs3.path.as_str()), ("POST", "/"));
    assert_eq!(acs3.query_param("InstanceIds"), Some(r#"["ace57xxx"]"#));
    assert_eq!(acs3.query_param("Tag.1.Key"), Some("env"));
    assert_eq!(acs3.header("x-acs-action"), Some("ListInstances"));
    assert_eq!(acs3.header("x-acs-version"), Some("2020-06-01"));
    assert!(acs3.header("authorization").unwrap().starts_with("ACS3-HMAC-SHA256 Credential=AKID,SignedHeaders="));
    let v1 = &requests[1];
    assert_eq!(v1.query_param("Action"), Some("ListInstances"));
    assert_eq!(v1.query_param("SignatureMethod"), Some("HMAC-SHA1"));
    assert!(v1.query_param("Signature").is_some());
}

#[tokio::test]
async fn service_errors_map_to_documented_codes() {
    let body = r#"{"RequestId":"R-2","Code":"InvalidParameter","Message":"bad page size"}"#;
    let server = TestServer::start(vec![Reply::json(400, body)]).await;
    let input = StartInstanceInput::builder().region_id("cn-hangzhou").instance_id("i").build().unwrap();
    let err = client(&server.url, SignatureVersion::Acs3HmacSha256).start_instance(input).await.unwrap_err();
    assert_eq!(err.request_id(), Some("R-2"));
    assert_eq!(ErrorCode::of(&err).map(|c| c.as_str().to_owned()), Some("InvalidParameter".to_owned()));
    assert!(!format!("{err:?} {err}").contains("secret-for-tests"));
}
