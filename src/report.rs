//! The deadline report: what a build found, as text for a CI log or as JSON.

use std::fmt::Write as _;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A problem with the input, pointing at the file and line it comes from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    pub file: String,
    /// The sheet of a workbook the row is in; `line` is then its row number.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sheet: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line: Option<u64>,
    /// In a sheet, the column letters of the field's cell (`C`), so that the place reads
    /// `file.xlsx:Sheet1!C7`, as people name cells.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub column: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub field: Option<String>,
    pub message: String,
}

impl Problem {
    pub fn at(file: &str, line: u64, field: Option<&str>, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: None,
            line: Some(line),
            column: None,
            field: field.map(str::to_string),
            message: message.into(),
        }
    }

    pub fn in_file(file: &str, message: impl Into<String>) -> Problem {
        Problem {
            file: file.to_string(),
            sheet: None,
            line: None,
            column: None,
            field: None,
            message: message.into(),
        }
    }

    /// `file:line`, or in a workbook `file:Sheet1!C7` (a cell) or `file:Sheet1!7:7` (a row).
    pub fn location(&self) -> String {
        match (&self.sheet, self.line) {
            (Some(sheet), Some(line)) => {
                let sheet = crate::ingest::sheet_reference(sheet);
                match &self.column {
                    Some(column) => format!("{}:{sheet}!{column}{line}", self.file),
                    None => format!("{}:{sheet}!{line}:{line}", self.file),
                }
            }
            (Some(sheet), None) => {
                format!("{}:{}", self.file, crate::ingest::sheet_reference(sheet))
            }
            (None, Some(line)) => format!("{}:{line}", self.file),
            (None, None) => self.file.clone(),
        }
    }
}

/// Where an item stands against its disclosure deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Published late without a recorded reason: a violation.
    Late,
    /// Not published and past its deadline: a violation.
    Overdue,
    /// Published late, with a reason in the ledger.
    Excused,
    /// Not published yet, deadline not passed.
    Due,
    OnTime,
    /// A task without an end date (检查未结束).
    InProgress,
    /// A row that cannot be trusted: reported as an error, never published.
    Rejected,
    /// A quarter that has not ended yet.
    Open,
    /// On time or not, due or overdue, as a year's holiday notice not out yet will decide
    /// (its deadline is known only as a bound).
    Undecided,
}

impl Status {
    pub fn is_violation(self) -> bool {
        matches!(self, Status::Late | Status::Overdue)
    }

    /// Whether CI fails on it: a violation, or a status that may turn out to be one.
    pub fn fails_ci(self) -> bool {
        matches!(self, Status::Late | Status::Overdue | Status::Undecided)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Late => "late",
            Status::Overdue => "overdue",
            Status::Excused => "excused",
            Status::Due => "due",
            Status::OnTime => "on_time",
            Status::InProgress => "in_progress",
            Status::Rejected => "rejected",
            Status::Open => "open",
            Status::Undecided => "undecided",
        }
    }

    /// The label shown to citizens.
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Late => "逾期公示",
            Status::Overdue => "逾期未公示",
            Status::Excused => "延期公示（已说明理由）",
            Status::Due => "待公示",
            Status::OnTime => "按期公示",
            Status::InProgress => "检查中",
            Status::Rejected => "数据有误",
            Status::Open => "季度未结束",
            Status::Undecided => "待确定",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ItemKind {
    Task,
    Quarter,
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
    pub figures: Option<Box<crate::figures::QuarterFigures>>,
}

impl Item {
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
    /// Late and overdue tasks and quarters.
    pub violations: u64,
    pub quarters: QuarterSummary,
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

impl Report {
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
                        Status::Rejected | Status::Open => &mut s.rejected,
                    } += 1;
                }
                ItemKind::Quarter => {
                    let q = &mut s.quarters;
                    *match item.status {
                        Status::OnTime => &mut q.on_time,
                        Status::Late => &mut q.late,
                        Status::Excused => &mut q.excused,
                        Status::Due => &mut q.due,
                        Status::Overdue => &mut q.overdue,
                        Status::Undecided => &mut q.undecided,
                        _ => &mut q.open,
                    } += 1;
                }
            }
        }
        s
    }

    /// Whether CI should fail: a missed deadline, an invalid row, or a status that waits for
    /// a holiday notice.
    pub fn has_problems(&self) -> bool {
        let s = &self.summary;
        s.violations > 0
            || s.invalid > 0
            || s.undecided > 0
            || s.quarters.undecided > 0
            || s.unread_files > 0
            || s.missing > 0
    }

    pub fn to_json(&self) -> String {
        serde_json::to_string_pretty(self).expect("report serialises")
    }

    /// The one-screen summary for a terminal or a CI log.
    pub fn to_text(&self) -> String {
        self.to_text_with(&mut |_| None, false)
    }

    /// [`Report::to_text`] with the first errors shown in context by `excerpt` (a block of
    /// lines, see [`crate::diagnostic`]), and headings and verdict in colour when `color`.
    pub fn to_text_with(
        &self,
        excerpt: &mut dyn FnMut(&Problem) -> Option<String>,
        color: bool,
    ) -> String {
        const SHOWN: usize = 30;
        /// Errors shown with their rows; the rest a line each, to keep the report short.
        const IN_CONTEXT: usize = 5;
        let paint = |style: anstyle::Style, text: &str| {
            if color {
                format!("{}{text}{}", style.render(), style.render_reset())
            } else {
                text.to_string()
            }
        };
        let red = anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Red.into()));
        let yellow = anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Yellow.into()));
        let green = anstyle::Style::new()
            .bold()
            .fg_color(Some(anstyle::AnsiColor::Green.into()));
        let s = &self.summary;
        let mut out = String::new();
        let _ = writeln!(out, "gongshi report as of {}", self.as_of);
        let _ = write!(
            out,
            "  rows {}: published {} (on time {}, late {}, excused {}), due {}, overdue {}, \
             in progress {}, rejected {}",
            s.rows,
            s.published,
            s.on_time,
            s.late,
            s.excused,
            s.due,
            s.overdue,
            s.in_progress,
            s.rejected
        );
        if s.undecided > 0 {
            let _ = write!(out, ", undecided {}", s.undecided);
        }
        out.push('\n');
        let q = &s.quarters;
        let _ = write!(
            out,
            "  quarters: on time {}, late {}, excused {}, open {}",
            q.on_time, q.late, q.excused, q.open
        );
        if q.undecided > 0 {
            let _ = write!(out, ", undecided {}", q.undecided);
        }
        out.push('\n');
        if !self.withdrawn.is_empty() {
            let ids: Vec<&str> = self
                .withdrawn
                .iter()
                .map(|w| w.id.as_str())
                .take(10)
                .collect();
            let _ = writeln!(
                out,
                "  withdrawn {}: {}{}",
                self.withdrawn.len(),
                ids.join(", "),
                if self.withdrawn.len() > ids.len() {
                    ", ..."
                } else {
                    ""
                }
            );
        }

        let violations: Vec<&Item> = self
            .items
            .iter()
            .filter(|i| i.status.is_violation())
            .collect();
        if !violations.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                paint(red, &format!("VIOLATIONS ({})", violations.len()))
            );
            for item in violations.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", item_line(item));
            }
            more(&mut out, violations.len(), SHOWN);
        }
        let undecided: Vec<&Item> = self
            .items
            .iter()
            .filter(|i| i.status == Status::Undecided)
            .collect();
        if !undecided.is_empty() {
            let heading = format!(
                "UNDECIDED ({}): the deadline waits for a holiday notice",
                undecided.len()
            );
            let _ = writeln!(out, "\n{}", paint(red, &heading));
            for item in undecided.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", item_line(item));
            }
            more(&mut out, undecided.len(), SHOWN);
        }
        if !self.missing.is_empty() {
            let heading = format!(
                "MISSING ({}): published, but in no export now",
                self.missing.len()
            );
            let _ = writeln!(out, "\n{}", paint(red, &heading));
            for missing in self.missing.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", missing_line(missing));
            }
            more(&mut out, self.missing.len(), SHOWN);
        }
        if !self.errors.is_empty() {
            let heading = if self.summary.unread_files > 0 {
                format!(
                    "ERRORS ({}): files not read and rows not published",
                    self.errors.len()
                )
            } else {
                format!("ERRORS ({}): rows not published", self.errors.len())
            };
            let _ = writeln!(out, "\n{}", paint(red, &heading));
            for (i, problem) in self.errors.iter().take(SHOWN).enumerate() {
                match (i < IN_CONTEXT).then(|| excerpt(problem)).flatten() {
                    Some(block) => {
                        for line in block.lines() {
                            let _ = writeln!(out, "  {line}");
                        }
                    }
                    None => {
                        let _ = writeln!(out, "  {}", problem_line(problem));
                    }
                }
            }
            more(&mut out, self.errors.len(), SHOWN);
        }
        let due_soon: Vec<&Problem> = self.warnings.iter().collect();
        if !due_soon.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                paint(yellow, &format!("WARNINGS ({})", due_soon.len()))
            );
            for problem in due_soon.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", problem_line(problem));
            }
            more(&mut out, due_soon.len(), SHOWN);
        }
        if !self.notes.is_empty() {
            let _ = writeln!(out, "\nNOTES");
            for note in &self.notes {
                let _ = writeln!(out, "  {note}");
            }
        }
        let style = if self.has_problems() { red } else { green };
        let _ = writeln!(out, "\n{}", paint(style, &self.verdict()));
        out
    }

    /// The report's last line: `OK: …` or `FAILED: …` with the counts.
    pub fn verdict(&self) -> String {
        let s = &self.summary;
        let mut failures = Vec::new();
        if s.violations > 0 {
            failures.push(format!("{} missed deadline(s)", s.violations));
        }
        if s.violations > 0 || s.invalid > 0 {
            failures.push(format!("{} invalid row(s)", s.invalid));
        }
        let undecided = s.undecided + s.quarters.undecided;
        if undecided > 0 {
            let mut years: Vec<i32> = self
                .items
                .iter()
                .filter(|i| i.status == Status::Undecided)
                .filter_map(|i| i.needs_calendar_year)
                .collect();
            years.sort_unstable();
            years.dedup();
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            failures.push(format!(
                "{undecided} status(es) undecided until the {} holiday notice is added",
                years.join(" and ")
            ));
        }
        if s.unread_files > 0 {
            failures.push(format!(
                "{} file(s) in data/tasks/ not read",
                s.unread_files
            ));
        }
        if s.missing > 0 {
            failures.push(format!(
                "{} published result(s) in no export now",
                s.missing
            ));
        }
        if failures.is_empty() {
            "OK: no deadline missed, no invalid row".to_string()
        } else {
            format!("FAILED: {}", failures.join(", "))
        }
    }
}

fn more(out: &mut String, total: usize, shown: usize) {
    if total > shown {
        let _ = writeln!(
            out,
            "  ... and {} more (--format json lists all)",
            total - shown
        );
    }
}

pub(crate) fn missing_line(missing: &Missing) -> String {
    let kind = match missing.kind {
        ItemKind::Task => "task",
        ItemKind::Quarter => "quarter",
    };
    format!(
        "{kind} {}  published {}: {}",
        missing.id, missing.published_on, missing.message
    )
}

fn item_line(item: &Item) -> String {
    let kind = match item.kind {
        ItemKind::Task => "task",
        ItemKind::Quarter => "quarter",
    };
    let mut line = format!("{:<8} {kind} {}", item.status.as_str(), item.id);
    if let Some(deadline) = item.deadline {
        let _ = write!(line, "  deadline {deadline}");
    }
    if let (Some(not_before), Some(year)) = (item.deadline_not_before, item.needs_calendar_year) {
        let _ = write!(
            line,
            "  deadline not before {not_before} (the day waits for {year}'s holiday notice)"
        );
    }
    if let Some(published) = item.published_on {
        let _ = write!(line, "  published {published}");
    }
    if let Some(days) = item.days_late {
        let _ = write!(
            line,
            "  {days} day{} late",
            if days == 1 { "" } else { "s" }
        );
    }
    if let Some(place) = item.location() {
        let _ = write!(line, "  {place}");
    }
    line
}

pub fn problem_line(problem: &Problem) -> String {
    match &problem.field {
        Some(field) => format!("{}: {field}: {}", problem.location(), problem.message),
        None => format!("{}: {}", problem.location(), problem.message),
    }
}
