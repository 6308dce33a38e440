//! Properties of the reader on arbitrary input: it never panics, its spans lie on character
//! boundaries and hold the claim's text, line and column agree with the text, reading is
//! deterministic, and text appended after a paragraph break never changes the claims before it.

use factcheck::check::Checker;
use factcheck::document::Document;
use factcheck::reader::{self, Claim};
use proptest::prelude::*;

/// Fragments that drive the parser deep: numbers, scales, currencies, hedges, units, names,
/// separators and multi-byte punctuation.
const FRAGMENTS: &[&str] = &[
    "0",
    "1",
    "2",
    "17",
    "2,050",
    "5.6",
    "1.3",
    "600",
    "2 048",
    "2\u{202F}048",
    "1 234 567",
    "12,34,567",
    "3.8e25",
    "1.1^23",
    "1.3x10^6",
    "½",
    "2½",
    "2 1/4",
    "31/01/2025",
    "10:30",
    "192.168.1.2",
    "$",
    "US$",
    "C$",
    "€",
    "£",
    "¥",
    "CN¥",
    "₹",
    "元",
    "%",
    "-",
    "–",
    "—",
    "’",
    "'",
    "\"",
    "“",
    ".",
    ",",
    ";",
    "(",
    ")",
    "/",
    "^",
    "+",
    "−",
    " ",
    " ",
    "\n",
    "\n\n",
    "million",
    "billion",
    "trillion",
    "thousand",
    "hundred",
    "k",
    "K",
    "M",
    "m",
    "bn",
    "B",
    "tn",
    "lakh",
    "crore",
    "dozen",
    "percent",
    "per cent",
    "percentage points",
    "bps",
    "x",
    "times",
    "tenfold",
    "twice",
    "fold",
    "one",
    "two",
    "twenty-one",
    "ninety",
    "a",
    "an",
    "and",
    "half",
    "a third",
    "quarter",
    "quarters",
    "fifths",
    "point",
    "minus",
    "negative",
    "nearly",
    "just under",
    "more than",
    "over",
    "up to",
    "about",
    "at least",
    "fewer than",
    "between",
    "to",
    "from",
    "of",
    "in",
    "out of",
    "per",
    "a share",
    "GPU",
    "GPUs",
    "hours",
    "GPU hours",
    "tokens",
    "years",
    "days",
    "GW",
    "tCO2e",
    "H100s",
    "Llama 3.1 405B",
    "S&P 500",
    "COVID-19",
    "Windows 11",
    "No.",
    "Section",
    "Jan.",
    "January",
    "1990s",
    "Q4",
    "FY2025",
    "tens of",
    "hundreds of",
    "thousands",
    "multi-billion",
    "dollars",
    "yuan",
    "cents",
    "fell",
    "rose",
    "down",
    "up",
    "said",
    "According to",
    "https://x.com/1",
    "a@b.co",
    "v2.3.1",
    "3nm",
    "1st",
    "#1",
    "\u{00A0}",
    "é",
    "日本",
    "🙂",
    "\r\n",
];

fn fragments() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(FRAGMENTS), 0..40).prop_map(|parts| {
        let mut s = String::new();
        for (k, p) in parts.iter().enumerate() {
            if k > 0 && k % 3 == 0 {
                s.push(' ');
            }
            s.push_str(p);
        }
        s
    })
}

/// Arbitrary unicode, news-like fragments, or a mix of both.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        fragments(),
        (fragments(), any::<String>(), fragments()).prop_map(|(a, b, c)| format!("{a}{b}{c}")),
    ]
}

fn read(text: &str) -> Vec<Claim> {
    let doc = Document::from_text("prop".into(), text.to_string());
    reader::read(&doc, &[])
}

/// The claims of `text` as comparable tuples (everything the reader decides).
fn key(claims: &[Claim]) -> Vec<String> {
    claims.iter().map(|c| format!("{c:?}")).collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn spans_are_exact_and_reading_is_deterministic(text in text()) {
        let doc = Document::from_text("prop".into(), text.clone());
        let claims = reader::read(&doc, &[]);
        for c in &claims {
            prop_assert!(c.span.start < c.span.end && c.span.end <= text.len());
            prop_assert!(text.is_char_boundary(c.span.start) && text.is_char_boundary(c.span.end));
            prop_assert!(text.is_char_boundary(c.number_span.start));
            prop_assert!(text.is_char_boundary(c.number_span.end));
            prop_assert!(c.span.covers(c.number_span), "number span outside the claim: {c:?}");
            prop_assert!(c.sentence.covers(c.span) || c.sentence == c.span);
        }
        // Claims come in order and do not overlap.
        for w in claims.windows(2) {
            prop_assert!(w[0].span.end <= w[1].span.start, "overlapping claims: {:?}", w);
        }
        prop_assert_eq!(key(&claims), key(&reader::read(&doc, &[])));

        // The `claims` path reports text[span] and the line and column of the span's start.
        let report = Checker::new(&[]).claims(&doc);
        prop_assert_eq!(report.claims.len(), claims.len());
        for r in &report.claims {
            prop_assert_eq!(&r.text, &text[r.span.start..r.span.end]);
            let before = &text[..r.span.start];
            let line = 1 + before.matches('\n').count()
                + before.matches('\r').count() - before.matches("\r\n").count();
            let line_start = before.rfind(['\n', '\r']).map_or(0, |p| p + 1);
            let column = 1 + text[line_start..r.span.start].chars().count();
            prop_assert_eq!((r.span.line, r.span.column), (line, column));
        }
    }

    #[test]
    fn text_after_a_paragraph_break_changes_nothing_before(a in text(), b in text()) {
        let before = read(&a);
        let joined = format!("{a}\n\n{b}");
        let after = read(&joined);
        let earlier: Vec<Claim> = after.into_iter().filter(|c| c.span.start < a.len()).collect();
        prop_assert_eq!(key(&before), key(&earlier));
    }
}

/// A few fixed inputs that once broke readers of this kind.
#[test]
fn edge_inputs_do_not_panic() {
    for text in [
        "",
        "$",
        "$$$",
        "-",
        "1",
        "1.",
        ".5",
        "1e",
        "1e999999",
        "9^999999",
        "1,",
        "1,00",
        "1 000 000 000 000 000 000 000",
        "a",
        "a half",
        "and a half",
        "half a",
        "one hundred and",
        "twenty-",
        "-twenty",
        "between 5 and",
        "US$",
        "c $",
        "£1.5bn “",
        "₹ 5",
        "5 €",
        "5\u{2009}",
        "\u{feff}5",
        "2½%",
        "1/0",
        "0/0",
        "10^-400",
        "one in",
        "1 in 0",
    ] {
        let _ = read(text);
    }
}
