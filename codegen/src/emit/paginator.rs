//! A paginated operation's `next_page` (on its input), `into_items` (on its output) and the
//! client's `<operation>_paginator`.

use proc_macro2::TokenStream;
use quote::quote;

use super::paths::{path_iter, path_option};
use super::runtime_types as rt;
use super::syntax::{ident, rust_type};
use crate::ir::{Operation, Paginator, RustType};
use crate::spec::{PaginatorKind, Scalar};

/// `impl Input { fn next_page }` and `impl Output { fn into_items }`, for the operation module.
pub fn page_impls(op: &Operation, p: &Paginator) -> TokenStream {
    let input = ident(&op.input_name);
    let output = ident(&op.output_name);
    let item = rust_type(&p.item_type);
    let items_doc = format!(" The items of this page (`{}`), taken out of it.", p.items_wire);
    let last_is_list = p.items.last().is_some_and(|s| s.list);
    let items = match path_option(quote!(self), &p.items) {
        Some(items) if last_is_list => quote!(#items.cloned().unwrap_or_default()),
        Some(item) => quote!(#item.cloned().into_iter().collect()),
        None => {
            let items = path_iter(quote!(&self), &p.items);
            quote!(#items.cloned().collect())
        }
    };
    let selector = ident(&p.input.name);
    let set = |value: TokenStream| if p.input.required { quote!(next.#selector = #value;) } else { quote!(next.#selector = Some(#value);) };
    let sent = if p.input.required { quote!(Some(&self.#selector)) } else { quote!(self.#selector.as_ref()) };
    let body = match p.kind {
        PaginatorKind::PageNumber | PaginatorKind::Offset => {
            let first = if p.kind == PaginatorKind::Offset { quote!(0) } else { quote!(1) };
            let current = if p.input.required {
                required_i64(quote!(self.#selector), &p.input.ty, Some(first.clone()))
            } else {
                match p.input.ty.integer() {
                    Some(Scalar::Long) => quote!(self.#selector.unwrap_or(#first)),
                    Some(_) => quote!(self.#selector.map_or(#first, i64::from)),
                    None => {
                        let page = optional_i64(quote!(self.#selector), &p.input.ty);
                        quote!(#page.unwrap_or(#first))
                    }
                }
            };
            let size = match &p.page_size {
                Some(f) => {
                    let id = ident(&f.name);
                    if f.required {
                        required_i64(quote!(self.#id), &f.ty, None)
                    } else {
                        optional_i64(quote!(self.#id), &f.ty)
                    }
                }
                None => quote!(None),
            };
            let total = match &p.total_type {
                Some(ty) if !p.total.is_empty() => {
                    let total = path_iter(quote!(output), &p.total);
                    match ty.integer() {
                        Some(Scalar::Long) => quote!(#total.next().copied()),
                        Some(_) => quote!(#total.next().copied().map(i64::from)),
                        None => quote!(#total.next().and_then(|v| v.to_string().parse::<i64>().ok())),
                    }
                }
                _ => quote!(None),
            };
            // `page` is an `i64`: a `long` input takes it as it is, an `integer` if it fits.
            let assign = match p.input.ty {
                RustType::Scalar(Scalar::Long) => set(quote!(page)),
                _ => set(quote!(page.try_into().ok()?)),
            };
            let step = if p.kind == PaginatorKind::Offset { rt::next_offset() } else { rt::next_page_number() };
            quote! {
                let page = #step(#current, #size, output.item_count(), fetched, #total)?;
                let mut next = self.clone();
                #assign
                Some(next)
            }
        }
        PaginatorKind::Token => {
            let token = path_iter(quote!(output), &p.next);
            let done = &p.done_when;
            let owned = match p.input.ty {
                RustType::Scalar(Scalar::String) => quote!(token.clone()),
                _ => quote!(*token),
            };
            let assign = set(owned);
            let next_token = rt::next_token();
            quote! {
                let token = #next_token(#sent, #token.next(), &[#(#done),*])?;
                let mut next = self.clone();
                #assign
                Some(next)
            }
        }
    };
    let fetched = match p.kind {
        PaginatorKind::PageNumber | PaginatorKind::Offset => quote!(fetched),
        PaginatorKind::Token => quote!(_fetched),
    };
    let count_items = match path_option(quote!(self), &p.items) {
        Some(items) if last_is_list => quote!(#items.map_or(0, Vec::len)),
        Some(item) => quote!(usize::from(#item.is_some())),
        None => {
            let items = path_iter(quote!(self), &p.items);
            quote!(#items.count())
        }
    };
    let allow = super::syntax::allow_deprecated(&op.input);
    quote! {
        #allow
        impl #input {
            /// The input of the page after `output`, or `None` when `output` was the last page;
            /// `fetched` counts the items received so far, this page's included (the paginator
            /// keeps the count).
            #[inline]
            pub fn next_page(&self, output: &#output, #fetched: usize) -> Option<Self> {
                #body
            }
        }

        impl #output {
            /// How many items this page holds.
            #[inline]
            pub fn item_count(&self) -> usize {
                #count_items
            }

            #[doc = #items_doc]
            #[inline]
            pub fn into_items(self) -> Vec<#item> {
                #items
            }
        }
    }
}

/// An optional number the paginator reads (page, offset, size) as an `Option<i64>`: an
/// `integer` widened, a `long` as it is; any other type (no spec has one: validation refuses
/// them) by its text.
fn optional_i64(value: TokenStream, ty: &RustType) -> TokenStream {
    match ty.integer() {
        Some(Scalar::Long) => value,
        Some(_) => quote!(#value.map(i64::from)),
        None => quote!(#value.as_ref().and_then(|v| v.to_string().parse::<i64>().ok())),
    }
}

/// A required number as an `i64` (with `or`, the value when its text is no number) or, without
/// `or`, as an `Option<i64>`.
fn required_i64(value: TokenStream, ty: &RustType, or: Option<TokenStream>) -> TokenStream {
    let number = match ty.integer() {
        Some(Scalar::Long) => value,
        Some(_) => quote!(i64::from(#value)),
        None => {
            let parsed = quote!(#value.to_string().parse::<i64>());
            return match or {
                Some(or) => quote!(#parsed.unwrap_or(#or)),
                None => quote!(#parsed.ok()),
            };
        }
    };
    if or.is_some() {
        number
    } else {
        quote!(Some(#number))
    }
}

/// The client's `<operation>_paginator` method.
pub fn client_method(op: &Operation, p: &Paginator) -> TokenStream {
    let f = ident(&op.fn_name);
    let name = ident(&crate::reserved::paginator_method(&op.fn_name));
    let input = ident(&op.input_name);
    let output = ident(&op.output_name);
    let item = rust_type(&p.item_type);
    let how = match p.kind {
        PaginatorKind::PageNumber => format!("page number `{}`", p.input.wire),
        PaginatorKind::Token => format!("token `{}`", p.input.wire),
        PaginatorKind::Offset => format!("offset `{}` (advanced by the items received)", p.input.wire),
    };
    let doc = format!(
        " Every page of [`{fn_name}`](Self::{fn_name}) from `input` on, as a stream of pages\n (`.pages()`) or of items (`.items()`, each `{items}`), moving on by {how}.",
        fn_name = op.fn_name,
        items = p.items_wire,
    );
    let allow = op.deprecated.then(|| quote!(#[allow(deprecated)]));
    let paginator = rt::paginator();
    // `#[inline]`: the paginator boxes the operation's future behind `dyn Future`, which makes
    // whatever crate compiles this method compile the whole sending loop for the operation.
    // Inline, it is compiled only in the crates that call it, as the async operation methods
    // (generic until awaited) are; the generated crate's own build does not pay for it.
    quote! {
        #[doc = #doc]
        #allow
        #[inline]
        pub fn #name(
            &self,
            input: crate::operation::#input,
        ) -> #paginator<crate::operation::#input, crate::operation::#output, #item> {
            let client = self.clone();
            #paginator::new(
                input,
                move |input| {
                    let client = client.clone();
                    async move { client.#f(input).await }
                },
                crate::operation::#input::next_page,
                crate::operation::#output::item_count,
                crate::operation::#output::into_items,
            )
        }
    }
}
