//! What the benchmarks and the instruction-count examples share: the credentials, the
//! 22-parameter query the signers sign, the answers the per-call and decoding benchmarks
//! decode, what `send::call` does after an attempt, and the signers' hashing floors.

use yun_runtime::response::decode::Answer;
use yun_runtime::client::http::HttpResponse;
use yun_runtime::Operation;

/// The access key id of every benchmark (AWS's documented example).
pub const AK: &str = "AKIDEXAMPLE";
/// The secret of every benchmark (AWS's documented example).
pub const SK: &str = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

/// A 200 JSON answer with `body`.
pub fn response(body: &str) -> HttpResponse {
    HttpResponse { status: 200, headers: vec![("content-type".into(), "application/json".into())], body: body.as_bytes().to_vec().into() }
}

/// A SWAS `ListInstances` answer with one instance, as the official SDK's models shape it
/// (the first instance of `tests/fixtures/aliyun/swas-responses.json`).
pub fn swas_body() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/aliyun/swas-responses.json");
    let all: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    let mut list = all["ListInstances"].clone();
    list["Instances"].as_array_mut().unwrap().truncate(1);
    list["TotalCount"] = 1.into();
    list.to_string()
}

/// A KEC `DescribeInstances` answer with one instance (the first of a documented sample,
/// `tests/fixtures/ksyun/samples/1499-DescribeInstances.json`).
pub fn kec_body() -> String {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/fixtures/ksyun/samples/1499-DescribeInstances.json");
    let mut page: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap();
    page["InstancesSet"].as_array_mut().unwrap().truncate(1);
    page["InstanceCount"] = 1.into();
    page.to_string()
}

/// A JD VM `DescribeInstances` answer with one instance, in its `result` envelope.
pub const JDCLOUD_BODY: &str = r#"{"requestId":"c4d0e6ac-ed2f-4d56-a5d6-1c4a9f4c1f11","result":{"instances":[{"instanceId":"i-y1k2kvh9nn","instanceName":"web-1","hostname":"web-1","instanceType":"g.n2.medium","vpcId":"vpc-8s3e1kx2","subnetId":"subnet-3f2kq1y9","privateIpAddress":"10.0.0.5","elasticIpId":"fip-1q2w3e","elasticIpAddress":"114.67.1.2","status":"running","description":"","imageId":"img-m5s0t","launchTime":"2026-11-23T03:33:19+08:00","az":"cn-north-1a","keyNames":["key-1"],"charge":{"chargeMode":"postpaid_by_duration","chargeStatus":"normal","chargeStartTime":"2026-11-23T03:33:19Z","chargeExpiredTime":"","chargeRetireTime":""},"tags":[{"key":"env","value":"prod"}]}],"totalCount":1}}"#;

/// An Inspur ECS `ListServers` answer with one server, in its `data` envelope.
pub const INSPUR_BODY: &str = r#"{"code":"200","message":"ECS application ECS module message:OK","data":{"totalCount":1,"servers":[{"regionID":"cn-north-3","availability_zone":"nova","name":"newserver","id":"9168b536-cd40-4630-b43f-b259807c6e87","status":"active","image":{"id":"1189efbf-d48b-46ad-a823-94b942e2a000","name":"centos70X64","systemType":"Linux"},"root_volume":{"volumetype":"SATA","size":50},"data_volumes":[{"volumetype":"SATA","volumeid":"zzz","volumename":"aaa","size":100}],"flavor":{"disk":50,"ephemeral":0,"original_name":"s1.xlarge.2","ram":1,"swap":0,"vcpus":1},"security_groups":[{"name":"sg_aa1"}],"vpcid":"0dae26c9-9a70-4392-93f3-87d53115d171","vpcname":"myvpc","hostId":"12efd5567jklu","nics":[{"subnet_id":"157ee789-03ea-45b1-a698-76c92660dd83","fixed_ip":"10.20.30.137","portid":"xxx"}]}]}}"#;

/// What `send::call` does around one attempt, without the network and the retry loop.
pub fn finish<Op: Operation>(decoded: yun_runtime::response::decode::Decoded<Op::Output>, response: &HttpResponse) -> Op::Output {
    let mut output = decoded.output;
    Op::received(&mut output, Answer::new(decoded.warnings, Some(response.body.clone())));
    output
}

/// `Action`, `Version` and 20 `InstanceId.N`: the query every signer signs in the benchmarks.
pub fn query() -> Vec<(String, String)> {
    let mut q = vec![("Action".to_owned(), "DescribeInstances".to_owned()), ("Version".to_owned(), "2016-03-04".to_owned())];
    for i in 1..=20 {
        q.push((format!("InstanceId.{i}"), format!("5d8a6a1c-3a0f-4f6e-9a55-3c1e2b7d9f{i:02}")));
    }
    q
}

/// A `DescribeInstances` page of 100 ECS instances as JSON (about 50 KB).
pub fn page() -> Vec<u8> {
    let instance = |i: usize| {
        format!(
            r#"{{"InstanceId":"i-bp{i:020}","InstanceName":"web-{i}","Status":"Running","InstanceType":"ecs.g6.large","Cpu":2,"Memory":8192,"RegionId":"cn-hangzhou","ZoneId":"cn-hangzhou-h","CreationTime":"2026-11-23T03:33Z","Tags":{{"Tag":[{{"TagKey":"env","TagValue":"prod"}}]}},"VpcAttributes":{{"VpcId":"vpc-1","VSwitchId":"vsw-1","PrivateIpAddress":{{"IpAddress":["10.0.0.{}"]}}}}}}"#,
            i % 250
        )
    };
    let instances: Vec<String> = (0..100).map(instance).collect();
    format!(r#"{{"RequestId":"r","TotalCount":1000,"PageNumber":1,"PageSize":100,"Instances":{{"Instance":[{}]}}}}"#, instances.join(","))
        .into_bytes()
}

/// The hashing floor of each signature: the SHA-256 of the payload and of the very canonical
/// request the signer builds (taken from one signing, outside the timing), then the signer's
/// HMAC chain from the secret (no cached key) over its string to sign, hex-encoded as the
/// signature is. Everything else a signer does (canonicalising, formatting headers) is
/// what it adds above this floor.
pub mod floor {
    use hmac::{Hmac, Mac};
    use sha2::{Digest, Sha256};

    /// HMAC-SHA256 of `data` under `key`.
    pub fn hmac256(key: &[u8], data: &[u8]) -> [u8; 32] {
        let mut mac = Hmac::<Sha256>::new_from_slice(key).unwrap();
        mac.update(data);
        mac.finalize().into_bytes().into()
    }

    /// SHA-256 of the payload and of the canonical request (both hex, as the signers write
    /// them), then `chain` HMACs: the derived-key steps, then the signature.
    pub fn sha256_chain(payload: &[u8], canonical_request: &str, key: &[u8], scope: &[&str], string_to_sign: &str) -> String {
        let payload_hash = hex::encode(Sha256::digest(payload));
        let request_hash = hex::encode(Sha256::digest(canonical_request.as_bytes()));
        std::hint::black_box((payload_hash, request_hash));
        let mut k = hmac256(key, scope[0].as_bytes());
        for part in &scope[1..] {
            k = hmac256(&k, part.as_bytes());
        }
        hex::encode(hmac256(&k, string_to_sign.as_bytes()))
    }

    /// HMAC-SHA1 of the string to sign under `key` (Aliyun RPC 1.0).
    pub fn sha1_hmac(key: &[u8], string_to_sign: &str) -> Vec<u8> {
        let mut mac = Hmac::<sha1::Sha1>::new_from_slice(key).unwrap();
        mac.update(string_to_sign.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
}

