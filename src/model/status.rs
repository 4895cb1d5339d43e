//! Where an item stands against its deadline, with the label citizens see.

use serde::{Deserialize, Serialize};

/// Where an item stands against its disclosure deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Published late without a recorded reason: a violation.
    Late,
    /// Not published and past its deadline: a violation.
    Overdue,
    /// Published late, with a reason in the ledger.
    Excused,
    /// Not published yet, deadline not passed.
    Due,
    OnTime,
    /// A task without an end date (检查未结束).
    InProgress,
    /// A row that cannot be trusted: reported as an error, never published.
    Rejected,
    /// A quarter that has not ended yet.
    Open,
    /// A quarter of a period that set no deadline for its summary (`quarter_summary = false`):
    /// its page is published, and nothing is due.
    NotRequired,
    /// On time or not, due or overdue, as a year's holiday notice not out yet will decide
    /// (its deadline is known only as a bound).
    Undecided,
}

impl Status {
    pub fn is_violation(self) -> bool {
        matches!(self, Status::Late | Status::Overdue)
    }

    /// Whether CI fails on it: a violation, or a status that may turn out to be one.
    pub fn fails_ci(self) -> bool {
        matches!(self, Status::Late | Status::Overdue | Status::Undecided)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Late => "late",
            Status::Overdue => "overdue",
            Status::Excused => "excused",
            Status::Due => "due",
            Status::OnTime => "on_time",
            Status::InProgress => "in_progress",
            Status::Rejected => "rejected",
            Status::Open => "open",
            Status::NotRequired => "not_required",
            Status::Undecided => "undecided",
        }
    }

    /// The label shown to citizens.
    pub fn chinese(self) -> &'static str {
        match self {
            Status::Late => "逾期公示",
            Status::Overdue => "逾期未公示",
            Status::Excused => "延期公示（已说明理由）",
            Status::Due => "待公示",
            Status::OnTime => "按期公示",
            Status::InProgress => "检查中",
            Status::Rejected => "数据有误",
            Status::Open => "季度未结束",
            Status::NotRequired => "无季度汇总公示期限",
            Status::Undecided => "待确定",
        }
    }
}
