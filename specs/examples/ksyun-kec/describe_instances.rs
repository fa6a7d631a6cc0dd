//! Lists the KEC instances of a region that are running, and prints their state.
//!
//! ```sh
//! export KSYUN_ACCESS_KEY_ID=… KSYUN_SECRET_ACCESS_KEY=… KSYUN_REGION=cn-beijing-6
//! cargo run -p yun-ksyun-kec --example describe_instances
//! ```
//!
//! The paginator sends `Marker` (0 first, then the `Marker` of each page) until the service
//! answers `Marker` 0, as the document describes DescribeInstances' paging.
//!
//! Against the offline emulator (`cargo run -p yun-emulator`, then the `kec_lifecycle`
//! example or a RunInstances to create some): `KSYUN_ENDPOINT=http://127.0.0.1:18005` and its
//! test keys (`KSYUN_ACCESS_KEY_ID=AKLTServerCodecTest KSYUN_SECRET_ACCESS_KEY=server-codec-test-secret`).

use yun_ksyun_kec::operation::DescribeInstancesInput;
use yun_ksyun_kec::types::Filter;
use yun_ksyun_kec::{Client, Config, StreamExt};

/// Lists the running (`active`) instances, `page_size` a page (`MaxResults`, 5 to 1000),
/// printing one line per instance: id, name, state. Returns the lines printed.
pub async fn run(client: &Client, page_size: i32) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let running = Filter::default().name("instance-state.name").value(vec!["active".into()]);
    let input = DescribeInstancesInput::builder().filter(vec![running]).max_results(page_size).build()?;
    let mut instances = std::pin::pin!(client.describe_instances_paginator(input).items());
    let mut lines = Vec::new();
    while let Some(instance) = instances.next().await {
        let instance = instance?;
        let state = instance.instance_state.as_ref().and_then(|s| s.name.as_ref());
        let line = format!(
            "{:<38} {:<32} {}",
            instance.instance_id.as_deref().unwrap_or("-"),
            instance.instance_name.as_deref().unwrap_or("-"),
            state.map_or("-", |s| s.as_str()),
        );
        println!("{line}");
        lines.push(line);
    }
    Ok(lines)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    run(&Client::new(Config::from_env()?), 100).await.map(drop)
}
