//! Small helpers that write Rust syntax for the emitters (as `quote` token streams): identifiers,
//! types, doc attributes. (Named for what they write, not `tokens`: in yun a token is a
//! bearer, idempotency or page token.)

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
        RustType::Boxed(t) => {
            let t = rust_type(t);
            quote!(Box<#t>)
        }
    }
}

/// Parameter type of a setter: `impl Into<String>` for strings and enums, the type itself
/// otherwise (the boxed type for a `Box`: the setter boxes it).
pub fn setter_param(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Scalar(Scalar::String) | RustType::Enum(_) => {
            let t = rust_type(ty);
            quote!(impl Into<#t>)
        }
        RustType::Boxed(inner) => setter_param(inner),
        other => rust_type(other),
    }
}

/// Converts a setter argument `value` into the field type.
pub fn setter_value(ty: &RustType) -> TokenStream {
    match ty {
        RustType::Scalar(Scalar::String) | RustType::Enum(_) => quote!(value.into()),
        RustType::Boxed(inner) => {
            let value = setter_value(inner);
            quote!(Box::new(#value))
        }
        _ => quote!(value),
    }
}

/// `#[allow(deprecated)]` for an impl that reads or writes `fields`, when one is deprecated
/// (the generated code itself must not warn); nothing otherwise.
pub fn allow_deprecated(fields: &[crate::ir::Field]) -> TokenStream {
    if fields.iter().any(|f| f.deprecated) {
        quote!(#[allow(deprecated)])
    } else {
        TokenStream::new()
    }
}

/// How a generated structure or output gets `serde::Serialize`: `always` for one a request
/// writes as JSON, else only with the crate's `serialize` feature (issue 15, item 7: the derive
/// costs a crate about 15 % of its build, and decoding does not need it). Gives the derive
/// attribute and, for a member, its `serde(...)` attribute made from `args`.
pub struct SerializeAttrs {
    always: bool,
}

impl SerializeAttrs {
    /// Serialize always (`always`) or behind the `serialize` feature.
    pub fn new(always: bool) -> Self {
        Self { always }
    }

    /// `#[derive(serde::Serialize)]`, or the same behind the feature.
    pub fn derive(&self) -> TokenStream {
        if self.always {
            quote!(#[derive(serde::Serialize)])
        } else {
            quote!(#[cfg_attr(feature = "serialize", derive(serde::Serialize))])
        }
    }

    /// `#[serde(args)]`, or the same behind the feature.
    pub fn member(&self, args: TokenStream) -> TokenStream {
        if self.always {
            quote!(#[serde(#args)])
        } else {
            quote!(#[cfg_attr(feature = "serialize", serde(#args))])
        }
    }
}
