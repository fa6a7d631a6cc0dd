//! The spec format: the serde types a `specs/*.yaml` file deserializes into.
//!
//! These types are the single source of truth for the format: the JSON Schema in
//! `specs/schema/spec.schema.json` is generated from them (`cargo xtask gen` writes it, `cargo xtask check` guards it).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::unique_map::UniqueMap;

/// One service: its metadata, named shapes and operations.
///
/// Limits, checked before the file is parsed: at most 4 MiB, UTF-8, one YAML document,
/// no YAML tags, nesting (indentation levels and `[`/`{` together) at most 64 deep.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// Who provides the service and how to reach and sign for it.
    pub service: Service,
    /// Named types (enums and structures) that members refer to by name.
    #[serde(default)]
    pub shapes: UniqueMap<Shape>,
    /// The service's actions, keyed by name (e.g. `ListInstances`): the wire action name
    /// unless the operation's `action` says otherwise.
    pub operations: UniqueMap<Operation>,
    /// Error codes common to every operation of the service.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDef>,
    /// Waiters keyed by snake_case name (`instance_running`): poll an operation until a
    /// member of its output reaches a state.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub waiters: UniqueMap<Waiter>,
    /// The service's stateful resources, keyed by snake_case kind (`instance`): how the
    /// operations create, read, change and delete them and the states they pass through, as
    /// the offline emulator plays them. Nothing is generated from them; `cargo xtask diff`
    /// classes their changes as the emulator's.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub resources: UniqueMap<Resource>,
    /// The generated crate's releases, newest first: `cargo xtask gen` writes them to
    /// `generated/<crate>/CHANGELOG.md` (no file without entries). The newest may not be above
    /// `service.version`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changelog: Vec<Release>,
}

/// One release of a generated crate in its changelog.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Release {
    /// The crate version (`MAJOR.MINOR.PATCH`), below the previous entry's.
    pub version: String,
    /// The release date, `YYYY-MM-DD`; absent while unreleased.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    /// What users see change, each in the diff's classes (`cargo xtask diff`).
    pub changes: Vec<ReleaseNote>,
}

/// One change of a release: its class (as `cargo xtask diff` classifies it) and what it is.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReleaseNote {
    /// `breaking-rust`, `breaking-wire`, `tightened`, `compatible` or `docs`.
    pub class: crate::diff::Class,
    /// The change, for users (not empty).
    pub text: String,
}

/// Service metadata.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Service {
    /// The cloud provider.
    pub provider: Provider,
    /// The provider's product code (e.g. `swas-open`, `kec`, `vm`): not empty, no blanks.
    #[schemars(pattern(r"^\S+$"))]
    pub name: String,
    /// A human title, in the document's language.
    pub title: String,
    /// Folder name of the generated crate under `generated/` (e.g. `aliyun-swas`), package
    /// `yun-<crate>`: lowercase letters, digits and single `-`, starting with a letter, at
    /// most 64 characters; not a workspace package's name nor another spec's crate.
    #[serde(rename = "crate")]
    #[schemars(pattern(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$"), length(min = 1, max = 64))]
    pub crate_name: String,
    /// The generated crate's version (`MAJOR.MINOR.PATCH`), `0.1.0` when left out. A change
    /// that `cargo xtask diff` classifies as breaking needs a major bump (the minor one below
    /// 1.0), which `cargo xtask check` enforces against the previous commit.
    #[serde(default = "default_version", skip_serializing_if = "is_default_version")]
    #[schemars(pattern(r"^(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)\.(0|[1-9][0-9]*)$"))]
    pub version: String,
    /// The API version sent on the wire (e.g. `2020-06-01`): not empty, no blanks.
    #[schemars(pattern(r"^\S+$"))]
    pub api_version: String,
    /// The wire protocol.
    pub protocol: Protocol,
    /// Supported signature schemes; the first is the default.
    pub signing: Vec<Signing>,
    /// Endpoint host pattern; `{region}` is replaced by the region id (the only placeholder).
    /// A pattern without `{region}` is a global host (Kingsoft: the `Region` parameter names
    /// the region).
    #[schemars(pattern(r"^([A-Za-z0-9._:-]|\{region\})+$"))]
    pub endpoint: String,
    /// Kingsoft: the host without a region that the official SDK sends to (e.g.
    /// `kec.api.ksyun.com`); a client configured for it sends the `Region` parameter.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub global_endpoint: Option<String>,
    /// The service name in the signature's credential scope, when it is not `name` (SigV4:
    /// `YYYYMMDD/<region>/<signing_name>/aws4_request`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub signing_name: Option<String>,
    /// A common parameter that asks the service to check a call without doing it, and the
    /// error code with which it says the call would have succeeded; generates
    /// `Client::dry_run(input)`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dry_run: Option<DryRun>,
    /// Known region ids.
    #[serde(default)]
    pub regions: Vec<String>,
    /// Regions whose host is not the `endpoint` pattern's (Aliyun RPC): region id → host, as
    /// the official SDK's endpoint map has them (ECS: `cn-hangzhou: ecs-cn-hangzhou.aliyuncs.com`).
    /// Each region is listed in `regions`; each host is a host name without a scheme, path or
    /// placeholder. The runtime sends a region's requests to its host here, else to the pattern.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub endpoints: UniqueMap<String>,
    /// What the service is, in a few lines.
    pub docs: String,
    /// Where the spec was transcribed from.
    pub sources: Sources,
}

/// Cloud providers yun knows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Provider {
    /// Alibaba Cloud.
    Aliyun,
    /// Kingsoft Cloud.
    Ksyun,
    /// JD Cloud.
    Jdcloud,
    /// Inspur Cloud.
    Inspur,
}

/// Wire protocols the runtime implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Protocol {
    /// Aliyun RPC: `Action`/`Version` with query or form parameters, JSON responses.
    AliyunRpc,
    /// Kingsoft Cloud query API: `Action`/`Version` query (GET) or form (POST) parameters,
    /// indexed lists, JSON or XML responses.
    KsyunQuery,
    /// JD Cloud REST: a path template with `{name}` segments, the other members in the
    /// query (GET, DELETE) or a JSON body (POST, PATCH, PUT), and the
    /// `{requestId, result, error: {code, status, message}}` response envelope.
    JdcloudRest,
    /// Inspur Cloud REST: a path template, the other members in the query (GET, DELETE) or a
    /// JSON body (POST, PATCH, PUT), bearer-token auth, and the `{code, message, data}`
    /// envelope (a `code` other than 200 is an error, whatever the HTTP status).
    InspurRest,
}

/// Signature schemes the runtime implements.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum Signing {
    /// Aliyun `ACS3-HMAC-SHA256` (Authorization header, `x-acs-*` headers).
    Acs3HmacSha256,
    /// Aliyun RPC signature v1 (`HMAC-SHA1`, `Signature` query parameter).
    HmacSha1,
    /// AWS Signature Version 4 (`AWS4-HMAC-SHA256`), as Kingsoft Cloud uses it.
    Aws4HmacSha256,
    /// JD Cloud `JDCLOUD3-HMAC-SHA256`, as the current official SDKs sign.
    Jdcloud3HmacSha256,
    /// JD Cloud `JDCLOUD2-HMAC-SHA256`, as older SDKs and JD's published signing guide sign.
    Jdcloud2HmacSha256,
    /// No signature: `Authorization: Bearer <token>` (Inspur Cloud).
    BearerToken,
}

/// The service's dry-run parameter (Kingsoft `DryRun`): sent as `<member>=true`, answered
/// with the error `code` (and `http_status`) when the call would have succeeded.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DryRun {
    /// The parameter's wire name, e.g. `DryRun`; sent with the value `true`.
    pub member: String,
    /// The error code of a dry run that would have succeeded, e.g. `DryRunOperation`.
    pub code: String,
    /// The HTTP status that answer comes with, as documented (e.g. 412).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Where it was transcribed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// The documents a spec was transcribed from.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Sources {
    /// The source document's file name under `shared/seeds/`; absent for a service no seed
    /// document covers, whose every fact then comes from the official SDK (`sdk`, required then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document: Option<String>,
    /// The official SDK package (and version) used to complete what the document omits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk: Option<String>,
    /// The lines of `document` that are the version this spec transcribes, where the file also
    /// holds older versions (the KEC document's 1.4.5 body, lines 554-7553, before its older
    /// sections): what `cargo xtask diff --doc-only` keeps of this side (a citation outside
    /// them is an older section's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub document_lines: Option<LineRange>,
}

/// Lines `from` to `to` of a document, both included, 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LineRange {
    /// The first line.
    pub from: u32,
    /// The last line (at least `from`).
    pub to: u32,
}

impl LineRange {
    /// The lines as a range.
    pub fn range(self) -> std::ops::RangeInclusive<u32> {
        self.from..=self.to
    }
}

/// Provenance of an operation, shape or member.
#[derive(Debug, Clone, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// The document file the item was transcribed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub doc: Option<String>,
    /// The 1-based line in `doc`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<u32>,
    /// The official SDK package the item (or what the document omits of it) was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sdk: Option<String>,
    /// A public page of the provider the item was taken from, where neither the document nor
    /// the SDK states it (e.g. a common error-code table).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}

/// The kind of a named shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum ShapeKind {
    /// A closed set of string values (`values`).
    Enum,
    /// A record of named members (`members`).
    Structure,
}

/// A named type.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Shape {
    /// `enum` or `structure`.
    #[serde(rename = "type")]
    pub kind: ShapeKind,
    /// What the type is.
    pub docs: String,
    /// Where it was transcribed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// Enum values and their meaning (enums only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<UniqueMap<String>>,
    /// Members keyed by wire name (structures only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub members: Option<UniqueMap<Member>>,
    /// Enums only: the service sends the values in any letter case (`active` for `ACTIVE`);
    /// they parse regardless of case.
    #[serde(default, skip_serializing_if = "is_false")]
    pub case_insensitive: bool,
}

/// A member of an input, output or structure.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Member {
    /// Type expression: `string`, `integer`, `long`, `boolean`, `float`, `double`,
    /// `list<T>`, `map<string,T>`, or a shape name; `list<>`/`map<>` nest at most 32 deep.
    #[serde(rename = "type")]
    pub ty: String,
    /// The caller must set it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub required: bool,
    /// What it means, in the document's language.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// The service's default when the member is omitted (documentation only: not sent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default: Option<serde_json::Value>,
    /// Inclusive numeric bounds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub range: Option<Bounds>,
    /// Inclusive bounds on a string's length in characters.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub length: Option<Bounds>,
    /// The only values allowed (integers or strings), checked by `build()`; for a closed set
    /// of strings prefer an enum shape.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allowed: Option<Vec<serde_json::Value>>,
    /// A regular expression the value must match (documentation).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// Fewest list items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_items: Option<u32>,
    /// Most list items.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_items: Option<u32>,
    /// Where the member goes in a request (default: `query`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub location: Option<Location>,
    /// How a list or structure is encoded in a request (default: `flat`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<Encoding>,
    /// A secret (password, token): never shown in Debug output.
    #[serde(default, skip_serializing_if = "is_false")]
    pub sensitive: bool,
    /// An idempotency token: filled with a fresh UUID when the caller leaves it unset.
    #[serde(default, skip_serializing_if = "is_false")]
    pub idempotency_token: bool,
    /// Where it was transcribed from (default: the enclosing operation's source).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The service has deprecated it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
    /// Other spellings of the wire name that answers use (e.g. `requestId` beside
    /// `RequestId` in an older section of the document): accepted when decoding, never sent.
    /// Output and structure members only.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
}

/// Inclusive bounds; either side may be open; `min` is at most `max` (and for `length`, not
/// negative).
#[derive(Debug, Clone, Copy, Default, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Bounds {
    /// Lowest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min: Option<i64>,
    /// Highest allowed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<i64>,
}

/// Where a request member is placed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Location {
    /// The URL query string.
    Query,
    /// The request body: a form field (`aliyun-rpc`, `ksyun-query`) or a member of the JSON
    /// body (`jdcloud-rest`).
    Body,
    /// An HTTP header.
    Header,
    /// A `{name}` segment of the path.
    Path,
    /// The whole JSON body is this member (e.g. a JSON-patch array); REST protocols only.
    Payload,
}

/// How a list or structure is encoded in a request parameter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Encoding {
    /// Indexed keys: `Name.1`, `Name.1.Key`.
    Flat,
    /// One parameter holding the value as a JSON string: `Name=["a","b"]`.
    Json,
    /// A list of scalars as one comma-separated parameter: `tags=a,b`.
    Csv,
}

/// An operation (action).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Operation {
    /// The action name on the wire, when it differs from the operation's key (which stays
    /// the source of the Rust names), e.g. `DescribeInstanceFamilys` for the key
    /// `DescribeInstanceFamilies`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<String>,
    /// What it does, in the document's language.
    pub docs: String,
    /// Where it was transcribed from.
    pub source: Source,
    /// HTTP method and path.
    pub http: Http,
    /// Request members keyed by wire name.
    #[serde(default)]
    pub input: UniqueMap<Member>,
    /// Mutually exclusive groups of input members (`[[NetworkInterfaceId], [SubnetId,
    /// SecurityGroupId]]`): exactly one group is given, every member of it set, no member of
    /// another group set. Checked by `build()`; the members are not `required`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub one_of: Vec<Vec<String>>,
    /// Groups of input members of which at least one must be set (`[[RegionId, VpcId]]`: the
    /// region, the VPC or both). Checked by `build()`; the members are not `required`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub at_least_one_of: Vec<Vec<String>>,
    /// Response members keyed by wire name.
    #[serde(default)]
    pub output: UniqueMap<Member>,
    /// Error codes specific to this operation.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<ErrorDef>,
    /// How to fetch the following pages, for an operation that returns its results in pages.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paginator: Option<Paginator>,
    /// It changes nothing, so it may be sent again after a `500`, a `502`, a reset or a
    /// timeout. Unset: a REST `GET`, and for `aliyun-rpc` and `ksyun-query` an action named
    /// `Describe…`, `List…`, `Query…` or `Get…` (those providers' naming rule for reads);
    /// `false` opts such an operation out, `true` marks any other read.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub read_only: Option<bool>,
    /// Sent unsigned, with no identity (Aliyun's `AuthType: Anonymous`, e.g. STS
    /// `AssumeRoleWithOIDC`, whose caller has only an OIDC token). Only protocols that have
    /// such requests accept it (`aliyun-rpc`).
    #[serde(default, skip_serializing_if = "is_false")]
    pub anonymous: bool,
    /// The service has deprecated it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub deprecated: bool,
}

/// How an operation pages through its results. Paths are output member wire names joined
/// by `.` (`Instances.Instance`); a list on the way is looked into item by item.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Paginator {
    /// `page-number` (a page index the caller increments), `offset` (an item offset advanced
    /// by the items received) or `token` (the output names the next page).
    pub kind: PaginatorKind,
    /// The input member that selects the page: the page number, or the token.
    pub input: String,
    /// The input member holding the page size, if there is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub page_size: Option<String>,
    /// Path to the output list holding the page's items.
    pub items: String,
    /// `token`: the output member holding the next page's token (empty or absent on the
    /// last page).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next: Option<String>,
    /// `page-number`, `offset`: the output member holding the total number of items, if there
    /// is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub total: Option<String>,
    /// `token`: values of `next` that mean "no further page" besides absent or empty, e.g.
    /// `["0"]` for a numeric marker that points back to the start on the last page.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub done_when: Vec<String>,
}

/// Kinds of pagination.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub enum PaginatorKind {
    /// Pages are numbered from 1; the last page is short, empty, or reaches the total.
    PageNumber,
    /// Each page names the next one in an output member; the last names none.
    Token,
    /// The input member is an offset (0 when unset) advanced by the items received; the last
    /// page is short (with a `page_size` and no `total`), empty, or reaches the total (e.g.
    /// Kingsoft's `Marker` on `DescribeModels`, paged so by Kingsoft's Terraform provider).
    Offset,
}

/// Polls an operation until its output reaches a state.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Waiter {
    /// What it waits for.
    pub docs: String,
    /// The operation to poll (its input is the caller's).
    pub operation: String,
    /// Path to the state in the output (`Instances.Instance.Status`); with a list on the
    /// way, every item's state counts.
    pub state: String,
    /// States that end the wait successfully (every item must be in one).
    pub success: Vec<String>,
    /// States that end the wait with an error (any item in one).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failure: Vec<String>,
    /// What no state at all (an empty list, an absent member) means: `retry` (default),
    /// `success` (e.g. the instance is gone) or `failure`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub when_absent: Option<Absent>,
    /// Seconds before the second poll (doubles each time, with jitter; default 5).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delay: Option<u32>,
    /// Longest wait between polls, in seconds (default 60).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_delay: Option<u32>,
    /// Longest wait in all, in seconds (default 600).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_wait: Option<u32>,
    /// Where the states and their meanings were taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// A kind of stateful resource (an instance): which operations create, read, change and delete
/// it, where its id and state are in their inputs and outputs, and the states each call moves
/// it through, with durations (as Smithy's resources bind a resource's lifecycle operations).
///
/// Paths are wire names joined by `.` as in paginators: input paths into the operation's
/// input, output paths into its output, item paths into one item of a `read`'s `items`.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Resource {
    /// What the resource is.
    pub docs: String,
    /// Where its lifecycle (states, rules) was taken from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The operations that return it (at least one): where its items, id and state are in
    /// their outputs, and which inputs select them.
    pub read: Vec<ResourceRead>,
    /// The operations that create it (ECS: `RunInstances`, `CreateInstance`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub create: Vec<ResourceCreate>,
    /// The operations that delete it: after their `transitions` (the last one's `seconds` is
    /// the time until it is gone) it is no longer returned.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub delete: Vec<ResourceAction>,
    /// The other operations that act on one (or several) of it, keyed by operation
    /// (`StopInstance`); one that moves no state (a renewal) has no `transitions`.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub actions: UniqueMap<ResourceAction>,
}

/// An operation that returns resources of a kind.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceRead {
    /// The operation (its key in `operations`).
    pub operation: String,
    /// Output path to the resources: a list (`Instances.Instance`), or one structure for
    /// an operation that returns one resource (`server`). An operation with a paginator
    /// pages exactly as it declares: its `items` is this path.
    pub items: String,
    /// Item path to the resource's id (`InstanceId`).
    pub id: String,
    /// Item path to the resource's state (`Status`); every waiter polling the operation
    /// reads it (`<items>.<state>`). Its enum's values are the states `transitions` and
    /// `from` may name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<String>,
    /// Input path to the ids that select resources (`InstanceIds`), if the operation takes
    /// them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ids: Option<String>,
    /// The other inputs that filter the resources returned, as the documented flows use them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub filters: Vec<ResourceFilter>,
    /// States whose resources the operation leaves out unless a filter on the state asks for
    /// them (Kingsoft's recycle bin: `recycling` instances are not returned by default).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hides: Vec<String>,
    /// Where the binding was taken from, when it differs from the resource's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// An input that keeps the resources whose item member equals it (or, for a list input, is
/// one of its values).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceFilter {
    /// Input path to the filter (`Status`, or the list of name/values filters `filters`).
    pub input: String,
    /// For a list of name/values filters (JD Cloud's `filters: [{name, values}]`, Kingsoft's
    /// `Filter.N.Name`/`Filter.N.Value.M`): the name that selects this filter; its values
    /// are compared. The list's items have a `name` or `Name` member and a `values`,
    /// `Values` or `Value` member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Item path to the member compared (`Status`).
    pub item: String,
    /// How a value is compared: `exact` (the default), `wildcard` (`*` stands for any run of
    /// characters: SWAS `InstanceName`) or `contains` (a substring: JD Cloud's 模糊匹配).
    #[serde(default, skip_serializing_if = "Option::is_none", rename = "match")]
    pub matching: Option<FilterMatch>,
    /// The filter applies only when these other inputs hold these values: input path →
    /// value (Inspur's `searchValue` compares the member `searchField` names:
    /// `when: {searchField: name}`); an enum input's value is one of the enum's.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub when: UniqueMap<String>,
}

/// How a filter compares its value with an item's member.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum FilterMatch {
    /// Equal (for a list input: equal to one of its values).
    Exact,
    /// `*` in the value stands for any run of characters.
    Wildcard,
    /// The item's member holds the value.
    Contains,
}

/// The operation that creates resources of a kind.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceCreate {
    /// The operation (its key in `operations`).
    pub operation: String,
    /// Output path to the new resources' ids (a list, or one id).
    pub ids: String,
    /// Input path to how many to create, for an operation that creates several (`Amount`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub count: Option<String>,
    /// Input path to the idempotency token (`ClientToken`): a call repeating a token
    /// returns what the first call with it returned and creates nothing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Item members the new resource takes from the input: item path → input path
    /// (`InstanceType: InstanceType`).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub sets: UniqueMap<String>,
    /// The states the new resource goes through: the first at once, each of the others after
    /// the one before it has lasted its `seconds`; the last is where it stays (no `seconds`).
    /// At least one, when a read names the resource's state.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<StateStep>,
    /// Where the binding was taken from, when it differs from the resource's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// An operation that acts on existing resources of a kind (an action, or the delete).
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResourceAction {
    /// The operation: required in `delete`; in `actions` the key names it, and this is left
    /// out.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub operation: Option<String>,
    /// Input path to the id (or the list of ids) acted on (`InstanceId`).
    pub id: String,
    /// The states the call is accepted in; any when empty (and no `except`). In another state
    /// the call is refused with `error`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from: Vec<String>,
    /// The states the call is refused in, for a rule the document states as "not in these"
    /// (Kingsoft: a reboot of an instance "处于非停止状态"); not with `from`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub except: Vec<String>,
    /// The error code of a call in a state not in `from` (one of the spec's error codes).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Input path to a boolean that, when true, lifts `from` (`Force`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub force: Option<String>,
    /// Input path to the idempotency token, if the operation takes one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<String>,
    /// Item members the call changes: item path → input path (`InstanceType: InstanceType`).
    #[serde(default, skip_serializing_if = "is_empty")]
    pub sets: UniqueMap<String>,
    /// The states the resource goes through, as for `create`; none for a call that moves no
    /// state. For `delete`, the last step's `seconds` is how long it stays before it is gone
    /// (no steps: gone at once).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub transitions: Vec<StateStep>,
    /// Where the binding was taken from, when it differs from the resource's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
}

/// One state on a resource's way, and how long it lasts.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StateStep {
    /// The state (a value of the state member's enum).
    pub state: String,
    /// Seconds it lasts before the next step (or, last in a `delete`, before the resource is
    /// gone); absent on the state where the resource stays.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u32>,
    /// Other item members the resource shows during this step: item path → value (Inspur's
    /// `task_state: powering-off` while `status` stays `ACTIVE`); an enum member's value is
    /// one of the enum's. They are cleared when the step ends.
    #[serde(default, skip_serializing_if = "is_empty")]
    pub also: UniqueMap<String>,
}

/// What a waiter does when the output holds no state.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Absent {
    /// Poll again.
    Retry,
    /// The wait is over: success.
    Success,
    /// The wait is over: failure.
    Failure,
}

/// HTTP binding of an operation.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Http {
    /// `GET`, `POST`, `PUT`, `PATCH` or `DELETE`.
    pub method: HttpMethod,
    /// Path template, e.g. `/` or `/v1/regions/{regionId}/instances`: each `{name}` closed,
    /// not empty, not nested, given once; no blanks.
    #[schemars(pattern(r"^/[^{}\s]*(\{[^{}\s]+\}[^{}\s]*)*$"))]
    pub path: String,
    /// REST protocols: the JSON body's members are sent inside an object under this key, e.g.
    /// `reboot` for `{"reboot": {"type": "SOFT"}}` (an empty object when there are none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body_wrapper: Option<String>,
}

/// HTTP methods.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "UPPERCASE")]
#[allow(missing_docs)]
pub enum HttpMethod {
    Get,
    Post,
    Put,
    Patch,
    Delete,
}

impl HttpMethod {
    /// The method as sent on the wire.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Get => "GET",
            Self::Post => "POST",
            Self::Put => "PUT",
            Self::Patch => "PATCH",
            Self::Delete => "DELETE",
        }
    }
}

/// A documented error code.
#[derive(Debug, Clone, Deserialize, Serialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorDef {
    /// The service's error code.
    pub code: String,
    /// What it means.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub docs: Option<String>,
    /// The HTTP status it comes with, where documented.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub http_status: Option<u16>,
    /// Where it was transcribed from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Source>,
    /// The service answers this error when an idempotency token (a member with
    /// `idempotency_token`) is used again with other parameters. An operation's own marked
    /// error wins over the service's ([`Spec::idempotency_mismatch`]); the emulator answers it.
    #[serde(default, skip_serializing_if = "is_false")]
    pub idempotency_mismatch: bool,
}

impl Spec {
    /// The error the service answers when `operation`'s idempotency token is used again with
    /// other parameters: the operation's own error marked `idempotency_mismatch`, else the
    /// service's. `None` when neither marks one (or the operation is unknown).
    pub fn idempotency_mismatch(&self, operation: &str) -> Option<&ErrorDef> {
        let op = self.operations.get(operation)?;
        op.errors.iter().find(|e| e.idempotency_mismatch).or_else(|| self.errors.iter().find(|e| e.idempotency_mismatch))
    }
}

fn is_empty<T>(map: &UniqueMap<T>) -> bool {
    map.0.is_empty()
}

/// The version of a crate whose spec names none.
pub const DEFAULT_VERSION: &str = "0.1.0";

fn default_version() -> String {
    DEFAULT_VERSION.to_owned()
}

fn is_default_version(v: &str) -> bool {
    v == DEFAULT_VERSION
}

fn is_false(b: &bool) -> bool {
    !*b
}

impl Shape {
    /// Members of a structure (empty for enums).
    pub fn members(&self) -> impl Iterator<Item = (&String, &Member)> {
        self.members.iter().flat_map(|m| m.iter())
    }
}

/// A crate version, `MAJOR.MINOR.PATCH` (no pre-release or build parts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Version {
    /// The major number.
    pub major: u64,
    /// The minor number.
    pub minor: u64,
    /// The patch number.
    pub patch: u64,
}

impl Version {
    /// `text` as a version, or `None` when it is not three numbers joined by `.` (without
    /// leading zeros).
    pub fn parse(text: &str) -> Option<Version> {
        let mut parts = text.split('.').map(|p| {
            let ok = !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()) && (p == "0" || !p.starts_with('0'));
            ok.then(|| p.parse::<u64>().ok()).flatten()
        });
        let (major, minor, patch) = (parts.next()??, parts.next()??, parts.next()??);
        parts.next().is_none().then_some(Version { major, minor, patch })
    }

    /// Whether going from `self` to `to` is a breaking bump by Cargo's rules: the major number
    /// grew, or below 1.0 the minor one (`0.1.3` → `0.2.0`), or below 0.1 the patch one.
    pub fn breaking_bump_to(self, to: Version) -> bool {
        match (self.major, self.minor) {
            (0, 0) => to > self,
            (0, _) => (to.major, to.minor) > (self.major, self.minor),
            _ => to.major > self.major,
        }
    }
}

impl std::fmt::Display for Version {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}.{}.{}", self.major, self.minor, self.patch)
    }
}

#[cfg(test)]
mod version_tests {
    use super::Version;

    #[test]
    fn versions_parse_and_breaking_bumps_follow_cargo() {
        let v = |s: &str| Version::parse(s).unwrap_or_else(|| panic!("{s}"));
        for bad in ["", "1", "1.2", "1.2.3.4", "01.2.3", "1.x.3", "1.2.3-beta", " 1.2.3"] {
            assert_eq!(Version::parse(bad), None, "{bad}");
        }
        assert!(v("0.1.0").breaking_bump_to(v("0.2.0")));
        assert!(!v("0.1.0").breaking_bump_to(v("0.1.5")));
        assert!(v("0.0.1").breaking_bump_to(v("0.0.2")));
        assert!(v("1.4.2").breaking_bump_to(v("2.0.0")));
        assert!(!v("1.4.2").breaking_bump_to(v("1.5.0")));
        assert!(!v("0.2.0").breaking_bump_to(v("0.1.0")), "down is no bump");
        assert_eq!(v("10.0.3").to_string(), "10.0.3");
    }
}
