//! Numbers as written: digits with separators, suffixes and exponents, number words of any size
//! ("one hundred and sixty-one", "twenty-one thousand", "three lakh crore"), decimals in words
//! ("five point five"), fractions ("a third", "three-quarters", "two thirds of a million"), mixed
//! numbers ("two and a half billion", "2 1/4", "2½"), dozens, "half a million", multipliers
//! ("tenfold", "twice as"). Each reader looks at most a few tokens ahead of where it stands; a
//! phrase is at most a handful of groups long, because each scale must be smaller than the last.

use super::lexicon;
use super::parse::{Parser, format_integer, precision_of};
use super::token::{TokKind, vulgar_fraction};

/// A number as read from tokens `start..end` (before the unit).
#[derive(Debug, Clone, Copy)]
pub(super) struct RawNumber {
    pub start: usize,
    pub end: usize,
    pub value: f64,
    /// Place value of the last significant digit, in the number's own units (scale applied).
    pub precision: f64,
    pub significant_digits: u32,
    /// The scale that ends the number (1e9 for "65 billion"), 1 when none; a range's first end
    /// takes it from the second ("$60-65 billion").
    pub scale: f64,
    /// A scale word or suffix was written.
    pub scale_word: bool,
    /// The number starts with a word ("four", "a dozen", "half").
    pub in_words: bool,
    /// How many number words it holds ("twenty-one" is one, "one hundred" two).
    pub words: u32,
    /// A fraction or a mixed number ("a third", "two and a half").
    pub fraction: bool,
    /// A single digits token, possibly with a scale suffix: dates, times and labels are checked.
    pub digits_only: bool,
    /// A multiplier word ("tenfold", "twice").
    pub multiplier: bool,
}

impl RawNumber {
    fn new(start: usize, end: usize, value: f64) -> Self {
        RawNumber {
            start,
            end,
            value,
            precision: 1.0,
            significant_digits: 1,
            scale: 1.0,
            scale_word: false,
            in_words: true,
            words: 1,
            fraction: false,
            digits_only: false,
            multiplier: false,
        }
    }

    /// The precision of a number written in words: its last non-zero place ("two million" →
    /// one million, "twenty-one" → one).
    fn words_precision(mut self) -> Self {
        (self.precision, self.significant_digits) = words_precision_of(self.value);
        self
    }

    fn fraction(start: usize, end: usize, value: f64, denominator: f64, scale: f64) -> Self {
        RawNumber {
            precision: scale / denominator.max(2.0),
            significant_digits: 1,
            scale,
            scale_word: scale > 1.0,
            fraction: true,
            ..RawNumber::new(start, end, value)
        }
    }
}

/// `precision_of` the text `format_integer` writes for `value`: a whole number below 10^15 (as
/// numbers in words are) is read from its digits without being written out.
fn words_precision_of(value: f64) -> (f64, u32) {
    if !(value.fract() == 0.0 && (0.0..1e15).contains(&value)) {
        return precision_of(&format_integer(value));
    }
    let mut rest = value as u64;
    if rest == 0 {
        return (1.0, 1);
    }
    let mut trailing_zeros = 0u32;
    while rest.is_multiple_of(10) {
        rest /= 10;
        trailing_zeros += 1;
    }
    let mut sig = 0u32;
    while rest > 0 {
        rest /= 10;
        sig += 1;
    }
    let precision = if trailing_zeros == 0 {
        1.0
    } else {
        10f64.powi(trailing_zeros as i32)
    };
    (precision, sig.max(1))
}

/// Below a scale: "three hundred and two", "322 hundred", "a", "5.6", "three dozen".
#[derive(Debug, Clone, Copy)]
struct Group {
    value: f64,
    end: usize,
    words: u32,
    hundred: bool,
    /// The head was a digits token: its precision and significant digits, and whether integer.
    digits: Option<(f64, u32, bool)>,
    /// "a"/"an" standing for one ("a hundred", "a dozen").
    article: bool,
    dozen: bool,
}

/// A cardinal: groups joined by decreasing scales ("two million three hundred thousand").
#[derive(Debug, Clone, Copy)]
struct Cardinal {
    value: f64,
    end: usize,
    words: u32,
    /// The scale that ends it, 1 when it ends on a group.
    end_scale: f64,
    scale_seen: bool,
    head: Group,
    /// Only the head group, no scale: a digits head can take a suffix.
    head_only: bool,
}

/// `v × s` without binary noise when `s` is a power of ten ("137.3" × 1e9 is 137300000000,
/// not 137300000000.00002): the product is parsed from the decimal text.
/// The value of digits with at most one decimal point ("2048", "5.6"), when it is computed
/// exactly without parsing: at most 15 digits make a whole number below 2^53, and both it and
/// 10^0..10^15 are exact in f64, so one division rounds the real value as a parse does.
fn decimal_value(numeral: &str) -> Option<f64> {
    const MOST_DIGITS: u32 = 15;
    let mut mantissa: u64 = 0;
    let mut digits = 0;
    let mut decimals: Option<usize> = None;
    for b in numeral.bytes() {
        match b {
            b'0'..=b'9' => {
                mantissa = mantissa * 10 + u64::from(b - b'0');
                digits += 1;
                if let Some(d) = decimals.as_mut() {
                    *d += 1;
                }
            }
            b'.' if decimals.is_none() => decimals = Some(0),
            _ => return None,
        }
        if digits > MOST_DIGITS {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    // Whole numbers below 2^53 convert exactly.
    let mantissa = mantissa as f64;
    Some(match decimals {
        None | Some(0) => mantissa,
        Some(d) => mantissa / POWERS_OF_TEN[d],
    })
}

/// 10^0..10^22, each exact in f64.
const POWERS_OF_TEN: [f64; 23] = [
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16,
    1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
];

pub(super) fn times_exact(v: f64, s: f64) -> f64 {
    // Most numbers carry no scale: v × 1 is v, and so is the parse of v's shortest text.
    if s == 1.0 {
        return v;
    }
    // The scales of words are these powers of ten, whose exponent needs no logarithm, and
    // which are their own `10f64.powi(exp)` (exact in f64, as a test checks).
    let (exp, power) = match s {
        1e3 => (3.0, 1e3),
        1e6 => (6.0, 1e6),
        1e9 => (9.0, 1e9),
        1e12 => (12.0, 1e12),
        _ => {
            let exp = s.log10().round();
            (exp, 10f64.powi(exp as i32))
        }
    };
    if s > 0.0 && (power - s).abs() <= s * 1e-12 && v.is_finite() {
        // A whole number below 2^53 is written exactly, and 10^0..10^22 are exact in f64:
        // the product and the parse then round the same real number ("5 billion"). (Below
        // 2^53 a value is whole when it converts to an integer and back unchanged, with no
        // call to `trunc` as `fract` makes.)
        let whole = v.abs() < 2f64.powi(53) && (v as i64) as f64 == v;
        if whole && (0.0..=22.0).contains(&exp) && s == power {
            return v * s;
        }
        if let Some(x) = scaled_short_decimal(v, exp as i32) {
            return x;
        }
        if let Some(x) = scaled_by_text(v, exp as i32) {
            return x;
        }
    }
    v * s
}

/// The parse of `v`'s shortest text with `e{exp}` appended, by formatting and parsing.
fn scaled_by_text(v: f64, exp: i32) -> Option<f64> {
    format!("{v}e{exp}").parse::<f64>().ok()
}

/// `scaled_by_text` without text, when `v` is a decimal of at most 15 significant digits
/// ("5.6"): two such decimals never round to the same f64, so the first `m / 10^k` that gives
/// `v` back is the value of its shortest text; `m × 10^(exp − k)` is then one operation on
/// exact operands (m below 2^53, powers of ten up to 10^22), rounded as the parse rounds it.
fn scaled_short_decimal(v: f64, exp: i32) -> Option<f64> {
    let (mantissa, decimals) = (0..=15).find_map(|k| {
        let m = (v * POWERS_OF_TEN[k]).round();
        if m.abs() >= 1e15 {
            return Some(None);
        }
        (m / POWERS_OF_TEN[k] == v).then_some(Some((m, k as i32)))
    })??;
    let e = exp - decimals;
    match usize::try_from(e.unsigned_abs()).ok()? {
        p if p >= POWERS_OF_TEN.len() => None,
        p if e >= 0 => Some(mantissa * POWERS_OF_TEN[p]),
        p => Some(mantissa / POWERS_OF_TEN[p]),
    }
}

fn is_scale_word(w: &str) -> bool {
    matches!(
        w,
        "thousand" | "million" | "billion" | "trillion" | "lakh" | "crore"
    )
}

/// The words of `is_dozen` (a test checks they are the same).
const DOZEN_WORDS: [&str; 6] = ["dozen", "dozens", "dz", "dzs", "doz", "dozs"];

fn is_dozen(w: &str) -> bool {
    matches!(w, "dozen" | "dozens" | "dz" | "dzs" | "doz" | "dozs")
}

/// Words after a fraction that keep "a third", "three quarters" a fraction, not an ordinal or
/// a count of fiscal quarters.
fn fraction_follow_ok(next: &str, next_is_word: bool, quarter: bool) -> bool {
    if next == "of" || is_scale_word(next) {
        return true;
    }
    !quarter && !next_is_word
}

impl Parser<'_> {
    fn lower_is(&self, k: usize, w: &str) -> bool {
        self.is_word(k) && self.bytes(k).eq_ignore_ascii_case(w.as_bytes())
    }

    /// A digits token's value, precision, significant digits and whether it is an integer.
    fn digits_value(&self, k: usize) -> Option<(f64, f64, u32, bool)> {
        let raw = self.s(k);
        plain_digits_value(raw.as_bytes()).or_else(|| digits_value_of(raw))
    }
}

/// `Parser::digits_value` of a token's text, for any numeral: a vulgar fraction, separators,
/// an exponent.
fn digits_value_of(raw: &str) -> Option<(f64, f64, u32, bool)> {
    if let Some(c) = raw.chars().next()
        && let Some(v) = vulgar_fraction(c)
    {
        return Some((v, 0.25, 1, false));
    }
    let (mantissa, exponent) = match raw.bytes().position(|b| b == b'e' || b == b'E') {
        Some(p) => (&raw[..p], raw[p + 1..].parse::<i32>().ok()?),
        None => (raw, 0),
    };
    // Separators out ("2,048", "2 048"); most numbers have none.
    let cleaned: std::borrow::Cow<str> =
        if mantissa.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
            mantissa.into()
        } else {
            mantissa
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect::<String>()
                .into()
        };
    let value = match decimal_value(&cleaned) {
        Some(value) => value,
        None => cleaned.parse().ok()?,
    };
    let (precision, sig) = precision_of(&cleaned);
    let integer = !cleaned.as_bytes().contains(&b'.') && exponent >= 0;
    // Most numbers have no exponent: x × 10^0 is x.
    if exponent == 0 {
        return Some((value, precision, sig, integer));
    }
    let scale = 10f64.powi(exponent);
    Some((value * scale, precision * scale, sig, integer))
}

/// `digits_value_of` in one pass over the bytes, for the common numeral: ASCII digits with at
/// most one '.' and any ',' (thousands separators, which `digits_value_of` drops), at most 15
/// digits, no other separator nor exponent. `None` for any other numeral.
fn plain_digits_value(raw: &[u8]) -> Option<(f64, f64, u32, bool)> {
    const MOST_DIGITS: usize = 15;
    let mut mantissa: u64 = 0;
    let mut digits = 0usize;
    // Digits before the '.', once one is read.
    let mut dot: Option<usize> = None;
    for &b in raw {
        let digit = b.wrapping_sub(b'0');
        if digit < 10 {
            if digits == MOST_DIGITS {
                return None;
            }
            mantissa = mantissa * 10 + u64::from(digit);
            digits += 1;
        } else if b == b'.' && dot.is_none() {
            dot = Some(digits);
        } else if b != b',' {
            return None;
        }
    }
    if digits == 0 {
        return None;
    }
    let frac_len = digits - dot.unwrap_or(digits);
    // Whole numbers below 2^53 convert exactly; one division rounds the decimal as a parse does.
    let value = if frac_len == 0 {
        mantissa as f64
    } else {
        mantissa as f64 / POWERS_OF_TEN[frac_len]
    };
    // The significant digits are the mantissa's: leading zeros, of the integer part or of the
    // fraction after a zero integer part, are not. (10^-k is `powi(-k)` bit for bit: powi
    // divides one by the exact power.)
    let significant = mantissa.checked_ilog10().map_or(0, |log| log + 1);
    let (precision, sig) = if frac_len > 0 {
        (1.0 / POWERS_OF_TEN[frac_len], significant.max(1))
    } else if mantissa == 0 {
        (1.0, 1)
    } else {
        // Nor are the zeros that end a whole number: they give its precision.
        let mut trailing_zeros = 0;
        let mut rest = mantissa;
        while rest.is_multiple_of(10) {
            rest /= 10;
            trailing_zeros += 1;
        }
        (
            POWERS_OF_TEN[trailing_zeros],
            significant - trailing_zeros as u32,
        )
    };
    Some((value, precision, sig, dot.is_none()))
}

impl Parser<'_> {
    /// A number word below a hundred at `k`, also "twenty one" and "fifty - two": value, end,
    /// words.
    fn below_hundred(&self, k: usize) -> Option<(f64, usize, u32)> {
        if !self.is_word(k) {
            return None;
        }
        let w = self.lower(k);
        if let Some(t) = lexicon::tens_word(&w) {
            if self.is_word(k + 1)
                && !self.newline_before(k + 1)
                && let Some(u) = lexicon::unit_word(&self.lower(k + 1))
                && u > 0
                && self
                    .denominator_at(k + 2)
                    .is_none_or(|(_, plural, _)| plural)
            {
                return Some((f64::from(t + u), k + 2, 2));
            }
            if (self.is_punct(k + 1, "-") || self.is_punct(k + 1, "‑"))
                && !self.attached(k + 1)
                && self.is_word(k + 2)
                && let Some(u) = lexicon::unit_word(&self.lower(k + 2))
                && u > 0
            {
                return Some((f64::from(t + u), k + 3, 2));
            }
            return Some((f64::from(t), k + 1, 1));
        }
        lexicon::number_word(&w).map(|v| (f64::from(v), k + 1, 1))
    }

    /// A group at `k`.
    fn group(&self, k: usize) -> Option<Group> {
        let mut g = Group {
            value: 0.0,
            end: k,
            words: 0,
            hundred: false,
            digits: None,
            article: false,
            dozen: false,
        };
        if self.is_num(k) {
            let (v, p, sig, integer) = self.digits_value(k)?;
            g.value = v;
            g.end = k + 1;
            g.digits = Some((p, sig, integer));
            // "2½", "2 1/4"
            if integer && let Some((f, e)) = self.vulgar_after(k + 1) {
                g.value += f;
                g.end = e;
                g.digits = Some((0.25, 1, false));
                return Some(g);
            }
            if self.lower_is(k + 1, "hundred") && !self.attached(k + 1) {
                g.value *= 100.0;
                g.hundred = true;
                g.end = k + 2;
                g.words += 1;
                self.hundred_tail(&mut g);
            }
            self.dozen_tail(&mut g, k);
            return Some(g);
        }
        if !self.is_word(k) {
            return None;
        }
        let w = self.lower(k);
        if w == "a" || w == "an" {
            let n = self.lower(k + 1);
            if !(n == "hundred" || is_scale_word(&n) || is_dozen(&n)) || !self.is_word(k + 1) {
                return None;
            }
            g.value = 1.0;
            g.end = k + 1;
            g.article = true;
        } else if w == "hundred" {
            if !is_scale_word(&self.lower(k + 1)) {
                return None;
            }
            g.value = 100.0;
            g.end = k + 1;
            g.words = 1;
            g.hundred = true;
            return Some(g);
        } else {
            let (v, e, n) = self.below_hundred(k)?;
            g.value = v;
            g.end = e;
            g.words = n;
        }
        if self.lower_is(g.end, "hundred") && g.value >= 1.0 && g.value < 100.0 {
            g.value *= 100.0;
            g.hundred = true;
            g.end += 1;
            g.words += 1;
            self.hundred_tail(&mut g);
        }
        self.dozen_tail(&mut g, k);
        Some(g)
    }

    /// "½" glued to a whole number, or " 1/4" after it: the fraction and the end.
    fn vulgar_after(&self, k: usize) -> Option<(f64, usize)> {
        if self.is_num(k)
            && self.attached(k)
            && let Some(v) = self.s(k).chars().next().and_then(vulgar_fraction)
        {
            return Some((v, k + 1));
        }
        if self.is_num(k)
            && !self.attached(k)
            && self.is_punct(k + 1, "/")
            && self.attached(k + 1)
            && self.is_num(k + 2)
            && self.attached(k + 2)
            && !(self.is_punct(k + 3, "/") && self.attached(k + 3))
        {
            let (a, _, _, ai) = self.digits_value(k)?;
            let (b, _, _, bi) = self.digits_value(k + 2)?;
            if ai && bi && a >= 1.0 && a < b && b <= 64.0 {
                return Some((a / b, k + 3));
            }
        }
        None
    }

    /// After "hundred": `[and] twenty-one` or `[and] 21`; not a mixed fraction's numerator
    /// ("one hundred and three quarters") nor another number ("3 hundred and 2 hundred").
    fn hundred_tail(&self, g: &mut Group) {
        let mut k = g.end;
        let and = self.lower_is(k, "and");
        if and {
            k += 1;
        }
        if let Some((v, e, n)) = self.below_hundred(k) {
            let mixed = and && n == 1 && v < 10.0 && self.denominator_at(e).is_some();
            if mixed || self.lower_is(e, "hundred") {
                return;
            }
            g.value += v;
            g.end = e;
            g.words += n;
        } else if self.is_num(k)
            && !self.lower_is(k + 1, "hundred")
            && self.scale_at(k + 1, true).is_none()
            && let Some((v, _, _, true)) = self.digits_value(k)
            && (1.0..100.0).contains(&v)
        {
            g.value += v;
            g.end = k + 1;
        }
    }

    /// "three dozen", "a dozen", "three hundred and two dozens": the part after the hundreds
    /// counts in dozens.
    fn dozen_tail(&self, g: &mut Group, head: usize) {
        // Every dozen word starts with a 'd', and no non-ASCII character lower-cases to one:
        // most words are ruled out before being lower-cased.
        let dozen = self.is_word(g.end)
            && self.bytes(g.end).first().is_some_and(|b| b | 0x20 == b'd')
            && is_dozen(&self.lower(g.end));
        if !dozen {
            return;
        }
        let hundreds = if g.hundred {
            (g.value / 100.0).floor() * 100.0
        } else {
            0.0
        };
        let tail = g.value - hundreds;
        if tail <= 0.0 || g.end == head && !g.article {
            return;
        }
        g.value = hundreds + tail * 12.0;
        g.end += 1;
        g.words += 1;
        g.dozen = true;
    }

    /// A scale at `k`: a word ("million", "lakh"), or after a digits token an abbreviation
    /// ("bn", "mn") or a suffix ("5.6M", "16K", "2.33 k").
    pub(super) fn scale_at(&self, k: usize, after_digits: bool) -> Option<f64> {
        if !self.is_word(k) {
            return None;
        }
        // Most words are ruled out by their shape before being lower-cased; a non-ASCII word
        // may still lower-case to a scale ("la\u{212A}h", with a Kelvin sign).
        let bytes = self.bytes(k);
        let ascii = bytes.is_ascii();
        if ascii && !lexicon::SCALE_SHAPES.may_hold(bytes) {
            return None;
        }
        let w = self.s(k);
        let lower = lexicon::lower(w);
        // The values `lexicon::scale_of` gives the scale words.
        match &*lower {
            "thousand" => return Some(1e3),
            "million" => return Some(1e6),
            "billion" => return Some(1e9),
            "trillion" => return Some(1e12),
            "lakh" => return Some(1e5),
            "crore" => return Some(1e7),
            _ => {}
        }
        // The other scales are ASCII (`scale_of` knows no other word), of a scale's shape
        // when here.
        if !after_digits || !ascii {
            return None;
        }
        let glued = self.attached(k);
        if glued {
            return lexicon::scale_of_shaped(w, &lower, true);
        }
        let lone_letter = w.len() == 1;
        if !lone_letter {
            return lexicon::scale_of_shaped(w, &lower, false);
        }
        // A lone letter after a space: K, M, B, T or k, unless it starts a name ("5 M Street").
        let value = match w {
            "K" | "k" => 1e3,
            "M" => 1e6,
            "B" => 1e9,
            "T" => 1e12,
            _ => return None,
        };
        let next_capital =
            self.is_word(k + 1) && self.s(k + 1).chars().next().is_some_and(char::is_uppercase);
        let next_joins = [".", "&", "-", "'", "’"]
            .iter()
            .any(|p| self.is_punct(k + 1, p) && self.attached(k + 1));
        if next_capital || next_joins {
            return None;
        }
        Some(value)
    }

    fn cardinal(&self, k: usize) -> Option<Cardinal> {
        let head = self.group(k)?;
        let mut c = Cardinal {
            value: 0.0,
            end: head.end,
            words: head.words,
            end_scale: 1.0,
            scale_seen: false,
            head,
            head_only: true,
        };
        let mut total = 0.0;
        let mut group = head.value;
        let mut last_scale = f64::INFINITY;
        // A phrase has at most one group per scale, so this loop runs a bounded number of times.
        for _ in 0..8 {
            let after_digits = c.head_only
                && head.digits.is_some()
                && !head.hundred
                && !head.dozen
                && c.end == k + 1;
            if let Some(sc) = self.scale_at(c.end, after_digits) {
                if c.scale_seen && group == 0.0 && sc > last_scale {
                    // "three lakh crore"
                    total *= sc;
                    last_scale *= sc;
                } else if sc < last_scale {
                    total += times_exact(group, sc);
                    last_scale = sc;
                } else {
                    break;
                }
                group = 0.0;
                // A scale word counts as a word; a suffix ("5.6M") does not.
                c.words += u32::from(is_scale_word(&self.lower(c.end)));
                c.end += 1;
                c.end_scale = sc;
                c.scale_seen = true;
                c.head_only = false;
                continue;
            }
            if c.scale_seen && group == 0.0 {
                let mut j = c.end;
                let and = self.lower_is(j, "and");
                if and {
                    j += 1;
                }
                let Some(next) = self.group(j) else { break };
                if next.article {
                    break;
                }
                let smaller = self
                    .scale_at(next.end, false)
                    .is_some_and(|s| s < last_scale);
                let ends_here = !self.is_word(next.end) && !self.is_num(next.end);
                let ok = if next.digits.is_some() {
                    smaller || next.hundred
                } else {
                    smaller || next.hundred || (and && ends_here)
                };
                if !ok {
                    break;
                }
                group = next.value;
                c.end = next.end;
                c.words += next.words;
                c.end_scale = 1.0;
                continue;
            }
            break;
        }
        c.value = total + group;
        Some(c)
    }

    /// A fraction's denominator at `k`, also after a hyphen ("one-eighth", "one - fourth"):
    /// the denominator, whether plural, and the end.
    pub(super) fn denominator_at(&self, k: usize) -> Option<(f64, bool, usize)> {
        let k = if (self.is_punct(k, "-") || self.is_punct(k, "‑")) && self.is_word(k + 1) {
            k + 1
        } else {
            k
        };
        if !self.is_word(k) {
            return None;
        }
        let (d, plural) = lexicon::denominator(self.s(k))?;
        Some((d, plural, k + 1))
    }

    /// A scale after a fraction: "million", "of a million".
    fn scale_after_fraction(&self, k: usize) -> Option<(f64, usize)> {
        if let Some(s) = self.scale_at(k, false) {
            return Some((s, k + 1));
        }
        if self.lower_is(k, "of")
            && (self.lower_is(k + 1, "a") || self.lower_is(k + 1, "an"))
            && let Some(s) = self.scale_at(k + 2, false)
        {
            return Some((s, k + 3));
        }
        None
    }

    /// A fraction's numerator and denominator at `k` after "and": "a half", "one half",
    /// "three quarters", "fifty-four hundredths". The value and the end.
    fn mixed_fraction(&self, k: usize) -> Option<(f64, f64, usize)> {
        let (num, e) = if self.lower_is(k, "a") || self.lower_is(k, "an") {
            (1.0, k + 1)
        } else {
            let (v, e, _) = self.below_hundred(k)?;
            (v, e)
        };
        let (d, plural, end) = self.denominator_at(e)?;
        if plural == (num == 1.0) || num <= 0.0 {
            return None;
        }
        Some((num / d, d, end))
    }

    /// The number starting at token `k`, if one does.
    pub(super) fn number_at(&self, k: usize) -> Option<RawNumber> {
        // Most numbers are a digits token that the next token cannot continue ("5%", "2,048
        // GPUs"): read without trying each longer form.
        if self.is_num(k) && !self.may_continue_digits(k + 1) {
            return self.digits_alone(k);
        }
        self.number_at_general(k)
    }

    /// False when the token at `j`, after a digits token, surely continues no number there:
    /// no fraction, hundred, dozen, scale, power or "and" ("2½", "3 hundred", "5 dozen",
    /// "5.6M", "1.3x10^6", "2 and a half"), which `number_at_general` would read.
    fn may_continue_digits(&self, j: usize) -> bool {
        let Some(t) = self.t(j) else {
            return false;
        };
        match t.kind {
            TokKind::Num => true,
            TokKind::Opaque => false,
            TokKind::Punct => matches!(self.s(j), "^" | "×"),
            TokKind::Word => {
                let w = self.bytes(j);
                // Lower-casing a non-ASCII word is left to the general reading.
                !w.is_ascii()
                    || matches!(w, b"x" | b"X" | b"x10" | b"X10")
                    || w.eq_ignore_ascii_case(b"hundred")
                    || w.eq_ignore_ascii_case(b"and")
                    || (w.first().is_some_and(|b| b | 0x20 == b'd')
                        && DOZEN_WORDS
                            .iter()
                            .any(|d| w.eq_ignore_ascii_case(d.as_bytes())))
                    || self.scale_at(j, true).is_some()
            }
        }
    }

    /// The number of a digits token alone: what `number_at_general` reads when the next token
    /// continues nothing (`may_continue_digits` is false).
    fn digits_alone(&self, k: usize) -> Option<RawNumber> {
        let (value, precision, significant_digits, _) = self.digits_value(k)?;
        Some(RawNumber {
            start: k,
            end: k + 1,
            value,
            precision,
            significant_digits,
            scale: 1.0,
            scale_word: false,
            in_words: false,
            words: 0,
            fraction: false,
            digits_only: true,
            multiplier: false,
        })
    }

    /// `number_at` trying every form: the oracle for its fast path.
    fn number_at_general(&self, k: usize) -> Option<RawNumber> {
        if self.is_word(k) {
            let w = self.lower(k);
            if let Some(n) = self.special_start(k, &w) {
                return Some(n);
            }
        } else if !self.is_num(k) {
            return None;
        }
        let card = self.cardinal(k)?;
        let head = card.head;
        let mut n = RawNumber::new(k, card.end, card.value);
        n.words = card.words;
        n.in_words = head.digits.is_none();
        n.scale_word = card.scale_seen;
        n.scale = card.end_scale;
        if let Some((p, sig, _)) = head.digits
            && !head.hundred
            && !head.dozen
            && (card.head_only || card.end == k + 2)
            && (card.head_only || card.scale_seen)
        {
            n.precision = times_exact(p, card.end_scale);
            n.significant_digits = sig;
            n.digits_only = true;
        } else {
            n = n.words_precision();
        }
        let j = card.end;
        if n.digits_only
            && card.head_only
            && let Some((v, e)) = self.power_after(j, card.value)
        {
            n.value = v;
            n.end = e;
            n.precision = v.abs() * 1e-3;
            n.significant_digits = 3;
            n.digits_only = false;
            return Some(n);
        }
        // Decimals in words: "five point five", "two hundred point zero three".
        if n.in_words
            && !card.scale_seen
            && !head.article
            && self.lower_is(j, "point")
            && let Some((frac, digits, e)) = self.decimal_words(j + 1)
        {
            n.value = card.value + frac;
            n.end = e;
            n.precision = 10f64.powi(-(digits as i32));
            n.significant_digits = precision_of(&format!("{}", n.value)).1;
            n.words += digits;
            if let Some(sc) = self.scale_at(e, false) {
                n.value = times_exact(n.value, sc);
                n.precision = times_exact(n.precision, sc);
                n.scale = sc;
                n.scale_word = true;
                n.end = e + 1;
            }
            return Some(n);
        }
        // A fraction: "two thirds", "one-eighth", "a hundred trillionths", "five eighths".
        if n.in_words
            && let Some((d, plural, e)) = self.denominator_at(j)
        {
            let one = card.value == 1.0;
            let quarter = d == 4.0 && lexicon::lower(self.s(e - 1)).starts_with("quarter");
            let follow_ok =
                fraction_follow_ok(&self.lower(e), self.is_word(e), quarter) || plural && !quarter;
            if plural != one && follow_ok && card.value > 0.0 {
                let value = card.value / d;
                let (scale, end) = self.scale_after_fraction(e).unwrap_or((1.0, e));
                let mut f = RawNumber::fraction(k, end, times_exact(value, scale), d, scale);
                f.words = card.words + 1;
                return Some(f);
            }
            if !plural && !one {
                // "two millionth": an ordinal, not a fraction; the number stops before it.
                return Some(n);
            }
        }
        // A mixed number: "one and a half", "3 million and a quarter", "two and a half billion".
        if self.lower_is(j, "and")
            && let Some((f, d, e)) = self.mixed_fraction(j + 1)
        {
            let after = self.scale_after_fraction(e);
            let ended_on_scale = card.scale_seen && card.end_scale > 1.0;
            let (value, scale, end) = match (after, ended_on_scale) {
                (Some((s, end)), true) => (card.value + f * s, s, end),
                (Some((s, end)), false) => ((card.value + f) * s, s, end),
                (None, true) => (card.value + f * card.end_scale, card.end_scale, e),
                (None, false) => (card.value + f, 1.0, e),
            };
            let mut m = RawNumber::fraction(k, end, value, d, scale);
            m.in_words = n.in_words;
            m.words = card.words + 2;
            m.significant_digits = if scale > 1.0 { 2 } else { 3 };
            return Some(m);
        }
        Some(n)
    }

    /// "1.1^23", "2.5^-1", "1.3x10^6", "6.23 × 10^-4": the value and the end.
    fn power_after(&self, j: usize, base: f64) -> Option<(f64, usize)> {
        let exponent_at = |mut e: usize| -> Option<(f64, usize)> {
            if !(self.is_punct(e, "^") && self.attached(e)) {
                return None;
            }
            e += 1;
            let mut negative = false;
            for _ in 0..2 {
                if (self.is_punct(e, "-") || self.is_punct(e, "−") || self.is_punct(e, "+"))
                    && self.attached(e)
                {
                    negative ^= !self.is_punct(e, "+");
                    e += 1;
                }
            }
            if !(self.is_num(e) && self.attached(e)) {
                return None;
            }
            let (x, _, _, _) = self.digits_value(e)?;
            Some((if negative { -x } else { x }, e + 1))
        };
        // "1.3x10^6": the tokenizer reads "x10" as a word.
        let times_ten = (self.is_word(j) && matches!(self.s(j), "x10" | "X10") && self.attached(j))
            .then_some(j + 1)
            .or_else(|| {
                let x =
                    self.is_punct(j, "×") || (self.is_word(j) && matches!(self.s(j), "x" | "X"));
                (x && self.is_num(j + 1) && self.is_text(j + 1, "10")).then_some(j + 2)
            });
        if let Some(e) = times_ten
            && let Some((x, end)) = exponent_at(e)
        {
            return Some((base * 10f64.powf(x), end));
        }
        let (x, end) = exponent_at(j)?;
        let v = base.powf(x);
        v.is_finite().then_some((v, end))
    }

    /// Digits in words after "point": "zero three" → (0.03, 2), "seventy-one" → (0.71, 2).
    fn decimal_words(&self, mut k: usize) -> Option<(f64, u32, usize)> {
        let mut digits = String::new();
        while self.is_word(k) && digits.len() < 12 {
            let w = self.lower(k);
            if let Some(u) = lexicon::unit_word(&w) {
                digits.push_str(&u.to_string());
            } else if let Some(t) = lexicon::teen_word(&w) {
                digits.push_str(&t.to_string());
            } else if let Some(t) = lexicon::tens_word(&w) {
                digits.push_str(&(t / 10).to_string());
            } else if let Some(v) = lexicon::number_word(&w) {
                digits.push_str(&v.to_string());
            } else {
                break;
            }
            k += 1;
        }
        if digits.is_empty() {
            return None;
        }
        let v: f64 = format!("0.{digits}").parse().ok()?;
        Some((v, digits.len() as u32, k))
    }

    /// Numbers that start with a word other than a cardinal: "half a million", "quarter
    /// million", "a third", "tenfold", "twice as".
    fn special_start(&self, k: usize, w: &str) -> Option<RawNumber> {
        match w {
            "half" | "quarter" => {
                let f = if w == "half" { 0.5 } else { 0.25 };
                let mut j = k + 1;
                if w == "half"
                    && (self.lower_is(j, "a") || self.lower_is(j, "an"))
                    && (self.scale_at(j + 1, false).is_some() || is_dozen(&self.lower(j + 1)))
                {
                    j += 1;
                }
                if let Some(sc) = self.scale_at(j, false) {
                    return Some(RawNumber::fraction(k, j + 1, f * sc, 1.0 / f, sc));
                }
                if is_dozen(&self.lower(j)) && self.is_word(j) {
                    let mut n = RawNumber::fraction(k, j + 1, f * 12.0, 1.0 / f, 1.0);
                    n.precision = 1.0;
                    return Some(n);
                }
                if w == "half" {
                    return Some(RawNumber::fraction(k, k + 1, 0.5, 2.0, 1.0));
                }
                None
            }
            "a" | "an" => {
                let (d, plural, e) = self.denominator_at(k + 1)?;
                if plural || self.is_punct(k + 1, "-") {
                    // "a hundred trillionths" goes through the cardinal reader.
                    return None;
                }
                let quarter = d == 4.0 && self.lower(e - 1).starts_with("quarter");
                if d != 2.0 && !fraction_follow_ok(&self.lower(e), self.is_word(e), quarter) {
                    return None;
                }
                let (scale, end) = self.scale_after_fraction(e).unwrap_or((1.0, e));
                Some(RawNumber::fraction(k, end, scale / d, d, scale))
            }
            "twice" => {
                let next = self.lower(k + 1);
                let comparative = matches!(
                    &*next,
                    "as" | "the" | "that" | "what" | "more" | "less" | "fewer"
                ) || (next.ends_with("er") && next.len() > 3);
                if !comparative {
                    return None;
                }
                let mut n = RawNumber::new(k, k + 1, 2.0).words_precision();
                n.multiplier = true;
                Some(n)
            }
            _ => {
                let v = lexicon::fold_word(w)?;
                let mut n = RawNumber::new(k, k + 1, v).words_precision();
                n.multiplier = true;
                n.words = 1;
                Some(n)
            }
        }
    }

    fn newline_before(&self, k: usize) -> bool {
        self.t(k).is_some_and(|t| t.newline_before)
    }
}

/// Whether a token kind can start a number.
pub(super) fn may_start(kind: TokKind) -> bool {
    matches!(kind, TokKind::Num | TokKind::Word)
}

#[cfg(test)]
mod tests {
    use super::{
        DOZEN_WORDS, Parser, decimal_value, digits_value_of, format_integer, is_dozen,
        is_scale_word, plain_digits_value, precision_of, scaled_by_text, scaled_short_decimal,
        times_exact, words_precision_of,
    };

    #[test]
    fn scale_words_have_the_values_of_scale_of() {
        let text = "thousand million billion trillion lakh crore Million LAKH";
        let mut toks = super::super::token::TokenList::default();
        super::super::token::tokenize(text, 0, text.len(), &mut toks);
        let toks = toks.tokens;
        let parser = Parser::new(text, &toks, &[]);
        for k in 0..toks.len() {
            let word = parser.s(k);
            assert!(is_scale_word(&word.to_lowercase()), "{word}");
            let expected = super::lexicon::scale_of(&word.to_lowercase(), false);
            assert_eq!(parser.scale_at(k, false), expected, "{word}");
            assert_eq!(parser.scale_at(k, true), expected, "{word}");
        }
    }

    #[test]
    fn dozen_words_are_the_dozen_words() {
        for w in DOZEN_WORDS {
            assert!(is_dozen(w), "{w}");
        }
        for w in ["dozenth", "dozes", "d", "do", "Dozen"] {
            assert!(!is_dozen(w), "{w}");
        }
    }

    /// Pieces after and around digits that reach every longer form of a number.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[0-9]{1,4}([.,][0-9]{1,3})?",
            "[a-z]{1,6}",
            Just("hundred".to_string()),
            Just("Hundred".to_string()),
            Just("and".to_string()),
            Just("AND".to_string()),
            Just("a".to_string()),
            Just("half".to_string()),
            Just("quarter".to_string()),
            Just("third".to_string()),
            Just("thirds".to_string()),
            Just("dozen".to_string()),
            Just("Dozens".to_string()),
            Just("dz".to_string()),
            Just("million".to_string()),
            Just("Billion".to_string()),
            Just("bn".to_string()),
            Just("mil".to_string()),
            Just("MM".to_string()),
            Just("lakh".to_string()),
            Just("crore".to_string()),
            Just("M".to_string()),
            Just("k".to_string()),
            Just("K".to_string()),
            Just("B".to_string()),
            Just("T".to_string()),
            Just("x".to_string()),
            Just("X10".to_string()),
            Just("x10".to_string()),
            Just("10".to_string()),
            Just("^".to_string()),
            Just("×".to_string()),
            Just("-".to_string()),
            Just("/".to_string()),
            Just("½".to_string()),
            Just("1/4".to_string()),
            Just("3e5".to_string()),
            Just("point".to_string()),
            Just("five".to_string()),
            Just("twenty".to_string()),
            Just("\u{212A}".to_string()),
            Just("Street".to_string()),
            Just("%".to_string()),
            Just(".".to_string()),
        ]
    }

    fn gap() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            3 => Just(" ".to_string()),
            2 => Just("".to_string()),
            1 => Just("\n".to_string()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// The fast path of `number_at` reads what the general reading reads, at every token.
        #[test]
        fn number_at_matches_the_general_reading(
            parts in proptest::collection::vec((piece(), gap()), 1..10),
        ) {
            let text: String = parts.iter().map(|(p, g)| format!("{p}{g}")).collect();
            let mut toks = super::super::token::TokenList::default();
            super::super::token::tokenize(&text, 0, text.len(), &mut toks);
            let toks = toks.tokens;
            let parser = Parser::new(&text, &toks, &[]);
            for k in 0..toks.len() {
                let fast = format!("{:?}", parser.number_at(k));
                let general = format!("{:?}", parser.number_at_general(k));
                proptest::prop_assert_eq!(fast, general, "{} at {}", text, k);
            }
        }
    }

    proptest::proptest! {
        /// The precision of a whole number read from its digits is that of its written text.
        #[test]
        fn words_precision_matches_the_text(
            value in proptest::prop_oneof![
                0u64..1_000_000,
                proptest::strategy::Strategy::prop_map((1u64..100_000, 0u32..12), |(m, e)| m * 10u64.pow(e)),
                0u64..2_000_000_000_000_000,
            ],
            half in proptest::bool::ANY,
        ) {
            let value = value as f64 + if half { 0.5 } else { 0.0 };
            let (p, s) = words_precision_of(value);
            let (tp, ts) = precision_of(&format_integer(value));
            proptest::prop_assert_eq!((p.to_bits(), s), (tp.to_bits(), ts));
        }
    }

    proptest::proptest! {
        /// The one-pass reading of a plain numeral gives what the general reading gives, bit for
        /// bit, and declines only numerals it does not cover.
        #[test]
        fn plain_digits_value_matches_the_general_reading(
            raw in "[0-9.]{0,18}|[0-9,e½]{1,6}|[0-9,.]{0,20}",
        ) {
            let general = digits_value_of(&raw).map(|(v, p, s, i)| (v.to_bits(), p.to_bits(), s, i));
            let plain = plain_digits_value(raw.as_bytes());
            if let Some((v, p, s, i)) = plain {
                proptest::prop_assert_eq!(Some((v.to_bits(), p.to_bits(), s, i)), general);
            }
            let plain_shape = raw.bytes().all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
                && raw.bytes().filter(|&b| b == b'.').count() <= 1
                && (1..=15).contains(&raw.bytes().filter(u8::is_ascii_digit).count());
            proptest::prop_assert_eq!(plain.is_some(), plain_shape);
        }
    }

    /// Scaling a decimal without text gives the value of scaling its text, bit for bit.
    #[test]
    fn scaled_short_decimal_is_the_parse_of_the_text() {
        let mut seed: u64 = 0x2545_F491_4F6C_DD1D;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        let mut taken = 0;
        for round in 0..400_000 {
            let r = next();
            let digits = (r % 17 + 1) as usize;
            let mut text: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (r >> 8) as usize % (digits + 1);
            text.insert(point, '.');
            let mut v: f64 = text.parse().unwrap();
            if round % 4 == 0 {
                // Any f64 at all, some of them no short decimal.
                v = f64::from_bits(next() >> 2);
            }
            if round % 7 == 0 {
                v = -v;
            }
            for exp in [-2, 1, 2, 3, 5, 6, 7, 9, 12, 15] {
                if let Some(x) = scaled_short_decimal(v, exp) {
                    taken += 1;
                    let by_text = scaled_by_text(v, exp).unwrap();
                    assert_eq!(x.to_bits(), by_text.to_bits(), "{v:?} e{exp}");
                }
            }
        }
        assert!(taken > 2_000_000, "{taken}");
    }

    /// The exact value of digits is the parsed value, bit for bit.
    #[test]
    fn decimal_value_is_the_parse() {
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..1_000_000 {
            let r = next();
            let digits = (r % 15 + 1) as usize;
            let mut text: String = (0..digits)
                .map(|_| char::from(b'0' + (next() % 10) as u8))
                .collect();
            let point = (r >> 8) as usize % (digits + 2);
            if point <= digits {
                text.insert(point, '.');
            }
            let parsed: f64 = text.parse().unwrap();
            let exact = decimal_value(&text).unwrap();
            assert_eq!(exact.to_bits(), parsed.to_bits(), "{text}");
        }
        for text in [
            "0",
            "5.",
            ".5",
            "5.6",
            "2048",
            "999999999999999",
            "0.00000000000001",
        ] {
            let parsed: f64 = text.parse().unwrap();
            assert_eq!(
                decimal_value(text).map(f64::to_bits),
                Some(parsed.to_bits())
            );
        }
        for text in ["", ".", "1.2.3", "1234567890123456", "1,000"] {
            assert_eq!(decimal_value(text), None, "{text}");
        }
    }

    /// `times_exact` as first written, with `powi` for every scale and `fract` for whole
    /// numbers: the oracle for its table of word scales and its integer test.
    fn times_exact_reference(v: f64, s: f64) -> f64 {
        if s == 1.0 {
            return v;
        }
        let exp = s.log10().round();
        let power = 10f64.powi(exp as i32);
        if s > 0.0 && (power - s).abs() <= s * 1e-12 && v.is_finite() {
            if v.fract() == 0.0
                && v.abs() < 2f64.powi(53)
                && (0.0..=22.0).contains(&exp)
                && s == power
            {
                return v * s;
            }
            if let Some(x) = scaled_short_decimal(v, exp as i32) {
                return x;
            }
            if let Some(x) = scaled_by_text(v, exp as i32) {
                return x;
            }
        }
        v * s
    }

    #[test]
    fn word_scales_are_their_powers_of_ten() {
        for (exp, s) in [(3, 1e3), (6, 1e6), (9, 1e9), (12, 1e12)] {
            assert_eq!(10f64.powi(exp).to_bits(), f64::to_bits(s));
            assert_eq!(f64::log10(s).round(), f64::from(exp));
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// Scaling by a word's scale or any other factor is bit for bit the reference.
        #[test]
        fn times_exact_matches_the_reference(
            mantissa in -1_000_000_000_000i64..1_000_000_000_000,
            decimals in 0u32..6,
            big in proptest::prelude::any::<f64>(),
            pick in 0usize..10,
            s in proptest::prelude::prop_oneof![
                proptest::sample::select(vec![1.0, 1e3, 1e6, 1e9, 1e12, 1e5, 1e7, 0.01, 1e-3, 100.0]),
                proptest::prelude::any::<f64>(),
            ],
        ) {
            // Whole numbers, short decimals, integers past 2^53, any f64.
            let v = match pick {
                0 => big,
                1 => mantissa as f64 * 1e6,
                2 => 2f64.powi(53) + mantissa as f64,
                _ => mantissa as f64 / 10f64.powi(decimals as i32),
            };
            let (fast, reference) = (times_exact(v, s), times_exact_reference(v, s));
            proptest::prop_assert!(
                fast.to_bits() == reference.to_bits() || fast.is_nan() && reference.is_nan(),
                "{v:?} × {s:?}: {fast:?}, not {reference:?}"
            );
        }
    }
}
