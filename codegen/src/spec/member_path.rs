//! Paths into an operation's output (`Instances.Instance.Status`), as paginators and waiters
//! name the members they read: wire names joined by `.`; a list on the way is looked into
//! item by item.

use super::{Member, ShapeKind, Spec, TypeExpr, UniqueMap};

/// One member on a path.
#[derive(Debug, Clone)]
pub struct Step<'a> {
    /// The member's wire name.
    pub wire: &'a str,
    /// The member.
    pub member: &'a Member,
    /// The member's type.
    pub ty: TypeExpr,
}

impl Step<'_> {
    /// The member is a list: what follows applies to each item.
    pub fn is_list(&self) -> bool {
        matches!(self.ty, TypeExpr::List(_))
    }

    /// The type of the member, or of its items for a list.
    pub fn item_type(&self) -> &TypeExpr {
        match &self.ty {
            TypeExpr::List(inner) => inner,
            other => other,
        }
    }
}

/// Resolves `path` against `members` (an operation's output); the error says which segment
/// does not resolve and why.
pub fn resolve<'a>(spec: &'a Spec, members: &'a UniqueMap<Member>, path: &'a str) -> Result<Vec<Step<'a>>, String> {
    let mut steps: Vec<Step<'a>> = Vec::new();
    let mut scope = members;
    for segment in path.split('.') {
        if let Some(previous) = steps.last() {
            let name = match previous.item_type() {
                TypeExpr::Named(name) => name.as_str(),
                other => return Err(format!("`{}` is {other}: it has no member `{segment}`", previous.wire)),
            };
            scope = match spec.shapes.get(name) {
                Some(shape) if shape.kind == ShapeKind::Structure => {
                    shape.members.as_ref().ok_or_else(|| format!("`{name}` has no members"))?
                }
                _ => return Err(format!("`{}` is a `{name}`, not a structure: it has no member `{segment}`", previous.wire)),
            };
        }
        let Some((wire, member)) = scope.get_key_value(segment) else {
            return Err(format!("no member `{segment}` (there are: {})", some_names(scope.keys().map(String::as_str))));
        };
        let ty = TypeExpr::parse(&member.ty).map_err(|e| format!("`{segment}`: {e}"))?;
        if matches!(ty, TypeExpr::Map(_)) {
            return Err(format!("`{segment}` is a map: a path cannot go through it"));
        }
        steps.push(Step { wire, member, ty });
    }
    Ok(steps)
}

/// The names a message lists as the choices: the first ten, then how many more (a message
/// per problem must not grow with the size of the spec); `none` when there are none.
pub fn some_names<'a>(names: impl Iterator<Item = &'a str>) -> String {
    const SHOWN: usize = 10;
    let mut shown: Vec<&str> = Vec::new();
    let mut more = 0usize;
    for name in names {
        if shown.len() < SHOWN {
            shown.push(name);
        } else {
            more += 1;
        }
    }
    match (shown.is_empty(), more) {
        (true, _) => "none".to_owned(),
        (false, 0) => shown.join(", "),
        (false, more) => format!("{}, and {more} more", shown.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::some_names;

    #[test]
    fn lists_ten_names_at_most() {
        assert_eq!(some_names([].into_iter()), "none");
        assert_eq!(some_names(["a", "b"].into_iter()), "a, b");
        let many: Vec<String> = (0..25).map(|i| format!("n{i}")).collect();
        assert_eq!(some_names(many.iter().map(String::as_str)), "n0, n1, n2, n3, n4, n5, n6, n7, n8, n9, and 15 more");
    }
}
