//! How an answer fills a generated structure or output (issue 15, item 7): an
//! `impl yun_runtime::response::structure::Structure` — the type's name, the table of
//! spellings an answer may use, the lookup of a key in that table, and `read_member`, which
//! reads one member by its index (`1 => self.zone_id = value.read()?`) — then
//! `yun_runtime::structure!(Type)` for `Deserialize`. The loop over an object's keys is the
//! runtime's, compiled once for every structure: no code generic over serde's deserializers
//! per type (a derived or written-out visitor cost about 1.3k LLVM lines a type).
//!
//! It decodes as serde's derive with `#[serde(default)]` did: missing members keep their
//! default, unknown keys are skipped, a key met twice is serde's `duplicate field` error, and
//! a member with `aliases` takes the value of its wire name when that holds one, else of the
//! first alias that came with one.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use super::runtime_types as rt;
use super::syntax::{allow_deprecated, ident};
use crate::ir::Field;

/// `impl Structure for <name>` reading `fields` (the structure's `Default` gives what is left
/// out, an output's `answer` among it), and `Deserialize` through the runtime.
pub(super) fn deserialize_impl(name: &str, fields: &[Field]) -> TokenStream {
    let ty = ident(name);
    let (structure, source, error, structure_macro) =
        (rt::structure(), rt::structure_source(), rt::structure_error(), rt::structure_macro());
    // Every spelling an answer may use, in order: each member's wire name, then every alias.
    let mut spellings: Vec<&str> = fields.iter().map(|f| f.wire.as_str()).collect();
    let mut arms = Vec::new();
    for (i, f) in fields.iter().enumerate() {
        let index = Literal::usize_unsuffixed(i);
        let id = ident(&f.name);
        arms.push(if f.aliases.is_empty() {
            quote!(#index => self.#id = value.read()?,)
        } else {
            quote!(#index => value.read_over(&mut self.#id)?,)
        });
    }
    for f in fields {
        let id = ident(&f.name);
        for alias in &f.aliases {
            let index = Literal::usize_unsuffixed(spellings.len());
            spellings.push(alias.as_str());
            arms.push(quote!(#index => value.read_alias(&mut self.#id)?,));
        }
    }
    let lookup = spellings.iter().enumerate().map(|(i, s)| {
        let i = Literal::usize_unsuffixed(i);
        quote!(#s => Some(#i),)
    });
    let allow = allow_deprecated(fields);
    // An empty structure knows no key and reads no member: every value is skipped.
    let (lookup_body, read_body, value) = if fields.is_empty() {
        (quote!(None), quote!(Ok(())), quote!(_value))
    } else {
        (
            quote! {
                match name {
                    #(#lookup)*
                    _ => None,
                }
            },
            quote! {
                match index {
                    #(#arms)*
                    _ => {}
                }
                Ok(())
            },
            quote!(value),
        )
    };
    let name_param = if fields.is_empty() { quote!(_name) } else { quote!(name) };
    let index_param = if fields.is_empty() { quote!(_index) } else { quote!(index) };
    quote! {
        #allow
        impl #structure for #ty {
            const NAME: &'static str = #name;
            const SPELLINGS: &'static [&'static str] = &[#(#spellings),*];

            fn member_index(#name_param: &str) -> Option<usize> {
                #lookup_body
            }

            fn read_member(&mut self, #index_param: usize, #value: &mut dyn #source) -> Result<(), #error> {
                #read_body
            }
        }

        #structure_macro(#ty);
    }
}
