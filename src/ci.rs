//! The report in the formats CI dashboards read: JUnit XML (GitLab, Jenkins, Azure, and GitHub
//! through a test-report action) and GitHub Actions workflow commands (annotations on files).

use std::collections::HashMap;
use std::fmt::Write as _;

use crate::escape::{markdown, workflow_data as data, workflow_property as property, xml};
use crate::model::{Item, ItemKind, Problem, Report, Status};
use crate::report::{missing_line, problem_line};
use crate::tr;

/// JUnit XML: a suite of tasks and a suite of quarters, one test case each. Violations and
/// invalid rows are failures; tasks in progress, open quarters and quarters with no summary
/// deadline are skipped (nothing is due); warnings go with the test case of their row.
/// A row's place: file, sheet (in a workbook), line or row number.
type RowKey<'a> = (&'a str, Option<&'a str>, u64);

pub fn junit(report: &Report) -> String {
    let mut errors_at: HashMap<RowKey, Vec<&Problem>> = HashMap::new();
    let mut loose_errors = Vec::new();
    // Problems of other channels' dates go with the channel's test cases.
    let mut channel_errors_at: HashMap<(&str, RowKey), Vec<&Problem>> = HashMap::new();
    let mut channel_loose: Vec<&Problem> = Vec::new();
    for problem in report.errors.iter().filter(|p| p.channel.is_some()) {
        let channel = problem.channel.as_deref().unwrap_or_default();
        match problem.line {
            Some(line) => channel_errors_at
                .entry((
                    channel,
                    (problem.file.as_str(), problem.sheet.as_deref(), line),
                ))
                .or_default()
                .push(problem),
            None => channel_loose.push(problem),
        }
    }
    for problem in report.errors.iter().filter(|p| p.channel.is_none()) {
        match problem.line {
            Some(line) => errors_at
                .entry((problem.file.as_str(), problem.sheet.as_deref(), line))
                .or_default()
                .push(problem),
            None => loose_errors.push(problem),
        }
    }
    let mut warnings_at: HashMap<RowKey, Vec<&Problem>> = HashMap::new();
    let mut loose_warnings = Vec::new();
    for problem in &report.warnings {
        match problem.line {
            Some(line) => warnings_at
                .entry((problem.file.as_str(), problem.sheet.as_deref(), line))
                .or_default()
                .push(problem),
            None => loose_warnings.push(problem),
        }
    }

    let timestamp = format!("{}T00:00:00", report.as_of);
    let mut suites = String::new();
    let mut total = (0usize, 0usize, 0usize);
    let several = !report.channels.is_empty();
    let item_message = |item: &Item| {
        if several {
            item_message_on(item, "website")
        } else {
            item_message(item)
        }
    };
    for (kind, name) in [
        (ItemKind::Task, "tasks"),
        (ItemKind::Quarter, "quarters"),
        (ItemKind::Plan, "plans"),
    ] {
        // Plans only where the rules ask for them.
        if kind == ItemKind::Plan && !report.items.iter().any(|i| i.kind == kind) {
            continue;
        }
        let mut cases = String::new();
        let (mut tests, mut failures, mut skipped) = (0, 0, 0);
        for item in report.items.iter().filter(|i| i.kind == kind) {
            tests += 1;
            let at = item.file.as_deref().zip(item.line);
            let key = at.map(|(file, line)| (file, item.sheet.as_deref(), line));
            let row_errors = key.and_then(|key| errors_at.get(&key));
            let row_warnings = key.and_then(|key| warnings_at.get(&key));
            let case_name = if item.id.is_empty() {
                item.location().unwrap_or_default()
            } else {
                item.id.clone()
            };
            let _ = write!(
                cases,
                "<testcase name=\"{}\" classname=\"gongshi.{name}\"",
                xml(&case_name)
            );
            if let Some((file, line)) = at {
                let _ = write!(cases, " file=\"{}\"", xml(file));
                // A line of a workbook is not a line of its file.
                if item.sheet.is_none() {
                    let _ = write!(cases, " line=\"{line}\"");
                }
            }
            cases.push_str(" time=\"0\">");
            match item.status {
                status if status.fails_ci() => {
                    failures += 1;
                    let _ = write!(
                        cases,
                        "<failure type=\"{}\" message=\"{}\"/>",
                        status.as_str(),
                        xml(&item_message(item))
                    );
                }
                Status::Rejected => {
                    failures += 1;
                    let detail: Vec<String> = row_errors
                        .into_iter()
                        .flatten()
                        .map(|p| problem_message(p))
                        .collect();
                    let _ = write!(
                        cases,
                        "<failure type=\"invalid\" message=\"{}\">{}</failure>",
                        xml(&tr!("ci-invalid-row")),
                        xml(&detail.join("\n"))
                    );
                }
                Status::InProgress | Status::Open | Status::NotRequired => {
                    skipped += 1;
                    let _ = write!(cases, "<skipped message=\"{}\"/>", xml(&item_message(item)));
                }
                _ => {}
            }
            let mut out = String::new();
            let failed_or_skipped = item.status.fails_ci()
                || matches!(
                    item.status,
                    Status::InProgress | Status::Open | Status::NotRequired | Status::Rejected
                );
            if !failed_or_skipped {
                out.push_str(&item_message(item));
            }
            for warning in row_warnings.into_iter().flatten() {
                out.push('\n');
                out.push_str(&tr!("ci-warning", message = problem_message(warning)));
            }
            if !out.trim().is_empty() {
                let _ = write!(cases, "<system-out>{}</system-out>", xml(out.trim()));
            }
            cases.push_str("</testcase>\n");
        }
        // Failed cases of their own: published results and summaries in no export now, and
        // errors no row carries (a whole file's).
        let mut failed = |case: &str, file: &str, kind: &str, message: &str| {
            tests += 1;
            failures += 1;
            let _ = writeln!(
                cases,
                "<testcase name=\"{}\" classname=\"gongshi.{name}\" file=\"{}\" time=\"0\">\
                 <failure type=\"{kind}\" message=\"{}\"/></testcase>",
                xml(case),
                xml(file),
                xml(message)
            );
        };
        for missing in report.missing.iter().filter(|m| m.kind == kind) {
            let message = missing_line(missing);
            failed(&missing.id, crate::ledger::LEDGER_FILE, "missing", &message);
        }
        if kind == ItemKind::Task {
            for problem in &loose_errors {
                failed(
                    &problem.file,
                    &problem.file,
                    "invalid",
                    &problem_message(problem),
                );
            }
        }
        let mut out = String::new();
        if kind == ItemKind::Task {
            for warning in &loose_warnings {
                let _ = writeln!(
                    out,
                    "{}",
                    tr!("ci-warning", message = problem_line(warning))
                );
            }
            for note in &report.notes {
                let _ = writeln!(out, "{}", tr!("ci-note", note = note));
            }
        }
        let _ = write!(
            suites,
            "<testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" \
             skipped=\"{skipped}\" time=\"0\" timestamp=\"{timestamp}\">\n{cases}"
        );
        if !out.is_empty() {
            let _ = writeln!(suites, "<system-out>{}</system-out>", xml(out.trim_end()));
        }
        suites.push_str("</testsuite>\n");
        total.0 += tests;
        total.1 += failures;
        total.2 += skipped;
    }
    // Each other channel: a suite of its own, a case per task there.
    for channel in report.summary.channels.keys().map(String::as_str) {
        let name = format!("channel.{channel}");
        let mut cases = String::new();
        let (mut tests, mut failures, mut skipped) = (0, 0, 0);
        for item in report.channels.iter().filter(|c| c.channel == channel) {
            let (item, message) = (&item.item, item_message_on(&item.item, channel));
            tests += 1;
            let _ = write!(
                cases,
                "<testcase name=\"{}\" classname=\"gongshi.{name}\"",
                xml(&item.id)
            );
            if let (Some(file), Some(line)) = (item.file.as_deref(), item.line) {
                let _ = write!(cases, " file=\"{}\"", xml(file));
                if item.sheet.is_none() {
                    let _ = write!(cases, " line=\"{line}\"");
                }
            }
            cases.push_str(" time=\"0\">");
            let key = item
                .file
                .as_deref()
                .zip(item.line)
                .map(|(file, line)| (channel, (file, item.sheet.as_deref(), line)));
            let date_errors = key.and_then(|key| channel_errors_at.remove(&key));
            if let Some(date_errors) = date_errors {
                failures += 1;
                let detail: Vec<String> = date_errors.iter().map(|p| problem_message(p)).collect();
                let _ = write!(
                    cases,
                    "<failure type=\"invalid_date\" message=\"{}\">{}</failure>",
                    xml(&message),
                    xml(&detail.join("\n"))
                );
            } else if item.status.fails_ci() {
                failures += 1;
                let _ = write!(
                    cases,
                    "<failure type=\"{}\" message=\"{}\"/>",
                    item.status.as_str(),
                    xml(&message)
                );
            } else if item.status == Status::InProgress {
                skipped += 1;
                let _ = write!(cases, "<skipped message=\"{}\"/>", xml(&message));
            } else {
                let _ = write!(cases, "<system-out>{}</system-out>", xml(&message));
            }
            cases.push_str("</testcase>\n");
        }
        // Errors no task case carries: a channel file's own (a row of it, or the whole file).
        let unclaimed = channel_errors_at
            .iter()
            .filter(|((c, _), _)| *c == channel)
            .flat_map(|(_, problems)| problems)
            .chain(
                channel_loose
                    .iter()
                    .filter(|p| p.channel.as_deref() == Some(channel)),
            );
        let mut unclaimed: Vec<&&Problem> = unclaimed.collect();
        unclaimed.sort_by_key(|p| (p.file.clone(), p.line));
        for problem in unclaimed {
            tests += 1;
            failures += 1;
            let _ = writeln!(
                cases,
                "<testcase name=\"{}\" classname=\"gongshi.{name}\" file=\"{}\" time=\"0\">\
                 <failure type=\"invalid_date\" message=\"{}\"/></testcase>",
                xml(&problem.location()),
                xml(&problem.file),
                xml(&problem_message(problem))
            );
        }
        let _ = write!(
            suites,
            "<testsuite name=\"{name}\" tests=\"{tests}\" failures=\"{failures}\" errors=\"0\" \
             skipped=\"{skipped}\" time=\"0\" timestamp=\"{timestamp}\">\n{cases}</testsuite>\n"
        );
        total.0 += tests;
        total.1 += failures;
        total.2 += skipped;
    }
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
         <testsuites name=\"gongshi disclosure deadlines as of {}\" tests=\"{}\" failures=\"{}\" \
         errors=\"0\" skipped=\"{}\" time=\"0\">\n{suites}</testsuites>\n",
        report.as_of, total.0, total.1, total.2
    )
}

/// GitHub Actions workflow commands: an `::error` annotation at the file and line of every
/// violation and invalid row, a `::warning` for every warning, then the text report for the
/// log.
pub fn github(report: &Report) -> String {
    let mut out = String::new();
    let failing = report
        .items_by_channel()
        .filter(|(item, _)| item.status.fails_ci());
    for (item, channel) in failing {
        let on = channel.map_or_else(String::new, |c| format!("[{c}] "));
        let title = format!(
            "{on}{}",
            tr!(
                "ci-title-item",
                kind = kind_word(item),
                id = &item.id,
                status = item.status.as_str(),
            )
        );
        annotation(
            &mut out,
            "error",
            item.file.as_deref(),
            item.line.filter(|_| item.sheet.is_none()),
            &title,
            &message_on(item, channel),
        );
    }
    for missing in &report.missing {
        annotation(
            &mut out,
            "error",
            Some(crate::ledger::LEDGER_FILE),
            None,
            &tr!(
                "ci-title-missing",
                kind = kind_name(missing.kind),
                id = &missing.id
            ),
            &missing_line(missing),
        );
    }
    for problem in &report.errors {
        let title = if let Some(channel) = &problem.channel {
            format!("[{channel}] {}", tr!("ci-title-channel-date"))
        } else if problem.line.is_some() {
            tr!("ci-invalid-row")
        } else {
            tr!("ci-title-not-read")
        };
        annotation(
            &mut out,
            "error",
            Some(&problem.file),
            problem.line.filter(|_| problem.sheet.is_none()),
            &title,
            &problem_message(problem),
        );
    }
    for problem in &report.warnings {
        annotation(
            &mut out,
            "warning",
            Some(&problem.file),
            problem.line.filter(|_| problem.sheet.is_none()),
            "gongshi",
            &problem_message(problem),
        );
    }
    out.push_str(&report.to_text());
    out
}

/// The report as Markdown for a GitHub Actions run's summary page (`$GITHUB_STEP_SUMMARY`):
/// the verdict, the counts, and every violation with its place.
pub fn github_summary(report: &Report) -> String {
    let s = &report.summary;
    let mut out = String::new();
    let mark = if report.has_problems() { "❌" } else { "✅" };
    let _ = writeln!(
        out,
        "### {}\n\n{mark} {}\n",
        tr!("ci-summary-heading", as_of = report.as_of),
        report.verdict()
    );
    let _ = writeln!(
        out,
        "{}\n\
         |---:|---:|---:|---:|---:|---:|---:|---:|---:|\n\
         | {} | {} | {} | {} | {} | {} | {} | {} | {} |\n",
        tr!("ci-summary-columns"),
        s.rows,
        s.on_time,
        s.late,
        s.excused,
        s.due,
        s.overdue,
        s.in_progress,
        s.rejected,
        s.undecided
    );
    for (id, c) in &s.channels {
        let _ = writeln!(
            out,
            "{}{}\n",
            tr!(
                "ci-summary-channel",
                channel = markdown(id),
                on_time = c.on_time,
                late = c.late,
                excused = c.excused,
                due = c.due,
                overdue = c.overdue,
                in_progress = c.in_progress,
            ),
            if c.errors > 0 {
                tr!("report-and-dates-in-error", count = c.errors)
            } else {
                String::new()
            }
        );
    }
    let violations: Vec<(&Item, Option<&str>)> = report
        .items_by_channel()
        .filter(|(item, _)| item.status.fails_ci())
        .collect();
    if !violations.is_empty() {
        let _ = writeln!(
            out,
            "{}\n|---|---|---|---:|---|",
            tr!("ci-summary-violation-columns")
        );
        for (item, channel) in violations {
            let place = item.location().map_or_else(String::new, |at| markdown(&at));
            let on = channel.map_or_else(String::new, |c| {
                tr!("ci-summary-on-channel", channel = markdown(c))
            });
            let _ = writeln!(
                out,
                "| {} {}{on} | {} | {} | {} | {place} |",
                item.status.as_str(),
                kind_word(item),
                markdown(&item.id),
                deadline_text(item),
                item.days_late.unwrap_or(0),
            );
        }
        out.push('\n');
    }
    if !report.missing.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            tr!("ci-summary-missing", count = report.missing.len())
        );
        for missing in &report.missing {
            let _ = writeln!(
                out,
                "- {}",
                tr!(
                    "ci-summary-missing-line",
                    kind = kind_name(missing.kind),
                    id = markdown(&missing.id),
                    published_on = missing.published_on,
                    message = markdown(&missing.message),
                )
            );
        }
        out.push('\n');
    }
    if !report.errors.is_empty() {
        let _ = writeln!(
            out,
            "{}\n",
            tr!("ci-summary-errors", count = report.errors.len())
        );
    }
    out
}

/// Adds [`github_summary`] to the end of the file GitHub Actions names in
/// `$GITHUB_STEP_SUMMARY`, for the run's summary page.
pub fn append_step_summary(report: &Report, path: &std::path::Path) -> crate::Result<()> {
    use std::io::Write as _;
    std::fs::OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .and_then(|mut file| file.write_all(github_summary(report).as_bytes()))
        .map_err(|e| crate::Error::io(path, e))
}

fn annotation(
    out: &mut String,
    level: &str,
    file: Option<&str>,
    line: Option<u64>,
    title: &str,
    message: &str,
) {
    let mut properties = Vec::new();
    if let Some(file) = file {
        properties.push(format!("file={}", property(file)));
        if let Some(line) = line {
            properties.push(format!("line={line}"));
        }
    }
    properties.push(format!("title={}", property(title)));
    let _ = writeln!(out, "::{level} {}::{}", properties.join(","), data(message));
}

fn kind_word(item: &Item) -> String {
    kind_name(item.kind)
}

fn kind_name(kind: ItemKind) -> String {
    match kind {
        ItemKind::Task => tr!("kind-task"),
        ItemKind::Quarter => tr!("kind-quarter"),
        ItemKind::Plan => tr!("kind-plan"),
    }
}

/// One sentence on where an item stands, for a failure message or an annotation.
pub fn item_message(item: &Item) -> String {
    message_on(item, None)
}

/// [`item_message`] for a site with other channels (`[[channel]]`): it names the channel, the
/// website's (`website`) too.
pub fn item_message_on(item: &Item, channel: &str) -> String {
    message_on(item, Some(channel))
}

fn message_on(item: &Item, channel: Option<&str>) -> String {
    let message = item_sentence(item, channel);
    match channel {
        Some(channel) => format!("[{channel}] {message}"),
        None => message,
    }
}

fn item_sentence(item: &Item, channel: Option<&str>) -> String {
    let what = match item.kind {
        ItemKind::Task => tr!("ci-what-result"),
        ItemKind::Quarter => tr!("ci-what-summary"),
        ItemKind::Plan => tr!("ci-what-plan"),
    };
    let excuse = match channel {
        None | Some("website") => tr!("ci-excuse-website"),
        Some(_) => tr!("ci-excuse-channel"),
    };
    let deadline = deadline_text(item);
    let days = tr!("ci-days", days = item.days_late.unwrap_or(0));
    let published_on = item
        .published_on
        .map_or_else(String::new, |d| d.to_string());
    let (kind, id) = (kind_word(item), item.id.as_str());
    match item.status {
        Status::Late => tr!(
            "ci-late",
            kind = kind,
            id = id,
            what = what,
            published_on = published_on,
            days = days,
            deadline = deadline,
            excuse = excuse,
        ),
        Status::Overdue => tr!(
            "ci-overdue",
            kind = kind,
            id = id,
            what = what,
            deadline = deadline,
            days = days,
        ),
        Status::Excused => tr!(
            "ci-excused",
            kind = kind,
            id = id,
            what = what,
            published_on = published_on,
            deadline = deadline,
            reason = item.late_reason.as_deref().unwrap_or(""),
        ),
        Status::OnTime => tr!(
            "ci-on-time",
            kind = kind,
            id = id,
            what = what,
            published_on = published_on,
            deadline = deadline,
        ),
        Status::Due => tr!(
            "ci-due",
            kind = kind,
            id = id,
            what = what,
            deadline = deadline,
        ),
        Status::InProgress => tr!("ci-in-progress", id = id),
        Status::Open => tr!("ci-open", id = id),
        Status::NotRequired => tr!("ci-not-required", id = id, published_on = published_on),
        Status::Rejected => tr!("ci-rejected", id = id),
        Status::Undecided => {
            let year = item
                .needs_calendar_year
                .map_or_else(String::new, |y| y.to_string());
            let done = match item.published_on {
                Some(day) => tr!("ci-published-on", day = day),
                None => tr!("ci-not-published-yet"),
            };
            tr!(
                "ci-undecided",
                kind = kind,
                id = id,
                what = what,
                done = done,
                deadline = deadline,
                year = year,
            )
        }
    }
}

/// The deadline as the item knows it: the day, or the bound it cannot be before.
fn deadline_text(item: &Item) -> String {
    match (item.deadline, item.deadline_not_before) {
        (Some(day), _) => day.to_string(),
        (None, Some(not_before)) => tr!("ci-deadline-not-before", day = not_before),
        (None, None) => tr!("ci-deadline-none"),
    }
}

fn problem_message(problem: &Problem) -> String {
    let message = problem.field_message();
    // A workbook's annotation has no line: the cell says where.
    match &problem.sheet {
        Some(_) => crate::tr!(
            "error-in-file",
            file = problem.location(),
            message = message
        ),
        None => message,
    }
}
