//! The build, start to end: load, validate, compute deadlines, model the site, render, write.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::assess::{self, Assessment};
use crate::calendar::Calendar;
use crate::config::Config;
use crate::content;
use crate::error::{Error, Result};
use crate::ingest;
use crate::ledger::Ledger;
use crate::report::Report;
use crate::site::{self, Output};
use crate::theme::Theme;

/// What a build or check is asked to do.
#[derive(Debug, Clone)]
pub struct Options {
    pub site: PathBuf,
    /// Where the site goes; `None` renders nothing and writes nothing (`gongshi check`).
    pub out: Option<PathBuf>,
    pub as_of: NaiveDate,
    /// Append first publications to `data/published.csv`.
    pub write_ledger: bool,
}

/// A site loaded and checked.
pub struct Loaded {
    pub config: Config,
    pub calendar: Calendar,
    pub assessment: Assessment,
    pub ledger: Ledger,
}

/// Reads the site and computes every status; writes nothing.
pub fn load(site: &Path, as_of: NaiveDate) -> Result<Loaded> {
    let config = Config::load(site)?;
    let calendar = Calendar::for_site(site)?;
    let ledger = Ledger::load(site)?;
    let tasks = ingest::read_tasks(site, as_of)?;
    let mut assessment = assess::assess(tasks, &ledger, &calendar, &config, as_of)?;
    let known: std::collections::HashSet<&str> = assessment
        .records
        .iter()
        .map(|(r, _)| r.task_id.as_str())
        .collect();
    let unknown = ledger
        .entries()
        .iter()
        .filter(|e| e.kind == crate::ledger::Kind::Task && !known.contains(e.id.as_str()))
        .count();
    {
        if unknown > 0 {
            assessment.report.notes.push(format!(
                "{unknown} task(s) in {} are not in any task ledger now; their pages are no longer built",
                crate::ledger::LEDGER_FILE
            ));
        }
    }
    if !ledger.records_digests() {
        assessment.report.notes.push(format!(
            "{} has no digest column, so corrections to published results are not noticed; \
             add \",digest\" to the end of its header line",
            crate::ledger::LEDGER_FILE
        ));
    }
    Ok(Loaded {
        config,
        calendar,
        assessment,
        ledger,
    })
}

/// Runs a build (or a check when `options.out` is `None`) and returns its report. Fatal errors
/// leave the output folder and the ledger as they were: the site is staged first, the ledger
/// appended next, and only then is the new site swapped in.
pub fn run(options: &Options) -> Result<Report> {
    let loaded = load(&options.site, options.as_of)?;
    if let Some(out) = &options.out {
        check_output_folder(&options.site, out)?;
        let theme = Theme::for_site(&options.site, &loaded.config.site.theme)?;
        let content = content::load(&options.site)?;
        let output = site::render(&loaded.assessment, &content, &loaded.config, &theme)?;
        let staged = Staged::write(out, &output)?;
        if options.write_ledger {
            loaded.ledger.append(&loaded.assessment.new_entries)?;
        }
        staged.swap_in()?;
    }
    Ok(loaded.assessment.report)
}

/// Written into every output folder, so that gongshi only ever replaces a folder it made.
pub const OUTPUT_MARKER: &str = ".gongshi-output";

/// Refuses an output folder whose replacement would destroy something else: the site itself, a
/// folder holding it, or a non-empty folder gongshi did not write.
fn check_output_folder(site: &Path, out: &Path) -> Result<()> {
    if !out.exists() {
        return Ok(());
    }
    let refuse = |why: &str| Err(Error::Usage(format!("--out {}: {why}", out.display())));
    if !out.is_dir() {
        return refuse("exists and is not a folder");
    }
    let (Ok(site), Ok(out_abs)) = (site.canonicalize(), out.canonicalize()) else {
        return Ok(());
    };
    if site.starts_with(&out_abs) {
        return refuse("holds the site folder; choose a folder of its own, such as public/");
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .next()
        .is_none();
    if !empty && !out.join(OUTPUT_MARKER).exists() {
        return refuse(&format!(
            "exists and was not written by gongshi (no {OUTPUT_MARKER} in it); it would be \
             replaced whole, so remove it yourself or choose another folder"
        ));
    }
    Ok(())
}

/// A complete site written beside the output folder, not yet in its place. Dropped without
/// [`Staged::swap_in`], it is removed.
pub struct Staged {
    out: PathBuf,
    staging: PathBuf,
    previous: PathBuf,
    swapped: bool,
}

impl Staged {
    /// Writes every file into a fresh folder next to `out`.
    pub fn write(out: &Path, output: &Output) -> Result<Staged> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out
            .file_name()
            .ok_or_else(|| {
                Error::Usage(format!("--out {}: expected a folder name", out.display()))
            })?
            .to_string_lossy()
            .into_owned();
        let pid = std::process::id();
        let staged = Staged {
            out: out.to_path_buf(),
            staging: parent.join(format!(".{name}.gongshi-new-{pid}")),
            previous: parent.join(format!(".{name}.gongshi-old-{pid}")),
            swapped: false,
        };
        let _ = std::fs::remove_dir_all(&staged.staging);
        let write_all = || -> std::io::Result<()> {
            std::fs::create_dir_all(&staged.staging)?;
            std::fs::write(
                staged.staging.join(OUTPUT_MARKER),
                "Written by gongshi: a build replaces this folder whole.\n",
            )?;
            for (path, bytes) in output {
                debug_assert!(
                    path.split('/')
                        .all(|seg| !seg.is_empty() && seg != ".." && seg != ".")
                );
                let target = staged.staging.join(path);
                if let Some(dir) = target.parent() {
                    std::fs::create_dir_all(dir)?;
                }
                std::fs::write(&target, bytes)?;
            }
            Ok(())
        };
        write_all().map_err(|e| Error::io(&staged.staging, e))?;
        Ok(staged)
    }

    /// Puts the staged site in place of the old one.
    pub fn swap_in(mut self) -> Result<()> {
        let had_previous = self.out.exists();
        if had_previous {
            std::fs::rename(&self.out, &self.previous).map_err(|e| Error::io(&self.out, e))?;
        }
        if let Err(e) = std::fs::rename(&self.staging, &self.out) {
            if had_previous {
                let _ = std::fs::rename(&self.previous, &self.out);
            }
            return Err(Error::io(&self.out, e));
        }
        self.swapped = true;
        if had_previous {
            let _ = std::fs::remove_dir_all(&self.previous);
        }
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.swapped {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}
