//! `--format github`: GitHub Actions workflow commands, one a line, which the runner turns into
//! annotations on the pull request:
//! `::error file=PATH,line=L,col=C,endColumn=E,title=contradicted::MESSAGE` (`::warning` for
//! ambiguous, `::notice` for unverified; supported and suppressed claims are not annotated).
//! A span that crosses lines gets `endLine` instead of `col`/`endColumn`. Escaping follows the
//! runner: in MESSAGE `%` `\r` `\n` → `%25` `%0D` `%0A`; in property values also `:` → `%3A` and
//! `,` → `%2C`.

use super::model::{ClaimReport, FileReport, InputError};
use crate::judge::Verdict;
use std::io::{self, Write};

/// The annotations of one file.
pub fn write_file(out: &mut dyn Write, file: &FileReport) -> io::Result<()> {
    for claim in &file.claims {
        if let Some(line) = annotation(&file.path, claim) {
            writeln!(out, "{line}")?;
        }
    }
    Ok(())
}

/// An input that could not be read: an error annotation on the file.
pub fn write_error(out: &mut dyn Write, error: &InputError) -> io::Result<()> {
    writeln!(
        out,
        "::error file={},title=unreadable::{}",
        escape_property(&error.path),
        escape_data(&error.message)
    )
}

/// The workflow command for one claim; `None` for supported, suppressed and unjudged claims.
pub fn annotation(path: &str, claim: &ClaimReport) -> Option<String> {
    if claim.suppressed.is_some() {
        return None;
    }
    let judgement = claim.judgement.as_ref()?;
    let (command, title) = match judgement.verdict {
        Verdict::Contradicted => ("error", "contradicted"),
        Verdict::Ambiguous => ("warning", "ambiguous"),
        Verdict::Unverified => ("notice", "unverified"),
        Verdict::Supported => return None,
    };
    let span = &claim.span;
    let position = if span.end_line == span.line {
        format!(
            "line={},col={},endColumn={}",
            span.line, span.column, span.end_column
        )
    } else {
        format!("line={},endLine={}", span.line, span.end_line)
    };
    Some(format!(
        "::{command} file={},{position},title={}::{}",
        escape_property(path),
        escape_property(title),
        escape_data(&message(claim))
    ))
}

/// What the annotation says: the claim as written, the finding, and for a linked figure the
/// difference and, on a second line, its source.
pub fn message(claim: &ClaimReport) -> String {
    let mut text = format!("\"{}\": {}", claim.text, claim.message);
    if let Some(j) = &claim.judgement
        && let Some(f) = &j.figure
    {
        if let (Some(d), Verdict::Contradicted) = (j.deviation_pct, j.verdict) {
            text.push_str(&format!(" (off by {d:+.1}%)"));
        }
        text.push_str(&format!("\nsource: {}, {}", f.source.title, f.source.url));
    }
    text
}

/// Escapes a command's message.
pub fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// Escapes a command's property value.
pub fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escaping() {
        assert_eq!(escape_data("a,b: 5%\r\nc"), "a,b: 5%25%0D%0Ac");
        assert_eq!(escape_property("a,b: 5%\nc"), "a%2Cb%3A 5%25%0Ac");
    }
}
