//! The report stage: one model (`model`), one file per output format.

pub mod github;
pub mod human;
pub mod json_line;
pub mod jsonl;
pub mod model;
pub mod sarif;

use crate::judge::Verdict;
use model::{ClaimReport, Report};
use std::io::{self, Write};

/// Output formats of a check (cli.md).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    Human,
    Json,
    Jsonl,
    Sarif,
    Github,
}

/// The lowest verdict that fails a run (cli.md `--fail-on`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FailOn {
    Contradicted,
    Unverified,
    Never,
}

impl FailOn {
    /// Whether a claim with this verdict fails the run. Suppressed claims never do.
    pub fn fails(&self, claim: &ClaimReport) -> bool {
        if claim.suppressed.is_some() {
            return false;
        }
        match (self, claim.verdict()) {
            (FailOn::Never, _) | (_, None) => false,
            (FailOn::Contradicted, Some(v)) => v == Verdict::Contradicted,
            (FailOn::Unverified, Some(v)) => v != Verdict::Supported,
        }
    }
}

/// `--format json`: the whole report as one document.
pub fn write_json(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}
