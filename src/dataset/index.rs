//! The lookup index over the loaded datasets: one Aho-Corasick automaton over every entity,
//! alias and parent name, run from the word starts a name may begin at (so finding names in a
//! document is one pass, whatever the dataset size),
//! entities with their figures and children, and each figure's keywords as word stems.

use super::model::{Dataset, Figure};
use crate::document::{Date, Span};
use aho_corasick::automaton::Automaton;
use aho_corasick::{Anchored, MatchKind, StartKind, dfa, nfa};
use std::collections::{HashMap, HashSet};
use std::sync::atomic::{AtomicU64, Ordering};

/// A figure's place in the index: which dataset, which figure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct FigureId(pub u32);

pub type EntityId = u32;

/// Names of datasets up to this many are searched with a full DFA (see `Index::new`).
const DFA_MAX_PATTERNS: usize = 5_000;

#[derive(Debug, Clone)]
pub struct Entity {
    /// The name as the dataset writes it.
    pub name: String,
    /// Figures about this entity.
    pub figures: Vec<FigureId>,
    /// Entities whose `parent` is this one (Meta → Llama 3.1 405B).
    pub children: Vec<EntityId>,
    pub parent: Option<EntityId>,
}

/// A figure with what linking needs precomputed.
#[derive(Debug, Clone)]
pub struct IndexedFigure {
    pub figure: Figure,
    pub dataset: u32,
    pub entity: EntityId,
    /// Each keyword as a sequence of word stems ("market value" → ["market", "valu"]).
    pub keyword_stems: Vec<Vec<String>>,
    /// For each keyword with a hyphen, its stems with the hyphenated words split and stemmed
    /// ("GPU-hours" → ["gpu", "hour"]): linking matches either form.
    pub keyword_split_stems: Vec<Option<Vec<String>>>,
    /// `keyword_stems` and `keyword_split_stems` as `Index::keyword_stem_id`s, so that linking
    /// compares numbers, not strings.
    pub keyword_stem_ids: Vec<Vec<u32>>,
    pub keyword_split_stem_ids: Vec<Option<Vec<u32>>>,
    /// The first stem of each keyword, in either form, as the bit of its id modulo 256 in
    /// four words: the linker tells at once that none of them is in a sentence.
    pub keyword_first_stem_bits: [u64; 4],
    /// What the metric says it records, for linking: a plan, target or guidance; what analysts
    /// expected; a quarter's figure.
    pub records_plan: bool,
    pub records_expectation: bool,
    pub quarterly: bool,
    /// The unit and each keyword as a counted noun (`noun_stems`), for matching the noun that
    /// follows a number: "GPU-hour" → ["gpu", "hour"].
    pub unit_nouns: Vec<String>,
    pub keyword_nouns: Vec<Vec<String>>,
    /// The period `as_of` describes.
    pub period: Option<(Date, Date)>,
}

/// A name found in a text: which entities it names.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub span: Span,
    pub entities: Vec<EntityId>,
}

pub struct Index {
    pub datasets: Vec<DatasetInfo>,
    pub figures: Vec<IndexedFigure>,
    pub entities: Vec<Entity>,
    /// Every name and alias, lower-cased, matched case-insensitively (ASCII) at word starts.
    names: Option<Names>,
    /// The first two bytes a name can start with, so most words are passed over without
    /// running the automaton.
    name_starts: NameStarts,
    /// Pattern number → entities it names.
    pattern_entities: Vec<Vec<EntityId>>,
    /// A number for each stem of the figures' keywords.
    keyword_stem_ids: HashMap<String, u32>,
    /// A number no other index of this run has (`serial`).
    serial: u64,
}

#[derive(Debug, Clone)]
pub struct DatasetInfo {
    pub name: String,
    pub location: String,
    pub figures: usize,
}

impl Index {
    pub fn new(datasets: &[Dataset]) -> Index {
        let mut table = EntityTable::default();
        let mut figures = Vec::new();
        // Names: entity → aliases (each pair once), collected first so aliases can resolve parents.
        let mut aliases: Vec<(String, EntityId)> = Vec::new();
        let mut keyword_stem_ids: HashMap<String, u32> = HashMap::new();
        let mut stem_ids = |stems: &[String]| -> Vec<u32> {
            stems
                .iter()
                .map(|s| {
                    let next = keyword_stem_ids.len() as u32;
                    *keyword_stem_ids.entry(s.clone()).or_insert(next)
                })
                .collect()
        };
        let mut seen_alias: HashSet<(String, EntityId)> = HashSet::new();
        for (d, dataset) in datasets.iter().enumerate() {
            for figure in &dataset.figures {
                let entity = table.get_or_add(&figure.entity);
                let id = FigureId(figures.len() as u32);
                table.entities[entity as usize].figures.push(id);
                for alias in &figure.aliases {
                    if seen_alias.insert((alias.trim().to_lowercase(), entity)) {
                        aliases.push((alias.clone(), entity));
                    }
                }
                let metric = figure.metric.to_lowercase();
                let keyword_stems: Vec<Vec<String>> =
                    figure.keywords.iter().map(|k| stems(k)).collect();
                let keyword_split_stems: Vec<Option<Vec<String>>> =
                    keyword_stems.iter().map(|k| hyphens_split(k)).collect();
                let keyword_stem_ids: Vec<Vec<u32>> =
                    keyword_stems.iter().map(|k| stem_ids(k)).collect();
                let keyword_split_stem_ids: Vec<Option<Vec<u32>>> = keyword_split_stems
                    .iter()
                    .map(|k| k.as_deref().map(&mut stem_ids))
                    .collect();
                let mut keyword_first_stem_bits = [0; 4];
                let both_forms = keyword_stem_ids
                    .iter()
                    .chain(keyword_split_stem_ids.iter().flatten());
                for &first in both_forms.filter_map(|ids| ids.first()) {
                    keyword_first_stem_bits[(first as usize >> 6) & 3] |= 1 << (first & 63);
                }
                figures.push(IndexedFigure {
                    keyword_stem_ids,
                    keyword_split_stem_ids,
                    keyword_first_stem_bits,
                    keyword_split_stems,
                    keyword_stems,
                    records_plan: is_plan_metric(&metric),
                    records_expectation: is_expectation_metric(&metric),
                    quarterly: is_quarterly_metric(&metric),
                    unit_nouns: noun_stems(&figure.unit),
                    keyword_nouns: figure.keywords.iter().map(|k| noun_stems(k)).collect(),
                    period: figure.as_of.as_deref().and_then(period_of),
                    figure: figure.clone(),
                    dataset: d as u32,
                    entity,
                });
            }
        }
        // An alias naming the same string as another entity resolves to it too.
        let mut alias_map: HashMap<String, Vec<EntityId>> = HashMap::new();
        for (alias, entity) in &aliases {
            alias_map
                .entry(alias.trim().to_lowercase())
                .or_default()
                .push(*entity);
        }
        // Parents: a parent is an entity by name or by alias; otherwise a new entity.
        let mut links: HashSet<(EntityId, EntityId)> = HashSet::new();
        for f in &figures {
            let Some(parent) = &f.figure.parent else {
                continue;
            };
            let key = parent.trim().to_lowercase();
            let parent_id = match (table.get(&key), alias_map.get(&key)) {
                (Some(id), _) => id,
                (None, Some(list)) if list.len() == 1 => list[0],
                _ => table.get_or_add(parent),
            };
            let child = f.entity;
            if parent_id != child && links.insert((parent_id, child)) {
                table.entities[child as usize].parent = Some(parent_id);
                table.entities[parent_id as usize].children.push(child);
            }
        }
        let entities = table.entities;
        // Patterns: every entity name and alias.
        let mut patterns: Vec<String> = Vec::new();
        let mut pattern_entities: Vec<Vec<EntityId>> = Vec::new();
        let mut seen: HashMap<String, usize> = HashMap::new();
        let mut add = |name: &str,
                       entity: EntityId,
                       patterns: &mut Vec<String>,
                       pe: &mut Vec<Vec<EntityId>>| {
            let key = name.trim().to_lowercase();
            if key.is_empty() {
                return;
            }
            match seen.get(&key) {
                Some(&p) => {
                    if !pe[p].contains(&entity) {
                        pe[p].push(entity);
                    }
                }
                None => {
                    seen.insert(key.clone(), patterns.len());
                    patterns.push(key);
                    pe.push(vec![entity]);
                }
            }
        };
        for (id, e) in entities.iter().enumerate() {
            add(
                &e.name,
                id as EntityId,
                &mut patterns,
                &mut pattern_entities,
            );
        }
        for (alias, entity) in &aliases {
            add(alias, *entity, &mut patterns, &mut pattern_entities);
        }
        let names = Names::new(&patterns, patterns.len() <= DFA_MAX_PATTERNS);
        Index {
            datasets: datasets
                .iter()
                .map(|d| DatasetInfo {
                    name: d.name.clone(),
                    location: d.location.clone(),
                    figures: d.figures.len(),
                })
                .collect(),
            figures,
            entities,
            names,
            pattern_entities,
            keyword_stem_ids,
            name_starts: NameStarts::new(&patterns),
            serial: {
                static INDEXES: AtomicU64 = AtomicU64::new(0);
                INDEXES.fetch_add(1, Ordering::Relaxed)
            },
        }
    }

    /// The number of a stem of some figure's keywords (`IndexedFigure::keyword_stem_ids`), or
    /// `None` for a stem no keyword has.
    pub fn keyword_stem_id(&self, stem: &str) -> Option<u32> {
        self.keyword_stem_ids.get(stem).copied()
    }

    /// A number no other index of this run has: what is learnt of words against one index (the
    /// linker's word caches, which outlive a document) is not used with another.
    pub fn serial(&self) -> u64 {
        self.serial
    }

    pub fn figure(&self, id: FigureId) -> &IndexedFigure {
        &self.figures[id.0 as usize]
    }

    /// Every entity or alias named in `text` within the `prose` ranges, on word boundaries,
    /// sorted by position.
    pub fn mentions(&self, text: &str, prose: &[Span]) -> Vec<Mention> {
        let Some(names) = &self.names else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for range in prose {
            let hay = &text[range.start..range.end];
            let mut found = |s: usize, e: usize, pattern: usize| {
                out.push(Mention {
                    span: Span::new(range.start + s, range.start + e),
                    entities: self.pattern_entities[pattern].clone(),
                })
            };
            match names {
                Names::Dfa(dfa) => names_in(dfa, &self.name_starts, hay, &mut found),
                Names::Nfa(nfa) => names_in(nfa, &self.name_starts, hay, &mut found),
            }
        }
        out
    }
}

/// The names and aliases as an automaton that matches from a given start: a full DFA reads
/// text several times faster than an NFA, but its size grows with the patterns', so it is
/// worth its build time and memory only up to a few thousand names (the built-in dataset has
/// about a hundred).
enum Names {
    Dfa(dfa::DFA),
    Nfa(nfa::contiguous::NFA),
}

impl Names {
    fn new(patterns: &[String], dfa: bool) -> Option<Names> {
        if dfa {
            dfa::Builder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .start_kind(StartKind::Anchored)
                .build(patterns)
                .ok()
                .map(Names::Dfa)
        } else {
            nfa::contiguous::Builder::new()
                .ascii_case_insensitive(true)
                .match_kind(MatchKind::LeftmostLongest)
                .build(patterns)
                .ok()
                .map(Names::Nfa)
        }
    }
}

/// The names in `hay`, left to right: at each word start where a name may begin, the longest
/// name starting there; it counts if it also ends a word, and the search goes on after it
/// either way ("Meta" in "Metallica" is passed over whole). `found` gets start, end, pattern.
fn names_in<A: Automaton>(
    names: &A,
    starts: &NameStarts,
    hay: &str,
    found: &mut dyn FnMut(usize, usize, usize),
) {
    let bytes = hay.as_bytes();
    let mut i = 0;
    // Whether the character before `i` is a letter or digit: no name starts after one.
    let mut after_word = false;
    while i < bytes.len() {
        // Eight ASCII bytes at a time: only their word starts are looked at.
        if starts.alphanumeric_only
            && let Some(chunk) = bytes.get(i..i + 8)
        {
            let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
            if word & HIGH_BITS == 0 {
                let alnum = ascii_alphanumeric_bytes(word);
                let mut word_starts = alnum & !(alnum << 8 | u64::from(after_word) << 7);
                let mut next = i + 8;
                while word_starts != 0 {
                    let at = i + (word_starts.trailing_zeros() / 8) as usize;
                    word_starts &= word_starts - 1;
                    if starts.may_start(bytes, at)
                        && let Some(end) = name_at(names, hay, at, found)
                    {
                        next = end;
                        break;
                    }
                }
                if next == i + 8 {
                    after_word = alnum >> 63 != 0;
                } else {
                    after_word = last_is_alphanumeric(&hay[..next]);
                }
                i = next;
                continue;
            }
        }
        // One character at a time: non-ASCII text, the last few bytes, or names that start
        // with punctuation.
        if !after_word
            && starts.may_start(bytes, i)
            && let Some(end) = name_at(names, hay, i, found)
        {
            after_word = last_is_alphanumeric(&hay[..end]);
            i = end;
            continue;
        }
        let b = bytes[i];
        if b < 0x80 {
            after_word = b.is_ascii_alphanumeric();
            i += 1;
        } else {
            let c = hay[i..].chars().next().unwrap_or(' ');
            after_word = c.is_alphanumeric();
            i += c.len_utf8();
        }
    }
}

/// The longest name starting at `at` (a word start), if any: its end. It is passed to
/// `found` if it ends a word too.
#[inline(never)]
fn name_at<A: Automaton>(
    names: &A,
    hay: &str,
    at: usize,
    found: &mut dyn FnMut(usize, usize, usize),
) -> Option<usize> {
    let (end, pattern) = longest_match_at(names, hay.as_bytes(), at)?;
    if !hay[end..].chars().next().is_some_and(char::is_alphanumeric) {
        found(at, end, pattern);
    }
    Some(end)
}

/// The longest pattern matching `bytes` from `at`: its end and number.
fn longest_match_at<A: Automaton>(names: &A, bytes: &[u8], at: usize) -> Option<(usize, usize)> {
    let mut state = names.start_state(Anchored::Yes).ok()?;
    let mut longest = None;
    for (i, &b) in bytes.iter().enumerate().skip(at) {
        state = names.next_state(Anchored::Yes, state, b);
        if names.is_special(state) {
            if names.is_dead(state) {
                break;
            }
            if names.is_match(state) {
                let pattern = names.match_pattern(state, 0);
                // A match state may carry a pattern that began after `at` (the automaton
                // shares states with unanchored search); only one that began at `at` counts.
                if i + 1 - names.pattern_len(pattern) == at {
                    longest = Some((i + 1, pattern.as_usize()));
                }
            }
        }
    }
    longest
}

const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// The high bit of each byte of `word` (all ASCII) set where the byte is a letter or digit.
fn ascii_alphanumeric_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Each byte is below 0x80, so adding less than 0x80 never carries into the next byte:
    // the high bit says whether the byte is at least the bound.
    let at_least = |w: u64, bound: u8| w.wrapping_add(ONES * u64::from(0x80 - bound));
    let digit = at_least(word, b'0') & !at_least(word, b'9' + 1);
    let folded = word | (ONES * 0x20);
    let letter = at_least(folded, b'a') & !at_least(folded, b'z' + 1);
    (digit | letter) & HIGH_BITS
}

fn last_is_alphanumeric(before: &str) -> bool {
    before
        .chars()
        .next_back()
        .is_some_and(char::is_alphanumeric)
}

/// The first three bytes (with `FOLD` set) that names start with, hashed into a bit set small
/// enough to stay in the first-level cache; a shorter name takes every byte after it, and the
/// end of the text reads as 0.
struct NameStarts {
    bits: Vec<u64>,
    /// Every name starts with a letter or digit, so only word starts need looking at.
    alphanumeric_only: bool,
}

const NAME_START_BITS: u32 = 16;

/// Set on every byte of a key: ASCII letters compare without case (other bytes may collide,
/// which only lets a few more word starts through to the automaton).
const FOLD: u8 = 0x20;

impl NameStarts {
    fn new(patterns: &[String]) -> Self {
        let mut bits = vec![0u64; (1 << NAME_START_BITS) / 64];
        let mut set = |key: u32| {
            let bit = name_start_bit(key);
            bits[bit / 64] |= 1 << (bit % 64);
        };
        let fold = |b: &u8| u32::from(b | FOLD);
        for p in patterns {
            match p.as_bytes() {
                [] => {}
                [a] => (0..1 << 16).for_each(|rest| set(fold(a) | rest << 8)),
                [a, b] => (0..1 << 8).for_each(|c| set(fold(a) | fold(b) << 8 | c << 16)),
                [a, b, c, ..] => set(fold(a) | fold(b) << 8 | fold(c) << 16),
            }
        }
        let alphanumeric_only = patterns
            .iter()
            .all(|p| p.chars().next().is_none_or(char::is_alphanumeric));
        NameStarts {
            bits,
            alphanumeric_only,
        }
    }

    /// Whether a name may start at `at`: false means none does.
    #[inline(always)]
    fn may_start(&self, bytes: &[u8], at: usize) -> bool {
        let key = match bytes.get(at..at + 4) {
            Some(four) => u32::from_le_bytes([four[0], four[1], four[2], 0]),
            None => {
                let byte = |i: usize| u32::from(bytes.get(i).copied().unwrap_or(0));
                byte(at) | byte(at + 1) << 8 | byte(at + 2) << 16
            }
        } | u32::from_le_bytes([FOLD, FOLD, FOLD, 0]);
        let bit = name_start_bit(key);
        self.bits[bit / 64] & (1 << (bit % 64)) != 0
    }
}

#[inline(always)]
fn name_start_bit(key: u32) -> usize {
    (key.wrapping_mul(0x9E37_79B1) >> (32 - NAME_START_BITS)) as usize
}

/// Entities by lower-cased name, built as figures are read.
#[derive(Default)]
struct EntityTable {
    entities: Vec<Entity>,
    by_name: HashMap<String, EntityId>,
}

impl EntityTable {
    fn get(&self, key: &str) -> Option<EntityId> {
        self.by_name.get(key).copied()
    }

    fn get_or_add(&mut self, name: &str) -> EntityId {
        let key = name.trim().to_lowercase();
        if let Some(&id) = self.by_name.get(&key) {
            return id;
        }
        let id = self.entities.len() as EntityId;
        self.entities.push(Entity {
            name: name.trim().to_string(),
            figures: Vec::new(),
            children: Vec::new(),
            parent: None,
        });
        self.by_name.insert(key, id);
        id
    }
}

/// The period an `as_of` describes: `YYYY`, `YYYY-MM` or `YYYY-MM-DD`.
pub fn period_of(as_of: &str) -> Option<(Date, Date)> {
    let parts: Vec<&str> = as_of.split('-').collect();
    let year: i32 = parts.first()?.parse().ok()?;
    match parts.len() {
        1 => Some((
            Date {
                year,
                month: 1,
                day: 1,
            },
            Date {
                year,
                month: 12,
                day: 31,
            },
        )),
        2 => {
            let month: u32 = parts[1].parse().ok()?;
            if !(1..=12).contains(&month) {
                return None;
            }
            let last = crate::document::days_in_month(year, month);
            Some((
                Date {
                    year,
                    month,
                    day: 1,
                },
                Date {
                    year,
                    month,
                    day: last,
                },
            ))
        }
        3 => {
            let d = Date::parse(as_of)?;
            Some((d, d))
        }
        _ => None,
    }
}

/// The stem of one word: lower-case, possessive and common inflections removed, so that
/// "train" matches "trained" and "training", and "GPUs" matches "GPU".
pub fn stem(word: &str) -> String {
    // An acronym's plural: "GPUs", "H100s" → "gpu", "h100".
    if let Some(core) = word.strip_suffix('s')
        && core.chars().any(|c| c.is_uppercase())
        && core
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return core.to_lowercase();
    }
    // One lower-cased copy, cut down in place.
    let mut w = word.to_lowercase();
    for suffix in ["’s", "'s", "’", "'"] {
        if w.ends_with(suffix) {
            w.truncate(w.len() - suffix.len());
            break;
        }
    }
    let n = w.chars().count();
    // The length of `w` without `suffix`, a doubled final consonant undoubled: "cutting" →
    // "cut", "dropped" → "drop".
    let without = |w: &str, suffix: &str| -> Option<usize> {
        let s = w.strip_suffix(suffix)?;
        let bytes = s.as_bytes();
        let l = bytes.len();
        if l >= 3 && bytes[l - 1] == bytes[l - 2] && !b"aeiouslz".contains(&bytes[l - 1]) {
            return Some(l - 1);
        }
        Some(l)
    };
    // The length of `w[..end]` without its final e's.
    let without_e = |w: &str, end: usize| w[..end].trim_end_matches('e').len();
    let end = if n > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
        return w;
    } else if n > 5
        && let Some(l) = without(&w, "ing")
    {
        without_e(&w, l)
    } else if n > 4
        && let Some(l) = without(&w, "ed")
    {
        without_e(&w, l)
    } else if n > 5 && w.ends_with("ly") {
        // "weekly" → "week", "monthly" → "month" (not "early", "only").
        w.len() - 2
    } else if n > 4
        && (w.ends_with("ches") || w.ends_with("shes") || w.ends_with("sses") || w.ends_with("xes"))
    {
        w.len() - 2
    } else if n > 2
        && w.ends_with('s')
        && !w.ends_with("ss")
        && !w.ends_with("us")
        && !w.ends_with("is")
    {
        without_e(&w, w.len() - 1)
    } else if n > 3 && w.ends_with('e') {
        w.len() - 1
    } else {
        w.len()
    };
    w.truncate(end);
    w
}

/// The stems of a phrase's words ("graphics processing units" → ["graphic", "process", "unit"]).
pub fn stems(phrase: &str) -> Vec<String> {
    phrase
        .split(|c: char| !(c.is_alphanumeric() || c == '-' || c == '’' || c == '\'' || c == '.'))
        .map(|w| w.trim_matches(['.', '\'', '’', '-']))
        .filter(|w| !w.is_empty())
        .map(stem)
        .collect()
}

/// A metric (lower-cased) that records a plan, a target or guidance.
fn is_plan_metric(metric: &str) -> bool {
    [
        "plan",
        "target",
        "goal",
        "guidance",
        "forecast",
        "projected",
        "expected",
        "outlook",
    ]
    .iter()
    .any(|w| metric.contains(w))
}

/// A metric (lower-cased) that records what analysts expected, not what happened.
fn is_expectation_metric(metric: &str) -> bool {
    metric.contains("consensus") || metric.contains("expectation") || metric.contains("analyst")
}

/// A metric (lower-cased) of one quarter.
fn is_quarterly_metric(metric: &str) -> bool {
    metric.contains("quarter")
        || metric
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| matches!(w, "q1" | "q2" | "q3" | "q4"))
}

/// Stems with their hyphenated words split and stemmed, if any has a hyphen: "GPU-hours" also
/// as "GPU hours", while "cutting-edge" in a sentence never matches "cut".
fn hyphens_split(stems: &[String]) -> Option<Vec<String>> {
    stems
        .iter()
        .any(|w| w.contains('-'))
        .then(|| stems.iter().flat_map(|w| w.split('-').map(stem)).collect())
}

/// A counted noun as stems, hyphens split and spelled-out acronyms folded: "graphics processing
/// units" → ["gpu"], "GPU-hours" → ["gpu", "hour"].
pub fn noun_stems(phrase: &str) -> Vec<String> {
    let split: Vec<String> = stems(phrase)
        .iter()
        .flat_map(|w| w.split('-').map(stem).collect::<Vec<_>>())
        .collect();
    expand_acronyms(&split)
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
        if let Some(p) = contains_seq(&out, spelled) {
            out.splice(p..p + spelled.len(), [acronym.to_string()]);
        }
    }
    out
}

/// Whether the stem sequence `needle` occurs in `hay` as consecutive words.
pub fn contains_seq(hay: &[String], needle: &[&str]) -> Option<usize> {
    if needle.is_empty() || needle.len() > hay.len() {
        return None;
    }
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The names `names_in` finds in `hay`, by the DFA or the NFA.
    fn found_names(patterns: &[String], hay: &str, dfa: bool) -> Vec<(usize, usize, usize)> {
        let names = Names::new(patterns, dfa).expect("patterns build");
        let starts = NameStarts::new(patterns);
        let mut out = Vec::new();
        let mut found = |s, e, p| out.push((s, e, p));
        match &names {
            Names::Dfa(a) => names_in(a, &starts, hay, &mut found),
            Names::Nfa(a) => names_in(a, &starts, hay, &mut found),
        }
        out
    }

    /// The same rule from every occurrence of every name (no filter, no anchored automaton):
    /// at each word start from where the last name ended, the longest name starting there,
    /// counted if it ends a word.
    fn names_by_every_occurrence(patterns: &[String], hay: &str) -> Vec<(usize, usize, usize)> {
        let every = aho_corasick::AhoCorasick::builder()
            .ascii_case_insensitive(true)
            .build(patterns)
            .expect("patterns build");
        let occurrences: Vec<_> = every.find_overlapping_iter(hay).collect();
        let alnum = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
        let mut out = Vec::new();
        let mut resume = 0;
        for (w, _) in hay.char_indices() {
            if w < resume || alnum(hay[..w].chars().next_back()) {
                continue;
            }
            let longest = occurrences
                .iter()
                .filter(|m| m.start() == w)
                .max_by_key(|m| m.end());
            if let Some(m) = longest {
                if !alnum(hay[m.end()..].chars().next()) {
                    out.push((w, m.end(), m.pattern().as_usize()));
                }
                resume = m.end();
            }
        }
        out
    }

    fn name_patterns(with_punctuation_first: bool) -> Vec<String> {
        let mut names: Vec<String> = [
            "meta", "meta ai", "ai", "nvidia", "s&p 500", "v3", "x.ai", "u.s.", "in", "intel",
            "openai", "é corp", "o",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        if with_punctuation_first {
            names.push("$tsla".into());
            names.push(".net".into());
        }
        names
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]
        #[test]
        fn names_are_found_as_every_occurrence_says(
            parts in proptest::collection::vec(
                prop_oneof![
                    Just("Meta"), Just("META AI"), Just("meta"), Just("Metallica"), Just("AI"),
                    Just("Nvidia's"), Just("S&P 500"), Just("S&P 5000"), Just("V3"), Just("V30"),
                    Just("x.AI"), Just("U.S."), Just("In"), Just("Intel"), Just("OpenAI"),
                    Just("É Corp"), Just("é"), Just("o"), Just("$TSLA"), Just(".NET"), Just("sub"),
                    Just(" "), Just("  "), Just(","), Just("-"), Just("1"), Just("ß"), Just("中"),
                    Just("\n"), Just("’s"), Just("("), Just("x"),
                    Just("abcdefg"), Just("abcdefgh"), Just("abcdefgh abcdefgh"),
                ],
                0..40,
            ),
            punctuation_first in any::<bool>(),
            dfa in any::<bool>(),
        ) {
            let hay: String = parts.concat();
            let patterns = name_patterns(punctuation_first);
            let found = found_names(&patterns, &hay, dfa);
            // `reader::names_within` binary-searches the names' ends in this list, sorted by
            // start: that needs names in order and never overlapping.
            prop_assert!(found.windows(2).all(|w| w[0].1 <= w[1].0), "{found:?}");
            prop_assert_eq!(found, names_by_every_occurrence(&patterns, &hay));
        }
    }

    #[test]
    fn names_start_and_end_words() {
        let patterns = name_patterns(false);
        let named = |hay: &str| -> Vec<String> {
            found_names(&patterns, hay, true)
                .into_iter()
                .map(|(s, e, _)| hay[s..e].to_string())
                .collect()
        };
        assert_eq!(named("Metallica and Meta AI, not metadata"), ["Meta AI"]);
        assert_eq!(named("the S&P 5000 and the S&P 500."), ["S&P 500"]);
        // A name inside a word is no name, and what follows it is still read.
        assert_eq!(named("Submeta AI rose"), ["AI"]);
        // Read eight bytes at a time: a word goes on across the eight.
        assert_eq!(named("abcdefghMeta is no name"), Vec::<String>::new());
        assert_eq!(
            named("Nvidia’s V3, V30 and Nvidia"),
            ["Nvidia", "V3", "Nvidia"]
        );
    }

    /// `stem` as it was written before it cut one string in place, to check it stems alike.
    fn stem_as_it_was(word: &str) -> String {
        // An acronym's plural: "GPUs", "H100s" → "gpu", "h100".
        if let Some(core) = word.strip_suffix('s')
            && core.chars().any(|c| c.is_uppercase())
            && core
                .chars()
                .last()
                .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        {
            return core.to_lowercase();
        }
        let mut w = word.to_lowercase();
        for suffix in ["’s", "'s", "’", "'"] {
            if let Some(s) = w.strip_suffix(suffix) {
                w = s.to_string();
                break;
            }
        }
        let n = w.chars().count();
        let strip = |w: &str, suffix: &str| -> Option<String> {
            let s = w.strip_suffix(suffix)?;
            // Undouble a final consonant: "cutting" → "cut", "dropped" → "drop".
            let bytes = s.as_bytes();
            let l = bytes.len();
            if l >= 3 && bytes[l - 1] == bytes[l - 2] && !b"aeiouslz".contains(&bytes[l - 1]) {
                return Some(s[..l - 1].to_string());
            }
            Some(s.to_string())
        };
        if n > 4 && w.ends_with("ies") {
            return format!("{}y", &w[..w.len() - 3]);
        }
        if n > 5
            && let Some(s) = strip(&w, "ing")
        {
            return s.trim_end_matches('e').to_string();
        }
        if n > 4
            && let Some(s) = strip(&w, "ed")
        {
            return s.trim_end_matches('e').to_string();
        }
        // "weekly" → "week", "monthly" → "month" (not "early", "only").
        if n > 5 && w.ends_with("ly") {
            return w[..w.len() - 2].to_string();
        }
        if n > 4
            && (w.ends_with("ches")
                || w.ends_with("shes")
                || w.ends_with("sses")
                || w.ends_with("xes"))
        {
            return w[..w.len() - 2].to_string();
        }
        if n > 2
            && w.ends_with('s')
            && !w.ends_with("ss")
            && !w.ends_with("us")
            && !w.ends_with("is")
        {
            let s = &w[..w.len() - 1];
            return s.trim_end_matches('e').to_string();
        }
        if n > 3 && w.ends_with('e') {
            return w[..w.len() - 1].to_string();
        }
        w
    }

    #[test]
    fn stems_are_as_they_were() {
        let mut words: Vec<String> = [
            "GPUs",
            "H100s",
            "Nvidia’s",
            "Meta's",
            "investors’",
            "companies",
            "cutting",
            "dropped",
            "seeing",
            "agreed",
            "weekly",
            "early",
            "only",
            "matches",
            "wishes",
            "classes",
            "boxes",
            "bus",
            "this",
            "gas",
            "value",
            "valued",
            "use",
            "ies",
            "Lies",
            "Ünïcödé",
            "İstanbul",
            "ſtates",
            "ΣΊΣΥΦΟΣ",
            "KELVIN",
            "buzzing",
            "rolled",
            "fizzes",
            "a",
            "",
            "’",
            "'s",
        ]
        .iter()
        .map(|w| w.to_string())
        .collect();
        let texts = std::fs::read_dir("fixtures/articles")
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|e| std::fs::read_to_string(e.path()).ok());
        for text in texts {
            words.extend(
                text.split(|c: char| !(c.is_alphanumeric() || matches!(c, '-' | '’' | '\'' | '.')))
                    .map(|w| w.trim_matches(['.', '\'', '’', '-']).to_string()),
            );
        }
        assert!(words.len() > 1000);
        for w in &words {
            assert_eq!(stem(w), stem_as_it_was(w), "{w}");
        }
    }

    #[test]
    fn stems_match_inflections() {
        assert_eq!(stem("train"), stem("trained"));
        assert_eq!(stem("train"), stem("training"));
        assert_eq!(stem("GPU"), stem("GPUs"));
        assert_eq!(stem("H100"), stem("H100s"));
        assert_eq!(stem("cut"), stem("cutting"));
        assert_ne!(stem("cut"), stem("cutting-edge"));
        assert_eq!(stem("wipe"), stem("wiping"));
        assert_eq!(stem("value"), stem("valued"));
        assert_eq!(stem("company"), stem("companies"));
        assert_eq!(stem("Nvidia’s"), stem("Nvidia"));
    }

    #[test]
    fn periods() {
        assert_eq!(
            period_of("2025"),
            Some((
                Date::parse("2025-01-01").unwrap(),
                Date::parse("2025-12-31").unwrap()
            ))
        );
        assert_eq!(
            period_of("2024-02"),
            Some((
                Date::parse("2024-02-01").unwrap(),
                Date::parse("2024-02-29").unwrap()
            ))
        );
        assert_eq!(period_of("2025-13"), None);
    }
}
