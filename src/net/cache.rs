//! The on-disk cache of remote datasets.
//!
//! The cache lives in `$FACTCHECK_CACHE_DIR` if set, else the platform cache directory
//! (`$XDG_CACHE_HOME/factcheck` or `~/.cache/factcheck` on Linux, `~/Library/Caches/factcheck` on
//! macOS, `%LOCALAPPDATA%\factcheck` on Windows). Each URL is one file under `datasets/`: a small
//! JSON document holding the URL, its validators (`ETag`, `Last-Modified`), when it was last
//! fetched or revalidated, and the body. A file is written to a temporary file in the same
//! directory and renamed over the old one, so an interrupted run never leaves a torn entry; an
//! entry that cannot be read is treated as absent.

use serde::{Deserialize, Serialize};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// Overrides the cache directory.
pub const CACHE_DIR_ENV: &str = "FACTCHECK_CACHE_DIR";

/// The cache directory: `$FACTCHECK_CACHE_DIR`, else the platform's cache directory plus
/// `factcheck`; `None` when neither is known.
pub fn dir() -> Option<PathBuf> {
    match std::env::var_os(CACHE_DIR_ENV) {
        Some(d) if !d.is_empty() => Some(PathBuf::from(d)),
        _ => dirs::cache_dir().map(|d| d.join("factcheck")),
    }
}

/// One cached response.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    pub url: String,
    pub etag: Option<String>,
    pub last_modified: Option<String>,
    /// Unix seconds of the last fetch or successful revalidation.
    pub fetched_at: u64,
    pub body: String,
}

impl Entry {
    /// How long ago the entry was fetched or revalidated.
    pub fn age(&self) -> Duration {
        Duration::from_secs(now().saturating_sub(self.fetched_at))
    }
}

/// Unix seconds now.
pub fn now() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The cache at a directory (created on the first write).
#[derive(Debug, Clone)]
pub struct Cache {
    root: PathBuf,
}

impl Cache {
    /// The cache at [`dir`].
    pub fn open() -> Option<Cache> {
        dir().map(Cache::at)
    }

    pub fn at(root: PathBuf) -> Cache {
        Cache { root }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the entry of `url` lives.
    pub fn path(&self, url: &str) -> PathBuf {
        self.root.join("datasets").join(file_name(url))
    }

    /// The entry of `url`, if there is a readable one for exactly that URL.
    pub fn get(&self, url: &str) -> Option<Entry> {
        let text = std::fs::read_to_string(self.path(url)).ok()?;
        let entry: Entry = serde_json::from_str(&text).ok()?;
        (entry.url == url).then_some(entry)
    }

    /// Writes an entry atomically: a temporary file in the same directory, flushed, then renamed.
    pub fn put(&self, entry: &Entry) -> std::io::Result<()> {
        let path = self.path(&entry.url);
        let dir = path.parent().unwrap_or(&self.root);
        std::fs::create_dir_all(dir)?;
        let nanos = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.subsec_nanos());
        let tmp = dir.join(format!(
            ".{}.{}.{nanos}.tmp",
            path.file_name().and_then(|n| n.to_str()).unwrap_or("entry"),
            std::process::id()
        ));
        let result = (|| {
            let mut file = std::fs::File::create(&tmp)?;
            file.write_all(serde_json::to_string(entry)?.as_bytes())?;
            file.sync_all()?;
            drop(file);
            std::fs::rename(&tmp, &path)
        })();
        if result.is_err() {
            let _ = std::fs::remove_file(&tmp);
        }
        result
    }
}

/// A stable file name for a URL: a readable prefix of its host and path, then a 64-bit FNV-1a
/// hash of the whole URL.
fn file_name(url: &str) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in url.as_bytes() {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let readable: String = rest
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '.' || c == '-' {
                c
            } else {
                '_'
            }
        })
        .take(48)
        .collect();
    format!("{readable}-{hash:016x}.json")
}

/// An age in words: `40 seconds`, `5 minutes`, `3 hours`, `2 days`.
pub fn human_age(age: Duration) -> String {
    let s = age.as_secs();
    let (n, unit) = match s {
        0..=119 => (s, "second"),
        120..=7_199 => (s / 60, "minute"),
        7_200..=172_799 => (s / 3600, "hour"),
        _ => (s / 86_400, "day"),
    };
    format!("{n} {unit}{}", if n == 1 { "" } else { "s" })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_round_trip_and_replace_atomically() {
        let dir = std::env::temp_dir().join(format!("factcheck-cache-test-{}", std::process::id()));
        let cache = Cache::at(dir.clone());
        let url = "https://example.com/data/figures.json?v=1";
        assert_eq!(cache.get(url), None);
        let mut entry = Entry {
            url: url.to_string(),
            etag: Some("\"abc\"".into()),
            last_modified: None,
            fetched_at: now(),
            body: "{\"format\": 1}".into(),
        };
        cache.put(&entry).unwrap();
        assert_eq!(cache.get(url), Some(entry.clone()));
        entry.body = "{}".into();
        cache.put(&entry).unwrap();
        assert_eq!(cache.get(url).unwrap().body, "{}");
        // No temporary file is left behind, and another URL is another entry.
        let files: Vec<_> = std::fs::read_dir(dir.join("datasets")).unwrap().collect();
        assert_eq!(files.len(), 1);
        assert_eq!(cache.get("https://example.com/data/figures.json"), None);
        // A torn or foreign file reads as absent.
        std::fs::write(cache.path(url), "{\"url\": ").unwrap();
        assert_eq!(cache.get(url), None);
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn file_names_are_readable_and_distinct() {
        let a = file_name("https://example.com/a.json");
        let b = file_name("https://example.com/a.json?x");
        assert!(a.starts_with("example.com_a.json-"), "{a}");
        assert_ne!(a, b);
    }

    #[test]
    fn ages_in_words() {
        assert_eq!(human_age(Duration::from_secs(1)), "1 second");
        assert_eq!(human_age(Duration::from_secs(300)), "5 minutes");
        assert_eq!(human_age(Duration::from_secs(3 * 3600)), "3 hours");
        assert_eq!(human_age(Duration::from_secs(2 * 86_400)), "2 days");
    }
}
