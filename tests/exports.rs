//! The platform's export as it really comes: workbooks with title rows, merged cells, totals
//! and notes; several companies per task; a bureau's own column names and result words; and
//! the damage Excel does. Driven through the real binary.

mod common;

use common::*;
use serde_json::Value;

fn build(site: &std::path::Path, as_of: &str) -> (Option<i32>, Value) {
    let report = site.join("report.json");
    let output = gongshi_in(
        site,
        &[
            "build",
            "--as-of",
            as_of,
            "--report",
            report.to_str().unwrap(),
            "--color",
            "never",
        ],
    );
    let text = std::fs::read(&report)
        .unwrap_or_else(|_| panic!("no report: {}\n{}", stdout(&output), stderr(&output)));
    (output.status.code(), serde_json::from_slice(&text).unwrap())
}

fn items(report: &Value) -> Vec<&Value> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "task")
        .collect()
}

fn item<'a>(report: &'a Value, id: &str) -> &'a Value {
    items(report)
        .into_iter()
        .find(|i| i["id"] == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn page(site: &std::path::Path, slug: &str) -> String {
    std::fs::read_to_string(site.join("public/tasks").join(slug).join("index.html"))
        .unwrap_or_else(|e| panic!("tasks/{slug}: {e}"))
}

/// A page as a reader sees it: without the fingerprint it carries for `gongshi verify`, which
/// changes with anything the page is made from, shown or not (a result's class here).
fn as_shown(page: &str) -> String {
    let Some(at) = page.find("<meta name=gongshi-fingerprint") else {
        return page.to_string();
    };
    let end = at + page[at..].find('>').unwrap() + 1;
    format!("{}{}", &page[..at], &page[end..])
}

fn notes(report: &Value) -> String {
    report["notes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n.as_str().unwrap())
        .collect::<Vec<_>>()
        .join("\n")
}

fn messages(report: &Value, list: &str) -> String {
    report[list]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            format!(
                "{} {} {}: {}",
                p["file"].as_str().unwrap_or(""),
                p["line"]
                    .as_u64()
                    .map(|l| l.to_string())
                    .unwrap_or_default(),
                p["field"].as_str().unwrap_or(""),
                p["message"].as_str().unwrap()
            )
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// The workbooks as a district platform gives them (see tests/fixtures/platform/README.md):
/// every record is published, the counts add up, nothing is an error.
#[test]
fn workbook_exports_are_published_as_they_come() {
    let site = fixture("platform");
    let (code, report) = build(site.path(), "2025-10-20");
    // The first build publishes everything today, after every deadline: late, not invalid.
    assert_eq!(code, Some(1));
    let summary = &report["summary"];
    assert_eq!(summary["rows"], 11, "{summary}");
    assert_eq!(summary["published"], 11);
    assert_eq!(summary["invalid"], 0);
    assert_eq!(summary["unread_files"], 0);
    assert_eq!(report["errors"].as_array().unwrap().len(), 0);
    assert_eq!(
        report["warnings"].as_array().unwrap().len(),
        0,
        "{}",
        messages(&report, "warnings")
    );

    // Each record's 18 working days run from its own end date (hand-counted on the 2025
    // calendar: 国庆 2025-10-01/08 off, 09-28 and 10-11 worked).
    for (id, deadline) in [
        ("LH-2025-031/91440300MA5FQ1RW16", "2025-08-28"), // ended 08-04
        ("LH-2025-031/91440300788345678W", "2025-08-29"), // ended 08-05
        ("LH-2025-031/92440300L19283746F", "2025-09-01"), // ended 08-06
        ("LH-2025-032", "2025-09-02"),                    // ended 2025/8/7 (a text date)
        ("LH-2025-033/龙华区老街坊餐馆", "2025-09-25"),   // no credit code: its name
        ("LH-2025-033/91440300MA5H7TQP0E", "2025-09-26"), // ended 2025-09-02 (text)
        ("LH-2025-034", "2025-10-16"),                    // the hidden row; ended 09-16
        ("LH-2024-101/92440300MA5EK7R2PE", "2024-12-06"), // .xls, 检查日期 2024-11-12
        ("LH-2024-102", "2024-12-27"),                    // 检查日期 2024年12月3日
    ] {
        assert_eq!(item(&report, id)["deadline"], deadline, "{id}");
        assert_eq!(item(&report, id)["status"], "late", "{id}");
    }
    let places: Vec<String> = items(&report)
        .iter()
        .filter(|i| i["id"] == "LH-2025-034")
        .map(|i| format!("{} {} {}", i["file"], i["sheet"], i["line"]))
        .collect();
    assert_eq!(
        places,
        ["\"data/tasks/2025年第三季度双随机抽查结果.xlsx\" \"抽查结果\" 10"]
    );

    // Totals, notes and the sheet without a table are each named, not counted as rows.
    let notes = notes(&report);
    for expected in [
        "sheet 抽查结果: row(s) 1, 2 above the header skipped as a title",
        "sheet 抽查结果: row(s) 11 skipped as a totals row",
        "sheet 抽查结果: row(s) 13 skipped as a notes line",
        "sheet 抽查结果: row(s) 15 skipped as a notes line",
        "sheet Sheet1: row(s) 7 skipped as a totals row",
        "sheet(s) 填报说明 hold no table",
    ] {
        assert!(notes.contains(expected), "{expected}\n{notes}");
    }
    // 备注 is read only where no 处理结果 says more.
    assert!(
        notes.contains("column \"备注\" not read: 处理情况 is read from column \"处理结果\""),
        "{notes}"
    );

    // One task, three companies: three pages that link to each other; a task with one
    // object keeps the plain address.
    let tasks: Vec<String> = std::fs::read_dir(site.path().join("public/tasks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    let of_031: Vec<&String> = tasks
        .iter()
        .filter(|t| t.starts_with("lh-2025-031-"))
        .collect();
    assert_eq!(of_031.len(), 3, "{tasks:?}");
    assert!(tasks.contains(&"lh-2025-032".to_string()));
    for slug in &of_031 {
        let html = page(site.path(), slug);
        assert!(
            html.contains("2025年第三季度重点排污单位联合检查"),
            "task name shown"
        );
        assert!(
            html.contains("龙华管理局执法一队"),
            "the unit from 实施机关"
        );
        for other in of_031.iter().filter(|o| o != &slug) {
            assert!(
                html.contains(&format!("tasks/{other}/")),
                "{slug} links {other}"
            );
        }
        assert!(
            !html.contains(&format!("tasks/{slug}/\"")),
            "{slug} links itself"
        );
    }
    // 不合格 is a problem found: shown in red.
    let printer = of_031
        .iter()
        .map(|s| page(site.path(), s))
        .find(|html| html.contains("<h1>深圳市龙华区新城印刷厂</h1>"))
        .unwrap();
    assert!(
        printer.contains(r#"<strong class="problem">不合格</strong>"#)
            || printer.contains("<strong class=problem>不合格</strong>")
    );
    // 处理结果 is the handling.
    assert!(printer.contains("立案调查"));

    // The quarter counts classes, not words: 发现问题, 不合格 and 存在问题 are problems.
    let q3 = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2025Q3")
        .unwrap();
    assert_eq!(q3["figures"]["total"], 7);
    assert_eq!(q3["figures"]["tasks"], 4);
    let quarter =
        std::fs::read_to_string(site.path().join("public/quarters/2025q3/index.html")).unwrap();
    assert!(quarter.contains("本季度共 4 项抽查任务、7 个检查对象"));
    assert_eq!(q3["figures"]["with_problems"], 3);
    // ... and 企业已搬迁，无法检查 is not a problem, nor a result missing.
    let q4 = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2024Q4")
        .unwrap();
    assert_eq!(q4["figures"]["with_problems"], 1);
    assert_eq!(q4["figures"]["awaiting_result"], 0);
}

/// A header over two rows (检查日期 over 开始日期 and 结束日期) is read as one.
#[test]
fn a_header_over_two_rows_is_read_as_one() {
    let site = minimal_with(
        "任务编号,检查对象名称,检查日期,,检查结果\n\
         ,,开始日期,结束日期,\n\
         H-1,甲公司,2025-09-01,2025-09-03,未发现问题\n\
         任务编号,检查对象名称,检查日期,,检查结果\n\
         ,,开始日期,结束日期,\n\
         H-3,乙公司,2025-09-02,2025-09-03,未发现问题\n",
    );
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(0), "{}", messages(&report, "errors"));
    assert_eq!(item(&report, "H-1")["deadline"], "2025-09-28");
    assert_eq!(report["summary"]["published"], 2);
    let notes = notes(&report);
    assert!(notes.contains("line 2 read as the second row of the header"));
    // Both rows of the header, pasted again further down, are the header again.
    assert!(notes.contains("line(s) 4, 5 repeat the header"), "{notes}");

    // A start column and 检查日期 but no end column: 检查日期 is the end.
    let site = minimal_with(
        "任务编号,检查开始日期,检查日期,检查结果\nH-2,2025-09-01,2025-09-03,未发现问题\n",
    );
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(0), "{}", messages(&report, "errors"));
    assert_eq!(item(&report, "H-2")["deadline"], "2025-09-28");
    assert_eq!(report["summary"]["published"], 1);
}

/// Errors in a workbook point at the cell, as people name it.
#[test]
fn errors_in_a_workbook_name_the_cell() {
    let site = fixture("platform-errors");
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-10-20", "--color", "never"],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for expected in [
        "data/tasks/错误示例.xlsx:Sheet1!C2: 统一社会信用代码: \"4.40306E+17\" is a credit code that Excel turned into a number (scientific notation)",
        "data/tasks/错误示例.xlsx:Sheet1!D3: 检查结束日期: \"2025-02-30\" does not exist",
        "data/tasks/错误示例.xlsx:'Sheet 2'!A2: 任务编号: \"2.02501E+17\" is a task id that Excel turned into a number",
        "task E-3  deadline 2025-09-26  published 2025-10-20  24 days late  data/tasks/错误示例.xlsx:Sheet1!4:4",
        "data/tasks/错误示例.xlsx:第二批: sheet not read: no header naming 任务编号 in its first rows, so its 3 row(s) that look like data are not published",
        "data/tasks/错误示例.xlsx:任务清单: sheet not read: its header (row 1) has no 检查结束日期 column",
    ] {
        assert!(text.contains(expected), "{expected}\n{text}");
    }
    let github = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-10-20", "--format", "github"],
    ));
    assert!(
        github.contains("::error file=data/tasks/错误示例.xlsx,title=invalid row%2C not published::data/tasks/错误示例.xlsx:Sheet1!C2"),
        "{github}"
    );
}

/// A damaged workbook is named; everything else is still published.
#[test]
fn a_damaged_workbook_is_named_and_the_rest_published() {
    let site = minimal_with("任务编号,检查结束日期,检查结果\nM-1,2025-09-02,未发现问题\n");
    std::fs::write(
        site.path().join("data/tasks/导出.xlsx"),
        b"PK\x03\x04broken",
    )
    .unwrap();
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(1));
    assert_eq!(report["summary"]["published"], 1);
    assert_eq!(report["errors"][0]["file"], "data/tasks/导出.xlsx");
    assert!(
        report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("not readable as a workbook")
    );
}

const HEADER: &str = "任务编号,检查对象名称,统一社会信用代码,检查开始日期,检查结束日期,检查结果\n";

/// Several companies per task: a record each, duplicates reported once per group.
#[test]
fn a_task_with_several_objects_gives_a_record_each() {
    let site = minimal_with(&format!(
        "{HEADER}\
         J-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
         J-1,乙五金厂,91440300788345678W,2025-09-01,2025-09-03,发现问题\n\
         J-1,丙餐馆,,2025-09-04,2025-09-04,未发现问题\n\
         J-2,丁公司,91440300MA5G2KLM33,2025-09-01,2025-09-02,未发现问题\n\
         J-2,丁公司,91440300MA5G2KLM33,2025-09-01,2025-09-02,未发现问题\n\
         J-2,丁公司,91440300MA5G2KLM33,2025-09-01,2025-09-02,未发现问题\n\
         J-3,戊公司,91440300MA5H7TQP0E,2025-09-01,2025-09-02,未发现问题\n\
         J-4,己公司,91440300MA5DCXY210,2025-09-01,2025-09-02,未发现问题\n\
         J-4,庚公司,92440300MA5EK7R2PE,2025-09-01,2025-09-02,未发现问题\n\
         J-4,己公司,91440300MA5DCXY210,2025-09-05,2025-09-05,未发现问题\n"
    ));
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(1), "the duplicates are invalid rows");
    let summary = &report["summary"];
    assert_eq!(summary["rows"], 10);
    assert_eq!(summary["published"], 5);
    assert_eq!(summary["invalid"], 5);

    // Each object's deadline counts from its own end (hand-counted): ended 09-01 → 09-25,
    // 09-03 → 09-28 (a Sunday worked before 国庆), 09-04 → 09-29; J-3 ended 09-02 → 09-26.
    assert_eq!(
        item(&report, "J-1/91440300MA5FQ1RW16")["deadline"],
        "2025-09-25"
    );
    assert_eq!(
        item(&report, "J-1/91440300788345678W")["deadline"],
        "2025-09-28"
    );
    assert_eq!(item(&report, "J-1/丙餐馆")["deadline"], "2025-09-29");
    assert_eq!(item(&report, "J-3")["deadline"], "2025-09-26");
    assert_eq!(item(&report, "J-4/92440300MA5EK7R2PE")["status"], "on_time");

    // Duplicates: one message per group, with every line; the others point at it.
    let errors = report["errors"].as_array().unwrap();
    let texts: Vec<&str> = errors
        .iter()
        .map(|e| e["message"].as_str().unwrap())
        .collect();
    assert_eq!(texts.len(), 5, "{texts:?}");
    let listing: Vec<&&str> = texts
        .iter()
        .filter(|t| t.contains("which cannot be told apart"))
        .collect();
    assert_eq!(listing.len(), 2, "{texts:?}");
    assert!(
        listing[0].contains("task id \"J-2\" is on 3 rows")
            && listing[0].contains(":6, ")
            && listing[0].contains(":7"),
        "{}",
        listing[0]
    );
    assert!(
        listing[1].contains("task id \"J-4\" with object \"91440300MA5DCXY210\" is on 2 rows"),
        "{}",
        listing[1]
    );
    assert_eq!(texts.iter().filter(|t| t.contains("again: see")).count(), 3);

    // Pages: the task slug with an object suffix; the one-object task keeps its address.
    let public = site.path().join("public/tasks");
    let mut slugs: Vec<String> = std::fs::read_dir(&public)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    assert_eq!(slugs.len(), 5, "{slugs:?}");
    assert_eq!(slugs.iter().filter(|s| s.starts_with("j-1-")).count(), 3);
    assert!(slugs.contains(&"j-3".to_string()));
    assert!(
        slugs.iter().all(|s| s.len() <= "j-1-".len() + 8),
        "{slugs:?}"
    );

    // The ledger records each object under its own id.
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(
        ledger.contains("task,J-1/91440300MA5FQ1RW16,2025-09-10,"),
        "{ledger}"
    );
    assert!(ledger.contains("task,J-1/丙餐馆,2025-09-10,"), "{ledger}");
    assert!(ledger.contains("task,J-3,2025-09-10,"), "{ledger}");

    // A second build changes nothing.
    let before = tree(&site.path().join("public"));
    let (_, again) = build(site.path(), "2025-09-10");
    assert_eq!(again["summary"], report["summary"]);
    assert_eq!(tree(&site.path().join("public")), before);
}

/// A task published with one company that a later export gives a second keeps its date and
/// its page: the ledger knew it by its task id.
#[test]
fn a_task_that_gains_an_object_keeps_its_publication() {
    let site = minimal_with(&format!(
        "{HEADER}K-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n"
    ));
    let (code, _) = build(site.path(), "2025-09-03");
    assert_eq!(code, Some(0));
    let first = page(site.path(), "k-1");
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        format!(
            "{HEADER}\
             K-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
             K-1,乙五金厂,91440300788345678W,2025-09-01,2025-09-05,发现问题\n"
        ),
    )
    .unwrap();
    let (code, report) = build(site.path(), "2025-09-08");
    assert_eq!(code, Some(0), "{}", messages(&report, "errors"));
    assert_eq!(report["missing"].as_array().map_or(0, Vec::len), 0);
    let kept = item(&report, "K-1");
    assert_eq!(kept["published_on"], "2025-09-03");
    assert_eq!(kept["status"], "on_time");
    assert_eq!(
        item(&report, "K-1/91440300788345678W")["published_on"],
        "2025-09-08"
    );
    // Same address, now linking to the other object.
    let now = page(site.path(), "k-1");
    assert!(now.contains("乙五金厂") && !first.contains("乙五金厂"));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert_eq!(ledger.matches("task,K-1,").count(), 1, "{ledger}");
    assert!(
        !ledger.contains("revision"),
        "nothing of it changed: {ledger}"
    );
    // Said on the day the task gained the company: a mistyped task id would look the same.
    let warnings = messages(&report, "warnings");
    assert!(
        warnings
            .contains("task K-1 was published on 2025-09-03 with one object (91440300MA5FQ1RW16)"),
        "{warnings}"
    );
    // A check that day says the same as the build; the next day it is said no more.
    let check = |day: &str| {
        let output = gongshi_in(site.path(), &["check", "--as-of", day, "--color", "never"]);
        stdout(&output)
    };
    assert!(check("2025-09-08").contains("task K-1 was published on 2025-09-03"));
    assert!(!check("2025-09-09").contains("was published on"));
    assert_eq!(tree(&site.path().join("public/tasks")).len(), 2);

    // And back: the other company's row moves to its own task. The first keeps its id, its
    // date and its page.
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        format!("{HEADER}K-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n"),
    )
    .unwrap();
    let (_, report) = build(site.path(), "2025-09-09");
    assert_eq!(item(&report, "K-1")["published_on"], "2025-09-03");
    assert!(page(site.path(), "k-1").contains("<time datetime=\"2025-09-03\">"));
    // The other company's published result has no row now: its page stays, and says so
    // until its row is back or it is withdrawn.
    let missing: Vec<&str> = report["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(missing, ["K-1/91440300788345678W"]);
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert_eq!(ledger.matches("task,K-1,").count(), 1, "{ledger}");
}

/// A task's companies split into tasks of their own keep their ids and pages.
#[test]
fn a_task_that_loses_objects_keeps_their_publications() {
    let site = minimal_with(&format!(
        "{HEADER}\
         V-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
         V-1,深圳市 乙五金厂,,2025-09-01,2025-09-02,发现问题\n"
    ));
    let (code, _) = build(site.path(), "2025-09-03");
    assert_eq!(code, Some(0));
    let before: Vec<String> = tree(&site.path().join("public/tasks"))
        .into_keys()
        .collect();
    // The export now files 乙 under a task of its own.
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        format!(
            "{HEADER}\
             V-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
             V-2,深圳市乙五金厂,,2025-09-01,2025-09-02,发现问题\n"
        ),
    )
    .unwrap();
    let (_, report) = build(site.path(), "2025-09-10");
    let kept = item(&report, "V-1/91440300MA5FQ1RW16");
    assert_eq!(kept["published_on"], "2025-09-03");
    assert_eq!(kept["status"], "on_time");
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(
        !ledger.contains("task,V-1,"),
        "no second first publication: {ledger}"
    );
    // The object in an id is as compared: without the space.
    assert!(
        ledger.contains("task,V-1/深圳市乙五金厂,2025-09-03"),
        "{ledger}"
    );
    let after: Vec<String> = tree(&site.path().join("public/tasks"))
        .into_keys()
        .collect();
    for page in &before {
        assert!(after.contains(page), "{page} is gone: {after:?}");
    }
}

/// A row that names no company beside one that does is not a second object: both rows are
/// duplicates, as in a one-object export. Ids that would read the same are refused.
#[test]
fn rows_that_cannot_be_told_apart_are_refused() {
    let site = minimal_with(&format!(
        "{HEADER}\
         N-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
         N-1,,,2025-09-01,2025-09-01,未发现问题\n\
         A/B,丙公司,,2025-09-01,2025-09-01,未发现问题\n\
         A/B,丁公司,,2025-09-01,2025-09-01,未发现问题\n\
         A,B/丙公司,,2025-09-01,2025-09-01,未发现问题\n\
         A,戊公司,,2025-09-01,2025-09-01,未发现问题\n"
    ));
    let (_, report) = build(site.path(), "2025-09-10");
    let errors = messages(&report, "errors");
    assert!(errors.contains("task id \"N-1\" is on 2 rows"), "{errors}");
    assert!(
        errors.contains("would have the same page as another"),
        "{errors}"
    );
    assert_eq!(report["summary"]["invalid"], 4, "{errors}");
    assert_eq!(report["summary"]["published"], 2);
}

/// A CSV saved from a sheet with merged task ids: the pattern is named, and the site can ask
/// for the cells to be filled down. Never done unasked.
#[test]
fn merged_cells_saved_as_csv_are_named_and_filled_down_when_asked() {
    let csv = format!(
        "{HEADER}\
         L-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
         ,乙五金厂,91440300788345678W,2025-09-01,2025-09-02,发现问题\n\
         ,丙餐馆,,2025-09-01,2025-09-02,未发现问题\n\
         L-2,丁公司,91440300MA5G2KLM33,2025-09-01,2025-09-02,未发现问题\n\
         ,戊公司,91440300MA5H7TQP0E,2025-09-01,2025-09-02,未发现问题\n"
    );
    let site = minimal_with(&csv);
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(1));
    assert_eq!(report["summary"]["invalid"], 3);
    let warnings = messages(&report, "warnings");
    assert!(
        warnings.contains("3 row(s) (line(s) 3, 4, 6) have an empty 任务编号 right under a row that has one: this looks like merged cells in Excel")
            && warnings.contains("fill_down = [\"任务编号\"]"),
        "{warnings}"
    );
    let errors = messages(&report, "errors");
    assert_eq!(
        errors.matches("looks like a merged cell").count(),
        3,
        "{errors}"
    );

    std::fs::write(
        site.path().join("gongshi.toml"),
        "[input]\nfill_down = [\"任务编号\"]\n",
    )
    .unwrap();
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(0), "{}", messages(&report, "errors"));
    assert_eq!(report["summary"]["published"], 5);
    assert!(notes(&report).contains("3 empty cell(s) filled from the row above"));
    assert_eq!(item(&report, "L-1/丙餐馆")["status"], "on_time");
    assert_eq!(item(&report, "L-2/91440300MA5H7TQP0E")["status"], "on_time");
}

/// 合计 and 填表人 rows under a CSV table are skipped with a note: not invalid, no exit 1.
#[test]
fn totals_and_notes_rows_are_skipped_with_a_note() {
    let site = minimal_with(&format!(
        "{HEADER}\
         N-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
         合计,,,,,1家\n\
         \n\
         填表人：王晓明,,,,,\n\
         制表日期：2025年9月9日,,,,,\n"
    ));
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(0), "{}", messages(&report, "errors"));
    assert_eq!(report["summary"]["rows"], 1);
    let notes = notes(&report);
    assert!(
        notes.contains("line(s) 3 skipped as a totals row"),
        "{notes}"
    );
    assert!(
        notes.contains("line(s) 5 skipped as a notes line"),
        "{notes}"
    );
    assert!(
        notes.contains("line(s) 6 skipped as a notes line"),
        "{notes}"
    );
}

/// A bureau's own column names, mapped in gongshi.toml, and checked like every other key.
#[test]
fn a_sites_column_names_are_read_and_checked() {
    let csv = "任务编号,企业名称,检查完毕日期,检查结论,整改情况\n\
               C-1,甲公司,2025-09-02,未发现问题,无需整改\n";
    let site = minimal_with(csv);
    // Without the mapping: the end column is missing, a fatal error that says what to do.
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("no 检查结束日期 column found"));

    std::fs::write(
        site.path().join("gongshi.toml"),
        "[columns]\nend = \"检查完毕日期\"\nresult = [\"检查结论\", \"核查结论\"]\n",
    )
    .unwrap();
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(0), "{}", messages(&report, "errors"));
    assert_eq!(item(&report, "C-1")["deadline"], "2025-09-26");
    // 整改情况 looks like the handling, which this export has no column for: a warning.
    let warnings = messages(&report, "warnings");
    assert!(
        warnings.contains("column \"整改情况\" is not read, and looks like 处理情况 (handling)")
            && warnings.contains("handling = \"整改情况\""),
        "{warnings}"
    );
    assert!(page(site.path(), "c-1").contains("未发现问题"));

    for (toml, expected) in [
        ("[columns]\nends = \"检查完毕日期\"\n", "ends: not a field"),
        (
            "[columns]\nend = \"检查完毕日期\"\nstart = \"检查完毕日期\"\n",
            "is given to both",
        ),
        ("[input]\nfill_dow = [\"任务编号\"]\n", "fill_dow"),
        (
            "[results]\nproblem = [\"合格\"]\nno_problem = [\"合格\"]\n",
            "in both",
        ),
    ] {
        std::fs::write(site.path().join("gongshi.toml"), toml).unwrap();
        let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"]);
        assert_eq!(output.status.code(), Some(2), "{toml}");
        assert!(
            stderr(&output).contains(expected),
            "{toml}: {}",
            stderr(&output)
        );
    }
}

/// Result words by class: problems in red and counted, pending ones not publishable, unknown
/// ones warned about once with their count, and a site's own words.
#[test]
fn result_words_are_classified() {
    let csv = "任务编号,检查对象名称,检查结束日期,检查结果\n\
               R-1,甲公司,2025-09-01,不合格\n\
               R-2,乙公司,2025-09-01,存在问题\n\
               R-3,丙公司,2025-09-01,待定\n\
               R-4,丁公司,2025-09-01,企业已搬迁，无法检查\n\
               R-5,戊公司,2025-09-01,见附件\n\
               R-6,己公司,2025-09-01,见附件\n\
               R-7,庚公司,2025-08-01,检查中\n";
    let site = minimal_with(csv);
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(1), "R-7 is overdue: 检查中 is not a result");
    assert_eq!(item(&report, "R-3")["status"], "due");
    assert_eq!(item(&report, "R-7")["status"], "overdue");
    assert!(!site.path().join("public/tasks/r-3").exists());
    for slug in ["r-1", "r-2"] {
        let html = page(site.path(), slug);
        assert!(
            html.contains("class=problem") || html.contains("class=\"problem\""),
            "{slug}"
        );
    }
    for slug in ["r-4", "r-5"] {
        let html = page(site.path(), slug);
        assert!(
            !html.contains("class=problem") && !html.contains("class=\"problem\""),
            "{slug}"
        );
    }
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap())
        .filter(|m| m.contains("in no result class"))
        .collect();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].contains("\"见附件\" (2 record(s), first at line 6)"),
        "{}",
        warnings[0]
    );
    let q3 = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2025Q3")
        .unwrap();
    assert_eq!(q3["figures"]["with_problems"], 2);
    assert_eq!(q3["figures"]["awaiting_result"], 2);

    std::fs::write(
        site.path().join("gongshi.toml"),
        "[results]\nproblem = [\"见附件\"]\npending = [\"暂缓公示\"]\n",
    )
    .unwrap();
    let (_, report) = build(site.path(), "2025-09-10");
    assert!(!messages(&report, "warnings").contains("in no result class"));
    assert!(page(site.path(), "r-5").contains("problem"));
}

/// A credit code that Excel showed in scientific notation, then saved as CSV.
#[test]
fn excel_scientific_notation_is_named() {
    let site = minimal_with(
        "任务编号,检查对象名称,统一社会信用代码,检查结束日期,检查结果\n\
         S-1,甲公司,4.40306E+17,2025-09-01,未发现问题\n\
         2.02501E+11,乙公司,,2025-09-01,未发现问题\n\
         S-3,丙公司,,2025-09-01,#N/A\n",
    );
    let (_, report) = build(site.path(), "2025-09-10");
    let errors = messages(&report, "errors");
    assert!(
        errors.contains("统一社会信用代码: \"4.40306E+17\" is a credit code that Excel turned into a number (scientific notation), and its digits are lost")
            && errors.contains("format the column as text"),
        "{errors}"
    );
    assert!(
        errors.contains("任务编号: \"2.02501E+11\" is a task id that Excel turned into a number"),
        "{errors}"
    );
    // And a formula that failed.
    assert!(
        errors.contains("检查结果: holds Excel's error value #N/A: a formula in the export failed"),
        "{errors}"
    );
}

/// An .ods from LibreOffice: dates and totals read as in .xlsx; its merged cells (which the
/// reader cannot see) are named, and filled down when the site asks.
#[test]
fn an_ods_export_is_read_and_its_merged_cells_named() {
    let site = fixture("platform-ods");
    let (code, report) = build(site.path(), "2025-10-20");
    assert_eq!(code, Some(1));
    assert_eq!(report["summary"]["rows"], 4);
    assert_eq!(report["summary"]["invalid"], 2);
    let warnings = messages(&report, "warnings");
    assert!(
        warnings.contains("2 row(s) (row(s) 4, 5) have an empty 任务编号")
            && warnings.contains("Save it as .xlsx"),
        "{warnings}"
    );
    assert!(notes(&report).contains("row(s) 7 skipped as a totals row"));

    std::fs::write(
        site.path().join("gongshi.toml"),
        "[input]\nfill_down = [\"task_id\"]\n",
    )
    .unwrap();
    let (_, report) = build(site.path(), "2025-10-20");
    assert_eq!(
        report["summary"]["published"],
        4,
        "{}",
        messages(&report, "errors")
    );
    // A date cell (ended 09-01), and a text date in the third row of the merged task (ended
    // 09-03; 09-28 is a Sunday worked before 国庆). The first company was published alone by
    // the first build, under the bare task id, and keeps it.
    assert_eq!(item(&report, "OD-2025-001")["deadline"], "2025-09-25");
    assert_eq!(item(&report, "OD-2025-001")["published_on"], "2025-10-20");
    assert_eq!(
        item(&report, "OD-2025-001/92440300L19283746F")["deadline"],
        "2025-09-28"
    );
}

/// One company's result of a task with several is withdrawn by its own id; the bare task id
/// names them.
#[test]
fn one_company_of_a_task_is_withdrawn_by_its_id() {
    let site = minimal_with(&format!(
        "{HEADER}\
         W-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
         W-1,丙餐馆,,2025-09-01,2025-09-02,发现问题\n"
    ));
    let (code, _) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(0));
    let output = gongshi_in_on(
        site.path(),
        Some("2025-09-11"),
        &["withdraw", "W-1", "--reason", "录入错误"],
    );
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("did you mean W-1/91440300MA5FQ1RW16, W-1/丙餐馆?"),
        "{message}"
    );
    let output = gongshi_in_on(
        site.path(),
        Some("2025-09-11"),
        &["withdraw", "W-1/丙餐馆", "--reason", "录入错误"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let (_, report) = build(site.path(), "2025-09-11");
    assert_eq!(report["summary"]["withdrawn"], 1);
    let withdrawn: Vec<String> = std::fs::read_dir(site.path().join("public/tasks"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|slug| page(site.path(), slug).contains("录入错误"))
        .collect();
    assert_eq!(withdrawn.len(), 1, "{withdrawn:?}");
    assert!(withdrawn[0].starts_with("w-1-"));
    assert!(!page(site.path(), &withdrawn[0]).contains("发现问题"));
}

/// A history kept in Excel imports as a CSV does: below its title row, with date cells, and
/// a task's companies by their own ids.
#[test]
fn history_in_a_workbook_is_imported() {
    let site = fixture("platform");
    let history = fixture_path("history").join("公示记录.xlsx");
    let output = gongshi_in_on(
        site.path(),
        Some("2025-10-20"),
        &["ledger", "import", history.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let (_, report) = build(site.path(), "2025-10-20");
    let item = |id| item(&report, id).clone();
    assert_eq!(
        item("LH-2025-031/91440300MA5FQ1RW16")["published_on"],
        "2025-08-20"
    );
    assert_eq!(item("LH-2025-031/91440300MA5FQ1RW16")["status"], "on_time");
    assert_eq!(item("LH-2025-032")["published_on"], "2025-08-29");
    assert_eq!(item("LH-2025-032")["status"], "on_time");
    assert_eq!(item("LH-2025-031/91440300788345678W")["status"], "late");
}

/// The bare id of a task with several companies names them in the import's answer.
#[test]
fn importing_a_task_with_several_companies_asks_for_each() {
    let site = fixture("platform");
    let history = site.path().join("history.csv");
    std::fs::write(&history, "任务编号,公示日期\nLH-2025-031,2025-08-20\n").unwrap();
    let output = gongshi_in_on(
        site.path(),
        Some("2025-10-20"),
        &["ledger", "import", history.to_str().unwrap()],
    );
    assert_eq!(output.status.code(), Some(1));
    let message = stderr(&output) + &stdout(&output);
    assert!(
        message.contains("task LH-2025-031 has 3 objects, each its own record")
            && message.contains("LH-2025-031/91440300MA5FQ1RW16"),
        "{message}"
    );
}

/// A published result whose words now count as not a result yet keeps its page as published.
#[test]
fn a_published_result_that_becomes_pending_keeps_its_page() {
    let site =
        minimal_with("任务编号,检查对象名称,检查结束日期,检查结果\nP-1,甲公司,2025-09-01,已受理\n");
    let (code, _) = build(site.path(), "2025-09-03");
    assert_eq!(code, Some(0));
    let before = page(site.path(), "p-1");
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[results]\npending = [\"已受理\"]\n",
    )
    .unwrap();
    let (_, report) = build(site.path(), "2025-09-04");
    assert_eq!(report["missing"].as_array().map_or(0, Vec::len), 0);
    let after = page(site.path(), "p-1");
    assert_ne!(
        as_shown(&before),
        before,
        "the page carries its fingerprint"
    );
    assert_eq!(as_shown(&after), as_shown(&before));
    let warnings = messages(&report, "warnings");
    assert!(
        warnings.contains("its row has \"已受理\", which is not a result yet, now"),
        "{warnings}"
    );
}

/// A joint inspection of many companies: each page lists the first 50 others and says how many
/// more there are.
#[test]
fn a_task_of_many_companies_lists_the_first_fifty() {
    let mut csv = String::from(HEADER);
    for i in 0..60 {
        csv.push_str(&format!(
            "M-1,第{i:02}号公司,,2025-09-01,2025-09-01,未发现问题\n"
        ));
    }
    let site = minimal_with(&csv);
    let (code, report) = build(site.path(), "2025-09-10");
    assert_eq!(code, Some(0), "{}", messages(&report, "errors"));
    assert_eq!(report["summary"]["published"], 60);
    let slug = tree(&site.path().join("public/tasks"))
        .into_keys()
        .next()
        .unwrap()
        .split('/')
        .next()
        .unwrap()
        .to_string();
    let html = page(site.path(), &slug);
    assert_eq!(html.matches("href=\"../../tasks/m-1-").count(), 50);
    assert!(html.contains("另有 9 个检查对象"), "{html}");
}

/// Fields gongshi reads since (任务名称, 抽查类型) appearing on a published result's page are
/// not a correction (更正) of it: the ledger gets no revision.
#[test]
fn fields_read_since_are_not_a_correction() {
    let site = minimal_with(
        "任务编号,检查对象名称,检查结束日期,检查结果\nT-1,甲公司,2025-09-01,未发现问题\n",
    );
    let (code, _) = build(site.path(), "2025-09-03");
    assert_eq!(code, Some(0));
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        "任务编号,任务名称,抽查类型,检查对象名称,检查结束日期,检查结果\n\
         T-1,2025年第三季度随机抽查,一般检查,甲公司,2025-09-01,未发现问题\n",
    )
    .unwrap();
    let (code, _) = build(site.path(), "2025-09-04");
    assert_eq!(code, Some(0));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(!ledger.contains("revision"), "{ledger}");
    let html = page(site.path(), "t-1");
    assert!(html.contains("2025年第三季度随机抽查") && !html.contains("最后更新"));
    // A real correction still is one.
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        "任务编号,任务名称,抽查类型,检查对象名称,检查结束日期,检查结果\n\
         T-1,2025年第三季度随机抽查,一般检查,甲公司,2025-09-01,发现问题\n",
    )
    .unwrap();
    build(site.path(), "2025-09-05");
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(ledger.contains("revision,T-1,2025-09-05"), "{ledger}");
}

/// A task whose first company (published under the bare task id) leaves it, while a company
/// added later stays: each keeps its own publication; nothing is taken for a correction.
#[test]
fn the_company_published_under_the_bare_id_leaving_is_no_correction() {
    let first = "T-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n";
    let second = "T-1,乙五金厂,91440300788345678W,2025-09-01,2025-09-02,发现问题\n";
    let site = minimal_with(&format!("{HEADER}{first}"));
    build(site.path(), "2025-09-01");
    let write = |rows: &str| {
        std::fs::write(
            site.path().join("data/tasks/tasks.csv"),
            format!("{HEADER}{rows}"),
        )
        .unwrap()
    };
    write(&format!("{first}{second}"));
    build(site.path(), "2025-09-05");
    write(second);
    let (_, report) = build(site.path(), "2025-09-10");
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(!ledger.contains("revision"), "{ledger}");
    let kept = item(&report, "T-1/91440300788345678W");
    assert_eq!(kept["published_on"], "2025-09-05");
    let missing: Vec<&str> = report["missing"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        missing,
        ["T-1"],
        "甲's result is published and its row is gone"
    );
    assert!(page(site.path(), "t-1").contains("甲电镀厂"));
}

/// Importing again a history whose bare task id the ledger already has, for a task that has
/// gained a company since, finds it there with the same date.
#[test]
fn importing_a_bare_id_the_ledger_has_is_no_error() {
    let site = minimal_with(&format!(
        "{HEADER}I-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n"
    ));
    let history = site.path().join("history.csv");
    std::fs::write(&history, "任务编号,公示日期\nI-1,2025-09-02\n").unwrap();
    let import = || {
        gongshi_in_on(
            site.path(),
            Some("2025-09-10"),
            &["ledger", "import", history.to_str().unwrap()],
        )
    };
    assert_eq!(import().status.code(), Some(0));
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        format!(
            "{HEADER}\
             I-1,甲电镀厂,91440300MA5FQ1RW16,2025-09-01,2025-09-01,未发现问题\n\
             I-1,乙五金厂,91440300788345678W,2025-09-01,2025-09-02,发现问题\n"
        ),
    )
    .unwrap();
    let output = import();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert_eq!(ledger.matches("I-1").count(), 1, "{ledger}");
}
