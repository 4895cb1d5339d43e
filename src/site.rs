//! The site model: which pages exist and what each template gets, rendered to output files.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde::Serialize;

use crate::assess::{Assessment, PublishedTask};
use crate::config::Config;
use crate::content::{Content, Page};
use crate::dates::Quarter;
use crate::error::Result;
use crate::ingest::Record;
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

#[derive(Serialize)]
struct QuarterRef {
    id: String,
    slug: String,
    label: String,
    /// Whether the quarter has its page yet (it has ended).
    page: bool,
}

impl QuarterRef {
    fn new(q: Quarter, pages: &HashSet<Quarter>) -> QuarterRef {
        QuarterRef {
            id: q.to_string(),
            slug: q.slug(),
            label: q.chinese(),
            page: pages.contains(&q),
        }
    }
}

/// What a task page shows.
#[derive(Serialize)]
struct TaskView<'a> {
    id: &'a str,
    slug: &'a str,
    unit: &'a str,
    category: &'a str,
    matter: &'a str,
    entity: &'a str,
    credit_code: &'a str,
    address: &'a str,
    /// Empty unless `[privacy] publish_inspectors = true`.
    inspectors: &'a str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    result: &'a str,
    handling: &'a str,
    joint: bool,
    joint_departments: &'a str,
    quarter: Option<QuarterRef>,
    published_on: NaiveDate,
    deadline: NaiveDate,
    working_days: u32,
    status: Status,
    status_label: &'static str,
}

#[derive(Serialize)]
struct Count {
    name: String,
    count: usize,
}

#[derive(Serialize)]
struct QuarterView<'a> {
    id: String,
    slug: String,
    label: String,
    /// Whether the quarter has a page (it has ended).
    page: bool,
    status: Status,
    deadline: Option<NaiveDate>,
    published_on: Option<NaiveDate>,
    total: usize,
    published: usize,
    in_progress: usize,
    joint: usize,
    by_category: Vec<Count>,
    by_result: Vec<Count>,
    tasks: Vec<TaskView<'a>>,
    notes: Option<&'a str>,
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
            let base = &self.config.site.base_url;
            if base.ends_with('/') {
                base.clone()
            } else {
                format!("{base}/")
            }
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
        context.insert("nav_pages", &self.nav_pages);
        context.insert("rules", &self.config.disclosure.current());
        let html = self.templates.render(template, &context)?;
        if output.contains_key(&path) {
            return Err(crate::error::Error::Usage(format!(
                "two pages would be written to {path}: rename the content page that collides with it"
            )));
        }
        output.insert(path, minify(html.as_bytes()));
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

fn task_view<'a>(
    task: &'a PublishedTask,
    config: &Config,
    quarter_pages: &HashSet<Quarter>,
) -> TaskView<'a> {
    let r: &Record = &task.record;
    let end = r.end.expect("published tasks have an end date");
    TaskView {
        id: &r.task_id,
        slug: &r.slug,
        unit: &r.unit,
        category: &r.category,
        matter: &r.matter,
        entity: &r.entity,
        credit_code: &r.credit_code,
        address: &r.address,
        inspectors: if config.privacy.publish_inspectors {
            &r.inspectors
        } else {
            ""
        },
        start: r.start,
        end: r.end,
        result: &r.result,
        handling: &r.handling,
        joint: r.joint,
        joint_departments: &r.joint_departments,
        quarter: r.quarter().map(|q| QuarterRef::new(q, quarter_pages)),
        published_on: task.published_on,
        deadline: task.deadline,
        working_days: config.disclosure.rules_for(end).task_working_days,
        status: task.status,
        status_label: task.status.chinese(),
    }
}

fn counts<'a>(values: impl Iterator<Item = &'a str>) -> Vec<Count> {
    let mut map: BTreeMap<&str, usize> = BTreeMap::new();
    for v in values {
        *map.entry(if v.is_empty() { "（未填写）" } else { v })
            .or_default() += 1;
    }
    let mut rows: Vec<Count> = map
        .into_iter()
        .map(|(name, count)| Count {
            name: name.to_string(),
            count,
        })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    rows
}

/// Renders every page of the site and copies the theme's static files.
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
    let mut output = Output::new();
    for (path, bytes) in theme.static_files() {
        output.insert(path.to_string(), bytes.to_vec());
    }

    let quarter_pages: HashSet<Quarter> = assessment
        .quarters
        .iter()
        .filter(|q| q.status != Status::Open)
        .map(|q| q.quarter)
        .collect();
    let published_by_id: HashMap<&str, &PublishedTask> = assessment
        .published
        .iter()
        .map(|t| (t.record.task_id.as_str(), t))
        .collect();

    for task in &assessment.published {
        let mut context = tera::Context::new();
        context.insert("task", &task_view(task, config, &quarter_pages));
        renderer.page(
            &mut output,
            format!("tasks/{}/index.html", task.record.slug),
            "task.html",
            context,
        )?;
    }

    let notes: HashMap<Quarter, &Page> =
        content.quarter_notes.iter().map(|(q, p)| (*q, p)).collect();
    let mut quarter_views = Vec::new();
    for state in &assessment.quarters {
        let members: Vec<&(Record, Status)> = state
            .tasks
            .iter()
            .map(|&i| &assessment.records[i])
            .collect();
        let mut tasks: Vec<TaskView<'_>> = members
            .iter()
            .filter_map(|(r, _)| published_by_id.get(r.task_id.as_str()))
            .map(|t| task_view(t, config, &quarter_pages))
            .collect();
        tasks.sort_by(|a, b| a.end.cmp(&b.end).then_with(|| a.id.cmp(b.id)));
        let view = QuarterView {
            id: state.quarter.to_string(),
            slug: state.quarter.slug(),
            label: state.quarter.chinese(),
            page: state.status != Status::Open,
            status: state.status,
            deadline: state.deadline,
            published_on: state.published_on,
            total: members.len(),
            published: tasks.len(),
            in_progress: members
                .iter()
                .filter(|(_, s)| *s == Status::InProgress)
                .count(),
            joint: members.iter().filter(|(r, _)| r.joint).count(),
            by_category: counts(members.iter().map(|(r, _)| r.category.as_str())),
            by_result: counts(members.iter().map(|(r, s)| {
                if *s == Status::InProgress {
                    "检查中"
                } else {
                    r.result.as_str()
                }
            })),
            tasks,
            notes: notes.get(&state.quarter).map(|p| p.content.as_str()),
        };
        if view.page {
            let mut context = tera::Context::new();
            context.insert("quarter", &view);
            renderer.page(
                &mut output,
                format!("quarters/{}/index.html", view.slug),
                "quarter.html",
                context,
            )?;
        }
        quarter_views.push(view);
    }

    for page in &content.pages {
        let mut context = tera::Context::new();
        context.insert("page", page);
        renderer.page(
            &mut output,
            format!("{}/index.html", page.path),
            "page.html",
            context,
        )?;
    }

    let mut latest: Vec<&PublishedTask> = assessment.published.iter().collect();
    latest.sort_by(|a, b| {
        b.published_on
            .cmp(&a.published_on)
            .then_with(|| b.record.end.cmp(&a.record.end))
            .then_with(|| a.record.task_id.cmp(&b.record.task_id))
    });
    latest.truncate(config.site.latest_results);
    let latest: Vec<TaskView<'_>> = latest
        .into_iter()
        .map(|t| task_view(t, config, &quarter_pages))
        .collect();
    quarter_views.reverse();
    let mut context = tera::Context::new();
    context.insert("quarters", &quarter_views);
    context.insert("latest", &latest);
    renderer.page(&mut output, "index.html".into(), "index.html", context)?;
    renderer.page(
        &mut output,
        "404.html".into(),
        "404.html",
        tera::Context::new(),
    )?;
    Ok(output)
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
}
