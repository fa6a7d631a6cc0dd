//! `src/error.rs`: the service's documented error codes as an enum.

use proc_macro2::TokenStream;
use quote::quote;

use super::syntax::{docs, ident};
use crate::ir::Service;

/// The whole `error.rs` module.
pub fn error_module(service: &Service) -> TokenStream {
    let variants = service.errors.iter().map(|e| {
        let id = ident(&e.name);
        let text = if e.docs.is_empty() { format!("`{}`", e.code) } else { format!("`{}`: {}", e.code, e.docs) };
        let doc = docs(&text);
        quote!(#doc #id,)
    });
    let to_str = service.errors.iter().map(|e| {
        let id = ident(&e.name);
        let code = &e.code;
        quote!(Self::#id => #code,)
    });
    let from_str = service.errors.iter().map(|e| {
        let id = ident(&e.name);
        let code = &e.code;
        quote!(#code => Self::#id,)
    });
    let from_body = if service.errors.is_empty() {
        quote!(Self::Unknown(code.to_owned()))
    } else {
        quote! {
            match code {
                #(#from_str)*
                other => Self::Unknown(other.to_owned()),
            }
        }
    };
    let string_enum = super::runtime_types::string_enum();
    quote! {
        //! Error codes the service documents.

        /// An error code the service documents; codes this version does not know are
        /// kept in [`ErrorCode::Unknown`].
        #[derive(Clone, Debug, PartialEq, Eq, Hash)]
        #[non_exhaustive]
        pub enum ErrorCode {
            #(#variants)*
            /// A code this version of the SDK does not know, kept as sent.
            Unknown(String),
        }

        impl ErrorCode {
            /// The code as the service sends it.
            #[inline]
            pub fn as_str(&self) -> &str {
                match self {
                    #(#to_str)*
                    Self::Unknown(code) => code,
                }
            }

            /// The service error code carried by `error`, if it is a service error with a code.
            #[inline]
            pub fn of(error: &crate::Error) -> Option<Self> {
                error.service_code().map(Self::from)
            }
        }

        impl From<&str> for ErrorCode {
            #[inline]
            fn from(code: &str) -> Self {
                #from_body
            }
        }

        #string_enum(ErrorCode);
    }
}
