//! The lookup index over the loaded datasets: one Aho-Corasick automaton over every entity,
//! alias and parent name (so finding names in a document is one pass, whatever the dataset size),
//! entities with their figures and children, and each figure's keywords as word stems.

use super::model::{Dataset, Figure};
use crate::document::{Date, Span};
use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
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
    names: Option<AhoCorasick>,
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
        // A full DFA reads text several times faster than the NFA the builder picks for many
        // patterns, but its size grows with theirs: it is worth its build time and memory
        // only up to a few thousand names (the built-in dataset has a few hundred).
        let kind = (patterns.len() <= DFA_MAX_PATTERNS).then_some(AhoCorasickKind::DFA);
        let names = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::LeftmostLongest)
            .kind(kind)
            .build(&patterns)
            .ok();
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
        let Some(ac) = &self.names else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for range in prose {
            let hay = &text[range.start..range.end];
            for m in ac.find_iter(hay) {
                let (s, e) = (m.start(), m.end());
                if !is_boundary(hay, s, e) {
                    continue;
                }
                out.push(Mention {
                    span: Span::new(range.start + s, range.start + e),
                    entities: self.pattern_entities[m.pattern().as_usize()].clone(),
                });
            }
        }
        out
    }
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

/// A match is a name only on word boundaries: "Meta" not in "metadata", "V3" not in "V30".
fn is_boundary(hay: &str, start: usize, end: usize) -> bool {
    let before = hay[..start].chars().next_back();
    let after = hay[end..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    // A match ending in a letter may be followed by a plural or possessive "s" only via "’s".
    !word(before) && !word(after)
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
