//! Helpers for driving the real `gongshi` binary on fixture sites.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A scratch copy of `tests/fixtures/<name>`, so builds can write into it.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_path(name), dir.path());
    dir
}

/// The minimal fixture with its one task ledger replaced by `tasks_csv`.
pub fn minimal_with(tasks_csv: &str) -> tempfile::TempDir {
    let site = fixture("minimal");
    std::fs::write(site.path().join("data/tasks/tasks.csv"), tasks_csv).unwrap();
    site
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs gongshi as if on the day of its `--as-of` (pinned by `GONGSHI_TODAY`), so that a build
/// for that day may write the ledger, as a build for today does.
pub fn gongshi(args: &[&str]) -> Output {
    let today = args
        .iter()
        .position(|a| *a == "--as-of")
        .and_then(|i| args.get(i + 1))
        .copied();
    gongshi_on(today, args)
}

/// Runs gongshi with today pinned to `today` (`None`: the real clock).
pub fn gongshi_on(today: Option<&str>, args: &[&str]) -> Output {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gongshi"));
    command.args(args).env_remove("GONGSHI_TODAY");
    if let Some(today) = today {
        command.env("GONGSHI_TODAY", today);
    }
    command.output().expect("gongshi runs")
}

/// [`gongshi_on`] with `--site`.
pub fn gongshi_in_on(site: &Path, today: Option<&str>, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--site");
    all.push(site.to_str().unwrap());
    gongshi_on(today, &all)
}

pub fn gongshi_in(site: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--site");
    all.push(site.to_str().unwrap());
    gongshi(&all)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(output), stderr(output)))
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// Every file under `dir` with its inode and mtime.
pub fn identities(dir: &Path) -> std::collections::BTreeMap<String, (u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, (meta.ino(), meta.mtime(), meta.mtime_nsec()))
        })
        .collect()
}
