//! `gongshi withdraw`: a published result taken down, saying why.

use std::path::Path;
use std::process::ExitCode;

use gongshi::Result;

use crate::cmd::emit;
use crate::settings::Settings;

pub fn run(site: &Path, id: &str, reason: &str, settings: &Settings) -> Result<ExitCode> {
    let entry = gongshi::ledger::withdraw(site, id, reason, settings.today()?)?;
    emit(&format!(
        "{}: task {} withdrawn on {}. Its page will say so (at the same address) from the next \
         build, and it leaves the lists, the open data and the search. Build and commit {} to \
         publish the change.\n",
        gongshi::ledger::LEDGER_FILE,
        entry.id,
        entry.published_on,
        gongshi::ledger::LEDGER_FILE
    ))?;
    Ok(ExitCode::SUCCESS)
}
