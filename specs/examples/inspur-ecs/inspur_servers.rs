//! Lists the Inspur Cloud servers, page by page, with their state; with a server id, reboots
//! that server (softly, or hard with `--hard`).
//!
//! ```sh
//! export INSPUR_ENDPOINT=https://… INSPUR_TOKEN=eyJ…   # a Keycloak access token
//! cargo run -p yun-inspur-ecs --example inspur_servers                 # list
//! cargo run -p yun-inspur-ecs --example inspur_servers -- <server-id>  # list, then reboot it
//! ```
//!
//! Against the offline emulator (`cargo run -p yun-emulator`), which holds the document's
//! sample server: `INSPUR_ENDPOINT=http://127.0.0.1:18010 INSPUR_TOKEN=server-codec-test-token`.

use yun_inspur_ecs::operation::{ListServersInput, RebootServerInput};
use yun_inspur_ecs::types::RebootType;
use yun_inspur_ecs::{Client, StreamExt};

/// Lists every server, `page_size` a page, printing one line per server (id, name, status,
/// task state); then, if `args` hold a server id, reboots it (hard with `--hard`) and prints
/// `rebooting <id>`. Returns the lines printed.
pub async fn run(client: &Client, args: &[String], page_size: i32) -> Result<Vec<String>, Box<dyn std::error::Error>> {
    let mut lines = Vec::new();
    let first = ListServersInput::builder().page_no(1).page_size(page_size).build()?;
    let mut servers = std::pin::pin!(client.list_servers_paginator(first).items());
    while let Some(server) = servers.next().await {
        let server = server?;
        let line = format!(
            "{:<38} {:<24} {:<10} {}",
            server.id.as_deref().unwrap_or("-"),
            server.name.as_deref().unwrap_or("-"),
            server.status.as_ref().map_or("-", |s| s.as_str()),
            server.task_state.as_ref().map_or("", |s| s.as_str()),
        );
        println!("{line}");
        lines.push(line);
    }

    if let Some(id) = args.iter().find(|a| !a.starts_with("--")) {
        let kind = if args.iter().any(|a| a == "--hard") { RebootType::Hard } else { RebootType::Soft };
        client.reboot_server(RebootServerInput::builder().server_id(id).type_(kind).build()?).await?;
        let line = format!("rebooting {id}");
        println!("{line}");
        lines.push(line);
    }
    Ok(lines)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    run(&Client::from_env()?, &args, 50).await.map(drop)
}
