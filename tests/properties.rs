//! Properties that must hold for every input, checked on random ones (proptest): working-day
//! arithmetic, and a ledger that only ever grows through any sequence of builds, edits and
//! failures, and that holds everything each build reported (so that its report can be said
//! again while nothing changes).

use std::collections::BTreeMap;
use std::path::Path;

use chrono::{Datelike, NaiveDate};
use gongshi::build::{self, BuildOptions, Quiet};
use gongshi::calendar::Calendar;
use proptest::prelude::*;

fn day(offset: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(2023, 1, 1).unwrap() + chrono::Days::new(u64::from(offset))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Adding n then m working days is adding n + m; the result is a working day; and there are
    /// exactly n working days in between. (Start dates 2023-01-01 to 2026-06-30, so that the
    /// sums stay inside the calendar.)
    #[test]
    fn working_days_add_up(offset in 0u32..1276, n in 0u32..60, m in 0u32..60) {
        let calendar = Calendar::built_in();
        let start = day(offset);
        let a = calendar.add_working_days(start, n).unwrap();
        let b = calendar.add_working_days(a, m).unwrap();
        prop_assert_eq!(b, calendar.add_working_days(start, n + m).unwrap());
        prop_assert_eq!(calendar.working_days_between(start, a).unwrap(), n);
        if n > 0 {
            prop_assert!(calendar.is_working_day(a).unwrap());
            prop_assert!(a > start);
        }
    }

    /// Rolling forward lands on a working day, never earlier, and rolling again changes nothing.
    #[test]
    fn roll_forward_is_a_working_day_and_idempotent(offset in 0u32..1400) {
        let calendar = Calendar::built_in();
        let rolled = calendar.roll_forward(day(offset)).unwrap();
        prop_assert!(rolled >= day(offset));
        prop_assert!(calendar.is_working_day(rolled).unwrap());
        prop_assert_eq!(calendar.roll_forward(rolled).unwrap(), rolled);
        // Nothing in between was a working day.
        for d in day(offset).iter_days().take_while(|d| *d < rolled) {
            prop_assert!(!calendar.is_working_day(d).unwrap());
        }
    }
}

/// A made-up 2027 calendar: the days off and make-up working days given by offsets from
/// 2026-12-29 (the first day a 2027 notice may change) over 60 days, make-up days kept to
/// weekends that are not off.
fn made_up_2027(off: &[u8], makeup: &[u8]) -> Calendar {
    let first = NaiveDate::from_ymd_opt(2026, 12, 29).unwrap();
    let at = |o: &u8| first + chrono::Days::new(u64::from(*o));
    let off: std::collections::BTreeSet<NaiveDate> = off.iter().map(at).collect();
    let makeup: std::collections::BTreeSet<NaiveDate> = makeup
        .iter()
        .map(at)
        .filter(|d| d.weekday().number_from_monday() >= 6 && !off.contains(d))
        .collect();
    let list = |days: &std::collections::BTreeSet<NaiveDate>| {
        days.iter()
            .map(|d| format!("\"{d}\""))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut text = String::from("# MADE UP for a property test.\nyear = 2027\nnotice = \"x\"\n");
    if !off.is_empty() || !makeup.is_empty() {
        text.push_str(&format!(
            "[[holiday]]\nname = \"x\"\ndays = [{}]\nmakeup_workdays = [{}]\n",
            if off.is_empty() {
                "\"2027-12-31\"".to_string()
            } else {
                list(&off)
            },
            makeup
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ));
    }
    let mut calendar = Calendar::built_in();
    calendar.add_year("data/calendar/2027.toml", &text).unwrap();
    calendar
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// Never a guess: without 2027's notice, a deadline that runs into 2027 is a bound that no
    /// notice can undercut, and every status it settles is the status the notice gives,
    /// whatever the notice turns out to say.
    #[test]
    fn what_the_bound_settles_no_notice_can_change(
        end_offset in 0u32..60,
        n in 1u32..40,
        off in prop::collection::vec(0u8..60, 0..12),
        makeup in prop::collection::vec(0u8..60, 0..4),
        day_offset in 0u32..90,
    ) {
        let without = Calendar::built_in();
        let with = made_up_2027(&off, &makeup);
        let end = NaiveDate::from_ymd_opt(2026, 11, 15).unwrap() + chrono::Days::new(u64::from(end_offset));
        let bound = without.deadline_after(end, n).unwrap();
        let exact = with.deadline_after(end, n).unwrap();
        let exact_day = exact.known().expect("2027 is known now");
        prop_assert!(exact_day >= bound.earliest());
        if let Some(day) = bound.known() {
            prop_assert_eq!(day, exact_day, "a certain deadline is the deadline");
        }
        let published = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap() + chrono::Days::new(u64::from(day_offset));
        if let Some(settled) = bound.met_by(published) {
            prop_assert_eq!(Some(settled), exact.met_by(published));
        }
    }
}

/// One step of a web team's week.
#[derive(Debug, Clone)]
enum Step {
    /// Build a day later than the last build.
    Build { days_later: u8 },
    /// Correct the result of a task.
    Edit { task: u8 },
    /// A new task ends.
    Add,
    /// A task disappears from the export.
    Remove { task: u8 },
    /// A build that fails: a broken template.
    FailingBuild,
    /// A preview and a check, which write no ledger.
    Preview,
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        (1u8..20).prop_map(|days_later| Step::Build { days_later }),
        any::<u8>().prop_map(|task| Step::Edit { task }),
        Just(Step::Add),
        any::<u8>().prop_map(|task| Step::Remove { task }),
        Just(Step::FailingBuild),
        Just(Step::Preview),
    ]
}

fn write_tasks(site: &Path, tasks: &BTreeMap<u32, String>) {
    let mut csv = String::from("task_id,end,result\n");
    for (id, result) in tasks {
        csv.push_str(&format!("T-{id},2025-09-01,{result}\n"));
    }
    std::fs::write(site.join("data/tasks/t.csv"), csv).unwrap();
}

fn ledger_rows(text: &str) -> BTreeMap<String, String> {
    // kind,id -> published_on of the first row.
    let mut first = BTreeMap::new();
    for line in text.lines().skip(1) {
        let fields: Vec<&str> = line.split(',').collect();
        if fields[0] == "task" || fields[0] == "quarter" {
            first
                .entry(format!("{},{}", fields[0], fields[1]))
                .or_insert_with(|| fields[2].to_string());
        }
    }
    first
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(24))]

    #[test]
    fn the_ledger_only_ever_grows(steps in prop::collection::vec(step(), 1..12)) {
        let dir = tempfile::tempdir().unwrap();
        let site = dir.path();
        std::fs::create_dir_all(site.join("data/tasks")).unwrap();
        let mut tasks: BTreeMap<u32, String> = (0..3).map(|i| (i, "未发现问题".to_string())).collect();
        let mut next_id = 3;
        write_tasks(site, &tasks);
        let ledger_path = site.join("data/published.csv");
        let archive_path = site.join("data/published-records.jsonl");
        let mut as_of = NaiveDate::from_ymd_opt(2025, 9, 5).unwrap();
        let options = |as_of, out: &str, write_ledger| BuildOptions {
            site: site.to_path_buf(),
            out: Some(site.join(out)),
            as_of,
            // Each build runs on its own day, as a daily CI job would.
            today: as_of,
            write_ledger,
            wait_for_lock: true,
        };
        for step in steps {
            let before = std::fs::read_to_string(&ledger_path).unwrap_or_default();
            let archived = std::fs::read_to_string(&archive_path).unwrap_or_default();
            match step {
                Step::Build { days_later } => {
                    as_of = as_of + chrono::Days::new(u64::from(days_later));
                    let built = build::run_with(&options(as_of, "public", true), &Quiet).unwrap();
                    // What the build appended is what it assumed: a fresh look at the ledger
                    // as it now is says exactly what the build said.
                    let fresh = build::run(&BuildOptions { out: None, ..options(as_of, "public", true) }).unwrap();
                    prop_assert_eq!(built.report.to_json(), fresh.to_json());
                    // So the next build, reading the same, says it again without reading.
                    let again = build::run_with(&options(as_of, "public", true), &Quiet).unwrap();
                    prop_assert!(again.written.unwrap().inputs_unchanged);
                    prop_assert_eq!(again.report.to_json(), fresh.to_json());
                }
                Step::Edit { task } => {
                    if let Some(key) = tasks.keys().nth(usize::from(task) % tasks.len().max(1)).copied() {
                        tasks.insert(key, format!("发现问题经责令已改正{task}"));
                        write_tasks(site, &tasks);
                    }
                }
                Step::Add => {
                    tasks.insert(next_id, "未发现问题".into());
                    next_id += 1;
                    write_tasks(site, &tasks);
                }
                Step::Remove { task } => {
                    if let Some(key) = tasks.keys().nth(usize::from(task) % tasks.len().max(1)).copied() {
                        tasks.remove(&key);
                        write_tasks(site, &tasks);
                    }
                }
                Step::FailingBuild => {
                    let templates = site.join("themes/default/templates");
                    std::fs::create_dir_all(&templates).unwrap();
                    std::fs::write(templates.join("task.html"), "{% if %}").unwrap();
                    prop_assert!(build::run(&options(as_of, "public", true)).is_err());
                    std::fs::remove_dir_all(site.join("themes")).unwrap();
                    prop_assert_eq!(&std::fs::read_to_string(&ledger_path).unwrap_or_default(), &before);
                }
                Step::Preview => {
                    build::run(&options(as_of, "preview", false)).unwrap();
                    build::run(&BuildOptions { out: None, ..options(as_of, "public", true) }).unwrap();
                    prop_assert_eq!(&std::fs::read_to_string(&ledger_path).unwrap_or_default(), &before);
                }
            }
            let after = std::fs::read_to_string(&ledger_path).unwrap_or_default();
            prop_assert!(after.starts_with(&before), "rows were changed or lost:\n{}\n---\n{}", before, after);
            // The archive of what was published only grows too, and only with the ledger.
            let archived_after = std::fs::read_to_string(&archive_path).unwrap_or_default();
            prop_assert!(archived_after.starts_with(&archived), "archive lines were changed or lost");
            if !matches!(step, Step::Build { .. }) {
                prop_assert_eq!(&archived_after, &archived);
            }
            // Every result the ledger records as published keeps a page, unless withdrawn.
            if matches!(step, Step::Build { .. }) {
                for key in ledger_rows(&after).keys().filter(|k| k.starts_with("task,")) {
                    let slug = key["task,".len()..].to_lowercase();
                    let page = site.join("public/tasks").join(&slug).join("index.html");
                    prop_assert!(page.is_file(), "{} lost its page", key);
                }
            }
            // First publication dates never move.
            let (old, new) = (ledger_rows(&before), ledger_rows(&after));
            for (key, date) in &old {
                prop_assert_eq!(new.get(key), Some(date));
            }
        }
    }
}
