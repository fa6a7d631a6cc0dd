//! Lists the virtual machines of a region, page by page, with their status. Creates nothing.
//!
//! ```sh
//! export JDCLOUD_ACCESS_KEY=… JDCLOUD_SECRET_KEY=… JDCLOUD_REGION=cn-north-1
//! cargo run -p yun-jdcloud-vm --example vm_instances            # every instance
//! cargo run -p yun-jdcloud-vm --example vm_instances -- running # only running ones
//! ```

use yun_jdcloud_vm::operation::DescribeInstancesInput;
use yun_jdcloud_vm::types::Filter;
use yun_jdcloud_vm::{Client, Config};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let region = config.region().to_owned();
    let client = Client::new(config);
    let status = std::env::args().nth(1);

    let mut page = 1;
    let mut seen = 0;
    loop {
        let mut input = DescribeInstancesInput::builder().region_id(&region).page_number(page).page_size(100);
        if let Some(status) = &status {
            input = input.filters(vec![Filter::default().name("status").values(vec![status.clone()])]);
        }
        let output = client.describe_instances(input.build()?).await?;
        let instances = output.instances.unwrap_or_default();
        for instance in &instances {
            println!(
                "{:<16} {:<32} {:<12} {}",
                instance.instance_id.as_deref().unwrap_or("-"),
                instance.instance_name.as_deref().unwrap_or("-"),
                instance.status.as_ref().map_or("-", |s| s.as_str()),
                instance.private_ip_address.as_deref().unwrap_or("-"),
            );
        }
        seen += instances.len();
        let total = usize::try_from(output.total_count.unwrap_or(0)).unwrap_or(0);
        if instances.is_empty() || seen >= total {
            break;
        }
        page += 1;
    }
    Ok(())
}
