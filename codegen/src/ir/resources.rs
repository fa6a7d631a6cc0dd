//! The `resources:` section resolved for the offline emulator: operations by their wire
//! action, member paths as wire names with the lists on the way marked, the states a call is
//! accepted in spelt out (from `from` or `except`), refusal errors with their HTTP status, and
//! durations as [`Duration`]s. Nothing is emitted from it.

use std::time::Duration;

use crate::load::LoadedSpec;
use crate::spec::{self, member_path, FilterMatch, Member, Spec, UniqueMap};

/// One member on a path, by wire name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WireStep {
    /// The member's wire name.
    pub wire: String,
    /// The member is a list: what follows applies to each item (at the end: the value is a
    /// list).
    pub list: bool,
}

/// A resolved resource kind.
#[derive(Debug, Clone)]
pub struct Resource {
    /// The kind (`instance`).
    pub kind: String,
    /// What it is.
    pub docs: String,
    /// The state enum's shape name, when a read names the state.
    pub state_enum: Option<String>,
    /// The enum's values, in spec order: every state the resource can be in.
    pub states: Vec<String>,
    /// The operations that return it.
    pub reads: Vec<Read>,
    /// The operations that create it.
    pub creates: Vec<Create>,
    /// The operations that delete it.
    pub deletes: Vec<Action>,
    /// The other operations that act on it, in spec order.
    pub actions: Vec<Action>,
}

/// A read of a resource.
#[derive(Debug, Clone)]
pub struct Read {
    /// The operation's key in the spec.
    pub operation: String,
    /// Its wire action.
    pub action: String,
    /// Output path to the items (a list, or one structure).
    pub items: Vec<WireStep>,
    /// Item path to the id.
    pub id: Vec<WireStep>,
    /// Item path to the state.
    pub state: Option<Vec<WireStep>>,
    /// Input path to the ids selecting resources.
    pub ids: Option<Vec<WireStep>>,
    /// States left out unless a filter on the state asks for them.
    pub hides: Vec<String>,
    /// Filters.
    pub filters: Vec<Filter>,
    /// The operation has a paginator (the emulator pages as it declares).
    pub paged: bool,
}

/// A resolved filter.
#[derive(Debug, Clone)]
pub struct Filter {
    /// Input path to the filter.
    pub input: Vec<WireStep>,
    /// The name selecting it in a list of `{name, values}` filters.
    pub name: Option<String>,
    /// Item path compared.
    pub item: Vec<WireStep>,
    /// How values are compared.
    pub matching: FilterMatch,
    /// Other inputs that must hold these values for the filter to apply.
    pub when: Vec<(Vec<WireStep>, String)>,
}

/// A resolved create.
#[derive(Debug, Clone)]
pub struct Create {
    /// The operation's key in the spec.
    pub operation: String,
    /// Its wire action.
    pub action: String,
    /// Output path to the new ids.
    pub ids: Vec<WireStep>,
    /// Input path to how many to create.
    pub count: Option<Vec<WireStep>>,
    /// Input path to the idempotency token.
    pub token: Option<Vec<WireStep>>,
    /// Item path ← input path.
    pub sets: Vec<(Vec<WireStep>, Vec<WireStep>)>,
    /// The states it goes through.
    pub steps: Vec<Step>,
}

/// A resolved action or delete.
#[derive(Debug, Clone)]
pub struct Action {
    /// The operation's key in the spec.
    pub operation: String,
    /// Its wire action.
    pub action: String,
    /// Input path to the id or ids.
    pub id: Vec<WireStep>,
    /// The states the call is accepted in (every state when the spec restricts none).
    pub accepted: Vec<String>,
    /// The refusal of a call in another state.
    pub refusal: Option<Refusal>,
    /// Input path to a boolean that lifts `accepted`.
    pub force: Option<Vec<WireStep>>,
    /// Input path to the idempotency token.
    pub token: Option<Vec<WireStep>>,
    /// Item path ← input path.
    pub sets: Vec<(Vec<WireStep>, Vec<WireStep>)>,
    /// The states it goes through (none: the state does not move, except for a delete).
    pub steps: Vec<Step>,
    /// A delete: the resource is gone after the last step.
    pub removes: bool,
}

/// An error code a refused call answers with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    /// The code.
    pub code: String,
    /// Its documented HTTP status (the operation's entry first, then the service's).
    pub http_status: Option<u16>,
}

/// One step of a transition.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Step {
    /// The state.
    pub state: String,
    /// How long it lasts; `None` where the resource stays.
    pub lasts: Option<Duration>,
    /// Other item members during the step: item path → value.
    pub also: Vec<(Vec<WireStep>, String)>,
}

/// Resolves a path; a validated spec's paths all resolve (an unresolvable one is empty).
fn path(spec: &Spec, members: &UniqueMap<Member>, text: &str) -> Vec<WireStep> {
    member_path::resolve(spec, members, text)
        .map(|steps| steps.iter().map(|s| WireStep { wire: s.wire.to_owned(), list: s.is_list() }).collect())
        .unwrap_or_default()
}

/// The resources of a validated spec, resolved. Call [`crate::validate::validate`] first:
/// what does not resolve here is left out or empty rather than a panic.
pub fn resolve_resources(loaded: &LoadedSpec) -> Vec<Resource> {
    let spec = &loaded.spec;
    spec.resources.iter().map(|(kind, resource)| one(spec, kind, resource)).collect()
}

fn one(spec: &Spec, kind: &str, resource: &spec::Resource) -> Resource {
    let empty = UniqueMap::default();
    let wire = |op: &str| spec.operations.get(op).map(|o| o.action.clone().unwrap_or_else(|| op.to_owned())).unwrap_or_default();
    let input = |op: &str| spec.operations.get(op).map_or(&empty, |o| &o.input);
    // The item structure's members, from the first read (the one `sets` and `also` name).
    let item_of = |read: &spec::ResourceRead| -> Option<&UniqueMap<Member>> {
        let op = spec.operations.get(&read.operation)?;
        let steps = member_path::resolve(spec, &op.output, &read.items).ok()?;
        let name = steps.last()?.item_type().named()?.to_owned();
        spec.shapes.get(&name)?.members.as_ref()
    };
    let item = resource.read.first().and_then(item_of).unwrap_or(&empty);
    let mut state_enum = None;
    for read in &resource.read {
        let (Some(state), Some(op)) = (&read.state, spec.operations.get(&read.operation)) else { continue };
        let found = member_path::resolve(spec, &op.output, &format!("{}.{state}", read.items))
            .ok()
            .and_then(|steps| steps.last().and_then(|s| s.item_type().named()).map(str::to_owned));
        if found.is_some() {
            state_enum = found;
            break;
        }
    }
    let states: Vec<String> = state_enum
        .as_ref()
        .and_then(|n| spec.shapes.get(n))
        .and_then(|s| s.values.as_ref())
        .map(|v| v.keys().cloned().collect())
        .unwrap_or_default();
    let steps = |list: &[spec::StateStep]| -> Vec<Step> {
        list.iter()
            .map(|s| Step {
                state: s.state.clone(),
                lasts: s.seconds.map(|n| Duration::from_secs(u64::from(n))),
                also: s.also.iter().map(|(k, v)| (path(spec, item, k), v.clone())).collect(),
            })
            .collect()
    };
    let sets = |op: &str, map: &UniqueMap<String>| -> Vec<(Vec<WireStep>, Vec<WireStep>)> {
        map.iter().map(|(target, source)| (path(spec, item, target), path(spec, input(op), source))).collect()
    };
    let reads = resource
        .read
        .iter()
        .map(|read| {
            let op = read.operation.as_str();
            let members = item_of(read).unwrap_or(&empty);
            let output = spec.operations.get(op).map_or(&empty, |o| &o.output);
            Read {
                operation: op.to_owned(),
                action: wire(op),
                items: path(spec, output, &read.items),
                id: path(spec, members, &read.id),
                state: read.state.as_ref().map(|s| path(spec, members, s)),
                ids: read.ids.as_ref().map(|s| path(spec, input(op), s)),
                hides: read.hides.clone(),
                filters: read
                    .filters
                    .iter()
                    .map(|f| Filter {
                        input: path(spec, input(op), &f.input),
                        name: f.name.clone(),
                        item: path(spec, members, &f.item),
                        matching: f.matching.unwrap_or(FilterMatch::Exact),
                        when: f.when.iter().map(|(k, v)| (path(spec, input(op), k), v.clone())).collect(),
                    })
                    .collect(),
                paged: spec.operations.get(op).is_some_and(|o| o.paginator.is_some()),
            }
        })
        .collect();
    let creates = resource
        .create
        .iter()
        .map(|c| {
            let op = c.operation.as_str();
            let output = spec.operations.get(op).map_or(&empty, |o| &o.output);
            Create {
                operation: op.to_owned(),
                action: wire(op),
                ids: path(spec, output, &c.ids),
                count: c.count.as_ref().map(|p| path(spec, input(op), p)),
                token: c.token.as_ref().map(|p| path(spec, input(op), p)),
                sets: sets(op, &c.sets),
                steps: steps(&c.transitions),
            }
        })
        .collect();
    let action = |op: &str, a: &spec::ResourceAction, removes: bool| -> Action {
        let accepted = states.iter().filter(|s| (a.from.is_empty() || a.from.contains(s)) && !a.except.contains(s)).cloned().collect();
        let refusal = a.error.as_ref().map(|code| {
            let own = spec.operations.get(op).and_then(|o| o.errors.iter().find(|e| e.code == *code));
            let common = spec.errors.iter().find(|e| e.code == *code);
            Refusal { code: code.clone(), http_status: own.and_then(|e| e.http_status).or_else(|| common.and_then(|e| e.http_status)) }
        });
        Action {
            operation: op.to_owned(),
            action: wire(op),
            id: path(spec, input(op), &a.id),
            accepted,
            refusal,
            force: a.force.as_ref().map(|p| path(spec, input(op), p)),
            token: a.token.as_ref().map(|p| path(spec, input(op), p)),
            sets: sets(op, &a.sets),
            steps: steps(&a.transitions),
            removes,
        }
    };
    let deletes = resource.delete.iter().filter_map(|d| d.operation.as_deref().map(|op| action(op, d, true))).collect();
    let actions = resource.actions.iter().map(|(op, a)| action(op, a, false)).collect();
    Resource { kind: kind.to_owned(), docs: resource.docs.clone(), state_enum, states, reads, creates, deletes, actions }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn resolved(file: &str) -> Vec<Resource> {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../specs").join(file);
        let loaded = crate::load::load_file(&path).unwrap_or_else(|d| panic!("{d}"));
        crate::validate::validate(&loaded).unwrap_or_else(|d| panic!("{d}"));
        resolve_resources(&loaded)
    }

    fn steps(path: &[WireStep]) -> Vec<(&str, bool)> {
        path.iter().map(|s| (s.wire.as_str(), s.list)).collect()
    }

    #[test]
    fn the_ecs_instance_resolves() {
        let resources = resolved("aliyun-ecs.yaml");
        let instance = &resources[0];
        assert_eq!((instance.kind.as_str(), instance.state_enum.as_deref()), ("instance", Some("InstanceStatus")));
        assert_eq!(instance.states, ["Pending", "Running", "Starting", "Stopping", "Stopped"]);
        let read = &instance.reads[0];
        assert_eq!(steps(&read.items), [("Instances", false), ("Instance", true)]);
        assert!(read.paged);
        assert_eq!(steps(read.ids.as_ref().unwrap()), [("InstanceIds", true)]);
        let run = &instance.creates[0];
        assert_eq!(steps(&run.ids), [("InstanceIdSets", false), ("InstanceIdSet", true)]);
        assert_eq!(
            run.steps.iter().map(|s| (s.state.as_str(), s.lasts)).collect::<Vec<_>>(),
            [("Pending", Some(Duration::from_secs(5))), ("Starting", Some(Duration::from_secs(5))), ("Running", None)]
        );
        let delete = &instance.deletes[0];
        assert_eq!((delete.accepted.as_slice(), delete.removes), (&["Stopped".to_owned()][..], true));
        let stop = instance.actions.iter().find(|a| a.operation == "StopInstance").unwrap();
        assert_eq!(
            stop.refusal,
            Some(Refusal { code: "IncorrectInstanceStatus".into(), http_status: Some(403) }),
            "the service-wide entry's status"
        );
        let renew = instance.actions.iter().find(|a| a.operation == "RenewInstance").unwrap();
        assert_eq!(renew.accepted.len(), 5, "no restriction: every state");
        assert!(renew.steps.is_empty());
    }

    #[test]
    fn except_filters_when_and_also_resolve() {
        let kec = resolved("ksyun-kec.yaml");
        let stop = kec[0].actions.iter().find(|a| a.operation == "StopInstances").unwrap();
        assert!(!stop.accepted.contains(&"stopped".to_owned()) && stop.accepted.contains(&"active".to_owned()));
        assert_eq!(stop.accepted.len(), kec[0].states.len() - 1);
        assert_eq!(kec[0].reads[0].hides, ["recycling"]);
        let inspur = resolved("inspur-ecs.yaml");
        let list = &inspur[0].reads[0];
        assert_eq!(steps(&list.filters[0].when[0].0), [("searchField", false)]);
        let start = &inspur[0].actions[0];
        assert_eq!(steps(&start.steps[0].also[0].0), [("task_state", false)]);
        assert_eq!(start.refusal.as_ref().and_then(|r| r.http_status), Some(400));
        let batch = inspur[0].actions.iter().find(|a| a.operation == "StartServers").unwrap();
        assert_eq!(steps(&batch.id), [("servers", true), ("id", false)]);
        let jd = resolved("jdcloud-vm.yaml");
        let create = &jd[0].creates[0];
        assert_eq!(create.sets[0].1.iter().map(|s| s.wire.as_str()).collect::<Vec<_>>(), ["instanceSpec", "instanceType"]);
        assert_eq!(jd[0].reads[0].filters.last().map(|f| f.matching), Some(FilterMatch::Contains));
    }
}
