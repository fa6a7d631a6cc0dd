//! What the emulator's integration tests share.

use std::sync::{Arc, Mutex};

use yun_runtime::client::http::{HttpRequest, HttpResponse, Transport};
use yun_runtime::client::transport::{BoxFuture, ReqwestTransport, TransportSettings};
use yun_testkit::Captured;

/// Sends through the runtime's HTTP transport to the emulator and keeps each attempt as it
/// was sent, so a flow's test checks the parameters the example puts on the wire too.
#[derive(Debug, Clone)]
pub struct Recording {
    inner: Arc<ReqwestTransport>,
    sent: Arc<Mutex<Vec<Captured>>>,
}

impl Default for Recording {
    /// The runtime's transport with its default settings, nothing sent yet.
    fn default() -> Self {
        let inner = ReqwestTransport::new(TransportSettings::default()).unwrap();
        Self { inner: Arc::new(inner), sent: Arc::default() }
    }
}

impl Recording {
    /// The attempts sent since the last call.
    pub fn take(&self) -> Vec<Captured> {
        std::mem::take(&mut *self.sent.lock().unwrap())
    }
}

impl Transport for Recording {
    fn send(&self, request: HttpRequest) -> BoxFuture<'_, Result<HttpResponse, yun_runtime::Error>> {
        self.sent.lock().unwrap().push(Captured::new(request.clone()));
        self.inner.send(request)
    }
}
