//! Any bytes as a JD Cloud REST response (`{requestId, result, error}`; any status, with or
//! without the request-id header): decoding must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yun_runtime::client::http::HttpResponse;

/// Statuses the first byte picks from (its low three bits); bit 3 adds the request-id header.
const STATUSES: [u16; 8] = [200, 400, 429, 500, 503, 204, 404, 502];

fuzz_target!(|data: &[u8]| {
    let (status, headers, body) = match data.split_first() {
        Some((s, rest)) => {
            let headers = if s & 8 == 0 { vec![] } else { vec![("x-jdcloud-request-id".to_owned(), "r-header".to_owned())] };
            (STATUSES[usize::from(s & 7)], headers, rest)
        }
        None => (200, vec![], data),
    };
    let response = HttpResponse { status, headers, body: bytes::Bytes::copy_from_slice(body) };
    let _ = yun_runtime::jdcloud::response::decode::<yun_jdcloud_vm::operation::DescribeInstancesOutput>(&response);
});
