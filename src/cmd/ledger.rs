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
            let mut text = gongshi::tr!(
                "ledger-imported",
                ledger = gongshi::ledger::LEDGER_FILE,
                count = imported.added,
                file = file.display()
            );
            if imported.already > 0 {
                text += &gongshi::tr!("ledger-imported-already", count = imported.already);
            }
            emit(&(text + "\n"))?;
            Ok(ExitCode::SUCCESS)
        }
        Err(problems) => {
            let mut out = String::new();
            for problem in &problems {
                out.push_str(&gongshi::report::problem_line(problem));
                out.push('\n');
            }
            out.push_str(&gongshi::tr!(
                "ledger-import-refused",
                count = problems.len()
            ));
            out.push('\n');
            emit(&out)?;
            Ok(ExitCode::from(1))
        }
    }
}
