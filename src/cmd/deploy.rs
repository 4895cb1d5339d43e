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
        (
            gongshi::tr!("deploy-would-copy"),
            gongshi::tr!("deploy-would-remove"),
        )
    } else {
        (
            gongshi::tr!("deploy-copied"),
            gongshi::tr!("deploy-removed"),
        )
    };
    text.push_str(&gongshi::tr!(
        "deploy-summary",
        target = target.describe(),
        copy = &copy,
        copied = plan.copy.len(),
        indexes = plan.indexes,
        remove = &remove,
        removed = plan.remove.len(),
        unchanged = plan.unchanged
    ));
    text.push('\n');
    list(&mut text, &copy, &plan.copy);
    list(&mut text, &remove, &plan.remove);
    if !plan.had_manifest {
        text.push_str(&gongshi::tr!(
            "deploy-no-manifest",
            manifest = deploy::MANIFEST
        ));
        text.push('\n');
    }
    if dry_run {
        text.push_str(&gongshi::tr!("deploy-dry-run"));
        text.push('\n');
    }
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

fn list(text: &mut String, what: &str, paths: &[String]) {
    for path in paths.iter().take(SHOWN) {
        text.push_str(&format!("  {what} {path}\n"));
    }
    if paths.len() > SHOWN {
        text.push_str(&format!(
            "  {}\n",
            gongshi::tr!("deploy-and-more", count = paths.len() - SHOWN)
        ));
    }
}
