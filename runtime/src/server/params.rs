//! Reading flattened parameters back into values: the inverse of
//! [`WriteParam`](crate::operation::params::WriteParam).

use std::collections::BTreeMap;

use super::{Params, Rejection};

/// A value read back from request parameters under a key, as
/// [`WriteParam`](crate::operation::params::WriteParam) wrote it: a scalar from its text, a
/// list from `key.1`, `key.2`, … (up to the first index nothing was written under), a map
/// from `key.<name>`, a generated structure from `key.<Member>`.
pub trait ReadParam: Sized {
    /// The value under `key`, `None` when nothing was written under it.
    ///
    /// # Errors
    ///
    /// [`RejectionKind::InvalidParameter`](super::RejectionKind::InvalidParameter) naming the
    /// parameter whose text does not parse.
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection>;
}

/// A value written as one parameter's text (a scalar or a generated enum): how it parses back.
pub trait ParamValue: Sized {
    /// The value `text` holds.
    ///
    /// # Errors
    ///
    /// What the text should have been (`an integer`), for the rejection's message.
    fn parse_param(text: &str) -> Result<Self, String>;
}

impl<T: ParamValue> ReadParam for T {
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection> {
        match params.get(key) {
            None => Ok(None),
            Some(text) => T::parse_param(text).map(Some).map_err(|e| Rejection::invalid(key, format!("`{key}` is not {e}"))),
        }
    }
}

impl ParamValue for String {
    fn parse_param(text: &str) -> Result<Self, String> {
        Ok(text.to_owned())
    }
}

impl ParamValue for bool {
    /// `true` or `false` as the clients write them; any letter case, as the services accept.
    fn parse_param(text: &str) -> Result<Self, String> {
        if text.eq_ignore_ascii_case("true") {
            Ok(true)
        } else if text.eq_ignore_ascii_case("false") {
            Ok(false)
        } else {
            Err("a boolean (true or false)".to_owned())
        }
    }
}

macro_rules! parsed_values {
    ($($t:ty => $what:literal),*) => {$(
        impl ParamValue for $t {
            fn parse_param(text: &str) -> Result<Self, String> {
                text.trim().parse().map_err(|_| $what.to_owned())
            }
        }
    )*};
}
parsed_values!(i32 => "a 32-bit integer", i64 => "a 64-bit integer", u32 => "an unsigned 32-bit integer", u64 => "an unsigned 64-bit integer", f32 => "a number", f64 => "a number");

impl<T: ReadParam> ReadParam for Vec<T> {
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection> {
        if !params.has_prefix(key) {
            return Ok(None);
        }
        let mut items = Vec::new();
        // Indexes from 1 up to the first one nothing was written under; the number of
        // parameters bounds the loop.
        for i in 1usize.. {
            match T::read_param(params, &format!("{key}.{i}"))? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(Some(items))
    }
}

impl<T: ReadParam> ReadParam for BTreeMap<String, T> {
    /// `key.<name>` for each name: the text up to the next `.` when a value reads there (a map
    /// of structures writes `key.<name>.<Member>`), else the whole rest (a key holding `.`).
    fn read_param(params: &Params, key: &str) -> Result<Option<Self>, Rejection> {
        if !params.has_prefix(key) {
            return Ok(None);
        }
        let mut names: Vec<&str> = params.under(key).collect();
        names.dedup();
        let mut out = BTreeMap::new();
        for name in names {
            // A value under the name's first part (a structure's members follow it), else a
            // scalar under the whole rest (a key holding `.`).
            let first = name.split('.').next().unwrap_or(name);
            if !out.contains_key(first) {
                if let Some(value) = T::read_param(params, &format!("{key}.{first}"))? {
                    out.insert(first.to_owned(), value);
                    continue;
                }
            }
            if !out.contains_key(name) {
                if let Some(value) = T::read_param(params, &format!("{key}.{name}"))? {
                    out.insert(name.to_owned(), value);
                }
            }
        }
        Ok(Some(out))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::operation::params::{Params as Written, WriteParam};

    fn read_back<T: WriteParam + ReadParam>(value: &T) -> Option<T> {
        let mut written = Written::new();
        value.write_param("K", &mut written);
        Params::from_pairs(written.pairs().iter().cloned()).read("K").unwrap()
    }

    #[test]
    fn lists_maps_and_scalars_read_back() {
        let list = vec![vec!["a".to_owned(), String::new()], vec!["c.d".to_owned()]];
        assert_eq!(read_back(&list), Some(list));
        let map: BTreeMap<String, i64> = [("x".to_owned(), i64::MIN), ("y.z".to_owned(), 3)].into_iter().collect();
        assert_eq!(read_back(&map), Some(map));
        assert_eq!(read_back(&1.5f32), Some(1.5));
        assert_eq!(read_back(&true), Some(true));
        assert_eq!(Params::default().read::<Vec<String>>("K").unwrap(), None);
    }

    #[test]
    fn a_list_of_one_reads_its_plain_form_too() {
        let plain = Params::from_pairs([("SecurityGroupId", "sg-1")]);
        assert_eq!(plain.read_one_or_list::<String>("SecurityGroupId").unwrap(), Some(vec!["sg-1".to_owned()]));
        // A plain list read as a list does not see it: only the members that allow it do.
        assert_eq!(plain.read::<Vec<String>>("SecurityGroupId").unwrap(), None);
        let indexed = Params::from_pairs([("SecurityGroupId.1", "sg-2"), ("SecurityGroupId", "sg-1")]);
        assert_eq!(indexed.required_one_or_list::<String>("SecurityGroupId").unwrap(), ["sg-2"], "the indexed form wins");
        assert!(Params::default().required_one_or_list::<String>("SecurityGroupId").is_err());
        let bad = Params::from_pairs([("Count", "x")]);
        assert!(bad.read_one_or_list::<i32>("Count").is_err(), "a value that does not parse");
    }
}
