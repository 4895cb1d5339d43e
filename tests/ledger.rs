//! The publication ledger is evidence: it records only the day a build really ran (today in
//! China), history comes in through an explicit, checked import, and a ledger saved by Excel
//! reads and grows as it is.

mod common;

use std::path::Path;

use common::*;

const HEADER: &str = "task_id,unit,category,matter,entity,credit_code,start,end,result\n";
/// Ended Friday 2025-09-05: 18 working days (09-08..12, 15..19, 22..26, 29, 30) → 2025-09-30.
const L1: &str = "L-1,坪山管理局,重点监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,2025-09-04,2025-09-05,未发现问题\n";
/// Ended Wednesday 2025-09-10: 09-11, 12 (2), 15..19 (7), 22..26 (12), the make-up Sunday
/// 09-28 (13), 29, 30 (15); 10-01..08 off; 10-09 (16), 10-10 (17), the make-up Saturday 10-11
/// (18) → 2025-10-11.
const L2: &str = "L-2,坪山管理局,重点监管对象,废水排放检查,坪山某五金厂,914403001922038216,2025-09-09,2025-09-10,发现问题经责令已改正\n";

fn site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("data/tasks")).unwrap();
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        format!("{HEADER}{L1}{L2}"),
    )
    .unwrap();
    site
}

fn ledger(site: &Path) -> Option<Vec<u8>> {
    std::fs::read(site.join("data/published.csv")).ok()
}

#[test]
fn only_a_build_for_today_writes_the_ledger() {
    let site = site();
    for (today, as_of) in [
        (Some("2026-11-29"), "2025-03-10"),
        (Some("2026-11-29"), "2030-01-01"),
        // The real clock: this test never runs on 2025-10-01.
        (None, "2025-10-01"),
    ] {
        let output = gongshi_in_on(site.path(), today, &["build", "--as-of", as_of]);
        assert_eq!(output.status.code(), Some(2), "{as_of}");
        let message = stderr(&output);
        assert!(
            message.contains(&format!("--as-of {as_of} is not today"))
                && message.contains("--no-ledger")
                && message.contains("gongshi ledger import"),
            "{message}"
        );
        assert_eq!(ledger(site.path()), None, "{as_of}: nothing recorded");
        assert!(
            !site.path().join("public").exists(),
            "{as_of}: nothing built"
        );
    }
    // A preview of another day records nothing, and is allowed.
    let output = gongshi_in_on(
        site.path(),
        Some("2026-11-29"),
        &["build", "--as-of", "2025-09-30", "--no-ledger"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(ledger(site.path()), None);
    // `check` writes nothing, whatever the day.
    let output = gongshi_in_on(
        site.path(),
        Some("2026-11-29"),
        &["check", "--as-of", "2025-09-30"],
    );
    assert_eq!(output.status.code(), Some(0));
    // Today: rows dated today, and said to be so when today is pinned.
    let output = gongshi_in_on(site.path(), Some("2025-09-30"), &["build"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("GONGSHI_TODAY pins today to 2025-09-30"));
    let text = String::from_utf8(ledger(site.path()).unwrap()).unwrap();
    let dates: Vec<&str> = text
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(2).unwrap())
        .collect();
    assert_eq!(dates, ["2025-09-30", "2025-09-30"], "{text}");
    // A malformed pin is refused, not ignored.
    let output = gongshi_in_on(site.path(), Some("30/09/2025"), &["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("GONGSHI_TODAY"));
}

/// A bureau moving from a site run by hand brings the days its results went public. Without
/// them, a first build calls every result late.
#[test]
fn history_is_imported_checked_and_whole() {
    let site = site();
    // Without history, a first build on 2025-10-10 publishes both today: L-1 late (deadline
    // 2025-09-30), so the public page would say 逾期公示 of a result that went out on time.
    let preview = gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-10-10", "--format", "json"],
    );
    let report = json(&preview);
    assert_eq!(report["items"][0]["status"], "late");

    // Old-site history, as a bureau keeps it: GBK, Chinese headers, Excel's dates, one mistake
    // of each kind. Nothing is imported while any row is wrong.
    let history = site.path().join("history.csv");
    let bad = "任务编号,公示日期\r\nL-1,2025/9/20\r\nL-9,2025/9/21\r\nL-2,2025/9/01\r\nL-2,2025/9/12\r\nL-1,2025/9/22\r\n,2025/9/22\r\nL-2,2025/10/21\r\n";
    std::fs::write(&history, encoding_rs::GBK.encode(bad).0).unwrap();
    let output = gongshi_in_on(
        site.path(),
        Some("2025-10-10"),
        &["ledger", "import", history.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let out = stdout(&output);
    for expected in [
        "history.csv:3: id: task L-9 is in no task export",
        "history.csv:4: published_on: 2025-09-01 is before the inspection ended (2025-09-10)",
        "history.csv:6: id: task L-1 is already on line 2",
        "history.csv:7: id: empty",
        "history.csv:8: published_on: 2025-10-21 is after today (2025-10-10)",
        "5 problem(s): nothing was imported",
    ] {
        assert!(out.contains(expected), "{expected}\n{out}");
    }
    assert_eq!(ledger(site.path()), None, "nothing written");

    let good = "任务编号,公示日期\r\nL-1,2025/9/20\r\nL-2,2025/9/12\r\n";
    std::fs::write(&history, encoding_rs::GBK.encode(good).0).unwrap();
    let import = |today| {
        gongshi_in_on(
            site.path(),
            Some(today),
            &["ledger", "import", history.to_str().unwrap()],
        )
    };
    let output = import("2025-10-10");
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("2 first publication(s) imported"));
    assert_eq!(
        String::from_utf8(ledger(site.path()).unwrap()).unwrap(),
        "kind,id,published_on,late_reason,digest\ntask,L-1,2025-09-20,,\ntask,L-2,2025-09-12,,\n"
    );
    // Again: already there with the same dates, nothing added.
    let output = import("2025-10-10");
    assert_eq!(output.status.code(), Some(0));
    assert!(stdout(&output).contains("0 first publication(s) imported from"));
    assert!(stdout(&output).contains("(2 already recorded with the same date)"));
    // Another date for a row the ledger has is refused: the ledger only grows.
    std::fs::write(&history, "id,published_on\nL-1,2025-09-19\n").unwrap();
    let output = import("2025-10-10");
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("already records task L-1 as published on 2025-09-20"));

    // The first build then finds both on time, with their true dates.
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-10-10", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["items"][0]["status"], "on_time");
    assert_eq!(report["items"][0]["published_on"], "2025-09-20");
    assert_eq!(report["items"][1]["published_on"], "2025-09-12");
    let page = std::fs::read_to_string(site.path().join("public/tasks/l-1/index.html")).unwrap();
    assert!(page.contains("按期公示") && page.contains("2025-09-20"));
}

#[test]
fn quarters_are_imported_too_and_only_after_they_ended() {
    let site = site();
    let history = site.path().join("history.csv");
    std::fs::write(
        &history,
        "kind,id,published_on,late_reason\nquarter,2025年第三季度,2025-09-30,\nquarter,2025Q2,2025-07-10,\ntask,L-1,2025-09-20,\n",
    )
    .unwrap();
    let output = gongshi_in_on(
        site.path(),
        Some("2025-10-10"),
        &["ledger", "import", history.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let out = stdout(&output);
    assert!(
        out.contains(":2: published_on: 2025-09-30 is before 2025Q3 ended"),
        "{out}"
    );
    assert!(
        out.contains(":3: id: no task of the exports counts in 2025Q2"),
        "{out}"
    );
    std::fs::write(
        &history,
        "kind,id,published_on,late_reason\nquarter,2025年第三季度,2025-10-10,\n",
    )
    .unwrap();
    let output = gongshi_in_on(
        site.path(),
        Some("2025-10-10"),
        &["ledger", "import", history.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let text = String::from_utf8(ledger(site.path()).unwrap()).unwrap();
    assert!(text.ends_with("quarter,2025Q3,2025-10-10,,\n"), "{text}");
}

/// What Excel on a Chinese Windows does to the ledger when someone opens it to add a
/// late_reason and saves: GBK, CRLF, dates as 2025/9/30.
#[test]
fn a_ledger_saved_by_excel_reads_and_grows_as_it_is() {
    let site = site();
    let excel =
        "kind,id,published_on,late_reason,digest\r\ntask,L-1,2025/9/30,系统故障，延迟公示,\r\n";
    let gbk = encoding_rs::GBK.encode(excel).0.into_owned();
    std::fs::write(site.path().join("data/published.csv"), &gbk).unwrap();
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-10-10", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["items"][0]["published_on"], "2025-09-30");
    assert_eq!(report["items"][0]["status"], "on_time");
    let bytes = ledger(site.path()).unwrap();
    assert!(bytes.starts_with(&gbk), "the bytes there stay as they were");
    let (added, _, errors) = encoding_rs::GBK.decode(&bytes[gbk.len()..]);
    assert!(!errors);
    assert!(
        added.starts_with("task,L-2,2025-10-10,,") && added.ends_with("\r\n"),
        "{added}"
    );

    // A byte that is neither UTF-8 nor GBK is named on its own line, and nothing is built.
    let mut broken = gbk.clone();
    broken.extend_from_slice(b"task,L-2,2025-10-01,\xff\xff\r\n");
    std::fs::write(site.path().join("data/published.csv"), &broken).unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-10-10"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("data/published.csv:3"),
        "{}",
        stderr(&output)
    );
    assert_eq!(ledger(site.path()).unwrap(), broken, "left alone");
}

/// A result cannot have been published for a task whose row has no result.
#[test]
fn history_for_a_task_without_a_result_is_refused() {
    let site = site();
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        format!("{HEADER}{L1}{}", L2.replace(",发现问题经责令已改正", ",")),
    )
    .unwrap();
    let history = site.path().join("history.csv");
    std::fs::write(&history, "id,published_on\nL-2,2025-09-20\n").unwrap();
    let output = gongshi_in_on(
        site.path(),
        Some("2025-10-10"),
        &["ledger", "import", history.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("task L-2 has no result in the exports"));
    assert_eq!(ledger(site.path()), None);
}
