//! Turning the command line's inputs into the list of articles to read, and reading them on
//! several threads while handing results back in input order.
//!
//! A directory is walked recursively, in file-name order, for `.txt`, `.md`, `.markdown`,
//! `.html` and `.htm` files, honouring `.gitignore`, `.ignore` and hidden-file rules as ripgrep
//! does (a `.gitignore` counts even outside a git repository). A file named on the command line
//! is read whatever its extension. The `ignore` globs of `factcheck.toml` (gitignore syntax,
//! relative to the config file's directory) exclude files both in walks and on the command
//! line, so a CI job or a pre-commit hook that passes changed files honours them too. `-` and
//! URLs pass through untouched.

use super::InputError;
use ignore::gitignore::{Gitignore, GitignoreBuilder};
use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Condvar, Mutex, mpsc};

/// The extensions a directory walk picks up (compared lower-case).
pub const EXTENSIONS: &[&str] = &["txt", "md", "markdown", "html", "htm"];

/// Gitignore-style exclusion globs, rooted at a directory.
#[derive(Debug, Clone)]
pub struct Excludes {
    matcher: Gitignore,
    cwd: PathBuf,
}

impl Excludes {
    /// Globs relative to `root` (a directory, relative to the working directory or absolute). An
    /// invalid glob is returned with its index and the reason.
    pub fn new(root: &Path, globs: &[String]) -> Result<Excludes, (usize, String)> {
        let cwd = std::env::current_dir()
            .and_then(std::fs::canonicalize)
            .unwrap_or_else(|_| PathBuf::from("/"));
        let root = normalize(&cwd.join(root));
        let mut builder = GitignoreBuilder::new(&root);
        for (i, glob) in globs.iter().enumerate() {
            builder
                .add_line(None, glob)
                .map_err(|e| (i, glob_reason(&e)))?;
        }
        let matcher = builder.build().map_err(|e| (0, glob_reason(&e)))?;
        Ok(Excludes { matcher, cwd })
    }

    /// Whether a path (relative to the working directory, or absolute) is excluded, by itself or
    /// through one of its parent directories.
    pub fn is_excluded(&self, path: &Path, is_dir: bool) -> bool {
        let abs = normalize(&self.cwd.join(path));
        if !abs.starts_with(self.matcher.path()) {
            return false;
        }
        self.matcher
            .matched_path_or_any_parents(&abs, is_dir)
            .is_ignore()
    }
}

fn glob_reason(e: &ignore::Error) -> String {
    match e {
        ignore::Error::Glob { glob, err } => match glob {
            Some(g) => format!("invalid glob '{g}': {err}"),
            None => format!("invalid glob: {err}"),
        },
        other => other.to_string(),
    }
}

/// `a/./b/../c` → `a/c`, without touching the file system.
fn normalize(path: &Path) -> PathBuf {
    let mut out = PathBuf::new();
    for c in path.components() {
        match c {
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    out
}

/// Whether a walked file is an article by its extension.
pub fn is_article(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

fn is_remote(input: &str) -> bool {
    let lower = input.get(..8).unwrap_or(input).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The articles named by `inputs`, in order: files as given, directories walked, `-` and URLs
/// untouched. A directory that cannot be walked (or a part of it) becomes an error in place.
pub fn expand(inputs: &[String], excludes: Option<&Excludes>) -> Vec<Result<String, InputError>> {
    let mut out = Vec::new();
    for input in inputs {
        if input == "-" || is_remote(input) {
            out.push(Ok(input.clone()));
            continue;
        }
        let path = Path::new(input);
        if !path.is_dir() {
            // A missing or unreadable file is reported when it is read.
            if !excludes.is_some_and(|x| x.is_excluded(path, false)) {
                out.push(Ok(input.clone()));
            }
            continue;
        }
        walk(path, excludes, &mut out);
    }
    out
}

fn walk(dir: &Path, excludes: Option<&Excludes>, out: &mut Vec<Result<String, InputError>>) {
    let mut builder = ignore::WalkBuilder::new(dir);
    builder
        .standard_filters(true)
        .require_git(false)
        .follow_links(false)
        .sort_by_file_name(|a, b| a.cmp(b));
    if let Some(x) = excludes {
        let x = x.clone();
        builder.filter_entry(move |e| {
            let is_dir = e.file_type().is_some_and(|t| t.is_dir());
            e.depth() == 0 || !x.is_excluded(e.path(), is_dir)
        });
    }
    for entry in builder.build() {
        match entry {
            Ok(e) => {
                if e.file_type().is_some_and(|t| t.is_file()) && is_article(e.path()) {
                    out.push(Ok(e.path().display().to_string()));
                }
            }
            Err(err) => out.push(Err(walk_error(dir, &err))),
        }
    }
}

fn walk_error(dir: &Path, err: &ignore::Error) -> InputError {
    let mut path = dir.display().to_string();
    let mut e = err;
    loop {
        match e {
            ignore::Error::WithPath { path: p, err } => {
                path = p.display().to_string();
                e = err;
            }
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                e = err;
            }
            _ => break,
        }
    }
    let message = match e.io_error() {
        Some(io) if io.kind() == std::io::ErrorKind::PermissionDenied => {
            "cannot read the directory: permission denied".to_string()
        }
        Some(io) => format!("cannot read the directory: {io}"),
        None => format!("cannot read the directory: {e}"),
    };
    InputError { path, message }
}

/// Runs `f` over `items` on up to `threads` threads and hands each result to `emit` in the
/// items' order, as soon as it and all before it are done (so output streams in input order).
pub fn map_in_order<T, R, F, E>(items: &[T], threads: usize, f: F, mut emit: E)
where
    T: Sync,
    R: Send,
    F: Fn(&T) -> R + Sync,
    E: FnMut(usize, R),
{
    let threads = threads.max(1).min(items.len());
    if threads <= 1 {
        for (i, item) in items.iter().enumerate() {
            emit(i, f(item));
        }
        return;
    }
    let next = AtomicUsize::new(0);
    // Workers stay at most `ahead` items past the last one emitted, so results waiting for a
    // slow item (or a slow consumer) never pile up: memory stays bounded over any number of
    // items.
    let ahead = threads * 4;
    let emitted = (Mutex::new(0usize), Condvar::new());
    let (tx, rx) = mpsc::channel::<(usize, R)>();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let tx = tx.clone();
            let (next, f, emitted) = (&next, &f, &emitted);
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    if i >= items.len() {
                        break;
                    }
                    {
                        let (done, changed) = emitted;
                        let mut done = done.lock().unwrap_or_else(|e| e.into_inner());
                        while i >= *done + ahead {
                            done = changed.wait(done).unwrap_or_else(|e| e.into_inner());
                        }
                    }
                    if tx.send((i, f(&items[i]))).is_err() {
                        break;
                    }
                }
            });
        }
        drop(tx);
        let mut pending = BTreeMap::new();
        let mut want = 0;
        for (i, r) in rx {
            pending.insert(i, r);
            while let Some(r) = pending.remove(&want) {
                emit(want, r);
                want += 1;
                let (done, changed) = &emitted;
                *done.lock().unwrap_or_else(|e| e.into_inner()) = want;
                changed.notify_all();
            }
        }
    });
}

/// The number of threads to use by default: the machine's cores.
pub fn default_threads() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order() {
        let items: Vec<u64> = (0..50).collect();
        let mut seen = Vec::new();
        map_in_order(
            &items,
            4,
            |&n| {
                std::thread::sleep(std::time::Duration::from_micros((50 - n) * 20));
                n * 2
            },
            |i, r| seen.push((i, r)),
        );
        let expected: Vec<(usize, u64)> = (0..50).map(|i| (i as usize, i * 2)).collect();
        assert_eq!(seen, expected);
    }

    #[test]
    fn walks_sorted_honouring_gitignore_hidden_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        let write = |p: &str| {
            let path = root.join(p);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "x").unwrap();
        };
        for p in [
            "b.md",
            "a.html",
            "c.rs",
            "sub/d.txt",
            "sub/e.markdown",
            "skip/f.md",
            ".hidden.md",
            ".hid/g.md",
            "old/h.htm",
            "keep/i.HTM",
        ] {
            write(p);
        }
        std::fs::write(root.join(".gitignore"), "skip/\n").unwrap();
        let excludes = Excludes::new(root, &["old/".to_string()]).unwrap();
        let got: Vec<String> = expand(&[root.display().to_string()], Some(&excludes))
            .into_iter()
            .map(|r| {
                r.unwrap()
                    .strip_prefix(&root.display().to_string())
                    .unwrap()
                    .to_string()
            })
            .collect();
        assert_eq!(
            got,
            vec![
                "/a.html",
                "/b.md",
                "/keep/i.HTM",
                "/sub/d.txt",
                "/sub/e.markdown"
            ]
        );
        // A file named on the command line is read whatever its extension, unless excluded.
        let named = |p: &str| root.join(p).display().to_string();
        let got = expand(&[named("c.rs"), named("old/h.htm")], Some(&excludes));
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].as_ref().unwrap(), &named("c.rs"));
    }

    #[test]
    fn stdin_and_urls_pass_through() {
        let inputs = vec!["-".to_string(), "https://example.com/a".to_string()];
        let got: Vec<String> = expand(&inputs, None)
            .into_iter()
            .map(Result::unwrap)
            .collect();
        assert_eq!(got, inputs);
    }

    #[test]
    fn bad_glob_is_reported_with_its_index() {
        let err = Excludes::new(Path::new("."), &["ok".into(), "a{b".into()]).unwrap_err();
        assert_eq!(err.0, 1);
        assert!(err.1.contains("a{b"), "{}", err.1);
    }
}
