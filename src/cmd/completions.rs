//! `gongshi completions`: a shell completion script.

use std::process::ExitCode;

use clap::CommandFactory;
use gongshi::Result;

use crate::cli::Cli;
use crate::cmd::emit;

pub fn run(shell: clap_complete::Shell) -> Result<ExitCode> {
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut Cli::command(), "gongshi", &mut out);
    emit(&String::from_utf8_lossy(&out))?;
    Ok(ExitCode::SUCCESS)
}
