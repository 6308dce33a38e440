//! The report model: one serialisable structure that *is* the JSON report (report.md, format 1).
//! Every renderer formats this model and computes nothing it lacks.

use crate::dataset::Direction;
use crate::dataset::index::Index;
use crate::document::Document;
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

impl SpanReport {
    /// The span `start..end`; `positions` has the line and column of an earlier offset of the
    /// same document, so that claims in text order count each line's characters once.
    pub fn new(doc: &Document, positions: &mut Positions, start: usize, end: usize) -> Self {
        let (line, column) = positions.line_col(doc, start);
        SpanReport::starting_at(doc, (start, line, column), end)
    }

    /// A span starting at or after this one's start: its columns are counted on from this
    /// span's when it is on the same line (a claim and its number), not from the line's start.
    fn within(&self, doc: &Document, start: usize, end: usize) -> Self {
        let (line, column) = position_after(doc, (self.start, self.line, self.column), start);
        SpanReport::starting_at(doc, (start, line, column), end)
    }

    /// The span from `start` (offset, line, column) to `end`.
    fn starting_at(doc: &Document, start: (usize, usize, usize), end: usize) -> Self {
        let (end_line, end_column) = position_after(doc, start, end);
        SpanReport {
            start: start.0,
            end,
            line: start.1,
            column: start.2,
            end_line,
            end_column,
        }
    }
}

/// The line and column of offsets of one document looked up mostly in increasing order: each
/// is counted on from the last when no line break lies between (a line holds several claims).
#[derive(Debug, Default)]
pub struct Positions {
    last: Option<(usize, usize, usize)>,
}

impl Positions {
    pub fn line_col(&mut self, doc: &Document, offset: usize) -> (usize, usize) {
        let (line, column) = match self.last {
            Some(last) if last.0 <= offset => position_after(doc, last, offset),
            _ => doc.line_col(offset),
        };
        self.last = Some((offset, line, column));
        (line, column)
    }
}

/// The line and column of `offset`, given those of an earlier offset `from`: counted on from it
/// when no line break lies between them.
fn position_after(doc: &Document, from: (usize, usize, usize), offset: usize) -> (usize, usize) {
    let (at, line, column) = from;
    match doc.text.get(at..offset).and_then(characters_on_one_line) {
        Some(characters) => (line, column + characters),
        None => doc.line_col(offset),
    }
}

/// The characters of `text` if it holds no line break.
fn characters_on_one_line(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    // Most distances are a few words (a claim's length): one pass, no calls.
    if bytes.len() < 64 {
        let mut characters = 0;
        for &b in bytes {
            if b == b'\n' || b == b'\r' {
                return None;
            }
            // Every byte but a UTF-8 continuation byte starts a character.
            characters += usize::from((b as i8) >= -0x40);
        }
        return Some(characters);
    }
    memchr::memchr2(b'\n', b'\r', bytes)
        .is_none()
        .then(|| text.chars().count())
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
        let line_span = doc.line_index.line_span(text, claim.span.start);
        let (value, low, high) = match claim.amount {
            Amount::Exact(n) => (Some(n.value), None, None),
            Amount::Range(a, b) => (None, Some(a.value), Some(b.value)),
            Amount::Vague { low, high } => (None, Some(low), Some(high)),
        };
        let span = SpanReport::new(doc, positions, claim.span.start, claim.span.end);
        let number_span = span.within(doc, claim.number_span.start, claim.number_span.end);
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

    proptest! {
        #[test]
        fn characters_on_one_line_as_chars_count(text in "[a-z é€😀\n\r]{0,90}") {
            let expected = (!text.contains(['\n', '\r'])).then(|| text.chars().count());
            prop_assert_eq!(characters_on_one_line(&text), expected);
        }
    }
}
