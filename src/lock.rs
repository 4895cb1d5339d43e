//! The site's lock: two builds of one site never race for its ledger.

use std::path::Path;

use crate::error::{Error, Result};

/// The lock file, in the site folder.
pub const LOCK_FILE: &str = ".gongshi.lock";

/// Holds `<site>/.gongshi.lock` for the length of a build (or of a ledger edit), so that two of
/// them never race for the site's ledger: the second waits or, asked not to, fails with
/// [`Error::Locked`].
pub struct SiteLock {
    _file: std::fs::File,
}

impl SiteLock {
    /// Takes the lock, waiting quietly for another gongshi to let go of it if `wait`.
    pub fn acquire(site: &Path, wait: bool) -> Result<SiteLock> {
        SiteLock::acquire_telling(site, wait, &|_| {})
    }

    /// [`SiteLock::acquire`]; when it waits, it first tells `waiting` the lock file's path (the
    /// library prints nothing: its caller may).
    pub fn acquire_telling(site: &Path, wait: bool, waiting: &dyn Fn(&Path)) -> Result<SiteLock> {
        let path = site.join(LOCK_FILE);
        let file = std::fs::OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&path)
            .map_err(|e| Error::io(&path, e))?;
        match file.try_lock() {
            Ok(()) => Ok(SiteLock { _file: file }),
            Err(std::fs::TryLockError::WouldBlock) if wait => {
                waiting(&path);
                file.lock().map_err(|e| Error::io(&path, e))?;
                Ok(SiteLock { _file: file })
            }
            Err(std::fs::TryLockError::WouldBlock) => Err(Error::Locked { path }),
            Err(std::fs::TryLockError::Error(e)) => Err(Error::io(&path, e)),
        }
    }
}
