//! Channels besides the website (`[[channel]]`): each task's status on each, under the same
//! rules, from a column of the exports or a file the web team keeps. Deadlines were worked out
//! by hand on the 2025 calendar (National Day and Mid-Autumn 10-01..08 off, Sun 09-28 and
//! Sat 10-11 worked; May Day 05-01..05 off, Sun 04-27 worked; Spring Festival 01-28..02-04
//! off, Sun 01-26 and Sat 02-08 worked).

mod common;

use std::collections::BTreeMap;

use common::*;
use serde_json::Value;

const AS_OF: &str = "2025-11-10";

const CONFIG: &str = r#"
[[channel]]
id = "province"
name = "广东省行政执法信息公示平台"
date_column = "省平台公示日期"
late_reason_column = "省平台逾期原因"
"#;

const TASKS: &str = "\
task_id,entity,end,result,省平台公示日期,省平台逾期原因
C-ONTIME,甲公司,2025-09-26,未发现问题,2025-10-28,
C-LATE,乙公司,2025-04-30,未发现问题,2025/6/3,
C-EXCUSED,丙公司,2025-01-20,未发现问题,2025-02-21,省平台系统故障
C-WEBEXCUSED,丁公司,2025-01-20,未发现问题,2025-02-21,
C-DUE,戊公司,2025-10-31,未发现问题,,
C-OVERDUE,己公司,2025-09-26,未发现问题,,
C-BADDATE,庚公司,2025-10-31,未发现问题,2025-13-45,
C-BOTHOVERDUE,辛公司,2025-09-26,,,
C-INPROG,壬公司,,,,
";

/// The website's ledger: C-WEBEXCUSED was late there, with a reason that is the website's only.
const LEDGER: &str = "\
kind,id,published_on,late_reason
task,C-ONTIME,2025-10-20,
task,C-LATE,2025-05-20,
task,C-EXCUSED,2025-02-10,
task,C-WEBEXCUSED,2025-02-21,网站改版
task,C-OVERDUE,2025-10-10,
";

fn site(config: &str, tasks: &str, ledger: &str) -> tempfile::TempDir {
    let site = minimal_with(tasks);
    std::fs::write(site.path().join("gongshi.toml"), config).unwrap();
    std::fs::write(site.path().join("data/published.csv"), ledger).unwrap();
    site
}

/// The channel entries of a JSON report, by (channel, id).
fn channel_items(report: &Value) -> BTreeMap<(String, String), Value> {
    report["channels"]
        .as_array()
        .expect("a top-level channels list")
        .iter()
        .map(|c| {
            let key = (
                c["channel"].as_str().unwrap().to_string(),
                c["id"].as_str().unwrap().to_string(),
            );
            (key, c.clone())
        })
        .collect()
}

fn website_status<'r>(report: &'r Value, id: &str) -> &'r str {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["kind"] == "task" && i["id"] == id)
        .map(|i| i["status"].as_str().unwrap())
        .unwrap()
}

#[test]
fn each_task_gets_a_status_on_each_channel_worked_out_by_hand() {
    let site = site(CONFIG, TASKS, LEDGER);
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    let items = channel_items(&report);
    // (id, status, deadline, published_on, days_late, late_reason)
    type Expected<'a> = (
        &'a str,
        &'a str,
        Option<&'a str>,
        Option<&'a str>,
        Option<i64>,
        Option<&'a str>,
    );
    let expected: &[Expected] = &[
        // Ended Fri 09-26: the 18th working day after is Tue 10-28; published there that day.
        (
            "C-ONTIME",
            "on_time",
            Some("2025-10-28"),
            Some("2025-10-28"),
            None,
            None,
        ),
        // Ended 04-30: 05-06 is the first working day, the 18th is Thu 05-29; 06-03 is 5 days on.
        (
            "C-LATE",
            "late",
            Some("2025-05-29"),
            Some("2025-06-03"),
            Some(5),
            None,
        ),
        // Ended 01-20: Spring Festival off, so the 18th working day is Wed 02-19.
        (
            "C-EXCUSED",
            "excused",
            Some("2025-02-19"),
            Some("2025-02-21"),
            Some(2),
            Some("省平台系统故障"),
        ),
        // The website's late reason does not excuse the other channel.
        (
            "C-WEBEXCUSED",
            "late",
            Some("2025-02-19"),
            Some("2025-02-21"),
            Some(2),
            None,
        ),
        // Ended Fri 10-31: Nov 3 is the 1st working day, Wed 11-26 the 18th.
        ("C-DUE", "due", Some("2025-11-26"), None, None, None),
        // Deadline Tue 10-28, not there by 11-10: 13 days.
        (
            "C-OVERDUE",
            "overdue",
            Some("2025-10-28"),
            None,
            Some(13),
            None,
        ),
        // A date that cannot be read counts as not published there.
        ("C-BADDATE", "due", Some("2025-11-26"), None, None, None),
        (
            "C-BOTHOVERDUE",
            "overdue",
            Some("2025-10-28"),
            None,
            Some(13),
            None,
        ),
        ("C-INPROG", "in_progress", None, None, None, None),
    ];
    assert_eq!(
        items.len(),
        expected.len(),
        "one entry per task: {items:#?}"
    );
    for &(id, status, deadline, published_on, days_late, late_reason) in expected {
        let item = &items[&("province".to_string(), id.to_string())];
        assert_eq!(item["kind"], "task", "{id}");
        assert_eq!(item["status"], status, "{id}: {item}");
        assert_eq!(item["deadline"].as_str(), deadline, "{id}");
        assert_eq!(item["published_on"].as_str(), published_on, "{id}");
        assert_eq!(item["days_late"].as_i64(), days_late, "{id}");
        assert_eq!(item["late_reason"].as_str(), late_reason, "{id}");
        assert_eq!(item["file"], "data/tasks/tasks.csv", "{id}");
        assert!(item["line"].as_u64().unwrap() >= 2, "{id}");
    }
    assert_eq!(items[&("province".into(), "C-ONTIME".into())]["line"], 2);

    // The website keeps its own statuses and counts.
    assert_eq!(website_status(&report, "C-WEBEXCUSED"), "excused");
    assert_eq!(website_status(&report, "C-OVERDUE"), "on_time");
    assert_eq!(website_status(&report, "C-BADDATE"), "on_time");
    assert_eq!(website_status(&report, "C-BOTHOVERDUE"), "overdue");
    let summary = &report["summary"];
    assert_eq!(summary["rows"], 9);
    assert_eq!(summary["overdue"], 1);
    // Violations of every channel: the website's (a task, and three quarter summaries this
    // check would publish late), and 4 on the province's platform.
    let website_violations = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["status"] == "late" || i["status"] == "overdue")
        .count();
    assert_eq!(website_violations, 4);
    assert_eq!(summary["violations"], 8);
    let province = &summary["channels"]["province"];
    assert_eq!(province["on_time"], 1);
    assert_eq!(province["late"], 2);
    assert_eq!(province["excused"], 1);
    assert_eq!(province["due"], 2);
    assert_eq!(province["overdue"], 2);
    assert_eq!(province["in_progress"], 1);
    assert_eq!(province["violations"], 4);
    assert_eq!(province["errors"], 1);

    // The impossible date is an error of its row, with its field.
    let errors = report["errors"].as_array().unwrap();
    let bad: Vec<&Value> = errors
        .iter()
        .filter(|e| e["field"] == "省平台公示日期")
        .collect();
    assert_eq!(bad.len(), 1, "{errors:#?}");
    assert_eq!(bad[0]["file"], "data/tasks/tasks.csv");
    assert_eq!(bad[0]["line"], 8);
    assert_eq!(bad[0]["channel"], "province");
    let message = bad[0]["message"].as_str().unwrap();
    assert!(message.contains("2025-13-45"), "{message}");
    assert!(
        message.contains("published on the website all the same"),
        "{message}"
    );
}

#[test]
fn a_bad_channel_date_does_not_hold_back_the_website() {
    let site = site(CONFIG, TASKS, LEDGER);
    let output = gongshi_in(site.path(), &["build", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(
        ledger.contains(&format!("task,C-BADDATE,{AS_OF},")),
        "published on the website by this build: {ledger}"
    );
    let page = |slug: &str| {
        std::fs::read_to_string(site.path().join(format!("public/tasks/{slug}/index.html")))
            .unwrap()
    };
    // Each page says when it went up on each channel.
    let ontime = page("c-ontime");
    assert!(ontime.contains("公示日期（本网站）"), "{ontime}");
    assert!(ontime.contains("公示日期（广东省行政执法信息公示平台）"));
    assert!(ontime.contains("<time datetime=\"2025-10-28\">2025-10-28</time>"));
    assert!(ontime.contains("<time datetime=\"2025-10-20\">2025-10-20</time>"));
    assert!(page("c-baddate").contains("尚无公示记录"));
    assert!(page("c-due").contains("尚无公示记录"));
}

#[test]
fn every_problem_line_names_its_channel() {
    let site = site(CONFIG, TASKS, LEDGER);
    let check = |format: &str| {
        let output = gongshi_in(
            site.path(),
            &["check", "--as-of", AS_OF, "--format", format],
        );
        assert_eq!(output.status.code(), Some(1));
        stdout(&output)
    };
    let text = check("text");
    assert!(
        text.contains(
            "  channel province: on time 1, late 2, excused 1, due 2, overdue 2, in progress 1, \
             dates in error 1"
        ),
        "{text}"
    );
    let violations: Vec<&str> = text
        .lines()
        .skip_while(|l| !l.starts_with("VIOLATIONS (8)"))
        .skip(1)
        .take_while(|l| !l.is_empty())
        .collect();
    assert_eq!(violations.len(), 8, "{text}");
    assert!(violations[0].contains("[website] task C-BOTHOVERDUE"));
    assert!(violations[1].contains("[website] quarter 2025Q1"));
    for (line, id) in
        violations[4..]
            .iter()
            .zip(["C-LATE", "C-WEBEXCUSED", "C-OVERDUE", "C-BOTHOVERDUE"])
    {
        assert!(line.contains(&format!("[province] task {id}")), "{line}");
    }
    // The bad date is told apart from invalid rows: its result is published.
    assert!(!text.contains("rows not published"), "{text}");
    assert!(text.contains(
        "CHANNEL DATES IN ERROR (1): the results are on the website; on their channel they count \
         as not published\n  [province] data/tasks/tasks.csv:8: 省平台公示日期: \"2025-13-45\""
    ));

    let junit = check("junit");
    // 4 missed deadlines and the bad date.
    assert!(junit.contains("<testsuite name=\"channel.province\" tests=\"9\" failures=\"5\""));
    assert!(junit.contains("<failure type=\"invalid_date\""));
    assert!(junit.contains(
        "message=\"[province] task C-WEBEXCUSED: result published 2025-02-21 (2 days after its \
         deadline 2025-02-19) with no late_reason for this channel"
    ));
    assert!(junit.contains("message=\"[website] task C-BOTHOVERDUE: result not published"));

    let github = check("github");
    let errors: Vec<&str> = github
        .lines()
        .filter(|l| l.starts_with("::error") && l.contains("task C-"))
        .collect();
    assert_eq!(errors.len(), 5, "{github}");
    assert!(github.contains("title=[province] date in error"));
    assert!(
        errors
            .iter()
            .all(|l| l.contains("[website]") || l.contains("[province]"))
    );
    assert!(
        errors
            .iter()
            .any(|l| l.contains("title=[province] task C-OVERDUE%3A overdue"))
    );
}

/// A channel whose dates the web team keeps in a file, with fewer working days than the
/// website. Ended Fri 09-26, 10 working days: Sun 09-28 (1), 09-29, 09-30, Thu 10-09 (4),
/// 10-10, Sat 10-11 (6), 10-13 .. Thu 10-16 (10).
#[test]
fn a_channel_file_is_read_and_its_rows_checked() {
    let config = r#"
[[channel]]
id = "city"
name = "市生态环境局门户网站"
file = "data/channels/city.csv"
task_working_days = 10
"#;
    let tasks = "task_id,entity,end,result\n\
                 F-1,甲公司,2025-09-26,未发现问题\n\
                 F-2,乙公司,2025-09-26,未发现问题\n\
                 F-3,丙公司,2025-09-26,未发现问题\n";
    let site = site(config, tasks, "kind,id,published_on,late_reason\n");
    std::fs::create_dir_all(site.path().join("data/channels")).unwrap();
    // GBK, as a spreadsheet on a Chinese desktop saves it, with Chinese headers.
    let file = "任务编号,公示日期,逾期原因\n\
                F-1,2025-10-16,\n\
                F-2,2025年10月17日,平台维护\n\
                F-9,2025-10-10,\n\
                F-1,2025-10-20,\n\
                F-3,2025-02-30,\n";
    let (bytes, _, _) = encoding_rs::GBK.encode(file);
    std::fs::write(site.path().join("data/channels/city.csv"), &bytes).unwrap();
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    let items = channel_items(&report);
    let item = |id: &str| &items[&("city".to_string(), id.to_string())];
    assert_eq!(item("F-1")["status"], "on_time");
    assert_eq!(item("F-1")["deadline"], "2025-10-16");
    assert_eq!(item("F-2")["status"], "excused");
    assert_eq!(item("F-2")["days_late"], 1);
    assert_eq!(item("F-2")["late_reason"], "平台维护");
    // Its only row has an impossible date: not published there, 25 days past 10-16.
    assert_eq!(item("F-3")["status"], "overdue");
    assert_eq!(item("F-3")["days_late"], 25);
    // The website keeps its 18 working days.
    let website = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "F-1")
        .unwrap();
    assert_eq!(website["deadline"], "2025-10-28");

    let at = |list: &str, line: u64| -> Vec<String> {
        report[list]
            .as_array()
            .unwrap()
            .iter()
            .filter(|p| p["file"] == "data/channels/city.csv" && p["line"] == line)
            .map(|p| p["message"].as_str().unwrap().to_string())
            .collect()
    };
    assert!(at("warnings", 4)[0].contains("F-9 is in no export"));
    assert!(at("errors", 5)[0].contains("F-1 is on line 2 too"));
    assert!(at("errors", 6)[0].contains("2025-02-30"));
    assert_eq!(report["summary"]["channels"]["city"]["errors"], 2);
}

#[test]
fn a_missing_channel_file_is_an_error_and_the_website_still_publishes() {
    let config =
        "[[channel]]\nid = \"city\"\nname = \"门户网站\"\nfile = \"data/channels/city.csv\"\n";
    let site = site(
        config,
        "task_id,end,result\nG-1,2025-11-03,未发现问题\n",
        "kind,id,published_on,late_reason\n",
    );
    let output = gongshi_in(site.path(), &["build", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(1), "{}", stdout(&output));
    let text = stdout(&output);
    assert!(text.contains("data/channels/city.csv: not found"), "{text}");
    assert!(site.path().join("public/tasks/g-1/index.html").exists());
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(ledger.contains("task,G-1,2025-11-10,"));
}

#[test]
fn channel_settings_are_checked() {
    let cases = [
        (
            "[[channel]]\nid = \"province\"\nname = \"省平台\"\n",
            "channel[0] (province): where are its dates?",
        ),
        (
            "[[channel]]\nid = \"Province\"\nname = \"省平台\"\ndate_column = \"省平台公示日期\"\n",
            "channel[0].id = \"Province\": expected a short name",
        ),
        (
            "[[channel]]\nid = \"website\"\nname = \"网站\"\ndate_column = \"日期\"\n",
            "the bureau's website is the site gongshi builds",
        ),
        (
            "[[channel]]\nid = \"p\"\nname = \"省平台\"\ndate_column = \"检查结束日期\"\n",
            "channel p: column \"检查结束日期\" is read as",
        ),
        (
            "[[channel]]\nid = \"p\"\nname = \"省平台\"\nfile = \"../elsewhere.csv\"\n",
            "expected a CSV file under data/",
        ),
        (
            "[[channel]]\nid = \"p\"\nname = \"省平台\"\ndate_column = \"省平台公示日期\"\ndays = 5\n",
            "unknown field `days`",
        ),
    ];
    for (config, expected) in cases {
        let site = site(config, TASKS, LEDGER);
        let output = gongshi_in(site.path(), &["check", "--as-of", AS_OF]);
        assert_eq!(output.status.code(), Some(2), "{config}");
        let error = stderr(&output);
        assert!(error.contains(expected), "{config}\n{error}");
    }
}

#[test]
fn an_export_without_the_channels_column_is_warned_about() {
    let site = site(
        CONFIG,
        "task_id,end,result\nH-1,2025-11-03,未发现问题\n",
        LEDGER,
    );
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "json"],
    );
    let report = json(&output);
    let warnings = report["warnings"].to_string();
    assert!(
        warnings.contains("no column \\\"省平台公示日期\\\""),
        "{warnings}"
    );
    assert_eq!(
        channel_items(&report)[&("province".into(), "H-1".into())]["status"],
        "due"
    );
}

/// A channel keeps the site's periods (20 working days for tasks that ended in 2023) and, like
/// the website, gives a deadline in a year without a holiday notice only as a bound.
#[test]
fn a_channel_follows_the_periods_and_waits_for_next_years_calendar() {
    let config = format!(
        "{CONFIG}\n[[disclosure.period]]\nuntil = \"2023-12-31\"\ntask_working_days = 20\n"
    );
    let tasks = "task_id,entity,end,result,省平台公示日期\n\
                 P-2023,甲公司,2023-12-29,未发现问题,2024-01-26\n\
                 P-2027,乙公司,2026-12-21,未发现问题,\n";
    let site = site(
        &config,
        tasks,
        "kind,id,published_on,late_reason\ntask,P-2023,2024-01-20,\n",
    );
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2026-12-22", "--format", "json"],
    );
    let report = json(&output);
    let items = channel_items(&report);
    // Ended Fri 2023-12-29, 20 working days (2024-01-01 off): Mon 2024-01-29. Under 18 days it
    // would have been 01-25, and 01-26 late.
    let p2023 = &items[&("province".into(), "P-2023".into())];
    assert_eq!(p2023["status"], "on_time");
    assert_eq!(p2023["deadline"], "2024-01-29");
    // Ended Mon 2026-12-21: the 18th working day is in 2027, whose notice is not out. Eight
    // working days are left in 2026 (12-22..31), so it is the 10th working day of 2027: not
    // before 2027-01-10, were every day of 2027 a working day (a notice can make weekends so).
    let p2027 = &items[&("province".into(), "P-2027".into())];
    assert_eq!(p2027["status"], "due");
    assert_eq!(p2027["deadline"], Value::Null);
    assert_eq!(p2027["deadline_not_before"], "2027-01-10");
    assert_eq!(p2027["needs_calendar_year"], 2027);
    let website = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "P-2027")
        .unwrap();
    assert_eq!(website["deadline_not_before"], "2027-01-10");
    // ... where this build publishes it, before any day the deadline can be.
    assert_eq!(website["status"], "on_time");
}

/// Exports from two versions of a platform name the column differently: a channel takes both.
#[test]
fn a_channels_column_can_have_several_names() {
    let config = "[[channel]]\nid = \"province\"\nname = \"省平台\"\n\
                  date_column = [\"省平台公示日期\", \"省平台公示时间\"]\n";
    let site = site(
        config,
        "task_id,end,result,省平台公示时间\nN-1,2025-09-26,未发现问题,2025-10-29\n",
        "kind,id,published_on,late_reason\n",
    );
    std::fs::write(
        site.path().join("data/tasks/older.csv"),
        "task_id,end,result,省平台公示日期\nN-2,2025-09-26,未发现问题,2025-10-28\n",
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "json"],
    );
    let report = json(&output);
    let items = channel_items(&report);
    assert_eq!(items[&("province".into(), "N-1".into())]["status"], "late");
    assert_eq!(
        items[&("province".into(), "N-2".into())]["status"],
        "on_time"
    );
    assert!(
        !report["warnings"].to_string().contains("省平台公示"),
        "{}",
        report["warnings"]
    );
    assert!(
        !report["notes"].to_string().contains("省平台公示"),
        "{}",
        report["notes"]
    );
}

/// The sample site declares the provincial platform, with a date column in its exports, and
/// still passes on any day: before its latest publications there (whose dates are then later
/// than the as-of date, a warning as in the ledger), today, and years on.
#[test]
fn the_sample_site_passes_with_its_provincial_channel_on_any_day() {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let site = tempfile::tempdir().unwrap();
    for part in ["gongshi.toml", "data", "content", "themes"] {
        let from = root.join(part);
        if from.is_dir() {
            copy_dir(&from, &site.path().join(part));
        } else {
            std::fs::copy(&from, site.path().join(part)).unwrap();
        }
    }
    for as_of in ["2026-10-01", "2026-12-04", "2027-03-01", "2030-06-30"] {
        let output = gongshi_in(
            site.path(),
            &["check", "--as-of", as_of, "--format", "json"],
        );
        assert_eq!(
            output.status.code(),
            Some(0),
            "{as_of}: {}",
            stdout(&output)
        );
        let report = json(&output);
        let province = &report["summary"]["channels"]["province"];
        assert_eq!(province["violations"], 0, "{as_of}");
        assert_eq!(province["errors"], 0, "{as_of}");
        let rows = report["summary"]["rows"].as_u64().unwrap();
        let judged: u64 = [
            "on_time",
            "late",
            "excused",
            "due",
            "overdue",
            "in_progress",
        ]
        .iter()
        .map(|s| province[s].as_u64().unwrap())
        .sum();
        assert_eq!(judged, rows, "{as_of}: a status there for every row");
    }
    let early = gongshi_in(
        site.path(),
        &["check", "--as-of", "2026-10-01", "--format", "json"],
    );
    let warnings = json(&early)["warnings"].to_string();
    assert!(
        warnings.contains("省平台公示日期: 2026-10-07 is after the as-of date 2026-10-01"),
        "{warnings}"
    );
}
