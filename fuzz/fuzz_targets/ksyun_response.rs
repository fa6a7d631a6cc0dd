//! Any bytes as a Kingsoft Cloud response, as JSON or as XML: decoding must never panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yun_runtime::client::http::HttpResponse;

fuzz_target!(|data: &[u8]| {
    let xml = data.first().is_some_and(|b| b % 2 == 0);
    let headers = if xml { vec![("content-type".to_owned(), "text/xml".to_owned())] } else { vec![] };
    let response = HttpResponse { status: 200, headers, body: bytes::Bytes::copy_from_slice(data) };
    let _ = yun_runtime::ksyun::response::decode::<yun_ksyun_kec::operation::DescribeInstancesOutput>(&response);
    if let Ok(text) = std::str::from_utf8(data) {
        let _ = yun_runtime::response::xml::to_value(text);
    }
});
