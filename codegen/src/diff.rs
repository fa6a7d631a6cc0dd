//! What a spec change does to the people who use the generated crate: `cargo xtask diff`.
//!
//! [`diff`] compares two versions of one spec (both loaded and validated) and lists each change
//! in the terms of the spec (its YAML path and line) and of the Rust API, classified:
//!
//! - [`Class::BreakingRust`]: code that compiles against the old crate may not compile against
//!   the new one (an operation, member, shape, enum value, error code, paginator or waiter
//!   removed or renamed; an input member newly required or no longer required, since its
//!   field's type goes between `T` and `Option<T>`; a type changed);
//! - [`Class::BreakingWire`]: the Rust API may stay, but what goes on the wire changes (a wire
//!   name whose Rust name stays, a location, encoding, method, path, host, API version or signature);
//! - [`Class::Tightened`]: `build()` refuses values it accepted (a narrower range or length, fewer
//!   allowed values, a smaller list; a structure member newly required, whose field stays
//!   `Option<T>`);
//! - [`Class::Compatible`]: something added or relaxed (an optional member, an operation, an enum
//!   value, an error code; a wider range);
//! - [`Class::Docs`]: documentation only (docs, documented defaults and patterns, regions);
//! - [`Class::EmulatorBreaking`] and [`Class::Emulator`]: the `resources:` state models, which
//!   only the offline emulator reads (nothing is generated from them, so they need no bump):
//!   a change a flow run against the emulator may notice (a resource or binding removed, a
//!   call refused in a state it was accepted in, another sequence of states), or one it does
//!   not (something added, a duration changed); see the `resources` submodule.
//!
//! [`Report::bump`] says the semver bump the generated crate needs. Renames are recognised where
//! an operation kept its wire action or its source line, and where a member kept its source
//! line or its Rust name (`ZoneId` → `ZoneID`: the wire name changes, the field stays).
//!
//! `tests/tests/diff_vs_compiler.rs` checks the classes against the compiler: for a change of
//! each kind, a caller of the old crate's whole API ([`crate::emit::caller`]) compiles against
//! the new crate exactly when no change is [`Class::BreakingRust`].

mod resources;

use std::collections::BTreeSet;
use std::fmt::{self, Write as _};

use serde::Serialize;

use crate::load::LoadedSpec;
use crate::spec::{Bounds, Location, Member, Operation, Shape, Source, UniqueMap};

/// How a change affects users, most severe first (the order reports list them in).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, serde::Deserialize, schemars::JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Class {
    /// Code written against the old crate may not compile.
    BreakingRust,
    /// The requests sent or the answers read change.
    BreakingWire,
    /// `build()` refuses values it accepted.
    Tightened,
    /// Added or relaxed: existing code and requests keep working.
    Compatible,
    /// Documentation only.
    Docs,
    /// The offline emulator's state model changed so that a flow run against it may go
    /// otherwise (the generated crate is unchanged: no bump).
    EmulatorBreaking,
    /// The offline emulator's state model changed compatibly: added, or a duration (the
    /// generated crate is unchanged: no bump).
    Emulator,
}

impl Class {
    /// The heading of the class in a Markdown report.
    pub fn title(self) -> &'static str {
        match self {
            Class::BreakingRust => "Breaking for Rust callers",
            Class::BreakingWire => "Breaking on the wire",
            Class::Tightened => "Tightened (build() refuses more)",
            Class::Compatible => "Compatible",
            Class::Docs => "Documentation only",
            Class::EmulatorBreaking => "Breaking for emulator flows (the crate is unchanged)",
            Class::Emulator => "Emulator model (compatible; the crate is unchanged)",
        }
    }

    /// Whether the change breaks users of the generated crate (exit status 1 without
    /// `--allow-breaking`). A change of the emulator's model is not: the crate is the same.
    pub fn is_breaking(self) -> bool {
        matches!(self, Class::BreakingRust | Class::BreakingWire)
    }

    /// The bump of the generated crate a change of this class needs.
    pub fn bump(self) -> Bump {
        match self {
            Class::BreakingRust | Class::BreakingWire => Bump::Major,
            Class::Tightened | Class::Compatible => Bump::Minor,
            Class::Docs => Bump::Patch,
            Class::EmulatorBreaking | Class::Emulator => Bump::None,
        }
    }
}

/// Which version of the spec a change's line is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Side {
    /// The old spec (the item was removed).
    Old,
    /// The new spec.
    New,
}

/// One change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Change {
    /// Its class.
    pub class: Class,
    /// The YAML path of the item (`operations.AssumeRole.input.RoleArn`).
    pub path: String,
    /// The item's line (1-based) in the spec of `side`, when it can be found.
    pub line: Option<usize>,
    /// The version the line is in: the old spec for what was removed, the new one otherwise.
    pub side: Side,
    /// What changed, for a person.
    pub message: String,
}

/// The semver bump a crate needs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Bump {
    /// Nothing changed.
    None,
    /// Documentation only.
    Patch,
    /// Compatible additions or tightened constraints.
    Minor,
    /// A breaking change (for a `0.y` crate, `y` is what moves).
    Major,
}

impl fmt::Display for Bump {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Bump::None => "none",
            Bump::Patch => "patch",
            Bump::Minor => "minor",
            Bump::Major => "major",
        })
    }
}

/// The changes between two versions of one spec.
#[derive(Debug, Clone, Serialize)]
pub struct Report {
    /// The service (`service.name` of the new spec).
    pub service: String,
    /// The old spec's file, as given.
    pub old_file: String,
    /// The new spec's file, as given.
    pub new_file: String,
    /// The semver bump the generated crate needs.
    pub bump: Bump,
    /// Every change, most severe class first, then in spec order.
    pub changes: Vec<Change>,
}

impl Report {
    /// Whether any change breaks users.
    pub fn is_breaking(&self) -> bool {
        self.changes.iter().any(|c| c.class.is_breaking())
    }

    /// A Markdown section for a review comment: the bump, then the changes by class.
    pub fn to_markdown(&self) -> String {
        let mut out = format!("## `{}` ({} → {})\n\n", self.service, self.old_file, self.new_file);
        if self.changes.is_empty() {
            out.push_str("No change.\n");
            return out;
        }
        let below_one = if self.bump == Bump::Major { " (below 1.0 that is the minor number: `0.1.x` → `0.2.0`)" } else { "" };
        let _ = writeln!(out, "Version bump: **{}**{below_one}.\n", self.bump);
        let classes: BTreeSet<Class> = self.changes.iter().map(|c| c.class).collect();
        for class in classes {
            let of_class: Vec<&Change> = self.changes.iter().filter(|c| c.class == class).collect();
            let _ = writeln!(out, "### {} ({})\n", class.title(), of_class.len());
            for change in of_class {
                let at = match (change.line, change.side) {
                    (Some(line), Side::New) => format!("{}:{line}", self.new_file),
                    (Some(line), Side::Old) => format!("{}:{line} (old)", self.old_file),
                    (None, _) => String::from("-"),
                };
                let _ = writeln!(out, "- `{}` ({at}): {}", change.path, change.message);
            }
            out.push('\n');
        }
        out
    }
}

/// Compares `old` with `new` (two versions of one spec, each loaded and validated).
pub fn diff(old: &LoadedSpec, new: &LoadedSpec) -> Report {
    let mut d = Differ { old, new, new_error_codes: error_codes(&new.spec), changes: Vec::new() };
    d.service();
    d.shapes();
    d.operations();
    d.errors();
    d.waiters();
    d.resources();
    let mut changes = d.changes;
    // Most severe first; the sort is stable, so spec order stays within a class.
    changes.sort_by_key(|c| c.class);
    let bump = changes.iter().map(|c| c.class.bump()).max().unwrap_or(Bump::None);
    Report {
        service: new.spec.service.name.clone(),
        old_file: old.file.display().to_string(),
        new_file: new.file.display().to_string(),
        bump,
        changes,
    }
}

/// Which list of members is compared: they differ in what an addition means.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// An operation's input, with where a member without `location` goes in the old and in the
    /// new spec (the protocol's default for the operation's method).
    Input(Location, Location),
    Output,
    Structure,
}

struct Differ<'a> {
    old: &'a LoadedSpec,
    new: &'a LoadedSpec,
    /// Every code of the new crate's `ErrorCode` enum ([`error_codes`]), computed once.
    new_error_codes: BTreeSet<String>,
    changes: Vec<Change>,
}

fn debug<T: fmt::Debug>(value: &T) -> String {
    format!("{value:?}")
}

impl Differ<'_> {
    fn push(&mut self, class: Class, side: Side, path: &[&str], message: impl Into<String>) {
        let text = match side {
            Side::Old => &self.old.text,
            Side::New => &self.new.text,
        };
        let line = crate::spec::locate_line(text, path);
        self.changes.push(Change { class, path: path.join("."), line, side, message: message.into() });
    }

    fn changed(&mut self, class: Class, path: &[&str], what: &str, old: &str, new: &str) {
        if old != new {
            self.push(class, Side::New, path, format!("{what} changed from `{old}` to `{new}`"));
        }
    }

    fn service(&mut self) {
        let (o, n) = (&self.old.spec.service, &self.new.spec.service);
        let at = |key: &'static str| ["service", key];
        self.changed(Class::BreakingWire, &at("provider"), "the provider", &debug(&o.provider), &debug(&n.provider));
        self.changed(Class::BreakingWire, &at("protocol"), "the protocol", &debug(&o.protocol), &debug(&n.protocol));
        self.changed(Class::BreakingRust, &at("crate"), "the crate", &o.crate_name, &n.crate_name);
        self.changed(Class::BreakingWire, &at("api_version"), "the API version", &o.api_version, &n.api_version);
        self.changed(Class::BreakingWire, &at("name"), "the service name", &o.name, &n.name);
        self.changed(Class::BreakingWire, &at("endpoint"), "the endpoint", &o.endpoint, &n.endpoint);
        let none = String::new();
        let (og, ng) = (o.global_endpoint.as_ref().unwrap_or(&none), n.global_endpoint.as_ref().unwrap_or(&none));
        self.changed(Class::BreakingWire, &at("global_endpoint"), "the global endpoint", og, ng);
        let (os, ns) = (o.signing_name.as_ref().unwrap_or(&none), n.signing_name.as_ref().unwrap_or(&none));
        self.changed(Class::BreakingWire, &at("signing_name"), "the signing name", os, ns);
        if o.signing.first() != n.signing.first() {
            let message = format!("the default signature changed from {:?} to {:?}", o.signing.first(), n.signing.first());
            self.push(Class::BreakingWire, Side::New, &at("signing"), message);
        }
        for scheme in &o.signing {
            if !n.signing.contains(scheme) {
                self.push(Class::BreakingRust, Side::New, &at("signing"), format!("the signature {scheme:?} was removed"));
            }
        }
        for scheme in &n.signing {
            if !o.signing.contains(scheme) {
                self.push(Class::Compatible, Side::New, &at("signing"), format!("the signature {scheme:?} was added"));
            }
        }
        match (&o.dry_run, &n.dry_run) {
            (Some(_), None) => self.push(Class::BreakingRust, Side::Old, &at("dry_run"), "dry runs were removed"),
            (None, Some(_)) => self.push(Class::Compatible, Side::New, &at("dry_run"), "dry runs were added"),
            (Some(a), Some(b)) if (&a.member, &a.code) != (&b.member, &b.code) => {
                self.push(Class::BreakingWire, Side::New, &at("dry_run"), "the dry-run member or answer code changed")
            }
            _ => {}
        }
        self.endpoint_map(o, n);
        if o.regions != n.regions {
            self.push(Class::Docs, Side::New, &at("regions"), "the listed regions changed");
        }
        if o.title != n.title || o.docs != n.docs {
            self.push(Class::Docs, Side::New, &["service"], "the service's title or docs changed");
        }
    }

    /// `service.endpoints`: a region whose host changed (or that now goes to the pattern's
    /// host, or left it for a host of its own) sends elsewhere: breaking on the wire. A mapped
    /// region the pattern served the same way before is compatible only when the host is the
    /// same, which validation rules out, so every change of a region's host is breaking.
    fn endpoint_map(&mut self, o: &crate::spec::Service, n: &crate::spec::Service) {
        let host = |s: &crate::spec::Service, region: &str| match s.endpoints.get(region) {
            Some(host) => host.clone(),
            None => s.endpoint.replace("{region}", region),
        };
        let regions: Vec<&String> = o.endpoints.keys().chain(n.endpoints.keys().filter(|r| !o.endpoints.contains_key(*r))).collect();
        for region in regions {
            let at = ["service", "endpoints", region.as_str()];
            let (before, after) = (host(o, region), host(n, region));
            let side = if n.endpoints.contains_key(region) { Side::New } else { Side::Old };
            if before != after {
                let known = o.regions.contains(region) || o.endpoints.contains_key(region);
                if known {
                    self.push(Class::BreakingWire, side, &at, format!("`{region}` is sent to `{after}`, no longer to `{before}`"));
                } else {
                    // A region the old spec did not know: nobody relied on its host.
                    self.push(Class::Compatible, side, &at, format!("`{region}` (a new region) is sent to `{after}`"));
                }
            }
        }
    }

    fn shapes(&mut self) {
        let (old, new) = (&self.old.spec.shapes, &self.new.spec.shapes);
        for (name, shape) in old.iter() {
            let Some(now) = new.get(name) else {
                self.push(Class::BreakingRust, Side::Old, &["shapes", name], format!("the shape `{name}` was removed"));
                continue;
            };
            self.shape(name, shape, now);
        }
        for name in new.keys().filter(|k| !old.contains_key(*k)) {
            self.push(Class::Compatible, Side::New, &["shapes", name], format!("the shape `{name}` was added"));
        }
    }

    fn shape(&mut self, name: &str, old: &Shape, new: &Shape) {
        if old.kind != new.kind {
            let message = format!("`{name}` changed from {:?} to {:?}", old.kind, new.kind);
            self.push(Class::BreakingRust, Side::New, &["shapes", name], message);
            return;
        }
        if let (Some(ov), Some(nv)) = (&old.values, &new.values) {
            for (value, meaning) in ov.iter() {
                match nv.get(value) {
                    None => self.push(
                        Class::BreakingRust,
                        Side::Old,
                        &["shapes", name, "values", value],
                        format!("the value `{value}` was removed"),
                    ),
                    Some(now) if now != meaning => {
                        self.push(Class::Docs, Side::New, &["shapes", name, "values", value], "its meaning changed")
                    }
                    Some(_) => {}
                }
            }
            for value in nv.keys().filter(|v| !ov.contains_key(*v)) {
                self.push(Class::Compatible, Side::New, &["shapes", name, "values", value], format!("the value `{value}` was added"));
            }
            if old.case_insensitive != new.case_insensitive {
                self.push(Class::Compatible, Side::New, &["shapes", name, "case_insensitive"], "how values are matched changed");
            }
        }
        if let (Some(om), Some(nm)) = (&old.members, &new.members) {
            self.members(Role::Structure, &["shapes", name, "members"], om, nm);
        }
        if old.docs != new.docs {
            self.push(Class::Docs, Side::New, &["shapes", name], "its docs changed");
        }
    }

    fn operations(&mut self) {
        let (old, new) = (&self.old.spec.operations, &self.new.spec.operations);
        let wire = |key: &str, op: &Operation| op.action.clone().unwrap_or_else(|| key.to_owned());
        let mut renamed_to: BTreeSet<String> = BTreeSet::new();
        for (name, op) in old.iter() {
            if let Some(now) = new.get(name) {
                self.operation(name, name, op, now);
                continue;
            }
            // Moved: an added operation with the same wire action or the same source line.
            let moved = new.iter().find(|(key, candidate)| {
                !old.contains_key(*key) && (wire(key, candidate) == wire(name, op) || same_line(Some(&op.source), Some(&candidate.source)))
            });
            match moved {
                Some((key, candidate)) => {
                    renamed_to.insert(key.clone());
                    let path = ["operations", key.as_str()];
                    let message = format!("the operation `{name}` was renamed `{key}` (its Rust names change)");
                    self.push(Class::BreakingRust, Side::New, &path, message);
                    if wire(key, candidate) != wire(name, op) {
                        let message = format!("its wire action changed from `{}` to `{}`", wire(name, op), wire(key, candidate));
                        self.push(Class::BreakingWire, Side::New, &path, message);
                    }
                    self.operation(name, key, op, candidate);
                }
                None => self.push(Class::BreakingRust, Side::Old, &["operations", name], format!("the operation `{name}` was removed")),
            }
        }
        for name in new.keys().filter(|k| !old.contains_key(*k) && !renamed_to.contains(*k)) {
            self.push(Class::Compatible, Side::New, &["operations", name], format!("the operation `{name}` was added"));
        }
    }

    /// `old_name` → `name`: the same key, or the keys of a renamed operation (whose action
    /// change is reported by the caller).
    fn operation(&mut self, old_name: &str, name: &str, old: &Operation, new: &Operation) {
        let at = |key: &'static str| ["operations", name, key];
        if old_name == name {
            let (oa, na) = (old.action.clone().unwrap_or_else(|| name.to_owned()), new.action.clone().unwrap_or_else(|| name.to_owned()));
            self.changed(Class::BreakingWire, &at("action"), "the wire action", &oa, &na);
        }
        self.changed(
            Class::BreakingWire,
            &["operations", name, "http", "method"],
            "the method",
            &debug(&old.http.method),
            &debug(&new.http.method),
        );
        self.changed(Class::BreakingWire, &["operations", name, "http", "path"], "the path", &old.http.path, &new.http.path);
        if old.http.body_wrapper != new.http.body_wrapper {
            self.push(Class::BreakingWire, Side::New, &["operations", name, "http"], "the body wrapper changed");
        }
        let (old_facts, new_facts) = (self.old.spec.service.protocol.facts(), self.new.spec.service.protocol.facts());
        let defaults = Role::Input(old_facts.default_location(old.http.method), new_facts.default_location(new.http.method));
        self.members(defaults, &["operations", name, "input"], &old.input, &new.input);
        self.members(Role::Output, &["operations", name, "output"], &old.output, &new.output);
        if old.one_of != new.one_of {
            self.push(Class::Tightened, Side::New, &at("one_of"), "the groups of exclusive members changed");
        }
        // A group no longer demanded accepts every input it accepted; a new one (or one that
        // lost a member) refuses inputs that built before.
        for group in old.at_least_one_of.iter().filter(|g| !new.at_least_one_of.contains(g)) {
            self.push(
                Class::Compatible,
                Side::Old,
                &at("at_least_one_of"),
                format!("the group ({}) of which at least one member is needed was removed", group.join(", ")),
            );
        }
        for group in new.at_least_one_of.iter().filter(|g| !old.at_least_one_of.contains(g)) {
            let widened = old.at_least_one_of.iter().any(|o| o.iter().all(|m| group.contains(m)));
            let (class, what) = if widened { (Class::Compatible, "widened to") } else { (Class::Tightened, "added:") };
            self.push(
                class,
                Side::New,
                &at("at_least_one_of"),
                format!("the group of which at least one member is needed {what} ({})", group.join(", ")),
            );
        }
        let codes = |op: &Operation| op.errors.iter().map(|e| e.code.clone()).collect::<BTreeSet<_>>();
        let (oc, nc) = (codes(old), codes(new));
        // `ErrorCode` is one enum per crate (the service's codes and every operation's): a code
        // that leaves an operation but stays in the crate keeps its variant.
        for code in oc.difference(&nc) {
            if self.new_error_codes.contains(code) {
                let message = format!("the error code `{code}` is no longer listed here (its `ErrorCode` variant stays)");
                self.push(Class::Compatible, Side::Old, &at("errors"), message);
            } else {
                self.push(Class::BreakingRust, Side::Old, &at("errors"), format!("the error code `{code}` was removed"));
            }
        }
        for code in nc.difference(&oc) {
            self.push(Class::Compatible, Side::New, &at("errors"), format!("the error code `{code}` was added"));
        }
        self.idempotency_mismatch(&old.errors, &new.errors, &at("errors"));
        match (&old.paginator, &new.paginator) {
            (Some(_), None) => self.push(Class::BreakingRust, Side::Old, &at("paginator"), "the paginator was removed"),
            (None, Some(_)) => self.push(Class::Compatible, Side::New, &at("paginator"), "a paginator was added"),
            (Some(a), Some(b)) if debug(a) != debug(b) => {
                self.push(Class::BreakingWire, Side::New, &at("paginator"), "the paginator reads or sends other members")
            }
            _ => {}
        }
        // What retries see: the spec's `read_only`, else the protocol's rule.
        let read_only = |facts: &crate::protocol::ProtocolFacts, key: &str, op: &Operation| {
            op.read_only.unwrap_or_else(|| facts.read_only_by_default(op.http.method, op.action.as_deref().unwrap_or(key)))
        };
        if old.anonymous != new.anonymous {
            let what = if new.anonymous { "is now sent unsigned" } else { "is now signed" };
            self.push(Class::BreakingWire, Side::New, &at("anonymous"), what);
        }
        if read_only(old_facts, old_name, old) != read_only(new_facts, name, new) {
            self.push(Class::Compatible, Side::New, &at("read_only"), "whether failed attempts are retried changed");
        }
        if old.deprecated != new.deprecated {
            self.push(Class::Compatible, Side::New, &at("deprecated"), if new.deprecated { "deprecated" } else { "no longer deprecated" });
        }
        if old.docs != new.docs {
            self.push(Class::Docs, Side::New, &["operations", name], "its docs changed");
        }
    }

    fn members(&mut self, role: Role, at: &[&str], old: &UniqueMap<Member>, new: &UniqueMap<Member>) {
        let path = |wire: &str| -> Vec<String> { at.iter().map(|s| s.to_string()).chain([wire.to_owned()]).collect() };
        let mut renamed_to: BTreeSet<String> = BTreeSet::new();
        for (wire, member) in old.iter() {
            if let Some(now) = new.get(wire) {
                self.member(role, &path(wire), member, now);
                continue;
            }
            let p = path(wire);
            let p: Vec<&str> = p.iter().map(String::as_str).collect();
            // Moved: an added member with the same source line, or with the same Rust name (a
            // wire name spelled otherwise, `ZoneId` → `ZoneID`: the field stays).
            // The field names as the generator spells them (`reserved::member_field`).
            let scope = match role {
                Role::Input(..) => crate::reserved::MemberScope::Input,
                Role::Output => crate::reserved::MemberScope::Output,
                Role::Structure => crate::reserved::MemberScope::Structure,
            };
            let old_field = crate::reserved::member_field(scope, old, wire);
            let same_field = |key: &str| crate::reserved::member_field(scope, new, key) == old_field;
            let moved = new.iter().find(|(key, candidate)| {
                !old.contains_key(*key) && (same_field(key) || same_line(member.source.as_ref(), candidate.source.as_ref()))
            });
            match moved {
                Some((key, candidate)) if same_field(key) => {
                    renamed_to.insert(key.clone());
                    let q = path(key);
                    let q: Vec<&str> = q.iter().map(String::as_str).collect();
                    let field = old_field.as_deref().unwrap_or_default();
                    let message = format!("the wire name changed from `{wire}` to `{key}` (its Rust name `{field}` stays)");
                    self.push(Class::BreakingWire, Side::New, &q, message);
                    self.member(role, &path(key), member, candidate);
                }
                Some((key, candidate)) => {
                    renamed_to.insert(key.clone());
                    let q = path(key);
                    let q: Vec<&str> = q.iter().map(String::as_str).collect();
                    let message = format!("the member `{wire}` was renamed `{key}` (same source line): its field and its wire name change");
                    self.push(Class::BreakingRust, Side::New, &q, message);
                    self.push(Class::BreakingWire, Side::New, &q, format!("the wire name changed from `{wire}` to `{key}`"));
                    self.member(role, &path(key), member, candidate);
                }
                None => self.push(Class::BreakingRust, Side::Old, &p, format!("the member `{wire}` was removed")),
            }
        }
        for (wire, member) in new.iter().filter(|(k, _)| !old.contains_key(*k) && !renamed_to.contains(*k)) {
            let p = path(wire);
            let p: Vec<&str> = p.iter().map(String::as_str).collect();
            if member.required && matches!(role, Role::Input(..)) {
                self.push(Class::BreakingRust, Side::New, &p, format!("the required member `{wire}` was added: `build()` needs it"));
            } else if member.required && matches!(role, Role::Structure) {
                // A structure's fields are all `Option`: code compiles, `build()` refuses more.
                let message = format!("the required member `{wire}` was added: the inputs holding the structure refuse it unset");
                self.push(Class::Tightened, Side::New, &p, message);
            } else {
                self.push(Class::Compatible, Side::New, &p, format!("the member `{wire}` was added"));
            }
        }
    }

    fn member(&mut self, role: Role, at: &[String], old: &Member, new: &Member) {
        let path: Vec<&str> = at.iter().map(String::as_str).collect();
        let sub = |key: &'static str| -> Vec<&str> { path.iter().copied().chain([key]).collect() };
        self.changed(Class::BreakingRust, &sub("type"), "the type", &old.ty, &new.ty);
        if !matches!(role, Role::Output) && old.required != new.required {
            if new.required && matches!(role, Role::Structure) {
                // The field stays `Option<T>`: only the inputs' `build()` refuses more.
                self.push(Class::Tightened, Side::New, &sub("required"), "now required: `build()` refuses a request without it");
            } else if new.required {
                self.push(Class::BreakingRust, Side::New, &sub("required"), "now required: `build()` refuses a request without it");
            } else if matches!(role, Role::Input(..)) {
                // The input's public field goes from `T` to `Option<T>`: code reading it breaks.
                let message = "no longer required: the input's field changes from `T` to `Option<T>`";
                self.push(Class::BreakingRust, Side::New, &sub("required"), message);
            } else {
                self.push(Class::Compatible, Side::New, &sub("required"), "no longer required");
            }
        }
        // A member without `location` goes where its protocol puts it: writing the default out
        // changes nothing on the wire.
        let (old_location, new_location) = match role {
            Role::Input(old_default, new_default) => (old.location.or(Some(old_default)), new.location.or(Some(new_default))),
            _ => (old.location, new.location),
        };
        self.changed(Class::BreakingWire, &sub("location"), "the location", &debug(&old_location), &debug(&new_location));
        self.changed(Class::BreakingWire, &sub("encoding"), "the encoding", &debug(&old.encoding), &debug(&new.encoding));
        if old.idempotency_token != new.idempotency_token {
            self.push(Class::BreakingWire, Side::New, &sub("idempotency_token"), "whether a fresh token is sent when unset changed");
        }
        let removed_aliases: Vec<&String> = old.aliases.iter().filter(|a| !new.aliases.contains(a)).collect();
        if !removed_aliases.is_empty() {
            self.push(
                Class::BreakingWire,
                Side::New,
                &sub("aliases"),
                format!("answers spelling it {removed_aliases:?} are no longer read"),
            );
        } else if old.aliases != new.aliases {
            self.push(Class::Compatible, Side::New, &sub("aliases"), "more spellings are read");
        }
        if !matches!(role, Role::Output) {
            self.bounds(&sub("range"), "range", old.range.as_ref(), new.range.as_ref());
            self.bounds(&sub("length"), "length", old.length.as_ref(), new.length.as_ref());
            let items = |m: &Member| Bounds { min: m.min_items.map(i64::from), max: m.max_items.map(i64::from) };
            let (oi, ni) = (items(old), items(new));
            let some = |b: &Bounds| (b.min.is_some() || b.max.is_some()).then_some(*b);
            self.bounds(&sub("max_items"), "the list size", some(&oi).as_ref(), some(&ni).as_ref());
            match (&old.allowed, &new.allowed) {
                (None, Some(_)) => self.push(Class::Tightened, Side::New, &sub("allowed"), "only the listed values are allowed now"),
                (Some(_), None) => self.push(Class::Compatible, Side::New, &sub("allowed"), "any value is allowed now"),
                (Some(a), Some(b)) => {
                    if a.iter().any(|v| !b.contains(v)) {
                        self.push(Class::Tightened, Side::New, &sub("allowed"), "values were removed from the allowed ones");
                    } else if a != b {
                        self.push(Class::Compatible, Side::New, &sub("allowed"), "values were added to the allowed ones");
                    }
                }
                (None, None) => {}
            }
        }
        if old.pattern != new.pattern {
            self.push(Class::Docs, Side::New, &sub("pattern"), "the documented pattern changed");
        }
        if old.default != new.default {
            self.push(Class::Docs, Side::New, &sub("default"), "the documented default changed");
        }
        if old.sensitive != new.sensitive {
            self.push(Class::Compatible, Side::New, &sub("sensitive"), "whether `Debug` hides it changed");
        }
        if old.deprecated != new.deprecated {
            self.push(Class::Compatible, Side::New, &sub("deprecated"), if new.deprecated { "deprecated" } else { "no longer deprecated" });
        }
        if old.docs != new.docs {
            self.push(Class::Docs, Side::New, &path, "its docs changed");
        }
    }

    /// A constraint `build()` checks: narrower is tightened, wider compatible.
    fn bounds(&mut self, at: &[&str], what: &str, old: Option<&Bounds>, new: Option<&Bounds>) {
        let (o, n) = (old.copied().unwrap_or_default(), new.copied().unwrap_or_default());
        if (o.min, o.max) == (n.min, n.max) {
            return;
        }
        let higher_min = match (o.min, n.min) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b > a,
            _ => false,
        };
        let lower_max = match (o.max, n.max) {
            (None, Some(_)) => true,
            (Some(a), Some(b)) => b < a,
            _ => false,
        };
        let shown =
            |b: &Bounds| format!("{}..={}", b.min.map_or(String::new(), |v| v.to_string()), b.max.map_or(String::new(), |v| v.to_string()));
        let message = format!("{what} changed from {} to {}", shown(&o), shown(&n));
        let class = if higher_min || lower_max { Class::Tightened } else { Class::Compatible };
        self.push(class, Side::New, at, message);
    }

    fn errors(&mut self) {
        let codes = |spec: &crate::spec::Spec| spec.errors.iter().map(|e| e.code.clone()).collect::<BTreeSet<_>>();
        let (oc, nc) = (codes(&self.old.spec), codes(&self.new.spec));
        for code in oc.difference(&nc) {
            if self.new_error_codes.contains(code) {
                let message = format!("the error code `{code}` is no longer a service error (an operation keeps its `ErrorCode` variant)");
                self.push(Class::Compatible, Side::Old, &["errors"], message);
                continue;
            }
            self.push(
                Class::BreakingRust,
                Side::Old,
                &["errors"],
                format!("the error code `{code}` was removed (its `ErrorCode` variant goes)"),
            );
        }
        for code in nc.difference(&oc) {
            self.push(Class::Compatible, Side::New, &["errors"], format!("the error code `{code}` was added"));
        }
        self.idempotency_mismatch(&self.old.spec.errors, &self.new.spec.errors, &["errors"]);
    }

    /// The error marked `idempotency_mismatch` (what a reused token with other parameters is
    /// answered), when it changes: the emulator answers the new one.
    fn idempotency_mismatch(&mut self, old: &[crate::spec::ErrorDef], new: &[crate::spec::ErrorDef], at: &[&str]) {
        let marked = |errors: &[crate::spec::ErrorDef]| errors.iter().find(|e| e.idempotency_mismatch).map(|e| e.code.clone());
        let (o, n) = (marked(old), marked(new));
        if o != n {
            let shown = |code: &Option<String>| code.as_ref().map_or("none".to_owned(), |c| format!("`{c}`"));
            let message = format!("the error answering a reused idempotency token changed from {} to {}", shown(&o), shown(&n));
            self.push(Class::Compatible, Side::New, at, message);
        }
    }

    fn waiters(&mut self) {
        let (old, new) = (&self.old.spec.waiters, &self.new.spec.waiters);
        for (name, waiter) in old.iter() {
            match new.get(name) {
                None => self.push(Class::BreakingRust, Side::Old, &["waiters", name], format!("the waiter `{name}` was removed")),
                Some(now) => {
                    let what = |w: &crate::spec::Waiter| debug(&(&w.operation, &w.state, &w.success, &w.failure, &w.when_absent));
                    let timing = |w: &crate::spec::Waiter| (w.delay, w.max_delay, w.max_wait);
                    if what(waiter) != what(now) {
                        self.push(
                            Class::BreakingWire,
                            Side::New,
                            &["waiters", name],
                            "it polls another operation or waits for other states",
                        );
                    } else if timing(waiter) != timing(now) {
                        self.push(Class::Compatible, Side::New, &["waiters", name], "its default delays changed");
                    }
                    if waiter.docs != now.docs {
                        self.push(Class::Docs, Side::New, &["waiters", name], "its docs changed");
                    }
                }
            }
        }
        for name in new.keys().filter(|k| !old.contains_key(*k)) {
            self.push(Class::Compatible, Side::New, &["waiters", name], format!("the waiter `{name}` was added"));
        }
    }
}

/// Both sources name the same document line (how a moved item is recognised).
fn same_line(a: Option<&Source>, b: Option<&Source>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a.line.is_some() && a.doc.is_some() && (&a.doc, a.line) == (&b.doc, b.line),
        _ => false,
    }
}

/// Every code of the crate's `ErrorCode` enum: the service's errors and every operation's.
fn error_codes(spec: &crate::spec::Spec) -> BTreeSet<String> {
    let operations = spec.operations.values().flat_map(|op| &op.errors);
    spec.errors.iter().chain(operations).map(|e| e.code.clone()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::Path;

    const BASE: &str = r#"
service:
  provider: aliyun
  name: demo
  title: Demo
  crate: demo
  api_version: "2020-01-01"
  protocol: aliyun-rpc
  signing: [acs3-hmac-sha256, hmac-sha1]
  endpoint: "demo.{region}.aliyuncs.com"
  docs: Demo.
  sources: {document: demo.txt}
shapes:
  Status:
    type: enum
    docs: State.
    values: {Running: running, Stopped: stopped}
operations:
  DescribeThings:
    docs: Lists things.
    source: {doc: demo.txt, line: 10}
    http: {method: POST, path: /}
    input:
      RegionId: {type: string, required: true, docs: Region.}
      PageSize: {type: integer, range: {min: 1, max: 100}, docs: Size.}
      Status: {type: Status, docs: Filter.}
    output:
      RequestId: {type: string, docs: Id.}
      Total: {type: integer, docs: Count.}
"#;

    fn load(text: &str) -> LoadedSpec {
        let loaded = crate::load::load_str(Path::new("demo.yaml"), text.to_owned()).expect("loads");
        crate::validate::validate(&loaded).expect("valid");
        loaded
    }

    fn changes(new: &str) -> Vec<(Class, String, String)> {
        let report = diff(&load(BASE), &load(new));
        report.changes.into_iter().map(|c| (c.class, c.path, c.message)).collect()
    }

    #[test]
    fn a_structure_member_made_required_tightens_and_does_not_break_callers() {
        // A structure's fields stay `Option`: only the inputs that hold it refuse more.
        let with_tag = BASE
            .replace(
                "shapes:\n",
                "shapes:\n  Tag:\n    type: structure\n    docs: A tag.\n    members:\n      Key: {type: string, docs: Key.}\n",
            )
            .replace(
                "      Status: {type: Status, docs: Filter.}\n",
                "      Status: {type: Status, docs: Filter.}\n      Tag: {type: Tag, docs: Tag.}\n",
            );
        let report = diff(
            &load(&with_tag),
            &load(&with_tag.replace("Key: {type: string, docs: Key.}", "Key: {type: string, required: true, docs: Key.}")),
        );
        let classes: Vec<Class> = report.changes.iter().map(|c| c.class).collect();
        assert_eq!(classes, [Class::Tightened]);
        let added = with_tag.replace(
            "      Key: {type: string, docs: Key.}\n",
            "      Key: {type: string, docs: Key.}\n      Value: {type: string, required: true, docs: Value.}\n",
        );
        let report = diff(&load(&with_tag), &load(&added));
        let classes: Vec<Class> = report.changes.iter().map(|c| c.class).collect();
        assert_eq!(classes, [Class::Tightened]);
    }

    fn classes(new: &str) -> Vec<Class> {
        changes(new).into_iter().map(|c| c.0).collect()
    }

    #[test]
    fn an_error_code_moved_between_an_operation_and_the_service_keeps_its_variant() {
        // `ErrorCode` is one enum per crate: moving a code keeps it; dropping it from both breaks.
        let error = "{code: Mismatch, docs: Token reused., http_status: 400, source: {doc: demo.txt, line: 11}}";
        let on_op = BASE.replace("    output:\n", &format!("    errors:\n      - {error}\n    output:\n"));
        let on_service = format!("{BASE}errors:\n  - {error}\n");
        let moved: Vec<Class> = diff(&load(&on_op), &load(&on_service)).changes.iter().map(|c| c.class).collect();
        assert_eq!(moved, [Class::Compatible, Class::Compatible]);
        let back: Vec<Class> = diff(&load(&on_service), &load(&on_op)).changes.iter().map(|c| c.class).collect();
        assert_eq!(back, [Class::Compatible, Class::Compatible]);
        let gone = diff(&load(&on_op), &load(BASE));
        assert_eq!(gone.changes.iter().map(|c| c.class).collect::<Vec<_>>(), [Class::BreakingRust]);
        let gone = diff(&load(&on_service), &load(BASE));
        assert_eq!(gone.changes.iter().map(|c| c.class).collect::<Vec<_>>(), [Class::BreakingRust]);
    }

    #[test]
    fn the_error_answering_a_reused_token_is_reported_when_it_changes() {
        let error = "{code: Mismatch, docs: Token reused., http_status: 400, source: {doc: demo.txt, line: 11}}";
        let plain = format!("{BASE}errors:\n  - {error}\n");
        let marked = plain.replace("http_status: 400,", "http_status: 400, idempotency_mismatch: true,");
        let found = diff(&load(&plain), &load(&marked)).changes;
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!((found[0].class, found[0].path.as_str()), (Class::Compatible, "errors"));
        assert!(found[0].message.contains("from none to `Mismatch`"), "{}", found[0].message);
        assert!(diff(&load(&marked), &load(&marked)).changes.is_empty());
    }

    #[test]
    fn endpoint_map_changes_are_classified_by_where_requests_go() {
        let with = |regions: &str, map: &str| {
            BASE.replace("  docs: Demo.\n", &format!("  regions: [{regions}]\n  endpoints: {{{map}}}\n  docs: Demo.\n"))
        };
        let diff_of = |old: &str, new: &str| {
            let report = diff(&load(old), &load(new));
            report.changes.into_iter().map(|c| (c.class, c.message)).collect::<Vec<_>>()
        };
        let base = with("cn-hangzhou, cn-beijing", "cn-hangzhou: demo-cn-hangzhou.aliyuncs.com");
        // A region's host changed: its requests go elsewhere.
        let moved = diff_of(&base, &with("cn-hangzhou, cn-beijing", "cn-hangzhou: demo.aliyuncs.com"));
        assert_eq!(moved.len(), 1, "{moved:?}");
        assert_eq!(moved[0].0, Class::BreakingWire);
        assert!(moved[0].1.contains("`demo.aliyuncs.com`, no longer to `demo-cn-hangzhou.aliyuncs.com`"), "{moved:?}");
        // A known region leaves the pattern for a host of its own, or returns to it.
        let mapped =
            diff_of(&base, &with("cn-hangzhou, cn-beijing", "cn-hangzhou: demo-cn-hangzhou.aliyuncs.com, cn-beijing: demo.aliyuncs.com"));
        assert_eq!(mapped.iter().map(|c| c.0).collect::<Vec<_>>(), [Class::BreakingWire], "{mapped:?}");
        let unmapped = diff_of(&base, &BASE.replace("  docs: Demo.\n", "  regions: [cn-hangzhou, cn-beijing]\n  docs: Demo.\n"));
        assert_eq!(unmapped.iter().map(|c| c.0).collect::<Vec<_>>(), [Class::BreakingWire], "{unmapped:?}");
        assert!(unmapped[0].1.contains("`demo.cn-hangzhou.aliyuncs.com`"), "{unmapped:?}");
        // A region added with its host: nobody sent there through this spec before.
        let added = diff_of(
            &base,
            &with(
                "cn-hangzhou, cn-beijing, cn-north-2-gov-1",
                "cn-hangzhou: demo-cn-hangzhou.aliyuncs.com, cn-north-2-gov-1: demo.aliyuncs.com",
            ),
        );
        assert_eq!(added.iter().map(|c| c.0).collect::<Vec<_>>(), [Class::Compatible, Class::Docs], "{added:?}");
        // Reordering the map changes nothing.
        let same = diff_of(
            &with("cn-hangzhou, cn-beijing", "cn-hangzhou: a.aliyuncs.com, cn-beijing: b.aliyuncs.com"),
            &with("cn-hangzhou, cn-beijing", "cn-beijing: b.aliyuncs.com, cn-hangzhou: a.aliyuncs.com"),
        );
        assert!(same.is_empty(), "{same:?}");
        let report = diff(&load(&base), &load(&with("cn-hangzhou, cn-beijing", "cn-hangzhou: demo.aliyuncs.com")));
        assert_eq!(report.bump, Bump::Major);
    }

    #[test]
    fn at_least_one_of_groups_added_tighten_and_removed_or_widened_are_compatible() {
        let with = |group: &str| {
            BASE.replace("      PageSize: {type: integer", "      Zone: {type: string, docs: Zone.}\n      PageSize: {type: integer")
                .replace("    http: {method: POST, path: /}\n", &format!("    http: {{method: POST, path: /}}\n{group}"))
        };
        let none = with("");
        let two = with("    at_least_one_of: [[Status, Zone]]\n");
        let three = with("    at_least_one_of: [[Status, Zone, PageSize]]\n");
        let found = |old: &str, new: &str| {
            diff(&load(old), &load(new)).changes.into_iter().map(|c| (c.class, c.path, c.message)).collect::<Vec<_>>()
        };
        let added = found(&none, &two);
        assert_eq!(added.len(), 1, "{added:?}");
        assert_eq!(added[0].0, Class::Tightened);
        assert_eq!(added[0].1, "operations.DescribeThings.at_least_one_of");
        assert!(added[0].2.contains("added: (Status, Zone)"), "{added:?}");
        assert_eq!(diff(&load(&none), &load(&two)).bump, Bump::Minor);
        let removed = found(&two, &none);
        assert!(removed.len() == 1 && removed[0].0 == Class::Compatible && removed[0].2.contains("was removed"), "{removed:?}");
        // A member more: every input that kept the group keeps it still.
        let widened = found(&two, &three);
        assert!(widened.iter().all(|c| c.0 == Class::Compatible) && widened.iter().any(|c| c.2.contains("widened to")), "{widened:?}");
        // A member fewer: inputs that set only that member are refused.
        let narrowed = found(&three, &two);
        assert!(narrowed.iter().any(|c| c.0 == Class::Tightened), "{narrowed:?}");
    }

    #[test]
    fn the_same_spec_has_no_change() {
        let report = diff(&load(BASE), &load(BASE));
        assert!(report.changes.is_empty());
        assert_eq!(report.bump, Bump::None);
        assert!(report.to_markdown().contains("No change."));
    }

    #[test]
    fn each_kind_of_change_is_classified() {
        // Rust: a member removed, a required member added, a type changed, an enum value removed.
        assert_eq!(classes(&BASE.replace("      Status: {type: Status, docs: Filter.}\n", "")), [Class::BreakingRust]);
        let required = BASE.replace("    output:\n", "      Zone: {type: string, required: true, docs: Zone.}\n    output:\n");
        assert_eq!(classes(&required), [Class::BreakingRust]);
        assert_eq!(classes(&BASE.replace("Total: {type: integer", "Total: {type: long")), [Class::BreakingRust]);
        assert_eq!(
            classes(&BASE.replace("values: {Running: running, Stopped: stopped}", "values: {Running: running}")),
            [Class::BreakingRust]
        );
        // Wire: the API version, the method, the location of a member.
        assert_eq!(classes(&BASE.replace("\"2020-01-01\"", "\"2021-01-01\"")), [Class::BreakingWire]);
        assert_eq!(classes(&BASE.replace("method: POST", "method: GET")), [Class::BreakingWire]);
        assert_eq!(classes(&BASE.replace("RegionId: {type: string,", "RegionId: {type: string, location: body,")), [Class::BreakingWire]);
        // Writing out what the protocol already does changes nothing: the default location, the
        // read-only rule (a `Describe…` action reads).
        assert_eq!(classes(&BASE.replace("RegionId: {type: string,", "RegionId: {type: string, location: query,")), []);
        assert_eq!(
            classes(&BASE.replace("    http: {method: POST, path: /}\n", "    http: {method: POST, path: /}\n    read_only: true\n")),
            []
        );
        assert_eq!(
            classes(&BASE.replace("    http: {method: POST, path: /}\n", "    http: {method: POST, path: /}\n    read_only: false\n")),
            [Class::Compatible]
        );
        assert_eq!(classes(&BASE.replace("[acs3-hmac-sha256, hmac-sha1]", "[hmac-sha1, acs3-hmac-sha256]")), [Class::BreakingWire]);
        // An input member no longer required: its field goes from `T` to `Option<T>`.
        assert_eq!(classes(&BASE.replace("RegionId: {type: string, required: true,", "RegionId: {type: string,")), [Class::BreakingRust]);
        // A wire name spelled otherwise whose Rust name stays: the wire only.
        let respelled = changes(&BASE.replace("RegionId: {type: string,", "RegionID: {type: string,"));
        assert_eq!(respelled.len(), 1, "{respelled:?}");
        assert_eq!(respelled[0].0, Class::BreakingWire);
        assert!(respelled[0].2.contains("from `RegionId` to `RegionID`"), "{respelled:?}");
        // Sent unsigned, or signed again: the wire changes.
        assert_eq!(
            classes(&BASE.replace("    http: {method: POST, path: /}\n", "    http: {method: POST, path: /}\n    anonymous: true\n")),
            [Class::BreakingWire]
        );
        // Tightened and relaxed constraints.
        assert_eq!(classes(&BASE.replace("max: 100}", "max: 50}")), [Class::Tightened]);
        assert_eq!(classes(&BASE.replace("max: 100}", "max: 500}")), [Class::Compatible]);
        // Compatible: an optional member, an enum value, an operation added.
        let optional = BASE.replace("    output:\n", "      Zone: {type: string, docs: Zone.}\n    output:\n");
        assert_eq!(classes(&optional), [Class::Compatible]);
        assert_eq!(classes(&BASE.replace("Stopped: stopped}", "Stopped: stopped, Pending: pending}")), [Class::Compatible]);
        // Documentation only.
        assert_eq!(classes(&BASE.replace("docs: Lists things.", "docs: Lists the things.")), [Class::Docs]);
    }

    #[test]
    fn a_renamed_operation_is_recognised_by_its_source_line() {
        let renamed = BASE.replace("  DescribeThings:\n", "  ListThings:\n");
        let found = changes(&renamed);
        assert!(found.iter().any(|(class, path, message)| *class == Class::BreakingRust
            && path == "operations.ListThings"
            && message.contains("renamed `ListThings`")));
        assert!(found.iter().any(|(class, _, message)| *class == Class::BreakingWire && message.contains("wire action")));
        assert!(!found.iter().any(|(_, _, message)| message.contains("was removed") || message.contains("was added")), "{found:?}");
        // Renamed in Rust only: the wire action kept with `action:`.
        let kept = BASE.replace("  DescribeThings:\n", "  ListThings:\n    action: DescribeThings\n");
        assert_eq!(classes(&kept), [Class::BreakingRust]);
    }

    #[test]
    fn the_report_orders_by_severity_and_names_lines_and_the_bump() {
        let new = BASE.replace("Stopped: stopped}", "Stopped: stopped, Pending: pending}").replace("method: POST", "method: GET");
        let report = diff(&load(BASE), &load(&new));
        assert_eq!(report.bump, Bump::Major);
        assert!(report.is_breaking());
        assert_eq!(report.changes[0].class, Class::BreakingWire);
        let markdown = report.to_markdown();
        let wire = markdown.find("### Breaking on the wire (1)").expect(&markdown);
        let compatible = markdown.find("### Compatible (1)").expect(&markdown);
        assert!(wire < compatible, "{markdown}");
        assert!(markdown.contains("`operations.DescribeThings.http.method` (demo.yaml:"), "{markdown}");
        let json = serde_json::to_value(&report).unwrap();
        assert_eq!(json["bump"], "major");
        assert_eq!(json["changes"][0]["class"], "breaking-wire");
    }
}
