//! `examples/daily/gongshi-daily.sh`, the daily run for a bureau without CI, run as cron would:
//! against a fake "server" folder, twice; with a ledger overwritten by an older copy; with a
//! deploy that fails. Notifications go to a server on 127.0.0.1.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::*;

fn script() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/daily/gongshi-daily.sh")
}

fn has(program: &str) -> bool {
    Command::new("sh")
        .args(["-c", &format!("command -v {program}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

/// Runs the script on `site`, publishing to `to`, on 2025-09-10 (both tasks of the minimal
/// fixture published on time that day, the quarter still open: nothing missed).
fn daily(site: &Path, to: &Path, notify: Option<&str>) -> Output {
    let mut command = Command::new("bash");
    command
        .arg(script())
        .env("GONGSHI", env!("CARGO_BIN_EXE_gongshi"))
        .env("GONGSHI_TODAY", "2025-09-10")
        .env("GONGSHI_SITE", site)
        .env("GONGSHI_TO", to)
        .env_remove("GONGSHI_NOTIFY")
        .env_remove("GONGSHI_LOG")
        .env_remove("GONGSHI_BACKUPS");
    if let Some(url) = notify {
        command.env("GONGSHI_NOTIFY", url);
    }
    command.output().expect("bash runs")
}

fn log(site: &Path) -> String {
    std::fs::read_to_string(site.join("logs/gongshi-daily.log")).unwrap()
}

#[test]
fn two_daily_runs_publish_once_and_then_copy_nothing() {
    let site = fixture("minimal");
    let server = tempfile::tempdir().unwrap();
    let first = daily(site.path(), server.path(), None);
    assert_eq!(first.status.code(), Some(0), "{}", log(site.path()));
    assert!(server.path().join("index.html").exists());
    assert!(server.path().join("tasks/m-1/index.html").exists());
    let ledger = std::fs::read_to_string(site.path().join("data/published.csv")).unwrap();
    assert!(ledger.contains("task,M-1,2025-09-10,"), "{ledger}");
    let served = tree(server.path());

    let second = daily(site.path(), server.path(), None);
    assert_eq!(second.status.code(), Some(0), "{}", log(site.path()));
    let log = log(site.path());
    let runs: Vec<&str> = log.split("== run:").skip(1).collect();
    assert_eq!(runs.len(), 2, "a block per run: {log}");
    let copied = |run: &str| -> usize {
        let at = run.find(": copied ").expect("deploy says what it copied") + ": copied ".len();
        run[at..].split(' ').next().unwrap().parse().unwrap()
    };
    assert_eq!(
        copied(runs[0]),
        served.len() - 1,
        "every file but the manifest"
    );
    assert!(served.contains_key(".gongshi-deploy"));
    assert_eq!(copied(runs[1]), 0, "{}", runs[1]);
    assert!(runs[1].contains("removed 0"), "{}", runs[1]);
    assert_eq!(
        tree(server.path()),
        served,
        "the second run changed nothing there"
    );
    // The ledger the second run started from was kept, dated.
    let copies: Vec<String> = std::fs::read_dir(site.path().join("backups"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(copies.len(), 1, "{copies:?}");
    assert!(copies[0].starts_with("published-") && copies[0].ends_with(".csv"));
    assert_eq!(
        std::fs::read_to_string(site.path().join("backups").join(&copies[0])).unwrap(),
        ledger
    );
}

#[test]
fn a_ledger_shorter_than_its_copy_stops_the_run_and_says_so() {
    if !has("curl") {
        eprintln!("curl is not installed: the notification is not checked");
        return;
    }
    let site = fixture("minimal");
    let server = tempfile::tempdir().unwrap();
    assert_eq!(
        daily(site.path(), server.path(), None).status.code(),
        Some(0)
    );
    // The second run keeps a copy of the ledger as the first run left it ...
    assert_eq!(
        daily(site.path(), server.path(), None).status.code(),
        Some(0)
    );
    // ... and then someone puts an older ledger back.
    let ledger = site.path().join("data/published.csv");
    std::fs::write(&ledger, "kind,id,published_on,late_reason,digest\n").unwrap();
    let before = tree(server.path());
    let hooks = tempfile::tempdir().unwrap();
    let robot = Server::start(hooks.path(), "/");
    let url = format!("robot:{}", robot.url("/hook"));
    let output = daily(site.path(), server.path(), Some(&url));
    assert_eq!(output.status.code(), Some(2), "{}", log(site.path()));
    assert_eq!(tree(server.path()), before, "nothing published");
    assert_eq!(
        std::fs::read_to_string(&ledger).unwrap(),
        "kind,id,published_on,late_reason,digest\n",
        "the build did not run on the shorter ledger"
    );
    assert!(log(site.path()).contains("FAILED: 公示台账 data/published.csv 比备份"));
    let posts = robot.posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    let body: serde_json::Value = serde_json::from_str(&posts[0].1).unwrap();
    assert_eq!(body["msgtype"], "text");
    let content = body["text"]["content"].as_str().unwrap();
    assert!(content.contains("台账只会增加"), "{content}");
    assert!(content.contains("未发布"), "{content}");
}

#[test]
fn a_failed_deploy_is_logged_and_told() {
    if !has("curl") {
        eprintln!("curl is not installed: the notification is not checked");
        return;
    }
    let site = fixture("minimal");
    let hooks = tempfile::tempdir().unwrap();
    let robot = Server::start(hooks.path(), "/");
    let url = format!("json:{}", robot.url("/hook"));
    // Inside the output folder: deploy refuses it (the next build would replace it).
    let inside = site.path().join("public/copy");
    let output = daily(site.path(), &inside, Some(&url));
    assert_eq!(output.status.code(), Some(2), "{}", log(site.path()));
    let log = log(site.path());
    assert!(log.contains("gongshi build: exit 0"), "{log}");
    assert!(log.contains("gongshi deploy: exit 2"), "{log}");
    let posts = robot.posts();
    assert_eq!(posts.len(), 1, "{posts:?}");
    let body: serde_json::Value = serde_json::from_str(&posts[0].1).unwrap();
    assert_eq!(body["failed"], true);
    assert!(
        body["text"]
            .as_str()
            .unwrap()
            .contains("网站已生成，但发布到"),
        "{body}"
    );
}
