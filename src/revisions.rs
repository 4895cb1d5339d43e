//! The history of each corrected result (更正记录): the ledger says when each correction was
//! published (its `revision` rows, with the digest of what went public), the archive what each
//! version showed. A revision's changes are the fields that differ from the version before it.

use std::collections::HashMap;

use chrono::NaiveDate;

use crate::archive::{Archive, Version};
use crate::assess::Assessment;
use crate::ledger::{Kind, Ledger};
use crate::model::{Revision, changes};

/// Every corrected published result's revisions, oldest first, by its place in
/// [`Assessment::published`].
pub fn history(
    assessment: &Assessment,
    ledger: &Ledger,
    archive: &Archive,
    as_of: NaiveDate,
    with_inspectors: bool,
) -> HashMap<u32, Vec<Revision>> {
    let corrected: HashMap<&str, u32> = assessment
        .published
        .iter()
        .enumerate()
        .filter(|(_, task)| task.updated_on.is_some())
        .map(|(i, task)| (task.record.id(), i as u32))
        .collect();
    if corrected.is_empty() {
        return HashMap::new();
    }
    // Each correction's day and digest, in the order they were published.
    let mut rows: HashMap<&str, Vec<(NaiveDate, &str)>> = HashMap::new();
    for entry in ledger.entries().iter().chain(&assessment.new_entries) {
        if entry.kind == Kind::Revision && corrected.contains_key(entry.id.as_str()) {
            rows.entry(entry.id.as_str())
                .or_default()
                .push((entry.published_on, entry.digest.as_str()));
        }
    }
    // What this build archives comes after what the archive holds.
    let mut archived_now: HashMap<&str, Version> = HashMap::new();
    for snapshot in &assessment.new_snapshots {
        archived_now.insert(
            snapshot.record.id(),
            Version {
                digest: snapshot.digest.clone(),
                archived_on: Some(as_of),
                record: std::sync::Arc::clone(&snapshot.record),
            },
        );
    }
    let mut history = HashMap::new();
    for (id, index) in corrected {
        let Some(rows) = rows.get(id) else {
            continue;
        };
        let versions: Vec<&Version> = archive
            .versions(id)
            .iter()
            .chain(archived_now.get(id))
            .collect();
        let mut after = 0;
        let revisions = rows
            .iter()
            .map(|&(on, digest)| {
                // The first version with this digest after the last one matched: a correction
                // undone and made again has the same digest twice.
                let found = (!digest.is_empty())
                    .then(|| {
                        versions
                            .iter()
                            .skip(after)
                            .position(|version| version.digest == digest)
                    })
                    .flatten()
                    .map(|k| k + after);
                let changes = found.and_then(|k| {
                    after = k + 1;
                    let before = versions.get(k.checked_sub(1)?)?;
                    Some(changes(
                        &before.record,
                        &versions[k].record,
                        with_inspectors,
                    ))
                });
                Revision { on, changes }
            })
            .collect();
        history.insert(index, revisions);
    }
    history
}
