//! Debug impls for types that hold secrets: every field shown, sensitive ones redacted.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::Field;

/// Whether a type has a sensitive member of its own: it then needs [`redacting_debug`]
/// instead of `derive(Debug)`.
pub fn needs_redaction(fields: &[Field]) -> bool {
    fields.iter().any(|f| f.sensitive)
}

/// A `Debug` impl for `type_name` that prints sensitive fields as `<redacted>`.
pub fn redacting_debug(type_name: &str, fields: &[Field]) -> TokenStream {
    let ty = ident(type_name);
    let entries = fields.iter().map(|f| {
        let name = ident(&f.name);
        let label = &f.name;
        if f.sensitive {
            let redacted = super::runtime_types::redacted();
            quote!(.field(#label, &#redacted(&self.#name)))
        } else {
            quote!(.field(#label, &self.#name))
        }
    });
    let allow = super::syntax::allow_deprecated(fields);
    quote! {
        #allow
        impl std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#type_name) #(#entries)* .finish()
            }
        }
    }
}
