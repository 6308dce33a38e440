//! Tests as data: every `fixtures/articles/*.txt` is checked by the built binary with the
//! built-in dataset, and its claims (text, span, verdict, figure) and exit code must equal
//! `*.expected.json` beside it. A new case is a new pair of files.
//!
//! `FACTCHECK_BLESS=1 cargo test --test articles` rewrites the expected files; review the diff.

use assert_cmd::Command;
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn articles() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("fixtures/articles exists")
        .map(|e| e.expect("readable entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    out.sort();
    out
}

/// The part of a report a fixture pins: exit code and, per claim, what an editor sees.
fn observed(path: &Path) -> Value {
    let output = Command::cargo_bin("factcheck")
        .expect("binary built")
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args(["--format", "json"])
        .arg(
            path.strip_prefix(env!("CARGO_MANIFEST_DIR"))
                .expect("inside the repo"),
        )
        .output()
        .expect("runs");
    let report: Value = serde_json::from_slice(&output.stdout).expect("JSON report on stdout");
    let claims: Vec<Value> = report["files"][0]["claims"]
        .as_array()
        .expect("claims")
        .iter()
        .map(|c| {
            json!({
                "text": c["text"],
                "span": [c["span"]["start"], c["span"]["end"], c["span"]["line"], c["span"]["column"]],
                "verdict": c["verdict"],
                "figure": c["figure"]["id"],
                "deviation_pct": c["deviation_pct"],
            })
        })
        .collect();
    json!({ "exit": output.status.code(), "summary": report["summary"], "claims": claims })
}

#[test]
fn every_article_matches_its_expected_report() {
    let bless = std::env::var_os("FACTCHECK_BLESS").is_some();
    let mut failures = Vec::new();
    let all = articles();
    assert!(
        all.len() >= 13,
        "the seed article and its doctored copies are fixtures"
    );
    for path in all {
        let expected_path = path.with_extension("expected.json");
        let got = observed(&path);
        if bless {
            let text = serde_json::to_string_pretty(&got).expect("serialises") + "\n";
            std::fs::write(&expected_path, text).expect("writes expected file");
            continue;
        }
        let expected: Value = match std::fs::read_to_string(&expected_path) {
            Ok(t) => serde_json::from_str(&t).expect("expected file is JSON"),
            Err(_) => {
                failures.push(format!(
                    "{}: no expected file (run with FACTCHECK_BLESS=1)",
                    path.display()
                ));
                continue;
            }
        };
        if got != expected {
            failures.push(format!(
                "{}:\n  expected {}\n  got      {}",
                path.display(),
                serde_json::to_string(&expected).unwrap_or_default(),
                serde_json::to_string(&got).unwrap_or_default()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The doctored copies: exactly one claim is contradicted, by the figure it was doctored
/// against, and the run exits 1.
#[test]
fn each_doctored_number_is_contradicted_by_its_figure() {
    let cases = [
        (
            "doctored-training-cost",
            "$6.5 million",
            "deepseek-v3.training-cost",
        ),
        (
            "doctored-cluster-size",
            "2,500 graphics processing units",
            "deepseek-v3.cluster-gpus",
        ),
        (
            "doctored-market-loss",
            "nearly $700 billion",
            "nvidia.2025-01-27.market-value-loss",
        ),
        (
            "doctored-share-fall",
            "18%",
            "nvidia.2025-01-27.share-price-change",
        ),
        (
            "doctored-direction",
            "17%",
            "nvidia.2025-01-27.share-price-change",
        ),
        (
            "doctored-llama-gpus",
            "24,000 of Nvidia’s more powerful H100s",
            "llama-3.1-405b.training-gpus",
        ),
        (
            "doctored-capex-up-to",
            "up to $100 billion",
            "meta.capex.2025",
        ),
        ("doctored-capex-over", "over $65 billion", "meta.capex.2025"),
        (
            "doctored-meta-gpus",
            "fewer than 1 million GPUs",
            "meta.gpus.end-2025",
        ),
        ("doctored-stargate", "$50 billion", "stargate.investment"),
        (
            "doctored-horizon",
            "ten years",
            "stargate.investment-horizon",
        ),
        (
            "doctored-selloff",
            "$2 trillion",
            "us-tech-stocks.2025-01-27.market-value-loss",
        ),
        ("doctored-colossus-build", "92 days", "colossus.build-time"),
        (
            "doctored-market-cap",
            "$2.5 trillion",
            "nvidia.2025-01-27.market-cap",
        ),
        (
            "doctored-training-tokens",
            "18 trillion tokens",
            "deepseek-v3.pre-training-tokens",
        ),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles");
    for (name, text, figure) in cases {
        let got = observed(&dir.join(format!("{name}.txt")));
        assert_eq!(got["exit"], 1, "{name}: exit code");
        let contradicted: Vec<&Value> = got["claims"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["verdict"] == "contradicted")
            .collect();
        assert_eq!(
            contradicted.len(),
            1,
            "{name}: exactly one contradiction, got {contradicted:?}"
        );
        assert_eq!(contradicted[0]["text"], text, "{name}");
        assert_eq!(contradicted[0]["figure"], figure, "{name}");
    }
}

/// The seed article checks clean: the ten numeric claims of the issue supported, each with its
/// figure; the vague ones unverified; exit 0.
#[test]
fn seed_article_checks_clean() {
    let got =
        observed(&Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles/deepseek.txt"));
    assert_eq!(got["exit"], 0);
    let supported = [
        ("$1 trillion", "us-tech-stocks.2025-01-27.market-value-loss"),
        ("17%", "nvidia.2025-01-27.share-price-change"),
        ("nearly $600 billion", "nvidia.2025-01-27.market-value-loss"),
        ("$5.6 million", "deepseek-v3.training-cost"),
        (
            "just under 2,050 graphics processing units",
            "deepseek-v3.cluster-gpus",
        ),
        (
            "16,000 of Nvidia’s more powerful H100s",
            "llama-3.1-405b.training-gpus",
        ),
        ("up to $65 billion", "meta.capex.2025"),
        ("more than 1.3 million GPUs", "meta.gpus.end-2025"),
        ("$500 billion", "stargate.investment"),
        ("four years", "stargate.investment-horizon"),
    ];
    let claims = got["claims"].as_array().unwrap();
    for (text, figure) in supported {
        let c = claims
            .iter()
            .find(|c| c["text"] == text)
            .unwrap_or_else(|| panic!("claim {text} found"));
        assert_eq!(c["verdict"], "supported", "{text}");
        assert_eq!(c["figure"], figure, "{text}");
    }
    for text in [
        "multi-billion dollar",
        "tens of thousands of chips",
        "tens of billions",
        "billions",
    ] {
        let c = claims
            .iter()
            .find(|c| c["text"] == text)
            .unwrap_or_else(|| panic!("claim {text} found"));
        assert_eq!(c["verdict"], "unverified", "{text}");
    }
    assert_eq!(claims.len(), 14);
    assert_eq!(got["summary"]["contradicted"], 0);
}
