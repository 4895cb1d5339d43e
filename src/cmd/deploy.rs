//! `gongshi deploy`: the built site copied where citizens read it, what changed only.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gongshi::Result;
use gongshi::deploy::{self, Options, Target};

use crate::cmd::emit;

/// Files named in the report, each of copied and removed.
const SHOWN: usize = 5;

pub fn run(site: &Path, out: Option<PathBuf>, to: &str, dry_run: bool) -> Result<ExitCode> {
    let out = out.unwrap_or_else(|| site.join("public"));
    let target = Target::parse(to)?;
    let plan = deploy::deploy(&Options {
        site,
        out: &out,
        target: &target,
        dry_run,
    })?;
    let mut text = String::new();
    let (copy, remove) = if dry_run {
        ("would copy", "would remove")
    } else {
        ("copied", "removed")
    };
    text.push_str(&format!(
        "{}: {copy} {} files ({} of them indexes, copied last), {remove} {}, {} unchanged\n",
        target.describe(),
        plan.copy.len(),
        plan.indexes,
        plan.remove.len(),
        plan.unchanged
    ));
    list(&mut text, copy, &plan.copy);
    list(&mut text, remove, &plan.remove);
    if !plan.had_manifest {
        text.push_str(&format!(
            "note: no {} there yet: the files there were compared byte for byte, and nothing \
             was removed\n",
            deploy::MANIFEST,
        ));
    }
    if dry_run {
        text.push_str("dry run: nothing was copied or removed\n");
    }
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn list(text: &mut String, what: &str, paths: &[String]) {
    for path in paths.iter().take(SHOWN) {
        text.push_str(&format!("  {what} {path}\n"));
    }
    if paths.len() > SHOWN {
        text.push_str(&format!("  … and {} more\n", paths.len() - SHOWN));
    }
}
