//! Reading a path of output fields (`Instances.Instance.Status`) in generated code: an
//! iterator over references to what the path reaches, looking into every list on the way.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::PathStep;

/// `std::iter::once(root).filter_map(|v| v.a.as_ref()).filter_map(|v| v.b.as_ref()).flatten()…`:
/// an iterator over `&T` for every value `steps` reach from `root` (a reference).
pub fn path_iter(root: TokenStream, steps: &[PathStep]) -> TokenStream {
    let mut expr = quote!(std::iter::once(#root));
    for step in steps {
        let field = ident(&step.field);
        expr = quote!(#expr.filter_map(|v| v.#field.as_ref()));
        if step.list {
            expr = quote!(#expr.flatten());
        }
    }
    expr
}
