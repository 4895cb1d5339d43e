//! The public site as published: open data that parses back to the published rows, feeds and
//! sitemaps that parse, company and unit pages, pagination.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde_json::Value;

const AS_OF: &str = "2025-11-10";

fn build(site: &Path, as_of: &str) -> Value {
    let output = gongshi_in(
        site,
        &["build", "--as-of", as_of, "--no-ledger", "--format", "json"],
    );
    assert_ne!(output.status.code(), Some(2), "{}", stderr(&output));
    json(&output)
}

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let bytes = std::fs::read(path).unwrap();
    let text = std::str::from_utf8(
        bytes
            .strip_prefix(b"\xef\xbb\xbf")
            .expect("open data CSV starts with a BOM"),
    )
    .unwrap();
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let header = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| {
            header
                .iter()
                .zip(r.unwrap().iter())
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

#[test]
fn open_data_parses_back_to_exactly_the_published_rows() {
    let site = fixture("statuses");
    let report = build(site.path(), AS_OF);
    let public = site.path().join("public");
    let published: Vec<&Value> = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| {
            i["kind"] == "task"
                && ["on_time", "late", "excused"].contains(&i["status"].as_str().unwrap())
        })
        .collect();
    let json: Vec<Value> =
        serde_json::from_slice(&std::fs::read(public.join("data/tasks.json")).unwrap()).unwrap();
    let csv = read_csv(&public.join("data/tasks.csv"));
    assert_eq!(json.len(), published.len());
    assert_eq!(csv.len(), published.len());
    for ((item, j), c) in published.iter().zip(&json).zip(&csv) {
        assert_eq!(j["task_id"], item["id"]);
        assert_eq!(c["任务编号"], item["id"].as_str().unwrap());
        assert_eq!(j["published_on"], item["published_on"]);
        assert_eq!(c["公示日期"], item["published_on"].as_str().unwrap());
        assert_eq!(c["公示期限"], item["deadline"].as_str().unwrap());
        // The CSV and the JSON hold the same values.
        for (zh, en) in [
            ("执法机构", "unit"),
            ("监管对象类别", "category"),
            ("抽查事项", "matter"),
            ("检查对象名称", "entity"),
            ("统一社会信用代码", "credit_code"),
            ("检查结束日期", "end"),
            ("检查结果", "result"),
            ("处理情况", "handling"),
        ] {
            assert_eq!(
                c[zh],
                j[en].as_str().unwrap_or(""),
                "{zh} of {}",
                item["id"]
            );
        }
    }
    // Exactly the rows as written in the fixture (GBK, read back), masked where needed.
    let t_late = json.iter().find(|j| j["task_id"] == "T-LATE").unwrap();
    assert_eq!(t_late["entity"], "坪山乙五金制品厂");
    assert_eq!(t_late["start"], "2025-04-28");
    assert_eq!(t_late["end"], "2025-04-30");
    assert_eq!(t_late["result"], "发现问题经责令已改正");
    assert_eq!(t_late["handling"], "已责令改正并复查");
    let t_new = csv.iter().find(|c| c["任务编号"] == "T-NEW").unwrap();
    assert_eq!(t_new["处理情况"], "企业联系电话138****5678");
    assert!(
        !csv[0].contains_key("执法人员"),
        "inspectors are not published by default"
    );

    // Each ended quarter has its file, with its published rows only.
    let q3 = read_csv(&public.join("data/2025q3.csv"));
    let ids: Vec<&str> = q3.iter().map(|c| c["任务编号"].as_str()).collect();
    assert_eq!(
        ids,
        ["T-NEWLATE", "T-ONTIME"],
        "in order of end date, as on the page"
    );
    assert!(
        !public.join("data/2025q4.csv").exists(),
        "open quarters have no file yet"
    );
}

#[test]
fn spreadsheet_formulas_in_records_are_neutralised_in_csv_only() {
    let site = minimal_with(
        "task_id,end,result,handling\nF-1,2025-09-02,未发现问题,\"=cmd|' /C calc'!A0\"\nF-2,2025-09-02,@SUM(A1),+1\n",
    );
    build(site.path(), "2025-09-10");
    let csv = read_csv(&site.path().join("public/data/tasks.csv"));
    assert_eq!(csv[0]["处理情况"], "'=cmd|' /C calc'!A0");
    assert_eq!(csv[1]["检查结果"], "'@SUM(A1)");
    assert_eq!(csv[1]["处理情况"], "'+1");
    let json: Vec<Value> =
        serde_json::from_slice(&std::fs::read(site.path().join("public/data/tasks.json")).unwrap())
            .unwrap();
    assert_eq!(json[0]["handling"], "=cmd|' /C calc'!A0");
}

#[test]
fn feed_and_sitemap_are_well_formed_and_complete() {
    let (_out, target) = build_sample();
    let base = "https://meeb.sz.gov.cn/pingshan/shuangsuiji/";

    let sitemap = std::fs::read_to_string(target.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&sitemap).unwrap();
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap())
        .collect();
    // Every HTML page but the 404 is listed, once, under the base URL.
    let pages: Vec<String> = tree(&target)
        .into_keys()
        .filter(|p| p.ends_with("index.html"))
        .map(|p| format!("{base}{}", p.trim_end_matches("index.html")))
        .collect();
    let mut sorted_locs: Vec<String> = locs.iter().map(|s| s.to_string()).collect();
    sorted_locs.sort();
    let mut sorted_pages = pages.clone();
    sorted_pages.sort();
    assert_eq!(sorted_locs, sorted_pages);

    let feed = std::fs::read_to_string(target.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entries: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 50);
    let first_link = entries[0]
        .children()
        .find(|n| n.has_tag_name("link"))
        .unwrap()
        .attribute("href")
        .unwrap();
    let slug = first_link
        .strip_prefix(&format!("{base}tasks/"))
        .unwrap()
        .trim_end_matches('/');
    assert!(target.join("tasks").join(slug).join("index.html").is_file());
    let robots = std::fs::read_to_string(target.join("robots.txt")).unwrap();
    assert!(robots.contains(&format!("Sitemap: {base}sitemap.xml")));
}

#[test]
fn company_pages_list_every_inspection_newest_first() {
    let site = fixture("statuses");
    std::fs::write(
        site.path().join("data/tasks/more.csv"),
        "task_id,entity,credit_code,end,result\nT-AGAIN,坪山乙五金制品厂,914403001922038216,2025-08-15,未发现问题\n",
    )
    .unwrap();
    build(site.path(), AS_OF);
    let page = std::fs::read_to_string(
        site.path()
            .join("public/entities/914403001922038216/index.html"),
    )
    .unwrap();
    let again = page.find("T-AGAIN").unwrap();
    let late = page.find("T-LATE").unwrap();
    assert!(again < late, "2025-08-15 before 2025-04-30");
    assert!(page.contains("<dd>2 次</dd>"));
    // A company without a credit code gets a stable id from its name.
    let list = std::fs::read_to_string(site.path().join("public/entities/index.html")).unwrap();
    assert!(list.contains("href=\"../entities/n-"), "{list}");
    assert!(list.contains("坪山庚印刷厂"));
}

#[test]
fn unit_pages_list_tasks_by_quarter() {
    let site = fixture("statuses");
    build(site.path(), AS_OF);
    let units = std::fs::read_to_string(site.path().join("public/units/index.html")).unwrap();
    for name in ["坪山管理局", "执法一队", "执法二队"] {
        assert!(units.contains(name), "{name}");
    }
    let public = site.path().join("public/units");
    let pages: Vec<String> = std::fs::read_dir(&public)
        .unwrap()
        .filter_map(|e| e.ok())
        .filter(|e| e.path().is_dir())
        .map(|e| std::fs::read_to_string(e.path().join("index.html")).unwrap())
        .collect();
    let yidui = pages
        .iter()
        .find(|p| p.contains("<h1>执法一队</h1>"))
        .unwrap();
    // 执法一队: T-EXCUSED (2025Q1), T-NEWLATE (2025Q3), T-DUE and T-NEW (2025Q4, open).
    assert!(
        yidui.contains("共 4 项抽查任务，已公示结果 3 项"),
        "{yidui}"
    );
    let q4 = yidui.find("2025年第四季度").unwrap();
    let q1 = yidui.find("2025年第一季度").unwrap();
    assert!(q4 < q1, "newest quarter first");
}

#[test]
fn long_lists_are_paginated_with_prev_and_next() {
    let site = fixture("statuses");
    std::fs::write(site.path().join("gongshi.toml"), "[site]\npage_size = 1\n").unwrap();
    build(site.path(), AS_OF);
    let public = site.path().join("public");
    let first = std::fs::read_to_string(public.join("quarters/2025q3/index.html")).unwrap();
    let second = std::fs::read_to_string(public.join("quarters/2025q3/page/2/index.html")).unwrap();
    assert!(
        first.contains("<nav class=pagination aria-label=分页>"),
        "{first}"
    );
    assert!(
        first.contains("href=\"../../quarters/2025q3/page/2/\" rel=next"),
        "{first}"
    );
    assert!(
        second.contains("href=\"../../../../quarters/2025q3/\" rel=prev"),
        "{second}"
    );
    assert!(
        second.contains("<a href=\"../../../../quarters/2025q3/page/2/\" aria-current=page>2</a>"),
        "{second}"
    );
    assert!(!public.join("quarters/2025q3/page/3").exists());
    assert!(public.join("entities/page/2/index.html").is_file());
}

#[test]
fn a_task_page_weighs_under_30_kb_with_its_css() {
    let (_out, target) = build_sample();
    let css = std::fs::metadata(target.join("style.css")).unwrap().len();
    let heaviest = std::fs::read_dir(target.join("tasks"))
        .unwrap()
        .map(|e| {
            std::fs::metadata(e.unwrap().path().join("index.html"))
                .unwrap()
                .len()
        })
        .max()
        .unwrap();
    assert!(
        heaviest + css < 30 * 1024,
        "task page {heaviest} B + CSS {css} B"
    );
    // Nothing is fetched from elsewhere: no absolute URL in any page's src or <link>, but the
    // feed's and sitemap's own. (Links to follow may go elsewhere: the footer's registries.)
    for (path, bytes) in tree(&target) {
        if path.ends_with(".html") {
            let text = String::from_utf8(bytes).unwrap();
            let links_elsewhere = text.split("<link ").skip(1).any(|tag| {
                let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
                tag.contains("href=http") || tag.contains("href=\"http")
            });
            assert!(
                !text.contains("src=http") && !text.contains("src=\"http") && !links_elsewhere,
                "{path}"
            );
        }
    }
}

/// Past the sitemap protocol's 50,000 URLs a file, sitemap.xml becomes an index of parts that
/// between them list every page once. (Modelled with the library and only the sitemaps made:
/// writing fifty thousand pages would prove nothing more.)
#[test]
fn a_site_of_more_than_fifty_thousand_pages_gets_a_sitemap_index() {
    use gongshi::site::Site;
    use gongshi::theme::Theme;
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("data/tasks")).unwrap();
    let mut csv = String::from("task_id,entity,end,result\n");
    for i in 0..50_500 {
        csv.push_str(&format!(
            "T-{i:05},坪山某{}号厂,2025-0{}-15,未发现问题\n",
            i % 9_000,
            1 + i % 9
        ));
    }
    std::fs::write(site.path().join("data/tasks/t.csv"), csv).unwrap();
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[site]\nbase_url = \"https://example.gov.cn/shuangsuiji/\"\n",
    )
    .unwrap();
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 11, 10).unwrap();
    let loaded = gongshi::build::load(site.path(), as_of).unwrap();
    let theme = Theme::for_site(site.path(), "default").unwrap();
    let content = gongshi::content::load(site.path()).unwrap();
    let model = Site::new(&loaded.assessment, &content, &loaded.config, &theme).unwrap();

    let pages: Vec<String> = model
        .files()
        .iter()
        .filter(|f| f.is_page())
        .map(|f| model.path(f).trim_end_matches("index.html").to_string())
        .collect();
    assert!(pages.len() > 59_000, "{} pages", pages.len());
    let file = |name: &str| {
        let file = model
            .files()
            .iter()
            .find(|f| model.path(f) == name)
            .unwrap_or_else(|| panic!("no {name}"));
        String::from_utf8(model.bytes(file).unwrap()).unwrap()
    };
    let locs = |xml: &str, tag: &str| -> Vec<String> {
        let doc = roxmltree::Document::parse(xml).unwrap();
        assert_eq!(doc.root_element().tag_name().name(), tag);
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .map(|n| n.text().unwrap().to_string())
            .collect()
    };
    let base = "https://example.gov.cn/shuangsuiji/";
    let parts = locs(&file("sitemap.xml"), "sitemapindex");
    assert_eq!(
        parts,
        [
            format!("{base}sitemap-1.xml"),
            format!("{base}sitemap-2.xml")
        ]
    );
    let mut listed = Vec::new();
    for part in 1..=2 {
        let urls = locs(&file(&format!("sitemap-{part}.xml")), "urlset");
        assert!(urls.len() <= 50_000);
        listed.extend(urls);
    }
    let expected: std::collections::BTreeSet<String> =
        pages.iter().map(|p| format!("{base}{p}")).collect();
    assert_eq!(listed.len(), expected.len(), "every page once");
    assert_eq!(
        listed
            .into_iter()
            .collect::<std::collections::BTreeSet<_>>(),
        expected
    );
}

#[test]
fn a_content_page_in_a_folder_gongshi_fills_is_refused() {
    let site = fixture("statuses");
    std::fs::create_dir_all(site.path().join("content/tasks")).unwrap();
    std::fs::write(site.path().join("content/tasks/t-late.md"), "# 说明\n").unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", AS_OF, "--no-ledger"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("tasks/t-late/index.html would be written over a page"),
        "{}",
        stderr(&output)
    );
    assert!(!site.path().join("public").exists());
}
