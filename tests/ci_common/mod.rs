//! Helpers shared by the `ci_*` tests: running the built binary from the crate root, and
//! comparing against expected files that `FACTCHECK_BLESS=1 cargo test` rewrites.
#![allow(dead_code)]

use assert_cmd::Command;
use std::path::{Path, PathBuf};

/// The config of the draft fixtures: the fixture dataset only, `archive/` left out.
pub const CONFIG: &str = "fixtures/drafts/factcheck.toml";
pub const DRAFTS: &str = "fixtures/drafts";
pub const DATASET: &str = "fixtures/drafts/dataset.json";

pub fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The binary, run from the crate root with no colour and no inherited CI settings.
pub fn factcheck() -> Command {
    let mut cmd = Command::cargo_bin("factcheck").expect("binary built");
    cmd.current_dir(root()).env("NO_COLOR", "1");
    cmd
}

/// The binary with the draft fixtures' config.
pub fn drafts() -> Command {
    let mut cmd = factcheck();
    cmd.args(["--config", CONFIG]);
    cmd
}

pub fn stdout_of(cmd: &mut Command) -> (String, Option<i32>) {
    let out = cmd.output().expect("the binary runs");
    (
        String::from_utf8(out.stdout).expect("stdout is UTF-8"),
        out.status.code(),
    )
}

pub fn blessing() -> bool {
    std::env::var_os("FACTCHECK_BLESS").is_some()
}

/// Asserts `actual` equals the file at `relative` (from the crate root), or rewrites the file
/// when blessing.
pub fn assert_expected(relative: &str, actual: &str) {
    let path: PathBuf = root().join(relative);
    if blessing() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| {
        panic!("cannot read {relative}: {e} (run with FACTCHECK_BLESS=1 to create it)")
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{relative} differs from the output, first at line {}:\nexpected: {:?}\nactual:   {:?}\n\
             (run with FACTCHECK_BLESS=1 to accept the new output)",
            first + 1,
            expected.lines().nth(first),
            actual.lines().nth(first)
        );
    }
}

/// Every file under `dir` whose name ends with `suffix`, sorted.
pub fn files_ending(dir: &str, suffix: &str) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![root().join(dir)];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else if path.to_string_lossy().ends_with(suffix) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

/// A path relative to the crate root, with `/`.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root())
        .unwrap_or(path)
        .to_string_lossy()
        .replace('\\', "/")
}
