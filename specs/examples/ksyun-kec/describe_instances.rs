//! Lists the KEC instances of a region that are running, and prints their state.
//!
//! ```sh
//! export KSYUN_ACCESS_KEY_ID=… KSYUN_SECRET_ACCESS_KEY=… KSYUN_REGION=cn-beijing-6
//! cargo run -p yun-ksyun-kec --example describe_instances
//! ```
//!
//! The paginator sends `Marker` (0 first, then the `Marker` of each page) until the service
//! answers `Marker` 0, as the document describes DescribeInstances' paging.

use yun_ksyun_kec::operation::DescribeInstancesInput;
use yun_ksyun_kec::types::Filter;
use yun_ksyun_kec::{Client, Config, StreamExt};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(Config::from_env()?);

    let running = Filter::default().name("instance-state.name").value(vec!["active".into()]);
    let input = DescribeInstancesInput::builder().filter(vec![running]).max_results(100).build()?;
    let mut instances = std::pin::pin!(client.describe_instances_paginator(input).items());
    while let Some(instance) = instances.next().await {
        let instance = instance?;
        let state = instance.instance_state.as_ref().and_then(|s| s.name.as_ref());
        println!(
            "{:<38} {:<32} {}",
            instance.instance_id.as_deref().unwrap_or("-"),
            instance.instance_name.as_deref().unwrap_or("-"),
            state.map_or("-", |s| s.as_str()),
        );
    }
    Ok(())
}
