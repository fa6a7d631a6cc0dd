//! Trait impls shared by every generated string enum.

/// Implements `Display`, `FromStr`, `From<String>`, `AsRef<str>`, serde,
/// [`Member`](crate::response::structure::Member) (a structure member's decoding) and
/// [`WriteParam`](crate::operation::params::WriteParam) for a generated enum that has
/// `fn as_str(&self) -> &str` and `impl From<&str>`.
///
/// Unknown values never fail: they parse into the enum's `Unknown(String)` variant.
///
/// Every method is `#[inline]`: compiled where it is used, so a crate that never prints,
/// parses, writes or decodes an enum (a service's `ErrorCode` in its own crate) compiles none.
///
/// `string_enum!(Type, Type::VALUES)` (`, case_insensitive` after it when the enum parses
/// regardless of ASCII case) names the values the enum knows, for sources that make values
/// rather than read them ([`Source::enum_text`](crate::response::structure::Source::enum_text):
/// the server feature's arbitrary values); `string_enum!(Type)` names none.
#[macro_export]
macro_rules! string_enum {
    (@impl $ty:ty, $values:expr, $case_insensitive:expr) => {
        impl ::std::convert::From<::std::string::String> for $ty {
            #[inline]
            fn from(value: ::std::string::String) -> Self {
                <$ty as ::std::convert::From<&str>>::from(value.as_str())
            }
        }

        impl ::std::str::FromStr for $ty {
            type Err = ::std::convert::Infallible;
            #[inline]
            fn from_str(value: &str) -> ::std::result::Result<Self, Self::Err> {
                ::std::result::Result::Ok(<$ty as ::std::convert::From<&str>>::from(value))
            }
        }

        impl ::std::convert::AsRef<str> for $ty {
            #[inline]
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }

        impl ::std::fmt::Display for $ty {
            #[inline]
            fn fmt(&self, f: &mut ::std::fmt::Formatter<'_>) -> ::std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::__private::serde::Serialize for $ty {
            #[inline]
            fn serialize<S: $crate::__private::serde::Serializer>(&self, serializer: S) -> ::std::result::Result<S::Ok, S::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> $crate::__private::serde::Deserialize<'de> for $ty {
            #[inline]
            fn deserialize<D: $crate::__private::serde::Deserializer<'de>>(deserializer: D) -> ::std::result::Result<Self, D::Error> {
                $crate::operation::params::deserialize_wire_string(deserializer).map(|s| <$ty>::from(s))
            }
        }

        impl $crate::response::structure::Member for $ty {
            #[inline]
            fn read(
                value: &mut dyn $crate::response::structure::Source,
            ) -> ::std::result::Result<Self, $crate::response::structure::Error> {
                value.enum_text($values, $case_insensitive).map(<$ty>::from)
            }

            #[inline]
            fn read_option(
                value: &mut dyn $crate::response::structure::Source,
            ) -> ::std::result::Result<::std::option::Option<Self>, $crate::response::structure::Error> {
                ::std::result::Result::Ok(value.opt_enum_text($values, $case_insensitive)?.map(<$ty>::from))
            }
        }

        impl $crate::operation::params::WriteParam for $ty {
            #[inline]
            fn write_param(&self, key: &str, out: &mut $crate::operation::params::Params) {
                out.push(key, self.as_str());
            }
        }
    };
    ($ty:ty) => {
        $crate::string_enum!($ty, &[]);
    };
    ($ty:ty, $values:expr) => {
        $crate::string_enum!(@impl $ty, $values, false);
    };
    ($ty:ty, $values:expr, case_insensitive) => {
        $crate::string_enum!(@impl $ty, $values, true);
    };
}
