//! What the emitted glue names per protocol: the runtime module, its client type and the
//! service description the runtime reads. Everything else emitted is protocol-neutral.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Service;
use crate::spec::{Protocol, Signing};

/// `yun_runtime::aliyun` or `yun_runtime::ksyun`.
pub fn runtime_module(protocol: Protocol) -> TokenStream {
    match protocol {
        Protocol::AliyunRpc => quote!(yun_runtime::aliyun),
        Protocol::KsyunQuery => quote!(yun_runtime::ksyun),
        Protocol::JdcloudRest => quote!(yun_runtime::jdcloud),
        Protocol::InspurRest => quote!(yun_runtime::inspur),
    }
}

/// The runtime client that sends this protocol.
pub fn client_type(protocol: Protocol) -> TokenStream {
    let module = runtime_module(protocol);
    match protocol {
        Protocol::AliyunRpc => quote!(#module::RpcClient),
        Protocol::KsyunQuery => quote!(#module::QueryClient),
        Protocol::JdcloudRest => quote!(#module::RestClient),
        Protocol::InspurRest => quote!(#module::RestClient),
    }
}

/// The `pub use` of the configuration types a user of the crate needs.
pub fn config_reexports(protocol: Protocol) -> TokenStream {
    let module = runtime_module(protocol);
    match protocol {
        Protocol::AliyunRpc => quote!(pub use #module::{Config, ConfigBuilder, SignatureVersion};),
        Protocol::KsyunQuery => {
            quote!(pub use #module::{Config, ConfigBuilder, DryRunPassed, RequestMethod, ResolvedEndpoint, SignatureLocation};)
        }
        Protocol::JdcloudRest => quote!(pub use #module::{Config, ConfigBuilder, SignatureVersion};),
        Protocol::InspurRest => quote!(pub use #module::{BearerToken, Config, ConfigBuilder, Identity, IdentityFuture, ResolveIdentity};),
    }
}

/// The `SERVICE` constant: what the runtime needs to know of the service. Every protocol's
/// `ServiceInfo` has the name, version, endpoint and regions; Aliyun calls the name `product`,
/// and the protocols with a choice of signatures list them, default first.
pub fn service_info(service: &Service) -> TokenStream {
    let module = runtime_module(service.protocol);
    let (name, version, endpoint, regions) = (&service.product, &service.api_version, &service.endpoint, &service.regions);
    let name_field = match service.protocol {
        Protocol::AliyunRpc => quote!(product),
        _ => quote!(service),
    };
    let signature = |s: &Signing| match s {
        Signing::Acs3HmacSha256 => Some(quote!(Acs3HmacSha256)),
        Signing::HmacSha1 => Some(quote!(HmacSha1)),
        Signing::Jdcloud3HmacSha256 => Some(quote!(Jdcloud3HmacSha256)),
        Signing::Jdcloud2HmacSha256 => Some(quote!(Jdcloud2HmacSha256)),
        // One way to sign: nothing to choose.
        Signing::Aws4HmacSha256 | Signing::BearerToken => None,
    };
    let signing = matches!(service.protocol, Protocol::AliyunRpc | Protocol::JdcloudRest).then(|| {
        let variants = service.signing.iter().filter_map(signature);
        quote!(signing: &[#(#module::SignatureVersion::#variants),*],)
    });
    let doc = match service.protocol {
        Protocol::AliyunRpc => " What the runtime needs to know of the service: product code, API version,\n endpoint pattern, signature schemes (default first) and known regions.",
        Protocol::JdcloudRest => " What the runtime needs to know of the service: its name (endpoint and\n signature scope), API version, endpoint pattern, signature schemes (default\n first) and known regions.",
        Protocol::InspurRest => " What the runtime needs to know of the service: its name and API version, and\n the endpoint (Inspur Cloud publishes none: set one in the configuration).",
        Protocol::KsyunQuery => " What the runtime needs to know of the service: its name, the name in the\n signature scope, API version, endpoint pattern (and global host), known regions and\n dry-run parameter.",
    };
    let kingsoft = (service.protocol == Protocol::KsyunQuery).then(|| {
        let signing_name = &service.signing_name;
        let global = match &service.global_endpoint {
            Some(g) => quote!(Some(#g)),
            None => quote!(None),
        };
        let dry_run = match &service.dry_run {
            Some(d) => {
                let (member, code) = (&d.member, &d.code);
                let status = match d.http_status {
                    Some(s) => {
                        let s = proc_macro2::Literal::u16_unsuffixed(s);
                        quote!(Some(#s))
                    }
                    None => quote!(None),
                };
                quote!(Some(#module::DryRunInfo { member: #member, code: #code, http_status: #status }))
            }
            None => quote!(None),
        };
        quote!(signing_name: #signing_name, global_endpoint: #global, dry_run: #dry_run,)
    });
    let doc = doc.lines().map(|l| quote!(#[doc = #l]));
    quote! {
        #(#doc)*
        pub const SERVICE: #module::ServiceInfo = #module::ServiceInfo {
            #name_field: #name,
            version: #version,
            endpoint: #endpoint,
            #kingsoft
            #signing
            regions: &[#(#regions),*],
        };
    }
}
