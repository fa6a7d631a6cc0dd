//! Debug impls for types that hold secrets: every field shown, sensitive ones redacted.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::ir::{Field, RustType, Service, ShapeKind};

/// The structures that hold a sensitive member, at any depth (through structures, lists and
/// maps).
pub fn secret_structures(service: &Service) -> std::collections::BTreeSet<String> {
    let mut secret = std::collections::BTreeSet::new();
    loop {
        let before = secret.len();
        for shape in &service.shapes {
            if let ShapeKind::Struct(fields) = &shape.kind {
                if fields.iter().any(|f| holds_secret(f, &secret)) {
                    secret.insert(shape.name.clone());
                }
            }
        }
        if secret.len() == before {
            return secret;
        }
    }
}

/// Whether a member is sensitive or holds a structure of `secret` (see [`secret_structures`]).
pub fn holds_secret(field: &Field, secret: &std::collections::BTreeSet<String>) -> bool {
    fn structure(ty: &RustType) -> Option<&str> {
        match ty {
            RustType::Struct(name) => Some(name),
            RustType::List(inner) | RustType::Map(inner) => structure(inner),
            _ => None,
        }
    }
    field.sensitive || structure(&field.ty).is_some_and(|name| secret.contains(name))
}

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
            quote!(.field(#label, &yun_runtime::redact::Redacted(&self.#name)))
        } else {
            quote!(.field(#label, &self.#name))
        }
    });
    quote! {
        impl std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#type_name) #(#entries)* .finish()
            }
        }
    }
}
