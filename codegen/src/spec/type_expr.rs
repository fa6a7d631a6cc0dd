//! Member type expressions: `string`, `list<Tag>`, `map<string,integer>`, `InstanceStatus`.

use std::fmt;

/// Built-in scalar types.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scalar {
    /// UTF-8 text.
    String,
    /// 32-bit signed integer.
    Integer,
    /// 64-bit signed integer.
    Long,
    /// `true` / `false`.
    Boolean,
    /// 32-bit float.
    Float,
    /// 64-bit float.
    Double,
}

impl Scalar {
    fn parse(s: &str) -> Option<Self> {
        Some(match s {
            "string" => Self::String,
            "integer" => Self::Integer,
            "long" => Self::Long,
            "boolean" => Self::Boolean,
            "float" => Self::Float,
            "double" => Self::Double,
            _ => return None,
        })
    }

    /// The spelling used in specs.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::String => "string",
            Self::Integer => "integer",
            Self::Long => "long",
            Self::Boolean => "boolean",
            Self::Float => "float",
            Self::Double => "double",
        }
    }
}

/// A parsed type expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TypeExpr {
    /// A built-in scalar.
    Scalar(Scalar),
    /// `list<T>`.
    List(Box<TypeExpr>),
    /// `map<string,T>`.
    Map(Box<TypeExpr>),
    /// A shape defined under `shapes:`.
    Named(String),
}

impl TypeExpr {
    /// Parses a type expression; the error says what was expected.
    pub fn parse(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if let Some(inner) = strip_generic(s, "list") {
            return Ok(Self::List(Box::new(Self::parse(inner)?)));
        }
        if let Some(inner) = strip_generic(s, "map") {
            let (key, value) = inner
                .split_once(',')
                .ok_or_else(|| format!("`{s}`: a map is written `map<string,T>`"))?;
            if key.trim() != "string" {
                return Err(format!("`{s}`: map keys must be `string`"));
            }
            return Ok(Self::Map(Box::new(Self::parse(value)?)));
        }
        if let Some(scalar) = Scalar::parse(s) {
            return Ok(Self::Scalar(scalar));
        }
        let valid_name = s.chars().next().is_some_and(|c| c.is_ascii_uppercase())
            && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if valid_name {
            Ok(Self::Named(s.to_owned()))
        } else {
            Err(format!(
                "`{s}` is not a type: expected string, integer, long, boolean, float, double, \
                 list<T>, map<string,T> or a shape name in PascalCase"
            ))
        }
    }

    /// Every shape name this expression refers to.
    pub fn named(&self) -> Option<&str> {
        match self {
            Self::Scalar(_) => None,
            Self::List(t) | Self::Map(t) => t.named(),
            Self::Named(n) => Some(n),
        }
    }
}

fn strip_generic<'a>(s: &'a str, name: &str) -> Option<&'a str> {
    s.strip_prefix(name)?
        .trim_start()
        .strip_prefix('<')?
        .strip_suffix('>')
}

impl fmt::Display for TypeExpr {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Scalar(s) => f.write_str(s.as_str()),
            Self::List(t) => write!(f, "list<{t}>"),
            Self::Map(t) => write!(f, "map<string,{t}>"),
            Self::Named(n) => f.write_str(n),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_nested_generics() {
        assert_eq!(
            TypeExpr::parse("list<map<string, Tag>>").unwrap(),
            TypeExpr::List(Box::new(TypeExpr::Map(Box::new(TypeExpr::Named("Tag".into())))))
        );
        assert_eq!(TypeExpr::parse("long").unwrap(), TypeExpr::Scalar(Scalar::Long));
    }

    #[test]
    fn rejects_what_is_not_a_type() {
        assert!(TypeExpr::parse("int").unwrap_err().contains("not a type"));
        assert!(TypeExpr::parse("map<integer,string>").unwrap_err().contains("map keys"));
        assert!(TypeExpr::parse("list<>").is_err());
    }
}
