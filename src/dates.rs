//! Dates as the platforms export them, and quarters (季度).

use std::fmt;
use std::str::FromStr;

use chrono::{Datelike, NaiveDate, Weekday};

use crate::tr;

/// Parses a date as bureaus' exports write it. The error says what was wrong.
pub fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let text = text.trim();
    // Exports from spreadsheets often carry a midnight time: "2025-09-26 00:00:00".
    let text =
        text.split_once([' ', 'T']).map_or(
            text,
            |(date, time)| if looks_like_time(time) { date } else { text },
        );
    if text.is_empty() {
        return Err(tr!("dates-empty"));
    }
    if text.bytes().all(|b| b.is_ascii_digit()) {
        return parse_digits(text);
    }
    let parts: Vec<&str> = if let Some(rest) = text.strip_suffix('日') {
        rest.split(['年', '月']).collect()
    } else {
        text.split(['-', '/', '.']).collect()
    };
    let [y, m, d] = parts.as_slice() else {
        return Err(tr!("dates-not-a-date", text = text));
    };
    let number = |s: &str, max_len: usize| -> Option<u32> {
        let s = s.trim();
        (!s.is_empty() && s.len() <= max_len && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let (Some(year), Some(month), Some(day)) = (number(y, 4), number(m, 2), number(d, 2)) else {
        return Err(tr!("dates-not-a-date", text = text));
    };
    if y.trim().len() != 4 {
        return Err(tr!("dates-year-digits", text = text));
    }
    NaiveDate::from_ymd_opt(year as i32, month, day)
        .ok_or_else(|| tr!("dates-not-in-calendar", text = text))
}

fn looks_like_time(text: &str) -> bool {
    let text = text.trim();
    !text.is_empty()
        && text
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b':' || b == b'.')
}

/// Eight digits are a compact date (20250926); five are an Excel serial day number (10000 to
/// 99999: 1927 to 2173). A bare four-digit year is not a date.
fn parse_digits(text: &str) -> Result<NaiveDate, String> {
    match text.len() {
        8 => {
            let (y, m, d) = (&text[..4], &text[4..6], &text[6..]);
            NaiveDate::from_ymd_opt(
                y.parse().unwrap_or(0),
                m.parse().unwrap_or(0),
                d.parse().unwrap_or(0),
            )
            .ok_or_else(|| tr!("dates-not-in-calendar", text = text))
        }
        5 => {
            let serial: i64 = text
                .parse()
                .map_err(|_| tr!("dates-not-a-date", text = text))?;
            excel_serial(serial).ok_or_else(|| tr!("dates-excel-serial", serial = text))
        }
        _ => Err(tr!("dates-not-a-date", text = text)),
    }
}

/// Excel's day numbers count from 1899-12-30 (its 1900 leap-year bug makes day 60 fictitious,
/// which no inspection date reaches).
pub fn excel_serial(serial: i64) -> Option<NaiveDate> {
    if serial <= 60 {
        return None;
    }
    NaiveDate::from_ymd_opt(1899, 12, 30)?.checked_add_signed(chrono::Duration::days(serial))
}

/// The weekday in words: "Monday (星期一)" in English, "星期一" in Chinese.
pub fn weekday_words(day: Weekday) -> String {
    tr!("dates-weekday", day = day.to_string())
}

/// The weekday in short: "Mon" in English, "周一" in Chinese.
pub fn weekday_short(day: Weekday) -> String {
    tr!("dates-weekday-short", day = day.to_string())
}

/// A calendar quarter (季度), written 2025Q3.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Quarter {
    pub year: i32,
    /// 1 to 4.
    pub number: u8,
}

impl Quarter {
    pub fn of(date: NaiveDate) -> Quarter {
        Quarter {
            year: date.year(),
            number: (date.month0() / 3 + 1) as u8,
        }
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, u32::from(self.number) * 3 - 2, 1)
            .expect("valid quarter")
    }

    pub fn last_day(self) -> NaiveDate {
        let next = self.next().first_day();
        next.pred_opt().expect("valid quarter")
    }

    pub fn next(self) -> Quarter {
        if self.number == 4 {
            Quarter {
                year: self.year + 1,
                number: 1,
            }
        } else {
            Quarter {
                year: self.year,
                number: self.number + 1,
            }
        }
    }

    /// The lower-case form used in URLs and file names: `2025q3`.
    pub fn slug(self) -> String {
        format!("{}q{}", self.year, self.number)
    }

    /// 2025年第三季度.
    pub fn chinese(self) -> String {
        let n = ["一", "二", "三", "四"][usize::from(self.number - 1)];
        format!("{}年第{}季度", self.year, n)
    }
}

impl serde::Serialize for Quarter {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Quarter {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Quarter, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}

impl fmt::Display for Quarter {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}Q{}", self.year, self.number)
    }
}

impl FromStr for Quarter {
    type Err = String;

    /// Accepts 2025Q3, 2025q3, 2025-Q3, 2025 Q3, 2025年第三季度, 2025年第3季度, 2025年三季度; text after
    /// the quarter (a batch number, say) is ignored.
    fn from_str(text: &str) -> Result<Quarter, String> {
        let expected = || tr!("dates-not-a-quarter", text = text);
        let text_trimmed = text.trim();
        let year_digits: String = text_trimmed
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        if year_digits.len() != 4 {
            return Err(expected());
        }
        let year: i32 = year_digits.parse().map_err(|_| expected())?;
        // Found by fuzzing: "0225Q3" read as year 225, which prints as "225Q3".
        if !(1900..=2999).contains(&year) {
            return Err(expected());
        }
        let rest = text_trimmed[4..].trim_start_matches([' ', '-', '_', '/', '年']);
        let rest = rest.strip_prefix('第').unwrap_or(rest);
        let mut chars = rest.chars();
        let first = chars.next().ok_or_else(expected)?;
        let number_char = if first == 'Q' || first == 'q' {
            let digit = chars.next().ok_or_else(expected)?;
            if chars.next().is_some_and(|c| c.is_ascii_digit()) {
                return Err(expected());
            }
            digit
        } else {
            let after: String = chars.clone().collect();
            if !after.starts_with("季度") && !after.starts_with("季") {
                return Err(expected());
            }
            first
        };
        let number = match number_char {
            '1' | '一' => 1,
            '2' | '二' => 2,
            '3' | '三' => 3,
            '4' | '四' => 4,
            _ => return Err(expected()),
        };
        Ok(Quarter { year, number })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn parses_every_export_format() {
        for text in [
            "2025-09-26",
            "2025/9/26",
            "2025/09/26",
            "2025.9.26",
            "2025年9月26日",
            "2025年09月26日",
            "20250926",
            "45926",
            " 2025-09-26 00:00:00 ",
            "2025/9/26 0:00",
        ] {
            assert_eq!(parse_date(text), Ok(d(2025, 9, 26)), "{text}");
        }
    }

    #[test]
    fn excel_serials_match_known_days() {
        // Excel: =DATE(2023,1,1) is 44927 (the widely quoted value); the others follow by day count.
        assert_eq!(excel_serial(44927), Some(d(2023, 1, 1)));
        assert_eq!(excel_serial(46086), Some(d(2026, 3, 5)));
        assert_eq!(excel_serial(25569), Some(d(1970, 1, 1)));
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in ["2025-02-29", "2025-13-01", "2025年2月30日", "20250231"] {
            let err = parse_date(text).unwrap_err();
            assert!(err.contains("does not exist"), "{text}: {err}");
        }
        for text in [
            "",
            "yesterday",
            "25-9-26",
            "2025-9",
            "2025-9-26-1",
            "123",
            "2025年9月26",
            "１２",
        ] {
            assert!(parse_date(text).is_err(), "{text} should not parse");
        }
        assert_eq!(parse_date("2024-02-29"), Ok(d(2024, 2, 29)));
    }

    #[test]
    fn quarters_parse_in_both_languages() {
        let q3 = Quarter {
            year: 2025,
            number: 3,
        };
        for text in [
            "2025Q3",
            "2025q3",
            "2025-Q3",
            "2025 Q3",
            "2025年第三季度",
            "2025年第3季度",
            "2025年三季度",
            "2025年第三季度第2批",
        ] {
            assert_eq!(text.parse::<Quarter>(), Ok(q3), "{text}");
        }
        for text in [
            "",
            "2025",
            "2025Q5",
            "2025Q12",
            "25Q3",
            "2025年第五季度",
            "Q3 2025",
        ] {
            assert!(text.parse::<Quarter>().is_err(), "{text}");
        }
    }

    #[test]
    fn quarter_bounds() {
        let q = Quarter {
            year: 2024,
            number: 1,
        };
        assert_eq!(q.first_day(), d(2024, 1, 1));
        assert_eq!(q.last_day(), d(2024, 3, 31));
        let q4 = Quarter {
            year: 2025,
            number: 4,
        };
        assert_eq!(q4.last_day(), d(2025, 12, 31));
        assert_eq!(
            q4.next(),
            Quarter {
                year: 2026,
                number: 1
            }
        );
        assert_eq!(
            Quarter::of(d(2025, 6, 30)),
            Quarter {
                year: 2025,
                number: 2
            }
        );
        assert_eq!(Quarter::of(d(2025, 7, 1)).to_string(), "2025Q3");
        assert_eq!(q4.chinese(), "2025年第四季度");
        assert_eq!(q4.slug(), "2025q4");
    }
}
