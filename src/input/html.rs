//! HTML → prose ranges, via html5gum's tokenizer and its byte spans.
//!
//! The article body is read: every `<article>` (outside the excluded elements below) if there is
//! one, else `<main>`, else `<body>`, else the whole text except `<head>`. Within it, text nodes are
//! prose, except inside `script`, `style`, `nav`, `header`, `footer`, `aside` (and `noscript`,
//! `template`, `svg`, `math`, `form` controls, `iframe`, `pre`, `code`, `kbd`, `samp`); tags,
//! attributes and comments are never prose.
//!
//! Spans are byte ranges of the original text: a text node is a raw range of the input, not its
//! decoded value. Character references (`&amp;`, `&nbsp;`, `&#8217;`) are therefore cut out of the
//! prose as gaps, the way Markdown's are: `$5.6&nbsp;million` is still read as one claim (its
//! `text` keeps the raw `&nbsp;`), and `&#8217;` never reads as the number 8217. The price: a name
//! written with a reference (`AT&amp;T`) is not matched to a dataset entity.
//!
//! Paragraphs are the runs of text between block-level tags (`<p>`, `<li>`, `<td>`, `<h2>`, `<div>`…);
//! inline tags (`<a>`, `<b>`, `<code>`, `<span>`…) do not cut a sentence.
//!
//! The date, in order: a `<meta>` publication date (`article:published_time`, `datePublished`,
//! `date`, `pubdate`, `DC.date.issued`…), a JSON-LD `"datePublished"`, a `<time pubdate>` or
//! `<time itemprop="datePublished">`, else the first `<time datetime>`.

use super::markup::{Extracted, ProseBuilder, date_prefix};
use crate::document::{Date, Document, Span, leading_date_line};
use html5gum::{DefaultEmitter, Token, Tokenizer};

/// The document of an HTML text (a file, standard input, or a fetched page). The article date is
/// `date` (from `--date`), else a first line `date YYYY-MM-DD`, else a `<meta>`/`<time>` date.
pub fn html_document(path: String, text: String, date: Option<Date>) -> Document {
    let extracted = extract(&text);
    let date = date.or_else(|| leading_date_line(&text)).or(extracted.date);
    Document::with_paragraphs(path, text, extracted.prose, extracted.paragraphs, date)
}

/// Elements whose text is never prose.
const EXCLUDED: &[&str] = &[
    "head", "title", "script", "style", "nav", "header", "footer", "aside", "noscript", "template",
    "svg", "math", "iframe", "object", "canvas", "select", "option", "textarea", "button", "pre",
    "code", "kbd", "samp",
];

/// Elements with no end tag.
const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr",
];

/// Elements that do not end a paragraph.
const INLINE: &[&str] = &[
    "a", "abbr", "b", "bdi", "bdo", "br", "cite", "code", "data", "del", "dfn", "em", "font", "i",
    "img", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strong", "sub", "sup", "time",
    "u", "var", "wbr",
];

/// `<meta>` names and properties that state the publication date (compared lower-case).
const META_DATES: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "publish-date",
    "publication_date",
    "dc.date",
    "dc.date.issued",
    "dcterms.date",
    "dcterms.issued",
    "citation_publication_date",
    "parsely-pub-date",
    "sailthru.date",
];

/// One token, with what the reader needs of it.
enum Tok {
    Start {
        name: String,
        attrs: Vec<(String, String)>,
        self_closing: bool,
    },
    End {
        name: String,
    },
    Text(Span),
    Other,
}

fn tokens(text: &str) -> Vec<Tok> {
    let mut emitter = DefaultEmitter::<usize>::new_with_span();
    // Raw-text elements (script, style, textarea, title…) are tokenized as raw text.
    emitter.naively_switch_states(true);
    let lossy = |b: &[u8]| String::from_utf8_lossy(b).to_ascii_lowercase();
    Tokenizer::new_with_emitter(text, emitter)
        .filter_map(Result::ok)
        .map(|t| match t {
            Token::StartTag(tag) => Tok::Start {
                name: lossy(&tag.name),
                attrs: tag
                    .attributes
                    .iter()
                    .map(|(k, v)| (lossy(k), String::from_utf8_lossy(&v.value).into_owned()))
                    .collect(),
                self_closing: tag.self_closing,
            },
            Token::EndTag(tag) => Tok::End {
                name: lossy(&tag.name),
            },
            Token::String(s) => Tok::Text(Span::new(s.span.start, s.span.end)),
            _ => Tok::Other,
        })
        .collect()
}

/// Which element bounds the article.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Root {
    Article,
    Main,
    Body,
    /// No body tag: a fragment; everything outside `<head>` is read.
    Whole,
}

/// The open elements, as counts of the kinds the reader cares about.
#[derive(Default)]
struct Stack {
    open: Vec<String>,
    /// How many of each element are open, so an end tag that matches none is ignored without
    /// searching the stack (a deep stack and many stray end tags would be quadratic).
    open_counts: std::collections::HashMap<String, usize>,
    excluded: usize,
    article: usize,
    main: usize,
    body: usize,
}

impl Stack {
    fn adjust(&mut self, name: &str, by: isize) {
        let bump = |n: &mut usize| *n = n.saturating_add_signed(by);
        if EXCLUDED.contains(&name) {
            bump(&mut self.excluded);
        }
        match name {
            "article" => bump(&mut self.article),
            "main" => bump(&mut self.main),
            "body" => bump(&mut self.body),
            _ => {}
        }
    }

    fn push(&mut self, name: &str, self_closing: bool) {
        if name == "body" {
            // An unclosed <head> ends where the body starts.
            self.pop_to("head");
        }
        if VOID.contains(&name) || self_closing {
            return;
        }
        self.adjust(name, 1);
        *self.open_counts.entry(name.to_string()).or_default() += 1;
        self.open.push(name.to_string());
    }

    /// Closes `name` and everything opened inside it; an end tag with no open element is ignored.
    fn pop_to(&mut self, name: &str) {
        if self.open_counts.get(name).is_none_or(|&n| n == 0) {
            return;
        }
        if let Some(at) = self.open.iter().rposition(|n| n == name) {
            for closed in self.open.split_off(at) {
                self.adjust(&closed, -1);
                if let Some(n) = self.open_counts.get_mut(&closed) {
                    *n -= 1;
                }
            }
        }
    }

    fn in_root(&self, root: Root) -> bool {
        match root {
            Root::Article => self.article > 0,
            Root::Main => self.main > 0,
            Root::Body => self.body > 0,
            Root::Whole => true,
        }
    }
}

/// The prose ranges, paragraphs and publication date of an HTML text.
pub fn extract(text: &str) -> Extracted {
    let toks = tokens(text);
    let root = find_root(&toks);
    let mut builder = ProseBuilder::default();
    let mut stack = Stack::default();
    let mut dates = Dates::default();
    let mut in_ld_json = false;
    for tok in &toks {
        match tok {
            Tok::Start {
                name,
                attrs,
                self_closing,
            } => {
                if !INLINE.contains(&name.as_str()) {
                    builder.break_paragraph();
                }
                dates.tag(name, attrs);
                in_ld_json = name == "script"
                    && attr(attrs, "type")
                        .is_some_and(|t| t.eq_ignore_ascii_case("application/ld+json"));
                stack.push(name, *self_closing);
            }
            Tok::End { name } => {
                if !INLINE.contains(&name.as_str()) {
                    builder.break_paragraph();
                }
                in_ld_json = false;
                stack.pop_to(name);
            }
            Tok::Text(span) => {
                if in_ld_json {
                    dates.json_ld(&text[span.start..span.end]);
                } else if stack.excluded == 0 && stack.in_root(root) {
                    push_without_references(&mut builder, text, *span);
                }
            }
            Tok::Other => {}
        }
    }
    builder.finish(dates.best())
}

/// `<article>` if one stands outside the excluded elements, else `<main>`, else `<body>`.
fn find_root(toks: &[Tok]) -> Root {
    let mut stack = Stack::default();
    let mut found = Root::Whole;
    for tok in toks {
        match tok {
            Tok::Start {
                name, self_closing, ..
            } => {
                if stack.excluded == 0 {
                    let candidate = match name.as_str() {
                        "article" => Root::Article,
                        "main" => Root::Main,
                        "body" => Root::Body,
                        _ => Root::Whole,
                    };
                    if rank(candidate) > rank(found) {
                        found = candidate;
                    }
                }
                stack.push(name, *self_closing);
            }
            Tok::End { name } => stack.pop_to(name),
            _ => {}
        }
    }
    found
}

fn rank(root: Root) -> u8 {
    match root {
        Root::Whole => 0,
        Root::Body => 1,
        Root::Main => 2,
        Root::Article => 3,
    }
}

fn attr<'a>(attrs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

/// Adds a text node's raw range as prose, leaving out its character references.
fn push_without_references(builder: &mut ProseBuilder, text: &str, span: Span) {
    let bytes = text.as_bytes();
    let mut start = span.start;
    let mut i = span.start;
    while i < span.end {
        if bytes[i] == b'&'
            && let Some(len) = reference_len(&bytes[i..span.end])
        {
            builder.prose(text, Span::new(start, i));
            i += len;
            start = i;
            continue;
        }
        i += 1;
    }
    builder.prose(text, Span::new(start, span.end));
}

/// The length of a character reference at the start of `b`: `&name;`, `&#123;`, `&#x1F;` (the
/// numeric ones also without `;`).
fn reference_len(b: &[u8]) -> Option<usize> {
    let body = |from: usize, ok: fn(&u8) -> bool, max: usize| {
        let n = b[from..].iter().take(max + 1).take_while(|c| ok(c)).count();
        (n > 0 && n <= max).then_some(from + n)
    };
    let end = match b.get(1)? {
        b'#' => match b.get(2)? {
            b'x' | b'X' => body(3, u8::is_ascii_hexdigit, 6)?,
            _ => body(2, u8::is_ascii_digit, 7)?,
        },
        c if c.is_ascii_alphabetic() => {
            let end = body(1, u8::is_ascii_alphanumeric, 32)?;
            // A named reference needs its `;` ("AT&T" is text).
            if b.get(end) != Some(&b';') {
                return None;
            }
            end
        }
        _ => return None,
    };
    Some(if b.get(end) == Some(&b';') {
        end + 1
    } else {
        end
    })
}

/// Dates found in the markup, by how sure they are.
#[derive(Default)]
struct Dates {
    meta: Option<Date>,
    json_ld: Option<Date>,
    time_published: Option<Date>,
    time_first: Option<Date>,
}

impl Dates {
    fn tag(&mut self, name: &str, attrs: &[(String, String)]) {
        match name {
            "meta" if self.meta.is_none() => {
                let key = ["property", "name", "itemprop", "http-equiv"]
                    .iter()
                    .find_map(|k| attr(attrs, k))
                    .map(str::to_ascii_lowercase);
                if key.is_some_and(|k| META_DATES.contains(&k.as_str())) {
                    self.meta = attr(attrs, "content").and_then(date_prefix);
                }
            }
            "time" => {
                let Some(date) = attr(attrs, "datetime").and_then(date_prefix) else {
                    return;
                };
                let published = attr(attrs, "pubdate").is_some()
                    || attr(attrs, "itemprop")
                        .is_some_and(|v| v.eq_ignore_ascii_case("datepublished"));
                if published && self.time_published.is_none() {
                    self.time_published = Some(date);
                }
                self.time_first.get_or_insert(date);
            }
            _ => {}
        }
    }

    fn json_ld(&mut self, script: &str) {
        if self.json_ld.is_some() {
            return;
        }
        let Some(at) = script.find("\"datePublished\"") else {
            return;
        };
        let rest = script[at + "\"datePublished\"".len()..].trim_start();
        if let Some(value) = rest.strip_prefix(':') {
            self.json_ld = date_prefix(value.trim_start());
        }
    }

    fn best(&self) -> Option<Date> {
        self.meta
            .or(self.json_ld)
            .or(self.time_published)
            .or(self.time_first)
    }
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

    #[test]
    fn article_wins_and_chrome_is_skipped() {
        let text = "<html><head><title>5 things</title><script>var x = 1 < 2;</script></head>\
            <body><nav>3 links</nav><article><header>By 4 people</header><p>It cost $5 \
            <b>million</b>.</p><aside>6 more</aside><footer>7</footer></article><p>8 outside</p></body></html>";
        assert_eq!(prose(text), vec!["It cost $5 ", "million", "."]);
        let e = extract(text);
        assert_eq!(e.paragraphs.len(), 1);
        let p = e.paragraphs[0];
        assert_eq!(&text[p.start..p.end], "It cost $5 <b>million</b>.");
    }

    #[test]
    fn main_then_body_then_fragment() {
        assert_eq!(
            prose("<body><p>a</p><main><p>b</p></main></body>"),
            vec!["b"]
        );
        assert_eq!(prose("<head><title>t</title><body><p>a 1</p>"), vec!["a 1"]);
        assert_eq!(prose("<p>just 5%</p><!-- 6 -->"), vec!["just 5%"]);
    }

    #[test]
    fn references_are_gaps() {
        let text = "<p>AT&T paid $5.6&nbsp;million&#8217;s &amp co &#xA0;x</p>";
        assert_eq!(
            prose(text),
            vec!["AT&T paid $5.6", "million", "s &amp co ", "x"]
        );
    }

    #[test]
    fn dates_in_order_of_trust() {
        let d = |t: &str| extract(t).date.map(|d| d.to_string());
        assert_eq!(
            d(
                "<meta property=\"article:published_time\" content=\"2025-01-31T08:00:00Z\"><time datetime=2024-01-01>x</time>"
            ),
            Some("2025-01-31".into())
        );
        assert_eq!(
            d("<time datetime=2024-01-01>a</time><time pubdate datetime=2024-02-02>b</time>"),
            Some("2024-02-02".into())
        );
        assert_eq!(
            d("<script type=\"application/ld+json\">{\"datePublished\": \"2023-03-03\"}</script>"),
            Some("2023-03-03".into())
        );
        assert_eq!(
            d("<time datetime=2024-01-01>a</time>"),
            Some("2024-01-01".into())
        );
        assert_eq!(d("<p>no date</p>"), None);
    }
}
