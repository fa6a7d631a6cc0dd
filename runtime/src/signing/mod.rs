//! One interface for every request signature, as `aws-sigv4` shapes its own: a
//! [`SignableRequest`] (method, host, path, query, headers, body), the scheme's own
//! settings (region and service, time, nonce, where the signature goes…) and the access
//! key pair, given to the scheme's `sign` function, each of the same shape
//! `sign(&SignableRequest, &Credentials, &Settings) -> Output`:
//!
//! | scheme | function | settings | output |
//! |---|---|---|---|
//! | `AWS4-HMAC-SHA256` (Kingsoft) | [`crate::signing::sigv4::sign`] | [`crate::signing::sigv4::SigningSettings`] | [`crate::signing::sigv4::Signature`] |
//! | `ACS3-HMAC-SHA256` (Aliyun) | [`crate::aliyun::acs3::sign`] | [`crate::aliyun::SigningSettings`] | [`crate::aliyun::Signed`] |
//! | `HMAC-SHA1` (Aliyun RPC 1.0) | [`crate::aliyun::rpc_v1::sign`] | [`crate::aliyun::SigningSettings`] | [`crate::aliyun::Signed`] |
//! | `JDCLOUD3-HMAC-SHA256`, `JDCLOUD2-HMAC-SHA256` | [`crate::jdcloud::sign::sign`], [`crate::jdcloud::sign::sign_jdcloud2`] | [`crate::jdcloud::sign::SigningSettings`] | [`crate::jdcloud::sign::Signed`] |
//!
//! (No trait over them: nothing chooses a scheme generically; each provider's client calls its
//! own.) The byte-level encoders they share live in [`crate::request::encoding`]. A signer
//! never fails: what it signs is already a valid request, and the kind of identity it needs
//! was checked once, where the identity is resolved for the attempt
//! ([`Wire::Key`](crate::client::send::Wire::Key)).

pub mod sigv4;

use std::borrow::Cow;

/// The body of a [`SignableRequest`].
#[derive(Debug, Clone, Copy)]
pub enum SignableBody<'a> {
    /// The body's bytes, as sent.
    Bytes(&'a [u8]),
    /// An `application/x-www-form-urlencoded` body given as its parameters (not yet
    /// encoded), as Aliyun's RPC protocol sends them: `HMAC-SHA1` signs them one by one.
    Form(&'a [(String, String)]),
}

impl<'a> SignableBody<'a> {
    /// No body.
    pub const EMPTY: SignableBody<'static> = SignableBody::Bytes(b"");

    /// Whether the body is empty.
    pub fn is_empty(&self) -> bool {
        match self {
            Self::Bytes(b) => b.is_empty(),
            Self::Form(pairs) => pairs.is_empty(),
        }
    }

    /// The body as form parameters: [`SignableBody::Form`]'s own, or bytes read as an
    /// `application/x-www-form-urlencoded` body by
    /// [`percent_decode`](crate::request::encoding::percent_decode) (`+` a space, `%XY`
    /// decoded), as [`Signed::query_pairs`](crate::aliyun::Signed::query_pairs) reads a query
    /// and as the services read both. (yun's own encoders never write a literal `+`: a `+` is
    /// `%2B`, a space `%20`, or `+` in Kingsoft's form bodies.)
    pub fn form_pairs(&self) -> Cow<'a, [(String, String)]> {
        match *self {
            Self::Form(pairs) => Cow::Borrowed(pairs),
            Self::Bytes(&[]) => Cow::Borrowed(&[]),
            Self::Bytes(b) => {
                let text = String::from_utf8_lossy(b);
                Cow::Owned(
                    text.split('&')
                        .filter(|pair| !pair.is_empty())
                        .map(|pair| {
                            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                            (crate::request::encoding::percent_decode(k), crate::request::encoding::percent_decode(v))
                        })
                        .collect(),
                )
            }
        }
    }

    /// The body's bytes: [`SignableBody::Bytes`] as they are, form parameters encoded as
    /// the Aliyun SDKs encode them ([`crate::request::encoding::form_encode`]).
    pub fn bytes(&self) -> Cow<'a, [u8]> {
        match *self {
            Self::Bytes(b) => Cow::Borrowed(b),
            Self::Form(pairs) => Cow::Owned(crate::request::encoding::form_encode(pairs).into_bytes()),
        }
    }
}

/// A request to sign, as every scheme takes it.
#[derive(Debug, Clone, Copy)]
pub struct SignableRequest<'a> {
    /// HTTP method (`GET`, `POST`).
    pub method: &'a str,
    /// The `Host` header's value: host, or `host:port` when the port is not the scheme's
    /// default.
    pub host: &'a str,
    /// The path as sent (`/`, `/v1/regions/cn-north-1/instances`); a scheme that
    /// percent-encodes it says so.
    pub path: &'a str,
    /// Query parameters, not yet encoded.
    pub query: &'a [(String, String)],
    /// Headers to sign and send besides the scheme's own (names in any case).
    pub headers: &'a [(String, String)],
    /// The body.
    pub body: SignableBody<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_form_body_is_the_same_as_pairs_or_as_bytes() {
        let pairs = vec![("A b".to_owned(), "x+y*".to_owned()), ("Z".to_owned(), String::new())];
        let bytes = SignableBody::Form(&pairs).bytes().into_owned();
        assert_eq!(SignableBody::Bytes(&bytes).form_pairs().as_ref(), pairs.as_slice());
        assert!(SignableBody::EMPTY.is_empty() && SignableBody::EMPTY.form_pairs().is_empty());
        assert!(!SignableBody::Form(&pairs).is_empty());
    }

    /// A form body and a signed query are read alike: `+` is a space, `%2B` a plus, `%20` a
    /// space, in names and values.
    #[test]
    fn form_bodies_and_signed_queries_read_plus_alike() {
        let text = "a+b%2Bc=x+y%2Bz%20w&Signature=APvn%2FEg86MuxyGif2XzJg6%2BYReg%3D&Plus=1+1";
        let expected = [("a b+c", "x y+z w"), ("Signature", "APvn/Eg86MuxyGif2XzJg6+YReg="), ("Plus", "1 1")]
            .map(|(k, v)| (k.to_owned(), v.to_owned()));
        let form = SignableBody::Bytes(text.as_bytes()).form_pairs().into_owned();
        let signed = crate::aliyun::Signed {
            query: text.to_owned(),
            headers: Vec::new(),
            body: String::new(),
            canonical_request: None,
            string_to_sign: String::new(),
        };
        assert_eq!(form, expected);
        assert_eq!(signed.query_pairs(), expected);
        // And what yun writes reads back as it was.
        let bytes = SignableBody::Form(&expected).bytes().into_owned();
        assert!(!bytes.contains(&b'+'), "{}", String::from_utf8_lossy(&bytes));
        assert_eq!(SignableBody::Bytes(&bytes).form_pairs().as_ref(), expected.as_slice());
    }
}
