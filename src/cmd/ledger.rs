//! `gongshi ledger import`: the history of a site run before gongshi, into the ledger.

use std::path::Path;
use std::process::ExitCode;

use gongshi::Result;

use crate::cli::LedgerCommand;
use crate::cmd::emit;
use crate::settings::Settings;

pub fn run(site: &Path, command: LedgerCommand, settings: &Settings) -> Result<ExitCode> {
    let LedgerCommand::Import { file } = command;
    match gongshi::ledger::import(site, &file, settings.today()?)? {
        Ok(imported) => {
            emit(&format!(
                "{}: {} first publication(s) imported from {}{}\n",
                gongshi::ledger::LEDGER_FILE,
                imported.added,
                file.display(),
                if imported.already > 0 {
                    format!(
                        " ({} already recorded with the same date)",
                        imported.already
                    )
                } else {
                    String::new()
                }
            ))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            let mut out = String::new();
            for problem in &problems {
                out.push_str(&gongshi::report::problem_line(problem));
                out.push('\n');
            }
            out.push_str(&format!(
                "{} problem(s): nothing was imported; fix them and run the import again\n",
                problems.len()
            ));
            emit(&out)?;
            Ok(ExitCode::from(1))
        }
    }
}
