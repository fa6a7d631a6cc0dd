//! Any bytes as an Inspur Cloud response (`{code, message, data}`; any status): decoding must
//! never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yun_runtime::client::http::HttpResponse;

/// Statuses the first byte picks from (its low three bits).
const STATUSES: [u16; 8] = [200, 201, 400, 401, 429, 500, 503, 502];

fuzz_target!(|data: &[u8]| {
    let (status, body) = match data.split_first() {
        Some((s, rest)) => (STATUSES[usize::from(s & 7)], rest),
        None => (200, data),
    };
    let response = HttpResponse { status, headers: vec![], body: bytes::Bytes::copy_from_slice(body) };
    let _ = yun_runtime::inspur::response::decode::<yun_inspur_ecs::operation::ListServersOutput>(&response);
});
