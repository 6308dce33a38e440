//! What the Markdown and HTML readers share: collecting prose ranges and paragraph spans from
//! the byte ranges a markup parser reports, without ever copying or re-searching the text.

use crate::document::{Date, Span};

/// The prose and paragraphs of a marked-up text, and any date its markup gives.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Extracted {
    /// Byte ranges of the original text that are prose, sorted, not overlapping, contiguous
    /// pieces merged.
    pub prose: Vec<Span>,
    /// Paragraphs from the block structure: each runs from its first prose byte to its last, so
    /// inline markup (code, a link) between two pieces of prose stays inside one sentence.
    pub paragraphs: Vec<Span>,
    /// The date the markup states (front matter, `<meta>`, `<time>`).
    pub date: Option<Date>,
}

/// Collects prose pieces in document order; a block boundary closes the current paragraph.
#[derive(Debug, Default)]
pub(crate) struct ProseBuilder {
    out: Extracted,
    paragraph: Option<Span>,
}

impl ProseBuilder {
    /// Adds `text[span]` as prose, extending the current paragraph over its non-blank part.
    pub fn prose(&mut self, text: &str, span: Span) {
        if span.is_empty() {
            return;
        }
        match self.out.prose.last_mut() {
            Some(last) if last.end == span.start => last.end = span.end,
            _ => self.out.prose.push(span),
        }
        let piece = &text[span.start..span.end];
        let trimmed = piece.trim();
        if trimmed.is_empty() {
            return;
        }
        let start = span.start + (piece.len() - piece.trim_start().len());
        let end = start + trimmed.len();
        self.paragraph = Some(match self.paragraph {
            Some(p) => Span::new(p.start, end),
            None => Span::new(start, end),
        });
    }

    /// Ends the current paragraph (a block starts or ends).
    pub fn break_paragraph(&mut self) {
        if let Some(p) = self.paragraph.take() {
            self.out.paragraphs.push(p);
        }
    }

    pub fn finish(mut self, date: Option<Date>) -> Extracted {
        self.break_paragraph();
        self.out.date = date;
        self.out
    }
}

/// A date at the start of a metadata value: `2025-01-31`, `"2025-01-31T10:00:00Z"`,
/// `2025/01/31`.
pub(crate) fn date_prefix(value: &str) -> Option<Date> {
    let v = value.trim().trim_matches(|c| c == '"' || c == '\'').trim();
    let head = v.get(..10)?;
    Date::parse(&head.replace('/', "-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pieces_merge_and_paragraphs_trim() {
        let text = "  one two three  ";
        let mut b = ProseBuilder::default();
        b.prose(text, Span::new(0, 6));
        b.prose(text, Span::new(6, 10));
        b.prose(text, Span::new(12, 17));
        let e = b.finish(None);
        assert_eq!(e.prose, vec![Span::new(0, 10), Span::new(12, 17)]);
        assert_eq!(e.paragraphs, vec![Span::new(2, 15)]);
    }

    #[test]
    fn date_prefixes() {
        assert_eq!(
            date_prefix(" \"2025-01-31T10:00Z\""),
            Date::parse("2025-01-31")
        );
        assert_eq!(date_prefix("2025/01/31"), Date::parse("2025-01-31"));
        assert_eq!(date_prefix("January 31"), None);
    }
}
