//! What the generator knows of each wire protocol, in one table: which signatures fit it, where
//! request members may travel, which operations count as read-only, which spec keys only it
//! takes, and which runtime module and client the generated crate wires to. `validate`,
//! `ir::resolve` and `emit::protocol` read these facts instead of matching on the protocol
//! each; how a protocol behaves on the wire lives in the runtime's provider module
//! (`runtime/src/<provider>/`: its signer, envelope, request-id headers and throttling codes).
//!
//! Adding a protocol: a [`Protocol`] variant in the spec model, its row here
//! ([`Protocol::facts`]), and its runtime module (CONTRIBUTING.md, "Add a protocol").

use crate::spec::{HttpMethod, Location, Protocol, Signing};

/// The generator's facts about one protocol.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProtocolFacts {
    /// The protocol's name in a spec (`aliyun-rpc`).
    pub name: &'static str,
    /// The signatures a client of the protocol can use (a spec's `signing` lists some of them,
    /// its default first).
    pub signatures: &'static [Signing],
    /// Whether a client chooses between signatures at run time (the runtime's
    /// `SignatureVersion`, listed in the generated `SERVICE`).
    pub signature_choice: bool,
    /// REST: a path template with `{name}` members, the other members in the query (`GET`,
    /// `DELETE`) or a JSON body, `body_wrapper` and `location: payload`. Otherwise members go
    /// in the query string or the form body only.
    pub rest: bool,
    /// How an operation the spec does not mark `read_only` is classified.
    pub read_only: ReadOnlyRule,
    /// Operations may be `anonymous` (sent unsigned): Aliyun's RPC has them.
    pub anonymous_operations: bool,
    /// Kingsoft's service keys (`global_endpoint`, `signing_name`, `dry_run`) and client
    /// methods (`endpoint()`, the request method and signature location).
    pub kingsoft_keys: bool,
    /// A flat list of at most one scalar (`max_items: 1`) is also sent plain (`Key=v` for
    /// `Key.1=v`) by some official client, so a server reads both: Kingsoft's newer Java SDK
    /// (kingsoftcloud/sdk-java) types such members (CreateModel's `SecurityGroupId`) as a
    /// `String`, its Python and Go SDKs as a list.
    pub plain_lists_of_one: bool,
    /// The runtime's server side of the protocol: `yun_runtime::server::<runtime_module>::<server_type>`.
    pub server_type: &'static str,
    /// The provider publishes no endpoint: a client sends to the one configured (the
    /// runtime refuses a configuration without one), and the spec's `endpoint` is only a
    /// placeholder, which the generated crate's docs call one.
    pub endpoint_configured: bool,
    /// Whether the runtime's `ServiceInfo` has a per-region endpoint map (`endpoints`, the
    /// spec's `service.endpoints`): the protocols whose official SDKs keep one (Aliyun's
    /// `EndpointMap` / `_endpoint_map`).
    pub endpoint_map: bool,
    /// The runtime module the generated crate wires to (`yun_runtime::<module>`).
    pub runtime_module: &'static str,
    /// The runtime client type in that module that sends the protocol.
    pub client_type: &'static str,
    /// The configuration types the generated crate re-exports from the module.
    pub config_reexports: &'static [&'static str],
    /// The field of the runtime's `ServiceInfo` that holds the service's name.
    pub service_name_field: &'static str,
    /// The rustdoc of the generated `SERVICE` constant (lines start with a blank).
    pub service_info_doc: &'static str,
    /// The crate whose default credential chain the generated `Client::from_env()` uses, when
    /// the provider has one beyond the runtime's (environment and profile files).
    pub default_credentials: Option<DefaultCredentials>,
}

/// A provider's credentials crate (above the runtime and the generated crates it calls).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DefaultCredentials {
    /// Its package name, a workspace dependency (`yun-aliyun-credentials`).
    pub package: &'static str,
    /// The function that returns a ready `Config` from the environment
    /// (`yun_aliyun_credentials::config_from_env`).
    pub config_from_env: &'static str,
    /// The generated crates the chain itself calls (STS): they keep the runtime's
    /// `Config::from_env`, or the crates would depend on each other.
    pub called_by_chain: &'static [&'static str],
}

impl DefaultCredentials {
    /// Whether the generated crate `package` uses the chain (it is not one the chain calls).
    pub fn applies_to(&self, package: &str) -> bool {
        !self.called_by_chain.contains(&package)
    }
}

/// How an operation without `read_only` in the spec is classified.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReadOnlyRule {
    /// A `GET` reads (REST).
    Get,
    /// An action named `Describe…`, `List…`, `Query…` or `Get…` followed by a capital reads
    /// (the RPC and query protocols, whose reads are `POST`s and which send actions that
    /// change things with `GET` too: Aliyun's OpenAPI style guide, Kingsoft's actions after
    /// AWS's).
    ActionName,
}

const ALIYUN_RPC: ProtocolFacts = ProtocolFacts {
    name: "aliyun-rpc",
    signatures: &[Signing::Acs3HmacSha256, Signing::HmacSha1],
    signature_choice: true,
    rest: false,
    read_only: ReadOnlyRule::ActionName,
    anonymous_operations: true,
    kingsoft_keys: false,
    plain_lists_of_one: false,
    endpoint_configured: false,
    endpoint_map: true,
    runtime_module: "aliyun",
    server_type: "Aliyun",
    client_type: "RpcClient",
    config_reexports: &["Config", "ConfigBuilder", "Network", "SignatureVersion"],
    service_name_field: "product",
    service_info_doc: " What the runtime needs to know of the service: product code, API version,\n endpoint pattern and the regions whose host differs from it, signature schemes (default\n first) and known regions.",
    default_credentials: Some(DefaultCredentials {
        package: "yun-aliyun-credentials",
        config_from_env: "yun_aliyun_credentials::config_from_env",
        called_by_chain: &["yun-aliyun-sts"],
    }),
};

const KSYUN_QUERY: ProtocolFacts = ProtocolFacts {
    name: "ksyun-query",
    signatures: &[Signing::Aws4HmacSha256],
    signature_choice: false,
    rest: false,
    read_only: ReadOnlyRule::ActionName,
    anonymous_operations: false,
    kingsoft_keys: true,
    plain_lists_of_one: true,
    endpoint_configured: false,
    endpoint_map: false,
    runtime_module: "ksyun",
    server_type: "Ksyun",
    client_type: "QueryClient",
    config_reexports: &["Config", "ConfigBuilder", "DryRunPassed", "RequestMethod", "ResolvedEndpoint", "SignatureLocation"],
    service_name_field: "service",
    service_info_doc: " What the runtime needs to know of the service: its name, the name in the\n signature scope, API version, endpoint pattern (and global host), known regions and\n dry-run parameter.",
    default_credentials: None,
};

const JDCLOUD_REST: ProtocolFacts = ProtocolFacts {
    name: "jdcloud-rest",
    signatures: &[Signing::Jdcloud3HmacSha256, Signing::Jdcloud2HmacSha256],
    signature_choice: true,
    rest: true,
    read_only: ReadOnlyRule::Get,
    anonymous_operations: false,
    kingsoft_keys: false,
    plain_lists_of_one: false,
    endpoint_configured: false,
    endpoint_map: false,
    runtime_module: "jdcloud",
    server_type: "Jdcloud",
    client_type: "RestClient",
    config_reexports: &["Config", "ConfigBuilder", "SignatureVersion"],
    service_name_field: "service",
    service_info_doc: " What the runtime needs to know of the service: its name (endpoint and\n signature scope), API version, endpoint pattern, signature schemes (default\n first) and known regions.",
    default_credentials: None,
};

const INSPUR_REST: ProtocolFacts = ProtocolFacts {
    name: "inspur-rest",
    signatures: &[Signing::BearerToken],
    signature_choice: false,
    rest: true,
    read_only: ReadOnlyRule::Get,
    anonymous_operations: false,
    kingsoft_keys: false,
    plain_lists_of_one: false,
    endpoint_configured: true,
    endpoint_map: false,
    runtime_module: "inspur",
    server_type: "Inspur",
    client_type: "RestClient",
    config_reexports: &["BearerToken", "Config", "ConfigBuilder", "Identity", "IdentityFuture", "ResolveIdentity"],
    service_name_field: "service",
    service_info_doc: " What the runtime needs to know of the service: its name and API version, and\n the spec's placeholder endpoint, never sent to (Inspur Cloud publishes none: requests go\n to the one configured).",
    default_credentials: None,
};

impl Protocol {
    /// The generator's facts about the protocol.
    pub fn facts(self) -> &'static ProtocolFacts {
        match self {
            Protocol::AliyunRpc => &ALIYUN_RPC,
            Protocol::KsyunQuery => &KSYUN_QUERY,
            Protocol::JdcloudRest => &JDCLOUD_REST,
            Protocol::InspurRest => &INSPUR_REST,
        }
    }
}

impl ProtocolFacts {
    /// Whether a client of the protocol can sign with `signing`.
    pub fn signs_with(&self, signing: Signing) -> bool {
        self.signatures.contains(&signing)
    }

    /// Whether a request member may travel at `location` (headers: no protocol yet).
    pub fn takes_location(&self, location: Location) -> bool {
        match location {
            Location::Query | Location::Body => true,
            Location::Path | Location::Payload => self.rest,
            Location::Header => false,
        }
    }

    /// Where a member without `location` goes: REST sends what is not in the path in the JSON
    /// body of a request that has one; the other protocols default to the query string.
    pub fn default_location(&self, method: HttpMethod) -> Location {
        if self.rest && !matches!(method, HttpMethod::Get | HttpMethod::Delete) {
            Location::Body
        } else {
            Location::Query
        }
    }

    /// Whether an operation the spec does not mark is read-only (see [`ReadOnlyRule`]).
    pub fn read_only_by_default(&self, method: HttpMethod, action: &str) -> bool {
        match self.read_only {
            ReadOnlyRule::Get => method == HttpMethod::Get,
            ReadOnlyRule::ActionName => ["Describe", "List", "Query", "Get"]
                .iter()
                .any(|verb| action.strip_prefix(verb).is_some_and(|rest| rest.chars().next().is_some_and(|c| c.is_ascii_uppercase()))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Protocol; 4] = [Protocol::AliyunRpc, Protocol::KsyunQuery, Protocol::JdcloudRest, Protocol::InspurRest];

    #[test]
    fn each_row_names_its_protocol_as_the_spec_spells_it() {
        for protocol in ALL {
            let spelled = serde_json::to_value(protocol).unwrap();
            assert_eq!(spelled, protocol.facts().name, "{protocol:?}");
        }
    }

    #[test]
    fn every_signature_fits_exactly_one_protocol() {
        let all = [
            Signing::Acs3HmacSha256,
            Signing::HmacSha1,
            Signing::Aws4HmacSha256,
            Signing::Jdcloud3HmacSha256,
            Signing::Jdcloud2HmacSha256,
            Signing::BearerToken,
        ];
        for signing in all {
            let fitting: Vec<_> = ALL.iter().filter(|p| p.facts().signs_with(signing)).collect();
            assert_eq!(fitting.len(), 1, "{signing:?} fits {fitting:?}");
        }
        for protocol in ALL {
            let facts = protocol.facts();
            assert_eq!(facts.signature_choice, facts.signatures.len() > 1, "{protocol:?}");
        }
    }

    #[test]
    fn locations_and_read_only_rules() {
        let rpc = Protocol::AliyunRpc.facts();
        let rest = Protocol::JdcloudRest.facts();
        assert!(!rpc.takes_location(Location::Path) && rest.takes_location(Location::Path) && !rest.takes_location(Location::Header));
        assert_eq!(rest.default_location(HttpMethod::Post), Location::Body);
        assert_eq!(rest.default_location(HttpMethod::Get), Location::Query);
        assert_eq!(rpc.default_location(HttpMethod::Post), Location::Query);
        for action in ["DescribeInstances", "ListImages", "QueryPrice", "GetUser"] {
            assert!(rpc.read_only_by_default(HttpMethod::Post, action), "{action}");
        }
        for action in ["Describe", "Listen", "Getaway", "StopInstances", "describeInstances"] {
            assert!(!rpc.read_only_by_default(HttpMethod::Post, action), "{action}");
        }
        assert!(rest.read_only_by_default(HttpMethod::Get, "stopInstance"), "a REST GET");
        assert!(!rest.read_only_by_default(HttpMethod::Post, "describeInstances"), "the name does not count for REST");
    }
}
