//! A minimal HTTP/1.1 server on 127.0.0.1 for wire tests.
//!
//! Each connection is answered by the next [`Reply`] in the script (the last one repeats);
//! every request is recorded so tests can check method, path, query, headers and body.

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};

/// A request as the server received it.
#[derive(Debug, Clone)]
pub struct Recorded {
    /// Method.
    pub method: String,
    /// Path without the query.
    pub path: String,
    /// Decoded query parameters, in order.
    pub query: Vec<(String, String)>,
    /// Headers, names lowercased.
    pub headers: Vec<(String, String)>,
    /// Body bytes.
    pub body: Vec<u8>,
}

impl Recorded {
    /// The first header named `name` (lowercase).
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The first query parameter named `name`.
    pub fn query_param(&self, name: &str) -> Option<&str> {
        self.query.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
    }

    /// The parameters of an `application/x-www-form-urlencoded` body, decoded, in order
    /// (empty for any other body).
    pub fn form(&self) -> Vec<(String, String)> {
        let form = self.header("content-type").is_some_and(|t| t.starts_with("application/x-www-form-urlencoded"));
        if form {
            decode_form(&String::from_utf8_lossy(&self.body))
        } else {
            Vec::new()
        }
    }

    /// Every parameter the request carries: the query string's, then the form body's.
    pub fn params(&self) -> Vec<(String, String)> {
        let mut all = self.query.clone();
        all.extend(self.form());
        all
    }

    /// The parameter `name`, from the query string or else the form body: where a query
    /// protocol puts it depends on the request method (Kingsoft: GET or POST).
    pub fn param(&self, name: &str) -> Option<String> {
        self.query_param(name).map(str::to_owned).or_else(|| self.form().into_iter().find(|(k, _)| k == name).map(|(_, v)| v))
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Reply {
    /// Answers with a status, extra headers and a body.
    Respond { status: u16, headers: Vec<(String, String)>, body: Vec<u8> },
    /// Waits, then answers like `Respond`.
    Delay(Duration, Box<Reply>),
    /// Closes the connection without answering.
    Close,
    /// Writes these bytes as they are (a truncated or malformed answer), then closes.
    Raw(Vec<u8>),
    /// Sends a status line and headers promising a body, then a little of it, then stalls
    /// (until the client gives up).
    Stall,
}

impl Reply {
    /// A JSON answer.
    pub fn json(status: u16, body: &str) -> Self {
        Self::Respond {
            status,
            headers: vec![("content-type".into(), "application/json;charset=utf-8".into())],
            body: body.as_bytes().to_vec(),
        }
    }
}

/// A running test server; it stops when dropped.
pub struct TestServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    requests: Arc<Mutex<Vec<Recorded>>>,
    task: tokio::task::JoinHandle<()>,
}

impl TestServer {
    /// Starts a server answering with `script`, in order.
    pub async fn start(script: Vec<Reply>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let requests = Arc::new(Mutex::new(Vec::new()));
        let recorded = requests.clone();
        let task = tokio::spawn(async move {
            let mut n = 0usize;
            loop {
                let Ok((stream, _)) = listener.accept().await else { return };
                let reply = script.get(n).or(script.last()).cloned().unwrap_or(Reply::Close);
                n += 1;
                let recorded = recorded.clone();
                tokio::spawn(async move {
                    let _ = serve(stream, reply, recorded).await;
                });
            }
        });
        Self { url, requests, task }
    }

    /// Every request received so far.
    pub fn requests(&self) -> Vec<Recorded> {
        self.requests.lock().map(|r| r.clone()).unwrap_or_default()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

async fn serve(mut stream: TcpStream, reply: Reply, recorded: Arc<Mutex<Vec<Recorded>>>) -> std::io::Result<()> {
    let Some(request) = read_request(&mut stream).await? else { return Ok(()) };
    if let Ok(mut r) = recorded.lock() {
        r.push(request);
    }
    respond(&mut stream, reply).await
}

/// Reads one request (head and `content-length` body); `None` when the peer closed before
/// the head ended. For servers a test writes itself (answers that depend on timing).
pub async fn read_request(stream: &mut TcpStream) -> std::io::Result<Option<Recorded>> {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    let head_end = loop {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            return Ok(None);
        }
        buf.extend_from_slice(&chunk[..n]);
        if let Some(i) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break i + 4;
        }
    };
    let head = String::from_utf8_lossy(&buf[..head_end]).into_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next().unwrap_or_default().split(' ');
    let method = first.next().unwrap_or_default().to_owned();
    let target = first.next().unwrap_or_default().to_owned();
    let headers: Vec<(String, String)> =
        lines.filter_map(|l| l.split_once(':')).map(|(k, v)| (k.trim().to_ascii_lowercase(), v.trim().to_owned())).collect();
    let length: usize = headers.iter().find(|(k, _)| k == "content-length").and_then(|(_, v)| v.parse().ok()).unwrap_or(0);
    let mut body = buf[head_end..].to_vec();
    while body.len() < length {
        let n = stream.read(&mut chunk).await?;
        if n == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..n]);
    }
    let (path, query) = match target.split_once('?') {
        Some((p, q)) => (p.to_owned(), decode_form(q)),
        None => (target.clone(), Vec::new()),
    };
    Ok(Some(Recorded { method, path, query, headers, body }))
}

async fn respond(stream: &mut TcpStream, reply: Reply) -> std::io::Result<()> {
    match reply {
        Reply::Close => Ok(()),
        Reply::Raw(bytes) => {
            stream.write_all(&bytes).await?;
            stream.shutdown().await
        }
        Reply::Stall => {
            stream.write_all(b"HTTP/1.1 200 OK\r\ncontent-length: 1000000\r\n\r\n{\"RequestId\":").await?;
            tokio::time::sleep(Duration::from_secs(30)).await;
            Ok(())
        }
        Reply::Delay(d, next) => {
            tokio::time::sleep(d).await;
            Box::pin(respond(stream, *next)).await
        }
        Reply::Respond { status, headers, body } => {
            let mut out = format!("HTTP/1.1 {status} X\r\ncontent-length: {}\r\nconnection: close\r\n", body.len());
            for (k, v) in headers {
                out.push_str(&format!("{k}: {v}\r\n"));
            }
            out.push_str("\r\n");
            stream.write_all(out.as_bytes()).await?;
            stream.write_all(&body).await?;
            stream.shutdown().await
        }
    }
}

/// Decodes `a=1&b=%20x` (percent-decoding, `+` as space).
pub fn decode_form(s: &str) -> Vec<(String, String)> {
    s.split('&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = p.split_once('=').unwrap_or((p, ""));
            (yun_runtime::request::encoding::percent_decode(k), yun_runtime::request::encoding::percent_decode(v))
        })
        .collect()
}

/// A keep-alive HTTP/1.1 server answering every request on a connection with the same JSON
/// body after `delay`, counting the connections it holds open: for tests of how many
/// connections a client opens. An `accept` that fails (e.g. "Too many open files") is retried
/// after a pause instead of stopping the server.
pub struct KeepAliveServer {
    /// `http://127.0.0.1:PORT`.
    pub url: String,
    stats: Arc<ConnectionStats>,
    task: tokio::task::JoinHandle<()>,
}

/// What a [`KeepAliveServer`] saw.
#[derive(Debug, Default)]
pub struct ConnectionStats {
    open: std::sync::atomic::AtomicUsize,
    most_open: std::sync::atomic::AtomicUsize,
    accepted: std::sync::atomic::AtomicUsize,
    requests: std::sync::atomic::AtomicUsize,
    accept_errors: std::sync::atomic::AtomicUsize,
}

impl ConnectionStats {
    /// Connections open now.
    pub fn open(&self) -> usize {
        self.open.load(std::sync::atomic::Ordering::SeqCst)
    }
    /// The most connections open at once.
    pub fn most_open(&self) -> usize {
        self.most_open.load(std::sync::atomic::Ordering::SeqCst)
    }
    /// Connections accepted in all.
    pub fn accepted(&self) -> usize {
        self.accepted.load(std::sync::atomic::Ordering::SeqCst)
    }
    /// Requests answered.
    pub fn requests(&self) -> usize {
        self.requests.load(std::sync::atomic::Ordering::SeqCst)
    }
    /// Failed `accept` calls.
    pub fn accept_errors(&self) -> usize {
        self.accept_errors.load(std::sync::atomic::Ordering::SeqCst)
    }
}

impl KeepAliveServer {
    /// Starts a server answering `body` (JSON, status 200) to every request after `delay`.
    pub async fn start(body: &str, delay: Duration) -> Self {
        use std::sync::atomic::Ordering::SeqCst;
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind 127.0.0.1");
        let url = format!("http://{}", listener.local_addr().expect("local addr"));
        let stats = Arc::new(ConnectionStats::default());
        let counted = stats.clone();
        let answer: Arc<[u8]> = format!(
            "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\nx-acs-request-id: r-1\r\n\r\n{body}",
            body.len()
        )
        .into_bytes()
        .into();
        let task = tokio::spawn(async move {
            loop {
                let mut stream = match listener.accept().await {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        counted.accept_errors.fetch_add(1, SeqCst);
                        tokio::time::sleep(Duration::from_millis(5)).await;
                        continue;
                    }
                };
                counted.accepted.fetch_add(1, SeqCst);
                let open = counted.open.fetch_add(1, SeqCst) + 1;
                counted.most_open.fetch_max(open, SeqCst);
                let (stats, answer) = (counted.clone(), answer.clone());
                tokio::spawn(async move {
                    while let Ok(Some(_)) = read_request(&mut stream).await {
                        tokio::time::sleep(delay).await;
                        if stream.write_all(&answer).await.is_err() {
                            break;
                        }
                        stats.requests.fetch_add(1, SeqCst);
                    }
                    stats.open.fetch_sub(1, SeqCst);
                });
            }
        });
        Self { url, stats, task }
    }

    /// What the server saw so far.
    pub fn stats(&self) -> &ConnectionStats {
        &self.stats
    }
}

impl Drop for KeepAliveServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}
