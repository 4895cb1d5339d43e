//! The command line, declared: every subcommand, argument and help text. Nothing here runs;
//! [`crate::settings`] resolves what is asked, and [`crate::cmd`] does it.

use std::path::{Path, PathBuf};

use clap::{Args, Parser, Subcommand, ValueEnum};
use gongshi::i18n::{self, Language};

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
  gongshi deploy --to /mnt/cms/zhuanti/gongshi   copy what changed to the web server
  gongshi verify --url https://sthjj.example.gov.cn/gongshi/   after the deploy: is it live?

Exit codes: 0 clean, 1 problems found (a missed deadline or an invalid row), 2 fatal.";

#[derive(Parser)]
#[command(
    name = "gongshi",
    version,
    about = "Builds the 双随机、一公开 disclosure site and checks every disclosure deadline",
    after_help = EXAMPLES
)]
pub struct Cli {
    /// When to colour the output: on a terminal unless NO_COLOR is set (auto), always, never.
    #[arg(long, global = true, value_enum, default_value_t = Color::Auto, value_name = "WHEN")]
    pub color: Color,
    /// The language of messages, reports and help: zh-CN or en [default: from LC_ALL,
    /// LC_MESSAGES or LANG; Chinese when it is zh_*].
    #[arg(long, global = true, value_name = "LANG", value_parser = parse_language)]
    pub lang: Option<Language>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Build the site and print the deadline report.
    #[command(after_help = "\
Examples:
  gongshi build                                     the site in ., into ./public
  gongshi build --site bureau --out /srv/www/shuangsuiji
  gongshi build --format junit --report report.xml  JUnit to the file, text to the terminal
  gongshi build --format github                     annotations for GitHub Actions
  gongshi build --no-ledger --as-of 2025-12-01      a preview of a day, recording nothing
  gongshi build --notify \"https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=KEY\"")]
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
        what: DeadlineCommand,
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
    /// Publish the built site: copy the files that changed to a folder (local or mounted),
    /// through rsync or over SFTP, the indexes last, then remove the files gongshi put there before and no
    /// longer builds (never any other). A manifest at the destination (.gongshi-deploy) says
    /// what is there. Exit 2 when the deploy fails (what was copied stays; run it again).
    #[command(after_help = "\
Examples:
  gongshi deploy --to /mnt/cms/zhuanti/gongshi            a local or mounted folder
  gongshi deploy --to web@www.example.gov.cn:/srv/www/gongshi   rsync over ssh
  gongshi deploy --to rsync:/srv/www/gongshi              rsync to a local folder
  gongshi deploy --to rsync://backup.example/www/gongshi  an rsync daemon
  gongshi deploy --to sftp://web@www.example.gov.cn/srv/www/gongshi   SFTP (a key, no password)
  gongshi deploy --to /mnt/cms/zhuanti/gongshi --dry-run  what it would copy and remove")]
    Deploy {
        /// The site folder (its lock keeps a build from running during the deploy).
        #[arg(long, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        /// The built site [default: <site>/public].
        #[arg(long, value_name = "DIR")]
        out: Option<PathBuf>,
        /// Where to: a folder; rsync:DEST, host:path or rsync://host/module/path for rsync;
        /// sftp://[user@]host[:port]/path for SFTP.
        #[arg(long, value_name = "TARGET")]
        to: String,
        /// Say what would be copied and removed, and do nothing.
        #[arg(long)]
        dry_run: bool,
    },
    /// Check that the deploy is live: every result and quarter summary the ledger says is
    /// published, and the home page, must answer 200 with this build's page (each page carries
    /// its fingerprint). Run it right after the deploy, and commit the ledger only when it
    /// passes. Exit 1 when a page is missing or stale, 2 when the site cannot be reached.
    #[command(after_help = "\
Examples:
  gongshi verify --url https://sthjj.example.gov.cn/gongshi/
  gongshi verify                        the address in gongshi.toml ([site] base_url)
  gongshi verify --url \"$PAGE_URL\" --wait 300   in CI: give the deployment 5 minutes
  gongshi verify --format json | jq '.missing[].url'")]
    Verify {
        /// The site folder, as the build read it (with the ledger it wrote).
        #[arg(long, value_name = "DIR", default_value = ".")]
        site: PathBuf,
        /// The site's public address, as citizens open it [default: [site] base_url].
        #[arg(long, value_name = "URL")]
        url: Option<String>,
        /// The day the build was for [default: today in Asia/Shanghai].
        #[arg(long, value_name = "DATE")]
        as_of: Option<String>,
        /// text: the counts and the first problems; json: every page that is not live.
        #[arg(long, value_enum, default_value_t = VerifyFormat::Text)]
        format: VerifyFormat,
        /// Pages fetched at once.
        #[arg(long, value_name = "N", default_value_t = 8, value_parser = clap::value_parser!(u16).range(1..=256))]
        jobs: u16,
        /// The longest one page may take to answer, in seconds.
        #[arg(long, value_name = "SECONDS", default_value_t = 30, value_parser = clap::value_parser!(u64).range(1..))]
        timeout: u64,
        /// Keep checking the pages not live yet, every 10 seconds, for up to this many seconds
        /// (a deployment or a CDN that takes a while); 0 checks once.
        #[arg(long, value_name = "SECONDS", default_value_t = 0)]
        wait: u64,
    },
    /// Print a shell completion script.
    #[command(after_help = "\
Examples:
  gongshi completions bash > ~/.local/share/bash-completion/completions/gongshi
  gongshi completions zsh > ~/.zfunc/_gongshi
  gongshi completions fish > ~/.config/fish/completions/gongshi.fish")]
    Completions {
        /// The shell.
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
pub enum CalendarCommand {
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
        /// The calendar file.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum LedgerCommand {
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
        /// The CSV file to import.
        #[arg(value_name = "FILE")]
        file: PathBuf,
    },
}

#[derive(Subcommand)]
pub enum DeadlineCommand {
    /// Result deadlines for inspections that ended on these dates.
    #[command(after_help = "\
Examples:
  gongshi deadline task 2025-09-26            2025-10-28 (18 working days, not 国庆·中秋 10-01..08)
  gongshi deadline --site bureau task 2025/4/30 20250930")]
    Task {
        /// The days the inspections ended.
        #[arg(required = true, value_name = "DATE")]
        dates: Vec<String>,
    },
    /// Summary deadlines for these quarters (2025Q1 ...). A quarter whose period set none
    /// (quarter_summary = false) gets an error line instead, and exit code 1.
    #[command(after_help = "\
Examples:
  gongshi deadline quarter 2025Q3         2025-10-13 (13 natural days after 09-30)
  gongshi deadline quarter 2025Q1 2025Q2")]
    Quarter {
        /// The quarters.
        #[arg(required = true, value_name = "QUARTER")]
        quarters: Vec<String>,
    },
}

#[derive(Args)]
pub struct Common {
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub site: PathBuf,
    /// The day to check against [default: today in Asia/Shanghai].
    #[arg(long, value_name = "DATE")]
    pub as_of: Option<String>,
    /// Report format: on the terminal, or in the --report file.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Write the report in --format to FILE (by its extension, .xml junit and .json json, when
    /// --format is not given); the terminal still gets the text report.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
    /// POST a short message in Chinese here on a missed deadline, an invalid row, a missing
    /// holiday calendar or a failure (repeatable): a 企业微信 or 钉钉 robot's webhook, or any
    /// address that takes JSON. A notification that fails is a warning only.
    #[arg(long, value_name = "URL")]
    pub notify: Vec<String>,
}

#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// The one-screen summary.
    Text,
    /// Every item, error and warning.
    Json,
    /// JUnit XML: a test case per task and quarter, violations as failures.
    Junit,
    /// GitHub Actions annotations at file and line, then the text.
    Github,
}

/// `gongshi verify`'s report.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum VerifyFormat {
    /// The counts, the first 20 missing and stale pages, and the verdict.
    Text,
    /// Every page that is not live, with its address, status and fingerprints.
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
pub enum Color {
    Auto,
    Always,
    Never,
}

impl Command {
    /// The site folder the command works on, if any.
    pub fn site(&self) -> Option<&Path> {
        match self {
            Command::Build { common, .. } | Command::Check { common } => Some(&common.site),
            Command::Serve { site, .. }
            | Command::Deadline { site, .. }
            | Command::Calendar { site, .. }
            | Command::Ledger { site, .. }
            | Command::Withdraw { site, .. }
            | Command::Deploy { site, .. }
            | Command::Verify { site, .. } => Some(site),
            Command::Init { .. } | Command::Completions { .. } | Command::Man { .. } => None,
        }
    }
}

fn parse_language(tag: &str) -> Result<Language, String> {
    Language::parse(tag).ok_or_else(|| gongshi::tr!("cli-unknown-language", tag = tag))
}

/// The language asked for: `--lang` anywhere on the command line (read before clap parses it,
/// as the help must already be in that language), else the locale.
pub fn language_asked(args: &[std::ffi::OsString]) -> Language {
    let mut args = args.iter().skip(1).map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        let tag = match arg.strip_prefix("--lang") {
            Some("") => args.next().map(|v| v.into_owned()),
            Some(rest) => rest.strip_prefix('=').map(str::to_string),
            None => None,
        };
        if let Some(language) = tag.as_deref().and_then(Language::parse) {
            return language;
        }
    }
    Language::from_environment()
}

/// The command line with its help in `language`. English is the doc comments above; other
/// languages come from `locales/<lang>/cli.ftl`, by the command's path and the argument's id
/// (`cli-build-no-ledger`; `cli-arg-site` for an argument many commands share).
pub fn in_language(mut command: clap::Command, language: Language) -> clap::Command {
    if language == Language::English {
        return command;
    }
    // Built, the command has its --help and --version and the global arguments of each
    // subcommand, so that they are translated too.
    command.build();
    localize(command, "gongshi", language)
}

/// The key of a command's about: `cli-gongshi-build`; `help`'s own subcommands say what the
/// command they are named after says.
fn about_key(path: &str) -> Option<String> {
    if path.ends_with("-help") {
        return Some("cli-help-command".to_string());
    }
    Some(format!("cli-{}", path.replace("-help-", "-")))
}

fn localize(mut command: clap::Command, path: &str, language: Language) -> clap::Command {
    let text = |key: &str| i18n::lookup(language, key);
    if let Some(about) = about_key(path).and_then(|key| text(&key)) {
        command = command.about(about).long_about(None);
    }
    if let Some(examples) = text(&format!("cli-{path}-examples")) {
        command = command.after_help(examples).after_long_help(None);
    }
    command = command
        .help_template(i18n::message(language, "cli-help-template", &[]))
        .subcommand_help_heading(i18n::message(language, "cli-heading-commands", &[]));
    let arguments: Vec<(String, bool, Vec<String>, Vec<String>)> = command
        .get_arguments()
        .map(|arg| {
            let values = arg
                .get_possible_values()
                .iter()
                .filter(|v| !v.is_hide_set())
                .map(|v| v.get_name().to_string())
                .collect();
            let defaults = arg
                .get_default_values()
                .iter()
                .map(|v| v.to_string_lossy().into_owned())
                .collect();
            (
                arg.get_id().to_string(),
                arg.is_positional(),
                values,
                defaults,
            )
        })
        .collect();
    for (id, positional, values, defaults) in arguments {
        let key = id.replace('_', "-");
        let help = text(&format!("cli-{path}--{key}"))
            .or_else(|| text(&format!("cli--{key}")))
            .map(|mut help| {
                // clap's own "[default: …]" and "[possible values: …]" are English.
                if !values.is_empty() && !values.iter().all(|v| help.contains(v.as_str())) {
                    let values = values.join(", ");
                    help += &i18n::message(language, "cli-values", &[("values", values.into())]);
                }
                if !defaults.is_empty() && !help.contains("［") {
                    let default = defaults.join(", ");
                    help += &i18n::message(language, "cli-default", &[("default", default.into())]);
                }
                help
            });
        let heading = if positional {
            "cli-heading-arguments"
        } else {
            "cli-heading-options"
        };
        let heading = i18n::message(language, heading, &[]);
        command = command.mut_arg(id.as_str(), |arg| {
            let arg = arg.help_heading(heading);
            match help {
                // The values are listed in the translated help itself.
                Some(help) => arg
                    .help(help)
                    .long_help(None)
                    .hide_possible_values(true)
                    .hide_default_value(true),
                None => arg,
            }
        });
    }
    let subcommands: Vec<String> = command
        .get_subcommands()
        .map(|c| c.get_name().to_string())
        .collect();
    for name in subcommands {
        let sub_path = format!("{path}-{name}");
        command = command.mut_subcommand(name.as_str(), |sub| localize(sub, &sub_path, language));
    }
    command
}

/// A usage error (unknown argument or subcommand, a value not among those allowed, a missing
/// argument) in Chinese, with clap's own usage line; `None` for the rarer kinds, which clap says
/// in English.
pub fn usage_error_in_chinese(error: &clap::Error) -> Option<String> {
    use clap::error::{ContextKind, ErrorKind};
    let context = |kind| {
        error.get(kind).map(|value| match value {
            clap::error::ContextValue::Strings(items) => items.join("、"),
            other => other.to_string(),
        })
    };
    let chinese = Language::Chinese;
    let arg = context(ContextKind::InvalidArg).unwrap_or_default();
    let (said, tip) = match error.kind() {
        ErrorKind::UnknownArgument => (
            i18n::message(
                chinese,
                "usage-unknown-argument",
                &[("arg", arg.as_str().into())],
            ),
            context(ContextKind::SuggestedArg),
        ),
        ErrorKind::InvalidSubcommand => (
            i18n::message(
                chinese,
                "usage-unknown-subcommand",
                &[(
                    "command",
                    context(ContextKind::InvalidSubcommand)
                        .unwrap_or_default()
                        .into(),
                )],
            ),
            context(ContextKind::SuggestedSubcommand),
        ),
        ErrorKind::InvalidValue => {
            let value = context(ContextKind::InvalidValue).unwrap_or_default();
            let mut said = i18n::message(
                chinese,
                "usage-invalid-value",
                &[("arg", arg.as_str().into()), ("value", value.into())],
            );
            if let Some(valid) = context(ContextKind::ValidValue) {
                said.push_str(&i18n::message(
                    chinese,
                    "usage-valid-values",
                    &[("values", valid.into())],
                ));
            }
            (said, None)
        }
        ErrorKind::MissingRequiredArgument => (
            i18n::message(chinese, "usage-missing-argument", &[("arg", arg.into())]),
            None,
        ),
        ErrorKind::ArgumentConflict => (
            i18n::message(
                chinese,
                "usage-conflict",
                &[
                    ("arg", arg.into()),
                    (
                        "other",
                        context(ContextKind::PriorArg).unwrap_or_default().into(),
                    ),
                ],
            ),
            None,
        ),
        _ => return None,
    };
    let rendered = error.render().to_string();
    let usage = rendered
        .lines()
        .find_map(|line| line.strip_prefix("Usage: "))
        .map(|usage| i18n::message(chinese, "usage-line", &[("usage", usage.into())]));
    let mut text = i18n::message(chinese, "error-line", &[("error", said.into())]);
    text.push('\n');
    if let Some(tip) = tip {
        text.push_str(&i18n::message(
            chinese,
            "usage-tip",
            &[("similar", tip.into())],
        ));
        text.push('\n');
    }
    if let Some(usage) = usage {
        text.push('\n');
        text.push_str(&usage);
        text.push('\n');
    }
    text.push('\n');
    text.push_str(&i18n::message(chinese, "usage-more", &[]));
    text.push('\n');
    Some(text)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    /// Every help text of the command line, by its key: (key, English help).
    fn help_texts() -> Vec<(Vec<String>, String)> {
        fn walk(command: &clap::Command, path: &str, out: &mut Vec<(Vec<String>, String)>) {
            if let Some(about) = command.get_about() {
                out.push((about_key(path).into_iter().collect(), about.to_string()));
            }
            if let Some(examples) = command.get_after_help() {
                out.push((vec![format!("cli-{path}-examples")], examples.to_string()));
            }
            for arg in command.get_arguments() {
                if let Some(help) = arg.get_help() {
                    let key = arg.get_id().as_str().replace('_', "-");
                    out.push((
                        vec![format!("cli-{path}--{key}"), format!("cli--{key}")],
                        help.to_string(),
                    ));
                }
            }
            for sub in command.get_subcommands() {
                walk(sub, &format!("{path}-{}", sub.get_name()), out);
            }
        }
        let mut command = Cli::command();
        command.build();
        let mut out = Vec::new();
        walk(&command, "gongshi", &mut out);
        out
    }

    #[test]
    fn every_help_text_is_in_chinese() {
        let missing: Vec<String> = help_texts()
            .into_iter()
            .filter(|(keys, _)| {
                !keys
                    .iter()
                    .any(|key| i18n::lookup(Language::Chinese, key).is_some())
            })
            .map(|(keys, english)| format!("{} = {english}", keys[0]))
            .collect();
        assert!(
            missing.is_empty(),
            "help without Chinese in locales/zh-CN/cli.ftl:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn every_chinese_help_text_belongs_to_something() {
        let keys: std::collections::HashSet<String> = help_texts()
            .into_iter()
            .flat_map(|(keys, _)| keys)
            .collect();
        let (_, text) = Language::Chinese
            .sources()
            .iter()
            .find(|(file, _)| *file == "cli.ftl")
            .expect("cli.ftl");
        let stale: Vec<&str> = text
            .lines()
            .filter_map(|line| line.split_once(" = ").map(|(id, _)| id.trim()))
            .filter(|id| id.starts_with("cli-gongshi") || id.starts_with("cli--"))
            .filter(|id| !keys.contains(*id))
            .collect();
        assert!(stale.is_empty(), "translations of no help text: {stale:?}");
    }

    #[test]
    fn the_help_is_chinese_when_asked() {
        let mut command = in_language(Cli::command(), Language::Chinese);
        let help = command.render_help().to_string();
        assert!(help.contains("用法"), "{help}");
        assert!(help.contains("构建"), "{help}");
        let build = command
            .find_subcommand_mut("build")
            .expect("build")
            .render_help()
            .to_string();
        assert!(build.contains("--no-ledger"), "{build}");
        assert!(!build.contains("Do not record"), "{build}");
    }

    #[test]
    fn lang_is_read_before_parsing() {
        let args = |a: &[&str]| -> Vec<std::ffi::OsString> {
            a.iter().map(std::ffi::OsString::from).collect()
        };
        assert_eq!(
            language_asked(&args(&["gongshi", "build", "--lang", "zh-CN"])),
            Language::Chinese
        );
        assert_eq!(
            language_asked(&args(&["gongshi", "--lang=en", "build"])),
            Language::English
        );
    }
}
