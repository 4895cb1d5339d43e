//! Incremental builds make the same site as fresh ones, over random sequences of edits: each
//! step edits a living site and builds it into its output folder (keeping every file whose
//! fingerprint is unchanged), then builds a copy of its inputs from scratch, and the two output
//! trees and ledgers must be byte-identical. A value a page shows but its fingerprint leaves out
//! shows up here as a stale page.
//!
//! Edits cover the records (fields, joint inspections, deletions, additions), the ledger (late
//! reasons; revisions of results and summaries follow from corrected records), `gongshi.toml`
//! (a period's summary deadline and plan targets too: a quarter's page shows the year's joint
//! inspections so far, so an edit to one quarter's task changes the next quarter's page),
//! content pages, theme files and the as-of date.

mod common;

use std::path::Path;

use common::{copy_dir, identities, stderr, stdout, tree};
use proptest::prelude::*;

const DAYS: [&str; 8] = [
    "2025-10-20",
    "2025-10-21",
    "2025-10-28",
    "2025-11-14",
    "2026-01-05",
    "2026-01-20",
    "2026-04-30",
    "2026-07-15",
];

const UNITS: [&str; 3] = [
    "坪山管理局执法一队",
    "坪山管理局执法二队",
    "坪山管理局坑梓所",
];
const RESULTS: [&str; 4] = [
    "未发现问题",
    "发现问题，已责令改正",
    "<b>未发现</b> & 问题",
    "企业已关闭",
];

#[derive(Clone, Debug)]
struct Task {
    id: u32,
    unit: usize,
    entity: u32,
    credit_code: bool,
    /// Days after 2025-06-01.
    end: u32,
    result: usize,
    inspectors: u32,
    joint: bool,
}

impl Task {
    fn row(&self) -> String {
        let end = day(self.end);
        let code = if self.credit_code {
            format!("91440300MA5DC2P{:03}", self.entity % 1000)
        } else {
            String::new()
        };
        format!(
            "P-{:03},{},一般监管对象,废气排放检查,坪山某{}号电子有限公司,{code},{end},{end},{},,张三{},{}\n",
            self.id,
            UNITS[self.unit],
            self.entity,
            RESULTS[self.result],
            self.inspectors,
            if self.joint { "是" } else { "否" }
        )
    }
}

fn day(offset: u32) -> String {
    let start = chrono::NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
    (start + chrono::Days::new(offset.into())).to_string()
}

#[derive(Clone, Debug)]
struct Settings {
    title: u32,
    base_url: bool,
    page_size: usize,
    latest_results: usize,
    task_working_days: u32,
    publish_inspectors: bool,
    /// Rules until 2025-09-30 (the tasks' 2025Q3): a summary deadline or none, the plan's
    /// targets.
    quarter_summary: bool,
    joint_target: u32,
    first_month_target: u32,
}

impl Settings {
    fn toml(&self) -> String {
        format!(
            "[site]\ntitle = \"坪山 双随机公示 {}\"\nbureau = \"坪山管理局\"\nbase_url = \"{}\"\n\
             page_size = {}\nlatest_results = {}\n\n[disclosure]\ntask_working_days = {}\n\n\
             [privacy]\npublish_inspectors = {}\n\n[[disclosure.period]]\nuntil = 2025-09-30\n\
             quarter_summary = {}\njoint_inspection_share = 0.{:02}\n\
             monthly_completion = [0.{:02}, 0.70, 1.00]\n",
            self.title,
            if self.base_url {
                "https://meeb.sz.gov.cn/pingshan/"
            } else {
                "https://example.gov.cn/"
            },
            self.page_size,
            self.latest_results,
            self.task_working_days,
            self.publish_inspectors,
            self.quarter_summary,
            self.joint_target,
            self.first_month_target
        )
    }
}

#[derive(Clone, Debug)]
enum Edit {
    Result { task: usize, result: usize },
    Entity { task: usize, entity: u32 },
    CreditCode { task: usize },
    End { task: usize, end: u32 },
    Unit { task: usize, unit: usize },
    Inspectors { task: usize, inspectors: u32 },
    Joint { task: usize },
    Remove { task: usize },
    Add { entity: u32, end: u32, unit: usize },
    LateReason { row: usize, reason: u32 },
    Title(u32),
    BaseUrl,
    PageSize(usize),
    LatestResults(usize),
    TaskWorkingDays(u32),
    PublishInspectors,
    QuarterSummary,
    JointTarget(u32),
    FirstMonthTarget(u32),
    ContentPage(u32),
    Theme { file: usize, version: u32 },
    NextDay,
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (0..20usize, 0..4usize).prop_map(|(task, result)| Edit::Result { task, result }),
        (0..20usize, 0..6u32).prop_map(|(task, entity)| Edit::Entity { task, entity }),
        (0..20usize).prop_map(|task| Edit::CreditCode { task }),
        (0..20usize, 60..200u32).prop_map(|(task, end)| Edit::End { task, end }),
        (0..20usize, 0..3usize).prop_map(|(task, unit)| Edit::Unit { task, unit }),
        (0..20usize, 0..5u32).prop_map(|(task, inspectors)| Edit::Inspectors { task, inspectors }),
        (0..20usize).prop_map(|task| Edit::Joint { task }),
        (0..20usize).prop_map(|task| Edit::Remove { task }),
        (0..6u32, 60..200u32, 0..3usize).prop_map(|(entity, end, unit)| Edit::Add {
            entity,
            end,
            unit
        }),
        (0..20usize, 0..3u32).prop_map(|(row, reason)| Edit::LateReason { row, reason }),
        (0..3u32).prop_map(Edit::Title),
        Just(Edit::BaseUrl),
        (2..6usize).prop_map(Edit::PageSize),
        (1..8usize).prop_map(Edit::LatestResults),
        (15..20u32).prop_map(Edit::TaskWorkingDays),
        Just(Edit::PublishInspectors),
        Just(Edit::QuarterSummary),
        (5..40u32).prop_map(Edit::JointTarget),
        (20..40u32).prop_map(Edit::FirstMonthTarget),
        (0..3u32).prop_map(Edit::ContentPage),
        (0..3usize, 0..3u32).prop_map(|(file, version)| Edit::Theme { file, version }),
        Just(Edit::NextDay),
        Just(Edit::NextDay),
    ]
}

/// The living site, as its editor sees it.
struct Living {
    tasks: Vec<Task>,
    next_id: u32,
    settings: Settings,
    day: usize,
}

impl Living {
    fn new() -> Living {
        let tasks = (0..8)
            .map(|i| Task {
                id: i,
                unit: i as usize % 3,
                entity: i % 5,
                credit_code: i % 2 == 0,
                end: 60 + i * 17,
                result: i as usize % 2,
                inspectors: i % 3,
                joint: i % 3 == 0,
            })
            .collect();
        Living {
            tasks,
            next_id: 8,
            settings: Settings {
                title: 0,
                base_url: true,
                page_size: 3,
                latest_results: 4,
                task_working_days: 18,
                publish_inspectors: false,
                quarter_summary: true,
                joint_target: 30,
                first_month_target: 30,
            },
            day: 0,
        }
    }

    fn write(&self, site: &Path) {
        let mut csv = String::from(
            "task_id,unit,category,matter,entity,credit_code,start,end,result,handling,inspectors,是否联合检查\n",
        );
        for task in &self.tasks {
            csv.push_str(&task.row());
        }
        std::fs::create_dir_all(site.join("data/tasks")).unwrap();
        std::fs::write(site.join("data/tasks/tasks.csv"), csv).unwrap();
        std::fs::write(site.join("gongshi.toml"), self.settings.toml()).unwrap();
    }

    fn task(&mut self, i: usize) -> Option<&mut Task> {
        let len = self.tasks.len();
        (len > 0).then(|| &mut self.tasks[i % len])
    }

    fn apply(&mut self, edit: &Edit, site: &Path) {
        match *edit {
            Edit::Result { task, result } => {
                if let Some(t) = self.task(task) {
                    t.result = result;
                }
            }
            Edit::Entity { task, entity } => {
                if let Some(t) = self.task(task) {
                    t.entity = entity;
                }
            }
            Edit::CreditCode { task } => {
                if let Some(t) = self.task(task) {
                    t.credit_code = !t.credit_code;
                }
            }
            Edit::End { task, end } => {
                if let Some(t) = self.task(task) {
                    t.end = end;
                }
            }
            Edit::Unit { task, unit } => {
                if let Some(t) = self.task(task) {
                    t.unit = unit;
                }
            }
            Edit::Inspectors { task, inspectors } => {
                if let Some(t) = self.task(task) {
                    t.inspectors = inspectors;
                }
            }
            Edit::Joint { task } => {
                if let Some(t) = self.task(task) {
                    t.joint = !t.joint;
                }
            }
            Edit::Remove { task } => {
                if !self.tasks.is_empty() {
                    let len = self.tasks.len();
                    self.tasks.remove(task % len);
                }
            }
            Edit::Add { entity, end, unit } => {
                self.tasks.push(Task {
                    id: self.next_id,
                    unit,
                    entity,
                    credit_code: entity % 2 == 0,
                    end,
                    result: 0,
                    inspectors: 1,
                    joint: false,
                });
                self.next_id += 1;
            }
            Edit::LateReason { row, reason } => set_late_reason(site, row, reason),
            Edit::Title(title) => self.settings.title = title,
            Edit::BaseUrl => self.settings.base_url = !self.settings.base_url,
            Edit::PageSize(size) => self.settings.page_size = size,
            Edit::LatestResults(n) => self.settings.latest_results = n,
            Edit::TaskWorkingDays(days) => self.settings.task_working_days = days,
            Edit::PublishInspectors => {
                self.settings.publish_inspectors = !self.settings.publish_inspectors
            }
            Edit::QuarterSummary => self.settings.quarter_summary = !self.settings.quarter_summary,
            Edit::JointTarget(share) => self.settings.joint_target = share,
            Edit::FirstMonthTarget(share) => self.settings.first_month_target = share,
            Edit::ContentPage(version) => {
                std::fs::create_dir_all(site.join("content")).unwrap();
                std::fs::write(
                    site.join("content/about.md"),
                    format!("+++\ntitle = \"关于本站 {version}\"\n+++\n\n第{version}版说明。\n"),
                )
                .unwrap();
            }
            Edit::Theme { file, version } => override_theme(site, file, version),
            Edit::NextDay => self.day = (self.day + 1).min(DAYS.len() - 1),
        }
    }
}

/// Gives the `row`-th task row of the ledger a late reason (理由), as a web team does for a
/// result published late.
fn set_late_reason(site: &Path, row: usize, reason: u32) {
    let path = site.join("data/published.csv");
    let Ok(text) = std::fs::read_to_string(&path) else {
        return;
    };
    let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
    let rows: Vec<usize> = (1..lines.len())
        .filter(|&i| lines[i].starts_with("task,"))
        .collect();
    if rows.is_empty() {
        return;
    }
    let i = rows[row % rows.len()];
    let mut fields: Vec<String> = lines[i].split(',').map(str::to_string).collect();
    assert!(fields.len() >= 4, "ledger row {}", lines[i]);
    fields[3] = format!("系统故障延迟{reason}");
    lines[i] = fields.join(",");
    std::fs::write(&path, lines.join("\n") + "\n").unwrap();
}

/// Overrides one theme file with the embedded one, changed a little.
fn override_theme(site: &Path, file: usize, version: u32) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
    let (name, needle) = [
        ("templates/task.html", "{% endblock content %}"),
        ("templates/base.html", "</footer>"),
        ("static/style.css", ""),
    ][file];
    let original = std::fs::read_to_string(root.join(name)).unwrap();
    let changed = if needle.is_empty() {
        format!("{original}\n/* {version} */\n")
    } else {
        assert!(original.contains(needle), "{name} has no {needle}");
        original.replacen(needle, &format!("<p>版本{version}</p>{needle}"), 1)
    };
    let path = site.join("themes/default").join(name);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, changed).unwrap();
}

fn build(site: &Path, day: &str) {
    let output = common::gongshi_on(
        Some(day),
        &[
            "--color",
            "never",
            "build",
            "--as-of",
            day,
            "--site",
            site.to_str().unwrap(),
        ],
    );
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "build on {day} failed: {}{}",
        stdout(&output),
        stderr(&output)
    );
}

/// A copy of the site's inputs (not its output or caches).
fn inputs_of(site: &Path, to: &Path) {
    for dir in ["data", "content", "themes"] {
        if site.join(dir).exists() {
            copy_dir(&site.join(dir), &to.join(dir));
        }
    }
    std::fs::copy(site.join("gongshi.toml"), to.join("gongshi.toml")).unwrap();
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 20,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn an_incremental_build_makes_what_a_fresh_one_does(
        edits in proptest::collection::vec(edit(), 1..10)
    ) {
        let living_dir = tempfile::tempdir().unwrap();
        let site = living_dir.path();
        let mut living = Living::new();
        living.write(site);
        build(site, DAYS[0]);
        for (step, edit) in edits.iter().enumerate() {
            living.apply(edit, site);
            living.write(site);
            let day = DAYS[living.day];
            build(site, day);

            let fresh_dir = tempfile::tempdir().unwrap();
            let fresh = fresh_dir.path();
            inputs_of(site, fresh);
            build(fresh, day);
            let (old, new) = (tree(&site.join("public")), tree(&fresh.join("public")));
            let names = |t: &std::collections::BTreeMap<String, Vec<u8>>| {
                t.keys().cloned().collect::<Vec<_>>()
            };
            prop_assert_eq!(names(&old), names(&new), "step {} ({:?}): files differ", step, edit);
            for (path, bytes) in &old {
                prop_assert!(
                    new[path] == *bytes,
                    "step {} ({:?}) on {}: {} differs from a fresh build:\n{}\n---\n{}",
                    step,
                    edit,
                    day,
                    path,
                    String::from_utf8_lossy(bytes),
                    String::from_utf8_lossy(&new[path])
                );
            }
            prop_assert_eq!(
                std::fs::read(site.join("data/published.csv")).ok(),
                std::fs::read(fresh.join("data/published.csv")).ok(),
                "step {} ({:?}): the ledgers differ",
                step,
                edit
            );
        }
    }
}

/// The test above only means something if incremental builds keep files: a build after a
/// change to one record must leave most pages alone.
#[test]
fn an_incremental_build_keeps_what_did_not_change() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path();
    let mut living = Living::new();
    living.write(site);
    build(site, DAYS[0]);
    let before = identities(&site.join("public"));
    living.apply(&Edit::Result { task: 3, result: 2 }, site);
    living.write(site);
    build(site, DAYS[0]);
    let after = identities(&site.join("public"));
    let kept = before
        .iter()
        .filter(|(path, id)| after.get(*path) == Some(id))
        .count();
    assert!(
        kept * 2 > before.len(),
        "only {kept} of {} files kept",
        before.len()
    );
    assert!(
        after.get("tasks/p-003/index.html") != before.get("tasks/p-003/index.html"),
        "the corrected task's page was not rewritten"
    );
}
