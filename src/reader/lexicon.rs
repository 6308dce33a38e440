//! The words the reader knows: hedges, scales, currencies, units, number words, direction verbs.
//! All lookups take lower-case text.

use crate::dataset::Direction;
use serde::Serialize;
use std::borrow::Cow;

/// `word` in lower case, borrowed when it already is (most words are): lookups run on every
/// word near a number, so the common case must not allocate.
pub fn lower(word: &str) -> Cow<'_, str> {
    if word.bytes().all(|b| LOWER_AS_IS[usize::from(b)]) {
        Cow::Borrowed(word)
    } else {
        Cow::Owned(word.to_lowercase())
    }
}

/// `lower(word)` with no allocation for a word of ASCII letters (and digits) of at most
/// `LOWER_IN_LONGEST` bytes, the most common word with a capital: lowered into `buf`.
#[inline]
pub fn lower_in<'w>(word: &'w str, buf: &'w mut [u8; LOWER_IN_LONGEST]) -> Cow<'w, str> {
    if word.bytes().all(|b| LOWER_AS_IS[usize::from(b)]) {
        Cow::Borrowed(word)
    } else {
        lower_into(word, buf)
    }
}

/// `lower_in` of a word that is not in lower case.
#[inline(never)]
fn lower_into<'w>(word: &'w str, buf: &'w mut [u8; LOWER_IN_LONGEST]) -> Cow<'w, str> {
    let bytes = word.as_bytes();
    if bytes.len() <= LOWER_IN_LONGEST && bytes.is_ascii() {
        let lowered = &mut buf[..bytes.len()];
        lowered.copy_from_slice(bytes);
        lowered.make_ascii_lowercase();
        if let Ok(lowered) = std::str::from_utf8(lowered) {
            return Cow::Borrowed(lowered);
        }
    }
    Cow::Owned(word.to_lowercase())
}

/// The longest word `lower_in` lowers on the stack: longer words are rare.
pub const LOWER_IN_LONGEST: usize = 24;

/// The bytes a word in lower case is made of as it is: ASCII bytes other than capitals (one
/// look-up a byte).
static LOWER_AS_IS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = !(b as u8).is_ascii_uppercase();
        b += 1;
    }
    table
};

/// A hedge row of semantics.md §2.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Hedge {
    About,
    Nearly,
    JustUnder,
    JustOver,
    MoreThan,
    AtLeast,
    LessThan,
    UpTo,
}

/// Longest hedge phrase length in words.
pub const MAX_HEDGE_WORDS: usize = 4;

/// The hedge a phrase of lower-case words joined by single spaces states ("just under").
pub fn hedge_of(phrase: &str) -> Option<Hedge> {
    let mut words = [""; MAX_HEDGE_WORDS];
    let mut n = 0;
    for word in phrase.split(' ') {
        if n == MAX_HEDGE_WORDS {
            return None;
        }
        words[n] = word;
        n += 1;
    }
    hedge_of_words(&words[..n])
}

/// `may_end_hedge` of a word's lower case, told from its bytes: the words are ASCII with no
/// 'k' (the one ASCII letter a non-ASCII character lower-cases to), so only an ASCII word may
/// be one, and its lower case is its ASCII lower case.
pub fn may_end_hedge_any_case(word: &str) -> bool {
    /// The longest word of `may_end_hedge`, "approximately".
    const LONGEST: usize = 13;
    let bytes = word.as_bytes();
    // Most words are ruled out by their shape, in any case (a word with a non-ASCII end is none
    // of these ASCII words).
    if !HEDGE_END_SHAPES.may_hold(bytes) {
        return false;
    }
    // Most words have no capital: looked at as they are.
    if !bytes.iter().any(u8::is_ascii_uppercase) {
        return may_end_hedge(word);
    }
    if bytes.len() > LONGEST || !bytes.is_ascii() {
        return false;
    }
    let mut buf = [0u8; LONGEST];
    let lower = &mut buf[..bytes.len()];
    lower.copy_from_slice(bytes);
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).is_ok_and(may_end_hedge)
}

/// The hedge stated by a phrase given as its lower-case words (["just", "under"]).
pub fn hedge_of_words(words: &[&str]) -> Option<Hedge> {
    Some(match words {
        ["slightly", "less", "than"]
        | ["a", "little", "less", "than"]
        | ["a", "little", "under"]
        | ["slightly", "under"]
        | ["slightly", "below"]
        | ["just", "shy", "of"]
        | ["just", "under"]
        | ["just", "below"]
        | ["just", "short", "of"] => Hedge::JustUnder,
        ["slightly", "more", "than"]
        | ["a", "little", "more", "than"]
        | ["a", "little", "over"]
        | ["slightly", "over"]
        | ["slightly", "above"]
        | ["just", "over"]
        | ["just", "above"] => Hedge::JustOver,
        ["an", "estimated"]
        | ["approximately"]
        | ["roughly"]
        | ["around"]
        | ["about"]
        | ["some"]
        | ["close", "to"]
        | ["approx"]
        | ["circa"]
        | ["estimated"] => Hedge::About,
        ["nearly"] | ["almost"] | ["not", "quite"] => Hedge::Nearly,
        ["in", "excess", "of"]
        | ["more", "than"]
        | ["greater", "than"]
        | ["upwards", "of"]
        | ["upward", "of"]
        | ["north", "of"]
        | ["exceeding"]
        | ["over"]
        | ["above"] => Hedge::MoreThan,
        ["no", "less", "than"]
        | ["no", "fewer", "than"]
        | ["not", "less", "than"]
        | ["a", "minimum", "of"]
        | ["at", "least"] => Hedge::AtLeast,
        ["fewer", "than"] | ["less", "than"] | ["south", "of"] | ["under"] | ["below"] => {
            Hedge::LessThan
        }
        ["as", "much", "as"]
        | ["as", "many", "as"]
        | ["as", "high", "as"]
        | ["a", "maximum", "of"]
        | ["no", "more", "than"]
        | ["not", "more", "than"]
        | ["at", "most"]
        | ["up", "to"] => Hedge::UpTo,
        _ => return None,
    })
}

/// The shapes of the ASCII words `scale_of` and `Parser::scale_at` know, in lower case: an
/// ASCII word of another shape is no scale.
pub static SCALE_SHAPES: WordShapes = WordShapes::new(&[&[
    "thousand", "million", "billion", "trillion", "lakh", "crore", "mn", "mln", "mio", "bn", "bln",
    "tn", "trn", "tln", "mm", "mil", "k", "m", "b", "t",
]]);

/// Scale words and suffixes. `attached_only` suffixes count only glued to the number ("16K").
pub fn scale_of(word: &str, attached: bool) -> Option<f64> {
    // Every scale is ASCII; an ASCII word's lower case is its ASCII lower case.
    if !word.is_ascii() || !SCALE_SHAPES.may_hold(word.as_bytes()) {
        return None;
    }
    scale_of_shaped(word, &lower(word), attached)
}

/// `scale_of` of an ASCII word of a scale's shape, given its lower case (for a caller that has
/// made both looks already).
pub fn scale_of_shaped(word: &str, lower: &str, attached: bool) -> Option<f64> {
    let v = match lower {
        "thousand" => 1e3,
        "million" => 1e6,
        "billion" => 1e9,
        "trillion" => 1e12,
        "lakh" => 1e5,
        "crore" => 1e7,
        "mn" | "mln" | "mio" => 1e6,
        "bn" | "bln" => 1e9,
        "tn" | "trn" | "tln" => 1e12,
        _ => {
            if word == "MM" {
                return Some(1e6); // finance: "US$ 1MM"
            }
            if attached && lower == "mil" {
                return Some(1e6); // "2mil"
            }
            // Single-letter suffixes are case-sensitive where it matters: `m`/`M` million,
            // `k`/`K` thousand, `B` billion, `T` trillion; only glued or after a currency amount.
            if !attached {
                return match word {
                    "K" | "M" | "B" | "T" => Some(match word {
                        "K" => 1e3,
                        "M" => 1e6,
                        "B" => 1e9,
                        _ => 1e12,
                    }),
                    _ => None,
                };
            }
            return match word {
                "k" | "K" => Some(1e3),
                "m" | "M" => Some(1e6),
                "b" | "B" => Some(1e9),
                "t" | "T" => Some(1e12),
                _ => None,
            };
        }
    };
    Some(v)
}

/// Currency signs written before the amount; the longest match wins ("US$" before "$").
pub const CURRENCY_SIGNS: &[(&str, &str)] = &[
    ("US$", "USD"),
    ("U.S.$", "USD"),
    ("CN¥", "CNY"),
    ("RMB¥", "CNY"),
    ("HK$", "HKD"),
    ("NZ$", "NZD"),
    ("C$", "CAD"),
    ("CA$", "CAD"),
    ("A$", "AUD"),
    ("AU$", "AUD"),
    ("S$", "SGD"),
    ("R$", "BRL"),
    ("$", "USD"),
    ("€", "EUR"),
    ("£", "GBP"),
    ("¥", "JPY"),
    ("₹", "INR"),
    ("₩", "KRW"),
    ("₽", "RUB"),
    ("₺", "TRY"),
    ("₿", "BTC"),
    ("₡", "CRC"),
    ("₾", "GEL"),
    ("₭", "LAK"),
    ("₫", "VND"),
    ("₱", "PHP"),
    ("₪", "ILS"),
    ("฿", "THB"),
];

/// A currency symbol token ("$", "€", "₹"): its ISO code.
pub fn currency_symbol(sym: &str) -> Option<&'static str> {
    // Most punctuation tokens are one ASCII byte, and "$" is the only ASCII sign.
    if sym.len() == 1 && sym != "$" {
        return None;
    }
    currency_symbol_in_list(sym)
}

/// `currency_symbol` by a search of the list alone.
fn currency_symbol_in_list(sym: &str) -> Option<&'static str> {
    CURRENCY_SIGNS
        .iter()
        .find(|(s, _)| *s == sym && s.chars().count() == 1)
        .map(|(_, c)| *c)
}

/// Letters written before `$` that name the dollar ("US$", "C$", "HK$", "mxn$"), compared
/// lower-case: the prefix and its code. `spaced` prefixes may stand one space before the `$`
/// ("hk $ 10 billion"); single letters that are also words ("a", "s") must be glued. Longest
/// first, so the longest match wins.
pub const DOLLAR_PREFIXES: &[(&str, &str, bool)] = &[
    ("u.s.", "USD", true),
    ("u.s", "USD", true),
    ("usd", "USD", true),
    ("hkd", "HKD", true),
    ("nzd", "NZD", true),
    ("cad", "CAD", true),
    ("aud", "AUD", true),
    ("sgd", "SGD", true),
    ("mex", "MXN", true),
    ("mxn", "MXN", true),
    ("us", "USD", true),
    ("hk", "HKD", true),
    ("nz", "NZD", true),
    ("ca", "CAD", true),
    ("au", "AUD", true),
    ("sg", "SGD", true),
    ("nt", "TWD", true),
    ("c", "CAD", true),
    ("a", "AUD", false),
    ("s", "SGD", false),
    ("r", "BRL", false),
];

/// Letters before a `¥` that name the currency, as `DOLLAR_PREFIXES`.
pub const YEN_PREFIXES: &[(&str, &str, bool)] = &[("rmb", "CNY", false), ("cn", "CNY", false)];

/// For each ASCII byte, the prefixes of `DOLLAR_PREFIXES` that end with it, as bits by index:
/// a stem is compared only with these.
pub static DOLLAR_PREFIX_ENDS: [u32; 128] = prefix_ends(DOLLAR_PREFIXES);

/// `DOLLAR_PREFIX_ENDS` for `YEN_PREFIXES`.
pub static YEN_PREFIX_ENDS: [u32; 128] = prefix_ends(YEN_PREFIXES);

/// For each ASCII byte, the prefixes of `prefixes` (at most 32, each ending in an ASCII byte)
/// that end with it, as bits by index.
const fn prefix_ends(prefixes: &[(&str, &str, bool)]) -> [u32; 128] {
    let mut ends = [0u32; 128];
    let mut i = 0;
    while i < prefixes.len() {
        let bytes = prefixes[i].0.as_bytes();
        ends[bytes[bytes.len() - 1] as usize] |= 1 << i;
        i += 1;
    }
    ends
}

/// The ASCII words `currency_word` knows, in lower case: the shapes of `CURRENCY_WORD_SHAPES`.
const CURRENCY_WORD_LIST: &[&str] = &[
    "aed", "aud", "bitcoin", "bitcoins", "brl", "btc", "cad", "chf", "cny", "dkk", "dollar",
    "dollars", "eur", "euro", "euros", "franc", "francs", "gbp", "guilder", "guilders", "hkd",
    "inr", "jpy", "krw", "lira", "lire", "markka", "markkaa", "mxn", "nok", "nzd", "peseta",
    "pesetas", "peso", "pesos", "pln", "pound", "pounds", "rand", "renminbi", "rmb", "rouble",
    "roubles", "rub", "ruble", "rubles", "rupee", "rupees", "sar", "sek", "sgd", "sterling", "twd",
    "usd", "won", "yen", "yuan", "zar",
];

/// The shapes of the ASCII currency words: most words are ruled out by their shape before
/// being lower-cased.
static CURRENCY_WORD_SHAPES: WordShapes = WordShapes::new(&[CURRENCY_WORD_LIST]);

/// ISO codes and names written as words, before or after the amount.
pub fn currency_word(word: &str) -> Option<&'static str> {
    // A non-ASCII word ("元", or one with a Kelvin sign) is looked up as it is.
    if word.is_ascii() && !CURRENCY_WORD_SHAPES.may_hold(word.as_bytes()) {
        return None;
    }
    currency_word_of_any_shape(word)
}

/// `currency_word` without the look at the word's shape.
fn currency_word_of_any_shape(word: &str) -> Option<&'static str> {
    let code = match word {
        "USD" => "USD",
        "EUR" => "EUR",
        "GBP" => "GBP",
        "JPY" => "JPY",
        "CNY" | "RMB" => "CNY",
        "CHF" => "CHF",
        "INR" => "INR",
        "KRW" => "KRW",
        "CAD" => "CAD",
        "AUD" => "AUD",
        "HKD" => "HKD",
        "SGD" => "SGD",
        "SEK" => "SEK",
        "NOK" => "NOK",
        "DKK" => "DKK",
        "NZD" => "NZD",
        "MXN" => "MXN",
        "BRL" => "BRL",
        "ZAR" => "ZAR",
        "RUB" => "RUB",
        "TWD" => "TWD",
        "SAR" => "SAR",
        "AED" => "AED",
        "PLN" => "PLN",
        "BTC" => "BTC",
        "元" => "CNY",
        "ரூ" => "LKR",
        _ => match &*lower(word) {
            "dollar" | "dollars" | "usd" => "USD",
            "euro" | "euros" | "eur" => "EUR",
            "pound" | "pounds" | "sterling" | "gbp" => "GBP",
            "yen" | "jpy" => "JPY",
            "yuan" | "renminbi" | "rmb" | "cny" => "CNY",
            "rupee" | "rupees" => "INR",
            "franc" | "francs" => "CHF",
            "markka" | "markkaa" => "FIM",
            "peseta" | "pesetas" => "ESP",
            "guilder" | "guilders" => "NLG",
            "lira" | "lire" => "TRY",
            "rouble" | "roubles" | "ruble" | "rubles" => "RUB",
            "peso" | "pesos" => "MXN",
            "rand" => "ZAR",
            "won" => "KRW",
            "bitcoin" | "bitcoins" => "BTC",
            _ => return None,
        },
    };
    Some(code)
}

/// A currency named in up to three words starting at the given lower-case words ("swiss
/// francs", "australian dollars", "us dollars", "hong kong dollars"): its code and how many
/// words it takes. Single words fall back to `currency_word`.
/// The words a currency phrase may start with: the shapes of `CURRENCY_PHRASE_START_SHAPES`.
const CURRENCY_PHRASE_STARTS: &[&str] = &[
    "hong",
    "new",
    "south",
    "us",
    "american",
    "australian",
    "canadian",
    "singapore",
    "taiwan",
    "swiss",
    "french",
    "belgian",
    "finnish",
    "dutch",
    "chinese",
    "japanese",
    "turkish",
    "italian",
    "indian",
    "sri",
    "pakistani",
    "mexican",
    "british",
    "pound",
    "deutsche",
    "german",
    "korean",
    "swedish",
    "norwegian",
    "danish",
];

static CURRENCY_PHRASE_START_SHAPES: WordShapes = WordShapes::new(&[CURRENCY_PHRASE_STARTS]);

/// False when an ASCII word, in any case, is surely no `currency_word` and starts no currency
/// phrase (`may_start_currency_phrase` of its lower case): told by its shape, and its shape
/// without a last 's'.
pub fn may_be_currency_name_bytes(word: &[u8]) -> bool {
    CURRENCY_WORD_SHAPES.may_hold(word)
        || CURRENCY_PHRASE_START_SHAPES.may_hold(word)
        || word
            .strip_suffix(b"s")
            .or_else(|| word.strip_suffix(b"S"))
            .is_some_and(|stem| CURRENCY_PHRASE_START_SHAPES.may_hold(stem))
}

/// Whether a lower-case word may start a `currency_phrase` (its first word, or its plural).
pub fn may_start_currency_phrase(word: &str) -> bool {
    let starts = |w: &str| {
        matches!(
            w,
            "hong"
                | "new"
                | "south"
                | "us"
                | "american"
                | "australian"
                | "canadian"
                | "singapore"
                | "taiwan"
                | "swiss"
                | "french"
                | "belgian"
                | "finnish"
                | "dutch"
                | "chinese"
                | "japanese"
                | "turkish"
                | "italian"
                | "indian"
                | "sri"
                | "pakistani"
                | "mexican"
                | "british"
                | "pound"
                | "deutsche"
                | "german"
                | "korean"
                | "swedish"
                | "norwegian"
                | "danish"
        )
    };
    starts(word) || word.strip_suffix('s').is_some_and(starts)
}

pub fn currency_phrase(words: &[&str]) -> Option<(&'static str, usize)> {
    const PHRASES: &[(&[&str], &str)] = &[
        (&["hong", "kong", "dollar"], "HKD"),
        (&["new", "zealand", "dollar"], "NZD"),
        (&["south", "korean", "won"], "KRW"),
        (&["us", "dollar"], "USD"),
        (&["american", "dollar"], "USD"),
        (&["australian", "dollar"], "AUD"),
        (&["canadian", "dollar"], "CAD"),
        (&["singapore", "dollar"], "SGD"),
        (&["taiwan", "dollar"], "TWD"),
        (&["swiss", "franc"], "CHF"),
        (&["french", "franc"], "FRF"),
        (&["belgian", "franc"], "BEF"),
        (&["finnish", "markka"], "FIM"),
        (&["dutch", "guilder"], "NLG"),
        (&["chinese", "yuan"], "CNY"),
        (&["japanese", "yen"], "JPY"),
        (&["turkish", "lira"], "TRY"),
        (&["italian", "lira"], "ITL"),
        (&["indian", "rupee"], "INR"),
        (&["sri", "lankan", "rupee"], "LKR"),
        (&["pakistani", "rupee"], "PKR"),
        (&["mexican", "peso"], "MXN"),
        (&["british", "pound"], "GBP"),
        (&["pound", "sterling"], "GBP"),
        (&["deutsche", "mark"], "DEM"),
        (&["german", "mark"], "DEM"),
        (&["korean", "won"], "KRW"),
        (&["swedish", "krona"], "SEK"),
        (&["swedish", "kronor"], "SEK"),
        (&["norwegian", "krone"], "NOK"),
        (&["danish", "krone"], "DKK"),
    ];
    if !words.first().is_some_and(|w| may_start_currency_phrase(w)) {
        return None;
    }
    for (phrase, code) in PHRASES {
        if words.len() >= phrase.len()
            && phrase
                .iter()
                .zip(words)
                .all(|(p, w)| *p == *w || w.strip_suffix('s') == Some(p))
        {
            return Some((code, phrase.len()));
        }
    }
    None
}

/// Fractional currency units: "cents" (of a dollar or euro), "pence"/"penny" (of a pound).
pub fn minor_currency(word: &str) -> Option<&'static str> {
    // These are ASCII words with no 'k' (the one ASCII letter a non-ASCII character
    // lower-cases to), and "¢": most words are ruled out by their shape first.
    if word.is_ascii() && !MINOR_CURRENCY_SHAPES.may_hold(word.as_bytes()) {
        return None;
    }
    minor_currency_of_any_shape(word)
}

static MINOR_CURRENCY_SHAPES: WordShapes =
    WordShapes::new(&[&["cent", "cents", "pence", "penny", "pennies"]]);

/// `minor_currency` without the look at the word's shape.
fn minor_currency_of_any_shape(word: &str) -> Option<&'static str> {
    Some(match &*lower(word) {
        "cent" | "cents" | "¢" => "USD",
        "pence" | "penny" | "pennies" => "GBP",
        _ => return None,
    })
}

/// Currency codes with a million prefix, as in corporate filings ("30 MUSD", "MEUR 120").
pub fn million_currency(word: &str) -> Option<&'static str> {
    let rest = word.strip_prefix('M')?;
    if rest.len() != 3 || !rest.chars().all(|c| c.is_ascii_uppercase()) {
        return None;
    }
    currency_word(rest)
}

/// Durations: the singular unit for a noun.
pub fn duration_unit(word: &str) -> Option<&'static str> {
    // Most words are ruled out by their shape before being lower-cased; a non-ASCII word may
    // still lower-case to a unit ("wee\u{212A}", with a Kelvin sign) and is looked up.
    if word.is_ascii() && !DURATION_SHAPES.may_hold(word.as_bytes()) {
        return None;
    }
    duration_unit_of_any_shape(word)
}

/// `duration_unit` without the look at the word's shape.
fn duration_unit_of_any_shape(word: &str) -> Option<&'static str> {
    let lower = lower(word);
    DURATION_WORDS
        .iter()
        .find(|(w, _)| *w == lower)
        .map(|(_, unit)| *unit)
}

/// The words of `duration_unit` and their units.
const DURATION_WORDS: &[(&str, &str)] = &[
    ("year", "year"),
    ("years", "year"),
    ("yr", "year"),
    ("yrs", "year"),
    ("month", "month"),
    ("months", "month"),
    ("week", "week"),
    ("weeks", "week"),
    ("day", "day"),
    ("days", "day"),
    ("hour", "hour"),
    ("hours", "hour"),
    ("hr", "hour"),
    ("hrs", "hour"),
    ("minute", "minute"),
    ("minutes", "minute"),
    ("decade", "decade"),
    ("decades", "decade"),
];

static DURATION_SHAPES: WordShapes = WordShapes::new(&[&[
    "year", "years", "yr", "yrs", "month", "months", "week", "weeks", "day", "days", "hour",
    "hours", "hr", "hrs", "minute", "minutes", "decade", "decades",
]]);

/// Measures with a unit of their own (case-sensitive: `MW` is not `mW`).
pub fn measure_unit(word: &str) -> Option<&'static str> {
    Some(match word {
        "W" | "watt" | "watts" => "W",
        "kW" | "kilowatt" | "kilowatts" => "kW",
        "MW" | "megawatt" | "megawatts" => "MW",
        "GW" | "gigawatt" | "gigawatts" => "GW",
        "TW" | "terawatt" | "terawatts" => "TW",
        "kWh" => "kWh",
        "MWh" => "MWh",
        "GWh" => "GWh",
        "TWh" => "TWh",
        "tCO2e" | "tCO2eq" | "tCO2" => "tCO2e",
        "FLOP" | "FLOPs" | "FLOPS" | "flops" => "FLOP",
        "TFLOPS" | "teraflops" => "TFLOPS",
        "PFLOPS" | "petaflops" => "PFLOPS",
        "EFLOPS" | "exaflops" => "EFLOPS",
        "km" | "kilometres" | "kilometers" => "km",
        "kg" | "kilograms" => "kg",
        "ml" | "mL" => "ml",
        "cm" => "cm",
        "mm" => "mm",
        "KB" | "kB" => "KB",
        "MB" => "MB",
        "GB" => "GB",
        "TB" => "TB",
        "PB" => "PB",
        _ => return None,
    })
}

/// Number words and their values; `hundred` and the scales combine in the parser.
pub fn small_number(word: &str) -> Option<u32> {
    // Most words are ruled out by their shape before three look-ups (the shapes are made from
    // the look-ups' own lists).
    if !SMALL_NUMBER_SHAPES.may_hold(word.as_bytes()) {
        return None;
    }
    unit_word(word)
        .or_else(|| teen_word(word))
        .or_else(|| tens_word(word))
}

/// Defines `$lookup`, the value of a word in a list, as a `match`, and `$list`, the list's
/// words, for `WordShapes`: one source for both.
/// The shapes of the number words of `small_number`.
static SMALL_NUMBER_SHAPES: WordShapes = WordShapes::new(&[UNIT_WORDS, TEEN_WORDS, TENS_WORDS]);

macro_rules! word_values {
    ($(#[$doc:meta])* $lookup:ident, $list:ident, { $($($word:literal)|+ => $value:expr,)+ }) => {
        $(#[$doc])*
        pub fn $lookup(word: &str) -> Option<u32> {
            Some(match word {
                $($($word)|+ => $value,)+
                _ => return None,
            })
        }

        pub const $list: &[&str] = &[$($($word,)+)+];
    };
}

/// Defines `$test`, whether a word is in a list, as a `match`, and `$list`, the list's words,
/// for `WordShapes`: one source for both.
macro_rules! word_set {
    ($(#[$doc:meta])* $test:ident, $list:ident, [$($word:literal),+ $(,)?]) => {
        $(#[$doc])*
        fn $test(word: &str) -> bool {
            matches!(word, $($word)|+)
        }

        const $list: &[&str] = &[$($word),+];
    };
}

word_set! {
    /// Whether a lower-case word ends some hedge phrase of `hedge_of_words`: every phrase
    /// before a number ends with the word right before it, so most numbers are told to have no
    /// hedge by it.
    may_end_hedge, HEDGE_END_WORDS, [
        "about",
        "above",
        "almost",
        "approx",
        "approximately",
        "around",
        "as",
        "below",
        "circa",
        "estimated",
        "exceeding",
        "least",
        "most",
        "nearly",
        "of",
        "over",
        "quite",
        "roughly",
        "some",
        "than",
        "to",
        "under",
    ]
}

/// The shapes of the words of `may_end_hedge`.
static HEDGE_END_SHAPES: WordShapes = WordShapes::new(&[HEDGE_END_WORDS]);

word_values! {
    /// zero to nine ("nought", "naught" are zero).
    unit_word, UNIT_WORDS, {
        "zero" | "nought" | "naught" => 0,
        "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        "six" => 6,
        "seven" => 7,
        "eight" => 8,
        "nine" => 9,
    }
}

word_values! {
    /// ten to nineteen.
    teen_word, TEEN_WORDS, {
        "ten" => 10,
        "eleven" => 11,
        "twelve" => 12,
        "thirteen" => 13,
        "fourteen" => 14,
        "fifteen" => 15,
        "sixteen" => 16,
        "seventeen" => 17,
        "eighteen" => 18,
        "nineteen" => 19,
    }
}

word_values! {
    /// twenty, thirty, … ninety.
    tens_word, TENS_WORDS, {
        "twenty" => 20,
        "thirty" => 30,
        "forty" => 40,
        "fifty" => 50,
        "sixty" => 60,
        "seventy" => 70,
        "eighty" => 80,
        "ninety" => 90,
    }
}

/// Words other than number words that may start a number or a vague magnitude ("a dozen",
/// "half a million", "tens of thousands", "several million", "a few hundred").
pub const NUMBER_START_WORDS: &[&str] = &[
    "a",
    "an",
    "half",
    "quarter",
    "hundred",
    "twice",
    "tens",
    "hundreds",
    "dozens",
    "dozen",
    "thousands",
    "millions",
    "billions",
    "trillions",
    "several",
    "few",
];

/// Whether a lower-case word is one of `NUMBER_START_WORDS` (a test checks they agree).
pub fn is_number_start_word(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "half"
            | "quarter"
            | "hundred"
            | "twice"
            | "tens"
            | "hundreds"
            | "dozens"
            | "dozen"
            | "thousands"
            | "millions"
            | "billions"
            | "trillions"
            | "several"
            | "few"
    )
}

/// Which shapes (first letter, last letter, length) some lower-case words have: a word of
/// another shape is none of them, told with one look-up.
pub struct WordShapes {
    /// Bit `n` of `lengths[LETTER_INDEX[first]][LETTER_INDEX[last]]`: a word of `n` letters
    /// with those ends. Rows and columns past 25 stand for other bytes and stay empty.
    lengths: [[u32; 32]; 32],
}

/// Each byte's index among the lower-case letters ('a' → 0 … 'z' → 25), 26 for other bytes:
/// a shape is looked up without comparing its ends to a range first.
static LETTER_INDEX: [u8; 256] = {
    let mut table = [26u8; 256];
    let mut b = b'a';
    while b <= b'z' {
        table[b as usize] = b - b'a';
        b += 1;
    }
    table
};

/// For each pair of letters — the one `from_start` letters into a word and the one
/// `from_end` letters before its end — the lengths of the words of `lists` that have them, as
/// bits. Words too short to have both letters are left out.
const fn letter_pairs_by_length(
    lists: &[&[&str]],
    from_start: usize,
    from_end: usize,
) -> [[u32; 32]; 32] {
    let mut lengths = [[0u32; 32]; 32];
    let mut l = 0;
    while l < lists.len() {
        let mut w = 0;
        while w < lists[l].len() {
            let word = lists[l][w].as_bytes();
            let mut k = 0;
            while k < word.len() {
                assert!(word[k].is_ascii_lowercase() && word.len() < 32);
                k += 1;
            }
            if word.len() >= from_start + from_end {
                let first = (word[from_start] - b'a') as usize;
                let last = (word[word.len() - from_end] - b'a') as usize;
                lengths[first][last] |= 1 << word.len();
            }
            w += 1;
        }
        l += 1;
    }
    lengths
}

impl WordShapes {
    /// The shapes of the words in `lists`: lower-case ASCII letters, fewer than 32.
    pub const fn new(lists: &[&[&str]]) -> Self {
        WordShapes {
            lengths: letter_pairs_by_length(lists, 0, 1),
        }
    }

    /// The inner shapes of the words in `lists`: (second letter, last but one, length), for
    /// words of three letters or more (shorter words are left out: `holds_inner` takes them
    /// all).
    pub const fn new_inner(lists: &[&[&str]]) -> Self {
        WordShapes {
            lengths: letter_pairs_by_length(lists, 1, 2),
        }
    }

    /// For a table of `new_inner`: whether a word of ASCII letters and digits, in any case,
    /// has the inner shape of one of the words (always, when shorter than three bytes).
    #[inline]
    pub fn holds_inner(&self, word: &[u8]) -> bool {
        let n = word.len();
        n < 3 || self.holds(word[1] | 0x20, word[n - 2] | 0x20, n)
    }

    /// Whether a word of ASCII letters (and digits), in any case, has the shape of one of the
    /// words.
    pub fn may_hold(&self, word: &[u8]) -> bool {
        let (Some(first), Some(last)) = (word.first(), word.last()) else {
            return false;
        };
        self.holds(
            first.to_ascii_lowercase(),
            last.to_ascii_lowercase(),
            word.len(),
        )
    }

    /// `may_hold` for a word of `len` bytes whose ends, lower-cased, are `first` and `last`.
    #[inline]
    pub fn holds(&self, first: u8, last: u8, len: usize) -> bool {
        let index = |b: u8| usize::from(LETTER_INDEX[usize::from(b)] & 31);
        len < 32 && self.lengths[index(first)][index(last)] >> len & 1 == 1
    }
}

/// The shapes of the words that may start a number: number words below a hundred (without a
/// hyphen) and `NUMBER_START_WORDS`.
pub static NUMBER_START_SHAPES: WordShapes =
    WordShapes::new(&[UNIT_WORDS, TEEN_WORDS, TENS_WORDS, NUMBER_START_WORDS]);

/// Their inner shapes: "this", "there", "business" have the outer shape of "tens", "three",
/// "billions", not their inner one.
static NUMBER_START_INNER_SHAPES: WordShapes =
    WordShapes::new_inner(&[UNIT_WORDS, TEEN_WORDS, TENS_WORDS, NUMBER_START_WORDS]);

/// `plain_word_may_start_number` with a look at the inner shape too: fewer words pass. (The
/// tokenizer keeps the plainer test: its loop is faster without this one.)
pub fn plain_word_may_start_number_strictly(bytes: &[u8]) -> bool {
    plain_word_may_start_number(bytes)
        && (NUMBER_START_INNER_SHAPES.holds_inner(bytes)
            || bytes.len() >= 5 && bytes[..5].eq_ignore_ascii_case(b"multi")
            || bytes.len() >= 4 && bytes[bytes.len() - 4..].eq_ignore_ascii_case(b"fold"))
}

/// Whether a word of ASCII letters and digits, starting with a letter, may start a number or a
/// vague magnitude: a number word, a `NUMBER_START_WORDS` word, "multi…" or "…fold". Only its
/// shape is looked at, so a `true` is to be confirmed.
// Always inlined: the tokenizer's loop calls it at every word.
#[inline(always)]
pub fn plain_word_may_start_number(bytes: &[u8]) -> bool {
    /// Longer words are never number words.
    const LONGEST: usize = 24;
    let n = bytes.len();
    if n == 0 || n > LONGEST {
        return false;
    }
    // Setting 0x20 lower-cases a letter and leaves a digit as it is.
    let (first, last) = (bytes[0] | 0x20, bytes[n - 1] | 0x20);
    let lengths = NUMBER_START_ENDS[usize::from(first & 31)][usize::from(last & 31)];
    lengths >> n & 1 == 1
        || (lengths & AFFIX_MAY_FIT == AFFIX_MAY_FIT
            && ((first == b'm' && n >= 5 && bytes[..5].eq_ignore_ascii_case(b"multi"))
                || (last == b'd' && n >= 4 && bytes[n - 4..].eq_ignore_ascii_case(b"fold"))))
}

/// Whether a word that is not plain (with a hyphen, an apostrophe, a non-ASCII letter:
/// "twenty-one", "GPT-4", "Nvidia’s") may start a number, by a look at its ends: in such a
/// word only a tens word before a hyphen ("twenty-one"), "multi…" or "…fold" can. The parser
/// (`Parser::may_start_word`) has the last say.
pub fn other_word_may_start_number(word: &[u8]) -> bool {
    let starts_with =
        |p: &str| word.len() >= p.len() && word[..p.len()].eq_ignore_ascii_case(p.as_bytes());
    TENS_WORDS.iter().any(|t| starts_with(t))
        || starts_with("multi")
        || word.len() >= 4 && word[word.len() - 4..].eq_ignore_ascii_case(b"fold")
}

/// Bit 0 of a `NUMBER_START_ENDS` entry (no word has no letters): a word with these ends may
/// be "multi…" or "…fold".
const AFFIX_MAY_FIT: u32 = 1;

/// The ends of the words that may start a number, for `plain_word_may_start_number`: bit `n`
/// of `[first & 31][last & 31]`, each end lower-cased by setting 0x20, for a word of `n`
/// letters among the words of `NUMBER_START_SHAPES`, and `AFFIX_MAY_FIT` where the first is
/// 'm' or the last 'd'. The five low bits of a digit are those of a letter ('0' and 'p'): a
/// few words ending in a digit pass, to be ruled out later, and no number start is missed.
static NUMBER_START_ENDS: [[u32; 32]; 32] = {
    let mut table = [[0u32; 32]; 32];
    let lists = [UNIT_WORDS, TEEN_WORDS, TENS_WORDS, NUMBER_START_WORDS];
    let mut l = 0;
    while l < lists.len() {
        let mut w = 0;
        while w < lists[l].len() {
            let word = lists[l][w].as_bytes();
            let (first, last) = (word[0] & 31, word[word.len() - 1] & 31);
            table[first as usize][last as usize] |= 1 << word.len();
            w += 1;
        }
        l += 1;
    }
    let mut k = 0;
    while k < 32 {
        table[(b'm' & 31) as usize][k] |= AFFIX_MAY_FIT;
        table[k][(b'd' & 31) as usize] |= AFFIX_MAY_FIT;
        k += 1;
    }
    table
};

/// A number word below a hundred, also a hyphenated tens-unit pair ("twenty-one").
pub fn number_word(word: &str) -> Option<u32> {
    if let Some(v) = small_number(word) {
        return Some(v);
    }
    // The rest are compounds of a tens word ("twenty" .. "ninety", 5 to 7 bytes), a hyphen
    // ('-' or '‑', U+2011, of 3 bytes) and a unit word ("one" .. "nine", 3 to 5 bytes): most
    // words are ruled out by their length and first byte, and the others by the byte after
    // a tens word's length, before any character is decoded ('‑' starts with 0xE2).
    let bytes = word.as_bytes();
    if !(9..=15).contains(&bytes.len())
        || !matches!(bytes[0], b't' | b'f' | b's' | b'e' | b'n')
        || !bytes[5..=7].iter().any(|&b| b == b'-' || b == 0xE2)
    {
        return None;
    }
    let (tens, units) = word.split_once(['-', '‑'])?;
    let t = tens_word(tens)?;
    let u = unit_word(units)?;
    (u > 0).then_some(t + u)
}

/// An ordinal used as a fraction's denominator ("thirds", "a quarter", "hundredths",
/// "twenty-firsts"): the denominator and whether the word is plural. "second" is never one
/// (it is a unit of time), nor "first".
pub fn denominator(word: &str) -> Option<(f64, bool)> {
    // Every denominator ends in "f" (half), "d" (third), "r" (quarter), "h", "t" (twenty-first)
    // or a plural "s": most words are ruled out by their last byte, before being lower-cased.
    if let Some(&last) = word.as_bytes().last()
        && last.is_ascii()
        && !matches!(last | 0x20, b'f' | b'd' | b'r' | b'h' | b't' | b's')
    {
        return None;
    }
    // Nor does one start with a letter other than the first letters of the ordinals and tens
    // words: "a year", "a record", "a result" are ruled out by their first byte too.
    if let Some(&first) = word.as_bytes().first()
        && first.is_ascii()
        && !DENOMINATOR_FIRST_LETTERS.contains(&(first | 0x20))
    {
        return None;
    }
    denominator_of_any_word(word)
}

/// The first letters of the words `denominator` reads: its ordinals, "halves" and the tens
/// words of "twenty-first" (checked against the lists by a test).
const DENOMINATOR_FIRST_LETTERS: &[u8] = b"befhmnqst";

/// `denominator` without the look at the last byte.
fn denominator_of_any_word(word: &str) -> Option<(f64, bool)> {
    let lower = lower(word);
    let (stem, plural) = match lower.strip_suffix('s') {
        Some(s) if !s.ends_with('s') => (s, true),
        _ => (&*lower, false),
    };
    if lower == "halves" {
        return Some((2.0, true));
    }
    let simple = |w: &str| -> Option<f64> {
        Some(match w {
            "half" => 2.0,
            "third" => 3.0,
            "quarter" | "fourth" => 4.0,
            "fifth" => 5.0,
            "sixth" => 6.0,
            "seventh" => 7.0,
            "eighth" => 8.0,
            "ninth" => 9.0,
            "tenth" => 10.0,
            "eleventh" => 11.0,
            "twelfth" => 12.0,
            "thirteenth" => 13.0,
            "fourteenth" => 14.0,
            "fifteenth" => 15.0,
            "sixteenth" => 16.0,
            "seventeenth" => 17.0,
            "eighteenth" => 18.0,
            "nineteenth" => 19.0,
            "twentieth" => 20.0,
            "thirtieth" => 30.0,
            "fortieth" => 40.0,
            "fiftieth" => 50.0,
            "sixtieth" => 60.0,
            "seventieth" => 70.0,
            "eightieth" => 80.0,
            "ninetieth" => 90.0,
            "hundredth" => 100.0,
            "thousandth" => 1e3,
            "millionth" => 1e6,
            "billionth" => 1e9,
            "trillionth" => 1e12,
            _ => return None,
        })
    };
    if stem == "half" && plural {
        return None;
    }
    if let Some(d) = simple(stem) {
        return Some((d, plural));
    }
    // "twenty-first", "thirty-fifths"
    let (tens, ord) = stem.split_once(['-', '‑'])?;
    let t = tens_word(tens)? as f64;
    let u = match ord {
        "first" => 1.0,
        "second" => 2.0,
        "third" => 3.0,
        other => match simple(other)? {
            d if d < 10.0 => d,
            _ => return None,
        },
    };
    Some((t + u, plural))
}

/// "twofold", "tenfold", "hundredfold": the factor.
pub fn fold_word(word: &str) -> Option<f64> {
    let lower = lower(word);
    let stem = lower.strip_suffix("fold")?;
    match stem {
        "hundred" => Some(100.0),
        "thousand" => Some(1000.0),
        _ => number_word(stem).filter(|v| *v >= 2).map(f64::from),
    }
}

/// Direction of a change from a verb or noun, matched on its stem: a known stem followed by
/// one of a few endings ("plung|ed", "slip|ping", "rall|ied"). A falling stem wins over a rising
/// one.
pub fn direction_of(word: &str) -> Option<Direction> {
    // A stem starts the word and has two letters or more: most words are ruled out by their
    // first two bytes, when these are ASCII (lower-casing keeps them where they are).
    if !may_be_direction(word) {
        return None;
    }
    direction_of_any_shape(word)
}

/// `direction_of` without the look at the word's first bytes (the oracle of that look's tests).
fn direction_of_any_shape(word: &str) -> Option<Direction> {
    direction_of_lower(&lower(word))
}

/// `direction_of` of a word in lower case, for a caller that has lower-cased it (and looked at
/// its first bytes) already.
pub fn direction_of_lower(lower: &str) -> Option<Direction> {
    let w = lower.trim_end_matches(['’', '\'']);
    // Endings are at most four bytes: try each cut of the word's last four bytes. Most cuts
    // leave a stem of no known shape, told first.
    let mut up = false;
    for cut in w.len().saturating_sub(4)..=w.len() {
        let (Some(stem), Some(ending)) = (w.get(..cut), w.get(cut..)) else {
            continue;
        };
        if !STEM_SHAPES.may_hold(stem.as_bytes()) || !is_stem_ending(ending) {
            continue;
        }
        if is_falling_stem(stem) {
            return Some(Direction::Down);
        }
        up |= is_rising_stem(stem);
    }
    up.then_some(Direction::Up)
}

static STEM_SHAPES: WordShapes = WordShapes::new(&[FALLING_STEMS, RISING_STEMS]);

/// False when `word` is surely no direction word (nor "up" or "down"): a stem starts the word,
/// so most words are ruled out by their first three bytes, when these are ASCII (lower-casing
/// keeps them where they are).
pub fn may_be_direction(word: &str) -> bool {
    may_be_direction_bytes(word.as_bytes())
}

/// `may_be_direction` of a word's bytes.
pub fn may_be_direction_bytes(word: &[u8]) -> bool {
    let letter = |b: u8| usize::from(b.to_ascii_lowercase().wrapping_sub(b'a'));
    match *word {
        [a, b, ref rest @ ..] if a.is_ascii() && b.is_ascii() => {
            let (a, b) = (letter(a), letter(b));
            if a >= 26 || b >= 26 {
                return false;
            }
            let thirds = STEM_STARTS.thirds[a][b];
            match rest.first().map(|&c| letter(c)) {
                // A third letter: the stem's third letter, or the ending's after "up".
                Some(c) if c < 26 => thirds >> c & 1 == 1,
                // Two letters alone ("in", "up"): a stem of two letters, with no ending.
                None => thirds & StemStarts::TWO_LETTER_STEM != 0,
                Some(_) => thirds != 0,
            }
        }
        // One byte ("a", "B"): shorter than any stem.
        [b] if b.is_ascii() => false,
        _ => true,
    }
}

static STEM_STARTS: StemStarts = StemStarts::new(&[FALLING_STEMS, RISING_STEMS]);

/// The first three letters of the stems.
struct StemStarts {
    /// Bit `third` of `thirds[first][second]`, letters counted from 'a'; all bits for a stem
    /// of two letters, which any ending may follow, and then `TWO_LETTER_STEM` too.
    thirds: [[u32; 26]; 26],
}

impl StemStarts {
    /// The bit above the letters': a stem of these two letters alone.
    const TWO_LETTER_STEM: u32 = 1 << 26;

    const fn new(lists: &[&[&str]]) -> Self {
        let mut thirds = [[0u32; 26]; 26];
        let mut l = 0;
        while l < lists.len() {
            let mut w = 0;
            while w < lists[l].len() {
                let stem = lists[l][w].as_bytes();
                assert!(stem.len() >= 2);
                let (first, second) = ((stem[0] - b'a') as usize, (stem[1] - b'a') as usize);
                assert!(first < 26 && second < 26);
                thirds[first][second] |= if stem.len() == 2 {
                    ((1 << 26) - 1) | Self::TWO_LETTER_STEM
                } else {
                    assert!(stem[2].is_ascii_lowercase());
                    1 << (stem[2] - b'a')
                };
                w += 1;
            }
            l += 1;
        }
        StemStarts { thirds }
    }
}

fn is_stem_ending(ending: &str) -> bool {
    matches!(
        ending,
        "" | "s"
            | "ed"
            | "d"
            | "ing"
            | "e"
            | "es"
            | "ped"
            | "ping"
            | "ied"
            | "ies"
            | "y"
            | "ged"
            | "ging"
            | "ting"
            | "ted"
    )
}

word_set! {
    /// Stems of falling: "fell", "plung|ed", "slash|ing".
    is_falling_stem, FALLING_STEMS, [
        "fell",
        "fall",
        "drop",
        "dip",
        "plung",
        "tumbl",
        "sank",
        "sink",
        "slid",
        "slump",
        "declin",
        "lost",
        "lose",
        "losing",
        "shed",
        "wip",
        "eras",
        "cut",
        "down",
        "decreas",
        "shrank",
        "shrink",
        "slip",
        "crash",
        "sunk",
        "plummet",
        "tank",
        "retreat",
        "slash",
    ]
}

word_set! {
    /// Stems of rising: "rose", "surg|ed", "rall|ied".
    is_rising_stem, RISING_STEMS, [
        "rose",
        "rise",
        "rising",
        "gain",
        "climb",
        "jump",
        "surg",
        "soar",
        "rall",
        "add",
        "up",
        "increas",
        "grew",
        "grow",
        "boost",
        "rebound",
        "advanc",
        "spik",
        "leap",
        "lept",
        "rocket",
        "skyrocket",
    ]
}

/// Words that end a counted noun phrase after a number: function words and common verbs.
pub fn is_phrase_stop(word: &str) -> bool {
    is_phrase_stop_lower(&lower(word))
}

/// `is_phrase_stop` of a word already in lower case.
pub fn is_phrase_stop_lower(lower: &str) -> bool {
    matches!(
        lower,
        "a" | "an"
            | "the"
            | "and"
            | "or"
            | "but"
            | "nor"
            | "to"
            | "in"
            | "on"
            | "at"
            | "by"
            | "for"
            | "from"
            | "with"
            | "without"
            | "into"
            | "onto"
            | "over"
            | "under"
            | "than"
            | "as"
            | "of"
            | "per"
            | "that"
            | "which"
            | "who"
            | "whom"
            | "whose"
            | "this"
            | "these"
            | "those"
            | "it"
            | "its"
            | "is"
            | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "could"
            | "can"
            | "may"
            | "might"
            | "should"
            | "must"
            | "do"
            | "does"
            | "did"
            | "said"
            | "says"
            | "say"
            | "told"
            | "according"
            | "reported"
            | "announced"
            | "if"
            | "when"
            | "while"
            | "after"
            | "before"
            | "since"
            | "until"
            | "because"
            | "so"
            | "then"
            | "there"
            | "their"
            | "they"
            | "he"
            | "she"
            | "we"
            | "you"
            | "i"
            | "his"
            | "her"
            | "our"
            | "your"
            | "my"
            | "not"
            | "no"
            | "also"
            | "only"
            | "just"
            | "each"
            | "every"
            | "all"
            | "more"
            | "less"
            | "fewer"
            | "most"
            | "least"
            | "about"
            | "around"
            | "between"
            | "during"
            | "through"
            | "across"
            | "against"
            | "among"
            | "up"
            | "down"
            | "out"
            | "off"
            | "ago"
            | "earlier"
            | "later"
            | "apiece"
            | "alone"
            | "respectively"
            | "versus"
            | "vs"
            | "via"
            | "plus"
            | "minus"
            | "times"
            | "where"
            | "what"
            | "how"
            | "why"
            | "including"
            | "like"
            | "such"
            | "year"
            | "years"
    )
}

/// Nouns after "a"/"an" that make an amount of money a rate ("$70 a share", "$20 a month").
/// "a year" is left out: "$65 billion a year" is read as money, as datasets record it.
pub fn is_rate_noun(word: &str) -> bool {
    matches!(
        word,
        "share"
            | "barrel"
            | "gallon"
            | "litre"
            | "liter"
            | "ounce"
            | "tonne"
            | "ton"
            | "unit"
            | "head"
            | "piece"
            | "token"
            | "hour"
            | "day"
            | "week"
            | "month"
            | "user"
            | "seat"
            | "licence"
            | "license"
            | "chip"
            | "gpu"
            | "kilowatt-hour"
            | "megawatt-hour"
            | "kwh"
            | "mwh"
            | "dozen"
            | "pound"
            | "kilogram"
            | "kg"
    )
}

/// Nouns that count a resource by the hour ("GPU hours", "node hours", "person hours").
pub fn is_resource_noun(word: &str) -> bool {
    matches!(
        lower(word).trim_end_matches('s'),
        "gpu"
            | "cpu"
            | "tpu"
            | "npu"
            | "node"
            | "machine"
            | "chip"
            | "core"
            | "person"
            | "man"
            | "compute"
            | "server"
            | "accelerator"
            | "processor"
            | "device"
    )
}

/// Common verbs that end a counted noun phrase ("half of all staff hold shares", "12 GPUs
/// ran"): only those that could be mistaken for nouns or plurals there.
pub fn is_common_verb(word: &str) -> bool {
    matches!(
        word,
        "hold"
            | "holds"
            | "held"
            | "sit"
            | "sits"
            | "sat"
            | "try"
            | "tries"
            | "tried"
            | "run"
            | "runs"
            | "ran"
            | "make"
            | "makes"
            | "made"
            | "get"
            | "gets"
            | "got"
            | "go"
            | "goes"
            | "went"
            | "come"
            | "comes"
            | "came"
            | "take"
            | "takes"
            | "took"
            | "use"
            | "uses"
            | "work"
            | "works"
            | "worked"
            | "remain"
            | "remains"
            | "remained"
            | "stay"
            | "stays"
            | "own"
            | "owns"
            | "owned"
            | "pay"
            | "pays"
            | "paid"
            | "earn"
            | "earns"
            | "hit"
            | "hits"
            | "expect"
            | "expects"
            | "need"
            | "needs"
            | "want"
            | "wants"
            | "spend"
            | "spends"
            | "face"
            | "faces"
            | "left"
            | "leave"
            | "leaves"
            | "joined"
            | "join"
            | "joins"
            | "total"
            | "totals"
            | "totalled"
            | "totaled"
            | "now"
            | "still"
            | "already"
            | "next"
            | "last"
            | "today"
            | "yesterday"
            | "tomorrow"
            | "ago"
            | "each"
            | "apiece"
            | "sell"
            | "sells"
            | "sold"
            | "buy"
            | "buys"
            | "bought"
            | "ship"
            | "ships"
            | "shipped"
            | "cost"
            | "costs"
            | "rise"
            | "rises"
            | "fall"
            | "falls"
    )
}

/// Words that name a label before a number ("section 3", "page 12"): the number is not a claim.
pub fn is_label_word(word: &str) -> bool {
    // Most words are ruled out by their shape before being lower-cased; a non-ASCII word may
    // still lower-case to a label ("ran\u{212A}", with a Kelvin sign) and is looked up.
    (!word.is_ascii() || LABEL_SHAPES.may_hold(word.as_bytes())) && is_label_word_of_any_shape(word)
}

/// `is_label_word` without the look at the word's shape (the words of `LABEL_WORDS`, in a
/// `match` rather than a search of the list: keep the two in step).
fn is_label_word_of_any_shape(word: &str) -> bool {
    matches!(
        &*lower(word),
        "section"
            | "chapter"
            | "page"
            | "pages"
            | "figure"
            | "fig"
            | "table"
            | "item"
            | "step"
            | "part"
            | "article"
            | "paragraph"
            | "para"
            | "line"
            | "room"
            | "gate"
            | "route"
            | "exit"
            | "episode"
            | "season"
            | "level"
            | "tier"
            | "phase"
            | "version"
            | "v"
            | "no"
            | "nos"
            | "number"
            | "vol"
            | "volume"
            | "issue"
            | "row"
            | "column"
            | "rule"
            | "clause"
            | "unit"
            | "suite"
            | "floor"
            | "building"
            | "highway"
            | "interstate"
            | "flight"
            | "model"
            | "generation"
            | "gen"
            | "series"
            | "grade"
            | "class"
            | "category"
            | "stage"
            | "appendix"
            | "exhibit"
            | "schedule"
            | "annex"
            | "box"
            | "slide"
            | "question"
            | "q"
            | "ch"
            | "sec"
            | "p"
            | "pp"
            | "iso"
            | "top"
            | "rank"
            | "ranked"
            | "ranking"
            | "week"
            | "day"
            | "round"
            | "game"
            | "match"
            | "act"
            | "scene"
            | "lane"
            | "platform"
            | "terminal"
            | "pier"
            | "berth"
            | "track"
            | "bus"
    )
}

/// The words of `is_label_word`.
const LABEL_WORDS: &[&str] = &[
    "section",
    "chapter",
    "page",
    "pages",
    "figure",
    "fig",
    "table",
    "item",
    "step",
    "part",
    "article",
    "paragraph",
    "para",
    "line",
    "room",
    "gate",
    "route",
    "exit",
    "episode",
    "season",
    "level",
    "tier",
    "phase",
    "version",
    "v",
    "no",
    "nos",
    "number",
    "vol",
    "volume",
    "issue",
    "row",
    "column",
    "rule",
    "clause",
    "unit",
    "suite",
    "floor",
    "building",
    "highway",
    "interstate",
    "flight",
    "model",
    "generation",
    "gen",
    "series",
    "grade",
    "class",
    "category",
    "stage",
    "appendix",
    "exhibit",
    "schedule",
    "annex",
    "box",
    "slide",
    "question",
    "q",
    "ch",
    "sec",
    "p",
    "pp",
    "iso",
    "top",
    "rank",
    "ranked",
    "ranking",
    "week",
    "day",
    "round",
    "game",
    "match",
    "act",
    "scene",
    "lane",
    "platform",
    "terminal",
    "pier",
    "berth",
    "track",
    "bus",
];

static LABEL_SHAPES: WordShapes = WordShapes::new(&[LABEL_WORDS]);

/// Words often capitalised at a sentence start that are not names ("Over 500 people…").
pub fn is_function_word(word: &str) -> bool {
    let mut buf = [0; LOWER_IN_LONGEST];
    let lower = lower_in(word, &mut buf);
    is_phrase_stop_lower(&lower)
        || hedge_of(&lower).is_some()
        || matches!(
            &*lower,
            "nearly"
                | "roughly"
                | "almost"
                | "some"
                | "another"
                | "only"
                | "exactly"
                | "just"
                | "around"
                | "approximately"
                | "those"
                | "these"
                | "both"
                | "all"
                | "any"
                | "of"
                | "last"
                | "next"
                | "first"
                | "spending"
                | "investing"
                | "buying"
                | "using"
                | "with"
        )
}

pub const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("feb", 2),
    ("mar", 3),
    ("apr", 4),
    ("jun", 6),
    ("jul", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// A month name (capitalised, since "march" and "may" are verbs too).
pub fn month_of(word: &str) -> Option<u32> {
    let first = word.chars().next()?;
    if !first.is_uppercase() {
        return None;
    }
    // Month names are ASCII: an ASCII word is compared without being lower-cased, and most
    // words are ruled out by their length or first letter.
    if word.is_ascii() {
        let first = word.as_bytes()[0] | 0x20;
        if !(3..=9).contains(&word.len())
            || !matches!(first, b'j' | b'f' | b'm' | b'a' | b's' | b'o' | b'n' | b'd')
        {
            return None;
        }
        return MONTHS
            .iter()
            .find(|(m, _)| m.eq_ignore_ascii_case(word))
            .map(|(_, n)| *n);
    }
    let lower = lower(word);
    MONTHS.iter().find(|(m, _)| *m == lower).map(|(_, n)| *n)
}

/// The acronym a spelled-out counted noun stands for: "graphics processing units" → "GPU".
pub fn acronym_of(phrase: &str) -> Option<&'static str> {
    // Every spelled-out form ends in "unit", with no 'k' (the one ASCII letter a non-ASCII
    // character lower-cases to): most phrases are ruled out on their last bytes, before being
    // lower-cased.
    let bytes = phrase.as_bytes();
    let mut end = bytes.len();
    while end > 0 && bytes[end - 1] | 0x20 == b's' {
        end -= 1;
    }
    if end < 4 || !bytes[end - 4..end].eq_ignore_ascii_case(b"unit") {
        return None;
    }
    acronym_of_any_phrase(phrase)
}

/// `acronym_of` without the look at the last bytes.
fn acronym_of_any_phrase(phrase: &str) -> Option<&'static str> {
    let lower = lower(phrase);
    let lower = lower.trim_end_matches('s');
    [
        ("graphics processing unit", "GPU"),
        ("graphic processing unit", "GPU"),
        ("central processing unit", "CPU"),
        ("tensor processing unit", "TPU"),
        ("neural processing unit", "NPU"),
    ]
    .iter()
    .find(|(spelled, _)| lower.ends_with(spelled))
    .map(|(_, a)| *a)
}

/// Singular form of an English noun, good enough for unit and keyword matching.
pub fn singular(word: &str) -> String {
    let w = word.trim_end_matches(['’', '\'']);
    // An acronym's plural: "GPUs", "H100s".
    if let Some(core) = w.strip_suffix('s')
        && core
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && core.chars().any(char::is_uppercase)
    {
        return core.to_string();
    }
    // The endings below are ASCII with no 'k' (the one ASCII letter a non-ASCII character
    // lower-cases to): the lower case ends with one when the word does, in any ASCII case.
    let ends_with = |ending: &str| {
        w.len() >= ending.len()
            && w.as_bytes()[w.len() - ending.len()..].eq_ignore_ascii_case(ending.as_bytes())
    };
    if ends_with("ies") && w.len() > 4 {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if (ends_with("ches") || ends_with("shes") || ends_with("sses") || ends_with("xes"))
        && w.len() > 4
    {
        return w[..w.len() - 2].to_string();
    }
    if ends_with("s") && !ends_with("ss") && !ends_with("us") && !ends_with("is") && w.len() > 2 {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

/// `singular` as first written, lower-casing the word: the oracle for its look at the bytes.
#[cfg(test)]
fn singular_by_lower_case(word: &str) -> String {
    let w = word.trim_end_matches(['’', '\'']);
    if let Some(core) = w.strip_suffix('s')
        && core.chars().filter(|c| c.is_uppercase()).count() >= 1
        && core
            .chars()
            .last()
            .is_some_and(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
    {
        return core.to_string();
    }
    let lower_end = lower(w);
    if lower_end.ends_with("ies") && w.len() > 4 {
        return format!("{}y", &w[..w.len() - 3]);
    }
    if (lower_end.ends_with("ches")
        || lower_end.ends_with("shes")
        || lower_end.ends_with("sses")
        || lower_end.ends_with("xes"))
        && w.len() > 4
    {
        return w[..w.len() - 2].to_string();
    }
    if lower_end.ends_with('s')
        && !lower_end.ends_with("ss")
        && !lower_end.ends_with("us")
        && !lower_end.ends_with("is")
        && w.len() > 2
    {
        return w[..w.len() - 1].to_string();
    }
    w.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Words near the looked-up ones: the lists' own words in any case, with a Kelvin sign for
    /// their 'k', and other letters.
    fn near_word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let mut known: Vec<String> = LABEL_WORDS.iter().map(|w| w.to_string()).collect();
        known.extend(DURATION_WORDS.iter().map(|(w, _)| w.to_string()));
        known.extend(
            [
                "cent", "cents", "pence", "penny", "pennies", "¢", "thousand", "million",
                "billion", "trillion", "lakh", "crore", "mn", "mln", "mio", "bn", "bln", "tn",
                "trn", "tln", "MM", "mil", "k", "K", "m", "M", "b", "B", "t", "T",
            ]
            .map(String::from),
        );
        let known = proptest::sample::select(known);
        prop_oneof![
            (known.clone(), proptest::collection::vec(any::<bool>(), 12)).prop_map(|(w, up)| {
                w.chars()
                    .zip(up.into_iter().chain(std::iter::repeat(false)))
                    .map(|(c, u)| match (c, u) {
                        ('k', true) => '\u{212A}'.to_string(),
                        (c, true) => c.to_uppercase().to_string(),
                        (c, false) => c.to_string(),
                    })
                    .collect::<String>()
            }),
            "[a-zA-Z]{1,10}",
            "[a-zA-Zé\u{212A}]{1,6}",
        ]
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// The looks at a word's shape rule out no word the full look-up knows.
        #[test]
        fn shape_filters_rule_out_only_unknown_words(word in near_word()) {
            proptest::prop_assert_eq!(is_label_word(&word), is_label_word_of_any_shape(&word));
            proptest::prop_assert_eq!(duration_unit(&word), duration_unit_of_any_shape(&word));
            proptest::prop_assert_eq!(minor_currency(&word), minor_currency_of_any_shape(&word));
            for attached in [false, true] {
                if scale_of(&word, attached).is_some() || is_scale_lower(&lower(&word)) {
                    proptest::prop_assert!(
                        !word.is_ascii() || SCALE_SHAPES.may_hold(word.as_bytes()),
                        "{}",
                        word
                    );
                }
            }
        }
    }

    #[test]
    fn number_start_words_are_told() {
        for w in NUMBER_START_WORDS {
            assert!(is_number_start_word(w), "{w}");
        }
        for w in ["", "as", "halves", "dozenth", "Few", "tens-"] {
            assert_eq!(
                is_number_start_word(w),
                NUMBER_START_WORDS.contains(&w),
                "{w}"
            );
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 4096,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// `singular` and `acronym_of` read the bytes as the lower case would.
        #[test]
        fn singular_and_acronyms_as_by_lower_case(
            word in "([a-zA-Z]|é|É|İ|\u{212A}|ſ|’|'|ies|IES|ches|Shes|sses|XES|Us|iS|s|S|0|9){1,8}",
            phrase in "((graphics|Graphic|CENTRAL|tensor|neural) (processing|PROCESSING) |[a-zA-Zé\u{212A}]{0,4})(unit|UNIT|Unit|uni\u{212A}|units|UNITS|unitS|unit s|[a-zA-Z]{1,4})",
        ) {
            proptest::prop_assert_eq!(singular(&word), singular_by_lower_case(&word));
            proptest::prop_assert_eq!(acronym_of(&phrase), acronym_of_any_phrase(&phrase));
        }
    }

    /// The parser's shortcut (`noun_phrase`, `hedge_before`) looks for a hedge only before a
    /// number whose previous word `may_end_hedge`: so every phrase `hedge_of_words` knows must
    /// end with such a word. Every phrase of up to `MAX_HEDGE_WORDS` words drawn from the
    /// hedges' words is tried (a phrase with a new word needs that word added here).
    #[test]
    fn every_hedge_phrase_ends_with_a_hedge_end_word() {
        const HEDGE_WORDS: &[&str] = &[
            "a",
            "above",
            "about",
            "almost",
            "an",
            "approx",
            "approximately",
            "around",
            "as",
            "at",
            "below",
            "circa",
            "close",
            "estimated",
            "excess",
            "exceeding",
            "fewer",
            "greater",
            "high",
            "in",
            "just",
            "least",
            "less",
            "little",
            "many",
            "maximum",
            "minimum",
            "more",
            "most",
            "much",
            "nearly",
            "no",
            "north",
            "not",
            "of",
            "over",
            "quite",
            "roughly",
            "short",
            "shy",
            "slightly",
            "some",
            "south",
            "than",
            "to",
            "under",
            "up",
            "upward",
            "upwards",
        ];
        let mut phrase = Vec::with_capacity(MAX_HEDGE_WORDS);
        let mut hedges = 0;
        fn each(phrase: &mut Vec<&'static str>, hedges: &mut usize, words: &[&'static str]) {
            if hedge_of_words(phrase).is_some() {
                *hedges += 1;
                let last = phrase.last().expect("a hedge has words");
                assert!(
                    may_end_hedge(last),
                    "{phrase:?} ends with no hedge-end word"
                );
            }
            if phrase.len() < MAX_HEDGE_WORDS {
                for w in words {
                    phrase.push(w);
                    each(phrase, hedges, words);
                    phrase.pop();
                }
            }
        }
        each(&mut phrase, &mut hedges, HEDGE_WORDS);
        // Every phrase of the table is among those tried.
        assert_eq!(hedges, 56);
    }

    #[test]
    fn hedge_ends_have_a_listed_shape() {
        for w in HEDGE_END_WORDS {
            assert!(may_end_hedge(w), "{w}");
            assert!(may_end_hedge_any_case(w), "{w}");
            assert!(may_end_hedge_any_case(&w.to_uppercase()), "{w}");
        }
        assert!(!may_end_hedge_any_case("people"));
    }

    #[test]
    fn label_words_are_labels() {
        for w in LABEL_WORDS {
            assert!(is_label_word(w), "{w}");
            assert!(is_label_word(&w.to_uppercase()), "{w}");
        }
    }

    proptest::proptest! {
        /// The hedge-ending look from bytes agrees with the look at the lower case.
        #[test]
        fn hedge_end_any_case_is_the_lower_case_look(
            word in "(about|Above|ALMOST|approx|Approximately|around|As|below|Circa|estimated|exceeding|least|most|nearly|of|OVER|quite|roughly|some|than|To|under|[a-zA-Zé\u{212A}]{1,14})",
        ) {
            proptest::prop_assert_eq!(
                may_end_hedge_any_case(&word),
                may_end_hedge(&lower(&word))
            );
        }
    }

    /// The scale words `Parser::scale_at` lower-cases and looks for.
    fn is_scale_lower(w: &str) -> bool {
        matches!(
            w,
            "thousand" | "million" | "billion" | "trillion" | "lakh" | "crore"
        )
    }

    #[test]
    fn directions() {
        for w in [
            "fell", "plunged", "dropped", "wiping", "lost", "declined", "slumped", "cut",
        ] {
            assert_eq!(direction_of(w), Some(Direction::Down), "{w}");
        }
        for w in [
            "rose", "gained", "climbed", "jumped", "surged", "soared", "rallied", "added",
        ] {
            assert_eq!(direction_of(w), Some(Direction::Up), "{w}");
        }
        for w in [
            "cutting-edge",
            "update",
            "additional",
            "wipers",
            "risen-x",
            "company",
        ] {
            assert_eq!(direction_of(w), None, "{w}");
        }
    }

    #[test]
    fn bytes_kept_as_they_are_in_lower_case() {
        for b in 0..=255u8 {
            assert_eq!(
                LOWER_AS_IS[usize::from(b)],
                b.is_ascii() && !b.is_ascii_uppercase(),
                "{b}"
            );
        }
        assert!(matches!(lower("million"), Cow::Borrowed("million")));
        assert_eq!(lower("MiLLion"), "million");
        assert_eq!(lower("la\u{212A}h"), "lakh");
    }

    /// `small_number` without the look at the word's shape: the oracle.
    fn small_number_of_any_shape(word: &str) -> Option<u32> {
        unit_word(word)
            .or_else(|| teen_word(word))
            .or_else(|| tens_word(word))
    }

    proptest::proptest! {
        #[test]
        fn small_number_shapes_rule_out_no_number_word(
            word in "[a-zA-Z]{0,10}|(one|three|seven|eleven|twenty|ninety|zero|naught)[sy-]?"
        ) {
            proptest::prop_assert_eq!(small_number(&word), small_number_of_any_shape(&word));
        }
    }

    #[test]
    fn small_numbers_have_a_listed_shape() {
        for w in UNIT_WORDS.iter().chain(TEEN_WORDS).chain(TENS_WORDS) {
            assert_eq!(small_number(w), small_number_of_any_shape(w), "{w}");
            assert!(small_number(w).is_some(), "{w}");
        }
    }

    #[test]
    fn number_start_shapes_hold_their_words() {
        for w in UNIT_WORDS.iter().chain(TEEN_WORDS).chain(TENS_WORDS) {
            assert!(small_number(w).is_some(), "{w}");
            assert!(NUMBER_START_SHAPES.may_hold(w.as_bytes()), "{w}");
            assert!(
                NUMBER_START_SHAPES.may_hold(w.to_uppercase().as_bytes()),
                "{w}"
            );
        }
        for w in NUMBER_START_WORDS {
            assert!(NUMBER_START_SHAPES.may_hold(w.as_bytes()), "{w}");
        }
        for w in ["the", "that", "for", "said", "companies", "", "x"] {
            assert!(!NUMBER_START_SHAPES.may_hold(w.as_bytes()), "{w}");
        }
        for w in UNIT_WORDS
            .iter()
            .chain(TEEN_WORDS)
            .chain(TENS_WORDS)
            .chain(NUMBER_START_WORDS)
        {
            assert!(plain_word_may_start_number_strictly(w.as_bytes()), "{w}");
            assert!(
                plain_word_may_start_number_strictly(w.to_uppercase().as_bytes()),
                "{w}"
            );
        }
        for w in [
            "this", "there", "these", "business", "energy", "study", "none", "event",
        ] {
            assert!(!plain_word_may_start_number_strictly(w.as_bytes()), "{w}");
        }
        for w in ["multibillion", "Tenfold", "a", "An", "tens", "Several"] {
            assert!(plain_word_may_start_number_strictly(w.as_bytes()), "{w}");
        }
    }

    #[test]
    fn currency_phrases_start_with_a_listed_word() {
        for words in [
            &["hong", "kong", "dollars"][..],
            &["swiss", "francs"],
            &["pounds", "sterling"],
            &["us", "dollar"],
            &["danish", "krone"],
        ] {
            assert!(currency_phrase(words).is_some(), "{words:?}");
        }
        assert_eq!(currency_phrase(&["the", "dollar"]), None);
    }

    proptest::proptest! {
        /// No word read as a direction (nor "up" or "down") is ruled out by its first bytes:
        /// stems with letters after them in any case, and short words.
        #[test]
        fn may_be_direction_keeps_every_direction(word in direction_near_word()) {
            proptest::prop_assert_eq!(direction_of(&word), direction_of_any_shape(&word));
            let lower_word = lower(&word);
            if lower_word == "up" || lower_word == "down" {
                proptest::prop_assert!(may_be_direction(&word), "{}", word);
            }
        }
    }

    fn direction_near_word() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let stems: Vec<&str> = FALLING_STEMS.iter().chain(RISING_STEMS).copied().collect();
        prop_oneof![
            (
                proptest::sample::select(stems),
                "[a-z'’]{0,4}",
                any::<bool>()
            )
                .prop_map(|(stem, rest, capital)| {
                    let word = format!("{stem}{rest}");
                    if capital { word.to_uppercase() } else { word }
                }),
            "[a-zA-Z'’é]{0,3}",
        ]
    }

    #[test]
    fn short_words_are_no_direction() {
        for word in ["a", "B", "x", "in", "In", "of", "to", "at"] {
            assert!(!may_be_direction(word), "{word}");
        }
        assert!(may_be_direction("up") && may_be_direction("UP"));
    }

    #[test]
    fn stem_shapes_hold_the_stems() {
        for w in FALLING_STEMS.iter().chain(RISING_STEMS) {
            for ending in ["", "s", "ed", "ping", "ies", "'"] {
                let word = format!("{w}{ending}");
                assert!(may_be_direction(&word), "{word}");
                assert!(may_be_direction(&word.to_uppercase()), "{word}");
            }
            assert!(STEM_SHAPES.may_hold(w.as_bytes()), "{w}");
            assert!(is_falling_stem(w) || is_rising_stem(w), "{w}");
        }
    }

    #[test]
    fn currency_words_have_a_listed_shape() {
        for word in CURRENCY_WORD_LIST {
            let capitalised = word[..1].to_uppercase() + &word[1..];
            for w in [word.to_string(), word.to_uppercase(), capitalised] {
                assert_eq!(currency_word(&w), currency_word_of_any_shape(&w), "{w}");
            }
        }
        assert_eq!(currency_word("USD"), Some("USD"));
        assert_eq!(currency_word("Dollars"), Some("USD"));
        assert_eq!(currency_word("元"), Some("CNY"));
        assert_eq!(currency_word("people"), None);
    }

    #[test]
    fn currency_phrase_starts_have_a_listed_shape() {
        for word in CURRENCY_PHRASE_STARTS {
            let capitalised = word[..1].to_uppercase() + &word[1..];
            for w in [word.to_string(), word.to_uppercase(), capitalised] {
                for w in [w.clone(), w.clone() + "s", w + "S"] {
                    assert!(may_be_currency_name_bytes(w.as_bytes()), "{w}");
                }
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn currency_name_shapes_rule_out_no_currency_name(
            word in "[a-zA-Z]{1,12}|(hong|new|south|us|swiss|sri|pound|dutch|german|korean)[sS]?|(dollar|euro|yen|yuan|usd|rmb)[sS]?"
        ) {
            if !may_be_currency_name_bytes(word.as_bytes()) {
                proptest::prop_assert_eq!(currency_word(&word), None);
                proptest::prop_assert!(!may_start_currency_phrase(&lower(&word)));
            }
        }

        #[test]
        fn currency_word_shapes_rule_out_no_currency_word(
            word in "[a-zA-Z]{1,10}|(dollar|euro|pound|yen|yuan|rupee|franc|rand|won|peso|lira|usd|cny|rmb)[sS]?"
        ) {
            proptest::prop_assert_eq!(currency_word(&word), currency_word_of_any_shape(&word));
        }
    }

    #[test]
    fn prefix_ends_are_the_last_bytes_of_the_prefixes() {
        for (prefixes, ends) in [
            (DOLLAR_PREFIXES, &DOLLAR_PREFIX_ENDS),
            (YEN_PREFIXES, &YEN_PREFIX_ENDS),
        ] {
            assert!(prefixes.len() <= 32);
            for b in 0..128u8 {
                let expected = prefixes
                    .iter()
                    .enumerate()
                    .filter(|(_, (p, ..))| p.as_bytes().last() == Some(&b))
                    .fold(0u32, |bits, (i, _)| bits | 1 << i);
                assert_eq!(ends[usize::from(b)], expected, "{b}");
            }
            // Compared with a stem's last byte in lower case.
            assert!(
                prefixes
                    .iter()
                    .all(|(p, ..)| p.is_ascii() && *p == p.to_lowercase())
            );
        }
    }

    #[test]
    fn dollar_prefixes_longest_first() {
        assert!(
            DOLLAR_PREFIXES
                .windows(2)
                .all(|w| w[0].0.len() >= w[1].0.len())
        );
        assert!(
            YEN_PREFIXES
                .windows(2)
                .all(|w| w[0].0.len() >= w[1].0.len())
        );
    }

    #[test]
    fn singulars() {
        assert_eq!(singular("GPUs"), "GPU");
        assert_eq!(singular("H100s"), "H100");
        assert_eq!(singular("companies"), "company");
        assert_eq!(singular("parameters"), "parameter");
        assert_eq!(singular("chips"), "chip");
        assert_eq!(singular("status"), "status");
    }

    #[test]
    fn currency_symbols_as_in_the_list() {
        let signs = CURRENCY_SIGNS.iter().map(|(s, _)| s.to_string());
        let bytes = (0u8..128).map(|b| char::from(b).to_string());
        for sym in signs.chain(bytes).chain(["$$".to_string(), String::new()]) {
            assert_eq!(
                currency_symbol(&sym),
                currency_symbol_in_list(&sym),
                "{sym:?}"
            );
        }
    }

    proptest::proptest! {
        /// The look at the last byte rules out no denominator.
        #[test]
        fn denominators_as_without_the_last_byte_filter(
            word in "(?i)(twenty-|thirty‑|forty-|ninety-)?(half|halves|third|quarter|fourth|fifth|sixth|seventh|eighth|ninth|twelfth|hundredth|millionth|billionth|first|second|one|ten)(s|S|’)?|[a-zA-Z’‑-]{0,8}"
        ) {
            proptest::prop_assert_eq!(denominator(&word), denominator_of_any_word(&word));
        }
    }

    #[test]
    fn denominators_start_with_a_listed_letter() {
        let ordinals = [
            "half",
            "halves",
            "third",
            "quarter",
            "fourth",
            "fifth",
            "sixth",
            "seventh",
            "eighth",
            "ninth",
            "tenth",
            "eleventh",
            "twelfth",
            "thirteenth",
            "fourteenth",
            "fifteenth",
            "sixteenth",
            "seventeenth",
            "eighteenth",
            "nineteenth",
            "twentieth",
            "thirtieth",
            "fortieth",
            "fiftieth",
            "sixtieth",
            "seventieth",
            "eightieth",
            "ninetieth",
            "hundredth",
            "thousandth",
            "millionth",
            "billionth",
            "trillionth",
        ];
        for word in ordinals {
            assert!(
                denominator_of_any_word(word).is_some() || word == "half",
                "{word}"
            );
            assert!(
                DENOMINATOR_FIRST_LETTERS.contains(&word.as_bytes()[0]),
                "{word}"
            );
        }
        for tens in TENS_WORDS {
            assert!(
                DENOMINATOR_FIRST_LETTERS.contains(&tens.as_bytes()[0]),
                "{tens}"
            );
        }
        assert_eq!(denominator("Year"), None);
        assert_eq!(denominator("Third"), Some((3.0, false)));
    }

    #[test]
    fn months_as_by_a_plain_search() {
        let plain = |w: &str| {
            let first = w.chars().next()?;
            if !first.is_uppercase() {
                return None;
            }
            let lower = w.to_lowercase();
            MONTHS.iter().find(|(m, _)| *m == lower).map(|(_, n)| *n)
        };
        let words = MONTHS
            .iter()
            .flat_map(|(m, _)| {
                [
                    m.to_string(),
                    m.to_uppercase(),
                    format!("{}{}", m[..1].to_uppercase(), &m[1..]),
                ]
            })
            .chain(
                [
                    "Mayor",
                    "Ma",
                    "Decembers",
                    "Sept.",
                    "Éclair",
                    "\u{212A}",
                    "Jänuary",
                    "",
                ]
                .map(String::from),
            );
        for w in words {
            assert_eq!(month_of(&w), plain(&w), "{w:?}");
        }
    }

    proptest::proptest! {
        /// Lowering on the stack gives the lower case `lower` gives.
        #[test]
        fn lower_in_is_lower(
            word in "([a-zA-Z0-9]{0,30}|[a-zA-Z\u{212A}\u{130}éÉ‑'’-]{0,30}|\\PC{0,12})",
        ) {
            let mut buf = [0; LOWER_IN_LONGEST];
            proptest::prop_assert_eq!(lower_in(&word, &mut buf), lower(&word));
        }
    }

    /// `number_word` as first written, splitting any word with a hyphen: the oracle for its
    /// look at the bytes.
    fn number_word_by_split(word: &str) -> Option<u32> {
        if let Some(v) = small_number(word) {
            return Some(v);
        }
        let (tens, units) = word.split_once(['-', '‑'])?;
        let t = tens_word(tens)?;
        let u = unit_word(units)?;
        (u > 0).then_some(t + u)
    }

    /// Words joined by a hyphen or not, of the number words' lists and not.
    fn joined_words() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let words: Vec<&str> = TENS_WORDS
            .iter()
            .chain(UNIT_WORDS)
            .chain(TEEN_WORDS)
            .copied()
            .collect();
        let joins = vec!["-", "‑", "–", "", "--", "x"];
        (
            proptest::sample::select(words.clone()),
            proptest::sample::select(joins),
            proptest::sample::select(words),
            "(|s|th|-one)",
        )
            .prop_map(|(a, join, b, end)| format!("{a}{join}{b}{end}"))
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig {
            cases: 2048,
            ..proptest::prelude::ProptestConfig::default()
        })]
        /// The look at a word's length and bytes rules out no compound number word.
        #[test]
        fn number_word_is_the_split_reading(
            word in proptest::prop_oneof![joined_words(), "[a-z‑-]{0,16}", "\\PC{0,16}"],
        ) {
            proptest::prop_assert_eq!(number_word(&word), number_word_by_split(&word));
        }
    }
}
