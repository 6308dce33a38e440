//! `--format github`: workflow commands as the Actions runner parses them.

mod ci_common;

use ci_common::*;

fn github_in(dir: &std::path::Path, args: &[&str]) -> (String, Option<i32>) {
    stdout_of(
        factcheck()
            .current_dir(dir)
            .args(["--no-default-dataset", "-d"])
            .arg(root().join(DATASET))
            .args(["--format", "github"])
            .args(args),
    )
}

/// A file name with `,` and `:` (escaped in the `file` property) and a message with `,` `:` `%`
/// and a newline (escaped as data).
#[test]
fn properties_and_message_are_escaped() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("q3,final: 100%.md"),
        "Acme Robotics reported revenue of $1.5 billion.\n",
    )
    .unwrap();
    let (out, code) = github_in(dir.path(), &["q3,final: 100%.md"]);
    assert_eq!(code, Some(1));
    assert_eq!(
        out,
        "::error file=q3%2Cfinal%3A 100%25.md,line=1,col=35,endColumn=47,title=contradicted::\
         \"$1.5 billion\": Acme Robotics 2024 revenue is $1.2 billion (off by +25.0%25)%0A\
         source: Acme Robotics, Annual Report: 2024, https://example.com/acme/annual-report-2024\n"
    );
}

#[test]
fn a_claim_across_lines_has_no_columns() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("wrap.md"),
        "Acme Robotics reported revenue of $1.5\nbillion for the year.\n",
    )
    .unwrap();
    let (out, _) = github_in(dir.path(), &["wrap.md"]);
    assert!(
        out.starts_with(
            "::error file=wrap.md,line=1,endLine=2,title=contradicted::\"$1.5%0Abillion\": "
        ),
        "{out}"
    );
}

#[test]
fn levels_per_verdict_and_nothing_for_supported_or_suppressed() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("d.md"),
        "Acme Robotics had 4,800 employees.\n\
         Borealis Power secured $2.7 billion in funding.\n\
         Acme Robotics has 30 offices.\n\
         Acme Robotics reported revenue of $1.5 billion. <!-- factcheck: ignore -->\n",
    )
    .unwrap();
    let (out, code) = github_in(dir.path(), &["d.md"]);
    assert_eq!(code, Some(0), "{out}");
    let heads: Vec<&str> = out.lines().map(|l| l.split("::").nth(1).unwrap()).collect();
    assert_eq!(
        heads,
        vec![
            "warning file=d.md,line=2,col=24,endColumn=36,title=ambiguous",
            "notice file=d.md,line=3,col=19,endColumn=29,title=unverified",
        ]
    );
}

#[test]
fn an_unreadable_file_is_an_error_annotation() {
    let dir = tempfile::tempdir().unwrap();
    let (out, code) = github_in(dir.path(), &["missing, really.md"]);
    assert_eq!(code, Some(2));
    assert_eq!(
        out,
        "::error file=missing%2C really.md,title=unreadable::cannot read the file: no such file\n"
    );
}
