//! Remote datasets (`--dataset https://…`, or a URL in `factcheck.toml`): downloaded, validated
//! exactly like a local file (with the URL as its location), and cached.
//!
//! - With a cached copy, the request is conditional (`If-None-Match`, `If-Modified-Since`); a
//!   `304` means the cached copy is used (and marked as revalidated).
//! - A `200` is validated; a valid dataset replaces the cache entry, an invalid one is an error
//!   (the cache is left alone and not used: the server's copy is what the curator must fix).
//! - When the fetch fails (no connection, timeout, an error status, a body that is not JSON), a
//!   cached copy is used with a warning naming its age; without one, the failure is an error.
//! - `--offline` never touches the network: the cached copy, else an error naming the URL.

use super::cache::{self, Cache, Entry};
use super::{Client, FetchError, Options, Request, Response, block_on, decode_text, is_url};
use crate::dataset::{self, Dataset};
use std::collections::HashMap;

/// The outcome of loading remote datasets: each URL's dataset or its error messages (each one
/// sentence naming the URL), and warnings to print.
#[derive(Debug, Default)]
pub struct Remote {
    pub datasets: HashMap<String, Result<Dataset, Vec<String>>>,
    pub warnings: Vec<String>,
}

impl Remote {
    /// The result for one URL (a URL not loaded is an error).
    pub fn get(&self, url: &str) -> Result<Dataset, Vec<String>> {
        self.datasets
            .get(url)
            .cloned()
            .unwrap_or_else(|| Err(vec![format!("{url}: the dataset was not loaded")]))
    }
}

/// Loads every URL among `locations` (local paths are skipped), concurrently.
pub fn load(locations: &[String], options: &Options) -> Remote {
    let mut urls: Vec<&str> = Vec::new();
    for l in locations {
        if is_url(l) && !urls.contains(&l.as_str()) {
            urls.push(l);
        }
    }
    let mut out = Remote::default();
    if urls.is_empty() {
        return out;
    }
    let cache = Cache::open();
    let cached: Vec<Option<Entry>> = urls
        .iter()
        .map(|u| cache.as_ref().and_then(|c| c.get(u)))
        .collect();

    if options.offline {
        for (url, entry) in urls.iter().zip(cached) {
            let result = match entry {
                Some(entry) => validate(&entry.body, url),
                None => Err(vec![format!(
                    "{url}: the dataset is not in the cache{}, and --offline forbids fetching it",
                    cache
                        .as_ref()
                        .map(|c| format!(" ({})", c.root().display()))
                        .unwrap_or_default()
                )]),
            };
            out.datasets.insert(url.to_string(), result);
        }
        return out;
    }

    let requests: Vec<Request> = urls
        .iter()
        .zip(&cached)
        .map(|(url, entry)| Request {
            url: url.to_string(),
            etag: entry.as_ref().and_then(|e| e.etag.clone()),
            last_modified: entry.as_ref().and_then(|e| e.last_modified.clone()),
        })
        .collect();
    let results = match Client::new(options) {
        Ok(client) => block_on(async move { client.fetch_all(requests).await })
            .unwrap_or_else(|e| urls.iter().map(|_| Err(e.clone())).collect()),
        Err(e) => urls.iter().map(|_| Err(e.clone())).collect(),
    };

    for ((url, entry), result) in urls.iter().zip(cached).zip(results) {
        let result = match (body_of(result), entry) {
            (Ok(Fresh::NotModified), Some(mut entry)) => {
                entry.fetched_at = cache::now();
                if let Some(c) = &cache {
                    // Only the revalidation time changes; failing to record it is harmless.
                    let _ = c.put(&entry);
                }
                validate(&entry.body, url)
            }
            (Ok(Fresh::NotModified), None) => Err(vec![format!(
                "{url}: cannot fetch the dataset: the server answered 304 Not Modified to a \
                 request that was not conditional"
            )]),
            (Ok(Fresh::Body(text, response)), _) => {
                let result = validate(&text, url);
                if result.is_ok()
                    && let Some(c) = &cache
                {
                    let entry = Entry {
                        url: url.to_string(),
                        etag: response.etag,
                        last_modified: response.last_modified,
                        fetched_at: cache::now(),
                        body: text,
                    };
                    if let Err(e) = c.put(&entry) {
                        out.warnings.push(format!(
                            "{url}: cannot write the dataset to the cache at {}: {e}",
                            c.path(url).display()
                        ));
                    }
                }
                result
            }
            (Err(cause), Some(entry)) => {
                out.warnings.push(format!(
                    "{url}: cannot fetch the dataset ({cause}); using the cached copy from {} ago",
                    cache::human_age(entry.age())
                ));
                validate(&entry.body, url)
            }
            (Err(cause), None) => Err(vec![format!("{url}: cannot fetch the dataset: {cause}")]),
        };
        out.datasets.insert(url.to_string(), result);
    }
    out
}

/// What a successful fetch gave.
enum Fresh {
    NotModified,
    Body(String, Response),
}

/// The dataset text of a response, or why there is none (a fetch error, or a body that is not
/// JSON text).
fn body_of(result: Result<Response, FetchError>) -> Result<Fresh, String> {
    let response = result.map_err(|e| e.to_string())?;
    if response.status == 304 {
        return Ok(Fresh::NotModified);
    }
    if let Some(media) = response.media_type()
        && !is_json_type(&media)
    {
        return Err(format!("the response is not JSON (Content-Type: {media})"));
    }
    let (text, _) = decode_text(&response.body, response.content_type.as_deref(), false)
        .map_err(|e| format!("the response is not JSON text: {e}"))?;
    Ok(Fresh::Body(text, response))
}

/// Media types a JSON document is served as: JSON itself, and the generic types raw file hosts
/// use.
fn is_json_type(media: &str) -> bool {
    media == "application/json"
        || media == "text/json"
        || media.ends_with("+json")
        || media == "text/plain"
        || media == "application/octet-stream"
        || media == "binary/octet-stream"
}

/// Validates a dataset's text exactly as a local file's, located at its URL.
fn validate(text: &str, url: &str) -> Result<Dataset, Vec<String>> {
    dataset::load_str(text, url).map_err(|errors| errors.0.iter().map(|e| e.to_string()).collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_types() {
        for t in [
            "application/json",
            "application/vnd.api+json",
            "text/plain",
            "text/json",
        ] {
            assert!(is_json_type(t), "{t}");
        }
        for t in ["text/html", "image/png", "application/xhtml+xml"] {
            assert!(!is_json_type(t), "{t}");
        }
    }

    #[test]
    fn local_paths_are_not_loaded() {
        let remote = load(
            &["fixtures/datasets/ai-industry.json".to_string()],
            &Options::default(),
        );
        assert!(remote.datasets.is_empty());
        assert!(remote.get("https://x.invalid/d.json").is_err());
    }
}
