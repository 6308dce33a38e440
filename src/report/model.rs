//! The report model: one serialisable structure that *is* the JSON report (report.md, format 1).
//! Every renderer formats this model and computes nothing it lacks.

use crate::dataset::Direction;
use crate::dataset::index::Index;
use crate::document::{Document, Span};
use crate::judge::{Interval, Verdict, claim_interval};
use crate::reader::{Amount, Claim, Kind};
use serde::Serialize;
use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

pub const REPORT_FORMAT: u32 = 1;

#[derive(Debug, Clone, Serialize)]
pub struct Report {
    pub format: u32,
    pub tool: Tool,
    pub datasets: Vec<DatasetRef>,
    pub files: Vec<FileReport>,
    pub summary: Summary,
    pub errors: Vec<InputError>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Tool {
    pub name: &'static str,
    pub version: &'static str,
}

impl Default for Tool {
    fn default() -> Self {
        Tool {
            name: "factcheck",
            version: env!("CARGO_PKG_VERSION"),
        }
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct DatasetRef {
    pub name: String,
    pub location: String,
    pub figures: usize,
}

#[derive(Debug, Clone, Serialize)]
pub struct InputError {
    pub path: String,
    pub message: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FileReport {
    pub path: String,
    pub article_date: Option<String>,
    pub claims: Vec<ClaimReport<'static>>,
    pub summary: Summary,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    /// Files in the run (only in the run's summary).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub files: Option<usize>,
    pub claims: usize,
    pub supported: usize,
    pub contradicted: usize,
    pub ambiguous: usize,
    pub unverified: usize,
    pub suppressed: usize,
}

impl Summary {
    pub fn add_claim(&mut self, claim: &ClaimReport) {
        self.claims += 1;
        if claim.suppressed.is_some() {
            self.suppressed += 1;
            return;
        }
        match claim.judgement.as_ref().map(|j| j.verdict) {
            Some(Verdict::Supported) => self.supported += 1,
            Some(Verdict::Contradicted) => self.contradicted += 1,
            Some(Verdict::Ambiguous) => self.ambiguous += 1,
            Some(Verdict::Unverified) => self.unverified += 1,
            None => {}
        }
    }

    pub fn add(&mut self, other: &Summary) {
        self.claims += other.claims;
        self.supported += other.supported;
        self.contradicted += other.contradicted;
        self.ambiguous += other.ambiguous;
        self.unverified += other.unverified;
        self.suppressed += other.suppressed;
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct SpanReport {
    pub start: usize,
    pub end: usize,
    pub line: usize,
    pub column: usize,
    /// Line and column where the claim ends (exclusive), for SARIF regions and annotations.
    pub end_line: usize,
    pub end_column: usize,
}

/// One claim's report. Its texts borrow the document and the claim while the claim is being
/// written (a report streamed line by line copies nothing); `into_owned` keeps it past them.
#[derive(Debug, Clone, Serialize)]
pub struct ClaimReport<'a> {
    /// The input the claim is in; only in `jsonl` lines.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    pub text: Cow<'a, str>,
    pub number_text: Cow<'a, str>,
    pub span: SpanReport,
    pub number_span: SpanReport,
    pub line_text: Cow<'a, str>,
    pub sentence: Cow<'a, str>,
    pub attribution: Option<Cow<'a, str>>,
    pub hedge: Option<Cow<'a, str>>,
    pub direction: Option<Direction>,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub interval: Interval,
    pub unit: Cow<'a, str>,
    pub kind: Kind,
    /// Absent in `factcheck claims`, present (possibly null) in a check.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub judgement: Option<Judgement>,
    pub suppressed: Option<Suppressed>,
    pub message: Cow<'a, str>,
    /// Where `line_text` and `sentence` are in the document. `text`, `number_text`,
    /// `line_text` and `sentence` are the document's text at `span`, `number_span`,
    /// `line_span` and `sentence_span`: the jsonl writer relies on it, to copy the bytes it
    /// escaped for the claim before on the same line, and to quote the texts of a line that
    /// needs no escaping as they are.
    #[serde(skip)]
    pub line_span: Span,
    #[serde(skip)]
    pub sentence_span: Span,
}

#[derive(Debug, Clone, Serialize)]
pub struct Judgement {
    pub verdict: Verdict,
    /// Shared by every claim linked to the figure.
    pub figure: Option<Arc<FigureReport>>,
    pub candidates: Vec<String>,
    pub reason: String,
    pub deviation_pct: Option<f64>,
}

#[derive(Debug, Clone, Serialize)]
pub struct Suppressed {
    pub reason: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct FigureReport {
    pub id: String,
    pub dataset: String,
    pub entity: String,
    pub metric: String,
    pub value: Option<f64>,
    pub low: Option<f64>,
    pub high: Option<f64>,
    pub unit: String,
    pub direction: Option<Direction>,
    pub as_of: Option<String>,
    pub confidence: Option<crate::dataset::Confidence>,
    pub note: Option<String>,
    pub source: SourceReport,
    /// This report as JSON, made the first time a jsonl line needs it: every claim linked to
    /// the figure writes the same bytes.
    #[serde(skip)]
    json: OnceLock<Box<[u8]>>,
}

#[derive(Debug, Clone, Serialize)]
pub struct SourceReport {
    pub title: String,
    pub url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub publisher: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub quote: Option<String>,
}

impl FigureReport {
    pub fn new(index: &Index, id: crate::dataset::index::FigureId) -> Self {
        let indexed = index.figure(id);
        let f = &indexed.figure;
        FigureReport {
            id: f.id.clone(),
            dataset: index.datasets[indexed.dataset as usize].name.clone(),
            entity: f.entity.clone(),
            metric: f.metric.clone(),
            value: f.value,
            low: f.low,
            high: f.high,
            unit: f.unit.clone(),
            direction: f.direction,
            as_of: f.as_of.clone(),
            confidence: f.confidence,
            note: f.note.clone(),
            source: SourceReport {
                title: f.source.title.clone(),
                url: f.source.url.clone(),
                publisher: f.source.publisher.clone(),
                quote: f.source.quote.clone(),
            },
            json: OnceLock::new(),
        }
    }

    /// The report as compact JSON, serialised once.
    pub fn json(&self) -> &[u8] {
        self.json.get_or_init(|| {
            let mut out = Vec::new();
            super::json_line::write(&mut out, self).expect("a figure report serialises to JSON");
            out.into_boxed_slice()
        })
    }

    /// The figure's value in words: "$5.576 million", "589–593 billion USD", "more than 1.3
    /// million GPU".
    pub fn display_value(&self) -> String {
        let change = match self.direction {
            Some(Direction::Down) => "down ",
            Some(Direction::Up) => "up ",
            None => "",
        };
        format!("{change}{}", self.display_amount())
    }

    fn display_amount(&self) -> String {
        match (self.value, self.low, self.high) {
            (Some(v), _, _) => format_quantity(v, &self.unit),
            (None, Some(l), Some(h)) => format_range(l, h, &self.unit),
            (None, Some(l), None) => format!("at least {}", format_quantity(l, &self.unit)),
            (None, None, Some(h)) => format!("at most {}", format_quantity(h, &self.unit)),
            (None, None, None) => "(no value)".into(),
        }
    }
}

/// The line and column of offsets of one document looked up mostly in increasing order: each
/// is counted on from the last when it is on the same line (a line holds several claims), and
/// the line is looked up only for the first offset on it.
#[derive(Debug, Default)]
pub struct Positions {
    /// The line of the last offset looked up (its span, without line ending), and the offset's
    /// position.
    last: Option<(Span, Position)>,
}

/// An offset of a document with its 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Position {
    offset: usize,
    line: usize,
    column: usize,
}

impl Position {
    /// `offset` with its line and column counted from the line's start.
    fn of(doc: &Document, offset: usize) -> Self {
        let (line, column) = doc.line_col(offset);
        Position {
            offset,
            line,
            column,
        }
    }

    /// `offset`, counted on from this position when both are on `line` (the span of this
    /// position's line, without line ending) with `offset` at or after it.
    fn along(self, doc: &Document, line: Span, offset: usize) -> Option<Self> {
        // No line break lies inside a line's span, so these offsets are on one line.
        if !(line.start <= self.offset && self.offset <= offset && offset <= line.end) {
            return None;
        }
        let between = doc.text.get(self.offset..offset)?;
        Some(Position {
            offset,
            column: self.column + characters(between),
            ..self
        })
    }

    /// `offset`, counted on from this position if it can be, else from its line's start.
    fn to(self, doc: &Document, line: Span, offset: usize) -> Self {
        self.along(doc, line, offset)
            .unwrap_or_else(|| Position::of(doc, offset))
    }
}

/// The characters of `text`: its length when it is ASCII, as news text mostly is (a test for
/// that is a few word compares; counting characters looks at each byte).
fn characters(text: &str) -> usize {
    if text.is_ascii() {
        text.len()
    } else {
        text.chars().count()
    }
}

impl Positions {
    /// The line (its span, without line ending) and the position of `offset`.
    fn locate(&mut self, doc: &Document, offset: usize) -> (Span, Position) {
        let found = self.last.and_then(|(line, last)| {
            last.along(doc, line, offset)
                .map(|position| (line, position))
        });
        let found = found.unwrap_or_else(|| {
            let line = doc.line_index.line_span(&doc.text, offset);
            // The line's number, from its start, and the column counted on from there.
            let line_start = Position::of(doc, line.start);
            let position = line_start.along(doc, line, offset);
            (line, position.unwrap_or_else(|| Position::of(doc, offset)))
        });
        self.last = Some(found);
        found
    }
}

/// The spans of a claim (`claim`) and of its number (`number`, mostly inside it), and the line
/// the claim starts on. The number's start and end and the claim's end are each counted on from
/// the one before, so that a claim's characters are counted once.
fn claim_spans(
    doc: &Document,
    positions: &mut Positions,
    claim: Span,
    number: Span,
) -> (Span, SpanReport, SpanReport) {
    let (line, start) = positions.locate(doc, claim.start);
    // Mostly an ASCII claim on one line with its number inside: columns are byte distances.
    let ascii_claim = claim.end <= line.end
        && claim.start <= number.start
        && number.start <= number.end
        && number.end <= claim.end
        && doc
            .text
            .get(claim.start..claim.end)
            .is_some_and(str::is_ascii);
    if ascii_claim {
        let at = |offset| Position {
            offset,
            column: start.column + (offset - claim.start),
            ..start
        };
        return (
            line,
            SpanReport::between(start, at(claim.end)),
            SpanReport::between(at(number.start), at(number.end)),
        );
    }
    let number_start = start.to(doc, line, number.start);
    let number_end = number_start.to(doc, line, number.end);
    let before_end = if number_end.offset <= claim.end {
        number_end
    } else {
        start
    };
    let end = before_end.to(doc, line, claim.end);
    (
        line,
        SpanReport::between(start, end),
        SpanReport::between(number_start, number_end),
    )
}

impl SpanReport {
    fn between(start: Position, end: Position) -> Self {
        SpanReport {
            start: start.offset,
            end: end.offset,
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
        }
    }
}

impl<'a> ClaimReport<'a> {
    /// The claim's fields as the reader found them, with no judgement yet: its message names
    /// the claim (`factcheck claims`).
    pub fn from_claim(doc: &'a Document, positions: &mut Positions, claim: &'a Claim) -> Self {
        let claim_text = &doc.text[claim.span.start..claim.span.end];
        let kind = kind_name(claim.unit.kind);
        let mut message = String::with_capacity(kind.len() + 8 + claim_text.len());
        message.push_str(kind);
        message.push_str(" claim: ");
        message.push_str(claim_text);
        ClaimReport::read(doc, positions, claim, Cow::Owned(message))
    }

    /// The claim's fields as the reader found them, with `message`.
    pub fn read(
        doc: &'a Document,
        positions: &mut Positions,
        claim: &'a Claim,
        message: Cow<'a, str>,
    ) -> Self {
        let text = doc.text.as_str();
        let (value, low, high) = match claim.amount {
            Amount::Exact(n) => (Some(n.value), None, None),
            Amount::Range(a, b) => (None, Some(a.value), Some(b.value)),
            Amount::Vague { low, high } => (None, Some(low), Some(high)),
        };
        let (line_span, span, number_span) =
            claim_spans(doc, positions, claim.span, claim.number_span);
        let suppressed = doc.suppression(span.line).map(|reason| Suppressed {
            reason: reason.to_string(),
        });
        ClaimReport {
            path: None,
            text: Cow::Borrowed(&text[claim.span.start..claim.span.end]),
            number_text: Cow::Borrowed(&text[claim.number_span.start..claim.number_span.end]),
            span,
            number_span,
            line_text: Cow::Borrowed(&text[line_span.start..line_span.end]),
            sentence: Cow::Borrowed(&text[claim.sentence.start..claim.sentence.end]),
            attribution: claim.attribution.as_deref().map(Cow::Borrowed),
            hedge: claim.hedge_text.as_deref().map(Cow::Borrowed),
            direction: claim.direction,
            value,
            low,
            high,
            interval: claim_interval(claim),
            unit: Cow::Borrowed(&claim.unit.code),
            kind: claim.unit.kind,
            judgement: None,
            suppressed,
            message,
            line_span,
            sentence_span: claim.sentence,
        }
    }

    /// The same report, owning its texts.
    pub fn into_owned(self) -> ClaimReport<'static> {
        let own = |c: Cow<'a, str>| Cow::Owned(c.into_owned());
        ClaimReport {
            path: self.path,
            text: own(self.text),
            number_text: own(self.number_text),
            span: self.span,
            number_span: self.number_span,
            line_text: own(self.line_text),
            sentence: own(self.sentence),
            attribution: self.attribution.map(own),
            hedge: self.hedge.map(own),
            direction: self.direction,
            value: self.value,
            low: self.low,
            high: self.high,
            interval: self.interval,
            unit: own(self.unit),
            kind: self.kind,
            judgement: self.judgement,
            suppressed: self.suppressed,
            message: own(self.message),
            line_span: self.line_span,
            sentence_span: self.sentence_span,
        }
    }

    pub fn verdict(&self) -> Option<Verdict> {
        self.judgement.as_ref().map(|j| j.verdict)
    }
}

pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Money => "money",
        Kind::Percent => "percent",
        Kind::PercentagePoints => "percentage points",
        Kind::Count => "count",
        Kind::Measure => "measure",
        Kind::Duration => "duration",
        Kind::Multiplier => "multiplier",
        Kind::Rate => "rate",
    }
}

/// "1,234", "5.576", "16.97": plain, with thousands separators, no float noise.
pub fn format_number(v: f64) -> String {
    let rounded = (v * 1e6).round() / 1e6;
    let mut s = format!("{rounded}");
    if s.contains('e') {
        s = format!("{rounded:.0}");
    }
    let (int, frac) = match s.split_once('.') {
        Some((i, f)) => (i.to_string(), Some(f.to_string())),
        None => (s.clone(), None),
    };
    let (sign, digits) = match int.strip_prefix('-') {
        Some(d) => ("-", d.to_string()),
        None => ("", int),
    };
    let mut grouped = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            grouped.push(',');
        }
        grouped.push(c);
    }
    match frac {
        Some(f) => format!("{sign}{grouped}.{f}"),
        None => format!("{sign}{grouped}"),
    }
}

/// A value with its scale word: 5576000 → ("5.576", "million").
fn scaled(v: f64) -> (String, &'static str) {
    let a = v.abs();
    for (s, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if a >= s {
            return (format_number(v / s), word);
        }
    }
    (format_number(v), "")
}

pub fn format_quantity(v: f64, unit: &str) -> String {
    let symbol = match unit {
        "USD" => Some("$"),
        "EUR" => Some("€"),
        "GBP" => Some("£"),
        "JPY" => Some("¥"),
        _ => None,
    };
    let (n, word) = scaled(v);
    let with_word = if word.is_empty() {
        n.clone()
    } else {
        format!("{n} {word}")
    };
    match (symbol, unit) {
        (Some(sym), _) => format!("{sym}{with_word}"),
        (None, "%") => format!("{}%", format_number(v)),
        (None, "pp") => format!("{} percentage points", format_number(v)),
        (None, "x") => format!("{}x", format_number(v)),
        (None, "") => with_word,
        (None, u) if crate::link::duration_days(u).is_some() && v != 1.0 => {
            format!("{with_word} {u}s")
        }
        (None, u) => format!("{with_word} {u}"),
    }
}

pub fn format_range(l: f64, h: f64, unit: &str) -> String {
    format!("{}–{}", format_quantity(l, unit), format_quantity(h, unit))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The old way, and the definition: every position counted from its line's start.
    fn spans_from_line_starts(
        doc: &Document,
        claim: Span,
        number: Span,
    ) -> (Span, SpanReport, SpanReport) {
        let span =
            |s: Span| SpanReport::between(Position::of(doc, s.start), Position::of(doc, s.end));
        (
            doc.line_index.line_span(&doc.text, claim.start),
            span(claim),
            span(number),
        )
    }

    proptest! {
        /// Claims in text order (and some out of it), numbers inside them or not, offsets on
        /// line breaks and inside characters: each span as counted from its line's start.
        #[test]
        fn claim_spans_as_counted_from_line_starts(
            text in "[a-z é€😀\n\r]{0,120}",
            cuts in proptest::collection::vec((0usize..130, 0usize..40, 0usize..40, 0usize..40), 0..12),
        ) {
            let doc = Document::from_text("t.txt".into(), text);
            let len = doc.text.len();
            let mut positions = Positions::default();
            for (start, a, b, c) in cuts {
                let start = start.min(len);
                let number_start = (start + a).min(len);
                let number_end = (number_start + b).min(len);
                let end = (number_end + c).min(len);
                let claim = Span::new(start, if c % 7 == 6 { number_start } else { end });
                let number = Span::new(number_start, number_end);
                prop_assert_eq!(
                    claim_spans(&doc, &mut positions, claim, number),
                    spans_from_line_starts(&doc, claim, number)
                );
            }
        }
    }
}
