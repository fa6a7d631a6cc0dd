//! Lists the Simple Application Server instances of a region and prints their status.
//!
//! ```sh
//! export ALIBABA_CLOUD_ACCESS_KEY_ID=… ALIBABA_CLOUD_ACCESS_KEY_SECRET=… ALIBABA_CLOUD_REGION_ID=cn-hangzhou
//! cargo run -p yun-aliyun-swas --example list_instances
//! ```

use yun_aliyun_swas::operation::ListInstancesInput;
use yun_aliyun_swas::{Client, Config};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let region = config.region().to_owned();
    let client = Client::new(config);

    let mut page = 1;
    loop {
        let input = ListInstancesInput::builder().region_id(region.as_str()).page_number(page).page_size(100).build()?;
        let output = client.list_instances(input).await?;
        let instances = output.instances.unwrap_or_default();
        for instance in &instances {
            println!(
                "{:<24} {:<32} {}",
                instance.instance_id.as_deref().unwrap_or("-"),
                instance.instance_name.as_deref().unwrap_or("-"),
                instance.status.as_ref().map_or("-", |s| s.as_str()),
            );
        }
        let total = output.total_count.unwrap_or(0);
        if instances.is_empty() || i64::from(page) * 100 >= i64::from(total) {
            break;
        }
        page += 1;
    }
    Ok(())
}
