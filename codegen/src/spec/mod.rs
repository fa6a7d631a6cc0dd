//! The spec format and reading it from YAML.

mod locate;
pub mod member_path;
mod model;
mod type_expr;
mod unique_map;

pub use locate::locate_line;
pub use model::*;
pub use type_expr::{Scalar, TypeExpr};
pub use unique_map::UniqueMap;
