//! The `resources:` section: every operation, member path, state and error code a resource
//! names exists, the paths have the types the emulator reads through them (a list of ids or
//! one id, a string token, a boolean force, an integer count), the states are values of the
//! state member's enum, the transitions are well formed, and the resource agrees with the
//! facts the spec states elsewhere: a read's `items` is the path its operation's paginator
//! pages, and a waiter polling a read reads the resource's state there.

use std::collections::BTreeSet;

use crate::names;
use crate::spec::member_path::{self, some_names, Step};
use crate::spec::{Member, Operation, Resource, ResourceAction, Scalar, ShapeKind, Spec, StateStep, TypeExpr, UniqueMap};

use super::Validator;

/// A problem: its YAML path and message.
type Problem = (Vec<String>, String);

/// What a path must lead to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Want {
    /// Anything.
    Any,
    /// A string, or a list of strings (ids).
    Ids,
    /// A string.
    Text,
    /// A boolean.
    Flag,
    /// An integer.
    Count,
}

impl Want {
    fn fits(self, steps: &[Step<'_>]) -> Result<(), String> {
        let Some(last) = steps.last() else { return Ok(()) };
        let through_list = steps[..steps.len() - 1].iter().any(Step::is_list);
        let scalar = |s: Scalar| last.ty == TypeExpr::Scalar(s);
        let ok = match self {
            Want::Any => true,
            Want::Ids => matches!(last.item_type(), TypeExpr::Scalar(Scalar::String)),
            Want::Text => !through_list && scalar(Scalar::String),
            Want::Flag => !through_list && scalar(Scalar::Boolean),
            Want::Count => !through_list && (scalar(Scalar::Integer) || scalar(Scalar::Long)),
        };
        if ok {
            return Ok(());
        }
        let what = match self {
            Want::Any => "",
            Want::Ids => "a string or a list of strings (ids)",
            Want::Text => "one string",
            Want::Flag => "one boolean",
            Want::Count => "one integer",
        };
        Err(format!("it is `{}`{}, not {what}", last.member.ty, if through_list { " inside a list" } else { "" }))
    }
}

struct Check<'s> {
    spec: &'s Spec,
    problems: Vec<Problem>,
    /// The resource being checked has a read that names a state (which may not resolve:
    /// then what names states is not judged again).
    state_named: bool,
}

fn at(base: &[String], keys: &[&str]) -> Vec<String> {
    base.iter().cloned().chain(keys.iter().map(|k| (*k).to_owned())).collect()
}

impl<'s> Check<'s> {
    fn problem(&mut self, path: Vec<String>, message: String) {
        self.problems.push((path, message));
    }

    fn operation(&mut self, path: Vec<String>, name: &str) -> Option<&'s Operation> {
        let found = self.spec.operations.get(name);
        if found.is_none() {
            let known = some_names(self.spec.operations.keys().map(String::as_str));
            self.problem(path, format!("no operation `{name}` (operations: {known})"));
        }
        found
    }

    /// `path` resolves in `members` (`what` names them in the message) to what `want` asks.
    fn path(&mut self, at: Vec<String>, members: &'s UniqueMap<Member>, what: &str, path: &'s str, want: Want) -> Option<Vec<Step<'s>>> {
        match member_path::resolve(self.spec, members, path) {
            Err(e) => {
                self.problem(at, format!("`{path}` is not a member path of {what}: {e}"));
                None
            }
            Ok(steps) => match want.fits(&steps) {
                Ok(()) => Some(steps),
                Err(e) => {
                    self.problem(at, format!("`{path}` of {what}: {e}"));
                    None
                }
            },
        }
    }

    /// The members of one item at the end of `steps` (a list of structures, or a structure).
    fn item_members(&self, steps: &[Step<'s>]) -> Option<&'s UniqueMap<Member>> {
        let name = steps.last()?.item_type().named()?;
        let shape = self.spec.shapes.get(name).filter(|s| s.kind == ShapeKind::Structure)?;
        shape.members.as_ref()
    }
}

impl Validator<'_> {
    /// Checks every resource of the spec (see the module's docs).
    pub(super) fn resources(&mut self) {
        let spec = self.loaded.spec.clone();
        let mut check = Check { spec: &spec, problems: Vec::new(), state_named: false };
        for (name, resource) in spec.resources.iter() {
            let base = vec!["resources".to_owned(), name.clone()];
            if names::field_name(name) != *name || name.is_empty() {
                check.problem(base.clone(), format!("resource kind `{name}` is not snake_case (`{}`)", names::field_name(name)));
            }
            check.state_named = resource.read.iter().any(|r| r.state.is_some());
            resource_checks(&mut check, &base, resource);
        }
        for (path, message) in check.problems {
            let path: Vec<&str> = path.iter().map(String::as_str).collect();
            self.report(&path, message);
        }
    }
}

fn resource_checks<'s>(check: &mut Check<'s>, base: &[String], resource: &'s Resource) {
    if resource.read.is_empty() {
        check.problem(at(base, &["read"]), "a resource needs a `read`: the operation that returns it".to_owned());
    }
    // The state enum, from the reads that name a state: (its name, its values).
    let mut states: Option<(String, BTreeSet<&'s str>)> = None;
    // Item members of the first read, for the paths of `sets`.
    let mut item: Option<(String, &'s UniqueMap<Member>)> = None;
    // Each read's `hides`, checked once the state enum is known.
    let mut hidden: Vec<(Vec<String>, &'s Vec<String>)> = Vec::new();
    for (i, read) in resource.read.iter().enumerate() {
        let index = i.to_string();
        let here = at(base, &["read", &index]);
        let Some(op) = check.operation(at(&here, &["operation"]), &read.operation) else { continue };
        let what = format!("`{}`'s output", read.operation);
        let Some(items) = check.path(at(&here, &["items"]), &op.output, &what, &read.items, Want::Any) else { continue };
        if items[..items.len() - 1].iter().any(Step::is_list) {
            check.problem(at(&here, &["items"]), format!("`{}` goes through a list before its end", read.items));
            continue;
        }
        let Some(members) = check.item_members(&items) else {
            check.problem(at(&here, &["items"]), format!("`{}` does not end in a structure or a list of structures", read.items));
            continue;
        };
        if let Some(p) = &op.paginator {
            if p.items != read.items {
                check.problem(
                    at(&here, &["items"]),
                    format!("`{}` pages `{}` (its paginator's `items`): a read returns what its operation pages", read.operation, p.items),
                );
            }
        }
        let item_name = items.last().and_then(|s| s.item_type().named()).unwrap_or_default().to_owned();
        let item_what = format!("an item of `{}` (`{item_name}`)", read.items);
        if item.is_none() {
            item = Some((item_name.clone(), members));
        }
        check.path(at(&here, &["id"]), members, &item_what, &read.id, Want::Text);
        if let Some(ids) = &read.ids {
            check.path(at(&here, &["ids"]), &op.input, &format!("`{}`'s input", read.operation), ids, Want::Ids);
        }
        if let Some(state) = &read.state {
            if let Some(steps) = check.path(at(&here, &["state"]), members, &item_what, state, Want::Any) {
                let shape = steps.last().and_then(|s| s.item_type().named()).and_then(|n| check.spec.shapes.get_key_value(n));
                match shape {
                    Some((name, shape)) if shape.kind == ShapeKind::Enum && !steps.iter().any(Step::is_list) => {
                        let values: BTreeSet<&str> = shape.values.iter().flat_map(|v| v.keys()).map(String::as_str).collect();
                        match &states {
                            Some((first, _)) if first != name => check.problem(
                                at(&here, &["state"]),
                                format!("the state is a `{name}` here and a `{first}` in the read before: one resource has one state enum"),
                            ),
                            Some(_) => {}
                            None => states = Some((name.clone(), values)),
                        }
                    }
                    _ => check.problem(
                        at(&here, &["state"]),
                        format!(
                            "`{state}` is `{}`: a state is one member of an enum shape, whose values are the states",
                            steps.last().map_or("", |s| s.member.ty.as_str())
                        ),
                    ),
                }
                // A waiter polling this operation reads the state where the resource keeps it.
                let full = format!("{}.{state}", read.items);
                for (waiter_name, waiter) in check.spec.waiters.iter() {
                    if waiter.operation == read.operation && waiter.state != full {
                        check.problem(
                            at(&here, &["state"]),
                            format!(
                                "the waiter `{waiter_name}` polls `{}` for `{}`, the resource's state is `{full}`",
                                read.operation, waiter.state
                            ),
                        );
                    }
                }
            }
        }
        if !read.hides.is_empty() && read.state.is_none() {
            check.problem(at(&here, &["hides"]), "`hides` names states: give the read its `state`".to_owned());
        }
        hidden.push((here.clone(), &read.hides));
        for (k, filter) in read.filters.iter().enumerate() {
            let f = at(&here, &["filters", &k.to_string()]);
            let input_what = format!("`{}`'s input", read.operation);
            let mut input_kind = None;
            if let Some(steps) = check.path(at(&f, &["input"]), &op.input, &input_what, &filter.input, Want::Any) {
                input_kind = if filter.name.is_some() { Some("string") } else { scalar_kind(check.spec, &steps) };
                if let Some(name) = &filter.name {
                    // A list of name/values structures: the item has `name` and `values`.
                    let pairs = match check.item_members(&steps) {
                        Some(m) if steps.last().is_some_and(Step::is_list) => {
                            ["name", "Name"].iter().any(|k| m.contains_key(*k))
                                && ["values", "Values", "Value"].iter().any(|k| m.contains_key(*k))
                        }
                        _ => false,
                    };
                    if !pairs {
                        check.problem(
                            at(&f, &["name"]),
                            format!(
                                "`name: {name}` selects one of a list of `{{name, values}}` filters; `{}` is `{}`",
                                filter.input,
                                steps.last().map_or("", |s| s.member.ty.as_str())
                            ),
                        );
                    }
                }
            }
            if let Some(steps) = check.path(at(&f, &["item"]), members, &item_what, &filter.item, Want::Any) {
                let item_kind = scalar_kind(check.spec, &steps);
                match (input_kind, item_kind) {
                    (Some(a), Some(b)) if a != b => check.problem(
                        at(&f, &["item"]),
                        format!(
                            "`{}` holds {b}s, the filter `{}` gives {a}s: a filter compares values of one kind",
                            filter.item, filter.input
                        ),
                    ),
                    (_, None) => check.problem(
                        at(&f, &["item"]),
                        format!("`{}` is not a scalar or an enum (or a list of them): a filter compares values", filter.item),
                    ),
                    _ => {}
                }
            }
            for (input, value) in filter.when.iter() {
                let w = at(&f, &["when", input]);
                if let Some(steps) = check.path(w.clone(), &op.input, &input_what, input, Want::Any) {
                    enum_value(check, w, &steps, value);
                }
            }
        }
    }
    let state_values = states.as_ref().map(|(name, values)| (name.as_str(), values));
    for (here, hides) in hidden {
        for (i, state) in hides.iter().enumerate() {
            state_value(check, at(&here, &["hides", &i.to_string()]), state, state_values);
        }
    }
    for (i, create) in resource.create.iter().enumerate() {
        let here = at(base, &["create", &i.to_string()]);
        if let Some(op) = check.operation(at(&here, &["operation"]), &create.operation) {
            let what = format!("`{}`'s output", create.operation);
            check.path(at(&here, &["ids"]), &op.output, &what, &create.ids, Want::Ids);
            let input_what = format!("`{}`'s input", create.operation);
            if let Some(count) = &create.count {
                check.path(at(&here, &["count"]), &op.input, &input_what, count, Want::Count);
            }
            if let Some(token) = &create.token {
                check.path(at(&here, &["token"]), &op.input, &input_what, token, Want::Text);
            }
            sets(check, &here, &create.sets, op, &create.operation, item.as_ref());
        }
        if create.transitions.is_empty() && check.state_named {
            check.problem(at(&here, &["transitions"]), "a new resource has a state: give at least the one it starts in".to_owned());
        }
        steps(check, &here, &create.transitions, state_values, item.as_ref(), false);
    }
    for (i, delete) in resource.delete.iter().enumerate() {
        let here = at(base, &["delete", &i.to_string()]);
        match &delete.operation {
            None => check.problem(here.clone(), "a `delete` names its `operation`".to_owned()),
            Some(name) => {
                if let Some(op) = check.operation(at(&here, &["operation"]), name) {
                    action(check, &here, delete, op, name, state_values, item.as_ref(), true);
                }
            }
        }
    }
    for (name, act) in resource.actions.iter() {
        let here = at(base, &["actions", name]);
        if let Some(named) = &act.operation {
            check.problem(at(&here, &["operation"]), format!("the key names the operation: leave out `operation: {named}`"));
        }
        if let Some(op) = check.operation(here.clone(), name) {
            action(check, &here, act, op, name, state_values, item.as_ref(), false);
        }
    }
}

/// An action's (or the delete's) members, states and error code.
#[allow(clippy::too_many_arguments)]
fn action<'s>(
    check: &mut Check<'s>,
    here: &[String],
    act: &'s ResourceAction,
    op: &'s Operation,
    name: &str,
    states: Option<(&str, &BTreeSet<&str>)>,
    item: Option<&(String, &'s UniqueMap<Member>)>,
    delete: bool,
) {
    let what = format!("`{name}`'s input");
    check.path(at(here, &["id"]), &op.input, &what, &act.id, Want::Ids);
    if let Some(force) = &act.force {
        check.path(at(here, &["force"]), &op.input, &what, force, Want::Flag);
    }
    if let Some(token) = &act.token {
        check.path(at(here, &["token"]), &op.input, &what, token, Want::Text);
    }
    sets(check, here, &act.sets, op, name, item);
    for (key, list) in [("from", &act.from), ("except", &act.except)] {
        if !list.is_empty() && states.is_none() && !check.state_named {
            check.problem(at(here, &[key]), format!("`{key}` names states, but no `read` of the resource names its `state`"));
        }
        for (i, state) in list.iter().enumerate() {
            state_value(check, at(here, &[key, &i.to_string()]), state, states);
        }
    }
    if !act.from.is_empty() && !act.except.is_empty() {
        check.problem(
            at(here, &["except"]),
            "give the states the call is accepted in (`from`) or those it is refused in (`except`), not both".to_owned(),
        );
    }
    if let Some(code) = &act.error {
        let known = check.spec.errors.iter().chain(op.errors.iter()).any(|e| e.code == *code);
        if !known {
            check
                .problem(at(here, &["error"]), format!("`{code}` is not an error code of the service or of `{name}`: list it in `errors`"));
        }
    }
    if act.from.is_empty() && act.except.is_empty() && (act.error.is_some() || act.force.is_some()) {
        check.problem(at(here, &["from"]), "`error` and `force` apply to a call refused in some states: list the states it is accepted in (`from`) or refused in (`except`)".to_owned());
    }
    steps(check, here, &act.transitions, states, item, delete);
}

/// `sets`: each item path is a member of the resource's item, each input path a member of
/// the operation's input.
fn sets<'s>(
    check: &mut Check<'s>,
    here: &[String],
    sets: &'s UniqueMap<String>,
    op: &'s Operation,
    name: &str,
    item: Option<&(String, &'s UniqueMap<Member>)>,
) {
    for (target, source) in sets.iter() {
        let p = at(here, &["sets", target]);
        let mut target_kind = None;
        if let Some((item_name, members)) = item {
            let members: &'s UniqueMap<Member> = members;
            let steps = check.path(p.clone(), members, &format!("the resource's item (`{item_name}`)"), target, Want::Any);
            target_kind = steps.map(|s| scalar_kind(check.spec, &s));
        }
        if let Some(steps) = check.path(p.clone(), &op.input, &format!("`{name}`'s input"), source, Want::Any) {
            let source_kind = scalar_kind(check.spec, &steps);
            if let Some(target_kind) = target_kind.filter(|k| *k != source_kind) {
                let shown = |k: Option<&str>| k.map_or_else(|| "structures".to_owned(), |k| format!("{k}s"));
                check.problem(
                    p,
                    format!(
                        "`{target}` holds {}, `{source}` gives {}: `sets` copies values of one kind",
                        shown(target_kind),
                        shown(source_kind)
                    ),
                );
            }
        }
    }
}

/// Transitions: states of the enum, `seconds` on every step but the last (and, in a delete,
/// on the last too: the time until the resource is gone).
fn steps<'s>(
    check: &mut Check<'s>,
    here: &[String],
    steps: &'s [StateStep],
    states: Option<(&str, &BTreeSet<&str>)>,
    item: Option<&(String, &'s UniqueMap<Member>)>,
    delete: bool,
) {
    if !steps.is_empty() && states.is_none() {
        if !check.state_named {
            check
                .problem(at(here, &["transitions"]), "transitions name states, but no `read` of the resource names its `state`".to_owned());
        }
        return;
    }
    for (i, step) in steps.iter().enumerate() {
        let p = at(here, &["transitions", &i.to_string()]);
        state_value(check, at(&p, &["state"]), &step.state, states);
        for (target, value) in step.also.iter() {
            let Some((item_name, members)) = item else { break };
            let members: &'s UniqueMap<Member> = members;
            let what = format!("the resource's item (`{item_name}`)");
            let Some(path) = check.path(at(&p, &["also", target]), members, &what, target, Want::Any) else { continue };
            enum_value(check, at(&p, &["also", target]), &path, value);
        }
        let last = i + 1 == steps.len();
        match (step.seconds, last, delete) {
            (None, false, _) => check.problem(p, format!("`{}` is not the last state: say how long it lasts (`seconds`)", step.state)),
            (None, true, true) => check
                .problem(p, format!("`{}` is the last state of a delete: say how long until the resource is gone (`seconds`)", step.state)),
            (Some(_), true, false) => {
                check.problem(at(&p, &["seconds"]), format!("`{}` is where the resource stays: it has no `seconds`", step.state))
            }
            _ => {}
        }
    }
}

fn state_value(check: &mut Check<'_>, path: Vec<String>, state: &str, states: Option<(&str, &BTreeSet<&str>)>) {
    if let Some((name, values)) = states {
        if !values.contains(state) {
            check.problem(path, format!("`{state}` is not a value of `{name}` (values: {})", some_names(values.iter().copied())));
        }
    }
}

/// `value` is one of the enum's values, where the path ends in an enum.
fn enum_value(check: &mut Check<'_>, path: Vec<String>, steps: &[Step<'_>], value: &str) {
    let enum_shape = steps.last().and_then(|s| s.item_type().named()).and_then(|n| check.spec.shapes.get_key_value(n));
    if let Some((name, shape)) = enum_shape.filter(|(_, s)| s.kind == ShapeKind::Enum) {
        let values = shape.values.as_ref();
        if !values.is_some_and(|v| v.contains_key(value)) {
            let known = some_names(values.into_iter().flat_map(|v| v.keys()).map(String::as_str));
            check.problem(path, format!("`{value}` is not a value of `{name}` (values: {known})"));
        }
    }
}

/// The kind of value at the end of a path, looking into lists: `string` (a string or an
/// enum), `integer`, `number` or `boolean`; `None` for a structure or a map.
fn scalar_kind(spec: &Spec, steps: &[Step<'_>]) -> Option<&'static str> {
    match steps.last()?.item_type() {
        TypeExpr::Scalar(Scalar::String) => Some("string"),
        TypeExpr::Scalar(Scalar::Integer | Scalar::Long) => Some("integer"),
        TypeExpr::Scalar(Scalar::Float | Scalar::Double) => Some("number"),
        TypeExpr::Scalar(Scalar::Boolean) => Some("boolean"),
        TypeExpr::Named(name) if spec.shapes.get(name).is_some_and(|s| s.kind == ShapeKind::Enum) => Some("string"),
        _ => None,
    }
}
