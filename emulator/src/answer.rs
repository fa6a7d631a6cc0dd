//! Errors in each provider's envelope, with codes and statuses the emulator chooses (a
//! refusal of the state model, a fault), next to the runtime's own rejections.

use yun_runtime::client::http::HttpResponse;

use crate::state::Refused;
use crate::Provider;

/// The header naming the request id, per provider.
pub fn request_id_header(provider: Provider) -> &'static str {
    match provider {
        Provider::Aliyun => yun_runtime::server::aliyun::REQUEST_ID_HEADER,
        Provider::Ksyun => yun_runtime::server::ksyun::REQUEST_ID_HEADER,
        Provider::Jdcloud => yun_runtime::server::jdcloud::REQUEST_ID_HEADER,
        Provider::Inspur => yun_runtime::server::inspur::REQUEST_ID_HEADER,
    }
}

/// The provider's parameter error for member `wire`.
pub fn parameter_error(provider: Provider, wire: &str, what: &str) -> Refused {
    let message = format!("the parameter `{wire}` {what}");
    match provider {
        Provider::Aliyun => Refused { status: 400, code: "InvalidParameter".into(), message },
        Provider::Ksyun => Refused { status: 400, code: "InvalidParameterValue".into(), message },
        Provider::Jdcloud => Refused { status: 400, code: "INVALID_ARGUMENT".into(), message },
        Provider::Inspur => Refused { status: 400, code: "400".into(), message },
    }
}

/// The provider's error for a call in a state that does not take it, when the spec names no
/// code: Aliyun's `IncorrectInstanceStatus` (403), Kingsoft's `InvalidInstanceState` (400),
/// JD Cloud's `FAILED_PRECONDITION` (400), Inspur's 400. Only the actions listed in the test
/// `every_state_refusal_answers_an_error_its_service_declares` (`lib.rs`) still get it (SWAS
/// StartInstances and StopInstances, KEC StopInstances): a new action refusing a state
/// must name one of its spec's errors (`error`).
pub fn state_error(provider: Provider, message: String) -> Refused {
    match provider {
        Provider::Aliyun => Refused { status: 403, code: "IncorrectInstanceStatus".into(), message },
        Provider::Ksyun => Refused { status: 400, code: "InvalidInstanceState".into(), message },
        Provider::Jdcloud => Refused { status: 400, code: "FAILED_PRECONDITION".into(), message },
        Provider::Inspur => Refused { status: 400, code: "400".into(), message },
    }
}

/// JD Cloud's status name for an HTTP status (its common error codes).
fn jd_status(status: u16) -> &'static str {
    match status {
        400 => "INVALID_ARGUMENT",
        401 => "UNAUTHENTICATED",
        403 => "PERMISSION_DENIED",
        404 => "NOT_FOUND",
        409 => "ALREADY_EXISTS",
        429 => "RESOURCE_EXHAUSTED",
        503 => "UNAVAILABLE",
        _ => "INTERNAL",
    }
}

/// `refused` in the provider's error envelope.
pub fn error(provider: Provider, refused: &Refused, request_id: &str) -> HttpResponse {
    let body = match provider {
        Provider::Aliyun => serde_json::json!({
            "RequestId": request_id, "HostId": "yun-emulator", "Code": refused.code, "Message": refused.message,
        }),
        Provider::Ksyun => serde_json::json!({
            "RequestId": request_id,
            "Error": {"Type": if refused.status >= 500 { "Receiver" } else { "Sender" }, "Code": refused.code, "Message": refused.message},
        }),
        Provider::Jdcloud => {
            let status = if refused.code.chars().all(|c| c.is_ascii_uppercase() || c == '_') {
                refused.code.clone()
            } else {
                jd_status(refused.status).to_owned()
            };
            serde_json::json!({"requestId": request_id, "error": {"code": refused.status, "status": status, "message": refused.message}})
        }
        // The code as the spec writes it (`101.001012`), a number when it is one (`400`).
        Provider::Inspur => {
            let code =
                refused.code.parse::<u64>().map_or_else(|_| serde_json::Value::String(refused.code.clone()), serde_json::Value::from);
            serde_json::json!({"code": code, "message": refused.message, "data": null})
        }
    };
    HttpResponse {
        status: refused.status,
        headers: vec![
            ("content-type".to_owned(), "application/json;charset=utf-8".to_owned()),
            (request_id_header(provider).to_owned(), request_id.to_owned()),
        ],
        body: bytes::Bytes::from(serde_json::to_vec(&body).unwrap_or_default()),
    }
}

/// A throttling answer: Aliyun `Throttling.User` (400, `x-acs-retry-after` in milliseconds),
/// Kingsoft `RequestLimitExceeded` (400), JD Cloud `RESOURCE_EXHAUSTED` (429), Inspur 429;
/// each with `Retry-After` in seconds (rounded up).
pub fn throttled(provider: Provider, wait_ms: u64, request_id: &str) -> HttpResponse {
    let message = "the request was throttled by the emulator's fault injection".to_owned();
    let refused = match provider {
        Provider::Aliyun => Refused { status: 400, code: "Throttling.User".into(), message },
        Provider::Ksyun => Refused { status: 400, code: "RequestLimitExceeded".into(), message },
        Provider::Jdcloud => Refused { status: 429, code: "RESOURCE_EXHAUSTED".into(), message },
        Provider::Inspur => Refused { status: 429, code: "429".into(), message },
    };
    let mut answer = error(provider, &refused, request_id);
    answer.headers.push(("retry-after".to_owned(), wait_ms.div_ceil(1000).to_string()));
    if provider == Provider::Aliyun {
        answer.headers.push(("x-acs-retry-after".to_owned(), wait_ms.to_string()));
    }
    answer
}
