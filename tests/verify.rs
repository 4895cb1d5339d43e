//! `gongshi verify` through the real binary, against a "deployed" site served on 127.0.0.1: a
//! deploy with pages missing and stale is named page by page (exit 1), a complete one passes, one
//! that finishes while verify waits passes, a site that does not answer is said once (exit 2),
//! and a theme whose pages carry no fingerprint is refused before anything is asked.

mod common;

use std::path::Path;
use std::time::{Duration, Instant};

use common::{Server, copy_dir, gongshi_in, json, minimal_with, stderr, stdout};

const AS_OF: &str = "2025-10-09";
const TASKS: &str = "\
task_id,unit,category,matter,entity,credit_code,start,end,result,handling
M-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,2025-09-01,2025-09-02,未发现问题,
M-2,坪山管理局,重点监管对象,废水排放检查,坪山某五金厂,,2025-09-03,2025-09-04,发现问题经责令已改正,已责令改正
M-3,坪山管理局,一般监管对象,噪声排放检查,坪山某塑胶厂,,2025-09-05,2025-09-08,未发现问题,
";

/// A site built twice on `AS_OF`: `old/` holds the first build, `site/public/` the current one
/// (the site's title changed in between, which every page shows).
struct Built {
    site: tempfile::TempDir,
    old: tempfile::TempDir,
}

fn built() -> Built {
    let site = minimal_with(TASKS);
    let build = |site: &Path| {
        let output = gongshi_in(site, &["build", "--as-of", AS_OF]);
        assert!(
            output.status.code().is_some_and(|c| c < 2),
            "{}",
            stderr(&output)
        );
    };
    build(site.path());
    let old = tempfile::tempdir().unwrap();
    copy_dir(&site.path().join("public"), old.path());
    std::fs::write(
        site.path().join("gongshi.toml"),
        "[site]\ntitle = \"坪山管理局 双随机抽查结果公示\"\n",
    )
    .unwrap();
    build(site.path());
    Built { site, old }
}

impl Built {
    fn public(&self) -> std::path::PathBuf {
        self.site.path().join("public")
    }

    /// A copy of the current build, as a deploy left it.
    fn deployed(&self) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&self.public(), dir.path());
        dir
    }

    fn verify(&self, url: &str, args: &[&str]) -> std::process::Output {
        let mut all = vec!["verify", "--url", url, "--as-of", AS_OF];
        all.extend_from_slice(args);
        gongshi_in(self.site.path(), &all)
    }
}

/// Asserts the exit code, showing what gongshi said otherwise.
fn exits(output: &std::process::Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "{}{}",
        stdout(output),
        stderr(output)
    );
}

fn urls(report: &serde_json::Value, list: &str) -> Vec<String> {
    report[list]
        .as_array()
        .unwrap_or_else(|| panic!("no {list} in {report}"))
        .iter()
        .map(|p| p["url"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn a_deploy_with_pages_missing_and_stale_names_each_and_exits_1() {
    let built = built();
    let deployed = built.deployed();
    // One result's page never arrived; another is still the old build's.
    std::fs::remove_dir_all(deployed.path().join("tasks/m-1")).unwrap();
    let old_page = built.old.path().join("tasks/m-2/index.html");
    std::fs::copy(&old_page, deployed.path().join("tasks/m-2/index.html")).unwrap();
    let server = Server::start(deployed.path(), "/gongshi/");

    // Under a path prefix, given without its trailing slash.
    let output = built.verify(&server.url("/gongshi"), &["--format", "json"]);
    exits(&output, 1);
    let report = json(&output);
    let base = server.url("/gongshi/");
    assert_eq!(report["url"], base.as_str());
    assert_eq!(urls(&report, "missing"), [format!("{base}tasks/m-1/")]);
    assert_eq!(report["missing"][0]["status"], 404);
    assert_eq!(report["missing"][0]["id"], "M-1");
    assert_eq!(urls(&report, "stale"), [format!("{base}tasks/m-2/")]);
    assert_eq!(report["stale"][0]["id"], "M-2");
    // The old page carries the old build's fingerprint, which is named.
    let old_html = std::fs::read_to_string(&old_page).unwrap();
    let live = report["stale"][0]["live_fingerprint"].as_str().unwrap();
    assert!(old_html.contains(live), "{live} not in the old page");
    assert_ne!(report["stale"][0]["fingerprint"].as_str(), Some(live));
    // The home page, three results and the 2025Q3 summary; the other two are live.
    assert_eq!(
        (&report["checked"], &report["results"], &report["quarters"]),
        (&5.into(), &3.into(), &1.into())
    );
    assert_eq!(report["current"], 3);

    let output = built.verify(&server.url("/gongshi/"), &[]);
    exits(&output, 1);
    let text = stdout(&output);
    assert!(
        text.contains(&format!("{base}tasks/m-1/  result M-1: HTTP 404")),
        "{text}"
    );
    assert!(
        text.contains(&format!(
            "{base}tasks/m-2/  result M-2: another build's page"
        )),
        "{text}"
    );
    assert!(!text.contains("tasks/m-3/"), "{text}");
    assert!(
        text.contains("NOT LIVE: 1 page(s) missing, 1 stale"),
        "{text}"
    );
    assert!(text.contains("Do not commit data/published.csv"), "{text}");
    assert!(!text.contains("check that"), "{text}");

    // An address without the site's path: nothing answers as this site's page.
    let output = built.verify(&server.url("/"), &[]);
    exits(&output, 1);
    let text = stdout(&output);
    assert!(
        text.contains("NOT LIVE: 5 page(s) missing, 0 stale"),
        "{text}"
    );
    let hint = format!("check that {} is the site's address", server.url("/"));
    assert!(text.contains(&hint), "{text}");
}

#[test]
fn a_complete_deploy_passes_and_an_old_one_is_stale_throughout() {
    let built = built();
    let server = Server::start(&built.public(), "/");
    let output = built.verify(&server.url("/"), &[]);
    exits(&output, 0);
    assert!(
        stdout(&output).contains("LIVE: all 5 page(s)"),
        "{}",
        stdout(&output)
    );

    // The whole site still the previous build: every page is stale, the home page first.
    server.switch_to(built.old.path());
    let output = built.verify(&server.url("/"), &["--format", "json"]);
    exits(&output, 1);
    let report = json(&output);
    assert_eq!(report["current"], 0);
    let stale = urls(&report, "stale");
    assert_eq!(stale.len(), 5, "{stale:?}");
    assert_eq!(stale[0], server.url("/"));
    assert!(urls(&report, "missing").is_empty());

    // Only what the ledger says is published is checked: without it, the home page alone.
    std::fs::remove_file(built.site.path().join("data/published.csv")).unwrap();
    server.switch_to(&built.public());
    let output = built.verify(&server.url("/"), &["--format", "json"]);
    exits(&output, 0);
    let report = json(&output);
    assert_eq!(
        (&report["checked"], &report["results"]),
        (&1.into(), &0.into())
    );
}

#[test]
fn a_deploy_that_finishes_while_verify_waits_passes() {
    let built = built();
    let server = Server::start(built.old.path(), "/");
    let started = Instant::now();
    std::thread::scope(|scope| {
        scope.spawn(|| {
            std::thread::sleep(Duration::from_secs(2));
            server.switch_to(&built.public());
        });
        let output = built.verify(&server.url("/"), &["--wait", "60"]);
        exits(&output, 0);
    });
    assert!(
        started.elapsed() < Duration::from_secs(40),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn a_site_that_does_not_answer_is_said_once_and_exits_2() {
    let built = built();
    // A port nobody listens on.
    let port = std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port();
    let url = format!("http://127.0.0.1:{port}/gongshi/");
    let output = built.verify(&url, &[]);
    exits(&output, 2);
    let error = stderr(&output);
    assert_eq!(error.matches("cannot reach").count(), 1, "{error}");
    assert!(error.contains(&format!("cannot reach {url}")), "{error}");
    assert!(stdout(&output).is_empty(), "{}", stdout(&output));
}

#[test]
fn a_theme_whose_pages_carry_no_fingerprint_is_refused_before_any_request() {
    let built = built();
    let templates = built.site.path().join("themes/default/templates");
    std::fs::create_dir_all(&templates).unwrap();
    let base = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default/templates/base.html"),
    )
    .unwrap();
    let without: String = base
        .lines()
        .filter(|line| !line.contains("gongshi-fingerprint"))
        .map(|line| format!("{line}\n"))
        .collect();
    assert_ne!(without, base);
    std::fs::write(templates.join("base.html"), without).unwrap();
    // Nothing listens there: the theme is refused before anything is asked.
    let output = built.verify("http://127.0.0.1:9/", &[]);
    exits(&output, 2);
    let error = stderr(&output);
    assert!(
        error.contains("base.html") && !error.contains("cannot reach"),
        "{error}"
    );
}

#[test]
fn an_address_that_is_no_web_address_is_refused() {
    let built = built();
    for url in ["sthjj.example.gov.cn/gongshi/", "https://x.cn/?page=1"] {
        let output = built.verify(url, &[]);
        assert_eq!(output.status.code(), Some(2), "{url}: {}", stderr(&output));
        assert!(stderr(&output).contains("--url"), "{}", stderr(&output));
    }
    // Without --url, the site's base_url is asked for, and the default "/" is no address.
    let output = gongshi_in(built.site.path(), &["verify", "--as-of", AS_OF]);
    exits(&output, 2);
    assert!(stderr(&output).contains("give its public address with --url"));
}
