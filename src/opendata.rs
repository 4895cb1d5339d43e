//! Open data (开放数据): the published results as CSV (UTF-8 with BOM, so that Excel opens it
//! right), as Excel workbooks with the same rows ([`xlsx`]) and as JSON. Published fields
//! only, masked as on the pages.

use std::borrow::Cow;

use std::io::Write;

use serde::{Serialize, Serializer};

use crate::assess::PublishedTask;
use crate::config::Config;

mod xlsx;

pub use xlsx::{Sheet, xlsx};

/// One published result, with English keys. The CSV row and the JSON object are made from
/// it alone, so a hash of all its fields (`Hash`, derived, so none can be left out) is a
/// fingerprint of both.
#[derive(Serialize, Hash)]
pub struct OpenRecord<'a> {
    pub task_id: &'a str,
    pub quarter: Option<String>,
    pub unit: &'a str,
    pub category: &'a str,
    pub matter: &'a str,
    pub entity: &'a str,
    pub credit_code: &'a str,
    pub address: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub inspectors: Option<&'a str>,
    pub start: Option<String>,
    pub end: Option<String>,
    pub result: &'a str,
    pub handling: &'a str,
    pub joint: bool,
    pub joint_departments: &'a str,
    pub published_on: String,
    pub updated_on: Option<String>,
    /// Corrections published since (更正次数).
    pub revisions: u32,
    /// `null` until the holiday notice of the year it falls in is out.
    pub deadline: Option<String>,
    /// Meanwhile, the earliest it can be.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline_not_before: Option<String>,
    #[serde(skip)]
    pub deadline_pending_year: Option<i32>,
}

pub fn open_record<'a>(task: &'a PublishedTask, config: &Config) -> OpenRecord<'a> {
    let r = &task.record;
    OpenRecord {
        task_id: &r.task_id,
        quarter: r.quarter().map(|q| q.to_string()),
        unit: &r.unit,
        category: &r.category,
        matter: &r.matter,
        entity: &r.entity,
        credit_code: &r.credit_code,
        address: &r.address,
        inspectors: config.privacy.publish_inspectors.then_some(&*r.inspectors),
        start: r.start.map(|d| d.to_string()),
        end: r.end.map(|d| d.to_string()),
        result: &r.result,
        handling: &r.handling,
        joint: r.joint,
        joint_departments: &r.joint_departments,
        published_on: task.published_on.to_string(),
        updated_on: task.updated_on.map(|d| d.to_string()),
        revisions: task.revisions,
        deadline: task.deadline.known().map(|d| d.to_string()),
        deadline_not_before: task
            .deadline
            .known()
            .is_none()
            .then(|| task.deadline.earliest().to_string()),
        deadline_pending_year: task.deadline.missing_year(),
    }
}

/// The columns whose cells are days ([`Cell::Date`], but for a deadline not known yet).
pub const DATE_COLUMNS: [&str; 5] = [
    "检查开始日期",
    "检查结束日期",
    "公示日期",
    "最后更新",
    "公示期限",
];

/// The columns that hold a count: a number cell in the workbook.
pub const NUMBER_COLUMNS: [&str; 1] = ["更正次数"];

/// The CSV header, in Chinese as the platforms write it.
pub fn csv_header(config: &Config) -> Vec<&'static str> {
    let mut header = vec![
        "任务编号",
        "所属季度",
        "执法机构",
        "监管对象类别",
        "抽查事项",
        "检查对象名称",
        "统一社会信用代码",
        "地址",
    ];
    if config.privacy.publish_inspectors {
        header.push("执法人员");
    }
    header.extend([
        "检查开始日期",
        "检查结束日期",
        "检查结果",
        "处理情况",
        "是否联合检查",
        "联合检查部门",
        "公示日期",
        "最后更新",
        "更正次数",
        "公示期限",
    ]);
    header
}

/// Whether a spreadsheet would run a cell as a formula.
pub fn looks_like_formula(cell: &str) -> bool {
    cell.starts_with(['=', '+', '-', '@', '\t', '\r'])
}

/// A cell a spreadsheet would run as a formula (`=`, `+`, `-`, `@`, tab, CR first) gets a
/// leading apostrophe, as OWASP advises against CSV injection.
pub fn neutralize(cell: &str) -> Cow<'_, str> {
    if looks_like_formula(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

/// Writes the tasks as CSV, a row at a time (the whole province's file is never in memory).
pub fn csv<'t>(
    tasks: impl Iterator<Item = &'t PublishedTask>,
    config: &Config,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    out.write_all(b"\xef\xbb\xbf")?;
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(out);
    writer.write_record(csv_header(config)).map_err(io)?;
    for task in tasks {
        let record = open_record(task, config);
        for cell in cells(&record) {
            writer.write_field(cell.csv().as_bytes()).map_err(io)?;
        }
        writer.write_record(None::<&[u8]>).map_err(io)?;
    }
    writer.flush()
}

/// A cell of the open data tables, in the order of [`csv_header`]. The CSV writes each as
/// text; the workbook ([`xlsx`]) as what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'r> {
    /// Text, as published (masked where the pages mask it).
    Text(Cow<'r, str>),
    /// A day, `yyyy-mm-dd`.
    Date(&'r str),
    /// A count (更正次数).
    Number(u32),
    Empty,
}

impl Cell<'_> {
    /// The cell as the CSV writes it: text a spreadsheet would run as a formula neutralised.
    fn csv(&self) -> Cow<'_, str> {
        match self {
            Cell::Text(text) => neutralize(text),
            Cell::Date(day) => Cow::Borrowed(day),
            Cell::Number(n) => Cow::Owned(n.to_string()),
            Cell::Empty => Cow::Borrowed(""),
        }
    }
}

/// A record's cells, in the order of [`csv_header`].
pub fn cells<'r>(r: &'r OpenRecord<'_>) -> Vec<Cell<'r>> {
    let text = |s: &'r str| Cell::Text(Cow::Borrowed(s));
    let date = |d: &'r Option<String>| d.as_deref().map_or(Cell::Empty, Cell::Date);
    let mut row = vec![
        text(r.task_id),
        r.quarter.as_deref().map_or(Cell::Empty, text),
        text(r.unit),
        text(r.category),
        text(r.matter),
        text(r.entity),
        text(r.credit_code),
        text(r.address),
    ];
    if let Some(inspectors) = r.inspectors {
        row.push(text(inspectors));
    }
    row.extend([
        date(&r.start),
        date(&r.end),
        text(r.result),
        text(r.handling),
        text(if r.joint { "是" } else { "否" }),
        text(r.joint_departments),
        Cell::Date(&r.published_on),
        date(&r.updated_on),
        Cell::Number(r.revisions),
        match (&r.deadline, r.deadline_pending_year) {
            (Some(day), _) => Cell::Date(day),
            (None, Some(year)) => Cell::Text(Cow::Owned(crate::calendar::pending_label(year))),
            (None, None) => Cell::Empty,
        },
    ]);
    row
}

/// The fingerprint of what the open data files hold of a task: every field of its record,
/// the ones JSON leaves out (the year a deadline waits for, which the CSV shows) included.
pub fn fingerprint(task: &PublishedTask, config: &Config) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    open_record(task, config).hash(&mut hasher);
    hasher.finish()
}

fn io(error: csv::Error) -> std::io::Error {
    match error.into_kind() {
        csv::ErrorKind::Io(error) => error,
        other => std::io::Error::other(format!("{other:?}")),
    }
}

/// Writes the tasks as a JSON array, a record at a time.
pub fn json<'t>(
    tasks: impl Iterator<Item = &'t PublishedTask>,
    config: &Config,
    out: &mut dyn Write,
) -> std::io::Result<()> {
    let mut serializer = serde_json::Serializer::pretty(&mut *out);
    serializer
        .collect_seq(tasks.map(|t| open_record(t, config)))
        .map_err(std::io::Error::from)?;
    out.write_all(b"\n")
}

#[cfg(test)]
mod tests {
    use super::neutralize;

    #[test]
    fn formulas_are_neutralised() {
        assert_eq!(neutralize("=cmd|' /C calc'!A0"), "'=cmd|' /C calc'!A0");
        assert_eq!(neutralize("@SUM(1)"), "'@SUM(1)");
        assert_eq!(neutralize("未发现问题"), "未发现问题");
        assert_eq!(neutralize("a=b"), "a=b");
    }
}
