//! One KEC instance's life: RunInstances → wait Running → StopInstances → wait Stopped →
//! TerminateInstances, with the document's sample image, type and subnet.
//!
//! Against the offline emulator (two terminals, or `&` the first):
//!
//! ```sh
//! cargo run -p yun-emulator -- --speed 20
//! KSYUN_ENDPOINT=http://127.0.0.1:18005 KSYUN_ACCESS_KEY_ID=AKLTServerCodecTest \
//!   KSYUN_SECRET_ACCESS_KEY=server-codec-test-secret KSYUN_REGION=cn-beijing-6 \
//!   cargo run -p yun-ksyun-kec --example kec_lifecycle
//! ```
//!
//! Against Kingsoft Cloud it creates (and terminates) a billed instance: set your own keys
//! and leave `KSYUN_ENDPOINT` unset.

use yun_ksyun_kec::operation::{DescribeInstancesInput, RunInstancesInput, StopInstancesInput, TerminateInstancesInput};
use yun_ksyun_kec::{waiters, Client, Config, WaiterConfig};

/// Waiter timing for each wait: [`Default`] is the spec's (5 s, doubling to 30 s).
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

/// Runs the flow; returns the instance's id and the states seen after each wait.
pub async fn run(client: &Client, timing: Timing) -> Result<(String, Vec<String>), Box<dyn std::error::Error>> {
    let run = RunInstancesInput::builder()
        .image_id("314bbaa0-6ea3-4042-ae58-4d499a0a607b")
        .instance_type("C1.1A")
        .subnet_id("d91f7510-2b59-4600-bc26-9c34c1b38493")
        .instance_name("yun-example")
        .max_count(1)
        .min_count(1)
        .build()?;
    let created = client.run_instances(run).await?;
    let id = created.instances_set.unwrap_or_default().into_iter().find_map(|i| i.instance_id).ok_or("RunInstances returned no id")?;
    println!("created {id}");
    let this = || DescribeInstancesInput::builder().instance_id(vec![id.clone()]).build();
    let state = |output: yun_ksyun_kec::operation::DescribeInstancesOutput| {
        output.instances_set.unwrap_or_default().into_iter().find_map(|i| i.instance_state?.name).map_or("-".to_owned(), |s| s.to_string())
    };
    let mut seen = Vec::new();
    seen.push(state(client.wait_until_instance_running_with(this()?, timing.running).await?));
    println!("{id} is {}", seen[0]);
    client.stop_instances(StopInstancesInput::builder().instance_id(vec![id.clone()]).build()?).await?;
    seen.push(state(client.wait_until_instance_stopped_with(this()?, timing.stopped).await?));
    println!("{id} is {}", seen[1]);
    client.terminate_instances(TerminateInstancesInput::builder().instance_id(vec![id.clone()]).build()?).await?;
    seen.push(state(client.describe_instances(this()?).await?));
    println!("{id} is {} (terminated)", seen[2]);
    Ok((id, seen))
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let client = Client::new(Config::from_env()?);
    run(&client, Timing::default()).await.map(drop)
}
