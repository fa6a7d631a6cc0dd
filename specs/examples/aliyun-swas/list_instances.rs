//! Lists the Simple Application Server instances of a region and prints their status.
//!
//! ```sh
//! export ALIBABA_CLOUD_ACCESS_KEY_ID=… ALIBABA_CLOUD_ACCESS_KEY_SECRET=… ALIBABA_CLOUD_REGION_ID=cn-hangzhou
//! cargo run -p yun-aliyun-swas --example list_instances
//! ```
//!
//! Against the offline emulator (`cargo run -p yun-emulator`), which holds the document's
//! sample instances: `ALIBABA_CLOUD_ENDPOINT=http://127.0.0.1:18001`,
//! `ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tServerCodecTest`,
//! `ALIBABA_CLOUD_ACCESS_KEY_SECRET=server-codec-test-secret`.

use yun_aliyun_swas::operation::ListInstancesInput;
use yun_aliyun_swas::{Client, Config};

/// Lists every instance of `region`, `page_size` a page (`PageNumber` from 1 until
/// `TotalCount` is reached), printing one line per instance: id, name, status. Returns the
/// lines printed.
pub async fn run(client: &Client, region: &str, page_size: i32) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut lines = Vec::new();
    let mut page = 1;
    loop {
        let input = ListInstancesInput::builder().region_id(region).page_number(page).page_size(page_size).build()?;
        let output = client.list_instances(input).await?;
        let instances = output.instances.unwrap_or_default();
        for instance in &instances {
            let line = format!(
                "{:<24} {:<32} {}",
                instance.instance_id.as_deref().unwrap_or("-"),
                instance.instance_name.as_deref().unwrap_or("-"),
                instance.status.as_ref().map_or("-", |s| s.as_str()),
            );
            println!("{line}");
            lines.push(line);
        }
        let total = output.total_count.unwrap_or(0);
        if instances.is_empty() || i64::from(page) * i64::from(page_size) >= i64::from(total) {
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
    run(&Client::new(config), &region, 100).await.map(drop)
}
