//! A quarter's figures (季度统计): what the summary page shows and the report carries, computed
//! once from the records.

use std::collections::BTreeMap;

use crate::dates::Quarter;
use crate::model::{
    Count, MonthProgress, QuarterCompletion, QuarterFigures, Record, ResultClass, YearFigures,
};

/// The label for a task that has no result yet.
pub const IN_PROGRESS_LABEL: &str = "检查中";
pub const NO_RESULT_LABEL: &str = "尚无结果";
const BLANK_LABEL: &str = "（未填写）";

/// Figures for `quarter` over its `members` (`published` says which tasks this build publishes).
pub fn quarter_figures<'a>(
    quarter: Quarter,
    members: impl Iterator<Item = (&'a Record, bool)>,
    monthly_targets: &[f64; 3],
) -> QuarterFigures {
    let members: Vec<(&Record, bool)> = members.collect();
    let total = members.len();
    let in_progress = members.iter().filter(|(r, _)| r.end.is_none()).count();
    let awaiting_result = members
        .iter()
        .filter(|(r, _)| r.end.is_some() && r.class == ResultClass::Pending)
        .count();
    // Counted only where every task's export says (an export without the column gives every
    // task `false`, which would read as none).
    let joint = members
        .iter()
        .all(|(r, _)| !r.no_joint_column)
        .then(|| members.iter().filter(|(r, _)| r.joint).count());
    let with_result = members
        .iter()
        .filter(|(r, _)| r.class != ResultClass::Pending)
        .count();
    let with_problems = members
        .iter()
        .filter(|(r, _)| r.class == ResultClass::Problem)
        .count();
    let result_label = |r: &Record| -> String {
        if r.end.is_none() {
            IN_PROGRESS_LABEL.into()
        } else if r.result.is_empty() {
            NO_RESULT_LABEL.into()
        } else {
            r.result.to_string()
        }
    };
    let months: Vec<MonthProgress> = (0..3)
        .map(|i| {
            let month_start = quarter.first_day() + chrono::Months::new(i + 1);
            let by = month_start.pred_opt().expect("a month has a last day");
            let completed = members
                .iter()
                .filter(|(r, _)| r.end.is_some_and(|e| e <= by))
                .count();
            MonthProgress {
                by,
                completed,
                share: share(completed, total),
                target: monthly_targets[i as usize],
            }
        })
        .collect();
    let tasks = {
        let ids: std::collections::HashSet<&str> =
            members.iter().map(|(r, _)| r.task_id.as_str()).collect();
        (ids.len() != total).then_some(ids.len())
    };
    QuarterFigures {
        total,
        tasks,
        published: members.iter().filter(|(_, p)| *p).count(),
        in_progress,
        awaiting_result,
        joint,
        joint_share: joint.map(|joint| share(joint, total)),
        // Set by the assessment, which sees the other quarters and the ledger.
        joint_year_to_date: None,
        with_problems,
        problem_share: share(with_problems, with_result),
        by_category: counts(members.iter().map(|(r, _)| r.category.to_string())),
        by_result: counts(members.iter().map(|(r, _)| result_label(r))),
        by_unit: counts(members.iter().map(|(r, _)| r.unit.to_string())),
        months,
        results_missing_at_publication: None,
        results_missing_at_deadline: None,
    }
}

/// Figures for `year` over the tasks of its quarters, each given with its quarter and whether
/// this build publishes it; `joint_target` is the plan's annual share.
pub fn year_figures<'a>(
    year: i32,
    members: impl Iterator<Item = (Quarter, &'a Record, bool)>,
    joint_target: f64,
) -> YearFigures {
    let members: Vec<(Quarter, &Record, bool)> = members.collect();
    let records = || members.iter().map(|(_, r, p)| (*r, *p));
    let whole = quarter_figures(Quarter { year, number: 1 }, records(), &[0.0; 3]);
    let mut quarters: BTreeMap<Quarter, QuarterCompletion> = BTreeMap::new();
    for (quarter, record, published) in &members {
        let row = quarters
            .entry(*quarter)
            .or_insert_with(|| QuarterCompletion {
                quarter: quarter.to_string(),
                total: 0,
                completed: 0,
                share: 0.0,
                published: 0,
                with_problems: 0,
            });
        row.total += 1;
        row.completed += usize::from(record.end.is_some());
        row.published += usize::from(*published);
        row.with_problems += usize::from(record.class == ResultClass::Problem);
    }
    YearFigures {
        year,
        total: whole.total,
        tasks: whole.tasks,
        published: whole.published,
        in_progress: whole.in_progress,
        awaiting_result: whole.awaiting_result,
        joint: whole.joint,
        joint_share: whole.joint_share,
        joint_target,
        with_problems: whole.with_problems,
        problem_share: whole.problem_share,
        by_category: whole.by_category,
        by_result: whole.by_result,
        by_unit: whole.by_unit,
        quarters: quarters
            .into_values()
            .map(|row| QuarterCompletion {
                share: share(row.completed, row.total),
                ..row
            })
            .collect(),
    }
}

pub fn share(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        part as f64 / whole as f64
    }
}

/// Counts by label, most frequent first, then by label.
pub fn counts(labels: impl Iterator<Item = String>) -> Vec<Count> {
    let mut map: BTreeMap<String, usize> = BTreeMap::new();
    for label in labels {
        let label = if label.trim().is_empty() {
            BLANK_LABEL.to_string()
        } else {
            label
        };
        *map.entry(label).or_default() += 1;
    }
    let mut rows: Vec<Count> = map
        .into_iter()
        .map(|(name, count)| Count { name, count })
        .collect();
    rows.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    rows
}
