//! Finding the place of a key path (`operations.ListInstances.input.PageSize`) in YAML text.
//!
//! serde_yaml reports positions only for errors it raises itself; validation runs on the
//! deserialized model, so its diagnostics find their place in the text. [`KeyIndex`] reads the
//! text once, line by line, and records where each key of a block mapping and each item of
//! a block sequence (`- …`, numbered from 0) is written, by indentation (the style specs are
//! written in); a path that goes on inside a flow collection (`{type: string}`) is looked up
//! in that line. Building the index is linear in the text and never recurses; a lookup costs
//! the length of the path, so locating every diagnostic of a large spec stays linear too.

use std::borrow::Cow;
use std::collections::HashMap;

/// Returns the 1-based line where the last key of `path` is written, or the deepest
/// prefix of it that could be found.
pub fn locate_line(text: &str, path: &[&str]) -> Option<usize> {
    locate(text, path).map(|(line, _)| line)
}

/// Returns the 1-based line and column (in characters) where the last key of `path` is
/// written, or where the deepest prefix of it that could be found is. To look up many
/// paths in one text, build an [`KeyIndex`] once.
pub fn locate(text: &str, path: &[&str]) -> Option<(usize, usize)> {
    KeyIndex::new(text).find(path)
}

/// Where the keys of a YAML text are written, by path.
#[derive(Debug, Clone)]
pub struct KeyIndex<'a> {
    lines: Vec<&'a str>,
    /// (parent node, key or item number) → node; node 0 is the document.
    children: HashMap<(usize, String), usize>,
    /// Per node: its place (node 0's is a placeholder).
    places: Vec<Place>,
    /// Per node: its parent and its key (node 0's is a placeholder).
    parents: Vec<(usize, String)>,
    /// Per line: the innermost node open after it.
    innermost: Vec<usize>,
}

#[derive(Debug, Clone, Copy)]
struct Place {
    /// 0-based line.
    line: usize,
    /// 1-based column in characters.
    column: usize,
    /// Byte offset and 1-based column in the line where the node's value opens a flow
    /// collection.
    flow: Option<(usize, usize)>,
}

impl<'a> KeyIndex<'a> {
    /// Reads `text` once.
    pub fn new(text: &'a str) -> Self {
        let mut index = Self {
            lines: text.lines().collect(),
            children: HashMap::new(),
            places: vec![Place { line: 0, column: 1, flow: None }],
            parents: vec![(0, String::new())],
            innermost: Vec::new(),
        };
        // Open nodes: (indentation, node, is a sequence item), innermost last.
        let mut stack: Vec<(usize, usize, bool)> = Vec::new();
        let mut items: HashMap<usize, usize> = HashMap::new();
        let mut block_scalar: Option<usize> = None;
        for i in 0..index.lines.len() {
            if i > 0 {
                index.innermost.push(stack.last().map_or(0, |&(_, n, _)| n));
            }
            let line = index.lines[i];
            let trimmed = line.trim_start_matches(' ');
            let indent = line.len() - trimmed.len();
            if let Some(parent) = block_scalar {
                if trimmed.is_empty() || indent > parent {
                    continue;
                }
                block_scalar = None;
            }
            if trimmed.is_empty() || trimmed.starts_with('#') {
                continue;
            }
            // Sequence items: `- ` (possibly several on one line).
            let mut at = indent;
            let mut rest = trimmed;
            while rest == "-" || rest.starts_with("- ") {
                // A sequence may be indented as much as the key holding it (`key:\n- item`).
                while stack.last().is_some_and(|&(i, _, item)| i > at || (i == at && item)) {
                    stack.pop();
                }
                let parent = stack.last().map_or(0, |&(_, n, _)| n);
                let number = items.entry(parent).or_insert(0);
                let key = number.to_string();
                *number += 1;
                let after = rest[1..].trim_start_matches(' ');
                let value_at = at + (rest.len() - after.len());
                // Up to `value_at` the line holds only blanks and dashes: bytes are columns.
                let flow = (after.starts_with('{') || after.starts_with('[')).then_some((value_at, value_at + 1));
                let node = index.add(parent, key, Place { line: i, column: at + 1, flow });
                stack.push((at, node, true));
                at = value_at;
                rest = after;
            }
            let Some((key, after)) = key_of(rest) else {
                if rest.starts_with('|') || rest.starts_with('>') {
                    block_scalar = Some(stack.last().map_or(0, |&(i, _, _)| i));
                }
                continue;
            };
            while stack.last().is_some_and(|&(i, _, _)| i >= at) {
                stack.pop();
            }
            let parent = stack.last().map_or(0, |&(_, n, _)| n);
            let value = rest[after..].trim_start_matches(' ');
            let value_at = line.len() - value.len();
            let flow = (value.starts_with('{') || value.starts_with('[')).then(|| (value_at, char_column(line, value_at)));
            if value.starts_with('|') || value.starts_with('>') {
                block_scalar = Some(at);
            }
            let node = index.add(parent, key.into_owned(), Place { line: i, column: at + 1, flow });
            stack.push((at, node, false));
        }
        if !index.lines.is_empty() {
            index.innermost.push(stack.last().map_or(0, |&(_, n, _)| n));
        }
        index
    }

    /// The dotted path of the innermost key open at 1-based `line` and `column` (the key
    /// written on the line, or the one whose value the line is part of, and inside a flow
    /// collection on that line the keys and item numbers up to `column`); empty outside every
    /// key.
    pub fn path_at(&self, line: usize, column: usize) -> String {
        let node = line.checked_sub(1).and_then(|l| self.innermost.get(l)).copied().unwrap_or(0);
        let mut keys: Vec<String> = Vec::new();
        let mut up = node;
        while up != 0 {
            let (parent, key) = &self.parents[up];
            keys.push(key.clone());
            up = *parent;
        }
        keys.reverse();
        let place = self.places[node];
        if let (true, Some((from, _))) = (node != 0 && place.line + 1 == line, place.flow) {
            let text = self.lines[place.line];
            let at = text.char_indices().nth(column.saturating_sub(1)).map_or(text.len(), |(i, _)| i);
            if at > from && at - from <= FLOW_WINDOW {
                keys.extend(flow_path(&text[from..at]));
            }
        }
        // Deeper than any spec may nest: the path is cut (it may come from a refused file).
        const LONGEST: usize = 2 * super::limits::MAX_YAML_DEPTH;
        if keys.len() > LONGEST {
            keys.truncate(LONGEST);
            keys.push("…".to_owned());
        }
        keys.join(".")
    }

    /// A child node; a repeated key keeps its first place.
    fn add(&mut self, parent: usize, key: String, place: Place) -> usize {
        let next = self.places.len();
        let node = *self.children.entry((parent, key.clone())).or_insert(next);
        if node == next {
            self.places.push(place);
            self.parents.push((parent, key));
        }
        node
    }

    /// The 1-based line and column of the last key of `path`, or of the deepest prefix of
    /// it that is written in the text.
    pub fn find(&self, path: &[&str]) -> Option<(usize, usize)> {
        let mut node = 0usize;
        let mut found = None;
        for (n, segment) in path.iter().enumerate() {
            let Some(&child) = self.children.get(&(node, (*segment).to_owned())) else { break };
            let place = self.places[child];
            found = Some((place.line + 1, place.column));
            if let Some((from, from_column)) = place.flow {
                // The rest of the path is inside a flow collection on this line.
                if let Some(column) = locate_in_flow(self.lines[place.line], from, from_column, &path[n + 1..]) {
                    found = Some((place.line + 1, column));
                }
                break;
            }
            node = child;
        }
        found
    }
}

/// The key of a `key: value` line (a quoted key unescaped, as the parser reads it) and the
/// byte offset after its `:`.
fn key_of(trimmed: &str) -> Option<(Cow<'_, str>, usize)> {
    let quote = trimmed.chars().next().filter(|c| *c == '"' || *c == '\'');
    if let Some(quote) = quote {
        let (key, end) = quoted(&trimmed[1..], quote)?;
        let after = &trimmed[1 + end..];
        let colon = after.len() - after.trim_start_matches(' ').len();
        if !after[colon..].starts_with(':') {
            return None;
        }
        return Some((Cow::Owned(key), 1 + end + colon + 1));
    }
    let colon = trimmed.match_indices(':').map(|(i, _)| i).find(|&i| trimmed[i + 1..].is_empty() || trimmed[i + 1..].starts_with(' '))?;
    Some((Cow::Borrowed(trimmed[..colon].trim_end()), colon + 1))
}

/// A quoted scalar's text from after its opening quote: its value, and the byte offset
/// after its closing quote (`None` when it does not close on this line).
fn quoted(body: &str, quote: char) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut chars = body.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match (quote, c) {
            ('\'', '\'') if chars.peek().is_some_and(|&(_, n)| n == '\'') => {
                chars.next();
                value.push('\'');
            }
            (q, c) if c == q => return Some((value, i + c.len_utf8())),
            ('"', '\\') => {
                let (_, e) = chars.next()?;
                let hex = match e {
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => 0,
                };
                if hex > 0 {
                    let digits: String = (0..hex).filter_map(|_| chars.next().map(|(_, d)| d)).collect();
                    value.push(u32::from_str_radix(&digits, 16).ok().and_then(char::from_u32).unwrap_or('\u{fffd}'));
                } else {
                    value.push(match e {
                        '0' => '\0',
                        'a' => '\u{7}',
                        'b' => '\u{8}',
                        't' => '\t',
                        'n' => '\n',
                        'v' => '\u{b}',
                        'f' => '\u{c}',
                        'r' => '\r',
                        'e' => '\u{1b}',
                        'N' => '\u{85}',
                        '_' => '\u{a0}',
                        'L' => '\u{2028}',
                        'P' => '\u{2029}',
                        other => other,
                    });
                }
            }
            _ => value.push(c),
        }
    }
    None
}

/// How far into a flow collection a lookup reads, in bytes: every lookup costs at most
/// this, however long the line (a key further in is placed at the collection's start).
const FLOW_WINDOW: usize = 16 * 1024;

/// The column of the last of `path`'s keys found, one inside the other, in the flow
/// collection starting at byte `from` (column `from_column`) of `line`.
fn locate_in_flow(line: &str, from: usize, from_column: usize, path: &[&str]) -> Option<usize> {
    let mut end = (from + FLOW_WINDOW).min(line.len());
    while !line.is_char_boundary(end) {
        end -= 1;
    }
    let window = &line[..end];
    let mut at = from;
    let mut found = None;
    for segment in path {
        if segment.is_empty() || segment.parse::<usize>().is_ok() {
            break;
        }
        let hit = window[at..].match_indices(segment).map(|(i, _)| at + i).find(|&i| {
            let before = window[from..i].trim_end_matches(['"', '\'']).chars().next_back();
            let after = window[i + segment.len()..].trim_start_matches(['"', '\'']).trim_start_matches(' ');
            matches!(before, Some('{' | ',' | ' ')) && after.starts_with(':')
        });
        let Some(i) = hit else { break };
        let start = if window[from..i].ends_with(['"', '\'']) { i - 1 } else { i };
        found = Some(from_column + window[from..start].chars().count());
        at = i + segment.len();
    }
    found
}

/// The keys and item numbers of the flow collections open at the end of `text` (which
/// starts with the outermost collection's `[` or `{`): `{a: [x, {b: [` is `a.1.b`.
fn flow_path(text: &str) -> Vec<String> {
    enum Frame {
        Map(Option<String>),
        Seq(usize),
    }
    let mut frames: Vec<Frame> = Vec::new();
    let mut token = String::new();
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        match c {
            '"' | '\'' if token.trim().is_empty() => {
                let Some((value, end)) = quoted(&text[i + 1..], c) else { break };
                token = value;
                while chars.peek().is_some_and(|&(j, _)| j < i + 1 + end) {
                    chars.next();
                }
            }
            '{' => {
                frames.push(Frame::Map(None));
                token.clear();
            }
            '[' => {
                frames.push(Frame::Seq(0));
                token.clear();
            }
            '}' | ']' => {
                frames.pop();
                token.clear();
            }
            ',' => {
                match frames.last_mut() {
                    Some(Frame::Map(key)) => *key = None,
                    Some(Frame::Seq(n)) => *n += 1,
                    None => {}
                }
                token.clear();
            }
            ':' if chars.peek().is_none_or(|&(_, n)| n == ' ' || matches!(n, '[' | '{' | ',' | ']' | '}')) => {
                if let Some(Frame::Map(key)) = frames.last_mut() {
                    *key = Some(token.trim().to_owned());
                }
                token.clear();
            }
            c => token.push(c),
        }
    }
    frames
        .into_iter()
        .filter_map(|f| match f {
            Frame::Map(key) => key,
            Frame::Seq(n) => Some(n.to_string()),
        })
        .collect()
}

/// The 1-based column, in characters, of byte `at` of `line`.
fn char_column(line: &str, at: usize) -> usize {
    line.get(..at).map_or(at, |s| s.chars().count()) + 1
}

#[cfg(test)]
mod tests {
    use super::{locate, locate_line, KeyIndex};

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
    fn lookups_in_a_long_flow_line_read_a_bounded_window() {
        let filler: String = (0..3000).map(|i| format!("k{i}: 1, ")).collect();
        let text = format!("a: {{near: 1, {filler}far: 2}}\n");
        assert!(text.len() > super::FLOW_WINDOW);
        assert_eq!(locate(&text, &["a", "near"]), Some((1, 5)));
        assert_eq!(locate(&text, &["a", "far"]), Some((1, 1)), "beyond the window: the key holding the collection");
    }

    #[test]
    fn quoted_keys_are_read_as_the_parser_reads_them() {
        let text = "a:\n  \"t\\tb\\u0041\\\"\": 1\n  'it''s': 2\n  \"x: y\" : 3\n";
        assert_eq!(locate(text, &["a", "t\tbA\""]), Some((2, 3)));
        assert_eq!(locate(text, &["a", "it's"]), Some((3, 3)));
        assert_eq!(locate(text, &["a", "x: y"]), Some((4, 3)));
    }

    #[test]
    fn paths_of_lines() {
        let index = KeyIndex::new(TEXT);
        assert_eq!(index.path_at(7, 1), "operations.A.input.PageSize.type");
        assert_eq!(index.path_at(10, 1), "operations.B.input.PageSize");
        assert_eq!(index.path_at(10, 38), "operations.B.input.PageSize.range");
        assert_eq!(index.path_at(1, 1), "service");
        assert_eq!(index.path_at(0, 1), "");
        assert_eq!(index.path_at(99, 1), "");
        let text = "a:\n- x: |\n    text\n  y: [[[\n  z: {'k': [1, {\"é\": [2, [\n";
        let index = KeyIndex::new(text);
        assert_eq!(index.path_at(3, 5), "a.0.x");
        assert_eq!(index.path_at(4, 1), "a.0.y");
        assert_eq!(index.path_at(4, 8), "a.0.y.0.0");
        assert_eq!(index.path_at(5, 26), "a.0.z.k.1.é.1");
        assert_eq!(index.path_at(5, 28), "a.0.z.k.1.é.1.0");
        let deep = format!("a: 1\n{}x\n", "- ".repeat(1000));
        let path = KeyIndex::new(&deep).path_at(2, 1);
        assert_eq!(path.split('.').count(), 2 * crate::spec::limits::MAX_YAML_DEPTH + 1, "{path}");
        assert!(path.ends_with(".…"));
    }

    #[test]
    fn block_scalars_hide_what_looks_like_keys() {
        let text = "a:\n  docs: |\n    b: not a key\n  b: 1\nc:\n- x: 1\n- - y: 2\n";
        assert_eq!(locate(text, &["a", "b"]), Some((4, 3)));
        assert_eq!(locate(text, &["c", "1", "0", "y"]), Some((7, 5)));
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
