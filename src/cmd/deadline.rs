//! `gongshi deadline`: deadlines, one per line, under the site's rules and calendar.

use std::path::Path;
use std::process::ExitCode;

use chrono::NaiveDate;

use gongshi::assess::Deadlines;
use gongshi::build;
use gongshi::calendar::{Calendar, Deadline};
use gongshi::config::{Config, QuarterAnchor};
use gongshi::dates::{Quarter, parse_date};
use gongshi::{Error, Result};

use crate::cli::DeadlineCommand;
use crate::cmd::emit;
use crate::settings::Settings;

pub fn run(site: &Path, what: DeadlineCommand, settings: &Settings) -> Result<ExitCode> {
    let config = Config::load(site)?;
    let calendar = Calendar::for_site(site)?;
    let deadlines = Deadlines {
        calendar: &calendar,
        disclosure: &config.disclosure,
    };
    // Every input is read before anything is printed: a typo is a usage error (exit 2).
    // `None`: a quarter of a period that set no deadline for its summary.
    let mut asked: Vec<(String, Option<Deadline>)> = Vec::new();
    match what {
        DeadlineCommand::Task { dates } => {
            let ends: Vec<NaiveDate> = dates
                .iter()
                .map(|text| parse_date(text).map_err(|m| Error::Usage(format!("{text}: {m}"))))
                .collect::<Result<_>>()?;
            for (text, end) in dates.into_iter().zip(ends) {
                asked.push((text, Some(deadlines.task(end)?)));
            }
        }
        DeadlineCommand::Quarter { quarters } => {
            let parsed: Vec<Quarter> = quarters
                .iter()
                .map(|t| t.parse::<Quarter>().map_err(Error::Usage))
                .collect::<Result<_>>()?;
            let needs_tasks = parsed.iter().any(|q| {
                config.disclosure.rules_for(q.last_day()).quarter_anchor
                    == QuarterAnchor::LastTaskEnd
            });
            let loaded = if needs_tasks {
                Some(build::load(site, settings.as_of()?)?)
            } else {
                None
            };
            for (text, quarter) in quarters.into_iter().zip(parsed) {
                let last_end = loaded.as_ref().and_then(|l| {
                    l.assessment
                        .records
                        .iter()
                        .filter(|(r, _)| r.quarter() == Some(quarter))
                        .filter_map(|(r, _)| r.end)
                        .max()
                });
                asked.push((text, deadlines.quarter(quarter, last_end)?));
            }
        }
    }
    // Every deadline that is certain is printed; one that waits for a holiday notice, or that
    // there is none of, is an error line of its own.
    let mut text = String::new();
    let mut undecided = 0;
    for (input, deadline) in asked {
        match deadline {
            None => {
                undecided += 1;
                eprintln!("{}", gongshi::tr!("deadline-none", input = &input));
            }
            Some(Deadline::On(day)) => text.push_str(&format!("{day}\n")),
            Some(Deadline::NotBefore { not_before, year }) => {
                undecided += 1;
                eprintln!(
                    "{}",
                    gongshi::tr!(
                        "deadline-waits",
                        input = &input,
                        year = year,
                        not_before = not_before
                    )
                );
            }
        }
    }
    emit(&text)?;
    Ok(if undecided > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}
