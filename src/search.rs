//! The search index: one entry per company, searched in the browser by `search.js` with no
//! server. Substring matching on names finds a company by any run of characters of its Chinese
//! name (a phrase match, which word segmentation can miss), by its credit code, or by task id.

use std::io::Write;

use serde::{Serialize, Serializer};

use crate::assess::PublishedTask;

#[derive(Serialize)]
struct SearchEntry<'a> {
    /// Page id: `entities/<id>/`.
    id: &'a str,
    /// Name.
    n: &'a str,
    /// Credit code.
    c: &'a str,
    /// Task ids, newest first.
    t: Vec<&'a str>,
    /// Latest result and the day that inspection ended.
    r: &'a str,
    d: Option<String>,
}

/// Writes the index, a company at a time: `entities` gives each company's page id with its
/// tasks, newest first.
pub fn index<'a, T>(
    entities: impl Iterator<Item = (&'a str, T)>,
    out: &mut dyn Write,
) -> std::io::Result<()>
where
    T: Iterator<Item = &'a PublishedTask> + Clone,
{
    let mut serializer = serde_json::Serializer::new(out);
    serializer
        .collect_seq(entities.filter_map(|(id, mut tasks)| {
            let latest = &tasks.clone().next()?.record;
            Some(SearchEntry {
                id,
                n: &latest.entity,
                c: &latest.credit_code,
                t: tasks.by_ref().map(|t| t.record.task_id.as_str()).collect(),
                r: &latest.result,
                d: latest.end.map(|d| d.to_string()),
            })
        }))
        .map_err(std::io::Error::from)
}
