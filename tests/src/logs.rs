//! What the runtime logs through `tracing`, captured for a test to read.

use std::sync::{Arc, Mutex};

use tracing::subscriber::DefaultGuard;

/// The log of the current thread, from [`capture`] until it is dropped.
pub struct LogCapture {
    text: Arc<Mutex<Vec<u8>>>,
    _guard: DefaultGuard,
}

impl LogCapture {
    /// Everything logged so far, as the `fmt` subscriber writes it (no colours).
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.text.lock().unwrap_or_else(|e| e.into_inner())).into_owned()
    }
}

#[derive(Clone, Default)]
struct Writer(Arc<Mutex<Vec<u8>>>);

impl std::io::Write for Writer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap_or_else(|e| e.into_inner()).extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Captures the events at `level` and above logged on this thread (a `#[tokio::test]` runs
/// on one thread) until the returned value is dropped.
pub fn capture(level: tracing::Level) -> LogCapture {
    let writer = Writer::default();
    let text = writer.0.clone();
    let subscriber = tracing_subscriber::fmt().with_max_level(level).with_writer(move || writer.clone()).with_ansi(false).finish();
    LogCapture { text, _guard: tracing::subscriber::set_default(subscriber) }
}
