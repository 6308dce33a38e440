//! The command line: clap definitions, loading datasets, running the pipeline over the inputs,
//! printing, and exit codes. Logic a test would want lives in the library modules.

use crate::check::Checker;
use crate::config;
use crate::dataset::{self, Dataset};
use crate::document::Date;
use crate::input::walk::{self, Excludes};
use crate::input::{self, TextFormat};
use crate::net;
use crate::report::human::{self, HumanOptions};
use crate::report::model::{FileReport, InputError, Report, Summary, Tool};
use crate::report::{self, FailOn, Format};
use clap::parser::ValueSource;
use clap::{ArgMatches, Args, CommandFactory, FromArgMatches, Parser, Subcommand, ValueEnum};
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::sync::Mutex;

/// A line on standard error. A closed or full stderr loses the line instead of panicking (as
/// `eprintln!` would), so the report and the exit code still come out.
macro_rules! stderr_line {
    ($($arg:tt)*) => {{
        let _ = writeln!(io::stderr(), $($arg)*);
    }};
}

#[derive(Debug, Parser)]
#[command(
    name = "factcheck",
    version,
    about = "Checks the numbers in news articles against a dataset of cited figures.",
    long_about = "Checks the numbers in news articles against a dataset of cited figures.\n\n\
                  `factcheck article.txt` finds every numeric claim, links it to a figure of the \
                  built-in dataset (and any --dataset), and reports what is contradicted.",
    args_conflicts_with_subcommands = true,
    subcommand_negates_reqs = true
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
    #[command(flatten)]
    pub check: CheckArgs,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List every numeric claim found, with no dataset.
    Claims(ClaimsArgs),
    /// Work with datasets of cited figures.
    Dataset {
        #[command(subcommand)]
        command: DatasetCommand,
    },
    /// Fetch each figure's cited source and confirm it still says so.
    Sources(net::sources::SourcesArgs),
    /// Print a shell completion script to stdout.
    Completions {
        /// The shell to complete for.
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff) to stdout.
    Man,
}

#[derive(Debug, Subcommand)]
pub enum DatasetCommand {
    /// Check dataset files; every problem with line:column.
    Validate {
        /// Dataset files.
        #[arg(required = true, value_name = "DATASET")]
        datasets: Vec<String>,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Articles to check: files, directories (walked for .txt, .md, .markdown, .html, .htm),
    /// `-` for standard input, or http/https URLs (fetched).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// A dataset (file or http/https URL) to check against, added to the built-in one;
    /// repeatable.
    #[arg(short = 'd', long = "dataset", value_name = "PATH|URL")]
    pub datasets: Vec<String>,
    /// Do not load the built-in dataset.
    #[arg(long)]
    pub no_default_dataset: bool,
    /// Report format on stdout (when not given: factcheck.toml's `format`, else human).
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest verdict that makes the exit code 1 (when not given: factcheck.toml's `fail_on`,
    /// else contradicted).
    #[arg(long, value_enum, default_value_t = FailOn::Contradicted)]
    pub fail_on: FailOn,
    #[command(flatten)]
    pub common: CommonArgs,
    /// Human output: print only findings at or above --fail-on.
    #[arg(short, long)]
    pub quiet: bool,
    /// Also say why each claim was linked.
    #[arg(short, long)]
    pub verbose: bool,
}

#[derive(Debug, Args)]
pub struct CommonArgs {
    /// The article's date (YYYY-MM-DD); detected from the text when absent.
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<Date>,
    /// Colour: auto honours NO_COLOR and a non-terminal stdout.
    #[arg(long, value_enum, default_value_t = ColorChoice::Auto)]
    pub color: ColorChoice,
    /// What standard input (`-`) holds.
    #[arg(long, value_enum, default_value_t = TextFormat::Text)]
    pub stdin_format: TextFormat,
    /// A factcheck.toml; by default the nearest one upward from the working directory.
    #[arg(long, value_name = "PATH")]
    pub config: Option<PathBuf>,
    /// Files checked in parallel (default: all cores).
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub threads: Option<u16>,
    /// Never touch the network: remote datasets come from the cache or fail.
    #[arg(long)]
    pub offline: bool,
    /// Per HTTP request (URL inputs, remote datasets), in seconds.
    #[arg(long, value_name = "SECONDS", default_value = "20", value_parser = net::parse_timeout)]
    pub timeout: std::time::Duration,
}

impl CommonArgs {
    fn net(&self) -> net::Options {
        net::Options::new(self.timeout, self.offline)
    }
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Articles to read: files, directories, `-` for standard input, or http/https URLs.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Report format on stdout (human, json or jsonl).
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Datasets whose entity names protect digits inside names (H100, Llama 3 405B).
    #[arg(short = 'd', long = "dataset", value_name = "PATH")]
    pub datasets: Vec<String>,
    /// Do not load the built-in dataset's names.
    #[arg(long)]
    pub no_default_dataset: bool,
    #[command(flatten)]
    pub common: CommonArgs,
}

fn parse_date(s: &str) -> Result<Date, String> {
    Date::parse(s).ok_or_else(|| format!("'{s}' is not a date of the form YYYY-MM-DD"))
}

/// Runs the command line and returns the exit code.
pub fn run() -> i32 {
    let usage_error = |e: clap::Error| {
        let code = if e.use_stderr() { 2 } else { 0 };
        let _ = e.format(&mut Cli::command()).print();
        code
    };
    let matches = match Cli::command().try_get_matches() {
        Ok(m) => m,
        Err(e) => return usage_error(e),
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(e) => return usage_error(e),
    };
    let result = match cli.command {
        Some(Command::Claims(args)) => {
            let given = matches
                .subcommand_matches("claims")
                .map_or_else(Given::default, |m| Given::of(m, false));
            run_claims(&args, given)
        }
        Some(Command::Dataset {
            command: DatasetCommand::Validate { datasets },
        }) => run_validate(&datasets),
        Some(Command::Completions { shell }) => {
            // clap_complete panics on a write error: generate into memory, then write (a closed
            // pipe is then a quiet exit like any other output).
            let mut script = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "factcheck", &mut script);
            io::stdout().write_all(&script).map(|()| 0)
        }
        Some(Command::Sources(args)) => run_sources(&args),
        Some(Command::Man) => clap_mangen::Man::new(Cli::command())
            .render(&mut io::stdout())
            .map(|()| 0),
        None => run_check(&cli.check, Given::of(&matches, true)),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            stderr_line!("error: cannot write the report: {e}");
            2
        }
    }
}

/// Loads the datasets a run uses; every problem printed, `None` when any failed.
fn load_datasets(paths: &[String], builtin: bool, http: &net::Options) -> Option<Vec<Dataset>> {
    let mut datasets = Vec::new();
    if builtin {
        datasets.push(dataset::builtin());
    }
    let remote = net::remote::load(paths, http);
    for w in &remote.warnings {
        stderr_line!("warning: {w}");
    }
    let mut ok = true;
    for path in paths {
        let loaded = if net::is_url(path) {
            remote.get(path)
        } else {
            load_dataset_file(path)
        };
        match loaded {
            Ok(d) => datasets.push(d),
            Err(messages) => {
                ok = false;
                for m in messages {
                    stderr_line!("error: {m}");
                }
            }
        }
    }
    if !ok {
        return None;
    }
    match dataset::merge(datasets) {
        Ok(d) => Some(d),
        Err(errors) => {
            for e in errors.0 {
                stderr_line!("error: {e}");
            }
            None
        }
    }
}

fn load_dataset_file(path: &str) -> Result<Dataset, Vec<String>> {
    let bytes =
        std::fs::read(path).map_err(|e| vec![format!("{path}: cannot read the dataset: {e}")])?;
    let text = String::from_utf8(bytes).map_err(|e| {
        vec![format!(
            "{path}: the dataset is not UTF-8 (invalid byte at offset {})",
            e.utf8_error().valid_up_to()
        )]
    })?;
    dataset::load_str(&text, path)
        .map_err(|errors| errors.0.iter().map(|e| e.to_string()).collect())
}

fn color_choice(choice: ColorChoice) -> anstream::ColorChoice {
    match choice {
        ColorChoice::Always => anstream::ColorChoice::Always,
        ColorChoice::Never => anstream::ColorChoice::Never,
        ColorChoice::Auto => anstream::ColorChoice::Auto,
    }
}

/// Which settings were given on the command line: they win over `factcheck.toml`.
#[derive(Debug, Default, Clone, Copy)]
struct Given {
    format: bool,
    fail_on: bool,
    datasets: bool,
}

impl Given {
    fn of(matches: &ArgMatches, check: bool) -> Given {
        let given = |id: &str| matches.value_source(id) == Some(ValueSource::CommandLine);
        Given {
            format: given("format"),
            fail_on: check && given("fail_on"),
            datasets: given("datasets"),
        }
    }
}

/// A run's settings: the command line, else `factcheck.toml`, else the defaults.
struct Settings {
    datasets: Vec<String>,
    builtin: bool,
    format: Format,
    fail_on: FailOn,
    excludes: Option<Excludes>,
}

/// Merges the config file into the command line's settings; a config error is printed and
/// gives `None`.
fn settings(
    datasets: &[String],
    no_default_dataset: bool,
    format: Format,
    fail_on: FailOn,
    common: &CommonArgs,
    given: Given,
) -> Option<Settings> {
    let config = match config::discover(common.config.as_deref()) {
        Ok(c) => c,
        Err(e) => {
            stderr_line!("error: {e}");
            return None;
        }
    };
    let Some(config) = config else {
        return Some(Settings {
            datasets: datasets.to_vec(),
            builtin: !no_default_dataset,
            format,
            fail_on,
            excludes: None,
        });
    };
    let file = &config.file;
    Some(Settings {
        datasets: if given.datasets {
            datasets.to_vec()
        } else {
            config.datasets()
        },
        builtin: !(no_default_dataset || file.no_default_dataset == Some(true)),
        format: file.format.filter(|_| !given.format).unwrap_or(format),
        fail_on: file.fail_on.filter(|_| !given.fail_on).unwrap_or(fail_on),
        excludes: config.excludes,
    })
}

fn run_check(args: &CheckArgs, given: Given) -> io::Result<i32> {
    let Some(settings) = settings(
        &args.datasets,
        args.no_default_dataset,
        args.format,
        args.fail_on,
        &args.common,
        given,
    ) else {
        return Ok(2);
    };
    let net = args.common.net();
    let Some(datasets) = load_datasets(&settings.datasets, settings.builtin, &net) else {
        return Ok(2);
    };
    let checker = Checker::new(&datasets);
    let options = HumanOptions {
        quiet: args.quiet,
        verbose: args.verbose,
        fail_on: settings.fail_on,
        claims_only: false,
    };
    let run = emit_all(
        &checker,
        &args.inputs,
        &args.common,
        &settings,
        &options,
        |doc| checker.check(doc),
    )?;
    Ok(if run.errors > 0 {
        2
    } else {
        i32::from(run.failed)
    })
}

fn run_claims(args: &ClaimsArgs, given: Given) -> io::Result<i32> {
    let Some(settings) = settings(
        &args.datasets,
        args.no_default_dataset,
        args.format,
        FailOn::Never,
        &args.common,
        Given {
            format: true,
            ..given
        },
    ) else {
        return Ok(2);
    };
    if matches!(settings.format, Format::Sarif | Format::Github) {
        stderr_line!(
            "error: `factcheck claims` writes human, json or jsonl; sarif and github report verdicts"
        );
        return Ok(2);
    }
    let net = args.common.net();
    let Some(datasets) = load_datasets(&settings.datasets, settings.builtin, &net) else {
        return Ok(2);
    };
    let checker = Checker::new(&datasets);
    let options = HumanOptions {
        quiet: false,
        verbose: false,
        fail_on: FailOn::Never,
        claims_only: true,
    };
    let run = emit_all(
        &checker,
        &args.inputs,
        &args.common,
        &settings,
        &options,
        |doc| checker.claims(doc),
    )?;
    Ok(if run.errors > 0 { 2 } else { 0 })
}

/// What a run found, for its exit code.
struct RunOutcome {
    errors: usize,
    failed: bool,
}

/// Reads every input, runs `f` on each document and writes the report in the run's format:
/// human, jsonl and github stream file by file in input order; json and sarif are written whole
/// at the end.
fn emit_all(
    checker: &Checker,
    inputs: &[String],
    common: &CommonArgs,
    settings: &Settings,
    options: &HumanOptions,
    f: impl Fn(&crate::document::Document) -> FileReport + Sync,
) -> io::Result<RunOutcome> {
    let stdout = io::stdout();
    let format = settings.format;
    // JSON escapes every control character, so json, jsonl and sarif need no colour handling:
    // they go through a plain buffer (flushed after each file) rather than an escape stripper.
    let mut out: Box<dyn Write> = match format {
        Format::Json | Format::Jsonl | Format::Sarif => {
            Box::new(io::BufWriter::with_capacity(1 << 16, stdout.lock()))
        }
        Format::Human | Format::Github => Box::new(anstream::AutoStream::new(
            stdout.lock(),
            color_choice(common.color),
        )),
    };
    let whole = matches!(format, Format::Json | Format::Sarif);
    let mut files = Vec::new();
    let mut errors = Vec::new();
    let mut summary = Summary::default();
    let mut file_count = 0;
    let mut failed = false;
    // jsonl line buffers go back to the workers once written: a fresh buffer per file was
    // fresh memory per file (page faults, and frees across threads), a third of the CPU time
    // of a two-thread run.
    let spare_buffers: Mutex<Vec<Vec<u8>>> = Mutex::new(Vec::new());
    // A long input is checked on this thread while its claims are written (in the formats
    // written claim by claim), so that its claims are never all held at once; shorter ones are
    // checked on the worker threads.
    let checked = |doc: crate::document::Document| {
        if !whole && doc.text.len() >= STREAM_BYTES {
            Checked::Stream(doc)
        } else if format == Format::Jsonl {
            // The lines are made on the worker thread too, each as its claim is checked (the
            // claim's texts borrowed, not copied): this thread only writes them.
            let spare = spare_buffers
                .lock()
                .unwrap_or_else(|e| e.into_inner())
                .pop();
            // News text makes about eight bytes of lines a byte, some files more: room for
            // ten, as growing the buffer copies all of it. A spare with too little room is
            // replaced, not grown: growing would copy its whole old allocation too.
            let room = doc.text.len() * 10;
            let mut lines = spare
                .filter(|spare| spare.capacity() >= room)
                .unwrap_or_else(|| Vec::with_capacity(room));
            let mut summary = Summary::default();
            let mut failed = false;
            let mut writer = report::jsonl::ClaimWriter::default();
            let mut each = |claim: crate::report::model::ClaimReport| {
                summary.add_claim(&claim);
                failed |= settings.fail_on.fails(&claim);
                writer.write(&mut lines, &doc.path, &claim);
            };
            if options.claims_only {
                checker.claims_each(&doc, &mut each);
            } else {
                checker.check_each(&doc, &mut each);
            }
            Checked::Lines {
                failed,
                summary,
                lines,
            }
        } else {
            Checked::Report(f(&doc))
        }
    };
    read_and(inputs, common, settings, checked, |outcome| {
        match outcome {
            Ok(Checked::Stream(doc)) => {
                file_count += 1;
                let mut written = Ok(());
                let mut line = Vec::new();
                let mut writer = report::jsonl::ClaimWriter::default();
                let mut each = |claim: crate::report::model::ClaimReport| {
                    summary.add_claim(&claim);
                    failed |= settings.fail_on.fails(&claim);
                    if written.is_ok() {
                        written = match format {
                            Format::Jsonl => {
                                line.clear();
                                writer.write(&mut line, &doc.path, &claim);
                                out.write_all(&line)
                            }
                            Format::Human => {
                                human::write_claim(&mut out, &doc.path, &claim, options)
                            }
                            _ => report::github::annotation(&doc.path, &claim)
                                .map_or(Ok(()), |line| writeln!(out, "{line}")),
                        };
                    }
                };
                if options.claims_only {
                    checker.claims_each(&doc, &mut each);
                } else {
                    checker.check_each(&doc, &mut each);
                }
                written?;
                out.flush()?;
            }
            Ok(Checked::Lines {
                lines,
                summary: file_summary,
                failed: file_failed,
            }) => {
                file_count += 1;
                summary.add(&file_summary);
                failed |= file_failed;
                out.write_all(&lines)?;
                out.flush()?;
                let mut lines = lines;
                lines.clear();
                let mut spare = spare_buffers.lock().unwrap_or_else(|e| e.into_inner());
                // Workers run at most a few files ahead of the output; more spares than that
                // would only hold memory.
                if spare.len() < SPARE_BUFFERS && lines.capacity() <= SPARE_BUFFER_BYTES {
                    spare.push(lines);
                }
            }
            Ok(Checked::Report(file)) => {
                file_count += 1;
                summary.add(&file.summary);
                failed |= file.claims.iter().any(|c| settings.fail_on.fails(c));
                match format {
                    Format::Human => human::write_file(&mut out, &file, options)?,
                    Format::Jsonl => {
                        let mut lines = Vec::new();
                        report::jsonl::write_file(&mut lines, &file);
                        out.write_all(&lines)?;
                    }
                    Format::Github => report::github::write_file(&mut out, &file)?,
                    Format::Json | Format::Sarif => {}
                }
                if format == Format::Jsonl {
                    out.flush()?;
                }
                if whole {
                    files.push(file);
                }
            }
            Err(error) => {
                match format {
                    Format::Jsonl => report::jsonl::write_error(&mut out, &error)?,
                    Format::Github => report::github::write_error(&mut out, &error)?,
                    _ => {}
                }
                errors.push(error);
            }
        }
        Ok(())
    })?;
    summary.files = Some(file_count);
    match format {
        Format::Human => writeln!(
            out,
            "{}",
            human::summary_line(&summary, file_count, options.claims_only)
        )?,
        Format::Jsonl => report::jsonl::write_summary(&mut out, &summary)?,
        Format::Github => {}
        Format::Json | Format::Sarif => {
            let error_count = errors.len();
            let report = assemble(checker, files, errors);
            if format == Format::Json {
                report::write_json(&mut out, &report)?;
            } else {
                report::sarif::write_sarif(&mut out, &report)?;
            }
            out.flush()?;
            return Ok(RunOutcome {
                errors: error_count,
                failed,
            });
        }
    }
    out.flush()?;
    Ok(RunOutcome {
        errors: errors.len(),
        failed,
    })
}

fn run_validate(paths: &[String]) -> io::Result<i32> {
    let mut code = 0;
    let remote = net::remote::load(paths, &net::Options::default());
    for w in &remote.warnings {
        stderr_line!("warning: {w}");
    }
    let mut stdout = io::stdout().lock();
    for path in paths {
        let loaded = if net::is_url(path) {
            remote.get(path)
        } else {
            load_dataset_file(path)
        };
        match loaded {
            Ok(d) => writeln!(
                stdout,
                "{path}: ok, {} figures in dataset '{}'",
                d.figures.len(),
                d.name
            )?,
            Err(messages) => {
                code = 2;
                for m in &messages {
                    stderr_line!("error: {m}");
                }
                stderr_line!(
                    "{path}: {} problem{}",
                    messages.len(),
                    if messages.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    Ok(code)
}

/// `factcheck sources`: exit 1 when a figure's source is not ok, 2 when a dataset cannot be
/// loaded.
fn run_sources(args: &net::sources::SourcesArgs) -> io::Result<i32> {
    let options = args.options();
    let (paths, builtin) = if args.datasets.is_empty() {
        match config::discover(args.config.as_deref()) {
            Ok(Some(c)) => (c.datasets(), c.file.no_default_dataset != Some(true)),
            Ok(None) => (Vec::new(), true),
            Err(e) => {
                stderr_line!("error: {e}");
                return Ok(2);
            }
        }
    } else {
        (args.datasets.clone(), false)
    };
    let Some(datasets) = load_datasets(&paths, builtin, &options) else {
        return Ok(2);
    };
    let report = net::sources::check(&datasets, &options);
    let mut out = io::stdout().lock();
    match args.format {
        net::sources::SourcesFormat::Human => {
            net::sources::write_human(&mut out, &report, args.quiet)?
        }
        net::sources::SourcesFormat::Json => net::sources::write_json(&mut out, &report)?,
    }
    out.flush()?;
    Ok(i32::from(!report.all_ok()))
}

/// An input of at least this many bytes is streamed in human, jsonl and github (see
/// `emit_all`).
const STREAM_BYTES: usize = 1 << 20;

/// jsonl line buffers kept for reuse, and the largest kept.
const SPARE_BUFFERS: usize = 16;
const SPARE_BUFFER_BYTES: usize = 8 << 20;

/// A document checked on a worker thread, or one to check while its report is written.
enum Checked {
    Report(FileReport),
    /// A file's jsonl lines, made on the worker thread.
    Lines {
        lines: Vec<u8>,
        summary: Summary,
        failed: bool,
    },
    Stream(crate::document::Document),
}

/// At least this many inputs, and stderr a terminal, for a progress bar.
const PROGRESS_MIN_FILES: usize = 20;

/// Reads every input (directories walked) on `--threads` threads and runs `f` on each document;
/// each outcome goes to `emit` in input order. Warnings and unreadable inputs are reported on
/// stderr as they come; the other inputs are still processed. The first write error stops the
/// output and is returned.
fn read_and(
    inputs: &[String],
    common: &CommonArgs,
    settings: &Settings,
    f: impl Fn(crate::document::Document) -> Checked + Sync,
    mut emit: impl FnMut(Result<Checked, InputError>) -> io::Result<()>,
) -> io::Result<()> {
    let entries = walk::expand(inputs, settings.excludes.as_ref());
    let pages = net::Pages::fetch(&entries, &common.net());
    let threads = common
        .threads
        .map_or_else(walk::default_threads, usize::from);
    let bar = (entries.len() >= PROGRESS_MIN_FILES && io::stderr().is_terminal()).then(|| {
        let style = indicatif::ProgressStyle::with_template(
            "{spinner} [{bar:40}] {pos}/{len} files ({elapsed})",
        )
        .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
        .progress_chars("=> ");
        indicatif::ProgressBar::new(entries.len() as u64).with_style(style)
    });
    let mut result = Ok(());
    walk::map_in_order(
        &entries,
        threads,
        |entry| match entry {
            Ok(path) if net::is_url(path) => pages
                .load(path, common.date)
                .map(|loaded| (loaded.warnings, f(loaded.document))),
            Ok(path) => input::load(path, common.stdin_format, common.date)
                .map(|loaded| (loaded.warnings, f(loaded.document))),
            Err(e) => Err(e.clone()),
        },
        |_, outcome| {
            let step = || {
                let outcome = match outcome {
                    Ok((warnings, file)) => {
                        for w in &warnings {
                            stderr_line!("warning: {w}");
                        }
                        Ok(file)
                    }
                    Err(e) => {
                        stderr_line!("error: {e}");
                        Err(InputError {
                            path: e.path,
                            message: e.message,
                        })
                    }
                };
                if result.is_ok() {
                    result = emit(outcome);
                }
            };
            match &bar {
                Some(bar) => {
                    bar.suspend(step);
                    bar.inc(1);
                }
                None => step(),
            }
        },
    );
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }
    result
}

fn assemble(checker: &Checker, files: Vec<FileReport>, errors: Vec<InputError>) -> Report {
    let mut summary = Summary {
        files: Some(files.len()),
        ..Summary::default()
    };
    for f in &files {
        summary.add(&f.summary);
    }
    Report {
        format: report::model::REPORT_FORMAT,
        tool: Tool::default(),
        datasets: checker.dataset_refs(),
        files,
        summary,
        errors,
    }
}
