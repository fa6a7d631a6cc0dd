//! What yun adds per call, without the network: encode the input, sign the request (fresh
//! time and nonce, as every attempt does), decode a one-instance answer into the generated
//! output and hand it what decoding kept (`Operation::received`), as `send::call` does. One
//! call per protocol: Aliyun RPC (SWAS `ListInstances`, ACS3), Kingsoft query (KEC
//! `DescribeInstances`, POST, SigV4), JD Cloud REST (VM `DescribeInstances`, JDCLOUD3),
//! Inspur REST (ECS `ListServers`, GET, bearer token).
//!
//! Also, if the `loopback` group runs: the same SWAS call through the whole client against a
//! local server in this process, beside the same POST sent with bare reqwest.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use yun_runtime::client::send::Encoded;
use yun_benches::{finish, kec_body, response, swas_body, AK, INSPUR_BODY, JDCLOUD_BODY, SK};
use yun_runtime::Credentials;

fn per_call(c: &mut Criterion) {
    let mut group = c.benchmark_group("per call: encode + sign + decode one instance");

    // Aliyun RPC, SWAS ListInstances, ACS3-HMAC-SHA256 (the default signature).
    {
        use yun_aliyun_swas::operation::{ListInstancesInput, ListInstancesOutput};
        let config = yun_aliyun_swas::Config::builder().region("cn-hangzhou").credentials(Credentials::new(AK, SK)).build().unwrap();
        let client = yun_runtime::aliyun::RpcClient::new(&yun_aliyun_swas::SERVICE, config);
        let keys = Credentials::new(AK, SK);
        let input = ListInstancesInput::builder().region_id("cn-hangzhou").page_size(10).build().unwrap();
        let answer = response(&swas_body());
        assert_eq!(
            yun_runtime::aliyun::response_decode::<ListInstancesOutput>(&answer).unwrap().instances.map(|i| i.len()),
            Some(1)
        );
        group.bench_function("aliyun SWAS ListInstances (ACS3)", |b| {
            b.iter(|| {
                let encoded = Encoded::new(black_box(&input));
                let request = client.signed_request(&keys, &encoded.action, &encoded.method, &encoded.query, &encoded.body);
                black_box(request);
                let decoded = yun_runtime::aliyun::response_decode_answer::<ListInstancesOutput>(black_box(&answer), false).unwrap();
                finish::<ListInstancesInput>(decoded, &answer)
            })
        });
    }

    // Kingsoft query protocol, KEC DescribeInstances, POST form body, SigV4 header.
    {
        use yun_ksyun_kec::operation::{DescribeInstancesInput, DescribeInstancesOutput};
        let config = yun_ksyun_kec::Config::builder().region("cn-beijing-6").credentials(Credentials::new(AK, SK)).build().unwrap();
        let client = yun_runtime::ksyun::QueryClient::new(&yun_ksyun_kec::SERVICE, config);
        let keys = Credentials::new(AK, SK);
        let input = DescribeInstancesInput::builder().instance_id(vec!["19c61e7e-c604-43ec-b225-3677f4f2eaf6".into()]).max_results(10).build().unwrap();
        let answer = response(&kec_body());
        assert_eq!(
            yun_runtime::ksyun::response::decode::<DescribeInstancesOutput>(&answer).unwrap().instances_set.map(|i| i.len()),
            Some(1)
        );
        group.bench_function("ksyun KEC DescribeInstances (POST, SigV4)", |b| {
            b.iter(|| {
                let encoded = Encoded::new(black_box(&input));
                let request = client.signed_request(&keys, &encoded.action, &encoded.method, &encoded.query, &encoded.body);
                black_box(request);
                let decoded = yun_runtime::ksyun::response::decode_answer::<DescribeInstancesOutput>(black_box(&answer), false).unwrap();
                finish::<DescribeInstancesInput>(decoded, &answer)
            })
        });
    }

    // JD Cloud REST, VM DescribeInstances (GET), JDCLOUD3-HMAC-SHA256.
    {
        use yun_jdcloud_vm::operation::{DescribeInstancesInput, DescribeInstancesOutput};
        let config = yun_jdcloud_vm::Config::builder().region("cn-north-1").credentials(Credentials::new(AK, SK)).build().unwrap();
        let client = yun_runtime::jdcloud::RestClient::new(&yun_jdcloud_vm::SERVICE, config);
        let keys = Credentials::new(AK, SK);
        let input = DescribeInstancesInput::builder().region_id("cn-north-1").page_number(1).page_size(10).build().unwrap();
        let answer = response(JDCLOUD_BODY);
        assert_eq!(yun_runtime::jdcloud::response::decode::<DescribeInstancesOutput>(&answer).unwrap().instances.map(|i| i.len()), Some(1));
        group.bench_function("jdcloud VM DescribeInstances (JDCLOUD3)", |b| {
            b.iter(|| {
                let encoded = Encoded::new(black_box(&input));
                black_box(client.signed_request(&keys, &encoded));
                let decoded = yun_runtime::jdcloud::response::decode_answer::<DescribeInstancesOutput>(black_box(&answer), false).unwrap();
                finish::<DescribeInstancesInput>(decoded, &answer)
            })
        });
    }

    // Inspur REST, ECS ListServers (GET), bearer token (the identity `send::call` resolves
    // before each attempt, given here).
    {
        use yun_inspur_ecs::operation::{ListServersInput, ListServersOutput};
        let config = yun_inspur_ecs::Config::builder().region("cn-north-3").endpoint("https://console.staging.inspur.com").bearer_token("token-for-benches").build().unwrap();
        let client = yun_runtime::inspur::RestClient::new(&yun_inspur_ecs::SERVICE, config);
        let token = yun_runtime::BearerToken::new("token-for-benches");
        let input = ListServersInput::builder().page_no(1).page_size(10).build().unwrap();
        let answer = response(INSPUR_BODY);
        assert!(yun_runtime::inspur::response::decode::<ListServersOutput>(&answer).is_ok());
        group.bench_function("inspur ECS ListServers (GET, bearer)", |b| {
            b.iter(|| {
                let encoded = Encoded::new(black_box(&input));
                black_box(client.signed_request(&token, &encoded));
                let decoded = yun_runtime::inspur::response::decode_answer::<ListServersOutput>(black_box(&answer), false).unwrap();
                finish::<ListServersInput>(decoded, &answer)
            })
        });
    }
    group.finish();
}

/// The Aliyun call of [`per_call`] in its parts, to say where its time goes: encode + sign
/// alone, the decoder alone, and `serde_json::from_slice` (strict) into the same output type
/// as the floor of any decoder.
fn aliyun_parts(c: &mut Criterion) {
    use yun_aliyun_swas::operation::{ListInstancesInput, ListInstancesOutput};
    let mut group = c.benchmark_group("per call parts: aliyun SWAS ListInstances");
    let config = yun_aliyun_swas::Config::builder().region("cn-hangzhou").credentials(Credentials::new(AK, SK)).build().unwrap();
    let client = yun_runtime::aliyun::RpcClient::new(&yun_aliyun_swas::SERVICE, config);
    let keys = Credentials::new(AK, SK);
    let input = ListInstancesInput::builder().region_id("cn-hangzhou").page_size(10).build().unwrap();
    let answer = response(&swas_body());
    group.bench_function("encode + sign (ACS3)", |b| {
        b.iter(|| {
            let encoded = Encoded::new(black_box(&input));
            client.signed_request(&keys, &encoded.action, &encoded.method, &encoded.query, &encoded.body)
        })
    });
    group.bench_function("decode (yun, lenient)", |b| {
        b.iter(|| finish::<ListInstancesInput>(yun_runtime::aliyun::response_decode_answer::<ListInstancesOutput>(black_box(&answer), false).unwrap(), &answer))
    });
    group.bench_function("decode (serde_json::from_slice, strict)", |b| {
        b.iter(|| serde_json::from_slice::<ListInstancesOutput>(black_box(&answer.body)).unwrap())
    });
    group.finish();
}

/// A minimal HTTP/1.1 keep-alive server on a loopback port, answering every request with
/// `body` as JSON, spawned on `rt` (the client's single-threaded runtime: client and server
/// take turns on one thread, so the figure does not depend on cross-thread wake-ups, which
/// on a loaded 2-core machine made it bimodal). Returns its base URL.
fn loopback_server(rt: &tokio::runtime::Runtime, body: String) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    listener.set_nonblocking(true).unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let answer = format!(
        "HTTP/1.1 200 OK\r\ncontent-type: application/json;charset=utf-8\r\nx-acs-request-id: r\r\ncontent-length: {}\r\n\r\n{body}",
        body.len()
    );
    let _guard = rt.enter();
    let listener = tokio::net::TcpListener::from_std(listener).unwrap();
    rt.spawn(async move {
        loop {
            let (mut socket, _) = listener.accept().await.unwrap();
            let answer = answer.clone();
            tokio::spawn(async move {
                let mut buf = Vec::with_capacity(8192);
                let mut chunk = [0u8; 8192];
                loop {
                    // One request: the head, then content-length bytes of body.
                    let request_len = loop {
                        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
                            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
                            let length = head
                                .lines()
                                .find_map(|l| l.strip_prefix("content-length:").map(|v| v.trim().parse::<usize>().unwrap()))
                                .unwrap_or(0);
                            if buf.len() >= end + 4 + length {
                                break end + 4 + length;
                            }
                        }
                        match socket.read(&mut chunk).await {
                            Ok(0) | Err(_) => return,
                            Ok(n) => buf.extend_from_slice(&chunk[..n]),
                        }
                    };
                    buf.drain(..request_len);
                    if socket.write_all(answer.as_bytes()).await.is_err() {
                        return;
                    }
                }
            });
        }
    });
    url
}

/// The whole SWAS call through yun's client against [`loopback_server`], beside the same
/// POST (its signed headers and form body, prepared once) sent with bare reqwest and its
/// body read. Wall time per call, client and server sharing the machine.
fn loopback(c: &mut Criterion) {
    use yun_aliyun_swas::operation::ListInstancesInput;
    let rt = tokio::runtime::Builder::new_current_thread().enable_all().build().unwrap();
    let url = loopback_server(&rt, swas_body());
    let config = yun_aliyun_swas::Config::builder()
        .region("cn-hangzhou")
        .endpoint(url.clone())
        .credentials(Credentials::new(AK, SK))
        .build()
        .unwrap();
    let client = yun_aliyun_swas::Client::new(config.clone());
    let input = ListInstancesInput::builder().region_id("cn-hangzhou").page_size(10).build().unwrap();
    let out = rt.block_on(client.list_instances(input.clone())).unwrap();
    assert_eq!(out.instances.map(|i| i.len()), Some(1));

    // The same request, signed once by yun, replayed with bare reqwest.
    let raw = yun_runtime::aliyun::RpcClient::new(&yun_aliyun_swas::SERVICE, config);
    let encoded = Encoded::new(&input);
    let signed = raw.signed_request(&Credentials::new(AK, SK), &encoded.action, &encoded.method, &encoded.query, &encoded.body);
    let bare = reqwest::Client::new();
    let send_bare = || {
        let mut request = bare.post(&signed.url).body(signed.body.clone());
        for (k, v) in &signed.headers {
            if k != "host" {
                request = request.header(k.as_ref(), v.as_str());
            }
        }
        async move { request.send().await.unwrap().bytes().await.unwrap() }
    };
    assert!(rt.block_on(send_bare()).len() > 100);

    let mut group = c.benchmark_group("loopback SWAS ListInstances, one instance");
    group.bench_function("yun client (encode, sign, send, decode)", |b| {
        b.iter(|| rt.block_on(client.list_instances(black_box(input.clone()))).unwrap())
    });
    // Where the difference lies: yun's HTTP layer alone (its pooled reqwest client, attempt
    // timeout, body read) sending the same signed request, no retry loop, span or decoding.
    let http = client.config().http().clone();
    group.bench_function("yun HttpClient::send alone (same signed request)", |b| {
        b.iter(|| rt.block_on(http.send(black_box(signed.clone()))).unwrap())
    });
    group.bench_function("bare reqwest (same POST, body read)", |b| b.iter(|| rt.block_on(send_bare())));
    group.finish();
}

criterion_group!(benches, per_call, aliyun_parts, loopback);
criterion_main!(benches);
