//! The search index: one entry per company, searched in the browser by `search.js` with no
//! server. Substring matching on names finds a company by any run of characters of its Chinese
//! name (a phrase match, which word segmentation can miss), by its credit code, or by task id.

use serde::Serialize;

use crate::assess::PublishedTask;

#[derive(Serialize)]
struct Entry<'a> {
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

/// `entities` gives each company's page id with its tasks, newest first.
pub fn index<'a>(entities: impl Iterator<Item = (&'a str, &'a [&'a PublishedTask])>) -> Vec<u8> {
    let entries: Vec<Entry<'_>> = entities
        .map(|(id, tasks)| {
            let latest = &tasks[0].record;
            Entry {
                id,
                n: &latest.entity,
                c: &latest.credit_code,
                t: tasks.iter().map(|t| t.record.task_id.as_str()).collect(),
                r: &latest.result,
                d: latest.end.map(|d| d.to_string()),
            }
        })
        .collect();
    serde_json::to_vec(&entries).expect("index serialises")
}
