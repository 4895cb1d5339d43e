//! Withdrawing a published result (撤回): a `withdrawn` row in the ledger, with the day and
//! the reason. The result's page then says so, at the same address, and the result leaves every
//! list, the feed's results, the open data and the search.

use std::path::Path;

use chrono::NaiveDate;

use super::{Entry, Kind, Ledger};
use crate::error::{Error, Result};

/// Records that task `id`'s published result is withdrawn today, for `reason`. Refuses a task
/// never published or already withdrawn, and an empty reason (it is published).
pub fn withdraw(site: &Path, id: &str, reason: &str, today: NaiveDate) -> Result<Entry> {
    crate::ingest::check_site(site)?;
    let _lock = crate::lock::SiteLock::acquire(site, true)?;
    let ledger = Ledger::load(site)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Usage(
            "withdraw: --reason must say why (it is shown on the result's page)".into(),
        ));
    }
    let Some(published) = ledger.get(Kind::Task, id) else {
        let similar: Vec<&str> = ledger
            .first_rows(Kind::Task)
            .map(|e| e.id.as_str())
            .filter(|other| {
                other.eq_ignore_ascii_case(id)
                    || other.trim() == id.trim()
                    // The companies of a task with several, each withdrawn by its own id.
                    || other
                        .strip_prefix(id.trim())
                        .is_some_and(|rest| rest.starts_with('/'))
            })
            .take(10)
            .collect();
        let hint = if similar.is_empty() {
            String::new()
        } else {
            format!(" (did you mean {}?)", similar.join(", "))
        };
        let quarter = if ledger.get(Kind::Quarter, id).is_some() {
            "; a quarter's summary cannot be withdrawn, only a task's result"
        } else {
            ""
        };
        return Err(Error::Usage(format!(
            "withdraw: {} has no task row for {id}: only a published result can be \
             withdrawn{hint}{quarter}",
            super::LEDGER_FILE
        )));
    };
    if let Some(earlier) = ledger.get(Kind::Withdrawn, id) {
        return Err(Error::Usage(format!(
            "withdraw: task {id} was already withdrawn on {} ({})",
            earlier.published_on, earlier.late_reason
        )));
    }
    if today < published.published_on {
        return Err(Error::Usage(format!(
            "withdraw: task {id} is recorded as published on {}, after today ({today})",
            published.published_on
        )));
    }
    let entry = Entry {
        kind: Kind::Withdrawn,
        id: published.id.clone(),
        published_on: today,
        late_reason: reason.to_string(),
        digest: String::new(),
    };
    ledger.append(std::slice::from_ref(&entry))?;
    Ok(entry)
}
