//! Aliyun RPC, server side: answers are the output's JSON object with its `RequestId` (added
//! when the output has none) and the `x-acs-request-id` header; errors are
//! `{"RequestId", "HostId", "Code", "Message"}`, as [`crate::aliyun`]'s decoder reads them.
//!
//! The codes, statuses and messages are Alibaba Cloud's gateway's (PopGw), each proved
//! against what the official SDKs assert or what the services answered them (see
//! [`status_and_code`] for the source of each). Each message starts with the service's own
//! sentence (naming the parameter where the service names it), then says what yun found wrong.

use super::{json_response, Rejection, RejectionKind, ServerProtocol};
use crate::aliyun::{Config, RpcClient, ServiceInfo, SignatureVersion};
use crate::client::http::HttpResponse;
use crate::Credentials;

/// The response header of the request id.
pub const REQUEST_ID_HEADER: &str = "x-acs-request-id";

/// The access key id round-trip clients sign with.
pub const TEST_ACCESS_KEY_ID: &str = "LTAI5tServerCodecTest";
/// Its secret (a test value: it opens nothing).
pub const TEST_ACCESS_KEY_SECRET: &str = "server-codec-test-secret";

/// The Aliyun RPC protocol's server side.
#[derive(Debug, Clone, Copy)]
pub struct Aliyun;

/// The status and code of a rejection, as Alibaba Cloud's gateway answers them:
///
/// | rejection | status, code | evidence |
/// |---|---|---|
/// | a required member missing | 400 `MissingParameter` | the code and message in `alibaba-cloud-sdk-go` `integration/core_test.go:97` (ECS `AddTags` without `ResourceType`); `HTTP Status: 400 Error:MissingParameter` answered to `aliyun-python-sdk-core` (aliyun/aliyun-openapi-python-sdk#124, and 400 in qjpcpu/aliyun-api#6) |
/// | a value that does not parse, a body not what the operation takes | 400 `InvalidParameter` | the code and message `The specified parameter "SystemDisk.Size" is not valid.` answered by ECS to `alibaba-cloud-sdk-go` (aliyun/alibaba-cloud-sdk-go#405, kubernetes-sigs/alibaba-cloud-csi-driver#767); the code asserted by `alibabacloud-python-sdk-v2` `tests/test_ecs_resource.py:239` (a page size ECS refuses); status 400 with it from VOD (Qsnh/meedu#299) |
/// | an unknown action | 404 `InvalidAction.NotFound` | the code asserted for an unknown action by `aliyun-openapi-java-sdk` `DefaultAcsClientTest` (`getAcsResponse_RPC_V2_Bad_Sign_Test`); its message `Specified api is not found, please check your url and method` answered with `HTTP Status: 404` to `aliyun-python-sdk-core` (aliyun/aliyun-openapi-python-sdk#129, its `InvalidApi.NotFound` sibling) |
/// | a signature that does not verify | 400 `SignatureDoesNotMatch` | `aliyun-python-sdk-core` 2.16.0 `client.py:478` reads `SignatureDoesNotMatch` at `codes.BAD_REQUEST`, and its message's text after the first `:` (present: the gateway's message has one); the Go SDK's `sdk/errors/server_error_test.go:56` builds it with 400 |
/// | a signed nonce used already (a replay) | 400 `SignatureNonceUsed` | `SDK.ServerError 400 Bad Request {"Message":"Specified signature nonce was used already.", …, "Code":"SignatureNonceUsed"}` answered by VPC, SLB and RDS to `alibaba-cloud-sdk-go` (aliyun/alibaba-cloud-sdk-go#39) |
/// | a validly signed security token that is not the key's | 400 `InvalidSecurityToken.MismatchWithAccessKey` | `\|400\|InvalidSecurityToken.MismatchWithAccessKey\|Specified SecurityToken mismatch with the AccessKey.\|` in the common errors table of Alibaba Cloud's FaaS API documentation (among the gateway's authentication errors, with `InvalidAccessKeyId.NotFound` 404 as above and `InvalidSecurityToken.Expired` 400); the code is among those public Alibaba Cloud clients treat as a token error (with `.Expired`, `.Malformed`, `MissingSecurityToken`) |
/// | a key with a security token, and the request sends none | 400 `MissingSecurityToken` | `Status Code: 400 Code: MissingSecurityToken Message: SecurityToken is mandatory for this action.` answered to `aliyungo` (denverdino/aliyungo#204, STS credentials used without their token) |
/// | a key id the server does not know | 404 `InvalidAccessKeyId.NotFound` | `HTTP Status: 404 Error:InvalidAccessKeyId.NotFound Specified access key is not found.` answered to `aliyun-python-sdk-core` (XWJR-Ops/zabbix-RDS-monitor#9, aylei/aliyun-exporter#36; `Status Code: 404` in honwen/aliyun-ddns-cli#24); the code handled by `aliyun-python-sdk-core` `rsa_key_pair_signer.py:73` and asserted by `aliyun-openapi-java-sdk` `NewEndpointTest.testInvalidAccessKeyId` |
pub fn status_and_code(kind: RejectionKind) -> (u16, &'static str) {
    match kind {
        RejectionKind::MissingParameter => (400, "MissingParameter"),
        RejectionKind::InvalidParameter | RejectionKind::InvalidBody => (400, "InvalidParameter"),
        RejectionKind::UnknownOperation => (404, "InvalidAction.NotFound"),
        RejectionKind::Signature => (400, "SignatureDoesNotMatch"),
        RejectionKind::UnknownAccessKey => (404, "InvalidAccessKeyId.NotFound"),
        RejectionKind::NonceReused => (400, "SignatureNonceUsed"),
        RejectionKind::SecurityTokenMismatch => (400, "InvalidSecurityToken.MismatchWithAccessKey"),
        RejectionKind::SecurityTokenMissing => (400, "MissingSecurityToken"),
    }
}

/// The error answer's `Message`: the gateway's sentence for the rejection (the ones the
/// services answered in the sources of [`status_and_code`]), then `yun: ` and what yun found
/// wrong. A colon is there in every case, as in the gateway's `SignatureDoesNotMatch`
/// message, whose text after it `aliyun-python-sdk-core` reads (it fails on a message
/// without one); the text signed itself is never quoted.
pub fn message(rejection: &Rejection) -> String {
    let named = |parameter: &Option<String>| parameter.clone().unwrap_or_else(|| "?".to_owned());
    let sentence = match rejection.kind {
        RejectionKind::MissingParameter => format!(
            "The input parameter \"{}\" that is mandatory for processing this request is not supplied.",
            named(&rejection.parameter)
        ),
        RejectionKind::InvalidParameter => format!("The specified parameter \"{}\" is not valid.", named(&rejection.parameter)),
        RejectionKind::InvalidBody => "The request body is not valid.".to_owned(),
        RejectionKind::UnknownOperation => "Specified api is not found, please check your url and method.".to_owned(),
        RejectionKind::Signature => "Specified signature is not matched with our calculation.".to_owned(),
        RejectionKind::UnknownAccessKey => "Specified access key is not found.".to_owned(),
        RejectionKind::NonceReused => "Specified signature nonce was used already.".to_owned(),
        RejectionKind::SecurityTokenMismatch => "Specified SecurityToken mismatch with the AccessKey.".to_owned(),
        RejectionKind::SecurityTokenMissing => "SecurityToken is mandatory for this action.".to_owned(),
    };
    format!("{sentence} yun: {}", rejection.message)
}

impl ServerProtocol for Aliyun {
    type Client = RpcClient;
    type Service = ServiceInfo;
    const REQUEST_ID_HEADER: &'static str = REQUEST_ID_HEADER;
    const REQUEST_ID_MEMBER: Option<&'static str> = Some(super::RPC_REQUEST_ID_MEMBER);

    /// ACS3 for even variants, RPC 1.0 `HMAC-SHA1` for odd ones (when the service takes both).
    fn test_client(service: &'static ServiceInfo, variant: u64) -> Result<RpcClient, crate::Error> {
        let signature = if variant % 2 == 1 && service.signing.contains(&SignatureVersion::HmacSha1) {
            SignatureVersion::HmacSha1
        } else {
            SignatureVersion::Acs3HmacSha256
        };
        let config = Config::builder().region("cn-hangzhou").credentials(Self::test_key()).signature_version(signature).build()?;
        Ok(RpcClient::new(service, config))
    }

    fn test_key() -> Credentials {
        Credentials::new(TEST_ACCESS_KEY_ID, TEST_ACCESS_KEY_SECRET)
    }

    fn reject(rejection: &Rejection, request_id: &str) -> HttpResponse {
        let (status, code) = status_and_code(rejection.kind);
        let body = serde_json::json!({
            "RequestId": request_id,
            "HostId": "yun-server",
            "Code": code,
            "Message": message(rejection),
        });
        json_response(status, REQUEST_ID_HEADER, request_id, &body)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_the_gateways_codes_statuses_and_sentences() {
        let answer = |rejection: Rejection| {
            let response = Aliyun::reject(&rejection, "r-1");
            let body: serde_json::Value = serde_json::from_slice(&response.body).unwrap();
            (response.status, body["Code"].as_str().unwrap_or_default().to_owned(), body["Message"].as_str().unwrap_or_default().to_owned())
        };
        let (status, code, text) = answer(Rejection::missing("InstanceId"));
        assert_eq!((status, code.as_str()), (400, "MissingParameter"));
        assert!(
            text.starts_with("The input parameter \"InstanceId\" that is mandatory for processing this request is not supplied."),
            "{text}"
        );
        let (status, code, text) = answer(Rejection::invalid("PageSize", "`PageSize`: not an integer"));
        assert_eq!((status, code.as_str()), (400, "InvalidParameter"));
        assert!(text.starts_with("The specified parameter \"PageSize\" is not valid. yun: "), "{text}");
        let (status, code, text) = answer(Rejection::new(RejectionKind::UnknownAccessKey, "no such key"));
        assert_eq!((status, code.as_str()), (404, "InvalidAccessKeyId.NotFound"));
        assert!(text.starts_with("Specified access key is not found. yun: "), "{text}");
        let (status, code, text) = answer(Rejection::new(RejectionKind::NonceReused, "seen"));
        assert_eq!((status, code.as_str()), (400, "SignatureNonceUsed"));
        assert!(text.starts_with("Specified signature nonce was used already. yun: "), "{text}");
        let (status, code, text) = answer(Rejection::new(RejectionKind::SecurityTokenMismatch, "another token"));
        assert_eq!((status, code.as_str()), (400, "InvalidSecurityToken.MismatchWithAccessKey"));
        assert!(text.starts_with("Specified SecurityToken mismatch with the AccessKey. yun: "), "{text}");
        let (status, code, _) = answer(Rejection::new(RejectionKind::SecurityTokenMissing, "none"));
        assert_eq!((status, code.as_str()), (400, "MissingSecurityToken"));
        let (status, code, _) = answer(Rejection::unknown_operation("Nope"));
        assert_eq!((status, code.as_str()), (404, "InvalidAction.NotFound"));
        let (status, code, text) = answer(Rejection::new(RejectionKind::Signature, "another key"));
        assert_eq!((status, code.as_str()), (400, "SignatureDoesNotMatch"));
        // `aliyun-python-sdk-core` reads the text after the message's first colon.
        assert!(text.split(':').nth(1).is_some(), "{text}");
    }
}
