//! Reading the task ledgers (台账) exported by the platforms: encodings, header aliases, dates,
//! and the checks that decide whether a row can be trusted.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use crate::credit_code::{self, CodeProblem};
use crate::dates::{self, Quarter};
use crate::error::{Error, Result};
use crate::privacy::mask;
use crate::report::Problem;

/// A mobile number (11 digits from 13 to 19) or a valid identity-card number standing alone in
/// a task id. (Other long digit runs are common in platform task ids and are left alone.)
fn holds_personal_number(task_id: &str) -> bool {
    let bytes = task_id.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        if !bytes[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        let run = &task_id[start..i];
        let with_x = run.len() == 17 && matches!(bytes.get(i), Some(b'X' | b'x'));
        let card = if with_x { &task_id[start..=i] } else { run };
        if crate::privacy::is_identity_card(&card.to_ascii_uppercase())
            || (run.len() == 11
                && run.starts_with('1')
                && (b'3'..=b'9').contains(&bytes[start + 1]))
        {
            return true;
        }
    }
    false
}

/// The longest text a field may hold: no inspection record needs more, and a larger one is a
/// broken export (or an attempt to bloat every page that shows it).
const MAX_FIELD_CHARS: usize = 10_000;

/// A cell as published: trimmed, without control characters (NUL, escapes, stray byte-order
/// marks) that would corrupt pages, and with line breaks and tabs kept.
///
/// Full-width digits, X, hyphens and spaces (０-９, Ｘ, －, the ideographic space) become their
/// ASCII forms, so that a number typed in full width is recognised, and masked, like any other.
pub(crate) fn clean(text: &str) -> Cow<'_, str> {
    let changes = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(
                c,
                '\u{feff}' | '０'..='９' | 'Ｘ' | 'ｘ' | '－' | '\u{3000}'
            )
    };
    if !text.chars().any(changes) {
        return Cow::Borrowed(text.trim());
    }
    let cleaned: String = text
        .chars()
        .filter(|&c| !(c.is_control() && c != '\n' && c != '\t') && c != '\u{feff}')
        .map(|c| match c {
            '０'..='９' => char::from(b'0' + (c as u32 - '０' as u32) as u8),
            'Ｘ' => 'X',
            'ｘ' => 'x',
            '－' => '-',
            '\u{3000}' => ' ',
            other => other,
        })
        .collect();
    Cow::Owned(cleaned.trim().to_string())
}

/// Inspection dates before this year are taken for typos (双随机、一公开 began in 2015).
pub(crate) const EARLIEST_YEAR: i32 = 2015;

/// A column gongshi knows, whatever the export calls it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    TaskId,
    Unit,
    Category,
    Matter,
    Entity,
    CreditCode,
    Address,
    Inspectors,
    Start,
    End,
    Result,
    Handling,
    Joint,
    JointDepartments,
    Quarter,
}

impl Field {
    pub const ALL: [Field; 15] = [
        Field::TaskId,
        Field::Unit,
        Field::Category,
        Field::Matter,
        Field::Entity,
        Field::CreditCode,
        Field::Address,
        Field::Inspectors,
        Field::Start,
        Field::End,
        Field::Result,
        Field::Handling,
        Field::Joint,
        Field::JointDepartments,
        Field::Quarter,
    ];

    /// Header names that mean this field: Chinese as the platforms export them, then English.
    /// Headers are compared after trimming and, for English, ignoring case, spaces and dashes.
    pub fn aliases(self) -> &'static [&'static str] {
        match self {
            Field::TaskId => &[
                "任务编号",
                "抽查任务编号",
                "检查任务编号",
                "任务id",
                "task_id",
                "taskid",
                "id",
            ],
            Field::Unit => &[
                "执法机构",
                "抽查机关",
                "检查机关",
                "实施单位",
                "执法单位",
                "unit",
                "agency",
                "authority",
            ],
            Field::Category => &[
                "监管对象类别",
                "对象类型",
                "检查对象类别",
                "对象类别",
                "category",
            ],
            Field::Matter => &["抽查事项", "检查事项", "matter", "inspection_item"],
            Field::Entity => &[
                "检查对象名称",
                "抽查市场主体名称",
                "企业名称",
                "检查对象",
                "单位名称",
                "entity",
                "entity_name",
                "company",
            ],
            Field::CreditCode => &["统一社会信用代码", "信用代码", "credit_code", "uscc"],
            Field::Address => &["地址", "住所", "经营地址", "address"],
            Field::Inspectors => &["执法人员", "检查人员", "inspectors"],
            Field::Start => &["检查开始日期", "开始日期", "start", "start_date"],
            Field::End => &[
                "检查结束日期",
                "检查完成日期",
                "结束日期",
                "完成日期",
                "end",
                "end_date",
            ],
            Field::Result => &["检查结果", "抽查结果", "result"],
            Field::Handling => &["处理情况", "处置情况", "备注", "handling"],
            Field::Joint => &["是否联合检查", "joint"],
            Field::JointDepartments => &["联合检查部门", "joint_departments"],
            Field::Quarter => &["所属季度", "抽查批次", "quarter", "batch"],
        }
    }

    /// The name used in reports: the usual Chinese header.
    pub fn label(self) -> &'static str {
        self.aliases()[0]
    }

    fn from_header(header: &str) -> Option<Field> {
        let key = normalize_header(header);
        Field::ALL
            .into_iter()
            .find(|field| field.aliases().iter().any(|alias| *alias == key))
    }
}

fn normalize_header(header: &str) -> String {
    let trimmed = header.trim_matches(|c: char| c.is_whitespace() || c == '\u{feff}' || c == '*');
    if trimmed.is_ascii() {
        trimmed
            .chars()
            .map(|c| {
                if c == ' ' || c == '-' {
                    '_'
                } else {
                    c.to_ascii_lowercase()
                }
            })
            .collect()
    } else {
        trimmed.chars().filter(|c| !c.is_whitespace()).collect()
    }
}

/// Text that many records share (a unit, a company, a result): held once, whatever the number
/// of rows that carry it.
pub type Text = std::sync::Arc<str>;

/// A task row that passed every check. Text fields are already masked for publication.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub task_id: String,
    /// The folder name of the task's page: `/tasks/<slug>/`.
    pub slug: String,
    pub unit: Text,
    pub category: Text,
    pub matter: Text,
    pub entity: Text,
    pub credit_code: Text,
    pub address: Text,
    pub inspectors: Text,
    pub start: Option<NaiveDate>,
    pub end: Option<NaiveDate>,
    pub result: Text,
    pub handling: Text,
    pub joint: bool,
    pub joint_departments: Text,
    pub quarter: Option<Quarter>,
}

/// Hands out one [`Text`] for each distinct string.
#[derive(Default)]
struct Interner {
    texts: std::collections::HashSet<Text>,
}

impl Interner {
    fn text(&mut self, text: &str) -> Text {
        if let Some(known) = self.texts.get(text) {
            return known.clone();
        }
        let new: Text = text.into();
        self.texts.insert(new.clone());
        new
    }
}

impl Record {
    /// The quarter a task counts in: its quarter column, else its end date's quarter, else (for
    /// a task still in progress) its start date's.
    pub fn quarter(&self) -> Option<Quarter> {
        self.quarter.or(self.end.or(self.start).map(Quarter::of))
    }

    /// A result can be published once the inspection ended and a result was recorded.
    pub fn is_publishable(&self) -> bool {
        self.end.is_some() && !self.result.is_empty()
    }
}

/// One data row as read, whether or not it could be trusted.
#[derive(Debug, Clone)]
pub struct Row {
    /// Site-relative path, with `/` (shared by every row of the file).
    pub file: std::sync::Arc<str>,
    /// Line in the file where the row starts (1-based, header included).
    pub line: u64,
    /// The task id as written (trimmed), empty if missing.
    pub task_id: String,
    /// `None` when the row was rejected; its errors say why. Shared from here on, never
    /// copied: a province holds millions.
    pub record: Option<std::sync::Arc<Record>>,
    pub errors: Vec<Problem>,
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
        "an Excel lock file (the workbook is open in Excel or WPS): close the workbook, or \
         delete this file"
            .into()
    } else if matches!(extension.as_str(), "xlsx" | "xlsm" | "xls" | "ods" | "et") {
        "gongshi does not read spreadsheet files yet, so this export is not published: open it \
         in Excel or WPS, save it as CSV (另存为 → CSV UTF-8（逗号分隔）or CSV（逗号分隔）) into \
         data/tasks/, and move this file out of data/tasks/"
            .into()
    } else if matches!(extension.as_str(), "txt" | "tsv") {
        "not read: gongshi reads .csv files here (comma- or tab-separated). If this is an \
         export, rename it to .csv; if not, move it out of data/tasks/"
            .into()
    } else {
        "not a task ledger: gongshi reads .csv files here. Move it out of data/tasks/".into()
    }
}

/// Whether a credit-code cell holds a person's number: shaped like an identity card (17
/// digits, then a digit or X) and either valid as one or invalid as a credit code. (The
/// generic masking would also take a valid all-digit credit code for a bank card.)
pub(crate) fn is_personal_code(code: &str) -> bool {
    let id_shaped = code.len() == 18
        && code.as_bytes()[..17].iter().all(u8::is_ascii_digit)
        && matches!(code.as_bytes()[17], b'0'..=b'9' | b'X');
    crate::privacy::is_identity_card(code) || (id_shaped && credit_code::check(code).is_err())
}

/// Refuses a folder that is not a site before anything is read or written in it: one that
/// does not exist, or has no task ledger under `data/tasks/`.
pub fn check_site(site: &Path) -> Result<()> {
    let shown = site.display();
    if !site.exists() {
        return Err(Error::Usage(format!(
            "the site folder {shown} does not exist; check --site (start a new site with \
             `gongshi init {shown}`)"
        )));
    }
    if !site.is_dir() {
        return Err(Error::Usage(format!(
            "--site {shown} is a file, not a site folder"
        )));
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
        hints.push("its data/tasks/ folder holds no task ledger (*.csv)".to_string());
    } else {
        hints.push("it has no data/tasks/ folder".to_string());
    }
    for (file, name) in other.iter().take(5) {
        hints.push(format!("found {file}: {}", unread_reason(name)));
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
            hints.push(format!(
                "found data/{name}: task ledgers go in data/tasks/, move it there"
            ));
        }
    }
    Err(Error::NotASite {
        site: site.to_path_buf(),
        details: hints.join("\n  "),
    })
}

fn is_ledger(path: &Path) -> bool {
    path.extension()
        .is_some_and(|ext| ext.eq_ignore_ascii_case("csv"))
}

/// Reads every `data/tasks/**/*.csv` of the site, in path order.
pub fn read_tasks(site: &Path, as_of: NaiveDate) -> Result<Tasks> {
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
            read_file(&shown, &bytes, as_of, &mut tasks, &mut unknown_columns)?;
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
        tasks.warnings.extend(file_tasks.warnings);
        tasks.notes.extend(file_tasks.notes);
        for (column, files) in file_unknown {
            unknown_columns.entry(column).or_default().extend(files);
        }
    }
    if files.is_empty() {
        tasks
            .notes
            .push("no task ledgers found: put CSV files under data/tasks/".into());
    }
    for (column, files) in unknown_columns {
        let files: Vec<String> = files.into_iter().collect();
        tasks.notes.push(format!(
            "column \"{column}\" ignored (not a known field) in {}",
            files.join(", ")
        ));
    }
    reject_duplicates(&mut tasks.rows);
    Ok(tasks)
}

/// Reads one task ledger's bytes as `read_tasks` does (for fuzzing and tools).
pub fn read_bytes(file: &str, bytes: &[u8], as_of: NaiveDate) -> Result<Tasks> {
    let mut tasks = Tasks::default();
    read_file(file, bytes, as_of, &mut tasks, &mut BTreeMap::new())?;
    reject_duplicates(&mut tasks.rows);
    Ok(tasks)
}

/// Decodes a file: UTF-8 (BOM or not), UTF-16 with BOM, else GBK/GB18030. A file that mixes
/// UTF-8 and GBK lines (two exports pasted together) is decoded line by line; the returned
/// note names the lines read as GBK.
pub fn decode(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    if let Some((encoding, bom)) = encoding_rs::Encoding::for_bom(bytes) {
        let (text, had_errors) = encoding.decode_without_bom_handling(&bytes[bom..]);
        if !had_errors {
            return Ok((text.into_owned(), None));
        }
        if encoding != encoding_rs::UTF_8 {
            return Err(format!(
                "starts with a {} byte-order mark but is not valid {}",
                encoding.name(),
                encoding.name()
            ));
        }
        return decode_by_line(&bytes[bom..]);
    }
    if let Ok(text) = std::str::from_utf8(bytes)
        && reads_as_utf8(bytes)
    {
        return Ok((text.to_string(), None));
    }
    if let Some(text) =
        encoding_rs::GB18030.decode_without_bom_handling_and_without_replacement(bytes)
    {
        // GBK text that happens to hold a UTF-8 line reads as mojibake there: check line by line.
        let utf8_lines = bytes
            .split(|&b| b == b'\n')
            .filter(|line| !line.is_ascii() && reads_as_utf8(line))
            .count();
        if utf8_lines == 0 {
            return Ok((text.into_owned(), None));
        }
    }
    decode_by_line(bytes)
}

/// Whether a line is UTF-8 text rather than GBK that happens to be valid UTF-8. Many GBK
/// characters (坪 is C6 BA) are also a two-byte UTF-8 sequence, which decodes to Latin, Greek
/// or IPA letters; Chinese in UTF-8 takes three bytes a character. So a line whose only
/// non-ASCII characters are two-byte ones is GBK when it reads as GBK.
pub(crate) fn reads_as_utf8(line: &[u8]) -> bool {
    match std::str::from_utf8(line) {
        Ok(text) => {
            text.is_ascii()
                || text.chars().any(|c| c as u32 >= 0x800)
                || encoding_rs::GB18030
                    .decode_without_bom_handling_and_without_replacement(line)
                    .is_none()
        }
        Err(_) => false,
    }
}

fn decode_by_line(bytes: &[u8]) -> Result<(String, Option<String>), String> {
    let mut text = String::with_capacity(bytes.len() + bytes.len() / 2);
    let mut gbk_lines = Vec::new();
    for (i, line) in bytes.split(|&b| b == b'\n').enumerate() {
        if i > 0 {
            text.push('\n');
        }
        match std::str::from_utf8(line)
            .ok()
            .filter(|_| reads_as_utf8(line))
        {
            Some(utf8) => text.push_str(utf8),
            None => match encoding_rs::GB18030
                .decode_without_bom_handling_and_without_replacement(line)
            {
                Some(gbk) => {
                    text.push_str(&gbk);
                    gbk_lines.push(i + 1);
                }
                None => {
                    return Err(format!(
                        "line {} is neither UTF-8 nor GBK/GB18030 text: save the file as CSV (UTF-8) \
                         and try again",
                        i + 1
                    ));
                }
            },
        }
    }
    let shown: Vec<String> = gbk_lines.iter().take(10).map(usize::to_string).collect();
    let more = if gbk_lines.len() > 10 { ", ..." } else { "" };
    let note = format!(
        "mixes encodings: line(s) {}{more} read as GBK, the rest as UTF-8; re-export it in one encoding",
        shown.join(", ")
    );
    Ok((text, Some(note)))
}

fn read_file(
    file: &str,
    bytes: &[u8],
    as_of: NaiveDate,
    tasks: &mut Tasks,
    unknown_columns: &mut BTreeMap<String, BTreeSet<String>>,
) -> Result<()> {
    let (text, mixed) = decode(bytes).map_err(|message| Error::Input {
        path: file.into(),
        line: 1,
        message,
    })?;
    if let Some(note) = mixed {
        tasks.warnings.push(Problem::in_file(file, note));
    }
    let delimiter = guess_delimiter(&text);
    if let Some(line) = unclosed_quote(text.as_bytes(), delimiter) {
        return Err(Error::Input {
            path: file.into(),
            line,
            message: "a quote (\") opened here is never closed, so every row after it would read \
                      as part of one cell; close the quote or remove it"
                .into(),
        });
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());

    let mut columns: Option<Columns> = None;
    let mut blank_rows = 0u64;
    let mut title_lines = Vec::new();
    let mut repeated_headers = Vec::new();
    let mut unnamed_with_values = false;
    let mut lines = LineCounter::new(text.as_bytes());
    let shared_name: std::sync::Arc<str> = file.into();
    let mut texts = Interner::default();
    let mut record = csv::StringRecord::new();
    loop {
        let more = reader.read_record(&mut record).map_err(|e| Error::Input {
            path: file.into(),
            line: e.position().map_or(0, |p| lines.line_at(p.byte())),
            message: format!("not readable as CSV: {e}"),
        })?;
        if !more {
            break;
        }
        let line = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if record.iter().all(|f| f.trim().is_empty()) {
            blank_rows += 1;
            continue;
        }
        let Some(columns) = &columns else {
            let candidate = Columns::from_header(&record);
            if candidate.index.contains_key(&Field::TaskId) {
                for (name, _) in candidate.unknown.iter() {
                    unknown_columns
                        .entry(name.clone())
                        .or_default()
                        .insert(file.to_string());
                }
                for warning in &candidate.warnings {
                    tasks
                        .warnings
                        .push(Problem::at(file, line, None, warning.clone()));
                }
                if !candidate.index.contains_key(&Field::End) {
                    return Err(missing_column(file, line, Field::End));
                }
                columns = Some(candidate);
            } else if title_lines.len() < 5 {
                title_lines.push(line);
            } else {
                return Err(missing_column(file, title_lines[0], Field::TaskId));
            }
            continue;
        };
        if columns.is_header(&record) {
            repeated_headers.push(line);
            continue;
        }
        if columns
            .unnamed
            .iter()
            .any(|&i| record.get(i).is_some_and(|v| !v.trim().is_empty()))
        {
            unnamed_with_values = true;
        }
        tasks.rows.push(read_row(
            &shared_name,
            line,
            &record,
            columns,
            as_of,
            &mut tasks.warnings,
            &mut texts,
        ));
    }
    if !repeated_headers.is_empty() {
        let lines: Vec<String> = repeated_headers.iter().map(u64::to_string).collect();
        tasks.notes.push(format!(
            "{file}: line(s) {} repeat the header (files pasted together?) and were skipped",
            lines.join(", ")
        ));
    }
    if unnamed_with_values {
        tasks.warnings.push(Problem::in_file(
            file,
            "a column with no header holds values; they are ignored: name the column or delete it",
        ));
    }
    if columns.is_none() {
        return Err(missing_column(file, 1, Field::TaskId));
    }
    if !title_lines.is_empty() {
        let lines: Vec<String> = title_lines.iter().map(u64::to_string).collect();
        tasks.notes.push(format!(
            "{file}: line(s) {} above the header skipped as a title",
            lines.join(", ")
        ));
    }
    if blank_rows > 0 {
        tasks
            .notes
            .push(format!("{file}: {blank_rows} blank row(s) skipped"));
    }
    Ok(())
}

/// A row as written in its file, for showing an error in context: the row's text (its lines,
/// without the final line break) and, when a field is named, where that field's cell lies in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Excerpt {
    pub text: String,
    /// Byte range of the field's cell in `text`, quotes included.
    pub span: Option<std::ops::Range<usize>>,
}

/// The row starting at `line` of a task file's bytes, found the way [`read_tasks`] reads the file
/// (same decoding, delimiter and header); `field` is a field's report label ([`Field::label`]).
/// `None` when the line holds no row (the file changed since).
pub fn excerpt(bytes: &[u8], line: u64, field: Option<&str>) -> Option<Excerpt> {
    let (text, _) = decode(bytes).ok()?;
    excerpt_of_text(&text, line, field)
}

/// [`excerpt`] from a file's text as [`decode`] gave it (to decode a big file once for many
/// excerpts).
pub fn excerpt_of_text(text: &str, line: u64, field: Option<&str>) -> Option<Excerpt> {
    let delimiter = guess_delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut lines = LineCounter::new(text.as_bytes());
    let mut columns: Option<Columns> = None;
    let mut record = csv::StringRecord::new();
    loop {
        let start = reader.position().byte();
        if !reader.read_record(&mut record).ok()? {
            return None;
        }
        let at = record.position().map_or(0, |p| lines.line_at(p.byte()));
        if columns.is_none() {
            let candidate = Columns::from_header(&record);
            if candidate.index.contains_key(&Field::TaskId) {
                columns = Some(candidate);
            }
        }
        if at < line {
            continue;
        }
        if at > line {
            return None;
        }
        let start = record.position().map_or(start, |p| p.byte()) as usize;
        let end = (reader.position().byte() as usize).min(text.len());
        let raw = text.get(start..end)?;
        let raw = raw.trim_start_matches(['\r', '\n']);
        let raw = raw.trim_end_matches(['\r', '\n']);
        let position = field
            .and_then(|label| Field::ALL.into_iter().find(|f| f.label() == label))
            .and_then(|f| columns.as_ref()?.position(f));
        let span = position.and_then(|i| cell_spans(raw, delimiter).nth(i));
        return Some(Excerpt {
            text: raw.to_string(),
            span,
        });
    }
}

/// The byte ranges of a row's cells, quotes included: a delimiter inside quotes is text.
fn cell_spans(row: &str, delimiter: u8) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = row.as_bytes();
    let mut start = 0;
    let mut done = false;
    std::iter::from_fn(move || {
        if done {
            return None;
        }
        let mut quoted = false;
        let mut i = start;
        while i < bytes.len() {
            match bytes[i] {
                b'"' => quoted = !quoted,
                b if b == delimiter && !quoted => break,
                _ => {}
            }
            i += 1;
        }
        let span = start..i;
        if i >= bytes.len() {
            done = true;
        }
        start = i + 1;
        Some(span)
    })
}

/// The line of a quoted cell that is never closed, if any. (The CSV reader would take the rest
/// of the file into that cell, and rows would vanish into it.)
fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<u64> {
    // Only the quotes matter: jump from one to the next.
    let mut quotes = memchr::memchr_iter(b'"', text);
    let mut in_quotes = false;
    let mut opened_at = 0;
    while let Some(i) = quotes.next() {
        if in_quotes {
            if text.get(i + 1) == Some(&b'"') {
                // A doubled quote stands for one.
                quotes.next();
            } else {
                in_quotes = false;
            }
        } else if i == 0 || matches!(text[i - 1], b'\n' | b'\r') || text[i - 1] == delimiter {
            in_quotes = true;
            opened_at = i;
        }
    }
    in_quotes.then(|| 1 + line_breaks(&text[..opened_at]))
}

/// Line breaks in `span`: `\n`, `\r\n` or a lone `\r` (old Mac exports).
fn line_breaks(span: &[u8]) -> u64 {
    let newlines = span.iter().filter(|&&b| b == b'\n').count();
    let lone_returns = if memchr::memchr(b'\r', span).is_some() {
        (0..span.len())
            .filter(|&i| span[i] == b'\r' && span.get(i + 1) != Some(&b'\n'))
            .count()
    } else {
        0
    };
    (newlines + lone_returns) as u64
}

/// Tab if the first lines hold more tabs than commas (Excel's "Unicode text"), else comma.
pub(crate) fn guess_delimiter(text: &str) -> u8 {
    let head = text.lines().take(10);
    let (tabs, commas) = head.fold((0, 0), |(t, c), line| {
        (
            t + line.matches('\t').count(),
            c + line.matches(',').count(),
        )
    });
    if tabs > commas { b'\t' } else { b',' }
}

/// Line numbers from byte offsets. (The csv crate's own line count runs one behind on CRLF
/// files, and Windows exports are CRLF.)
pub(crate) struct LineCounter<'a> {
    text: &'a [u8],
    offset: usize,
    line: u64,
}

impl<'a> LineCounter<'a> {
    pub(crate) fn new(text: &'a [u8]) -> Self {
        LineCounter {
            text,
            offset: 0,
            line: 1,
        }
    }

    /// The 1-based line of a record starting at byte `offset`; offsets must not decrease
    /// between calls. A record's offset can point at the `\n` of the CRLF before it.
    pub(crate) fn line_at(&mut self, offset: u64) -> u64 {
        let mut offset = (offset as usize).min(self.text.len());
        while offset < self.text.len() && matches!(self.text[offset], b'\r' | b'\n') {
            offset += 1;
        }
        if offset > self.offset {
            self.line += line_breaks(&self.text[self.offset..offset]);
            self.offset = offset;
        }
        self.line
    }
}

fn missing_column(file: &str, line: u64, field: Field) -> Error {
    Error::Input {
        path: file.into(),
        line,
        message: format!(
            "no {} column found; expected a header row naming it as one of: {}",
            field.label(),
            field.aliases().join(", ")
        ),
    }
}

/// Which column holds which field.
struct Columns {
    index: HashMap<Field, usize>,
    /// `index` by [`Field`] as a number, for reading rows.
    positions: [Option<usize>; Field::ALL.len()],
    width: usize,
    unknown: Vec<(String, usize)>,
    /// Columns with an empty header.
    unnamed: Vec<usize>,
    /// The header as compared: to spot it again further down.
    keys: Vec<String>,
    warnings: Vec<String>,
}

impl Columns {
    fn from_header(header: &csv::StringRecord) -> Columns {
        let mut index = HashMap::new();
        let mut unknown = Vec::new();
        let mut unnamed = Vec::new();
        let mut warnings = Vec::new();
        for (i, name) in header.iter().enumerate() {
            match Field::from_header(name) {
                Some(field) => {
                    if let Some(first) = index.get(&field) {
                        warnings.push(format!(
                            "columns {} and {} both hold {}; using column {}",
                            first + 1,
                            i + 1,
                            field.label(),
                            first + 1
                        ));
                    } else {
                        index.insert(field, i);
                    }
                }
                None if normalize_header(name).is_empty() => unnamed.push(i),
                None => unknown.push((name.trim().to_string(), i)),
            }
        }
        Columns {
            positions: Field::ALL.map(|field| index.get(&field).copied()),
            index,
            width: header.len(),
            unknown,
            unnamed,
            keys: header.iter().map(normalize_header).collect(),
            warnings,
        }
    }

    fn position(&self, field: Field) -> Option<usize> {
        self.positions[field as usize]
    }

    fn is_header(&self, record: &csv::StringRecord) -> bool {
        // Most rows are told apart by their first cell.
        let first = |record: &csv::StringRecord| {
            let (Some(cell), Some(key)) = (record.get(0), self.keys.first()) else {
                return true;
            };
            normalize_header(cell) == *key
        };
        record.len() >= self.keys.len()
            && first(record)
            && record
                .iter()
                .zip(&self.keys)
                .all(|(field, key)| normalize_header(field) == *key)
    }
}

fn read_row(
    file: &std::sync::Arc<str>,
    line: u64,
    record: &csv::StringRecord,
    columns: &Columns,
    as_of: NaiveDate,
    warnings: &mut Vec<Problem>,
    texts: &mut Interner,
) -> Row {
    let cleaned: [Cow<'_, str>; Field::ALL.len()] = Field::ALL.map(|field| {
        columns
            .position(field)
            .and_then(|i| record.get(i))
            .map_or(Cow::Borrowed(""), clean)
    });
    let get = |field: Field| -> &str { &cleaned[field as usize] };
    let task_id = get(Field::TaskId).to_string();
    let mut errors = Vec::new();
    for field in Field::ALL {
        let text = get(field);
        let length = if text.len() > MAX_FIELD_CHARS {
            text.chars().count()
        } else {
            0
        };
        if length > MAX_FIELD_CHARS {
            errors.push(Problem::at(
                file,
                line,
                Some(field.label()),
                format!(
                    "{length} characters; a field holds at most {MAX_FIELD_CHARS}: check the export"
                ),
            ));
        }
    }
    let mut error = |field: Option<Field>, message: String| {
        errors.push(Problem::at(file, line, field.map(Field::label), message));
    };

    if record.len() < columns.width
        || record
            .iter()
            .skip(columns.width)
            .any(|f| !f.trim().is_empty())
    {
        error(
            None,
            format!(
                "expected {} fields as in the header, found {}: check for an unquoted comma or a \
                 missing cell",
                columns.width,
                record.len()
            ),
        );
    } else if record.len() > columns.width {
        warnings.push(Problem::at(
            file,
            line,
            None,
            format!(
                "{} empty cell(s) after the last column ignored",
                record.len() - columns.width
            ),
        ));
    }
    if task_id.is_empty() {
        error(
            Some(Field::TaskId),
            "empty: every row needs its task id".into(),
        );
    } else if holds_personal_number(&task_id) {
        error(
            Some(Field::TaskId),
            "holds what looks like a mobile or identity-card number; a task id is published as \
             it is, so it must not carry personal data"
                .into(),
        );
    } else if record
        .get(columns.index[&Field::TaskId])
        .is_some_and(|raw| raw.trim().chars().any(char::is_control))
    {
        error(Some(Field::TaskId), "contains control characters".into());
    }

    let mut date = |field: Field| -> Option<NaiveDate> {
        let text = get(field);
        if text.is_empty() {
            return None;
        }
        match dates::parse_date(text) {
            Ok(day) if day.year() < EARLIEST_YEAR => {
                error(
                    Some(field),
                    format!("{day} is before {EARLIEST_YEAR}: check the year"),
                );
                None
            }
            Ok(day) => Some(day),
            Err(message) => {
                error(
                    Some(field),
                    format!("{message}; expected {}", dates::DATE_FORMATS),
                );
                None
            }
        }
    };
    let start = date(Field::Start);
    let end = date(Field::End);
    if let (Some(start), Some(end)) = (start, end)
        && end < start
    {
        error(
            Some(Field::End),
            format!("{end} is before the start date {start}"),
        );
    }
    if let Some(end) = end
        && end > as_of
    {
        error(
            Some(Field::End),
            format!(
                "{end} is after the as-of date {as_of}: an inspection cannot have ended in the future"
            ),
        );
    }

    let quarter = match get(Field::Quarter) {
        "" => None,
        text => text
            .parse::<Quarter>()
            .map_err(|m| error(Some(Field::Quarter), m))
            .ok(),
    };

    let mut code = credit_code::normalize(get(Field::CreditCode));
    if is_personal_code(&code) {
        // Individual businesses sometimes give the owner's identity card instead.
        warnings.push(Problem::at(
            file,
            line,
            Some(Field::CreditCode.label()),
            "holds an identity-card number, not a credit code: published masked",
        ));
        code = mask(&code).into_owned();
    } else if !code.is_empty() {
        match credit_code::check(&code) {
            Ok(()) => {}
            Err(CodeProblem::Malformed(message)) => error(Some(Field::CreditCode), message),
            Err(CodeProblem::CheckDigit { expected, found }) => warnings.push(Problem::at(
                file,
                line,
                Some(Field::CreditCode.label()),
                format!("\"{code}\": check character is {found}, GB 32100 gives {expected}; published as written"),
            )),
        }
    }

    let joint_text = get(Field::Joint);
    let joint_departments = mask(get(Field::JointDepartments)).into_owned();
    let joint = match joint_text {
        "是" | "Y" | "y" | "yes" | "Yes" | "YES" | "true" | "TRUE" | "1" | "联合" | "联合检查" => {
            true
        }
        "否" | "N" | "n" | "no" | "No" | "NO" | "false" | "FALSE" | "0" | "" | "无" => {
            !joint_departments.is_empty() && joint_departments != "无"
        }
        other => {
            warnings.push(Problem::at(
                file,
                line,
                Some(Field::Joint.label()),
                format!("\"{other}\" is not 是 or 否; counted as a joint inspection only if 联合检查部门 is filled"),
            ));
            !joint_departments.is_empty()
        }
    };

    let mut text = |text: &str| texts.text(text);
    let record = errors.is_empty().then(|| {
        std::sync::Arc::new(Record {
            slug: task_slug(&task_id),
            task_id: task_id.clone(),
            unit: text(&mask(get(Field::Unit))),
            category: text(&mask(get(Field::Category))),
            matter: text(&mask(get(Field::Matter))),
            entity: text(&mask(get(Field::Entity))),
            credit_code: text(&code),
            address: text(&mask(get(Field::Address))),
            inspectors: text(&mask(get(Field::Inspectors))),
            start,
            end,
            result: text(&mask(get(Field::Result))),
            handling: text(&mask(get(Field::Handling))),
            joint,
            joint_departments: text(&joint_departments),
            quarter,
        })
    });
    Row {
        file: file.clone(),
        line,
        task_id,
        record,
        errors,
    }
}

/// Rows sharing a task id, or ids that would share a page, cannot be told apart: all of them are
/// rejected, each naming the others.
fn reject_duplicates(rows: &mut [Row]) {
    let mut by_slug: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, row) in rows.iter().enumerate() {
        if !row.task_id.is_empty() {
            by_slug.entry(task_slug(&row.task_id)).or_default().push(i);
        }
    }
    for group in by_slug.values().filter(|g| g.len() > 1) {
        for &i in group {
            let others: Vec<String> = group
                .iter()
                .filter(|&&j| j != i)
                .map(|&j| {
                    format!(
                        "{}:{} (\"{}\")",
                        rows[j].file, rows[j].line, rows[j].task_id
                    )
                })
                .collect();
            let row = &mut rows[i];
            let message = format!(
                "task id \"{}\" is not unique: also at {}; fix the export so each task appears once",
                row.task_id,
                others.join(", ")
            );
            row.errors.push(Problem::at(
                &row.file,
                row.line,
                Some(Field::TaskId.label()),
                message,
            ));
            row.record = None;
        }
    }
}

/// The page folder for a task id: lower-case ASCII letters, digits, `-` and `_`. An id that
/// needed more than lower-casing gets a hash of the original appended, so two ids never share
/// a folder by accident and nothing in an id can reach outside `tasks/`.
pub fn task_slug(task_id: &str) -> String {
    let mut slug = String::with_capacity(task_id.len());
    for c in task_id.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_alphanumeric() || c == '_' || c == '-' {
            slug.push(c);
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    let slug = slug.trim_matches('-');
    let slug: String = slug.chars().take(80).collect();
    if !slug.is_empty() && slug.eq_ignore_ascii_case(task_id) {
        slug
    } else if slug.is_empty() {
        format!("task-{:016x}", crate::stable_hash(&task_id.to_lowercase()))
    } else {
        format!(
            "{slug}-{:016x}",
            crate::stable_hash(&task_id.to_lowercase())
        )
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
        let mut unknown = BTreeMap::new();
        read_file(
            "data/tasks/t.csv",
            text,
            d("2025-12-31"),
            &mut tasks,
            &mut unknown,
        )
        .unwrap();
        reject_duplicates(&mut tasks.rows);
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
                    unclosed_quote(&text, delimiter),
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
        let err = read_file(
            "t.csv",
            text,
            d("2025-12-31"),
            &mut tasks,
            &mut BTreeMap::new(),
        )
        .unwrap_err();
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
        let err = read_file(
            "x.csv",
            b"name,date\na,b\n",
            d("2025-01-01"),
            &mut tasks,
            &mut BTreeMap::new(),
        )
        .unwrap_err();
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
            let _ = read_file(
                "f.csv",
                &bytes,
                d("2025-12-31"),
                &mut tasks,
                &mut BTreeMap::new(),
            );
            reject_duplicates(&mut tasks.rows);
            for row in &tasks.rows {
                assert_eq!(row.record.is_none(), !row.errors.is_empty());
            }
        }
    }

    #[test]
    fn slugs_are_safe_and_stable() {
        assert_eq!(task_slug("PS-2025-Q3-0001"), "ps-2025-q3-0001");
        assert_eq!(task_slug("ps_1"), "ps_1");
        for id in [
            "../../etc/passwd",
            "a/b",
            "坪山2025-001",
            "..",
            "<script>",
            "a b",
        ] {
            let slug = task_slug(id);
            assert!(
                !slug.is_empty()
                    && slug
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'),
                "{id} -> {slug}"
            );
            assert!(slug.len() > 16, "{id} -> {slug} should carry a hash");
        }
        assert_ne!(task_slug("a/b"), task_slug("a b"));
        assert_eq!(
            task_slug("PS/1"),
            task_slug("ps/1"),
            "ids differing in case only share a page"
        );
        assert_eq!(task_slug("a/b"), task_slug("a/b"));
    }
}
