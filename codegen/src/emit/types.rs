//! `src/types.rs`: the spec's named shapes — forward-compatible enums and structures.

use proc_macro2::TokenStream;
use quote::quote;

use super::debug::{needs_redaction, redacting_debug};
use super::params::write_structure_member;
use super::runtime_types as rt;
use super::syntax::{allow_deprecated, docs, ident, rust_type, setter_param, setter_value, SerializeAttrs};
use crate::ir::{Field, Service, Shape, ShapeKind, Variant};

/// The whole `types.rs` module.
pub fn types_module(service: &Service, checked: &std::collections::BTreeSet<String>) -> TokenStream {
    let shapes = service.shapes.iter().map(|s| shape(s, checked, service));
    // Only the structures an input holds are written as parameters (`WriteParam`).
    let writes = service.shapes.iter().any(|s| matches!(s.kind, ShapeKind::Struct(_)) && service.input_structures.contains(&s.name));
    let imports = writes.then(|| rt::params_import(true));
    quote! {
        //! Named types of the service: enums and structures shared by operations.
        #imports
        #(#shapes)*
    }
}

fn shape(shape: &Shape, checked: &std::collections::BTreeSet<String>, service: &Service) -> TokenStream {
    match &shape.kind {
        ShapeKind::Enum(variants) => string_enum(&shape.name, &shape.docs, variants, shape.case_insensitive),
        ShapeKind::Struct(fields) => {
            let serialize = SerializeAttrs::new(service.json_structures.contains(&shape.name));
            let writes = service.input_structures.contains(&shape.name);
            let checks = super::checks::structure_method(&shape.name, fields, checked);
            structure(&shape.name, &shape.docs, fields, checks, &serialize, writes)
        }
    }
}

fn string_enum(name: &str, doc: &str, variants: &[Variant], case_insensitive: bool) -> TokenStream {
    let ty = ident(name);
    let case = if case_insensitive { " The service sends them in any letter case; they parse regardless of case." } else { "" };
    let doc = docs(&format!("{doc}\n\nValues this version does not know parse as [`{name}::Unknown`].{case}"));
    let defs = variants.iter().map(|v| {
        let id = ident(&v.name);
        let text = if v.docs.is_empty() { format!("`{}`", v.value) } else { format!("`{}`: {}", v.value, v.docs) };
        let doc = docs(&text);
        quote!(#doc #id,)
    });
    let values = variants.iter().map(|v| &v.value);
    let string_enum = rt::string_enum();
    let case_insensitive_arg = case_insensitive.then(|| quote!(, case_insensitive));
    let to_str = variants.iter().map(|v| {
        let id = ident(&v.name);
        let value = &v.value;
        quote!(Self::#id => #value,)
    });
    let from_str = variants.iter().map(|v| {
        let id = ident(&v.name);
        let value = &v.value;
        if case_insensitive && !value.is_ascii() {
            // Beyond ASCII, letter case is Unicode's: `ÉTAT` is `état`.
            let lower = value.to_lowercase();
            quote!(v if v.to_lowercase() == #lower => Self::#id,)
        } else if case_insensitive {
            quote!(v if v.eq_ignore_ascii_case(#value) => Self::#id,)
        } else {
            quote!(#value => Self::#id,)
        }
    });
    quote! {
        #doc
        #[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
        #[non_exhaustive]
        pub enum #ty {
            #(#defs)*
            /// A value this version of the SDK does not know, kept as sent.
            Unknown(String),
        }

        impl #ty {
            /// Every value this version knows, in the spec's order.
            pub const VALUES: &'static [&'static str] = &[#(#values),*];

            /// The value as sent on the wire.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(value) => value,
                }
            }
        }

        impl From<&str> for #ty {
            #[inline]
            fn from(value: &str) -> Self {
                match value {
                    #(#from_str)*
                    other => Self::Unknown(other.to_owned()),
                }
            }
        }

        #string_enum(#ty, #ty::VALUES #case_insensitive_arg);
    }
}

/// A structure; `writes`: it implements `WriteParam` (an input holds it).
fn structure(
    name: &str,
    doc: &str,
    fields: &[Field],
    check_members: Option<TokenStream>,
    serialize: &SerializeAttrs,
    writes: bool,
) -> TokenStream {
    let ty = ident(name);
    // Generated crates `warn(missing_docs)`: a structure the spec does not describe still says what it is.
    let doc = if doc.trim().is_empty() { docs(&format!("`{name}`, a structure of the service.")) } else { docs(doc) };
    let defs = fields.iter().map(|f| {
        let id = ident(&f.name);
        let t = rust_type(&f.ty);
        let wire = &f.wire;
        let doc = docs(&f.docs);
        let deprecated = f.deprecated.then(|| quote!(#[deprecated]));
        let serde = serialize.member(quote!(rename = #wire, skip_serializing_if = "Option::is_none"));
        quote! {
            #doc
            #deprecated
            #serde
            pub #id: Option<#t>,
        }
    });
    let deserialize = super::deserialize::deserialize_impl(name, fields);
    let setters = fields.iter().map(|f| {
        let id = ident(&f.name);
        let param = setter_param(&f.ty);
        let value = setter_value(&f.ty);
        // The member's docs are on its field; the setter links there.
        let doc = format!(" Sets [`{field}`](#structfield.{field}) (wire name `{}`).", f.wire, field = f.name);
        quote! {
            #[doc = #doc]
            #[inline]
            pub fn #id(mut self, value: #param) -> Self {
                self.#id = Some(#value);
                self
            }
        }
    });
    let allow = allow_deprecated(fields);
    let write_param = writes.then(|| {
        let writes = fields.iter().map(write_structure_member);
        quote! {
            #allow
            impl WriteParam for #ty {
                fn write_param(&self, prefix: &str, out: &mut Params) {
                    #(#writes)*
                }
            }
        }
    });
    let (derive_debug, debug_impl) =
        if needs_redaction(fields) { (quote!(), redacting_debug(name, fields)) } else { (quote!(Debug,), quote!()) };
    let derive_serialize = serialize.derive();
    quote! {
        #doc
        #[derive(Clone, #derive_debug Default, PartialEq)]
        #derive_serialize
        #[non_exhaustive]
        pub struct #ty {
            #(#defs)*
        }

        #deserialize

        #allow
        impl #ty {
            #(#setters)*

            #check_members
        }

        #write_param

        #debug_impl
    }
}
