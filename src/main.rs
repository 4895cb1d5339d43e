//! The `gongshi` command: parses arguments, runs the library, prints the report, sets the exit
//! code (0 clean, 1 problems found, 2 fatal).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

use gongshi::assess::Deadlines;
use gongshi::build::{self, Options};
use gongshi::calendar::Calendar;
use gongshi::config::{Config, QuarterAnchor};
use gongshi::dates::{Quarter, parse_date};
use gongshi::{Error, Result};

/// A build allocates many small strings on every thread; glibc's allocator spent a quarter of
/// the build's time on them (see README, "Benchmark").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Parser)]
#[command(
    name = "gongshi",
    version,
    about = "Builds the 双随机、一公开 disclosure site and checks every disclosure deadline"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site and print the deadline report.
    Build {
        #[command(flatten)]
        common: Common,
        /// Output folder [default: <site>/public].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Do not record first publications in data/published.csv (for previews).
        #[arg(long)]
        no_ledger: bool,
    },
    /// Print the deadline report as a build would, writing nothing.
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Print deadlines, one per line, under the site's rules and calendar.
    Deadline {
        /// The site folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        #[command(subcommand)]
        what: DeadlineKind,
    },
}

#[derive(Subcommand)]
enum DeadlineKind {
    /// Result deadlines for inspections that ended on these dates.
    Task {
        #[arg(required = true, value_name = "DATE")]
        dates: Vec<String>,
    },
    /// Summary deadlines for these quarters (2025Q1 ...).
    Quarter {
        #[arg(required = true, value_name = "QUARTER")]
        quarters: Vec<String>,
    },
}

#[derive(Args)]
struct Common {
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    site: PathBuf,
    /// The day to check against [default: today in Asia/Shanghai].
    #[arg(long, value_name = "DATE")]
    as_of: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

#[derive(Clone, Copy, ValueEnum)]
enum Format {
    Text,
    Json,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            eprintln!("error: {error}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    match cli.command {
        Command::Build {
            common,
            out,
            no_ledger,
        } => {
            let out = out.unwrap_or_else(|| common.site.join("public"));
            report(&common, Some(out), !no_ledger)
        }
        Command::Check { common } => report(&common, None, false),
        Command::Deadline { site, what } => deadlines(&site, what),
    }
}

fn report(common: &Common, out: Option<PathBuf>, write_ledger: bool) -> Result<ExitCode> {
    let as_of = match &common.as_of {
        Some(text) => parse_date(text).map_err(|m| Error::Usage(format!("--as-of: {m}")))?,
        None => gongshi::today_in_china(),
    };
    let mut options = Options {
        site: common.site.clone(),
        out,
        as_of,
        write_ledger,
        wait_for_lock: false,
    };
    let started = Instant::now();
    let progress = Bar::new();
    let outcome = match build::run_with(&options, &progress) {
        Err(Error::Locked { path }) => {
            eprintln!(
                "waiting for another gongshi build of this site to finish ({})",
                path.display()
            );
            options.wait_for_lock = true;
            build::run_with(&options, &progress)?
        }
        other => other?,
    };
    if let (Some(stats), Some(out)) = (&outcome.written, &options.out) {
        eprintln!(
            "{}: {} files, {} written, {} unchanged{} ({:.1} s)",
            out.display(),
            stats.files,
            stats.written,
            stats.unchanged,
            if stats.removed > 0 {
                format!(", {} removed", stats.removed)
            } else if stats.inputs_unchanged {
                ", inputs as last read".to_string()
            } else {
                String::new()
            },
            started.elapsed().as_secs_f64()
        );
    }
    let report = outcome.report;
    match common.format {
        Format::Text => emit(&report.to_text())?,
        Format::Json => emit(&(report.to_json() + "\n"))?,
    }
    Ok(if report.has_problems() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// A progress bar on stderr, shown only on a terminal and only once a build has taken a second.
struct Bar {
    started: Instant,
    bar: indicatif::ProgressBar,
    shown: AtomicBool,
    terminal: bool,
}

impl Bar {
    fn new() -> Bar {
        let bar = indicatif::ProgressBar::with_draw_target(
            Some(0),
            indicatif::ProgressDrawTarget::hidden(),
        );
        bar.set_style(
            indicatif::ProgressStyle::with_template("{msg:>9} [{bar:40}] {pos}/{len} files")
                .expect("a valid template")
                .progress_chars("=> "),
        );
        Bar {
            started: Instant::now(),
            bar,
            shown: AtomicBool::new(false),
            terminal: std::io::stderr().is_terminal(),
        }
    }
}

impl build::Progress for Bar {
    fn start(&self, stage: &'static str, total: usize) {
        self.bar.set_message(stage);
        self.bar.set_length(total as u64);
        self.bar.set_position(0);
    }

    fn advance(&self, steps: usize) {
        self.bar.inc(steps as u64);
        if self.terminal
            && !self.shown.load(Ordering::Relaxed)
            && self.started.elapsed().as_secs() >= 1
            && !self.shown.swap(true, Ordering::Relaxed)
        {
            self.bar
                .set_draw_target(indicatif::ProgressDrawTarget::stderr());
        }
    }

    fn finish(&self) {
        self.bar.finish_and_clear();
    }
}

fn deadlines(site: &std::path::Path, what: DeadlineKind) -> Result<ExitCode> {
    let config = Config::load(site)?;
    let calendar = Calendar::for_site(site)?;
    let deadlines = Deadlines {
        calendar: &calendar,
        disclosure: &config.disclosure,
    };
    let mut lines = Vec::new();
    match what {
        DeadlineKind::Task { dates } => {
            for text in dates {
                let end: NaiveDate =
                    parse_date(&text).map_err(|m| Error::Usage(format!("{text}: {m}")))?;
                lines.push(deadlines.task(end)?);
            }
        }
        DeadlineKind::Quarter { quarters } => {
            let parsed: Vec<Quarter> = quarters
                .iter()
                .map(|t| t.parse::<Quarter>().map_err(Error::Usage))
                .collect::<Result<_>>()?;
            let needs_tasks = parsed.iter().any(|q| {
                config.disclosure.rules_for(q.last_day()).quarter_anchor
                    == QuarterAnchor::LastTaskEnd
            });
            let loaded = if needs_tasks {
                Some(build::load(site, gongshi::today_in_china())?)
            } else {
                None
            };
            for quarter in parsed {
                let last_end = loaded.as_ref().and_then(|l| {
                    l.assessment
                        .records
                        .iter()
                        .filter(|(r, _)| r.quarter() == Some(quarter))
                        .filter_map(|(r, _)| r.end)
                        .max()
                });
                lines.push(deadlines.quarter(quarter, last_end)?);
            }
        }
    }
    let text: String = lines.iter().map(|day| format!("{day}\n")).collect();
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// Writes to stdout. A reader that went away (`gongshi check | head`) is no error: the exit
/// code still tells the outcome.
fn emit(text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            Err(Error::Usage(format!("writing the report: {e}")))
        }
        _ => Ok(()),
    }
}
