//! Reading the task ledgers (台账) exported by the platforms: encodings, header aliases, dates,
//! and the checks that decide whether a row can be trusted.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::error::{Error, Result};
use crate::model::{IngestPart, Problem, Record, Text};
use crate::tr;
use crate::url::task_slug;

mod cfb;
mod columns;
mod decode;
mod record;
mod table;

pub use columns::ColumnNames;
pub use columns::Field;
pub(crate) use columns::{Columns, missing_column};
pub use decode::decode;
pub(crate) use decode::reads_as_utf8;
pub(crate) use record::{
    EARLIEST_YEAR, Interner, Place, RowContext, clean, excel_scientific, is_personal_code, read_row,
};
pub(crate) use table::{CsvRows, rows_of};
pub use table::{Excerpt, excerpt, excerpt_of_text, is_workbook_reader_panic};

/// One data row as read, whether or not it could be trusted.
#[derive(Debug, Clone)]
pub struct Row {
    /// Site-relative path, with `/` (shared by every row of the file).
    pub file: std::sync::Arc<str>,
    /// The sheet, in a workbook (`line` is then the row's number in it).
    pub sheet: Option<std::sync::Arc<str>>,
    /// Line in the file where the row starts (1-based, header included).
    pub line: u64,
    /// The task id as written (trimmed), empty if missing.
    pub task_id: String,
    /// What the row is about (see [`Record::object`]), even when it was rejected: to tell the
    /// objects of one task apart.
    pub object: Option<Text>,
    /// `None` when the row was rejected; its errors say why. Shared from here on, never
    /// copied: a province holds millions.
    pub record: Option<std::sync::Arc<Record>>,
    pub errors: Vec<Problem>,
    /// For each channel read from a column of the exports (see [`Settings::channel_columns`]),
    /// what the row says of it. Kept apart from the record: a day published elsewhere is not
    /// part of the result, and a wrong one does not hold the result back.
    pub channels: Vec<ChannelCell>,
    /// Dates in those columns that cannot be right.
    pub channel_errors: Vec<Problem>,
}

/// What a row says of a channel: the day its result was published there, and why it was late.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChannelCell {
    pub published_on: Option<NaiveDate>,
    pub late_reason: String,
}

/// A channel whose dates are a column of the exports.
#[derive(Debug, Clone)]
pub struct ChannelColumn {
    /// Its place in `[[channel]]`, and its id.
    pub channel: usize,
    pub id: String,
    pub name: String,
    /// The column's names, as compared.
    date_keys: Vec<String>,
    reason_keys: Vec<String>,
}

/// Everything read from `data/tasks/`.
#[derive(Debug, Default)]
pub struct Tasks {
    pub rows: Vec<Row>,
    /// Files under `data/tasks/` that are not task ledgers gongshi reads (an `.xlsx`, say):
    /// never left out silently.
    pub unread: Vec<Problem>,
    pub warnings: Vec<Problem>,
    pub notes: Vec<String>,
}

impl Tasks {
    /// The rows, and ingest's part of the report.
    pub fn into_parts(self) -> (Vec<Row>, IngestPart) {
        let Tasks {
            rows,
            unread,
            warnings,
            notes,
        } = self;
        (
            rows,
            IngestPart {
                unread,
                warnings,
                notes,
            },
        )
    }
}

/// Files that systems leave in folders by themselves.
fn system_file(name: &str) -> bool {
    name.starts_with('.')
        || name.eq_ignore_ascii_case("thumbs.db")
        || name.eq_ignore_ascii_case("desktop.ini")
}

/// Why a file under `data/tasks/` is not read, and what to do about it.
fn unread_reason(name: &str) -> String {
    let extension = Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    if name.starts_with("~$") {
        tr!("ingest-unread-lock-file")
    } else if extension == "et" {
        tr!("ingest-unread-wps")
    } else if matches!(extension.as_str(), "txt" | "tsv") {
        tr!("ingest-unread-text")
    } else {
        tr!("ingest-unread-other")
    }
}

/// Refuses a folder that is not a site before anything is read or written in it: one that
/// does not exist, or has no task ledger under `data/tasks/`.
pub fn check_site(site: &Path) -> Result<()> {
    let shown = site.display();
    if !site.exists() {
        return Err(Error::Usage(tr!("ingest-site-missing", site = shown)));
    }
    if !site.is_dir() {
        return Err(Error::Usage(tr!("ingest-site-is-file", site = shown)));
    }
    let dir = site.join("data").join("tasks");
    let mut found_csv = false;
    let mut other: Vec<(String, String)> = Vec::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !system_file(&e.file_name().to_string_lossy()))
            .flatten()
        {
            if !entry.file_type().is_file() {
                continue;
            }
            if is_ledger(entry.path()) {
                found_csv = true;
                break;
            }
            other.push((
                crate::site_relative(site, entry.path()),
                entry.file_name().to_string_lossy().into_owned(),
            ));
        }
    }
    if found_csv {
        return Ok(());
    }
    let mut hints = Vec::new();
    if dir.is_dir() {
        hints.push(tr!("ingest-site-no-ledger"));
    } else {
        hints.push(tr!("ingest-site-no-tasks-folder"));
    }
    for (file, name) in other.iter().take(5) {
        hints.push(tr!(
            "ingest-site-found",
            file = file,
            reason = unread_reason(name)
        ));
    }
    // An export put in data/ rather than data/tasks/.
    if let Ok(entries) = std::fs::read_dir(site.join("data")) {
        let mut misplaced: Vec<String> = entries
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|name| {
                name != "published.csv" && !system_file(name) && is_ledger(Path::new(name))
            })
            .collect();
        misplaced.sort();
        for name in misplaced {
            hints.push(tr!("ingest-site-misplaced", name = name));
        }
    }
    Err(Error::NotASite {
        site: site.to_path_buf(),
        details: hints.join("\n  "),
    })
}

/// Whether gongshi reads the file as a task ledger: a CSV or a workbook (not Excel's lock file).
fn is_ledger(path: &Path) -> bool {
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy())
        .unwrap_or_default();
    !name.starts_with("~$") && table::FileKind::of(&name).is_some()
}

/// Reads every task ledger under `data/tasks/` (CSV files and workbooks), in path order.
pub fn read_tasks(site: &Path, as_of: NaiveDate, settings: &Settings) -> Result<Tasks> {
    let dir = site.join("data").join("tasks");
    let mut files: Vec<PathBuf> = Vec::new();
    let mut unread = Vec::new();
    if dir.is_dir() {
        for entry in walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_entry(|e| e.depth() == 0 || !system_file(&e.file_name().to_string_lossy()))
        {
            let entry = entry.map_err(|e| {
                let path = e.path().map_or_else(|| dir.clone(), Path::to_path_buf);
                Error::io(
                    path,
                    e.into_io_error()
                        .unwrap_or_else(|| std::io::Error::other("walk failed")),
                )
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            if is_ledger(entry.path()) {
                files.push(entry.into_path());
            } else {
                let name = entry.file_name().to_string_lossy().into_owned();
                unread.push(Problem::in_file(
                    &crate::site_relative(site, entry.path()),
                    unread_reason(&name),
                ));
            }
        }
    }
    // Files are read in parallel, then put together in path order, so that the rows, the
    // problems and the first fatal error are those of reading them one by one.
    use rayon::prelude::*;
    type UnknownColumns = BTreeMap<String, BTreeSet<String>>;
    let read: Vec<Result<(Tasks, UnknownColumns)>> = files
        .par_iter()
        .map(|path| {
            let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
            let shown = crate::site_relative(site, path);
            let mut tasks = Tasks::default();
            let mut unknown_columns = BTreeMap::new();
            read_file(
                &shown,
                &bytes,
                as_of,
                settings,
                &mut tasks,
                &mut unknown_columns,
            )?;
            Ok((tasks, unknown_columns))
        })
        .collect();
    let mut tasks = Tasks {
        unread,
        ..Tasks::default()
    };
    let mut unknown_columns = UnknownColumns::new();
    for result in read {
        let (file_tasks, file_unknown) = result?;
        tasks.rows.extend(file_tasks.rows);
        tasks.unread.extend(file_tasks.unread);
        tasks.warnings.extend(file_tasks.warnings);
        tasks.notes.extend(file_tasks.notes);
        for (column, files) in file_unknown {
            unknown_columns.entry(column).or_default().extend(files);
        }
    }
    tasks.unread.sort_by(|a, b| a.file.cmp(&b.file));
    if files.is_empty() {
        tasks.notes.push(tr!("ingest-no-ledgers"));
    }
    for (column, files) in unknown_columns {
        let files: Vec<String> = files.into_iter().collect();
        tasks.notes.push(tr!(
            "ingest-unknown-column",
            column = column,
            files = files.join(&tr!("ingest-list-separator"))
        ));
    }
    identify(&mut tasks.rows);
    tasks.warnings.extend(unclassified_results(&tasks.rows));
    Ok(tasks)
}

/// Reads one task ledger's bytes as `read_tasks` does with the default settings (for fuzzing
/// and tools).
pub fn read_bytes(file: &str, bytes: &[u8], as_of: NaiveDate) -> Result<Tasks> {
    let mut tasks = Tasks::default();
    read_file(
        file,
        bytes,
        as_of,
        &Settings::default(),
        &mut tasks,
        &mut BTreeMap::new(),
    )?;
    identify(&mut tasks.rows);
    Ok(tasks)
}

/// Result words in no class, each once with how many records carry it.
fn unclassified_results(rows: &[Row]) -> Vec<Problem> {
    let mut counts: BTreeMap<&str, (usize, &Row)> = BTreeMap::new();
    for row in rows {
        if let Some(record) = &row.record
            && record.class == crate::model::ResultClass::Unclassified
        {
            counts.entry(&record.result).or_insert((0, row)).0 += 1;
        }
    }
    counts
        .into_iter()
        .map(|(word, (count, row))| {
            Problem::in_file(
                &row.file,
                tr!(
                    "ingest-unclassified-result",
                    word = word,
                    count = count,
                    line = row.line
                ),
            )
        })
        .collect()
}

/// How a site's exports are read: its own column names, fill-down columns and result words
/// (`[columns]`, `[input]` and `[results]` in `gongshi.toml`).
#[derive(Debug, Default, Clone)]
pub struct Settings {
    pub columns: ColumnNames,
    /// Headers (as compared) and fields whose empty CSV cells take the value above.
    fill_down: Vec<FillDown>,
    pub results: crate::result_class::Classifier,
    /// Channels read from a column of the exports, in `[[channel]]` order.
    pub channel_columns: Vec<ChannelColumn>,
}

#[derive(Debug, Clone)]
enum FillDown {
    Header(String),
    Field(Field),
}

impl Settings {
    pub fn from_config(config: &crate::config::Config) -> Result<Settings> {
        let fail = |message: String| Error::config(crate::config::CONFIG_FILE, message);
        let columns = ColumnNames::from_config(&config.columns).map_err(fail)?;
        let results = crate::result_class::Classifier::new(&config.results).map_err(fail)?;
        let mut fill_down = Vec::new();
        for name in &config.input.fill_down {
            if name.trim().is_empty() {
                return Err(fail(tr!("ingest-fill-down-empty")));
            }
            fill_down.push(match Field::ALL.into_iter().find(|f| f.key() == name) {
                Some(field) => FillDown::Field(field),
                None => FillDown::Header(columns::normalize_header(name)),
            });
        }
        let mut channel_columns = Vec::new();
        for (i, channel) in config.channels.iter().enumerate() {
            let Some(date_column) = &channel.date_column else {
                continue;
            };
            let reasons: Vec<&str> = channel
                .late_reason_column
                .iter()
                .flat_map(|n| n.iter())
                .collect();
            for name in date_column.iter().chain(reasons.iter().copied()) {
                if let Some(field) = columns
                    .field(name)
                    .or_else(|| Field::from_header(name).map(|(f, _)| f))
                {
                    return Err(fail(tr!(
                        "ingest-channel-column-is-field",
                        channel = &channel.id,
                        name = name,
                        label = field.label(),
                        key = field.key(),
                        channel_name = &channel.name
                    )));
                }
            }
            channel_columns.push(ChannelColumn {
                channel: i,
                id: channel.id.clone(),
                name: channel.name.clone(),
                date_keys: date_column
                    .iter()
                    .map(columns::normalize_header)
                    .filter(|k| !k.is_empty())
                    .collect(),
                reason_keys: reasons.into_iter().map(columns::normalize_header).collect(),
            });
        }
        Ok(Settings {
            columns,
            fill_down,
            results,
            channel_columns,
        })
    }

    /// Whether a header is one of the channels' columns (so not an unknown one).
    fn is_channel_column(&self, header: &str) -> bool {
        let key = columns::normalize_header(header);
        self.channel_columns
            .iter()
            .any(|c| c.date_keys.contains(&key) || c.reason_keys.contains(&key))
    }

    /// Reads what a row says of each channel read from a column into `row`, with the dates
    /// that cannot be right.
    fn read_channels(
        &self,
        columns: &Columns,
        record: &csv::StringRecord,
        place: &Place,
        as_of: NaiveDate,
        row: &mut Row,
        warnings: &mut Vec<Problem>,
    ) {
        let end = row.record.as_ref().and_then(|r| r.end);
        let errors = &mut row.channel_errors;
        // The first of a channel's names the header has.
        let cell = |keys: &[String]| {
            let i = columns.keys.iter().position(|k| keys.contains(k))?;
            Some((i, clean(record.get(i).unwrap_or(""))))
        };
        row.channels = self
            .channel_columns
            .iter()
            .map(|channel| {
                let late_reason = cell(&channel.reason_keys)
                    .map(|(_, text)| text.into_owned())
                    .unwrap_or_default();
                let Some((i, text)) = cell(&channel.date_keys).filter(|(_, t)| !t.is_empty())
                else {
                    return ChannelCell {
                        published_on: None,
                        late_reason,
                    };
                };
                let wrong = match crate::dates::parse_date(&text) {
                    Err(message) => Err(tr!(
                        "ingest-date-expected",
                        message = message,
                        formats = tr!("ingest-date-formats")
                    )),
                    Ok(day) if end.is_some_and(|end| day < end) => Err(tr!(
                        "ingest-channel-before-end",
                        day = day,
                        end = end.unwrap_or(day)
                    )),
                    Ok(day) if day.year() < EARLIEST_YEAR => Err(tr!(
                        "ingest-before-earliest",
                        day = day,
                        year = EARLIEST_YEAR
                    )),
                    Ok(day) => Ok(day),
                };
                let published_on = match wrong {
                    Ok(day) => {
                        if day > as_of {
                            // As the ledger's: an as-of date in the past sees later records.
                            warnings.push(Problem {
                                channel: Some(channel.id.clone()),
                                ..place.problem(
                                    None,
                                    Some(i),
                                    tr!(
                                        "ingest-channel-after-as-of",
                                        column = columns.header_name(i),
                                        day = day,
                                        as_of = as_of
                                    ),
                                )
                            });
                        }
                        Some(day)
                    }
                    Err(message) => {
                        let mut problem = Problem::at(
                            &place.file,
                            place.line,
                            Some(columns.header_name(i)),
                            tr!(
                                "ingest-channel-date-wrong",
                                message = message,
                                channel = &channel.name
                            ),
                        );
                        problem.channel = Some(channel.id.clone());
                        if let Some(sheet) = &place.sheet {
                            problem.sheet = Some(sheet.to_string());
                            problem.column = Some(table::column_letters(i));
                        }
                        errors.push(problem);
                        None
                    }
                };
                ChannelCell {
                    published_on,
                    late_reason,
                }
            })
            .collect();
    }

    /// The columns of a table to fill down.
    fn fill_down_columns(&self, columns: &Columns) -> Vec<usize> {
        let mut positions: Vec<usize> = self
            .fill_down
            .iter()
            .filter_map(|fill| match fill {
                FillDown::Field(field) => columns.position(*field),
                FillDown::Header(header) => columns.keys.iter().position(|k| k == header),
            })
            .collect();
        positions.sort_unstable();
        positions.dedup();
        positions
    }
}

/// Words that begin a totals row under a table (合计 …).
const TOTALS_WORDS: &[&str] = &["合计", "总计", "小计", "共计", "累计"];
/// Words that begin a notes line under a table (填表人：王晓明).
const NOTES_WORDS: &[&str] = &[
    "填表人",
    "填报人",
    "制表人",
    "制表日期",
    "制表时间",
    "填表日期",
    "填报日期",
    "审核人",
    "审核：",
    "负责人",
    "单位负责人",
    "联系人",
    "联系电话",
    "备注：",
    "备注:",
    "说明：",
    "说明:",
    "注：",
    "注:",
    "数据来源",
    "导出时间",
    "导出日期",
    "打印时间",
    "打印日期",
];

/// Why a row under the header is not a record, if it is a totals or notes row: its task id is
/// empty (or the word itself, under a merged cell) and its first filled cell starts with such a
/// word. A row with a task id is never skipped.
fn summary_row(record: &csv::StringRecord, columns: &Columns) -> Option<&'static str> {
    let first = record.iter().map(str::trim).find(|cell| !cell.is_empty())?;
    let compact: String = first.chars().filter(|c| !c.is_whitespace()).collect();
    let kind = if TOTALS_WORDS.iter().any(|w| compact.starts_with(w)) {
        "totals"
    } else if NOTES_WORDS.iter().any(|w| compact.starts_with(w)) {
        "notes"
    } else {
        return None;
    };
    let id = columns
        .position(Field::TaskId)
        .and_then(|i| record.get(i))
        .map_or("", str::trim);
    (id.is_empty() || id == first).then_some(kind)
}

/// How a table was read: what a file's notes say about it.
#[derive(Default)]
struct TableOutcome {
    header_found: bool,
    blank_rows: u64,
    title_lines: Vec<u64>,
    repeated_headers: Vec<u64>,
    skipped: Vec<(u64, &'static str)>,
    unnamed_with_values: bool,
    /// The line of the header's second row, when it has one.
    second_header: Option<u64>,
    /// Why the table cannot be read (a sheet whose header has no end dates), if so.
    unusable: Option<String>,
    /// Rows that look like data in a table that cannot be read.
    rows_not_read: u64,
    /// Rows taken for titles that have two filled cells or more.
    title_data_like: u64,
    /// Rows whose empty task id sits right under a row with one (merged cells saved as CSV).
    merged_leftovers: Vec<u64>,
    filled: u64,
}

fn read_file(
    file: &str,
    bytes: &[u8],
    as_of: NaiveDate,
    settings: &Settings,
    tasks: &mut Tasks,
    unknown_columns: &mut BTreeMap<String, BTreeSet<String>>,
) -> Result<()> {
    let context = &RowContext {
        as_of,
        results: &settings.results,
    };
    let opened = match table::open(file, bytes) {
        Ok(opened) => opened,
        // A damaged workbook is named, and everything else is still published.
        Err(table::OpenError::Unreadable(message)) => {
            tasks.unread.push(Problem::in_file(file, message));
            return Ok(());
        }
        Err(table::OpenError::Fatal(error)) => return Err(error),
    };
    if let Some(note) = opened.warning {
        tasks.warnings.push(Problem::in_file(file, note));
    }
    let shared_name: std::sync::Arc<str> = file.into();
    let mut texts = Interner::default();
    let mut without_header = Vec::new();
    let mut any_header = false;
    for table in &opened.tables {
        let outcome = read_table(
            &shared_name,
            table,
            context,
            settings,
            tasks,
            unknown_columns,
            &mut texts,
        )?;
        let name = match &table.sheet {
            Some(sheet) => tr!("ingest-file-sheet", file = file, sheet = sheet.as_ref()),
            None => file.to_string(),
        };
        if let (Some(sheet), Some(reason)) = (&table.sheet, &outcome.unusable) {
            tasks.unread.push(Problem {
                sheet: Some(sheet.to_string()),
                ..Problem::in_file(
                    file,
                    tr!(
                        "ingest-sheet-unusable",
                        reason = reason,
                        count = outcome.rows_not_read
                    ),
                )
            });
            any_header = true;
            continue;
        }
        if !outcome.header_found {
            match &table.sheet {
                Some(sheet) if outcome.rows_not_read > 0 => tasks.unread.push(Problem {
                    sheet: Some(sheet.to_string()),
                    ..Problem::in_file(
                        file,
                        tr!(
                            "ingest-sheet-no-header",
                            field = Field::TaskId.label(),
                            count = outcome.rows_not_read
                        ),
                    )
                }),
                Some(sheet) => without_header.push(sheet.to_string()),
                None => return Err(missing_column(file, 1, Field::TaskId)),
            }
            continue;
        }
        any_header = true;
        if let Some(line) = outcome.second_header {
            tasks.notes.push(tr!(
                "ingest-second-header",
                name = &name,
                unit = if table.sheet.is_some() {
                    tr!("ingest-unit-row")
                } else {
                    tr!("ingest-unit-line")
                },
                line = line
            ));
        }
        let rows = if table.sheet.is_some() {
            tr!("ingest-units-row")
        } else {
            tr!("ingest-units-line")
        };
        let list = |lines: &[u64]| {
            let separator = tr!("ingest-list-separator");
            let shown: Vec<String> = lines.iter().take(20).map(u64::to_string).collect();
            let more = if lines.len() > 20 {
                format!("{separator}...")
            } else {
                String::new()
            };
            format!("{}{more}", shown.join(&separator))
        };
        if !outcome.repeated_headers.is_empty() {
            tasks.notes.push(tr!(
                "ingest-repeated-headers",
                name = &name,
                units = &rows,
                lines = list(&outcome.repeated_headers)
            ));
        }
        if outcome.unnamed_with_values {
            tasks
                .warnings
                .push(Problem::in_file(file, tr!("ingest-unnamed-values")));
        }
        if !outcome.title_lines.is_empty() {
            tasks.notes.push(tr!(
                "ingest-title-skipped",
                name = &name,
                units = &rows,
                lines = list(&outcome.title_lines)
            ));
        }
        for (line, kind) in &outcome.skipped {
            tasks.notes.push(match *kind {
                "totals" => tr!(
                    "ingest-skipped-totals",
                    name = &name,
                    units = &rows,
                    line = *line
                ),
                _ => tr!(
                    "ingest-skipped-notes",
                    name = &name,
                    units = &rows,
                    line = *line
                ),
            });
        }
        if outcome.blank_rows > 0 {
            tasks.notes.push(tr!(
                "ingest-blank-rows",
                name = &name,
                count = outcome.blank_rows
            ));
        }
        if outcome.filled > 0 {
            tasks
                .notes
                .push(tr!("ingest-filled", name = &name, count = outcome.filled));
        }
        // One empty id under another row is as likely a plain omission.
        if outcome.merged_leftovers.len() >= 2 {
            let (what, remedy) = match (&table.sheet, table.merges_known) {
                (None, _) => (tr!("ingest-merged-csv"), tr!("ingest-merged-csv-remedy")),
                (Some(_), true) => (
                    tr!("ingest-merged-split"),
                    tr!("ingest-merged-split-remedy"),
                ),
                (Some(_), false) => (
                    tr!("ingest-merged-unseen"),
                    tr!("ingest-merged-unseen-remedy"),
                ),
            };
            let mut problem = Problem::in_file(
                file,
                tr!(
                    "ingest-merged-leftovers",
                    count = outcome.merged_leftovers.len(),
                    units = &rows,
                    lines = list(&outcome.merged_leftovers),
                    field = Field::TaskId.label(),
                    what = what,
                    remedy = remedy
                ),
            );
            problem.sheet = table.sheet.as_deref().map(str::to_string);
            tasks.warnings.push(problem);
        }
    }
    let workbook = opened.tables.iter().any(|t| t.sheet.is_some()) || opened.tables.is_empty();
    if !any_header && !workbook {
        return Err(missing_column(file, 1, Field::TaskId));
    }
    if !any_header && !tasks.unread.iter().any(|p| p.file == file) {
        // A workbook with no table in it: named, and the rest of the site still built.
        tasks.unread.push(Problem::in_file(
            file,
            tr!(
                "ingest-no-sheet-header",
                field = Field::TaskId.label(),
                aliases = Field::TaskId.aliases().join(&tr!("ingest-list-separator"))
            ),
        ));
        return Ok(());
    }
    if !without_header.is_empty() {
        tasks.notes.push(tr!(
            "ingest-sheets-without-header",
            file = file,
            sheets = without_header.join(&tr!("ingest-list-separator")),
            field = Field::TaskId.label()
        ));
    }
    Ok(())
}

fn read_table(
    file: &std::sync::Arc<str>,
    table: &table::Table,
    context: &RowContext<'_>,
    settings: &Settings,
    tasks: &mut Tasks,
    unknown_columns: &mut BTreeMap<String, BTreeSet<String>>,
    texts: &mut Interner,
) -> Result<TableOutcome> {
    let mut outcome = TableOutcome::default();
    let mut columns: Option<Columns> = None;
    // The header found, until the row below says whether it is the header's second row.
    let mut pending: Option<(u64, csv::StringRecord)> = None;
    // The rows of a header over two, as compared.
    let mut header_rows: Vec<Vec<String>> = Vec::new();
    let mut fill_down: Vec<usize> = Vec::new();
    let mut above: Vec<String> = Vec::new();
    let mut filled_record = csv::StringRecord::new();
    let mut sized_record = csv::StringRecord::new();
    // Whether the row before had a task id (to spot merged cells saved as CSV).
    let mut id_above = false;
    let is_sheet = table.sheet.is_some();
    let first_row = tasks.rows.len();
    let mut accept = |line: u64,
                      header: &csv::StringRecord,
                      outcome: &mut TableOutcome,
                      tasks: &mut Tasks|
     -> Result<Option<Columns>> {
        let place = Place {
            file: file.clone(),
            sheet: table.sheet.clone(),
            line,
        };
        let mut candidate = Columns::from_header(header, &settings.columns);
        candidate
            .unknown
            .retain(|(name, _)| !settings.is_channel_column(name));
        if !candidate.index.contains_key(&Field::End) && !candidate.index.contains_key(&Field::Date)
        {
            let error = missing_column(file, line, Field::End);
            if !is_sheet {
                return Err(error);
            }
            // One sheet without end dates (a list of tasks, say) does not stop the others.
            outcome.unusable = Some(tr!(
                "ingest-header-no-end",
                line = line,
                field = Field::End.label(),
                aliases = Field::End.aliases().join(&tr!("ingest-list-separator"))
            ));
            return Ok(None);
        }
        for (name, _) in candidate.unknown.iter() {
            unknown_columns
                .entry(name.clone())
                .or_default()
                .insert(file.to_string());
        }
        for warning in &candidate.warnings {
            tasks
                .warnings
                .push(place.problem(None, None, warning.clone()));
        }
        for &(i, field) in &candidate.passed_over {
            let read = candidate.position(field).unwrap_or(i);
            tasks.notes.push(tr!(
                "ingest-column-passed-over",
                place = place.problem(None, None, "").location(),
                column = candidate.header_name(i),
                field = field.label(),
                read = candidate.header_name(read)
            ));
        }
        for (name, i, field) in candidate.lookalikes() {
            tasks.warnings.push(place.problem(
                None,
                Some(i),
                tr!(
                    "ingest-lookalike",
                    name = name,
                    label = field.label(),
                    key = field.key()
                ),
            ));
        }
        for channel in &settings.channel_columns {
            if !candidate.keys.iter().any(|k| channel.date_keys.contains(k)) {
                tasks.warnings.push(place.problem(
                    None,
                    None,
                    tr!(
                        "ingest-channel-no-column",
                        columns = channel.date_keys.join(&tr!("ingest-quoted-or")),
                        channel = &channel.name
                    ),
                ));
            }
        }
        outcome.header_found = true;
        Ok(Some(candidate))
    };
    table.for_each_row(file, |line, record| {
        let place = Place {
            file: file.clone(),
            sheet: table.sheet.clone(),
            line,
        };
        if outcome.unusable.is_some() {
            if record.iter().any(|f| !f.trim().is_empty()) {
                outcome.rows_not_read += 1;
            }
            return Ok(());
        }
        if record.iter().all(|f| f.trim().is_empty()) {
            outcome.blank_rows += 1;
            id_above = false;
            above.clear();
            return Ok(());
        }
        if let Some((header_line, header)) = pending.take() {
            let upper = Columns::from_header(&header, &settings.columns);
            let combined = upper.second_header_row(record, &settings.columns);
            let upper_row = header.clone();
            let second = combined.is_some();
            let header = combined.unwrap_or(header);
            columns = accept(header_line, &header, &mut outcome, tasks)?;
            fill_down = columns
                .as_ref()
                .map(|c| settings.fill_down_columns(c))
                .unwrap_or_default();
            if second {
                outcome.second_header = Some(line);
                // Either row, repeated further down (files pasted together), is a header.
                header_rows = [upper_row, record.clone()]
                    .iter()
                    .map(|row| row.iter().map(columns::normalize_header).collect())
                    .collect();
                return Ok(());
            }
            if columns.is_none() {
                outcome.rows_not_read += 1;
                return Ok(());
            }
        }
        let Some(columns) = &columns else {
            let candidate = Columns::from_header(record, &settings.columns);
            if candidate.index.contains_key(&Field::TaskId) {
                pending = Some((line, record.clone()));
            } else if outcome.title_lines.len() < 5 {
                outcome.title_lines.push(line);
                if record.iter().filter(|f| !f.trim().is_empty()).count() >= 2 {
                    outcome.title_data_like += 1;
                }
            } else if !is_sheet {
                return Err(missing_column(file, outcome.title_lines[0], Field::TaskId));
            } else if record.iter().filter(|f| !f.trim().is_empty()).count() >= 2 {
                // A sheet without a header: its rows that look like data are counted.
                outcome.rows_not_read += 1;
            }
            return Ok(());
        };
        let repeats_a_header_row = |keys: &Vec<String>| {
            record.len() >= keys.len()
                && record.iter().enumerate().all(|(i, cell)| {
                    keys.get(i).map_or("", String::as_str) == columns::normalize_header(cell)
                })
        };
        if columns.is_header(record) || header_rows.iter().any(repeats_a_header_row) {
            outcome.repeated_headers.push(line);
            id_above = false;
            above.clear();
            return Ok(());
        }
        if let Some(kind) = summary_row(record, columns) {
            outcome.skipped.push((line, kind));
            id_above = false;
            above.clear();
            return Ok(());
        }
        if columns
            .unnamed
            .iter()
            .any(|&i| record.get(i).is_some_and(|v| !v.trim().is_empty()))
        {
            outcome.unnamed_with_values = true;
        }
        let mut record = record;
        // A sheet has no delimiters to miss: its rows are as wide as the header, and a value
        // right of the header is in a column with no name.
        if is_sheet && record.len() != columns.width {
            if record
                .iter()
                .skip(columns.width)
                .any(|v| !v.trim().is_empty())
            {
                outcome.unnamed_with_values = true;
            }
            sized_record.clear();
            for i in 0..columns.width {
                sized_record.push_field(record.get(i).unwrap_or(""));
            }
            record = &sized_record;
            if record.iter().all(|f| f.trim().is_empty()) {
                outcome.blank_rows += 1;
                id_above = false;
                above.clear();
                return Ok(());
            }
        }
        if !fill_down.is_empty() {
            above.resize(record.len().max(above.len()), String::new());
            filled_record.clear();
            for (i, cell) in record.iter().enumerate() {
                if cell.trim().is_empty()
                    && fill_down.binary_search(&i).is_ok()
                    && !above[i].is_empty()
                {
                    filled_record.push_field(&above[i]);
                    outcome.filled += 1;
                } else {
                    filled_record.push_field(cell);
                    if fill_down.binary_search(&i).is_ok() {
                        above[i] = cell.to_string();
                    }
                }
            }
            record = &filled_record;
        }
        let id_here = columns
            .position(Field::TaskId)
            .and_then(|i| record.get(i))
            .is_some_and(|id| !id.trim().is_empty());
        if !id_here && id_above {
            outcome.merged_leftovers.push(line);
        }
        id_above |= id_here;
        let mut row = read_row(&place, record, columns, context, &mut tasks.warnings, texts);
        if !settings.channel_columns.is_empty() {
            settings.read_channels(
                columns,
                record,
                &place,
                context.as_of,
                &mut row,
                &mut tasks.warnings,
            );
        }
        tasks.rows.push(row);
        Ok(())
    })?;
    // A header with no row under it.
    if let Some((line, header)) = pending.take() {
        accept(line, &header, &mut outcome, tasks)?;
    }
    if !outcome.header_found {
        // No header: the rows taken for titles count too, when they look like data.
        outcome.rows_not_read += outcome.title_data_like;
    }
    if outcome.merged_leftovers.len() >= 2 {
        for row in &mut tasks.rows[first_row..] {
            if outcome.merged_leftovers.binary_search(&row.line).is_err() {
                continue;
            }
            for error in &mut row.errors {
                if error.field.as_deref() == Some(Field::TaskId.label()) {
                    error.message.push_str(&tr!("ingest-merged-cell-hint"));
                }
            }
        }
    }
    Ok(outcome)
}

/// Gives each record its identity, and rejects rows that cannot be told apart.
///
/// A task with one object (检查对象), as provincial exports have, is known by its task id and
/// keeps the page `/tasks/<slug>/`. A task with several (a joint inspection on a city
/// platform) has one record per object: known as `task id/object` (the credit code, or the
/// name when there is none), on the page `/tasks/<slug>-<8 hex digits of the object>/`.
/// Rows with the same task and object are duplicates: each group is reported once, on its
/// first row, with all its lines (its other rows point there).
fn identify(rows: &mut [Row]) {
    let mut by_task: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if !row.task_id.is_empty() {
            by_task.entry(task_slug(&row.task_id)).or_default().push(i);
        }
    }
    let mut groups: Vec<(String, Vec<usize>)> =
        by_task.into_iter().filter(|(_, g)| g.len() > 1).collect();
    groups.sort_unstable_by_key(|(_, group)| group[0]);
    for (_, group) in groups {
        let object_key = |row: &Row| row.object.as_deref().map(object_key);
        let mut objects: BTreeMap<Option<String>, Vec<usize>> = BTreeMap::new();
        for &i in &group {
            objects.entry(object_key(&rows[i])).or_default().push(i);
        }
        // Only rows that name their object make a task one of several objects: a row that
        // names none beside one that does cannot be told apart from it.
        if objects.keys().filter(|object| object.is_some()).count() <= 1 {
            reject_duplicates(rows, &group, None);
            continue;
        }
        for (object, members) in objects {
            let Some(object) = object else {
                for &i in &members {
                    let row = &mut rows[i];
                    row.errors.push(Problem {
                        sheet: row.sheet.as_deref().map(str::to_string),
                        ..Problem::at(
                            &row.file,
                            row.line,
                            Some(Field::Entity.label()),
                            tr!("ingest-object-missing", task = &row.task_id),
                        )
                    });
                    row.record = None;
                }
                continue;
            };
            if members.len() > 1 {
                reject_duplicates(rows, &members, Some(&object));
                continue;
            }
            let row = &mut rows[members[0]];
            let Some(record) = row.record.as_mut() else {
                continue;
            };
            let record = std::sync::Arc::make_mut(record);
            let shown: Text = record.object_text().into();
            set_identity(record, Some(shown));
        }
    }
    reject_shared_pages(rows);
}

/// Sets a record's id and page from its task id and, in a task with several objects, its
/// object (as [`Record::object_text`] gives it).
pub(crate) fn set_identity(record: &mut Record, object: Option<Text>) {
    match &object {
        None => {
            record.own_id = None;
            record.slug = task_slug(&record.task_id);
        }
        Some(object) => {
            record.own_id = Some(object_id(&record.task_id, object).into());
            record.slug = crate::url::object_slug(&record.task_id, &object_key(object));
        }
    }
    record.object = object;
}

/// The id of a task's record for one of its several objects: `task id/object`, the object as
/// compared (so that a name written with a space more, or a code in small letters, is the same
/// record).
pub(crate) fn object_id(task_id: &str, object: &str) -> String {
    format!("{task_id}/{}", object_key(object))
}

/// An object as compared: credit codes in capitals, names without spaces.
fn object_key(object: &str) -> String {
    object
        .chars()
        .filter(|c| !c.is_whitespace())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Rejects every row of a group that shares a task id (and object): the first row carries the
/// message with every line, the others point at it.
fn reject_duplicates(rows: &mut [Row], group: &[usize], object: Option<&str>) {
    let first = group[0];
    let places: Vec<String> = group.iter().map(|&i| row_place(&rows[i])).collect();
    let what = match object {
        Some(object) => tr!(
            "ingest-duplicate-task-object",
            task = &rows[first].task_id,
            object = object
        ),
        None => tr!("ingest-duplicate-task", task = &rows[first].task_id),
    };
    let places_shown = places.join(&tr!("ingest-list-separator"));
    let message = if object.is_some() {
        tr!(
            "ingest-duplicate-object",
            what = &what,
            count = group.len(),
            places = &places_shown
        )
    } else {
        tr!(
            "ingest-duplicate",
            what = &what,
            count = group.len(),
            places = &places_shown
        )
    };
    let first_place = places[0].clone();
    for &i in group {
        let row = &mut rows[i];
        let text = if i == first {
            message.clone()
        } else {
            tr!("ingest-duplicate-again", what = &what, first = &first_place)
        };
        row.errors.push(Problem {
            sheet: row.sheet.as_deref().map(str::to_string),
            ..Problem::at(&row.file, row.line, Some(Field::TaskId.label()), text)
        });
        row.record = None;
    }
}

/// `file:line`, or `file:Sheet!7:7`, for naming a row in a message.
fn row_place(row: &Row) -> String {
    Problem {
        sheet: row.sheet.as_deref().map(str::to_string),
        ..Problem::at(&row.file, row.line, None, "")
    }
    .location()
}

/// Records whose pages would share a folder (ids that differ only in case or punctuation), or
/// whose ids would be one (task `A/B` with object `C`, task `A` with object `B/C`): all
/// rejected, since neither can be told from the other.
fn reject_shared_pages(rows: &mut [Row]) {
    let mut by_slug: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_id: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, row) in rows.iter().enumerate() {
        if let Some(record) = &row.record {
            by_slug.entry(record.slug.as_str()).or_default().push(i);
            if record.own_id.is_some() || record.task_id.contains('/') {
                by_id.entry(record.id()).or_default().push(i);
            }
        }
    }
    let mut shared: Vec<Vec<usize>> = by_slug
        .into_values()
        .chain(by_id.into_values())
        .filter(|g| g.len() > 1)
        .collect();
    shared.sort_unstable();
    shared.dedup();
    for group in shared {
        let places: Vec<String> = group
            .iter()
            .map(|&i| format!("{} (\"{}\")", row_place(&rows[i]), rows[i].task_id))
            .collect();
        for &i in &group {
            let row = &mut rows[i];
            let message = tr!(
                "ingest-shared-page",
                task = &row.task_id,
                places = places.join(&tr!("ingest-list-separator"))
            );
            row.errors.push(Problem {
                sheet: row.sheet.as_deref().map(str::to_string),
                ..Problem::at(&row.file, row.line, Some(Field::TaskId.label()), message)
            });
            row.record = None;
        }
    }
}

#[cfg(test)]
mod tests {

    #[test]
    fn an_excerpt_shows_the_row_as_written_and_marks_the_field() {
        let text = "导出标题\r\n任务编号,检查对象名称,检查结束日期\r\nT-1,\"甲,乙公司\",2025-09-31\r\nT-2,\"多行\n名称\",2025-02-30\r\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let excerpt = super::excerpt(&gbk, 3, Some("检查结束日期")).expect("row at line 3");
        assert_eq!(excerpt.text, "T-1,\"甲,乙公司\",2025-09-31");
        assert_eq!(&excerpt.text[excerpt.span.clone().unwrap()], "2025-09-31");
        let excerpt = super::excerpt(&gbk, 3, Some("检查对象名称")).unwrap();
        assert_eq!(&excerpt.text[excerpt.span.unwrap()], "\"甲,乙公司\"");
        let excerpt = super::excerpt(&gbk, 4, Some("检查结束日期")).unwrap();
        assert_eq!(excerpt.text, "T-2,\"多行\n名称\",2025-02-30");
        assert_eq!(&excerpt.text[excerpt.span.unwrap()], "2025-02-30");
        let whole = super::excerpt(&gbk, 4, None).unwrap();
        assert_eq!(whole.span, None);
        assert_eq!(
            super::excerpt(&gbk, 5, None),
            None,
            "line 5 is inside row 4's cell"
        );
        let tabs = "任务编号\t检查结束日期\nT-9\t\n";
        let excerpt = super::excerpt(tabs.as_bytes(), 2, Some("检查结束日期")).unwrap();
        assert_eq!(
            excerpt.span,
            Some(4..4),
            "an empty last cell is marked where it would be"
        );
    }
    use super::*;

    /// `read_file` with the default settings.
    fn read_test_file(file: &str, bytes: &[u8], as_of: NaiveDate, tasks: &mut Tasks) -> Result<()> {
        read_file(
            file,
            bytes,
            as_of,
            &Settings::default(),
            tasks,
            &mut BTreeMap::new(),
        )
    }

    #[test]
    fn fields_are_numbered_in_their_list_order() {
        for (i, field) in Field::ALL.iter().enumerate() {
            assert_eq!(*field as usize, i, "{field:?}");
        }
    }

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn read(text: &[u8]) -> Tasks {
        let mut tasks = Tasks::default();
        read_test_file("data/tasks/t.csv", text, d("2025-12-31"), &mut tasks).unwrap();
        identify(&mut tasks.rows);
        tasks
    }

    #[test]
    fn english_and_chinese_headers_in_any_order() {
        let zh = read("检查结束日期,任务编号,检查结果\n2025/9/26,A-1,未发现问题\n".as_bytes());
        let en = read(b"Task ID,result,END_DATE\nA-1,\xe6\x9c\xaa\xe5\x8f\x91\xe7\x8e\xb0\xe9\x97\xae\xe9\xa2\x98,2025-09-26\n");
        for tasks in [zh, en] {
            let record = tasks.rows[0].record.as_ref().unwrap();
            assert_eq!(record.task_id, "A-1");
            assert_eq!(record.end, Some(d("2025-09-26")));
            assert_eq!(&*record.result, "未发现问题");
        }
    }

    #[test]
    fn gbk_and_utf8_with_bom_decode_alike() {
        let text = "任务编号,检查结束日期,检查对象名称\nA-1,2025年9月26日,坪山区某电子有限公司\n";
        let (gbk, _, _) = encoding_rs::GBK.encode(text);
        let mut bom = b"\xef\xbb\xbf".to_vec();
        bom.extend_from_slice(text.as_bytes());
        for bytes in [gbk.to_vec(), bom] {
            let tasks = read(&bytes);
            let record = tasks.rows[0].record.as_ref().unwrap();
            assert_eq!(&*record.entity, "坪山区某电子有限公司");
        }
    }

    /// 坪 (C6 BA) and 山 (C9 BD) in GBK are also valid UTF-8 (ƺ, ɽ): a GBK file, or a GBK line,
    /// made only of such characters must still read as GBK.
    #[test]
    fn gbk_that_is_also_valid_utf8_reads_as_gbk() {
        let whole = "任务编号,检查结束日期,检查对象名称\nA-1,2025-09-26,坪山\n";
        let only_pairs = "task_id,end,entity\nA-1,2025-09-26,坪山\n";
        for text in [whole, only_pairs] {
            let (gbk, _, _) = encoding_rs::GBK.encode(text);
            assert_eq!(decode(&gbk).unwrap().0, text);
        }
        // UTF-8 Chinese stays UTF-8.
        assert_eq!(decode(whole.as_bytes()).unwrap().0, whole);
        // A UTF-8 line pasted into a GBK file, and a GBK line of pairs in it, each as written.
        let mut mixed = encoding_rs::GBK
            .encode("任务编号,检查对象名称\n")
            .0
            .to_vec();
        mixed.extend_from_slice("A-1,中文公司\n".as_bytes());
        mixed.extend_from_slice(&encoding_rs::GBK.encode("A-2,坪山\n").0);
        assert_eq!(
            decode(&mixed).unwrap().0,
            "任务编号,检查对象名称\nA-1,中文公司\nA-2,坪山\n"
        );
    }

    #[test]
    fn undecodable_bytes_are_refused() {
        // 0x80 alone and 0xFF are not GB18030 lead bytes.
        assert!(decode(b"id\n\x80\xff\n").is_err());
    }

    #[test]
    fn each_bad_row_is_reported_and_the_good_ones_kept() {
        let tasks = read(
            "任务编号,检查开始日期,检查结束日期,统一社会信用代码\n\
             A-1,2025-09-01,2025-09-26,91440300192317458F\n\
             ,2025-09-01,2025-09-26,\n\
             A-3,2025-09-01,2025-02-30,\n\
             A-4,2025-09-27,2025-09-26,\n\
             A-5,2025-09-01,2026-01-05,\n\
             A-6,2025-09-01,2025-09-26\n\
             A-7,2025-09-01,2025-09-26,9144030019231745\n\
             A-8,2025-09-01,2025-09-26,91440300192317458G\n"
                .as_bytes(),
        );
        let fields: Vec<(u64, Option<&str>)> = tasks
            .rows
            .iter()
            .flat_map(|r| {
                r.errors
                    .iter()
                    .map(|e| (e.line.unwrap(), e.field.as_deref()))
            })
            .collect();
        assert_eq!(
            fields,
            [
                (3, Some("任务编号")),
                (4, Some("检查结束日期")),
                (5, Some("检查结束日期")),
                (6, Some("检查结束日期")),
                (7, None),
                (8, Some("统一社会信用代码")),
            ]
        );
        let kept: Vec<&str> = tasks
            .rows
            .iter()
            .filter(|r| r.record.is_some())
            .map(|r| r.task_id.as_str())
            .collect();
        assert_eq!(kept, ["A-1", "A-8"]);
        assert_eq!(tasks.warnings.len(), 1);
        assert_eq!(tasks.warnings[0].line, Some(9));
    }

    #[test]
    fn line_numbers_hold_for_crlf_and_multi_line_cells() {
        let tasks = read(b"task_id,end,handling\r\nA,2025-09-26,x\r\nB,2025-09-26,\"two\r\nlines\"\r\nC,2025-09-26,\r\n");
        let lines: Vec<u64> = tasks.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3, 5]);
        let tasks = read(b"task_id,end\rA,2025-09-26\rB,2025-09-26\r");
        let lines: Vec<u64> = tasks.rows.iter().map(|r| r.line).collect();
        assert_eq!(lines, [2, 3]);
    }

    /// The quote scan jumps between quotes; it must agree with reading every byte.
    #[test]
    fn the_quote_scan_agrees_with_a_byte_by_byte_reading() {
        fn byte_by_byte(text: &[u8], delimiter: u8) -> Option<u64> {
            let (mut line, mut opened_at, mut in_quotes, mut field_start) = (1, 0, false, true);
            let mut i = 0;
            while i < text.len() {
                let b = text[i];
                if in_quotes {
                    if b == b'"' {
                        if text.get(i + 1) == Some(&b'"') {
                            i += 1;
                        } else {
                            in_quotes = false;
                        }
                    }
                } else if b == b'"' && field_start {
                    in_quotes = true;
                    opened_at = line;
                }
                if b == b'\n' || (b == b'\r' && text.get(i + 1) != Some(&b'\n')) {
                    line += 1;
                }
                if !in_quotes {
                    field_start = b == delimiter || b == b'\n' || b == b'\r';
                }
                i += 1;
            }
            in_quotes.then_some(opened_at)
        }
        let alphabet = b"\",\n\ra\t";
        let mut state = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            let len = (state % 24) as usize;
            let text: Vec<u8> = (0..len)
                .map(|k| alphabet[((state >> (k * 2 % 60)) % alphabet.len() as u64) as usize])
                .collect();
            for delimiter in [b',', b'\t'] {
                assert_eq!(
                    table::unclosed_quote(&text, delimiter),
                    byte_by_byte(&text, delimiter),
                    "{:?}",
                    String::from_utf8_lossy(&text)
                );
            }
        }
    }

    #[test]
    fn an_unclosed_quote_is_an_error_at_its_line() {
        let mut tasks = Tasks::default();
        let text =
            b"task_id,end,result\nC-1,2025-09-26,\"ok\nC-2,2025-09-26,ok\nC-3,2025-09-26,ok\n";
        let err = read_test_file("t.csv", text, d("2025-12-31"), &mut tasks).unwrap_err();
        assert!(matches!(err, Error::Input { line: 2, .. }), "{err}");
        // Quoted cells with line breaks, doubled quotes and quotes inside unquoted cells are fine.
        let fine =
            read(b"task_id,end,result\nA,2025-09-26,\"two\nlines \"\"q\"\"\"\nB,2025-09-26,5\"\n");
        assert_eq!(fine.rows.len(), 2);
        assert_eq!(
            &*fine.rows[0].record.as_ref().unwrap().result,
            "two\nlines \"q\""
        );
        assert_eq!(&*fine.rows[1].record.as_ref().unwrap().result, "5\"");
    }

    #[test]
    fn tab_separated_files_with_a_title_line() {
        let tasks = read(
            "2025年抽查结果\n任务编号\t检查结束日期\t检查结果\nA-1\t2025-09-26\t未发现问题\n"
                .as_bytes(),
        );
        assert_eq!(tasks.rows.len(), 1);
        assert_eq!(
            &*tasks.rows[0].record.as_ref().unwrap().result,
            "未发现问题"
        );
    }

    #[test]
    fn identity_cards_in_the_credit_code_column_are_masked() {
        let tasks = read(b"task_id,end,credit_code\nA,2025-09-26,11010519491231002X\n");
        assert_eq!(
            &*tasks.rows[0].record.as_ref().unwrap().credit_code,
            "1101**********002X"
        );
        assert!(tasks.warnings[0].message.contains("identity-card"));
    }

    #[test]
    fn implausibly_old_dates_reject_the_row() {
        let tasks = read(b"task_id,start,end\nA,2025,2025-09-26\nB,2025-01-01,0000-01-01\nC,2014-12-31,2015-01-01\n");
        let rejected: Vec<&str> = tasks
            .rows
            .iter()
            .filter(|r| r.record.is_none())
            .map(|r| r.task_id.as_str())
            .collect();
        assert_eq!(rejected, ["A", "B", "C"]);
    }

    #[test]
    fn duplicate_ids_reject_every_copy() {
        let tasks = read(b"task_id,end\nA-1,2025-09-26\nA-2,2025-09-26\na-1,2025-09-27\n");
        let rejected: Vec<u64> = tasks
            .rows
            .iter()
            .filter(|r| r.record.is_none())
            .map(|r| r.line)
            .collect();
        assert_eq!(rejected, [2, 4]);
        assert!(
            tasks.rows[0].errors[0]
                .message
                .contains("data/tasks/t.csv:4")
        );
    }

    #[test]
    fn personal_numbers_in_task_ids_reject_the_row() {
        let tasks = read(b"task_id,end\nA-13812345678,2025-09-26\nB-11010519491231002X,2025-09-26\n440310202503001234,2025-09-26\n");
        let rejected: Vec<&str> = tasks
            .rows
            .iter()
            .filter(|r| r.record.is_none())
            .map(|r| r.task_id.as_str())
            .collect();
        assert_eq!(
            rejected,
            ["A-13812345678", "B-11010519491231002X"],
            "a platform id of 18 digits stays"
        );
    }

    #[test]
    fn id_shaped_credit_codes_are_masked_whatever_their_check_digit() {
        let tasks = read(b"task_id,end,credit_code\nA,2025-09-26,440301199001011235\nB,2025-09-26,914403001922038216\n");
        assert_eq!(
            &*tasks.rows[0].record.as_ref().unwrap().credit_code,
            "4403**********1235"
        );
        assert_eq!(
            &*tasks.rows[1].record.as_ref().unwrap().credit_code,
            "914403001922038216",
            "a valid all-digit credit code stays"
        );
    }

    #[test]
    fn a_stray_bom_after_a_space_leaves_no_space_behind() {
        assert_eq!(clean("A \u{feff}"), "A");
        assert_eq!(clean("\u{feff} A"), "A");
    }

    #[test]
    fn full_width_numbers_are_masked_too() {
        let tasks = read("任务编号,检查结束日期,处理情况\nA-1,2025-09-26,手机１３８　１２３４　５６７８，证件４４０３０１１９９００１０１１２３Ｘ\n".as_bytes());
        assert_eq!(
            &*tasks.rows[0].record.as_ref().unwrap().handling,
            "手机138 **** 5678，证件4403**********123X"
        );
    }

    #[test]
    fn personal_numbers_are_masked_before_anything_else_sees_them() {
        let tasks = read(
            "任务编号,检查结束日期,处理情况\nA-1,2025-09-26,负责人电话13812345678\n".as_bytes(),
        );
        assert_eq!(
            &*tasks.rows[0].record.as_ref().unwrap().handling,
            "负责人电话138****5678"
        );
    }

    #[test]
    fn a_title_line_above_the_header_is_skipped_with_a_note() {
        let tasks = read("坪山管理局2025年第三季度抽查结果,,\n任务编号,检查结束日期,检查结果\nA-1,2025-09-26,未发现问题\n".as_bytes());
        assert_eq!(tasks.rows.len(), 1);
        assert_eq!(tasks.rows[0].line, 3);
        assert!(tasks.notes[0].contains("line(s) 1"));
    }

    #[test]
    fn a_file_without_task_ids_is_fatal() {
        let mut tasks = Tasks::default();
        let err =
            read_test_file("x.csv", b"name,date\na,b\n", d("2025-01-01"), &mut tasks).unwrap_err();
        assert!(err.to_string().contains("任务编号"), "{err}");
    }

    /// Arbitrary bytes never panic the reader: every outcome is rows, problems or an error.
    #[test]
    fn arbitrary_input_never_panics() {
        let alphabet: &[&[u8]] = &[
            b",",
            b"\"",
            b"\n",
            b"\r\n",
            b"\t",
            b"\xef\xbb\xbf",
            b"\xff",
            b"\xd6\xd0",
            b"task_id",
            b"end",
            b"result",
            b"quarter",
            b"2025-09-26",
            b"2025/2/30",
            b"45926",
            b"2025Q3",
            b"2025\xe5\xb9\xb4",
            b"91440300192317458F",
            b"13812345678",
            b"../",
            b"<script>",
            b"\0",
            b"\xe6\x9c\xaa",
            b"-",
            b"X",
        ];
        let mut state = 0x2545_f491_4f6c_dd1du64;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        for _ in 0..3000 {
            let mut bytes = b"task_id,end,result,quarter,credit_code\n".to_vec();
            if next() % 4 == 0 {
                bytes.clear();
            }
            for _ in 0..(next() % 40) {
                bytes.extend_from_slice(alphabet[(next() % alphabet.len() as u64) as usize]);
            }
            let mut tasks = Tasks::default();
            let _ = read_test_file("f.csv", &bytes, d("2025-12-31"), &mut tasks);
            identify(&mut tasks.rows);
            for row in &tasks.rows {
                assert_eq!(row.record.is_none(), !row.errors.is_empty());
            }
        }
    }
}
