//! Member type expressions: `string`, `list<Tag>`, `map<string,integer>`, `InstanceStatus`.

use std::fmt;

use super::limits::{type_depth, MAX_TYPE_DEPTH};

/// The first characters of a long expression, for messages.
fn abbreviated(s: &str) -> String {
    const SHOWN: usize = 60;
    if s.chars().count() <= SHOWN {
        s.to_owned()
    } else {
        format!("{}…", s.chars().take(SHOWN).collect::<String>())
    }
}

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
    ///
    /// An expression nested deeper than [`MAX_TYPE_DEPTH`] is refused before it is parsed
    /// (the parser recurses once a level).
    pub fn parse(input: &str) -> Result<Self, String> {
        let depth = type_depth(input);
        if depth > MAX_TYPE_DEPTH {
            return Err(format!(
                "`{}` nests {depth} levels of `list<>`/`map<>`: a type may nest at most {MAX_TYPE_DEPTH}",
                abbreviated(input)
            ));
        }
        Self::parse_bounded(input)
    }

    fn parse_bounded(input: &str) -> Result<Self, String> {
        let s = input.trim();
        if let Some(inner) = strip_generic(s, "list") {
            return Ok(Self::List(Box::new(Self::parse_bounded(inner)?)));
        }
        if let Some(inner) = strip_generic(s, "map") {
            let (key, value) = inner.split_once(',').ok_or_else(|| format!("`{}`: a map is written `map<string,T>`", abbreviated(s)))?;
            if key.trim() != "string" {
                return Err(format!("`{}`: map keys must be `string`", abbreviated(s)));
            }
            return Ok(Self::Map(Box::new(Self::parse_bounded(value)?)));
        }
        if let Some(scalar) = Scalar::parse(s) {
            return Ok(Self::Scalar(scalar));
        }
        let valid_name =
            s.chars().next().is_some_and(|c| c.is_ascii_uppercase()) && s.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if valid_name {
            Ok(Self::Named(s.to_owned()))
        } else {
            Err(format!(
                "`{}` is not a type: expected string, integer, long, boolean, float, double, \
                 list<T>, map<string,T> or a shape name in PascalCase",
                abbreviated(s)
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
    s.strip_prefix(name)?.trim_start().strip_prefix('<')?.strip_suffix('>')
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

    #[test]
    fn refuses_deep_expressions_without_recursing() {
        let nested = |n: usize| format!("{}string{}", "list<".repeat(n), ">".repeat(n));
        assert!(TypeExpr::parse(&nested(MAX_TYPE_DEPTH)).is_ok());
        let err = TypeExpr::parse(&nested(MAX_TYPE_DEPTH + 1)).unwrap_err();
        assert!(err.contains("nests 33 levels") && err.contains("at most 32"), "{err}");
        // Far deeper than any stack would take.
        let err = TypeExpr::parse(&nested(1_000_000)).unwrap_err();
        assert!(err.len() < 200, "{err}");
    }
}
