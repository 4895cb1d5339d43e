//! `gongshi deploy` through the real binary: to a folder, through rsync to another local
//! folder, and over SFTP to an sshd started on 127.0.0.1 for the test; the first deploy copies every file, a second with nothing changed copies nothing, a
//! rebuild's changed files are copied and its dropped files removed, and files gongshi did not
//! put there are never touched. A deploy refuses an output folder not built and a site being
//! built, and a failing rsync is reported with what it said.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::{gongshi_in, minimal_with, stderr, stdout, tree};

const AS_OF: &str = "2025-10-09";
const TASKS: &str = "\
task_id,unit,category,matter,entity,credit_code,start,end,result,handling
M-1,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,91440300192317458F,2025-09-01,2025-09-02,未发现问题,
M-2,坪山管理局,重点监管对象,废水排放检查,坪山某五金厂,,2025-09-03,2025-09-04,发现问题经责令已改正,已责令改正
M-3,坪山管理局,一般监管对象,噪声排放检查,坪山某塑胶厂,,2025-09-05,2025-09-08,未发现问题,
";

fn build(site: &Path) {
    let output = gongshi_in(site, &["build", "--no-ledger", "--as-of", AS_OF]);
    assert!(
        output.status.code().is_some_and(|c| c < 2),
        "{}",
        stderr(&output)
    );
}

thread_local! {
    /// The sftp program for this test's deploys (a wrapper that points sftp at the test sshd).
    static SFTP: std::cell::RefCell<Option<std::path::PathBuf>> = const { std::cell::RefCell::new(None) };
}

fn deploy(site: &Path, to: &str, extra: &[&str]) -> String {
    let mut args = vec!["deploy", "--to", to];
    args.extend_from_slice(extra);
    args.extend(["--site", site.to_str().unwrap()]);
    let mut command = common::command_on(None, &args);
    if let Some(sftp) = SFTP.with(|s| s.borrow().clone()) {
        command.env("GONGSHI_SFTP", sftp);
    }
    let output = command.output().unwrap();
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}{}",
        stdout(&output),
        stderr(&output)
    );
    stdout(&output)
}

/// The built site as a destination should hold it: every file but the output marker.
fn built_files(site: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(&site.join("public"));
    files.remove(".gongshi-output");
    files
}

/// The destination's files but the manifest and those that are not gongshi's.
fn deployed(dest: &Path, others: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let mut files = tree(dest);
    assert!(files.remove(".gongshi-deploy").is_some(), "no manifest");
    for other in others {
        files.remove(*other);
    }
    files
}

/// (copied, removed, unchanged), from the report's first line: "DEST: copied N files (K of
/// them indexes, copied last), removed R, U unchanged".
fn counts(report: &str) -> (usize, usize, usize) {
    let first = report.lines().next().unwrap();
    let after = |word: &str| -> usize {
        let word = match (first.contains("would "), word) {
            (true, "copied ") => "would copy ",
            (true, "removed ") => "would remove ",
            _ => word,
        };
        let at = first.find(word).unwrap_or_else(|| panic!("{first}")) + word.len();
        first[at..]
            .split(|c: char| !c.is_ascii_digit())
            .next()
            .unwrap()
            .parse()
            .unwrap_or_else(|_| panic!("{first}"))
    };
    let unchanged = first
        .rsplit(", ")
        .next()
        .and_then(|tail| tail.split(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("{first}"));
    (after("copied "), after("removed "), unchanged)
}

/// Deploys with `to`, rebuilds with a task gone and another changed, deploys again.
fn round_trip(to: &dyn Fn(&Path) -> String, dest_of: &dyn Fn(&Path) -> std::path::PathBuf) {
    let site = minimal_with(TASKS);
    build(site.path());
    let dest = dest_of(site.path());
    // A CMS folder with its own content, some of it where gongshi's pages go.
    std::fs::create_dir_all(dest.join("tasks/m-3")).unwrap();
    std::fs::write(dest.join("cms.html"), "portal").unwrap();
    std::fs::write(dest.join("tasks/m-3/attachment.pdf"), "pdf").unwrap();
    let others = ["cms.html", "tasks/m-3/attachment.pdf"];
    let target = to(site.path());

    let dry = deploy(site.path(), &target, &["--dry-run"]);
    assert!(dry.contains("would copy"), "{dry}");
    assert!(!dest.join("index.html").exists(), "a dry run wrote");

    let first = deploy(site.path(), &target, &[]);
    let files = built_files(site.path());
    assert_eq!(counts(&first), (files.len(), 0, 0), "{first}");
    assert_eq!(deployed(&dest, &others), files);

    let again = deploy(site.path(), &target, &[]);
    assert_eq!(counts(&again), (0, 0, files.len()), "{again}");

    // M-3 is dropped, M-1's result changes.
    let tasks = TASKS
        .lines()
        .filter(|l| !l.starts_with("M-3"))
        .map(|l| l.replace("废气排放检查", "废气排放专项检查"))
        .collect::<Vec<_>>()
        .join("\n");
    std::fs::write(site.path().join("data/tasks/tasks.csv"), tasks + "\n").unwrap();
    build(site.path());
    let before = deployed(&dest, &others);
    let now = built_files(site.path());
    let changed = now
        .iter()
        .filter(|(p, b)| before.get(*p) != Some(b))
        .count();
    let gone = before.keys().filter(|p| !now.contains_key(*p)).count();
    assert!(changed > 0 && gone > 0, "{changed} {gone}");
    let third = deploy(site.path(), &target, &[]);
    assert_eq!(
        counts(&third),
        (changed, gone, now.len() - changed),
        "{third}"
    );
    assert!(third.contains("removed tasks/m-3/index.html"), "{third}");
    assert_eq!(deployed(&dest, &others), now);
    // The folders the site no longer has go with the files, unless they hold something else.
    let empty: Vec<_> = walkdir::WalkDir::new(&dest)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_dir())
        .filter(|e| std::fs::read_dir(e.path()).unwrap().next().is_none())
        .map(|e| e.path().display().to_string())
        .collect();
    assert!(empty.is_empty(), "emptied folders stayed: {empty:?}");
    // What gongshi did not put there stays.
    assert_eq!(std::fs::read(dest.join("cms.html")).unwrap(), b"portal");
    assert_eq!(
        std::fs::read(dest.join("tasks/m-3/attachment.pdf")).unwrap(),
        b"pdf"
    );
}

#[test]
fn a_folder_gets_what_changed_and_loses_only_what_gongshi_put_there() {
    round_trip(
        &|site| site.join("dest").to_string_lossy().into_owned(),
        &|site| site.join("dest"),
    );
}

fn rsync_installed() -> bool {
    let found = std::process::Command::new("rsync")
        .arg("--version")
        .output()
        .is_ok();
    if !found {
        eprintln!("SKIPPED: rsync is not installed (CI installs it: see .ci/run)");
    }
    found
}

#[test]
fn rsync_to_another_folder_gets_what_changed_and_loses_only_what_gongshi_put_there() {
    if !rsync_installed() {
        return;
    }
    round_trip(
        &|site| format!("rsync:{}", site.join("dest").display()),
        &|site| site.join("dest"),
    );
}

#[test]
fn without_a_manifest_files_already_there_are_not_copied_again() {
    without_a_manifest(&|dest| dest.to_string_lossy().into_owned());
}

#[test]
fn without_a_manifest_rsync_copies_only_what_differs() {
    if !rsync_installed() {
        return;
    }
    without_a_manifest(&|dest| format!("rsync:{}", dest.display()));
}

fn without_a_manifest(to: &dyn Fn(&Path) -> String) {
    let site = minimal_with(TASKS);
    build(site.path());
    let dest = site.path().join("dest");
    common::copy_dir(&site.path().join("public"), &dest);
    std::fs::remove_file(dest.join(".gongshi-output")).unwrap();
    std::fs::write(dest.join("style.css"), "old").unwrap();
    let files = built_files(site.path());
    let dry = deploy(site.path(), &to(&dest), &["--dry-run"]);
    assert_eq!(counts(&dry), (1, 0, files.len() - 1), "{dry}");
    assert_eq!(std::fs::read(dest.join("style.css")).unwrap(), b"old");
    let report = deploy(site.path(), &to(&dest), &[]);
    assert_eq!(counts(&report), (1, 0, files.len() - 1), "{report}");
    assert!(report.contains("copied style.css"), "{report}");
    assert!(report.contains("no .gongshi-deploy there yet"), "{report}");
    assert_eq!(deployed(&dest, &[]), files);
}

#[test]
fn no_built_site_no_deploy() {
    let site = minimal_with(TASKS);
    let output = gongshi_in(site.path(), &["deploy", "--to", "/tmp/nowhere-gongshi"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("gongshi build"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn no_deploy_into_the_output_folder() {
    let site = minimal_with(TASKS);
    build(site.path());
    for inside in ["public", "public/new/www"] {
        let dest = site.path().join(inside);
        let output = gongshi_in(site.path(), &["deploy", "--to", dest.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(2), "{inside}");
        assert!(
            stderr(&output).contains("in the output folder"),
            "{}",
            stderr(&output)
        );
    }
    assert!(!site.path().join("public/new").exists());
}

#[test]
fn no_deploy_during_a_build() {
    let site = minimal_with(TASKS);
    build(site.path());
    let lock = std::fs::File::options()
        .write(true)
        .open(site.path().join(".gongshi.lock"))
        .unwrap();
    lock.lock().unwrap();
    let dest = site.path().join("dest");
    let output = gongshi_in(site.path(), &["deploy", "--to", dest.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("another gongshi build"),
        "{}",
        stderr(&output)
    );
    assert!(!dest.exists());
}

#[test]
fn a_destination_that_cannot_be_written_is_an_error() {
    let site = minimal_with(TASKS);
    build(site.path());
    let file = site.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let dest = file.join("dest");
    let output = gongshi_in(site.path(), &["deploy", "--to", dest.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("a-file"), "{}", stderr(&output));
}

#[test]
fn a_failing_rsync_is_reported_with_what_it_said() {
    if !rsync_installed() {
        return;
    }
    let site = minimal_with(TASKS);
    build(site.path());
    let file = site.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let to = format!("rsync:{}", file.join("dest").display());
    let output = gongshi_in(site.path(), &["deploy", "--to", &to]);
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(
        said.contains("rsync failed") || said.contains("rsync could not"),
        "{said}"
    );
    assert!(said.contains("Not a directory"), "{said}");
}

/// An sshd on 127.0.0.1 for this test only: its own host key, one client key, sftp inside;
/// `sftp` is a wrapper script that uses them (as `GONGSHI_SFTP`). Stopped when dropped.
struct Sshd {
    dir: tempfile::TempDir,
    port: u16,
    user: String,
}

impl Sshd {
    /// `None` (saying so) when sshd or sftp is not installed; CI installs them (.ci/run).
    fn start() -> Option<Sshd> {
        let has = |program: &str| {
            std::process::Command::new("sh")
                .args(["-c", &format!("command -v {program}")])
                .output()
                .is_ok_and(|o| o.status.success())
        };
        let sshd = ["/usr/sbin/sshd", "/usr/bin/sshd"]
            .into_iter()
            .find(|p| Path::new(p).exists());
        let (Some(sshd), true, true) = (sshd, has("sftp"), has("ssh-keygen")) else {
            eprintln!("SKIPPED: sshd or sftp is not installed (CI installs them: see .ci/run)");
            return None;
        };
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        for key in ["host_key", "client_key"] {
            let status = std::process::Command::new("ssh-keygen")
                .args(["-q", "-t", "ed25519", "-N", "", "-f"])
                .arg(d.join(key))
                .status()
                .unwrap();
            assert!(status.success());
        }
        std::fs::copy(d.join("client_key.pub"), d.join("authorized_keys")).unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        std::fs::write(
            d.join("sshd_config"),
            format!(
                "Port {port}\nListenAddress 127.0.0.1\nHostKey {d}/host_key\n\
                 AuthorizedKeysFile {d}/authorized_keys\nPidFile {d}/sshd.pid\nUsePAM no\n\
                 StrictModes no\nPasswordAuthentication no\nKbdInteractiveAuthentication no\n\
                 PubkeyAuthentication yes\nPermitRootLogin prohibit-password\n\
                 Subsystem sftp internal-sftp\n",
                d = d.display()
            ),
        )
        .unwrap();
        // sshd started as root wants its privilege separation folder.
        let _ = std::fs::create_dir_all("/run/sshd");
        let status = std::process::Command::new(sshd)
            .arg("-f")
            .arg(d.join("sshd_config"))
            .arg("-E")
            .arg(d.join("sshd.log"))
            .status()
            .unwrap();
        assert!(status.success(), "sshd did not start");
        std::fs::write(
            d.join("ssh_config"),
            format!(
                "Host *\n  IdentityFile {d}/client_key\n  StrictHostKeyChecking no\n  \
                 UserKnownHostsFile /dev/null\n  LogLevel ERROR\n",
                d = d.display()
            ),
        )
        .unwrap();
        let wrapper = d.join("sftp");
        std::fs::write(
            &wrapper,
            format!(
                "#!/bin/sh\nexec sftp -F '{}' \"$@\"\n",
                d.join("ssh_config").display()
            ),
        )
        .unwrap();
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&wrapper, std::fs::Permissions::from_mode(0o755)).unwrap();
        let user = std::process::Command::new("id")
            .arg("-un")
            .output()
            .unwrap();
        let user = String::from_utf8(user.stdout).unwrap().trim().to_string();
        // Listening once its pid file is written.
        for _ in 0..100 {
            if d.join("sshd.pid").exists()
                && std::net::TcpStream::connect(("127.0.0.1", port)).is_ok()
            {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        SFTP.with(|s| *s.borrow_mut() = Some(wrapper));
        Some(Sshd { dir, port, user })
    }

    /// The `--to` of a folder on this server.
    fn to(&self, folder: &Path) -> String {
        format!(
            "sftp://{}@127.0.0.1:{}{}",
            self.user,
            self.port,
            folder.display()
        )
    }
}

impl Drop for Sshd {
    fn drop(&mut self) {
        SFTP.with(|s| *s.borrow_mut() = None);
        if let Ok(pid) = std::fs::read_to_string(self.dir.path().join("sshd.pid")) {
            let _ = std::process::Command::new("kill").arg(pid.trim()).status();
        }
    }
}

#[test]
fn sftp_gets_what_changed_and_loses_only_what_gongshi_put_there() {
    let Some(sshd) = Sshd::start() else {
        return;
    };
    round_trip(&|site| sshd.to(&site.join("dest")), &|site| {
        site.join("dest")
    });
}

#[test]
fn a_failing_sftp_is_reported_with_what_it_said() {
    let Some(sshd) = Sshd::start() else {
        return;
    };
    let site = minimal_with(TASKS);
    build(site.path());
    let file = site.path().join("a-file");
    std::fs::write(&file, "").unwrap();
    let mut command = common::command_on(
        None,
        &[
            "deploy",
            "--site",
            site.path().to_str().unwrap(),
            "--to",
            &sshd.to(&file.join("dest")),
        ],
    );
    command.env("GONGSHI_SFTP", sshd.dir.path().join("sftp"));
    let output = command.output().unwrap();
    let said = stderr(&output);
    assert_eq!(output.status.code(), Some(2), "{said}");
    assert!(said.contains("sftp failed"), "{said}");
    assert!(said.contains("run gongshi deploy again"), "{said}");
    // A server that does not answer: the same, at once (batch mode asks for no password).
    let mut command = common::command_on(
        None,
        &[
            "deploy",
            "--site",
            site.path().to_str().unwrap(),
            "--to",
            "sftp://nobody@127.0.0.1:1/srv/www",
        ],
    );
    command.env("GONGSHI_SFTP", sshd.dir.path().join("sftp"));
    let output = command.output().unwrap();
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("sftp failed"),
        "{}",
        stderr(&output)
    );
}
