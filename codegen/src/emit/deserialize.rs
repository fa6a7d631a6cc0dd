//! The `Deserialize` impl of a generated structure or output, written out instead of derived
//! (issue 15, item 7): serde's derive also writes a `visit_seq` (a structure read from an
//! array, which no answer means and the runtime's lenient adapter refuses) and a field visitor
//! per structure, which the compiler then built once per deserializer a structure meets, two
//! thirds of a crate's code. This writes `visit_map` alone, matching on a member index that
//! `yun_runtime::structure::Member` reads (once per crate) by the structure's own lookup.
//!
//! It decodes as the derive with `#[serde(default)]` did: missing members keep their default,
//! unknown keys are skipped, a key met twice is serde's `duplicate field` error, and a member
//! with `aliases` takes the value of its wire name, else of its first alias that came (each
//! spelling read on its own, so an answer carrying two spellings is no duplicate).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use super::runtime_types as rt;
use super::syntax::{allow_deprecated, ident, rust_type};
use crate::ir::{Field, RustType};

/// `impl<'de> serde::Deserialize<'de> for <name>`, decoding `fields` from an object (the
/// structure's `Default` gives what is left out, an output's `answer` among it).
pub(super) fn deserialize_impl(name: &str, fields: &[Field]) -> TokenStream {
    let ty = ident(name);
    let expecting = format!("struct {name}");
    let (member, first) = (rt::structure_member(), rt::structure_first());
    // Every spelling an answer may use, in order: each member's wire name, then every alias.
    let mut spellings: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let mut alias_locals = Vec::new();
    let mut alias_arms = Vec::new();
    let mut alias_moves = Vec::new();
    for f in fields {
        let id = ident(&f.name);
        let mut locals = Vec::new();
        for alias in &f.aliases {
            let local = format_ident!("alias_{}", spellings.len());
            let index = Literal::usize_unsuffixed(spellings.len());
            spellings.push(alias.as_str());
            let t = rust_type(&f.ty);
            let value = read_value(&f.ty);
            alias_locals.push(quote!(let mut #local: Option<#t> = None;));
            alias_arms.push(quote! {
                Some(#index) => {
                    #first(&mut seen[#index], #alias)?;
                    #local = #value;
                }
            });
            locals.push(local);
        }
        if !locals.is_empty() {
            alias_moves.push(quote!(out.#id = out.#id #(.or(#locals))*;));
        }
    }
    let count = Literal::usize_unsuffixed(spellings.len());
    let lookup = spellings.iter().enumerate().map(|(i, s)| {
        let i = Literal::usize_unsuffixed(i);
        quote!(#s => Some(#i),)
    });
    let arms = fields.iter().enumerate().map(|(i, f)| {
        let i = Literal::usize_unsuffixed(i);
        let id = ident(&f.name);
        let wire = &f.wire;
        let value = read_value(&f.ty);
        quote! {
            Some(#i) => {
                #first(&mut seen[#i], #wire)?;
                out.#id = #value;
            }
        }
    });
    let allow = allow_deprecated(fields);
    // `seen` and the lookup only when there are members (an empty structure skips every key).
    let body = if fields.is_empty() {
        quote! {
            while map.next_key::<serde::de::IgnoredAny>()?.is_some() {
                map.next_value::<serde::de::IgnoredAny>()?;
            }
            Ok(#ty::default())
        }
    } else {
        quote! {
            let mut out = #ty::default();
            let mut seen = [false; #count];
            #(#alias_locals)*
            while let Some(index) = map.next_key_seed(#member(member_index))? {
                match index {
                    #(#arms)*
                    #(#alias_arms)*
                    _ => {
                        map.next_value::<serde::de::IgnoredAny>()?;
                    }
                }
            }
            #(#alias_moves)*
            Ok(out)
        }
    };
    let lookup_fn = (!fields.is_empty()).then(|| {
        quote! {
            fn member_index(name: &str) -> Option<usize> {
                match name {
                    #(#lookup)*
                    _ => None,
                }
            }
        }
    });
    quote! {
        #allow
        impl<'de> serde::Deserialize<'de> for #ty {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                #lookup_fn
                struct Visitor;
                #allow
                impl<'de> serde::de::Visitor<'de> for Visitor {
                    type Value = #ty;
                    fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                        f.write_str(#expecting)
                    }
                    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<#ty, A::Error> {
                        #body
                    }
                }
                deserializer.deserialize_struct(#name, &[#(#spellings),*], Visitor)
            }
        }
    }
}

/// The next value of `map` as a member of type `ty`: an enum (or a list of enums) is read as
/// the runtime's `WireString` and converted, so every enum shares one instance of the decoder
/// (compiled in the runtime); any other type as itself.
fn read_value(ty: &RustType) -> TokenStream {
    let wire_string = rt::wire_string();
    match ty {
        // A function, not a closure: one instance per enum, not one per member.
        RustType::Enum(_) => quote!(map.next_value::<Option<#wire_string>>()?.map(#wire_string::into_enum)),
        RustType::List(item) if matches!(**item, RustType::Enum(_)) => {
            quote!(map.next_value::<Option<Vec<#wire_string>>>()?.map(#wire_string::into_enums))
        }
        _ => quote!(map.next_value()?),
    }
}
