//! The specs' `resources:` (the offline emulator's state models) played against facts the specs
//! state independently of them: the waiters, which the documents' own polling loops gave (their
//! operations, state paths, success and failure states, delays and deadlines).
//!
//! A small player runs the model as the emulator is to: a create or an action starts the states
//! of its `transitions` at a time, a delete removes the resource after its last step, a read
//! leaves out the states it `hides`, and a call in a state outside `from` (or inside `except`) is
//! refused with `error` unless `force` is set. Each waiter is evaluated as the runtime does it
//! (every returned item in a success state; any in a failure state ends it; none at all is
//! `when_absent`), polling at the waiter's own delays, the shortest and the longest the
//! runtime's jitter allows, until its `max_wait`.
//!
//! Checked: every resource's transitions reach each success state of each waiter that polls one
//! of its reads, and none passes through a waiter's failure state; and each document's flow
//! (the ECS guide's create, stop, resize, renew and release; KEC RunInstances → StopInstances →
//! TerminateInstances; JD createInstances → stopInstance → deleteInstance; SWAS and Inspur
//! stop, start and reboot) runs to the end with every wait ending in success within the waiter's
//! deadline, and the document's refusals (ECS's release of a running instance, line 2362 of its
//! guide) are refusals of the model.

use std::collections::BTreeMap;
use std::path::Path;

use yun_codegen::spec::{Absent, Resource, ResourceAction, Spec, StateStep, Waiter};

fn load(name: &str) -> Spec {
    let file = yun_tests::workspace_root().join("specs").join(name);
    yun_codegen::load::load_file(Path::new(&file)).unwrap_or_else(|d| panic!("{d}")).spec
}

/// The waiters that poll one of the resource's reads at its state: (name, waiter, the read's
/// `hides`).
fn waiters_of<'s>(spec: &'s Spec, resource: &'s Resource) -> Vec<(&'s str, &'s Waiter, &'s [String])> {
    let mut found = Vec::new();
    for (name, waiter) in spec.waiters.iter() {
        for read in &resource.read {
            let Some(state) = &read.state else { continue };
            if waiter.operation == read.operation && waiter.state == format!("{}.{state}", read.items) {
                found.push((name.as_str(), waiter, read.hides.as_slice()));
            }
        }
    }
    found
}

/// Every sequence of steps of the resource, named by the call that starts it.
fn programs(resource: &Resource) -> Vec<(String, &[StateStep])> {
    let creates = resource.create.iter().map(|c| (c.operation.clone(), c.transitions.as_slice()));
    let deletes = resource.delete.iter().map(|d| (d.operation.clone().unwrap_or_default(), d.transitions.as_slice()));
    let actions = resource.actions.iter().map(|(name, a)| (name.clone(), a.transitions.as_slice()));
    creates.chain(deletes).chain(actions).collect()
}

/// Waiters no call of the model can end, and why: (spec, waiter, reason).
const NOT_PLAYED: &[(&str, &str, &str)] = &[(
    "aliyun-swas.yaml",
    "instance_deleted",
    "the SWAS document (and so the spec) has no release operation: an instance is released in the console",
)];

const SPECS: [&str; 5] = ["aliyun-ecs.yaml", "aliyun-swas.yaml", "ksyun-kec.yaml", "jdcloud-vm.yaml", "inspur-ecs.yaml"];

#[test]
fn every_waiter_state_is_reached_and_no_step_is_a_failure() {
    let mut checked = 0;
    for file in SPECS {
        let spec = load(file);
        assert!(!spec.resources.is_empty(), "{file} has no resources");
        for (kind, resource) in spec.resources.iter() {
            let waiters = waiters_of(&spec, resource);
            assert!(!waiters.is_empty(), "{file}: no waiter polls a read of `{kind}`");
            let programs = programs(resource);
            for (name, waiter, hides) in &waiters {
                if let Some((_, _, why)) = NOT_PLAYED.iter().find(|(f, w, _)| *f == file && w == name) {
                    assert!(!why.is_empty());
                    continue;
                }
                // The wait can succeed: a call ends in one of its success states, or, for a wait
                // that succeeds on absence, a delete removes the resource or leaves it in a state
                // the read hides (Kingsoft's recycle bin).
                let reached: Vec<&str> = programs
                    .iter()
                    .filter(|(_, steps)| steps.last().is_some_and(|s| waiter.success.contains(&s.state)))
                    .map(|(op, _)| op.as_str())
                    .collect();
                let vanishes = waiter.when_absent == Some(Absent::Success)
                    && (!resource.delete.is_empty() || programs.iter().any(|(_, s)| s.last().is_some_and(|s| hides.contains(&s.state))));
                assert!(
                    !reached.is_empty() || vanishes,
                    "{file}: `{kind}`: no create or action ends in {:?} (or removes the resource), which the waiter `{name}` waits for",
                    waiter.success
                );
                checked += 1;
                for (op, steps) in &programs {
                    for step in steps.iter() {
                        assert!(
                            !waiter.failure.contains(&step.state),
                            "{file}: `{kind}`: {op} passes through `{}`, a failure state of the waiter `{name}`",
                            step.state
                        );
                    }
                }
            }
        }
    }
    assert_eq!(checked, 13, "waiters checked (3 per spec, 2 for Inspur and 1 KEC image waiter not on an instance)");
}

/// One resource as the player keeps it: the steps it goes through from `since`, and whether it
/// is gone after the last one.
#[derive(Debug, Clone)]
struct Playing {
    steps: Vec<StateStep>,
    since: u64,
    removed_after: bool,
}

impl Playing {
    fn resting(state: &str) -> Self {
        Playing {
            steps: vec![StateStep { state: state.to_owned(), seconds: None, also: Default::default() }],
            since: 0,
            removed_after: false,
        }
    }

    /// The state at `now`, `None` once gone.
    fn state(&self, now: u64) -> Option<&str> {
        let mut end = self.since;
        for (i, step) in self.steps.iter().enumerate() {
            let Some(seconds) = step.seconds else { return Some(&step.state) };
            end += u64::from(seconds);
            if now < end {
                return Some(&step.state);
            }
            if i + 1 == self.steps.len() && !self.removed_after {
                return Some(&step.state);
            }
        }
        // Past the last step of a delete, or a delete without steps: gone.
        None
    }
}

/// How a wait ended, and when.
#[derive(Debug, PartialEq, Eq)]
enum Ended {
    Success(u64),
    Failure(u64, String),
    TimedOut,
}

/// Polls `ids` as the waiter does from `start`; `longest` takes the longest pause the jitter
/// allows (the ceiling), else the shortest (`delay`).
fn wait(world: &BTreeMap<String, Playing>, ids: &[String], waiter: &Waiter, hides: &[String], start: u64, longest: bool) -> Ended {
    let (delay, max_delay, max_wait) =
        (u64::from(waiter.delay.unwrap_or(5)), u64::from(waiter.max_delay.unwrap_or(60)), u64::from(waiter.max_wait.unwrap_or(600)));
    let mut now = start;
    let mut poll = 1u32;
    loop {
        let states: Vec<&str> = ids
            .iter()
            .filter_map(|id| world.get(id).and_then(|p| p.state(now)))
            .filter(|state| !hides.iter().any(|h| h == state))
            .collect();
        if states.is_empty() {
            match waiter.when_absent.unwrap_or(Absent::Retry) {
                Absent::Success => return Ended::Success(now),
                Absent::Failure => return Ended::Failure(now, "absent".to_owned()),
                Absent::Retry => {}
            }
        } else if let Some(bad) = states.iter().find(|s| waiter.failure.iter().any(|f| f == *s)) {
            return Ended::Failure(now, (*bad).to_owned());
        } else if states.iter().all(|s| waiter.success.iter().any(|w| w == s)) {
            return Ended::Success(now);
        }
        let pause = if longest { (delay << (poll - 1).min(16)).min(max_delay.max(delay)) } else { delay };
        if now - start + pause > max_wait {
            return Ended::TimedOut;
        }
        now += pause;
        poll += 1;
    }
}

/// A step of a documented flow.
enum Do<'a> {
    /// Create `count` resources with a create operation.
    Create(&'a str, usize),
    /// Call an action (or a delete) on every resource of the flow.
    Call(&'a str),
    /// Call it with `force` set.
    Force(&'a str),
    /// The call is refused, with this error code.
    Refused(&'a str, Option<&'a str>),
    /// Wait with a waiter until it succeeds.
    Wait(&'a str),
}

/// Plays `flow` on the resource `kind` of `file`, starting from `seeded` resources in a state
/// (for a service whose spec creates none). Returns the time the flow took, in the model's
/// seconds, with the longest or shortest polling.
fn play(file: &str, kind: &str, seeded: &[(&str, &str)], flow: &[Do<'_>], longest: bool) -> u64 {
    let spec = load(file);
    let resource = spec.resources.get(kind).unwrap_or_else(|| panic!("{file}: no resource `{kind}`"));
    let mut world: BTreeMap<String, Playing> = BTreeMap::new();
    let mut ids: Vec<String> = Vec::new();
    for (id, state) in seeded {
        world.insert((*id).to_owned(), Playing::resting(state));
        ids.push((*id).to_owned());
    }
    let mut now = 0u64;
    let action = |name: &str| -> (&ResourceAction, bool) {
        if let Some(a) = resource.actions.get(name) {
            return (a, false);
        }
        let d = resource.delete.iter().find(|d| d.operation.as_deref() == Some(name));
        (d.unwrap_or_else(|| panic!("{file}: `{kind}` has no action or delete `{name}`")), true)
    };
    for (n, step) in flow.iter().enumerate() {
        let at = format!("{file}: `{kind}`: step {}", n + 1);
        match step {
            Do::Create(op, count) => {
                let create = resource.create.iter().find(|c| c.operation == *op).unwrap_or_else(|| panic!("{at}: no create `{op}`"));
                for i in 0..*count {
                    let id = format!("{kind}-{}", ids.len() + i);
                    world.insert(id.clone(), Playing { steps: create.transitions.clone(), since: now, removed_after: false });
                    ids.push(id);
                }
            }
            Do::Call(op) | Do::Force(op) | Do::Refused(op, _) => {
                let (act, delete) = action(op);
                let forced = matches!(step, Do::Force(_));
                let mut refused = None;
                for id in &ids {
                    let state = world.get(id).and_then(|p| p.state(now)).unwrap_or_else(|| panic!("{at}: {id} is gone"));
                    let allowed = (act.from.is_empty() || act.from.iter().any(|s| s == state)) && !act.except.iter().any(|s| s == state);
                    let lifted = forced && act.force.is_some();
                    if !(allowed || lifted) {
                        refused = Some(act.error.clone());
                    }
                }
                match (step, refused) {
                    (Do::Refused(_, code), Some(error)) => {
                        assert_eq!(error.as_deref(), *code, "{at}: {op} is refused with another code");
                        continue;
                    }
                    (Do::Refused(..), None) => panic!("{at}: {op} is accepted, the document says it is refused"),
                    (_, Some(_)) => {
                        panic!("{at}: {op} is refused in the states {:?}", ids.iter().map(|i| world[i].state(now)).collect::<Vec<_>>())
                    }
                    _ => {}
                }
                if !act.transitions.is_empty() || delete {
                    for id in &ids {
                        world.insert(id.clone(), Playing { steps: act.transitions.clone(), since: now, removed_after: delete });
                    }
                }
            }
            Do::Wait(name) => {
                let waiter = spec.waiters.get(*name).unwrap_or_else(|| panic!("{at}: no waiter `{name}`"));
                let hides = waiters_of(&spec, resource)
                    .into_iter()
                    .find(|(w, _, _)| w == name)
                    .map(|(_, _, hides)| hides)
                    .unwrap_or_else(|| panic!("{at}: the waiter `{name}` polls no read of `{kind}` at its state"));
                match wait(&world, &ids, waiter, hides, now, longest) {
                    Ended::Success(t) => now = t,
                    other => panic!("{at}: waiting with `{name}` ended {other:?}"),
                }
            }
        }
    }
    now
}

/// The resources of a seed catalogue (`specs/catalogue/<name>.yaml`): (id, state).
fn seeded(name: &str) -> Vec<(String, String)> {
    let file = yun_tests::workspace_root().join("specs/catalogue").join(format!("{name}.yaml"));
    let loaded = yun_codegen::catalogue::load_file(&file).unwrap_or_else(|d| panic!("{d}"));
    loaded.catalogue.resources.iter().map(|r| (r.id.clone(), r.state.clone())).collect()
}

fn both(file: &str, kind: &str, seeded: &[(&str, &str)], flow: &[Do<'_>]) -> (u64, u64) {
    (play(file, kind, seeded, flow, false), play(file, kind, seeded, flow, true))
}

#[test]
fn the_ecs_guide_flows_run_on_the_model() {
    use Do::*;
    // Create two and wait for Running (line 1622), stop, resize (line 1281: Stopped only), renew, release
    // (line 2370: Stopped only); a release of a running instance is refused with the document's error
    // sample (line 2362) unless forced (line 2373).
    let flow = [
        Create("RunInstances", 2),
        Wait("instance_running"),
        Refused("DeleteInstance", Some("IncorrectInstanceState")),
        Refused("ModifyInstanceSpec", Some("IncorrectInstanceStatus")),
        Call("RenewInstance"),
        Call("StopInstance"),
        Wait("instance_stopped"),
        Call("ModifyInstanceSpec"),
        Call("StartInstance"),
        Wait("instance_running"),
        Force("DeleteInstance"),
        Wait("instance_deleted"),
    ];
    let (fast, slow) = both("aliyun-ecs.yaml", "instance", &[], &flow);
    assert!(fast > 0 && slow >= fast, "{fast} {slow}");
    // CreateInstance leaves the instance Stopped (line 1933): started, then released.
    let flow = [
        Create("CreateInstance", 1),
        Wait("instance_stopped"),
        Call("StartInstance"),
        Wait("instance_running"),
        Call("StopInstance"),
        Wait("instance_stopped"),
        Call("DeleteInstance"),
        Wait("instance_deleted"),
    ];
    both("aliyun-ecs.yaml", "instance", &[], &flow);
}

#[test]
fn the_kec_flow_runs_on_the_model() {
    use Do::*;
    let flow = [
        Create("RunInstances", 1),
        Wait("instance_running"),
        Refused("StartInstances", Some("InstanceStateNotSupported")),
        Call("StopInstances"),
        Wait("instance_stopped"),
        Refused("RebootInstances", Some("InstanceStateNotSupportedReboot")),
        Call("StartInstances"),
        Wait("instance_running"),
        Call("RebootInstances"),
        Wait("instance_running"),
        // Into the recycle bin, which DescribeInstances does not list: the wait for deletion ends.
        Call("TerminateInstances"),
        Wait("instance_deleted"),
    ];
    both("ksyun-kec.yaml", "instance", &[], &flow);
}

#[test]
fn the_jd_flow_runs_on_the_model() {
    use Do::*;
    let flow = [
        Create("CreateInstances", 2),
        Wait("instance_running"),
        Refused("ResizeInstance", Some("FAILED_PRECONDITION")),
        Call("StopInstance"),
        Wait("instance_stopped"),
        Call("ResizeInstance"),
        Wait("instance_stopped"),
        Call("DeleteInstance"),
        Wait("instance_deleted"),
    ];
    both("jdcloud-vm.yaml", "instance", &[], &flow);
}

#[test]
fn the_swas_and_inspur_flows_run_on_the_model() {
    use Do::*;
    let flow = [
        // IncorrectInstanceStatus: the StartInstance page's table and the Terraform provider's
        // expected error on RebootInstance (specs/aliyun-swas.yaml).
        Refused("StartInstance", Some("IncorrectInstanceStatus")),
        Call("StopInstance"),
        Wait("instance_stopped"),
        Refused("RebootInstance", Some("IncorrectInstanceStatus")),
        Call("StartInstance"),
        Wait("instance_running"),
        Call("RebootInstance"),
        Wait("instance_running"),
        Call("StopInstances"),
        Wait("instance_stopped"),
        Call("StartInstances"),
        Wait("instance_running"),
    ];
    // The instances the SWAS samples act on, as the seed catalogue has them.
    let seeds = seeded("aliyun-swas");
    let seeds: Vec<(&str, &str)> = seeds.iter().map(|(i, s)| (i.as_str(), s.as_str())).collect();
    assert_eq!(seeds.len(), 3);
    both("aliyun-swas.yaml", "instance", &seeds, &flow);
    let flow = [
        Refused("StartServer", Some("101.001012")),
        Call("StopServer"),
        Wait("server_stopped"),
        Refused("RebootServer", Some("101.001012")),
        Call("StartServer"),
        Wait("server_active"),
        Call("RebootServer"),
        Wait("server_active"),
    ];
    let seeds = seeded("inspur-ecs");
    let seeds: Vec<(&str, &str)> = seeds.iter().map(|(i, s)| (i.as_str(), s.as_str())).collect();
    both("inspur-ecs.yaml", "server", &seeds, &flow);
}

#[test]
fn the_player_sees_a_failure_state_and_a_deadline() {
    // The player itself: a waiter that would see a failure state, or never its success, fails.
    let waiter: Waiter = serde_json::from_str(
        r#"{"docs": "d", "operation": "D", "state": "S", "success": ["Running"], "failure": ["Error"], "delay": 5, "max_delay": 10, "max_wait": 30}"#,
    )
    .unwrap();
    let step = |state: &str, seconds: Option<u32>| StateStep { state: state.to_owned(), seconds, also: Default::default() };
    let mut world = BTreeMap::new();
    world.insert("a".to_owned(), Playing { steps: vec![step("Pending", Some(7)), step("Error", None)], since: 0, removed_after: false });
    assert_eq!(wait(&world, &["a".to_owned()], &waiter, &[], 0, false), Ended::Failure(10, "Error".to_owned()));
    world
        .insert("a".to_owned(), Playing { steps: vec![step("Pending", Some(100)), step("Running", None)], since: 0, removed_after: false });
    assert_eq!(wait(&world, &["a".to_owned()], &waiter, &[], 0, true), Ended::TimedOut);
    world.insert("a".to_owned(), Playing { steps: vec![step("Pending", Some(12)), step("Running", None)], since: 0, removed_after: false });
    assert_eq!(wait(&world, &["a".to_owned()], &waiter, &[], 0, false), Ended::Success(15));
    // Longest pauses: 5, 10, 10 (capped): polls at 0, 5, 15.
    assert_eq!(wait(&world, &["a".to_owned()], &waiter, &[], 0, true), Ended::Success(15));
    // Removed after its last step; hidden states count as absent.
    world.insert("a".to_owned(), Playing { steps: vec![step("Deleting", Some(3))], since: 0, removed_after: true });
    assert_eq!(world["a"].state(2), Some("Deleting"));
    assert_eq!(world["a"].state(3), None);
    world.insert("a".to_owned(), Playing::resting("Recycling"));
    let absent: Waiter =
        serde_json::from_str(r#"{"docs": "d", "operation": "D", "state": "S", "success": [], "when_absent": "success"}"#).unwrap();
    assert_eq!(wait(&world, &["a".to_owned()], &absent, &["Recycling".to_owned()], 0, false), Ended::Success(0));
    assert_eq!(wait(&world, &["a".to_owned()], &absent, &[], 0, false), Ended::TimedOut);
}
