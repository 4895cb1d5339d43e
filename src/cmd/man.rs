//! `gongshi man`: the man page, gongshi's or one command's.

use std::process::ExitCode;

use clap::CommandFactory;
use gongshi::{Error, Result};

use crate::cli::Cli;
use crate::cmd::emit;

pub fn run(command: Option<String>) -> Result<ExitCode> {
    let cli = Cli::command();
    let page = match command {
        None => cli,
        Some(name) => {
            let Some(sub) = cli.find_subcommand(&name) else {
                return Err(Error::Usage(format!(
                    "man: no command {name}; the commands are: {}",
                    cli.get_subcommands()
                        .map(|c| c.get_name())
                        .collect::<Vec<_>>()
                        .join(", ")
                )));
            };
            sub.clone()
                .display_name(format!("gongshi-{name}"))
                .bin_name(format!("gongshi {name}"))
                .version(env!("CARGO_PKG_VERSION"))
        }
    };
    let mut out = Vec::new();
    clap_mangen::Man::new(page)
        .render(&mut out)
        .map_err(|e| Error::Usage(format!("writing the man page: {e}")))?;
    emit(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
