//! The reader's fixture corpus: news-style passages in `fixtures/claims/NN-topic.txt`, each with
//! the claims it must yield in `NN-topic.expected.json` beside it. The comparison is exact: same
//! claims, in order, with the same text, span, value or range, unit, kind, hedge and direction.
//!
//! The passages are read without dataset names, so the corpus tests the reader's own rules (a
//! model name such as "Llama 3.1 405B" must not yield a claim even when no dataset names it).
//!
//! `FACTCHECK_BLESS=1 cargo test --test reader_corpus` rewrites the expected files from the
//! reader's output. They are the specification: review every change by hand before keeping it.

use std::path::{Path, PathBuf};

use factcheck::document::Document;
use factcheck::reader::{self, Amount, Claim};
use serde_json::{Value, json};

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/claims")
}

fn claim_json(text: &str, c: &Claim) -> Value {
    let (value, low, high) = match c.amount {
        Amount::Exact(n) => (json!(n.value), Value::Null, Value::Null),
        Amount::Range(a, b) => (Value::Null, json!(a.value), json!(b.value)),
        Amount::Vague { low, high } => (Value::Null, json!(low), json!(high)),
    };
    json!({
        "text": &text[c.span.start..c.span.end],
        "span": {"start": c.span.start, "end": c.span.end},
        "value": value,
        "low": low,
        "high": high,
        "unit": c.unit.code,
        "kind": c.unit.kind,
        "hedge": c.hedge_text,
        "direction": c.direction,
    })
}

/// One line per claim, for readable diffs.
fn summary(v: &Value) -> String {
    format!(
        "{:?} [{}..{}] value={} low={} high={} unit={:?} kind={} hedge={} direction={}",
        v["text"].as_str().unwrap_or(""),
        v["span"]["start"],
        v["span"]["end"],
        v["value"],
        v["low"],
        v["high"],
        v["unit"].as_str().unwrap_or(""),
        v["kind"],
        v["hedge"],
        v["direction"],
    )
}

fn read_passage(path: &Path) -> Vec<Value> {
    let text = std::fs::read_to_string(path).expect("passage is UTF-8");
    let doc = Document::from_text(path.display().to_string(), text.clone());
    reader::read(&doc, &[])
        .iter()
        .map(|c| claim_json(&text, c))
        .collect()
}

/// A readable diff of two claim lists (a longest-common-subsequence walk over their summaries).
fn diff(expected: &[Value], actual: &[Value]) -> String {
    let e: Vec<String> = expected.iter().map(summary).collect();
    let a: Vec<String> = actual.iter().map(summary).collect();
    let (n, m) = (e.len(), a.len());
    let mut lcs = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            lcs[i][j] = if e[i] == a[j] {
                lcs[i + 1][j + 1] + 1
            } else {
                lcs[i + 1][j].max(lcs[i][j + 1])
            };
        }
    }
    let (mut i, mut j) = (0, 0);
    let mut out = String::new();
    while i < n || j < m {
        if i < n && j < m && e[i] == a[j] {
            out.push_str(&format!("    {}\n", e[i]));
            i += 1;
            j += 1;
        } else if j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]) {
            out.push_str(&format!("  + {}\n", a[j]));
            j += 1;
        } else {
            out.push_str(&format!("  - {}\n", e[i]));
            i += 1;
        }
    }
    out
}

#[test]
fn corpus_matches_expected_claims() {
    let bless = std::env::var_os("FACTCHECK_BLESS").is_some();
    let mut passages: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("fixtures/claims exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    passages.sort();
    assert!(
        passages.len() >= 30,
        "the corpus holds at least 30 passages, found {}",
        passages.len()
    );
    let mut failures = Vec::new();
    let mut total = 0;
    for path in &passages {
        let actual = read_passage(path);
        total += actual.len();
        let expected_path = path.with_extension("expected.json");
        if bless {
            let mut body = serde_json::to_string_pretty(&Value::Array(actual.clone()))
                .expect("claims serialise");
            body.push('\n');
            std::fs::write(&expected_path, body).expect("write expected file");
            continue;
        }
        let expected: Vec<Value> = match std::fs::read_to_string(&expected_path) {
            Ok(s) => serde_json::from_str(&s)
                .unwrap_or_else(|e| panic!("{} is not valid JSON: {e}", expected_path.display())),
            Err(_) => {
                failures.push(format!(
                    "{}: no expected file (run with FACTCHECK_BLESS=1, then review it)",
                    path.display()
                ));
                continue;
            }
        };
        if expected != actual {
            failures.push(format!(
                "{} (- expected, + read):\n{}",
                path.file_name().unwrap_or_default().to_string_lossy(),
                diff(&expected, &actual)
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} passages differ:\n\n{}",
        failures.len(),
        passages.len(),
        failures.join("\n")
    );
    assert!(total > 0);
}

/// Every expected file's `text` is the passage's bytes at its span, so the files stay honest
/// when edited by hand.
#[test]
fn expected_spans_match_passage_text() {
    if std::env::var_os("FACTCHECK_BLESS").is_some() {
        return; // the other test is rewriting the files
    }
    for entry in std::fs::read_dir(corpus_dir()).expect("fixtures/claims exists") {
        let path = entry.expect("dir entry").path();
        if !path.to_string_lossy().ends_with(".expected.json") {
            continue;
        }
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let passage = path.with_file_name(name.replace(".expected.json", ".txt"));
        let text = std::fs::read_to_string(&passage).expect("passage beside expected file");
        let claims: Vec<Value> =
            serde_json::from_str(&std::fs::read_to_string(&path).expect("read")).expect("JSON");
        for c in claims {
            let (s, e) = (
                c["span"]["start"].as_u64().expect("start") as usize,
                c["span"]["end"].as_u64().expect("end") as usize,
            );
            assert_eq!(
                text.get(s..e),
                c["text"].as_str(),
                "{}: span {s}..{e} does not hold the claim's text",
                path.display()
            );
        }
    }
}

/// A quick throughput figure for the reader alone (tokenize + parse + attributions) on a few MB
/// of news text: the corpus passages repeated (dense: a claim every ~50 bytes) and the article
/// fixtures repeated (ordinary news density). Ignored by default; run it in release mode:
/// `cargo test --release --test reader_corpus -- --ignored --nocapture throughput`.
#[test]
#[ignore]
fn throughput() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    for (label, dir) in [
        ("claims corpus", root.join("fixtures/claims")),
        ("article fixtures", root.join("fixtures/articles")),
    ] {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
            .expect("fixture directory")
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt"))
            .collect();
        paths.sort();
        let mut unit = String::new();
        for p in paths {
            unit.push_str(&std::fs::read_to_string(p).expect("passage"));
            unit.push_str("\n\n");
        }
        let mut text = String::new();
        while text.len() < 4 << 20 {
            text.push_str(&unit);
        }
        let doc = Document::from_text("bench".into(), text.clone());
        let mut best = f64::INFINITY;
        let mut claims = 0;
        for _ in 0..5 {
            let t = std::time::Instant::now();
            claims = reader::read(&doc, &[]).len();
            best = best.min(t.elapsed().as_secs_f64());
        }
        let mb = text.len() as f64 / 1e6;
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr().lock(),
            "reader throughput ({label}): {mb:.1} MB in {best:.3} s = {:.1} MB/s ({claims} claims)",
            mb / best
        );
    }
}
