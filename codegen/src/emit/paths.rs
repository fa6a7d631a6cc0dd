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

/// `root.a.as_ref().and_then(|v| v.b.as_ref())…`: the one value `steps` reach from `root`, as
/// an `Option<&T>`, when no step before the last is a list; `None` when one is (the values
/// are then many: [`path_iter`]). Plain `Option` calls instead of an iterator chain, whose
/// adapters are compiled once per closure in every generated crate.
pub fn path_option(root: TokenStream, steps: &[PathStep]) -> Option<TokenStream> {
    let (last, before) = steps.split_last()?;
    if before.iter().any(|s| s.list) {
        return None;
    }
    let mut fields = before.iter().chain(std::iter::once(last)).map(|s| ident(&s.field));
    let first = fields.next()?;
    let mut expr = quote!(#root.#first.as_ref());
    for field in fields {
        expr = quote!(#expr.and_then(|v| v.#field.as_ref()));
    }
    Some(expr)
}
