//! The draft fixtures (`fixtures/drafts/`): Markdown, HTML and text drafts with numbers inside
//! code, URLs, comments, front matter, navigation and scripts, checked against the fixture
//! dataset. Each draft's exact claims, spans, verdicts and suppressions are in
//! `<draft>.expected.json` beside it; the whole tree's output in each format is in
//! `fixtures/drafts/expected/`. A new case is a new file: `FACTCHECK_BLESS=1 cargo test --test
//! ci_drafts` writes the expected files, to be read and committed.

mod ci_common;

use ci_common::*;
use serde_json::{Value, json};

/// The part of a file's JSON report a draft's expected file pins down.
fn projection(file: &Value) -> Value {
    let claims: Vec<Value> = file["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let s = &c["span"];
            let mut p = json!({
                "text": c["text"],
                "at": format!("{}:{}-{}:{}", s["line"], s["column"], s["end_line"], s["end_column"]),
                "bytes": [s["start"], s["end"]],
                "verdict": c["verdict"],
                "figure": c["figure"]["id"],
            });
            if c["candidates"].as_array().is_some_and(|a| !a.is_empty()) {
                p["candidates"] = c["candidates"].clone();
            }
            if !c["suppressed"].is_null() {
                p["suppressed"] = c["suppressed"]["reason"].clone();
            }
            p
        })
        .collect();
    json!({
        "path": file["path"],
        "article_date": file["article_date"],
        "claims": claims,
        "summary": file["summary"],
    })
}

/// The projection as JSON with one claim a line, so a diff shows which claim changed.
fn layout(p: &Value) -> String {
    let compact = |v: &Value| serde_json::to_string(v).unwrap();
    let claims: Vec<String> = p["claims"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("    {}", compact(c)))
        .collect();
    let claims = if claims.is_empty() {
        "[]".to_string()
    } else {
        format!("[\n{}\n  ]", claims.join(",\n"))
    };
    format!(
        "{{\n  \"path\": {},\n  \"article_date\": {},\n  \"claims\": {claims},\n  \"summary\": {}\n}}\n",
        compact(&p["path"]),
        compact(&p["article_date"]),
        compact(&p["summary"])
    )
}

fn json_report(cmd: &mut assert_cmd::Command) -> Value {
    let (out, _) = stdout_of(cmd);
    serde_json::from_str(&out).unwrap_or_else(|e| panic!("not JSON ({e}):\n{out}"))
}

/// The exit code a summary implies at each `--fail-on` level.
fn expected_code(summary: &Value, fail_on: &str) -> i32 {
    let n = |k: &str| summary[k].as_u64().unwrap();
    let failed = match fail_on {
        "contradicted" => n("contradicted") > 0,
        "unverified" => n("contradicted") + n("ambiguous") + n("unverified") > 0,
        _ => false,
    };
    i32::from(failed)
}

const FORMATS: [&str; 5] = ["human", "json", "jsonl", "sarif", "github"];
const FAIL_ON: [&str; 3] = ["contradicted", "unverified", "never"];

#[test]
fn each_draft_reads_as_expected() {
    let cases = files_ending(DRAFTS, ".expected.json");
    assert!(cases.len() >= 4, "draft cases: {cases:?}");
    for expected in cases {
        let expected_rel = relative(&expected);
        let draft = expected_rel.trim_end_matches(".expected.json").to_string();
        let report = json_report(drafts().args(["--format", "json", &draft]));
        let file = &report["files"][0];
        assert_eq!(file["path"], draft.as_str());
        let actual = layout(&projection(file));
        assert_expected(&expected_rel, &actual);
    }
}

#[test]
fn exit_codes_for_each_format_and_fail_on_level() {
    for expected in files_ending(DRAFTS, ".expected.json") {
        let expected_rel = relative(&expected);
        let draft = expected_rel.trim_end_matches(".expected.json");
        let pinned: Value =
            serde_json::from_str(&std::fs::read_to_string(&expected).unwrap()).unwrap();
        for fail_on in FAIL_ON {
            let code = expected_code(&pinned["summary"], fail_on);
            for format in FORMATS {
                drafts()
                    .args(["--format", format, "--fail-on", fail_on, draft])
                    .assert()
                    .code(code);
            }
        }
    }
}

#[test]
fn the_tree_in_every_format() {
    for (format, ext) in [
        ("human", "human"),
        ("json", "json"),
        ("jsonl", "jsonl"),
        ("sarif", "sarif"),
        ("github", "github"),
    ] {
        let (out, code) = stdout_of(drafts().args(["--format", format, DRAFTS]));
        assert_eq!(code, Some(1), "{format}");
        assert_expected(&format!("{DRAFTS}/expected/tree.{ext}"), &out);
    }
}

#[test]
fn the_tree_at_each_fail_on_level() {
    for (fail_on, code) in [("contradicted", 1), ("unverified", 1), ("never", 0)] {
        drafts()
            .args(["--fail-on", fail_on, "--format", "github", DRAFTS])
            .assert()
            .code(code);
    }
}

#[test]
fn the_walk_skips_hidden_ignored_and_foreign_files_in_name_order() {
    let report = json_report(drafts().args(["--format", "json", DRAFTS]));
    let paths: Vec<&str> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["path"].as_str().unwrap())
        .collect();
    assert_eq!(
        paths,
        vec![
            "fixtures/drafts/html/borealis.html",
            "fixtures/drafts/html/cobalt.htm",
            "fixtures/drafts/html/not-prose.html",
            "fixtures/drafts/markdown/acme.md",
            "fixtures/drafts/markdown/not-prose.md",
            "fixtures/drafts/notes.txt",
        ]
    );
    // Named on the command line, a hidden file is read; an ignored one is not.
    let report = json_report(drafts().args([
        "--format",
        "json",
        "fixtures/drafts/.hidden.md",
        "fixtures/drafts/archive/old.md",
    ]));
    assert_eq!(report["files"].as_array().unwrap().len(), 1);
    assert_eq!(report["files"][0]["path"], "fixtures/drafts/.hidden.md");
}

#[test]
fn one_thread_or_many_give_the_same_output() {
    let (one, _) = stdout_of(drafts().args(["--threads", "1", "--format", "jsonl", DRAFTS]));
    let (four, _) = stdout_of(drafts().args(["--threads", "4", "--format", "jsonl", DRAFTS]));
    assert_eq!(one, four);
}

/// Each suppression form, in each comment syntax, with its reason carried into the report.
#[test]
fn suppression_forms_carry_their_reason() {
    let report = json_report(drafts().args(["--format", "json", DRAFTS]));
    let mut got = Vec::new();
    for file in report["files"].as_array().unwrap() {
        for c in file["claims"].as_array().unwrap() {
            if !c["suppressed"].is_null() {
                got.push(format!(
                    "{}:{} {} — {}",
                    file["path"].as_str().unwrap(),
                    c["span"]["line"],
                    c["text"].as_str().unwrap(),
                    c["suppressed"]["reason"].as_str().unwrap()
                ));
            }
        }
    }
    assert_eq!(
        got,
        vec![
            // <!-- factcheck: ignore -- reason --> on the claim's line, before </p>
            "fixtures/drafts/html/borealis.html:19 2 GW — peak output is not capacity",
            // <!-- factcheck: ignore-next-line --> with no reason
            "fixtures/drafts/html/borealis.html:21 $3 billion — ",
            // Markdown: an inline HTML comment after a list item
            "fixtures/drafts/markdown/acme.md:32 $1.9 billion — the subsidiary's figure, not the group's",
            // Markdown: an HTML comment block on the line before
            "fixtures/drafts/markdown/acme.md:36 $2 billion — quoting the rival's claim verbatim",
            // Plain text: any comment syntax
            "fixtures/drafts/notes.txt:3 4,800 employees — checked by phone",
        ]
    );
    // Suppressed claims are not annotated: no annotation points at their lines.
    let (github, _) = stdout_of(drafts().args(["--format", "github", DRAFTS]));
    let annotated: Vec<String> = github
        .lines()
        .map(|l| {
            let props = l.split("::").nth(1).unwrap();
            let file = props
                .split("file=")
                .nth(1)
                .unwrap()
                .split(',')
                .next()
                .unwrap();
            let line = props
                .split("line=")
                .nth(1)
                .unwrap()
                .split(',')
                .next()
                .unwrap();
            format!("{file}:{line} ")
        })
        .collect();
    for suppressed in &got {
        assert!(
            !annotated.iter().any(|a| suppressed.starts_with(a.as_str())),
            "{suppressed} is annotated:\n{github}"
        );
    }
}

#[test]
fn markdown_front_matter_and_html_meta_give_the_date() {
    let report = json_report(drafts().args(["--format", "json", DRAFTS]));
    let dates: Vec<&Value> = report["files"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| &f["article_date"])
        .collect();
    assert_eq!(
        dates,
        vec![
            // <meta property="article:published_time">
            &json!("2025-02-20"),
            &Value::Null,
            // JSON-LD datePublished
            &json!("2025-05-06"),
            // front matter
            &json!("2025-03-14"),
            &json!("2025-04-01"),
            // a first line `date 2025-01-10`
            &json!("2025-01-10")
        ]
    );
    // --date wins over front matter.
    let report = json_report(drafts().args([
        "--format",
        "json",
        "--date",
        "2024-12-31",
        "fixtures/drafts/markdown/acme.md",
    ]));
    assert_eq!(report["files"][0]["article_date"], "2024-12-31");
}
