//! The page plan: which files the site has, what each is made from, and where it goes.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::pagination::{Pagination, chunk_count};
use super::produce::Shared;
use super::views::{Footer, QuarterRefs, QuarterView, SiteInfo, YearView, quarter_view, year_view};
use super::{Site, TaskIndex, changed_on};
use crate::assess::Assessment;
use crate::collate::{PinyinKey, pinyin_key};
use crate::config::Config;
use crate::content::{Content, Page};
use crate::dates::Quarter;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::theme::{Templates, Theme};
use crate::url::{entity_id, unit_slug};

/// What one output file is made from (indices into the site model's lists).
#[derive(Debug, Clone, Copy)]
pub(super) enum Source {
    Static(u32),
    Task(TaskIndex),
    /// The page of a withdrawn result, by its place in the report's `withdrawn`.
    Withdrawn(u32),
    Quarter {
        quarter: u32,
        page: u32,
    },
    /// A quarter's results (`data/2025q3.csv`, `.xlsx`).
    QuarterData(u32, Table),
    /// A year's results (`data/2025.csv`, `.xlsx`), by its place in the site's `year_data`.
    YearData(u32, Table),
    /// A year's page (年度汇总), by its place in the site's years.
    Year(u32),
    Entity(u32),
    /// A company's Atom feed, beside its page.
    EntityFeed(u32),
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
    /// A file of the search index.
    Search(crate::search::SearchFile),
}

/// The two forms of a table of results: the CSV and the Excel workbook, with the same rows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Table {
    Csv,
    Xlsx,
}

impl Table {
    pub(super) const BOTH: [Table; 2] = [Table::Csv, Table::Xlsx];

    pub(super) fn extension(self) -> &'static str {
        match self {
            Table::Csv => "csv",
            Table::Xlsx => "xlsx",
        }
    }
}

/// What a page is the page of ([`Site::page_of`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PageOf<'s> {
    /// A result's page, by the id the ledger knows it by.
    Result(&'s str),
    /// A quarter summary's (first) page, by the quarter's id (`2025Q3`).
    Quarter(&'s str),
    Home,
    NotFound,
}

/// A file of the built site; [`Site::path`] says where it goes.
#[derive(Debug, Clone, Copy)]
pub struct File {
    pub(super) source: Source,
}

impl File {
    /// Whether the file is a page (listed in the sitemap).
    pub fn is_page(&self) -> bool {
        !matches!(
            self.source,
            Source::Static(_)
                | Source::QuarterData(..)
                | Source::YearData(..)
                | Source::NotFound
                | Source::Feed
                | Source::EntityFeed(_)
                | Source::Sitemap(_)
                | Source::Robots
                | Source::TasksCsv
                | Source::TasksJson
                | Source::Search(_)
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
    const FOLDERS: [&str; 6] = [
        "tasks/",
        "quarters/",
        "years/",
        "entities/",
        "units/",
        "search/",
    ];
    FILES.contains(&path)
        || (path.starts_with("sitemap-") && path.ends_with(".xml") && !path.contains('/'))
        || FOLDERS.iter().any(|folder| path.starts_with(folder))
        || (path.starts_with("data/")
            && [".csv", ".json", ".xlsx"]
                .iter()
                .any(|ext| path.ends_with(ext)))
}

/// The sitemap protocol's limit of URLs per file.
pub(super) const SITEMAP_LIMIT: usize = 50_000;

/// Entries in the Atom feed, the site's and each company's.
pub(super) const FEED_LENGTH: usize = 50;

pub(super) struct QuarterModel<'a> {
    pub(super) view: QuarterView<'a>,
    /// Published tasks by end date.
    pub(super) tasks: Vec<TaskIndex>,
}

/// A year with published results or an ended quarter: its data files.
pub(super) struct YearModel {
    pub(super) year: i32,
    /// Every published result of the year's quarters (its open quarter's too), by quarter,
    /// then as in each quarter's file (by end date, then task id).
    pub(super) tasks: Vec<TaskIndex>,
}

pub(super) struct EntityModel {
    pub(super) id: String,
    /// Newest first.
    pub(super) tasks: Vec<TaskIndex>,
}

/// The companies in the company list's order, as the search index reads them.
pub(super) struct CompanyList<'s> {
    pub(super) entities: &'s [EntityModel],
    pub(super) order: &'s [usize],
    pub(super) published: &'s [crate::assess::PublishedTask],
}

impl CompanyList<'_> {
    fn entity(&self, ordinal: u32) -> &EntityModel {
        &self.entities[self.order[ordinal as usize]]
    }
}

impl crate::search::Companies for CompanyList<'_> {
    fn count(&self) -> usize {
        self.order.len()
    }

    fn company(&self, ordinal: u32) -> crate::search::Company<'_> {
        let entity = self.entity(ordinal);
        let latest = &self.published[entity.tasks[0] as usize].record;
        crate::search::Company {
            id: &entity.id,
            name: &latest.entity,
            credit_code: &latest.credit_code,
            latest: latest.end,
            result: &latest.result,
        }
    }

    fn task_id(&self, ordinal: u32, n: usize) -> Option<&str> {
        let task = *self.entity(ordinal).tasks.get(n)?;
        Some(&self.published[task as usize].record.task_id)
    }
}

pub(super) struct UnitQuarterModel {
    pub(super) quarter: Quarter,
    pub(super) total: usize,
    pub(super) in_progress: usize,
    /// Newest first.
    pub(super) tasks: Vec<TaskIndex>,
}

pub(super) struct UnitModel<'a> {
    pub(super) name: &'a str,
    pub(super) slug: String,
    pub(super) total: usize,
    pub(super) published: usize,
    /// Newest first.
    pub(super) quarters: Vec<UnitQuarterModel>,
}

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
        let badge = &config.site.badge_image;
        if !badge.is_empty()
            && !badge.contains("://")
            && !theme.files.contains_key(&format!("static/{badge}"))
        {
            return Err(Error::config(
                crate::config::CONFIG_FILE,
                crate::tr!(
                    "config-badge-missing",
                    badge = badge,
                    theme = &config.site.theme
                ),
            ));
        }
        let as_of = assessment.report.as_of;
        let page_size = config.site.page_size;
        let nav_pages: Vec<&Page> = content
            .pages
            .iter()
            .filter(|p| !p.path.contains('/'))
            .collect();
        let published = &assessment.published;
        let task = |i: TaskIndex| &published[i as usize];
        let quarter_pages: HashSet<Quarter> = assessment
            .quarters
            .iter()
            .filter(|q| q.status != Status::Open)
            .map(|q| q.quarter)
            .collect();
        let quarter_refs = QuarterRefs::new(
            quarter_pages,
            assessment
                .quarters
                .iter()
                .map(|q| q.quarter)
                .chain(published.iter().filter_map(|t| t.record.quarter())),
        );
        let published_index = |record: usize| assessment.published_index[record];
        let newest_first = |a: &TaskIndex, b: &TaskIndex| {
            let (a, b) = (&task(*a).record, &task(*b).record);
            b.end.cmp(&a.end).then_with(|| b.task_id.cmp(&a.task_id))
        };

        // Quarters.
        let notes: HashMap<Quarter, &Page> =
            content.quarter_notes.iter().map(|(q, p)| (*q, p)).collect();
        // The quarters come in order (the assessment's), and so do the years made from them.
        let mut year_data: Vec<YearModel> = Vec::new();
        let quarters: Vec<QuarterModel<'a>> = assessment
            .quarters
            .iter()
            .map(|state| {
                let notes = notes.get(&state.quarter).map(|p| p.content.as_str());
                let view = quarter_view(state, notes);
                let mut tasks: Vec<TaskIndex> = state
                    .tasks
                    .iter()
                    .filter_map(|&i| published_index(i))
                    .collect();
                tasks.sort_by(|a, b| {
                    let (a, b) = (&task(*a).record, &task(*b).record);
                    a.end.cmp(&b.end).then_with(|| a.task_id.cmp(&b.task_id))
                });
                if view.page || !tasks.is_empty() {
                    let year = state.quarter.year;
                    if year_data.last().is_none_or(|y| y.year != year) {
                        year_data.push(YearModel {
                            year,
                            tasks: Vec::new(),
                        });
                    }
                    year_data
                        .last_mut()
                        .expect("just pushed")
                        .tasks
                        .extend(&tasks);
                }
                if !view.page {
                    tasks = Vec::new();
                }
                QuarterModel { view, tasks }
            })
            .collect();

        // Years: their figures, with their quarters' pages and their plan's.
        let quarter_page_ids: HashSet<String> = quarters
            .iter()
            .filter(|q| q.view.page)
            .map(|q| q.view.id.clone())
            .collect();
        let years: Vec<YearView<'a>> =
            assessment
                .report
                .years
                .iter()
                .map(|figures| {
                    let id = figures.year.to_string();
                    let plan_page = content
                        .pages
                        .iter()
                        .find(|page| page.plan_year == Some(figures.year));
                    let plan_item =
                        assessment.report.items.iter().rev().find(|item| {
                            item.kind == crate::model::ItemKind::Plan && item.id == id
                        });
                    let has_data = year_data.iter().any(|y| y.year == figures.year);
                    year_view(
                        figures,
                        &quarter_page_ids,
                        plan_page,
                        plan_item,
                        as_of,
                        has_data,
                    )
                })
                .collect();

        // Companies (检查对象), by credit code or name: tasks sorted by company, then grouped.
        let ids: Vec<String> = published
            .par_iter()
            .map(|t| entity_id(&t.record.credit_code, &t.record.entity))
            .collect();
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
        // The company list in the order people look names up: by pinyin (see
        // [`crate::collate`]), then the name, then the id.
        let name_of = |i: usize| &*task(entities[i].tasks[0]).record.entity;
        let keys: Vec<PinyinKey> = (0..entities.len())
            .into_par_iter()
            .map(|i| pinyin_key(name_of(i)))
            .collect();
        let mut entity_order: Vec<usize> = (0..entities.len()).collect();
        entity_order.sort_by(|&a, &b| {
            keys[a]
                .cmp(&keys[b])
                .then_with(|| name_of(a).cmp(name_of(b)))
                .then_with(|| entities[a].id.cmp(&entities[b].id))
        });
        drop(keys);
        let search = crate::search::SearchIndex::new(&CompanyList {
            entities: &entities,
            order: &entity_order,
            published,
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
        let by_change =
            |a: &TaskIndex, b: &TaskIndex| super::newest_change_first(task(*a), task(*b));
        let latest = first_sorted(published.len(), config.site.latest_results, by_publication);
        let feed = first_sorted(published.len(), FEED_LENGTH, by_change);

        let rules = config.disclosure.current();
        let mut templates = templates;
        let shared = Shared {
            site: SiteInfo {
                title: &config.site.title,
                bureau: &config.site.bureau,
                base_url: &config.site.base_url,
                description: &config.site.description,
                footer: Footer {
                    organiser: &config.site.organiser,
                    site_code: &config.site.site_code,
                    icp: &config.site.icp,
                    icp_url: crate::config::ICP_REGISTRY_URL,
                    police_record: &config.site.police_record,
                    police_record_url: config.site.police_record_link(),
                    badge_image: &config.site.badge_image,
                    badge_in_theme: !config.site.badge_image.contains("://"),
                    badge_url: &config.site.badge_url,
                },
            },
            nav_pages,
            rules: &rules,
        }
        .share_with(&mut templates, theme)?;
        let mut site = Site {
            config,
            theme,
            content,
            assessment,
            templates,
            shared,
            quarter_refs,
            quarters,
            years,
            year_data,
            entities,
            entity_order,
            search,
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
        (site.task_fingerprints, site.open_fingerprints) = site
            .every_task()
            .into_par_iter()
            .map(|i| {
                (
                    crate::fingerprint::of(&site.task_view(i)),
                    crate::opendata::fingerprint(site.task(i), config),
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

        site.files = site.plan_files(page_size);
        site.pages = site.files.iter().filter(|f| f.is_page()).count();
        if site.pages > SITEMAP_LIMIT {
            for part in 0..site.pages.div_ceil(SITEMAP_LIMIT) {
                site.files.push(File {
                    source: Source::Sitemap(Some(part as u32)),
                });
            }
        }
        site.all_newest = site
            .feed
            .iter()
            .map(|&i| changed_on(task(i)))
            .max()
            .unwrap_or(as_of);
        // Content pages and theme files are named by the site; the rest by gongshi, whose
        // names never meet (slugs and ids are unique, each kind in a folder of its own).
        for file in &site.files {
            if matches!(file.source, Source::Content(_) | Source::Static(_)) {
                let path = site.path(file);
                if generated(&path) {
                    return Err(Error::Usage(format!(
                        "{path} would be written over a page gongshi makes there: content pages \
                         and theme files cannot go in tasks/, quarters/, years/, entities/, \
                         units/ or search/, nor be data/*.csv, data/*.xlsx, data/*.json, \
                         index.html, 404.html, feed.xml, robots.txt or sitemap*.xml; rename or \
                         move the file"
                    )));
                }
            }
        }
        site.salt = site.salt();
        Ok(site)
    }

    /// Every file but the sitemap's parts. Paths are made when needed, never kept: a province
    /// has millions.
    fn plan_files(&self, page_size: usize) -> Vec<File> {
        let mut files: Vec<File> = Vec::new();
        let mut add = |source: Source| files.push(File { source });
        for i in 0..self.static_files.len() {
            add(Source::Static(i as u32));
        }
        for i in self.every_task() {
            add(Source::Task(i));
        }
        for i in 0..self.assessment.report.withdrawn.len() {
            add(Source::Withdrawn(i as u32));
        }
        for (i, q) in self.quarters.iter().enumerate() {
            if !q.view.page {
                continue;
            }
            for page in 0..chunk_count(q.tasks.len(), page_size) {
                add(Source::Quarter {
                    quarter: i as u32,
                    page: page as u32,
                });
            }
            for table in Table::BOTH {
                add(Source::QuarterData(i as u32, table));
            }
        }
        for i in 0..self.year_data.len() {
            for table in Table::BOTH {
                add(Source::YearData(i as u32, table));
            }
        }
        for i in 0..self.years.len() {
            add(Source::Year(i as u32));
        }
        for i in 0..self.entities.len() {
            add(Source::Entity(i as u32));
            add(Source::EntityFeed(i as u32));
        }
        for page in 0..chunk_count(self.entities.len(), page_size) {
            add(Source::Entities(page as u32));
        }
        for (i, unit) in self.units.iter().enumerate() {
            add(Source::Unit(i as u32));
            for (j, uq) in unit.quarters.iter().enumerate() {
                if uq.tasks.is_empty() {
                    continue;
                }
                for page in 0..chunk_count(uq.tasks.len(), page_size) {
                    add(Source::UnitQuarter {
                        unit: i as u32,
                        quarter: j as u32,
                        page: page as u32,
                    });
                }
            }
        }
        add(Source::Units);
        for i in 0..self.content.pages.len() {
            add(Source::Content(i as u32));
        }
        for file in self.search.files() {
            add(Source::Search(file));
        }
        for source in [
            Source::Index,
            Source::NotFound,
            Source::Feed,
            Source::Robots,
            Source::TasksCsv,
            Source::TasksJson,
            Source::Sitemap(None),
        ] {
            add(source);
        }
        files
    }

    /// Every file of the site.
    pub fn files(&self) -> &[File] {
        &self.files
    }

    /// What a page is the page of, for `gongshi verify`: a result's (by its ledger id, withdrawn
    /// or not), a quarter summary's first page, the home page or the not-found page. `None` for
    /// every other file.
    pub fn page_of(&self, file: &File) -> Option<PageOf<'_>> {
        Some(match file.source {
            Source::Task(i) => PageOf::Result(self.task(i).record.id()),
            Source::Withdrawn(i) => {
                PageOf::Result(&self.assessment.report.withdrawn[i as usize].id)
            }
            Source::Quarter { quarter, page: 0 } => {
                PageOf::Quarter(&self.quarters[quarter as usize].view.id)
            }
            Source::Index => PageOf::Home,
            Source::NotFound => PageOf::NotFound,
            _ => return None,
        })
    }

    /// Where `file` goes under the output folder: `/`-separated, never leaving it (every
    /// segment comes from a slug, an id or a fixed name).
    pub fn path(&self, file: &File) -> String {
        let paged =
            |base: String, page: u32| Pagination::page_url(&base, page as usize + 1) + "index.html";
        match file.source {
            Source::Static(i) => self.static_files[i as usize].0.to_string(),
            Source::Task(i) => format!("tasks/{}/index.html", self.task(i).record.slug),
            Source::Withdrawn(i) => format!(
                "tasks/{}/index.html",
                self.assessment.report.withdrawn[i as usize].slug
            ),
            Source::Quarter { quarter, page } => paged(
                format!("quarters/{}/", self.quarters[quarter as usize].view.slug),
                page,
            ),
            Source::QuarterData(i, table) => {
                let view = &self.quarters[i as usize].view;
                match table {
                    Table::Csv => view.data_file.clone(),
                    Table::Xlsx => view.xlsx_file.clone(),
                }
            }
            Source::YearData(i, table) => {
                format!(
                    "data/{}.{}",
                    self.year_data[i as usize].year,
                    table.extension()
                )
            }
            Source::Year(i) => format!("years/{}/index.html", self.years[i as usize].year),
            Source::Entity(i) => format!("entities/{}/index.html", self.entities[i as usize].id),
            Source::EntityFeed(i) => format!("entities/{}/feed.xml", self.entities[i as usize].id),
            Source::Entities(page) => paged("entities/".into(), page),
            Source::Unit(i) => format!("units/{}/index.html", self.units[i as usize].slug),
            Source::UnitQuarter {
                unit,
                quarter,
                page,
            } => {
                let unit = &self.units[unit as usize];
                let quarter = unit.quarters[quarter as usize].quarter;
                paged(format!("units/{}/{}/", unit.slug, quarter.slug()), page)
            }
            Source::Units => "units/index.html".into(),
            Source::Content(i) => format!("{}/index.html", self.content.pages[i as usize].path),
            Source::Index => "index.html".into(),
            Source::NotFound => "404.html".into(),
            Source::Feed => "feed.xml".into(),
            Source::Robots => "robots.txt".into(),
            Source::TasksCsv => "data/tasks.csv".into(),
            Source::TasksJson => "data/tasks.json".into(),
            Source::Search(file) => file.path(),
            Source::Sitemap(None) => "sitemap.xml".into(),
            Source::Sitemap(Some(part)) => format!("sitemap-{}.xml", part + 1),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{first_sorted, generated};

    #[test]
    fn the_first_few_come_in_order_without_sorting_all() {
        let key = [5u32, 1, 4, 1, 3, 9, 2];
        let order = |a: &u32, b: &u32| key[*a as usize].cmp(&key[*b as usize]).then(a.cmp(b));
        assert_eq!(first_sorted(key.len(), 3, order), [1, 3, 6]);
        assert_eq!(first_sorted(key.len(), 10, order), [1, 3, 6, 4, 2, 0, 5]);
        assert!(first_sorted(0, 3, order).is_empty());
    }

    #[test]
    fn the_names_gongshi_makes_are_reserved() {
        for path in [
            "index.html",
            "tasks/x/index.html",
            "entities/91440300192317458f/feed.xml",
            "sitemap-2.xml",
            "data/2025q3.csv",
            "data/2025q3.xlsx",
            "data/2025.xlsx",
            "data/tasks.json",
            "search/dict.bin",
            "search/g/1f.bin",
        ] {
            assert!(generated(path), "{path}");
        }
        for path in [
            "about/index.html",
            "style.css",
            "data/plan.pdf",
            "docs/sitemap-1.xml",
            "task/index.html",
        ] {
            assert!(!generated(path), "{path}");
        }
    }
}
