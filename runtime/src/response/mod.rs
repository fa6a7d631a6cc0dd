//! From the answer's bytes to the generated output type: one lenient decoding policy for
//! every provider and format ([`decode`]), and XML bodies read as the same tree as JSON
//! ([`xml`]). Each provider's envelope (`{code, message, data}`, `result`, the error body)
//! is in its own module (`aliyun::response`, `ksyun::response`, …).

pub mod decode;
pub mod xml;
