//! The reader stage: numeric claims in prose, with byte spans (semantics.md §1).
//!
//! One pass tokenizes the prose ranges; the parser then walks the tokens once, looking a few
//! tokens back (currency, sign, hedge, direction) and ahead (scale, unit, noun, range end) of each
//! number. It never looks at the dataset's values: names (entities and aliases) come in as spans,
//! and any number inside one is part of a name, not a claim.

pub mod lexicon;
mod parse;
pub mod token;

use crate::dataset::Direction;
use crate::document::{Document, Span};
pub use lexicon::Hedge;
pub use parse::precision_of as parse_precision;
use serde::Serialize;

/// A stated number in base units, with the place value of its last significant digit.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Number {
    pub value: f64,
    /// `p` of semantics.md §2: 0.1 million for "5.6 million", 10 for "2,050".
    pub precision: f64,
    /// One significant digit and a scale word ("$1 trillion"): the half-width is capped at 10 %.
    pub one_digit_scaled: bool,
}

/// What the claim states: one number, an explicit range, or a vague magnitude.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Amount {
    Exact(Number),
    Range(Number, Number),
    /// "tens of thousands", "multi-billion": the value lies in [low, high).
    Vague {
        low: f64,
        high: f64,
    },
}

/// The kind of a unit, as report.md names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Kind {
    Money,
    Percent,
    PercentagePoints,
    Count,
    Measure,
    Duration,
    Multiplier,
    Rate,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub kind: Kind,
    /// `USD`, `%`, `pp`, `year`, `GW`, `x`, `USD/GPU-hour`, or a counted noun in the singular
    /// (`GPU`); empty for a count with no noun.
    pub code: String,
    /// The counted noun phrase as written ("graphics processing units"), for keyword matching.
    pub noun: Option<String>,
}

/// One numeric claim.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Claim {
    /// The whole claim: hedge, currency, number, scale, unit noun.
    pub span: Span,
    /// The number alone ("2,050"; "60-65" for a range).
    pub number_span: Span,
    pub amount: Amount,
    pub unit: Unit,
    pub hedge: Option<Hedge>,
    /// The hedge as written, lower-cased ("just under").
    pub hedge_text: Option<String>,
    pub direction: Option<Direction>,
    /// The sentence holding the claim.
    pub sentence: Span,
    /// "DeepSeek said", "according to Reuters".
    pub attribution: Option<String>,
}

impl Claim {
    /// The stated value: the number, or `None` for ranges and vague magnitudes.
    pub fn value(&self) -> Option<f64> {
        match self.amount {
            Amount::Exact(n) => Some(n.value),
            _ => None,
        }
    }
}

/// Reads every claim in the prose of `doc`. `names` are the byte spans of dataset entities and
/// aliases found in the text, sorted by start; numbers inside them are names, not claims.
pub fn read(doc: &Document, names: &[Span]) -> Vec<Claim> {
    let mut tokens = Vec::new();
    for range in &doc.prose {
        token::tokenize(&doc.text, range.start, range.end, &mut tokens);
    }
    let mut claims = parse::Parser::new(&doc.text, &tokens, names).claims();
    for claim in &mut claims {
        if let Some(i) = doc.sentence_index(claim.span.start) {
            claim.sentence = doc.sentences[i];
        } else {
            claim.sentence = claim.span;
        }
    }
    attach_attributions(doc, &mut claims);
    claims
}

/// "X said", "according to X": found once per sentence that holds a claim.
fn attach_attributions(doc: &Document, claims: &mut [Claim]) {
    use std::sync::OnceLock;
    static SAID: OnceLock<regex::Regex> = OnceLock::new();
    let re = SAID.get_or_init(|| {
        regex::Regex::new(
            r"(?x)
            \b[Aa]ccording\ to\ (?:the\ |a\ )?(?:[A-Z][\w’'&.-]*(?:\ [A-Z][\w’'&.-]*){0,3}|[a-z]+\ [a-z]+)
            | \b(?:[A-Z][\w’'&-]*(?:\ [A-Z][\w’'&-]*){0,3}|[Ii]t|[Hh]e|[Ss]he|[Tt]hey|[Tt]he\ company)
              \ (?:said|says|told|reported|announced|estimated|estimates|claimed|claims|stated|disclosed|wrote|noted)\b",
        )
        .expect("attribution pattern is valid")
    });
    let mut last: Option<(Span, Option<String>)> = None;
    for claim in claims.iter_mut() {
        let sentence = claim.sentence;
        let found = match &last {
            Some((s, found)) if *s == sentence => found.clone(),
            _ => {
                let text = &doc.text[sentence.start..sentence.end];
                let found = re.find(text).map(|m| m.as_str().to_string());
                last = Some((sentence, found.clone()));
                found
            }
        };
        claim.attribution = found;
    }
}
