//! `gongshi serve`: a preview of the site on 127.0.0.1, rebuilt whenever an input changes.
//!
//! The preview is built into a folder the caller gives (a temporary one), never into the real
//! output, and never records anything in the ledger. Each HTML page is served with a 预览 banner
//! holding the current deadline report, and a script that reloads the page when a rebuild
//! finishes (server-sent events). A failed build is shown in the page; the server goes on and
//! rebuilds when the input is fixed.

use std::io::{BufRead, BufReader, Write};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::sync::{Condvar, Mutex};
use std::time::{Duration, Instant, SystemTime};

use crate::AsOf;
use crate::build;
use crate::error::{Error, Result};
use crate::escape;

/// The port tried first when none is given (as Zola does).
pub const DEFAULT_PORT: u16 = 1111;

/// How often inputs are looked at for changes.
const POLL: Duration = Duration::from_millis(250);

/// What `gongshi serve` is asked to do.
pub struct ServeOptions {
    pub site: PathBuf,
    /// Where previews are built: a folder of the caller's, emptied and refilled at will.
    pub work: PathBuf,
    /// `None`: [`DEFAULT_PORT`], or any free port when that one is taken.
    pub port: Option<u16>,
    /// [`AsOf::Today`]: today in China, at each rebuild.
    pub as_of: AsOf,
}

/// What the latest build left: the page banner, or the error that stopped it.
struct State {
    version: u64,
    banner: String,
    error: Option<String>,
}

struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

/// Builds, then serves until the process ends. `log` gets a line per build and the address.
pub fn run(options: &ServeOptions, log: &(dyn Fn(&str) + Sync)) -> Result<()> {
    if !options.site.is_dir() {
        return Err(Error::Usage(crate::tr!(
            "serve-not-a-folder",
            site = options.site.display()
        )));
    }
    let out = options.work.join("public");
    let shared = Shared {
        state: Mutex::new(State {
            version: 0,
            banner: String::new(),
            error: None,
        }),
        changed: Condvar::new(),
    };
    let mut seen = inputs_stamp(&options.site);
    rebuild(options, &out, &shared, log);

    let listener = bind(options.port)?;
    let port = listener
        .local_addr()
        .map_err(|e| Error::Usage(format!("serve: {e}")))?
        .port();
    log(&crate::tr!(
        "serve-serving",
        site = options.site.display(),
        port = port.to_string()
    ));

    std::thread::scope(|scope| {
        scope.spawn(|| {
            loop {
                std::thread::sleep(POLL);
                let now = inputs_stamp(&options.site);
                if now != seen {
                    // Let an editor or an export finish writing before reading.
                    std::thread::sleep(POLL);
                    seen = inputs_stamp(&options.site);
                    rebuild(options, &out, &shared, log);
                }
            }
        });
        for stream in listener.incoming().flatten() {
            let (shared, out) = (&shared, &out);
            scope.spawn(move || {
                let _ = respond(stream, out, shared);
            });
        }
    });
    Ok(())
}

fn bind(port: Option<u16>) -> Result<TcpListener> {
    let bind = |port| TcpListener::bind((Ipv4Addr::LOCALHOST, port));
    match port {
        Some(port) => bind(port),
        None => bind(DEFAULT_PORT).or_else(|_| bind(0)),
    }
    .map_err(|e| {
        Error::Usage(crate::tr!(
            "serve-cannot-listen",
            port = port.unwrap_or(DEFAULT_PORT).to_string(),
            error = e.to_string()
        ))
    })
}

fn rebuild(options: &ServeOptions, out: &Path, shared: &Shared, log: &(dyn Fn(&str) + Sync)) {
    let started = Instant::now();
    // A bug in gongshi shows in the page like any failed build, and the server goes on.
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        // Worked out at every rebuild: a preview left running shows each day as it comes.
        let as_of = options.as_of.day()?;
        let build_options = build::BuildOptions {
            site: options.site.clone(),
            out: Some(out.to_path_buf()),
            as_of,
            today: as_of,
            write_ledger: false,
            wait_for_lock: true,
        };
        build::run_with(&build_options, &build::Quiet)
    }))
    .unwrap_or_else(|panic| {
        let what = panic
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| panic.downcast_ref::<String>().cloned())
            .unwrap_or_default();
        Err(Error::Usage(crate::tr!("serve-crashed", what = what)))
    });
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    state.version += 1;
    match result {
        Ok(outcome) => {
            let report = outcome.report;
            let written = outcome.written.map_or(0, |w| w.written);
            log(&crate::tr!(
                "serve-built",
                seconds = format!("{:.1}", started.elapsed().as_secs_f64()),
                written = written,
                verdict = report.verdict()
            ));
            state.banner = banner(&report);
            state.error = None;
        }
        Err(error) => {
            log(&crate::tr!("serve-build-failed", error = error.to_string()));
            state.error = Some(error.to_string());
        }
    }
    shared.changed.notify_all();
}

fn banner(report: &crate::model::Report) -> String {
    let color = if report.has_problems() {
        "#8a1c1c"
    } else {
        "#1d5b2a"
    };
    format!(
        "<div id=\"gongshi-preview\" role=\"region\" aria-label=\"预览\" style=\"position:sticky;\
         top:0;z-index:1000;background:{color};color:#fff;font:14px/1.5 system-ui,sans-serif;\
         padding:.4em 1em\"><strong>预览 Preview</strong> · 未发布，仅供预览 · 数据截至 {} · {}\
         <details style=\"display:inline-block;margin-left:1em\"><summary style=\"cursor:pointer\">\
         期限报告 deadline report</summary><pre style=\"white-space:pre-wrap;max-height:60vh;\
         overflow:auto;background:#fff;color:#111;padding:.5em\">{}</pre></details></div>",
        report.as_of,
        escape::html(&report.verdict()),
        escape::html(&report.to_text())
    )
}

/// The reload script: it knows the build it came from, and reloads once the server says a newer
/// one is ready (also after a reconnect that missed the event).
fn reload_script(version: u64) -> String {
    format!(
        "<script>(function(){{var v=\"{version}\";var s=new EventSource(\"/__gongshi/events\");\
         s.onmessage=function(e){{if(e.data!==v){{s.close();location.reload();}}}};}})();</script>"
    )
}

fn error_page(error: &str, version: u64) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>构建失败 · gongshi 预览\
         </title></head><body><div id=\"gongshi-preview\" role=\"region\" aria-label=\"预览\" \
         style=\"background:#8a1c1c;color:#fff;font:14px/1.5 system-ui,sans-serif;padding:.4em 1em\">\
         <strong>预览 Preview</strong> · 构建失败 the build failed; the page reloads once it is \
         fixed</div><main style=\"font:15px/1.5 system-ui,sans-serif;padding:1em\"><h1>构建失败 Build \
         failed</h1><pre style=\"white-space:pre-wrap\">{}</pre></main>{}</body></html>",
        escape::html(error),
        reload_script(version)
    )
}

/// Names, sizes and modification times of every input, to notice a change without reading.
fn inputs_stamp(site: &Path) -> u64 {
    let mut hasher = crate::StableHasher::default();
    let mut stamp = |path: &Path| {
        if let Ok(meta) = std::fs::metadata(path) {
            hasher.update(path.as_os_str().as_encoded_bytes());
            hasher.update(&meta.len().to_le_bytes());
            let modified = meta
                .modified()
                .ok()
                .and_then(|t| t.duration_since(SystemTime::UNIX_EPOCH).ok())
                .map_or(0, |d| d.as_nanos());
            hasher.update(&modified.to_le_bytes());
        }
    };
    for folder in crate::cache::INPUTS {
        let mut paths: Vec<PathBuf> = walkdir::WalkDir::new(site.join(folder))
            .into_iter()
            .filter_map(|e| e.ok())
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .collect();
        paths.sort();
        for path in paths {
            stamp(&path);
        }
    }
    hasher.finish()
}

fn respond(stream: TcpStream, out: &Path, shared: &Shared) -> std::io::Result<()> {
    stream.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(stream.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    loop {
        let mut header = String::new();
        if reader.read_line(&mut header)? == 0 || header.trim().is_empty() {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or("/"));
    let mut stream = stream;
    if method != "GET" && method != "HEAD" {
        return send(
            &mut stream,
            405,
            "text/plain; charset=utf-8",
            b"GET only",
            false,
        );
    }
    let head = method == "HEAD";
    let path = target.split(['?', '#']).next().unwrap_or("/");
    if path == "/__gongshi/events" {
        return events(stream, shared);
    }
    let (version, banner, error) = {
        let state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        (state.version, state.banner.clone(), state.error.clone())
    };
    let Some(file) = resolve(out, path) else {
        return send(
            &mut stream,
            400,
            "text/plain; charset=utf-8",
            b"bad path",
            head,
        );
    };
    let html = file.as_ref().is_none_or(|f| is_html(f));
    if let (Some(error), true) = (&error, html) {
        let page = error_page(error, version);
        return send(
            &mut stream,
            500,
            "text/html; charset=utf-8",
            page.as_bytes(),
            head,
        );
    }
    let (status, file) = match file {
        Some(file) => (200, file),
        None => (404, out.join("404.html")),
    };
    let Ok(body) = std::fs::read(&file) else {
        return send(
            &mut stream,
            404,
            "text/plain; charset=utf-8",
            b"not found",
            head,
        );
    };
    if is_html(&file) {
        let page = inject(&String::from_utf8_lossy(&body), &banner, version);
        send(
            &mut stream,
            status,
            "text/html; charset=utf-8",
            page.as_bytes(),
            head,
        )
    } else {
        send(&mut stream, status, content_type(&file), &body, head)
    }
}

/// The file a URL path names under `out` (`Some(None)`: none there), or `None` for a path that
/// tries to leave `out`.
fn resolve(out: &Path, path: &str) -> Option<Option<PathBuf>> {
    let decoded = percent_decode(path)?;
    let mut file = out.to_path_buf();
    for segment in decoded.split('/').filter(|s| !s.is_empty()) {
        if segment == ".." || segment == "." || segment.contains('\\') || segment.contains('\0') {
            return None;
        }
        file.push(segment);
    }
    if file.is_dir() {
        file.push("index.html");
    }
    Some(file.is_file().then_some(file))
}

fn percent_decode(text: &str) -> Option<String> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    String::from_utf8(out).ok()
}

fn is_html(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "html")
}

/// The page with the banner after `<body…>` and the reload script before `</body>`.
fn inject(page: &str, banner: &str, version: u64) -> String {
    let script = reload_script(version);
    let mut out = String::with_capacity(page.len() + banner.len() + script.len());
    let body = page
        .find("<body")
        .and_then(|at| page[at..].find('>').map(|end| at + end + 1));
    let (head, rest) = match body {
        Some(at) => page.split_at(at),
        None => ("", page),
    };
    out.push_str(head);
    out.push_str(banner);
    match rest.rfind("</body>") {
        Some(at) => {
            out.push_str(&rest[..at]);
            out.push_str(&script);
            out.push_str(&rest[at..]);
        }
        None => {
            out.push_str(rest);
            out.push_str(&script);
        }
    }
    out
}

fn content_type(path: &Path) -> &'static str {
    match path.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "xlsx" => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "txt" => "text/plain; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "webp" => "image/webp",
        "woff2" => "font/woff2",
        "pdf" => "application/pdf",
        _ => "application/octet-stream",
    }
}

fn send(
    stream: &mut TcpStream,
    status: u16,
    content_type: &str,
    body: &[u8],
    head: bool,
) -> std::io::Result<()> {
    let reason = match status {
        200 => "OK",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        _ => "Internal Server Error",
    };
    write!(
        stream,
        "HTTP/1.1 {status} {reason}\r\nContent-Type: {content_type}\r\nContent-Length: {}\r\n\
         Cache-Control: no-store\r\nConnection: close\r\n\r\n",
        body.len()
    )?;
    if !head {
        stream.write_all(body)?;
    }
    stream.flush()
}

/// Server-sent events: the current build's version at once, then each new one; a comment
/// now and then finds out when the page has gone.
fn events(mut stream: TcpStream, shared: &Shared) -> std::io::Result<()> {
    write!(
        stream,
        "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\n\
         Connection: keep-alive\r\n\r\nretry: 500\n\n"
    )?;
    let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
    let mut sent = state.version;
    drop(state);
    write!(stream, "data: {sent}\n\n")?;
    stream.flush()?;
    loop {
        state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
        let (next, _) = shared
            .changed
            .wait_timeout_while(state, Duration::from_secs(15), |s| s.version == sent)
            .unwrap_or_else(|e| e.into_inner());
        let version = next.version;
        drop(next);
        if version != sent {
            sent = version;
            write!(stream, "data: {sent}\n\n")?;
        } else {
            stream.write_all(b": still here\n\n")?;
        }
        stream.flush()?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_output_folder() {
        let out = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(out.path().join("tasks/t-1")).unwrap();
        std::fs::write(out.path().join("tasks/t-1/index.html"), "x").unwrap();
        assert_eq!(
            resolve(out.path(), "/tasks/t-1/"),
            Some(Some(out.path().join("tasks/t-1/index.html")))
        );
        assert_eq!(resolve(out.path(), "/tasks/none/"), Some(None));
        for path in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/tasks/..%2f..%2fx",
            "/a%5c..%5cb",
        ] {
            assert_eq!(resolve(out.path(), path), None, "{path}");
        }
    }

    #[test]
    fn the_banner_goes_after_body_and_the_script_before_its_end() {
        let page = inject(
            "<html><body class=x><p>a</p></body></html>",
            "<div>B</div>",
            3,
        );
        assert!(page.starts_with("<html><body class=x><div>B</div><p>a</p><script>"));
        assert!(page.contains("var v=\"3\""));
        assert!(page.ends_with("</script></body></html>"));
    }
}
