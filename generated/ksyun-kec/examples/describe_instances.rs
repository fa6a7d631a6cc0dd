// Copied by yun-codegen from specs/examples/ksyun-kec/describe_instances.rs. DO NOT EDIT here.
//! Lists the KEC instances of a region that are running, and prints their state.
//!
//! ```sh
//! export KSYUN_ACCESS_KEY_ID=… KSYUN_SECRET_ACCESS_KEY=… KSYUN_REGION=cn-beijing-6
//! cargo run -p yun-ksyun-kec --example describe_instances
//! ```

use yun_ksyun_kec::operation::DescribeInstancesInput;
use yun_ksyun_kec::types::Filter;
use yun_ksyun_kec::{Client, Config};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(Config::from_env()?);

    let running = Filter::default().name("instance-state.name").value(vec!["active".into()]);
    let mut marker = 0;
    loop {
        let input = DescribeInstancesInput::builder()
            .filter(vec![running.clone()])
            .max_results(100)
            .marker(marker)
            .build()?;
        let output = client.describe_instances(input).await?;
        let instances = output.instances_set.unwrap_or_default();
        for instance in &instances {
            let state = instance.instance_state.as_ref().and_then(|s| s.name.as_ref());
            println!(
                "{:<38} {:<32} {}",
                instance.instance_id.as_deref().unwrap_or("-"),
                instance.instance_name.as_deref().unwrap_or("-"),
                state.map_or("-", |s| s.as_str()),
            );
        }
        match output.marker {
            Some(next) if next > 0 && !instances.is_empty() => marker = next,
            _ => break,
        }
    }
    Ok(())
}
