//! The `gongshi` command: parses arguments, runs the library, prints the report, sets the exit
//! code (0 clean, 1 problems found, 2 fatal).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Instant;

use chrono::NaiveDate;
use clap::{Args, CommandFactory, Parser, Subcommand, ValueEnum};

use gongshi::assess::Deadlines;
use gongshi::build::{self, Options};
use gongshi::calendar::{Calendar, Deadline};
use gongshi::config::{Config, QuarterAnchor};
use gongshi::dates::{Quarter, parse_date};
use gongshi::{Error, Result};

/// A build allocates many small strings on every thread; glibc's allocator spent a quarter of
/// the build's time on them (see README, "Benchmark").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const EXAMPLES: &str = "\
Examples:
  gongshi init my-site                  start a site
  gongshi serve --site my-site          preview it at http://127.0.0.1:1111/
  gongshi build --site my-site          build it into my-site/public and print the report
  gongshi check --format junit --report report.xml
  gongshi deadline task 2025-09-26
  gongshi calendar 2026
  gongshi ledger import old-site.csv    the days results went public before gongshi
  gongshi withdraw ID --reason TEXT     take a published result down, saying why

Exit codes: 0 clean, 1 problems found (a missed deadline or an invalid row), 2 fatal.";

#[derive(Parser)]
#[command(
    name = "gongshi",
    version,
    about = "Builds the 双随机、一公开 disclosure site and checks every disclosure deadline",
    after_help = EXAMPLES
)]
struct Cli {
    /// When to colour the output: on a terminal unless NO_COLOR is set (auto), always, never.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    color: Color,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Build the site and print the deadline report.
    #[command(after_help = "\
Examples:
  gongshi build                                     the site in ., into ./public
  gongshi build --site bureau --out /srv/www/shuangsuiji
  gongshi build --format junit --report report.xml  JUnit to the file, text to the terminal
  gongshi build --format github                     annotations for GitHub Actions
  gongshi build --no-ledger --as-of 2025-12-01      a preview of a day, recording nothing")]
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
    #[command(after_help = "\
Examples:
  gongshi check                                  exit 1 when a deadline was missed
  gongshi check --as-of 2025-12-01               as it will stand on that day
  gongshi check --format json | jq '.summary'")]
    Check {
        #[command(flatten)]
        common: Common,
    },
    /// Preview the site: build it into a temporary folder, serve it on 127.0.0.1 and rebuild
    /// on every change. Never writes the ledger or the real output.
    #[command(after_help = "\
Examples:
  gongshi serve                          the site in ., at http://127.0.0.1:1111/
  gongshi serve --site bureau --port 0   any free port (printed)")]
    Serve {
        /// The site folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        /// Port on 127.0.0.1; 0 for any free one [default: 1111, or a free one if taken].
        #[arg(long, value_name = "N")]
        port: Option<u16>,
        /// The day to check against [default: today in Asia/Shanghai].
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Create a new site folder: gongshi.toml, an example ledger, an about page, .gitignore.
    #[command(after_help = "\
Examples:
  gongshi init my-site && gongshi build --site my-site")]
    Init {
        /// The folder to create (it must not exist, or be empty).
        #[arg(value_name = "DIR")]
        dir: PathBuf,
        /// The day the example inspections are dated back from [default: today].
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
    },
    /// Print deadlines, one per line, under the site's rules and calendar.
    #[command(after_help = "\
Examples:
  gongshi deadline task 2025-09-26 2025/4/30
  gongshi deadline quarter 2025Q3")]
    Deadline {
        /// The site folder.
        #[arg(long, global = true, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        #[command(subcommand)]
        what: DeadlineKind,
    },
    /// Print a year's holidays and make-up working days, or check a new year's calendar file.
    #[command(
        args_conflicts_with_subcommands = true,
        after_help = "\
Examples:
  gongshi calendar                    the years known, with their notices
  gongshi calendar 2026               2026's holidays and make-up working days
  gongshi calendar check data/calendar/2027.toml"
    )]
    Calendar {
        /// The site folder (its data/calendar/ adds or replaces years).
        #[arg(long, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        /// The year to print.
        #[arg(value_name = "YEAR")]
        year: Option<i32>,
        #[command(subcommand)]
        check: Option<CalendarCommand>,
    },
    /// Work on the publication ledger (data/published.csv): import the history of a site run
    /// before gongshi.
    #[command(after_help = "\
Examples:
  gongshi ledger import old-site.csv    the days results went public on the old site")]
    Ledger {
        /// The site folder.
        #[arg(long, global = true, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        #[command(subcommand)]
        command: LedgerCommand,
    },
    /// Withdraw a published result (撤回): its page then says it was withdrawn, when and why,
    /// at the same address, and it leaves the lists, the open data and the search.
    #[command(after_help = "\
Examples:
  gongshi withdraw PS-2025-Q3-0042 --reason \"检查对象名称录入错误\"
  gongshi build      publish the change; then commit data/published.csv")]
    Withdraw {
        /// The site folder.
        #[arg(long, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        /// The task id, as in the ledger.
        #[arg(value_name = "ID")]
        id: String,
        /// Why it is withdrawn: shown on its page.
        #[arg(long, value_name = "TEXT")]
        reason: String,
    },
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  gongshi completions bash > ~/.local/share/bash-completion/completions/gongshi
  gongshi completions zsh > ~/.zfunc/_gongshi
  gongshi completions fish > ~/.config/fish/completions/gongshi.fish")]
    Completions {
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the man page (roff): gongshi's, or one command's (gongshi-build(1) ...).
    #[command(after_help = "\
Examples:
  gongshi man > /usr/local/share/man/man1/gongshi.1 && man gongshi
  for c in init serve build check deadline calendar; do
    gongshi man $c > /usr/local/share/man/man1/gongshi-$c.1
  done")]
    Man {
        /// A command, for its own page.
        #[arg(value_name = "COMMAND")]
        command: Option<String>,
    },
}

#[derive(Subcommand)]
enum CalendarCommand {
    /// Make next year's calendar file from the State Council's notice
    /// (国务院办公厅关于YYYY年部分节假日安排的通知), its text pasted into a file as published.
    /// The file is checked as `calendar check` does; a text that does not read cleanly is
    /// refused, naming the sentence, and nothing is written.
    #[command(after_help = "\
Examples:
  gongshi calendar import notice.txt                             print data/calendar/2027.toml
  gongshi calendar import notice.txt -o data/calendar/2027.toml  write it, then commit it")]
    Import {
        /// The notice's text (UTF-8 or GBK), copied from gov.cn or a news page.
        #[arg(value_name = "NOTICE")]
        notice: PathBuf,
        /// Write the calendar file here instead of printing it (it must not exist yet).
        #[arg(short = 'o', long = "output", value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Check a calendar file before adding it: every mistake, with what to fix.
    #[command(after_help = "\
Examples:
  gongshi calendar check data/calendar/2027.toml")]
    Check {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum LedgerCommand {
    /// Import the days results really went public before gongshi: a CSV with the columns id
    /// (or 任务编号) and published_on (or 公示日期), optionally kind (task or quarter) and
    /// late_reason. Every row is checked; all are added in one write, or none.
    #[command(after_help = "\
Examples:
  gongshi ledger import old-site.csv
  gongshi ledger --site bureau import history.csv

A file such as:
  任务编号,公示日期
  PS-2025-Q1-0001,2025-02-10
  PS-2025-Q1-0002,2025/2/14")]
    Import {
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Subcommand)]
enum DeadlineKind {
    /// Result deadlines for inspections that ended on these dates.
    #[command(after_help = "\
Examples:
  gongshi deadline task 2025-09-26            2025-10-28 (18 working days, not 国庆·中秋 10-01..08)
  gongshi deadline --site bureau task 2025/4/30 20250930")]
    Task {
        #[arg(required = true, value_name = "DATE")]
        dates: Vec<String>,
    },
    /// Summary deadlines for these quarters (2025Q1 ...).
    #[command(after_help = "\
Examples:
  gongshi deadline quarter 2025Q3         2025-10-13 (13 natural days after 09-30)
  gongshi deadline quarter 2025Q1 2025Q2")]
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
    /// Report format: on the terminal, or in the --report file.
    #[arg(long, value_enum)]
    format: Option<Format>,
    /// Write the report in --format to FILE (by its extension, .xml junit and .json json, when
    /// --format is not given); the terminal still gets the text report.
    #[arg(long, value_name = "FILE")]
    report: Option<PathBuf>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// The one-screen summary.
    Text,
    /// Every item, error and warning.
    Json,
    /// JUnit XML: a test case per task and quarter, violations as failures.
    Junit,
    /// GitHub Actions annotations at file and line, then the text.
    Github,
}

#[derive(Clone, Copy, ValueEnum)]
enum Color {
    Auto,
    Always,
    Never,
}

impl Color {
    fn on(self, stream_is_terminal: bool) -> bool {
        use gongshi::diagnostic::ColorChoice;
        let choice = match self {
            Color::Auto => ColorChoice::Auto,
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
        };
        gongshi::diagnostic::use_color(choice, stream_is_terminal)
    }
}

fn main() -> ExitCode {
    // A panic in the workbook reader is contained, and its file reported as unreadable: the
    // terminal is spared the reader's own message.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !gongshi::ingest::is_workbook_reader_panic(info) {
            default_hook(info);
        }
    }));
    let cli = Cli::parse();
    let color = cli.color;
    let site = match &cli.command {
        Command::Build { common, .. } | Command::Check { common } => Some(common.site.clone()),
        Command::Serve { site, .. }
        | Command::Deadline { site, .. }
        | Command::Calendar { site, .. }
        | Command::Ledger { site, .. }
        | Command::Withdraw { site, .. } => Some(site.clone()),
        _ => None,
    };
    match run(cli) {
        Ok(code) => code,
        Err(error) => {
            let colored = color.on(std::io::stderr().is_terminal());
            let excerpt = match (&error, &site) {
                (
                    Error::Input {
                        path,
                        line,
                        message,
                    },
                    Some(site),
                ) => gongshi::diagnostic::Diagnostics::new(site, colored).input_error(
                    &path.to_string_lossy(),
                    *line,
                    message,
                ),
                _ => None,
            };
            match excerpt {
                Some(block) => eprintln!("{block}"),
                None => eprintln!("error: {error}"),
            }
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode> {
    let color = cli.color;
    match cli.command {
        Command::Build {
            common,
            out,
            no_ledger,
        } => {
            let out = out.unwrap_or_else(|| common.site.join("public"));
            report(&common, Some(out), !no_ledger, color)
        }
        Command::Check { common } => report(&common, None, false, color),
        Command::Serve { site, port, as_of } => {
            let as_of = as_of.as_deref().map(parse_as_of).transpose()?;
            let work = tempfile::Builder::new()
                .prefix("gongshi-serve-")
                .tempdir()
                .map_err(|e| Error::io(std::env::temp_dir(), e))?;
            let path = work.path().to_path_buf();
            // Ctrl-C or a kill: the preview goes with the server.
            let _ = ctrlc::set_handler(move || {
                let _ = std::fs::remove_dir_all(&path);
                std::process::exit(0);
            });
            gongshi::serve::run(
                &gongshi::serve::Options {
                    site,
                    work: work.path().to_path_buf(),
                    port,
                    as_of,
                },
                &|line| eprintln!("{line}"),
            )?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Init { dir, as_of } => {
            let as_of = match as_of {
                Some(text) => parse_as_of(&text)?,
                None => gongshi::today()?,
            };
            let created = gongshi::scaffold::init(&dir, as_of)?;
            let mut text = format!("created {}:\n", dir.display());
            for file in created {
                text.push_str(&format!("  {file}\n"));
            }
            let site = dir.display();
            text.push_str(&format!(
                "\nnext:\n  gongshi serve --site {site}    preview it\n  \
                 gongshi ledger --site {site} import history.csv    results published before \
                 gongshi: their true dates, before the first build\n  \
                 gongshi build --site {site}    build it into {site}/public; commit \
                 data/published.csv and data/published-records.jsonl\n"
            ));
            emit(&text)?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Deadline { site, what } => deadlines(&site, what),
        Command::Ledger {
            site,
            command: LedgerCommand::Import { file },
        } => {
            let today = gongshi::today()?;
            match gongshi::ledger::import(&site, &file, today)? {
                Ok(imported) => {
                    emit(&format!(
                        "{}: {} first publication(s) imported from {}{}\n",
                        gongshi::ledger::LEDGER_FILE,
                        imported.added,
                        file.display(),
                        if imported.already > 0 {
                            format!(
                                " ({} already recorded with the same date)",
                                imported.already
                            )
                        } else {
                            String::new()
                        }
                    ))?;
                    Ok(ExitCode::SUCCESS)
                }
                Err(problems) => {
                    let mut out = String::new();
                    for problem in &problems {
                        out.push_str(&gongshi::report::problem_line(problem));
                        out.push('\n');
                    }
                    out.push_str(&format!(
                        "{} problem(s): nothing was imported; fix them and run the import again\n",
                        problems.len()
                    ));
                    emit(&out)?;
                    Ok(ExitCode::from(1))
                }
            }
        }
        Command::Withdraw { site, id, reason } => {
            let entry = gongshi::ledger::withdraw(&site, &id, &reason, gongshi::today()?)?;
            emit(&format!(
                "{}: task {} withdrawn on {}. Its page will say so (at the same address) from \
                 the next build, and it leaves the lists, the open data and the search. Build \
                 and commit {} to publish the change.\n",
                gongshi::ledger::LEDGER_FILE,
                entry.id,
                entry.published_on,
                gongshi::ledger::LEDGER_FILE
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Calendar { site, year, check } => calendar(&site, year, check),
        Command::Completions { shell } => {
            let mut out = Vec::new();
            clap_complete::generate(shell, &mut Cli::command(), "gongshi", &mut out);
            emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
        Command::Man { command } => {
            let cli = Cli::command();
            let page = match command {
                None => cli,
                Some(name) => {
                    let Some(sub) = cli.find_subcommand(&name) else {
                        return Err(Error::Usage(format!(
                            "man: no command {name}; the commands are: {}",
                            cli.get_subcommands()
                                .map(|c| c.get_name())
                                .collect::<Vec<_>>()
                                .join(", ")
                        )));
                    };
                    sub.clone()
                        .display_name(format!("gongshi-{name}"))
                        .bin_name(format!("gongshi {name}"))
                        .version(env!("CARGO_PKG_VERSION"))
                }
            };
            let mut out = Vec::new();
            clap_mangen::Man::new(page)
                .render(&mut out)
                .map_err(|e| Error::Usage(format!("writing the man page: {e}")))?;
            emit(&String::from_utf8_lossy(&out))?;
            Ok(ExitCode::SUCCESS)
        }
    }
}

fn parse_as_of(text: &str) -> Result<NaiveDate> {
    parse_date(text).map_err(|m| Error::Usage(format!("--as-of: {m}")))
}

fn calendar(
    site: &std::path::Path,
    year: Option<i32>,
    command: Option<CalendarCommand>,
) -> Result<ExitCode> {
    if let Some(CalendarCommand::Import { notice, output }) = command {
        return import_notice(&notice, output.as_deref());
    }
    if let Some(CalendarCommand::Check { file }) = command {
        let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
        let shown = file.display().to_string();
        return Ok(match gongshi::calendar::check(&shown, &text) {
            Ok(year) => {
                emit(&format!(
                    "{shown}: OK\n{}",
                    gongshi::calendar::describe(&year, &shown)
                ))?;
                ExitCode::SUCCESS
            }
            Err(findings) => {
                let mut out = String::new();
                for finding in &findings {
                    out.push_str(&format!("{shown}: {finding}\n"));
                }
                out.push_str(&format!(
                    "{} problem(s): fix them before adding the file to data/calendar/\n",
                    findings.len()
                ));
                emit(&out)?;
                ExitCode::from(1)
            }
        });
    }
    let calendar = Calendar::for_site(site)?;
    let text = match year {
        Some(year) => {
            let (Some(detail), Some(source)) = (
                calendar.year(year),
                calendar.years().find(|y| y.year == year),
            ) else {
                return Err(Error::MissingCalendarYear { year });
            };
            gongshi::calendar::describe(detail, &source.file)
        }
        None => calendar
            .years()
            .map(|y| format!("{}  {}  ({})\n", y.year, y.notice, y.file))
            .collect(),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `gongshi calendar import`: the notice read, the calendar file made and checked, then printed
/// or written.
fn import_notice(notice: &std::path::Path, output: Option<&std::path::Path>) -> Result<ExitCode> {
    let shown = notice.display().to_string();
    let bytes = std::fs::read(notice).map_err(|e| Error::io(notice, e))?;
    let (text, _) = gongshi::ingest::decode(&bytes)
        .map_err(|m| Error::Usage(format!("{shown}: {m}; save the notice as UTF-8 text")))?;
    let parsed = match gongshi::notice::parse(&text) {
        Ok(parsed) => parsed,
        Err(refusals) => {
            for refusal in &refusals {
                eprintln!("{shown}: {refusal}");
            }
            eprintln!(
                "{} sentence(s) could not be read with certainty: nothing was written. Check that \
                 the text is the whole notice as published (国务院办公厅关于YYYY年部分节假日安排的\
                 通知), or write data/calendar/YYYY.toml by hand (see `gongshi calendar check`)",
                refusals.len()
            );
            return Ok(ExitCode::from(1));
        }
    };
    let toml = gongshi::notice::to_toml(&parsed);
    let name = format!("{}.toml", parsed.year);
    let target = output.map_or(name.clone(), |o| o.display().to_string());
    let year = match gongshi::calendar::check(&target, &toml) {
        Ok(year) => year,
        Err(findings) => {
            for finding in &findings {
                eprintln!("{target}: {finding}");
            }
            eprintln!(
                "{} problem(s) in the calendar made from {shown}: nothing was written",
                findings.len()
            );
            return Ok(ExitCode::from(1));
        }
    };
    for skipped in &parsed.skipped {
        eprintln!("note: {skipped}");
    }
    let summary = gongshi::calendar::describe_from(&year, &format!("{target} (made from {shown})"));
    match output {
        None => {
            emit(&toml)?;
            eprint!("{summary}");
        }
        Some(path) => {
            if path.exists() && std::fs::read_to_string(path).ok().as_deref() != Some(toml.as_str())
            {
                return Err(Error::Usage(format!(
                    "{}: exists already; remove it first, or write elsewhere and compare",
                    path.display()
                )));
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            std::fs::write(path, &toml).map_err(|e| Error::io(path, e))?;
            emit(&format!(
                "{summary}wrote {}: compare it with the notice, then commit it\n",
                path.display()
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn report(
    common: &Common,
    out: Option<PathBuf>,
    write_ledger: bool,
    color: Color,
) -> Result<ExitCode> {
    let today = gongshi::today()?;
    let as_of = match &common.as_of {
        Some(text) => parse_as_of(text)?,
        None => today,
    };
    if write_ledger && gongshi::today_is_pinned() {
        eprintln!(
            "note: {} pins today to {today}: first publications are recorded with that date",
            gongshi::TODAY_VARIABLE
        );
    }
    let file_format = match (&common.report, common.format) {
        (None, _) => None,
        (Some(_), Some(format)) => Some(format),
        (Some(file), None) => Some(match file.extension().and_then(|e| e.to_str()) {
            Some("xml") => Format::Junit,
            Some("json") => Format::Json,
            Some("txt") => Format::Text,
            _ => {
                return Err(Error::Usage(format!(
                    "--report {}: say which format with --format junit, json, github or text",
                    file.display()
                )));
            }
        }),
    };
    let mut options = Options {
        site: common.site.clone(),
        out,
        as_of,
        today,
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
    let render = |format: Format, color: bool| match format {
        Format::Text => {
            let mut diagnostics = gongshi::diagnostic::Diagnostics::new(&common.site, color);
            report.to_text_with(&mut |problem| diagnostics.row_error(problem), color)
        }
        Format::Json => report.to_json() + "\n",
        Format::Junit => gongshi::ci::junit(&report),
        Format::Github => gongshi::ci::github(&report),
    };
    // On GitHub Actions, the run's summary page gets the report too.
    let wants_github = common.format == Some(Format::Github);
    if let (true, Some(summary)) = (wants_github, std::env::var_os("GITHUB_STEP_SUMMARY")) {
        use std::io::Write as _;
        let path = PathBuf::from(summary);
        std::fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(&path)
            .and_then(|mut file| file.write_all(gongshi::ci::github_summary(&report).as_bytes()))
            .map_err(|e| Error::io(&path, e))?;
    }
    let stdout_color = color.on(std::io::stdout().is_terminal());
    match (&common.report, file_format) {
        (Some(file), Some(format)) => {
            let text = render(format, false);
            std::fs::write(file, text).map_err(|e| Error::io(file, e))?;
            emit(&render(Format::Text, stdout_color))?;
        }
        _ => emit(&render(common.format.unwrap_or(Format::Text), stdout_color))?,
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
    // Every input is read before anything is printed: a typo is a usage error (exit 2).
    let mut asked: Vec<(String, Deadline)> = Vec::new();
    match what {
        DeadlineKind::Task { dates } => {
            let ends: Vec<NaiveDate> = dates
                .iter()
                .map(|text| parse_date(text).map_err(|m| Error::Usage(format!("{text}: {m}"))))
                .collect::<Result<_>>()?;
            for (text, end) in dates.into_iter().zip(ends) {
                asked.push((text, deadlines.task(end)?));
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
                Some(build::load(site, gongshi::today()?)?)
            } else {
                None
            };
            for (text, quarter) in quarters.into_iter().zip(parsed) {
                let last_end = loaded.as_ref().and_then(|l| {
                    l.assessment
                        .records
                        .iter()
                        .filter(|(r, _)| r.quarter() == Some(quarter))
                        .filter_map(|(r, _)| r.end)
                        .max()
                });
                asked.push((text, deadlines.quarter(quarter, last_end)?));
            }
        }
    }
    // Every deadline that is certain is printed; one that waits for a holiday notice is an
    // error line of its own.
    let mut text = String::new();
    let mut undecided = 0;
    for (input, deadline) in asked {
        match deadline {
            Deadline::On(day) => text.push_str(&format!("{day}\n")),
            Deadline::NotBefore { not_before, year } => {
                undecided += 1;
                eprintln!(
                    "error: {input}: the deadline depends on {year}'s holiday calendar, which is \
                     not added yet; it is not before {not_before}.\n  help: when the State Council's notice \
                     for {year} is out, run `gongshi calendar import NOTICE.txt -o \
                     data/calendar/{year}.toml`"
                );
            }
        }
    }
    emit(&text)?;
    Ok(if undecided > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
