//! What each template gets: one typed view per thing a page shows. Pages are made of these
//! (see `produce`), and a page's fingerprint is taken from the same values its template gets.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

use super::{Site, TaskIndex, changed_on};
use crate::assess::{ChannelPublication, QuarterState};
use crate::dates::Quarter;
use crate::model::{
    Count, QuarterCompletion, QuarterFigures, Record, ResultClass, Status, YearFigures,
};

#[derive(Serialize)]
pub(super) struct SiteInfo<'a> {
    pub(super) title: &'a str,
    pub(super) bureau: &'a str,
    pub(super) base_url: &'a str,
    pub(super) description: &'a str,
    /// The footer items of a government site, each empty when not set.
    pub(super) footer: Footer<'a>,
}

/// The footer items every government site shows (政府网站发展指引), from `[site]`.
#[derive(Serialize)]
pub(super) struct Footer<'a> {
    pub(super) organiser: &'a str,
    pub(super) site_code: &'a str,
    pub(super) icp: &'a str,
    pub(super) icp_url: &'static str,
    pub(super) police_record: &'a str,
    pub(super) police_record_url: String,
    pub(super) badge_image: &'a str,
    /// Whether the badge's image is a file of the theme (relative to the site's root) rather
    /// than an http(s) address.
    pub(super) badge_in_theme: bool,
    pub(super) badge_url: &'a str,
}

#[derive(Serialize)]
pub(super) struct BuildInfo {
    /// Only on pages that show it (see [`Site::render`]).
    pub(super) as_of: Option<NaiveDate>,
    pub(super) version: &'static str,
}

/// A quarter as other pages link to it.
#[derive(Clone, Serialize)]
pub(super) struct QuarterRef {
    id: String,
    slug: String,
    label: String,
    /// Whether the quarter has its page yet (it has ended).
    page: bool,
}

/// Every quarter a page may link to, made once rather than for every task.
pub(super) struct QuarterRefs {
    with_pages: HashSet<Quarter>,
    refs: HashMap<Quarter, QuarterRef>,
}

impl QuarterRefs {
    pub(super) fn new(
        with_pages: HashSet<Quarter>,
        quarters: impl Iterator<Item = Quarter>,
    ) -> QuarterRefs {
        let mut refs = QuarterRefs {
            with_pages,
            refs: HashMap::new(),
        };
        for quarter in quarters {
            if !refs.refs.contains_key(&quarter) {
                let made = refs.make(quarter);
                refs.refs.insert(quarter, made);
            }
        }
        refs
    }

    fn make(&self, quarter: Quarter) -> QuarterRef {
        QuarterRef {
            id: quarter.to_string(),
            slug: quarter.slug(),
            label: quarter.chinese(),
            page: self.with_pages.contains(&quarter),
        }
    }

    pub(super) fn get(&self, quarter: Quarter) -> Option<&QuarterRef> {
        self.refs.get(&quarter)
    }

    fn owned(&self, quarter: Quarter) -> QuarterRef {
        self.get(quarter)
            .cloned()
            .unwrap_or_else(|| self.make(quarter))
    }
}

/// What a task page shows, and what every list shows of a task.
#[derive(Serialize)]
pub(super) struct TaskView<'a> {
    id: &'a str,
    slug: &'a str,
    unit: &'a str,
    unit_slug: &'a str,
    category: &'a str,
    matter: &'a str,
    entity: &'a str,
    entity_id: &'a str,
    credit_code: &'a str,
    address: &'a str,
    /// Empty unless `[privacy] publish_inspectors = true`.
    inspectors: &'a str,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    result: &'a str,
    found_problem: bool,
    /// The result's class: no_problem, problem, not_inspected (see `result_class`).
    result_class: &'static str,
    handling: &'a str,
    task_name: &'a str,
    inspection_type: &'a str,
    /// `None` when the export has no column that says.
    joint: Option<bool>,
    joint_departments: &'a str,
    quarter: Option<&'a QuarterRef>,
    published_on: NaiveDate,
    /// Last corrected (最后更新), if ever.
    updated_on: Option<NaiveDate>,
    /// Its corrections (更正记录), oldest first.
    revisions: Vec<RevisionView<'a>>,
    /// The day it was published on each other channel (`[[channel]]`).
    channels: &'a [ChannelPublication],
    /// The later of the two, for feeds.
    changed_on: NaiveDate,
    /// `None` while the year it falls in has no holiday notice; `deadline_pending` says so.
    deadline: Option<NaiveDate>,
    deadline_pending: Option<String>,
    working_days: u32,
    status: Status,
    status_label: &'static str,
}

/// A correction as a result's page lists it.
#[derive(Serialize)]
pub(super) struct RevisionView<'a> {
    on: NaiveDate,
    /// `None` when the versions on either side are not archived: the day alone is known.
    changes: Option<Vec<ChangeView<'a>>>,
}

/// A field a correction changed, with the label the page gives it.
#[derive(Serialize)]
struct ChangeView<'a> {
    label: &'static str,
    from: &'a str,
    to: &'a str,
}

/// The label of a record field, as a result's page heads its row.
fn field_label(field: &str) -> &'static str {
    match field {
        "task_name" => "任务名称",
        "inspection_type" => "抽查类型",
        "entity" => "检查对象名称",
        "credit_code" => "统一社会信用代码",
        "address" => "地址",
        "category" => "监管对象类别",
        "matter" => "抽查事项",
        "unit" => "执法机构",
        "inspectors" => "执法人员",
        "start" => "检查开始日期",
        "end" => "检查结束日期",
        "result" => "检查结果",
        "handling" => "处理情况",
        "joint" => "联合检查",
        "joint_departments" => "联合检查部门",
        _ => "其他",
    }
}

/// A published task as a page shows it. The template gets its whole view; the fingerprint
/// gets the fingerprint of that view, worked out once per build (`Site::task_fingerprints`),
/// so that a page listing a thousand tasks hashes a thousand numbers, and a list whose tasks
/// have not changed is known unchanged without making their views.
pub(super) struct Shown<'s, 'a> {
    site: &'s Site<'a>,
    task: TaskIndex,
}

impl Serialize for Shown<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        if serializer.is_human_readable() {
            self.site.task_view(self.task).serialize(serializer)
        } else {
            serializer.serialize_u64(self.site.task_fingerprints[self.task as usize])
        }
    }
}

/// A list of published tasks, each [`Shown`].
pub(super) struct ShownTasks<'s, 'a> {
    site: &'s Site<'a>,
    tasks: &'s [TaskIndex],
}

impl Serialize for ShownTasks<'_, '_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_seq(self.tasks.iter().map(|&task| self.site.shown(task)))
    }
}

/// How many of a task's other records a record's page links to (a joint inspection can take in
/// hundreds of companies; the unit's and the quarter's pages list them all).
const SAME_TASK_SHOWN: usize = 50;

/// The other published records of a task with several objects, as a record's page lists them.
#[derive(Serialize)]
pub(super) struct SameTaskView<'a> {
    records: Vec<SameTask<'a>>,
    /// Those not listed.
    more: usize,
}

/// Another record of the same task, as a task page links to it.
#[derive(Serialize)]
struct SameTask<'a> {
    slug: &'a str,
    entity: &'a str,
    credit_code: &'a str,
    result: &'a str,
    found_problem: bool,
}

/// What the page of a withdrawn result (撤回) shows: no field of the result, only that it was
/// withdrawn, when, and why.
#[derive(Serialize)]
pub(super) struct WithdrawnView<'a> {
    id: &'a str,
    slug: &'a str,
    published_on: NaiveDate,
    pub(super) withdrawn_on: NaiveDate,
    reason: &'a str,
}

/// One bar of a chart, with the same figure as its table row.
#[derive(Serialize)]
struct ChartBar<'a> {
    name: &'a str,
    count: usize,
    /// Bar length, percent of the chart's width (the longest bar takes 80%).
    width: String,
    /// Where the count is written, just past the bar's end (percent).
    label_x: String,
    /// Share of the quarter's tasks, as shown ("12.5%").
    share: String,
}

#[derive(Serialize)]
struct Chart<'a> {
    key: &'static str,
    title: &'static str,
    heading: &'static str,
    bars: Vec<ChartBar<'a>>,
    /// The SVG's height in px.
    height: usize,
    /// What the shares are of: the quarter's or the year's tasks.
    total: usize,
}

/// Joint inspections from the year's first quarter to this one (「全年…不低于」 is a target for
/// the year).
#[derive(Serialize)]
struct JointYearView {
    joint: usize,
    total: usize,
    share: String,
    target: String,
    met: bool,
    /// Whether the year is whole (this is its fourth quarter): short of the target, it missed
    /// it; before, it is not there yet.
    whole_year: bool,
}

#[derive(Serialize)]
struct MonthView {
    month: String,
    by: NaiveDate,
    completed: usize,
    share: String,
    target: String,
    met: bool,
    width: String,
    target_x: String,
}

/// A quarter: its summary page (季度汇总), and its line on the home page.
#[derive(Serialize)]
pub(super) struct QuarterView<'a> {
    pub(super) id: String,
    pub(super) slug: String,
    /// Its year, whose page (`/years/<yyyy>/`) it links up to.
    year: i32,
    label: String,
    pub(super) page: bool,
    status: Status,
    status_label: &'static str,
    deadline: Option<NaiveDate>,
    deadline_pending: Option<String>,
    pub(super) published_on: Option<NaiveDate>,
    /// Last revised (最后更新), if ever.
    pub(super) updated_on: Option<NaiveDate>,
    figures: &'a QuarterFigures,
    /// `None` where the exports do not say which tasks were joint inspections.
    joint_share: Option<String>,
    /// The year's joint inspections so far against the plan's annual target.
    joint_year: Option<JointYearView>,
    problem_share: String,
    charts: Vec<Chart<'a>>,
    months: Vec<MonthView>,
    /// The monthly targets that applied, as written: "30% / 60% / 100%".
    month_targets: String,
    pub(super) data_file: String,
    /// The same rows as an Excel workbook.
    pub(super) xlsx_file: String,
    notes: Option<&'a str>,
}

/// A company's page (检查对象).
#[derive(Serialize)]
pub(super) struct EntityView<'s, 'a> {
    id: &'s str,
    name: &'a str,
    credit_code: &'a str,
    address: &'a str,
    /// Newest first.
    tasks: ShownTasks<'s, 'a>,
}

/// A company's line in the list of companies.
#[derive(Serialize)]
pub(super) struct EntitySummary<'a> {
    id: &'a str,
    name: &'a str,
    credit_code: &'a str,
    inspections: usize,
    latest_end: Option<NaiveDate>,
    latest_result: &'a str,
}

/// An enforcement unit (执法机构) as lists show it, and at the head of its own pages.
#[derive(Serialize)]
pub(super) struct UnitSummary<'a> {
    slug: &'a str,
    name: &'a str,
    total: usize,
    published: usize,
}

/// A unit's page: its summary and its quarters.
#[derive(Serialize)]
pub(super) struct UnitView<'a> {
    #[serde(flatten)]
    summary: UnitSummary<'a>,
    /// Newest quarter first.
    quarters: Vec<UnitQuarterView>,
}

/// A unit's tasks in one quarter.
#[derive(Serialize)]
pub(super) struct UnitQuarterView {
    quarter: QuarterRef,
    total: usize,
    in_progress: usize,
    published: usize,
}

/// A share as people write it: "12.5%", "30%".
fn percent(share: f64) -> String {
    let value = (share * 1000.0).round() / 10.0;
    if value.fract() == 0.0 {
        format!("{value:.0}%")
    } else {
        format!("{value:.1}%")
    }
}

/// The height of one labelled bar in the SVG charts, in px.
const ROW_HEIGHT: usize = 40;

fn bar_fraction(part: usize, max: usize) -> f64 {
    if max == 0 {
        0.0
    } else {
        part as f64 * 80.0 / max as f64
    }
}

/// What a quarter's page and line show.
/// A bar chart of counts out of `total`, beside the table of the same figures.
fn chart<'a>(
    key: &'static str,
    title: &'static str,
    heading: &'static str,
    rows: &'a [Count],
    total: usize,
) -> Chart<'a> {
    let max = rows.iter().map(|c| c.count).max().unwrap_or(0);
    Chart {
        key,
        title,
        heading,
        bars: rows
            .iter()
            .map(|c| ChartBar {
                name: &c.name,
                count: c.count,
                width: format!("{:.1}", bar_fraction(c.count, max)),
                label_x: format!("{:.1}", bar_fraction(c.count, max) + 1.5),
                share: percent(crate::figures::share(c.count, total)),
            })
            .collect(),
        height: rows.len() * ROW_HEIGHT + 4,
        total,
    }
}

/// The three charts a quarter's and a year's pages show.
fn charts<'a>(
    by_category: &'a [Count],
    by_result: &'a [Count],
    by_unit: &'a [Count],
    total: usize,
) -> Vec<Chart<'a>> {
    vec![
        chart(
            "by-category",
            "按监管对象类别",
            "监管对象类别",
            by_category,
            total,
        ),
        chart("by-result", "按检查结果", "检查结果", by_result, total),
        chart("by-unit", "按执法机构", "执法机构", by_unit, total),
    ]
}

/// A year's page (年度汇总, `/years/<yyyy>/`).
#[derive(Serialize)]
pub(super) struct YearView<'a> {
    pub(super) year: i32,
    label: String,
    figures: &'a YearFigures,
    joint_share: Option<String>,
    joint_target: String,
    /// Whether the year's joint inspections reached the plan's share (`None` as `joint_share`).
    joint_met: Option<bool>,
    /// Whether the year is over (at the as-of date): short of a target, it missed it.
    whole_year: bool,
    problem_share: String,
    charts: Vec<Chart<'a>>,
    quarters: Vec<YearQuarterView<'a>>,
    /// The year's inspection plan, when a page publishes it (`plan_year`).
    plan: Option<YearPlanView<'a>>,
    /// Its data files (`data/<yyyy>.csv`, `.xlsx`), once it has a published result.
    data_file: Option<String>,
    workbook: Option<String>,
}

/// A quarter's line on its year's page.
#[derive(Serialize)]
struct YearQuarterView<'a> {
    label: String,
    slug: String,
    /// Whether it has its own summary page yet.
    page: bool,
    figures: &'a QuarterCompletion,
    share: String,
    width: String,
}

/// The year's plan, as its year's page links to it.
#[derive(Serialize)]
struct YearPlanView<'a> {
    title: &'a str,
    path: &'a str,
    published_on: Option<NaiveDate>,
    deadline: Option<NaiveDate>,
    /// 按期公示, 逾期公示 ...; `None` where the rules ask for no plan.
    status_label: Option<&'static str>,
}

pub(super) fn year_view<'a>(
    figures: &'a YearFigures,
    quarter_pages: &HashSet<String>,
    plan_page: Option<&'a crate::content::Page>,
    plan_item: Option<&'a crate::model::Item>,
    as_of: NaiveDate,
    has_data: bool,
) -> YearView<'a> {
    let f = figures;
    YearView {
        year: f.year,
        label: format!("{}年", f.year),
        figures: f,
        joint_share: f.joint_share.map(percent),
        joint_target: percent(f.joint_target),
        joint_met: f.joint_share.map(|share| share + 1e-9 >= f.joint_target),
        whole_year: as_of.year() > f.year,
        problem_share: percent(f.problem_share),
        charts: charts(&f.by_category, &f.by_result, &f.by_unit, f.total),
        quarters: f
            .quarters
            .iter()
            .map(|q| {
                let quarter: Quarter = q.quarter.parse().expect("quarter ids parse");
                YearQuarterView {
                    label: quarter.chinese(),
                    slug: quarter.slug(),
                    page: quarter_pages.contains(&q.quarter),
                    figures: q,
                    share: percent(q.share),
                    width: format!("{:.1}", q.share * 80.0),
                }
            })
            .collect(),
        plan: plan_page.map(|page| YearPlanView {
            title: &page.title,
            path: &page.path,
            published_on: plan_item.and_then(|item| item.published_on),
            deadline: plan_item.and_then(|item| item.deadline),
            status_label: plan_item.map(|item| item.status.chinese()),
        }),
        data_file: has_data.then(|| format!("data/{}.csv", f.year)),
        workbook: has_data.then(|| format!("data/{}.xlsx", f.year)),
    }
}

pub(super) fn quarter_view<'a>(state: &'a QuarterState, notes: Option<&'a str>) -> QuarterView<'a> {
    let f = &state.figures;
    QuarterView {
        id: state.quarter.to_string(),
        slug: state.quarter.slug(),
        year: state.quarter.year,
        label: state.quarter.chinese(),
        page: state.status != Status::Open,
        status: state.status,
        status_label: state.status.chinese(),
        deadline: state.deadline.and_then(|d| d.known()),
        deadline_pending: state
            .deadline
            .and_then(|d| d.missing_year())
            .map(crate::calendar::pending_label),
        published_on: state.published_on,
        updated_on: state.updated_on,
        figures: f,
        joint_share: f.joint_share.map(percent),
        joint_year: f.joint_year_to_date.as_ref().map(|y| JointYearView {
            joint: y.joint,
            total: y.total,
            share: percent(y.share),
            target: percent(y.target),
            met: y.share + 1e-9 >= y.target,
            whole_year: state.quarter.number == 4,
        }),
        problem_share: percent(f.problem_share),
        charts: charts(&f.by_category, &f.by_result, &f.by_unit, f.total),
        months: f
            .months
            .iter()
            .enumerate()
            .map(|(i, m)| MonthView {
                month: format!("第{}个月", ["一", "二", "三"][i]),
                by: m.by,
                completed: m.completed,
                share: percent(m.share),
                target: percent(m.target),
                met: m.share + 1e-9 >= m.target,
                width: format!("{:.1}", m.share * 80.0),
                target_x: format!("{:.1}", m.target * 80.0),
            })
            .collect(),
        month_targets: f
            .months
            .iter()
            .map(|m| percent(m.target))
            .collect::<Vec<_>>()
            .join(" / "),
        data_file: format!("data/{}.csv", state.quarter.slug()),
        xlsx_file: format!("data/{}.xlsx", state.quarter.slug()),
        notes,
    }
}

impl<'a> Site<'a> {
    /// What task `i`'s page and every list of tasks show of it.
    pub(super) fn task_view(&self, i: TaskIndex) -> TaskView<'_> {
        let task = self.task(i);
        let r: &Record = &task.record;
        let end = r.end.expect("published tasks have an end date");
        TaskView {
            id: &r.task_id,
            slug: &r.slug,
            unit: &r.unit,
            unit_slug: &self.units[self.task_unit[i as usize] as usize].slug,
            category: &r.category,
            matter: &r.matter,
            entity: &r.entity,
            entity_id: &self.entities[self.task_entity[i as usize] as usize].id,
            credit_code: &r.credit_code,
            address: &r.address,
            inspectors: if self.config.privacy.publish_inspectors {
                &r.inspectors
            } else {
                ""
            },
            start: r.start,
            end: r.end,
            result: &r.result,
            found_problem: r.class == ResultClass::Problem,
            result_class: r.class.key(),
            handling: &r.handling,
            task_name: &r.task_name,
            inspection_type: &r.inspection_type,
            joint: (!r.no_joint_column).then_some(r.joint),
            joint_departments: &r.joint_departments,
            quarter: r.quarter().and_then(|q| self.quarter_refs.get(q)),
            published_on: task.published_on,
            updated_on: task.updated_on,
            revisions: self
                .assessment
                .revisions
                .get(&i)
                .map(|revisions| {
                    revisions
                        .iter()
                        .map(|revision| RevisionView {
                            on: revision.on,
                            changes: revision.changes.as_ref().map(|changes| {
                                changes
                                    .iter()
                                    .map(|change| ChangeView {
                                        label: field_label(change.field),
                                        from: &change.from,
                                        to: &change.to,
                                    })
                                    .collect()
                            }),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            channels: &task.channels,
            changed_on: changed_on(task),
            deadline: task.deadline.known(),
            deadline_pending: task
                .deadline
                .missing_year()
                .map(crate::calendar::pending_label),
            working_days: self.config.disclosure.rules_for(end).task_working_days,
            status: task.status,
            status_label: task.status.chinese(),
        }
    }

    pub(super) fn shown<'s>(&'s self, task: TaskIndex) -> Shown<'s, 'a> {
        Shown { site: self, task }
    }

    pub(super) fn shown_tasks<'s>(&'s self, tasks: &'s [TaskIndex]) -> ShownTasks<'s, 'a> {
        ShownTasks { site: self, tasks }
    }

    /// The other published records of task `i`'s task: the first [`SAME_TASK_SHOWN`] of them,
    /// and how many there are.
    pub(super) fn same_task_view(&self, i: TaskIndex) -> SameTaskView<'_> {
        let record = &self.task(i).record;
        let Some(records) = self.task_records.get(record.task_id.as_str()) else {
            return SameTaskView {
                records: Vec::new(),
                more: 0,
            };
        };
        let others = records.iter().copied().filter(|&j| j != i);
        SameTaskView {
            records: others
                .clone()
                .take(SAME_TASK_SHOWN)
                .map(|j| {
                    let other = &self.task(j).record;
                    SameTask {
                        slug: &other.slug,
                        entity: &other.entity,
                        credit_code: &other.credit_code,
                        result: &other.result,
                        found_problem: other.class == ResultClass::Problem,
                    }
                })
                .collect(),
            more: others.count().saturating_sub(SAME_TASK_SHOWN),
        }
    }

    /// What a withdrawn result's page shows.
    pub(super) fn withdrawn_view(&self, i: u32) -> WithdrawnView<'_> {
        let w = &self.assessment.report.withdrawn[i as usize];
        WithdrawnView {
            id: &w.id,
            slug: &w.slug,
            published_on: w.published_on,
            withdrawn_on: w.withdrawn_on,
            reason: &w.reason,
        }
    }

    /// Company `i`'s page, its tasks newest first.
    pub(super) fn entity_view<'s>(&'s self, i: u32) -> EntityView<'s, 'a> {
        let entity = &self.entities[i as usize];
        let latest = &self.assessment.published[entity.tasks[0] as usize].record;
        EntityView {
            id: &entity.id,
            name: &latest.entity,
            credit_code: &latest.credit_code,
            address: &latest.address,
            tasks: self.shown_tasks(&entity.tasks),
        }
    }

    /// Company `i`'s line in the list of companies, named as in its latest inspection.
    pub(super) fn entity_summary(&self, i: usize) -> EntitySummary<'_> {
        let entity = &self.entities[i];
        let latest = &self.task(entity.tasks[0]).record;
        EntitySummary {
            id: &entity.id,
            name: &latest.entity,
            credit_code: &latest.credit_code,
            inspections: entity.tasks.len(),
            latest_end: latest.end,
            latest_result: &latest.result,
        }
    }

    pub(super) fn unit_summary(&self, i: usize) -> UnitSummary<'_> {
        let unit = &self.units[i];
        UnitSummary {
            slug: &unit.slug,
            name: unit.name,
            total: unit.total,
            published: unit.published,
        }
    }

    pub(super) fn unit_summaries(&self) -> Vec<UnitSummary<'_>> {
        (0..self.units.len())
            .map(|i| self.unit_summary(i))
            .collect()
    }

    pub(super) fn unit_view(&self, i: usize) -> UnitView<'_> {
        UnitView {
            summary: self.unit_summary(i),
            quarters: (0..self.units[i].quarters.len())
                .map(|j| self.unit_quarter_view(i, j))
                .collect(),
        }
    }

    pub(super) fn unit_quarter_view(&self, unit: usize, quarter: usize) -> UnitQuarterView {
        let uq = &self.units[unit].quarters[quarter];
        UnitQuarterView {
            quarter: self.quarter_refs.owned(uq.quarter),
            total: uq.total,
            in_progress: uq.in_progress,
            published: uq.tasks.len(),
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percentages_read_as_people_write_them() {
        assert_eq!(super::percent(0.125), "12.5%");
        assert_eq!(super::percent(0.3), "30%");
        assert_eq!(super::percent(1.0 / 3.0), "33.3%");
        assert_eq!(super::percent(0.0), "0%");
        assert_eq!(super::percent(1.0), "100%");
    }

    #[test]
    fn bars_take_at_most_four_fifths_of_the_chart() {
        assert_eq!(super::bar_fraction(5, 5), 80.0);
        assert_eq!(super::bar_fraction(1, 4), 20.0);
        assert_eq!(super::bar_fraction(0, 0), 0.0);
    }
}
