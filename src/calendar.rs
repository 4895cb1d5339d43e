//! The Chinese working-day calendar (工作日历): weekends, statutory holidays (法定节假日) and
//! make-up working days (调休上班), one year per State Council notice.

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate, Weekday};
use serde::Deserialize;

use crate::error::{Error, Result};

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
                    return Err(format!("range \"{text}\" ends before it starts"));
                }
                Ok((from, to))
            }
        }
    }

    pub(crate) fn date(&self) -> Result<NaiveDate, String> {
        match self.range()? {
            (from, to) if from == to => Ok(from),
            _ => Err("expected a single date, found a range".into()),
        }
    }
}

fn toml_date(dt: &toml::value::Datetime) -> Result<NaiveDate, String> {
    match (dt.date, dt.time) {
        (Some(d), None) => {
            NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))
                .ok_or_else(|| format!("{dt} does not exist"))
        }
        _ => Err(format!("expected a date such as 2025-01-26, found {dt}")),
    }
}

fn iso_date(text: &str) -> Result<NaiveDate, String> {
    NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d")
        .map_err(|_| format!("expected a date such as 2025-01-26, found \"{text}\""))
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
        let parsed: YearFile = toml::from_str(text).map_err(|e| e.to_string())?;
        let year = parsed.year;
        if !(1949..=9999).contains(&year) {
            return Err(format!("year {year} is out of range"));
        }
        if let Some(stem) = Path::new(file).file_stem().and_then(|s| s.to_str())
            && stem.parse::<i32>().is_ok_and(|y| y != year)
        {
            return Err(format!("the file is named {stem} but says year = {year}"));
        }
        if let Some(date) = &parsed.notice_date {
            date.date().map_err(|e| format!("notice_date: {e}"))?;
        }
        let mut days = BTreeMap::new();
        for holiday in &parsed.holiday {
            let in_notice = |d: NaiveDate| (year - 1..=year).contains(&d.year());
            for value in &holiday.days {
                let (from, to) = value
                    .range()
                    .map_err(|e| format!("{}: {e}", holiday.name))?;
                for day in from.iter_days().take_while(|d| *d <= to) {
                    if !in_notice(day) {
                        return Err(format!("{}: {day} is not in {year}", holiday.name));
                    }
                    days.insert(day, DayKind::Holiday);
                }
            }
            for value in &holiday.makeup_workdays {
                let day = value.date().map_err(|e| format!("{}: {e}", holiday.name))?;
                if !in_notice(day) {
                    return Err(format!("{}: {day} is not in {year}", holiday.name));
                }
                if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) {
                    return Err(format!(
                        "{}: make-up working day {day} is not a weekend day",
                        holiday.name
                    ));
                }
                if days.insert(day, DayKind::MakeupWorkday) == Some(DayKind::Holiday) {
                    return Err(format!(
                        "{}: {day} is both a holiday and a make-up working day",
                        holiday.name
                    ));
                }
            }
        }
        // Replace the year whole: drop what an earlier file for it said.
        self.days.retain(|_, (_, notice_year)| *notice_year != year);
        self.days
            .extend(days.into_iter().map(|(day, kind)| (day, (kind, year))));
        self.years.insert(
            year,
            YearSource {
                year,
                notice: parsed.notice,
                file: file.to_string(),
            },
        );
        Ok(())
    }

    pub fn years(&self) -> impl Iterator<Item = &YearSource> {
        self.years.values()
    }

    /// Whether `day` is a working day (工作日). A day of a year with no notice is an error, even
    /// a plain Wednesday: a later notice could still make it a holiday.
    pub fn is_working_day(&self, day: NaiveDate) -> Result<bool> {
        match self.days.get(&day) {
            Some((DayKind::Holiday, _)) => Ok(false),
            Some((DayKind::MakeupWorkday, _)) => Ok(true),
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
