//! Credentials from a URL (`ALIBABA_CLOUD_CREDENTIALS_URI`), the chain's sixth step: as
//! `aliyun/credentials-go` at 9ac55b4041418ba3d0ac846cd69c000998d737b9 does it
//! (`credentials/providers/uri.go`): `GET` the URL, 5 s to connect and 10 s to read, and
//! take `AccessKeyId`, `AccessKeySecret`, `SecurityToken` and `Expiration` from the JSON
//! answer, all four required.

use std::fmt;
use std::time::Duration;

use yun_runtime::client::http::{HttpClient, HttpRequest, Timeouts};
use yun_runtime::identity::{Identity, IdentityFuture, Lookup, ResolveIdentity};
use yun_runtime::Error;

use crate::session::{excerpt, SessionBody};

/// Temporary credentials from a URL (see the [module documentation](self)). Asks every time:
/// wrap it in an [`IdentityCache`](yun_runtime::identity::IdentityCache). The URL's query may
/// hold a token: `Debug` and errors show the URL without it.
pub struct CredentialsUri {
    url: String,
    http: HttpClient,
}

impl fmt::Debug for CredentialsUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CredentialsUri").field("url", &self.shown()).finish_non_exhaustive()
    }
}

impl CredentialsUri {
    /// Credentials from `url` (`http(s)://…`). Errors: not an http(s) URL, or the HTTP client
    /// cannot be built.
    pub fn new(url: impl Into<String>) -> Result<Self, Error> {
        let url = url.into();
        if !(url.starts_with("http://") || url.starts_with("https://")) {
            return Err(Error::Config("ALIBABA_CLOUD_CREDENTIALS_URI is not an http(s):// URL".into()));
        }
        let timeouts = Timeouts { connect: Duration::from_secs(5), attempt: Duration::from_secs(10), operation: Duration::from_secs(15) };
        Ok(Self { url, http: HttpClient::new(timeouts)? })
    }

    /// From `ALIBABA_CLOUD_CREDENTIALS_URI` (through `lookup`); `None` when it is not set.
    pub fn from_lookup(lookup: Lookup<'_>) -> Option<Result<Self, Error>> {
        lookup("ALIBABA_CLOUD_CREDENTIALS_URI").filter(|u| !u.is_empty()).map(Self::new)
    }

    /// The URL without its query.
    fn shown(&self) -> &str {
        self.url.split(['?', '#']).next().unwrap_or_default()
    }

    async fn fetch(&self) -> Result<Identity, Error> {
        let what = format!("the credentials URI {}", self.shown());
        let request = HttpRequest { method: "GET".into(), url: self.url.clone(), headers: Vec::new(), body: Vec::new() };
        let r = self.http.send(request).await.map_err(|e| Error::Credentials(format!("{what}: {e}")))?;
        if r.status != 200 {
            return Err(Error::Credentials(format!("{what}: HTTP {}: {}", r.status, excerpt(&r.body, None))));
        }
        let body: SessionBody =
            serde_json::from_slice(&r.body).map_err(|e| Error::Credentials(format!("{what}: the answer is not JSON: {e}")))?;
        body.into_credentials(&what).map(Identity::AccessKey).map_err(Error::Credentials)
    }
}

impl ResolveIdentity for CredentialsUri {
    fn resolve_identity(&self) -> IdentityFuture<'_> {
        Box::pin(self.fetch())
    }
}
