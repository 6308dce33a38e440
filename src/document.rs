//! The document stage: an input's text, which byte ranges of it are prose, its sentences and
//! paragraphs, its article date, and the one `LineIndex` every report takes line:column from.

use serde::Serialize;
use std::fmt;

/// A half-open byte range into the document's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn len(&self) -> usize {
        self.end - self.start
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
    pub fn contains(&self, offset: usize) -> bool {
        self.start <= offset && offset < self.end
    }
    pub fn covers(&self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
}

/// A calendar date (no time zone; article dates are days).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// Parses `YYYY-MM-DD`, checking month and day ranges.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return None;
        }
        let year: i32 = text.get(0..4)?.parse().ok()?;
        let month: u32 = text.get(5..7)?.parse().ok()?;
        let day: u32 = text.get(8..10)?.parse().ok()?;
        if !text[0..4].bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }
}

pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// Byte offset → 1-based line and 1-based column in Unicode characters.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
}

impl LineIndex {
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        let bytes = text.as_bytes();
        for i in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            // A lone CR ends a line too (old Mac files); CRLF counts once, at the LF.
            if bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n') {
                line_starts.push(i + 1);
            }
        }
        LineIndex { line_starts }
    }

    /// The 0-based line number holding `offset`.
    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(line) => line,
            Err(next) => next - 1,
        }
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let offset = offset.min(text.len());
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let column = text
            .get(start..offset)
            .map_or(offset - start, |s| s.chars().count())
            + 1;
        (line + 1, column)
    }

    /// The byte range of the line holding `offset`, without its line ending.
    pub fn line_span(&self, text: &str, offset: usize) -> Span {
        let line = self.line_of(offset.min(text.len()));
        let start = self.line_starts[line];
        let mut end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len());
        let bytes = text.as_bytes();
        while end > start && matches!(bytes[end - 1], b'\n' | b'\r') {
            end -= 1;
        }
        Span::new(start, end)
    }

    /// The byte range of the 1-based line `line`, if it exists.
    pub fn line_by_number(&self, text: &str, line: usize) -> Option<Span> {
        let start = *self.line_starts.get(line.checked_sub(1)?)?;
        Some(self.line_span(text, start))
    }
}

/// What kind of source the text came from; decides how prose ranges are found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SourceKind {
    Text,
    Markdown,
    Html,
}

/// One input, ready for the reader.
#[derive(Debug, Clone)]
pub struct Document {
    /// The path or URL as given; reports print it.
    pub path: String,
    pub text: String,
    /// Byte ranges that are prose; everything else yields no claims.
    pub prose: Vec<Span>,
    pub sentences: Vec<Span>,
    pub paragraphs: Vec<Span>,
    pub article_date: Option<Date>,
    pub line_index: LineIndex,
    /// Lines (1-based) under a `factcheck: ignore` comment, with the reason given after `--`.
    pub suppressed_lines: Vec<(usize, String)>,
}

impl Document {
    /// A document whose prose ranges are already known (plain text: the whole text).
    pub fn new(path: String, text: String, prose: Vec<Span>, article_date: Option<Date>) -> Self {
        let line_index = LineIndex::new(&text);
        let paragraphs = split_paragraphs(&text, &prose, &line_index);
        Document::assemble(path, text, prose, paragraphs, article_date, line_index)
    }

    /// A document whose paragraphs come from markup (a Markdown paragraph or list item, an HTML
    /// `<p>`): sentences are split inside them, so inline code or a link inside a sentence does
    /// not cut it in two. `paragraphs` are sorted and do not overlap.
    pub fn with_paragraphs(
        path: String,
        text: String,
        prose: Vec<Span>,
        paragraphs: Vec<Span>,
        article_date: Option<Date>,
    ) -> Self {
        let line_index = LineIndex::new(&text);
        Document::assemble(path, text, prose, paragraphs, article_date, line_index)
    }

    fn assemble(
        path: String,
        text: String,
        prose: Vec<Span>,
        paragraphs: Vec<Span>,
        article_date: Option<Date>,
        line_index: LineIndex,
    ) -> Self {
        // News has a sentence every hundred bytes or so: start at a fraction of that.
        let mut sentences = Vec::with_capacity(text.len() / 256);
        for p in &paragraphs {
            split_sentences(&text, *p, &mut sentences);
        }
        let suppressed_lines = find_suppressions(&text, &line_index);
        Document {
            path,
            text,
            prose,
            sentences,
            paragraphs,
            article_date,
            line_index,
            suppressed_lines,
        }
    }

    /// A plain-text article: all of it is prose; the date comes from a leading `date YYYY-MM-DD`.
    pub fn from_text(path: String, text: String) -> Self {
        let prose = vec![Span::new(0, text.len())];
        let date = leading_date_line(&text);
        Document::new(path, text, prose, date)
    }

    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        self.line_index.line_col(&self.text, offset)
    }

    /// Index of the sentence holding `offset`, if any.
    pub fn sentence_index(&self, offset: usize) -> Option<usize> {
        let i = self.sentences.partition_point(|s| s.end <= offset);
        (i < self.sentences.len() && self.sentences[i].start <= offset).then_some(i)
    }

    /// Index of the paragraph holding `offset`, if any.
    pub fn paragraph_index(&self, offset: usize) -> Option<usize> {
        let i = self.paragraphs.partition_point(|s| s.end <= offset);
        (i < self.paragraphs.len() && self.paragraphs[i].start <= offset).then_some(i)
    }

    /// The suppression reason for a line, if a `factcheck: ignore` covers it.
    pub fn suppression(&self, line: usize) -> Option<&str> {
        self.suppressed_lines
            .iter()
            .find(|(l, _)| *l == line)
            .map(|(_, reason)| reason.as_str())
    }
}

/// The article date from a first non-empty line `date YYYY-MM-DD` (or `date: YYYY-MM-DD`), as in
/// the seed article's " date 2025-01-31 Big Tech has…".
pub fn leading_date_line(text: &str) -> Option<Date> {
    let line = text
        .trim_start_matches('\u{feff}')
        .lines()
        .find(|l| !l.trim().is_empty())?;
    let rest = line.trim_start();
    let rest = rest
        .get(..4)
        .filter(|p| p.eq_ignore_ascii_case("date"))
        .map(|_| &rest[4..])?;
    let rest = rest.strip_prefix(':').unwrap_or(rest).trim_start();
    Date::parse(rest.get(..10)?)
}

/// Paragraphs: maximal runs of prose separated by blank lines (or by the gaps between prose
/// ranges, which are markup).
fn split_paragraphs(text: &str, prose: &[Span], line_index: &LineIndex) -> Vec<Span> {
    let mut out = Vec::new();
    for range in prose {
        let chunk = &text[range.start..range.end];
        let mut para_start: Option<usize> = None;
        let mut line_start = 0;
        let push = |s: usize, e: usize, out: &mut Vec<Span>| {
            let (s, e) = trim_span(chunk, s, e);
            if s < e {
                out.push(Span::new(range.start + s, range.start + e));
            }
        };
        let bytes = chunk.as_bytes();
        // A lone CR ends a line too, as in `LineIndex` (old Mac files); CRLF ends at the LF.
        // Prose that is the whole text (plain text) has its line ends in the index already.
        let mut indexed;
        let mut searched;
        let line_ends: &mut dyn Iterator<Item = (usize, usize)> =
            if range.start == 0 && range.end == text.len() {
                indexed = line_index.line_starts[1..].iter().map(|&s| (s - 1, s));
                &mut indexed
            } else {
                searched = memchr::memchr2_iter(b'\n', b'\r', bytes)
                    .filter(|&i| bytes[i] == b'\n' || bytes.get(i + 1) != Some(&b'\n'))
                    .map(|i| (i, i + 1));
                &mut searched
            };
        // The last line, when the chunk does not end with a line break.
        let unterminated = (!chunk.is_empty() && !matches!(bytes[chunk.len() - 1], b'\n' | b'\r'))
            .then_some((chunk.len(), chunk.len()));
        for (line_end, next_start) in line_ends.chain(unterminated) {
            let blank = chunk[line_start..line_end].trim().is_empty();
            match (blank, para_start) {
                (true, Some(s)) => {
                    push(s, line_start, &mut out);
                    para_start = None;
                }
                (false, None) => para_start = Some(line_start),
                _ => {}
            }
            line_start = next_start;
        }
        if let Some(s) = para_start {
            push(s, chunk.len(), &mut out);
        }
    }
    out
}

fn trim_span(text: &str, start: usize, end: usize) -> (usize, usize) {
    // Most spans start and end with an ASCII letter, digit or mark: nothing to trim.
    let bytes = text.as_bytes();
    let hard = |b: u8| b.is_ascii() && !b.is_ascii_whitespace() && b != 0x0b;
    if start < end && hard(bytes[start]) && hard(bytes[end - 1]) {
        return (start, end);
    }
    let s = &text[start..end];
    let lead = s.len() - s.trim_start().len();
    let trail = s.len() - s.trim_end().len();
    (start + lead, end - trail.min(s.len() - lead))
}

/// Whether `word` is an abbreviation after which a period ends no sentence (without the dot,
/// in any ASCII case).
fn is_abbreviation(word: &str) -> bool {
    // No abbreviation is longer than six bytes: most words are passed over by their length.
    let mut lower = [0u8; 6];
    let Some(lower) = lower.get_mut(..word.len()) else {
        return false;
    };
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    matches!(
        &*lower,
        b"u.s"
            | b"u.k"
            | b"u.n"
            | b"e.u"
            | b"inc"
            | b"corp"
            | b"co"
            | b"ltd"
            | b"llc"
            | b"plc"
            | b"jan"
            | b"feb"
            | b"mar"
            | b"apr"
            | b"jun"
            | b"jul"
            | b"aug"
            | b"sep"
            | b"sept"
            | b"oct"
            | b"nov"
            | b"dec"
            | b"no"
            | b"nos"
            | b"mr"
            | b"mrs"
            | b"ms"
            | b"dr"
            | b"prof"
            | b"st"
            | b"sen"
            | b"rep"
            | b"gov"
            | b"gen"
            | b"vs"
            | b"etc"
            | b"e.g"
            | b"i.e"
            | b"approx"
            | b"est"
            | b"fig"
            | b"vol"
            | b"p.m"
            | b"a.m"
            | b"jr"
            | b"sr"
            | b"dept"
            | b"univ"
            | b"mt"
            | b"ft"
            | b"ave"
            | b"bros"
    )
}

/// Sentences of one paragraph: a `.`, `!` or `?` (with closing quotes or brackets) followed by
/// space ends one, unless it ends an abbreviation or an initial.
fn split_sentences(text: &str, para: Span, out: &mut Vec<Span>) {
    let bytes = text.as_bytes();
    let mut start = para.start;
    let mut i = para.start;
    // Only the sentence-ending marks need looking at.
    while let Some(found) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..para.end]) {
        i += found;
        let b = bytes[i];
        let mut end = i + 1;
        // Closing quotes and brackets belong to the sentence they close: " ' ) ] ” ’ ».
        loop {
            let closer = match &bytes[end..para.end] {
                [b'"' | b'\'' | b')' | b']', ..] => 1,
                [0xE2, 0x80, 0x9D | 0x99, ..] => 3,
                [0xC2, 0xBB, ..] => 2,
                _ => break,
            };
            end += closer;
        }
        let followed_by_space = match bytes[end..para.end].first() {
            None => true,
            Some(&next) if next.is_ascii() => char::from(next).is_whitespace(),
            Some(_) => text[end..].chars().next().is_some_and(char::is_whitespace),
        };
        if followed_by_space && !(b == b'.' && is_abbreviation_end(text, start, i)) {
            let (s, e) = trim_span(text, start, end);
            if s < e {
                out.push(Span::new(s, e));
            }
            start = end;
        }
        i = end;
    }
    let (s, e) = trim_span(text, start, para.end);
    if s < e {
        out.push(Span::new(s, e));
    }
}

/// Whether the period at `dot` ends an abbreviation or an initial rather than a sentence.
fn is_abbreviation_end(text: &str, sentence_start: usize, dot: usize) -> bool {
    // Seven ASCII letters, digits or dots before the dot make a word longer than any
    // abbreviation or initial, which is what most sentences end with.
    if let Some(last_seven) = text.as_bytes()[sentence_start..dot].last_chunk::<7>()
        && last_seven
            .iter()
            .all(|&b| b.is_ascii_alphanumeric() || b == b'.')
    {
        return false;
    }
    let before = &text[sentence_start..dot];
    let word = &before[last_word_start(before)..];
    if word.is_empty() {
        return false;
    }
    if is_abbreviation(word) {
        // "U.S." at the very end of a sentence is ambiguous; a following lower-case word or
        // a capitalised name both occur. Treat it as not ending the sentence only when the next
        // word is not clearly a new sentence: keep it simple and never split here.
        return true;
    }
    // A single capital letter is an initial ("John F. Kennedy").
    let mut chars = word.chars();
    matches!((chars.next(), chars.next()), (Some(c), None) if c.is_uppercase())
}

/// Where the last word of `before` starts: after its last whitespace, `(`, `"` or `“`.
fn last_word_start(before: &str) -> usize {
    // Most words are ASCII letters, digits and dots, read back byte by byte; anything else
    // (a non-ASCII character, which may be a space) takes the general path.
    let bytes = before.as_bytes();
    let mut i = bytes.len();
    while i > 0 && (bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'.') {
        i -= 1;
    }
    match i.checked_sub(1).map(|p| bytes[p]) {
        None => return 0,
        Some(b) if b.is_ascii_whitespace() || b == b'(' || b == b'"' => return i,
        _ => {}
    }
    before
        .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
        .map_or(0, |p| {
            p + before[p..].chars().next().map_or(1, |c| c.len_utf8())
        })
}

/// Lines carrying `factcheck: ignore` (that line) or `factcheck: ignore-next-line` (the next),
/// with the reason written after `--`.
fn find_suppressions(text: &str, index: &LineIndex) -> Vec<(usize, String)> {
    const MARK: &str = "factcheck: ignore";
    let mut out = Vec::new();
    let mut from = 0;
    let finder = memchr::memmem::Finder::new(MARK);
    while let Some(pos) = finder.find(&text.as_bytes()[from..]) {
        let at = from + pos;
        let after = &text[at + MARK.len()..];
        let (line, _) = index.line_col(text, at);
        let (next_line, rest) = match after.strip_prefix("-next-line") {
            Some(rest) => (true, rest),
            None => (false, after),
        };
        let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
        // The comment's closer ends the reason: `<!-- … -->`, `/* … */` (markup such as `</p>`
        // may follow it on the line).
        let rest = &rest[..line_end];
        let rest = [rest.find("-->"), rest.find("*/")]
            .into_iter()
            .flatten()
            .min()
            .map_or(rest, |end| &rest[..end]);
        let reason = rest
            .split_once("--")
            .map(|(_, r)| r.trim())
            .unwrap_or("")
            .to_string();
        out.push((if next_line { line + 1 } else { line }, reason));
        from = at + MARK.len();
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        /// The byte-wise fast path finds the word start the general search finds.
        #[test]
        fn last_word_start_is_after_the_last_space(before in "[a-zA-Z0-9. ,(\"“\u{a0}\u{b}\t\né’-]{0,24}") {
            let general = before
                .rfind(|c: char| c.is_whitespace() || c == '(' || c == '"' || c == '“')
                .map_or(0, |p| p + before[p..].chars().next().map_or(1, |c| c.len_utf8()));
            prop_assert_eq!(last_word_start(&before), general);
        }
    }

    #[test]
    fn abbreviations_in_any_case() {
        for word in ["U.S", "u.s", "Corp", "INC", "approx", "Bros", "e.g"] {
            assert!(is_abbreviation(word), "{word}");
        }
        for word in ["", "U.S.", "approxx", "said", "2024", "Nvidia", "Ü.S"] {
            assert!(!is_abbreviation(word), "{word}");
        }
    }

    #[test]
    fn line_col_counts_characters() {
        let text = "a’b\nc€d x";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_col(text, 0), (1, 1));
        let x = text.find('x').unwrap();
        assert_eq!(idx.line_col(text, x), (2, 5));
    }

    #[test]
    fn sentences_respect_abbreviations_and_decimals() {
        let text = "A U.S. company paid $5.6 million. No. 1 is Nvidia Inc. today! Next one?";
        let doc = Document::from_text("t".into(), text.into());
        let got: Vec<&str> = doc
            .sentences
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(
            got,
            vec![
                "A U.S. company paid $5.6 million.",
                "No. 1 is Nvidia Inc. today!",
                "Next one?"
            ]
        );
    }

    #[test]
    fn leading_date_forms() {
        assert_eq!(
            leading_date_line(" date 2025-01-31 Big Tech"),
            Date::parse("2025-01-31")
        );
        assert_eq!(
            leading_date_line("\n\nDate: 2024-02-29\n"),
            Date::parse("2024-02-29")
        );
        assert_eq!(leading_date_line("dated 2025-01-31"), None);
        assert_eq!(leading_date_line("date 2025-02-30"), None);
    }

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "one\ntwo\n\n\nthree\n";
        let doc = Document::from_text("t".into(), text.into());
        let got: Vec<&str> = doc
            .paragraphs
            .iter()
            .map(|s| &text[s.start..s.end])
            .collect();
        assert_eq!(got, vec!["one\ntwo", "three"]);
    }

    #[test]
    fn suppression_comments() {
        let text = "a 5% <!-- factcheck: ignore -- known typo -->\n<!-- factcheck: ignore-next-line -->\nb 6%\n<p>c 7% <!-- factcheck: ignore -- why --></p>\n";
        let doc = Document::from_text("t".into(), text.into());
        assert_eq!(doc.suppression(1), Some("known typo"));
        assert_eq!(doc.suppression(3), Some(""));
        assert_eq!(doc.suppression(2), None);
        assert_eq!(doc.suppression(4), Some("why"));
    }
}
