//! The link stage: which figure, if any, a claim is about (semantics.md §3).
//!
//! Subject first (the entity the number is said of), then unit, keywords and time narrow that
//! entity's figures; the claimed value is never looked at, so a wrong number can never pick the
//! figure that happens to agree with it.

use crate::dataset::index::{EntityId, FigureId, Index, Mention, contains_seq, stem, stems};
use crate::document::{Date, Document, Span};
use crate::reader::{Claim, Kind};
use regex::Regex;
use std::sync::OnceLock;

/// What linking decided for one claim.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    Linked {
        figure: FigureId,
        reason: String,
    },
    Ambiguous {
        candidates: Vec<FigureId>,
        reason: String,
    },
    Unlinked {
        reason: String,
    },
}

impl Link {
    pub fn reason(&self) -> &str {
        match self {
            Link::Linked { reason, .. }
            | Link::Ambiguous { reason, .. }
            | Link::Unlinked { reason } => reason,
        }
    }
}

/// How strongly a candidate's entity is the claim's subject.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Tier {
    /// A child of the subject that the document does not name near the claim.
    Child = 1,
    /// A child of the subject named earlier in the paragraph or the one before.
    ChildInContext = 2,
    /// The subject itself, or a child of it named in the same sentence.
    Subject = 3,
}

struct Subject {
    entities: Vec<EntityId>,
    /// The mention the subject was found at (for the reason and the distance).
    mention: Span,
    how: &'static str,
}

/// Links every claim of a document.
pub fn link_all(
    doc: &Document,
    claims: &[Claim],
    mentions: &[Mention],
    index: &Index,
) -> Vec<Link> {
    let mut sentence_cache: Option<(Span, SentenceFacts)> = None;
    claims
        .iter()
        .map(|claim| {
            let facts = match &sentence_cache {
                Some((s, f)) if *s == claim.sentence => f,
                _ => {
                    let facts = SentenceFacts::new(doc, claim.sentence);
                    sentence_cache = Some((claim.sentence, facts));
                    &sentence_cache.as_ref().expect("just set").1
                }
            };
            link_one(doc, claim, mentions, index, facts)
        })
        .collect()
}

/// What every claim of one sentence shares: its word stems and time expressions.
struct SentenceFacts {
    /// Stems of the sentence's words, with each word's byte offset.
    stems: Vec<String>,
    offsets: Vec<usize>,
    periods: Vec<(Date, Date)>,
}

impl SentenceFacts {
    fn new(doc: &Document, sentence: Span) -> Self {
        let text = &doc.text[sentence.start..sentence.end];
        let mut stems_out = Vec::new();
        let mut offsets = Vec::new();
        let mut start: Option<usize> = None;
        let is_word = |c: char| c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '.');
        for (i, c) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            match (is_word(c), start) {
                (true, None) => start = Some(i),
                (false, Some(s)) => {
                    let w = text[s..i].trim_matches(['.', '\'', '’', '-']);
                    if !w.is_empty() {
                        stems_out.push(stem(w));
                        offsets.push(sentence.start + s);
                    }
                    start = None;
                }
                _ => {}
            }
        }
        SentenceFacts {
            stems: stems_out,
            offsets,
            periods: time_periods(text, doc.article_date),
        }
    }

    /// The word index nearest to byte offset `at`.
    fn word_at(&self, at: usize) -> usize {
        self.offsets.partition_point(|&o| o < at)
    }
}

fn link_one(
    doc: &Document,
    claim: &Claim,
    mentions: &[Mention],
    index: &Index,
    facts: &SentenceFacts,
) -> Link {
    let Some(subject) = find_subject(doc, claim, mentions, index) else {
        return Link::Unlinked {
            reason: "no entity of the datasets is named in the sentence or the paragraph before"
                .into(),
        };
    };
    let subject = match subject {
        Ok(s) => s,
        Err(unknown) => {
            return Link::Unlinked {
                reason: format!(
                    "the number is said of '{unknown}', which the datasets do not know"
                ),
            };
        }
    };
    let context_children = children_in_context(doc, claim, mentions, index, &subject);
    // Candidates by entity tier.
    let mut candidates: Vec<(FigureId, Tier)> = Vec::new();
    for &e in &subject.entities {
        let entity = &index.entities[e as usize];
        candidates.extend(entity.figures.iter().map(|&f| (f, Tier::Subject)));
        for &child in &entity.children {
            let tier = if context_children.contains(&child) {
                Tier::ChildInContext
            } else {
                Tier::Child
            };
            candidates.extend(
                index.entities[child as usize]
                    .figures
                    .iter()
                    .map(|&f| (f, tier)),
            );
        }
    }
    let subject_name = &doc.text[subject.mention.start..subject.mention.end];
    if candidates.is_empty() {
        return Link::Unlinked {
            reason: format!("no figure for '{subject_name}'"),
        };
    }
    // Unit.
    candidates.retain(|(f, _)| unit_matches(claim, index, *f));
    if candidates.is_empty() {
        return Link::Unlinked {
            reason: format!(
                "no figure for '{subject_name}' has the unit of {}",
                describe_unit(claim)
            ),
        };
    }
    // Keywords.
    let claim_word = facts.word_at(claim.number_span.start);
    let mut scored: Vec<Scored> = candidates
        .into_iter()
        .filter_map(|(f, tier)| {
            let fig = index.figure(f);
            let mut hits = Vec::new();
            let mut nearest = usize::MAX;
            for (k, kw) in fig.keyword_stems.iter().enumerate() {
                if let Some(pos) = all_positions(&facts.stems, kw)
                    .into_iter()
                    .min_by_key(|&p| p.abs_diff(claim_word))
                {
                    hits.push(fig.figure.keywords[k].clone());
                    nearest = nearest.min(pos.abs_diff(claim_word));
                }
            }
            if !fig.keyword_stems.is_empty() && hits.is_empty() {
                return None;
            }
            Some(Scored {
                figure: f,
                tier,
                hits,
                keyword_distance: nearest,
            })
        })
        .collect();
    if scored.is_empty() {
        return Link::Unlinked {
            reason: format!(
                "figures for '{subject_name}' exist, but none of their keywords is in the sentence"
            ),
        };
    }
    // Time: future figures drop out, and a series keeps the member the sentence's time selects.
    select_by_time(&mut scored, index, &facts.periods, doc.article_date);
    if scored.is_empty() {
        return Link::Unlinked {
            reason: format!(
                "the figures for '{subject_name}' describe a time after the article's date"
            ),
        };
    }
    scored.sort_by(|a, b| {
        (b.tier, b.hits.len(), std::cmp::Reverse(b.keyword_distance))
            .cmp(&(a.tier, a.hits.len(), std::cmp::Reverse(a.keyword_distance)))
            .then(a.figure.cmp(&b.figure))
    });
    let best = &scored[0];
    let tied: Vec<FigureId> = scored
        .iter()
        .filter(|s| {
            s.tier == best.tier
                && s.hits.len() == best.hits.len()
                && s.keyword_distance == best.keyword_distance
        })
        .map(|s| s.figure)
        .collect();
    let entity_name = &index.entities[index.figure(best.figure).entity as usize].name;
    let via = match best.tier {
        Tier::Subject if entity_name.eq_ignore_ascii_case(subject_name) => {
            format!("entity '{subject_name}' {}", subject.how)
        }
        Tier::Subject => format!(
            "entity '{entity_name}' named with '{subject_name}' {}",
            subject.how
        ),
        _ => format!(
            "'{entity_name}' belongs to '{subject_name}' {}",
            subject.how
        ),
    };
    let keywords = if best.hits.is_empty() {
        String::new()
    } else {
        format!(
            "; keywords {} in the sentence",
            best.hits
                .iter()
                .map(|k| format!("'{k}'"))
                .collect::<Vec<_>>()
                .join(", ")
        )
    };
    if tied.len() > 1 {
        let ids: Vec<String> = tied
            .iter()
            .map(|f| index.figure(*f).figure.id.clone())
            .collect();
        return Link::Ambiguous {
            reason: format!(
                "{via}{keywords}; {} figures fit equally well: {}",
                ids.len(),
                ids.join(", ")
            ),
            candidates: tied,
        };
    }
    Link::Linked {
        figure: best.figure,
        reason: format!("{via}{keywords}"),
    }
}

struct Scored {
    figure: FigureId,
    tier: Tier,
    hits: Vec<String>,
    keyword_distance: usize,
}

fn all_positions(hay: &[String], needle: &[String]) -> Vec<usize> {
    let mut out = Vec::new();
    if needle.is_empty() || needle.len() > hay.len() {
        return out;
    }
    for (i, w) in hay.windows(needle.len()).enumerate() {
        if w == needle {
            out.push(i);
        }
    }
    out
}

/// The claim's subject: the nearest known entity before the number in its sentence (a child
/// named in the same sentence refines it), else one after it, else the last one named earlier
/// in the paragraph or the one before. `Err(name)` when an unknown name is the subject.
fn find_subject(
    doc: &Document,
    claim: &Claim,
    mentions: &[Mention],
    index: &Index,
) -> Option<Result<Subject, String>> {
    let sentence = claim.sentence;
    let in_sentence: Vec<&Mention> = mentions
        .iter()
        .filter(|m| {
            sentence.covers(m.span)
                && !(claim.span.start < m.span.end && m.span.start < claim.span.end)
        })
        .collect();
    let before = in_sentence
        .iter()
        .rev()
        .find(|m| m.span.end <= claim.span.start);
    let scan_from = before.map_or(sentence.start, |m| m.span.end);
    if let Some(unknown) = unknown_subject(&doc.text, scan_from, claim.span.start, sentence.start) {
        return Some(Err(unknown));
    }
    let mut subject = if let Some(m) = before {
        Subject {
            entities: m.entities.clone(),
            mention: m.span,
            how: "named before the number",
        }
    } else if let Some(m) = in_sentence.iter().find(|m| m.span.start >= claim.span.end) {
        Subject {
            entities: m.entities.clone(),
            mention: m.span,
            how: "named in the sentence",
        }
    } else {
        let m = carried_mention(doc, claim, mentions)?;
        Subject {
            entities: m.entities.clone(),
            mention: m.span,
            how: "carried from the text before",
        }
    };
    // A child named anywhere in the sentence is the more specific subject
    // ("Meta … used 16,000 H100s to train its Llama 3 405B model").
    let mut refined = Vec::new();
    for m in &in_sentence {
        for &e in &m.entities {
            if let Some(parent) = index.entities[e as usize].parent
                && subject.entities.contains(&parent)
                && !refined.contains(&e)
            {
                refined.push(e);
            }
        }
    }
    if !refined.is_empty() {
        let m = in_sentence
            .iter()
            .find(|m| m.entities.iter().any(|e| refined.contains(e)))
            .map(|m| m.span)
            .unwrap_or(subject.mention);
        subject = Subject {
            entities: refined,
            mention: m,
            how: "named in the sentence",
        };
    }
    Some(Ok(subject))
}

/// The last mention before the claim in its paragraph, else in the paragraph before.
fn carried_mention<'m>(
    doc: &Document,
    claim: &Claim,
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    let p = doc.paragraph_index(claim.span.start)?;
    let para = doc.paragraphs[p];
    let earlier = |range: Span| {
        mentions
            .iter()
            .rev()
            .find(|m| range.covers(m.span) && m.span.end <= claim.sentence.start)
    };
    earlier(para).or_else(|| p.checked_sub(1).and_then(|q| earlier(doc.paragraphs[q])))
}

/// Children of the subject named earlier in this paragraph or the one before.
fn children_in_context(
    doc: &Document,
    claim: &Claim,
    mentions: &[Mention],
    index: &Index,
    subject: &Subject,
) -> Vec<EntityId> {
    let p = doc.paragraph_index(claim.span.start).unwrap_or(0);
    let from = p
        .checked_sub(1)
        .map_or(0, |q| doc.paragraphs.get(q).map_or(0, |s| s.start));
    let mut out = Vec::new();
    for m in mentions
        .iter()
        .filter(|m| m.span.start >= from && m.span.end <= claim.span.start)
    {
        for &e in &m.entities {
            if index.entities[e as usize]
                .parent
                .is_some_and(|p| subject.entities.contains(&p))
                && !out.contains(&e)
            {
                out.push(e);
            }
        }
    }
    out
}

/// An unknown name acting as the subject right before the number: "Marvell Technology, which
/// tumbled 19.1 percent", "Marvell fell 19%". Speakers ("Mark Zuckerberg said …") and names in
/// other roles ("with SoftBank and Oracle to invest …") are not subjects.
fn unknown_subject(text: &str, from: usize, to: usize, sentence_start: usize) -> Option<String> {
    static NAME: OnceLock<Regex> = OnceLock::new();
    static REST: OnceLock<Regex> = OnceLock::new();
    let name = NAME.get_or_init(|| {
        Regex::new(r"\b[A-Z][\w&’'.-]*[a-z][\w&’'.-]*(?:\s+(?:[A-Z][\w&’'.-]*|&))*")
            .expect("valid pattern")
    });
    let rest_re = REST.get_or_init(|| {
        Regex::new(
            r"^(?:’s|'s)?\s*(?:,\s*(?:which|who|that)\s+)?(?:shares\s+|stock\s+|also\s+)*(?:fell|rose|dropped|tumbled|plunged|slid|sank|slumped|declined|gained|climbed|jumped|surged|soared|rallied|lost|added|shed|dipped|edged\s+(?:up|down|higher|lower)|was\s+(?:up|down)|were\s+(?:up|down)|finished\s+(?:up|down)|closed\s+(?:up|down)|ended\s+(?:up|down))(?:\s+(?:by|about|around|nearly|almost|more\s+than|some|roughly|over|as\s+much\s+as|just\s+over|just\s+under))*\s*[-−+$€£¥]?\s*$",
        )
        .expect("valid pattern")
    });
    if from >= to {
        return None;
    }
    let between = &text[from..to];
    let last = name.find_iter(between).last()?;
    let abs_start = from + last.start();
    // The first word of a sentence is capitalised anyway.
    if abs_start == sentence_start {
        return None;
    }
    let rest = &between[last.end()..];
    rest_re
        .is_match(rest)
        .then(|| last.as_str().trim().to_string())
}

/// Whether a figure's unit can state what the claim states.
fn unit_matches(claim: &Claim, index: &Index, f: FigureId) -> bool {
    let fig = index.figure(f);
    let unit = fig.figure.unit.as_str();
    match claim.unit.kind {
        Kind::Money => unit == claim.unit.code,
        Kind::Percent => unit == "%",
        Kind::PercentagePoints => unit == "pp",
        Kind::Duration => duration_days(unit).is_some(),
        Kind::Measure => {
            measure_family(unit).is_some()
                && measure_family(unit) == measure_family(&claim.unit.code)
        }
        Kind::Multiplier => unit == "x",
        Kind::Rate => {
            unit.contains('/') && normalize_rate(unit) == normalize_rate(&claim.unit.code)
        }
        Kind::Count => {
            if !is_count_unit(unit) {
                return false;
            }
            let Some(noun) = &claim.unit.noun else {
                return true;
            };
            let noun_stems = expand_acronyms(&stems(noun));
            let unit_stems = expand_acronyms(&stems(unit));
            contains_seq(&noun_stems, &unit_stems).is_some()
                || noun_stems.last() == unit_stems.last()
                || fig
                    .keyword_stems
                    .iter()
                    .any(|k| contains_seq(&noun_stems, k).is_some())
        }
    }
}

/// Common acronyms and their spelled-out forms, so "graphics processing units" is a GPU count.
fn expand_acronyms(words: &[String]) -> Vec<String> {
    const PAIRS: &[(&str, &[&str])] = &[
        ("gpu", &["graphic", "process", "unit"]),
        ("gpu", &["graphics", "process", "unit"]),
        ("cpu", &["central", "process", "unit"]),
        ("tpu", &["tensor", "process", "unit"]),
    ];
    let mut out: Vec<String> = words.to_vec();
    for (acronym, spelled) in PAIRS {
        let spelled: Vec<String> = spelled.iter().map(|s| s.to_string()).collect();
        if let Some(p) = contains_seq(&out, &spelled) {
            out.splice(p..p + spelled.len(), [acronym.to_string()]);
        }
    }
    out
}

fn is_count_unit(unit: &str) -> bool {
    !(unit == "%"
        || unit == "pp"
        || unit == "x"
        || unit.contains('/')
        || duration_days(unit).is_some()
        || measure_family(unit).is_some()
        || is_currency_code(unit))
}

/// ISO 4217 codes a dataset may use for money. A three-capital count noun such as `GPU` or
/// `TPU` is not money, so this is a list, not a shape.
pub fn is_currency_code(unit: &str) -> bool {
    const CODES: &[&str] = &[
        "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR", "KRW",
        "TWD", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RUB", "TRY", "ILS",
        "AED", "SAR", "QAR", "KWD", "THB", "MYR", "IDR", "PHP", "VND", "PKR", "BDT", "NGN", "EGP",
        "KES", "ARS", "CLP", "COP", "PEN", "UAH", "RON", "BGN", "ISK",
    ];
    CODES.contains(&unit)
}

/// Days in a duration unit, for comparing "four years" with a figure in months.
pub fn duration_days(unit: &str) -> Option<f64> {
    Some(match unit {
        "minute" => 1.0 / 1440.0,
        "hour" => 1.0 / 24.0,
        "day" => 1.0,
        "week" => 7.0,
        "month" => 365.25 / 12.0,
        "year" => 365.25,
        "decade" => 3652.5,
        _ => return None,
    })
}

/// A measure's family and its factor to the family's base unit.
pub fn measure_family(unit: &str) -> Option<(&'static str, u64)> {
    Some(match unit {
        "W" => ("power", 1),
        "kW" => ("power", 1_000),
        "MW" => ("power", 1_000_000),
        "GW" => ("power", 1_000_000_000),
        "TW" => ("power", 1_000_000_000_000),
        "kWh" => ("energy", 1_000),
        "MWh" => ("energy", 1_000_000),
        "GWh" => ("energy", 1_000_000_000),
        "TWh" => ("energy", 1_000_000_000_000),
        "tCO2e" => ("emissions", 1),
        "FLOP" => ("compute", 1),
        "byte" => ("bytes", 1),
        "KB" => ("bytes", 1_000),
        "MB" => ("bytes", 1_000_000),
        "GB" => ("bytes", 1_000_000_000),
        "TB" => ("bytes", 1_000_000_000_000),
        "PB" => ("bytes", 1_000_000_000_000_000),
        _ => return None,
    })
}

/// "USD/1M tokens", "USD/million tokens", "USD per 1M token" → "usd/1m token".
fn normalize_rate(unit: &str) -> String {
    let lower = unit
        .to_lowercase()
        .replace(" per ", "/")
        .replace("million", "1m")
        .replace("thousand", "1k");
    let (cur, what) = lower.split_once('/').unwrap_or((&lower, ""));
    let words: Vec<String> = what
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect();
    format!("{}/{}", cur.trim(), words.join(" "))
}

fn describe_unit(claim: &Claim) -> String {
    match claim.unit.kind {
        Kind::Count if claim.unit.code.is_empty() => "a plain count".into(),
        Kind::Count => format!(
            "'{}'",
            claim.unit.noun.as_deref().unwrap_or(&claim.unit.code)
        ),
        _ => format!("'{}'", claim.unit.code),
    }
}

/// Keeps, per series (same entity and metric), the figure the sentence's time selects; drops
/// figures that describe a time after the article's date unless the sentence names that time.
fn select_by_time(
    scored: &mut Vec<Scored>,
    index: &Index,
    periods: &[(Date, Date)],
    article: Option<Date>,
) {
    let overlaps = |p: &(Date, Date)| periods.iter().any(|q| q.0 <= p.1 && p.0 <= q.1);
    scored.retain(|s| {
        let fig = index.figure(s.figure);
        match (fig.period, article) {
            (Some(p), Some(a)) => p.0 <= a || overlaps(&p),
            _ => true,
        }
    });
    let mut keep = vec![true; scored.len()];
    for i in 0..scored.len() {
        let fi = index.figure(scored[i].figure);
        let series: Vec<usize> = (0..scored.len())
            .filter(|&j| {
                let fj = index.figure(scored[j].figure);
                fj.entity == fi.entity && fj.figure.metric.eq_ignore_ascii_case(&fi.figure.metric)
            })
            .collect();
        if series.len() < 2 || series[0] != i {
            continue;
        }
        let period = |j: usize| index.figure(scored[j].figure).period;
        let selected: Vec<usize> = series
            .iter()
            .copied()
            .filter(|&j| period(j).is_some_and(|p| overlaps(&p)))
            .collect();
        let chosen: Vec<usize> = if !selected.is_empty() {
            // The narrowest period that the sentence's time falls in.
            let narrowest = selected
                .iter()
                .copied()
                .min_by_key(|&j| period(j).map_or(i64::MAX, span_days))
                .into_iter()
                .collect::<Vec<_>>();
            let width = narrowest.first().and_then(|&j| period(j)).map(span_days);
            selected
                .into_iter()
                .filter(|&j| period(j).map(span_days) == width)
                .collect()
        } else {
            // The latest figure not after the article's date (or the latest).
            let latest = series
                .iter()
                .copied()
                .filter(|&j| match (period(j), article) {
                    (Some(p), Some(a)) => p.0 <= a,
                    _ => true,
                })
                .max_by_key(|&j| period(j).map(|p| p.0));
            let latest_start = latest.and_then(period).map(|p| p.0);
            series
                .iter()
                .copied()
                .filter(|&j| period(j).map(|p| p.0) == latest_start)
                .collect()
        };
        for &j in &series {
            keep[j] = chosen.contains(&j);
        }
    }
    let mut it = keep.into_iter();
    scored.retain(|_| it.next().unwrap_or(true));
}

fn span_days(p: (Date, Date)) -> i64 {
    let days = |d: Date| d.year as i64 * 372 + d.month as i64 * 31 + d.day as i64;
    days(p.1) - days(p.0)
}

/// Time expressions in a sentence, as periods: years, "Q4 2024", "fiscal 2025", month names,
/// "this year", "last year", "next year", "this month", "last month" (resolved against the
/// article's date).
pub fn time_periods(sentence: &str, article: Option<Date>) -> Vec<(Date, Date)> {
    static TIME: OnceLock<Regex> = OnceLock::new();
    let re = TIME.get_or_init(|| {
        Regex::new(
            r"(?ix)
            \b(?:FY\s?|fiscal\s(?:year\s)?)(?P<fy>(?:19|20)\d{2}|\d{2})\b
            | \bQ(?P<q>[1-4])\s(?P<qy>(?:19|20)\d{2})\b
            | \b(?P<rel>this|last|next|previous|past)\s(?P<relunit>year|month)\b
            | \b(?P<mon>January|February|March|April|May|June|July|August|September|October|November|December|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s(?:\d{1,2},?\s)?(?P<my>(?:19|20)\d{2}))?
            | \b(?P<year>(?:19|20)\d{2})\b",
        )
        .expect("valid pattern")
    });
    let year_period = |y: i32| {
        (
            Date {
                year: y,
                month: 1,
                day: 1,
            },
            Date {
                year: y,
                month: 12,
                day: 31,
            },
        )
    };
    let month_period = |y: i32, m: u32| {
        (
            Date {
                year: y,
                month: m,
                day: 1,
            },
            Date {
                year: y,
                month: m,
                day: crate::document::days_in_month(y, m),
            },
        )
    };
    let mut out = Vec::new();
    for c in re.captures_iter(sentence) {
        if let Some(fy) = c.name("fy") {
            let mut y: i32 = fy.as_str().parse().unwrap_or(0);
            if y < 100 {
                y += 2000;
            }
            out.push(year_period(y));
        } else if let (Some(q), Some(qy)) = (c.name("q"), c.name("qy")) {
            let q: u32 = q.as_str().parse().unwrap_or(1);
            let y: i32 = qy.as_str().parse().unwrap_or(0);
            let (s, e) = (month_period(y, q * 3 - 2), month_period(y, q * 3));
            out.push((s.0, e.1));
        } else if let (Some(rel), Some(unit)) = (c.name("rel"), c.name("relunit")) {
            let Some(a) = article else { continue };
            let back = match rel.as_str().to_lowercase().as_str() {
                "this" => 0,
                "next" => -1,
                _ => 1,
            };
            if unit.as_str().eq_ignore_ascii_case("year") {
                out.push(year_period(a.year - back));
            } else {
                let idx = a.year * 12 + a.month as i32 - 1 - back;
                out.push(month_period(
                    idx.div_euclid(12),
                    idx.rem_euclid(12) as u32 + 1,
                ));
            }
        } else if let Some(mon) = c.name("mon") {
            // "May" and "March" are words too; only a capitalised month counts.
            if !mon.as_str().starts_with(|ch: char| ch.is_uppercase()) {
                continue;
            }
            let key = mon.as_str().trim_end_matches('.').to_lowercase();
            let Some(m) = crate::reader::lexicon::MONTHS
                .iter()
                .find(|(n, _)| *n == key)
                .map(|(_, m)| *m)
            else {
                continue;
            };
            let y = match (c.name("my"), article) {
                (Some(y), _) => y.as_str().parse().unwrap_or(0),
                // A month after the article's month is last year's ("in December", said in January).
                (None, Some(a)) => {
                    if m > a.month {
                        a.year - 1
                    } else {
                        a.year
                    }
                }
                (None, None) => continue,
            };
            out.push(month_period(y, m));
        } else if let Some(y) = c.name("year") {
            out.push(year_period(y.as_str().parse().unwrap_or(0)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_times_resolve_against_the_article_date() {
        let a = Date::parse("2025-01-31");
        let p = time_periods("spend this year and in December", a);
        assert_eq!(
            p[0],
            (
                Date::parse("2025-01-01").unwrap(),
                Date::parse("2025-12-31").unwrap()
            )
        );
        assert_eq!(
            p[1],
            (
                Date::parse("2024-12-01").unwrap(),
                Date::parse("2024-12-31").unwrap()
            )
        );
        let p = time_periods("in Q4 2024 and FY2025, last year", a);
        assert_eq!(
            p[0],
            (
                Date::parse("2024-10-01").unwrap(),
                Date::parse("2024-12-31").unwrap()
            )
        );
        assert_eq!(p[1].0.year, 2025);
        assert_eq!(p[2].0.year, 2024);
        assert!(time_periods("we may see", a).is_empty());
    }

    #[test]
    fn unknown_subjects() {
        let t = "Broadcom finished down 17.4 percent, followed by Marvell Technology, which tumbled 19.1 percent";
        let at = t.find("19.1").unwrap();
        assert_eq!(
            unknown_subject(t, 0, at, 0).as_deref(),
            Some("Marvell Technology")
        );
        let t = "OpenAI announced a venture with SoftBank and Oracle to invest $500 billion";
        let at = t.find("$500").unwrap();
        assert_eq!(unknown_subject(t, 6, at, 0), None);
        let t = "Meta chief executive Mark Zuckerberg said the company is planning to spend up to $65 billion";
        let at = t.find("up to").unwrap();
        assert_eq!(unknown_subject(t, 4, at, 0), None);
    }
}
