//! `gongshi verify`: whether the deploy is live, page by page, against the site as built.

use std::path::Path;
use std::process::ExitCode;

use gongshi::Result;
use gongshi::verify::{self, Options};

use crate::cli::VerifyFormat;
use crate::cmd::emit;
use crate::progress::TerminalProgress;
use crate::settings::Settings;

/// Missing and stale pages the text report lists, each; `--format json` lists every one.
const SHOWN: usize = 20;

pub fn run(
    site: &Path,
    url: Option<&str>,
    format: VerifyFormat,
    options: &Options,
    settings: &Settings,
) -> Result<ExitCode> {
    let expected = verify::expected(site, settings.as_of()?)?;
    let url = verify::address(url, &expected.base_url)?;
    let verification = verify::verify(&url, &expected, options, &TerminalProgress::new())?;
    emit(&match format {
        VerifyFormat::Text => verification.to_text(SHOWN),
        VerifyFormat::Json => verification.to_json(),
    })?;
    Ok(if verification.has_problems() {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
