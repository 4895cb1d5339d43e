//! The web team's daily workflow, through the real binary: `init`, `serve`, the CI report
//! formats, errors in context, `calendar`, completions, the man page and `--help`.

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const AS_OF: &str = "2025-11-10";

// ---------------------------------------------------------------------------------------------
// init

#[test]
fn init_makes_a_site_that_builds_as_created() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("新站点");
    let output = gongshi(&["init", dir.to_str().unwrap(), "--as-of", "2026-03-02"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    for file in [
        "gongshi.toml",
        "data/tasks/example.csv",
        "content/about.md",
        ".gitignore",
    ] {
        assert!(dir.join(file).is_file(), "{file} created");
        assert!(stdout(&output).contains(file), "{file} listed");
    }
    let gitignore = std::fs::read_to_string(dir.join(".gitignore")).unwrap();
    assert!(gitignore.lines().any(|l| l == "/public"));
    assert!(
        !gitignore
            .lines()
            .any(|l| l.contains("published.csv") && !l.starts_with('#'))
    );

    let output = gongshi_in(
        &dir,
        &["build", "--as-of", "2026-03-02", "--format", "json"],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    let report = json(&output);
    assert_eq!(report["summary"]["rows"], 5);
    assert_eq!(report["summary"]["on_time"], 4);
    assert_eq!(report["summary"]["in_progress"], 1);
    assert!(dir.join("public/index.html").is_file());
    assert!(dir.join("public/about/index.html").is_file());
    let ledger = std::fs::read_to_string(dir.join("data/published.csv")).unwrap();
    assert_eq!(ledger.lines().filter(|l| l.starts_with("task,")).count(), 4);
}

#[test]
fn init_speaks_chinese_in_a_chinese_locale_and_its_settings_build() {
    let parent = tempfile::tempdir().unwrap();
    let dir = parent.path().join("site");
    let output = common::command_on(
        Some("2026-03-02"),
        &["init", dir.to_str().unwrap(), "--as-of", "2026-03-02"],
    )
    .env("LANG", "zh_CN.UTF-8")
    .output()
    .unwrap();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("已创建"), "{}", stdout(&output));
    assert!(stdout(&output).contains("下一步"), "{}", stdout(&output));
    let config = std::fs::read_to_string(dir.join("gongshi.toml")).unwrap();
    assert!(
        config.contains("# 检查结束之日起 18 个工作日内公示检查结果"),
        "{config}"
    );
    let output = gongshi_in(&dir, &["build", "--as-of", "2026-03-02"]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));

    // Refused in Chinese too, and in English without the locale.
    let refused = |lang: Option<&str>| {
        let mut command = common::command_on(None, &["init", dir.to_str().unwrap()]);
        if let Some(lang) = lang {
            command.env("LANG", lang);
        }
        let output = command.output().unwrap();
        assert_eq!(output.status.code(), Some(2));
        stderr(&output)
    };
    let chinese = refused(Some("zh_CN.UTF-8"));
    assert!(chinese.starts_with("错误："), "{chinese}");
    assert!(chinese.contains("不是空文件夹"), "{chinese}");
    assert!(refused(None).contains("error: "));
}

#[test]
fn init_into_an_empty_folder_works_and_a_non_empty_one_is_refused() {
    let empty = tempfile::tempdir().unwrap();
    let output = gongshi(&["init", empty.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));

    let taken = tempfile::tempdir().unwrap();
    std::fs::write(taken.path().join("notes.txt"), "mine").unwrap();
    let output = gongshi(&["init", taken.path().to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not empty"),
        "{}",
        stderr(&output)
    );
    let left: Vec<_> = std::fs::read_dir(taken.path()).unwrap().collect();
    assert_eq!(left.len(), 1, "nothing written beside the file");
    assert_eq!(
        std::fs::read_to_string(taken.path().join("notes.txt")).unwrap(),
        "mine"
    );
}

// ---------------------------------------------------------------------------------------------
// serve

/// A running `gongshi serve`, killed when dropped.
struct Server {
    child: Child,
    port: u16,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Server {
    fn start(site: &Path, as_of: &str, tmp: &Path) -> Server {
        let mut child = Command::new(env!("CARGO_BIN_EXE_gongshi"))
            .args(["serve", "--port", "0", "--as-of", as_of, "--site"])
            .arg(site)
            .env("TMPDIR", tmp)
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .expect("gongshi serve starts");
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let port = loop {
            let line = lines
                .next()
                .expect("serve says where it listens before stopping")
                .unwrap();
            if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
                break rest.split('/').next().unwrap().parse().unwrap();
            }
        };
        // Keep reading its log, so that it never blocks on a full pipe.
        std::thread::spawn(move || lines.for_each(drop));
        Server { child, port }
    }

    fn get(&self, path: &str) -> (u16, String) {
        let mut stream = TcpStream::connect(("127.0.0.1", self.port)).unwrap();
        stream
            .set_read_timeout(Some(Duration::from_secs(10)))
            .unwrap();
        write!(
            stream,
            "GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
        )
        .unwrap();
        let mut response = Vec::new();
        stream.read_to_end(&mut response).unwrap();
        let response = String::from_utf8_lossy(&response).into_owned();
        let status = response
            .split_whitespace()
            .nth(1)
            .and_then(|s| s.parse().ok())
            .unwrap_or(0);
        let body = response
            .split_once("\r\n\r\n")
            .map_or(String::new(), |(_, b)| b.to_string());
        (status, body)
    }

    /// Asks for `path` until `test` holds, for at most 20 seconds.
    fn wait_for(&self, path: &str, test: impl Fn(u16, &str) -> bool) -> (u16, String) {
        let started = Instant::now();
        loop {
            let (status, body) = self.get(path);
            if test(status, &body) {
                return (status, body);
            }
            assert!(
                started.elapsed() < Duration::from_secs(20),
                "{path} never changed as expected; last: {status}\n{body}"
            );
            std::thread::sleep(Duration::from_millis(100));
        }
    }
}

fn init_site(as_of: &str) -> tempfile::TempDir {
    let site = tempfile::tempdir().unwrap();
    let output = gongshi(&["init", site.path().to_str().unwrap(), "--as-of", as_of]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    site
}

#[test]
fn serve_previews_the_site_and_rebuilds_on_a_change_without_touching_the_ledger() {
    let site = init_site("2026-03-02");
    // A ledger the preview must leave alone, byte for byte and in time.
    let ledger = site.path().join("data/published.csv");
    std::fs::write(&ledger, "kind,id,published_on,late_reason,digest\n").unwrap();
    let ledger_before = std::fs::metadata(&ledger).unwrap().modified().unwrap();
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(site.path(), "2026-03-02", tmp.path());

    let (status, index) = server.get("/");
    assert_eq!(status, 200);
    assert!(index.contains("id=\"gongshi-preview\""), "banner: {index}");
    assert!(index.contains("预览"));
    assert!(
        index.contains("gongshi report as of 2026-03-02"),
        "the report"
    );
    assert!(index.contains("EventSource"), "the reload script");
    let (status, task) = server.get("/tasks/example-002/");
    assert_eq!(status, 200);
    assert!(task.contains("某某电子科技有限公司"));
    let (status, css) = server.get("/style.css");
    assert_eq!(status, 200);
    assert!(
        !css.contains("gongshi-preview"),
        "only pages get the banner"
    );
    assert_eq!(server.get("/no/such/page/").0, 404);
    assert_eq!(server.get("/../../etc/passwd").0, 400);

    let tasks = site.path().join("data/tasks/example.csv");
    let csv = std::fs::read_to_string(&tasks).unwrap();
    std::fs::write(
        &tasks,
        csv.replace("某某电子科技有限公司", "某某更名科技有限公司"),
    )
    .unwrap();
    let (_, task) = server.wait_for("/tasks/example-002/", |_, body| {
        body.contains("某某更名科技有限公司")
    });
    assert!(!task.contains("某某电子科技有限公司"));

    // A broken config: the error in the page, the server still up; fixed, the site is back.
    let config = site.path().join("gongshi.toml");
    let good = std::fs::read_to_string(&config).unwrap();
    std::fs::write(&config, format!("{good}\nno_such_key = 1\n")).unwrap();
    let (status, page) = server.wait_for("/", |status, _| status == 500);
    assert_eq!(status, 500);
    assert!(page.contains("构建失败"), "{page}");
    assert!(page.contains("no_such_key"), "the error itself: {page}");
    std::fs::write(&config, good).unwrap();
    server.wait_for("/", |status, body| {
        status == 200 && body.contains("某某更名科技有限公司")
    });

    assert_eq!(
        std::fs::read_to_string(&ledger).unwrap(),
        "kind,id,published_on,late_reason,digest\n",
        "the ledger is never written"
    );
    assert_eq!(
        std::fs::metadata(&ledger).unwrap().modified().unwrap(),
        ledger_before
    );
    assert!(!site.path().join("public").exists(), "nor the real output");
    drop(server);
}

#[test]
fn serve_tells_open_pages_to_reload_after_a_rebuild() {
    let site = init_site("2026-03-02");
    let tmp = tempfile::tempdir().unwrap();
    let server = Server::start(site.path(), "2026-03-02", tmp.path());
    let (_, page) = server.get("/");
    let version: String = page
        .split("var v=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page knows its build")
        .to_string();

    let mut events = TcpStream::connect(("127.0.0.1", server.port)).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    write!(events, "GET /__gongshi/events HTTP/1.1\r\nHost: x\r\n\r\n").unwrap();
    let mut events = BufReader::new(events);
    let next_data = |events: &mut BufReader<TcpStream>| loop {
        let mut line = String::new();
        events.read_line(&mut line).unwrap();
        if let Some(value) = line.strip_prefix("data: ") {
            return value.trim().to_string();
        }
    };
    assert_eq!(
        next_data(&mut events),
        version,
        "first, the build now served"
    );

    let about = site.path().join("content/about.md");
    let text = std::fs::read_to_string(&about).unwrap();
    std::fs::write(&about, text + "\n新增一段。\n").unwrap();
    let next = next_data(&mut events);
    assert_ne!(
        next, version,
        "then a newer build, which makes the page reload"
    );
}

#[test]
fn serve_refuses_a_site_folder_that_is_not_there() {
    let tmp = tempfile::tempdir().unwrap();
    let output = gongshi(&[
        "serve",
        "--site",
        tmp.path().join("nothing").to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("is not a folder"),
        "{}",
        stderr(&output)
    );
}

// ---------------------------------------------------------------------------------------------
// report formats

fn attribute<'a>(node: roxmltree::Node<'a, '_>, name: &str) -> &'a str {
    node.attribute(name)
        .unwrap_or_else(|| panic!("{name} on {node:?}"))
}

#[test]
fn junit_has_a_case_per_task_and_quarter_and_fails_the_violations_and_invalid_rows() {
    let site = fixture("statuses");
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "junit"],
    );
    assert_eq!(output.status.code(), Some(1));
    let xml = stdout(&output);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let report = json(&gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "json"],
    ));
    let summary = &report["summary"];
    let items = report["items"].as_array().unwrap();

    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "testsuites");
    let cases: Vec<_> = root
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .collect();
    assert_eq!(cases.len(), items.len(), "one case per task and quarter");
    let failed: Vec<_> = cases
        .iter()
        .filter(|c| c.children().any(|n| n.has_tag_name("failure")))
        .collect();
    let expected = summary["violations"].as_u64().unwrap() + summary["rejected"].as_u64().unwrap();
    assert_eq!(failed.len() as u64, expected);
    assert_eq!(attribute(root, "failures"), expected.to_string());
    assert_eq!(attribute(root, "tests"), items.len().to_string());

    let case = |name: &str| {
        *cases
            .iter()
            .find(|c| c.attribute("name") == Some(name))
            .unwrap_or_else(|| panic!("a case {name}"))
    };
    let late = case("T-LATE");
    let failure = late.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(attribute(failure, "type"), "late");
    assert!(attribute(failure, "message").contains("2025-05-29"));
    assert_eq!(attribute(late, "file"), "data/tasks/2025 台账.csv");
    assert_eq!(attribute(late, "line"), "3");
    assert_eq!(
        attribute(
            case("T-OVERDUE")
                .children()
                .find(|n| n.has_tag_name("failure"))
                .unwrap(),
            "type"
        ),
        "overdue"
    );
    let bad = case("T-BADDATE");
    let failure = bad.children().find(|n| n.has_tag_name("failure")).unwrap();
    assert_eq!(attribute(failure, "type"), "invalid");
    assert!(failure.text().unwrap().contains("2025-02-30"));
    for passing in ["T-ONTIME", "T-EXCUSED", "T-DUE"] {
        assert!(
            !case(passing).children().any(|n| n.has_tag_name("failure")),
            "{passing} passes"
        );
    }
    assert!(
        case("T-INPROG")
            .children()
            .any(|n| n.has_tag_name("skipped"))
    );
    let q2 = case("2025Q2");
    assert_eq!(attribute(q2, "classname"), "gongshi.quarters");
    assert!(q2.children().any(|n| n.has_tag_name("failure")));
}

#[test]
fn junit_carries_hostile_text_as_text() {
    let site = minimal_with(
        "任务编号,检查对象名称,检查结束日期,检查结果\n\
         \"T-<x>&\"\"'\",\"<script>alert(1)</script>\",2025-02-30,未发现问题\n",
    );
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "junit"],
    );
    let xml = stdout(&output);
    let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{e}\n{xml}"));
    let names: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("testcase"))
        .filter_map(|n| n.attribute("name"))
        .collect();
    assert!(names.contains(&"T-<x>&\"'"), "{names:?}");
    assert!(!doc.descendants().any(|n| n.has_tag_name("script")));
}

#[test]
fn github_annotations_carry_file_and_line() {
    let site = fixture("statuses");
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "github"],
    );
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    let errors: Vec<&str> = text.lines().filter(|l| l.starts_with("::error ")).collect();
    assert!(
        errors.contains(
            &"::error file=data/tasks/2025 台账.csv,line=3,title=task T-LATE%3A late::task T-LATE: \
          result published 2025-06-03 (5 days after its deadline 2025-05-29) with no late_reason \
          in data/published.csv"
        ),
        "{text}"
    );
    let row_errors: Vec<&&str> = errors
        .iter()
        .filter(|l| l.contains("title=invalid row"))
        .collect();
    assert_eq!(row_errors.len(), 8);
    for line in &row_errors {
        assert!(
            line.starts_with("::error file=data/tasks/2025 台账.csv,line="),
            "{line}"
        );
    }
    assert!(text.contains("::warning file=data/tasks/2025 台账.csv,line=6,"));
    assert!(
        text.contains("FAILED: 5 missed deadline(s), 8 invalid row(s)"),
        "the report follows"
    );
}

#[test]
fn on_github_the_run_summary_gets_the_report_in_markdown() {
    let site = fixture("statuses");
    let summary = site.path().join("summary.md");
    std::fs::write(&summary, "earlier step\n").unwrap();
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .args(["check", "--as-of", AS_OF, "--format", "github", "--site"])
        .arg(site.path())
        .env("GITHUB_STEP_SUMMARY", &summary)
        .output()
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let text = std::fs::read_to_string(&summary).unwrap();
    assert!(
        text.starts_with("earlier step\n### gongshi"),
        "appended: {text}"
    );
    assert!(
        text.contains("| 20 | 5 | 2 | 1 | 2 | 1 | 1 | 8 | 0 |"),
        "{text}"
    );
    assert!(text.contains("| late task | T-LATE | 2025-05-29 | 5 | data/tasks/2025 台账.csv:3 |"));
    assert!(text.contains("| late quarter | 2025Q3 | 2025-10-13 | 28 |  |"));

    let plain = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--format", "json"],
    );
    assert_eq!(plain.status.code(), Some(1));
    assert_eq!(
        std::fs::read_to_string(&summary).unwrap(),
        text,
        "other formats leave the summary alone"
    );
}

#[test]
fn report_file_gets_the_format_and_the_terminal_the_text() {
    let site = fixture("statuses");
    let file = site.path().join("report.xml");
    let output = gongshi_in(
        site.path(),
        &[
            "check",
            "--as-of",
            AS_OF,
            "--report",
            file.to_str().unwrap(),
        ],
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).starts_with("gongshi report as of 2025-11-10"));
    let xml = std::fs::read_to_string(&file).unwrap();
    roxmltree::Document::parse(&xml).expect(".xml means JUnit");

    let file = site.path().join("report.json");
    gongshi_in(
        site.path(),
        &[
            "check",
            "--as-of",
            AS_OF,
            "--report",
            file.to_str().unwrap(),
        ],
    );
    let report: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&file).unwrap()).expect(".json means JSON");
    assert_eq!(report["summary"]["violations"], 5);

    let file = site.path().join("annotations.log");
    gongshi_in(
        site.path(),
        &[
            "check",
            "--as-of",
            AS_OF,
            "--format",
            "github",
            "--report",
            file.to_str().unwrap(),
        ],
    );
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .starts_with("::error ")
    );

    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--report", "report.dat"],
    );
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--format"), "{}", stderr(&output));
}

// ---------------------------------------------------------------------------------------------
// errors in context

#[test]
fn a_bad_cell_is_shown_in_its_row_with_a_marker_under_it() {
    let site = minimal_with(
        "任务编号,检查对象名称,检查结束日期,检查结果\nT-1,某公司,2025-09-31,未发现问题\n",
    );
    let output = gongshi_in(site.path(), &["check", "--as-of", AS_OF]);
    let text = stdout(&output);
    let lines: Vec<&str> = text.lines().collect();
    let at = lines
        .iter()
        .position(|l| l.contains("--> data/tasks/tasks.csv:2:"))
        .unwrap_or_else(|| panic!("the place: {text}"));
    assert!(lines[at - 1].contains("检查结束日期: \"2025-09-31\" does not exist"));
    let row = lines[at + 2];
    assert!(
        row.ends_with("2 | T-1,某公司,2025-09-31,未发现问题"),
        "{row}"
    );
    let marker = lines[at + 3];
    assert!(marker.ends_with("^^^^^^^^^^ 检查结束日期"), "{marker}");
    // Under the cell, counting 某公司 as the two columns each a terminal gives it.
    let cell = row.find("2025-09-31").unwrap();
    let width = |s: &str| {
        s.chars()
            .map(|c| if c.is_ascii() { 1 } else { 2 })
            .sum::<usize>()
    };
    assert_eq!(
        width(&marker[..marker.find('^').unwrap()]),
        width(&row[..cell])
    );
    assert!(!text.contains('\u{1b}'), "no colour when not a terminal");

    let coloured = gongshi_in(
        site.path(),
        &["check", "--as-of", AS_OF, "--color", "always"],
    );
    assert!(stdout(&coloured).contains("\u{1b}["), "colour when asked");
}

#[test]
fn a_fatal_error_in_a_task_file_shows_its_line() {
    let site = minimal_with(
        "任务编号,检查结束日期,检查结果\nT-1,2025-09-01,\"未发现问题\nT-2,2025-09-02,ok\n",
    );
    let output = gongshi_in(site.path(), &["check", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("--> data/tasks/tasks.csv:2:"), "{text}");
    assert!(text.contains("never closed"), "{text}");
}

#[test]
fn a_template_error_names_the_site_file_and_line() {
    let site = fixture("minimal");
    let dir = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("page.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n<p>{{ page.title }</p>\n{% endblock content %}\n",
    )
    .unwrap();
    let output = gongshi_in(site.path(), &["build", "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(
        text.contains("--> themes/default/templates/page.html:3:"),
        "{text}"
    );
}

#[test]
fn a_broken_template_fails_check_as_it_fails_build() {
    let site = fixture("minimal");
    let dir = site.path().join("themes/default/templates");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("task.html"),
        "{% extends \"base.html\" %}\n{% block content %}\n{% if %}\n{% endblock content %}\n",
    )
    .unwrap();
    let check = gongshi_in(site.path(), &["check", "--as-of", AS_OF]);
    let build = gongshi_in(site.path(), &["build", "--as-of", AS_OF, "--no-ledger"]);
    assert_eq!(check.status.code(), Some(2), "{}", stderr(&check));
    assert_eq!(build.status.code(), Some(2), "{}", stderr(&build));
    assert!(
        stderr(&check).contains("themes/default/templates/task.html"),
        "{}",
        stderr(&check)
    );
    assert_eq!(stderr(&check), stderr(&build));
    assert_eq!(stdout(&check), "");
    assert!(!site.path().join("public").exists());
}

// ---------------------------------------------------------------------------------------------
// calendar

const GOOD_2027: &str = r#"year = 2027
notice = "国务院办公厅关于2027年部分节假日安排的通知（示例）"
notice_date = 2026-11-10

[[holiday]]
name = "元旦"
days = ["2027-01-01/2027-01-03"]

[[holiday]]
name = "春节"
days = ["2027-02-06/2027-02-13"]
makeup_workdays = [2027-02-20]
"#;

#[test]
fn calendar_check_accepts_a_good_file_and_each_shipped_year() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2027.toml");
    std::fs::write(&file, GOOD_2027).unwrap();
    let output = gongshi(&["calendar", "check", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    assert!(stdout(&output).contains("OK"));
    assert!(stdout(&output).contains("2027-02-20 周六"));

    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("data/calendar");
    for entry in std::fs::read_dir(shipped).unwrap() {
        let path = entry.unwrap().path();
        let output = gongshi(&["calendar", "check", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}", stdout(&output));
    }
}

#[test]
fn calendar_check_names_every_mistake() {
    let bad = r#"year = 2027
notice = "国务院办公厅关于2027年部分节假日安排的通知"

[[holiday]]
name = "元旦"
days = ["2026-06-01", "2027-01-01/2027-01-03"]
makeup_workdays = [2027-01-04]

[[holiday]]
name = "春节"
days = ["2027-02-06/2027-02-13"]
makeup_workdays = [2027-02-06, 2027-02-20]

[[holiday]]
name = "清明节"
days = ["2027-02-20", "2027-04-05"]
"#;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("2027.toml");
    std::fs::write(&file, bad).unwrap();
    let output = gongshi(&["calendar", "check", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let text = stdout(&output);
    for expected in [
        "元旦: holiday 2026-06-01 is not in 2027",
        "元旦: make-up working day 2027-01-04 is a Mon, not a weekend day",
        "春节: 2027-02-06 is both a holiday and a make-up working day",
        "清明节: 2027-02-20 is both a holiday and a make-up working day (also under 春节)",
        "4 problem(s)",
    ] {
        assert!(text.contains(expected), "{expected}:\n{text}");
    }

    let misnamed = dir.path().join("2028.toml");
    std::fs::write(&misnamed, GOOD_2027).unwrap();
    let output = gongshi(&["calendar", "check", misnamed.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stdout(&output).contains("named 2028 but says year = 2027"));

    std::fs::write(
        &file,
        "year = 2027\nnotice = \"x\"\n[[holiday]]\nname = \"元旦\"\ndays = [\"2027-02-30\"]\n",
    )
    .unwrap();
    let output = gongshi(&["calendar", "check", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stdout(&output).contains("2027-02-30"),
        "{}",
        stdout(&output)
    );
}

#[test]
fn calendar_prints_a_year_with_its_notice() {
    let output = gongshi(&["calendar", "2026", "--site", "/nonexistent-site"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stdout(&output);
    assert!(text.contains("国务院办公厅关于2026年部分节假日安排的通知"));
    assert!(text.contains("built into gongshi"));
    assert!(text.contains("春节"));
    assert!(
        text.contains("off 2026-02-15 周日 – 2026-02-23 周一 (9 days)"),
        "{text}"
    );
    assert!(text.contains("make-up working days 2026-02-14 周六, 2026-02-28 周六"));
    // Hand count: 2026 has 261 weekdays; 19 of them are holidays (元旦 2, 春节 6, 清明 1,
    // 劳动节 3, 端午 1, 中秋 1, 国庆 5) and 6 weekend days are worked: 261 - 19 + 6.
    assert!(text.contains("248 working days in 2026"), "{text}");

    let missing = gongshi(&["calendar", "2031", "--site", "/nonexistent-site"]);
    assert_eq!(missing.status.code(), Some(2));
    assert!(stderr(&missing).contains("no working-day calendar for 2031"));
}

// ---------------------------------------------------------------------------------------------
// completions, man page, help

#[test]
fn completions_and_the_man_page_come_from_the_cli() {
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let output = gongshi(&["completions", shell]);
        assert_eq!(output.status.code(), Some(0), "{shell}");
        let text = stdout(&output);
        for command in ["serve", "init", "calendar", "as-of"] {
            assert!(text.contains(command), "{shell} completes {command}");
        }
    }
    let serve = stdout(&gongshi(&["man", "serve"]));
    assert!(serve.contains(".TH gongshi-serve"), "{serve}");
    assert!(serve.contains("\\-\\-port"), "{serve}");
    let unknown = gongshi(&["man", "nothing"]);
    assert_eq!(unknown.status.code(), Some(2));
    assert!(stderr(&unknown).contains("serve"), "lists the commands");
    let man = gongshi(&["man"]);
    let text = stdout(&man);
    assert!(
        text.starts_with(".ie") || text.contains(".TH gongshi"),
        "{text}"
    );
    assert!(text.contains("gongshi\\-serve") || text.contains("serve"));
}

#[test]
fn every_command_has_help_with_an_example() {
    let help = stdout(&gongshi(&["--help"]));
    assert!(help.contains("Examples:"));
    let commands = [
        vec!["build"],
        vec!["check"],
        vec!["serve"],
        vec!["init"],
        vec!["deadline"],
        vec!["deadline", "task"],
        vec!["deadline", "quarter"],
        vec!["calendar"],
        vec!["calendar", "check"],
        vec!["completions"],
        vec!["man"],
    ];
    for command in commands {
        let mut args = command.clone();
        args.push("--help");
        let output = gongshi(&args);
        assert_eq!(output.status.code(), Some(0), "{command:?}");
        let text = stdout(&output);
        assert!(text.contains("Examples:"), "{command:?} --help:\n{text}");
        assert!(
            text.contains("  gongshi "),
            "{command:?} --help shows a command line"
        );
    }
}

/// `gongshi --version` says which gongshi made a site: the version, the commit and the holiday
/// calendars built in (each year of `data/calendar/`, which the binary embeds).
#[test]
fn the_version_names_the_commit_and_the_calendars_built_in() {
    let output = gongshi(&["--version"]);
    assert_eq!(output.status.code(), Some(0));
    let text = stdout(&output);
    let mut years: Vec<String> =
        std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/data/calendar"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter_map(|name| name.strip_suffix(".toml").map(str::to_string))
            .collect();
    years.sort();
    let prefix = format!("gongshi {} (commit ", env!("CARGO_PKG_VERSION"));
    assert!(text.starts_with(&prefix), "{text}");
    let commit = text[prefix.len()..].split(';').next().unwrap();
    assert!(
        commit == "unknown"
            || (commit.len() == 12 && commit.chars().all(|c| c.is_ascii_hexdigit())),
        "{text}"
    );
    assert!(
        text.trim_end().ends_with(&format!(
            "holiday calendars built in: {})",
            years.join(", ")
        )),
        "{text}"
    );
}
