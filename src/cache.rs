//! The build cache, beside the output folder and never in it:
//!
//! - the manifest: what the last build wrote to the output folder, file by file, so that the
//!   next build leaves unchanged files alone (same bytes, same inode, same mtime: deployment
//!   syncs stay small);
//! - the report: the last build's report with a digest of everything it read, so that a build
//!   whose inputs are byte for byte the same, and whose output folder is as that build left
//!   it, says the same again without reading a record.
//!
//! A missing, damaged or stale cache only makes a build do all its work again.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use xxhash_rust::xxh3::Xxh3;

use crate::error::{Error, Result};
use crate::model::Report;

/// A file as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CachedFile {
    /// [`crate::site::Site::produce`].
    pub fingerprint: u64,
    pub state: FileState,
}

/// What `stat` says of a file: enough to notice that it was changed, replaced or restored
/// from a copy since gongshi wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    pub size: u64,
    /// Nanoseconds since 1970 (an i64 holds them until 2262).
    pub modified_ns: i64,
    pub inode: u64,
}

impl FileState {
    pub fn of(path: &Path) -> Option<FileState> {
        std::fs::symlink_metadata(path)
            .ok()
            .filter(|m| m.is_file())
            .map(|m| FileState::from_metadata(&m))
    }

    pub fn from_metadata(meta: &std::fs::Metadata) -> FileState {
        let modified_ns = meta
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| i64::try_from(d.as_nanos()).unwrap_or(i64::MAX));
        FileState {
            size: meta.len(),
            modified_ns,
            inode: inode(meta),
        }
    }
}

#[cfg(unix)]
fn inode(meta: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(meta)
}

#[cfg(not(unix))]
fn inode(_: &std::fs::Metadata) -> u64 {
    0
}

const MAGIC: &str = "gongshi-cache 1";

/// What the last build left in an output folder, as the next build needs it: for each file,
/// by a hash of its path (paths are not kept: a province has millions), its entry and whether
/// it is still as written.
#[derive(Debug, Default)]
pub struct Manifest {
    /// [`crate::site::Site::fingerprint_salt`] of the build that wrote it.
    pub salt: u64,
    /// Sorted by path hash.
    files: Vec<Kept>,
}

#[derive(Debug, Clone, Copy)]
struct Kept {
    path: u64,
    entry: CachedFile,
    untouched: bool,
}

/// The hash a manifest finds a path by.
pub fn path_hash(path: &str) -> u64 {
    xxhash_rust::xxh3::xxh3_64(path.as_bytes())
}

impl Manifest {
    /// `<parent>/.<name>.gongshi-cache` for the output folder `<parent>/<name>`.
    pub fn path_for(out: &Path) -> PathBuf {
        let name = out
            .file_name()
            .map_or_else(|| "out".into(), |n| n.to_string_lossy());
        let parent = match out.parent() {
            Some(p) if !p.as_os_str().is_empty() => p,
            _ => Path::new("."),
        };
        parent.join(format!(".{name}.gongshi-cache"))
    }

    /// Reads the manifest at `path` and looks (with `stat`, on every core) at each file it
    /// lists under `out`. `None` if there is none or it cannot be read: the build then writes
    /// every file.
    pub fn look(path: &Path, out: &Path) -> Option<Manifest> {
        use rayon::prelude::*;
        use std::io::BufRead;
        let mut lines = std::io::BufReader::new(std::fs::File::open(path).ok()?).lines();
        let salt = u64::from_str_radix(lines.next()?.ok()?.strip_prefix(MAGIC)?.trim(), 16).ok()?;
        let mut files = Vec::new();
        let mut batch: Vec<(String, CachedFile)> = Vec::new();
        let mut look = |batch: &mut Vec<(String, CachedFile)>| {
            files.par_extend(batch.par_drain(..).map(|(file, entry)| Kept {
                path: path_hash(&file),
                entry,
                untouched: FileState::of(&out.join(&file)) == Some(entry.state),
            }));
        };
        for line in lines {
            let line = line.ok()?;
            let mut parts = line.splitn(5, ' ');
            let fingerprint = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let modified_ns = parts.next()?.parse().ok()?;
            let inode = parts.next()?.parse().ok()?;
            let file = parts.next()?.to_string();
            let state = FileState {
                size,
                modified_ns,
                inode,
            };
            batch.push((file, CachedFile { fingerprint, state }));
            if batch.len() == 16_384 {
                look(&mut batch);
            }
        }
        look(&mut batch);
        files.par_sort_unstable_by_key(|kept| kept.path);
        Some(Manifest { salt, files })
    }

    /// Writes a manifest of `files` (path and entry) through a temporary file and a rename.
    pub fn save(
        path: &Path,
        salt: u64,
        files: impl Iterator<Item = (String, CachedFile)>,
    ) -> Result<()> {
        write_then_rename(path, &path.with_extension("tmp"), |out| {
            writeln!(out, "{MAGIC} {salt:016x}")?;
            for (file, entry) in files {
                if file.contains('\n') {
                    continue;
                }
                let s = entry.state;
                writeln!(
                    out,
                    "{:016x} {} {} {} {file}",
                    entry.fingerprint, s.size, s.modified_ns, s.inode
                )?;
            }
            Ok(())
        })
    }

    /// The last build's entry for `path`, and whether the file is still as it was written.
    pub fn get(&self, path: &str) -> Option<(CachedFile, bool)> {
        let hash = path_hash(path);
        let i = self
            .files
            .binary_search_by_key(&hash, |kept| kept.path)
            .ok()?;
        Some((self.files[i].entry, self.files[i].untouched))
    }

    /// Whether every file is as the last build wrote it.
    pub fn all_untouched(&self) -> bool {
        self.files.iter().all(|kept| kept.untouched)
    }

    pub fn len(&self) -> usize {
        self.files.len()
    }

    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Everything in a site folder that a build reads: the settings, the data (task ledgers,
/// publication ledger, calendars), the content pages and the themes. Loaders read nothing else.
pub const INPUTS: [&str; 4] = [crate::config::CONFIG_FILE, "data", "content", "themes"];

/// A digest of every file under [`INPUTS`] (paths and bytes), the as-of date and gongshi
/// itself: two builds with the same digest read the same and report the same.
pub fn inputs_digest(site: &Path, as_of: NaiveDate) -> std::io::Result<u64> {
    let mut hasher = Xxh3::new();
    hasher.update(&crate::binary_identity().to_le_bytes());
    hasher.update(as_of.to_string().as_bytes());
    for input in INPUTS {
        let root = site.join(input);
        if !root.exists() {
            hasher.update(b"\0absent\0");
            continue;
        }
        for entry in walkdir::WalkDir::new(&root)
            .follow_links(true)
            .sort_by_file_name()
        {
            let entry = entry.map_err(std::io::Error::from)?;
            if !entry.file_type().is_file() {
                continue;
            }
            // Streamed: the exports and the archive of a province are hundreds of megabytes.
            let mut file = std::fs::File::open(entry.path())?;
            let length = file.metadata()?.len();
            let relative = entry.path().strip_prefix(site).unwrap_or(entry.path());
            hasher.update(relative.as_os_str().as_encoded_bytes());
            hasher.update(b"\0");
            hasher.update(&length.to_le_bytes());
            let mut buffer = vec![0; 1 << 16];
            let mut read = 0;
            loop {
                let n = std::io::Read::read(&mut file, &mut buffer)?;
                if n == 0 {
                    break;
                }
                hasher.update(&buffer[..n]);
                read += n as u64;
            }
            if read != length {
                // Changed while read: no digest that a later build could take for the same.
                return Err(std::io::Error::other("a file changed while it was read"));
            }
        }
    }
    Ok(hasher.digest())
}

const REPORT_MAGIC: &str = "gongshi-report 1";

/// A build's report and the [`inputs_digest`] of what it read.
pub struct ReportCache {
    pub digest: u64,
    pub report: Report,
}

impl ReportCache {
    /// `<parent>/.<name>.gongshi-report` for the output folder `<parent>/<name>`.
    pub fn path_for(out: &Path) -> PathBuf {
        let manifest = Manifest::path_for(out);
        manifest.with_extension("gongshi-report")
    }

    pub fn load(path: &Path) -> Option<ReportCache> {
        // Read whole: serde_json parses a slice several times faster than a reader.
        let bytes = std::fs::read(path).ok()?;
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let first = std::str::from_utf8(&bytes[..newline]).ok()?;
        let digest = u64::from_str_radix(first.strip_prefix(REPORT_MAGIC)?.trim(), 16).ok()?;
        let report = serde_json::from_slice(&bytes[newline + 1..]).ok()?;
        Some(ReportCache { digest, report })
    }

    /// Writes the cache through a temporary file and a rename.
    pub fn save(&self, path: &Path) -> Result<()> {
        let temporary = path.with_extension("gongshi-report.tmp");
        write_then_rename(path, &temporary, |out| {
            writeln!(out, "{REPORT_MAGIC} {:016x}", self.digest)?;
            serde_json::to_writer(out, &self.report).map_err(std::io::Error::from)
        })
    }
}

/// Writes `path` through `temporary` and a rename, a buffer at a time.
fn write_then_rename(
    path: &Path,
    temporary: &Path,
    write: impl FnOnce(&mut std::io::BufWriter<std::fs::File>) -> std::io::Result<()>,
) -> Result<()> {
    let mut out = std::io::BufWriter::new(
        std::fs::File::create(temporary).map_err(|e| Error::io(temporary, e))?,
    );
    write(&mut out)
        .and_then(|()| out.flush())
        .and_then(|()| std::fs::rename(temporary, path))
        .map_err(|e| Error::io(path, e))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written_and_sees_what_changed_since() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        std::fs::create_dir_all(out.join("tasks/b c")).unwrap();
        std::fs::write(out.join("tasks/b c/index.html"), "b").unwrap();
        std::fs::write(out.join("index.html"), "i").unwrap();
        let state = |p: &str| FileState::of(&out.join(p)).unwrap();
        let path = dir.path().join(".public.gongshi-cache");
        let files = vec![
            (
                "tasks/b c/index.html".to_string(),
                CachedFile {
                    fingerprint: 2,
                    state: state("tasks/b c/index.html"),
                },
            ),
            (
                "index.html".to_string(),
                CachedFile {
                    fingerprint: u64::MAX,
                    state: state("index.html"),
                },
            ),
            (
                "gone.html".to_string(),
                CachedFile {
                    fingerprint: 3,
                    state: state("index.html"),
                },
            ),
        ];
        Manifest::save(&path, 0xabc, files.into_iter()).unwrap();
        let back = Manifest::look(&path, &out).unwrap();
        assert_eq!(back.salt, 0xabc);
        assert_eq!(back.len(), 3);
        let (entry, untouched) = back.get("tasks/b c/index.html").unwrap();
        assert_eq!((entry.fingerprint, untouched), (2, true));
        assert_eq!(back.get("index.html").unwrap().0.fingerprint, u64::MAX);
        // Listed, but no longer there.
        assert!(!back.get("gone.html").unwrap().1);
        assert!(!back.all_untouched());
        assert!(back.get("missing").is_none());
    }

    #[test]
    fn a_damaged_manifest_is_no_manifest() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m");
        for text in [
            "",
            "gongshi-cache 1 zz\n",
            "gongshi-cache 1 1\nnot a line\n",
        ] {
            std::fs::write(&path, text).unwrap();
            assert!(Manifest::look(&path, dir.path()).is_none(), "{text:?}");
        }
        assert!(Manifest::look(&dir.path().join("none"), dir.path()).is_none());
    }

    #[test]
    fn the_cache_sits_beside_the_output_folder() {
        assert_eq!(
            Manifest::path_for(Path::new("site/public")),
            Path::new("site/.public.gongshi-cache")
        );
        assert_eq!(
            Manifest::path_for(Path::new("public")),
            Path::new("./.public.gongshi-cache")
        );
    }
}
