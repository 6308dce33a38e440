//! The claim parser: walks the tokens once and builds a `Claim` around each number.

use super::lexicon::{self, Hedge};
use super::token::{TokKind, Token};
use super::{Amount, Claim, Kind, Number, Unit};
use crate::dataset::Direction;
use crate::document::Span;

pub struct Parser<'a> {
    text: &'a str,
    toks: &'a [Token],
    names: &'a [Span],
    /// Index of the first name that may still cover a token (names are sorted).
    name_cursor: usize,
}

/// A number as read from tokens `start..end` (before scale and unit).
#[derive(Debug, Clone, Copy)]
struct RawNumber {
    start: usize,
    end: usize,
    value: f64,
    /// Place value of the last significant digit, before scaling.
    precision: f64,
    significant_digits: u32,
    /// A scale word inside the number words ("two million").
    word_scale: bool,
    /// Written in words ("four").
    in_words: bool,
}

impl<'a> Parser<'a> {
    pub fn new(text: &'a str, toks: &'a [Token], names: &'a [Span]) -> Self {
        Parser {
            text,
            toks,
            names,
            name_cursor: 0,
        }
    }

    pub fn claims(mut self) -> Vec<Claim> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.toks.len() {
            let next = match self.claim_at(i) {
                Step::Claim(claim, next) => {
                    out.push(*claim);
                    next
                }
                Step::Skip(next) => next,
            };
            i = next.max(i + 1);
        }
        out
    }

    fn t(&self, i: usize) -> Option<&Token> {
        self.toks.get(i)
    }

    fn s(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| &self.text[t.start..t.end])
    }

    fn is_word(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    fn is_num(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.kind == TokKind::Num)
    }

    fn is_punct(&self, i: usize, p: &str) -> bool {
        self.t(i).is_some_and(|t| t.kind == TokKind::Punct) && self.s(i) == p
    }

    fn attached(&self, i: usize) -> bool {
        self.t(i).is_some_and(|t| t.attached)
    }

    fn lower(&self, i: usize) -> String {
        self.s(i).to_lowercase()
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
        let tok = self.toks[i];
        let starts_number = match tok.kind {
            TokKind::Num => true,
            TokKind::Word => self.number_word_start(i) || self.vague_start(i).is_some(),
            _ => false,
        };
        if !starts_number {
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
        if tok.kind == TokKind::Word
            && let Some((low, high, end)) = self.vague_start(i)
        {
            return self.finish_vague(i, low, high, end);
        }
        let Some(first) = self.raw_number(i) else {
            return Step::Skip(i + 1);
        };
        if let Some(skip_to) = self.not_a_claim(&first) {
            return Step::Skip(skip_to);
        }
        self.finish(first)
    }

    // ----- numbers -----------------------------------------------------------------------

    fn raw_number(&self, i: usize) -> Option<RawNumber> {
        if self.is_num(i) {
            let raw = self.s(i);
            let (mantissa, exponent) = match raw.find(['e', 'E']) {
                Some(p) => (&raw[..p], raw[p + 1..].parse::<i32>().ok()?),
                None => (raw, 0),
            };
            let cleaned: String = mantissa
                .chars()
                .filter(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            let value: f64 = cleaned.parse().ok()?;
            let (precision, sig) = precision_of(&cleaned);
            let scale = 10f64.powi(exponent);
            return Some(RawNumber {
                start: i,
                end: i + 1,
                value: value * scale,
                precision: precision * scale,
                significant_digits: sig,
                word_scale: false,
                in_words: false,
            });
        }
        self.number_words(i)
    }

    fn number_word_start(&self, i: usize) -> bool {
        let w = self.lower(i);
        if word_value(&w).is_some() {
            return true;
        }
        match w.as_str() {
            "a" | "an" => {
                let n = self.lower(i + 1);
                matches!(
                    n.as_str(),
                    "dozen" | "hundred" | "thousand" | "million" | "billion" | "trillion"
                )
            }
            "half" => self.lower(i + 1) == "a" && is_scale_word(&self.lower(i + 2)),
            "dozen" => true,
            _ => false,
        }
    }

    /// Number words: "four", "twenty-one", "one hundred and sixty-one", "two and a half
    /// billion", "a dozen", "half a million".
    fn number_words(&self, i: usize) -> Option<RawNumber> {
        let mut total = 0f64;
        let mut current = 0f64;
        let mut seen = false;
        let mut word_scale = false;
        let mut j = i;
        while j < self.toks.len() && self.is_word(j) {
            let w = self.lower(j);
            if let Some(v) = word_value(&w) {
                if seen && current % 100.0 != 0.0 && v < 100.0 && current % 10.0 != 0.0 {
                    break; // "four five": two numbers
                }
                if seen && current != 0.0 && current < 100.0 && v >= 10.0 {
                    break;
                }
                current += v;
                seen = true;
            } else if w == "hundred" && (seen || j > i) {
                current = current.max(1.0) * 100.0;
                seen = true;
            } else if is_scale_word(&w) && (seen || j > i) {
                total += current.max(1.0) * scale_value(&w);
                current = 0.0;
                seen = true;
                word_scale = true;
            } else if w == "dozen" {
                current = current.max(1.0) * 12.0;
                seen = true;
            } else if (w == "a" || w == "an") && !seen {
                let n = self.lower(j + 1);
                if !matches!(
                    n.as_str(),
                    "dozen" | "hundred" | "thousand" | "million" | "billion" | "trillion"
                ) {
                    break;
                }
                current = 1.0;
            } else if w == "half" && !seen && self.lower(j + 1) == "a" {
                current = 0.5;
                j += 1; // "half a million"
            } else if w == "and" && seen {
                // "one hundred and sixty-one", "two and a half billion"
                let n1 = self.lower(j + 1);
                let n2 = self.lower(j + 2);
                if (n1 == "a" || n1 == "one") && n2 == "half" {
                    current += 0.5;
                    j += 3;
                    continue;
                }
                if current >= 100.0 && word_value(&n1).is_some() {
                    j += 1;
                    continue;
                }
                break;
            } else {
                break;
            }
            j += 1;
        }
        if !seen {
            return None;
        }
        let value = total + current;
        let (precision, sig) = precision_of(&format_integer(value));
        Some(RawNumber {
            start: i,
            end: j,
            value,
            precision,
            significant_digits: sig,
            word_scale,
            in_words: true,
        })
    }

    // ----- exclusions ----------------------------------------------------------------------

    /// Dates, times, ordinals, list numbers, phone numbers, labels and names with digits.
    /// Returns where to resume when the number is not a claim.
    fn not_a_claim(&mut self, n: &RawNumber) -> Option<usize> {
        if n.in_words {
            return None;
        }
        let i = n.start;
        let raw = self.s(i);
        let next = self.s(i + 1);
        let next_attached = self.attached(i + 1);
        let prev_attached = self.attached(i);
        // Ordinals and decades: 1st, 21st, 4th, 1990s, '90s.
        if next_attached && self.is_word(i + 1) {
            let lower = next.to_lowercase();
            if matches!(lower.as_str(), "st" | "nd" | "rd" | "th") {
                return Some(i + 2);
            }
            if lower == "s" && (raw.len() == 4 || raw.len() == 2) && raw.ends_with('0') {
                return Some(i + 2);
            }
            if matches!(lower.as_str(), "am" | "pm") {
                return Some(i + 2);
            }
        }
        // '25, '90s
        if prev_attached
            && i > 0
            && (self.s(i - 1) == "'" || self.s(i - 1) == "’")
            && raw.len() == 2
        {
            return Some(i + 1);
        }
        // Rank: #1, No. 1
        if prev_attached && i > 0 && self.s(i - 1) == "#" {
            return Some(i + 1);
        }
        // Times: 10:30, 3 p.m.
        if next_attached && next == ":" && self.is_num(i + 2) && self.attached(i + 2) {
            return Some(i + 3);
        }
        if matches!(next.to_lowercase().as_str(), "p" | "a")
            && self.s(i + 2) == "."
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
            && self.s(i - 1) == "("
            && prev_attached
            && next == ")"
            && next_attached
            && n.value < 100.0
            && !raw.contains([',', '.'])
        {
            return Some(i + 2);
        }
        // Labels: section 3, page 12, No. 1, top 10.
        if let Some(b) = before
            && lexicon::is_label_word(self.s(b))
            && !raw.contains(',')
            && !self.unit_follows(i + 1)
            && (b + 1 == i || (b + 2 == i && self.s(b + 1) == "."))
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
        if self.s(b) == "." {
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
            || self.is_sentence_start(prev)
            || w.ends_with("’s")
            || w.ends_with("'s")
        {
            return None;
        }
        // A unit after the number makes it a quantity ("Meta 1.3 million GPUs" is rare, but
        // "FY 17%" is a percent): only bare numbers are name parts.
        if self.unit_follows(i + 1) {
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

    fn is_sentence_start(&self, i: usize) -> bool {
        if i == 0 {
            return true;
        }
        let t = &self.toks[i];
        t.newline_before && {
            // A new line after a blank line starts a paragraph.
            let between = &self.text[self.toks[i - 1].end..t.start];
            between.matches('\n').count() >= 2
        } || matches!(self.s(i - 1), "." | "!" | "?" | "\"" | "“" | ":")
    }

    /// Whether a unit word or sign follows at `j` (so the number is a quantity, not a label).
    fn unit_follows(&self, j: usize) -> bool {
        let w = self.s(j);
        if self.is_punct(j, "%") {
            return true;
        }
        let lower = w.to_lowercase();
        lexicon::scale_of(w, self.attached(j)).is_some()
            || matches!(
                lower.as_str(),
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

    fn has_currency_before(&self, i: usize) -> bool {
        i > 0 && self.currency_before(i).is_some()
    }

    // ----- building the claim ----------------------------------------------------------------

    fn finish(&mut self, first: RawNumber) -> Step {
        let mut j = first.end;
        // Scale after the first number.
        let (first, j2) = self.apply_scale(first, j);
        j = j2;
        let mut amount_end = j; // token index after the number(s) and scale
        let mut number_last = first.end - 1;
        let mut second: Option<Scaled> = None;
        let mut second_currency: Option<&'static str> = None;

        // A range: "60-65", "$60 billion to $65 billion", "between 60 and 65", "60–65%".
        if let Some((b_start, currency)) = self.range_connector(first.start, j)
            && let Some(b) = self.raw_number(b_start)
            && b.in_words == first.in_words
        {
            let (b, after_b) = self.apply_scale(b, b.end);
            second = Some(b);
            second_currency = currency;
            number_last = b.end - 1;
            amount_end = after_b;
        }
        let (mut a, mut b) = (first, second);
        // A scale written only after the second number applies to both ("$60-65 billion").
        if let Some(bb) = b.as_ref()
            && bb.scale_word
            && !a.scale_word
        {
            a = a.scaled_like(bb);
        }
        if b.is_some_and(|bb| bb.value <= a.value) {
            // "3-1" or a descending pair is no range: keep the first number alone.
            b = None;
            amount_end = j;
            number_last = a.end - 1;
        }

        // Prefix: currency and sign, then hedge.
        let mut claim_start_tok = first.start;
        let mut currency: Option<&'static str> = None;
        if let Some((code, at)) = self.currency_before(first.start) {
            currency = Some(code);
            claim_start_tok = at;
        }
        currency = currency.or(second_currency);
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
            } else if s.eq_ignore_ascii_case("minus") {
                negative = true;
                claim_start_tok -= 1;
            }
        }
        let mut hedge: Option<(Hedge, String, usize)> = self.hedge_before(claim_start_tok);

        // Unit after the amount.
        let (mut unit, mut unit_end, value_factor) = self.unit_after(amount_end, currency, &a);
        if currency.is_some() && unit.kind != Kind::Money && unit.kind != Kind::Rate {
            unit = Unit {
                kind: Kind::Money,
                code: currency.unwrap_or("USD").to_string(),
                noun: None,
            };
            unit_end = amount_end;
        }
        // Money can be a rate: "$2 per GPU hour", "$15/million tokens".
        if unit.kind == Kind::Money
            && let Some((rate, end)) = self.rate_after(unit_end, &unit.code)
        {
            unit = rate;
            unit_end = end;
        }
        let a = a.times(value_factor);
        let b = b.map(|b| b.times(value_factor));

        // Numbers in words need a unit to be claims: "one of the", "two said" are not.
        if a.in_words
            && unit.kind == Kind::Count
            && (unit.noun.is_none() || (a.value == 1.0 && !a.scale_word))
        {
            return Step::Skip(a.end);
        }
        // A bare year: 2025, "the 2024 election".
        if !a.in_words
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
        // A duration after "over", "for", "in", "within" is a span of time, not a hedge.
        if unit.kind == Kind::Duration && hedge.as_ref().is_some_and(|(_, text, _)| text == "over")
        {
            hedge = None;
        }

        if let Some((_, _, at)) = &hedge {
            claim_start_tok = *at;
        }
        let direction = if negative {
            Some(Direction::Down)
        } else if positive {
            Some(Direction::Up)
        } else {
            self.direction_around(claim_start_tok, unit_end)
        };

        let last_tok = unit_end.max(amount_end).saturating_sub(1);
        let span = Span::new(self.toks[claim_start_tok].start, self.toks[last_tok].end);
        let number_span = Span::new(self.toks[a.start].start, self.toks[number_last].end);
        let amount = match b {
            Some(b) => Amount::Range(a.number(), b.number()),
            None => Amount::Exact(a.number()),
        };
        let (hedge, hedge_text) = match hedge {
            Some((h, text, _)) => (Some(h), Some(text)),
            None => (None, None),
        };
        Step::Claim(
            Box::new(Claim {
                span,
                number_span,
                amount,
                unit,
                hedge,
                hedge_text,
                direction,
                sentence: span,
                attribution: None,
            }),
            unit_end.max(amount_end),
        )
    }

    fn determiner_before(&self, i: usize) -> bool {
        i > 0
            && matches!(
                self.lower(i - 1).as_str(),
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
            )
    }

    /// Applies a scale word or suffix at `j` ("million", "bn", "M" glued); returns the number and
    /// the index after the scale.
    fn apply_scale(&self, n: RawNumber, j: usize) -> (Scaled, usize) {
        let mut scaled = Scaled::from(n);
        if n.word_scale {
            scaled.scale_word = true;
        }
        if j < self.toks.len() && self.is_word(j) {
            let w = self.s(j);
            let glued = self.attached(j);
            let lone_letter = w.len() == 1;
            // A single letter after a space is a scale only in "$5.6 M"-like money or "16 K".
            if let Some(scale) = lexicon::scale_of(w, glued)
                && (glued || !lone_letter || self.has_currency_before(n.start))
                && (!n.in_words || is_scale_word(&w.to_lowercase()))
            {
                scaled.value *= scale;
                scaled.precision *= scale;
                scaled.scale = scale;
                scaled.scale_word = true;
                scaled.end = j + 1;
                return (scaled, j + 1);
            }
        }
        (scaled, j)
    }

    /// After the first number (tokens up to `j`), a range connector and the index of the second
    /// number, with a currency sign written before the second number.
    fn range_connector(
        &self,
        first_start: usize,
        j: usize,
    ) -> Option<(usize, Option<&'static str>)> {
        let c = self.s(j);
        let between = first_start > 0 && {
            let mut k = first_start;
            // skip currency sign before the first number
            while k > 0
                && self.t(k - 1).is_some_and(|t| t.kind == TokKind::Punct)
                && self.attached(k)
            {
                k -= 1;
            }
            k > 0 && self.lower(k - 1) == "between"
        };
        let from = first_start > 0 && {
            let mut k = first_start;
            while k > 0
                && self.t(k - 1).is_some_and(|t| t.kind == TokKind::Punct)
                && self.attached(k)
            {
                k -= 1;
            }
            k > 0 && self.lower(k - 1) == "from"
        };
        let ok = match c {
            "-" | "‑" => self.attached(j) && self.attached(j + 1),
            "–" => true,
            "to" => !from && !between,
            "and" => between,
            _ => false,
        };
        if !ok {
            return None;
        }
        let mut k = j + 1;
        let mut currency = None;
        if let Some((code, len)) = self.currency_sign_at(k) {
            currency = Some(code);
            k += len;
        }
        (self.is_num(k)
            || (self.is_word(k) && self.number_word_start(k) && self.raw_number(k).is_some()))
        .then_some((k, currency))
    }

    /// A currency sign made of tokens starting at `k` ("$", "US" "$", "€"): its code and length.
    fn currency_sign_at(&self, k: usize) -> Option<(&'static str, usize)> {
        for (sign, code) in lexicon::CURRENCY_SIGNS {
            let mut len = 0;
            let mut matched = String::new();
            while matched.len() < sign.len() && k + len < self.toks.len() {
                if len > 0 && !self.attached(k + len) {
                    break;
                }
                matched.push_str(self.s(k + len));
                len += 1;
            }
            if matched == *sign {
                return Some((code, len));
            }
        }
        None
    }

    /// A currency written before the number at `i` (glued sign, or a code/sign with a space:
    /// "$ 75 million", "USD 5 million"); its code and first token.
    fn currency_before(&self, i: usize) -> Option<(&'static str, usize)> {
        // Signs of up to three tokens ending right before i.
        for back in (1..=3).rev() {
            if i < back {
                continue;
            }
            let start = i - back;
            if let Some((code, len)) = self.currency_sign_at(start)
                && len == back
            {
                // A sign needs to sit next to the number, or one space apart ("$ 75").
                return Some((code, start));
            }
        }
        if i > 0 && self.is_word(i - 1) {
            let w = self.s(i - 1);
            if w.len() == 3
                && w.chars().all(|c| c.is_ascii_uppercase())
                && let Some(code) = lexicon::currency_word(w)
            {
                return Some((code, i - 1));
            }
        }
        None
    }

    /// The hedge phrase ending right before token `i`, its lower-case text and first token.
    fn hedge_before(&self, i: usize) -> Option<(Hedge, String, usize)> {
        let mut best = None;
        let mut words: Vec<String> = Vec::new();
        let mut k = i;
        while words.len() < lexicon::MAX_HEDGE_WORDS && k > 0 {
            k -= 1;
            if self.s(k) == "~" && k + 1 == i {
                return Some((Hedge::About, "~".into(), k));
            }
            if !self.is_word(k) {
                break;
            }
            words.insert(0, self.lower(k));
            let phrase = words.join(" ");
            if let Some(h) = lexicon::hedge_of(&phrase) {
                best = Some((h, phrase, k));
            }
        }
        best
    }

    /// The unit after the amount ending at token `j`: returns the unit, the index after it, and
    /// a factor for the value (basis points → percentage points).
    fn unit_after(
        &self,
        j: usize,
        currency: Option<&'static str>,
        n: &Scaled,
    ) -> (Unit, usize, f64) {
        let unit = |kind, code: &str| Unit {
            kind,
            code: code.to_string(),
            noun: None,
        };
        let w = self.s(j);
        let lower = w.to_lowercase();
        if self.is_punct(j, "%") {
            return (unit(Kind::Percent, "%"), j + 1, 1.0);
        }
        if self.is_word(j) {
            match lower.as_str() {
                "percent" | "pct" => return (unit(Kind::Percent, "%"), j + 1, 1.0),
                "per" if self.lower(j + 1) == "cent" => {
                    return (unit(Kind::Percent, "%"), j + 2, 1.0);
                }
                "percentage" if self.lower(j + 1).starts_with("point") => {
                    return (unit(Kind::PercentagePoints, "pp"), j + 2, 1.0);
                }
                "pp" | "ppt" | "ppts" => return (unit(Kind::PercentagePoints, "pp"), j + 1, 1.0),
                "bps" | "bp" => return (unit(Kind::PercentagePoints, "pp"), j + 1, 0.01),
                "basis" if self.lower(j + 1).starts_with("point") => {
                    return (unit(Kind::PercentagePoints, "pp"), j + 2, 0.01);
                }
                _ => {}
            }
            if currency.is_none()
                && let Some(code) = lexicon::currency_word(w)
            {
                return (unit(Kind::Money, code), j + 1, 1.0);
            }
            if currency.is_none()
                && matches!(lower.as_str(), "of")
                && let Some(code) = lexicon::currency_word(self.s(j + 1))
                && n.scale_word
            {
                // "billions of dollars"
                return (unit(Kind::Money, code), j + 2, 1.0);
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
            if matches!(lower.as_str(), "times" | "fold") && !self.attached(j) && currency.is_none()
            {
                if lower == "times"
                    && !self.is_punct(j + 1, ",")
                    && matches!(self.lower(j + 1).as_str(), "a" | "per" | "each" | "in")
                {
                    // "three times a week" is a frequency, not a multiplier.
                } else {
                    return (unit(Kind::Multiplier, "x"), j + 1, 1.0);
                }
            }
        }
        // "54-day", "four-year", "10-fold".
        if (w == "-" || w == "‑") && self.attached(j) && self.attached(j + 1) && self.is_word(j + 1)
        {
            let next = self.s(j + 1);
            if let Some(d) = lexicon::duration_unit(next) {
                return (unit(Kind::Duration, d), j + 2, 1.0);
            }
            if next.eq_ignore_ascii_case("fold") {
                return (unit(Kind::Multiplier, "x"), j + 2, 1.0);
            }
            if let Some(code) = lexicon::currency_word(next)
                && currency.is_none()
            {
                return (unit(Kind::Money, code), j + 2, 1.0);
            }
            if let Some(m) = lexicon::measure_unit(next) {
                return (unit(Kind::Measure, m), j + 2, 1.0);
            }
        }
        if currency.is_some() {
            return (unit(Kind::Money, currency.unwrap_or("USD")), j, 1.0);
        }
        // "11x"
        // A counted noun.
        if let Some((noun_words, end)) = self.noun_phrase(j) {
            let head = noun_words.last().map(|&k| self.s(k)).unwrap_or("");
            let phrase_text = &self.text[self.toks[noun_words[0]].start..self.toks[end - 1].end];
            if let Some(d) = lexicon::duration_unit(head) {
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

    /// A counted noun phrase at `j`: up to three words, after an optional "of" + possessive or
    /// determiner ("16,000 of Nvidia's more powerful H100s"). Returns word indices and end.
    fn noun_phrase(&self, j: usize) -> Option<(Vec<usize>, usize)> {
        let mut k = j;
        if self.lower(k) == "of" && self.is_word(k + 1) {
            k += 1;
            let w = self.s(k);
            let possessive =
                w.ends_with("’s") || w.ends_with("'s") || w.ends_with("s’") || w.ends_with("s'");
            if possessive
                || matches!(
                    w.to_lowercase().as_str(),
                    "the" | "its" | "their" | "his" | "her" | "our" | "these" | "those"
                )
            {
                k += 1;
            }
        }
        let mut words = Vec::new();
        let mut prev_lower = false;
        while words.len() < 3 && self.is_word(k) {
            let w = self.s(k);
            if self.t(k).is_some_and(|t| t.newline_before) && !words.is_empty() {
                break;
            }
            let lower = w.to_lowercase();
            let adverb = matches!(lower.as_str(), "more" | "most" | "less")
                && self.is_word(k + 1)
                && !matches!(self.lower(k + 1).as_str(), "than" | "of");
            if adverb && words.is_empty() {
                k += 1;
                continue;
            }
            if lexicon::is_phrase_stop(w)
                || lexicon::hedge_of(&lower).is_some()
                || lexicon::month_of(w).is_some()
            {
                break;
            }
            let capital = w.chars().next().is_some_and(|c| c.is_uppercase());
            // "chips U.S. firms": a capital after a lower-case word starts a new noun phrase,
            // unless it is a product or an acronym ("more powerful H100s", "GPUs").
            if capital && prev_lower && !(w.chars().any(|c| c.is_ascii_digit()) || is_acronym(w)) {
                break;
            }
            // A participle ends the phrase ("5 companies said", "500 centers serving"), unless
            // a noun follows it ("graphics processing units").
            let participle = lower.ends_with("ed") || lower.ends_with("ing");
            let noun_follows = self.is_word(k + 1)
                && !lexicon::is_phrase_stop(self.s(k + 1))
                && is_plural(self.s(k + 1));
            if !words.is_empty()
                && participle
                && !noun_follows
                && lexicon::direction_of(w).is_none()
            {
                break;
            }
            if !words.is_empty() && lexicon::direction_of(w).is_some() {
                break;
            }
            if w.ends_with("’s") || w.ends_with("'s") {
                break;
            }
            if lexicon::scale_of(w, false).is_some() && words.is_empty() {
                break;
            }
            prev_lower = !capital;
            words.push(k);
            k += 1;
            // A hyphen joins only inside a word token; a plural head ends a short phrase.
            if is_plural(w) && !capital && !words.is_empty() && !self.is_word(k) {
                break;
            }
        }
        // Trim trailing words that are not nouns: a lone adjective-like word stays.
        if words.is_empty() {
            return None;
        }
        let end = *words.last().unwrap_or(&j) + 1;
        Some((words, end))
    }

    /// A rate after money ending at `j`: "per GPU hour", "per million tokens", "/million".
    fn rate_after(&self, j: usize, currency: &str) -> Option<(Unit, usize)> {
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
        } else if matches!(self.lower(k).as_str(), "a" | "one") {
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
            (false, false) => format!("{} {}", parts.join(" "), noun),
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
                    let w = self.lower(k);
                    if (w == "up" || w == "down") && words > 2 {
                        continue;
                    }
                    if w == "up" && matches!(self.lower(k + 1).as_str(), "to" | "with" | "from") {
                        continue;
                    }
                    if let Some(d) = lexicon::direction_of(&w) {
                        return Some(d);
                    }
                }
                TokKind::Punct if matches!(self.s(k), "'" | "’" | "$" | "€" | "£" | "¥" | "-") =>
                    {}
                _ => break,
            }
        }
        // A noun after: "a 17% drop", "17% lower".
        let after = self.lower(end);
        if self.is_word(end)
            && matches!(
                after.as_str(),
                "drop"
                    | "fall"
                    | "decline"
                    | "loss"
                    | "slump"
                    | "plunge"
                    | "cut"
                    | "decrease"
                    | "lower"
                    | "dip"
                    | "slide"
                    | "rise"
                    | "gain"
                    | "jump"
                    | "increase"
                    | "surge"
                    | "higher"
                    | "climb"
                    | "rally"
                    | "boost"
            )
        {
            return lexicon::direction_of(&after).or(match after.as_str() {
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
    fn vague_start(&self, i: usize) -> Option<(f64, f64, usize)> {
        let w = self.lower(i);
        let plural_scale = |s: &str| -> Option<f64> {
            Some(match s {
                "thousands" => 1e3,
                "millions" => 1e6,
                "billions" => 1e9,
                "trillions" => 1e12,
                _ => return None,
            })
        };
        match w.as_str() {
            "tens" | "hundreds" | "dozens" if self.lower(i + 1) == "of" => {
                let base = match w.as_str() {
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
                let s = plural_scale(&w)?;
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

    fn finish_vague(&mut self, i: usize, low: f64, high: f64, end: usize) -> Step {
        let mut unit_end = end;
        let mut unit = Unit {
            kind: Kind::Count,
            code: String::new(),
            noun: None,
        };
        let currency_before = self.currency_before(i);
        if let Some((code, _)) = currency_before {
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
            let head = self.s(*words.last().unwrap_or(&end));
            let noun = &self.text[self.toks[words[0]].start..self.toks[e - 1].end];
            unit = Unit {
                kind: Kind::Count,
                code: lexicon::singular(head),
                noun: Some(noun.to_string()),
            };
            unit_end = e;
        }
        let start_tok = currency_before.map_or(i, |(_, at)| at);
        let span = Span::new(self.toks[start_tok].start, self.toks[unit_end - 1].end);
        let number_span = Span::new(self.toks[i].start, self.toks[end - 1].end);
        let direction = self.direction_around(start_tok, unit_end);
        Step::Claim(
            Box::new(Claim {
                span,
                number_span,
                amount: Amount::Vague { low, high },
                unit,
                hedge: None,
                hedge_text: None,
                direction,
                sentence: span,
                attribution: None,
            }),
            unit_end,
        )
    }
}

enum Step {
    Claim(Box<Claim>, usize),
    Skip(usize),
}

/// A number after its scale.
#[derive(Debug, Clone, Copy)]
struct Scaled {
    start: usize,
    end: usize,
    value: f64,
    precision: f64,
    significant_digits: u32,
    /// The scale applied (1 when none): 1e9 for "billion", "bn", "B".
    scale: f64,
    /// A scale word or suffix was written (inside number words or after the digits).
    scale_word: bool,
    in_words: bool,
}

impl From<RawNumber> for Scaled {
    fn from(n: RawNumber) -> Self {
        Scaled {
            start: n.start,
            end: n.end,
            value: n.value,
            precision: n.precision,
            significant_digits: n.significant_digits,
            scale: 1.0,
            scale_word: n.word_scale,
            in_words: n.in_words,
        }
    }
}

impl Scaled {
    /// Applies the scale of `other` to this unscaled number ("60" in "$60-65 billion").
    fn scaled_like(self, other: &Scaled) -> Scaled {
        Scaled {
            value: self.value * other.scale,
            precision: self.precision * other.scale,
            scale: other.scale,
            scale_word: true,
            ..self
        }
    }
    fn times(self, f: f64) -> Scaled {
        Scaled {
            value: self.value * f,
            precision: self.precision * f,
            ..self
        }
    }
    fn number(&self) -> Number {
        Number {
            value: self.value,
            precision: self.precision,
            one_digit_scaled: self.significant_digits == 1 && self.scale_word,
        }
    }
}

/// The place value of the last significant digit of a plain decimal numeral, and the count of
/// significant digits: "2050" → (10, 3), "5.60" → (0.01, 3), "16000" → (1000, 2).
pub fn precision_of(numeral: &str) -> (f64, u32) {
    let (int, frac) = match numeral.split_once('.') {
        Some((i, f)) => (i, f),
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
    (10f64.powi(trailing_zeros as i32), sig.max(1))
}

fn format_integer(v: f64) -> String {
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

/// The value of a single number word or a hyphenated one ("twenty-one").
fn word_value(w: &str) -> Option<f64> {
    if let Some(v) = lexicon::small_number(w) {
        return Some(v as f64);
    }
    let (tens, units) = w.split_once(['-', '‑'])?;
    let t = lexicon::small_number(tens)?;
    let u = lexicon::small_number(units)?;
    (t >= 20 && t % 10 == 0 && (1..10).contains(&u)).then_some((t + u) as f64)
}

#[cfg(test)]
mod tests {
    use super::*;

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
