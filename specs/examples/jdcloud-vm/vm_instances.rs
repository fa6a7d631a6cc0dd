//! Lists the virtual machines of a region, page by page, with their status. Creates nothing.
//!
//! ```sh
//! export JDCLOUD_ACCESS_KEY=… JDCLOUD_SECRET_KEY=… JDCLOUD_REGION=cn-north-1
//! cargo run -p yun-jdcloud-vm --example vm_instances            # every instance
//! cargo run -p yun-jdcloud-vm --example vm_instances -- running # only running ones
//! ```
//!
//! Against the offline emulator (`cargo run -p yun-emulator`, then e.g. the `vm_lifecycle`
//! example to create one): `JDCLOUD_ENDPOINT=http://127.0.0.1:18009` and its test keys
//! (`JDCLOUD_ACCESS_KEY=JDCServerCodecTest JDCLOUD_SECRET_KEY=server-codec-test-secret`).

use yun_jdcloud_vm::operation::DescribeInstancesInput;
use yun_jdcloud_vm::types::Filter;
use yun_jdcloud_vm::{Client, Config};

/// Lists the instances of `region` (only those in `status`, if given), `page_size` a page
/// (`pageNumber` from 1 until `totalCount` are seen), printing one line per instance: id,
/// name, status, private IP. Returns the lines printed.
pub async fn run(client: &Client, region: &str, status: Option<&str>, page_size: i32) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut lines = Vec::new();
    let mut page = 1;
    let mut seen = 0;
    loop {
        let mut input = DescribeInstancesInput::builder().region_id(region).page_number(page).page_size(page_size);
        if let Some(status) = status {
            input = input.filters(vec![Filter::default().name("status").values(vec![status.to_owned()])]);
        }
        let output = client.describe_instances(input.build()?).await?;
        let instances = output.instances.unwrap_or_default();
        for instance in &instances {
            let line = format!(
                "{:<16} {:<32} {:<12} {}",
                instance.instance_id.as_deref().unwrap_or("-"),
                instance.instance_name.as_deref().unwrap_or("-"),
                instance.status.as_ref().map_or("-", |s| s.as_str()),
                instance.private_ip_address.as_deref().unwrap_or("-"),
            );
            println!("{line}");
            lines.push(line);
        }
        seen += instances.len();
        let total = usize::try_from(output.total_count.unwrap_or(0)).unwrap_or(0);
        if instances.is_empty() || seen >= total {
            break;
        }
        page += 1;
    }
    Ok(lines)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let region = config.region().to_owned();
    let status = std::env::args().nth(1);
    run(&Client::new(config), &region, status.as_deref(), 100).await.map(drop)
}
