//! `cargo run -p yun-emulator [-- --port BASE] [--speed N]`: starts the emulator on
//! 127.0.0.1 (service `i` on `BASE + i`, default 18000; the admin endpoint after them),
//! prints each service's endpoint and serves until stopped (Ctrl-C). `--speed N` runs the
//! lifecycle clock N times faster than real time.

const USAGE: &str = "usage: yun-emulator [--port BASE] [--speed N]";

#[tokio::main]
async fn main() {
    let mut base: u16 = 18000;
    let mut speed: u32 = 1;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--help" || arg == "-h" {
            println!("{USAGE}");
            return;
        }
        let value = args.next();
        let parsed = match arg.as_str() {
            "--port" => value.and_then(|v| v.parse().ok()).map(|v| base = v),
            "--speed" => value.and_then(|v| v.parse().ok()).map(|v| speed = v),
            _ => None,
        };
        if parsed.is_none() {
            eprintln!("{USAGE}");
            std::process::exit(2);
        }
    }
    let config = yun_emulator::Config::default().lifecycle_speed(speed);
    let emulator = match yun_emulator::spawn_on(config, Some(base)).await {
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
