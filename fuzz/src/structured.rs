//! A spec model the fuzzer builds with `arbitrary`, rendered as YAML text: the structure of a
//! spec is fixed, so the fuzzer spends its bytes on what the generator finds hard — names from
//! a pool of Rust keywords, names the generator defines itself and near-collisions, type
//! expressions nested hundreds of levels deep, structures that hold each other (cycles), YAML
//! values nested thousands of levels deep, contradicting constraints, paginators and waiters
//! pointing anywhere.

use arbitrary::Arbitrary;
use std::fmt::Write as _;

/// Names that collide with Rust or with what the generator defines, or nearly collide with
/// each other once spelled as Rust (`List_Things`, `listThings`, `ListThings` are one name).
pub const NAMES: &[&str] = &[
    "ListThings", "List_Things", "listThings", "list-things", "LISTThings", "ListThingsInput", "ListThingsOutput",
    "ListThingsInputBuilder", "New", "new", "Config", "config", "Build", "build", "Default", "default", "Builder",
    "Params", "Client", "Error", "ErrorCode", "BuildError", "Result", "Option", "Some", "None", "Ok", "Err", "String",
    "Vec", "Box", "HashMap", "BTreeMap", "Self", "self", "super", "crate", "type", "Type", "fn", "match", "async",
    "await", "dyn", "gen", "try", "yield", "r#type", "Unknown", "UNKNOWN", "unknown", "Input", "Output", "Operation",
    "ACTION", "SERVICE", "types", "client", "error", "operation", "waiters", "mod", "lib", "Tag", "tag", "TAG", "Tag_",
    "_Tag", "Tag1", "1Tag", "123", "_", "__", "a", "A", "中文", "Ünïcödé", "{x}", "{", "}", "a{b}c", "%s", "\"", "\\",
    "'", "a b", "a.b", "a-b", "RequestId", "requestId", "request_id", "RegionId", "DryRun", "PageNumber", "NextToken",
    "Instances", "Instance", "Status", "StreamExt", "RetryConfig", "Credentials", "SignatureVersion", "ConfigBuilder",
    "serde", "std", "core", "alloc", "yun_runtime", "Debug", "Clone", "PartialEq", "Serialize", "Deserialize",
    "Paginator", "Waiter", "WaiterConfig", "DryRunInput", "DryRunPassed", "fmt", "f", "s", "value", "values", "key",
    "endpoint", "dry_run", "send", "with_config", "into_builder", "Endpoint",
];

/// A name: one of [`NAMES`] (most of the time), one of them with a suffix, or any text.
#[derive(Debug, Arbitrary)]
pub enum Name {
    /// `NAMES[i % len]`.
    Pool(u8),
    /// `NAMES[i % len]` followed by `suffix`.
    Suffixed(u8, u8),
    /// Any text (cut to 40 characters).
    Text(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Pool(i) => NAMES[usize::from(*i) % NAMES.len()].to_owned(),
            Name::Suffixed(i, s) => format!("{}{}", NAMES[usize::from(*i) % NAMES.len()], s % 4),
            Name::Text(t) => t.chars().take(40).collect(),
        }
    }
}

/// A type expression.
#[derive(Debug, Arbitrary)]
pub enum Type {
    /// `string`, `integer`, `long`, `boolean`, `float`, `double` or a misspelling.
    Scalar(u8),
    /// The i-th shape (modulo their number), so structures can hold themselves and each other.
    Shape(u8),
    /// `list<T>`.
    List(Box<Type>),
    /// `map<string,T>` (or a map keyed by something else).
    Map(bool, Box<Type>),
    /// `list<` (or `map<string,` when `maps` says so) `depth` times around `leaf`.
    Deep {
        /// Levels: below 40 unless the top bit is set, then up to 4,095.
        depth: u16,
        /// Bit i (mod 8) of the level makes it a map.
        maps: u8,
        /// The innermost type.
        leaf: Box<Type>,
    },
    /// Any text.
    Text(String),
}

const SCALARS: &[&str] = &["string", "integer", "long", "boolean", "float", "double", "int", "list", "map<string>", ""];

impl Type {
    fn render(&self, shapes: &[String], out: &mut String) {
        match self {
            Type::Scalar(i) => out.push_str(SCALARS[usize::from(*i) % SCALARS.len()]),
            Type::Shape(i) => match shapes.len() {
                0 => out.push_str("string"),
                n => out.push_str(&shapes[usize::from(*i) % n]),
            },
            Type::List(t) => {
                out.push_str("list<");
                t.render(shapes, out);
                out.push('>');
            }
            Type::Map(string_key, t) => {
                out.push_str(if *string_key { "map<string," } else { "map<integer," });
                t.render(shapes, out);
                out.push('>');
            }
            Type::Deep { depth, maps, leaf } => {
                // Mostly around the limit of 32 (so the spec can still validate), else up to 4,095.
                let depth = if depth & 0x8000 != 0 { usize::from(depth % 4096) } else { usize::from(depth % 40) };
                for level in 0..depth {
                    out.push_str(if maps >> (level % 8) & 1 == 1 { "map<string," } else { "list<" });
                }
                leaf.render(shapes, out);
                out.push_str(&">".repeat(depth));
            }
            Type::Text(t) => out.extend(t.chars().take(60)),
        }
    }
}

/// A YAML value (a member's `default`): scalars, or nesting thousands of levels deep, flow
/// or block style.
#[derive(Debug, Arbitrary)]
pub enum Value {
    /// An integer.
    Int(i64),
    /// A quoted string.
    Str(String),
    /// `true`/`false`.
    Bool(bool),
    /// `[[[…]]]`, `{a: {a: …}}` or block mappings, `depth` levels (below 80 unless the top bit is
    /// set, then up to 16,383), or an alias chain of `depth % 12` levels.
    Deep {
        /// Levels.
        depth: u16,
        /// 0: flow sequences, 1: flow mappings, 2: block mappings, 3: an alias chain.
        style: u8,
    },
}

/// A member of an input, output or structure.
#[derive(Debug, Arbitrary)]
pub struct Member {
    name: Name,
    ty: Type,
    required: bool,
    /// 0: none, 1 query, 2 body, 3 path, 4 header, 5 payload.
    location: u8,
    /// 0: none, 1 flat, 2 json, 3 csv.
    encoding: u8,
    range: Option<(Option<i16>, Option<i16>)>,
    length: Option<(Option<i16>, Option<i16>)>,
    items: Option<(Option<u16>, Option<u16>)>,
    allowed: Option<Vec<Value>>,
    pattern: Option<String>,
    default: Option<Value>,
    sensitive: bool,
    idempotency_token: bool,
    aliases: Vec<Name>,
}

/// A named shape.
#[derive(Debug, Arbitrary)]
pub enum ShapeBody {
    /// Enum values (wire value: meaning).
    Enum(Vec<Name>, bool),
    /// Structure members.
    Structure(Vec<Member>),
}

/// A paginator; member references are indices into the operation's input and output.
#[derive(Debug, Arbitrary)]
pub struct Paginator {
    kind: u8,
    input: u8,
    page_size: Option<u8>,
    items: u8,
    next: Option<u8>,
    total: Option<u8>,
    done_when: Vec<Name>,
}

/// An operation.
#[derive(Debug, Arbitrary)]
pub struct Operation {
    name: Name,
    action: Option<Name>,
    /// GET, POST, PUT, PATCH, DELETE or something else.
    method: u8,
    /// Literal path segments; a path member adds its `{name}`.
    segments: Vec<Name>,
    input: Vec<Member>,
    output: Vec<Member>,
    one_of: Vec<Vec<u8>>,
    errors: Vec<Name>,
    paginator: Option<Paginator>,
    read_only: Option<bool>,
}

/// A waiter; references are indices.
#[derive(Debug, Arbitrary)]
pub struct Waiter {
    name: Name,
    operation: u8,
    state: u8,
    success: Vec<Name>,
    failure: Vec<Name>,
}

/// A whole spec.
#[derive(Debug, Arbitrary)]
pub struct Spec {
    /// aliyun-rpc, ksyun-query, jdcloud-rest, inspur-rest.
    protocol: u8,
    /// A crate folder name from a small pool (`runtime`, `codegen`, … collide with packages).
    crate_name: u8,
    dry_run: Option<Name>,
    shapes: Vec<(Name, ShapeBody)>,
    operations: Vec<Operation>,
    errors: Vec<Name>,
    waiters: Vec<Waiter>,
}

const CRATES: &[&str] = &["fuzz", "runtime", "codegen", "yun-runtime", "aliyun-ecs", "tests", "xtask", "a", "fuzz-2"];

const HEADERS: [&str; 4] = [
    "  provider: aliyun\n  name: demo\n  title: Demo\n  api_version: \"2020-01-01\"\n  protocol: aliyun-rpc\n  signing: [acs3-hmac-sha256, hmac-sha1]\n  endpoint: \"demo.{region}.aliyuncs.com\"\n",
    "  provider: ksyun\n  name: kec\n  title: KEC\n  api_version: \"2016-03-04\"\n  protocol: ksyun-query\n  signing: [aws4-hmac-sha256]\n  endpoint: \"kec.{region}.api.ksyun.com\"\n  global_endpoint: kec.api.ksyun.com\n",
    "  provider: jdcloud\n  name: vm\n  title: VM\n  api_version: v1\n  protocol: jdcloud-rest\n  signing: [jdcloud3-hmac-sha256]\n  endpoint: vm.jdcloud-api.com\n",
    "  provider: inspur\n  name: ecs\n  title: ECS\n  api_version: v1\n  protocol: inspur-rest\n  signing: [bearer-token]\n  endpoint: ecs.example.com\n",
];

/// A YAML double-quoted scalar (JSON's string syntax is valid YAML).
fn q(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".to_owned())
}

impl Value {
    fn render(&self, indent: usize, out: &mut String) {
        match self {
            Value::Int(i) => {
                let _ = write!(out, "{i}");
            }
            Value::Str(s) => out.push_str(&q(s)),
            Value::Bool(b) => {
                let _ = write!(out, "{b}");
            }
            Value::Deep { depth, style } => {
                // Mostly around the limit of 64, else up to 16,383.
                let depth = if depth & 0x8000 != 0 { usize::from(depth % 16384) } else { usize::from(depth % 80) };
                match style % 4 {
                    0 => {
                        out.push_str(&"[".repeat(depth));
                        out.push_str(&"]".repeat(depth));
                    }
                    1 => {
                        out.push_str(&"{a: ".repeat(depth));
                        out.push('1');
                        out.push_str(&"}".repeat(depth));
                    }
                    2 => {
                        for level in 0..depth.min(400) {
                            out.push('\n');
                            out.push_str(&" ".repeat(indent + 2 + level));
                            out.push_str("a:");
                        }
                        out.push_str(" 1");
                    }
                    _ => {
                        // An alias chain (a "billion laughs" when deep): each level repeats the
                        // previous one nine times.
                        out.push_str("\n");
                        let pad = " ".repeat(indent + 2);
                        let _ = writeln!(out, "{pad}- &l0 [x, x, x, x, x, x, x, x, x]");
                        // 9^levels nodes: small chains pass, long ones are a "billion laughs".
                        for level in 1..(depth % 12) {
                            let p = level - 1;
                            let _ = writeln!(out, "{pad}- &l{level} [*l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}, *l{p}]");
                        }
                        out.pop();
                    }
                }
            }
        }
    }
}

impl Member {
    fn render(&self, shapes: &[String], indent: usize, out: &mut String) {
        let pad = " ".repeat(indent);
        let _ = write!(out, "{pad}{}:\n{pad}  type: \"", q(&self.name.text()));
        let mut ty = String::new();
        self.ty.render(shapes, &mut ty);
        // The type goes inside a double-quoted scalar: escape it as JSON does.
        let quoted = q(&ty);
        out.push_str(&quoted[1..quoted.len() - 1]);
        out.push_str("\"\n");
        if self.required {
            let _ = writeln!(out, "{pad}  required: true");
        }
        if let Some(l) = ["query", "body", "path", "header", "payload"].get(usize::from(self.location % 6).wrapping_sub(1)) {
            let _ = writeln!(out, "{pad}  location: {l}");
        }
        if let Some(e) = ["flat", "json", "csv"].get(usize::from(self.encoding % 4).wrapping_sub(1)) {
            let _ = writeln!(out, "{pad}  encoding: {e}");
        }
        let bounds = |key: &str, b: &(Option<i16>, Option<i16>), out: &mut String| {
            let _ = write!(out, "{pad}  {key}: {{");
            if let Some(min) = b.0 {
                let _ = write!(out, "min: {min}");
            }
            if let Some(max) = b.1 {
                let _ = write!(out, "{}max: {max}", if b.0.is_some() { ", " } else { "" });
            }
            out.push_str("}\n");
        };
        if let Some(r) = &self.range {
            bounds("range", r, out);
        }
        if let Some(l) = &self.length {
            bounds("length", l, out);
        }
        if let Some((min, max)) = self.items {
            if let Some(min) = min {
                let _ = writeln!(out, "{pad}  min_items: {min}");
            }
            if let Some(max) = max {
                let _ = writeln!(out, "{pad}  max_items: {max}");
            }
        }
        if let Some(values) = &self.allowed {
            let _ = write!(out, "{pad}  allowed: [");
            for (i, v) in values.iter().take(8).enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                match v {
                    Value::Deep { .. } => out.push_str("[]"),
                    v => v.render(indent + 2, out),
                }
            }
            out.push_str("]\n");
        }
        if let Some(p) = &self.pattern {
            let _ = writeln!(out, "{pad}  pattern: {}", q(p));
        }
        if let Some(d) = &self.default {
            let _ = write!(out, "{pad}  default: ");
            d.render(indent + 2, out);
            out.push('\n');
        }
        if self.sensitive {
            let _ = writeln!(out, "{pad}  sensitive: true");
        }
        if self.idempotency_token {
            let _ = writeln!(out, "{pad}  idempotency_token: true");
        }
        if !self.aliases.is_empty() {
            let aliases: Vec<String> = self.aliases.iter().take(4).map(|a| q(&a.text())).collect();
            let _ = writeln!(out, "{pad}  aliases: [{}]", aliases.join(", "));
        }
    }
}

fn members(list: &[Member], shapes: &[String], key: &str, out: &mut String) {
    if list.is_empty() {
        return;
    }
    let _ = writeln!(out, "    {key}:");
    for m in list.iter().take(24) {
        m.render(shapes, 6, out);
    }
}

/// A member's wire name by index (modulo their number), quoted.
fn pick(list: &[Member], i: u8) -> String {
    match list.len() {
        0 => q("Missing"),
        n => q(&list[usize::from(i) % n].name.text()),
    }
}

impl Spec {
    /// The spec as YAML text.
    pub fn to_yaml(&self) -> String {
        let protocol = usize::from(self.protocol % 4);
        let mut out = String::from("service:\n");
        out.push_str(HEADERS[protocol]);
        let _ = writeln!(out, "  crate: {}", CRATES[usize::from(self.crate_name) % CRATES.len()]);
        if let Some(member) = &self.dry_run {
            let _ = writeln!(out, "  dry_run: {{member: {}, code: DryRunOperation, http_status: 412}}", q(&member.text()));
        }
        out.push_str("  docs: Fuzz.\n  sources: {document: none.txt}\n");
        let shapes: Vec<String> = self.shapes.iter().take(16).map(|(n, _)| n.text()).collect();
        if !shapes.is_empty() {
            out.push_str("shapes:\n");
        }
        for ((_, body), name) in self.shapes.iter().zip(&shapes) {
            let _ = writeln!(out, "  {}:", q(name));
            match body {
                ShapeBody::Enum(values, case_insensitive) => {
                    out.push_str("    type: enum\n    docs: E\n    values:\n");
                    for v in values.iter().take(16) {
                        let _ = writeln!(out, "      {}: v", q(&v.text()));
                    }
                    if *case_insensitive {
                        out.push_str("    case_insensitive: true\n");
                    }
                }
                ShapeBody::Structure(list) => {
                    out.push_str("    type: structure\n    docs: S\n");
                    // `members` sits at the shape's level (4 spaces), its members at 6.
                    members(list, &shapes, "members", &mut out);
                }
            }
        }
        out.push_str("operations:\n");
        if self.operations.is_empty() {
            out.push_str("  {}\n");
        }
        let rest = protocol >= 2;
        for op in self.operations.iter().take(12) {
            let _ = writeln!(out, "  {}:", q(&op.name.text()));
            if let Some(a) = &op.action {
                let _ = writeln!(out, "    action: {}", q(&a.text()));
            }
            out.push_str("    docs: O\n    source: {doc: none.txt, line: 1}\n");
            let method = if rest { ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD"][usize::from(op.method % 6)] } else { "POST" };
            let mut path = String::new();
            if rest {
                path.push_str("/v1");
                for s in op.segments.iter().take(4) {
                    path.push('/');
                    path.push_str(&s.text());
                }
                for m in op.input.iter().filter(|m| m.location % 6 == 3) {
                    let _ = write!(path, "/{{{}}}", m.name.text());
                }
            } else {
                path.push('/');
            }
            let _ = writeln!(out, "    http: {{method: {method}, path: {}}}", q(&path));
            members(&op.input, &shapes, "input", &mut out);
            members(&op.output, &shapes, "output", &mut out);
            if !op.one_of.is_empty() {
                let groups: Vec<String> = op
                    .one_of
                    .iter()
                    .take(4)
                    .map(|g| format!("[{}]", g.iter().take(4).map(|i| pick(&op.input, *i)).collect::<Vec<_>>().join(", ")))
                    .collect();
                let _ = writeln!(out, "    one_of: [{}]", groups.join(", "));
            }
            if !op.errors.is_empty() {
                out.push_str("    errors:\n");
                for e in op.errors.iter().take(8) {
                    let _ = writeln!(out, "      - {{code: {}, docs: e}}", q(&e.text()));
                }
            }
            if let Some(p) = &op.paginator {
                let kind = ["page-number", "token", "offset"][usize::from(p.kind % 3)];
                let _ = write!(out, "    paginator: {{kind: {kind}, input: {}, items: {}", pick(&op.input, p.input), pick(&op.output, p.items));
                if let Some(s) = p.page_size {
                    let _ = write!(out, ", page_size: {}", pick(&op.input, s));
                }
                if let Some(n) = p.next {
                    let _ = write!(out, ", next: {}", pick(&op.output, n));
                }
                if let Some(t) = p.total {
                    let _ = write!(out, ", total: {}", pick(&op.output, t));
                }
                if !p.done_when.is_empty() {
                    let done: Vec<String> = p.done_when.iter().take(3).map(|d| q(&d.text())).collect();
                    let _ = write!(out, ", done_when: [{}]", done.join(", "));
                }
                out.push_str("}\n");
            }
            if let Some(r) = op.read_only {
                let _ = writeln!(out, "    read_only: {r}");
            }
        }
        if !self.errors.is_empty() {
            out.push_str("errors:\n");
            for e in self.errors.iter().take(8) {
                let _ = writeln!(out, "  - {{code: {}, docs: e}}", q(&e.text()));
            }
        }
        let ops: Vec<&Operation> = self.operations.iter().take(12).collect();
        if !self.waiters.is_empty() && !ops.is_empty() {
            out.push_str("waiters:\n");
            for w in self.waiters.iter().take(4) {
                let op = ops[usize::from(w.operation) % ops.len()];
                let success: Vec<String> = w.success.iter().take(3).map(|s| q(&s.text())).collect();
                let failure: Vec<String> = w.failure.iter().take(3).map(|s| q(&s.text())).collect();
                let _ = writeln!(
                    out,
                    "  {}:\n    docs: W\n    operation: {}\n    state: {}\n    success: [{}]\n    failure: [{}]",
                    q(&w.name.text()),
                    q(&op.name.text()),
                    pick(&op.output, w.state),
                    success.join(", "),
                    failure.join(", ")
                );
            }
        }
        out
    }
}
