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

use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use xxhash_rust::xxh3::Xxh3;

use crate::error::{Error, Result};
use crate::report::Report;

/// A file as the last build left it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Entry {
    /// [`crate::site::Produced::fingerprint`].
    pub fingerprint: u64,
    pub state: FileState,
}

/// What `stat` says of a file: enough to notice that it was changed, replaced or restored
/// from a copy since gongshi wrote it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileState {
    pub size: u64,
    pub modified_ns: i128,
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
            .map_or(0, |d| d.as_nanos() as i128);
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

/// Every file of one output folder, by path.
#[derive(Debug, Default)]
pub struct Manifest {
    /// [`crate::site::Site::fingerprint_salt`] of the build that wrote it.
    pub salt: u64,
    /// Sorted by path.
    entries: Vec<(String, Entry)>,
}

impl Manifest {
    pub fn new(salt: u64, mut entries: Vec<(String, Entry)>) -> Manifest {
        entries.sort_unstable_by(|a, b| a.0.cmp(&b.0));
        Manifest { salt, entries }
    }

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

    /// The manifest at `path`, or `None` if there is none or it cannot be read: the build
    /// then writes every file.
    pub fn load(path: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(path).ok()?;
        let mut lines = text.lines();
        let salt = u64::from_str_radix(lines.next()?.strip_prefix(MAGIC)?.trim(), 16).ok()?;
        let mut entries = Vec::new();
        for line in lines {
            let mut parts = line.splitn(5, ' ');
            let fingerprint = u64::from_str_radix(parts.next()?, 16).ok()?;
            let size = parts.next()?.parse().ok()?;
            let modified_ns = parts.next()?.parse().ok()?;
            let inode = parts.next()?.parse().ok()?;
            let path = parts.next()?.to_string();
            entries.push((
                path,
                Entry {
                    fingerprint,
                    state: FileState {
                        size,
                        modified_ns,
                        inode,
                    },
                },
            ));
        }
        if !entries.is_sorted_by(|a, b| a.0 < b.0) {
            return None;
        }
        Some(Manifest { salt, entries })
    }

    /// Writes the manifest through a temporary file and a rename.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut text = String::with_capacity(self.entries.len() * 96 + 32);
        text.push_str(&format!("{MAGIC} {:016x}\n", self.salt));
        for (file, entry) in &self.entries {
            if file.contains('\n') {
                continue;
            }
            let s = entry.state;
            text.push_str(&format!(
                "{:016x} {} {} {} {file}\n",
                entry.fingerprint, s.size, s.modified_ns, s.inode
            ));
        }
        let temporary = path.with_extension("tmp");
        std::fs::write(&temporary, text)
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|e| Error::io(path, e))
    }

    pub fn get(&self, path: &str) -> Option<Entry> {
        self.find(path).map(|(_, entry)| entry)
    }

    /// The entry for `path` with its place among [`Manifest::paths`].
    pub fn find(&self, path: &str) -> Option<(usize, Entry)> {
        self.entries
            .binary_search_by(|(p, _)| p.as_str().cmp(path))
            .ok()
            .map(|i| (i, self.entries[i].1))
    }

    /// Every file's entry, in [`Manifest::paths`] order.
    pub fn entries(&self) -> impl Iterator<Item = Entry> + '_ {
        self.entries.iter().map(|(_, entry)| *entry)
    }

    /// Every file's path, in order.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.entries.iter().map(|(path, _)| path.as_str())
    }

    pub fn len(&self) -> usize {
        self.entries.len()
    }

    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
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
            let bytes = std::fs::read(entry.path())?;
            let relative = entry.path().strip_prefix(site).unwrap_or(entry.path());
            hasher.update(relative.as_os_str().as_encoded_bytes());
            hasher.update(b"\0");
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(&bytes);
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
        let bytes = std::fs::read(path).ok()?;
        let newline = bytes.iter().position(|&b| b == b'\n')?;
        let first = std::str::from_utf8(&bytes[..newline]).ok()?;
        let digest = u64::from_str_radix(first.strip_prefix(REPORT_MAGIC)?.trim(), 16).ok()?;
        let report = serde_json::from_slice(&bytes[newline + 1..]).ok()?;
        Some(ReportCache { digest, report })
    }

    /// Writes the cache through a temporary file and a rename.
    pub fn save(&self, path: &Path) -> Result<()> {
        let mut bytes = format!("{REPORT_MAGIC} {:016x}\n", self.digest).into_bytes();
        serde_json::to_writer(&mut bytes, &self.report)
            .map_err(|e| Error::io(path, std::io::Error::other(e)))?;
        let temporary = path.with_extension("gongshi-report.tmp");
        std::fs::write(&temporary, bytes)
            .and_then(|()| std::fs::rename(&temporary, path))
            .map_err(|e| Error::io(path, e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_reads_back_as_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join(".public.gongshi-cache");
        let entry = |fingerprint, inode| Entry {
            fingerprint,
            state: FileState {
                size: 10,
                modified_ns: 1_700_000_000_123_456_789,
                inode,
            },
        };
        let manifest = Manifest::new(
            0xabc,
            vec![
                ("tasks/b c/index.html".into(), entry(2, 7)),
                ("index.html".into(), entry(u64::MAX, 8)),
            ],
        );
        manifest.save(&path).unwrap();
        let back = Manifest::load(&path).unwrap();
        assert_eq!(back.salt, 0xabc);
        assert_eq!(back.len(), 2);
        assert_eq!(back.get("tasks/b c/index.html"), Some(entry(2, 7)));
        assert_eq!(back.get("index.html"), Some(entry(u64::MAX, 8)));
        assert_eq!(back.get("missing"), None);
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
            assert!(Manifest::load(&path).is_none(), "{text:?}");
        }
        assert!(Manifest::load(&dir.path().join("none")).is_none());
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
