//! 2,000 concurrent calls from one generated client under a limit of 1,024 open files all
//! succeed: the default transport's per-host cap (64 connections) keeps the sockets few
//! (issue 16, item 3). The limit is per process, so the test runs itself again in a child
//! process whose limit `ulimit -n 1024` lowered (Unix only); the child counts its open
//! files (`/proc/self/fd`, Linux) while the calls run.
//!
//! Scripted server (`yun_tests::server`), not the emulator: it counts sockets against one minimal local server;
//! the emulator's per-service ports and state would only add noise.

use std::time::{Duration, Instant};

use yun_runtime::client::retry::RetryConfig;
use yun_runtime::Credentials;
use yun_tests::server::KeepAliveServer;

const CHILD: &str = "YUN_FD_LIMIT_CHILD";
const CALLS: usize = 2_000;
const LIMIT: usize = 1_024;
const BODY: &str = r#"{"RequestId":"r-1","TotalCount":1,"PageNumber":1,"PageSize":10,"Instances":[]}"#;

#[test]
#[cfg(unix)]
fn two_thousand_concurrent_calls_under_1024_open_files() {
    if std::env::var_os(CHILD).is_some() {
        return child();
    }
    let exe = std::env::current_exe().expect("the test binary");
    let started = Instant::now();
    let output = std::process::Command::new("sh")
        .arg("-c")
        .arg(r#"ulimit -n 1024 && exec "$0" --exact two_thousand_concurrent_calls_under_1024_open_files --nocapture --test-threads 1"#)
        .arg(&exe)
        .env(CHILD, "1")
        .output()
        .expect("run the child");
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    println!("child ({:.1} s):\n{text}", started.elapsed().as_secs_f64());
    assert!(output.status.success(), "the child failed:\n{text}");
    assert!(text.contains("fd-limit figures:"), "the child ran the calls:\n{text}");
}

/// The open file limit in force (`Max open files` soft limit), on Linux.
fn soft_limit() -> Option<usize> {
    let limits = std::fs::read_to_string("/proc/self/limits").ok()?;
    let line = limits.lines().find(|l| l.starts_with("Max open files"))?;
    line.split_whitespace().nth(3)?.parse().ok()
}

/// Open files of this process now (Linux).
fn open_files() -> Option<usize> {
    Some(std::fs::read_dir("/proc/self/fd").ok()?.count())
}

/// A SWAS client of the server at `url` that never retries (every call must succeed on its
/// first attempt: no retry hides a failure), with this cap or the default.
fn swas_client(url: &str, cap: Option<usize>) -> yun_aliyun_swas::Client {
    let mut config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(url)
        .credentials(Credentials::new("AKID", "secret"))
        .retry(RetryConfig::disabled());
    if let Some(cap) = cap {
        // Without the cap, calls whose connection the server cannot accept wait: bounded.
        config = config.max_connections_per_host(cap).attempt_timeout(Duration::from_secs(2));
    }
    yun_aliyun_swas::Client::new(config.build().expect("a configuration"))
}

/// [`CALLS`] concurrent `ListInstances` calls; the number that succeeded and the errors.
async fn concurrent_calls(client: &yun_aliyun_swas::Client) -> (usize, Vec<String>) {
    let mut calls = tokio::task::JoinSet::new();
    for _ in 0..CALLS {
        let client = client.clone();
        calls.spawn(async move {
            let input = yun_aliyun_swas::operation::ListInstancesInput::builder().region_id("cn-hangzhou").build().expect("input");
            client.list_instances(input).await
        });
    }
    let (mut ok, mut errors) = (0usize, Vec::new());
    while let Some(joined) = calls.join_next().await {
        match joined.expect("a call task") {
            Ok(output) => {
                assert_eq!(output.total_count, Some(1));
                ok += 1;
            }
            Err(e) => errors.push(e.to_string()),
        }
    }
    (ok, errors)
}

fn child() {
    if let Some(limit) = soft_limit() {
        assert_eq!(limit, LIMIT, "ulimit lowered the limit");
    }
    let runtime = tokio::runtime::Builder::new_multi_thread().worker_threads(2).enable_all().build().expect("a runtime");
    runtime.block_on(async {
        let before = open_files();
        let server = KeepAliveServer::start(BODY, Duration::from_millis(20)).await;
        let client = swas_client(&server.url, None);
        let most_files = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
        let sampler = {
            let most_files = most_files.clone();
            tokio::spawn(async move {
                loop {
                    if let Some(n) = open_files() {
                        most_files.fetch_max(n, std::sync::atomic::Ordering::SeqCst);
                    }
                    tokio::time::sleep(Duration::from_millis(2)).await;
                }
            })
        };
        let started = Instant::now();
        let (ok, mut errors) = concurrent_calls(&client).await;
        let elapsed = started.elapsed();
        sampler.abort();
        let most_files = most_files.load(std::sync::atomic::Ordering::SeqCst);
        let stats = server.stats();
        println!(
            "fd-limit figures: {ok}/{CALLS} calls succeeded in {:.2} s under a limit of {LIMIT} open files; \
             open files before {before:?}, at most {most_files} during the calls (client and server sockets both count); \
             the server accepted {} connections, at most {} open at once, answered {} requests, {} failed accepts",
            elapsed.as_secs_f64(),
            stats.accepted(),
            stats.most_open(),
            stats.requests(),
            stats.accept_errors(),
        );
        errors.truncate(3);
        assert_eq!(ok, CALLS, "every call succeeds; first errors: {errors:?}");
        // The cap bounds the calls in flight; the connections open are those plus the idle
        // ones (at most the cap) and, for a moment, one a finished call is giving back to the
        // pool: a few above the cap (68 seen), never twice it.
        let cap = yun_runtime::client::transport::DEFAULT_MAX_CONNECTIONS_PER_HOST;
        assert!(stats.most_open() < 2 * cap, "near {cap} connections at once, saw {}", stats.most_open());
        assert!(stats.accepted() < 2 * cap, "connections are reused: {} opened", stats.accepted());
        assert_eq!(stats.accept_errors(), 0);
        if open_files().is_some() {
            // Both ends of the connections, the listener, the runtime's own files.
            assert!(most_files < 4 * cap + 32, "open files stayed near twice the cap: {most_files}");
        }
        drop((client, server));

        // The same calls with a cap above them (reqwest alone): a connection per call, and
        // the limit is reached. Shows the test above would fail without the cap.
        let server = KeepAliveServer::start(BODY, Duration::from_millis(20)).await;
        let (ok, errors) = concurrent_calls(&swas_client(&server.url, Some(100_000))).await;
        let too_many = errors.iter().filter(|e| e.contains("Too many open files") || e.contains("os error 24")).count();
        println!(
            "without the cap: {ok}/{CALLS} calls succeeded, {} failed ({too_many} saying \"Too many open files\"); the server \
             accepted {} connections, at most {} open at once, {} failed accepts; first error: {:?}",
            errors.len(),
            server.stats().accepted(),
            server.stats().most_open(),
            server.stats().accept_errors(),
            errors.first(),
        );
        assert!(ok < CALLS, "without the cap some calls run out of files");
    });
}
