//! Changes of the `resources:` section: the offline emulator's state models. Nothing is
//! generated from them, so they never need a version bump of the crate; they are classed for
//! the people who run flows against the emulator:
//!
//! - [`Class::EmulatorBreaking`]: a flow that ran against the emulator may now go otherwise: a
//!   resource, read, create, delete, action or filter removed; a state a call used to be
//!   accepted in now refused; a call's sequence of states, error code, id or item paths,
//!   hidden states, copied members, count, token or force changed;
//! - [`Class::Emulator`]: a flow keeps working: something added (a resource, a binding, a
//!   filter, a state a call is accepted in, a token, a force member, a copied member), a
//!   duration changed (waiters poll until their deadline; the end states are the same), docs
//!   and provenance changed.

use std::collections::BTreeSet;

use super::{debug, Class, Differ, Side};
use crate::spec::{Resource, ResourceAction, ResourceCreate, ResourceRead, StateStep, UniqueMap};

/// The states of an enum of a spec, by name (none for an unknown name).
fn values(spec: &crate::spec::Spec, resource: &Resource) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for read in &resource.read {
        let Some(state) = &read.state else { continue };
        let Some(op) = spec.operations.get(&read.operation) else { continue };
        let path = format!("{}.{state}", read.items);
        let Ok(steps) = crate::spec::member_path::resolve(spec, &op.output, &path) else { continue };
        if let Some(values) =
            steps.last().and_then(|s| s.item_type().named()).and_then(|n| spec.shapes.get(n)).and_then(|s| s.values.as_ref())
        {
            found.extend(values.keys().cloned());
        }
    }
    found
}

/// The states `action` is accepted in, of `all`.
fn accepted(action: &ResourceAction, all: &BTreeSet<String>) -> BTreeSet<String> {
    all.iter().filter(|s| (action.from.is_empty() || action.from.contains(s)) && !action.except.contains(s)).cloned().collect()
}

fn states(steps: &[StateStep]) -> Vec<(&str, Vec<(&String, &String)>)> {
    steps.iter().map(|s| (s.state.as_str(), s.also.iter().collect())).collect()
}

fn seconds(steps: &[StateStep]) -> Vec<Option<u32>> {
    steps.iter().map(|s| s.seconds).collect()
}

impl Differ<'_> {
    pub(super) fn resources(&mut self) {
        let (old, new) = (&self.old.spec.resources, &self.new.spec.resources);
        for (kind, resource) in old.iter() {
            match new.get(kind) {
                None => self.push(Class::EmulatorBreaking, Side::Old, &["resources", kind], format!("the resource `{kind}` was removed")),
                Some(now) => self.resource(kind, resource, now),
            }
        }
        for kind in new.keys().filter(|k| !old.contains_key(*k)) {
            self.push(Class::Emulator, Side::New, &["resources", kind], format!("the resource `{kind}` was added"));
        }
    }

    fn resource(&mut self, kind: &str, old: &Resource, new: &Resource) {
        if old.docs != new.docs || debug(&old.source) != debug(&new.source) {
            self.push(Class::Emulator, Side::New, &["resources", kind], "its docs or provenance changed");
        }
        let all: BTreeSet<String> = values(&self.old.spec, old).union(&values(&self.new.spec, new)).cloned().collect();
        // Reads, creates and deletes are matched by operation.
        for (i, read) in old.read.iter().enumerate() {
            match new.read.iter().enumerate().find(|(_, r)| r.operation == read.operation) {
                None => self.push(
                    Class::EmulatorBreaking,
                    Side::Old,
                    &["resources", kind, "read", &i.to_string()],
                    format!("`{}` no longer returns the resource", read.operation),
                ),
                Some((j, now)) => self.read(&["resources", kind, "read", &j.to_string()], read, now),
            }
        }
        for (j, read) in new.read.iter().enumerate().filter(|(_, r)| !old.read.iter().any(|o| o.operation == r.operation)) {
            let message = format!("`{}` returns the resource", read.operation);
            self.push(Class::Emulator, Side::New, &["resources", kind, "read", &j.to_string()], message);
        }
        for (i, create) in old.create.iter().enumerate() {
            match new.create.iter().enumerate().find(|(_, c)| c.operation == create.operation) {
                None => self.push(
                    Class::EmulatorBreaking,
                    Side::Old,
                    &["resources", kind, "create", &i.to_string()],
                    format!("`{}` no longer creates the resource", create.operation),
                ),
                Some((j, now)) => self.create(&["resources", kind, "create", &j.to_string()], create, now),
            }
        }
        for (j, create) in new.create.iter().enumerate().filter(|(_, c)| !old.create.iter().any(|o| o.operation == c.operation)) {
            let message = format!("`{}` creates the resource", create.operation);
            self.push(Class::Emulator, Side::New, &["resources", kind, "create", &j.to_string()], message);
        }
        let keyed = |list: &[ResourceAction]| -> UniqueMap<ResourceAction> {
            UniqueMap(list.iter().map(|d| (d.operation.clone().unwrap_or_default(), d.clone())).collect())
        };
        let (od, nd) = (keyed(&old.delete), keyed(&new.delete));
        self.actions(&["resources", kind, "delete"], &od, &nd, &all, true);
        self.actions(&["resources", kind, "actions"], &old.actions, &new.actions, &all, false);
    }

    fn read(&mut self, at: &[&str], old: &ResourceRead, new: &ResourceRead) {
        let paths = |r: &ResourceRead| (r.items.clone(), r.id.clone(), r.state.clone(), r.ids.clone());
        if paths(old) != paths(new) {
            self.push(
                Class::EmulatorBreaking,
                Side::New,
                at,
                "where it keeps the items, their id or state, or which input selects ids changed",
            );
        }
        if old.hides != new.hides {
            self.push(Class::EmulatorBreaking, Side::New, &[at, &["hides"]].concat(), "the states it leaves out changed");
        }
        let key = |f: &crate::spec::ResourceFilter| (f.input.clone(), f.name.clone(), debug(&f.when));
        for filter in &old.filters {
            match new.filters.iter().find(|f| key(f) == key(filter)) {
                None => self.push(
                    Class::EmulatorBreaking,
                    Side::Old,
                    &[at, &["filters"]].concat(),
                    format!(
                        "the filter `{}`{} was removed",
                        filter.input,
                        filter.name.as_ref().map(|n| format!(" ({n})")).unwrap_or_default()
                    ),
                ),
                Some(now) if (&now.item, now.matching) != (&filter.item, filter.matching) => self.push(
                    Class::EmulatorBreaking,
                    Side::New,
                    &[at, &["filters"]].concat(),
                    format!("the filter `{}` compares otherwise", filter.input),
                ),
                Some(_) => {}
            }
        }
        for filter in new.filters.iter().filter(|f| !old.filters.iter().any(|o| key(o) == key(f))) {
            self.push(Class::Emulator, Side::New, &[at, &["filters"]].concat(), format!("the filter `{}` was added", filter.input));
        }
    }

    fn create(&mut self, at: &[&str], old: &ResourceCreate, new: &ResourceCreate) {
        if (&old.ids, &old.count) != (&new.ids, &new.count) {
            self.push(Class::EmulatorBreaking, Side::New, at, "where the new ids are, or which input counts them, changed");
        }
        self.token(at, &old.token, &new.token);
        self.sets(at, &old.sets, &new.sets);
        self.steps(at, &old.transitions, &new.transitions);
    }

    fn actions(
        &mut self,
        at: &[&str],
        old: &UniqueMap<ResourceAction>,
        new: &UniqueMap<ResourceAction>,
        all: &BTreeSet<String>,
        delete: bool,
    ) {
        let what = if delete { "deletes" } else { "acts on" };
        for (name, action) in old.iter() {
            let here: Vec<&str> = at.iter().copied().chain([name.as_str()]).collect();
            let Some(now) = new.get(name) else {
                self.push(Class::EmulatorBreaking, Side::Old, at, format!("`{name}` no longer {what} the resource"));
                continue;
            };
            let here = if delete { at.to_vec() } else { here };
            if action.id != now.id {
                self.push(Class::EmulatorBreaking, Side::New, &here, format!("`{name}`: the input holding the ids changed"));
            }
            let (before, after) = (accepted(action, all), accepted(now, all));
            let refused: Vec<&String> = before.difference(&after).collect();
            let allowed: Vec<&String> = after.difference(&before).collect();
            if !refused.is_empty() {
                let message = format!("`{name}` is now refused in {refused:?}");
                self.push(Class::EmulatorBreaking, Side::New, &here, message);
            }
            if !allowed.is_empty() {
                self.push(Class::Emulator, Side::New, &here, format!("`{name}` is now accepted in {allowed:?}"));
            }
            if action.error != now.error {
                self.push(Class::EmulatorBreaking, Side::New, &here, format!("`{name}`: the error of a refusal changed"));
            }
            match (&action.force, &now.force) {
                (a, b) if a == b => {}
                (None, Some(_)) => self.push(Class::Emulator, Side::New, &here, format!("`{name}` can be forced")),
                _ => self.push(Class::EmulatorBreaking, Side::New, &here, format!("`{name}`: the member that forces it changed")),
            }
            self.token(&here, &action.token, &now.token);
            self.sets(&here, &action.sets, &now.sets);
            self.steps(&here, &action.transitions, &now.transitions);
        }
        for name in new.keys().filter(|k| !old.contains_key(*k)) {
            self.push(Class::Emulator, Side::New, at, format!("`{name}` {what} the resource"));
        }
    }

    fn token(&mut self, at: &[&str], old: &Option<String>, new: &Option<String>) {
        match (old, new) {
            (a, b) if a == b => {}
            (None, Some(_)) => self.push(Class::Emulator, Side::New, at, "repeats with the same idempotency token return the first answer"),
            _ => self.push(Class::EmulatorBreaking, Side::New, at, "the idempotency token changed or was removed"),
        }
    }

    fn sets(&mut self, at: &[&str], old: &UniqueMap<String>, new: &UniqueMap<String>) {
        for (target, source) in old.iter() {
            if new.get(target) != Some(source) {
                self.push(Class::EmulatorBreaking, Side::New, at, format!("`{target}` is no longer taken from `{source}`"));
            }
        }
        for target in new.keys().filter(|k| !old.contains_key(*k)) {
            self.push(Class::Emulator, Side::New, at, format!("`{target}` is taken from the input"));
        }
    }

    fn steps(&mut self, at: &[&str], old: &[StateStep], new: &[StateStep]) {
        let here: Vec<&str> = at.iter().copied().chain(["transitions"]).collect();
        if states(old) != states(new) {
            let shown = |s: &[StateStep]| s.iter().map(|s| s.state.as_str()).collect::<Vec<_>>().join(" → ");
            let message = format!("the states changed from `{}` to `{}`", shown(old), shown(new));
            self.push(Class::EmulatorBreaking, Side::New, &here, message);
        } else if seconds(old) != seconds(new) {
            self.push(
                Class::Emulator,
                Side::New,
                &here,
                format!("the durations changed from {:?} to {:?} seconds", seconds(old), seconds(new)),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use crate::diff::{diff, Bump, Class};
    use crate::load::LoadedSpec;

    const BASE: &str = include_str!("resources_test_base.yaml");

    fn load(text: &str) -> LoadedSpec {
        let loaded = crate::load::load_str(Path::new("demo.yaml"), text.to_owned()).expect("loads");
        crate::validate::validate_alone(&loaded).unwrap_or_else(|d| panic!("{d}"));
        loaded
    }

    fn changes(old: &str, new: &str) -> Vec<(Class, String)> {
        let report = diff(&load(old), &load(new));
        report.changes.into_iter().map(|c| (c.class, c.message)).collect()
    }

    fn classes(new: &str) -> Vec<Class> {
        changes(BASE, new).into_iter().map(|c| c.0).collect()
    }

    fn edit(from: &str, to: &str) -> String {
        assert!(BASE.contains(from), "{from}");
        BASE.replacen(from, to, 1)
    }

    fn without_resources() -> String {
        BASE[..BASE.find("resources:\n").expect("a resources section")].to_owned()
    }

    #[test]
    fn resources_added_or_removed_need_no_bump() {
        assert!(changes(BASE, BASE).is_empty());
        let added = diff(&load(&without_resources()), &load(BASE));
        assert_eq!(added.changes.iter().map(|c| c.class).collect::<Vec<_>>(), [Class::Emulator]);
        assert_eq!(added.bump, Bump::None);
        assert!(added.to_markdown().contains("the resource `thing` was added"), "{}", added.to_markdown());
        let removed = diff(&load(BASE), &load(&without_resources()));
        assert_eq!(removed.changes.iter().map(|c| c.class).collect::<Vec<_>>(), [Class::EmulatorBreaking]);
        assert_eq!(removed.bump, Bump::None);
        assert!(!removed.is_breaking(), "the crate is unchanged: no exit status 1, no version bump");
        assert!(
            removed.to_markdown().contains("### Breaking for emulator flows (the crate is unchanged) (1)"),
            "{}",
            removed.to_markdown()
        );
    }

    #[test]
    fn states_are_breaking_and_durations_compatible() {
        // The end state of a create changes: a flow waiting for Running goes otherwise.
        let ends = classes(&edit("          - {state: Running}\n", "          - {state: Stopped}\n"));
        assert_eq!(ends, [Class::EmulatorBreaking]);
        let message = &changes(BASE, &edit("          - {state: Running}\n", "          - {state: Stopped}\n"))[0].1;
        assert!(message.contains("from `Pending → Running` to `Pending → Stopped`"), "{message}");
        // Only a duration changes: compatible.
        let slower = changes(BASE, &edit("          - {state: Pending, seconds: 5}\n", "          - {state: Pending, seconds: 30}\n"));
        assert_eq!(slower.len(), 1, "{slower:?}");
        assert_eq!(slower[0].0, Class::Emulator);
        assert!(slower[0].1.contains("[Some(5), None] to [Some(30), None]"), "{slower:?}");
        // A delete's last step: gone later.
        assert_eq!(
            classes(&edit(
                "          - {state: Stopping, seconds: 5}\n    actions:",
                "          - {state: Stopping, seconds: 9}\n    actions:"
            )),
            [Class::Emulator]
        );
    }

    #[test]
    fn accepted_states_narrowed_break_and_widened_do_not() {
        let narrowed = changes(BASE, &edit("        from: [Running]\n", "        from: [Pending]\n"));
        let classes: Vec<Class> = narrowed.iter().map(|c| c.0).collect();
        assert_eq!(classes, [Class::EmulatorBreaking, Class::Emulator], "{narrowed:?}");
        assert!(narrowed[0].1.contains("now refused in [\"Running\"]"), "{narrowed:?}");
        assert_eq!(self::classes(&edit("        from: [Running]\n", "        from: [Running, Pending]\n")), [Class::Emulator]);
        // `except` says the same as the complement in `from`: no change.
        assert_eq!(self::classes(&edit("        from: [Running]\n", "        except: [Pending, Stopping, Stopped]\n")), []);
        assert_eq!(self::classes(&edit("        error: IncorrectState\n", "")), [Class::EmulatorBreaking], "the refusal's error changed");
    }

    #[test]
    fn bindings_filters_tokens_and_copied_members() {
        assert_eq!(classes(&edit("          - {input: Status, item: Status}\n", "")), [Class::EmulatorBreaking]);
        assert_eq!(
            classes(&edit(
                "          - {input: Status, item: Status}\n",
                "          - {input: Status, item: Status}\n          - {input: Size, item: Size}\n"
            )),
            [Class::Emulator]
        );
        assert_eq!(classes(&edit("        token: ClientToken\n", "")), [Class::EmulatorBreaking]);
        assert_eq!(classes(&edit("        sets: {Name: Name}\n", "")), [Class::EmulatorBreaking]);
        assert_eq!(classes(&edit("        ids: ThingIds\n", "")), [Class::EmulatorBreaking]);
        assert_eq!(
            classes(&edit("        ids: ThingIds\n", "        ids: ThingIds\n        hides: [Stopped]\n")),
            [Class::EmulatorBreaking]
        );
        // An action removed, one added.
        let renamed = edit(
            "      StopThing:\n        id: ThingId\n        from: [Running]\n        error: IncorrectState\n",
            "      DeleteThing:\n        id: ThingId\n        from: [Running]\n",
        );
        let found = changes(BASE, &renamed);
        assert!(found.iter().any(|(c, m)| *c == Class::EmulatorBreaking && m.contains("`StopThing` no longer acts on")), "{found:?}");
        assert!(found.iter().any(|(c, m)| *c == Class::Emulator && m.contains("`DeleteThing` acts on")), "{found:?}");
        // With a change of the crate, the crate's bump is the crate change's.
        let both = diff(
            &load(BASE),
            &load(
                &edit("        token: ClientToken\n", "")
                    .replace("    docs: d\n    source: {doc: none.txt, line: 1}", "    docs: e\n    source: {doc: none.txt, line: 1}"),
            ),
        );
        assert_eq!(both.bump, Bump::Patch);
    }
}
