//! The generator's time per megabyte of spec: `load` (serde_yaml into the model, with the
//! loader's checks), `validate` (load + validate, what `cargo xtask validate` does per file)
//! and `gen` (load, validate, resolve, emit and format: `cargo xtask gen` without writing),
//! beside the peer `serde_yaml::from_str::<serde_yaml::Value>` of the same text (parsing
//! alone), for the largest real specs and a synthetic valid spec of about 2 MB. Throughput
//! is in bytes of spec text, so criterion prints MiB/s.

use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// A valid aliyun-rpc spec of about `target` bytes: enums, structures holding each other
/// through lists (and one cycle), operations with constrained inputs and nested outputs.
fn synthetic(target: usize) -> String {
    let mut s = String::from(
        "service:\n  provider: aliyun\n  name: synth\n  title: Synthetic\n  crate: synthetic\n  api_version: \"2020-01-01\"\n  protocol: aliyun-rpc\n  signing: [acs3-hmac-sha256]\n  endpoint: \"synth.{region}.aliyuncs.com\"\n  docs: A large synthetic spec for the benchmark.\n  sources:\n    document: none.txt\n\nshapes:\n",
    );
    let shapes = target / 6000 + 1;
    for i in 0..shapes {
        s.push_str(&format!(
            "  Status{i}:\n    type: enum\n    docs: 状态 {i}\n    values:\n      Running: 运行中\n      Stopped: 已停止\n      Pending{i}: 创建中\n  Thing{i}:\n    type: structure\n    docs: 一个东西 {i}，带着标签和子项。\n    members:\n      Id: {{type: string, docs: 标识}}\n      Name: {{type: string, length: {{min: 1, max: 128}}, docs: 名称}}\n      Count: {{type: integer, range: {{min: 0, max: 1000}}}}\n      Size: {{type: long}}\n      Ratio: {{type: double}}\n      Enabled: {{type: boolean}}\n      Status: {{type: Status{i}}}\n      Labels: {{type: \"map<string,string>\"}}\n      Tags: {{type: list<string>, max_items: 20}}\n      Children: {{type: list<Thing{}>}}\n",
            (i + 1) % shapes
        ));
    }
    s.push_str("\noperations:\n");
    let mut i = 0;
    while s.len() < target {
        let t = i % shapes;
        s.push_str(&format!(
            "  DescribeThings{i}:\n    docs: 查询东西 {i} 的列表，按页返回。\n    source: {{doc: none.txt, line: {line}}}\n    http: {{method: POST, path: /}}\n    input:\n      RegionId: {{type: string, required: true, docs: 地域}}\n      ThingIds: {{type: list<string>, encoding: json, max_items: 100}}\n      Name: {{type: string, length: {{max: 64}}}}\n      Status: {{type: Status{t}}}\n      PageNumber: {{type: integer, range: {{min: 1}}, default: 1}}\n      PageSize: {{type: integer, range: {{min: 1, max: 100}}, default: 10}}\n      Filter: {{type: list<Thing{t}>}}\n      ClientToken: {{type: string, idempotency_token: true}}\n      Password: {{type: string, sensitive: true}}\n    output:\n      RequestId: {{type: string}}\n      TotalCount: {{type: integer}}\n      PageNumber: {{type: integer}}\n      Things: {{type: list<Thing{t}>}}\n    paginator: {{kind: page-number, input: PageNumber, page_size: PageSize, items: Things, total: TotalCount}}\n",
            line = i + 1
        ));
        i += 1;
    }
    s
}

fn load(text: &str) -> yun_codegen::load::LoadedSpec {
    yun_codegen::load::load_str(Path::new("bench.yaml"), text.to_owned()).expect("the spec loads")
}

fn validate(text: &str) {
    let loaded = load(text);
    yun_codegen::validate::validate(&loaded).expect("the spec validates");
}

fn gen(text: &str) -> usize {
    let loaded = load(text);
    yun_codegen::validate::validate(&loaded).expect("the spec validates");
    let service = yun_codegen::ir::resolve(&loaded);
    let files = yun_codegen::emit::emit(&service, "bench.yaml").expect("the spec emits");
    files.iter().map(|f| f.contents.len()).sum()
}

fn per_megabyte(c: &mut Criterion) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut inputs: Vec<(String, String)> = ["aliyun-ecs", "ksyun-kec", "jdcloud-vm"]
        .iter()
        .map(|name| {
            let text = std::fs::read_to_string(root.join("specs").join(format!("{name}.yaml"))).expect("a real spec");
            (format!("{name} ({} KB)", text.len() / 1000), text)
        })
        .collect();
    // YUN_BENCH_SYNTHETIC_KB sets the synthetic spec's size (default 2,000 KB), to see how
    // the time grows with it.
    let kb: usize = std::env::var("YUN_BENCH_SYNTHETIC_KB").ok().and_then(|k| k.parse().ok()).unwrap_or(2000);
    let big = synthetic(kb * 1000);
    inputs.push((format!("synthetic ({} KB)", big.len() / 1000), big));
    for (name, text) in &inputs {
        // Fail before measuring if a step refuses the input.
        gen(text);
        let mut group = c.benchmark_group(format!("codegen {name}"));
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.sample_size(10);
        group.bench_with_input(BenchmarkId::new("serde_yaml::Value (peer)", ""), text, |b, t| {
            b.iter(|| serde_yaml::from_str::<serde_yaml::Value>(t).expect("YAML"))
        });
        group.bench_with_input(BenchmarkId::new("load", ""), text, |b, t| b.iter(|| load(t)));
        group.bench_with_input(BenchmarkId::new("validate", ""), text, |b, t| b.iter(|| validate(t)));
        group.bench_with_input(BenchmarkId::new("gen", ""), text, |b, t| b.iter(|| gen(t)));
        group.finish();
    }
}

criterion_group!(benches, per_megabyte);
criterion_main!(benches);
