//! Invariants of the pipeline as property tests, and the fuzzers' findings as regression tests.
//!
//! - Every claim's span lies on UTF-8 boundaries inside the input and `input[start..end] ==
//!   text`; line and column agree with the span (recomputed from the input, counting `\n`,
//!   `\r\n` and a lone `\r` as line ends); claims come in text order; every report format
//!   renders; reading is deterministic. These are the checks the AFL++ targets run
//!   (`fuzz/src/lib.rs`, included here), on text built from the words and marks the reader
//!   reacts to.
//! - Appending unrelated text after a blank line never changes the claims before it.
//! - Verdicts do not depend on the order of datasets or of the figures within one.
//! - Line endings (LF, CRLF, lone CR) change no claim, line, column or verdict.
//! - Every input in `fixtures/battery/fuzz/` (what the fuzzers found) passes the checks.

#[path = "../fuzz/src/lib.rs"]
#[allow(dead_code)]
mod fuzz_checks;

use factcheck::check::Checker;
use factcheck::dataset::{self, Dataset};
use factcheck::document::Document;
use factcheck::input::TextFormat;
use proptest::prelude::*;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One piece of article-like text: words and marks the reader, the sentence splitter and the
/// line index react to, and now and then any character at all.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        6 => prop::sample::select(vec![
            "Nvidia", "DeepSeek", "Meta", "OpenAI", "Acme Robotics", "H800", "Llama 3 405B",
            "revenue", "lost", "fell", "rose", "spent", "trained", "said", "according to",
            "the", "a", "of", "in", "on", "and", "to", "about", "nearly", "just under",
            "at least", "up to", "more than", "tens of thousands", "percentage points",
            "million", "billion", "trillion", "bn", "m", "GPUs", "employees", "GW", "years",
            "%", "per cent", "x", "$", "US$", "€", "£", "¥", "-", "–", "—", "to", "U.S.",
            "No.", "Inc.", "Jan.", "2024", "2025-01-31", "date 2025-01-31", "Q3",
            "factcheck: ignore", "factcheck: ignore-next-line", "<!--", "-->",
        ]).prop_map(str::to_string),
        4 => (0u64..10_000_000_000).prop_map(|n| n.to_string()),
        2 => (0u32..100_000, 0u32..100).prop_map(|(a, b)| format!("{a}.{b}")),
        2 => (1u32..1000, 0u32..1000).prop_map(|(a, b)| format!("{a},{b:03}")),
        3 => prop::sample::select(vec![
            " ", " ", " ", ". ", ", ", "; ", ": ", "(", ")", "\"", "’", "“", "”", "\n", "\r\n",
            "\r", "\n\n", "\r\n\r\n", "\t", "\u{a0}", "é", "€", "😀", "\u{feff}", "\u{200b}",
        ]).prop_map(str::to_string),
        1 => any::<char>().prop_map(|c| c.to_string()),
    ]
}

fn article() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..80).prop_map(|pieces| {
        // Words need spaces between them to be words.
        let mut text = String::new();
        for p in pieces {
            if text.ends_with(|c: char| c.is_alphanumeric())
                && p.starts_with(|c: char| c.is_alphanumeric())
            {
                text.push(' ');
            }
            text.push_str(&p);
        }
        text
    })
}

/// Markup around article text, for the Markdown and HTML readers.
fn markup(html: bool) -> impl Strategy<Value = String> {
    let marks: Vec<&'static str> = if html {
        vec![
            "<p>",
            "</p>",
            "<div>",
            "</div>",
            "<article>",
            "</article>",
            "<nav>",
            "</nav>",
            "<script>",
            "</script>",
            "<code>",
            "</code>",
            "<br>",
            "&nbsp;",
            "&amp;",
            "&#8217;",
            "<!-- ",
            " -->",
            "<a href=\"/5\">",
            "</a>",
            "<time datetime=\"2025-01-31\">",
        ]
    } else {
        vec![
            "\n\n",
            "> ",
            "- ",
            "1. ",
            "# ",
            "`",
            "```\n",
            "*",
            "_",
            "[",
            "](https://x.y/5)",
            "<!-- ",
            " -->",
            "&nbsp;",
            "\\$",
            "| ",
            "|---|\n",
            "---\ndate: 2025-01-31\n---\n",
            "<https://x.y/7>",
            "![9](10.png)",
            "    ",
        ]
    };
    prop::collection::vec(
        prop_oneof![
            3 => piece(),
            1 => prop::sample::select(marks).prop_map(str::to_string),
        ],
        0..80,
    )
    .prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn plain_text_spans_lines_columns_and_determinism(text in article()) {
        fuzz_checks::article(text.as_bytes(), TextFormat::Text);
    }

    #[test]
    fn markdown_spans_lines_columns_and_determinism(text in markup(false)) {
        fuzz_checks::article(text.as_bytes(), TextFormat::Markdown);
    }

    #[test]
    fn html_spans_lines_columns_and_determinism(text in markup(true)) {
        fuzz_checks::article(text.as_bytes(), TextFormat::Html);
    }

    #[test]
    fn arbitrary_bytes_in_every_format(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        fuzz_checks::decode(&bytes);
        fuzz_checks::article(&bytes, TextFormat::Text);
        fuzz_checks::article(&bytes, TextFormat::Markdown);
        fuzz_checks::article(&bytes, TextFormat::Html);
    }

    #[test]
    fn appending_text_after_a_blank_line_keeps_the_claims_before_it(
        first in article(),
        second in article(),
    ) {
        let checker = fuzz_checks::builtin_checker();
        let alone = Document::from_text("a.txt".into(), first.clone());
        let joined = Document::from_text("a.txt".into(), format!("{first}\n\n{second}"));
        let before = claim_values(&checker.claims(&alone));
        let after: Vec<Value> = claim_values(&checker.claims(&joined))
            .into_iter()
            .filter(|c| c["span"]["start"].as_u64().unwrap() < first.len() as u64)
            .collect();
        prop_assert_eq!(before, after);
    }

    #[test]
    fn line_endings_change_no_claim(text in article()) {
        let lf = text.replace("\r\n", "\n").replace('\r', "\n");
        let checker = fuzz_checks::builtin_checker();
        let reference = positions(checker, &lf);
        prop_assert_eq!(&positions(checker, &lf.replace('\n', "\r\n")), &reference);
        prop_assert_eq!(&positions(checker, &lf.replace('\n', "\r")), &reference);
    }

    #[test]
    fn config_and_dataset_loaders_never_panic(text in ".{0,200}") {
        fuzz_checks::config(text.as_bytes());
        fuzz_checks::dataset(text.as_bytes());
    }
}

/// A file report's claims as JSON values (what the report prints).
fn claim_values(file: &factcheck::report::model::FileReport) -> Vec<Value> {
    file.claims
        .iter()
        .map(|c| serde_json::to_value(c).unwrap())
        .collect()
}

/// What must not depend on line endings: each claim's text, line, column and verdict.
fn positions(checker: &Checker, text: &str) -> Vec<(String, usize, usize, String)> {
    let doc = Document::from_text("a.txt".into(), text.to_string());
    checker
        .check(&doc)
        .claims
        .iter()
        .map(|c| {
            (
                // A claim may hold a line break ("0\nNvidia"): compare it as LF.
                c.text.replace("\r\n", "\n").replace('\r', "\n"),
                c.span.line,
                c.span.column,
                format!("{:?}", c.verdict()),
            )
        })
        .collect()
}

fn fixture_articles() -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = std::fs::read_dir(root().join("fixtures/articles"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| {
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read_to_string(&p).unwrap(),
            )
        })
        .collect();
    out.sort();
    out
}

/// The JSON of every fixture article's claims checked against `datasets`, with the name of the
/// dataset a figure came from left out (it is the only thing a split may change).
fn verdicts(datasets: &[Dataset]) -> Vec<Value> {
    let checker = Checker::new(datasets);
    fixture_articles()
        .into_iter()
        .map(|(name, text)| {
            let doc = Document::from_text(name.clone(), text);
            let mut claims = claim_values(&checker.check(&doc));
            for c in &mut claims {
                if let Some(figure) = c.get_mut("figure").and_then(Value::as_object_mut) {
                    figure.remove("dataset");
                }
            }
            serde_json::json!({ "article": name, "claims": claims })
        })
        .collect()
}

fn shuffled(mut items: Vec<dataset::Figure>, seed: u64) -> Vec<dataset::Figure> {
    // A small deterministic shuffle (Fisher–Yates on an xorshift stream).
    let mut state = seed | 1;
    for i in (1..items.len()).rev() {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        items.swap(i, (state % (i as u64 + 1)) as usize);
    }
    items
}

#[test]
fn line_endings_change_no_claim_in_the_fixture_articles() {
    let checker = fuzz_checks::builtin_checker();
    for (name, text) in fixture_articles() {
        let lf = text.replace("\r\n", "\n");
        let reference = positions(checker, &lf);
        assert!(!reference.is_empty(), "{name}");
        assert_eq!(
            positions(checker, &lf.replace('\n', "\r\n")),
            reference,
            "{name} CRLF"
        );
        assert_eq!(
            positions(checker, &lf.replace('\n', "\r")),
            reference,
            "{name} CR"
        );
    }
}

#[test]
fn fixture_articles_pass_every_check() {
    for (_, text) in fixture_articles() {
        fuzz_checks::article(text.as_bytes(), TextFormat::Text);
        fuzz_checks::article(text.as_bytes(), TextFormat::Markdown);
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 6, ..ProptestConfig::default() })]

    #[test]
    fn verdicts_do_not_depend_on_the_order_of_datasets_or_figures(
        seed in any::<u64>(),
        cut in 0.0f64..1.0,
    ) {
        let builtin = dataset::builtin();
        let reference = verdicts(std::slice::from_ref(&builtin));
        let figures = shuffled(builtin.figures.clone(), seed);
        let one = Dataset { figures: figures.clone(), ..builtin.clone() };
        prop_assert!(verdicts(&[one]) == reference, "shuffled figures changed a verdict");
        let at = ((figures.len() as f64) * cut) as usize;
        let part = |name: &str, figures: &[dataset::Figure]| Dataset {
            name: name.into(),
            location: format!("{name}.json"),
            figures: figures.to_vec(),
        };
        let (a, b) = (part("a", &figures[..at]), part("b", &figures[at..]));
        prop_assert!(
            verdicts(&[a.clone(), b.clone()]) == reference,
            "splitting the dataset at {} changed a verdict", at
        );
        prop_assert!(
            verdicts(&[b, a]) == reference,
            "the split datasets in the other order changed a verdict"
        );
    }
}

/// Every input the fuzzers found a crash with, named `<target>-<what>.bin`, in
/// `fixtures/battery/fuzz/`.
#[test]
fn fuzz_findings_stay_fixed() {
    let dir = root().join("fixtures/battery/fuzz");
    let mut found: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|d| d.map(|e| e.unwrap().path()).collect())
        .unwrap_or_default();
    found.sort();
    for path in found {
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        let data = std::fs::read(&path).unwrap();
        match name.split('-').next().unwrap() {
            "reader" => fuzz_checks::article(&data, TextFormat::Text),
            "markdown" => fuzz_checks::article(&data, TextFormat::Markdown),
            "html" => fuzz_checks::article(&data, TextFormat::Html),
            "dataset" => fuzz_checks::dataset(&data),
            "config" => fuzz_checks::config(&data),
            "decode" => fuzz_checks::decode(&data),
            _ if name.ends_with(".md") => {}
            other => panic!("{name}: unknown fuzz target '{other}'"),
        }
    }
}

/// Found by `line_endings_change_no_claim_in_the_fixture_articles`: with lone-CR line endings a
/// blank line did not end a paragraph, so the whole article was one paragraph and a claim took
/// its context from the wrong one.
#[test]
fn a_blank_line_of_lone_crs_ends_a_paragraph() {
    let doc = Document::from_text("cr.txt".into(), "one\rtwo\r\r\rthree\r".into());
    let got: Vec<&str> = doc
        .paragraphs
        .iter()
        .map(|s| &doc.text[s.start..s.end])
        .collect();
    assert_eq!(got, vec!["one\rtwo", "three"]);
}
