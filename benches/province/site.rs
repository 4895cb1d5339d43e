//! The benchmark's generated province: realistic exports (Chinese names and addresses,
//! companies inspected again and again, a dozen enforcement units, 2023–2026, GBK and UTF-8)
//! and a ledger. Shared by `benches/province.rs` and `examples/province-site.rs`.

use std::path::Path;

use chrono::{Datelike, NaiveDate};

/// The day the generated ledger was last written; builds of the site are as of it.
pub const AS_OF: &str = "2026-11-22";

/// splitmix64: deterministic, so every run builds the same site.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    pub fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

pub const DISTRICTS: &[&str] = &["坪山区", "龙岗区", "宝安区", "南山区", "福田区", "龙华区"];
pub const STREETS: &[&str] = &["碧岭街道", "坑梓街道", "龙田街道", "石井街道", "马峦街道"];
pub const NAME_PARTS: &[&str] = &[
    "达创", "宇科", "华晟", "鑫源", "恒通", "博瑞", "新材", "丰泽", "明辉", "中联", "嘉信", "卓越",
    "天成", "汇川", "金宏", "东江", "安盛", "绿洲",
];
pub const TRADES: &[&str] = &[
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
pub const UNITS: &[&str] = &[
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
pub const CATEGORIES: &[&str] = &["重点排污单位", "一般监管对象", "重点管控新污染物企业"];
pub const MATTERS: &[&str] = &[
    "对排污许可证执行情况的检查",
    "对大气污染物排放情况的检查",
    "对水污染物排放情况的检查",
    "对危险废物规范化管理情况的检查",
    "对重点管控新污染物环境风险管控措施落实情况的检查",
];
pub const RESULTS: &[&str] = &[
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

pub struct Task {
    pub id: String,
    pub unit: String,
    pub category: &'static str,
    pub matter: &'static str,
    pub company: usize,
    pub start: NaiveDate,
    pub end: Option<NaiveDate>,
    pub result: &'static str,
    pub joint: bool,
}

/// Tasks spread over 2023-01-01 .. 2026-11-20, a few of the latest still in progress.
pub fn tasks(n: usize, companies: usize, rng: &mut Rng) -> Vec<Task> {
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

pub const HEADER: &str = "任务编号,抽查批次,执法机构,监管对象类别,抽查事项,检查对象名称,统一社会信用代码,地址,执法人员,检查开始日期,检查结束日期,检查结果,处理情况,是否联合检查";

/// Writes a site of `n` tasks into `dir`.
pub fn generate(dir: &Path, n: usize) -> std::io::Result<()> {
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
