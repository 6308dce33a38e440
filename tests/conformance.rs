//! Scores the reader on a peer's suite (Microsoft Recognizers-Text, English number, percent and
//! currency models) and on the generated news sentences of `fixtures/conformance/synthetic-news/`,
//! and prints precision, recall and F1 per file.
//!
//! # Matching rule
//!
//! The reader runs as `factcheck claims` does: each case's `input` becomes a plain-text
//! [`Document`] and is read with the names of the built-in dataset.
//!
//! * **Which predictions count.** A file scores the claims its model is about: `number` every
//!   claim (all kinds), `percent` percent and percentage-point claims, `currency` money claims and
//!   rates with a currency (`USD/share` counts as USD). `synthetic` scores every claim.
//! * **Values.** An exact claim predicts its value, negated when the claim is written with a sign
//!   or the word `minus`/`negative` before its number; a range predicts two values, its low and
//!   its high end (each is one prediction); a vague magnitude predicts no value (it can only be a
//!   false positive). Percentages compare as the number before `%`.
//! * **A match.** A predicted value matches an expected item when the character spans overlap and
//!   the values agree within 1e-6 relative (1e-9 absolute near zero). For currency the currency
//!   must agree too: an expected ISO code must equal the claim's; an expected unit name maps to the
//!   codes it can mean (`Dollar` → USD, `Pound` → GBP, `Franc` → CHF/FRF/BEF, …); `Cent`, `Pence`
//!   and `Penny` items are compared in the main unit (50 cents = 0.50 of a dollar or euro). For the
//!   synthetic file the kind must agree too (`percent` with unit `%` → a percent claim, with unit
//!   `pp` → a percentage-point claim; `money` → money with the same ISO code; `count` → a count).
//! * **Pairing.** Each expected item matches at most one prediction and each prediction at most
//!   one item, greedily in order of position.
//! * **Neutral spans.** Expected items without a numeric value (`type: ignore` dates in the
//!   synthetic file; bare unit words such as "dollar" or "percent" upstream) neither credit nor
//!   penalise: a prediction overlapping one is not counted.
//! * **Scores.** Precision = matches / counted predictions, recall = matches / expected items with a
//!   value, F1 their harmonic mean, over every case of the file (the upstream `skip` flag is
//!   ignored). Cases listed in `fixtures/conformance/EXCLUDED.md` (excluded by design, each with its
//!   reason) are left out of the asserted figures; the figures over all cases are printed too.

use std::collections::{BTreeMap, HashSet};
use std::path::{Path, PathBuf};

use factcheck::check::Checker;
use factcheck::dataset::builtin;
use factcheck::document::Document;
use factcheck::reader::{Amount, Claim, Kind};
use serde_json::Value;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/conformance")
}

/// Case ids listed in EXCLUDED.md: every "- `Model#N`" list item.
fn excluded() -> HashSet<String> {
    let text = std::fs::read_to_string(root().join("EXCLUDED.md")).expect("EXCLUDED.md exists");
    let mut out = HashSet::new();
    for line in text.lines() {
        let Some(rest) = line.trim_start().strip_prefix("- `") else {
            continue;
        };
        if let Some(end) = rest.find('`') {
            let id = &rest[..end];
            if id.contains('#') {
                out.insert(id.to_string());
            }
        }
    }
    out
}

#[derive(Clone, Copy, PartialEq)]
enum File {
    Number,
    Percent,
    Currency,
    Synthetic,
}

#[derive(Default, Clone, Copy)]
struct Score {
    predicted: usize,
    expected: usize,
    matched: usize,
}

impl Score {
    fn add(&mut self, o: Score) {
        self.predicted += o.predicted;
        self.expected += o.expected;
        self.matched += o.matched;
    }
    fn precision(&self) -> f64 {
        if self.predicted == 0 {
            1.0
        } else {
            self.matched as f64 / self.predicted as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.expected == 0 {
            1.0
        } else {
            self.matched as f64 / self.expected as f64
        }
    }
    fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

/// One predicted value with its character span.
#[derive(Debug)]
struct Prediction {
    start: usize,
    end: usize,
    value: Option<f64>,
    kind: Kind,
    /// Currency code (money, rates) or unit code.
    unit: String,
    text: String,
}

fn char_offset(text: &str, byte: usize) -> usize {
    text[..byte].chars().count()
}

fn signed(text: &str, claim: &Claim) -> f64 {
    let lead = text[claim.span.start..claim.number_span.start].to_lowercase();
    let lead = lead.trim_end();
    let negative = ["-", "−", "minus", "negative"]
        .iter()
        .any(|s| lead.ends_with(s) || lead.contains(&format!("{s} ")) || lead.starts_with(s));
    if negative { -1.0 } else { 1.0 }
}

fn predictions(file: File, input: &str, claims: &[Claim]) -> Vec<Prediction> {
    let mut out = Vec::new();
    for c in claims {
        let counted = match file {
            File::Number | File::Synthetic => true,
            File::Percent => matches!(c.unit.kind, Kind::Percent | Kind::PercentagePoints),
            File::Currency => {
                c.unit.kind == Kind::Money
                    || (c.unit.kind == Kind::Rate && c.unit.code.contains('/'))
            }
        };
        if !counted {
            continue;
        }
        let unit = match c.unit.kind {
            Kind::Rate => c.unit.code.split('/').next().unwrap_or("").to_string(),
            _ => c.unit.code.clone(),
        };
        let start = char_offset(input, c.span.start);
        let end = char_offset(input, c.span.end);
        let text = input[c.span.start..c.span.end].to_string();
        let sign = signed(input, c);
        let values: Vec<Option<f64>> = match c.amount {
            Amount::Exact(n) => vec![Some(sign * n.value)],
            Amount::Range(a, b) => vec![Some(sign * a.value), Some(b.value)],
            Amount::Vague { .. } => vec![None],
        };
        for value in values {
            out.push(Prediction {
                start,
                end,
                value,
                kind: c.unit.kind,
                unit: unit.clone(),
                text: text.clone(),
            });
        }
    }
    out
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-6 * a.abs().max(b.abs()) || (a - b).abs() < 1e-9
}

/// The currency codes an upstream unit name can mean, and the factor to the main unit.
fn currency_codes(item: &Value) -> (Vec<&'static str>, f64) {
    if let Some(iso) = item.get("iso").and_then(Value::as_str) {
        return (vec![leak(iso)], 1.0);
    }
    let unit = item.get("unit").and_then(Value::as_str).unwrap_or("");
    match unit {
        "Dollar" | "United States dollar" => (vec!["USD"], 1.0),
        "Cent" => (vec!["USD", "EUR", "CAD", "AUD", "HKD"], 0.01),
        "Pound" | "British pound" => (vec!["GBP"], 1.0),
        "Pence" | "Penny" => (vec!["GBP"], 0.01),
        "Euro" => (vec!["EUR"], 1.0),
        "Franc" => (vec!["CHF", "FRF", "BEF"], 1.0),
        "Swiss franc" => (vec!["CHF"], 1.0),
        "Finnish markka" => (vec!["FIM"], 1.0),
        "Peseta" => (vec!["ESP"], 1.0),
        "Netherlands guilder" => (vec!["NLG"], 1.0),
        "Rupee" => (vec!["INR", "LKR", "PKR"], 1.0),
        "Japanese yen" => (vec!["JPY"], 1.0),
        "Chinese yuan" => (vec!["CNY"], 1.0),
        "Bitcoin" => (vec!["BTC"], 1.0),
        _ => (vec![], 1.0),
    }
}

fn leak(s: &str) -> &'static str {
    Box::leak(s.to_string().into_boxed_str())
}

fn item_matches(file: File, item: &Value, p: &Prediction) -> bool {
    let Some(mut want) = item.get("value").and_then(Value::as_f64) else {
        return false;
    };
    let (s, e) = (
        item["start"].as_u64().unwrap_or(0) as usize,
        item["end"].as_u64().unwrap_or(0) as usize,
    );
    if !(p.start < e && s < p.end) {
        return false;
    }
    let Some(got) = p.value else {
        return false;
    };
    match file {
        File::Currency => {
            let (codes, factor) = currency_codes(item);
            want *= factor;
            if !codes.contains(&p.unit.as_str()) {
                return false;
            }
        }
        File::Synthetic => {
            let kind = item.get("kind").and_then(Value::as_str).unwrap_or("");
            let unit = item.get("unit").and_then(Value::as_str).unwrap_or("");
            let ok = match kind {
                "percent" if unit == "pp" => p.kind == Kind::PercentagePoints,
                "percent" => p.kind == Kind::Percent,
                "money" => p.kind == Kind::Money && p.unit == unit,
                "count" => p.kind == Kind::Count,
                _ => false,
            };
            if !ok {
                return false;
            }
        }
        File::Number | File::Percent => {}
    }
    close(got, want)
}

fn neutral(item: &Value, p: &Prediction) -> bool {
    let has_value = item.get("value").is_some_and(Value::is_number);
    if has_value {
        return false;
    }
    let (s, e) = (
        item["start"].as_u64().unwrap_or(0) as usize,
        item["end"].as_u64().unwrap_or(0) as usize,
    );
    p.start < e && s < p.end
}

struct CaseResult {
    id: String,
    score: Score,
    misses: Vec<String>,
    extras: Vec<String>,
}

fn score_case(file: File, checker: &Checker, case: &Value) -> CaseResult {
    let id = case["id"].as_str().unwrap_or("?").to_string();
    let input = case["input"].as_str().unwrap_or("").to_string();
    let doc = Document::from_text(id.clone(), input.clone());
    let (claims, _) = checker.read(&doc);
    let preds = predictions(file, &input, &claims);
    let items: Vec<&Value> = case["expected"]
        .as_array()
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    let mut used_pred = vec![false; preds.len()];
    let mut score = Score::default();
    let mut misses = Vec::new();
    for item in &items {
        if !item.get("value").is_some_and(Value::is_number) {
            continue;
        }
        score.expected += 1;
        let found = preds
            .iter()
            .enumerate()
            .find(|(k, p)| !used_pred[*k] && item_matches(file, item, p));
        match found {
            Some((k, _)) => {
                used_pred[k] = true;
                score.matched += 1;
            }
            None => misses.push(format!("{} = {}", item["text"], item["value"])),
        }
    }
    let mut extras = Vec::new();
    for (k, p) in preds.iter().enumerate() {
        if used_pred[k] || items.iter().any(|item| neutral(item, p)) {
            continue;
        }
        score.predicted += 1;
        extras.push(format!("{:?} = {:?} {}", p.text, p.value, p.unit));
    }
    score.predicted += used_pred.iter().filter(|u| **u).count();
    CaseResult {
        id,
        score,
        misses,
        extras,
    }
}

/// Writes to the process's stderr directly, so the figures show without `--nocapture`.
fn say(line: String) {
    use std::io::Write;
    let _ = writeln!(std::io::stderr().lock(), "{line}");
}

fn run(file: File, relative: &str) -> (Score, Score, usize) {
    let checker = Checker::new(&[builtin()]);
    let excluded = excluded();
    let text = std::fs::read_to_string(root().join(relative)).expect("conformance file");
    let mut all = Score::default();
    let mut kept = Score::default();
    let mut n_excluded = 0;
    let verbose = std::env::var_os("FACTCHECK_CONFORMANCE_VERBOSE").is_some();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("valid JSON line");
        let r = score_case(file, &checker, &case);
        all.add(r.score);
        if excluded.contains(&r.id) {
            n_excluded += 1;
            continue;
        }
        kept.add(r.score);
        if verbose && (!r.misses.is_empty() || !r.extras.is_empty()) {
            say(format!(
                "  {} {:?}\n    missed: {:?}\n    extra:  {:?}",
                r.id, case["input"], r.misses, r.extras
            ));
        }
    }
    say(format!(
        "conformance {relative}: P {:.3} R {:.3} F1 {:.3} ({} matched, {} predicted, {} expected; \
         {n_excluded} cases excluded by design) | all cases: P {:.3} R {:.3} F1 {:.3}",
        kept.precision(),
        kept.recall(),
        kept.f1(),
        kept.matched,
        kept.predicted,
        kept.expected,
        all.precision(),
        all.recall(),
        all.f1(),
    ));
    (kept, all, n_excluded)
}

#[test]
fn recognizers_number() {
    let (kept, _, _) = run(File::Number, "recognizers-text/number.jsonl");
    assert!(kept.f1() >= 0.80, "number F1 {:.3} < 0.80", kept.f1());
}

#[test]
fn recognizers_percent() {
    let (kept, _, _) = run(File::Percent, "recognizers-text/percent.jsonl");
    assert!(kept.f1() >= 0.95, "percent F1 {:.3} < 0.95", kept.f1());
}

#[test]
fn recognizers_currency() {
    let (kept, _, _) = run(File::Currency, "recognizers-text/currency.jsonl");
    assert!(kept.f1() >= 0.90, "currency F1 {:.3} < 0.90", kept.f1());
}

#[test]
fn synthetic_news() {
    let (kept, _, n) = run(File::Synthetic, "synthetic-news/synthetic.jsonl");
    assert_eq!(n, 0, "no synthetic case is excluded");
    assert!(kept.f1() >= 0.97, "synthetic F1 {:.3} < 0.97", kept.f1());
}

/// Every id in EXCLUDED.md names a case that exists, and each carries a reason.
#[test]
fn excluded_list_is_well_formed() {
    let text = std::fs::read_to_string(root().join("EXCLUDED.md")).expect("EXCLUDED.md");
    let mut ids = BTreeMap::new();
    for file in [
        "recognizers-text/number.jsonl",
        "recognizers-text/percent.jsonl",
        "recognizers-text/currency.jsonl",
        "synthetic-news/synthetic.jsonl",
    ] {
        let data = std::fs::read_to_string(root().join(file)).expect("conformance file");
        for line in data.lines().filter(|l| !l.trim().is_empty()) {
            let case: Value = serde_json::from_str(line).expect("JSON");
            ids.insert(case["id"].as_str().unwrap_or("").to_string(), ());
        }
    }
    for line in text.lines() {
        let Some(rest) = line.trim_start().strip_prefix("- `") else {
            continue;
        };
        let Some(end) = rest.find('`') else { continue };
        let id = &rest[..end];
        assert!(ids.contains_key(id), "EXCLUDED.md names unknown case {id}");
        let reason = rest[end + 1..]
            .trim_start_matches([' ', ':', '—', '-'])
            .trim();
        assert!(reason.len() >= 10, "EXCLUDED.md gives no reason for {id}");
    }
}
