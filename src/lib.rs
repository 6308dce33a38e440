//! factcheck: finds the numeric claims in news prose, links each to a cited figure, and judges it.
//!
//! The pipeline reads top to bottom, one module per stage:
//! input → document → reader (claims) → link → judge (verdicts) → report.

pub mod check;
pub mod cli;
pub mod config;
pub mod dataset;
pub mod document;
pub mod input;
pub mod judge;
pub mod link;
pub mod net;
pub mod reader;
pub mod report;
pub mod synth;
