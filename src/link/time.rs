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

/// Narrows `scored` by time; returns a short phrase saying why figures were dropped.
pub(super) fn select(
    scored: &mut Vec<Scored>,
    index: &Index,
    claim: &Claim,
    facts: &SentenceFacts,
    article: Option<Date>,
    inherited: &[(Period, Option<FigureId>)],
) -> &'static str {
    let periods = &facts.periods_for(claim.number_span.start);
    // With no time of its own, the claim may take the sentence's times that another claim,
    // linked to another series, owns ("the stock plunged 17% and erased nearly $593 billion" on Jan. 27).
    let borrowed = |f: FigureId| -> Vec<Period> {
        inherited
            .iter()
            .filter(|(_, owner)| owner.is_some_and(|o| !same_series(index, o, f)))
            .map(|(p, _)| *p)
            .collect()
    };
    let times_for = |f: FigureId| -> Vec<Period> {
        if periods.is_empty() {
            borrowed(f)
        } else {
            periods.clone()
        }
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
        if times_for(s.figure).iter().any(|q| selects(q, s.figure, p)) {
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
    let mut keep = vec![true; scored.len()];
    for i in 0..scored.len() {
        let fi = index.figure(scored[i].figure);
        let series: Vec<usize> = (0..scored.len())
            .filter(|&j| same_series(index, scored[i].figure, scored[j].figure))
            .collect();
        if series[0] != i {
            continue;
        }
        let whole_series = series_size(index, scored[i].figure);
        let period = |j: usize| index.figure(scored[j].figure).period;
        // The time expression nearest the number decides; else any in the sentence.
        // No time of its own: the sentence's times, unless the claim that owns one is of this
        // very series ("500 million users, up from 400 million in February": February is the
        // 400 million's).
        let mut by_distance = times_for(scored[i].figure);
        by_distance.sort_by_key(|p| p.at.abs_diff(claim.span.start));
        let selected: Vec<usize> = by_distance
            .iter()
            .map(|q| {
                series
                    .iter()
                    .copied()
                    .filter(|&j| period(j).is_some_and(|p| selects(q, scored[j].figure, p)))
                    .collect::<Vec<_>>()
            })
            .find(|s| !s.is_empty())
            .unwrap_or_default();
        // With no time of its own, the claim is not about the member that the time of a
        // comparison's baseline selects: that time is the baseline's ("more than 400 million
        // weekly users, up from 300 million in December" is not December's figure).
        let remaining: Vec<usize> = if periods.is_empty() {
            series
                .iter()
                .copied()
                .filter(|&j| {
                    !period(j).is_some_and(|p| {
                        facts
                            .baseline_periods()
                            .any(|q| selects(q, scored[j].figure, p))
                    })
                })
                .collect()
        } else {
            series.clone()
        };
        let chosen: Vec<usize> = if !selected.is_empty() {
            narrowest(&selected, period)
        } else if whole_series > 1 && !periods.is_empty() && fi.period.is_some() {
            // The sentence names a time, and no member of the series describes it.
            why = "the sentence names a time no figure of the series describes";
            Vec::new()
        } else if remaining.is_empty() {
            why = "the sentence's time is its baseline's";
            Vec::new()
        } else if remaining.len() > 1 {
            latest_not_after(&remaining, period, article)
        } else {
            remaining
        };
        for &j in &series {
            keep[j] = chosen.contains(&j);
        }
    }
    let mut it = keep.into_iter();
    scored.retain(|_| it.next().unwrap_or(true));
    why
}

fn narrowest(selected: &[usize], period: impl Fn(usize) -> Option<(Date, Date)>) -> Vec<usize> {
    let width = |j: usize| period(j).map_or(i64::MAX, |p| days_between(p.0, p.1));
    let min = selected.iter().map(|&j| width(j)).min().unwrap_or(i64::MAX);
    selected
        .iter()
        .copied()
        .filter(|&j| width(j) == min)
        .collect()
}

/// The latest member whose period starts on or before the article's date (or the latest).
fn latest_not_after(
    series: &[usize],
    period: impl Fn(usize) -> Option<(Date, Date)>,
    article: Option<Date>,
) -> Vec<usize> {
    let latest = series
        .iter()
        .copied()
        .filter(|&j| match (period(j), article) {
            (Some(p), Some(a)) => p.0 <= a,
            _ => true,
        })
        .max_by_key(|&j| period(j).map(|p| p.0));
    let start = latest.and_then(&period).map(|p| p.0);
    series
        .iter()
        .copied()
        .filter(|&j| period(j).map(|p| p.0) == start)
        .collect()
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

/// A pattern each of whose matches starts a word with one of a few words: searched only at the
/// words that could start one, each time anchored there, instead of over the whole text (the
/// time expressions' many case-insensitive first words leave the regex engine no literal to look
/// for, and their Unicode `\b` no fast automaton on non-ASCII text). The matches are the
/// pattern's own, in the order `captures_iter` finds them.
struct WordStartPattern {
    pattern: &'static str,
    /// The pattern itself, for text holding a character that matches an ASCII letter only
    /// case-insensitively (U+017F long s, U+212A Kelvin sign), which the word check would not see.
    whole: OnceLock<Regex>,
    /// `^(?s:.)(?:pattern)`: a match with the character before it, the look-behind of its
    /// leading `\b` as in the whole text. It numbers the pattern's groups as the pattern does.
    after_char: Regex,
    /// The bytes a match can start with (either case of `first_chars`), for a quick look before
    /// `may_start`.
    first_bytes: [bool; 256],
    /// Whether a match can start at byte `p`, the first of a word: the text there begins with one
    /// of the pattern's first words, ignoring ASCII case.
    may_start: fn(&[u8], usize) -> bool,
}

/// Bytes from a match's start within which it ends, and the character after it (its `\b`)
/// too: the longest match, "September 30, 2024" with the widest Unicode digits and spaces, is
/// under 40.
const MATCH_REACH: usize = 64;

impl WordStartPattern {
    fn new(pattern: &'static str, first_chars: &str, may_start: fn(&[u8], usize) -> bool) -> Self {
        let mut first_bytes = [false; 256];
        for b in first_chars.bytes() {
            first_bytes[b.to_ascii_lowercase() as usize] = true;
            first_bytes[b.to_ascii_uppercase() as usize] = true;
        }
        WordStartPattern {
            pattern,
            whole: OnceLock::new(),
            after_char: Regex::new(&format!("^(?s:.)(?:{pattern})")).expect("valid pattern"),
            first_bytes,
            may_start,
        }
    }

    fn whole(&self) -> &Regex {
        self.whole
            .get_or_init(|| Regex::new(self.pattern).expect("valid pattern"))
    }

    /// The match starting at byte `p` of `text`, if there is one: handed to `found` with its
    /// captures, and its end returned.
    fn match_at(
        &self,
        text: &str,
        p: usize,
        found: &mut dyn FnMut(usize, &Captures),
    ) -> Option<usize> {
        let end = text.ceil_char_boundary((p + MATCH_REACH).min(text.len()));
        if p == 0 {
            // At the start of the text a space stands in for the character before: for `\b`
            // both are a non-word side.
            let padded = format!(" {}", &text[..end]);
            let c = self.after_char.captures(&padded)?;
            found(p, &c);
            Some(c.get(0).map_or(1, |m| m.end()) - 1)
        } else {
            let from = text.floor_char_boundary(p - 1);
            let c = self.after_char.captures(&text[from..end])?;
            found(p, &c);
            Some(from + c.get(0).map_or(0, |m| m.end()))
        }
    }
}

/// What to do with each match of a pattern: called with its start and captures.
type OnMatch<'a> = &'a mut dyn FnMut(usize, &Captures);

/// The matches of several patterns in one pass over the words of `text`: each pattern's, in order,
/// to its `OnMatch`.
fn for_each_match(text: &str, searches: &mut [(&WordStartPattern, OnMatch)]) {
    for_each_match_starting_in(text, 0..text.len(), searches);
}

/// The matches of several patterns in `text` that start in `starts`: those of a whole-text
/// search, for a pattern with no match before `starts` (a pattern's matches do not overlap, so
/// one before could hide one that starts in `starts`).
fn for_each_match_starting_in(
    text: &str,
    starts: Range<usize>,
    searches: &mut [(&WordStartPattern, OnMatch)],
) {
    if text.contains('\u{17F}') || text.contains('\u{212A}') {
        for (pattern, found) in searches.iter_mut() {
            for c in pattern.whole().captures_iter(text) {
                let start = c.get(0).map_or(0, |m| m.start());
                if starts.contains(&start) {
                    found(start, &c);
                }
            }
        }
        return;
    }
    // ASCII letters and digits, by byte: looked up, the scan is a load and a test per byte.
    use crate::reader::token::ASCII_ALNUM as ALNUM;
    let bytes = text.as_bytes();
    // A pattern's matches do not overlap: its next starts at or after the end of its last.
    let mut resume = vec![0; searches.len()];
    let mut p = starts.start;
    let end = starts.end.min(bytes.len());
    while p < end {
        let b = bytes[p];
        if !ALNUM[b as usize] {
            p += 1;
            continue;
        }
        // Every match starts with `\b` and a word character: the first byte of a word.
        let word_start = p == 0 || !(ALNUM[bytes[p - 1] as usize] || bytes[p - 1] == b'_');
        if word_start {
            for ((pattern, found), resume) in searches.iter_mut().zip(&mut resume) {
                if p >= *resume
                    && pattern.first_bytes[b as usize]
                    && (pattern.may_start)(bytes, p)
                    && let Some(end) = pattern.match_at(text, p, *found)
                {
                    *resume = end;
                }
            }
        }
        // No match starts inside a word.
        p += 1;
        while p < end && ALNUM[bytes[p] as usize] {
            p += 1;
        }
    }
}

/// Whether `bytes[p..]` starts with one of `prefixes`, ignoring ASCII case.
fn starts_with_any(bytes: &[u8], p: usize, prefixes: &[&str]) -> bool {
    prefixes.iter().any(|w| {
        bytes
            .get(p..p + w.len())
            .is_some_and(|b| b.eq_ignore_ascii_case(w.as_bytes()))
    })
}

/// Words saying a quarter ("in the quarter", "Q4", "fourth-quarter").
fn quarter_marker() -> &'static WordStartPattern {
    static Q: OnceLock<WordStartPattern> = OnceLock::new();
    Q.get_or_init(|| {
        WordStartPattern::new(r"(?i)\b(?:quarter|quarterly|q[1-4])\b", "q", |bytes, p| {
            starts_with_any(bytes, p, &["quarter", "q1", "q2", "q3", "q4"])
        })
    })
}

/// Words saying a whole year ("annual", "full-year").
fn annual_marker() -> &'static WordStartPattern {
    static A: OnceLock<WordStartPattern> = OnceLock::new();
    A.get_or_init(|| {
        WordStartPattern::new(
            r"(?i)\b(?:annual|annually|full[- ]year|for the year|whole year|fiscal year|year-end)\b",
            "afwy",
            |bytes, p| {
                let any = |prefixes: &[&str]| starts_with_any(bytes, p, prefixes);
                match bytes[p].to_ascii_lowercase() {
                    b'a' => any(&["annual"]),
                    b'f' => any(&["full-year", "full year", "for the year", "fiscal year"]),
                    b'w' => any(&["whole year"]),
                    b'y' => any(&["year-end"]),
                    _ => false,
                }
            },
        )
    })
}

/// The first words of a text saying a quarter and a whole year (as `times_and_markers`) that
/// start in `starts`, when there is none before it.
pub fn first_granularity_markers(
    text: &str,
    starts: Range<usize>,
) -> (Option<usize>, Option<usize>) {
    let (mut quarter, mut year) = (None, None);
    for_each_match_starting_in(
        text,
        starts,
        &mut [
            (quarter_marker(), &mut |at, _| {
                quarter.get_or_insert(at);
            }),
            (annual_marker(), &mut |at, _| {
                year.get_or_insert(at);
            }),
        ],
    );
    (quarter, year)
}

/// Whether a time expression can start at byte `p`: the first words of the alternatives of
/// `time_expression`, by their first letter.
fn may_start_period(bytes: &[u8], p: usize) -> bool {
    let any = |prefixes: &[&str]| starts_with_any(bytes, p, prefixes);
    // A year's last two digits: ASCII, or another script's (any non-ASCII byte, to be safe).
    let digit = |i: usize| {
        bytes
            .get(i)
            .is_some_and(|b| b.is_ascii_digit() || *b >= 0x80)
    };
    match bytes[p].to_ascii_lowercase() {
        b'1' | b'2' => any(&["19", "20"]) && digit(p + 2) && digit(p + 3),
        b'a' => any(&["april", "august", "aug."]),
        b'd' => any(&["december", "dec."]),
        b'f' => any(&["fy", "fiscal", "february", "feb.", "friday"]),
        b'j' => any(&["january", "jan.", "june", "july"]),
        b'l' => any(&["last"]),
        b'm' => any(&["march", "may", "monday"]),
        b'n' => any(&["next", "november", "nov."]),
        b'o' => any(&["october", "oct."]),
        b'p' => any(&["previous", "past"]),
        b'q' => any(&["q1", "q2", "q3", "q4"]),
        b's' => any(&["september", "sep.", "sept.", "saturday", "sunday"]),
        b't' => any(&["this", "tuesday", "thursday", "today"]),
        b'w' => any(&["wednesday"]),
        b'y' => any(&["yesterday"]),
        _ => false,
    }
}

/// Time expressions: years, "Q4 2024", "fiscal 2025", month names, "this year", "last year",
/// "next year", "this month", "last month", weekdays, "today", "yesterday".
fn time_expression() -> &'static WordStartPattern {
    static TIME: OnceLock<WordStartPattern> = OnceLock::new();
    TIME.get_or_init(|| {
        WordStartPattern::new(
            r"(?ix)
            \b(?:FY\s?|fiscal\s(?:year\s)?)(?P<fy>(?:19|20)\d{2}|\d{2})\b
            | \bQ(?P<q>[1-4])\s(?P<qy>(?:19|20)\d{2})\b
            | \b(?P<rel>this|last|next|previous|past)\s(?P<relunit>year|month)\b
            | \b(?P<mon>(?:January|February|March|April|May|June|July|August|September|October|November|December)\b|Jan\.|Feb\.|Aug\.|Sept?\.|Oct\.|Nov\.|Dec\.)(?:\s(?:\d{1,2},?\s)?(?P<my>(?:19|20)\d{2}))?
            | \b(?P<year>(?:19|20)\d{2})\b
            | \b(?:(?P<last>last)\s)?(?P<wday>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b
            | \b(?P<rday>today|yesterday)\b",
            "12adfjlmnopqstwy",
            may_start_period,
        )
    })
}

/// The numbers of `time_expression`'s named groups (`Captures::name` looks one up by name
/// each time).
struct TimeGroups {
    fy: usize,
    q: usize,
    qy: usize,
    rel: usize,
    relunit: usize,
    mon: usize,
    my: usize,
    year: usize,
    last: usize,
    wday: usize,
    rday: usize,
}

fn time_groups() -> &'static TimeGroups {
    static GROUPS: OnceLock<TimeGroups> = OnceLock::new();
    GROUPS.get_or_init(|| {
        let names: Vec<Option<&str>> = time_expression().after_char.capture_names().collect();
        let group = |name: &str| {
            names
                .iter()
                .position(|n| *n == Some(name))
                .expect("a group of the pattern")
        };
        TimeGroups {
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
    })
}

/// A sentence's time expressions as periods (years, "Q4 2024", "fiscal 2025", month names,
/// "this year", "last month", weekdays, resolved against the article's date), with `base` the
/// sentence's offset in the document; and the offsets in the sentence of words saying a quarter
/// ("in the quarter", "Q4", "fourth-quarter") and of words saying a whole year ("annual",
/// "full-year"). One pass over its words finds all three.
pub fn times_and_markers(
    sentence: &str,
    base: usize,
    article: Option<Date>,
) -> (Vec<Period>, Vec<usize>, Vec<usize>) {
    let (mut times, mut quarters, mut years) = (Vec::new(), Vec::new(), Vec::new());
    for_each_match(
        sentence,
        &mut [
            (time_expression(), &mut |start, c| {
                if let Some(p) = period_of(c, article) {
                    times.push(Period {
                        start: p.0,
                        end: p.1,
                        at: base + start,
                    });
                }
            }),
            (quarter_marker(), &mut |at, _| quarters.push(at)),
            (annual_marker(), &mut |at, _| years.push(at)),
        ],
    );
    (times, quarters, years)
}

/// The period a match of `time_expression` names, if it names one.
fn period_of(c: &Captures, article: Option<Date>) -> Option<(Date, Date)> {
    let g = time_groups();
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
    Some(if let Some(fy) = c.get(g.fy) {
        let mut y: i32 = fy.as_str().parse().unwrap_or(0);
        if y < 100 {
            y += 2000;
        }
        year(y)
    } else if let (Some(q), Some(qy)) = (c.get(g.q), c.get(g.qy)) {
        let q: u32 = q.as_str().parse().unwrap_or(1);
        let y: i32 = qy.as_str().parse().unwrap_or(0);
        (month(y, q * 3 - 2).0, month(y, q * 3).1)
    } else if let (Some(rel), Some(unit)) = (c.get(g.rel), c.get(g.relunit)) {
        let a = article?;
        let back = match rel.as_str().to_lowercase().as_str() {
            "this" => 0,
            "next" => -1,
            _ => 1,
        };
        if unit.as_str().eq_ignore_ascii_case("year") {
            year(a.year - back)
        } else {
            let idx = a.year * 12 + a.month as i32 - 1 - back;
            month(idx.div_euclid(12), idx.rem_euclid(12) as u32 + 1)
        }
    } else if let Some(mon) = c.get(g.mon) {
        // "May" and "March" are words too; only a capitalised month counts.
        if !mon.as_str().starts_with(|ch: char| ch.is_uppercase()) {
            return None;
        }
        let key = mon.as_str().trim_end_matches('.').to_lowercase();
        let m = crate::reader::lexicon::MONTHS
            .iter()
            .find(|(n, _)| *n == key)
            .map(|(_, m)| *m)?;
        let y = match (c.get(g.my), article) {
            (Some(y), _) => y.as_str().parse().unwrap_or(0),
            // A month after the article's month is last year's ("in December", said in January).
            (None, Some(a)) => {
                if m > a.month {
                    a.year - 1
                } else {
                    a.year
                }
            }
            (None, None) => return None,
        };
        month(y, m)
    } else if let Some(y) = c.get(g.year) {
        year(y.as_str().parse().unwrap_or(0))
    } else if let (Some(w), Some(a)) = (c.get(g.wday), article) {
        // The most recent such weekday on or before the article's date ("last": before it).
        let wanted = WEEKDAYS
            .iter()
            .position(|d| d.eq_ignore_ascii_case(w.as_str()))
            .unwrap_or(0) as i64;
        let today = weekday(a);
        let mut back = (today - wanted).rem_euclid(7);
        if back == 0 && c.get(g.last).is_some() {
            back = 7;
        }
        let d = add_days(a, -back);
        (d, d)
    } else if let (Some(r), Some(a)) = (c.get(g.rday), article) {
        let d = if r.as_str().eq_ignore_ascii_case("yesterday") {
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

    /// Each match's start and named groups, as `for_each_match` gives them and as the pattern
    /// itself finds them over the whole text.
    type Groups = Vec<Option<String>>;
    fn both_ways(pattern: &WordStartPattern, text: &str) -> (Vec<Groups>, Vec<Groups>) {
        let whole = Regex::new(pattern.pattern).unwrap();
        let groups = |start: usize, c: &Captures| {
            let mut g = vec![Some(start.to_string())];
            g.extend((1..c.len()).map(|i| c.get(i).map(|m| m.as_str().to_string())));
            g
        };
        let mut fast = Vec::new();
        for_each_match(
            text,
            &mut [(pattern, &mut |start, c| fast.push(groups(start, c)))],
        );
        let slow = whole
            .captures_iter(text)
            .map(|c| groups(c.get(0).unwrap().start(), &c))
            .collect();
        (fast, slow)
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
            "A",
            "",
        ] {
            for pattern in [time_expression(), quarter_marker(), annual_marker()] {
                let (fast, slow) = both_ways(pattern, text);
                assert_eq!(fast, slow, "{text}");
            }
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
