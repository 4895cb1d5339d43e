//! The site stage: from the assessment, the content and the theme to the files of the site.
//! Every URL here is part of the contract with citizens' bookmarks and other sites' links.
//!
//! One job per file, in the order data flows:
//! - `plan`: which files exist and where each goes (the names themselves are [`crate::url`]'s);
//! - `views`: the typed values each template gets;
//! - `pagination`: long lists split into pages;
//! - `produce`: a file's fingerprint and bytes, both from the same view;
//! - `feeds`: the sitemap's and the Atom feeds' choices (the site's, and each company's);
//! - `html`: minifying and root paths.

mod feeds;
mod html;
mod pagination;
mod plan;
mod produce;
mod views;

use std::collections::{BTreeMap, HashMap};

use chrono::NaiveDate;

use crate::assess::{Assessment, PublishedTask};
use crate::config::Config;
use crate::content::Content;
use crate::error::Result;
use crate::theme::{Templates, Theme};

pub use plan::{File, PageOf};
pub use produce::{FINGERPRINT_VARIABLE, format_fingerprint};

/// A file of the built site, by its path under the output folder (always `/`-separated, never
/// leaving it: every segment comes from a slug or a fixed name).
pub type Output = BTreeMap<String, Vec<u8>>;

/// A published task, by its place in [`Assessment::published`]. The site's lists hold these
/// rather than references: half the size, and they index the per-task tables.
type TaskIndex = u32;

/// The site model: every file of the built site, and what each is made from. Files are made
/// one at a time by [`Site::produce`] (from any thread), so that no more than a page per
/// thread is ever held in memory.
pub struct Site<'a> {
    config: &'a Config,
    theme: &'a Theme,
    content: &'a Content,
    assessment: &'a Assessment,
    templates: Templates,
    /// The fingerprint of what every page shows alike (see [`produce::Shared`]).
    shared: u64,
    quarter_refs: views::QuarterRefs,
    quarters: Vec<plan::QuarterModel<'a>>,
    /// Each year with tasks, oldest first (`/years/<yyyy>/`).
    years: Vec<views::YearView<'a>>,
    /// The years with data files (`data/<yyyy>.csv`, `.xlsx`), in order.
    year_data: Vec<plan::YearModel>,
    entities: Vec<plan::EntityModel>,
    /// Entity indices in the company list's order (by name).
    entity_order: Vec<usize>,
    /// The search index (`search/`).
    search: crate::search::SearchIndex,
    units: Vec<plan::UnitModel<'a>>,
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

impl Site<'_> {
    fn task(&self, i: TaskIndex) -> &PublishedTask {
        &self.assessment.published[i as usize]
    }

    /// The companies as the search index reads them.
    fn company_list(&self) -> plan::CompanyList<'_> {
        plan::CompanyList {
            entities: &self.entities,
            order: &self.entity_order,
            published: &self.assessment.published,
        }
    }

    /// Every published task.
    fn every_task(&self) -> std::ops::Range<TaskIndex> {
        0..self.assessment.published.len() as TaskIndex
    }
}

/// The day a published task last changed: published, or corrected since.
fn changed_on(task: &PublishedTask) -> NaiveDate {
    task.updated_on
        .unwrap_or(task.published_on)
        .max(task.published_on)
}

/// The order of the Atom feeds (the site's and each company's): the newest change first, then
/// by task id, then by page (the records of one task with several companies).
fn newest_change_first(a: &PublishedTask, b: &PublishedTask) -> std::cmp::Ordering {
    changed_on(b)
        .cmp(&changed_on(a))
        .then_with(|| a.record.task_id.cmp(&b.record.task_id))
        .then_with(|| a.record.slug.cmp(&b.record.slug))
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
