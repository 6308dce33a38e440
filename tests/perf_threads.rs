//! Parallel and streamed runs give the same report as a sequential one: `--threads N` over a
//! directory keeps input order (human, jsonl, github), and a long input (checked block by
//! block, its lines written as they are made) has the claims of the whole-document json report.

use assert_cmd::Command;
use factcheck::synth::Corpus;
use serde_json::Value;

fn run(args: &[&str]) -> String {
    let out = Command::cargo_bin("factcheck")
        .unwrap()
        .args(args)
        .output()
        .unwrap();
    assert!(
        matches!(out.status.code(), Some(0 | 1)),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn threads_and_streaming_give_the_same_report() {
    let dir = tempfile::tempdir().unwrap();
    let mut corpus = Corpus::builtin(21);
    for i in 0..40 {
        let size = if i % 7 == 0 { 6_000 } else { 1_500 };
        std::fs::write(
            dir.path().join(format!("a{i:02}.txt")),
            corpus.article(size),
        )
        .unwrap();
    }
    // Long enough to be streamed in jsonl and read in blocks.
    std::fs::write(dir.path().join("b-long.txt"), corpus.text(1_200_000, 3_000)).unwrap();
    let d = dir.path().display().to_string();

    let one = run(&["--format", "jsonl", "--threads", "1", &d]);
    for threads in ["2", "3"] {
        let many = run(&["--format", "jsonl", "--threads", threads, &d]);
        assert!(one == many, "--threads {threads} changed the jsonl report");
    }
    for format in ["human", "github"] {
        let one = run(&["--format", format, "--color", "never", "--threads", "1", &d]);
        let two = run(&["--format", format, "--color", "never", "--threads", "2", &d]);
        assert!(one == two, "--threads 2 changed the {format} report");
        assert!(
            one.contains("b-long.txt"),
            "{format}: no finding in the long input"
        );
    }

    // The jsonl lines are the json report's claims, each with its path first, in input order.
    let json: Value =
        serde_json::from_str(&run(&["--format", "json", "--threads", "2", &d])).unwrap();
    let mut expected = Vec::new();
    for file in json["files"].as_array().unwrap() {
        for claim in file["claims"].as_array().unwrap() {
            let mut line = serde_json::Map::new();
            line.insert("path".into(), file["path"].clone());
            line.extend(claim.as_object().unwrap().clone());
            expected.push(Value::Object(line));
        }
    }
    let lines: Vec<Value> = one
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let (summary, claims) = lines.split_last().unwrap();
    assert_eq!(claims.len(), expected.len());
    assert!(
        claims == expected.as_slice(),
        "jsonl and json claims differ"
    );
    assert_eq!(summary["summary"], json["summary"]);
    let long = claims
        .iter()
        .filter(|c| c["path"].as_str().unwrap().ends_with("b-long.txt"))
        .count();
    assert!(long > 3_000, "{long} claims in the long input");
}
