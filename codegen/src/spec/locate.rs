//! Finding the line of a key path (`operations.ListInstances.input.PageSize`) in YAML text.
//!
//! serde_yaml reports positions only for errors it raises itself; validation runs on the
//! deserialized model, so its diagnostics find their line by walking the text. Block-style
//! mappings (the style specs are written in) are followed by indentation; a path that goes
//! through a flow mapping (`{type: string}`) resolves to the line of the flow mapping.

/// Returns the 1-based line where the last key of `path` is written, or the deepest
/// prefix of it that could be found.
pub fn locate_line(text: &str, path: &[&str]) -> Option<usize> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0usize;
    let mut parent_indent: Option<usize> = None;
    let mut found = None;
    'segments: for segment in path {
        for (i, line) in lines.iter().enumerate().skip(start) {
            let trimmed = line.trim_start();
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if let Some(p) = parent_indent {
                if indent <= p {
                    break; // left the parent's block without finding the key
                }
            }
            if key_of(trimmed) == Some(segment) {
                found = Some(i + 1);
                if trimmed.contains('{') {
                    return found; // the rest of the path is inside a flow mapping
                }
                start = i + 1;
                parent_indent = Some(indent);
                continue 'segments;
            }
        }
        break;
    }
    found
}

fn key_of(trimmed: &str) -> Option<&str> {
    let (key, _) = trimmed.split_once(':')?;
    let key = key.trim();
    let key = key
        .strip_prefix('"')
        .and_then(|k| k.strip_suffix('"'))
        .or_else(|| key.strip_prefix('\'').and_then(|k| k.strip_suffix('\'')))
        .unwrap_or(key);
    Some(key)
}

#[cfg(test)]
mod tests {
    use super::locate_line;

    const TEXT: &str = "service:\n  name: x\noperations:\n  A:\n    input:\n      PageSize:\n        type: integer\n  B:\n    input:\n      PageSize: {type: long}\n";

    #[test]
    fn finds_nested_keys_within_their_parent() {
        assert_eq!(locate_line(TEXT, &["operations", "A", "input", "PageSize"]), Some(6));
        assert_eq!(locate_line(TEXT, &["operations", "B", "input", "PageSize", "type"]), Some(10));
        assert_eq!(locate_line(TEXT, &["operations", "A", "input", "PageSize", "type"]), Some(7));
    }

    #[test]
    fn falls_back_to_the_deepest_prefix() {
        assert_eq!(locate_line(TEXT, &["operations", "C"]), Some(3));
        assert_eq!(locate_line(TEXT, &["nothing"]), None);
    }
}
