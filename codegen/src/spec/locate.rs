//! Finding the place of a key path (`operations.ListInstances.input.PageSize`) in YAML text.
//!
//! serde_yaml reports positions only for errors it raises itself; validation runs on the
//! deserialized model, so its diagnostics find their place by walking the text. Block-style
//! mappings (the style specs are written in) are followed by indentation; a numeric segment
//! (`errors.2`) picks an item of a block sequence (`- …`); a path that goes on inside a flow
//! mapping (`{type: string}`) is looked up in that line. The walk is linear in the text
//! and never recurses.

/// Returns the 1-based line where the last key of `path` is written, or the deepest
/// prefix of it that could be found.
pub fn locate_line(text: &str, path: &[&str]) -> Option<usize> {
    locate(text, path).map(|(line, _)| line)
}

/// Returns the 1-based line and column (in characters) where the last key of `path` is
/// written, or where the deepest prefix of it that could be found is.
pub fn locate(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    let lines: Vec<&str> = text.lines().collect();
    let mut start = 0usize;
    let mut parent_indent: Option<usize> = None;
    let mut found: Option<(usize, usize)> = None;
    'segments: for (n, segment) in path.iter().enumerate() {
        let index: Option<usize> = segment.parse().ok();
        let mut items_seen = 0usize;
        let mut item_indent: Option<usize> = None;
        for (i, line) in lines.iter().enumerate().skip(start) {
            let trimmed = line.trim_start_matches(' ');
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            let indent = line.len() - trimmed.len();
            if let Some(p) = parent_indent {
                // The line of the sequence item just entered holds its first key.
                if indent <= p && !(i == start && index.is_none() && n > 0 && path[n - 1].parse::<usize>().is_ok()) {
                    break; // left the parent's block without finding the key
                }
            }
            if let Some(wanted) = index {
                if !(trimmed == "-" || trimmed.starts_with("- ")) {
                    continue;
                }
                let first = *item_indent.get_or_insert(indent);
                if indent != first {
                    continue;
                }
                if items_seen == wanted {
                    found = Some((i + 1, indent + 1));
                    start = i;
                    parent_indent = Some(indent);
                    continue 'segments;
                }
                items_seen += 1;
                continue;
            }
            let (key_at, rest) = strip_dashes(line, indent);
            if i == start && rest.starts_with('{') && n > 0 && path[n - 1].parse::<usize>().is_ok() {
                // A sequence item written as a flow mapping: `- {code: A}`.
                if let Some(column) = locate_in_flow(line, key_at, &path[n..]) {
                    found = Some((i + 1, column));
                }
                return found;
            }
            let Some((key, after)) = key_of(rest) else { continue };
            if key != *segment {
                continue;
            }
            found = Some((i + 1, char_column(line, key_at)));
            let value = rest[after..].trim_start();
            if value.starts_with('{') || value.starts_with('[') {
                // The rest of the path is inside a flow collection on this line.
                let offset = line.len() - value.len();
                if let Some(column) = locate_in_flow(line, offset, &path[n + 1..]) {
                    found = Some((i + 1, column));
                }
                return found;
            }
            start = i + 1;
            parent_indent = Some(key_at);
            continue 'segments;
        }
        break;
    }
    found
}

/// The byte offset where a line's content starts after its `- ` sequence indicators, and
/// that content.
fn strip_dashes(line: &str, indent: usize) -> (usize, &str) {
    let mut at = indent;
    let mut rest = &line[indent..];
    while let Some(r) = rest.strip_prefix("- ") {
        let r2 = r.trim_start_matches(' ');
        at += rest.len() - r2.len();
        rest = r2;
    }
    (at, rest)
}

/// The key of a `key: value` line (quotes removed) and the byte offset after its `:`.
fn key_of(trimmed: &str) -> Option<(&str, usize)> {
    if let Some(quote) = trimmed.chars().next().filter(|c| *c == '"' || *c == '\'') {
        let body = &trimmed[1..];
        let end = body.find(quote)?;
        let after = &body[end + 1..];
        let colon = after.len() - after.trim_start_matches(' ').len();
        if !after[colon..].starts_with(':') {
            return None;
        }
        return Some((&body[..end], 1 + end + 1 + colon + 1));
    }
    let colon = trimmed.match_indices(':').map(|(i, _)| i).find(|&i| {
        trimmed[i + 1..].is_empty() || trimmed[i + 1..].starts_with(' ')
    })?;
    Some((trimmed[..colon].trim_end(), colon + 1))
}

/// The column of the last of `path`'s keys found, one inside the other, in the flow
/// collection starting at byte `from` of `line`.
fn locate_in_flow(line: &str, from: usize, path: &[&str]) -> Option<usize> {
    let mut at = from;
    let mut found = None;
    for segment in path {
        if segment.parse::<usize>().is_ok() {
            break;
        }
        let hit = line[at..].match_indices(segment).map(|(i, _)| at + i).find(|&i| {
            let before = line[..i].trim_end_matches(['"', '\'']).chars().next_back();
            let after = line[i + segment.len()..].trim_start_matches(['"', '\'']).trim_start_matches(' ');
            matches!(before, Some('{' | ',' | ' ')) && after.starts_with(':')
        });
        let Some(i) = hit else { break };
        let quoted = line[..i].ends_with(['"', '\'']);
        found = Some(char_column(line, if quoted { i - 1 } else { i }));
        at = i + segment.len();
    }
    found
}

/// The 1-based column, in characters, of byte `at` of `line`.
fn char_column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(at, |s| s.chars().count()) + 1
}

#[cfg(test)]
mod tests {
    use super::{locate, locate_line};

    const TEXT: &str = "service:\n  name: x\noperations:\n  A:\n    input:\n      PageSize:\n        type: integer\n  B:\n    input:\n      PageSize: {type: long, range: {min: 1}}\n";

    #[test]
    fn finds_nested_keys_within_their_parent() {
        assert_eq!(locate(TEXT, &["operations", "A", "input", "PageSize"]), Some((6, 7)));
        assert_eq!(locate(TEXT, &["operations", "B", "input", "PageSize", "type"]), Some((10, 18)));
        assert_eq!(locate(TEXT, &["operations", "B", "input", "PageSize", "range", "min"]), Some((10, 38)));
        assert_eq!(locate(TEXT, &["operations", "A", "input", "PageSize", "type"]), Some((7, 9)));
    }

    #[test]
    fn falls_back_to_the_deepest_prefix() {
        assert_eq!(locate_line(TEXT, &["operations", "C"]), Some(3));
        assert_eq!(locate(TEXT, &["operations", "B", "input", "PageSize", "nope"]), Some((10, 7)));
        assert_eq!(locate_line(TEXT, &["nothing"]), None);
    }

    #[test]
    fn follows_sequence_items_and_quoted_keys() {
        let text = "errors:\n  - code: A\n  - code: B\n    docs: b\n  - {code: C}\n\"quoted\":\n  'in': 1\n";
        assert_eq!(locate(text, &["errors", "1"]), Some((3, 3)));
        assert_eq!(locate(text, &["errors", "1", "docs"]), Some((4, 5)));
        assert_eq!(locate(text, &["errors", "0", "code"]), Some((2, 5)));
        assert_eq!(locate(text, &["errors", "2", "code"]), Some((5, 6)));
        assert_eq!(locate(text, &["quoted", "in"]), Some((7, 3)));
    }
}
