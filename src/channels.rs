//! The days results were published on the other channels (公示渠道) a site declares with
//! `[[channel]] file = ...`: a CSV the web team keeps, one row per result published there.
//! Channels read from a column of the exports come with the rows instead (see `ingest`).

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use chrono::NaiveDate;

use crate::config::Config;
use crate::ingest::{ChannelCell, CsvRows, clean, decode};
use crate::model::Problem;

/// Column names of a channel file, each with the names a team may give it.
const ID: &[&str] = &["id", "task_id", "任务编号", "编号"];
const PUBLISHED_ON: &[&str] = &["published_on", "公示日期", "发布日期", "公开日期"];
const LATE_REASON: &[&str] = &["late_reason", "逾期原因", "延期原因", "说明"];

/// One channel file, read.
#[derive(Debug, Default)]
pub struct ChannelFile {
    /// Site-relative path, as in `gongshi.toml`.
    pub file: Arc<str>,
    /// By result id (or task id), the day published and the line it is on.
    pub dates: HashMap<String, (ChannelCell, u64)>,
    /// Rows that cannot be right, and a file that cannot be read: the dates they would give
    /// count as not published.
    pub errors: Vec<Problem>,
    pub warnings: Vec<Problem>,
}

/// Every channel's file, by the channel's place in `[[channel]]` (`None` for a channel read
/// from a column).
pub fn load(site: &Path, config: &Config, as_of: NaiveDate) -> Vec<Option<ChannelFile>> {
    config
        .channels
        .iter()
        .map(|channel| {
            let file = channel.file.as_deref()?;
            Some(read(site, file, &channel.name, as_of))
        })
        .collect()
}

fn read(site: &Path, file: &str, name: &str, as_of: NaiveDate) -> ChannelFile {
    let mut read = ChannelFile {
        file: file.into(),
        ..ChannelFile::default()
    };
    let whole = |message: String| Problem::in_file(file, message);
    let bytes = match std::fs::read(site.join(file)) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            read.errors
                .push(whole(crate::tr!("channel-file-missing", name = name)));
            return read;
        }
        Err(e) => {
            read.errors.push(whole(crate::tr!(
                "channel-file-unreadable",
                error = e.to_string()
            )));
            return read;
        }
    };
    let text = match decode(&bytes) {
        Ok((text, _)) => text,
        Err(message) => {
            read.errors.push(whole(message));
            return read;
        }
    };
    let mut rows = CsvRows::new(&text, b',');
    let mut columns: Option<[Option<usize>; 3]> = None;
    while let Some(next) = rows.next_row() {
        let line = match next {
            Ok(line) => line,
            Err((line, message)) => {
                read.errors.push(Problem::at(file, line, None, message));
                continue;
            }
        };
        let record = rows.record();
        if record.iter().all(|cell| cell.trim().is_empty()) {
            continue;
        }
        let Some([id, published_on, late_reason]) = columns else {
            let find = |names: &[&str]| {
                record.iter().position(|cell| {
                    let cell = cell.trim().trim_start_matches('\u{feff}').to_lowercase();
                    names.contains(&cell.as_str())
                })
            };
            let found = [find(ID), find(PUBLISHED_ON), find(LATE_REASON)];
            if found[0].is_none() || found[1].is_none() {
                read.errors
                    .push(Problem::at(file, line, None, crate::tr!("channel-header")));
                return read;
            }
            columns = Some(found);
            continue;
        };
        let cell = |i: Option<usize>| i.and_then(|i| record.get(i)).map_or("".into(), clean);
        let task = cell(id).into_owned();
        let day = cell(published_on);
        let problem = |field: &str, message: String| Problem::at(file, line, Some(field), message);
        if task.is_empty() {
            read.errors
                .push(problem("id", crate::tr!("channel-id-empty")));
            continue;
        }
        let published_on = match crate::dates::parse_date(&day) {
            Ok(day) => {
                if day > as_of {
                    // As the ledger's: an as-of date in the past sees later records.
                    read.warnings.push(problem(
                        "published_on",
                        crate::tr!(
                            "channel-after-as-of",
                            day = day.to_string(),
                            as_of = as_of.to_string()
                        ),
                    ));
                }
                day
            }
            // Listed, and not published there yet.
            Err(_) if day.is_empty() => continue,
            Err(message) => {
                read.errors.push(problem(
                    "published_on",
                    crate::tr!(
                        "channel-date",
                        message = message,
                        formats = crate::tr!("ingest-date-formats")
                    ),
                ));
                continue;
            }
        };
        let entry = (
            ChannelCell {
                published_on: Some(published_on),
                late_reason: cell(late_reason).into_owned(),
            },
            line,
        );
        if let Some((_, first)) = read.dates.get(&task) {
            read.errors.push(problem(
                "id",
                crate::tr!("channel-twice", task = &task, first = *first),
            ));
            continue;
        }
        read.dates.insert(task, entry);
    }
    read
}
