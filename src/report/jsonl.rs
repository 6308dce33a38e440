//! `--format jsonl`: one claim object a line (the JSON report's claim, plus `"path"`), streamed
//! file by file in input order; an input that could not be read is a line
//! `{"error": {"path", "message"}}` in its place; the last line is `{"summary": {...}}`.
//!
//! Lines are serialised into a byte buffer (`json_line`), not through a `dyn Write`: serde
//! writes a line in dozens of small pieces, and a virtual call for each cost more than the
//! escaping itself.

use super::model::{ClaimReport, FileReport, InputError, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// The claim lines of one file, appended to `lines`.
pub fn write_file(lines: &mut Vec<u8>, file: &FileReport) {
    for claim in &file.claims {
        write_claim(lines, &file.path, claim);
    }
}

/// One claim's line, appended to `line`: the claim as the JSON report has it, with `"path"`
/// first.
pub fn write_claim(line: &mut Vec<u8>, path: &str, claim: &ClaimReport) {
    if claim.path.is_none() {
        // `{"path":…` and then the claim's own object with its `{` turned into `,`: the bytes
        // of serialising the claim with its `path` set, without copying the claim.
        line.extend_from_slice(b"{\"path\":");
        serialize(line, path);
        let object = line.len();
        serialize(line, claim);
        line[object] = b',';
    } else {
        serialize(line, claim);
    }
    line.push(b'\n');
}

/// Serialising the report model to memory cannot fail: every map key is a string.
fn serialize(buffer: &mut Vec<u8>, value: &(impl Serialize + ?Sized)) {
    super::json_line::write(buffer, value).expect("the report model serialises to JSON");
}

/// The line of an input that could not be read.
pub fn write_error(out: &mut dyn Write, error: &InputError) -> io::Result<()> {
    #[derive(Serialize)]
    struct Line<'a> {
        error: &'a InputError,
    }
    serde_json::to_writer(&mut *out, &Line { error })?;
    writeln!(out)
}

/// The closing line.
pub fn write_summary(out: &mut dyn Write, summary: &Summary) -> io::Result<()> {
    #[derive(Serialize)]
    struct Line<'a> {
        summary: &'a Summary,
    }
    serde_json::to_writer(&mut *out, &Line { summary })?;
    writeln!(out)
}
