//! Stops, starts and reboots an Inspur Cloud server, waiting for each state.
//!
//! Against the offline emulator, with the document's sample server (two terminals, or `&`
//! the first):
//!
//! ```sh
//! cargo run -p yun-emulator -- --speed 20
//! INSPUR_ENDPOINT=http://127.0.0.1:18010 INSPUR_TOKEN=server-codec-test-token \
//!   cargo run -p yun-inspur-ecs --example server_power -- 9168b536-cd40-4630-b43f-b259807c6e87
//! ```
//!
//! Against Inspur Cloud: your endpoint, a Keycloak access token and your server's id.

use yun_inspur_ecs::operation::{RebootServerInput, ShowServerDetailsInput, StartServerInput, StopServerInput};
use yun_inspur_ecs::{waiters, Client, WaiterConfig};

/// Waiter timing for each wait: [`Default`] is the spec's.
#[derive(Debug, Clone, Copy)]
pub struct Timing {
    /// For `wait_until_server_active`.
    pub active: WaiterConfig,
    /// For `wait_until_server_stopped`.
    pub stopped: WaiterConfig,
}

impl Default for Timing {
    fn default() -> Self {
        Self { active: waiters::SERVER_ACTIVE, stopped: waiters::SERVER_STOPPED }
    }
}

/// Stop → wait SHUTOFF → start → wait ACTIVE → reboot → wait ACTIVE, for server `id`;
/// returns the statuses seen after each wait.
pub async fn run(client: &Client, id: &str, timing: Timing) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let this = || ShowServerDetailsInput::builder().server_id(id).build();
    let status = |output: yun_inspur_ecs::operation::ShowServerDetailsOutput| {
        output.server.and_then(|s| s.status).map_or("-".to_owned(), |s| s.to_string())
    };
    let mut seen = Vec::new();
    client.stop_server(StopServerInput::builder().server_id(id).build()?).await?;
    seen.push(status(client.wait_until_server_stopped_with(this()?, timing.stopped).await?));
    println!("{id} is {}", seen[0]);
    client.start_server(StartServerInput::builder().server_id(id).build()?).await?;
    seen.push(status(client.wait_until_server_active_with(this()?, timing.active).await?));
    println!("{id} is {}", seen[1]);
    client.reboot_server(RebootServerInput::builder().server_id(id).build()?).await?;
    seen.push(status(client.wait_until_server_active_with(this()?, timing.active).await?));
    println!("{id} is {} (rebooted)", seen[2]);
    Ok(seen)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let id = std::env::args().nth(1).ok_or("usage: server_power <server-id>")?;
    run(&Client::from_env()?, &id, Timing::default()).await.map(drop)
}
