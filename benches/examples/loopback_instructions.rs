//! The `per_call` benchmark's loopback group for counting instructions (`valgrind
//! --tool=callgrind`, which the load of a shared machine does not move; system calls are not
//! counted): `N` SWAS `ListInstances` calls against a keep-alive HTTP/1.1 server on the same
//! single-threaded tokio runtime, `cargo build --release --example loopback_instructions`, then
//! `valgrind --tool=callgrind target/release/examples/loopback_instructions <which> [N]` with
//! `<which>` one of `client` (the whole call through the generated client: encode, sign, the
//! transport with its per-host cap, decode), `http` (`HttpClient::send` alone with the same
//! signed request), `bare` (the same POST with bare reqwest). The cost of one call is the
//! difference between two values of `N` divided by their difference (start-up cancels out).

use std::hint::black_box;

use yun_benches::{swas_body, AK, SK};
use yun_runtime::client::send::Encoded;
use yun_runtime::Credentials;

/// A keep-alive server answering every request with `body` as JSON (as `per_call.rs`'s).
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

fn main() {
    use yun_aliyun_swas::operation::ListInstancesInput;
    let mut args = std::env::args().skip(1);
    let which = args.next().unwrap_or_default();
    let n: usize = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
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
    let raw = yun_runtime::aliyun::RpcClient::new(&yun_aliyun_swas::SERVICE, config);
    let encoded = Encoded::new(&input);
    let signed = raw.signed_request(&Credentials::new(AK, SK), &encoded.action, &encoded.method, &encoded.query, &encoded.body);
    let http = client.config().http().clone();
    let bare = reqwest::Client::new();
    let mut total = 0usize;
    for _ in 0..n {
        total += match which.as_str() {
            "client" => rt.block_on(client.list_instances(black_box(input.clone()))).unwrap().instances.map_or(0, |i| i.len()),
            "http" => rt.block_on(http.send(black_box(signed.clone()))).unwrap().body.len(),
            "bare" => rt.block_on(async {
                let mut request = bare.post(&signed.url).body(signed.body.clone());
                for (k, v) in &signed.headers {
                    if k != "host" {
                        request = request.header(k.as_ref(), v.as_str());
                    }
                }
                request.send().await.unwrap().bytes().await.unwrap().len()
            }),
            other => panic!("unknown `{other}`: client, http or bare"),
        };
    }
    println!("{which}: {n} calls, {total}");
}
