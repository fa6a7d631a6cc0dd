//! One JD Cloud VM's life: createInstances → wait running → stopInstance → wait stopped →
//! deleteInstance.
//!
//! Against the offline emulator (two terminals, or `&` the first):
//!
//! ```sh
//! cargo run -p yun-emulator -- --speed 20
//! JDCLOUD_ENDPOINT=http://127.0.0.1:18009 JDCLOUD_ACCESS_KEY=JDCServerCodecTest \
//!   JDCLOUD_SECRET_KEY=server-codec-test-secret JDCLOUD_REGION=cn-north-1 \
//!   cargo run -p yun-jdcloud-vm --example vm_lifecycle
//! ```
//!
//! Against JD Cloud it creates (and deletes) a billed VM: set your own keys, an image and an
//! instance type of your region, and leave `JDCLOUD_ENDPOINT` unset.

use yun_jdcloud_vm::operation::{CreateInstancesInput, DeleteInstanceInput, DescribeInstancesInput, StopInstanceInput};
use yun_jdcloud_vm::types::{Filter, InstanceSpec};
use yun_jdcloud_vm::{waiters, Client, Config, WaiterConfig};

/// Waiter timing for each wait: [`Default`] is the spec's.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// For `wait_until_instance_running`.
    pub running: WaiterConfig,
    /// For `wait_until_instance_stopped`.
    pub stopped: WaiterConfig,
}

impl Default for Timing {
    fn default() -> Self {
        Self { running: waiters::INSTANCE_RUNNING, stopped: waiters::INSTANCE_STOPPED }
    }
}

/// Runs the flow in `region`; returns the instance's id and the statuses seen after each
/// step (running, stopped, and what a read answers after the delete).
pub async fn run(client: &Client, region: &str, timing: Timing) -> Result<(String, Vec<String>), Box<dyn std::error::Error>> {
    let spec = InstanceSpec::default().az("cn-north-1a").instance_type("g.n2.medium").image_id("img-m5s0yakcyz").name("yun-example");
    let create =
        CreateInstancesInput::builder().region_id(region).instance_spec(spec).max_count(1).client_token("yun-example-1").build()?;
    let created = client.create_instances(create).await?;
    let id = created.instance_ids.unwrap_or_default().into_iter().next().ok_or("createInstances returned no id")?;
    println!("created {id}");
    let this = || {
        DescribeInstancesInput::builder()
            .region_id(region)
            .filters(vec![Filter::default().name("instanceId").values(vec![id.clone()])])
            .build()
    };
    let status = |output: yun_jdcloud_vm::operation::DescribeInstancesOutput| {
        output.instances.unwrap_or_default().into_iter().find_map(|i| i.status).map_or("-".to_owned(), |s| s.to_string())
    };
    let mut seen = Vec::new();
    seen.push(status(client.wait_until_instance_running_with(this()?, timing.running).await?));
    println!("{id} is {}", seen[0]);
    client.stop_instance(StopInstanceInput::builder().region_id(region).instance_id(&id).build()?).await?;
    seen.push(status(client.wait_until_instance_stopped_with(this()?, timing.stopped).await?));
    println!("{id} is {}", seen[1]);
    client.delete_instance(DeleteInstanceInput::builder().region_id(region).instance_id(&id).build()?).await?;
    seen.push(status(client.describe_instances(this()?).await?));
    println!("{id} is {} (deleted)", seen[2]);
    Ok((id, seen))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let config = Config::from_env()?;
    let region = config.region().to_owned();
    run(&Client::new(config), &region, Timing::default()).await.map(drop)
}
