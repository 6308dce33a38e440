//! `factcheck.toml`: a repository's settings for its drafts.
//!
//! ```toml
//! datasets = ["data/newsroom.json"]   # added to the built-in dataset; relative to this file
//! no_default_dataset = false
//! fail_on = "contradicted"            # contradicted | unverified | never
//! format = "github"                   # human | json | jsonl | sarif | github
//! ignore = ["archive/", "*.draft.md"] # gitignore-style globs, relative to this file
//! ```
//!
//! The file is `--config PATH`, else the nearest `factcheck.toml` in the working directory or
//! one of its parents. Unknown keys and wrong types are errors naming the file and line:column.
//! A flag given on the command line wins over the file (`-d` replaces the file's `datasets`).

use crate::input::walk::Excludes;
use crate::report::{FailOn, Format};
use serde::Deserialize;
use std::fmt;
use std::path::{Path, PathBuf};
use toml::Spanned;

pub const FILE_NAME: &str = "factcheck.toml";

/// The file's contents, as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ConfigFile {
    #[serde(default)]
    pub datasets: Vec<Spanned<String>>,
    pub no_default_dataset: Option<bool>,
    pub fail_on: Option<FailOn>,
    pub format: Option<Format>,
    #[serde(default)]
    pub ignore: Vec<Spanned<String>>,
}

/// A loaded config file.
#[derive(Debug)]
pub struct Config {
    /// The file, as found (relative to the working directory when found upward).
    pub path: PathBuf,
    pub file: ConfigFile,
    /// The `ignore` globs, compiled.
    pub excludes: Option<Excludes>,
}

/// A config file that cannot be used: printed as `PATH:LINE:COLUMN: message`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    pub path: String,
    /// 1-based line and column (in characters), where the problem is known.
    pub position: Option<(usize, usize)>,
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.position {
            Some((line, column)) => write!(f, "{}:{line}:{column}: {}", self.path, self.message),
            None => write!(f, "{}: {}", self.path, self.message),
        }
    }
}

impl std::error::Error for ConfigError {}

/// The nearest `factcheck.toml` from the working directory upward, as a path relative to it
/// (`factcheck.toml`, `../factcheck.toml`, …) so reports stay independent of where the repository
/// lives.
pub fn find() -> Option<PathBuf> {
    let cwd = std::env::current_dir().ok()?;
    let mut relative = PathBuf::new();
    for dir in cwd.ancestors() {
        if dir.join(FILE_NAME).is_file() {
            return Some(relative.join(FILE_NAME));
        }
        relative.push("..");
    }
    None
}

/// `--config PATH` if given, else the nearest file upward, else none.
pub fn discover(explicit: Option<&Path>) -> Result<Option<Config>, ConfigError> {
    match explicit {
        Some(path) => load(path).map(Some),
        None => find().map(|p| load(&p)).transpose(),
    }
}

/// Reads and checks one config file.
pub fn load(path: &Path) -> Result<Config, ConfigError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|e| ConfigError {
        path: shown.clone(),
        position: None,
        message: format!(
            "cannot read the config file: {}",
            match e.kind() {
                std::io::ErrorKind::NotFound => "no such file".to_string(),
                std::io::ErrorKind::InvalidData => "not UTF-8".to_string(),
                _ => e.to_string(),
            }
        ),
    })?;
    parse(&text, path)
}

/// Parses a config file's text; `path` is where it lives (relative paths in it are resolved
/// against its directory).
pub fn parse(text: &str, path: &Path) -> Result<Config, ConfigError> {
    let shown = path.display().to_string();
    let error_at = |offset: Option<usize>, message: String| ConfigError {
        path: shown.clone(),
        position: offset.map(|o| line_col(text, o)),
        message,
    };
    let file: ConfigFile = toml::from_str(text).map_err(|e| {
        error_at(
            e.span().map(|s| s.start),
            e.message().trim_end().replace('\n', "; "),
        )
    })?;
    let dir = base_dir(path);
    let excludes =
        if file.ignore.is_empty() {
            None
        } else {
            let globs: Vec<String> = file.ignore.iter().map(|g| g.get_ref().clone()).collect();
            Some(Excludes::new(&dir, &globs).map_err(|(i, reason)| {
                error_at(file.ignore.get(i).map(|g| g.span().start), reason)
            })?)
        };
    Ok(Config {
        path: path.to_path_buf(),
        file,
        excludes,
    })
}

fn base_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

impl Config {
    /// The file's datasets, resolved against its directory (URLs and absolute paths as written).
    pub fn datasets(&self) -> Vec<String> {
        let dir = self.path.parent().unwrap_or(Path::new(""));
        self.file
            .datasets
            .iter()
            .map(|d| {
                let d = d.get_ref();
                if d.contains("://") || Path::new(d).is_absolute() || dir.as_os_str().is_empty() {
                    d.clone()
                } else {
                    dir.join(d).display().to_string()
                }
            })
            .collect()
    }
}

fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text[..offset];
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |p| p + 1);
    (line, before[line_start..].chars().count() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_full_file_parses() {
        let text = "datasets = [\"data/a.json\", \"https://x.org/b.json\"]\nno_default_dataset = true\n\
                    fail_on = \"unverified\"\nformat = \"sarif\"\nignore = [\"archive/\"]\n";
        let c = parse(text, Path::new("repo/factcheck.toml")).unwrap();
        assert_eq!(
            c.datasets(),
            vec!["repo/data/a.json", "https://x.org/b.json"]
        );
        assert_eq!(c.file.fail_on, Some(FailOn::Unverified));
        assert_eq!(c.file.format, Some(Format::Sarif));
        assert_eq!(c.file.no_default_dataset, Some(true));
        assert!(c.excludes.is_some());
    }

    #[test]
    fn unknown_keys_name_line_and_column() {
        let err = parse(
            "format = \"json\"\n  fail-on = \"never\"\n",
            Path::new("factcheck.toml"),
        )
        .unwrap_err();
        assert_eq!(err.position, Some((2, 3)));
        assert!(err.message.contains("unknown field `fail-on`"), "{err}");
        assert!(err.to_string().starts_with("factcheck.toml:2:3: "), "{err}");
    }

    #[test]
    fn bad_values_and_globs_name_their_position() {
        let err = parse("fail_on = \"sometimes\"\n", Path::new("f.toml")).unwrap_err();
        assert_eq!(err.position, Some((1, 11)));
        let err = parse("ignore = [\"ok\", \"a{b\"]\n", Path::new("f.toml")).unwrap_err();
        assert_eq!(err.position, Some((1, 17)));
    }
}
