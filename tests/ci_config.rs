//! `factcheck.toml`: found upward from the working directory or given with `--config`; unknown
//! keys are errors naming file and line:column; a flag on the command line wins over the file.

mod ci_common;

use ci_common::*;
use predicates::str::contains;
use serde_json::Value;
use std::path::Path;

fn in_dir(dir: &Path) -> assert_cmd::Command {
    let mut cmd = factcheck();
    cmd.current_dir(dir);
    cmd
}

/// A repository of drafts in a temporary directory, with a config holding `config`.
fn repo(config: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    std::fs::create_dir_all(root.join("drafts/archive")).unwrap();
    std::fs::create_dir_all(root.join("data")).unwrap();
    std::fs::copy(
        ci_common::root().join(DATASET),
        root.join("data/figures.json"),
    )
    .unwrap();
    std::fs::write(
        root.join("drafts/acme.md"),
        "Acme Robotics reported revenue of $1.5 billion.\n",
    )
    .unwrap();
    std::fs::write(
        root.join("drafts/archive/old.md"),
        "Acme Robotics reported revenue of $9 billion.\n",
    )
    .unwrap();
    std::fs::write(root.join("factcheck.toml"), config).unwrap();
    dir
}

const FULL: &str = "datasets = [\"data/figures.json\"]\nno_default_dataset = true\n\
                    fail_on = \"never\"\nformat = \"github\"\nignore = [\"archive/\"]\n";

#[test]
fn found_upward_with_paths_relative_to_it() {
    let dir = repo(FULL);
    let (out, code) = stdout_of(in_dir(&dir.path().join("drafts")).arg("."));
    // format = github, fail_on = never, archive/ ignored, the dataset found from drafts/.
    assert_eq!(code, Some(0));
    assert_eq!(out.lines().count(), 1, "{out}");
    assert!(
        out.starts_with("::error file=./acme.md,line=1,col=35,"),
        "{out}"
    );
}

#[test]
fn flags_win_over_the_file() {
    let dir = repo(FULL);
    let (out, code) = stdout_of(in_dir(dir.path()).args([
        "--format",
        "json",
        "--fail-on",
        "contradicted",
        "drafts",
    ]));
    assert_eq!(code, Some(1));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["datasets"][0]["location"], "data/figures.json");
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    // -d replaces the file's datasets: the built-in dataset alone knows no Acme.
    let (out, _) = stdout_of(in_dir(dir.path()).args([
        "-d",
        ci_common::root().join(DATASET).to_str().unwrap(),
        "--format",
        "json",
        "drafts/acme.md",
    ]));
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["datasets"].as_array().unwrap().len(), 1);
    assert_eq!(report["datasets"][0]["name"], "newsroom-fixture");
}

#[test]
fn an_explicit_config_path() {
    let dir = repo("fail_on = \"unverified\"\n");
    std::fs::write(dir.path().join("strict.toml"), FULL).unwrap();
    let (out, code) = stdout_of(in_dir(&dir.path().join("drafts")).args([
        "--config",
        "../strict.toml",
        "acme.md",
    ]));
    assert_eq!(code, Some(0));
    assert!(out.starts_with("::error file=acme.md,"), "{out}");
}

#[test]
fn unknown_keys_are_errors_with_line_and_column() {
    let dir = repo("format = \"json\"\nfail-on = \"never\"\n");
    in_dir(dir.path())
        .arg("drafts")
        .assert()
        .code(2)
        .stdout("")
        .stderr(contains(
            "error: factcheck.toml:2:1: unknown field `fail-on`, expected one of",
        ));
}

#[test]
fn bad_values_and_globs_are_errors_with_line_and_column() {
    let dir = repo("datasets = []\nformat = \"yaml\"\n");
    in_dir(dir.path())
        .arg("drafts")
        .assert()
        .code(2)
        .stderr(contains(
            "error: factcheck.toml:2:10: unknown variant `yaml`",
        ));
    let dir = repo("ignore = [\n  \"archive/\",\n  \"a{b\",\n]\n");
    in_dir(dir.path())
        .arg("drafts")
        .assert()
        .code(2)
        .stderr(contains("error: factcheck.toml:3:3: invalid glob 'a{b'"));
    let dir = repo("");
    in_dir(dir.path())
        .args(["--config", "nope.toml", "drafts"])
        .assert()
        .code(2)
        .stderr(contains(
            "error: nope.toml: cannot read the config file: no such file",
        ));
}

#[test]
fn the_draft_fixtures_config_is_found_from_inside_the_tree() {
    let (out, code) = stdout_of(
        factcheck()
            .current_dir(ci_common::root().join("fixtures/drafts/markdown"))
            .args(["--format", "jsonl", "acme.md"]),
    );
    assert_eq!(code, Some(1));
    let summary: Value = serde_json::from_str(out.lines().last().unwrap()).unwrap();
    assert_eq!(summary["summary"]["contradicted"], 1);
}
