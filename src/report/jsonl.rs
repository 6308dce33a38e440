//! `--format jsonl`: one claim object a line (the JSON report's claim, plus `"path"`), streamed
//! file by file in input order; an input that could not be read is a line
//! `{"error": {"path", "message"}}` in its place; the last line is `{"summary": {...}}`.
//!
//! Lines are serialised into a byte buffer (`json_line`), not through a `dyn Write`: serde
//! writes a line in dozens of small pieces, and a virtual call for each cost more than the
//! escaping itself.

use super::json_line::{self, Padded};
use super::model::{ClaimReport, FileReport, InputError, SpanReport, Summary};
use crate::dataset::Direction;
use crate::document::Span;
use crate::judge::Verdict;
use crate::reader::Kind;
use serde::Serialize;
use std::borrow::Borrow;
use std::io::{self, Write};
use std::ops::Range;

/// The claim lines of one file, appended to `lines`.
pub fn write_file(lines: &mut Vec<u8>, file: &FileReport) {
    let mut writer = ClaimWriter::default();
    for claim in &file.claims {
        writer.write(lines, &file.path, claim);
    }
}

/// One claim's line, appended to `line` (see `ClaimWriter::write`).
pub fn write_claim(line: &mut Vec<u8>, path: &str, claim: &ClaimReport) {
    ClaimWriter::default().write(line, path, claim);
}

/// Writes the lines of the claims of one document, remembering the escaped bytes of the texts
/// that the next claim mostly repeats: its path, and its line and sentence (a paragraph is one
/// line holding several claims, and escaping it again for each of them was a third of the cost
/// of the lines). One writer serves one document: its line and sentence are known by their
/// spans in it.
#[derive(Debug, Default)]
pub struct ClaimWriter {
    path: Escaped<String>,
    line_text: Escaped<Span>,
    sentence: Escaped<Span>,
    /// The start of a message that ends with its reason ("no figure to check this against: "),
    /// mostly the same for every claim.
    message_head: Escaped<String>,
}

/// A text's JSON string, kept with what says which text it was.
#[derive(Debug, Default)]
struct Escaped<K> {
    key: Option<K>,
    json: Vec<u8>,
}

/// A longer text is escaped each time: the copy kept would be as large as it.
const MAX_KEPT_BYTES: usize = 16 << 10;

impl<K> Escaped<K> {
    /// Keeps `text` as a JSON string in `json`, unless it is too long to keep; `key` is the
    /// same for the same text. Whether `json` holds it.
    fn keep<Q>(&mut self, key: &Q, text: &str) -> bool
    where
        Q: ?Sized + PartialEq + ToOwned<Owned = K>,
        K: Borrow<Q>,
    {
        if self.key.as_ref().map(Borrow::borrow) == Some(key) {
            return true;
        }
        self.json.clear();
        if text.len() > MAX_KEPT_BYTES {
            self.key = None;
            return false;
        }
        json_line::string(&mut self.json, text);
        self.key = Some(key.to_owned());
        true
    }

    /// `text` as a JSON string; `key` is the same for the same text.
    fn write<Q>(&mut self, out: &mut Vec<u8>, key: &Q, text: &str)
    where
        Q: ?Sized + PartialEq + ToOwned<Owned = K>,
        K: Borrow<Q>,
    {
        if self.keep(key, text) {
            out.extend_from_slice(&self.json);
        } else {
            json_line::string(out, text);
        }
    }
}

/// A text of the claim's line (at `start..end`), quoted as it is when the line needs no
/// escaping (`plain_line`, the line's span then): news text mostly has none, and this saves
/// looking for it again in the claim's text, number and sentence.
fn string_in_line(
    line: &mut Vec<u8>,
    plain_line: Option<Span>,
    (start, end): (usize, usize),
    text: &str,
) {
    match plain_line {
        Some(plain) if plain.start <= start && end <= plain.end => {
            json_line::plain_string(line, text)
        }
        _ => json_line::string(line, text),
    }
}

impl ClaimWriter {
    /// One claim's line, appended to `line`: the claim as the JSON report has it, with
    /// `"path"` first.
    ///
    /// The fields are written here one by one, in the order and with the rules of the report
    /// model's `Serialize` (a test holds the two to the same bytes): the keys are then fixed
    /// bytes rather than strings escaped for every claim, which was half the cost of a line.
    /// Nested objects, floats and enums go through `json_line`.
    pub fn write(&mut self, line: &mut Vec<u8>, path: &str, claim: &ClaimReport) {
        let path = claim.path.as_deref().unwrap_or(path);
        line.extend_from_slice(b"{\"path\":");
        self.path.write(line, path, path);
        // The line first (written further on): whether it needs escaping says whether the
        // texts inside it do.
        let line_kept = self.line_text.keep(&claim.line_span, &claim.line_text);
        let plain_line = (line_kept && self.line_text.json.len() == claim.line_text.len() + 2)
            .then_some(claim.line_span);
        line.extend_from_slice(b",\"text\":");
        let text = (claim.span.start, claim.span.end);
        string_in_line(line, plain_line, text, &claim.text);
        line.extend_from_slice(b",\"number_text\":");
        let number = (claim.number_span.start, claim.number_span.end);
        string_in_line(line, plain_line, number, &claim.number_text);
        // The four line numbers of the spans are mostly one.
        let claim_line = (
            claim.span.line,
            json_line::Digits::of(claim.span.line as u64),
        );
        line.extend_from_slice(b",\"span\":");
        write_span(line, &claim.span, claim_line);
        line.extend_from_slice(b",\"number_span\":");
        write_span(line, &claim.number_span, claim_line);
        line.extend_from_slice(b",\"line_text\":");
        if line_kept {
            line.extend_from_slice(&self.line_text.json);
        } else {
            json_line::string(line, &claim.line_text);
        }
        line.extend_from_slice(b",\"sentence\":");
        let sentence = (claim.sentence_span.start, claim.sentence_span.end);
        if plain_line.is_some() {
            string_in_line(line, plain_line, sentence, &claim.sentence);
        } else {
            self.sentence
                .write(line, &claim.sentence_span, &claim.sentence);
        }
        line.extend_from_slice(b",\"attribution\":");
        optional_string(line, claim.attribution.as_deref());
        line.extend_from_slice(b",\"hedge\":");
        optional_string(line, claim.hedge.as_deref());
        // From the direction to the unit's key: numbers and fixed words, put together on the
        // stack (at most 234 bytes: five floats of at most 24 bytes and 114 bytes of keys and
        // words). 256 bytes are zeroed by a few stores, where more took a call to memset.
        let mut numbers = json_line::Piece::<256>::new();
        numbers.push_padded(match claim.direction {
            None => &DIRECTION_NULL,
            Some(Direction::Up) => &DIRECTION_UP,
            Some(Direction::Down) => &DIRECTION_DOWN,
        });
        numbers.optional_float(claim.value);
        numbers.push(b",\"low\":");
        numbers.optional_float(claim.low);
        numbers.push(b",\"high\":");
        numbers.optional_float(claim.high);
        numbers.push(b",\"interval\":{\"low\":");
        numbers.optional_float(claim.interval.low);
        numbers.push_padded(if claim.interval.low_open {
            &LOW_OPEN
        } else {
            &LOW_CLOSED
        });
        numbers.optional_float(claim.interval.high);
        numbers.push_padded(if claim.interval.high_open {
            &HIGH_OPEN
        } else {
            &HIGH_CLOSED
        });
        numbers.append_to(line);
        json_line::string(line, &claim.unit);
        kind_json(claim.kind).append_to(line);
        // Where the reason's JSON string is in `line`, for the message that ends with it.
        let mut reason_json = None;
        if let Some(judgement) = &claim.judgement {
            verdict_json(judgement.verdict).append_to(line);
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
            let start = line.len();
            json_line::string(line, &judgement.reason);
            reason_json = Some((judgement.reason.as_str(), start..line.len()));
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
        self.write_message(line, &claim.message, reason_json);
        line.extend_from_slice(b"}\n");
    }

    /// The message, which mostly ends with the judgement's reason ("no figure to check this
    /// against: {reason}"): that part is copied from the reason's JSON string in `line`
    /// (`reason`, with where it is) rather than escaped again, and the part before it is
    /// mostly the last message's.
    fn write_message(
        &mut self,
        line: &mut Vec<u8>,
        message: &str,
        reason: Option<(&str, Range<usize>)>,
    ) {
        if let Some((reason, json)) = reason.filter(|(reason, _)| !reason.is_empty())
            && let Some(head) = message.strip_suffix(reason)
        {
            if self.message_head.keep(head, head) {
                // The head's opening quote and escaped text, without its closing quote.
                let quoted_head = &self.message_head.json;
                line.extend_from_slice(&quoted_head[..quoted_head.len() - 1]);
            } else {
                line.push(b'"');
                json_line::string_body(line, head);
            }
            // The reason's escaped text and its closing quote.
            line.extend_from_within(json.start + 1..json.end);
            return;
        }
        json_line::string(line, message);
    }
}

// The keys and words between a claim's numbers that depend on its direction and interval.
const DIRECTION_NULL: Padded<32> = Padded::new(b",\"direction\":null,\"value\":");
const DIRECTION_UP: Padded<32> = Padded::new(b",\"direction\":\"up\",\"value\":");
const DIRECTION_DOWN: Padded<32> = Padded::new(b",\"direction\":\"down\",\"value\":");
const LOW_OPEN: Padded<32> = Padded::new(b",\"low_open\":true,\"high\":");
const LOW_CLOSED: Padded<32> = Padded::new(b",\"low_open\":false,\"high\":");
const HIGH_OPEN: Padded<32> = Padded::new(b",\"high_open\":true},\"unit\":");
const HIGH_CLOSED: Padded<32> = Padded::new(b",\"high_open\":false},\"unit\":");

/// The kind's key and value, the kind as its `Serialize` names it (snake case). Padded: the
/// texts are of different lengths, and copying the chosen one cost a call.
fn kind_json(kind: Kind) -> &'static Padded<32> {
    match kind {
        Kind::Money => &const { Padded::new(b",\"kind\":\"money\"") },
        Kind::Percent => &const { Padded::new(b",\"kind\":\"percent\"") },
        Kind::PercentagePoints => &const { Padded::new(b",\"kind\":\"percentage_points\"") },
        Kind::Count => &const { Padded::new(b",\"kind\":\"count\"") },
        Kind::Measure => &const { Padded::new(b",\"kind\":\"measure\"") },
        Kind::Duration => &const { Padded::new(b",\"kind\":\"duration\"") },
        Kind::Multiplier => &const { Padded::new(b",\"kind\":\"multiplier\"") },
        Kind::Rate => &const { Padded::new(b",\"kind\":\"rate\"") },
    }
}

/// The verdict's key and value, and the figure's key (padded, as `kind_json`).
fn verdict_json(verdict: Verdict) -> &'static Padded<40> {
    match verdict {
        Verdict::Supported => &const { Padded::new(b",\"verdict\":\"supported\",\"figure\":") },
        Verdict::Unverified => &const { Padded::new(b",\"verdict\":\"unverified\",\"figure\":") },
        Verdict::Ambiguous => &const { Padded::new(b",\"verdict\":\"ambiguous\",\"figure\":") },
        Verdict::Contradicted => {
            &const { Padded::new(b",\"verdict\":\"contradicted\",\"figure\":") }
        }
    }
}

fn optional_float(line: &mut Vec<u8>, v: Option<f64>) {
    match v {
        Some(v) => json_line::float(line, v),
        None => line.extend_from_slice(b"null"),
    }
}

/// A span object, put together on the stack: six numbers of a few digits and their keys. Its
/// line numbers are mostly the claim's line (`claim_line`), whose digits are made once for
/// both of the claim's spans.
fn write_span(
    line: &mut Vec<u8>,
    span: &SpanReport,
    (claim_line, claim_line_digits): (usize, Option<json_line::Digits>),
) {
    let line_number = |piece: &mut json_line::Piece<192>, n: usize| match claim_line_digits {
        Some(digits) if n == claim_line => piece.digits(digits),
        _ => piece.integer(n as u64),
    };
    // The keys' 61 bytes and six numbers of at most 20 digits.
    let mut piece = json_line::Piece::<192>::new();
    piece.push(b"{\"start\":");
    piece.integer(span.start as u64);
    piece.push(b",\"end\":");
    piece.integer(span.end as u64);
    piece.push(b",\"line\":");
    line_number(&mut piece, span.line);
    piece.push(b",\"column\":");
    piece.integer(span.column as u64);
    piece.push(b",\"end_line\":");
    line_number(&mut piece, span.end_line);
    piece.push(b",\"end_column\":");
    piece.integer(span.end_column as u64);
    piece.push(b"}");
    piece.append_to(line);
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

    fn our_line(writer: &mut ClaimWriter, path: &str, claim: &ClaimReport) -> String {
        let mut line = Vec::new();
        writer.write(&mut line, path, claim);
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
                    // One writer for the file's claims, as the run has: the lines repeat
                    // their paths, lines and sentences from the kept bytes.
                    let mut writer = ClaimWriter::default();
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
                        // A message ending with a reason that has escapes.
                        if let Some(judgement) = &mut flipped.judgement {
                            judgement.reason.push_str(" \"so\"\t\\ ’");
                            flipped.message =
                                format!("not \"checked\": {}", judgement.reason).into();
                        }
                        for c in [claim, &flipped] {
                            assert_eq!(our_line(&mut writer, &path, c), serde_line(&path, c));
                            compared += 1;
                        }
                    }
                }
            }
        }
        assert!(compared > 500, "only {compared} claims compared");
    }

    /// Every kind and verdict, whether the fixtures have claims of it or not: the padded texts
    /// are serde's keys and values.
    #[test]
    fn kinds_and_verdicts_are_serdes() {
        let kinds = [
            Kind::Money,
            Kind::Percent,
            Kind::PercentagePoints,
            Kind::Count,
            Kind::Measure,
            Kind::Duration,
            Kind::Multiplier,
            Kind::Rate,
        ];
        for kind in kinds {
            let mut ours = Vec::new();
            kind_json(kind).append_to(&mut ours);
            let theirs = format!(",\"kind\":{}", serde_json::to_string(&kind).unwrap());
            assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        }
        let verdicts = [
            Verdict::Supported,
            Verdict::Unverified,
            Verdict::Ambiguous,
            Verdict::Contradicted,
        ];
        for verdict in verdicts {
            let mut ours = Vec::new();
            verdict_json(verdict).append_to(&mut ours);
            let theirs = format!(
                ",\"verdict\":{},\"figure\":",
                serde_json::to_string(&verdict).unwrap()
            );
            assert_eq!(String::from_utf8(ours).unwrap(), theirs);
        }
    }

    /// Lines that need escaping and lines that do not, a sentence over two lines, several
    /// claims a line: the kept and plain-quoted texts are serde's too.
    #[test]
    fn kept_and_plain_texts_are_serdes() {
        let checker = Checker::new(&[crate::dataset::builtin()]);
        let text = "Nvidia said \"revenue rose 12% to $5 billion\" in 2024.\tIt employs 30,000 \
                    people. The firm\\ spent $2 billion.\n\
                    The second line has 40 GPUs and \"quoted 7 words\".\n\
                    A sentence that runs\r\nover two lines with 15 percent and 9 trucks.\n\
                    Plain line with 3 million users and 4 million more. Then 5 more.\n";
        let doc = input::build("q.txt".into(), text.into(), TextFormat::Text, None);
        let mut compared = 0;
        for file in [checker.check(&doc), checker.claims(&doc)] {
            let mut writer = ClaimWriter::default();
            for claim in &file.claims {
                assert_eq!(
                    our_line(&mut writer, "q.txt", claim),
                    serde_line("q.txt", claim)
                );
                compared += 1;
            }
        }
        assert!(compared >= 20, "only {compared} claims compared");
    }
}
