//! What the emitted glue names per protocol: the runtime module, its client type and the
//! service description the runtime reads, from the protocol's facts
//! ([`crate::protocol::ProtocolFacts`]). Everything else emitted is protocol-neutral.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::Service;
use crate::spec::{Protocol, Signing};

/// `yun_runtime::aliyun` or `yun_runtime::ksyun`.
pub fn runtime_module(protocol: Protocol) -> TokenStream {
    let module = ident(protocol.facts().runtime_module);
    quote!(yun_runtime::#module)
}

/// The runtime client that sends this protocol.
pub fn client_type(protocol: Protocol) -> TokenStream {
    let module = runtime_module(protocol);
    let client = ident(protocol.facts().client_type);
    quote!(#module::#client)
}

/// The `pub use` of the configuration types a user of the crate needs.
pub fn config_reexports(protocol: Protocol) -> TokenStream {
    let module = runtime_module(protocol);
    let types = protocol.facts().config_reexports.iter().map(|t| ident(t));
    quote!(pub use #module::{#(#types),*};)
}

/// The `SERVICE` constant: what the runtime needs to know of the service. Every protocol's
/// `ServiceInfo` has the name, version, endpoint and regions; Aliyun calls the name `product`,
/// and the protocols with a choice of signatures list them, default first.
pub fn service_info(service: &Service) -> TokenStream {
    let module = runtime_module(service.protocol);
    let (name, version, endpoint, regions) = (&service.product, &service.api_version, &service.endpoint, &service.regions);
    let name_field = ident(service.protocol.facts().service_name_field);
    let signature = |s: &Signing| match s {
        Signing::Acs3HmacSha256 => Some(quote!(Acs3HmacSha256)),
        Signing::HmacSha1 => Some(quote!(HmacSha1)),
        Signing::Jdcloud3HmacSha256 => Some(quote!(Jdcloud3HmacSha256)),
        Signing::Jdcloud2HmacSha256 => Some(quote!(Jdcloud2HmacSha256)),
        // One way to sign: nothing to choose.
        Signing::Aws4HmacSha256 | Signing::BearerToken => None,
    };
    let signing = service.protocol.facts().signature_choice.then(|| {
        let variants = service.signing.iter().filter_map(signature);
        quote!(signing: &[#(#module::SignatureVersion::#variants),*],)
    });
    let doc = service.protocol.facts().service_info_doc;
    let kingsoft = service.protocol.facts().kingsoft_keys.then(|| {
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
    let endpoints = service.protocol.facts().endpoint_map.then(|| {
        let (regions, hosts): (Vec<&String>, Vec<&String>) = service.endpoints.iter().map(|(r, h)| (r, h)).unzip();
        quote!(endpoints: &[#((#regions, #hosts)),*],)
    });
    let doc = doc.lines().map(|l| quote!(#[doc = #l]));
    quote! {
        #(#doc)*
        pub const SERVICE: #module::ServiceInfo = #module::ServiceInfo {
            #name_field: #name,
            version: #version,
            endpoint: #endpoint,
            #endpoints
            #kingsoft
            #signing
            regions: &[#(#regions),*],
        };
    }
}
