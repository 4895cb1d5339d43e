//! The open data as an Excel workbook (`.xlsx`): the CSV's rows and Chinese header, with days
//! as date cells (`yyyy-mm-dd`), everything else as text (credit codes and task ids keep their
//! leading zeros and letters, and no record text is ever run as a formula), a frozen header row
//! with a filter, and columns as wide as their content.
//!
//! The bytes depend on the rows alone: the document's creation date is a day the caller takes
//! from the data, and the zip entries carry no time, so unchanged rows make the same file.

use std::borrow::Cow;
use std::io::Write;

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{DocProperties, ExcelDateTime, Format, Workbook, XlsxError};
use unicode_width::UnicodeWidthStr;

use super::{Cell, cells, csv_header, open_record};
use crate::assess::PublishedTask;
use crate::config::Config;

/// What a workbook says of itself.
pub struct Sheet<'a> {
    /// The worksheet's name (at most 31 characters): 2025年第三季度, 2025年.
    pub name: &'a str,
    /// The document's title (文件属性 › 标题).
    pub title: &'a str,
    /// The bureau, as author and company; empty for none.
    pub bureau: &'a str,
    /// The document's creation date: a day the data gives (the day its newest row last
    /// changed), never the day of the build.
    pub created: NaiveDate,
}

/// The widest a column gets, in Excel's width units (about one Latin letter; a Chinese
/// character takes two). Longer text is there in full, cut off on screen.
const MAX_WIDTH: usize = 60;
/// Room beside the widest value (and the filter button in the header).
const PADDING: usize = 3;
/// Excel's last row (1,048,576 rows, the header included).
const MAX_ROWS: u32 = 1 << 20;

/// Writes the tasks as a workbook of one sheet, a row at a time: rows go to a temporary file
/// as they are written (rust_xlsxwriter's constant memory mode), so a province's year never
/// sits in memory as cells; only the finished, compressed file does.
pub fn xlsx<'t>(
    tasks: impl Iterator<Item = &'t PublishedTask>,
    config: &Config,
    sheet: &Sheet,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let bytes = workbook(tasks, config, sheet).map_err(error)?;
    out.write_all(&bytes)
}

fn workbook<'t>(
    tasks: impl Iterator<Item = &'t PublishedTask>,
    config: &Config,
    sheet: &Sheet,
) -> Result<Vec<u8>, XlsxError> {
    let header = csv_header(config);
    let last_col = (header.len() - 1) as u16;
    let bold = Format::new().set_bold();
    let text = Format::new().set_num_format("@");
    // Excel's own way of keeping a text that starts like a formula a text, also once the cell
    // is edited: the cell holds the text as published, and Excel shows it so.
    let formula_like = Format::new().set_num_format("@").set_quote_prefix();
    let day = Format::new().set_num_format("yyyy-mm-dd");

    let mut workbook = Workbook::new();
    let mut properties = DocProperties::new()
        .set_title(sheet.title)
        .set_creation_datetime(&excel_day(sheet.created)?);
    if !sheet.bureau.is_empty() {
        properties = properties
            .set_author(sheet.bureau)
            .set_company(sheet.bureau);
    }
    workbook.set_properties(&properties);
    let worksheet = workbook.add_worksheet_with_constant_memory()?;
    worksheet.set_name(sheet.name)?;
    worksheet.set_freeze_panes(1, 0)?;

    let mut widths: Vec<usize> = header.iter().map(|h| h.width()).collect();
    for (col, name) in header.iter().enumerate() {
        worksheet.write_string_with_format(0, col as u16, *name, &bold)?;
    }
    let mut row: u32 = 0;
    for task in tasks {
        row += 1;
        if row >= MAX_ROWS {
            return Err(XlsxError::ParameterError(format!(
                "{}: more rows than an Excel sheet holds ({}); the CSV has them all",
                sheet.name,
                MAX_ROWS - 1
            )));
        }
        let record = open_record(task, config);
        for (col, cell) in cells(&record).into_iter().enumerate() {
            let c = col as u16;
            let width = match cell {
                Cell::Empty => continue,
                Cell::Text(value) if value.is_empty() => continue,
                Cell::Text(value) => write_text(worksheet, row, c, &value, &text, &formula_like)?,
                Cell::Date(value) => match parse_day(value) {
                    Some(date) => {
                        worksheet.write_date_with_format(row, c, &excel_day(date)?, &day)?;
                        "yyyy-mm-dd".len()
                    }
                    // Not a day after all: kept as written.
                    None => write_text(worksheet, row, c, value, &text, &formula_like)?,
                },
            };
            widths[col] = widths[col].max(width);
        }
    }
    for (col, width) in widths.into_iter().enumerate() {
        worksheet.set_column_width(col as u16, (width + PADDING).min(MAX_WIDTH) as f64)?;
    }
    worksheet.autofilter(0, 0, row, last_col)?;
    workbook.save_to_buffer()
}

/// Writes a text cell, and says how wide it is.
fn write_text(
    worksheet: &mut rust_xlsxwriter::Worksheet,
    row: u32,
    col: u16,
    value: &str,
    text: &Format,
    formula_like: &Format,
) -> Result<usize, XlsxError> {
    let format = if matches!(super::neutralize(value), Cow::Owned(_)) {
        formula_like
    } else {
        text
    };
    worksheet.write_string_with_format(row, col, value, format)?;
    Ok(value.width())
}

/// `yyyy-mm-dd`, as the open data writes days.
fn parse_day(text: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}

fn excel_day(date: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    let year = u16::try_from(date.year())
        .map_err(|_| XlsxError::ParameterError(format!("{date}: not a year Excel has")))?;
    ExcelDateTime::from_ymd(year, date.month() as u8, date.day() as u8)
}

fn error(error: XlsxError) -> std::io::Error {
    match error {
        XlsxError::IoError(error) => error,
        other => std::io::Error::other(other.to_string()),
    }
}
