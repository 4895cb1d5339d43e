//! The build, start to end: load, validate, compute deadlines, model the site, render, write.

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::archive::Archive;
use crate::assess::{self, Assessment};
use crate::cache::{CachedFile, FileState, Manifest, ReportCache};
use crate::calendar::Calendar;
use crate::config::Config;
use crate::content::{self, Content};
use crate::error::{Error, Result};
use crate::ingest;
use crate::ledger::Ledger;
use crate::lock::SiteLock;
use crate::model::Report;
use crate::site::Site;
use crate::theme::Theme;
use crate::tr;
use rayon::prelude::*;

/// What a build or check is asked to do.
#[derive(Debug, Clone)]
pub struct BuildOptions {
    pub site: PathBuf,
    /// Where the site goes; `None` renders nothing and writes nothing (`gongshi check`).
    pub out: Option<PathBuf>,
    pub as_of: NaiveDate,
    /// Today in China ([`crate::today`]): the only date the ledger may record, so a build that
    /// writes it must be for today.
    pub today: NaiveDate,
    /// Append first publications to `data/published.csv`.
    pub write_ledger: bool,
    /// Wait for another build of the site to finish (telling [`Progress::waiting_for_lock`]),
    /// rather than fail with [`Error::Locked`].
    pub wait_for_lock: bool,
}

/// A site loaded and checked.
pub struct Loaded {
    pub config: Config,
    pub calendar: Calendar,
    pub assessment: Assessment,
    pub ledger: Ledger,
    pub archive: Archive,
    /// The pages under `content/` (a year's plan page is a publication with a deadline).
    pub content: Content,
}

/// Reads the site and computes every status; writes nothing.
pub fn load(site: &Path, as_of: NaiveDate) -> Result<Loaded> {
    let config = Config::load(site)?;
    let calendar = Calendar::for_site(site)?;
    let ledger = Ledger::load(site)?;
    let settings = ingest::Settings::from_config(&config)?;
    let tasks = ingest::read_tasks(site, as_of, &settings)?;
    // The archive's full versions are read only for results published before that the rows
    // no longer give: a few, where a province has millions.
    let publishable: std::collections::HashSet<&str> = tasks
        .rows
        .iter()
        .filter_map(|row| row.record.as_deref())
        .filter(|record| record.is_publishable())
        .map(|record| record.id())
        .collect();
    // ... and for the bare ids of tasks that had several objects, to tell which object a bare
    // id was published for.
    let split_tasks: std::collections::HashSet<&str> = ledger
        .first_rows(crate::ledger::Kind::Task)
        .filter_map(|entry| Some(entry.id.split_once('/')?.0))
        .collect();
    // ... and every version of the corrected ones, for their history.
    let corrected: std::collections::HashSet<&str> = ledger
        .entries()
        .iter()
        .filter(|entry| entry.kind == crate::ledger::Kind::Revision)
        .map(|entry| entry.id.as_str())
        .collect();
    let mut archive = Archive::load(
        site,
        &|id| {
            (!publishable.contains(id) || split_tasks.contains(id))
                && ledger.get(crate::ledger::Kind::Task, id).is_some()
        },
        &|id| corrected.contains(id),
    )?;
    drop(corrected);
    drop(publishable);
    drop(split_tasks);
    archive.classify(&settings.results);
    let channel_files = crate::channels::load(site, &config, as_of);
    let content = content::load(site)?;
    let mut assessment = assess::assess(
        tasks,
        &ledger,
        &archive,
        &channel_files,
        &calendar,
        &config,
        &content,
        as_of,
    )?;
    // Results corrected for the first time by this build: their earlier versions.
    let first_corrections: std::collections::HashSet<&str> = assessment
        .new_entries
        .iter()
        .filter(|entry| entry.kind == crate::ledger::Kind::Revision)
        .map(|entry| entry.id.as_str())
        .collect();
    archive.load_history(&first_corrections)?;
    assessment.revisions = crate::revisions::history(
        &assessment,
        &ledger,
        &archive,
        as_of,
        config.privacy.publish_inspectors,
    );
    for (&index, revisions) in &assessment.revisions {
        assessment.published[index as usize].revisions = revisions.len() as u32;
    }
    Ok(Loaded {
        config,
        calendar,
        assessment,
        ledger,
        archive,
        content,
    })
}

/// Reports how far a long build has got; the library itself never prints.
pub trait Progress: Sync {
    /// A stage of `total` steps begins.
    fn start(&self, _stage: &'static str, _total: usize) {}
    fn advance(&self, _steps: usize) {}
    fn finish(&self) {}
    /// Another build of the site holds its lock (this file): this one waits for it.
    fn waiting_for_lock(&self, _lock: &Path) {}
}

/// No progress reports.
pub struct Quiet;

impl Progress for Quiet {}

/// What a build did to the output folder.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct WriteStats {
    /// Files in the site.
    pub files: usize,
    /// Files written anew.
    pub written: usize,
    /// Files kept as they were (same inode, bytes and mtime).
    pub unchanged: usize,
    /// Files of the previous build that the site no longer has.
    pub removed: usize,
    /// Whether every input was as the last build read it, so that its report was said again.
    pub inputs_unchanged: bool,
}

/// A build's report, and for a build that wrote, what it wrote.
pub struct Outcome {
    pub report: Report,
    pub written: Option<WriteStats>,
}

/// Runs a build (or a check when `options.out` is `None`) and returns its report. Fatal errors
/// leave the output folder and the ledger as they were: the site is staged first, the ledger
/// appended next, and only then is the new site swapped in.
pub fn run(options: &BuildOptions) -> Result<Report> {
    run_with(options, &Quiet).map(|outcome| outcome.report)
}

/// [`run`], reporting progress, with what was written.
pub fn run_with(options: &BuildOptions, progress: &dyn Progress) -> Result<Outcome> {
    // Before anything is written there (a lock, an output folder, caches).
    ingest::check_site(&options.site)?;
    if options.write_ledger && options.out.is_some() && options.as_of != options.today {
        return Err(Error::NotToday {
            as_of: options.as_of,
            today: options.today,
        });
    }
    // A build that writes holds the site's lock from reading the ledger to appending to it.
    let _lock = match &options.out {
        Some(out) => {
            check_output_folder(&options.site, out)?;
            Some(SiteLock::acquire_telling(
                &options.site,
                options.wait_for_lock,
                &|lock| progress.waiting_for_lock(lock),
            )?)
        }
        None => None,
    };
    let Some(out) = &options.out else {
        let loaded = load(&options.site, options.as_of)?;
        // The theme and content are read, and the site modelled, as a build does (writing
        // nothing): what fails a build fails a check.
        let theme = Theme::for_site(&options.site, &loaded.config.site.theme)?;
        Site::new(&loaded.assessment, &loaded.content, &loaded.config, &theme)?;
        return Ok(Outcome {
            report: loaded.assessment.report,
            written: None,
        });
    };
    let cache = Manifest::path_for(out);
    let report_cache = ReportCache::path_for(out);
    // What the last build left in the output folder is looked at on a thread of its own while
    // the inputs are compared with what it read, or the records read and checked (which leave
    // a core idle for much of their time).
    let reused = std::thread::scope(|scope| {
        let previous = scope.spawn(|| out.is_dir().then(|| Manifest::look(&cache, out)).flatten());
        let cached = report_digest(&options.site, options.as_of)
            .ok()
            .and_then(|digest| ReportCache::load(&report_cache).filter(|c| c.digest == digest));
        if let Some(cached) = cached {
            let previous = previous.join().unwrap_or(None);
            if let Some(previous) = &previous
                && previous.all_untouched()
            {
                return Ok(Reused::Report(Box::new(cached.report), previous.len()));
            }
            return load(&options.site, options.as_of)
                .map(|loaded| Reused::Nothing(Box::new(loaded), previous));
        }
        let loaded = load(&options.site, options.as_of);
        let previous = previous.join().unwrap_or(None);
        loaded.map(|loaded| Reused::Nothing(Box::new(loaded), previous))
    })?;
    let (loaded, previous) = match reused {
        // Same inputs, same output: the same report, and nothing to write.
        Reused::Report(report, files) => {
            progress.finish();
            return Ok(Outcome {
                report: *report,
                written: Some(WriteStats {
                    files,
                    written: 0,
                    unchanged: files,
                    removed: 0,
                    inputs_unchanged: true,
                }),
            });
        }
        Reused::Nothing(loaded, previous) => (*loaded, previous),
    };
    let theme = Theme::for_site(&options.site, &loaded.config.site.theme)?;
    let site = Site::new(&loaded.assessment, &loaded.content, &loaded.config, &theme)?;
    let written = match write_site(&site, out, previous, progress)? {
        Written::Unchanged(stats) => {
            if options.write_ledger {
                record_publications(&loaded, options.today)?;
            }
            stats
        }
        Written::Staged(staged, entries, stats) => {
            if options.write_ledger {
                record_publications(&loaded, options.today)?;
            }
            // Until the new cache is saved, the old one no longer describes the output.
            let _ = std::fs::remove_file(&cache);
            let _ = std::fs::remove_file(&report_cache);
            staged.swap_in()?;
            // A cache that cannot be saved only costs the next build its shortcut.
            let files = site.files().iter().map(|file| site.path(file));
            let _ = Manifest::save(&cache, site.fingerprint_salt(), files.zip(entries));
            stats
        }
    };
    // The next build may say this report again if it reads the same, ledger included: this
    // build's report stands for the ledger as it now is, since what the build appended is what
    // it assumed (first publications on the as-of date). A preview that did not append what it
    // would publish leaves no report to reuse.
    let assumed =
        loaded.assessment.new_entries.is_empty() && loaded.assessment.new_snapshots.is_empty();
    if options.write_ledger || assumed {
        if let Ok(digest) = report_digest(&options.site, options.as_of) {
            let cached = ReportCache {
                digest,
                report: loaded.assessment.report,
            };
            let _ = cached.save(&report_cache);
            progress.finish();
            return Ok(Outcome {
                report: cached.report,
                written: Some(written),
            });
        }
    } else {
        let _ = std::fs::remove_file(&report_cache);
    }
    progress.finish();
    Ok(Outcome {
        report: loaded.assessment.report,
        written: Some(written),
    })
}

/// What a saved report stands for: the inputs, and the language its messages are in (a report
/// said in Chinese is not one to say again in English). English keeps the inputs' digest alone.
fn report_digest(site: &Path, as_of: NaiveDate) -> std::io::Result<u64> {
    let digest = crate::cache::inputs_digest(site, as_of)?;
    Ok(match crate::i18n::language() {
        crate::i18n::Language::English => digest,
        language => digest ^ crate::stable_hash(language.tag()),
    })
}

/// Archives what this build publishes, then records in the ledger what it publishes first.
/// (An archive line written for a ledger row that then fails is harmless: the archive holds
/// versions, the ledger says what went public when.)
fn record_publications(loaded: &Loaded, today: NaiveDate) -> Result<()> {
    loaded.archive.append(
        &loaded.assessment.new_snapshots,
        today,
        loaded.config.privacy.publish_inspectors,
    )?;
    loaded.ledger.append(&loaded.assessment.new_entries)
}

/// What a build could take over from the last one.
enum Reused {
    /// Its report: the inputs and the output folder are as it left them.
    Report(Box<Report>, usize),
    /// Nothing; the inputs as now read, and (when there is one) the output folder as the last
    /// build left it.
    Nothing(Box<Loaded>, Option<Manifest>),
}

enum Written {
    /// Every file is in place as the last build wrote it: nothing was written.
    Unchanged(WriteStats),
    /// A complete site is staged beside the output folder, with each file's manifest entry.
    Staged(Staged, Vec<CachedFile>, WriteStats),
}

/// Stages the site beside `out`. Files the last build wrote with the same fingerprint are
/// hard-linked from the current output rather than made again; when every file is as the last
/// build left it, nothing is written at all.
fn write_site(
    site: &Site,
    out: &Path,
    previous: Option<Manifest>,
    progress: &dyn Progress,
) -> Result<Written> {
    let files = site.files();
    let previous = previous.filter(|p| p.salt == site.fingerprint_salt());
    // For each file: the last build's entry if the file can be kept (same fingerprint, and
    // untouched since: same size, mtime and inode), and whether the last build had it.
    let keep: Vec<(Option<CachedFile>, bool)> = match &previous {
        None => vec![(None, false); files.len()],
        Some(previous) => {
            progress.start("checking", files.len());
            files
                .par_iter()
                .map(|file| {
                    let found = previous.get(&site.path(file));
                    let keep = match found {
                        Some((entry, true)) if site.produce(file, None)? == entry.fingerprint => {
                            Some(entry)
                        }
                        _ => None,
                    };
                    progress.advance(1);
                    Ok((keep, found.is_some()))
                })
                .collect::<Result<_>>()?
        }
    };
    let kept = keep.iter().filter(|(k, _)| k.is_some()).count();
    let known = keep.iter().filter(|(_, known)| *known).count();
    let removed = previous
        .as_ref()
        .map_or(0, |p| p.len().saturating_sub(known));
    if previous.is_some() && kept == files.len() && removed == 0 {
        return Ok(Written::Unchanged(WriteStats {
            files: files.len(),
            written: 0,
            unchanged: kept,
            removed: 0,
            inputs_unchanged: false,
        }));
    }

    let staged = Staged::create(out)?;
    progress.start("writing", files.len());
    let entries = files
        .par_iter()
        .zip(keep.par_iter())
        .map(|(file, (keep, _))| {
            let path = site.path(file);
            let target = staged.staging.join(&path);
            make_parent(&target)?;
            let entry = match keep {
                Some(entry) if std::fs::hard_link(out.join(&path), &target).is_ok() => {
                    (*entry, false)
                }
                _ => {
                    let (fingerprint, state) =
                        write_file(&target, |out| site.produce(file, Some(out)))?;
                    (CachedFile { fingerprint, state }, true)
                }
            };
            progress.advance(1);
            Ok(entry)
        })
        .collect::<Result<Vec<(CachedFile, bool)>>>()?;
    let written = entries.iter().filter(|(_, w)| *w).count();
    let stats = WriteStats {
        files: files.len(),
        written,
        unchanged: files.len() - written,
        removed,
        inputs_unchanged: false,
    };
    let entries = entries.into_iter().map(|(entry, _)| entry).collect();
    Ok(Written::Staged(staged, entries, stats))
}

/// Makes the folder `file` goes in, and the folders above it, unless they are there.
fn make_parent(file: &Path) -> Result<()> {
    let Some(parent) = file.parent() else {
        return Ok(());
    };
    match std::fs::create_dir(parent) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))
        }
        Err(e) => Err(Error::io(parent, e)),
    }
}

/// Creates `path` with what `make` writes (a page in one `write`, a big data file in
/// buffer-sized ones), and says what `stat` now says of it.
fn write_file(
    path: &Path,
    make: impl FnOnce(&mut dyn std::io::Write) -> Result<u64>,
) -> Result<(u64, FileState)> {
    let file = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    let mut out = std::io::BufWriter::with_capacity(32 * 1024, file);
    let fingerprint = make(&mut out).map_err(|e| match e {
        Error::Io { source, .. } => Error::io(path, source),
        other => other,
    })?;
    let file = out
        .into_inner()
        .map_err(|e| Error::io(path, e.into_error()))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    Ok((fingerprint, FileState::from_metadata(&meta)))
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
        return refuse(&tr!("build-out-not-a-folder"));
    }
    let (Ok(site), Ok(out_abs)) = (site.canonicalize(), out.canonicalize()) else {
        return Ok(());
    };
    if site.starts_with(&out_abs) {
        return refuse(&tr!("build-out-holds-site"));
    }
    let empty = std::fs::read_dir(out)
        .map_err(|e| Error::io(out, e))?
        .next()
        .is_none();
    if !empty && !out.join(OUTPUT_MARKER).exists() {
        return refuse(&tr!("build-out-not-ours", marker = OUTPUT_MARKER));
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
    /// Makes a fresh staging folder next to `out`, with the output marker in it.
    pub fn create(out: &Path) -> Result<Staged> {
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
            _ => PathBuf::from("."),
        };
        std::fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        let name = out
            .file_name()
            .ok_or_else(|| {
                Error::Usage(format!(
                    "--out {}: {}",
                    out.display(),
                    tr!("build-out-no-name")
                ))
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
                    remove_tree(&entry.path());
                }
            }
        }
        std::fs::create_dir_all(&staged.staging)
            .and_then(|()| {
                std::fs::write(
                    staged.staging.join(OUTPUT_MARKER),
                    "Written by gongshi: a build replaces this folder whole.\n",
                )
            })
            .map_err(|e| Error::io(&staged.staging, e))?;
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
            remove_tree(&self.staging);
            return Ok(());
        }
        std::fs::rename(&self.out, &self.previous).map_err(|e| Error::io(&self.out, e))?;
        if let Err(e) = std::fs::rename(&self.staging, &self.out) {
            let _ = std::fs::rename(&self.previous, &self.out);
            return Err(Error::io(&self.out, e));
        }
        self.swapped = true;
        remove_tree(&self.previous);
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

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.swapped {
            remove_tree(&self.staging);
        }
    }
}

/// Removes a folder tree, its big subfolders in parallel; what cannot be removed stays.
fn remove_tree(path: &Path) {
    let children = |dir: &Path| -> Vec<PathBuf> {
        std::fs::read_dir(dir)
            .map(|entries| entries.flatten().map(|e| e.path()).collect())
            .unwrap_or_default()
    };
    let grandchildren: Vec<PathBuf> = children(path)
        .iter()
        .filter(|p| p.symlink_metadata().is_ok_and(|m| m.is_dir()))
        .flat_map(|p| children(p))
        .collect();
    grandchildren.par_iter().for_each(|p| {
        if p.symlink_metadata().is_ok_and(|m| m.is_dir()) {
            let _ = std::fs::remove_dir_all(p);
        } else {
            let _ = std::fs::remove_file(p);
        }
    });
    let _ = std::fs::remove_dir_all(path);
}
