//! Importing the publication history of a site run by hand before gongshi: the days results
//! really went public there. A first build without it would date every result today, and
//! the public pages would call results that went out on time 逾期公示.
//!
//! The import is all or nothing: every row is checked, and only when all are right are they
//! appended, in one write.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use chrono::{Datelike, NaiveDate};

use super::{Entry, Kind, LEDGER_FILE, Ledger};
use crate::dates::Quarter;
use crate::error::{Error, Result};
use crate::model::Problem;
use crate::tr;

/// What an import did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct Imported {
    /// Rows appended to the ledger.
    pub added: usize,
    /// Rows the ledger already had, with the same date.
    pub already: usize,
}

/// The columns of a history file, whatever it calls them.
const KIND: &[&str] = &["kind", "类型"];
const ID: &[&str] = &[
    "id",
    "task_id",
    "任务编号",
    "抽查任务编号",
    "检查任务编号",
    "编号",
];
const DATE: &[&str] = &["published_on", "公示日期", "发布日期", "公开日期", "date"];
const REASON: &[&str] = &["late_reason", "reason", "逾期原因", "延期原因", "说明"];

/// Imports `file` (CSV, comma- or tab-separated, in any encoding task ledgers come in, or a
/// workbook: its first sheet with anything in it) into the
/// site's ledger: first publications of tasks (`kind` task, the default) and quarter summaries
/// (`kind` quarter). Every row must name a task or quarter of the current exports, on a day
/// that has been (not after `today`) and not before the inspection ended. Rows the ledger
/// already has with the same date are skipped; with another date, refused. Any problem refuses
/// the whole file, each named with its line.
pub fn import(
    site: &Path,
    file: &Path,
    today: NaiveDate,
) -> Result<std::result::Result<Imported, Vec<Problem>>> {
    crate::ingest::check_site(site)?;
    let _lock = crate::lock::SiteLock::acquire(site, true)?;
    let ledger = Ledger::load(site)?;
    let shown = file.display().to_string();
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    // A CSV in any encoding, or a workbook: its first sheet with anything in it.
    let tables = crate::ingest::rows_of(&shown, &bytes)
        .map_err(|m| Error::Usage(format!("{shown}: {m}")))?;
    let blank = |row: &csv::StringRecord| row.iter().all(|f| f.trim().is_empty());
    let (sheet, rows) = tables
        .into_iter()
        .find(|(_, rows)| rows.iter().any(|(_, row)| !blank(row)))
        .unwrap_or_default();
    // What the exports hold now: the tasks' end dates, and the quarters they fall in.
    let config = crate::config::Config::load(site)?;
    let settings = crate::ingest::Settings::from_config(&config)?;
    let tasks = crate::ingest::read_tasks(site, today, &settings)?;
    let mut ends: HashMap<&str, (Option<NaiveDate>, bool)> = HashMap::new();
    let mut quarters: HashSet<Quarter> = HashSet::new();
    // Tasks with several objects: their records are known as `task id/object`.
    let mut objects: HashMap<&str, Vec<&str>> = HashMap::new();
    for record in tasks.rows.iter().filter_map(|row| row.record.as_deref()) {
        ends.insert(record.id(), (record.end, record.is_publishable()));
        quarters.extend(record.quarter());
        if record.object.is_some() {
            objects
                .entry(&record.task_id)
                .or_default()
                .push(record.id());
        }
    }

    let mut problems = Vec::new();
    let problem = |line: u64, field: Option<&str>, message: String| Problem {
        sheet: sheet.as_deref().map(str::to_string),
        ..Problem::at(&shown, line, field, message)
    };
    let mut rows = rows.into_iter().filter(|(_, row)| !blank(row));
    let column = |header: &csv::StringRecord, names: &[&str]| {
        header.iter().position(|h| {
            let h = h.trim().trim_start_matches('\u{feff}').to_lowercase();
            names.contains(&h.as_str())
        })
    };
    // The header, below up to five title rows.
    let mut titles: Vec<(u64, csv::StringRecord)> = Vec::new();
    let (header, id_column, date_column) = loop {
        let next = rows.next();
        if let Some((_, row)) = &next
            && let (Some(id), Some(date)) = (column(row, ID), column(row, DATE))
        {
            break (row.clone(), id, date);
        }
        match next {
            Some(title) if titles.len() < 5 => titles.push(title),
            _ => {
                let Some((line, first)) = titles.into_iter().next() else {
                    return Ok(Err(vec![problem(1, None, tr!("ledger-import-empty"))]));
                };
                return Ok(Err(vec![problem(
                    line,
                    None,
                    tr!(
                        "ledger-import-no-header",
                        columns = first.iter().collect::<Vec<_>>().join(", "),
                    ),
                )]));
            }
        }
    };
    let column = |names: &[&str]| column(&header, names);
    let (kind_column, reason_column) = (column(KIND), column(REASON));

    let mut new = Vec::new();
    let mut already = 0;
    let mut seen: HashMap<(Kind, String), u64> = HashMap::new();
    for (line, row) in rows {
        let get = |i: Option<usize>| i.and_then(|i| row.get(i)).map_or("", str::trim);
        let kind = match get(kind_column) {
            "" | "task" => Kind::Task,
            "quarter" => Kind::Quarter,
            "plan" => Kind::Plan,
            other => {
                problems.push(problem(
                    line,
                    Some("kind"),
                    tr!("ledger-import-bad-kind", kind = other),
                ));
                continue;
            }
        };
        let mut id = get(Some(id_column)).to_string();
        if id.is_empty() {
            problems.push(problem(line, Some("id"), tr!("ledger-import-empty-id")));
            continue;
        }
        if let Some(message) = crate::ingest::excel_scientific(&id, "task id") {
            problems.push(problem(line, Some("id"), message));
            continue;
        }
        let published_on = match crate::dates::parse_date(get(Some(date_column))) {
            Ok(day) => day,
            Err(message) => {
                problems.push(problem(line, Some("published_on"), message));
                continue;
            }
        };
        if published_on > today {
            problems.push(problem(
                line,
                Some("published_on"),
                tr!(
                    "ledger-import-after-today",
                    published_on = published_on,
                    today = today,
                ),
            ));
            continue;
        }
        if published_on.year() < crate::ingest::EARLIEST_YEAR {
            problems.push(problem(
                line,
                Some("published_on"),
                tr!(
                    "ledger-import-before-earliest",
                    published_on = published_on,
                    year = crate::ingest::EARLIEST_YEAR.to_string(),
                ),
            ));
            continue;
        }
        match kind {
            // A year's inspection plan: the id is the year; it may go up before the year begins.
            Kind::Plan => match super::plan_year(&id) {
                Some(year) => id = year.to_string(),
                None => {
                    problems.push(problem(
                        line,
                        Some("id"),
                        tr!("ledger-bad-plan-year", id = &id),
                    ));
                    continue;
                }
            },
            Kind::Quarter => match id.parse::<Quarter>() {
                Ok(quarter) => {
                    id = quarter.to_string();
                    if !quarters.contains(&quarter) {
                        problems.push(problem(
                            line,
                            Some("id"),
                            tr!(
                                "ledger-import-quarter-no-task",
                                quarter = quarter.to_string()
                            ),
                        ));
                        continue;
                    }
                    if published_on <= quarter.last_day() {
                        problems.push(problem(
                            line,
                            Some("published_on"),
                            tr!(
                                "ledger-import-before-quarter-end",
                                published_on = published_on,
                                quarter = quarter.to_string(),
                            ),
                        ));
                        continue;
                    }
                }
                Err(message) => {
                    problems.push(problem(line, Some("id"), message));
                    continue;
                }
            },
            _ => match ends.get(id.as_str()) {
                // A bare id the ledger has already (published when its task had one object):
                // the row is checked against the ledger below.
                None if objects.contains_key(id.as_str())
                    && ledger.get(Kind::Task, &id).is_some() => {}
                None if objects.contains_key(id.as_str()) => {
                    let ids = &objects[id.as_str()];
                    problems.push(problem(
                        line,
                        Some("id"),
                        tr!(
                            "ledger-import-several-objects",
                            id = &id,
                            count = ids.len(),
                            examples = ids.iter().take(3).copied().collect::<Vec<_>>().join(", "),
                        ),
                    ));
                    continue;
                }
                None => {
                    problems.push(problem(
                        line,
                        Some("id"),
                        tr!("ledger-import-not-in-exports", id = &id),
                    ));
                    continue;
                }
                Some((Some(end), _)) if published_on < *end => {
                    problems.push(problem(
                        line,
                        Some("published_on"),
                        tr!(
                            "ledger-import-before-end",
                            published_on = published_on,
                            end = end,
                        ),
                    ));
                    continue;
                }
                Some((None, _)) => {
                    problems.push(problem(
                        line,
                        Some("id"),
                        tr!("ledger-import-in-progress", id = &id),
                    ));
                    continue;
                }
                Some((Some(_), false)) => {
                    problems.push(problem(
                        line,
                        Some("id"),
                        tr!("ledger-import-no-result", id = &id),
                    ));
                    continue;
                }
                Some((Some(_), true)) => {}
            },
        }
        if let Some(first) = seen.insert((kind, id.clone()), line) {
            problems.push(problem(
                line,
                Some("id"),
                tr!(
                    "ledger-import-duplicate",
                    kind = kind.as_str(),
                    id = &id,
                    first = first,
                ),
            ));
            continue;
        }
        match ledger.get(kind, &id) {
            Some(entry) if entry.published_on == published_on => already += 1,
            Some(entry) => problems.push(problem(
                line,
                Some("published_on"),
                tr!(
                    "ledger-import-already-recorded",
                    ledger = LEDGER_FILE,
                    kind = kind.as_str(),
                    id = &id,
                    recorded = entry.published_on,
                    published_on = published_on,
                ),
            )),
            None => new.push(Entry {
                kind,
                id,
                published_on,
                late_reason: get(reason_column).to_string(),
                digest: String::new(),
            }),
        }
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    ledger.append(&new)?;
    Ok(Ok(Imported {
        added: new.len(),
        already,
    }))
}
