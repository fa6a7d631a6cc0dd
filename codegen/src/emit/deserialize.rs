//! How an answer fills a generated structure or output (issue 15, item 7): an
//! `impl yun_runtime::response::structure::Structure` — the type's name, the table of
//! spellings an answer may use (sorted), the lookup of a key in it (a `match`, which the
//! compiler makes a switch on the length and a few word compares), and `read_member`, which
//! reads one member by its index in that table
//! (`3 => value.read_into(&mut self.zone_id)`) — then
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
use crate::ir::{Field, RustType};
use crate::spec::Encoding;

/// `impl Structure for <name>` reading `fields` (the structure's `Default` gives what is left
/// out, an output's `answer` among it), and `Deserialize` through the runtime.
pub(super) fn deserialize_impl(name: &str, fields: &[Field]) -> TokenStream {
    let ty = ident(name);
    let (structure, source, error, structure_macro) =
        (rt::structure(), rt::structure_source(), rt::structure_error(), rt::structure_macro());
    let spellings = spellings(fields);
    let table = spellings.iter().map(|s| s.text);
    let arms = spellings.iter().enumerate().map(|(i, s)| {
        let index = Literal::usize_unsuffixed(i);
        let id = ident(&s.field.name);
        let read = match s.kind {
            Spelling::Only => quote!(read_into),
            Spelling::Wire => quote!(read_over),
            Spelling::Alias => quote!(read_alias),
        };
        quote!(#index => value.#read(&mut self.#id),)
    });
    let lookup = spellings.iter().enumerate().map(|(i, s)| {
        let index = Literal::usize_unsuffixed(i);
        let text = s.text;
        quote!(#text => Some(#index),)
    });
    // How a request writes each spelling's member, for the server side: only where one is not
    // a wire name written flat (the trait's default).
    let written_type = rt::structure_written();
    let written: Vec<TokenStream> = spellings.iter().map(written).collect();
    let written_table = spellings.iter().any(|s| s.kind == Spelling::Alias || written_encoding(s.field) != Encoding::Flat).then(|| {
        quote! {
            const WRITTEN: &'static [#written_type] = &[#(#written),*];
        }
    });
    let allow = allow_deprecated(fields);
    let name_param = if fields.is_empty() { quote!(_name) } else { quote!(name) };
    let lookup_body = if fields.is_empty() {
        quote!(None)
    } else {
        quote! {
            match name {
                #(#lookup)*
                _ => None,
            }
        }
    };
    // A structure without members reads none: the trait's `read_member` skips every value.
    let read_member = (!fields.is_empty()).then(|| {
        quote! {
            fn read_member(&mut self, index: usize, value: &mut dyn #source) -> Result<(), #error> {
                match index {
                    #(#arms)*
                    _ => Ok(()),
                }
            }
        }
    });
    quote! {
        #allow
        impl #structure for #ty {
            const NAME: &'static str = #name;
            const SPELLINGS: &'static [&'static str] = &[#(#table),*];

            fn member_index(#name_param: &str) -> Option<usize> {
                #lookup_body
            }

            #read_member

            #written_table
        }

        #structure_macro(#ty);
    }
}

/// How a request writes `field`: JSON or comma-separated as its spec says when it is a list
/// or structure (the client's `write_structure_member`), else flat.
fn written_encoding(field: &Field) -> Encoding {
    match field.ty {
        RustType::Scalar(_) | RustType::Enum(_) => Encoding::Flat,
        _ => field.encoding,
    }
}

/// The `Written` of spelling `key`.
fn written(key: &Key<'_>) -> TokenStream {
    let written = rt::structure_written();
    match (key.kind, written_encoding(key.field)) {
        (Spelling::Alias, _) => quote!(#written::Alias),
        (_, Encoding::Flat) => quote!(#written::Flat),
        (_, Encoding::Json) => quote!(#written::Json),
        (_, Encoding::Csv) => quote!(#written::Csv),
    }
}

/// What a spelling is to its member.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Spelling {
    /// The wire name of a member without aliases.
    Only,
    /// The wire name of a member with aliases: it wins over them.
    Wire,
    /// An alias: it counts only while the member holds nothing.
    Alias,
}

/// One key an answer may use for a member.
struct Key<'a> {
    text: &'a str,
    field: &'a Field,
    kind: Spelling,
}

/// Every spelling of `fields`, sorted by their bytes (the spec's validation makes them unique).
fn spellings(fields: &[Field]) -> Vec<Key<'_>> {
    let mut keys: Vec<Key> = fields
        .iter()
        .flat_map(|field| {
            let kind = if field.aliases.is_empty() { Spelling::Only } else { Spelling::Wire };
            std::iter::once(Key { text: field.wire.as_str(), field, kind }).chain(field.aliases.iter().map(move |alias| Key {
                text: alias.as_str(),
                field,
                kind: Spelling::Alias,
            }))
        })
        .collect();
    keys.sort_by(|a, b| a.text.cmp(b.text));
    keys
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Location, Scalar};

    fn field(name: &str, wire: &str, aliases: &[&str]) -> Field {
        Field {
            name: name.to_owned(),
            wire: wire.to_owned(),
            ty: RustType::Scalar(Scalar::String),
            required: false,
            docs: String::new(),
            range: None,
            length: None,
            items: None,
            allowed: Vec::new(),
            pattern: None,
            location: Location::Body,
            encoding: Encoding::Flat,
            sensitive: false,
            idempotency_token: false,
            deprecated: false,
            aliases: aliases.iter().map(|a| a.to_string()).collect(),
        }
    }

    #[test]
    fn spellings_are_sorted_by_bytes_with_aliases_among_them() {
        let fields = [field("zone", "Zone", &[]), field("size", "size", &["Size", "SIZE"]), field("b", "B", &[])];
        let keys = spellings(&fields);
        let texts: Vec<&str> = keys.iter().map(|k| k.text).collect();
        assert_eq!(texts, ["B", "SIZE", "Size", "Zone", "size"]);
        let kinds: Vec<Spelling> = keys.iter().map(|k| k.kind).collect();
        assert_eq!(kinds, [Spelling::Only, Spelling::Alias, Spelling::Alias, Spelling::Only, Spelling::Wire]);
        let code = deserialize_impl("T", &fields).to_string();
        assert!(code.contains("4 => value . read_over (& mut self . size)"), "{code}");
        assert!(code.contains("1 => value . read_alias (& mut self . size)"), "{code}");
    }
}
