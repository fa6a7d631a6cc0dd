// Copied by yun-codegen from specs/examples/inspur-ecs/inspur_servers.rs. DO NOT EDIT here.
//! Lists the Inspur Cloud servers, page by page, with their state; with a server id, reboots
//! that server (softly, or hard with `--hard`).
//!
//! ```sh
//! export INSPUR_ENDPOINT=https://… INSPUR_TOKEN=eyJ…   # a Keycloak access token
//! cargo run -p yun-inspur-ecs --example inspur_servers                 # list
//! cargo run -p yun-inspur-ecs --example inspur_servers -- <server-id>  # list, then reboot it
//! ```

use yun_inspur_ecs::operation::{ListServersInput, RebootServerInput};
use yun_inspur_ecs::types::RebootType;
use yun_inspur_ecs::{Client, StreamExt};

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let client = Client::from_env()?;

    let first = ListServersInput::builder().page_no(1).page_size(50).build()?;
    let mut servers = std::pin::pin!(client.list_servers_paginator(first).items());
    while let Some(server) = servers.next().await {
        let server = server?;
        println!(
            "{:<38} {:<24} {:<10} {}",
            server.id.as_deref().unwrap_or("-"),
            server.name.as_deref().unwrap_or("-"),
            server.status.as_ref().map_or("-", |s| s.as_str()),
            server.task_state.as_ref().map_or("", |s| s.as_str()),
        );
    }

    if let Some(id) = args.iter().find(|a| !a.starts_with("--")) {
        let kind = if args.iter().any(|a| a == "--hard") { RebootType::Hard } else { RebootType::Soft };
        client.reboot_server(RebootServerInput::builder().server_id(id).type_(kind).build()?).await?;
        println!("rebooting {id}");
    }
    Ok(())
}
