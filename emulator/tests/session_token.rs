//! A key configured with a security (session) token accepts a request only with that token:
//! a validly signed request with another token, or none, is refused with the provider's code
//! (Aliyun `InvalidSecurityToken.MismatchWithAccessKey` and `MissingSecurityToken`, Kingsoft
//! `InvalidClientTokenId`, JD Cloud `ACCESS_ERROR`), through the generated clients.

use yun_emulator::{Config, Provider};
use yun_runtime::Credentials;

const KEY_ID: &str = "STS.yunSessionTest";
const SECRET: &str = "session-test-secret";
const TOKEN: &str = "session-token-1";

fn key(token: Option<&str>) -> Credentials {
    let key = Credentials::new(KEY_ID, SECRET);
    match token {
        Some(token) => key.with_security_token(token),
        None => key,
    }
}

/// The service code a call was refused with (`None`: answered).
fn code<T>(answer: Result<T, yun_runtime::Error>) -> Option<String> {
    answer.err().map(|e| e.service_code().unwrap_or("not a service error").to_owned())
}

async fn emulator() -> yun_emulator::Emulator {
    let config = Config::default()
        .key(Provider::Aliyun, key(Some(TOKEN)))
        .key(Provider::Ksyun, key(Some(TOKEN)))
        .key(Provider::Jdcloud, key(Some(TOKEN)));
    yun_emulator::spawn_with(config).await.unwrap()
}

/// The service code of an ECS `DescribeRegions` signed with `signature` and `token`
/// (`None`: answered).
async fn ecs(url: &str, signature: yun_aliyun_ecs::SignatureVersion, token: Option<&str>) -> Option<String> {
    let config = yun_aliyun_ecs::Config::builder()
        .region("cn-hangzhou")
        .endpoint(url)
        .credentials(key(token))
        .signature_version(signature)
        .build()
        .unwrap();
    let input = yun_aliyun_ecs::operation::DescribeRegionsInput::builder().build().unwrap();
    code(yun_aliyun_ecs::Client::new(config).describe_regions(input).await)
}

#[tokio::test]
async fn aliyun_refuses_another_token_and_none() {
    let emulator = emulator().await;
    let url = &emulator.endpoints.aliyun_ecs;
    for signature in [yun_aliyun_ecs::SignatureVersion::Acs3HmacSha256, yun_aliyun_ecs::SignatureVersion::HmacSha1] {
        assert_eq!(ecs(url, signature, Some(TOKEN)).await, None, "{signature:?}");
        assert_eq!(
            ecs(url, signature, Some("session-token-2")).await.as_deref(),
            Some("InvalidSecurityToken.MismatchWithAccessKey"),
            "{signature:?}"
        );
        assert_eq!(ecs(url, signature, None).await.as_deref(), Some("MissingSecurityToken"), "{signature:?}");
    }
}

#[tokio::test]
async fn kingsoft_and_jd_refuse_another_token() {
    let emulator = emulator().await;
    for token in [Some(TOKEN), Some("session-token-2"), None] {
        let kec = yun_ksyun_kec::Client::new(
            yun_ksyun_kec::Config::builder()
                .region("cn-beijing-6")
                .endpoint(&emulator.endpoints.ksyun_kec)
                .credentials(key(token))
                .build()
                .unwrap(),
        );
        let answer = kec.describe_instances(yun_ksyun_kec::operation::DescribeInstancesInput::builder().build().unwrap()).await;
        let expected = (token != Some(TOKEN)).then_some("InvalidClientTokenId");
        assert_eq!(code(answer).as_deref(), expected, "KEC, token {token:?}");

        let vm = yun_jdcloud_vm::Client::new(
            yun_jdcloud_vm::Config::builder()
                .region("cn-north-1")
                .endpoint(&emulator.endpoints.jdcloud_vm)
                .credentials(key(token))
                .build()
                .unwrap(),
        );
        let input = yun_jdcloud_vm::operation::DescribeInstancesInput::builder().region_id("cn-north-1").build().unwrap();
        let expected = (token != Some(TOKEN)).then_some("ACCESS_ERROR");
        assert_eq!(code(vm.describe_instances(input).await).as_deref(), expected, "JD, token {token:?}");
    }
}
