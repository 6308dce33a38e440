//! The forms of issue 3, one assertion each: what the reader reads (number words, fractions,
//! vague magnitudes, multipliers, rates, compound counts, signed and relative forms) and what it
//! must not read (dates, times, ordinals, labels, contacts, versions, names with digits), with
//! exact spans, lines and columns after multi-byte characters.

use factcheck::check::Checker;
use factcheck::dataset::{Direction, builtin};
use factcheck::document::Document;
use factcheck::reader::{self, Amount, Claim, Kind};

fn read(text: &str) -> Vec<Claim> {
    let doc = Document::from_text("t".into(), text.to_string());
    reader::read(&doc, &[])
}

/// The one claim of `text`, with its text.
fn one(text: &str) -> (String, Claim) {
    let claims = read(text);
    assert_eq!(
        claims.len(),
        1,
        "{text:?} should hold one claim, found {:?}",
        claims
            .iter()
            .map(|c| &text[c.span.start..c.span.end])
            .collect::<Vec<_>>()
    );
    let c = claims.into_iter().next().expect("one claim");
    (text[c.span.start..c.span.end].to_string(), c)
}

fn value(c: &Claim) -> f64 {
    match c.amount {
        Amount::Exact(n) => n.value,
        other => panic!("expected an exact amount, got {other:?}"),
    }
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
}

/// `text` yields one claim whose text is `claim`, value `v`, unit `unit` and kind `kind`.
#[track_caller]
fn reads(text: &str, claim: &str, v: f64, unit: &str, kind: Kind) {
    let (t, c) = one(text);
    assert_eq!(t, claim, "claim text in {text:?}");
    assert!(close(value(&c), v), "{text:?}: value {} ≠ {v}", value(&c));
    assert_eq!(c.unit.code, unit, "unit in {text:?}");
    assert_eq!(c.unit.kind, kind, "kind in {text:?}");
}

#[track_caller]
fn none(text: &str) {
    let claims = read(text);
    assert!(
        claims.is_empty(),
        "{text:?} should hold no claim, found {:?}",
        claims
            .iter()
            .map(|c| &text[c.span.start..c.span.end])
            .collect::<Vec<_>>()
    );
}

#[test]
fn number_words_of_any_size() {
    use Kind::Count;
    reads(
        "It hired one hundred and sixty-one engineers.",
        "one hundred and sixty-one engineers",
        161.0,
        "engineer",
        Count,
    );
    reads(
        "It cut twenty-one thousand jobs.",
        "twenty-one thousand jobs",
        21_000.0,
        "job",
        Count,
    );
    reads(
        "It will spend two and a half billion dollars.",
        "two and a half billion dollars",
        2.5e9,
        "USD",
        Kind::Money,
    );
    reads(
        "The state pledged three lakh crore rupees.",
        "three lakh crore rupees",
        3e12,
        "INR",
        Kind::Money,
    );
    reads(
        "Output reached two hundred thousand units.",
        "two hundred thousand units",
        200_000.0,
        "unit",
        Count,
    );
    reads(
        "It sold a dozen chips.",
        "a dozen chips",
        12.0,
        "chip",
        Count,
    );
    reads(
        "Half a million people signed.",
        "Half a million people",
        500_000.0,
        "people",
        Count,
    );
}

#[test]
fn fractions() {
    use Kind::Count;
    let (t, c) = one("A third of the staff left.");
    assert_eq!(t, "A third of the staff");
    assert!(close(value(&c), 1.0 / 3.0));
    reads(
        "Three-quarters of the market is Nvidia's.",
        "Three-quarters of the market",
        0.75,
        "market",
        Count,
    );
    reads(
        "More than half of all firms use AI.",
        "More than half of all firms",
        0.5,
        "firm",
        Count,
    );
    reads(
        "Two thirds of a million users quit.",
        "Two thirds of a million users",
        2e6 / 3.0,
        "user",
        Count,
    );
    // An ordinal is not a fraction; "the second half" is no quantity.
    none("It was the third time this year.");
    none("Results for the second half of the year.");
    none("It was a one-time gain.");
}

#[test]
fn vague_magnitudes_are_ranges() {
    for (text, low, high) in [
        ("tens of thousands of chips", 1e4, 1e5),
        ("hundreds of millions of users", 1e8, 1e9),
        ("dozens of firms", 24.0, 100.0),
        ("a multi-billion dollar bet", 2e9, 1e12),
        ("billions of dollars", 1e9, 1e12),
        ("several hundred staff", 200.0, 1000.0),
    ] {
        let claims = read(text);
        assert_eq!(claims.len(), 1, "{text}");
        match claims[0].amount {
            Amount::Vague { low: l, high: h } => {
                assert!(close(l, low) && close(h, high), "{text}: {l}..{h}")
            }
            other => panic!("{text}: {other:?}"),
        }
    }
}

#[test]
fn multipliers_are_unit_x() {
    use Kind::Multiplier;
    reads("Blackwell is 11x faster.", "11x", 11.0, "x", Multiplier);
    reads("Demand grew tenfold.", "tenfold", 10.0, "x", Multiplier);
    reads("It has twice as many GPUs.", "twice", 2.0, "x", Multiplier);
    reads(
        "The cluster is three times as large.",
        "three times",
        3.0,
        "x",
        Multiplier,
    );
    reads("Costs fell 10-fold.", "10-fold", 10.0, "x", Multiplier);
    // A frequency is no multiplier.
    let (_, c) = one("He called 3 times.");
    assert_eq!(c.unit.kind, Kind::Count);
}

#[test]
fn rates_have_compound_units() {
    use Kind::Rate;
    reads(
        "Input costs $0.27 per million tokens.",
        "$0.27 per million tokens",
        0.27,
        "USD/1M tokens",
        Rate,
    );
    reads(
        "Renting costs $2 per GPU hour.",
        "$2 per GPU hour",
        2.0,
        "USD/GPU-hour",
        Rate,
    );
    reads("o1 costs $15/million.", "$15/million", 15.0, "USD/1M", Rate);
    reads(
        "The bid was $70 a share.",
        "$70 a share",
        70.0,
        "USD/share",
        Rate,
    );
}

#[test]
fn counts_with_compound_and_name_nouns() {
    use Kind::{Count, Measure};
    reads(
        "It took 2.788M H800 GPU hours.",
        "2.788M H800 GPU hours",
        2.788e6,
        "GPU-hour",
        Count,
    );
    reads(
        "It took 30.84 million GPU-hours.",
        "30.84 million GPU-hours",
        30.84e6,
        "GPU-hour",
        Count,
    );
    reads(
        "It saw 14.8 trillion tokens.",
        "14.8 trillion tokens",
        14.8e12,
        "token",
        Count,
    );
    reads(
        "It has 671B parameters.",
        "671B parameters",
        671e9,
        "parameter",
        Count,
    );
    reads("It buys 100K GPUs.", "100K GPUs", 1e5, "GPU", Count);
    reads("The site needs 5 GW.", "5 GW", 5.0, "GW", Measure);
    reads(
        "Training emitted 8,930 tCO2e.",
        "8,930 tCO2e",
        8930.0,
        "tCO2e",
        Measure,
    );
    reads(
        "Meta used 16,000 of Nvidia’s more powerful H100s.",
        "16,000 of Nvidia’s more powerful H100s",
        16_000.0,
        "H100",
        Count,
    );
}

#[test]
fn signed_and_relative_forms() {
    for (text, claim, v) in [
        ("The index was down 3.1%.", "3.1%", 3.1),
        ("It suffered a 17% drop.", "17%", 17.0),
        ("The reading was minus 5.", "minus 5", 5.0),
        ("Futures were at -0.5%.", "-0.5%", 0.5),
        ("Nvidia plunged 17 percent.", "17 percent", 17.0),
    ] {
        let (t, c) = one(text);
        assert_eq!(t, claim);
        assert!(close(value(&c), v));
        assert_eq!(c.direction, Some(Direction::Down), "{text}");
    }
    let (_, c) = one("Shares rose +1.2% on the day.");
    assert_eq!(c.direction, Some(Direction::Up));
    // "up to" is a hedge, never a rise.
    let (_, c) = one("It will spend up to $65 billion.");
    assert_eq!(c.direction, None);
}

#[test]
fn dates_and_times_are_not_claims() {
    for text in [
        "It happened in 2025.",
        "Filed on 31/01/2025.",
        "Released Jan. 27.",
        "Released on 27 January 2025.",
        "Released on January 27, 2025.",
        "Growth in the 1990s.",
        "Results for Q4 2024.",
        "Guidance for FY2025.",
        "Data for 2024-25.",
        "Published 2025-01-31.",
        "Back in the ’80s.",
        "At 10:30 a.m. and 3 p.m. ET.",
        "The call is at 9am.",
    ] {
        none(text);
    }
}

#[test]
fn ordinals_labels_and_lists_are_not_claims() {
    for text in [
        "It was the first firm.",
        "It ranked No. 1 in Europe.",
        "It placed 2nd, then #3.",
        "1. Revenue grew.",
        "2) Costs fell.",
        "See section 4 and page 12.",
        "Table 3 and chapter 12 cover it.",
    ] {
        none(text);
    }
}

#[test]
fn contacts_versions_and_addresses_are_not_claims() {
    for text in [
        "Call 555-123-4567 or (555) 123-4567.",
        "Call +44 20 7946 0958.",
        "It runs version 2.3.1 and v1.5.",
        "The host is 10.0.0.1.",
        "See https://example.com/2025/q4?id=42.",
        "Mail press2@example.com.",
    ] {
        none(text);
    }
}

#[test]
fn names_with_digits_are_not_claims() {
    for text in [
        "H100, H800, A100 and GB200 chips.",
        "GPT-4o and o1 lead.",
        "Claude 3.5 Sonnet answered.",
        "Llama 3.1 405B is open.",
        "DeepSeek-V3 is cheap.",
        "The S&P 500 and the S&P500 fell.",
        "COVID-19 hit.",
        "Windows 11 ships on PCs.",
        "Huawei's Ascend 910B is new.",
        "TSMC's 3nm and 2nm nodes.",
    ] {
        none(text);
    }
}

#[test]
fn names_from_the_dataset_are_never_claims() {
    // With the built-in dataset's names, as `factcheck claims` reads.
    let text = "Meta trained Llama 3.1 405B on 16,000 GPUs.";
    let doc = Document::from_text("t".into(), text.into());
    let (claims, _) = Checker::new(&[builtin()]).read(&doc);
    let texts: Vec<&str> = claims
        .iter()
        .map(|c| &text[c.span.start..c.span.end])
        .collect();
    assert_eq!(texts, vec!["16,000 GPUs"]);
}

#[test]
fn spans_lines_and_columns_after_multibyte_characters() {
    let text =
        "Mistral’s sales — about €30 million — rose.\nSakana raised ¥30 billion; “£1.5bn” too.";
    let doc = Document::from_text("t".into(), text.into());
    let report = Checker::new(&[]).claims(&doc);
    let got: Vec<(String, usize, usize, usize, usize)> = report
        .claims
        .iter()
        .map(|c| {
            (
                c.text.to_string(),
                c.span.start,
                c.span.end,
                c.span.line,
                c.span.column,
            )
        })
        .collect();
    let want = |needle: &str, line: usize, column: usize| {
        let start = text.find(needle).expect("needle in text");
        (
            needle.to_string(),
            start,
            start + needle.len(),
            line,
            column,
        )
    };
    assert_eq!(
        got,
        vec![
            want("about €30 million", 1, 19),
            want("¥30 billion", 2, 15),
            want("£1.5bn", 2, 29),
        ]
    );
}

#[test]
fn the_seed_article_yields_its_fourteen_claims() {
    let text = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/articles/deepseek.txt"),
    )
    .expect("seed article");
    let doc = Document::from_text("deepseek.txt".into(), text.clone());
    let (claims, _) = Checker::new(&[builtin()]).read(&doc);
    let got: Vec<(&str, &str, Option<Direction>)> = claims
        .iter()
        .map(|c| {
            (
                &text[c.span.start..c.span.end],
                c.unit.code.as_str(),
                c.direction,
            )
        })
        .collect();
    let down = Some(Direction::Down);
    assert_eq!(
        got,
        vec![
            ("multi-billion dollar", "USD", None),
            ("$1 trillion", "USD", down),
            ("17%", "%", down),
            ("nearly $600 billion", "USD", down),
            ("$5.6 million", "USD", None),
            ("just under 2,050 graphics processing units", "GPU", None),
            ("tens of thousands of chips", "chip", None),
            ("16,000 of Nvidia’s more powerful H100s", "H100", None),
            ("tens of billions", "", None),
            ("up to $65 billion", "USD", None),
            ("more than 1.3 million GPUs", "GPU", None),
            ("$500 billion", "USD", None),
            ("four years", "year", None),
            ("billions", "", None),
        ]
    );
}

#[test]
fn a_claim_crosses_a_line_break_but_not_a_paragraph_break() {
    let (t, c) = one("Revenue of $1.5\nbillion was reported.");
    assert_eq!(t, "$1.5\nbillion");
    assert!(close(value(&c), 1.5e9));
    let claims = read("Revenue of $1.5\n\nbillion was reported.");
    assert_eq!(claims.len(), 1);
    assert!(close(value(&claims[0]), 1.5));
}
