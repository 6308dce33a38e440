//! `--format human`: rustc-style annotated snippets and one summary line.

use super::FailOn;
use super::model::{ClaimReport, FileReport, Summary};
use crate::check::stated;
use crate::judge::Verdict;
use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};
use std::io::{self, Write};

pub struct HumanOptions {
    pub quiet: bool,
    pub verbose: bool,
    pub fail_on: FailOn,
    /// `factcheck claims`: no verdicts to show.
    pub claims_only: bool,
}

/// Renders one file's claims.
pub fn write_file(
    out: &mut dyn Write,
    file: &FileReport,
    options: &HumanOptions,
) -> io::Result<()> {
    for claim in &file.claims {
        write_claim(out, &file.path, claim, options)?;
    }
    Ok(())
}

/// Renders one claim of the file at `path` (nothing for a claim `--quiet` hides).
pub fn write_claim(
    out: &mut dyn Write,
    path: &str,
    claim: &ClaimReport,
    options: &HumanOptions,
) -> io::Result<()> {
    if options.quiet && !options.fail_on.fails(claim) {
        return Ok(());
    }
    let rendered = render_claim(&Renderer::styled(), path, claim, options);
    writeln!(out, "{rendered}")?;
    writeln!(out)
}

fn render_claim(
    renderer: &Renderer,
    path: &str,
    claim: &ClaimReport,
    options: &HumanOptions,
) -> String {
    let verdict = claim.verdict();
    let (level, id) = match (verdict, claim.suppressed.is_some()) {
        (_, true) => (Level::NOTE.with_name("suppressed"), "suppressed"),
        (Some(Verdict::Contradicted), _) => (Level::ERROR, "contradicted"),
        (Some(Verdict::Ambiguous), _) => (Level::WARNING, "ambiguous"),
        (Some(Verdict::Unverified), _) => (Level::NOTE, "unverified"),
        (Some(Verdict::Supported), _) => (Level::HELP.with_name("ok"), "supported"),
        (None, _) => (Level::INFO.with_name("claim"), "claim"),
    };
    let figure = claim.judgement.as_ref().and_then(|j| j.figure.as_ref());
    let title = match figure {
        Some(f) => format!("{} {}", f.entity, f.metric),
        None => claim.text.to_string(),
    };
    // The annotation is relative to the line; a claim crossing a line break is cut at its end.
    let line_start = claim.span.start - char_prefix_bytes(&claim.line_text, claim.span.column);
    let start = claim.span.start - line_start;
    let end = (claim.span.end - line_start).min(claim.line_text.len());
    let label = if options.claims_only {
        format!("{} {}", super::model::kind_name(claim.kind), claim.unit)
    } else {
        format!("article: {}", stated(claim))
    };
    let snippet = Snippet::source(&*claim.line_text)
        .line_start(claim.span.line)
        .path(path)
        .annotation(
            AnnotationKind::Primary
                .span(start..end.max(start))
                .label(label),
        );
    let mut group: Group = level.primary_title(title).id(id).element(snippet);
    let mut notes: Vec<(String, String)> = Vec::new();
    if let Some(j) = &claim.judgement {
        if let Some(f) = &j.figure {
            notes.push((
                "figure".into(),
                format!(
                    "{} ({}, {})",
                    f.display_value(),
                    f.source.title,
                    f.source.url
                ),
            ));
            let opposite = claim.direction.is_some()
                && f.direction.is_some()
                && claim.direction != f.direction;
            if j.verdict == Verdict::Contradicted && opposite {
                notes.push((
                    "direction".into(),
                    "the article and the figure disagree on the direction of the change".into(),
                ));
            } else if let Some(d) = j.deviation_pct
                && j.verdict == Verdict::Contradicted
            {
                notes.push(("off by".into(), format!("{d:+.1}%")));
            }
        }
        if !j.candidates.is_empty() {
            notes.push(("candidates".into(), j.candidates.join(", ")));
        }
        if j.figure.is_none() || options.verbose {
            notes.push(("why".into(), j.reason.clone()));
        }
    }
    if let Some(a) = &claim.attribution {
        notes.push(("attributed".into(), a.to_string()));
    }
    if let Some(s) = &claim.suppressed
        && !s.reason.is_empty()
    {
        notes.push(("suppressed".into(), s.reason.clone()));
    }
    for (name, text) in notes {
        group = group.element(Level::NOTE.with_name(name).message(text));
    }
    renderer.render(&[group])
}

/// Bytes taken by the first `column - 1` characters of the line.
fn char_prefix_bytes(line: &str, column: usize) -> usize {
    line.char_indices()
        .nth(column.saturating_sub(1))
        .map_or(line.len(), |(i, _)| i)
}

/// The closing line: "14 claims: 10 supported, 4 unverified".
pub fn summary_line(summary: &Summary, files: usize, claims_only: bool) -> String {
    let mut parts = Vec::new();
    if !claims_only {
        for (n, name) in [
            (summary.supported, "supported"),
            (summary.contradicted, "contradicted"),
            (summary.ambiguous, "ambiguous"),
            (summary.unverified, "unverified"),
            (summary.suppressed, "suppressed"),
        ] {
            if n > 0 || name == "contradicted" {
                parts.push(format!("{n} {name}"));
            }
        }
    }
    let claims = format!(
        "{} claim{}",
        summary.claims,
        if summary.claims == 1 { "" } else { "s" }
    );
    let head = if files > 1 {
        format!("{files} files, {claims}")
    } else {
        claims
    };
    if parts.is_empty() {
        head
    } else {
        format!("{head}: {}", parts.join(", "))
    }
}
