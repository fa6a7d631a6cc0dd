//! Names unique per scope in a parsed Rust file: what `rustc` would refuse as a duplicate
//! definition (E0428, E0252, E0255, E0124, E0592, E0201, E0415, variant and field repeats),
//! found without compiling.
//!
//! Shared by the fuzz targets (`fuzz/src/lib.rs`) and the property test
//! `tests/tests/codegen_properties.rs` (which includes this file with `#[path]`), so it uses
//! `syn` and `std` only.

use std::collections::BTreeMap;

/// Every repeated name of `file`, as `"<scope>: <what> `name` twice"` lines (empty when none).
pub fn duplicate_names(file: &syn::File) -> Vec<String> {
    let mut found = Vec::new();
    module(&file.items, "crate", &mut found);
    found
}

/// Namespaces of a module: what a `use` or an item puts in scope.
#[derive(Default)]
struct Scope {
    /// Structs, enums, unions, traits, type aliases, modules.
    types: BTreeMap<String, usize>,
    /// Functions, consts, statics, and the constructors of tuple and unit structs.
    values: BTreeMap<String, usize>,
    /// `macro_rules!` names.
    macros: BTreeMap<String, usize>,
    /// Names a `use` brings in (not globs), with how often.
    imports: BTreeMap<String, usize>,
}

fn bump(map: &mut BTreeMap<String, usize>, name: String) {
    *map.entry(name).or_default() += 1;
}

fn module(items: &[syn::Item], scope_name: &str, found: &mut Vec<String>) {
    let mut scope = Scope::default();
    // Inherent impl items by self type (several `impl T` blocks share one namespace).
    let mut inherent: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for item in items {
        match item {
            syn::Item::Struct(s) => {
                bump(&mut scope.types, s.ident.to_string());
                if !matches!(s.fields, syn::Fields::Named(_)) {
                    bump(&mut scope.values, s.ident.to_string());
                }
                fields(&s.fields, &format!("{scope_name}::{}", s.ident), found);
            }
            syn::Item::Enum(e) => {
                bump(&mut scope.types, e.ident.to_string());
                let mut variants = BTreeMap::new();
                for v in &e.variants {
                    bump(&mut variants, v.ident.to_string());
                    fields(&v.fields, &format!("{scope_name}::{}::{}", e.ident, v.ident), found);
                }
                repeats(&variants, &format!("{scope_name}::{}", e.ident), "variant", found);
            }
            syn::Item::Union(u) => {
                bump(&mut scope.types, u.ident.to_string());
                fields(&syn::Fields::Named(u.fields.clone()), &format!("{scope_name}::{}", u.ident), found);
            }
            syn::Item::Trait(t) => {
                bump(&mut scope.types, t.ident.to_string());
                let mut names = BTreeMap::new();
                for ti in &t.items {
                    match ti {
                        syn::TraitItem::Fn(f) => {
                            bump(&mut names, f.sig.ident.to_string());
                            params(&f.sig, &format!("{scope_name}::{}::{}", t.ident, f.sig.ident), found);
                        }
                        syn::TraitItem::Const(c) => bump(&mut names, c.ident.to_string()),
                        syn::TraitItem::Type(ty) => bump(&mut names, ty.ident.to_string()),
                        _ => {}
                    }
                }
                repeats(&names, &format!("{scope_name}::{}", t.ident), "trait item", found);
            }
            syn::Item::Type(t) => bump(&mut scope.types, t.ident.to_string()),
            syn::Item::Mod(m) => {
                bump(&mut scope.types, m.ident.to_string());
                if let Some((_, inner)) = &m.content {
                    module(inner, &format!("{scope_name}::{}", m.ident), found);
                }
            }
            syn::Item::Fn(f) => {
                bump(&mut scope.values, f.sig.ident.to_string());
                params(&f.sig, &format!("{scope_name}::{}", f.sig.ident), found);
                block(&f.block, &format!("{scope_name}::{}", f.sig.ident), found);
            }
            syn::Item::Const(c) => bump(&mut scope.values, c.ident.to_string()),
            syn::Item::Static(s) => bump(&mut scope.values, s.ident.to_string()),
            syn::Item::Macro(m) => {
                if let Some(ident) = &m.ident {
                    bump(&mut scope.macros, ident.to_string());
                }
            }
            syn::Item::Use(u) => use_tree(&u.tree, &mut scope.imports),
            syn::Item::ExternCrate(e) => {
                let name = e.rename.as_ref().map_or(&e.ident, |(_, r)| r);
                bump(&mut scope.imports, name.to_string());
            }
            syn::Item::Impl(i) => {
                let owner = type_key(&i.self_ty);
                let scope_of = match &i.trait_ {
                    Some((_, path, _)) => format!("{scope_name}::<{owner} as {}>", path_key(path)),
                    None => format!("{scope_name}::{owner}"),
                };
                let mut local = BTreeMap::new();
                for ii in &i.items {
                    let name = match ii {
                        syn::ImplItem::Fn(f) => {
                            params(&f.sig, &format!("{scope_of}::{}", f.sig.ident), found);
                            block(&f.block, &format!("{scope_of}::{}", f.sig.ident), found);
                            f.sig.ident.to_string()
                        }
                        syn::ImplItem::Const(c) => c.ident.to_string(),
                        syn::ImplItem::Type(t) => t.ident.to_string(),
                        _ => continue,
                    };
                    if i.trait_.is_some() {
                        bump(&mut local, name);
                    } else {
                        bump(inherent.entry(owner.clone()).or_default(), name);
                    }
                }
                repeats(&local, &scope_of, "impl item", found);
            }
            _ => {}
        }
    }
    for (owner, names) in &inherent {
        repeats(names, &format!("{scope_name}::{owner}"), "associated item (all inherent impls)", found);
    }
    repeats(&scope.types, scope_name, "type-namespace item", found);
    repeats(&scope.values, scope_name, "value-namespace item", found);
    repeats(&scope.macros, scope_name, "macro", found);
    repeats(&scope.imports, scope_name, "import", found);
    for name in scope.imports.keys() {
        if scope.types.contains_key(name) || scope.values.contains_key(name) || scope.macros.contains_key(name) {
            found.push(format!("{scope_name}: `{name}` is both imported and defined"));
        }
    }
}

/// Items declared inside a function body form a scope of their own.
fn block(b: &syn::Block, scope_name: &str, found: &mut Vec<String>) {
    let items: Vec<syn::Item> = b
        .stmts
        .iter()
        .filter_map(|s| match s {
            syn::Stmt::Item(i) => Some(i.clone()),
            _ => None,
        })
        .collect();
    if !items.is_empty() {
        module(&items, &format!("{scope_name}::{{fn body}}"), found);
    }
}

fn fields(f: &syn::Fields, scope_name: &str, found: &mut Vec<String>) {
    if let syn::Fields::Named(named) = f {
        let mut names = BTreeMap::new();
        for field in &named.named {
            if let Some(ident) = &field.ident {
                bump(&mut names, ident.to_string());
            }
        }
        repeats(&names, scope_name, "field", found);
    }
}

fn params(sig: &syn::Signature, scope_name: &str, found: &mut Vec<String>) {
    let mut names = BTreeMap::new();
    for input in &sig.inputs {
        if let syn::FnArg::Typed(t) = input {
            pat_idents(&t.pat, &mut names);
        }
    }
    repeats(&names, scope_name, "parameter", found);
    let mut generics = BTreeMap::new();
    for g in &sig.generics.params {
        match g {
            syn::GenericParam::Type(t) => bump(&mut generics, t.ident.to_string()),
            syn::GenericParam::Const(c) => bump(&mut generics, c.ident.to_string()),
            syn::GenericParam::Lifetime(l) => bump(&mut generics, l.lifetime.to_string()),
        }
    }
    repeats(&generics, scope_name, "generic parameter", found);
}

fn pat_idents(p: &syn::Pat, names: &mut BTreeMap<String, usize>) {
    match p {
        syn::Pat::Ident(i) => bump(names, i.ident.to_string()),
        syn::Pat::Tuple(t) => t.elems.iter().for_each(|e| pat_idents(e, names)),
        syn::Pat::TupleStruct(t) => t.elems.iter().for_each(|e| pat_idents(e, names)),
        syn::Pat::Struct(s) => s.fields.iter().for_each(|f| pat_idents(&f.pat, names)),
        syn::Pat::Type(t) => pat_idents(&t.pat, names),
        syn::Pat::Reference(r) => pat_idents(&r.pat, names),
        _ => {}
    }
}

fn use_tree(tree: &syn::UseTree, imports: &mut BTreeMap<String, usize>) {
    match tree {
        syn::UseTree::Path(p) => use_tree(&p.tree, imports),
        syn::UseTree::Name(n) if n.ident != "self" => bump(imports, n.ident.to_string()),
        syn::UseTree::Name(_) => {}
        syn::UseTree::Rename(r) if r.rename != "_" => bump(imports, r.rename.to_string()),
        syn::UseTree::Rename(_) | syn::UseTree::Glob(_) => {}
        syn::UseTree::Group(g) => g.items.iter().for_each(|t| use_tree(t, imports)),
    }
}

fn repeats(names: &BTreeMap<String, usize>, scope_name: &str, what: &str, found: &mut Vec<String>) {
    for (name, n) in names {
        if *n > 1 {
            found.push(format!("{scope_name}: {what} `{name}` {n} times"));
        }
    }
}

/// The last path segment of a type (`crate::types::Tag<'a>` → `Tag`), enough to tell the
/// self types of one file apart.
fn type_key(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Path(p) => path_key(&p.path),
        syn::Type::Reference(r) => format!("&{}", type_key(&r.elem)),
        other => quote_free(other),
    }
}

fn path_key(path: &syn::Path) -> String {
    path.segments.last().map(|s| s.ident.to_string()).unwrap_or_default()
}

/// A stable text for types without a path (tuples, slices): their kind is enough.
fn quote_free(ty: &syn::Type) -> String {
    match ty {
        syn::Type::Tuple(_) => "(tuple)".into(),
        syn::Type::Slice(_) => "[slice]".into(),
        syn::Type::Array(_) => "[array]".into(),
        _ => "(type)".into(),
    }
}
