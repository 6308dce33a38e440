//! `--format jsonl`: one claim object a line (the JSON report's claim, plus `"path"`), streamed
//! file by file in input order; an input that could not be read is a line
//! `{"error": {"path", "message"}}` in its place; the last line is `{"summary": {...}}`.
//!
//! Lines are serialised into a byte buffer (`json_line`), not through a `dyn Write`: serde
//! writes a line in dozens of small pieces, and a virtual call for each cost more than the
//! escaping itself.

use super::json_line;
use super::model::{ClaimReport, FileReport, InputError, SpanReport, Summary};
use crate::dataset::Direction;
use crate::reader::Kind;
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
///
/// The fields are written here one by one, in the order and with the rules of the report
/// model's `Serialize` (a test holds the two to the same bytes): the keys are then fixed
/// bytes rather than strings escaped for every claim, which was half the cost of a line. Nested
/// objects, floats and enums go through `json_line`.
pub fn write_claim(line: &mut Vec<u8>, path: &str, claim: &ClaimReport) {
    let path = claim.path.as_deref().unwrap_or(path);
    line.extend_from_slice(b"{\"path\":");
    json_line::string(line, path);
    line.extend_from_slice(b",\"text\":");
    json_line::string(line, &claim.text);
    line.extend_from_slice(b",\"number_text\":");
    json_line::string(line, &claim.number_text);
    line.extend_from_slice(b",\"span\":");
    write_span(line, &claim.span);
    line.extend_from_slice(b",\"number_span\":");
    write_span(line, &claim.number_span);
    line.extend_from_slice(b",\"line_text\":");
    json_line::string(line, &claim.line_text);
    line.extend_from_slice(b",\"sentence\":");
    json_line::string(line, &claim.sentence);
    line.extend_from_slice(b",\"attribution\":");
    optional_string(line, claim.attribution.as_deref());
    line.extend_from_slice(b",\"hedge\":");
    optional_string(line, claim.hedge.as_deref());
    line.extend_from_slice(b",\"direction\":");
    line.extend_from_slice(match claim.direction {
        None => b"null",
        Some(Direction::Up) => b"\"up\"",
        Some(Direction::Down) => b"\"down\"",
    });
    line.extend_from_slice(b",\"value\":");
    optional_float(line, claim.value);
    line.extend_from_slice(b",\"low\":");
    optional_float(line, claim.low);
    line.extend_from_slice(b",\"high\":");
    optional_float(line, claim.high);
    line.extend_from_slice(b",\"interval\":{\"low\":");
    optional_float(line, claim.interval.low);
    line.extend_from_slice(b",\"low_open\":");
    boolean(line, claim.interval.low_open);
    line.extend_from_slice(b",\"high\":");
    optional_float(line, claim.interval.high);
    line.extend_from_slice(b",\"high_open\":");
    boolean(line, claim.interval.high_open);
    line.push(b'}');
    line.extend_from_slice(b",\"unit\":");
    json_line::string(line, &claim.unit);
    line.extend_from_slice(b",\"kind\":\"");
    line.extend_from_slice(kind_key(claim.kind));
    line.push(b'"');
    if let Some(judgement) = &claim.judgement {
        line.extend_from_slice(b",\"verdict\":\"");
        line.extend_from_slice(judgement.verdict.as_str().as_bytes());
        line.extend_from_slice(b"\",\"figure\":");
        match &judgement.figure {
            Some(figure) => line.extend_from_slice(figure.json()),
            None => line.extend_from_slice(b"null"),
        }
        line.extend_from_slice(b",\"candidates\":[");
        for (i, id) in judgement.candidates.iter().enumerate() {
            if i > 0 {
                line.push(b',');
            }
            json_line::string(line, id);
        }
        line.extend_from_slice(b"],\"reason\":");
        json_line::string(line, &judgement.reason);
        line.extend_from_slice(b",\"deviation_pct\":");
        optional_float(line, judgement.deviation_pct);
    }
    line.extend_from_slice(b",\"suppressed\":");
    match &claim.suppressed {
        Some(suppressed) => {
            line.extend_from_slice(b"{\"reason\":");
            json_line::string(line, &suppressed.reason);
            line.push(b'}');
        }
        None => line.extend_from_slice(b"null"),
    }
    line.extend_from_slice(b",\"message\":");
    json_line::string(line, &claim.message);
    line.extend_from_slice(b"}\n");
}

/// A kind as its `Serialize` names it (snake case).
fn kind_key(kind: Kind) -> &'static [u8] {
    match kind {
        Kind::Money => b"money",
        Kind::Percent => b"percent",
        Kind::PercentagePoints => b"percentage_points",
        Kind::Count => b"count",
        Kind::Measure => b"measure",
        Kind::Duration => b"duration",
        Kind::Multiplier => b"multiplier",
        Kind::Rate => b"rate",
    }
}

fn optional_float(line: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(v) => json_line::float(line, v),
        None => line.extend_from_slice(b"null"),
    }
}

fn boolean(line: &mut Vec<u8>, b: bool) {
    line.extend_from_slice(if b { b"true" } else { b"false" });
}

fn write_span(line: &mut Vec<u8>, span: &SpanReport) {
    line.extend_from_slice(b"{\"start\":");
    json_line::integer(line, span.start);
    line.extend_from_slice(b",\"end\":");
    json_line::integer(line, span.end);
    line.extend_from_slice(b",\"line\":");
    json_line::integer(line, span.line);
    line.extend_from_slice(b",\"column\":");
    json_line::integer(line, span.column);
    line.extend_from_slice(b",\"end_line\":");
    json_line::integer(line, span.end_line);
    line.extend_from_slice(b",\"end_column\":");
    json_line::integer(line, span.end_column);
    line.push(b'}');
}

fn optional_string(line: &mut Vec<u8>, s: Option<&str>) {
    match s {
        Some(s) => json_line::string(line, s),
        None => line.extend_from_slice(b"null"),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::Checker;
    use crate::input::{self, TextFormat};
    use crate::report::model::Suppressed;

    /// The line serde_json writes for the claim with its path set (the file's, unless the
    /// claim has its own).
    fn serde_line(path: &str, claim: &ClaimReport) -> String {
        let mut with_path = claim.clone();
        with_path.path.get_or_insert_with(|| path.to_string());
        serde_json::to_string(&with_path).unwrap() + "\n"
    }

    fn our_line(path: &str, claim: &ClaimReport) -> String {
        let mut line = Vec::new();
        write_claim(&mut line, path, claim);
        String::from_utf8(line).unwrap()
    }

    /// Every claim of the fixture articles and drafts, checked and only read, and each with its
    /// optional fields flipped: the hand-written line is serde's, byte for byte.
    #[test]
    fn lines_are_the_json_reports_claims_with_their_path() {
        let checker = Checker::new(&[crate::dataset::builtin()]);
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut compared = 0;
        for dir in ["articles", "drafts/markdown", "drafts/html"] {
            for entry in std::fs::read_dir(root.join(dir)).unwrap() {
                let path = entry.unwrap().path().to_string_lossy().into_owned();
                if path.ends_with(".json") {
                    continue;
                }
                let doc = input::load(&path, TextFormat::Text, None).unwrap().document;
                let doc = input::build(path.clone(), doc.text, TextFormat::from_path(&path), None);
                for file in [checker.check(&doc), checker.claims(&doc)] {
                    for claim in &file.claims {
                        let mut flipped = claim.clone();
                        flipped.attribution = match &claim.attribution {
                            Some(_) => None,
                            None => Some("said \"Reuters\"\n".into()),
                        };
                        flipped.hedge = claim.hedge.is_none().then(|| "about".into());
                        flipped.suppressed = match &claim.suppressed {
                            Some(_) => None,
                            None => Some(Suppressed {
                                reason: "known \\ typo".into(),
                            }),
                        };
                        flipped.value = None;
                        flipped.path = Some("elsewhere.md".into());
                        for c in [claim, &flipped] {
                            assert_eq!(our_line(&path, c), serde_line(&path, c));
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 500, "only {compared} claims compared");
    }
}
