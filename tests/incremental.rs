//! Incremental builds: a rebuild leaves every file it does not change alone (same inode, same
//! mtime), so that deployment syncs stay small. Checked by file identity, never by timing.

mod common;

use std::path::Path;

use common::{gongshi_in, identities, minimal_with, stderr, tree};

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

/// A build that records its publications, with its report as JSON.
fn publish(site: &Path) -> (String, String) {
    let output = gongshi_in(
        site,
        &["build", "--as-of", "2025-10-20", "--format", "json"],
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    (common::stdout(&output), stderr(&output))
}

const SAME_INPUTS: &str = "inputs as last read";

#[test]
fn a_rebuild_of_the_same_inputs_says_the_same_report_without_reading_them() {
    let site = minimal_with(&tasks_csv("未发现问题"));
    let public = site.path().join("public");
    let (first, said) = publish(site.path());
    assert!(!said.contains(SAME_INPUTS), "{said}");
    let ids = identities(&public);

    // The ledger now holds what the first build published: read again, it says the same.
    let (second, said) = publish(site.path());
    assert!(said.contains(SAME_INPUTS), "{said}");
    assert_eq!(counts(&said).1, 0);
    assert_eq!(second, first);
    assert_eq!(identities(&public), ids);

    // Without the kept report, everything is read and checked again, to the same report.
    std::fs::remove_file(site.path().join(".public.gongshi-report")).unwrap();
    let (third, said) = publish(site.path());
    assert!(!said.contains(SAME_INPUTS), "{said}");
    assert_eq!(third, second);
    assert_eq!(identities(&public), ids);
}

#[test]
fn every_input_is_read_again_once_it_changes() {
    let site = minimal_with(&tasks_csv("未发现问题"));
    let root = site.path();
    publish(root);
    let changes: [(&str, &str); 7] = [
        ("gongshi.toml", "[site]\ntitle = \"公示\"\n"),
        (
            "data/tasks/more.csv",
            "task_id,end,result\nT-99,2025-10-10,未发现问题\n",
        ),
        ("data/calendar/2026.toml", ""),
        ("content/about.md", "+++\ntitle = \"关于\"\n+++\n正文\n"),
        ("themes/default/static/extra.css", "p{}"),
        ("data/tasks/tasks.csv", &tasks_csv("发现问题经责令已改正")),
        ("data/published.csv", ""),
    ];
    for (path, text) in changes {
        let (_, said) = publish(root);
        assert!(said.contains(SAME_INPUTS), "before {path}: {said}");
        let file = root.join(path);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        if path == "data/published.csv" {
            // A reason for T-01's late publication written into the ledger by hand.
            let ledger = std::fs::read_to_string(&file).unwrap();
            let excused = ledger.replacen(
                "task,T-01,2025-10-20,,",
                "task,T-01,2025-10-20,系统故障,",
                1,
            );
            assert_ne!(excused, ledger);
            std::fs::write(&file, excused).unwrap();
        } else if path == "data/calendar/2026.toml" {
            // The site's own copy of a year replaces the built-in one.
            std::fs::write(&file, include_str!("../data/calendar/2026.toml")).unwrap();
        } else {
            std::fs::write(&file, text).unwrap();
        }
        let (report, said) = publish(root);
        assert!(!said.contains(SAME_INPUTS), "{path} changed: {said}");
        if path == "data/tasks/more.csv" {
            assert!(report.contains("\"T-99\""), "{report}");
        }
        if path == "data/published.csv" {
            assert!(report.contains("\"status\": \"excused\""), "{report}");
        }
    }
}
