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

use super::{Cell, DATE_COLUMNS, NUMBER_COLUMNS, cells, csv_header, open_record};
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
    let day = Format::new().set_num_format("yyyy-mm-dd");
    let count = Format::new().set_num_format("0");
    // Excel's own way of keeping a text that starts like a formula a text, also once the cell
    // is edited: the cell holds the text as published, and Excel shows it so.
    let formula_like = Format::new().set_num_format("@").set_quote_prefix();

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
    // Compressing is most of the cost of a workbook: the fastest level takes a third less time
    // than the default (6) for files half again as large, still far smaller than the CSVs.
    workbook.set_zip_compression_level(1);
    let worksheet = workbook.add_worksheet_with_constant_memory()?;
    worksheet.set_name(sheet.name)?;
    worksheet.set_freeze_panes(1, 0)?;

    // Each column's format is the one its cells take (and cells typed in later): a cell
    // written without one gets its column's, which spares a format lookup per cell. Rows are
    // written out as they go, so the columns' formats come first.
    let dates: Vec<bool> = header.iter().map(|h| DATE_COLUMNS.contains(h)).collect();
    for (col, name) in header.iter().enumerate() {
        let format = if dates[col] {
            &day
        } else if NUMBER_COLUMNS.contains(name) {
            &count
        } else {
            &text
        };
        worksheet.set_column_format(col as u16, format)?;
    }
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
                Cell::Text(value) => {
                    let value = within_limit(&value);
                    let format = if super::looks_like_formula(&value) {
                        Some(&formula_like)
                    } else if dates[col] {
                        Some(&text)
                    } else {
                        None
                    };
                    match format {
                        Some(format) => {
                            worksheet.write_string_with_format(row, c, &*value, format)?
                        }
                        None => worksheet.write_string(row, c, &*value)?,
                    };
                    value.width()
                }
                Cell::Number(n) => {
                    worksheet.write_number_with_format(row, c, f64::from(n), &count)?;
                    n.to_string().len()
                }
                Cell::Date(value) => {
                    match parse_day(value) {
                        Some(date) if dates[col] => {
                            worksheet.write_datetime(row, c, &excel_day(date)?)?
                        }
                        Some(date) => {
                            worksheet.write_datetime_with_format(row, c, &excel_day(date)?, &day)?
                        }
                        // Not a day after all: kept as written.
                        None => worksheet.write_string_with_format(row, c, value, &text)?,
                    };
                    value.width()
                }
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

/// The most a cell holds: 32,767 UTF-16 code units.
const CELL_LIMIT: usize = 32_767;

/// What an Excel cell can hold of a text: all of it, but for a text longer than a cell holds
/// (no export has one; the CSV has it whole), which ends in a note that it was cut, rather than
/// the build failing.
fn within_limit(text: &str) -> Cow<'_, str> {
    // A UTF-16 code unit is at least a third of a UTF-8 byte count.
    if text.len() <= CELL_LIMIT || text.encode_utf16().count() <= CELL_LIMIT {
        return Cow::Borrowed(text);
    }
    const CUT: &str = "……（超出 Excel 单元格长度，全文见 CSV）";
    let room = CELL_LIMIT - CUT.encode_utf16().count();
    let mut used = 0;
    let end = text
        .char_indices()
        .find(|(_, c)| {
            used += c.len_utf16();
            used > room
        })
        .map_or(text.len(), |(at, _)| at);
    Cow::Owned(format!("{}{CUT}", &text[..end]))
}

/// `yyyy-mm-dd`, as the open data writes days.
fn parse_day(text: &str) -> Option<NaiveDate> {
    text.parse().ok()
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

#[cfg(test)]
mod tests {
    use super::{CELL_LIMIT, within_limit};

    #[test]
    fn a_text_longer_than_a_cell_is_cut_with_a_note() {
        assert_eq!(within_limit("未发现问题"), "未发现问题");
        let long = "废".repeat(CELL_LIMIT);
        assert_eq!(within_limit(&long), long);
        // Past the limit, by a character outside the Basic Multilingual Plane (two units).
        let longer = format!("{}𠀀", "废".repeat(CELL_LIMIT - 1));
        let cut = within_limit(&longer);
        assert_eq!(cut.encode_utf16().count(), CELL_LIMIT);
        assert!(
            cut.starts_with("废废") && cut.ends_with("全文见 CSV）"),
            "{cut}"
        );
    }
}
