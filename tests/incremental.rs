//! Incremental builds: a rebuild leaves every file it does not change alone (same inode, same
//! mtime), so that deployment syncs stay small. Checked by file identity, never by timing.

mod common;

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use common::{gongshi_in, minimal_with, stderr, tree};

/// Every file under `dir` with its inode and mtime.
fn identities(dir: &Path) -> BTreeMap<String, (u64, i64, i64)> {
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

/// Thirty tasks of twelve companies over three quarters, all ended by 2025-10-20. T-07 ended
/// 2025-06-08, in 2025Q2.
fn tasks_csv(result_of_t7: &str) -> String {
    let mut csv =
        String::from("task_id,unit,category,matter,entity,credit_code,start,end,result,handling\n");
    for i in 1..=30 {
        let (month, unit) = match i % 3 {
            0 => (3, "坪山管理局执法一队"),
            1 => (6, "坪山管理局执法二队"),
            _ => (9, "坪山管理局坑梓所"),
        };
        let day = 1 + i % 20;
        let result = if i == 7 {
            result_of_t7
        } else {
            "未发现问题"
        };
        csv.push_str(&format!(
            "T-{i:02},{unit},一般监管对象,废气排放检查,坪山某{}号电子有限公司,,2025-{month:02}-{day:02},2025-{month:02}-{day:02},{result},\n",
            i % 12
        ));
    }
    csv
}

fn build(site: &Path) -> String {
    let output = gongshi_in(site, &["build", "--as-of", "2025-10-20", "--no-ledger"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    stderr(&output)
}

/// "public: 123 files, 4 written, 119 unchanged" → (123, 4).
fn counts(summary: &str) -> (usize, usize) {
    let line = summary
        .lines()
        .find(|l| l.contains(" files, "))
        .unwrap_or_else(|| panic!("no summary line in {summary}"));
    let number = |word: &str| -> usize {
        let before = &line[..line.find(word).unwrap()];
        before
            .trim_end()
            .rsplit(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap()
    };
    (number(" files"), number(" written"))
}

#[test]
fn a_rebuild_with_nothing_changed_writes_no_file() {
    let site = minimal_with(&tasks_csv("未发现问题"));
    let public = site.path().join("public");
    let (files, written) = counts(&build(site.path()));
    assert_eq!(files, written);
    let before = identities(&public);
    assert_eq!(before.len(), files + 1, "the files and the output marker");

    let (files_again, written_again) = counts(&build(site.path()));
    assert_eq!((files_again, written_again), (files, 0));
    assert_eq!(identities(&public), before, "a file was touched");
}

#[test]
fn a_rebuild_after_one_record_changed_rewrites_only_the_pages_that_show_it() {
    let site = minimal_with(&tasks_csv("未发现问题"));
    let public = site.path().join("public");
    build(site.path());
    let ids_before = identities(&public);
    let bytes_before = tree(&public);

    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        tasks_csv("发现问题经责令已改正"),
    )
    .unwrap();
    let (_, written) = counts(&build(site.path()));
    let ids_after = identities(&public);
    let bytes_after = tree(&public);
    assert_eq!(
        ids_before.keys().collect::<Vec<_>>(),
        ids_after.keys().collect::<Vec<_>>()
    );

    let rewritten: Vec<&String> = ids_after
        .iter()
        .filter(|(path, id)| ids_before[*path] != **id && *path != ".gongshi-output")
        .map(|(path, _)| path)
        .collect();
    let changed: Vec<&String> = bytes_after
        .iter()
        .filter(|(path, bytes)| bytes_before[*path] != **bytes)
        .map(|(path, _)| path)
        .collect();
    // Exactly the files whose bytes changed were written; every other file kept its inode.
    assert_eq!(rewritten, changed);
    assert_eq!(written, changed.len());
    // The pages that show T-07's result are among them; other tasks' pages are not.
    for shown in [
        "tasks/t-07/index.html",
        "entities/",
        "quarters/2025q2/index.html",
        "units/",
        "data/tasks.csv",
        "data/2025q2.csv",
        "feed.xml",
    ] {
        assert!(
            changed.iter().any(|p| p.starts_with(shown)),
            "{shown} not rewritten: {changed:?}"
        );
    }
    assert!(!changed.iter().any(|p| p.starts_with("tasks/t-08/")));
    assert!(!changed.iter().any(|p| p.starts_with("quarters/2025q1/")));
    // T-07's company was inspected again later (T-19), so the search index, which shows each
    // company's latest result, is as it was.
    assert!(!changed.iter().any(|p| p.starts_with("search/")));
    assert!(
        changed.len() * 3 < ids_after.len(),
        "{} of {} files rewritten",
        changed.len(),
        ids_after.len()
    );
}

#[test]
fn a_file_changed_or_removed_by_hand_is_made_again() {
    let site = minimal_with(&tasks_csv("未发现问题"));
    let public = site.path().join("public");
    build(site.path());
    let before = tree(&public);
    std::fs::remove_file(public.join("tasks/t-03/index.html")).unwrap();
    std::fs::write(public.join("tasks/t-04/index.html"), "defaced").unwrap();

    let (_, written) = counts(&build(site.path()));
    assert_eq!(written, 2);
    assert_eq!(tree(&public), before);
}

#[test]
fn a_changed_theme_rewrites_every_page() {
    let site = minimal_with(&tasks_csv("未发现问题"));
    build(site.path());
    let static_dir = site.path().join("themes/default/static");
    std::fs::create_dir_all(&static_dir).unwrap();
    std::fs::write(static_dir.join("extra.css"), "p{}").unwrap();
    let (files, written) = counts(&build(site.path()));
    assert_eq!(written, files);
}

#[test]
fn the_cache_is_never_published() {
    let site = minimal_with(&tasks_csv("未发现问题"));
    build(site.path());
    build(site.path());
    assert!(site.path().join(".public.gongshi-cache").is_file());
    assert!(
        !tree(&site.path().join("public"))
            .keys()
            .any(|p| p.contains("cache"))
    );
}
