//! The network: one HTTP client for everything factcheck fetches (articles given as URLs,
//! remote datasets, the sources `factcheck sources` verifies), with the same behaviour
//! everywhere:
//!
//! - a timeout per request (`--timeout`, default 20 s) covering connecting, the headers and the
//!   whole body;
//! - up to [`MAX_RETRIES`] retries with backoff on 429 and 5xx, honouring `Retry-After` (the wait
//!   is capped at [`MAX_RETRY_WAIT`]);
//! - at most [`MAX_REDIRECTS`] redirects, http and https only, a redirect loop stopped at once;
//! - a response-size cap (default 20 MiB, `FACTCHECK_MAX_BODY_BYTES` overrides it), enforced while
//!   streaming, so a larger body is an error and never an out-of-memory;
//! - `User-Agent: factcheck/<version>`, gzip and brotli accepted;
//! - bounded concurrency: at most [`Options::concurrency`] requests at once, and at most
//!   [`Options::per_host`] to one host;
//! - text decoded by the `Content-Type` charset, else a `<meta charset>`, else UTF-8.
//!
//! Each failure is a [`FetchError`] whose `Display` is the cause in a few words ("HTTP 404 Not
//! Found", "timed out after 20 s"); callers prefix the URL to make one sentence.
//!
//! The rest of the program is synchronous: the functions here start a small tokio runtime for
//! the duration of a batch of requests and block on it.

pub mod cache;
pub mod remote;
pub mod sources;

use crate::document::Date;
use crate::input::{self, InputError, Loaded, TextFormat};
use reqwest::header::{self, HeaderMap, HeaderValue};
use std::collections::HashMap;
use std::fmt;
use std::future::Future;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::Semaphore;

/// The default per-request timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(20);
/// The default response-size cap: 20 MiB.
pub const DEFAULT_MAX_BODY_BYTES: u64 = 20 * 1024 * 1024;
/// Overrides the response-size cap (bytes); for tests and unusual sources.
pub const MAX_BODY_ENV: &str = "FACTCHECK_MAX_BODY_BYTES";
/// Redirects followed before giving up.
pub const MAX_REDIRECTS: usize = 10;
/// Retries after a 429 or 5xx answer.
pub const MAX_RETRIES: u32 = 2;
/// The longest wait before a retry, whatever `Retry-After` asks for.
pub const MAX_RETRY_WAIT: Duration = Duration::from_secs(10);
/// The first backoff when the server gives no `Retry-After`; doubled for each retry.
const BACKOFF: Duration = Duration::from_millis(250);
/// The User-Agent of every request.
pub const USER_AGENT: &str = concat!("factcheck/", env!("CARGO_PKG_VERSION"));

/// Whether an input or dataset names a URL (`http://` or `https://`, any case).
pub fn is_url(s: &str) -> bool {
    let head = s.get(..8).unwrap_or(s).to_ascii_lowercase();
    head.starts_with("http://") || head.starts_with("https://")
}

/// Parses `--timeout SECONDS`: a positive number, fractions allowed.
pub fn parse_timeout(s: &str) -> Result<Duration, String> {
    match s.trim().parse::<f64>() {
        Ok(secs) if secs.is_finite() && secs > 0.0 && secs <= 86_400.0 => {
            Ok(Duration::from_secs_f64(secs))
        }
        _ => Err(format!(
            "'{s}' is not a number of seconds (a positive number, e.g. 20 or 2.5)"
        )),
    }
}

/// How the client behaves.
#[derive(Debug, Clone)]
pub struct Options {
    /// Per request, from connecting to the end of the body.
    pub timeout: Duration,
    /// Never touch the network.
    pub offline: bool,
    /// The largest body accepted, after decompression.
    pub max_body_bytes: u64,
    /// Requests in flight at once.
    pub concurrency: usize,
    /// Requests in flight to one host (and port) at once.
    pub per_host: usize,
}

impl Default for Options {
    fn default() -> Self {
        Options::new(DEFAULT_TIMEOUT, false)
    }
}

impl Options {
    /// The defaults with a timeout and offline mode; the body cap comes from
    /// `FACTCHECK_MAX_BODY_BYTES` when set to a number.
    pub fn new(timeout: Duration, offline: bool) -> Self {
        let max_body_bytes = std::env::var(MAX_BODY_ENV)
            .ok()
            .and_then(|v| v.trim().parse::<u64>().ok())
            .filter(|&n| n > 0)
            .unwrap_or(DEFAULT_MAX_BODY_BYTES);
        Options {
            timeout,
            offline,
            max_body_bytes,
            concurrency: 8,
            per_host: 2,
        }
    }
}

/// Why a fetch failed: the cause only; the caller names the URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FetchError {
    /// `--offline` was given.
    Offline,
    /// Not an http or https URL.
    Scheme,
    /// The final answer was not a success (after any retries).
    Status {
        code: u16,
        reason: String,
        retries: u32,
    },
    /// The request took longer than the timeout.
    Timeout(Duration),
    /// The body is larger than the cap.
    TooLarge { limit: u64 },
    /// Too many redirects, a loop, or a redirect to another scheme.
    Redirect(String),
    /// No connection: DNS, refused, TLS.
    Connect(String),
    /// The connection broke off before the whole body arrived.
    Truncated(String),
    /// Anything else, in the HTTP library's words.
    Other(String),
}

impl fmt::Display for FetchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            FetchError::Offline => write!(f, "--offline forbids network access"),
            FetchError::Scheme => write!(f, "only http and https URLs can be fetched"),
            FetchError::Status {
                code,
                reason,
                retries,
            } => {
                write!(f, "the server answered HTTP {code}")?;
                if !reason.is_empty() {
                    write!(f, " {reason}")?;
                }
                if *retries > 0 {
                    write!(
                        f,
                        " (after {retries} retr{})",
                        if *retries == 1 { "y" } else { "ies" }
                    )?;
                }
                Ok(())
            }
            FetchError::Timeout(t) => write!(f, "timed out after {}", seconds(*t)),
            FetchError::TooLarge { limit } => write!(
                f,
                "the response is larger than the {} limit",
                human_bytes(*limit)
            ),
            FetchError::Redirect(m) => write!(f, "{m}"),
            FetchError::Connect(m) => write!(f, "cannot connect: {m}"),
            FetchError::Truncated(m) => write!(
                f,
                "the connection closed before the whole response arrived ({m})"
            ),
            FetchError::Other(m) => write!(f, "{m}"),
        }
    }
}

impl std::error::Error for FetchError {}

impl FetchError {
    /// The HTTP status of a failed answer.
    pub fn status(&self) -> Option<u16> {
        match self {
            FetchError::Status { code, .. } => Some(*code),
            _ => None,
        }
    }
}

/// `20 s`, `2.5 s`.
fn seconds(t: Duration) -> String {
    let s = t.as_secs_f64();
    if s.fract() == 0.0 {
        format!("{s:.0} s")
    } else {
        format!("{} s", (s * 1000.0).round() / 1000.0)
    }
}

/// `20 MiB`, `1.5 KiB`, `300 bytes`.
pub fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (unit, size) in UNITS {
        if n >= size {
            let v = n as f64 / size as f64;
            return if v.fract() == 0.0 {
                format!("{v:.0} {unit}")
            } else {
                format!("{v:.1} {unit}")
            };
        }
    }
    format!("{n} bytes")
}

/// One request: a URL and, for revalidation, the validators of a cached copy.
#[derive(Debug, Clone, Default)]
pub struct Request {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Request {
    pub fn get(url: &str) -> Self {
        Request {
            url: url.to_string(),
            ..Request::default()
        }
    }
}

/// A successful answer (2xx, or 304 to a conditional request), its body read whole.
#[derive(Debug, Clone)]
pub struct Response {
    /// The URL after redirects.
    pub final_url: String,
    pub status: u16,
    /// The `Content-Type` header as sent.
    pub content_type: Option<String>,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Decompressed; empty for a 304.
    pub body: Vec<u8>,
}

impl Response {
    /// The media type, lower-case, without parameters (`text/html`).
    pub fn media_type(&self) -> Option<String> {
        self.content_type.as_deref().map(media_type)
    }
}

/// The media type of a `Content-Type` value, lower-case, without parameters.
pub fn media_type(content_type: &str) -> String {
    content_type
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase()
}

/// The `charset` parameter of a `Content-Type` value.
fn charset_param(content_type: &str) -> Option<String> {
    content_type.split(';').skip(1).find_map(|p| {
        let (k, v) = p.split_once('=')?;
        k.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| v.trim().trim_matches(|c| c == '"' || c == '\'').to_string())
    })
}

/// Runs a future to completion on a fresh single-threaded runtime.
fn block_on<F: Future>(f: F) -> Result<F::Output, FetchError> {
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .map_err(|e| FetchError::Other(format!("cannot start the network runtime: {e}")))?;
    Ok(rt.block_on(f))
}

/// A reason a redirect was refused; found again in the error chain to word the message.
#[derive(Debug)]
struct RedirectRefused(String);

impl fmt::Display for RedirectRefused {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for RedirectRefused {}

/// The shared client: reqwest with the behaviour above, and the concurrency limits.
pub struct Client {
    inner: reqwest::Client,
    options: Options,
    global: Arc<Semaphore>,
    hosts: Mutex<HashMap<String, Arc<Semaphore>>>,
}

impl Client {
    /// Builds the client (no network access yet).
    pub fn new(options: &Options) -> Result<Arc<Client>, FetchError> {
        let policy = reqwest::redirect::Policy::custom(|attempt| {
            let next = attempt.url().clone();
            if !matches!(next.scheme(), "http" | "https") {
                let why = format!("a redirect to {next}, which is not http or https");
                return attempt.error(RedirectRefused(why));
            }
            if attempt.previous().contains(&next) {
                let why = format!("a redirect loop (back to {next})");
                return attempt.error(RedirectRefused(why));
            }
            if attempt.previous().len() > MAX_REDIRECTS {
                let why = format!("more than {MAX_REDIRECTS} redirects");
                return attempt.error(RedirectRefused(why));
            }
            attempt.follow()
        });
        let inner = reqwest::Client::builder()
            .user_agent(USER_AGENT)
            .timeout(options.timeout)
            .connect_timeout(options.timeout)
            .redirect(policy)
            .gzip(true)
            .brotli(true)
            .build()
            .map_err(|e| FetchError::Other(format!("cannot start the HTTP client: {e}")))?;
        Ok(Arc::new(Client {
            inner,
            options: options.clone(),
            global: Arc::new(Semaphore::new(options.concurrency.max(1))),
            hosts: Mutex::new(HashMap::new()),
        }))
    }

    pub fn options(&self) -> &Options {
        &self.options
    }

    fn host_limit(&self, url: &reqwest::Url) -> Arc<Semaphore> {
        let key = format!(
            "{}:{}",
            url.host_str().unwrap_or(""),
            url.port_or_known_default().unwrap_or(0)
        );
        let mut hosts = self.hosts.lock().unwrap_or_else(|e| e.into_inner());
        hosts
            .entry(key)
            .or_insert_with(|| Arc::new(Semaphore::new(self.options.per_host.max(1))))
            .clone()
    }

    /// Fetches one URL with retries, within the concurrency limits.
    pub async fn fetch(&self, request: &Request) -> Result<Response, FetchError> {
        if self.options.offline {
            return Err(FetchError::Offline);
        }
        if !is_url(&request.url) {
            return Err(FetchError::Scheme);
        }
        let url = reqwest::Url::parse(&request.url)
            .map_err(|e| FetchError::Other(format!("not a valid URL ({e})")))?;
        let host = self.host_limit(&url);
        let _host = host
            .acquire()
            .await
            .map_err(|e| FetchError::Other(e.to_string()))?;
        let _slot = self
            .global
            .acquire()
            .await
            .map_err(|e| FetchError::Other(e.to_string()))?;
        let mut attempt = 0;
        loop {
            match self.fetch_once(&url, request).await {
                Err(Retry {
                    after: Some(after), ..
                }) if attempt < MAX_RETRIES => {
                    let wait = after
                        .unwrap_or(BACKOFF * 2u32.pow(attempt))
                        .min(MAX_RETRY_WAIT);
                    tokio::time::sleep(wait).await;
                    attempt += 1;
                }
                Err(Retry { mut error, .. }) => {
                    if let FetchError::Status { retries, .. } = &mut error {
                        *retries = attempt;
                    }
                    return Err(error);
                }
                Ok(response) => return Ok(response),
            }
        }
    }

    async fn fetch_once(&self, url: &reqwest::Url, request: &Request) -> Result<Response, Retry> {
        let mut headers = HeaderMap::new();
        headers.insert(
            header::ACCEPT,
            HeaderValue::from_static(
                "text/html,application/xhtml+xml,application/json;q=0.9,text/plain;q=0.8,*/*;q=0.5",
            ),
        );
        if let Some(v) = request
            .etag
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(header::IF_NONE_MATCH, v);
        }
        if let Some(v) = request
            .last_modified
            .as_deref()
            .and_then(|v| HeaderValue::from_str(v).ok())
        {
            headers.insert(header::IF_MODIFIED_SINCE, v);
        }
        let mut response = self
            .inner
            .get(url.clone())
            .headers(headers)
            .send()
            .await
            .map_err(|e| Retry::no(self.error(&e)))?;
        let status = response.status();
        let text_header = |name: header::HeaderName| {
            response
                .headers()
                .get(name)
                .and_then(|v| v.to_str().ok())
                .map(str::to_string)
        };
        if !(status.is_success() || status == reqwest::StatusCode::NOT_MODIFIED) {
            let error = FetchError::Status {
                code: status.as_u16(),
                reason: status.canonical_reason().unwrap_or("").to_string(),
                retries: 0,
            };
            let retryable =
                status == reqwest::StatusCode::TOO_MANY_REQUESTS || status.is_server_error();
            let after = text_header(header::RETRY_AFTER)
                .as_deref()
                .and_then(parse_retry_after);
            return Err(Retry {
                error,
                after: retryable.then_some(after),
            });
        }
        let mut out = Response {
            final_url: response.url().to_string(),
            status: status.as_u16(),
            content_type: text_header(header::CONTENT_TYPE),
            etag: text_header(header::ETAG),
            last_modified: text_header(header::LAST_MODIFIED),
            body: Vec::new(),
        };
        if status == reqwest::StatusCode::NOT_MODIFIED {
            return Ok(out);
        }
        let limit = self.options.max_body_bytes;
        if response.content_length().is_some_and(|n| n > limit) {
            return Err(Retry::no(FetchError::TooLarge { limit }));
        }
        while let Some(chunk) = response
            .chunk()
            .await
            .map_err(|e| Retry::no(self.body_error(&e)))?
        {
            if out.body.len() as u64 + chunk.len() as u64 > limit {
                return Err(Retry::no(FetchError::TooLarge { limit }));
            }
            out.body.extend_from_slice(&chunk);
        }
        Ok(out)
    }

    /// Words a request error.
    fn error(&self, e: &reqwest::Error) -> FetchError {
        if let Some(r) = find_source::<RedirectRefused>(e) {
            return FetchError::Redirect(r.0.clone());
        }
        if e.is_timeout() {
            return FetchError::Timeout(self.options.timeout);
        }
        if e.is_connect() {
            return FetchError::Connect(root_cause(e));
        }
        if e.is_redirect() {
            return FetchError::Redirect(format!("a redirect failed: {}", root_cause(e)));
        }
        if e.is_body() || e.is_decode() {
            return FetchError::Truncated(root_cause(e));
        }
        FetchError::Other(root_cause(e))
    }

    /// Words an error while reading the body.
    fn body_error(&self, e: &reqwest::Error) -> FetchError {
        if e.is_timeout() {
            return FetchError::Timeout(self.options.timeout);
        }
        if e.is_decode() && !root_cause(e).contains("end of file") {
            return FetchError::Other(format!(
                "the compressed response cannot be decoded ({})",
                root_cause(e)
            ));
        }
        FetchError::Truncated(root_cause(e))
    }

    /// Fetches every request concurrently (within the limits); results in request order.
    pub async fn fetch_all(
        self: &Arc<Self>,
        requests: Vec<Request>,
    ) -> Vec<Result<Response, FetchError>> {
        let handles: Vec<_> = requests
            .into_iter()
            .map(|r| {
                let client = Arc::clone(self);
                tokio::spawn(async move { client.fetch(&r).await })
            })
            .collect();
        let mut out = Vec::with_capacity(handles.len());
        for h in handles {
            out.push(
                h.await
                    .unwrap_or_else(|e| Err(FetchError::Other(e.to_string()))),
            );
        }
        out
    }
}

/// A failed attempt, and whether to retry: `after` is `Some(wait)` for a retryable answer,
/// with the server's `Retry-After` if it gave one.
struct Retry {
    error: FetchError,
    after: Option<Option<Duration>>,
}

impl Retry {
    fn no(error: FetchError) -> Self {
        Retry { error, after: None }
    }
}

/// `Retry-After`: delay-seconds, or an HTTP date (then the wait until it, from the system clock).
fn parse_retry_after(v: &str) -> Option<Duration> {
    let v = v.trim();
    if let Ok(secs) = v.parse::<u64>() {
        return Some(Duration::from_secs(secs));
    }
    let when = parse_http_date(v)?;
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .ok()?
        .as_secs();
    Some(Duration::from_secs(when.saturating_sub(now)))
}

/// An IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`) as Unix seconds.
fn parse_http_date(v: &str) -> Option<u64> {
    let parts: Vec<&str> = v.split_whitespace().collect();
    let [_, day, month, year, time, "GMT"] = parts[..] else {
        return None;
    };
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let month = MONTHS.iter().position(|m| *m == month)? as u32 + 1;
    let day: u32 = day.parse().ok()?;
    let year: i32 = year.parse().ok()?;
    let hms: Vec<u64> = time.split(':').filter_map(|p| p.parse().ok()).collect();
    let [h, m, s] = hms[..] else { return None };
    let days = days_from_civil(year, month, day);
    u64::try_from(days)
        .ok()
        .map(|d| d * 86_400 + h * 3600 + m * 60 + s)
}

/// Days since 1970-01-01 of a proleptic Gregorian date.
fn days_from_civil(y: i32, m: u32, d: u32) -> i64 {
    let y = i64::from(y) - i64::from(m <= 2);
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let m = i64::from(m);
    let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(d) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn find_source<'a, T: std::error::Error + 'static>(
    e: &'a (dyn std::error::Error + 'static),
) -> Option<&'a T> {
    let mut cur: Option<&(dyn std::error::Error + 'static)> = Some(e);
    while let Some(err) = cur {
        if let Some(t) = err.downcast_ref::<T>() {
            return Some(t);
        }
        cur = err.source();
    }
    None
}

/// The innermost cause of an error, which is the one that says what happened.
fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cur = e;
    while let Some(next) = cur.source() {
        cur = next;
    }
    cur.to_string()
}

// ---------------------------------------------------------------------------------------------
// Decoding text

/// Decodes a body to text: a byte-order mark, else the `Content-Type` charset, else (for HTML)
/// a `<meta charset>` in the first bytes, else UTF-8 (invalid bytes replaced, with a warning).
pub fn decode_text(
    body: &[u8],
    content_type: Option<&str>,
    html: bool,
) -> Result<(String, Vec<String>), String> {
    let label = content_type
        .and_then(charset_param)
        .or_else(|| html.then(|| meta_charset(body)).flatten());
    let encoding = label
        .as_deref()
        .and_then(|l| encoding_rs::Encoding::for_label(l.as_bytes()));
    match encoding {
        Some(enc)
            if enc != encoding_rs::UTF_8 && encoding_rs::Encoding::for_bom(body).is_none() =>
        {
            let (text, _, had_errors) = enc.decode(body);
            let mut warnings = Vec::new();
            if had_errors {
                warnings.push(format!(
                    "bytes that are not {} were read as replacement characters",
                    enc.name()
                ));
            }
            Ok((text.into_owned(), warnings))
        }
        _ => input::decode(body),
    }
}

/// The charset a `<meta charset=…>` or `<meta http-equiv="Content-Type" content="…;
/// charset=…">` declares in the first 4 KiB.
fn meta_charset(body: &[u8]) -> Option<String> {
    use std::sync::OnceLock;
    static META: OnceLock<regex::bytes::Regex> = OnceLock::new();
    let re = META.get_or_init(|| {
        regex::bytes::Regex::new(r#"(?i)<meta\b[^>]*?charset\s*=\s*["']?\s*([a-z0-9_:.\-]+)"#)
            .expect("a valid regex")
    });
    let head = &body[..body.len().min(4096)];
    let caps = re.captures(head)?;
    Some(String::from_utf8_lossy(&caps[1]).into_owned())
}

// ---------------------------------------------------------------------------------------------
// Articles given as URLs

/// A fetched article: its decoded text and how to read it.
#[derive(Debug, Clone)]
pub struct Page {
    pub text: String,
    pub format: TextFormat,
    pub warnings: Vec<String>,
}

/// The format of a fetched article by its media type: HTML, or plain text and Markdown (read
/// as such; a `.md` URL served as `text/plain` is Markdown). Anything else is refused.
fn page_format(url: &str, media: Option<&str>) -> Result<TextFormat, String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    match media {
        None | Some("text/html" | "application/xhtml+xml") => Ok(TextFormat::Html),
        Some("text/markdown" | "text/x-markdown") => Ok(TextFormat::Markdown),
        Some("text/plain") => Ok(match TextFormat::from_path(path) {
            TextFormat::Markdown => TextFormat::Markdown,
            _ => TextFormat::Text,
        }),
        Some(other) => Err(format!(
            "not an HTML page (Content-Type: {other}); only HTML and plain-text articles can be checked"
        )),
    }
}

/// The pages of the URL inputs among `entries`, fetched concurrently.
pub struct Pages {
    pages: HashMap<String, Result<Page, InputError>>,
}

impl Pages {
    /// Fetches every URL among `entries` (other entries are left alone). Nothing is fetched
    /// when there is no URL.
    pub fn fetch<'a>(
        entries: impl IntoIterator<Item = &'a Result<String, InputError>>,
        options: &Options,
    ) -> Pages {
        let mut urls: Vec<String> = Vec::new();
        for e in entries {
            if let Ok(u) = e
                && is_url(u)
                && !urls.contains(u)
            {
                urls.push(u.clone());
            }
        }
        if urls.is_empty() {
            return Pages {
                pages: HashMap::new(),
            };
        }
        let fail = |url: &str, e: &FetchError| InputError {
            path: url.to_string(),
            message: format!("cannot fetch the page: {e}"),
        };
        let results = Client::new(options).and_then(|client| {
            let requests = urls.iter().map(|u| Request::get(u)).collect();
            block_on(async move { client.fetch_all(requests).await })
        });
        let pages = match results {
            Err(e) => urls.iter().map(|u| (u.clone(), Err(fail(u, &e)))).collect(),
            Ok(results) => urls
                .iter()
                .zip(results)
                .map(|(url, r)| {
                    let page = r.map_err(|e| fail(url, &e)).and_then(|resp| {
                        to_page(url, &resp).map_err(|message| InputError {
                            path: url.clone(),
                            message,
                        })
                    });
                    (url.clone(), page)
                })
                .collect(),
        };
        Pages { pages }
    }

    /// The document of a fetched URL: the path is the URL and spans point into the decoded body.
    pub fn load(&self, url: &str, date: Option<Date>) -> Result<Loaded, InputError> {
        let page = self.pages.get(url).cloned().unwrap_or_else(|| {
            Err(InputError {
                path: url.to_string(),
                message: "cannot fetch the page: it was not requested".to_string(),
            })
        })?;
        let warnings = page
            .warnings
            .iter()
            .map(|w| format!("{url}: {w}"))
            .collect();
        let document = input::build(url.to_string(), page.text, page.format, date);
        Ok(Loaded { document, warnings })
    }
}

fn to_page(url: &str, resp: &Response) -> Result<Page, String> {
    let media = resp.media_type();
    let format = page_format(url, media.as_deref())?;
    let (text, mut warnings) = decode_text(
        &resp.body,
        resp.content_type.as_deref(),
        format == TextFormat::Html,
    )?;
    if resp.final_url != url {
        warnings.push(format!("redirected to {}", resp.final_url));
    }
    Ok(Page {
        text,
        format,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_recognised_in_any_case() {
        assert!(is_url("https://example.com/a"));
        assert!(is_url("HTTP://example.com"));
        assert!(!is_url("ftp://example.com"));
        assert!(!is_url("article.txt"));
        assert!(!is_url("http:/x"));
    }

    #[test]
    fn timeouts_parse() {
        assert_eq!(parse_timeout("20"), Ok(Duration::from_secs(20)));
        assert_eq!(parse_timeout("0.5"), Ok(Duration::from_millis(500)));
        assert!(parse_timeout("0").is_err());
        assert!(parse_timeout("-1").is_err());
        assert!(parse_timeout("soon").is_err());
    }

    #[test]
    fn errors_read_as_causes() {
        let e = FetchError::Status {
            code: 500,
            reason: "Internal Server Error".into(),
            retries: 2,
        };
        assert_eq!(
            e.to_string(),
            "the server answered HTTP 500 Internal Server Error (after 2 retries)"
        );
        assert_eq!(
            FetchError::Timeout(Duration::from_millis(1500)).to_string(),
            "timed out after 1.5 s"
        );
        assert_eq!(
            FetchError::TooLarge { limit: 20 << 20 }.to_string(),
            "the response is larger than the 20 MiB limit"
        );
        assert_eq!(human_bytes(1000), "1000 bytes");
        assert_eq!(human_bytes(1536), "1.5 KiB");
    }

    #[test]
    fn retry_after_in_seconds_and_as_a_date() {
        assert_eq!(parse_retry_after(" 3 "), Some(Duration::from_secs(3)));
        assert_eq!(
            parse_http_date("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(784_111_777)
        );
        assert_eq!(
            parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT"),
            Some(Duration::ZERO)
        );
        assert_eq!(parse_retry_after("later"), None);
    }

    #[test]
    fn charsets_from_the_header_the_meta_tag_or_utf8() {
        let latin1 = b"<p>Soci\xe9t\xe9 G\xe9n\xe9rale</p>";
        let (t, w) = decode_text(latin1, Some("text/html; charset=ISO-8859-1"), true).unwrap();
        assert_eq!(t, "<p>Soci\u{e9}t\u{e9} G\u{e9}n\u{e9}rale</p>");
        assert!(w.is_empty());
        let meta = b"<html><head><meta charset=\"latin1\"></head><p>caf\xe9</p>";
        let (t, _) = decode_text(meta, Some("text/html"), true).unwrap();
        assert!(t.ends_with("caf\u{e9}</p>"), "{t}");
        let equiv =
            b"<meta http-equiv='Content-Type' content='text/html; charset=windows-1252'>\x93q\x94";
        let (t, _) = decode_text(equiv, None, true).unwrap();
        assert!(t.ends_with("\u{201c}q\u{201d}"), "{t}");
        let (t, w) = decode_text("caf\u{e9}".as_bytes(), Some("text/html"), true).unwrap();
        assert_eq!(t, "caf\u{e9}");
        assert!(w.is_empty());
        let (_, w) = decode_text(b"caf\xe9", None, true).unwrap();
        assert_eq!(w.len(), 1, "invalid UTF-8 warns");
    }

    #[test]
    fn page_formats_by_media_type() {
        assert_eq!(
            page_format("https://x/a", Some("text/html")),
            Ok(TextFormat::Html)
        );
        assert_eq!(page_format("https://x/a", None), Ok(TextFormat::Html));
        assert_eq!(
            page_format("https://x/a.md?raw=1", Some("text/plain")),
            Ok(TextFormat::Markdown)
        );
        assert_eq!(
            page_format("https://x/a", Some("text/plain")),
            Ok(TextFormat::Text)
        );
        let err = page_format("https://x/a.pdf", Some("application/pdf")).unwrap_err();
        assert!(
            err.starts_with("not an HTML page (Content-Type: application/pdf)"),
            "{err}"
        );
    }
}
