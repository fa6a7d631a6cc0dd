//! The scripted transport.

use std::collections::VecDeque;
use std::sync::{Arc, Mutex, MutexGuard};

use yun_runtime::client::http::{HttpRequest, HttpResponse, Transport};
use yun_runtime::client::transport::BoxFuture;
use yun_runtime::error::{Error, TransportError};

use crate::captured::Captured;
use crate::reply::{Fault, Reply};

/// A transport that answers from a script and keeps every request it was given.
///
/// Clones share the script and the captured requests: give one clone to the client's
/// configuration (`ConfigBuilder::transport`) and keep another to script and inspect.
///
/// For each attempt, in this order: the first [`Rule`] that matches the request and has a
/// reply left answers (rules in the order they were added); else the next reply queued with
/// [`TestTransport::reply`]; else the [`TestTransport::otherwise`] reply; else the attempt
/// fails with a transport error saying that nothing was scripted for it (as a refused
/// connection: nothing reached a service).
#[derive(Debug, Clone, Default)]
pub struct TestTransport {
    state: Arc<Mutex<State>>,
}

#[derive(Debug, Default)]
struct State {
    rules: Vec<RuleState>,
    queue: VecDeque<Reply>,
    otherwise: Option<Reply>,
    captured: Vec<Captured>,
}

#[derive(Debug)]
struct RuleState {
    matcher: Matcher,
    /// Only requests to this host (with its port), when set.
    host: Option<String>,
    /// Replies in order, each with how many times it is given (`None`: for ever).
    replies: VecDeque<(Reply, Option<usize>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Matcher {
    Action(String),
    Path { method: String, path: String },
}

impl Matcher {
    fn matches(&self, request: &Captured) -> bool {
        match self {
            Matcher::Action(action) => request.action() == Some(action.as_str()),
            Matcher::Path { method, path } => request.method().eq_ignore_ascii_case(method) && request.path_is(path),
        }
    }
}

impl TestTransport {
    /// An empty script.
    pub fn new() -> Self {
        Self::default()
    }

    /// Queues `reply` for the next attempt that no rule answers.
    pub fn reply(&self, reply: Reply) -> &Self {
        self.lock().queue.push_back(reply);
        self
    }

    /// The reply for every attempt that neither a rule nor the queue answers.
    pub fn otherwise(&self, reply: Reply) -> &Self {
        self.lock().otherwise = Some(reply);
        self
    }

    /// A rule for the attempts of one action (the RPC and query protocols: Aliyun's
    /// `x-acs-action` header or `Action` parameter, Kingsoft's `Action`).
    pub fn on_action(&self, action: &str) -> Rule {
        self.rule(Matcher::Action(action.to_owned()))
    }

    /// A rule for the attempts of one method and path (the REST protocols: JD Cloud, Inspur):
    /// `on_path("GET", "/v1/regions/cn-north-1/instances")`. The path is matched as the server
    /// codecs match one ([`Captured::path_is`]): segment by segment, each decoded, so a member
    /// holding `/` is written `%2F` (`"/v1/regions/r/instances/i-a%2Fb"` for instance `i-a/b`),
    /// and any other character plain or escaped.
    pub fn on_path(&self, method: &str, path: &str) -> Rule {
        self.rule(Matcher::Path { method: method.to_owned(), path: path.to_owned() })
    }

    fn rule(&self, matcher: Matcher) -> Rule {
        let mut state = self.lock();
        state.rules.push(RuleState { matcher, host: None, replies: VecDeque::new() });
        Rule { transport: self.clone(), index: state.rules.len() - 1 }
    }

    /// Every attempt received so far, in order.
    pub fn requests(&self) -> Vec<Captured> {
        self.lock().captured.clone()
    }

    /// The attempts received so far for `action`.
    pub fn requests_for(&self, action: &str) -> Vec<Captured> {
        self.lock().captured.iter().filter(|c| c.action() == Some(action)).cloned().collect()
    }

    /// Forgets the captured requests (the script stays).
    pub fn clear_requests(&self) {
        self.lock().captured.clear();
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        // A panicking test thread cannot leave the state half-written: every change is one
        // push or pop, so a poisoned lock is still consistent.
        self.state.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    /// The reply for `request`, recording it.
    fn answer(&self, request: HttpRequest) -> Option<Reply> {
        let captured = Captured::new(request);
        let mut state = self.lock();
        let from_rule = state
            .rules
            .iter_mut()
            .find(|r| r.matcher.matches(&captured) && r.host.as_deref().is_none_or(|h| h == captured.host()) && !r.replies.is_empty())
            .and_then(|rule| {
                let (reply, left) = rule.replies.front_mut()?;
                let reply = reply.clone();
                match left {
                    Some(1) => {
                        rule.replies.pop_front();
                    }
                    Some(n) => *n -= 1,
                    None => {}
                }
                Some(reply)
            });
        let reply = from_rule.or_else(|| state.queue.pop_front()).or_else(|| state.otherwise.clone());
        state.captured.push(captured);
        reply
    }
}

impl Transport for TestTransport {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, Error>> {
        let what = format!("{} {}", request.method, request.url.split('?').next().unwrap_or(""));
        let reply = self.answer(request);
        Box::pin(async move {
            let Some(reply) = reply else {
                return Err(transport_error(format!("yun-testkit: nothing scripted for {what}"), true));
            };
            if let Some(delay) = reply.delay {
                tokio::time::sleep(delay).await;
            }
            match reply.fault {
                None => Ok(reply.response()),
                Some(Fault::ConnectionRefused) => Err(transport_error("yun-testkit: connection refused (scripted)".into(), true)),
                Some(Fault::ConnectionReset) => {
                    Err(transport_error("yun-testkit: connection reset after the request was sent (scripted)".into(), false))
                }
                Some(Fault::NoAnswer) => std::future::pending().await,
            }
        })
    }
}

fn transport_error(message: String, before_send: bool) -> Error {
    Error::Transport(TransportError { message, before_send, source: None })
}

/// Replies for the attempts a rule matches, added in order: `.reply(a).times(2).then(b)`
/// gives `a` twice, then `b` for ever. A reply without [`Rule::times`] is given for ever, so
/// a later [`Rule::then`] gives `times(1)` to the reply before it.
#[derive(Debug, Clone)]
pub struct Rule {
    transport: TestTransport,
    index: usize,
}

impl Rule {
    /// Adds `reply` (given for ever unless [`Rule::times`] follows).
    pub fn reply(self, reply: Reply) -> Self {
        self.edit(|replies| {
            if let Some((_, left @ None)) = replies.back_mut() {
                *left = Some(1);
            }
            replies.push_back((reply, None));
        });
        self
    }

    /// The last reply added is given `n` times (at least once), then the next one.
    pub fn times(self, n: usize) -> Self {
        self.edit(|replies| {
            if let Some((_, left)) = replies.back_mut() {
                *left = Some(n.max(1));
            }
        });
        self
    }

    /// Adds the reply given after the ones before it are used up.
    pub fn then(self, reply: Reply) -> Self {
        self.reply(reply)
    }

    /// The rule answers only requests to `host` (as the URL has it, with its port):
    /// `transport.on_action("DescribeRegions").at_host("ecs.cn-hangzhou.aliyuncs.com")`.
    pub fn at_host(self, host: &str) -> Self {
        let mut state = self.transport.lock();
        if let Some(rule) = state.rules.get_mut(self.index) {
            rule.host = Some(host.to_owned());
        }
        drop(state);
        self
    }

    /// A fault instead of a reply: `.fault(Fault::ConnectionReset)`.
    pub fn fault(self, fault: Fault) -> Self {
        self.reply(Reply::fault(fault))
    }

    fn edit(&self, f: impl FnOnce(&mut VecDeque<(Reply, Option<usize>)>)) {
        let mut state = self.transport.lock();
        if let Some(rule) = state.rules.get_mut(self.index) {
            f(&mut rule.replies);
        }
    }
}
