//! Strict loading of dataset files (spec/dataset.md): every problem at once, each with its position.
//!
//! The text is first parsed into a small position-keeping JSON tree by an iterative parser (an
//! explicit stack, so a deeply nested document gives an error rather than a stack overflow). The
//! tree is then checked field by field against the format, collecting every problem. Only a
//! document without problems is deserialized into [`DatasetFile`].

use std::collections::HashMap;
use std::collections::hash_map::Entry;
use std::sync::OnceLock;

use super::model::{Dataset, DatasetFile};

/// One problem in a dataset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_error(self))]
pub struct DatasetError {
    /// The file path, URL or `<built-in>` the dataset came from.
    pub location: String,
    /// 1-based line; 0 when the problem has no single position (an id clash between datasets).
    pub line: usize,
    /// 1-based column, counted in Unicode characters; 0 when `line` is 0.
    pub column: usize,
    /// The `id` of the figure the problem is in, when it is in one that has a string id.
    pub figure_id: Option<String>,
    /// One sentence, without the position.
    pub message: String,
}

fn render_error(e: &DatasetError) -> String {
    let mut out = e.location.clone();
    if e.line > 0 {
        out.push_str(&format!(":{}:{}", e.line, e.column));
    }
    out.push_str(": ");
    if let Some(id) = &e.figure_id {
        out.push_str(&format!("figure '{id}': "));
    }
    out.push_str(&e.message);
    out
}

/// All the problems found in one or more datasets, in document order; displayed one per line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{}", render_errors(&self.0))]
pub struct DatasetErrors(pub Vec<DatasetError>);

fn render_errors(errors: &[DatasetError]) -> String {
    errors
        .iter()
        .map(ToString::to_string)
        .collect::<Vec<_>>()
        .join("\n")
}

/// Loads and validates one dataset document; `location` names it in messages.
pub fn load_str(text: &str, location: &str) -> Result<Dataset, DatasetErrors> {
    // A byte-order mark is invisible in editors, so positions are counted after it.
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    let lines = LineIndex::new(body);
    let root = match Parser::new(body).parse() {
        Ok(root) => root,
        Err(e) => {
            let (line, column) = lines.position(e.pos);
            return Err(DatasetErrors(vec![DatasetError {
                location: location.to_string(),
                line,
                column,
                figure_id: None,
                message: e.message,
            }]));
        }
    };

    let mut checker = Checker {
        location,
        lines: &lines,
        figure: None,
        errors: Vec::new(),
    };
    checker.check_root(&root);
    let mut errors = checker.errors;
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.line, e.column));
        return Err(DatasetErrors(errors));
    }

    match serde_json::from_str::<DatasetFile>(body) {
        Ok(file) => Ok(Dataset {
            name: file.name,
            location: location.to_string(),
            figures: file.figures,
        }),
        // Not expected after the checks above; reported rather than trusted.
        Err(e) => Err(DatasetErrors(vec![DatasetError {
            location: location.to_string(),
            line: e.line(),
            column: e.column(),
            figure_id: None,
            message: e.to_string(),
        }])),
    }
}

/// The dataset compiled into the binary (`fixtures/datasets/ai-industry.json`), located `<built-in>`.
///
/// A test guarantees it loads; it is parsed once and cloned afterwards.
pub fn builtin() -> Dataset {
    static BUILTIN: OnceLock<Dataset> = OnceLock::new();
    BUILTIN
        .get_or_init(|| {
            let text = include_str!("../../fixtures/datasets/ai-industry.json");
            load_str(text, "<built-in>")
                .unwrap_or_else(|e| panic!("the built-in dataset is invalid:\n{e}"))
        })
        .clone()
}

/// Checks that no figure id appears in two of `datasets`, and returns them unchanged if so.
///
/// Each clash is reported at the later dataset and names the earlier one.
pub fn merge(datasets: Vec<Dataset>) -> Result<Vec<Dataset>, DatasetErrors> {
    let mut first_seen: HashMap<&str, &str> = HashMap::new();
    let mut errors = Vec::new();
    for dataset in &datasets {
        for figure in &dataset.figures {
            match first_seen.entry(figure.id.as_str()) {
                Entry::Occupied(earlier) => errors.push(DatasetError {
                    location: dataset.location.clone(),
                    line: 0,
                    column: 0,
                    figure_id: Some(figure.id.clone()),
                    message: format!(
                        "this id is also used in {}; ids must be unique across datasets",
                        earlier.get()
                    ),
                }),
                Entry::Vacant(slot) => {
                    slot.insert(dataset.location.as_str());
                }
            }
        }
    }
    if errors.is_empty() {
        Ok(datasets)
    } else {
        Err(DatasetErrors(errors))
    }
}

/// The JSON Schema of a dataset file, generated from [`DatasetFile`]; shipped as
/// `schema/dataset.schema.json`.
pub fn json_schema() -> serde_json::Value {
    schemars::schema_for!(DatasetFile).to_value()
}

// ---------------------------------------------------------------------------------------------
// Positions

/// Byte offsets to 1-based line and character column.
struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    fn new(text: &'a str) -> Self {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    fn position(&self, pos: usize) -> (usize, usize) {
        let pos = pos.min(self.text.len());
        let line = self.starts.partition_point(|&s| s <= pos).max(1);
        let start = self.starts.get(line - 1).copied().unwrap_or(0);
        let column = self
            .text
            .get(start..pos)
            .map_or(pos - start, |s| s.chars().count());
        (line, column + 1)
    }
}

// ---------------------------------------------------------------------------------------------
// A strict JSON parser (RFC 8259) that keeps positions and never recurses

/// Deeper nesting than this is an error; a dataset needs five levels.
const MAX_DEPTH: usize = 64;

#[derive(Debug)]
struct Node<'a> {
    /// Byte offset of the value's first character.
    pos: usize,
    value: Json<'a>,
}

#[derive(Debug)]
enum Json<'a> {
    Null,
    Bool,
    /// The number as written.
    Number(&'a str),
    String(String),
    Array(Vec<Node<'a>>),
    Object(Vec<Member<'a>>),
}

#[derive(Debug)]
struct Member<'a> {
    key: String,
    key_pos: usize,
    node: Node<'a>,
}

impl Json<'_> {
    /// "a string", "an object", … for messages.
    fn kind(&self) -> &'static str {
        match self {
            Json::Null => "null",
            Json::Bool => "a boolean",
            Json::Number(_) => "a number",
            Json::String(_) => "a string",
            Json::Array(_) => "an array",
            Json::Object(_) => "an object",
        }
    }
}

struct SyntaxError {
    pos: usize,
    message: String,
}

/// An open container while parsing.
enum Frame<'a> {
    Array {
        pos: usize,
        items: Vec<Node<'a>>,
    },
    Object {
        pos: usize,
        members: Vec<Member<'a>>,
        key: String,
        key_pos: usize,
    },
}

struct Parser<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
}

impl<'a> Parser<'a> {
    fn new(text: &'a str) -> Self {
        Parser {
            text,
            bytes: text.as_bytes(),
            pos: 0,
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.peek() {
            self.pos += 1;
        }
    }

    fn error<T>(&self, pos: usize, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            pos,
            message: message.into(),
        })
    }

    /// Describes what is at `self.pos`, for "expected X, found Y" messages.
    fn found(&self) -> String {
        match self.text.get(self.pos..).and_then(|s| s.chars().next()) {
            None => "the end of the document".to_string(),
            Some(c) if c.is_control() || c.is_whitespace() => format!("U+{:04X}", u32::from(c)),
            Some(c) => format!("'{c}'"),
        }
    }

    fn parse(mut self) -> Result<Node<'a>, SyntaxError> {
        if self.text.trim_matches([' ', '\t', '\n', '\r']).is_empty() {
            return self.error(
                self.text.len(),
                "the document is empty; expected a JSON object",
            );
        }
        let mut stack: Vec<Frame<'a>> = Vec::new();
        loop {
            // A value, or the opening of a non-empty container (which continues the loop).
            self.skip_ws();
            let start = self.pos;
            let mut node = match self.peek() {
                Some(open @ (b'{' | b'[')) => {
                    self.pos += 1;
                    self.skip_ws();
                    let close = if open == b'{' { b'}' } else { b']' };
                    if self.peek() == Some(close) {
                        self.pos += 1;
                        let value = if open == b'{' {
                            Json::Object(Vec::new())
                        } else {
                            Json::Array(Vec::new())
                        };
                        Node { pos: start, value }
                    } else {
                        if stack.len() >= MAX_DEPTH {
                            return self.error(
                                start,
                                format!("the document nests deeper than {MAX_DEPTH} levels"),
                            );
                        }
                        if open == b'{' {
                            let (key, key_pos) = self.parse_key()?;
                            stack.push(Frame::Object {
                                pos: start,
                                members: Vec::new(),
                                key,
                                key_pos,
                            });
                        } else {
                            stack.push(Frame::Array {
                                pos: start,
                                items: Vec::new(),
                            });
                        }
                        continue;
                    }
                }
                Some(b'"') => Node {
                    pos: start,
                    value: Json::String(self.parse_string()?),
                },
                Some(b'-' | b'0'..=b'9') => Node {
                    pos: start,
                    value: Json::Number(self.parse_number()?),
                },
                Some(b'a'..=b'z' | b'A'..=b'Z') => Node {
                    pos: start,
                    value: self.parse_word()?,
                },
                Some(b']' | b'}') if !stack.is_empty() => {
                    return self.error(
                        start,
                        format!(
                            "expected a value after ',', found {}; trailing commas are not allowed",
                            self.found()
                        ),
                    );
                }
                Some(b'/') => {
                    return self.error(start, "comments are not allowed in JSON");
                }
                Some(b'\'') => {
                    return self.error(start, "strings must use double quotes, not single quotes");
                }
                _ => {
                    return self.error(start, format!("expected a value, found {}", self.found()));
                }
            };

            // Add the value to the open container; close containers that end here.
            loop {
                self.skip_ws();
                let Some(frame) = stack.last_mut() else {
                    if self.pos < self.bytes.len() {
                        return self.error(
                            self.pos,
                            format!(
                                "expected the end of the document, found {}; a document holds one JSON value",
                                self.found()
                            ),
                        );
                    }
                    return Ok(node);
                };
                match frame {
                    Frame::Array { items, .. } => {
                        items.push(node);
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                break;
                            }
                            Some(b']') => self.pos += 1,
                            _ => {
                                return self.error(
                                    self.pos,
                                    format!(
                                        "expected ',' or ']' after an array element, found {}",
                                        self.found()
                                    ),
                                );
                            }
                        }
                    }
                    Frame::Object {
                        members,
                        key,
                        key_pos,
                        ..
                    } => {
                        members.push(Member {
                            key: std::mem::take(key),
                            key_pos: *key_pos,
                            node,
                        });
                        match self.peek() {
                            Some(b',') => {
                                self.pos += 1;
                                self.skip_ws();
                                if self.peek() == Some(b'}') {
                                    return self.error(
                                        self.pos,
                                        "expected a field name after ',', found '}'; trailing commas are not allowed",
                                    );
                                }
                                let (next_key, next_pos) = self.parse_key()?;
                                *key = next_key;
                                *key_pos = next_pos;
                                break;
                            }
                            Some(b'}') => self.pos += 1,
                            _ => {
                                return self.error(
                                    self.pos,
                                    format!(
                                        "expected ',' or '}}' after an object field, found {}",
                                        self.found()
                                    ),
                                );
                            }
                        }
                    }
                }
                // The container at the top of the stack has just been closed.
                node = match stack.pop() {
                    Some(Frame::Array { pos, items }) => Node {
                        pos,
                        value: Json::Array(items),
                    },
                    Some(Frame::Object { pos, members, .. }) => Node {
                        pos,
                        value: Json::Object(members),
                    },
                    None => return self.error(self.pos, "internal error: unbalanced parser stack"),
                };
            }
        }
    }

    /// A field name and its colon; returns the name and its position.
    fn parse_key(&mut self) -> Result<(String, usize), SyntaxError> {
        self.skip_ws();
        let key_pos = self.pos;
        if self.peek() != Some(b'"') {
            return self.error(
                key_pos,
                format!(
                    "expected a field name in double quotes, found {}",
                    self.found()
                ),
            );
        }
        let key = self.parse_string()?;
        self.skip_ws();
        if self.peek() != Some(b':') {
            return self.error(
                self.pos,
                format!("expected ':' after the field name, found {}", self.found()),
            );
        }
        self.pos += 1;
        Ok((key, key_pos))
    }

    /// A string starting at the opening quote at `self.pos`.
    fn parse_string(&mut self) -> Result<String, SyntaxError> {
        let open = self.pos;
        self.pos += 1;
        let mut out = String::new();
        let mut run_start = self.pos;
        loop {
            let Some(b) = self.peek() else {
                return self.error(open, "this string is never closed");
            };
            match b {
                b'"' => {
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                    self.pos += 1;
                    return Ok(out);
                }
                b'\\' => {
                    out.push_str(self.text.get(run_start..self.pos).unwrap_or_default());
                    self.parse_escape(&mut out)?;
                    run_start = self.pos;
                }
                0x00..=0x1f => {
                    return self.error(
                        self.pos,
                        format!(
                            "a string may not contain the control character U+{b:04X}; write it as an escape such as \\n"
                        ),
                    );
                }
                _ => self.pos += 1,
            }
        }
    }

    /// An escape starting at the backslash at `self.pos`.
    fn parse_escape(&mut self, out: &mut String) -> Result<(), SyntaxError> {
        let at = self.pos;
        let simple = match self.bytes.get(at + 1) {
            Some(b'"') => '"',
            Some(b'\\') => '\\',
            Some(b'/') => '/',
            Some(b'b') => '\u{8}',
            Some(b'f') => '\u{c}',
            Some(b'n') => '\n',
            Some(b'r') => '\r',
            Some(b't') => '\t',
            Some(b'u') => {
                let first = self.hex4(at)?;
                let c = if (0xD800..0xDC00).contains(&first) {
                    let second = if self.bytes.get(at + 6) == Some(&b'\\')
                        && self.bytes.get(at + 7) == Some(&b'u')
                    {
                        self.hex4(at + 6)?
                    } else {
                        0
                    };
                    if !(0xDC00..0xE000).contains(&second) {
                        return self.error(
                            at,
                            "the escape \\u is an unpaired surrogate; a high surrogate must be followed by a low one",
                        );
                    }
                    self.pos = at + 12;
                    char::from_u32(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
                } else {
                    self.pos = at + 6;
                    char::from_u32(first)
                };
                return match c {
                    Some(c) => {
                        out.push(c);
                        Ok(())
                    }
                    None => self.error(
                        at,
                        "the escape \\u is an unpaired surrogate; a low surrogate must follow a high one",
                    ),
                };
            }
            _ => {
                return self.error(
                    at,
                    "invalid escape; use one of \\\" \\\\ \\/ \\b \\f \\n \\r \\t \\uXXXX",
                );
            }
        };
        out.push(simple);
        self.pos = at + 2;
        Ok(())
    }

    /// The four hex digits of a `\uXXXX` escape whose backslash is at `at`.
    fn hex4(&self, at: usize) -> Result<u32, SyntaxError> {
        let digits = self
            .bytes
            .get(at + 2..at + 6)
            .filter(|d| d.iter().all(u8::is_ascii_hexdigit));
        let value = digits
            .and_then(|d| std::str::from_utf8(d).ok())
            .and_then(|d| u32::from_str_radix(d, 16).ok());
        match value {
            Some(v) => Ok(v),
            None => self.error(at, "a \\u escape needs four hexadecimal digits"),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while let Some(b'0'..=b'9') = self.peek() {
            self.pos += 1;
        }
        self.pos - start
    }

    /// A number as written: `-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`.
    fn parse_number(&mut self) -> Result<&'a str, SyntaxError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let int_start = self.pos;
        match self.digits() {
            0 => {
                return self.error(
                    start,
                    format!("expected a digit after '-', found {}", self.found()),
                );
            }
            n if n > 1 && self.bytes.get(int_start) == Some(&b'0') => {
                return self.error(start, "numbers may not have leading zeros");
            }
            _ => {}
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.error(
                    self.pos,
                    format!(
                        "expected a digit after the decimal point, found {}",
                        self.found()
                    ),
                );
            }
        }
        if let Some(b'e' | b'E') = self.peek() {
            self.pos += 1;
            if let Some(b'+' | b'-') = self.peek() {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.error(
                    self.pos,
                    format!("expected a digit in the exponent, found {}", self.found()),
                );
            }
        }
        match self.text.get(start..self.pos) {
            Some(raw) => Ok(raw),
            None => self.error(start, "internal error: number outside the document"),
        }
    }

    /// `true`, `false` or `null`; any other bare word is an error.
    fn parse_word(&mut self) -> Result<Json<'a>, SyntaxError> {
        let start = self.pos;
        while let Some(b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'_') = self.peek() {
            self.pos += 1;
        }
        match self.text.get(start..self.pos).unwrap_or_default() {
            "true" | "false" => Ok(Json::Bool),
            "null" => Ok(Json::Null),
            "NaN" | "Infinity" => self.error(start, "NaN and Infinity are not JSON numbers"),
            word => self.error(
                start,
                format!(
                    "unexpected word '{}'; strings need double quotes, and the only bare words are true, false and null",
                    shown(word, SHOWN)
                ),
            ),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Checking the tree against the format

const TOP_FIELDS: &[&str] = &["format", "name", "description", "figures"];
const FIGURE_FIELDS: &[&str] = &[
    "id",
    "entity",
    "aliases",
    "parent",
    "metric",
    "keywords",
    "value",
    "low",
    "high",
    "unit",
    "as_of",
    "confidence",
    "source",
    "direction",
    "tolerance",
    "note",
];
const SOURCE_FIELDS: &[&str] = &["title", "url", "publisher", "date", "quote"];

/// The largest magnitude a figure may have.
const MAX_MAGNITUDE: f64 = 1e30;

/// The known fields of one object, by name (first occurrence).
type Fields<'n, 'a> = HashMap<&'static str, &'n Node<'a>>;

/// Known field names suggested for misspelt fields of the object being checked: a field that
/// was misspelt is not reported as missing as well.
type Suggested = Vec<&'static str>;

struct Checker<'t> {
    location: &'t str,
    lines: &'t LineIndex<'t>,
    /// The id of the figure being checked, attached to its errors.
    figure: Option<String>,
    errors: Vec<DatasetError>,
}

impl Checker<'_> {
    fn error(&mut self, pos: usize, message: impl Into<String>) {
        let (line, column) = self.lines.position(pos);
        self.errors.push(DatasetError {
            location: self.location.to_string(),
            line,
            column,
            figure_id: self.figure.clone(),
            message: message.into(),
        });
    }

    fn check_root(&mut self, root: &Node<'_>) {
        let Json::Object(members) = &root.value else {
            self.error(
                root.pos,
                format!(
                    "a dataset must be a JSON object, found {}",
                    root.value.kind()
                ),
            );
            return;
        };
        let (fields, suggested) = self.fields(members, TOP_FIELDS, "the dataset");
        self.require(
            &fields,
            &suggested,
            &["format", "name", "figures"],
            root.pos,
            "the dataset",
        );

        if let Some(format) = fields.get("format") {
            match &format.value {
                Json::Number("1") => {}
                Json::Number(raw) => self.error(
                    format.pos,
                    format!("unsupported format {raw}; only format 1 exists"),
                ),
                other => self.error(
                    format.pos,
                    format!("'format' must be the number 1, found {}", other.kind()),
                ),
            }
        }
        if let Some(name) = fields.get("name") {
            self.text(name, "name", true);
        }
        if let Some(description) = optional(&fields, "description") {
            self.text(description, "description", false);
        }
        if let Some(figures) = fields.get("figures") {
            match &figures.value {
                Json::Array(items) if items.is_empty() => {
                    self.error(figures.pos, "dataset has no figures");
                }
                Json::Array(items) => {
                    let mut ids = HashMap::new();
                    for (index, item) in items.iter().enumerate() {
                        self.check_figure(item, index, &mut ids);
                    }
                }
                other => self.error(
                    figures.pos,
                    format!(
                        "'figures' must be an array of figures, found {}",
                        other.kind()
                    ),
                ),
            }
        }
    }

    fn check_figure(&mut self, node: &Node<'_>, index: usize, ids: &mut HashMap<String, usize>) {
        self.figure = None;
        let Json::Object(members) = &node.value else {
            self.error(
                node.pos,
                format!(
                    "figure {} must be a JSON object, found {}",
                    index + 1,
                    node.value.kind()
                ),
            );
            return;
        };
        // Name the figure in all its errors, even when its id itself is invalid.
        self.figure = members.iter().find_map(|m| match &m.node.value {
            Json::String(id) if m.key == "id" => Some(shown(id, usize::MAX)),
            _ => None,
        });

        let (fields, suggested) = self.fields(members, FIGURE_FIELDS, "a figure");
        self.require(
            &fields,
            &suggested,
            &["id", "entity", "metric", "unit", "source"],
            node.pos,
            &format!("figure {}", index + 1),
        );

        if let Some(id_node) = fields.get("id")
            && let Some(id) = self.text(id_node, "id", false)
        {
            if !valid_id(id) {
                self.error(
                    id_node.pos,
                    format!(
                        "invalid id '{}'; an id is lowercase letters, digits, '.', '_' and '-', starting with a letter or digit",
                        shown(id, SHOWN)
                    ),
                );
            }
            let (line, _) = self.lines.position(id_node.pos);
            match ids.entry(id.to_string()) {
                Entry::Occupied(first) => {
                    let first_line = *first.get();
                    self.error(
                        id_node.pos,
                        format!(
                            "duplicate id '{}'; it is first used on line {first_line}",
                            shown(id, SHOWN)
                        ),
                    );
                }
                Entry::Vacant(slot) => {
                    slot.insert(line);
                }
            }
        }
        for name in ["entity", "metric", "unit"] {
            if let Some(n) = fields.get(name) {
                self.text(n, name, true);
            }
        }
        if let Some(parent) = optional(&fields, "parent") {
            self.text(parent, "parent", true);
        }
        if let Some(note) = optional(&fields, "note") {
            self.text(note, "note", false);
        }
        for name in ["aliases", "keywords"] {
            if let Some(list) = fields.get(name) {
                self.word_list(list, name);
            }
        }

        self.check_amounts(&fields, &suggested, node.pos);

        if let Some(as_of) = optional(&fields, "as_of") {
            self.date(as_of, "as_of");
        }
        if let Some(confidence) = optional(&fields, "confidence") {
            self.one_of(confidence, "confidence", &["high", "medium", "low"]);
        }
        if let Some(direction) = optional(&fields, "direction") {
            self.one_of(direction, "direction", &["up", "down"]);
        }
        if let Some(tolerance) = optional(&fields, "tolerance") {
            match self.number(tolerance, "tolerance") {
                Some(t) if !(0.0..=1.0).contains(&t) => self.error(
                    tolerance.pos,
                    format!(
                        "'tolerance' must be between 0 and 1, found {}",
                        raw(tolerance)
                    ),
                ),
                _ => {}
            }
        }
        if let Some(source) = fields.get("source") {
            self.check_source(source);
        }
        self.figure = None;
    }

    /// `value`, or `low` and/or `high`: magnitudes within bounds, in order.
    fn check_amounts(&mut self, fields: &Fields<'_, '_>, suggested: &Suggested, figure_pos: usize) {
        let value = optional(fields, "value");
        let low = optional(fields, "low");
        let high = optional(fields, "high");
        match (value, low.or(high)) {
            (Some(value), Some(range)) => {
                let other = if low.is_some() { "low" } else { "high" };
                self.error(
                    value.pos.min(range.pos),
                    format!("a figure has either 'value' or a 'low'/'high' range, not both 'value' and '{other}'"),
                );
            }
            (None, None)
                if !["value", "low", "high"]
                    .iter()
                    .any(|name| suggested.contains(name)) =>
            {
                self.error(
                    figure_pos,
                    "missing 'value'; a figure needs either 'value' or a 'low'/'high' range",
                );
            }
            _ => {}
        }
        if let Some(value) = value {
            self.magnitude(value, "value");
        }
        let low_v = low.and_then(|n| self.magnitude(n, "low"));
        let high_v = high.and_then(|n| self.magnitude(n, "high"));
        if let (Some(l), Some(h), Some(low)) = (low_v, high_v, low)
            && l > h
        {
            let high_raw = high.map_or("", raw);
            self.error(
                low.pos,
                format!("'low' ({}) is greater than 'high' ({high_raw})", raw(low)),
            );
        }
    }

    fn check_source(&mut self, node: &Node<'_>) {
        let Json::Object(members) = &node.value else {
            self.error(
                node.pos,
                format!(
                    "'source' must be an object with 'title' and 'url', found {}",
                    node.value.kind()
                ),
            );
            return;
        };
        let (fields, suggested) = self.fields(members, SOURCE_FIELDS, "a source");
        self.require(
            &fields,
            &suggested,
            &["title", "url"],
            node.pos,
            "the source",
        );
        if let Some(title) = fields.get("title") {
            self.text(title, "title", true);
        }
        if let Some(url_node) = fields.get("url")
            && let Some(url) = self.text(url_node, "url", true)
            && !url.trim().is_empty()
            && !valid_url(url)
        {
            self.error(
                url_node.pos,
                format!(
                    "'url' must be an http:// or https:// URL without spaces, found '{}'",
                    shown(url, SHOWN)
                ),
            );
        }
        for name in ["publisher", "quote"] {
            if let Some(n) = optional(&fields, name) {
                self.text(n, name, false);
            }
        }
        if let Some(date) = optional(&fields, "date") {
            self.date(date, "date");
        }
    }

    /// Reports unknown and repeated fields; returns the known ones and those suggested for
    /// misspellings.
    fn fields<'n, 'a>(
        &mut self,
        members: &'n [Member<'a>],
        known: &[&'static str],
        what: &str,
    ) -> (Fields<'n, 'a>, Suggested) {
        let mut found: Fields<'n, 'a> = HashMap::new();
        let mut suggested = Suggested::new();
        let mut first_line: HashMap<&str, usize> = HashMap::new();
        for member in members {
            let key = member.key.as_str();
            if let Some(&first) = first_line.get(key) {
                self.error(
                    member.key_pos,
                    format!(
                        "field '{}' is given twice in {what}; it is first given on line {first}",
                        shown(key, SHOWN)
                    ),
                );
                continue;
            }
            first_line.insert(key, self.lines.position(member.key_pos).0);
            match known.iter().find(|k| **k == key) {
                Some(k) => {
                    found.insert(k, &member.node);
                }
                None => {
                    let hint = if what == "a figure" && key == "date" {
                        "; did you mean 'as_of' (the period the figure describes) or the 'date' of its 'source'?"
                            .to_string()
                    } else if what == "a figure" && SOURCE_FIELDS.contains(&key) {
                        "; did you mean to put it in 'source'?".to_string()
                    } else if let Some(close) = closest(key, known) {
                        suggested.push(close);
                        format!("; did you mean '{close}'?")
                    } else {
                        String::new()
                    };
                    self.error(
                        member.key_pos,
                        format!("unknown field '{}' in {what}{hint}", shown(key, SHOWN)),
                    );
                }
            }
        }
        (found, suggested)
    }

    fn require(
        &mut self,
        fields: &Fields<'_, '_>,
        suggested: &Suggested,
        required: &[&str],
        pos: usize,
        what: &str,
    ) {
        for name in required {
            if !fields.contains_key(name) && !suggested.contains(name) {
                self.error(
                    pos,
                    format!("{what} is missing the required field '{name}'"),
                );
            }
        }
    }

    /// A string field; with `non_empty`, blank strings are errors too.
    fn text<'n>(&mut self, node: &'n Node<'_>, name: &str, non_empty: bool) -> Option<&'n str> {
        match &node.value {
            Json::String(s) => {
                if non_empty && s.trim().is_empty() {
                    self.error(node.pos, format!("'{name}' must not be empty"));
                }
                Some(s)
            }
            other => {
                self.error(
                    node.pos,
                    format!("'{name}' must be a string, found {}", other.kind()),
                );
                None
            }
        }
    }

    /// An array of non-empty strings (`aliases`, `keywords`).
    fn word_list(&mut self, node: &Node<'_>, name: &str) {
        let Json::Array(items) = &node.value else {
            self.error(
                node.pos,
                format!(
                    "'{name}' must be an array of strings, found {}",
                    node.value.kind()
                ),
            );
            return;
        };
        for item in items {
            match &item.value {
                Json::String(s) if s.trim().is_empty() => {
                    self.error(item.pos, format!("'{name}' must not contain empty strings"));
                }
                Json::String(_) => {}
                other => self.error(
                    item.pos,
                    format!("'{name}' must contain only strings, found {}", other.kind()),
                ),
            }
        }
    }

    /// A finite number within ±1e30 (training compute reaches 1e26 FLOP).
    fn number(&mut self, node: &Node<'_>, name: &str) -> Option<f64> {
        let Json::Number(raw) = &node.value else {
            self.error(
                node.pos,
                format!("'{name}' must be a number, found {}", node.value.kind()),
            );
            return None;
        };
        match raw.parse::<f64>() {
            Ok(v) if v.is_finite() && v.abs() <= MAX_MAGNITUDE => Some(v),
            _ => {
                self.error(
                    node.pos,
                    format!("'{name}' is {raw}, which is beyond the limit of 1e30"),
                );
                None
            }
        }
    }

    /// A number that is a magnitude: not negative.
    fn magnitude(&mut self, node: &Node<'_>, name: &str) -> Option<f64> {
        let v = self.number(node, name)?;
        if v < 0.0 {
            self.error(
                node.pos,
                format!(
                    "'{name}' is negative; values are magnitudes, so write a fall as a positive number with \"direction\": \"down\""
                ),
            );
            return None;
        }
        Some(v)
    }

    fn one_of(&mut self, node: &Node<'_>, name: &str, allowed: &[&str]) {
        let Some(s) = self.text(node, name, false) else {
            return;
        };
        if !allowed.contains(&s) {
            let list = match allowed {
                [a, b] => format!("'{a}' or '{b}'"),
                [a, b, c] => format!("'{a}', '{b}' or '{c}'"),
                _ => allowed.join(", "),
            };
            self.error(
                node.pos,
                format!("'{name}' must be {list}, found '{}'", shown(s, SHOWN)),
            );
        }
    }

    fn date(&mut self, node: &Node<'_>, name: &str) {
        if let Some(s) = self.text(node, name, false)
            && let Err(why) = check_date(s)
        {
            self.error(
                node.pos,
                format!("'{name}' is '{}', {why}", shown(s, SHOWN)),
            );
        }
    }
}

/// An optional field: absent or `null` count as not given, as serde reads them.
fn optional<'n, 'a>(fields: &Fields<'n, 'a>, name: &str) -> Option<&'n Node<'a>> {
    fields
        .get(name)
        .copied()
        .filter(|n| !matches!(n.value, Json::Null))
}

/// The number as written, for messages.
fn raw<'a>(node: &Node<'a>) -> &'a str {
    match node.value {
        Json::Number(raw) => raw,
        _ => "",
    }
}

/// How many characters of a string from the document a message quotes.
const SHOWN: usize = 60;

/// A string from the document as quoted in a message: control characters escaped, so that a
/// message stays on one line, and at most `max` characters.
fn shown(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i == max {
            out.push('…');
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out
}

/// `[a-z0-9][a-z0-9._-]*`.
fn valid_id(id: &str) -> bool {
    let mut bytes = id.bytes();
    matches!(bytes.next(), Some(b'a'..=b'z' | b'0'..=b'9'))
        && bytes.all(|b| matches!(b, b'a'..=b'z' | b'0'..=b'9' | b'.' | b'_' | b'-'))
}

fn valid_url(url: &str) -> bool {
    let lower = url.to_ascii_lowercase();
    let rest = lower
        .strip_prefix("https://")
        .or_else(|| lower.strip_prefix("http://"));
    matches!(rest, Some(r) if !r.is_empty() && !r.starts_with('/'))
        && !url.chars().any(char::is_whitespace)
}

/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD`, with real months and days; `Err` says what is wrong.
fn check_date(s: &str) -> Result<(), String> {
    let parts: Vec<&str> = s.split('-').collect();
    let shape_ok = matches!(parts.len(), 1..=3)
        && parts.iter().enumerate().all(|(i, p)| {
            p.len() == if i == 0 { 4 } else { 2 } && p.bytes().all(|b| b.is_ascii_digit())
        });
    if !shape_ok {
        return Err("which is not a date: use YYYY-MM-DD, YYYY-MM or YYYY".to_string());
    }
    let num = |i: usize| parts.get(i).and_then(|p| p.parse::<u32>().ok());
    let year = num(0).unwrap_or(0);
    if let Some(month) = num(1) {
        if !(1..=12).contains(&month) {
            return Err(format!("which has no month {month:02}"));
        }
        if let Some(day) = num(2) {
            let days = days_in_month(year, month);
            if !(1..=days).contains(&day) {
                return Err(format!(
                    "which has no day {day:02}: that month has {days} days"
                ));
            }
        }
    }
    Ok(())
}

fn days_in_month(year: u32, month: u32) -> u32 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The known field closest to a misspelt one, when one is close enough to be a likely typo.
fn closest(key: &str, known: &[&'static str]) -> Option<&'static str> {
    // Field names are short; a long key is no typo, and would make the distance costly.
    if key.chars().count() > 2 * SHOWN {
        return None;
    }
    let key_lower = key.to_lowercase().replace('-', "_");
    let mut best: Option<(usize, &'static str)> = None;
    for &k in known {
        let distance = edit_distance(&key_lower, k);
        let shorter = key_lower.chars().count().min(k.len());
        let limit = match shorter {
            0..=2 => 0,
            3..=4 => 1,
            _ => 2,
        };
        let prefix = shorter >= 4 && (k.starts_with(&key_lower) || key_lower.starts_with(k));
        if (distance <= limit || prefix) && best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, k));
        }
    }
    best.map(|(_, k)| k)
}

/// Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for (i, cell) in d.iter_mut().step_by(width).enumerate() {
        *cell = i;
    }
    for (j, cell) in d.iter_mut().take(width).enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = v;
        }
    }
    d[a.len() * width + b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    const VALID: &str = r#"{
  "format": 1,
  "name": "test",
  "figures": [
    {
      "id": "a.one",
      "entity": "Ä Corp",
      "metric": "revenue",
      "value": 5,
      "unit": "USD",
      "source": { "title": "Report", "url": "https://example.com/r" }
    }
  ]
}"#;

    fn errors(text: &str) -> Vec<DatasetError> {
        match load_str(text, "t.json") {
            Ok(_) => Vec::new(),
            Err(e) => e.0,
        }
    }

    fn messages(text: &str) -> Vec<String> {
        errors(text).into_iter().map(|e| e.to_string()).collect()
    }

    #[test]
    fn valid_dataset_loads() {
        let ds = load_str(VALID, "t.json").unwrap();
        assert_eq!(ds.name, "test");
        assert_eq!(ds.location, "t.json");
        assert_eq!(ds.figures.len(), 1);
        assert_eq!(ds.figures[0].value, Some(5.0));
    }

    #[test]
    fn byte_order_mark_is_ignored() {
        let text = format!("\u{feff}{VALID}");
        assert!(load_str(&text, "t.json").is_ok());
    }

    #[test]
    fn builtin_loads() {
        let ds = builtin();
        assert_eq!(ds.location, "<built-in>");
        assert!(!ds.figures.is_empty());
    }

    #[test]
    fn columns_count_characters() {
        let text = VALID.replace("\"value\": 5", "\"value\": -5");
        let text = text.replace(
            "\"entity\": \"Ä Corp\",",
            "\"entity\": \"Ä Corp\", \"valu\": 1,",
        );
        let errs = errors(&text);
        // `"entity": "Ä Corp", ` is 20 characters but 21 bytes; the key starts after 6 spaces.
        assert_eq!((errs[0].line, errs[0].column), (7, 27), "{errs:?}");
        assert!(errs[0].message.contains("did you mean 'value'?"));
        assert_eq!((errs[1].line, errs[1].column), (9, 16));
    }

    #[test]
    fn syntax_errors_have_positions() {
        let cases = [
            ("", 1, 1, "the document is empty"),
            ("{\n  \"a\": 1,\n}", 3, 1, "trailing commas are not allowed"),
            ("[1, 2,]", 1, 7, "trailing commas are not allowed"),
            ("{\"a\" 1}", 1, 6, "expected ':'"),
            ("{\"a\": tru}", 1, 7, "unexpected word 'tru'"),
            ("{\"a\": 01}", 1, 7, "leading zeros"),
            ("{\"a\": 1.}", 1, 9, "after the decimal point"),
            ("{\"a\": \"x", 1, 7, "never closed"),
            ("{\"a\": \"\\q\"}", 1, 8, "invalid escape"),
            ("{\"a\": \"\\ud800\"}", 1, 8, "unpaired surrogate"),
            ("{\"a\": \"\t\"}", 1, 8, "control character U+0009"),
            ("{} {}", 1, 4, "expected the end of the document"),
            ("{\"a\": 1 // c\n}", 1, 9, "expected ',' or '}'"),
            ("{\"a\": [1 2]}", 1, 10, "expected ',' or ']'"),
            ("{'a': 1}", 1, 2, "expected a field name"),
            ("{\"a\": NaN}", 1, 7, "NaN and Infinity"),
            ("{\"é\": -}", 1, 7, "expected a digit after '-'"),
        ];
        for (text, line, column, fragment) in cases {
            let errs = errors(text);
            assert_eq!(errs.len(), 1, "{text:?}: {errs:?}");
            let e = &errs[0];
            assert_eq!((e.line, e.column), (line, column), "{text:?}: {e}");
            assert!(e.message.contains(fragment), "{text:?}: {e}");
        }
    }

    #[test]
    fn escapes_are_decoded() {
        let text = VALID.replace("Ä Corp", "\\u00c4 \\ud83d\\ude00 \\\"q\\\" \\/\\n");
        let ds = load_str(&text, "t.json").unwrap();
        assert_eq!(ds.figures[0].entity, "Ä 😀 \"q\" /\n");
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let text = format!("{}{}", "[".repeat(1_000_000), "]".repeat(1_000_000));
        let errs = errors(&text);
        assert_eq!(errs.len(), 1);
        assert!(errs[0].message.contains("nests deeper than 64 levels"));
        let text = "{\"a\":".repeat(100_000);
        assert_eq!(errors(&text).len(), 1);
    }

    #[test]
    fn numbers_are_checked() {
        let cases = [
            ("1e31", "beyond the limit of 1e30"),
            ("1e400", "beyond the limit of 1e30"),
            ("-3", "is negative"),
            ("\"5\"", "'value' must be a number, found a string"),
        ];
        for (value, fragment) in cases {
            let text = VALID.replace("\"value\": 5", &format!("\"value\": {value}"));
            let m = messages(&text);
            assert_eq!(m.len(), 1, "{m:?}");
            assert!(m[0].contains(fragment), "{m:?}");
            assert!(m[0].starts_with("t.json:9:16: figure 'a.one': "), "{m:?}");
        }
        let text = VALID.replace("\"value\": 5", "\"value\": 1e30, \"tolerance\": 0");
        assert!(messages(&text).is_empty());
    }

    #[test]
    fn amounts_need_exactly_one_form() {
        let both = VALID.replace("\"value\": 5", "\"value\": 5, \"low\": 1");
        assert!(messages(&both)[0].contains("not both 'value' and 'low'"));
        let none = VALID.replace("\"value\": 5,", "");
        let m = messages(&none);
        assert!(m[0].contains("missing 'value'"), "{m:?}");
        assert!(m[0].starts_with("t.json:5:5: "), "{m:?}");
        let range = VALID.replace("\"value\": 5", "\"low\": 1, \"high\": 2");
        assert!(messages(&range).is_empty());
        let at_least = VALID.replace("\"value\": 5", "\"low\": 1, \"value\": null");
        assert!(messages(&at_least).is_empty());
        let reversed = VALID.replace("\"value\": 5", "\"low\": 3, \"high\": 2.5");
        assert!(messages(&reversed)[0].contains("'low' (3) is greater than 'high' (2.5)"));
    }

    #[test]
    fn enumerations_and_ranges() {
        let text = VALID.replace(
            "\"value\": 5",
            "\"value\": 5, \"confidence\": \"hi\", \"direction\": \"sideways\", \"tolerance\": 1.5",
        );
        let m = messages(&text);
        assert_eq!(m.len(), 3, "{m:?}");
        assert!(m[0].contains("'confidence' must be 'high', 'medium' or 'low', found 'hi'"));
        assert!(m[1].contains("'direction' must be 'up' or 'down', found 'sideways'"));
        assert!(m[2].contains("'tolerance' must be between 0 and 1, found 1.5"));
    }

    #[test]
    fn dates() {
        assert!(check_date("2025").is_ok());
        assert!(check_date("2025-01").is_ok());
        assert!(check_date("2024-02-29").is_ok());
        assert!(check_date("2000-02-29").is_ok());
        assert!(check_date("1900-02-29").unwrap_err().contains("no day 29"));
        assert!(check_date("2025-13").unwrap_err().contains("no month 13"));
        assert!(
            check_date("2025-00-01")
                .unwrap_err()
                .contains("no month 00")
        );
        assert!(check_date("2025-04-31").unwrap_err().contains("30 days"));
        assert!(check_date("25-01-01").unwrap_err().contains("not a date"));
        assert!(check_date("2025-1-01").is_err());
        assert!(check_date("2025-01-01T00:00").is_err());
        assert!(check_date("").is_err());
        assert!(check_date("２０２５").is_err());
    }

    #[test]
    fn ids_and_urls() {
        assert!(valid_id("a"));
        assert!(valid_id("0.b_c-d"));
        assert!(!valid_id(""));
        assert!(!valid_id("-a"));
        assert!(!valid_id(".a"));
        assert!(!valid_id("A"));
        assert!(!valid_id("a b"));
        assert!(!valid_id("é"));
        assert!(valid_url("https://example.com"));
        assert!(valid_url("HTTP://example.com/x?y=1"));
        assert!(!valid_url("https://"));
        assert!(!valid_url("ftp://example.com"));
        assert!(!valid_url("example.com"));
        assert!(!valid_url("https://exa mple.com"));
    }

    #[test]
    fn suggestions() {
        let known = FIGURE_FIELDS;
        assert_eq!(closest("vaule", known), Some("value"));
        assert_eq!(closest("Value", known), Some("value"));
        assert_eq!(closest("alias", known), Some("aliases"));
        assert_eq!(closest("keyword", known), Some("keywords"));
        assert_eq!(closest("as-of", known), Some("as_of"));
        assert_eq!(closest("asof", known), Some("as_of"));
        assert_eq!(closest("hgih", known), Some("high"));
        assert_eq!(closest("colour", known), None);
        assert_eq!(closest("x", known), None);
        assert_eq!(edit_distance("", "abc"), 3);
        assert_eq!(edit_distance("ab", "ba"), 1);
    }

    #[test]
    fn source_fields_in_a_figure_get_a_hint() {
        let text = VALID.replace("\"value\": 5", "\"value\": 5, \"url\": \"https://x.org\"");
        let m = messages(&text);
        assert!(
            m[0].contains("unknown field 'url' in a figure; did you mean to put it in 'source'?")
        );
        let text = VALID.replace("\"value\": 5", "\"value\": 5, \"date\": \"2025\"");
        let m = messages(&text);
        assert!(m[0].contains("did you mean 'as_of'"), "{m:?}");
    }

    #[test]
    fn quoted_input_stays_on_one_line_and_short() {
        let long = "x".repeat(100_000);
        let text = VALID.replace(
            "\"value\": 5",
            &format!("\"value\": 5, \"a\\nb\": 1, \"{long}\": 2"),
        );
        let errs = DatasetErrors(errors(&text));
        assert_eq!(errs.0.len(), 2, "{errs}");
        assert_eq!(errs.to_string().lines().count(), 2);
        assert!(
            errs.0[0].message.contains("unknown field 'a\\nb'"),
            "{errs}"
        );
        assert!(errs.0[1].message.len() < 200);
        assert_eq!(shown("abc", 2), "ab…");
        assert_eq!(shown("a\tb", 10), "a\\tb");
    }

    #[test]
    fn repeated_fields_are_errors() {
        let text = VALID.replace("\"value\": 5", "\"value\": 5, \"value\": 6");
        let m = messages(&text);
        assert_eq!(m.len(), 1);
        assert!(
            m[0].contains("field 'value' is given twice in a figure; it is first given on line 9")
        );
    }

    #[test]
    fn display_formats() {
        let e = DatasetError {
            location: "a.json".into(),
            line: 3,
            column: 7,
            figure_id: Some("x".into()),
            message: "m".into(),
        };
        assert_eq!(e.to_string(), "a.json:3:7: figure 'x': m");
        let e2 = DatasetError {
            figure_id: None,
            line: 0,
            column: 0,
            ..e.clone()
        };
        assert_eq!(e2.to_string(), "a.json: m");
        assert_eq!(
            DatasetErrors(vec![e, e2]).to_string(),
            "a.json:3:7: figure 'x': m\na.json: m"
        );
    }

    #[test]
    fn line_index() {
        let idx = LineIndex::new("ab\nçd\n");
        assert_eq!(idx.position(0), (1, 1));
        assert_eq!(idx.position(2), (1, 3));
        assert_eq!(idx.position(3), (2, 1));
        assert_eq!(idx.position(5), (2, 2));
        assert_eq!(idx.position(7), (3, 1));
        assert_eq!(idx.position(99), (3, 1));
    }
}
