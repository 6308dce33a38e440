//! Whose number is it? The subject of a claim (semantics.md §3.1).
//!
//! Walking back from the number through its sentence, the first *eligible* name is the subject:
//! a known entity or alias, or a capitalised name the datasets do not know (then the claim is
//! unverified — never judged against another entity's figure). Not eligible: names inside a
//! prepositional phrase ("a venture *with SoftBank and Oracle* to invest $500 billion"), unless a
//! relative clause makes them the subject ("followed by Microsoft, *which* fell 2.1%"), and
//! speakers ("Mark Zuckerberg said *the company* …"). Back-references ("it", "the company")
//! resolve to the last known entity before them.

use super::{RecentWord, RecentWords, UNKNOWN_STEM, WordStem, WordTable, mentions_starting_in};
use crate::dataset::index::{EntityId, Mention};
use crate::document::{Document, Span};
use crate::reader::Claim;
use std::borrow::Cow;
use std::sync::OnceLock;

/// Who the number is said of.
#[derive(Debug, Clone, PartialEq)]
pub enum SubjectOf<'m> {
    /// A known entity, at a mention (for the reason and distance).
    Known {
        /// The mention's entities.
        entities: &'m [EntityId],
        mention: Span,
        how: &'static str,
    },
    /// A name the datasets do not know (the document's text, which outlives the mentions).
    Unknown(&'m str),
    /// Several names together: "Microsoft, Alphabet, Amazon and Meta are expected to spend more
    /// than $300 billion combined".
    Several(&'m str),
    /// No name at all in the sentence, the paragraph or the one before.
    Nobody,
}

/// A word of the sentence before the claim.
#[derive(Debug, Clone, Copy)]
struct Word<'a> {
    text: &'a str,
    span: Span,
    /// What the word is (`WordFlags`), found once per document.
    flags: WordFlags,
}

impl Word<'_> {
    fn is(&self, flag: WordFlags) -> bool {
        self.flags & flag != 0
    }
}

/// What a word is, as bits: what the subject search asks of a word, answered once per word of
/// the document instead of once per claim that walks over it.
pub(super) type WordFlags = u32;
/// The flags of a word not classified yet (`super::RecentWord`): no word has every bit set.
pub(super) const UNKNOWN_FLAGS: WordFlags = WordFlags::MAX;
/// `is_capitalised`.
const CAPITALISED: WordFlags = 1;
/// `is_common_capital`, found only for capitalised words and "&".
const COMMON_CAPITAL: WordFlags = 1 << 1;
/// The word has a letter.
const HAS_LETTER: WordFlags = 1 << 2;
/// Its first character is lower-case.
const LOWER_FIRST: WordFlags = 1 << 3;
/// The word lower-cased is in `SAY_VERBS`.
const SAY_VERB: WordFlags = 1 << 4;
/// … is a verb after which a capitalised first word of a sentence is a name (`ACTING_VERBS`).
const ACTING_VERB: WordFlags = 1 << 5;
/// … is in `PREPOSITIONS`.
const PREPOSITION: WordFlags = 1 << 6;
/// … is in `MEASURED_OF_AN_OWNER`.
const MEASURED: WordFlags = 1 << 7;
/// … is in `TITLES`.
const TITLE: WordFlags = 1 << 8;
/// … is in `BACK_REFERENCE_HEADS`.
const BACK_REFERENCE_HEAD: WordFlags = 1 << 9;
/// … is "it" or "its".
const IT: WordFlags = 1 << 10;
/// … is "the".
const THE: WordFlags = 1 << 11;
/// … is "of".
const OF: WordFlags = 1 << 12;
/// … is "and" or "or".
const AND_OR: WordFlags = 1 << 13;
/// … is "which", "who", "that" or "whose".
const RELATIVE: WordFlags = 1 << 14;

/// Verbs after a capitalised first word that make it a name ("Apple plans …").
const ACTING_VERBS: &[&str] = &[
    "will", "plans", "expects", "posted", "shares", "stock", "has", "had",
];

/// What `word` is (`WordFlags`), but for `COMMON_CAPITAL`.
fn word_flags(word: &str) -> WordFlags {
    let bytes = word.as_bytes();
    let Some((&first, rest)) = bytes.split_first() else {
        return 0;
    };
    let first_class = BYTE_CLASSES[usize::from(first)];
    let rest_classes = rest
        .iter()
        .fold(0, |classes, &b| classes | BYTE_CLASSES[usize::from(b)]);
    let mut flags = 0;
    let mut set = |flag: WordFlags, yes: bool| {
        if yes {
            flags |= flag;
        }
    };
    // An ASCII word (most) by its bytes, where a character's case and being a letter are
    // simple ranges.
    if (first_class | rest_classes) & NON_ASCII_BYTE == 0 {
        let lower_first = first.is_ascii_lowercase();
        set(
            CAPITALISED,
            first.is_ascii_uppercase() || (lower_first && rest_classes & UPPER_BYTE != 0),
        );
        set(LOWER_FIRST, lower_first);
        set(HAS_LETTER, (first_class | rest_classes) & LETTER_BYTE != 0);
        flags | ascii_list_flags(bytes)
    } else {
        set(CAPITALISED, is_capitalised(word));
        set(
            LOWER_FIRST,
            word.chars().next().is_some_and(|c| c.is_lowercase()),
        );
        set(HAS_LETTER, word.chars().any(|c| c.is_alphabetic()));
        flags | list_flags(word)
    }
}

/// What a byte is, for `word_flags`: an upper-case ASCII letter, an ASCII letter, part of a
/// non-ASCII character.
const UPPER_BYTE: u8 = 1;
const LETTER_BYTE: u8 = 2;
const NON_ASCII_BYTE: u8 = 4;

static BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0; 256];
    let mut b = 0;
    while b < 256 {
        let byte = b as u8;
        classes[b] = if !byte.is_ascii() {
            NON_ASCII_BYTE
        } else if byte.is_ascii_uppercase() {
            UPPER_BYTE | LETTER_BYTE
        } else if byte.is_ascii_lowercase() {
            LETTER_BYTE
        } else {
            0
        };
        b += 1;
    }
    classes
};

/// The lists' words (all lower-case ASCII) with their flags, each packed in two numbers
/// (`packed_lower`) in a small open-addressing table; and for each pair of a first and a last
/// letter the lengths of the words that have them, so that most words of prose are known to
/// be in no list without a look at the table.
struct ListWords {
    slots: Vec<(PackedWord, WordFlags)>,
    lengths: [u16; 26 * 26],
}

/// Every listed word is shorter than this, in bytes: it packs into two `u64`s.
const LONGEST_LISTED: usize = 16;

/// A word of fewer than `LONGEST_LISTED` bytes, a byte for each of two numbers' (a word has no
/// zero byte, so its length is implied, and the empty word is an empty slot).
type PackedWord = (u64, u64);

/// Slots of `ListWords`: a power of two, a few times the number of listed words.
const LIST_SLOTS: usize = 1024;

impl ListWords {
    fn slot_of(word: PackedWord) -> usize {
        let mixed = (word.0 ^ word.1.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - LIST_SLOTS.trailing_zeros())) as usize
    }

    fn get(&self, word: PackedWord) -> WordFlags {
        let mut at = Self::slot_of(word);
        loop {
            let (key, flags) = self.slots[at];
            if key == word {
                return flags;
            }
            if key == (0, 0) {
                return 0;
            }
            at = (at + 1) % LIST_SLOTS;
        }
    }

    fn add(&mut self, word: PackedWord, flag: WordFlags) {
        let mut at = Self::slot_of(word);
        while self.slots[at].0 != word && self.slots[at].0 != (0, 0) {
            at = (at + 1) % LIST_SLOTS;
        }
        self.slots[at].0 = word;
        self.slots[at].1 |= flag;
    }
}

fn list_words() -> &'static ListWords {
    static LISTS: OnceLock<ListWords> = OnceLock::new();
    LISTS.get_or_init(|| {
        let lists: &[(&[&str], WordFlags)] = &[
            (SAY_VERBS, SAY_VERB),
            (ACTING_VERBS, ACTING_VERB),
            (PREPOSITIONS, PREPOSITION),
            (MEASURED_OF_AN_OWNER, MEASURED),
            (TITLES, TITLE),
            (BACK_REFERENCE_HEADS, BACK_REFERENCE_HEAD),
            (&["it", "its"], IT),
            (&["the"], THE),
            (&["of"], OF),
            (&["and", "or"], AND_OR),
            (&["which", "who", "that", "whose"], RELATIVE),
        ];
        let mut words = ListWords {
            slots: vec![((0, 0), 0); LIST_SLOTS],
            lengths: [0; 26 * 26],
        };
        for &(list, flag) in lists {
            for &word in list {
                let bytes = word.as_bytes();
                assert!(
                    !bytes.is_empty()
                        && bytes.len() < LONGEST_LISTED
                        && bytes.iter().all(|b| !b.is_ascii_uppercase())
                );
                words.add(packed_lower(bytes), flag);
                let pair = letter_pair(bytes[0], bytes[bytes.len() - 1]);
                words.lengths[pair.expect("a list word starts and ends with a letter")] |=
                    1 << bytes.len();
            }
        }
        words
    })
}

/// An ASCII word of fewer than `LONGEST_LISTED` bytes lower-cased (`PackedWord`).
fn packed_lower(bytes: &[u8]) -> PackedWord {
    let pack = |part: &[u8]| {
        part.iter().rev().fold(0, |packed, b| {
            packed << 8 | u64::from(b.to_ascii_lowercase())
        })
    };
    let (low, high) = bytes.split_at(bytes.len().min(8));
    (pack(low), pack(high))
}

/// The index of two letters, either case, in `ListWords::lengths`.
fn letter_pair(first: u8, last: u8) -> Option<usize> {
    let (first, last) = (first.to_ascii_lowercase(), last.to_ascii_lowercase());
    (first.is_ascii_lowercase() && last.is_ascii_lowercase())
        .then(|| usize::from(first - b'a') * 26 + usize::from(last - b'a'))
}

/// The flags of the lists `word` lower-cased is in.
fn list_flags(word: &str) -> WordFlags {
    if word.is_ascii() {
        return ascii_list_flags(word.as_bytes());
    }
    // Lower-cased, a word with a non-ASCII letter may become a listed one.
    let lower = word.to_lowercase();
    if lower.is_ascii() && !lower.is_empty() && lower.len() < LONGEST_LISTED {
        list_words().get(packed_lower(lower.as_bytes()))
    } else {
        0
    }
}

/// `list_flags` of an ASCII word.
fn ascii_list_flags(word: &[u8]) -> WordFlags {
    let n = word.len();
    if n == 0 || n >= LONGEST_LISTED {
        return 0;
    }
    let lists = list_words();
    match letter_pair(word[0], word[n - 1]) {
        Some(pair) if lists.lengths[pair] & (1 << n) != 0 => lists.get(packed_lower(word)),
        _ => 0,
    }
}

/// A candidate subject: a known mention or an unknown capitalised name, with the words around.
#[derive(Debug, Clone)]
pub(super) struct Name<'m> {
    span: Span,
    known: Option<&'m [EntityId]>,
    /// Index of its first and last word in `words`.
    first: usize,
    last: usize,
}

/// Nouns for what is measured of a company, before "of" and its name: "shares of Broadcom",
/// "the market value of Nvidia", "the valuation of OpenAI".
const MEASURED_OF_AN_OWNER: &[&str] = &[
    "shares",
    "stock",
    "value",
    "valuation",
    "capitalization",
    "capitalisation",
    "revenue",
    "revenues",
    "sales",
    "profit",
    "profits",
    "earnings",
    "spending",
    "capex",
    "expenditures",
    "users",
    "employees",
    "workforce",
];

const PREPOSITIONS: &[&str] = &[
    "with",
    "from",
    "by",
    "to",
    "for",
    "of",
    "in",
    "at",
    "on",
    "against",
    "than",
    "like",
    "including",
    "via",
    "as",
    "into",
    "over",
    "under",
    "between",
    "among",
    "after",
    "before",
    "during",
    "versus",
    "vs",
    "behind",
    "besides",
    "beyond",
    "toward",
    "towards",
    "alongside",
    "amid",
    "per",
    "outpacing",
    "outperforming",
    "unlike",
    "rivals",
];

const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "say",
    "told",
    "tells",
    "announced",
    "announces",
    "added",
    "noted",
    "wrote",
    "estimated",
    "estimates",
    "claimed",
    "claims",
    "reported",
    "reports",
    "stated",
    "explained",
];

/// Words that introduce a person by role: the name after them is a speaker, not a company.
const TITLES: &[&str] = &[
    "executive",
    "ceo",
    "chief",
    "founder",
    "co-founder",
    "president",
    "chairman",
    "chairwoman",
    "analyst",
    "analysts",
    "officer",
    "director",
    "secretary",
    "minister",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "investor",
    "economist",
    "strategist",
    "head",
    "cfo",
    "cto",
    "professor",
    "researcher",
    "senator",
    "partner",
    "manager",
];

/// Nouns that, after "the" and up to two describing words, refer back to the entity last
/// named: "the company", "the Hangzhou-based startup", "the California chipmaker".
const BACK_REFERENCE_HEADS: &[&str] = &[
    "company",
    "firm",
    "group",
    "startup",
    "start-up",
    "chipmaker",
    "maker",
    "giant",
    "lab",
    "model",
    "project",
    "venture",
    "business",
    "carmaker",
    "developer",
    "conglomerate",
];

/// Capitalised words that are not names of anything a figure could be about.
fn is_common_capital(word: &str) -> bool {
    let lower = word.to_lowercase();
    let mut lower = lower.as_str();
    while let Some(rest) = lower.strip_suffix("’s") {
        lower = rest;
    }
    while let Some(rest) = lower.strip_suffix("'s") {
        lower = rest;
    }
    let lower = lower.trim_end_matches('.');
    const ACRONYMS: &[&str] = &[
        "ai", "u.s", "us", "u.k", "uk", "eu", "ceo", "cfo", "cto", "coo", "gpu", "gpus", "cpu",
        "cpus", "tpu", "ipo", "etf", "gdp", "api", "llm", "llms", "pc", "it", "i", "a", "an",
        "the", "ap", "q1", "q2", "q3", "q4", "h1", "h2", "fy", "nyse", "sec", "ftc", "doj", "gw",
        "mw", "usd", "eur",
    ];
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "today",
        "yesterday",
    ];
    ACRONYMS.contains(&lower)
        || DAYS.contains(&lower)
        || crate::reader::lexicon::MONTHS
            .iter()
            .any(|(m, _)| *m == lower)
        || [
            "-based", "-driven", "-backed", "-owned", "-led", "-listed", "-made", "-style",
        ]
        .iter()
        .any(|s| lower.ends_with(s))
        || crate::reader::lexicon::is_function_word(lower)
}

/// What the words seen so far are (`WordFlags`): a document repeats its words, naming the same
/// few companies and people again and again, and documents share most of theirs (the linker
/// keeps this from one document to the next).
#[derive(Default)]
pub struct WordClasses {
    /// The flags of every word seen: behind `recent` are the long words and the short ones
    /// whose slot another took, each worth classifying once.
    seen: WordTable<WordFlags>,
    /// The recent words' flags, and the stems the linker found for them (`super::Stems`).
    pub(super) recent: RecentWords<RecentWord>,
}

impl WordClasses {
    /// What `word` is (`WordFlags`).
    #[inline]
    fn flags(&mut self, word: &str) -> WordFlags {
        self.flags_and_stem(word).0
    }

    /// What `word` is (`WordFlags`), with its stem when the linker stemmed it while it held
    /// its slot of `recent`. (Inlined: it runs for every word, and a call costs as much as a
    /// hit.)
    #[inline(always)]
    pub(super) fn flags_and_stem(&mut self, word: &str) -> (WordFlags, WordStem) {
        let Some(recent) = self.recent.value_mut(word) else {
            return (classify_seen(&mut self.seen, word), UNKNOWN_STEM);
        };
        if recent.flags == UNKNOWN_FLAGS {
            recent.flags = classify_seen(&mut self.seen, word);
        }
        (recent.flags, recent.stem)
    }

    /// The number of distinct words classified.
    pub fn len(&self) -> usize {
        self.seen.len()
    }
}

/// What `word` is (`WordFlags`), by `seen` for a word worth keeping there. (Not inlined: only
/// a word not in `WordClasses::recent` asks, and the look-up inlined for every word stays
/// small.)
#[inline(never)]
fn classify_seen(seen: &mut WordTable<WordFlags>, word: &str) -> WordFlags {
    // An ASCII word that is not capitalised (most) is classified by its letters and the lists
    // as cheaply as the table finds it, and is not kept there.
    if word.is_ascii() {
        let flags = word_flags(word);
        if flags & CAPITALISED == 0 && word != "&" {
            return flags;
        }
    }
    if let Some(&flags) = seen.get(word) {
        return flags;
    }
    let flags = classify(word);
    seen.insert(word.into(), flags);
    flags
}

/// What `word` is (`WordFlags`), from its letters and the lists.
fn classify(word: &str) -> WordFlags {
    let flags = word_flags(word);
    if flags & CAPITALISED == 0 && word != "&" {
        return flags;
    }
    if is_common_capital(word) {
        flags | COMMON_CAPITAL
    } else {
        flags
    }
}

fn is_capitalised(word: &str) -> bool {
    let mut chars = word.chars();
    let first = chars.next();
    first.is_some_and(|c| c.is_uppercase())
        // xAI, iPhone, eBay
        || (first.is_some_and(|c| c.is_lowercase()) && word.chars().skip(1).any(|c| c.is_uppercase()))
}

/// The words of `text[from..to]`, with where each one's run of word characters ends before
/// trimming (a punctuation word's end is its own).
fn words_in<'t>(
    text: &'t str,
    from: usize,
    to: usize,
    classes: &mut WordClasses,
    out: &mut Vec<Word<'t>>,
    raw_ends: &mut Vec<usize>,
) {
    // Room for the words and commas of ordinary prose, so that the lists seldom grow.
    let room = to.saturating_sub(from) / 4 + 1;
    out.reserve(room);
    raw_ends.reserve(room);
    let mut start: Option<usize> = None;
    let slice = &text[from..to];
    let mut i = 0;
    loop {
        let c;
        (i, c) = super::next_word_char(slice, i, start.is_some());
        // The linker's word characters and '&' ("AT&T"), but no word starts with a period.
        let kind = super::word_char_kind(c);
        let word_char = (kind == super::WORD_CHAR || c == '&') && !(c == '.' && start.is_none());
        match (word_char, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word_run(text, from + s, from + i, classes, out, raw_ends);
                start = None;
            }
            _ => {}
        }
        if i >= slice.len() {
            break;
        }
        // Punctuation that separates clauses is a word of its own, so "," is visible.
        if kind == super::CLAUSE_BREAK {
            push_clause_break(text, from + i, c.len_utf8(), classes, out, raw_ends);
        }
        i += c.len_utf8();
    }
}

/// The run of word characters `text[start..end]` as a word of `words_in`, if anything is left
/// of it: without the marks after it, but "U.S." and "Inc." whole.
#[inline]
fn push_word_run<'t>(
    text: &'t str,
    start: usize,
    end: usize,
    classes: &mut WordClasses,
    out: &mut Vec<Word<'t>>,
    raw_ends: &mut Vec<usize>,
) {
    let raw = &text[start..end];
    // Keep "U.S." and "Inc." whole but drop a sentence-final period. (Most runs end with a
    // letter or a digit, and have nothing to trim.)
    let keep = if raw
        .as_bytes()
        .last()
        .is_some_and(|&b| super::is_alphanumeric_byte(b))
    {
        raw
    } else {
        let trimmed = super::trim_end_marks(raw);
        if raw.ends_with('.') && trimmed.contains('.') {
            raw
        } else {
            trimmed
        }
    };
    if !keep.is_empty() {
        out.push(Word {
            text: keep,
            span: Span::new(start, start + keep.len()),
            flags: classes.flags(keep),
        });
        raw_ends.push(end);
    }
}

/// The clause break of `len` bytes at `at` as a word of `words_in`: "," is visible.
#[inline]
fn push_clause_break<'t>(
    text: &'t str,
    at: usize,
    len: usize,
    classes: &mut WordClasses,
    out: &mut Vec<Word<'t>>,
    raw_ends: &mut Vec<usize>,
) {
    let word = &text[at..at + len];
    out.push(Word {
        text: word,
        span: Span::new(at, at + len),
        flags: classes.flags(word),
    });
    raw_ends.push(at + len);
}

/// The lists of `SentenceWords`, kept from one sentence to the next so that their room is
/// allocated once per document.
#[derive(Default)]
pub struct WordBuffers<'t> {
    words: Vec<Word<'t>>,
    raw_ends: Vec<usize>,
}

impl<'t> WordBuffers<'t> {
    /// Empties the lists for a sentence split by the linker's own pass over it
    /// (`SentenceWords::of_split`).
    pub fn clear(&mut self) {
        self.words.clear();
        self.raw_ends.clear();
    }

    /// Adds the run of word characters `text[start..end]` as `words_in` would.
    #[inline]
    pub fn push_run(&mut self, text: &'t str, start: usize, end: usize, classes: &mut WordClasses) {
        push_word_run(
            text,
            start,
            end,
            classes,
            &mut self.words,
            &mut self.raw_ends,
        );
    }

    /// Adds the run of word characters `word`, which starts at `start` in the text and begins
    /// and ends with an ASCII letter or digit, as `push_run` would: such a run is a word whole,
    /// of `flags` (`WordClasses::flags`).
    #[inline]
    pub fn push_whole(&mut self, word: &'t str, start: usize, flags: WordFlags) {
        debug_assert!(
            word.as_bytes()
                .first()
                .is_some_and(u8::is_ascii_alphanumeric)
                && word
                    .as_bytes()
                    .last()
                    .is_some_and(u8::is_ascii_alphanumeric)
        );
        let end = start + word.len();
        self.words.push(Word {
            text: word,
            span: Span::new(start, end),
            flags,
        });
        self.raw_ends.push(end);
    }

    /// Adds the clause break of `len` bytes at `at` as `words_in` would.
    #[inline]
    pub fn push_break(&mut self, text: &'t str, at: usize, len: usize, classes: &mut WordClasses) {
        push_clause_break(text, at, len, classes, &mut self.words, &mut self.raw_ends);
    }

    /// The words and where their runs end, for tests to compare splits.
    #[cfg(test)]
    pub fn split(&self) -> Vec<(&'t str, Span, usize)> {
        self.words
            .iter()
            .zip(&self.raw_ends)
            .map(|(w, &end)| (w.text, w.span, end))
            .collect()
    }
}

/// The words of a sentence before its last claim, outside its claims: split once for all the
/// claims of the sentence, each of which looks for its subject among the words before it.
#[derive(Default)]
pub struct SentenceWords<'t> {
    words: Vec<Word<'t>>,
    /// Where each word's run of word characters ends before trimming: a claim that starts
    /// inside the run cuts the word there.
    raw_ends: Vec<usize>,
    /// The end of the split text.
    end: usize,
}

impl<'t> SentenceWords<'t> {
    /// The words of `text[sentence.start..end]`, where `end` is the start of the sentence's
    /// last claim (`claims`, in text order).
    pub fn new(
        text: &'t str,
        sentence: Span,
        claims: &[Span],
        end: usize,
        classes: &mut WordClasses,
        buffers: &mut WordBuffers<'t>,
    ) -> Self {
        let end = end.max(sentence.start);
        buffers.clear();
        words_in(
            text,
            sentence.start,
            end,
            classes,
            &mut buffers.words,
            &mut buffers.raw_ends,
        );
        Self::of_split(buffers, end, claims)
    }

    /// The words of a sentence up to `end` as `new` finds them, split already into `buffers`
    /// (by the linker's pass over the sentence, which splits it for its stems).
    pub fn of_split(buffers: &mut WordBuffers<'t>, end: usize, claims: &[Span]) -> Self {
        let mut words = std::mem::take(&mut buffers.words);
        let mut raw_ends = std::mem::take(&mut buffers.raw_ends);
        // Words of claims ("100,000 Nvidia H100 chips") are quantities, not names. A word is in
        // a claim when a claim starting at or before it ends after it: the words and the claims
        // are both in text order, so one walk over both keeps the running maximum of the ends
        // of the claims started so far (a scan of every claim for every word was cubic in a
        // sentence of many numbers).
        debug_assert!(claims.is_sorted_by_key(|c| c.start));
        // Every word starts before `end`: when no claim starts before it (a sentence of one
        // claim), no word is in a claim.
        if claims.first().is_none_or(|c| c.start >= end) {
            return SentenceWords {
                words,
                raw_ends,
                end,
            };
        }
        let (mut started, mut max_end) = (0, 0);
        // The words before the first claim are in none: kept where they are.
        let first_claim = claims[0].start;
        let before_claims = words.partition_point(|w| w.span.start < first_claim);
        let mut kept = before_claims;
        for w in before_claims..words.len() {
            let at = words[w].span.start;
            while started < claims.len() && claims[started].start <= at {
                max_end = max_end.max(claims[started].end);
                started += 1;
            }
            let in_claim = started > 0 && max_end > at;
            if !in_claim {
                words[kept] = words[w];
                raw_ends[kept] = raw_ends[w];
                kept += 1;
            }
        }
        words.truncate(kept);
        raw_ends.truncate(kept);
        SentenceWords {
            words,
            raw_ends,
            end,
        }
    }

    /// Gives the lists back for the next sentence.
    pub fn recycle(self, buffers: &mut WordBuffers<'t>) {
        buffers.words = self.words;
        buffers.raw_ends = self.raw_ends;
    }

    /// The words before `cut`, a claim's start (at most the end of the split text): a word
    /// running across the cut ends there, as if the text ended there.
    fn before(&self, text: &'t str, cut: usize, classes: &mut WordClasses) -> Cow<'_, [Word<'t>]> {
        debug_assert!(cut <= self.end);
        let n = self.words.partition_point(|w| w.span.start < cut);
        match n.checked_sub(1) {
            Some(last) if self.raw_ends[last] > cut => {
                let mut cut_words = self.words[..last].to_vec();
                words_in(
                    text,
                    self.words[last].span.start,
                    cut,
                    classes,
                    &mut cut_words,
                    &mut Vec::new(),
                );
                Cow::Owned(cut_words)
            }
            _ => Cow::Borrowed(&self.words[..n]),
        }
    }
}

/// Finds the subject of `claim`; `claims` are the spans of its sentence's claims.
#[cfg(test)]
pub fn subject_of<'m>(
    doc: &'m Document,
    claim: &Claim,
    mentions: &'m [Mention],
    claims: &[Span],
    classes: &mut WordClasses,
) -> SubjectOf<'m> {
    let words = SentenceWords::new(
        &doc.text,
        claim.sentence,
        claims,
        claim.span.start,
        classes,
        &mut WordBuffers::default(),
    );
    let around = SentenceMentions::of(mentions, claim.sentence);
    subject_among(doc, claim, around, &words, classes, &mut Vec::new())
}

/// The mentions of a document (in text order) around one sentence: those that start before
/// it, and those that start in it. The claims of a sentence share them, and the linker finds
/// them by walking the document's mentions along with its sentences.
#[derive(Debug, Clone, Copy)]
pub struct SentenceMentions<'m> {
    pub before: &'m [Mention],
    pub within: &'m [Mention],
}

impl<'m> SentenceMentions<'m> {
    /// The mentions around `sentence`, by binary searches.
    #[cfg(test)]
    pub fn of(mentions: &'m [Mention], sentence: Span) -> Self {
        let first = mentions.partition_point(|m| m.span.start < sentence.start);
        Self::from_index(mentions, sentence, first)
    }

    /// The mentions around `sentence`, searching on from `from`: every mention before `from`
    /// starts before the sentence.
    pub fn after(mentions: &'m [Mention], sentence: Span, from: usize) -> Self {
        // (The mentions are in text order: the last before `from` is the latest.)
        debug_assert!(from == 0 || mentions[from - 1].span.start < sentence.start);
        let first = from
            + mentions[from..]
                .iter()
                .take_while(|m| m.span.start < sentence.start)
                .count();
        Self::from_index(mentions, sentence, first)
    }

    fn from_index(mentions: &'m [Mention], sentence: Span, first: usize) -> Self {
        let (before, rest) = mentions.split_at(first);
        let within = rest
            .iter()
            .take_while(|m| m.span.start < sentence.end)
            .count();
        SentenceMentions {
            before,
            within: &rest[..within],
        }
    }
}

/// Finds the subject of `claim` among the words of its sentence. `names` is a buffer kept
/// between claims.
pub fn subject_among<'t: 'm, 'm>(
    doc: &'t Document,
    claim: &Claim,
    around: SentenceMentions<'m>,
    words: &SentenceWords<'t>,
    classes: &mut WordClasses,
    names: &mut Vec<Name<'m>>,
) -> SubjectOf<'m> {
    let sentence = claim.sentence;
    // The mentions of the sentence: the searches below look only there (a mention starting
    // where the sentence ends is the next one's, and the relative clause's search finds no
    // verb after it).
    let in_sentence = around.within;
    if let Some(m) = subject_of_relative_clause(doc, claim, in_sentence) {
        return SubjectOf::Known {
            entities: &m.entities,
            mention: m.span,
            how: "named just after the number, with its verb",
        };
    }
    let before = words.before(&doc.text, claim.span.start.max(sentence.start), classes);
    let before: &[Word<'t>] = &before;
    names_in(before, in_sentence, sentence, claim.span, names);
    let names: &[Name<'m>] = names;
    // Walk back from the number.
    let mut i = before.len();
    let mut name_iter = names.iter().rev().peekable();
    while i > 0 {
        let Some(stop) = next_stop_back(before, name_iter.peek().map(|n| n.last), i) else {
            break;
        };
        i = stop;
        // A name ending at this word?
        if let Some(name) = name_iter.peek().filter(|n| n.last == i).copied() {
            name_iter.next();
            if !eligible(before, names, name) {
                i = name.first;
                continue;
            }
            if is_speaker(before, name) {
                i = name.first;
                continue;
            }
            if let Some(first) = coordinated_with(before, names, name) {
                let text = &doc.text[first.start..name.span.end];
                return SubjectOf::Several(text);
            }
            return match name.known {
                Some(entities) => SubjectOf::Known {
                    entities,
                    mention: name.span,
                    how: "named before the number",
                },
                None => SubjectOf::Unknown(&doc.text[name.span.start..name.span.end]),
            };
        }
        if let Some(start) = back_reference_ending_at(before, i) {
            // The last name before the back-reference that is not a person, in the sentence;
            // else the last entity named earlier.
            let antecedent = names
                .iter()
                .rev()
                .find(|n| n.last < start && !is_titled(before, n) && !is_speaker(before, n));
            return match antecedent {
                Some(Name {
                    known: Some(entities),
                    span,
                    ..
                }) => SubjectOf::Known {
                    entities,
                    mention: *span,
                    how: "referred to before the number",
                },
                Some(Name { span, .. }) => SubjectOf::Unknown(&doc.text[span.start..span.end]),
                None => carried(doc, claim, around.before),
            };
        }
    }
    // No name before the number: the first one after it in its clause ("the $500 billion
    // Stargate project"); a name further on belongs to another clause.
    // A claim may run past its sentence (one bridging Markdown inline code): never slice
    // backwards.
    let from = claim.span.end.min(sentence.end);
    let clause_end = doc.text[from..sentence.end]
        .find([',', ';', ':', '—', '–', '('])
        .map_or(sentence.end, |p| from + p);
    let after = mentions_starting_in(in_sentence, claim.span.end, clause_end)
        .iter()
        .find(|m| m.span.start >= claim.span.end && m.span.end <= clause_end);
    if let Some(m) = after {
        return SubjectOf::Known {
            entities: &m.entities,
            mention: m.span,
            how: "named in the sentence",
        };
    }
    carried(doc, claim, around.before)
}

/// The next word before `words[i]` that the walk back from a number must look at: the last
/// word of the next name back (`name_last`, when before `i`) or a word that may end a
/// back-reference ("it", "its", a head noun). Only those can end the walk, and the words
/// between are passed over in one search rather than looked at one by one.
fn next_stop_back(words: &[Word], name_last: Option<usize>, i: usize) -> Option<usize> {
    let name_last = name_last.filter(|&last| last < i);
    let floor = name_last.map_or(0, |last| last + 1);
    match words[floor..i]
        .iter()
        .rposition(|w| w.is(IT | BACK_REFERENCE_HEAD))
    {
        Some(p) => Some(floor + p),
        None => name_last,
    }
}

/// "the more than $100 million OpenAI spent on GPT-4", "the $6.6 billion that OpenAI raised":
/// a name right after the number and followed by a verb is the subject of a clause the number
/// is the object of; the names before the number are another clause's.
fn subject_of_relative_clause<'m>(
    doc: &Document,
    claim: &Claim,
    mentions: &'m [Mention],
) -> Option<&'m Mention> {
    let end = claim.sentence.end;
    let from = claim.span.end.min(end);
    // Only a mention after the number can be its clause's subject (most numbers have none).
    let mentions = mentions_starting_in(mentions, from, end);
    if mentions.is_empty() {
        return None;
    }
    let rest = &doc.text[from..end];
    let mut at = from + (rest.len() - rest.trim_start_matches(' ').len());
    for pronoun in ["that ", "which "] {
        if doc.text[at..end].starts_with(pronoun) {
            at += pronoun.len();
            break;
        }
    }
    let m = mentions_starting_in(mentions, at, at + 1).first()?;
    let after = doc.text.get(m.span.end..end)?.trim_start_matches(' ');
    let verb = after
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .filter(|w| !w.is_empty())?;
    is_object_taking_verb(verb).then_some(m)
}

/// A finite verb that can take the number before its subject as its object: "spent", "raised",
/// "has", "expects"… (lower-case ASCII only: a capitalised word starts a name or a sentence).
fn is_object_taking_verb(word: &str) -> bool {
    matches!(
        word,
        "spent"
            | "spends"
            | "paid"
            | "pays"
            | "raised"
            | "raises"
            | "invested"
            | "invests"
            | "lost"
            | "earned"
            | "made"
            | "makes"
            | "bought"
            | "sold"
            | "borrowed"
            | "committed"
            | "pledged"
            | "poured"
            | "put"
            | "plans"
            | "planned"
            | "expects"
            | "expected"
            | "has"
            | "had"
            | "will"
            | "would"
            | "says"
            | "said"
            | "reported"
            | "claimed"
            | "estimated"
            | "wants"
            | "needs"
            | "used"
            | "uses"
    )
}

/// The last entity named earlier in the paragraph, else in the paragraph before. `before` are
/// the mentions that start before the claim's sentence.
fn carried<'m>(doc: &Document, claim: &Claim, before: &'m [Mention]) -> SubjectOf<'m> {
    let Some(p) = doc.paragraph_index(claim.span.start) else {
        return SubjectOf::Nobody;
    };
    // The mentions starting in `range` before the sentence are the last of `before`: walked
    // back from the sentence, most searches end at the first.
    let earlier = |range: Span| {
        before
            .iter()
            .rev()
            .take_while(|m| m.span.start >= range.start)
            .find(|m| range.covers(m.span) && m.span.end <= claim.sentence.start)
    };
    match earlier(doc.paragraphs[p])
        .or_else(|| p.checked_sub(1).and_then(|q| earlier(doc.paragraphs[q])))
    {
        Some(m) => SubjectOf::Known {
            entities: &m.entities,
            mention: m.span,
            how: "carried from the text before",
        },
        None => SubjectOf::Nobody,
    }
}

/// Whether a name the datasets do not know can start at `w` (`names_in`): a capitalised word
/// with a letter, not one capitalised in any case.
fn starts_unknown_name(w: &Word) -> bool {
    w.is(CAPITALISED) && !w.is(COMMON_CAPITAL) && w.is(HAS_LETTER)
}

/// Known mentions and unknown capitalised names among `words`, in order.
fn names_in<'m>(
    words: &[Word],
    mentions: &'m [Mention],
    sentence: Span,
    claim: Span,
    out: &mut Vec<Name<'m>>,
) {
    out.clear();
    // The mentions known before the claim, filtered where read rather than collected per claim.
    let starting = mentions_starting_in(mentions, sentence.start, claim.start);
    let is_known = |m: &Mention| sentence.covers(m.span) && m.span.end <= claim.start;
    let mut k = 0;
    let mut i = 0;
    while i < words.len() {
        let mut w = words[i];
        // A known mention covering this word.
        while k < starting.len()
            && (!is_known(&starting[k]) || starting[k].span.end <= w.span.start)
        {
            k += 1;
        }
        if k == starting.len() {
            // No known mention is left: only a capitalised word can start a name, and the
            // words before the next one are passed over in one search.
            match words[i..].iter().position(starts_unknown_name) {
                Some(p) => i += p,
                None => break,
            }
            w = words[i];
        }
        if k < starting.len()
            && starting[k].span.start <= w.span.start
            && w.span.end <= starting[k].span.end + 3
        {
            let m = &starting[k];
            let mut last = i;
            while last + 1 < words.len()
                && words[last + 1].span.end <= m.span.end + 3
                && words[last + 1].span.start < m.span.end
            {
                last += 1;
            }
            out.push(Name {
                span: m.span,
                known: Some(&m.entities),
                first: i,
                last,
            });
            i = last + 1;
            k += 1;
            continue;
        }
        if starts_unknown_name(&w) {
            let mut last = i;
            while last + 1 < words.len()
                && (words[last + 1].is(CAPITALISED) || words[last + 1].text == "&")
                && !words[last + 1].is(COMMON_CAPITAL)
                && !starting.iter().filter(|m| is_known(m)).any(|m| {
                    m.span.start <= words[last + 1].span.start
                        && words[last + 1].span.start < m.span.end
                })
            {
                last += 1;
            }
            // A capitalised word that opens the sentence is a name only when another
            // capitalised word follows ("Marvell Technology fell"), or it owns or says
            // something ("Apple’s", "Apple said"), not "Investors were…".
            let sentence_initial = i == 0;
            let acts = w.text.ends_with("’s")
                || w.text.ends_with("'s")
                || words
                    .get(i + 1)
                    .is_some_and(|n| n.is(SAY_VERB) || n.is(ACTING_VERB));
            if !sentence_initial || last > i || acts {
                out.push(Name {
                    span: Span::new(w.span.start, words[last].span.end),
                    known: None,
                    first: i,
                    last,
                });
            }
            i = last + 1;
            continue;
        }
        i += 1;
    }
}

/// A name inside a prepositional phrase is not a subject, unless a relative clause follows it.
fn eligible(words: &[Word], names: &[Name], name: &Name) -> bool {
    let next = words.get(name.last + 1).map(|w| w.text);
    if next == Some(",") && words.get(name.last + 2).is_some_and(|w| w.is(RELATIVE)) {
        return true;
    }
    !in_prepositional_phrase(words, names, name)
}

fn in_prepositional_phrase(words: &[Word], names: &[Name], name: &Name) -> bool {
    let lookback = name.first.saturating_sub(3);
    for j in (lookback..name.first).rev() {
        let w = &words[j];
        if matches!(w.text, "," | ";" | ":" | "—" | "(" | ")") {
            break;
        }
        // "even as the Dow rose 0.7%", ", as Nvidia fell": "as" opening a clause is a
        // conjunction, and the name after it is that clause's subject.
        let conjunction = w.text.eq_ignore_ascii_case("as")
            && (j == 0 || matches!(words[j - 1].text, "even" | "just" | "," | ";" | "—"));
        if w.is(PREPOSITION) && !conjunction {
            // "Shares of Broadcom fell 12%": the name owns what is measured, and is the
            // subject; "such as OpenAI" and "with tech heavyweights SoftBank" are phrases.
            let owner = w.is(OF) && j > 0 && words[j - 1].is(MEASURED);
            return !owner;
        }
        // A coordinated name shares the role of the one before it: "SoftBank and Oracle".
        if w.is(AND_OR) {
            if let Some(prev) = names.iter().rev().find(|n| n.last < j && n.last + 2 >= j) {
                return in_prepositional_phrase(words, names, prev);
            }
            break;
        }
        if names.iter().any(|n| n.last == j) {
            break;
        }
    }
    // A list "from Microsoft, Meta, and Apple": the first item's phrase covers the rest.
    if name.first >= 2
        && matches!(words[name.first - 1].text, "," | "and")
        && let Some(prev) = names.iter().rev().find(|n| {
            n.last + 1 == name.first - 1
                || (n.last + 2 == name.first - 1 && words[n.last + 1].text == ",")
        })
    {
        return in_prepositional_phrase(words, names, prev);
    }
    false
}

/// The start of a list of names ending with `name` ("Microsoft, Alphabet, Amazon and Meta"),
/// when `name` is its last item and the list is the subject.
fn coordinated_with(words: &[Word], names: &[Name], name: &Name) -> Option<Span> {
    let mut current = name;
    let mut first = None;
    loop {
        let at = current.first;
        let joiner = at.checked_sub(1).map(|j| &words[j]);
        let (skip, ok) = match joiner {
            Some(w) if w.is(AND_OR) || w.text == "&" => {
                // "Amazon and Meta", "Amazon, and Meta"
                let comma = at >= 2 && words[at - 2].text == ",";
                (if comma { 2 } else { 1 }, true)
            }
            Some(w) if w.text == "," => (1, true),
            _ => (0, false),
        };
        if !ok {
            break;
        }
        let Some(prev) = names.iter().rev().find(|n| n.last + skip + 1 == at) else {
            break;
        };
        first = Some(prev.span.start);
        current = prev;
    }
    first.map(|start| Span::new(start, name.span.end))
}

/// "Mark Zuckerberg said the company …" or "Meta chief executive Mark Zuckerberg": a person
/// speaking, not the subject.
fn is_titled(words: &[Word], name: &Name) -> bool {
    name.known.is_none() && name.first > 0 && words[name.first - 1].is(TITLE)
}

fn is_speaker(words: &[Word], name: &Name) -> bool {
    if name.known.is_some() {
        return false;
    }
    let titled = is_titled(words, name);
    let says = words.get(name.last + 1).is_some_and(|w| w.is(SAY_VERB));
    if titled {
        return true;
    }
    if says {
        // ", Mark Zuckerberg said on Friday, up from $39 billion": a reporting clause set off
        // by commas is a speaker's, whatever the name.
        let after_comma = name.first > 0 && words[name.first - 1].text == ",";
        let closes = words
            .iter()
            .skip(name.last + 2)
            .take(4)
            .any(|w| w.text == ",");
        if after_comma && closes {
            return true;
        }
        // "X said it" → X is the subject; "X said the company" → X speaks of someone else.
        let then = name.last + 2;
        let refers_to_other = back_reference_starting_at(words, then)
            .is_some_and(|len| !(len == 1 && words[then].is(IT)));
        return refers_to_other;
    }
    false
}

fn back_reference_starting_at(words: &[Word], at: usize) -> Option<usize> {
    let first = words.get(at)?;
    if first.is(IT) {
        return Some(1);
    }
    if !first.is(THE) {
        return None;
    }
    // "the" + up to two lower-case describing words + a head noun.
    for len in 2..=4 {
        let head = words.get(at + len - 1)?;
        if head.is(BACK_REFERENCE_HEAD) {
            return Some(len);
        }
        let describing = head.is(LOWER_FIRST) || head.text.contains('-');
        if !describing {
            return None;
        }
    }
    None
}

/// The first word of a back-reference whose last word is `words[i]`.
fn back_reference_ending_at(words: &[Word], i: usize) -> Option<usize> {
    // Only "it", "its" or a head noun ends one: most words need no look at the words before.
    if !words[i].is(IT | BACK_REFERENCE_HEAD) {
        return None;
    }
    (i.saturating_sub(3)..=i)
        .find(|&start| back_reference_starting_at(words, start) == Some(i + 1 - start))
}

#[cfg(test)]
mod tests {
    use super::super::{lowercase_in, lowercase_is};
    use super::*;

    /// `WordClasses::flags` as the lists define it, one list at a time: the oracle for the
    /// table of list words.
    fn flags_by_lists(word: &str) -> WordFlags {
        let mut flags = 0;
        let mut set = |flag: WordFlags, yes: bool| {
            if yes {
                flags |= flag;
            }
        };
        let capitalised = is_capitalised(word);
        set(CAPITALISED, capitalised);
        set(
            COMMON_CAPITAL,
            (capitalised || word == "&") && is_common_capital(word),
        );
        set(HAS_LETTER, word.chars().any(|c| c.is_alphabetic()));
        set(
            LOWER_FIRST,
            word.chars().next().is_some_and(|c| c.is_lowercase()),
        );
        set(SAY_VERB, lowercase_in(word, SAY_VERBS));
        set(ACTING_VERB, lowercase_in(word, ACTING_VERBS));
        set(PREPOSITION, lowercase_in(word, PREPOSITIONS));
        set(MEASURED, lowercase_in(word, MEASURED_OF_AN_OWNER));
        set(TITLE, lowercase_in(word, TITLES));
        set(
            BACK_REFERENCE_HEAD,
            lowercase_in(word, BACK_REFERENCE_HEADS),
        );
        set(IT, lowercase_in(word, &["it", "its"]));
        set(THE, lowercase_is(word, "the"));
        set(OF, lowercase_is(word, "of"));
        set(
            AND_OR,
            lowercase_is(word, "and") || lowercase_is(word, "or"),
        );
        set(
            RELATIVE,
            lowercase_in(word, &["which", "who", "that", "whose"]),
        );
        flags
    }

    #[test]
    fn word_flags_agree_with_the_lists() {
        let lists = [
            SAY_VERBS,
            ACTING_VERBS,
            PREPOSITIONS,
            MEASURED_OF_AN_OWNER,
            TITLES,
            BACK_REFERENCE_HEADS,
        ];
        let mut words: Vec<String> = lists
            .iter()
            .flat_map(|l| l.iter())
            .map(|w| w.to_string())
            .collect();
        words.extend(
            [
                "it",
                "its",
                "the",
                "of",
                "and",
                "or",
                "which",
                "who",
                "that",
                "whose",
                "&",
                ",",
                "(",
                "—",
                "",
                "a",
                "Nvidia",
                "xAI",
                "iPhone",
                "U.S.",
                "AI",
                "Monday",
                "The",
                "THE",
                "Its",
                "OpenAI’s",
                "Meta's",
                "Hangzhou-based",
                "Zürich",
                "ÉCOLE",
                "chief",
                "co-founders",
                "thee",
                "ofs",
                "tho",
                "wit",
                "\u{212A}",
                "\u{212A}ey",
                "ma\u{212A}er",
                "\u{212A}ALLE",
                "a-very-long-hyphenated-word-beyond-every-list",
            ]
            .map(String::from),
        );
        // Each word as written, capitalised and upper-cased.
        for word in words.clone() {
            let mut chars = word.chars();
            if let Some(c) = chars.next() {
                words.push(c.to_uppercase().chain(chars).collect());
            }
            words.push(word.to_uppercase());
        }
        let mut classes = WordClasses::default();
        for word in &words {
            assert_eq!(
                classes.flags(word),
                flags_by_lists(word),
                "flags of {word:?}"
            );
        }
    }

    /// The subject's words as the linker's pass over a sentence adds them, against `words_in`
    /// (the oracle); and that pass's own words whether it adds them or not.
    fn check_one_pass_split(text: &str, sentence_start: usize, cut: usize) {
        let sentence = Span::new(sentence_start, text.len());
        let end = cut.max(sentence.start);
        let mut classes = WordClasses::default();
        let mut oracle = WordBuffers::default();
        words_in(
            text,
            sentence.start,
            end,
            &mut classes,
            &mut oracle.words,
            &mut oracle.raw_ends,
        );
        let mut alone = Vec::new();
        super::super::split_sentence(text, sentence, None, |at, w, clause| {
            alone.push((at, w, clause))
        });
        let mut together = Vec::new();
        let mut buffers = WordBuffers::default();
        super::super::split_sentence(
            text,
            sentence,
            Some((end, &mut buffers, &mut classes)),
            |at, w, clause| together.push((at, w, clause)),
        );
        assert_eq!(alone, together, "{text:?}");
        assert_eq!(buffers.split(), oracle.split(), "{text:?} to {end}");
        // The same split in two parts, the first stopping at the subject's end.
        let mut parts = Vec::new();
        let mut part_buffers = WordBuffers::default();
        let rest = super::super::split_sentence_part(
            text,
            sentence,
            super::super::SplitAt::START,
            Some(end),
            Some((end, &mut part_buffers, &mut classes)),
            |at, w, clause, _| parts.push((at, w, clause)),
        );
        if let Some(from) = rest {
            super::super::split_sentence_part(
                text,
                sentence,
                from,
                None,
                None,
                |at, w, clause, _| parts.push((at, w, clause)),
            );
        }
        assert_eq!(alone, parts, "{text:?} in two parts at {end}");
        assert_eq!(part_buffers.split(), oracle.split(), "{text:?} to {end}");
        // The split as it was, a character at a time, in the same two parts.
        let mut by_chars = Vec::new();
        let mut by_chars_buffers = WordBuffers::default();
        let rest_by_chars = super::super::split_sentence_part_by_chars(
            text,
            sentence,
            super::super::SplitAt::START,
            Some(end),
            Some((end, &mut by_chars_buffers, &mut classes)),
            |at, w, clause| by_chars.push((at, w, clause)),
        );
        assert_eq!(rest, rest_by_chars, "{text:?} stopped at {end}");
        if let Some(from) = rest_by_chars {
            super::super::split_sentence_part_by_chars(
                text,
                sentence,
                from,
                None,
                None,
                |at, w, clause| by_chars.push((at, w, clause)),
            );
        }
        assert_eq!(alone, by_chars, "{text:?} a character at a time");
        assert_eq!(
            by_chars_buffers.split(),
            oracle.split(),
            "{text:?} to {end}"
        );
    }

    #[test]
    fn one_pass_split_is_the_subjects_split() {
        for text in [
            "Meta’s U.S. unit, Inc. said 2,050 ...more -based co-founder’s (x) — y – z.",
            "...",
            ".a .. b. 'c' -d- ",
            "Zürich’s café—x,y;z:",
            "",
        ] {
            for cut in (0..=text.len()).filter(|&c| text.is_char_boundary(c)) {
                for start in [0, 1] {
                    if text.is_char_boundary(start) && start <= text.len() {
                        check_one_pass_split(text, start, cut);
                    }
                }
            }
        }
    }

    proptest::proptest! {
        /// Walking the mentions along with the sentences finds each sentence's as searching
        /// for them does.
        #[test]
        fn mentions_around_sentences_walked_are_searched(
            starts in proptest::collection::vec(0usize..60, 0..12),
            cuts in proptest::collection::vec(0usize..70, 1..8),
        ) {
            let mut starts = starts;
            starts.sort_unstable();
            let mentions: Vec<Mention> = starts
                .iter()
                .map(|&s| Mention { span: Span::new(s, s + 3), entities: vec![1] })
                .collect();
            let mut cuts = cuts;
            cuts.sort_unstable();
            let spans = |m: &[Mention]| m.iter().map(|m| m.span).collect::<Vec<_>>();
            let mut from = 0;
            for pair in cuts.windows(2) {
                let sentence = Span::new(pair[0], pair[1]);
                let walked = SentenceMentions::after(&mentions, sentence, from);
                let searched = SentenceMentions::of(&mentions, sentence);
                proptest::prop_assert_eq!(spans(walked.before), spans(searched.before));
                proptest::prop_assert_eq!(spans(walked.within), spans(searched.within));
                from = walked.before.len();
            }
        }

        #[test]
        fn one_pass_split_of_any_sentence(
            text in "[a-zA-Z0-9 .,;:()’'\\-—–é$%\"]{0,40}",
            start in 0usize..8,
            cut in 0usize..48,
        ) {
            let start = (0..=start.min(text.len())).rev().find(|&s| text.is_char_boundary(s)).unwrap_or(0);
            let cut = (0..=cut.min(text.len())).rev().find(|&c| text.is_char_boundary(c)).unwrap_or(0);
            check_one_pass_split(&text, start, cut);
        }
    }

    fn doc_and_claim(text: &str, number: &str) -> (Document, Claim) {
        let doc = Document::from_text("t".into(), text.into());
        let claims = crate::reader::read(&doc, &[]);
        let claim = claims
            .into_iter()
            .find(|c| doc.text[c.number_span.start..c.number_span.end].contains(number))
            .expect("claim read");
        (doc, claim)
    }

    fn mention(text: &str, name: &str, entity: EntityId) -> Mention {
        let start = text.find(name).expect("name in text");
        Mention {
            span: Span::new(start, start + name.len()),
            entities: vec![entity],
        }
    }

    proptest::proptest! {
        /// The walk's next stop found in one search is the one found word by word.
        #[test]
        fn next_stop_back_is_the_first_found_word_by_word(
            kinds in proptest::collection::vec(0usize..4, 0..20),
            name_last in proptest::option::of(0usize..22),
            i in 0usize..21,
        ) {
            let flags = [0, IT, BACK_REFERENCE_HEAD, CAPITALISED];
            let words: Vec<Word> = kinds
                .iter()
                .map(|&k| Word { text: "", span: Span::new(0, 0), flags: flags[k] })
                .collect();
            let i = i.min(words.len());
            let word_by_word = (0..i)
                .rev()
                .find(|&j| name_last == Some(j) || words[j].is(IT | BACK_REFERENCE_HEAD));
            proptest::prop_assert_eq!(next_stop_back(&words, name_last, i), word_by_word);
        }
    }

    #[test]
    fn unknown_name_with_a_relative_clause_is_the_subject() {
        let t = "Broadcom finished down 17.4 percent, followed by Marvell Technology, which tumbled 19.1 percent.";
        let (doc, claim) = doc_and_claim(t, "19.1");
        let m = vec![mention(t, "Broadcom", 0)];
        assert_eq!(
            subject_of(&doc, &claim, &m, &[], &mut WordClasses::default()),
            SubjectOf::Unknown("Marvell Technology")
        );
        let t =
            "Broadcom finished down 17.4 percent, followed by Microsoft, which fell 2.1 percent.";
        let (doc, claim) = doc_and_claim(t, "2.1");
        let m = vec![mention(t, "Broadcom", 0), mention(t, "Microsoft", 1)];
        assert!(
            matches!(subject_of(&doc, &claim, &m, &[], &mut WordClasses::default()), SubjectOf::Known { entities, .. } if entities == vec![1])
        );
    }

    #[test]
    fn names_in_a_prepositional_phrase_are_not_subjects() {
        let t = "OpenAI announced a new joint venture with tech heavyweights SoftBank and Oracle to invest $500 billion.";
        let (doc, claim) = doc_and_claim(t, "500");
        let m = vec![mention(t, "OpenAI", 7)];
        assert!(
            matches!(subject_of(&doc, &claim, &m, &[], &mut WordClasses::default()), SubjectOf::Known { entities, .. } if entities == vec![7])
        );
    }

    #[test]
    fn speakers_are_not_subjects() {
        let t = "Earlier this month, Meta chief executive Mark Zuckerberg said the company is planning to spend up to $65 billion.";
        let (doc, claim) = doc_and_claim(t, "65");
        let m = vec![mention(t, "Meta", 3)];
        assert!(
            matches!(subject_of(&doc, &claim, &m, &[], &mut WordClasses::default()), SubjectOf::Known { entities, .. } if entities == vec![3])
        );
        let t = "Apple said it would invest $500 billion in the U.S. over four years.";
        let (doc, claim) = doc_and_claim(t, "500");
        assert_eq!(
            subject_of(&doc, &claim, &[], &[], &mut WordClasses::default()),
            SubjectOf::Unknown("Apple")
        );
    }

    #[test]
    fn an_unknown_possessor_is_the_subject() {
        let t =
            "DeepSeek’s efficient models could challenge Big Tech’s billions in spending on AI.";
        let (doc, claim) = doc_and_claim(t, "billions");
        let m = vec![mention(t, "DeepSeek", 2)];
        assert!(
            matches!(subject_of(&doc, &claim, &m, &[], &mut WordClasses::default()), SubjectOf::Unknown(n) if n.starts_with("Big Tech"))
        );
    }
}
