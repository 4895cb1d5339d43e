//! The deadline report: what a build found, as text for a CI log or as JSON.

use std::fmt::Write as _;

use crate::model::{Item, ItemKind, Missing, Problem, Report, Status};
use crate::tr;

impl Report {
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
        let _ = writeln!(out, "{}", tr!("report-heading", as_of = self.as_of));
        let _ = write!(
            out,
            "  {}",
            tr!(
                "report-rows",
                rows = s.rows,
                published = s.published,
                on_time = s.on_time,
                late = s.late,
                excused = s.excused,
                due = s.due,
                overdue = s.overdue,
                in_progress = s.in_progress,
                rejected = s.rejected
            )
        );
        if s.undecided > 0 {
            let _ = write!(out, "{}", tr!("report-and-undecided", count = s.undecided));
        }
        out.push('\n');
        let q = &s.quarters;
        let _ = write!(
            out,
            "  {}",
            tr!(
                "report-quarters",
                on_time = q.on_time,
                late = q.late,
                excused = q.excused,
                open = q.open
            )
        );
        if q.undecided > 0 {
            let _ = write!(out, "{}", tr!("report-and-undecided", count = q.undecided));
        }
        if q.not_required > 0 {
            let _ = write!(
                out,
                "{}",
                tr!("report-and-not-required", count = q.not_required)
            );
        }
        out.push('\n');
        let p = &s.plans;
        if !p.is_empty() {
            let _ = write!(
                out,
                "  {}",
                tr!(
                    "report-plans",
                    on_time = p.on_time,
                    late = p.late,
                    excused = p.excused,
                    due = p.due,
                    overdue = p.overdue
                )
            );
            if p.undecided > 0 {
                let _ = write!(out, "{}", tr!("report-and-undecided", count = p.undecided));
            }
            out.push('\n');
        }
        if !self.withdrawn.is_empty() {
            let ids: Vec<&str> = self
                .withdrawn
                .iter()
                .map(|w| w.id.as_str())
                .take(10)
                .collect();
            let _ = writeln!(
                out,
                "  {}{}",
                tr!(
                    "report-withdrawn",
                    count = self.withdrawn.len(),
                    ids = ids.join(", ")
                ),
                if self.withdrawn.len() > ids.len() {
                    ", ..."
                } else {
                    ""
                }
            );
        }

        for (id, c) in &s.channels {
            let _ = write!(
                out,
                "  {}",
                tr!(
                    "report-channel",
                    channel = id,
                    on_time = c.on_time,
                    late = c.late,
                    excused = c.excused,
                    due = c.due,
                    overdue = c.overdue,
                    in_progress = c.in_progress
                )
            );
            if c.undecided > 0 {
                let _ = write!(out, "{}", tr!("report-and-undecided", count = c.undecided));
            }
            if c.errors > 0 {
                let _ = write!(
                    out,
                    "{}",
                    tr!("report-and-dates-in-error", count = c.errors)
                );
            }
            out.push('\n');
        }
        // With other channels, every line says which channel it is about.
        let violations: Vec<(&Item, Option<&str>)> = self
            .items_by_channel()
            .filter(|(item, _)| item.status.is_violation())
            .collect();
        if !violations.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                paint(red, &tr!("report-violations", count = violations.len()))
            );
            for (item, channel) in violations.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", item_line_on(item, *channel));
            }
            more(&mut out, violations.len(), SHOWN);
        }
        let undecided: Vec<(&Item, Option<&str>)> = self
            .items_by_channel()
            .filter(|(item, _)| item.status == Status::Undecided)
            .collect();
        if !undecided.is_empty() {
            let heading = tr!("report-undecided", count = undecided.len());
            let _ = writeln!(out, "\n{}", paint(red, &heading));
            for (item, channel) in undecided.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", item_line_on(item, *channel));
            }
            more(&mut out, undecided.len(), SHOWN);
        }
        if !self.missing.is_empty() {
            let heading = tr!("report-missing", count = self.missing.len());
            let _ = writeln!(out, "\n{}", paint(red, &heading));
            for missing in self.missing.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", missing_line(missing));
            }
            more(&mut out, self.missing.len(), SHOWN);
        }
        let (channel_errors, errors): (Vec<&Problem>, Vec<&Problem>) =
            self.errors.iter().partition(|p| p.channel.is_some());
        if !errors.is_empty() {
            let heading = if self.summary.unread_files > 0 {
                tr!("report-errors-with-files", count = errors.len())
            } else {
                tr!("report-errors", count = errors.len())
            };
            let _ = writeln!(out, "\n{}", paint(red, &heading));
            for (i, problem) in errors.iter().take(SHOWN).enumerate() {
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
            more(&mut out, errors.len(), SHOWN);
        }
        if !channel_errors.is_empty() {
            let heading = tr!("report-channel-errors", count = channel_errors.len());
            let _ = writeln!(out, "\n{}", paint(red, &heading));
            for problem in channel_errors.iter().take(SHOWN) {
                let channel = problem.channel.as_deref().unwrap_or_default();
                let _ = writeln!(out, "  [{channel}] {}", problem_line(problem));
            }
            more(&mut out, channel_errors.len(), SHOWN);
        }
        let due_soon: Vec<&Problem> = self.warnings.iter().collect();
        if !due_soon.is_empty() {
            let _ = writeln!(
                out,
                "\n{}",
                paint(yellow, &tr!("report-warnings", count = due_soon.len()))
            );
            for problem in due_soon.iter().take(SHOWN) {
                let _ = writeln!(out, "  {}", problem_line(problem));
            }
            more(&mut out, due_soon.len(), SHOWN);
        }
        if !self.notes.is_empty() {
            let _ = writeln!(out, "\n{}", tr!("report-notes"));
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
            failures.push(tr!("verdict-missed", count = s.violations));
        }
        let channel_errors: u64 = s.channels.values().map(|c| c.errors).sum();
        if channel_errors > 0 {
            failures.push(tr!("verdict-channel-errors", count = channel_errors));
        }
        if s.violations > 0 || s.invalid > 0 {
            failures.push(tr!("verdict-invalid", count = s.invalid));
        }
        let undecided = s.undecided
            + s.quarters.undecided
            + s.plans.undecided
            + s.channels.values().map(|c| c.undecided).sum::<u64>();
        if undecided > 0 {
            let mut years: Vec<i32> = self
                .items_by_channel()
                .filter(|(item, _)| item.status == Status::Undecided)
                .filter_map(|(item, _)| item.needs_calendar_year)
                .collect();
            years.sort_unstable();
            years.dedup();
            let years: Vec<String> = years.iter().map(i32::to_string).collect();
            failures.push(tr!(
                "verdict-undecided",
                count = undecided,
                years = years.join(&tr!("list-and"))
            ));
        }
        if s.unread_files > 0 {
            failures.push(tr!("verdict-unread-files", count = s.unread_files));
        }
        if s.missing > 0 {
            failures.push(tr!("verdict-missing", count = s.missing));
        }
        if failures.is_empty() {
            tr!("verdict-ok")
        } else {
            tr!(
                "verdict-failed",
                failures = failures.join(&tr!("list-separator"))
            )
        }
    }
}

fn more(out: &mut String, total: usize, shown: usize) {
    if total > shown {
        let _ = writeln!(out, "  {}", tr!("report-more", count = total - shown));
    }
}

pub(crate) fn missing_line(missing: &Missing) -> String {
    tr!(
        "report-missing-line",
        kind = kind_word(missing.kind),
        id = &missing.id,
        published_on = missing.published_on,
        message = &missing.message
    )
}

fn kind_word(kind: ItemKind) -> String {
    match kind {
        ItemKind::Task => tr!("kind-task"),
        ItemKind::Quarter => tr!("kind-quarter"),
        ItemKind::Plan => tr!("kind-plan"),
    }
}

/// An item's line, naming its channel when the site has several.
fn item_line_on(item: &Item, channel: Option<&str>) -> String {
    let on = channel.map_or_else(String::new, |c| format!("[{c}] "));
    let mut line = format!(
        "{:<8} {on}{} {}",
        match crate::i18n::language() {
            crate::i18n::Language::English => item.status.as_str(),
            crate::i18n::Language::Chinese => item.status.chinese(),
        },
        kind_word(item.kind),
        item.id
    );
    if let Some(deadline) = item.deadline {
        let _ = write!(line, "  {}", tr!("report-deadline", deadline = deadline));
    }
    if let (Some(not_before), Some(year)) = (item.deadline_not_before, item.needs_calendar_year) {
        let _ = write!(
            line,
            "  {}",
            tr!(
                "report-deadline-not-before",
                not_before = not_before,
                year = year
            )
        );
    }
    if let Some(published) = item.published_on {
        let _ = write!(line, "  {}", tr!("report-published", published = published));
    }
    if let Some(days) = item.days_late {
        let _ = write!(line, "  {}", tr!("report-days-late", days = days));
    }
    if let Some(place) = item.location() {
        let _ = write!(line, "  {place}");
    }
    line
}

pub fn problem_line(problem: &Problem) -> String {
    tr!(
        "error-in-file",
        file = problem.location(),
        message = problem.field_message()
    )
}
