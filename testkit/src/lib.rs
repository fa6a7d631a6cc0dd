//! Test doubles for code that uses yun's generated clients, without a cloud account.
//!
//! Every generated client sends its attempts through a [`Transport`] (the runtime's
//! `ConfigBuilder::transport`); this crate's [`TestTransport`] answers them from a script
//! instead of the network, and keeps what was sent. Signing, encoding, retries, timeouts and
//! decoding all run as they do against the service, so a test sees what a user's code would.
//!
//! A user's function that calls two operations, and its test: the first call is throttled
//! once (the server says when to come back), the client waits and retries, and the test
//! checks what the function sent, signatures included.
//!
//! ```
//! use yun_aliyun_ecs::operation::{DescribeInstancesInput, StartInstanceInput};
//! use yun_aliyun_ecs::types::InstanceStatus;
//! use yun_aliyun_ecs::Client;
//!
//! /// The user's code under test: starts every stopped instance of a region, returns their ids.
//! async fn start_stopped(client: &Client, region: &str) -> Result<Vec<String>, yun_runtime::Error> {
//!     let input = DescribeInstancesInput::builder().region_id(region).status(InstanceStatus::Stopped).build()?;
//!     let page = client.describe_instances(input).await?;
//!     let ids: Vec<String> = page
//!         .instances
//!         .and_then(|i| i.instance)
//!         .unwrap_or_default()
//!         .into_iter()
//!         .filter_map(|instance| instance.instance_id)
//!         .collect();
//!     for id in &ids {
//!         client.start_instance(StartInstanceInput::builder().instance_id(id).build()?).await?;
//!     }
//!     Ok(ids)
//! }
//!
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() {
//! use yun_testkit::{Reply, TestTransport};
//!
//! let transport = TestTransport::new();
//! // Throttled once, with the server's wait (milliseconds), then a page of two instances.
//! transport
//!     .on_action("DescribeInstances")
//!     .reply(Reply::json(400, r#"{"Code":"Throttling.User","Message":"Request was denied due to user flow control.","RequestId":"r1"}"#)
//!         .with_header("x-acs-retry-after", "20"))
//!     .then(Reply::json(200, r#"{"RequestId":"r2","TotalCount":2,"Instances":{"Instance":[
//!         {"InstanceId":"i-1","Status":"Stopped"},{"InstanceId":"i-2","Status":"Stopped"}]}}"#));
//! transport.on_action("StartInstance").reply(Reply::json(200, r#"{"RequestId":"r3"}"#));
//! // Anything else the function might send is a test failure with a clear error.
//! transport.otherwise(Reply::json(404, r#"{"Code":"InvalidAction.NotFound","RequestId":"r4"}"#));
//!
//! let credentials = yun_runtime::Credentials::new("AKID-test", "secret-test");
//! let config = yun_aliyun_ecs::Config::builder()
//!     .region("cn-hangzhou")
//!     .credentials(credentials.clone())
//!     .transport(transport.clone())
//!     .build()
//!     .unwrap();
//! let client = Client::new(config);
//!
//! let started = start_stopped(&client, "cn-hangzhou").await.unwrap();
//! assert_eq!(started, ["i-1", "i-2"]);
//!
//! // Two attempts of DescribeInstances (the throttled one, the retry), each signed as the
//! // service checks it, with the function's filter.
//! let describes = transport.requests_for("DescribeInstances");
//! assert_eq!(describes.len(), 2);
//! for request in &describes {
//!     request.verify_signature(&credentials).unwrap();
//!     assert_eq!(request.param("Status"), Some("Stopped"));
//! }
//! let starts: Vec<_> = transport.requests_for("StartInstance").iter().map(|r| r.param("InstanceId").map(str::to_owned)).collect();
//! assert_eq!(starts, [Some("i-1".to_owned()), Some("i-2".to_owned())]);
//! # }
//! ```
//!
//! - [`TestTransport`]: replies per call ([`TestTransport::reply`]) or matched by action or by
//!   method and path ([`TestTransport::on_action`], [`TestTransport::on_path`]); sequences
//!   ("503 twice, then 200"); faults per rule ([`Fault`]: a refused connection, a connection
//!   reset after the request was sent, an answer that never comes, a slow answer).
//! - [`Captured`]: what each attempt sent — action, method, host, path, query, headers, body —
//!   with its form body and query decoded.
//! - [`Recorder`] and [`Cassette`]: record real exchanges through any transport to a JSON
//!   file with secrets redacted (signatures, tokens, keys, passwords), and replay them.
//!
//! - [`Captured::verify_signature`]: checks a request's signature as the service does, from
//!   what was sent: Aliyun ACS3 and RPC 1.0, Kingsoft AWS4 (header or query), JD JDCLOUD3.
//!
//! Not done yet (issue 18): decoding a captured request back into the operation's typed
//! input (the server-side codecs); JD's older JDCLOUD2 signature is not checked.

#![forbid(unsafe_code)]
#![warn(missing_docs)]

mod captured;
mod record;
mod reply;
mod transport;

pub use captured::Captured;
pub use record::{Cassette, Exchange, Recorder};
pub use reply::{Fault, Reply};
pub use transport::{Rule, TestTransport};
pub use yun_runtime::client::http::Transport;
pub use yun_runtime::server::verify::SignatureMismatch;
