//! yun-emulator: an offline stand-in for every spec'd service, built from the specs.
//!
//! One emulator serves each generated crate's service on its own port of 127.0.0.1
//! ([`spawn`], or `cargo run -p yun-emulator`). Each request is decoded with the generated
//! crate's server codecs (its `server` feature), its signature and timestamp checked with
//! [`yun_runtime::server::verify`] against the configured keys ([`Config`], by default the
//! documented test keys of [`yun_runtime::server`]'s protocol modules), its input checked
//! against the spec's member facts, and answered in the provider's envelope: from the spec's
//! `resources:` models (creates, reads with filters and paging, deletes, actions with their
//! transitions on a lifecycle clock) where a model names the operation, else from the
//! operation's output shape (a valid, empty output with a request id).
//!
//! An admin port ([`Endpoints::admin`]) resets, fast-forwards, injects faults, saves and loads
//! the state, and returns the request log; [`Emulator`] does the same from Rust.
//! [`requests`] builds the signed and edited requests its bad-input tests and fuzz target send.

mod answer;
mod catalogue;
mod check;
pub mod client_config;
pub mod requests;
mod state;
mod wire;

use std::collections::HashMap;
use std::net::SocketAddr;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use serde::{Deserialize, Serialize};
use tokio::net::TcpListener;
use yun_codegen::load::LoadedSpec;
use yun_runtime::client::http::HttpResponse;
use yun_runtime::server::{Dispatch, Rejection, RejectionKind, Request};
use yun_runtime::Credentials;

pub use state::{Refused, DEFAULT_RESOURCE_LIMIT};

/// The provider a service belongs to (its signatures, envelopes and codes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Provider {
    /// Alibaba Cloud (RPC, ACS3 or HMAC-SHA1 signatures).
    Aliyun,
    /// Kingsoft Cloud (query protocol, AWS4 signatures).
    Ksyun,
    /// JD Cloud (REST, JDCLOUD3 signatures).
    Jdcloud,
    /// Inspur Cloud (REST, bearer tokens).
    Inspur,
}

/// How a request reaches a generated crate's server codecs.
type Handler = fn(&Shared, usize, &Request, &str) -> Outcome;

/// One spec'd service.
struct ServiceDef {
    crate_name: &'static str,
    provider: Provider,
    spec: &'static str,
    catalogue: Option<&'static str>,
    handler: Handler,
}

macro_rules! service {
    (catalogue $name:literal, true) => {
        Some(include_str!(concat!("../../specs/catalogue/", $name, ".yaml")))
    };
    (catalogue $name:literal, false) => {
        None
    };
    ($name:literal, $provider:ident, $krate:ident, $catalogue:tt) => {
        ServiceDef {
            crate_name: $name,
            provider: Provider::$provider,
            spec: include_str!(concat!("../../specs/", $name, ".yaml")),
            catalogue: service!(catalogue $name, $catalogue),
            handler: handle::<$krate::server::OperationInput>,
        }
    };
}

/// Calls `$callback!` with every service the emulator serves, once each, in the order of
/// their ports: `(crate name, provider, generated crate, [`Endpoints`] field,
/// [`client_config`] function, catalogue, doc)`. Every list of services (the definitions,
/// [`Endpoints`], [`Endpoints::services`], [`client_config::EmulatedClient`], the tests, the
/// fuzz target) is made from this one table: a service's index is its place here.
#[macro_export]
macro_rules! for_each_service {
    ($callback:ident) => {
        $callback! {
            ("aliyun-ecs", Aliyun, yun_aliyun_ecs, aliyun_ecs, aliyun, true, "Alibaba Cloud ECS."),
            ("aliyun-swas", Aliyun, yun_aliyun_swas, aliyun_swas, aliyun, true, "Alibaba Cloud Simple Application Server."),
            ("aliyun-vpc", Aliyun, yun_aliyun_vpc, aliyun_vpc, aliyun, true, "Alibaba Cloud VPC."),
            ("aliyun-cms", Aliyun, yun_aliyun_cms, aliyun_cms, aliyun, false, "Alibaba Cloud CloudMonitor."),
            ("aliyun-sts", Aliyun, yun_aliyun_sts, aliyun_sts, aliyun, false, "Alibaba Cloud STS."),
            ("ksyun-kec", Ksyun, yun_ksyun_kec, ksyun_kec, ksyun, true, "Kingsoft Cloud KEC."),
            ("ksyun-vpc", Ksyun, yun_ksyun_vpc, ksyun_vpc, ksyun, false, "Kingsoft Cloud VPC."),
            ("ksyun-sks", Ksyun, yun_ksyun_sks, ksyun_sks, ksyun, false, "Kingsoft Cloud SKS (key pairs)."),
            ("ksyun-cloud-market", Ksyun, yun_ksyun_cloud_market, ksyun_cloud_market, ksyun, false, "Kingsoft Cloud marketplace."),
            ("jdcloud-vm", Jdcloud, yun_jdcloud_vm, jdcloud_vm, jdcloud, false, "JD Cloud VM."),
            ("inspur-ecs", Inspur, yun_inspur_ecs, inspur_ecs, inspur, true, "Inspur Cloud ECS."),
        }
    };
}

/// Every spec'd service, in the order of [`Endpoints`].
fn service_defs() -> Vec<ServiceDef> {
    macro_rules! defs {
        ($(($name:literal, $provider:ident, $krate:ident, $field:ident, $config:ident, $catalogue:tt, $doc:literal),)*) => {
            vec![$(service!($name, $provider, $krate, $catalogue),)*]
        };
    }
    for_each_service!(defs)
}

/// The key pairs (and Inspur bearer tokens) the emulator accepts.
#[derive(Debug, Clone)]
pub struct Config {
    keys: Vec<(Provider, Credentials)>,
    tokens: Vec<String>,
    /// How far a request's signing time may be from the emulator's clock (default 15 minutes,
    /// the services' window).
    pub clock_skew: Duration,
    /// How many lifecycle milliseconds pass per real millisecond (default 1): tests run the
    /// documents' transitions (5 s of `building`) faster without touching the signing clock.
    pub lifecycle_speed: u32,
    /// The clock signing times are checked against (default: the system's).
    pub clock: Arc<dyn yun_runtime::clock::Clock>,
    /// How long a connection may wait for a request's head or body before it is closed
    /// (default 30 s, hyper's default header read timeout).
    pub idle_timeout: Duration,
    /// The most resources of one kind each service holds (default
    /// [`DEFAULT_RESOURCE_LIMIT`], 10,000): a create past it gets the provider's
    /// quota refusal (Aliyun `QuotaExceed.ElasticQuota`, JD `QUOTA_EXCEEDED`), or makes
    /// fewer where the document says so (KEC RunInstances down to its MinCount).
    pub resource_limit: usize,
}

impl Default for Config {
    /// The documented test keys: each protocol module's `TEST_ACCESS_KEY_ID` and
    /// `TEST_ACCESS_KEY_SECRET` ([`yun_runtime::server::aliyun`], `ksyun`, `jdcloud`) and
    /// Inspur's `TEST_TOKEN`.
    fn default() -> Self {
        use yun_runtime::server::{aliyun, inspur, jdcloud, ksyun};
        Self {
            keys: vec![
                (Provider::Aliyun, Credentials::new(aliyun::TEST_ACCESS_KEY_ID, aliyun::TEST_ACCESS_KEY_SECRET)),
                (Provider::Ksyun, Credentials::new(ksyun::TEST_ACCESS_KEY_ID, ksyun::TEST_ACCESS_KEY_SECRET)),
                (Provider::Jdcloud, Credentials::new(jdcloud::TEST_ACCESS_KEY_ID, jdcloud::TEST_ACCESS_KEY_SECRET)),
            ],
            tokens: vec![inspur::TEST_TOKEN.to_owned()],
            clock_skew: Duration::from_secs(15 * 60),
            lifecycle_speed: 1,
            clock: Arc::new(yun_runtime::clock::SystemClock),
            idle_timeout: Duration::from_secs(30),
            resource_limit: state::DEFAULT_RESOURCE_LIMIT,
        }
    }
}

impl Config {
    /// Accepts `credentials` for `provider`'s services too.
    #[must_use]
    pub fn key(mut self, provider: Provider, credentials: Credentials) -> Self {
        self.keys.push((provider, credentials));
        self
    }

    /// Runs the lifecycle clock `speed` times faster than real time.
    #[must_use]
    pub fn lifecycle_speed(mut self, speed: u32) -> Self {
        self.lifecycle_speed = speed;
        self
    }

    /// Holds at most `limit` resources of one kind per service (at least 1).
    #[must_use]
    pub fn resource_limit(mut self, limit: usize) -> Self {
        self.resource_limit = limit;
        self
    }

    /// Closes a connection that sends no request head (or stops in a body) for `timeout`.
    #[must_use]
    pub fn idle_timeout(mut self, timeout: Duration) -> Self {
        self.idle_timeout = timeout;
        self
    }

    /// Accepts an Inspur bearer token too.
    #[must_use]
    pub fn token(mut self, token: impl Into<String>) -> Self {
        self.tokens.push(token.into());
        self
    }
}

/// A fault to inject for an operation of a service.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Fault {
    /// Throttled with the provider's code and a wait header (milliseconds).
    Throttle {
        /// The wait the answer asks for.
        wait_ms: u64,
    },
    /// A server error with this HTTP status (5xx).
    ServerError {
        /// The status.
        status: u16,
    },
    /// The answer comes after this delay.
    Slow {
        /// The delay.
        delay_ms: u64,
    },
    /// The connection is closed without an answer.
    Drop,
}

/// A fault injected for `times` requests of `action` on `service` (a crate name).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Injection {
    /// The crate (`ksyun-kec`).
    pub service: String,
    /// The wire action (`DescribeInstances`; JD and Inspur: the operation's name).
    pub action: String,
    /// What happens.
    pub fault: Fault,
    /// For how many requests.
    pub times: u32,
}

/// One request the emulator answered.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LogEntry {
    /// The crate.
    pub service: String,
    /// The action, when the request named one the service has.
    pub action: Option<String>,
    /// The answer's status.
    pub status: u16,
    /// The request id answered.
    pub request_id: String,
}

/// What the emulator does with a request.
enum Outcome {
    Answer(HttpResponse),
    Slow(Duration, HttpResponse),
    Drop,
}

struct Service {
    def: ServiceDef,
    spec: LoadedSpec,
    model: state::Model,
    catalogue: Option<yun_codegen::catalogue::Catalogue>,
    actions: HashMap<String, String>,
    patterns: HashMap<String, regex::Regex>,
}

struct Mutable {
    stores: Vec<state::Store>,
    offset_ms: u64,
    faults: Vec<Injection>,
    log: Vec<LogEntry>,
    nonces: Nonces,
}

/// The most signed nonces the emulator remembers (per process): past it, the oldest are
/// forgotten. A replay is refused while its nonce is remembered and its signing time within
/// the clock window; 10,000 is minutes of traffic at the rates tests send.
pub const NONCE_LIMIT: usize = 10_000;

/// The signed nonces seen ([`Request::signed_nonce`]), by provider and key id, oldest first,
/// at most [`NONCE_LIMIT`].
#[derive(Default)]
struct Nonces {
    order: std::collections::VecDeque<(Provider, String, String)>,
    seen: std::collections::HashSet<(Provider, String, String)>,
}

impl Nonces {
    /// Remembers `nonce`; `false` when it was remembered already (a replay).
    fn first_use(&mut self, provider: Provider, key_id: &str, nonce: &str) -> bool {
        let entry = (provider, key_id.to_owned(), nonce.to_owned());
        if self.seen.contains(&entry) {
            return false;
        }
        if self.order.len() >= NONCE_LIMIT {
            if let Some(oldest) = self.order.pop_front() {
                self.seen.remove(&oldest);
            }
        }
        self.seen.insert(entry.clone());
        self.order.push_back(entry);
        true
    }
}

struct Shared {
    services: Vec<Service>,
    config: Config,
    started: Instant,
    state: Mutex<Mutable>,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, Mutable> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn now_ms(&self, state: &Mutable) -> u64 {
        (self.started.elapsed().as_millis() as u64)
            .saturating_mul(u64::from(self.config.lifecycle_speed.max(1)))
            .saturating_add(state.offset_ms)
    }

    fn seeded(&self) -> Vec<state::Store> {
        self.services.iter().map(|s| s.model.seeded()).collect()
    }
}

macro_rules! endpoints {
    ($(($name:literal, $provider:ident, $krate:ident, $field:ident, $config:ident, $catalogue:tt, $doc:literal),)*) => {
        /// The URL of each service's port, and the admin port's.
        #[derive(Debug, Clone)]
        #[non_exhaustive]
        pub struct Endpoints {
            $(
                #[doc = $doc]
                pub $field: String,
            )*
            /// The admin endpoint (see the crate's README).
            pub admin: String,
        }

        /// How many services the emulator serves.
        const SERVICE_COUNT: usize = [$($name),*].len();

        impl Endpoints {
            /// Each service's crate name and URL, in a fixed order.
            pub fn services(&self) -> [(&'static str, &str); SERVICE_COUNT] {
                [$(($name, &self.$field)),*]
            }

            /// The services' URLs in [`for_each_service!`]'s order, then the admin one's.
            fn from_urls(urls: &[String]) -> Self {
                let mut urls = urls.iter().cloned();
                let mut next = || urls.next().unwrap_or_default();
                Self { $($field: next(),)* admin: next() }
            }
        }
    };
}

for_each_service!(endpoints);

/// A running emulator: its endpoints and its controls. Dropping it stops its servers.
pub struct Emulator {
    /// Where each service listens.
    pub endpoints: Endpoints,
    shared: Arc<Shared>,
    tasks: Vec<tokio::task::JoinHandle<()>>,
}

impl std::fmt::Debug for Emulator {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Emulator").field("endpoints", &self.endpoints).finish_non_exhaustive()
    }
}

impl Drop for Emulator {
    fn drop(&mut self) {
        for task in &self.tasks {
            task.abort();
        }
    }
}

/// A saved state.
#[derive(Serialize, Deserialize)]
struct Saved {
    offset_ms: u64,
    stores: HashMap<String, state::Store>,
}

impl Emulator {
    /// An emulator without ports: requests reach it through [`Emulator::answer`] (a decoded
    /// HTTP request) or [`Emulator::serve_io`] (raw HTTP/1.1 bytes over any stream), with no
    /// socket; its [`Emulator::endpoints`] are empty. For fuzzing and property tests.
    ///
    /// # Errors
    ///
    /// As [`spawn`], without the ports.
    pub fn in_process(config: Config) -> Result<Self, String> {
        Ok(Self { endpoints: empty_endpoints(), shared: Arc::new(build(config)?), tasks: Vec::new() })
    }

    /// The crate names of the services, in the order of [`Endpoints::services`].
    pub fn service_names(&self) -> Vec<&'static str> {
        self.shared.services.iter().map(|s| s.def.crate_name).collect()
    }

    /// The answer of `service` (a crate name, or `admin`) to a request of `method` to
    /// `target` (a path and query, or an absolute URL) with `headers` and `body`, through the
    /// same path as a request over its port after HTTP: signature or token, decoding, the
    /// spec's input checks, faults, state, the provider's envelope. A body over
    /// [`yun_runtime::server::MAX_BODY`] is refused as over a socket. `None`: the service is
    /// unknown, or an injected fault drops the connection (a slow fault's delay is not waited
    /// for).
    pub fn answer(&self, service: &str, method: &str, target: &str, headers: Vec<(String, String)>, body: Vec<u8>) -> Option<HttpResponse> {
        let index = self.index_of(service)?;
        let body = if body.len() > yun_runtime::server::MAX_BODY { Err(()) } else { Ok(body) };
        let request_id = uuid::Uuid::new_v4().to_string().to_ascii_uppercase();
        match outcome(&self.shared, index, method, target, headers, body, &request_id) {
            Outcome::Answer(answer) | Outcome::Slow(_, answer) => Some(answer),
            Outcome::Drop => None,
        }
    }

    /// Serves HTTP/1.1 over `io` as `service`'s port does (a crate name, or `admin`), until
    /// the client closes it, [`Config::idle_timeout`] passes without a request, or a fault
    /// drops it. An unknown service closes `io` at once.
    pub async fn serve_io<I>(&self, service: &str, io: I)
    where
        I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
    {
        if let Some(index) = self.index_of(service) {
            connection(self.shared.clone(), index, io).await;
        }
    }

    fn index_of(&self, service: &str) -> Option<usize> {
        if service == "admin" {
            return Some(self.shared.services.len());
        }
        self.shared.services.iter().position(|s| s.def.crate_name == service)
    }

    /// Back to the catalogues' seeds, no faults, an empty log; the lifecycle clock keeps its
    /// time.
    pub fn reset(&self) {
        let seeded = self.shared.seeded();
        let mut state = self.shared.lock();
        state.stores = seeded;
        state.faults.clear();
        state.log.clear();
    }

    /// Moves the lifecycle clock (not the signing clock) forward by `by`.
    pub fn fast_forward(&self, by: Duration) {
        let mut state = self.shared.lock();
        state.offset_ms = state.offset_ms.saturating_add(u64::try_from(by.as_millis()).unwrap_or(u64::MAX));
    }

    /// Injects a fault.
    pub fn inject(&self, injection: Injection) {
        self.shared.lock().faults.push(injection);
    }

    /// The requests answered so far, oldest first.
    pub fn log(&self) -> Vec<LogEntry> {
        self.shared.lock().log.clone()
    }

    /// The state as JSON (every service's resources and tokens, and the clock's offset).
    pub fn state_json(&self) -> serde_json::Value {
        save(&self.shared)
    }

    /// Saves the state to `path` (JSON).
    ///
    /// # Errors
    ///
    /// The file cannot be written.
    pub fn save(&self, path: &Path) -> std::io::Result<()> {
        std::fs::write(path, serde_json::to_vec_pretty(&save(&self.shared)).unwrap_or_default())
    }

    /// Loads a state saved with [`Emulator::save`].
    ///
    /// # Errors
    ///
    /// The file cannot be read or is not a saved state.
    pub fn load(&self, path: &Path) -> std::io::Result<()> {
        let bytes = std::fs::read(path)?;
        let value = serde_json::from_slice(&bytes).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))?;
        load(&self.shared, value).map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
    }

    /// The stateful operations' wire actions per crate (those a resource model names); the
    /// others answer from their spec's output shape.
    pub fn stateful_actions(&self) -> Vec<(&'static str, Vec<String>)> {
        self.shared.services.iter().map(|s| (s.def.crate_name, s.model.stateful_actions())).collect()
    }

    /// The lookups answered from a seed catalogue, per crate (wire actions, in the order the
    /// emulator lists them); the crate's other non-stateful operations answer from their shape.
    pub fn catalogue_actions(&self) -> Vec<(&'static str, Vec<&'static str>)> {
        self.shared
            .services
            .iter()
            .map(|s| (s.def.crate_name, catalogue::ANSWERED.iter().filter(|(c, _)| *c == s.def.crate_name).map(|(_, a)| *a).collect()))
            .collect()
    }

    /// Every operation's wire action per crate.
    pub fn all_actions(&self) -> Vec<(&'static str, Vec<String>)> {
        self.shared.services.iter().map(|s| (s.def.crate_name, s.actions.keys().cloned().collect())).collect()
    }
}

fn save(shared: &Shared) -> serde_json::Value {
    let state = shared.lock();
    let saved = Saved {
        offset_ms: state.offset_ms,
        stores: shared.services.iter().zip(&state.stores).map(|(s, st)| (s.def.crate_name.to_owned(), st.clone())).collect(),
    };
    serde_json::to_value(saved).unwrap_or_default()
}

fn load(shared: &Shared, value: serde_json::Value) -> Result<(), String> {
    let mut saved: Saved = serde_json::from_value(value).map_err(|e| e.to_string())?;
    let mut state = shared.lock();
    state.stores = shared.services.iter().map(|s| saved.stores.remove(s.def.crate_name).unwrap_or_default()).collect();
    state.offset_ms = state.offset_ms.max(saved.offset_ms);
    Ok(())
}

/// The input tree of a REST operation whose JSON members travel inside a wrapper object (the
/// spec's `http.body_wrapper`: Inspur's `{"os-start": {"servers": [...]}}`), with the wrapper's
/// members lifted to the top, where the checks' and the resource models' member paths start
/// (a batch action's `servers.id`). Any other tree is returned as it is.
fn unwrap_body(spec: &LoadedSpec, operation: &str, mut tree: serde_json::Value) -> serde_json::Value {
    let Some(wrapper) = spec.spec.operations.get(operation).and_then(|op| op.http.body_wrapper.as_deref()) else {
        return tree;
    };
    let Some(object) = tree.as_object_mut() else { return tree };
    if let Some(serde_json::Value::Object(members)) = object.remove(wrapper) {
        for (key, value) in members {
            object.entry(key).or_insert(value);
        }
    }
    tree
}

/// Starts an emulator with the documented test keys on 127.0.0.1 (one port per service and
/// one for admin), in the current tokio runtime.
///
/// # Errors
///
/// A port could not be bound, or a spec or catalogue does not load (a build of the emulator
/// from specs that `cargo xtask check` accepts loads them all).
pub async fn spawn() -> Result<Emulator, String> {
    spawn_with(Config::default()).await
}

/// [`spawn`] with a configuration.
///
/// # Errors
///
/// As [`spawn`].
pub async fn spawn_with(config: Config) -> Result<Emulator, String> {
    spawn_on(config, None).await
}

/// [`spawn_with`] on fixed ports: service `i` of [`Endpoints::services`] on `base + i`, the
/// admin endpoint on `base + 11` (`None` or `Some(0)`: ports the system picks).
///
/// # Errors
///
/// As [`spawn`]; a `base` above 65524 (its last port would pass 65535).
pub async fn spawn_on(config: Config, base: Option<u16>) -> Result<Emulator, String> {
    let shared = Arc::new(build(config)?);
    let mut urls = Vec::new();
    let mut tasks = Vec::new();
    let count = shared.services.len();
    if let Some(b) = base.filter(|&b| b != 0) {
        if usize::from(b) + count > usize::from(u16::MAX) {
            return Err(format!("base port {b}: the {} ports from it pass 65535", count + 1));
        }
    }
    for index in 0..=count {
        // Base 0: every port picked by the system.
        let port = base.filter(|&b| b != 0).map_or(0, |b| b + index as u16);
        let listener = TcpListener::bind(("127.0.0.1", port)).await.map_err(|e| format!("binding 127.0.0.1:{port}: {e}"))?;
        let addr = listener.local_addr().map_err(|e| e.to_string())?;
        urls.push(format!("http://{addr}"));
        let shared = shared.clone();
        tasks.push(tokio::spawn(accept(listener, shared, index)));
    }
    let endpoints = Endpoints::from_urls(&urls);
    Ok(Emulator { endpoints, shared, tasks })
}

/// The emulator's services and state, before any port is bound.
fn build(config: Config) -> Result<Shared, String> {
    let mut services = Vec::new();
    for def in service_defs() {
        let path = format!("specs/{}.yaml", def.crate_name);
        let spec = yun_codegen::load::load_str(Path::new(&path), def.spec.to_owned()).map_err(|e| format!("{path}: {e}"))?;
        let model = state::Model::new(&spec, def.catalogue, def.provider)
            .map_err(|e| format!("{path}: {e}"))?
            .with_resource_limit(config.resource_limit);
        let actions = spec.spec.operations.iter().map(|(k, o)| (o.action.clone().unwrap_or_else(|| k.clone()), k.clone())).collect();
        let catalogue = match def.catalogue {
            Some(text) => Some(serde_yaml::from_str(text).map_err(|e| format!("specs/catalogue/{}.yaml: {e}", def.crate_name))?),
            None => None,
        };
        let patterns = check::patterns(&spec);
        services.push(Service { def, spec, model, catalogue, actions, patterns });
    }
    let shared = Shared {
        services,
        config,
        started: Instant::now(),
        state: Mutex::new(Mutable { stores: Vec::new(), offset_ms: 0, faults: Vec::new(), log: Vec::new(), nonces: Nonces::default() }),
    };
    shared.lock().stores = shared.seeded();
    Ok(shared)
}

/// Serves connections on `listener`: service `index`, or admin past the last service.
async fn accept(listener: TcpListener, shared: Arc<Shared>, index: usize) {
    loop {
        let stream = match listener.accept().await {
            Ok((stream, _)) => stream,
            // Out of file descriptors (or another passing failure): wait before trying again
            // rather than spinning on the error.
            Err(_) => {
                tokio::time::sleep(std::time::Duration::from_millis(50)).await;
                continue;
            }
        };
        tokio::spawn(connection(shared.clone(), index, stream));
    }
}

/// Serves one connection to service `index` (admin past the last service) until the client
/// closes it, an idle period of [`Config::idle_timeout`] passes, or a fault drops it.
///
/// A client that opens a connection and sends nothing, stops in the middle of its headers, or
/// waits that long between two requests of a kept-alive connection is disconnected (hyper's
/// header read timeout, which also covers the wait for the next request's head); one that
/// stops sending in the middle of a body is disconnected after the same time (the body is
/// read under a timeout in [`serve`]).
async fn connection<I>(shared: Arc<Shared>, index: usize, io: I)
where
    I: tokio::io::AsyncRead + tokio::io::AsyncWrite + Unpin + Send + 'static,
{
    let idle = shared.config.idle_timeout;
    let service = hyper::service::service_fn(move |request| serve(shared.clone(), index, request));
    let _ = hyper::server::conn::http1::Builder::new()
        .timer(hyper_util::rt::TokioTimer::new())
        .header_read_timeout(idle)
        .serve_connection(TokioIo::new(io), service)
        .await;
}

/// Why a connection was closed without an answer (an injected fault).
#[derive(Debug)]
struct Dropped;

impl std::fmt::Display for Dropped {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by an injected fault")
    }
}

impl std::error::Error for Dropped {}

async fn serve(
    shared: Arc<Shared>,
    index: usize,
    request: hyper::Request<Incoming>,
) -> Result<hyper::Response<Full<bytes::Bytes>>, Dropped> {
    let (parts, body) = request.into_parts();
    let target = parts.uri.path_and_query().map_or("/", |p| p.as_str()).to_owned();
    let headers: Vec<(String, String)> =
        parts.headers.iter().map(|(k, v)| (k.as_str().to_owned(), String::from_utf8_lossy(v.as_bytes()).into_owned())).collect();
    // A body that stops arriving holds the connection no longer than an idle period.
    let body = match tokio::time::timeout(shared.config.idle_timeout, Limited::new(body, yun_runtime::server::MAX_BODY).collect()).await {
        Ok(Ok(collected)) => Ok(collected.to_bytes().to_vec()),
        Ok(Err(_)) => Err(()),
        Err(_) => return Err(Dropped),
    };
    let request_id = uuid::Uuid::new_v4().to_string().to_ascii_uppercase();
    let outcome = outcome(&shared, index, parts.method.as_str(), &target, headers, body, &request_id);
    let answer = match outcome {
        Outcome::Answer(answer) => answer,
        Outcome::Slow(delay, answer) => {
            tokio::time::sleep(delay).await;
            answer
        }
        Outcome::Drop => return Err(Dropped),
    };
    let mut response = hyper::Response::new(Full::new(answer.body));
    *response.status_mut() = hyper::StatusCode::from_u16(answer.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    for (k, v) in answer.headers {
        if let (Ok(k), Ok(v)) = (hyper::header::HeaderName::from_bytes(k.as_bytes()), hyper::header::HeaderValue::from_str(&v)) {
            response.headers_mut().append(k, v);
        }
    }
    Ok(response)
}

/// What service `index` (admin past the last service) does with a request whose body was
/// read (`Err`: it was larger than [`yun_runtime::server::MAX_BODY`]): the path every request
/// takes after HTTP, over a socket or in process ([`Emulator::answer`]).
fn outcome(
    shared: &Arc<Shared>,
    index: usize,
    method: &str,
    target: &str,
    headers: Vec<(String, String)>,
    body: Result<Vec<u8>, ()>,
    request_id: &str,
) -> Outcome {
    match (shared.services.get(index), body) {
        (None, body) => Outcome::Answer(admin(shared, method, target, &body.unwrap_or_default())),
        (Some(service), Err(())) => {
            // No document states the answer to an oversized body: the provider's parameter
            // error (the code the runtime's codecs answer a body they cannot read with), with
            // HTTP's 413.
            let mut refused = answer::parameter_error(service.def.provider, "body", "is larger than the emulator reads");
            refused.status = 413;
            refused.message = format!("the body is larger than {} bytes", yun_runtime::server::MAX_BODY);
            Outcome::Answer(answer::error(service.def.provider, &refused, request_id))
        }
        (Some(service), Ok(body)) => {
            let request = Request::new(method, target, headers, body);
            let mut outcome = (service.def.handler)(shared, index, &request, request_id);
            if service.def.provider == Provider::Aliyun {
                if let Outcome::Answer(answer) | Outcome::Slow(_, answer) = &mut outcome {
                    host_id(answer, request.host());
                }
            }
            outcome
        }
    }
}

/// Sets an Aliyun error answer's `HostId` to the host the request was sent to, as the service
/// does (the ECS document's error sample, `002_f0be29b3ba64e6a7.txt:2367`: `"HostId":
/// "ecs-cn-hangzhou.aliyuncs.com"`, the endpoint called), whether the emulator or the runtime's
/// codecs wrote the error (each wrote a name of its own).
fn host_id(answer: &mut HttpResponse, host: &str) {
    if answer.status < 400 || host.is_empty() {
        return;
    }
    let Ok(serde_json::Value::Object(mut body)) = serde_json::from_slice::<serde_json::Value>(&answer.body) else { return };
    if let Some(id) = body.get_mut("HostId") {
        *id = serde_json::Value::String(host.to_owned());
        answer.body = bytes::Bytes::from(serde_json::to_vec(&body).unwrap_or_default());
    }
}

/// The signing time a request's own signature covers: the date header its scheme signs (ACS3
/// `x-acs-date` when the `Authorization` header lists it among its signed headers, AWS4
/// `x-amz-date`, JDCLOUD3 and JDCLOUD2 `x-jdcloud-date`), or the signed parameter (RPC 1.0
/// `Timestamp`, a presigned AWS4 query's `X-Amz-Date`). Another scheme's date header, which the
/// signature does not cover, is never read: it would let an old request be replayed.
fn signing_time(request: &Request) -> Option<time::OffsetDateTime> {
    use time::format_description::well_known::Iso8601;
    let compact = time::macros::format_description!("[year][month][day]T[hour][minute][second]Z");
    let text = match request.header("authorization") {
        Some(authorization) => {
            // AWS4, JDCLOUD3 and JDCLOUD2 sign their date header's value as part of the string to sign;
            // ACS3 covers `x-acs-date` only when it is one of the signed headers.
            let header = [
                ("ACS3-HMAC-SHA256 ", "x-acs-date"),
                ("AWS4-HMAC-SHA256 ", "x-amz-date"),
                ("JDCLOUD3-HMAC-SHA256 ", "x-jdcloud-date"),
                ("JDCLOUD2-HMAC-SHA256 ", "x-jdcloud-date"),
            ]
            .into_iter()
            .find_map(|(scheme, header)| authorization.starts_with(scheme).then_some(header))?;
            if header == "x-acs-date" {
                let signed = authorization.split(',').find_map(|f| f.trim().rsplit(' ').next()?.strip_prefix("SignedHeaders="))?;
                if !signed.split(';').any(|h| h.eq_ignore_ascii_case(header)) {
                    return None;
                }
            }
            request.header(header)?
        }
        None if request.param("X-Amz-Signature").is_some() => request.param("X-Amz-Date")?,
        None => request.param("Timestamp")?,
    };
    time::PrimitiveDateTime::parse(text, compact)
        .map(time::PrimitiveDateTime::assume_utc)
        .or_else(|_| time::OffsetDateTime::parse(text, &Iso8601::DEFAULT))
        .ok()
}

/// Whether `request` is signed (or carries a token) the configuration accepts, within the
/// clock window.
fn authenticate(config: &Config, provider: Provider, request: &Request) -> Result<(), Rejection> {
    let refuse = |message: String| Err(Rejection::new(RejectionKind::Signature, message));
    if provider == Provider::Inspur {
        return match request.header("authorization").and_then(|a| a.strip_prefix("Bearer ")) {
            Some(token) if config.tokens.iter().any(|t| t == token) => Ok(()),
            Some(_) => refuse("the bearer token is not one the emulator accepts".into()),
            None => refuse("no `Authorization: Bearer` header".into()),
        };
    }
    // A key id no configured key has is answered as the services answer it, apart from a
    // signature that does not match.
    let keys = || config.keys.iter().filter(|(p, _)| *p == provider);
    if let Some(id) = request.access_key_id() {
        if !keys().any(|(_, key)| key.access_key_id() == id) {
            return Err(Rejection::new(RejectionKind::UnknownAccessKey, format!("the emulator knows no access key `{id}`")));
        }
    }
    let mut last = String::from("no key of the provider is configured");
    let verified = keys().find(|(_, key)| match request.verify_signature(key) {
        Ok(()) => true,
        Err(e) => {
            last = e.0;
            false
        }
    });
    let Some((_, key)) = verified else {
        return refuse(format!("the signature does not verify: {last}"));
    };
    // A signed security token must also be the one of the key that signed.
    request.verify_security_token(key)?;
    let Some(signed) = signing_time(request) else {
        return refuse("the request carries no signing time its signature covers".into());
    };
    let skew = (config.clock.now() - signed).unsigned_abs();
    if skew > config.clock_skew {
        return refuse(format!("the signing time is {} s from the emulator's clock", skew.as_secs()));
    }
    Ok(())
}

/// The most entries the request log keeps: past it, the older half is dropped (at the
/// emulator's ~20k requests per second an unbounded log would grow by gigabytes an hour).
pub const LOG_LIMIT: usize = 10_000;

/// Appends `entry` to `log`, dropping the older half first when it holds [`LOG_LIMIT`].
fn push_capped(log: &mut Vec<LogEntry>, entry: LogEntry) {
    if log.len() >= LOG_LIMIT {
        log.drain(..LOG_LIMIT / 2);
    }
    log.push(entry);
}

/// A request to the service of crate `D` (service `index`).
fn handle<D: Dispatch>(shared: &Shared, index: usize, request: &Request, request_id: &str) -> Outcome {
    let service = &shared.services[index];
    let provider = service.def.provider;
    let log = |action: Option<String>, answer: HttpResponse| {
        push_capped(
            &mut shared.lock().log,
            LogEntry { service: service.def.crate_name.to_owned(), action, status: answer.status, request_id: request_id.to_owned() },
        );
        answer
    };
    let reject = |rejection: &Rejection| <D::Protocol as yun_runtime::server::ServerProtocol>::reject(rejection, request_id);
    // Decoded first: an anonymous operation (the spec's `anonymous`) is served unsigned.
    let decoded = D::decode(request);
    let anonymous = decoded.as_ref().is_ok_and(|input| input.encoded().anonymous);
    if !anonymous {
        if let Err(rejection) = authenticate(&shared.config, provider, request) {
            return Outcome::Answer(log(None, reject(&rejection)));
        }
        // A signed nonce seen before: a replay (Aliyun's `SignatureNonceUsed`).
        if let (Some(nonce), Some(key_id)) = (request.signed_nonce(), request.access_key_id()) {
            let first = shared.lock().nonces.first_use(provider, key_id, nonce);
            if !first {
                let rejection = Rejection::new(RejectionKind::NonceReused, "the signed nonce was used already".to_owned());
                return Outcome::Answer(log(None, reject(&rejection)));
            }
        }
        // A signature valid for another region or service is refused, as the services do (the
        // KEC document's `SignatureDoesNotMatch`: "Credential should be scoped to a valid
        // region"; JD's SDK signs for the request's region).
        if let Some(scope) = request.credential_scope() {
            use yun_runtime::server::ServerProtocol;
            if !D::Protocol::accepts_scope(D::SERVICE, request, scope) {
                let message =
                    format!("the credential is scoped to region `{}`, service `{}`: not this service's", scope.region, scope.service);
                return Outcome::Answer(log(None, reject(&Rejection::new(RejectionKind::Signature, message))));
            }
        }
    }
    let input = match decoded {
        Ok(input) => input,
        Err(rejection) => return Outcome::Answer(log(None, reject(&rejection))),
    };
    let encoded = input.encoded();
    let action = encoded.action.to_string();
    // Faults first: a throttled or failed call changes nothing.
    let fault = {
        let mut state = shared.lock();
        let found = state.faults.iter().position(|f| f.service == service.def.crate_name && f.action == action && f.times > 0);
        found.map(|i| {
            state.faults[i].times -= 1;
            let fault = state.faults[i].fault.clone();
            state.faults.retain(|f| f.times > 0);
            fault
        })
    };
    let mut delay = None;
    match fault {
        Some(Fault::Throttle { wait_ms }) => return Outcome::Answer(log(Some(action), answer::throttled(provider, wait_ms, request_id))),
        Some(Fault::ServerError { status }) => {
            let refused =
                Refused { status: status.clamp(500, 599), code: "InternalError".into(), message: "an injected server error".into() };
            return Outcome::Answer(log(Some(action), answer::error(provider, &refused, request_id)));
        }
        Some(Fault::Drop) => {
            log(Some(action), HttpResponse { status: 0, headers: Vec::new(), body: bytes::Bytes::new() });
            return Outcome::Drop;
        }
        Some(Fault::Slow { delay_ms }) => delay = Some(Duration::from_millis(delay_ms)),
        None => {}
    }
    let operation = service.actions.get(&action).map_or(action.as_str(), String::as_str);
    let tree = unwrap_body(&service.spec, operation, wire::input_tree(request, encoded.path.pairs()));
    let answered = match check::check(&service.spec, &service.patterns, operation, &tree, provider) {
        Err(refused) => answer::error(provider, &refused, request_id),
        Ok(()) => {
            let result = {
                let mut state = shared.lock();
                let now = shared.now_ms(&state);
                let store = &mut state.stores[index];
                // An idempotency token seen before: the first answer again, or the service's
                // refusal of the token with other parameters, whatever answers the operation.
                let token = service.model.token(&action, &tree);
                match token.as_ref().and_then(|t| service.model.recall(store, t)) {
                    Some(recalled) => Some(recalled),
                    None => {
                        let from_catalogue = service.catalogue.as_ref().and_then(|c| {
                            let zone_of = |id: &str| {
                                let item = store.items.iter().find(|i| i.id == id)?;
                                item.value.get("ZoneId").and_then(wire::text)
                            };
                            catalogue::answer(service.def.crate_name, &action, &tree, c, zone_of)
                        });
                        let result = match from_catalogue {
                            Some(output) => Some(Ok(output)),
                            None => service.model.call(store, now, &action, &tree),
                        };
                        // Successes are remembered (a shape-only answer as the empty output it
                        // is); a refusal is not, so a retry is judged again.
                        match (token, &result) {
                            (Some(t), Some(Ok(output))) => service.model.remember(store, t, output.clone()),
                            (Some(t), None) => service.model.remember(store, t, serde_json::json!({})),
                            _ => {}
                        }
                        result
                    }
                }
            };
            match result {
                Some(Err(refused)) => answer::error(provider, &refused, request_id),
                Some(Ok(output)) => respond::<D>(provider, request, &action, &output, request_id),
                // Shape only: a valid output (every member of generated outputs is optional
                // when absent) with its request id.
                None => respond::<D>(provider, request, &action, &serde_json::json!({}), request_id),
            }
        }
    };
    let answered = log(Some(action), answered);
    match delay {
        Some(delay) => Outcome::Slow(delay, answered),
        None => Outcome::Answer(answered),
    }
}

fn respond<D: Dispatch>(provider: Provider, request: &Request, action: &str, output: &serde_json::Value, request_id: &str) -> HttpResponse {
    if provider == Provider::Ksyun && yun_runtime::server::ksyun::wants_xml(request) {
        return yun_runtime::server::ksyun::answer_xml(output, action, request_id);
    }
    <D::Protocol as yun_runtime::server::ServerProtocol>::answer(output, request_id)
}

/// The admin endpoint: `POST /reset`, `POST /fast-forward?seconds=N`, `POST /faults` (an
/// [`Injection`] as JSON), `GET /state` and `POST /state` (save and load, JSON), `GET /log`.
fn admin(shared: &Arc<Shared>, method: &str, target: &str, body: &[u8]) -> HttpResponse {
    let emulator = Emulator { endpoints: empty_endpoints(), shared: shared.clone(), tasks: Vec::new() };
    let (path, query) = target.split_once('?').unwrap_or((target, ""));
    let json = |status: u16, value: serde_json::Value| HttpResponse {
        status,
        headers: vec![("content-type".to_owned(), "application/json".to_owned())],
        body: bytes::Bytes::from(serde_json::to_vec(&value).unwrap_or_default()),
    };
    let bad = |message: String| json(400, serde_json::json!({"error": message}));
    match (method, path) {
        ("POST", "/reset") => {
            emulator.reset();
            json(200, serde_json::json!({"ok": true}))
        }
        ("POST", "/fast-forward") => {
            let seconds = query.split('&').find_map(|p| p.strip_prefix("seconds=")).and_then(|s| s.parse::<u64>().ok());
            match seconds {
                Some(s) => {
                    emulator.fast_forward(Duration::from_secs(s));
                    json(200, serde_json::json!({"ok": true}))
                }
                None => bad("fast-forward takes ?seconds=N".into()),
            }
        }
        ("POST", "/faults") => match serde_json::from_slice::<Injection>(body).map_err(|e| format!("not an injection: {e}")).and_then(|i| {
            validate_injection(shared, &i)?;
            Ok(i)
        }) {
            Ok(injection) => {
                emulator.inject(injection);
                json(200, serde_json::json!({"ok": true}))
            }
            Err(e) => bad(e),
        },
        ("GET", "/state") => json(200, emulator.state_json()),
        ("POST", "/state") => match serde_json::from_slice(body).map_err(|e| e.to_string()).and_then(|v| load(shared, v)) {
            Ok(()) => json(200, serde_json::json!({"ok": true})),
            Err(e) => bad(format!("not a saved state: {e}")),
        },
        ("GET", "/log") => json(200, serde_json::to_value(emulator.log()).unwrap_or_default()),
        _ => json(
            404,
            serde_json::json!({"error": "admin: POST /reset, POST /fast-forward?seconds=N, POST /faults, GET|POST /state, GET /log"}),
        ),
    }
}

/// Why an injection could never apply: an unknown service or action, no request to apply
/// to, a server error outside 5xx.
fn validate_injection(shared: &Shared, injection: &Injection) -> Result<(), String> {
    let Some(service) = shared.services.iter().find(|s| s.def.crate_name == injection.service) else {
        let names: Vec<&str> = shared.services.iter().map(|s| s.def.crate_name).collect();
        return Err(format!("no service `{}` (there are: {})", injection.service, names.join(", ")));
    };
    if !service.actions.contains_key(&injection.action) {
        return Err(format!("`{}` has no action `{}`", injection.service, injection.action));
    }
    if injection.times == 0 {
        return Err("`times` is 0: the fault would never apply".to_owned());
    }
    if let Fault::ServerError { status } = injection.fault {
        if !(500..=599).contains(&status) {
            return Err(format!("a server error's status is 500..=599, not {status}"));
        }
    }
    Ok(())
}

fn empty_endpoints() -> Endpoints {
    Endpoints::from_urls(&[])
}

/// The address part of an endpoint URL.
pub fn socket_addr(url: &str) -> Option<SocketAddr> {
    url.strip_prefix("http://")?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nonces_are_remembered_up_to_the_limit() {
        let mut nonces = Nonces::default();
        assert!(nonces.first_use(Provider::Aliyun, "AK", "n-0"));
        assert!(!nonces.first_use(Provider::Aliyun, "AK", "n-0"), "a replay");
        assert!(nonces.first_use(Provider::Aliyun, "AK2", "n-0"), "another key's nonce");
        assert!(nonces.first_use(Provider::Jdcloud, "AK", "n-0"), "another provider's");
        for i in 1..NONCE_LIMIT {
            assert!(nonces.first_use(Provider::Aliyun, "AK", &format!("n-{i}")));
        }
        assert_eq!((nonces.order.len(), nonces.seen.len()), (NONCE_LIMIT, NONCE_LIMIT));
        // The oldest were forgotten to make room: bounded memory, whatever a client sends.
        assert!(nonces.first_use(Provider::Aliyun, "AK", "n-0"));
        assert!(!nonces.first_use(Provider::Aliyun, "AK", &format!("n-{}", NONCE_LIMIT - 1)));
    }

    #[test]
    fn the_request_log_keeps_its_newest_entries_within_its_limit() {
        let entry = |n: usize| LogEntry { service: "s".into(), action: None, status: 200, request_id: n.to_string() };
        let mut log = Vec::new();
        for n in 0..LOG_LIMIT * 3 + 7 {
            push_capped(&mut log, entry(n));
            assert!(log.len() <= LOG_LIMIT);
        }
        assert_eq!(log.last().map(|e| e.request_id.as_str()), Some((LOG_LIMIT * 3 + 6).to_string().as_str()));
        // In order, without gaps: only the oldest were dropped.
        let ids: Vec<usize> = log.iter().map(|e| e.request_id.parse().unwrap()).collect();
        assert!(ids.windows(2).all(|w| w[1] == w[0] + 1));
    }
    use yun_runtime::server::arbitrary::{self, Gen};
    use yun_runtime::server::ServerProtocol;

    fn answer(shared: &Shared, index: usize, request: &Request) -> HttpResponse {
        match (shared.services[index].def.handler)(shared, index, request, "TEST-REQUEST-ID") {
            Outcome::Answer(a) | Outcome::Slow(_, a) => a,
            Outcome::Drop => HttpResponse { status: 0, headers: Vec::new(), body: bytes::Bytes::new() },
        }
    }

    /// Every operation of crate `D`, with arbitrary inputs signed by the protocol's test
    /// client: the emulator's answer is read by the client as the operation's output, or as
    /// a service error with a code and the request id (an input out of the spec's bounds, an
    /// id the state does not hold, a call in the wrong state). Returns (outputs, errors).
    fn every_operation<D: Dispatch>(shared: &Shared, index: usize, seeds: u64) -> (usize, usize) {
        let (mut ok, mut refused) = (0, 0);
        for (op, action) in D::actions().into_iter().enumerate() {
            for seed in 0..seeds {
                let mut g = Gen::new(seed, arbitrary::Wire::Flat);
                let input = D::arbitrary(op, &mut g).expect("an operation");
                let client = D::Protocol::test_client(D::SERVICE, seed).unwrap();
                let sent = crate::requests::signed(&input, seed, |_| {}).expect("a signed request");
                let answered = answer(shared, index, &Request::from_http(&sent));
                match D::client_decode(&client, op, &answered).expect("an operation") {
                    Ok(_) => ok += 1,
                    Err(yun_runtime::Error::Service(e)) if e.code().is_some() && e.request_id() == Some("TEST-REQUEST-ID") => refused += 1,
                    Err(e) => panic!(
                        "{} {}: {e}\nanswer {} {}",
                        shared.services[index].def.crate_name,
                        action,
                        answered.status,
                        String::from_utf8_lossy(&answered.body)
                    ),
                }
            }
        }
        (ok, refused)
    }

    #[test]
    fn every_operation_of_every_service_is_answered_as_its_client_reads() {
        let shared = build(Config::default()).unwrap();
        let mut total = (0, 0);
        let mut add = |(a, b): (usize, usize)| {
            total.0 += a;
            total.1 += b;
        };
        let mut index = 0;
        macro_rules! every {
            ($(($name:literal, $provider:ident, $krate:ident, $($rest:tt)*),)*) => {$(
                add(every_operation::<$krate::server::OperationInput>(&shared, index, 4));
                index += 1;
            )*};
        }
        for_each_service!(every);
        assert_eq!(index, SERVICE_COUNT);
        eprintln!("answered {} outputs, {} errors", total.0, total.1);
        // Both kinds of answer occur: outputs and the providers' errors.
        assert!(total.0 > 100 && total.1 > 10, "{total:?}");
    }

    /// A request the crate's client signs after a member was changed on the wire (its
    /// builder refuses the value): the emulator checks it as the service does.
    fn tampered<D: Dispatch>(shared: &Shared, index: usize, input: &D, key: &str, value: &str) -> serde_json::Value {
        let sent = crate::requests::signed(input, 0, |e| crate::requests::set_param(e, key, value)).expect("a signed request");
        let answered = answer(shared, index, &Request::from_http(&sent));
        let mut body: serde_json::Value = serde_json::from_slice(&answered.body).unwrap();
        body["status"] = answered.status.into();
        body
    }

    #[test]
    fn inputs_are_checked_against_the_specs_bounds() {
        use yun_ksyun_kec::server::OperationInput as Kec;
        let shared = build(Config::default()).unwrap();
        let describe = Kec::DescribeInstances(yun_ksyun_kec::operation::DescribeInstancesInput::builder().build().unwrap());
        // MaxResults: "取值为5~1000" (range min 5).
        let low = tampered(&shared, 5, &describe, "MaxResults", "2");
        assert_eq!((low["status"].as_u64(), low["Error"]["Code"].as_str()), (Some(400), Some("InvalidParameterValue")), "{low}");
        assert!(low["Error"]["Message"].as_str().unwrap().contains("MaxResults"), "{low}");
        let fine = tampered(&shared, 5, &describe, "MaxResults", "5");
        assert!(fine["InstancesSet"].is_array(), "{fine}");
        // A value that is not a number: the decoder's parameter error.
        let text = tampered(&shared, 5, &describe, "MaxResults", "many");
        assert_eq!(text["status"].as_u64(), Some(400), "{text}");
        // A pattern (KEC ImageId: a UUID).
        let image = crate::requests::kec_run_instances();
        let odd = tampered(&shared, 5, &image, "ImageId", "not-a-uuid");
        assert_eq!(odd["Error"]["Code"].as_str(), Some("InvalidParameterValue"), "{odd}");
        let fine = tampered(&shared, 5, &image, "ImageId", "8f12ad9e-ae9a-44b9-95f3-c4e65ce582e2");
        assert!(fine["InstancesSet"].is_array(), "{fine}");
        // An enum value the spec does not list: Aliyun's InvalidParameter.
        use yun_aliyun_swas::server::OperationInput as Swas;
        let list = Swas::ListInstances(yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").build().unwrap());
        let flying = tampered(&shared, 1, &list, "Status", "Flying");
        assert_eq!((flying["status"].as_u64(), flying["Code"].as_str()), (Some(400), Some("InvalidParameter")), "{flying}");
        let stopped = tampered(&shared, 1, &list, "Status", "Running");
        assert!(stopped["Instances"].is_array(), "{stopped}");
    }

    #[test]
    fn garbage_requests_get_error_answers_not_panics() {
        let shared = build(Config::default()).unwrap();
        let mut rng = fastrand::Rng::with_seed(19);
        let pieces = [
            "/",
            "?",
            "&",
            "=",
            "%",
            "%zz",
            "Action",
            "DescribeInstances",
            ".1",
            "{",
            "}",
            "[",
            "\"",
            "v1",
            "regions",
            ":stop",
            "\u{0}",
            "é",
        ];
        for _ in 0..3000 {
            let mut text = String::new();
            for _ in 0..rng.usize(0..12) {
                text.push_str(pieces[rng.usize(..pieces.len())]);
            }
            let body: Vec<u8> = (0..rng.usize(0..64)).map(|_| rng.u8(..)).collect();
            let method = ["GET", "POST", "PUT", "DELETE", "PATCH", "X"][rng.usize(..6)];
            let headers = vec![
                ("content-type".to_owned(), ["application/json", "application/x-www-form-urlencoded", ""][rng.usize(..3)].to_owned()),
                (
                    "authorization".to_owned(),
                    ["ACS3-HMAC-SHA256 x", "AWS4-HMAC-SHA256 Credential=a/b", "Bearer x", ""][rng.usize(..4)].to_owned(),
                ),
            ];
            let request = Request::new(method, &format!("/{text}"), headers, body);
            for index in 0..shared.services.len() {
                let answered = answer(&shared, index, &request);
                assert!(answered.status >= 400, "{} answered {} to garbage", shared.services[index].def.crate_name, answered.status);
            }
        }
    }

    /// The operation (spec key), wire action and input tree of a request to service `index`,
    /// as [`handle`] reads them.
    fn tree_of<D: Dispatch>(shared: &Shared, index: usize, request: &Request) -> Option<(String, String, serde_json::Value)> {
        let service = &shared.services[index];
        let input = D::decode(request).ok()?;
        let encoded = input.encoded();
        let action = encoded.action.to_string();
        let operation = service.actions.get(&action).cloned().unwrap_or_else(|| action.clone());
        let tree = unwrap_body(&service.spec, &operation, wire::input_tree(request, encoded.path.pairs()));
        Some((operation, action, tree))
    }

    /// Every operation of crate `D` that takes an idempotency token (an input member marked
    /// `idempotency_token`), sent with a token a request with other parameters used first:
    /// the answer is an error the operation's service declares, with its declared status, and
    /// the one the spec marks `idempotency_mismatch` for the operation. The first request is
    /// sent through the emulator too; when it is refused (an id the state does not hold), its
    /// success is remembered as the emulator remembers one. Returns (operations checked, of
    /// them those whose first request succeeded).
    fn token_mismatches<D: Dispatch>(shared: &Shared, index: usize) -> (usize, usize) {
        let service = &shared.services[index];
        let name = service.def.crate_name;
        let spec = &service.spec.spec;
        let (mut checked, mut real) = (0, 0);
        for (op, action) in D::actions().into_iter().enumerate() {
            let key = service.actions.get(action).cloned().unwrap_or_else(|| action.to_owned());
            let Some(operation) = spec.operations.get(&key) else { continue };
            let Some((wire, _)) = operation.input.iter().find(|(_, m)| m.idempotency_token) else { continue };
            let required: Vec<&str> = operation.input.iter().filter(|(_, m)| m.required).map(|(w, _)| w.as_str()).collect();
            let members: Vec<&str> = operation.input.keys().map(String::as_str).collect();
            // Each group's first member (`one_of`, `at_least_one_of`), with a value its spec
            // takes (its default, first allowed value or least value), so that a minimal
            // request meets the groups too (RenewInstance: Period or ExpectedRenewDay).
            let grouped: Vec<(&str, String)> = operation
                .one_of
                .iter()
                .take(1)
                .chain(&operation.at_least_one_of)
                .filter_map(|g| g.first())
                .filter_map(|name| {
                    let m = operation.input.get(name)?;
                    let value = m
                        .default
                        .clone()
                        .or_else(|| m.allowed.as_ref().and_then(|a| a.first().cloned()))
                        .or_else(|| m.range.as_ref().and_then(|r| r.min).map(serde_json::Value::from))
                        .unwrap_or_else(|| serde_json::Value::String("x".into()));
                    Some((name.as_str(), value.as_str().map_or_else(|| value.to_string(), str::to_owned)))
                })
                .collect();
            let mut answered_mismatch = None;
            for seed in 0..64_u64 {
                let token = format!("idem-{name}-{key}-{seed}");
                // Operation `op`'s arbitrary input from `seed` with the token; with only its
                // required members when `minimal` (arbitrary optional members often fall
                // outside the spec's bounds, which are checked before the token).
                let with_token = |seed: u64, minimal: bool| {
                    let mut g = Gen::new(seed, arbitrary::Wire::Flat);
                    let input = D::arbitrary(op, &mut g).expect("an operation");
                    let sent = crate::requests::signed(&input, seed, |e| {
                        if minimal {
                            let keep = |k: &str| {
                                let top = k.split('.').next().unwrap_or(k);
                                required.contains(&top) || !members.contains(&top)
                            };
                            for params in [&mut e.body, &mut e.query] {
                                let mut kept = yun_runtime::operation::params::Params::new();
                                for (k, v) in params.pairs().iter().filter(|(k, _)| keep(k)) {
                                    kept.push(k.clone(), v.clone());
                                }
                                *params = kept;
                            }
                            if let Some(serde_json::Value::Object(map)) = e.json.as_mut() {
                                map.retain(|k, _| keep(k));
                            }
                            for (name, value) in &grouped {
                                crate::requests::Edit::from_line(e, name, value).apply(e);
                            }
                        }
                        crate::requests::Edit::from_line(e, wire, &token).apply(e);
                    });
                    Request::from_http(&sent.expect("a signed request"))
                };
                let first = with_token(seed, true);
                let first_answer = answer(shared, index, &first);
                if first_answer.status >= 400 {
                    let Some((_, action, tree)) = tree_of::<D>(shared, index, &first) else { continue };
                    let Some(t) = service.model.token(&action, &tree) else { continue };
                    service.model.remember(&mut shared.lock().stores[index], t, serde_json::json!({}));
                }
                let mut second_answer = answer(shared, index, &with_token(seed + 1000, true));
                if second_answer.status < 400 {
                    // The same parameters (no required member but the token): all of them.
                    second_answer = answer(shared, index, &with_token(seed + 1000, false));
                }
                if second_answer.status < 400 {
                    continue; // the same parameters again (the first answer again)
                }
                if !String::from_utf8_lossy(&second_answer.body).contains("client token was used before") {
                    continue; // refused before the token was looked at (an input out of the spec's bounds)
                }
                let code = crate::requests::error_code(name, &second_answer).unwrap_or_else(|e| panic!("{name} {key}: {e}"));
                let declared = operation.errors.iter().chain(&spec.errors).find(|e| e.code == code);
                assert!(
                    declared.is_some_and(|e| e.http_status.is_none_or(|s| s == second_answer.status) && e.idempotency_mismatch),
                    "{name} {key}: a reused idempotency token is answered {} `{code}`, not an error the spec declares with that \
                     status and marks `idempotency_mismatch` (mark the service's documented answer in specs/{name}.yaml)\n{}",
                    second_answer.status,
                    String::from_utf8_lossy(&second_answer.body)
                );
                assert_eq!(spec.idempotency_mismatch(&key).map(|e| e.code.as_str()), Some(code.as_str()), "{name} {key}");
                answered_mismatch = Some(first_answer.status < 400);
                break;
            }
            let first_succeeded = answered_mismatch.unwrap_or_else(|| panic!("{name} {key}: no request reached the token check"));
            checked += 1;
            real += usize::from(first_succeeded);
        }
        (checked, real)
    }

    #[test]
    fn every_idempotency_token_reused_with_other_parameters_gets_an_error_its_service_declares() {
        let shared = build(Config::default()).unwrap();
        let mut found = std::collections::BTreeMap::new();
        macro_rules! mismatches {
            ($(($name:literal, $provider:ident, $krate:ident, $($rest:tt)*),)*) => {$(
                found.insert($name, token_mismatches::<$krate::server::OperationInput>(&shared, found.len()));
            )*};
        }
        for_each_service!(mismatches);
        eprintln!("{found:?}");
        // The operations whose spec marks a member `idempotency_token`: ECS 7, SWAS 20,
        // JD Cloud's createInstances; Kingsoft's and Inspur's specs have none.
        let (ecs, swas, jd) = (found["aliyun-ecs"], found["aliyun-swas"], found["jdcloud-vm"]);
        assert_eq!((ecs.0, swas.0, jd.0), (7, 20, 1));
        let others: Vec<_> = found.iter().filter(|(name, _)| !["aliyun-ecs", "aliyun-swas", "jdcloud-vm"].contains(name)).collect();
        assert_eq!(others.len(), SERVICE_COUNT - 3);
        assert!(others.iter().all(|(_, (n, _))| *n == 0), "{others:?}");
        // Some first requests succeeded through the emulator (shape-only operations, creates).
        assert!(ecs.1 + swas.1 + jd.1 > 10, "{ecs:?} {swas:?} {jd:?}");
    }

    /// The state refusals whose spec names no `error`: the emulator answers these with its
    /// generic per-provider code ([`answer::state_error`]), which their specs do not declare.
    /// KEC's StopInstances: the stored copy of its page (docs.ksyun.com 1530) shows the first
    /// rows of its table only, none about state (StartInstances and RebootInstances name their
    /// pages' codes); SWAS's StartInstances and StopInstances: their pages list none
    /// (StopInstances' complete table has none).
    const UNDECLARED_STATE_REFUSALS: [(&str, &str); 3] =
        [("aliyun-swas", "StartInstances"), ("aliyun-swas", "StopInstances"), ("ksyun-kec", "StopInstances")];

    #[test]
    fn every_state_refusal_answers_an_error_its_service_declares() {
        let shared = build(Config::default()).unwrap();
        let (mut checked, mut undeclared) = (0, Vec::new());
        for service in &shared.services {
            let name = service.def.crate_name;
            let spec = &service.spec.spec;
            for resource in yun_codegen::ir::resources::resolve_resources(&service.spec) {
                let refusing = resource.actions.iter().chain(&resource.deletes).filter(|a| a.accepted.len() < resource.states.len());
                for a in refusing {
                    let Some(refusal) = &a.refusal else {
                        undeclared.push((name, a.operation.as_str().to_owned()));
                        continue;
                    };
                    let operation = &spec.operations[a.operation.as_str()];
                    let declared = operation.errors.iter().chain(&spec.errors).find(|e| e.code == refusal.code);
                    // Declared for the operation or the service, answered with its status (a code
                    // declared without one, ECS DeleteInstance's document sample, gets 400).
                    assert!(
                        declared.is_some_and(|e| e.http_status.is_none_or(|s| refusal.http_status == Some(s))),
                        "{name} {}: a call in another state is refused with `{}` ({:?}), not an error the spec declares \
                         (with that status) for the operation or the service",
                        a.operation,
                        refusal.code,
                        refusal.http_status
                    );
                    checked += 1;
                }
            }
        }
        undeclared.sort();
        let known: Vec<_> = UNDECLARED_STATE_REFUSALS.iter().map(|(s, o)| (*s, (*o).to_owned())).collect();
        assert_eq!(undeclared, known, "state refusals with no `error` in their spec (declare the service's answer)");
        // ECS 6, SWAS 4, KEC 2 (StartInstances, RebootInstances), JD Cloud 6, Inspur 6.
        assert_eq!(checked, 24);
    }
}
