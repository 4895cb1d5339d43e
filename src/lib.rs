//! gongshi (公示): builds the public disclosure site for 双随机、一公开 environmental inspection
//! results and checks every legal disclosure deadline on the Chinese working-day calendar.
//!
//! # Architecture
//!
//! Data flows one way, stage by stage; a module imports only from its own stage or earlier ones
//! (`tests/layers.rs` holds the code to this table, and fails on a module missing from it).
//!
//! ```text
//!  foundations   error, dates, calendar, notice, credit_code, privacy, url, escape,
//!                fingerprint, compact, lock
//!       │
//!  model         model::{Record, Status, Problem, Item, Report, QuarterFigures, ResultClass}
//!       │
//!  load          config, ingest (exports → records), ledger, channels (other channels'
//!       │        dates), archive, content, theme, result_class (the result words)
//!  assess        assess (deadlines, statuses; assembles the Report), figures
//!       │
//!  site          site::{plan, views, pagination, produce, feeds, html}, opendata, search
//!       │
//!  write         build (load → assess → site → staged output, swapped in), cache, deploy
//!       │        (the output to a folder or through rsync, changed files only)
//!       │
//!  verify        verify (the live site against the build: every page the ledger says is
//!       │        published, by the fingerprint each page carries)
//!  output        report (text/JSON), report_format, ci (JUnit, GitHub), diagnostic, notify
//!       │        (the report's news POSTed to 企业微信, 钉钉 or any JSON webhook)
//!       │
//!  commands      serve, scaffold; the binary: main, cli, settings, progress, cmd::*
//! ```
//!
//! - [`model`] holds what every stage shares and depends on nothing later: records, statuses
//!   with the labels citizens see, problems, report items and quarter figures. Each stage
//!   returns its part of the report ([`model::IngestPart`], [`model::AssessPart`]) and
//!   [`model::Report::assemble`] puts them together in one place.
//! - [`url`] names every page. It sits below every stage because a record's page is decided when
//!   the record is read, and the ledger and archive keep it.
//! - [`site`] models the site and makes its files: each page kind builds one typed view, and the
//!   page's fingerprint (for incremental builds) is a hash of that same view, so nothing a page
//!   shows can be missing from it.
//! - The library never prints or exits; errors come back as [`error::Error`] and the report as
//!   [`model::Report`]. The binary (`src/main.rs`) resolves the command line once into its
//!   settings and runs one file of `src/cmd/` per subcommand.

pub mod archive;
pub mod assess;
pub mod build;
pub mod cache;
pub mod calendar;
pub mod channels;
pub mod ci;
pub mod collate;
pub mod compact;
pub mod config;
pub mod content;
pub mod credit_code;
pub mod dates;
pub mod deploy;
pub mod diagnostic;
pub mod error;
pub mod escape;
pub mod figures;
pub mod fingerprint;
pub mod i18n;
pub mod ingest;
pub mod ledger;
pub mod lock;
pub mod model;
pub mod notice;
pub mod notify;
pub mod opendata;
pub mod privacy;
pub mod report;
pub mod report_format;
pub mod result_class;
pub mod revisions;
pub mod scaffold;
pub mod search;
pub mod serve;
pub mod site;
pub mod theme;
pub mod url;
pub mod verify;

pub use error::{Error, Result};

use std::path::Path;

/// A path as shown in reports: relative to the site folder, with `/`.
pub fn site_relative(site: &Path, path: &Path) -> String {
    let relative = path.strip_prefix(site).unwrap_or(path);
    relative
        .iter()
        .map(|p| p.to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}

/// A stable hash (FNV-1a), the same on every machine and release: page names derived from it
/// must never change.
pub fn stable_hash(text: &str) -> u64 {
    let mut hasher = StableHasher::default();
    hasher.update(text.as_bytes());
    hasher.finish()
}

/// [`stable_hash`] fed piece by piece, so that a hash of many fields needs no joined copy.
pub struct StableHasher(u64);

impl Default for StableHasher {
    fn default() -> Self {
        StableHasher(0xcbf2_9ce4_8422_2325)
    }
}

impl StableHasher {
    pub fn update(&mut self, bytes: &[u8]) {
        for &byte in bytes {
            self.0 = (self.0 ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
    }

    pub fn finish(&self) -> u64 {
        self.0
    }
}

impl std::fmt::Write for StableHasher {
    fn write_str(&mut self, text: &str) -> std::fmt::Result {
        self.update(text.as_bytes());
        Ok(())
    }
}

/// What `gongshi --version` says: the version, the commit it was built from (`unknown` when
/// built outside git) and the years of holiday notices built in.
pub fn version_text() -> String {
    let years: Vec<String> = calendar::Calendar::built_in()
        .years()
        .map(|y| y.year.to_string())
        .collect();
    tr!(
        "version",
        version = env!("CARGO_PKG_VERSION"),
        commit = env!("GONGSHI_COMMIT"),
        years = years.join(", ")
    )
}

/// Which gongshi this is: its version, and the size and time of its binary (a rebuilt gongshi
/// may render or count differently under the same version number). Caches made by another
/// gongshi are not used.
pub fn binary_identity() -> u64 {
    static IDENTITY: std::sync::OnceLock<u64> = std::sync::OnceLock::new();
    *IDENTITY.get_or_init(|| {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(env!("CARGO_PKG_VERSION").as_bytes());
        if let Ok(meta) = std::env::current_exe().and_then(std::fs::metadata) {
            hasher.update(&meta.len().to_le_bytes());
            if let Ok(modified) = meta.modified()
                && let Ok(since) = modified.duration_since(std::time::UNIX_EPOCH)
            {
                hasher.update(&since.as_nanos().to_le_bytes());
            }
        }
        hasher.digest()
    })
}

/// The environment variable that pins "today" (`GONGSHI_TODAY=2026-12-15`), for tests and for
/// replaying a day in a sandbox. `SOURCE_DATE_EPOCH` is deliberately not used: build systems set
/// it to the time the *source* last changed, and a ledger dated by it would lie.
pub const TODAY_VARIABLE: &str = "GONGSHI_TODAY";

/// Today in China (Asia/Shanghai is UTC+8 all year, without daylight saving): the only date a
/// ledger row may carry, and the default as-of date. [`TODAY_VARIABLE`] overrides the clock.
pub fn today() -> Result<chrono::NaiveDate> {
    match std::env::var(TODAY_VARIABLE) {
        Ok(text) => chrono::NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            Error::Usage(format!(
                "{TODAY_VARIABLE}=\"{text}\": expected a date such as 2026-12-15 (or unset it \
                 to use the clock)"
            ))
        }),
        Err(_) => Ok((chrono::Utc::now() + chrono::Duration::hours(8)).date_naive()),
    }
}

/// Whether [`TODAY_VARIABLE`] pins today.
pub fn today_is_pinned() -> bool {
    std::env::var_os(TODAY_VARIABLE).is_some()
}

/// The day a build or check is for: the one given with `--as-of`, or [`today`], worked out only
/// when it is needed (`serve` works it out at each rebuild, so that a preview left running shows
/// each day as it comes). The one place the default `--as-of` is decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AsOf {
    Today,
    Day(chrono::NaiveDate),
}

impl AsOf {
    /// From `--as-of`'s value, when one is given.
    pub fn from_arg(text: Option<&str>) -> Result<AsOf> {
        match text {
            None => Ok(AsOf::Today),
            Some(text) => dates::parse_date(text)
                .map(AsOf::Day)
                .map_err(|m| Error::Usage(format!("--as-of: {m}"))),
        }
    }

    /// The day: the one given, or [`today`].
    pub fn day(self) -> Result<chrono::NaiveDate> {
        match self {
            AsOf::Day(day) => Ok(day),
            AsOf::Today => today(),
        }
    }
}
