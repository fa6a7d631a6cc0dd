//! `src/server.rs` (behind the generated crate's `server` feature): the server side of the
//! crate's operations, the inverse of what its client writes. Every item is a small `impl`
//! wiring the runtime's `yun_runtime::server` to the crate's types, read from the same IR the
//! client's encoders read (`emit/params.rs`, `emit/operation.rs`): a member written flat is read
//! flat, one written as JSON or comma-separated is read so, a REST member from its path
//! segment, query or JSON body (inside the operation's wrapper).
//!
//! - `ParamValue` and `Arbitrary` for each enum, `ReadParam` and `Arbitrary` for each structure,
//!   `Arbitrary` for each output: one line each (`yun_runtime::server_structure!(…)`), the
//!   runtime reading and making their members through the `Structure` table the crate's
//!   decoding already has (`emit/deserialize.rs`: spellings, `WRITTEN`, `read_member`), so no
//!   member is listed here a second time;
//! - `DecodeInput` and `Arbitrary` for each input (inputs are no `Structure`: their members
//!   travel in the path, the query or the body, as `emit/operation.rs` writes them);
//! - `OperationInput` / `OperationOutput`, enums over the operations, and their `Dispatch`:
//!   which operation a request calls (the action for RPC and query protocols, method and path
//!   template for REST, most literal template first) and its decoded input.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::{Field, Operation, RustType, Service, Shape, ShapeKind};
use crate::spec::{Encoding, Location, Protocol};

/// The module `server.rs`.
pub fn server_module(service: &Service) -> TokenStream {
    let shapes = service.shapes.iter().map(shape_impls);
    let operations = service.operations.iter().map(|op| operation_impls(service, op));
    let dispatch = dispatch(service);
    let body = quote! {
        #(#shapes)*
        #(#operations)*
        #dispatch
    };
    // Import what the items name, and only that (a crate without structures reads no `Params`).
    let text = body.to_string();
    let named = |name: &str| text.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|token| token == name);
    let pick = |names: &[&str]| -> Vec<proc_macro2::Ident> { names.iter().filter(|n| named(n)).map(|n| ident(n)).collect() };
    let arbitrary = pick(&["Arbitrary", "Encoding", "Gen"]);
    let server = pick(&["DecodeInput", "ParamValue", "Params", "ReadParam", "Rejection", "Request"]);
    let arbitrary = (!arbitrary.is_empty()).then(|| quote!(use yun_runtime::server::arbitrary::{#(#arbitrary),*};));
    let server = (!server.is_empty()).then(|| quote!(use yun_runtime::server::{#(#server),*};));
    // The macros name the crate's types and outputs by their module.
    let modules = match (service.operations.is_empty(), service.shapes.is_empty()) {
        (false, false) => Some(quote!(use crate::{operation, types};)),
        (false, true) => Some(quote!(use crate::operation;)),
        (true, false) => Some(quote!(use crate::types;)),
        (true, true) => None,
    };
    quote! {
        //! The server side of this crate's operations (the `server` feature), for emulators and
        //! tests: requests decoded into typed inputs ([`OperationInput`]), outputs answered in
        //! the service's envelope, arbitrary values for round trips. See `yun_runtime::server`.

        #arbitrary
        #server

        #modules

        #body
    }
}

fn encoding(field: &Field) -> TokenStream {
    match field.encoding {
        Encoding::Flat => quote!(Encoding::Flat),
        Encoding::Json => quote!(Encoding::Json),
        Encoding::Csv => quote!(Encoding::Csv),
    }
}

fn is_scalar_like(field: &Field) -> bool {
    matches!(field.ty, RustType::Scalar(_) | RustType::Enum(_))
}

/// A named type's server impls, through the runtime: an enum's `ParamValue` and `Arbitrary`
/// (its known values from its `string_enum!`), a structure's `ReadParam` and `Arbitrary`
/// (through its `Structure` table: spellings, how a request writes each member, `read_member`).
fn shape_impls(shape: &Shape) -> TokenStream {
    let ty = ident(&shape.name);
    match &shape.kind {
        ShapeKind::Enum(_) => quote!(yun_runtime::server_enum!(types::#ty);),
        ShapeKind::Struct(_) => quote!(yun_runtime::server_structure!(types::#ty);),
    }
}

/// How the input member `f` is read back: from `params` (flat, JSON or CSV, as `write_member`
/// writes it), the REST path, or the JSON body.
fn read_member(op: &Operation, f: &Field) -> TokenStream {
    let wire = &f.wire;
    let required = f.required;
    match f.location {
        Location::Path => {
            if required {
                quote!(path.required(#wire)?)
            } else {
                quote!(path.read(#wire)?)
            }
        }
        Location::Payload => {
            if required {
                quote!(yun_runtime::server::json_payload(request)?.ok_or_else(|| Rejection::missing(#wire))?)
            } else {
                quote!(yun_runtime::server::json_payload(request)?)
            }
        }
        Location::Body if op.json_body => {
            if required {
                quote!(body.required(#wire)?)
            } else {
                quote!(body.read(#wire)?)
            }
        }
        _ => {
            let method = match (f.encoding, is_scalar_like(f), required) {
                (Encoding::Json, false, true) => quote!(required_json),
                (Encoding::Json, false, false) => quote!(json),
                (Encoding::Csv, false, true) => quote!(required_csv),
                (Encoding::Csv, false, false) => quote!(csv),
                (_, _, true) => quote!(required),
                (_, _, false) => quote!(read),
            };
            quote!(params.#method(#wire)?)
        }
    }
}

/// How an arbitrary value of the input member `f` is made, for the wire it travels on.
fn arbitrary_member(op: &Operation, f: &Field) -> TokenStream {
    let required = f.required;
    let wire = match f.location {
        Location::Path => Some(quote!(yun_runtime::server::arbitrary::Wire::Path)),
        Location::Payload => Some(quote!(yun_runtime::server::arbitrary::Wire::Json)),
        Location::Body if op.json_body => Some(quote!(yun_runtime::server::arbitrary::Wire::Json)),
        _ => None,
    };
    match (wire, required) {
        // A path member is always sent: an empty segment would not be a path of the operation.
        (Some(w), _) if f.location == Location::Path && !required => quote!(Some(g.on(#w))),
        (Some(w), true) => quote!(g.on(#w)),
        (Some(w), false) => quote!(g.member_on(false, #w)),
        (None, true) => {
            let enc = encoding(f);
            quote!(g.required(#enc))
        }
        (None, false) => {
            let enc = encoding(f);
            quote!(g.member(false, #enc))
        }
    }
}

fn operation_impls(service: &Service, op: &Operation) -> TokenStream {
    let input = ident(&op.input_name);
    let output = ident(&op.output_name);
    let uses = |pred: &dyn Fn(&Field) -> bool| op.input.iter().any(pred);
    let in_params = |f: &Field| match f.location {
        Location::Path | Location::Payload => false,
        Location::Body => !op.json_body,
        _ => true,
    };
    // The query and a form body's parameters (REST sends members in the query, or in a form
    // body where an operation has no JSON one).
    let params = uses(&in_params).then(|| quote!(let params = request.merged_params();));
    let path =
        uses(&|f| f.location == Location::Path).then(|| quote!(let path = request.path_params(<Self as yun_runtime::Operation>::PATH);));
    let body = uses(&|f| f.location == Location::Body && op.json_body).then(|| {
        let wrapper = match &op.body_wrapper {
            Some(key) => quote!(Some(#key)),
            None => quote!(None),
        };
        quote!(let body = yun_runtime::server::JsonMembers::of(request, #wrapper)?;)
    });
    let reads = op.input.iter().map(|f| {
        let id = ident(&f.name);
        let read = read_member(op, f);
        quote!(#id: #read,)
    });
    let request_param = if op.input.is_empty() { quote!(_request) } else { quote!(request) };
    let values = op.input.iter().map(|f| {
        let id = ident(&f.name);
        let value = arbitrary_member(op, f);
        quote!(#id: #value,)
    });
    let g_param = if op.input.is_empty() { quote!(_g) } else { quote!(g) };
    // The services always answer their request id: an output member that holds it is present.
    let request_id_member = matches!(service.protocol, Protocol::AliyunRpc | Protocol::KsyunQuery);
    let always = (request_id_member && op.output.iter().any(|f| f.wire == "RequestId")).then(|| quote!(, "RequestId"));
    let allow_in = super::syntax::allow_deprecated(&op.input);
    quote! {
        #allow_in
        impl DecodeInput for crate::operation::#input {
            fn decode_input(#request_param: &Request) -> Result<Self, Rejection> {
                #params
                #path
                #body
                Ok(Self { #(#reads)* })
            }
        }

        #allow_in
        impl Arbitrary for crate::operation::#input {
            fn arbitrary(#g_param: &mut Gen) -> Self {
                Self { #(#values)* }
            }
        }

        yun_runtime::server_output!(operation::#output #always);
    }
}

/// The variant name of an operation in `OperationInput` / `OperationOutput`: its input's name
/// without `Input` (the whole name where that would be `Self`).
fn variant(op: &Operation) -> proc_macro2::Ident {
    ident(op.input_name.strip_suffix("Input").filter(|s| !s.is_empty() && *s != "Self").unwrap_or(&op.input_name))
}

/// How much of a REST template is literal text: templates are tried most literal first, so
/// `/instances/{id}:stop` is not read as `/instances/{id}` with the id `x:stop`.
fn literal_len(template: &str) -> usize {
    let mut len = 0;
    let mut inside = false;
    for c in template.chars() {
        match c {
            '{' => inside = true,
            '}' => inside = false,
            _ if !inside => len += 1,
            _ => {}
        }
    }
    len
}

fn dispatch(service: &Service) -> TokenStream {
    let facts = service.protocol.facts();
    let protocol = match service.protocol {
        Protocol::AliyunRpc => quote!(yun_runtime::server::aliyun::Aliyun),
        Protocol::KsyunQuery => quote!(yun_runtime::server::ksyun::Ksyun),
        Protocol::JdcloudRest => quote!(yun_runtime::server::jdcloud::Jdcloud),
        Protocol::InspurRest => quote!(yun_runtime::server::inspur::Inspur),
    };
    let module = ident(facts.runtime_module);
    let ops = &service.operations;
    let variants: Vec<_> = ops.iter().map(variant).collect();
    let inputs: Vec<_> = ops.iter().map(|op| ident(&op.input_name)).collect();
    let outputs: Vec<_> = ops.iter().map(|op| ident(&op.output_name)).collect();
    let actions: Vec<&str> = ops.iter().map(|op| op.action.as_str()).collect();
    let indexes: Vec<proc_macro2::Literal> = (0..ops.len()).map(proc_macro2::Literal::usize_unsuffixed).collect();
    let input_docs = ops.iter().map(|op| format!(" `{}`.", op.action));
    let output_docs = ops.iter().map(|op| format!(" The answer of `{}`.", op.action));
    let decode = if facts.rest {
        let mut order: Vec<usize> = (0..ops.len()).collect();
        // Operations sharing a method and path differ by their body's wrapper: those with one
        // are tried first, each only when the body holds its key.
        order.sort_by_key(|&i| std::cmp::Reverse((literal_len(&ops[i].path), ops[i].body_wrapper.is_some())));
        let tries = order.iter().map(|&i| {
            let (variant, input) = (&variants[i], &inputs[i]);
            let method = ops[i].method.as_str();
            let template = &ops[i].path;
            let wrapper = ops[i].body_wrapper.as_ref().map(|key| quote!(&& yun_runtime::server::has_wrapper(request, #key)));
            quote! {
                if request.method() == #method && yun_runtime::server::match_path(#template, request.raw_path()).is_some() #wrapper {
                    return crate::operation::#input::decode_input(request).map(Self::#variant);
                }
            }
        });
        quote! {
            #(#tries)*
            Err(Rejection::unknown_operation(&format!("`{} {}`", request.method(), request.path())))
        }
    } else {
        let arms = ops.iter().zip(&variants).zip(&inputs).map(|((op, variant), input)| {
            let action = &op.action;
            quote!(#action => crate::operation::#input::decode_input(request).map(Self::#variant),)
        });
        quote! {
            let Some(action) = yun_runtime::server::action(request) else {
                return Err(Rejection::missing("Action"));
            };
            match action {
                #(#arms)*
                other => Err(Rejection::unknown_operation(&format!("`{other}`"))),
            }
        }
    };
    let empty = ops.is_empty();
    let (g, index, client, response) = if empty {
        (quote!(_g), quote!(_index), quote!(_client), quote!(_response))
    } else {
        (quote!(g), quote!(index), quote!(client), quote!(response))
    };
    let encoded_body = if empty {
        quote!(match *self {})
    } else {
        quote!(match self { #(Self::#variants(input) => yun_runtime::client::send::Encoded::new(input),)* })
    };
    quote! {
        /// An operation of the service with its input: what a request calls
        /// ([`Dispatch::decode`](yun_runtime::server::Dispatch::decode)).
        // A value handed from the decoder to the server's handler once, matched at once: boxing
        // the large inputs would only add a step to every match.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum OperationInput {
            #(#[doc = #input_docs] #variants(crate::operation::#inputs),)*
        }

        /// An operation's output, as a server answers it (serialized as the output it holds).
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum OperationOutput {
            #(#[doc = #output_docs] #variants(crate::operation::#outputs),)*
        }

        impl yun_runtime::server::Dispatch for OperationInput {
            type Protocol = #protocol;
            type Output = OperationOutput;
            const SERVICE: &'static yun_runtime::#module::ServiceInfo = &crate::SERVICE;
            const ACTIONS: &'static [&'static str] = &[#(#actions),*];

            fn decode(request: &Request) -> Result<Self, Rejection> {
                #decode
            }

            fn encoded(&self) -> yun_runtime::client::send::Encoded {
                #encoded_body
            }

            fn arbitrary(#index: usize, #g: &mut Gen) -> Option<Self> {
                Some(match #index {
                    #(#indexes => Self::#variants(Arbitrary::arbitrary(#g)),)*
                    _ => return None,
                })
            }

            fn arbitrary_output(#index: usize, #g: &mut Gen) -> Option<OperationOutput> {
                Some(match #index {
                    #(#indexes => OperationOutput::#variants(Arbitrary::arbitrary(#g)),)*
                    _ => return None,
                })
            }

            fn client_decode(
                #client: &<#protocol as yun_runtime::server::ServerProtocol>::Client,
                #index: usize,
                #response: &yun_runtime::client::http::HttpResponse,
            ) -> Option<Result<yun_runtime::response::decode::Decoded<OperationOutput>, yun_runtime::Error>> {
                Some(match #index {
                    #(#indexes => yun_runtime::client::send::Wire::decode::<crate::operation::#outputs>(#client, #response, false)
                        .map(|d| d.map(OperationOutput::#variants)),)*
                    _ => return None,
                })
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn server_rs(spec: &str) -> String {
        let text = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(spec)).unwrap();
        let loaded = crate::load::load_str(Path::new(spec), text).unwrap();
        let files = super::super::emit(&crate::ir::resolve(&loaded), spec).unwrap();
        files.into_iter().find(|f| f.path == Path::new("src/server.rs")).unwrap().contents
    }

    #[test]
    fn templates_are_tried_most_literal_first() {
        assert_eq!(
            super::literal_len("/v1/regions/{regionId}/instances/{instanceId}:stopInstance"),
            "/v1/regions//instances/:stopInstance".len()
        );
        assert!(super::literal_len("/v1/servers/{id}/action") > super::literal_len("/v1/servers/{id}"));
    }

    #[test]
    fn operations_sharing_a_path_are_told_apart_by_their_wrapper() {
        let text = server_rs("inspur-ecs.yaml").split_whitespace().collect::<Vec<_>>().join(" ");
        let stop = text.find(r#"has_wrapper(request, "os-stop")"#).expect("StopServer checks its wrapper");
        let start = text.find(r#"has_wrapper(request, "os-start")"#).expect("StartServer checks its wrapper");
        assert_ne!(stop, start);
    }

    #[test]
    fn rpc_crates_dispatch_by_action_and_read_members_as_they_are_written() {
        let text = server_rs("aliyun-swas.yaml").split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(text
            .contains(r#""ListInstances" => { crate::operation::ListInstancesInput::decode_input(request) .map(Self::ListInstances) }"#));
        // `InstanceIds` is sent as one JSON parameter, `Tag` flattened.
        assert!(text.contains(r#"instance_ids: params.json("InstanceIds")?"#) && text.contains(r#"tag: params.read("Tag")?"#));
        assert!(text.contains(r#"region_id: params.required("RegionId")?"#));
    }
}
