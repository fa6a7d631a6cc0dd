//! The fault matrix, for both protocol clients: a local server answers 500, 503,
//! throttling, a reset connection, a truncated body, garbage, an HTML error page, a body
//! that never ends, and an answer slower than the timeout. Each case checks the number of
//! attempts, the kind of error, and that the call ends in bounded time.

use std::time::{Duration, Instant};

use yun_runtime::retry::RetryConfig;
use yun_runtime::{Credentials, Error};
use yun_tests::server::{Reply, TestServer};

#[derive(Debug, Clone, Copy, PartialEq)]
enum Kind {
    Service,
    Transport,
    Timeout,
    Decode,
}

fn kind(e: &Error) -> Kind {
    match e {
        Error::Service(_) => Kind::Service,
        Error::Transport(_) => Kind::Transport,
        Error::Timeout(_) => Kind::Timeout,
        Error::Decode(_) => Kind::Decode,
        other => panic!("unexpected error {other:?}"),
    }
}

fn html() -> Reply {
    Reply::Respond { status: 502, headers: vec![("content-type".into(), "text/html".into())], body: b"<html><body>Bad Gateway</body></html>".to_vec() }
}

/// (case, reply, attempts for an operation that is NOT safe to repeat, error kind)
fn cases(throttle: Reply) -> Vec<(&'static str, Reply, usize, Kind)> {
    vec![
        ("500", Reply::json(500, r#"{"Code":"InternalError","RequestId":"r"}"#), 1, Kind::Service),
        ("503", Reply::json(503, r#"{"Code":"ServiceUnavailable","RequestId":"r"}"#), 3, Kind::Service),
        ("throttled", throttle, 3, Kind::Service),
        ("reset", Reply::Close, 1, Kind::Transport),
        ("truncated", Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n{\"RequestId\":\"r\",".to_vec()), 1, Kind::Transport),
        ("garbage", Reply::Raw(b"\x00\x01\x02 definitely not http\r\n\r\n".to_vec()), 1, Kind::Transport),
        ("html", html(), 1, Kind::Service),
        ("endless body", Reply::Stall, 1, Kind::Timeout),
        ("slow", Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, "{}"))), 1, Kind::Timeout),
    ]
}

fn retry() -> RetryConfig {
    RetryConfig { max_attempts: 3, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(5) }
}

async fn check<F, Fut>(protocol: &str, case: &str, reply: Reply, attempts: usize, want: Kind, call: F)
where
    F: FnOnce(String) -> Fut,
    Fut: std::future::Future<Output = Result<(), Error>>,
{
    let server = TestServer::start(vec![reply]).await;
    let started = Instant::now();
    let err = call(server.url.clone()).await.expect_err("the call must fail");
    let elapsed = started.elapsed();
    assert_eq!(kind(&err), want, "{protocol} {case}: {err:?}");
    assert_eq!(server.requests().len(), attempts, "{protocol} {case}: attempts");
    assert!(elapsed < Duration::from_secs(3), "{protocol} {case}: took {elapsed:?}");
}

#[tokio::test]
async fn aliyun_fault_matrix() {
    use yun_aliyun_swas::operation::ListRegionsInput;
    let throttle = Reply::json(400, r#"{"Code":"Throttling.User","Message":"slow down","RequestId":"r"}"#);
    for (case, reply, attempts, want) in cases(throttle) {
        check("aliyun", case, reply, attempts, want, |url| async move {
            let config = yun_aliyun_swas::Config::builder()
                .region("cn-hangzhou")
                .endpoint(url)
                .credentials(Credentials::new("ak", "sk"))
                .retry(retry())
                .attempt_timeout(Duration::from_millis(300))
                .build()?;
            // ListRegions carries no idempotency token: the policy for operations not safe to repeat.
            yun_aliyun_swas::Client::new(config).list_regions(ListRegionsInput::builder().build()?).await?;
            Ok(())
        })
        .await;
    }
}

#[tokio::test]
async fn ksyun_fault_matrix() {
    use yun_ksyun_kec::operation::DescribeInstancesInput;
    let throttle = Reply::json(409, r#"{"RequestId":"r","Error":{"Type":"Sender","Code":"LimitExceeded","Message":"slow down"}}"#);
    for (case, reply, attempts, want) in cases(throttle) {
        check("ksyun", case, reply, attempts, want, |url| async move {
            let config = yun_ksyun_kec::Config::builder()
                .region("cn-beijing-6")
                .endpoint(url)
                .credentials(Credentials::new("ak", "sk"))
                .retry(retry())
                .attempt_timeout(Duration::from_millis(300))
                .build()?;
            yun_ksyun_kec::Client::new(config).describe_instances(DescribeInstancesInput::builder().build()?).await?;
            Ok(())
        })
        .await;
    }
}

#[tokio::test]
async fn idempotent_operations_retry_server_errors_and_timeouts() {
    use yun_aliyun_swas::operation::RebootInstanceInput;
    for reply in [Reply::json(500, r#"{"Code":"InternalError"}"#), Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, "{}")))] {
        let server = TestServer::start(vec![reply]).await;
        let config = yun_aliyun_swas::Config::builder()
            .region("cn-hangzhou")
            .endpoint(&server.url)
            .credentials(Credentials::new("ak", "sk"))
            .retry(retry())
            .attempt_timeout(Duration::from_millis(200))
            .build()
            .unwrap();
        let input = RebootInstanceInput::builder().region_id("cn-hangzhou").instance_id("i").build().unwrap();
        assert!(input.client_token.is_some(), "the idempotency token is filled");
        let started = Instant::now();
        let _ = yun_aliyun_swas::Client::new(config).reboot_instance(input).await.unwrap_err();
        assert_eq!(server.requests().len(), 3, "retried up to max_attempts");
        let tokens: Vec<_> = server.requests().iter().map(|r| r.query_param("ClientToken").map(str::to_owned)).collect();
        assert!(tokens.windows(2).all(|w| w[0] == w[1]), "every attempt carries the same token");
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}

#[tokio::test]
async fn the_operation_timeout_bounds_all_attempts() {
    let server = TestServer::start(vec![Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, "{}")))]).await;
    let config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&server.url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(RetryConfig { max_attempts: 10, initial_backoff: Duration::from_millis(1), max_backoff: Duration::from_millis(1) })
        .attempt_timeout(Duration::from_millis(200))
        .operation_timeout(Duration::from_millis(500))
        .build()
        .unwrap();
    let input = yun_aliyun_swas::operation::RebootInstanceInput::builder().region_id("r").instance_id("i").build().unwrap();
    let started = Instant::now();
    let err = yun_aliyun_swas::Client::new(config).reboot_instance(input).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(ref t) if t.kind == "operation"), "{err:?}");
    assert!(started.elapsed() < Duration::from_millis(1500));
}

#[tokio::test]
async fn the_retry_budget_stops_retries_against_a_failing_service() {
    let server = TestServer::start(vec![Reply::json(503, r#"{"Code":"ServiceUnavailable"}"#)]).await;
    let config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(&server.url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(retry())
        .build()
        .unwrap();
    let client = yun_aliyun_swas::Client::new(config);
    let input = yun_aliyun_swas::operation::ListRegionsInput::builder().build().unwrap();
    for _ in 0..60 {
        let _ = client.list_regions(input.clone()).await.unwrap_err();
    }
    // 500 tokens pay for 100 retries: 50 calls of 3 attempts, then 10 calls of 1.
    assert_eq!(server.requests().len(), 50 * 3 + 10);
    assert_eq!(client.config().retry_budget().available(), 0);
}
