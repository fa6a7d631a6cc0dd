//! `src/waiters.rs` (each waiter's default timing and how one poll is judged) and the
//! client's `wait_until_<waiter>` methods.

use proc_macro2::TokenStream;
use quote::quote;

use super::runtime_types as rt;

use super::paths::path_iter;
use super::syntax::{docs, ident};
use crate::ir::{Service, Waiter};
use crate::spec::Absent;

fn const_name(w: &Waiter) -> proc_macro2::Ident {
    ident(&w.name.to_ascii_uppercase())
}

fn rule(w: &Waiter) -> String {
    let quoted = |v: &[String]| v.iter().map(|s| format!("`{s}`")).collect::<Vec<_>>().join(", ");
    let mut text = format!("every `{}` is {}", w.state_wire, quoted(&w.success));
    if !w.failure.is_empty() {
        text.push_str(&format!("; fails as soon as one is {}", quoted(&w.failure)));
    }
    text.push_str(match w.when_absent {
        Absent::Retry => "; polls again while there is none",
        Absent::Success => "; none at all (e.g. the resource is gone) is success",
        Absent::Failure => "; none at all is a failure",
    });
    text
}

/// The whole `waiters.rs`.
pub fn waiters_module(service: &Service) -> TokenStream {
    let items = service.waiters.iter().map(|w| {
        let konst = const_name(w);
        let f = ident(&w.name);
        let output = ident(&w.output_name);
        let (delay, max_delay, max_wait) = (u64::from(w.delay), u64::from(w.max_delay), u64::from(w.max_wait));
        let const_doc = format!(
            " Default timing of [`Client::wait_until_{name}`](crate::Client::wait_until_{name}): {delay} s before the\n second poll, twice as long each time up to {max_delay} s, giving up after {max_wait} s.",
            name = w.name
        );
        let judge_doc = format!(" Judges one poll of `{}`: {}.", w.name, rule(w));
        let states = path_iter(quote!(output), &w.state);
        let success = &w.success;
        let failure = &w.failure;
        let absent = match w.when_absent {
            Absent::Retry => quote!(Retry),
            Absent::Success => quote!(Success),
            Absent::Failure => quote!(Failure),
        };
        let (waiter_config, verdict, judge, absent_type) = (rt::waiter_config(), rt::verdict(), rt::judge(), rt::absent());
        quote! {
            #[doc = #const_doc]
            pub const #konst: #waiter_config = #waiter_config::from_secs(#delay, #max_delay, #max_wait);

            #[doc = #judge_doc]
            #[inline]
            pub fn #f(output: &crate::operation::#output) -> #verdict {
                let states: Vec<String> = #states.map(ToString::to_string).collect();
                #judge(&states, &[#(#success),*], &[#(#failure),*], #absent_type::#absent)
            }
        }
    });
    quote! {
        //! Waiters: each one's default timing, and how one poll of it is judged. Wait with
        //! the client's `wait_until_…` methods.
        #(#items)*
    }
}

/// The client's `wait_until_<waiter>` and `wait_until_<waiter>_with` methods.
pub fn client_methods(w: &Waiter) -> TokenStream {
    let name = &w.name;
    let [wait_name, with_name] = crate::reserved::waiter_methods(name);
    let (wait, wait_with) = (ident(&wait_name), ident(&with_name));
    let poll = ident(&w.operation_fn);
    let input = ident(&w.input_name);
    let output = ident(&w.output_name);
    let konst = const_name(w);
    let judge = ident(name);
    let doc = docs(&format!(
        "{}\n\nPolls [`{op}`](Self::{op}) with `input` until {}. Timing: [`waiters::{konst}`](crate::waiters::{konst}); the error says which state was seen last.",
        w.docs,
        rule(w),
        op = w.operation_fn,
    ));
    let allow = w.operation_deprecated.then(|| quote!(#[allow(deprecated)]));
    let doc_with = format!(" [`{wait_name}`](Self::{wait_name}) with other timing.");
    let (waiter_config, wait_fn) = (rt::waiter_config(), rt::wait());
    quote! {
        #doc
        #[inline]
        pub async fn #wait(&self, input: crate::operation::#input) -> Result<crate::operation::#output, crate::Error> {
            self.#wait_with(input, crate::waiters::#konst).await
        }

        #[doc = #doc_with]
        #allow
        #[inline]
        pub async fn #wait_with(
            &self,
            input: crate::operation::#input,
            config: #waiter_config,
        ) -> Result<crate::operation::#output, crate::Error> {
            #wait_fn(#name, config, || self.#poll(input.clone()), crate::waiters::#judge).await
        }
    }
}
