//! `gongshi init`: a new site folder.

use std::path::Path;
use std::process::ExitCode;

use gongshi::Result;

use crate::cmd::emit;
use crate::settings::Settings;

pub fn run(dir: &Path, settings: &Settings) -> Result<ExitCode> {
    let created = gongshi::scaffold::init(dir, settings.as_of()?)?;
    let mut text = format!("created {}:\n", dir.display());
    for file in created {
        text.push_str(&format!("  {file}\n"));
    }
    let site = dir.display();
    text.push_str(&format!(
        "\nnext:\n  gongshi serve --site {site}    preview it\n  \
         gongshi ledger --site {site} import history.csv    results published before \
         gongshi: their true dates, before the first build\n  \
         gongshi build --site {site}    build it into {site}/public; commit \
         data/published.csv and data/published-records.jsonl\n"
    ));
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}
