//! The emulator's whole request path for the `emulator_request` target: any bytes become either
//! raw HTTP/1.1 sent to a service over an in-process stream (hyper, then authentication,
//! decoding, the spec's checks, state, the answer), or a correctly signed request of an
//! operation whose members the bytes choose (so the checks and the state are reached past
//! the signature). Panics where the emulator's contract is broken: an answer that is not
//! HTTP, an error outside the provider's envelope, an exchange that does not end.

use std::sync::OnceLock;
use std::time::Duration;

use yun_emulator::requests;
use yun_emulator::{Config, Emulator};
use yun_runtime::client::http::HttpResponse;
use yun_runtime::server::Dispatch;

/// Inputs between two resets of the state (creates would grow it without end).
const RESET_EVERY: u64 = 2_000;

struct Harness {
    emulator: Emulator,
    runtime: tokio::runtime::Runtime,
    runs: std::sync::atomic::AtomicU64,
}

fn harness() -> &'static Harness {
    static HARNESS: OnceLock<Harness> = OnceLock::new();
    HARNESS.get_or_init(|| Harness {
        emulator: Emulator::in_process(Config::default().idle_timeout(Duration::from_millis(50))).expect("the specs load"),
        runtime: tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime"),
        runs: std::sync::atomic::AtomicU64::new(0),
    })
}

/// Asserts `answer` is an error in `service`'s envelope (or a success): every field the
/// provider's errors carry ([`requests::error_code`]).
pub fn assert_enveloped(service: &str, answer: &HttpResponse) {
    if answer.status < 400 {
        return;
    }
    if let Err(problem) = requests::error_code(service, answer) {
        panic!("{problem}");
    }
}

/// One fuzz input (see the module's docs). The first byte: bit 0 picks signed (1) or raw
/// (0); the rest of it picks the service.
pub fn emulator_request(data: &[u8]) {
    let Some((&first, rest)) = data.split_first() else { return };
    let h = harness();
    if h.runs.fetch_add(1, std::sync::atomic::Ordering::Relaxed) % RESET_EVERY == RESET_EVERY - 1 {
        h.emulator.reset();
    }
    let names = h.emulator.service_names();
    if first & 1 == 0 {
        let service = match usize::from(first >> 1) % (names.len() + 1) {
            i if i == names.len() => "admin",
            i => names[i],
        };
        raw(h, service, rest);
    } else {
        signed(h, usize::from(first >> 1), rest);
    }
}

/// `bytes` as raw HTTP/1.1 over an in-process stream; the exchange must end within 10 s and
/// answer nothing (not HTTP) or HTTP.
fn raw(h: &Harness, service: &str, bytes: &[u8]) {
    let answer = h.runtime.block_on(tokio::time::timeout(Duration::from_secs(10), requests::raw_exchange(&h.emulator, service, bytes)));
    let answer = answer.expect("an exchange that does not end");
    assert!(answer.is_empty() || answer.starts_with(b"HTTP/1."), "not HTTP: {}", String::from_utf8_lossy(&answer));
}

/// Operation `pick / n` of service `pick % n` of the `n` the emulator serves (the generated
/// crates' arbitrary input from a seed in the first 8 bytes), its members then overridden by
/// the lines `key=value` of the rest, signed with the test key and answered in process.
fn signed(h: &Harness, pick: usize, rest: &[u8]) {
    let (seed, text) = if rest.len() >= 8 {
        let (s, t) = rest.split_at(8);
        (u64::from_le_bytes(s.try_into().unwrap_or_default()), String::from_utf8_lossy(t).into_owned())
    } else {
        (0, String::from_utf8_lossy(rest).into_owned())
    };
    let edits: Vec<(String, String)> =
        text.lines().map(|l| l.split_once('=').map_or((l.to_owned(), String::new()), |(k, v)| (k.to_owned(), v.to_owned()))).collect();
    // Every service of the emulator, in its table's order: `pick` chooses one, then an operation.
    macro_rules! pick {
        ($(($name:literal, $provider:ident, $krate:ident, $($rest:tt)*),)*) => {{
            let services: &[(&str, fn(&Harness, &str, usize, u64, &[(String, String)]))] =
                &[$(($name, one::<$krate::server::OperationInput>),)*];
            let (name, one) = services[pick % services.len()];
            one(h, name, pick / services.len(), seed, &edits);
        }};
    }
    yun_emulator::for_each_service!(pick);
}

fn one<D: Dispatch>(h: &Harness, service: &str, op: usize, seed: u64, edits: &[(String, String)]) {
    let Some(input) = requests::arbitrary::<D>(op, seed) else { return };
    let sent = requests::signed(&input, seed, |encoded| {
        for (key, value) in edits {
            requests::Edit::from_line(encoded, key, value).apply(encoded);
        }
    });
    let Some(sent) = sent else { return };
    let answer = h
        .emulator
        .answer(service, &sent.method, &sent.url, sent.headers.iter().map(|(k, v)| (k.to_string(), v.clone())).collect(), sent.body.clone())
        .expect("a known service");
    assert_enveloped(service, &answer);
}
