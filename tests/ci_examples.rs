//! The CI examples in examples/ci/ (also shown in README.md): valid YAML of the expected shape,
//! and their shell steps, run with `bash -e` through the real binary on real sites, do what
//! their comments say: publish on gongshi's exit 0 or 1, stop on 2, check with `gongshi verify`
//! that the deployed site is live (served on 127.0.0.1), push the ledger to the remote (a local
//! bare repository: no network) only then, and fail the verdict on a missed deadline or a site
//! that is not live.

mod common;

use std::collections::HashMap;
use std::ffi::OsStr;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use common::{Server, copy_dir, gongshi, stderr, stdout};
use yaml_rust2::{Yaml, YamlLoader};

const GITHUB: &str = "examples/ci/github-actions.yml";
const GITLAB: &str = "examples/ci/gitlab-ci.yml";
const JUNIT: &str = "gongshi-report.xml";
const INSTALL: &str =
    "cargo install --locked --git https://example.com/your-org/gongshi.git gongshi";
/// Where the GitLab example pushes, given the CI variables `run_gitlab` sets; git rewrites it to
/// the local bare remote (`url.<remote>.insteadOf`), and https is refused outright.
const GITLAB_PUSH_URL: &str = "https://ledger:test-token@gitlab.example.com/web/site.git";
/// Runs an example's shell steps on a site as its CI service would.
type RunCi = fn(&Repo) -> Run;
const CIS: [(&str, RunCi); 2] = [("github", run_github), ("gitlab", run_gitlab)];

fn repo_path(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn example(path: &str) -> (String, Yaml) {
    let text = std::fs::read_to_string(repo_path(path)).unwrap();
    let mut docs = YamlLoader::load_from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    assert_eq!(docs.len(), 1, "{path}: one YAML document");
    (text, docs.remove(0))
}

fn seq(yaml: &Yaml) -> &[Yaml] {
    yaml.as_vec().map_or(&[], Vec::as_slice)
}

fn strs(yaml: &Yaml) -> Vec<&str> {
    seq(yaml).iter().filter_map(Yaml::as_str).collect()
}

/// A site folder that is a git repository on `main`, pushed to `origin`, a local bare remote;
/// and the host it is deployed to: a server on 127.0.0.1 that serves what the last deploy put
/// in `served`, under `/site/` (as Pages serves a project).
struct Repo {
    tmp: tempfile::TempDir,
    site: PathBuf,
    remote: PathBuf,
    as_of: &'static str,
    served: PathBuf,
    server: Server,
    /// Whether a deploy puts the site online (or fails, leaving the host as it was).
    deploy_works: bool,
}

fn git(dir: &Path, args: &[&str]) -> String {
    let output = Command::new("git")
        .current_dir(dir)
        .args(["-c", "user.name=test", "-c", "user.email=test@example.com"])
        .args(args)
        .env("GIT_CONFIG_GLOBAL", "/dev/null")
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .output()
        .unwrap();
    assert!(output.status.success(), "git {args:?}: {}", stderr(&output));
    stdout(&output)
}

fn repo(as_of: &'static str, make_site: impl FnOnce(&Path)) -> Repo {
    let tmp = tempfile::tempdir().unwrap();
    let (site, remote) = (tmp.path().join("site"), tmp.path().join("remote.git"));
    make_site(&site);
    let origin = remote.to_str().unwrap();
    git(tmp.path(), &["init", "-q", "--bare", "-b", "main", origin]);
    git(&site, &["init", "-q", "-b", "main"]);
    git(&site, &["add", "-A"]);
    git(&site, &["commit", "-q", "-m", "site"]);
    git(&site, &["remote", "add", "origin", origin]);
    git(&site, &["push", "-q", "origin", "main"]);
    std::fs::create_dir(tmp.path().join("home")).unwrap();
    let served = tmp.path().join("served");
    std::fs::create_dir(&served).unwrap();
    let server = Server::start(&served, "/site/");
    Repo {
        tmp,
        site,
        remote,
        as_of,
        served,
        server,
        deploy_works: true,
    }
}

/// examples/missed-deadline (two violations as of 2025-12-01), plus an inspection finished last
/// week and published today, on time: a red build that still records a first publication.
fn missed_deadline_site(config_prefix: &str) -> Repo {
    repo("2025-12-01", |site| {
        copy_dir(&repo_path("examples/missed-deadline"), site);
        prepend(&site.join("gongshi.toml"), config_prefix);
        let tasks = site.join("data/tasks/tasks.csv");
        let mut csv = std::fs::read_to_string(&tasks).unwrap();
        csv += "EX-2025-Q4-0001,坪山管理局执法二队,一般监管对象,对排污单位排放污染物情况的检查,\
                深圳市晟越电子有限公司,91440310MA5D693U37,2025-11-27,2025-11-27,未发现问题,\n";
        std::fs::write(tasks, csv).unwrap();
    })
}

/// A new site from `gongshi init`, all on time, with no ledger yet.
fn init_site() -> Repo {
    repo("2026-03-02", |site| {
        let output = gongshi(&["init", site.to_str().unwrap(), "--as-of", "2026-03-02"]);
        assert!(output.status.success(), "{}", stderr(&output));
    })
}

fn prepend(file: &Path, text: &str) {
    let rest = std::fs::read_to_string(file).unwrap();
    std::fs::write(file, format!("{text}{rest}")).unwrap();
}

impl Repo {
    /// Runs a CI shell step as the runners do (`bash -e`), with the gongshi under test first on
    /// PATH. The examples build for today, as written; the test pins the day with
    /// `GONGSHI_TODAY`.
    fn bash<K: AsRef<OsStr>, V: AsRef<OsStr>>(
        &self,
        script: &str,
        dir: &Path,
        env: &[(K, V)],
    ) -> Output {
        let bin = Path::new(env!("CARGO_BIN_EXE_gongshi")).parent().unwrap();
        let path = format!("{}:{}", bin.display(), std::env::var("PATH").unwrap());
        let home = self.tmp.path().join("home");
        let insteadof = format!("url.{}.insteadOf", self.remote.display());
        let hermetic_git = [
            ("GIT_CONFIG_GLOBAL", "/dev/null"),
            ("GIT_CONFIG_NOSYSTEM", "1"),
            ("GIT_CONFIG_COUNT", "2"),
            ("GIT_CONFIG_KEY_0", "protocol.https.allow"),
            ("GIT_CONFIG_VALUE_0", "never"),
            ("GIT_CONFIG_KEY_1", &insteadof),
            ("GIT_CONFIG_VALUE_1", GITLAB_PUSH_URL),
        ];
        Command::new("bash")
            .args(["-e", "-c", script])
            .current_dir(dir)
            .env_clear()
            .envs([
                ("PATH", path.as_str()),
                ("HOME", home.to_str().unwrap()),
                ("GONGSHI_TODAY", self.as_of),
            ])
            .envs(hermetic_git)
            .envs(env.iter().map(|(k, v)| (k, v)))
            .output()
            .unwrap()
    }

    /// The site as a CI job checks it out: the remote's main, and nothing a run left behind
    /// (the built site, caches, a ledger written but not committed).
    fn fresh_checkout(&self) {
        git(&self.site, &["fetch", "-q", "origin"]);
        git(&self.site, &["reset", "-q", "--hard", "origin/main"]);
        git(&self.site, &["clean", "-q", "-fdx"]);
    }

    /// What the Pages deployment does with the site built in `public/`: replaces the site on
    /// the host with it, unless the deploy fails. Returns the site's address.
    fn deploy(&self) -> String {
        if self.deploy_works {
            std::fs::remove_dir_all(&self.served).unwrap();
            copy_dir(&self.site.join("public"), &self.served);
        }
        self.server.url("/site/")
    }

    /// How many commits the remote's main has: 1 is the site as set up.
    fn remote_commits(&self) -> String {
        git(&self.remote, &["rev-list", "--count", "main"])
    }
}

fn log_of(output: &Output) -> String {
    stdout(output) + &stderr(output)
}

/// What a CI run did: whether the build job succeeded (GitHub: built, deployed, verified and
/// kept the ledger; GitLab: built, and so was deployed), its log, and the verdict job's
/// success, or None when the CI would not have run it.
#[derive(Default)]
struct Run {
    build_ok: bool,
    log: String,
    verdict_ok: Option<bool>,
}

/// A step's script as the tests run it: `gongshi verify --wait N` waits for nothing, since the
/// test's deploy is done (or has failed for good) before verify starts.
fn without_waiting(script: &str) -> String {
    let Some(at) = script.find("--wait ") else {
        return script.to_string();
    };
    let digits = at + "--wait ".len();
    let end = digits
        + script[digits..]
            .find(|c: char| !c.is_ascii_digit())
            .unwrap_or(script.len() - digits);
    format!("{}--wait 0{}", &script[..at], &script[end..])
}

/// A step's `env:`, its `${{ }}` expressions replaced by their values.
fn step_env(step: &Yaml, values: &HashMap<String, String>) -> Vec<(String, String)> {
    let env = step["env"].as_hash().into_iter().flatten();
    env.map(|(k, v)| {
        (
            k.as_str().unwrap().to_string(),
            expand(v.as_str().unwrap(), values),
        )
    })
    .collect()
}

/// `${{ name }}` expressions replaced by their values (missing ones are empty, as on GitHub).
fn expand(text: &str, values: &HashMap<String, String>) -> String {
    let mut text = text.to_string();
    while let Some(start) = text.find("${{") {
        let end = start + text[start..].find("}}").unwrap() + 2;
        let value = values.get(text[start + 3..end - 2].trim()).cloned();
        text.replace_range(start..end, &value.unwrap_or_default());
    }
    text
}

fn run_github(repo: &Repo) -> Run {
    repo.fresh_checkout();
    let (_, doc) = example(GITHUB);
    let (mut values, mut run) = (HashMap::new(), Run::default());
    let output_file = repo.tmp.path().join("github_output");
    for step in seq(&doc["jobs"]["build"]["steps"]) {
        let id = step["id"].as_str().unwrap_or_default();
        if step["uses"]
            .as_str()
            .is_some_and(|uses| uses.starts_with("actions/deploy-pages@"))
        {
            values.insert(format!("steps.{id}.outputs.page_url"), repo.deploy());
            continue;
        }
        // Other `uses:` steps: checkout is the repo itself, upload-pages-artifact is checked in
        // shape.
        let Some(script) = step["run"].as_str().filter(|s| !s.contains(INSTALL)) else {
            continue;
        };
        assert!(!script.contains("${{"), "steps read their values from env");
        std::fs::write(&output_file, "").unwrap();
        let mut env = vec![
            (
                "GITHUB_OUTPUT".to_string(),
                output_file.to_str().unwrap().to_string(),
            ),
            ("GITHUB_REF_NAME".to_string(), "main".to_string()),
        ];
        env.extend(step_env(step, &values));
        let output = repo.bash(&without_waiting(script), &repo.site, &env);
        run.log += &log_of(&output);
        for line in std::fs::read_to_string(&output_file).unwrap().lines() {
            let (name, value) = line.split_once('=').unwrap();
            values.insert(format!("steps.{id}.outputs.{name}"), value.to_string());
        }
        run.build_ok = output.status.success();
        if !run.build_ok {
            break; // no step has an `if:`, so GitHub skips every later one
        }
    }
    for (name, expr) in doc["jobs"]["build"]["outputs"].as_hash().unwrap() {
        let name = format!("needs.build.outputs.{}", name.as_str().unwrap());
        values.insert(name, expand(expr.as_str().unwrap(), &values));
    }
    let result = if run.build_ok { "success" } else { "failure" };
    values.insert("needs.build.result".into(), result.into());
    // The verdict job has `if: always()` (checked in shape): it runs whatever happened before.
    run.verdict_ok = Some(true);
    for step in seq(&doc["jobs"]["verdict"]["steps"]) {
        let script = step["run"].as_str().unwrap();
        assert!(!script.contains("${{"), "verdict reads its values from env");
        let output = repo.bash(script, repo.tmp.path(), &step_env(step, &values));
        run.log += &log_of(&output);
        let step_ok = output.status.success();
        run.verdict_ok = run.verdict_ok.map(|ok| ok && step_ok);
    }
    run
}

fn gitlab_script(job: &Yaml) -> String {
    let mut lines = strs(&job["script"]);
    lines.retain(|line| !line.contains(INSTALL));
    lines.join("\n")
}

fn run_gitlab(repo: &Repo) -> Run {
    repo.fresh_checkout();
    let (_, doc) = example(GITLAB);
    let env = [
        ("CI_COMMIT_BRANCH", "main"),
        ("CI_SERVER_HOST", "gitlab.example.com"),
        ("CI_PROJECT_PATH", "web/site"),
        ("LEDGER_PUSH_TOKEN", "test-token"),
    ];
    let output = repo.bash(&gitlab_script(&doc["pages"]), &repo.site, &env);
    let mut run = Run::default();
    (run.build_ok, run.log) = (output.status.success(), log_of(&output));
    // GitLab deploys the site of a successful pages job. The verify and verdict jobs run only
    // after it (their `needs`), each in a fresh checkout with the pages job's artifacts.
    if !run.build_ok {
        return run;
    }
    let pages_url = repo.deploy();
    let with_artifacts = |checkout: &Path| {
        for path in strs(&doc["pages"]["artifacts"]["paths"]) {
            match repo.site.join(path) {
                dir if dir.is_dir() => copy_dir(&dir, &checkout.join(path)),
                file if file.is_file() => drop(std::fs::copy(file, checkout.join(path))),
                _ => {}
            }
        }
    };
    let checkout = repo.tmp.path().join("verify-checkout");
    let origin = repo.remote.to_str().unwrap();
    git(
        repo.tmp.path(),
        &["clone", "-q", origin, checkout.to_str().unwrap()],
    );
    with_artifacts(&checkout);
    // GitLab's address has no trailing slash.
    let pages_url = pages_url.trim_end_matches('/').to_string();
    let mut verify_env: Vec<(&str, &str)> = env.to_vec();
    verify_env.push(("CI_PAGES_URL", &pages_url));
    let script = without_waiting(&gitlab_script(&doc["verify"]));
    let output = repo.bash(&script, &checkout, &verify_env);
    run.log += &log_of(&output);
    let verified = output.status.success();
    std::fs::remove_dir_all(&checkout).unwrap();

    let fresh = tempfile::tempdir_in(repo.tmp.path()).unwrap();
    with_artifacts(fresh.path());
    let output = repo.bash(&gitlab_script(&doc["verdict"]), fresh.path(), &env);
    run.log += &log_of(&output);
    // The pipeline is green only when every job is.
    run.verdict_ok = Some(output.status.success() && verified);
    run
}

fn junit_failures(repo: &Repo) -> usize {
    let xml = std::fs::read_to_string(repo.site.join(JUNIT)).unwrap();
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let failures = doc.descendants().filter(|n| n.has_tag_name("failure"));
    failures.count()
}

#[test]
fn the_github_example_has_the_expected_shape() {
    let (_, doc) = example(GITHUB);
    assert_eq!(strs(&doc["on"]["push"]["branches"]), ["main"]);
    assert!(doc["on"]["schedule"][0]["cron"].as_str().is_some());
    assert_eq!(doc["permissions"]["contents"].as_str(), Some("write"));
    let jobs = &doc["jobs"];
    let steps = seq(&jobs["build"]["steps"]);
    // No step has an `if:`: a failed one (gongshi's exit 2) skips every later one.
    assert!(steps.iter().all(|s| s["if"].is_badvalue()));
    let step = |key: &str, text: &str| {
        let has = |s: &Yaml| s[key].as_str().is_some_and(|v| v.contains(text));
        let found = steps.iter().position(has);
        found.unwrap_or_else(|| panic!("no build step with {key}: {text}"))
    };
    assert_eq!(step("uses", "actions/checkout@"), 0);
    assert!(step("run", INSTALL) < step("run", "gongshi build --format github"));
    let upload = step("uses", "actions/upload-pages-artifact@");
    assert!(step("run", "gongshi build") < upload);
    assert_eq!(steps[upload]["with"]["path"].as_str(), Some("public"));
    // Deployed, then verified, and only then is the ledger kept.
    let deploy = step("uses", "actions/deploy-pages@");
    assert!(upload < deploy);
    let verify = step("run", "gongshi verify --url \"$PAGE_URL\" --wait");
    assert!(deploy < verify && verify < step("run", "git push"));
    let url = steps[verify]["env"]["PAGE_URL"].as_str();
    let deployment = steps[deploy]["id"].as_str().unwrap();
    assert_eq!(
        url,
        Some(&*format!("${{{{ steps.{deployment}.outputs.page_url }}}}"))
    );
    assert_eq!(
        jobs["build"]["environment"]["name"].as_str(),
        Some("github-pages")
    );
    assert_eq!(strs(&jobs["verdict"]["needs"]), ["build"]);
    assert_eq!(jobs["verdict"]["if"].as_str(), Some("always()"));
}

#[test]
fn the_gitlab_example_has_the_expected_shape() {
    let (text, doc) = example(GITLAB);
    assert!(text.contains("CI/CD → Schedules") && text.contains("LEDGER_PUSH_TOKEN"));
    let stages = strs(&doc["stages"]);
    let stage = |job: &str| doc[job]["stage"].as_str().unwrap();
    let order = |job| stages.iter().position(|s| *s == stage(job)).unwrap();
    assert!(
        order("pages") < order("verify") && order("verify") < order("verdict"),
        "publish, verify, then the verdict"
    );
    let artifacts = &doc["pages"]["artifacts"];
    let paths = strs(&artifacts["paths"]);
    for path in [
        "public",
        "data/published.csv",
        "data/published-records.jsonl",
    ] {
        assert!(paths.contains(&path), "{path} in {paths:?}");
    }
    // The ledger is committed by the verify job, after gongshi verify, never by the pages job.
    assert!(!gitlab_script(&doc["pages"]).contains("git "));
    let verify = gitlab_script(&doc["verify"]);
    let at = |text: &str| {
        verify
            .find(text)
            .unwrap_or_else(|| panic!("{text} in {verify}"))
    };
    assert!(at("gongshi verify --url \"$CI_PAGES_URL\" --wait") < at("git push"));
    assert_eq!(strs(&doc["verify"]["needs"]), ["pages"]);
    assert_eq!(artifacts["reports"]["junit"].as_str(), Some(JUNIT));
    assert_eq!(artifacts["when"].as_str(), Some("always"));
    assert!(strs(&doc["pages"]["script"]).contains(&INSTALL));
    let build = format!("gongshi build --format junit --report {JUNIT}");
    assert!(gitlab_script(&doc["pages"]).contains(&build));
    assert_eq!(strs(&doc["verdict"]["needs"]), ["pages"]);
}

#[test]
fn a_missed_deadline_publishes_everything_valid_keeps_the_ledger_and_fails_the_verdict() {
    for (ci, run) in CIS {
        let repo = missed_deadline_site("");
        let run = run(&repo);
        let log = format!("{ci}:\n{}", run.log);
        assert!(run.build_ok, "exit 1 still publishes, {log}");
        assert!(repo.site.join("public/index.html").is_file(), "{log}");
        let mut tasks = csv::Reader::from_path(repo.site.join("data/tasks/tasks.csv")).unwrap();
        for task in tasks.records().map(Result::unwrap) {
            let page = format!("public/tasks/{}/index.html", task[0].to_lowercase());
            let has_result = !task[8].is_empty(); // only EX-2025-Q3-0012 has none yet
            assert_eq!(repo.site.join(&page).is_file(), has_result, "{page}, {log}");
        }
        if ci == "github" {
            assert!(log.contains("::error file=data/tasks/tasks.csv"), "{log}");
        } else {
            assert_eq!(junit_failures(&repo), 2, "both violations, {log}");
        }
        // One new commit on the remote, with the ledger and the archive only, and today's
        // publication in them.
        assert_eq!(repo.remote_commits(), "2\n", "{log}");
        let changed = git(&repo.remote, &["diff", "--name-only", "main~1", "main"]);
        assert_eq!(
            changed, "data/published-records.jsonl\ndata/published.csv\n",
            "{log}"
        );
        let ledger = git(&repo.remote, &["show", "main:data/published.csv"]);
        let new_row = "\ntask,EX-2025-Q4-0001,2025-12-01,";
        assert!(ledger.contains(new_row), "{ledger}");
        assert_eq!(run.verdict_ok, Some(false), "the pipeline goes red, {log}");
        assert!(log.contains("deadline was missed"), "{log}");
    }
}

#[test]
fn a_clean_site_publishes_keeps_the_ledger_passes_and_commits_no_unchanged_ledger() {
    for (ci, run) in CIS {
        let repo = init_site();
        for attempt in ["first run", "second run"] {
            let run = run(&repo);
            let log = format!("{ci}, {attempt}:\n{}", run.log);
            assert_eq!((run.build_ok, run.verdict_ok), (true, Some(true)), "{log}");
            assert!(repo.site.join("public/index.html").is_file(), "{log}");
            // The first run records 4 publications; the second changes nothing, commits nothing.
            assert_eq!(repo.remote_commits(), "2\n", "{log}");
            let ledger = git(&repo.remote, &["show", "main:data/published.csv"]);
            assert_eq!(ledger.matches("\ntask,").count(), 4, "{ledger}");
        }
    }
}

#[test]
fn a_failed_deploy_keeps_no_ledger_fails_the_run_and_the_next_run_keeps_it() {
    for (ci, run) in CIS {
        let mut repo = init_site();
        repo.deploy_works = false;
        let failed = run(&repo);
        let log = format!("{ci}, deploy failed:\n{}", failed.log);
        assert!(log.contains("NOT LIVE"), "verify said so, {log}");
        assert!(log.contains("/site/tasks/"), "naming the pages, {log}");
        assert_eq!(repo.remote_commits(), "1\n", "no ledger pushed, {log}");
        assert_eq!(failed.verdict_ok, Some(false), "the run is red, {log}");
        if ci == "github" {
            assert!(log.contains("not confirmed live"), "{log}");
        }

        // The next run, its deploy working, publishes and keeps the ledger.
        repo.deploy_works = true;
        let next = run(&repo);
        let log = format!("{ci}, next run:\n{}", next.log);
        assert_eq!(
            (next.build_ok, next.verdict_ok),
            (true, Some(true)),
            "{log}"
        );
        assert!(log.contains("LIVE: all"), "{log}");
        assert_eq!(repo.remote_commits(), "2\n", "{log}");
        let ledger = git(&repo.remote, &["show", "main:data/published.csv"]);
        assert_eq!(ledger.matches("\ntask,").count(), 4, "{ledger}");
    }
}

#[test]
fn a_fatal_config_error_publishes_nothing_and_fails() {
    for (ci, run) in CIS {
        // A site with a committed ledger: gongshi's exit 2 alone must stop the job.
        let repo = missed_deadline_site("unknown_key = 1\n");
        let run = run(&repo);
        let log = format!("{ci}:\n{}", run.log);
        assert!(!run.build_ok, "exit 2: no deploy, {log}");
        assert!(log.contains("unknown field `unknown_key`"), "{log}");
        assert!(!repo.site.join("public").exists(), "{log}");
        assert_ne!(run.verdict_ok, Some(true), "never green, {log}");
        assert_eq!(repo.remote_commits(), "1\n", "nothing pushed, {log}");
    }
}

/// README.md's "Using gongshi in CI" section shows both files as ```yaml blocks, unchanged.
/// (This one fails until that section is written.)
#[test]
fn the_readme_shows_both_ci_examples_verbatim() {
    let readme = std::fs::read_to_string(repo_path("README.md")).unwrap();
    for path in [GITHUB, GITLAB] {
        let block = format!("```yaml\n{}\n```", example(path).0.trim_end());
        assert!(readme.contains(&block), "{path} not in README.md");
    }
}
