//! The command line: clap definitions, loading datasets, running the pipeline over the inputs,
//! printing, and exit codes. Logic a test would want lives in the library modules.

use crate::check::Checker;
use crate::dataset::{self, Dataset};
use crate::document::Date;
use crate::input::{self, TextFormat};
use crate::report::human::{self, HumanOptions};
use crate::report::model::{FileReport, InputError, Report, Summary, Tool};
use crate::report::{self, FailOn, Format};
use clap::{Args, Parser, Subcommand, ValueEnum};
use std::io::{self, Write};

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
    /// Articles to check: files, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// A dataset to check against, added to the built-in one; repeatable.
    #[arg(short = 'd', long = "dataset", value_name = "PATH")]
    pub datasets: Vec<String>,
    /// Do not load the built-in dataset.
    #[arg(long)]
    pub no_default_dataset: bool,
    /// Report format on stdout.
    #[arg(short, long, value_enum, default_value_t = Format::Human)]
    pub format: Format,
    /// Lowest verdict that makes the exit code 1.
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
}

#[derive(Debug, Args)]
pub struct ClaimsArgs {
    /// Articles to read: files, or `-` for standard input.
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Report format on stdout (human or json).
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
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let code = if e.use_stderr() { 2 } else { 0 };
            let _ = e.print();
            return code;
        }
    };
    let result = match cli.command {
        Some(Command::Claims(args)) => run_claims(&args),
        Some(Command::Dataset {
            command: DatasetCommand::Validate { datasets },
        }) => run_validate(&datasets),
        None => run_check(&cli.check),
    };
    match result {
        Ok(code) => code,
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => 0,
        Err(e) => {
            eprintln!("error: cannot write the report: {e}");
            2
        }
    }
}

/// Loads the datasets a run uses; every problem printed, `None` when any failed.
fn load_datasets(paths: &[String], builtin: bool) -> Option<Vec<Dataset>> {
    let mut datasets = Vec::new();
    if builtin {
        datasets.push(dataset::builtin());
    }
    let mut ok = true;
    for path in paths {
        match load_dataset_file(path) {
            Ok(d) => datasets.push(d),
            Err(messages) => {
                ok = false;
                for m in messages {
                    eprintln!("error: {m}");
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
                eprintln!("error: {e}");
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

fn run_check(args: &CheckArgs) -> io::Result<i32> {
    let Some(datasets) = load_datasets(&args.datasets, !args.no_default_dataset) else {
        return Ok(2);
    };
    let checker = Checker::new(&datasets);
    let (files, errors) = read_and(&args.inputs, &args.common, |doc| checker.check(doc));
    let report = assemble(&checker, files, errors);
    let stdout = io::stdout();
    let mut out = anstream::AutoStream::new(stdout.lock(), color_choice(args.common.color));
    match args.format {
        Format::Human => {
            let options = HumanOptions {
                quiet: args.quiet,
                verbose: args.verbose,
                fail_on: args.fail_on,
                claims_only: false,
            };
            for file in &report.files {
                human::write_file(&mut out, file, &options)?;
            }
            writeln!(
                out,
                "{}",
                human::summary_line(&report.summary, report.files.len(), false)
            )?;
        }
        _ => report::write_json(&mut out, &report)?,
    }
    out.flush()?;
    Ok(exit_code(&report, args.fail_on))
}

fn run_claims(args: &ClaimsArgs) -> io::Result<i32> {
    let Some(datasets) = load_datasets(&args.datasets, !args.no_default_dataset) else {
        return Ok(2);
    };
    let checker = Checker::new(&datasets);
    let (files, errors) = read_and(&args.inputs, &args.common, |doc| checker.claims(doc));
    let report = assemble(&checker, files, errors);
    let stdout = io::stdout();
    let mut out = anstream::AutoStream::new(stdout.lock(), color_choice(args.common.color));
    match args.format {
        Format::Human => {
            let options = HumanOptions {
                quiet: false,
                verbose: false,
                fail_on: FailOn::Never,
                claims_only: true,
            };
            for file in &report.files {
                human::write_file(&mut out, file, &options)?;
            }
            writeln!(
                out,
                "{}",
                human::summary_line(&report.summary, report.files.len(), true)
            )?;
        }
        _ => report::write_json(&mut out, &report)?,
    }
    out.flush()?;
    Ok(if report.errors.is_empty() { 0 } else { 2 })
}

fn run_validate(paths: &[String]) -> io::Result<i32> {
    let mut code = 0;
    let mut stdout = io::stdout().lock();
    for path in paths {
        match load_dataset_file(path) {
            Ok(d) => writeln!(
                stdout,
                "{path}: ok, {} figures in dataset '{}'",
                d.figures.len(),
                d.name
            )?,
            Err(messages) => {
                code = 2;
                for m in &messages {
                    eprintln!("error: {m}");
                }
                eprintln!(
                    "{path}: {} problem{}",
                    messages.len(),
                    if messages.len() == 1 { "" } else { "s" }
                );
            }
        }
    }
    Ok(code)
}

/// Reads every input and runs `f` on each document; unreadable inputs are reported on stderr
/// and collected, the others still processed.
fn read_and(
    inputs: &[String],
    common: &CommonArgs,
    f: impl Fn(&crate::document::Document) -> FileReport,
) -> (Vec<FileReport>, Vec<InputError>) {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in inputs {
        match input::load(path, common.stdin_format, common.date) {
            Ok(loaded) => {
                for w in &loaded.warnings {
                    eprintln!("warning: {w}");
                }
                files.push(f(&loaded.document));
            }
            Err(e) => {
                eprintln!("error: {e}");
                errors.push(InputError {
                    path: e.path,
                    message: e.message,
                });
            }
        }
    }
    (files, errors)
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

fn exit_code(report: &Report, fail_on: FailOn) -> i32 {
    if !report.errors.is_empty() {
        return 2;
    }
    let failed = report
        .files
        .iter()
        .flat_map(|f| &f.claims)
        .any(|c| fail_on.fails(c));
    i32::from(failed)
}
