//! Reading a table (a CSV text, or a sheet of a workbook) into rows with their places. The task
//! ledgers, the publication ledger, `ledger import` and the error excerpts all read through
//! here, so that they agree on what line a row is on.

use std::sync::Arc;

use calamine::{Data, Dimensions, Reader as _};
use csv::StringRecord;

use super::{Columns, Field, decode};
use crate::error::{Error, Result};

/// The kinds of file a task ledger can be.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FileKind {
    Csv,
    /// `.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`: read with calamine.
    Workbook,
}

impl FileKind {
    pub(crate) fn of(name: &str) -> Option<FileKind> {
        let extension = std::path::Path::new(name)
            .extension()?
            .to_string_lossy()
            .to_ascii_lowercase();
        match extension.as_str() {
            "csv" => Some(FileKind::Csv),
            "xlsx" | "xlsm" | "xlsb" | "xls" | "ods" => Some(FileKind::Workbook),
            _ => None,
        }
    }
}

/// A table of a task file: a whole CSV file, or one sheet of a workbook.
pub(crate) struct Table {
    /// The sheet's name; `None` for CSV.
    pub sheet: Option<Arc<str>>,
    /// Whether merged areas are known (.xlsx, .xls): elsewhere (CSV, .ods, .xlsb) a merged
    /// cell reads as its value on the first row and empty cells below.
    pub merges_known: bool,
    body: Body,
}

enum Body {
    Csv {
        text: String,
        delimiter: u8,
    },
    Sheet {
        cells: Cells,
        merged: Vec<Dimensions>,
    },
}

/// The cells of a sheet that hold something, row by row, in order: what a sheet costs is what
/// it holds, not the rectangle from A1 to its farthest cell (a stray value in XFD1048576 would
/// make that seventeen billion cells).
#[derive(Default)]
struct Cells {
    rows: Vec<(u32, Vec<(u32, Data)>)>,
}

/// The most cells a sheet may hold: a province's million results of 25 columns, and more.
const MAX_SHEET_CELLS: u64 = 50_000_000;

/// The most merged areas a sheet may have: an export merges a few per task.
const MAX_MERGED_AREAS: usize = 200_000;

/// The most bytes of a cell's text that are read: more than a field may hold (10,000
/// characters of up to 4 bytes), so that a longer one is still told apart as too long.
const MAX_CELL_BYTES: usize = 40_004;

/// A cell's text, cut after [`MAX_CELL_BYTES`] at a character's boundary.
fn capped(text: &str) -> &str {
    if text.len() <= MAX_CELL_BYTES {
        return text;
    }
    let mut end = MAX_CELL_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// The most cells that merged areas may fill in a sheet: far beyond any export, and short of
/// a crafted file's billions.
const MAX_MERGED_CELLS: u64 = 20_000_000;

impl Cells {
    fn push(&mut self, (row, column): (u32, u32), value: Data) {
        if value == Data::Empty {
            return;
        }
        match self.rows.last_mut() {
            Some((last, cells)) if *last == row => cells.push((column, value)),
            _ => self.rows.push((row, vec![(column, value)])),
        }
    }

    /// Puts rows and columns in order (a reader may give them otherwise).
    fn sort(&mut self) {
        if !self.rows.is_sorted_by_key(|(row, _)| *row) {
            let mut all: Vec<((u32, u32), Data)> = std::mem::take(&mut self.rows)
                .into_iter()
                .flat_map(|(row, cells)| cells.into_iter().map(move |(c, v)| ((row, c), v)))
                .collect();
            all.sort_by_key(|(at, _)| *at);
            for (at, value) in all {
                self.push(at, value);
            }
        }
        for (_, cells) in &mut self.rows {
            if !cells.is_sorted_by_key(|(column, _)| *column) {
                cells.sort_by_key(|(column, _)| *column);
            }
        }
    }

    fn from_range(range: &calamine::Range<Data>) -> Cells {
        let mut cells = Cells::default();
        let (row0, column0) = range.start().unwrap_or((0, 0));
        for (row, column, value) in range.used_cells() {
            cells.push((row0 + row as u32, column0 + column as u32), value.clone());
        }
        cells
    }

    fn get(&self, row: u32, column: u32) -> Option<&Data> {
        let at = self.rows.binary_search_by_key(&row, |(r, _)| *r).ok()?;
        let cells = &self.rows[at].1;
        let at = cells.binary_search_by_key(&column, |(c, _)| *c).ok()?;
        Some(&cells[at].1)
    }

    /// The last row and the farthest column that hold something.
    fn extent(&self) -> Option<(u32, u32)> {
        let last_row = self.rows.last()?.0;
        let last_column = self
            .rows
            .iter()
            .filter_map(|(_, cells)| cells.last().map(|(c, _)| *c))
            .max()?;
        Some((last_row, last_column))
    }
}

/// A file opened as tables, with what was noticed on the way (a file mixing encodings).
pub(crate) struct Opened {
    pub tables: Vec<Table>,
    pub warning: Option<String>,
}

/// Whether a panic happened in the workbook reader's own code (calamine and the zip and XML
/// readers under it): such a panic is contained, and its file named as unreadable, so a panic
/// hook can leave it unsaid.
pub fn is_workbook_reader_panic(info: &std::panic::PanicHookInfo<'_>) -> bool {
    info.location().is_some_and(|at| {
        let file = at.file().replace('\\', "/");
        [
            "/calamine-",
            "/zip-",
            "/quick-xml-",
            "/codepage-",
            "/encoding_rs-",
        ]
        .iter()
        .any(|crate_dir| file.contains(crate_dir))
    })
}

/// Why a file could not be opened as tables.
pub(crate) enum OpenError {
    /// A workbook that is not one (damaged, encrypted, another format under its name): the
    /// file is named as not read, and the rest of the site is still built.
    Unreadable(String),
    /// A CSV that cannot be read as it is (an undecodable line, a quote never closed).
    Fatal(Error),
}

/// Opens a task file by its kind: decodes a CSV (see [`decode`]) and checks its quotes, or reads
/// every sheet of a workbook with its merged areas.
pub(crate) fn open(file: &str, bytes: &[u8]) -> std::result::Result<Opened, OpenError> {
    match FileKind::of(file) {
        // The workbook reader parses zip archives and binary records that anyone could have
        // crafted: should it panic on one, that file is named as unreadable, and the build
        // goes on.
        Some(FileKind::Workbook) => std::panic::catch_unwind(|| open_workbook(bytes))
            .unwrap_or_else(|_| Err(crate::tr!("ingest-reader-failed")))
            .map_err(|reason| {
                OpenError::Unreadable(crate::tr!("ingest-workbook-unreadable", reason = reason))
            }),
        _ => {
            let (text, warning) = decode(bytes).map_err(|message| {
                OpenError::Fatal(Error::Input {
                    path: file.into(),
                    line: 1,
                    message,
                })
            })?;
            let delimiter = guess_delimiter(&text);
            if let Some(line) = unclosed_quote(text.as_bytes(), delimiter) {
                return Err(OpenError::Fatal(Error::Input {
                    path: file.into(),
                    line,
                    message: crate::tr!("ingest-unclosed-quote"),
                }));
            }
            Ok(Opened {
                tables: vec![Table {
                    sheet: None,
                    merges_known: false,
                    body: Body::Csv { text, delimiter },
                }],
                warning,
            })
        }
    }
}

fn open_workbook(bytes: &[u8]) -> std::result::Result<Opened, String> {
    super::cfb::check(bytes)?;
    let mut workbook = calamine::open_workbook_auto_from_rs(std::io::Cursor::new(bytes))
        .map_err(|e| e.to_string())?;
    let names = workbook.sheet_names();
    let mut tables = Vec::with_capacity(names.len());
    for name in names {
        let cells = match &mut workbook {
            // Cell by cell, as the file holds them.
            calamine::Sheets::Xlsx(xlsx) => match xlsx.worksheet_cells_reader(&name) {
                Ok(mut reader) => {
                    let mut cells = Cells::default();
                    let mut count: u64 = 0;
                    while let Some(cell) = reader.next_cell().map_err(|e| sheet_error(&name, e))? {
                        count += 1;
                        if count > MAX_SHEET_CELLS {
                            return Err(crate::tr!(
                                "ingest-sheet-too-many-cells",
                                sheet = &name,
                                max = MAX_SHEET_CELLS
                            ));
                        }
                        let (row, column) = cell.get_position();
                        if row >= 1_048_576 || column >= 16_384 {
                            return Err(crate::tr!(
                                "ingest-sheet-cell-outside",
                                sheet = &name,
                                row = u64::from(row) + 1,
                                column = u64::from(column) + 1
                            ));
                        }
                        let value = match cell.get_value() {
                            // A shared string is copied once per cell: no more of it than a
                            // field may hold (and a little more, to tell that it was longer).
                            calamine::DataRef::SharedString(text) => {
                                Data::String(capped(text).to_string())
                            }
                            calamine::DataRef::String(text) => {
                                Data::String(capped(text).to_string())
                            }
                            other => Data::from(other.clone()),
                        };
                        cells.push((row, column), value);
                    }
                    Ok(cells)
                }
                Err(e) => Err(e.to_string()),
            },
            other => other
                .worksheet_range(&name)
                .map(|range| Cells::from_range(&range))
                .map_err(|e| e.to_string()),
        };
        let mut cells = match cells {
            Ok(cells) => cells,
            // A chart sheet or a macro sheet holds no cells.
            Err(_) if is_not_a_worksheet(&workbook, &name) => continue,
            Err(e) => return Err(sheet_error(&name, e)),
        };
        cells.sort();
        let merges_known = matches!(
            workbook,
            calamine::Sheets::Xlsx(_) | calamine::Sheets::Xls(_)
        );
        let merged = match &mut workbook {
            calamine::Sheets::Xlsx(xlsx) => xlsx
                .merge_cells_by_sheet_name(&name)
                .map_err(|e| sheet_error(&name, e))?,
            calamine::Sheets::Xls(xls) => xls.merge_cells_by_sheet_name(&name).unwrap_or_default(),
            // calamine does not give the merged areas of .xlsb and .ods.
            _ => Vec::new(),
        };
        // A merged area reaches no farther than the cells that hold something.
        let merged: Vec<Dimensions> = match cells.extent() {
            None => Vec::new(),
            Some((last_row, last_column)) => merged
                .into_iter()
                .filter(|area| area.start.0 <= last_row && area.start.1 <= last_column)
                .map(|area| {
                    Dimensions::new(
                        area.start,
                        (area.end.0.min(last_row), area.end.1.min(last_column)),
                    )
                })
                .collect(),
        };
        if merged.len() > MAX_MERGED_AREAS
            || merged.iter().map(Dimensions::len).sum::<u64>() > MAX_MERGED_CELLS
        {
            return Err(crate::tr!(
                "ingest-sheet-too-many-merged",
                sheet = &name,
                areas = MAX_MERGED_AREAS,
                cells = MAX_MERGED_CELLS
            ));
        }
        tables.push(Table {
            sheet: Some(super::clean(&name).as_ref().into()),
            merges_known,
            body: Body::Sheet { cells, merged },
        });
    }
    Ok(Opened {
        tables,
        warning: None,
    })
}

/// What the workbook reader said of a sheet.
fn sheet_error(name: &str, error: impl std::fmt::Display) -> String {
    crate::tr!(
        "ingest-sheet-error",
        sheet = name,
        error = error.to_string()
    )
}

fn is_not_a_worksheet<RS: std::io::Read + std::io::Seek>(
    workbook: &calamine::Sheets<RS>,
    name: &str,
) -> bool {
    workbook
        .sheets_metadata()
        .iter()
        .find(|sheet| sheet.name == name)
        .is_some_and(|sheet| sheet.typ != calamine::SheetType::WorkSheet)
}

impl Table {
    /// Calls `each` with every row, in order, and the row's line (CSV) or row number (sheet),
    /// 1-based. A sheet's rows are as wide as its used area from column A, so that a row's cell
    /// `i` is column `i` of the sheet; a merged area gives its value to every cell it covers.
    pub(crate) fn for_each_row(
        &self,
        file: &str,
        mut each: impl FnMut(u64, &StringRecord) -> Result<()>,
    ) -> Result<()> {
        match &self.body {
            Body::Csv { text, delimiter } => {
                let mut rows = CsvRows::new(text, *delimiter);
                while let Some(row) = rows.next_row() {
                    let line = row.map_err(|(line, message)| Error::Input {
                        path: file.into(),
                        line,
                        message: crate::tr!("ingest-csv-unreadable", message = message),
                    })?;
                    each(line, rows.record())?;
                }
                Ok(())
            }
            Body::Sheet { cells, merged } => {
                let (Some(&(first_row, _)), Some(&(last_row, _))) =
                    (cells.rows.first(), cells.rows.last())
                else {
                    return Ok(());
                };
                let mut record = StringRecord::new();
                let mut text = String::new();
                // The merged areas by first row; those over the current row are the few looked
                // at for each cell.
                let mut areas: Vec<&Dimensions> = merged.iter().collect();
                areas.sort_unstable_by_key(|area| area.start.0);
                let mut next_area = 0;
                let mut over_row: Vec<&Dimensions> = Vec::new();
                let mut next_row = 0;
                for row in first_row..=last_row {
                    over_row.retain(|area| area.end.0 >= row);
                    while next_area < areas.len() && areas[next_area].start.0 <= row {
                        if areas[next_area].end.0 >= row {
                            over_row.push(areas[next_area]);
                        }
                        next_area += 1;
                    }
                    let present: &[(u32, Data)] = match cells.rows.get(next_row) {
                        Some((r, present)) if *r == row => {
                            next_row += 1;
                            present
                        }
                        _ => &[],
                    };
                    // As wide as its farthest cell, or merged area, from column A.
                    let width = present
                        .last()
                        .map(|(c, _)| *c + 1)
                        .into_iter()
                        .chain(over_row.iter().map(|area| area.end.1 + 1))
                        .max()
                        .unwrap_or(0);
                    record.clear();
                    let mut here = present.iter().peekable();
                    for column in 0..width {
                        while here.next_if(|(c, _)| *c < column).is_some() {}
                        text.clear();
                        match over_row.iter().find(|area| area.contains(row, column)) {
                            // Down a merged area's first column its value is repeated: a task
                            // id over its companies' rows. Across, it is one cell: a title over
                            // A1:L1, or 检查日期 over the 开始日期 and 结束日期 below, gives
                            // its value to no other column.
                            Some(area) => {
                                if column == area.start.1
                                    && let Some(cell) = cells.get(area.start.0, area.start.1)
                                {
                                    cell_text(cell, &mut text);
                                }
                            }
                            None => {
                                if let Some((_, cell)) = here.next_if(|(c, _)| *c == column) {
                                    cell_text(cell, &mut text);
                                }
                            }
                        }
                        record.push_field(&text);
                    }
                    each(u64::from(row) + 1, &record)?;
                }
                Ok(())
            }
        }
    }
}

/// A table's sheet (`None` for CSV) and its rows with their lines.
pub(crate) type SheetRows = (Option<Arc<str>>, Vec<(u64, StringRecord)>);

/// The rows of a file that is not a task ledger (a history to import), table by table, read the
/// way task ledgers are: CSV in any encoding, or every sheet of a workbook.
pub(crate) fn rows_of(file: &str, bytes: &[u8]) -> std::result::Result<Vec<SheetRows>, String> {
    let opened = open(file, bytes).map_err(|e| match e {
        OpenError::Unreadable(message) => message,
        OpenError::Fatal(error) => error.to_string(),
    })?;
    let mut tables = Vec::new();
    for table in opened.tables {
        let mut rows = Vec::new();
        table
            .for_each_row(file, |line, record| {
                rows.push((line, record.clone()));
                Ok(())
            })
            .map_err(|e| e.to_string())?;
        tables.push((table.sheet, rows));
    }
    Ok(tables)
}

/// A cell as text, the way a person reads it in Excel: dates as `2025-08-04`, whole numbers
/// without a decimal point, and a number too long for Excel's digits as Excel shows it
/// (`4.40306E+17`), so that a credit code or id it damaged can be named as such.
fn cell_text(cell: &Data, out: &mut String) {
    use std::fmt::Write as _;
    match cell {
        Data::Empty => {}
        Data::String(text) | Data::DateTimeIso(text) | Data::DurationIso(text) => {
            out.push_str(text)
        }
        Data::Int(number) => {
            let _ = write!(out, "{number}");
        }
        Data::Float(number) => float_text(*number, out),
        Data::Bool(value) => out.push_str(if *value { "TRUE" } else { "FALSE" }),
        // A date cell's number as Excel can show it (days up to 9999-12-31): the reader's own
        // conversion panics on others, and they are no date anyway.
        Data::DateTime(date) if !(0.0..2_958_466.0).contains(&date.as_f64()) => {
            float_text(date.as_f64(), out)
        }
        Data::DateTime(date) => match date.as_datetime() {
            Some(moment) if moment.time() == chrono::NaiveTime::MIN => {
                let _ = write!(out, "{}", moment.date());
            }
            Some(moment) => {
                let _ = write!(out, "{}", moment.format("%Y-%m-%d %H:%M:%S"));
            }
            None => float_text(date.as_f64(), out),
        },
        Data::Error(error) => {
            let _ = write!(out, "{error}");
        }
    }
}

/// Excel keeps 15 significant digits: beyond them a number is not the digits typed.
fn float_text(number: f64, out: &mut String) {
    use std::fmt::Write as _;
    if number.fract() == 0.0 && number.abs() < 1e15 {
        let _ = write!(out, "{}", number as i64);
    } else if number.abs() >= 1e15 {
        // Excel's General format: six significant digits in scientific notation.
        let text = format!("{number:.5E}");
        let (mantissa, exponent) = text.split_once('E').unwrap_or((&text, "0"));
        let mantissa = mantissa.trim_end_matches('0').trim_end_matches('.');
        let exponent: i32 = exponent.parse().unwrap_or(0);
        let _ = write!(
            out,
            "{mantissa}E{}{exponent:02}",
            if exponent < 0 { "-" } else { "+" }
        );
    } else {
        let _ = write!(out, "{number}");
    }
}

/// The letters of a 0-based column, as Excel names it (0 is A, 26 is AA).
pub(crate) fn column_letters(mut column: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (column % 26) as u8);
        if column < 26 {
            break;
        }
        column = column / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The rows of a CSV text, read one by one with the line each starts on and its bytes.
pub(crate) struct CsvRows<'a> {
    text: &'a str,
    reader: csv::Reader<&'a [u8]>,
    lines: LineCounter<'a>,
    record: StringRecord,
    bytes: std::ops::Range<usize>,
}

impl<'a> CsvRows<'a> {
    pub(crate) fn new(text: &'a str, delimiter: u8) -> Self {
        CsvRows {
            text,
            reader: csv::ReaderBuilder::new()
                .has_headers(false)
                .flexible(true)
                .delimiter(delimiter)
                .from_reader(text.as_bytes()),
            lines: LineCounter::new(text.as_bytes()),
            record: StringRecord::new(),
            bytes: 0..0,
        }
    }

    /// The next row's line (its cells are in [`CsvRows::record`]), or the line and reason it
    /// could not be read; `None` at the end.
    pub(crate) fn next_row(&mut self) -> Option<std::result::Result<u64, (u64, String)>> {
        let before = self.reader.position().byte();
        match self.reader.read_record(&mut self.record) {
            Ok(false) => None,
            Ok(true) => {
                let start = self.record.position().map_or(before, |p| p.byte());
                let line = self.lines.line_at(start);
                let end = (self.reader.position().byte() as usize).min(self.text.len());
                self.bytes = start as usize..end;
                Some(Ok(line))
            }
            Err(e) => {
                let line = e.position().map_or(0, |p| self.lines.line_at(p.byte()));
                Some(Err((line, e.to_string())))
            }
        }
    }

    pub(crate) fn record(&self) -> &StringRecord {
        &self.record
    }

    /// The last row as written, without the line breaks around it.
    pub(crate) fn raw(&self) -> &'a str {
        self.text
            .get(self.bytes.clone())
            .unwrap_or_default()
            .trim_matches(['\r', '\n'])
    }
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
    excerpt_of_text(&text, line, field, &super::ColumnNames::default())
}

/// [`excerpt`] from a file's text as [`decode`] gave it (to decode a big file once for many
/// excerpts).
pub fn excerpt_of_text(
    text: &str,
    line: u64,
    field: Option<&str>,
    names: &super::ColumnNames,
) -> Option<Excerpt> {
    let delimiter = guess_delimiter(text);
    let mut rows = CsvRows::new(text, delimiter);
    let mut columns: Option<Columns> = None;
    loop {
        let at = rows.next_row()?.ok()?;
        if columns.is_none() {
            let candidate = Columns::from_header(rows.record(), names);
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
        let raw = rows.raw();
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
pub(crate) fn unclosed_quote(text: &[u8], delimiter: u8) -> Option<u64> {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_and_sheets_are_named_as_excel_names_them() {
        let names: Vec<String> = [0, 2, 25, 26, 27, 51, 52, 701, 702, 16383]
            .into_iter()
            .map(column_letters)
            .collect();
        assert_eq!(
            names,
            ["A", "C", "Z", "AA", "AB", "AZ", "BA", "ZZ", "AAA", "XFD"]
        );
    }

    #[test]
    fn numbers_read_as_excel_shows_them() {
        let shown = |number: f64| {
            let mut out = String::new();
            float_text(number, &mut out);
            out
        };
        assert_eq!(shown(45926.0), "45926");
        assert_eq!(shown(440306000000000000.0), "4.40306E+17");
        assert_eq!(shown(914403001922038216.0), "9.14403E+17");
        assert_eq!(shown(202501010001.0), "202501010001");
        assert_eq!(shown(0.5), "0.5");
        // A date cell holding a number no date can be: shown as the number, without panicking.
        for days in [1e300, -5.0, f64::NAN] {
            let mut out = String::new();
            let cell = Data::DateTime(calamine::ExcelDateTime::new(
                days,
                calamine::ExcelDateTimeType::DateTime,
                false,
            ));
            cell_text(&cell, &mut out);
            assert!(!out.is_empty() || days.is_nan(), "{days}: {out}");
        }
    }

    #[test]
    fn a_merged_area_across_columns_is_one_cell() {
        let mut range = calamine::Range::new((0, 0), (2, 3));
        range.set_value((0, 0), Data::String("标题".into()));
        range.set_value((1, 0), Data::String("任务编号".into()));
        range.set_value((1, 1), Data::String("检查日期".into()));
        range.set_value((2, 1), Data::String("开始日期".into()));
        range.set_value((2, 2), Data::String("结束日期".into()));
        let table = Table {
            sheet: Some("Sheet1".into()),
            merges_known: true,
            body: Body::Sheet {
                cells: Cells::from_range(&range),
                // The title over A1:D1, 任务编号 over A2:A3, 检查日期 over B2:C2.
                merged: vec![
                    Dimensions::new((0, 0), (0, 3)),
                    Dimensions::new((1, 0), (2, 0)),
                    Dimensions::new((1, 1), (1, 2)),
                ],
            },
        };
        let mut rows = Vec::new();
        table
            .for_each_row("t.xlsx", |_, record| {
                rows.push(record.iter().collect::<Vec<_>>().join("|"));
                Ok(())
            })
            .unwrap();
        assert_eq!(
            rows,
            [
                "标题|||",
                "任务编号|检查日期|",
                "任务编号|开始日期|结束日期"
            ]
        );
    }

    #[test]
    fn a_merged_area_gives_its_value_to_every_cell_it_covers() {
        let mut range = calamine::Range::new((0, 0), (3, 2));
        range.set_value((0, 0), Data::String("任务编号".into()));
        range.set_value((0, 1), Data::String("检查对象名称".into()));
        range.set_value((0, 2), Data::String("检查结束日期".into()));
        range.set_value((1, 0), Data::String("T-1".into()));
        range.set_value((1, 1), Data::String("甲".into()));
        range.set_value((2, 1), Data::String("乙".into()));
        range.set_value((3, 0), Data::String("T-2".into()));
        range.set_value((1, 2), Data::Float(45901.0));
        let cells = Cells::from_range(&range);
        let table = Table {
            sheet: Some("Sheet1".into()),
            merges_known: true,
            body: Body::Sheet {
                cells,
                // T-1 over rows 2-3; the date over rows 2-4.
                merged: vec![
                    Dimensions::new((1, 0), (2, 0)),
                    Dimensions::new((1, 2), (3, 2)),
                ],
            },
        };
        let mut rows = Vec::new();
        table
            .for_each_row("t.xlsx", |line, record| {
                rows.push((line, record.iter().collect::<Vec<_>>().join("|")));
                Ok(())
            })
            .unwrap();
        assert_eq!(
            rows,
            [
                (1, "任务编号|检查对象名称|检查结束日期".to_string()),
                (2, "T-1|甲|45901".into()),
                (3, "T-1|乙|45901".into()),
                (4, "T-2||45901".into()),
            ]
        );
    }
}
