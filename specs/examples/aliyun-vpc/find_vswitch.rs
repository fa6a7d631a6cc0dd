//! The ECS guide's step before creating a VPC-type instance (002_f0be29b3ba64e6a7.txt line 695):
//! "调用VPC API DescribeVSwitches查询安全组所属专有网络VPC中的虚拟交换机ID". Lists the vSwitches of a VPC
//! (every page) and prints the ID, zone and free addresses of each, the first line being one to pass
//! as `VSwitchId` to RunInstances/CreateInstance.
//!
//! ```sh
//! export ALIBABA_CLOUD_ACCESS_KEY_ID=… ALIBABA_CLOUD_ACCESS_KEY_SECRET=… ALIBABA_CLOUD_REGION_ID=cn-hangzhou
//! cargo run -p yun-aliyun-vpc --example find_vswitch -- vpc-bp1…
//! ```
//!
//! Against the offline emulator (`ALIBABA_CLOUD_ENDPOINT=http://127.0.0.1:18002` and its test
//! keys) it lists the three vSwitches of its seed catalogue (`specs/catalogue/aliyun-vpc.yaml`,
//! the ones the ECS guide names) for any VPC id: the guide names no VPC.

use yun_aliyun_vpc::operation::DescribeVSwitchesInput;
use yun_aliyun_vpc::{Client, Config, StreamExt};

/// Lists the vSwitches of `vpc_id` in `region`, every page, printing one line per vSwitch:
/// id, zone, free addresses, status. Returns the lines printed.
pub async fn run(client: &Client, region: &str, vpc_id: &str) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let input = DescribeVSwitchesInput::builder().region_id(region).vpc_id(vpc_id).page_size(50).build()?;
    let mut vswitches = std::pin::pin!(client.describe_v_switches_paginator(input).items());
    let mut lines = Vec::new();
    while let Some(vswitch) = vswitches.next().await {
        let vswitch = vswitch?;
        let line = format!(
            "{:<28} {:<20} {:>6} free  {}",
            vswitch.v_switch_id.as_deref().unwrap_or("-"),
            vswitch.zone_id.as_deref().unwrap_or("-"),
            vswitch.available_ip_address_count.unwrap_or(0),
            vswitch.status.as_deref().unwrap_or("-"),
        );
        println!("{line}");
        lines.push(line);
    }
    Ok(lines)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let vpc_id = std::env::args().nth(1).ok_or("usage: find_vswitch <vpc id>")?;
    let config = Config::from_env()?;
    let region = config.region().to_owned();
    run(&Client::new(config), &region, &vpc_id).await.map(drop)
}
