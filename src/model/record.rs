//! A task record: the row that passed every check, as every later stage reads it.

use chrono::NaiveDate;

use super::ResultClass;
use crate::dates::Quarter;

/// Text that many records share (a unit, a company, a result): held once, whatever the number
/// of rows that carry it.
pub type Text = std::sync::Arc<str>;

/// A task row that passed every check. Text fields are already masked for publication.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Record {
    pub task_id: String,
    /// In a task with several objects (检查对象), what identifies the record: `task id/object`
    /// (see [`Record::id`]). `None` when the task id alone does, as for a task with one object,
    /// which costs nothing for a province's million such records.
    #[serde(skip)]
    pub own_id: Option<Box<str>>,
    /// In a task with several objects, this one's credit code (or name when it has none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<Text>,
    /// The folder name of the record's page: `/tasks/<slug>/`.
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
    /// What the result means (no problem, problem found, ...): from the site's words.
    #[serde(skip)]
    pub class: ResultClass,
    /// 任务名称.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub task_name: Text,
    /// 抽查类型.
    #[serde(default, skip_serializing_if = "str::is_empty")]
    pub inspection_type: Text,
    pub handling: Text,
    pub joint: bool,
    pub joint_departments: Text,
    /// Whether the export has no column saying whether it was a joint inspection (是否联合检查,
    /// 联合检查部门): then `joint` is false for want of one, and counts nowhere.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub no_joint_column: bool,
    pub quarter: Option<Quarter>,
}

impl Record {
    /// The quarter a task counts in: its quarter column, else its end date's quarter, else (for
    /// a task still in progress) its start date's.
    pub fn quarter(&self) -> Option<Quarter> {
        self.quarter.or(self.end.or(self.start).map(Quarter::of))
    }

    /// What identifies the record, in the ledger, the archive and the report: its task id,
    /// or `task id/object` in a task with several objects.
    pub fn id(&self) -> &str {
        self.own_id.as_deref().unwrap_or(&self.task_id)
    }

    /// The object as shown after the task id: the credit code, or the name without one.
    pub fn object_text(&self) -> &str {
        if self.credit_code.is_empty() {
            &self.entity
        } else {
            &self.credit_code
        }
    }

    /// Whether a published version shows a result: an end date and a result, whatever its
    /// words (a version published before they counted as not a result yet is still shown).
    pub fn shows_a_result(&self) -> bool {
        self.end.is_some() && !self.result.is_empty()
    }

    /// A result can be published once the inspection ended and a result was recorded.
    pub fn is_publishable(&self) -> bool {
        self.end.is_some() && !self.result.is_empty() && self.class != ResultClass::Pending
    }
}
