//! The reader stage: numeric claims in prose, with byte spans (semantics.md §1).
//!
//! One pass tokenizes the prose ranges; the parser then walks the tokens once, looking a few
//! tokens back (currency, sign, hedge, direction) and ahead (scale, unit, noun, range end) of each
//! number. It never looks at the dataset's values: names (entities and aliases) come in as spans,
//! and any number inside one is part of a name, not a claim.

pub mod lexicon;
mod number;
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
///
/// The prose is tokenized once, and each paragraph (the document's, or a run of tokens between
/// blank lines) is parsed on its own: a claim's look-back and look-ahead never cross a paragraph
/// break, so text added after one never changes the claims before it. A claim may still cross a
/// line break or a gap between prose ranges inside a paragraph ("$1.5\nbillion").
pub fn read(doc: &Document, names: &[Span]) -> Vec<Claim> {
    read_in(doc, &doc.prose, names)
}

/// The claims of `read` in some of the document's prose: `prose` is a sorted subset of
/// `doc.prose`, or of its pieces cut at a line break between two paragraphs (where no token or
/// claim crosses), so reading a long document block by block gives the same claims.
pub fn read_in(doc: &Document, prose: &[Span], names: &[Span]) -> Vec<Claim> {
    let prose_bytes: usize = prose.iter().map(|r| r.end - r.start).sum();
    let mut list = token::TokenList::with_capacity_for(prose_bytes);
    for range in prose {
        token::tokenize(&doc.text, range.start, range.end, &mut list);
    }
    let tokens = &list.tokens;
    // About one claim per 150 bytes of news prose: room for most at once, without a pass over
    // the tokens to count them (a longer list grows as it needs).
    let mut claims = Vec::with_capacity(prose_bytes / 150);
    let mut para = 0; // cursor into doc.paragraphs
    let paragraph_of = |offset: usize, para: &mut usize| -> Option<usize> {
        let ps = &doc.paragraphs;
        while *para < ps.len() && ps[*para].end <= offset {
            *para += 1;
        }
        (*para < ps.len() && ps[*para].start <= offset).then_some(*para)
    };
    // The offset from which a token may lie in another paragraph than `current`: the end of
    // the current one, or the start of the next one between paragraphs.
    let change_from = |current: Option<usize>, para: usize| match current {
        Some(p) => doc.paragraphs[p].end,
        None => doc.paragraphs.get(para).map_or(usize::MAX, |p| p.start),
    };
    let mut from = 0;
    let mut current = tokens
        .first()
        .and_then(|t| paragraph_of(t.start, &mut para));
    let mut next_change = change_from(current, para);
    // A parse ends only at a token after a line break, noted by the tokenizer (`line` is a
    // cursor into them), or at the first from `next_change` on.
    let line_starts = &list.line_starts;
    let mut line = 0;
    // A cursor into the tokens that may start a claim: the first of the paragraph parsed next.
    let starts = &list.starts;
    let mut first_start = 0;
    let mut k = 1;
    while k <= tokens.len() {
        while line < line_starts.len() && line_starts[line] < k {
            line += 1;
        }
        let next_line = line_starts.get(line).copied().unwrap_or(tokens.len());
        // The tokens before the next line start are in the order of the text: the paragraph
        // changes among them only if it does at the last.
        k = if next_line > k && tokens[next_line - 1].start >= next_change {
            k + tokens[k..next_line].partition_point(|t| t.start < next_change)
        } else {
            next_line
        };
        let boundary = k == tokens.len() || {
            // A token with no line break before it follows no blank line.
            let blank_line = tokens[k].newline_before
                && is_blank_line(&doc.text.as_bytes()[tokens[k - 1].end..tokens[k].start]);
            let changed = tokens[k].start >= next_change && {
                let here = paragraph_of(tokens[k].start, &mut para);
                let changed = here != current;
                current = here;
                next_change = change_from(current, para);
                changed
            };
            blank_line || changed
        };
        if boundary {
            let mut end_start = first_start;
            while end_start < starts.len() && starts[end_start] < k {
                end_start += 1;
            }
            // A paragraph with no token that may start a claim has none.
            if end_start > first_start {
                let names = names_within(names, &tokens[from..k]);
                let paragraph_starts = starts[first_start..end_start].iter().map(|&s| s - from);
                parse::Parser::new(&doc.text, &tokens[from..k], names)
                    .claims_into(paragraph_starts, &mut claims);
            }
            first_start = end_start;
            from = k;
        }
        k += 1;
    }
    // Claims come in the order of the text: each one's sentence is found by walking on from
    // the last one's (a search finds the first, and any claim that would go back).
    let sentences = &doc.sentences;
    let mut at: Option<usize> = None;
    for claim in &mut claims {
        let offset = claim.span.start;
        let mut i = match at {
            Some(i) if i == 0 || sentences[i - 1].end <= offset => i,
            _ => sentences.partition_point(|s| s.end <= offset),
        };
        while i < sentences.len() && sentences[i].end <= offset {
            i += 1;
        }
        at = Some(i);
        // As `Document::sentence_index`.
        claim.sentence = match sentences.get(i) {
            Some(s) if s.start <= offset => *s,
            _ => claim.span,
        };
    }
    attach_attributions(doc, &mut claims);
    claims
}

/// Whether the whitespace between two tokens holds a blank line. Most gaps are one space, so
/// line breaks are looked for before anything is counted.
fn is_blank_line(gap: &[u8]) -> bool {
    if gap.len() < 2 || !gap.iter().any(|&b| b == b'\n' || b == b'\r') {
        return false;
    }
    gap.iter().filter(|&&b| b == b'\n').count() >= 2
        || gap.windows(2).any(|w| w == b"\r\r")
        || gap.windows(3).any(|w| w == b"\r\n\r")
}

/// The names (sorted by start) that may overlap the given tokens.
fn names_within<'n>(names: &'n [Span], toks: &[token::Token]) -> &'n [Span] {
    let (Some(first), Some(last)) = (toks.first(), toks.last()) else {
        return &names[..0];
    };
    let lo = names.partition_point(|n| n.end <= first.start);
    let hi = names.partition_point(|n| n.start < last.end).max(lo);
    &names[lo..hi]
}

/// "X said", "according to X": found once per sentence that holds a claim.
fn attach_attributions(doc: &Document, claims: &mut [Claim]) {
    // The claims of a sentence are next to each other: its attribution is moved into the last
    // of them, and cloned for the others only.
    for run in claims.chunk_by_mut(|a, b| a.sentence == b.sentence) {
        let sentence = run[0].sentence;
        let found = attribution(&doc.text[sentence.start..sentence.end]);
        if let Some((last, others)) = run.split_last_mut() {
            for claim in others {
                claim.attribution.clone_from(&found);
            }
            last.attribution = found;
        }
    }
}

/// Whether an ASCII byte is part of a word for `attribution`: a letter, a digit or '&.-
/// (non-ASCII bytes are false here and decoded there).
static ASCII_WORD_PART: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] =
            (b as u8).is_ascii_alphanumeric() || matches!(b as u8, b'\'' | b'&' | b'.' | b'-');
        b += 1;
    }
    table
};

/// Verbs of saying after a speaker (`speaker` passes by words on their first two letters: a
/// new verb is added there too).
fn is_saying_verb(word: &str) -> bool {
    matches!(
        word,
        "said"
            | "says"
            | "told"
            | "reported"
            | "announced"
            | "estimated"
            | "estimates"
            | "claimed"
            | "claims"
            | "stated"
            | "disclosed"
            | "wrote"
            | "noted"
    )
}

/// The attribution of a sentence: the first speaker with a verb of saying ("DeepSeek said",
/// "Mark Zuckerberg said", "it said", "the company said"), else the first "according to X"
/// ("according to Reuters", "according to the technical paper").
///
/// Words are runs of letters, digits and ’'&.-. A verb follows its speaker after one space, so
/// only the words after a space are looked at as verbs, and the words of the speaker are then
/// read backwards from there; "according" is found by its "g".
pub fn attribution(sentence: &str) -> Option<String> {
    speaker(sentence).or_else(|| according_to(sentence))
}

/// The first "X said" of a sentence (see `attribution`).
fn speaker(sentence: &str) -> Option<String> {
    let bytes = sentence.as_bytes();
    let capitalised = |start: usize| bytes[start].is_ascii_uppercase();
    // The word that ends right before the space at `gap`, if one does: its start.
    let word_before = |gap: usize| word_start_before(sentence, gap);
    let mut from = 0;
    while let Some(gap) = next_space(bytes, from) {
        from = gap + 1;
        let start = gap + 1;
        // Every verb of saying starts with one of these pairs of letters: most words are
        // passed by on their first two bytes.
        let (Some(&first), Some(&second)) = (bytes.get(start), bytes.get(start + 1)) else {
            continue;
        };
        if !matches!(
            (first, second),
            (b's', b'a' | b't')
                | (b't', b'o')
                | (b'r', b'e')
                | (b'a', b'n')
                | (b'e', b's')
                | (b'c', b'l')
                | (b'd', b'i')
                | (b'w', b'r')
                | (b'n', b'o')
        ) {
            continue;
        }
        let verb = sentence[start..word_end(sentence, start)].trim_end_matches('.');
        if !is_saying_verb(verb) {
            continue;
        }
        let Some(prev) = word_before(gap) else {
            continue;
        };
        let end = start + verb.len();
        let prev_text = &sentence[prev..gap];
        if matches!(
            prev_text,
            "it" | "It" | "he" | "He" | "she" | "She" | "they" | "They"
        ) {
            return Some(sentence[prev..end].to_string());
        }
        if prev_text.eq_ignore_ascii_case("company")
            && prev > 0
            && bytes[prev - 1] == b' '
            && let Some(the) = word_before(prev - 1)
            && sentence[the..prev - 1].eq_ignore_ascii_case("the")
        {
            return Some(sentence[the..end].to_string());
        }
        if capitalised(prev) {
            // The name runs back over capitalised neighbours, four words at most.
            let mut first = prev;
            for _ in 1..4 {
                match first.checked_sub(1) {
                    Some(gap) if bytes[gap] == b' ' => match word_before(gap) {
                        Some(s) if capitalised(s) => first = s,
                        _ => break,
                    },
                    _ => break,
                }
            }
            return Some(sentence[first..end].to_string());
        }
    }
    None
}

/// The index of the first space in `bytes` from `from` on. Spaces are a few bytes apart, too
/// close for a vector search to pay for its start at each: eight bytes are looked at at once
/// while eight remain (a zero byte of `x` is a space; the lowest one `zeros` marks is exact,
/// though a borrow may mark others above it).
fn next_space(bytes: &[u8], mut from: usize) -> Option<usize> {
    const ONES: u64 = u64::from_le_bytes([0x01; 8]);
    const HIGHS: u64 = u64::from_le_bytes([0x80; 8]);
    const SPACES: u64 = u64::from_le_bytes([b' '; 8]);
    while let Some(chunk) = bytes.get(from..from + 8) {
        let x = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) ^ SPACES;
        let zeros = x.wrapping_sub(ONES) & !x & HIGHS;
        if zeros != 0 {
            return Some(from + (zeros.trailing_zeros() / 8) as usize);
        }
        from += 8;
    }
    let rest = bytes.get(from..)?;
    rest.iter().position(|&b| b == b' ').map(|p| from + p)
}

/// The first "according to X" of a sentence (see `attribution`).
fn according_to(sentence: &str) -> Option<String> {
    /// Words looked at after "according": "to", an article, then a name of up to four words.
    const AHEAD: usize = 6;
    type Word = (usize, usize);
    let bytes = sentence.as_bytes();
    let text = |w: Word| &sentence[w.0..w.1];
    // Two words are neighbours when one plain space separates them.
    let next_to = |a: Word, b: Word| a.1 + 1 == b.0 && bytes[a.1] == b' ';
    // Words are never empty.
    let capitalised = |w: Word| bytes[w.0].is_ascii_uppercase();
    for g in memchr::memchr2_iter(b'g', b'G', bytes) {
        let Some(start) = g.checked_sub(8) else {
            continue;
        };
        // A word of its own: no part of a word on either side.
        if !bytes[start..=g].eq_ignore_ascii_case(b"according")
            || word_start_before(sentence, start).is_some()
            || word_end(sentence, g + 1) > g + 1
        {
            continue;
        }
        let word = (start, g + 1);
        // The words after it: `ahead[m - 1]` is the `m`-th.
        let mut ahead: [Word; AHEAD] = [(0, 0); AHEAD];
        let mut count = 0;
        let mut from = word.1;
        while count < AHEAD
            && let Some(next) = next_word(sentence, from)
        {
            ahead[count] = next;
            count += 1;
            from = next.1;
        }
        let nth = |m: usize| if m == 0 { word } else { ahead[m - 1] };
        if !(count >= 2
            && next_to(word, ahead[0])
            && text(ahead[0]) == "to"
            && next_to(ahead[0], ahead[1]))
        {
            continue;
        }
        let mut j = 2;
        if matches!(text(nth(j)), "the" | "a") && j < count && next_to(nth(j), nth(j + 1)) {
            j += 1;
        }
        let mut last = None;
        if capitalised(nth(j)) {
            let mut e = j;
            while e < count && e - j < 3 && next_to(nth(e), nth(e + 1)) && capitalised(nth(e + 1)) {
                e += 1;
            }
            last = Some(e);
        } else if j < count
            && next_to(nth(j), nth(j + 1))
            && text(nth(j)).bytes().all(|b| b.is_ascii_lowercase())
            && text(nth(j + 1)).bytes().all(|b| b.is_ascii_lowercase())
        {
            last = Some(j + 1);
        }
        if let Some(e) = last {
            let found = sentence[word.0..nth(e).1].trim_end_matches([',', '.']);
            return Some(found.to_string());
        }
    }
    None
}

/// Whether the character at byte `i` is part of a word for `attribution`, and its length.
fn word_part_at(sentence: &str, i: usize) -> (bool, usize) {
    let b = sentence.as_bytes()[i];
    if b.is_ascii() {
        (ASCII_WORD_PART[usize::from(b)], 1)
    } else {
        let c = sentence[i..].chars().next().unwrap_or_default();
        (c.is_alphanumeric() || c == '’', c.len_utf8())
    }
}

/// Where the word going on at byte `i` (a character boundary) ends: `i` when none does.
fn word_end(sentence: &str, mut i: usize) -> usize {
    let bytes = sentence.as_bytes();
    while i < bytes.len() {
        // Most words are ASCII to their end.
        if ASCII_WORD_PART[usize::from(bytes[i])] {
            i += 1;
            continue;
        }
        let (part, len) = word_part_at(sentence, i);
        if !part {
            break;
        }
        i += len;
    }
    i
}

/// The start of the word that ends at byte `end` (a character boundary), if the character
/// before `end` is part of a word.
fn word_start_before(sentence: &str, end: usize) -> Option<usize> {
    let bytes = sentence.as_bytes();
    let mut i = end;
    while i > 0 {
        if ASCII_WORD_PART[usize::from(bytes[i - 1])] {
            i -= 1;
            continue;
        }
        if bytes[i - 1].is_ascii() {
            break;
        }
        // A multi-byte character: back to its first byte.
        let mut first = i - 1;
        while !sentence.is_char_boundary(first) {
            first -= 1;
        }
        if !word_part_at(sentence, first).0 {
            break;
        }
        i = first;
    }
    (i < end).then_some(i)
}

/// The first word of `attribution` at or after byte `from` (a character boundary), with its
/// byte range.
fn next_word(sentence: &str, from: usize) -> Option<(usize, usize)> {
    let bytes = sentence.as_bytes();
    let mut i = from;
    loop {
        if i >= bytes.len() {
            return None;
        }
        // Most gaps are ASCII.
        if ASCII_WORD_PART[usize::from(bytes[i])] {
            break;
        }
        let (part, len) = word_part_at(sentence, i);
        if part {
            break;
        }
        i += len;
    }
    Some((i, word_end(sentence, i)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The attribution as first written, over a list of all the words of the sentence: the
    /// oracle for the one-pass `attribution`.
    fn attribution_by_word_list(sentence: &str) -> Option<String> {
        // Words: runs of letters, digits and ’'&.- ; each with its byte range.
        // A word and the gap after it take a few bytes: room enough for most sentences at once.
        let mut words: Vec<(usize, usize)> = Vec::with_capacity(sentence.len() / 4);
        let bytes = sentence.as_bytes();
        // Whether the character at `i` is part of a word, and its length; ASCII by a table.
        let part_at = |i: usize| {
            let b = bytes[i];
            if b.is_ascii() {
                (ASCII_WORD_PART[usize::from(b)], 1)
            } else {
                let c = sentence[i..].chars().next().unwrap_or_default();
                (c.is_alphanumeric() || c == '’', c.len_utf8())
            }
        };
        let mut i = 0;
        while i < bytes.len() {
            let (part, len) = part_at(i);
            if !part {
                i += len;
                continue;
            }
            let start = i;
            i += len;
            while i < bytes.len() {
                // Most words are ASCII to their end.
                if ASCII_WORD_PART[usize::from(bytes[i])] {
                    i += 1;
                    continue;
                }
                let (part, len) = part_at(i);
                if !part {
                    break;
                }
                i += len;
            }
            words.push((start, i));
        }
        let word = |k: usize| &sentence[words[k].0..words[k].1];
        // Two words are neighbours when one plain space separates them.
        let next_to =
            |k: usize| words[k].1 + 1 == words[k + 1].0 && sentence.as_bytes()[words[k].1] == b' ';
        let capitalised = |k: usize| {
            word(k)
                .bytes()
                .next()
                .is_some_and(|b| b.is_ascii_uppercase())
        };
        let mut according: Option<String> = None;
        for k in 0..words.len() {
            let w = word(k);
            let verb = w.trim_end_matches('.');
            if k > 0 && next_to(k - 1) && is_saying_verb(verb) {
                let end = words[k].0 + verb.len();
                let prev = word(k - 1);
                let pronoun = matches!(
                    prev,
                    "it" | "It" | "he" | "He" | "she" | "She" | "they" | "They"
                );
                if pronoun {
                    return Some(sentence[words[k - 1].0..end].to_string());
                }
                if prev.eq_ignore_ascii_case("company")
                    && k >= 2
                    && next_to(k - 2)
                    && word(k - 2).eq_ignore_ascii_case("the")
                {
                    return Some(sentence[words[k - 2].0..end].to_string());
                }
                if capitalised(k - 1) {
                    let mut first = k - 1;
                    while first > 0 && k - first < 4 && next_to(first - 1) && capitalised(first - 1)
                    {
                        first -= 1;
                    }
                    return Some(sentence[words[first].0..end].to_string());
                }
            }
            if according.is_none()
                && w.eq_ignore_ascii_case("according")
                && k + 2 < words.len()
                && next_to(k)
                && word(k + 1) == "to"
                && next_to(k + 1)
            {
                let mut j = k + 2;
                if matches!(word(j), "the" | "a") && j + 1 < words.len() && next_to(j) {
                    j += 1;
                }
                let mut last = None;
                if capitalised(j) {
                    let mut e = j;
                    while e + 1 < words.len() && e - j < 3 && next_to(e) && capitalised(e + 1) {
                        e += 1;
                    }
                    last = Some(e);
                } else if j + 1 < words.len()
                    && next_to(j)
                    && word(j).bytes().all(|b| b.is_ascii_lowercase())
                    && word(j + 1).bytes().all(|b| b.is_ascii_lowercase())
                {
                    last = Some(j + 1);
                }
                if let Some(e) = last {
                    let text = sentence[words[k].0..words[e].1].trim_end_matches([',', '.']);
                    according = Some(text.to_string());
                }
            }
        }
        according
    }

    #[test]
    fn speakers_and_sources() {
        let cases = [
            (
                "DeepSeek said the run cost $5.6 million.",
                Some("DeepSeek said"),
            ),
            (
                "It cost $5 million, the company said.",
                Some("the company said"),
            ),
            (
                "Revenue rose 5%, Mark Zuckerberg said.",
                Some("Mark Zuckerberg said"),
            ),
            ("Revenue rose 5%, it said.", Some("it said")),
            (
                "Sales hit $1bn, according to Reuters.",
                Some("according to Reuters"),
            ),
            (
                "According to the technical paper, costs fell 3%.",
                Some("According to the technical paper"),
            ),
            // The last word of a lower-case source keeps its period, and is no source then.
            ("Costs fell 3%, according to the technical paper.", None),
            ("Revenue rose 5% this year.", None),
            (
                "The Very Long Company Name Inc said so.",
                Some("Long Company Name Inc said"),
            ),
        ];
        for (sentence, expected) in cases {
            assert_eq!(attribution(sentence).as_deref(), expected, "{sentence}");
            assert_eq!(attribution(sentence), attribution_by_word_list(sentence));
        }
    }

    #[test]
    fn every_verb_of_saying_is_looked_at() {
        for verb in [
            "said",
            "says",
            "told",
            "reported",
            "announced",
            "estimated",
            "estimates",
            "claimed",
            "claims",
            "stated",
            "disclosed",
            "wrote",
            "noted",
        ] {
            assert!(is_saying_verb(verb));
            let sentence = format!("Costs fell, Reuters {verb}.");
            let expected = format!("Reuters {verb}");
            assert_eq!(attribution(&sentence).as_deref(), Some(&*expected));
        }
    }

    /// Words and gaps that exercise every branch: verbs, pronouns, names, "according to",
    /// articles, trailing dots, non-ASCII letters and joiners.
    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            Just("said".to_string()),
            Just("said.".to_string()),
            Just("says".to_string()),
            Just("estimated".to_string()),
            Just("it".to_string()),
            Just("They".to_string()),
            Just("company".to_string()),
            Just("Company".to_string()),
            Just("the".to_string()),
            Just("The".to_string()),
            Just("a".to_string()),
            Just("according".to_string()),
            Just("According".to_string()),
            Just("to".to_string()),
            Just("Reuters".to_string()),
            Just("Mark".to_string()),
            Just("Zuckerberg".to_string()),
            Just("Nvidia’s".to_string()),
            Just("Éclair".to_string()),
            Just("S&P".to_string()),
            Just("U.S.".to_string()),
            Just("technical".to_string()),
            Just("paper".to_string()),
            Just("5.6".to_string()),
            "[a-zA-Z]{1,6}",
        ]
    }

    fn gap() -> impl Strategy<Value = String> {
        prop_oneof![
            4 => Just(" ".to_string()),
            1 => Just(", ".to_string()),
            1 => Just("  ".to_string()),
            1 => Just(". ".to_string()),
            1 => Just(" — ".to_string()),
            1 => Just("\n".to_string()),
            1 => Just("".to_string()),
            1 => Just("\u{a0}".to_string()),
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 4096, ..ProptestConfig::default() })]
        /// Eight bytes at a time, the first space found is the first.
        #[test]
        fn next_space_is_the_first_space(
            bytes in prop::collection::vec(
                prop_oneof![Just(b' '), Just(b'!'), Just(0xa0u8), Just(0u8), any::<u8>()],
                0..40,
            ),
            from in 0usize..44,
        ) {
            let expected = (from..bytes.len()).find(|&k| bytes[k] == b' ');
            prop_assert_eq!(next_space(&bytes, from), expected);
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2048, ..ProptestConfig::default() })]
        #[test]
        fn one_pass_matches_the_word_list(parts in prop::collection::vec((piece(), gap()), 0..14)) {
            let sentence: String = parts.iter().map(|(p, g)| format!("{p}{g}")).collect();
            prop_assert_eq!(attribution(&sentence), attribution_by_word_list(&sentence));
        }
    }
}
