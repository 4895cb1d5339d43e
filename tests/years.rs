//! A page per year (`/years/<yyyy>/`): its figures counted by hand on a small export, the same
//! on the page as in the report.

mod common;

use std::path::Path;

/// Seven tasks of 2025 and one of 2024, counted by hand below.
const TASKS: &str = "\
task_id,unit,category,matter,entity,credit_code,start,end,result,handling,joint
Y-1,执法一队,重点监管对象,废水,甲公司,91440300192317458F,2025-01-06,2025-01-07,未发现问题,,否
Y-2,执法一队,重点监管对象,废气,乙公司,,2025-02-10,2025-02-11,发现问题经责令已改正,已改正,是
Y-3,执法二队,一般监管对象,噪声,丙公司,,2025-03-03,2025-03-04,未发现问题,,否
Y-4,执法二队,一般监管对象,废水,丁公司,,2025-04-07,2025-04-08,发现问题待后续处理,已移交,是
Y-5,执法一队,一般监管对象,废气,戊公司,,2025-05-12,2025-05-13,未发现问题,,否
Y-6,执法二队,特殊监管对象,固废,己公司,,2025-06-16,,,,否
Y-7,执法一队,重点监管对象,废水,庚公司,,2025-06-20,2025-06-23,未发现问题,,是
Z-1,执法一队,一般监管对象,废水,辛公司,,2024-11-04,2024-11-05,未发现问题,,否
";

/// The rows of the page's table `data-figure="<key>"`: its cells' text, tags stripped.
fn table(html: &str, key: &str) -> Vec<Vec<String>> {
    let start = html
        .find(&format!("data-figure={key}>"))
        .or_else(|| html.find(&format!("data-figure=\"{key}\"")))
        .unwrap_or_else(|| panic!("no table {key}"));
    let body = &html[start..];
    let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
    body.split("<tr>")
        .skip(1)
        .map(|row| {
            row.split(['<', '>'])
                .enumerate()
                .filter(|(i, _)| i % 2 == 0)
                .map(|(_, text)| text.trim().to_string())
                .filter(|text| !text.is_empty())
                .collect()
        })
        .collect()
}

fn build(site: &Path, as_of: &str) -> serde_json::Value {
    let output = common::gongshi_in(site, &["build", "--as-of", as_of, "--format", "json"]);
    common::json(&output)
}

#[test]
fn a_years_figures_are_its_tasks_counted_the_same_on_the_page_and_in_the_report() {
    let site = common::minimal_with(TASKS);
    let report = build(site.path(), "2025-07-10");
    let years = report["years"].as_array().unwrap();
    assert_eq!(
        years
            .iter()
            .map(|y| y["year"].as_i64().unwrap())
            .collect::<Vec<_>>(),
        [2024, 2025]
    );
    let y = &years[1];
    // By hand: 7 tasks; Y-6 still in progress; 6 with a result, 2 of them problems (Y-2, Y-4);
    // joint: Y-2, Y-4, Y-7.
    assert_eq!(y["total"], 7);
    assert_eq!(y["in_progress"], 1);
    assert_eq!(y["published"], 6);
    assert_eq!(y["with_problems"], 2);
    assert_eq!(y["joint"], 3);
    assert_eq!(y["joint_target"], 0.3);
    let quarter = |i: usize, key: &str| y["quarters"][i][key].as_u64().unwrap();
    assert_eq!(y["quarters"][0]["quarter"], "2025Q1");
    assert_eq!(
        (
            quarter(0, "total"),
            quarter(0, "completed"),
            quarter(0, "with_problems")
        ),
        (3, 3, 1)
    );
    assert_eq!(y["quarters"][1]["quarter"], "2025Q2");
    assert_eq!(
        (
            quarter(1, "total"),
            quarter(1, "completed"),
            quarter(1, "published")
        ),
        (4, 3, 3)
    );
    let counts = |key: &str| common::count_pairs(&y[key]);
    let owned = common::owned_pairs;
    assert_eq!(
        counts("by_category"),
        owned(&[
            ("一般监管对象", 3),
            ("重点监管对象", 3),
            ("特殊监管对象", 1)
        ])
    );
    assert_eq!(
        counts("by_unit"),
        owned(&[("执法一队", 4), ("执法二队", 3)])
    );

    // The page says the same.
    let html = std::fs::read_to_string(site.path().join("public/years/2025/index.html")).unwrap();
    assert!(
        html.contains("2025年共 7 项抽查任务，已公示结果 6 项，检查中 1 项"),
        "{html}"
    );
    assert!(
        html.contains("全年 3 项，占 42.9%，全年计划目标 30%，已达到"),
        "{html}"
    );
    assert!(html.contains("2 项（占已有结果任务的 33.3%）"), "{html}");
    assert!(html.contains("（年度尚未结束）"));
    assert!(
        html.contains("<a href=\"../../data/2025.xlsx\">Excel 表格（.xlsx）</a>"),
        "{html}"
    );
    assert!(site.path().join("public/data/2025.xlsx").is_file());
    let quarters = table(&html, "quarters");
    assert_eq!(quarters.len(), 2);
    assert_eq!(quarters[0], ["2025年第一季度", "3", "3", "100%", "3", "1"]);
    assert_eq!(quarters[1], ["2025年第二季度", "4", "3", "75%", "3", "1"]);
    for (key, json_key) in [
        ("by-category", "by_category"),
        ("by-unit", "by_unit"),
        ("by-result", "by_result"),
    ] {
        let rows: Vec<(String, u64)> = table(&html, key)
            .iter()
            .map(|row| (row[0].clone(), row[1].parse().unwrap()))
            .collect();
        assert_eq!(rows, counts(json_key), "{key}");
    }
    // The home page and the quarter pages link to it.
    let home = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(
        home.contains("<a href=\"./years/2025/\">2025年</a>（7项）"),
        "{home}"
    );
    let q1 =
        std::fs::read_to_string(site.path().join("public/quarters/2025q1/index.html")).unwrap();
    assert!(
        q1.contains("<a href=\"../../years/2025/\">2025年</a>"),
        "{q1}"
    );
}
