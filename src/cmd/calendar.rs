//! `gongshi calendar`: the years known, a year's holidays, a calendar file checked, or one made
//! from the State Council's notice.

use std::path::Path;
use std::process::ExitCode;

use gongshi::calendar::Calendar;
use gongshi::{Error, Result};

use crate::cli::CalendarCommand;
use crate::cmd::emit;

pub fn run(site: &Path, year: Option<i32>, command: Option<CalendarCommand>) -> Result<ExitCode> {
    if let Some(CalendarCommand::Import { notice, output }) = command {
        return import_notice(&notice, output.as_deref());
    }
    if let Some(CalendarCommand::Check { file }) = command {
        let text = std::fs::read_to_string(&file).map_err(|e| Error::io(&file, e))?;
        let shown = file.display().to_string();
        return Ok(match gongshi::calendar::check(&shown, &text) {
            Ok(year) => {
                emit(&format!(
                    "{shown}: OK\n{}",
                    gongshi::calendar::describe(&year, &shown)
                ))?;
                ExitCode::SUCCESS
            }
            Err(findings) => {
                let mut out = String::new();
                for finding in &findings {
                    out.push_str(&format!("{shown}: {finding}\n"));
                }
                out.push_str(&gongshi::tr!(
                    "calendar-check-failed",
                    count = findings.len()
                ));
                out.push('\n');
                emit(&out)?;
                ExitCode::from(1)
            }
        });
    }
    let calendar = Calendar::for_site(site)?;
    let text = match year {
        Some(year) => {
            let (Some(detail), Some(source)) = (
                calendar.year(year),
                calendar.years().find(|y| y.year == year),
            ) else {
                return Err(Error::MissingCalendarYear { year });
            };
            gongshi::calendar::describe(detail, &source.file)
        }
        None => calendar
            .years()
            .map(|y| format!("{}  {}  ({})\n", y.year, y.notice, y.file))
            .collect(),
    };
    emit(&text)?;
    Ok(ExitCode::SUCCESS)
}

/// `gongshi calendar import`: the notice read, the calendar file made and checked, then printed
/// or written.
fn import_notice(notice: &Path, output: Option<&Path>) -> Result<ExitCode> {
    let shown = notice.display().to_string();
    let bytes = std::fs::read(notice).map_err(|e| Error::io(notice, e))?;
    let (text, _) = gongshi::ingest::decode(&bytes).map_err(|m| {
        Error::Usage(gongshi::tr!(
            "calendar-notice-encoding",
            file = &shown,
            message = m
        ))
    })?;
    let parsed = match gongshi::notice::parse(&text) {
        Ok(parsed) => parsed,
        Err(refusals) => {
            for refusal in &refusals {
                eprintln!("{shown}: {refusal}");
            }
            eprintln!(
                "{}",
                gongshi::tr!("calendar-notice-refused", count = refusals.len())
            );
            return Ok(ExitCode::from(1));
        }
    };
    let toml = gongshi::notice::to_toml(&parsed);
    let name = format!("{}.toml", parsed.year);
    let target = output.map_or(name.clone(), |o| o.display().to_string());
    let year = match gongshi::calendar::check(&target, &toml) {
        Ok(year) => year,
        Err(findings) => {
            for finding in &findings {
                eprintln!("{target}: {finding}");
            }
            eprintln!(
                "{}",
                gongshi::tr!("calendar-made-wrong", count = findings.len(), file = &shown)
            );
            return Ok(ExitCode::from(1));
        }
    };
    for skipped in &parsed.skipped {
        eprintln!("{}", gongshi::tr!("calendar-skipped", sentence = skipped));
    }
    let summary = gongshi::calendar::describe_from(
        &year,
        &gongshi::tr!("calendar-made-from", target = &target, notice = &shown),
    );
    match output {
        None => {
            emit(&toml)?;
            eprint!("{summary}");
        }
        Some(path) => {
            if path.exists() && std::fs::read_to_string(path).ok().as_deref() != Some(toml.as_str())
            {
                return Err(Error::Usage(gongshi::tr!(
                    "calendar-exists",
                    path = path.display()
                )));
            }
            if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
                std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
            }
            std::fs::write(path, &toml).map_err(|e| Error::io(path, e))?;
            emit(&format!(
                "{summary}{}\n",
                gongshi::tr!("calendar-wrote", path = path.display())
            ))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
