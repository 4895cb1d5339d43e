//! The report's content: items, counts, problems and notes, put together in one place from what
//! each stage found.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Problem, QuarterFigures, Status, YearFigures};

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Task,
    Quarter,
    /// A year's inspection plan (年度抽查计划), by the year.
    Plan,
}

/// One task row or one quarter, with its deadline and status.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Item {
    pub kind: ItemKind,
    pub id: String,
    pub status: Status,
    /// `None` when not known (see `deadline_not_before`), or for a quarter not ended whose
    /// deadline is not needed yet.
    pub deadline: Option<NaiveDate>,
    /// When the deadline runs into a year without a holiday notice: the earliest it can be.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deadline_not_before: Option<NaiveDate>,
    /// ... and that year.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub needs_calendar_year: Option<i32>,
    pub published_on: Option<NaiveDate>,
    /// When what was published was last revised (更正, or a summary whose tasks changed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_on: Option<NaiveDate>,
    /// When a published result was withdrawn (撤回), if it was.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_on: Option<NaiveDate>,
    /// Natural days past the deadline: of the publication, or of the as-of date when unpublished.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub days_late: Option<i64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub late_reason: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub file: Option<std::sync::Arc<str>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// The sheet, for a row of a workbook (`line` is its row number there).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<std::sync::Arc<str>>,
    /// A quarter's figures, as its summary page shows them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub figures: Option<Box<QuarterFigures>>,
}

impl Item {
    /// An item with nothing known yet but what it is and its status.
    pub fn new(kind: ItemKind, id: String, status: Status) -> Item {
        Item {
            kind,
            id,
            status,
            deadline: None,
            deadline_not_before: None,
            needs_calendar_year: None,
            published_on: None,
            updated_on: None,
            withdrawn_on: None,
            days_late: None,
            late_reason: None,
            file: None,
            line: None,
            sheet: None,
            figures: None,
        }
    }

    /// Where the item's row is: `file:line`, or `file:Sheet!7:7` in a workbook.
    pub fn location(&self) -> Option<String> {
        let (file, line) = (self.file.as_deref()?, self.line?);
        Some(
            Problem {
                sheet: self.sheet.as_deref().map(str::to_string),
                ..Problem::at(file, line, None, "")
            }
            .location(),
        )
    }
}

/// A task on a channel besides the website (`[[channel]]`): its own status and deadline there.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ChannelItem {
    /// The channel's id.
    pub channel: String,
    #[serde(flatten)]
    pub item: Item,
}

/// Counts of one channel's items, by status.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct ChannelSummary {
    pub on_time: u64,
    pub late: u64,
    pub excused: u64,
    pub due: u64,
    pub overdue: u64,
    pub in_progress: u64,
    pub undecided: u64,
    /// Late and overdue: counted in the report's `violations` too.
    pub violations: u64,
    /// Dates that cannot be right, or a channel file that cannot be read: listed in `errors`.
    pub errors: u64,
}

/// Row counts. `rows` is the sum of the eight row statuses.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    pub rows: u64,
    /// Rows published: on time, late, excused, and undecided ones already published.
    pub published: u64,
    pub invalid: u64,
    pub on_time: u64,
    pub late: u64,
    pub excused: u64,
    pub due: u64,
    pub overdue: u64,
    pub in_progress: u64,
    pub rejected: u64,
    /// Rows whose status waits for a year's holiday notice.
    pub undecided: u64,
    /// Files under `data/tasks/` that were not read (an `.xlsx`, say): listed in `errors`.
    pub unread_files: u64,
    /// Results and summaries published that no export gives now: listed in `missing`.
    pub missing: u64,
    /// Results published, then withdrawn: listed in `withdrawn`.
    pub withdrawn: u64,
    /// Late and overdue tasks and quarters, on every channel.
    pub violations: u64,
    pub quarters: QuarterSummary,
    /// The years' inspection plans, where the rules ask for them (`annual_plan`): counted by
    /// status as quarters are (`open` unused).
    #[serde(default, skip_serializing_if = "QuarterSummary::is_empty")]
    pub plans: QuarterSummary,
    /// Each channel besides the website, by id (`[[channel]]`).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub channels: std::collections::BTreeMap<String, ChannelSummary>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuarterSummary {
    pub open: u64,
    pub on_time: u64,
    pub late: u64,
    pub excused: u64,
    pub due: u64,
    pub overdue: u64,
    pub undecided: u64,
    /// Quarters of a period with no summary deadline (`quarter_summary = false`), once ended.
    #[serde(default)]
    pub not_required: u64,
}

impl QuarterSummary {
    pub fn is_empty(&self) -> bool {
        *self == QuarterSummary::default()
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Report {
    pub as_of: NaiveDate,
    pub summary: Summary,
    pub items: Vec<Item>,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub notes: Vec<String>,
    /// Published results and summaries that are in no export now.
    #[serde(default)]
    pub missing: Vec<Missing>,
    /// Published results withdrawn on purpose.
    #[serde(default)]
    pub withdrawn: Vec<Withdrawal>,
    /// Each task on each channel besides the website.
    #[serde(default)]
    pub channels: Vec<ChannelItem>,
    /// Each year with tasks, oldest first: its figures, as its page shows them.
    #[serde(default)]
    pub years: Vec<YearFigures>,
}

/// A result or summary the ledger records as published that no export gives any more: its
/// page stays (from the archive) when it can, and CI fails until its row is back or it is
/// withdrawn.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Missing {
    pub kind: ItemKind,
    pub id: String,
    pub published_on: NaiveDate,
    /// Its publication's status, when its page could be kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Whether its page is still built (from the archive).
    pub page_kept: bool,
    pub message: String,
}

/// A result published, then withdrawn (撤回): its page says so, and it leaves every list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Withdrawal {
    pub id: String,
    /// Where its page is.
    #[serde(skip)]
    pub slug: String,
    pub published_on: NaiveDate,
    pub withdrawn_on: NaiveDate,
    pub reason: String,
}

/// Ingest's part of the report: what reading `data/tasks/` found beside the rows.
#[derive(Debug, Clone, Default)]
pub struct IngestPart {
    /// Files under `data/tasks/` that were not read: errors, first of all.
    pub unread: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub notes: Vec<String>,
}

/// Assess's part of the report: an item for every row and quarter, and what it found.
#[derive(Debug, Clone, Default)]
pub struct AssessPart {
    pub items: Vec<Item>,
    /// Rows that could not be trusted: their problems are in `errors`.
    pub invalid: u64,
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub missing: Vec<Missing>,
    pub withdrawn: Vec<Withdrawal>,
    pub notes: Vec<String>,
    pub channels: Vec<ChannelItem>,
    /// Dates of other channels that cannot be right (each names its channel): in `errors`.
    pub channel_errors: Vec<Problem>,
    pub years: Vec<YearFigures>,
}

impl Report {
    /// The report, put together from each stage's part: ingest's problems come first, then
    /// assess's, then the ledger's notes.
    pub fn assemble(
        as_of: NaiveDate,
        ingest: IngestPart,
        assess: AssessPart,
        ledger_notes: Vec<String>,
    ) -> Report {
        let mut summary = Report::summarize(&assess.items, assess.invalid);
        summary.unread_files = ingest.unread.len() as u64;
        summary.missing = assess.missing.len() as u64;
        summary.withdrawn = assess.withdrawn.len() as u64;
        for item in &assess.channels {
            let counts = summary.channels.entry(item.channel.clone()).or_default();
            if item.item.status.is_violation() {
                counts.violations += 1;
                summary.violations += 1;
            }
            if let Some(count) = match item.item.status {
                Status::OnTime => Some(&mut counts.on_time),
                Status::Late => Some(&mut counts.late),
                Status::Excused => Some(&mut counts.excused),
                Status::Due => Some(&mut counts.due),
                Status::Overdue => Some(&mut counts.overdue),
                Status::InProgress => Some(&mut counts.in_progress),
                Status::Undecided => Some(&mut counts.undecided),
                Status::Rejected | Status::Open | Status::NotRequired => None,
            } {
                *count += 1;
            }
        }
        let mut errors = ingest.unread;
        errors.extend(assess.errors);
        for problem in assess.channel_errors {
            let channel = problem.channel.clone().unwrap_or_default();
            summary.channels.entry(channel).or_default().errors += 1;
            errors.push(problem);
        }
        let mut warnings = ingest.warnings;
        warnings.extend(assess.warnings);
        let mut notes = ingest.notes;
        notes.extend(assess.notes);
        notes.extend(ledger_notes);
        Report {
            as_of,
            summary,
            items: assess.items,
            errors,
            warnings,
            notes,
            missing: assess.missing,
            withdrawn: assess.withdrawn,
            channels: assess.channels,
            years: assess.years,
        }
    }

    /// Counts the items; rows with errors were counted by the caller into `invalid`.
    pub fn summarize(items: &[Item], invalid: u64) -> Summary {
        let mut s = Summary {
            invalid,
            ..Summary::default()
        };
        for item in items {
            if item.status.is_violation() {
                s.violations += 1;
            }
            match item.kind {
                ItemKind::Task => {
                    s.rows += 1;
                    if item.published_on.is_some() {
                        s.published += 1;
                    }
                    *match item.status {
                        Status::OnTime => &mut s.on_time,
                        Status::Late => &mut s.late,
                        Status::Excused => &mut s.excused,
                        Status::Due => &mut s.due,
                        Status::Overdue => &mut s.overdue,
                        Status::InProgress => &mut s.in_progress,
                        Status::Undecided => &mut s.undecided,
                        Status::Rejected | Status::Open | Status::NotRequired => &mut s.rejected,
                    } += 1;
                }
                ItemKind::Quarter | ItemKind::Plan => {
                    let q = if item.kind == ItemKind::Plan {
                        &mut s.plans
                    } else {
                        &mut s.quarters
                    };
                    *match item.status {
                        Status::OnTime => &mut q.on_time,
                        Status::Late => &mut q.late,
                        Status::Excused => &mut q.excused,
                        Status::Due => &mut q.due,
                        Status::Overdue => &mut q.overdue,
                        Status::Undecided => &mut q.undecided,
                        Status::NotRequired => &mut q.not_required,
                        _ => &mut q.open,
                    } += 1;
                }
            }
        }
        s
    }

    /// Every item with the channel it is on: the website's items first, then the other
    /// channels'. The channel is `None` on a site with no other channel, where there is
    /// nothing to tell apart.
    pub fn items_by_channel(&self) -> impl Iterator<Item = (&Item, Option<&str>)> {
        let website = (!self.channels.is_empty()).then_some("website");
        self.items.iter().map(move |i| (i, website)).chain(
            self.channels
                .iter()
                .map(|c| (&c.item, Some(c.channel.as_str()))),
        )
    }

    /// Whether CI should fail: a missed deadline, an invalid row, or a status that waits for
    /// a holiday notice.
    pub fn has_problems(&self) -> bool {
        let s = &self.summary;
        s.violations > 0
            || s.invalid > 0
            || s.undecided > 0
            || s.quarters.undecided > 0
            || s.plans.undecided > 0
            || s.unread_files > 0
            || s.missing > 0
            || s.channels.values().any(|c| c.undecided > 0 || c.errors > 0)
    }
}
