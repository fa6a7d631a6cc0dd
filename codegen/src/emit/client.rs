//! `src/client.rs`: the `Client` with one async method per operation, wired to the
//! protocol client of the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::protocol;
use super::tokens::{docs, ident};
use crate::ir::Service;

/// The whole `client.rs` module.
pub fn client_module(service: &Service) -> TokenStream {
    let title = &service.title;
    let doc = docs(&format!(
        "Client for {title}.\n\nCheap to clone: clones share the connection pool and configuration."
    ));
    let methods = service.operations.iter().map(|op| {
        let f = ident(&op.fn_name);
        let input = ident(&op.input_name);
        let output = ident(&op.output_name);
        let method = op.method.as_str();
        let doc = docs(&format!(
            "{}\n\nSends the `{}` action (`{method} {}`).",
            op.docs, op.action, op.path
        ));
        let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
        let paginator = op.paginator.as_ref().map(|p| super::paginator::client_method(op, p));
        quote! {
            #doc
            #deprecated
            pub async fn #f(&self, input: crate::operation::#input) -> Result<crate::operation::#output, crate::Error> {
                self.inner.call(&input).await
            }

            #paginator
        }
    });
    let waiters = service.waiters.iter().map(super::waiters::client_methods);
    let client = protocol::client_type(service.protocol);
    quote! {
        //! The service client.

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #client,
        }

        impl Client {
            /// A client with the given configuration.
            pub fn new(config: crate::Config) -> Self {
                Self { inner: #client::new(&crate::SERVICE, config) }
            }

            /// A client configured from the environment: region and credentials
            /// (see [`Config::from_env`](crate::Config::from_env)).
            pub fn from_env() -> Result<Self, crate::Error> {
                Ok(Self::new(crate::Config::from_env()?))
            }

            /// The configuration this client sends with.
            pub fn config(&self) -> &crate::Config {
                self.inner.config()
            }

            /// This client with other retry settings, for the calls made through it:
            /// `client.with_retry(RetryConfig::disabled()).…`. It shares the connection pool
            /// and the retry budget.
            pub fn with_retry(&self, retry: yun_runtime::retry::RetryConfig) -> Self {
                Self::new(self.config().with_retry(retry))
            }

            /// This client with other attempt and whole-operation timeouts, for the calls
            /// made through it. It shares the connection pool and the retry budget.
            pub fn with_timeouts(&self, attempt: std::time::Duration, operation: std::time::Duration) -> Self {
                Self::new(self.config().with_timeouts(attempt, operation))
            }

            #(#methods)*

            #(#waiters)*
        }
    }
}
