//! Holiday notices: any text as a pasted notice. Reading never panics, and a notice that reads
//! makes a calendar file that, when it passes the checks, names exactly the days read.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(notice) = gongshi::notice::parse(text) {
        let toml = gongshi::notice::to_toml(&notice);
        if let Ok(year) = gongshi::calendar::check(&format!("{}.toml", notice.year), &toml) {
            assert_eq!(year.holidays.len(), notice.holidays.len());
            for (file, read) in year.holidays.iter().zip(&notice.holidays) {
                let mut days = file.days.clone();
                days.sort();
                assert_eq!(days, read.days);
                assert_eq!(file.makeup_workdays, read.makeup_workdays);
                assert_eq!(file.name, read.name);
            }
        }
    }
});
