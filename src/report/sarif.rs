//! `--format sarif`: SARIF 2.1.0, one run, `tool.driver.name` = `factcheck`, one rule per
//! verdict (`contradicted` → `error`, `ambiguous` → `warning`, `unverified` → `note`); supported
//! and suppressed claims are not results. Regions give `startLine`/`startColumn`/`endLine`/
//! `endColumn` (end exclusive) with the run's `columnKind` = `unicodeCodePoints`. Inputs that
//! could not be read are tool execution notifications, and make `executionSuccessful` false.

use super::model::{ClaimReport, Report};
use crate::judge::Verdict;
use serde_json::{Value, json};
use std::io::{self, Write};

pub const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";

/// The rules, in `ruleIndex` order: (id, level, short description, full description).
const RULES: [(&str, &str, &str, &str); 3] = [
    (
        "contradicted",
        "error",
        "A number contradicts the cited figure it refers to.",
        "The claim was linked to a figure of the dataset and its stated value, read with its \
         rounding and hedge, does not agree with the figure.",
    ),
    (
        "ambiguous",
        "warning",
        "Several cited figures fit this number equally well.",
        "The claim could refer to more than one figure of the dataset; the report lists the \
         candidates. Make the sentence or the dataset more specific.",
    ),
    (
        "unverified",
        "note",
        "No cited figure to check this number against.",
        "No figure of the dataset fits the claim; the report's reason says why, so the dataset \
         can be extended or the prose clarified.",
    ),
];

/// `--format sarif`: the whole report as one SARIF log.
pub fn write_sarif(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, &to_sarif(report))?;
    writeln!(out)
}

/// The SARIF log of a report.
pub fn to_sarif(report: &Report) -> Value {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|(id, level, short, full)| {
            json!({
                "id": id,
                "name": capitalize(id),
                "shortDescription": {"text": short},
                "fullDescription": {"text": full},
                "defaultConfiguration": {"level": level},
            })
        })
        .collect();
    let results: Vec<Value> = report
        .files
        .iter()
        .flat_map(|f| f.claims.iter().filter_map(|c| result(&f.path, c)))
        .collect();
    let notifications: Vec<Value> = report
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": {"text": format!("{}: {}", e.path, e.message)},
                "locations": [{"physicalLocation": {"artifactLocation": {"uri": uri(&e.path)}}}],
            })
        })
        .collect();
    json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": report.tool.name,
                "version": report.tool.version,
                "rules": rules,
            }},
            "columnKind": "unicodeCodePoints",
            "invocations": [{
                "executionSuccessful": report.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "results": results,
        }],
    })
}

fn result(path: &str, claim: &ClaimReport) -> Option<Value> {
    if claim.suppressed.is_some() {
        return None;
    }
    let judgement = claim.judgement.as_ref()?;
    let index = match judgement.verdict {
        Verdict::Contradicted => 0,
        Verdict::Ambiguous => 1,
        Verdict::Unverified => 2,
        Verdict::Supported => return None,
    };
    let (id, level, _, _) = RULES[index];
    let text = super::github::message(claim);
    let span = &claim.span;
    let mut properties = json!({
        "verdict": id,
        "reason": judgement.reason,
        "number_text": claim.number_text,
        "kind": claim.kind,
        "unit": claim.unit,
    });
    if let Some(f) = &judgement.figure {
        properties["figure"] = json!(f.id);
    }
    if !judgement.candidates.is_empty() {
        properties["candidates"] = json!(judgement.candidates);
    }
    if let Some(d) = judgement.deviation_pct {
        properties["deviation_pct"] = json!(d);
    }
    Some(json!({
        "ruleId": id,
        "ruleIndex": index,
        "level": level,
        "message": {"text": text},
        "locations": [{
            "physicalLocation": {
                "artifactLocation": {"uri": uri(path)},
                "region": {
                    "startLine": span.line,
                    "startColumn": span.column,
                    "endLine": span.end_line,
                    "endColumn": span.end_column,
                    "snippet": {"text": claim.text},
                },
            },
        }],
        "properties": properties,
    }))
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// A path as a URI reference: relative paths stay relative (with `/`), absolute ones become
/// `file://` URIs, URLs are kept; characters outside RFC 3986's unreserved set and `/` are
/// percent-encoded.
pub fn uri(path: &str) -> String {
    if path.contains("://") {
        return path.to_string();
    }
    let path = path.replace('\\', "/");
    let mut out = String::new();
    if path.starts_with('/') {
        out.push_str("file://");
    }
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~' | b'/') {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uris() {
        assert_eq!(uri("drafts/a b.md"), "drafts/a%20b.md");
        assert_eq!(uri("/tmp/é.md"), "file:///tmp/%C3%A9.md");
        assert_eq!(uri("https://x.org/a?b"), "https://x.org/a?b");
    }
}
