//! Writes seeded synthetic inputs for benchmarks (see BENCHMARKS.md):
//!
//! ```text
//! cargo run --release --example gen_corpus -- --mb 100 --files 1000 out/        # 1000 files
//! cargo run --release --example gen_corpus -- --mb 1024 --files 1 big/          # one 1 GB file
//! cargo run --release --example gen_corpus -- --dataset 100000 ds.json          # a dataset
//! cargo run --release --example gen_corpus -- --mb 10 --files 100 --about ds.json out/
//! ```
//!
//! Options: `--seed N` (default 1); `--kb N` instead of `--mb`; `--files N` (default 1); `--about
//! DATASET.json` writes claims about the first 100 figures of that (generated) dataset as well as
//! the built-in ones. Files are `00000.txt`, `00001.txt`, … of about equal size, each a run of
//! ~3 KB articles.

use factcheck::dataset;
use factcheck::synth::{self, Corpus};
use std::io::Write;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("gen_corpus: {e}");
            ExitCode::from(2)
        }
    }
}

fn run() -> Result<(), String> {
    let mut args = std::env::args().skip(1);
    let mut seed = 1u64;
    let mut bytes: Option<usize> = None;
    let mut files = 1usize;
    let mut dataset_figures: Option<usize> = None;
    let mut about: Option<PathBuf> = None;
    let mut out: Option<PathBuf> = None;
    let num = |v: Option<String>, what: &str| -> Result<usize, String> {
        v.ok_or(format!("{what} needs a number"))?
            .parse()
            .map_err(|_| format!("{what} needs a number"))
    };
    while let Some(a) = args.next() {
        match a.as_str() {
            "--seed" => seed = num(args.next(), "--seed")? as u64,
            "--mb" => bytes = Some(num(args.next(), "--mb")? << 20),
            "--kb" => bytes = Some(num(args.next(), "--kb")? << 10),
            "--files" => files = num(args.next(), "--files")?.max(1),
            "--dataset" => dataset_figures = Some(num(args.next(), "--dataset")?),
            "--about" => about = Some(args.next().ok_or("--about needs a path")?.into()),
            "-h" | "--help" => {
                println!(
                    "usage: gen_corpus [--seed N] (--mb N | --kb N) [--files N] [--about DATASET] OUT_DIR\n       gen_corpus [--seed N] --dataset FIGURES OUT.json"
                );
                return Ok(());
            }
            _ if out.is_none() && !a.starts_with("--") => out = Some(a.into()),
            _ => return Err(format!("unexpected argument '{a}'")),
        }
    }
    let out = out.ok_or("no output path")?;
    if let Some(n) = dataset_figures {
        let d = synth::dataset(seed, n, "synthetic");
        std::fs::write(&out, synth::dataset_json(&d))
            .map_err(|e| format!("{}: {e}", out.display()))?;
        eprintln!("wrote {n} figures to {}", out.display());
        return Ok(());
    }
    let bytes = bytes.ok_or("--mb or --kb is required")?;
    let mut figures = dataset::builtin().figures;
    if let Some(path) = &about {
        let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
        let d =
            dataset::load_str(&text, &path.display().to_string()).map_err(|e| format!("{e}"))?;
        figures.extend(d.figures.into_iter().take(100));
    }
    std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
    let mut corpus = Corpus::new(seed, &figures);
    let per_file = bytes / files;
    let mut written = 0usize;
    for i in 0..files {
        let path = out.join(format!("{i:05}.txt"));
        let file = std::fs::File::create(&path).map_err(|e| format!("{}: {e}", path.display()))?;
        let mut w = std::io::BufWriter::with_capacity(1 << 20, file);
        let mut n = 0;
        // Articles of ~3 KB; a small file is one shorter article.
        while n < per_file.max(1) {
            let article = corpus.article(3_000.min(per_file - n).max(200));
            w.write_all(article.as_bytes())
                .map_err(|e| format!("{}: {e}", path.display()))?;
            n += article.len();
        }
        w.flush().map_err(|e| format!("{}: {e}", path.display()))?;
        written += n;
    }
    eprintln!(
        "wrote {files} files, {:.1} MB, to {}",
        written as f64 / 1e6,
        out.display()
    );
    Ok(())
}
