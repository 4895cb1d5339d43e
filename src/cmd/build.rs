//! `gongshi build`: the site built, and the deadline report printed.

use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Instant;

use gongshi::build::{self, BuildOptions};
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
/// code says whether it found problems.
pub fn report(
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
    Ok(if report.has_problems() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
