//! `gongshi withdraw`: a published result taken down, saying why.

use std::path::Path;
use std::process::ExitCode;

use gongshi::Result;

use crate::cmd::emit;
use crate::settings::Settings;

pub fn run(site: &Path, id: &str, reason: &str, settings: &Settings) -> Result<ExitCode> {
    let entry = gongshi::ledger::withdraw(site, id, reason, settings.today()?)?;
    emit(
        &(gongshi::tr!(
            "withdraw-done",
            ledger = gongshi::ledger::LEDGER_FILE,
            id = &entry.id,
            on = entry.published_on
        ) + "\n"),
    )?;
    Ok(ExitCode::SUCCESS)
}
