//! `--notify` through the real binary, against a server on 127.0.0.1 that keeps what it is
//! POSTed: a missed deadline is told in both shapes (the 企业微信/钉钉 robots' and the generic
//! JSON), in Chinese, with what to do; a missing calendar and a failed build are told too;
//! nothing is sent when all is well; a notification that cannot be sent is a warning that
//! leaves the exit code alone.

mod common;

use common::{Server, gongshi_in, minimal_with, stderr};

const TASKS: &str = "\
task_id,unit,category,matter,entity,credit_code,start,end,result,handling
M-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,2025-09-01,2025-09-02,未发现问题,
M-2,坪山管理局,重点监管对象,废水排放检查,坪山某五金厂,,2025-09-03,2025-09-04,发现问题经责令已改正,已责令改正
";

fn server() -> (Server, tempfile::TempDir) {
    let root = tempfile::tempdir().unwrap();
    (Server::start(root.path(), "/"), root)
}

fn json(body: &str) -> serde_json::Value {
    serde_json::from_str(body).unwrap_or_else(|e| panic!("{e}: {body}"))
}

#[test]
fn a_missed_deadline_is_told_to_a_robot_and_as_json() {
    let site = minimal_with(TASKS);
    let (server, _root) = server();
    let robot = format!("robot:{}", server.url("/robot/send?access_token=T"));
    let generic = server.url("/hook");
    let output = gongshi_in(
        site.path(),
        &[
            "check",
            "--as-of",
            "2025-12-01",
            "--notify",
            &robot,
            "--notify",
            &generic,
        ],
    );
    assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
    let posts = server.posts();
    assert_eq!(posts.len(), 2, "{posts:?}");

    let (path, body) = posts.iter().find(|(p, _)| p.starts_with("/robot")).unwrap();
    assert_eq!(path, "/robot/send?access_token=T");
    let body = json(body);
    assert_eq!(body["msgtype"], "text");
    let content = body["text"]["content"].as_str().unwrap();
    for said in [
        // The results and the quarter's summary, published only on the as-of day.
        "逾期/迟报 3 项",
        "数据截至 2025-12-01",
        "检查结果 M-1：期限 2025-09-26",
        "M-2",
        "季度汇总 2025Q3：期限 2025-10-13",
        "迟报",
        "late_reason",
        "请尽快公示",
    ] {
        assert!(content.contains(said), "{said} not in {content}");
    }

    let (_, body) = posts.iter().find(|(p, _)| p == "/hook").unwrap();
    let body = json(body);
    assert_eq!(body["as_of"], "2025-12-01");
    assert_eq!(body["violations"], 3);
    assert_eq!(body["errors"], 0);
    assert_eq!(body["failed"], false);
    assert!(body["title"].as_str().unwrap().contains("逾期/迟报 3 项"));
    assert_eq!(body["text"].as_str().unwrap(), content);
    assert!(body["site"].as_str().is_some_and(|s| !s.is_empty()));
}

#[test]
fn nothing_is_sent_when_all_is_well() {
    let site = minimal_with(TASKS);
    let (server, _root) = server();
    let output = gongshi_in(
        site.path(),
        &[
            "check",
            "--as-of",
            "2025-09-10",
            "--notify",
            &server.url("/hook"),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(server.posts(), []);
}

#[test]
fn a_missing_calendar_for_next_year_is_told() {
    let site = minimal_with(
        "task_id,unit,category,matter,entity,credit_code,start,end,result,handling\n\
         M-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,\
         2026-11-16,2026-11-17,未发现问题,\n",
    );
    let (server, _root) = server();
    let output = gongshi_in(
        site.path(),
        &[
            "check",
            "--as-of",
            "2026-11-20",
            "--notify",
            &server.url("/hook"),
        ],
    );
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let posts = server.posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    let body = json(&posts[0].1);
    assert_eq!(body["calendar_years"], serde_json::json!([2027]));
    let text = body["text"].as_str().unwrap();
    assert!(text.contains("2027年节假日安排尚未添加"), "{text}");
    assert!(text.contains("data/calendar/2027.toml"), "{text}");
}

#[test]
fn a_failed_build_is_told() {
    let site = minimal_with(TASKS);
    std::fs::write(site.path().join("gongshi.toml"), "[site\n").unwrap();
    let (server, _root) = server();
    let robot = format!("robot:{}", server.url("/robot"));
    let output = gongshi_in(
        site.path(),
        &[
            "build",
            "--no-ledger",
            "--as-of",
            "2025-12-01",
            "--notify",
            &robot,
        ],
    );
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    let posts = server.posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    let content = json(&posts[0].1)["text"]["content"]
        .as_str()
        .unwrap()
        .to_string();
    assert!(content.contains("gongshi build 失败"), "{content}");
    assert!(content.contains("gongshi.toml"), "{content}");
}

#[test]
fn a_notification_not_sent_is_a_warning_only() {
    // A port nothing listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let site = minimal_with(TASKS);
    let url = format!("http://127.0.0.1:{port}/hook?key=SECRET");
    let output = gongshi_in(
        site.path(),
        &["check", "--as-of", "2025-12-01", "--notify", &url],
    );
    assert_eq!(output.status.code(), Some(1));
    let said = stderr(&output);
    assert!(said.contains("warning: --notify"), "{said}");
    assert!(!said.contains("SECRET"), "the key was shown: {said}");
}

#[test]
fn an_address_that_is_no_url_is_refused() {
    let site = minimal_with(TASKS);
    let output = gongshi_in(site.path(), &["check", "--notify", "qyapi.weixin.qq.com"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--notify"), "{}", stderr(&output));
}
