//! Calendar files: any text as data/calendar/2027.toml. A year that loads answers every day
//! of itself without error, and working-day counts stay consistent.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut calendar = gongshi::calendar::Calendar::default();
    if calendar.add_year("data/calendar/2027.toml", text).is_ok() {
        let first = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        for day in first.iter_days().take(365) {
            assert!(calendar.is_working_day(day).is_ok());
        }
        let end = chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
        let n = calendar.working_days_between(first, end).unwrap();
        if n > 0 {
            assert!(calendar.add_working_days(first, n).unwrap() <= end);
        }
    }
});
