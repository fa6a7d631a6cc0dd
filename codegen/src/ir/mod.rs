//! The intermediate representation: a spec resolved into Rust names and types.
//!
//! The emitters read only this; every naming or typing decision is made once, in
//! [`resolve`](fn@resolve), from the spec.

pub mod cycles;
mod facts;
mod resolve;
pub mod resources;

pub use resolve::resolve;

use crate::spec::{Absent, Bounds, Encoding, HttpMethod, Location, PaginatorKind, Protocol, Provider, Scalar, Signing};

/// A service ready to emit.
#[derive(Debug, Clone)]
pub struct Service {
    /// Folder under `generated/`.
    pub crate_dir: String,
    /// The crate's version (`MAJOR.MINOR.PATCH`).
    pub version: String,
    /// Cargo package name (`yun-<crate_dir>`).
    pub package: String,
    /// Provider.
    pub provider: Provider,
    /// Product code.
    pub product: String,
    /// Human title.
    pub title: String,
    /// Service description.
    pub docs: String,
    /// API version on the wire.
    pub api_version: String,
    /// Protocol.
    pub protocol: Protocol,
    /// Signature schemes, default first.
    pub signing: Vec<Signing>,
    /// Endpoint host pattern.
    pub endpoint: String,
    /// Kingsoft: the host without a region (the `Region` parameter names it).
    pub global_endpoint: Option<String>,
    /// The service name in the signature scope (the spec's `signing_name`, else its name).
    pub signing_name: String,
    /// Kingsoft: the dry-run parameter and the code of a dry run that would succeed.
    pub dry_run: Option<DryRun>,
    /// Known regions.
    pub regions: Vec<String>,
    /// Regions whose host is not the pattern's: (region id, host), in spec order.
    pub endpoints: Vec<(String, String)>,
    /// Source document, if a seed document covers the service.
    pub document: Option<String>,
    /// Official SDK used to complete the document.
    pub sdk: Option<String>,
    /// Named shapes in spec order.
    pub shapes: Vec<Shape>,
    /// Operations in spec order.
    pub operations: Vec<Operation>,
    /// Every error code of the service and its operations, first occurrence wins.
    pub errors: Vec<ErrorCode>,
    /// Waiters in spec order.
    pub waiters: Vec<Waiter>,
    /// The structures a request must check when it holds them (they have `check_members`):
    /// those an input reaches with a constraint inside, at any depth.
    pub checked_structures: std::collections::BTreeSet<String>,
    /// The structures that hold a sensitive member, at any depth (through structures, lists,
    /// maps and boxes).
    pub secret_structures: std::collections::BTreeSet<String>,
    /// The stateful resources (the offline emulator's state models), resolved; nothing is
    /// emitted from them.
    pub resources: Vec<resources::Resource>,
    /// The structures a request writes as JSON (a member encoded as JSON, a JSON body), at
    /// any depth: they implement `serde::Serialize` without the crate's `serialize` feature.
    pub json_structures: std::collections::BTreeSet<String>,
    /// The structures an operation's input holds, at any depth: they implement `WriteParam`;
    /// structures that are only answered do not.
    pub input_structures: std::collections::BTreeSet<String>,
}

/// A service's dry-run parameter.
#[derive(Debug, Clone)]
pub struct DryRun {
    /// Wire name of the parameter (`DryRun`).
    pub member: String,
    /// Error code of a dry run that would succeed (`DryRunOperation`).
    pub code: String,
    /// Its documented HTTP status.
    pub http_status: Option<u16>,
}

/// A named type.
#[derive(Debug, Clone)]
pub struct Shape {
    /// Rust type name.
    pub name: String,
    /// Docs.
    pub docs: String,
    /// Enum or structure.
    pub kind: ShapeKind,
    /// An enum whose values parse regardless of letter case.
    pub case_insensitive: bool,
}

/// What a shape is.
#[derive(Debug, Clone)]
pub enum ShapeKind {
    /// A string enum with an `Unknown` variant.
    Enum(Vec<Variant>),
    /// A record; every field optional.
    Struct(Vec<Field>),
}

/// An enum variant.
#[derive(Debug, Clone)]
pub struct Variant {
    /// Rust variant name.
    pub name: String,
    /// Wire value.
    pub value: String,
    /// Meaning.
    pub docs: String,
}

/// A field of an input, output or structure.
#[derive(Debug, Clone)]
pub struct Field {
    /// Rust field name.
    pub name: String,
    /// Wire name.
    pub wire: String,
    /// Rust type (without the `Option` of optional fields).
    pub ty: RustType,
    /// Set by the caller, checked by `build()`.
    pub required: bool,
    /// Docs from the spec, constraint notes appended.
    pub docs: String,
    /// Numeric bounds.
    pub range: Option<Bounds>,
    /// String length bounds.
    pub length: Option<Bounds>,
    /// List item bounds.
    pub items: Option<Bounds>,
    /// The only values allowed.
    pub allowed: Vec<serde_json::Value>,
    /// A regular expression a string must match.
    pub pattern: Option<String>,
    /// Where it goes in a request.
    pub location: Location,
    /// How a list or structure is encoded.
    pub encoding: Encoding,
    /// Never shown in Debug.
    pub sensitive: bool,
    /// Filled with a fresh token when unset.
    pub idempotency_token: bool,
    /// Deprecated by the service.
    pub deprecated: bool,
    /// Other wire spellings accepted when decoding.
    pub aliases: Vec<String>,
}

/// A Rust type of a field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RustType {
    /// Built-in scalar.
    Scalar(Scalar),
    /// `Vec<T>`.
    List(Box<RustType>),
    /// `BTreeMap<String, T>`: keys in order, so requests are the same from run to run.
    Map(Box<RustType>),
    /// A generated enum (by Rust name).
    Enum(String),
    /// A generated structure (by Rust name).
    Struct(String),
    /// `Box<T>`: a structure member on a cycle of structures that hold each other directly
    /// (see [`cycles`]), which would otherwise have an infinite size.
    Boxed(Box<RustType>),
}

impl RustType {
    /// The integer scalar this type is (`Integer` or `Long`), if it is one: a paginator reads
    /// such a member as an `i64` directly, any other by its text.
    pub fn integer(&self) -> Option<Scalar> {
        match self {
            Self::Scalar(s @ (Scalar::Integer | Scalar::Long)) => Some(*s),
            _ => None,
        }
    }

    /// The structure this type holds: itself, boxed, or (with `through_lists`) as list items.
    pub fn structure(&self, through_lists: bool) -> Option<&str> {
        match self {
            Self::Struct(name) => Some(name),
            Self::Boxed(inner) => inner.structure(through_lists),
            Self::List(inner) if through_lists => inner.structure(through_lists),
            _ => None,
        }
    }
}

/// An operation.
#[derive(Debug, Clone)]
pub struct Operation {
    /// Action name on the wire (the spec's `action`, else its key).
    pub action: String,
    /// Client method and module name.
    pub fn_name: String,
    /// Input type name.
    pub input_name: String,
    /// Output type name.
    pub output_name: String,
    /// Docs.
    pub docs: String,
    /// HTTP method.
    pub method: HttpMethod,
    /// Path template.
    pub path: String,
    /// The request carries a JSON body (REST protocols, methods with a body): path and
    /// body members are sent in it.
    pub json_body: bool,
    /// The JSON body's members go inside an object under this key.
    pub body_wrapper: Option<String>,
    /// Changes nothing, so safe to send twice whatever it carries: the spec's `read_only`, else
    /// `resolve::read_only_by_default` (a REST `GET`, an
    /// RPC or query action named `Describe…`/`List…`/`Query…`/`Get…`).
    pub read_only: bool,
    /// Request fields.
    pub input: Vec<Field>,
    /// Mutually exclusive groups of input fields (Rust field names), checked by `build()`.
    pub one_of: Vec<Vec<String>>,
    /// Groups of input fields (Rust field names) of which at least one must be set, checked by
    /// `build()`.
    pub at_least_one_of: Vec<Vec<String>>,
    /// Response fields.
    pub output: Vec<Field>,
    /// Error codes documented for this operation.
    pub errors: Vec<String>,
    /// How to page through its results, if it pages.
    pub paginator: Option<Paginator>,
    /// Deprecated by the service.
    pub deprecated: bool,
    /// Sent unsigned, with no identity (the spec's `anonymous`).
    pub anonymous: bool,
    /// Its input holds a secret (a sensitive member, at any depth): the runtime logs no
    /// error message of it.
    pub sensitive_input: bool,
    /// Safe to send again after a failure that may have reached the service: read-only, or
    /// carrying an idempotency token.
    pub idempotent: bool,
    /// Its output holds a secret (a sensitive member, at any depth): its raw body and the
    /// raw text of its decoding warnings are not kept.
    pub sensitive_output: bool,
}

/// One field on a path into an output: the Rust field, and whether it is a list whose
/// items the rest of the path applies to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PathStep {
    /// Rust field name.
    pub field: String,
    /// The field is a list.
    pub list: bool,
}

/// A resolved paginator.
#[derive(Debug, Clone)]
pub struct Paginator {
    /// Page numbers or tokens.
    pub kind: PaginatorKind,
    /// The input field selecting the page.
    pub input: Field,
    /// The input field holding the page size.
    pub page_size: Option<Field>,
    /// Path to the list of items (its last step is the list).
    pub items: Vec<PathStep>,
    /// The items' Rust type.
    pub item_type: RustType,
    /// Wire path of the items, for docs.
    pub items_wire: String,
    /// Path to the next token (`token`).
    pub next: Vec<PathStep>,
    /// Values of the next token that mean no further page (`token`).
    pub done_when: Vec<String>,
    /// Path to the total count (`page-number`).
    pub total: Vec<PathStep>,
    /// The total count's type (`integer` or `long` in every spec; read as text otherwise).
    pub total_type: Option<RustType>,
}

/// A resolved waiter.
#[derive(Debug, Clone)]
pub struct Waiter {
    /// Snake-case name (`instance_running`).
    pub name: String,
    /// Docs.
    pub docs: String,
    /// The polled operation's client method.
    pub operation_fn: String,
    /// The polled operation is deprecated (the waiter calls it all the same).
    pub operation_deprecated: bool,
    /// Its input type.
    pub input_name: String,
    /// Its output type.
    pub output_name: String,
    /// Path to the state.
    pub state: Vec<PathStep>,
    /// Wire path of the state, for docs.
    pub state_wire: String,
    /// Success states.
    pub success: Vec<String>,
    /// Failure states.
    pub failure: Vec<String>,
    /// What no state means.
    pub when_absent: Absent,
    /// Seconds before the second poll.
    pub delay: u32,
    /// Longest wait between polls, in seconds.
    pub max_delay: u32,
    /// Longest wait in all, in seconds.
    pub max_wait: u32,
}

/// A documented error code.
#[derive(Debug, Clone)]
pub struct ErrorCode {
    /// Variant name.
    pub name: String,
    /// Code on the wire.
    pub code: String,
    /// Meaning.
    pub docs: String,
}

impl Field {
    /// The field needs a hand-written Debug (it holds a secret).
    pub fn hides_value(&self) -> bool {
        self.sensitive
    }
}
