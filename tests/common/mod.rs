//! Helpers for driving the real `gongshi` binary on fixture sites.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub fn fixture_path(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

/// A scratch copy of `tests/fixtures/<name>`, so builds can write into it.
pub fn fixture(name: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&fixture_path(name), dir.path());
    dir
}

/// The minimal fixture with its one task ledger replaced by `tasks_csv`.
pub fn minimal_with(tasks_csv: &str) -> tempfile::TempDir {
    let site = fixture("minimal");
    std::fs::write(site.path().join("data/tasks/tasks.csv"), tasks_csv).unwrap();
    site
}

pub fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Runs gongshi as if on the day of its `--as-of` (pinned by `GONGSHI_TODAY`), so that a build
/// for that day may write the ledger, as a build for today does.
pub fn gongshi(args: &[&str]) -> Output {
    let today = args
        .iter()
        .position(|a| *a == "--as-of")
        .and_then(|i| args.get(i + 1))
        .copied();
    gongshi_on(today, args)
}

/// Runs gongshi with today pinned to `today` (`None`: the real clock).
pub fn gongshi_on(today: Option<&str>, args: &[&str]) -> Output {
    command_on(today, args).output().expect("gongshi runs")
}

/// The command [`gongshi_on`] runs, to add to: English whatever this machine's locale, unless
/// the test sets `LANG` or `--lang`.
pub fn command_on(today: Option<&str>, args: &[&str]) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_gongshi"));
    command.args(args).env_remove("GONGSHI_TODAY");
    for locale in ["LC_ALL", "LC_MESSAGES", "LANG"] {
        command.env_remove(locale);
    }
    // `gongshi verify` asks test servers on 127.0.0.1 directly, never through a proxy.
    for proxy in ["http_proxy", "https_proxy", "all_proxy"] {
        command.env_remove(proxy).env_remove(proxy.to_uppercase());
    }
    if let Some(today) = today {
        command.env("GONGSHI_TODAY", today);
    }
    command
}

/// [`gongshi_on`] with `--site`.
pub fn gongshi_in_on(site: &Path, today: Option<&str>, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--site");
    all.push(site.to_str().unwrap());
    gongshi_on(today, &all)
}

pub fn gongshi_in(site: &Path, args: &[&str]) -> Output {
    let mut all: Vec<&str> = args.to_vec();
    all.push("--site");
    all.push(site.to_str().unwrap());
    gongshi(&all)
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

pub fn json(output: &Output) -> serde_json::Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}): {}\n{}", stdout(output), stderr(output)))
}

/// Every file under `dir`, by relative path, with its bytes.
pub fn tree(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (rel, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// The search index of the site built into `public`, its files decompressed, one after the
/// other (they are gzip on disk, where a text search would find nothing in them).
pub fn search_text(public: &Path) -> String {
    use std::io::Read as _;
    let mut text = String::new();
    for (path, bytes) in tree(&public.join("search")) {
        flate2::read::GzDecoder::new(&bytes[..])
            .read_to_string(&mut text)
            .unwrap_or_else(|e| panic!("search/{path} is not gzip JSON: {e}"));
        text.push('\n');
    }
    text
}

/// Every file under `dir` with its inode and mtime.
pub fn identities(dir: &Path) -> std::collections::BTreeMap<String, (u64, i64, i64)> {
    use std::os::unix::fs::MetadataExt;
    walkdir::WalkDir::new(dir)
        .into_iter()
        .map(Result::unwrap)
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let meta = e.metadata().unwrap();
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            (rel, (meta.ino(), meta.mtime(), meta.mtime_nsec()))
        })
        .collect()
}

/// A static file server on 127.0.0.1, for `gongshi verify` to check a "deployed" site against:
/// it serves the folder it is pointed at (changeable while it runs, as a deployment switches
/// sites), under a path prefix, with `index.html` for a folder's address, and 404 for anything
/// else. It answers each request on a connection of its own, and stops when dropped. A POST
/// (`--notify`) is answered `{"errcode":0}`, and its path and body kept ([`Server::posts`]).
pub struct Server {
    pub port: u16,
    root: std::sync::Arc<std::sync::Mutex<PathBuf>>,
    posts: std::sync::Arc<std::sync::Mutex<Vec<(String, String)>>>,
    stop: std::sync::Arc<std::sync::atomic::AtomicBool>,
    thread: Option<std::thread::JoinHandle<()>>,
}

impl Server {
    /// Serves `root` at `http://127.0.0.1:<port><prefix>` (`prefix` starts and ends with `/`).
    pub fn start(root: &Path, prefix: &str) -> Server {
        use std::sync::atomic::Ordering;
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let served = std::sync::Arc::new(std::sync::Mutex::new(root.to_path_buf()));
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let posts = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let (root, stopped, prefix) = (served.clone(), stop.clone(), prefix.to_string());
        let posted = posts.clone();
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                let Ok(stream) = stream else { continue };
                let root = root.lock().unwrap().clone();
                let prefix = prefix.clone();
                let posted = posted.clone();
                std::thread::spawn(move || serve_one(stream, &root, &prefix, &posted));
            }
        });
        Server {
            port,
            root: served,
            posts,
            stop,
            thread: Some(thread),
        }
    }

    /// The address of `path` under the server's root.
    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    /// The POSTs received so far: each one's path and body.
    pub fn posts(&self) -> Vec<(String, String)> {
        self.posts.lock().unwrap().clone()
    }

    /// Serves another folder from now on.
    pub fn switch_to(&self, root: &Path) {
        *self.root.lock().unwrap() = root.to_path_buf();
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, std::sync::atomic::Ordering::Relaxed);
        // Wakes the listener up to see the flag.
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve_one(
    mut stream: std::net::TcpStream,
    root: &Path,
    prefix: &str,
    posts: &std::sync::Mutex<Vec<(String, String)>>,
) {
    use std::io::{BufRead, Read, Write};
    let mut reader = std::io::BufReader::new(stream.try_clone().unwrap());
    let mut request = String::new();
    if reader.read_line(&mut request).is_err() {
        return;
    }
    let mut length = 0;
    loop {
        let mut header = String::new();
        match reader.read_line(&mut header) {
            Ok(0) | Err(_) => break,
            Ok(_) if header.trim().is_empty() => break,
            Ok(_) => {
                if let Some((name, value)) = header.split_once(':')
                    && name.eq_ignore_ascii_case("content-length")
                {
                    length = value.trim().parse().unwrap_or(0);
                }
            }
        }
    }
    let path = request.split(' ').nth(1).unwrap_or("/");
    if request.starts_with("POST ") {
        let mut body = vec![0; length];
        let _ = reader.read_exact(&mut body);
        posts.lock().unwrap().push((
            path.to_string(),
            String::from_utf8_lossy(&body).into_owned(),
        ));
        let answer = br#"{"errcode":0,"errmsg":"ok"}"#;
        let head = format!(
            "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\
             Connection: close\r\n\r\n",
            answer.len()
        );
        let _ = stream
            .write_all(head.as_bytes())
            .and_then(|()| stream.write_all(answer));
        return;
    }
    let file = path
        .strip_prefix(prefix)
        .filter(|rest| !rest.split('/').any(|part| part == ".."))
        .map(|rest| {
            let file = root.join(rest);
            if path.ends_with('/') {
                file.join("index.html")
            } else {
                file
            }
        });
    let (status, body) = match file.and_then(|file| std::fs::read(file).ok()) {
        Some(body) => ("200 OK", body),
        None => ("404 Not Found", b"not found".to_vec()),
    };
    let head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream
        .write_all(head.as_bytes())
        .and_then(|()| stream.write_all(&body));
}

/// The repository's sample site, built into a scratch folder (kept alive by the first value).
pub fn build_sample() -> (tempfile::TempDir, std::path::PathBuf) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let output = gongshi(&[
        "build",
        "--site",
        root.to_str().unwrap(),
        "--out",
        target.to_str().unwrap(),
        "--as-of",
        "2026-11-22",
        "--no-ledger",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    (out, target)
}

/// A JSON list of counts (`[{"name": …, "count": …}]`, as the report's figures have them) as
/// pairs.
pub fn count_pairs(counts: &serde_json::Value) -> Vec<(String, u64)> {
    counts
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["count"].as_u64().unwrap(),
            )
        })
        .collect()
}

/// Expected counts, as [`count_pairs`] gives them.
pub fn owned_pairs(pairs: &[(&str, u64)]) -> Vec<(String, u64)> {
    pairs.iter().map(|(n, c)| (n.to_string(), *c)).collect()
}
