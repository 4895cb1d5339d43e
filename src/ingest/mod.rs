//! Reading the task ledgers (台账) exported by the platforms: encodings, header aliases, dates,
//! and the checks that decide whether a row can be trusted.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use crate::error::{Error, Result};
use crate::report::Problem;

mod columns;
mod decode;
mod record;
mod table;

pub use columns::Field;
pub(crate) use columns::{Columns, missing_column};
pub use decode::decode;
pub(crate) use decode::reads_as_utf8;
pub(crate) use record::{EARLIEST_YEAR, Interner, clean, is_personal_code, read_row};
pub use record::{Record, Text};
pub use table::{Excerpt, excerpt, excerpt_of_text};
pub(crate) use table::{LineCounter, guess_delimiter, unclosed_quote};

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
