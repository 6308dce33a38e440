//! The link stage: which figure, if any, a claim is about (semantics.md §3).
//!
//! Subject first (the entity the number is said of), then unit, keywords and time narrow that
//! entity's figures; the claimed value is never looked at, so a wrong number can never pick the
//! figure that happens to agree with it.

mod subject;
mod time;

use crate::dataset::index::{EntityId, FigureId, Index, IndexedFigure, Mention, noun_stems, stem};
use crate::document::{Document, Span};
use crate::reader::{Claim, Kind};
use std::cell::Cell;
use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use subject::{
    SentenceMentions, SentenceWords, SubjectOf, WordBuffers, WordClasses, subject_among,
};

/// What linking decided for one claim.
#[derive(Debug, Clone, PartialEq)]
pub enum Link {
    Linked {
        figure: FigureId,
        reason: String,
        /// Words between the number and the nearest of the figure's keywords: of two numbers
        /// of one sentence linked to one figure, the nearer keeps it.
        keyword_distance: usize,
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

/// Whether `word` lower-cased is `lower` (itself lower-case), without allocating for an ASCII
/// word. (The subject search's word table answers this now; its tests ask it.)
#[cfg(test)]
fn lowercase_is(word: &str, lower: &str) -> bool {
    if word.is_ascii() {
        // The length first: most words differ in it, and it is cheaper than the call.
        word.len() == lower.len() && word.eq_ignore_ascii_case(lower)
    } else {
        word.to_lowercase() == lower
    }
}

/// Whether `word` lower-cased is one of `list` (all lower-case).
fn lowercase_in(word: &str, list: &[&str]) -> bool {
    if word.is_ascii() {
        list.iter()
            .any(|l| word.len() == l.len() && word.eq_ignore_ascii_case(l))
    } else {
        let lower = word.to_lowercase();
        list.contains(&lower.as_str())
    }
}

/// A hash for the linker's tables keyed by a word: eight bytes per multiply, where SipHash's
/// rounds (or FNV's byte at a time) cost more than the lookup they serve for keys this short.
#[derive(Default)]
struct WordHasher(u64);

/// Mixes `value` into `hash`: a multiply folded to 64 bits spreads every input bit over both
/// the high bits (hashbrown's tag) and the low bits (its bucket).
fn fold_mix(hash: u64, value: u64) -> u64 {
    let product = u128::from(hash ^ value) * 0x9E37_79B9_7F4A_7C15;
    (product as u64) ^ ((product >> 64) as u64)
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut h = self.0;
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            let mut word = [0; 8];
            word.copy_from_slice(chunk);
            h = fold_mix(h, u64::from_le_bytes(word));
        }
        let rest = chunks.remainder();
        let n = rest.len();
        // The last bytes, read as (overlapping) halves, with their number.
        let tail = match n {
            0 => None,
            1..=3 => Some(
                u64::from(rest[0]) | u64::from(rest[n / 2]) << 8 | u64::from(rest[n - 1]) << 16,
            ),
            _ => {
                let half = |at: usize| {
                    u64::from(u32::from_le_bytes([
                        rest[at],
                        rest[at + 1],
                        rest[at + 2],
                        rest[at + 3],
                    ]))
                };
                Some(half(0) | half(n - 4) << 32)
            }
        };
        if let Some(tail) = tail {
            h = fold_mix(h, tail ^ (n as u64) << 59);
        }
        self.0 = h;
    }

    /// Only the end of a `str` (0xff) comes here: mixing it in again would cost a multiply.
    fn write_u8(&mut self, byte: u8) {
        self.0 = self.0.rotate_left(8) ^ u64::from(byte);
    }

    /// `write` mixed every bit already.
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A table keyed by words, owned: it outlives the document they were seen in (`WordCache`).
type WordTable<V> = HashMap<Box<str>, V, BuildHasherDefault<WordHasher>>;

/// The stem of each word seen so far, as its `Index::keyword_stem_id` and what else linking asks
/// of it (`StemMarks`): a document repeats its words, and a stem is worth computing once. The
/// recent words' stems are kept with their classes (`RecentWord`).
#[derive(Default)]
struct Stems {
    table: WordTable<WordStem>,
}

/// A word's stem as linking knows it: its `Index::keyword_stem_id` and its `StemMarks`.
type WordStem = (u32, StemMarks);

/// The stem of a word not stemmed yet (`RecentWord`, `SplitWord`): no keyword stem has its id,
/// nor any other word (`NOT_A_KEYWORD`). (A mark, not an `Option`: the split moves a stem for
/// each word, and a tag is one more thing to move.)
const UNKNOWN_STEM: WordStem = (NOT_A_KEYWORD - 1, 0);

/// What linking keeps of a word seen recently (`RecentWords`): its class
/// (`subject::WordClasses`) and its stem (`Stems`), each once asked for. A sentence's words
/// are classified for its claims' subjects and stemmed for their figures: one slot answers
/// both, and a word split for the subjects carries its stem to the figures (`SplitWord`).
#[derive(Debug, Clone, Copy)]
struct RecentWord {
    /// `subject::UNKNOWN_FLAGS` until asked for.
    flags: subject::WordFlags,
    /// `UNKNOWN_STEM` until asked for.
    stem: WordStem,
}

impl Default for RecentWord {
    fn default() -> Self {
        RecentWord {
            flags: subject::UNKNOWN_FLAGS,
            stem: UNKNOWN_STEM,
        }
    }
}

/// What linking learns of words (their stems and classes), kept on each thread from one
/// document, or block of a long one, to the next: documents share most of their words, and a
/// word is worth stemming and classifying once per run, not once per document or block.
struct WordCache {
    /// The `Index::serial` of the index whose keyword ids the stems have.
    index: u64,
    stems: Stems,
    classes: WordClasses,
    /// The list of a document's mentions as linking sees them (`resolve_maker_into`), kept
    /// for its room and that of each mention's entities.
    mentions: Vec<Mention>,
    /// What the claims' units are compared by: the index's figures' unit classes, and the
    /// counted nouns and rates seen so far.
    units: UnitStems,
    /// The series of the index's figures (`time::select`).
    series: time::FigureSeries,
    /// The first stems of the index's figures' keywords (`finish`).
    keyword_firsts: KeywordFirstStems,
}

/// Distinct words a `WordCache` holds before it starts afresh: a long run over varied text
/// keeps it to a few megabytes.
const CACHED_WORDS: usize = 1 << 16;

thread_local! {
    static WORD_CACHE: Cell<Option<WordCache>> = const { Cell::new(None) };
}

impl WordCache {
    /// The thread's cache for `index` (an empty one when it was for another index, or full).
    fn take(index: &Index) -> WordCache {
        match WORD_CACHE.take() {
            Some(cache)
                if cache.index == index.serial()
                    && cache.stems.table.len() + cache.classes.len() + cache.units.len()
                        < CACHED_WORDS =>
            {
                cache
            }
            _ => WordCache {
                index: index.serial(),
                stems: Stems::default(),
                classes: WordClasses::default(),
                mentions: Vec::new(),
                units: UnitStems::default(),
                series: time::FigureSeries::default(),
                keyword_firsts: KeywordFirstStems::default(),
            },
        }
    }

    /// Keeps the cache for the thread's next document.
    fn put_back(self) {
        WORD_CACHE.set(Some(self));
    }
}

/// A short word (at most sixteen bytes) as a key of `RecentWords`: its bytes in two numbers,
/// and its length.
type ShortWord = (u64, u64, u8);

fn short_word(word: &str) -> Option<ShortWord> {
    let bytes = word.as_bytes();
    let n = bytes.len();
    // With the length in the key, some of the bytes in fixed places say the word: a copy of
    // a variable length would call `memcpy`. Nine to sixteen bytes as two overlapping
    // eights, four to eight as two overlapping fours, fewer as the first, middle and last.
    let eight = |at: usize| {
        let mut word = [0; 8];
        word.copy_from_slice(&bytes[at..at + 8]);
        u64::from_le_bytes(word)
    };
    let four = |at: usize| {
        u64::from(u32::from_le_bytes([
            bytes[at],
            bytes[at + 1],
            bytes[at + 2],
            bytes[at + 3],
        ]))
    };
    let packed = match n {
        0 => (0, 0),
        1..=3 => (
            u64::from(bytes[0]) | u64::from(bytes[n / 2]) << 8 | u64::from(bytes[n - 1]) << 16,
            0,
        ),
        4..=8 => (four(0) | four(n - 4) << 32, 0),
        9..=16 => (eight(0), eight(n - 8)),
        _ => return None,
    };
    Some((packed.0, packed.1, n as u8))
}

/// The last short word seen in each of a few slots, with its value: most words of prose are
/// short and repeat, and a slot compares two numbers where a table hashes the word and
/// compares strings. A cache in front of a word table: a miss asks the table.
struct RecentWords<V> {
    /// An array of a known length, so that a slot's index needs no bounds check.
    slots: Box<[(ShortWord, V); RECENT_SLOTS]>,
}

/// Slots of `RecentWords`: a power of two. The words' classes and stems share theirs
/// (`RecentWord`), as many as they had each alone.
const RECENT_SLOTS: usize = 16384;

impl<V: Copy + Default> Default for RecentWords<V> {
    fn default() -> Self {
        // The empty word is never asked for, so its key marks an empty slot.
        let slots = vec![((0, 0, 0), V::default()); RECENT_SLOTS].into_boxed_slice();
        RecentWords {
            slots: slots.try_into().ok().expect("RECENT_SLOTS slots"),
        }
    }
}

impl<V: Copy + Default> RecentWords<V> {
    fn slot(word: ShortWord) -> usize {
        let mixed = (word.0 ^ word.1.rotate_left(29) ^ u64::from(word.2))
            .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        (mixed >> (64 - RECENT_SLOTS.trailing_zeros())) as usize
    }

    /// The value kept for `word` in its slot, made `V::default()` when the slot held another
    /// word; `None` for a word that is not short, or empty. (Inlined: it runs for every word,
    /// and a call costs as much as a hit.)
    #[inline(always)]
    fn value_mut(&mut self, word: &str) -> Option<&mut V> {
        let short = short_word(word).filter(|s| s.2 > 0)?;
        let (key, value) = &mut self.slots[Self::slot(short)];
        if *key != short {
            *key = short;
            *value = V::default();
        }
        Some(value)
    }
}

/// The stems of each counted noun seen so far (`noun_stems`): documents count the same few
/// things again and again.
#[derive(Default)]
struct NounStems(WordTable<Vec<String>>);

impl NounStems {
    fn of(&mut self, noun: &str) -> &[String] {
        if !self.0.contains_key(noun) {
            self.0.insert(noun.into(), noun_stems(noun));
        }
        &self.0[noun]
    }
}

/// Each rate unit seen so far in parts (`rate_split`), the claims' and the figures': a
/// document compares the same few rates again and again, and a split costs allocations.
#[derive(Default)]
struct RateUnits(WordTable<RateParts>);

impl RateUnits {
    /// Whether a claim's rate unit fits a figure's (`rate_fits`).
    fn fit(&mut self, claim_unit: &str, figure_unit: &str) -> bool {
        for unit in [claim_unit, figure_unit] {
            if !self.0.contains_key(unit) {
                self.0.insert(unit.into(), rate_split(unit));
            }
        }
        rate_fits(&self.0[claim_unit], &self.0[figure_unit])
    }
}

/// What the units of claims are compared by, kept from claim to claim and document to document
/// (`WordCache`).
#[derive(Default)]
struct UnitStems {
    nouns: NounStems,
    rates: RateUnits,
    figures: FigureUnits,
}

impl UnitStems {
    /// The number of nouns and rates kept.
    fn len(&self) -> usize {
        self.nouns.0.len() + self.rates.0.len()
    }
}

/// What a figure's unit can state, as bits (`FigureUnits`): each claim compares its unit with
/// every figure of its subject, and the tests on the unit's text are worth making once.
type UnitClass = u8;
/// The class is known (a figure not yet compared has none of the bits).
const UNIT_KNOWN: UnitClass = 1;
const UNIT_PERCENT: UnitClass = 1 << 1;
const UNIT_POINTS: UnitClass = 1 << 2;
const UNIT_MULTIPLIER: UnitClass = 1 << 3;
/// `duration_days` knows it.
const UNIT_DURATION: UnitClass = 1 << 4;
/// `measure_family` knows it.
const UNIT_MEASURE: UnitClass = 1 << 5;
/// A rate: the unit has a '/'.
const UNIT_RATE: UnitClass = 1 << 6;
/// `is_count_unit`.
const UNIT_COUNT: UnitClass = 1 << 7;

fn unit_class(unit: &str) -> UnitClass {
    let mut class = UNIT_KNOWN;
    for (flag, yes) in [
        (UNIT_PERCENT, unit == "%"),
        (UNIT_POINTS, unit == "pp"),
        (UNIT_MULTIPLIER, unit == "x"),
        (UNIT_DURATION, duration_days(unit).is_some()),
        (UNIT_MEASURE, measure_family(unit).is_some()),
        (UNIT_RATE, unit.contains('/')),
        (UNIT_COUNT, is_count_unit(unit)),
    ] {
        if yes {
            class |= flag;
        }
    }
    class
}

/// The `UnitClass` of each figure of an index, found when a claim is first compared with it.
#[derive(Default)]
struct FigureUnits(Vec<UnitClass>);

impl FigureUnits {
    fn of(&mut self, index: &Index, f: FigureId) -> UnitClass {
        if self.0.len() != index.figures.len() {
            self.0 = vec![0; index.figures.len()];
        }
        let class = &mut self.0[f.0 as usize];
        if *class == 0 {
            *class = unit_class(&index.figure(f).figure.unit);
        }
        *class
    }
}

/// A sentence with at most this many words of keywords' stems has them searched one by one
/// (`all_positions`), not sorted: a sort costs more than the few searches of most sentences.
const SEARCHED_ONE_BY_ONE: usize = 16;

/// The stem id of a word whose stem is no figure's keyword's.
const NOT_A_KEYWORD: u32 = u32::MAX;

/// What linking asks of a word's stem besides its keyword id, as bits: the stems themselves are
/// never needed again.
type StemMarks = u16;
/// `is_expectation_stem`.
const EXPECTATION: StemMarks = 1;
/// A verb of a prospect: "seeks", "weighing", "considered".
const PROSPECT: StemMarks = 2;
/// "talk" and "in", for "in talks".
const TALK: StemMarks = 4;
const IN: StemMarks = 8;
/// A word that opens an adjunct about another event: "after", "following", "since", "when"…
const ADJUNCT: StemMarks = 16;
/// A word that introduces a comparison's baseline: "up from", "more than", "versus".
const BASELINE: StemMarks = 64;
/// "by" and "to" before a number of change: "fell by $593 billion" (a change), "fell to $2.9
/// trillion" (a level reached).
const BY: StemMarks = 128;
const TO: StemMarks = 256;
/// A word naming an expectation itself ("consensus", "expectations", "polled"), not only who
/// holds it ("analysts", who also estimate what was spent).
const EXPECTED_VALUE: StemMarks = 32;
/// "each" and "apiece": "SoftBank and OpenAI will each commit $19 billion", "$19 billion each".
const EACH: StemMarks = 512;
/// A unit of time after "each" makes a rate, not a share: "$10 billion each year".
const TIME_UNIT: StemMarks = 1024;
/// A verb of expecting: "the $58 billion analysts had expected", "forecast", "estimated".
const EXPECTING: StemMarks = 2048;
/// A day's name: "Friday", "Monday".
const DAY_NAME: StemMarks = 4096;
/// A verb of moving up or down: "fell", "slid", "rose".
const MOVE: StemMarks = 8192;

fn stem_marks(stem: &str) -> StemMarks {
    let mut marks = 0;
    if is_expectation_stem(stem) {
        marks |= EXPECTATION;
    }
    if matches!(stem, "expectation" | "consensus" | "poll") {
        marks |= EXPECTED_VALUE;
    }
    if matches!(
        stem,
        "seek" | "seeks" | "sought" | "eye" | "weigh" | "consid" | "rumor" | "rumour"
    ) {
        marks |= PROSPECT;
    }
    match stem {
        "talk" => marks |= TALK,
        "in" => marks |= IN,
        "after" | "follow" | "befor" | "before" | "sinc" | "since" | "amid" | "when" | "whil"
        | "while" | "until" | "onc" | "once" => marks |= ADJUNCT,
        "from" | "than" | "versu" | "versus" | "vs" | "against" => marks |= BASELINE,
        "by" => marks |= BY,
        "to" => marks |= TO,
        "each" | "apiec" | "apiece" => marks |= EACH,
        "year" | "quarter" | "month" | "week" | "day" | "tim" | "time" => marks |= TIME_UNIT,
        "expect" | "forecast" | "estim" | "estimat" | "estimate" | "project" | "anticip"
        | "anticipat" | "predict" => marks |= EXPECTING,
        "monday" | "tuesday" | "wednesday" | "thursday" | "friday" | "saturday" | "sunday" => {
            marks |= DAY_NAME
        }
        "fell" | "fall" | "drop" | "down" | "sank" | "sink" | "slid" | "slide" | "slip"
        | "plung" | "tumbl" | "declin" | "rose" | "rise" | "climb" | "jump" | "gain" | "soar"
        | "surg" | "up" => marks |= MOVE,
        _ => {}
    }
    marks
}

impl Stems {
    /// The stem of `word`: from its slot of `recent` when it was stemmed there last, else
    /// from the table or stemmed.
    fn of(&mut self, word: &str, index: &Index, recent: &mut RecentWords<RecentWord>) -> WordStem {
        let recent = recent.value_mut(word);
        if let Some(recent) = &recent
            && recent.stem != UNKNOWN_STEM
        {
            return recent.stem;
        }
        let value = match self.table.get(word) {
            Some(&known) => known,
            None => {
                let stem = stem(word);
                let value = (
                    index.keyword_stem_id(&stem).unwrap_or(NOT_A_KEYWORD),
                    stem_marks(&stem),
                );
                debug_assert!(value.0 != UNKNOWN_STEM.0, "a keyword stem id is no mark");
                self.table.insert(word.into(), value);
                value
            }
        };
        if let Some(recent) = recent {
            recent.stem = value;
        }
        value
    }
}

/// `u8::is_ascii_alphanumeric` by the reader's table (`ASCII_ALNUM`): one load where the
/// method takes a few comparisons, for the first and last bytes of every word split.
#[inline]
pub(super) fn is_alphanumeric_byte(byte: u8) -> bool {
    crate::reader::token::ASCII_ALNUM[usize::from(byte)]
}

/// `word` without the periods, apostrophes and hyphens around it: as
/// `word.trim_matches(['.', '\'', '’', '-'])`, by bytes.
#[inline]
fn trim_word_marks(mut word: &str) -> &str {
    // Most words begin and end with a letter or a digit: nothing to trim.
    if let (Some(&first), Some(&last)) = (word.as_bytes().first(), word.as_bytes().last())
        && is_alphanumeric_byte(first)
        && is_alphanumeric_byte(last)
    {
        return word;
    }
    // The length of a mark at the start ('’' is three bytes).
    let mark_at_start = |w: &str| match w.as_bytes() {
        [b'.' | b'\'' | b'-', ..] => 1,
        [0xE2, 0x80, 0x99, ..] => 3,
        _ => 0,
    };
    loop {
        match mark_at_start(word) {
            0 => break,
            n => word = &word[n..],
        }
    }
    trim_end_marks(word)
}

/// `word` without the periods, apostrophes and hyphens after it: as
/// `word.trim_end_matches(['.', '\'', '’', '-'])`, by bytes.
fn trim_end_marks(mut word: &str) -> &str {
    // The length of a mark at the end ('’' is three bytes).
    let mark_at_end = |w: &str| match w.as_bytes() {
        [.., b'.' | b'\'' | b'-'] => 1,
        [.., 0xE2, 0x80, 0x99] => 3,
        _ => 0,
    };
    loop {
        match mark_at_end(word) {
            0 => break,
            n => word = &word[..word.len() - n],
        }
    }
    word
}

/// `pieces.concat()`, copied piece by piece into a string of their length: for the few short
/// pieces of a reason the standard `concat` (`join_generic_copy`) costs more than its copies.
#[inline]
fn concat(pieces: &[&str]) -> String {
    let mut joined = String::with_capacity(pieces.iter().map(|p| p.len()).sum());
    for piece in pieces {
        joined.push_str(piece);
    }
    joined
}

/// The mentions that start in `from..to`. `mentions` are in text order (the order the index
/// finds them in the prose ranges, themselves in order), so a search for a mention that must
/// start there need not look at the rest of the document's.
fn mentions_starting_in(mentions: &[Mention], from: usize, to: usize) -> &[Mention] {
    let first = mentions.partition_point(|m| m.span.start < from);
    let end = mentions.partition_point(|m| m.span.start < to);
    &mentions[first..end.max(first)]
}

/// "The ChatGPT maker", "the Llama developer", "Instagram's parent" name the parent entity:
/// `m` as linking sees it, written over `out` (whose list of entities keeps its room).
fn resolve_maker_into(text: &str, m: &Mention, index: &Index, out: &mut Mention) {
    let parent = |e: &EntityId| index.entities[*e as usize].parent;
    let copy = |out: &mut Mention| {
        out.span = m.span;
        out.entities.clear();
        // (One by one: most mentions name one entity, for which a copy of the slice calls
        // `memcpy`.)
        for &e in &m.entities {
            out.entities.push(e);
        }
    };
    // Only a mention of an entity with a parent can name one: the word after it is looked at
    // only then.
    if !m.entities.iter().any(|e| parent(e).is_some()) {
        return copy(out);
    }
    let rest = &text[m.span.end..];
    let after = rest
        .strip_prefix("’s")
        .or_else(|| rest.strip_prefix("'s"))
        .unwrap_or(rest)
        .trim_start();
    let word_len = after
        .char_indices()
        .find(|&(_, c)| !(c.is_alphabetic() || c == '-'))
        .map_or(after.len(), |(at, _)| at);
    let word = &after[..word_len];
    let maker = lowercase_in(
        word,
        &[
            "maker",
            "makers",
            "owner",
            "parent",
            "developer",
            "creator",
            "operator",
            "backer",
        ],
    );
    if maker {
        let end = m.span.end + (rest.len() - after.len()) + word.len();
        out.span = Span::new(m.span.start, end);
        out.entities.clear();
        out.entities.extend(m.entities.iter().filter_map(parent));
    } else {
        copy(out);
    }
}

fn is_expectation_stem(stem: &str) -> bool {
    matches!(
        stem,
        "analyst" | "expectation" | "consensus" | "poll" | "lseg" | "factset"
    )
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

struct Subject<'m> {
    entities: &'m [EntityId],
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
    link_all_learning(doc, claims, mentions, index, false)
}

/// `link_all`, learning every sentence's figure facts (`SentenceFacts::learn_figure_facts`)
/// with `always_learn`, not only a sentence's that needs them: the tests compare the two.
fn link_all_learning(
    doc: &Document,
    claims: &[Claim],
    mentions: &[Mention],
    index: &Index,
    always_learn: bool,
) -> Vec<Link> {
    let WordCache {
        index: cached_for,
        stems,
        mut classes,
        mentions: mut linked_mentions,
        units,
        series,
        keyword_firsts,
    } = WordCache::take(index);
    // A name inside a claim modifies the quantity ("100,000 Nvidia H100 chips", "16,000 of
    // Nvidia's H100s"); it is never the subject of this claim or a later one.
    let mut c = 0;
    let mut kept = 0;
    for m in mentions.iter().filter(|m| {
        while c < claims.len() && claims[c].span.end <= m.span.start {
            c += 1;
        }
        !claims[c..]
            .iter()
            .take_while(|k| k.span.start < m.span.end)
            .any(|k| k.span.start <= m.span.start && m.span.end <= k.span.end)
    }) {
        if kept == linked_mentions.len() {
            linked_mentions.push(Mention {
                span: m.span,
                entities: Vec::new(),
            });
        }
        resolve_maker_into(&doc.text, m, index, &mut linked_mentions[kept]);
        kept += 1;
    }
    linked_mentions.truncate(kept);
    let mentions: &[Mention] = &linked_mentions;
    debug_assert!(mentions.is_sorted_by_key(|m| m.span.start));
    let mut buffers = PrepareBuffers {
        units,
        names: Vec::new(),
        spare_candidates: Vec::new(),
    };
    let mut across = AcrossSentences {
        stems,
        ..AcrossSentences::default()
    };
    let mut facts = SentenceFacts::default();
    // Where the last sentence starts, and how many mentions start before it.
    let (mut last_sentence_start, mut mentions_before_sentence) = (0, 0);
    let mut prepared: Vec<Option<Prepared>> = Vec::new();
    let mut scratch = FinishScratch {
        series,
        keyword_firsts,
        ..FinishScratch::default()
    };
    // Each time expression of a sentence with the claim it belongs to and that claim's figure.
    let mut owned: Vec<(time::Period, usize, Option<FigureId>)> = Vec::new();
    let mut links = Vec::with_capacity(claims.len());
    let mut i = 0;
    while i < claims.len() {
        // The claims of one sentence share its facts; time expressions go to the nearest claim.
        let sentence = claims[i].sentence;
        let end = claims[i..]
            .iter()
            .position(|c| c.sentence != sentence)
            .map_or(claims.len(), |n| i + n);
        let group = &claims[i..end];
        facts.refill(doc, sentence, group, &mut across, &mut classes);
        // The sentences come in text order, and so do the mentions: the search goes on from
        // the last sentence's (from the start, should a sentence come before the last).
        let from = if sentence.start >= last_sentence_start {
            mentions_before_sentence
        } else {
            0
        };
        let around = SentenceMentions::after(mentions, sentence, from);
        (last_sentence_start, mentions_before_sentence) = (sentence.start, around.before.len());
        // The last sentence's lists of candidates go back to `prepare` for this one's claims.
        while let Some(p) = prepared.pop() {
            if let Some(p) = p {
                buffers.spare_candidates.push(p.candidates);
            }
        }
        // What the other claims of the sentence cannot change is found once per claim, for the
        // first pass and any linking again; a claim decided before its figures (`None`) keeps
        // its first link.
        debug_assert_eq!(links.len(), i);
        for claim in group {
            match prepare(
                doc,
                claim,
                mentions,
                around,
                index,
                &facts,
                &mut classes,
                &mut buffers,
            ) {
                Ok(p) => {
                    prepared.push(Some(p));
                    links.push(Link::Unlinked {
                        reason: String::new(),
                    });
                }
                Err(decided) => {
                    links.push(decided);
                    prepared.push(None);
                }
            }
        }
        // A claim with no figure of its unit is decided without the sentence's stems and
        // times (`finish`), and so is a sentence of such claims only.
        let needs_figure_facts = prepared.iter().flatten().any(|p| p.any_unit_fits);
        if needs_figure_facts || always_learn {
            facts.learn_figure_facts(doc, &mut across, &mut classes, index);
        }
        for (k, claim) in group.iter().enumerate() {
            if let Some(p) = &prepared[k] {
                links[i + k] = finish(doc, claim, index, &facts, p, &Pass::FIRST, &mut scratch);
            }
        }
        let group_links = &mut links[i..end];
        // A claim with no time expression of its own may take the sentence's ("valued at $157
        // billion after raising $6.6 billion" in October): a second pass, knowing the others' links.
        // Each time expression with the link of a claim it belongs to, once per sentence.
        owned.clear();
        // (Most sentences name no time.)
        if !facts.period_owners.is_empty() {
            owned.extend(facts.period_owners.iter().filter_map(|&(p, start)| {
                let o = group.iter().position(|c| c.number_span.start == start)?;
                let figure = match &group_links[o] {
                    Link::Linked { figure, .. } => Some(*figure),
                    _ => None,
                };
                Some((facts.periods[p], o, figure))
            }));
        }
        // The time expressions claim `k` takes from the others of its sentence, if any.
        let inherited_by = |k: usize| -> Option<Vec<(time::Period, Option<FigureId>)>> {
            let has_own = owned.iter().any(|(_, o, _)| *o == k);
            (!owned.is_empty() && !has_own).then(|| {
                owned
                    .iter()
                    .filter(|(_, o, _)| *o != k)
                    .map(|(p, _, f)| (*p, *f))
                    .collect()
            })
        };
        for (k, claim) in group.iter().enumerate() {
            if let (Some(p), Some(inherited)) = (&prepared[k], inherited_by(k)) {
                let pass = Pass {
                    inherited: &inherited,
                    excluded: &[],
                };
                group_links[k] = finish(doc, claim, index, &facts, p, &pass, &mut scratch);
            }
        }
        // Two numbers of one sentence state two facts ("raised $6.6 billion in a round that
        // valued it at $157 billion"): when both link to one figure, the number nearer its
        // keywords keeps it, and the other is linked again without it.
        let mut excluded: Vec<Vec<FigureId>> = Vec::new();
        for _ in 0..group.len() * 2 {
            // Only a claim with figures can share one.
            let Some((other, figure)) = shared_figure(group_links) else {
                break;
            };
            let Some(p) = &prepared[other] else {
                break;
            };
            excluded.resize(group.len(), Vec::new());
            excluded[other].push(figure);
            let inherited = inherited_by(other).unwrap_or_default();
            let pass = Pass {
                inherited: &inherited,
                excluded: &excluded[other],
            };
            group_links[other] = finish(doc, &group[other], index, &facts, p, &pass, &mut scratch);
        }
        i = end;
    }
    // The subjects of `prepared` and the names of `buffers` borrow the mentions, which go back
    // to the cache.
    drop(prepared);
    let units = std::mem::take(&mut buffers.units);
    drop(buffers);
    WordCache {
        index: cached_for,
        stems: across.stems,
        classes,
        mentions: linked_mentions,
        units,
        series: scratch.series,
        keyword_firsts: scratch.keyword_firsts,
    }
    .put_back();
    links
}

/// The first quarter and full-year markers of a paragraph, as far as it has been searched.
struct ParagraphMarkers {
    paragraph: usize,
    /// The paragraph is searched for markers starting before this offset.
    scanned_to: usize,
    quarter: Option<usize>,
    annual: Option<usize>,
}

/// Where the run of ASCII letters and digits of `bytes` from `at` ends: as a loop over the
/// bytes, but eight at a time, for the letters of a word are most of a sentence's bytes.
#[inline]
fn alphanumeric_run_end(bytes: &[u8], mut at: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // With the high bits cleared no byte carries into the next: the high bit of `byte + 128 -
    // lo` says `byte >= lo`, that of `byte + 127 - hi` says `byte > hi`.
    let in_range = |low7: u64, lo: u8, hi: u8| {
        (low7 + ONES * u64::from(128 - lo)) & !(low7 + ONES * u64::from(127 - hi))
    };
    while let Some(chunk) = bytes.get(at..at + 8) {
        let x = u64::from_le_bytes(chunk.try_into().expect("eight bytes"));
        let low7 = x & !HIGH;
        // A letter in either case is a lower-case letter with bit 5 set.
        let letter = in_range(low7 | (ONES * 0x20), b'a', b'z');
        let digit = in_range(low7, b'0', b'9');
        let alphanumeric = (letter | digit) & !x & HIGH;
        let other = !alphanumeric & HIGH;
        if other != 0 {
            return at + (other.trailing_zeros() / 8) as usize;
        }
        at += 8;
    }
    while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
        at += 1;
    }
    at
}

/// The next character that can start or end a word when splitting `text` into words from
/// byte `at`, and where it is: ASCII letters and digits inside a word, and spaces between
/// words, change nothing, so runs of them are skipped byte by byte. The end of the text stands
/// as a space.
#[inline]
fn next_word_char(text: &str, mut at: usize, in_word: bool) -> (usize, char) {
    let bytes = text.as_bytes();
    if in_word {
        at = alphanumeric_run_end(bytes, at);
    } else {
        while bytes.get(at) == Some(&b' ') {
            at += 1;
        }
    }
    let c = match bytes.get(at) {
        None => ' ',
        Some(&b) if b.is_ascii() => char::from(b),
        Some(_) => text[at..].chars().next().unwrap_or(' '),
    };
    (at, c)
}

/// What a character is to the splitting of a sentence into words (`word_char_kind`): part of a
/// word, a break between clauses, or neither.
const WORD_CHAR: u8 = 1;
const CLAUSE_BREAK: u8 = 2;
/// `word_char_kind` of each ASCII character, looked up where the character tests of the
/// splitting took a chain of comparisons per character.
const ASCII_WORD_CHAR_KINDS: [u8; 128] = {
    let mut kinds = [0; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        kinds[b] = if c.is_ascii_alphanumeric() || matches!(c, b'-' | b'\'' | b'.') {
            WORD_CHAR
        } else if matches!(c, b',' | b';' | b':' | b'(' | b')') {
            CLAUSE_BREAK
        } else {
            0
        };
        b += 1;
    }
    kinds
};

/// Whether `c` is part of a word (alphanumeric, '-', '’', '\'' or '.'; `&` is not) or breaks
/// a clause (, ; : — – ( )).
#[inline]
fn word_char_kind(c: char) -> u8 {
    match ASCII_WORD_CHAR_KINDS.get(c as usize) {
        Some(&kind) => kind,
        // The common marks first: the tests of letters and digits beyond ASCII are searches.
        None if c == '’' => WORD_CHAR,
        None if matches!(c, '—' | '–') => CLAUSE_BREAK,
        None if c.is_alphanumeric() => WORD_CHAR,
        None => 0,
    }
}

/// Splits the sentence `doc_text[sentence]` into the linker's words: each run of word
/// characters without the marks around it goes to `on_word`, with its start in the document
/// and its clause (between commas, semicolons, dashes, brackets). With `subject_words`, an end
/// and lists, the same pass adds to the lists the words before the end as the subject search
/// splits them (`subject::words_in`): the caller asks for it only where no '&' is before the
/// end and the end is in the sentence, where each run of that split is a run of this one
/// without its leading periods, cut at the end. (Linking splits in parts,
/// `split_sentence_part`; the tests compare the two.)
#[cfg(test)]
fn split_sentence<'t>(
    doc_text: &'t str,
    sentence: Span,
    subject_words: Option<(usize, &mut WordBuffers<'t>, &mut WordClasses)>,
    mut on_word: impl FnMut(usize, &'t str, usize),
) {
    let rest = split_sentence_part(
        doc_text,
        sentence,
        SplitAt::START,
        None,
        subject_words,
        |at, w, clause, _| on_word(at, w, clause),
    );
    debug_assert!(rest.is_none());
}

/// Where a split of a sentence (`split_sentence_part`) stopped between two words: the byte in
/// the sentence and the clause there.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SplitAt {
    at: usize,
    clause: usize,
}

impl SplitAt {
    const START: SplitAt = SplitAt { at: 0, clause: 0 };
}

/// `split_sentence` from `from`, stopping at the first gap between words at or after the
/// document offset `stop` when there is one: the words there and after are the next part's,
/// which starts where this one says it stopped (`None`: it reached the sentence's end).
/// Two parts split the sentence as one split does. A word the subject's split classifies whole
/// goes to `on_word` with its stem when the class came with it (`RecentWord`).
fn split_sentence_part<'t>(
    doc_text: &'t str,
    sentence: Span,
    from: SplitAt,
    stop: Option<usize>,
    mut subject_words: Option<(usize, &mut WordBuffers<'t>, &mut WordClasses)>,
    mut on_word: impl FnMut(usize, &'t str, usize, WordStem),
) -> Option<SplitAt> {
    let text = &doc_text[sentence.start..sentence.end];
    let bytes = text.as_bytes();
    // The end of the subject's words in the sentence (0 for none).
    let subject_end = subject_words
        .as_ref()
        .map_or(0, |(end, ..)| end - sentence.start);
    let stop = stop.map(|s| s.saturating_sub(sentence.start));
    let SplitAt {
        at: mut i,
        mut clause,
    } = from;
    loop {
        // Between two words nothing of the split so far is pending: the next part goes on
        // from here.
        if stop.is_some_and(|s| i >= s) {
            return Some(SplitAt { at: i, clause });
        }
        // Spaces break no clause.
        let mut c;
        (i, c) = next_word_char(text, i, false);
        let mut kind = word_char_kind(c);
        if kind == WORD_CHAR {
            // A word, to the first character that is not a word's: its runs of letters and
            // digits are skipped whole, its other characters one by one.
            let s = i;
            loop {
                i += c.len_utf8();
                (i, c) = next_word_char(text, i, true);
                kind = word_char_kind(c);
                if kind != WORD_CHAR {
                    break;
                }
            }
            let raw = &text[s..i];
            // Most words begin and end with a letter or a digit: nothing to trim, for this
            // split or the subject's.
            let whole = is_alphanumeric_byte(bytes[s]) && is_alphanumeric_byte(bytes[i - 1]);
            let w = if whole { raw } else { trim_word_marks(raw) };
            let mut stem = UNKNOWN_STEM;
            if s < subject_end
                && let Some((_, words, classes)) = &mut subject_words
            {
                if whole && i <= subject_end {
                    // The run as it is: no period to skip, no end to cut, nothing to trim.
                    // It is `w`, whose stem comes with its class when known.
                    let flags;
                    (flags, stem) = classes.flags_and_stem(raw);
                    words.push_whole(raw, sentence.start + s, flags);
                } else {
                    // The subject's split starts no word with a period.
                    let from = s + bytes[s..i].iter().take_while(|&&b| b == b'.').count();
                    let to = i.min(subject_end);
                    if from < to {
                        words.push_run(
                            doc_text,
                            sentence.start + from,
                            sentence.start + to,
                            classes,
                        );
                    }
                }
            }
            if !w.is_empty() {
                on_word(sentence.start + s, w, clause, stem);
            }
        }
        if i >= text.len() {
            break;
        }
        // Clause breaks: , ; : — ( ) and a spaced en dash; not "2,050" or "60–65".
        if kind == CLAUSE_BREAK {
            // The subject's split keeps each as a word, "2,050"'s too.
            if i < subject_end
                && let Some((_, words, classes)) = &mut subject_words
            {
                words.push_break(doc_text, sentence.start + i, c.len_utf8(), classes);
            }
            let between_digits = i > 0
                && bytes.get(i - 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(i + c.len_utf8()).is_some_and(u8::is_ascii_digit);
            if !between_digits {
                clause += 1;
            }
        }
        i += c.len_utf8();
    }
    None
}

#[cfg(test)]
/// `split_sentence_part` as it was, a character at a time (the tests' oracle for it):
/// `split_sentence` from `from`, stopping at the first gap between words at or after the
/// document offset `stop` when there is one: the words there and after are the next part's,
/// which starts where this one says it stopped (`None`: it reached the sentence's end).
/// Two parts split the sentence as one split does.
fn split_sentence_part_by_chars<'t>(
    doc_text: &'t str,
    sentence: Span,
    from: SplitAt,
    stop: Option<usize>,
    mut subject_words: Option<(usize, &mut WordBuffers<'t>, &mut WordClasses)>,
    mut on_word: impl FnMut(usize, &'t str, usize),
) -> Option<SplitAt> {
    let text = &doc_text[sentence.start..sentence.end];
    let bytes = text.as_bytes();
    // The end of the subject's words in the sentence (0 for none).
    let subject_end = subject_words
        .as_ref()
        .map_or(0, |(end, ..)| end - sentence.start);
    let stop = stop.map(|s| s.saturating_sub(sentence.start));
    let mut start: Option<usize> = None;
    let SplitAt {
        at: mut i,
        mut clause,
    } = from;
    loop {
        // Between two words nothing of the split so far is pending: the next part goes on
        // from here.
        if start.is_none() && stop.is_some_and(|s| i >= s) {
            return Some(SplitAt { at: i, clause });
        }
        // Neither the skipped letters and digits nor spaces break a clause.
        let c;
        (i, c) = next_word_char(text, i, start.is_some());
        let kind = word_char_kind(c);
        match (kind == WORD_CHAR, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                let w = trim_word_marks(&text[s..i]);
                if !w.is_empty() {
                    on_word(sentence.start + s, w, clause);
                }
                if s < subject_end
                    && let Some((_, words, classes)) = &mut subject_words
                {
                    // The subject's split starts no word with a period.
                    let from = s + bytes[s..i].iter().take_while(|&&b| b == b'.').count();
                    let to = i.min(subject_end);
                    if from < to {
                        words.push_run(
                            doc_text,
                            sentence.start + from,
                            sentence.start + to,
                            classes,
                        );
                    }
                }
                start = None;
            }
            _ => {}
        }
        if i >= text.len() {
            break;
        }
        // Clause breaks: , ; : — ( ) and a spaced en dash; not "2,050" or "60–65".
        if kind == CLAUSE_BREAK {
            // The subject's split keeps each as a word, "2,050"'s too.
            if i < subject_end
                && let Some((_, words, classes)) = &mut subject_words
            {
                words.push_break(doc_text, sentence.start + i, c.len_utf8(), classes);
            }
            let between_digits = i > 0
                && bytes.get(i - 1).is_some_and(u8::is_ascii_digit)
                && bytes.get(i + c.len_utf8()).is_some_and(u8::is_ascii_digit);
            if !between_digits {
                clause += 1;
            }
        }
        i += c.len_utf8();
    }
    None
}

/// What linking keeps from one sentence of a document to the next: the stems of the words seen,
/// the first markers of the current paragraph, and the lists of the subject's words.
#[derive(Default)]
struct AcrossSentences<'t> {
    stems: Stems,
    paragraph_markers: Option<ParagraphMarkers>,
    words: WordBuffers<'t>,
}

/// A word of a sentence as the linker splits it (`split_sentence`), kept in one list: a word
/// is pushed once, not once for each of its facts.
#[derive(Debug, Clone, Copy)]
struct SplitWord<'t> {
    text: &'t str,
    /// Where it starts in the document.
    at: usize,
    /// Its clause (between commas, semicolons, dashes, brackets).
    clause: usize,
    /// Its stem when the split found it with the word's class (`RecentWord`), else
    /// `UNKNOWN_STEM`.
    stem: WordStem,
}

/// What every claim of one sentence shares: its word stems, time expressions, and markers of
/// period length. One is kept for a document and refilled for each sentence (`refill`), so that
/// the room of its lists is allocated once per document.
#[derive(Default)]
struct SentenceFacts<'t> {
    sentence: Span,
    /// The words before the sentence's last claim, where its claims' subjects are.
    words: SentenceWords<'t>,
    /// The words of the sentence, as the linker splits it (`split_sentence`): until
    /// `learn_figure_facts`, only those up to where the split stopped, `rest_of_split`.
    split: Vec<SplitWord<'t>>,
    rest_of_split: Option<SplitAt>,
    /// Whether the facts below `split` that choosing among figures needs (stems, times,
    /// period markers) are learnt (`learn_figure_facts`); until then they are empty.
    figure_facts_known: bool,
    /// What linking asks of each word's stem (`StemMarks`).
    marks: Vec<StemMarks>,
    /// Each stem's `Index::keyword_stem_id`, `NOT_A_KEYWORD` for a stem no keyword has.
    stem_ids: Vec<u32>,
    /// The words whose stem is some figure's keyword's, as (stem id, word index): in the order
    /// of the words, or, when there are more than `SEARCHED_ONE_BY_ONE`, sorted, so that the
    /// occurrences of a keyword's first stem are found by a binary search.
    keyword_positions: Vec<(u32, usize)>,
    /// A bit for each stem id modulo 256 of `keyword_positions`: most keywords of the
    /// candidates are in no sentence, and this says so without a search.
    keyword_bits: [u64; 4],
    periods: Vec<time::Period>,
    /// Where the claims of the sentence start (their numbers), to give each time expression to
    /// the nearest one.
    claim_starts: Vec<usize>,
    /// The clause of each claim's number (`clause_of`), known when the sentence has a time
    /// expression or a marker of period length (all that asks).
    claim_clauses: Vec<usize>,
    /// The claims (by number start) each of `periods` belongs to, as (index in `periods`,
    /// number start), in the order of `periods` (`find_period_owners`).
    period_owners: Vec<(usize, usize)>,
    claim_spans: Vec<Span>,
    /// The counts of the sentence with their nouns, for "… people, up from 400 million".
    count_nouns: Vec<(Span, Option<&'t str>)>,
    /// Word indices of "quarter"/"Q4" and of "annual"/"full-year" in the sentence.
    quarter_words: Vec<usize>,
    annual_words: Vec<usize>,
    /// The same markers in the paragraph's earlier sentences.
    paragraph_quarterly: bool,
    paragraph_annual: bool,
    /// Whether a word of the sentence is an expectation word (`EXPECTATION`).
    expects: bool,
    /// The marks of all the sentence's words together: a search for words of a mark the
    /// sentence has none of (most searches) ends before it starts.
    any_marks: StemMarks,
}

impl<'t> SentenceFacts<'t> {
    /// Forgets the last sentence and learns what its claims' subjects need of `sentence`, whose
    /// claims are `claims`. `across.paragraph_markers` remembers the last paragraph's first
    /// markers, so that a long paragraph is searched once, not once per sentence, and only as
    /// far as its last sentence that looks.
    fn refill(
        &mut self,
        doc: &'t Document,
        sentence: Span,
        claims: &'t [Claim],
        across: &mut AcrossSentences<'t>,
        classes: &mut WordClasses,
    ) {
        // The last sentence's subject words give their lists back.
        std::mem::take(&mut self.words).recycle(&mut across.words);
        self.sentence = sentence;
        self.figure_facts_known = false;
        for list in [
            &mut self.claim_starts,
            &mut self.claim_clauses,
            &mut self.quarter_words,
            &mut self.annual_words,
        ] {
            list.clear();
        }
        self.split.clear();
        self.marks.clear();
        self.stem_ids.clear();
        self.keyword_positions.clear();
        self.keyword_bits = [0; 4];
        self.periods.clear();
        self.period_owners.clear();
        self.claim_spans.clear();
        self.count_nouns.clear();
        self.paragraph_quarterly = false;
        self.paragraph_annual = false;
        self.expects = false;
        self.any_marks = 0;
        // The claims' subjects are among the words before the last claim: split in the same
        // pass, unless an '&' ("AT&T") joins runs of this pass's words there, or the claim
        // starts past the sentence.
        let last_claim_start = claims.iter().map(|c| c.span.start).max().unwrap_or(0);
        let subject_end = last_claim_start.max(sentence.start);
        let subject_in_pass = subject_end <= sentence.end
            && memchr::memchr(b'&', &doc.text.as_bytes()[sentence.start..subject_end]).is_none();
        let mut subject_words = std::mem::take(&mut across.words);
        subject_words.clear();
        // Only the words of the subject are split now; the rest when the figures need them
        // (`learn_figure_facts`).
        let split = &mut self.split;
        self.rest_of_split = if subject_in_pass {
            split_sentence_part(
                &doc.text,
                sentence,
                SplitAt::START,
                Some(subject_end),
                Some((subject_end, &mut subject_words, &mut *classes)),
                |at, text, clause, stem| {
                    split.push(SplitWord {
                        text,
                        at,
                        clause,
                        stem,
                    })
                },
            )
        } else {
            Some(SplitAt::START)
        };
        self.claim_spans.extend(claims.iter().map(|c| c.span));
        self.claim_starts
            .extend(claims.iter().map(|c| c.number_span.start));
        self.words = if subject_in_pass {
            SentenceWords::of_split(&mut subject_words, subject_end, &self.claim_spans)
        } else {
            SentenceWords::new(
                &doc.text,
                sentence,
                &self.claim_spans,
                last_claim_start,
                classes,
                &mut subject_words,
            )
        };
        self.count_nouns.extend(
            claims
                .iter()
                .filter(|c| c.unit.kind == Kind::Count)
                .map(|c| (c.span, c.unit.noun.as_deref())),
        );
    }

    /// Learns what choosing among figures asks of the sentence: its words' stems, its time
    /// expressions and its markers of period length. Only a sentence with a claim that has
    /// figures of its unit needs them; most claims are decided by their subject and unit alone.
    fn learn_figure_facts(
        &mut self,
        doc: &'t Document,
        across: &mut AcrossSentences<'t>,
        classes: &mut WordClasses,
        index: &Index,
    ) {
        debug_assert!(!self.figure_facts_known);
        self.figure_facts_known = true;
        let sentence = self.sentence;
        let text = &doc.text[sentence.start..sentence.end];
        if let Some(from) = self.rest_of_split {
            let split = &mut self.split;
            split_sentence_part(
                &doc.text,
                sentence,
                from,
                None,
                None,
                |at, text, clause, stem| {
                    split.push(SplitWord {
                        text,
                        at,
                        clause,
                        stem,
                    })
                },
            );
        }
        let stems = &mut across.stems;
        for w in &self.split {
            let (id, stem_marks) = if w.stem != UNKNOWN_STEM {
                w.stem
            } else {
                stems.of(w.text, index, &mut classes.recent)
            };
            if id != NOT_A_KEYWORD {
                self.keyword_positions.push((id, self.stem_ids.len()));
                self.keyword_bits[(id as usize >> 6) & 3] |= 1 << (id & 63);
            }
            self.marks.push(stem_marks);
            self.stem_ids.push(id);
        }
        // A few are searched one by one, in the order of the words; many are sorted (by stem,
        // then word) for binary searches.
        if self.keyword_positions.len() > SEARCHED_ONE_BY_ONE {
            self.keyword_positions.sort_unstable();
        }
        self.any_marks = self.marks.iter().fold(0, |all, m| all | m);
        self.expects = self.any_marks & EXPECTATION != 0;
        // The markers' byte offsets in the sentence, made the words holding them below.
        time::times_and_markers_into(
            text,
            sentence.start,
            doc.article_date,
            time::SentenceTimes {
                times: &mut self.periods,
                quarters: &mut self.quarter_words,
                years: &mut self.annual_words,
            },
        );
        // The word holding each marker ("quarter" inside "fourth-quarter").
        let split = &self.split;
        let marker_word = |b: &mut usize| {
            *b = split
                .partition_point(|w| w.at <= sentence.start + *b)
                .saturating_sub(1);
        };
        self.quarter_words.iter_mut().for_each(marker_word);
        self.annual_words.iter_mut().for_each(marker_word);
        // A marker lies in the paragraph before this sentence when the paragraph's first one
        // starts before it: no marker crosses the break between two sentences. Only a sentence
        // with no marker of its own looks at its paragraph's (`granularity_at`). A paragraph
        // is searched as far as the last sentence that looks, so sentences skipped between
        // two that look are searched with the later one.
        let own_markers = !(self.quarter_words.is_empty() && self.annual_words.is_empty());
        // The sentences of a paragraph follow one another: the last one's paragraph is
        // looked at before a search of the document's.
        let paragraph = if own_markers {
            None
        } else {
            match &across.paragraph_markers {
                Some(m)
                    if (doc.paragraphs[m.paragraph].start..doc.paragraphs[m.paragraph].end)
                        .contains(&sentence.start) =>
                {
                    debug_assert_eq!(doc.paragraph_index(sentence.start), Some(m.paragraph));
                    Some(m.paragraph)
                }
                _ => doc.paragraph_index(sentence.start),
            }
        };
        let (pq, pa) = match paragraph {
            None => (false, false),
            Some(p) => {
                let para = doc.paragraphs[p];
                let markers = match &mut across.paragraph_markers {
                    Some(m) if m.paragraph == p => m,
                    _ => across.paragraph_markers.insert(ParagraphMarkers {
                        paragraph: p,
                        scanned_to: para.start,
                        quarter: None,
                        annual: None,
                    }),
                };
                // Only the paragraph before the sentence is searched, and only once: the next
                // sentence goes on from here.
                if (markers.quarter.is_none() || markers.annual.is_none())
                    && markers.scanned_to < sentence.start
                {
                    let (q, a) = time::first_granularity_markers(
                        &doc.text[para.start..para.end],
                        markers.scanned_to - para.start..sentence.start - para.start,
                    );
                    markers.quarter = markers.quarter.or(q.map(|m| para.start + m));
                    markers.annual = markers.annual.or(a.map(|m| para.start + m));
                    markers.scanned_to = sentence.start;
                }
                let before = |m: Option<usize>| m.is_some_and(|m| m < sentence.start);
                (before(markers.quarter), before(markers.annual))
            }
        };
        self.paragraph_quarterly = pq;
        self.paragraph_annual = pa;
        // Only time expressions and markers ask which clause each claim is in.
        if !self.periods.is_empty() || own_markers {
            let mut claim_clauses = std::mem::take(&mut self.claim_clauses);
            claim_clauses.extend(
                self.claim_starts
                    .iter()
                    .map(|&c| self.clause_of(self.word_at(c))),
            );
            self.claim_clauses = claim_clauses;
        }
        self.find_period_owners();
    }

    /// Whether a word of the sentence may have one of the stems whose ids modulo 256 are the
    /// bits of `stem_bits` (`keyword_bits`).
    fn may_have_any_stem(&self, stem_bits: &[u64; 4]) -> bool {
        self.keyword_bits
            .iter()
            .zip(stem_bits)
            .any(|(sentence, stems)| sentence & stems != 0)
    }

    /// Whether a word of the sentence may have the stem `id` (`keyword_bits`).
    fn may_have_stem(&self, id: u32) -> bool {
        self.keyword_bits[(id as usize >> 6) & 3] & 1 << (id & 63) != 0
    }

    /// The time expressions that belong to the claim whose number starts at `at`, written
    /// over `out`: each goes to the nearest claim of its own clause, else to the nearest claim
    /// of the sentence.
    fn periods_for(&self, at: usize, out: &mut Vec<time::Period>) {
        out.clear();
        // Each period once, however many of its owners start at `at`.
        let mut last = None;
        for &(p, start) in &self.period_owners {
            if start == at && last != Some(p) {
                out.push(self.periods[p]);
                last = Some(p);
            }
        }
    }

    /// The claims (by number start) each time expression belongs to (`period_owners`): found
    /// once per sentence, so a sentence of many numbers stays linear in its time expressions.
    fn find_period_owners(&mut self) {
        let mut owners = std::mem::take(&mut self.period_owners);
        owners.clear();
        let claims = 0..self.claim_starts.len();
        for (n, p) in self.periods.iter().enumerate() {
            // The rivals for the time expression: the claims of its clause, or with none there
            // all the claims of the sentence (tests on the claims' indices, where lists of them
            // cost an allocation each).
            let clause = self.clause_of(self.word_at(p.at));
            let same_clause = |k: usize| self.claim_clauses[k] == clause;
            let any_in_clause = claims.clone().any(same_clause);
            let rival = |k: usize| !any_in_clause || same_clause(k);
            // The number before the time expression, nearest its end, owns it: "spent $39.2
            // billion in 2024 and expects $65 billion this year"; with none before, the
            // nearest after it ("In 2024, Meta spent $39.2 billion").
            let is_before = |k: usize| self.claim_spans[k].end <= p.at;
            let any_before = claims.clone().any(|k| rival(k) && is_before(k));
            let candidate = |k: usize| rival(k) && (!any_before || is_before(k));
            let distance = |k: usize| {
                if self.claim_spans[k].end <= p.at {
                    p.at - self.claim_spans[k].end
                } else {
                    p.at.abs_diff(self.claim_starts[k])
                }
            };
            let nearest = claims
                .clone()
                .filter(|&k| candidate(k))
                .map(distance)
                .min()
                .unwrap_or(usize::MAX);
            owners.extend(
                claims
                    .clone()
                    .filter(|&k| candidate(k) && distance(k) == nearest)
                    .map(|k| (n, self.claim_starts[k])),
            );
        }
        self.period_owners = owners;
    }

    /// Whether sentence word `w` lies inside a claim other than `mine`.
    fn in_other_claim(&self, w: usize, mine: Span, donor: Option<Span>) -> bool {
        let Some(&SplitWord { at, .. }) = self.split.get(w) else {
            return false;
        };
        self.claim_spans
            .iter()
            .any(|s| *s != mine && Some(*s) != donor && s.contains(at))
    }

    /// For a count with no noun, the nearest count before it in the sentence that has one.
    fn noun_donor(&self, claim: &Claim) -> Option<(Span, Option<&'t str>)> {
        if claim.unit.kind != Kind::Count || claim.unit.noun.is_some() {
            return None;
        }
        self.count_nouns
            .iter()
            .rev()
            .find(|(span, noun)| span.end <= claim.span.start && noun.is_some())
            .copied()
    }

    fn clause_of(&self, w: usize) -> usize {
        self.split
            .get(w.min(self.split.len().saturating_sub(1)))
            .map_or(0, |w| w.clause)
    }

    /// Whether the claim at word `w` speaks of a quarter or a whole year: a marker in its own
    /// clause, or in a clause of the sentence that holds no number ("In the fourth quarter,
    /// revenue rose 12%"); when the sentence has no marker, the paragraph's earlier sentences.
    fn granularity_at(&self, w: usize) -> (bool, bool) {
        if self.quarter_words.is_empty() && self.annual_words.is_empty() {
            return (self.paragraph_quarterly, self.paragraph_annual);
        }
        let claim_clauses = &self.claim_clauses;
        let mine = self.clause_of(w);
        let applies = |list: &[usize]| {
            list.iter().any(|&m| {
                let c = self.clause_of(m);
                c == mine || !claim_clauses.contains(&c)
            })
        };
        (applies(&self.quarter_words), applies(&self.annual_words))
    }

    /// Whether sentence word `i` says a period length ("quarter", "full-year").
    fn is_period_word(&self, i: usize) -> bool {
        self.quarter_words.contains(&i) || self.annual_words.contains(&i)
    }

    /// Whether an analysts' expectation introduces the number ("beating analyst estimates of
    /// $43.3 billion", "above analysts' expectations of $58 billion"): in the six words before
    /// it, or, naming the expectation itself, farther back in its clause with no other number
    /// between ("The analyst consensus for Meta's capital expenditures reached $51.3 billion";
    /// not "above expectations of $58 billion and up from $52.5 billion", nor "Analysts at
    /// SemiAnalysis estimated that DeepSeek has spent over $500 million").
    fn expectation_before(&self, w: usize, mine: Span) -> bool {
        // Both searches look for expectation words (`EXPECTED_VALUE` is one), which most
        // sentences have none of.
        if !self.expects {
            return false;
        }
        let w = w.min(self.marks.len());
        let from = w.saturating_sub(6);
        if self.marks[from..w].iter().any(|m| m & EXPECTATION != 0) {
            return true;
        }
        // Right after the number, in its clause: "the $58 billion analysts had expected", "the
        // $58 billion expected by analysts".
        let after = self.word_at(mine.end);
        let near = |bit: StemMarks| {
            (after + 1..(after + 4).min(self.marks.len()))
                .take_while(|&j| self.clause_of(j) == self.clause_of(after))
                .any(|j| self.marks[j] & bit != 0)
        };
        if let Some(&m) = self.marks.get(after)
            && ((m & EXPECTATION != 0 && near(EXPECTING))
                || (m & EXPECTING != 0 && near(EXPECTATION)))
        {
            return true;
        }
        let clause = self.clause_of(w);
        (0..w)
            .rev()
            .take_while(|&i| self.clause_of(i) == clause && !self.in_other_claim(i, mine, None))
            .any(|i| self.marks[i] & EXPECTED_VALUE != 0)
    }

    /// Whether a claim of the sentence other than `mine` is introduced by an expectation: the
    /// sentence's expectation words are then that claim's.
    fn other_claim_expected(&self, mine: Span) -> bool {
        self.claim_spans
            .iter()
            .zip(&self.claim_starts)
            .any(|(&span, &start)| {
                span != mine && self.expectation_before(self.word_at(start), span)
            })
    }

    /// What the word just before `claim` is (`StemMarks`; none at the sentence's start).
    fn marks_before(&self, claim: Span) -> StemMarks {
        self.word_at(claim.start)
            .checked_sub(1)
            .and_then(|w| self.marks.get(w))
            .copied()
            .unwrap_or(0)
    }

    /// The sentence's time expressions that belong to a comparison's baseline ("up from 300
    /// million in December"): the other numbers of the sentence are about another time.
    fn baseline_periods(&self) -> impl Iterator<Item = &time::Period> {
        self.periods.iter().enumerate().filter_map(move |(n, p)| {
            self.period_owners
                .iter()
                .filter(|&&(of, _)| of == n)
                .any(|&(_, start)| {
                    self.claim_starts
                        .iter()
                        .position(|&s| s == start)
                        .is_some_and(|k| self.marks_before(self.claim_spans[k]) & BASELINE != 0)
                })
                .then_some(p)
        })
    }

    /// Where an adjunct about another event opens after the claim ("reached $24 billion after
    /// its latest funding round"): the words from there on describe that event, not the number.
    fn adjunct_after(&self, claim: Span) -> usize {
        if self.any_marks & ADJUNCT == 0 {
            return usize::MAX;
        }
        let first = self.word_at(claim.end);
        (first..self.marks.len())
            .find(|&i| self.marks[i] & ADJUNCT != 0)
            .unwrap_or(usize::MAX)
    }

    /// Whether the number is a prospect in its own clause ("is reportedly seeking a valuation
    /// of $75 billion", "in talks to raise $10 billion"): not a stated figure. Modals ("may
    /// spend", "could reach") are not prospects: guidance is written that way.
    fn prospect_before(&self, w: usize) -> bool {
        if self.any_marks & (PROSPECT | TALK) == 0 {
            return false;
        }
        self.earlier_in_clause(w).any(|i| {
            self.marks[i] & PROSPECT != 0
                || (self.marks[i] & TALK != 0 && i > 0 && self.marks[i - 1] & IN != 0)
        })
    }

    /// The words before word `w` in its clause, first to last.
    fn earlier_in_clause(&self, w: usize) -> std::ops::Range<usize> {
        debug_assert_eq!(self.marks.len(), self.split.len());
        let clause = self.clause_of(w);
        let end = w.min(self.marks.len());
        // A word's clause is never before the last word's: the clause's words are one run,
        // which ends at `w` or the sentence's end.
        let start = self.split[..end].partition_point(|w| w.clause < clause);
        start..end
    }

    /// Whether the number is each one's share ("SoftBank and OpenAI will each commit $19
    /// billion", "$19 billion each", "each of the plants cost $2 billion"): no figure's whole.
    /// "each year" or "each quarter" makes a rate instead, left to the keywords.
    fn distributive(&self, claim: Span, w: usize) -> bool {
        if self.any_marks & EACH == 0 {
            return false;
        }
        let shares = |i: usize| {
            self.marks.get(i).is_some_and(|m| m & EACH != 0)
                && self.marks.get(i + 1).is_none_or(|m| m & TIME_UNIT == 0)
        };
        shares(self.word_at(claim.end)) || self.earlier_in_clause(w).any(shares)
    }

    fn has_expectation(&self) -> bool {
        self.expects
    }

    /// The word index nearest to byte offset `at`.
    fn word_at(&self, at: usize) -> usize {
        self.split.partition_point(|w| w.at < at)
    }
}

/// Of the claims of one sentence linked to one figure, the one that should give it up (its
/// keywords farther from its number; of equally far, the later) and the figure.
fn shared_figure(links: &[Link]) -> Option<(usize, FigureId)> {
    let linked = |k: usize| match &links[k] {
        Link::Linked {
            figure,
            keyword_distance,
            ..
        } => Some((*figure, *keyword_distance)),
        _ => None,
    };
    for b in 1..links.len() {
        let Some((figure, distance_b)) = linked(b) else {
            continue;
        };
        for a in 0..b {
            if let Some((f, distance_a)) = linked(a)
                && f == figure
            {
                // The farther number gives the figure up; of equally far ones, the later.
                let other = if distance_a > distance_b { a } else { b };
                return Some((other, figure));
            }
        }
    }
    None
}

/// A claim's link as far as the other claims of its sentence cannot change it: found once,
/// whether the claim is linked once or again (with the sentence's time, without a figure).
struct Prepared<'m> {
    subject: Subject<'m>,
    /// The figures of the subject and its children with their tier, and whether their unit
    /// can state what the claim states (`unit_matches`).
    candidates: Vec<(FigureId, Tier, bool)>,
    /// Whether any of `candidates` has a unit that fits.
    any_unit_fits: bool,
}

/// What `prepare` keeps from claim to claim.
struct PrepareBuffers<'m> {
    units: UnitStems,
    /// The candidate subjects of a claim (`subject::subject_among`), a buffer for all claims.
    names: Vec<subject::Name<'m>>,
    /// Lists for `Prepared::candidates` whose claims are linked, kept for their room.
    spare_candidates: Vec<Vec<(FigureId, Tier, bool)>>,
}

/// Finds the subject of `claim` and its candidate figures, or the link when linking ends
/// before the figures (no subject the datasets know).
#[allow(clippy::too_many_arguments)]
fn prepare<'t: 'm, 'm>(
    doc: &'t Document,
    claim: &'t Claim,
    mentions: &'m [Mention],
    around: SentenceMentions<'m>,
    index: &Index,
    facts: &SentenceFacts<'t>,
    classes: &mut WordClasses,
    buffers: &mut PrepareBuffers<'m>,
) -> Result<Prepared<'m>, Link> {
    let PrepareBuffers {
        units,
        names,
        spare_candidates,
    } = buffers;
    let subject = match subject_among(doc, claim, around, &facts.words, classes, names) {
        SubjectOf::Known {
            entities,
            mention,
            how,
        } => Subject {
            entities,
            mention,
            how,
        },
        SubjectOf::Several(names) => {
            return Err(Link::Unlinked {
                reason: concat(&[
                    "the number is said of several entities together (",
                    names,
                    ")",
                ]),
            });
        }
        SubjectOf::Unknown(name) => {
            return Err(Link::Unlinked {
                reason: concat(&[
                    "the number is said of '",
                    name,
                    "', which the datasets do not know",
                ]),
            });
        }
        SubjectOf::Nobody => {
            return Err(Link::Unlinked {
                reason:
                    "no entity of the datasets is named in the sentence or the paragraph before"
                        .into(),
            });
        }
    };
    // Only an entity with children needs to know which of them the text names.
    let has_children = subject
        .entities
        .iter()
        .any(|&e| !index.entities[e as usize].children.is_empty());
    let (context_children, named_children) = if has_children {
        (
            children_in_context(doc, claim, mentions, index, &subject),
            children_in_sentence(&subject, claim, mentions, index),
        )
    } else {
        (Vec::new(), Vec::new())
    };
    // Candidates by entity tier.
    let mut candidates = spare_candidates.pop().unwrap_or_default();
    candidates.clear();
    let mut any_unit_fits = false;
    for &e in subject.entities {
        let entity = &index.entities[e as usize];
        candidates.extend(entity.figures.iter().map(|&f| (f, Tier::Subject, false)));
        for &child in &entity.children {
            let tier = if named_children.contains(&child) {
                Tier::Subject
            } else if context_children.contains(&child) {
                Tier::ChildInContext
            } else {
                Tier::Child
            };
            candidates.extend(
                index.entities[child as usize]
                    .figures
                    .iter()
                    .map(|&f| (f, tier, false)),
            );
        }
    }
    if !candidates.is_empty() {
        // Unit.
        // "500 million people …, up from 400 million": a bare count takes the noun of the
        // count before it in the sentence. Only a count's noun is ever compared.
        // The claim's noun is stemmed once per document, the figures' units and keywords once per
        // index.
        let noun = (claim.unit.kind == Kind::Count)
            .then(|| {
                claim
                    .unit
                    .noun
                    .as_deref()
                    .or(facts.noun_donor(claim).and_then(|d| d.1))
                    .map(|noun| units.nouns.of(noun))
            })
            .flatten();
        let UnitStems { rates, figures, .. } = units;
        for (f, _, unit_fits) in &mut candidates {
            *unit_fits = unit_matches(claim, noun, rates, figures.of(index, *f), index, *f);
            any_unit_fits |= *unit_fits;
        }
    }
    Ok(Prepared {
        subject,
        candidates,
        any_unit_fits,
    })
}

/// How a prepared claim is linked this time.
struct Pass<'p> {
    /// The time expressions it takes from the other claims of its sentence.
    inherited: &'p [(time::Period, Option<FigureId>)],
    /// The figures it leaves to another claim of its sentence.
    excluded: &'p [FigureId],
}

impl Pass<'_> {
    /// The first pass, knowing nothing of the other claims.
    const FIRST: Pass<'static> = Pass {
        inherited: &[],
        excluded: &[],
    };
}

/// The lists `finish` fills for each claim, kept from claim to claim so that their room is
/// allocated once per document.
#[derive(Default)]
struct FinishScratch {
    candidates: Vec<(FigureId, Tier)>,
    scored: Vec<Scored>,
    /// The sentence words a candidate's keywords cover.
    covered: Vec<usize>,
    /// The keywords found of each scored candidate (`Scored::hits`), one buffer for a claim's
    /// candidates rather than a Vec each.
    hits: Vec<usize>,
    /// Which of `scored` `time::select` keeps.
    keep: Vec<bool>,
    /// The claim's time expressions (`time::select`).
    periods: Vec<time::Period>,
    /// The series of the figures (`time::select`), kept for the index like the words.
    series: time::FigureSeries,
    /// The first stems of the figures' keywords, kept for the index like the series.
    keyword_firsts: KeywordFirstStems,
}

/// The first stem ids of each figure's keywords in both forms (`keyword_variants`), as
/// (keyword index, [first stem as written, first stem split]), learnt when a claim is first
/// scored against the figure. Most keywords are in no sentence, and their first stems say so
/// (`SentenceFacts::may_have_stem`) without a walk through the figure's lists of stems. A
/// keyword with no first stem in either form is left out: it occurs in no sentence.
#[derive(Default)]
struct KeywordFirstStems {
    /// Each figure's entries in `firsts`, `UNKNOWN_FIRSTS` for one not learnt yet.
    of_figure: Vec<(u32, u32)>,
    firsts: Vec<(u32, [u32; 2])>,
}

/// `KeywordFirstStems::of_figure` for a figure not learnt yet.
const UNKNOWN_FIRSTS: (u32, u32) = (u32::MAX, u32::MAX);

impl KeywordFirstStems {
    /// The keywords of `f` that have a first stem, with the first stems of their forms (a form
    /// that is missing or has no stems stands as the other).
    fn of(&mut self, index: &Index, f: FigureId) -> &[(u32, [u32; 2])] {
        if self.of_figure.len() != index.figures.len() {
            self.of_figure = vec![UNKNOWN_FIRSTS; index.figures.len()];
            self.firsts.clear();
        }
        if self.of_figure[f.0 as usize] == UNKNOWN_FIRSTS {
            let fig = index.figure(f);
            let start = self.firsts.len();
            for k in 0..fig.keyword_stems.len() {
                let mut firsts = keyword_variants(fig, k).filter_map(|ids| ids.first().copied());
                if let Some(written) = firsts.next() {
                    let split = firsts.next().unwrap_or(written);
                    self.firsts.push((k as u32, [written, split]));
                }
            }
            self.of_figure[f.0 as usize] = (start as u32, self.firsts.len() as u32);
        }
        let (start, end) = self.of_figure[f.0 as usize];
        &self.firsts[start as usize..end as usize]
    }
}

/// Links a prepared claim in a `pass`.
fn finish<'t>(
    doc: &'t Document,
    claim: &Claim,
    index: &Index,
    facts: &SentenceFacts<'t>,
    prepared: &Prepared,
    pass: &Pass,
    scratch: &mut FinishScratch,
) -> Link {
    let Pass {
        inherited,
        excluded,
    } = *pass;
    let Prepared {
        subject,
        candidates: all_candidates,
        ..
    } = prepared;
    let subject_name = &doc.text[subject.mention.start..subject.mention.end];
    if all_candidates.iter().all(|(f, ..)| excluded.contains(f)) {
        return Link::Unlinked {
            reason: concat(&["no figure for '", subject_name, "'"]),
        };
    }
    let FinishScratch {
        candidates,
        scored,
        covered,
        hits,
        keep,
        periods,
        series,
        keyword_firsts,
    } = scratch;
    candidates.clear();
    candidates.extend(
        all_candidates
            .iter()
            .filter(|(f, _, unit_fits)| *unit_fits && !excluded.contains(f))
            .map(|&(f, tier, _)| (f, tier)),
    );
    if candidates.is_empty() {
        let [a, b, c] = describe_unit(claim);
        return Link::Unlinked {
            reason: concat(&[
                "no figure for '",
                subject_name,
                "' has the unit of ",
                a,
                b,
                c,
            ]),
        };
    }
    debug_assert!(facts.figure_facts_known, "a claim with figures of its unit");
    let donor = facts.noun_donor(claim);
    // Analysts' expectations are checked only against expectation figures, and those only
    // when the sentence speaks of expectations.
    let claim_word = facts.word_at(claim.number_span.start);
    let expectation = facts.expectation_before(claim_word, claim.span);
    let (quarterly, annual) = facts.granularity_at(claim_word);
    // Expectation words of the sentence that introduce another of its numbers are that
    // number's ("above analysts' expectations of $51.3 billion and up from $39.2 billion").
    let sentence_expects = facts.has_expectation() && !facts.other_claim_expected(claim.span);
    candidates.retain(|(f, _)| {
        let is_exp = index.figure(*f).records_expectation;
        if expectation {
            is_exp
        } else {
            !is_exp || sentence_expects
        }
    });
    // A change ("fell by $593 billion") is checked only against figures of a change, and a
    // level reached ("fell to $2.9 trillion") only against levels.
    if claim.direction.is_some() {
        let before = facts.marks_before(claim.span);
        let change = if before & BY != 0 {
            Some(true)
        } else if before & TO != 0 {
            Some(false)
        } else {
            None
        };
        if let Some(change) = change {
            candidates.retain(|(f, _)| index.figure(*f).figure.direction.is_some() == change);
            if candidates.is_empty() {
                return Link::Unlinked {
                    reason: concat(&[
                        "the number is ",
                        if change {
                            "a change"
                        } else {
                            "a level reached"
                        },
                        ", and no figure for '",
                        subject_name,
                        "' is one",
                    ]),
                };
            }
        }
    }
    let adjunct = facts.adjunct_after(claim.span);
    // A prospect is checked only against figures that are themselves plans or targets.
    if facts.prospect_before(claim_word) {
        candidates.retain(|(f, _)| index.figure(*f).records_plan);
        if candidates.is_empty() {
            return Link::Unlinked {
                reason:
                    "the number is a prospect (sought, in talks, considered), not a stated figure"
                        .into(),
            };
        }
    }
    // Each one's share is checked only against figures of a share ("closed at $118.42 apiece",
    // "37 billion parameters for each token"), whose keywords say so.
    if facts.distributive(claim.span, claim_word) {
        candidates.retain(|(f, _)| {
            index
                .figure(*f)
                .keyword_stems
                .iter()
                .flatten()
                .any(|s| stem_marks(s) & EACH != 0)
        });
        if candidates.is_empty() {
            return Link::Unlinked {
                reason: "the number is each one's share ('each'), not a figure's whole".into(),
            };
        }
    }
    if candidates.is_empty() {
        return Link::Unlinked {
            reason: if expectation {
                concat(&[
                    "the number is an analysts' expectation, and '",
                    subject_name,
                    "' has no such figure",
                ])
            } else {
                concat(&["no figure for '", subject_name, "' fits"])
            },
        };
    }
    // Keywords: evidence is the number of sentence words the figure's keywords cover.
    scored.clear();
    hits.clear();
    scored.extend(candidates.iter().filter_map(|&(f, tier)| {
        let fig = index.figure(f);
        // Most candidates have none of their keywords in the sentence, which the bits of
        // their first stems tell at once.
        if !fig.keyword_stems.is_empty() && !facts.may_have_any_stem(&fig.keyword_first_stem_bits) {
            return None;
        }
        let hits_start = hits.len();
        covered.clear();
        let mut nearest = usize::MAX;
        for &(k, firsts) in keyword_firsts.of(index, f) {
            // Most keywords are in no sentence, which the bits of their first stems say
            // before a search.
            if !firsts.iter().any(|&s| facts.may_have_stem(s)) {
                continue;
            }
            let k = k as usize;
            let kw = &fig.keyword_stems[k];
            // The occurrence nearest the number (the first found, of equally near ones).
            let mut best: Option<usize> = None;
            for variant in keyword_variants(fig, k) {
                for p in all_positions(facts, variant) {
                    // A keyword inside another claim ("14.8 trillion tokens") is that
                    // claim's unit.
                    if facts.in_other_claim(p, claim.span, donor.map(|d| d.0)) {
                        continue;
                    }
                    if p >= adjunct {
                        continue;
                    }
                    if best.is_none_or(|b| p.abs_diff(claim_word) < b.abs_diff(claim_word)) {
                        best = Some(p);
                    }
                }
            }
            let Some(pos) = best else {
                continue;
            };
            nearest = nearest.min(pos.abs_diff(claim_word));
            // A period word ("fourth-quarter") is evidence only for the claim it belongs to.
            if (pos..pos + kw.len()).any(|w| facts.is_period_word(w)) && !(quarterly || annual) {
                continue;
            }
            let before = covered.len();
            for w in pos..pos + kw.len() {
                if !covered[..before].contains(&w) {
                    covered.push(w);
                }
            }
            if covered.len() > before {
                hits.push(k);
            }
        }
        // The hits of a candidate not scored are dropped again.
        let found = hits_start..hits.len();
        if !fig.keyword_stems.is_empty() && found.is_empty() {
            hits.truncate(hits_start);
            return None;
        }
        // A figure reached only through its parent, with its own name nowhere near, needs
        // more than one word of evidence: "Meta's apps have 500 million users" is not Meta
        // AI's user count.
        if tier == Tier::Child && covered.len() < 2 {
            hits.truncate(hits_start);
            return None;
        }
        // A day's name, or a level's "fell to", tells figures of one metric apart (Friday's
        // market value from Monday's, the value it fell to) but names no metric: alone it is
        // no evidence ("down from $142.62 on Friday", "before sliding to $118.42" are no
        // market value). A change's own verb ("rose 0.65%") is its evidence.
        let context_only = if fig.figure.direction.is_none() {
            DAY_NAME | MOVE | TO
        } else {
            DAY_NAME
        };
        if !fig.keyword_stems.is_empty()
            && covered
                .iter()
                .all(|&w| facts.marks.get(w).is_some_and(|m| m & context_only != 0))
        {
            hits.truncate(hits_start);
            return None;
        }
        // A bare count ("only 37 billion are active") borrowed its noun; it needs a keyword
        // of its own beyond the lending claim's words.
        if let Some((donor_span, _)) = donor
            && !fig.keyword_stems.is_empty()
            && covered.iter().all(|&w| {
                facts
                    .split
                    .get(w)
                    .is_some_and(|w| donor_span.contains(w.at))
            })
        {
            hits.truncate(hits_start);
            return None;
        }
        let clause = facts.clause_of(claim_word);
        let clause_evidence = covered
            .iter()
            .filter(|&&w| facts.clause_of(w) == clause)
            .count();
        Some(Scored {
            figure: f,
            tier,
            hits: found,
            clause_evidence,
            evidence: covered.len(),
            keyword_distance: nearest,
        })
    }));
    if scored.is_empty() {
        return Link::Unlinked {
            reason: concat(&[
                "figures for '",
                subject_name,
                "' exist, but none of their keywords is in the sentence",
            ]),
        };
    }
    // Time: a figure must describe the time the sentence speaks of.
    let dropped_for_time = time::select(
        scored,
        keep,
        periods,
        series,
        index,
        claim,
        facts,
        doc.article_date,
        inherited,
    );
    if scored.is_empty() {
        return Link::Unlinked {
            reason: concat(&[
                "the figures for '",
                subject_name,
                "' describe another time (",
                dropped_for_time,
                ")",
            ]),
        };
    }
    // Rank: tier, then evidence in the claim's clause, then in the sentence, then the nearest
    // keyword. Equal ranks are a tie: ambiguous, never a guess.
    let rank = |s: &Scored| {
        (
            s.tier,
            s.clause_evidence,
            s.evidence,
            std::cmp::Reverse(s.keyword_distance),
        )
    };
    let id = |s: &Scored| index.figure(s.figure).figure.id.as_str();
    scored.sort_by(|a, b| rank(b).cmp(&rank(a)).then_with(|| id(a).cmp(id(b))));
    let best = &scored[0];
    // Sorted by id within a rank: the same report whatever the order of datasets and figures.
    // Counted first: most claims have one best figure, and no list of ties is needed.
    let is_tied = |s: &&Scored| rank(s) == rank(best);
    let n_tied = scored.iter().filter(is_tied).count();
    let best_figure = index.figure(best.figure);
    let entity_name = index.entities[best_figure.entity as usize].name.as_str();
    // The reason, written piece by piece: "{via}{keywords}", and for a tie the figures.
    let mut reason = String::with_capacity(160);
    let mut push = |parts: &[&str]| parts.iter().for_each(|p| reason.push_str(p));
    match best.tier {
        Tier::Subject if entity_name.eq_ignore_ascii_case(subject_name) => {
            push(&["entity '", subject_name, "' ", subject.how]);
        }
        Tier::Subject => push(&[
            "entity '",
            entity_name,
            "' named with '",
            subject_name,
            "' ",
            subject.how,
        ]),
        _ => push(&[
            "'",
            entity_name,
            "' belongs to '",
            subject_name,
            "' ",
            subject.how,
        ]),
    }
    if !best.hits.is_empty() {
        push(&["; keywords "]);
        for (n, &k) in hits[best.hits.clone()].iter().enumerate() {
            let separator = if n == 0 { "'" } else { ", '" };
            push(&[separator, &best_figure.figure.keywords[k], "'"]);
        }
        push(&[" in the sentence"]);
    }
    if n_tied > 1 {
        let tied: Vec<FigureId> = scored.iter().filter(is_tied).map(|s| s.figure).collect();
        push(&["; ", &tied.len().to_string(), " figures fit equally well: "]);
        for (n, f) in tied.iter().enumerate() {
            let separator = if n == 0 { "" } else { ", " };
            push(&[separator, &index.figure(*f).figure.id]);
        }
        return Link::Ambiguous {
            reason,
            candidates: tied,
        };
    }
    Link::Linked {
        figure: best.figure,
        reason,
        keyword_distance: best.keyword_distance,
    }
}

struct Scored {
    figure: FigureId,
    tier: Tier,
    /// The keywords found, by their index in the figure's: a range of `FinishScratch::hits`.
    hits: std::ops::Range<usize>,
    /// Sentence words covered by the figure's keywords, and those in the claim's clause.
    evidence: usize,
    clause_evidence: usize,
    keyword_distance: usize,
}

/// Keyword `k` of a figure as written and, when it is hyphenated, as separate words:
/// "GPU-hours" matches "GPU-hours" and "GPU hours", while "cutting-edge" in a sentence never
/// matches "cut". As stem ids.
fn keyword_variants(fig: &IndexedFigure, k: usize) -> impl Iterator<Item = &[u32]> {
    std::iter::once(fig.keyword_stem_ids[k].as_slice())
        .chain(fig.keyword_split_stem_ids[k].as_deref())
}

/// Where the stems `needle` (ids) occur in the sentence, in order.
fn all_positions<'a>(
    facts: &'a SentenceFacts,
    needle: &'a [u32],
) -> impl Iterator<Item = usize> + 'a {
    let hay = &facts.stem_ids;
    // Only a word with the needle's first stem can start an occurrence (no needle has
    // `NOT_A_KEYWORD`, which `keyword_positions` leaves out).
    let first = needle.first().copied().unwrap_or(NOT_A_KEYWORD);
    let positions = &facts.keyword_positions;
    let (from, to) = if !facts.may_have_stem(first) {
        (0, 0)
    } else if positions.len() > SEARCHED_ONE_BY_ONE {
        (
            positions.partition_point(|&(id, _)| id < first),
            positions.partition_point(|&(id, _)| id <= first),
        )
    } else {
        (0, positions.len())
    };
    // Either way the words of the stem, first to last.
    positions[from..to]
        .iter()
        .filter(move |&&(id, _)| id == first)
        .map(|&(_, i)| i)
        .filter(move |&i| {
            i + needle.len() <= hay.len()
                && hay[i..i + needle.len()]
                    .iter()
                    .zip(needle)
                    .all(|(h, w)| h == w)
        })
}

/// Children of the subject named in the claim's sentence: their figures rank with the
/// subject's own ("Meta … used 16,000 H100s to train its Llama 3 405B model"), and the keywords
/// decide between them ("valuing the ChatGPT maker at $300 billion" stays OpenAI's).
fn children_in_sentence(
    subject: &Subject,
    claim: &Claim,
    mentions: &[Mention],
    index: &Index,
) -> Vec<EntityId> {
    let sentence = claim.sentence;
    let in_sentence = mentions_starting_in(mentions, sentence.start, sentence.end)
        .iter()
        .filter(|m| {
            claim.sentence.covers(m.span)
                && (m.span.end <= claim.span.start || m.span.start >= claim.span.end)
        });
    children_named(in_sentence, subject, index)
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
    let earlier = mentions_starting_in(mentions, from, claim.span.start)
        .iter()
        .filter(|m| m.span.start >= from && m.span.end <= claim.span.start);
    children_named(earlier, subject, index)
}

/// The entities among `mentions` whose parent is the subject, each once.
fn children_named<'m>(
    mentions: impl Iterator<Item = &'m Mention>,
    subject: &Subject,
    index: &Index,
) -> Vec<EntityId> {
    let mut out: Vec<EntityId> = Vec::new();
    for &e in mentions.flat_map(|m| &m.entities) {
        let parent = index.entities[e as usize].parent;
        if parent.is_some_and(|p| subject.entities.contains(&p)) && !out.contains(&e) {
            out.push(e);
        }
    }
    out
}

/// Whether a figure's unit (of `class`, `unit_class`) can state what the claim states. `noun`
/// is the claim's counted noun as stems (`noun_stems`), if it has one.
/// `rates` keeps each rate unit in parts once a comparison needed it.
fn unit_matches(
    claim: &Claim,
    noun: Option<&[String]>,
    rates: &mut RateUnits,
    class: UnitClass,
    index: &Index,
    f: FigureId,
) -> bool {
    let fig = index.figure(f);
    let unit = fig.figure.unit.as_str();
    let is = |flag: UnitClass| class & flag != 0;
    match claim.unit.kind {
        Kind::Money => unit == claim.unit.code,
        Kind::Percent => is(UNIT_PERCENT),
        Kind::PercentagePoints => is(UNIT_POINTS),
        Kind::Duration => is(UNIT_DURATION),
        Kind::Measure => {
            is(UNIT_MEASURE) && measure_family(unit) == measure_family(&claim.unit.code)
        }
        Kind::Multiplier => is(UNIT_MULTIPLIER),
        Kind::Rate => is(UNIT_RATE) && rates.fit(&claim.unit.code, unit),
        Kind::Count => {
            if !is(UNIT_COUNT) {
                return false;
            }
            let Some(noun) = noun else {
                return true;
            };
            // The counted noun is the phrase's head: "GPU hours" are not GPUs.
            let ends_with = |needle: &[String]| !needle.is_empty() && noun.ends_with(needle);
            ends_with(&fig.unit_nouns) || fig.keyword_nouns.iter().any(|k| ends_with(k))
        }
    }
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
    // Every code is three capitals: most units are not, and need no look at the list.
    unit.len() == 3 && unit.bytes().all(|b| b.is_ascii_uppercase()) && CODES.contains(&unit)
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

/// A rate's currency and what it is per, as stems: "USD/1M tokens", "USD/million tokens" and
/// "USD per 1M token" are all ("usd", ["1m", "token"]).
fn rate_parts(unit: &str) -> (String, Vec<String>) {
    let lower = unit
        .to_lowercase()
        .replace(" per ", "/")
        .replace("million", "1m")
        .replace("thousand", "1k");
    let (cur, what) = lower.split_once('/').unwrap_or((&lower, ""));
    let words = what
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect();
    (cur.trim().to_string(), words)
}

/// A rate's parts: its currency, the leading scale of its "per" phrase ("1m") and the noun
/// words after it.
type RateParts = (String, Option<String>, Vec<String>);

/// `rate_parts` with the leading scale apart from the noun words.
fn rate_split(unit: &str) -> RateParts {
    let (currency, words) = rate_parts(unit);
    let scaled = words
        .first()
        .is_some_and(|w| w.starts_with(|c: char| c.is_ascii_digit()));
    let (scale, nouns) = if scaled {
        (words.first().cloned(), words[1..].to_vec())
    } else {
        (None, words)
    };
    (currency, scale, nouns)
}

/// A claimed rate (`rate_split`) fits a figure's when the currency is the same and the claim's
/// "per" phrase ends with the figure's: "$0.55 per million input tokens" is a price per million
/// tokens, and the figure's keywords decide between input and output.
fn rate_fits(claim: &RateParts, figure: &RateParts) -> bool {
    let (cc, cs, cn) = claim;
    let (fc, fs, fn_) = figure;
    cc == fc && cs == fs && !fn_.is_empty() && cn.ends_with(fn_)
}

/// The claim's unit in words, in parts to be joined into a reason (one allocation for it all).
fn describe_unit(claim: &Claim) -> [&str; 3] {
    match claim.unit.kind {
        Kind::Count if claim.unit.code.is_empty() => ["a plain count", "", ""],
        Kind::Count => [
            "'",
            claim.unit.noun.as_deref().unwrap_or(&claim.unit.code),
            "'",
        ],
        _ => ["'", &claim.unit.code, "'"],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLES: &[&str] = &[
        "",
        "a",
        "word",
        "U.S.",
        "Inc.",
        "’s",
        "'tis",
        "-based",
        "co-founder-",
        "Meta’s",
        "x’’",
        "...",
        "--",
        "’",
        "’a’",
        "a.b.c.",
        "Zürich’",
        "\0a",
        "a\0",
    ];

    /// Linking learns a sentence's stems and times only for a claim with figures of its unit:
    /// the links are those of learning them for every sentence.
    #[test]
    fn figure_facts_learnt_when_needed_link_as_learnt_always() {
        let checker = crate::check::Checker::new(&[crate::dataset::load::builtin()]);
        let fixtures = concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/articles");
        let mut paths: Vec<_> = std::fs::read_dir(fixtures)
            .expect("the fixture articles")
            .map(|e| e.expect("a fixture").path())
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        paths.sort();
        assert!(!paths.is_empty());
        let mut linked = 0;
        for path in paths {
            let text = std::fs::read_to_string(&path).expect("a fixture article");
            let doc = Document::from_text(path.display().to_string(), text);
            let (claims, mentions) = checker.read(&doc);
            let lazy = link_all_learning(&doc, &claims, &mentions, &checker.index, false);
            let eager = link_all_learning(&doc, &claims, &mentions, &checker.index, true);
            assert_eq!(lazy, eager, "{}", path.display());
            linked += lazy
                .iter()
                .filter(|l| matches!(l, Link::Linked { .. }))
                .count();
        }
        assert!(linked > 0);
    }

    #[test]
    fn trimming_marks_by_bytes_is_trimming_by_characters() {
        for word in SAMPLES {
            assert_eq!(
                trim_word_marks(word),
                word.trim_matches(['.', '\'', '’', '-']),
                "{word:?}"
            );
            assert_eq!(
                trim_end_marks(word),
                word.trim_end_matches(['.', '\'', '’', '-']),
                "{word:?}"
            );
        }
    }

    #[test]
    fn stem_marks_are_the_stem_lists() {
        for stem in [
            "analyst",
            "expectation",
            "consensus",
            "poll",
            "lseg",
            "factset",
            "seek",
            "seeks",
            "sought",
            "eye",
            "weigh",
            "consid",
            "rumor",
            "rumour",
            "talk",
            "in",
            "talks",
            "on",
            "revenu",
            "",
        ] {
            let marks = stem_marks(stem);
            assert_eq!(
                marks & EXPECTATION != 0,
                is_expectation_stem(stem),
                "{stem}"
            );
            assert_eq!(
                marks & PROSPECT != 0,
                matches!(
                    stem,
                    "seek" | "seeks" | "sought" | "eye" | "weigh" | "consid" | "rumor" | "rumour"
                ),
                "{stem}"
            );
            assert_eq!(marks & TALK != 0, stem == "talk", "{stem}");
            assert_eq!(marks & IN != 0, stem == "in", "{stem}");
        }
    }

    #[test]
    fn recent_words_answer_only_for_the_word_they_hold() {
        let mut recent: RecentWords<u32> = RecentWords::default();
        let mut asked = 0;
        // A value is never 0, which marks a slot emptied for its word.
        let mut value_of = |word: &str, recent: &mut RecentWords<u32>| {
            let mut look_up = || {
                asked += 1;
                word.len() as u32 * 10 + u32::from(word.as_bytes().first().copied().unwrap_or(0))
            };
            match recent.value_mut(word) {
                Some(&mut kept) if kept != 0 => kept,
                Some(slot) => {
                    *slot = look_up();
                    *slot
                }
                None => look_up(),
            }
        };
        // Words of one to sixteen bytes, and the same bytes at other lengths, never share a
        // value; a longer word is always looked up.
        let words = [
            "a",
            "a\0",
            "\0a",
            "ab",
            "abcdefgh",
            "abcdefghi",
            "abcdefghijklmnop",
            "\0abcdefghijklmno",
            "abcdefghijklmnopq",
            "abcdefghijklmnopq",
            "a",
            "ab",
            "abcdefghi",
        ];
        let values: Vec<u32> = words.iter().map(|w| value_of(w, &mut recent)).collect();
        let expected: Vec<u32> = words
            .iter()
            .map(|w| w.len() as u32 * 10 + u32::from(w.as_bytes()[0]))
            .collect();
        assert_eq!(values, expected);
        // "a", "ab" and the nine-byte word again came from their slots; the seventeen-byte
        // word was looked up twice.
        assert_eq!(asked, 10);
    }

    /// Whether a figure may have a keyword in a sentence with `sentence_bits`, by its bits of
    /// first stems and by testing each keyword's first stem: the two must agree.
    fn first_stem_tests_agree(index: &Index, sentence_bits: [u64; 4]) {
        let may_have = |id: u32| sentence_bits[(id as usize >> 6) & 3] & 1 << (id & 63) != 0;
        for fig in &index.figures {
            let by_keyword = fig
                .keyword_stem_ids
                .iter()
                .chain(fig.keyword_split_stem_ids.iter().flatten())
                .any(|ids| ids.first().is_some_and(|&id| may_have(id)));
            let by_bits = sentence_bits
                .iter()
                .zip(&fig.keyword_first_stem_bits)
                .any(|(s, f)| s & f != 0);
            assert_eq!(by_keyword, by_bits, "{}", fig.figure.id);
        }
    }

    #[test]
    fn first_stem_bits_are_each_keywords_first_stem() {
        let index = Index::new(&[crate::dataset::load::builtin()]);
        // Every single bit, and mixes of a few.
        for bit in 0..256 {
            let mut bits = [0; 4];
            bits[bit / 64] = 1 << (bit % 64);
            first_stem_tests_agree(&index, bits);
        }
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..200 {
            let mut bits = [0; 4];
            for word in &mut bits {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                *word = x & x.rotate_left(17) & x.rotate_left(41);
            }
            first_stem_tests_agree(&index, bits);
        }
    }

    /// A word's class and stem from the slot they share are those found afresh, whichever was
    /// asked first and however many words took the slot between; and the stem a sentence's
    /// split carries for a word of its subjects is the word's.
    #[test]
    fn recent_classes_and_stems_are_the_words_own() {
        let index = Index::new(&[crate::dataset::load::builtin()]);
        let fresh_stem = |word: &str| {
            let stem = stem(word);
            (
                index.keyword_stem_id(&stem).unwrap_or(NOT_A_KEYWORD),
                stem_marks(&stem),
            )
        };
        let fresh_flags = |word: &str| WordClasses::default().flags_and_stem(word).0;
        let text = "Nvidia said its data-center revenue rose to $35.1 billion, up 94% from a \
                    year earlier; analysts at Meta’s AI unit had expected $33 billion in revenue.";
        let mut words: Vec<String> = text
            .split(' ')
            .map(trim_word_marks)
            .chain(SAMPLES.iter().copied())
            .filter(|w| !w.is_empty())
            .map(String::from)
            .collect();
        // More words than slots, so that words take one another's.
        words.extend((0..2 * RECENT_SLOTS).map(|n| format!("w{n}")));
        let mut classes = WordClasses::default();
        let mut stems = Stems::default();
        for round in 0..2 {
            for (n, word) in words.iter().enumerate() {
                let (flags, carried, stem) = if (n + round) % 2 == 0 {
                    let stem = stems.of(word, &index, &mut classes.recent);
                    let (flags, carried) = classes.flags_and_stem(word);
                    (flags, carried, stem)
                } else {
                    let (flags, carried) = classes.flags_and_stem(word);
                    (flags, carried, stems.of(word, &index, &mut classes.recent))
                };
                assert_eq!(flags, fresh_flags(word), "{word:?}");
                assert_eq!(stem, fresh_stem(word), "{word:?}");
                assert!(carried == UNKNOWN_STEM || carried == stem, "{word:?}");
            }
        }
        // The sentence split for its subjects twice, its words stemmed after each split.
        let (mut classes, mut stems) = (WordClasses::default(), Stems::default());
        let sentence = Span::new(0, text.len());
        let mut buffers = WordBuffers::default();
        for pass in 0..2 {
            buffers.clear();
            let mut split = Vec::new();
            let rest = split_sentence_part(
                text,
                sentence,
                SplitAt::START,
                None,
                Some((text.len(), &mut buffers, &mut classes)),
                |_, word, _, stem| split.push((word, stem)),
            );
            assert!(rest.is_none());
            let mut carried = 0;
            for (word, stem) in split {
                if stem != UNKNOWN_STEM {
                    assert_eq!(stem, fresh_stem(word), "{word:?}");
                    carried += 1;
                }
                stems.of(word, &index, &mut classes.recent);
            }
            // The second time, the words' stems come with their classes.
            assert_eq!(carried > 0, pass == 1);
        }
    }

    /// A reason copied piece by piece is the pieces' `concat`, with room for it and no more.
    #[test]
    fn concat_by_pieces_is_concat() {
        for n in 0..4 {
            for first in SAMPLES {
                let pieces: Vec<&str> = SAMPLES.iter().copied().cycle().take(n).collect();
                let mut all = vec![*first];
                all.extend(&pieces);
                let joined = concat(&all);
                assert_eq!(joined, all.concat());
                assert_eq!(joined.capacity(), joined.len());
            }
        }
    }

    /// The table of keywords' first stems says of each keyword what its forms' stems say: the
    /// keywords it leaves out have no first stem, and the bits of a sentence let a keyword be
    /// searched by its table entry exactly when they let a form of it be.
    #[test]
    fn keyword_first_stems_are_each_forms_first_stem() {
        let index = Index::new(&[crate::dataset::load::builtin()]);
        let mut table = KeywordFirstStems::default();
        let mut x: u64 = 0x2545_F491_4F6C_DD1D;
        for (f, fig) in index.figures.iter().enumerate() {
            let firsts = table.of(&index, FigureId(f as u32)).to_vec();
            let listed: Vec<usize> = firsts.iter().map(|&(k, _)| k as usize).collect();
            let with_a_first: Vec<usize> = (0..fig.keyword_stems.len())
                .filter(|&k| keyword_variants(fig, k).any(|ids| !ids.is_empty()))
                .collect();
            assert_eq!(listed, with_a_first, "{}", fig.figure.id);
            for _ in 0..50 {
                let mut bits = [0; 4];
                for word in &mut bits {
                    x ^= x << 13;
                    x ^= x >> 7;
                    x ^= x << 17;
                    *word = x & x.rotate_left(23);
                }
                let may_have = |id: u32| bits[(id as usize >> 6) & 3] & 1 << (id & 63) != 0;
                for &(k, stems) in &firsts {
                    let by_forms = keyword_variants(fig, k as usize)
                        .any(|ids| ids.first().is_some_and(|&id| may_have(id)));
                    let by_table = stems.iter().any(|&id| may_have(id));
                    assert_eq!(by_forms, by_table, "{} keyword {k}", fig.figure.id);
                }
            }
        }
        // Learnt once: asked again, the same entries.
        let again = table.of(&index, FigureId(0)).to_vec();
        assert_eq!(again, table.of(&index, FigureId(0)));
    }

    /// A figure's unit class says what the tests on its unit's text say.
    #[test]
    fn unit_classes_are_the_unit_tests() {
        let index = Index::new(&[crate::dataset::load::builtin()]);
        let units = [
            "%",
            "pp",
            "x",
            "minute",
            "year",
            "decade",
            "W",
            "GWh",
            "tCO2e",
            "PB",
            "USD",
            "EUR",
            "USD/1M tokens",
            "USD per 1M token",
            "GPU",
            "user",
            "",
            "X",
            "%%",
            "years",
        ];
        for unit in units
            .into_iter()
            .chain(index.figures.iter().map(|f| f.figure.unit.as_str()))
        {
            let class = unit_class(unit);
            let has = |flag: UnitClass| class & flag != 0;
            assert!(has(UNIT_KNOWN), "{unit}");
            assert_eq!(has(UNIT_PERCENT), unit == "%", "{unit}");
            assert_eq!(has(UNIT_POINTS), unit == "pp", "{unit}");
            assert_eq!(has(UNIT_MULTIPLIER), unit == "x", "{unit}");
            assert_eq!(has(UNIT_DURATION), duration_days(unit).is_some(), "{unit}");
            assert_eq!(has(UNIT_MEASURE), measure_family(unit).is_some(), "{unit}");
            assert_eq!(has(UNIT_RATE), unit.contains('/'), "{unit}");
            assert_eq!(has(UNIT_COUNT), is_count_unit(unit), "{unit}");
        }
        // Kept per figure: each figure's class is its unit's.
        let mut figures = FigureUnits::default();
        for (n, fig) in index.figures.iter().enumerate() {
            let f = FigureId(n as u32);
            assert_eq!(figures.of(&index, f), unit_class(&fig.figure.unit));
        }
    }

    proptest::proptest! {
        /// A keyword's occurrences, searched one by one or by binary searches, are those a
        /// scan of the sentence's stems finds, first to last.
        #[test]
        fn keyword_occurrences_are_the_scans(
            stems in proptest::collection::vec(0u32..6, 0..40),
            needle in proptest::collection::vec(0u32..5, 1..3),
        ) {
            let mut facts = SentenceFacts::default();
            for (w, &stem) in stems.iter().enumerate() {
                // 5 stands for a word of no keyword's stem.
                let id = if stem == 5 { NOT_A_KEYWORD } else { stem };
                if id != NOT_A_KEYWORD {
                    facts.keyword_positions.push((id, w));
                    facts.keyword_bits[(id as usize >> 6) & 3] |= 1 << (id & 63);
                }
                facts.stem_ids.push(id);
            }
            if facts.keyword_positions.len() > SEARCHED_ONE_BY_ONE {
                facts.keyword_positions.sort_unstable();
            }
            let scanned: Vec<usize> = (0..facts.stem_ids.len())
                .filter(|&i| facts.stem_ids[i..].starts_with(&needle))
                .collect();
            proptest::prop_assert_eq!(all_positions(&facts, &needle).collect::<Vec<_>>(), scanned);
        }

        /// A clause's earlier words found as a run are those found word by word.
        #[test]
        fn earlier_words_of_a_clause_are_a_run(
            steps in proptest::collection::vec(0usize..3, 0..30),
            w in 0usize..40,
        ) {
            let mut facts = SentenceFacts::default();
            let mut clause = 0;
            for step in steps {
                clause += step / 2;
                facts.split.push(SplitWord {
                    text: "",
                    at: 0,
                    clause,
                    stem: UNKNOWN_STEM,
                });
                facts.marks.push(0);
            }
            let by_words: Vec<usize> = (0..w.min(facts.marks.len()))
                .filter(|&i| facts.clause_of(i) == facts.clause_of(w))
                .collect();
            proptest::prop_assert_eq!(facts.earlier_in_clause(w).collect::<Vec<_>>(), by_words);
        }
    }

    #[test]
    fn currency_codes_are_still_the_list() {
        for unit in [
            "USD", "EUR", "GPU", "TPU", "usd", "US", "USDT", "%", "", "ISK",
        ] {
            let listed = [
                "USD", "EUR", "GBP", "JPY", "CNY", "CHF", "CAD", "AUD", "NZD", "HKD", "SGD", "INR",
                "KRW", "TWD", "BRL", "MXN", "ZAR", "SEK", "NOK", "DKK", "PLN", "CZK", "HUF", "RUB",
                "TRY", "ILS", "AED", "SAR", "QAR", "KWD", "THB", "MYR", "IDR", "PHP", "VND", "PKR",
                "BDT", "NGN", "EGP", "KES", "ARS", "CLP", "COP", "PEN", "UAH", "RON", "BGN", "ISK",
            ]
            .contains(&unit);
            assert_eq!(is_currency_code(unit), listed, "{unit}");
        }
    }

    /// The run of letters and digits by the byte, as `alphanumeric_run_end` was.
    fn alphanumeric_run_end_by_bytes(bytes: &[u8], mut at: usize) -> usize {
        while bytes.get(at).is_some_and(u8::is_ascii_alphanumeric) {
            at += 1;
        }
        at
    }

    #[test]
    fn alphanumeric_runs_by_words_are_runs_by_bytes() {
        // Every byte next to every other, at every position of a chunk of eight.
        for b in 0..=255u8 {
            for c in 0..=255u8 {
                for at in 0..9 {
                    let mut bytes = vec![b'a'; 20];
                    bytes[at] = b;
                    bytes[at + 1] = c;
                    for from in [0, at, at + 1] {
                        assert_eq!(
                            alphanumeric_run_end(&bytes, from),
                            alphanumeric_run_end_by_bytes(&bytes, from),
                            "{bytes:?} from {from}"
                        );
                    }
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn trimming_marks_of_any_word(word in "[a-zA-Z0-9.'’\\-é]{0,6}") {
            proptest::prop_assert_eq!(trim_word_marks(&word), word.trim_matches(['.', '\'', '’', '-']));
            proptest::prop_assert_eq!(trim_end_marks(&word), word.trim_end_matches(['.', '\'', '’', '-']));
        }

        #[test]
        fn alphanumeric_runs_of_any_bytes(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
            from in 0usize..40,
        ) {
            let from = from.min(bytes.len());
            proptest::prop_assert_eq!(
                alphanumeric_run_end(&bytes, from),
                alphanumeric_run_end_by_bytes(&bytes, from)
            );
        }
    }

    #[test]
    fn word_char_kinds_are_the_character_tests() {
        for c in (0..=0x3000u32)
            .chain(0xFF00..=0xFFFF)
            .filter_map(char::from_u32)
        {
            let word = c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '.');
            let clause = matches!(c, ',' | ';' | ':' | '—' | '–' | '(' | ')');
            let kind = word_char_kind(c);
            assert_eq!(kind == WORD_CHAR, word, "{c:?}");
            assert_eq!(kind == CLAUSE_BREAK, clause, "{c:?}");
        }
    }
}
