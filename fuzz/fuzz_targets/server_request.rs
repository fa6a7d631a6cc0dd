//! Any bytes as a request to the server codecs of each protocol (issue 18, "Bad input"): the
//! dispatcher decodes it or rejects it, and a rejection is answered in the protocol's error
//! envelope; nothing may panic. The first byte picks the method (low two bits: GET, POST, PUT,
//! DELETE) and the content type (bit 2: form, else JSON); the rest is `target\nbody`, the
//! target a path and query (malformed escapes, unknown actions and paths welcome).
#![no_main]

use libfuzzer_sys::fuzz_target;
use yun_runtime::server::{Dispatch, Request, ServerProtocol};

fn serve<D: Dispatch>(request: &Request) {
    if let Err(rejection) = D::decode(request) {
        let answer = D::Protocol::reject(&rejection, "fuzz");
        assert!(answer.status >= 400, "a rejection answered {}", answer.status);
    }
}

fuzz_target!(|data: &[u8]| {
    let Some((&first, rest)) = data.split_first() else { return };
    let method = ["GET", "POST", "PUT", "DELETE"][usize::from(first & 3)];
    let content_type = if first & 4 == 0 { "application/x-www-form-urlencoded" } else { "application/json" };
    let text = String::from_utf8_lossy(rest);
    let (target, body) = text.split_once('\n').unwrap_or((&text, ""));
    let request = Request::new(method, target, vec![("content-type".to_owned(), content_type.to_owned())], body.as_bytes().to_vec());
    serve::<yun_aliyun_swas::server::OperationInput>(&request);
    serve::<yun_ksyun_kec::server::OperationInput>(&request);
    serve::<yun_jdcloud_vm::server::OperationInput>(&request);
    serve::<yun_inspur_ecs::server::OperationInput>(&request);
});
