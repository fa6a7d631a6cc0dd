//! Debug impls for types that hold secrets: every field shown, sensitive ones redacted.

use proc_macro2::TokenStream;
use quote::quote;

use super::tokens::ident;
use crate::ir::{Field, RustType, Service, ShapeKind};

/// The structures that hold a sensitive member, at any depth (through structures, lists,
/// maps and boxes).
pub fn secret_structures(service: &Service) -> std::collections::BTreeSet<String> {
    let structs: Vec<(&str, &[Field])> = service
        .shapes
        .iter()
        .filter_map(|s| match &s.kind {
            ShapeKind::Struct(fields) => Some((s.name.as_str(), fields.as_slice())),
            ShapeKind::Enum(_) => None,
        })
        .collect();
    // Who holds each structure, and the structures with a sensitive member of their own.
    let mut holders: std::collections::HashMap<&str, Vec<&str>> = std::collections::HashMap::new();
    let mut secret = std::collections::BTreeSet::new();
    let mut todo = Vec::new();
    for (name, fields) in &structs {
        for f in *fields {
            if let Some(inner) = structure(&f.ty) {
                holders.entry(inner).or_default().push(name);
            }
        }
        if fields.iter().any(|f| f.sensitive) && secret.insert(name.to_string()) {
            todo.push(*name);
        }
    }
    // Up to every holder (each structure once).
    while let Some(name) = todo.pop() {
        for holder in holders.get(name).into_iter().flatten() {
            if secret.insert(holder.to_string()) {
                todo.push(holder);
            }
        }
    }
    secret
}

/// The structure a type holds: itself, boxed, or in a list or a map.
fn structure(ty: &RustType) -> Option<&str> {
    match ty {
        RustType::Struct(name) => Some(name),
        RustType::List(inner) | RustType::Map(inner) | RustType::Boxed(inner) => structure(inner),
        _ => None,
    }
}

/// Whether a member is sensitive or holds a structure of `secret` (see [`secret_structures`]).
pub fn holds_secret(field: &Field, secret: &std::collections::BTreeSet<String>) -> bool {
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
            let redacted = super::runtime_types::redacted();
            quote!(.field(#label, &#redacted(&self.#name)))
        } else {
            quote!(.field(#label, &self.#name))
        }
    });
    let allow = super::tokens::allow_deprecated(fields);
    quote! {
        #allow
        impl std::fmt::Debug for #ty {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.debug_struct(#type_name) #(#entries)* .finish()
            }
        }
    }
}
