//! Errors that stop a build (exit code 2). Problems with single rows are not errors here: they
//! are collected as [`crate::model::Problem`]s and the build goes on.

use std::fmt;
use std::path::PathBuf;

use crate::tr;

/// A fatal error: bad configuration, a broken template, unreadable input or a calendar gap.
#[derive(Debug)]
pub enum Error {
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    Config {
        path: PathBuf,
        message: String,
    },
    MissingCalendarYear {
        year: i32,
    },
    Input {
        path: PathBuf,
        line: u64,
        message: String,
    },
    Template {
        name: String,
        message: String,
    },
    Usage(String),
    NotToday {
        as_of: chrono::NaiveDate,
        today: chrono::NaiveDate,
    },
    NotASite {
        site: PathBuf,
        details: String,
    },
    Deploy {
        target: String,
        message: String,
    },
    Locked {
        path: PathBuf,
    },
    Unreachable {
        url: String,
        message: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match self {
            Error::Io { path, source } => tr!(
                "error-in-file",
                file = path.display(),
                message = source.to_string()
            ),
            Error::Config { path, message } => {
                tr!("error-in-file", file = path.display(), message = message)
            }
            Error::MissingCalendarYear { year } => tr!("error-missing-calendar-year", year = *year),
            Error::Input {
                path,
                line,
                message,
            } => tr!(
                "error-in-file",
                file = format!("{}:{line}", path.display()),
                message = message
            ),
            Error::Template { name, message } => {
                tr!("error-in-file", file = name, message = message)
            }
            Error::Usage(message) => message.clone(),
            Error::NotToday { as_of, today } => {
                tr!("error-not-today", as_of = as_of, today = today)
            }
            Error::NotASite { site, details } => {
                let site = if site.as_os_str() == "." {
                    tr!("error-this-folder")
                } else {
                    site.display().to_string()
                };
                tr!("error-not-a-site", site = site, details = details)
            }
            Error::Deploy { target, message } => {
                tr!("error-deploy", target = target, message = message)
            }
            Error::Locked { path } => tr!("error-locked", path = path.display()),
            Error::Unreachable { url, message } => {
                tr!("error-unreachable", url = url, message = message)
            }
        };
        f.write_str(&text)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Io { source, .. } => Some(source),
            _ => None,
        }
    }
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
