//! `src/client.rs`: the `Client` with one async method per operation, wired to the
//! protocol client of the runtime.

use proc_macro2::TokenStream;
use quote::quote;

use super::protocol;
use super::syntax::{docs, ident};
use crate::ir::Service;
use crate::spec::HttpMethod;

/// The whole `client.rs` module.
pub fn client_module(service: &Service) -> TokenStream {
    let title = &service.title;
    let doc = docs(&format!("Client for {title}.\n\nCheap to clone: clones share the connection pool and configuration."));
    let methods = service.operations.iter().map(|op| {
        let f = ident(&op.fn_name);
        let input = ident(&op.input_name);
        let output = ident(&op.output_name);
        let method = op.method.as_str();
        let kingsoft = service.protocol.facts().kingsoft_keys;
        let sent = match kingsoft {
            true if op.method == HttpMethod::Get => format!(
                "Sends the `{}` action: `GET /` with every parameter and the signature in the query string (`POST` with a form body when the client is configured with `RequestMethod::Post`).",
                op.action
            ),
            true => format!(
                "Sends the `{}` action: `POST /` with every parameter in a form body and the signature in the `Authorization` header, as the official Python SDK sends (with everything in the query string when the client is configured with `RequestMethod::Get`).",
                op.action
            ),
            false => format!("Sends the `{}` action (`{method} {}`).", op.action, op.path),
        };
        let doc = docs(&format!("{}\n\n{sent}", op.docs));
        let deprecated = op.deprecated.then(|| quote!(#[deprecated]));
        let paginator = op.paginator.as_ref().map(|p| super::paginator::client_method(op, p));
        quote! {
            #doc
            #deprecated
            #[inline]
            pub async fn #f(&self, input: crate::operation::#input) -> Result<crate::operation::#output, crate::Error> {
                self.inner.call(&input).await
            }

            #paginator
        }
    });
    let waiters = service.waiters.iter().map(super::waiters::client_methods);
    let kingsoft = service.protocol.facts().kingsoft_keys.then(|| kingsoft_methods(service));
    let client = protocol::client_type(service.protocol);
    // `from_env`, `with_retry` and `with_timeouts` go through the protocol client's own
    // (non-generic) methods, so the generic configuration code they run is compiled in the
    // runtime, not in every generated crate.
    let from_env = match service.protocol.facts().default_credentials {
        Some(c) if c.applies_to(&service.package) => {
            let segments = c.config_from_env.split("::").map(ident);
            let config = quote!(#(#segments)::*);
            let doc = docs(&format!(
                "A client configured from the environment: credentials from the provider's default\n\
                 chain, cached; the region from the environment or the CLI profile (see\n\
                 [`{0}`]).",
                c.config_from_env
            ));
            quote! {
                #doc
                #[inline]
                pub fn from_env() -> Result<Self, crate::Error> {
                    Ok(Self::new(#config()?))
                }
            }
        }
        _ => quote! {
            /// A client configured from the environment: region and credentials
            /// (see [`Config::from_env`](crate::Config::from_env)).
            #[inline]
            pub fn from_env() -> Result<Self, crate::Error> {
                Ok(Self { inner: #client::from_env(&crate::SERVICE)? })
            }
        },
    };
    let retry_config = super::runtime_types::retry_config();
    let (raw_request, raw_call, json_value) =
        (super::runtime_types::raw_request(), super::runtime_types::raw_call(), super::runtime_types::json_value());
    quote! {
        //! The service client.

        #doc
        #[derive(Clone, Debug)]
        pub struct Client {
            inner: #client,
        }

        impl Client {
            /// A client with the given configuration.
            #[inline]
            pub fn new(config: crate::Config) -> Self {
                Self { inner: #client::new(&crate::SERVICE, config) }
            }

            #from_env

            /// The configuration this client sends with.
            #[inline]
            pub fn config(&self) -> &crate::Config {
                self.inner.config()
            }

            /// This client with other retry settings, for the calls made through it:
            /// `client.with_retry(RetryConfig::disabled()).…`. It shares the connection pool
            /// and the retry budget.
            #[inline]
            pub fn with_retry(&self, retry: #retry_config) -> Self {
                Self { inner: self.inner.with_retry(retry) }
            }

            /// This client with other attempt and whole-operation timeouts, for the calls
            /// made through it. It shares the connection pool and the retry budget.
            #[inline]
            pub fn with_timeouts(&self, attempt: std::time::Duration, operation: std::time::Duration) -> Self {
                Self { inner: self.inner.with_timeouts(attempt, operation) }
            }

            /// This client adding the header `name: value` to the calls made through it, e.g.
            /// a token one call needs: `client.with_header(name, value).…`. It is signed with
            /// the request where the signature signs headers. It shares the connection pool
            /// and the retry budget.
            #[inline]
            pub fn with_header(&self, name: impl Into<String>, value: impl Into<String>) -> Self {
                Self::new(self.config().with_header(name, value))
            }

            /// Calls an action this crate has no operation for (or one built by hand): signed,
            /// retried and checked for the service's errors as the operations are, its answer
            /// decoded as JSON. See the runtime's `client::raw` module for how to build one.
            #[inline]
            pub async fn raw_call(&self, request: #raw_request) -> Result<#json_value, crate::Error> {
                #raw_call(&self.inner, &request).await
            }

            #kingsoft

            #(#methods)*

            #(#waiters)*
        }
    }
}

/// `endpoint()`, and `dry_run()` when the service has a dry-run parameter.
fn kingsoft_methods(service: &Service) -> TokenStream {
    let dry_run = service.dry_run.as_ref().map(|d| {
        let status = d.http_status.map_or_else(String::new, |s| format!(", HTTP {s}"));
        // The example sends the first operation's input (none without operations).
        let example = service.operations.first().map_or_else(String::new, |op| {
            format!(
                "\n\n```no_run\n\
                 # async fn f(client: {krate}::Client, input: {krate}::operation::{input}) -> Result<(), {krate}::Error> {{\n\
                 let passed = client.dry_run(input).await?;\n\
                 println!(\"would succeed (request {{:?}})\", passed.request_id);\n\
                 # Ok(()) }}\n\
                 ```",
                krate = service.package.replace('-', "_"),
                input = op.input_name,
            )
        });
        let doc = docs(&format!(
            "Checks `input` without performing it: sends it with `{member}=true`, the service's \
             dry-run parameter, and the service checks permissions and parameters only.\n\n\
             Returns `Ok(DryRunPassed)` when the service answers `{code}`{status} (the call would \
             have succeeded); `Err(Error::Service)` with the service's error otherwise (e.g. no \
             permission, an invalid parameter); `Err(Error::NotDryRun)` if the service answers \
             with success, as it would if it ignored the parameter (the call may then have been \
             performed). The operations themselves never send `{member}`.{example}",
            member = d.member,
            code = d.code,
        ));
        quote! {
            #doc
            #[inline]
            pub async fn dry_run<I: crate::operation::DryRunInput>(&self, input: I) -> Result<crate::DryRunPassed, crate::Error> {
                self.inner.dry_run(&input).await
            }
        }
    });
    let global = service.global_endpoint.as_deref().map_or_else(|| "the pattern without its region".to_owned(), |g| format!("`{g}`"));
    let doc = docs(&format!(
        "Where every operation of this client is sent and how it is signed, resolved without \
         any network: URL and host, whether the host is global, the signature scope's service \
         name (`{}`) and region, the API version, whether the `Region` parameter is sent, and \
         the configured request method.\n\n\
         The regional host `{}` is the default, as in the document's samples; \
         `Config::builder().global_endpoint(true)` sends to the global host ({global}) with a \
         `Region` parameter, as the official Python SDK does. See [`ResolvedEndpoint`](crate::ResolvedEndpoint).",
        service.signing_name, service.endpoint
    ));
    quote! {
        #doc
        #[inline]
        pub fn endpoint(&self) -> &crate::ResolvedEndpoint {
            self.inner.endpoint()
        }

        #dry_run
    }
}
