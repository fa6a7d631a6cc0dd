//! The limits on a spec file, checked by a cheap linear pre-scan before anything recursive
//! (the YAML parser, the deserializer, the type-expression parser, the emitters) reads it.
//!
//! | limit | value | why |
//! |---|---|---|
//! | file size | [`MAX_FILE_BYTES`] (4 MiB) | the largest spec is about 320 KB |
//! | YAML nesting | [`MAX_YAML_DEPTH`] (64) | block indentation levels and open `[`/`{` together; a spec needs about 8 |
//! | type-expression depth | [`MAX_TYPE_DEPTH`] (32) | `list<…>`/`map<string,…>` levels in one `type` |
//!
//! The same pass refuses what the format does not use and the parser would report without a
//! place: a second YAML document (`---` after content, or content after `...`) and YAML tags
//! (`!custom`, `!!str`); [`check_utf8`] places the first byte that is not UTF-8.
//!
//! The scan follows YAML's lexical structure only as far as it needs to count nesting:
//! quoted scalars (which may span lines), block scalars (`|`, `>`), comments, document
//! markers, and the flow indicators `[ ] { }` where they open a collection. It never
//! recurses and reads each character once, so a deeply nested input is refused in time
//! proportional to its length (the YAML scanner itself takes time quadratic in the depth
//! of flow collections).

/// The largest spec file, in bytes: 4 MiB.
pub const MAX_FILE_BYTES: usize = 4 * 1024 * 1024;

/// The deepest YAML nesting: block indentation levels and open flow collections (`[`, `{`)
/// counted together.
pub const MAX_YAML_DEPTH: usize = 64;

/// The deepest type expression: levels of `list<…>` and `map<string,…>` in one `type`.
pub const MAX_TYPE_DEPTH: usize = 32;

/// A problem the pre-scan found, with its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub column: usize,
    /// What is wrong.
    pub message: String,
    /// The problem is inside a node (too deep, a tag), so its diagnostic names the path of
    /// the innermost key around it; otherwise it is about the file (size, encoding, documents).
    pub in_node: bool,
}

impl Problem {
    fn at(line: usize, column: usize, message: impl Into<String>) -> Self {
        Self { line, column, message: message.into(), in_node: false }
    }

    fn in_node(mut self) -> Self {
        self.in_node = true;
        self
    }
}

/// What the pre-scan learnt about a file that passed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Scan {
    /// The file holds no YAML node: only blank lines, comments or document markers.
    pub empty: bool,
}

/// Refuses a file larger than [`MAX_FILE_BYTES`]; the problem is placed at line 1.
pub fn check_size(len: usize) -> Result<(), Problem> {
    if len > MAX_FILE_BYTES {
        return Err(Problem::at(1, 1, format!("the file is {len} bytes: a spec may be at most {MAX_FILE_BYTES} bytes (4 MiB)")));
    }
    Ok(())
}

/// The bytes as text, or the place of the first byte that is not UTF-8.
pub fn check_utf8(bytes: &[u8]) -> Result<&str, Problem> {
    std::str::from_utf8(bytes).map_err(|e| {
        let valid = &bytes[..e.valid_up_to()];
        // The prefix is valid UTF-8 by construction.
        let prefix = std::str::from_utf8(valid).unwrap_or_default();
        let line = prefix.matches('\n').count() + 1;
        let column = prefix.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        let byte = bytes.get(e.valid_up_to()).copied().unwrap_or_default();
        Problem::at(line, column, format!("the file is not UTF-8: byte 0x{byte:02x} here is not a character (save the spec as UTF-8)"))
    })
}

/// The deepest nesting of `<` in a type expression (`list<map<string,Tag>>` is 2), counted
/// without parsing.
pub fn type_depth(expr: &str) -> usize {
    let (mut depth, mut deepest) = (0usize, 0usize);
    for c in expr.chars() {
        match c {
            '<' => {
                depth += 1;
                deepest = deepest.max(depth);
            }
            '>' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    deepest
}

/// Checks the nesting of `text` and that it holds one YAML document, in one linear pass.
pub fn prescan(text: &str) -> Result<Scan, Problem> {
    let mut scanner = Scanner::default();
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut chars: Vec<char> = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        chars.clear();
        chars.extend(line.strip_suffix('\r').unwrap_or(line).chars());
        scanner.line(&chars, i + 1)?;
    }
    Ok(Scan { empty: !scanner.content })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Quote {
    Single,
    Double,
}

#[derive(Default)]
struct Scanner {
    /// Open flow collections.
    flow: usize,
    /// A quoted scalar that continues on the next line.
    quote: Option<Quote>,
    /// Inside a block scalar: lines more indented than this (or blank) belong to it.
    block_scalar: Option<usize>,
    /// Levels of the open block collections, innermost last: `2 × column` for a mapping,
    /// `2 × column + 1` for a sequence, so that a sequence written as far in as the key
    /// holding it (`key:\n- item`) still counts as a level of its own.
    indents: Vec<usize>,
    /// A node has been seen.
    content: bool,
    /// A `---` has been seen.
    started: bool,
    /// A `...` has been seen.
    ended: bool,
}

fn blank(c: char) -> bool {
    c == ' ' || c == '\t'
}

impl Scanner {
    fn depth_error(line: usize, column: usize) -> Problem {
        Problem::in_node(Problem::at(
            line,
            column,
            format!(
                "the YAML nests more than {MAX_YAML_DEPTH} levels deep here (indentation and `[`/`{{` together): \
                 a spec may nest at most {MAX_YAML_DEPTH}"
            ),
        ))
    }

    fn check_depth(&self, line: usize, column: usize) -> Result<(), Problem> {
        if self.indents.len() + self.flow > MAX_YAML_DEPTH {
            return Err(Self::depth_error(line, column));
        }
        Ok(())
    }

    /// Opens a block collection at `column` (a sequence or a mapping) unless it is open.
    fn push_indent(&mut self, column: usize, sequence: bool, line: usize) -> Result<(), Problem> {
        let level = 2 * column + usize::from(sequence);
        if self.indents.last().is_none_or(|&top| top < level) {
            self.indents.push(level);
            self.check_depth(line, column + 1)?;
        }
        Ok(())
    }

    fn line(&mut self, c: &[char], ln: usize) -> Result<(), Problem> {
        let indent = c.iter().take_while(|&&ch| ch == ' ').count();
        if let Some(parent) = self.block_scalar {
            if indent == c.len() || indent > parent {
                return Ok(());
            }
            self.block_scalar = None;
        }
        if let Some(quote) = self.quote {
            // A quoted scalar continues from the line before.
            return match scan_quoted(c, 0, quote) {
                Some(next) => {
                    self.quote = None;
                    self.scan(c, next, ln, indent, false)
                }
                None => Ok(()),
            };
        }
        if self.flow > 0 {
            return self.scan(c, 0, ln, indent, true);
        }
        let marker = |m: &str| {
            let m: Vec<char> = m.chars().collect();
            c.starts_with(&m) && c.get(3).is_none_or(|&ch| blank(ch))
        };
        if marker("---") {
            if self.content || self.started || self.ended {
                return Err(Problem::at(ln, 1, "a second YAML document starts here: a spec is one document"));
            }
            self.started = true;
            return self.scan(c, 3, ln, 0, true);
        }
        if marker("...") {
            self.ended = true;
            return Ok(());
        }
        if c.first() == Some(&'%') && !self.content {
            return Ok(()); // a directive
        }
        let rest = &c[indent..];
        if rest.is_empty() || rest[0] == '#' {
            return Ok(());
        }
        if self.ended {
            return Err(Problem::at(ln, indent + 1, "content after the end of the YAML document (`...`): a spec is one document"));
        }
        let sequence = rest[0] == '-' && rest.get(1).is_none_or(|&ch| blank(ch));
        let level = 2 * indent + usize::from(sequence);
        while self.indents.last().is_some_and(|&top| top > level) {
            self.indents.pop();
        }
        self.push_indent(indent, sequence, ln)?;
        self.scan(c, indent, ln, indent, true)
    }

    /// Scans `c` from `pos` to the end of the line. `node_indent` is the indentation a block
    /// scalar's lines must exceed; `expect` says a node may start at `pos`.
    fn scan(&mut self, c: &[char], mut pos: usize, ln: usize, mut node_indent: usize, mut expect: bool) -> Result<(), Problem> {
        let mut key_col = pos;
        while pos < c.len() {
            let ch = c[pos];
            let after_blank = pos == 0 || blank(c[pos - 1]);
            if ch == '#' && after_blank {
                return Ok(()); // a comment
            }
            let next_blank = c.get(pos + 1).is_none_or(|&n| blank(n));
            if blank(ch) {
                pos += 1;
                continue;
            }
            if expect {
                self.content = true;
                match ch {
                    '[' | '{' => {
                        self.flow += 1;
                        self.check_depth(ln, pos + 1)?;
                        pos += 1;
                        continue;
                    }
                    '"' | '\'' => {
                        let quote = if ch == '"' { Quote::Double } else { Quote::Single };
                        key_col = pos;
                        match scan_quoted(c, pos + 1, quote) {
                            Some(next) => {
                                pos = next;
                                expect = false;
                                continue;
                            }
                            None => {
                                self.quote = Some(quote);
                                return Ok(());
                            }
                        }
                    }
                    '-' | '?' if self.flow == 0 && next_blank => {
                        // A block sequence entry or complex key: a collection nested at `pos`.
                        self.push_indent(pos, ch == '-', ln)?;
                        node_indent = pos;
                        pos += 1;
                        continue;
                    }
                    '|' | '>' if self.flow == 0 => {
                        self.block_scalar = Some(node_indent);
                        return Ok(());
                    }
                    '!' => {
                        let tag: String = c[pos..].iter().take_while(|&&t| !blank(t)).take(40).collect();
                        return Err(Problem::at(
                            ln,
                            pos + 1,
                            format!("`{tag}` is a YAML tag: the spec format has none (quote a value that starts with `!`)"),
                        )
                        .in_node());
                    }
                    '&' => {
                        // An anchor: the node follows.
                        while pos < c.len() && !blank(c[pos]) && !(self.flow > 0 && matches!(c[pos], ',' | '[' | ']' | '{' | '}')) {
                            pos += 1;
                        }
                        continue;
                    }
                    _ => {
                        key_col = pos;
                        expect = false;
                    }
                }
            }
            if self.flow > 0 {
                match ch {
                    '[' | '{' => {
                        self.flow += 1;
                        self.check_depth(ln, pos + 1)?;
                        expect = true;
                    }
                    ']' | '}' => {
                        self.flow -= 1;
                        expect = false;
                    }
                    ',' | ':' => expect = true,
                    _ => {}
                }
            } else if ch == ':' && next_blank {
                // A block mapping's key ends: its value starts. A key after `- ` on this
                // line opens the item's mapping.
                self.push_indent(key_col, false, ln)?;
                node_indent = key_col;
                expect = true;
            }
            pos += 1;
        }
        Ok(())
    }
}

/// Scans a quoted scalar's text from `pos` (after the opening quote); the position after
/// the closing quote, or `None` when the scalar continues on the next line.
fn scan_quoted(c: &[char], mut pos: usize, quote: Quote) -> Option<usize> {
    while pos < c.len() {
        match (quote, c[pos]) {
            (Quote::Double, '\\') => pos += 2,
            (Quote::Double, '"') => return Some(pos + 1),
            (Quote::Single, '\'') if c.get(pos + 1) == Some(&'\'') => pos += 2,
            (Quote::Single, '\'') => return Some(pos + 1),
            _ => pos += 1,
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn depth_ok(text: &str) -> bool {
        prescan(text).is_ok()
    }

    #[test]
    fn counts_flow_and_block_nesting() {
        let flow = |n: usize| format!("a: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert!(depth_ok(&flow(MAX_YAML_DEPTH - 1)));
        let err = prescan(&flow(MAX_YAML_DEPTH)).unwrap_err();
        assert_eq!((err.line, err.column), (1, MAX_YAML_DEPTH + 3));
        let block = |n: usize| (0..n).map(|i| format!("{}k{i}:\n", " ".repeat(i))).collect::<String>() + &" ".repeat(n) + "v: 1\n";
        assert!(depth_ok(&block(MAX_YAML_DEPTH - 1)));
        let err = prescan(&block(MAX_YAML_DEPTH)).unwrap_err();
        assert_eq!((err.line, err.column), (MAX_YAML_DEPTH + 1, MAX_YAML_DEPTH + 1));
        let dashes = format!("a:\n{}x\n", "- ".repeat(MAX_YAML_DEPTH + 1));
        assert_eq!(prescan(&dashes).unwrap_err().line, 2);
        // Sequences as far in as their keys are levels too: `k:` + `- k:` is two levels a step.
        let compact = |n: usize| (0..n).map(|i| format!("{}- k:\n", "  ".repeat(i))).collect::<String>();
        let text = format!("k:\n{}", compact(MAX_YAML_DEPTH / 2 - 1));
        assert!(depth_ok(&text), "{text}");
        let text = format!("k:\n{}", compact(MAX_YAML_DEPTH / 2));
        let err = prescan(&text).unwrap_err();
        assert_eq!((err.line, err.column), (MAX_YAML_DEPTH / 2 + 1, MAX_YAML_DEPTH + 1), "the key of the 65th level");
    }

    #[test]
    fn brackets_in_text_do_not_count() {
        let deep = "[".repeat(200);
        for text in [
            format!("a: \"{deep}\"\nb: 1\n"),
            format!("a: '{deep}''s'\nb: 1\n"),
            format!("a: |\n  {deep}\n  more\nb: 1\n"),
            format!("a: x{deep}\nb: 1\n"),
            format!("a: 1 # {deep}\n"),
            format!("a: \"multi\n  line {deep}\n  end\"\nb: [1, {{c: \"]]]\"}}]\n"),
            format!("- >-\n   {deep}\n- b\n"),
        ] {
            assert!(depth_ok(&text), "{text}");
        }
    }

    #[test]
    fn finds_a_second_document() {
        assert!(prescan("---\na: 1\n").is_ok());
        assert!(prescan("# c\n---\na: 1\n...\n").is_ok());
        let err = prescan("a: 1\n---\nb: 2\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 1));
        let err = prescan("a: 1\n...\nb: 2\n").unwrap_err();
        assert_eq!((err.line, err.column), (3, 1));
        assert!(prescan("a: |\n  ---\n").is_ok());
        assert!(prescan("a: \"x\n---y\"\n").is_ok(), "a marker inside a quoted scalar is the parser's to refuse");
    }

    #[test]
    fn empty_files_and_encoding() {
        assert!(prescan("").unwrap().empty);
        assert!(prescan("# only\n\n---\n").unwrap().empty);
        assert!(!prescan("a: 1").unwrap().empty);
        let err = check_utf8(b"a: 1\nb: \xe4\xff\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 4));
        assert!(err.message.contains("0xe4"), "{}", err.message);
        assert_eq!(check_utf8("é: ü".as_bytes()).unwrap(), "é: ü");
        assert!(check_size(MAX_FILE_BYTES).is_ok());
        assert_eq!(check_size(MAX_FILE_BYTES + 1).unwrap_err().line, 1);
    }

    #[test]
    fn tags_are_refused_where_they_are() {
        let err = prescan("a: 1\nb: !custom x\n").unwrap_err();
        assert_eq!((err.line, err.column), (2, 4));
        assert!(err.message.contains("`!custom` is a YAML tag"), "{}", err.message);
        assert_eq!(prescan("a: [x, !!str 1]\n").unwrap_err().column, 8);
        assert!(prescan("a: \"!x\"\nb: x!y\n").is_ok());
    }

    #[test]
    fn type_depth_counts_angle_brackets() {
        assert_eq!(type_depth("string"), 0);
        assert_eq!(type_depth("list<map<string,Tag>>"), 2);
        assert_eq!(type_depth("list<a>list<b>"), 1);
        assert_eq!(type_depth(">>>list<"), 1);
    }

    #[test]
    fn very_deep_and_very_wide_input() {
        let n = 1_000_000;
        let text = format!("a: {}{}\n", "[".repeat(n), "]".repeat(n));
        assert_eq!(prescan(&text).unwrap_err().column, MAX_YAML_DEPTH + 3);
        let text = format!("a: [{}]\n", "[], ".repeat(n));
        assert!(prescan(&text).is_ok());
    }
}
