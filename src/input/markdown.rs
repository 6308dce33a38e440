//! Markdown → prose ranges (CommonMark with GitHub tables, footnotes, strikethrough and task
//! lists, via pulldown-cmark's source offsets).
//!
//! Prose is every text event whose bytes in the source are exactly its text, outside code and
//! image alt text. What yields no claims: front matter (YAML `---` or TOML `+++`), code blocks and
//! inline code, link and image URLs, autolinks, raw HTML (blocks, inline tags and comments) and
//! character references such as `&nbsp;`, which are gaps between prose ranges (so
//! `$5.6&nbsp;million` is still read as one claim whose text keeps the raw `&nbsp;`).
//! Paragraphs come from the block structure (paragraph, heading, list item, table cell, block
//! quote, footnote), so inline code or a link inside a sentence does not cut it in two. Every
//! span is a byte range of the original file.

use super::markup::{Extracted, ProseBuilder, date_prefix};
use crate::document::{Date, Document, Span, leading_date_line};
use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

/// The document of a Markdown text. The article date is `date` (from `--date`), else the front
/// matter's `date:`, else a first line `date YYYY-MM-DD`.
pub fn markdown_document(path: String, text: String, date: Option<Date>) -> Document {
    let extracted = extract(&text);
    let date = date.or(extracted.date).or_else(|| leading_date_line(&text));
    Document::with_paragraphs(path, text, extracted.prose, extracted.paragraphs, date)
}

fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_PLUSES_DELIMITED_METADATA_BLOCKS
}

/// The prose ranges, paragraphs and front-matter date of a Markdown text.
pub fn extract(text: &str) -> Extracted {
    let mut builder = ProseBuilder::default();
    let mut date = None;
    // Inside something whose text is not prose: a code block, an image's alt text, an autolink.
    let mut skip = 0usize;
    let mut in_metadata = false;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(tag) => {
                if is_block(&tag) {
                    builder.break_paragraph();
                }
                match tag {
                    Tag::MetadataBlock(_) => in_metadata = true,
                    Tag::CodeBlock(_) | Tag::Image { .. } => skip += 1,
                    Tag::Link {
                        link_type: LinkType::Autolink | LinkType::Email,
                        ..
                    } => skip += 1,
                    _ => {}
                }
            }
            Event::End(end) => {
                if is_block_end(&end) {
                    builder.break_paragraph();
                }
                match end {
                    TagEnd::MetadataBlock(_) => in_metadata = false,
                    TagEnd::CodeBlock | TagEnd::Image => skip = skip.saturating_sub(1),
                    // Only autolinks raised `skip`; a link's end is told apart by its source.
                    TagEnd::Link if is_autolink(&text[range.clone()]) => {
                        skip = skip.saturating_sub(1)
                    }
                    _ => {}
                }
            }
            Event::Text(t) => {
                if in_metadata {
                    if date.is_none() {
                        date = front_matter_date(&t);
                    }
                } else if skip == 0 && text.get(range.clone()) == Some(&*t) {
                    builder.prose(text, Span::new(range.start, range.end));
                }
                // Otherwise a character reference or other decoded text: a gap in the prose.
            }
            Event::Rule => builder.break_paragraph(),
            // Inline code, raw HTML, footnote references, breaks, task markers: not prose, and no
            // paragraph boundary either.
            _ => {}
        }
    }
    builder.finish(date)
}

/// `<https://…>` or `<a@b.c>`: a link written as its own URL.
fn is_autolink(source: &str) -> bool {
    source.starts_with('<') && source.ends_with('>')
}

fn is_block(tag: &Tag) -> bool {
    !matches!(
        tag,
        Tag::Emphasis
            | Tag::Strong
            | Tag::Strikethrough
            | Tag::Superscript
            | Tag::Subscript
            | Tag::Link { .. }
            | Tag::Image { .. }
    )
}

fn is_block_end(tag: &TagEnd) -> bool {
    !matches!(
        tag,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}

/// `date: 2025-01-31` (YAML) or `date = 2025-01-31` (TOML) at the top level of front matter.
fn front_matter_date(block: &str) -> Option<Date> {
    block.lines().find_map(|line| {
        let rest = line.strip_prefix("date")?.trim_start();
        let value = rest.strip_prefix(':').or_else(|| rest.strip_prefix('='))?;
        date_prefix(value)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn prose(text: &str) -> Vec<&str> {
        extract(text)
            .prose
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    fn paragraphs(text: &str) -> Vec<&str> {
        extract(text)
            .paragraphs
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect()
    }

    #[test]
    fn code_urls_html_and_front_matter_are_not_prose() {
        let text = "---\ntitle: 5 things\ndate: 2025-01-31\n---\n\nIt cost `$7` and [8 GPUs](https://x.com/9) <https://y.com/10> <!-- 11 -->.\n\n```\n12\n```\n\n![13 alt](14.png)\n";
        assert_eq!(
            prose(text),
            vec!["It cost ", " and ", "8 GPUs", " ", " ", "."]
        );
        assert_eq!(extract(text).date, Date::parse("2025-01-31"));
    }

    #[test]
    fn paragraphs_follow_blocks_not_inline_code() {
        let text = "# Title 1\n\nOne `x` two.\nthree\n\n- a\n  - b\n- c\n\n| 5% | 6% |\n|---|---|\n| 7 | 8 |\n\n> q\n";
        assert_eq!(
            paragraphs(text),
            vec![
                "Title 1",
                "One `x` two.\nthree",
                "a",
                "b",
                "c",
                "5%",
                "6%",
                "7",
                "8",
                "q"
            ]
        );
    }

    #[test]
    fn entities_and_escapes_leave_gaps() {
        let text = "It cost \\$5.6&nbsp;million.";
        assert_eq!(prose(text), vec!["It cost ", "$5.6", "million."]);
    }

    #[test]
    fn toml_front_matter_and_leading_date_line() {
        let text = "+++\ndate = \"2024-02-29\"\n+++\nBody\n";
        assert_eq!(extract(text).date, Date::parse("2024-02-29"));
        let doc = markdown_document("a.md".into(), "date 2025-01-31\n\nBody".into(), None);
        assert_eq!(doc.article_date, Date::parse("2025-01-31"));
    }
}
