//! `--format jsonl`: one claim object a line (the JSON report's claim, plus `"path"`), streamed
//! file by file in input order; an input that could not be read is a line
//! `{"error": {"path", "message"}}` in its place; the last line is `{"summary": {...}}`.

use super::model::{ClaimReport, FileReport, InputError, Summary};
use serde::Serialize;
use std::io::{self, Write};

/// The claim lines of one file.
pub fn write_file(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    for claim in &file.claims {
        write_claim(out, &file.path, claim)?;
    }
    Ok(())
}

/// One claim's line: the claim as the JSON report has it, with `"path"` first.
pub fn write_claim(out: &mut dyn Write, path: &str, claim: &ClaimReport) -> io::Result<()> {
    if claim.path.is_some() {
        serde_json::to_writer(&mut *out, claim)?;
        return writeln!(out);
    }
    // `{"path":…,` and the claim's own object without its `{`: the bytes of serialising the
    // claim with its `path` set, without copying the claim.
    out.write_all(b"{\"path\":")?;
    serde_json::to_writer(&mut *out, path)?;
    out.write_all(b",")?;
    let mut tail = SkipFirstByte {
        out: &mut *out,
        skipped: false,
    };
    serde_json::to_writer(&mut tail, claim)?;
    writeln!(out)
}

/// A writer that drops the first byte written to it (the claim object's `{`).
struct SkipFirstByte<'a> {
    out: &'a mut dyn Write,
    skipped: bool,
}

impl Write for SkipFirstByte<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if !self.skipped && !buf.is_empty() {
            self.skipped = true;
            return self.out.write(&buf[1..]).map(|n| n + 1);
        }
        self.out.write(buf)
    }

    fn write_all(&mut self, buf: &[u8]) -> io::Result<()> {
        if !self.skipped && !buf.is_empty() {
            self.skipped = true;
            return self.out.write_all(&buf[1..]);
        }
        self.out.write_all(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
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
