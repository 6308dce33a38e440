//! The command line as a newsroom uses it: exit codes, error messages, human output.

use assert_cmd::Command;
use predicates::prelude::*;
use predicates::str::contains;

fn factcheck() -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("binary built");
    cmd.current_dir(env!("CARGO_MANIFEST_DIR"))
        .env_remove("NO_COLOR");
    cmd
}

const SEED: &str = "fixtures/articles/deepseek.txt";

#[test]
fn seed_article_human_report() {
    factcheck()
        .arg(SEED)
        .assert()
        .code(0)
        .stdout(contains("ok[supported]: DeepSeek-V3 training cost"))
        .stdout(contains("fixtures/articles/deepseek.txt:11:103"))
        .stdout(contains("https://arxiv.org/abs/2412.19437"))
        .stdout(contains("article: just under 2,050 GPU"))
        .stdout(contains(
            "14 claims: 10 supported, 0 contradicted, 4 unverified",
        ))
        // Not a terminal: no colour.
        .stdout(contains("\u{1b}[").not());
}

#[test]
fn contradiction_shows_figure_source_and_difference() {
    factcheck()
        .arg("fixtures/articles/doctored-training-cost.txt")
        .assert()
        .code(1)
        .stdout(contains("error[contradicted]: DeepSeek-V3 training cost"))
        .stdout(contains("article: $6.5 million"))
        .stdout(contains(
            "figure: $5.576 million (DeepSeek-V3 Technical Report",
        ))
        .stdout(contains("off by: +16.6%"))
        .stdout(contains("1 contradicted"));
}

#[test]
fn quiet_prints_only_failing_findings() {
    let out = factcheck()
        .args(["--quiet", "fixtures/articles/doctored-training-cost.txt"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert_eq!(text.matches("[contradicted]").count(), 1);
    assert!(!text.contains("[supported]"));
    assert!(!text.contains("[unverified]"));
}

#[test]
fn fail_on_levels() {
    factcheck()
        .args(["--fail-on", "unverified", SEED])
        .assert()
        .code(1);
    factcheck()
        .args([
            "--fail-on",
            "never",
            "fixtures/articles/doctored-stargate.txt",
        ])
        .assert()
        .code(0);
    factcheck()
        .args(["--fail-on", "contradicted", SEED])
        .assert()
        .code(0);
}

#[test]
fn color_always_and_no_color() {
    factcheck()
        .args(["--color", "always", SEED])
        .assert()
        .code(0)
        .stdout(contains("\u{1b}["));
    factcheck()
        .env("NO_COLOR", "1")
        .args(["--color", "auto", SEED])
        .assert()
        .code(0)
        .stdout(contains("\u{1b}[").not());
}

#[test]
fn missing_input_is_named_and_others_still_checked() {
    let assert = factcheck()
        .args(["--format", "json", "no/such/draft.txt", SEED])
        .assert()
        .code(2)
        .stderr(contains("no/such/draft.txt"))
        .stderr(contains("no such file"));
    let report: serde_json::Value = serde_json::from_slice(&assert.get_output().stdout).unwrap();
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(report["files"][0]["path"], SEED);
    assert_eq!(report["errors"][0]["path"], "no/such/draft.txt");
}

#[test]
fn misspelt_dataset_field_is_exit_2_with_file_line_and_field() {
    factcheck()
        .args([
            "--dataset",
            "fixtures/datasets/invalid/misspelt-field.json",
            SEED,
        ])
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "fixtures/datasets/invalid/misspelt-field.json:9:7",
        ))
        .stderr(contains("'vaule'"))
        .stderr(contains("did you mean 'value'"));
}

#[test]
fn dataset_validate_reports_every_problem() {
    factcheck()
        .args(["dataset", "validate", "fixtures/datasets/ai-industry.json"])
        .assert()
        .code(0)
        .stdout(contains("ok, 122 figures"));
    let out = factcheck()
        .args([
            "dataset",
            "validate",
            "fixtures/datasets/invalid/several-errors.json",
        ])
        .assert()
        .code(2)
        .get_output()
        .stderr
        .clone();
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.lines()
            .filter(|l| l.starts_with("error: fixtures/datasets/invalid/several-errors.json:"))
            .count()
            >= 3,
        "{text}"
    );
}

#[test]
fn duplicate_ids_across_datasets_name_both_files() {
    factcheck()
        .args(["--dataset", "fixtures/datasets/ai-industry.json", SEED])
        .assert()
        .code(2)
        .stderr(contains("<built-in>"))
        .stderr(contains("fixtures/datasets/ai-industry.json"));
}

#[test]
fn stdin_and_date_flag() {
    let text = "DeepSeek said its V3 model cost $5.6 million to train.\n";
    factcheck()
        .args(["--format", "json", "--date", "2025-02-01", "-"])
        .write_stdin(text)
        .assert()
        .code(0)
        .stdout(contains("\"article_date\": \"2025-02-01\""))
        .stdout(contains("\"path\": \"-\""));
    factcheck()
        .args(["--date", "2025-13-01", "-"])
        .write_stdin(text)
        .assert()
        .code(2)
        .stderr(contains("YYYY-MM-DD"));
}

#[test]
fn no_default_dataset_leaves_everything_unverified() {
    factcheck()
        .args(["--no-default-dataset", "--fail-on", "unverified", SEED])
        .assert()
        .code(1)
        .stdout(contains("14 claims: 0 contradicted, 14 unverified"));
}

#[test]
fn claims_subcommand_needs_no_dataset_and_a_file_named_claims_is_reachable() {
    factcheck()
        .args(["claims", "--format", "json", SEED])
        .assert()
        .code(0)
        .stdout(contains("\"number_text\": \"2,050\""))
        .stdout(contains("\"verdict\"").not());
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("claims");
    std::fs::write(&path, "Nvidia stock plunged 17% on Monday.\n").unwrap();
    factcheck()
        .current_dir(dir.path())
        .args(["./claims"])
        .assert()
        .code(0)
        .stdout(contains("1 claim"));
}

#[test]
fn usage_errors_are_exit_2() {
    factcheck().assert().code(2);
    factcheck()
        .args(["--format", "yaml", SEED])
        .assert()
        .code(2);
}
