//! A caller of a generated crate's whole public API: the source of a library that uses every
//! operation, member, enum value, structure, error code, paginator and waiter the way a user's
//! code does, each with the Rust type it has in the crate generated from the same spec.
//!
//! It is a compile-time probe of "code written against this crate": compiled against the crate
//! generated from a *newer* spec, it compiles exactly when no change the caller can see broke
//! the Rust API (the proof of `yun_codegen::diff`'s classes, `tests/tests/diff_vs_compiler.rs`).
//! Its functions are only type-checked, never run: values come from [`ANY`], a function that
//! claims to return any type.
//!
//! What it uses, for the crate `api` (a dependency of the caller under that name):
//!
//! - each operation: its input built through every setter (a value of the member's type), read
//!   back field by field with the field's type (`T` for a required member, `Option<T>`
//!   otherwise), `build()`, the client method and the output type, every output member read
//!   with its type (`Option<T>`), the paginator (its full type, items included);
//! - each waiter: `wait_until_<name>` and `wait_until_<name>_with` with its timing constant;
//! - each enum: every variant; each structure: every setter and every field read back;
//! - each error code: its `ErrorCode` variant.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::{RustType, Service, ShapeKind};
use crate::spec::Scalar;

/// The helper the caller draws values from: a function claiming to return any type (the probe
/// is type-checked, never run).
pub const ANY: &str = "any";

/// The source of the caller's `src/lib.rs`, using the crate generated from `service` under the
/// crate name `api` (the caller's `Cargo.toml` renames the dependency to it).
pub fn caller(service: &Service, api: &str) -> Result<String, syn::Error> {
    let api = ident(api);
    let any = ident(ANY);
    let ty = |t: &RustType| path_type(&api, t);
    // The type a setter takes a value of: the boxed type for a `Box` (the setter boxes it).
    let setter_ty = |t: &RustType| match t {
        RustType::Boxed(inner) => path_type(&api, inner),
        other => path_type(&api, other),
    };

    let enums = service.shapes.iter().filter_map(|shape| {
        let ShapeKind::Enum(variants) = &shape.kind else { return None };
        let name = ident(&shape.name);
        let f = ident(&format!("enum_{}", shape.name.to_lowercase()));
        let uses = variants.iter().map(|v| {
            let v = ident(&v.name);
            quote!(let _: #api::types::#name = #api::types::#name::#v;)
        });
        Some(quote! {
            pub fn #f() {
                #(#uses)*
                let _: #api::types::#name = #api::types::#name::Unknown(String::new());
                let _: &str = #api::types::#name::from("x").as_str();
            }
        })
    });

    let structures = service.shapes.iter().filter_map(|shape| {
        let ShapeKind::Struct(fields) = &shape.kind else { return None };
        let name = ident(&shape.name);
        let f = ident(&format!("structure_{}", shape.name.to_lowercase()));
        let sets = fields.iter().map(|field| {
            let id = ident(&field.name);
            let t = setter_ty(&field.ty);
            quote!(.#id(#any::<#t>()))
        });
        let reads = fields.iter().map(|field| {
            let id = ident(&field.name);
            let t = ty(&field.ty);
            quote!(let _: &Option<#t> = &value.#id;)
        });
        Some(quote! {
            pub fn #f() {
                let value: #api::types::#name = #api::types::#name::default() #(#sets)*;
                #(#reads)*
            }
        })
    });

    let operations = service.operations.iter().map(|op| {
        let f = ident(&format!("operation_{}", op.fn_name));
        let call = ident(&op.fn_name);
        let input = ident(&op.input_name);
        let output = ident(&op.output_name);
        let sets = op.input.iter().map(|field| {
            let id = ident(&field.name);
            let t = setter_ty(&field.ty);
            quote!(.#id(#any::<#t>()))
        });
        let input_reads = op.input.iter().map(|field| {
            let id = ident(&field.name);
            let t = ty(&field.ty);
            let t = if field.required { t } else { quote!(Option<#t>) };
            quote!(let _: &#t = &input.#id;)
        });
        let output_reads = op.output.iter().map(|field| {
            let id = ident(&field.name);
            let t = ty(&field.ty);
            quote!(let _: &Option<#t> = &output.#id;)
        });
        let paginator = op.paginator.as_ref().map(|p| {
            let method = ident(&crate::reserved::paginator_method(&op.fn_name));
            let item = ty(&p.item_type);
            quote! {
                let _: yun_runtime::paginate::Paginator<#api::operation::#input, #api::operation::#output, #item> =
                    client.#method(input.clone());
            }
        });
        quote! {
            pub async fn #f(client: &#api::Client) {
                let built: Result<#api::operation::#input, #api::BuildError> =
                    #api::operation::#input::builder() #(#sets)* .build();
                let Ok(input) = built else { return };
                #(#input_reads)*
                #paginator
                let answer: Result<#api::operation::#output, #api::Error> = client.#call(input).await;
                let Ok(output) = answer else { return };
                #(#output_reads)*
            }
        }
    });

    let waiters = service.waiters.iter().map(|w| {
        let f = ident(&format!("waiter_{}", w.name));
        let [wait, wait_with] = crate::reserved::waiter_methods(&w.name).map(|name| ident(&name));
        let konst = ident(&w.name.to_ascii_uppercase());
        let input = ident(&w.input_name);
        let output = ident(&w.output_name);
        quote! {
            pub async fn #f(client: &#api::Client, input: #api::operation::#input) {
                let _: Result<#api::operation::#output, #api::Error> = client.#wait(input.clone()).await;
                let _: Result<#api::operation::#output, #api::Error> =
                    client.#wait_with(input, #api::waiters::#konst).await;
            }
        }
    });

    let errors = service.errors.iter().map(|e| {
        let v = ident(&e.name);
        quote!(let _: #api::ErrorCode = #api::ErrorCode::#v;)
    });

    let tokens = quote! {
        //! A caller of the whole public API of one generated crate (`yun_codegen::emit::caller`):
        //! type-checked, never run.
        #![allow(unused, deprecated, dead_code, clippy::all)]

        /// A value of any type, for the type checker only.
        fn #any<T>() -> T {
            unreachable!("the caller is type-checked, never run")
        }

        #(#enums)*
        #(#structures)*
        #(#operations)*
        #(#waiters)*

        pub fn error_codes() {
            #(#errors)*
        }
    };
    super::format(tokens)
}

/// A field's type as the caller names it: the generated crate's types through `api`.
fn path_type(api: &proc_macro2::Ident, ty: &RustType) -> TokenStream {
    match ty {
        RustType::Scalar(Scalar::String) => quote!(String),
        RustType::Scalar(Scalar::Integer) => quote!(i32),
        RustType::Scalar(Scalar::Long) => quote!(i64),
        RustType::Scalar(Scalar::Boolean) => quote!(bool),
        RustType::Scalar(Scalar::Float) => quote!(f32),
        RustType::Scalar(Scalar::Double) => quote!(f64),
        RustType::List(t) => {
            let t = path_type(api, t);
            quote!(Vec<#t>)
        }
        RustType::Map(t) => {
            let t = path_type(api, t);
            quote!(std::collections::BTreeMap<String, #t>)
        }
        RustType::Enum(n) | RustType::Struct(n) => {
            let n = ident(n);
            quote!(#api::types::#n)
        }
        RustType::Boxed(t) => {
            let t = path_type(api, t);
            quote!(Box<#t>)
        }
    }
}
