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
    /// Wait for another build of the site to finish, rather than fail with [`Error::Locked`].
    pub wait_for_lock: bool,
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
    // A build that writes holds the site's lock from reading the ledger to appending to it.
    let _lock = match &options.out {
        Some(out) => {
            check_output_folder(&options.site, out)?;
            Some(SiteLock::acquire(&options.site, options.wait_for_lock)?)
        }
        None => None,
    };
    let loaded = load(&options.site, options.as_of)?;
    if let Some(out) = &options.out {
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
        // Folders left by a build that was killed (the site's lock is ours, so none is live).
        if let Ok(siblings) = std::fs::read_dir(&parent) {
            let stale_new = format!(".{name}.gongshi-new-");
            let stale_old = format!(".{name}.gongshi-old-");
            for entry in siblings.flatten() {
                let file_name = entry.file_name();
                let file_name = file_name.to_string_lossy();
                if file_name.starts_with(&stale_new) || file_name.starts_with(&stale_old) {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
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

    /// Puts the staged site in place of the old one. On Linux the two folders are exchanged in
    /// one step, so that no moment exists, even for a build killed mid-way, without a complete
    /// site in place; elsewhere the old folder is moved aside first.
    pub fn swap_in(mut self) -> Result<()> {
        if !self.out.exists() {
            std::fs::rename(&self.staging, &self.out).map_err(|e| Error::io(&self.out, e))?;
            self.swapped = true;
            return Ok(());
        }
        if exchange(&self.staging, &self.out).is_ok() {
            // The old site is now at the staging path.
            self.swapped = true;
            let _ = std::fs::remove_dir_all(&self.staging);
            return Ok(());
        }
        std::fs::rename(&self.out, &self.previous).map_err(|e| Error::io(&self.out, e))?;
        if let Err(e) = std::fs::rename(&self.staging, &self.out) {
            let _ = std::fs::rename(&self.previous, &self.out);
            return Err(Error::io(&self.out, e));
        }
        self.swapped = true;
        let _ = std::fs::remove_dir_all(&self.previous);
        Ok(())
    }
}

/// Swaps two paths atomically (Linux `renameat2(RENAME_EXCHANGE)`).
#[cfg(all(target_os = "linux", target_env = "gnu"))]
fn exchange(a: &Path, b: &Path) -> std::io::Result<()> {
    use std::ffi::CString;
    use std::os::unix::ffi::OsStrExt;
    let a = CString::new(a.as_os_str().as_bytes())?;
    let b = CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both are valid NUL-terminated paths that live across the call.
    let rc = unsafe {
        libc::renameat2(
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if rc == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

#[cfg(not(all(target_os = "linux", target_env = "gnu")))]
fn exchange(_: &Path, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::new(
        std::io::ErrorKind::Unsupported,
        "no atomic exchange here",
    ))
}

/// Holds `<site>/.gongshi.lock` for the length of a build, so that two builds of one site never
/// race for its ledger: the second waits (or, asked not to, fails with [`Error::Locked`]).
pub struct SiteLock {
    _file: std::fs::File,
}

pub const LOCK_FILE: &str = ".gongshi.lock";

impl SiteLock {
    pub fn acquire(site: &Path, wait: bool) -> Result<SiteLock> {
        let path = site.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(SiteLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if wait => {
                file.lock().map_err(|e| Error::io(&path, e))?;
                Ok(SiteLock { _file: file })
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked { path }),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.swapped {
            let _ = std::fs::remove_dir_all(&self.staging);
        }
    }
}
