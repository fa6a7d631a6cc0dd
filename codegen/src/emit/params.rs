//! How one request field is written into request parameters (flat or JSON encoded).
//!
//! Generated modules that write parameters import `yun_runtime::params::WriteParam`.

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Field;
use crate::spec::Encoding;

/// Statement writing `value` (a place holding the field's value or a reference to it; a
/// reference for a boxed field) under `key` into `out`.
pub fn write_field(field: &Field, value: TokenStream, key: TokenStream, out: TokenStream) -> TokenStream {
    // `WriteParam` is not implemented for `Box<T>`: write the `T` it holds.
    let value = if matches!(field.ty, crate::ir::RustType::Boxed(_)) { quote!((**#value)) } else { value };
    match field.encoding {
        Encoding::Json if !is_scalar_like(field) => quote!(#out.push_json(#key, &#value);),
        Encoding::Csv if !is_scalar_like(field) => quote!(#out.push_csv(#key, #value.as_slice());),
        _ => quote!(#value.write_param(#key, #out);),
    }
}

/// `true` when the field is written through `WriteParam` (not as JSON).
pub fn uses_write_param(field: &Field) -> bool {
    field.encoding == Encoding::Flat || is_scalar_like(field)
}

fn is_scalar_like(field: &Field) -> bool {
    matches!(field.ty, crate::ir::RustType::Scalar(_) | crate::ir::RustType::Enum(_))
}
