//! Decoding a page of 100 ECS instances into the generated output: yun's lenient decoder (which
//! accepts numbers sent as strings, the one policy of every provider), straight from the bytes
//! as the Aliyun decoder runs it and over a `serde_json::Value` as the tree-first providers run
//! it, beside plain `serde_json::from_slice` into the same type.

use criterion::{criterion_group, criterion_main, Criterion};
use yun_aliyun_ecs::operation::DescribeInstancesOutput;
use yun_benches::page;
use yun_runtime::client::http::HttpResponse;

fn decode_side_by_side(c: &mut Criterion) {
    let body = page();
    let response = HttpResponse { status: 200, headers: vec![], body: body.clone().into() };
    let mut group = c.benchmark_group("DescribeInstances, 100 instances");
    group.bench_function("yun aliyun decoder (lenient, from the bytes)", |b| {
        b.iter(|| yun_runtime::aliyun::response_decode::<DescribeInstancesOutput>(&response).unwrap())
    });
    // The same page through each provider's decoder (its envelope around it where it has one).
    let page = String::from_utf8(body.clone()).unwrap();
    let ksyun = response.clone();
    let jdcloud = HttpResponse { status: 200, headers: vec![], body: format!(r#"{{"requestId":"r","result":{page}}}"#).into_bytes().into() };
    let inspur = HttpResponse { status: 200, headers: vec![], body: format!(r#"{{"code":"200","message":"OK","data":{page}}}"#).into_bytes().into() };
    group.bench_function("yun ksyun decoder (JSON)", |b| {
        b.iter(|| yun_runtime::ksyun::response::decode::<DescribeInstancesOutput>(&ksyun).unwrap())
    });
    group.bench_function("yun jdcloud decoder (result envelope)", |b| {
        b.iter(|| yun_runtime::jdcloud::response::decode::<DescribeInstancesOutput>(&jdcloud).unwrap())
    });
    group.bench_function("yun inspur decoder (data envelope)", |b| {
        b.iter(|| yun_runtime::inspur::response::decode::<DescribeInstancesOutput>(&inspur).unwrap())
    });
    group.bench_function("serde_json::from_slice", |b| b.iter(|| serde_json::from_slice::<DescribeInstancesOutput>(&body).unwrap()));
    group.bench_function("yun lenient decoder, from the bytes", |b| {
        b.iter(|| yun_runtime::response::decode::from_slice::<DescribeInstancesOutput>(&body).unwrap())
    });
    group.bench_function("yun lenient decoder, via serde_json::Value", |b| {
        b.iter(|| {
            let value: serde_json::Value = serde_json::from_slice(&body).unwrap();
            yun_runtime::response::decode::lenient::<DescribeInstancesOutput>(value).unwrap()
        })
    });
    group.finish();
}

/// The same 100 instances as XML, as ECS answers with `Format=XML` (a repeated `<Instance>`
/// under `<Instances>`, a repeated `<Tag>` and `<IpAddress>`; every value text).
fn page_xml() -> String {
    let instance = |i: usize| {
        format!(
            "<Instance><InstanceId>i-bp{i:020}</InstanceId><InstanceName>web-{i}</InstanceName><Status>Running</Status><InstanceType>ecs.g6.large</InstanceType><Cpu>2</Cpu><Memory>8192</Memory><RegionId>cn-hangzhou</RegionId><ZoneId>cn-hangzhou-h</ZoneId><CreationTime>2026-11-23T03:33Z</CreationTime><Tags><Tag><TagKey>env</TagKey><TagValue>prod</TagValue></Tag></Tags><VpcAttributes><VpcId>vpc-1</VpcId><VSwitchId>vsw-1</VSwitchId><PrivateIpAddress><IpAddress>10.0.0.{}</IpAddress></PrivateIpAddress></VpcAttributes></Instance>",
            i % 250
        )
    };
    let instances: String = (0..100).map(instance).collect();
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?><DescribeInstancesResponse><RequestId>r</RequestId><TotalCount>1000</TotalCount><PageNumber>1</PageNumber><PageSize>100</PageSize><Instances>{instances}</Instances></DescribeInstancesResponse>"#
    )
}

/// XML into the same generated type: yun's decoder (XML to a tree, then the one lenient
/// policy) beside quick-xml's serde deserializer (strict, streaming).
fn decode_xml_side_by_side(c: &mut Criterion) {
    let xml = page_xml();
    let response = HttpResponse {
        status: 200,
        headers: vec![("content-type".into(), "text/xml;charset=UTF-8".into())],
        body: xml.clone().into_bytes().into(),
    };
    let ours = yun_runtime::ksyun::response::decode::<DescribeInstancesOutput>(&response).unwrap();
    let theirs: DescribeInstancesOutput = quick_xml::de::from_str(&xml).unwrap();
    assert_eq!(ours, theirs, "both decoders read the same page");
    assert_eq!(ours.instances.as_ref().and_then(|i| i.instance.as_ref()).map(Vec::len), Some(100));
    let mut group = c.benchmark_group("DescribeInstances as XML, 100 instances");
    group.bench_function("yun ksyun decoder (XML)", |b| {
        b.iter(|| yun_runtime::ksyun::response::decode::<DescribeInstancesOutput>(&response).unwrap())
    });
    group.bench_function("quick_xml::de::from_str", |b| b.iter(|| quick_xml::de::from_str::<DescribeInstancesOutput>(&xml).unwrap()));
    group.finish();
}

criterion_group!(benches, decode_side_by_side, decode_xml_side_by_side);
criterion_main!(benches);
