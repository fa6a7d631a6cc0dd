//! Spec → IR: Rust names, Rust types, defaults and documentation text.

use crate::load::LoadedSpec;
use crate::names;
use crate::reserved::{self, MemberScope};
use crate::spec::{
    self, member_path, Absent, Encoding, HttpMethod, Location, Member, Protocol, ShapeKind as SpecKind, TypeExpr, UniqueMap,
};

use super::{DryRun, ErrorCode, Field, Operation, Paginator, PathStep, RustType, Service, Shape, ShapeKind, Variant, Waiter};

/// Whether an operation the spec does not mark is read-only, by its protocol's rule
/// ([`crate::protocol::ReadOnlyRule`]: a REST `GET`; an RPC or query action named
/// `Describe…`, `List…`, `Query…` or `Get…`).
pub fn read_only_by_default(protocol: Protocol, method: HttpMethod, action: &str) -> bool {
    protocol.facts().read_only_by_default(method, action)
}

/// Resolves a validated spec. Call [`crate::validate::validate`] first: a type reference
/// that does not resolve here becomes a plain string type rather than a panic.
pub fn resolve(loaded: &LoadedSpec) -> Service {
    let spec = &loaded.spec;
    let service = &spec.service;
    let mut shapes: Vec<Shape> = spec
        .shapes
        .iter()
        .map(|(name, shape)| Shape {
            name: names::type_name(name),
            docs: doc_text(&shape.docs),
            case_insensitive: shape.case_insensitive,
            kind: match shape.kind {
                SpecKind::Enum => ShapeKind::Enum(
                    shape
                        .values
                        .iter()
                        .flat_map(|v| v.iter())
                        .map(|(value, docs)| Variant { name: names::variant_name(value), value: value.clone(), docs: doc_text(docs) })
                        .collect(),
                ),
                SpecKind::Structure => ShapeKind::Struct(members(
                    spec,
                    shape.members.as_ref().unwrap_or(&UniqueMap::default()),
                    MemberScope::Structure,
                    Location::Query,
                )),
            },
        })
        .collect();
    super::cycles::box_cycles(&mut shapes);

    let mut errors: Vec<ErrorCode> = Vec::new();
    let mut seen: std::collections::HashSet<String> = std::collections::HashSet::new();
    let mut add_error = |e: &spec::ErrorDef| {
        if seen.insert(e.code.clone()) {
            errors.push(ErrorCode {
                name: names::variant_name(&e.code.replace('.', "_")),
                code: e.code.clone(),
                docs: doc_text(e.docs.as_deref().unwrap_or_default()),
            });
        }
    };
    spec.errors.iter().for_each(&mut add_error);
    for op in spec.operations.values() {
        op.errors.iter().for_each(&mut add_error);
    }

    let mut operations: Vec<Operation> = spec
        .operations
        .iter()
        .map(|(action, op)| {
            // REST sends what is not in the path in the JSON body when there is one; the
            // query protocols default to the query string.
            let default_location = service.protocol.facts().default_location(op.http.method);
            let json_body = default_location == Location::Body;
            Operation {
                action: op.action.clone().unwrap_or_else(|| action.clone()),
                fn_name: names::module_name(action),
                input_name: format!("{}Input", names::type_name(action)),
                output_name: format!("{}Output", names::type_name(action)),
                docs: doc_text(&op.docs),
                method: op.http.method,
                path: op.http.path.clone(),
                json_body,
                body_wrapper: op.http.body_wrapper.clone(),
                read_only: op
                    .read_only
                    .unwrap_or_else(|| read_only_by_default(service.protocol, op.http.method, op.action.as_deref().unwrap_or(action))),
                input: members(spec, &op.input, MemberScope::Input, default_location),
                one_of: field_groups(op, &op.one_of),
                at_least_one_of: field_groups(op, &op.at_least_one_of),
                output: members(spec, &op.output, MemberScope::Output, Location::Query),
                errors: op.errors.iter().map(|e| e.code.clone()).collect(),
                paginator: op.paginator.as_ref().and_then(|p| paginator(spec, op, p, default_location)),
                deprecated: op.deprecated,
                anonymous: op.anonymous,
                sensitive_input: false,
                idempotent: false,
                sensitive_output: false,
            }
        })
        .collect();
    let (checked_structures, secret_structures) = super::facts::structure_facts(&shapes, &operations);
    let json_structures = super::facts::json_structures(&shapes, &operations);
    let input_structures = super::facts::input_structures(&shapes, &operations);
    for op in &mut operations {
        op.idempotent = op.read_only || op.input.iter().any(|f| f.idempotency_token);
        op.sensitive_output = op.output.iter().any(|f| f.holds_secret(&secret_structures));
        op.sensitive_input = op.input.iter().any(|f| f.holds_secret(&secret_structures));
    }

    Service {
        crate_dir: service.crate_name.clone(),
        version: service.version.clone(),
        package: format!("yun-{}", service.crate_name),
        provider: service.provider,
        product: service.name.clone(),
        title: service.title.trim().to_owned(),
        docs: doc_text(&service.docs),
        api_version: service.api_version.clone(),
        protocol: service.protocol,
        signing: service.signing.clone(),
        endpoint: service.endpoint.clone(),
        global_endpoint: service.global_endpoint.clone(),
        signing_name: service.signing_name.clone().unwrap_or_else(|| service.name.clone()),
        dry_run: service.dry_run.as_ref().map(|d| DryRun { member: d.member.clone(), code: d.code.clone(), http_status: d.http_status }),
        regions: service.regions.clone(),
        endpoints: service.endpoints.iter().map(|(region, host)| (region.clone(), host.clone())).collect(),
        document: service.sources.document.clone(),
        sdk: service.sources.sdk.clone(),
        shapes,
        operations,
        errors,
        waiters: spec.waiters.iter().filter_map(|(name, w)| waiter(spec, name, w)).collect(),
        checked_structures,
        secret_structures,
        resources: super::resources::resolve_resources(loaded),
        json_structures,
        input_structures,
    }
}

/// Rust fields along a validated output path (`None` if it does not resolve).
fn path(spec: &spec::Spec, members: &UniqueMap<Member>, wire: &str) -> Option<(Vec<PathStep>, RustType)> {
    let steps = member_path::resolve(spec, members, wire).ok()?;
    let last = steps.last()?;
    let ty = rust_type(spec, last.item_type());
    // Each step's field is spelled among the members holding it: the output's first, then
    // the structure the step before names.
    let mut scope = (MemberScope::Output, members);
    let mut fields = Vec::with_capacity(steps.len());
    for s in &steps {
        let field = reserved::member_field(scope.0, scope.1, s.wire).unwrap_or_else(|| names::field_name(s.wire));
        fields.push(PathStep { field, list: s.is_list() });
        if let Some(next) = s.item_type().named().and_then(|n| spec.shapes.get(n)).and_then(|shape| shape.members.as_ref()) {
            scope = (MemberScope::Structure, next);
        }
    }
    Some((fields, ty))
}

fn paginator(spec: &spec::Spec, op: &spec::Operation, p: &spec::Paginator, default_location: Location) -> Option<Paginator> {
    let input_field = |wire: &str| {
        let name = reserved::member_field(MemberScope::Input, &op.input, wire)?;
        op.input.get(wire).map(|m| field(spec, name, wire, m, default_location))
    };
    let (items, item_type) = path(spec, &op.output, &p.items)?;
    let total = p.total.as_deref().and_then(|t| path(spec, &op.output, t));
    Some(Paginator {
        kind: p.kind,
        input: input_field(&p.input)?,
        page_size: p.page_size.as_deref().and_then(input_field),
        items,
        item_type,
        items_wire: p.items.clone(),
        next: p.next.as_deref().and_then(|n| path(spec, &op.output, n)).map(|(s, _)| s).unwrap_or_default(),
        total: total.as_ref().map(|(s, _)| s.clone()).unwrap_or_default(),
        total_type: total.map(|(_, ty)| ty),
        done_when: p.done_when.clone(),
    })
}

fn waiter(spec: &spec::Spec, name: &str, w: &spec::Waiter) -> Option<Waiter> {
    let op = spec.operations.get(&w.operation)?;
    let (state, _) = path(spec, &op.output, &w.state)?;
    Some(Waiter {
        name: name.to_owned(),
        docs: doc_text(&w.docs),
        operation_fn: names::module_name(&w.operation),
        operation_deprecated: op.deprecated,
        input_name: format!("{}Input", names::type_name(&w.operation)),
        output_name: format!("{}Output", names::type_name(&w.operation)),
        state,
        state_wire: w.state.clone(),
        success: w.success.clone(),
        failure: w.failure.clone(),
        when_absent: w.when_absent.unwrap_or(Absent::Retry),
        delay: w.delay.unwrap_or(5),
        max_delay: w.max_delay.unwrap_or(60),
        max_wait: w.max_wait.unwrap_or(600),
    })
}

/// The fields of `members`, named in `scope` (see [`reserved::member_fields`]).
fn members(spec: &spec::Spec, members: &UniqueMap<Member>, scope: MemberScope, default_location: Location) -> Vec<Field> {
    let names = reserved::member_fields(scope, members.keys().map(String::as_str));
    members.iter().zip(names).map(|((wire, m), name)| field(spec, name, wire, m, default_location)).collect()
}

/// The field `name` for member `wire`.
fn field(spec: &spec::Spec, name: String, wire: &str, member: &Member, default_location: Location) -> Field {
    let ty = TypeExpr::parse(&member.ty).map(|t| rust_type(spec, &t)).unwrap_or(RustType::Scalar(spec::Scalar::String));
    let items = match (member.min_items, member.max_items) {
        (None, None) => None,
        (min, max) => Some(spec::Bounds { min: min.map(i64::from), max: max.map(i64::from) }),
    };
    let encoding = member.encoding.unwrap_or(Encoding::Flat);
    let mut notes = Vec::new();
    if let Some(default) = &member.default {
        let shown = match default {
            serde_json::Value::String(s) => s.clone(),
            other => other.to_string(),
        };
        notes.push(format!("Default: `{shown}`."));
    }
    if let Some(b) = member.range {
        notes.push(format!("Range: {}.", bounds_text(b, "")));
    }
    if let Some(b) = member.length {
        notes.push(format!("Length: {}.", bounds_text(b, " characters")));
    }
    if let Some(b) = items {
        notes.push(format!("Items: {}.", bounds_text(b, "")));
    }
    if let Some(allowed) = &member.allowed {
        let shown: Vec<String> = allowed.iter().map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned)).collect();
        notes.push(format!("Allowed: {}.", shown.join(", ")));
    }
    if let Some(p) = &member.pattern {
        notes.push(format!("Pattern: `{p}`."));
    }
    if member.encoding == Some(Encoding::Json) {
        notes.push("Sent as one parameter holding a JSON array.".to_owned());
    }
    if member.encoding == Some(Encoding::Csv) {
        notes.push("Sent as one comma-separated parameter.".to_owned());
    }
    if member.idempotency_token {
        notes.push("Idempotency token: a fresh UUID is used when it is not set.".to_owned());
    }
    notes.push(format!("Wire name: `{wire}`."));
    let mut docs = doc_text(member.docs.as_deref().unwrap_or_default());
    if !docs.is_empty() {
        docs.push_str("\n\n");
    }
    docs.push_str(&notes.join(" "));
    Field {
        name,
        wire: wire.to_owned(),
        ty,
        required: member.required,
        docs,
        range: member.range,
        length: member.length,
        items,
        allowed: member.allowed.clone().unwrap_or_default(),
        pattern: member.pattern.clone(),
        location: member.location.unwrap_or(default_location),
        encoding,
        sensitive: member.sensitive,
        idempotency_token: member.idempotency_token,
        deprecated: member.deprecated,
        aliases: member.aliases.clone(),
    }
}

/// Spec prose as rustdoc text: trimmed, with square brackets that are not a Markdown link
/// (`取值范围[10, 100]`) escaped so rustdoc does not take them for intra-doc links, and bare
/// URLs linked. Code (fenced blocks, `inline spans`) is left as written.
pub(crate) fn doc_text(text: &str) -> String {
    let mut out = Vec::new();
    // The fence that opened the code block we are in (```` ``` ```` or `~~~`, as long as written).
    let mut fence: Option<String> = None;
    for line in text.trim().lines() {
        let trimmed = line.trim_start();
        let marker: String = trimmed.chars().take_while(|c| *c == '`' || *c == '~').collect();
        let is_fence = marker.len() >= 3 && marker.chars().all(|c| c == marker.chars().next().unwrap_or('`'));
        if let Some(open) = &fence {
            if is_fence && marker.starts_with(open.as_str()) && trimmed[marker.len()..].trim().is_empty() {
                fence = None;
            }
            out.push(line.to_owned());
        } else if is_fence {
            out.push(opening_fence(line, &marker));
            fence = Some(marker);
        } else if line.matches('`').count() % 2 == 1 {
            // An unpaired backtick opens no code span: all of the line is text.
            out.push(prose(line));
        } else {
            // Odd segments between backticks are inline code.
            let parts: Vec<String> =
                line.split('`').enumerate().map(|(i, part)| if i % 2 == 1 { part.to_owned() } else { prose(part) }).collect();
            out.push(parts.join("`"));
        }
    }
    // A block the spec leaves open would take in what the generator appends (the member's
    // notes): closed here.
    if let Some(open) = fence {
        out.push(open);
    }
    out.join("\n")
}

/// The opening line of a code block from the spec: rustdoc would compile and run a block
/// without a language, or marked as Rust, as a doctest of the generated crate (and a spec's
/// example is not a Rust program of it), so such a block is marked `text`. Other languages
/// (`json`, `shell`, …) stay.
fn opening_fence(line: &str, marker: &str) -> String {
    let indent = &line[..line.len() - line.trim_start().len()];
    let info = line.trim_start()[marker.len()..].trim();
    let first = info.split([',', ' ']).next().unwrap_or_default();
    const RUSTDOC: &[&str] = &["rust", "ignore", "should_panic", "no_run", "compile_fail", "standalone_crate", "test_harness"];
    if first.is_empty() || RUSTDOC.contains(&first) || first.starts_with("edition") {
        format!("{indent}{marker}text")
    } else {
        line.to_owned()
    }
}

fn escape_brackets(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(open) = rest.find(['[', ']']) {
        out.push_str(&rest[..open]);
        let tail = &rest[open..];
        // A link: `[`, text without brackets, `](`. Looking no further than the next bracket
        // keeps this linear in the text, however many brackets it holds.
        let close = tail.starts_with('[').then(|| tail[1..].find(['[', ']']).map(|k| k + 1)).flatten();
        let link = close.is_some_and(|close| tail[close..].starts_with("]("));
        if let (true, Some(close)) = (link, close) {
            out.push_str(&tail[..=close]);
            rest = &tail[close + 1..];
        } else {
            out.push('\\');
            out.push_str(&tail[..1]);
            rest = &tail[1..];
        }
    }
    out.push_str(rest);
    out
}

/// Text outside code: bare URLs linked (their brackets untouched), brackets elsewhere escaped.
fn prose(text: &str) -> String {
    link_bare_urls(&escape_angles(text), escape_brackets)
}

/// `<` that does not open a URL in angle brackets (`<https://…>`) escaped: rustdoc would take
/// `<div>` or `<T>` in prose for an HTML tag (and warn that it is not closed).
fn escape_angles(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for (i, c) in text.char_indices() {
        if c == '<' && !(text[i + 1..].starts_with("http://") || text[i + 1..].starts_with("https://")) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// `see http://x/y .` → `see <http://x/y> .`: rustdoc wants bare URLs in angle brackets. A URL
/// ends at white space, a non-ASCII character or a quote; one inside `(…)` or `<…>` is left.
/// The text around the URLs goes through `other`.
fn link_bare_urls(text: &str, other: fn(&str) -> String) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut rest = text;
    // The next `http://` or `https://`: one search for `http` (two searches, each from here,
    // would scan the whole text again for every URL).
    let next_url = |text: &str| {
        let mut from = 0;
        while let Some(at) = text[from..].find("http") {
            let at = from + at;
            if text[at..].starts_with("http://") || text[at..].starts_with("https://") {
                return Some(at);
            }
            from = at + "http".len();
        }
        None
    };
    while let Some(start) = next_url(rest) {
        let (before, tail) = rest.split_at(start);
        out.push_str(&other(before));
        let end = tail.find(|c: char| c.is_whitespace() || !c.is_ascii() || matches!(c, '"' | '\'' | '<' | '>')).unwrap_or(tail.len());
        let url = tail[..end].trim_end_matches(['.', ',', ';', ')']);
        if before.ends_with(['(', '<']) || url.len() <= "https://".len() {
            out.push_str(&tail[..end]);
        } else {
            out.push('<');
            out.push_str(url);
            out.push('>');
            out.push_str(&tail[url.len()..end]);
        }
        rest = &tail[end..];
    }
    out.push_str(&other(rest));
    out
}

fn bounds_text(b: spec::Bounds, unit: &str) -> String {
    match (b.min, b.max) {
        (Some(min), Some(max)) => format!("{min} to {max}{unit}"),
        (Some(min), None) => format!("at least {min}{unit}"),
        (None, Some(max)) => format!("at most {max}{unit}"),
        (None, None) => "any".to_owned(),
    }
}

fn rust_type(spec: &spec::Spec, ty: &TypeExpr) -> RustType {
    match ty {
        TypeExpr::Scalar(s) => RustType::Scalar(*s),
        TypeExpr::List(t) => RustType::List(Box::new(rust_type(spec, t))),
        TypeExpr::Map(t) => RustType::Map(Box::new(rust_type(spec, t))),
        TypeExpr::Named(n) => match spec.shapes.get(n).map(|s| s.kind) {
            Some(SpecKind::Enum) => RustType::Enum(names::type_name(n)),
            Some(SpecKind::Structure) => RustType::Struct(names::type_name(n)),
            None => RustType::Scalar(spec::Scalar::String),
        },
    }
}

/// Groups of input members (`one_of`, `at_least_one_of`) as the builder's Rust field names.
fn field_groups(op: &spec::Operation, groups: &[Vec<String>]) -> Vec<Vec<String>> {
    groups
        .iter()
        .map(|g| {
            g.iter().map(|m| reserved::member_field(MemberScope::Input, &op.input, m).unwrap_or_else(|| names::field_name(m))).collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::doc_text;

    #[test]
    fn brackets_that_are_not_links_are_escaped() {
        assert_eq!(doc_text(" 取值范围[10, 100]。 "), "取值范围\\[10, 100\\]。");
        assert_eq!(doc_text("参考 [云主机状态](https://x/y) 与 [a]"), "参考 [云主机状态](https://x/y) 与 \\[a\\]");
        assert_eq!(doc_text("a]b[c"), "a\\]b\\[c");
        assert_eq!(
            doc_text("参考: http://e.org/ISO_8601（x See https://e.org/a ."),
            "参考: <http://e.org/ISO_8601>（x See <https://e.org/a> ."
        );
        assert_eq!(doc_text("[a](https://e.org/b) <https://e.org/c>"), "[a](https://e.org/b) <https://e.org/c>");
        assert_eq!(doc_text("`a[1]` b[2]\n```\nx[3]\n```"), "`a[1]` b\\[2\\]\n```text\nx[3]\n```");
        assert_eq!(doc_text("a ` b [y]"), "a ` b \\[y\\]", "an unpaired backtick opens no code span");
        assert_eq!(doc_text("see http://a.b/c?x[1]=2 [z]"), "see <http://a.b/c?x[1]=2> \\[z\\]", "brackets in a URL stay");
        assert_eq!(
            doc_text("x\n```\nfn main( {\n```\n~~~rust\nlet\n~~~\n```json\n{}\n```"),
            "x\n```text\nfn main( {\n```\n~~~text\nlet\n~~~\n```json\n{}\n```",
            "no doctest from the spec"
        );
        assert_eq!(doc_text("open\n````\ncode ```\n"), "open\n````text\ncode ```\n````", "an open block is closed");
        assert_eq!(
            doc_text("a <div> b <https://e.org/x> `<T>`"),
            "a \\<div> b <https://e.org/x> `<T>`",
            "tags escaped, autolinks and code kept"
        );
    }
}
