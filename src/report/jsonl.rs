//! `--format jsonl`: one claim object a line (the JSON report's claim, plus `"path"`), streamed
//! file by file in input order; an input that could not be read is a line
//! `{"error": {"path", "message"}}` in its place; the last line is `{"summary": {...}}`.

use super::model::{FileReport, InputError, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// The claim lines of one file.
pub fn write_file(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    for claim in &file.claims {
        let mut line = claim.clone();
        line.path = Some(file.path.clone());
        serde_json::to_writer(&mut *out, &line)?;
        writeln!(out)?;
    }
    Ok(())
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
