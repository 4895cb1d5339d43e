//! The working-day calendar and the deadlines of `gongshi deadline`, checked from outside
//! against the State Council holiday notices as transcribed in the domain notes
//! (国办发明电〔2022〕16号 for 2023, 〔2023〕7号 for 2024, 〔2024〕12号 for 2025, the notice of
//! 2025-11-04 for 2026).
//!
//! The reference here is independent of gongshi: it does not read `data/calendar/*.toml` and
//! does not use the gongshi library. It only runs the binary.

use std::collections::BTreeSet;
use std::path::Path;
use std::process::{Command, Output};

use chrono::{Datelike, NaiveDate, Weekday};

// ---------------------------------------------------------------------------------------------
// Independent reference calendar
// ---------------------------------------------------------------------------------------------

/// Days off (法定节假日 and the weekend days folded into them), as inclusive ranges, copied by
/// hand from the statutory-holiday table of the domain notes.
const DAYS_OFF: &[(&str, &str)] = &[
    // 2023 (国办发明电〔2022〕16号)
    ("2022-12-31", "2023-01-02"), // 元旦
    ("2023-01-21", "2023-01-27"), // 春节
    ("2023-04-05", "2023-04-05"), // 清明节
    ("2023-04-29", "2023-05-03"), // 劳动节
    ("2023-06-22", "2023-06-24"), // 端午节
    ("2023-09-29", "2023-10-06"), // 中秋节、国庆节
    // 2024 (国办发明电〔2023〕7号)
    ("2024-01-01", "2024-01-01"), // 元旦
    ("2024-02-10", "2024-02-17"), // 春节
    ("2024-04-04", "2024-04-06"), // 清明节
    ("2024-05-01", "2024-05-05"), // 劳动节
    ("2024-06-10", "2024-06-10"), // 端午节
    ("2024-09-15", "2024-09-17"), // 中秋节
    ("2024-10-01", "2024-10-07"), // 国庆节
    // 2025 (国办发明电〔2024〕12号)
    ("2025-01-01", "2025-01-01"), // 元旦
    ("2025-01-28", "2025-02-04"), // 春节
    ("2025-04-04", "2025-04-06"), // 清明节
    ("2025-05-01", "2025-05-05"), // 劳动节
    ("2025-05-31", "2025-06-02"), // 端午节
    ("2025-10-01", "2025-10-08"), // 国庆节、中秋节
    // 2026 (notice of 2025-11-04)
    ("2026-01-01", "2026-01-03"), // 元旦
    ("2026-02-15", "2026-02-23"), // 春节
    ("2026-04-04", "2026-04-06"), // 清明节
    ("2026-05-01", "2026-05-05"), // 劳动节
    ("2026-06-19", "2026-06-21"), // 端午节
    ("2026-09-25", "2026-09-27"), // 中秋节
    ("2026-10-01", "2026-10-07"), // 国庆节
];

/// Make-up working days (调休上班): weekend days that are working days.
const MAKEUP_WORKDAYS: &[&str] = &[
    // 2023
    "2023-01-28",
    "2023-01-29",
    "2023-04-23",
    "2023-05-06",
    "2023-06-25",
    "2023-10-07",
    "2023-10-08",
    // 2024
    "2024-02-04",
    "2024-02-18",
    "2024-04-07",
    "2024-04-28",
    "2024-05-11",
    "2024-09-14",
    "2024-09-29",
    "2024-10-12",
    // 2025
    "2025-01-26",
    "2025-02-08",
    "2025-04-27",
    "2025-09-28",
    "2025-10-11",
    // 2026
    "2026-01-04",
    "2026-02-14",
    "2026-02-28",
    "2026-05-09",
    "2026-09-20",
    "2026-10-10",
];

/// The years the reference (and gongshi's built-in data) covers.
const YEARS: std::ops::RangeInclusive<i32> = 2023..=2026;

fn date(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap_or_else(|e| panic!("bad date {text}: {e}"))
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

struct Reference {
    off: BTreeSet<NaiveDate>,
    makeup: BTreeSet<NaiveDate>,
}

impl Reference {
    fn new() -> Reference {
        let mut off = BTreeSet::new();
        for (from, to) in DAYS_OFF {
            let (from, to) = (date(from), date(to));
            assert!(from <= to, "range {from}..{to}");
            for day in from.iter_days().take_while(|d| *d <= to) {
                assert!(off.insert(day), "{day} listed twice");
            }
        }
        let mut makeup = BTreeSet::new();
        for text in MAKEUP_WORKDAYS {
            let day = date(text);
            assert!(
                is_weekend(day),
                "make-up working day {day} is not a weekend day"
            );
            assert!(
                !off.contains(&day),
                "{day} is both off and a make-up working day"
            );
            assert!(makeup.insert(day), "{day} listed twice");
        }
        Reference { off, makeup }
    }

    /// Whether `day` is a working day; `None` for a year the notices do not cover.
    fn is_working_day(&self, day: NaiveDate) -> Option<bool> {
        if self.off.contains(&day) {
            return Some(false);
        }
        if self.makeup.contains(&day) {
            return Some(true);
        }
        if !YEARS.contains(&day.year()) {
            return None;
        }
        Some(!is_weekend(day))
    }

    /// The `n`th working day strictly after `from` (民法典 art. 201).
    fn add_working_days(&self, from: NaiveDate, n: u32) -> Option<NaiveDate> {
        let mut day = from;
        let mut left = n;
        while left > 0 {
            day = day.succ_opt()?;
            if self.is_working_day(day)? {
                left -= 1;
            }
        }
        Some(day)
    }
}

#[test]
fn reference_calendar_is_sane() {
    let reference = Reference::new();
    // Spot checks straight from the notices.
    assert_eq!(reference.is_working_day(date("2022-12-31")), Some(false));
    assert_eq!(reference.is_working_day(date("2023-01-28")), Some(true)); // Saturday, 调休
    assert_eq!(reference.is_working_day(date("2025-10-08")), Some(false)); // Wednesday, 国庆
    assert_eq!(reference.is_working_day(date("2025-10-09")), Some(true));
    assert_eq!(reference.is_working_day(date("2026-12-31")), Some(true));
    assert_eq!(reference.is_working_day(date("2027-01-04")), None);
    // Working-day totals per year, as widely published with the notices (2023: 249, 2024: 251,
    // 2025: 248): a cross-check on the transcription.
    let count = |year: i32| {
        let first = NaiveDate::from_ymd_opt(year, 1, 1).unwrap();
        first
            .iter_days()
            .take_while(|d| d.year() == year)
            .filter(|d| reference.is_working_day(*d) == Some(true))
            .count()
    };
    assert_eq!(count(2023), 249);
    assert_eq!(count(2024), 251);
    assert_eq!(count(2025), 248);
}

// ---------------------------------------------------------------------------------------------
// Running the binary
// ---------------------------------------------------------------------------------------------

fn gongshi(site: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gongshi"))
        .arg("deadline")
        .arg("--site")
        .arg(site)
        .args(args)
        .output()
        .expect("run gongshi")
}

/// Runs `gongshi deadline --site SITE <kind> ARGS...`, expects success and returns the lines.
fn deadlines(site: &Path, kind: &str, args: &[String]) -> Vec<String> {
    let mut all = vec![kind];
    all.extend(args.iter().map(String::as_str));
    let out = gongshi(site, &all);
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "gongshi deadline {kind} failed ({:?})\nstderr: {stderr}",
        out.status
    );
    let lines: Vec<String> = stdout.lines().map(str::to_string).collect();
    assert_eq!(
        lines.len(),
        args.len(),
        "one line per argument expected\nstdout: {stdout}\nstderr: {stderr}"
    );
    lines
}

fn strings(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

/// An empty site: gongshi's defaults and built-in calendar.
fn empty_site() -> tempfile::TempDir {
    tempfile::tempdir().expect("tempdir")
}

/// A site whose rules give `n` working days for task results.
fn site_with_task_days(n: u32) -> tempfile::TempDir {
    let dir = empty_site();
    std::fs::write(
        dir.path().join("gongshi.toml"),
        format!("[disclosure]\ntask_working_days = {n}\n"),
    )
    .expect("write gongshi.toml");
    dir
}

fn write_calendar(site: &Path, year: i32, text: &str) {
    let dir = site.join("data").join("calendar");
    std::fs::create_dir_all(&dir).expect("mkdir data/calendar");
    std::fs::write(dir.join(format!("{year}.toml")), text).expect("write calendar");
}

/// Compares the binary's task deadlines for `ends` with the reference, listing the first
/// mismatches.
fn compare_task_deadlines(site: &Path, n: u32, ends: &[NaiveDate]) {
    let reference = Reference::new();
    let args: Vec<String> = ends.iter().map(|d| d.to_string()).collect();
    let got = deadlines(site, "task", &args);
    let mismatches: Vec<String> = ends
        .iter()
        .zip(&got)
        .filter_map(|(end, line)| {
            let want = reference
                .add_working_days(*end, n)
                .unwrap_or_else(|| panic!("reference has no calendar for {end} + {n}"))
                .to_string();
            (*line != want).then(|| format!("{end}: gongshi says {line}, reference says {want}"))
        })
        .collect();
    assert!(
        mismatches.is_empty(),
        "{} of {} task deadlines ({n} working days) disagree; first ones:\n{}",
        mismatches.len(),
        ends.len(),
        mismatches
            .iter()
            .take(20)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

fn days(from: &str, to: &str) -> Vec<NaiveDate> {
    let to = date(to);
    date(from).iter_days().take_while(|d| *d <= to).collect()
}

// ---------------------------------------------------------------------------------------------
// 1. Every date against the independent reference
// ---------------------------------------------------------------------------------------------

#[test]
fn every_task_deadline_2023_to_2026_matches_the_notices() {
    let site = empty_site();
    let ends = days("2023-01-01", "2026-11-30");
    assert_eq!(ends.len(), 1430);
    compare_task_deadlines(site.path(), 18, &ends);
}

#[test]
fn task_working_days_from_site_config() {
    let site = site_with_task_days(20);
    compare_task_deadlines(site.path(), 20, &days("2024-01-01", "2024-12-31"));
}

// ---------------------------------------------------------------------------------------------
// 2. Hand-checked values
// ---------------------------------------------------------------------------------------------

/// The domain notes' reference table, checked by hand against the notices:
/// (inspection ended, deadline at 18 working days, deadline at 20 working days).
const REFERENCE_TABLE: &[(&str, &str, &str)] = &[
    ("2024-09-13", "2024-10-15", "2024-10-17"),
    ("2025-01-20", "2025-02-19", "2025-02-21"),
    ("2025-04-30", "2025-05-29", "2025-06-03"),
    ("2025-09-26", "2025-10-28", "2025-10-30"),
];

#[test]
fn reference_table_18_working_days() {
    let site = empty_site();
    let ends: Vec<&str> = REFERENCE_TABLE.iter().map(|r| r.0).collect();
    let want: Vec<&str> = REFERENCE_TABLE.iter().map(|r| r.1).collect();
    assert_eq!(deadlines(site.path(), "task", &strings(&ends)), want);
    // The independent reference agrees with the table too.
    let reference = Reference::new();
    for (end, d18, d20) in REFERENCE_TABLE {
        assert_eq!(reference.add_working_days(date(end), 18), Some(date(d18)));
        assert_eq!(reference.add_working_days(date(end), 20), Some(date(d20)));
    }
}

#[test]
fn reference_table_20_working_days() {
    let site = site_with_task_days(20);
    let ends: Vec<&str> = REFERENCE_TABLE.iter().map(|r| r.0).collect();
    let want: Vec<&str> = REFERENCE_TABLE.iter().map(|r| r.2).collect();
    assert_eq!(deadlines(site.path(), "task", &strings(&ends)), want);
}

/// Quarter-summary deadlines: quarter end + 13 natural days, rolled forward to the next working
/// day when that day is a rest day. Computed by hand, weekdays checked with Python's datetime,
/// holidays against the notices.
const QUARTER_DEADLINES: &[(&str, &str)] = &[
    ("2023Q1", "2023-04-13"), // 03-31 + 13 = Thursday 2023-04-13, a working day (清明 was 04-05)
    ("2023Q2", "2023-07-13"), // 06-30 + 13 = Thursday 2023-07-13, a working day
    ("2023Q3", "2023-10-13"), // 09-30 + 13 = Friday 2023-10-13, a working day (国庆 ended 10-06)
    ("2023Q4", "2024-01-15"), // 12-31 + 13 = 2024-01-13 is a Saturday → Monday 2024-01-15
    ("2024Q1", "2024-04-15"), // 2024-04-13 is a Saturday → Monday 2024-04-15
    ("2024Q2", "2024-07-15"), // 2024-07-13 is a Saturday → Monday 2024-07-15
    ("2024Q3", "2024-10-14"), // 2024-10-13 is a Sunday (the 调休 was Saturday 10-12) → Monday 2024-10-14
    ("2024Q4", "2025-01-13"), // 2025-01-13 is a Monday, a working day
    ("2025Q1", "2025-04-14"), // 2025-04-13 is a Sunday → Monday 2025-04-14 (domain notes' example)
    ("2025Q2", "2025-07-14"), // 2025-07-13 is a Sunday → Monday 2025-07-14
    ("2025Q3", "2025-10-13"), // 2025-10-13 is a Monday, a working day (国庆 ended 10-08)
    ("2025Q4", "2026-01-13"), // 2026-01-13 is a Tuesday, a working day
    ("2026Q1", "2026-04-13"), // 2026-04-13 is a Monday, a working day (清明 ended 04-06)
    ("2026Q2", "2026-07-13"), // 2026-07-13 is a Monday, a working day
    ("2026Q3", "2026-10-13"), // 2026-10-13 is a Tuesday, a working day (国庆 ended 10-07)
];

#[test]
fn quarter_deadlines_2023q1_to_2026q3() {
    let site = empty_site();
    let quarters: Vec<&str> = QUARTER_DEADLINES.iter().map(|q| q.0).collect();
    let want: Vec<&str> = QUARTER_DEADLINES.iter().map(|q| q.1).collect();
    let got = deadlines(site.path(), "quarter", &strings(&quarters));
    for ((quarter, want), got) in quarters.iter().zip(&want).zip(&got) {
        assert_eq!(got, want, "quarter {quarter}");
    }
    // The hand-computed values also follow from the independent reference.
    let reference = Reference::new();
    for (quarter, want) in QUARTER_DEADLINES {
        let year: i32 = quarter[..4].parse().unwrap();
        let q: u32 = quarter[5..].parse().unwrap();
        let last_day = NaiveDate::from_ymd_opt(year, q * 3 + 1, 1)
            .unwrap_or_else(|| NaiveDate::from_ymd_opt(year + 1, 1, 1).unwrap())
            .pred_opt()
            .unwrap();
        let mut day = last_day + chrono::Days::new(13);
        while reference.is_working_day(day) != Some(true) {
            day = day.succ_opt().unwrap();
        }
        assert_eq!(day.to_string(), *want, "reference for {quarter}");
    }
}

// ---------------------------------------------------------------------------------------------
// 3. A year with no calendar, then a site's file for it
// ---------------------------------------------------------------------------------------------

/// A deadline in a year without a calendar: the certain ones on stdout, an error line naming the
/// year and the bound for each of the others, exit 1.
fn assert_missing_year(
    out: &Output,
    year: &str,
    not_before: &[&str],
    certain: &[&str],
    what: &str,
) {
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        out.status.code(),
        Some(1),
        "{what}: exit code\nstderr: {stderr}"
    );
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), not_before.len(), "{what}: {stderr}");
    for (line, day) in errors.iter().zip(not_before) {
        assert!(
            line.contains(year) && line.contains(&format!("not before {day}")),
            "{what}: the error should name {year} and {day}: {line}"
        );
    }
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        certain,
        "{what}: the certain deadlines on stdout"
    );
}

#[test]
fn a_missing_year_prints_what_is_certain_and_fails_the_rest() {
    let site = empty_site();
    // 18 working days after Sunday 2026-12-20: 12-21..25 (5), 12-28..31 (9); nine more from
    // 2027-01-01 on, at the earliest by 2027-01-09.
    assert_missing_year(
        &gongshi(site.path(), &["task", "2026-12-20"]),
        "2027",
        &["2027-01-09"],
        &[],
        "task 2026-12-20",
    );
    // 2026-12-31 + 13 = 2027-01-13, which may be a rest day.
    assert_missing_year(
        &gongshi(site.path(), &["quarter", "2026Q4"]),
        "2027",
        &["2027-01-13"],
        &[],
        "quarter 2026Q4",
    );
    // The certain one is printed; 2026-12-01 → 2026-12-25 (12-02..04, 07..11, 14..18, 21..25).
    assert_missing_year(
        &gongshi(
            site.path(),
            &["task", "2025-09-26", "2026-12-20", "2026-12-01"],
        ),
        "2027",
        &["2027-01-09"],
        &["2025-10-28", "2026-12-25"],
        "task 2025-09-26 2026-12-20 2026-12-01",
    );
}

/// TEST DATA, NOT THE REAL 2027 NOTICE: an invented calendar for 2027.
/// 元旦 Friday 2027-01-01 to Sunday 01-03; an invented two-day holiday on Wednesday 01-13 and
/// Thursday 01-14; Saturday 01-16 an invented make-up working day.
const INVENTED_2027: &str = r#"# TEST DATA: an invented 2027 calendar, not the State Council's notice.
year = 2027
notice = "测试用日历（虚构）"
notice_date = 2026-11-01

[[holiday]]
name = "元旦"
days = ["2027-01-01/2027-01-03"]

[[holiday]]
name = "测试假日"
days = ["2027-01-13", "2027-01-14"]
makeup_workdays = [2027-01-16]
"#;

#[test]
fn site_can_add_next_years_calendar() {
    let site = empty_site();
    write_calendar(site.path(), 2027, INVENTED_2027);
    // Task ended Sunday 2026-12-20, 18 working days, by hand:
    //   2026-12-21..25 (Mon–Fri) = 5, 12-28..31 (Mon–Thu) = 9,
    //   2027-01-01 Fri 元旦 (invented) skipped, 01-02/03 weekend,
    //   01-04..08 (Mon–Fri) = 14, 01-11 Mon = 15, 01-12 Tue = 16,
    //   01-13 Wed and 01-14 Thu invented holidays skipped, 01-15 Fri = 17,
    //   01-16 Sat invented make-up working day = 18 → 2027-01-16.
    //   (Without the invented holiday and make-up day it would be Thursday 01-14.)
    // Quarter 2026Q4: 2026-12-31 + 13 = Wednesday 2027-01-13, an invented holiday; Thursday
    //   01-14 too → Friday 2027-01-15.
    assert_eq!(
        deadlines(site.path(), "task", &strings(&["2026-12-20"])),
        ["2027-01-16"]
    );
    assert_eq!(
        deadlines(site.path(), "quarter", &strings(&["2026Q4"])),
        ["2027-01-15"]
    );
    // Built-in years still apply next to the site's year.
    assert_eq!(
        deadlines(site.path(), "task", &strings(&["2025-09-26", "2026-12-20"])),
        ["2025-10-28", "2027-01-16"]
    );
    // The year after is still missing: 18 working days after Monday 2027-12-20 reach 2028
    // (12-21..24, 27..31: 9; nine more from 2028-01-01).
    assert_missing_year(
        &gongshi(site.path(), &["task", "2027-12-20"]),
        "2028",
        &["2028-01-09"],
        &[],
        "task 2027-12-20",
    );
    assert_missing_year(
        &gongshi(site.path(), &["quarter", "2027Q4"]),
        "2028",
        &["2028-01-13"],
        &[],
        "quarter 2027Q4",
    );
}

// ---------------------------------------------------------------------------------------------
// 4. A site's file replaces a built-in year
// ---------------------------------------------------------------------------------------------

/// TEST DATA: the real 2025 notice plus an invented holiday on Monday 2025-10-20.
const AMENDED_2025: &str = r#"# TEST DATA: 2025 as noticed, plus an invented holiday on 2025-10-20.
year = 2025
notice = "国务院办公厅关于2025年部分节假日安排的通知（测试修改）"
notice_date = 2024-11-12

[[holiday]]
name = "元旦"
days = ["2025-01-01"]

[[holiday]]
name = "春节"
days = ["2025-01-28/2025-02-04"]
makeup_workdays = [2025-01-26, 2025-02-08]

[[holiday]]
name = "清明节"
days = ["2025-04-04/2025-04-06"]

[[holiday]]
name = "劳动节"
days = ["2025-05-01/2025-05-05"]
makeup_workdays = [2025-04-27]

[[holiday]]
name = "端午节"
days = ["2025-05-31/2025-06-02"]

[[holiday]]
name = "国庆节、中秋节"
days = ["2025-10-01/2025-10-08"]
makeup_workdays = [2025-09-28, 2025-10-11]

[[holiday]]
name = "测试假日"
days = ["2025-10-20"]
"#;

#[test]
fn site_calendar_replaces_built_in_year() {
    let site = empty_site();
    write_calendar(site.path(), 2025, AMENDED_2025);
    // Task ended Friday 2025-09-26, 18 working days, by hand:
    //   09-28 Sun 调休 = 1, 09-29 Mon = 2, 09-30 Tue = 3, 10-01..08 国庆 skipped,
    //   10-09 Thu = 4, 10-10 Fri = 5, 10-11 Sat 调休 = 6, 10-13..17 = 11,
    //   10-20 Mon invented holiday skipped, 10-21..24 (Tue–Fri) = 15,
    //   10-27 Mon = 16, 10-28 Tue = 17, 10-29 Wed = 18 → 2025-10-29 (built-in: 10-28).
    assert_eq!(
        deadlines(site.path(), "task", &strings(&["2025-09-26"])),
        ["2025-10-29"]
    );
    // Dates whose count never reaches 10-20 are unchanged: Friday 2025-09-12 (built-in rules)
    //   09-15..19 = 5, 09-22..26 = 10, 09-28 Sun 调休 = 11, 09-29 = 12, 09-30 = 13,
    //   10-09 = 14, 10-10 = 15, 10-11 Sat 调休 = 16, 10-13 = 17, 10-14 = 18 → 2025-10-14.
    assert_eq!(
        deadlines(site.path(), "task", &strings(&["2025-09-12"])),
        ["2025-10-14"]
    );
    // Other years are untouched.
    let reference = Reference::new();
    let ends = days("2024-01-01", "2024-12-31");
    let args: Vec<String> = ends.iter().map(|d| d.to_string()).collect();
    let got = deadlines(site.path(), "task", &args);
    let ends_before_2025 = ends
        .iter()
        .zip(&got)
        .filter(|(end, _)| reference.add_working_days(**end, 18).unwrap().year() == 2024);
    for (end, line) in ends_before_2025 {
        assert_eq!(
            *line,
            reference.add_working_days(*end, 18).unwrap().to_string(),
            "{end}"
        );
    }
}

/// A site's file replaces the year whole (it does not merge with the built-in notice): a 2025
/// file that lists only 2025-10-20 leaves 国庆 and its 调休 out.
#[test]
fn site_calendar_replaces_the_year_whole() {
    let site = empty_site();
    write_calendar(
        site.path(),
        2025,
        "# TEST DATA: an invented 2025 with a single holiday.\n\
         year = 2025\n\
         notice = \"测试用日历（虚构）\"\n\n\
         [[holiday]]\n\
         name = \"测试假日\"\n\
         days = [\"2025-10-20\"]\n",
    );
    // Friday 2025-09-26, only weekends and 10-20 off:
    //   09-29 Mon = 1, 09-30 = 2, 10-01..03 = 5, 10-06..10 = 10, 10-13..17 = 15,
    //   10-20 skipped, 10-21 = 16, 10-22 = 17, 10-23 Thu = 18 → 2025-10-23.
    assert_eq!(
        deadlines(site.path(), "task", &strings(&["2025-09-26"])),
        ["2025-10-23"]
    );
}
