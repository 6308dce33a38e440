//! Heavy checks of memory, ignored by default (minutes, gigabytes of temporary files):
//!
//! ```text
//! cargo test --release --test perf_memory -- --ignored --nocapture
//! FACTCHECK_PERF_MB=256 cargo test --release --test perf_memory -- --ignored one_large_input
//! ```
//!
//! - one input of 1 GB (`FACTCHECK_PERF_MB`, default 1024) is checked in jsonl with a peak
//!   resident memory under twice its size;
//! - a directory of 100,000 small files (`FACTCHECK_PERF_FILES`) is checked in jsonl with a peak
//!   that does not grow with the number of files beyond the list of their paths.
//!
//! Peak memory is the child's `VmHWM` from /proc, read until it exits (Linux only).

use factcheck::synth::Corpus;
use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// Runs the built binary with `args`, stdout discarded; its exit code, peak resident memory in
/// bytes, and wall time.
fn run_measured(args: &[&str]) -> (i32, u64, Duration) {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_factcheck"))
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("factcheck starts");
    let status_path = format!("/proc/{}/status", child.id());
    let mut peak = 0u64;
    let status = loop {
        if let Ok(status) = std::fs::read_to_string(&status_path)
            && let Some(line) = status.lines().find(|l| l.starts_with("VmHWM:"))
        {
            let kb: u64 = line
                .split_whitespace()
                .nth(1)
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            peak = peak.max(kb * 1024);
        }
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    (status.code().unwrap_or(-1), peak, start.elapsed())
}

fn write_corpus(path: &Path, bytes: usize, seed: u64) -> usize {
    let file = std::fs::File::create(path).unwrap();
    let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
    let mut corpus = Corpus::builtin(seed);
    let mut n = 0;
    while n < bytes {
        let a = corpus.article(3_000);
        w.write_all(a.as_bytes()).unwrap();
        n += a.len();
    }
    w.flush().unwrap();
    n
}

#[test]
#[ignore = "writes and checks a 1 GB file; run with --ignored in release"]
fn one_large_input_peaks_under_twice_its_size() {
    let mb = env_usize("FACTCHECK_PERF_MB", 1024);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.txt");
    let size = write_corpus(&path, mb << 20, 1);
    let path = path.display().to_string();
    let (code, peak, took) = run_measured(&["--format", "jsonl", "--threads", "1", &path]);
    eprintln!(
        "{:.0} MB input: peak RSS {:.0} MB ({:.2}x), {:.1} s, {:.1} MB/s",
        size as f64 / 1e6,
        peak as f64 / 1e6,
        peak as f64 / size as f64,
        took.as_secs_f64(),
        size as f64 / 1e6 / took.as_secs_f64()
    );
    assert!(code == 0 || code == 1, "exit code {code}");
    assert!(
        (peak as f64) < 2.0 * size as f64,
        "peak {peak} bytes for an input of {size}"
    );
}

fn write_small_files(dir: &Path, files: usize) {
    let mut corpus = Corpus::builtin(5);
    for i in 0..files {
        let sub = dir.join(format!("{:03}", i / 1000));
        if i % 1000 == 0 {
            std::fs::create_dir_all(&sub).unwrap();
        }
        std::fs::write(sub.join(format!("{i:06}.txt")), corpus.article(1_200)).unwrap();
    }
}

#[test]
#[ignore = "writes and checks 100,000 files; run with --ignored in release"]
fn many_small_files_in_bounded_memory() {
    let files = env_usize("FACTCHECK_PERF_FILES", 100_000);
    let tenth = files / 10;
    let small = tempfile::tempdir().unwrap();
    let large = tempfile::tempdir().unwrap();
    write_small_files(small.path(), tenth);
    write_small_files(large.path(), files);
    let measure = |dir: &Path| {
        let dir = dir.display().to_string();
        let (code, peak, took) = run_measured(&["--format", "jsonl", &dir]);
        assert!(code == 0 || code == 1, "exit code {code}");
        (peak, took)
    };
    let (peak_small, took_small) = measure(small.path());
    let (peak_large, took_large) = measure(large.path());
    eprintln!(
        "{tenth} files: peak RSS {:.1} MB, {:.1} s; {files} files: peak RSS {:.1} MB, {:.1} s",
        peak_small as f64 / 1e6,
        took_small.as_secs_f64(),
        peak_large as f64 / 1e6,
        took_large.as_secs_f64()
    );
    // Ten times the files: only the list of paths (~100 bytes each) may grow.
    let allowance = 300 * files as u64 + (16 << 20);
    assert!(
        peak_large < peak_small + allowance,
        "peak {peak_large} bytes for {files} files, {peak_small} for {tenth}"
    );
}
