//! `gongshi serve`: a preview on 127.0.0.1, in a temporary folder removed when it stops.

use std::path::PathBuf;
use std::process::ExitCode;

use gongshi::serve::ServeOptions;
use gongshi::{Error, Result};

use crate::settings::Settings;

pub fn run(site: PathBuf, port: Option<u16>, settings: &Settings) -> Result<ExitCode> {
    let work = tempfile::Builder::new()
        .prefix("gongshi-serve-")
        .tempdir()
        .map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let path = work.path().to_path_buf();
    // Ctrl-C or a kill: the preview goes with the server.
    let _ = ctrlc::set_handler(move || {
        let _ = std::fs::remove_dir_all(&path);
        std::process::exit(0);
    });
    gongshi::serve::run(
        &ServeOptions {
            site,
            work: work.path().to_path_buf(),
            port,
            as_of: settings.as_of,
        },
        &|line| eprintln!("{line}"),
    )?;
    Ok(ExitCode::SUCCESS)
}
