//! `src/operation/<name>.rs`: an operation's input (with its builder and wire encoding)
//! and its output.

use proc_macro2::TokenStream;
use quote::quote;

use super::debug::{needs_redaction, redacting_debug};
use super::params::write_member;
use super::runtime_types as rt;
use super::syntax::{allow_deprecated, docs, ident, rust_type, setter_param, setter_value, SerializeAttrs};
use crate::ir::{Field, Operation, Service};
use crate::spec::Location;

/// The module `operation/<fn_name>.rs`.
pub fn operation_module(op: &Operation, checked: &std::collections::BTreeSet<String>) -> TokenStream {
    let module_doc = format!(" `{}`: {}", op.action, first_line(&op.docs));
    let input = input(op, checked);
    let output = output(op);
    let pages = op.paginator.as_ref().map(|p| super::paginator::page_impls(op, p));
    let uses_write_param = op
        .input
        .iter()
        .filter(|f| !(op.json_body && matches!(f.location, Location::Body | Location::Payload)))
        .any(super::params::uses_write_param);
    let imports = rt::params_import(uses_write_param);
    quote! {
        #![doc = #module_doc]
        #imports
        #input
        #output
        #pages
    }
}

/// The module `operation/mod.rs`.
pub fn operations_index(service: &Service) -> TokenStream {
    let mods = service.operations.iter().map(|op| {
        let m = ident(&op.fn_name);
        let doc = format!(" `{}`: {}", op.action, first_line(&op.docs));
        let input = ident(&op.input_name);
        let builder = ident(&format!("{}Builder", op.input_name));
        let output = ident(&op.output_name);
        quote! {
            #[doc = #doc]
            pub mod #m;
            pub use #m::{#input, #builder, #output};
        }
    });
    let operation_trait = rt::operation();
    let dry_run = service.dry_run.as_ref().map(|d| {
        let inputs: Vec<_> = service.operations.iter().map(|op| ident(&op.input_name)).collect();
        let doc = docs(&format!(
            "An input [`Client::dry_run`](crate::Client::dry_run) can send (with `{}=true`): every \
             operation input of this crate. Sealed: implemented here only.",
            d.member
        ));
        quote! {
            mod sealed {
                pub trait Sealed {}
            }

            #doc
            pub trait DryRunInput: #operation_trait + sealed::Sealed {}

            #(
                impl sealed::Sealed for #inputs {}
                impl DryRunInput for #inputs {}
            )*
        }
    });
    quote! {
        //! One module per operation: its input, the input's builder and its output.
        #(#mods)*
        #dry_run
    }
}

pub(crate) fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

fn input(op: &Operation, checked: &std::collections::BTreeSet<String>) -> TokenStream {
    let name = &op.input_name;
    let ty = ident(name);
    let builder_name = format!("{name}Builder");
    let builder = ident(&builder_name);
    let fn_name = &op.fn_name;
    let exclusive = if op.one_of.is_empty() {
        String::new()
    } else {
        let groups: Vec<String> =
            op.one_of.iter().map(|g| format!("({})", g.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", "))).collect();
        format!(
            "\n\nMutually exclusive members: set exactly one of the groups {}, every member of it, and no member of another; `build()` checks it.",
            groups.join(" or ")
        )
    };
    let at_least: String = op
        .at_least_one_of
        .iter()
        .map(|g| {
            let members: Vec<String> = g.iter().map(|m| format!("`{m}`")).collect();
            format!("\n\nSet at least one of {}; `build()` checks it.", members.join(", "))
        })
        .collect();
    let doc = docs(&format!(
        "Input of [`Client::{fn_name}`](crate::Client::{fn_name}): {}\n\nBuild it with [`{name}::builder`].{exclusive}{at_least}",
        first_line(&op.docs)
    ));
    let builder_doc = format!(" A builder; [`build`]({builder_name}::build) checks required members and constraints.");
    let builder_type_doc = format!(" Builder for [`{name}`].");
    let fields = op.input.iter().map(|f| {
        let id = ident(&f.name);
        let t = rust_type(&f.ty);
        let t = if f.required { t } else { quote!(Option<#t>) };
        let doc = docs(&field_doc(f));
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        quote!(#doc #deprecated pub #id: #t,)
    });
    let builder_fields = op.input.iter().map(|f| {
        let id = ident(&f.name);
        let t = rust_type(&f.ty);
        quote!(#id: Option<#t>,)
    });
    let setters = op.input.iter().map(|f| {
        let id = ident(&f.name);
        let set = ident(&format!("set_{}", f.name));
        let param = setter_param(&f.ty);
        let value = setter_value(&f.ty);
        let t = rust_type(&f.ty);
        // The member's docs are on the input's field; the setter links there.
        let required = if f.required { " (**required**)" } else { "" };
        let doc = format!(" Sets [`{field}`]({name}::{field}){required}.", field = f.name);
        let set_doc = format!(" Sets or clears [`{}`](Self::{}).", f.name, f.name);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #id(mut self, value: #param) -> Self {
                self.#id = Some(#value);
                self
            }
            #[doc = #set_doc]
            #[inline]
            pub fn #set(mut self, value: Option<#t>) -> Self {
                self.#id = value;
                self
            }
        }
    });
    let check_type = rt::check();
    let idempotency_token = rt::idempotency_token();
    let mut checks: Vec<TokenStream> = op.input.iter().filter_map(|f| super::checks::input_field(f, checked)).collect();
    // Each member of a group with whether it is set; an empty list puts nothing on the wire,
    // so it does not count as set.
    let group_members = |group: &[String]| -> Vec<TokenStream> {
        group
            .iter()
            .map(|name| {
                let id = ident(name);
                let list = op.input.iter().any(|f| f.name == *name && matches!(f.ty, crate::ir::RustType::List(_)));
                if list {
                    quote!((#name, self.#id.as_ref().is_some_and(|v| !v.is_empty())))
                } else {
                    quote!((#name, self.#id.is_some()))
                }
            })
            .collect()
    };
    if !op.one_of.is_empty() {
        let groups = op.one_of.iter().map(|group| {
            let members = group_members(group);
            quote!(&[#(#members),*])
        });
        checks.push(quote!(check.exclusive_groups(&[#(#groups),*]);));
    }
    for group in &op.at_least_one_of {
        let members = group_members(group);
        checks.push(quote!(check.at_least_one(&[#(#members),*]);));
    }
    // The required members, unwrapped once by `finish_with` after every check: bound to
    // their own names, as a person would write it (a tuple, nested past the runtime's
    // largest, for several).
    let required: Vec<&Field> = op.input.iter().filter(|f| f.required).collect();
    let finish = if required.is_empty() {
        quote!(check.finish()?;)
    } else {
        let (names, values) = required_tuple(&required, &op.input);
        quote!(let #names = check.finish_with(#values)?;)
    };
    let checking = (!checks.is_empty() || !required.is_empty()).then(|| {
        quote! {
            let mut check = #check_type::new(#name);
            #(#checks)*
            #finish
        }
    });
    let assigns = op.input.iter().map(|f| {
        let id = ident(&f.name);
        if f.required {
            let binding = required_binding(f, &op.input);
            if binding == id {
                quote!(#id,)
            } else {
                quote!(#id: #binding,)
            }
        } else if f.idempotency_token {
            quote!(#id: self.#id.or_else(|| Some(#idempotency_token())),)
        } else {
            quote!(#id: self.#id,)
        }
    });
    let action = &op.action;
    let method = op.method.as_str();
    let wire = wire_encoding(op);
    let output = ident(&op.output_name);
    let idempotent = op.idempotent.then(|| {
        quote!(
            const IDEMPOTENT: bool = true;
        )
    });
    let sensitive_input = op.sensitive_input.then(|| {
        quote!(
            const SENSITIVE_INPUT: bool = true;
        )
    });
    let anonymous = op.anonymous.then(|| {
        quote!(
            const ANONYMOUS: bool = true;
        )
    });
    let sensitive_output = op.sensitive_output.then(|| {
        quote!(
            const SENSITIVE_OUTPUT: bool = true;
        )
    });
    let allow = allow_deprecated(&op.input);
    let (operation_trait, build_error, answer) = (rt::operation(), rt::build_error(), rt::answer());
    let (input_debug, input_debug_impl) = debug_parts(name, &op.input);
    let builder_debug_fields: Vec<Field> = op.input.iter().map(|f| Field { required: false, ..f.clone() }).collect();
    let (builder_debug, builder_debug_impl) = debug_parts(&builder_name, &builder_debug_fields);
    quote! {
        #doc
        #[derive(Clone, #input_debug PartialEq)]
        #[non_exhaustive]
        pub struct #ty {
            #(#fields)*
        }

        impl #ty {
            #[doc = #builder_doc]
            #[inline]
            pub fn builder() -> #builder {
                #builder::default()
            }
        }

        #input_debug_impl

        #[doc = #builder_type_doc]
        #[derive(Clone, #builder_debug Default)]
        pub struct #builder {
            #(#builder_fields)*
        }

        #allow
        impl #builder {
            #(#setters)*

            /// Checks required members and the spec's constraints, then builds the input.
            #[inline]
            pub fn build(self) -> Result<#ty, #build_error> {
                #checking
                Ok(#ty { #(#assigns)* })
            }
        }

        #builder_debug_impl

        #allow
        impl #operation_trait for #ty {
            const ACTION: &'static str = #action;
            const METHOD: &'static str = #method;
            #idempotent
            #anonymous
            #sensitive_input
            #sensitive_output
            type Output = #output;

            fn received(output: &mut #output, answer: #answer) {
                output.answer = answer;
            }

            #wire
        }
    }
}

/// The binding pattern and the value `finish_with` takes for the required members: the
/// member itself for one, a tuple for several, tuples of at most
/// `yun_runtime::operation::check::REQUIRED_TUPLE_MAX` nested for more.
fn required_tuple(required: &[&Field], input: &[Field]) -> (TokenStream, TokenStream) {
    const MAX: usize = super::runtime_types::REQUIRED_TUPLE_MAX;
    if let [one] = required {
        let (id, binding) = (ident(&one.name), required_binding(one, input));
        return (quote!(#binding), quote!(self.#id));
    }
    if required.len() <= MAX {
        let ids: Vec<_> = required.iter().map(|f| ident(&f.name)).collect();
        let bindings: Vec<_> = required.iter().map(|f| required_binding(f, input)).collect();
        return (quote!((#(#bindings,)*)), quote!((#(self.#ids,)*)));
    }
    let (names, values): (Vec<_>, Vec<_>) = required.chunks(MAX).map(|chunk| required_tuple(chunk, input)).unzip();
    (quote!((#(#names,)*)), quote!((#(#values,)*)))
}

/// The name a required member's value is bound to in `build()`: the member's own, unless
/// clippy refuses it as a placeholder (`disallowed_names`: `foo`, `baz`, `quux`), then with
/// `_value` after it (`_` before it if another member has that name: no field name starts
/// with `_`, see `names::field_name`).
fn required_binding(f: &Field, input: &[Field]) -> proc_macro2::Ident {
    const CLIPPY_PLACEHOLDERS: [&str; 3] = ["foo", "baz", "quux"];
    if !CLIPPY_PLACEHOLDERS.contains(&f.name.as_str()) {
        return ident(&f.name);
    }
    let suffixed = format!("{}_value", f.name);
    if input.iter().any(|other| other.name == suffixed) {
        ident(&format!("_{}", f.name))
    } else {
        ident(&suffixed)
    }
}

/// The `Operation` items that put the input on the wire: its path template, then the
/// members written into the query, the form body, the path and the JSON body.
fn wire_encoding(op: &Operation) -> TokenStream {
    let write = |f: &Field, out: TokenStream| {
        let wire = &f.wire;
        write_member(f, quote!(#wire), out)
    };
    let located = |location: Location| op.input.iter().filter(move |f| f.location == location);
    let query_writes: Vec<TokenStream> = located(Location::Query).map(|f| write(f, quote!(query))).collect();
    let form_writes: Vec<TokenStream> =
        if op.json_body { Vec::new() } else { located(Location::Body).map(|f| write(f, quote!(body))).collect() };
    let query = if query_writes.is_empty() { quote!(_query) } else { quote!(query) };
    let body = if form_writes.is_empty() { quote!(_body) } else { quote!(body) };
    let mut items = quote! {
        fn write_params(&self, #query: &mut Params, #body: &mut Params) {
            #(#query_writes)*
            #(#form_writes)*
        }
    };
    if op.path.contains('{') {
        let template = &op.path;
        let path_writes = located(Location::Path).map(|f| write(f, quote!(path)));
        items = quote! {
            const PATH: &'static str = #template;
            #items
            fn write_path(&self, path: &mut Params) {
                #(#path_writes)*
            }
        };
    } else if op.path != "/" {
        let template = &op.path;
        items = quote!(const PATH: &'static str = #template; #items);
    }
    if op.json_body {
        let body = match op.input.iter().find(|f| f.location == Location::Payload) {
            Some(f) => {
                let id = ident(&f.name);
                let json_payload = rt::json_payload();
                if f.required {
                    quote!(#json_payload(&self.#id))
                } else {
                    quote!(self.#id.as_ref().and_then(#json_payload))
                }
            }
            None => {
                let in_body = |f: &&Field| f.location == Location::Body;
                let puts: Vec<TokenStream> = op
                    .input
                    .iter()
                    .filter(in_body)
                    .map(|f| {
                        let id = ident(&f.name);
                        let wire = &f.wire;
                        if f.required {
                            let put_json = rt::put_json();
                            quote!(#put_json(&mut body, #wire, &self.#id);)
                        } else {
                            let put_json_opt = rt::put_json_opt();
                            quote!(#put_json_opt(&mut body, #wire, self.#id.as_ref());)
                        }
                    })
                    .collect();
                let wrapper = match &op.body_wrapper {
                    Some(key) => quote!(Some(#key)),
                    None => quote!(None),
                };
                let binding = if puts.is_empty() { quote!(let body) } else { quote!(let mut body) };
                let (json_body, json_object) = (rt::json_body(), rt::json_object());
                quote! {
                    #binding = #json_body::new();
                    #(#puts)*
                    Some(#json_object(body, #wrapper))
                }
            }
        };
        let json_value = rt::json_value();
        items.extend(quote! {
            fn json_body(&self) -> Option<#json_value> {
                #body
            }
        });
    }
    items
}

fn debug_parts(name: &str, fields: &[Field]) -> (TokenStream, TokenStream) {
    if needs_redaction(fields) {
        (quote!(), redacting_debug(name, fields))
    } else {
        (quote!(Debug,), quote!())
    }
}

fn field_doc(f: &Field) -> String {
    if f.required {
        format!("**Required.** {}", f.docs)
    } else {
        f.docs.clone()
    }
}

fn output(op: &Operation) -> TokenStream {
    let name = &op.output_name;
    let ty = ident(name);
    let fn_name = &op.fn_name;
    let doc = docs(&format!("Output of [`Client::{fn_name}`](crate::Client::{fn_name}): {}", first_line(&op.docs)));
    // An output is never sent: `Serialize` only with the crate's `serialize` feature.
    let serialize = SerializeAttrs::new(false);
    let fields = op.output.iter().map(|f| {
        let id = ident(&f.name);
        let t = rust_type(&f.ty);
        let wire = &f.wire;
        let doc = docs(&f.docs);
        let serde = serialize.member(quote!(rename = #wire));
        quote!(#doc #serde pub #id: Option<#t>,)
    });
    let (debug, debug_impl) = debug_parts(name, &op.output);
    let (answer, answered) = (rt::answer(), rt::answered());
    let deserialize = super::deserialize::deserialize_impl(name, &op.output);
    let (derive_serialize, skip) = (serialize.derive(), serialize.member(quote!(skip)));
    quote! {
        #doc
        #[derive(Clone, #debug Default, PartialEq)]
        #derive_serialize
        #[non_exhaustive]
        pub struct #ty {
            #(#fields)*
            /// What the output kept of its answer besides its members.
            #skip
            answer: #answer,
        }

        impl #answered for #ty {
            fn answer(&self) -> &#answer {
                &self.answer
            }
        }

        #deserialize

        #debug_impl
    }
}
