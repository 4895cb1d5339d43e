//! Deadlines and statuses: every row gets exactly one status, every quarter one once it has
//! tasks, and the ledger rows this build would add.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::Arc;

use chrono::{Datelike, NaiveDate};

use crate::archive::{ARCHIVE_FILE, Archive, Snapshot};
use crate::calendar::{Calendar, Deadline};
use crate::channels::ChannelFile;
use crate::config::{Config, Disclosure, QuarterAnchor};
use crate::dates::Quarter;
use crate::error::{Error, Result};
use crate::ingest::ChannelCell;
use crate::ingest::Tasks;
use crate::ledger::{Entry, Kind, Ledger};
use crate::model::{
    AssessPart, ChannelItem, Item, ItemKind, Missing, Problem, QuarterFigures, Record, Report,
    Status, Withdrawal,
};
use crate::tr;

/// Deadline arithmetic under a site's rules and calendar.
#[derive(Debug, Clone, Copy)]
pub struct Deadlines<'a> {
    pub calendar: &'a Calendar,
    pub disclosure: &'a Disclosure,
}

impl Deadlines<'_> {
    /// A task result's deadline: the Nth working day after the inspection ended.
    pub fn task(&self, end: NaiveDate) -> Result<Deadline> {
        let rules = self.disclosure.rules_for(end);
        self.calendar.deadline_after(end, rules.task_working_days)
    }

    /// A year's inspection plan's deadline: `annual_plan_due` of that year (the last day of its
    /// first quarter), rolled forward to a working day as a quarter's is. `None` where the
    /// rules ask for no plan (`annual_plan = false`, the default).
    pub fn plan(&self, year: i32) -> Result<Option<Deadline>> {
        let Some(new_year) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return Ok(None);
        };
        let rules = self.disclosure.rules_for(new_year);
        if !rules.annual_plan {
            return Ok(None);
        }
        let Some(day) = rules.annual_plan_due.in_year(year) else {
            return Ok(None);
        };
        if rules.roll_forward {
            self.calendar.roll_forward_bounded(day).map(Some)
        } else {
            Ok(Some(Deadline::On(day)))
        }
    }

    /// A quarterly summary's deadline: N natural days after the anchor (the quarter's last day,
    /// or with `last_task_end` the day its last task ended), rolled forward to a working day.
    /// `None` in a period that set no deadline for it (`quarter_summary = false`).
    pub fn quarter(
        &self,
        quarter: Quarter,
        last_task_end: Option<NaiveDate>,
    ) -> Result<Option<Deadline>> {
        let rules = self.disclosure.rules_for(quarter.last_day());
        if !rules.quarter_summary {
            return Ok(None);
        }
        let anchor = match rules.quarter_anchor {
            QuarterAnchor::QuarterEnd => quarter.last_day(),
            QuarterAnchor::LastTaskEnd => last_task_end.unwrap_or(quarter.last_day()),
        };
        let day = anchor
            .checked_add_days(chrono::Days::new(u64::from(rules.quarter_natural_days)))
            .ok_or(Error::MissingCalendarYear { year: 10_000 })?;
        if rules.roll_forward {
            self.calendar.roll_forward_bounded(day).map(Some)
        } else {
            Ok(Some(Deadline::On(day)))
        }
    }
}

/// A task whose result is published by this build, with what its page shows.
#[derive(Debug, Clone, serde::Serialize)]
pub struct PublishedTask {
    pub record: Arc<Record>,
    pub status: Status,
    pub deadline: Deadline,
    /// First published (公示日期): a correction never changes it.
    pub published_on: NaiveDate,
    /// Last corrected (最后更新), if ever.
    pub updated_on: Option<NaiveDate>,
    /// How many corrections were published (更正次数): the length of its
    /// [`Assessment::revisions`].
    #[serde(skip)]
    pub revisions: u32,
    /// The day it was published on each other channel (`[[channel]]`), as its page says.
    pub channels: Vec<ChannelPublication>,
    pub file: std::sync::Arc<str>,
    pub line: u64,
}

/// A quarter and the tasks that count in it.
#[derive(Debug, Clone)]
pub struct QuarterState {
    pub quarter: Quarter,
    pub status: Status,
    /// `None` in a period with no summary deadline.
    pub deadline: Option<Deadline>,
    pub published_on: Option<NaiveDate>,
    /// Last revised (最后更新): the summary changed since it was first published.
    pub updated_on: Option<NaiveDate>,
    /// Indexes into [`Assessment::records`].
    pub tasks: Vec<usize>,
    pub figures: QuarterFigures,
}

/// The outcome of checking every row and quarter against the ledger and the deadlines.
#[derive(Debug)]
pub struct Assessment {
    pub report: Report,
    /// Every valid record, with its status (in file order).
    pub records: Vec<(Arc<Record>, Status)>,
    pub published: Vec<PublishedTask>,
    /// For each record, its place in `published`, if it is published.
    pub published_index: Vec<Option<u32>>,
    pub quarters: Vec<QuarterState>,
    /// Ledger rows for what this build publishes for the first time.
    pub new_entries: Vec<Entry>,
    /// Published results whose last version the archive does not hold yet.
    pub new_snapshots: Vec<Snapshot>,
    /// The corrections of each corrected result, oldest first, by its place in `published`
    /// (see [`crate::revisions`]).
    pub revisions: HashMap<u32, Vec<crate::model::Revision>>,
}

#[allow(clippy::too_many_arguments)]
pub fn assess(
    tasks: Tasks,
    ledger: &Ledger,
    archive: &Archive,
    channel_files: &[Option<ChannelFile>],
    calendar: &Calendar,
    config: &Config,
    content: &crate::content::Content,
    as_of: NaiveDate,
) -> Result<Assessment> {
    let deadlines = Deadlines {
        calendar,
        disclosure: &config.disclosure,
    };
    let mut channels = Channels::new(config, channel_files, deadlines);
    let (rows, ingested) = tasks.into_parts();
    let mut items = Vec::with_capacity(rows.len());
    let mut errors = Vec::new();
    let mut warnings = Vec::new();
    let mut invalid = 0;
    let mut records = Vec::new();
    let mut published = Vec::new();
    let mut published_index = Vec::new();
    let mut new_entries = Vec::new();

    // The costly part of each row, on every core; the rest goes in order. Every valid row's
    // digest: a published result's tells corrections, and each task's its quarter's summary.
    let with_inspectors = config.privacy.publish_inspectors;
    let hashes: Vec<Option<u64>> = {
        use rayon::prelude::*;
        rows.par_iter()
            .map(|row| row.record.as_ref().map(|r| record_hash(r, with_inspectors)))
            .collect()
    };
    // For each of `records`, its digest.
    let mut record_hashes: Vec<u64> = Vec::new();
    // A few hundred distinct end dates among a province's tasks.
    let mut task_deadlines: HashMap<NaiveDate, Deadline> = HashMap::new();
    let mut deadline_of = |end: NaiveDate| -> Result<Deadline> {
        if let Some(&deadline) = task_deadlines.get(&end) {
            return Ok(deadline);
        }
        let deadline = deadlines.task(end)?;
        task_deadlines.insert(end, deadline);
        Ok(deadline)
    };
    let mut missing = Vec::new();
    let mut withdrawals = Vec::new();
    let mut new_snapshots = Vec::new();
    let mut rejected_ids: HashSet<String> = HashSet::new();
    // Quarters of withdrawn results: a published summary whose tasks were all withdrawn is
    // accounted for.
    let mut withdrawn_quarters: HashSet<Quarter> = HashSet::new();
    // Tasks published with one object that now have several, with what to say of each.
    let mut gained_objects: Vec<(String, Problem)> = Vec::new();
    for (mut row, hash) in rows.into_iter().zip(hashes) {
        channels.row_errors(std::mem::take(&mut row.channel_errors));
        let mut item = Item {
            file: Some(row.file.clone()),
            line: Some(row.line),
            sheet: row.sheet.clone(),
            ..Item::new(ItemKind::Task, row.task_id, Status::Rejected)
        };
        let (Some(mut record), Some(hash)) = (row.record, hash) else {
            invalid += 1;
            errors.extend(row.errors);
            if !item.id.is_empty() {
                // In a task with several objects, the record was known by task id and object.
                if let Some(object) = &row.object {
                    rejected_ids.insert(crate::ingest::object_id(&item.id, object));
                }
                rejected_ids.insert(item.id.clone());
            }
            items.push(item);
            continue;
        };
        match published_as(&record, ledger, archive) {
            PublishedAs::Itself => {}
            PublishedAs::TaskAlone(on) => {
                // Published while it was its task's only object: it keeps that ledger row,
                // and its page keeps its address. Said on the day another object of its
                // task is first published (see below).
                gained_objects.push((
                    record.task_id.clone(),
                    Problem {
                        sheet: row.sheet.as_deref().map(str::to_string),
                        ..Problem::at(
                            &row.file,
                            row.line,
                            Some("任务编号"),
                            tr!(
                                "assess-task-gained-objects",
                                task = &record.task_id,
                                on = on,
                                object = record.object_text(),
                            ),
                        )
                    },
                ));
                let record = Arc::make_mut(&mut record);
                record.slug = crate::url::task_slug(&record.task_id);
                record.own_id = None;
            }
            PublishedAs::OneOfSeveral => {
                // Published as one of its task's several objects, and the only one left: it
                // keeps that ledger row and its page.
                let record = Arc::make_mut(&mut record);
                let object: crate::model::Text = record.object_text().into();
                crate::ingest::set_identity(record, Some(object));
            }
        }
        item.id = record.id().to_string();
        let digest = record.is_publishable().then(|| hex(hash));
        let before = published.len();
        let id = record.id();
        let entry = ledger.get(Kind::Task, id);
        if let Some(entry) = entry {
            future_publication(&mut warnings, entry, as_of);
        }
        let withdrawal = ledger.get(Kind::Withdrawn, id);
        // A result published before whose row no longer gives one (its result or end date was
        // cleared) keeps its page as last published.
        let kept = (entry.is_some() && digest.is_none())
            .then(|| archive.snapshot(id).filter(|r| r.shows_a_result()).cloned())
            .flatten();
        let end = match &kept {
            Some(kept) => kept.end,
            None => record.end,
        };
        let place = (&row.file, row.line, &row.sheet);
        let channels_shown = channels.assess(
            &record,
            end,
            &row.channels,
            place,
            withdrawal.is_some(),
            as_of,
        )?;
        let Some(end) = end else {
            if let (Some(entry), Some(withdrawal)) = (entry, withdrawal) {
                // Withdrawn: its page says so, and its fields count nowhere.
                item.withdrawn_on = Some(withdrawal.published_on);
                item.status = Status::InProgress;
                withdrawals.push(Withdrawal::new(entry, withdrawal, &record.slug));
                withdrawn_quarters.extend(record.quarter());
                items.push(item);
                continue;
            }
            if let Some(entry) = entry {
                missing.push(Missing::task(
                    id,
                    entry.published_on,
                    None,
                    &tr!(
                        "assess-missing-row-lacks",
                        what = tr!("assess-what-no-end-date")
                    ),
                ));
            }
            item.status = Status::InProgress;
            items.push(item);
            records.push((record, Status::InProgress));
            record_hashes.push(hash);
            published_index.push(None);
            continue;
        };
        let deadline = deadline_of(end).map_err(|e| Error::Input {
            path: row.file.to_string().into(),
            line: row.line,
            message: tr!("assess-end-date-error", end = end, error = e.to_string()),
        })?;
        item.set_deadline(deadline);
        match (entry, withdrawal) {
            // Published, then withdrawn (撤回): the deadline was met or missed when it was
            // published; the page now says it was withdrawn.
            (Some(entry), Some(withdrawal)) => {
                item.published_on = Some(entry.published_on);
                item.set_publication(entry.published_on, deadline, &entry.late_reason);
                item.withdrawn_on = Some(withdrawal.published_on);
                withdrawals.push(Withdrawal::new(entry, withdrawal, &record.slug));
                // Its fields count nowhere: not in the quarter's figures, nor its unit's.
                withdrawn_quarters.extend(record.quarter());
                items.push(item);
                continue;
            }
            (Some(entry), None) => {
                item.published_on = Some(entry.published_on);
                item.set_publication(entry.published_on, deadline, &entry.late_reason);
                let mut updated_on = ledger.last_revision(id);
                let shown = match digest {
                    Some(digest) => {
                        // A correction (更正): what is published now differs from what was, as
                        // the ledger's last digest says, or (for a result whose ledger rows have
                        // none: imported, or from before digests) the archive's.
                        let changed = match ledger.last_digest(id) {
                            Some(last) => {
                                last != digest
                                    && last
                                        != digest_before_later_fields(
                                            &record,
                                            config.privacy.publish_inspectors,
                                        )
                            }
                            None => archive.has(id) && !archive.holds(id, &digest),
                        };
                        if changed {
                            new_entries.push(Entry {
                                kind: Kind::Revision,
                                id: id.to_string(),
                                published_on: as_of,
                                late_reason: String::new(),
                                digest: digest.clone(),
                            });
                            updated_on = Some(as_of);
                        }
                        if !archive.holds(id, &digest) {
                            new_snapshots.push(Snapshot {
                                record: Arc::clone(&record),
                                digest,
                            });
                        }
                        Some(Arc::clone(&record))
                    }
                    None => {
                        let what = if record.end.is_none() {
                            tr!("assess-what-no-end-date")
                        } else if record.result.is_empty() {
                            tr!("assess-what-no-result")
                        } else {
                            tr!("assess-what-not-a-result", result = &*record.result)
                        };
                        if kept.is_some() {
                            warnings.push(Problem::at(
                                &row.file,
                                row.line,
                                Some(if record.end.is_none() {
                                    "检查结束日期"
                                } else {
                                    "检查结果"
                                }),
                                tr!(
                                    "assess-published-row-lacks",
                                    id = id,
                                    published_on = entry.published_on,
                                    what = &what,
                                ),
                            ));
                        } else {
                            missing.push(Missing::task(
                                id,
                                entry.published_on,
                                None,
                                &tr!("assess-missing-row-lacks", what = &what),
                            ));
                        }
                        kept
                    }
                };
                item.updated_on = updated_on;
                if let Some(shown) = shown {
                    published.push(PublishedTask {
                        record: shown,
                        status: item.status,
                        deadline,
                        published_on: entry.published_on,
                        updated_on,
                        revisions: 0,
                        channels: channels_shown,
                        file: row.file.clone(),
                        line: row.line,
                    });
                }
            }
            (None, withdrawal) => {
                if withdrawal.is_some() {
                    warnings.push(Problem::in_file(
                        crate::ledger::LEDGER_FILE,
                        tr!("assess-withdrawn-never-published", id = id),
                    ));
                }
                if let Some(digest) = digest {
                    new_entries.push(Entry {
                        kind: Kind::Task,
                        id: id.to_string(),
                        published_on: as_of,
                        late_reason: String::new(),
                        digest: digest.clone(),
                    });
                    if !archive.holds(id, &digest) {
                        new_snapshots.push(Snapshot {
                            record: Arc::clone(&record),
                            digest,
                        });
                    }
                    item.published_on = Some(as_of);
                    item.set_publication(as_of, deadline, "");
                    published.push(PublishedTask {
                        record: Arc::clone(&record),
                        status: item.status,
                        deadline,
                        published_on: as_of,
                        updated_on: None,
                        revisions: 0,
                        channels: channels_shown,
                        file: row.file.clone(),
                        line: row.line,
                    });
                } else {
                    item.status = unpublished_status(deadline, as_of);
                    if item.status == Status::Overdue {
                        item.days_late = Some((as_of - deadline.earliest()).num_days());
                    }
                    if item.status == Status::Due
                        && let Some(warning) =
                            due_soon(calendar, config, &record, end, deadline, as_of)
                    {
                        warnings.push(Problem::at(&row.file, row.line, Some("检查结果"), warning));
                    }
                }
            }
        }
        records.push((record, item.status));
        record_hashes.push(hash);
        published_index.push((published.len() > before).then_some(before as u32));
        items.push(item);
    }

    // A task that gains objects is said so on the day the first of them is published, as the
    // report of that day's build and any check that day give it.
    if !gained_objects.is_empty() {
        let mut published_today: Vec<&str> = items
            .iter()
            .filter(|item| item.kind == ItemKind::Task && item.published_on == Some(as_of))
            .map(|item| item.id.as_str())
            .collect();
        published_today.sort_unstable();
        // An object of the task: an id that starts with the task id and a slash.
        let has_object_today = |task: &str| {
            let prefix = format!("{task}/");
            let at = published_today.partition_point(|id| *id < prefix.as_str());
            published_today
                .get(at)
                .is_some_and(|id| id.starts_with(&prefix))
        };
        warnings.extend(
            gained_objects
                .into_iter()
                .filter(|(task, _)| has_object_today(task))
                .map(|(_, problem)| problem),
        );
    }

    // Results the ledger says were published whose rows are in no export now (or are invalid):
    // their pages stay, from the archive, and each is a problem until its row is back or it
    // is withdrawn.
    let valid_ids: HashSet<&str> = records
        .iter()
        .map(|(r, _)| r.id())
        .chain(withdrawals.iter().map(|w| w.id.as_str()))
        .collect();
    let gone: Vec<&Entry> = ledger
        .first_rows(Kind::Task)
        .filter(|entry| !valid_ids.contains(entry.id.as_str()))
        .collect();
    drop(valid_ids);
    // Page addresses taken by the rows' results: an id that differs from one of them only in
    // case (`ps-1` published, `PS-1` in the export now) would share its page.
    let mut taken: HashSet<String> = published
        .iter()
        .map(|t| t.record.slug.clone())
        .chain(withdrawals.iter().map(|w| w.slug.clone()))
        .collect();
    for entry in gone {
        let id = entry.id.as_str();
        let snapshot = archive.snapshot(id).filter(|r| r.shows_a_result());
        let slug = snapshot.map_or_else(|| crate::url::task_slug(id), |r| r.slug.clone());
        if taken.contains(&slug) {
            missing.push(Missing::task(
                id,
                entry.published_on,
                None,
                &tr!("assess-missing-address-taken", slug = &slug),
            ));
            continue;
        }
        if let Some(withdrawal) = ledger.get(Kind::Withdrawn, id) {
            withdrawn_quarters.extend(snapshot.and_then(|r| r.quarter()));
            withdrawals.push(Withdrawal::new(entry, withdrawal, &slug));
            taken.insert(slug);
            continue;
        }
        let why = if rejected_ids.contains(id) {
            tr!("assess-why-invalid")
        } else {
            tr!("assess-why-gone")
        };
        let Some(snapshot) = snapshot else {
            missing.push(Missing::task(
                id,
                entry.published_on,
                None,
                &tr!("assess-missing-not-archived", why = &why),
            ));
            continue;
        };
        taken.insert(slug);
        let deadline = deadline_of(snapshot.end.expect("publishable"))?;
        let status = publication_status(entry.published_on, deadline, &entry.late_reason);
        let updated_on = ledger.last_revision(id);
        missing.push(Missing::task(
            id,
            entry.published_on,
            Some(status),
            &tr!(
                "assess-missing-page-kept",
                why = &why,
                archive = ARCHIVE_FILE,
                id = id
            ),
        ));
        published_index.push(Some(published.len() as u32));
        published.push(PublishedTask {
            record: Arc::clone(snapshot),
            status,
            deadline,
            published_on: entry.published_on,
            updated_on,
            revisions: 0,
            // Its row is gone, and with it what the row said of other channels.
            channels: Vec::new(),
            file: ARCHIVE_FILE.into(),
            line: 0,
        });
        records.push((Arc::clone(snapshot), status));
        record_hashes.push(record_hash(snapshot, with_inspectors));
    }

    let mut by_quarter: BTreeMap<Quarter, Vec<usize>> = BTreeMap::new();
    let mut quarterless = 0;
    for (i, (record, _)) in records.iter().enumerate() {
        match record.quarter() {
            Some(quarter) => by_quarter.entry(quarter).or_default().push(i),
            None => quarterless += 1,
        }
    }
    if quarterless > 0 {
        warnings.push(Problem::in_file(
            "data/tasks",
            tr!("assess-quarterless", count = quarterless),
        ));
    }
    let mut quarters = Vec::new();
    // Joint inspections of the year so far: its tasks and joint ones, `None` once a task of
    // the year comes from an export that does not say.
    let mut year = None;
    let mut year_to_date: Option<(usize, usize)> = None;
    let mut without_joint_column: Vec<String> = Vec::new();
    for (quarter, members) in by_quarter {
        let rules = config.disclosure.rules_for(quarter.last_day());
        let plan = config.plan_for(quarter.last_day());
        let in_progress = members.iter().any(|&i| records[i].0.end.is_none());
        let last_task_end = members.iter().filter_map(|&i| records[i].0.end).max();
        // A summary is published once its quarter is over, never before: until then an export
        // can still gain tasks of it. Counted from its last task (Nanshan), it also waits for
        // every task to end (its deadline can still fall before the quarter is over).
        let ended = as_of > quarter.last_day()
            && match rules.quarter_anchor {
                QuarterAnchor::QuarterEnd => true,
                QuarterAnchor::LastTaskEnd => !in_progress,
            };
        let mut figures = crate::figures::quarter_figures(
            quarter,
            members
                .iter()
                .map(|&i| (&*records[i].0, published_index[i].is_some())),
            &plan.monthly_completion,
        );
        if year != Some(quarter.year) {
            year = Some(quarter.year);
            year_to_date = Some((0, 0));
        }
        year_to_date = year_to_date
            .zip(figures.joint)
            .map(|((total, joint), more)| (total + figures.total, joint + more));
        figures.joint_year_to_date =
            year_to_date.map(|(total, joint)| crate::model::JointYearToDate {
                total,
                joint,
                share: crate::figures::share(joint, total),
                target: plan.joint_inspection_share,
            });
        if figures.joint.is_none() {
            without_joint_column.push(quarter.to_string());
        }
        let id = quarter.to_string();
        let mut item = Item::new(ItemKind::Quarter, id.clone(), Status::Open);
        let deadline = deadlines.quarter(quarter, last_task_end)?;
        if let Some(deadline) = deadline {
            item.set_deadline(deadline);
        }
        // When each task's result was first published, if it was.
        let published_on =
            |i: usize| published_index[i].map(|p| published[p as usize].published_on);
        if ended {
            let digest = hex(quarter_hash(members.iter().map(|&i| {
                (
                    records[i].0.id(),
                    record_hashes[i],
                    published_index[i].is_some(),
                )
            })));
            let (first, reason) = match ledger.get(Kind::Quarter, &id) {
                Some(entry) => {
                    future_publication(&mut warnings, entry, as_of);
                    // Revised (更正) when what it shows differs from what was last published,
                    // as the ledger's last digest says. A summary published without one (by an
                    // earlier gongshi, or imported) is taken to change when a result of it is
                    // published or corrected.
                    let changed = match ledger.last_digest(&id) {
                        Some(last) => last != digest,
                        None => {
                            entry.published_on != as_of
                                && ledger.last_revision(&id) != Some(as_of)
                                && members.iter().any(|&i| {
                                    published_index[i].is_some_and(|p| {
                                        let task = &published[p as usize];
                                        task.published_on == as_of || task.updated_on == Some(as_of)
                                    })
                                })
                        }
                    };
                    item.updated_on = if changed {
                        new_entries.push(Entry {
                            kind: Kind::Revision,
                            id: id.clone(),
                            published_on: as_of,
                            late_reason: String::new(),
                            digest,
                        });
                        Some(as_of)
                    } else {
                        ledger.last_revision(&id)
                    };
                    (entry.published_on, entry.late_reason.as_str())
                }
                None => {
                    new_entries.push(Entry {
                        kind: Kind::Quarter,
                        id: id.clone(),
                        published_on: as_of,
                        late_reason: String::new(),
                        digest,
                    });
                    (as_of, "")
                }
            };
            item.published_on = Some(first);
            // How complete it was: the tasks whose result was not public yet.
            let missing_by = |day: NaiveDate| -> Vec<usize> {
                members
                    .iter()
                    .copied()
                    .filter(|&i| published_on(i).is_none_or(|on| on > day))
                    .collect()
            };
            figures.results_missing_at_publication = Some(missing_by(first).len());
            match deadline {
                Some(deadline) => {
                    item.set_publication(first, deadline, reason);
                    if let Deadline::On(day) = deadline
                        && as_of > day
                    {
                        let lacking = missing_by(day);
                        figures.results_missing_at_deadline = Some(lacking.len());
                        // A summary published late is a violation of its own; one published
                        // in time, and without all its results by its deadline, is warned of.
                        if !lacking.is_empty() && first <= day {
                            warnings.push(incomplete_at_deadline(
                                quarter,
                                day,
                                members.len(),
                                lacking.iter().map(|&i| (&*records[i].0, published_on(i))),
                            ));
                        }
                    }
                }
                None => item.status = Status::NotRequired,
            }
        }
        // Boxed: an item for each of a province's million tasks carries none.
        item.figures = Some(Box::new(figures));
        quarters.push(QuarterState {
            quarter,
            status: item.status,
            deadline,
            published_on: item.published_on,
            updated_on: item.updated_on,
            tasks: members,
            figures: *item.figures.clone().expect("quarter items carry figures"),
        });
        items.push(item);
    }
    let mut notes = Vec::new();
    if !without_joint_column.is_empty() {
        notes.push(tr!(
            "assess-joint-not-counted",
            quarters = without_joint_column.join(&tr!("list-separator")),
            count = without_joint_column.len(),
        ));
    }

    // Quarter summaries the ledger says were published that have no task left anywhere.
    let quarter_ids: HashSet<String> = quarters.iter().map(|q| q.quarter.to_string()).collect();
    for entry in ledger.first_rows(Kind::Quarter) {
        let withdrawn = entry
            .id
            .parse::<Quarter>()
            .is_ok_and(|q| withdrawn_quarters.contains(&q));
        if !quarter_ids.contains(&entry.id) && !withdrawn {
            missing.push(Missing {
                kind: ItemKind::Quarter,
                id: entry.id.clone(),
                published_on: entry.published_on,
                status: None,
                page_kept: false,
                message: tr!("assess-missing-quarter"),
            });
        }
    }
    let first_task_year = records
        .iter()
        .filter_map(|(record, _)| record.end.or(record.start))
        .map(|day| day.year())
        .min();
    plan_items(
        &PlanInputs {
            content,
            ledger,
            deadlines,
            first_task_year,
            as_of,
        },
        &mut items,
        &mut new_entries,
        &mut warnings,
        &mut missing,
    )?;
    warnings.extend(calendar_warnings(&items, calendar, as_of));
    if !archive.damaged.is_empty() {
        warnings.push(Problem::in_file(
            ARCHIVE_FILE,
            tr!(
                "assess-archive-damaged",
                lines = archive
                    .damaged
                    .iter()
                    .take(10)
                    .map(u64::to_string)
                    .collect::<Vec<_>>()
                    .join(&tr!("list-separator")),
            ),
        ));
    }
    let (channel_items, channel_errors) = channels.finish(&mut warnings);
    // Each year's figures, over its quarters' tasks.
    let mut years = Vec::new();
    let mut quarters_by_year = quarters.iter().peekable();
    while let Some(first) = quarters_by_year.peek().map(|q| q.quarter.year) {
        let mut of_year = Vec::new();
        while let Some(q) = quarters_by_year.next_if(|q| q.quarter.year == first) {
            of_year.push(q);
        }
        let last = of_year.last().expect("a year has a quarter").quarter;
        years.push(crate::figures::year_figures(
            first,
            of_year.iter().flat_map(|q| {
                q.tasks
                    .iter()
                    .map(|&i| (q.quarter, &*records[i].0, published_index[i].is_some()))
            }),
            config.plan_for(last.last_day()).joint_inspection_share,
        ));
    }
    let assessed = AssessPart {
        items,
        invalid,
        errors,
        warnings,
        missing,
        withdrawn: withdrawals,
        notes,
        channels: channel_items,
        channel_errors,
        years,
    };
    Ok(Assessment {
        // The one place the report is put together.
        report: Report::assemble(as_of, ingested, assessed, ledger.notes()),
        records,
        published,
        published_index,
        quarters,
        new_entries,
        new_snapshots,
        revisions: HashMap::new(),
    })
}

/// A published result on another channel, as its page shows it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct ChannelPublication {
    /// The channel's name (广东省行政执法信息公示平台).
    pub name: Arc<str>,
    /// `None` while it is not published there (or its date there cannot be read).
    pub published_on: Option<NaiveDate>,
}

/// The other channels (`[[channel]]`): each task's status there, under the website's rules.
struct Channels<'a> {
    config: &'a [crate::config::Channel],
    names: Vec<Arc<str>>,
    files: &'a [Option<ChannelFile>],
    /// For each channel read from a column, its place among a row's cells.
    cell_of: Vec<Option<usize>>,
    /// For each channel file, the ids some record took its date by.
    used: Vec<HashSet<String>>,
    deadlines: Deadlines<'a>,
    /// Deadlines by end date and working days: a few hundred in a province.
    known: HashMap<(NaiveDate, u32), Deadline>,
    items: Vec<ChannelItem>,
    errors: Vec<Problem>,
}

impl<'a> Channels<'a> {
    fn new(
        config: &'a Config,
        files: &'a [Option<ChannelFile>],
        deadlines: Deadlines<'a>,
    ) -> Channels<'a> {
        let mut next_cell = 0;
        let cell_of = config
            .channels
            .iter()
            .map(|c| {
                c.date_column.as_ref().map(|_| {
                    next_cell += 1;
                    next_cell - 1
                })
            })
            .collect();
        let mut errors = Vec::new();
        for (channel, file) in config.channels.iter().zip(files) {
            for problem in file.iter().flat_map(|f| &f.errors) {
                errors.push(Problem {
                    channel: Some(channel.id.clone()),
                    ..problem.clone()
                });
            }
        }
        Channels {
            config: &config.channels,
            names: config
                .channels
                .iter()
                .map(|c| c.name.as_str().into())
                .collect(),
            files,
            cell_of,
            used: vec![HashSet::new(); config.channels.len()],
            deadlines,
            known: HashMap::new(),
            items: Vec::new(),
            errors,
        }
    }

    /// A row's dates that cannot be right, told by the column's channel.
    fn row_errors(&mut self, problems: Vec<Problem>) {
        self.errors.extend(problems);
    }

    /// The record's item on each channel, and what its page shows of them. A withdrawn result
    /// is judged on a channel only where it was published there.
    fn assess(
        &mut self,
        record: &Record,
        end: Option<NaiveDate>,
        cells: &[ChannelCell],
        (file, line, sheet): (&Arc<str>, u64, &Option<Arc<str>>),
        withdrawn: bool,
        as_of: NaiveDate,
    ) -> Result<Vec<ChannelPublication>> {
        let mut shown = Vec::with_capacity(self.config.len());
        for (i, channel) in self.config.iter().enumerate() {
            let cell = match (self.cell_of[i], &self.files[i]) {
                (Some(at), _) => cells.get(at).cloned().unwrap_or_default(),
                (None, Some(file)) => {
                    let found = [record.id(), record.task_id.as_str()]
                        .into_iter()
                        .find_map(|id| file.dates.get(id).map(|(cell, _)| (id, cell)));
                    match found {
                        Some((id, cell)) => {
                            self.used[i].insert(id.to_string());
                            cell.clone()
                        }
                        None => ChannelCell::default(),
                    }
                }
                (None, None) => ChannelCell::default(),
            };
            shown.push(ChannelPublication {
                name: Arc::clone(&self.names[i]),
                published_on: cell.published_on,
            });
            if withdrawn && cell.published_on.is_none() {
                continue;
            }
            let mut item = Item {
                published_on: cell.published_on,
                file: Some(Arc::clone(file)),
                line: Some(line),
                sheet: sheet.clone(),
                ..Item::new(ItemKind::Task, record.id().to_string(), Status::InProgress)
            };
            if let Some(end) = end {
                let days = channel
                    .rules(self.deadlines.disclosure.rules_for(end))
                    .task_working_days;
                let deadline = match self.known.get(&(end, days)) {
                    Some(&deadline) => deadline,
                    None => {
                        let deadline =
                            self.deadlines
                                .calendar
                                .deadline_after(end, days)
                                .map_err(|e| Error::Input {
                                    path: file.to_string().into(),
                                    line,
                                    message: tr!(
                                        "assess-end-date-error",
                                        end = end,
                                        error = e.to_string()
                                    ),
                                })?;
                        self.known.insert((end, days), deadline);
                        deadline
                    }
                };
                item.set_deadline(deadline);
                match cell.published_on {
                    Some(day) => item.set_publication(day, deadline, &cell.late_reason),
                    None => {
                        item.status = unpublished_status(deadline, as_of);
                        if item.status == Status::Overdue {
                            item.days_late = Some((as_of - deadline.earliest()).num_days());
                        }
                    }
                }
            }
            self.items.push(ChannelItem {
                channel: channel.id.clone(),
                item,
            });
        }
        Ok(shown)
    }

    /// The items, and the errors; ids of a channel file that no record took are warnings.
    fn finish(self, warnings: &mut Vec<Problem>) -> (Vec<ChannelItem>, Vec<Problem>) {
        for ((channel, file), used) in self.config.iter().zip(self.files).zip(&self.used) {
            let Some(file) = file else { continue };
            warnings.extend(file.warnings.iter().map(|problem| Problem {
                channel: Some(channel.id.clone()),
                ..problem.clone()
            }));
            let mut unused: Vec<(&String, u64)> = file
                .dates
                .iter()
                .filter(|(id, _)| !used.contains(id.as_str()))
                .map(|(id, (_, line))| (id, *line))
                .collect();
            unused.sort_unstable_by_key(|&(_, line)| line);
            for (id, line) in unused {
                warnings.push(Problem {
                    channel: Some(channel.id.clone()),
                    ..Problem::at(
                        &file.file,
                        line,
                        Some("id"),
                        tr!("assess-channel-id-unused", id = id, channel = &channel.name),
                    )
                });
            }
        }
        (self.items, self.errors)
    }
}

/// Warnings ahead of a year without a holiday notice: once a deadline runs into it, and from
/// November on (when deadlines are weeks away from it, and the notice is usually out).
fn calendar_warnings(items: &[Item], calendar: &Calendar, as_of: NaiveDate) -> Vec<Problem> {
    let mut waiting: BTreeMap<i32, usize> = BTreeMap::new();
    for item in items {
        if let Some(year) = item.needs_calendar_year {
            *waiting.entry(year).or_default() += 1;
        }
    }
    let next = as_of.year() + 1;
    for year in [as_of.year(), next] {
        let soon = year == as_of.year() || as_of.month() >= 11;
        if soon && !calendar.has_year(year) {
            waiting.entry(year).or_default();
        }
    }
    let how = |year: i32| tr!("assess-calendar-how", year = year.to_string());
    waiting
        .into_iter()
        .map(|(year, count)| {
            let now = if count > 0 {
                tr!(
                    "assess-calendar-waiting",
                    count = count,
                    year = year.to_string(),
                    previous = (year - 1).to_string(),
                )
            } else if year == as_of.year() {
                tr!("assess-calendar-this-year", year = year.to_string())
            } else {
                tr!(
                    "assess-calendar-next-year",
                    year = year.to_string(),
                    previous = (year - 1).to_string(),
                )
            };
            Problem::in_file(
                "data/calendar",
                tr!("assess-calendar-warning", now = now, how = how(year)),
            )
        })
        .collect()
}

/// A ledger date after the as-of date (a check run for a past day, or a hand-edited ledger)
/// is used as written, and said.
fn future_publication(warnings: &mut Vec<Problem>, entry: &Entry, as_of: NaiveDate) {
    if entry.published_on > as_of {
        warnings.push(Problem::in_file(
            crate::ledger::LEDGER_FILE,
            tr!(
                "assess-future-publication",
                kind = entry.kind.as_str(),
                id = &entry.id,
                published_on = entry.published_on,
                as_of = as_of,
            ),
        ));
    }
}

/// A digest of a task's published fields: when it changes, the result was corrected.
pub fn record_digest(record: &Record, with_inspectors: bool) -> String {
    hex(record_hash(record, with_inspectors))
}

/// A digest of a quarter's summary, from its tasks (`id`, [`record_hash`], whether its result
/// is published): which tasks it counts, what each says, and which results it lists. Not of its
/// figures or wording, so that a gongshi that shows more of the same tasks revises nothing.
fn quarter_hash<'a>(members: impl Iterator<Item = (&'a str, u64, bool)>) -> u64 {
    use std::fmt::Write;
    let mut members: Vec<_> = members.collect();
    members.sort_unstable_by(|a, b| a.0.cmp(b.0));
    let mut hasher = crate::StableHasher::default();
    for (id, hash, published) in members {
        let _ = write!(hasher, "{id}\x1f{hash:016x}\x1f{published}\x1e");
    }
    hasher.finish()
}

/// The warning for a summary that lacked results at its deadline, naming the tasks.
fn incomplete_at_deadline<'a>(
    quarter: Quarter,
    deadline: NaiveDate,
    total: usize,
    lacking: impl ExactSizeIterator<Item = (&'a Record, Option<NaiveDate>)>,
) -> Problem {
    const NAMED: usize = 10;
    let count = lacking.len();
    let mut named: Vec<String> = lacking
        .take(NAMED)
        .map(|(record, published)| match (published, record.end) {
            (Some(on), _) => tr!("assess-lacking-published", id = record.id(), on = on),
            (None, None) => tr!("assess-lacking-in-progress", id = record.id()),
            (None, Some(_)) => tr!("assess-lacking-no-result", id = record.id()),
        })
        .collect();
    if count > NAMED {
        named.push(tr!("assess-lacking-more", count = count - NAMED));
    }
    Problem::in_file(
        "data/tasks",
        tr!(
            "assess-incomplete-at-deadline",
            quarter = quarter.to_string(),
            deadline = deadline,
            count = count,
            total = total,
            tasks = named.join(&tr!("list-separator")),
        ),
    )
}

/// A digest as the ledger writes it: 16 hexadecimal digits.
fn hex(hash: u64) -> String {
    format!("{hash:016x}")
}

/// [`record_digest`] as a number.
fn record_hash(record: &Record, with_inspectors: bool) -> u64 {
    use std::fmt::Write;
    // The published fields joined by U+001F, hashed as they are written (digests already in
    // ledgers were made that way, so the bytes hashed must never change).
    let mut hasher = crate::StableHasher::default();
    let text = [
        record.task_id.as_str(),
        &record.unit,
        &record.category,
        &record.matter,
        &record.entity,
        &record.credit_code,
        &record.address,
        if with_inspectors {
            &record.inspectors
        } else {
            ""
        },
    ];
    for field in text {
        hasher.update(field.as_bytes());
        hasher.update(b"\x1f");
    }
    for date in [record.start, record.end] {
        if let Some(date) = date {
            let _ = write!(hasher, "{date}");
        }
        hasher.update(b"\x1f");
    }
    for field in [
        &*record.result,
        &record.handling,
        if record.joint { "1" } else { "0" },
        &record.joint_departments,
    ] {
        hasher.update(field.as_bytes());
        hasher.update(b"\x1f");
    }
    if let Some(quarter) = record.quarter {
        let _ = write!(hasher, "{quarter}");
    }
    // Fields added later count only when filled, so that the digests of records without
    // them stay those already in ledgers.
    for (tag, field) in [
        ("task_name", &record.task_name),
        ("inspection_type", &record.inspection_type),
    ] {
        if !field.is_empty() {
            hasher.update(b"\x1f");
            hasher.update(tag.as_bytes());
            hasher.update(b"=");
            hasher.update(field.as_bytes());
        }
    }
    hasher.finish()
}

/// Whether a record of a task with several objects, unknown to the ledger by its own id, is the
/// result the ledger knows by the bare task id: the archive holds that result as this object's.
/// (The task had one object then; a later export added more.)
fn published_alone(record: &Record, ledger: &Ledger, archive: &Archive) -> bool {
    if record.object.is_none()
        || ledger.get(Kind::Task, record.id()).is_some()
        || ledger.get(Kind::Task, &record.task_id).is_none()
    {
        return false;
    }
    let Some(published) = archive.snapshot(&record.task_id) else {
        return false;
    };
    published.task_id == record.task_id
        && same_object(published.object_text(), record.object_text())
}

/// Under which id the ledger knows a record whose task has gained or lost objects since it
/// was published.
enum PublishedAs {
    /// Its own (or not published yet).
    Itself,
    /// The bare task id, published on that day, when it was its task's only object.
    TaskAlone(NaiveDate),
    /// `task id/object`, when its task had several objects.
    OneOfSeveral,
}

fn published_as(record: &Record, ledger: &Ledger, archive: &Archive) -> PublishedAs {
    if record.object.is_some() {
        if published_alone(record, ledger, archive) {
            let on = ledger
                .get(Kind::Task, &record.task_id)
                .map_or(NaiveDate::MIN, |entry| entry.published_on);
            return PublishedAs::TaskAlone(on);
        }
        return PublishedAs::Itself;
    }
    let object = record.object_text();
    if object.is_empty() {
        return PublishedAs::Itself;
    }
    // Published as one of its task's several objects: that id stays its own.
    let as_object = crate::ingest::object_id(&record.task_id, object);
    if ledger.get(Kind::Task, &as_object).is_some() {
        return PublishedAs::OneOfSeveral;
    }
    // The bare task id is this object's unless the archive holds it as another's: then the
    // result published under it was that other object's, whose row is gone, and this one is
    // new, under an id of its own.
    match archive.snapshot(&record.task_id) {
        Some(published)
            if ledger.get(Kind::Task, &record.task_id).is_some()
                && !same_object(published.object_text(), object) =>
        {
            PublishedAs::OneOfSeveral
        }
        _ => PublishedAs::Itself,
    }
}

/// Whether two objects are one, as ids compare them.
fn same_object(a: &str, b: &str) -> bool {
    crate::ingest::object_id("", a) == crate::ingest::object_id("", b)
}

/// The digest a record had before gongshi read the fields it shows since (任务名称, 抽查类型):
/// a result published before them, whose export had those columns all along, was not corrected
/// when they appeared on its page. Until its next correction, a change of those two fields
/// alone is not taken for one either; a change of any other field is.
fn digest_before_later_fields(record: &Record, with_inspectors: bool) -> String {
    if record.task_name.is_empty() && record.inspection_type.is_empty() {
        return record_digest(record, with_inspectors);
    }
    let before = Record {
        task_name: "".into(),
        inspection_type: "".into(),
        ..record.clone()
    };
    record_digest(&before, with_inspectors)
}

/// What the years' inspection plans are assessed from.
struct PlanInputs<'a> {
    content: &'a crate::content::Content,
    ledger: &'a Ledger,
    deadlines: Deadlines<'a>,
    /// The first year a task of the exports falls in: plans are owed from then on.
    first_task_year: Option<i32>,
    as_of: NaiveDate,
}

/// An item for each year whose rules ask for an inspection plan (年度抽查计划): from the
/// first year of the tasks (or of a plan page, or a ledger row; the as-of year at the latest)
/// to the as-of year, and any later year a plan page is already up for. A plan is first published by the build that
/// finds its page (`plan_year` in its front matter); until then it is due, then overdue.
fn plan_items(
    inputs: &PlanInputs<'_>,
    items: &mut Vec<Item>,
    new_entries: &mut Vec<Entry>,
    warnings: &mut Vec<Problem>,
    missing: &mut Vec<Missing>,
) -> Result<()> {
    let PlanInputs {
        content,
        ledger,
        deadlines,
        first_task_year,
        as_of,
    } = *inputs;
    let pages: BTreeMap<i32, &crate::content::Page> = content
        .pages
        .iter()
        .filter_map(|page| Some((page.plan_year?, page)))
        .collect();
    let recorded: BTreeMap<i32, &Entry> = ledger
        .plans()
        .filter_map(|entry| Some((crate::ledger::plan_year(&entry.id)?, entry)))
        .collect();
    let known = pages.keys().chain(recorded.keys()).copied();
    let first = known
        .clone()
        .chain(first_task_year)
        .min()
        .unwrap_or(as_of.year());
    let last = known.max().unwrap_or(as_of.year()).max(as_of.year());
    for year in first.min(as_of.year())..=last {
        let Some(deadline) = deadlines.plan(year)? else {
            continue;
        };
        let id = year.to_string();
        let mut item = Item {
            file: pages
                .get(&year)
                .map(|page| std::sync::Arc::from(page.source.as_str())),
            ..Item::new(ItemKind::Plan, id.clone(), Status::Due)
        };
        item.set_deadline(deadline);
        match (recorded.get(&year), pages.get(&year)) {
            (Some(entry), page) => {
                future_publication(warnings, entry, as_of);
                item.published_on = Some(entry.published_on);
                item.set_publication(entry.published_on, deadline, &entry.late_reason);
                if page.is_none() {
                    missing.push(Missing {
                        kind: ItemKind::Plan,
                        id: id.clone(),
                        published_on: entry.published_on,
                        status: Some(item.status),
                        page_kept: false,
                        message: tr!("assess-missing-plan", year = id.as_str()),
                    });
                }
            }
            (None, Some(_)) => {
                new_entries.push(Entry {
                    kind: Kind::Plan,
                    id: id.clone(),
                    published_on: as_of,
                    late_reason: String::new(),
                    digest: String::new(),
                });
                item.published_on = Some(as_of);
                item.set_publication(as_of, deadline, "");
            }
            (None, None) => {
                item.status = unpublished_status(deadline, as_of);
                if item.status == Status::Overdue {
                    item.days_late = Some((as_of - deadline.earliest()).num_days());
                }
            }
        }
        items.push(item);
    }
    Ok(())
}

/// The status of a result not published yet.
fn unpublished_status(deadline: Deadline, as_of: NaiveDate) -> Status {
    match deadline.met_by(as_of) {
        Some(true) => Status::Due,
        Some(false) => Status::Overdue,
        None => Status::Undecided,
    }
}

/// The status of something published on `published_on`.
fn publication_status(published_on: NaiveDate, deadline: Deadline, late_reason: &str) -> Status {
    match deadline.met_by(published_on) {
        Some(true) => Status::OnTime,
        Some(false) if late_reason.is_empty() => Status::Late,
        Some(false) => Status::Excused,
        None => Status::Undecided,
    }
}

/// A warning for a result due within the site's warning period.
fn due_soon(
    calendar: &Calendar,
    config: &Config,
    record: &Record,
    end: NaiveDate,
    deadline: Deadline,
    as_of: NaiveDate,
) -> Option<String> {
    let rules = config.disclosure.rules_for(end);
    // Working days left: those of the period less those gone by (all in known years, since the
    // deadline is not passed), so known even when the deadline itself is not.
    let gone = calendar.working_days_between(end, as_of).ok()?;
    let left = rules.task_working_days.saturating_sub(gone);
    if left > rules.warn_within_working_days {
        return None;
    }
    let by = match deadline {
        Deadline::On(day) => tr!("assess-due-by", day = day),
        Deadline::NotBefore { year, .. } => tr!("assess-due-in-year", year = year.to_string()),
    };
    Some(tr!(
        "assess-due-soon",
        id = record.id(),
        by = by,
        left = left,
    ))
}

impl Missing {
    fn task(id: &str, published_on: NaiveDate, status: Option<Status>, message: &str) -> Missing {
        Missing {
            kind: ItemKind::Task,
            id: id.to_string(),
            published_on,
            status,
            page_kept: status.is_some(),
            message: message.to_string(),
        }
    }
}

impl Withdrawal {
    fn new(published: &Entry, withdrawn: &Entry, slug: &str) -> Withdrawal {
        Withdrawal {
            id: published.id.clone(),
            slug: slug.to_string(),
            published_on: published.published_on,
            withdrawn_on: withdrawn.published_on,
            reason: crate::privacy::mask(withdrawn.late_reason.trim()).into_owned(),
        }
    }
}

impl Item {
    /// The deadline, or when it is not known, its bound and the year it waits for.
    fn set_deadline(&mut self, deadline: Deadline) {
        self.deadline = deadline.known();
        if let Deadline::NotBefore { not_before, year } = deadline {
            self.deadline_not_before = Some(not_before);
            self.needs_calendar_year = Some(year);
        }
    }

    /// The status of something published on `published_on`, and how late it was.
    fn set_publication(&mut self, published_on: NaiveDate, deadline: Deadline, late_reason: &str) {
        self.status = publication_status(published_on, deadline, late_reason);
        if matches!(self.status, Status::Late | Status::Excused) {
            self.days_late = Some((published_on - deadline.earliest()).num_days());
            self.late_reason = (!late_reason.is_empty()).then(|| late_reason.to_string());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Digests already in ledgers were made by joining the fields; the streamed digest must
    /// give the very same value, or every published result would read as corrected.
    #[test]
    fn record_digests_are_those_ledgers_already_hold() {
        let joined = |r: &Record, with_inspectors: bool| {
            let date = |d: Option<NaiveDate>| d.map(|d| d.to_string()).unwrap_or_default();
            let fields = [
                r.task_id.as_str(),
                &r.unit,
                &r.category,
                &r.matter,
                &r.entity,
                &r.credit_code,
                &r.address,
                if with_inspectors { &r.inspectors } else { "" },
                &date(r.start),
                &date(r.end),
                &r.result,
                &r.handling,
                if r.joint { "1" } else { "0" },
                &r.joint_departments,
                &r.quarter.map(|q| q.to_string()).unwrap_or_default(),
            ];
            format!("{:016x}", crate::stable_hash(&fields.join("\u{1f}")))
        };
        let mut record = Record {
            task_id: "PS-2025-Q1-0001".into(),
            own_id: None,
            object: None,
            class: Default::default(),
            task_name: "".into(),
            inspection_type: "".into(),
            slug: "ps-2025-q1-0001".into(),
            unit: "坪山管理局执法一队".into(),
            category: "重点排污单位".into(),
            matter: "对排污许可证执行情况的检查".into(),
            entity: "深圳市达创阻燃材料有限公司".into(),
            credit_code: "9144030001871924X6".into(),
            address: "深圳市坪山区碧岭街道".into(),
            inspectors: "张三(44031001)".into(),
            start: Some(d("2025-01-02")),
            end: Some(d("2025-01-03")),
            result: "未发现问题".into(),
            handling: "".into(),
            joint: true,
            joint_departments: "市场监管局".into(),
            no_joint_column: false,
            quarter: None,
        };
        // As the released gongshi wrote it into ledgers (the literal worked out apart, in
        // Python, as FNV-1a of the joined UTF-8).
        assert_eq!(record_digest(&record, false), "329229afbfabd4fc");
        assert_eq!(record_digest(&record, false), joined(&record, false));
        assert_eq!(record_digest(&record, true), joined(&record, true));
        record.start = None;
        record.joint = false;
        record.quarter = Some("2025Q1".parse().unwrap());
        assert_eq!(record_digest(&record, false), joined(&record, false));
        record.end = None;
        record.result = "".into();
        assert_eq!(record_digest(&record, false), joined(&record, false));
    }

    /// Quarter digests go into ledgers: the bytes hashed must never change, nor depend on the
    /// order of the exports' rows.
    #[test]
    fn quarter_digests_are_stable_and_ignore_row_order() {
        let members = [("B", 1, false), ("A", 2, true)];
        // FNV-1a of "A␟0000000000000002␟true␞B␟0000000000000001␟false␞", worked out apart
        // (in Python).
        assert_eq!(hex(quarter_hash(members.into_iter())), "d1f6e68cfb4e2c54");
        let mut reversed = members;
        reversed.reverse();
        assert_eq!(
            quarter_hash(reversed.into_iter()),
            quarter_hash(members.into_iter())
        );
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn on(text: &str) -> Deadline {
        Deadline::On(d(text))
    }

    fn deadlines_with(config: &str, f: impl FnOnce(Deadlines<'_>)) {
        let config = Config::parse(config).unwrap();
        let calendar = Calendar::built_in();
        f(Deadlines {
            calendar: &calendar,
            disclosure: &config.disclosure,
        });
    }

    /// The reference values of the domain document, checked by hand against the notices.
    #[test]
    fn task_deadlines_match_the_reference_table() {
        let table = [
            ("2024-09-13", "2024-10-15", "2024-10-17"),
            ("2025-01-20", "2025-02-19", "2025-02-21"),
            ("2025-04-30", "2025-05-29", "2025-06-03"),
            ("2025-09-26", "2025-10-28", "2025-10-30"),
        ];
        deadlines_with("", |deadlines| {
            for (end, eighteen, _) in table {
                assert_eq!(deadlines.task(d(end)).unwrap(), on(eighteen), "{end}");
            }
        });
        deadlines_with("[disclosure]\ntask_working_days = 20\n", |deadlines| {
            for (end, _, twenty) in table {
                assert_eq!(deadlines.task(d(end)).unwrap(), on(twenty), "{end}");
            }
        });
    }

    #[test]
    fn an_earlier_period_keeps_its_own_rule() {
        let config = "[[disclosure.period]]\nuntil = \"2024-12-31\"\ntask_working_days = 20\n";
        deadlines_with(config, |deadlines| {
            assert_eq!(deadlines.task(d("2024-09-13")).unwrap(), on("2024-10-17"));
            assert_eq!(deadlines.task(d("2025-01-20")).unwrap(), on("2025-02-19"));
        });
    }

    #[test]
    fn quarter_deadlines_roll_forward_off_rest_days() {
        let q = |s: &str| s.parse::<Quarter>().unwrap();
        deadlines_with("", |deadlines| {
            // 2025-04-13 is a Sunday.
            assert_eq!(
                deadlines.quarter(q("2025Q1"), None).unwrap(),
                Some(on("2025-04-14"))
            );
            // 2025-10-13 is a Monday.
            assert_eq!(
                deadlines.quarter(q("2025Q3"), None).unwrap(),
                Some(on("2025-10-13"))
            );
        });
        deadlines_with("[disclosure]\nroll_forward = false\n", |deadlines| {
            assert_eq!(
                deadlines.quarter(q("2025Q1"), None).unwrap(),
                Some(on("2025-04-13"))
            );
        });
        // Pingshan's 2023 plan set no deadline for a quarterly summary.
        deadlines_with(
            "[[disclosure.period]]\nuntil = 2023-12-31\nquarter_summary = false\n",
            |deadlines| {
                assert_eq!(deadlines.quarter(q("2023Q4"), None).unwrap(), None);
                // 2024-03-31 + 13 = Sat 04-13 → Mon 04-15.
                assert_eq!(
                    deadlines.quarter(q("2024Q1"), None).unwrap(),
                    Some(on("2024-04-15"))
                );
            },
        );
        deadlines_with(
            "[disclosure]\nquarter_anchor = \"last_task_end\"\n",
            |deadlines| {
                // Last task ended 2025-09-24 (Wednesday): + 13 days = 2025-10-07, inside the
                // National Day holiday, so the period ends on Thursday 2025-10-09.
                assert_eq!(
                    deadlines
                        .quarter(q("2025Q3"), Some(d("2025-09-24")))
                        .unwrap(),
                    Some(on("2025-10-09"))
                );
            },
        );
    }

    /// Without 2027's notice, a deadline that runs into it (or into 2026-12-29..31, which it
    /// may change) is known only as a bound: the day the count would end if every day from
    /// there on were a working day.
    #[test]
    fn a_year_without_a_notice_bounds_the_deadline() {
        let bound = |not_before: &str| Deadline::NotBefore {
            not_before: d(not_before),
            year: 2027,
        };
        deadlines_with("", |deadlines| {
            // After Wednesday 2026-12-02: 12-03, 04 (2), 07..11 (7), 14..18 (12), 21..25 (17),
            // Monday 12-28 (18): still certain.
            assert_eq!(deadlines.task(d("2026-12-02")).unwrap(), on("2026-12-28"));
            // After 2026-12-03: the 18th working day would be 12-29, and 12-29..31 are the
            // 2027 notice's to change (as the 2019 notice changed 2018-12-29..31).
            assert_eq!(
                deadlines.task(d("2026-12-03")).unwrap(),
                bound("2026-12-29")
            );
            // After 2026-12-07 (Mon): 12-08..11 (4), 14..18 (9), 21..25 (14), 28 (15); three
            // more from 12-29, so not before 12-31.
            assert_eq!(
                deadlines.task(d("2026-12-07")).unwrap(),
                bound("2026-12-31")
            );
            // After 2026-12-08: 14 by 12-28, four more from 12-29: not before 2027-01-01.
            assert_eq!(
                deadlines.task(d("2026-12-08")).unwrap(),
                bound("2027-01-01")
            );
            // After 2026-12-20 (Sun): 12-21..25 (5), 28..31 (4) = 9; 9 more from 2027-01-01.
            assert_eq!(
                deadlines.task(d("2026-12-20")).unwrap(),
                bound("2027-01-09")
            );
            assert_eq!(deadlines.task(d("2026-12-01")).unwrap(), on("2026-12-25"));
            // 2026-12-31 + 13 = 2027-01-13, a working day or not as the notice will say.
            assert_eq!(
                deadlines.quarter("2026Q4".parse().unwrap(), None).unwrap(),
                Some(bound("2027-01-13"))
            );
        });
        deadlines_with("[disclosure]\nroll_forward = false\n", |deadlines| {
            assert_eq!(
                deadlines.quarter("2026Q4".parse().unwrap(), None).unwrap(),
                Some(on("2027-01-13"))
            );
        });
        let published_on = |day: &str, deadline: Deadline| deadline.met_by(d(day));
        assert_eq!(published_on("2026-12-31", bound("2027-01-09")), Some(true));
        assert_eq!(published_on("2027-01-09", bound("2027-01-09")), Some(true));
        assert_eq!(published_on("2027-01-10", bound("2027-01-09")), None);
        assert_eq!(published_on("2027-01-10", on("2027-01-09")), Some(false));
    }
}
