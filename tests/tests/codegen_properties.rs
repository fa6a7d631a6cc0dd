//! Property: a valid spec generates Rust that parses and defines every name once per scope.
//!
//! Random valid specs start from each protocol's fixture (`tests/fixtures/specs/*minimal.yaml`)
//! and gain random shapes (enums, structures that hold each other), operations and members
//! whose names are Rust keywords, near-collisions (`ListThings`, `list_things`, `list-things`
//! are one Rust name: a spec keeps one of them, so it stays valid) and non-ASCII enum values,
//! with random but consistent types and constraints. Each spec goes through load, validate,
//! resolve and emit; every emitted `.rs` file must parse with `syn::parse_file` and no scope
//! may define a name twice (items of a module, methods of a type across its impls, fields,
//! variants, parameters: `fuzz/src/scopes.rs`, shared with the fuzz targets), and no
//! structure may hold itself without indirection (a type of infinite size).
//!
//! A second property mixes in names the generator defines itself (`New`, `Config`, `Build`,
//! `Default`, `Params`, …): such a spec may be refused, but if it validates the same checks
//! hold. The specs are rendered as JSON (valid YAML) from the fixture's model plus the random
//! parts. Case counts are small so the test takes seconds in the dev profile; raise
//! `PROPTEST_CASES` to dig.

#[path = "../../fuzz/src/scopes.rs"]
mod scopes;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use proptest::prelude::*;
use serde_json::{json, Map, Value};
use yun_codegen::{names, reserved};

const FIXTURES: [(&str, &str); 4] = [
    ("aliyun-rpc", include_str!("../fixtures/specs/minimal.yaml")),
    ("ksyun-query", include_str!("../fixtures/specs/ksyun-minimal.yaml")),
    ("jdcloud-rest", include_str!("../fixtures/specs/jdcloud-minimal.yaml")),
    ("inspur-rest", include_str!("../fixtures/specs/inspur-minimal.yaml")),
];

/// Words names are made of: Rust keywords (strict, reserved, weak), std names, and words that
/// make near-collisions when joined differently.
const WORDS: &[&str] = &[
    "Describe",
    "List",
    "Get",
    "Thing",
    "Things",
    "Instance",
    "Instances",
    "Id",
    "Ids",
    "ID",
    "Url",
    "URL",
    "V2",
    "Type",
    "Self",
    "Match",
    "Async",
    "Await",
    "Fn",
    "Mod",
    "Ref",
    "Box",
    "Dyn",
    "Gen",
    "Try",
    "Yield",
    "Union",
    "Loop",
    "Move",
    "Crate",
    "Super",
    "Where",
    "Impl",
    "Trait",
    "Static",
    "Struct",
    "Enum",
    "Use",
    "Pub",
    "Const",
    "Unsafe",
    "Extern",
    "Macro",
    "Abstract",
    "Final",
    "Virtual",
    "Option",
    "Some",
    "None",
    "Ok",
    "Err",
    "Vec",
    "Unknown",
    "Value",
    "Key",
    "As",
    "In",
    "If",
    "Else",
    "For",
    "While",
    "Return",
    "Break",
    "Continue",
    "Let",
    "True",
    "False",
    "Raw",
    "Union",
    "Static",
    "Str",
    "Usize",
    "Bool",
    "Fmt",
    "Debug",
    "Serde",
    "Std",
    "Core",
];

/// Words that name what the generator defines itself (client and builder methods, imports,
/// generated types): only the hostile property uses them.
const GENERATOR_WORDS: &[&str] = &[
    "New",
    "Config",
    "Build",
    "Default",
    "Builder",
    "Params",
    "Client",
    "Error",
    "ErrorCode",
    "BuildError",
    "Input",
    "Output",
    "Result",
    "String",
    "Endpoint",
    "DryRun",
    "Send",
    "Paginator",
    "Pages",
    "Items",
    "Waiter",
    "With",
    "Into",
    "Clone",
    "Fmt",
    "Serialize",
    "Deserialize",
    "HashMap",
    "BTreeMap",
    "Operation",
    "Service",
    "Action",
    "Encode",
    "Decode",
    "Request",
    "Response",
    "Types",
];

/// Separators and letter cases that make one Rust name out of different wire names.
const SEPARATORS: &[&str] = &["", "_", "-", ".", " ", "__"];

/// A name: one to three words, joined by a separator, in a letter case.
#[derive(Debug, Clone)]
struct NameParts {
    words: Vec<&'static str>,
    sep: &'static str,
    /// 0: as written, 1: lower-case first letter, 2: all upper, 3: all lower.
    case: u8,
}

impl NameParts {
    /// A wire name (members, enum values): any separator, any case.
    fn wire(&self) -> String {
        let joined = self.words.join(self.sep);
        match self.case % 4 {
            0 => joined,
            1 => {
                let mut c = joined.chars();
                c.next().map(|f| f.to_lowercase().chain(c).collect()).unwrap_or_default()
            }
            2 => joined.to_uppercase(),
            _ => joined.to_lowercase(),
        }
    }

    /// A PascalCase name (operations, shapes): words joined as written, starting with a letter.
    fn pascal(&self) -> String {
        let joined: String = self.words.concat();
        if joined.starts_with(|c: char| c.is_ascii_uppercase()) {
            joined
        } else {
            format!("X{joined}")
        }
    }
}

fn name(hostile: bool) -> impl Strategy<Value = NameParts> {
    let word = if hostile {
        prop_oneof![3 => prop::sample::select(WORDS), 2 => prop::sample::select(GENERATOR_WORDS)].boxed()
    } else {
        prop::sample::select(WORDS).boxed()
    };
    (prop::collection::vec(word, 1..=3), prop::sample::select(SEPARATORS), 0u8..4).prop_map(|(words, sep, case)| NameParts {
        words,
        sep,
        case,
    })
}

/// Enum values: names, and values that spell no ASCII identifier.
fn enum_value(hostile: bool) -> impl Strategy<Value = String> {
    prop_oneof![
        4 => name(hostile).prop_map(|n| n.wire()),
        1 => prop::sample::select(&["中文", "Ünïcödé", "a b", "UNKNOWN", "unknown", "self", "Self", "123", "1.5", "-", "x-y"][..])
            .prop_map(str::to_owned),
    ]
}

/// A type: a scalar, a shape (by index among all shapes), or a list or map of types.
#[derive(Debug, Clone)]
enum Ty {
    Scalar(&'static str),
    Shape(usize),
    List(Box<Ty>),
    Map(Box<Ty>),
}

fn ty() -> impl Strategy<Value = Ty> {
    let leaf = prop_oneof![
        3 => prop::sample::select(&["string", "integer", "long", "boolean", "float", "double"][..]).prop_map(Ty::Scalar),
        2 => (0usize..64).prop_map(Ty::Shape),
    ];
    leaf.prop_recursive(3, 8, 1, |inner| {
        prop_oneof![inner.clone().prop_map(|t| Ty::List(Box::new(t))), inner.prop_map(|t| Ty::Map(Box::new(t)))]
    })
}

/// What a member's constraints may say, for the type it turns out to have.
#[derive(Debug, Clone)]
struct Extras {
    required: bool,
    bounds: (i64, i64),
    with_bounds: bool,
    allowed: bool,
    pattern: bool,
    default: bool,
    sensitive: bool,
    deprecated: bool,
    encoding: u8,
    docs: bool,
}

fn extras() -> impl Strategy<Value = Extras> {
    (
        any::<bool>(),
        (0i64..50, 0i64..50),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        any::<bool>(),
        0u8..4,
        any::<bool>(),
    )
        .prop_map(|(required, (a, b), with_bounds, allowed, pattern, default, sensitive, deprecated, encoding, docs)| Extras {
            required,
            bounds: (a.min(b), a.max(b)),
            with_bounds,
            allowed,
            pattern,
            default,
            sensitive,
            deprecated,
            encoding,
            docs,
        })
}

#[derive(Debug, Clone)]
struct MemberS {
    name: NameParts,
    ty: Ty,
    extras: Extras,
}

fn member(hostile: bool) -> impl Strategy<Value = MemberS> {
    (name(hostile), ty(), extras()).prop_map(|(name, ty, extras)| MemberS { name, ty, extras })
}

#[derive(Debug, Clone)]
enum ShapeS {
    Enum(Vec<String>),
    Structure(Vec<MemberS>),
}

fn shape(hostile: bool) -> impl Strategy<Value = (NameParts, ShapeS)> {
    (
        name(hostile),
        prop_oneof![
            prop::collection::vec(enum_value(hostile), 1..6).prop_map(ShapeS::Enum),
            prop::collection::vec(member(hostile), 1..5).prop_map(ShapeS::Structure),
        ],
    )
}

#[derive(Debug, Clone)]
struct OperationS {
    name: NameParts,
    get: bool,
    path_members: Vec<NameParts>,
    input: Vec<MemberS>,
    output: Vec<MemberS>,
    read_only: Option<bool>,
}

fn operation(hostile: bool) -> impl Strategy<Value = OperationS> {
    (
        name(hostile),
        any::<bool>(),
        prop::collection::vec(name(hostile), 0..3),
        prop::collection::vec(member(hostile), 0..6),
        prop::collection::vec(member(hostile), 0..5),
        prop::option::of(any::<bool>()),
    )
        .prop_map(|(name, get, path_members, input, output, read_only)| OperationS {
            name,
            get,
            path_members,
            input,
            output,
            read_only,
        })
}

#[derive(Debug, Clone)]
struct SpecS {
    fixture: usize,
    shapes: Vec<(NameParts, ShapeS)>,
    operations: Vec<OperationS>,
}

fn spec(hostile: bool) -> impl Strategy<Value = SpecS> {
    (0..FIXTURES.len(), prop::collection::vec(shape(hostile), 0..5), prop::collection::vec(operation(hostile), 1..4))
        .prop_map(|(fixture, shapes, operations)| SpecS { fixture, shapes, operations })
}

/// The kinds of shape the spec has, by name, to decide which constraints fit a type.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Enum,
    Structure,
}

/// Renders a random spec as JSON text on top of its fixture, keeping it valid: names that
/// would become one Rust name are dropped, constraints are only given where they fit.
struct Builder {
    protocol: &'static str,
    /// Every shape name (the fixture's, then the new ones) and its kind.
    shapes: Vec<(String, Kind)>,
    /// Structures by name: their members' types (for the cycle rule below).
    rest: bool,
}

impl Builder {
    fn type_text(&self, ty: &Ty) -> String {
        match ty {
            Ty::Scalar(s) => (*s).to_owned(),
            Ty::Shape(i) => match self.shapes.len() {
                0 => "string".to_owned(),
                n => self.shapes[i % n].0.clone(),
            },
            Ty::List(t) => format!("list<{}>", self.type_text(t)),
            Ty::Map(t) => format!("map<string,{}>", self.type_text(t)),
        }
    }

    fn shape_kind(&self, ty: &Ty) -> Option<Kind> {
        match ty {
            Ty::Shape(i) if !self.shapes.is_empty() => Some(self.shapes[i % self.shapes.len()].1),
            _ => None,
        }
    }

    /// A member as JSON; `input` says whether request-only keys (encoding, location,
    /// idempotency) may appear.
    fn member(&self, m: &MemberS, input: bool) -> Value {
        let e = &m.extras;
        let mut o = Map::new();
        o.insert("type".into(), json!(self.type_text(&m.ty)));
        if e.required && input {
            o.insert("required".into(), json!(true));
        }
        if e.docs {
            o.insert("docs".into(), json!("文档 `code` [link] <b> */ /* \" \\ {braces}"));
        }
        match &m.ty {
            Ty::Scalar("integer") | Ty::Scalar("long") => {
                if e.with_bounds {
                    o.insert("range".into(), json!({"min": e.bounds.0, "max": e.bounds.1}));
                }
                if e.allowed {
                    o.insert("allowed".into(), json!([e.bounds.0, e.bounds.1]));
                }
                if e.default {
                    o.insert("default".into(), json!(e.bounds.0));
                }
            }
            Ty::Scalar("string") => {
                // Bounds wide enough for the `allowed` values and the default below.
                if e.with_bounds {
                    o.insert("length".into(), json!({"min": e.bounds.0.min(1), "max": e.bounds.1.max(6)}));
                }
                if e.allowed {
                    o.insert("allowed".into(), json!(["a", "b{c}", "中"]));
                }
                if e.pattern {
                    o.insert("pattern".into(), json!("^[a-z]{1,3}(-[0-9]+)?$"));
                }
                if e.default {
                    o.insert("default".into(), json!(if e.allowed { "b{c}" } else { "d\"{x}\\" }));
                }
                if e.sensitive {
                    o.insert("sensitive".into(), json!(true));
                }
            }
            Ty::Scalar("boolean") if e.default => {
                o.insert("default".into(), json!(true));
            }
            Ty::List(inner) => {
                if e.with_bounds {
                    o.insert("min_items".into(), json!(e.bounds.0));
                    o.insert("max_items".into(), json!(e.bounds.1.max(1)));
                }
                if input && !self.rest {
                    let scalar_or_enum = matches!(**inner, Ty::Scalar(_)) || self.shape_kind(inner) == Some(Kind::Enum);
                    let encoding = match e.encoding % 3 {
                        0 => "flat",
                        1 => "json",
                        _ if scalar_or_enum => "csv",
                        _ => "flat",
                    };
                    o.insert("encoding".into(), json!(encoding));
                }
            }
            Ty::Map(_) if input && !self.rest => {
                o.insert("encoding".into(), json!("json"));
            }
            Ty::Shape(_) if input && !self.rest && self.shape_kind(&m.ty) == Some(Kind::Structure) => {
                o.insert("encoding".into(), json!(if e.encoding % 2 == 0 { "flat" } else { "json" }));
            }
            _ => {}
        }
        if e.deprecated {
            o.insert("deprecated".into(), json!(true));
        }
        if input && !self.rest && e.encoding == 3 && matches!(m.ty, Ty::Scalar(_)) {
            o.insert("location".into(), json!("body"));
        }
        Value::Object(o)
    }

    /// Members keyed by wire name, dropping any whose field name another already has
    /// (`taken` starts with names the context reserves).
    fn members(&self, list: &[MemberS], input: bool, taken: &mut BTreeSet<String>) -> Map<String, Value> {
        let mut out = Map::new();
        for m in list {
            let wire = m.name.wire();
            if wire.is_empty() || out.contains_key(&wire) || !taken.insert(names::field_name(&wire)) {
                continue;
            }
            out.insert(wire, self.member(m, input));
        }
        out
    }
}

/// The spec's JSON text and the names of the structures it adds (for messages).
fn render(s: &SpecS, hostile: bool) -> String {
    let (protocol, fixture) = FIXTURES[s.fixture];
    let loaded = yun_codegen::load::load_str(Path::new("fixture.yaml"), fixture.to_owned()).expect("the fixture loads");
    let mut doc = serde_json::to_value(&loaded.spec).expect("the model serializes");
    let rest = protocol.ends_with("-rest");
    let mut b = Builder { protocol, shapes: Vec::new(), rest };

    // Shape names: the fixture's, then the new ones whose Rust type name is still free.
    let mut type_names: BTreeSet<String> = BTreeSet::new();
    let existing = doc["shapes"].as_object().cloned().unwrap_or_default();
    for (name, shape) in &existing {
        type_names.insert(names::type_name(name));
        let kind = if shape["type"] == "enum" { Kind::Enum } else { Kind::Structure };
        b.shapes.push((name.clone(), kind));
    }
    // Operation names reserve their generated types too.
    let mut op_names: Vec<String> = Vec::new();
    let mut fns: BTreeSet<String> = BTreeSet::new();
    if !hostile {
        let service = &loaded.spec.service;
        let methods = reserved::client_methods(service.protocol, service.dry_run.is_some());
        let modules = reserved::OPERATION_MODULES.iter().chain(reserved::DRY_RUN_OPERATION_MODULES);
        fns.extend(methods.iter().chain(modules).map(|(name, _)| (*name).to_owned()));
    }
    for name in doc["operations"].as_object().map(|o| o.keys().cloned().collect::<Vec<_>>()).unwrap_or_default() {
        fns.insert(names::module_name(&name));
        op_names.push(name);
    }
    let mut new_ops = Vec::new();
    for op in &s.operations {
        let name = op.name.pascal();
        if fns.insert(names::module_name(&name)) {
            op_names.push(name.clone());
            new_ops.push((name, op));
        }
    }
    for op in &op_names {
        let t = names::type_name(op);
        for suffix in ["Input", "Output", "InputBuilder"] {
            type_names.insert(format!("{t}{suffix}"));
        }
    }
    // What the generator defines itself (the one table, `yun_codegen::reserved`): the valid
    // strategy stays clear of it; the hostile one lands on it.
    if !hostile {
        for (reserved, _) in reserved::SHAPE_TYPE_NAMES.iter().chain(reserved::DRY_RUN_OPERATION_TYPES) {
            type_names.insert((*reserved).to_owned());
        }
    }
    let mut new_shapes = Vec::new();
    for (name, body) in &s.shapes {
        let name = name.pascal();
        let rust = names::type_name(&name);
        let reserved_suffix = reserved::SHAPE_TYPE_SUFFIXES.iter().any(|(x, _)| rust.ends_with(x));
        if (reserved_suffix && !hostile) || !type_names.insert(rust) {
            continue;
        }
        let kind = if matches!(body, ShapeS::Enum(_)) { Kind::Enum } else { Kind::Structure };
        b.shapes.push((name.clone(), kind));
        new_shapes.push((name, body));
    }

    let shapes = doc["shapes"].as_object_mut().expect("fixtures have shapes");
    for (name, body) in new_shapes {
        let value = match body {
            ShapeS::Enum(values) => {
                let mut out = Map::new();
                let mut variants = BTreeSet::new();
                for v in values {
                    if !v.is_empty() && !out.contains_key(v) && variants.insert(names::variant_name(v)) {
                        out.insert(v.clone(), json!("含义"));
                    }
                }
                json!({"type": "enum", "docs": "E", "values": out})
            }
            ShapeS::Structure(members) => {
                json!({"type": "structure", "docs": "S", "members": b.members(members, false, &mut BTreeSet::new())})
            }
        };
        shapes.insert(name, value);
    }

    let dry_run = doc["service"]["dry_run"]["member"].as_str().map(names::field_name);
    let operations = doc["operations"].as_object_mut().expect("fixtures have operations");
    for (name, op) in new_ops {
        let mut taken: BTreeSet<String> = dry_run.iter().cloned().collect();
        let mut input = Map::new();
        let mut path = if rest { "/v1/things".to_owned() } else { "/".to_owned() };
        if rest {
            for p in &op.path_members {
                let wire: String = p.wire().chars().filter(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
                if wire.is_empty() || !taken.insert(names::field_name(&wire)) {
                    continue;
                }
                path.push_str(&format!("/{{{wire}}}"));
                input.insert(wire, json!({"type": "string", "required": true, "location": "path"}));
            }
        }
        input.extend(b.members(&op.input, true, &mut taken));
        let output = b.members(&op.output, false, &mut BTreeSet::new());
        let method = if rest && op.get { "GET" } else { "POST" };
        let mut o = json!({
            "docs": "操作 `x` {y}",
            "source": {"doc": "none.txt", "line": 1},
            "http": {"method": method, "path": path},
            "input": input,
            "output": output,
        });
        if let Some(r) = op.read_only {
            o["read_only"] = json!(r);
        }
        operations.insert(name, o);
    }
    let _ = b.protocol;
    serde_json::to_string_pretty(&doc).expect("JSON text")
}

/// Problems in the generated code of `text` (empty: fine), or `Err` with the diagnostics when
/// the spec does not validate.
fn check(text: &str) -> Result<Vec<String>, String> {
    let path = Path::new("random.yaml");
    let loaded = yun_codegen::load::load_str(path, text.to_owned()).map_err(|d| format!("load: {d:?}"))?;
    yun_codegen::validate::validate(&loaded).map_err(|d| format!("validate: {d:?}"))?;
    let service = yun_codegen::ir::resolve(&loaded);
    let files = match yun_codegen::emit::emit(&service, "random.yaml") {
        Ok(files) => files,
        Err(e) => return Ok(vec![format!("emit failed: {e}")]),
    };
    let mut problems = Vec::new();
    for file in files.iter().filter(|f| f.path.extension().is_some_and(|e| e == "rs")) {
        match syn::parse_file(&file.contents) {
            Ok(parsed) => {
                let shown = file.path.display();
                problems.extend(scopes::duplicate_names(&parsed).into_iter().map(|p| format!("{shown}: {p}")));
                problems.extend(infinite_types(&parsed).into_iter().map(|p| format!("{shown}: {p}")));
            }
            Err(e) => problems.push(format!("{} does not parse: {e}", file.path.display())),
        }
    }
    Ok(problems)
}

/// Structures of one file that hold each other (or themselves) by value, with no `Vec`,
/// map or `Box` on the way: a type of infinite size, which `rustc` refuses (E0072).
fn infinite_types(file: &syn::File) -> Vec<String> {
    let mut holds: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for item in &file.items {
        if let syn::Item::Struct(s) = item {
            let mut by_value = BTreeSet::new();
            for field in &s.fields {
                by_value_types(&field.ty, &mut by_value);
            }
            holds.insert(s.ident.to_string(), by_value);
        }
    }
    let mut found = Vec::new();
    for start in holds.keys() {
        // Depth-first from `start`: does it come back to itself?
        let mut stack: Vec<Vec<String>> = vec![vec![start.clone()]];
        let mut seen = BTreeSet::new();
        while let Some(path) = stack.pop() {
            let last = path.last().expect("paths are not empty");
            for next in holds.get(last).into_iter().flatten() {
                if next == start {
                    found.push(format!(
                        "`{}` holds itself by value (infinite size)",
                        [&path[..], std::slice::from_ref(start)].concat().join(" → ")
                    ));
                    break;
                }
                if holds.contains_key(next) && seen.insert(next.clone()) {
                    stack.push([&path[..], std::slice::from_ref(next)].concat());
                }
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

/// Named types a field holds by value: through `Option` and tuples, not through `Vec`, maps,
/// `Box` or references.
fn by_value_types(ty: &syn::Type, out: &mut BTreeSet<String>) {
    match ty {
        syn::Type::Path(p) => {
            let Some(last) = p.path.segments.last() else { return };
            let name = last.ident.to_string();
            if matches!(name.as_str(), "Vec" | "HashMap" | "BTreeMap" | "IndexMap" | "Box" | "Rc" | "Arc") {
                return;
            }
            if name == "Option" {
                if let syn::PathArguments::AngleBracketed(args) = &last.arguments {
                    for arg in &args.args {
                        if let syn::GenericArgument::Type(t) = arg {
                            by_value_types(t, out);
                        }
                    }
                }
                return;
            }
            out.insert(name);
        }
        syn::Type::Tuple(t) => t.elems.iter().for_each(|e| by_value_types(e, out)),
        syn::Type::Paren(p) => by_value_types(&p.elem, out),
        syn::Type::Group(g) => by_value_types(&g.elem, out),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, max_shrink_iters: 2000, ..ProptestConfig::default() })]

    /// Valid specs (keywords, near-collisions, cycles, every protocol) generate parsing Rust
    /// with unique names per scope.
    #[test]
    fn valid_specs_generate_rust_with_unique_names(s in spec(false)) {
        let text = render(&s, false);
        match check(&text) {
            Ok(problems) => prop_assert!(problems.is_empty(), "{problems:#?}\nspec:\n{text}"),
            Err(refused) => prop_assert!(false, "a spec meant to be valid is refused: {refused}\nspec:\n{text}"),
        }
    }

    /// Specs with names the generator defines itself: refused, or generated as above.
    #[test]
    fn specs_with_generator_names_are_refused_or_generate_unique_names(s in spec(true)) {
        let text = render(&s, true);
        if let Ok(problems) = check(&text) {
            prop_assert!(problems.is_empty(), "accepted, but: {problems:#?}\nspec:\n{text}");
        }
    }
}

/// Each fixture alone passes the checks (the strategies start from them).
#[test]
fn fixtures_generate_rust_with_unique_names() {
    for (protocol, text) in FIXTURES {
        assert_eq!(check(text).map_err(|e| format!("{protocol}: {e}")), Ok(vec![]), "{protocol}");
    }
}

/// The checks find what they look for.
#[test]
fn the_checks_see_duplicates_and_infinite_types() {
    let file: syn::File = syn::parse_quote! {
        use crate::types::Params;
        pub struct Params { a: u8, a: u8 }
        pub struct A { b: Option<B> }
        pub struct B { a: A, list: Vec<A> }
        pub struct C { c: Box<C> }
        impl A { fn new() {} }
        impl A { fn new(x: u8, x: u8) {} }
        pub enum E { X, X }
        fn f() {}
        const f: u8 = 0;
    };
    let dups = scopes::duplicate_names(&file);
    for expected in [
        "field `a`",
        "associated item (all inherent impls) `new`",
        "parameter `x`",
        "variant `X`",
        "value-namespace item `f`",
        "`Params` is both imported and defined",
    ] {
        assert!(dups.iter().any(|d| d.contains(expected)), "{expected} in {dups:#?}");
    }
    let infinite = infinite_types(&file);
    assert_eq!(infinite, ["`A → B → A` holds itself by value (infinite size)", "`B → A → B` holds itself by value (infinite size)"]);
}

/// Not a gate: runs `SURVEY_CASES` (default 500) hostile specs and prints each kind of problem
/// found once, with the smallest spec showing it, for reporting bugs.
/// `cargo test -p yun-tests --test codegen_properties survey -- --ignored --nocapture`
#[test]
#[ignore]
fn survey() {
    use proptest::strategy::ValueTree;
    let cases: usize = std::env::var("SURVEY_CASES").ok().and_then(|c| c.parse().ok()).unwrap_or(500);
    let hostile = std::env::var("SURVEY_VALID").is_err();
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let mut kinds: BTreeMap<String, (usize, BTreeSet<String>, String, String)> = BTreeMap::new();
    let mut refused = 0;
    for _ in 0..cases {
        let tree = spec(hostile).new_tree(&mut runner).expect("a spec");
        let text = render(&tree.current(), hostile);
        match check(&text) {
            Err(diagnostics) => {
                refused += 1;
                if !hostile && refused <= 3 {
                    println!("refused: {diagnostics}\n{text}\n");
                }
            }
            Ok(problems) => {
                for p in problems {
                    // The kind: the file's role and the message, names left out.
                    let file = p.split(':').next().unwrap_or_default();
                    let role =
                        if file.starts_with("src/operation/") && file != "src/operation/mod.rs" { "src/operation/<op>.rs" } else { file };
                    let message = p.rsplit(": ").next().unwrap_or_default();
                    let parts: Vec<&str> = message.split('`').collect();
                    let kind = format!("{role}: {}", parts.iter().step_by(2).copied().collect::<Vec<_>>().join("…"));
                    let e = kinds.entry(kind).or_insert((0, BTreeSet::new(), p.clone(), text.clone()));
                    e.0 += 1;
                    e.1.extend(parts.iter().skip(1).step_by(2).map(|n| (*n).to_owned()));
                    if text.len() < e.3.len() {
                        (e.2, e.3) = (p, text.clone());
                    }
                }
            }
        }
    }
    println!("{cases} specs, {refused} refused by validate");
    for (kind, (n, names, example, text)) in &kinds {
        println!("== {n}× {kind}\n   names: {names:?}\n   e.g. {example}\n{text}\n");
    }
}
