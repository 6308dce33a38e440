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
    /// Whether the token may start a claim: false for punctuation, opaque runs and words that
    /// cannot start a number, so the parser passes them by without a look.
    pub may_start: bool,
}

impl Token {
    pub fn text<'a>(&self, src: &'a str) -> &'a str {
        &src[self.start..self.end]
    }
}

/// The tokens of some prose, with the indices of the few the reader looks for: those that may
/// start a claim and those after a line break (where a paragraph may end). Noted as the tokens
/// are made, so the reader never walks the whole list to find them.
#[derive(Debug, Default)]
pub struct TokenList {
    pub tokens: Vec<Token>,
    /// The indices of the tokens with `may_start`, in order.
    pub starts: Vec<usize>,
    /// The indices of the tokens with `newline_before`, in order.
    pub line_starts: Vec<usize>,
}

impl TokenList {
    /// Room for the tokens of `bytes` bytes of prose: about one token per four bytes, one that
    /// may start a claim per 64 and one line break per 128 (a longer list grows as it needs).
    pub fn with_capacity_for(bytes: usize) -> Self {
        TokenList {
            tokens: Vec::with_capacity(bytes / 4),
            starts: Vec::with_capacity(bytes / 64),
            line_starts: Vec::with_capacity(bytes / 128),
        }
    }

    #[inline]
    fn push(&mut self, token: Token) {
        if token.may_start {
            self.starts.push(self.tokens.len());
        }
        self.tokens.push(token);
    }

    /// A line break (or the start of a range) before the next token: its index is noted here,
    /// once, rather than at each token pushed (see `end_range`).
    #[inline]
    fn note_line_break(&mut self) {
        let next = self.tokens.len();
        if self.line_starts.last() != Some(&next) {
            self.line_starts.push(next);
        }
    }

    /// At the end of a range: a line break noted after the last token is before no token.
    fn end_range(&mut self) {
        if self.line_starts.last() == Some(&self.tokens.len()) {
            self.line_starts.pop();
        }
    }
}

/// Spaces that group digits ("2 048"): thin space, narrow no-break space, no-break space.
fn is_group_space(c: char) -> bool {
    matches!(c, '\u{2009}' | '\u{202F}' | '\u{00A0}')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The character at byte `i` of `text` and its length in bytes; ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> (char, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (char::from(b), 1);
    }
    let c = text[i..]
        .chars()
        .next()
        .unwrap_or(char::REPLACEMENT_CHARACTER);
    (c, c.len_utf8())
}

/// What the scan does at a byte: most bytes are told by one look-up, and only a digit, a dot,
/// an upper-case letter or a non-ASCII byte takes a longer path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum ByteClass {
    /// ' ', '\t', '\x0b', '\x0c': whitespace within a line.
    Blank,
    /// '\n', '\r'.
    LineBreak,
    Lower,
    Upper,
    /// ASCII punctuation and control bytes other than '.': always a token of one byte (no
    /// number, word or address starts with one).
    Punct,
    /// '.': a token of one byte, unless a number starts with it (".5").
    Dot,
    /// '0'..='9': a number, read at once when it plainly ends with its digits.
    Digit,
    /// Non-ASCII bytes: the general path.
    Other,
}

static BYTE_CLASS: [ByteClass; 256] = {
    let mut table = [ByteClass::Other; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = match c {
            b' ' | b'\t' | 0x0b | 0x0c => ByteClass::Blank,
            b'\n' | b'\r' => ByteClass::LineBreak,
            b'a'..=b'z' => ByteClass::Lower,
            b'A'..=b'Z' => ByteClass::Upper,
            b'0'..=b'9' => ByteClass::Digit,
            b'.' => ByteClass::Dot,
            _ => ByteClass::Punct,
        };
        b += 1;
    }
    table
};

/// Appends the tokens of `text[start..end]` to `out`.
pub fn tokenize(text: &str, start: usize, end: usize, out: &mut TokenList) {
    let bytes = &text.as_bytes()[..end];
    let mut i = start;
    let mut attached = false;
    let mut newline_before = true;
    out.note_line_break();
    while i < end {
        let class = BYTE_CLASS[usize::from(bytes[i])];
        match class {
            ByteClass::Blank => {
                attached = false;
                i += 1;
                continue;
            }
            ByteClass::LineBreak => {
                newline_before = true;
                out.note_line_break();
                attached = false;
                i += 1;
                continue;
            }
            ByteClass::Punct | ByteClass::Dot
                if class == ByteClass::Punct || attached || !next_is_digit(bytes, i + 1, end) =>
            {
                out.push(Token {
                    kind: TokKind::Punct,
                    start: i,
                    end: i + 1,
                    attached,
                    newline_before,
                    may_start: false,
                });
                newline_before = false;
                i += 1;
                // Most often one space follows: passed here rather than by another turn.
                attached = bytes.get(i) != Some(&b' ');
                i += usize::from(!attached);
                continue;
            }
            // The most common token: ASCII letters and digits, starting with a letter, then
            // whitespace or punctuation that ends the word. No address (no '@', ':' or "www.")
            // and no joiner: the word is the run.
            ByteClass::Lower | ByteClass::Upper => {
                let run_end = ascii_alnum_end(bytes, i + 1, end);
                if run_ends_word(bytes, i, run_end, end)
                    && !(class == ByteClass::Upper
                        && run_end - i >= 4
                        && bytes[i + 3].is_ascii_digit()
                        && currency_code_glued(text, i, run_end).is_some())
                {
                    out.push(Token {
                        kind: TokKind::Word,
                        start: i,
                        end: run_end,
                        attached,
                        newline_before,
                        may_start: super::lexicon::plain_word_may_start_number(&bytes[i..run_end]),
                    });
                    newline_before = false;
                    i = run_end;
                    // Most often one space follows: passed here rather than by another turn.
                    attached = bytes.get(i) != Some(&b' ');
                    i += usize::from(!attached);
                    continue;
                }
            }
            // Most numbers are digits, with a decimal part or not ("2025", "5.6"), before a
            // space or sentence punctuation: no separator, exponent or address goes on from
            // there.
            ByteClass::Digit => {
                let mut number_end = digits_from(bytes, i + 1, end);
                if bytes.get(number_end) == Some(&b'.') && next_is_digit(bytes, number_end + 1, end)
                {
                    number_end = digits_from(bytes, number_end + 2, end);
                }
                if number_ends_here(bytes, number_end, end) {
                    out.push(Token {
                        kind: TokKind::Num,
                        start: i,
                        end: number_end,
                        attached,
                        newline_before,
                        may_start: true,
                    });
                    newline_before = false;
                    i = number_end;
                    // Most often one space follows: passed here rather than by another turn.
                    attached = bytes.get(i) != Some(&b' ');
                    i += usize::from(!attached);
                    continue;
                }
            }
            ByteClass::Punct | ByteClass::Dot | ByteClass::Other => {}
        }
        i = general_token(text, i, end, &mut attached, &mut newline_before, out);
    }
    out.end_range();
}

/// The token (or whitespace) at `i` that the fast cases of `tokenize` leave: numbers, words
/// that go on past their ASCII letters and digits, addresses, non-ASCII characters. Returns
/// where the scan goes on.
#[inline(never)]
fn general_token(
    text: &str,
    mut i: usize,
    end: usize,
    attached: &mut bool,
    newline_before: &mut bool,
    out: &mut TokenList,
) -> usize {
    let bytes = text.as_bytes();
    let (c, len) = char_at(text, i);
    // Group spaces (thin, narrow no-break, no-break) are whitespace too.
    if c.is_whitespace() {
        if c == '\n' || c == '\r' {
            *newline_before = true;
            out.note_line_break();
        }
        *attached = false;
        return i + len;
    }
    let tok_start = i;
    // The ASCII letters and digits at `i`, read once for the address test and the word.
    let run_end = ascii_alnum_end(bytes, i, end);
    let kind;
    let mut may_start = true;
    if let Some(opaque_end) = opaque_run(text, i, run_end, end) {
        kind = TokKind::Opaque;
        may_start = false;
        i = opaque_end;
    } else if vulgar_fraction(c).is_some() {
        kind = TokKind::Num;
        i += len;
    } else if c.is_ascii_digit() || (c == '.' && next_is_digit(bytes, i + 1, end) && !*attached) {
        let (num_end, dotted) = scan_number(text, i, end);
        kind = if dotted {
            TokKind::Opaque
        } else {
            TokKind::Num
        };
        i = num_end;
    } else if is_word_char(c) {
        let word_end = scan_word(text, i, run_end, end);
        if let Some(code_end) = currency_code_glued(text, i, word_end) {
            // "USD115": the code, then the number glued to it.
            out.push(Token {
                kind: TokKind::Word,
                start: i,
                end: code_end,
                attached: *attached,
                newline_before: *newline_before,
                may_start: true,
            });
            *attached = true;
            *newline_before = false;
            return code_end;
        }
        // Letters and digits alone hold no hyphen: only a longer word can be a compound.
        if word_end > run_end
            && split_number_compound(text, i, word_end, *attached, *newline_before, out)
        {
            *attached = true;
            *newline_before = false;
            return word_end;
        }
        i = word_end;
        kind = TokKind::Word;
        may_start = general_word_may_start(bytes, tok_start, run_end, i);
    } else {
        i += len;
        kind = TokKind::Punct;
        may_start = false;
    }
    out.push(Token {
        kind,
        start: tok_start,
        end: i,
        attached: *attached,
        newline_before: *newline_before,
        may_start,
    });
    *attached = true;
    *newline_before = false;
    i
}

/// `Token::may_start` of a word `bytes[start..end]` that the fast path of `tokenize` leaves,
/// whose ASCII letters and digits run to `run_end`: a plain word is told by its shape, as
/// there; the others by their ends.
fn general_word_may_start(bytes: &[u8], start: usize, run_end: usize, end: usize) -> bool {
    let word = &bytes[start..end];
    if run_end == end && word[0].is_ascii_alphabetic() {
        super::lexicon::plain_word_may_start_number(word)
    } else {
        super::lexicon::other_word_may_start_number(word)
    }
}

/// Whether the word starting with a letter at `i` ends with its run of ASCII letters and
/// digits at `run_end`, and is no address: whitespace follows, or a closing delimiter, or
/// sentence punctuation and then whitespace (save "www.").
fn run_ends_word(bytes: &[u8], i: usize, run_end: usize, end: usize) -> bool {
    let Some(&next) = bytes[..end].get(run_end) else {
        return true;
    };
    match AFTER_RUN[usize::from(next)] {
        AfterRun::Ends => true,
        AfterRun::Continues => false,
        AfterRun::EndsBeforeSpace => {
            bytes[..end]
                .get(run_end + 1)
                .is_none_or(|b| b.is_ascii_whitespace())
                && !(next == b'.' && bytes[i..run_end].eq_ignore_ascii_case(b"www"))
        }
    }
}

/// What the byte after a word's run of ASCII letters and digits makes of the word, for
/// `run_ends_word`: told by one look-up.
#[derive(Clone, Copy)]
enum AfterRun {
    /// Whitespace or a closing delimiter: the word ends.
    Ends,
    /// Sentence punctuation: the word ends if whitespace (or the end) follows it.
    EndsBeforeSpace,
    /// Anything else: the word may go on, or be an address.
    Continues,
}

static AFTER_RUN: [AfterRun; 256] = {
    let mut table = [AfterRun::Continues; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = match b as u8 {
            b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b')' | b'"' | b']' | b'<' | b'>' => {
                AfterRun::Ends
            }
            b',' | b';' | b'!' | b'?' | b'.' => AfterRun::EndsBeforeSpace,
            _ => AfterRun::Continues,
        };
        b += 1;
    }
    table
};

/// Whether a number read as digits, and a decimal part or not, up to `number_end` ends there
/// (as `scan_number` reads it, and no address goes on: `opaque_run`): at the end, before
/// whitespace or a closing delimiter, before a space and no digit (which a plain space groups:
/// "1 234"), or before ',', '.', ';' or '%' and then whitespace (no separator, decimal, dotted
/// sequence or address goes on).
fn number_ends_here(bytes: &[u8], number_end: usize, end: usize) -> bool {
    let Some(&next) = bytes[..end].get(number_end) else {
        return true;
    };
    let after = bytes[..end].get(number_end + 1).copied();
    match next {
        b'\n' | b'\r' | b'\t' | b')' | b']' | b'"' | b'<' | b'>' => true,
        b' ' => !after.is_some_and(|b| b.is_ascii_digit()),
        b',' | b'.' | b';' | b'%' => after.is_none_or(|b| matches!(b, b' ' | b'\n' | b'\r')),
        _ => false,
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
    // Indian grouping: 12,34,567 (two-digit groups, then a last group of three).
    if (1..=2).contains(&first_group)
        && let Some(e) = indian_groups(bytes, i, end)
    {
        i = e;
    } else if first_group > 0 && first_group <= 3 {
        // Thousands groups: `,ddd` (exactly three digits, then no digit) or a group space + ddd.
        let mut plain_space_from = None;
        loop {
            if i < end && bytes[i] == b',' && three_digits_at(bytes, i + 1, end) {
                if plain_space_from.is_some() {
                    break;
                }
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
            // A plain space groups digits too ("1 234 567"), only between groups of exactly
            // three digits and never before another run of digits ("+1 555 123 4567").
            if i < end
                && bytes[i] == b' '
                && three_digits_at(bytes, i + 1, end)
                && (plain_space_from.is_some() || i == start + first_group)
            {
                plain_space_from.get_or_insert(i);
                i += 4;
                continue;
            }
            break;
        }
        if let Some(from) = plain_space_from {
            let followed_by_digits =
                i + 1 < end && bytes[i] == b' ' && bytes[i + 1].is_ascii_digit();
            if followed_by_digits {
                i = from;
            }
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

/// After one or two leading digits at `i`: `,dd` groups then a final `,ddd` (no digit after).
fn indian_groups(bytes: &[u8], mut i: usize, end: usize) -> Option<usize> {
    let mut pairs = 0;
    while i + 3 <= end
        && bytes[i] == b','
        && bytes[i + 1].is_ascii_digit()
        && bytes[i + 2].is_ascii_digit()
        && (i + 3 < end && bytes[i + 3] == b',')
        && !three_digits_at(bytes, i + 1, end)
    {
        i += 3;
        pairs += 1;
    }
    (pairs > 0 && three_digits_at(bytes, i + 1, end) && bytes[i] == b',').then_some(i + 4)
}

/// "USD115", "EUR12.5": an upper-case currency code glued to digits; where the code ends.
fn currency_code_glued(text: &str, start: usize, end: usize) -> Option<usize> {
    let bytes = &text.as_bytes()[start..end];
    if bytes.len() < 4 || !bytes[..3].iter().all(u8::is_ascii_uppercase) {
        return None;
    }
    if !bytes[3..].iter().all(|b| b.is_ascii_digit() || *b == b'.') || !bytes[3].is_ascii_digit() {
        return None;
    }
    super::lexicon::currency_word(&text[start..start + 3])?;
    Some(start + 3)
}

/// The value of a vulgar fraction character ("½" → 0.5).
pub fn vulgar_fraction(c: char) -> Option<f64> {
    Some(match c {
        '½' => 0.5,
        '⅓' => 1.0 / 3.0,
        '⅔' => 2.0 / 3.0,
        '¼' => 0.25,
        '¾' => 0.75,
        '⅕' => 0.2,
        '⅖' => 0.4,
        '⅗' => 0.6,
        '⅘' => 0.8,
        '⅙' => 1.0 / 6.0,
        '⅚' => 5.0 / 6.0,
        '⅛' => 0.125,
        '⅜' => 0.375,
        '⅝' => 0.625,
        '⅞' => 0.875,
        _ => return None,
    })
}

/// Whether `word` is a compound (with a hyphen, '-' or '‑') with a part that may be a number
/// word: most compounds hold none ("GPU-hours", "Llama-3.1-405B"), as none of their parts has
/// the shape of one, nor of "hundred".
fn compound_part_may_be_number(word: &str) -> bool {
    let may_be_number =
        |part: &[u8]| !part.is_ascii() || super::lexicon::NUMBER_START_SHAPES.may_hold(part);
    let bytes = word.as_bytes();
    // '‑' (U+2011) starts with 0xE2; most compounds hold only ASCII hyphens, split on the byte
    // (which no other character holds).
    if bytes.contains(&0xE2) {
        word.contains(['-', '‑']) && word.split(['-', '‑']).any(|p| may_be_number(p.as_bytes()))
    } else {
        bytes.contains(&b'-') && bytes.split(|&b| b == b'-').any(may_be_number)
    }
}

/// Splits a hyphenated word whose parts join a number word to another word ("four-year",
/// "one-yen", "three-quarters", "hundred-fifths") into its parts and the hyphens between them,
/// so the parser sees the number and its unit. "twenty-one" stays one word, and so does a word
/// whose parts are all number words or none is ("fifty-fifty", "multi-billion").
fn split_number_compound(
    text: &str,
    start: usize,
    end: usize,
    attached: bool,
    newline_before: bool,
    out: &mut TokenList,
) -> bool {
    let word = &text[start..end];
    if !compound_part_may_be_number(word) || super::lexicon::denominator(word).is_some() {
        return false;
    }
    // Parts with their byte ranges; a tens-unit pair ("twenty-one") is one part.
    let mut parts: Vec<(usize, usize)> = Vec::new();
    let mut from = start;
    for (off, c) in word.char_indices() {
        if c == '-' || c == '‑' {
            parts.push((from, start + off));
            from = start + off + c.len_utf8();
        }
    }
    parts.push((from, end));
    if parts.len() > 8 {
        return false;
    }
    // Lower-cased only when need be: most parts already are.
    let lower = |p: &(usize, usize)| super::lexicon::lower(&text[p.0..p.1]);
    let is_num = |p: &(usize, usize)| {
        let w = lower(p);
        super::lexicon::number_word(&w).is_some() || w == "hundred"
    };
    let mut merged: Vec<(usize, usize)> = Vec::with_capacity(parts.len());
    for p in parts {
        if let Some(last) = merged.last_mut() {
            let prev = lower(last);
            let cur = lower(&p);
            if super::lexicon::tens_word(&prev).is_some()
                && super::lexicon::unit_word(&cur).is_some_and(|u| u > 0)
            {
                last.1 = p.1;
                continue;
            }
        }
        merged.push(p);
    }
    if merged.len() < 2 {
        return false;
    }
    let numbers = merged.iter().filter(|p| is_num(p)).count();
    if numbers == 0 || numbers == merged.len() {
        return false;
    }
    for (k, p) in merged.iter().enumerate() {
        if k > 0 {
            let prev_end = merged[k - 1].1;
            out.push(Token {
                kind: TokKind::Punct,
                start: prev_end,
                end: p.0,
                attached: true,
                newline_before: false,
                may_start: false,
            });
        }
        out.push(Token {
            kind: TokKind::Word,
            start: p.0,
            end: p.1,
            attached: if k == 0 { attached } else { true },
            newline_before: k == 0 && newline_before,
            may_start: true,
        });
    }
    true
}

fn three_digits_at(bytes: &[u8], i: usize, end: usize) -> bool {
    i + 3 <= end
        && bytes[i..i + 3].iter().all(u8::is_ascii_digit)
        && (i + 3 >= end || !bytes[i + 3].is_ascii_digit())
}

/// Whether each byte is an ASCII letter or digit: a table, as the scans below look at every
/// byte of the prose.
pub(crate) static ASCII_ALNUM: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    table
};

/// Where the run of ASCII letters and digits at `i` ends.
fn ascii_alnum_end(bytes: &[u8], i: usize, end: usize) -> usize {
    let run = &bytes[i..end];
    i + run
        .iter()
        .position(|&b| !ASCII_ALNUM[usize::from(b)])
        .unwrap_or(run.len())
}

/// Scans a word: letters and digits, joined by internal `-`, `'`, `’`, `&` ("S&P"), and, once the
/// word holds a digit, by `.digit` ("GPT-4.5", "v1.2"). The word starts at `start`, and its
/// ASCII letters and digits up to `run_end` are already read.
fn scan_word(text: &str, start: usize, run_end: usize, end: usize) -> usize {
    let bytes = text.as_bytes();
    let mut i = run_end;
    while i < end {
        let (c, len) = char_at(text, i);
        if c.is_ascii_alphanumeric() {
            i = ascii_alnum_end(bytes, i, end);
            continue;
        }
        if is_word_char(c) {
            i += len;
            continue;
        }
        let joiner = matches!(c, '-' | '\'' | '’' | '&' | '‑')
            || (c == '.' && bytes[start..i].iter().any(u8::is_ascii_digit));
        let next_ok = joiner && i + len < end && {
            let (n, _) = char_at(text, i + len);
            if c == '.' {
                n.is_ascii_digit()
            } else {
                is_word_char(n)
            }
        };
        if !next_ok {
            break;
        }
        i += len;
    }
    i
}

/// A URL or e-mail address starting at `i`, whose ASCII letters and digits run to `run_end`:
/// returns where it ends.
fn opaque_run(text: &str, i: usize, run_end: usize, end: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    // Checked before the chunk is scanned: called at every token, a scan from each of a long
    // run of punctuation ("[[[[…", "----…") would be quadratic.
    if !(i < end && bytes[i].is_ascii_alphanumeric()) {
        return None;
    }
    // The chunk runs to the next whitespace or closing delimiter, and is an address only with
    // an '@', a ':' or "www." in it. Most chunks are a run of letters and digits ending there: a
    // plain word or number, told apart without decoding a character.
    let ends_chunk =
        |b: u8| b.is_ascii_whitespace() || matches!(b, b'<' | b'>' | b'"' | b')' | b']');
    if run_end == end || ends_chunk(bytes[run_end]) {
        return None;
    }
    let mut chunk_end = run_end;
    let mut marked = false;
    while chunk_end < end {
        let b = bytes[chunk_end];
        let (c, len) = if b.is_ascii() {
            (char::from(b), 1)
        } else {
            char_at(text, chunk_end)
        };
        if c.is_whitespace() || matches!(c, '<' | '>' | '"' | ')' | ']') {
            break;
        }
        marked |= matches!(c, '@' | ':');
        chunk_end += len;
    }
    let chunk = &text[i..chunk_end];
    let starts = |p: &str| {
        chunk
            .get(..p.len())
            .is_some_and(|h| h.eq_ignore_ascii_case(p))
    };
    // "www." starts with a 'w': most chunks are ruled out on their first byte.
    let may_be_address = marked || (bytes[i] | 0x20 == b'w' && starts("www."));
    if !may_be_address {
        return None;
    }
    let is_url = starts("http://")
        || starts("https://")
        || starts("www.")
        || chunk.find("://").is_some_and(|p| p < 12);
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

    /// The tokenizer as first written, one character decision after another: the oracle for
    /// the table-driven `tokenize`.
    /// Appends the tokens of `text[start..end]` to `out`.
    fn tokenize_reference(text: &str, start: usize, end: usize, out: &mut Vec<Token>) {
        let bytes = text.as_bytes();
        let mut i = start;
        let mut attached = false;
        let mut newline_before = true;
        while i < end {
            // The most common byte between tokens.
            if bytes[i] == b' ' {
                attached = false;
                i += 1;
                continue;
            }
            // The most common token: ASCII letters and digits, starting with a letter, then
            // whitespace or punctuation that ends the word. No address (no '@', ':' or "www.") and
            // no joiner: the word is the run.
            if bytes[i].is_ascii_alphabetic() {
                let run_end = ascii_alnum_end(bytes, i, end);
                if run_ends_word(bytes, i, run_end, end)
                    && !(bytes[i].is_ascii_uppercase()
                        && currency_code_glued(text, i, run_end).is_some())
                {
                    out.push(Token {
                        kind: TokKind::Word,
                        start: i,
                        end: run_end,
                        attached,
                        newline_before,
                        may_start: crate::reader::lexicon::plain_word_may_start_number(
                            &bytes[i..run_end],
                        ),
                    });
                    attached = true;
                    newline_before = false;
                    i = run_end;
                    continue;
                }
            }
            let (c, len) = char_at(text, i);
            // Group spaces (thin, narrow no-break, no-break) are whitespace too.
            if c.is_whitespace() {
                if c == '\n' || c == '\r' {
                    newline_before = true;
                }
                attached = false;
                i += len;
                continue;
            }
            let tok_start = i;
            // The ASCII letters and digits at `i`, read once for the address test and the word.
            let run_end = ascii_alnum_end(bytes, i, end);
            let kind;
            let mut may_start = true;
            if let Some(opaque_end) = opaque_run(text, i, run_end, end) {
                kind = TokKind::Opaque;
                may_start = false;
                i = opaque_end;
            } else if vulgar_fraction(c).is_some() {
                kind = TokKind::Num;
                i += len;
            } else if c.is_ascii_digit()
                || (c == '.' && next_is_digit(bytes, i + 1, end) && !attached)
            {
                let (num_end, dotted) = scan_number(text, i, end);
                kind = if dotted {
                    TokKind::Opaque
                } else {
                    TokKind::Num
                };
                i = num_end;
            } else if is_word_char(c) {
                let word_end = scan_word(text, i, run_end, end);
                if let Some(code_end) = currency_code_glued(text, i, word_end) {
                    // "USD115": the code, then the number glued to it.
                    out.push(Token {
                        kind: TokKind::Word,
                        start: i,
                        end: code_end,
                        attached,
                        newline_before,
                        may_start: true,
                    });
                    attached = true;
                    newline_before = false;
                    i = code_end;
                    continue;
                }
                // Letters and digits alone hold no hyphen: only a longer word can be a compound.
                let mut parts = TokenList::default();
                if word_end > run_end
                    && split_number_compound(
                        text,
                        i,
                        word_end,
                        attached,
                        newline_before,
                        &mut parts,
                    )
                {
                    out.extend(parts.tokens);
                    i = word_end;
                    attached = true;
                    newline_before = false;
                    continue;
                }
                i = word_end;
                kind = TokKind::Word;
                may_start = general_word_may_start(bytes, tok_start, run_end, i);
            } else {
                i += len;
                kind = TokKind::Punct;
                may_start = false;
            }
            out.push(Token {
                kind,
                start: tok_start,
                end: i,
                attached,
                newline_before,
                may_start,
            });
            attached = true;
            newline_before = false;
        }
    }

    fn toks(s: &str) -> Vec<(TokKind, &str, bool)> {
        let mut out = TokenList::default();
        tokenize(s, 0, s.len(), &mut out);
        out.tokens
            .iter()
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

    #[test]
    fn digit_groups_hyphen_compounds_and_fractions() {
        use TokKind::*;
        assert_eq!(toks("1 234 567"), vec![(Num, "1 234 567", false)]);
        // A plain space never groups before another run of digits (a phone number).
        assert_eq!(
            toks("1 555 123 4567"),
            vec![
                (Num, "1", false),
                (Num, "555", false),
                (Num, "123", false),
                (Num, "4567", false)
            ]
        );
        assert_eq!(toks("12,34,567.89"), vec![(Num, "12,34,567.89", false)]);
        assert_eq!(toks("2½"), vec![(Num, "2", false), (Num, "½", true)]);
        assert_eq!(
            toks("four-year"),
            vec![
                (Word, "four", false),
                (Punct, "-", true),
                (Word, "year", true)
            ]
        );
        assert_eq!(toks("twenty-one"), vec![(Word, "twenty-one", false)]);
        assert_eq!(toks("twenty-first"), vec![(Word, "twenty-first", false)]);
        assert_eq!(toks("multi-billion"), vec![(Word, "multi-billion", false)]);
        assert_eq!(
            toks("USD115"),
            vec![(Word, "USD", false), (Num, "115", true)]
        );
    }

    /// `compound_part_may_be_number` as first written: the oracle for its split on bytes.
    fn compound_part_may_be_number_reference(word: &str) -> bool {
        let maybe_hyphen = word.bytes().any(|b| b == b'-' || b == 0xE2);
        if !maybe_hyphen || !word.contains(['-', '‑']) {
            return false;
        }
        let may_be_number = |part: &str| {
            !part.is_ascii()
                || crate::reader::lexicon::NUMBER_START_SHAPES.may_hold(part.as_bytes())
        };
        if word.as_bytes().contains(&0xE2) {
            word.split(['-', '‑']).any(may_be_number)
        } else {
            word.split('-').any(may_be_number)
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn compound_parts_split_on_bytes_as_on_characters(
            word in "(twenty|four|GPU|hundred|one|é|€|\u{2010}|[a-zA-Z0-9]{0,5})((-|‑|—|’)(year|One|fifths|hours|x|é|[a-zA-Z0-9]{0,5})){0,3}",
        ) {
            proptest::prop_assert_eq!(
                compound_part_may_be_number(&word),
                compound_part_may_be_number_reference(&word)
            );
        }
    }

    /// Pieces that reach every case of the scan: words, numbers with separators, addresses,
    /// currency codes, compounds, joiners, fractions, group spaces, line breaks, punctuation.
    fn piece() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        prop_oneof![
            "[a-zA-Z]{1,8}",
            "[0-9]{1,4}([.,][0-9]{1,3}){0,3}",
            "[0-9]{1,3}( [0-9]{3}){1,3}( [0-9]{1,4})?[ )\\]\n\t<]",
            "[ \t\n\r]{1,3}",
            "[!-/:-@\\[-`{-~]",
            Just("USD115".to_string()),
            Just("EUR12.5".to_string()),
            Just("four-year".to_string()),
            Just("twenty-one".to_string()),
            Just("GPU-hours".to_string()),
            Just("Four-Year".to_string()),
            Just("one-third".to_string()),
            Just("ten-fold".to_string()),
            Just("hundred-fifths".to_string()),
            Just("fifty‑fifty".to_string()),
            Just("twenty‑first".to_string()),
            Just("Nvidia’s".to_string()),
            Just("S&P".to_string()),
            Just("GPT-4.5".to_string()),
            Just("www.example.com".to_string()),
            Just("https://x.com/a?b=1".to_string()),
            Just("a@b.com".to_string()),
            Just("3.8e25".to_string()),
            Just("½".to_string()),
            Just("2\u{202F}048".to_string()),
            Just("\u{a0}".to_string()),
            Just("é".to_string()),
            Just("€".to_string()),
            Just("—".to_string()),
            Just("\u{7f}\u{1c}".to_string()),
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        #[test]
        fn table_scan_matches_the_reference(
            pieces in proptest::collection::vec(piece(), 0..24),
            from in 0usize..4,
        ) {
            let text: String = pieces.concat();
            // Start at a character boundary near the front, as a prose range may.
            let start = (0..=from.min(text.len())).rev().find(|&i| text.is_char_boundary(i)).unwrap_or(0);
            let mut fast = TokenList::default();
            tokenize(&text, start, text.len(), &mut fast);
            let mut reference = Vec::new();
            tokenize_reference(&text, start, text.len(), &mut reference);
            // The indices noted on the way are those of the tokens with the flags.
            let flagged = |flag: fn(&Token) -> bool| {
                (0..reference.len()).filter(|&k| flag(&reference[k])).collect::<Vec<_>>()
            };
            proptest::prop_assert_eq!(&fast.starts, &flagged(|t| t.may_start));
            proptest::prop_assert_eq!(&fast.line_starts, &flagged(|t| t.newline_before));
            proptest::prop_assert_eq!(fast.tokens, reference);
        }
    }
}
