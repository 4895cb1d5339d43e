//! A correction (更正) of a published result, as its page lists it.

use chrono::NaiveDate;

use super::Record;

/// One correction: the day it was published, and which published fields changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revision {
    pub on: NaiveDate,
    /// `None` when the archive lacks a version on either side (a ledger from before the
    /// archive, a hand-edited file): the day is certain, what changed is not known.
    pub changes: Option<Vec<Change>>,
}

/// A published field that a correction changed, from what to what, as published (masked
/// fields masked).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The field, as [`Record`] names it (`result`, `handling` ...).
    pub field: &'static str,
    pub from: String,
    pub to: String,
}

/// The fields a result's page shows, in its order, with their published text; `inspectors`
/// only where the site publishes them.
fn shown_fields(record: &Record, with_inspectors: bool) -> Vec<(&'static str, String)> {
    let date = |day: Option<NaiveDate>| day.map(|d| d.to_string()).unwrap_or_default();
    let mut fields = vec![
        ("task_name", record.task_name.to_string()),
        ("inspection_type", record.inspection_type.to_string()),
        ("entity", record.entity.to_string()),
        ("credit_code", record.credit_code.to_string()),
        ("address", record.address.to_string()),
        ("category", record.category.to_string()),
        ("matter", record.matter.to_string()),
        ("unit", record.unit.to_string()),
    ];
    if with_inspectors {
        fields.push(("inspectors", record.inspectors.to_string()));
    }
    fields.extend([
        ("start", date(record.start)),
        ("end", date(record.end)),
        ("result", record.result.to_string()),
        ("handling", record.handling.to_string()),
    ]);
    if !record.no_joint_column {
        let joint = if record.joint { "是" } else { "否" };
        fields.push(("joint", joint.to_string()));
        fields.push(("joint_departments", record.joint_departments.to_string()));
    }
    fields
}

/// The shown fields that differ between two published versions, in the page's order.
pub fn changes(before: &Record, after: &Record, with_inspectors: bool) -> Vec<Change> {
    let before = shown_fields(before, with_inspectors);
    shown_fields(after, with_inspectors)
        .into_iter()
        .filter_map(|(field, to)| {
            let from = before
                .iter()
                .find(|(name, _)| *name == field)
                .map(|(_, text)| text.clone())
                .unwrap_or_default();
            (from != to).then_some(Change { field, from, to })
        })
        .collect()
}
