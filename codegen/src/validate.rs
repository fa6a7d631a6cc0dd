//! Semantic checks on a deserialized spec: references resolve, names do not collide (with
//! each other, with the names the generator defines — [`crate::reserved`] — and with the
//! workspace's packages), constraints fit their types and do not contradict each other,
//! names fit the file system. Every problem is reported, each with its path, line and
//! column.
//!
//! The checks are iterative: nothing here recurses over the spec's nesting (type
//! expressions are bounded by [`crate::spec::limits::MAX_TYPE_DEPTH`] before they are
//! parsed).

mod resources;
mod workspace;

use std::collections::{BTreeMap, HashMap, HashSet};

use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::load::LoadedSpec;
use crate::names;
use crate::spec::{Bounds, Encoding, Location, Member, Scalar, ShapeKind, Spec, TypeExpr, UniqueMap};

pub use workspace::WORKSPACE_PACKAGES;

/// The longest file name most file systems take, in bytes (ext4, APFS, NTFS: 255).
pub const MAX_FILE_NAME_BYTES: usize = 255;

/// The longest `service.crate`: `yun-<crate>` and cargo's artifact names
/// (`libyun_<crate>-<hash>.rlib`) then stay far below [`MAX_FILE_NAME_BYTES`].
pub const MAX_CRATE_NAME: usize = 64;

/// Names Windows refuses as a file or folder name, with any extension.
const DEVICE_NAMES: &[&str] = &[
    "con", "prn", "aux", "nul", "com1", "com2", "com3", "com4", "com5", "com6", "com7", "com8", "com9", "lpt1", "lpt2", "lpt3", "lpt4",
    "lpt5", "lpt6", "lpt7", "lpt8", "lpt9",
];

/// Checks a loaded spec; `Ok` means it can be resolved and emitted.
pub fn validate(loaded: &LoadedSpec) -> Result<(), Diagnostics> {
    check(loaded, true)
}

/// [`validate`] without comparing the crate name with the workspace's packages and the sibling
/// specs': for a spec read to be compared, not generated (`cargo xtask diff` reads two versions
/// of one spec, which share their crate).
pub fn validate_alone(loaded: &LoadedSpec) -> Result<(), Diagnostics> {
    check(loaded, false)
}

fn check(loaded: &LoadedSpec, with_workspace: bool) -> Result<(), Diagnostics> {
    let mut v = Validator { loaded, found: Vec::new(), index: None, patterns: HashMap::new(), with_workspace };
    v.service();
    v.shapes();
    v.operations();
    v.wire_actions();
    v.one_of_groups();
    v.at_least_one_of_groups();
    v.dry_run();
    v.paginators();
    v.waiters();
    v.resources();
    v.error_codes();
    v.reserved_names();
    v.file_names();
    v.changelog();
    if v.found.is_empty() {
        Ok(())
    } else {
        Err(Diagnostics(v.found))
    }
}

struct Validator<'a> {
    loaded: &'a LoadedSpec,
    found: Vec<Diagnostic>,
    /// Where the keys are written, read on the first report.
    index: Option<crate::spec::KeyIndex<'a>>,
    /// Each distinct `pattern` compiled once: its error, if it is not a regular expression
    /// (compiling one is costly, and specs repeat theirs).
    patterns: HashMap<String, Option<String>>,
    /// Compare the crate name with the workspace's packages and the sibling specs'.
    with_workspace: bool,
}

impl Validator<'_> {
    fn spec(&self) -> &Spec {
        &self.loaded.spec
    }

    /// Reports a problem at `path`: at the place of its last key, or of the deepest prefix
    /// of it written in the file (line 1, column 1 when none is).
    fn report(&mut self, path: &[&str], message: impl Into<String>) {
        let text = &self.loaded.text;
        let (line, column) = self.index.get_or_insert_with(|| crate::spec::KeyIndex::new(text)).find(path).unwrap_or((1, 1));
        self.found.push(Diagnostic {
            file: self.loaded.file.clone(),
            path: crate::diagnostic::yaml_path(path),
            line: Some(line),
            column: Some(column),
            message: message.into(),
        });
    }

    /// Names of the spec that take a name the generator defines ([`crate::reserved`]).
    /// The changelog: versions that parse, newest first, none above `service.version`; dates
    /// `YYYY-MM-DD`; no empty text.
    fn changelog(&mut self) {
        let spec = self.loaded.spec.clone();
        let current = crate::spec::Version::parse(&spec.service.version);
        let mut previous: Option<crate::spec::Version> = None;
        for (i, release) in spec.changelog.iter().enumerate() {
            let index = i.to_string();
            match crate::spec::Version::parse(&release.version) {
                None => self.report(
                    &["changelog", &index, "version"],
                    format!("`{}` is not a version: write `MAJOR.MINOR.PATCH`, e.g. `0.1.0`", release.version),
                ),
                Some(v) => {
                    if let Some(p) = previous.filter(|p| v >= *p) {
                        self.report(&["changelog", &index, "version"], format!("{v} is not below {p}, the entry before it: newest first"));
                    }
                    if let Some(c) = current.filter(|c| i == 0 && v > *c) {
                        self.report(
                            &["changelog", &index, "version"],
                            format!("the newest release {v} is above `service.version` {c}: bump `service.version` with it"),
                        );
                    }
                    previous = Some(v);
                }
            }
            if let Some(date) = &release.date {
                let b = date.as_bytes();
                let shaped =
                    b.len() == 10 && b.iter().enumerate().all(|(k, c)| if k == 4 || k == 7 { *c == b'-' } else { c.is_ascii_digit() });
                let (month, day) = (date.get(5..7).and_then(|m| m.parse::<u8>().ok()), date.get(8..10).and_then(|d| d.parse::<u8>().ok()));
                if !shaped || !month.is_some_and(|m| (1..=12).contains(&m)) || !day.is_some_and(|d| (1..=31).contains(&d)) {
                    self.report(&["changelog", &index, "date"], format!("`{date}` is not a date: write `YYYY-MM-DD`"));
                }
            }
            if release.changes.is_empty() {
                self.report(&["changelog", &index, "changes"], "a release with no change: list what users see, or remove the entry");
            }
            for (k, note) in release.changes.iter().enumerate() {
                if note.text.trim().is_empty() {
                    self.report(&["changelog", &index, "changes", &k.to_string(), "text"], "empty: say what users see change");
                }
            }
        }
    }

    fn reserved_names(&mut self) {
        for collision in crate::reserved::collisions(self.spec()) {
            let path: Vec<&str> = collision.path.iter().map(String::as_str).collect();
            self.report(&path, collision.message.clone());
        }
    }

    /// Names that become file or folder names fit the file system: `src/operation/<op>.rs`
    /// and the crate's folder.
    fn file_names(&mut self) {
        let long: Vec<(String, String)> = self
            .spec()
            .operations
            .keys()
            .map(|k| (k.clone(), format!("{}.rs", names::module_name(k))))
            .filter(|(_, file)| file.len() > MAX_FILE_NAME_BYTES || is_device_name(file))
            .collect();
        for (key, file) in long {
            let message = if is_device_name(&file) {
                format!("operation `{key}` is written to `src/operation/{file}`, a name Windows reserves for a device: choose another key and keep the wire name with `action: {key}`")
            } else {
                format!(
                    "operation `{}…` is written to a file named with {} bytes; file systems take at most {MAX_FILE_NAME_BYTES}: choose a shorter key and keep the wire name with `action:`",
                    key.chars().take(40).collect::<String>(),
                    file.len()
                )
            };
            self.report(&["operations", &key], message);
        }
    }

    fn service(&mut self) {
        let service = self.spec().service.clone();
        let crate_ok = service.crate_name.starts_with(|c: char| c.is_ascii_lowercase())
            && !service.crate_name.ends_with('-')
            && !service.crate_name.contains("--")
            && service.crate_name.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        let crate_name = service.crate_name.clone();
        let no_signing = service.signing.is_empty();
        let endpoint = service.endpoint.clone();
        if !crate_ok {
            self.report(
                &["service", "crate"],
                format!("`{crate_name}` is not a crate folder name: use lowercase letters, digits and single `-`, starting with a letter"),
            );
        } else if crate_name.len() > MAX_CRATE_NAME {
            self.report(&["service", "crate"], format!("the crate name is {} characters long: at most {MAX_CRATE_NAME}", crate_name.len()));
        } else if is_device_name(&crate_name) {
            self.report(&["service", "crate"], format!("`{crate_name}` is a name Windows reserves for a device: it cannot be a folder"));
        } else if self.with_workspace {
            for message in workspace::crate_collisions(&self.loaded.file, &crate_name) {
                self.report(&["service", "crate"], message);
            }
        }
        if no_signing {
            self.report(&["service", "signing"], "at least one signature scheme is required");
        }
        let facts = service.protocol.facts();
        let misfits: Vec<String> = service.signing.iter().filter(|s| !facts.signs_with(**s)).map(|s| format!("{s:?}")).collect();
        if !misfits.is_empty() {
            let protocol = service.protocol;
            self.report(&["service", "signing"], format!("{} cannot sign {protocol:?} requests", misfits.join(", ")));
        }
        if crate::spec::Version::parse(&service.version).is_none() {
            self.report(
                &["service", "version"],
                format!("`{}` is not a version: write `MAJOR.MINOR.PATCH`, e.g. `0.1.0`", service.version),
            );
        }
        if service.sources.document.is_none() && service.sources.sdk.is_none() {
            self.report(&["service", "sources"], "`sources` names the seed `document`, the official `sdk` the facts come from, or both");
        }
        if let Some(lines) = service.sources.document_lines {
            if service.sources.document.is_none() {
                self.report(&["service", "sources", "document_lines"], "`document_lines` are lines of `document`, which is not given");
            } else if lines.from == 0 || lines.from > lines.to {
                self.report(
                    &["service", "sources", "document_lines"],
                    format!("`from: {}, to: {}` is not a range of lines: 1-based, `from` at most `to`", lines.from, lines.to),
                );
            }
        }
        for (key, value) in [("name", &service.name), ("api_version", &service.api_version)] {
            if value.is_empty() || value.chars().any(|c| c.is_whitespace() || c.is_control()) {
                self.report(
                    &["service", key],
                    format!("`{}` cannot be sent: the {key} is not empty and has no blanks", value.escape_debug()),
                );
            }
        }
        // `{region}` is the one placeholder the runtime fills; the rest is a host name (and a port).
        let host = endpoint.replace("{region}", "region");
        let host_ok = !host.is_empty() && host.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_' | ':'));
        if !host_ok {
            self.report(
                &["service", "endpoint"],
                format!(
                    "`{}` is not a host pattern: write a host such as `ecs.{{region}}.aliyuncs.com` (`{{region}}` is its only placeholder)",
                    endpoint.escape_debug()
                ),
            );
        }
        self.endpoint_map(&service, facts.endpoint_map);
        let kingsoft_only = |key: &str| format!("`{key}` applies to the ksyun-query protocol only");
        if let Some(global) = &service.global_endpoint {
            if !facts.kingsoft_keys {
                self.report(&["service", "global_endpoint"], kingsoft_only("global_endpoint"));
            } else if global.is_empty() || global.contains("://") || global.contains('/') || global.contains('{') {
                self.report(
                    &["service", "global_endpoint"],
                    format!("`{global}` is not a host: write one without a region, such as `kec.api.ksyun.com`"),
                );
            }
        }
        if let Some(name) = &service.signing_name {
            if !facts.kingsoft_keys {
                self.report(&["service", "signing_name"], kingsoft_only("signing_name"));
            } else if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                self.report(
                    &["service", "signing_name"],
                    format!("`{name}` is not a service name of a credential scope (letters, digits, `-`, `_`)"),
                );
            }
        }
    }

    /// `service.endpoints`: only where the runtime has a map; each region listed in
    /// `regions` and not one the pattern already serves; each host a host name.
    fn endpoint_map(&mut self, service: &crate::spec::Service, supported: bool) {
        if service.endpoints.is_empty() {
            return;
        }
        if !supported {
            let protocol = service.protocol.facts().name;
            self.report(&["service", "endpoints"], format!("`endpoints` applies to the aliyun-rpc protocol only, not {protocol}"));
            return;
        }
        for (region, host) in service.endpoints.iter() {
            let at = ["service", "endpoints", region.as_str()];
            if !service.regions.contains(region) {
                self.report(&at, format!("the region `{}` is not in `regions`: list it there too", region.escape_debug()));
            }
            if let Some(problem) = host_problem(host) {
                self.report(&at, format!("`{}` is not a host name: {problem}", host.escape_debug()));
            } else if service.endpoint.replace("{region}", region) == *host {
                self.report(&at, format!("`{host}` is what `endpoint` gives `{region}` already: leave it out"));
            }
        }
    }

    /// Wire action names (`action:`, else the key) are not empty and no two operations
    /// send the same one.
    fn wire_actions(&mut self) {
        let ops: Vec<(String, Option<String>)> = self.spec().operations.iter().map(|(k, v)| (k.clone(), v.action.clone())).collect();
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        // Keys first, so a clash is reported at the operation that renames itself.
        for (key, action) in ops.iter().filter(|(_, a)| a.is_none()).chain(ops.iter().filter(|(_, a)| a.is_some())) {
            let wire = action.clone().unwrap_or_else(|| key.clone());
            let at = ["operations", key.as_str(), "action"];
            if action.is_some() && (wire.is_empty() || !wire.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-'))
            {
                self.report(&at, format!("`{wire}` is not an action name: letters, digits, `_`, `.` or `-`, not empty"));
                continue;
            }
            if action.as_deref() == Some(key.as_str()) {
                self.report(&at, format!("`action: {wire}` repeats the operation's key: leave it out"));
            }
            if let Some(other) = seen.insert(wire.clone(), key.clone()) {
                self.report(&at, format!("operations `{other}` and `{key}` both send the action `{wire}`"));
            }
        }
    }

    /// `one_of` groups: at least two, none empty, disjoint, each name an optional input member.
    fn one_of_groups(&mut self) {
        let ops: Vec<_> = self.spec().operations.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (name, op) in &ops {
            if op.one_of.is_empty() {
                continue;
            }
            let at = ["operations", name.as_str(), "one_of"];
            if op.one_of.len() < 2 {
                self.report(&at, "`one_of` needs at least two groups of members (one group alone is just `required`)");
            }
            let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
            for (i, group) in op.one_of.iter().enumerate() {
                if group.is_empty() {
                    self.report(&at, format!("group {} of `one_of` is empty", i + 1));
                }
                for member in group {
                    match op.input.get(member) {
                        None => {
                            let known = crate::spec::member_path::some_names(op.input.keys().map(String::as_str));
                            self.report(&at, format!("`{member}` is not an input member of `{name}` (input: {known})"));
                        }
                        Some(m) if m.required => {
                            self.report(
                                &at,
                                format!(
                                    "`{member}` is `required: true`: a member of a `one_of` group is set only when its group is chosen"
                                ),
                            );
                        }
                        Some(_) => {}
                    }
                    if let Some(other) = seen.insert(member.as_str(), i) {
                        if other == i {
                            self.report(&at, format!("`{member}` is named twice in group {}", i + 1));
                        } else {
                            self.report(&at, format!("`{member}` is in groups {} and {}: groups must not share members", other + 1, i + 1));
                        }
                    }
                }
            }
        }
    }

    /// `at_least_one_of` groups: each of at least two names (one is just `required`), each an
    /// input member that is not `required: true`, none named twice in a group, no group twice.
    fn at_least_one_of_groups(&mut self) {
        let ops: Vec<_> = self.spec().operations.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        for (name, op) in &ops {
            let at = ["operations", name.as_str(), "at_least_one_of"];
            for (i, group) in op.at_least_one_of.iter().enumerate() {
                if group.len() < 2 {
                    self.report(
                        &at,
                        format!("group {} of `at_least_one_of` needs at least two members (one alone is just `required: true`)", i + 1),
                    );
                }
                if op.at_least_one_of[..i].iter().any(|g| g == group) {
                    self.report(&at, format!("group {} of `at_least_one_of` repeats an earlier group", i + 1));
                }
                let mut seen = HashSet::new();
                for member in group {
                    match op.input.get(member) {
                        None => {
                            let known = crate::spec::member_path::some_names(op.input.keys().map(String::as_str));
                            self.report(&at, format!("`{member}` is not an input member of `{name}` (input: {known})"));
                        }
                        Some(m) if m.required => self.report(
                            &at,
                            format!("`{member}` is `required: true`, so its group of `at_least_one_of` is always kept: drop the group"),
                        ),
                        Some(_) => {}
                    }
                    if !seen.insert(member.as_str()) {
                        self.report(&at, format!("`{member}` is named twice in group {} of `at_least_one_of`", i + 1));
                    }
                }
            }
        }
    }

    /// The dry-run block: Kingsoft only, a parameter and a code, and no operation that
    /// already has an input member of that name.
    fn dry_run(&mut self) {
        let Some(dry) = self.spec().service.dry_run.clone() else { return };
        if !self.spec().service.protocol.facts().kingsoft_keys {
            self.report(&["service", "dry_run"], "`dry_run` applies to the ksyun-query protocol only");
            return;
        }
        if dry.member.is_empty() || !dry.member.chars().all(|c| c.is_ascii_alphanumeric()) {
            self.report(&["service", "dry_run", "member"], format!("`{}` is not a parameter name", dry.member));
        }
        if dry.code.is_empty() {
            self.report(&["service", "dry_run", "code"], "the error code of a dry run that would succeed is required");
        }
        if dry.http_status.is_some_and(|s| !(100..=599).contains(&s)) {
            self.report(&["service", "dry_run", "http_status"], "not an HTTP status");
        }
        let clashes: Vec<String> =
            self.spec().operations.iter().filter(|(_, op)| op.input.contains_key(&dry.member)).map(|(k, _)| k.clone()).collect();
        for op in clashes {
            self.report(
                &["operations", &op, "input", &dry.member],
                format!(
                    "`{}` is the service's dry-run parameter (`service.dry_run`): `Client::dry_run` sends it, remove the member",
                    dry.member
                ),
            );
        }
    }

    fn shapes(&mut self) {
        let shapes: Vec<_> = self.spec().shapes.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let mut rust_names: BTreeMap<String, String> = BTreeMap::new();
        for (name, shape) in &shapes {
            let path = ["shapes", name.as_str()];
            if let Err(e) = TypeExpr::parse(name).and_then(|t| match t {
                TypeExpr::Named(_) => Ok(()),
                _ => Err(format!("`{name}` is a built-in type name")),
            }) {
                self.report(&path, format!("invalid shape name: {e}"));
            }
            let rust = names::type_name(name);
            if let Some(other) = rust_names.insert(rust.clone(), name.clone()) {
                self.report(&path, format!("shapes `{other}` and `{name}` both become the Rust type `{rust}`"));
            }
            match shape.kind {
                ShapeKind::Enum => {
                    if shape.members.is_some() {
                        self.report(&[&path[..], &["members"]].concat(), "an enum has `values`, not `members`");
                    }
                    match &shape.values {
                        None => self.report(&path, "an enum needs `values`"),
                        Some(values) if values.is_empty() => {
                            self.report(&[&path[..], &["values"]].concat(), "an enum needs at least one value")
                        }
                        Some(values) => self.enum_values(name, values),
                    }
                }
                ShapeKind::Structure => {
                    if shape.case_insensitive {
                        self.report(&[&path[..], &["case_insensitive"]].concat(), "`case_insensitive` applies to enums");
                    }
                    if shape.values.is_some() {
                        self.report(&[&path[..], &["values"]].concat(), "a structure has `members`, not `values`");
                    }
                    match &shape.members {
                        None => self.report(&path, "a structure needs `members`"),
                        Some(members) => self.members(&["shapes", name, "members"], members, false),
                    }
                }
            }
        }
    }

    fn is_structure(&self, ty: &TypeExpr) -> bool {
        ty.named().and_then(|n| self.spec().shapes.get(n)).is_some_and(|s| s.kind == ShapeKind::Structure)
    }

    /// Every error code of the spec becomes a variant of the crate's `ErrorCode`: two codes
    /// that spell the same variant (`InvalidParameter`, `Invalid.Parameter`) cannot both be.
    fn error_codes(&mut self) {
        let mut seen: BTreeMap<String, String> = BTreeMap::new();
        let spec = self.loaded.spec.clone();
        let all =
            spec.errors.iter().map(|e| (vec!["errors".to_owned()], e)).chain(spec.operations.iter().flat_map(|(name, op)| {
                op.errors.iter().map(move |e| (vec!["operations".to_owned(), name.clone(), "errors".to_owned()], e))
            }));
        for (i, error) in spec.errors.iter().enumerate() {
            let index = i.to_string();
            if error.http_status.is_some_and(|s| !(100..=599).contains(&s)) {
                self.report(&["errors", &index, "http_status"], "not an HTTP status (100 to 599)");
            }
            if error.idempotency_mismatch && spec.errors[..i].iter().any(|e| e.idempotency_mismatch) {
                self.report(&["errors", &index, "idempotency_mismatch"], "only one service error answers an idempotency mismatch");
            }
        }
        let empty: Vec<Vec<String>> =
            spec.errors
                .iter()
                .enumerate()
                .filter(|(_, e)| e.code.trim().is_empty())
                .map(|(i, _)| vec!["errors".to_owned(), i.to_string(), "code".to_owned()])
                .chain(spec.operations.iter().flat_map(|(name, op)| {
                    op.errors.iter().enumerate().filter(|(_, e)| e.code.trim().is_empty()).map(move |(i, _)| {
                        vec!["operations".to_owned(), name.clone(), "errors".to_owned(), i.to_string(), "code".to_owned()]
                    })
                }))
                .collect();
        for path in empty {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            self.report(&path, "an error code is not empty");
        }
        for (path, error) in all {
            let variant = names::variant_name(&error.code.replace('.', "_"));
            match seen.get(&variant) {
                Some(other) if *other != error.code => {
                    let path: Vec<&str> = path.iter().map(String::as_str).collect();
                    self.report(&path, format!("error codes `{other}` and `{}` both become the variant `{variant}`", error.code));
                }
                _ => {
                    seen.insert(variant, error.code.clone());
                }
            }
        }
    }

    fn enum_values(&mut self, shape: &str, values: &UniqueMap<String>) {
        let mut seen: BTreeMap<String, &str> = BTreeMap::new();
        for value in values.keys() {
            let variant = names::variant_name(value);
            if let Some(other) = seen.insert(variant.clone(), value) {
                self.report(
                    &["shapes", shape, "values", value],
                    format!("values `{other}` and `{value}` both become the variant `{variant}`"),
                );
            }
        }
    }

    fn operations(&mut self) {
        let ops: Vec<_> = self.spec().operations.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
        let mut fns = HashSet::new();
        for (name, op) in &ops {
            let path = ["operations", name.as_str()];
            if !name.starts_with(|c: char| c.is_ascii_uppercase()) || !name.chars().all(|c| c.is_ascii_alphanumeric()) {
                self.report(&path, format!("operation `{name}` is not a PascalCase action name"));
            }
            if !fns.insert(names::module_name(name)) {
                self.report(&path, format!("operation `{name}` becomes a method name another operation already has"));
            }
            if op.source.doc.is_none() && op.source.sdk.is_none() {
                self.report(&[&path[..], &["source"]].concat(), "say where the operation comes from: `doc` and `line`, or `sdk`");
            }
            if op.source.doc.is_some() && op.source.line.is_none() {
                self.report(&[&path[..], &["source"]].concat(), "a `doc` source needs its `line`");
            }
            if !op.http.path.starts_with('/') {
                self.report(&[&path[..], &["http", "path"]].concat(), format!("`{}` must start with `/`", op.http.path));
            }
            match path_template(&op.http.path) {
                Err(e) => self.report(&[&path[..], &["http", "path"]].concat(), e),
                Ok(segments) => {
                    for segment in segments {
                        let bound = op.input.get(segment).is_some_and(|m| m.location == Some(Location::Path));
                        if !bound {
                            self.report(
                                &[&path[..], &["http", "path"]].concat(),
                                format!("`{{{segment}}}` needs an input member `{segment}` with `location: path`"),
                            );
                        }
                    }
                }
            }
            if op.anonymous && !self.spec().service.protocol.facts().anonymous_operations {
                let protocol = self.spec().service.protocol.facts().name;
                self.report(&["operations", name, "anonymous"], format!("`{protocol}` sends no unsigned requests"));
            }
            if self.spec().service.protocol.facts().rest {
                self.rest_locations(name, op);
            } else if op.http.body_wrapper.is_some() {
                self.report(&["operations", name, "http", "body_wrapper"], "only REST protocols send a JSON body");
            }
            self.members(&["operations", name, "input"], &op.input, true);
            self.members(&["operations", name, "output"], &op.output, false);
            let mut codes = HashSet::new();
            for (i, error) in op.errors.iter().enumerate() {
                if error.http_status.is_some_and(|s| !(100..=599).contains(&s)) {
                    let index = i.to_string();
                    self.report(&["operations", name, "errors", &index, "http_status"], "not an HTTP status (100 to 599)");
                }
                if error.idempotency_mismatch && !op.input.values().any(|m| m.idempotency_token) {
                    let index = i.to_string();
                    self.report(
                        &["operations", name, "errors", &index, "idempotency_mismatch"],
                        "the operation takes no idempotency token (no input member with `idempotency_token`)",
                    );
                }
                if error.idempotency_mismatch && op.errors[..i].iter().any(|e| e.idempotency_mismatch) {
                    let index = i.to_string();
                    self.report(
                        &["operations", name, "errors", &index, "idempotency_mismatch"],
                        "only one error of an operation answers an idempotency mismatch",
                    );
                }
                if !codes.insert(error.code.as_str()) {
                    let index = i.to_string();
                    self.report(&["operations", name, "errors", &index], format!("error code `{}` is listed twice", error.code));
                }
            }
        }
    }

    /// A paginator's members exist with usable types, and its paths resolve to a list and
    /// to scalars.
    fn paginators(&mut self) {
        use crate::spec::{member_path, PaginatorKind};
        let spec = self.loaded.spec.clone();
        for (name, op) in spec.operations.iter() {
            let Some(p) = &op.paginator else { continue };
            let at = |key: &str| ["operations", name.as_str(), "paginator", key].map(str::to_owned);
            let mut problems: Vec<([String; 4], String)> = Vec::new();
            let scalar_input = |member: &str| -> Result<Scalar, String> {
                let m = op.input.get(member).ok_or_else(|| format!("`{member}` is not an input member of `{name}`"))?;
                match TypeExpr::parse(&m.ty) {
                    Ok(TypeExpr::Scalar(s)) => Ok(s),
                    _ => Err(format!("`{member}` is a `{}`, not a scalar", m.ty)),
                }
            };
            let input = scalar_input(&p.input);
            match (&input, p.kind) {
                (Err(e), _) => problems.push((at("input"), e.clone())),
                (Ok(s), PaginatorKind::PageNumber) if !matches!(s, Scalar::Integer | Scalar::Long) => {
                    problems.push((at("input"), format!("a page number must be an integer, not `{}`", s.as_str())));
                }
                (Ok(s), PaginatorKind::Offset) if !matches!(s, Scalar::Integer | Scalar::Long) => {
                    problems.push((at("input"), format!("an offset must be an integer, not `{}`", s.as_str())));
                }
                _ => {}
            }
            if let Some(size) = &p.page_size {
                match scalar_input(size) {
                    Err(e) => problems.push((at("page_size"), e)),
                    Ok(s) if !matches!(s, Scalar::Integer | Scalar::Long) => {
                        problems.push((at("page_size"), format!("a page size must be an integer, not `{}`", s.as_str())));
                    }
                    Ok(_) if *size == p.input => {
                        problems.push((
                            at("page_size"),
                            format!("`{size}` is the paginator's `input` too: the page size and the page selector are two members"),
                        ));
                    }
                    Ok(_) => {}
                }
            }
            if let Some(group) = op.at_least_one_of.iter().position(|g| g.contains(&p.input)) {
                problems.push((
                    at("input"),
                    format!(
                        "`{}` is in group {} of `at_least_one_of`: the paginator sets it on every page, which keeps the group for the caller",
                        p.input,
                        group + 1
                    ),
                ));
            }
            if let Some(group) = op.one_of.iter().position(|g| g.contains(&p.input)) {
                problems.push((
                    at("input"),
                    format!(
                        "`{}` is in group {} of `one_of`: the paginator sets it on every page, which chooses that group for the caller",
                        p.input,
                        group + 1
                    ),
                ));
            }
            match member_path::resolve(&spec, &op.output, &p.items) {
                Err(e) => problems.push((at("items"), e)),
                Ok(steps) if !steps.last().is_some_and(|s| s.is_list()) => {
                    problems.push((at("items"), format!("`{}` does not end in a list", p.items)));
                }
                Ok(steps) if steps[..steps.len() - 1].iter().any(|s| s.is_list()) => {
                    problems.push((at("items"), format!("`{}` goes through a list before its end", p.items)));
                }
                Ok(_) => {}
            }
            let scalar_output = |key: &str, path: &str| -> Option<([String; 4], String)> {
                match member_path::resolve(&spec, &op.output, path) {
                    Err(e) => Some((at(key), e)),
                    Ok(steps) if steps.iter().any(|s| s.is_list()) || !matches!(steps.last().map(|s| &s.ty), Some(TypeExpr::Scalar(_))) => {
                        Some((at(key), format!("`{path}` must name one scalar member")))
                    }
                    Ok(_) => None,
                }
            };
            match (p.kind, &p.next, &p.total) {
                (PaginatorKind::Token, None, _) => problems.push((at("next"), "a `token` paginator needs `next`".to_owned())),
                (PaginatorKind::Token, Some(next), _) => problems.extend(scalar_output("next", next)),
                (PaginatorKind::PageNumber | PaginatorKind::Offset, Some(_), _) => {
                    problems.push((at("next"), "a `page-number` or `offset` paginator has no `next`".to_owned()))
                }
                (PaginatorKind::PageNumber | PaginatorKind::Offset, None, Some(total)) => problems.extend(scalar_output("total", total)),
                (PaginatorKind::PageNumber | PaginatorKind::Offset, None, None) => {}
            }
            if p.kind != PaginatorKind::Token && !p.done_when.is_empty() {
                problems.push((at("done_when"), "`done_when` names values of a `token` paginator's `next`".to_owned()));
            }
            if let (PaginatorKind::Token, Some(next), Ok(input)) = (p.kind, &p.next, &input) {
                let same = member_path::resolve(&spec, &op.output, next).ok().and_then(|s| s.last().map(|s| s.ty.clone()));
                if same.is_some_and(|t| t != TypeExpr::Scalar(*input)) {
                    problems.push((at("next"), format!("`{next}` and the input `{}` must have the same type", p.input)));
                }
            }
            for (path, message) in problems {
                self.report(&path.each_ref().map(String::as_str), message);
            }
        }
    }

    /// A waiter polls an operation that exists, reads a state path that resolves to a
    /// scalar or an enum, and names states the enum knows.
    fn waiters(&mut self) {
        use crate::spec::member_path;
        let spec = self.loaded.spec.clone();
        for (name, waiter) in spec.waiters.iter() {
            let at = |key: &str| ["waiters", name.as_str(), key].map(str::to_owned);
            let mut problems: Vec<([String; 3], String)> = Vec::new();
            if names::field_name(name) != *name {
                problems.push((at("operation"), format!("waiter name `{name}` is not snake_case (`{}`)", names::field_name(name))));
            }
            let failures: HashSet<&String> = waiter.failure.iter().collect();
            for state in waiter.success.iter().filter(|s| failures.contains(s)) {
                problems.push((at("failure"), format!("`{state}` is both a success and a failure state")));
            }
            if waiter.success.is_empty() && waiter.when_absent != Some(crate::spec::Absent::Success) {
                problems.push((at("success"), "a waiter needs a success state, or `when_absent: success`".to_owned()));
            }
            // The defaults the generator fills in: 5 s, 60 s, 600 s.
            let (delay, max_delay, max_wait) = (waiter.delay.unwrap_or(5), waiter.max_delay.unwrap_or(60), waiter.max_wait.unwrap_or(600));
            if delay == 0 {
                problems.push((at("delay"), "a waiter must pause between polls: `delay` is at least 1 second".to_owned()));
            }
            if delay > max_delay {
                problems.push((at("max_delay"), format!("max_delay {max_delay}s is shorter than delay {delay}s")));
            }
            if max_wait < delay {
                problems.push((at("max_wait"), format!("max_wait {max_wait}s is shorter than delay {delay}s: it would poll once")));
            }
            match spec.operations.get(&waiter.operation) {
                None => problems.push((at("operation"), format!("no operation `{}`", waiter.operation))),
                Some(op) => match member_path::resolve(&spec, &op.output, &waiter.state) {
                    Err(e) => problems.push((at("state"), e)),
                    Ok(steps) => match steps.last().map(|s| s.item_type().clone()) {
                        Some(TypeExpr::Scalar(_)) if !steps.last().is_some_and(|s| s.is_list()) => {}
                        Some(TypeExpr::Named(shape)) if spec.shapes.get(&shape).is_some_and(|s| s.kind == ShapeKind::Enum) => {
                            let values = spec.shapes.get(&shape).and_then(|s| s.values.as_ref());
                            for state in waiter.success.iter().chain(&waiter.failure) {
                                if !values.is_some_and(|v| v.contains_key(state)) {
                                    problems.push((at("success"), format!("`{state}` is not a value of `{shape}`")));
                                }
                            }
                        }
                        _ => problems.push((at("state"), format!("`{}` must end in a scalar or enum member", waiter.state))),
                    },
                },
            }
            for (path, message) in problems {
                self.report(&path.each_ref().map(String::as_str), message);
            }
        }
    }

    /// JD Cloud REST sends what is not in the path in the query (GET, DELETE) or in the JSON
    /// body (POST, PATCH, PUT), never both; a path member must appear in the template.
    fn rest_locations(&mut self, name: &str, op: &crate::spec::Operation) {
        use crate::spec::HttpMethod;
        let in_body = !matches!(op.http.method, HttpMethod::Get | HttpMethod::Delete);
        // A template with broken braces is reported by itself; its members are not judged by it.
        let template = path_template(&op.http.path);
        let segments: HashSet<&str> = template.clone().unwrap_or_default().into_iter().collect();
        for (wire, member) in op.input.iter() {
            let at = ["operations", name, "input", wire.as_str(), "location"];
            match member.location {
                Some(Location::Path) if template.is_ok() && !segments.contains(wire.as_str()) => {
                    self.report(&at, format!("`{wire}` is not a `{{{wire}}}` segment of `{}`", op.http.path));
                }
                Some(Location::Path) if !member.required => {
                    self.report(&at, format!("`{wire}` fills a path segment: it must be `required: true`"));
                }
                Some(Location::Body) if !in_body => {
                    self.report(&at, format!("a {} request has no body: use `query`", op.http.method.as_str()));
                }
                Some(Location::Payload) if !in_body => {
                    self.report(&at, format!("a {} request has no body: use `query`", op.http.method.as_str()));
                }
                _ => {}
            }
        }
        let payloads: Vec<&String> = op.input.iter().filter(|(_, m)| m.location == Some(Location::Payload)).map(|(k, _)| k).collect();
        let body_members = op.input.iter().filter(|(_, m)| in_body && matches!(m.location, None | Some(Location::Body))).count();
        if payloads.len() > 1 || (!payloads.is_empty() && (body_members > 0 || op.http.body_wrapper.is_some())) {
            self.report(
                &["operations", name, "input"],
                "a `payload` member is the whole body: it goes alone, without other body members or a `body_wrapper`",
            );
        }
        if op.http.body_wrapper.as_deref().is_some_and(|w| w.trim().is_empty()) {
            self.report(
                &["operations", name, "http", "body_wrapper"],
                "a `body_wrapper` names the key the body goes under: it is not empty",
            );
        }
        if op.http.body_wrapper.is_some() && !in_body {
            self.report(&["operations", name, "http", "body_wrapper"], format!("a {} request has no body", op.http.method.as_str()));
        }
    }

    fn members(&mut self, path: &[&str], members: &UniqueMap<Member>, is_input: bool) {
        let mut fields: BTreeMap<String, &str> = BTreeMap::new();
        let mut spellings: BTreeMap<&str, &str> = members.keys().map(|k| (k.as_str(), k.as_str())).collect();
        for (name, member) in members.iter() {
            let here: Vec<&str> = path.iter().copied().chain([name.as_str()]).collect();
            if !member.aliases.is_empty() {
                let at: Vec<&str> = here.iter().copied().chain(["aliases"]).collect();
                if is_input {
                    self.report(
                        &at,
                        "`aliases` are other spellings an answer uses: they apply to output and structure members, not to inputs",
                    );
                }
                for alias in &member.aliases {
                    if alias.is_empty() {
                        self.report(&at, "an alias is empty");
                    } else if let Some(other) = spellings.insert(alias, name) {
                        self.report(&at, format!("`{alias}` already spells the member `{other}`: a wire name decodes into one member"));
                    }
                }
            }
            if name.is_empty() || name.chars().any(char::is_control) {
                self.report(
                    &here,
                    format!("`{}` is not a wire name: a member's name is not empty and has no control characters", name.escape_debug()),
                );
                continue;
            }
            let field = names::field_name(name);
            if let Some(other) = fields.insert(field.clone(), name) {
                self.report(&here, format!("members `{other}` and `{name}` both become the field `{field}`"));
            }
            let ty = match TypeExpr::parse(&member.ty) {
                Ok(ty) => ty,
                Err(e) => {
                    let at: Vec<&str> = here.iter().copied().chain(["type"]).collect();
                    self.report(&at, e);
                    continue;
                }
            };
            if let Some(named) = ty.named() {
                if !self.spec().shapes.contains_key(named) {
                    let at: Vec<&str> = here.iter().copied().chain(["type"]).collect();
                    let known = crate::spec::member_path::some_names(self.spec().shapes.keys().map(String::as_str));
                    self.report(&at, format!("unknown type `{named}`: no shape of that name (shapes: {known})"));
                    continue;
                }
            }
            self.constraints(&here, member, &ty, is_input);
        }
    }

    /// Constraints that `build()` could never satisfy together: a minimum above its maximum,
    /// a negative length, a default or an allowed value outside the bounds.
    fn contradictions(&mut self, here: &[&str], member: &Member, ty: &TypeExpr) {
        let at = |key: &'static str| -> Vec<&str> { here.iter().copied().chain([key]).collect() };
        let never = "`build()` would refuse every value";
        for (key, bounds) in [("range", member.range), ("length", member.length)] {
            let Some(Bounds { min, max }) = bounds else { continue };
            if let (Some(min), Some(max)) = (min, max) {
                if min > max {
                    self.report(&at(key), format!("`{key}` has min {min} above max {max}: {never}"));
                    continue;
                }
            }
            if key == "length" {
                if let Some(negative) = [min, max].into_iter().flatten().find(|v| *v < 0) {
                    self.report(&at(key), format!("`length` {negative} is negative: a length is at least 0"));
                }
            }
        }
        if let (Some(min), Some(max)) = (member.min_items, member.max_items) {
            if min > max {
                self.report(&at("min_items"), format!("`min_items` {min} is above `max_items` {max}: {never}"));
            }
        }
        let outside = |bounds: Option<Bounds>, v: f64| {
            bounds.is_some_and(|b| b.min.is_some_and(|m| v < m as f64) || b.max.is_some_and(|m| v > m as f64))
        };
        let describe = |b: Option<Bounds>| {
            let b = b.unwrap_or(Bounds { min: None, max: None });
            format!("{}..={}", b.min.map_or(String::new(), |m| m.to_string()), b.max.map_or(String::new(), |m| m.to_string()))
        };
        if let Some(allowed) = &member.allowed {
            for value in allowed {
                if let Some(v) = value.as_f64().filter(|v| outside(member.range, *v)) {
                    self.report(
                        &at("allowed"),
                        format!("the allowed value {v} is outside `range` {}: remove it or widen the range", describe(member.range)),
                    );
                }
                if let Some(v) = value.as_str().filter(|v| outside(member.length, v.chars().count() as f64)) {
                    self.report(
                        &at("allowed"),
                        format!("the allowed value `{v}` has a length outside `length` {}", describe(member.length)),
                    );
                }
            }
        }
        if let Some(default) = &member.default {
            let numeric = matches!(ty, TypeExpr::Scalar(Scalar::Integer | Scalar::Long | Scalar::Float | Scalar::Double));
            if let Some(v) = default.as_f64().filter(|v| numeric && outside(member.range, *v)) {
                self.report(&at("default"), format!("default {v} is outside `range` {}", describe(member.range)));
            }
            if let Some(v) = default
                .as_str()
                .filter(|v| matches!(ty, TypeExpr::Scalar(Scalar::String)) && outside(member.length, v.chars().count() as f64))
            {
                self.report(&at("default"), format!("default `{v}` has a length outside `length` {}", describe(member.length)));
            }
            if member.allowed.as_ref().is_some_and(|a| !a.is_empty() && !a.contains(default)) {
                self.report(&at("default"), format!("default {default} is not one of the `allowed` values"));
            }
        }
    }

    fn constraints(&mut self, here: &[&str], member: &Member, ty: &TypeExpr, is_input: bool) {
        let at = |key: &'static str| -> Vec<&str> { here.iter().copied().chain([key]).collect() };
        let scalar = match ty {
            TypeExpr::Scalar(s) => Some(*s),
            _ => None,
        };
        let is_enum = ty
            .named()
            .is_some_and(|n| matches!(ty, TypeExpr::Named(_)) && self.spec().shapes.get(n).is_some_and(|s| s.kind == ShapeKind::Enum));
        let numeric = matches!(scalar, Some(Scalar::Integer | Scalar::Long | Scalar::Float | Scalar::Double));
        if member.range.is_some() && !numeric {
            self.report(&at("range"), format!("`range` applies to numbers, not `{ty}`"));
        }
        if member.length.is_some() && scalar != Some(Scalar::String) {
            self.report(&at("length"), format!("`length` applies to strings, not `{ty}`"));
        }
        if let Some(allowed) = &member.allowed {
            let ints = matches!(scalar, Some(Scalar::Integer | Scalar::Long)) && allowed.iter().all(|v| v.is_i64());
            let strings = scalar == Some(Scalar::String) && allowed.iter().all(|v| v.is_string());
            if allowed.is_empty() || !(ints || strings) {
                self.report(&at("allowed"), format!("`allowed` lists values of the member's type (integers or strings), not for `{ty}`"));
            }
        }
        if member.pattern.is_some() && scalar != Some(Scalar::String) {
            self.report(&at("pattern"), format!("`pattern` applies to strings, not `{ty}`"));
        }
        if let Some(pattern) = member.pattern.as_deref() {
            let error =
                self.patterns.entry(pattern.to_owned()).or_insert_with(|| regex::Regex::new(pattern).err().map(|e| e.to_string())).clone();
            if let Some(e) = error {
                self.report(&at("pattern"), format!("not a regular expression: {e}"));
            }
        }
        if (member.min_items.is_some() || member.max_items.is_some()) && !matches!(ty, TypeExpr::List(_)) {
            self.report(&at("max_items"), format!("`min_items`/`max_items` apply to lists, not `{ty}`"));
        }
        self.contradictions(here, member, ty);
        if let Some(encoding) = member.encoding {
            if !is_input {
                self.report(&at("encoding"), "`encoding` applies to request members only");
            } else if scalar.is_some() || is_enum {
                self.report(&at("encoding"), format!("`encoding` applies to lists and structures, not `{ty}`"));
            } else if encoding == Encoding::Flat && matches!(ty, TypeExpr::Map(_)) {
                self.report(&at("encoding"), "a map can only be sent with `encoding: json`");
            } else if encoding == Encoding::Csv
                && !matches!(ty, TypeExpr::List(ref item) if !matches!(**item, TypeExpr::List(_) | TypeExpr::Map(_)) && !self.is_structure(item))
            {
                self.report(&at("encoding"), "`csv` sends a list of scalars or enums");
            }
        }
        if member.location.is_some() && !is_input {
            self.report(&at("location"), "`location` applies to request members only");
        }
        let protocol = self.spec().service.protocol;
        match member.location {
            Some(Location::Header) => {
                self.report(&at("location"), format!("the {protocol:?} protocol sends no members in headers"));
            }
            Some(location) if !protocol.facts().takes_location(location) => {
                self.report(&at("location"), format!("the {protocol:?} protocol sends members in the query or the body only"));
            }
            _ => {}
        }
        if member.idempotency_token && scalar != Some(Scalar::String) {
            self.report(&at("idempotency_token"), "an idempotency token must be a `string`");
        }
        if let Some(default) = &member.default {
            let fits = match (scalar, default) {
                (Some(Scalar::String), serde_json::Value::String(_)) => true,
                (Some(Scalar::Integer | Scalar::Long), serde_json::Value::Number(n)) => n.is_i64(),
                (Some(Scalar::Float | Scalar::Double), serde_json::Value::Number(_)) => true,
                (Some(Scalar::Boolean), serde_json::Value::Bool(_)) => true,
                (None, serde_json::Value::String(s)) if is_enum => {
                    let shape = ty.named().and_then(|n| self.spec().shapes.get(n));
                    let listed = shape.and_then(|s| s.values.as_ref()).is_some_and(|v| v.contains_key(s));
                    if !listed {
                        self.report(&at("default"), format!("default `{s}` is not one of the enum's values"));
                    }
                    true
                }
                _ => false,
            };
            if !fits {
                self.report(&at("default"), format!("default `{default}` is not a value of type `{ty}`"));
            }
        }
    }
}

/// The `{name}` segments of a path template, or what is wrong with its braces: a `{` not
/// closed, a `}` not opened, an empty or nested segment, a name given twice, a blank or
/// control character.
fn path_template(path: &str) -> Result<Vec<&str>, String> {
    if let Some(c) = path.chars().find(|c| c.is_whitespace() || c.is_control()) {
        return Err(format!("`{}` holds {c:?}: a path template has no blanks or control characters", path.escape_debug()));
    }
    let mut segments: Vec<&str> = Vec::new();
    let mut seen: HashSet<&str> = HashSet::new();
    let mut open: Option<usize> = None;
    for (i, c) in path.char_indices() {
        match (c, open) {
            ('{', Some(_)) => return Err(format!("`{path}`: a `{{` inside a `{{…}}` segment")),
            ('{', None) => open = Some(i),
            ('}', None) => return Err(format!("`{path}`: a `}}` closes no `{{`")),
            ('}', Some(start)) => {
                let name = &path[start + 1..i];
                if name.is_empty() {
                    return Err(format!("`{path}`: `{{}}` is an empty segment: name the input member it takes, `{{Name}}`"));
                }
                if !seen.insert(name) {
                    return Err(format!("`{path}`: `{{{name}}}` is in the path twice"));
                }
                segments.push(name);
                open = None;
            }
            _ => {}
        }
    }
    if let Some(start) = open {
        return Err(format!("`{path}`: the segment `{}` is not closed: write `{{Name}}`", &path[start..]));
    }
    Ok(segments)
}

fn is_device_name(file: &str) -> bool {
    let stem = file.split('.').next().unwrap_or(file);
    DEVICE_NAMES.contains(&stem.to_ascii_lowercase().as_str())
}

/// Why `host` is not a host name the runtime can send to and sign for (lowercase labels of
/// letters, digits and `-`, not starting or ending with `-`, at least two, 253 bytes at most),
/// or `None`.
pub(crate) fn host_problem(host: &str) -> Option<&'static str> {
    if host.is_empty() || host.len() > 253 {
        return Some("a host name has 1 to 253 characters");
    }
    if host.contains("://") || host.contains('/') || host.contains(':') || host.contains('{') {
        return Some("write the host alone, without a scheme, port, path or placeholder");
    }
    let labels: Vec<&str> = host.split('.').collect();
    if labels.len() < 2 {
        return Some("a host name has at least two labels (`ecs.aliyuncs.com`)");
    }
    for label in labels {
        if label.is_empty() || label.len() > 63 {
            return Some("each label (between dots) has 1 to 63 characters");
        }
        if !label.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-') {
            return Some("labels are lowercase letters, digits and `-`");
        }
        if label.starts_with('-') || label.ends_with('-') {
            return Some("a label does not start or end with `-`");
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_spec_of_the_repository_validates() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs");
        let mut checked = 0;
        for entry in std::fs::read_dir(&dir).unwrap().flatten() {
            let path = entry.path();
            if path.extension().is_some_and(|x| x == "yaml") {
                let loaded = crate::load::load_file(&path).unwrap_or_else(|d| panic!("{d}"));
                validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
                checked += 1;
            }
        }
        assert!(checked >= 10, "{checked} specs");
    }

    fn endpoint_map_errors(protocol: &str, signing: &str, endpoints: &str) -> Vec<String> {
        let text = format!(
            "service:\n  provider: aliyun\n  name: t\n  title: T\n  crate: t-endpoints\n  api_version: \"1\"\n  protocol: {protocol}\n  \
             signing: [{signing}]\n  endpoint: \"t.{{region}}.aliyuncs.com\"\n  regions: [cn-hangzhou, cn-shanghai]\n  \
             endpoints: {endpoints}\n  docs: T\n  sources: {{sdk: s}}\n\
             operations:\n  DescribeThings: {{docs: d, source: {{sdk: s}}, http: {{method: POST, path: /}}}}\n"
        );
        let loaded = crate::load::load_str(std::path::Path::new("t.yaml"), text).unwrap_or_else(|d| panic!("{d}"));
        match validate_alone(&loaded) {
            Ok(()) => Vec::new(),
            Err(d) => d.0.iter().map(|d| format!("{}:{} {}", d.line.unwrap_or(0), d.column.unwrap_or(0), d.message)).collect(),
        }
    }

    #[test]
    fn endpoint_maps_name_listed_regions_and_host_names() {
        let aliyun = |map: &str| endpoint_map_errors("aliyun-rpc", "acs3-hmac-sha256", map);
        assert_eq!(aliyun("{cn-hangzhou: t-cn-hangzhou.aliyuncs.com, cn-shanghai: t.aliyuncs.com}"), Vec::<String>::new());
        let unlisted = aliyun("{cn-beijing: t.aliyuncs.com}");
        assert!(unlisted.len() == 1 && unlisted[0].contains("`cn-beijing` is not in `regions`"), "{unlisted:?}");
        // Located at the map (line 11 of the spec).
        assert!(unlisted[0].starts_with("11:"), "{unlisted:?}");
        for (host, wanted) in [
            ("https://t.aliyuncs.com", "without a scheme"),
            ("t.aliyuncs.com:443", "without a scheme, port"),
            ("T.aliyuncs.com", "lowercase"),
            ("t..aliyuncs.com", "1 to 63"),
            ("-t.aliyuncs.com", "start or end with `-`"),
            ("localhost", "at least two labels"),
            ("t_x.aliyuncs.com", "lowercase letters, digits and `-`"),
            ("\"t.{region}.aliyuncs.com\"", "placeholder"),
        ] {
            let errors = aliyun(&format!("{{cn-hangzhou: {host}}}"));
            assert!(errors.len() == 1 && errors[0].contains(wanted), "{host}: {errors:?}");
        }
        let same = aliyun("{cn-shanghai: t.cn-shanghai.aliyuncs.com}");
        assert!(same.len() == 1 && same[0].contains("leave it out"), "{same:?}");
        let twice = crate::load::load_str(
            std::path::Path::new("t.yaml"),
            "service: {provider: aliyun, name: t, title: T, crate: t, api_version: \"1\", protocol: aliyun-rpc, signing: [hmac-sha1], \
             endpoint: t.aliyuncs.com, regions: [a], endpoints: {a: x.aliyuncs.com, a: y.aliyuncs.com}, docs: T, sources: {sdk: s}}\n\
             operations: {}\n"
                .to_owned(),
        );
        assert!(twice.is_err(), "a region mapped twice is refused");
        let kingsoft = endpoint_map_errors("ksyun-query", "aws4-hmac-sha256", "{cn-hangzhou: t.aliyuncs.com}");
        assert!(kingsoft.iter().any(|e| e.contains("applies to the aliyun-rpc protocol only")), "{kingsoft:?}");
    }

    #[test]
    fn path_templates_are_checked_brace_by_brace() {
        assert_eq!(path_template("/v1/{a}/x/{b}:do").unwrap(), ["a", "b"]);
        for (path, wanted) in [
            ("/a/{b", "`{b` is not closed"),
            ("/a/{}", "empty segment"),
            ("/a/b}", "closes no"),
            ("/a/{b{c}}", "inside a"),
            ("/{a}/{a}", "twice"),
            ("/a b", "no blanks"),
        ] {
            let e = path_template(path).unwrap_err();
            assert!(e.contains(wanted), "{path}: {e}");
        }
    }
}
