//! `cargo run -p yun-emulator`: starts the emulator on 127.0.0.1, prints each service's
//! endpoint and the admin endpoint, and serves until stopped (Ctrl-C).

#[tokio::main]
async fn main() {
    let emulator = match yun_emulator::spawn().await {
        Ok(emulator) => emulator,
        Err(e) => {
            eprintln!("yun-emulator: {e}");
            std::process::exit(1);
        }
    };
    for (name, url) in emulator.endpoints.services() {
        println!("{name:<20} {url}");
    }
    println!("{:<20} {}", "admin", emulator.endpoints.admin);
    let _ = tokio::signal::ctrl_c().await;
}
