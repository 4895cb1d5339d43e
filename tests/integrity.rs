//! Never lose a record, never leave a half-written site: kills mid-build, concurrent builds,
//! stale folders from dead builds, malformed ledgers.

mod common;

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Duration;

use common::*;

/// A scratch copy of the repository's sample site.
fn sample_site() -> tempfile::TempDir {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    for part in ["data", "content", "themes"] {
        copy_dir(&root.join(part), &dir.path().join(part));
    }
    std::fs::copy(root.join("gongshi.toml"), dir.path().join("gongshi.toml")).unwrap();
    dir
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_site_in_place() {
    let site = sample_site();
    let public = site.path().join("public");
    let build = || {
        gongshi_in(
            site.path(),
            &["build", "--as-of", "2026-11-22", "--no-ledger"],
        )
    };
    assert_eq!(build().status.code(), Some(0));
    let old = tree(&public);

    // The next build has other input, so its site differs from the old one in every page.
    let config = site.path().join("gongshi.toml");
    let text = std::fs::read_to_string(&config).unwrap();
    std::fs::write(
        &config,
        text.replace("抽查结果公示\"", "抽查结果公示（新）\""),
    )
    .unwrap();
    let reference = site.path().join("reference");
    gongshi_in(
        site.path(),
        &[
            "build",
            "--as-of",
            "2026-11-22",
            "--no-ledger",
            "--out",
            reference.to_str().unwrap(),
        ],
    );
    let new = tree(&reference);
    assert_ne!(old, new);

    let mut saw_old = false;
    for delay_ms in [5u64, 20, 40, 60, 80, 100, 130, 160, 200, 250, 300, 400] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args([
                "build",
                "--site",
                site.path().to_str().unwrap(),
                "--as-of",
                "2026-11-22",
                "--no-ledger",
            ])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        std::thread::sleep(Duration::from_millis(delay_ms));
        let _ = child.kill(); // SIGKILL
        child.wait().unwrap();
        let now = tree(&public);
        assert!(
            now == old || now == new,
            "after a kill at {delay_ms} ms the site is neither the old nor the new one"
        );
        saw_old |= now == old;
        if now == new {
            // Start over from the old site for the next kill.
            std::fs::write(&config, &text).unwrap();
            assert_eq!(build().status.code(), Some(0));
            std::fs::write(
                &config,
                text.replace("抽查结果公示\"", "抽查结果公示（新）\""),
            )
            .unwrap();
        }
    }
    assert!(saw_old, "at least one kill landed mid-build");
    // The next build clears what the killed ones left beside the output and completes.
    assert_eq!(build().status.code(), Some(0));
    assert_eq!(tree(&public), new);
    let leftovers: Vec<String> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".gongshi-new-") || n.contains(".gongshi-old-"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_second_build_of_the_same_site_waits_for_the_first() {
    let site = fixture("minimal");
    let lock = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(site.path().join(".gongshi.lock"))
        .unwrap();
    lock.lock().unwrap();
    let mut waiting = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args([
            "build",
            "--site",
            site.path().to_str().unwrap(),
            "--as-of",
            "2025-09-10",
        ])
        .env("GONGSHI_TODAY", "2025-09-10")
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    assert!(
        waiting.try_wait().unwrap().is_none(),
        "it waits while the lock is held"
    );
    assert!(
        !site.path().join("data/published.csv").exists(),
        "the ledger is not touched meanwhile"
    );
    assert!(!site.path().join("public").exists());
    // A check reads only, and needs no lock.
    assert_eq!(
        gongshi_in(site.path(), &["check", "--as-of", "2025-09-10"])
            .status
            .code(),
        Some(0)
    );
    lock.unlock().unwrap();
    let output = waiting.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0));
    assert!(
        stderr(&output).contains("waiting for another gongshi build"),
        "{}",
        stderr(&output)
    );
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn concurrent_builds_never_corrupt_the_ledger() {
    let site = fixture("minimal");
    let children: Vec<_> = (0..6)
        .map(|_| {
            Command::new(env!("CARGO_BIN_EXE_gongshi"))
                .args([
                    "build",
                    "--site",
                    site.path().to_str().unwrap(),
                    "--as-of",
                    "2025-09-10",
                ])
                .env("GONGSHI_TODAY", "2025-09-10")
                .stdout(Stdio::null())
                .stderr(Stdio::piped())
                .spawn()
                .unwrap()
        })
        .collect();
    let codes: Vec<Option<i32>> = children
        .into_iter()
        .map(|c| c.wait_with_output().unwrap().status.code())
        .collect();
    assert!(
        codes.iter().all(|c| *c == Some(0) || *c == Some(2)),
        "{codes:?}"
    );
    assert!(codes.contains(&Some(0)));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    let rows: Vec<&str> = ledger.lines().skip(1).collect();
    assert_eq!(rows.len(), 2, "each task recorded once: {ledger}");
}

#[test]
fn a_malformed_ledger_is_fatal_and_left_as_it_was() {
    let site = fixture("minimal");
    let bad = "kind,id,published_on,late_reason\ntask,M-1,10/09/2025,\n";
    std::fs::create_dir_all(site.path().join("data")).unwrap();
    std::fs::write(site.path().join("data/published.csv"), bad).unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("data/published.csv:2"),
        "{}",
        stderr(&output)
    );
    assert_eq!(
        std::fs::read_to_string(site.path().join("data/published.csv")).unwrap(),
        bad
    );
    assert!(!site.path().join("public").exists());
}
