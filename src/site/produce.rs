//! Making a file: its fingerprint, and when asked, its bytes. A page's fingerprint is a hash of
//! exactly what its template gets (its view, its frame and what every page shares), so a value the
//! template sees cannot be left out of the fingerprint: an unchanged page is known without
//! rendering it, and a changed one is never taken for unchanged.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;
use xxhash_rust::xxh3::{Xxh3, xxh3_64};

use super::html::{absolute_base, minify, root};
use super::pagination::{Pagination, chunk, chunk_count};
use super::plan::{SITEMAP_LIMIT, Source, Table};
use super::views::{BuildInfo, QuarterView, SiteInfo};
use super::{File, Site, TaskIndex, changed_on};
use crate::config::Rules;
use crate::content::Page;
use crate::error::{Error, Result};
use crate::fingerprint;
use crate::opendata;
use crate::theme::{Templates, Theme};

/// What every page shows alike: handed to the templates once per build (as Tera's global
/// context), and to each page's fingerprint as its own fingerprint, both from this one value.
#[derive(Serialize)]
pub(super) struct Shared<'s> {
    pub(super) site: SiteInfo<'s>,
    /// The content pages in the menu.
    pub(super) nav_pages: Vec<&'s Page>,
    /// The rules in force.
    pub(super) rules: &'s Rules,
}

impl Shared<'_> {
    /// Gives the values to the templates, and returns what a page's fingerprint takes of them,
    /// and of the theme whose templates render them: a page's fingerprint, which the page
    /// carries for `gongshi verify`, then changes whenever its bytes do.
    pub(super) fn share_with(&self, templates: &mut Templates, theme: &Theme) -> Result<u64> {
        let context = tera::Context::from_serialize(self).map_err(|e| {
            Error::Usage(format!(
                "cannot hand the site's settings to the templates: {e}"
            ))
        })?;
        templates.share(context);
        let mut hasher = Xxh3::new();
        fingerprint::update(&mut hasher, self);
        hasher.update(&theme_digest(theme).to_le_bytes());
        Ok(hasher.digest())
    }
}

/// A hash of the theme's files, names and bytes.
fn theme_digest(theme: &Theme) -> u64 {
    let mut hasher = Xxh3::new();
    for (path, bytes) in &theme.files {
        hasher.update(path.as_bytes());
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    }
    hasher.digest()
}

/// What every page gets besides its own view and the [`Shared`] values.
#[derive(Serialize)]
struct Frame<'s> {
    build: BuildInfo,
    /// The way back to the site's root from this page.
    root: String,
    /// The page's URL within the site.
    path: &'s str,
}

impl Site<'_> {
    /// A hash of what every file's fingerprint leaves out (gongshi itself, and the theme that
    /// its templates and static files come from): a fingerprint only means something next to
    /// the same salt.
    pub fn fingerprint_salt(&self) -> u64 {
        self.salt
    }

    pub(super) fn salt(&self) -> u64 {
        let mut hasher = Xxh3::new();
        hasher.update(&crate::binary_identity().to_le_bytes());
        hasher.update(&theme_digest(self.theme).to_le_bytes());
        hasher.digest()
    }

    /// Makes `file` in memory.
    pub fn bytes(&self, file: &File) -> Result<Vec<u8>> {
        let mut bytes = Vec::new();
        self.produce(file, Some(&mut bytes))?;
        Ok(bytes)
    }

    /// Works out `file`'s fingerprint, which changes whenever its bytes would, and with `out`,
    /// writes the file there. A page's fingerprint is a hash of what its template gets, and a
    /// data file's of the rows it holds, so an unchanged file is known without making it.
    pub fn produce(&self, file: &File, out: Option<&mut dyn Write>) -> Result<u64> {
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
        // Each page kind's view: the template's names for what it shows.
        match file.source {
            Source::Static(i) => raw(self.static_files[i as usize].1, out),
            Source::Task(i) => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    task: super::views::Shown<'s, 'a>,
                    same_task: super::views::SameTaskView<'s>,
                }
                let view = View {
                    task: self.shown(i),
                    same_task: self.same_task_view(i),
                };
                self.render(path, "task.html", &view, false, out)
            }
            Source::Withdrawn(i) => {
                #[derive(Serialize)]
                struct View<'s> {
                    withdrawal: super::views::WithdrawnView<'s>,
                }
                let view = View {
                    withdrawal: self.withdrawn_view(i),
                };
                self.render(path, "withdrawn.html", &view, false, out)
            }
            Source::Quarter { quarter, page } => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    quarter: &'s QuarterView<'a>,
                    tasks: super::views::ShownTasks<'s, 'a>,
                    first_number: usize,
                    pagination: Pagination,
                }
                let (q, page) = (&self.quarters[quarter as usize], page as usize);
                let base = format!("quarters/{}/", q.view.slug);
                let view = View {
                    quarter: &q.view,
                    tasks: self.shown_tasks(chunk(&q.tasks, page_size, page)),
                    first_number: page * page_size + 1,
                    pagination: Pagination::new(
                        &base,
                        page + 1,
                        chunk_count(q.tasks.len(), page_size),
                    ),
                };
                self.render(path, "quarter.html", &view, false, out)
            }
            Source::QuarterData(i, table) => {
                // The site's quarters are the assessment's, one for one.
                let quarter = self.assessment.quarters[i as usize].quarter;
                let tasks = &self.quarters[i as usize].tasks;
                let label = quarter.chinese();
                self.table(path, table, tasks, &label, quarter.first_day(), out)
            }
            Source::YearData(i, table) => {
                let y = &self.year_data[i as usize];
                let label = format!("{}年", y.year);
                let first_day = NaiveDate::from_ymd_opt(y.year, 1, 1).expect("a year with tasks");
                self.table(path, table, &y.tasks, &label, first_day, out)
            }
            Source::Year(i) => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    year: &'s super::views::YearView<'a>,
                }
                let view = View {
                    year: &self.years[i as usize],
                };
                self.render(path, "year.html", &view, false, out)
            }
            Source::Entity(i) => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    entity: super::views::EntityView<'s, 'a>,
                }
                let view = View {
                    entity: self.entity_view(i),
                };
                self.render(path, "entity.html", &view, false, out)
            }
            Source::EntityFeed(i) => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    base: String,
                    updated: NaiveDate,
                    entity: super::views::EntitySummary<'s>,
                    tasks: super::views::ShownTasks<'s, 'a>,
                    /// Withdrawals name no company (see `withdrawn.html`): none here.
                    withdrawals: [(); 0],
                }
                let tasks = self.entity_feed(i);
                let view = View {
                    base: absolute_base(&self.config.site.base_url),
                    updated: changed_on(self.task(tasks[0])),
                    entity: self.entity_summary(i as usize),
                    tasks: self.shown_tasks(&tasks),
                    withdrawals: [],
                };
                self.render(path, "entity-feed.xml", &view, false, out)
            }
            Source::Entities(page) => {
                #[derive(Serialize)]
                struct View<'s> {
                    entities: Vec<super::views::EntitySummary<'s>>,
                    total: usize,
                    first_number: usize,
                    pagination: Pagination,
                }
                let page = page as usize;
                let view = View {
                    entities: chunk(&self.entity_order, page_size, page)
                        .iter()
                        .map(|&i| self.entity_summary(i))
                        .collect(),
                    total: self.entities.len(),
                    first_number: page * page_size + 1,
                    pagination: Pagination::new(
                        "entities/",
                        page + 1,
                        chunk_count(self.entities.len(), page_size),
                    ),
                };
                self.render(path, "entities.html", &view, true, out)
            }
            Source::Unit(i) => {
                #[derive(Serialize)]
                struct View<'s> {
                    unit: super::views::UnitView<'s>,
                }
                let view = View {
                    unit: self.unit_view(i as usize),
                };
                self.render(path, "unit.html", &view, true, out)
            }
            Source::UnitQuarter {
                unit,
                quarter,
                page,
            } => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    unit: super::views::UnitSummary<'s>,
                    uq: super::views::UnitQuarterView,
                    tasks: super::views::ShownTasks<'s, 'a>,
                    pagination: Pagination,
                }
                let (unit, quarter, page) = (unit as usize, quarter as usize, page as usize);
                let u = &self.units[unit];
                let uq = &u.quarters[quarter];
                let base = format!("units/{}/{}/", u.slug, uq.quarter.slug());
                let view = View {
                    unit: self.unit_summary(unit),
                    uq: self.unit_quarter_view(unit, quarter),
                    tasks: self.shown_tasks(chunk(&uq.tasks, page_size, page)),
                    pagination: Pagination::new(
                        &base,
                        page + 1,
                        chunk_count(uq.tasks.len(), page_size),
                    ),
                };
                self.render(path, "unit-quarter.html", &view, true, out)
            }
            Source::Units => {
                #[derive(Serialize)]
                struct View<'s> {
                    units: Vec<super::views::UnitSummary<'s>>,
                }
                let view = View {
                    units: self.unit_summaries(),
                };
                self.render(path, "units.html", &view, true, out)
            }
            Source::Content(i) => {
                #[derive(Serialize)]
                struct View<'s> {
                    page: &'s Page,
                }
                let view = View {
                    page: &self.content.pages[i as usize],
                };
                self.render(path, "page.html", &view, false, out)
            }
            Source::Index => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    years: Vec<&'s super::views::YearView<'a>>,
                    quarters: Vec<&'s QuarterView<'a>>,
                    latest: super::views::ShownTasks<'s, 'a>,
                    units: Vec<super::views::UnitSummary<'s>>,
                    entity_count: usize,
                }
                let view = View {
                    years: self.years.iter().rev().collect(),
                    quarters: self.quarters.iter().rev().map(|q| &q.view).collect(),
                    latest: self.shown_tasks(&self.latest),
                    units: self.unit_summaries(),
                    entity_count: self.entities.len(),
                };
                self.render(path, "index.html", &view, true, out)
            }
            Source::NotFound => {
                #[derive(Serialize)]
                struct View {
                    /// Served at any depth, where the stylesheet's relative path would miss.
                    inline_css: Option<String>,
                }
                let view = View {
                    inline_css: self
                        .static_files
                        .iter()
                        .find(|(name, _)| *name == "style.css")
                        .map(|(_, bytes)| String::from_utf8_lossy(bytes).into_owned()),
                };
                self.render(path, "404.html", &view, false, out)
            }
            Source::Feed => {
                #[derive(Serialize)]
                struct View<'s, 'a> {
                    base: String,
                    updated: NaiveDate,
                    tasks: super::views::ShownTasks<'s, 'a>,
                    withdrawals: Vec<super::views::WithdrawnView<'s>>,
                }
                let withdrawals = self.recent_withdrawals();
                let view = View {
                    base: absolute_base(&self.config.site.base_url),
                    updated: self.feed_updated(&withdrawals),
                    tasks: self.shown_tasks(&self.feed),
                    withdrawals,
                };
                self.render(path, "feed.xml", &view, false, out)
            }
            Source::Sitemap(part) => {
                let base = absolute_base(&self.config.site.base_url);
                if part.is_none() && self.pages > SITEMAP_LIMIT {
                    return raw(&self.sitemap_index(&base), out);
                }
                #[derive(Serialize)]
                struct SitemapEntry {
                    loc: String,
                    lastmod: NaiveDate,
                }
                #[derive(Serialize)]
                struct View {
                    entries: Vec<SitemapEntry>,
                }
                let view = View {
                    entries: self
                        .sitemap_pages()
                        .skip(part.unwrap_or(0) as usize * SITEMAP_LIMIT)
                        .take(SITEMAP_LIMIT)
                        .map(|(url, lastmod)| SitemapEntry {
                            loc: format!("{base}{url}"),
                            lastmod,
                        })
                        .collect(),
                };
                self.render(path, "sitemap.xml", &view, false, out)
            }
            Source::Robots => {
                let base = absolute_base(&self.config.site.base_url);
                raw(
                    format!("User-agent: *\nAllow: /\nSitemap: {base}sitemap.xml\n").as_bytes(),
                    out,
                )
            }
            Source::TasksCsv => {
                if let Some(out) = out {
                    opendata::csv(self.assessment.published.iter(), self.config, out)
                        .map_err(io)?;
                }
                Ok(self.data_fingerprint(path, self.every_task()))
            }
            Source::TasksJson => {
                if let Some(out) = out {
                    opendata::json(self.assessment.published.iter(), self.config, out)
                        .map_err(io)?;
                }
                Ok(self.data_fingerprint(path, self.every_task()))
            }
            Source::Search(file) => {
                // Fingerprinted by its JSON, compressed only when written.
                let json = self.search.json(file, &self.company_list());
                if let Some(out) = out {
                    crate::search::SearchIndex::write(&json, out).map_err(io)?;
                }
                Ok(xxh3_64(&json))
            }
        }
    }

    /// A table of results, a quarter's or a year's (`label`: 2025年第三季度, 2025年), as CSV or
    /// as a workbook, and its fingerprint.
    fn table(
        &self,
        path: &str,
        table: Table,
        tasks: &[TaskIndex],
        label: &str,
        first_day: NaiveDate,
        out: Option<&mut dyn Write>,
    ) -> Result<u64> {
        let io = |e: std::io::Error| Error::io(path, e);
        let rows = || tasks.iter().map(|&i| self.task(i));
        match table {
            Table::Csv => {
                if let Some(out) = out {
                    opendata::csv(rows(), self.config, out).map_err(io)?;
                }
                Ok(self.data_fingerprint(path, tasks.iter().copied()))
            }
            Table::Xlsx => {
                if let Some(out) = out {
                    let sheet = opendata::Sheet {
                        name: label,
                        title: &format!("{label}双随机抽查结果"),
                        bureau: &self.config.site.bureau,
                        // The day its newest row last changed: a function of the rows, which
                        // the fingerprint covers; an empty table's is its period's first day.
                        created: rows().map(super::changed_on).max().unwrap_or(first_day),
                    };
                    opendata::xlsx(rows(), self.config, &sheet, out).map_err(io)?;
                }
                // The bureau is the workbook's author; the rest is the rows' and the path's.
                let mut hasher = Xxh3::new();
                hasher.update(
                    &self
                        .data_fingerprint(path, tasks.iter().copied())
                        .to_le_bytes(),
                );
                fingerprint::update(&mut hasher, &self.config.site.bureau);
                Ok(hasher.digest())
            }
        }
    }

    /// The fingerprint of a data file made from these tasks: of its header and its rows, as
    /// the open data module writes them (see [`opendata::fingerprint`]).
    fn data_fingerprint(&self, path: &str, tasks: impl Iterator<Item = TaskIndex>) -> u64 {
        let mut hasher = Xxh3::new();
        fingerprint::update(&mut hasher, &(path, opendata::csv_header(self.config)));
        for i in tasks {
            hasher.update(&self.open_fingerprints[i as usize].to_le_bytes());
        }
        hasher.digest()
    }

    /// Finishes a page: its fingerprint, from the page's view, its frame and the fingerprint of
    /// the [`Shared`] values, and (when asked) the template rendered with the same, minified where
    /// the template is not. `dated` pages show the day the data stands at (数据截至), so they
    /// change every day; the others change only when what they show does.
    fn render(
        &self,
        path: &str,
        template: &str,
        view: &impl Serialize,
        dated: bool,
        out: Option<&mut dyn Write>,
    ) -> Result<u64> {
        let frame = Frame {
            build: BuildInfo {
                as_of: dated.then_some(self.assessment.report.as_of),
                version: env!("CARGO_PKG_VERSION"),
            },
            root: root(path, &self.config.site.base_url),
            path: path.trim_end_matches("index.html"),
        };
        let fingerprint = fingerprint::of(&(template, view, self.shared, &frame));
        let Some(out) = out else {
            return Ok(fingerprint);
        };
        let mut context = template_context(view, path, template)?;
        context.extend(template_context(&frame, path, template)?);
        // The page carries its fingerprint (`<meta name="gongshi-fingerprint">`), so that
        // `gongshi verify` can tell this build's page from another's on the live site. It is a
        // hash of everything else the template gets, never of itself.
        context.insert(FINGERPRINT_VARIABLE, &format_fingerprint(fingerprint));
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

/// The template variable that holds the page's fingerprint.
pub const FINGERPRINT_VARIABLE: &str = "fingerprint";

/// A page's fingerprint as the page carries it: 16 hexadecimal digits.
pub fn format_fingerprint(fingerprint: u64) -> String {
    format!("{fingerprint:016x}")
}

/// A value as a template gets it: its fields become the template's names.
fn template_context(value: &impl Serialize, path: &str, template: &str) -> Result<tera::Context> {
    tera::Context::from_serialize(value)
        .map_err(|e| Error::Usage(format!("{path}: cannot hand the page to {template}: {e}")))
}
