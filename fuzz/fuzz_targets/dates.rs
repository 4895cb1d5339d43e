//! Date and quarter parsing: any text. A parsed date prints back in ISO form and parses to
//! itself; a parsed quarter likewise.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(date) = gongshi::dates::parse_date(text) {
        assert_eq!(gongshi::dates::parse_date(&date.to_string()), Ok(date));
    }
    if let Ok(quarter) = text.parse::<gongshi::dates::Quarter>() {
        assert!((1..=4).contains(&quarter.number));
        assert_eq!(quarter.to_string().parse(), Ok(quarter));
        assert!(quarter.first_day() <= quarter.last_day());
    }
    let _ = gongshi::privacy::mask(text);
});
