//! How one request field is written into request parameters (flat or JSON encoded).

use proc_macro2::TokenStream;
use quote::quote;

use crate::ir::Field;
use crate::spec::Encoding;

/// Statement writing `value` (a reference to the field's value) under `key` into `out`.
pub fn write_field(field: &Field, value: TokenStream, key: TokenStream, out: TokenStream) -> TokenStream {
    match field.encoding {
        Encoding::Json if !is_scalar_like(field) => quote!(#out.push_json(#key, #value);),
        _ => quote!(yun_runtime::params::WriteParam::write_param(#value, #key, #out);),
    }
}

fn is_scalar_like(field: &Field) -> bool {
    matches!(field.ty, crate::ir::RustType::Scalar(_) | crate::ir::RustType::Enum(_))
}
