//! The pipeline, top to bottom: document → claims → links → verdicts → report model.
//!
//! A long document goes through it block by block (`blocks`), with the same result: memory
//! and the work per claim stay bounded, and reports can be written as they come.

mod blocks;

use crate::dataset::Dataset;
use crate::dataset::index::{Index, Mention};
use crate::document::{Document, Span};
use crate::judge::{Verdict, direction_conflict, judge, scale_figure};
use crate::link::{Link, duration_days, link_all, measure_family};
use crate::reader::{self, Claim, Kind};
use crate::report::model::{
    ClaimReport, DatasetRef, FigureReport, FileReport, Judgement, Positions, Summary,
    format_quantity,
};
use std::borrow::Cow;
use std::fmt::Write as _;
use std::sync::{Arc, OnceLock};

/// The loaded datasets, indexed once and shared by every input of a run.
pub struct Checker {
    pub index: Index,
    /// A document of at least twice this many bytes is checked in blocks of about this size.
    pub block_bytes: usize,
    /// Each figure's report and the start of the message of a claim linked to it, made the
    /// first time a claim links to the figure and shared by every later one.
    figure_reports: Vec<OnceLock<LinkedFigure>>,
}

struct LinkedFigure {
    report: Arc<FigureReport>,
    /// "Nvidia one-day market value loss is down $589–593 billion".
    message: String,
}

/// Blocks of 64 KiB: a few hundred claims each.
pub const BLOCK_BYTES: usize = 64 << 10;

impl Checker {
    pub fn new(datasets: &[Dataset]) -> Self {
        let index = Index::new(datasets);
        Checker {
            figure_reports: (0..index.figures.len()).map(|_| OnceLock::new()).collect(),
            index,
            block_bytes: BLOCK_BYTES,
        }
    }

    pub fn dataset_refs(&self) -> Vec<DatasetRef> {
        self.index
            .datasets
            .iter()
            .map(|d| DatasetRef {
                name: d.name.clone(),
                location: d.location.clone(),
                figures: d.figures,
            })
            .collect()
    }

    /// The claims of a document and the names they were read around.
    pub fn read(&self, doc: &Document) -> (Vec<Claim>, Vec<Mention>) {
        let mentions = self.index.mentions(&doc.text, &doc.prose);
        let names: Vec<Span> = mentions.iter().map(|m| m.span).collect();
        (reader::read(doc, &names), mentions)
    }

    /// `factcheck claims`: every claim, no verdicts.
    pub fn claims(&self, doc: &Document) -> FileReport {
        let mut reports = Vec::new();
        self.claims_each(doc, &mut |c| reports.push(c.into_owned()));
        file_report(doc, reports)
    }

    /// A full check of one document.
    pub fn check(&self, doc: &Document) -> FileReport {
        let mut reports = Vec::new();
        self.check_each(doc, &mut |c| reports.push(c.into_owned()));
        file_report(doc, reports)
    }

    /// The claims of `claims`, handed to `emit` one by one in document order, block by block.
    pub fn claims_each(&self, doc: &Document, emit: &mut dyn FnMut(ClaimReport<'_>)) {
        let mut positions = Positions::default();
        for block in blocks::blocks(doc, &self.index, self.block_bytes) {
            let (claims, _) = self.read_block(doc, block);
            for claim in &claims {
                emit(ClaimReport::from_claim(doc, &mut positions, claim));
            }
        }
    }

    /// The claims of `check`, handed to `emit` one by one in document order, block by block.
    pub fn check_each(&self, doc: &Document, emit: &mut dyn FnMut(ClaimReport<'_>)) {
        let mut positions = Positions::default();
        // The message of each claim in turn, borrowed by its report until it is emitted.
        let mut message = String::new();
        for block in blocks::blocks(doc, &self.index, self.block_bytes) {
            let (claims, mentions) = self.read_block(doc, block);
            let links = link_all(doc, &claims, &mentions, &self.index);
            for (claim, link) in claims.iter().zip(links) {
                emit(self.judged(doc, &mut positions, claim, link, &mut message));
            }
        }
    }

    /// The claims of one block and the names in its window.
    fn read_block(&self, doc: &Document, block: blocks::Block) -> (Vec<Claim>, Vec<Mention>) {
        let whole = block.range.start == 0 && block.range.end == doc.text.len();
        if whole {
            return self.read(doc);
        }
        let window = blocks::clip(&doc.prose, block.window);
        let mentions = self.index.mentions(&doc.text, &window);
        let names: Vec<Span> = mentions.iter().map(|m| m.span).collect();
        let prose = blocks::clip(&doc.prose, block.range);
        (reader::read_in(doc, &prose, &names), mentions)
    }

    /// The claim's report with its verdict; a message made for this claim alone is written in
    /// `message_buffer`.
    fn judged<'a>(
        &'a self,
        doc: &'a Document,
        positions: &mut Positions,
        claim: &'a Claim,
        link: Link,
        message_buffer: &'a mut String,
    ) -> ClaimReport<'a> {
        let (judgement, message): (Judgement, Cow<'a, str>) = match link {
            Link::Linked { figure, reason, .. } => {
                let indexed = self.index.figure(figure);
                let fig = scale_figure(&indexed.figure, unit_factor(claim, &indexed.figure.unit));
                let (verdict, deviation) = judge(claim, &fig);
                let linked = self.figure_reports[figure.0 as usize].get_or_init(|| {
                    let report = FigureReport::new(&self.index, figure);
                    let f = &indexed.figure;
                    let message =
                        format!("{} {} is {}", f.entity, f.metric, report.display_value());
                    LinkedFigure {
                        report: Arc::new(report),
                        message,
                    }
                });
                let figure_report = Arc::clone(&linked.report);
                let mut message = Cow::Borrowed(linked.message.as_str());
                if let Some((c, f)) = direction_conflict(claim, &fig) {
                    let word = |d| match d {
                        crate::dataset::Direction::Up => "up",
                        crate::dataset::Direction::Down => "down",
                    };
                    message = Cow::Owned(format!(
                        "{message}; the article says {}, the figure {}",
                        word(c),
                        word(f)
                    ));
                }
                if verdict == Verdict::Unverified {
                    // A vague magnitude with the figure outside it: too loose to contradict.
                    let reason = format!(
                        "{reason}; the vague magnitude does not pin a value, and {} ({}) lies outside it",
                        figure_report.id,
                        figure_report.display_value()
                    );
                    let message = Cow::Owned(format!("not checked: {reason}"));
                    (
                        Judgement {
                            verdict,
                            figure: None,
                            candidates: Vec::new(),
                            reason,
                            deviation_pct: None,
                        },
                        message,
                    )
                } else {
                    (
                        Judgement {
                            verdict,
                            figure: Some(figure_report),
                            candidates: Vec::new(),
                            reason,
                            deviation_pct: deviation,
                        },
                        message,
                    )
                }
            }
            Link::Ambiguous { candidates, reason } => {
                let ids: Vec<String> = candidates
                    .iter()
                    .map(|f| self.index.figure(*f).figure.id.clone())
                    .collect();
                message_buffer.clear();
                write!(
                    message_buffer,
                    "{} figures fit this claim equally well: ",
                    ids.len()
                )
                .expect("writing to a String succeeds");
                for (i, id) in ids.iter().enumerate() {
                    if i > 0 {
                        message_buffer.push_str(", ");
                    }
                    message_buffer.push_str(id);
                }
                let message = Cow::Borrowed(message_buffer.as_str());
                (
                    Judgement {
                        verdict: Verdict::Ambiguous,
                        figure: None,
                        candidates: ids,
                        reason,
                        deviation_pct: None,
                    },
                    message,
                )
            }
            Link::Unlinked { reason } => {
                // Most claims end here: concatenated, not formatted, into the reused buffer.
                message_buffer.clear();
                message_buffer.push_str("no figure to check this against: ");
                message_buffer.push_str(&reason);
                let message = Cow::Borrowed(message_buffer.as_str());
                (
                    Judgement {
                        verdict: Verdict::Unverified,
                        figure: None,
                        candidates: Vec::new(),
                        reason,
                        deviation_pct: None,
                    },
                    message,
                )
            }
        };
        let mut report = ClaimReport::read(doc, positions, claim, message);
        report.judgement = Some(judgement);
        report
    }
}

/// The factor that turns a figure's value into the claim's unit, for durations and measures
/// written in another unit of the same kind.
fn unit_factor(claim: &Claim, figure_unit: &str) -> f64 {
    match claim.unit.kind {
        Kind::Duration => match (duration_days(figure_unit), duration_days(&claim.unit.code)) {
            (Some(f), Some(c)) => f / c,
            _ => 1.0,
        },
        Kind::Measure => match (
            measure_family(figure_unit),
            measure_family(&claim.unit.code),
        ) {
            (Some((_, f)), Some((_, c))) => f as f64 / c as f64,
            _ => 1.0,
        },
        _ => 1.0,
    }
}

fn file_report(doc: &Document, claims: Vec<ClaimReport<'static>>) -> FileReport {
    let mut summary = Summary::default();
    for c in &claims {
        summary.add_claim(c);
    }
    FileReport {
        path: doc.path.clone(),
        article_date: doc.article_date.map(|d| d.to_string()),
        claims,
        summary,
    }
}

/// The article's claimed value in words, for human output ("article: $6.5 million").
pub fn stated(claim: &ClaimReport) -> String {
    let hedge = claim
        .hedge
        .as_deref()
        .map_or(String::new(), |h| format!("{h} "));
    let sign = match (claim.direction, claim.kind) {
        (Some(crate::dataset::Direction::Down), Kind::Percent | Kind::PercentagePoints) => "down ",
        (Some(crate::dataset::Direction::Up), Kind::Percent | Kind::PercentagePoints) => "up ",
        _ => "",
    };
    format!("{sign}{hedge}{}", stated_amount(claim))
}

fn stated_amount(claim: &ClaimReport) -> String {
    match (claim.value, claim.low, claim.high) {
        (Some(v), _, _) => format_quantity(v, &claim.unit),
        (None, Some(l), Some(h)) => format!(
            "{}–{}",
            format_quantity(l, &claim.unit),
            format_quantity(h, &claim.unit)
        ),
        _ => claim.text.to_string(),
    }
}
