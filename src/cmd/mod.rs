//! One file per subcommand (as mdBook does). Each takes its arguments and the resolved
//! [`Settings`], prints its output, and returns the exit code, or the error that stopped it
//! for `main` to report.

mod build;
mod calendar;
mod check;
mod completions;
mod deadline;
mod deploy;
mod init;
mod ledger;
mod man;
mod serve;
mod verify;
mod withdraw;

use std::process::ExitCode;

use gongshi::{Error, Result};

use crate::cli::Command;
use crate::settings::Settings;

pub fn run(command: Command, settings: &Settings) -> Result<ExitCode> {
    match command {
        Command::Build {
            common,
            out,
            no_ledger,
        } => build::run(&common, out, no_ledger, settings),
        Command::Check { common } => check::run(&common, settings),
        Command::Serve { site, port, .. } => serve::run(site, port, settings),
        Command::Init { dir, .. } => init::run(&dir, settings),
        Command::Deadline { site, what } => deadline::run(&site, what, settings),
        Command::Calendar { site, year, check } => calendar::run(&site, year, check),
        Command::Ledger { site, command } => ledger::run(&site, command, settings),
        Command::Withdraw { site, id, reason } => withdraw::run(&site, &id, &reason, settings),
        Command::Deploy {
            site,
            out,
            to,
            dry_run,
        } => deploy::run(&site, out, &to, dry_run),
        Command::Verify {
            site,
            url,
            format,
            jobs,
            timeout,
            wait,
            ..
        } => {
            let options = gongshi::verify::Options {
                jobs: usize::from(jobs),
                timeout: std::time::Duration::from_secs(timeout),
                wait: std::time::Duration::from_secs(wait),
            };
            verify::run(&site, url.as_deref(), format, &options, settings)
        }
        Command::Completions { shell } => completions::run(shell),
        Command::Man { command } => man::run(command),
    }
}

/// Writes to stdout. A reader that went away (`gongshi check | head`) is no error: the exit
/// code still tells the outcome.
pub fn emit(text: &str) -> Result<()> {
    use std::io::Write as _;
    let mut stdout = std::io::stdout().lock();
    match stdout
        .write_all(text.as_bytes())
        .and_then(|()| stdout.flush())
    {
        Err(e) if e.kind() != std::io::ErrorKind::BrokenPipe => Err(Error::Usage(gongshi::tr!(
            "emit-failed",
            error = e.to_string()
        ))),
        _ => Ok(()),
    }
}
