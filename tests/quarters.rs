//! Quarterly summaries through the binary: every rule by period (no summary deadline in a
//! period, the plan's targets of the period), joint inspections year to date and only where
//! the exports say, the summary's digest and revisions, how complete it was when published and
//! at its deadline, and a summary never published before its quarter is over.
//!
//! Deadlines were worked out by hand on the State Council calendars (domain.md), as each
//! comment says: a quarter's is its last day (or its last task's) + 13 natural days, moved to
//! the next working day when that is a rest day; a task's is the Nth working day after it ended.

mod common;

use std::path::Path;

use common::*;
use serde_json::Value;

fn items(report: &Value) -> &Vec<Value> {
    report["items"].as_array().unwrap()
}

fn quarter<'a>(report: &'a Value, id: &str) -> &'a Value {
    items(report)
        .iter()
        .find(|i| i["kind"] == "quarter" && i["id"] == id)
        .unwrap_or_else(|| panic!("no quarter {id}"))
}

fn check(site: &Path, as_of: &str) -> (Option<i32>, Value) {
    let output = gongshi_in(site, &["check", "--as-of", as_of, "--format", "json"]);
    (output.status.code(), json(&output))
}

/// Builds for `as_of`, as on that day (the ledger is written).
fn build(site: &Path, as_of: &str) -> (Option<i32>, Value) {
    let output = gongshi_in(site, &["build", "--as-of", as_of, "--format", "json"]);
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
    (output.status.code(), json(&output))
}

/// Builds a preview for `as_of` (nothing recorded), and returns its report.
fn preview(site: &Path, as_of: &str) -> Value {
    let output = gongshi_in(
        site,
        &["build", "--as-of", as_of, "--no-ledger", "--format", "json"],
    );
    json(&output)
}

fn page(site: &Path, path: &str) -> String {
    std::fs::read_to_string(site.join("public").join(path).join("index.html"))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn ledger(site: &Path) -> String {
    std::fs::read_to_string(site.join("data/published.csv")).unwrap_or_default()
}

/// The ledger's rows after its first `before` bytes.
fn added(site: &Path, before: &str) -> Vec<String> {
    let now = ledger(site);
    assert!(now.starts_with(before), "the ledger only grows:\n{now}");
    now[before.len()..].lines().map(str::to_string).collect()
}

/// Pingshan's 2023 plan set 20 working days and no deadline for a quarterly summary (seed
/// 000): 2023Q4 is published, but nothing is due, nothing late. Under the 13-day rule its
/// summary, published 2024-02-20, would have been 36 days late (2023-12-31 + 13 = Sat
/// 2024-01-13 → Mon 2024-01-15).
#[test]
fn a_period_without_a_summary_deadline_owes_none() {
    let site = fixture("periods");
    let (code, report) = check(site.path(), "2024-12-01");
    assert_eq!(code, Some(0), "nothing missed: {report:#}");
    let q = quarter(&report, "2023Q4");
    assert_eq!(q["status"], "not_required");
    assert_eq!(q["deadline"], Value::Null);
    assert!(q.get("deadline_not_before").is_none() && q.get("days_late").is_none());
    assert_eq!(q["published_on"], "2024-02-20");
    let s = &report["summary"];
    assert_eq!(s["violations"], 0);
    assert_eq!(s["quarters"]["not_required"], 1);
    assert_eq!(s["quarters"]["on_time"], 2);
    // P23-3 ended Fri 2023-12-29; 2024-01-01 is a holiday: 01-02..05 (4), 08..12 (9),
    // 15..19 (14), 22..26 (19), Mon 01-29 (20). Published 01-26: on time under 2023's 20 days
    // (under 18 it was due 01-25).
    let p23_3 = items(&report).iter().find(|i| i["id"] == "P23-3").unwrap();
    assert_eq!(p23_3["deadline"], "2024-01-29");
    assert_eq!(p23_3["status"], "on_time");
    // 2024 has a deadline again: 2024-03-31 + 13 = Sat 04-13 → Mon 04-15.
    assert_eq!(quarter(&report, "2024Q1")["deadline"], "2024-04-15");
    // 2024-06-30 + 13 = Sat 07-13 → Mon 07-15, the day it was published.
    assert_eq!(quarter(&report, "2024Q2")["deadline"], "2024-07-15");
    assert_eq!(quarter(&report, "2024Q2")["status"], "on_time");

    let text = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2024-12-01"],
    ));
    assert!(
        text.contains("quarters: on time 2, late 0, excused 0, open 0, not required 1"),
        "{text}"
    );

    // JUnit: skipped, as nothing is due; GitHub: no annotation.
    let junit = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2024-12-01", "--format", "junit"],
    ));
    let case = junit
        .split("<testcase ")
        .find(|c| c.starts_with("name=\"2023Q4\""))
        .unwrap();
    assert!(
        case.contains("<skipped message=\"quarter 2023Q4: summary published 2024-02-20; its period set no deadline for it (quarter_summary = false)\"/>"),
        "{case}"
    );
    assert!(!case.contains("<failure"));
    let github = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2024-12-01", "--format", "github"],
    ));
    assert!(!github.contains("::error"), "{github}");

    // The page shows its figures, and claims no deadline.
    preview(site.path(), "2024-12-01");
    let q4 = page(site.path(), "quarters/2023q4");
    assert!(
        q4.contains("汇总公示于 <time datetime=\"2024-02-20\">2024-02-20</time>（本期执法计划未规定季度汇总的公示期限）。"),
        "{q4}"
    );
    assert!(
        !q4.contains("公示期限 <") && !q4.contains("2024-01-15"),
        "{q4}"
    );
    let index = page(site.path(), "");
    assert!(
        index.contains("季度汇总于季度结束后13个自然日内公示"),
        "{index}"
    );

    // `gongshi deadline` has none to give: an error line, exit 1; the others are printed.
    let output = gongshi_in(
        site.path(),
        &["deadline", "quarter", "2023Q4", "2024Q1", "2024Q2"],
    );
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), "2024-04-15\n2024-07-15\n");
    assert!(
        stderr(&output).contains("2023Q4: the rules of its period set no deadline"),
        "{}",
        stderr(&output)
    );
}

/// A site whose rules today set no summary deadline says none on its home page, and its
/// quarters, once ended, are published with none.
#[test]
fn no_summary_deadline_now() {
    let site = minimal_with(Q3_TASKS);
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[disclosure]\nquarter_summary = false\n",
    )
    .unwrap();
    // Q-1 (ended 2025-09-10) is due by 10-11 (see Q3_TASKS), the others later.
    let (code, report) = build(site.path(), "2025-10-09");
    assert_eq!(code, Some(0));
    let q = quarter(&report, "2025Q3");
    assert_eq!(q["status"], "not_required");
    assert_eq!(q["published_on"], "2025-10-09");
    // Nothing is due, so nothing is measured against a deadline, even weeks later.
    let (code, report) = check(site.path(), "2025-11-20");
    assert_eq!(code, Some(1), "Q-2 and Q-3 are overdue by then");
    let q = quarter(&report, "2025Q3");
    assert_eq!(q["status"], "not_required");
    assert_eq!(q["figures"]["results_missing_at_deadline"], Value::Null);
    assert_eq!(report["summary"]["violations"], 2);
    // The page went public that day: the ledger says so.
    assert!(
        ledger(site.path()).contains("\nquarter,2025Q3,2025-10-09,,"),
        "{}",
        ledger(site.path())
    );
    let index = page(site.path(), "");
    assert!(
        index.contains("个工作日内公示。</p>") && !index.contains("季度汇总于"),
        "{index}"
    );
}

/// The plan's targets of each period, on the page and in the report: 35% / 70% / 100% a month
/// in Pingshan 2023 (「每月完成季度任务总数的35%」), 30% / 60% / 100% later; joint inspections 10%
/// in 2023, 15% in 2024.
#[test]
fn pages_and_the_report_show_the_targets_that_applied() {
    let site = fixture("periods");
    let report = preview(site.path(), "2024-12-01");
    let targets = |id: &str| -> Vec<f64> {
        quarter(&report, id)["figures"]["months"]
            .as_array()
            .unwrap()
            .iter()
            .map(|m| m["target"].as_f64().unwrap())
            .collect()
    };
    assert_eq!(targets("2023Q4"), [0.35, 0.70, 1.00]);
    assert_eq!(targets("2024Q1"), [0.30, 0.60, 1.00]);
    let ytd = |id: &str| quarter(&report, id)["figures"]["joint_year_to_date"].clone();
    assert_eq!(ytd("2023Q4")["target"], 0.10);
    assert_eq!(ytd("2024Q2")["target"], 0.15);

    let q4 = page(site.path(), "quarters/2023q4");
    assert!(
        q4.contains("各月末累计完成情况（计划 35% / 70% / 100%）"),
        "{q4}"
    );
    // By the end of October 1 of 3 tasks (33.3%) against 35%.
    assert!(
        q4.contains("<td class=num>33.3%</td><td class=num>35%（未达到）</td>"),
        "{q4}"
    );
    assert!(q4.contains("全年计划目标 10%，已达到"), "{q4}");
    let q1 = page(site.path(), "quarters/2024q1");
    assert!(
        q1.contains("各月末累计完成情况（计划 30% / 60% / 100%）"),
        "{q1}"
    );
    for page in [&q4, &q1] {
        assert!(!page.contains("计划目标 30%"), "{page}");
    }
}

/// 「全年跨部门联合检查任务数不低于…」 is a target for the year: each quarter compares the year's
/// share so far with it, and says so. 2024Q1: none of its 4 tasks joint (0%, short of 15% so
/// far); 2024Q2: 1 of 2 (50%), so 1 of the year's 6 (16.7%), which meets 15%.
#[test]
fn the_joint_inspection_target_is_measured_year_to_date() {
    let site = fixture("periods");
    let report = preview(site.path(), "2024-12-01");
    let f = |id: &str| quarter(&report, id)["figures"].clone();
    assert_eq!(f("2024Q1")["joint"], 0);
    assert_eq!(
        f("2024Q1")["joint_year_to_date"],
        serde_json::json!({"total": 4, "joint": 0, "share": 0.0, "target": 0.15})
    );
    assert_eq!(f("2024Q2")["joint"], 1);
    assert_eq!(f("2024Q2")["joint_share"], 0.5);
    let ytd = &f("2024Q2")["joint_year_to_date"];
    assert_eq!((&ytd["total"], &ytd["joint"]), (&6.into(), &1.into()));
    // 2023 is a year of its own: 1 of its 3 tasks.
    assert_eq!(f("2023Q4")["joint_year_to_date"]["total"], 3);

    let q1 = page(site.path(), "quarters/2024q1");
    assert!(
        q1.contains("联合检查</dt><dd>本季度 0 项，占 0%；本年度截至本季度累计 0 项，占 4 项的 0%，全年计划目标 15%，暂未达到</dd>"),
        "{q1}"
    );
    let q2 = page(site.path(), "quarters/2024q2");
    assert!(
        q2.contains("联合检查</dt><dd>本季度 1 项，占 50%；本年度截至本季度累计 1 项，占 6 项的 16.7%，全年计划目标 15%，已达到</dd>"),
        "{q2}"
    );
}

/// What a new user got: an export with no joint-inspection column, and 「联合检查 0 项…计划目标
/// 30%，未达到」 on a public page. A figure whose input the exports lack is not shown, and the
/// report claims no miss. With the column in one quarter's export only, that quarter shows its
/// own figure, and the year so far none.
#[test]
fn no_joint_inspection_column_no_joint_inspection_figure() {
    let site = fixture("minimal");
    let report = preview(site.path(), "2025-10-20");
    let f = &quarter(&report, "2025Q3")["figures"];
    assert_eq!(f["joint"], Value::Null);
    assert_eq!(f["joint_share"], Value::Null);
    assert_eq!(f["joint_year_to_date"], Value::Null);
    assert!(
        report["notes"].as_array().unwrap().iter().any(|n| n
            .as_str()
            .unwrap()
            .starts_with("joint inspections are not counted in 2025Q3")),
        "{report:#}"
    );
    let q3 = page(site.path(), "quarters/2025q3");
    assert!(!q3.contains("联合检查") && !q3.contains("计划目标"), "{q3}");

    // 2025Q2's export has no such column; 2025Q3's has 联合检查部门.
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        "task_id,unit,category,matter,entity,start,end,result,联合检查部门\n\
         M-1,坪山管理局,一般监管对象,废气排放检查,甲公司,2025-09-01,2025-09-02,未发现问题,市场监管局\n\
         M-2,坪山管理局,重点监管对象,废水排放检查,乙厂,2025-09-03,2025-09-04,未发现问题,\n",
    )
    .unwrap();
    std::fs::write(
        site.path().join("data/tasks/q2.csv"),
        "task_id,unit,category,matter,entity,start,end,result\n\
         M-0,坪山管理局,一般监管对象,噪声检查,丙公司,2025-05-06,2025-05-06,未发现问题\n",
    )
    .unwrap();
    let report = preview(site.path(), "2025-10-20");
    assert_eq!(quarter(&report, "2025Q2")["figures"]["joint"], Value::Null);
    let f = &quarter(&report, "2025Q3")["figures"];
    assert_eq!(f["joint"], 1);
    assert_eq!(f["joint_year_to_date"], Value::Null);
    let q3 = page(site.path(), "quarters/2025q3");
    assert!(
        q3.contains("联合检查</dt><dd>本季度 1 项，占 50%</dd>"),
        "{q3}"
    );
    assert!(!q3.contains("计划目标"), "{q3}");
    assert!(!page(site.path(), "quarters/2025q2").contains("联合检查"));
}

/// Three tasks of 2025Q3 under today's rules. The summary's deadline: 2025-09-30 + 13 = Mon
/// 2025-10-13, a working day. The results' (18 working days; Sun 09-28 and Sat 10-11 worked,
/// National Day 10-01..08 off): Q-1 ended Wed 09-10: 09-11, 12 (2), 15..19 (7), 22..26 (12),
/// 09-28 (13), 29, 30 (15), 10-09, 10 (17), 10-11 (18): due 2025-10-11. Q-2 ended Fri 09-26:
/// due 2025-10-28 (domain.md's table). Q-3 ended Mon 09-29: 09-30 (1), 10-09, 10 (3), 10-11
/// (4), 13..17 (9), 20..24 (14), 27..30 (18): due 2025-10-30.
const Q3_TASKS: &str = "task_id,unit,category,matter,entity,start,end,result,是否联合检查\n\
    Q-1,坪山管理局,一般监管对象,废气排放检查,甲公司,2025-09-10,2025-09-10,未发现问题,否\n\
    Q-2,坪山管理局,重点监管对象,废水排放检查,乙厂,2025-09-26,2025-09-26,,否\n\
    Q-3,坪山管理局,一般监管对象,噪声检查,丙公司,2025-09-29,2025-09-29,,是\n";

fn fill_result(site: &Path, task: &str) {
    let csv = site.join("data/tasks/tasks.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    let row = text.lines().find(|l| l.starts_with(task)).unwrap();
    let filled = row.replacen(",,", ",未发现问题,", 1);
    std::fs::write(&csv, text.replace(row, &filled)).unwrap();
}

/// A quarter's summary has a digest, and a revision row whenever what it says changes after it
/// was published (a result filled in), as a task result has; its page shows 最后更新.
#[test]
fn a_summary_that_changes_is_revised_in_the_ledger() {
    let site = minimal_with(Q3_TASKS);
    // First working day after National Day: Q-1 and the summary go public.
    let (_, report) = build(site.path(), "2025-10-09");
    let q = quarter(&report, "2025Q3");
    assert_eq!(q["published_on"], "2025-10-09");
    assert!(q.get("updated_on").is_none());
    assert_eq!(q["figures"]["results_missing_at_publication"], 2);
    let first = ledger(site.path());
    let row = first
        .lines()
        .find(|l| l.starts_with("quarter,2025Q3,"))
        .unwrap();
    let digest = row.rsplit(',').next().unwrap();
    assert!(
        row.starts_with("quarter,2025Q3,2025-10-09,,")
            && digest.len() == 16
            && digest.bytes().all(|b| b.is_ascii_hexdigit()),
        "{row}"
    );
    assert!(!page(site.path(), "quarters/2025q3").contains("最后更新"));

    // Rebuilt the same day, and the next, with nothing changed: nothing is written.
    build(site.path(), "2025-10-09");
    build(site.path(), "2025-10-10");
    assert_eq!(ledger(site.path()), first);

    // Q-2's result is filled in on 10-10: the task is published, and the summary revised.
    fill_result(site.path(), "Q-2");
    let (_, report) = build(site.path(), "2025-10-10");
    let rows = added(site.path(), &first);
    assert_eq!(rows.len(), 2, "{rows:?}");
    assert!(rows[0].starts_with("task,Q-2,2025-10-10,,"), "{rows:?}");
    assert!(
        rows[1].starts_with("revision,2025Q3,2025-10-10,,"),
        "{rows:?}"
    );
    assert_ne!(rows[1].rsplit(',').next().unwrap(), digest);
    let q = quarter(&report, "2025Q3");
    assert_eq!(q["published_on"], "2025-10-09", "first published stays");
    assert_eq!(q["updated_on"], "2025-10-10");
    assert_eq!(q["figures"]["results_missing_at_publication"], 2);
    let q3 = page(site.path(), "quarters/2025q3");
    assert!(
        q3.contains("汇总公示于 <time datetime=\"2025-10-09\">2025-10-09</time>，最后更新 <time datetime=\"2025-10-10\">2025-10-10</time>，公示期限 <time datetime=\"2025-10-13\">2025-10-13</time>。"),
        "{q3}"
    );
    assert!(
        q3.contains("汇总首次公示时，2 项任务尚无公示结果。"),
        "{q3}"
    );

    // A check right after says what the build did, and writes nothing.
    let revised = ledger(site.path());
    let (_, checked) = check(site.path(), "2025-10-10");
    assert_eq!(quarter(&checked, "2025Q3")["updated_on"], "2025-10-10");
    build(site.path(), "2025-10-10");
    assert_eq!(ledger(site.path()), revised);
}

/// How complete the summary was: when first published (2025-10-09: had no result)
/// and at its deadline (2025-10-13; known from 10-14 on): a summary still incomplete then is a
/// warning naming the tasks.
#[test]
fn a_summary_incomplete_at_its_deadline_is_a_warning_naming_the_tasks() {
    let site = minimal_with(Q3_TASKS);
    build(site.path(), "2025-10-09");
    fill_result(site.path(), "Q-2");
    build(site.path(), "2025-10-13");
    // On the deadline day itself the count is not settled yet.
    let (_, report) = check(site.path(), "2025-10-13");
    let f = &quarter(&report, "2025Q3")["figures"];
    assert_eq!(f["results_missing_at_publication"], 2);
    assert_eq!(f["results_missing_at_deadline"], Value::Null);

    let (code, report) = check(site.path(), "2025-10-20");
    assert_eq!(
        code,
        Some(0),
        "a warning, not a violation: Q-3 is due until 10-30"
    );
    let f = &quarter(&report, "2025Q3")["figures"];
    assert_eq!(f["results_missing_at_deadline"], 1);
    let warnings: Vec<&str> = report["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["message"].as_str().unwrap())
        .collect();
    assert!(
        warnings.contains(
            &"quarter 2025Q3: its summary was incomplete at its deadline 2025-10-13: 1 of its 3 \
              tasks had no result published by then: Q-3 (no result published yet)"
        ),
        "{warnings:#?}"
    );
    let item = items(&report).iter().find(|i| i["id"] == "Q-3").unwrap();
    assert_eq!(item["deadline"], "2025-10-30");

    // Q-3 published on 10-20: still one lacking at the deadline, and said so, with its date.
    fill_result(site.path(), "Q-3");
    let (_, report) = build(site.path(), "2025-10-20");
    assert_eq!(
        quarter(&report, "2025Q3")["figures"]["results_missing_at_deadline"],
        1
    );
    let text = stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-10-20"],
    ));
    assert!(
        text.contains(
            "1 of its 3 tasks had no result published by then: Q-3 (published 2025-10-20)"
        ),
        "{text}"
    );
    build(site.path(), "2025-10-20");
    let q3 = page(site.path(), "quarters/2025q3");
    assert!(
        q3.contains(
            "汇总首次公示时，2 项任务尚无公示结果；至公示期限届满时，1 项任务尚无公示结果。"
        ),
        "{q3}"
    );
}

/// A ledger written before summaries had digests (its quarter row has none, or the file has
/// no digest column): the summary is taken to change when a result of it is published or
/// corrected, and once a revision row carries a digest, by the digest.
#[test]
fn a_summary_published_without_a_digest_is_revised_when_its_results_change() {
    for header in [
        "kind,id,published_on,late_reason,digest",
        "kind,id,published_on,late_reason",
    ] {
        let site = minimal_with(Q3_TASKS);
        let empty = if header.ends_with("digest") { "," } else { "" };
        let old =
            format!("{header}\ntask,Q-1,2025-10-09,{empty}\nquarter,2025Q3,2025-10-09,{empty}\n");
        std::fs::write(site.path().join("data/published.csv"), &old).unwrap();
        // Nothing of it changes today: nothing is written.
        build(site.path(), "2025-10-10");
        assert_eq!(ledger(site.path()), old, "{header}");

        fill_result(site.path(), "Q-2");
        let (_, report) = build(site.path(), "2025-10-11");
        let rows = added(site.path(), &old);
        assert_eq!(rows.len(), 2, "{header}: {rows:?}");
        assert!(
            rows[1].starts_with("revision,2025Q3,2025-10-11,"),
            "{rows:?}"
        );
        assert_eq!(quarter(&report, "2025Q3")["updated_on"], "2025-10-11");
        // Built again that day: not revised twice.
        let once = ledger(site.path());
        build(site.path(), "2025-10-11");
        assert_eq!(ledger(site.path()), once, "{header}");
    }
}

/// With `quarter_anchor = "last_task_end"` (Nanshan, seed 003) the deadline counts from the
/// quarter's last task, but the summary is never published before the quarter is over, even
/// when none of its tasks is in progress: an export can still gain tasks of it until then.
#[test]
fn under_last_task_end_a_summary_waits_for_the_quarter_to_end() {
    let site = fixture("minimal");
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[disclosure]\nquarter_anchor = \"last_task_end\"\n",
    )
    .unwrap();
    let before = ledger(site.path());
    for as_of in ["2025-09-10", "2025-09-30"] {
        let (_, report) = build(site.path(), as_of);
        let q3 = quarter(&report, "2025Q3");
        assert_eq!(q3["status"], "open", "{as_of}");
        assert_eq!(q3["published_on"], Value::Null);
        // Both tasks done by Thu 2025-09-04: + 13 = Wed 2025-09-17, a working day.
        assert_eq!(q3["deadline"], "2025-09-17");
        assert!(!site.path().join("public/quarters/2025q3").exists());
    }
    assert!(
        !ledger(site.path()).contains("quarter,"),
        "{}",
        ledger(site.path())
    );

    let (code, report) = build(site.path(), "2025-10-09");
    let q3 = quarter(&report, "2025Q3");
    assert_eq!(q3["published_on"], "2025-10-09");
    // A deadline before the quarter's end cannot be met by a summary published after it.
    assert_eq!(q3["status"], "late");
    assert_eq!(q3["days_late"], 22);
    assert_eq!(code, Some(1));
    assert!(
        added(site.path(), &before)
            .iter()
            .any(|r| r.starts_with("quarter,2025Q3,2025-10-09,,"))
    );

    // A last task ended Wed 09-24: + 13 = 10-07, inside National Day (10-01..08 off): Thu
    // 2025-10-09, so a summary published 10-01 is on time.
    let site = minimal_with(
        "task_id,unit,category,matter,entity,start,end,result\n\
         N-1,南山管理局,一般监管对象,废气排放检查,甲公司,2025-09-24,2025-09-24,未发现问题\n",
    );
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[disclosure]\nquarter_anchor = \"last_task_end\"\n",
    )
    .unwrap();
    let (_, report) = build(site.path(), "2025-09-30");
    assert_eq!(quarter(&report, "2025Q3")["status"], "open");
    let (code, report) = build(site.path(), "2025-10-01");
    let q3 = quarter(&report, "2025Q3");
    assert_eq!(
        (&q3["deadline"], &q3["published_on"], &q3["status"]),
        (
            &"2025-10-09".into(),
            &"2025-10-01".into(),
            &"on_time".into()
        )
    );
    assert_eq!(code, Some(0));
}

/// A task id written as a quarter is would share the quarter's rows in the ledger.
#[test]
fn a_task_id_that_reads_as_a_quarter_is_refused() {
    let site = minimal_with(
        "task_id,unit,category,matter,entity,start,end,result\n\
         2025Q3,坪山管理局,一般监管对象,废气排放检查,甲公司,2025-09-24,2025-09-24,未发现问题\n\
         2025Q3-1,坪山管理局,一般监管对象,废气排放检查,乙公司,2025-09-24,2025-09-24,未发现问题\n",
    );
    let (code, report) = check(site.path(), "2025-10-09");
    assert_eq!(code, Some(1));
    let errors = report["errors"].as_array().unwrap();
    assert_eq!(errors.len(), 1, "{errors:#?}");
    assert!(
        errors[0]["message"]
            .as_str()
            .unwrap()
            .contains("\"2025Q3\" is written as a quarter is")
    );
}

/// The pages that changed, as a citizen reads them: a quarter with no summary deadline, and
/// one with its targets and the year so far.
#[test]
fn quarter_pages_read_as_expected() {
    let site = fixture("periods");
    preview(site.path(), "2024-12-01");
    for (name, path) in [
        ("quarter_page_2023q4_no_deadline", "quarters/2023q4"),
        ("quarter_page_2024q2_year_to_date", "quarters/2024q2"),
    ] {
        let page = page(site.path(), path);
        let main = &page[page.find("<main").unwrap()..page.find("</main>").unwrap()];
        insta::assert_snapshot!(name, main.replace("><", ">\n<"));
    }
}
