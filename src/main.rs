//! The `gongshi` command: parses arguments ([`cli`]), resolves them once ([`settings`]), runs
//! the subcommand ([`cmd`]) and reports the error that stopped it, if any. Exit codes: 0 clean,
//! 1 problems found, 2 fatal.

mod cli;
mod cmd;
mod progress;
mod settings;

use std::path::Path;
use std::process::ExitCode;

use clap::{CommandFactory, FromArgMatches};

use gongshi::Error;

use crate::cli::Cli;
use crate::settings::{Colors, Settings};

/// A build allocates many small strings on every thread; glibc's allocator spent a quarter of
/// the build's time on them (see README, "Benchmark").
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    // A panic in the workbook reader is contained, and its file reported as unreadable: the
    // terminal is spared the reader's own message.
    let default_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !gongshi::ingest::is_workbook_reader_panic(info) {
            default_hook(info);
        }
    }));
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    let language = cli::language_asked(&args);
    gongshi::i18n::set_language(language);
    let version: &'static str = Box::leak(gongshi::version_text().into_boxed_str());
    let command = cli::in_language(Cli::command().version(version), language);
    let matches = match command.try_get_matches_from(args) {
        Ok(matches) => matches,
        Err(error) => match cli::usage_error_in_chinese(&error) {
            Some(text) if language == gongshi::i18n::Language::Chinese => {
                eprint!("{text}");
                return ExitCode::from(2);
            }
            _ => error.exit(),
        },
    };
    let cli = match Cli::from_arg_matches(&matches) {
        Ok(cli) => cli,
        Err(error) => error.exit(),
    };
    let colors = Colors::resolve(cli.color);
    let site = cli.command.site().map(Path::to_path_buf);
    let outcome =
        Settings::resolve(&cli, colors).and_then(|settings| cmd::run(cli.command, &settings));
    match outcome {
        Ok(code) => code,
        Err(error) => {
            report_error(&error, site.as_deref(), colors.stderr);
            ExitCode::from(2)
        }
    }
}

/// The one place a fatal error is told: an error at a line of a task file with that line shown,
/// any other as `error: ...`.
fn report_error(error: &Error, site: Option<&Path>, colored: bool) {
    let excerpt = match (error, site) {
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
        None => eprintln!("{}", gongshi::tr!("error-line", error = error.to_string())),
    }
}
