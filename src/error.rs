//! Errors that stop a build (exit code 2). Problems with single rows are not errors here: they
//! are collected as [`crate::model::Problem`]s and the build goes on.

use std::path::PathBuf;

/// A fatal error: bad configuration, a broken template, unreadable input or a calendar gap.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },

    #[error("{path}: {message}")]
    Config { path: PathBuf, message: String },

    #[error(
        "no working-day calendar for {year}: a deadline here needs {year}.\n  \
         help: add data/calendar/{year}.toml to the site once the State Council's holiday notice \
         for {year} is out (see README, 'Calendar')"
    )]
    MissingCalendarYear { year: i32 },

    #[error("{path}:{line}: {message}")]
    Input {
        path: PathBuf,
        line: u64,
        message: String,
    },

    #[error("{name}: {message}")]
    Template { name: String, message: String },

    #[error("{0}")]
    Usage(String),

    #[error(
        "--as-of {as_of} is not today ({today} in China): data/published.csv records the day each \
         result really went public, so only a build for today may write it.\n  \
         help: add --no-ledger to preview {as_of} without recording anything; to record \
         publications from before gongshi, use `gongshi ledger import FILE`"
    )]
    NotToday {
        as_of: chrono::NaiveDate,
        today: chrono::NaiveDate,
    },

    #[error(
        "{} is not a gongshi site: {details}\n  \
         A site folder holds the platform's exports (CSV or Excel) in data/tasks/, and may hold \
         gongshi.toml, data/published.csv, content/ and themes/.\n  \
         help: put the exports in data/tasks/, point --site at your site folder, or start a new \
         site with `gongshi init DIR`",
        if site.as_os_str() == "." { "this folder (.)".into() } else { site.display().to_string() }
    )]
    NotASite { site: PathBuf, details: String },

    #[error(
        "deploy to {target}: {message}\n  \
         The files copied before this stay; run gongshi deploy again once it is fixed: it \
         copies what is still missing"
    )]
    Deploy { target: String, message: String },

    #[error("another gongshi build of this site is running (it holds {path})")]
    Locked { path: PathBuf },

    #[error(
        "cannot reach {url}: {message}\n  \
         Nothing was verified, and nothing shows that the site is live.\n  \
         help: check the address (--url) and this machine's network, then run gongshi verify \
         again"
    )]
    Unreachable { url: String, message: String },
}

impl Error {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }

    pub(crate) fn config(path: impl Into<PathBuf>, message: impl Into<String>) -> Self {
        Error::Config {
            path: path.into(),
            message: message.into(),
        }
    }
}

pub type Result<T, E = Error> = std::result::Result<T, E>;
