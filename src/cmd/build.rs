//! `gongshi build`: the site built, and the deadline report printed.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use gongshi::build::{self, BuildOptions};
use gongshi::notify::Message;
use gongshi::{Error, Result};

use crate::cli::Common;
use crate::cmd::emit;
use crate::progress::TerminalProgress;
use crate::settings::Settings;

pub fn run(
    common: &Common,
    out: Option<PathBuf>,
    no_ledger: bool,
    settings: &Settings,
) -> Result<ExitCode> {
    let out = out.unwrap_or_else(|| common.site.join("public"));
    report(common, Some(out), !no_ledger, settings)
}

/// Builds (or with `out` `None`, checks) and prints the report where the settings say; the exit
/// code says whether it found problems. With `--notify`, a report with something to tell, or a
/// failure, is sent too.
pub fn report(
    common: &Common,
    out: Option<PathBuf>,
    write_ledger: bool,
    settings: &Settings,
) -> Result<ExitCode> {
    let command = if out.is_some() { "build" } else { "check" };
    let outcome = build_and_report(common, out, write_ledger, settings);
    if let Err(error) = &outcome
        && !settings.notify.is_empty()
    {
        let as_of = settings.as_of().unwrap_or_default();
        let message = Message::for_failure(
            &site_title(&common.site),
            as_of,
            command,
            &error.to_string(),
        );
        notify(&message, settings);
    }
    outcome
}

/// The site's title for a notification, or its folder when the configuration cannot be read.
fn site_title(site: &Path) -> String {
    gongshi::config::Config::load(site)
        .map(|config| config.site.title)
        .ok()
        .filter(|title| !title.trim().is_empty())
        .unwrap_or_else(|| site.display().to_string())
}

/// Sends the message to every `--notify` address; one that fails is a warning.
fn notify(message: &Message, settings: &Settings) {
    for hook in &settings.notify {
        if let Err(why) = gongshi::notify::send(hook, message, gongshi::notify::TIMEOUT) {
            eprintln!(
                "{}",
                gongshi::tr!(
                    "build-notify-failed",
                    url = redact(&hook.url),
                    why = why.to_string()
                )
            );
        }
    }
}

/// A webhook's address without its query (the robot's key or token).
fn redact(url: &str) -> String {
    match url.split_once('?') {
        Some((base, _)) => format!("{base}?…"),
        None => url.to_string(),
    }
}

fn build_and_report(
    common: &Common,
    out: Option<PathBuf>,
    write_ledger: bool,
    settings: &Settings,
) -> Result<ExitCode> {
    let options = BuildOptions {
        site: common.site.clone(),
        out,
        as_of: settings.as_of()?,
        today: settings.today()?,
        write_ledger,
        wait_for_lock: settings.wait_for_lock,
    };
    let started = Instant::now();
    let outcome = build::run_with(&options, &TerminalProgress::new())?;
    if let (Some(stats), Some(out)) = (&outcome.written, &options.out) {
        let extra = if stats.removed > 0 {
            gongshi::tr!("build-written-removed", count = stats.removed)
        } else if stats.inputs_unchanged {
            gongshi::tr!("build-written-inputs-unchanged")
        } else {
            String::new()
        };
        eprintln!(
            "{}",
            gongshi::tr!(
                "build-written",
                out = out.display(),
                files = stats.files,
                written = stats.written,
                unchanged = stats.unchanged,
                extra = extra,
                seconds = format!("{:.1}", started.elapsed().as_secs_f64())
            )
        );
    }
    let report = outcome.report;
    let outputs = &settings.reports;
    if let Some(path) = &outputs.step_summary {
        gongshi::ci::append_step_summary(&report, path)?;
    }
    if let Some((file, format)) = &outputs.file {
        let text = format.render(&report, &common.site, false);
        std::fs::write(file, text).map_err(|e| Error::io(file, e))?;
    }
    emit(
        &outputs
            .stdout
            .render(&report, &common.site, settings.colors.stdout),
    )?;
    if !settings.notify.is_empty()
        && let Some(message) = Message::for_report(&report, &site_title(&common.site))
    {
        notify(&message, settings);
    }
    Ok(if report.has_problems() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
