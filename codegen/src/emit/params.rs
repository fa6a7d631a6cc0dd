//! How one member is written into request parameters (flat, JSON or comma-separated),
//! required or optional, in one statement: the runtime's `WriteParam` writes nothing for an
//! absent member (`impl WriteParam for Option<T>`).
//!
//! Generated modules that write parameters import `yun_runtime::operation::params::WriteParam`.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::{Field, RustType};
use crate::spec::Encoding;

/// Statement writing the input member `self.<field>` under `key` into `out`.
pub fn write_member(field: &Field, key: TokenStream, out: TokenStream) -> TokenStream {
    let id = ident(&field.name);
    let boxed = matches!(field.ty, RustType::Boxed(_));
    match (field.encoding, is_scalar_like(field), field.required) {
        (Encoding::Json, false, true) => quote!(#out.push_json(#key, &self.#id);),
        (Encoding::Json, false, false) => quote!(#out.push_json_opt(#key, self.#id.as_ref());),
        (Encoding::Csv, false, true) => quote!(#out.push_csv(#key, self.#id.as_slice());),
        (Encoding::Csv, false, false) => quote!(#out.push_csv_opt(#key, self.#id.as_deref());),
        // `WriteParam` is not implemented for `Box<T>`: write the `T` it holds.
        (_, _, true) if boxed => quote!(self.#id.as_ref().write_param(#key, #out);),
        (_, _, false) if boxed => quote!(self.#id.as_deref().write_param(#key, #out);),
        _ => quote!(self.#id.write_param(#key, #out);),
    }
}

/// Statement writing the structure member `self.<field>` (always optional) as `member` of
/// the structure written under `prefix`, into `out`.
pub fn write_structure_member(field: &Field) -> TokenStream {
    let id = ident(&field.name);
    let wire = &field.wire;
    match (field.encoding, is_scalar_like(field)) {
        // A structure member sent as JSON or CSV: the runtime makes the key only when present.
        (Encoding::Json, false) => quote!(out.push_json_member(prefix, #wire, self.#id.as_ref());),
        (Encoding::Csv, false) => quote!(out.push_csv_member(prefix, #wire, self.#id.as_deref());),
        _ if matches!(field.ty, RustType::Boxed(_)) => quote!(self.#id.as_deref().write_member(prefix, #wire, out);),
        _ => quote!(self.#id.write_member(prefix, #wire, out);),
    }
}

/// `true` when the field is written through `WriteParam` (not as JSON).
pub fn uses_write_param(field: &Field) -> bool {
    field.encoding == Encoding::Flat || is_scalar_like(field)
}

fn is_scalar_like(field: &Field) -> bool {
    matches!(field.ty, RustType::Scalar(_) | RustType::Enum(_))
}
