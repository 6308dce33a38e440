//! The claim parser: walks the tokens once and builds a `Claim` around each number.
//!
//! At each token that can start a number it reads the number (`number.rs`), rejects what is not
//! a claim (dates, times, ordinals, labels, names with digits), then looks a few tokens back for a
//! currency, a sign and a hedge, and a few tokens ahead for a range end, a unit, a counted noun
//! or a rate. It then resumes after the claim: no token is read twice except within that bounded
//! window.

use super::lexicon::{self, Hedge};
use super::number::{RawNumber, times_exact};
use super::token::{ASCII_ALNUM, TokKind, Token};
use super::{Amount, Claim, Kind, Number, Unit};
use crate::dataset::Direction;
use crate::document::Span;

pub struct Parser<'a> {
    text: &'a str,
    toks: &'a [Token],
    names: &'a [Span],
    /// Index of the first name that may still cover a token (names are sorted).
    name_cursor: usize,
    /// The token after the last claim: a claim's look-back (currency, sign, hedge) stops here,
    /// so claims never overlap.
    floor: usize,
}

/// A currency found next to an amount: its code, the first token it covers and a factor for
/// the value (cents are hundredths).
#[derive(Debug, Clone, Copy)]
struct Currency {
    code: &'static str,
    at: usize,
    factor: f64,
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str, toks: &'a [Token], names: &'a [Span]) -> Self {
        Parser {
            text,
            toks,
            names,
            name_cursor: 0,
            floor: 0,
        }
    }

    /// Appends the claims of the tokens to `out`. `starts` are the indices of the tokens that
    /// may start one (those with `may_start`, in order): the others are never looked at.
    pub fn claims_into(mut self, starts: impl Iterator<Item = usize>, out: &mut Vec<Claim>) {
        // The first token not yet read.
        let mut i = 0;
        for start in starts {
            // A start inside the last claim, or passed by with it.
            if start < i {
                continue;
            }
            i = start;
            let next = match self.claim_at(i) {
                Step::Claim(claim, next) => {
                    out.push(claim);
                    self.floor = next;
                    next
                }
                Step::Skip(next) => next,
            };
            i = next.max(i + 1);
        }
    }

    pub(super) fn t(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    pub(super) fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    /// The token's bytes: for comparisons, which need no check of character boundaries.
    pub(super) fn bytes(&self, i: usize) -> &'a [u8] {
        self.toks
            .get(i)
            .map_or(&[], |t| &self.text.as_bytes()[t.start..t.end])
    }

    /// Whether token `i` is the text `p`.
    pub(super) fn is_text(&self, i: usize, p: &str) -> bool {
        self.bytes(i) == p.as_bytes()
    }

    pub(super) fn is_word(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    pub(super) fn is_num(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == TokKind::Num)
    }

    pub(super) fn is_punct(&self, i: usize, p: &str) -> bool {
        self.t(i).is_some_and(|t| t.kind == TokKind::Punct) && self.is_text(i, p)
    }

    pub(super) fn attached(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.attached)
    }

    /// The token's text in lower case, borrowed when it already is (most words are).
    pub(super) fn lower(&self, i: usize) -> std::borrow::Cow<'a, str> {
        lexicon::lower(self.s(i))
    }

    /// Whether token `i` lies inside a dataset name.
    fn in_name(&mut self, i: usize) -> bool {
        let Some(tok) = self.t(i).copied() else {
            return false;
        };
        while self.name_cursor < self.names.len() && self.names[self.name_cursor].end <= tok.start {
            self.name_cursor += 1;
        }
        self.names[self.name_cursor..]
            .iter()
            .take_while(|n| n.start <= tok.start)
            .any(|n| n.end >= tok.end)
    }

    fn claim_at(&mut self, i: usize) -> Step {
        if self.bare_year_before_punctuation(i) {
            return Step::Skip(i + 1);
        }
        self.claim_at_in_full(i)
    }

    /// `claim_at` with no shortcut.
    fn claim_at_in_full(&mut self, i: usize) -> Step {
        let tok = self.toks[i];
        if !super::number::may_start(tok.kind) {
            return Step::Skip(i + 1);
        }
        // Cheap test first: most words cannot start a number.
        if tok.kind == TokKind::Word && !self.may_start_word(i) {
            return Step::Skip(i + 1);
        }
        let vague = if tok.kind == TokKind::Word {
            self.vague_start(i)
        } else {
            None
        };
        let number = if vague.is_none() && !self.is_vague_word(i) {
            self.number_at(i)
        } else {
            None
        };
        if vague.is_none() && number.is_none() {
            return Step::Skip(i + 1);
        }
        if self.in_name(i) {
            // Skip the whole name: "Llama 3.1 405B" is one name.
            let mut j = i + 1;
            while j < self.toks.len() && self.in_name(j) {
                j += 1;
            }
            return Step::Skip(j);
        }
        if let Some((low, high, end, money)) = vague {
            return self.finish_vague(i, low, high, end, money);
        }
        let Some(first) = number else {
            return Step::Skip(i + 1);
        };
        if let Some(skip_to) = self.not_a_claim(&first) {
            return Step::Skip(skip_to);
        }
        self.finish(first)
    }

    /// Whether the word at `i` is "several" or "few", which start a vague magnitude or
    /// nothing: never a number (`number_at` reads neither, as a test checks).
    fn is_vague_word(&self, i: usize) -> bool {
        let w = self.bytes(i);
        self.is_word(i) && (w.eq_ignore_ascii_case(b"several") || w.eq_ignore_ascii_case(b"few"))
    }

    /// Whether the word at `i` may start a number or a vague magnitude (a quick filter).
    fn may_start_word(&self, i: usize) -> bool {
        // Candidates are short words: lower-cased on the stack when need be.
        const LONGEST: usize = 24;
        let w = self.s(i);
        let bytes = w.as_bytes();
        // Most words are ASCII letters (and digits) alone: most are ruled out by their shape
        // before being lower-cased, and with no hyphen the others are a number word only as a
        // small number.
        // "a" and "an", the most common candidates, start a number only before a few words.
        if bytes.len() <= 2
            && (bytes.eq_ignore_ascii_case(b"a") || bytes.eq_ignore_ascii_case(b"an"))
        {
            return self.article_starts_number(i);
        }
        if (1..=LONGEST).contains(&w.len())
            && bytes[0].is_ascii_alphabetic()
            && bytes.iter().all(|&b| ASCII_ALNUM[usize::from(b)])
        {
            if !lexicon::plain_word_may_start_number_strictly(bytes) {
                return false;
            }
            let mut buf = [0u8; LONGEST];
            let lower = if bytes.iter().any(u8::is_ascii_uppercase) {
                let lower = &mut buf[..bytes.len()];
                lower.copy_from_slice(bytes);
                lower.make_ascii_lowercase();
                match std::str::from_utf8(lower) {
                    Ok(lower) => lower,
                    Err(_) => return false,
                }
            } else {
                w
            };
            return self.may_start_lower_word(i, lower, lexicon::small_number(lower));
        }
        let Some(first) = w.chars().next() else {
            return false;
        };
        if !first.is_alphabetic() {
            return false;
        }
        let mut buf = [0u8; LONGEST];
        if !w.is_ascii() {
            // A number word lower-cased is ASCII once its non-breaking hyphens are replaced, and
            // holds no 'k' (the one ASCII letter a non-ASCII character, the Kelvin sign,
            // lower-cases to): any other character rules the word out ("Nvidia’s") before it is
            // lower-cased.
            if w.chars().any(|c| !c.is_ascii() && c != '‑') {
                return false;
            }
            // "twenty‑one" with a non-breaking hyphen: rare, so the slow way.
            let lower = w.to_lowercase().replace('‑', "-");
            return w.len() <= 40 && lexicon::number_word(&lower).is_some();
        }
        if w.len() > buf.len() {
            return false;
        }
        let lower = if w.bytes().any(|b| b.is_ascii_uppercase()) {
            for (b, c) in buf.iter_mut().zip(w.bytes()) {
                *b = c.to_ascii_lowercase();
            }
            let Ok(lower) = std::str::from_utf8(&buf[..w.len()]) else {
                return false;
            };
            lower
        } else {
            w
        };
        self.may_start_lower_word(i, lower, lexicon::number_word(lower))
    }

    /// `may_start_word` for the word at `i` in lower case, given its value as a number word.
    fn may_start_lower_word(&self, i: usize, lower: &str, number_word: Option<u32>) -> bool {
        if matches!(lower, "a" | "an") {
            return self.article_starts_number(i);
        }
        number_word.is_some()
            || lexicon::is_number_start_word(lower)
            || lower.starts_with("multi")
            || lower.ends_with("fold")
    }

    /// Whether the article "a" or "an" at `i` may start a number: only "a dozen", "a hundred",
    /// "a third", "a quarter million"…
    fn article_starts_number(&self, i: usize) -> bool {
        if !self.is_word(i + 1) {
            return false;
        }
        // Compared in ASCII lower case, as `denominator` reads any case; the words have five,
        // seven or eight letters.
        let next = self.bytes(i + 1);
        matches!(next.len(), 5 | 7 | 8)
            && [
                "hundred", "thousand", "million", "billion", "trillion", "dozen",
            ]
            .iter()
            .any(|w| next.eq_ignore_ascii_case(w.as_bytes()))
            || lexicon::denominator(self.s(i + 1)).is_some()
    }

    // ----- exclusions ----------------------------------------------------------------------

    /// Dates, times, ordinals, list numbers, phone numbers, labels and names with digits.
    /// Returns where to resume when the number is not a claim.
    fn not_a_claim(&mut self, n: &RawNumber) -> Option<usize> {
        if !n.digits_only {
            return None;
        }
        let i = n.start;
        let raw = self.s(i);
        let next = self.s(i + 1);
        let next_attached = self.attached(i + 1);
        let prev_attached = self.attached(i);
        // Ordinals and decades: 1st, 21st, 4th, 1990s, '90s.
        if next_attached && self.is_word(i + 1) {
            let lower = lexicon::lower(next);
            if matches!(&*lower, "st" | "nd" | "rd" | "th") {
                return Some(i + 2);
            }
            if lower == "s" && (raw.len() == 4 || raw.len() == 2) && raw.ends_with('0') {
                return Some(i + 2);
            }
            if matches!(&*lower, "am" | "pm") {
                return Some(i + 2);
            }
            // A chip process node is a name: "3nm", "2nm-class".
            if lower == "nm" {
                return Some(i + 2);
            }
        }
        if self.is_punct(i + 1, "-")
            && next_attached
            && matches!(&*self.lower(i + 2), "nanometer" | "nanometre" | "nm")
        {
            return Some(i + 3);
        }
        // "(555) 123-4567": a telephone number.
        if i > 0
            && self.is_punct(i - 1, "(")
            && self.is_punct(i + 1, ")")
            && raw.len() == 3
            && self.is_num(i + 2)
            && self.s(i + 2).len() == 3
            && self.is_punct(i + 3, "-")
            && self.is_num(i + 4)
        {
            return Some(i + 5);
        }
        // Codes with a leading zero: "007", "00", "0800".
        if raw.len() > 1 && raw.starts_with('0') && !raw.starts_with("0.") {
            return Some(i + 1);
        }
        // '25, '90s
        if prev_attached
            && i > 0
            && (self.is_text(i - 1, "'") || self.is_text(i - 1, "’"))
            && raw.len() == 2
        {
            return Some(i + 1);
        }
        // Rank: #1, No. 1
        if prev_attached && i > 0 && self.is_text(i - 1, "#") {
            return Some(i + 1);
        }
        // Times: 10:30, 3 p.m.
        if next_attached && next == ":" && self.is_num(i + 2) && self.attached(i + 2) {
            return Some(i + 3);
        }
        // ("p" and "a" are the lower case of these alone.)
        if matches!(next, "p" | "P" | "a" | "A")
            && self.is_text(i + 2, ".")
            && self.lower(i + 3) == "m"
        {
            return Some(i + 4);
        }
        if matches!(
            next,
            "am" | "pm" | "GMT" | "UTC" | "ET" | "EST" | "PST" | "BST" | "CET"
        ) {
            return Some(i + 2);
        }
        // Dates with separators: 31/01/2025, 2025-01-31, 01.02.2025 handled as opaque.
        if next_attached
            && (next == "/" || next == "-")
            && self.is_num(i + 2)
            && self.attached(i + 2)
        {
            let sep = next;
            let third_sep = self.s(i + 3) == sep
                && self.attached(i + 3)
                && self.is_num(i + 4)
                && self.attached(i + 4);
            if third_sep {
                return Some(i + 5); // d/m/y, y-m-d, or a phone number 555-123-4567
            }
            let a = raw.len();
            let b = self.s(i + 2).len();
            if sep == "/" && a <= 2 && b <= 4 && !raw.contains([',', '.']) {
                return Some(i + 3); // 1/31, 01/2025
            }
            if sep == "-" && a == 4 && b == 2 && is_year_like(raw) {
                return Some(i + 3); // 2025-01
            }
            if sep == "-" && a == 3 && b == 4 && !raw.contains([',', '.']) {
                return Some(i + 3); // 555-1234
            }
        }
        // Month names around a day or year: Jan. 27, January 27, 27 January, December 2024.
        let before = self.prev_word_skipping_dot(i);
        if let Some(b) = before
            && lexicon::month_of(self.s(b)).is_some()
            && (n.value <= 31.0 || is_year_like(raw))
            && !raw.contains([',', '.'])
            && !self.has_currency_before(i)
        {
            return Some(i + 1);
        }
        if self.is_word(i + 1)
            && lexicon::month_of(next).is_some()
            && n.value <= 31.0
            && !raw.contains([',', '.'])
        {
            return Some(i + 2);
        }
        // A run of three or more bare numbers (phone numbers, identifiers, scores tables).
        if self.is_num(i + 1) && self.is_num(i + 2) && !raw.contains(['.']) {
            let mut j = i;
            while self.is_num(j)
                || (self.t(j).is_some_and(|t| t.kind == TokKind::Punct)
                    && matches!(self.s(j), "-" | "(" | ")"))
            {
                j += 1;
            }
            return Some(j);
        }
        // List numbering: "1." or "2)" at the start of a line.
        let line_start = self.t(i).is_some_and(|t| t.newline_before) || i == 0;
        if line_start
            && next_attached
            && (next == "." || next == ")")
            && n.value < 1000.0
            && !raw.contains(',')
        {
            let after = self.t(i + 2);
            if after.is_none_or(|t| !t.attached) {
                return Some(i + 2);
            }
        }
        // "(1)" list markers.
        if i > 0
            && self.is_text(i - 1, "(")
            && prev_attached
            && next == ")"
            && next_attached
            && n.value < 100.0
            && !raw.contains([',', '.'])
        {
            return Some(i + 2);
        }
        // Labels: section 3, page 12, No. 1, top 10.
        let strong_label = |w: &str| {
            matches!(
                &*lexicon::lower(w),
                "section"
                    | "chapter"
                    | "page"
                    | "pages"
                    | "figure"
                    | "fig"
                    | "table"
                    | "item"
                    | "step"
                    | "article"
                    | "paragraph"
                    | "no"
                    | "nos"
                    | "version"
                    | "v"
                    | "clause"
                    | "appendix"
                    | "exhibit"
                    | "annex"
            )
        };
        if let Some(b) = before
            && lexicon::is_label_word(self.s(b))
            && !raw.contains(',')
            && (!self.unit_follows(i + 1)
                || strong_label(self.s(b))
                    && !self.is_punct(i + 1, "%")
                    && self.scale_at(i + 1, true).is_none()
                    && lexicon::measure_unit(self.s(i + 1)).is_none()
                    && lexicon::currency_word(self.s(i + 1)).is_none())
            && (b + 1 == i || (b + 2 == i && self.is_text(b + 1, ".")))
        {
            return Some(i + 1);
        }
        // Names with digits: Llama 3, Windows 11, S&P 500, Claude 3.5 Sonnet; and what follows
        // such a name ("Llama 3.1 405B").
        if let Some(end) = self.name_number(i) {
            return Some(end);
        }
        None
    }

    /// The word before token `i`, skipping one period ("Jan. 27", "No. 1").
    fn prev_word_skipping_dot(&self, i: usize) -> Option<usize> {
        let mut b = i.checked_sub(1)?;
        if self.is_text(b, ".") {
            b = b.checked_sub(1)?;
        }
        self.is_word(b).then_some(b)
    }

    /// If the bare number at `i` continues a capitalised name ("Windows 11"), the index after
    /// the name's numeric part.
    fn name_number(&self, i: usize) -> Option<usize> {
        let prev = i.checked_sub(1)?;
        if !self.is_word(prev) || self.attached(i) || self.t(i).is_some_and(|t| t.newline_before) {
            return None;
        }
        let w = self.s(prev);
        let name_like = w.chars().next().is_some_and(|c| c.is_uppercase())
            || w.chars().skip(1).any(|c| c.is_uppercase());
        if !name_like
            || lexicon::is_function_word(w)
            || lexicon::month_of(w).is_some()
            || lexicon::currency_word(w).is_some()
            || lexicon::million_currency(w).is_some()
            || w.ends_with("’s")
            || w.ends_with("'s")
        {
            return None;
        }
        // A model size glued to the number after a name: "Ascend 910B", "Mistral 7B".
        if self.is_word(i + 1)
            && self.attached(i + 1)
            && matches!(self.s(i + 1), "B" | "b" | "M" | "K" | "T" | "X")
        {
            return Some(i + 2);
        }
        // A unit after the number makes it a quantity ("FY 17%" is a percent, "Meta 1.3 million"
        // an amount); a plain noun does not ("Windows 11 ships", "iPhone 16 sales").
        if self.strong_unit_follows(i + 1) {
            return None;
        }
        let mut end = i + 1;
        // "Llama 3.1 405B": a size glued to a suffix right after the name number.
        if self.is_num(end)
            && !self.attached(end)
            && self.is_word(end + 1)
            && self.attached(end + 1)
        {
            end += 2;
        }
        Some(end)
    }

    /// Whether a unit proper follows at `j`: %, a scale, a currency, a measure, a duration.
    fn strong_unit_follows(&self, j: usize) -> bool {
        let w = self.s(j);
        let lower = lexicon::lower(w);
        self.is_punct(j, "%")
            || self.scale_at(j, true).is_some()
            || matches!(
                &*lower,
                "percent" | "per" | "pct" | "percentage" | "pp" | "bps" | "x" | "times"
            )
            || lexicon::currency_word(w).is_some()
            || lexicon::measure_unit(w).is_some()
            || lexicon::duration_unit(w).is_some()
            || lexicon::minor_currency(w).is_some()
    }

    /// Whether a unit word or sign follows at `j` (so the number is a quantity, not a label).
    fn unit_follows(&self, j: usize) -> bool {
        let w = self.s(j);
        if self.is_punct(j, "%") {
            return true;
        }
        let lower = lexicon::lower(w);
        lexicon::scale_of(w, self.attached(j)).is_some()
            || matches!(
                &*lower,
                "percent" | "per" | "pct" | "percentage" | "pp" | "bps" | "x"
            )
            || lexicon::currency_word(w).is_some()
            || lexicon::measure_unit(w).is_some()
            || (self.is_word(j)
                && lower.ends_with('s')
                && lower.len() > 3
                && !lexicon::is_phrase_stop(w)
                && w.chars().next().is_some_and(|c| c.is_lowercase()))
    }

    // ----- building the claim ----------------------------------------------------------------

    fn finish(&mut self, first: RawNumber) -> Step {
        let mut a = first;
        let mut amount_end = a.end;
        let mut number_last = a.end - 1;
        let mut b: Option<RawNumber> = None;
        let mut second_currency: Option<Currency> = None;
        let mut ratio = false;

        if let Some(r) = self.ratio_after(&a) {
            // "one in three", "1 in 5 adults", "two out of five hundred"
            a = r;
            amount_end = r.end;
            number_last = r.end - 1;
            ratio = true;
        } else if let Some((b_start, currency)) =
            self.range_connector(a.start, self.connector_at(&a))
            && let Some(bn) = self.number_at(b_start)
            && bn.in_words == a.in_words
            && !bn.fraction
            && !a.fraction
            && !bn.multiplier
        {
            // A range: "60-65", "$60 billion to $65 billion", "between 60 and 65", "60–65%".
            b = Some(bn);
            second_currency = currency;
            number_last = bn.end - 1;
            amount_end = bn.end;
        }
        // A scale written only after the second number applies to both ("$60-65 billion").
        if let Some(bb) = b
            && bb.scale_word
            && !a.scale_word
        {
            a = scaled_like(a, &bb);
        }
        if let Some(bb) = b {
            let years = a.digits_only
                && is_year_like(self.s(a.start))
                && (bb.digits_only
                    && (is_year_like(self.s(bb.start)) || self.s(bb.start).len() == 2));
            if years && self.currency_before(a.start).is_none() {
                // "2020-2024", "2024-25", "from 2020 to 2024": a span of years.
                return Step::Skip(bb.end);
            }
        }
        if b.is_some_and(|bb| bb.value <= a.value) {
            // "3-1" or a descending pair is no range: keep the first number alone.
            b = None;
            amount_end = a.end;
            number_last = a.end - 1;
        }

        // Prefix: currency and sign, then hedge.
        let mut claim_start_tok = first.start;
        let mut currency = self.currency_before(first.start);
        if let Some(c) = currency {
            claim_start_tok = c.at;
        }
        if currency.is_none() {
            currency = second_currency;
        }
        let mut negative = false;
        let mut positive = false;
        if claim_start_tok > 0 {
            let s = self.s(claim_start_tok - 1);
            let glued = self.attached(claim_start_tok);
            if glued && (s == "-" || s == "−" || s == "+") {
                let before_sign_attached = self.attached(claim_start_tok - 1);
                if !before_sign_attached {
                    negative = s != "+";
                    positive = s == "+";
                    claim_start_tok -= 1;
                }
            } else if s.eq_ignore_ascii_case("minus") || s.eq_ignore_ascii_case("negative") {
                negative = true;
                claim_start_tok -= 1;
            }
        }

        // Unit after the amount.
        let factor_of = first.start >= 2
            && self.lower_is_word(first.start - 1, "of")
            && self.lower_is_word(first.start - 2, "factor");
        let (mut unit, mut unit_end, mut value_factor) =
            if a.multiplier || factor_of && currency.is_none() {
                (
                    Unit {
                        kind: Kind::Multiplier,
                        code: "x".into(),
                        noun: None,
                    },
                    amount_end,
                    1.0,
                )
            } else if ratio {
                self.ratio_unit(amount_end)
            } else {
                self.unit_after(amount_end, currency, &a)
            };
        if let Some(c) = currency {
            value_factor *= c.factor;
            if unit.kind != Kind::Money && unit.kind != Kind::Rate {
                unit = Unit {
                    kind: Kind::Money,
                    code: c.code.to_string(),
                    noun: None,
                };
                unit_end = amount_end;
            }
        }
        // Dollars and cents: "3 dollars 50 cents", "thirteen dollars and forty-five cents".
        let mut cents = 0.0;
        if unit.kind == Kind::Money
            && currency.is_none()
            && b.is_none()
            && !a.scale_word
            && a.value.fract() == 0.0
            && value_factor == 1.0
            && let Some((c, end)) = self.cents_after(unit_end)
        {
            cents = c;
            unit_end = end;
        }
        // Money can be a rate: "$2 per GPU hour", "$15/million tokens", "$70 a share".
        if unit.kind == Kind::Money
            && let Some((rate, end)) = self.rate_after(unit_end, &unit.code)
        {
            unit = rate;
            unit_end = end;
        }
        let a = a.times(value_factor);
        let a = RawNumber {
            value: a.value + cents,
            precision: if cents > 0.0 { 0.01 } else { a.precision },
            ..a
        };
        let b = b.map(|b| b.times(value_factor));

        // A bare year: 2025, "the 2024 election". (Digits alone, so none of the tests of
        // numbers in words below applies: it is told first, before its hedge is looked for.)
        if a.digits_only
            && b.is_none()
            && currency.is_none()
            && unit.kind == Kind::Count
            && !a.scale_word
            && is_year_like(self.s(a.start))
            && (unit.noun.as_deref().is_none_or(|n| !is_plural(n))
                || self.determiner_before(claim_start_tok))
        {
            return Step::Skip(a.end);
        }
        let mut hedge: Option<(Hedge, String, usize)> = self.hedge_before(claim_start_tok);
        // "a one-day loss", "one-time gains", "a two-day slide", "a four-year high": a worded
        // number in a compound adjective describes, it does not state (digits do: "a 54-day
        // run").
        let hyphen_after =
            (self.is_punct(a.end, "-") || self.is_punct(a.end, "‑")) && self.attached(a.end);
        if a.in_words
            && !a.scale_word
            && hyphen_after
            && (a.value == 1.0 || unit.kind == Kind::Duration)
        {
            return Step::Skip(unit_end.max(a.end));
        }
        // Numbers in words need a unit, or enough substance, to be claims: "one of the", "two
        // said", "the second half" are not.
        if a.in_words && unit.kind == Kind::Count && !ratio {
            let plain_one = a.value == 1.0 && !a.scale_word && !a.fraction;
            if plain_one && !negative {
                return Step::Skip(a.end);
            }
            let after_and = first.start > 0 && self.lower(first.start - 1) == "and";
            let article = matches!(&*self.lower(first.start), "a" | "an");
            if a.fraction && after_and && article {
                return Step::Skip(a.end);
            }
            if self.lower(first.start) == "half" && a.value == 0.5 {
                let ordinal_before = first.start > 0
                    && matches!(
                        &*self.lower(first.start - 1),
                        "first"
                            | "second"
                            | "third"
                            | "fourth"
                            | "last"
                            | "latter"
                            | "former"
                            | "other"
                            | "next"
                            | "the"
                            | "back"
                            | "front"
                    );
                let of_after = self.lower(first.end) == "of";
                if ordinal_before || !(hedge.is_some() || of_after || unit.noun.is_some()) {
                    return Step::Skip(a.end);
                }
            }
            if unit.noun.is_none() {
                let substantial = a.value >= 10.0
                    || a.words >= 2
                    || a.scale_word
                    || a.fraction
                    || hedge.is_some()
                    || negative;
                if !substantial {
                    return Step::Skip(a.end);
                }
            }
        }
        // A duration after "over", "for", "in", "within" is a span of time, not a hedge.
        if unit.kind == Kind::Duration && hedge.as_ref().is_some_and(|(_, text, _)| text == "over")
        {
            hedge = None;
        }

        if hedge.as_ref().is_some_and(|(_, _, at)| *at < self.floor) {
            hedge = None;
        }
        if let Some((_, _, at)) = &hedge {
            claim_start_tok = *at;
        }
        claim_start_tok = claim_start_tok.max(self.floor);
        let direction = if negative {
            Some(Direction::Down)
        } else if positive {
            Some(Direction::Up)
        } else {
            self.direction_around(claim_start_tok, unit_end.max(amount_end))
        };

        let last_tok = unit_end.max(amount_end).saturating_sub(1);
        let span = Span::new(self.toks[claim_start_tok].start, self.toks[last_tok].end);
        let number_span = Span::new(self.toks[a.start].start, self.toks[number_last].end);
        let amount = match b {
            Some(b) => Amount::Range(number_of(&a), number_of(&b)),
            None => Amount::Exact(number_of(&a)),
        };
        let (hedge, hedge_text) = match hedge {
            Some((h, text, _)) => (Some(h), Some(text)),
            None => (None, None),
        };
        Step::Claim(
            Claim {
                span,
                number_span,
                amount,
                unit,
                hedge,
                hedge_text,
                direction,
                sentence: span,
                attribution: None,
            },
            unit_end.max(amount_end),
        )
    }

    /// Whether token `i` is a year followed by sentence punctuation (or nothing), with no
    /// currency before it ("in 2025,", "since 2019."): the full reading would find no ratio,
    /// range or unit after it, nor a date or time around it, and skip it as a bare year (to
    /// a token past the punctuation at most), so it is told at once. Most years in news are
    /// written so; a proptest checks the full reading agrees.
    fn bare_year_before_punctuation(&self, i: usize) -> bool {
        let after = i + 1;
        self.is_num(i)
            && (after >= self.toks.len()
                || self.t(after).is_some_and(|t| t.kind == TokKind::Punct)
                    && matches!(self.bytes(after), b"," | b"." | b";" | b")" | b"!" | b"?"))
            && is_year_like(self.s(i))
            && self.currency_before(i).is_none()
            && !(i >= 2 && self.lower_is_word(i - 1, "of") && self.lower_is_word(i - 2, "factor"))
    }

    /// "in three", "out of five hundred" after a number: the ratio as one number.
    fn ratio_after(&self, a: &RawNumber) -> Option<RawNumber> {
        if a.scale_word || a.fraction || a.multiplier || a.value < 1.0 || a.value.fract() != 0.0 {
            return None;
        }
        let j = a.end;
        let k = if self.lower_is_word(j, "in") {
            j + 1
        } else if self.lower_is_word(j, "out") && self.lower_is_word(j + 1, "of") {
            j + 2
        } else {
            return None;
        };
        let b = self.number_at(k)?;
        let year = b.digits_only && is_year_like(self.s(b.start));
        if year
            || b.scale_word
            || b.fraction
            || b.value <= a.value
            || b.value.fract() != 0.0
            || b.value > 1e6
            || b.in_words != a.in_words && !(a.in_words || b.in_words)
            || self.currency_before(a.start).is_some()
        {
            return None;
        }
        // "5 in 10 companies": fine; "1 in 2024": a year, refused above; a unit after the second
        // number ("3 in 10 years") makes it something else.
        if self.is_punct(b.end, "%") || lexicon::duration_unit(self.s(b.end)).is_some() {
            return None;
        }
        let value = a.value / b.value;
        Some(RawNumber {
            end: b.end,
            value,
            precision: value * 0.01,
            significant_digits: 3,
            fraction: true,
            digits_only: false,
            ..*a
        })
    }

    fn lower_is_word(&self, k: usize, w: &str) -> bool {
        self.is_word(k) && self.bytes(k).eq_ignore_ascii_case(w.as_bytes())
    }

    /// The counted noun after a ratio ("one in five adults").
    fn ratio_unit(&self, j: usize) -> (Unit, usize, f64) {
        match self.noun_phrase(j) {
            Some((words, end)) => {
                let head = self.s(words.last);
                let phrase = &self.text[self.toks[words.first].start..self.toks[end - 1].end];
                (
                    Unit {
                        kind: Kind::Count,
                        code: lexicon::singular(head),
                        noun: Some(phrase.to_string()),
                    },
                    end,
                    1.0,
                )
            }
            None => (
                Unit {
                    kind: Kind::Count,
                    code: String::new(),
                    noun: None,
                },
                j,
                1.0,
            ),
        }
    }

    /// "[and] 50 [cents]" after a whole amount of money: the cents as a fraction and the end.
    fn cents_after(&self, j: usize) -> Option<(f64, usize)> {
        let and = self.lower_is_word(j, "and");
        let k = if and { j + 1 } else { j };
        let n = self.number_at(k)?;
        if n.scale_word || n.fraction || n.multiplier || n.value.fract() != 0.0 {
            return None;
        }
        if !(1.0..100.0).contains(&n.value) {
            return None;
        }
        if self.is_word(n.end) && lexicon::minor_currency(self.s(n.end)).is_some() {
            return Some((n.value / 100.0, n.end + 1));
        }
        // Without "cents" only at the end of the phrase ("15 dollars 50.", "one dollar and one").
        let word_after = self.is_word(n.end)
            && (self.attached(n.end) || !lexicon::is_phrase_stop(self.s(n.end)));
        let unit_after = self.is_punct(n.end, "%")
            || self.is_num(n.end)
            || self.t(n.end).is_some_and(|t| t.kind == TokKind::Punct)
                && lexicon::currency_symbol(self.s(n.end)).is_some();
        if word_after || unit_after {
            return None;
        }
        Some((n.value / 100.0, n.end))
    }

    fn determiner_before(&self, i: usize) -> bool {
        i > 0
            && matches!(
                &*self.lower(i - 1),
                "the"
                    | "its"
                    | "their"
                    | "his"
                    | "her"
                    | "our"
                    | "this"
                    | "that"
                    | "a"
                    | "an"
                    | "last"
                    | "next"
                    | "in"
                    | "since"
                    | "by"
                    | "until"
                    | "of"
                    | "from"
                    | "during"
                    | "fiscal"
                    | "calendar"
                    | "financial"
                    | "budget"
                    | "class"
                    | "vintage"
            )
    }

    /// Where a range connector may stand after the number `a`: right after it, or after a
    /// glued "%" when the second number carries one too ("57.5%-59.5%", "50%–60%").
    fn connector_at(&self, a: &RawNumber) -> usize {
        let j = a.end;
        if self.is_punct(j, "%")
            && self.attached(j)
            && matches!(self.s(j + 1), "-" | "‑" | "–" | "to")
            && self.is_num(j + 2)
            && self.is_punct(j + 3, "%")
        {
            return j + 1;
        }
        j
    }

    /// After the first number (tokens up to `j`), a range connector and the index of the second
    /// number, with a currency written before the second number.
    fn range_connector(&self, first_start: usize, j: usize) -> Option<(usize, Option<Currency>)> {
        let c = self.s(j);
        let word_before = |w: &str| {
            let mut k = first_start;
            // skip a currency sign before the first number
            while k > 0
                && self.t(k - 1).is_some_and(|t| t.kind == TokKind::Punct)
                && self.attached(k)
                && k + 3 > first_start
            {
                k -= 1;
            }
            k > 0 && self.lower(k - 1) == w
        };
        let ok = match c {
            "-" | "‑" => self.attached(j) && self.attached(j + 1),
            "–" => true,
            // "fell $1.20 to $73.50", "rose 5% to 12%": a change and where it ended, not a
            // range.
            "to" => {
                !word_before("from")
                    && !word_before("between")
                    && !self.direction_before(first_start)
            }
            "and" => word_before("between"),
            _ => false,
        };
        if !ok {
            return None;
        }
        let mut k = j + 1;
        let mut currency = None;
        if let Some((code, len)) = self.currency_sign_at(k) {
            currency = Some(Currency {
                code,
                at: k,
                factor: 1.0,
            });
            k += len;
        }
        (self.is_num(k) || (self.is_word(k) && self.may_start_word(k))).then_some((k, currency))
    }

    /// A currency sign made of tokens starting at `k` ("$", "US" "$", "€"): its code and length.
    fn currency_sign_at(&self, k: usize) -> Option<(&'static str, usize)> {
        for (sign, code) in lexicon::CURRENCY_SIGNS {
            // Glued tokens whose texts spell the sign, compared piece by piece.
            let mut len = 0;
            let mut matched = 0;
            while matched < sign.len() && k + len < self.toks.len() && len < 3 {
                if len > 0 && !self.attached(k + len) {
                    break;
                }
                let piece = self.s(k + len).as_bytes();
                if sign.as_bytes().get(matched..matched + piece.len()) != Some(piece) {
                    break;
                }
                matched += piece.len();
                len += 1;
            }
            if matched == sign.len() {
                return Some((code, len));
            }
        }
        None
    }

    fn has_currency_before(&self, i: usize) -> bool {
        i > 0 && self.currency_before(i).is_some()
    }

    /// A currency written before the number at `i`: a sign ("$5", "$ 75", "€3bn"), a sign with
    /// letters ("US$2.1m", "c $ 16.4 million", "HK$", "CN¥"), a code ("USD 5", "rmb 10") or a
    /// code in millions ("MAUD 60").
    fn currency_before(&self, i: usize) -> Option<Currency> {
        let k = i.checked_sub(1)?;
        let tok = self.t(k)?;
        if tok.kind == TokKind::Punct {
            let sym = self.s(k);
            let code = lexicon::currency_symbol(sym)?;
            if (sym == "$" || sym == "¥")
                && let Some((code, at)) = self.sign_prefix(k, sym)
            {
                return Some(Currency {
                    code,
                    at,
                    factor: 1.0,
                });
            }
            return Some(Currency {
                code,
                at: k,
                factor: 1.0,
            });
        }
        if tok.kind == TokKind::Word {
            let w = self.s(k);
            if let Some(code) = lexicon::million_currency(w) {
                return Some(Currency {
                    code,
                    at: k,
                    factor: 1e6,
                });
            }
            // "10 rmb 20 usd": a code right after an amount is that amount's unit.
            if k > 0 && self.is_num(k - 1) {
                return None;
            }
            let code_like = w.len() == 3
                && (w.chars().all(|c| c.is_ascii_uppercase())
                    || matches!(w, "usd" | "rmb" | "eur" | "gbp" | "cny" | "jpy"));
            if code_like && let Some(code) = lexicon::currency_word(w) {
                return Some(Currency {
                    code,
                    at: k,
                    factor: 1.0,
                });
            }
        }
        None
    }

    /// Letters before the `$` (or `¥`) at token `k` that name the currency: the code and the
    /// first token of the letters.
    fn sign_prefix(&self, k: usize, sym: &str) -> Option<(&'static str, usize)> {
        let sym_start = self.toks[k].start;
        let mut from = sym_start.saturating_sub(6);
        while !self.text.is_char_boundary(from) {
            from -= 1;
        }
        let before = &self.text[from..sym_start];
        let (stem, spaced) = match before.strip_suffix(' ') {
            Some(s) => (s, true),
            None => (before, false),
        };
        // Longest first, so the longest match wins.
        let (prefixes, prefix_ends) = if sym == "¥" {
            (lexicon::YEN_PREFIXES, &lexicon::YEN_PREFIX_ENDS)
        } else {
            (lexicon::DOLLAR_PREFIXES, &lexicon::DOLLAR_PREFIX_ENDS)
        };
        // Every prefix is lower-case ASCII: most stems are ruled out by their last byte, and the
        // others are compared only with the prefixes ending with it (in the list's order).
        let last = stem.as_bytes().last().map(u8::to_ascii_lowercase);
        let mut candidates = last
            .and_then(|b| prefix_ends.get(usize::from(b)))
            .copied()
            .unwrap_or(0);
        while candidates != 0 {
            let (p, code, spaced_ok) = prefixes[candidates.trailing_zeros() as usize];
            candidates &= candidates - 1;
            if stem.len() < p.len() || !stem.is_char_boundary(stem.len() - p.len()) {
                continue;
            }
            let tail = &stem[stem.len() - p.len()..];
            if !tail.eq_ignore_ascii_case(p) {
                continue;
            }
            let head = &stem[..stem.len() - p.len()];
            if head.chars().next_back().is_some_and(char::is_alphanumeric) {
                continue;
            }
            if spaced && !spaced_ok {
                continue;
            }
            let start = from + head.len();
            let at = (k.saturating_sub(6)..k).find(|&t| self.toks[t].start == start)?;
            // "give us $5": a lower-case "us" before a spaced sign is the pronoun.
            if spaced && tail == "us" {
                let prev_ok = at == 0
                    || !self.is_word(at - 1)
                    || matches!(
                        &*self.lower(at - 1),
                        "a" | "an" | "the" | "of" | "for" | "at" | "s" | "its" | "their"
                    );
                if !prev_ok {
                    return None;
                }
            }
            return Some((code, at));
        }
        None
    }

    /// A currency named in words at `j` ("dollars", "swiss francs", "USD", "元"): its code and
    /// length in tokens.
    fn currency_name_at(&self, j: usize) -> Option<(&'static str, usize)> {
        if !self.is_word(j) {
            return None;
        }
        // Most words are no currency and start no currency phrase: told by their shape before
        // being lower-cased (a non-ASCII word is looked up as it is).
        let w = self.bytes(j);
        if w.is_ascii() && !lexicon::may_be_currency_name_bytes(w) {
            return None;
        }
        let mut words: [std::borrow::Cow<str>; 3] = Default::default();
        words[0] = self.lower(j);
        if !lexicon::may_start_currency_phrase(&words[0]) {
            return lexicon::currency_word(self.s(j)).map(|c| (c, 1));
        }
        // The phrase's first word is `words[0]`, lower-cased once.
        let mut len = 1;
        let mut k = j + 1;
        while len < 3 && self.is_word(k) && !self.attached(k) {
            words[len] = self.lower(k);
            len += 1;
            k += 1;
        }
        let refs = [&*words[0], &*words[1], &*words[2]];
        if let Some((code, len)) = lexicon::currency_phrase(&refs[..len]) {
            return Some((code, len));
        }
        lexicon::currency_word(self.s(j)).map(|c| (c, 1))
    }

    /// A currency symbol after an amount ("10 €", "100₾"), unless it opens the next amount
    /// ("10 $ 30"): its code.
    fn currency_symbol_after(&self, j: usize) -> Option<&'static str> {
        if !self.t(j).is_some_and(|t| t.kind == TokKind::Punct) {
            return None;
        }
        let code = lexicon::currency_symbol(self.s(j))?;
        if self.is_num(j + 1) {
            return None;
        }
        Some(code)
    }

    /// The hedge phrase ending right before token `i`, its lower-case text and first token.
    fn hedge_before(&self, i: usize) -> Option<(Hedge, String, usize)> {
        const MAX: usize = lexicon::MAX_HEDGE_WORDS;
        // The words before `i`, lower-cased, gathered right to left: the last `n` slots.
        let mut words: [std::borrow::Cow<str>; MAX] = Default::default();
        let mut best = None;
        let mut n = 0;
        let mut k = i;
        while n < MAX && k > 0 {
            k -= 1;
            if k + 1 == i && self.is_text(k, "~") {
                return Some((Hedge::About, "~".into(), k));
            }
            if !self.is_word(k) {
                break;
            }
            n += 1;
            // Most words right before an amount end no hedge: told before being lower-cased.
            if n == 1 && !lexicon::may_end_hedge_any_case(self.s(k)) {
                return None;
            }
            words[MAX - n] = self.lower(k);
            let phrase = words.each_ref().map(|w| &**w);
            if let Some(h) = lexicon::hedge_of_words(&phrase[MAX - n..]) {
                best = Some((h, n, k));
            }
        }
        best.map(|(h, n, k)| (h, words[MAX - n..].join(" "), k))
    }

    /// The unit after the amount ending at token `j`: returns the unit, the index after it, and
    /// a factor for the value (basis points → percentage points, cents → dollars).
    fn unit_after(
        &self,
        j: usize,
        currency: Option<Currency>,
        n: &RawNumber,
    ) -> (Unit, usize, f64) {
        let unit = |kind, code: &str| Unit {
            kind,
            code: code.to_string(),
            noun: None,
        };
        let w = self.s(j);
        let mut buf = [0; lexicon::LOWER_IN_LONGEST];
        let lower = lexicon::lower_in(w, &mut buf);
        if self.is_punct(j, "%") {
            return (unit(Kind::Percent, "%"), j + 1, 1.0);
        }
        if currency.is_none()
            && let Some(code) = self.currency_symbol_after(j)
        {
            return (unit(Kind::Money, code), j + 1, 1.0);
        }
        if self.is_word(j) {
            match &*lower {
                "percent" | "pct" | "percents" | "per-cent" => {
                    return (unit(Kind::Percent, "%"), j + 1, 1.0);
                }
                "per" if self.lower(j + 1) == "cent" => {
                    return (unit(Kind::Percent, "%"), j + 2, 1.0);
                }
                "percentage" | "per" if self.lower(j + 1).starts_with("point") => {
                    return (unit(Kind::PercentagePoints, "pp"), j + 2, 1.0);
                }
                "percentage" => return (unit(Kind::Percent, "%"), j + 1, 1.0),
                "pp" | "ppt" | "ppts" | "percentage-point" | "percentage-points" => {
                    return (unit(Kind::PercentagePoints, "pp"), j + 1, 1.0);
                }
                "bps" | "bp" => return (unit(Kind::PercentagePoints, "pp"), j + 1, 0.01),
                "basis" if self.lower(j + 1).starts_with("point") => {
                    return (unit(Kind::PercentagePoints, "pp"), j + 2, 0.01);
                }
                _ => {}
            }
            if currency.is_none() {
                if let Some((code, len)) = self.currency_name_at(j) {
                    let mut end = j + len;
                    let mut factor = 1.0;
                    // "75 USD million"
                    if !n.scale_word
                        && let Some(sc) = self.scale_at(end, false)
                    {
                        factor = sc;
                        end += 1;
                    }
                    return (unit(Kind::Money, code), end, factor);
                }
                if let Some(code) = lexicon::million_currency(w) {
                    return (unit(Kind::Money, code), j + 1, 1e6);
                }
                if let Some(code) = lexicon::minor_currency(w) {
                    let code = if j > 0 && self.lower(j - 1) == "euro" {
                        "EUR"
                    } else {
                        code
                    };
                    return (unit(Kind::Money, code), j + 1, 0.01);
                }
                if lower == "of"
                    && n.scale_word
                    && let Some((code, len)) = self.currency_name_at(j + 1)
                {
                    // "billions of dollars"
                    return (unit(Kind::Money, code), j + 1 + len, 1.0);
                }
            }
            if let Some(d) = lexicon::duration_unit(w) {
                return (unit(Kind::Duration, d), j + 1, 1.0);
            }
            if let Some(m) = lexicon::measure_unit(w) {
                return (unit(Kind::Measure, m), j + 1, 1.0);
            }
            if (w == "x" || w == "X") && self.attached(j) {
                return (unit(Kind::Multiplier, "x"), j + 1, 1.0);
            }
            if lower == "fold" && currency.is_none() {
                return (unit(Kind::Multiplier, "x"), j + 1, 1.0);
            }
            if lower == "times" && !self.attached(j) && currency.is_none() {
                if self.times_is_multiplier(n.start, j) {
                    return (unit(Kind::Multiplier, "x"), j + 1, 1.0);
                }
                // "called three times": a count of occasions.
                return (
                    Unit {
                        kind: Kind::Count,
                        code: "time".into(),
                        noun: Some(w.to_string()),
                    },
                    j + 1,
                    1.0,
                );
            }
        }
        // "54-day", "four-year", "10-fold", "12-cent", "one-yen", "5-percent".
        if (w == "-" || w == "‑") && self.attached(j) && self.attached(j + 1) && self.is_word(j + 1)
        {
            let next = self.s(j + 1);
            let (first, _) = next.split_once(['-', '‑']).unwrap_or((next, ""));
            if let Some(d) = lexicon::duration_unit(next) {
                return (unit(Kind::Duration, d), j + 2, 1.0);
            }
            if next.eq_ignore_ascii_case("fold") {
                return (unit(Kind::Multiplier, "x"), j + 2, 1.0);
            }
            if matches!(&*lexicon::lower(next), "percent" | "per-cent") {
                return (unit(Kind::Percent, "%"), j + 2, 1.0);
            }
            if currency.is_none() {
                if let Some(code) = lexicon::currency_word(next) {
                    return (unit(Kind::Money, code), j + 2, 1.0);
                }
                if let Some(code) = lexicon::minor_currency(first) {
                    // "12-cent-a-share"
                    return (unit(Kind::Money, code), j + 2, 0.01);
                }
            }
            if let Some(m) = lexicon::measure_unit(next) {
                return (unit(Kind::Measure, m), j + 2, 1.0);
            }
        }
        if let Some(c) = currency {
            return (unit(Kind::Money, c.code), j, 1.0);
        }
        // A counted noun.
        if let Some((noun_words, end)) = self.noun_phrase(j) {
            let head = self.s(noun_words.last);
            let phrase_text = &self.text[self.toks[noun_words.first].start..self.toks[end - 1].end];
            if let Some(d) = lexicon::duration_unit(head) {
                // "2.788M H800 GPU hours": a count of GPU-hours, not a duration.
                if let Some(before_last) = noun_words.before_last {
                    let prev = self.s(before_last);
                    if is_acronym(prev) || lexicon::is_resource_noun(prev) {
                        return (
                            Unit {
                                kind: Kind::Count,
                                code: format!("{}-{d}", lexicon::singular(prev)),
                                noun: Some(phrase_text.to_string()),
                            },
                            end,
                            1.0,
                        );
                    }
                }
                return (unit(Kind::Duration, d), end, 1.0);
            }
            let code = lexicon::acronym_of(phrase_text)
                .map_or_else(|| lexicon::singular(head), str::to_string);
            return (
                Unit {
                    kind: Kind::Count,
                    code,
                    noun: Some(phrase_text.to_string()),
                },
                end,
                1.0,
            );
        }
        (unit(Kind::Count, ""), j, 1.0)
    }

    /// Whether "times" after the number starting at `start` multiplies ("three times as many",
    /// "grew five times", "10 times more") rather than counts occasions ("called 3 times").
    fn times_is_multiplier(&self, start: usize, times: usize) -> bool {
        let next = self.lower(times + 1);
        let comparative = matches!(
            &*next,
            "as" | "more"
                | "less"
                | "fewer"
                | "the"
                | "that"
                | "what"
                | "over"
                | "higher"
                | "lower"
                | "larger"
                | "bigger"
                | "greater"
                | "faster"
                | "slower"
                | "cheaper"
                | "smaller"
                | "better"
                | "worse"
        ) || (self.is_word(times + 1) && next.ends_with("er") && next.len() > 4);
        let grew_before = start > 0
            && (self.lower(start - 1) == "by"
                || lexicon::direction_of(&self.lower(start - 1)).is_some());
        comparative || grew_before
    }

    /// A counted noun phrase at `j`: up to three words, after an optional "of" + possessive or
    /// determiner ("16,000 of Nvidia's more powerful H100s"). Returns word indices and end.
    fn noun_phrase(&self, j: usize) -> Option<(PhraseWords, usize)> {
        let mut k = j;
        if self.lower_is_word(k, "of") && self.is_word(k + 1) {
            k += 1;
            let w = self.s(k);
            let possessive =
                w.ends_with("’s") || w.ends_with("'s") || w.ends_with("s’") || w.ends_with("s'");
            if possessive
                || matches!(
                    &*lexicon::lower(w),
                    "the" | "its" | "their" | "his" | "her" | "our" | "these" | "those" | "all"
                )
            {
                k += 1;
            }
        }
        let mut words = PhraseWords::default();
        let mut prev_lower = false;
        let mut count = 0;
        while count < 3 {
            // A product name with digits inside the phrase: "Ascend 910B chips".
            if self.is_num(k)
                && !words.is_empty()
                && !self.attached(k)
                && self.is_word(k + 1)
                && self.attached(k + 1)
                && !prev_lower
            {
                words.push(k);
                words.push(k + 1);
                k += 2;
                continue;
            }
            if !self.is_word(k) {
                break;
            }
            let w = self.s(k);
            if self.t(k).is_some_and(|t| t.newline_before) && !words.is_empty() {
                break;
            }
            let mut buf = [0; lexicon::LOWER_IN_LONGEST];
            let lower = lexicon::lower_in(w, &mut buf);
            let adverb = matches!(&*lower, "more" | "most" | "less")
                && self.is_word(k + 1)
                && !matches!(&*self.lower(k + 1), "than" | "of");
            if adverb && words.is_empty() {
                k += 1;
                continue;
            }
            if lexicon::is_phrase_stop_lower(&lower)
                // A hedge of one word ends a hedge: most words are told by that look alone.
                || lexicon::may_end_hedge_any_case(w) && lexicon::hedge_of(&lower).is_some()
                || lexicon::month_of(w).is_some()
                || lexicon::number_word(&lower).is_some()
                || !words.is_empty()
                    && self.is_word(k + 1)
                    && lexicon::number_word(&self.lower(k + 1)).is_some()
            {
                break;
            }
            let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
            // "chips U.S. firms": a capital after a lower-case word starts a new noun phrase,
            // unless it is a product or an acronym ("more powerful H100s", "GPUs").
            if capital && prev_lower && !(w.chars().any(|c| c.is_ascii_digit()) || is_acronym(w)) {
                break;
            }
            if !words.is_empty() {
                // A direction word ends the phrase.
                if lexicon::direction_of(w).is_some() {
                    break;
                }
                // So does a participle ("5 companies said", "500 centers serving"), unless a
                // noun follows it ("graphics processing units").
                let participle = lower.ends_with("ed") || lower.ends_with("ing");
                if participle
                    && !(self.is_word(k + 1)
                        && !lexicon::is_phrase_stop(self.s(k + 1))
                        && is_plural(self.s(k + 1)))
                {
                    break;
                }
            }
            if w.ends_with("’s")
                || w.ends_with("'s")
                || lower.ends_with("n't")
                || lower.ends_with("n’t")
            {
                break;
            }
            if words.is_empty() && lexicon::scale_of(w, false).is_some() {
                break;
            }
            if !words.is_empty() && lexicon::is_common_verb(&lower) {
                break;
            }
            prev_lower = !capital;
            words.push(k);
            count += 1;
            k += 1;
            // A plural ends the phrase ("users now try", "GPUs sit idle") unless another plural,
            // an acronym or a "-ing" word before a plural follows ("graphics processing units").
            if is_plural(w) {
                let next = self.s(k);
                let more = self.is_word(k)
                    && !lexicon::is_phrase_stop(next)
                    && !lexicon::is_common_verb(&lexicon::lower(next))
                    && (is_plural(next)
                        || is_acronym(next)
                        || next.ends_with("ing")
                            && self.is_word(k + 1)
                            && is_plural(self.s(k + 1)));
                if !more {
                    break;
                }
            }
        }
        // Trim trailing words that are not nouns: a lone adjective-like word stays.
        if words.is_empty() {
            return None;
        }
        let end = words.last + 1;
        Some((words, end))
    }

    /// A rate after money ending at `j`: "per GPU hour", "per million tokens", "/million".
    fn rate_after(&self, j: usize, currency: &str) -> Option<(Unit, usize)> {
        // "$70 a share", "$20 a month"
        if (self.lower_is_word(j, "a") || self.lower_is_word(j, "an"))
            && self.is_word(j + 1)
            && lexicon::is_rate_noun(&self.lower(j + 1))
        {
            let noun = self.s(j + 1);
            return Some((
                Unit {
                    kind: Kind::Rate,
                    code: format!("{currency}/{}", lexicon::singular(&lexicon::lower(noun))),
                    noun: Some(noun.to_string()),
                },
                j + 2,
            ));
        }
        // "12-cent-a-share": the rate is inside the word just read.
        if j > 0 && self.is_word(j - 1) {
            let prev = self.lower(j - 1);
            if let Some((_, rest)) = prev.split_once('-')
                && let Some(noun) = rest
                    .strip_prefix("a-")
                    .or_else(|| rest.strip_prefix("per-"))
                && lexicon::is_rate_noun(noun)
            {
                return Some((
                    Unit {
                        kind: Kind::Rate,
                        code: format!("{currency}/{}", lexicon::singular(noun)),
                        noun: Some(noun.to_string()),
                    },
                    j,
                ));
            }
        }
        let per = self.lower(j) == "per" || (self.is_punct(j, "/") && self.attached(j));
        if !per {
            return None;
        }
        let mut k = j + 1;
        let mut parts: Vec<String> = Vec::new();
        // "per million tokens", "/1M tokens"
        if self.is_num(k) {
            let n = self.s(k).replace(',', "");
            k += 1;
            if self.is_word(k) && self.attached(k) && lexicon::scale_of(self.s(k), true).is_some() {
                parts.push(format!("{n}{}", self.s(k).to_uppercase()));
                k += 1;
            } else {
                parts.push(n);
            }
        } else if is_scale_word(&self.lower(k)) {
            parts.push(format!("1{}", scale_letter(&self.lower(k))));
            k += 1;
        } else if matches!(&*self.lower(k), "a" | "one") {
            k += 1;
        }
        let mut nouns = Vec::new();
        while nouns.len() < 2 && self.is_word(k) && !lexicon::is_phrase_stop(self.s(k)) {
            nouns.push(self.s(k).to_string());
            k += 1;
        }
        if parts.is_empty() && nouns.is_empty() {
            return None;
        }
        let noun = nouns.join("-");
        let what = match (parts.is_empty(), noun.is_empty()) {
            (true, _) => lexicon::singular(&noun),
            (false, true) => parts.join(" "),
            (false, false) => format!("{} {}", parts.join(" "), nouns.join(" ")),
        };
        let noun_text = if nouns.is_empty() {
            None
        } else {
            Some(nouns.join(" "))
        };
        Some((
            Unit {
                kind: Kind::Rate,
                code: format!("{currency}/{what}"),
                noun: noun_text,
            },
            k,
        ))
    }

    /// Whether a direction verb stands within three words before token `start` (skipping a
    /// currency sign or a hedge).
    fn direction_before(&self, start: usize) -> bool {
        let mut k = start;
        let mut words = 0;
        while k > 0 && words < 3 {
            k -= 1;
            if self.is_word(k) {
                words += 1;
                let w = self.lower(k);
                if w != "up" && w != "down" && lexicon::direction_of(&w).is_some() {
                    return true;
                }
            } else if !self.t(k).is_some_and(|t| t.kind == TokKind::Punct)
                || lexicon::currency_symbol(self.s(k)).is_none()
            {
                return false;
            }
        }
        false
    }

    /// A direction from a verb or noun near the claim: "plunged 17%", "down 3.1%", "a 17% drop".
    fn direction_around(&self, start: usize, end: usize) -> Option<Direction> {
        let mut words = 0;
        let mut k = start;
        while k > 0 && words < 6 {
            k -= 1;
            let t = self.toks[k];
            match t.kind {
                TokKind::Word => {
                    words += 1;
                    // Most words are told apart from a direction before being lower-cased; such
                    // a word is neither "up" nor "down" either.
                    if !lexicon::may_be_direction_bytes(self.bytes(k)) {
                        continue;
                    }
                    let mut buf = [0; lexicon::LOWER_IN_LONGEST];
                    let w = lexicon::lower_in(self.s(k), &mut buf);
                    if (w == "up" || w == "down") && words > 2 {
                        continue;
                    }
                    if w == "up" && matches!(&*self.lower(k + 1), "to" | "with" | "from") {
                        continue;
                    }
                    // "made up 74%", "ended up", "set up": phrasal verbs, not a rise.
                    if (w == "up" || w == "down")
                        && k > 0
                        && matches!(
                            &*self.lower(k - 1),
                            "made"
                                | "make"
                                | "makes"
                                | "making"
                                | "end"
                                | "ended"
                                | "ends"
                                | "set"
                                | "sets"
                                | "took"
                                | "take"
                                | "takes"
                                | "broken"
                                | "broke"
                                | "break"
                                | "breaks"
                                | "split"
                                | "sum"
                                | "summed"
                                | "add"
                                | "adds"
                                | "added"
                                | "shut"
                                | "count"
                                | "counted"
                        )
                    {
                        continue;
                    }
                    if let Some(d) = lexicon::direction_of_lower(&w) {
                        return Some(d);
                    }
                }
                // ' - $ ’ € £ ¥, compared as UTF-8 bytes.
                TokKind::Punct
                    if matches!(
                        self.bytes(k),
                        b"'" | b"-"
                            | b"$"
                            | b"\xE2\x80\x99"
                            | b"\xE2\x82\xAC"
                            | b"\xC2\xA3"
                            | b"\xC2\xA5"
                    ) => {}
                _ => break,
            }
        }
        // A noun after: "a 17% drop", "17% lower".
        if !self.is_word(end) {
            return None;
        }
        // Most words are ruled out by their shape before being lower-cased (a non-ASCII word
        // is looked up as it is).
        let after_bytes = self.bytes(end);
        if after_bytes.is_ascii() && !CHANGE_NOUN_SHAPES.may_hold(after_bytes) {
            return None;
        }
        let after = self.lower(end);
        if CHANGE_NOUNS.contains(&&*after) {
            return lexicon::direction_of(&after).or(match &*after {
                "lower" | "loss" => Some(Direction::Down),
                "higher" => Some(Direction::Up),
                _ => None,
            });
        }
        None
    }

    // ----- vague magnitudes ------------------------------------------------------------------

    /// "tens of thousands", "hundreds of millions", "billions", "dozens", "multi-billion",
    /// "several million": [low, high) and the index after.
    fn vague_start(&self, i: usize) -> Option<(f64, f64, usize, Option<&'static str>)> {
        // Lower-cased once, for both readings.
        let mut buf = [0; lexicon::LOWER_IN_LONGEST];
        let w = lexicon::lower_in(self.s(i), &mut buf);
        self.vague_range(i, &w)
            .map(|(l, h, e)| (l, h, e, None))
            .or_else(|| {
                // "multimillion-dollar", "multi-billion-euro"
                let rest = w
                    .strip_prefix("multi-")
                    .or_else(|| w.strip_prefix("multi"))?;
                let (scale, cur) = rest.split_once(['-', '‑'])?;
                let v = lexicon::scale_of(scale, false).filter(|v| *v >= 1e6)?;
                let code = lexicon::currency_word(cur)?;
                Some((2.0 * v, 1000.0 * v, i + 1, Some(code)))
            })
    }

    /// The vague magnitude at `i`, whose word is `w` in lower case.
    fn vague_range(&self, i: usize, w: &str) -> Option<(f64, f64, usize)> {
        let plural_scale = |s: &str| -> Option<f64> {
            Some(match s {
                "thousands" => 1e3,
                "millions" => 1e6,
                "billions" => 1e9,
                "trillions" => 1e12,
                _ => return None,
            })
        };
        match w {
            "tens" | "hundreds" | "dozens" if self.lower(i + 1) == "of" => {
                let base = match w {
                    "tens" => 10.0,
                    "hundreds" => 100.0,
                    _ => 24.0,
                };
                let top = if w == "dozens" { 100.0 } else { base * 10.0 };
                if let Some(s) = plural_scale(&self.lower(i + 2)) {
                    return Some((base * s, top * s, i + 3));
                }
                if w == "tens" {
                    return None;
                }
                Some((base, top, i + 1))
            }
            "hundreds" | "dozens" => Some(if w == "dozens" {
                (24.0, 100.0, i + 1)
            } else {
                (100.0, 1000.0, i + 1)
            }),
            "thousands" | "millions" | "billions" | "trillions" => {
                let s = plural_scale(w)?;
                Some((s, 1000.0 * s, i + 1))
            }
            "several" | "few" => {
                let (skip, at) = if w == "few" {
                    (i > 0 && self.lower(i - 1) == "a", i + 1)
                } else {
                    (true, i + 1)
                };
                if !skip {
                    return None;
                }
                let s = self.lower(at);
                if s == "hundred" {
                    return Some((200.0, 1000.0, at + 1));
                }
                if is_scale_word(&s) {
                    let v = scale_value(&s);
                    return Some((2.0 * v, 10.0 * v, at + 1));
                }
                None
            }
            _ => {
                let rest = w
                    .strip_prefix("multi-")
                    .or_else(|| w.strip_prefix("multi"))?;
                let v = match rest {
                    "million" => 1e6,
                    "billion" => 1e9,
                    "trillion" => 1e12,
                    _ => return None,
                };
                Some((2.0 * v, 1000.0 * v, i + 1))
            }
        }
    }

    fn finish_vague(
        &mut self,
        i: usize,
        low: f64,
        high: f64,
        end: usize,
        money: Option<&'static str>,
    ) -> Step {
        let mut unit_end = end;
        let mut unit = Unit {
            kind: Kind::Count,
            code: String::new(),
            noun: None,
        };
        let currency_before = self.currency_before(i).map(|c| (c.code, c.at));
        if let Some(code) = money {
            unit = Unit {
                kind: Kind::Money,
                code: code.to_string(),
                noun: None,
            };
        } else if let Some((code, _)) = currency_before {
            unit = Unit {
                kind: Kind::Money,
                code: code.to_string(),
                noun: None,
            };
        } else if let Some(code) = lexicon::currency_word(self.s(end)) {
            unit = Unit {
                kind: Kind::Money,
                code: code.to_string(),
                noun: None,
            };
            unit_end = end + 1;
        } else if self.lower(end) == "of"
            && let Some(code) = lexicon::currency_word(self.s(end + 1))
        {
            unit = Unit {
                kind: Kind::Money,
                code: code.to_string(),
                noun: None,
            };
            unit_end = end + 2;
        } else if let Some((words, e)) = self.noun_phrase(end) {
            let head = self.s(words.last);
            let noun = &self.text[self.toks[words.first].start..self.toks[e - 1].end];
            unit = Unit {
                kind: Kind::Count,
                code: lexicon::singular(head),
                noun: Some(noun.to_string()),
            };
            unit_end = e;
        }
        let start_tok = currency_before.map_or(i, |(_, at)| at).max(self.floor);
        let span = Span::new(self.toks[start_tok].start, self.toks[unit_end - 1].end);
        let number_span = Span::new(self.toks[i].start, self.toks[end - 1].end);
        let direction = self.direction_around(start_tok, unit_end);
        Step::Claim(
            Claim {
                span,
                number_span,
                amount: Amount::Vague { low, high },
                unit,
                hedge: None,
                hedge_text: None,
                direction,
                sentence: span,
                attribution: None,
            },
            unit_end,
        )
    }
}

/// Nouns and comparatives after an amount that give its direction ("a 17% drop").
const CHANGE_NOUNS: &[&str] = &[
    "drop", "fall", "decline", "loss", "slump", "plunge", "cut", "decrease", "lower", "dip",
    "slide", "rise", "gain", "jump", "increase", "surge", "higher", "climb", "rally", "boost",
];

static CHANGE_NOUN_SHAPES: lexicon::WordShapes = lexicon::WordShapes::new(&[CHANGE_NOUNS]);

/// The words of a counted noun phrase, as `noun_phrase` gathers them: only the first, the last
/// and the one before the last are used, so no list is allocated.
#[derive(Debug, Clone, Copy, Default)]
struct PhraseWords {
    len: usize,
    first: usize,
    last: usize,
    before_last: Option<usize>,
}

impl PhraseWords {
    fn push(&mut self, k: usize) {
        if self.len == 0 {
            self.first = k;
        } else {
            self.before_last = Some(self.last);
        }
        self.last = k;
        self.len += 1;
    }

    fn is_empty(&self) -> bool {
        self.len == 0
    }
}

/// What a look at a token found: a claim and where to go on, or only where to go on.
// The claim is moved once, into the list: a box would cost an allocation per claim.
#[allow(clippy::large_enum_variant)]
enum Step {
    Claim(Claim, usize),
    Skip(usize),
}

/// Applies the scale of `other` to this unscaled number ("60" in "$60-65 billion").
fn scaled_like(n: RawNumber, other: &RawNumber) -> RawNumber {
    RawNumber {
        value: times_exact(n.value, other.scale),
        precision: times_exact(n.precision, other.scale),
        scale: other.scale,
        scale_word: true,
        ..n
    }
}

impl RawNumber {
    fn times(self, f: f64) -> RawNumber {
        RawNumber {
            value: times_exact(self.value, f),
            precision: times_exact(self.precision, f),
            ..self
        }
    }
}

fn number_of(n: &RawNumber) -> Number {
    Number {
        value: n.value,
        precision: n.precision,
        one_digit_scaled: n.significant_digits == 1 && n.scale_word,
    }
}

/// The place value of the last significant digit of a plain decimal numeral, and the count of
/// significant digits: "2050" → (10, 3), "5.60" → (0.01, 3), "16000" → (1000, 2).
pub fn precision_of(numeral: &str) -> (f64, u32) {
    // '.' is ASCII: a byte search finds it, and both sides are whole characters.
    let (int, frac) = match numeral.bytes().position(|b| b == b'.') {
        Some(dot) => (&numeral[..dot], &numeral[dot + 1..]),
        None => (numeral, ""),
    };
    let int_trimmed = int.trim_start_matches('0');
    if !frac.is_empty() {
        let sig_int = int_trimmed.len() as u32;
        let frac_sig = if sig_int == 0 {
            frac.trim_start_matches('0').len() as u32
        } else {
            frac.len() as u32
        };
        return (
            10f64.powi(-(frac.len() as i32)),
            (sig_int + frac_sig).max(1),
        );
    }
    if int_trimmed.is_empty() {
        return (1.0, 1);
    }
    let trailing_zeros = int_trimmed.len() - int_trimmed.trim_end_matches('0').len();
    let sig = (int_trimmed.len() - trailing_zeros) as u32;
    // Most numbers end in a non-zero digit: 10^0 is 1.
    let precision = if trailing_zeros == 0 {
        1.0
    } else {
        10f64.powi(trailing_zeros as i32)
    };
    (precision, sig.max(1))
}

pub(super) fn format_integer(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e18 {
        format!("{}", v as i64)
    } else {
        format!("{v}")
    }
}

fn is_year_like(raw: &str) -> bool {
    raw.len() == 4
        && raw.bytes().all(|b| b.is_ascii_digit())
        && raw.parse::<u32>().is_ok_and(|y| (1800..=2199).contains(&y))
}

/// "GPU", "GPUs", "TPUs": two or more capitals, optionally a plural `s`.
fn is_acronym(word: &str) -> bool {
    let core = word.strip_suffix('s').unwrap_or(word);
    core.chars().count() >= 2 && core.chars().all(|c| c.is_ascii_uppercase())
}

fn is_plural(word: &str) -> bool {
    let w = word.trim_end_matches(['’', '\'']);
    w.ends_with('s') && !w.ends_with("ss") && w.len() > 2
}

fn is_scale_word(w: &str) -> bool {
    matches!(w, "thousand" | "million" | "billion" | "trillion")
}

fn scale_value(w: &str) -> f64 {
    match w {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        _ => 1e12,
    }
}

fn scale_letter(w: &str) -> &'static str {
    match w {
        "thousand" => "K",
        "million" => "M",
        "billion" => "B",
        _ => "T",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        /// A non-ASCII word that `may_start_word` rules out before lower-casing it (a character
        /// other than ASCII and '‑') is no number word lower-cased either.
        #[test]
        fn non_ascii_words_ruled_out_are_no_number_words(
            word in "([a-zA-Z]|-|‑|’|\u{212A}|\u{130}|é|É){1,12}",
        ) {
            let ruled_out = word.chars().any(|c| !c.is_ascii() && c != '‑');
            let lower = word.to_lowercase().replace('‑', "-");
            if ruled_out {
                proptest::prop_assert!(lexicon::number_word(&lower).is_none());
            }
        }
    }

    /// Whether "a" or "an" before `next` may start a number, as first written: `next`
    /// lower-cased on the stack, then compared: the oracle for `may_start_lower_word`.
    fn article_starts_number_reference(next: &str) -> bool {
        let mut buf = [0u8; 24];
        let next: std::borrow::Cow<str> = match buf.get_mut(..next.len()) {
            Some(lower) => {
                lower.copy_from_slice(next.as_bytes());
                lower.make_ascii_lowercase();
                std::str::from_utf8(lower).unwrap_or_default().into()
            }
            None => next.to_ascii_lowercase().into(),
        };
        matches!(
            &*next,
            "hundred" | "thousand" | "million" | "billion" | "trillion" | "dozen"
        ) || lexicon::denominator(&next).is_some()
    }

    proptest::proptest! {
        #[test]
        fn article_before_a_word_starts_a_number_as_first_written(
            next in "(Hundred|THOUSAND|million|Dozen|dozens|third|Thirds|QUARTER|half|halves|Twenty-First|thirty‑fifths|ninth|\u{212A}|é|É|[a-zA-Z]{1,8}){1,2}",
        ) {
            let text = format!("a {next}");
            let mut toks = super::super::token::TokenList::default();
            super::super::token::tokenize(&text, 0, text.len(), &mut toks);
            let toks = toks.tokens;
            let parser = Parser::new(&text, &toks, &[]);
            if parser.is_word(1) {
                let expected = article_starts_number_reference(parser.s(1));
                proptest::prop_assert_eq!(parser.may_start_lower_word(0, "a", None), expected);
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// The tokenizer's look at a plain word's shape rules out no word that may start a
        /// number.
        #[test]
        fn plain_word_shapes_rule_out_no_number_start(
            word in proptest::prop_oneof![
                proptest::sample::select(
                    lexicon::UNIT_WORDS
                        .iter()
                        .chain(lexicon::TEEN_WORDS)
                        .chain(lexicon::TENS_WORDS)
                        .chain(lexicon::NUMBER_START_WORDS)
                        .map(|w| w.to_string())
                        .collect::<Vec<_>>()
                ),
                "[a-zA-Z][a-zA-Z0-9]{0,9}",
                "(multi|Multi)[a-z]{0,6}",
                "[a-z]{0,6}(fold|FOLD)",
            ],
        ) {
            let text = format!("{word} hundred");
            let mut toks = super::super::token::TokenList::default();
            super::super::token::tokenize(&text, 0, text.len(), &mut toks);
            let toks = toks.tokens;
            let parser = Parser::new(&text, &toks, &[]);
            let lower = word.to_ascii_lowercase();
            if parser.may_start_lower_word(0, &lower, lexicon::small_number(&lower)) {
                proptest::prop_assert!(lexicon::plain_word_may_start_number(word.as_bytes()));
                proptest::prop_assert!(
                    lexicon::plain_word_may_start_number_strictly(word.as_bytes())
                );
                proptest::prop_assert!(toks[0].may_start);
            }
        }
    }

    /// Pieces around years: punctuation, currencies, signs, ranges, ratios, units, names.
    fn year_piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words = proptest::sample::select(vec![
            "in",
            "out of",
            "to",
            "and",
            "between",
            "factor of",
            "US$",
            "USD",
            "minus",
            "the",
            "GPUs",
            "million",
            "Windows",
            "December",
            "about",
            "section",
            "p.m.",
            "GMT",
            "th",
            "s",
            "percent",
            "\n",
            "\n\n",
        ]);
        prop_oneof![
            4 => proptest::sample::select(vec!["2025", "1999", "2199", "1799", "205", "30", "1"])
                .prop_map(str::to_string),
            4 => "[,.;:)!?(\\-–$€%/#'’]",
            3 => words.prop_map(str::to_string),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// A year `claim_at` tells at once is one its full reading skips, to a token with no
        /// start of a claim before it but the year's.
        #[test]
        fn bare_years_told_at_once_are_skipped_in_full(
            parts in proptest::collection::vec((year_piece(), proptest::bool::ANY), 1..10),
        ) {
            let text: String = parts
                .iter()
                .map(|(p, glued)| if *glued { p.clone() } else { format!(" {p}") })
                .collect();
            let mut toks = super::super::token::TokenList::default();
            super::super::token::tokenize(&text, 0, text.len(), &mut toks);
            let toks = toks.tokens;
            for i in 0..toks.len() {
                let mut parser = Parser::new(&text, &toks, &[]);
                if parser.bare_year_before_punctuation(i) {
                    let skipped_to = match parser.claim_at_in_full(i) {
                        Step::Skip(next) => Some(next),
                        Step::Claim(..) => None,
                    };
                    let no_start_passed = skipped_to.is_some_and(|next| {
                        next > i && toks[i + 1..next.min(toks.len())].iter().all(|t| !t.may_start)
                    });
                    proptest::prop_assert!(no_start_passed, "{:?} at {}: {:?}", text, i, skipped_to);
                }
            }
        }
    }

    proptest::proptest! {
        /// "several" and "few" start no number, whatever follows them.
        #[test]
        fn vague_words_start_no_number(
            word in "(several|Several|SEVERAL|few|Few|FEW)",
            after in proptest::collection::vec(
                "(hundred|thousand|million|billion|dozen|of|and|a|half|quarter|times|fold|[0-9]{1,3}|-|,)",
                0..4,
            ),
        ) {
            let text = format!("{word} {}", after.join(" "));
            let mut toks = super::super::token::TokenList::default();
            super::super::token::tokenize(&text, 0, text.len(), &mut toks);
            let toks = toks.tokens;
            let parser = Parser::new(&text, &toks, &[]);
            proptest::prop_assert!(parser.is_vague_word(0));
            proptest::prop_assert!(parser.number_at(0).is_none(), "{:?}", text);
        }
    }

    #[test]
    fn years_before_punctuation_are_told_at_once() {
        for text in ["in 2025, sales", "since 2019.", "(2024)", "in 2030"] {
            let mut toks = super::super::token::TokenList::default();
            super::super::token::tokenize(text, 0, text.len(), &mut toks);
            let toks = toks.tokens;
            let parser = Parser::new(text, &toks, &[]);
            let i = toks.iter().position(|t| t.kind == TokKind::Num).unwrap();
            assert!(parser.bare_year_before_punctuation(i), "{text}");
        }
        // A time is read as one: "20:30" is no year.
        let text = "at 2030:30 today";
        let mut toks = super::super::token::TokenList::default();
        super::super::token::tokenize(text, 0, text.len(), &mut toks);
        let toks = toks.tokens;
        let parser = Parser::new(text, &toks, &[]);
        assert!(!parser.bare_year_before_punctuation(1));
    }

    #[test]
    fn signs_passed_by_before_a_direction_are_these_bytes() {
        assert_eq!("’".as_bytes(), b"\xE2\x80\x99");
        assert_eq!("€".as_bytes(), b"\xE2\x82\xAC");
        assert_eq!("£".as_bytes(), b"\xC2\xA3");
        assert_eq!("¥".as_bytes(), b"\xC2\xA5");
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// The tokenizer's look at the ends of a word that is not plain rules out no word
        /// that may start a number.
        #[test]
        fn other_word_ends_rule_out_no_number_start(
            word in proptest::prop_oneof![
                "(twenty|Thirty|FORTY|fifty|ninety|[a-zA-Z]{1,6})(-|‑)(one|Two|nine|[a-zA-Z0-9]{1,5})",
                "(multi|Multi|MULTI)(-|‑)?(billion|million|[a-z]{1,6})(-(dollar|euro))?",
                "[a-zA-Z]{1,5}(-|‑)?(fold|FOLD|Fold)",
                "[a-zA-Z]{1,8}(’|'|&|\\.)[a-zA-Z0-9]{1,4}",
                "[a-zA-Zé\u{212A}]{1,4}(-|‑)[a-zA-Z]{1,6}",
                "[a-zA-Z][a-zA-Z0-9]{24,28}",
            ],
        ) {
            let text = format!("{word} hundred");
            let mut toks = super::super::token::TokenList::default();
            super::super::token::tokenize(&text, 0, text.len(), &mut toks);
            let toks = toks.tokens;
            let parser = Parser::new(&text, &toks, &[]);
            for (i, tok) in toks.iter().enumerate() {
                if tok.kind == TokKind::Word && parser.may_start_word(i) {
                    proptest::prop_assert!(tok.may_start, "{:?}: {:?}", text, tok);
                }
            }
        }
    }

    #[test]
    fn number_words_with_a_non_breaking_hyphen_start_a_number() {
        let text = "twenty‑one Nvidia’s";
        let mut toks = super::super::token::TokenList::default();
        super::super::token::tokenize(text, 0, text.len(), &mut toks);
        let toks = toks.tokens;
        let parser = Parser::new(text, &toks, &[]);
        assert!(parser.may_start_word(0));
        assert!(!parser.may_start_word(toks.len() - 1));
    }

    #[test]
    fn precision_rules() {
        assert_eq!(precision_of("2050"), (10.0, 3));
        assert_eq!(precision_of("16000"), (1000.0, 2));
        assert_eq!(precision_of("17"), (1.0, 2));
        assert_eq!(precision_of("600"), (100.0, 1));
        let (p, s) = precision_of("5.60");
        assert!((p - 0.01).abs() < 1e-12);
        assert_eq!(s, 3);
        let (p, s) = precision_of("0.5");
        assert!((p - 0.1).abs() < 1e-12);
        assert_eq!(s, 1);
    }
}
