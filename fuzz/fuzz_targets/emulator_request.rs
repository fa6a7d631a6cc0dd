//! Any bytes through the emulator's whole request path (issue 19, "Bad input"): raw HTTP/1.1
//! to a service or the admin endpoint over an in-process stream, or a correctly signed request
//! of any operation of the eleven services with members the bytes choose
//! (`yun_fuzz::emulator`). Nothing may panic or hang; every error is in the provider's
//! envelope.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| yun_fuzz::emulator::emulator_request(data));
