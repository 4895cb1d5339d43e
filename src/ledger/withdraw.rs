//! Withdrawing a published result (撤回): a `withdrawn` row in the ledger, with the day and
//! the reason. The result's page then says so, at the same address, and the result leaves every
//! list, the feed's results, the open data and the search.

use std::path::Path;

use chrono::NaiveDate;

use super::{Entry, Kind, Ledger};
use crate::error::{Error, Result};
use crate::tr;

/// Records that task `id`'s published result is withdrawn today, for `reason`. Refuses a task
/// never published or already withdrawn, and an empty reason (it is published).
pub fn withdraw(site: &Path, id: &str, reason: &str, today: NaiveDate) -> Result<Entry> {
    crate::ingest::check_site(site)?;
    let _lock = crate::lock::SiteLock::acquire(site, true)?;
    let ledger = Ledger::load(site)?;
    let reason = reason.trim();
    if reason.is_empty() {
        return Err(Error::Usage(tr!("ledger-withdraw-no-reason")));
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
            tr!("ledger-withdraw-did-you-mean", ids = similar.join(", "))
        };
        let quarter = if ledger.get(Kind::Quarter, id).is_some() {
            tr!("ledger-withdraw-quarter")
        } else {
            String::new()
        };
        return Err(Error::Usage(tr!(
            "ledger-withdraw-not-published",
            ledger = super::LEDGER_FILE,
            id = id,
            hint = hint,
            quarter = quarter,
        )));
    };
    if let Some(earlier) = ledger.get(Kind::Withdrawn, id) {
        return Err(Error::Usage(tr!(
            "ledger-withdraw-already",
            id = id,
            on = earlier.published_on,
            reason = &earlier.late_reason,
        )));
    }
    if today < published.published_on {
        return Err(Error::Usage(tr!(
            "ledger-withdraw-after-today",
            id = id,
            published_on = published.published_on,
            today = today,
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
