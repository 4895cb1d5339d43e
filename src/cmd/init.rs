//! `gongshi init`: a new site folder.

use std::path::Path;
use std::process::ExitCode;

use gongshi::Result;

use crate::cmd::emit;
use crate::settings::Settings;

pub fn run(dir: &Path, settings: &Settings) -> Result<ExitCode> {
    let created = gongshi::scaffold::init(dir, settings.as_of()?)?;
    let mut text = gongshi::tr!("init-created", dir = dir.display()) + "\n";
    for file in created {
        text.push_str(&format!("  {file}\n"));
    }
    text.push('\n');
    text.push_str(&gongshi::tr!("init-next", site = dir.display()));
    text.push('\n');
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
