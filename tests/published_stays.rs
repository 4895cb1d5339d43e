//! Nothing published ever vanishes, and nothing wrong is called OK: a result whose row leaves
//! the exports keeps its page (from the archive) and fails CI until it is back or withdrawn; a
//! withdrawal keeps the address with a notice; files gongshi cannot read are named; a folder
//! that is not a site is refused before anything is written in it.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

const HEADER: &str = "task_id,unit,category,matter,entity,credit_code,start,end,result\n";
const P1: &str = "P-1,坪山管理局,重点监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,2025-09-01,2025-09-01,未发现问题\n";
const P2: &str = "P-2,坪山管理局,重点监管对象,废水排放检查,坪山某五金厂,914403001922038216,2025-09-02,2025-09-02,发现问题经责令已改正\n";
const P3: &str = "P-3,坪山管理局,一般监管对象,噪声检查,坪山某塑胶厂,9144030071526726XG,2025-09-03,2025-09-03,未发现问题\n";

/// A site whose three results were published by a build on 2025-09-10.
fn published_site() -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("data/tasks")).unwrap();
    write_tasks(site.path(), &format!("{P1}{P2}{P3}"));
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    site
}

fn write_tasks(site: &Path, rows: &str) {
    std::fs::write(site.join("data/tasks/tasks.csv"), format!("{HEADER}{rows}")).unwrap();
}

fn build(site: &Path, as_of: &str) -> (Option<i32>, Value) {
    let output = gongshi_in(site, &["build", "--as-of", as_of, "--format", "json"]);
    (output.status.code(), json(&output))
}

fn read(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join("public").join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The case: the export put in data/ instead of data/tasks/. Before, the build removed
/// every published page, said OK and exited 0.
#[test]
fn an_export_in_the_wrong_folder_is_refused_and_the_site_stays() {
    let site = published_site();
    let before = tree(&site.path().join("public"));
    let ledger = std::fs::read(site.path().join("data/published.csv")).unwrap();
    std::fs::rename(
        site.path().join("data/tasks/tasks.csv"),
        site.path().join("data/tasks.csv"),
    )
    .unwrap();
    std::fs::remove_dir(site.path().join("data/tasks")).unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-11"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("is not a gongshi site")
            && message.contains("found data/tasks.csv: task ledgers go in data/tasks/")
            && message.contains("gongshi init"),
        "{message}"
    );
    assert_eq!(tree(&site.path().join("public")), before);
    assert_eq!(
        std::fs::read(site.path().join("data/published.csv")).unwrap(),
        ledger
    );
}

#[test]
fn a_result_that_leaves_the_exports_keeps_its_page_and_fails_ci() {
    let site = published_site();
    let page = read(site.path(), "tasks/p-2/index.html");
    write_tasks(site.path(), &format!("{P1}{P3}"));
    let (code, report) = build(site.path(), "2025-09-12");
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(report["summary"]["missing"], 1);
    assert_eq!(report["summary"]["rows"], 2);
    let missing = &report["missing"][0];
    assert_eq!(missing["id"], "P-2");
    assert_eq!(missing["published_on"], "2025-09-10");
    assert_eq!(missing["page_kept"], true);
    assert_eq!(missing["status"], "on_time");
    // The same page, byte for byte, and still listed everywhere it was.
    assert_eq!(read(site.path(), "tasks/p-2/index.html"), page);
    assert!(read(site.path(), "entities/914403001922038216/index.html").contains("tasks/p-2/"));
    assert!(read(site.path(), "data/tasks.csv").contains("\r\nP-2,"));
    assert!(read(site.path(), "index.html").contains("tasks/p-2/"));
    let text = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-09-12"],
    ));
    assert!(
        text.contains("MISSING (1)")
            && text.contains("task P-2  published 2025-09-10: it is in no task export now")
            && text.contains("gongshi withdraw P-2 --reason")
            && text.contains("FAILED: 1 published result(s) in no export now"),
        "{text}"
    );
    let junit = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-09-12", "--format", "junit"],
    ));
    assert!(junit.contains("type=\"missing\""), "{junit}");

    // Back in the export: all clear.
    write_tasks(site.path(), &format!("{P1}{P2}{P3}"));
    let (code, report) = build(site.path(), "2025-09-12");
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["missing"], Value::Array(vec![]));
}

#[test]
fn a_row_made_invalid_or_emptied_keeps_the_page_as_last_published() {
    let site = published_site();
    // A typo in the end date: the row is rejected, the published page stays.
    write_tasks(
        site.path(),
        &format!(
            "{}{P2}{P3}",
            P1.replace(",2025-09-01,未发现", ",2025-09-31,未发现")
        ),
    );
    let (code, report) = build(site.path(), "2025-09-12");
    assert_eq!(code, Some(1));
    assert_eq!(report["summary"]["invalid"], 1);
    assert_eq!(report["missing"][0]["id"], "P-1");
    assert!(
        report["missing"][0]["message"]
            .as_str()
            .unwrap()
            .starts_with("its row is invalid now")
    );
    assert!(read(site.path(), "tasks/p-1/index.html").contains("未发现问题"));

    // The result cleared in the export: a warning, and the page keeps the published result.
    write_tasks(
        site.path(),
        &format!("{}{P2}{P3}", P1.replace(",未发现问题", ",")),
    );
    let (code, report) = build(site.path(), "2025-09-12");
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["items"][0]["status"], "on_time");
    assert!(
        report["warnings"]
            .to_string()
            .contains("task P-1 was published on 2025-09-10, but its row has no result now")
    );
    assert!(read(site.path(), "tasks/p-1/index.html").contains("未发现问题"));
}

#[test]
fn without_the_archive_a_gone_result_is_named_as_lost() {
    let site = published_site();
    std::fs::remove_file(site.path().join("data/published-records.jsonl")).unwrap();
    write_tasks(site.path(), &format!("{P1}{P3}"));
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-09-12", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["missing"][0]["page_kept"], false);
    assert!(
        report["missing"][0]["message"]
            .as_str()
            .unwrap()
            .contains("its page cannot be built")
    );
    // A published quarter whose tasks are all gone is named too.
    let mut ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    ledger.push_str("quarter,2025Q2,2025-07-05,,\n");
    std::fs::write(site.path().join("data/published.csv"), ledger).unwrap();
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-09-12", "--format", "json"],
    );
    let report = json(&output);
    assert_eq!(report["summary"]["missing"], 2);
    assert_eq!(report["missing"][1]["kind"], "quarter");
    assert_eq!(report["missing"][1]["id"], "2025Q2");
}

#[test]
fn a_withdrawn_result_keeps_its_address_with_a_notice() {
    let site = published_site();
    let withdraw = |id: &str, reason: &str| {
        gongshi_in_on(
            site.path(),
            Some("2025-09-13"),
            &["withdraw", id, "--reason", reason],
        )
    };
    let output = withdraw("P-3", "检查对象名称录入错误，联系电话13812345678");
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(
        ledger.ends_with("withdrawn,P-3,2025-09-13,检查对象名称录入错误，联系电话13812345678,\n"),
        "{ledger}"
    );
    for (id, reason, expected) in [
        ("P-3", "再次", "already withdrawn on 2025-09-13"),
        ("P-9", "x", "only a published result can be withdrawn"),
        ("p-1", "x", "did you mean P-1?"),
        ("P-1", "  ", "--reason must say why"),
    ] {
        let output = withdraw(id, reason);
        assert_eq!(output.status.code(), Some(2), "{id}");
        assert!(
            stderr(&output).contains(expected),
            "{id}: {}",
            stderr(&output)
        );
    }

    let (code, report) = build(site.path(), "2025-09-13");
    assert_eq!(code, Some(0), "{report}");
    assert_eq!(report["summary"]["withdrawn"], 1);
    assert_eq!(report["withdrawn"][0]["id"], "P-3");
    assert_eq!(report["items"][2]["withdrawn_on"], "2025-09-13");
    assert_eq!(report["items"][2]["status"], "on_time");
    let page = read(site.path(), "tasks/p-3/index.html");
    assert!(
        page.contains("抽查结果已撤回")
            && page.contains("2025-09-13")
            && page.contains("检查对象名称录入错误，联系电话138****5678"),
        "{page}"
    );
    assert!(!page.contains("坪山某塑胶厂"), "no field of the result");
    // Gone from every list and data file; still in the sitemap and announced in the feed.
    for path in ["index.html", "data/tasks.csv", "data/tasks.json"] {
        let text = read(site.path(), path);
        assert!(!text.contains("P-3") && !text.contains("p-3"), "{path}");
    }
    let search = common::search_text(&site.path().join("public"));
    assert!(
        !search.contains("P-3") && !search.contains("p-3"),
        "{search}"
    );
    assert!(
        !site
            .path()
            .join("public/entities/9144030071526726xg")
            .exists()
    );
    assert!(read(site.path(), "sitemap.xml").contains("tasks/p-3/"));
    let feed = read(site.path(), "feed.xml");
    assert!(feed.contains("【撤回】抽查任务 P-3"), "{feed}");

    // A withdrawn result whose row then leaves the export is no problem.
    write_tasks(site.path(), &format!("{P1}{P2}"));
    let (code, report) = build(site.path(), "2025-09-13");
    assert_eq!(code, Some(0), "{report}");
    assert!(read(site.path(), "tasks/p-3/index.html").contains("抽查结果已撤回"));
}

#[test]
fn files_gongshi_does_not_read_are_named() {
    let site = published_site();
    let tasks = site.path().join("data/tasks");
    std::fs::write(tasks.join("2025年第四季度.xlsx"), b"PK\x03\x04").unwrap();
    std::fs::write(tasks.join("说明.txt"), "导出说明").unwrap();
    std::fs::write(tasks.join(".gitkeep"), "").unwrap();
    std::fs::write(tasks.join("Thumbs.db"), "").unwrap();
    let (code, report) = build(site.path(), "2025-09-11");
    assert_eq!(code, Some(1));
    assert_eq!(report["summary"]["unread_files"], 2);
    let errors: Vec<&str> = report["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["file"].as_str().unwrap())
        .collect();
    assert_eq!(
        errors,
        ["data/tasks/2025年第四季度.xlsx", "data/tasks/说明.txt"]
    );
    let message = report["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.contains("not readable as a workbook")
            && message.contains("nothing in it is published"),
        "{message}"
    );
    assert!(site.path().join("public/tasks/p-1/index.html").is_file());
    let github = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-09-11", "--format", "github"],
    ));
    assert!(
        github.contains("::error file=data/tasks/2025年第四季度.xlsx"),
        "{github}"
    );
}

#[test]
fn a_folder_that_is_not_a_site_is_left_untouched() {
    let dir = tempfile::tempdir().unwrap();
    let output = gongshi_in(dir.path(), &["build", "--as-of", "2025-09-10"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("it has no data/tasks/ folder"));
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "no lock, no output, no cache"
    );
    let typo = dir.path().join("my-sit");
    let output = gongshi_in(&typo, &["build"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("my-sit does not exist"),
        "{}",
        stderr(&output)
    );
    // Only a spreadsheet gongshi cannot read (WPS's own format): named, with what to do.
    std::fs::create_dir_all(dir.path().join("data/tasks")).unwrap();
    std::fs::write(dir.path().join("data/tasks/导出.et"), b"PK").unwrap();
    let output = gongshi_in(dir.path(), &["check", "--as-of", "2025-09-10"]);
    assert_eq!(output.status.code(), Some(2));
    let message = stderr(&output);
    assert!(
        message.contains("holds no task ledger")
            && message.contains("found data/tasks/导出.et")
            && message.contains("save it as .xlsx"),
        "{message}"
    );
}

/// A withdrawn result's fields appear nowhere: not in the quarter's charts either.
#[test]
fn a_withdrawn_result_counts_nowhere() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("data/tasks")).unwrap();
    let wrong = "P-4,坪山管理局,重点监管对象,废水排放检查,坪山某乙厂,,2025-09-05,2025-09-05,发现问题：错录为乙厂偷排废水\n";
    write_tasks(site.path(), &format!("{P1}{wrong}"));
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let output = gongshi_in_on(
        site.path(),
        Some("2025-09-11"),
        &["withdraw", "P-4", "--reason", "检查对象录入错误"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // The quarter ends; its page is made after the withdrawal.
    let (code, report) = build(site.path(), "2025-10-09");
    assert_eq!(code, Some(0), "{report}");
    let quarter = read(site.path(), "quarters/2025q3/index.html");
    assert!(!quarter.contains("乙厂"), "{quarter}");
    assert!(!quarter.contains("P-4"));
    assert_eq!(report["summary"]["rows"], 2);
    assert_eq!(report["summary"]["withdrawn"], 1);
}

/// A withdrawal clears a result whose row lost its end date and whose last version is not in
/// the archive: it was published, it is withdrawn, its address says so.
#[test]
fn a_withdrawal_settles_a_result_that_cannot_be_kept() {
    let site = published_site();
    std::fs::remove_file(site.path().join("data/published-records.jsonl")).unwrap();
    write_tasks(
        site.path(),
        &format!(
            "{P1}{}{P3}",
            P2.replace(",2025-09-02,2025-09-02,", ",2025-09-02,,")
        ),
    );
    let (code, report) = build(site.path(), "2025-09-12");
    assert_eq!(code, Some(1), "{report}");
    assert_eq!(report["missing"][0]["id"], "P-2");
    assert_eq!(report["missing"][0]["page_kept"], false);
    let output = gongshi_in_on(
        site.path(),
        Some("2025-09-12"),
        &["withdraw", "P-2", "--reason", "检查未完成，误公示"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let (code, report) = build(site.path(), "2025-09-12");
    assert_eq!(code, Some(0), "{report}");
    assert!(read(site.path(), "tasks/p-2/index.html").contains("抽查结果已撤回"));
}

/// `ps-1` was published; the export now spells it `PS-1`. Both ids want `tasks/ps-1/`: the
/// export's result has it, and the old one is named, never silently written over.
#[test]
fn ids_that_differ_only_in_case_never_share_a_page() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("data/tasks")).unwrap();
    let row = P1.replace("P-1,", "ps-1,");
    write_tasks(site.path(), &row);
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    write_tasks(site.path(), &P1.replace("P-1,", "PS-1,"));
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-09-11", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["missing"][0]["id"], "ps-1");
    assert_eq!(report["missing"][0]["page_kept"], false);
    assert!(
        report["missing"][0]["message"]
            .as_str()
            .unwrap()
            .contains("ids that differ only in case share a page")
    );
    assert!(read(site.path(), "tasks/ps-1/index.html").contains("PS-1"));
    let sitemap = read(site.path(), "sitemap.xml");
    assert_eq!(sitemap.matches("tasks/ps-1/").count(), 1);
    assert!(!stderr(&output).contains("removed"), "{}", stderr(&output));
}
