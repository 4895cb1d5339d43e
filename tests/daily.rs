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
        .env_remove("GONGSHI_BACKUPS")
        .env_remove("GONGSHI_LANG");
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
        // In Chinese, the script's default: "<target>：已复制 N 个文件（…），已删除 0 个，…".
        let at = run.find("：已复制 ").expect("deploy says what it copied") + "：已复制 ".len();
        run[at..].split(' ').next().unwrap().parse().unwrap()
    };
    assert_eq!(
        copied(runs[0]),
        served.len() - 1,
        "every file but the manifest"
    );
    assert!(served.contains_key(".gongshi-deploy"));
    assert_eq!(copied(runs[1]), 0, "{}", runs[1]);
    assert!(runs[1].contains("已删除 0 个"), "{}", runs[1]);
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

/// The quoted Chinese texts of a script: what it logs and notifies.
fn chinese_texts(script: &str) -> std::collections::BTreeSet<String> {
    let mut out = std::collections::BTreeSet::new();
    for line in script.lines() {
        for part in line.split('"').skip(1).step_by(2) {
            if part.contains("未发布") || part.contains("失败") {
                // The variables are spelt differently ($to, $To, {0}): keep the words.
                let words: String = part
                    .chars()
                    .filter(|c| !c.is_ascii_alphanumeric() && !"${}()-_ ".contains(*c))
                    .collect();
                out.insert(words);
            }
        }
    }
    out
}

/// PowerShell does not run on this machine (no .NET, and its packages come from GitHub and
/// NuGet, which it does not reach), so `gongshi-daily.ps1` is checked by reading: .ci/dist parses
/// it with tree-sitter-powershell, and this test holds it to the shell script's behaviour.
#[test]
fn the_powershell_script_does_what_the_shell_script_does() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/daily");
    let shell = std::fs::read_to_string(dir.join("gongshi-daily.sh")).unwrap();
    let powershell = std::fs::read_to_string(dir.join("gongshi-daily.ps1")).unwrap();
    for setting in [
        "GONGSHI_SITE",
        "GONGSHI_TO",
        "GONGSHI_NOTIFY",
        "GONGSHI_LOG",
        "GONGSHI_BACKUPS",
        "GONGSHI_LANG",
        "$env:GONGSHI)",
    ] {
        let plain = setting.trim_start_matches("$env:").trim_end_matches(')');
        assert!(shell.contains(plain), "the shell script reads {plain}");
        assert!(
            powershell.contains(setting),
            "the PowerShell script reads {setting}"
        );
    }
    // The same messages to people, in the same words.
    let said = chinese_texts(&shell);
    assert!(said.len() >= 5, "{said:?}");
    assert_eq!(chinese_texts(&powershell), said);
    // The same steps, in the same order: back up, build with --notify, deploy, log.
    let order = |script: &str, steps: &[&str]| {
        let at: Vec<usize> = steps
            .iter()
            .map(|s| script.find(s).unwrap_or_else(|| panic!("{s} missing")))
            .collect();
        assert!(at.windows(2).all(|w| w[0] < w[1]), "{steps:?} out of order");
    };
    order(
        &shell,
        &[
            "copy=$backups/published-$today.csv",
            "notify_args+=(--notify",
            "\"$gongshi\" build",
            "\"$gongshi\" deploy",
            "say \"done: published",
        ],
    );
    order(
        &powershell,
        &[
            "\"published-$today.csv\"",
            "@('--notify', $url)",
            "@('build'",
            "@('deploy'",
            "Say (\"done: published",
        ],
    );
    // Robot and generic JSON shapes, as gongshi's own --notify sends.
    for shape in [
        "msgtype",
        "content",
        "failed",
        "qyapi\\.weixin\\.qq\\.com",
        "oapi\\.dingtalk\\.com",
    ] {
        assert!(powershell.contains(shape), "{shape}");
    }
    // Exit codes: 0/1 from the build, 2 when not published.
    assert!(powershell.contains("exit 2") && powershell.contains("exit $built"));
}
