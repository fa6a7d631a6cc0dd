//! Stops, starts and reboots a Simple Application Server instance, waiting for each state.
//!
//! Against the offline emulator, with the document's sample instance `ace57xxx` (two
//! terminals, or `&` the first):
//!
//! ```sh
//! cargo run -p yun-emulator -- --speed 20
//! ALIBABA_CLOUD_ENDPOINT=http://127.0.0.1:18001 ALIBABA_CLOUD_ACCESS_KEY_ID=LTAI5tServerCodecTest \
//!   ALIBABA_CLOUD_ACCESS_KEY_SECRET=server-codec-test-secret ALIBABA_CLOUD_REGION_ID=cn-hangzhou \
//!   cargo run -p yun-aliyun-swas --example swas_power -- ace57xxx
//! ```
//!
//! Against Alibaba Cloud: your keys, your instance's id, and no `ALIBABA_CLOUD_ENDPOINT`.

use yun_aliyun_swas::operation::{ListInstancesInput, RebootInstanceInput, StartInstanceInput, StopInstanceInput};
use yun_aliyun_swas::{waiters, Client, Config, WaiterConfig};

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

/// Stop → wait Stopped → start → wait Running → reboot → wait Running, for instance `id` in
/// `region`; returns the statuses seen after each wait.
pub async fn run(client: &Client, region: &str, id: &str, timing: Timing) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let this = || ListInstancesInput::builder().region_id(region).instance_ids(vec![id.to_owned()]).build();
    let status = |output: yun_aliyun_swas::operation::ListInstancesOutput| {
        output.instances.unwrap_or_default().into_iter().find_map(|i| i.status).map_or("-".to_owned(), |s| s.to_string())
    };
    let mut seen = Vec::new();
    client.stop_instance(StopInstanceInput::builder().region_id(region).instance_id(id).build()?).await?;
    seen.push(status(client.wait_until_instance_stopped_with(this()?, timing.stopped).await?));
    println!("{id} is {}", seen[0]);
    client.start_instance(StartInstanceInput::builder().region_id(region).instance_id(id).build()?).await?;
    seen.push(status(client.wait_until_instance_running_with(this()?, timing.running).await?));
    println!("{id} is {}", seen[1]);
    client.reboot_instance(RebootInstanceInput::builder().region_id(region).instance_id(id).build()?).await?;
    seen.push(status(client.wait_until_instance_running_with(this()?, timing.running).await?));
    println!("{id} is {} (rebooted)", seen[2]);
    Ok(seen)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id = std::env::args().nth(1).ok_or("usage: swas_power <instance-id>")?;
    let config = Config::from_env()?;
    let region = config.region().to_owned();
    run(&Client::new(config), &region, &id, Timing::default()).await.map(drop)
}
