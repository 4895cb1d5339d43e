//! The site model: which pages exist and what each template gets, rendered to output files.
//! Every URL here is part of the contract with citizens' bookmarks and other sites' links.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;

use crate::assess::{Assessment, PublishedTask, QuarterState};
use crate::config::Config;
use crate::content::{Content, Page};
use crate::dates::Quarter;
use crate::error::{Error, Result};
use crate::model::{Count, QuarterFigures, Record, Status};
use crate::opendata;
use crate::theme::{Templates, Theme};
use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

/// A file of the built site, by its path under the output folder (always `/`-separated, never
/// leaving it: every segment comes from a slug or a fixed name).
pub type Output = BTreeMap<String, Vec<u8>>;

#[derive(Serialize)]
struct SiteInfo<'a> {
    title: &'a str,
    bureau: &'a str,
    base_url: &'a str,
    description: &'a str,
}

#[derive(Serialize)]
struct BuildInfo {
    /// Only on pages that show it (see [`Site::render`]).
    as_of: Option<NaiveDate>,
    version: &'static str,
}

#[derive(Clone, Serialize)]
struct QuarterRef {
    id: String,
    slug: String,
    label: String,
    /// Whether the quarter has its page yet (it has ended).
    page: bool,
}

/// The page id of a company: its credit code, or for one without, a hash of its name.
pub fn entity_id(record: &Record) -> String {
    let code = &record.credit_code;
    if code.len() == 18 && code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        code.to_ascii_lowercase()
    } else {
        format!("n-{:016x}", crate::stable_hash(record.entity.trim()))
    }
}

/// The page name of an enforcement unit (执法机构).
pub fn unit_slug(unit: &str) -> String {
    format!("u-{:016x}", crate::stable_hash(unit.trim()))
}

/// What a task page shows.
#[derive(Clone, Serialize)]
struct TaskView<'a> {
    id: &'a str,
    slug: &'a str,
    unit: &'a str,
    unit_slug: &'a str,
    category: &'a str,
    matter: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    credit_code: &'a str,
    address: &'a str,
    /// Empty unless `[privacy] publish_inspectors = true`.
    inspectors: &'a str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    result: &'a str,
    found_problem: bool,
    /// The result's class: no_problem, problem, not_inspected (see `result_class`).
    result_class: &'static str,
    handling: &'a str,
    task_name: &'a str,
    inspection_type: &'a str,
    joint: bool,
    joint_departments: &'a str,
    quarter: Option<&'a QuarterRef>,
    published_on: NaiveDate,
    /// Last corrected (最后更新), if ever.
    updated_on: Option<NaiveDate>,
    /// The later of the two, for feeds.
    changed_on: NaiveDate,
    /// `None` while the year it falls in has no holiday notice; `deadline_pending` says so.
    deadline: Option<NaiveDate>,
    deadline_pending: Option<String>,
    working_days: u32,
    status: Status,
    status_label: &'static str,
}

/// How many of a task's other records a record's page links to (a joint inspection can take in
/// hundreds of companies; the unit's and the quarter's pages list them all).
const SAME_TASK_SHOWN: usize = 50;

/// The other published records of a task with several objects, as a record's page lists them.
#[derive(Serialize)]
struct SameTaskView<'a> {
    records: Vec<SameTask<'a>>,
    /// Those not listed.
    more: usize,
}

/// Another record of the same task, as a task page links to it.
#[derive(Clone, Serialize)]
struct SameTask<'a> {
    slug: &'a str,
    entity: &'a str,
    credit_code: &'a str,
    result: &'a str,
    found_problem: bool,
}

/// What the page of a withdrawn result (撤回) shows: no field of the result, only that it was
/// withdrawn, when, and why.
#[derive(Serialize)]
struct WithdrawnView<'a> {
    id: &'a str,
    slug: &'a str,
    published_on: NaiveDate,
    withdrawn_on: NaiveDate,
    reason: &'a str,
}

/// One bar of a chart, with the same figure as its table row.
#[derive(Serialize)]
struct Bar<'a> {
    name: &'a str,
    count: usize,
    /// Bar length, percent of the chart's width (the longest bar takes 80%).
    width: String,
    /// Where the count is written, just past the bar's end (percent).
    label_x: String,
    /// Share of the quarter's tasks, as shown ("12.5%").
    share: String,
}

#[derive(Serialize)]
struct Chart<'a> {
    key: &'static str,
    title: &'static str,
    heading: &'static str,
    bars: Vec<Bar<'a>>,
    /// The SVG's height in px.
    height: usize,
}

#[derive(Serialize)]
struct MonthView {
    month: String,
    by: NaiveDate,
    completed: usize,
    share: String,
    target: String,
    met: bool,
    width: String,
    target_x: String,
}

#[derive(Serialize)]
struct QuarterView<'a> {
    id: String,
    slug: String,
    label: String,
    page: bool,
    status: Status,
    status_label: &'static str,
    deadline: Option<NaiveDate>,
    deadline_pending: Option<String>,
    published_on: Option<NaiveDate>,
    figures: &'a QuarterFigures,
    joint_share: String,
    joint_target: String,
    joint_met: bool,
    problem_share: String,
    charts: Vec<Chart<'a>>,
    months: Vec<MonthView>,
    data_file: String,
    notes: Option<&'a str>,
}

/// A numbered link in a pager, or (with `gap`) the "…" between runs of numbers.
#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
    gap: bool,
}

/// Links between the pages of a long list: `base/`, `base/page/2/` ...
#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
    /// The first and last two pages and three either side of the current one, with gaps: a
    /// quarter of 2,500 pages would otherwise carry 2,500 links on each of them.
    pages: Vec<PageLink>,
}

impl Pagination {
    fn page_url(base: &str, number: usize) -> String {
        if number == 1 {
            base.to_string()
        } else {
            format!("{base}page/{number}/")
        }
    }

    fn new(base: &str, current: usize, total: usize) -> Pagination {
        let shown = |n: usize| n <= 2 || n + 1 >= total || n.abs_diff(current) <= 3;
        let mut pages = Vec::new();
        for number in 1..=total {
            if shown(number) {
                pages.push(PageLink {
                    number,
                    url: Self::page_url(base, number),
                    current: number == current,
                    gap: false,
                });
            } else if pages.last().is_some_and(|p: &PageLink| !p.gap) {
                pages.push(PageLink {
                    number,
                    url: String::new(),
                    current: false,
                    gap: true,
                });
            }
        }
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| Self::page_url(base, current - 1)),
            next: (current < total).then(|| Self::page_url(base, current + 1)),
            pages,
        }
    }
}

#[derive(Serialize)]
struct EntityView<'a> {
    id: &'a str,
    name: &'a str,
    credit_code: &'a str,
    address: &'a str,
    /// Newest first.
    tasks: Vec<TaskView<'a>>,
}

#[derive(Serialize)]
struct EntitySummary<'a> {
    id: &'a str,
    name: &'a str,
    credit_code: &'a str,
    inspections: usize,
    latest_end: Option<NaiveDate>,
    latest_result: &'a str,
}

fn percent(share: f64) -> String {
    let value = (share * 1000.0).round() / 10.0;
    if value.fract() == 0.0 {
        format!("{value:.0}%")
    } else {
        format!("{value:.1}%")
    }
}

/// The height of one labelled bar in the SVG charts, in px.
const ROW_HEIGHT: usize = 40;

fn bar_fraction(part: usize, max: usize) -> f64 {
    if max == 0 {
        0.0
    } else {
        part as f64 * 80.0 / max as f64
    }
}

fn width(part: usize, max: usize) -> String {
    format!("{:.1}", bar_fraction(part, max))
}

/// Minifies a whole page. (minify-html's one-pass minifier is three times faster, but writes
/// entities without their semicolons and attributes without spaces between them, which HTML
/// validators reject.)
fn minify(html: &[u8]) -> Vec<u8> {
    let cfg = minify_html::Cfg {
        keep_closing_tags: true,
        keep_html_and_head_opening_tags: true,
        minify_css: true,
        ..minify_html::Cfg::default()
    };
    escape_title(minify_html::minify(html, &cfg))
}

/// minify-html writes `<` inside `<title>` unescaped: harmless there (the title is raw text to
/// a browser), but record text must read as escaped to every tool that scans pages too.
fn escape_title(html: Vec<u8>) -> Vec<u8> {
    let find = |needle: &[u8], from: usize| {
        html[from..]
            .windows(needle.len())
            .position(|w| w == needle)
            .map(|i| i + from)
    };
    let Some(start) = find(b"<title>", 0).map(|i| i + b"<title>".len()) else {
        return html;
    };
    let Some(end) = find(b"</title>", start) else {
        return html;
    };
    if !html[start..end].contains(&b'<') {
        return html;
    }
    let mut out = Vec::with_capacity(html.len() + 16);
    out.extend_from_slice(&html[..start]);
    for &byte in &html[start..end] {
        if byte == b'<' {
            out.extend_from_slice(b"&lt;");
        } else {
            out.push(byte);
        }
    }
    out.extend_from_slice(&html[end..]);
    out
}

/// Builds the views the templates get.
struct Views<'a> {
    config: &'a Config,
    quarter_pages: HashSet<Quarter>,
    /// Every quarter a task falls in, made once rather than for every task.
    quarter_refs: HashMap<Quarter, QuarterRef>,
}

impl<'a> Views<'a> {
    fn quarter_ref(&self, q: Quarter) -> QuarterRef {
        QuarterRef {
            id: q.to_string(),
            slug: q.slug(),
            label: q.chinese(),
            page: self.quarter_pages.contains(&q),
        }
    }

    fn quarter(&self, state: &'a QuarterState, notes: Option<&'a str>) -> QuarterView<'a> {
        let f = &state.figures;
        let chart = |key, title, heading, rows: &'a [Count]| {
            let max = rows.iter().map(|c| c.count).max().unwrap_or(0);
            Chart {
                key,
                title,
                heading,
                bars: rows
                    .iter()
                    .map(|c| Bar {
                        name: &c.name,
                        count: c.count,
                        width: width(c.count, max),
                        label_x: format!("{:.1}", bar_fraction(c.count, max) + 1.5),
                        share: percent(if f.total == 0 {
                            0.0
                        } else {
                            c.count as f64 / f.total as f64
                        }),
                    })
                    .collect(),
                height: rows.len() * ROW_HEIGHT + 4,
            }
        };
        let plan = &self.config.plan;
        QuarterView {
            id: state.quarter.to_string(),
            slug: state.quarter.slug(),
            label: state.quarter.chinese(),
            page: state.status != Status::Open,
            status: state.status,
            status_label: state.status.chinese(),
            deadline: state.deadline.and_then(|d| d.known()),
            deadline_pending: state
                .deadline
                .and_then(|d| d.missing_year())
                .map(crate::calendar::pending_label),
            published_on: state.published_on,
            figures: f,
            joint_share: percent(f.joint_share),
            joint_target: percent(plan.joint_inspection_share),
            joint_met: f.joint_share >= plan.joint_inspection_share,
            problem_share: percent(f.problem_share),
            charts: vec![
                chart(
                    "by-category",
                    "按监管对象类别",
                    "监管对象类别",
                    &f.by_category,
                ),
                chart("by-result", "按检查结果", "检查结果", &f.by_result),
                chart("by-unit", "按执法机构", "执法机构", &f.by_unit),
            ],
            months: f
                .months
                .iter()
                .enumerate()
                .map(|(i, m)| MonthView {
                    month: format!("第{}个月", ["一", "二", "三"][i]),
                    by: m.by,
                    completed: m.completed,
                    share: percent(m.share),
                    target: percent(m.target),
                    met: m.share + 1e-9 >= m.target,
                    width: format!("{:.1}", m.share * 80.0),
                    target_x: format!("{:.1}", m.target * 80.0),
                })
                .collect(),
            data_file: format!("data/{}.csv", state.quarter.slug()),
            notes,
        }
    }
}

/// What one output file is made from (indices into the site model's lists).
#[derive(Debug, Clone, Copy)]
enum Kind {
    Static(u32),
    Task(TaskIndex),
    /// The page of a withdrawn result, by its place in the report's `withdrawn`.
    Withdrawn(u32),
    Quarter {
        quarter: u32,
        page: u32,
    },
    QuarterData(u32),
    Entity(u32),
    Entities(u32),
    Unit(u32),
    UnitQuarter {
        unit: u32,
        quarter: u32,
        page: u32,
    },
    Units,
    Content(u32),
    Index,
    NotFound,
    Feed,
    /// The whole sitemap, or with more than [`SITEMAP_LIMIT`] pages, its index (`None`) and
    /// its parts.
    Sitemap(Option<u32>),
    Robots,
    TasksCsv,
    TasksJson,
    SearchIndex,
}

/// A file of the built site; [`Site::path`] says where it goes.
#[derive(Debug, Clone, Copy)]
pub struct File {
    kind: Kind,
}

impl File {
    /// Whether the file is a page (listed in the sitemap).
    pub fn is_page(&self) -> bool {
        !matches!(
            self.kind,
            Kind::Static(_)
                | Kind::QuarterData(_)
                | Kind::NotFound
                | Kind::Feed
                | Kind::Sitemap(_)
                | Kind::Robots
                | Kind::TasksCsv
                | Kind::TasksJson
                | Kind::SearchIndex
        )
    }
}

/// Whether gongshi makes (or may make) a file at `path`: its fixed files, anything in the
/// folders of its own pages, and the open data files.
fn generated(path: &str) -> bool {
    const FILES: [&str; 5] = [
        "index.html",
        "404.html",
        "feed.xml",
        "robots.txt",
        "sitemap.xml",
    ];
    const FOLDERS: [&str; 5] = ["tasks/", "quarters/", "entities/", "units/", "search/"];
    FILES.contains(&path)
        || (path.starts_with("sitemap-") && path.ends_with(".xml") && !path.contains('/'))
        || FOLDERS.iter().any(|folder| path.starts_with(folder))
        || (path.starts_with("data/") && (path.ends_with(".csv") || path.ends_with(".json")))
}

/// A published task, by its place in [`Assessment::published`]. The site's lists hold these
/// rather than references: half the size, and they index the per-task tables.
type TaskIndex = u32;

/// The sitemap protocol's limit of URLs per file.
const SITEMAP_LIMIT: usize = 50_000;

struct QuarterModel<'a> {
    view: QuarterView<'a>,
    /// Published tasks by end date.
    tasks: Vec<TaskIndex>,
}

struct EntityModel {
    id: String,
    /// Newest first.
    tasks: Vec<TaskIndex>,
}

struct UnitQuarterModel {
    quarter: Quarter,
    total: usize,
    in_progress: usize,
    /// Newest first.
    tasks: Vec<TaskIndex>,
}

struct UnitModel<'a> {
    name: &'a str,
    slug: String,
    total: usize,
    published: usize,
    /// Newest first.
    quarters: Vec<UnitQuarterModel>,
}

#[derive(Serialize)]
struct UnitQuarterView {
    quarter: QuarterRef,
    total: usize,
    in_progress: usize,
    published: usize,
}

#[derive(Serialize)]
struct UnitHeader<'a> {
    slug: &'a str,
    name: &'a str,
    total: usize,
    published: usize,
}

#[derive(Serialize)]
struct UnitView<'a> {
    slug: &'a str,
    name: &'a str,
    total: usize,
    published: usize,
    /// Newest quarter first.
    quarters: Vec<UnitQuarterView>,
}

#[derive(Serialize)]
struct UnitSummary<'a> {
    slug: &'a str,
    name: &'a str,
    total: usize,
    published: usize,
}

/// The values a template gets, hashed as they are inserted: the hash is the page's
/// fingerprint, and the tera context is only built when the page is to be rendered.
struct PageData {
    hasher: Xxh3,
    context: Option<tera::Context>,
}

impl PageData {
    fn new(path: &str, template: &str, render: bool) -> PageData {
        let mut hasher = Xxh3::new();
        hasher.update(path.as_bytes());
        hasher.update(b"\0");
        hasher.update(template.as_bytes());
        PageData {
            hasher,
            context: render.then(tera::Context::new),
        }
    }

    /// A value the template gets: into the fingerprint, and when rendering, the context.
    fn insert<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.hash(key, value)?;
        if let Some(context) = &mut self.context {
            context.insert(key, value);
        }
        Ok(())
    }

    /// Into the fingerprint only; the context gets the value by [`PageData::set`].
    fn hash<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<()> {
        self.hasher.update(b"\0");
        self.hasher.update(key.as_bytes());
        crate::fingerprint::update(&mut self.hasher, value);
        Ok(())
    }

    /// Tasks into the fingerprint, by their own fingerprints.
    fn hash_tasks(&mut self, key: &'static str, fingerprints: impl Iterator<Item = u64>) {
        self.hasher.update(b"\0");
        self.hasher.update(key.as_bytes());
        for fingerprint in fingerprints {
            self.hasher.update(&fingerprint.to_le_bytes());
        }
    }

    /// Into the context only (made only when rendering); the fingerprint must already cover it.
    fn set<T: Serialize>(&mut self, key: &'static str, value: impl FnOnce() -> T) {
        if let Some(context) = &mut self.context {
            context.insert(key, &value());
        }
    }
}

/// Feeds serialised bytes straight into a hasher.
struct HashWriter<'a>(&'a mut Xxh3);

impl std::io::Write for HashWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.update(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// The site model: every file of the built site, and what each is made from. Files are made
/// one at a time by [`Site::produce`] (from any thread), so that no more than a page per
/// thread is ever held in memory.
pub struct Site<'a> {
    config: &'a Config,
    theme: &'a Theme,
    content: &'a Content,
    assessment: &'a Assessment,
    templates: Templates,
    nav_pages: Vec<&'a Page>,
    views: Views<'a>,
    quarters: Vec<QuarterModel<'a>>,
    entities: Vec<EntityModel>,
    /// Entity indices in the company list's order (by name).
    entity_order: Vec<usize>,
    units: Vec<UnitModel<'a>>,
    latest: Vec<TaskIndex>,
    feed: Vec<TaskIndex>,
    /// For each published task: its company and unit (indices into `entities` and `units`),
    /// the fingerprint of its view, which pages that list it hash instead of the view, and
    /// that of its open data record, which the data files hash instead of their rows.
    task_entity: Vec<u32>,
    task_unit: Vec<u32>,
    /// The published records of each task with several objects (检查对象), by task id.
    task_records: HashMap<&'a str, Vec<TaskIndex>>,
    task_fingerprints: Vec<u64>,
    open_fingerprints: Vec<u64>,
    static_files: Vec<(&'a str, &'a [u8])>,
    files: Vec<File>,
    /// Pages among the files.
    pages: usize,
    /// The day the newest published result last changed.
    all_newest: NaiveDate,
    salt: u64,
}

/// The day a published task last changed: published, or corrected since.
fn changed_on(task: &PublishedTask) -> NaiveDate {
    task.updated_on
        .unwrap_or(task.published_on)
        .max(task.published_on)
}

/// Entries in the Atom feed.
const FEED_LENGTH: usize = 50;

/// The first `n` of `0..len` in `order`, without sorting them all.
fn first_sorted(
    len: usize,
    n: usize,
    order: impl Fn(&TaskIndex, &TaskIndex) -> std::cmp::Ordering,
) -> Vec<TaskIndex> {
    let mut all: Vec<TaskIndex> = (0..len as TaskIndex).collect();
    if n < all.len() {
        all.select_nth_unstable_by(n, &order);
        all.truncate(n);
    }
    all.sort_by(&order);
    all
}

fn chunk_count(len: usize, size: usize) -> usize {
    len.div_ceil(size).max(1)
}

fn chunk<T>(items: &[T], size: usize, page: usize) -> &[T] {
    let start = (page * size).min(items.len());
    &items[start..(start + size).min(items.len())]
}

impl<'a> Site<'a> {
    /// Models the site: which files exist, and what each is made from.
    pub fn new(
        assessment: &'a Assessment,
        content: &'a Content,
        config: &'a Config,
        theme: &'a Theme,
    ) -> Result<Site<'a>> {
        Site::with_templates(
            assessment,
            content,
            config,
            theme,
            Templates::compile(theme)?,
        )
    }

    /// [`Site::new`] with templates compiled as the caller chose.
    pub fn with_templates(
        assessment: &'a Assessment,
        content: &'a Content,
        config: &'a Config,
        theme: &'a Theme,
        templates: Templates,
    ) -> Result<Site<'a>> {
        let as_of = assessment.report.as_of;
        let page_size = config.site.page_size;
        let nav_pages: Vec<&Page> = content
            .pages
            .iter()
            .filter(|p| !p.path.contains('/'))
            .collect();
        let published = &assessment.published;
        let task = |i: TaskIndex| &published[i as usize];
        let mut quarter_refs: HashMap<Quarter, QuarterRef> = HashMap::new();
        let quarter_pages: HashSet<Quarter> = assessment
            .quarters
            .iter()
            .filter(|q| q.status != Status::Open)
            .map(|q| q.quarter)
            .collect();
        for quarter in assessment
            .quarters
            .iter()
            .map(|q| q.quarter)
            .chain(published.iter().filter_map(|t| t.record.quarter()))
        {
            quarter_refs.entry(quarter).or_insert_with(|| QuarterRef {
                id: quarter.to_string(),
                slug: quarter.slug(),
                label: quarter.chinese(),
                page: quarter_pages.contains(&quarter),
            });
        }
        let views = Views {
            config,
            quarter_pages,
            quarter_refs,
        };
        let published_index = |record: usize| assessment.published_index[record];
        let newest_first = |a: &TaskIndex, b: &TaskIndex| {
            let (a, b) = (&task(*a).record, &task(*b).record);
            b.end.cmp(&a.end).then_with(|| b.task_id.cmp(&a.task_id))
        };

        // Quarters.
        let notes: HashMap<Quarter, &Page> =
            content.quarter_notes.iter().map(|(q, p)| (*q, p)).collect();
        let quarters: Vec<QuarterModel<'a>> = assessment
            .quarters
            .iter()
            .map(|state| {
                let view =
                    views.quarter(state, notes.get(&state.quarter).map(|p| p.content.as_str()));
                let mut tasks: Vec<TaskIndex> = if view.page {
                    state
                        .tasks
                        .iter()
                        .filter_map(|&i| published_index(i))
                        .collect()
                } else {
                    Vec::new()
                };
                tasks.sort_by(|a, b| {
                    let (a, b) = (&task(*a).record, &task(*b).record);
                    a.end.cmp(&b.end).then_with(|| a.task_id.cmp(&b.task_id))
                });
                QuarterModel { view, tasks }
            })
            .collect();

        // Companies (检查对象), by credit code or name: tasks sorted by company, then grouped.
        let ids: Vec<String> = published.par_iter().map(|t| entity_id(&t.record)).collect();
        let mut by_entity: Vec<TaskIndex> = (0..published.len() as TaskIndex).collect();
        by_entity.par_sort_by(|&a, &b| {
            ids[a as usize]
                .cmp(&ids[b as usize])
                .then_with(|| newest_first(&a, &b))
        });
        let mut task_records: HashMap<&str, Vec<TaskIndex>> = HashMap::new();
        for (i, task) in published.iter().enumerate() {
            if task.record.object.is_some() {
                task_records
                    .entry(task.record.task_id.as_str())
                    .or_default()
                    .push(i as TaskIndex);
            }
        }
        let mut task_entity = vec![0; published.len()];
        let mut entities: Vec<EntityModel> = Vec::new();
        for group in by_entity.chunk_by(|&a, &b| ids[a as usize] == ids[b as usize]) {
            for &i in group {
                task_entity[i as usize] = entities.len() as u32;
            }
            entities.push(EntityModel {
                id: ids[group[0] as usize].clone(),
                tasks: group.to_vec(),
            });
        }
        let mut entity_order: Vec<usize> = (0..entities.len()).collect();
        entity_order.sort_by(|&a, &b| {
            let (a, b) = (&entities[a], &entities[b]);
            task(a.tasks[0])
                .record
                .entity
                .cmp(&task(b.tasks[0]).record.entity)
                .then_with(|| a.id.cmp(&b.id))
        });

        // Enforcement units (执法机构): every valid task, published or not, by quarter.
        let mut by_unit: BTreeMap<&str, BTreeMap<Quarter, Vec<usize>>> = BTreeMap::new();
        for (i, (record, _)) in assessment.records.iter().enumerate() {
            if let Some(q) = record.quarter() {
                by_unit
                    .entry(&*record.unit)
                    .or_default()
                    .entry(q)
                    .or_default()
                    .push(i);
            }
        }
        let mut task_unit = vec![0; published.len()];
        let units: Vec<UnitModel<'a>> = by_unit
            .into_iter()
            .enumerate()
            .map(|(u, (name, by_quarter))| {
                let quarters: Vec<UnitQuarterModel> = by_quarter
                    .into_iter()
                    .rev()
                    .map(|(quarter, rows)| {
                        let mut tasks: Vec<TaskIndex> =
                            rows.iter().filter_map(|&i| published_index(i)).collect();
                        tasks.sort_by(|a, b| {
                            let (a, b) = (&task(*a).record, &task(*b).record);
                            b.end.cmp(&a.end).then_with(|| a.task_id.cmp(&b.task_id))
                        });
                        for &i in &tasks {
                            task_unit[i as usize] = u as u32;
                        }
                        UnitQuarterModel {
                            quarter,
                            total: rows.len(),
                            in_progress: rows
                                .iter()
                                .filter(|&&i| assessment.records[i].0.end.is_none())
                                .count(),
                            tasks,
                        }
                    })
                    .collect();
                UnitModel {
                    name,
                    slug: unit_slug(name),
                    total: quarters.iter().map(|q| q.total).sum(),
                    published: quarters.iter().map(|q| q.tasks.len()).sum(),
                    quarters,
                }
            })
            .collect();

        // The home page's latest results and the feed's latest changes.
        let by_publication = |a: &TaskIndex, b: &TaskIndex| {
            let (a, b) = (task(*a), task(*b));
            b.published_on
                .cmp(&a.published_on)
                .then_with(|| b.record.end.cmp(&a.record.end))
                .then_with(|| a.record.task_id.cmp(&b.record.task_id))
        };
        let by_change = |a: &TaskIndex, b: &TaskIndex| {
            changed_on(task(*b))
                .cmp(&changed_on(task(*a)))
                .then_with(|| task(*a).record.task_id.cmp(&task(*b).record.task_id))
        };
        let latest = first_sorted(published.len(), config.site.latest_results, by_publication);
        let feed = first_sorted(published.len(), FEED_LENGTH, by_change);

        let mut site = Site {
            config,
            theme,
            content,
            assessment,
            templates,
            nav_pages,
            views,
            quarters,
            entities,
            entity_order,
            units,
            latest,
            feed,
            task_entity,
            task_unit,
            task_records,
            task_fingerprints: Vec::new(),
            open_fingerprints: Vec::new(),
            static_files: theme.static_files().collect(),
            files: Vec::new(),
            pages: 0,
            all_newest: as_of,
            salt: 0,
        };
        (site.task_fingerprints, site.open_fingerprints) = (0..published.len() as TaskIndex)
            .into_par_iter()
            .map(|i| {
                (
                    crate::fingerprint::of(&site.task_view(i)),
                    crate::fingerprint::of(&opendata::open_record(site.task(i), config)),
                )
            })
            .unzip();

        // Two results on one page would be one lost: the assessment gives each its own address.
        let mut slugs: HashSet<&str> = HashSet::with_capacity(published.len());
        for slug in published
            .iter()
            .map(|t| t.record.slug.as_str())
            .chain(assessment.report.withdrawn.iter().map(|w| w.slug.as_str()))
        {
            if !slugs.insert(slug) {
                return Err(Error::Usage(format!(
                    "two results would share the page tasks/{slug}/ (a bug in gongshi: please \
                     report it)"
                )));
            }
        }
        drop(slugs);

        // Every file. Paths are made when needed, never kept: a province has millions.
        let mut files: Vec<File> = Vec::new();
        let mut add = |kind: Kind| files.push(File { kind });
        for i in 0..site.static_files.len() {
            add(Kind::Static(i as u32));
        }
        for i in 0..published.len() {
            add(Kind::Task(i as TaskIndex));
        }
        for i in 0..assessment.report.withdrawn.len() {
            add(Kind::Withdrawn(i as u32));
        }
        for (i, q) in site.quarters.iter().enumerate() {
            if !q.view.page {
                continue;
            }
            for page in 0..chunk_count(q.tasks.len(), page_size) {
                add(Kind::Quarter {
                    quarter: i as u32,
                    page: page as u32,
                });
            }
            add(Kind::QuarterData(i as u32));
        }
        for i in 0..site.entities.len() {
            add(Kind::Entity(i as u32));
        }
        for page in 0..chunk_count(site.entities.len(), page_size) {
            add(Kind::Entities(page as u32));
        }
        for (i, unit) in site.units.iter().enumerate() {
            add(Kind::Unit(i as u32));
            for (j, uq) in unit.quarters.iter().enumerate() {
                if uq.tasks.is_empty() {
                    continue;
                }
                for page in 0..chunk_count(uq.tasks.len(), page_size) {
                    add(Kind::UnitQuarter {
                        unit: i as u32,
                        quarter: j as u32,
                        page: page as u32,
                    });
                }
            }
        }
        add(Kind::Units);
        for i in 0..content.pages.len() {
            add(Kind::Content(i as u32));
        }
        for kind in [
            Kind::Index,
            Kind::NotFound,
            Kind::Feed,
            Kind::Robots,
            Kind::TasksCsv,
            Kind::TasksJson,
            Kind::SearchIndex,
            Kind::Sitemap(None),
        ] {
            add(kind);
        }
        let pages = files.iter().filter(|f| f.is_page()).count();
        if pages > SITEMAP_LIMIT {
            for part in 0..pages.div_ceil(SITEMAP_LIMIT) {
                files.push(File {
                    kind: Kind::Sitemap(Some(part as u32)),
                });
            }
        }
        site.files = files;
        site.pages = pages;
        site.all_newest = site
            .feed
            .iter()
            .map(|&i| changed_on(task(i)))
            .max()
            .unwrap_or(as_of);
        // Content pages and theme files are named by the site; the rest by gongshi, whose
        // names never meet (slugs and ids are unique, each kind in a folder of its own).
        for file in &site.files {
            if matches!(file.kind, Kind::Content(_) | Kind::Static(_)) {
                let path = site.path(file);
                if generated(&path) {
                    return Err(Error::Usage(format!(
                        "{path} would be written over a page gongshi makes there: content pages \
                         and theme files cannot go in tasks/, quarters/, entities/, units/ or \
                         search/, nor be data/*.csv, data/*.json, index.html, 404.html, \
                         feed.xml, robots.txt or sitemap*.xml; rename or move the file"
                    )));
                }
            }
        }
        site.salt = site.salt()?;
        Ok(site)
    }

    /// Every file of the site.
    pub fn files(&self) -> &[File] {
        &self.files
    }

    /// A hash of what every page shares (the theme, the settings, the navigation, gongshi
    /// itself): a page's fingerprint only means something next to the same salt.
    pub fn fingerprint_salt(&self) -> u64 {
        self.salt
    }

    fn salt(&self) -> Result<u64> {
        let mut hasher = Xxh3::new();
        hasher.update(&crate::binary_identity().to_le_bytes());
        for (path, bytes) in &self.theme.files {
            hasher.update(path.as_bytes());
            hasher.update(&(bytes.len() as u64).to_le_bytes());
            hasher.update(bytes);
        }
        serde_json::to_writer(HashWriter(&mut hasher), self.config)
            .and_then(|()| serde_json::to_writer(HashWriter(&mut hasher), &self.nav_pages))
            .map_err(|e| Error::Usage(format!("cannot serialise the settings: {e}")))?;
        Ok(hasher.digest())
    }

    /// Makes `file` in memory.
    pub fn bytes(&self, file: &File) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.produce(file, Some(&mut bytes))?;
        Ok(bytes)
    }

    /// The other published records of task `i`'s task: the first [`SAME_TASK_SHOWN`] of them,
    /// and how many there are.
    fn same_task(&self, i: TaskIndex) -> (Vec<TaskIndex>, usize) {
        let record = &self.assessment.published[i as usize].record;
        let Some(records) = self.task_records.get(record.task_id.as_str()) else {
            return (Vec::new(), 0);
        };
        let others = records.iter().copied().filter(|&j| j != i);
        (
            others.clone().take(SAME_TASK_SHOWN).collect(),
            others.count(),
        )
    }

    fn same_task_view(&self, others: &[TaskIndex], total: usize) -> SameTaskView<'_> {
        let record = |j: TaskIndex| &self.assessment.published[j as usize].record;
        SameTaskView {
            records: others
                .iter()
                .map(|&j| {
                    let other = record(j);
                    SameTask {
                        slug: &other.slug,
                        entity: &other.entity,
                        credit_code: &other.credit_code,
                        result: &other.result,
                        found_problem: other.class == crate::model::ResultClass::Problem,
                    }
                })
                .collect(),
            more: total.saturating_sub(SAME_TASK_SHOWN),
        }
    }

    /// What task `i`'s page and every list of tasks show of it.
    fn task_view(&self, i: TaskIndex) -> TaskView<'_> {
        let task = &self.assessment.published[i as usize];
        let r: &Record = &task.record;
        let end = r.end.expect("published tasks have an end date");
        TaskView {
            id: &r.task_id,
            slug: &r.slug,
            unit: &r.unit,
            unit_slug: &self.units[self.task_unit[i as usize] as usize].slug,
            category: &r.category,
            matter: &r.matter,
            entity: &r.entity,
            entity_id: &self.entities[self.task_entity[i as usize] as usize].id,
            credit_code: &r.credit_code,
            address: &r.address,
            inspectors: if self.config.privacy.publish_inspectors {
                &r.inspectors
            } else {
                ""
            },
            start: r.start,
            end: r.end,
            result: &r.result,
            found_problem: r.class == crate::model::ResultClass::Problem,
            result_class: r.class.key(),
            handling: &r.handling,
            task_name: &r.task_name,
            inspection_type: &r.inspection_type,
            joint: r.joint,
            joint_departments: &r.joint_departments,
            quarter: r.quarter().and_then(|q| self.views.quarter_refs.get(&q)),
            published_on: task.published_on,
            updated_on: task.updated_on,
            changed_on: changed_on(task),
            deadline: task.deadline.known(),
            deadline_pending: task
                .deadline
                .missing_year()
                .map(crate::calendar::pending_label),
            working_days: self.config.disclosure.rules_for(end).task_working_days,
            status: task.status,
            status_label: task.status.chinese(),
        }
    }

    /// What a withdrawn result's page shows.
    fn withdrawn_page(&self, i: u32) -> WithdrawnView<'_> {
        let w = &self.assessment.report.withdrawn[i as usize];
        WithdrawnView {
            id: &w.id,
            slug: &w.slug,
            published_on: w.published_on,
            withdrawn_on: w.withdrawn_on,
            reason: &w.reason,
        }
    }

    /// Withdrawals for the feed: those of the time its results cover (all of them while it
    /// has room), newest first, as many as it has entries.
    fn recent_withdrawals(&self) -> Vec<WithdrawnView<'_>> {
        let since = (self.feed.len() == FEED_LENGTH)
            .then(|| self.feed.iter().map(|&i| changed_on(self.task(i))).min())
            .flatten();
        let mut all: Vec<u32> = (0..self.assessment.report.withdrawn.len() as u32)
            .filter(|&i| {
                since.is_none_or(|since| {
                    self.assessment.report.withdrawn[i as usize].withdrawn_on >= since
                })
            })
            .collect();
        all.sort_by(|&a, &b| {
            let (a, b) = (
                &self.assessment.report.withdrawn[a as usize],
                &self.assessment.report.withdrawn[b as usize],
            );
            b.withdrawn_on
                .cmp(&a.withdrawn_on)
                .then_with(|| a.id.cmp(&b.id))
        });
        all.truncate(FEED_LENGTH);
        all.into_iter().map(|i| self.withdrawn_page(i)).collect()
    }

    fn task(&self, i: TaskIndex) -> &PublishedTask {
        &self.assessment.published[i as usize]
    }

    /// A list of tasks as the template gets it, hashed by the tasks' own fingerprints.
    fn insert_tasks(&self, data: &mut PageData, key: &'static str, tasks: &[TaskIndex]) {
        data.hash_tasks(
            key,
            tasks.iter().map(|&i| self.task_fingerprints[i as usize]),
        );
        data.set(key, || {
            tasks.iter().map(|&i| self.task_view(i)).collect::<Vec<_>>()
        });
    }

    /// The fingerprint of a data file made from these tasks: their open data records' (the
    /// salt covers the file's format and settings).
    fn data_fingerprint(&self, path: &str, tasks: impl Iterator<Item = TaskIndex>) -> u64 {
        let mut data = PageData::new(path, "", false);
        data.hash_tasks("tasks", tasks.map(|i| self.open_fingerprints[i as usize]));
        data.hasher.digest()
    }

    /// Works out `file`'s fingerprint, which changes whenever its bytes would, and with `out`,
    /// writes the file there. A templated page's fingerprint is a hash of what its template
    /// gets, and a data file's of the tasks it holds, so an unchanged file is known without
    /// making it.
    pub fn produce(&self, file: &File, out: Option<&mut dyn Write>) -> Result<u64> {
        let render = out.is_some();
        let page_size = self.config.site.page_size;
        let path = self.path(file);
        let path = path.as_str();
        let io = |e: std::io::Error| Error::io(path, e);
        let raw = |bytes: &[u8], out: Option<&mut dyn Write>| -> Result<u64> {
            if let Some(out) = out {
                out.write_all(bytes).map_err(io)?;
            }
            Ok(xxh3_64(bytes))
        };
        let new = |template: &str| PageData::new(path, template, render);
        match file.kind {
            Kind::Static(i) => raw(self.static_files[i as usize].1, out),
            Kind::Withdrawn(i) => {
                let mut data = new("withdrawn.html");
                data.insert("withdrawal", &self.withdrawn_page(i))?;
                self.render(path, "withdrawn.html", data, false, out)
            }
            Kind::Task(i) => {
                let mut data = new("task.html");
                data.hash_tasks("task", std::iter::once(self.task_fingerprints[i as usize]));
                let (others, total) = self.same_task(i);
                data.hash_tasks(
                    "same_task",
                    others
                        .iter()
                        .map(|&j| self.task_fingerprints[j as usize])
                        .chain(std::iter::once(total as u64)),
                );
                data.set("task", || self.task_view(i));
                data.set("same_task", || self.same_task_view(&others, total));
                self.render(path, "task.html", data, false, out)
            }
            Kind::Quarter { quarter, page } => {
                let (q, page) = (&self.quarters[quarter as usize], page as usize);
                let base = format!("quarters/{}/", q.view.slug);
                let mut data = new("quarter.html");
                data.insert("quarter", &q.view)?;
                self.insert_tasks(&mut data, "tasks", chunk(&q.tasks, page_size, page));
                data.insert("first_number", &(page * page_size + 1))?;
                data.insert(
                    "pagination",
                    &Pagination::new(&base, page + 1, chunk_count(q.tasks.len(), page_size)),
                )?;
                self.render(path, "quarter.html", data, false, out)
            }
            Kind::QuarterData(i) => {
                let tasks = &self.quarters[i as usize].tasks;
                if let Some(out) = out {
                    let tasks = tasks.iter().map(|&i| self.task(i));
                    opendata::csv(tasks, self.config, out).map_err(io)?;
                }
                Ok(self.data_fingerprint(path, tasks.iter().copied()))
            }
            Kind::Entity(i) => {
                let entity = &self.entities[i as usize];
                let latest = &self.task(entity.tasks[0]).record;
                let header = EntityView {
                    id: &entity.id,
                    name: &latest.entity,
                    credit_code: &latest.credit_code,
                    address: &latest.address,
                    tasks: Vec::new(),
                };
                let mut data = new("entity.html");
                data.hash("entity", &header)?;
                data.hash_tasks(
                    "entity.tasks",
                    entity
                        .tasks
                        .iter()
                        .map(|&i| self.task_fingerprints[i as usize]),
                );
                data.set("entity", || EntityView {
                    tasks: entity.tasks.iter().map(|&i| self.task_view(i)).collect(),
                    ..header
                });
                self.render(path, "entity.html", data, false, out)
            }
            Kind::Entities(page) => {
                let page = page as usize;
                let summaries: Vec<EntitySummary<'_>> = chunk(&self.entity_order, page_size, page)
                    .iter()
                    .map(|&i| {
                        let entity = &self.entities[i];
                        let latest = &self.task(entity.tasks[0]).record;
                        EntitySummary {
                            id: &entity.id,
                            name: &latest.entity,
                            credit_code: &latest.credit_code,
                            inspections: entity.tasks.len(),
                            latest_end: latest.end,
                            latest_result: &latest.result,
                        }
                    })
                    .collect();
                let mut data = new("entities.html");
                data.insert("entities", &summaries)?;
                data.insert("total", &self.entities.len())?;
                data.insert("first_number", &(page * page_size + 1))?;
                data.insert(
                    "pagination",
                    &Pagination::new(
                        "entities/",
                        page + 1,
                        chunk_count(self.entities.len(), page_size),
                    ),
                )?;
                self.render(path, "entities.html", data, true, out)
            }
            Kind::Unit(i) => {
                let unit = &self.units[i as usize];
                let mut data = new("unit.html");
                data.insert(
                    "unit",
                    &UnitView {
                        slug: &unit.slug,
                        name: unit.name,
                        total: unit.total,
                        published: unit.published,
                        quarters: unit
                            .quarters
                            .iter()
                            .map(|uq| self.unit_quarter_view(uq))
                            .collect(),
                    },
                )?;
                self.render(path, "unit.html", data, true, out)
            }
            Kind::UnitQuarter {
                unit,
                quarter,
                page,
            } => {
                let u = &self.units[unit as usize];
                let uq = &u.quarters[quarter as usize];
                let page = page as usize;
                let base = format!("units/{}/{}/", u.slug, uq.quarter.slug());
                let mut data = new("unit-quarter.html");
                data.insert(
                    "unit",
                    &UnitHeader {
                        slug: &u.slug,
                        name: u.name,
                        total: u.total,
                        published: u.published,
                    },
                )?;
                data.insert("uq", &self.unit_quarter_view(uq))?;
                self.insert_tasks(&mut data, "tasks", chunk(&uq.tasks, page_size, page));
                data.insert(
                    "pagination",
                    &Pagination::new(&base, page + 1, chunk_count(uq.tasks.len(), page_size)),
                )?;
                self.render(path, "unit-quarter.html", data, true, out)
            }
            Kind::Units => {
                let mut data = new("units.html");
                data.insert("units", &self.unit_summaries())?;
                self.render(path, "units.html", data, true, out)
            }
            Kind::Content(i) => {
                let mut data = new("page.html");
                data.insert("page", &self.content.pages[i as usize])?;
                self.render(path, "page.html", data, false, out)
            }
            Kind::Index => {
                let quarter_views: Vec<&QuarterView<'_>> =
                    self.quarters.iter().rev().map(|q| &q.view).collect();
                let mut data = new("index.html");
                data.insert("quarters", &quarter_views)?;
                self.insert_tasks(&mut data, "latest", &self.latest);
                data.insert("units", &self.unit_summaries())?;
                data.insert("entity_count", &self.entities.len())?;
                self.render(path, "index.html", data, true, out)
            }
            Kind::NotFound => {
                // Served at any depth, where the stylesheet's relative path would miss.
                let css = self
                    .static_files
                    .iter()
                    .find(|(name, _)| *name == "style.css")
                    .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned());
                let mut data = new("404.html");
                data.insert("inline_css", &css)?;
                self.render(path, "404.html", data, false, out)
            }
            Kind::Feed => {
                let mut data = new("feed.xml");
                data.insert("base", &absolute_base(&self.config.site.base_url))?;
                let withdrawals = self.recent_withdrawals();
                let newest_withdrawal = withdrawals.iter().map(|w| w.withdrawn_on).max();
                data.insert(
                    "updated",
                    &self
                        .feed
                        .first()
                        .map(|&i| changed_on(self.task(i)))
                        .max(newest_withdrawal)
                        .unwrap_or(self.assessment.report.as_of),
                )?;
                self.insert_tasks(&mut data, "tasks", &self.feed);
                data.insert("withdrawals", &withdrawals)?;
                self.render(path, "feed.xml", data, false, out)
            }
            Kind::Sitemap(part) => {
                let base = absolute_base(&self.config.site.base_url);
                if part.is_none() && self.pages > SITEMAP_LIMIT {
                    raw(&self.sitemap_index(&base), out)
                } else {
                    #[derive(Serialize)]
                    struct SitemapEntry {
                        loc: String,
                        lastmod: NaiveDate,
                    }
                    let entries: Vec<SitemapEntry> = self
                        .sitemap_pages()
                        .skip(part.unwrap_or(0) as usize * SITEMAP_LIMIT)
                        .take(SITEMAP_LIMIT)
                        .map(|(url, lastmod)| SitemapEntry {
                            loc: format!("{base}{url}"),
                            lastmod,
                        })
                        .collect();
                    let mut data = new("sitemap.xml");
                    data.insert("entries", &entries)?;
                    self.render(path, "sitemap.xml", data, false, out)
                }
            }
            Kind::Robots => {
                let base = absolute_base(&self.config.site.base_url);
                raw(
                    format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n").as_bytes(),
                    out,
                )
            }
            Kind::TasksCsv => {
                if let Some(out) = out {
                    opendata::csv(self.assessment.published.iter(), self.config, out)
                        .map_err(io)?;
                }
                Ok(self.data_fingerprint(path, 0..self.task_fingerprints.len() as TaskIndex))
            }
            Kind::TasksJson => {
                if let Some(out) = out {
                    opendata::json(self.assessment.published.iter(), self.config, out)
                        .map_err(io)?;
                }
                Ok(self.data_fingerprint(path, 0..self.task_fingerprints.len() as TaskIndex))
            }
            Kind::SearchIndex => {
                // Small beside the pages: fingerprinted by its bytes, made as they are hashed.
                let entities = || {
                    self.entities
                        .iter()
                        .map(|e| (e.id.as_str(), e.tasks.iter().map(|&i| self.task(i))))
                };
                let mut hasher = Xxh3::new();
                crate::search::index(entities(), &mut HashWriter(&mut hasher)).map_err(io)?;
                if let Some(out) = out {
                    crate::search::index(entities(), out).map_err(io)?;
                }
                Ok(hasher.digest())
            }
        }
    }

    fn unit_quarter_view(&self, uq: &UnitQuarterModel) -> UnitQuarterView {
        UnitQuarterView {
            quarter: self.views.quarter_ref(uq.quarter),
            total: uq.total,
            in_progress: uq.in_progress,
            published: uq.tasks.len(),
        }
    }

    fn unit_summaries(&self) -> Vec<UnitSummary<'_>> {
        self.units
            .iter()
            .map(|u| UnitSummary {
                slug: &u.slug,
                name: u.name,
                total: u.total,
                published: u.published,
            })
            .collect()
    }

    fn sitemap_index(&self, base: &str) -> Vec<u8> {
        let mut xml = String::from(
            "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n\
             <sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
        );
        let mut lastmods: Vec<NaiveDate> = Vec::new();
        for (k, (_, lastmod)) in self.sitemap_pages().enumerate() {
            match lastmods.get_mut(k / SITEMAP_LIMIT) {
                Some(newest) => *newest = (*newest).max(lastmod),
                None => lastmods.push(lastmod),
            }
        }
        for (part, lastmod) in lastmods.iter().enumerate() {
            xml.push_str(&format!(
                "<sitemap><loc>{}sitemap-{}.xml</loc><lastmod>{lastmod}</lastmod></sitemap>\n",
                tera_escape(base),
                part + 1,
            ));
        }
        xml.push_str("</sitemapindex>\n");
        xml.into_bytes()
    }

    /// Every page's URL (relative to the site) with the day it last changed, in file order.
    fn sitemap_pages(&self) -> impl Iterator<Item = (String, NaiveDate)> + '_ {
        self.files.iter().filter(|f| f.is_page()).map(|file| {
            let path = self.path(file);
            let url = path.strip_suffix("index.html").unwrap_or(&path).to_string();
            (url, self.last_changed(file))
        })
    }

    /// The day a page last changed, for the sitemap.
    fn last_changed(&self, file: &File) -> NaiveDate {
        let as_of = self.assessment.report.as_of;
        let newest = |tasks: &[TaskIndex]| {
            tasks
                .iter()
                .map(|&i| changed_on(self.task(i)))
                .max()
                .unwrap_or(as_of)
        };
        match file.kind {
            Kind::Task(i) => changed_on(self.task(i)),
            Kind::Withdrawn(i) => self.assessment.report.withdrawn[i as usize].withdrawn_on,
            Kind::Quarter { quarter, .. } => self.quarters[quarter as usize]
                .view
                .published_on
                .unwrap_or(as_of),
            Kind::Entity(i) => newest(&self.entities[i as usize].tasks),
            Kind::Unit(i) => self.units[i as usize]
                .quarters
                .iter()
                .filter(|q| !q.tasks.is_empty())
                .map(|q| newest(&q.tasks))
                .max()
                .unwrap_or(as_of),
            Kind::UnitQuarter { unit, quarter, .. } => {
                newest(&self.units[unit as usize].quarters[quarter as usize].tasks)
            }
            Kind::Content(i) => {
                let page = &self.content.pages[i as usize];
                page.updated.or(page.date).unwrap_or(as_of)
            }
            _ => self.all_newest,
        }
    }

    /// Where `file` goes under the output folder: `/`-separated, never leaving it (every
    /// segment comes from a slug, an id or a fixed name).
    pub fn path(&self, file: &File) -> String {
        let paged =
            |base: String, page: u32| Pagination::page_url(&base, page as usize + 1) + "index.html";
        match file.kind {
            Kind::Static(i) => self.static_files[i as usize].0.to_string(),
            Kind::Task(i) => format!("tasks/{}/index.html", self.task(i).record.slug),
            Kind::Withdrawn(i) => format!(
                "tasks/{}/index.html",
                self.assessment.report.withdrawn[i as usize].slug
            ),
            Kind::Quarter { quarter, page } => paged(
                format!("quarters/{}/", self.quarters[quarter as usize].view.slug),
                page,
            ),
            Kind::QuarterData(i) => self.quarters[i as usize].view.data_file.clone(),
            Kind::Entity(i) => format!("entities/{}/index.html", self.entities[i as usize].id),
            Kind::Entities(page) => paged("entities/".into(), page),
            Kind::Unit(i) => format!("units/{}/index.html", self.units[i as usize].slug),
            Kind::UnitQuarter {
                unit,
                quarter,
                page,
            } => {
                let unit = &self.units[unit as usize];
                let quarter = unit.quarters[quarter as usize].quarter;
                paged(format!("units/{}/{}/", unit.slug, quarter.slug()), page)
            }
            Kind::Units => "units/index.html".into(),
            Kind::Content(i) => format!("{}/index.html", self.content.pages[i as usize].path),
            Kind::Index => "index.html".into(),
            Kind::NotFound => "404.html".into(),
            Kind::Feed => "feed.xml".into(),
            Kind::Robots => "robots.txt".into(),
            Kind::TasksCsv => "data/tasks.csv".into(),
            Kind::TasksJson => "data/tasks.json".into(),
            Kind::SearchIndex => "search/index.json".into(),
            Kind::Sitemap(None) => "sitemap.xml".into(),
            Kind::Sitemap(Some(part)) => format!("sitemap-{}.xml", part + 1),
        }
    }

    /// Finishes a page: the values every page gets, then (when asked) the template and the
    /// minifier. `dated` pages show the day the data stands at (数据截至), so they change every
    /// day; the others change only when what they show does.
    fn render(
        &self,
        path: &str,
        template: &str,
        mut data: PageData,
        dated: bool,
        out: Option<&mut dyn Write>,
    ) -> Result<u64> {
        data.insert(
            "build",
            &BuildInfo {
                as_of: dated.then_some(self.assessment.report.as_of),
                version: env!("CARGO_PKG_VERSION"),
            },
        )?;
        let fingerprint = data.hasher.digest();
        let (Some(mut context), Some(out)) = (data.context, out) else {
            return Ok(fingerprint);
        };
        let depth = path.matches('/').count();
        let root = if path == "404.html" {
            // Served at any depth: links start from the site's path on its host.
            root_path(&self.config.site.base_url)
        } else if depth == 0 {
            "./".to_string()
        } else {
            "../".repeat(depth)
        };
        let site = &self.config.site;
        context.insert(
            "site",
            &SiteInfo {
                title: &site.title,
                bureau: &site.bureau,
                base_url: &site.base_url,
                description: &site.description,
            },
        );
        context.insert("root", &root);
        context.insert("path", &path.trim_end_matches("index.html"));
        context.insert("nav_pages", &self.nav_pages);
        context.insert("rules", &self.config.disclosure.current());
        let text = self.templates.render(template, &context)?;
        // Templates come minified (see `Templates`); the 404 page alone carries the stylesheet
        // inline, which minify-html shrinks.
        let written = if path == "404.html" {
            out.write_all(&minify(text.as_bytes()))
        } else {
            out.write_all(text.as_bytes())
        };
        written.map_err(|e| Error::io(path, e))?;
        Ok(fingerprint)
    }
}

/// Escapes text for XML.
fn tera_escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Renders the whole site into memory: for tests and small sites. Builds write file by file
/// instead (see `build`).
pub fn render(
    assessment: &Assessment,
    content: &Content,
    config: &Config,
    theme: &Theme,
) -> Result<Output> {
    let site = Site::new(assessment, content, config, theme)?;
    let mut output = Output::new();
    for file in site.files() {
        output.insert(site.path(file), site.bytes(file)?);
    }
    Ok(output)
}

/// The path part of `base_url`, between slashes: `https://x.gov.cn/a/b` gives `/a/b/`.
fn root_path(base_url: &str) -> String {
    let without_scheme = base_url
        .split_once("://")
        .map_or(base_url, |(_, rest)| rest);
    let path = if base_url.contains("://") {
        without_scheme
            .find('/')
            .map_or("", |i| &without_scheme[i..])
    } else {
        without_scheme
    };
    let path = path.trim_matches('/');
    if path.is_empty() {
        "/".into()
    } else {
        format!("/{path}/")
    }
}

/// `base_url` with one trailing slash, for feeds and the sitemap.
fn absolute_base(base_url: &str) -> String {
    format!("{}/", base_url.trim_end_matches('/'))
}

#[cfg(test)]
mod tests {
    #[test]
    fn record_text_in_the_title_stays_escaped() {
        let html = b"<!doctype html><title>&lt;/title>&lt;script>x&lt;/script> &amp; a</title><p>&lt;b></p>";
        let out = String::from_utf8(super::minify(html)).unwrap();
        assert!(
            out.contains("<title>&lt;/title>&lt;script>x&lt;/script>"),
            "{out}"
        );
        assert!(!out.contains("<script") && !out.contains("<b>"), "{out}");
    }

    #[test]
    fn percentages_read_as_people_write_them() {
        assert_eq!(super::percent(0.125), "12.5%");
        assert_eq!(super::percent(0.3), "30%");
        assert_eq!(super::percent(1.0 / 3.0), "33.3%");
    }

    #[test]
    fn the_404_page_links_from_the_site_path() {
        assert_eq!(
            super::root_path("https://meeb.sz.gov.cn/pingshan/shuangsuiji"),
            "/pingshan/shuangsuiji/"
        );
        assert_eq!(super::root_path("https://example.org/"), "/");
        assert_eq!(super::root_path("https://example.org"), "/");
        assert_eq!(super::root_path("/"), "/");
        assert_eq!(super::root_path("/sub/"), "/sub/");
    }

    #[test]
    fn pagination_links() {
        let p = super::Pagination::new("entities/", 2, 3);
        assert_eq!(p.prev.as_deref(), Some("entities/"));
        assert_eq!(p.next.as_deref(), Some("entities/page/3/"));
        assert!(p.pages[1].current);
        assert_eq!(p.pages.len(), 3);
    }

    #[test]
    fn long_pagers_show_the_ends_and_the_neighbourhood() {
        let shown = |current, total| {
            super::Pagination::new("q/", current, total)
                .pages
                .iter()
                .map(|p| {
                    if p.gap {
                        "…".to_string()
                    } else {
                        p.number.to_string()
                    }
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        assert_eq!(shown(1, 2500), "1 2 3 4 … 2499 2500");
        assert_eq!(
            shown(1000, 2500),
            "1 2 … 997 998 999 1000 1001 1002 1003 … 2499 2500"
        );
        assert_eq!(shown(2500, 2500), "1 2 … 2497 2498 2499 2500");
        assert_eq!(shown(6, 12), "1 2 3 4 5 6 7 8 9 … 11 12");
        assert_eq!(shown(3, 8), "1 2 3 4 5 6 7 8");
    }
}
