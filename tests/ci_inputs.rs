//! Inputs as a CI job gives them: directories, standard input in each format, unreadable files
//! among readable ones, and the generated completions and man page.

mod ci_common;

use ci_common::*;
use predicates::prelude::*;
use predicates::str::contains;
use serde_json::Value;

fn fixture_dataset() -> Vec<String> {
    vec![
        "--no-default-dataset".into(),
        "-d".into(),
        root().join(DATASET).display().to_string(),
    ]
}

#[test]
fn stdin_in_each_format() {
    let markdown = "Acme Robotics reported revenue of `$9 billion` and $1.5 billion.\n";
    let html = "<nav>$9 billion</nav><p>Acme Robotics reported revenue of $1.5&nbsp;billion.</p>";
    for (format, input, column) in [("markdown", markdown, 52), ("html", html, 59)] {
        let (out, code) = stdout_of(
            factcheck()
                .args(fixture_dataset())
                .args(["--stdin-format", format, "--format", "jsonl", "-"])
                .write_stdin(input),
        );
        assert_eq!(code, Some(1), "{format}");
        let lines: Vec<Value> = out
            .lines()
            .map(|l| serde_json::from_str(l).unwrap())
            .collect();
        assert_eq!(lines.len(), 2, "{format}: {out}");
        assert_eq!(lines[0]["path"], "-");
        assert_eq!(lines[0]["span"]["column"], column, "{format}");
        assert_eq!(lines[0]["verdict"], "contradicted");
        assert_eq!(lines[1]["summary"]["claims"], 1);
    }
}

#[test]
fn an_unreadable_file_among_others() {
    let (out, code) = stdout_of(drafts().args([
        "--format",
        "jsonl",
        "fixtures/drafts/notes.txt",
        "no/such/draft.md",
        "fixtures/drafts/html/cobalt.htm",
    ]));
    assert_eq!(code, Some(2));
    let lines: Vec<Value> = out
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let kinds: Vec<String> = lines
        .iter()
        .map(|l| {
            l["path"]
                .as_str()
                .map(str::to_string)
                .or_else(|| l["error"]["path"].as_str().map(|p| format!("error {p}")))
                .unwrap_or_else(|| "summary".into())
        })
        .collect();
    assert_eq!(
        kinds,
        vec![
            "fixtures/drafts/notes.txt",
            "fixtures/drafts/notes.txt",
            "error no/such/draft.md",
            "fixtures/drafts/html/cobalt.htm",
            "fixtures/drafts/html/cobalt.htm",
            "fixtures/drafts/html/cobalt.htm",
            "summary",
        ]
    );
    assert_eq!(
        lines[2]["error"]["message"],
        "cannot read the file: no such file"
    );
    assert_eq!(lines[6]["summary"]["files"], 2);
    drafts()
        .args([
            "--format",
            "json",
            "fixtures/drafts/notes.txt",
            "no/such/draft.md",
        ])
        .assert()
        .code(2)
        .stderr("error: no/such/draft.md: cannot read the file: no such file\n")
        .stdout(contains(r#""path": "no/such/draft.md""#));
}

#[test]
fn directories_honour_gitignore_and_hidden_files() {
    let dir = tempfile::tempdir().unwrap();
    let root_dir = dir.path();
    let write = |p: &str, text: &str| {
        let path = root_dir.join(p);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    };
    let claim = "Acme Robotics reported revenue of $1.2 billion.\n";
    write("drafts/a.md", claim);
    write("drafts/b.html", &format!("<p>{claim}</p>"));
    write("drafts/c.txt", claim);
    write("drafts/d.markdown", claim);
    write("drafts/e.htm", claim);
    write("drafts/skip.rs", claim);
    write("drafts/.secret.md", claim);
    write("drafts/.git-like/x.md", claim);
    write("drafts/tmp/y.md", claim);
    write("drafts/.gitignore", "tmp/\n");
    let (out, code) = stdout_of(
        factcheck()
            .current_dir(root_dir)
            .args(fixture_dataset())
            .args(["--format", "jsonl", "drafts"]),
    );
    assert_eq!(code, Some(0));
    let paths: Vec<String> = out
        .lines()
        .filter_map(|l| {
            let v: Value = serde_json::from_str(l).unwrap();
            v["path"].as_str().map(str::to_string)
        })
        .collect();
    assert_eq!(
        paths,
        vec![
            "drafts/a.md",
            "drafts/b.html",
            "drafts/c.txt",
            "drafts/d.markdown",
            "drafts/e.htm"
        ]
    );
}

#[test]
fn no_progress_bar_when_stderr_is_not_a_terminal() {
    let dir = tempfile::tempdir().unwrap();
    for i in 0..30 {
        std::fs::write(
            dir.path().join(format!("d{i:02}.md")),
            "Acme Robotics had 4,800 employees.\n",
        )
        .unwrap();
    }
    factcheck()
        .args(fixture_dataset())
        .arg(dir.path())
        .assert()
        .code(0)
        .stderr("")
        .stdout(contains("30 files, 30 claims: 30 supported"));
}

#[test]
fn claims_subcommand_reads_markdown_and_streams_jsonl() {
    let (out, code) = stdout_of(factcheck().args([
        "claims",
        "--no-default-dataset",
        "-d",
        DATASET,
        "--format",
        "jsonl",
        "fixtures/drafts/markdown/not-prose.md",
        "fixtures/drafts/markdown/acme.md",
    ]));
    assert_eq!(code, Some(0));
    let first: Value = serde_json::from_str(out.lines().next().unwrap()).unwrap();
    assert_eq!(first["path"], "fixtures/drafts/markdown/acme.md");
    assert_eq!(first["text"], "4,800 employees");
    assert!(first.get("verdict").is_none());
    factcheck()
        .args(["claims", "--format", "sarif", "fixtures/drafts/notes.txt"])
        .assert()
        .code(2)
        .stderr(contains("writes human, json or jsonl"));
}

#[test]
fn completions_and_man_page() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        factcheck()
            .args(["completions", shell])
            .assert()
            .code(0)
            .stdout(contains("factcheck").and(contains("--fail-on")));
    }
    factcheck()
        .arg("man")
        .assert()
        .code(0)
        .stdout(contains(".TH factcheck").and(contains("fail\\-on")));
}
