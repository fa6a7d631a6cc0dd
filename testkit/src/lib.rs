//! Test doubles for code that uses yun's generated clients, without a cloud account.
//!
//! Every generated client sends its attempts through a [`Transport`] (the runtime's
//! `ConfigBuilder::transport`); this crate's [`TestTransport`] answers them from a script
//! instead of the network, and keeps what was sent. Signing, encoding, retries, timeouts and
//! decoding all run as they do against the service, so a test sees what a user's code would.
//!
//! ```
//! # async fn run() -> Result<(), yun_runtime::Error> {
//! use yun_testkit::{Reply, TestTransport};
//!
//! let transport = TestTransport::new();
//! // `DescribeRegions` is throttled twice, then answers; any other action gets 404.
//! transport
//!     .on_action("DescribeRegions")
//!     .reply(Reply::json(429, r#"{"Code":"Throttling.User","RequestId":"r1"}"#).with_header("x-acs-retry-after", "10"))
//!     .times(2)
//!     .then(Reply::json(200, r#"{"RequestId":"r2","Regions":{"Region":[{"RegionId":"cn-hangzhou"}]}}"#));
//! transport.otherwise(Reply::json(404, r#"{"Code":"InvalidAction.NotFound","RequestId":"r3"}"#));
//!
//! let config = yun_runtime::aliyun::Config::builder()
//!     .region("cn-hangzhou")
//!     .credentials(yun_runtime::Credentials::new("AKID", "secret"))
//!     .transport(transport.clone())
//!     .build()?;
//! // let client = yun_aliyun_ecs::Client::new(config); client.describe_regions(…).await?;
//! # let _ = config;
//! assert!(transport.requests().is_empty());
//! # Ok(()) }
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
