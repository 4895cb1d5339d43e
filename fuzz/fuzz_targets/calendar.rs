//! Calendar files: any text as data/calendar/2027.toml. A year that loads answers every day
//! of itself without error (but for December 29–31, which wait for 2028's notice unless the
//! file names them), and working-day counts stay consistent.
#![no_main]

use chrono::Datelike;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let mut calendar = gongshi::calendar::Calendar::default();
    if calendar.add_year("data/calendar/2027.toml", text).is_ok() {
        let first = chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap();
        for day in first.iter_days().take(365) {
            match calendar.is_working_day(day) {
                Ok(_) => {}
                Err(gongshi::Error::MissingCalendarYear { year: 2028 })
                    if day.month() == 12
                        && day.day() >= gongshi::calendar::NEXT_NOTICE_REACHES_BACK_TO => {}
                Err(e) => panic!("{day}: {e}"),
            }
        }
        let end = chrono::NaiveDate::from_ymd_opt(2027, 6, 30).unwrap();
        let n = calendar.working_days_between(first, end).unwrap();
        if n > 0 {
            assert!(calendar.add_working_days(first, n).unwrap() <= end);
        }
    }
});
