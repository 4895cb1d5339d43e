//! The site model: which pages exist and what each template gets, rendered to output files.
//! Every URL here is part of the contract with citizens' bookmarks and other sites' links.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::assess::{Assessment, PublishedTask, QuarterState};
use crate::config::Config;
use crate::content::{Content, Page};
use crate::dates::Quarter;
use crate::error::{Error, Result};
use crate::figures::{Count, QuarterFigures};
use crate::ingest::Record;
use crate::opendata;
use crate::report::Status;
use crate::theme::{Templates, Theme};

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
    as_of: NaiveDate,
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
    unit_slug: String,
    category: &'a str,
    matter: &'a str,
    entity: &'a str,
    entity_id: String,
    credit_code: &'a str,
    address: &'a str,
    /// Empty unless `[privacy] publish_inspectors = true`.
    inspectors: &'a str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    result: &'a str,
    found_problem: bool,
    handling: &'a str,
    joint: bool,
    joint_departments: &'a str,
    quarter: Option<QuarterRef>,
    published_on: NaiveDate,
    /// Last corrected (最后更新), if ever.
    updated_on: Option<NaiveDate>,
    /// The later of the two, for feeds.
    changed_on: NaiveDate,
    deadline: NaiveDate,
    working_days: u32,
    status: Status,
    status_label: &'static str,
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

#[derive(Serialize)]
struct PageLink {
    number: usize,
    url: String,
    current: bool,
}

/// Links between the pages of a long list: `base/`, `base/page/2/` ...
#[derive(Serialize)]
struct Pagination {
    current: usize,
    total: usize,
    prev: Option<String>,
    next: Option<String>,
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
        Pagination {
            current,
            total,
            prev: (current > 1).then(|| Self::page_url(base, current - 1)),
            next: (current < total).then(|| Self::page_url(base, current + 1)),
            pages: (1..=total)
                .map(|number| PageLink {
                    number,
                    url: Self::page_url(base, number),
                    current: number == current,
                })
                .collect(),
        }
    }
}

#[derive(Serialize)]
struct EntityView<'a> {
    id: String,
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

#[derive(Serialize)]
struct UnitQuarter<'a> {
    quarter: QuarterRef,
    total: usize,
    in_progress: usize,
    tasks: Vec<TaskView<'a>>,
}

#[derive(Serialize)]
struct UnitView<'a> {
    slug: String,
    name: &'a str,
    total: usize,
    published: usize,
    /// Newest quarter first.
    quarters: Vec<UnitQuarter<'a>>,
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

struct Renderer<'a> {
    templates: Templates,
    config: &'a Config,
    as_of: NaiveDate,
    nav_pages: Vec<&'a Page>,
}

impl Renderer<'_> {
    /// Renders `template` for the page at `path` (e.g. `tasks/x/index.html`).
    fn page(
        &self,
        output: &mut Output,
        path: String,
        template: &str,
        mut context: tera::Context,
    ) -> Result<()> {
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
        context.insert(
            "build",
            &BuildInfo {
                as_of: self.as_of,
                version: env!("CARGO_PKG_VERSION"),
            },
        );
        context.insert("root", &root);
        context.insert("path", &path.trim_end_matches("index.html"));
        context.insert("nav_pages", &self.nav_pages);
        context.insert("rules", &self.config.disclosure.current());
        let text = self.templates.render(template, &context)?;
        if output.contains_key(&path) {
            return Err(Error::Usage(format!(
                "two pages would be written to {path}: a content page, unit or company shares \
                 its address with another; rename the content page, or report this"
            )));
        }
        let bytes = if path.ends_with(".html") {
            minify(text.as_bytes())
        } else {
            text.into_bytes()
        };
        output.insert(path, bytes);
        Ok(())
    }
}

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

    fn task(&self, task: &'a PublishedTask) -> TaskView<'a> {
        let r: &Record = &task.record;
        let end = r.end.expect("published tasks have an end date");
        TaskView {
            id: &r.task_id,
            slug: &r.slug,
            unit: &r.unit,
            unit_slug: unit_slug(&r.unit),
            category: &r.category,
            matter: &r.matter,
            entity: &r.entity,
            entity_id: entity_id(r),
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
            found_problem: crate::figures::found_problem(&r.result),
            handling: &r.handling,
            joint: r.joint,
            joint_departments: &r.joint_departments,
            quarter: r.quarter().map(|q| self.quarter_ref(q)),
            published_on: task.published_on,
            updated_on: task.updated_on,
            changed_on: task
                .updated_on
                .unwrap_or(task.published_on)
                .max(task.published_on),
            deadline: task.deadline,
            working_days: self.config.disclosure.rules_for(end).task_working_days,
            status: task.status,
            status_label: task.status.chinese(),
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
            deadline: state.deadline,
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

/// Renders every page of the site, the feeds, the search index, the open data and the theme's
/// static files.
pub fn render(
    assessment: &Assessment,
    content: &Content,
    config: &Config,
    theme: &Theme,
) -> Result<Output> {
    let as_of = assessment.report.as_of;
    let renderer = Renderer {
        templates: Templates::compile(theme)?,
        config,
        as_of,
        nav_pages: content
            .pages
            .iter()
            .filter(|p| !p.path.contains('/'))
            .collect(),
    };
    let views = Views {
        config,
        quarter_pages: assessment
            .quarters
            .iter()
            .filter(|q| q.status != Status::Open)
            .map(|q| q.quarter)
            .collect(),
    };
    let page_size = config.site.page_size;
    let mut output = Output::new();
    for (path, bytes) in theme.static_files() {
        output.insert(path.to_string(), bytes.to_vec());
    }
    let mut sitemap: Vec<(String, NaiveDate)> = Vec::new();

    // Tasks.
    let published_by_id: HashMap<&str, &PublishedTask> = assessment
        .published
        .iter()
        .map(|t| (t.record.task_id.as_str(), t))
        .collect();
    for task in &assessment.published {
        let mut context = tera::Context::new();
        context.insert("task", &views.task(task));
        let url = format!("tasks/{}/", task.record.slug);
        renderer.page(
            &mut output,
            format!("{url}index.html"),
            "task.html",
            context,
        )?;
        sitemap.push((url, task.published_on));
    }

    // Quarters, with their pages of tasks.
    let notes: HashMap<Quarter, &Page> =
        content.quarter_notes.iter().map(|(q, p)| (*q, p)).collect();
    let mut quarter_views = Vec::new();
    for state in &assessment.quarters {
        let view = views.quarter(state, notes.get(&state.quarter).map(|p| p.content.as_str()));
        if view.page {
            let mut tasks: Vec<TaskView<'_>> = state
                .tasks
                .iter()
                .filter_map(|&i| published_by_id.get(assessment.records[i].0.task_id.as_str()))
                .map(|t| views.task(t))
                .collect();
            tasks.sort_by(|a, b| a.end.cmp(&b.end).then_with(|| a.id.cmp(b.id)));
            let base = format!("quarters/{}/", view.slug);
            let chunks: Vec<&[TaskView<'_>]> = if tasks.is_empty() {
                vec![&[]]
            } else {
                tasks.chunks(page_size).collect()
            };
            for (i, chunk) in chunks.iter().enumerate() {
                let mut context = tera::Context::new();
                context.insert("quarter", &view);
                context.insert("tasks", chunk);
                context.insert("first_number", &(i * page_size + 1));
                context.insert("pagination", &Pagination::new(&base, i + 1, chunks.len()));
                let url = Pagination::page_url(&base, i + 1);
                renderer.page(
                    &mut output,
                    format!("{url}index.html"),
                    "quarter.html",
                    context,
                )?;
                sitemap.push((url, state.published_on.unwrap_or(as_of)));
            }
            let rows: Vec<&PublishedTask> = tasks
                .iter()
                .filter_map(|t| published_by_id.get(t.id).copied())
                .collect();
            output.insert(view.data_file.clone(), opendata::csv(&rows, config));
        }
        quarter_views.push(view);
    }

    // Companies (检查对象), by credit code or name.
    let mut entities: BTreeMap<String, Vec<&PublishedTask>> = BTreeMap::new();
    for task in &assessment.published {
        entities
            .entry(entity_id(&task.record))
            .or_default()
            .push(task);
    }
    let mut summaries = Vec::new();
    for (id, tasks) in &mut entities {
        tasks.sort_by(|a, b| {
            b.record
                .end
                .cmp(&a.record.end)
                .then_with(|| b.record.task_id.cmp(&a.record.task_id))
        });
        let latest = &tasks[0].record;
        let view = EntityView {
            id: id.clone(),
            name: &latest.entity,
            credit_code: &latest.credit_code,
            address: &latest.address,
            tasks: tasks.iter().map(|t| views.task(t)).collect(),
        };
        let mut context = tera::Context::new();
        context.insert("entity", &view);
        let url = format!("entities/{id}/");
        renderer.page(
            &mut output,
            format!("{url}index.html"),
            "entity.html",
            context,
        )?;
        sitemap.push((
            url,
            tasks.iter().map(|t| t.published_on).max().unwrap_or(as_of),
        ));
        summaries.push(EntitySummary {
            id,
            name: &latest.entity,
            credit_code: &latest.credit_code,
            inspections: tasks.len(),
            latest_end: latest.end,
            latest_result: &latest.result,
        });
    }
    summaries.sort_by(|a, b| a.name.cmp(b.name).then_with(|| a.id.cmp(b.id)));
    let entity_pages: Vec<&[EntitySummary<'_>]> = if summaries.is_empty() {
        vec![&[]]
    } else {
        summaries.chunks(page_size).collect()
    };
    for (i, chunk) in entity_pages.iter().enumerate() {
        let mut context = tera::Context::new();
        context.insert("entities", chunk);
        context.insert("total", &summaries.len());
        context.insert("first_number", &(i * page_size + 1));
        context.insert(
            "pagination",
            &Pagination::new("entities/", i + 1, entity_pages.len()),
        );
        let url = Pagination::page_url("entities/", i + 1);
        renderer.page(
            &mut output,
            format!("{url}index.html"),
            "entities.html",
            context,
        )?;
        sitemap.push((url, as_of));
    }

    // Enforcement units (执法机构): every valid task, published or not, by quarter.
    let mut units: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for (i, (record, _)) in assessment.records.iter().enumerate() {
        if record.quarter().is_some() {
            units.entry(record.unit.as_str()).or_default().push(i);
        }
    }
    let mut unit_list = Vec::new();
    for (name, members) in &units {
        let mut by_quarter: BTreeMap<Quarter, Vec<usize>> = BTreeMap::new();
        for &i in members {
            if let Some(q) = assessment.records[i].0.quarter() {
                by_quarter.entry(q).or_default().push(i);
            }
        }
        let quarters: Vec<UnitQuarter<'_>> = by_quarter
            .iter()
            .rev()
            .map(|(q, rows)| {
                let mut tasks: Vec<TaskView<'_>> = rows
                    .iter()
                    .filter_map(|&i| published_by_id.get(assessment.records[i].0.task_id.as_str()))
                    .map(|t| views.task(t))
                    .collect();
                tasks.sort_by(|a, b| b.end.cmp(&a.end).then_with(|| a.id.cmp(b.id)));
                UnitQuarter {
                    quarter: views.quarter_ref(*q),
                    total: rows.len(),
                    in_progress: rows
                        .iter()
                        .filter(|&&i| assessment.records[i].0.end.is_none())
                        .count(),
                    tasks,
                }
            })
            .collect();
        let view = UnitView {
            slug: unit_slug(name),
            name,
            total: members.len(),
            published: quarters.iter().map(|q| q.tasks.len()).sum(),
            quarters,
        };
        let mut context = tera::Context::new();
        context.insert("unit", &view);
        let url = format!("units/{}/", view.slug);
        renderer.page(
            &mut output,
            format!("{url}index.html"),
            "unit.html",
            context,
        )?;
        sitemap.push((url, as_of));
        unit_list.push((view.slug, *name, view.total, view.published));
    }
    #[derive(Serialize)]
    struct UnitSummary<'a> {
        slug: String,
        name: &'a str,
        total: usize,
        published: usize,
    }
    let unit_list: Vec<UnitSummary<'_>> = unit_list
        .into_iter()
        .map(|(slug, name, total, published)| UnitSummary {
            slug,
            name,
            total,
            published,
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("units", &unit_list);
    renderer.page(
        &mut output,
        "units/index.html".into(),
        "units.html",
        context,
    )?;
    sitemap.push(("units/".into(), as_of));

    // Content pages.
    for page in &content.pages {
        let mut context = tera::Context::new();
        context.insert("page", page);
        let url = format!("{}/", page.path);
        renderer.page(
            &mut output,
            format!("{url}index.html"),
            "page.html",
            context,
        )?;
        sitemap.push((url, page.updated.or(page.date).unwrap_or(as_of)));
    }

    // Home page, 404, feeds.
    let mut latest: Vec<&PublishedTask> = assessment.published.iter().collect();
    latest.sort_by(|a, b| {
        b.published_on
            .cmp(&a.published_on)
            .then_with(|| b.record.end.cmp(&a.record.end))
            .then_with(|| a.record.task_id.cmp(&b.record.task_id))
    });
    // The feed carries new results and corrections, newest change first.
    let mut changed = latest.clone();
    changed.sort_by(|a, b| {
        let day = |t: &PublishedTask| t.updated_on.unwrap_or(t.published_on).max(t.published_on);
        day(b)
            .cmp(&day(a))
            .then_with(|| a.record.task_id.cmp(&b.record.task_id))
    });
    let feed_tasks: Vec<TaskView<'_>> = changed.iter().take(50).map(|t| views.task(t)).collect();
    latest.truncate(config.site.latest_results);
    let latest: Vec<TaskView<'_>> = latest.into_iter().map(|t| views.task(t)).collect();
    quarter_views.reverse();
    let mut context = tera::Context::new();
    context.insert("quarters", &quarter_views);
    context.insert("latest", &latest);
    context.insert("units", &unit_list);
    context.insert("entity_count", &summaries.len());
    renderer.page(&mut output, "index.html".into(), "index.html", context)?;
    sitemap.push((String::new(), as_of));
    // The 404 page is served at any depth, where the stylesheet's relative path would miss.
    let mut context = tera::Context::new();
    let css = theme.static_files().find(|(name, _)| *name == "style.css");
    context.insert(
        "inline_css",
        &css.map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned()),
    );
    renderer.page(&mut output, "404.html".into(), "404.html", context)?;

    let base = absolute_base(&config.site.base_url);
    let mut context = tera::Context::new();
    context.insert("base", &base);
    context.insert("tasks", &feed_tasks);
    context.insert(
        "updated",
        &feed_tasks.first().map_or(as_of, |t| t.published_on),
    );
    renderer.page(&mut output, "feed.xml".into(), "feed.xml", context)?;
    sitemap.sort();
    #[derive(Serialize)]
    struct SitemapEntry {
        loc: String,
        lastmod: NaiveDate,
    }
    let entries: Vec<SitemapEntry> = sitemap
        .into_iter()
        .map(|(url, lastmod)| SitemapEntry {
            loc: format!("{base}{url}"),
            lastmod,
        })
        .collect();
    let mut context = tera::Context::new();
    context.insert("entries", &entries);
    renderer.page(&mut output, "sitemap.xml".into(), "sitemap.xml", context)?;
    output.insert(
        "robots.txt".into(),
        format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n").into_bytes(),
    );

    // Open data and the search index.
    output.insert(
        "data/tasks.csv".into(),
        opendata::csv(&assessment.published.iter().collect::<Vec<_>>(), config),
    );
    output.insert(
        "data/tasks.json".into(),
        opendata::json(&assessment.published, config),
    );
    output.insert("search/index.json".into(), crate::search::index(&entities));
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
    }
}
