//! Time in linking (semantics.md §3.4): which member of a series the sentence's time selects,
//! and which figures describe another time altogether.

use super::{Scored, SentenceFacts};
use crate::dataset::index::{FigureId, Index};
use crate::document::{Date, days_in_month};
use crate::reader::Claim;
use regex::{Captures, Regex};
use std::ops::Range;
use std::sync::OnceLock;

/// A time expression of a sentence: the period it names and where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub start: Date,
    pub end: Date,
    /// Byte offset in the document.
    pub at: usize,
}

impl Period {
    fn overlaps(&self, p: (Date, Date)) -> bool {
        self.start <= p.1 && p.0 <= self.end
    }
}

/// Days an event figure (a change on one day: a share-price fall, a market-value loss) stays
/// the default reading of an undated sentence after it happened.
const EVENT_WINDOW_DAYS: i64 = 10;

/// Each figure's series (`same_series`: its entity and metric) as a number, the first figure of
/// its entity with its metric: `select` compares a claim's figures pairwise, and a metric
/// compared ignoring case costs more than the number. Found for a figure when a claim first
/// needs it, and kept (by the linker's word cache) for the index.
#[derive(Default)]
pub struct FigureSeries(Vec<u32>);

/// The series of a figure not yet learnt.
const UNKNOWN_SERIES: u32 = u32::MAX;

impl FigureSeries {
    /// Learns the series of `f`.
    pub fn learn(&mut self, index: &Index, f: FigureId) {
        if self.0.len() != index.figures.len() {
            self.0 = vec![UNKNOWN_SERIES; index.figures.len()];
        }
        if self.0[f.0 as usize] == UNKNOWN_SERIES {
            // Every figure is among its entity's: the first of the same metric is the series'.
            let entity = &index.entities[index.figure(f).entity as usize];
            let first = entity
                .figures
                .iter()
                .copied()
                .find(|&g| same_series(index, f, g))
                .unwrap_or(f);
            self.0[f.0 as usize] = first.0;
        }
    }

    /// Whether `a` and `b`, both learnt, are of one series (`same_series`).
    fn same(&self, a: FigureId, b: FigureId) -> bool {
        let (series_a, series_b) = (self.0[a.0 as usize], self.0[b.0 as usize]);
        debug_assert!(series_a != UNKNOWN_SERIES && series_b != UNKNOWN_SERIES);
        series_a == series_b
    }
}

/// Narrows `scored` by time; returns a short phrase saying why figures were dropped. `keep` and
/// `periods` are buffers kept between calls; `series` learns the series of the figures.
#[allow(clippy::too_many_arguments)]
pub(super) fn select(
    scored: &mut Vec<Scored>,
    keep: &mut Vec<bool>,
    periods: &mut Vec<Period>,
    series: &mut FigureSeries,
    index: &Index,
    claim: &Claim,
    facts: &SentenceFacts,
    article: Option<Date>,
    inherited: &[(Period, Option<FigureId>)],
) -> &'static str {
    facts.periods_for(claim.number_span.start, periods);
    let periods: &[Period] = periods;
    // The series compared below: of the claim's figures, and of those other claims own.
    let owners = inherited.iter().filter_map(|(_, owner)| *owner);
    for f in scored.iter().map(|s| s.figure).chain(owners) {
        series.learn(index, f);
    }
    let series: &FigureSeries = series;
    let same_series = |a: FigureId, b: FigureId| series.same(a, b);
    // With no time of its own, the claim may take the sentence's times that another claim,
    // linked to another series, owns ("the stock plunged 17% and erased nearly $593 billion" on Jan. 27).
    // (Iterated, not collected: `select` runs for every claim.)
    let times_for = |f: FigureId| {
        let borrowed = inherited
            .iter()
            .filter(move |(_, owner)| {
                periods.is_empty() && owner.is_some_and(|o| !same_series(o, f))
            })
            .map(|(p, _)| *p);
        periods.iter().copied().chain(borrowed)
    };
    // A one-day event is selected only by a day or a month, not by "this year".
    let selects = |q: &Period, f: FigureId, p: (Date, Date)| {
        q.overlaps(p) && (!is_event(index, f) || days_between(q.start, q.end) <= 31)
    };
    let mut why = "no time matches";
    // Granularity: a quarterly number is not an annual figure, nor the reverse.
    let (quarterly, annual) = facts.granularity_at(facts.word_at(claim.number_span.start));
    // A quarterly figure needs a quarter in the sentence (or its paragraph); an annual or
    // undated number is never judged against one, nor a quarterly number against a yearly one.
    let before = scored.len();
    scored.retain(|s| {
        let f = index.figure(s.figure);
        let one_day = f.period.is_some_and(|p| p.0 == p.1);
        let metric_quarterly = f.quarterly;
        if quarterly {
            metric_quarterly || one_day
        } else {
            !metric_quarterly
        }
    });
    if scored.len() < before {
        why = "the sentence speaks of another period length";
    }
    let _ = annual;
    // Future figures, and events far from the article's date, unless the sentence names their time.
    let before = scored.len();
    scored.retain(|s| {
        let f = index.figure(s.figure);
        let Some(p) = f.period else { return true };
        if times_for(s.figure).any(|q| selects(&q, s.figure, p)) {
            return true;
        }
        // "rising 8.9% on Tuesday" is not the Monday fall, however near the article's date.
        if !periods.is_empty() && is_event(index, s.figure) {
            return false;
        }
        match article {
            Some(a) if p.0 > a => false,
            Some(a) if is_event(index, s.figure) => {
                (0..=EVENT_WINDOW_DAYS).contains(&days_between(p.0, a))
            }
            // With no article date, an undated sentence could speak of any day.
            None if is_event(index, s.figure) => false,
            _ => true,
        }
    });
    if scored.len() < before {
        why = "the figure's date does not fit the article's or the sentence's time";
    }
    // Series: figures of one entity and metric with different `as_of`.
    let n = scored.len();
    keep.clear();
    keep.resize(n, true);
    for i in 0..n {
        let fi = index.figure(scored[i].figure);
        let in_series = |j: usize| same_series(scored[i].figure, scored[j].figure);
        // A series is decided at its first member.
        if (0..i).any(in_series) {
            continue;
        }
        let series = || (i..n).filter(move |&j| in_series(j));
        let period = |j: usize| index.figure(scored[j].figure).period;
        let selected_by =
            |q: &Period, j: usize| period(j).is_some_and(|p| selects(q, scored[j].figure, p));
        // With no time of its own, the claim is not about the member that the time of a
        // comparison's baseline selects: that time is the baseline's ("more than 400 million
        // weekly users, up from 300 million in December" is not December's figure).
        let baselined = |j: usize| {
            periods.is_empty()
                && period(j).is_some_and(|p| {
                    facts
                        .baseline_periods()
                        .any(|q| selects(q, scored[j].figure, p))
                })
        };
        let remaining = || series().filter(|&j| !baselined(j));
        // The time expression nearest the number decides; else any in the sentence.
        // No time of its own: the sentence's times, unless the claim that owns one is of this
        // very series ("500 million users, up from 400 million in February": February is the
        // 400 million's). Of equally near ones, the first; the nearest that selects a member.
        let nearest = times_for(scored[i].figure)
            .enumerate()
            .filter(|(_, q)| series().any(|j| selected_by(q, j)))
            .min_by_key(|(k, q)| (q.at.abs_diff(claim.span.start), *k))
            .map(|(_, q)| q);
        let chosen = if let Some(q) = nearest {
            // The narrowest of the members it selects.
            let width = |j: usize| period(j).map_or(i64::MAX, |p| days_between(p.0, p.1));
            let narrowest = series()
                .filter(|&j| selected_by(&q, j))
                .map(width)
                .min()
                .unwrap_or(i64::MAX);
            Chosen::Narrowest(q, narrowest)
        } else if !periods.is_empty()
            && fi.period.is_some()
            && series_size(index, scored[i].figure) > 1
        {
            // The sentence names a time, and no member of the series describes it.
            why = "the sentence names a time no figure of the series describes";
            Chosen::None
        } else if remaining().next().is_none() {
            why = "the sentence's time is its baseline's";
            Chosen::None
        } else if remaining().nth(1).is_some() {
            Chosen::StartingOn(latest_start_not_after(remaining(), period, article))
        } else {
            Chosen::All
        };
        for j in series() {
            keep[j] = match chosen {
                Chosen::Narrowest(q, narrowest) => {
                    selected_by(&q, j)
                        && period(j).map_or(i64::MAX, |p| days_between(p.0, p.1)) == narrowest
                }
                Chosen::None => false,
                Chosen::StartingOn(start) => !baselined(j) && period(j).map(|p| p.0) == start,
                Chosen::All => !baselined(j),
            };
        }
    }
    let mut it = keep.iter();
    scored.retain(|_| it.next().copied().unwrap_or(true));
    why
}

/// The members of a series `select` keeps.
enum Chosen {
    /// Those the time expression selects whose periods are this many days wide.
    Narrowest(Period, i64),
    None,
    /// Those whose periods start on this day (with none, those without a period).
    StartingOn(Option<Date>),
    All,
}

/// The start of the period of the latest member whose period starts on or before the article's
/// date (or of the latest member).
fn latest_start_not_after(
    series: impl Iterator<Item = usize>,
    period: impl Fn(usize) -> Option<(Date, Date)>,
    article: Option<Date>,
) -> Option<Date> {
    let latest = series
        .filter(|&j| match (period(j), article) {
            (Some(p), Some(a)) => p.0 <= a,
            _ => true,
        })
        .max_by_key(|&j| period(j).map(|p| p.0));
    latest.and_then(&period).map(|p| p.0)
}

fn same_series(index: &Index, a: FigureId, b: FigureId) -> bool {
    let (fa, fb) = (index.figure(a), index.figure(b));
    fa.entity == fb.entity && fa.figure.metric.eq_ignore_ascii_case(&fb.figure.metric)
}

fn series_size(index: &Index, f: FigureId) -> usize {
    let entity = &index.entities[index.figure(f).entity as usize];
    entity
        .figures
        .iter()
        .filter(|&&g| same_series(index, f, g))
        .count()
}

/// A change on one day (a fall, a loss): its `as_of` is a day and it has a direction.
fn is_event(index: &Index, f: FigureId) -> bool {
    let fig = index.figure(f);
    fig.figure.direction.is_some() && fig.period.is_some_and(|p| p.0 == p.1)
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];

/// 0 for Monday … 6 for Sunday.
fn weekday(d: Date) -> i64 {
    // 1970-01-01 was a Thursday.
    (day_number(d)
        - day_number(Date {
            year: 1970,
            month: 1,
            day: 1,
        })
        + 3)
    .rem_euclid(7)
}

/// The date `n` days after `d` (before it when negative).
fn add_days(d: Date, n: i64) -> Date {
    let target = day_number(d) + n;
    // Civil from days (the inverse of `day_number`).
    let era = target.div_euclid(146_097);
    let doe = target - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
    Date { year, month, day }
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: Date, b: Date) -> i64 {
    day_number(b) - day_number(a)
}

/// Days since a fixed epoch (proleptic Gregorian).
fn day_number(d: Date) -> i64 {
    let (y, m) = if d.month <= 2 {
        (d.year as i64 - 1, d.month as i64 + 9)
    } else {
        (d.year as i64, d.month as i64 - 3)
    };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let doy = (153 * m + 2) / 5 + d.day as i64 - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe
}

/// Time expressions: years, "Q4 2024", "fiscal 2025", month names, "this year", "last year",
/// "next year", "this month", "last month", weekdays, "today", "yesterday". `time_match` reads
/// this grammar by hand, a word at a time (the tests hold it to the pattern); the pattern itself
/// searches only text the hand scan cannot read (`has_folding_letter`).
const TIME_PATTERN: &str = r"(?ix)
    \b(?:FY\s?|fiscal\s(?:year\s)?)(?P<fy>(?:19|20)\d{2}|\d{2})\b
    | \bQ(?P<q>[1-4])\s(?P<qy>(?:19|20)\d{2})\b
    | \b(?P<rel>this|last|next|previous|past)\s(?P<relunit>year|month)\b
    | \b(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s(?:\d{1,2},?\s)?(?P<my>(?:19|20)\d{2}))?
    | \b(?P<year>(?:19|20)\d{2})\b
    | \b(?:(?P<last>last)\s)?(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b
    | \b(?P<rday>today|yesterday)\b";

/// Words saying a quarter ("in the quarter", "Q4", "fourth-quarter"): `quarter_marker_end`.
const QUARTER_PATTERN: &str = r"(?i)\b(?:quarter|quarterly|q[1-4])\b";

/// Words saying a whole year ("annual", "full-year"): `annual_marker_end`.
const ANNUAL_PATTERN: &str =
    r"(?i)\b(?:annual|annually|full[- ]year|for the year|whole year|fiscal year|year-end)\b";

/// The three searches, as bits.
const TIME: u8 = 1;
const QUARTER: u8 = 2;
const ANNUAL: u8 = 4;

/// The bytes of words for `\b`: ASCII letters and digits, and `_`.
static WORD_BYTE: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric() || b as u8 == b'_';
        b += 1;
    }
    table
};

/// For a search, the first two bytes of the words its matches can start with, folded (`| 0x20`,
/// which makes letters lowercase and keeps digits): bit `second & 63` of entry `first & 63`. A few
/// other pairs share those bits; the matchers tell them apart.
const fn pairs(words: &[&[u8; 2]]) -> [u64; 64] {
    let mut table = [0; 64];
    let mut i = 0;
    while i < words.len() {
        let [first, second] = *words[i];
        table[(first & 63) as usize] |= 1 << (second & 63);
        i += 1;
    }
    table
}

/// The pairs `time_match` tries.
static TIME_PAIRS: [u64; 64] = pairs(&[
    b"fy", b"fi", b"fe", b"fr", b"q1", b"q2", b"q3", b"q4", b"th", b"tu", b"to", b"la", b"ne",
    b"no", b"pr", b"pa", b"ja", b"ju", b"ma", b"ap", b"au", b"se", b"oc", b"de", b"mo", b"we",
    b"sa", b"su", b"ye", b"19", b"20",
]);

/// The pairs `quarter_marker_end` tries.
static QUARTER_PAIRS: [u64; 64] = pairs(&[b"qu", b"q1", b"q2", b"q3", b"q4"]);

/// The pairs `annual_marker_end` tries.
static ANNUAL_PAIRS: [u64; 64] = pairs(&[b"an", b"fu", b"fo", b"wh", b"fi", b"ye"]);

/// The pairs any search tries.
static ANY_PAIRS: [u64; 64] = {
    let mut table = [0; 64];
    let mut i = 0;
    while i < 64 {
        table[i] = TIME_PAIRS[i] | QUARTER_PAIRS[i] | ANNUAL_PAIRS[i];
        i += 1;
    }
    table
};

/// The first three bytes of the searches' first words, folded, by the low five bits of each
/// (others share them; the matchers tell them apart): a bit set of `triple`.
static TRIPLES: [u64; 512] = {
    let words: [&[u8; 3]; 33] = [
        b"fis", b"feb", b"fri", b"thi", b"thu", b"tue", b"tod", b"las", b"nex", b"nov", b"pre",
        b"pas", b"jan", b"jun", b"jul", b"mar", b"may", b"apr", b"aug", b"sep", b"oct", b"dec",
        b"mon", b"wed", b"sat", b"sun", b"yes", b"qua", b"ann", b"ful", b"for", b"who", b"yea",
    ];
    let mut table = [0; 512];
    let mut i = 0;
    while i < words.len() {
        let t = triple(words[i][0], words[i][1], words[i][2]);
        table[t / 64] |= 1 << (t % 64);
        i += 1;
    }
    table
};

/// The pairs whose third byte is free: "FY" and a year, "Q4", "2024".
static FREE_THIRD_PAIRS: [u64; 64] = pairs(&[b"fy", b"q1", b"q2", b"q3", b"q4", b"19", b"20"]);

const fn triple(first: u8, second: u8, third: u8) -> usize {
    ((first as usize & 31) << 10) | ((second as usize & 31) << 5) | (third as usize & 31)
}

/// Whether a match of a search can start at `p`, by the first three bytes there (whose first
/// two `ANY_PAIRS` has let through): most words that begin as a time word does ("the", "and",
/// "to") are told from one here.
fn may_begin_a_match(bytes: &[u8], p: usize) -> bool {
    let byte = |i: usize| bytes.get(i).map_or(0, |b| b | 0x20);
    let (first, second) = (byte(p), byte(p + 1));
    let t = triple(first, second, byte(p + 2));
    FREE_THIRD_PAIRS[usize::from(first & 63)] >> (second & 63) & 1 != 0
        || TRIPLES[t / 64] >> (t % 64) & 1 != 0
}

/// A match of `TIME_PATTERN`: its bytes and those of its named groups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
struct TimeMatch {
    span: Range<usize>,
    fy: Option<Range<usize>>,
    q: Option<Range<usize>>,
    qy: Option<Range<usize>>,
    rel: Option<Range<usize>>,
    relunit: Option<Range<usize>>,
    mon: Option<Range<usize>>,
    my: Option<Range<usize>>,
    year: Option<Range<usize>>,
    last: Option<Range<usize>>,
    wday: Option<Range<usize>>,
    rday: Option<Range<usize>>,
}

impl TimeMatch {
    fn from_captures(c: &Captures) -> Self {
        let group = |name: &str| c.name(name).map(|m| m.range());
        TimeMatch {
            span: c.get(0).map_or(0..0, |m| m.range()),
            fy: group("fy"),
            q: group("q"),
            qy: group("qy"),
            rel: group("rel"),
            relunit: group("relunit"),
            mon: group("mon"),
            my: group("my"),
            year: group("year"),
            last: group("last"),
            wday: group("wday"),
            rday: group("rday"),
        }
    }
}

/// A match of one of the three searches (a time expression's by reference: it is large).
enum Found<'m> {
    Time(&'m TimeMatch),
    Quarter(Range<usize>),
    Annual(Range<usize>),
}

/// The matches of the searches in `wanted` (bits) that start in `starts`, each search's in text
/// order, to `found`, which returns the searches still wanted: those of a whole-text search, for
/// a search with no match before `starts` (a search's matches do not overlap, so one before
/// could hide one that starts in `starts`).
#[cfg(test)]
fn for_each_match(
    text: &str,
    starts: Range<usize>,
    wanted: u8,
    found: &mut impl FnMut(Found) -> u8,
) {
    if has_folding_letter(text) {
        for_each_pattern_match(text, starts, wanted, found);
    } else {
        scan(text, starts, wanted, found);
    }
}

/// Whether all of `bytes` is ASCII, eight at a time.
fn all_ascii(bytes: &[u8]) -> bool {
    let mut chunks = bytes.chunks_exact(8);
    let mut high = 0;
    for chunk in &mut chunks {
        high |= u64::from_le_bytes(chunk.try_into().unwrap_or_default());
    }
    for &b in chunks.remainder() {
        high |= u64::from(b);
    }
    high & each_byte(0x80) == 0
}

/// Whether `text` holds a character that matches an ASCII letter only case-insensitively (U+017F
/// long s, U+212A Kelvin sign): the hand scan compares ASCII and would not see it.
fn has_folding_letter(text: &str) -> bool {
    if text.is_ascii() {
        return false;
    }
    let bytes = text.as_bytes();
    memchr::memchr2_iter(0xC5, 0xE2, bytes).any(|i| {
        let rest = &bytes[i..];
        rest.starts_with("\u{17F}".as_bytes()) || rest.starts_with("\u{212A}".as_bytes())
    })
}

fn whole_pattern(search: u8) -> &'static Regex {
    static PATTERNS: [OnceLock<Regex>; 3] = [OnceLock::new(), OnceLock::new(), OnceLock::new()];
    let (slot, pattern) = match search {
        TIME => (0, TIME_PATTERN),
        QUARTER => (1, QUARTER_PATTERN),
        _ => (2, ANNUAL_PATTERN),
    };
    PATTERNS[slot].get_or_init(|| Regex::new(pattern).expect("valid pattern"))
}

/// `for_each_match` by the patterns themselves, over the whole text.
fn for_each_pattern_match(
    text: &str,
    starts: Range<usize>,
    mut wanted: u8,
    found: &mut impl FnMut(Found) -> u8,
) {
    for search in [TIME, QUARTER, ANNUAL] {
        for c in whole_pattern(search).captures_iter(text) {
            if wanted & search == 0 {
                break;
            }
            let span = c.get(0).map_or(0..0, |m| m.range());
            if !starts.contains(&span.start) {
                continue;
            }
            let time = (search == TIME).then(|| TimeMatch::from_captures(&c));
            wanted = found(match (&time, search) {
                (Some(m), _) => Found::Time(m),
                (None, QUARTER) => Found::Quarter(span),
                (None, _) => Found::Annual(span),
            });
        }
    }
}

/// `for_each_match` for text with no `has_folding_letter`: every match starts a word (`\b` and a
/// word character) with an ASCII letter or digit; at each word start whose first two bytes can
/// begin a wanted search's match, that search is tried. Returns whether the bytes scanned held a
/// non-ASCII one (so that a caller may look for `has_folding_letter` only then).
fn scan(text: &str, starts: Range<usize>, wanted: u8, found: &mut impl FnMut(Found) -> u8) -> bool {
    let bytes = text.as_bytes();
    let end = starts.end.min(bytes.len());
    if starts.start >= end {
        return false;
    }
    let mut searches = Searches {
        text,
        wanted,
        time_from: 0,
        quarter_from: 0,
        annual_from: 0,
    };
    // Eight bytes at a time: the ASCII letters and digits among them, and so the first of a run
    // of them (a word's first byte, unless `_` or a non-ASCII letter is before it).
    let mut after_alnum = starts.start > 0
        && starts.start <= bytes.len()
        && bytes[starts.start - 1].is_ascii_alphanumeric();
    let mut high = 0;
    let whole = starts.start..end - (end - starts.start) % 8;
    for (k, chunk) in bytes[whole.clone()].chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        high |= x;
        let alnum = alnum_bytes(x);
        let firsts = alnum & !(alnum << 8 | u64::from(after_alnum) << 7);
        after_alnum = alnum >> 63 != 0;
        if !searches.try_firsts(whole.start + 8 * k, firsts, found) {
            return true;
        }
    }
    if whole.end < end {
        let x = window(bytes, whole.end);
        high |= x;
        let alnum = alnum_bytes(x);
        let valid = (1 << (8 * (end - whole.end))) - 1;
        let firsts = alnum & !(alnum << 8 | u64::from(after_alnum) << 7) & valid;
        searches.try_firsts(whole.end, firsts, found);
    }
    high & each_byte(0x80) != 0
}

/// The searches of `scan`, tried at a word start.
struct Searches<'t> {
    text: &'t str,
    wanted: u8,
    // Each search goes on after its last match: its next starts at or after the end.
    time_from: usize,
    quarter_from: usize,
    annual_from: usize,
}

impl Searches<'_> {
    /// Tries the searches at the `firsts` of runs of ASCII letters and digits in the eight bytes
    /// at `chunk`; returns whether any search is still wanted.
    #[inline(always)]
    fn try_firsts(
        &mut self,
        chunk: usize,
        mut firsts: u64,
        found: &mut impl FnMut(Found) -> u8,
    ) -> bool {
        let bytes = self.text.as_bytes();
        while firsts != 0 {
            let p = chunk + firsts.trailing_zeros() as usize / 8;
            firsts &= firsts - 1;
            // The first two bytes, folded, choose the searches to try (`PAIRS`).
            let first = usize::from((bytes[p] | 0x20) & 63);
            let second = 1 << (bytes.get(p + 1).map_or(0, |b| b | 0x20) & 63);
            if ANY_PAIRS[first] & second != 0
                && may_begin_a_match(bytes, p)
                && !self.try_at(p, first, second, found)
            {
                return false;
            }
        }
        true
    }

    /// Tries the wanted searches at `p`, the first of a run of ASCII letters and digits, with
    /// `first` and `second` its first two bytes as `PAIRS` reads them; returns whether any search
    /// is still wanted.
    #[inline(never)]
    fn try_at(
        &mut self,
        p: usize,
        first: usize,
        second: u64,
        found: &mut impl FnMut(Found) -> u8,
    ) -> bool {
        let (text, bytes) = (self.text, self.text.as_bytes());
        // `\b` before: no `_`, nor a non-ASCII word character.
        if p > 0
            && (bytes[p - 1] == b'_' || bytes[p - 1] >= 0x80 && is_word_char(char_before(text, p)))
        {
            return true;
        }
        if self.wanted & TIME != 0
            && p >= self.time_from
            && TIME_PAIRS[first] & second != 0
            && let Some(m) = time_match(text, p, window(bytes, p))
        {
            self.time_from = m.span.end;
            self.wanted = found(Found::Time(&m));
        }
        if self.wanted & QUARTER != 0
            && p >= self.quarter_from
            && QUARTER_PAIRS[first] & second != 0
            && let Some(end) = quarter_marker_end(text, p, window(bytes, p))
        {
            self.quarter_from = end;
            self.wanted = found(Found::Quarter(p..end));
        }
        if self.wanted & ANNUAL != 0
            && p >= self.annual_from
            && ANNUAL_PAIRS[first] & second != 0
            && let Some(end) = annual_marker_end(text, p, window(bytes, p))
        {
            self.annual_from = end;
            self.wanted = found(Found::Annual(p..end));
        }
        self.wanted != 0
    }
}

/// The eight bytes at `i` as a little-endian number, zeros past the end of `bytes`.
fn window(bytes: &[u8], i: usize) -> u64 {
    match bytes.get(i..).and_then(|rest| rest.first_chunk::<8>()) {
        Some(chunk) => u64::from_le_bytes(*chunk),
        None => {
            let mut chunk = [0; 8];
            let rest = bytes.get(i..).unwrap_or_default();
            chunk[..rest.len()].copy_from_slice(rest);
            u64::from_le_bytes(chunk)
        }
    }
}

/// `b` in each byte.
const fn each_byte(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// The high bit of each byte of `x` that is an ASCII letter or digit, the others clear.
fn alnum_bytes(x: u64) -> u64 {
    const HIGH: u64 = each_byte(0x80);
    // A byte below 0x80 plus one at most 0x80 carries nothing into the next byte; the sum's
    // high bit says whether the byte is at least `low`.
    let at_least = |v: u64, low: u8| v.wrapping_add(each_byte(0x80 - low));
    let ascii = x & !HIGH;
    let folded = ascii | each_byte(0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    let digit = at_least(ascii, b'0') & !at_least(ascii, b'9' + 1);
    (letter | digit) & !x & HIGH
}

/// A word compared with the text ignoring ASCII case, its first eight bytes at once: they are
/// `key` where `letters` masks letters (which the text's bytes match with 0x20 set) and `others`
/// the other bytes (matched as they are).
struct Keyword {
    key: u64,
    letters: u64,
    others: u64,
    len: usize,
    /// The bytes after the first eight.
    tail: &'static [u8],
}

impl Keyword {
    const fn new(word: &'static [u8]) -> Self {
        let (mut key, mut letters, mut others) = (0, 0, 0);
        let mut i = 0;
        while i < word.len() && i < 8 {
            let b = word[i];
            key |= (b.to_ascii_lowercase() as u64) << (8 * i);
            if b.is_ascii_alphabetic() {
                letters |= 0xFF << (8 * i);
            } else {
                others |= 0xFF << (8 * i);
            }
            i += 1;
        }
        let tail = if word.len() > 8 {
            word.split_at(8).1
        } else {
            &[]
        };
        Keyword {
            key,
            letters,
            others,
            len: word.len(),
            tail,
        }
    }

    /// The word at `i` (`w` the `window` there): its end.
    fn end(&self, bytes: &[u8], i: usize, w: u64) -> Option<usize> {
        let head = ((w | each_byte(0x20)) & self.letters) | (w & self.others);
        (head == self.key
            && (self.tail.is_empty()
                || bytes
                    .get(i + 8..i + self.len)
                    .is_some_and(|t| t.eq_ignore_ascii_case(self.tail))))
        .then_some(i + self.len)
    }

    /// The word at `i`: its end.
    fn end_at(&self, bytes: &[u8], i: usize) -> Option<usize> {
        self.end(bytes, i, window(bytes, i))
    }
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn char_before(text: &str, i: usize) -> char {
    text[..i].chars().next_back().unwrap_or(' ')
}

/// A word character of `\w` (and `\b`): alphabetic, a mark, a decimal digit, a connector or a
/// join control.
fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric() || c == '_';
    }
    if is_plainly_not_word(c) {
        return false;
    }
    static WORD_CHAR: OnceLock<Regex> = OnceLock::new();
    WORD_CHAR
        .get_or_init(|| Regex::new(r"^\w$").expect("valid pattern"))
        .is_match(c.encode_utf8(&mut [0; 4]))
}

/// Common non-ASCII characters that are no word's (spaces, quotes, dashes, currency signs): told
/// without compiling `\w`.
fn is_plainly_not_word(c: char) -> bool {
    c.is_whitespace()
        || matches!(c,
            '\u{A1}'..='\u{A9}'
            | '\u{AB}'..='\u{B1}'
            | '\u{B4}'
            | '\u{B6}'..='\u{B8}'
            | '\u{BB}'
            | '\u{BF}'
            | '\u{D7}'
            | '\u{F7}'
            | '\u{2010}'..='\u{2027}'
            | '\u{2030}'..='\u{203E}'
            | '\u{20A0}'..='\u{20BF}')
}

/// `\b` after a word character: no word character at `i`.
fn ends_word(text: &str, i: usize) -> bool {
    match text.as_bytes().get(i) {
        None => true,
        Some(&b) if b < 0x80 => !WORD_BYTE[usize::from(b)],
        Some(_) => !is_word_char(char_at(text, i)),
    }
}

/// `\s` at `i` (Unicode white space): its end.
fn space_end(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return char::from(b).is_whitespace().then_some(i + 1);
    }
    let c = char_at(text, i);
    c.is_whitespace().then(|| i + c.len_utf8())
}

/// `\d` at `i` (a decimal digit of any script): its end.
fn digit_end(text: &str, i: usize) -> Option<usize> {
    let b = *text.as_bytes().get(i)?;
    if b < 0x80 {
        return b.is_ascii_digit().then_some(i + 1);
    }
    let c = char_at(text, i);
    // Every decimal digit is numeric: only those few characters need the Unicode class.
    if !c.is_numeric() {
        return None;
    }
    static DIGIT: OnceLock<Regex> = OnceLock::new();
    DIGIT
        .get_or_init(|| Regex::new(r"^\d$").expect("valid pattern"))
        .is_match(c.encode_utf8(&mut [0; 4]))
        .then(|| i + c.len_utf8())
}

/// `(?:19|20)\d{2}` at `i`: its end.
fn year_digits_end(text: &str, i: usize) -> Option<usize> {
    if !matches!(text.as_bytes().get(i..i + 2), Some(b"19" | b"20")) {
        return None;
    }
    digit_end(text, digit_end(text, i + 2)?)
}

const FY: Keyword = Keyword::new(b"fy");
const FISCAL: Keyword = Keyword::new(b"fiscal");
const YEAR: Keyword = Keyword::new(b"year");
const MONTH: Keyword = Keyword::new(b"month");
const THIS: Keyword = Keyword::new(b"this");
const LAST: Keyword = Keyword::new(b"last");
const NEXT: Keyword = Keyword::new(b"next");
const PREVIOUS: Keyword = Keyword::new(b"previous");
const PAST: Keyword = Keyword::new(b"past");
const TODAY: Keyword = Keyword::new(b"today");
const YESTERDAY: Keyword = Keyword::new(b"yesterday");
const JANUARY: Keyword = Keyword::new(b"january");
const FEBRUARY: Keyword = Keyword::new(b"february");
const MARCH: Keyword = Keyword::new(b"march");
const APRIL: Keyword = Keyword::new(b"april");
const MAY: Keyword = Keyword::new(b"may");
const JUNE: Keyword = Keyword::new(b"june");
const JULY: Keyword = Keyword::new(b"july");
const AUGUST: Keyword = Keyword::new(b"august");
const SEPTEMBER: Keyword = Keyword::new(b"september");
const OCTOBER: Keyword = Keyword::new(b"october");
const NOVEMBER: Keyword = Keyword::new(b"november");
const DECEMBER: Keyword = Keyword::new(b"december");
const JAN: Keyword = Keyword::new(b"jan.");
const FEB: Keyword = Keyword::new(b"feb.");
const AUG: Keyword = Keyword::new(b"aug.");
const SEPT: Keyword = Keyword::new(b"sept.");
const SEP: Keyword = Keyword::new(b"sep.");
const OCT: Keyword = Keyword::new(b"oct.");
const NOV: Keyword = Keyword::new(b"nov.");
const DEC: Keyword = Keyword::new(b"dec.");
const MONDAY: Keyword = Keyword::new(b"monday");
const TUESDAY: Keyword = Keyword::new(b"tuesday");
const WEDNESDAY: Keyword = Keyword::new(b"wednesday");
const THURSDAY: Keyword = Keyword::new(b"thursday");
const FRIDAY: Keyword = Keyword::new(b"friday");
const SATURDAY: Keyword = Keyword::new(b"saturday");
const SUNDAY: Keyword = Keyword::new(b"sunday");
const DAY_NAMES: [&Keyword; 7] = [
    &MONDAY, &TUESDAY, &WEDNESDAY, &THURSDAY, &FRIDAY, &SATURDAY, &SUNDAY,
];

/// The match of `TIME_PATTERN` at `p`, the start of a word with `\b` before it (`w` the `window`
/// there). By the word's first two bytes, only the alternatives that can match there are tried,
/// in the pattern's order, each with the few words that can (the first that matches is the
/// match).
fn time_match(text: &str, p: usize, w: u64) -> Option<TimeMatch> {
    // Folded, letters are lowercase and digits stay; other bytes only need to match no word.
    let [first, second, ..] = (w | each_byte(0x20)).to_le_bytes();
    match [first, second] {
        [b'f', b'y' | b'i'] => fiscal_year(text, p, w),
        [b'f', b'e'] => month(text, p, w, &[&FEBRUARY], &[&FEB]),
        [b'f', b'r'] => weekday_name(text, p, w, &[&FRIDAY]),
        [b'q', b'1'..=b'4'] => quarter_of_year(text, p),
        [b't', b'h'] => {
            relative_period(text, p, w, &THIS).or_else(|| weekday_name(text, p, w, &[&THURSDAY]))
        }
        [b't', b'u'] => weekday_name(text, p, w, &[&TUESDAY]),
        [b't', b'o'] => relative_day(text, p, w, &TODAY),
        [b'l', b'a'] => relative_period(text, p, w, &LAST).or_else(|| last_weekday(text, p, w)),
        [b'n', b'e'] => relative_period(text, p, w, &NEXT),
        [b'n', b'o'] => month(text, p, w, &[&NOVEMBER], &[&NOV]),
        [b'p', b'r'] => relative_period(text, p, w, &PREVIOUS),
        [b'p', b'a'] => relative_period(text, p, w, &PAST),
        [b'j', b'a'] => month(text, p, w, &[&JANUARY], &[&JAN]),
        [b'j', b'u'] => month(text, p, w, &[&JUNE, &JULY], &[]),
        [b'm', b'a'] => month(text, p, w, &[&MARCH, &MAY], &[]),
        [b'a', b'p'] => month(text, p, w, &[&APRIL], &[]),
        [b'a', b'u'] => month(text, p, w, &[&AUGUST], &[&AUG]),
        [b's', b'e'] => month(text, p, w, &[&SEPTEMBER], &[&SEPT, &SEP]),
        [b'o', b'c'] => month(text, p, w, &[&OCTOBER], &[&OCT]),
        [b'd', b'e'] => month(text, p, w, &[&DECEMBER], &[&DEC]),
        [b'm', b'o'] => weekday_name(text, p, w, &[&MONDAY]),
        [b'w', b'e'] => weekday_name(text, p, w, &[&WEDNESDAY]),
        [b's', b'a' | b'u'] => weekday_name(text, p, w, &[&SATURDAY, &SUNDAY]),
        [b'y', b'e'] => relative_day(text, p, w, &YESTERDAY),
        [b'1', b'9'] | [b'2', b'0'] => {
            let end = year_digits_end(text, p).filter(|&e| ends_word(text, e))?;
            Some(TimeMatch {
                span: p..end,
                year: Some(p..end),
                ..TimeMatch::default()
            })
        }
        _ => None,
    }
}

/// `(?:FY\s?|fiscal\s(?:year\s)?)(?P<fy>(?:19|20)\d{2}|\d{2})\b`
fn fiscal_year(text: &str, p: usize, w: u64) -> Option<TimeMatch> {
    let bytes = text.as_bytes();
    // Where the year may start, in the order the pattern tries them: after the optional words
    // first.
    let year_starts = if let Some(i) = FY.end(bytes, p, w) {
        [space_end(text, i), Some(i)]
    } else {
        let i = space_end(text, FISCAL.end(bytes, p, w)?)?;
        let after_year = YEAR.end_at(bytes, i).and_then(|j| space_end(text, j));
        [after_year, Some(i)]
    };
    year_starts.into_iter().flatten().find_map(|i| {
        let end = year_digits_end(text, i)
            .filter(|&e| ends_word(text, e))
            .or_else(|| digit_end(text, digit_end(text, i)?).filter(|&e| ends_word(text, e)))?;
        Some(TimeMatch {
            span: p..end,
            fy: Some(i..end),
            ..TimeMatch::default()
        })
    })
}

/// `Q(?P<q>[1-4])\s(?P<qy>(?:19|20)\d{2})\b`, the first byte known to match.
fn quarter_of_year(text: &str, p: usize) -> Option<TimeMatch> {
    if !matches!(text.as_bytes().get(p + 1), Some(b'1'..=b'4')) {
        return None;
    }
    let year = space_end(text, p + 2)?;
    let end = year_digits_end(text, year).filter(|&e| ends_word(text, e))?;
    Some(TimeMatch {
        span: p..end,
        q: Some(p + 1..p + 2),
        qy: Some(year..end),
        ..TimeMatch::default()
    })
}

/// `(?P<rel>this|last|next|previous|past)\s(?P<relunit>year|month)\b`, with the one of the
/// first words that can match.
fn relative_period(text: &str, p: usize, w: u64, rel: &Keyword) -> Option<TimeMatch> {
    let bytes = text.as_bytes();
    let rel = rel.end(bytes, p, w)?;
    let unit = space_end(text, rel)?;
    let unit_window = window(bytes, unit);
    let end = YEAR
        .end(bytes, unit, unit_window)
        .or_else(|| MONTH.end(bytes, unit, unit_window))
        .filter(|&e| ends_word(text, e))?;
    Some(TimeMatch {
        span: p..end,
        rel: Some(p..rel),
        relunit: Some(unit..end),
        ..TimeMatch::default()
    })
}

/// `(?P<mon>(?:January|…|December)\b|Jan\.|…|Dec\.)(?:\s(?:\d{1,2},?\s)?(?P<my>(?:19|20)\d{2}))?`,
/// with the names and abbreviations that can match.
fn month(
    text: &str,
    p: usize,
    w: u64,
    names: &[&Keyword],
    abbreviations: &[&Keyword],
) -> Option<TimeMatch> {
    let bytes = text.as_bytes();
    // No month's name begins another's: at most one matches.
    let mon = names
        .iter()
        .find_map(|k| k.end(bytes, p, w))
        .filter(|&e| ends_word(text, e))
        .or_else(|| abbreviations.iter().find_map(|k| k.end(bytes, p, w)))?;
    let my = space_end(text, mon).and_then(|i| year_after_month(text, i));
    Some(TimeMatch {
        span: p..my.as_ref().map_or(mon, |y| y.end),
        mon: Some(p..mon),
        my,
        ..TimeMatch::default()
    })
}

/// `(?:\d{1,2},?\s)?(?P<my>(?:19|20)\d{2})` at `i`: the year, found as the pattern tries (a day of
/// two digits before one of one, with a comma before without, a day before none).
fn year_after_month(text: &str, i: usize) -> Option<Range<usize>> {
    let one_digit = digit_end(text, i);
    let two_digits = one_digit.and_then(|j| digit_end(text, j));
    for day_end in [two_digits, one_digit].into_iter().flatten() {
        let comma = (text.as_bytes().get(day_end) == Some(&b',')).then_some(day_end + 1);
        for after_day in [comma, Some(day_end)].into_iter().flatten() {
            if let Some(year) = space_end(text, after_day)
                && let Some(end) = year_digits_end(text, year)
            {
                return Some(year..end);
            }
        }
    }
    year_digits_end(text, i).map(|end| i..end)
}

/// `(?P<wday>Monday|…|Sunday)\b` with the names that can match (`(?:(?P<last>last)\s)?` before
/// it cannot: the word is no "last").
fn weekday_name(text: &str, p: usize, w: u64, names: &[&Keyword]) -> Option<TimeMatch> {
    let end = names
        .iter()
        .find_map(|k| k.end(text.as_bytes(), p, w))
        .filter(|&e| ends_word(text, e))?;
    Some(TimeMatch {
        span: p..end,
        wday: Some(p..end),
        ..TimeMatch::default()
    })
}

/// `(?P<last>last)\s(?P<wday>Monday|…|Sunday)\b`
fn last_weekday(text: &str, p: usize, w: u64) -> Option<TimeMatch> {
    let bytes = text.as_bytes();
    let day = space_end(text, LAST.end(bytes, p, w)?)?;
    let day_window = window(bytes, day);
    let end = DAY_NAMES
        .iter()
        .find_map(|k| k.end(bytes, day, day_window))
        .filter(|&e| ends_word(text, e))?;
    Some(TimeMatch {
        span: p..end,
        last: Some(p..p + 4),
        wday: Some(day..end),
        ..TimeMatch::default()
    })
}

/// `(?P<rday>today|yesterday)\b`, with the one that can match.
fn relative_day(text: &str, p: usize, w: u64, word: &Keyword) -> Option<TimeMatch> {
    let end = word
        .end(text.as_bytes(), p, w)
        .filter(|&e| ends_word(text, e))?;
    Some(TimeMatch {
        span: p..end,
        rday: Some(p..end),
        ..TimeMatch::default()
    })
}

const QUARTER_WORD: Keyword = Keyword::new(b"quarter");
const QUARTERLY: Keyword = Keyword::new(b"quarterly");

/// `QUARTER_PATTERN` at `p`, a word start with `\b` before it (`w` the `window` there): the
/// match's end.
fn quarter_marker_end(text: &str, p: usize, w: u64) -> Option<usize> {
    let bytes = text.as_bytes();
    let [first, second, ..] = (w | each_byte(0x20)).to_le_bytes();
    match [first, second] {
        [b'q', b'u'] => [&QUARTER_WORD, &QUARTERLY]
            .iter()
            .filter_map(|k| k.end(bytes, p, w))
            .find(|&e| ends_word(text, e)),
        [b'q', b'1'..=b'4'] if bytes[p + 1].is_ascii_digit() => {
            Some(p + 2).filter(|&e| ends_word(text, e))
        }
        _ => None,
    }
}

const ANNUAL_WORD: Keyword = Keyword::new(b"annual");
const ANNUALLY: Keyword = Keyword::new(b"annually");
const FULL_YEAR: Keyword = Keyword::new(b"full-year");
const FULL_SPACE_YEAR: Keyword = Keyword::new(b"full year");
const FOR_THE_YEAR: Keyword = Keyword::new(b"for the year");
const WHOLE_YEAR: Keyword = Keyword::new(b"whole year");
const FISCAL_YEAR: Keyword = Keyword::new(b"fiscal year");
const YEAR_END: Keyword = Keyword::new(b"year-end");

/// `ANNUAL_PATTERN` at `p`, a word start with `\b` before it (`w` the `window` there): the
/// match's end.
fn annual_marker_end(text: &str, p: usize, w: u64) -> Option<usize> {
    let bytes = text.as_bytes();
    let [first, second, ..] = (w | each_byte(0x20)).to_le_bytes();
    // The alternatives that can match, in the pattern's order.
    let words: &[&Keyword] = match [first, second] {
        [b'a', b'n'] => &[&ANNUAL_WORD, &ANNUALLY],
        [b'f', b'u'] => &[&FULL_YEAR, &FULL_SPACE_YEAR],
        [b'f', b'o'] => &[&FOR_THE_YEAR],
        [b'w', b'h'] => &[&WHOLE_YEAR],
        [b'f', b'i'] => &[&FISCAL_YEAR],
        [b'y', b'e'] => &[&YEAR_END],
        _ => return None,
    };
    words
        .iter()
        .filter_map(|k| k.end(bytes, p, w))
        .find(|&e| ends_word(text, e))
}

/// The first words of a text saying a quarter and a whole year (as `times_and_markers`) that
/// start in `starts`, when there is none before it.
pub fn first_granularity_markers(
    text: &str,
    starts: Range<usize>,
) -> (Option<usize>, Option<usize>) {
    let (markers, scanned) = first_markers_by_letter(text, starts.clone());
    // Text holding a folding letter (any non-ASCII byte, first) is searched by the patterns.
    let bytes = text.as_bytes();
    let ascii = !scanned.non_ascii
        && all_ascii(&bytes[..scanned.start])
        && all_ascii(&bytes[scanned.end..]);
    if ascii || !has_folding_letter(text) {
        return markers;
    }
    let (mut quarter, mut year) = (None, None);
    for_each_pattern_match(text, starts, QUARTER | ANNUAL, &mut |found| {
        match found {
            Found::Quarter(at) => {
                quarter.get_or_insert(at.start);
            }
            Found::Annual(at) => {
                year.get_or_insert(at.start);
            }
            Found::Time(_) => {}
        }
        // Only the first of each is wanted.
        (if quarter.is_none() { QUARTER } else { 0 }) | (if year.is_none() { ANNUAL } else { 0 })
    });
    (quarter, year)
}

/// The bytes a search read, and whether one of them was not ASCII.
struct Scanned {
    start: usize,
    end: usize,
    non_ascii: bool,
}

/// `first_granularity_markers` for text with no `has_folding_letter`, the first matches `scan`
/// would find. Each marker holds a letter rarer than most at a fixed place (a quarter's "q"
/// first; the "u" of "annual" fourth; the "y" of "year" first, or sixth to ninth in "full year",
/// "whole year", "fiscal year", "for the year"): only where such a letter is are they tried.
fn first_markers_by_letter(
    text: &str,
    starts: Range<usize>,
) -> ((Option<usize>, Option<usize>), Scanned) {
    let bytes = text.as_bytes();
    let end = starts.end.min(bytes.len());
    let mut markers = FirstMarkers {
        text,
        starts: starts.start..end,
        quarter: None,
        year: None,
    };
    // A marker starting before `end` may have its letter after it.
    let reach = if starts.start < end {
        (end + 8).min(bytes.len())
    } else {
        starts.start.min(bytes.len())
    };
    let scanned_from = starts.start.min(reach);
    let mut high = 0;
    let whole = scanned_from..reach - (reach - scanned_from) % 8;
    // Where the bytes read end: `high` holds those before.
    let mut read_to = reach;
    for (k, chunk) in bytes[whole.clone()].chunks_exact(8).enumerate() {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        high |= x;
        if !markers.try_letters(whole.start + 8 * k, q_u_y_bytes(x)) {
            read_to = whole.start + 8 * (k + 1);
            break;
        }
    }
    if read_to == reach && whole.end < reach {
        let x = window(bytes, whole.end);
        high |= x;
        let valid = (1 << (8 * (reach - whole.end))) - 1;
        markers.try_letters(whole.end, q_u_y_bytes(x) & valid);
    }
    let scanned = Scanned {
        start: scanned_from,
        end: read_to,
        non_ascii: high & each_byte(0x80) != 0,
    };
    ((markers.quarter, markers.year), scanned)
}

/// The first markers found so far by `first_markers_by_letter`.
struct FirstMarkers<'t> {
    text: &'t str,
    starts: Range<usize>,
    quarter: Option<usize>,
    year: Option<usize>,
}

impl FirstMarkers<'_> {
    /// Tries the letters of `q_u_y_bytes` at `chunk`; false once no later letter can find an
    /// earlier marker.
    #[inline(always)]
    fn try_letters(&mut self, chunk: usize, mut letters: u64) -> bool {
        let bytes = self.text.as_bytes();
        while letters != 0 {
            let i = chunk + letters.trailing_zeros() as usize / 8;
            letters &= letters - 1;
            if self.done_before(i) {
                return false;
            }
            // Only a "q", the "u" of "nnu" and the "y" of "ye" can be a marker's.
            let folded =
                |at: Option<usize>| at.and_then(|at| bytes.get(at)).map_or(0, |b| b | 0x20);
            let plausible = match bytes[i] | 0x20 {
                b'q' => true,
                b'u' => folded(i.checked_sub(1)) == b'n' && folded(i.checked_sub(2)) == b'n',
                b'y' => folded(Some(i + 1)) == b'e',
                _ => false,
            };
            if plausible {
                self.try_letter(i);
            }
        }
        true
    }

    /// Whether no letter at `i` or after can find an earlier marker.
    fn done_before(&self, i: usize) -> bool {
        self.quarter.is_some() && self.year.is_some_and(|at| i >= at + 8)
    }

    /// `\b` and a word's first byte at `s`, in `starts`.
    fn starts_word(&self, s: usize) -> bool {
        let bytes = self.text.as_bytes();
        self.starts.contains(&s)
            && bytes[s].is_ascii_alphanumeric()
            && (s == 0
                || match bytes[s - 1] {
                    b if b < 0x80 => !WORD_BYTE[usize::from(b)],
                    _ => !is_word_char(char_before(self.text, s)),
                })
    }

    /// The markers a q, u or y at `i` (or `]`, `}`) may be part of.
    #[inline(never)]
    fn try_letter(&mut self, i: usize) {
        let (text, bytes) = (self.text, self.text.as_bytes());
        let backs: &[usize] = match bytes[i] | 0x20 {
            b'q' => {
                if self.quarter.is_none()
                    && self.starts_word(i)
                    && quarter_marker_end(text, i, window(bytes, i)).is_some()
                {
                    self.quarter = Some(i);
                }
                return;
            }
            b'u' => &[3],
            b'y' if YEAR.end_at(bytes, i).is_some() => &[8, 7, 6, 5, 0],
            _ => return,
        };
        if let Some(s) = backs
            .iter()
            .filter_map(|&back| i.checked_sub(back))
            .filter(|&s| self.year.is_none_or(|at| s < at))
            .find(|&s| {
                self.starts_word(s) && annual_marker_end(text, s, window(bytes, s)).is_some()
            })
        {
            self.year = Some(s);
        }
    }
}

/// The high bit of each byte of `x` that is q, u or y, either case (or `]` or `}`, the same bits
/// but 2 and 3 once folded), the others clear.
fn q_u_y_bytes(x: u64) -> u64 {
    const HIGH: u64 = each_byte(0x80);
    // Folded and without bits 2 and 3, q (0x71), u (0x75) and y (0x79) are all 0x71: zero here.
    let v = ((x | each_byte(0x20)) & !each_byte(0x0C)) ^ each_byte(0x71);
    // A byte's low seven bits plus 0x7F reach the high bit unless they are zero.
    !(((v & !HIGH) + !HIGH) | v) & HIGH
}

/// A sentence's time expressions as periods (years, "Q4 2024", "fiscal 2025", month names,
/// "this year", "last month", weekdays, resolved against the article's date), with `base` the
/// sentence's offset in the document; and the offsets in the sentence of words saying a quarter
/// ("in the quarter", "Q4", "fourth-quarter") and of words saying a whole year ("annual",
/// "full-year"). One pass over its words finds all three.
#[cfg(test)]
pub fn times_and_markers(
    sentence: &str,
    base: usize,
    article: Option<Date>,
) -> (Vec<Period>, Vec<usize>, Vec<usize>) {
    let (mut times, mut quarters, mut years) = (Vec::new(), Vec::new(), Vec::new());
    times_and_markers_into(
        sentence,
        base,
        article,
        SentenceTimes {
            times: &mut times,
            quarters: &mut quarters,
            years: &mut years,
        },
    );
    (times, quarters, years)
}

/// `times_and_markers`, written over the lists of `found` (kept from sentence to sentence for
/// their room).
pub fn times_and_markers_into(
    sentence: &str,
    base: usize,
    article: Option<Date>,
    found: SentenceTimes,
) {
    let SentenceTimes {
        times,
        quarters,
        years,
    } = found;
    let mut found = Recorder {
        text: sentence,
        base,
        article,
        times,
        quarters,
        years,
    };
    found.clear();
    let all = TIME | QUARTER | ANNUAL;
    let non_ascii = scan(sentence, 0..sentence.len(), all, &mut |f| found.record(f));
    if non_ascii && has_folding_letter(sentence) {
        found.clear();
        for_each_pattern_match(sentence, 0..sentence.len(), all, &mut |f| found.record(f));
    }
}

/// Where `times_and_markers_into` writes a sentence's time expressions and the starts (in the
/// sentence) of its quarter and full-year markers.
pub struct SentenceTimes<'l> {
    pub times: &'l mut Vec<Period>,
    pub quarters: &'l mut Vec<usize>,
    pub years: &'l mut Vec<usize>,
}

/// What `times_and_markers_into` found.
struct Recorder<'t, 'l> {
    text: &'t str,
    base: usize,
    article: Option<Date>,
    times: &'l mut Vec<Period>,
    quarters: &'l mut Vec<usize>,
    years: &'l mut Vec<usize>,
}

impl Recorder<'_, '_> {
    fn clear(&mut self) {
        self.times.clear();
        self.quarters.clear();
        self.years.clear();
    }

    fn record(&mut self, found: Found) -> u8 {
        match found {
            Found::Time(m) => {
                if let Some(p) = period_of(self.text, m, self.article) {
                    self.times.push(Period {
                        start: p.0,
                        end: p.1,
                        at: self.base + m.span.start,
                    });
                }
            }
            Found::Quarter(at) => self.quarters.push(at.start),
            Found::Annual(at) => self.years.push(at.start),
        }
        TIME | QUARTER | ANNUAL
    }
}

/// The period a match of `TIME_PATTERN` in `text` names, if it names one.
fn period_of(text: &str, m: &TimeMatch, article: Option<Date>) -> Option<(Date, Date)> {
    let group = |g: &Option<Range<usize>>| g.clone().map(|r| &text[r]);
    let year = |y: i32| {
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
    let month = |y: i32, m: u32| {
        (
            Date {
                year: y,
                month: m,
                day: 1,
            },
            Date {
                year: y,
                month: m,
                day: days_in_month(y, m),
            },
        )
    };
    Some(if let Some(fy) = group(&m.fy) {
        let mut y: i32 = fy.parse().unwrap_or(0);
        if y < 100 {
            y += 2000;
        }
        year(y)
    } else if let (Some(q), Some(qy)) = (group(&m.q), group(&m.qy)) {
        let q: u32 = q.parse().unwrap_or(1);
        let y: i32 = qy.parse().unwrap_or(0);
        (month(y, q * 3 - 2).0, month(y, q * 3).1)
    } else if let (Some(rel), Some(unit)) = (group(&m.rel), group(&m.relunit)) {
        let a = article?;
        // ASCII case suffices: a capture holding U+017F (long s) or U+212A (Kelvin sign) is
        // none of these words once lowercased either.
        let back = if rel.eq_ignore_ascii_case("this") {
            0
        } else if rel.eq_ignore_ascii_case("next") {
            -1
        } else {
            1
        };
        if unit.eq_ignore_ascii_case("year") {
            year(a.year - back)
        } else {
            let idx = a.year * 12 + a.month as i32 - 1 - back;
            month(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
        }
    } else if let Some(mon) = group(&m.mon) {
        // "May" and "March" are words too; only a capitalised month counts.
        if !mon.starts_with(|ch: char| ch.is_uppercase()) {
            return None;
        }
        // ASCII case suffices, as for `rel`.
        let key = mon.trim_end_matches('.');
        let number = crate::reader::lexicon::MONTHS
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(key))
            .map(|(_, number)| *number)?;
        let y = match (group(&m.my), article) {
            (Some(y), _) => y.parse().unwrap_or(0),
            // A month after the article's month is last year's ("in December", said in January).
            (None, Some(a)) => {
                if number > a.month {
                    a.year - 1
                } else {
                    a.year
                }
            }
            (None, None) => return None,
        };
        month(y, number)
    } else if let Some(y) = group(&m.year) {
        year(y.parse().unwrap_or(0))
    } else if let (Some(w), Some(a)) = (group(&m.wday), article) {
        // The most recent such weekday on or before the article's date ("last": before it).
        let wanted = WEEKDAYS
            .iter()
            .position(|d| d.eq_ignore_ascii_case(w))
            .unwrap_or(0) as i64;
        let today = weekday(a);
        let mut back = (today - wanted).rem_euclid(7);
        if back == 0 && group(&m.last).is_some() {
            back = 7;
        }
        let d = add_days(a, -back);
        (d, d)
    } else if let (Some(r), Some(a)) = (group(&m.rday), article) {
        let d = if r.eq_ignore_ascii_case("yesterday") {
            add_days(a, -1)
        } else {
            a
        };
        (d, d)
    } else {
        return None;
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A figure's series number says what comparing entities and metrics says.
    #[test]
    fn series_numbers_are_entity_and_metric() {
        let index = Index::new(&[crate::dataset::load::builtin()]);
        let ids: Vec<FigureId> = (0..index.figures.len() as u32).map(FigureId).collect();
        let mut series = FigureSeries::default();
        for &f in &ids {
            series.learn(&index, f);
        }
        for &a in &ids {
            for &b in &ids {
                assert_eq!(series.same(a, b), same_series(&index, a, b), "{a:?} {b:?}");
            }
        }
    }

    fn d(s: &str) -> Date {
        Date::parse(s).unwrap()
    }

    fn periods(sentence: &str, base: usize, article: Option<Date>) -> Vec<Period> {
        times_and_markers(sentence, base, article).0
    }

    fn granularity_markers(text: &str) -> (Vec<usize>, Vec<usize>) {
        let (_, quarters, years) = times_and_markers(text, 0, None);
        (quarters, years)
    }

    #[test]
    fn relative_times_resolve_against_the_article_date() {
        let a = Date::parse("2025-01-31");
        let p = periods("spend this year and in December", 0, a);
        assert_eq!((p[0].start, p[0].end), (d("2025-01-01"), d("2025-12-31")));
        assert_eq!((p[1].start, p[1].end), (d("2024-12-01"), d("2024-12-31")));
        let p = periods("in Q4 2024 and FY2025, last year", 0, a);
        assert_eq!((p[0].start, p[0].end), (d("2024-10-01"), d("2024-12-31")));
        assert_eq!(p[1].start.year, 2025);
        assert_eq!(p[2].start.year, 2024);
        assert!(periods("we may see", 0, a).is_empty());
    }

    /// A month's name is a whole word: "Mayor", "Maybe", "Marching", "Augusta" name no month.
    #[test]
    fn words_that_begin_with_a_month_are_not_months() {
        let a = Date::parse("2025-06-30");
        for text in [
            "Mayor Lee said the city paid $5 million",
            "Maybe the company spent $5 million",
            "Marching orders came with $5 million",
            "Augusta National earned $5 million",
            "Junee council spent $5 million",
        ] {
            assert!(periods(text, 0, a).is_empty(), "{text}");
        }
        let p = periods("In May, and on March 3, 2025, it spent $5 million", 0, a);
        assert_eq!(p.len(), 2);
        assert_eq!((p[0].start, p[0].end), (d("2025-05-01"), d("2025-05-31")));
        assert_eq!(p[1].start, d("2025-03-01"));
    }

    #[test]
    fn weekdays_resolve_to_the_last_one_before_the_article() {
        let a = Date::parse("2025-01-28"); // a Tuesday
        let p = periods(
            "rising on Tuesday after losing 17% on Monday, yesterday",
            0,
            a,
        );
        assert_eq!(p[0].start, d("2025-01-28"));
        assert_eq!(p[1].start, d("2025-01-27"));
        assert_eq!(p[2].start, d("2025-01-27"));
        let p = periods("last Tuesday", 0, a);
        assert_eq!(p[0].start, d("2025-01-21"));
        assert_eq!(add_days(d("2024-03-01"), -1), d("2024-02-29"));
        assert_eq!(add_days(d("2024-12-31"), 1), d("2025-01-01"));
    }

    #[test]
    fn day_arithmetic() {
        assert_eq!(days_between(d("2025-01-27"), d("2025-01-31")), 4);
        assert_eq!(days_between(d("2024-12-31"), d("2025-01-01")), 1);
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
    }

    /// A `Found` that outlives the search.
    #[derive(Debug, Clone, PartialEq, Eq)]
    enum Owned {
        Time(Box<TimeMatch>),
        Quarter(Range<usize>),
        Annual(Range<usize>),
    }

    impl Owned {
        fn span(&self) -> &Range<usize> {
            match self {
                Owned::Time(m) => &m.span,
                Owned::Quarter(span) | Owned::Annual(span) => span,
            }
        }
    }

    fn owned(found: Found) -> Owned {
        match found {
            Found::Time(m) => Owned::Time(Box::new(m.clone())),
            Found::Quarter(span) => Owned::Quarter(span),
            Found::Annual(span) => Owned::Annual(span),
        }
    }

    /// A search's matches as the pattern itself finds them over the whole text.
    fn by_pattern(search: u8, text: &str) -> Vec<Owned> {
        whole_pattern(search)
            .captures_iter(text)
            .map(|c| {
                let span = c.get(0).unwrap().range();
                match search {
                    TIME => Owned::Time(Box::new(TimeMatch::from_captures(&c))),
                    QUARTER => Owned::Quarter(span),
                    _ => Owned::Annual(span),
                }
            })
            .collect()
    }

    /// A search's matches as `for_each_match` gives them, and as the hand scan alone does.
    fn found_and_scanned(search: u8, text: &str) -> (Vec<Owned>, Vec<Owned>) {
        let (mut found, mut scanned) = (Vec::new(), Vec::new());
        for_each_match(text, 0..text.len(), search, &mut |f| {
            found.push(owned(f));
            search
        });
        scan(text, 0..text.len(), search, &mut |f| {
            scanned.push(owned(f));
            search
        });
        (found, scanned)
    }

    /// The matches of all three searches agree with the patterns'; the hand scan's too, unless
    /// the text holds a long s (the one character `has_folding_letter` looks for that an ASCII
    /// letter of these words matches).
    fn assert_same_as_patterns(text: &str) -> Vec<Owned> {
        let mut all = Vec::new();
        for search in [TIME, QUARTER, ANNUAL] {
            let expected = by_pattern(search, text);
            let (found, scanned) = found_and_scanned(search, text);
            assert_eq!(found, expected, "{text:?}");
            if !text.contains('\u{17F}') {
                assert_eq!(scanned, expected, "{text:?}");
            }
            all.extend(expected);
        }
        all
    }

    #[test]
    fn matches_found_at_word_starts_are_the_patterns_own() {
        for text in [
            "May 2024 sales opened the text; Quarterly, q1, Q5, fourth-quarter, QUARTER’s",
            "Full-year, full year, Full Year, for the year, FOR THE YEAR-end, whole year, fiscal year",
            "year-end, annually, annual_report, Annual’s, reannual, the year, fiscal  year",
            "In Q4 2024 and FY2025, fiscal year 2023 and FY 24, revenue rose.",
            "The Mayor said in May 20, 2024 that next month, last Monday and Jan. 5 mattered.",
            "mayhem in march; Sept. 2023, Sep. 12, 2022 and Augusta; 1999-2001, 20 2024 12,2024",
            "2024 at the start, é2024 not, —2024 yes, “2024” yes, 2024’s yes, x_2024 no",
            "Q4\u{a0}2024 with a no-break space, Q4\u{3000}2024, FY\u{2003}2025",
            "year ٢٠٢٤ and 20٢٤ and ２０２４ in other digits; last\u{a0}Tuesday",
            "On Tue\u{17F}day and \u{17F}unday, la\u{17F}t year, this\u{212A}",
            "today,yesterday;previous month/past year(this year)",
            "Decembers of 2019s, Junes, Mondays, todays, FYI 2025, fiscal2025, Q42024",
            "May 20245, May 1 2024, May 12,\u{a0}2024, Jan.2024, Dec. 31,2024, June 2024x",
            "fiscal year 24, fiscal year year 2024, FY  2024, fy20, FY 1999a, fiscal 2024_",
            "last last Monday, LAST YEAR, Last Sunday\u{301}, today\u{2019}s, 2024\u{200D}",
            "full year-end, for the year-end, annual annually, quarterly quarter q4q4 Q4-Q3",
            "\u{212A} 2024 \u{212A}2024 2024\u{212A} May\u{212A} Q3 \u{212A}",
            "A",
            "",
        ] {
            assert_same_as_patterns(text);
        }
    }

    /// Sentences made of the grammar's words, near misses and the characters that decide
    /// `\b`, `\s` and `\d`, joined at random: the hand scan finds what the patterns find.
    #[test]
    fn generated_sentences_match_as_the_patterns_do() {
        const WORDS: &[&str] = &[
            "FY",
            "fy",
            "Fy",
            "FYI",
            "fiscal",
            "Fiscal",
            "FISCAL",
            "year",
            "Year",
            "years",
            "Q1",
            "q2",
            "Q4",
            "Q5",
            "Q0",
            "quarter",
            "Quarter",
            "quarterly",
            "quarters",
            "this",
            "This",
            "last",
            "Last",
            "next",
            "previous",
            "past",
            "Past",
            "pasta",
            "month",
            "Month",
            "months",
            "January",
            "february",
            "MARCH",
            "April",
            "May",
            "may",
            "Mayor",
            "June",
            "July",
            "August",
            "Augusta",
            "September",
            "Sept",
            "Sep",
            "Jan",
            "Feb",
            "Aug",
            "Oct",
            "Nov",
            "Dec",
            "Dec.",
            "Sept.",
            "Sep.",
            "jan.",
            "October",
            "November",
            "December",
            "Monday",
            "tuesday",
            "Wednesday",
            "Thursday",
            "FRIDAY",
            "Saturday",
            "Sunday",
            "Sundays",
            "today",
            "Today",
            "yesterday",
            "todays",
            "annual",
            "Annual",
            "annually",
            "full",
            "Full",
            "full-year",
            "whole",
            "for",
            "the",
            "year-end",
            "end",
            "1999",
            "2024",
            "2025",
            "20",
            "19",
            "24",
            "5",
            "12",
            "1",
            "31",
            "2024x",
            "20245",
            "202",
            "1899",
            "٢٠٢٤",
            "٢",
            "20٢٤",
            "２０２４",
            "¹",
            "²⁰²⁴",
            "é",
            "x",
            "_",
            "it",
            "rose",
            "\u{212A}",
            "Tue\u{17F}day",
            "\u{17F}",
            "fi\u{17F}cal",
            // Whole expressions, so that each alternative matches often.
            "FY 2024",
            "FY2025",
            "fy24",
            "fiscal 2023",
            "fiscal year 2023",
            "Q3 2025",
            "q1 1999",
            "this year",
            "last month",
            "next year",
            "past\u{a0}year",
            "last Monday",
            "last friday",
            "LAST SUNDAY",
            "YEAR",
            "ANNUALLY",
            "FULL-YEAR",
            "Fiscal Year",
            "WHOLE YEAR",
            "For The Year",
            "YEAR-END",
            "QUARTER",
            "fiscal year",
            "for the year",
            "whole year",
            "full year",
            "full-year",
        ];
        const GLUE: &[&str] = &[
            " ", " ", " ", " ", "", ",", ", ", ". ", ".", "-", "\u{a0}", "\u{3000}", "\u{2003}",
            "’", "“", "—", "_", "  ", "\n", "\t", "\u{b}", "(", ")", ";", "é", "\u{301}",
            "\u{200D}", "\u{2060}", "€", "$",
        ];
        // xorshift64*: the same sentences on every run.
        let mut state = 0x9E37_79B9_7F4A_7C15_u64;
        let mut next = |n: usize| {
            state ^= state >> 12;
            state ^= state << 25;
            state ^= state >> 27;
            (state.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 33) as usize % n
        };
        // How many matches held each group of `TIME_PATTERN`.
        let mut seen = [0; 11];
        for _ in 0..40_000 {
            let mut text = String::new();
            for _ in 0..1 + next(8) {
                text.push_str(GLUE[next(GLUE.len())]);
                text.push_str(WORDS[next(WORDS.len())]);
            }
            text.push_str(GLUE[next(GLUE.len())]);
            // A search from within the text, as of a paragraph's part before a sentence.
            let boundaries: Vec<usize> = (0..=text.len())
                .filter(|&i| text.is_char_boundary(i))
                .collect();
            let from = boundaries[next(boundaries.len())];
            let to = from.max(boundaries[next(boundaries.len())]);
            let mut first_markers = (None, None);
            for search in [TIME, QUARTER, ANNUAL] {
                let expected = if text.contains('\u{17F}') {
                    // Searched in the whole text, as before.
                    let mut found = Vec::new();
                    for_each_match(&text, from..to, search, &mut |f| {
                        found.push(owned(f));
                        search
                    });
                    let mut expected = by_pattern(search, &text);
                    expected.retain(|f| (from..to).contains(&f.span().start));
                    assert_eq!(found, expected, "{text:?} {from}..{to}");
                    expected
                } else {
                    let (scanned, expected) = scanned_in(search, &text, from..to);
                    assert_eq!(scanned, expected, "{text:?} {from}..{to}");
                    expected
                };
                let first = expected.first().map(|f| f.span().start);
                match search {
                    QUARTER => first_markers.0 = first,
                    ANNUAL => first_markers.1 = first,
                    _ => {}
                }
            }
            assert_eq!(
                first_granularity_markers(&text, from..to),
                first_markers,
                "{text:?} {from}..{to}"
            );
            for found in assert_same_as_patterns(&text) {
                let groups = match found {
                    Owned::Time(m) => [
                        m.fy, m.q, m.qy, m.rel, m.relunit, m.mon, m.my, m.year, m.last, m.wday,
                        m.rday,
                    ]
                    .map(|g| g.is_some()),
                    Owned::Quarter(_) => [false; 11],
                    Owned::Annual(_) => [false; 11],
                };
                for (seen, group) in seen.iter_mut().zip(groups) {
                    *seen += usize::from(group);
                }
            }
        }
        // Every alternative of the grammar was tried many times.
        assert!(seen.iter().all(|&n| n >= 100), "{seen:?}");
    }

    /// A search's matches in `text` that start in `starts`, as the hand scan gives them and as
    /// the pattern finds them searching from `starts.start` on.
    fn scanned_in(search: u8, text: &str, starts: Range<usize>) -> (Vec<Owned>, Vec<Owned>) {
        let mut scanned = Vec::new();
        scan(text, starts.clone(), search, &mut |f| {
            scanned.push(owned(f));
            search
        });
        let mut expected = Vec::new();
        let mut from = starts.start;
        while let Some(c) = whole_pattern(search).captures_at(text, from) {
            let span = c.get(0).unwrap().range();
            if span.start >= starts.end {
                break;
            }
            from = span.end;
            expected.push(match search {
                TIME => Owned::Time(Box::new(TimeMatch::from_captures(&c))),
                QUARTER => Owned::Quarter(span),
                _ => Owned::Annual(span),
            });
        }
        (scanned, expected)
    }

    /// `bytes_where` of every byte at every place of eight, among other bytes, is `is`.
    fn assert_bytes_where(bytes_where: fn(u64) -> u64, is: fn(u8) -> bool) {
        let mut state = 0x2545_F491_4F6C_DD1D_u64;
        for b in 0..=255u8 {
            for at in 0..8 {
                for filler in [0, b'a', b' ', b'q', b'9', 0x80, 0xFF, b'_'] {
                    let mut bytes = [filler; 8];
                    bytes[at] = b;
                    state = state.rotate_left(13) ^ state.wrapping_mul(0x9E37_79B9_7F4A_7C15);
                    for bytes in [bytes, state.to_le_bytes()] {
                        let found = bytes_where(u64::from_le_bytes(bytes));
                        for (k, &b) in bytes.iter().enumerate() {
                            assert_eq!(found >> (8 * k + 7) & 1 == 1, is(b), "{bytes:?}");
                        }
                        assert_eq!(found & !each_byte(0x80), 0);
                    }
                }
            }
        }
    }

    #[test]
    fn bytes_found_eight_at_a_time_are_those_looked_for() {
        assert_bytes_where(alnum_bytes, |b| b.is_ascii_alphanumeric());
        assert_bytes_where(q_u_y_bytes, |b| b"qQuUyY]}".contains(&b));
    }

    #[test]
    fn character_classes_are_the_patterns() {
        let space = Regex::new(r"^\s$").unwrap();
        let digit = Regex::new(r"^\d$").unwrap();
        let word = Regex::new(r"^\w$").unwrap();
        for c in (0..=0x10FFFF).filter_map(char::from_u32) {
            let s = c.encode_utf8(&mut [0; 4]).to_string();
            assert_eq!(c.is_whitespace(), space.is_match(&s), "{c:?}");
            let padded = format!("{s}x");
            assert_eq!(space_end(&padded, 0).is_some(), space.is_match(&s), "{c:?}");
            assert_eq!(digit_end(&padded, 0).is_some(), digit.is_match(&s), "{c:?}");
            assert_eq!(is_word_char(c), word.is_match(&s), "{c:?}");
            assert!(!is_plainly_not_word(c) || !word.is_match(&s), "{c:?}");
        }
    }

    #[test]
    fn only_two_characters_match_an_ascii_letter_case_insensitively() {
        let letter = Regex::new("(?i)^[a-z]$").unwrap();
        let others: Vec<char> = (0x80..=0x10FFFF)
            .filter_map(char::from_u32)
            .filter(|c| letter.is_match(c.encode_utf8(&mut [0; 4])))
            .collect();
        assert_eq!(others, ['\u{17F}', '\u{212A}']);
    }

    #[test]
    fn markers_searched_in_pieces_are_the_first_of_the_whole_text() {
        for text in [
            "Revenue rose. In the quarter, sales fell; full-year capex grew. Q4 annual",
            "No marker here. Annual\u{17F} and a quarter later, the fiscal year ended.",
            "full-year full-year quarterly",
        ] {
            let whole = first_granularity_markers(text, 0..text.len());
            // Searched sentence by sentence, each piece only while a marker is missing.
            let (mut quarter, mut annual) = (None, None);
            let mut from = 0;
            for (end, _) in text.match_indices(". ").chain([(text.len(), "")]) {
                let (q, a) = first_granularity_markers(text, from..end);
                quarter = quarter.or(q);
                annual = annual.or(a);
                from = end;
            }
            assert_eq!((quarter, annual), whole, "{text}");
        }
    }

    #[test]
    fn granularity_words() {
        assert_eq!(
            granularity_markers("revenue in the quarter rose"),
            (vec![15], vec![])
        );
        assert_eq!(granularity_markers("full-year capex"), (vec![], vec![0]));
        assert_eq!(granularity_markers("Nvidia fell 17%"), (vec![], vec![]));
    }
}
