//! `factcheck sources`: fetch each figure's cited source and confirm it still says so.
//!
//! Every figure with a `source.url` is checked (each URL fetched once, however many figures cite
//! it; at most [`Options::concurrency`] requests at once and two per host). A figure is:
//!
//! - `ok`: the page was fetched at its URL and its text contains the figure's `quote` — or, for
//!   a figure without one, its number in a common written form (5576000 as `5,576,000`,
//!   `5.576 million`, `$5.576M`, `5.576m`…);
//! - `changed`: the page was fetched but the text is not in it;
//! - `gone`: the server answered 404 or 410;
//! - `unreachable`: no answer (timeout, DNS, TLS, refused), or an error status after the
//!   retries (5xx, 429, 403…), or a body too large;
//! - `redirected`: the page now lives at another URL (shown; whether the text is still there is
//!   said too);
//! - `unreadable`: fetched, but of a type whose text cannot be searched (a PDF, an image).
//!
//! The text is compared normalised: HTML tags stripped (the article text of the shared HTML
//! reader), case folded, and punctuation and runs of white space read as one space, so
//! typographic quotes, dashes, non-breaking spaces and entities do not matter.

use super::{Client, FetchError, Options, Request, Response, block_on, decode_text, is_url};
use crate::dataset::{Dataset, Figure};
use crate::report::model::{DatasetRef, Tool};
use serde::Serialize;
use std::io::{self, Write};

/// The report's format number.
pub const SOURCES_FORMAT: u32 = 1;

/// `factcheck sources [OPTIONS] [DATASET]...`
#[derive(Debug, clap::Args)]
pub struct SourcesArgs {
    /// Datasets (files or URLs) whose sources to check; by default the datasets a check would
    /// load (the built-in one and factcheck.toml's).
    #[arg(value_name = "DATASET")]
    pub datasets: Vec<String>,
    /// Report format on stdout.
    #[arg(short, long, value_enum, default_value_t = SourcesFormat::Human)]
    pub format: SourcesFormat,
    /// Print only the figures whose source is not ok (human output).
    #[arg(short, long)]
    pub quiet: bool,
    /// Pages fetched at once (at most two per host).
    #[arg(short = 'j', long, value_name = "N", default_value_t = 8,
          value_parser = clap::value_parser!(u16).range(1..=64))]
    pub jobs: u16,
    /// Per HTTP request, in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "20", value_parser = super::parse_timeout)]
    pub timeout: std::time::Duration,
    /// A factcheck.toml; by default the nearest one upward from the working directory.
    #[arg(long, value_name = "PATH")]
    pub config: Option<std::path::PathBuf>,
}

impl SourcesArgs {
    /// The client's options.
    pub fn options(&self) -> Options {
        Options {
            concurrency: usize::from(self.jobs),
            ..Options::new(self.timeout, false)
        }
    }
}

/// `--format` of `factcheck sources`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum SourcesFormat {
    Human,
    Json,
}

/// What became of a figure's source.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Ok,
    Changed,
    Gone,
    Unreachable,
    Redirected,
    Unreadable,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Ok => "ok",
            Status::Changed => "changed",
            Status::Gone => "gone",
            Status::Unreachable => "unreachable",
            Status::Redirected => "redirected",
            Status::Unreadable => "unreadable",
        }
    }
}

/// What was looked for on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LookedFor {
    Quote,
    Number,
}

/// One figure's verdict.
#[derive(Debug, Clone, Serialize)]
pub struct SourceCheck {
    pub figure: String,
    pub dataset: String,
    pub url: String,
    pub status: Status,
    /// The URL after redirects, when it differs.
    pub final_url: Option<String>,
    /// The HTTP status of the final answer, when there was one.
    pub http_status: Option<u16>,
    pub looked_for: LookedFor,
    /// Whether the quote or number was found; null when the page could not be read.
    pub found: Option<bool>,
    /// One sentence saying what was found.
    pub message: String,
}

/// Counts per status.
#[derive(Debug, Clone, Default, Serialize)]
pub struct SourcesSummary {
    pub figures: usize,
    pub ok: usize,
    pub changed: usize,
    pub gone: usize,
    pub unreachable: usize,
    pub redirected: usize,
    pub unreadable: usize,
}

impl SourcesSummary {
    fn add(&mut self, status: Status) {
        self.figures += 1;
        *match status {
            Status::Ok => &mut self.ok,
            Status::Changed => &mut self.changed,
            Status::Gone => &mut self.gone,
            Status::Unreachable => &mut self.unreachable,
            Status::Redirected => &mut self.redirected,
            Status::Unreadable => &mut self.unreadable,
        } += 1;
    }
}

/// The whole report (`--format json` prints it as is).
#[derive(Debug, Clone, Serialize)]
pub struct SourcesReport {
    pub format: u32,
    pub tool: Tool,
    pub datasets: Vec<DatasetRef>,
    pub sources: Vec<SourceCheck>,
    pub summary: SourcesSummary,
}

impl SourcesReport {
    /// Whether every figure's source is `ok`.
    pub fn all_ok(&self) -> bool {
        self.summary.ok == self.summary.figures
    }
}

/// Checks the sources of every figure in `datasets`.
pub fn check(datasets: &[Dataset], options: &Options) -> SourcesReport {
    let figures: Vec<(&Dataset, &Figure)> = datasets
        .iter()
        .flat_map(|d| d.figures.iter().map(move |f| (d, f)))
        .filter(|(_, f)| !f.source.url.trim().is_empty())
        .collect();
    let mut urls: Vec<&str> = Vec::new();
    for (_, f) in &figures {
        let u = f.source.url.trim();
        if is_url(u) && !urls.contains(&u) {
            urls.push(u);
        }
    }
    let requests: Vec<Request> = urls.iter().map(|u| Request::get(u)).collect();
    let results: Vec<Result<Response, FetchError>> = match Client::new(options) {
        Ok(client) => block_on(async move { client.fetch_all(requests).await })
            .unwrap_or_else(|e| urls.iter().map(|_| Err(e.clone())).collect()),
        Err(e) => urls.iter().map(|_| Err(e.clone())).collect(),
    };
    let pages: Vec<Fetched> = results.into_iter().map(Fetched::of).collect();

    let mut summary = SourcesSummary::default();
    let sources = figures
        .into_iter()
        .map(|(dataset, figure)| {
            let url = figure.source.url.trim();
            let check = match urls.iter().position(|u| *u == url) {
                Some(i) => judge(figure, url, &pages[i]),
                None => SourceCheck {
                    figure: figure.id.clone(),
                    dataset: String::new(),
                    url: url.to_string(),
                    status: Status::Unreachable,
                    final_url: None,
                    http_status: None,
                    looked_for: looked_for(figure),
                    found: None,
                    message: "only http and https URLs can be fetched".to_string(),
                },
            };
            let check = SourceCheck {
                dataset: dataset.name.clone(),
                ..check
            };
            summary.add(check.status);
            check
        })
        .collect();
    SourcesReport {
        format: SOURCES_FORMAT,
        tool: Tool::default(),
        datasets: datasets
            .iter()
            .map(|d| DatasetRef {
                name: d.name.clone(),
                location: d.location.clone(),
                figures: d.figures.len(),
            })
            .collect(),
        sources,
        summary,
    }
}

/// A fetched source, reduced to what the verdicts need.
enum Fetched {
    Failed(FetchError),
    Unreadable {
        status: u16,
        final_url: String,
        media: String,
    },
    Page {
        status: u16,
        final_url: String,
        /// For quotes: lower-case words separated by single spaces.
        words: String,
        /// For numbers: lower-case text, white space collapsed.
        numbers: String,
    },
}

impl Fetched {
    fn of(result: Result<Response, FetchError>) -> Fetched {
        let response = match result {
            Ok(r) => r,
            Err(e) => return Fetched::Failed(e),
        };
        let media = response.media_type();
        let html = matches!(
            media.as_deref(),
            None | Some("text/html" | "application/xhtml+xml")
        );
        let searchable = html
            || media.as_deref().is_some_and(|m| {
                m.starts_with("text/") || m.ends_with("json") || m.ends_with("xml")
            });
        let final_url = response.final_url.clone();
        if !searchable {
            return Fetched::Unreadable {
                status: response.status,
                final_url,
                media: media.unwrap_or_default(),
            };
        }
        let text = match decode_text(&response.body, response.content_type.as_deref(), html) {
            Ok((text, _)) => text,
            Err(e) => {
                return Fetched::Failed(FetchError::Other(format!(
                    "the page cannot be decoded: {e}"
                )));
            }
        };
        let text = if html { page_text(&text) } else { text };
        Fetched::Page {
            status: response.status,
            final_url,
            words: words(&text),
            numbers: number_text(&text),
        }
    }
}

/// The text of an HTML page as the shared HTML reader extracts it: the article's prose, each
/// piece separated by a space (a character reference is a gap in the prose, read as a space).
fn page_text(html: &str) -> String {
    let extracted = crate::input::html::extract(html);
    let mut out = String::with_capacity(html.len() / 2);
    for span in extracted.prose {
        if let Some(piece) = html.get(span.start..span.end) {
            out.push_str(piece);
            out.push(' ');
        }
    }
    out
}

fn looked_for(figure: &Figure) -> LookedFor {
    match &figure.source.quote {
        Some(q) if !q.trim().is_empty() => LookedFor::Quote,
        _ => LookedFor::Number,
    }
}

/// Whether two URLs name the same page (fragments ignored, parsed forms compared).
fn same_url(a: &str, b: &str) -> bool {
    let parse = |s: &str| {
        reqwest::Url::parse(s).map(|mut u| {
            u.set_fragment(None);
            u
        })
    };
    match (parse(a), parse(b)) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

fn judge(figure: &Figure, url: &str, fetched: &Fetched) -> SourceCheck {
    let looking = looked_for(figure);
    let mut check = SourceCheck {
        figure: figure.id.clone(),
        dataset: String::new(),
        url: url.to_string(),
        status: Status::Unreachable,
        final_url: None,
        http_status: None,
        looked_for: looking,
        found: None,
        message: String::new(),
    };
    let (status, final_url) = match fetched {
        Fetched::Failed(e) => {
            check.http_status = e.status();
            check.status = match e.status() {
                Some(404 | 410) => Status::Gone,
                _ => Status::Unreachable,
            };
            check.message = e.to_string();
            return check;
        }
        Fetched::Unreadable {
            status,
            final_url,
            media,
        } => {
            check.status = Status::Unreadable;
            check.message = format!("the page is {media}, whose text cannot be searched");
            (*status, final_url)
        }
        Fetched::Page {
            status,
            final_url,
            words: page_words,
            numbers,
        } => {
            let (found, what) = match (&figure.source.quote, looking) {
                (Some(quote), LookedFor::Quote) => (
                    contains_words(page_words, &words(quote)),
                    format!("the quote \"{}\"", quote.trim()),
                ),
                _ => {
                    let forms = figure_forms(figure);
                    let found = forms.iter().all(|alternatives| {
                        alternatives.iter().any(|f| contains_number(numbers, f))
                    });
                    let shown: Vec<&str> = forms
                        .iter()
                        .filter_map(|alts| alts.iter().find(|f| f.contains(' ')).or(alts.first()))
                        .map(String::as_str)
                        .collect();
                    (found, format!("the number {}", shown.join(" to ")))
                }
            };
            check.found = Some(found);
            check.status = if found { Status::Ok } else { Status::Changed };
            check.message = if found {
                format!("{what} is on the page")
            } else {
                format!("{what} is not on the page")
            };
            (*status, final_url)
        }
    };
    check.http_status = Some(status);
    if !same_url(url, final_url) {
        check.status = Status::Redirected;
        check.message = format!("the page moved to {final_url}; {}", check.message);
        check.final_url = Some(final_url.clone());
    }
    check
}

// ---------------------------------------------------------------------------------------------
// Normalised text

/// Lower-case words (letters and digits) separated by single spaces: punctuation, symbols and
/// white space all read as a separator.
pub fn words(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_space && !out.is_empty() {
                out.push(' ');
            }
            pending_space = false;
            out.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    out
}

/// Whether `needle` (normalised by [`words`]) occurs in `haystack` on word boundaries.
fn contains_words(haystack: &str, needle: &str) -> bool {
    if needle.is_empty() {
        return false;
    }
    haystack.match_indices(needle).any(|(i, _)| {
        let before = haystack[..i].chars().next_back();
        let after = haystack[i + needle.len()..].chars().next();
        before.is_none_or(|c| c == ' ') && after.is_none_or(|c| c == ' ')
    })
}

/// Lower-case text with every run of white space (and dashes, which join numbers to their
/// scale: `$5.6-million`) read as one space.
pub fn number_text(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() || matches!(c, '-' | '\u{2010}'..='\u{2015}' | '\u{00a0}') {
            space = true;
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.extend(c.to_lowercase());
    }
    out
}

/// Whether the number form `form` occurs in `text` (normalised by [`number_text`]) standing on
/// its own: not inside a longer number, and an abbreviated scale (`m`, `bn`) not the start of a
/// word.
fn contains_number(text: &str, form: &str) -> bool {
    let ends_in_digit = form.ends_with(|c: char| c.is_ascii_digit());
    let ends_in_word = form
        .chars()
        .rev()
        .take_while(char::is_ascii_alphabetic)
        .count()
        > 3;
    text.match_indices(form).any(|(i, _)| {
        let before = text[..i].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_digit() || c == '.' || c == ',') {
            return false;
        }
        let rest = &text[i + form.len()..];
        let mut after = rest.chars();
        let (a, b) = (after.next(), after.next());
        if ends_in_digit {
            let continues = a.is_some_and(|c| c.is_ascii_digit())
                || (matches!(a, Some('.' | ',')) && b.is_some_and(|c| c.is_ascii_digit()));
            !continues
        } else if ends_in_word {
            true
        } else {
            !a.is_some_and(char::is_alphanumeric)
        }
    })
}

/// The forms to look for: one list of alternatives per bound (a value has one; a range needs
/// both bounds found).
fn figure_forms(figure: &Figure) -> Vec<Vec<String>> {
    match figure.value {
        Some(v) => vec![number_forms(v)],
        None => [figure.low, figure.high]
            .into_iter()
            .flatten()
            .map(number_forms)
            .collect(),
    }
}

/// Common written forms of a number, lower-case: `5576000` → `5,576,000`, `5576000`,
/// `5 576 000`, `5.576 million`, `5.576m`, `5.576 mn`, … (a scale only where the mantissa is
/// exact to three decimals).
pub fn number_forms(value: f64) -> Vec<String> {
    let v = value.abs();
    let mut forms = Vec::new();
    let plain = plain_decimal(v);
    let (int, frac) = plain.split_once('.').unwrap_or((&plain, ""));
    let dot = if frac.is_empty() {
        String::new()
    } else {
        format!(".{frac}")
    };
    if int.len() > 3 {
        forms.push(format!("{}{dot}", group(int, ',')));
        forms.push(format!("{}{dot}", group(int, ' ')));
    }
    forms.push(plain.clone());
    const SCALES: [(f64, &[&str]); 4] = [
        (1e3, &["thousand", "k"]),
        (1e6, &["million", "m", "mn", "mln"]),
        (1e9, &["billion", "b", "bn", "bln"]),
        (1e12, &["trillion", "t", "tn"]),
    ];
    for (scale, names) in SCALES {
        let m = v / scale;
        if !(1.0..1000.0).contains(&m) {
            continue;
        }
        let mantissa = trim_zeros(&format!("{m:.3}"));
        let back: f64 = mantissa.parse().unwrap_or(f64::NAN);
        if (back * scale - v).abs() > v * 1e-9 {
            continue;
        }
        for name in names {
            if name.len() > 3 {
                forms.push(format!("{mantissa} {name}"));
            } else {
                forms.push(format!("{mantissa}{name}"));
                forms.push(format!("{mantissa} {name}"));
            }
        }
    }
    forms
}

/// A non-negative number in plain decimal notation, without exponent or trailing zeros.
fn plain_decimal(v: f64) -> String {
    if v.fract() == 0.0 && v < 1e15 {
        format!("{}", v as u64)
    } else {
        trim_zeros(&format!("{v:.6}"))
    }
}

fn trim_zeros(s: &str) -> String {
    if s.contains('.') {
        s.trim_end_matches('0').trim_end_matches('.').to_string()
    } else {
        s.to_string()
    }
}

/// `5576000` → `5,576,000`.
fn group(digits: &str, sep: char) -> String {
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Output

/// The human report: one line per figure (`status  id  url`), a line saying why for each that is
/// not `ok`, and a summary line. `quiet` leaves out the `ok` ones.
pub fn write_human(out: &mut impl Write, report: &SourcesReport, quiet: bool) -> io::Result<()> {
    for s in &report.sources {
        if quiet && s.status == Status::Ok {
            continue;
        }
        writeln!(out, "{:<11} {}  {}", s.status.as_str(), s.figure, s.url)?;
        if s.status != Status::Ok {
            writeln!(out, "{:<11} = {}", "", s.message)?;
        }
    }
    writeln!(out, "{}", summary_line(&report.summary))
}

/// `5 figures: 2 ok, 1 changed, 1 gone, 0 unreachable, 1 redirected` (`unreadable` only when
/// there are some).
pub fn summary_line(s: &SourcesSummary) -> String {
    let mut line = format!(
        "{} figure{}: {} ok, {} changed, {} gone, {} unreachable, {} redirected",
        s.figures,
        if s.figures == 1 { "" } else { "s" },
        s.ok,
        s.changed,
        s.gone,
        s.unreachable,
        s.redirected
    );
    if s.unreadable > 0 {
        line.push_str(&format!(", {} unreadable", s.unreadable));
    }
    line
}

/// The JSON report.
pub fn write_json(out: &mut impl Write, report: &SourcesReport) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *out, report)?;
    writeln!(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forms_of_a_number() {
        let f = number_forms(5_576_000.0);
        for want in [
            "5,576,000",
            "5576000",
            "5 576 000",
            "5.576 million",
            "5.576m",
            "5.576 mn",
        ] {
            assert!(f.contains(&want.to_string()), "{want} in {f:?}");
        }
        assert!(number_forms(16.97).contains(&"16.97".to_string()));
        assert!(number_forms(65e9).contains(&"65 billion".to_string()));
        assert!(number_forms(65e9).contains(&"65bn".to_string()));
        assert!(number_forms(2048.0).contains(&"2,048".to_string()));
        // 2,788,123 has no exact three-decimal millions.
        assert!(
            !number_forms(2_788_123.0)
                .iter()
                .any(|f| f.contains("million"))
        );
    }

    #[test]
    fn numbers_are_found_on_their_own() {
        let page = number_text("It cost $5.576M\u{a0}to train, not 15,576,000 or 5,576,000,000.");
        assert!(contains_number(&page, "5.576m"));
        assert!(!contains_number(&page, "576,000"));
        let page = number_text("US$5.576-million run; 5.576 millions; 5.576mm");
        assert!(contains_number(&page, "5.576 million"));
        assert!(!contains_number(&number_text("5.576mm"), "5.576m"));
        assert!(!contains_number(
            &number_text("a 5,576,000,000 loss"),
            "5,576,000"
        ));
        assert!(contains_number(&number_text("(5,576,000)."), "5,576,000"));
    }

    #[test]
    fn quotes_match_whatever_the_typography() {
        let page = words(
            "Our total training costs amount to only $5.576M, it\u{2019}s said \u{2014} AT T.",
        );
        assert!(contains_words(
            &page,
            &words("our total training costs amount to only $5.576M")
        ));
        assert!(contains_words(&page, &words("it's said - AT&T")));
        assert!(!contains_words(&page, &words("costs amount to only $5.57")));
        assert!(!contains_words(&page, ""));
    }

    #[test]
    fn html_text_comes_from_the_shared_reader() {
        let text = page_text(
            "<html><body><nav>menu</nav><p>It cost <b>$5.6</b>&nbsp;million.</p></body></html>",
        );
        assert!(!text.contains("menu"), "{text}");
        assert!(
            contains_number(&number_text(&text), "5.6 million"),
            "{text}"
        );
    }

    #[test]
    fn urls_compare_without_fragments() {
        assert!(same_url("https://a.org/x#top", "https://a.org/x"));
        assert!(same_url("https://A.org", "https://a.org/"));
        assert!(!same_url("http://a.org/x", "https://a.org/x"));
    }
}
