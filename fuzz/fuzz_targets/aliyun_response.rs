//! Any bytes as an Aliyun RPC response (any status): decoding must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yun_runtime::client::http::HttpResponse;

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((s, rest)) => (200 + u16::from(*s % 4) * 100, rest),
        None => (200, data),
    };
    let response = HttpResponse { status, headers: vec![], body: bytes::Bytes::copy_from_slice(body) };
    let _ = yun_runtime::aliyun::response_decode::<yun_aliyun_swas::operation::ListInstancesOutput>(&response);
});
