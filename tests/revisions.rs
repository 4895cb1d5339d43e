//! Corrections made visible (更正记录): a corrected result's page lists each correction, with
//! the day and the published fields that changed, masked as published.

mod common;

use std::path::Path;

use common::{fixture, gongshi_in};

fn build(site: &Path, as_of: &str) {
    let output = gongshi_in(site, &["build", "--as-of", as_of]);
    assert_eq!(output.status.code(), Some(0), "{}", common::stderr(&output));
}

fn edit(site: &Path, from: &str, to: &str) {
    let csv = site.join("data/tasks/tasks.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    assert!(text.contains(from), "{from}");
    std::fs::write(&csv, text.replace(from, to)).unwrap();
}

fn page(site: &Path, slug: &str) -> String {
    std::fs::read_to_string(site.join(format!("public/tasks/{slug}/index.html"))).unwrap()
}

/// The rows of the correction tables, in page order: (caption date, label, from, to).
fn revision_rows(html: &str) -> Vec<(String, String, String, String)> {
    let Some(start) = html.find("<h2 id=revisions>") else {
        return Vec::new();
    };
    let section = &html[start..html[start..].find("</section>").unwrap() + start];
    let mut rows = Vec::new();
    for table in section.split("<table class=changes>").skip(1) {
        let caption = between(table, "<time datetime=", ">")
            .trim_matches('"')
            .to_string();
        for row in table.split("<tr><th scope=row>").skip(1) {
            let label = row[..row.find("</th>").unwrap()].to_string();
            let cells: Vec<&str> = row
                .split("<td>")
                .skip(1)
                .map(|cell| &cell[..cell.find("</td>").unwrap()])
                .collect();
            rows.push((
                caption.clone(),
                label,
                cells[0].to_string(),
                cells[1].to_string(),
            ));
        }
    }
    rows
}

fn between<'t>(text: &'t str, from: &str, to: &str) -> &'t str {
    let start = text.find(from).unwrap() + from.len();
    &text[start..start + text[start..].find(to).unwrap()]
}

#[test]
fn a_result_corrected_twice_lists_both_corrections_with_what_changed() {
    let site = fixture("minimal");
    build(site.path(), "2025-09-10");
    assert!(!page(site.path(), "m-2").contains("更正记录"));

    edit(
        site.path(),
        "已责令改正\n",
        "已责令改正，2025-09-12复查合格\n",
    );
    build(site.path(), "2025-09-15");
    edit(
        site.path(),
        "坪山某五金厂,,2025-09-03,2025-09-04,发现问题经责令已改正,已责令改正，2025-09-12复查合格",
        "坪山某五金制品厂,,2025-09-03,2025-09-05,发现问题经责令已改正,\
         已责令改正，2025-09-12复查合格，联系人13812345678",
    );
    build(site.path(), "2025-09-20");

    let html = page(site.path(), "m-2");
    assert!(html.contains("本检查结果公示后更正 2 次"), "{html}");
    assert_eq!(
        revision_rows(&html),
        [
            (
                "2025-09-15",
                "处理情况",
                "已责令改正",
                "已责令改正，2025-09-12复查合格"
            ),
            (
                "2025-09-20",
                "检查对象名称",
                "坪山某五金厂",
                "坪山某五金制品厂"
            ),
            ("2025-09-20", "检查结束日期", "2025-09-04", "2025-09-05"),
            (
                "2025-09-20",
                "处理情况",
                "已责令改正，2025-09-12复查合格",
                "已责令改正，2025-09-12复查合格，联系人138****5678"
            ),
        ]
        .map(|(a, b, c, d)| (a.into(), b.into(), c.into(), d.into()))
    );
    assert!(
        html.contains("<th scope=row>最后更新</th><td><time datetime=\"2025-09-20\">"),
        "the 最后更新 date stays"
    );
    // The number is masked everywhere it is published, the history included.
    for (path, bytes) in common::tree(&site.path().join("public")) {
        assert!(
            !String::from_utf8_lossy(&bytes).contains("13812345678"),
            "{path}"
        );
    }
    // The other result was never corrected.
    assert!(!page(site.path(), "m-1").contains("更正记录"));
    // The open data counts the corrections beside the last update.
    let open: serde_json::Value =
        serde_json::from_slice(&std::fs::read(site.path().join("public/data/tasks.json")).unwrap())
            .unwrap();
    let record = |id: &str| {
        open.as_array()
            .unwrap()
            .iter()
            .find(|r| r["task_id"] == id)
            .unwrap()
            .clone()
    };
    assert_eq!(record("M-2")["revisions"], 2);
    assert_eq!(record("M-2")["updated_on"], "2025-09-20");
    assert_eq!(record("M-1")["revisions"], 0);
    let csv = std::fs::read_to_string(site.path().join("public/data/tasks.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(csv.trim_start_matches('\u{feff}').as_bytes());
    let header = reader.headers().unwrap().clone();
    let column = |name: &str| header.iter().position(|h| h == name).unwrap();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let m2 = rows.iter().find(|r| &r[0] == "M-2").unwrap();
    assert_eq!(&m2[column("更正次数")], "2");
    assert_eq!(&m2[column("最后更新")], "2025-09-20");

    // A build that corrects nothing leaves the history as it was.
    build(site.path(), "2025-09-25");
    assert_eq!(page(site.path(), "m-2"), html);
}

#[test]
fn a_correction_whose_earlier_version_was_never_archived_still_has_its_day() {
    let site = fixture("minimal");
    build(site.path(), "2025-09-10");
    // As a site whose archive began after its first publications.
    std::fs::remove_file(site.path().join("data/published-records.jsonl")).unwrap();
    edit(
        site.path(),
        "已责令改正\n",
        "已责令改正，2025-09-12复查合格\n",
    );
    build(site.path(), "2025-09-15");
    let html = page(site.path(), "m-2");
    assert!(html.contains("本检查结果公示后更正 1 次"), "{html}");
    assert!(
        html.contains("<time datetime=\"2025-09-15\">2025-09-15</time> 更正：更正前的版本没有存档"),
        "{html}"
    );
}

#[test]
fn the_history_is_escaped_like_every_page() {
    let site = fixture("minimal");
    build(site.path(), "2025-09-10");
    edit(
        site.path(),
        "已责令改正\n",
        "已责令改正<script>alert(1)</script>\n",
    );
    build(site.path(), "2025-09-15");
    let html = page(site.path(), "m-2");
    assert!(!html.contains("<script>alert"), "{html}");
    assert!(
        html.contains("已责令改正&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{html}"
    );
}
