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
    pub joint: usize,
    /// `joint / total`.
    pub joint_share: f64,
    /// Tasks whose result found a problem.
    pub with_problems: usize,
    /// `with_problems` over the tasks with a result.
    pub problem_share: f64,
    pub by_category: Vec<Count>,
    pub by_result: Vec<Count>,
    pub by_unit: Vec<Count>,
    pub months: Vec<MonthProgress>,
}
