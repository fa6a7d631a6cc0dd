//! The spec format and reading it from YAML.

pub mod limits;
mod locate;
pub mod member_path;
mod model;
mod type_expr;
mod unique_map;

pub use locate::{locate, locate_line, KeyIndex};
pub use model::*;
pub use type_expr::{Scalar, TypeExpr};
pub use unique_map::UniqueMap;
