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
        Protocol::AliyunRpc => quote!(pub use #module::{Config, SignatureVersion};),
        Protocol::KsyunQuery => quote!(pub use #module::{Config, SignatureLocation};),
        Protocol::JdcloudRest => quote!(pub use #module::{Config, SignatureVersion};),
        Protocol::InspurRest => quote!(pub use #module::{Config, StaticToken, TokenSource};),
    }
}

/// The `SERVICE` constant: what the runtime needs to know of the service.
pub fn service_info(service: &Service) -> TokenStream {
    let module = runtime_module(service.protocol);
    let version = &service.api_version;
    let endpoint = &service.endpoint;
    let regions = &service.regions;
    match service.protocol {
        Protocol::AliyunRpc => {
            let product = &service.product;
            let signing = service.signing.iter().filter_map(|s| match s {
                Signing::Acs3HmacSha256 => Some(quote!(#module::SignatureVersion::Acs3HmacSha256)),
                Signing::HmacSha1 => Some(quote!(#module::SignatureVersion::HmacSha1)),
                _ => None, // validation keeps signatures and protocols matched
            });
            quote! {
                /// What the runtime needs to know of the service: product code, API version,
                /// endpoint pattern, signature schemes (default first) and known regions.
                pub const SERVICE: #module::ServiceInfo = #module::ServiceInfo {
                    product: #product,
                    version: #version,
                    endpoint: #endpoint,
                    signing: &[#(#signing),*],
                    regions: &[#(#regions),*],
                };
            }
        }
        Protocol::JdcloudRest => {
            let name = &service.product;
            let signing = service.signing.iter().filter_map(|s| match s {
                Signing::Jdcloud3HmacSha256 => Some(quote!(#module::SignatureVersion::Jdcloud3HmacSha256)),
                Signing::Jdcloud2HmacSha256 => Some(quote!(#module::SignatureVersion::Jdcloud2HmacSha256)),
                _ => None, // validation keeps signatures and protocols matched
            });
            quote! {
                /// What the runtime needs to know of the service: its name (endpoint and
                /// signature scope), API version, endpoint pattern, signature schemes (default
                /// first) and known regions.
                pub const SERVICE: #module::ServiceInfo = #module::ServiceInfo {
                    service: #name,
                    version: #version,
                    endpoint: #endpoint,
                    signing: &[#(#signing),*],
                    regions: &[#(#regions),*],
                };
            }
        }
        Protocol::InspurRest => {
            let name = &service.product;
            quote! {
                /// What the runtime needs to know of the service: its name and API version, and
                /// the endpoint (Inspur Cloud publishes none: set one in the configuration).
                pub const SERVICE: #module::ServiceInfo = #module::ServiceInfo {
                    service: #name,
                    version: #version,
                    endpoint: #endpoint,
                    regions: &[#(#regions),*],
                };
            }
        }
        Protocol::KsyunQuery => {
            let name = &service.product;
            quote! {
                /// What the runtime needs to know of the service: its name (endpoint and
                /// signature scope), API version, endpoint pattern and known regions.
                pub const SERVICE: #module::ServiceInfo = #module::ServiceInfo {
                    service: #name,
                    version: #version,
                    endpoint: #endpoint,
                    regions: &[#(#regions),*],
                };
            }
        }
    }
}
