//! Endpoints as the providers resolve them: the generated Aliyun services' endpoint maps
//! against the official SDKs' data (`tests/fixtures/aliyun/endpoints/endpoints.json`, made by
//! `extract_endpoints.py` beside it), and the runtime's order: the configured endpoint, the
//! provider's endpoint variable, the service's map for the region, the pattern.

use std::collections::BTreeMap;

use serde::Deserialize;
use yun_runtime::aliyun::{RpcClient, ServiceInfo};

#[derive(Deserialize)]
struct Fixture {
    services: Vec<SdkService>,
}

#[derive(Deserialize)]
struct SdkService {
    sdk: String,
    product: String,
    endpoint_rule: String,
    endpoint_map: BTreeMap<String, String>,
}

fn sdk(product: &str) -> SdkService {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/aliyun/endpoints/endpoints.json");
    let text = std::fs::read_to_string(path).expect("the fixture is committed");
    let fixture: Fixture = serde_json::from_str(&text).expect("the fixture is JSON");
    fixture.services.into_iter().find(|s| s.product == product).unwrap_or_else(|| panic!("no {product} in the fixture"))
}

/// The service's hosts are the SDK's: its pattern is the SDK's rule, each mapped region has the
/// SDK map's host, every region of the SDK map the service lists is mapped (or the pattern gives
/// the same host), and every finance and government region of the SDK map is listed.
fn check_against_sdk(service: &ServiceInfo, product: &str) {
    let sdk = sdk(product);
    assert_eq!(sdk.endpoint_rule, "regional", "{}", sdk.sdk);
    assert_eq!(service.endpoint, format!("{product}.{{region}}.aliyuncs.com"), "{} has the regional rule", sdk.sdk);
    assert!(!service.endpoints.is_empty());
    for (region, host) in service.endpoints {
        assert_eq!(sdk.endpoint_map.get(*region).map(String::as_str), Some(*host), "{product} {region} ({})", sdk.sdk);
        assert!(service.regions.contains(region), "{region} is listed");
    }
    for (region, host) in &sdk.endpoint_map {
        if service.regions.contains(&region.as_str()) {
            assert_eq!(service.host_for(region), *host, "{product} {region}: the SDK's host");
        }
        if region.contains("finance") || region.contains("gov") {
            assert!(service.regions.contains(&region.as_str()), "{product}: the SDK maps {region}, the spec lists it");
        }
    }
    // Regions the map does not name go to the pattern.
    assert_eq!(service.host_for("cn-beijing"), format!("{product}.cn-beijing.aliyuncs.com"));
}

#[test]
fn ecs_endpoints_are_the_sdks() {
    check_against_sdk(&yun_aliyun_ecs::SERVICE, "ecs");
    assert_eq!(yun_aliyun_ecs::SERVICE.host_for("cn-hangzhou"), "ecs-cn-hangzhou.aliyuncs.com");
    assert_eq!(yun_aliyun_ecs::SERVICE.host_for("cn-north-2-gov-1"), "ecs.aliyuncs.com");
    assert_eq!(yun_aliyun_ecs::SERVICE.host_for("cn-shanghai-finance-1"), "ecs-cn-hangzhou.aliyuncs.com");
}

#[test]
fn vpc_endpoints_are_the_sdks() {
    check_against_sdk(&yun_aliyun_vpc::SERVICE, "vpc");
    assert_eq!(yun_aliyun_vpc::SERVICE.host_for("cn-hangzhou"), "vpc.aliyuncs.com");
}

/// SWAS: the SDK has no endpoint data (rule empty, no map; its fallback is the product code's
/// central `swas-open.aliyuncs.com`); the spec takes the regional host the service names in
/// ListRegions (see the spec's comment), with no map.
#[test]
fn swas_has_the_regional_host_and_no_map() {
    let sdk = sdk("swas-open");
    assert_eq!((sdk.endpoint_rule.as_str(), sdk.endpoint_map.len()), ("", 0), "{}", sdk.sdk);
    assert_eq!(yun_aliyun_swas::SERVICE.endpoint, "swas.{region}.aliyuncs.com");
    assert!(yun_aliyun_swas::SERVICE.endpoints.is_empty());
}

fn lookup<'a>(vars: &'a [(&'a str, &'a str)]) -> impl Fn(&str) -> Option<String> + 'a {
    move |name| vars.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
}

const KEYS: [(&str, &str); 2] = [("ALIBABA_CLOUD_ACCESS_KEY_ID", "id"), ("ALIBABA_CLOUD_ACCESS_KEY_SECRET", "secret")];

fn ecs_host(builder: yun_runtime::aliyun::ConfigBuilder, vars: &[(&str, &str)]) -> (String, String) {
    let config = builder.from_lookup(&lookup(vars)).expect("configures").build().expect("builds");
    let client = RpcClient::new(&yun_aliyun_ecs::SERVICE, config);
    let url = client
        .signed_request(&yun_runtime::Credentials::new("id", "secret"), "DescribeRegions", "POST", &Default::default(), &Default::default())
        .url;
    (client.host().to_owned(), url)
}

#[test]
fn the_endpoint_is_the_configured_one_then_the_variable_then_the_map_then_the_pattern() {
    let builder = |region: &str| yun_runtime::aliyun::Config::builder().region(region);
    let env = [KEYS[0], KEYS[1], ("ALIBABA_CLOUD_ENDPOINT", "http://127.0.0.1:9/")];
    // 1. `.endpoint(..)` wins over the variable and the map.
    let (host, url) = ecs_host(builder("cn-hangzhou").endpoint("https://ecs.example.com"), &env);
    assert_eq!((host.as_str(), url.starts_with("https://ecs.example.com/")), ("ecs.example.com", true), "{url}");
    // 2. The provider's variable wins over the map (its scheme and port kept).
    let (host, url) = ecs_host(builder("cn-hangzhou"), &env);
    assert_eq!((host.as_str(), url.starts_with("http://127.0.0.1:9/")), ("127.0.0.1:9", true), "{url}");
    // An empty variable is unset.
    let empty = [KEYS[0], KEYS[1], ("ALIBABA_CLOUD_ENDPOINT", "")];
    assert_eq!(ecs_host(builder("cn-hangzhou"), &empty).0, "ecs-cn-hangzhou.aliyuncs.com");
    // 3. The map, for a region it names, over HTTPS.
    let (host, url) = ecs_host(builder("cn-hangzhou"), &KEYS);
    assert_eq!((host.as_str(), url.starts_with("https://ecs-cn-hangzhou.aliyuncs.com/")), ("ecs-cn-hangzhou.aliyuncs.com", true), "{url}");
    assert_eq!(ecs_host(builder("cn-north-2-gov-1"), &KEYS).0, "ecs.aliyuncs.com");
    // 4. The pattern, for the others.
    assert_eq!(ecs_host(builder("cn-beijing"), &KEYS).0, "ecs.cn-beijing.aliyuncs.com");
    // Without `from_env`/`from_lookup` no variable is read: the map decides.
    let config = builder("cn-hangzhou").credentials(yun_runtime::Credentials::new("id", "secret")).build().expect("builds");
    assert_eq!(RpcClient::new(&yun_aliyun_ecs::SERVICE, config).host(), "ecs-cn-hangzhou.aliyuncs.com");
    // A bad endpoint in the variable is refused, as one given in code.
    let bad = [KEYS[0], KEYS[1], ("ALIBABA_CLOUD_ENDPOINT", "ftp://x/y")];
    let refused = builder("cn-hangzhou").from_lookup(&lookup(&bad)).expect("reads").build().expect_err("refused");
    assert!(refused.to_string().contains("ftp://x/y"), "{refused}");
    // A non-ASCII host is refused at build (no IDNA back end, see the workspace's Cargo.toml);
    // its Punycode form is sent as given.
    let refused = builder("cn-hangzhou")
        .endpoint("https://云监控.example.com")
        .from_lookup(&lookup(&KEYS))
        .expect("reads")
        .build()
        .expect_err("refused");
    assert!(refused.to_string().contains("Punycode"), "{refused}");
    let (host, url) = ecs_host(builder("cn-hangzhou").endpoint("https://xn--9kqx72cr4n.example.com"), &KEYS);
    assert_eq!((host.as_str(), url.starts_with("https://xn--9kqx72cr4n.example.com/")), ("xn--9kqx72cr4n.example.com", true), "{url}");
    // The transport parses the URL with the `url` crate, whose IDNA step runs on the pinned
    // adapter (no Unicode tables): the Punycode host goes through unchanged.
    let parsed = reqwest::Url::parse(&url).expect("the transport's URL parser takes it");
    assert_eq!(parsed.host_str(), Some("xn--9kqx72cr4n.example.com"));
}

#[test]
fn kingsoft_and_jd_cloud_read_their_endpoint_variables() {
    let ksyun = [("KSYUN_ACCESS_KEY_ID", "id"), ("KSYUN_SECRET_ACCESS_KEY", "secret"), ("KSYUN_ENDPOINT", "http://127.0.0.1:8/")];
    let config = yun_ksyun_kec::Config::builder().region("cn-beijing-6").from_lookup(&lookup(&ksyun)).unwrap().build().unwrap();
    assert_eq!(yun_ksyun_kec::Client::new(config).endpoint().host, "127.0.0.1:8");
    let config = yun_ksyun_kec::Config::builder().region("cn-beijing-6").from_lookup(&lookup(&ksyun[..2])).unwrap().build().unwrap();
    assert_eq!(yun_ksyun_kec::Client::new(config).endpoint().host, "kec.cn-beijing-6.api.ksyun.com");
    let jd = [("JDCLOUD_ACCESS_KEY", "id"), ("JDCLOUD_SECRET_KEY", "secret"), ("JDCLOUD_ENDPOINT", "vm.example.com")];
    let config = yun_jdcloud_vm::Config::builder().region("cn-north-1").from_lookup(&lookup(&jd)).unwrap().build().unwrap();
    assert_eq!(config.endpoint_for("vm.jdcloud-api.com").1, "vm.example.com");
    assert_eq!(config.endpoint_override(), Some("vm.example.com"));
}

#[test]
fn the_vpc_network_uses_the_vpc_hosts_and_not_the_public_map() {
    use yun_aliyun_ecs::Network;
    let vpc = |region: &str, vars: &[(&str, &str)]| {
        let builder = yun_aliyun_ecs::Config::builder().region(region).network(Network::Vpc);
        let config = builder.from_lookup(&lookup(vars)).expect("configures").build().expect("builds");
        RpcClient::new(&yun_aliyun_ecs::SERVICE, config).host().to_owned()
    };
    // cn-hangzhou's public host is the map's; on the VPC network the rule's.
    assert_eq!(vpc("cn-hangzhou", &KEYS), "ecs-vpc.cn-hangzhou.aliyuncs.com");
    assert_eq!(vpc("cn-beijing", &KEYS), "ecs-vpc.cn-beijing.aliyuncs.com");
    assert_eq!(yun_aliyun_vpc::SERVICE.host_on("cn-shanghai", Network::Vpc), "vpc-vpc.cn-shanghai.aliyuncs.com");
    assert_eq!(yun_aliyun_ecs::SERVICE.host_on("cn-hangzhou", Network::Public), "ecs-cn-hangzhou.aliyuncs.com");
    // The configured endpoint and the variable still win.
    assert_eq!(vpc("cn-hangzhou", &[KEYS[0], KEYS[1], ("ALIBABA_CLOUD_ENDPOINT", "proxy.example.com")]), "proxy.example.com");
}
