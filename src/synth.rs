//! Seeded, deterministic generators for benchmarks and heavy tests: news-like articles with a
//! realistic density of claims, and datasets of any number of figures.
//!
//! Not part of the pipeline. The same seed always gives the same bytes, on every machine, so a
//! benchmark or a test can name its input by `(seed, size)` instead of shipping it.
//!
//! - [`Corpus`] writes articles of about one numeric claim per 200 bytes (as in the seed article),
//!   using every hedge of the table, every unit kind (money in $, US$, USD, €, £, ¥ and yuan,
//!   percent and percentage points, counts with nouns, durations, measures, multipliers, rates),
//!   number words, ranges, vague magnitudes and direction verbs, around the figures of a dataset
//!   (so claims link and are judged, some supported, some contradicted) and around names no
//!   dataset knows; with the non-claims the reader must skip (dates, years, product codes).
//! - [`dataset`] writes `n` figures of made-up entities with aliases, tickers, parents (products
//!   of a company), keywords, units, `as_of` and sources, in the v1 format. The first `k` figures
//!   are the same whatever `n`, so a 100-figure dataset is a prefix of a 100,000-figure one.

use crate::dataset::{Confidence, Dataset, DatasetFile, Direction, Figure, Source};
use std::fmt::Write as _;

/// A small, fast, seeded generator (SplitMix64): enough for text, not for cryptography.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed ^ 0x9E37_79B9_7F4A_7C15)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (((self.next_u64() >> 11) as u128 * n as u128) >> 53) as usize
    }

    /// `true` with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: u64, hi: u64) -> u64 {
        lo + self.below((hi - lo + 1) as usize) as u64
    }
}

/// Every hedge phrase of the table (semantics.md §1), most common first.
pub const HEDGES: &[&str] = &[
    "about",
    "nearly",
    "more than",
    "almost",
    "roughly",
    "around",
    "up to",
    "at least",
    "over",
    "just under",
    "less than",
    "approximately",
    "some",
    "an estimated",
    "close to",
    "just over",
    "as much as",
    "fewer than",
    "slightly less than",
    "a little less than",
    "a little under",
    "slightly under",
    "slightly below",
    "just shy of",
    "just below",
    "just short of",
    "slightly more than",
    "a little more than",
    "a little over",
    "slightly over",
    "slightly above",
    "just above",
    "circa",
    "not quite",
    "in excess of",
    "greater than",
    "upwards of",
    "north of",
    "exceeding",
    "above",
    "no less than",
    "no fewer than",
    "not less than",
    "a minimum of",
    "south of",
    "under",
    "below",
    "as many as",
    "as high as",
    "a maximum of",
    "no more than",
    "not more than",
    "at most",
];

const UP_VERBS: &[&str] = &[
    "rose", "climbed", "jumped", "gained", "surged", "soared", "added",
];
const DOWN_VERBS: &[&str] = &[
    "fell", "dropped", "plunged", "tumbled", "slid", "declined", "sank", "slumped",
];
const NUMBER_WORDS: &[&str] = &[
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
];
const TENS: &[&str] = &[
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];
const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const WEEKDAYS: &[&str] = &["Monday", "Tuesday", "Wednesday", "Thursday", "Friday"];

/// Names no dataset knows: claims about them come out unverified.
const UNKNOWN_FIRMS: &[&str] = &[
    "Halvorsen Freight",
    "Brightwater Capital",
    "Marlowe Analytics",
    "Quillon Semiconductor",
    "Ostrava Energy",
    "Penmark Retail",
    "Castellan Bank",
    "Arbogast Pharma",
    "Tiverton Mining",
    "Lucerne Robotics",
    "Kestrel Airlines",
    "Duvall Media",
];
const PEOPLE: &[&str] = &[
    "Maria Okafor",
    "James Lindqvist",
    "Priya Raman",
    "Tomas Herrera",
    "Ana Sousa",
    "Kenji Watanabe",
];
const ROLES: &[&str] = &[
    "chief executive",
    "chief financial officer",
    "an analyst at Bernstein",
    "a spokesperson",
];
const PRODUCT_CODES: &[&str] = &[
    "H100", "H800", "H20", "GB200", "GPT-4", "A100", "MI300X", "B200",
];
const COUNT_NOUNS: &[(&str, &str)] = &[
    ("employees", "workers"),
    ("stores", "outlets"),
    ("customers", "clients"),
    ("chips", "processors"),
    ("data centers", "facilities"),
    ("vehicles", "trucks"),
    ("subscribers", "accounts"),
];
const FILLER: &[&str] = &[
    "Investors have been watching the company closely since the start of the year.",
    "The results were published after the market closed.",
    "Executives declined to comment on the outlook for the rest of the year.",
    "Analysts said the numbers were broadly in line with expectations.",
    "The company did not respond to a request for comment.",
    "Regulators in Brussels and Washington are reviewing the deal.",
    "Shares were little changed in early trading.",
    "The announcement came as rivals raced to build out their own infrastructure.",
    "Demand for artificial intelligence has reshaped the industry in recent years.",
    "The board is expected to meet again next month.",
    "Some investors worry that the spending will take years to pay off.",
    "People familiar with the matter said talks were at an early stage.",
    "The chipmaker has struggled to keep up with orders from cloud providers.",
    "Critics argue that the industry is building capacity faster than customers can use it.",
    "It was not immediately clear how the plan would be financed.",
    "The move follows a string of similar announcements from its biggest rivals.",
    "Officials said they would publish more details in the coming weeks.",
    "Trading volumes were heavier than usual as traders digested the news.",
    "The startup has hired engineers from several of the largest labs.",
    "Several customers said they were reconsidering their contracts.",
    "The outlook for the second half remains uncertain, the company warned.",
    "Its largest shareholder backed the decision at the annual meeting.",
];
const HEADLINES: &[&str] = &[
    "{A} bets big on AI as spending climbs",
    "{A} results beat forecasts",
    "Markets slide as {A} warns on costs",
    "{A} and {B} race to build data centers",
    "What the {A} numbers tell us",
];

/// One figure as a claim can state it: the words before the number and its formatted value.
fn format_value(rng: &mut Rng, v: f64, unit: &str) -> Option<String> {
    let money = |rng: &mut Rng, v: f64, sign: &str| -> String {
        let (scaled, word) = scale(v);
        if word.is_empty() {
            format!("{sign}{}", group(v.round() as u64))
        } else if rng.chance(0.15) && word != "trillion" {
            let suffix = match word {
                "billion" => "bn",
                _ => "m",
            };
            format!("{sign}{scaled}{suffix}")
        } else {
            format!("{sign}{scaled} {word}")
        }
    };
    Some(match unit {
        "USD" => {
            let sign = *rng.pick(&["$", "$", "$", "$", "US$"]);
            if rng.chance(0.05) {
                let (scaled, word) = scale(v);
                format!("USD {scaled} {word}").trim_end().to_string()
            } else {
                money(rng, v, sign)
            }
        }
        "EUR" => money(rng, v, "€"),
        "GBP" => money(rng, v, "£"),
        "%" => {
            let n = trim_float(v.abs(), 1);
            if rng.chance(0.5) {
                format!("{n}%")
            } else {
                format!("{n} percent")
            }
        }
        "point" | "pp" => format!("{} percentage points", trim_float(v, 1)),
        "x" => format!("{}x", trim_float(v, 1)),
        "day" | "month" | "year" | "hour" => {
            let n = v.round() as u64;
            let num = if n < 20 && rng.chance(0.7) {
                NUMBER_WORDS[n as usize].to_string()
            } else {
                group(n)
            };
            format!("{num} {unit}{}", if n == 1 { "" } else { "s" })
        }
        "GW" => format!("{} gigawatts", trim_float(v, 1)),
        u if u.contains('/') || u.contains('-') || u.chars().any(|c| c.is_ascii_digit()) => {
            return None;
        }
        noun => {
            let (scaled, word) = scale(v);
            let plural = plural(noun);
            if word.is_empty() {
                format!("{} {plural}", group(v.round() as u64))
            } else {
                format!("{scaled} {word} {plural}")
            }
        }
    })
}

fn plural(noun: &str) -> String {
    if noun.ends_with('s') {
        noun.to_string()
    } else if noun.chars().all(|c| c.is_ascii_uppercase()) {
        format!("{noun}s")
    } else if let Some(stem) = noun.strip_suffix('y') {
        format!("{stem}ies")
    } else {
        format!("{noun}s")
    }
}

/// 5_576_000 → ("5.6", "million"); values under a million are written out.
fn scale(v: f64) -> (String, &'static str) {
    let a = v.abs();
    for (s, word) in [(1e12, "trillion"), (1e9, "billion"), (1e6, "million")] {
        if a >= s {
            return (trim_float(v / s, 1), word);
        }
    }
    (group(v.round() as u64), "")
}

fn trim_float(v: f64, decimals: usize) -> String {
    let s = format!("{v:.decimals$}");
    let s = if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s
    };
    if s.is_empty() { "0".into() } else { s }
}

/// 16000 → "16,000".
fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn number_word(n: u64) -> String {
    if n < 20 {
        NUMBER_WORDS[n as usize].to_string()
    } else if n.is_multiple_of(10) {
        TENS[(n / 10) as usize].to_string()
    } else {
        format!(
            "{}-{}",
            TENS[(n / 10) as usize],
            NUMBER_WORDS[(n % 10) as usize]
        )
    }
}

/// Writes news-like articles about the figures of some datasets.
pub struct Corpus {
    rng: Rng,
    /// Figures claims are written about, with a value and a unit the generator can state.
    figures: Vec<Figure>,
    articles: usize,
}

impl Corpus {
    /// A corpus about `figures` (the built-in dataset's, a generated dataset's, or both).
    pub fn new(seed: u64, figures: &[Figure]) -> Corpus {
        let figures = figures
            .iter()
            .filter(|f| f.value.is_some_and(|v| v > 0.0))
            .filter(|f| format_value(&mut Rng::new(0), f.value.unwrap_or(0.0), &f.unit).is_some())
            .cloned()
            .collect();
        Corpus {
            rng: Rng::new(seed),
            figures,
            articles: 0,
        }
    }

    /// A corpus about the built-in dataset's figures.
    pub fn builtin(seed: u64) -> Corpus {
        Corpus::new(seed, &crate::dataset::builtin().figures)
    }

    /// The next article, of about `bytes` bytes (at least one paragraph).
    pub fn article(&mut self, bytes: usize) -> String {
        let mut out = String::with_capacity(bytes + 512);
        self.articles += 1;
        let year = 2025;
        let month = self.rng.range(1, 12);
        let day = self.rng.range(1, 28);
        let _ = writeln!(out, "date {year}-{month:02}-{day:02}\n");
        let a = self.subject_name();
        let b = self.subject_name();
        let headline = self
            .rng
            .pick(HEADLINES)
            .replace("{A}", &a)
            .replace("{B}", &b);
        let _ = writeln!(out, "{headline}\n");
        while out.len() < bytes {
            let sentences = self.rng.range(2, 5);
            for s in 0..sentences {
                if s > 0 {
                    out.push(' ');
                }
                self.sentence(&mut out, year);
            }
            out.push_str("\n\n");
        }
        out
    }

    /// Articles of about `article_bytes` each, concatenated (separated by blank lines) until
    /// `total` bytes.
    pub fn text(&mut self, total: usize, article_bytes: usize) -> String {
        let mut out = String::with_capacity(total + article_bytes);
        while out.len() < total {
            out.push_str(&self.article(article_bytes.min(total - out.len()).max(200)));
        }
        out
    }

    fn subject_name(&mut self) -> String {
        if !self.figures.is_empty() && self.rng.chance(0.7) {
            let f = self.rng.pick(&self.figures).clone();
            self.name_of(&f)
        } else {
            self.rng.pick(UNKNOWN_FIRMS).to_string()
        }
    }

    fn name_of(&mut self, f: &Figure) -> String {
        if !f.aliases.is_empty() && self.rng.chance(0.3) {
            self.rng.pick(&f.aliases).clone()
        } else {
            f.entity.clone()
        }
    }

    fn hedge(&mut self) -> String {
        if self.rng.chance(0.45) {
            // Most often the first few, but every one of them now and then.
            let i = if self.rng.chance(0.7) {
                self.rng.below(12)
            } else {
                self.rng.below(HEDGES.len())
            };
            format!("{} ", HEDGES[i])
        } else {
            String::new()
        }
    }

    fn sentence(&mut self, out: &mut String, year: u64) {
        let roll = self.rng.below(100);
        match roll {
            0..=17 if !self.figures.is_empty() => self.figure_sentence(out, year),
            0..=21 => self.unknown_firm_sentence(out, year),
            22..=24 => self.market_sentence(out),
            25..=27 => self.count_sentence(out),
            28..=29 => self.range_sentence(out),
            30..=31 => self.duration_sentence(out, year),
            32..=36 => self.non_claim_sentence(out, year),
            _ => out.push_str(self.rng.pick::<&str>(FILLER)),
        }
    }

    /// A claim about a dataset figure: its entity or alias, a keyword, a hedge and the value,
    /// right most of the time, wrong now and then.
    fn figure_sentence(&mut self, out: &mut String, year: u64) {
        let f = self.rng.pick(&self.figures).clone();
        let mut v = f.value.unwrap_or(1.0);
        if self.rng.chance(0.15) {
            v *= *self.rng.pick(&[0.5, 0.7, 1.4, 2.0, 3.0]);
        }
        let Some(value) = format_value(&mut self.rng, v, &f.unit) else {
            out.push_str(self.rng.pick::<&str>(FILLER));
            return;
        };
        let name = self.name_of(&f);
        let keyword = if f.keywords.is_empty() || self.rng.chance(0.5) {
            f.metric.clone()
        } else {
            self.rng.pick(&f.keywords).clone()
        };
        let hedge = self.hedge();
        let when = match &f.as_of {
            Some(a) if a.len() >= 4 && self.rng.chance(0.6) => format!(" in {}", &a[..4]),
            _ if self.rng.chance(0.2) => format!(" in {}", year - 1),
            _ => String::new(),
        };
        match (f.direction, self.rng.below(4)) {
            (Some(d), _) => {
                let verb = match d {
                    Direction::Up => self.rng.pick(UP_VERBS),
                    Direction::Down => self.rng.pick(DOWN_VERBS),
                };
                let _ = write!(out, "{name} {keyword} {verb} {hedge}{value}{when}.");
            }
            (None, 0) => {
                let _ = write!(
                    out,
                    "{name} said its {keyword} was {hedge}{value}{when}, according to a filing."
                );
            }
            (None, 1) => {
                let _ = write!(out, "The {keyword} of {name} reached {hedge}{value}{when}.");
            }
            (None, 2) => {
                let person = self.rng.pick(PEOPLE);
                let role = self.rng.pick(ROLES);
                let _ = write!(
                    out,
                    "{name} {role} {person} said the {keyword} figure stood at {hedge}{value}."
                );
            }
            _ => {
                let _ = write!(out, "{name}’s {keyword} came to {hedge}{value}{when}.");
            }
        }
    }

    fn money(&mut self) -> String {
        let n = self.rng.range(1, 999);
        let dec = self.rng.below(10);
        let word = *self
            .rng
            .pick(&["million", "billion", "billion", "trillion"]);
        let number = if n < 100 && dec > 0 {
            format!("{n}.{dec}")
        } else {
            n.to_string()
        };
        match self.rng.below(10) {
            0 => format!("€{number} {word}"),
            1 => format!("£{number} {word}"),
            2 => format!("¥{number} {word}"),
            3 => format!("{number} {word} yuan"),
            4 => format!("US${number} {word}"),
            5 => format!("USD {number} {word}"),
            6 => format!("${number}{}", if word == "billion" { "bn" } else { "m" }),
            _ => format!("${number} {word}"),
        }
    }

    fn percent(&mut self) -> String {
        let n = self.rng.range(1, 60);
        let d = self.rng.below(10);
        let num = if d > 0 {
            format!("{n}.{d}")
        } else {
            n.to_string()
        };
        if self.rng.chance(0.5) {
            format!("{num}%")
        } else {
            format!("{num} percent")
        }
    }

    fn unknown_firm_sentence(&mut self, out: &mut String, year: u64) {
        let firm = self.rng.pick(UNKNOWN_FIRMS);
        let hedge = self.hedge();
        let money = self.money();
        let pct = self.percent();
        let q = *self.rng.pick(&["first", "second", "third", "fourth"]);
        match self.rng.below(4) {
            0 => {
                let verb = self.rng.pick(UP_VERBS);
                let _ = write!(
                    out,
                    "{firm} said revenue {verb} {pct} to {hedge}{money} in the {q} quarter."
                );
            }
            1 => {
                let _ = write!(
                    out,
                    "{firm} plans to invest {hedge}{money} over the next {} years, it said on {}.",
                    number_word(self.rng.range(2, 9)),
                    self.rng.pick(WEEKDAYS)
                );
            }
            2 => {
                let pp = trim_float(self.rng.range(1, 40) as f64 / 10.0, 1);
                let _ = write!(
                    out,
                    "Margins at {firm} widened by {pp} percentage points to {pct} in fiscal {year}."
                );
            }
            _ => {
                let verb = self.rng.pick(DOWN_VERBS);
                let _ = write!(
                    out,
                    "{firm} shares {verb} {hedge}{pct} after the company cut its forecast to {money}."
                );
            }
        }
    }

    fn market_sentence(&mut self, out: &mut String) {
        let index = *self.rng.pick(&[
            "The S&P 500",
            "The Nasdaq Composite",
            "The Stoxx 600",
            "The Nikkei",
        ]);
        let pct = self.percent();
        let verb = if self.rng.chance(0.5) {
            self.rng.pick(UP_VERBS)
        } else {
            self.rng.pick(DOWN_VERBS)
        };
        let day = self.rng.pick(WEEKDAYS);
        let money = self.money();
        let _ = write!(
            out,
            "{index} {verb} {pct} on {day}, wiping {} off market values.",
            if self.rng.chance(0.3) {
                format!("tens of billions of dollars ({money})")
            } else {
                money
            }
        );
    }

    fn count_sentence(&mut self, out: &mut String) {
        let firm = self.rng.pick(UNKNOWN_FIRMS);
        let (noun, other) = *self.rng.pick(COUNT_NOUNS);
        let hedge = self.hedge();
        match self.rng.below(5) {
            0 => {
                let _ = write!(
                    out,
                    "{firm} employs {hedge}{} {noun} and runs {} {other}.",
                    group(self.rng.range(1_000, 250_000)),
                    number_word(self.rng.range(2, 99))
                );
            }
            1 => {
                let _ = write!(
                    out,
                    "The group added a dozen {noun} and half a million {other} last year, {firm} said."
                );
            }
            2 => {
                let _ = write!(
                    out,
                    "{firm} bought {hedge}{} of the more powerful {} {noun} for its cluster.",
                    group(self.rng.range(1_000, 50_000)),
                    self.rng.pick(PRODUCT_CODES)
                );
            }
            3 => {
                let _ = write!(
                    out,
                    "Its network grew to {hedge}{:.1} million {noun}, a {}x increase.",
                    self.rng.range(10, 400) as f64 / 10.0,
                    self.rng.range(2, 9)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "{firm} said it would build {} {noun} drawing {hedge}{} gigawatts.",
                    number_word(self.rng.range(2, 30)),
                    trim_float(self.rng.range(5, 50) as f64 / 10.0, 1)
                );
            }
        }
    }

    fn range_sentence(&mut self, out: &mut String) {
        let firm = self.rng.pick(UNKNOWN_FIRMS);
        let lo = self.rng.range(10, 80);
        let hi = lo + self.rng.range(2, 15);
        match self.rng.below(4) {
            0 => {
                let _ = write!(
                    out,
                    "{firm} expects capital spending of ${lo}-{hi} billion this year."
                );
            }
            1 => {
                let _ = write!(
                    out,
                    "Prices could rise between {}% and {}%, {firm} warned.",
                    lo / 10,
                    hi / 10 + 1
                );
            }
            2 => {
                let _ = write!(
                    out,
                    "The deal values {firm} at ${lo} billion to ${hi} billion, people familiar with the matter said."
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "The company is spending multi-billion dollar sums, and tens of thousands of {} are on order.",
                    self.rng.pick(COUNT_NOUNS).0
                );
            }
        }
    }

    fn duration_sentence(&mut self, out: &mut String, year: u64) {
        let firm = self.rng.pick(UNKNOWN_FIRMS);
        let hedge = self.hedge();
        let rate = format!("${:.2}", self.rng.range(50, 900) as f64 / 100.0);
        match self.rng.below(3) {
            0 => {
                let _ = write!(
                    out,
                    "The model was trained over {hedge}{} days at a cost of {rate} per GPU-hour.",
                    self.rng.range(20, 120)
                );
            }
            1 => {
                let _ = write!(
                    out,
                    "{firm} said the project would take {} years and finish in {}.",
                    number_word(self.rng.range(2, 12)),
                    year + self.rng.range(2, 6)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "Customers pay {rate} per million tokens, {hedge}{} months after launch.",
                    self.rng.range(3, 30)
                );
            }
        }
    }

    /// Numbers that are not claims: dates, years, product codes, list numbering.
    fn non_claim_sentence(&mut self, out: &mut String, year: u64) {
        let month = self.rng.pick(MONTHS);
        let day = self.rng.range(1, 28);
        let code = self.rng.pick(PRODUCT_CODES);
        match self.rng.below(3) {
            0 => {
                let _ = write!(
                    out,
                    "On {month} {day}, {year}, the company unveiled its {code} lineup."
                );
            }
            1 => {
                let _ = write!(
                    out,
                    "The report, dated {year}-{:02}-{day:02}, covers the {code} and GPT-4 era.",
                    self.rng.range(1, 12)
                );
            }
            _ => {
                let _ = write!(
                    out,
                    "Since {}, sales of the {code} have shaped the market.",
                    year - self.rng.range(1, 5)
                );
            }
        }
    }
}

/// What a generated figure measures: metric, keywords, unit, value range, direction.
struct MetricKind {
    metric: &'static str,
    slug: &'static str,
    keywords: &'static [&'static str],
    unit: &'static str,
    lo: f64,
    hi: f64,
    direction: Option<Direction>,
}

const METRICS: &[MetricKind] = &[
    MetricKind {
        metric: "annual revenue",
        slug: "revenue",
        keywords: &["revenue", "sales"],
        unit: "USD",
        lo: 5e7,
        hi: 2e11,
        direction: None,
    },
    MetricKind {
        metric: "capital expenditure",
        slug: "capex",
        keywords: &["capex", "capital expenditure", "spending"],
        unit: "USD",
        lo: 1e8,
        hi: 8e10,
        direction: None,
    },
    MetricKind {
        metric: "market value",
        slug: "market-value",
        keywords: &["market value", "valuation", "valued"],
        unit: "USD",
        lo: 1e9,
        hi: 3e12,
        direction: None,
    },
    MetricKind {
        metric: "funding round",
        slug: "funding",
        keywords: &["raised", "funding", "round"],
        unit: "USD",
        lo: 1e7,
        hi: 1e10,
        direction: None,
    },
    MetricKind {
        metric: "employees",
        slug: "employees",
        keywords: &["employees", "staff", "workforce"],
        unit: "employee",
        lo: 50.0,
        hi: 300_000.0,
        direction: None,
    },
    MetricKind {
        metric: "monthly active users",
        slug: "users",
        keywords: &["users", "monthly"],
        unit: "user",
        lo: 1e5,
        hi: 2e9,
        direction: None,
    },
    MetricKind {
        metric: "training cluster size",
        slug: "cluster",
        keywords: &["cluster", "GPUs", "train"],
        unit: "GPU",
        lo: 256.0,
        hi: 200_000.0,
        direction: None,
    },
    MetricKind {
        metric: "share price change",
        slug: "share-move",
        keywords: &["shares", "stock"],
        unit: "%",
        lo: 1.0,
        hi: 25.0,
        direction: Some(Direction::Down),
    },
    MetricKind {
        metric: "revenue growth",
        slug: "growth",
        keywords: &["growth", "grew"],
        unit: "%",
        lo: 2.0,
        hi: 90.0,
        direction: Some(Direction::Up),
    },
    MetricKind {
        metric: "data-center power",
        slug: "power",
        keywords: &["power", "capacity"],
        unit: "GW",
        lo: 0.1,
        hi: 5.0,
        direction: None,
    },
];

const SYLLABLES: &[&str] = &[
    "vel", "tor", "mar", "quen", "dra", "lis", "nor", "bex", "cal", "ven", "sor", "tik", "lum",
    "zar", "pel", "ost", "rin", "gal", "hov", "cre", "dax", "fen", "jor", "kel", "mon", "wyn",
];
const SUFFIXES: &[&str] = &[
    "Systems",
    "Labs",
    "Dynamics",
    "Networks",
    "Robotics",
    "Holdings",
    "Energy",
    "Semiconductor",
    "Cloud",
    "AI",
    "Bio",
    "Logistics",
];
const PRODUCTS: &[&str] = &[
    "Nova", "Atlas", "Orion", "Helix", "Pulse", "Vertex", "Aurora",
];

/// The name, aliases and parent of generated entity `i`: a company, or (one in four) a
/// product of the company before it.
fn entity(seed: u64, i: usize) -> (String, Vec<String>, Option<String>) {
    let company = |k: usize| -> (String, String, String) {
        let mut rng = Rng::new(seed ^ (k as u64).wrapping_mul(0xA24B_AED4_963E_E407));
        let parts = rng.range(2, 3);
        let mut stem = String::new();
        for _ in 0..parts {
            stem.push_str(rng.pick::<&str>(SYLLABLES));
        }
        // Unique whatever the syllables: a base-26 tag of the index.
        let mut tag = String::new();
        let mut n = k;
        loop {
            tag.push((b'a' + (n % 26) as u8) as char);
            n /= 26;
            if n == 0 {
                break;
            }
        }
        stem.push_str(&tag);
        let mut chars = stem.chars();
        let short: String = chars
            .next()
            .map(|c| c.to_ascii_uppercase())
            .into_iter()
            .chain(chars)
            .collect();
        let name = format!("{short} {}", rng.pick(SUFFIXES));
        let ticker: String = short
            .chars()
            .filter(|c| c.is_ascii_alphabetic())
            .take(3)
            .collect::<String>()
            .to_uppercase()
            + &tag.to_uppercase();
        (name, short, ticker)
    };
    if i % 4 == 3 {
        let (parent, short, _) = company(i - 1);
        let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0x9FB2_1C65_1E98_DF25));
        let product = format!("{short} {}", rng.pick(PRODUCTS));
        let version = rng.range(1, 9);
        let name = format!("{product} {version}");
        (name, vec![format!("{product}-{version}")], Some(parent))
    } else {
        let (name, short, ticker) = company(i);
        (name, vec![short, ticker], None)
    }
}

/// A dataset of `n` generated figures (about four per entity), valid v1, named `name`. The
/// first `k` figures are the same for every `n >= k`.
pub fn dataset(seed: u64, n: usize, name: &str) -> Dataset {
    let figures = (0..n).map(|i| figure(seed, i)).collect();
    Dataset {
        name: name.to_string(),
        location: format!("<synthetic {n}>"),
        figures,
    }
}

/// Generated figure `i`.
pub fn figure(seed: u64, i: usize) -> Figure {
    let e = i / 4;
    let (entity_name, aliases, parent) = entity(seed, e);
    let mut rng = Rng::new(seed ^ (i as u64).wrapping_mul(0xD6E8_FEB8_6659_FD93) ^ 0x5bd1);
    let kind = &METRICS[(i % 4 + e * 3) % METRICS.len()];
    let lo = kind.lo.ln();
    let hi = kind.hi.ln();
    let raw = (lo + (hi - lo) * rng.below(1_000_000) as f64 / 1e6).exp();
    // Three significant digits, as sources state them.
    let mag = 10f64.powi(raw.log10().floor() as i32 - 2);
    let value = (raw / mag).round() * mag;
    let year = 2019 + (i % 7);
    let month = 1 + rng.below(12);
    let slug: String = entity_name
        .to_lowercase()
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
        .collect();
    Figure {
        id: format!("{slug}.{}.{year}-{month:02}.{i}", kind.slug),
        entity: entity_name.clone(),
        aliases,
        parent,
        metric: kind.metric.to_string(),
        keywords: kind.keywords.iter().map(|k| k.to_string()).collect(),
        value: Some(value),
        low: None,
        high: None,
        unit: kind.unit.to_string(),
        as_of: Some(format!("{year}-{month:02}")),
        confidence: Some(Confidence::High),
        source: Source {
            title: format!("{entity_name} {} report {year}", kind.metric),
            url: format!("https://example.com/{slug}/{}/{year}", kind.slug),
            publisher: Some("Example Wire".into()),
            date: Some(format!("{year}-{month:02}-15")),
            quote: None,
        },
        direction: kind.direction,
        tolerance: None,
        note: None,
    }
}

/// The dataset as the v1 JSON file format.
pub fn dataset_json(dataset: &Dataset) -> String {
    let file = DatasetFile {
        format: 1,
        name: dataset.name.clone(),
        description: Some(format!(
            "{} synthetic figures for benchmarks (factcheck::synth)",
            dataset.figures.len()
        )),
        figures: dataset.figures.clone(),
    };
    serde_json::to_string_pretty(&file).expect("a dataset serialises")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generators_are_deterministic() {
        let a = Corpus::builtin(7).text(20_000, 3_000);
        let b = Corpus::builtin(7).text(20_000, 3_000);
        assert_eq!(a, b);
        assert_ne!(a, Corpus::builtin(8).text(20_000, 3_000));
        assert_eq!(dataset(1, 50, "x").figures, dataset(1, 50, "x").figures);
    }

    #[test]
    fn small_dataset_is_a_prefix_of_a_large_one() {
        let small = dataset(3, 100, "x");
        let large = dataset(3, 1_000, "x");
        assert_eq!(small.figures[..], large.figures[..100]);
    }

    #[test]
    fn generated_datasets_load_strictly() {
        let d = dataset(5, 400, "synthetic");
        let json = dataset_json(&d);
        let loaded = crate::dataset::load_str(&json, "synthetic.json").expect("valid v1 dataset");
        assert_eq!(loaded.figures.len(), 400);
    }

    #[test]
    fn corpus_has_about_one_claim_per_200_bytes() {
        let text = Corpus::builtin(11).text(200_000, 4_000);
        let doc = crate::document::Document::from_text("c".into(), text.clone());
        let checker = crate::check::Checker::new(&[crate::dataset::builtin()]);
        let report = checker.check(&doc);
        let per_claim = text.len() / report.claims.len().max(1);
        assert!(
            (120..=280).contains(&per_claim),
            "{per_claim} bytes per claim"
        );
        assert!(report.summary.supported > 0 && report.summary.contradicted > 0);
    }
}
