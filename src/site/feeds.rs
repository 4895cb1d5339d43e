//! The sitemap and the Atom feeds (the site's, and each company's): which pages and results
//! they list, and when each changed.

use chrono::NaiveDate;

use super::plan::{FEED_LENGTH, File, SITEMAP_LIMIT, Source};
use super::views::WithdrawnView;
use super::{Site, TaskIndex, changed_on, newest_change_first};

impl Site<'_> {
    /// The sitemap index of a site with more than [`SITEMAP_LIMIT`] pages: one entry per part,
    /// each dated by its newest page.
    pub(super) fn sitemap_index(&self, base: &str) -> Vec<u8> {
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
                crate::escape::url_in_xml(base),
                part + 1,
            ));
        }
        xml.push_str("</sitemapindex>\n");
        xml.into_bytes()
    }

    /// Every page's URL (relative to the site) with the day it last changed, in file order.
    pub(super) fn sitemap_pages(&self) -> impl Iterator<Item = (String, NaiveDate)> + '_ {
        self.files.iter().filter(|f| f.is_page()).map(|file| {
            let path = self.path(file);
            let url = path.strip_suffix("index.html").unwrap_or(&path).to_string();
            (url, self.last_changed(file))
        })
    }

    /// Withdrawals for the feed: those of the time its results cover (all of them while it
    /// has room), newest first, as many as it has entries.
    pub(super) fn recent_withdrawals(&self) -> Vec<WithdrawnView<'_>> {
        let withdrawn = &self.assessment.report.withdrawn;
        let since = (self.feed.len() == FEED_LENGTH)
            .then(|| self.feed.iter().map(|&i| changed_on(self.task(i))).min())
            .flatten();
        let mut all: Vec<u32> = (0..withdrawn.len() as u32)
            .filter(|&i| since.is_none_or(|since| withdrawn[i as usize].withdrawn_on >= since))
            .collect();
        all.sort_by(|&a, &b| {
            let (a, b) = (&withdrawn[a as usize], &withdrawn[b as usize]);
            b.withdrawn_on
                .cmp(&a.withdrawn_on)
                .then_with(|| a.id.cmp(&b.id))
        });
        all.truncate(FEED_LENGTH);
        all.into_iter().map(|i| self.withdrawn_view(i)).collect()
    }

    /// When the feed last changed: its newest result or withdrawal.
    pub(super) fn feed_updated(&self, withdrawals: &[WithdrawnView<'_>]) -> NaiveDate {
        let newest_withdrawal = withdrawals.iter().map(|w| w.withdrawn_on).max();
        self.feed
            .first()
            .map(|&i| changed_on(self.task(i)))
            .max(newest_withdrawal)
            .unwrap_or(self.assessment.report.as_of)
    }

    /// Company `i`'s feed: its results, the newest change (publication or correction) first,
    /// in the site feed's order, as many as the site feed has. A company has a few results,
    /// so they are sorted when its feed is made rather than kept sorted for every company.
    pub(super) fn entity_feed(&self, i: u32) -> Vec<TaskIndex> {
        let mut tasks = self.entities[i as usize].tasks.clone();
        tasks.sort_by(|&a, &b| newest_change_first(self.task(a), self.task(b)));
        tasks.truncate(FEED_LENGTH);
        tasks
    }

    /// The day a page last changed, for the sitemap.
    pub(super) fn last_changed(&self, file: &File) -> NaiveDate {
        let as_of = self.assessment.report.as_of;
        let newest = |tasks: &[TaskIndex]| {
            tasks
                .iter()
                .map(|&i| changed_on(self.task(i)))
                .max()
                .unwrap_or(as_of)
        };
        match file.source {
            Source::Task(i) => changed_on(self.task(i)),
            Source::Withdrawn(i) => self.assessment.report.withdrawn[i as usize].withdrawn_on,
            Source::Quarter { quarter, .. } => {
                let view = &self.quarters[quarter as usize].view;
                view.published_on.max(view.updated_on).unwrap_or(as_of)
            }
            Source::Entity(i) => newest(&self.entities[i as usize].tasks),
            Source::Unit(i) => self.units[i as usize]
                .quarters
                .iter()
                .filter(|q| !q.tasks.is_empty())
                .map(|q| newest(&q.tasks))
                .max()
                .unwrap_or(as_of),
            Source::UnitQuarter { unit, quarter, .. } => {
                newest(&self.units[unit as usize].quarters[quarter as usize].tasks)
            }
            Source::Content(i) => {
                let page = &self.content.pages[i as usize];
                page.updated.or(page.date).unwrap_or(as_of)
            }
            _ => self.all_newest,
        }
    }
}
