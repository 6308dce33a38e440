//! The input stage: getting an article's bytes (a file or standard input), decoding them, and
//! turning them into a `Document` with its prose ranges.

pub mod html;
pub mod markdown;
pub mod markup;
pub mod walk;

use crate::document::{Date, Document};
use std::fmt;
use std::io::Read;
use std::path::Path;

/// How to read an input's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum TextFormat {
    Text,
    Markdown,
    Html,
}

impl TextFormat {
    /// The format a path's extension implies; anything unknown is read as text.
    pub fn from_path(path: &str) -> TextFormat {
        let ext = Path::new(path)
            .extension()
            .and_then(|e| e.to_str())
            .map(|e| e.to_ascii_lowercase());
        match ext.as_deref() {
            Some("md" | "markdown") => TextFormat::Markdown,
            Some("html" | "htm") => TextFormat::Html,
            _ => TextFormat::Text,
        }
    }
}

/// An input that could not be read: reported, and the run goes on with the others.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

impl std::error::Error for InputError {}

/// A decoded input and what the decoding had to say about it.
pub struct Loaded {
    pub document: Document,
    pub warnings: Vec<String>,
}

/// Reads a file, or standard input for `-`, and builds its document.
pub fn load(
    path: &str,
    stdin_format: TextFormat,
    date: Option<Date>,
) -> Result<Loaded, InputError> {
    let err = |message: String| InputError {
        path: path.to_string(),
        message,
    };
    let (bytes, format) = if path == "-" {
        let mut buf = Vec::new();
        std::io::stdin()
            .read_to_end(&mut buf)
            .map_err(|e| err(format!("cannot read standard input: {e}")))?;
        (buf, stdin_format)
    } else {
        let meta = std::fs::metadata(path)
            .map_err(|e| err(format!("cannot read the file: {}", io_reason(&e))))?;
        if meta.is_dir() {
            return Err(err("is a directory".into()));
        }
        let bytes = std::fs::read(path)
            .map_err(|e| err(format!("cannot read the file: {}", io_reason(&e))))?;
        (bytes, TextFormat::from_path(path))
    };
    let (text, mut warnings) = decode_owned(bytes).map_err(err)?;
    warnings
        .iter_mut()
        .for_each(|w| *w = format!("{path}: {w}"));
    let document = build(path.to_string(), text, format, date);
    Ok(Loaded { document, warnings })
}

/// The document of a text in a given format, with `date` (from `--date`) winning over any date
/// found in the text.
pub fn build(path: String, text: String, format: TextFormat, date: Option<Date>) -> Document {
    let mut doc = match format {
        TextFormat::Text => Document::from_text(path, text),
        TextFormat::Markdown => markdown::markdown_document(path, text, date),
        TextFormat::Html => html::html_document(path, text, date),
    };
    if date.is_some() {
        doc.article_date = date;
    }
    doc
}

fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string(),
    }
}

/// `decode`, taking the bytes: valid UTF-8 without a byte-order mark (the common case) becomes
/// the text without a copy, so a large input is held once, not twice.
pub fn decode_owned(bytes: Vec<u8>) -> Result<(String, Vec<String>), String> {
    let marked = [&[0xEF, 0xBB, 0xBF][..], &[0xFF, 0xFE], &[0xFE, 0xFF]]
        .iter()
        .any(|bom| bytes.starts_with(bom));
    if marked || bytes.contains(&0) {
        return decode(&bytes);
    }
    match String::from_utf8(bytes) {
        Ok(text) => Ok((text, Vec::new())),
        Err(e) => decode(e.as_bytes()),
    }
}

/// UTF-8 (with or without a byte-order mark) and UTF-16 with a byte-order mark are decoded;
/// a file that is not text (NUL bytes) is refused; invalid UTF-8 is read lossily with a warning
/// naming the first bad byte's offset.
pub fn decode(bytes: &[u8]) -> Result<(String, Vec<String>), String> {
    let mut warnings = Vec::new();
    // Every leading UTF-8 byte-order mark is dropped, in a loop: recursing once per mark
    // overflowed the stack on a file of a million of them.
    let whole = bytes.len();
    let mut bytes = bytes;
    while let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        bytes = rest;
    }
    // Offsets in messages are the file's, marks included.
    let marks = whole - bytes.len();
    if bytes.starts_with(&[0xFF, 0xFE]) || bytes.starts_with(&[0xFE, 0xFF]) {
        let le = bytes[0] == 0xFF;
        let units: Vec<u16> = bytes[2..]
            .chunks(2)
            .map(|c| {
                let pair = [c[0], *c.get(1).unwrap_or(&0)];
                if le {
                    u16::from_le_bytes(pair)
                } else {
                    u16::from_be_bytes(pair)
                }
            })
            .collect();
        let text = String::from_utf16_lossy(&units);
        warnings.push("decoded from UTF-16; offsets refer to the text as UTF-8".to_string());
        return Ok((text, warnings));
    }
    if let Some(p) = bytes.iter().position(|&b| b == 0) {
        return Err(format!(
            "not a text file (a NUL byte at offset {})",
            p + marks
        ));
    }
    match std::str::from_utf8(bytes) {
        Ok(s) => Ok((s.to_string(), warnings)),
        Err(e) => {
            warnings.push(format!(
                "invalid UTF-8 at byte {}; read with replacement characters",
                e.valid_up_to() + marks
            ));
            Ok((String::from_utf8_lossy(bytes).into_owned(), warnings))
        }
    }
}
