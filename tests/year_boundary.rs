//! The year boundary: deadlines that run into a year whose holiday notice is not out yet. Every
//! status the missing year cannot change is decided; only the others are undecided (exit 1,
//! never 2), and the site is still built. Dates worked out by hand on the 2026 notice
//! (国办发明电〔2025〕7号: no holiday in November or December 2026).

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

const HEADER: &str = "task_id,unit,category,matter,entity,credit_code,start,end,result\n";
/// Ended Friday 2026-11-20: 11-23..27 (5), 11-30..12-04 (10), 12-07..11 (15), 12-14, 15, 16 (18)
/// → 2026-12-16, certain.
const YB1: &str = "YB-1,坪山管理局,重点监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,2026-11-19,2026-11-20,未发现问题\n";
/// Ended Thursday 2026-12-10: 12-11 (1), 12-14..18 (6), 12-21..25 (11), 12-28..31 (15); three
/// more in 2027, so not before 2027-01-03.
const YB2: &str = "YB-2,坪山管理局,重点监管对象,废水排放检查,坪山某五金厂,914403001922038216,2026-12-09,2026-12-10,未发现问题\n";
/// Ended Sunday 2026-12-20: 12-21..25 (5), 12-28..31 (9); nine more in 2027, so not before
/// 2027-01-09.
fn yb3(result: &str) -> String {
    format!(
        "YB-3,坪山管理局,一般监管对象,噪声检查,坪山某塑胶厂,9144030071526726XG,2026-12-18,2026-12-20,{result}\n"
    )
}

fn site(rows: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("data/tasks")).unwrap();
    write_tasks(site.path(), rows);
    site
}

fn write_tasks(site: &Path, rows: &str) {
    std::fs::write(site.join("data/tasks/tasks.csv"), format!("{HEADER}{rows}")).unwrap();
}

fn item<'a>(report: &'a Value, id: &str) -> &'a Value {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn build(site: &Path, as_of: &str) -> (Option<i32>, Value) {
    let output = gongshi_in(site, &["build", "--as-of", as_of, "--format", "json"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    (output.status.code(), json(&output))
}

/// The reproduction: one result due in 2026, one due in 2027. Nothing is blocked.
#[test]
fn a_deadline_in_a_year_without_a_calendar_blocks_nothing() {
    let site = site(&format!("{YB1}{YB2}"));
    let (code, report) = build(site.path(), "2026-12-15");
    assert_eq!(code, Some(0), "{report}");

    let yb1 = item(&report, "YB-1");
    assert_eq!(yb1["status"], "on_time");
    assert_eq!(yb1["deadline"], "2026-12-16");
    assert!(yb1.get("deadline_not_before").is_none());
    // Published 2026-12-15, before any day of 2027: on time, whatever 2027's holidays are.
    let yb2 = item(&report, "YB-2");
    assert_eq!(yb2["status"], "on_time");
    assert_eq!(yb2["deadline"], Value::Null);
    assert_eq!(yb2["deadline_not_before"], "2027-01-03");
    assert_eq!(yb2["needs_calendar_year"], 2027);
    // 2026Q4: 2026-12-31 + 13 = 2027-01-13, rolled forward if the notice makes it a rest day.
    let q4 = item(&report, "2026Q4");
    assert_eq!(q4["status"], "open");
    assert_eq!(q4["deadline"], Value::Null);
    assert_eq!(q4["deadline_not_before"], "2027-01-13");

    // Warned, with what to do.
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("2 deadline(s) depend on 2027's holiday calendar")
            && warnings.contains("calendar import"),
        "{warnings}"
    );

    // Both published, and the page says the deadline honestly: no made-up date anywhere.
    let public = site.path().join("public");
    let page = std::fs::read_to_string(public.join("tasks/yb-2/index.html")).unwrap();
    assert!(page.contains("待2027年节假日安排公布后确定"), "{page}");
    assert!(!page.contains("2027-01"), "{page}");
    let page = std::fs::read_to_string(public.join("tasks/yb-1/index.html")).unwrap();
    assert!(page.contains("2026-12-16"));
    let open: Value =
        serde_json::from_slice(&std::fs::read(public.join("data/tasks.json")).unwrap()).unwrap();
    let yb2 = open
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["task_id"] == "YB-2")
        .unwrap();
    assert_eq!(yb2["deadline"], Value::Null);
    assert_eq!(yb2["deadline_not_before"], "2027-01-03");
    let csv = std::fs::read_to_string(public.join("data/tasks.csv")).unwrap();
    let row = csv.lines().find(|l| l.starts_with("YB-2,")).unwrap();
    assert!(row.ends_with(",待2027年节假日安排公布后确定"), "{row}");
    let index = std::fs::read_to_string(public.join("index.html")).unwrap();
    assert!(
        index.contains("待2027年节假日安排公布后确定"),
        "the quarter's deadline"
    );
}

/// Only what the missing year decides is undecided: a result not published by the bound, or
/// published after it. Undecided is a problem (exit 1) with the site still built; a calendar
/// for 2027 decides it, either way.
#[test]
fn only_what_the_missing_year_decides_is_undecided() {
    let site = site(&format!("{YB1}{YB2}"));
    build(site.path(), "2026-12-15");
    write_tasks(site.path(), &format!("{YB1}{YB2}{}", yb3("")));

    // No result yet, and 2026-12-28 is before 2027-01-09: due, for certain.
    let (code, report) = build(site.path(), "2026-12-28");
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(item(&report, "YB-3")["status"], "due");
    assert_eq!(item(&report, "YB-3")["deadline_not_before"], "2027-01-09");
    // 2027-01-08 is still before the bound; the quarter, published by this first build after
    // it ended, is on time (2027-01-08 ≤ 2027-01-13).
    let (code, report) = build(site.path(), "2027-01-08");
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(item(&report, "YB-3")["status"], "due");
    assert_eq!(item(&report, "2026Q4")["status"], "on_time");
    assert_eq!(item(&report, "2026Q4")["published_on"], "2027-01-08");

    // 2027-01-11, past the bound: due or overdue as 2027's notice will say.
    let (code, report) = build(site.path(), "2027-01-11");
    assert_eq!(code, Some(1), "{report}");
    let yb3_item = item(&report, "YB-3");
    assert_eq!(yb3_item["status"], "undecided");
    assert_eq!(yb3_item["needs_calendar_year"], 2027);
    assert!(yb3_item.get("days_late").is_none());
    assert_eq!(report["summary"]["undecided"], 1);
    assert_eq!(report["summary"]["violations"], 0);
    assert_eq!(report["summary"]["rows"], 3);
    // Everything certain is still published.
    assert!(site.path().join("public/tasks/yb-2/index.html").is_file());
    let text = gongshi_in(site.path(), &["check", "--as-of", "2027-01-11"]);
    assert_eq!(text.status.code(), Some(1));
    let text = stdout(&text);
    assert!(
        text.contains("UNDECIDED (1)")
            && text.contains("task YB-3")
            && text.contains("not before 2027-01-09")
            && text.contains("FAILED: 1 status(es) undecided until the 2027 holiday notice"),
        "{text}"
    );

    // CI dashboards see it as a failure of its own kind.
    let junit = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2027-01-11", "--format", "junit"],
    ));
    assert!(
        junit.contains("<testcase name=\"YB-3\"") && junit.contains("type=\"undecided\""),
        "{junit}"
    );

    // The result comes in on 2027-01-12, after the bound: on time or late, undecided.
    write_tasks(site.path(), &format!("{YB1}{YB2}{}", yb3("未发现问题")));
    let (code, report) = build(site.path(), "2027-01-12");
    assert_eq!(code, Some(1));
    assert_eq!(item(&report, "YB-3")["status"], "undecided");
    assert_eq!(item(&report, "YB-3")["published_on"], "2027-01-12");
    assert_eq!(report["summary"]["published"], 3);
    let page = std::fs::read_to_string(site.path().join("public/tasks/yb-3/index.html")).unwrap();
    assert!(page.contains("待2027年节假日安排公布后确定") && page.contains("待确定"));

    // TEST DATA, NOT THE REAL 2027 NOTICE: made up so that 2027-01-01 is off and nothing else.
    // YB-3: 9 in December, then 01-04..08 (14), 11, 12, 13, 14 (18) → 2027-01-14: on time.
    let calendar = site.path().join("data/calendar");
    std::fs::create_dir_all(&calendar).unwrap();
    std::fs::write(
        calendar.join("2027.toml"),
        "# MADE UP for a test: not the State Council's notice.\nyear = 2027\n\
         notice = \"测试用（虚构）\"\n[[holiday]]\nname = \"元旦\"\ndays = [\"2027-01-01\"]\n",
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2027-01-12", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(item(&report, "YB-3")["status"], "on_time");
    assert_eq!(item(&report, "YB-3")["deadline"], "2027-01-14");
    // YB-2: 15 in December, then 01-04, 05, 06 → 2027-01-06.
    assert_eq!(item(&report, "YB-2")["deadline"], "2027-01-06");
    assert_eq!(item(&report, "2026Q4")["deadline"], "2027-01-13");

    // MADE UP the other way: no holiday at all, and 01-02 and 01-03 make-up working days.
    // YB-3: 9 in December, 01-01 (10), 02 (11), 03 (12), 04..08 (17), 11 (18) → 2027-01-11,
    // so publishing on 01-12 was late: the undecided status was a real question.
    std::fs::write(
        calendar.join("2027.toml"),
        "# MADE UP for a test: not the State Council's notice.\nyear = 2027\n\
         notice = \"测试用（虚构）\"\n[[holiday]]\nname = \"测试\"\ndays = [\"2027-05-03\"]\n\
         makeup_workdays = [2027-01-02, 2027-01-03]\n",
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2027-01-12", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(item(&report, "YB-3")["status"], "late");
    assert_eq!(item(&report, "YB-3")["deadline"], "2027-01-11");
    assert_eq!(item(&report, "YB-3")["days_late"], 1);
}

/// A quarter summary first published after the bound is undecided too.
#[test]
fn a_quarter_published_after_the_bound_is_undecided() {
    let site = site(YB1);
    build(site.path(), "2026-12-15");
    let (code, report) = build(site.path(), "2027-01-14");
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(item(&report, "YB-1")["status"], "on_time");
    let q4 = item(&report, "2026Q4");
    assert_eq!(q4["status"], "undecided");
    assert_eq!(q4["published_on"], "2027-01-14");
    assert_eq!(report["summary"]["quarters"]["undecided"], 1);
    assert!(
        site.path()
            .join("public/quarters/2026q4/index.html")
            .is_file()
    );
    // TEST DATA: made up, 2027-01-13 and 14 off → the deadline rolls to Friday 2027-01-15.
    std::fs::create_dir_all(site.path().join("data/calendar")).unwrap();
    std::fs::write(
        site.path().join("data/calendar/2027.toml"),
        "# MADE UP for a test.\nyear = 2027\nnotice = \"测试用（虚构）\"\n[[holiday]]\n\
         name = \"测试\"\ndays = [\"2027-01-13/2027-01-14\"]\n",
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2027-01-14", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(item(&json(&output), "2026Q4")["deadline"], "2027-01-15");
    assert_eq!(item(&json(&output), "2026Q4")["status"], "on_time");
}

/// From November on, the next year's missing calendar is a warning before any deadline needs it.
#[test]
fn the_missing_year_is_warned_of_from_november() {
    let site = site(YB1.replace("2026-11-", "2026-09-").as_str());
    let warned = |as_of: &str| {
        let output = gongshi_in(
            site.path(),
            &["check", "--as-of", as_of, "--format", "json"],
        );
        json(&output)["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| {
                w["message"]
                    .as_str()
                    .unwrap()
                    .contains("2027 has no holiday calendar")
            })
    };
    assert!(!warned("2026-10-31"));
    assert!(warned("2026-11-01"));
    let output = gongshi_in(site.path(), &["check", "--as-of", "2026-11-01"]);
    assert!(
        stdout(&output).contains("gongshi calendar import notice.txt -o data/calendar/2027.toml"),
        "{}",
        stdout(&output)
    );
}

/// `gongshi deadline` prints every deadline it can, and an error line for each it cannot.
#[test]
fn the_deadline_command_prints_what_is_certain() {
    let site = site(YB1);
    let output = gongshi(&[
        "deadline",
        "--site",
        site.path().to_str().unwrap(),
        "task",
        "2026-12-01",
        "2026-12-02",
        "2026-12-03",
        "2026-12-08",
    ]);
    assert_eq!(output.status.code(), Some(1));
    // 2026-12-01: 12-02..04 (3), 07..11 (8), 14..18 (13), 21..25 (18) → 2026-12-25.
    // 2026-12-02: 12-03, 04 (2), 07..11 (7), 14..18 (12), 21..25 (17), 28 (18) → 2026-12-28.
    assert_eq!(stdout(&output), "2026-12-25\n2026-12-28\n");
    // 2026-12-03: the 18th would be 12-29, one of the days the 2027 notice may change (as the
    // 2019 notice changed 2018-12-29..31). 2026-12-08: 14 by 12-28, four more: 2027-01-01 at
    // the earliest.
    let errors: Vec<String> = stderr(&output)
        .lines()
        .filter(|l| l.starts_with("error:"))
        .map(str::to_string)
        .collect();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(
        errors[0].contains("2026-12-03") && errors[0].contains("not before 2026-12-29"),
        "{errors:?}"
    );
    assert!(
        errors[1].contains("2026-12-08")
            && errors[1].contains("2027")
            && errors[1].contains("not before 2027-01-01"),
        "{errors:?}"
    );
}
