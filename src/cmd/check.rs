//! `gongshi check`: the deadline report as a build would print it, writing nothing. The theme
//! and content are loaded and the site modelled too, so that what fails a build fails a check.

use std::process::ExitCode;

use gongshi::Result;

use crate::cli::Common;
use crate::settings::Settings;

pub fn run(common: &Common, settings: &Settings) -> Result<ExitCode> {
    super::build::report(common, None, false, settings)
}
