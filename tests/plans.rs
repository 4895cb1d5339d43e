//! The annual plan as a disclosure (年度抽查计划, Bao'an's 「第一季度…公示年度双随机检查计划」): a
//! content page with `plan_year` is first published by the build that finds it, and judged
//! against `annual_plan_due` of its year, rolled forward off rest days. Dates checked by hand:
//! 2025-03-31 is a Monday, 2026-03-31 a Tuesday, and 2024-03-31 a Sunday (so 2024's plan is due
//! Monday 2024-04-01, a working day: 清明 was 04-04 to 04-06).

mod common;

use std::path::Path;

use common::{gongshi_in, json};

const PLAN_RULE: &str = "[disclosure]\nannual_plan = true\n";

fn write(site: &Path, path: &str, text: &str) {
    let path = site.join(path);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn plan_page(site: &Path, year: i32) {
    write(
        site,
        &format!("content/plans/{year}.md"),
        &format!(
            "+++\ntitle = \"{year}年双随机抽查计划\"\nplan_year = {year}\n+++\n\n计划正文。\n"
        ),
    );
}

/// The report of `gongshi <command> --as-of <as_of>`, its plan items by year, and the exit code.
fn run(site: &Path, command: &str, as_of: &str) -> (serde_json::Value, Option<i32>) {
    let output = gongshi_in(site, &[command, "--as-of", as_of, "--format", "json"]);
    let code = output.status.code();
    (json(&output), code)
}

/// The minimal fixture with its results and its quarter's summary published on time (by builds
/// on 2025-09-10 and 2025-10-10), so that only plans can fail it later.
fn published_on_time() -> tempfile::TempDir {
    let site = common::fixture("minimal");
    for day in ["2025-09-10", "2025-10-10"] {
        let (_, code) = run(site.path(), "build", day);
        assert_eq!(code, Some(0), "{day}");
    }
    site
}

fn plan<'r>(report: &'r serde_json::Value, year: &str) -> &'r serde_json::Value {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|item| item["kind"] == "plan" && item["id"] == year)
        .unwrap_or_else(|| panic!("no plan item {year}: {report}"))
}

fn plan_years(report: &serde_json::Value) -> Vec<String> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|item| item["kind"] == "plan")
        .map(|item| item["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_missing_plan_is_due_until_the_end_of_the_first_quarter_then_overdue() {
    // A task that ended on 2025-03-28: its result is not due before the end of April.
    let header = "task_id,unit,category,matter,entity,credit_code,start,end,result,handling\n";
    let site = common::minimal_with(&format!(
        "{header}A-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,\
         2025-03-27,2025-03-28,未发现问题,\n"
    ));
    write(site.path(), "gongshi.toml", PLAN_RULE);
    let (report, code) = run(site.path(), "check", "2025-03-31");
    assert_eq!(plan_years(&report), ["2025"]);
    assert_eq!(plan(&report, "2025")["status"], "due");
    assert_eq!(plan(&report, "2025")["deadline"], "2025-03-31");
    assert_eq!(code, Some(0), "due is not a failure");

    let (report, code) = run(site.path(), "check", "2025-04-01");
    assert_eq!(plan(&report, "2025")["status"], "overdue");
    assert_eq!(plan(&report, "2025")["days_late"], 1);
    assert_eq!(code, Some(1), "an overdue plan fails CI");

    let (report, _) = run(site.path(), "check", "2026-03-01");
    assert_eq!(plan_years(&report), ["2025", "2026"]);
    assert_eq!(plan(&report, "2025")["days_late"], 335);
    assert_eq!(plan(&report, "2026")["status"], "due");
    assert_eq!(plan(&report, "2026")["deadline"], "2026-03-31");
    let plans = &report["summary"]["plans"];
    assert_eq!(
        (plans["due"].as_u64(), plans["overdue"].as_u64()),
        (Some(1), Some(1))
    );
}

#[test]
fn a_plan_page_is_published_by_the_build_that_finds_it() {
    let site = published_on_time();
    write(site.path(), "gongshi.toml", PLAN_RULE);
    plan_page(site.path(), 2026);
    let (report, code) = run(site.path(), "build", "2026-03-05");
    assert_eq!(plan(&report, "2026")["status"], "on_time");
    assert_eq!(plan(&report, "2026")["published_on"], "2026-03-05");
    assert_eq!(plan(&report, "2025")["status"], "overdue");
    assert_eq!(code, Some(1));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(ledger.contains("\nplan,2026,2026-03-05,,"), "{ledger}");

    // Published late, a year after its deadline; then excused by a reason in the ledger.
    plan_page(site.path(), 2025);
    let (report, code) = run(site.path(), "build", "2026-03-10");
    let late = plan(&report, "2025");
    assert_eq!(late["status"], "late");
    assert_eq!(late["published_on"], "2026-03-10");
    assert_eq!(late["days_late"], 344);
    assert_eq!(
        plan(&report, "2026")["published_on"],
        "2026-03-05",
        "first publication kept"
    );
    assert_eq!(code, Some(1));
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    std::fs::write(
        site.path().join("data/published.csv"),
        ledger.replace(
            "plan,2025,2026-03-10,,",
            "plan,2025,2026-03-10,计划经局务会审议后发布,",
        ),
    )
    .unwrap();
    let (report, code) = run(site.path(), "check", "2026-03-10");
    assert_eq!(plan(&report, "2025")["status"], "excused");
    assert_eq!(code, Some(0));

    // The plan page is public like any other page.
    let page = std::fs::read_to_string(site.path().join("public/plans/2026/index.html")).unwrap();
    assert!(page.contains("2026年双随机抽查计划"));
}

#[test]
fn the_plan_rule_goes_by_period_with_its_own_day_and_rolls_off_rest_days() {
    let header = "task_id,unit,category,matter,entity,credit_code,start,end,result,handling\n";
    let site = common::minimal_with(&format!(
        "{header}A-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,\
         2024-03-01,2024-03-02,未发现问题,\n"
    ));
    write(site.path(), "gongshi.toml", PLAN_RULE);
    // 2024-03-31 is a Sunday: the deadline is the Monday.
    let (report, _) = run(site.path(), "check", "2024-04-01");
    assert_eq!(plan(&report, "2024")["deadline"], "2024-04-01");
    assert_eq!(plan(&report, "2024")["status"], "due");
    let (report, _) = run(site.path(), "check", "2024-04-02");
    assert_eq!(plan(&report, "2024")["status"], "overdue");
    assert_eq!(plan(&report, "2024")["days_late"], 1);

    // Without rolling forward, the Sunday itself.
    write(
        site.path(),
        "gongshi.toml",
        "[disclosure]\nannual_plan = true\nroll_forward = false\n",
    );
    let (report, _) = run(site.path(), "check", "2024-04-01");
    assert_eq!(plan(&report, "2024")["deadline"], "2024-03-31");
    assert_eq!(plan(&report, "2024")["status"], "overdue");

    // A plan asked for from 2025 on, by the end of June.
    write(
        site.path(),
        "gongshi.toml",
        "[disclosure]\nannual_plan = true\nannual_plan_due = \"06-30\"\n\n\
         [[disclosure.period]]\nuntil = 2024-12-31\nannual_plan = false\n",
    );
    let (report, code) = run(site.path(), "check", "2025-07-01");
    assert_eq!(plan_years(&report), ["2025"]);
    assert_eq!(plan(&report, "2025")["deadline"], "2025-06-30");
    assert_eq!(plan(&report, "2025")["status"], "overdue");
    assert_eq!(code, Some(1));

    let bad = "[disclosure]\nannual_plan = true\nannual_plan_due = \"02-29\"\n";
    write(site.path(), "gongshi.toml", bad);
    let output = gongshi_in(site.path(), &["check", "--as-of", "2025-07-01"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        common::stderr(&output).contains("\"02-29\": expected a day of the year as \"MM-DD\""),
        "{}",
        common::stderr(&output)
    );
}

#[test]
fn the_plans_are_in_every_report_format() {
    let site = published_on_time();
    write(site.path(), "gongshi.toml", PLAN_RULE);
    plan_page(site.path(), 2026);
    let check = |format: &str| {
        let output = gongshi_in(
            site.path(),
            &[
                "check",
                "--as-of",
                "2026-03-05",
                "--format",
                format,
                "--color",
                "never",
            ],
        );
        assert_eq!(output.status.code(), Some(1));
        common::stdout(&output)
    };
    let text = check("text");
    assert!(
        text.contains("inspection plans: on time 1, late 0, excused 0, due 0, overdue 1"),
        "{text}"
    );
    let junit = check("junit");
    let doc = roxmltree::Document::parse(&junit).unwrap();
    let suite = doc
        .descendants()
        .find(|n| n.has_tag_name("testsuite") && n.attribute("name") == Some("plans"))
        .expect("a plans suite");
    assert_eq!(suite.attribute("tests"), Some("2"));
    assert_eq!(suite.attribute("failures"), Some("1"));
    let failure = suite
        .descendants()
        .find(|n| n.has_tag_name("failure"))
        .unwrap();
    assert_eq!(failure.attribute("type"), Some("overdue"));
    assert!(
        failure.attribute("message").unwrap().contains("plan 2025"),
        "{junit}"
    );
    let github = check("github");
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::error") && l.contains("plan 2025")),
        "{github}"
    );
    // In Chinese too.
    let output = common::command_on(
        None,
        &["check", "--as-of", "2026-03-05", "--color", "never"],
    )
    .arg("--site")
    .arg(site.path())
    .env("LANG", "zh_CN.UTF-8")
    .output()
    .unwrap();
    let chinese = common::stdout(&output);
    assert!(
        chinese.contains("年度抽查计划：按期 1，逾期 0，已说明理由 0，待公示 0，逾期未公示 1"),
        "{chinese}"
    );
}

#[test]
fn a_site_whose_rules_ask_for_no_plan_sees_none_of_this() {
    let site = published_on_time();
    plan_page(site.path(), 2026);
    let (report, code) = run(site.path(), "check", "2026-05-01");
    assert!(plan_years(&report).is_empty());
    assert!(
        report["summary"].get("plans").is_none(),
        "{}",
        report["summary"]
    );
    assert_eq!(code, Some(0));
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2026-05-01", "--format", "junit"],
    );
    assert!(!common::stdout(&output).contains("name=\"plans\""));
    let text = common::stdout(&gongshi_in(
        site.path(),
        &["check", "--as-of", "2026-05-01"],
    ));
    assert!(!text.contains("plans"), "{text}");
}

#[test]
fn a_plan_published_before_gongshi_is_imported_with_its_day() {
    let site = published_on_time();
    write(site.path(), "gongshi.toml", PLAN_RULE);
    plan_page(site.path(), 2026);
    write(
        site.path(),
        "history.csv",
        "kind,id,published_on\nplan,2026,2026-02-20\nplan,26,2026-02-20\n",
    );
    let history = site.path().join("history.csv");
    let import = |today: &str| {
        common::gongshi_in_on(
            site.path(),
            Some(today),
            &["ledger", "import", history.to_str().unwrap()],
        )
    };
    let refused = import("2026-03-01");
    assert_eq!(
        refused.status.code(),
        Some(1),
        "{}",
        common::stderr(&refused)
    );
    let said = format!("{}{}", common::stdout(&refused), common::stderr(&refused));
    assert!(
        said.contains("history.csv:3: id: a plan row's id is its year, such as 2026, not \"26\""),
        "{said}"
    );
    write(
        site.path(),
        "history.csv",
        "kind,id,published_on\nplan,2026,2026-02-20\n",
    );
    let imported = import("2026-03-01");
    assert_eq!(
        imported.status.code(),
        Some(0),
        "{}",
        common::stderr(&imported)
    );
    let (report, _) = run(site.path(), "check", "2026-03-01");
    assert_eq!(plan(&report, "2026")["published_on"], "2026-02-20");
    assert_eq!(plan(&report, "2026")["status"], "on_time");
}
