//! The names the generator itself defines, per scope of a generated crate, and what happens
//! when a spec's name would land on one of them.
//!
//! This is the ONE table: the emitters name their fixed items as it lists them (and build
//! the derived names through [`paginator_method`] and [`waiter_methods`]),
//! [`member_fields`] spells every member's Rust field through it, and [`collisions`]
//! (called by [`crate::validate::validate`]) reports what cannot be renamed. A test of this
//! module generates a crate using every feature and checks that each name the emitted code
//! defines in these scopes is either the spec's or listed here, so an emitter that adds a
//! method or an import without listing it fails the tests.
//!
//! # Rename or reject
//!
//! - **Members** (inputs, outputs, structures): a member's key is its wire name, which the
//!   spec author cannot choose. So a member whose field would take a name the generator
//!   defines in that scope is **renamed**: its field (and setter) get a trailing `_`, as
//!   keywords do (`type_`). `Build` in an input becomes the field and setter `build_`
//!   (the builder has `build`); `Default` becomes `default_`; `Answer` in an output becomes
//!   `answer_` (outputs keep a private `answer`); in an input, a member whose field is
//!   `set_<field of another member>` (`SetName` beside `Name`, whose builder has
//!   `set_name`) becomes `set_name_`. Whatever still collides after that (a chain such as
//!   `Name`, `SetName`, `SetSetName`) is rejected, naming both.
//! - **Operations**: the key names the client method, the module and the types, and the wire
//!   action can differ from it (`action:`). So an operation whose method, paginator method
//!   or module would take a generated name (`New` → `Client::new`) is **rejected**: choose
//!   another key and keep the wire name with `action: New`.
//! - **Waiters**: the name is the spec's own: **rejected** on collision.
//! - **Shapes**: shape names never go on the wire: a shape whose type would take a name
//!   `types.rs` imports or uses unqualified (`Params`, `Option`, …), a name of the crate's
//!   API (`Client`, `Error`, …) or a suffix the generator uses (`…Input`, `…Output`,
//!   `…Builder`) is **rejected**.
//! - **Enum values and error codes** are wire values too: one spelled as a variant the
//!   generator defines or cannot use ([`ENUM_VARIANTS`]: `Unknown`, `Err`, `Self`) is
//!   **renamed** `<Name>Value` ([`names::variant_name`]).
//! - **Keywords** ([`KEYWORDS`]): [`crate::names`] appends `_` to a field that would be a
//!   keyword; `Self` as a shape is rejected, as a variant renamed.
//! - **Derived names** never hold a double `_` (not snake case): [`join_snake`] drops a
//!   field's trailing `_` before a suffix (`mod_` → `mod_paginator`).
//!
//! Duplicates among the spec's own names (two members that both become `instance_id`, two
//! operations with one method) are reported by the validator itself.

use std::collections::BTreeMap;

use crate::names;
use crate::spec::{Member, Protocol, Spec, UniqueMap};

/// Rust keywords (strict and reserved, 2021 edition, and `gen` of 2024): a field that would
/// be one gets a trailing `_` ([`names::field_name`]: `type_`); a type or variant `Self` is
/// reserved ([`SHAPE_TYPE_NAMES`], [`ENUM_VARIANTS`]).
pub const KEYWORDS: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "crate", "dyn", "else", "enum", "extern", "false", "fn", "for", "if", "impl",
    "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "self", "Self", "static", "struct", "super", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "macro", "override", "priv", "try",
    "typeof", "unsized", "virtual", "yield", "gen",
];

/// A reserved name and what defines it in the generated crate (for messages).
pub type Entry = (&'static str, &'static str);

/// Methods of `Client` in every crate (`client.rs`), and those its derives bring.
pub const CLIENT_METHODS: &[Entry] = &[
    ("new", "`Client::new`"),
    ("from_env", "`Client::from_env`"),
    ("config", "`Client::config`"),
    ("with_retry", "`Client::with_retry`"),
    ("with_timeouts", "`Client::with_timeouts`"),
    ("with_header", "`Client::with_header`"),
    ("raw_call", "`Client::raw_call`"),
    ("clone", "`Client::clone` (derived `Clone`)"),
    ("clone_from", "`Client::clone_from` (derived `Clone`)"),
    ("fmt", "`Client::fmt` (derived `Debug`)"),
];

/// Methods of `Client` of a `ksyun-query` crate, besides [`CLIENT_METHODS`].
pub const KSYUN_CLIENT_METHODS: &[Entry] = &[("endpoint", "`Client::endpoint`")];

/// Methods of `Client` of a crate with `service.dry_run`.
pub const DRY_RUN_CLIENT_METHODS: &[Entry] = &[("dry_run", "`Client::dry_run`")];

/// Suffix of a paginated operation's client method: `<method>_paginator`.
pub const PAGINATOR_SUFFIX: &str = "_paginator";

/// Prefix of a waiter's client methods: `wait_until_<waiter>`, and `…_with` ([`WAITER_WITH_SUFFIX`]).
pub const WAITER_PREFIX: &str = "wait_until_";

/// Suffix of a waiter's second client method: `wait_until_<waiter>_with`.
pub const WAITER_WITH_SUFFIX: &str = "_with";

/// `text` followed by `_<suffix>`, without a double `_` when `text` ends with one (`mod_`, a
/// keyword's field): `mod_` + `paginator` → `mod_paginator` (a double `_` is not snake case).
pub fn join_snake(text: &str, suffix: &str) -> String {
    format!("{}_{suffix}", text.trim_end_matches('_'))
}

/// The client method of a paginated operation whose method is `fn_name`: `<fn_name>_paginator`.
pub fn paginator_method(fn_name: &str) -> String {
    join_snake(fn_name, PAGINATOR_SUFFIX.trim_start_matches('_'))
}

/// The client methods of waiter `name`: `wait_until_<name>` and `wait_until_<name>_with`.
pub fn waiter_methods(name: &str) -> [String; 2] {
    let wait = format!("{WAITER_PREFIX}{name}");
    let with = join_snake(&wait, WAITER_WITH_SUFFIX.trim_start_matches('_'));
    [wait, with]
}

/// Variants every string enum and `ErrorCode` has or cannot have, and what a wire value
/// spelled that way becomes instead (see [`names::variant_name`]): `Unknown` is the
/// catch-all, `Err` would be ambiguous with `FromStr::Err` (`Self::Err` in
/// `yun_runtime::string_enum!`), `Self` is a keyword.
pub const ENUM_VARIANTS: &[Entry] = &[
    ("Unknown", "the catch-all variant `Unknown`"),
    ("Err", "`Self::Err`, the error type of `FromStr` that `yun_runtime::string_enum!` implements"),
    ("Self", "`Self`, a keyword"),
];

/// Methods of an input's builder besides one setter per member (`<field>`) and one
/// `set_<field>` (see [`SETTER_PREFIX`]).
pub const BUILDER_METHODS: &[Entry] = &[
    ("build", "the builder's `build`"),
    ("default", "the builder's `default` (derived `Default`, called by `<Input>::builder`)"),
    ("clone", "the builder's `clone` (derived `Clone`)"),
    ("clone_from", "the builder's `clone_from` (derived `Clone`)"),
    ("fmt", "the builder's `fmt` (`Debug`)"),
];

/// Prefix of a builder's second setter of each member (`set_<field>`, taking an `Option`).
pub const SETTER_PREFIX: &str = "set_";

/// Associated functions and methods of an input (none takes a member's name, fields and
/// methods being apart; listed for the emitter test).
pub const INPUT_METHODS: &[&str] = &["builder", "next_page"];

/// Names each `operation/<name>.rs` imports (its own types end in `Input`, `Builder` or
/// `Output`, so no operation's can be one).
pub const OPERATION_IMPORTS: &[&str] = &["Params", "WriteParam"];

/// Fields of an output besides its members.
pub const OUTPUT_FIELDS: &[Entry] = &[("answer", "the output's private `answer` (what it kept of the answer)")];

/// Methods of an output (none takes a member's name, fields and methods being apart; listed
/// for completeness and for the emitter test): its paginator's, and `answer`, `warnings`,
/// `raw_body` of the runtime's `Answered` trait.
pub const OUTPUT_METHODS: &[&str] = &["answer", "warnings", "raw_body", "item_count", "into_items"];

/// Methods of a structure of `types.rs` besides one setter per member (named as its field).
pub const STRUCTURE_METHODS: &[Entry] = &[
    ("check_members", "the structure's `check_members`"),
    ("default", "the structure's `default` (derived `Default`)"),
    ("clone", "the structure's `clone` (derived `Clone`)"),
    ("clone_from", "the structure's `clone_from` (derived `Clone`)"),
    ("eq", "the structure's `eq` (derived `PartialEq`)"),
    ("ne", "the structure's `ne` (derived `PartialEq`)"),
    ("fmt", "the structure's `fmt` (`Debug`)"),
    ("write_param", "the structure's `write_param` (`WriteParam`)"),
];

/// Names `types.rs` defines, imports or uses unqualified, and the crate API's own type
/// names: no shape may become one.
pub const SHAPE_TYPE_NAMES: &[Entry] = &[
    ("Params", "`types.rs` imports `yun_runtime::operation::params::Params`"),
    ("WriteParam", "`types.rs` imports `yun_runtime::operation::params::WriteParam`"),
    ("Option", "`types.rs` uses the prelude's `Option`"),
    ("String", "`types.rs` uses the prelude's `String`"),
    ("Vec", "`types.rs` uses the prelude's `Vec`"),
    ("Box", "`types.rs` uses the prelude's `Box` (recursive structures)"),
    ("From", "`types.rs` uses the prelude's `From`"),
    ("Into", "`types.rs` uses the prelude's `Into`"),
    ("Default", "`types.rs` uses the prelude's `Default`"),
    ("Self", "`Self` is a keyword"),
    ("Client", "the crate's `Client`"),
    ("Config", "the crate's `Config`"),
    ("Error", "the crate's `Error`"),
    ("ErrorCode", "the crate's `ErrorCode`"),
    ("BuildError", "the crate's `BuildError`"),
    ("Result", "generated code uses `Result` unqualified"),
];

/// Suffixes of the types the generator names after operations and shapes (`<Op>Input`,
/// `<Op>InputBuilder`, `<Op>Output`): no shape name may end with one.
pub const SHAPE_TYPE_SUFFIXES: &[Entry] = &[
    ("Input", "operation inputs are `<Operation>Input`"),
    ("Output", "operation outputs are `<Operation>Output`"),
    ("Builder", "input builders are `<Operation>InputBuilder`"),
];

/// Names `operation/mod.rs` declares or reaches by path besides one module per operation:
/// no operation's module may take one.
pub const OPERATION_MODULES: &[Entry] = &[
    ("std", "the `std` crate"),
    ("core", "the `core` crate"),
    ("alloc", "the `alloc` crate"),
    ("serde", "the `serde` crate generated code uses"),
    ("yun_runtime", "the `yun_runtime` crate generated code uses"),
];

/// Module `operation/mod.rs` declares in a crate with `service.dry_run`.
pub const DRY_RUN_OPERATION_MODULES: &[Entry] = &[("sealed", "the private `sealed` module of `DryRunInput`")];

/// Types `operation/mod.rs` declares in a crate with `service.dry_run`, besides each
/// operation's input, builder and output.
pub const DRY_RUN_OPERATION_TYPES: &[Entry] = &[("DryRunInput", "the trait `DryRunInput`")];

/// The Client methods of a service: the fixed ones of every crate and those of its protocol
/// and dry-run parameter.
pub fn client_methods(protocol: Protocol, dry_run: bool) -> Vec<Entry> {
    let mut out = CLIENT_METHODS.to_vec();
    if protocol.facts().kingsoft_keys {
        out.extend_from_slice(KSYUN_CLIENT_METHODS);
    }
    if dry_run {
        out.extend_from_slice(DRY_RUN_CLIENT_METHODS);
    }
    out
}

/// Which members a field belongs to, for [`member_fields`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MemberScope {
    /// An operation's input (fields of the input and of its builder, which has a setter
    /// `<field>` and a setter `set_<field>` per member).
    Input,
    /// An operation's output.
    Output,
    /// A structure of `types.rs` (a setter `<field>` per member).
    Structure,
}

impl MemberScope {
    /// The names the generator defines in the scope that a member's field or setter could take.
    pub fn reserved(self) -> &'static [Entry] {
        match self {
            Self::Input => BUILDER_METHODS,
            Self::Output => OUTPUT_FIELDS,
            Self::Structure => STRUCTURE_METHODS,
        }
    }
}

/// The Rust field names of `wires` (a scope's member keys, in order): [`names::field_name`],
/// with a `_` appended when it would be a name the generator defines in `scope` (see the
/// module docs), or, in an input, `set_` followed by another member's field.
pub fn member_fields<'a>(scope: MemberScope, wires: impl IntoIterator<Item = &'a str>) -> Vec<String> {
    let natural: Vec<String> = wires.into_iter().map(names::field_name).collect();
    natural
        .iter()
        .map(|field| {
            let fixed = scope.reserved().iter().any(|(name, _)| name == field);
            let setter = scope == MemberScope::Input
                && field.strip_prefix(SETTER_PREFIX).is_some_and(|rest| natural.iter().any(|other| other == rest));
            if fixed || setter {
                format!("{field}_")
            } else {
                field.clone()
            }
        })
        .collect()
}

/// The field of member `wire` among `members` (see [`member_fields`]); `None` if it is not one.
pub fn member_field(scope: MemberScope, members: &UniqueMap<Member>, wire: &str) -> Option<String> {
    let index = members.get_index_of(wire)?;
    member_fields(scope, members.keys().map(String::as_str)).into_iter().nth(index)
}

/// A name of the spec that collides with a name the generator defines.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Collision {
    /// YAML path of the spec's name (`["operations", "New"]`).
    pub path: Vec<String>,
    /// What collides with what, and what to do.
    pub message: String,
}

impl Collision {
    fn new(path: &[&str], message: String) -> Self {
        Self { path: path.iter().map(|s| (*s).to_owned()).collect(), message }
    }

    /// The path joined with `.` (`operations.New`).
    pub fn yaml_path(&self) -> String {
        self.path.join(".")
    }
}

/// Every name of `spec` that collides with a name the generator defines (see the module
/// docs), with the YAML path of the spec's name. Never panics, on an invalid spec too.
pub fn collisions(spec: &Spec) -> Vec<Collision> {
    let mut found = Vec::new();
    client(spec, &mut found);
    operation_index(spec, &mut found);
    shapes(spec, &mut found);
    for (name, op) in spec.operations.iter() {
        members(&["operations", name, "input"], MemberScope::Input, &op.input, &mut found);
        members(&["operations", name, "output"], MemberScope::Output, &op.output, &mut found);
    }
    for (name, shape) in spec.shapes.iter() {
        if let Some(m) = &shape.members {
            members(&["shapes", name, "members"], MemberScope::Structure, m, &mut found);
        }
    }
    found
}

/// `Client` methods: the fixed ones, each operation's, paginator's and waiter's.
fn client(spec: &Spec, found: &mut Vec<Collision>) {
    let fixed = client_methods(spec.service.protocol, spec.service.dry_run.is_some());
    // Method → (what defines it, whether an operation's own method), first come first
    // served: fixed, operations, paginators, waiters.
    let mut taken: BTreeMap<String, (String, bool)> = fixed.iter().map(|(n, why)| ((*n).to_owned(), ((*why).to_owned(), false))).collect();
    let mut claim = |methods: Vec<String>, what: String, operation: bool| -> Option<String> {
        for method in &methods {
            if let Some((other, other_operation)) = taken.get(method) {
                // Two operations with one method: the validator reports it.
                if operation && *other_operation {
                    return None;
                }
                return Some(format!("{what} becomes the client method `{method}`, which is {other}"));
            }
        }
        for method in methods {
            taken.insert(method, (what.clone(), operation));
        }
        None
    };
    let rename = |key: &str| format!(": give the operation another key and keep the wire name with `action: {key}`");
    for (key, _) in spec.operations.iter() {
        if let Some(message) = claim(vec![names::module_name(key)], format!("operation `{key}`"), true) {
            found.push(Collision::new(&["operations", key], message + &rename(key)));
        }
    }
    for (key, op) in spec.operations.iter() {
        if op.paginator.is_some() {
            let method = paginator_method(&names::module_name(key));
            if let Some(message) = claim(vec![method], format!("the paginator of `{key}`"), false) {
                found.push(Collision::new(&["operations", key, "paginator"], message + &rename(key)));
            }
        }
    }
    for (name, _) in spec.waiters.iter() {
        let methods = waiter_methods(name).to_vec();
        if let Some(message) = claim(methods, format!("waiter `{name}`"), false) {
            found.push(Collision::new(&["waiters", name], message + ": rename the waiter"));
        }
    }
}

/// `operation/mod.rs`: one module and three types per operation, and the dry-run items.
fn operation_index(spec: &Spec, found: &mut Vec<Collision>) {
    let dry_run = spec.service.dry_run.is_some();
    let modules: Vec<Entry> = OPERATION_MODULES.iter().chain(if dry_run { DRY_RUN_OPERATION_MODULES } else { &[] }).copied().collect();
    let types: &[Entry] = if dry_run { DRY_RUN_OPERATION_TYPES } else { &[] };
    let mut type_owner: BTreeMap<String, String> = BTreeMap::new();
    for (key, _) in spec.operations.iter() {
        let at = ["operations", key.as_str()];
        let hint = format!(": give the operation another key and keep the wire name with `action: {key}`");
        let module = names::module_name(key);
        if let Some((_, why)) = modules.iter().find(|(n, _)| *n == module) {
            found.push(Collision::new(&at, format!("operation `{key}` becomes the module `operation::{module}`, which is {why}{hint}")));
        }
        let base = names::type_name(key);
        for ty in [format!("{base}Input"), format!("{base}InputBuilder"), format!("{base}Output")] {
            if let Some((_, why)) = types.iter().find(|(n, _)| *n == ty) {
                found.push(Collision::new(&at, format!("operation `{key}` defines the type `operation::{ty}`, which is {why}{hint}")));
            }
            match type_owner.get(&ty) {
                // Same module name: the validator reports the operations' clash already.
                Some(other) if names::module_name(other) != module => {
                    found.push(Collision::new(&at, format!("operations `{other}` and `{key}` both define the type `operation::{ty}`")));
                }
                Some(_) => {}
                None => {
                    type_owner.insert(ty, key.clone());
                }
            }
        }
    }
}

/// Shape type names against `types.rs`'s names and the generator's suffixes.
fn shapes(spec: &Spec, found: &mut Vec<Collision>) {
    for (name, _) in spec.shapes.iter() {
        let rust = names::type_name(name);
        let at = ["shapes", name.as_str()];
        if let Some((_, why)) = SHAPE_TYPE_NAMES.iter().find(|(n, _)| *n == rust) {
            found.push(Collision::new(
                &at,
                format!("shape `{name}` becomes the type `{rust}`, a name the generated crate already uses ({why}): rename the shape"),
            ));
        } else if let Some((suffix, why)) = SHAPE_TYPE_SUFFIXES.iter().find(|(s, _)| rust.ends_with(s)) {
            found.push(Collision::new(
                &at,
                format!("shape `{name}` becomes the type `{rust}`, ending in `{suffix}`, which the generator reserves ({why}): rename the shape"),
            ));
        }
    }
}

/// What still collides in a scope after [`member_fields`] renamed what it could.
fn members(path: &[&str], scope: MemberScope, members: &UniqueMap<Member>, found: &mut Vec<Collision>) {
    let fields = member_fields(scope, members.keys().map(String::as_str));
    // Name → (member wire name, how it is used); fixed names have no member.
    let mut taken: BTreeMap<String, (Option<&str>, &str)> =
        scope.reserved().iter().map(|(n, why)| ((*n).to_owned(), (None, *why))).collect();
    for ((wire, _), field) in members.iter().zip(&fields) {
        let mut names = vec![(field.clone(), "field")];
        // Two members with the same field (the validator reports it) have the same setters too.
        let same_field = matches!(taken.get(field), Some((Some(_), "field")));
        if scope == MemberScope::Input && !same_field {
            names.push((format!("{SETTER_PREFIX}{field}"), "setter"));
        }
        for (name, role) in names {
            match taken.get(&name) {
                Some((Some(_), "field")) if role == "field" => {}
                Some((other, what)) => {
                    let other = match other {
                        Some(o) => format!("the {what} of member `{o}`"),
                        None => (*what).to_owned(),
                    };
                    let here: Vec<&str> = path.iter().copied().chain([wire.as_str()]).collect();
                    found.push(Collision::new(&here, format!("member `{wire}` has the {role} `{name}`, which is also {other}")));
                }
                None => {
                    taken.insert(name, (Some(wire), role));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    const HEAD: &str = r#"
service:
  provider: ksyun
  name: kec
  title: T
  crate: t
  api_version: "2016-03-04"
  protocol: ksyun-query
  signing: [aws4-hmac-sha256]
  endpoint: "kec.{region}.api.ksyun.com"
  dry_run: {member: DryRun, code: DryRunOperation}
  docs: T.
  sources: {document: none.txt}
"#;

    fn spec(body: &str) -> Spec {
        crate::load::load_str(Path::new("t.yaml"), format!("{HEAD}{body}")).unwrap().spec
    }

    fn found(body: &str) -> Vec<(String, String)> {
        collisions(&spec(body)).into_iter().map(|c| (c.yaml_path(), c.message)).collect()
    }

    const OP: &str = "docs: d\n    source: {doc: none.txt, line: 1}\n    http: {method: POST, path: /}";

    #[test]
    fn operations_taking_client_methods_are_rejected_with_both_names() {
        let body = format!("operations:\n  New:\n    {OP}\n  Config:\n    {OP}\n  Endpoint:\n    {OP}\n  DryRun:\n    {OP}\n  Sealed:\n    {OP}\n  Fine:\n    {OP}\n");
        let found = found(&body);
        let at = |p: &str| found.iter().filter(|(path, _)| path == p).map(|(_, m)| m.clone()).collect::<Vec<_>>();
        assert!(at("operations.New")[0].contains("operation `New` becomes the client method `new`, which is `Client::new`"), "{found:?}");
        assert!(at("operations.New")[0].contains("`action: New`"), "{found:?}");
        assert!(at("operations.Config")[0].contains("`Client::config`"), "{found:?}");
        assert!(at("operations.Endpoint")[0].contains("`Client::endpoint`"), "{found:?}");
        let dry = at("operations.DryRun").join("\n");
        assert!(
            dry.contains("`Client::dry_run`") && dry.contains("`operation::DryRunInput`, which is the trait `DryRunInput`"),
            "{found:?}"
        );
        assert!(at("operations.Sealed")[0].contains("module `operation::sealed`"), "{found:?}");
        assert!(at("operations.Fine").is_empty(), "{found:?}");
    }

    #[test]
    fn paginator_and_waiter_methods_are_checked() {
        let body = format!(
            "operations:\n  ListA:\n    {OP}\n    input: {{Page: {{type: integer}}}}\n    output: {{Items: {{type: list<string>}}, S: {{type: string}}}}\n    paginator: {{kind: page-number, input: Page, items: Items}}\n  ListAPaginator:\n    {OP}\n  WaitUntilUp:\n    {OP}\nwaiters:\n  up:\n    docs: d\n    operation: ListA\n    state: S\n    success: [x]\n"
        );
        let found = found(&body);
        assert!(
            found
                .iter()
                .any(|(p, m)| p == "operations.ListA.paginator" && m.contains("`list_a_paginator`, which is operation `ListAPaginator`")),
            "{found:?}"
        );
        assert!(
            found.iter().any(|(p, m)| p == "waiters.up" && m.contains("`wait_until_up`, which is operation `WaitUntilUp`")),
            "{found:?}"
        );
    }

    #[test]
    fn snake_names_never_hold_a_double_underscore() {
        assert_eq!(paginator_method("mod_"), "mod_paginator");
        assert_eq!(paginator_method("list_a"), "list_a_paginator");
        assert_eq!(waiter_methods("match_"), ["wait_until_match_", "wait_until_match_with"]);
        let body = format!("operations:\n  A:\n    {OP}\n    output: {{S: {{type: string}}}}\nwaiters:\n  match_: {{docs: d, operation: A, state: S, success: [x]}}\n  match_with: {{docs: d, operation: A, state: S, success: [x]}}\n");
        let found = found(&body);
        assert!(
            found.iter().any(|(p, m)| p == "waiters.match_with" && m.contains("`wait_until_match_with`, which is waiter `match_`")),
            "{found:?}"
        );
    }

    #[test]
    fn shapes_taking_imported_or_generated_names_are_rejected() {
        let body = "operations: {}\nshapes:\n  Params: {type: structure, docs: d, members: {}}\n  option: {type: enum, docs: d, values: {a: a}}\n  FooBuilder: {type: structure, docs: d, members: {}}\n  Fine: {type: structure, docs: d, members: {}}\n";
        let found = found(body);
        assert_eq!(found.len(), 3, "{found:?}");
        assert!(found[0].0 == "shapes.Params" && found[0].1.contains("imports `yun_runtime::operation::params::Params`"), "{found:?}");
        assert!(found[1].0 == "shapes.option" && found[1].1.contains("the type `Option`"), "{found:?}");
        assert!(found[2].1.contains("ending in `Builder`"), "{found:?}");
    }

    #[test]
    fn members_taking_generated_names_are_renamed() {
        let wires = ["Build", "Default", "Name", "SetName", "Type", "Answer", "CheckMembers"];
        assert_eq!(
            member_fields(MemberScope::Input, wires),
            ["build_", "default_", "name", "set_name_", "type_", "answer", "check_members"]
        );
        assert_eq!(
            member_fields(MemberScope::Output, wires),
            ["build", "default", "name", "set_name", "type_", "answer_", "check_members"]
        );
        assert_eq!(
            member_fields(MemberScope::Structure, wires),
            ["build", "default_", "name", "set_name", "type_", "answer", "check_members_"]
        );
        let body = format!("operations:\n  A:\n    {OP}\n    input: {{Build: {{type: string}}, Default: {{type: string}}, Name: {{type: string}}, SetName: {{type: string}}}}\n");
        assert!(found(&body).is_empty(), "{:?}", found(&body));
    }

    #[test]
    fn members_with_one_field_are_left_to_the_validator() {
        let body = format!("operations:\n  A:\n    {OP}\n    input: {{InstanceId: {{type: string}}, instance_id: {{type: string}}}}\n");
        assert!(found(&body).is_empty(), "{:?}", found(&body));
    }

    #[test]
    fn what_renaming_cannot_settle_is_rejected() {
        let body = format!(
            "operations:\n  A:\n    {OP}\n    input: {{Name: {{type: string}}, SetName: {{type: string}}, SetSetName: {{type: string}}}}\n"
        );
        let found = found(&body);
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, "operations.A.input.SetSetName");
        assert!(
            found[0].1.contains("member `SetSetName` has the field `set_set_name_`, which is also the setter of member `SetName`"),
            "{found:?}"
        );
    }
}

/// The emitters define no name this table does not list: a crate using every feature is
/// generated and each name its files define in a scope of the table is checked.
#[cfg(test)]
mod emitters_use_the_table {
    use std::collections::BTreeSet;
    use std::path::Path;

    use super::*;

    const SPEC: &str = r#"
service:
  provider: ksyun
  name: kec
  title: T
  crate: t
  api_version: "2016-03-04"
  protocol: ksyun-query
  signing: [aws4-hmac-sha256]
  endpoint: "kec.{region}.api.ksyun.com"
  dry_run: {member: DryRun, code: DryRunOperation}
  docs: T.
  sources: {document: none.txt}
shapes:
  State: {type: enum, docs: d, values: {on: on, Err: e, Unknown: u}}
  Thing:
    type: structure
    docs: d
    members:
      Name: {type: string, length: {min: 1}, aliases: [name]}
      Secret: {type: string, sensitive: true}
      Next: {type: Thing}
      Default: {type: string}
operations:
  ListThings:
    docs: d
    source: {doc: none.txt, line: 1}
    http: {method: POST, path: /}
    one_of: [[A], [B]]
    input:
      Page: {type: integer}
      A: {type: string}
      B: {type: Thing}
      Build: {type: string}
      SetA: {type: string}
    output:
      Things: {type: list<Thing>}
      State: {type: State}
      RequestId: {type: string, aliases: [requestId]}
      Answer: {type: string}
    paginator: {kind: page-number, input: Page, items: Things}
waiters:
  thing_on: {docs: d, operation: ListThings, state: State, success: ["on"]}
  answered: {docs: d, operation: ListThings, state: Answer, success: ["yes"]}
"#;

    fn names_of(set: impl IntoIterator<Item = impl ToString>) -> BTreeSet<String> {
        set.into_iter().map(|s| s.to_string()).collect()
    }

    fn entries(table: &[Entry]) -> BTreeSet<String> {
        names_of(table.iter().map(|(n, _)| n))
    }

    /// `(self type, method names)` of each inherent impl of a file.
    fn impls(file: &syn::File) -> Vec<(String, Vec<String>)> {
        file.items
            .iter()
            .filter_map(|item| match item {
                syn::Item::Impl(i) if i.trait_.is_none() => {
                    let ty = match &*i.self_ty {
                        syn::Type::Path(p) => p.path.segments.last()?.ident.to_string(),
                        _ => return None,
                    };
                    let fns = i.items.iter().filter_map(|it| match it {
                        syn::ImplItem::Fn(f) => Some(f.sig.ident.to_string()),
                        _ => None,
                    });
                    Some((ty, fns.collect()))
                }
                _ => None,
            })
            .collect()
    }

    fn use_names(file: &syn::File) -> BTreeSet<String> {
        fn walk(tree: &syn::UseTree, out: &mut BTreeSet<String>) {
            match tree {
                syn::UseTree::Path(p) => walk(&p.tree, out),
                syn::UseTree::Name(n) => {
                    out.insert(n.ident.to_string());
                }
                syn::UseTree::Rename(r) => {
                    out.insert(r.rename.to_string());
                }
                syn::UseTree::Group(g) => g.items.iter().for_each(|t| walk(t, out)),
                syn::UseTree::Glob(_) => {}
            }
        }
        let mut out = BTreeSet::new();
        for item in &file.items {
            if let syn::Item::Use(u) = item {
                walk(&u.tree, &mut out);
            }
        }
        out
    }

    /// The names of a file's items (types, traits, functions, constants, modules…), not
    /// counting impls, imports and macro calls.
    fn item_names(file: &syn::File) -> BTreeSet<String> {
        names_of(file.items.iter().filter_map(|item| match item {
            syn::Item::Struct(i) => Some(i.ident.to_string()),
            syn::Item::Enum(i) => Some(i.ident.to_string()),
            syn::Item::Union(i) => Some(i.ident.to_string()),
            syn::Item::Trait(i) => Some(i.ident.to_string()),
            syn::Item::Type(i) => Some(i.ident.to_string()),
            syn::Item::Const(i) => Some(i.ident.to_string()),
            syn::Item::Static(i) => Some(i.ident.to_string()),
            syn::Item::Fn(i) => Some(i.sig.ident.to_string()),
            syn::Item::Mod(i) => Some(i.ident.to_string()),
            _ => None,
        }))
    }

    fn outside(defined: &BTreeSet<String>, allowed: &BTreeSet<String>) -> Vec<String> {
        defined.difference(allowed).cloned().collect()
    }

    #[test]
    fn every_generated_name_is_the_specs_or_listed() {
        let loaded = crate::load::load_str(Path::new("t.yaml"), SPEC.to_owned()).unwrap();
        crate::validate::validate(&loaded).unwrap();
        assert!(collisions(&loaded.spec).is_empty());
        let service = crate::ir::resolve(&loaded);
        let files = crate::emit::emit(&service, "t.yaml").unwrap();
        let parse = |path: &str| -> syn::File {
            let file = files.iter().find(|f| f.path == Path::new(path)).unwrap_or_else(|| panic!("no {path}"));
            syn::parse_file(&file.contents).unwrap()
        };
        let op = &service.operations[0];

        // Client methods.
        let mut allowed = names_of(client_methods(service.protocol, service.dry_run.is_some()).iter().map(|(n, _)| n));
        allowed.insert(op.fn_name.clone());
        allowed.insert(paginator_method(&op.fn_name));
        allowed.extend(service.waiters.iter().flat_map(|w| waiter_methods(&w.name)));
        let client = impls(&parse("src/client.rs"));
        let defined = names_of(client.iter().filter(|(t, _)| t == "Client").flat_map(|(_, f)| f.clone()));
        assert!(defined.contains("dry_run") && defined.contains("list_things_paginator"), "{defined:?}");
        assert_eq!(outside(&defined, &allowed), Vec::<String>::new(), "Client");

        // The operation's module: imports, builder, input and output methods, output fields.
        let module = parse(&format!("src/operation/{}.rs", op.fn_name));
        assert_eq!(outside(&use_names(&module), &names_of(OPERATION_IMPORTS)), Vec::<String>::new(), "imports");
        let fields: BTreeSet<String> = names_of(op.input.iter().map(|f| &f.name));
        assert!(fields.contains("build_") && fields.contains("set_a_"), "{fields:?}");
        let mut builder_allowed = entries(BUILDER_METHODS);
        builder_allowed.extend(fields.iter().flat_map(|f| [f.clone(), format!("{SETTER_PREFIX}{f}")]));
        for (ty, fns) in impls(&module) {
            let defined = names_of(fns);
            let allowed = if ty == format!("{}Builder", op.input_name) {
                builder_allowed.clone()
            } else if ty == op.input_name {
                names_of(INPUT_METHODS)
            } else if ty == op.output_name {
                names_of(OUTPUT_METHODS)
            } else {
                panic!("an impl of {ty} the table does not know");
            };
            assert_eq!(outside(&defined, &allowed), Vec::<String>::new(), "{ty}");
        }
        let output_fields: BTreeSet<String> = module
            .items
            .iter()
            .filter_map(|i| match i {
                syn::Item::Struct(s) if s.ident == op.output_name => {
                    Some(s.fields.iter().filter_map(|f| f.ident.as_ref().map(ToString::to_string)).collect::<Vec<_>>())
                }
                _ => None,
            })
            .flatten()
            .collect();
        let mut allowed = entries(OUTPUT_FIELDS);
        allowed.extend(op.output.iter().map(|f| f.name.clone()));
        assert!(output_fields.contains("answer_") && output_fields.contains("answer"), "{output_fields:?}");
        assert_eq!(outside(&output_fields, &allowed), Vec::<String>::new(), "output fields");

        // types.rs: imports, types, structure methods.
        let types = parse("src/types.rs");
        assert_eq!(outside(&use_names(&types), &entries(SHAPE_TYPE_NAMES)), Vec::<String>::new(), "types.rs imports");
        let shapes = names_of(service.shapes.iter().map(|s| &s.name));
        assert_eq!(outside(&item_names(&types), &shapes), Vec::<String>::new(), "types.rs items");
        for shape in &service.shapes {
            let crate::ir::ShapeKind::Struct(fields) = &shape.kind else { continue };
            let mut allowed = entries(STRUCTURE_METHODS);
            allowed.extend(fields.iter().map(|f| f.name.clone()));
            assert!(allowed.contains("default_"));
            let defined = names_of(impls(&types).into_iter().filter(|(t, _)| *t == shape.name).flat_map(|(_, f)| f));
            assert!(defined.contains("check_members"), "{defined:?}");
            assert_eq!(outside(&defined, &allowed), Vec::<String>::new(), "{}", shape.name);
        }

        // operation/mod.rs: modules and traits.
        let index = parse("src/operation/mod.rs");
        let mut modules = entries(DRY_RUN_OPERATION_MODULES);
        modules.insert(op.fn_name.clone());
        modules.extend(entries(DRY_RUN_OPERATION_TYPES));
        assert_eq!(outside(&item_names(&index), &modules), Vec::<String>::new(), "operation/mod.rs items");
        // Each operation's module defines its input, builder, output (and their helpers) only.
        let own = names_of([op.input_name.clone(), format!("{}Builder", op.input_name), op.output_name.clone()]);
        assert_eq!(outside(&item_names(&module), &own), Vec::<String>::new(), "operation module items");

        // A path through a renamed member reads the renamed field.
        let waiters = files.iter().find(|f| f.path == Path::new("src/waiters.rs")).unwrap();
        assert!(waiters.contents.contains(".filter_map(|v| v.answer_.as_ref())"), "{}", waiters.contents);

        // Enum variants: the reserved spellings are renamed.
        let variants = names_of(
            types
                .items
                .iter()
                .filter_map(|i| match i {
                    syn::Item::Enum(e) if e.ident == "State" => Some(e.variants.iter().map(|v| v.ident.to_string()).collect::<Vec<_>>()),
                    _ => None,
                })
                .flatten(),
        );
        assert_eq!(variants, names_of(["On", "ErrValue", "UnknownValue", "Unknown"]));
    }
}
