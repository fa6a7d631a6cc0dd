//! Every action the KEC document holds for another service, sent by that service's generated
//! crate: the three VPC network-interface actions (`yun-ksyun-vpc`), the three SKS key actions
//! (`yun-ksyun-sks`) and QueryImageList (`yun-ksyun-cloud-market`). Against a local server each
//! request carries its service's `Version` and its own `Action`, and its SigV4 credential scope is
//! `<date>/<region>/<service>/aws4_request` for its own service (not KEC's); without an endpoint
//! override each client resolves to its own host (`vpc.cn-beijing-6.api.ksyun.com`,
//! `sks.api.ksyun.com`, `cloud-market.api.ksyun.com`). Then the Aliyun VPC crate's
//! DescribeVSwitches: its action, version 2016-04-28 and the VPC product's host.
//!
//! Scripted server (`yun_tests::server`), not the emulator: each service's Version, Action and credential scope
//! are checked on the received request, exact wire control the emulator does not give.

use yun_runtime::client::retry::RetryConfig;
use yun_runtime::clock::FixedClock;
use yun_runtime::Credentials;
use yun_tests::server::{Recorded, Reply, TestServer};

const REGION: &str = "cn-beijing-6";
/// 2026-11-23T03:53:19Z.
const NOW: i64 = 1_795_405_999;
const DATE: &str = "20261123";

fn config(endpoint: Option<&str>) -> yun_runtime::ksyun::Config {
    let mut builder = yun_runtime::ksyun::Config::builder()
        .region(REGION)
        .credentials(Credentials::new("AKLTtest", "secret-for-tests"))
        .clock(FixedClock::from_unix(NOW).unwrap())
        .retry(RetryConfig::disabled());
    if let Some(url) = endpoint {
        builder = builder.endpoint(url);
    }
    builder.build().unwrap()
}

fn param<'a>(all: &'a [(String, String)], name: &str) -> Vec<&'a str> {
    all.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
}

/// The credential scope of the request's SigV4 signature (header or query), without the key id.
fn scope(r: &Recorded) -> String {
    let credential = match r.header("authorization") {
        Some(auth) => {
            assert!(auth.starts_with("AWS4-HMAC-SHA256 "), "{auth}");
            let c = auth.split("Credential=").nth(1).unwrap();
            c.split(',').next().unwrap().to_owned()
        }
        None => r.query_param("X-Amz-Credential").expect("a SigV4 credential").to_owned(),
    };
    let (key, scope) = credential.split_once('/').unwrap();
    assert_eq!(key, "AKLTtest");
    scope.to_owned()
}

/// Checks the one request `server` received: method, path, `Action`, one `Version`, the scope,
/// and the other parameters given.
fn assert_request(server: &TestServer, action: &str, version: &str, service: &str, expected: &[(&str, &str)]) {
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "{action}");
    let r = &requests[0];
    assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"), "{action}: POST / with a form body, as the Python SDK sends");
    let all = r.params();
    assert_eq!(param(&all, "Action"), [action]);
    assert_eq!(param(&all, "Version"), [version], "{action}: exactly one Version, the service's");
    assert_eq!(scope(r), format!("{DATE}/{REGION}/{service}/aws4_request"), "{action}: the credential scope names {service}");
    for (k, v) in expected {
        assert_eq!(param(&all, k), [*v], "{action}: {k}");
    }
}

fn json(body: &str) -> Vec<Reply> {
    vec![Reply::json(200, body)]
}

mod vpc {
    use super::*;
    use yun_ksyun_vpc::operation::{CreateNetworkInterfaceInput, DeleteNetworkInterfaceInput, DescribeNetworkInterfacesInput};
    use yun_ksyun_vpc::types::{Filter, NetworkInterfaceType};
    use yun_ksyun_vpc::Client;

    fn client(url: &str) -> Client {
        Client::new(config(Some(url)))
    }

    #[test]
    fn resolves_to_the_regional_vpc_host_and_the_vpc_scope() {
        let e = Client::new(config(None)).endpoint().clone();
        assert_eq!(e.host, "vpc.cn-beijing-6.api.ksyun.com");
        assert_eq!(e.url, "https://vpc.cn-beijing-6.api.ksyun.com/");
        assert_eq!((e.signing_name, e.signing_region.as_str(), e.api_version), ("vpc", REGION, "2016-03-04"));
        assert!(!e.global && !e.sends_region, "the regional host needs no Region parameter");
        // The Python SDK's global host, on request.
        let global = Client::new(
            yun_runtime::ksyun::Config::builder()
                .region(REGION)
                .credentials(Credentials::new("a", "b"))
                .global_endpoint(true)
                .build()
                .unwrap(),
        )
        .endpoint()
        .clone();
        assert_eq!((global.host.as_str(), global.global, global.sends_region), ("vpc.api.ksyun.com", true, true));
        assert_eq!(global.signing_name, "vpc");
    }

    #[tokio::test]
    async fn create_network_interface() {
        // The document's sample request (line 5366) and response (line 5376).
        let server = TestServer::start(json(
            r#"{"RequestId":"ced3b406-10dc-482b-96cd-97b966a498e5","NetworkInterfaceId":"87975c70-4500-4280-ac90-c2c7d2b0863a"}"#,
        ))
        .await;
        let input = CreateNetworkInterfaceInput::builder()
            .subnet_id("e9442c23-b3a0-4183-a5a7-c168bf504305")
            .security_group_id(vec!["70736664-3696-4e91-b7f6-b8a8318da74a".into()])
            .build()
            .unwrap();
        let out = client(&server.url).create_network_interface(input).await.unwrap();
        assert_eq!(out.network_interface_id.as_deref(), Some("87975c70-4500-4280-ac90-c2c7d2b0863a"));
        assert_request(
            &server,
            "CreateNetworkInterface",
            "2016-03-04",
            "vpc",
            &[("SubnetId", "e9442c23-b3a0-4183-a5a7-c168bf504305"), ("SecurityGroupId.1", "70736664-3696-4e91-b7f6-b8a8318da74a")],
        );
    }

    #[test]
    fn create_network_interface_needs_a_subnet_and_a_security_group() {
        let err = CreateNetworkInterfaceInput::builder().build().unwrap_err().to_string();
        assert!(err.contains("subnet_id") && err.contains("security_group_id"), "{err}");
    }

    #[tokio::test]
    async fn delete_network_interface() {
        // The document's sample answers "Return": "true" (a string, line 5419).
        let server = TestServer::start(json(r#"{"RequestId":"3c4e1867-4032-4cb0-a5cb-829dd7f162e3","Return":"true"}"#)).await;
        let input = DeleteNetworkInterfaceInput::builder().network_interface_id("87975c70-4500-4280-ac90-c2c7d2b0863a").build().unwrap();
        let out = client(&server.url).delete_network_interface(input).await.unwrap();
        assert_eq!(out.return_, Some(true));
        assert_request(
            &server,
            "DeleteNetworkInterface",
            "2016-03-04",
            "vpc",
            &[("NetworkInterfaceId", "87975c70-4500-4280-ac90-c2c7d2b0863a")],
        );
    }

    /// The document's XML sample response (lines 5620-5650), inside a root element.
    const DESCRIBE_XML: &str = r#"<DescribeNetworkInterfacesResponse><RequestId>75f9d882-d536-4a5b-a328-577c3003a491</RequestId>
<NetworkInterfaceSet><item>
  <CreateTime>2020-08-05 15:01:25</CreateTime>
  <AvailabilityZoneName>cn-beijing-6c</AvailabilityZoneName>
  <DNS1>198.18.254.30</DNS1>
  <DNS2>198.18.254.31</DNS2>
  <VpcId>e8b05d1e-1d67-495c-a3ad-278376831db5</VpcId>
  <VpcName>zjh</VpcName>
  <InstanceType>kec</InstanceType>
  <protectedIpAddress>10.0.11.3</protectedIpAddress>
  <NetworkInterfaceId>7e979a15-91e6-4f34-8151-05ba1ff2fa48</NetworkInterfaceId>
  <SecurityGroupName>默认安全组只放行出VPC流量</SecurityGroupName>
  <SecurityGroupId>70736664-3696-4e91-b7f6-b8a8318da74a</SecurityGroupId>
  <MacAddress>fa:16:3e:47:82:b8</MacAddress>
  <NetworkInterfaceType>extension</NetworkInterfaceType>
  <SubnetId>056e4099-5282-471f-80a1-b298be7eb86c</SubnetId>
  <SubnetName>ksc_Subnet</SubnetName>
  <SecurityGroupSet><item>
    <SecurityGroupId>70736664-3696-4e91-b7f6-b8a8318da74a</SecurityGroupId>
    <SecurityGroupName>默认安全组只放行出VPC流量</SecurityGroupName>
  </item></SecurityGroupSet>
  <Ipv6PublicIpAddressSet/>
  <Ipv6Public>false</Ipv6Public>
</item></NetworkInterfaceSet></DescribeNetworkInterfacesResponse>"#;

    #[tokio::test]
    async fn describe_network_interfaces() {
        let server = TestServer::start(vec![Reply::Respond {
            status: 200,
            headers: vec![("content-type".into(), "application/xml".into())],
            body: DESCRIBE_XML.into(),
        }])
        .await;
        let input = DescribeNetworkInterfacesInput::builder()
            .network_interface_id(vec!["7e979a15-91e6-4f34-8151-05ba1ff2fa48".into()])
            .filter(vec![Filter::default().name("availability-zone-name").value(vec!["cn-beijing-6c".into()])])
            .max_results(10)
            .build()
            .unwrap();
        let out = client(&server.url).describe_network_interfaces(input).await.unwrap();
        let ni = &out.network_interface_set.as_ref().unwrap()[0];
        assert_eq!(ni.network_interface_type, Some(NetworkInterfaceType::Extension));
        assert_eq!(ni.create_time.as_deref(), Some("2020-08-05 15:01:25"));
        assert_eq!(ni.protected_ip_address.as_deref(), Some("10.0.11.3"));
        assert_eq!(ni.security_group_set.as_ref().unwrap()[0].security_group_name.as_deref(), Some("默认安全组只放行出VPC流量"));
        assert_eq!(ni.ipv6_public, Some(false));
        assert_request(
            &server,
            "DescribeNetworkInterfaces",
            "2016-03-04",
            "vpc",
            &[
                ("NetworkInterfaceId.1", "7e979a15-91e6-4f34-8151-05ba1ff2fa48"),
                ("Filter.1.Name", "availability-zone-name"),
                ("Filter.1.Value.1", "cn-beijing-6c"),
                ("MaxResults", "10"),
            ],
        );
    }

    #[tokio::test]
    async fn describe_network_interfaces_pages_by_next_token() {
        use yun_ksyun_vpc::StreamExt;
        let server = TestServer::start(vec![
            Reply::json(200, r#"{"RequestId":"r1","NextToken":"t2","NetworkInterfaceSet":[{"NetworkInterfaceId":"a"}]}"#),
            Reply::json(200, r#"{"RequestId":"r2","NetworkInterfaceSet":[{"NetworkInterfaceId":"b"}]}"#),
        ])
        .await;
        let input = DescribeNetworkInterfacesInput::builder().max_results(1).build().unwrap();
        let items: Vec<_> = client(&server.url).describe_network_interfaces_paginator(input).items().collect().await;
        let ids: Vec<String> = items.into_iter().map(|i| i.unwrap().network_interface_id.unwrap()).collect();
        assert_eq!(ids, ["a", "b"]);
        let requests = server.requests();
        assert_eq!(requests.len(), 2);
        assert_eq!(param(&requests[0].params(), "NextToken"), Vec::<&str>::new());
        assert_eq!(param(&requests[1].params(), "NextToken"), ["t2"]);
    }
}

mod sks {
    use super::*;
    use yun_ksyun_sks::operation::{CreateKeyInput, DeleteKeyInput, ImportKeyInput};
    use yun_ksyun_sks::Client;

    fn client(url: &str) -> Client {
        Client::new(config(Some(url)))
    }

    #[test]
    fn resolves_to_the_global_sks_host_and_the_sks_scope() {
        let e = Client::new(config(None)).endpoint().clone();
        assert_eq!(e.host, "sks.api.ksyun.com");
        assert_eq!((e.signing_name, e.signing_region.as_str(), e.api_version), ("sks", REGION, "2015-11-01"));
        assert!(e.global, "sks.api.ksyun.com names no region");
    }

    #[tokio::test]
    async fn create_key_keeps_the_private_key_out_of_debug() {
        let server = TestServer::start(json(
            r#"{"RequestId":"01f3faaa-96b2-4b88-a580-6049a1032f14","PrivateKey":"-----BEGIN RSA PRIVATE KEY-----\nMIICXQ\n-----END RSA PRIVATE KEY-----\n","Key":{"KeyId":"0819e53d-039a-45de-a1ae-a52a460e0f2b","PublicKey":"ssh-rsa AAAA root\n","CreateTime":"2019-08-29 16:24:10","KeyName":"xw-test"}}"#,
        ))
        .await;
        let input = CreateKeyInput::builder().key_name("xw-test").build().unwrap();
        let out = client(&server.url).create_key(input).await.unwrap();
        assert!(out.private_key.as_deref().is_some_and(|k| k.starts_with("-----BEGIN RSA PRIVATE KEY-----")));
        assert_eq!(out.key.as_ref().and_then(|k| k.key_id.as_deref()), Some("0819e53d-039a-45de-a1ae-a52a460e0f2b"));
        let debug = format!("{out:?}");
        assert!(!debug.contains("MIICXQ") && debug.contains("redacted"), "{debug}");
        assert_request(&server, "CreateKey", "2015-11-01", "sks", &[("KeyName", "xw-test")]);
        // The global host learns the region from the Region parameter, as the Python SDK sends it.
        let all = server.requests()[0].params();
        assert_eq!(param(&all, "Region"), [REGION]);
    }

    #[tokio::test]
    async fn import_key() {
        let server = TestServer::start(json(
            r#"{"RequestId":"f64ad7f7-9865-4578-b9f5-3576329d91df","Key":{"KeyId":"4b2441be-0b4a-499e-bc45-ccb419674d7e","PublicKey":"ssh-rsa AAAA root","CreateTime":"2019-08-29 17:12:58","KeyName":"chenglulu-test"}}"#,
        ))
        .await;
        let input = ImportKeyInput::builder().key_name("chenglulu-test").public_key("ssh-rsa AAAA root").build().unwrap();
        let out = client(&server.url).import_key(input).await.unwrap();
        assert_eq!(out.key.and_then(|k| k.key_name), Some("chenglulu-test".to_owned()));
        assert_request(&server, "ImportKey", "2015-11-01", "sks", &[("KeyName", "chenglulu-test"), ("PublicKey", "ssh-rsa AAAA root")]);
    }

    #[tokio::test]
    async fn delete_key() {
        let server = TestServer::start(json(r#"{"RequestId":"21e28827-a719-486b-bba0-c5590199522a","Return":true}"#)).await;
        let input = DeleteKeyInput::builder().key_id("4b2441be-0b4a-499e-bc45-ccb419674d7e").build().unwrap();
        let out = client(&server.url).delete_key(input).await.unwrap();
        assert_eq!(out.return_, Some(true));
        assert_request(&server, "DeleteKey", "2015-11-01", "sks", &[("KeyId", "4b2441be-0b4a-499e-bc45-ccb419674d7e")]);
    }
}

mod cloud_market {
    use super::*;
    use yun_ksyun_cloud_market::operation::QueryImageListInput;
    use yun_ksyun_cloud_market::Client;

    #[test]
    fn resolves_to_the_cloud_market_host_and_its_unverified_scope() {
        let e = Client::new(config(None)).endpoint().clone();
        assert_eq!(e.host, "cloud-market.api.ksyun.com");
        // Unverified: no client shows this scope; the spec takes the host's first label.
        assert_eq!((e.signing_name, e.api_version), ("cloud-market", "v1"));
        assert!(e.global);
    }

    #[tokio::test]
    async fn query_image_list_sends_v1_once_and_the_region_once() {
        let sample = r#"{"RequestId":"88c0b30a-a2a8-4871-90e7-6261595e2cd4","Msg":"ok","Code":200,"Status":"Y","Data":{"page":1,"per_page":10,"total":1,"items":[{"ImageId":"3d939f30-e3db-4bd4-9dda-f8b40a92e9c6","ImageName":"Nvidia GRID License Server","ImageDesc":"用于创建vGPU实例的License Server，激活vGPU实例","MonthlyPrice":"0","MonthlyPriceUnit":"¥","HourlyPrice":"0","HourlyPriceUnit":"¥","Platform":"centos-7.6","CompanyId":2000110852,"CompanyName":"北京金山云网络技术有限公司","CategoryCode":"2001"}],"first":1,"totalPages":1,"hasNext":false,"nextPage":1,"hasPre":false,"prePage":1}}"#;
        let server = TestServer::start(json(sample)).await;
        let input = QueryImageListInput::builder().region(REGION).build().unwrap();
        let out = Client::new(config(Some(&server.url))).query_image_list(input).await.unwrap();
        let data = out.data.as_ref().unwrap();
        let image = &data.items.as_ref().unwrap()[0];
        assert_eq!((image.company_id, image.hourly_price.as_deref()), (Some(2_000_110_852), Some("0")));
        assert_eq!(out.code, Some(200));
        // Nothing of the sample is lost.
        let expected: serde_json::Value = serde_json::from_str(sample).unwrap();
        assert_eq!(serde_json::to_value(&out).unwrap(), expected);
        // The document's sample request (line 4611): Action, Version=v1, Region — each once.
        assert_request(&server, "QueryImageList", "v1", "cloud-market", &[("Region", REGION)]);
    }
}

mod aliyun_vpc {
    use super::*;
    use yun_aliyun_vpc::operation::DescribeVSwitchesInput;

    #[test]
    fn resolves_to_the_vpc_product_host() {
        let config = yun_aliyun_vpc::Config::builder().region("cn-beijing").credentials(Credentials::new("ak", "sk")).build().unwrap();
        let rpc = yun_runtime::aliyun::RpcClient::new(&yun_aliyun_vpc::SERVICE, config);
        assert_eq!(rpc.host(), "vpc.cn-beijing.aliyuncs.com");
        assert_eq!((yun_aliyun_vpc::SERVICE.product, yun_aliyun_vpc::SERVICE.version), ("vpc", "2016-04-28"));
    }

    #[tokio::test]
    async fn describe_vswitches_on_the_wire() {
        let body = r#"{"RequestId":"r-1","PageNumber":1,"PageSize":10,"TotalCount":1,"VSwitches":{"VSwitch":[{"VSwitchId":"vsw-bp1wt4qpuavdb6y6k8***","VpcId":"vpc-1","ZoneId":"cn-hangzhou-i","AvailableIpAddressCount":250,"IsDefault":false,"RouteTable":{"RouteTableId":"vtb-1","RouteTableType":"System"},"Tags":{"Tag":[{"Key":"env","Value":"prod"}]}}]}}"#;
        let server = TestServer::start(json(body)).await;
        let config = yun_aliyun_vpc::Config::builder()
            .region("cn-hangzhou")
            .endpoint(&server.url)
            .credentials(Credentials::new("ak", "sk"))
            .retry(RetryConfig::disabled())
            .build()
            .unwrap();
        let input = DescribeVSwitchesInput::builder().region_id("cn-hangzhou").vpc_id("vpc-1").page_size(50).build().unwrap();
        let out = yun_aliyun_vpc::Client::new(config).describe_v_switches(input).await.unwrap();
        let vsw = &out.v_switches.as_ref().unwrap().v_switch.as_ref().unwrap()[0];
        assert_eq!(vsw.v_switch_id.as_deref(), Some("vsw-bp1wt4qpuavdb6y6k8***"));
        let expected: serde_json::Value = serde_json::from_str(body).unwrap();
        assert_eq!(serde_json::to_value(&out).unwrap(), expected, "nothing of the answer is lost");

        let r = &server.requests()[0];
        assert_eq!((r.method.as_str(), r.path.as_str()), ("POST", "/"));
        assert_eq!(r.header("x-acs-action"), Some("DescribeVSwitches"));
        assert_eq!(r.header("x-acs-version"), Some("2016-04-28"), "VPC's version, not ECS's");
        assert_eq!(
            (r.query_param("RegionId"), r.query_param("VpcId"), r.query_param("PageSize")),
            (Some("cn-hangzhou"), Some("vpc-1"), Some("50"))
        );
    }

    #[test]
    fn page_size_is_at_most_50() {
        let err = DescribeVSwitchesInput::builder().page_size(51).build().unwrap_err().to_string();
        assert!(err.contains("page_size"), "{err}");
    }
}
