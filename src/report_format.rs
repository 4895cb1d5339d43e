//! The report in each format gongshi gives it: the text summary and JSON ([`crate::report`]),
//! JUnit XML and GitHub Actions annotations ([`crate::ci`]); and which format a report file's
//! name asks for.

use std::path::Path;

use crate::model::Report;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReportFormat {
    /// The one-screen summary, with invalid rows shown in their files.
    Text,
    /// Every item, error and warning.
    Json,
    /// JUnit XML: a test case per task and quarter, violations as failures.
    Junit,
    /// GitHub Actions annotations at file and line, then the text.
    Github,
}

impl ReportFormat {
    /// The format a report file's extension names: `.xml` JUnit, `.json` JSON, `.txt` text.
    pub fn for_file(file: &Path) -> Option<ReportFormat> {
        match file.extension().and_then(|e| e.to_str()) {
            Some("xml") => Some(ReportFormat::Junit),
            Some("json") => Some(ReportFormat::Json),
            Some("txt") => Some(ReportFormat::Text),
            _ => None,
        }
    }

    /// The report in this format. `site` is the site folder, whose files the text shows
    /// invalid rows from; `color` colours the text.
    pub fn render(self, report: &Report, site: &Path, color: bool) -> String {
        match self {
            ReportFormat::Text => {
                let mut diagnostics = crate::diagnostic::Diagnostics::new(site, color);
                report.to_text_with(&mut |problem| diagnostics.row_error(problem), color)
            }
            ReportFormat::Json => report.to_json() + "\n",
            ReportFormat::Junit => crate::ci::junit(report),
            ReportFormat::Github => crate::ci::github(report),
        }
    }
}
