//! Small token helpers shared by the emitters: identifiers, types, doc attributes.

use proc_macro2::{Ident, Span, TokenStream};
use quote::quote;

use crate::ir::RustType;
use crate::spec::Scalar;

/// An identifier (names are already valid: see [`crate::names`]).
pub fn ident(name: &str) -> Ident {
    Ident::new(name, Span::call_site())
}

/// `#[doc = "..."]` lines for a doc text; nothing for an empty text.
pub fn docs(text: &str) -> TokenStream {
    let lines = text.lines().map(|l| {
        let l = if l.is_empty() { String::new() } else { format!(" {l}") };
        quote!(#[doc = #l])
    });
    quote!(#(#lines)*)
}

/// The Rust type of a field, as used in generated code.
pub fn rust_type(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Scalar(Scalar::String) => quote!(String),
        RustType::Scalar(Scalar::Integer) => quote!(i32),
        RustType::Scalar(Scalar::Long) => quote!(i64),
        RustType::Scalar(Scalar::Boolean) => quote!(bool),
        RustType::Scalar(Scalar::Float) => quote!(f32),
        RustType::Scalar(Scalar::Double) => quote!(f64),
        RustType::List(t) => {
            let t = rust_type(t);
            quote!(Vec<#t>)
        }
        RustType::Map(t) => {
            let t = rust_type(t);
            quote!(std::collections::BTreeMap<String, #t>)
        }
        RustType::Enum(n) | RustType::Struct(n) => {
            let n = ident(n);
            quote!(crate::types::#n)
        }
    }
}

/// Parameter type of a setter: `impl Into<String>` for strings and enums, the type itself otherwise.
pub fn setter_param(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Scalar(Scalar::String) | RustType::Enum(_) => {
            let t = rust_type(ty);
            quote!(impl Into<#t>)
        }
        other => rust_type(other),
    }
}

/// Converts a setter argument `value` into the field type.
pub fn setter_value(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Scalar(Scalar::String) | RustType::Enum(_) => quote!(value.into()),
        _ => quote!(value),
    }
}
