//! Every item of the runtime crate (`yun_runtime`) that generated code names, in one place,
//! as smithy-rs's `RuntimeType` does: an emitter writes `#check`, never a quoted
//! `yun_runtime::operation::check::Check`, so a runtime item that moves or is renamed changes here
//! only, and this list says what generated crates depend on.
//!
//! Each function returns the item's full path (`yun_runtime::…`); the imports a generated
//! module starts with (`use yun_runtime::operation::params::{Params, WriteParam};`) are here too.
//! (`client.rs` and `protocol.rs` name the protocol clients and their modules through
//! `emit/protocol.rs`.)

use proc_macro2::TokenStream;
use quote::quote;

macro_rules! runtime_types {
    ($($(#[doc = $doc:literal])+ $name:ident => ($($path:tt)+))+) => {$(
        $(#[doc = $doc])+
        pub fn $name() -> TokenStream {
            quote!(yun_runtime::$($path)+)
        }
    )+};
}

runtime_types! {
    /// The trait every operation input implements: action, method, how it is written.
    operation => (Operation)
    /// Why an input could not be built.
    build_error => (BuildError)
    /// A fresh idempotency token, for members the spec marks as one.
    idempotency_token => (idempotency_token)
    /// Collects the problems of a `build()`.
    check => (operation::check::Check)
    /// The accessors of what an output kept of its answer (`warnings()`, `raw_body()`).
    answered => (Answered)
    /// What decoding kept of an answer (warnings, raw body).
    answer => (response::decode::Answer)
    /// How an answer fills a generated structure or output (its spellings table and member reader).
    structure => (response::structure::Structure)
    /// One value of an answer, which a structure member reads itself from.
    structure_source => (response::structure::Source)
    /// The error of a member's value.
    structure_error => (response::structure::Error)
    /// How a request writes the member of a structure's spelling (its `WRITTEN` table).
    structure_written => (response::structure::Written)
    /// `Deserialize` and member decoding for a generated structure or output.
    structure_macro => (structure!)
    /// A JSON body's members.
    json_body => (operation::JsonBody)
    /// A JSON value (the body of a REST request).
    json_value => (operation::JsonValue)
    /// Adds a member to a JSON body.
    put_json => (operation::put_json)
    /// Adds an optional member to a JSON body (nothing when `None`).
    put_json_opt => (operation::put_json_opt)
    /// A JSON body of members, wrapped or not.
    json_object => (operation::json_object)
    /// A member sent as the whole JSON body.
    json_payload => (operation::json_payload)
    /// The stream of an operation's pages.
    paginator => (paginate::Paginator)
    /// The next page's token, or `None` after the last page.
    next_token => (paginate::next_token)
    /// The next page's number, or `None` after the last page.
    next_page_number => (paginate::next_page_number)
    /// The next page's offset, or `None` after the last page.
    next_offset => (paginate::next_offset)
    /// Stream methods for paginators.
    stream_ext => (paginate::StreamExt)
    /// A waiter's timing.
    waiter_config => (waiter::WaiterConfig)
    /// One poll's verdict.
    verdict => (waiter::Verdict)
    /// Judges one poll from its states.
    judge => (waiter::judge)
    /// What a poll without a state means.
    absent => (waiter::Absent)
    /// Polls until a verdict.
    wait => (waiter::wait)
    /// `Display`, `FromStr`, serde and params for a generated string enum.
    string_enum => (string_enum!)
    /// Shows a secret as `"** redacted **"` in `Debug`.
    redacted => (redact::Redacted)
    /// Retry settings.
    retry_config => (client::retry::RetryConfig)
    /// A request for any action (`Client::raw_call`).
    raw_request => (client::raw::RawRequest)
    /// Sends a raw request as an operation is sent.
    raw_call => (client::raw::call)
    /// An access key pair.
    credentials => (Credentials)
    /// The error every operation returns.
    error => (Error)
}

/// `use yun_runtime::operation::params::Params;`, with `WriteParam` when the module writes members
/// through it.
pub fn params_import(write_param: bool) -> TokenStream {
    if write_param {
        quote!(
            use yun_runtime::operation::params::{Params, WriteParam};
        )
    } else {
        quote!(
            use yun_runtime::operation::params::Params;
        )
    }
}

/// The largest tuple of required members `yun_runtime::operation::check::Required` takes (larger ones
/// are nested); `tests/tests/fixture_crates_wire.rs` checks it equals the runtime's.
pub const REQUIRED_TUPLE_MAX: usize = 12;

#[cfg(test)]
mod tests {
    #[test]
    fn paths_are_under_the_runtime_crate() {
        assert_eq!(super::check().to_string(), "yun_runtime :: operation :: check :: Check");
        assert_eq!(super::string_enum().to_string(), "yun_runtime :: string_enum !");
    }
}
