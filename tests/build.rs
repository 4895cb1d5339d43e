//! `gongshi build` end to end: what it writes, what it appends to the ledger, and what it
//! refuses to do.

mod common;

use std::path::Path;

use common::*;

const AS_OF: &str = "2025-11-10";

fn ledger(site: &Path) -> String {
    std::fs::read_to_string(site.join("data/published.csv")).unwrap_or_default()
}

/// A build of `site` into `out` that leaves the ledger alone.
fn preview(site: &Path, out: &Path) -> std::process::Output {
    gongshi_in(
        site,
        &[
            "build",
            "--as-of",
            AS_OF,
            "--no-ledger",
            "--out",
            out.to_str().unwrap(),
        ],
    )
}

#[test]
fn a_folder_with_only_task_csvs_builds_with_the_defaults() {
    let site = fixture("minimal");
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    let public = site.path().join("public");
    for page in [
        "index.html",
        "404.html",
        "style.css",
        "tasks/m-1/index.html",
        "tasks/m-2/index.html",
    ] {
        assert!(public.join(page).is_file(), "{page}");
    }
    // The quarter has not ended on 2025-09-10: no quarter page yet.
    assert!(!public.join("quarters/2025q3").exists());
    let text = ledger(site.path());
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines[0], "kind,id,published_on,late_reason,digest");
    for (line, id) in lines[1..].iter().zip(["M-1", "M-2"]) {
        let digest = line
            .strip_prefix(&format!("task,{id},2025-09-10,,"))
            .unwrap();
        assert!(
            digest.len() == 16 && digest.bytes().all(|b| b.is_ascii_hexdigit()),
            "{line}"
        );
    }
    assert_eq!(lines.len(), 3);
    let page = std::fs::read_to_string(public.join("tasks/m-2/index.html")).unwrap();
    assert!(page.contains("lang=zh-CN"));
    for field in [
        "M-2",
        "坪山某五金厂",
        "废水排放检查",
        "发现问题经责令已改正",
        "已责令改正",
        "2025-09-04",
        "2025-09-10",
        "2025-09-29",
    ] {
        assert!(page.contains(field), "task page lacks {field}");
    }
}

#[test]
fn the_ledger_gets_first_publications_once_and_keeps_its_bytes() {
    let site = fixture("statuses");
    let before = ledger(site.path());
    let output = gongshi_in(site.path(), &["build", "--as-of", AS_OF]);
    assert_eq!(
        output.status.code(),
        Some(1),
        "violations still fail the build"
    );
    assert!(
        site.path().join("public/index.html").is_file(),
        "the site is written anyway"
    );
    let after = ledger(site.path());
    assert_eq!(
        after.strip_prefix(&before).expect("old rows untouched"),
        "task,T-NEW,2025-11-10,\ntask,T-NEWLATE,2025-11-10,\ntask,T-CHECKDIGIT,2025-11-10,\ntask,T-XSS,2025-11-10,\nquarter,2025Q3,2025-11-10,\n"
    );
    // A later build finds them in the ledger: nothing more is appended, and the dates hold.
    let later = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-11-19", "--format", "json"],
    );
    assert_eq!(ledger(site.path()), after);
    let report = json(&later);
    let new = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "T-NEW")
        .unwrap();
    assert_eq!(new["published_on"], AS_OF);
}

#[test]
fn previews_and_checks_leave_the_ledger_alone() {
    let site = fixture("statuses");
    let before = ledger(site.path());
    let out = site.path().join("preview");
    let output = preview(site.path(), &out);
    assert_eq!(output.status.code(), Some(1));
    assert!(out.join("index.html").is_file());
    assert_eq!(ledger(site.path()), before);
    let output = gongshi_in(site.path(), &["check", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(ledger(site.path()), before);
    assert!(!site.path().join("public").exists(), "check writes nothing");
}

#[test]
fn record_text_is_escaped_and_personal_numbers_masked_everywhere() {
    let site = fixture("statuses");
    gongshi_in(site.path(), &["build", "--as-of", AS_OF, "--no-ledger"]);
    let files = tree(&site.path().join("public"));
    assert!(files.len() > 5);
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        // In markup, no record text may open a tag (the theme's own <script src=...> aside).
        // Open data keeps the text as written: CSV and JSON are data, not markup.
        if path.ends_with(".html") || path.ends_with(".xml") {
            for raw in ["<script>", "<img", "<b>"] {
                assert!(!text.contains(raw), "{path} contains raw {raw}");
            }
        }
        assert!(!text.contains("13812345678"), "{path} leaks a phone number");
    }
    let page = String::from_utf8_lossy(&files["tasks/t-xss/index.html"]).into_owned();
    assert!(
        page.contains("&lt;script>alert(\"x\")&lt;/script>公司") || page.contains("&lt;script&gt;"),
        "{page}"
    );
    assert!(
        page.contains("&amp;amp; &amp;lt;"),
        "entities in records are shown, not decoded: {page}"
    );
    let new = String::from_utf8_lossy(&files["tasks/t-new/index.html"]).into_owned();
    assert!(new.contains("企业联系电话138****5678"));
}

#[test]
fn a_task_page_reads_as_expected() {
    let site = fixture("statuses");
    gongshi_in(site.path(), &["build", "--as-of", AS_OF, "--no-ledger"]);
    let page = std::fs::read_to_string(site.path().join("public/tasks/t-late/index.html")).unwrap();
    insta::assert_snapshot!("task_page_t_late", page.replace("><", ">\n<"));
}

#[test]
fn quarter_figures_match_hand_counts_on_page_and_report() {
    let site = fixture("statuses");
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", AS_OF, "--no-ledger", "--format", "json"],
    );
    let report = json(&output);
    let q3 = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2025Q3")
        .unwrap();
    // 2025Q3 holds three valid rows, counted by hand from the fixture:
    //   T-ONTIME  一般监管对象 坪山管理局 ended 09-26 未发现问题
    //   T-OVERDUE 重点监管对象 执法二队   ended 09-26 (no result yet)
    //   T-NEWLATE 重点监管对象 执法一队   ended 09-01 发现问题待后续处理
    // The rejected rows (T-DUP, T-BACKWARDS, T-SHORT, ...) do not count.
    let f = &q3["figures"];
    assert_eq!(f["total"], 3);
    assert_eq!(f["published"], 2);
    assert_eq!(f["in_progress"], 0);
    assert_eq!(f["awaiting_result"], 1);
    // The fixture's export has no 是否联合检查 or 联合检查部门 column: no joint figure at all.
    assert_eq!(f["joint"], serde_json::Value::Null);
    assert_eq!(f["joint_year_to_date"], serde_json::Value::Null);
    assert_eq!(f["with_problems"], 1);
    assert_eq!(
        f["problem_share"], 0.5,
        "one of the two tasks with a result"
    );
    let pairs = |key: &str| common::count_pairs(&f[key]);
    let owned = common::owned_pairs;
    assert_eq!(
        pairs("by_category"),
        owned(&[("重点监管对象", 2), ("一般监管对象", 1)])
    );
    assert_eq!(
        pairs("by_result"),
        owned(&[
            ("发现问题待后续处理", 1),
            ("尚无结果", 1),
            ("未发现问题", 1)
        ])
    );
    assert_eq!(
        pairs("by_unit"),
        owned(&[("坪山管理局", 1), ("执法一队", 1), ("执法二队", 1)])
    );
    // Completed by the end of July, August, September: 0, 0, 3.
    let months: Vec<u64> = f["months"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m["completed"].as_u64().unwrap())
        .collect();
    assert_eq!(months, [0, 0, 3]);

    // 2025Q4 (open): T-DUE, T-DUESOON, T-NEW, T-CHECKDIGIT, T-XSS ended; T-INPROG in progress.
    let q4 = report["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "2025Q4")
        .unwrap();
    assert_eq!(q4["figures"]["total"], 6);
    assert_eq!(q4["figures"]["in_progress"], 1);
    assert_eq!(q4["figures"]["awaiting_result"], 2);

    let page =
        std::fs::read_to_string(site.path().join("public/quarters/2025q3/index.html")).unwrap();
    assert!(
        page.contains("本季度共 3 项抽查任务，已公示结果 2 项"),
        "{page}"
    );
    assert!(
        page.contains(
            "<th scope=row>重点监管对象</th><td class=num>2</td><td class=num>66.7%</td>"
        ),
        "{page}"
    );
    assert!(page.contains("<th scope=row>一般监管对象</th><td class=num>1</td>"));
    assert!(page.contains("<th scope=row>尚无结果</th><td class=num>1</td>"));
    assert!(page.contains("<th scope=row>执法二队</th><td class=num>1</td>"));
    assert!(page.contains("发现问题的任务</dt><dd>1 项（占已有结果任务的 50%）"));
    assert!(
        !page.contains("联合检查") && !page.contains("计划目标"),
        "{page}"
    );
    assert!(page.contains("href=\"../../tasks/t-newlate/\""));
    assert!(page.contains("href=\"../../data/2025q3.csv\""));
    assert!(!page.contains("t-dup"));
    assert!(
        !site.path().join("public/quarters/2025q4").exists(),
        "open quarters get no page"
    );
}

#[test]
fn inspectors_are_published_only_when_the_site_says_so() {
    let site = fixture("minimal");
    let csv = site.path().join("data/tasks/tasks.csv");
    let text = std::fs::read_to_string(&csv)
        .unwrap()
        .replace("handling\n", "handling,inspectors\n")
        .replace(",\nM-2", ",,张伟(44030012)\nM-2")
        .replace("已责令改正\n", "已责令改正,李娜\n");
    std::fs::write(&csv, text).unwrap();
    gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-09-10", "--no-ledger"],
    );
    let page = std::fs::read_to_string(site.path().join("public/tasks/m-1/index.html")).unwrap();
    assert!(!page.contains("张伟"));
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[privacy]\npublish_inspectors = true\n",
    )
    .unwrap();
    gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-09-10", "--no-ledger"],
    );
    let page = std::fs::read_to_string(site.path().join("public/tasks/m-1/index.html")).unwrap();
    assert!(page.contains("张伟(44030012)"));
}

#[test]
fn fatal_errors_exit_2_and_leave_the_previous_site_untouched() {
    let site = fixture("minimal");
    assert_eq!(
        gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"])
            .status
            .code(),
        Some(0)
    );
    let before = tree(&site.path().join("public"));
    let ledger_before = ledger(site.path());

    std::fs::write(
        site.path().join("gongshi.toml"),
        "[disclosure]\ntask_working_dayz = 18\n",
    )
    .unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-20"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("gongshi.toml") && stderr(&output).contains("task_working_dayz"),
        "{}",
        stderr(&output)
    );
    std::fs::remove_file(site.path().join("gongshi.toml")).unwrap();

    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("task.html"),
        "{% extends \"base.html\" %}{% block content %}{{ task.id }{% endblock content %}",
    )
    .unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", "2025-09-20"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("task.html"), "{}", stderr(&output));

    assert_eq!(tree(&site.path().join("public")), before);
    assert_eq!(ledger(site.path()), ledger_before);
    let leftovers: Vec<_> = std::fs::read_dir(site.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| {
            let n = n.to_string_lossy();
            n.contains("gongshi-new") || n.contains("gongshi-old")
        })
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_build_never_replaces_a_folder_it_did_not_write() {
    let site = fixture("minimal");
    let data = site.path().join("data");
    let before = tree(site.path());
    for out in [
        site.path().to_path_buf(),
        data.clone(),
        site.path().join("data/tasks"),
    ] {
        let output = gongshi_in(
            site.path(),
            &[
                "build",
                "--as-of",
                "2025-09-10",
                "--out",
                out.to_str().unwrap(),
            ],
        );
        assert_eq!(output.status.code(), Some(2), "{}", out.display());
        assert!(stderr(&output).contains("--out"), "{}", stderr(&output));
    }
    assert_eq!(tree(site.path()), before, "nothing was touched");
    // Its own output, and an empty folder, it replaces.
    let public = site.path().join("public");
    assert_eq!(
        gongshi_in(
            site.path(),
            &["build", "--as-of", "2025-09-10", "--no-ledger"]
        )
        .status
        .code(),
        Some(0)
    );
    assert_eq!(
        gongshi_in(
            site.path(),
            &["build", "--as-of", "2025-09-10", "--no-ledger"]
        )
        .status
        .code(),
        Some(0)
    );
    assert!(public.join(".gongshi-output").is_file());
    let empty = site.path().join("empty");
    std::fs::create_dir(&empty).unwrap();
    let output = gongshi_in(
        site.path(),
        &[
            "build",
            "--as-of",
            "2025-09-10",
            "--no-ledger",
            "--out",
            empty.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(0));
}

#[test]
fn a_theme_overrides_the_default_file_by_file() {
    let site = fixture("minimal");
    let templates = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    std::fs::write(
        templates.join("task.html"),
        "{% extends \"base.html\" %}{% block content %}<p class=custom>{{ task.entity }}</p>{% endblock content %}",
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-09-10", "--no-ledger"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let task = std::fs::read_to_string(site.path().join("public/tasks/m-1/index.html")).unwrap();
    assert!(
        task.contains("<p class=custom>坪山某电子有限公司</p>"),
        "{task}"
    );
    assert!(
        task.contains("<footer"),
        "base.html still comes from the embedded theme"
    );
    let index = std::fs::read_to_string(site.path().join("public/index.html")).unwrap();
    assert!(
        index.contains("最新公示结果"),
        "index.html still comes from the embedded theme"
    );

    std::fs::write(
        site.path().join("gongshi.toml"),
        "[site]\ntheme = \"missing\"\n",
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-09-10", "--no-ledger"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("themes/missing"));
}

#[test]
fn a_deadline_in_next_year_is_a_bound_until_the_site_adds_its_calendar() {
    let site = minimal_with("task_id,end,result\nY-1,2026-12-21,未发现问题\n");
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2026-12-25", "--format", "json"],
    );
    // Published on 2026-12-25, before any day of 2027: on time whatever 2027's holidays are.
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let report = json(&output);
    assert_eq!(report["items"][0]["status"], "on_time");
    assert_eq!(report["items"][0]["deadline"], serde_json::Value::Null);
    // Mon 2026-12-21: Dec 22-25 (4), 28-31 (8); 10 more from 2027-01-01 at the earliest.
    assert_eq!(report["items"][0]["deadline_not_before"], "2027-01-10");
    assert_eq!(report["items"][0]["needs_calendar_year"], 2027);
    assert!(site.path().join("public/tasks/y-1/index.html").is_file());

    std::fs::create_dir_all(site.path().join("data/calendar")).unwrap();
    // Test data, not the real 2027 notice: 2027-01-01 (Friday) off.
    std::fs::write(
        site.path().join("data/calendar/2027.toml"),
        "year = 2027\nnotice = \"test\"\n[[holiday]]\nname = \"元旦\"\ndays = [\"2027-01-01\"]\n",
    )
    .unwrap();
    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2026-12-25", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    // Mon 2026-12-21: Dec 22-25 (4), 28-31 (8), Jan 4-8 (13), 11-15 (18) → 2027-01-15.
    assert_eq!(json(&output)["items"][0]["deadline"], "2027-01-15");
}

#[test]
fn the_sample_site_builds_clean_on_any_date() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    for as_of in ["2026-11-22", "2031-06-30"] {
        let target = out.path().join(as_of);
        let output = gongshi(&[
            "build",
            "--site",
            root.to_str().unwrap(),
            "--out",
            target.to_str().unwrap(),
            "--as-of",
            as_of,
            "--no-ledger",
            "--format",
            "json",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let report = json(&output);
        let s = &report["summary"];
        assert_eq!(s["violations"], 0);
        assert_eq!(s["invalid"], 0);
        assert_eq!(
            s["excused"], 1,
            "the sample has one excused late publication"
        );
        assert!(s["rows"].as_u64().unwrap() >= 300);
        let pages = std::fs::read_dir(target.join("tasks")).unwrap().count() as u64;
        assert_eq!(pages, s["published"].as_u64().unwrap());
        assert!(target.join("about/index.html").is_file());
        assert!(target.join("quarters/2025q3/index.html").is_file());
    }
}

#[test]
fn the_example_fails_on_its_missed_deadlines() {
    let site = fixture_in_examples("missed-deadline");
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-12-01", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(1));
    let report = json(&output);
    assert_eq!(report["summary"]["late"], 1);
    assert_eq!(report["summary"]["overdue"], 1);
}

fn fixture_in_examples(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(
        &Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("examples")
            .join(name),
        dir.path(),
    );
    dir
}

#[test]
fn identical_input_gives_identical_output() {
    let site = fixture("statuses");
    let a = site.path().join("a");
    let b = site.path().join("b");
    for out in [&a, &b] {
        preview(site.path(), out);
    }
    assert_eq!(tree(&a), tree(&b));
}

#[test]
fn a_task_page_links_its_quarter_only_once_the_quarter_has_a_page() {
    let site = fixture("minimal");
    gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-09-10", "--no-ledger"],
    );
    let page = std::fs::read_to_string(site.path().join("public/tasks/m-1/index.html")).unwrap();
    assert!(!page.contains("quarters/2025q3"), "{page}");
    assert!(page.contains("2025年第三季度（季度未结束）"));
    gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-10-10", "--no-ledger"],
    );
    let page = std::fs::read_to_string(site.path().join("public/tasks/m-1/index.html")).unwrap();
    assert!(page.contains("href=\"../../quarters/2025q3/\""));
    assert!(
        site.path()
            .join("public/quarters/2025q3/index.html")
            .is_file()
    );
}

#[test]
fn a_reader_that_stops_early_does_not_crash_gongshi() {
    use std::io::Read;
    use std::process::{Command, Stdio};
    let root = env!("CARGO_MANIFEST_DIR");
    let mut child = Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args([
            "check",
            "--site",
            root,
            "--as-of",
            "2026-11-22",
            "--format",
            "json",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = [0u8; 10];
    child.stdout.take().unwrap().read_exact(&mut first).unwrap();
    // The pipe is closed here, with most of the report unread.
    let output = child.wait_with_output().unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
}

#[test]
fn a_corrected_record_is_republished_with_its_update_date() {
    let site = fixture("minimal");
    assert_eq!(
        gongshi_in(site.path(), &["build", "--as-of", "2025-09-10"])
            .status
            .code(),
        Some(0)
    );
    let first = ledger(site.path());
    let csv = site.path().join("data/tasks/tasks.csv");
    let text = std::fs::read_to_string(&csv).unwrap();
    std::fs::write(
        &csv,
        text.replace("已责令改正\n", "已责令改正，2025-09-12复查合格\n"),
    )
    .unwrap();

    let output = gongshi_in(
        site.path(),
        &["build", "--as-of", "2025-09-15", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0));
    let second = ledger(site.path());
    let added = second.strip_prefix(&first).expect("earlier rows untouched");
    assert!(added.starts_with("revision,M-2,2025-09-15,,"), "{added}");
    assert_eq!(added.lines().count(), 1, "only the corrected task");
    let item = json(&output)["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|i| i["id"] == "M-2")
        .unwrap()
        .clone();
    assert_eq!(
        item["published_on"], "2025-09-10",
        "a correction never changes the first publication"
    );

    let page = std::fs::read_to_string(site.path().join("public/tasks/m-2/index.html")).unwrap();
    assert!(
        page.contains("<th scope=row>公示日期</th><td><time datetime=\"2025-09-10\">"),
        "{page}"
    );
    assert!(
        page.contains("<th scope=row>最后更新</th><td><time datetime=\"2025-09-15\">"),
        "{page}"
    );
    assert!(page.contains("2025-09-12复查合格"));
    let untouched =
        std::fs::read_to_string(site.path().join("public/tasks/m-1/index.html")).unwrap();
    assert!(!untouched.contains("最后更新"));
    let feed = std::fs::read_to_string(site.path().join("public/feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&feed).unwrap();
    let entry = doc.descendants().find(|n| n.has_tag_name("entry")).unwrap();
    let text_of = |tag: &str| {
        entry
            .children()
            .find(|n| n.has_tag_name(tag))
            .unwrap()
            .text()
            .unwrap()
            .to_string()
    };
    assert!(
        text_of("id").ends_with("tasks/m-2/"),
        "the corrected result leads the feed"
    );
    assert_eq!(text_of("updated"), "2025-09-15T00:00:00+08:00");
    assert_eq!(text_of("published"), "2025-09-10T00:00:00+08:00");

    // Building again changes nothing more.
    gongshi_in(site.path(), &["build", "--as-of", "2025-09-20"]);
    assert_eq!(ledger(site.path()), second);
    let page = std::fs::read_to_string(site.path().join("public/tasks/m-2/index.html")).unwrap();
    assert!(page.contains("<th scope=row>最后更新</th><td><time datetime=\"2025-09-15\">"));
}
