//! `src/server.rs` (behind the generated crate's `server` feature): the server side of the
//! crate's operations, the inverse of what its client writes. Every item is a small `impl`
//! wiring the runtime's `yun_runtime::server` to the crate's types, read from the same IR the
//! client's encoders read (`emit/params.rs`, `emit/operation.rs`): a member written flat is read
//! flat, one written as JSON or comma-separated is read so, a REST member from its path
//! segment, query or JSON body (inside the operation's wrapper).
//!
//! - `ParamValue` and `Arbitrary` for each enum, `ReadParam` and `Arbitrary` for each structure:
//!   one line each (`yun_runtime::server_structure!(…)`), the runtime reading and making their
//!   members through the `Structure` table the crate's decoding already has
//!   (`emit/deserialize.rs`: spellings, `WRITTEN`, `read_member`), so no member is listed here
//!   a second time; outputs need no line: the runtime makes them through that table too, their
//!   request id member always present where the protocol answers one
//!   (`ServerProtocol::REQUEST_ID_MEMBER`);
//! - `DecodeInput` for each input: its members listed once (`DecodeInput::members`,
//!   `region_id: m.path("regionId")?`), by where each travels (path, whole body, JSON body,
//!   query or form as flat, JSON or comma-separated), as `emit/operation.rs` writes them; the
//!   runtime reads them from a request and makes arbitrary inputs through that one list;
//! - `OperationInput` / `OperationOutput`, enums over the operations, and their `Dispatch`:
//!   the operations once by index (`operation`: each one's input and output types, through
//!   which the runtime names them by their inputs' `ACTION`, makes arbitrary values, decodes
//!   answers, and dispatches requests as the protocol does: `ServerProtocol::decode`, RPC and
//!   query requests by action, REST ones by method, path template and wrapper), and the input
//!   as the client encodes it (`encoded`).

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::{Field, Operation, RustType, Service, Shape, ShapeKind};
use crate::spec::{Encoding, Location};

/// The module `server.rs`.
pub fn server_module(service: &Service) -> TokenStream {
    let shapes = service.shapes.iter().map(shape_impls);
    let operations = service.operations.iter().map(|op| decode_input_impl(service, op));
    let dispatch = dispatch(service);
    let body = quote! {
        #(#shapes)*
        #(#operations)*
        #dispatch
    };
    // Import what the items name, and only that (a crate without operations has no `DecodeInput`).
    let text = body.to_string();
    let named = |name: &str| text.split(|c: char| !(c.is_alphanumeric() || c == '_')).any(|token| token == name);
    let pick = |names: &[&str]| -> Vec<proc_macro2::Ident> { names.iter().filter(|n| named(n)).map(|n| ident(n)).collect() };
    let server = pick(&["DecodeInput", "Dispatch", "Members", "Visit"]);
    // The items name the crate's types and operations by their module.
    let modules = match (service.operations.is_empty(), service.shapes.is_empty()) {
        (false, false) => Some(quote!(
            use crate::{operation, types};
        )),
        (false, true) => Some(quote!(
            use crate::operation;
        )),
        (true, false) => Some(quote!(
            use crate::types;
        )),
        (true, true) => None,
    };
    quote! {
        //! The server side of this crate's operations (the `server` feature), for emulators and
        //! tests: requests decoded into typed inputs ([`OperationInput`]), outputs answered in
        //! the service's envelope, arbitrary values for round trips. See `yun_runtime::server`.

        use yun_runtime::client::send::Encoded;
        use yun_runtime::server::{#(#server),*};

        #modules

        #body
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

/// Whether the server also reads the input member `f` from its plain form (`Key=v` for the
/// list `Key.1=v`): a flat list of scalars of at most one item (`max_items: 1`) in a protocol
/// whose clients may send it so ([`ProtocolFacts::plain_lists_of_one`](crate::protocol::ProtocolFacts::plain_lists_of_one)).
fn reads_plain_form(service: &Service, f: &Field) -> bool {
    let scalar_items = matches!(&f.ty, RustType::List(item) if matches!(**item, RustType::Scalar(_) | RustType::Enum(_)));
    service.protocol.facts().plain_lists_of_one
        && f.encoding == Encoding::Flat
        && scalar_items
        && f.items.as_ref().and_then(|b| b.max) == Some(1)
}

/// How the input member `f` is read from or made by the `Members` `m`: from the path, the
/// whole body, the JSON body, or the query or form as its encoding writes it (flat, JSON or
/// comma-separated, as `write_member` writes it; a list of one also plain where
/// [`reads_plain_form`]).
fn member(service: &Service, op: &Operation, f: &Field) -> TokenStream {
    let wire = &f.wire;
    let method = match f.location {
        Location::Path => "path",
        Location::Payload => "payload",
        Location::Body if op.json_body => "body",
        _ if reads_plain_form(service, f) => "one_or_list",
        _ => match (f.encoding, is_scalar_like(f)) {
            (Encoding::Json, false) => "json",
            (Encoding::Csv, false) => "csv",
            _ => "param",
        },
    };
    match (f.location, f.required) {
        (Location::Payload, false) => quote!(m.payload_opt()?),
        (_, true) => {
            let method = ident(method);
            quote!(m.#method(#wire)?)
        }
        (_, false) => {
            let method = ident(&format!("{method}_opt"));
            quote!(m.#method(#wire)?)
        }
    }
}

fn decode_input_impl(service: &Service, op: &Operation) -> TokenStream {
    let input = ident(&op.input_name);
    let json_body = op.input.iter().any(|f| f.location == Location::Body && op.json_body);
    let json_body = json_body.then(|| {
        quote!(
            const JSON_BODY: bool = true;
        )
    });
    // Also without body members: the wrapper tells operations sharing a method and path apart.
    let wrapper = op.body_wrapper.as_ref().map(|key| quote!(const BODY_WRAPPER: Option<&'static str> = Some(#key);));
    let members = op.input.iter().map(|f| {
        let id = ident(&f.name);
        let read = member(service, op, f);
        quote!(#id: #read,)
    });
    let m = if op.input.is_empty() { quote!(_m) } else { quote!(m) };
    let allow_in = super::syntax::allow_deprecated(&op.input);
    quote! {
        #allow_in
        impl DecodeInput for operation::#input {
            #json_body
            #wrapper

            fn members<M: Members>(#m: &mut M) -> Result<Self, M::Error> {
                Ok(Self { #(#members)* })
            }
        }
    }
}

/// The variant name of an operation in `OperationInput` / `OperationOutput`: its input's name
/// without `Input` (the whole name where that would be `Self`).
fn variant(op: &Operation) -> proc_macro2::Ident {
    ident(op.input_name.strip_suffix("Input").filter(|s| !s.is_empty() && *s != "Self").unwrap_or(&op.input_name))
}

fn dispatch(service: &Service) -> TokenStream {
    let facts = service.protocol.facts();
    let module = ident(facts.runtime_module);
    let server_type = ident(facts.server_type);
    let ops = &service.operations;
    let variants: Vec<_> = ops.iter().map(variant).collect();
    let inputs = ops.iter().map(|op| ident(&op.input_name));
    let outputs = ops.iter().map(|op| ident(&op.output_name));
    let input_docs = ops.iter().map(|op| format!(" `{}`.", op.action));
    let output_docs = ops.iter().map(|op| format!(" The answer of `{}`.", op.action));
    // The one list of the operations by index; the runtime reads each one's action, input and
    // output through it (`Dispatch::action`, `arbitrary`, `decode_action`, …).
    let indexes = (0..ops.len()).map(proc_macro2::Literal::usize_unsuffixed);
    let (encoded, operation) = if ops.is_empty() {
        (
            quote!(match *self {}),
            quote!(
                fn operation<V: Visit<Self>>(_index: usize, _visit: V) -> Option<V::Out> {
                    None
                }
            ),
        )
    } else {
        (
            quote!(match self { #(Self::#variants(input) => Encoded::new(input),)* }),
            quote! {
                fn operation<V: Visit<Self>>(index: usize, visit: V) -> Option<V::Out> {
                    let out = match index {
                        #(#indexes => visit.visit(Self::#variants, Self::Output::#variants),)*
                        _ => return None,
                    };
                    Some(out)
                }
            },
        )
    };
    quote! {
        /// An operation of the service with its input: what a request calls
        /// ([`Dispatch::decode`]).
        // A value handed from the decoder to the server's handler once, matched at once: boxing
        // the large inputs would only add a step to every match.
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq)]
        #[non_exhaustive]
        pub enum OperationInput {
            #(#[doc = #input_docs] #variants(operation::#inputs),)*
        }

        /// An operation's output, as a server answers it (serialized as the output it holds).
        #[allow(clippy::large_enum_variant)]
        #[derive(Clone, Debug, PartialEq, serde::Serialize)]
        #[serde(untagged)]
        #[non_exhaustive]
        pub enum OperationOutput {
            #(#[doc = #output_docs] #variants(operation::#outputs),)*
        }

        impl Dispatch for OperationInput {
            type Protocol = yun_runtime::server::#module::#server_type;
            type Output = OperationOutput;
            const SERVICE: &'static yun_runtime::#module::ServiceInfo = &crate::SERVICE;

            fn encoded(&self) -> Encoded {
                #encoded
            }

            #operation
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
    fn only_kingsoft_lists_of_one_are_also_read_plain() {
        let kec = server_rs("ksyun-kec.yaml");
        // CreateModel's SecurityGroupId (max_items: 1) reads `SecurityGroupId=` too; RunInstances'
        // (no cap) and AddVmIntoDataGuard's InstanceId only the indexed list.
        assert_eq!(kec.matches("one_or_list").count(), 1, "one member of KEC");
        assert!(kec.contains(r#"security_group_id: m.one_or_list("SecurityGroupId")?"#));
        assert!(kec.contains(r#"instance_id: m.param("InstanceId")?"#));
        for rpc in ["aliyun-ecs.yaml", "aliyun-vpc.yaml", "aliyun-swas.yaml"] {
            assert!(!server_rs(rpc).contains("one_or_list"), "{rpc}: Aliyun lists are read indexed only");
        }
    }

    #[test]
    fn operations_sharing_a_path_say_their_wrapper_even_without_body_members() {
        // StartServer sends `{"os-start": {}}` and no member: the runtime's REST dispatch tells
        // it from StopServer by this constant (the decoding itself: tests/tests/server_rest_dispatch.rs).
        let text = server_rs("inspur-ecs.yaml").split_whitespace().collect::<Vec<_>>().join(" ");
        for key in ["os-start", "os-stop"] {
            assert!(text.contains(&format!(r#"const BODY_WRAPPER: Option<&'static str> = Some("{key}");"#)), "{key}");
        }
        // The protocol decodes REST requests by method, path and wrapper (`ServerProtocol::decode`).
        assert!(text.contains("type Protocol = yun_runtime::server::inspur::Inspur;") && !text.contains("fn decode"));
    }

    #[test]
    fn rpc_crates_name_their_protocol_and_read_members_as_they_are_written() {
        let text = server_rs("aliyun-swas.yaml").split_whitespace().collect::<Vec<_>>().join(" ");
        // Aliyun's protocol dispatches by action (`ServerProtocol::decode`): no `decode` here.
        assert!(text.contains("type Protocol = yun_runtime::server::aliyun::Aliyun;") && !text.contains("fn decode"));
        assert!(text.contains(r#"0 => visit.visit(Self::ListInstances, Self::Output::ListInstances),"#), "{text}");
        // The actions are the inputs' `Operation::ACTION`, not listed again; outputs need no line.
        assert!(!text.contains("ACTIONS") && !text.contains("server_output"));
        // `InstanceIds` is sent as one JSON parameter, `Tag` flattened.
        assert!(text.contains(r#"instance_ids: m.json_opt("InstanceIds")?"#) && text.contains(r#"tag: m.param_opt("Tag")?"#));
        assert!(text.contains(r#"region_id: m.param("RegionId")?"#));
    }
}
