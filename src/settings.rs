//! What the command line asks for, resolved once before any command runs: the day (as-of and
//! today), colour, where the report goes, and whether to wait for another build's lock.

use std::io::IsTerminal;
use std::path::PathBuf;

use chrono::NaiveDate;

use gongshi::report_format::ReportFormat;
use gongshi::{AsOf, Error, Result};

use crate::cli::{Cli, Color, Command, Common, Format};

pub struct Settings {
    /// `--as-of`, or today.
    pub as_of: AsOf,
    /// Today in China, when the command needs it whatever the as-of (a build, to record
    /// publications); other commands work it out when they need it ([`Settings::today`]).
    today: Option<NaiveDate>,
    pub colors: Colors,
    /// `build` and `check`: where the report goes, in which formats.
    pub reports: ReportOutputs,
    /// A build waits for another build of the site to finish (saying so) rather than fail.
    pub wait_for_lock: bool,
    /// `build` and `check`: `--notify`, each with the shape it is sent.
    pub notify: Vec<gongshi::notify::Hook>,
}

/// Whether to colour each stream.
#[derive(Clone, Copy)]
pub struct Colors {
    pub stdout: bool,
    pub stderr: bool,
}

impl Colors {
    pub fn resolve(color: Color) -> Colors {
        use gongshi::diagnostic::ColorChoice;
        let choice = match color {
            Color::Auto => ColorChoice::Auto,
            Color::Always => ColorChoice::Always,
            Color::Never => ColorChoice::Never,
        };
        let on = |terminal| gongshi::diagnostic::use_color(choice, terminal);
        Colors {
            stdout: on(std::io::stdout().is_terminal()),
            stderr: on(std::io::stderr().is_terminal()),
        }
    }
}

/// Where a report goes.
pub struct ReportOutputs {
    /// The format printed on stdout (text when a `--report` file is written).
    pub stdout: ReportFormat,
    /// `--report`, in its format.
    pub file: Option<(PathBuf, ReportFormat)>,
    /// `$GITHUB_STEP_SUMMARY` with `--format github`: the run's summary page gets the report too.
    pub step_summary: Option<PathBuf>,
}

impl ReportOutputs {
    fn resolve(common: &Common) -> Result<ReportOutputs> {
        let format = common.format.map(report_format);
        let file = match &common.report {
            None => None,
            Some(file) => match format.or_else(|| ReportFormat::for_file(file)) {
                Some(format) => Some((file.clone(), format)),
                None => {
                    return Err(Error::Usage(gongshi::tr!(
                        "settings-report-format",
                        file = file.display().to_string()
                    )));
                }
            },
        };
        let stdout = match file {
            Some(_) => ReportFormat::Text,
            None => format.unwrap_or(ReportFormat::Text),
        };
        let step_summary = (format == Some(ReportFormat::Github))
            .then(|| std::env::var_os("GITHUB_STEP_SUMMARY").map(PathBuf::from))
            .flatten();
        Ok(ReportOutputs {
            stdout,
            file,
            step_summary,
        })
    }
}

impl Default for ReportOutputs {
    /// The text on stdout, and nothing else.
    fn default() -> Self {
        ReportOutputs {
            stdout: ReportFormat::Text,
            file: None,
            step_summary: None,
        }
    }
}

fn report_format(format: Format) -> ReportFormat {
    match format {
        Format::Text => ReportFormat::Text,
        Format::Json => ReportFormat::Json,
        Format::Junit => ReportFormat::Junit,
        Format::Github => ReportFormat::Github,
    }
}

impl Settings {
    /// Resolves the command line, in the order its errors have always been told: today, then
    /// `--as-of`, then the report file's format.
    pub fn resolve(cli: &Cli, colors: Colors) -> Result<Settings> {
        let mut settings = Settings {
            as_of: AsOf::Today,
            today: None,
            colors,
            reports: ReportOutputs::default(),
            wait_for_lock: false,
            notify: Vec::new(),
        };
        match &cli.command {
            Command::Build {
                common, no_ledger, ..
            } => {
                settings.resolve_report(common)?;
                settings.wait_for_lock = true;
                if !no_ledger && gongshi::today_is_pinned() {
                    // Said before the report file's format is worked out, as it always was.
                    eprintln!(
                        "note: {} pins today to {}: first publications are recorded with that \
                         date",
                        gongshi::TODAY_VARIABLE,
                        settings.today()?
                    );
                }
                settings.reports = ReportOutputs::resolve(common)?;
            }
            Command::Check { common } => {
                settings.resolve_report(common)?;
                settings.reports = ReportOutputs::resolve(common)?;
            }
            Command::Serve { as_of, .. }
            | Command::Init { as_of, .. }
            | Command::Verify { as_of, .. } => {
                settings.as_of = AsOf::from_arg(as_of.as_deref())?;
            }
            _ => {}
        }
        Ok(settings)
    }

    /// Today, then the as-of day, for a report.
    fn resolve_report(&mut self, common: &Common) -> Result<()> {
        self.today = Some(gongshi::today()?);
        self.as_of = AsOf::from_arg(common.as_of.as_deref())?;
        self.notify = common
            .notify
            .iter()
            .map(|url| gongshi::notify::Hook::parse(url))
            .collect::<Result<_>>()?;
        Ok(())
    }

    /// Today in China.
    pub fn today(&self) -> Result<NaiveDate> {
        match self.today {
            Some(today) => Ok(today),
            None => gongshi::today(),
        }
    }

    /// The day to check against: `--as-of`, or today.
    pub fn as_of(&self) -> Result<NaiveDate> {
        match self.as_of {
            AsOf::Day(day) => Ok(day),
            AsOf::Today => self.today(),
        }
    }
}
