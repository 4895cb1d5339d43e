//! The Chinese working-day calendar (工作日历): weekends, statutory holidays (法定节假日) and
//! make-up working days (调休上班), one year per State Council notice.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use crate::error::{Error, Result};
use crate::tr;

/// The years shipped with gongshi, as in `data/calendar/`.
const BUILT_IN: &[(&str, &str)] = &[
    (
        "data/calendar/2023.toml",
        include_str!("../data/calendar/2023.toml"),
    ),
    (
        "data/calendar/2024.toml",
        include_str!("../data/calendar/2024.toml"),
    ),
    (
        "data/calendar/2025.toml",
        include_str!("../data/calendar/2025.toml"),
    ),
    (
        "data/calendar/2026.toml",
        include_str!("../data/calendar/2026.toml"),
    ),
];

/// One year's holiday notice.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct YearFile {
    year: i32,
    notice: String,
    notice_date: Option<DateValue>,
    #[serde(default)]
    holiday: Vec<HolidayEntry>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
struct HolidayEntry {
    name: String,
    /// Single days ("2025-04-04") or inclusive ranges ("2025-10-01/2025-10-08").
    days: Vec<DateValue>,
    #[serde(default)]
    makeup_workdays: Vec<DateValue>,
}

/// A date written either as a TOML date (2025-01-26) or as a string ("2025-01-26", or a range
/// "2025-10-01/2025-10-08" where a range is allowed).
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub(crate) enum DateValue {
    Toml(toml::value::Datetime),
    Text(String),
}

impl DateValue {
    /// The inclusive range of days this value names.
    fn range(&self) -> Result<(NaiveDate, NaiveDate), String> {
        match self {
            DateValue::Toml(dt) => {
                let day = toml_date(dt)?;
                Ok((day, day))
            }
            DateValue::Text(text) => {
                let (from, to) = text.split_once('/').unwrap_or((text, text));
                let from = iso_date(from)?;
                let to = iso_date(to)?;
                if to < from {
                    return Err(tr!("calendar-range-backwards", range = text));
                }
                Ok((from, to))
            }
        }
    }

    pub(crate) fn date(&self) -> Result<NaiveDate, String> {
        match self.range()? {
            (from, to) if from == to => Ok(from),
            _ => Err(tr!("calendar-single-date")),
        }
    }
}

fn toml_date(dt: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (dt.date, dt.time) {
        (Some(d), None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| tr!("calendar-date-not-exist", date = dt.to_string()))
        }
        _ => Err(tr!("calendar-date-expected", found = dt.to_string())),
    }
}

fn iso_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| tr!("calendar-date-expected-text", text = text))
}

/// Where a year's data came from, for the report and the site's colophon.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct YearSource {
    pub year: i32,
    pub notice: String,
    pub file: String,
}

/// What a day is, when the calendar says so explicitly.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum DayKind {
    Holiday,
    MakeupWorkday,
}

/// The working-day calendar for the years it has notices for.
#[derive(Debug, Clone, Default)]
pub struct Calendar {
    years: BTreeMap<i32, YearSource>,
    /// Days a notice names, with the year of the notice (2022-12-31 belongs to 2023's).
    days: BTreeMap<NaiveDate, (DayKind, i32)>,
    details: BTreeMap<i32, Year>,
}

/// One year's notice as its calendar file transcribes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Year {
    pub year: i32,
    pub notice: String,
    pub notice_date: Option<NaiveDate>,
    pub holidays: Vec<Holiday>,
    /// Shipped with gongshi, rather than read from the site's `data/calendar/`.
    pub built_in: bool,
}

/// One holiday of a notice: its days off and the weekend days worked to make up for them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holiday {
    pub name: String,
    pub days: Vec<NaiveDate>,
    pub makeup_workdays: Vec<NaiveDate>,
}

impl Year {
    /// Working days in the calendar year: weekdays, less holidays, plus make-up days.
    pub fn working_days(&self) -> u32 {
        let first = NaiveDate::from_ymd_opt(self.year, 1, 1).expect("year in range");
        let off: std::collections::BTreeSet<NaiveDate> = self
            .holidays
            .iter()
            .flat_map(|h| h.days.iter().copied())
            .collect();
        let on: std::collections::BTreeSet<NaiveDate> = self
            .holidays
            .iter()
            .flat_map(|h| h.makeup_workdays.iter().copied())
            .collect();
        first
            .iter_days()
            .take_while(|d| d.year() == self.year)
            .filter(|d| on.contains(d) || (!is_weekend(*d) && !off.contains(d)))
            .count() as u32
    }
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// A year as `gongshi calendar YEAR` prints it: the notice, each holiday's days off and make-up
/// working days, and the year's count of working days.
/// `source` says where the year comes from; by default, `file` and whether it is built in.
pub fn describe(year: &Year, file: &str) -> String {
    let origin = if year.built_in {
        tr!("calendar-built-in")
    } else {
        tr!("calendar-site-file")
    };
    describe_from(
        year,
        &tr!("calendar-source-of", file = file, origin = origin),
    )
}

/// [`describe`], saying where the year comes from in the caller's words.
pub fn describe_from(year: &Year, source: &str) -> String {
    use std::fmt::Write as _;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}",
        tr!(
            "calendar-describe-title",
            year = year.year.to_string(),
            notice = &year.notice
        )
    );
    if let Some(date) = year.notice_date {
        let _ = writeln!(out, "  {}", tr!("calendar-describe-published", date = date));
    }
    let _ = writeln!(
        out,
        "  {}",
        tr!("calendar-describe-source", source = source)
    );
    let separator = tr!("calendar-list-separator");
    let weekday = |d: NaiveDate| {
        ["周一", "周二", "周三", "周四", "周五", "周六", "周日"]
            [d.weekday().num_days_from_monday() as usize]
    };
    let width = year
        .holidays
        .iter()
        .map(|h| h.name.chars().count())
        .max()
        .unwrap_or(0);
    for holiday in &year.holidays {
        // Holiday names are Chinese: pad with ideographic spaces to line them up.
        let pad = "\u{3000}".repeat(width - holiday.name.chars().count());
        let mut runs: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        let mut days = holiday.days.clone();
        days.sort();
        for day in days {
            match runs.last_mut() {
                Some((_, to)) if to.succ_opt() == Some(day) => *to = day,
                _ => runs.push((day, day)),
            }
        }
        let runs: Vec<String> = runs
            .iter()
            .map(|&(from, to)| {
                if from == to {
                    format!("{from} {}", weekday(from))
                } else {
                    format!("{from} {} – {to} {}", weekday(from), weekday(to))
                }
            })
            .collect();
        let _ = write!(
            out,
            "  {}{pad}  {}",
            holiday.name,
            tr!(
                "calendar-describe-off",
                days = runs.join(&separator),
                count = holiday.days.len()
            )
        );
        if !holiday.makeup_workdays.is_empty() {
            let makeup: Vec<String> = holiday
                .makeup_workdays
                .iter()
                .map(|&d| format!("{d} {}", weekday(d)))
                .collect();
            let _ = write!(
                out,
                "{}",
                tr!("calendar-describe-makeup", days = makeup.join(&separator))
            );
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "  {}",
        tr!(
            "calendar-describe-working-days",
            count = year.working_days(),
            year = year.year.to_string()
        )
    );
    out
}

/// Reads and checks a calendar file, reporting every mistake rather than the first: the year in
/// range and matching the file's name; every date real, in the notice's year (or the last days
/// of the December before, as New Year holidays run); make-up working days on weekends; no day
/// named twice, and none both a holiday and a make-up working day.
pub fn check(file: &str, text: &str) -> Result<Year, Vec<String>> {
    let parsed: YearFile = toml::from_str(text).map_err(|e| vec![e.to_string()])?;
    let year = parsed.year;
    let mut findings = Vec::new();
    if !(1949..=9999).contains(&year) {
        return Err(vec![tr!(
            "calendar-year-out-of-range",
            year = year.to_string()
        )]);
    }
    if let Some(stem) = Path::new(file).file_stem().and_then(|s| s.to_str())
        && stem.parse::<i32>().is_ok_and(|y| y != year)
    {
        findings.push(tr!(
            "calendar-file-name-year",
            stem = stem,
            year = year.to_string()
        ));
    }
    if parsed.notice.trim().is_empty() {
        findings.push(tr!("calendar-notice-empty"));
    }
    let notice_date = match parsed.notice_date.as_ref().map(DateValue::date) {
        Some(Ok(day)) => Some(day),
        Some(Err(e)) => {
            findings.push(tr!("calendar-notice-date", message = e));
            None
        }
        None => None,
    };
    let in_notice = |d: NaiveDate| d.year() == year || (d.year() == year - 1 && d.month() == 12);
    let mut named: BTreeMap<NaiveDate, (DayKind, &str)> = BTreeMap::new();
    let mut holidays = Vec::new();
    for holiday in &parsed.holiday {
        let name = holiday.name.as_str();
        if name.trim().is_empty() {
            findings.push(tr!("calendar-holiday-no-name"));
        }
        if holiday.days.is_empty() {
            findings.push(tr!("calendar-holiday-no-days", name = name));
        }
        let mut days = Vec::new();
        for value in &holiday.days {
            let (from, to) = match value.range() {
                Ok(range) => range,
                Err(e) => {
                    findings.push(tr!("calendar-holiday-problem", name = name, message = e));
                    continue;
                }
            };
            // No holiday runs for weeks: a long range is a typo, reported once, not day by day.
            if (to - from).num_days() > 31 {
                findings.push(tr!(
                    "calendar-range-too-long",
                    name = name,
                    range = format!("{from}/{to}"),
                    days = (to - from).num_days() + 1
                ));
                continue;
            }
            days.extend(from.iter_days().take_while(|d| *d <= to));
        }
        let mut makeup_workdays = Vec::new();
        for value in &holiday.makeup_workdays {
            match value.date() {
                Ok(day) => makeup_workdays.push(day),
                Err(e) => findings.push(tr!("calendar-makeup-problem", name = name, message = e)),
            }
        }
        for (kind, list) in [
            (DayKind::Holiday, &days),
            (DayKind::MakeupWorkday, &makeup_workdays),
        ] {
            let what = match kind {
                DayKind::Holiday => tr!("calendar-what-holiday"),
                DayKind::MakeupWorkday => tr!("calendar-what-makeup"),
            };
            for &day in list {
                if !in_notice(day) {
                    findings.push(tr!(
                        "calendar-day-not-in-year",
                        name = name,
                        what = &what,
                        day = day,
                        year = year.to_string()
                    ));
                } else if day.year() == year - 1 && !reached_by_next_notice(day) {
                    // Statuses decided before this year was added took the day as known.
                    findings.push(tr!(
                        "calendar-day-too-early",
                        name = name,
                        what = &what,
                        day = day,
                        reaches = NEXT_NOTICE_REACHES_BACK_TO
                    ));
                }
                if kind == DayKind::MakeupWorkday && !is_weekend(day) {
                    findings.push(tr!(
                        "calendar-makeup-not-weekend",
                        name = name,
                        day = day,
                        weekday = crate::dates::weekday_short(day.weekday())
                    ));
                }
                match named.get(&day) {
                    Some((earlier, other)) if *earlier == kind => findings.push(tr!(
                        "calendar-day-twice",
                        name = name,
                        day = day,
                        other = *other
                    )),
                    Some((_, other)) => findings.push(tr!(
                        "calendar-day-both",
                        name = name,
                        day = day,
                        other = *other
                    )),
                    None => {
                        named.insert(day, (kind, name));
                    }
                }
            }
        }
        holidays.push(Holiday {
            name: name.to_string(),
            days,
            makeup_workdays,
        });
    }
    if findings.is_empty() {
        Ok(Year {
            year,
            notice: parsed.notice,
            notice_date,
            holidays,
            built_in: false,
        })
    } else {
        Err(findings)
    }
}

impl Calendar {
    /// The years shipped with gongshi.
    pub fn built_in() -> Calendar {
        let mut calendar = Calendar::default();
        for (file, text) in BUILT_IN {
            calendar
                .add_year(file, text)
                .unwrap_or_else(|e| panic!("built-in calendar {file} is broken: {e}"));
        }
        for year in calendar.details.values_mut() {
            year.built_in = true;
        }
        calendar
    }

    /// The built-in years, then the site's `data/calendar/*.toml`, which add years or replace
    /// built-in ones whole.
    pub fn for_site(site: &Path) -> Result<Calendar> {
        let mut calendar = Calendar::built_in();
        let dir = site.join("data").join("calendar");
        if !dir.is_dir() {
            return Ok(calendar);
        }
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .map_err(|e| Error::io(&dir, e))?
            .filter_map(|entry| entry.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|ext| ext == "toml"))
            .collect();
        files.sort();
        for path in files {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let shown = crate::site_relative(site, &path);
            calendar
                .add_year(&shown, &text)
                .map_err(|message| Error::config(&shown, message))?;
        }
        Ok(calendar)
    }

    /// Adds (or replaces) one year from the text of its calendar file.
    pub fn add_year(&mut self, file: &str, text: &str) -> Result<(), String> {
        let year = match check(file, text) {
            Ok(year) => year,
            Err(findings) => return Err(findings.join(&tr!("calendar-findings-separator"))),
        };
        let number = year.year;
        // Replace the year whole: drop what an earlier file for it said.
        self.days
            .retain(|_, (_, notice_year)| *notice_year != number);
        for holiday in &year.holidays {
            for &day in &holiday.days {
                self.days.insert(day, (DayKind::Holiday, number));
            }
            for &day in &holiday.makeup_workdays {
                self.days.insert(day, (DayKind::MakeupWorkday, number));
            }
        }
        self.years.insert(
            number,
            YearSource {
                year: number,
                notice: year.notice.clone(),
                file: file.to_string(),
            },
        );
        self.details.insert(number, year);
        Ok(())
    }

    /// What the calendar holds for `year`: its notice and holidays, as its file says.
    pub fn year(&self, year: i32) -> Option<&Year> {
        self.details.get(&year)
    }

    pub fn years(&self) -> impl Iterator<Item = &YearSource> {
        self.years.values()
    }

    /// Whether `day` is a working day (工作日). A day of a year with no notice is an error, even
    /// a plain Wednesday: a later notice could still make it a holiday. So are the last days
    /// of December while the next year has no notice: New Year arrangements reach back into
    /// them (see [`NEXT_NOTICE_REACHES_BACK_TO`]).
    pub fn is_working_day(&self, day: NaiveDate) -> Result<bool> {
        match self.days.get(&day) {
            Some((DayKind::Holiday, _)) => Ok(false),
            Some((DayKind::MakeupWorkday, _)) => Ok(true),
            None if reached_by_next_notice(day) && !self.years.contains_key(&(day.year() + 1)) => {
                Err(Error::MissingCalendarYear {
                    year: day.year() + 1,
                })
            }
            None if self.years.contains_key(&day.year()) => {
                Ok(!matches!(day.weekday(), Weekday::Sat | Weekday::Sun))
            }
            None => Err(Error::MissingCalendarYear { year: day.year() }),
        }
    }

    /// The `n`th working day strictly after `from` (Civil Code art. 201: the first day is not
    /// counted).
    pub fn add_working_days(&self, from: NaiveDate, n: u32) -> Result<NaiveDate> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Ok(day)
    }

    /// The first working day on or after `day` (Civil Code art. 203).
    pub fn roll_forward(&self, mut day: NaiveDate) -> Result<NaiveDate> {
        while !self.is_working_day(day)? {
            day = next_day(day)?;
        }
        Ok(day)
    }

    /// Working days in (from, to]: how many working days are left from `from` until `to`.
    pub fn working_days_between(&self, from: NaiveDate, to: NaiveDate) -> Result<u32> {
        let mut count = 0;
        let mut day = from;
        while day < to {
            day = next_day(day)?;
            if self.is_working_day(day)? {
                count += 1;
            }
        }
        Ok(count)
    }
}

/// A deadline as far as the calendar can tell. Counting into a year whose holiday notice is
/// not out yet, the day itself is unknown, but it can be no earlier than if every day from
/// there on were a working day: enough to decide every status that does not hinge on it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, serde::Serialize, serde::Deserialize)]
pub enum Deadline {
    /// The deadline itself.
    On(NaiveDate),
    /// Not known until `year` has a calendar, but certainly on or after `not_before`.
    NotBefore { not_before: NaiveDate, year: i32 },
}

impl Deadline {
    /// The day, when it is known.
    pub fn known(self) -> Option<NaiveDate> {
        match self {
            Deadline::On(day) => Some(day),
            Deadline::NotBefore { .. } => None,
        }
    }

    /// The earliest the deadline can be: the day itself when known.
    pub fn earliest(self) -> NaiveDate {
        match self {
            Deadline::On(day)
            | Deadline::NotBefore {
                not_before: day, ..
            } => day,
        }
    }

    /// The year whose calendar is missing, when the day is not known.
    pub fn missing_year(self) -> Option<i32> {
        match self {
            Deadline::On(_) => None,
            Deadline::NotBefore { year, .. } => Some(year),
        }
    }

    /// Whether something done on `day` meets the deadline: `Some(true)` or `Some(false)` when
    /// certain, `None` when it depends on the missing year.
    pub fn met_by(self, day: NaiveDate) -> Option<bool> {
        match self {
            Deadline::On(deadline) => Some(day <= deadline),
            Deadline::NotBefore { not_before, .. } => (day <= not_before).then_some(true),
        }
    }
}

/// The first day of December that a notice for the next year has ever changed: the 2019
/// notice (国办发明电〔2018〕15号) made Saturday 2018-12-29 a working day and 12-30/31
/// holidays, as the 2008 one did 2007-12-29; the 2012 one made Saturday 2011-12-31 a working
/// day. Until the next year's notice is out, these days are not known.
pub const NEXT_NOTICE_REACHES_BACK_TO: u32 = 29;

fn reached_by_next_notice(day: NaiveDate) -> bool {
    day.month() == 12 && day.day() >= NEXT_NOTICE_REACHES_BACK_TO
}

/// What pages say of a deadline that waits for `year`'s holiday notice.
pub fn pending_label(year: i32) -> String {
    format!("待{year}年节假日安排公布后确定")
}

impl Calendar {
    /// The `n`th working day strictly after `from` (Civil Code art. 201), or the bound on it
    /// when the count runs into a year without a notice.
    pub fn deadline_after(&self, from: NaiveDate, n: u32) -> Result<Deadline> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = next_day(day)?;
            match self.is_working_day(day) {
                Ok(true) => left -= 1,
                Ok(false) => {}
                Err(Error::MissingCalendarYear { year }) => {
                    // At best this day and every one after it is a working day.
                    let not_before = day
                        .checked_add_days(chrono::Days::new(u64::from(left - 1)))
                        .ok_or(Error::MissingCalendarYear { year: year + 1 })?;
                    return Ok(Deadline::NotBefore { not_before, year });
                }
                Err(e) => return Err(e),
            }
        }
        Ok(Deadline::On(day))
    }

    /// The first working day on or after `day` (Civil Code art. 203), or the bound on it (the
    /// day itself) when that needs a year without a notice.
    pub fn roll_forward_bounded(&self, mut day: NaiveDate) -> Result<Deadline> {
        loop {
            match self.is_working_day(day) {
                Ok(true) => return Ok(Deadline::On(day)),
                Ok(false) => day = next_day(day)?,
                Err(Error::MissingCalendarYear { year }) => {
                    return Ok(Deadline::NotBefore {
                        not_before: day,
                        year,
                    });
                }
                Err(e) => return Err(e),
            }
        }
    }

    /// Whether the calendar has `year`'s notice.
    pub fn has_year(&self, year: i32) -> bool {
        self.years.contains_key(&year)
    }
}

fn next_day(day: NaiveDate) -> Result<NaiveDate> {
    day.succ_opt().ok_or(Error::MissingCalendarYear {
        year: day.year() + 1,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn a_range_of_weeks_is_one_mistake_not_one_per_day() {
        let text = "year = 2027\nnotice = \"x\"\n[[holiday]]\nname = \"春节\"\n\
                    days = [\"2027-02-06/9999-12-31\"]\n";
        let findings = check("2027.toml", text).unwrap_err();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].contains("spans"), "{findings:?}");
    }

    #[test]
    fn built_in_years_name_their_notices() {
        let calendar = Calendar::built_in();
        let years: Vec<i32> = calendar.years().map(|y| y.year).collect();
        assert_eq!(years, [2023, 2024, 2025, 2026]);
        let notices: Vec<&str> = calendar.years().map(|y| y.notice.as_str()).collect();
        assert!(notices[0].contains("国办发明电〔2022〕16号"));
        assert!(notices[1].contains("国办发明电〔2023〕7号"));
        assert!(notices[2].contains("国办发明电〔2024〕12号"));
        assert!(notices[3].contains("2026年"));
    }

    #[test]
    fn holidays_makeup_days_and_weekends() {
        let c = Calendar::built_in();
        // 2025-01-26 (Sunday) and 2025-02-08 (Saturday) were make-up working days.
        assert!(c.is_working_day(d("2025-01-26")).unwrap());
        assert!(c.is_working_day(d("2025-02-08")).unwrap());
        // 2025-02-03 (Monday) was part of the Spring Festival.
        assert!(!c.is_working_day(d("2025-02-03")).unwrap());
        assert!(!c.is_working_day(d("2025-10-08")).unwrap());
        assert!(!c.is_working_day(d("2025-10-12")).unwrap()); // a plain Sunday
        assert!(c.is_working_day(d("2025-10-13")).unwrap());
        // 2022-12-31 comes from the 2023 notice; the rest of 2022 is unknown.
        assert!(!c.is_working_day(d("2022-12-31")).unwrap());
        assert!(matches!(
            c.is_working_day(d("2022-12-30")),
            Err(Error::MissingCalendarYear { year: 2022 })
        ));
        assert!(matches!(
            c.is_working_day(d("2027-01-04")),
            Err(Error::MissingCalendarYear { year: 2027 })
        ));
        // Until 2027's notice is out, the last days of 2026 are its to change; 2025's are
        // known, since 2026's notice is.
        assert!(c.is_working_day(d("2026-12-28")).unwrap());
        assert!(matches!(
            c.is_working_day(d("2026-12-29")),
            Err(Error::MissingCalendarYear { year: 2027 })
        ));
        assert!(c.is_working_day(d("2025-12-31")).unwrap());
    }

    /// A notice reaching further back into the December before than any has is refused.
    #[test]
    fn a_notice_reaching_back_before_december_29_is_refused() {
        let text = "year = 2027\nnotice = \"x\"\n[[holiday]]\nname = \"元旦\"\n\
                    days = [\"2026-12-28/2027-01-01\"]\n";
        let findings = check("2027.toml", text).unwrap_err();
        assert_eq!(findings.len(), 1, "{findings:?}");
        assert!(findings[0].contains("2026-12-28"), "{findings:?}");
        let text = text.replace("2026-12-28", "2026-12-29");
        assert!(check("2027.toml", &text).is_ok());
    }

    #[test]
    fn counting_starts_the_next_day() {
        let c = Calendar::built_in();
        // Friday 2025-09-26: the next working day is Sunday 2025-09-28 (make-up day).
        assert_eq!(
            c.add_working_days(d("2025-09-26"), 1).unwrap(),
            d("2025-09-28")
        );
        assert_eq!(
            c.add_working_days(d("2025-09-26"), 0).unwrap(),
            d("2025-09-26")
        );
        assert_eq!(
            c.working_days_between(d("2025-09-26"), d("2025-10-28"))
                .unwrap(),
            18
        );
        assert_eq!(c.roll_forward(d("2025-04-13")).unwrap(), d("2025-04-14"));
        assert_eq!(c.roll_forward(d("2025-04-14")).unwrap(), d("2025-04-14"));
    }

    #[test]
    fn a_site_year_replaces_the_built_in_one_whole() {
        let mut c = Calendar::built_in();
        c.add_year(
            "data/calendar/2025.toml",
            "year = 2025\nnotice = \"test\"\n[[holiday]]\nname = \"x\"\ndays = [\"2025-03-03\"]\n",
        )
        .unwrap();
        assert!(!c.is_working_day(d("2025-03-03")).unwrap());
        // The built-in Spring Festival is gone with the replaced year.
        assert!(c.is_working_day(d("2025-02-03")).unwrap());
        assert!(!c.is_working_day(d("2022-12-31")).unwrap());
    }

    #[test]
    fn broken_year_files_are_refused_with_a_reason() {
        let mut c = Calendar::default();
        let cases = [
            ("year = 2027\n", "notice"),
            (
                "year = 2027\nnotice = \"n\"\n[[holiday]]\nname = \"a\"\ndays = [\"2027-02-30\"]\n",
                "2027-02-30",
            ),
            (
                "year = 2027\nnotice = \"n\"\n[[holiday]]\nname = \"a\"\ndays = [\"2027-05-05/2027-05-01\"]\n",
                "ends before",
            ),
            (
                "year = 2027\nnotice = \"n\"\n[[holiday]]\nname = \"a\"\ndays = [\"2029-05-01\"]\n",
                "not in 2027",
            ),
            (
                "year = 2027\nnotice = \"n\"\n[[holiday]]\nname = \"a\"\ndays = []\nmakeup_workdays = [2027-05-05]\n",
                "not a weekend",
            ),
            ("year = 2026\nnotice = \"n\"\n", "named 2027"),
            ("year = 2027\nnotice = \"n\"\nextra = 1\n", "extra"),
        ];
        for (text, expected) in cases {
            let err = c.add_year("data/calendar/2027.toml", text).unwrap_err();
            assert!(err.contains(expected), "{text:?}: {err}");
        }
    }
}
