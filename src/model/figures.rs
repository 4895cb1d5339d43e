//! A quarter's figures as the summary page shows them and the report carries them (computed in
//! `crate::figures`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// A label and how many tasks have it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Count {
    pub name: String,
    pub count: usize,
}

/// Completion by the end of one month of the quarter.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MonthProgress {
    /// The month's last day.
    pub by: NaiveDate,
    /// Tasks ended by then.
    pub completed: usize,
    /// `completed / total`, 0 to 1.
    pub share: f64,
    /// What the plan asks for by then (0.3, 0.6, 1.0 by default).
    pub target: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterFigures {
    /// Every valid task counted in the quarter, in progress included: one per object (检查对象)
    /// in a task with several.
    pub total: usize,
    /// How many tasks (任务编号) those are, when some have several objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<usize>,
    pub published: usize,
    pub in_progress: usize,
    /// Ended but with no result recorded yet.
    pub awaiting_result: usize,
    /// Joint inspections (联合检查); `None` when a task counted comes from an export with no
    /// column that says (是否联合检查, 联合检查部门): a figure is shown only from what the
    /// exports hold.
    pub joint: Option<usize>,
    /// `joint / total`.
    pub joint_share: Option<f64>,
    /// The year's joint inspections so far, against the plan's annual target (「全年…不低于」);
    /// `None` as `joint` is, over the tasks of every quarter counted.
    pub joint_year_to_date: Option<JointYearToDate>,
    /// Tasks whose result found a problem.
    pub with_problems: usize,
    /// `with_problems` over the tasks with a result.
    pub problem_share: f64,
    pub by_category: Vec<Count>,
    pub by_result: Vec<Count>,
    pub by_unit: Vec<Count>,
    pub months: Vec<MonthProgress>,
    /// Tasks with no published result when the summary was first published; `None` while it
    /// is not.
    pub results_missing_at_publication: Option<usize>,
    /// Tasks with no published result by the end of the summary's deadline; `None` until that
    /// day has passed, and for a quarter with no deadline.
    pub results_missing_at_deadline: Option<usize>,
}

/// Joint inspections from the year's first quarter to this one.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct JointYearToDate {
    /// Tasks counted in those quarters.
    pub total: usize,
    pub joint: usize,
    /// `joint / total`.
    pub share: f64,
    /// The plan's annual share in force for this quarter.
    pub target: f64,
}

/// A year's figures (年度统计), over the tasks of its quarters, as its page and the report show
/// them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct YearFigures {
    pub year: i32,
    /// Every valid task counted in the year's quarters, in progress included.
    pub total: usize,
    /// How many tasks (任务编号) those are, when some have several objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tasks: Option<usize>,
    pub published: usize,
    pub in_progress: usize,
    pub awaiting_result: usize,
    /// Joint inspections; `None` when a task comes from an export with no column that says.
    pub joint: Option<usize>,
    pub joint_share: Option<f64>,
    /// The plan's annual share (「全年…不低于」) in force for the year's last quarter counted.
    pub joint_target: f64,
    pub with_problems: usize,
    /// `with_problems` over the tasks with a result.
    pub problem_share: f64,
    pub by_category: Vec<Count>,
    pub by_result: Vec<Count>,
    pub by_unit: Vec<Count>,
    /// Each quarter of the year with tasks, in order.
    pub quarters: Vec<QuarterCompletion>,
}

/// How far one quarter of a year got.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct QuarterCompletion {
    /// `2025Q3`.
    pub quarter: String,
    pub total: usize,
    /// Tasks whose inspection ended (完成).
    pub completed: usize,
    /// `completed / total`.
    pub share: f64,
    /// Results published.
    pub published: usize,
    pub with_problems: usize,
}
