//! The deadline report on a GBK, Chinese-header ledger with mixed date formats and a
//! publication ledger: every status, the period override, the quarter anchors, roll-forward.
//! Deadlines in the expectations were worked out by hand on the State Council calendars.

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::Value;

const AS_OF: &str = "2025-11-10";

fn items(report: &Value) -> BTreeMap<(String, String), &Value> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| {
            (
                (
                    i["kind"].as_str().unwrap().to_string(),
                    i["id"].as_str().unwrap().to_string(),
                ),
                i,
            )
        })
        .collect()
}

fn check_json(site: &std::path::Path, as_of: &str) -> (Option<i32>, Value) {
    let output = gongshi_in(site, &["check", "--as-of", as_of, "--format", "json"]);
    (output.status.code(), json(&output))
}

#[test]
fn the_fixture_is_really_gbk() {
    let bytes = std::fs::read(fixture_path("statuses/data/tasks/2025 台账.csv")).unwrap();
    assert!(std::str::from_utf8(&bytes).is_err());
    let (text, _, errors) = encoding_rs::GBK.decode(&bytes);
    assert!(!errors && text.starts_with("任务编号,"));
}

/// (id, status, deadline, published_on, days_late)
type Expected = (
    &'static str,
    &'static str,
    Option<&'static str>,
    Option<&'static str>,
    Option<i64>,
);

#[test]
fn every_task_gets_the_status_worked_out_by_hand() {
    let site = fixture("statuses");
    let (code, report) = check_json(site.path(), AS_OF);
    assert_eq!(code, Some(1), "late and overdue items fail the check");
    let items = items(&report);
    let expected: &[Expected] = &[
        // Ended Fri 2025-09-26: 18th working day after is Tue 2025-10-28 (National Day
        // 10-01..08 off, Sun 09-28 and Sat 10-11 worked). Published on the deadline day.
        (
            "T-ONTIME",
            "on_time",
            Some("2025-10-28"),
            Some("2025-10-28"),
            None,
        ),
        // Ended 2025-04-30 (written 2025.4.30): May Day 05-01..05 off → 2025-05-29.
        (
            "T-LATE",
            "late",
            Some("2025-05-29"),
            Some("2025-06-03"),
            Some(5),
        ),
        // Ended 2025-01-20 (2025年1月20日): Spring Festival 01-28..02-04 off → 2025-02-19.
        (
            "T-EXCUSED",
            "excused",
            Some("2025-02-19"),
            Some("2025-02-21"),
            Some(2),
        ),
        // Ended 2025-10-31 (Excel serial 45961), no result: Nov 3..26 → 2025-11-26.
        ("T-DUE", "due", Some("2025-11-26"), None, None),
        // Ended Wed 2025-10-15, no result: the 18th working day is the as-of date itself.
        ("T-DUESOON", "due", Some("2025-11-10"), None, None),
        ("T-OVERDUE", "overdue", Some("2025-10-28"), None, Some(13)),
        // Ended 2025-11-03 (20251103), published by this build.
        ("T-NEW", "on_time", Some("2025-11-27"), Some(AS_OF), None),
        // Ended Mon 2025-09-01: deadline Thu 2025-09-25, first published today.
        (
            "T-NEWLATE",
            "late",
            Some("2025-09-25"),
            Some(AS_OF),
            Some(46),
        ),
        // Ended Fri 2023-12-29 under the 2023 period's 20 working days (2024-01-01 off):
        // 2024-01-29. Published 2024-01-26: on time, though late under 18 days (2024-01-25).
        (
            "T-2023",
            "on_time",
            Some("2024-01-29"),
            Some("2024-01-26"),
            None,
        ),
        ("T-INPROG", "in_progress", None, None, None),
        // Bad check digit is only a warning: published.
        (
            "T-CHECKDIGIT",
            "on_time",
            Some("2025-11-20"),
            Some(AS_OF),
            None,
        ),
        ("T-XSS", "on_time", Some("2025-11-13"), Some(AS_OF), None),
        ("T-BADDATE", "rejected", None, None, None),
        ("T-BACKWARDS", "rejected", None, None, None),
        ("T-FUTURE", "rejected", None, None, None),
        ("T-SHORT", "rejected", None, None, None),
        ("T-BADCODE", "rejected", None, None, None),
        ("", "rejected", None, None, None),
    ];
    for &(id, status, deadline, published_on, days_late) in expected {
        let item = items[&("task".to_string(), id.to_string())];
        assert_eq!(item["status"], status, "{id}");
        assert_eq!(item["deadline"].as_str(), deadline, "{id} deadline");
        assert_eq!(
            item["published_on"].as_str(),
            published_on,
            "{id} published_on"
        );
        assert_eq!(item["days_late"].as_i64(), days_late, "{id} days_late");
    }
    let dups: Vec<&Value> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["id"] == "T-DUP")
        .collect();
    assert_eq!(dups.len(), 2);
    assert!(dups.iter().all(|i| i["status"] == "rejected"));

    // The excused publication carries its reason.
    assert_eq!(
        items[&("task".into(), "T-EXCUSED".into())]["late_reason"],
        "春节后系统升级延迟，经局领导同意"
    );
}

#[test]
fn quarters_get_statuses_with_roll_forward() {
    let site = fixture("statuses");
    let (_, report) = check_json(site.path(), AS_OF);
    let items = items(&report);
    let quarter = |id: &str| items[&("quarter".to_string(), id.to_string())];
    // 2023-12-31 + 13 = Sat 2024-01-13 → Mon 2024-01-15, published that day.
    assert_eq!(quarter("2023Q4")["deadline"], "2024-01-15");
    assert_eq!(quarter("2023Q4")["status"], "on_time");
    // 2025-03-31 + 13 = Sun 2025-04-13 → Mon 2025-04-14, published that day.
    assert_eq!(quarter("2025Q1")["deadline"], "2025-04-14");
    assert_eq!(quarter("2025Q1")["status"], "on_time");
    // 2025-06-30 + 13 = Sun 2025-07-13 → 2025-07-14; published 07-15.
    assert_eq!(quarter("2025Q2")["status"], "late");
    assert_eq!(quarter("2025Q2")["days_late"], 1);
    // 2025-10-13 is a Monday; not in the ledger, so published by this build.
    assert_eq!(quarter("2025Q3")["deadline"], "2025-10-13");
    assert_eq!(quarter("2025Q3")["published_on"], AS_OF);
    assert_eq!(quarter("2025Q3")["status"], "late");
    assert_eq!(quarter("2025Q4")["status"], "open");
    assert_eq!(items.keys().filter(|(k, _)| k == "quarter").count(), 5);
}

#[test]
fn without_roll_forward_a_weekend_deadline_stays_put() {
    let site = fixture("statuses");
    let config = site.path().join("gongshi.toml");
    add_rule(&config, "roll_forward = false\n");
    let (_, report) = check_json(site.path(), AS_OF);
    let items = items(&report);
    let q1 = items[&("quarter".to_string(), "2025Q1".to_string())];
    assert_eq!(q1["deadline"], "2025-04-13");
    assert_eq!(q1["status"], "late");
}

#[test]
fn last_task_end_anchor_counts_from_the_last_inspection() {
    let site = fixture("statuses");
    let config = site.path().join("gongshi.toml");
    let text = add_rule(&config, "quarter_anchor = \"last_task_end\"\n");
    let (_, report) = check_json(site.path(), AS_OF);
    let items = items(&report);
    let quarter = |id: &str| items[&("quarter".to_string(), id.to_string())];
    // Last 2025Q1 task ended 2025-01-20; + 13 = Sun 2025-02-02, inside the Spring Festival
    // (01-28..02-04) → Wed 2025-02-05. The ledger's 2025-04-14 is now late.
    assert_eq!(quarter("2025Q1")["deadline"], "2025-02-05");
    assert_eq!(quarter("2025Q1")["status"], "late");
    // Last valid 2025Q3 task ended 2025-09-26; + 13 = Thu 2025-10-09.
    assert_eq!(quarter("2025Q3")["deadline"], "2025-10-09");

    // After the quarter's end, a quarter with a task still in progress stays open under this
    // anchor, and is due under the quarter_end anchor.
    let (_, report) = check_json(site.path(), "2026-01-20");
    assert_eq!(items_of(&report, "2025Q4")["status"], "open");
    std::fs::write(&config, text).unwrap();
    let (_, report) = check_json(site.path(), "2026-01-20");
    let q4 = items_of(&report, "2025Q4");
    // 2025-12-31 + 13 = Tue 2026-01-13.
    assert_eq!(q4["deadline"], "2026-01-13");
    assert_eq!(q4["status"], "late");
}

/// Adds a line to the fixture's `[disclosure]` table; returns the file as it was.
fn add_rule(config: &std::path::Path, rule: &str) -> String {
    let text = std::fs::read_to_string(config).unwrap();
    let changed = text.replace("[disclosure]\n", &format!("[disclosure]\n{rule}"));
    assert_ne!(changed, text);
    std::fs::write(config, changed).unwrap();
    text
}

fn items_of<'a>(report: &'a Value, quarter: &str) -> &'a Value {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "quarter" && i["id"] == quarter)
        .unwrap()
}

#[test]
fn counts_add_up_and_bad_rows_point_at_file_line_and_field() {
    let site = fixture("statuses");
    let (_, report) = check_json(site.path(), AS_OF);
    let s = &report["summary"];
    let n = |k: &str| s[k].as_u64().unwrap();
    assert_eq!(n("rows"), 20);
    let statuses = [
        "on_time",
        "late",
        "excused",
        "due",
        "overdue",
        "in_progress",
        "rejected",
    ];
    assert_eq!(n("rows"), statuses.iter().map(|k| n(k)).sum::<u64>());
    assert_eq!(n("published"), n("on_time") + n("late") + n("excused"));
    assert_eq!(
        (
            n("on_time"),
            n("late"),
            n("excused"),
            n("due"),
            n("overdue"),
            n("in_progress"),
            n("rejected")
        ),
        (5, 2, 1, 2, 1, 1, 8)
    );
    assert_eq!(n("invalid"), 8);
    assert_eq!(n("violations"), 5, "3 tasks and 2 quarters");
    let tasks = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "task")
        .count();
    assert_eq!(tasks as u64, n("rows"));

    let errors: Vec<(u64, Option<&str>)> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            assert_eq!(e["file"], "data/tasks/2025 台账.csv");
            (e["line"].as_u64().unwrap(), e["field"].as_str())
        })
        .collect();
    assert_eq!(
        errors,
        [
            (12, Some("任务编号")),
            (13, Some("任务编号")),
            (14, Some("检查结束日期")),
            (15, Some("检查结束日期")),
            (16, Some("检查结束日期")),
            (17, None),
            (18, Some("任务编号")),
            (19, Some("统一社会信用代码")),
        ]
    );
    let warnings: Vec<Option<u64>> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["line"].as_u64())
        .collect();
    assert_eq!(
        warnings,
        [Some(20), Some(6), None],
        "check digit, the task due today, then 2023Q4's summary, published on time without \
         T-2023's result (2025Q3's, published late, is a violation instead)"
    );
    assert!(report["notes"][0].as_str().unwrap().contains("联系人"));
}

#[test]
fn the_text_report_lists_violations_with_their_place() {
    let site = fixture("statuses");
    let output = gongshi_in(site.path(), &["check", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(1));
    insta::assert_snapshot!("statuses_text_report", stdout(&output));
}

#[test]
fn the_json_report_is_stable() {
    let site = fixture("statuses");
    let (_, report) = check_json(site.path(), AS_OF);
    insta::assert_json_snapshot!("statuses_json_report", report);
}
