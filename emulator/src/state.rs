//! Resources and their states, from a spec's `resources:` section (resolved by
//! [`yun_codegen::ir::resources`]) and its paginators, seeded from its catalogue.
//!
//! Items are kept as the JSON a read answers (wire names), so reads answer them as they are;
//! transitions move on the lifecycle clock (milliseconds since the emulator started, plus
//! what a test fast-forwarded), entering each step's state when the previous step's duration
//! has passed; a delete's resource is gone when its last step is over.

use std::collections::HashMap;

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};
use yun_codegen::ir::resources::{Action, Create, Read, Resource, Step, WireStep};
use yun_codegen::load::LoadedSpec;
use yun_codegen::spec::{member_path, FilterMatch, PaginatorKind};

use crate::wire::{get_all, get_text, get_texts, set, set_list, text};
use crate::Provider;

/// A refusal in the provider's words: HTTP status, code, message.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    /// The HTTP status.
    pub status: u16,
    /// The provider's error code.
    pub code: String,
    /// What was wrong.
    pub message: String,
}

/// How a read pages, resolved from its paginator to wire paths.
#[derive(Debug, Clone)]
struct Paging {
    kind: PaginatorKind,
    input: Vec<WireStep>,
    page_size: Option<Vec<WireStep>>,
    default_size: usize,
    next: Option<Vec<WireStep>>,
    /// The output's `next` member is a number (Kingsoft's `Marker`), not text.
    next_numeric: bool,
    total: Option<Vec<WireStep>>,
    done_when: Vec<String>,
    /// Output members echoing the page number and size, when the output has them.
    echo: Vec<(Vec<WireStep>, Vec<WireStep>)>,
    /// The page sizes the service takes, a size outside them counted as the nearest bound
    /// ([`PAGE_SIZE_CLAMPS`]).
    clamp: Option<(usize, usize)>,
    /// A token or offset read whose input also has `PageNumber` and `PageSize` (ECS
    /// `DescribeInstances`, whose guide pages so and reads `TotalCount`): pages by number when
    /// the request sends them and neither the paginator's input nor its page size.
    numbered: Option<Numbered>,
}

/// Paging by `PageNumber` and `PageSize` beside a read's paginator.
#[derive(Debug, Clone)]
struct Numbered {
    number: Vec<WireStep>,
    size: Vec<WireStep>,
    default_size: usize,
    /// Output members echoing them, when the output has them.
    echo_number: Option<Vec<WireStep>>,
    echo_size: Option<Vec<WireStep>>,
}

/// Page sizes a document says are counted as the nearest bound rather than refused: (provider,
/// action, page-size member, smallest, largest).
const PAGE_SIZE_CLAMPS: &[(Provider, &str, &str, usize, usize)] = &[
    // KEC: MaxResults "取值为5~1000，超过1000记为1000" (003_82dd991f180413ac.txt:1389, and 7839, 8320):
    // below 5 is refused by the spec's range; above 1000 is taken as 1000.
    (Provider::Ksyun, "DescribeInstances", "MaxResults", 5, 1000),
    // ECS: MaxResults "Maximum value: 100. ... less than 10, the default value is 10. ... greater
    // than 100, the default value is 100." (alibabacloud-ecs20140526's docs, specs/aliyun-ecs.yaml).
    (Provider::Aliyun, "DescribeInstances", "MaxResults", 10, 100),
];

/// A seeded resource: kind, id, state, other members.
#[derive(Debug, Clone)]
struct Seed {
    kind: String,
    id: String,
    state: String,
    members: Vec<(Vec<WireStep>, String)>,
}

/// A service's resource models.
#[derive(Debug)]
pub struct Model {
    resources: Vec<Resource>,
    paging: HashMap<String, Paging>,
    seeds: Vec<Seed>,
    provider: Provider,
    /// Per wire action, the top-level wire names of its input members: what a token's
    /// [`fingerprint`] covers (not the common parameters, which change on every retry).
    inputs: HashMap<String, Vec<String>>,
    /// The most resources of one kind the store holds ([`DEFAULT_RESOURCE_LIMIT`] unless
    /// configured): a create past it is cut or refused as the provider does past its quota.
    resource_limit: usize,
    /// Per wire action taking an idempotency token, where the token is and the service's
    /// answer to it used again with other parameters.
    tokens: HashMap<String, TokenRule>,
}

/// An operation's idempotency token: its input path and the refusal of a token reused with
/// other parameters.
#[derive(Debug, Clone)]
struct TokenRule {
    path: Vec<WireStep>,
    /// The spec's error marked `idempotency_mismatch` for the operation (its own, else the
    /// service's): status and code. `None` when the spec declares none.
    mismatch: Option<(u16, String)>,
}

/// An idempotency token a request carries: its key in the store (`action`, NUL, token) and the
/// request's [`fingerprint`].
#[derive(Debug, Clone)]
pub struct Token {
    action: String,
    key: String,
    print: String,
}

/// The most resources of one kind (live, or kept as a recycled KEC instance is) one service's
/// store holds unless `Config::resource_limit` says otherwise: an account's quota, so that a
/// long-running emulator's memory stays flat (an instance is about 1 KB of JSON: some 10 MB
/// per kind at the limit). No provider publishes one figure for every account (quotas are
/// per account and region, raised on request); this is the emulator's, above the largest
/// fleet the tests and benchmarks make (1,050 KEC instances).
pub const DEFAULT_RESOURCE_LIMIT: usize = 10_000;

/// Creates whose documents say a count past the quota makes fewer, not none: (provider,
/// action, the member with the fewest to make). KEC RunInstances: MaxCount "如果指定的实例数
/// 大于金山云在本人Region所能创建的最大实例数，则会创建大于MinCount数量的最大允许实例数" and
/// MinCount "如果指定的实例数大于金山云在本Region所能创建的最大实例数，则不会创建任何实例"
/// (003_82dd991f180413ac.txt:635-644; its per-call cap, MIN(剩余配额, 50), is the spec's range).
const PARTIAL_CREATES: &[(Provider, &str, &str)] = &[(Provider::Ksyun, "RunInstances", "MinCount")];

/// The provider's refusal of a create past the quota. Aliyun: `QuotaExceed.ElasticQuota`, "所选
/// 实例规格要创建的台数或全实例规格 vCPU 超出当前地域的系统限额" (specs/aliyun-ecs.yaml, from
/// help.aliyun.com/document_detail/25499), 403 as Alibaba's other quota refusals. JD Cloud:
/// `QUOTA_EXCEEDED` 429, "配额不足" (specs/jdcloud-vm.yaml, docs.jdcloud.com common error codes).
/// Kingsoft: the KEC document names no quota code (its only `…Exceeded` is the flow control's
/// `LimitExceeded`): the emulator's choice is its parameter error on `MinCount`. Inspur: its 400.
pub fn quota_exceeded(provider: Provider, message: String) -> Refused {
    match provider {
        Provider::Aliyun => Refused { status: 403, code: "QuotaExceed.ElasticQuota".into(), message },
        Provider::Jdcloud => Refused { status: 429, code: "QUOTA_EXCEEDED".into(), message },
        Provider::Ksyun => Refused { message, ..crate::answer::parameter_error(provider, "MinCount", "") },
        Provider::Inspur => Refused { message, ..crate::answer::parameter_error(provider, "", "") },
    }
}

/// A resource in the store.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    /// The resource kind.
    pub kind: String,
    /// Its id.
    pub id: String,
    /// The item as a read answers it (wire names).
    pub value: Value,
    /// The transition under way: the operation's action, the step and when it began
    /// (lifecycle milliseconds).
    pub transition: Option<(String, usize, u64)>,
    /// Gone (a delete's last step is over).
    pub gone: bool,
}

/// One service's state.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Store {
    /// Resources in creation order.
    pub items: Vec<Item>,
    /// Answers by idempotency token (`action`, NUL, token), at most [`TOKEN_LIMIT`].
    pub tokens: HashMap<String, Value>,
    /// The keys of `tokens`, oldest first: the first to be forgotten.
    #[serde(default)]
    pub token_order: std::collections::VecDeque<String>,
    /// Per token (the keys of `tokens`), the [`fingerprint`] of the request that used it
    /// first; a token without one (a state saved before they were kept) takes any request.
    #[serde(default)]
    pub token_requests: HashMap<String, String>,
}

/// The most idempotency tokens a service's store remembers; past it the oldest is forgotten (a
/// retry with it then acts again). No provider documents a validity period (Aliyun's "How to
/// ensure idempotence", help.aliyun.com/document_detail/25693, states none; KEC, JD and
/// Inspur's documents say nothing): the bound keeps a long-running emulator's memory flat
/// (a token of 64 characters and a small answer: about 10 MB at the limit per service),
/// while a client's retries, seconds apart, find their token.
pub const TOKEN_LIMIT: usize = 50_000;

impl Store {
    /// The answer remembered for `token`, if the request with `fingerprint` may have it: the
    /// same answer again for the same request, and for another request with the token
    /// `mismatch()` (the service's refusal, [`Model::recall`]).
    fn recall(&self, token: &str, fingerprint: &str, mismatch: impl FnOnce() -> Refused) -> Option<Result<Value, Refused>> {
        let answer = self.tokens.get(token)?;
        match self.token_requests.get(token) {
            Some(first) if first != fingerprint => Some(Err(mismatch())),
            _ => Some(Ok(answer.clone())),
        }
    }

    /// [`remember`](Self::remember), with the fingerprint of the request that used `token`.
    fn remember_request(&mut self, token: String, fingerprint: String, answer: Value) {
        self.token_requests.insert(token.clone(), fingerprint);
        self.remember(token, answer);
    }

    /// Remembers `answer` for `token`, forgetting the oldest token past [`TOKEN_LIMIT`].
    pub fn remember(&mut self, token: String, answer: Value) {
        if self.token_order.len() != self.tokens.len() {
            // A loaded state whose order does not match its tokens (saved before the order was
            // kept, or edited): the tokens it does not order count as the oldest.
            let ordered: std::collections::HashSet<&String> = self.token_order.iter().collect();
            let mut order: std::collections::VecDeque<String> = self.tokens.keys().filter(|k| !ordered.contains(k)).cloned().collect();
            order.extend(self.token_order.iter().filter(|k| self.tokens.contains_key(*k)).cloned());
            let mut seen = std::collections::HashSet::new();
            order.retain(|k| seen.insert(k.clone()));
            self.token_order = order;
        }
        if self.tokens.insert(token.clone(), answer).is_none() {
            self.token_order.push_back(token);
        }
        while self.tokens.len() > TOKEN_LIMIT {
            let Some(oldest) = self.token_order.pop_front() else { break };
            self.tokens.remove(&oldest);
            self.token_requests.remove(&oldest);
        }
    }
}

/// A request's members (`input`, [`crate::wire::input_tree`]) among `names` but not the
/// token's member `token`, as text with object keys sorted at every depth, hashed (64-bit
/// FNV-1a, stable across builds, so saved states keep matching): two requests that differ
/// in any member the operation takes differ here (up to a 2^-64 chance).
fn fingerprint(input: &Value, names: &[String], token: Option<&[WireStep]>) -> String {
    fn canonical(value: &Value, out: &mut String) {
        match value {
            Value::Object(map) => {
                let mut keys: Vec<&String> = map.keys().collect();
                keys.sort();
                out.push('{');
                for key in keys {
                    out.push_str(&Value::String(key.clone()).to_string());
                    out.push(':');
                    canonical(&map[key], out);
                    out.push(',');
                }
                out.push('}');
            }
            Value::Array(items) => {
                out.push('[');
                for item in items {
                    canonical(item, out);
                    out.push(',');
                }
                out.push(']');
            }
            other => out.push_str(&other.to_string()),
        }
    }
    let skip = token.and_then(|t| (t.len() == 1).then(|| t[0].wire.as_str()));
    let mut names: Vec<&String> = names.iter().filter(|n| Some(n.as_str()) != skip).collect();
    names.sort();
    names.dedup();
    let mut text = String::new();
    for name in names {
        if let Some(value) = input.get(name.as_str()) {
            text.push_str(name);
            text.push('=');
            canonical(value, &mut text);
            text.push('\n');
        }
    }
    let hash = text.bytes().fold(0xcbf2_9ce4_8422_2325_u64, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3));
    format!("{hash:016x}")
}

fn resolve(spec: &LoadedSpec, members: &yun_codegen::spec::UniqueMap<yun_codegen::spec::Member>, text: &str) -> Vec<WireStep> {
    member_path::resolve(&spec.spec, members, text)
        .map(|steps| steps.iter().map(|s| WireStep { wire: s.wire.to_owned(), list: s.is_list() }).collect())
        .unwrap_or_default()
}

impl Model {
    /// The models of `spec`, seeded from `catalogue` (a catalogue's YAML, if the service has
    /// one).
    pub fn new(spec: &LoadedSpec, catalogue: Option<&str>, provider: Provider) -> Result<Self, String> {
        let resources = yun_codegen::ir::resources::resolve_resources(spec);
        let mut paging = HashMap::new();
        for resource in &resources {
            for read in &resource.reads {
                let Some(op) = spec.spec.operations.get(&read.operation) else { continue };
                let Some(p) = &op.paginator else { continue };
                let size_member = p.page_size.as_ref().and_then(|s| {
                    member_path::resolve(&spec.spec, &op.input, s).ok().and_then(|steps| steps.last().map(|s| s.member.clone()))
                });
                let default_size = size_member
                    .as_ref()
                    .and_then(|m| m.default.as_ref().and_then(Value::as_u64))
                    .or_else(|| size_member.as_ref().and_then(|m| m.range.as_ref()).and_then(|r| r.max).map(|m| m as u64))
                    .map_or(10, |n| n.clamp(1, 1000) as usize);
                let mut echo = Vec::new();
                for input in std::iter::once(&p.input).chain(p.page_size.as_ref()) {
                    // A token's output member is the next token, not an echo.
                    if member_path::resolve(&spec.spec, &op.output, input).is_ok() && p.next.as_ref() != Some(input) {
                        echo.push((resolve(spec, &op.input, input), resolve(spec, &op.output, input)));
                    }
                }
                let page_size_wire = p.page_size.as_ref().and_then(|s| s.rsplit('.').next()).unwrap_or("");
                let clamp = PAGE_SIZE_CLAMPS
                    .iter()
                    .find(|(pr, action, member, _, _)| *pr == provider && *action == read.action && *member == page_size_wire)
                    .map(|&(_, _, _, min, max)| (min, max));
                // A total the paginator does not name but the output has: `TotalCount`
                // (ECS, read by the guide's renew flow, 002_f0be29b3ba64e6a7.txt:2566), JD's
                // `totalCount`, KEC's `InstanceCount` ("实例总数", the total number of
                // instances: 003_82dd991f180413ac.txt:7839).
                let total = p.total.as_ref().map(|s| resolve(spec, &op.output, s)).or_else(|| {
                    ["TotalCount", "totalCount", "InstanceCount"]
                        .into_iter()
                        .find(|name| op.output.get(*name).is_some_and(|m| matches!(m.ty.as_str(), "integer" | "long")))
                        .map(|name| vec![WireStep { wire: name.to_owned(), list: false }])
                });
                let top = |members: &yun_codegen::spec::UniqueMap<yun_codegen::spec::Member>, name: &str| {
                    members.get(name).map(|_| vec![WireStep { wire: name.to_owned(), list: false }])
                };
                let numbered = match (p.kind, top(&op.input, "PageNumber"), top(&op.input, "PageSize")) {
                    (PaginatorKind::Token | PaginatorKind::Offset, Some(number), Some(size)) => Some(Numbered {
                        number,
                        size,
                        default_size: op
                            .input
                            .get("PageSize")
                            .and_then(|m| m.default.as_ref())
                            .and_then(Value::as_u64)
                            .map_or(10, |n| n.clamp(1, 1000) as usize),
                        echo_number: top(&op.output, "PageNumber"),
                        echo_size: top(&op.output, "PageSize"),
                    }),
                    _ => None,
                };
                paging.insert(
                    read.action.clone(),
                    Paging {
                        kind: p.kind,
                        input: resolve(spec, &op.input, &p.input),
                        page_size: p.page_size.as_ref().map(|s| resolve(spec, &op.input, s)),
                        default_size,
                        next: p.next.as_ref().map(|s| resolve(spec, &op.output, s)),
                        next_numeric: p.next.as_ref().is_some_and(|s| {
                            member_path::resolve(&spec.spec, &op.output, s)
                                .ok()
                                .and_then(|steps| steps.last().map(|s| matches!(s.member.ty.as_str(), "integer" | "long")))
                                .unwrap_or(false)
                        }),
                        total,
                        done_when: p.done_when.clone(),
                        echo,
                        clamp,
                        numbered,
                    },
                );
            }
        }
        let mut seeds = Vec::new();
        if let Some(text) = catalogue {
            let catalogue: yun_codegen::catalogue::Catalogue = serde_yaml::from_str(text).map_err(|e| format!("catalogue: {e}"))?;
            for seed in catalogue.resources {
                let item_members = spec.spec.resources.get(&seed.kind).and_then(|r| r.read.first()).and_then(|read| {
                    let op = spec.spec.operations.get(&read.operation)?;
                    let steps = member_path::resolve(&spec.spec, &op.output, &read.items).ok()?;
                    let name = steps.last()?.item_type().named()?.to_owned();
                    spec.spec.shapes.get(&name)?.members.clone()
                });
                let members = match &item_members {
                    Some(m) => seed.members.iter().map(|(k, v)| (resolve(spec, m, k), v.clone())).filter(|(p, _)| !p.is_empty()).collect(),
                    None => Vec::new(),
                };
                seeds.push(Seed { kind: seed.kind, id: seed.id, state: seed.state, members });
            }
        }
        let inputs = spec
            .spec
            .operations
            .iter()
            .map(|(key, op)| {
                let names = op.input.keys().cloned().collect();
                (op.action.clone().unwrap_or_else(|| key.clone()), names)
            })
            .collect();
        // Every operation with a top-level idempotency token member (the spec's
        // `idempotency_token`), and every create or action a model gives a `token`.
        let mut tokens = HashMap::new();
        for (key, op) in spec.spec.operations.iter() {
            let action = op.action.clone().unwrap_or_else(|| key.clone());
            let mismatch = spec.spec.idempotency_mismatch(key).map(|e| (e.http_status.unwrap_or(400), e.code.clone()));
            let modelled = resources.iter().find_map(|r| {
                r.creates
                    .iter()
                    .filter(|c| c.action == action)
                    .map(|c| c.token.clone())
                    .chain(r.deletes.iter().chain(&r.actions).filter(|a| a.action == action).map(|a| a.token.clone()))
                    .next()
                    .flatten()
            });
            let member =
                op.input.iter().find(|(_, m)| m.idempotency_token).map(|(wire, _)| vec![WireStep { wire: wire.clone(), list: false }]);
            if let Some(path) = modelled.or(member) {
                tokens.insert(action, TokenRule { path, mismatch });
            }
        }
        Ok(Self { resources, paging, seeds, provider, inputs, resource_limit: DEFAULT_RESOURCE_LIMIT, tokens })
    }

    /// Holds at most `limit` resources of one kind (at least 1).
    #[must_use]
    pub fn with_resource_limit(mut self, limit: usize) -> Self {
        self.resource_limit = limit.max(1);
        self
    }

    /// How many of the service's operations the models make stateful (creates, reads,
    /// deletes and actions), by wire action.
    pub fn stateful_actions(&self) -> Vec<String> {
        let mut all: Vec<String> = self
            .resources
            .iter()
            .flat_map(|r| {
                r.creates
                    .iter()
                    .map(|c| c.action.clone())
                    .chain(r.reads.iter().map(|x| x.action.clone()))
                    .chain(r.deletes.iter().chain(&r.actions).map(|a| a.action.clone()))
            })
            .collect();
        all.sort();
        all.dedup();
        all
    }

    /// The store as the catalogue seeds it.
    pub fn seeded(&self) -> Store {
        let mut store = Store::default();
        for seed in &self.seeds {
            let Some(resource) = self.resources.iter().find(|r| r.kind == seed.kind) else { continue };
            let Some(read) = resource.reads.first() else { continue };
            let mut value = Value::Object(Map::new());
            set(&mut value, &read.id, Value::String(seed.id.clone()));
            if let Some(state) = &read.state {
                set(&mut value, state, Value::String(seed.state.clone()));
            }
            for (path, v) in &seed.members {
                set(&mut value, path, Value::String(v.clone()));
            }
            store.items.push(Item { kind: seed.kind.clone(), id: seed.id.clone(), value, transition: None, gone: false });
        }
        store
    }

    fn steps_of(&self, kind: &str, action: &str) -> Option<(&[Step], bool)> {
        let r = self.resources.iter().find(|r| r.kind == kind)?;
        if let Some(c) = r.creates.iter().find(|c| c.action == action) {
            return Some((&c.steps, false));
        }
        let a = r.deletes.iter().chain(&r.actions).find(|a| a.action == action)?;
        Some((&a.steps, a.removes))
    }

    fn enter(&self, item: &mut Item, steps: &[Step], index: usize) {
        let Some(step) = steps.get(index) else { return };
        // The previous step's other members end with it.
        if let Some(previous) = index.checked_sub(1).and_then(|i| steps.get(i)) {
            for (path, _) in &previous.also {
                set(&mut item.value, path, Value::Null);
            }
        }
        if let Some(read) = self.resources.iter().find(|r| r.kind == item.kind).and_then(|r| r.reads.first()) {
            if let Some(state) = &read.state {
                set(&mut item.value, state, Value::String(step.state.clone()));
            }
        }
        for (path, v) in &step.also {
            set(&mut item.value, path, Value::String(v.clone()));
        }
    }

    /// Moves `item` along its transition to lifecycle time `now`.
    fn settle(&self, item: &mut Item, now: u64) {
        while let Some((action, index, since)) = item.transition.clone() {
            let Some((steps, removes)) = self.steps_of(&item.kind, &action) else {
                item.transition = None;
                return;
            };
            let Some(lasts) = steps.get(index).and_then(|s| s.lasts) else {
                // The step stays: the transition is over (a delete's last step without a
                // duration: gone now).
                item.transition = None;
                item.gone |= removes && index.saturating_add(1) >= steps.len();
                return;
            };
            let ends = since.saturating_add(lasts.as_millis() as u64);
            if ends > now {
                return;
            }
            if index + 1 < steps.len() {
                self.enter(item, steps, index + 1);
                item.transition = Some((action, index + 1, ends));
            } else {
                item.transition = None;
                item.gone |= removes;
            }
        }
    }

    fn start(&self, item: &mut Item, action: &str, steps: &[Step], removes: bool, now: u64) {
        if steps.is_empty() {
            item.gone |= removes;
            return;
        }
        self.enter(item, steps, 0);
        item.transition = Some((action.to_owned(), 0, now));
        self.settle(item, now);
    }

    /// Settles every item of `store` to `now` and drops those gone.
    pub fn settle_all(&self, store: &mut Store, now: u64) {
        for item in &mut store.items {
            self.settle(item, now);
        }
        store.items.retain(|i| !i.gone);
    }

    /// The answer to `action` with `input` (the request's members, [`crate::wire::input_tree`]),
    /// at lifecycle time `now`: `None` when no resource model names the action (the caller
    /// answers from the spec's output shape).
    pub fn call(&self, store: &mut Store, now: u64, action: &str, input: &Value) -> Option<Result<Value, Refused>> {
        self.settle_all(store, now);
        for resource in &self.resources {
            if let Some(create) = resource.creates.iter().find(|c| c.action == action) {
                return Some(self.create(store, now, resource, create, input));
            }
            if let Some(a) = resource.deletes.iter().chain(&resource.actions).find(|a| a.action == action) {
                return Some(self.act(store, now, resource, a, input));
            }
            if let Some(read) = resource.reads.iter().find(|r| r.action == action) {
                return Some(self.read(store, resource, read, input));
            }
        }
        None
    }

    /// The idempotency token `input` gives `action`, if the operation takes one and the
    /// request sets it (not empty).
    pub fn token(&self, action: &str, input: &Value) -> Option<Token> {
        let rule = self.tokens.get(action)?;
        let token = get_text(input, &rule.path).filter(|t| !t.is_empty())?;
        let print = self.fingerprint(action, input, Some(&rule.path));
        Some(Token { action: action.to_owned(), key: format!("{action}\0{token}"), print })
    }

    /// The answer remembered for `token`: the first answer again for the same request; for a
    /// request with other parameters, the error the spec marks `idempotency_mismatch` for the
    /// operation (its own, else the service's). A spec that marks none gets the provider's
    /// parameter error naming the token, which the crate's test
    /// `every_idempotency_token_reused_with_other_parameters_gets_an_error_its_service_declares`
    /// reports as unmarked.
    pub fn recall(&self, store: &Store, token: &Token) -> Option<Result<Value, Refused>> {
        store.recall(&token.key, &token.print, || self.mismatch(&token.action))
    }

    /// Remembers `answer`, a success, for `token` (and the request it came with).
    pub fn remember(&self, store: &mut Store, token: Token, answer: Value) {
        store.remember_request(token.key, token.print, answer);
    }

    /// The service's answer to `action`'s idempotency token used again with other parameters.
    pub fn mismatch(&self, action: &str) -> Refused {
        let message = "the client token was used before with other parameters: use a new token for a new request".to_owned();
        let rule = self.tokens.get(action);
        match rule.and_then(|r| r.mismatch.clone()) {
            Some((status, code)) => Refused { status, code, message },
            None => {
                let wire = rule.and_then(|r| r.path.last()).map_or("ClientToken", |s| s.wire.as_str());
                let mut refused = crate::answer::parameter_error(self.provider, wire, "");
                refused.message = format!("{message} (the spec declares no error for this)");
                refused
            }
        }
    }

    fn new_id(&self) -> String {
        match self.provider {
            Provider::Ksyun | Provider::Inspur => uuid::Uuid::new_v4().to_string(),
            Provider::Aliyun => format!("i-{}", (0..20).map(|_| fastrand::alphanumeric().to_ascii_lowercase()).collect::<String>()),
            Provider::Jdcloud => format!("i-{}", (0..10).map(|_| fastrand::alphanumeric().to_ascii_lowercase()).collect::<String>()),
        }
    }

    fn create(&self, store: &mut Store, now: u64, resource: &Resource, create: &Create, input: &Value) -> Result<Value, Refused> {
        let wanted =
            create.count.as_ref().and_then(|p| get_text(input, p)).and_then(|c| c.parse::<usize>().ok()).unwrap_or(1).clamp(1, 100);
        let held = store.items.iter().filter(|i| i.kind == resource.kind).count();
        let room = self.resource_limit.saturating_sub(held);
        let fewest = PARTIAL_CREATES.iter().find(|(p, a, _)| *p == self.provider && *a == create.action).map_or(wanted, |(_, _, min)| {
            input.get(*min).and_then(text).and_then(|m| m.parse::<usize>().ok()).unwrap_or(1).clamp(1, wanted)
        });
        if room < fewest {
            let message = format!(
                "{} cannot make {fewest} more {}: {held} of the {} allowed exist",
                create.action, resource.kind, self.resource_limit
            );
            return Err(quota_exceeded(self.provider, message));
        }
        let count = wanted.min(room);
        let mut ids = Vec::new();
        for _ in 0..count {
            let id = self.new_id();
            let mut value = Value::Object(Map::new());
            if let Some(read) = resource.reads.first() {
                set(&mut value, &read.id, Value::String(id.clone()));
            }
            for (target, source) in &create.sets {
                copy_member(&mut value, target, input, source);
            }
            let mut item = Item { kind: resource.kind.clone(), id: id.clone(), value, transition: None, gone: false };
            self.start(&mut item, &create.action, &create.steps, false, now);
            store.items.push(item);
            ids.push(Value::String(id));
        }
        let mut output = Value::Object(Map::new());
        set_list(&mut output, &create.ids, ids);
        Ok(output)
    }

    fn fingerprint(&self, action: &str, input: &Value, token: Option<&[WireStep]>) -> String {
        fingerprint(input, self.inputs.get(action).map_or(&[][..], Vec::as_slice), token)
    }

    fn not_found(&self, kind: &str, id: &str) -> Refused {
        let mut kind_word: String = kind
            .split('_')
            .map(|w| {
                let mut chars = w.chars();
                chars.next().map(|c| c.to_uppercase().chain(chars).collect::<String>()).unwrap_or_default()
            })
            .collect();
        if kind_word.is_empty() {
            kind_word = "Resource".into();
        }
        let message = format!("the {kind} `{id}` does not exist");
        match self.provider {
            Provider::Aliyun => Refused { status: 404, code: format!("Invalid{kind_word}Id.NotFound"), message },
            Provider::Ksyun => Refused { status: 404, code: format!("Invalid{kind_word}Id.NotFound"), message },
            Provider::Jdcloud => Refused { status: 404, code: "NOT_FOUND".into(), message },
            Provider::Inspur => Refused { status: 404, code: "404".into(), message },
        }
    }

    fn act(&self, store: &mut Store, now: u64, resource: &Resource, a: &Action, input: &Value) -> Result<Value, Refused> {
        let ids = get_texts(input, &a.id);
        if ids.is_empty() {
            let wire = a.id.last().map_or("Id", |s| s.wire.as_str());
            return Err(crate::answer::parameter_error(self.provider, wire, "is missing"));
        }
        let forced = a.force.as_ref().and_then(|p| get_text(input, p)).is_some_and(|v| v == "true");
        let state_of = |item: &Item| -> Option<String> {
            let read = resource.reads.first()?;
            get_text(&item.value, read.state.as_ref()?)
        };
        let mut chosen = Vec::new();
        for id in &ids {
            let Some(i) = store.items.iter().position(|it| it.kind == resource.kind && &it.id == id) else {
                return Err(self.not_found(&resource.kind, id));
            };
            if !forced && !a.accepted.is_empty() {
                let state = state_of(&store.items[i]).unwrap_or_default();
                if !a.accepted.contains(&state) {
                    let message = format!("{} cannot be called on the {} `{id}` in state {state}", a.action, resource.kind);
                    return Err(match &a.refusal {
                        Some(r) => Refused { status: r.http_status.unwrap_or(400), code: r.code.clone(), message },
                        None => crate::answer::state_error(self.provider, message),
                    });
                }
            }
            chosen.push(i);
        }
        for i in chosen {
            let item = &mut store.items[i];
            for (target, source) in &a.sets {
                copy_member(&mut item.value, target, input, source);
            }
            self.start(item, &a.action, &a.steps, a.removes, now);
        }
        store.items.retain(|i| !i.gone);
        Ok(Value::Object(Map::new()))
    }

    fn read(&self, store: &Store, resource: &Resource, read: &Read, input: &Value) -> Result<Value, Refused> {
        let ids = read.ids.as_ref().map(|p| get_texts(input, p)).unwrap_or_default();
        let mut filters = Vec::new();
        let mut state_asked = false;
        for f in &read.filters {
            if !f.when.iter().all(|(p, v)| get_text(input, p).as_deref() == Some(v.as_str())) {
                continue;
            }
            let values: Vec<String> = match &f.name {
                Some(name) => get_all(input, &f.input)
                    .into_iter()
                    .filter_map(Value::as_object)
                    .filter(|o| o.iter().any(|(k, v)| k.eq_ignore_ascii_case("name") && v.as_str() == Some(name)))
                    .flat_map(|o| {
                        o.iter().filter(|(k, _)| k.to_ascii_lowercase().starts_with("value")).flat_map(|(_, v)| match v {
                            Value::Array(items) => items.iter().filter_map(text).collect::<Vec<_>>(),
                            other => text(other).into_iter().collect(),
                        })
                    })
                    .collect(),
                None => get_texts(input, &f.input),
            };
            if values.is_empty() {
                continue;
            }
            state_asked |= read.state.as_ref() == Some(&f.item);
            filters.push((f, values));
        }
        let mut matching: Vec<&Item> = store
            .items
            .iter()
            .filter(|it| it.kind == resource.kind)
            .filter(|it| ids.is_empty() || ids.contains(&it.id))
            .filter(|it| state_asked || read.state.as_ref().and_then(|p| get_text(&it.value, p)).is_none_or(|s| !read.hides.contains(&s)))
            .filter(|it| {
                filters.iter().all(|(f, values)| {
                    let have = get_texts(&it.value, &f.item);
                    values.iter().any(|want| {
                        have.iter().any(|h| match f.matching {
                            FilterMatch::Exact => h == want,
                            FilterMatch::Contains => h.contains(want.as_str()),
                            FilterMatch::Wildcard => wildcard(want, h),
                        })
                    })
                })
            })
            .collect();
        let mut output = Value::Object(Map::new());
        if !read.items.iter().any(|s| s.list) {
            // One structure: the resource the ids name.
            let Some(item) = matching.first() else {
                return Err(self.not_found(&resource.kind, ids.first().map_or("", String::as_str)));
            };
            set(&mut output, &read.items, item.value.clone());
            return Ok(output);
        }
        let total = matching.len();
        let numbered = self.paging.get(&read.action).and_then(|p| {
            let n = p.numbered.as_ref()?;
            let sent = |path: &[WireStep]| get_text(input, path).is_some();
            let paginated = sent(&p.input) || p.page_size.as_deref().is_some_and(sent);
            (!paginated && (sent(&n.number) || sent(&n.size))).then_some((p, n))
        });
        if let Some((p, n)) = numbered {
            let size =
                get_text(input, &n.size).and_then(|s| s.parse::<usize>().ok()).filter(|&n| n > 0).unwrap_or(n.default_size).min(1000);
            let page = get_text(input, &n.number).and_then(|g| g.parse::<usize>().ok()).unwrap_or(1).max(1);
            matching = matching.into_iter().skip((page - 1).saturating_mul(size)).take(size).collect();
            if let Some(t) = &p.total {
                set(&mut output, t, Value::from(total));
            }
            if let Some(e) = &n.echo_number {
                set(&mut output, e, Value::from(page));
            }
            if let Some(e) = &n.echo_size {
                set(&mut output, e, Value::from(size));
            }
        } else if let Some(p) = self.paging.get(&read.action) {
            let size = p
                .page_size
                .as_ref()
                .and_then(|s| get_text(input, s))
                .and_then(|s| s.parse::<usize>().ok())
                .filter(|&n| n > 0)
                .unwrap_or(p.default_size);
            let size = match p.clamp {
                Some((min, max)) => size.clamp(min, max),
                None => size,
            };
            let given = get_text(input, &p.input);
            let offset = match p.kind {
                PaginatorKind::PageNumber => {
                    given.and_then(|g| g.parse::<usize>().ok()).unwrap_or(1).max(1).saturating_sub(1).saturating_mul(size)
                }
                _ => given.and_then(|g| g.parse::<usize>().ok()).unwrap_or(0),
            };
            matching = matching.into_iter().skip(offset).take(size).collect();
            if let Some(next) = &p.next {
                let end = offset.saturating_add(matching.len());
                let token = |t: String| match t.parse::<u64>() {
                    Ok(n) if p.next_numeric => Value::from(n),
                    _ => Value::String(t),
                };
                if end < total && !matching.is_empty() {
                    set(&mut output, next, token(end.to_string()));
                } else if let Some(done) = p.done_when.first() {
                    set(&mut output, next, token(done.clone()));
                }
            }
            if let Some(t) = &p.total {
                set(&mut output, t, Value::from(total));
            }
            for (from, to) in &p.echo {
                let value = get_text(input, from).and_then(|v| v.parse::<u64>().ok()).unwrap_or(if Some(from) == p.page_size.as_ref() {
                    size as u64
                } else if p.kind == PaginatorKind::PageNumber {
                    1
                } else {
                    0
                });
                set(&mut output, to, Value::from(value));
            }
        }
        set_list(&mut output, &read.items, matching.into_iter().map(|it| it.value.clone()).collect());
        Ok(output)
    }
}

/// Sets item member `target` to the input's `source`: a list target takes every value (a
/// scalar becomes a list of one), a scalar target the first.
fn copy_member(item: &mut Value, target: &[WireStep], input: &Value, source: &[WireStep]) {
    let values = get_all(input, source);
    let Some(first) = values.first() else { return };
    let new =
        if target.last().is_some_and(|s| s.list) { Value::Array(values.iter().map(|v| (*v).clone()).collect()) } else { (*first).clone() };
    set(item, target, new);
}

/// Whether `text` matches `pattern`, whose `*` stands for any run of characters.
fn wildcard(pattern: &str, text: &str) -> bool {
    let parts: Vec<&str> = pattern.split('*').collect();
    if parts.len() == 1 {
        return pattern == text;
    }
    let (first, last) = (parts[0], parts[parts.len() - 1]);
    if !text.starts_with(first) || !text[first.len()..].ends_with(last) || text.len() < first.len() + last.len() {
        return false;
    }
    let mut rest = &text[first.len()..text.len() - last.len()];
    for middle in &parts[1..parts.len() - 1] {
        match rest.find(middle) {
            Some(i) => rest = &rest[i + middle.len()..],
            None => return false,
        }
    }
    true
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_token_store_forgets_its_oldest_tokens_past_its_limit() {
        let mut store = super::Store::default();
        for n in 0..super::TOKEN_LIMIT + 10 {
            store.remember(format!("RunInstances\0t{n}"), serde_json::json!({"n": n}));
            assert!(store.tokens.len() <= super::TOKEN_LIMIT);
        }
        assert_eq!((store.tokens.len(), store.token_order.len()), (super::TOKEN_LIMIT, super::TOKEN_LIMIT));
        // The ten oldest are forgotten, the newest kept with their answers.
        assert!((0..10).all(|n| !store.tokens.contains_key(&format!("RunInstances\0t{n}"))));
        assert_eq!(store.tokens[&format!("RunInstances\0t{}", super::TOKEN_LIMIT + 9)], serde_json::json!({"n": super::TOKEN_LIMIT + 9}));
        // A token remembered again keeps its place (no duplicate in the order).
        store.remember(format!("RunInstances\0t{}", super::TOKEN_LIMIT + 9), serde_json::json!({}));
        assert_eq!(store.token_order.len(), super::TOKEN_LIMIT);
        // A state saved before the order was kept (tokens, no order) is still bounded.
        let mut old = super::Store {
            tokens: (0..super::TOKEN_LIMIT).map(|n| (n.to_string(), serde_json::json!(n))).collect(),
            ..super::Store::default()
        };
        old.remember("new".into(), serde_json::json!(1));
        assert_eq!(old.tokens.len(), super::TOKEN_LIMIT);
        assert!(old.tokens.contains_key("new"));
    }

    #[test]
    fn a_fingerprint_covers_the_operations_members_but_not_the_token_or_common_parameters() {
        use serde_json::json;
        let names: Vec<String> = ["ImageId", "Amount", "ClientToken", "Tag"].map(String::from).to_vec();
        let token = [super::WireStep { wire: "ClientToken".into(), list: false }];
        let print = |v: &serde_json::Value| super::fingerprint(v, &names, Some(&token));
        let a = json!({"ImageId": "m-1", "Amount": "2", "ClientToken": "t", "Tag": [{"Key": "k", "Value": "v"}], "Timestamp": "1"});
        // Another token, other common parameters, keys in another order: the same request.
        let b = json!({"Tag": [{"Value": "v", "Key": "k"}], "Timestamp": "2", "SignatureNonce": "n", "ClientToken": "u", "Amount": "2", "ImageId": "m-1"});
        assert_eq!(print(&a), print(&b));
        for changed in [
            json!({"ImageId": "m-2", "Amount": "2", "Tag": [{"Key": "k", "Value": "v"}]}),
            json!({"ImageId": "m-1", "Amount": "2", "Tag": [{"Key": "k", "Value": "w"}]}),
            json!({"ImageId": "m-1", "Amount": "2"}),
            json!({"ImageId": "m-1", "Amount": "3", "Tag": [{"Key": "k", "Value": "v"}]}),
        ] {
            assert_ne!(print(&a), print(&changed), "{changed}");
        }
        // The store: the same fingerprint has the answer, another is refused as the provider refuses.
        let mut store = super::Store::default();
        store.remember_request("RunInstances\0t".into(), print(&a), json!({"ids": ["i-1"]}));
        let mismatch = || super::Refused { status: 409, code: "Mismatch".into(), message: String::new() };
        assert_eq!(store.recall("RunInstances\0t", &print(&b), mismatch), Some(Ok(json!({"ids": ["i-1"]}))));
        let refused = store.recall("RunInstances\0t", "0", mismatch).unwrap().unwrap_err();
        assert_eq!((refused.status, refused.code.as_str()), (409, "Mismatch"));
        assert_eq!(store.recall("RunInstances\0unknown", "0", mismatch), None);
        // A token remembered without a fingerprint (a state saved before they were kept) takes any request.
        store.remember("RunInstances\0old".into(), json!({}));
        assert_eq!(store.recall("RunInstances\0old", "0", mismatch), Some(Ok(json!({}))));
    }

    #[test]
    fn wildcards() {
        assert!(super::wildcard("web-*", "web-1"));
        assert!(super::wildcard("*-1", "web-1"));
        assert!(super::wildcard("a*c*e", "abcde"));
        assert!(!super::wildcard("a*c*e", "abde"));
        assert!(!super::wildcard("ab*ba", "aba"));
    }
}
