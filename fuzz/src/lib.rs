//! What every fuzz target runs, and what the regression tests in `tests/invariants.rs` run on
//! the inputs the fuzzers found (that file includes this one with `#[path]`): each function
//! takes arbitrary input, runs a stage of factcheck on it, and panics if an invariant breaks.
//! A panic is a crash for AFL++, and a failed test for `cargo test`.

use factcheck::check::Checker;
use factcheck::dataset;
use factcheck::document::Document;
use factcheck::input::{self, TextFormat};
use factcheck::report::human::{self, HumanOptions};
use factcheck::report::model::{FileReport, Report, Summary, Tool};
use factcheck::report::{self, FailOn};
use std::path::Path;
use std::sync::OnceLock;

/// The checker of the built-in dataset, built once per process.
pub fn builtin_checker() -> &'static Checker {
    static CHECKER: OnceLock<Checker> = OnceLock::new();
    CHECKER.get_or_init(|| Checker::new(&[dataset::builtin()]))
}

/// Inputs longer than this are cut (on a character boundary): the fuzzers look for crashes,
/// not for slow inputs, and AFL++'s default time-out would call a long input a hang.
pub const MAX_INPUT: usize = 64 * 1024;

/// The text of fuzz input bytes: decoded as factcheck decodes a file (a refused file is fine).
pub fn text_of(data: &[u8]) -> Option<String> {
    let data = &data[..data.len().min(MAX_INPUT)];
    let (text, _warnings) = input::decode(data).ok()?;
    Some(text)
}

/// 1-based line and column (in characters) of `offset`, computed independently of
/// `LineIndex`: `\n`, `\r\n` and a lone `\r` each end a line.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let mut line = 1;
    let mut column = 1;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if i >= offset {
            break;
        }
        let next = chars.peek().map(|&(_, n)| n);
        match c {
            '\n' => {
                line += 1;
                column = 1;
            }
            '\r' if next != Some('\n') => {
                line += 1;
                column = 1;
            }
            _ => column += 1,
        }
    }
    (line, column)
}

/// A document's own structure: prose, paragraphs and sentences are sorted, inside the text and
/// on character boundaries.
pub fn check_document(doc: &Document) {
    let text = &doc.text;
    for (what, spans) in [
        ("prose", &doc.prose),
        ("paragraph", &doc.paragraphs),
        ("sentence", &doc.sentences),
    ] {
        let mut last_end = 0;
        for s in spans.iter() {
            assert!(
                s.start <= s.end && s.end <= text.len(),
                "{what} {s:?} out of the text (len {})",
                text.len()
            );
            assert!(
                text.is_char_boundary(s.start) && text.is_char_boundary(s.end),
                "{what} {s:?} not on character boundaries"
            );
            assert!(
                s.start >= last_end,
                "{what} {s:?} overlaps or precedes the one before (ending at {last_end})"
            );
            last_end = s.end;
        }
    }
}

/// A file report's claims agree with the document: spans on character boundaries inside the
/// text, `text == input[start..end]`, line and column as recomputed from the input, claims in
/// text order.
pub fn check_report(doc: &Document, file: &FileReport) {
    let text = &doc.text;
    let mut last_end = 0;
    for c in &file.claims {
        for (what, span, quoted) in [
            ("span", &c.span, &c.text),
            ("number span", &c.number_span, &c.number_text),
        ] {
            assert!(
                span.start < span.end && span.end <= text.len(),
                "claim {what} {}..{} out of the text (len {})",
                span.start,
                span.end,
                text.len()
            );
            assert!(
                text.is_char_boundary(span.start) && text.is_char_boundary(span.end),
                "claim {what} {}..{} not on character boundaries",
                span.start,
                span.end
            );
            assert_eq!(&text[span.start..span.end], &**quoted, "claim {what} text");
            assert_eq!(
                (span.line, span.column),
                line_col(text, span.start),
                "claim {what} start {} line:column",
                span.start
            );
            assert_eq!(
                (span.end_line, span.end_column),
                line_col(text, span.end),
                "claim {what} end {} line:column",
                span.end
            );
        }
        assert!(
            c.span.start <= c.number_span.start && c.number_span.end <= c.span.end,
            "the number {:?} lies outside its claim {:?}",
            c.number_text,
            c.text
        );
        assert!(
            c.span.start >= last_end,
            "claims out of order or overlapping at {:?}",
            c.text
        );
        last_end = c.span.end;
    }
    let mut summary = Summary::default();
    for c in &file.claims {
        summary.add_claim(c);
    }
    assert_eq!(summary.claims, file.claims.len());
}

/// Every output format renders the report without panicking.
pub fn render_all(checker: &Checker, file: &FileReport, claims_only: bool) {
    let mut sink = Vec::new();
    let options = HumanOptions {
        quiet: false,
        verbose: true,
        fail_on: FailOn::Unverified,
        claims_only,
    };
    human::write_file(&mut sink, file, &options).expect("human output");
    report::jsonl::write_file(&mut sink, file);
    if !claims_only {
        report::github::write_file(&mut sink, file).expect("github output");
    }
    let report = Report {
        format: report::model::REPORT_FORMAT,
        tool: Tool::default(),
        datasets: checker.dataset_refs(),
        files: vec![file.clone()],
        summary: file.summary,
        errors: Vec::new(),
    };
    report::write_json(&mut sink, &report).expect("json output");
    if !claims_only {
        report::sarif::write_sarif(&mut sink, &report).expect("sarif output");
    }
}

/// The whole pipeline on one article in one format, with the built-in dataset: the document's
/// structure, the claims and verdicts and their spans, determinism, and every output format.
pub fn article(data: &[u8], format: TextFormat) {
    let Some(text) = text_of(data) else { return };
    let checker = builtin_checker();
    let doc = input::build("fuzz".into(), text, format, None);
    check_document(&doc);
    let claims = checker.claims(&doc);
    check_report(&doc, &claims);
    render_all(checker, &claims, true);
    let checked = checker.check(&doc);
    check_report(&doc, &checked);
    render_all(checker, &checked, false);
    // The same claims, in the same places, whether or not they are judged; and the same again.
    let places = |f: &FileReport| -> Vec<(usize, usize)> {
        f.claims
            .iter()
            .map(|c| (c.span.start, c.span.end))
            .collect()
    };
    assert_eq!(
        places(&claims),
        places(&checked),
        "claims and check disagree"
    );
    let again = checker.check(&doc);
    assert_eq!(
        serde_json::to_string(&checked).unwrap(),
        serde_json::to_string(&again).unwrap(),
        "a second check of the same document differs"
    );
}

/// A small article the dataset target checks every dataset that loads against.
const ARTICLE: &str = "date 2025-01-31\n\nDeepSeek said training cost $5.6 million on 2,048 \
                       H800 GPUs. Nvidia lost $589 billion, or 17%, in one day. Meta plans \
                       capex of up to $65 billion this year, about 60% more.\n";

/// The dataset loader on arbitrary text: errors have positions inside the text; a dataset that
/// loads is usable by the index, the linker and the judge.
pub fn dataset(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(&data[..data.len().min(MAX_INPUT)]) else {
        return;
    };
    match dataset::load_str(text, "fuzz.json") {
        Err(errors) => {
            assert!(!errors.0.is_empty(), "an error without a problem");
            let lines = text.split('\n').count() + text.matches('\r').count();
            for e in &errors.0 {
                assert!(e.line <= lines + 1, "error past the last line: {e}");
                assert!(!e.message.is_empty());
                assert!(
                    !e.to_string().contains('\n'),
                    "an error message spans lines: {e:?}"
                );
            }
        }
        Ok(d) => {
            assert!(!d.figures.is_empty(), "a dataset with no figures loaded");
            for f in &d.figures {
                if let (Some(l), Some(h)) = (f.low, f.high) {
                    assert!(l <= h, "figure {} loaded with low > high", f.id);
                }
                for v in [f.value, f.low, f.high].into_iter().flatten() {
                    assert!(v.is_finite() && v >= 0.0, "figure {} value {v}", f.id);
                }
            }
            // With and without the built-in dataset (an id clash is an error, not a crash).
            let mut sets = vec![d.clone()];
            if let Ok(merged) = dataset::merge(vec![dataset::builtin(), d]) {
                sets = merged;
            }
            let checker = Checker::new(&sets);
            let doc = Document::from_text("fuzz.txt".into(), ARTICLE.into());
            let file = checker.check(&doc);
            check_report(&doc, &file);
            render_all(&checker, &file, false);
        }
    }
}

/// The config loader on arbitrary text: an error names a position inside the text.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(&data[..data.len().min(MAX_INPUT)]) else {
        return;
    };
    match factcheck::config::parse(text, Path::new("fuzz/factcheck.toml")) {
        Ok(c) => {
            let _ = c.datasets();
            if let Some(x) = &c.excludes {
                let _ = x.is_excluded(Path::new("fuzz/a/b.md"), false);
                let _ = x.is_excluded(Path::new("fuzz/a"), true);
            }
        }
        Err(e) => {
            let lines = text.split('\n').count();
            if let Some((line, column)) = e.position {
                assert!(
                    line >= 1 && line <= lines,
                    "error line {line} of {lines}: {e}"
                );
                assert!(column >= 1, "{e}");
            }
            assert!(!e.message.is_empty());
        }
    }
}

/// Decoding arbitrary bytes: refused only for a NUL byte, never a panic; UTF-8 passes through
/// unchanged.
pub fn decode(data: &[u8]) {
    let decoded = input::decode(data);
    let bom = data.starts_with(&[0xEF, 0xBB, 0xBF])
        || data.starts_with(&[0xFF, 0xFE])
        || data.starts_with(&[0xFE, 0xFF]);
    match (std::str::from_utf8(data), decoded) {
        (Ok(s), Ok((text, warnings))) if !bom => {
            assert_eq!(s, text);
            assert!(warnings.is_empty());
        }
        (_, Err(message)) => {
            assert!(message.starts_with("not a text file"), "{message}");
        }
        _ => {}
    }
}
