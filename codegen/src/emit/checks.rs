//! What `build()` checks: a member's constraints (required, ranges, lengths, allowed values,
//! patterns, list sizes, path segments), and the same inside the structures a request holds,
//! each problem named by its path (`instance_spec.data_disks[1].disk_size_gb`).

use std::collections::BTreeSet;

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::ident;
use crate::ir::{Field, RustType};
use crate::spec::Scalar;

/// The checks of an input member, as the input's `build()` runs them.
pub fn input_field(f: &Field, checked: &BTreeSet<String>) -> Option<TokenStream> {
    let name = &f.name;
    let own = own_checks(f, quote!(#name));
    let nested = nested_checks(f, quote!(#name), &format!("{name}[{{i}}]"), quote!(&mut check), checked);
    (own.is_some() || nested.is_some()).then(|| quote!(#own #nested))
}

/// The `check_members` method of a structure in `checked`.
pub fn structure_method(name: &str, fields: &[Field], checked: &BTreeSet<String>) -> Option<TokenStream> {
    if !checked.contains(name) {
        return None;
    }
    let statements = fields.iter().filter_map(|f| {
        let own = own_checks(f, quote!(&label));
        let nested = nested_checks(f, quote!(&label), "{label}[{i}]", quote!(check), checked);
        let label = format!("{{at}}.{}", f.name);
        (own.is_some() || nested.is_some()).then(|| {
            quote! {
                let label = format!(#label);
                #own
                #nested
            }
        })
    });
    let check_type = super::runtime_types::check();
    Some(quote! {
        /// Adds to `check` what is wrong with this value's members, each named under `at`
        /// (called by the `build()` of the inputs that hold it).
        pub fn check_members(&self, at: &str, check: &mut #check_type) {
            #(#statements)*
        }
    })
}

/// `check_members` of the structure a member holds (each item's, for a list, labelled by
/// `item_label`, a format string with `i`); `sink` is the `&mut Check` to add to.
fn nested_checks(f: &Field, label: TokenStream, item_label: &str, sink: TokenStream, checked: &BTreeSet<String>) -> Option<TokenStream> {
    let id = ident(&f.name);
    match &f.ty {
        ty @ (RustType::Struct(_) | RustType::Boxed(_)) if ty.structure(false).is_some_and(|name| checked.contains(name)) => {
            Some(quote!(if let Some(value) = self.#id.as_ref() { value.check_members(#label, #sink); }))
        }
        RustType::List(inner) if matches!(&**inner, RustType::Struct(name) if checked.contains(name)) => Some(quote! {
            for (i, item) in self.#id.iter().flatten().enumerate() {
                item.check_members(&format!(#item_label), #sink);
            }
        }),
        _ => None,
    }
}

/// The `check.…` statements for a member's own constraints, if it has any; `self.<member>`
/// is an `Option` (a builder's or a structure's field), `label` a `&str` expression.
fn own_checks(f: &Field, label: TokenStream) -> Option<TokenStream> {
    let id = ident(&f.name);
    // The value as an `i64` for integer checks (a `long` already is one; numbers are `Copy`).
    let as_i64 = match f.ty {
        RustType::Scalar(Scalar::Long) => quote!(self.#id),
        _ => quote!(self.#id.map(i64::from)),
    };
    let mut out = TokenStream::new();
    if f.required {
        out.extend(quote!(check.required(#label, self.#id.is_some());));
    }
    if let Some(b) = f.range {
        let (min, max) = (opt(b.min), opt(b.max));
        out.extend(match f.ty {
            // A `double` already is an `f64` (a conversion would be useless, says clippy).
            RustType::Scalar(Scalar::Double) => quote!(check.range_f64(#label, self.#id, #min, #max);),
            RustType::Scalar(Scalar::Float) => quote!(check.range_f64(#label, self.#id.map(f64::from), #min, #max);),
            _ => quote!(check.range(#label, #as_i64, #min, #max);),
        });
    }
    if let Some(b) = f.length {
        let (min, max) = (opt(b.min), opt(b.max));
        out.extend(quote!(check.length(#label, self.#id.as_deref(), #min, #max);));
    }
    if !f.allowed.is_empty() {
        let ints: Vec<i64> = f.allowed.iter().filter_map(|v| v.as_i64()).collect();
        let strs: Vec<&str> = f.allowed.iter().filter_map(|v| v.as_str()).collect();
        out.extend(if ints.len() == f.allowed.len() {
            let ints = ints.iter().map(|i| proc_macro2::Literal::i64_unsuffixed(*i));
            quote!(check.one_of(#label, #as_i64, &[#(#ints),*]);)
        } else {
            quote!(check.one_of(#label, self.#id.as_deref(), &[#(#strs),*]);)
        });
    }
    if f.fills_path_segment() {
        out.extend(quote!(check.path_segment(#label, self.#id.as_deref());));
    }
    if let Some(p) = &f.pattern {
        out.extend(quote!(check.pattern(#label, self.#id.as_deref(), #p);));
    }
    if let Some(b) = f.items {
        let (min, max) = (opt(b.min), opt(b.max));
        out.extend(quote!(check.items(#label, self.#id.as_deref(), #min, #max);));
    }
    (!out.is_empty()).then_some(out)
}

fn opt(v: Option<i64>) -> TokenStream {
    match v {
        Some(v) => {
            let v = proc_macro2::Literal::i64_unsuffixed(v);
            quote!(Some(#v))
        }
        None => quote!(None),
    }
}
