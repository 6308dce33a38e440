//! Tokens of prose, with byte spans into the original text, made in one pass.
//!
//! Words keep internal hyphens and apostrophes ("twenty-one", "Nvidia’s", "GPU-hours"); a number
//! keeps its separators and decimals ("2,048", "5.6", "2 048" with a thin space); letters glued to
//! a number become a separate word marked `attached` ("16K", "5.6M", "11x"). URLs, e-mail
//! addresses, dotted sequences (IP addresses, versions) come out as one `Opaque` token.

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Num,
    Punct,
    /// A run that is never a claim: URL, e-mail address, IP address, version string.
    Opaque,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    pub kind: TokKind,
    pub start: usize,
    pub end: usize,
    /// No whitespace between this token and the previous one.
    pub attached: bool,
    /// A line break lies between this token and the previous one.
    pub newline_before: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

/// Spaces that group digits ("2 048"): thin space, narrow no-break space, no-break space.
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{2009}' | '\u{202F}' | '\u{00A0}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Appends the tokens of `text[start..end]` to `out`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut attached = false;
    let mut newline_before = true;
    while i < end {
        let c = match text[i..end].chars().next() {
            Some(c) => c,
            None => break,
        };
        if c.is_whitespace() && !is_group_space(c) || (is_group_space(c)) {
            if c == '\n' || c == '\r' {
                newline_before = true;
            }
            attached = false;
            i += c.len_utf8();
            continue;
        }
        let tok_start = i;
        let kind;
        if let Some(opaque_end) = opaque_run(text, i, end) {
            kind = TokKind::Opaque;
            i = opaque_end;
        } else if c.is_ascii_digit() || (c == '.' && next_is_digit(bytes, i + 1, end) && !attached)
        {
            let (num_end, dotted) = scan_number(text, i, end);
            kind = if dotted {
                TokKind::Opaque
            } else {
                TokKind::Num
            };
            i = num_end;
        } else if is_word_char(c) {
            i = scan_word(text, i, end);
            kind = TokKind::Word;
        } else {
            i += c.len_utf8();
            kind = TokKind::Punct;
        }
        out.push(Token {
            kind,
            start: tok_start,
            end: i,
            attached,
            newline_before,
        });
        attached = true;
        newline_before = false;
    }
}

fn next_is_digit(bytes: &[u8], i: usize, end: usize) -> bool {
    i < end && bytes[i].is_ascii_digit()
}

fn digits_from(bytes: &[u8], mut i: usize, end: usize) -> usize {
    while i < end && bytes[i].is_ascii_digit() {
        i += 1;
    }
    i
}

/// Scans a number at `i`: digits with thousands separators, a decimal part, an exponent.
/// Returns its end and whether it turned out to be a dotted sequence (IP address, version).
fn scan_number(text: &str, start: usize, end: usize) -> (usize, bool) {
    let bytes = text.as_bytes();
    let mut i = digits_from(bytes, start, end);
    let first_group = i - start;
    // Thousands groups: `,ddd` (exactly three digits, then no digit) or a group space + ddd.
    if first_group > 0 && first_group <= 3 {
        loop {
            if i < end && bytes[i] == b',' && three_digits_at(bytes, i + 1, end) {
                i += 4;
                continue;
            }
            if let Some(c) = text[i..end].chars().next()
                && is_group_space(c)
            {
                let after = i + c.len_utf8();
                if three_digits_at(bytes, after, end) {
                    i = after + 3;
                    continue;
                }
            }
            break;
        }
    }
    // Decimal part.
    if i + 1 < end && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
        i = digits_from(bytes, i + 1, end);
        // A second dot followed by a digit: 192.168.1.2, 3.5.1.
        if i + 1 < end && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
            while i + 1 < end && bytes[i] == b'.' && bytes[i + 1].is_ascii_digit() {
                i = digits_from(bytes, i + 1, end);
            }
            return (i, true);
        }
    }
    // Exponent: 3.8e25, 1E-07.
    if i < end && (bytes[i] == b'e' || bytes[i] == b'E') {
        let mut j = i + 1;
        if j < end && (bytes[j] == b'-' || bytes[j] == b'+') {
            j += 1;
        }
        let k = digits_from(bytes, j, end);
        // Only when the exponent stands alone (not "3eggs" nor "1e5x").
        if k > j && (k >= end || !(bytes[k] as char).is_ascii_alphanumeric()) {
            i = k;
        }
    }
    (i, false)
}

fn three_digits_at(bytes: &[u8], i: usize, end: usize) -> bool {
    i + 3 <= end
        && bytes[i..i + 3].iter().all(u8::is_ascii_digit)
        && (i + 3 >= end || !bytes[i + 3].is_ascii_digit())
}

/// Scans a word: letters and digits, joined by internal `-`, `'`, `’`, `&` ("S&P"), and, once the
/// word holds a digit, by `.digit` ("GPT-4.5", "v1.2").
fn scan_word(text: &str, start: usize, end: usize) -> usize {
    let mut i = start;
    let mut has_digit = false;
    let mut chars = text[start..end].char_indices().peekable();
    while let Some((off, c)) = chars.next() {
        let at = start + off;
        if is_word_char(c) {
            has_digit |= c.is_ascii_digit();
            i = at + c.len_utf8();
            continue;
        }
        let joiner = matches!(c, '-' | '\'' | '’' | '&' | '‑') || (c == '.' && has_digit);
        let next_ok = chars.peek().is_some_and(|&(_, n)| {
            if c == '.' {
                n.is_ascii_digit()
            } else {
                is_word_char(n)
            }
        });
        if joiner && next_ok && at == i {
            i = at + c.len_utf8();
            continue;
        }
        break;
    }
    i
}

/// A URL or e-mail address starting at `i`: returns where it ends.
fn opaque_run(text: &str, i: usize, end: usize) -> Option<usize> {
    let rest = &text[i..end];
    let chunk_len = rest
        .find(|c: char| c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | ']'))
        .unwrap_or(rest.len());
    let chunk = &rest[..chunk_len];
    let first = chunk.chars().next()?;
    if !first.is_ascii_alphanumeric() {
        return None;
    }
    let lower_start = chunk.get(..8).unwrap_or(chunk).to_ascii_lowercase();
    let is_url = lower_start.starts_with("http://")
        || lower_start.starts_with("https://")
        || lower_start.starts_with("www.")
        || (chunk.contains("://") && chunk.find("://").is_some_and(|p| p < 12));
    let is_email = chunk
        .find('@')
        .is_some_and(|at| at > 0 && chunk[at + 1..].contains('.') && !chunk.starts_with('@'));
    if !(is_url || is_email) {
        return None;
    }
    // Trailing sentence punctuation is not part of the address.
    let trimmed = chunk.trim_end_matches(['.', ',', ';', ':', '!', '?', '\'', '’']);
    Some(i + trimmed.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(s: &str) -> Vec<(TokKind, &str, bool)> {
        let mut out = Vec::new();
        tokenize(s, 0, s.len(), &mut out);
        out.iter()
            .map(|t| (t.kind, t.text(s), t.attached))
            .collect()
    }

    #[test]
    fn numbers_keep_separators() {
        use TokKind::*;
        assert_eq!(
            toks("2,048 GPUs"),
            vec![(Num, "2,048", false), (Word, "GPUs", false)]
        );
        assert_eq!(
            toks("$5.6M"),
            vec![(Punct, "$", false), (Num, "5.6", true), (Word, "M", true)]
        );
        assert_eq!(
            toks("5,6"),
            vec![(Num, "5", false), (Punct, ",", true), (Num, "6", true)]
        );
        assert_eq!(toks("2\u{202F}048"), vec![(Num, "2\u{202F}048", false)]);
        assert_eq!(toks("3.8e25"), vec![(Num, "3.8e25", false)]);
    }

    #[test]
    fn names_and_opaque_runs() {
        use TokKind::*;
        assert_eq!(toks("H100s"), vec![(Word, "H100s", false)]);
        assert_eq!(toks("GPT-4.5"), vec![(Word, "GPT-4.5", false)]);
        assert_eq!(toks("192.168.1.2"), vec![(Opaque, "192.168.1.2", false)]);
        assert_eq!(
            toks("see https://x.com/a?b=1."),
            vec![
                (Word, "see", false),
                (Opaque, "https://x.com/a?b=1", false),
                (Punct, ".", true)
            ]
        );
        assert_eq!(toks("a@b.com"), vec![(Opaque, "a@b.com", false)]);
        assert_eq!(toks("Nvidia’s"), vec![(Word, "Nvidia’s", false)]);
    }
}
