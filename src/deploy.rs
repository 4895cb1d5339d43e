//! Publishing the built site to where citizens read it: a local or mounted folder, or anything
//! `rsync` reaches (another folder, `user@host:/path`, `rsync://host/module/path`), or an SFTP
//! server (`sftp://user@host:port/path`), the one way into many government web servers.
//!
//! Each destination keeps a manifest of what gongshi put there ([`MANIFEST`]: each file's path,
//! size and content hash), so that a deploy copies only the files that changed and removes only
//! the files gongshi itself put there and no longer builds: a CMS folder's other content is
//! never touched. The order keeps the live site whole at every moment: changed result pages and
//! assets first, then the other pages, then the indexes that link to them ([`Tier::Index`]),
//! then the removals (once nothing links to them), and the manifest last.
//!
//! `rsync` and `sftp` are run as programs (never a protocol of gongshi's own); their errors come
//! back with what they said. `sftp` runs in batch mode, so it needs a key (ssh-agent or
//! `~/.ssh/config`), never a password prompt; `GONGSHI_SFTP` names another sftp program.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use rayon::prelude::*;

use crate::build::OUTPUT_MARKER;
use crate::error::{Error, Result};
use crate::lock::SiteLock;

/// The manifest a deploy leaves at the destination's root.
pub const MANIFEST: &str = ".gongshi-deploy";

const MAGIC: &str = "gongshi-deploy 1";

/// Where a deploy goes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// A local or mounted folder, written directly.
    Folder(PathBuf),
    /// An rsync destination: a folder, `user@host:/path` or `rsync://host/module/path`.
    Rsync(String),
    /// An SFTP server's folder: `sftp://[user@]host[:port]/path`.
    Sftp(Sftp),
}

/// Where on an SFTP server.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sftp {
    /// `user@host` or `host`, as sftp takes it.
    pub login: String,
    pub port: Option<u16>,
    /// The folder on the server, absolute.
    pub path: String,
}

impl Target {
    /// `rsync:DEST` and `rsync://…` go through rsync, and so does `host:path` (scp's form, as
    /// rsync and ssh take it); anything else is a folder.
    pub fn parse(text: &str) -> Result<Target> {
        if let Some(rest) = text.strip_prefix("sftp://") {
            return Sftp::parse(rest)
                .map(Target::Sftp)
                .ok_or_else(|| Error::Usage(crate::tr!("deploy-sftp-address", to = text)));
        }
        let target = if text.starts_with("rsync://") {
            Target::Rsync(text.to_string())
        } else if let Some(rest) = text.strip_prefix("rsync:") {
            Target::Rsync(rest.to_string())
        } else if let Some((host, _)) = text.split_once(':')
            && !host.is_empty()
            && !host.contains('/')
            && !Path::new(text).exists()
        {
            Target::Rsync(text.to_string())
        } else {
            Target::Folder(PathBuf::from(text))
        };
        match &target {
            Target::Rsync(dest) if dest.is_empty() => {
                Err(Error::Usage(crate::tr!("deploy-rsync-address", to = text)))
            }
            Target::Folder(path) if path.as_os_str().is_empty() => {
                Err(Error::Usage(crate::tr!("deploy-no-target")))
            }
            _ => Ok(target),
        }
    }

    /// As the reports name it.
    pub fn describe(&self) -> String {
        match self {
            Target::Folder(path) => path.display().to_string(),
            Target::Rsync(dest) => format!("rsync {dest}"),
            Target::Sftp(sftp) => format!("sftp {}", sftp.address()),
        }
    }
}

impl Sftp {
    /// `user@host:port/path` (after `sftp://`); `None` when a part is missing or wrong.
    fn parse(rest: &str) -> Option<Sftp> {
        let (authority, path) = rest.split_once('/')?;
        let path = format!("/{}", path.trim_end_matches('/'));
        let (login, port) = match authority.rsplit_once(':') {
            Some((login, port)) => (login, Some(port.parse::<u16>().ok().filter(|p| *p > 0)?)),
            None => (authority, None),
        };
        let host = login.rsplit_once('@').map_or(login, |(_, host)| host);
        if host.is_empty() || login.starts_with('-') || path == "/" {
            return None;
        }
        Some(Sftp {
            login: login.to_string(),
            port,
            path,
        })
    }

    fn address(&self) -> String {
        match self.port {
            Some(port) => format!("{}:{port}{}", self.login, self.path),
            None => format!("{}:{}", self.login, self.path),
        }
    }

    fn remote(&self, relative: &str) -> String {
        if relative.is_empty() {
            self.path.clone()
        } else {
            format!("{}/{relative}", self.path)
        }
    }
}

/// A file as deployed: its size and a hash of its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    pub size: u64,
    pub hash: u64,
}

/// When a file is written: results and assets before the pages that list them, the indexes
/// last.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Tier {
    /// A result page (`tasks/…`) or a file that is no page (stylesheet, script, data).
    Leaf,
    /// Any other page (entities, units, quarters), and a company's feed, which lists results
    /// as its page does.
    Page,
    /// The home page, the sections' first pages (`entities/index.html` …), the sitemaps, the
    /// feed, the search index and `robots.txt`.
    Index,
}

impl Tier {
    pub fn of(path: &str) -> Tier {
        let name = path.rsplit('/').next().unwrap_or(path);
        let depth = path.matches('/').count();
        let is_index = (name == "index.html" && depth <= 1)
            || (depth == 0
                && ((name.starts_with("sitemap") && name.ends_with(".xml"))
                    || name == "feed.xml"
                    || name == "robots.txt"))
            || path.starts_with("search/");
        if is_index {
            Tier::Index
        } else if path.starts_with("tasks/") || !(name.ends_with(".html") || name == "feed.xml") {
            Tier::Leaf
        } else {
            Tier::Page
        }
    }
}

/// What a deploy does (or, dry, would do).
#[derive(Debug, Clone, Default)]
pub struct Plan {
    /// Files to copy, in the order they are copied (indexes last).
    pub copy: Vec<String>,
    /// How many of `copy` are indexes.
    pub indexes: usize,
    /// Files gongshi put there before and no longer builds.
    pub remove: Vec<String>,
    /// Files already there as built.
    pub unchanged: usize,
    /// Whether the destination had a manifest. Without one, nothing is removed, and for rsync
    /// every file is offered, rsync copying those whose bytes differ.
    pub had_manifest: bool,
    /// Every file built, as the new manifest lists it.
    files: BTreeMap<String, Entry>,
}

/// What [`deploy`] is asked.
pub struct Options<'a> {
    pub site: &'a Path,
    pub out: &'a Path,
    pub target: &'a Target,
    pub dry_run: bool,
}

/// Deploys the output folder to the target (or with `dry_run`, works out what it would do).
/// Holds the site's lock throughout: no build swaps the output folder under a deploy, and no
/// deploy starts during a build.
pub fn deploy(options: &Options) -> Result<Plan> {
    let out = options.out;
    if !out.is_dir() {
        return Err(Error::Usage(crate::tr!(
            "deploy-no-built-site",
            out = out.display()
        )));
    }
    if !out.join(OUTPUT_MARKER).exists() {
        return Err(Error::Usage(crate::tr!(
            "deploy-not-built-by-gongshi",
            out = out.display(),
            marker = OUTPUT_MARKER
        )));
    }
    if let Target::Folder(dest) = options.target
        && let (Ok(out_abs), Ok(dest_abs)) = (out.canonicalize(), absolute(dest))
        && dest_abs.starts_with(&out_abs)
    {
        return Err(Error::Usage(crate::tr!(
            "deploy-into-output",
            to = dest.display(),
            out = out.display()
        )));
    }
    let _lock = SiteLock::acquire(options.site, false)?;
    let files = local_files(out)?;
    let plan = match options.target {
        Target::Folder(dest) => {
            let previous = read_manifest_file(&dest.join(MANIFEST))?;
            plan(files, previous, |path, entry, listed| {
                folder_has(&dest.join(path), entry, listed)
            })
        }
        Target::Rsync(dest) => {
            let previous = rsync_manifest(dest)?;
            // Without a manifest rsync itself tells, by checksum, which files differ.
            plan(files, previous, |_, _, listed| listed)
        }
        // Without a manifest, SFTP cannot compare bytes: every file is copied.
        Target::Sftp(sftp) => plan(files, sftp_manifest(sftp)?, |_, _, listed| listed),
    };
    let mut plan = plan;
    match options.target {
        // Without a manifest, every file was offered: rsync says which it sends.
        Target::Rsync(dest) if options.dry_run && !plan.had_manifest => {
            let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
            let sent = rsync_copy(out, dest, &plan, scratch.path(), true)?;
            plan.narrow(&sent);
        }
        _ if options.dry_run => {}
        Target::Folder(dest) => folder_deploy(out, dest, &plan)?,
        Target::Sftp(sftp) => sftp_deploy(out, sftp, &plan)?,
        Target::Rsync(dest) => {
            let sent = rsync_deploy(out, dest, &plan)?;
            if !plan.had_manifest {
                plan.narrow(&sent);
            }
        }
    }
    Ok(plan)
}

impl Plan {
    /// Keeps in `copy` only the files `sent`.
    fn narrow(&mut self, sent: &BTreeSet<String>) {
        self.copy.retain(|path| sent.contains(path));
        self.indexes = self
            .copy
            .iter()
            .filter(|p| Tier::of(p) == Tier::Index)
            .count();
        self.unchanged = self.files.len() - self.copy.len();
    }
}

/// `path` made absolute through its nearest existing ancestor (the destination may not exist
/// yet).
fn absolute(path: &Path) -> std::io::Result<PathBuf> {
    let mut existing = path;
    let mut rest = Vec::new();
    loop {
        match existing.canonicalize() {
            Ok(found) => return Ok(rest.iter().rev().fold(found, |p, part| p.join(part))),
            Err(e) => {
                let (Some(parent), Some(name)) = (existing.parent(), existing.file_name()) else {
                    return Err(e);
                };
                rest.push(name.to_owned());
                existing = if parent.as_os_str().is_empty() {
                    Path::new(".")
                } else {
                    parent
                };
            }
        }
    }
}

/// Every file in the output folder but its marker, with its size and hash (on every core).
pub fn local_files(out: &Path) -> Result<BTreeMap<String, Entry>> {
    let mut paths = Vec::new();
    for entry in walkdir::WalkDir::new(out).sort_by_file_name() {
        let entry = entry.map_err(|e| {
            let path = e.path().unwrap_or(out).to_path_buf();
            Error::io(path, std::io::Error::from(e))
        })?;
        if !entry.file_type().is_file() {
            continue;
        }
        let relative = crate::site_relative(out, entry.path());
        if relative == OUTPUT_MARKER || relative.contains('\n') {
            continue;
        }
        paths.push((relative, entry.into_path()));
    }
    paths
        .into_par_iter()
        .map(|(relative, path)| Ok((relative, hash_file(&path)?)))
        .collect()
}

/// The size and hash of a file's bytes, read a buffer at a time.
fn hash_file(path: &Path) -> Result<Entry> {
    let mut file = std::fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    let mut buffer = vec![0; 1 << 16];
    let mut size = 0;
    loop {
        let n = file.read(&mut buffer).map_err(|e| Error::io(path, e))?;
        if n == 0 {
            break;
        }
        hasher.update(&buffer[..n]);
        size += n as u64;
    }
    Ok(Entry {
        size,
        hash: hasher.digest(),
    })
}

/// What to copy and remove. A file the destination's manifest lists as built now is copied
/// only if `there` (told it is listed) finds it is not there after all; without a manifest,
/// a file is copied unless `there` finds it there as built; with one, a file it does not list
/// as built is copied.
fn plan(
    files: BTreeMap<String, Entry>,
    previous: Option<BTreeMap<String, Entry>>,
    there: impl Fn(&str, Entry, bool) -> bool + Sync,
) -> Plan {
    let had_manifest = previous.is_some();
    let mut copy: Vec<(Tier, &String)> = files
        .par_iter()
        .filter(|(path, entry)| {
            let listed = previous
                .as_ref()
                .is_some_and(|p| p.get(*path) == Some(*entry));
            if had_manifest && !listed {
                true
            } else {
                !there(path, **entry, listed)
            }
        })
        .map(|(path, _)| (Tier::of(path), path))
        .collect();
    copy.sort();
    let remove: Vec<String> = previous
        .iter()
        .flat_map(|p| p.keys())
        .filter(|path| !files.contains_key(*path))
        .cloned()
        .collect();
    Plan {
        indexes: copy.iter().filter(|(t, _)| *t == Tier::Index).count(),
        unchanged: files.len() - copy.len(),
        copy: copy.into_iter().map(|(_, p)| p.clone()).collect(),
        remove,
        had_manifest,
        files,
    }
}

/// Reads a manifest; `None` if there is none. A damaged one is an error: without it, gongshi
/// would no longer know which files there are its own.
fn read_manifest_file(path: &Path) -> Result<Option<BTreeMap<String, Entry>>> {
    match std::fs::read_to_string(path) {
        Ok(text) => parse_manifest(&text)
            .map(Some)
            .ok_or_else(|| Error::Usage(crate::tr!("deploy-bad-manifest", path = path.display()))),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(Error::io(path, e)),
    }
}

fn parse_manifest(text: &str) -> Option<BTreeMap<String, Entry>> {
    let mut lines = text.lines();
    if lines.next()? != MAGIC {
        return None;
    }
    lines
        .filter(|line| !line.is_empty())
        .map(|line| {
            let mut parts = line.splitn(3, ' ');
            let hash = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let path = parts.next()?;
            // Never a path that leaves the destination.
            if path.is_empty()
                || path.starts_with('/')
                || path
                    .split('/')
                    .any(|p| p == ".." || p == "." || p.is_empty())
            {
                return None;
            }
            Some((path.to_string(), Entry { size, hash }))
        })
        .collect()
}

fn manifest_text(files: &BTreeMap<String, Entry>) -> String {
    let mut text = format!("{MAGIC}\n");
    for (path, entry) in files {
        text.push_str(&format!("{:016x} {} {path}\n", entry.hash, entry.size));
    }
    text
}

/// Whether the folder's file is as built: the same size when the manifest lists it as built
/// (the manifest vouches for the bytes), the same size and hash otherwise.
fn folder_has(path: &Path, entry: Entry, listed: bool) -> bool {
    match std::fs::metadata(path) {
        Ok(meta) if meta.is_file() && meta.len() == entry.size => {
            listed || hash_file(path).is_ok_and(|found| found == entry)
        }
        _ => false,
    }
}

/// Copies, then removes, then writes the manifest, each file through a temporary file and a
/// rename.
fn folder_deploy(out: &Path, dest: &Path, plan: &Plan) -> Result<()> {
    std::fs::create_dir_all(dest).map_err(|e| Error::io(dest, e))?;
    for path in &plan.copy {
        let from = out.join(path);
        let to = dest.join(path);
        if let Some(parent) = to.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let temporary = temporary_beside(&to);
        std::fs::copy(&from, &temporary)
            .and_then(|_| std::fs::rename(&temporary, &to))
            .map_err(|e| {
                let _ = std::fs::remove_file(&temporary);
                Error::io(&to, e)
            })?;
    }
    for path in &plan.remove {
        let file = dest.join(path);
        match std::fs::remove_file(&file) {
            Ok(()) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
            Err(e) => return Err(Error::io(&file, e)),
        }
    }
    // Folders left empty go too (a folder with anything else in it stays).
    for dir in emptied_dirs(plan) {
        let _ = std::fs::remove_dir(dest.join(dir));
    }
    let manifest = dest.join(MANIFEST);
    let temporary = temporary_beside(&manifest);
    std::fs::write(&temporary, manifest_text(&plan.files))
        .and_then(|()| std::fs::rename(&temporary, &manifest))
        .map_err(|e| {
            let _ = std::fs::remove_file(&temporary);
            Error::io(&manifest, e)
        })
}

/// `.name.gongshi-tmp-PID` beside `path`.
fn temporary_beside(path: &Path) -> PathBuf {
    let name = path
        .file_name()
        .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
    path.with_file_name(format!(".{name}.gongshi-tmp-{}", std::process::id()))
}

/// The folders of removed files that the site no longer has, deepest first.
fn emptied_dirs(plan: &Plan) -> Vec<String> {
    let kept: BTreeSet<&str> = plan.files.keys().flat_map(|p| ancestors(p)).collect();
    let mut dirs: Vec<&str> = plan
        .remove
        .iter()
        .flat_map(|p| ancestors(p))
        .filter(|d| !kept.contains(d))
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    dirs.sort_by_key(|d| std::cmp::Reverse(d.matches('/').count()));
    dirs.into_iter().map(str::to_string).collect()
}

/// `a/b/c.html` → `a/b`, `a`.
fn ancestors(path: &str) -> impl Iterator<Item = &str> {
    path.match_indices('/').map(move |(i, _)| &path[..i])
}

/// The rsync destination as a folder (`dest/`), its manifest's address, and rsync run.
fn rsync_dir(dest: &str) -> String {
    if dest.ends_with('/') {
        dest.to_string()
    } else {
        format!("{dest}/")
    }
}

/// Runs rsync with these arguments; its exit code if it ran, what it said (stderr), and what it
/// printed (stdout).
fn rsync(dest: &str, args: &[&std::ffi::OsStr]) -> Result<(i32, String, String)> {
    let output = Command::new("rsync").args(args).output().map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            crate::tr!("deploy-rsync-missing")
        } else {
            crate::tr!("deploy-rsync-cannot-run", error = e.to_string())
        };
        Error::Deploy {
            target: dest.to_string(),
            message,
        }
    })?;
    Ok((
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stderr).trim().to_string(),
        String::from_utf8_lossy(&output.stdout).into_owned(),
    ))
}

/// rsync, which must succeed; what it printed.
fn rsync_ok(dest: &str, what: &str, args: &[&std::ffi::OsStr]) -> Result<String> {
    match rsync(dest, args)? {
        (0, _, printed) => Ok(printed),
        (code, said, _) => Err(Error::Deploy {
            target: dest.to_string(),
            message: crate::tr!("deploy-rsync-failed", what = what, code = code, said = said),
        }),
    }
}

/// The destination's manifest, fetched with rsync; `None` if it has none (or the folder is not
/// there yet).
fn rsync_manifest(dest: &str) -> Result<Option<BTreeMap<String, Entry>>> {
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let local = scratch.path().join(MANIFEST);
    let remote = format!("{}{MANIFEST}", rsync_dir(dest));
    match rsync(dest, &[os("-q"), os(&remote), local.as_os_str()])? {
        (0, _, _) => read_manifest_file(&local),
        // "some files were not transferred": there is none.
        (23, said, _) if said.contains("No such file") => Ok(None),
        (code, said, _) => Err(Error::Deploy {
            target: dest.to_string(),
            message: crate::tr!(
                "deploy-rsync-no-manifest",
                remote = &remote,
                code = code,
                said = said
            ),
        }),
    }
}

fn os(text: &str) -> &std::ffi::OsStr {
    std::ffi::OsStr::new(text)
}

/// Writes a `--files-from` list.
fn file_list(dir: &Path, name: &str, paths: &[&str]) -> Result<PathBuf> {
    let path = dir.join(name);
    let mut text = String::new();
    for p in paths {
        text.push_str(p);
        text.push('\n');
    }
    std::fs::write(&path, text).map_err(|e| Error::io(&path, e))?;
    Ok(path)
}

/// The copying passes: the pages and assets, then the indexes (with `dry_run`, rsync's
/// `--dry-run`). The files rsync sent (or would send).
fn rsync_copy(
    out: &Path,
    dest: &str,
    plan: &Plan,
    scratch: &Path,
    dry_run: bool,
) -> Result<BTreeSet<String>> {
    let source = format!("{}/", out.display());
    let target = rsync_dir(dest);
    let (pages, indexes) = plan.copy.split_at(plan.copy.len() - plan.indexes);
    // The lists are what differs by the manifest: copied whatever their times say. Without a
    // manifest, rsync compares the bytes: only what differs is copied.
    let check = if plan.had_manifest {
        "--ignore-times"
    } else {
        "--checksum"
    };
    let mut sent = BTreeSet::new();
    for (name, list) in [("pages", pages), ("indexes", indexes)] {
        if list.is_empty() {
            continue;
        }
        let paths: Vec<&str> = list.iter().map(String::as_str).collect();
        let from = file_list(scratch, name, &paths)?;
        let files_from = format!("--files-from={}", from.display());
        let mut args = vec![
            os("--recursive"),
            os("--times"),
            os(check),
            os("--out-format=%n"),
            os(&files_from),
            os(&source),
            os(&target),
        ];
        if dry_run {
            args.insert(0, os("--dry-run"));
        }
        let step = match name {
            "pages" => crate::tr!("deploy-rsync-copying-pages"),
            _ => crate::tr!("deploy-rsync-copying-indexes"),
        };
        let printed = rsync_ok(dest, &step, &args)?;
        sent.extend(
            printed
                .lines()
                .filter(|line| !line.is_empty() && !line.ends_with('/'))
                .map(str::to_string),
        );
    }
    Ok(sent)
}

/// rsync in passes: the pages and assets, the indexes, the removals (from a scaffold of empty
/// folders, with `--delete-missing-args`: only the files listed go), the folders left empty,
/// the manifest. The files rsync sent.
fn rsync_deploy(out: &Path, dest: &str, plan: &Plan) -> Result<BTreeSet<String>> {
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let target = rsync_dir(dest);
    let sent = rsync_copy(out, dest, plan, scratch.path(), false)?;
    if !plan.remove.is_empty() {
        let scaffold = scratch.path().join("scaffold");
        for path in &plan.remove {
            if let Some((dir, _)) = path.rsplit_once('/') {
                let dir = scaffold.join(dir);
                std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
            }
        }
        std::fs::create_dir_all(&scaffold).map_err(|e| Error::io(&scaffold, e))?;
        let paths: Vec<&str> = plan.remove.iter().map(String::as_str).collect();
        let from = file_list(scratch.path(), "remove", &paths)?;
        let files_from = format!("--files-from={}", from.display());
        let scaffold_source = format!("{}/", scaffold.display());
        rsync_ok(
            dest,
            &crate::tr!("deploy-rsync-removing"),
            &[
                os("--recursive"),
                os("--delete-missing-args"),
                os(&files_from),
                os(&scaffold_source),
                os(&target),
            ],
        )?;
        // The folders left empty, a depth at a time, deepest first: rsync removes a folder
        // only when it is empty, and says so of the others (exit code 24), which is as meant.
        let empty = scratch.path().join("empty");
        std::fs::create_dir_all(&empty).map_err(|e| Error::io(&empty, e))?;
        let empty_source = format!("{}/", empty.display());
        let dirs = emptied_dirs(plan);
        let mut depth_groups: BTreeMap<std::cmp::Reverse<usize>, Vec<&str>> = BTreeMap::new();
        for dir in &dirs {
            depth_groups
                .entry(std::cmp::Reverse(dir.matches('/').count()))
                .or_default()
                .push(dir);
        }
        for (i, group) in depth_groups.values().enumerate() {
            let from = file_list(scratch.path(), &format!("dirs{i}"), group)?;
            let files_from = format!("--files-from={}", from.display());
            // Best effort: a folder left behind costs nothing.
            let _ = rsync(
                dest,
                &[
                    os("--dirs"),
                    os("--no-implied-dirs"),
                    os("--delete-missing-args"),
                    os(&files_from),
                    os(&empty_source),
                    os(&target),
                ],
            )?;
        }
    }
    let manifest_dir = scratch.path().join("manifest");
    std::fs::create_dir_all(&manifest_dir).map_err(|e| Error::io(&manifest_dir, e))?;
    let manifest = manifest_dir.join(MANIFEST);
    std::fs::write(&manifest, manifest_text(&plan.files)).map_err(|e| Error::io(&manifest, e))?;
    rsync_ok(
        dest,
        &crate::tr!("deploy-rsync-writing-manifest"),
        &[os("--times"), manifest.as_os_str(), os(&target)],
    )?;
    Ok(sent)
}

/// The sftp program: `GONGSHI_SFTP`, or `sftp` on the PATH.
fn sftp_program() -> std::ffi::OsString {
    std::env::var_os("GONGSHI_SFTP")
        .filter(|p| !p.is_empty())
        .unwrap_or_else(|| "sftp".into())
}

/// What an sftp session was for, as its error says.
#[derive(Clone, Copy)]
enum SftpStep {
    Manifest,
    Copy,
}

/// Runs sftp on a batch of commands (a command starting with `-` may fail); what it said, or
/// the error that stopped it with what it said.
fn sftp_batch(sftp: &Sftp, step: SftpStep, commands: &str, scratch: &Path) -> Result<()> {
    let batch = scratch.join("commands.sftp");
    std::fs::write(&batch, commands).map_err(|e| Error::io(&batch, e))?;
    let mut command = Command::new(sftp_program());
    // Batch mode: a password prompt would wait for ever in cron.
    command.arg("-b").arg(&batch).args(["-o", "BatchMode=yes"]);
    if let Some(port) = sftp.port {
        command.arg("-P").arg(port.to_string());
    }
    let output = command.arg("--").arg(&sftp.login).output().map_err(|e| {
        let message = if e.kind() == std::io::ErrorKind::NotFound {
            crate::tr!("deploy-sftp-missing")
        } else {
            crate::tr!("deploy-sftp-cannot-run", error = e.to_string())
        };
        Error::Deploy {
            target: sftp.address(),
            message,
        }
    })?;
    if output.status.success() {
        return Ok(());
    }
    Err(Error::Deploy {
        target: sftp.address(),
        message: crate::tr!(
            "deploy-sftp-failed",
            what = match step {
                SftpStep::Manifest => crate::tr!("deploy-sftp-reading-manifest"),
                SftpStep::Copy => crate::tr!("deploy-sftp-copying"),
            },
            code = output.status.code().unwrap_or(-1),
            said = String::from_utf8_lossy(&output.stderr).trim().to_string()
        ),
    })
}

/// A path as an sftp batch line quotes it: in double quotes, with `"` and `\` escaped, and the
/// glob characters too (sftp expands them in remote paths).
fn sftp_quote(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 2);
    out.push('"');
    for c in path.chars() {
        if matches!(c, '"' | '\\' | '*' | '?' | '[' | ']') {
            out.push('\\');
        }
        out.push(c);
    }
    out.push('"');
    out
}

/// The server's manifest, fetched with sftp; `None` if it has none.
fn sftp_manifest(sftp: &Sftp) -> Result<Option<BTreeMap<String, Entry>>> {
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let local = scratch.path().join(MANIFEST);
    let commands = format!(
        "-get {} {}\n",
        sftp_quote(&sftp.remote(MANIFEST)),
        sftp_quote(&local.to_string_lossy())
    );
    sftp_batch(sftp, SftpStep::Manifest, &commands, scratch.path())?;
    if local.exists() {
        read_manifest_file(&local)
    } else {
        Ok(None)
    }
}

/// One sftp session: the folders, the pages and assets, the indexes, the removals, the folders
/// left empty (deepest first), the manifest. A failing copy stops it there (what was copied
/// stays, and the old manifest: the next deploy copies the rest).
fn sftp_deploy(out: &Path, sftp: &Sftp, plan: &Plan) -> Result<()> {
    use std::fmt::Write as _;
    let scratch = tempfile::tempdir().map_err(|e| Error::io(std::env::temp_dir(), e))?;
    let mut commands = String::new();
    let mut folders: BTreeSet<&str> = BTreeSet::from([""]);
    folders.extend(plan.copy.iter().flat_map(|p| ancestors(p)));
    // Parents first (a BTreeSet sorts "a" before "a/b"); those already there fail, as meant.
    for folder in &folders {
        let _ = writeln!(commands, "-mkdir {}", sftp_quote(&sftp.remote(folder)));
    }
    for path in &plan.copy {
        let local = out.join(path);
        let _ = writeln!(
            commands,
            "put {} {}",
            sftp_quote(&local.to_string_lossy()),
            sftp_quote(&sftp.remote(path))
        );
    }
    for path in &plan.remove {
        // Already gone is as good as removed.
        let _ = writeln!(commands, "-rm {}", sftp_quote(&sftp.remote(path)));
    }
    for folder in emptied_dirs(plan) {
        let _ = writeln!(commands, "-rmdir {}", sftp_quote(&sftp.remote(&folder)));
    }
    let manifest = scratch.path().join(MANIFEST);
    std::fs::write(&manifest, manifest_text(&plan.files)).map_err(|e| Error::io(&manifest, e))?;
    let _ = writeln!(
        commands,
        "put {} {}",
        sftp_quote(&manifest.to_string_lossy()),
        sftp_quote(&sftp.remote(MANIFEST))
    );
    sftp_batch(sftp, SftpStep::Copy, &commands, scratch.path())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indexes_go_last_and_results_first() {
        assert_eq!(Tier::of("index.html"), Tier::Index);
        assert_eq!(Tier::of("entities/index.html"), Tier::Index);
        assert_eq!(Tier::of("sitemap.xml"), Tier::Index);
        assert_eq!(Tier::of("sitemap-2.xml"), Tier::Index);
        assert_eq!(Tier::of("feed.xml"), Tier::Index);
        assert_eq!(Tier::of("search/dict.bin"), Tier::Index);
        assert_eq!(Tier::of("search/g/1f.bin"), Tier::Index);
        assert_eq!(Tier::of("tasks/m-1/index.html"), Tier::Leaf);
        assert_eq!(Tier::of("style.css"), Tier::Leaf);
        assert_eq!(Tier::of("data/tasks.csv"), Tier::Leaf);
        assert_eq!(Tier::of("quarters/2025q3/index.html"), Tier::Page);
        assert_eq!(Tier::of("units/u-1/2025q3/index.html"), Tier::Page);
        assert_eq!(Tier::of("entities/91440300192317458f/feed.xml"), Tier::Page);
    }

    #[test]
    fn a_plan_copies_what_differs_indexes_last_and_removes_only_what_it_listed() {
        let entry = |hash| Entry { size: 1, hash };
        let files: BTreeMap<String, Entry> = [
            ("index.html", 1),
            ("tasks/new/index.html", 2),
            ("quarters/q/index.html", 3),
            ("style.css", 4),
            ("tasks/same/index.html", 5),
        ]
        .into_iter()
        .map(|(p, h)| (p.to_string(), entry(h)))
        .collect();
        let previous: BTreeMap<String, Entry> = [
            ("index.html", 9),
            ("tasks/same/index.html", 5),
            ("tasks/gone/index.html", 6),
        ]
        .into_iter()
        .map(|(p, h)| (p.to_string(), entry(h)))
        .collect();
        let plan = plan(files, Some(previous), |_, _, listed| listed);
        assert_eq!(
            plan.copy,
            [
                "style.css",
                "tasks/new/index.html",
                "quarters/q/index.html",
                "index.html"
            ]
        );
        assert_eq!(plan.indexes, 1);
        assert_eq!(plan.remove, ["tasks/gone/index.html"]);
        assert_eq!(plan.unchanged, 1);
    }

    #[test]
    fn targets_read_as_meant() {
        assert_eq!(
            Target::parse("/srv/www").unwrap(),
            Target::Folder("/srv/www".into())
        );
        assert_eq!(
            Target::parse("rsync:/srv/www").unwrap(),
            Target::Rsync("/srv/www".into())
        );
        assert_eq!(
            Target::parse("web@host:/srv/www").unwrap(),
            Target::Rsync("web@host:/srv/www".into())
        );
        assert_eq!(
            Target::parse("rsync://host/www").unwrap(),
            Target::Rsync("rsync://host/www".into())
        );
        assert!(Target::parse("rsync:").is_err());
        assert_eq!(
            Target::parse("sftp://web@www.example.gov.cn:2222/srv/www/gongshi/").unwrap(),
            Target::Sftp(Sftp {
                login: "web@www.example.gov.cn".into(),
                port: Some(2222),
                path: "/srv/www/gongshi".into()
            })
        );
        assert_eq!(
            Target::parse("sftp://host/www").unwrap(),
            Target::Sftp(Sftp {
                login: "host".into(),
                port: None,
                path: "/www".into()
            })
        );
        for wrong in [
            "sftp://host",
            "sftp://host/",
            "sftp://host:x/www",
            "sftp://-oProxy/www",
        ] {
            assert!(Target::parse(wrong).is_err(), "{wrong}");
        }
        assert_eq!(sftp_quote("a b/\"x*\".html"), "\"a b/\\\"x\\*\\\".html\"");
    }

    #[test]
    fn a_manifest_reads_back_and_refuses_paths_that_leave() {
        let mut files = BTreeMap::new();
        files.insert("a b/index.html".to_string(), Entry { size: 3, hash: 7 });
        let text = manifest_text(&files);
        assert_eq!(parse_manifest(&text), Some(files));
        for bad in ["0 1 ../x", "0 1 /etc/passwd", "0 1 a//b", "zz 1 a"] {
            assert_eq!(parse_manifest(&format!("{MAGIC}\n{bad}\n")), None, "{bad}");
        }
    }

    #[test]
    fn folders_emptied_deepest_first_and_only_those_the_site_left() {
        let mut files = BTreeMap::new();
        files.insert("tasks/a/index.html".to_string(), Entry { size: 1, hash: 1 });
        let plan = Plan {
            remove: vec!["tasks/b/index.html".into(), "units/u/q/index.html".into()],
            files,
            ..Plan::default()
        };
        assert_eq!(
            emptied_dirs(&plan),
            ["units/u/q", "tasks/b", "units/u", "units"]
        );
    }
}
