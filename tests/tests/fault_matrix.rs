//! The fault matrix, for every protocol client (Aliyun RPC, Ksyun query, JD Cloud REST, Inspur REST): a
//! local server answers 500, 503, throttling, a reset connection, a truncated body,
//! garbage, an HTML error page, a body that never ends, and an answer slower than the
//! timeout. Each case checks the number of attempts, the kind of error, and that the call
//! ends in bounded time. The number of attempts depends on whether the operation is safe to
//! repeat (read-only, or carrying an idempotency token): throttling and 503 are retried
//! for every operation, a failure that may have reached the service only for the safe ones.
//! Reads of the RPC and query protocols (`Describe…`, `List…`: POSTs) count as read-only.
//!
//! Scripted server (`yun_tests::server`), not the emulator: truncated bodies, garbage, HTML pages and bodies
//! that never end are malformed answers no emulator of a spec gives.

use std::time::{Duration, Instant};

use yun_runtime::client::retry::RetryConfig;
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
    Reply::Respond {
        status: 502,
        headers: vec![("content-type".into(), "text/html".into())],
        body: b"<html><body>Bad Gateway</body></html>".to_vec(),
    }
}

/// Which operations a failure is retried for.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Retried {
    /// Every operation: the service did nothing (throttling, 503).
    Always,
    /// Only operations safe to repeat: the request may have reached the service.
    IfSafeToRepeat,
}

/// (case, reply, attempts, error kind), for an operation that is safe to repeat or not.
fn cases(throttle: Reply, safe_to_repeat: bool) -> Vec<(&'static str, Reply, usize, Kind)> {
    use Retried::{Always, IfSafeToRepeat};
    let table = vec![
        ("500", Reply::json(500, r#"{"Code":"InternalError","RequestId":"r"}"#), IfSafeToRepeat, Kind::Service),
        ("503", Reply::json(503, r#"{"Code":"ServiceUnavailable","RequestId":"r"}"#), Always, Kind::Service),
        ("throttled", throttle, Always, Kind::Service),
        ("reset", Reply::Close, IfSafeToRepeat, Kind::Transport),
        (
            "truncated",
            Reply::Raw(b"HTTP/1.1 200 OK\r\ncontent-length: 500\r\n\r\n{\"RequestId\":\"r\",".to_vec()),
            IfSafeToRepeat,
            Kind::Transport,
        ),
        ("garbage", Reply::Raw(b"\x00\x01\x02 definitely not http\r\n\r\n".to_vec()), IfSafeToRepeat, Kind::Transport),
        ("html", html(), IfSafeToRepeat, Kind::Service),
        ("endless body", Reply::Stall, IfSafeToRepeat, Kind::Timeout),
        ("slow", Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, "{}"))), IfSafeToRepeat, Kind::Timeout),
    ];
    let max = retry().max_attempts as usize;
    table
        .into_iter()
        .map(|(case, reply, retried, want)| {
            let attempts = if retried == Retried::Always || safe_to_repeat { max } else { 1 };
            (case, reply, attempts, want)
        })
        .collect()
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

/// An ECS client against `url`, with the matrix's retries and a 300 ms attempt timeout.
fn ecs_client(url: &str) -> Result<yun_aliyun_ecs::Client, Error> {
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .endpoint(url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(retry())
        .attempt_timeout(Duration::from_millis(300))
        .build()?;
    Ok(yun_aliyun_ecs::Client::new(config))
}

#[tokio::test]
async fn aliyun_fault_matrix() {
    use yun_aliyun_ecs::operation::{DescribeInstancesInput, StartInstanceInput};
    use yun_runtime::Operation;
    // DescribeInstances is read-only (a `Describe…` action): safe to repeat although it is a
    // POST without a token. StartInstance carries no token: the policy for operations not
    // safe to repeat.
    const { assert!(<DescribeInstancesInput as Operation>::IDEMPOTENT && !<StartInstanceInput as Operation>::IDEMPOTENT) };
    let throttle = Reply::json(400, r#"{"Code":"Throttling.User","Message":"slow down","RequestId":"r"}"#);
    for (case, reply, attempts, want) in cases(throttle.clone(), true) {
        check("aliyun read", case, reply, attempts, want, |url| async move {
            ecs_client(&url)?.describe_instances(DescribeInstancesInput::builder().region_id("cn-hangzhou").build()?).await?;
            Ok(())
        })
        .await;
    }
    for (case, reply, attempts, want) in cases(throttle, false) {
        check("aliyun write", case, reply, attempts, want, |url| async move {
            ecs_client(&url)?.start_instance(StartInstanceInput::builder().instance_id("i-1").build()?).await?;
            Ok(())
        })
        .await;
    }
}

/// A KEC client against `url`, with the matrix's retries and a 300 ms attempt timeout.
fn kec_client(url: &str) -> Result<yun_ksyun_kec::Client, Error> {
    let config = yun_ksyun_kec::Config::builder()
        .region("cn-beijing-6")
        .endpoint(url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(retry())
        .attempt_timeout(Duration::from_millis(300))
        .build()?;
    Ok(yun_ksyun_kec::Client::new(config))
}

#[tokio::test]
async fn ksyun_fault_matrix() {
    use yun_ksyun_kec::operation::{DescribeInstancesInput, ModifyInstanceAttributeInput};
    use yun_runtime::Operation;
    const { assert!(<DescribeInstancesInput as Operation>::IDEMPOTENT && !<ModifyInstanceAttributeInput as Operation>::IDEMPOTENT) };
    let throttle = Reply::json(409, r#"{"RequestId":"r","Error":{"Type":"Sender","Code":"LimitExceeded","Message":"slow down"}}"#);
    for (case, reply, attempts, want) in cases(throttle.clone(), true) {
        check("ksyun read", case, reply, attempts, want, |url| async move {
            kec_client(&url)?.describe_instances(DescribeInstancesInput::builder().build()?).await?;
            Ok(())
        })
        .await;
    }
    for (case, reply, attempts, want) in cases(throttle, false) {
        check("ksyun write", case, reply, attempts, want, |url| async move {
            let input =
                ModifyInstanceAttributeInput::builder().instance_id("8f0c4e1a-0000-4000-8000-000000000001").instance_name("web").build()?;
            kec_client(&url)?.modify_instance_attribute(input).await?;
            Ok(())
        })
        .await;
    }
}

/// Item 5 of issue 13: a read-only Aliyun call (a POST) answered 500, then 200, succeeds on
/// its second attempt; a call that is not safe to repeat, answered 500, is sent once.
#[tokio::test]
async fn a_read_only_aliyun_call_is_retried_after_a_500_and_a_write_is_not() {
    use yun_aliyun_ecs::operation::{DescribeInstancesInput, StartInstanceInput};
    let server = TestServer::start(vec![
        Reply::json(500, r#"{"Code":"InternalError","Message":"boom","RequestId":"r-1"}"#),
        Reply::json(200, r#"{"RequestId":"r-2","TotalCount":0,"PageNumber":1,"PageSize":10,"Instances":{"Instance":[]}}"#),
    ])
    .await;
    let output = ecs_client(&server.url)
        .unwrap()
        .describe_instances(DescribeInstancesInput::builder().region_id("cn-hangzhou").build().unwrap())
        .await
        .unwrap();
    assert_eq!(output.request_id.as_deref(), Some("r-2"));
    let requests = server.requests();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.method == "POST" && r.header("x-acs-action") == Some("DescribeInstances")), "{requests:?}");

    let server = TestServer::start(vec![Reply::json(500, r#"{"Code":"InternalError","Message":"boom","RequestId":"r-1"}"#)]).await;
    let err = ecs_client(&server.url)
        .unwrap()
        .start_instance(StartInstanceInput::builder().instance_id("i-1").build().unwrap())
        .await
        .unwrap_err();
    assert!(matches!(err, Error::Service(ref e) if e.status == 500 && e.code() == Some("InternalError")), "{err:?}");
    assert_eq!(server.requests().len(), 1, "a call that is not safe to repeat is sent once after a 500");
}

/// A JD Cloud client against `url`, with the matrix's retries and `attempt_timeout`.
fn jdcloud_client(url: &str, attempt_timeout: Duration) -> Result<yun_jdcloud_vm::Client, Error> {
    let config = yun_jdcloud_vm::Config::builder()
        .region("cn-north-1")
        .endpoint(url)
        .credentials(Credentials::new("ak", "sk"))
        .retry(retry())
        .attempt_timeout(attempt_timeout)
        .build()?;
    Ok(yun_jdcloud_vm::Client::new(config))
}

/// JD Cloud says "slow down" with a 429, or with a 400 whose error status is `RATE_LIMIT`.
fn jdcloud_throttles() -> [Reply; 2] {
    [
        Reply::json(429, r#"{"requestId":"r","error":{"code":429,"status":"RATE_LIMIT","message":"slow down"}}"#),
        Reply::json(400, r#"{"requestId":"r","error":{"code":400,"status":"RATE_LIMIT","message":"slow down"}}"#),
    ]
}

#[tokio::test]
async fn jdcloud_fault_matrix() {
    use yun_jdcloud_vm::operation::DescribeInstancesInput;
    assert!(yun_runtime::jdcloud::THROTTLING_CODES.contains(&"RATE_LIMIT"));
    for throttle in jdcloud_throttles() {
        // A REST GET is read-only: safe to repeat, so 500s, resets and timeouts are retried too.
        for (case, reply, attempts, want) in cases(throttle, true) {
            check("jdcloud GET", case, reply, attempts, want, |url| async move {
                let input = DescribeInstancesInput::builder().region_id("cn-north-1").build()?;
                jdcloud_client(&url, Duration::from_millis(300))?.describe_instances(input).await?;
                Ok(())
            })
            .await;
        }
    }
}

/// JD Cloud's common error table (docs.jdcloud.com/cn/common-declaration/api/error-codes,
/// "常见的错误", 2019-07-23; specs/jdcloud-vm.yaml `errors:`) gives two statuses under HTTP 429:
/// `429 QUOTA_EXCEEDED 配额不足` and `429 RATE_LIMIT 请求过频繁`. Only the second is "slow down":
/// a quota refusal is sent once and surfaces with its code, a rate limit is retried.
#[tokio::test]
async fn jdcloud_429_quota_exceeded_is_final_and_429_rate_limit_is_retried() {
    use yun_jdcloud_vm::operation::{CreateInstancesInput, DescribeInstancesInput};
    use yun_jdcloud_vm::types::InstanceSpec;
    let quota = Reply::json(429, r#"{"requestId":"r-q","error":{"code":429,"status":"QUOTA_EXCEEDED","message":"配额不足"}}"#);
    let limited = Reply::json(429, r#"{"requestId":"r-1","error":{"code":429,"status":"RATE_LIMIT","message":"请求过频繁"}}"#);
    let ok = Reply::json(200, r#"{"requestId":"r-2","result":{"instances":[],"totalCount":7}}"#);

    // A read (safe to repeat) and a create carrying a clientToken (safe to repeat too): neither
    // repeats a quota refusal, though both would repeat a 500.
    let server = TestServer::start(vec![quota.clone(), ok.clone()]).await;
    let input = DescribeInstancesInput::builder().region_id("cn-north-1").build().unwrap();
    let err = jdcloud_client(&server.url, Duration::from_millis(300)).unwrap().describe_instances(input).await.unwrap_err();
    assert!(matches!(err, Error::Service(ref e) if e.status == 429 && e.code() == Some("QUOTA_EXCEEDED")), "{err:?}");
    assert_eq!(server.requests().len(), 1, "a quota refusal is sent once");

    let server = TestServer::start(vec![quota]).await;
    let spec = InstanceSpec::default().name("web").instance_type("g.n2.medium");
    let input = CreateInstancesInput::builder().region_id("cn-north-1").instance_spec(spec).build().unwrap();
    let err = jdcloud_client(&server.url, Duration::from_millis(300)).unwrap().create_instances(input).await.unwrap_err();
    assert!(matches!(err, Error::Service(ref e) if e.status == 429 && e.code() == Some("QUOTA_EXCEEDED")), "{err:?}");
    assert_eq!(server.requests().len(), 1, "a quota refusal is sent once, clientToken or not");

    // The same status with RATE_LIMIT: retried, and the second attempt's answer is the result.
    let server = TestServer::start(vec![limited, ok]).await;
    let input = DescribeInstancesInput::builder().region_id("cn-north-1").build().unwrap();
    let output = jdcloud_client(&server.url, Duration::from_millis(300)).unwrap().describe_instances(input).await.unwrap();
    assert_eq!(output.total_count, Some(7), "the second answer");
    assert_eq!(server.requests().len(), 2, "a rate limit is retried once, then succeeds");
}

#[tokio::test]
async fn jdcloud_posts_without_a_token_are_not_repeated() {
    use yun_jdcloud_vm::operation::ModifyInstanceAttributeInput;
    use yun_runtime::Operation;
    // ModifyInstanceAttribute is a POST without a `clientToken`: not safe to repeat, so a 500
    // (or a reset, or a timeout) is final; throttling and 503 are still retried.
    assert_eq!(<ModifyInstanceAttributeInput as Operation>::METHOD, "POST");
    const { assert!(!<ModifyInstanceAttributeInput as Operation>::IDEMPOTENT) };
    for throttle in jdcloud_throttles() {
        for (case, reply, attempts, want) in cases(throttle, false) {
            check("jdcloud POST", case, reply, attempts, want, |url| async move {
                let input = ModifyInstanceAttributeInput::builder().region_id("cn-north-1").instance_id("i-1").name("web").build()?;
                jdcloud_client(&url, Duration::from_millis(300))?.modify_instance_attribute(input).await?;
                Ok(())
            })
            .await;
        }
    }
    let server =
        TestServer::start(vec![Reply::json(500, r#"{"requestId":"r","error":{"code":500,"status":"INTERNAL","message":"boom"}}"#)]).await;
    let input = ModifyInstanceAttributeInput::builder().region_id("cn-north-1").instance_id("i-1").name("web").build().unwrap();
    let err = jdcloud_client(&server.url, Duration::from_millis(300)).unwrap().modify_instance_attribute(input).await.unwrap_err();
    assert!(matches!(err, Error::Service(ref e) if e.status == 500 && e.code() == Some("INTERNAL")), "{err:?}");
    let requests = server.requests();
    assert_eq!(requests.len(), 1, "a non-idempotent POST is sent once");
    assert_eq!(
        (requests[0].method.as_str(), requests[0].path.as_str()),
        ("POST", "/v1/regions/cn-north-1/instances/i-1:modifyInstanceAttribute")
    );
}

#[tokio::test]
async fn jdcloud_posts_with_a_client_token_retry_server_errors_and_timeouts() {
    use yun_jdcloud_vm::operation::CreateInstancesInput;
    use yun_jdcloud_vm::types::InstanceSpec;
    let replies = [
        Reply::json(500, r#"{"requestId":"r","error":{"code":500,"status":"INTERNAL","message":"boom"}}"#),
        Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, r#"{"requestId":"r","result":{}}"#))),
    ];
    for reply in replies {
        let server = TestServer::start(vec![reply]).await;
        let input = CreateInstancesInput::builder()
            .region_id("cn-north-1")
            .instance_spec(InstanceSpec::default().name("web").instance_type("g.n2.medium"))
            .build()
            .unwrap();
        let token = input.client_token.clone().expect("the idempotency token is filled");
        let started = Instant::now();
        let _ = jdcloud_client(&server.url, Duration::from_millis(200)).unwrap().create_instances(input).await.unwrap_err();
        let requests = server.requests();
        assert_eq!(requests.len(), 3, "retried up to max_attempts");
        for r in &requests {
            assert_eq!(r.method, "POST");
            let body: serde_json::Value = serde_json::from_slice(&r.body).expect("a JSON body");
            assert_eq!(body["clientToken"].as_str(), Some(token.as_str()), "every attempt carries the same clientToken");
        }
        assert!(started.elapsed() < Duration::from_secs(3));
    }
}

#[tokio::test]
async fn idempotent_operations_retry_server_errors_and_timeouts() {
    use yun_aliyun_swas::operation::RebootInstanceInput;
    for reply in [Reply::json(500, r#"{"Code":"InternalError"}"#), Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, "{}")))]
    {
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

#[tokio::test]
async fn retries_and_timeouts_can_be_changed_for_one_call() {
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
    let _ = client.with_retry(RetryConfig::disabled()).list_regions(input.clone()).await.unwrap_err();
    assert_eq!(server.requests().len(), 1, "this call: no retry");
    let _ = client.list_regions(input.clone()).await.unwrap_err();
    assert_eq!(server.requests().len(), 4, "the client's own setting is untouched: 3 attempts");
    assert_eq!(client.config().retry_budget().available(), 500 - 2 * 5);
    let more = RetryConfig { max_attempts: 4, ..retry() };
    let _ = client.with_retry(more).list_regions(input.clone()).await.unwrap_err();
    assert_eq!(server.requests().len(), 8, "this call: 4 attempts");
    assert_eq!(client.config().retry_budget().available(), 500 - 5 * 5, "its 3 retries were paid from the shared budget");

    let slow = TestServer::start(vec![Reply::Delay(Duration::from_secs(10), Box::new(Reply::json(200, "{}")))]).await;
    let config = client.config().clone();
    let client = yun_aliyun_swas::Client::new(
        yun_aliyun_swas::Config::builder()
            .region("cn-hangzhou")
            .endpoint(&slow.url)
            .identity_provider(config.identity_provider().clone())
            .build()
            .unwrap(),
    );
    let started = Instant::now();
    let err = client.with_timeouts(Duration::from_millis(100), Duration::from_millis(300)).list_regions(input).await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

fn inspur_client(url: &str, attempt: Duration) -> Result<yun_inspur_ecs::Client, Error> {
    let config = yun_inspur_ecs::Config::builder().endpoint(url).bearer_token("t").retry(retry()).attempt_timeout(attempt).build()?;
    Ok(yun_inspur_ecs::Client::new(config))
}

#[tokio::test]
async fn inspur_fault_matrix() {
    use yun_inspur_ecs::operation::{ListServersInput, StartServerInput};
    let throttle = Reply::json(429, r#"{"code":429,"message":"too many requests"}"#);
    // A REST GET is read-only: everything retryable is retried.
    for (case, reply, attempts, want) in cases(throttle.clone(), true) {
        check("inspur GET", case, reply, attempts, want, |url| async move {
            let input = ListServersInput::builder().page_no(1).page_size(10).build()?;
            inspur_client(&url, Duration::from_millis(300))?.list_servers(input).await?;
            Ok(())
        })
        .await;
    }
    // An action POST is not safe to repeat: only throttling and 503 are retried.
    for (case, reply, attempts, want) in cases(throttle, false) {
        check("inspur POST", case, reply, attempts, want, |url| async move {
            let input = StartServerInput::builder().server_id("s").build()?;
            inspur_client(&url, Duration::from_millis(300))?.start_server(input).await?;
            Ok(())
        })
        .await;
    }
}
