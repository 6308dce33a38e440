//! `cargo bench`: throughput of the reader alone, the full check, the jsonl report, and the
//! cost of loading and indexing datasets, on seeded synthetic corpora (`factcheck::synth`).
//!
//! Throughput is printed in bytes of article text per second (divan's `MB/s` column). The
//! corpora are news-like, about one claim per 200 bytes, with every hedge and unit kind; see
//! BENCHMARKS.md for the figures on this machine and the end-to-end command-line runs.

use divan::counter::BytesCount;
use divan::{Bencher, black_box};
use factcheck::check::Checker;
use factcheck::dataset::{self, Dataset};
use factcheck::document::Document;
use factcheck::synth::{self, Corpus};
use std::sync::OnceLock;

fn main() {
    divan::main();
}

/// A 4 MB corpus of ~3 KB articles about the built-in dataset's figures.
const CORPUS_BYTES: usize = 4 << 20;
const ARTICLE_BYTES: usize = 3_000;

fn corpus() -> &'static str {
    static TEXT: OnceLock<String> = OnceLock::new();
    TEXT.get_or_init(|| Corpus::builtin(1).text(CORPUS_BYTES, ARTICLE_BYTES))
}

/// The corpus as one document per article, as a directory run reads it.
fn articles() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(|| {
        corpus()
            .split("\ndate ")
            .enumerate()
            .map(|(i, a)| {
                let text = if i == 0 {
                    a.to_string()
                } else {
                    format!("date {a}")
                };
                Document::from_text(format!("a{i}.txt"), text)
            })
            .collect()
    })
}

fn builtin_checker() -> &'static Checker {
    static C: OnceLock<Checker> = OnceLock::new();
    C.get_or_init(|| Checker::new(&[dataset::builtin()]))
}

/// The reader alone (tokens → claims), names found by the built-in index.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn reader(bencher: Bencher) {
    let docs = articles();
    let checker = builtin_checker();
    bencher.counter(BytesCount::new(corpus().len())).bench(|| {
        let mut n = 0;
        for doc in docs {
            n += checker.read(black_box(doc)).0.len();
        }
        n
    });
}

/// Building a document (lines, paragraphs, sentences) from text.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn document(bencher: Bencher) {
    let docs = articles();
    bencher.counter(BytesCount::new(corpus().len())).bench(|| {
        docs.iter()
            .map(|d| {
                Document::from_text(d.path.clone(), black_box(d.text.clone()))
                    .sentences
                    .len()
            })
            .sum::<usize>()
    });
}

/// The full check (read, link, judge, report model) with the built-in dataset.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check(bencher: Bencher) {
    let docs = articles();
    let checker = builtin_checker();
    bencher.counter(BytesCount::new(corpus().len())).bench(|| {
        docs.iter()
            .map(|d| checker.check(black_box(d)).claims.len())
            .sum::<usize>()
    });
}

/// The full check and the jsonl lines, written to a sink.
#[divan::bench(sample_count = 10, sample_size = 1)]
fn check_jsonl(bencher: Bencher) {
    let docs = articles();
    let checker = builtin_checker();
    bencher.counter(BytesCount::new(corpus().len())).bench(|| {
        let mut lines = Vec::new();
        for d in docs {
            let report = checker.check(black_box(d));
            lines.clear();
            factcheck::report::jsonl::write_file(&mut lines, &report);
            black_box(&lines);
        }
    });
}

/// The seed of the synthetic datasets; the corpus below talks about their first 100 figures.
const DATASET_SEED: u64 = 42;

fn scaled_checker(figures: usize) -> &'static Checker {
    static C: OnceLock<std::sync::Mutex<Vec<(usize, &'static Checker)>>> = OnceLock::new();
    let cache = C.get_or_init(Default::default);
    let mut cache = cache.lock().unwrap();
    if let Some((_, c)) = cache.iter().find(|(n, _)| *n == figures) {
        return c;
    }
    let datasets = vec![
        dataset::builtin(),
        synth::dataset(DATASET_SEED, figures, "synthetic"),
    ];
    let c: &'static Checker = Box::leak(Box::new(Checker::new(&datasets)));
    cache.push((figures, c));
    c
}

/// Articles about the built-in figures and the first 100 synthetic ones.
fn scaled_articles() -> &'static [Document] {
    static DOCS: OnceLock<Vec<Document>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let mut figures = dataset::builtin().figures;
        figures.extend(synth::dataset(DATASET_SEED, 100, "synthetic").figures);
        let mut corpus = Corpus::new(2, &figures);
        (0..300)
            .map(|i| Document::from_text(format!("s{i}.txt"), corpus.article(ARTICLE_BYTES)))
            .collect()
    })
}

/// The cost per article against datasets of 100 to 100,000 extra figures: it should barely
/// grow (names by automaton, figures by entity).
#[divan::bench(args = [100, 1_000, 10_000, 100_000], sample_count = 10, sample_size = 1)]
fn check_by_dataset_size(bencher: Bencher, figures: usize) {
    let checker = scaled_checker(figures);
    let docs = scaled_articles();
    let bytes: usize = docs.iter().map(|d| d.text.len()).sum();
    bencher.counter(BytesCount::new(bytes)).bench(|| {
        docs.iter()
            .map(|d| checker.check(black_box(d)).claims.len())
            .sum::<usize>()
    });
}

/// Loading (strict parse and validation) and indexing the built-in dataset: start-up.
#[divan::bench]
fn load_builtin() -> Checker {
    let text = include_str!("../fixtures/datasets/ai-industry.json");
    let d = dataset::load_str(black_box(text), "<built-in>").unwrap();
    Checker::new(&[d])
}

/// Loading and indexing a generated dataset of `n` figures from its JSON.
#[divan::bench(args = [100, 10_000, 100_000], sample_count = 10, sample_size = 1)]
fn load_dataset(bencher: Bencher, n: usize) {
    let json = synth::dataset_json(&synth::dataset(DATASET_SEED, n, "synthetic"));
    bencher.counter(BytesCount::new(json.len())).bench(|| {
        let d: Dataset = dataset::load_str(black_box(&json), "synthetic.json").unwrap();
        Checker::new(&[d]).index.figures.len()
    });
}
