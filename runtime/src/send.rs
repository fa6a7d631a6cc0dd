//! Sending one operation, whatever the protocol: encode the input, then sign, send and
//! decode, retrying what is safe to retry, within the operation timeout.

use serde::de::DeserializeOwned;

use crate::config::{Config, Provider};
use crate::error::Error;
use crate::http::{HttpRequest, HttpResponse};
use crate::operation::Operation;
use crate::params::Params;
use crate::retry::with_retries;

/// What a protocol client supplies to [`call`].
pub trait Wire {
    /// The provider whose configuration the client holds.
    type Provider: Provider;
    /// The client's configuration.
    fn config(&self) -> &Config<Self::Provider>;
    /// Error codes that mean "slow down".
    fn throttling_codes(&self) -> &'static [&'static str];
    /// The signed request for one attempt (fresh time and nonce).
    fn signed_request(&self, action: &str, method: &str, query: &Params, body: &Params) -> HttpRequest;
    /// The operation's output, or the error the response carries.
    fn decode<O: DeserializeOwned>(&self, response: &HttpResponse) -> Result<O, Error>;
}

/// Sends `op` through `client`.
pub async fn call<W: Wire, Op: Operation>(client: &W, op: &Op) -> Result<Op::Output, Error> {
    let mut query = Params::new();
    let mut body = Params::new();
    op.write_params(&mut query, &mut body);
    let config = client.config();
    with_retries(config.retry(), config.timeouts().operation, client.throttling_codes(), Op::IDEMPOTENT, || async {
        let request = client.signed_request(Op::ACTION, Op::METHOD, &query, &body);
        let response = config.http().send(request).await?;
        client.decode(&response)
    })
    .await
}
