//! Reading a State Council holiday notice (国务院办公厅关于YYYY年部分节假日安排的通知), as pasted
//! from a web page or a PDF, into that year's statutory holidays and make-up working days.
//!
//! The reader is strict on purpose: a calendar built from a misread notice would put deadlines
//! on the wrong days and nobody would notice. So any sentence it cannot read with certainty
//! refuses the whole text, and every such sentence is listed so the user can fix them at once.

use std::collections::BTreeMap;
use std::fmt::{self, Write as _};

use chrono::{Datelike, NaiveDate, Weekday};

use crate::dates::weekday_words;
use crate::tr;

/// A notice as parsed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Notice {
    pub year: i32,
    /// "国务院办公厅关于2019年部分节假日安排的通知". A text without the title line (some news
    /// copies start at the salutation) gets this standard title, built from its 「现将YYYY年」.
    pub title: String,
    /// "国办发明电〔2018〕15号", when the text has it.
    pub document_number: Option<String>,
    /// The date under the signature (2018年12月4日), when the text has it.
    pub date: Option<NaiveDate>,
    /// In the notice's order.
    pub holidays: Vec<NoticeHoliday>,
    /// Sentences that name dates but are neither days off nor make-up working days, skipped on
    /// purpose (e.g. 2024's 「鼓励各单位…安排职工在除夕（2月9日）休息」), each with why, so the
    /// user sees what was left out.
    pub skipped: Vec<String>,
}

/// One numbered item of a notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticeHoliday {
    /// As the notice names it: "元旦", "春节", "中秋节、国庆节", "国庆节、中秋节".
    pub name: String,
    /// Every day off, expanded and sorted (ranges become each day).
    pub days: Vec<NaiveDate>,
    /// Weekend days declared working days (调休上班), sorted.
    pub makeup_workdays: Vec<NaiveDate>,
}

/// Why a text was refused: the sentence (as written, trimmed) and the reason.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Refusal {
    pub sentence: String,
    pub reason: String,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&tr!(
            "notice-quoted",
            sentence = &self.sentence,
            reason = &self.reason
        ))
    }
}

/// Parses a notice. Any sentence that cannot be read with certainty refuses the whole text,
/// every such sentence listed (never a partial year).
pub fn parse(text: &str) -> Result<Notice, Vec<Refusal>> {
    Reader::new(text).read()
}

/// The notice as a calendar file, in exactly the format of `data/calendar/YYYY.toml`, so that a
/// site can add next year's file the day the notice comes out: two comment lines, `year`,
/// `notice`, `notice_date`, then one `[[holiday]]` per item with its days as runs.
pub fn to_toml(notice: &Notice) -> String {
    let source = match &notice.document_number {
        Some(number) => format!("{}（{number}）", notice.title),
        None => notice.title.clone(),
    };
    let mut out = String::new();
    let _ = writeln!(out, "# {} working-day calendar (工作日历).", notice.year);
    match notice.date {
        Some(date) => {
            let _ = writeln!(out, "# Source: {}, {date}.", one_line(&source));
        }
        None => {
            let _ = writeln!(out, "# Source: {}.", one_line(&source));
        }
    }
    let _ = writeln!(out, "year = {}", notice.year);
    let _ = writeln!(out, "notice = {}", toml_string(&source));
    if let Some(date) = notice.date {
        let _ = writeln!(out, "notice_date = {date}");
    }
    for holiday in &notice.holidays {
        let days: Vec<String> = runs(&holiday.days)
            .into_iter()
            .map(|(from, to)| {
                if from == to {
                    format!("\"{from}\"")
                } else {
                    format!("\"{from}/{to}\"")
                }
            })
            .collect();
        let _ = writeln!(out, "\n[[holiday]]");
        let _ = writeln!(out, "name = {}", toml_string(&holiday.name));
        let _ = writeln!(out, "days = [{}]", days.join(", "));
        if !holiday.makeup_workdays.is_empty() {
            let worked: Vec<String> = holiday
                .makeup_workdays
                .iter()
                .map(|d| d.to_string())
                .collect();
            let _ = writeln!(out, "makeup_workdays = [{}]", worked.join(", "));
        }
    }
    out
}

/// Consecutive days as (first, last) runs, because the calendar file writes ranges.
fn runs(days: &[NaiveDate]) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out: Vec<(NaiveDate, NaiveDate)> = Vec::new();
    for &day in days {
        match out.last_mut() {
            Some((_, last)) if last.succ_opt() == Some(day) => *last = day,
            _ => out.push((day, day)),
        }
    }
    out
}

/// A TOML basic string, escaped.
fn toml_string(text: &str) -> String {
    let mut out = String::from("\"");
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A comment line must not be broken by a line break in what it quotes.
fn one_line(text: &str) -> String {
    text.chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect()
}

// ---------------------------------------------------------------------------------------------
// The text, normalised

/// The statutory holidays a numbered item may name.
const HOLIDAY_NAMES: [&str; 7] = [
    "元旦",
    "春节",
    "清明节",
    "劳动节",
    "端午节",
    "中秋节",
    "国庆节",
];
const TITLE_HEAD: &str = "国务院办公厅关于";
const TITLE_TAIL: &str = "年部分节假日安排的通知";
const ISSUER: &str = "国务院办公厅";
const SALUTATION_END: &str = "各直属机构:";
const DOCUMENT_PREFIX: &str = "国办发明电";
/// Longest first, so that 放假调休 is not read as 放假 followed by junk.
const OFF_VERBS: [&str; 4] = ["放假调休", "调休放假", "放假公休", "放假"];
/// Years a notice may be for; anything else is a typo or not a notice.
const YEARS: std::ops::RangeInclusive<i32> = 1949..=2199;

/// The pasted text with full-width forms folded to ASCII and all whitespace removed (Chinese
/// needs none, and pastes break lines anywhere), each char remembering where it came from so
/// that refusals can quote the sentence as written.
struct Text<'a> {
    source: &'a str,
    chars: Vec<char>,
    /// Byte range of each char in `source`.
    spans: Vec<(usize, usize)>,
    /// Whether whitespace (or the start of the text) came right before each char.
    spaced: Vec<bool>,
}

impl<'a> Text<'a> {
    fn new(source: &'a str) -> Self {
        let mut text = Text {
            source,
            chars: Vec::new(),
            spans: Vec::new(),
            spaced: Vec::new(),
        };
        let mut space = true;
        for (at, c) in source.char_indices() {
            let folded = match c {
                // Full-width ASCII (：，（）０-９ …) to ASCII.
                '\u{FF01}'..='\u{FF5E}' => char::from_u32(u32::from(c) - 0xFEE0).unwrap_or(c),
                '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => ' ',
                c => c,
            };
            if folded.is_whitespace() {
                space = true;
                continue;
            }
            text.chars.push(folded);
            text.spans.push((at, at + c.len_utf8()));
            text.spaced.push(space);
            space = false;
        }
        text
    }

    fn len(&self) -> usize {
        self.chars.len()
    }

    /// The source text behind chars `from..to`, trimmed.
    fn original(&self, from: usize, to: usize) -> String {
        let to = to.min(self.len());
        if from >= to {
            return String::new();
        }
        let (start, end) = (self.spans[from].0, self.spans[to - 1].1);
        self.source.get(start..end).unwrap_or("").trim().to_string()
    }

    /// The first line of the text, for refusals that concern the whole text.
    fn first_line(&self) -> String {
        let line = self
            .source
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("");
        let short: String = line.chars().take(40).collect();
        if short.len() < line.len() {
            format!("{short}…")
        } else {
            short
        }
    }
}

fn starts_with(hay: &[char], at: usize, needle: &str) -> bool {
    (at..)
        .zip(needle.chars())
        .all(|(i, c)| hay.get(i) == Some(&c))
}

/// Every place `needle` starts in `hay[from..to]`.
fn find_all(hay: &[char], needle: &str, from: usize, to: usize) -> Vec<usize> {
    let to = to.min(hay.len());
    (from..to)
        .filter(|&i| i + needle.chars().count() <= to && starts_with(hay, i, needle))
        .collect()
}

/// 1 to `max` ASCII digits at `at`: their value and where they end.
fn digits(s: &[char], at: usize, max: usize) -> Option<(u32, usize)> {
    let mut end = at;
    let mut value: u32 = 0;
    while let Some(c) = s.get(end).filter(|c| c.is_ascii_digit()) {
        if end - at == max {
            return None;
        }
        value = value * 10 + (u32::from(*c) - u32::from('0'));
        end += 1;
    }
    (end > at).then_some((value, end))
}

fn is_numeral(c: char) -> bool {
    "一二三四五六七八九十".contains(c)
}

fn numeral_value(s: &[char]) -> Option<u32> {
    let unit = |c: &char| {
        "一二三四五六七八九"
            .chars()
            .position(|d| d == *c)
            .map(|p| p as u32 + 1)
    };
    match s {
        [a] if *a == '十' => Some(10),
        [a] => unit(a),
        [a, b] if *a == '十' => Some(10 + unit(b)?),
        [a, b] if *b == '十' => Some(unit(a)? * 10),
        [a, b, c] if *b == '十' => Some(unit(a)? * 10 + unit(c)?),
        _ => None,
    }
}

fn chinese_numeral(n: u32) -> String {
    const UNITS: [&str; 10] = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let unit = |d: u32| UNITS.get(d as usize).copied().unwrap_or("");
    match n {
        1..=9 => unit(n).to_string(),
        10 => "十".to_string(),
        11..=19 => format!("十{}", unit(n - 10)),
        20..=99 => format!("{}十{}", unit(n / 10), unit(n % 10)),
        _ => n.to_string(),
    }
}

fn is_cjk(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Whether the chars name a date at all (…月…, …日): such a sentence must be read or skipped
/// with a reason, never dropped silently.
fn names_date(s: &[char]) -> bool {
    s.windows(2)
        .any(|w| w[0].is_ascii_digit() && (w[1] == '月' || w[1] == '日'))
}

/// A recommendation (鼓励/倡导 …) binds nobody, so its dates are neither off nor worked.
fn recommendation(s: &[char]) -> Option<&'static str> {
    ["鼓励", "倡导"]
        .into_iter()
        .find(|word| !find_all(s, word, 0, s.len()).is_empty())
}

// ---------------------------------------------------------------------------------------------
// Dates as written

/// A date as written: 2018年12月30日, 2月4日, or the end of a range (10日), with its note in
/// brackets (（星期六）, （农历腊月二十八、周日）). Positions are char indices in the sentence.
#[derive(Debug, Clone, Copy)]
struct Mention {
    year: Option<i32>,
    month: Option<u32>,
    day: u32,
    note: Option<(usize, usize)>,
    start: usize,
    end: usize,
}

/// The date written at `at`, if any. `month_needed` is false only for the end of a range.
fn mention(s: &[char], at: usize, month_needed: bool) -> Result<Option<Mention>, String> {
    let mut i = at;
    let mut year = None;
    if let Some((y, end)) = digits(s, i, 4)
        && end - i == 4
        && s.get(end) == Some(&'年')
    {
        year = Some(y as i32);
        i = end + 1;
    }
    let mut month = None;
    if let Some((m, end)) = digits(s, i, 2)
        && s.get(end) == Some(&'月')
    {
        month = Some(m);
        i = end + 1;
    } else if year.is_some() || month_needed {
        return Ok(None);
    }
    let Some((day, end)) = digits(s, i, 2).filter(|&(_, end)| s.get(end) == Some(&'日')) else {
        return Ok(None);
    };
    i = end + 1;
    let mut note = None;
    if s.get(i) == Some(&'(') {
        let Some(close) = (i + 1..s.len()).find(|&j| s[j] == ')') else {
            let written: String = s[at..i].iter().collect();
            return Err(tr!("notice-bracket-not-closed", written = written));
        };
        note = Some((i + 1, close));
        i = close + 1;
    }
    Ok(Some(Mention {
        year,
        month,
        day,
        note,
        start: at,
        end: i,
    }))
}

/// What one clause of a sentence (the text between commas) says.
#[derive(Debug)]
enum Clause {
    /// 2月4日至10日放假调休 / 4月5日放假 / 1月1日放假1天
    Off {
        from: Mention,
        to: Option<Mention>,
        days: Option<u32>,
    },
    /// 共7天
    Total(u32),
    /// 与周末连休
    NextToWeekend,
    /// 不调休
    NoSwap,
    /// 4月6日（星期一）补休
    InLieu(Mention),
    /// 2月2日（星期六）、2月3日（星期日）上班
    Work(Vec<Mention>),
}

/// Reads one clause; `Ok(None)` when it is none of the known forms.
fn clause(s: &[char]) -> Result<Option<Clause>, String> {
    let is = |word: &str| s.len() == word.chars().count() && starts_with(s, 0, word);
    if is("与周末连休") {
        return Ok(Some(Clause::NextToWeekend));
    }
    if is("不调休") {
        return Ok(Some(Clause::NoSwap));
    }
    if starts_with(s, 0, "共") {
        return Ok(digits(s, 1, 3)
            .filter(|&(_, end)| s.get(end) == Some(&'天') && end + 1 == s.len())
            .map(|(n, _)| Clause::Total(n)));
    }
    let Some(first) = mention(s, 0, true)? else {
        return Ok(None);
    };
    let mut i = first.end;
    let mut to = None;
    if s.get(i) == Some(&'至') {
        let Some(end) = mention(s, i + 1, false)? else {
            return Ok(None);
        };
        i = end.end;
        to = Some(end);
    }
    if let Some(verb) = OFF_VERBS.iter().find(|v| starts_with(s, i, v)) {
        i += verb.chars().count();
        let mut days = None;
        if let Some((n, end)) = digits(s, i, 3)
            && s.get(end) == Some(&'天')
        {
            days = Some(n);
            i = end + 1;
        }
        return Ok((i == s.len()).then_some(Clause::Off {
            from: first,
            to,
            days,
        }));
    }
    if to.is_some() {
        return Ok(None);
    }
    if starts_with(s, i, "补休") && i + 2 == s.len() {
        return Ok(Some(Clause::InLieu(first)));
    }
    let mut worked = vec![first];
    while matches!(s.get(i), Some('、' | '和' | '及')) {
        let Some(next) = mention(s, i + 1, true)? else {
            return Ok(None);
        };
        i = next.end;
        worked.push(next);
    }
    if starts_with(s, i, "上班") && i + 2 == s.len() {
        return Ok(Some(Clause::Work(worked)));
    }
    Ok(None)
}

/// Splits a sentence at its commas, not at commas inside brackets, dropping the full stop.
fn clauses(s: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut start = 0;
    for (i, &c) in s.iter().enumerate() {
        match c {
            '(' => depth += 1,
            ')' => depth = depth.saturating_sub(1),
            ',' | '。' | ';' if depth == 0 => {
                if i > start {
                    out.push((start, i));
                }
                start = i + 1;
            }
            _ => {}
        }
    }
    if s.len() > start {
        out.push((start, s.len()));
    }
    out
}

fn weekday_note(part: &str) -> Option<Weekday> {
    let rest = part
        .strip_prefix("星期")
        .or_else(|| part.strip_prefix("礼拜"))
        .or_else(|| part.strip_prefix("周"))?;
    Some(match rest {
        "一" => Weekday::Mon,
        "二" => Weekday::Tue,
        "三" => Weekday::Wed,
        "四" => Weekday::Thu,
        "五" => Weekday::Fri,
        "六" => Weekday::Sat,
        "日" | "天" => Weekday::Sun,
        _ => return None,
    })
}

fn lunar_day(s: &str) -> bool {
    const ONE_TO_NINE: [&str; 9] = ["一", "二", "三", "四", "五", "六", "七", "八", "九"];
    let unit = |rest: &str| ONE_TO_NINE.contains(&rest);
    if let Some(rest) = s.strip_prefix("初") {
        return unit(rest) || rest == "十";
    }
    if let Some(rest) = s.strip_prefix("二十").or_else(|| s.strip_prefix("廿")) {
        return rest.is_empty() || unit(rest);
    }
    if let Some(rest) = s.strip_prefix("十") {
        return unit(rest);
    }
    s == "三十"
}

fn lunar_month(s: &str) -> bool {
    let s = s.strip_prefix("闰").unwrap_or(s);
    [
        "正", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十", "十一", "十二", "冬",
        "腊",
    ]
    .contains(&s)
}

/// A lunar note: 农历腊月二十八, 正月初七, 除夕, 大年初六. Read, not checked: checking needs
/// a lunar calendar, and the weekday notes already catch a notice of the wrong year.
fn lunar_note(part: &str) -> bool {
    let s = part.strip_prefix("农历").unwrap_or(part);
    if matches!(s, "除夕" | "小年" | "大年三十") {
        return true;
    }
    if let Some(day) = s.strip_prefix("大年") {
        return lunar_day(day);
    }
    if let Some((month, day)) = s.split_once('月') {
        return lunar_month(month) && lunar_day(day);
    }
    lunar_day(s)
}

fn is_weekend(day: NaiveDate) -> bool {
    matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
}

/// How the dates of one item are placed in time.
struct Scope {
    year: i32,
    /// The 元旦 item may name the December before (2018年12月30日, 12月29日) for year Y.
    new_year: bool,
}

impl Scope {
    /// The day a mention names; `start` is the first day when the mention ends a range.
    fn date(&self, s: &[char], m: &Mention, start: Option<NaiveDate>) -> Result<NaiveDate, String> {
        let written: String = s[m.start..m.end].iter().collect();
        let written = written.split('(').next().unwrap_or("").to_string();
        let (year, month) = match (start, m.month) {
            (Some(start), None) => (m.year.unwrap_or(start.year()), start.month()),
            (Some(start), Some(month)) => {
                let implied = if month >= start.month() {
                    start.year()
                } else {
                    start.year() + 1
                };
                (m.year.unwrap_or(implied), month)
            }
            (None, month) => {
                let month = month.unwrap_or(0);
                let implied = if self.new_year && month == 12 {
                    self.year - 1
                } else {
                    self.year
                };
                (m.year.unwrap_or(implied), month)
            }
        };
        let Some(date) = NaiveDate::from_ymd_opt(year, month, m.day) else {
            return Err(tr!(
                "notice-date-not-in-year",
                written = &written,
                year = year
            ));
        };
        let december_before = self.new_year && year == self.year - 1 && month == 12;
        if year != self.year && !december_before {
            return Err(tr!(
                "notice-date-outside-year",
                written = &written,
                date = date,
                year = self.year,
                previous = self.year - 1
            ));
        }
        if let Some((from, to)) = m.note {
            let note: String = s[from..to].iter().collect();
            check_note(&note, &written, date)?;
        }
        Ok(date)
    }
}

/// Checks a bracket note: its weekday must be the date's (a mismatch means another year's
/// notice, or a typo); a lunar note must at least read as one.
fn check_note(note: &str, written: &str, date: NaiveDate) -> Result<(), String> {
    let mut weekdays = 0;
    for part in note.split(['、', ',']) {
        if let Some(day) = weekday_note(part) {
            weekdays += 1;
            if day != date.weekday() {
                return Err(tr!(
                    "notice-weekday-wrong",
                    note = part,
                    written = written,
                    date = date,
                    weekday = weekday_words(date.weekday())
                ));
            }
        } else if !lunar_note(part) {
            return Err(tr!(
                "notice-note-unreadable",
                note = note,
                written = written
            ));
        }
    }
    if weekdays > 1 {
        return Err(tr!(
            "notice-note-two-weekdays",
            note = note,
            written = written
        ));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The reader

/// A numbered item marker: 「二、春节:」.
struct Marker {
    start: usize,
    number: Option<u32>,
    name: String,
    names: Vec<String>,
    /// Where the item's text starts, after the colon.
    content: usize,
}

impl Marker {
    fn known(&self) -> bool {
        self.names
            .iter()
            .all(|n| HOLIDAY_NAMES.contains(&n.as_str()))
    }
}

/// A sentence: `show..end` is quoted (with the item marker for an item's first sentence),
/// `body..end` is read.
#[derive(Clone, Copy)]
struct Sentence {
    show: usize,
    body: usize,
    end: usize,
}

/// One day an item names, with the sentence that names it.
struct Named {
    date: NaiveDate,
    worked: bool,
    sentence: Sentence,
}

struct Item {
    marker: Marker,
    sentences: Vec<Sentence>,
}

/// Which side of the numbered items a sentence stands on.
#[derive(Clone, Copy)]
enum Side {
    Before,
    After,
}

struct Reader<'a> {
    text: Text<'a>,
    refusals: Vec<(usize, Refusal)>,
    skipped: Vec<(usize, String)>,
}

impl<'a> Reader<'a> {
    fn new(source: &'a str) -> Self {
        Reader {
            text: Text::new(source),
            refusals: Vec::new(),
            skipped: Vec::new(),
        }
    }

    fn refuse(&mut self, at: usize, sentence: String, reason: String) {
        self.refusals.push((at, Refusal { sentence, reason }));
    }

    fn refuse_sentence(&mut self, s: Sentence, reason: String) {
        let sentence = self.text.original(s.show, s.end);
        self.refuse(s.show, sentence, reason);
    }

    fn skip(&mut self, s: Sentence, reason: String) {
        let sentence = self.text.original(s.show, s.end);
        self.skipped.push((
            s.show,
            tr!("notice-quoted", sentence = sentence, reason = reason),
        ));
    }

    fn finish(mut self) -> Vec<Refusal> {
        self.refusals.sort_by_key(|(at, _)| *at);
        self.refusals.into_iter().map(|(_, r)| r).collect()
    }

    /// Sentences of `from..to`, each ending after its full stop (or at `to`).
    fn sentences(&self, from: usize, to: usize) -> Vec<Sentence> {
        let chars = &self.text.chars;
        let mut out = Vec::new();
        let mut start = from;
        let to = to.min(chars.len());
        for (i, c) in chars.iter().enumerate().take(to).skip(from) {
            if matches!(c, '。' | ';' | '!' | '?') {
                out.push(Sentence {
                    show: start,
                    body: start,
                    end: i + 1,
                });
                start = i + 1;
            }
        }
        if start < to {
            out.push(Sentence {
                show: start,
                body: start,
                end: to,
            });
        }
        out
    }

    /// The sentence around char `at`, for quoting a title or a 「现将…」 sentence.
    fn sentence_at(&self, at: usize) -> Sentence {
        let chars = &self.text.chars;
        let stop = |c: char| matches!(c, '。' | ';' | ':' | '!' | '?');
        let start = (0..at).rev().find(|&i| stop(chars[i])).map_or(0, |i| i + 1);
        let end = (at..chars.len())
            .find(|&i| stop(chars[i]))
            .map_or(chars.len(), |i| i + 1);
        Sentence {
            show: start,
            body: start,
            end,
        }
    }

    fn chars(&self, s: Sentence) -> &[char] {
        &self.text.chars[s.body..s.end]
    }

    /// Numbered item markers in `from..to`: a numeral at the start of a line or sentence, 、,
    /// holiday names, a colon.
    fn markers(&self, from: usize, to: usize) -> Vec<Marker> {
        let chars = &self.text.chars;
        let to = to.min(chars.len());
        let mut out = Vec::new();
        let mut i = from;
        while i < to {
            let boundary =
                self.text.spaced[i] || i == 0 || matches!(chars[i - 1], '。' | ':' | ';');
            if boundary && is_numeral(chars[i]) {
                let mut j = i;
                while j < to && j - i < 3 && is_numeral(chars[j]) {
                    j += 1;
                }
                if chars.get(j) == Some(&'、') {
                    let names_start = j + 1;
                    let mut k = names_start;
                    while k < to && k - names_start < 16 && (is_cjk(chars[k]) || chars[k] == '、')
                    {
                        k += 1;
                    }
                    if k > names_start && chars.get(k) == Some(&':') {
                        let name: String = chars[names_start..k].iter().collect();
                        out.push(Marker {
                            start: i,
                            number: numeral_value(&chars[i..j]),
                            names: name.split('、').map(str::to_string).collect(),
                            name,
                            content: k + 1,
                        });
                        i = k + 1;
                        continue;
                    }
                }
            }
            i += 1;
        }
        out
    }

    fn read(mut self) -> Result<Notice, Vec<Refusal>> {
        let len = self.text.len();
        let all = self.markers(0, len);
        let Some(first) = all.iter().position(Marker::known) else {
            let line = self.text.first_line();
            self.refuse(0, line, tr!("notice-no-items"));
            if self.year(len).is_none() {
                self.refuse_no_year();
            }
            return Err(self.finish());
        };
        let first_start = all[first].start;

        // A second title followed by items is a second notice pasted along: read only the first.
        let limit = self.second_notice(first_start, &all).unwrap_or(len);
        // The signature closes the notice; what follows it is page clutter.
        let (signature, date) = self.signature(first_start, limit);
        let body_end = signature.unwrap_or(limit);
        let markers: Vec<Marker> = all
            .into_iter()
            .skip(first)
            .filter(|m| m.start < body_end)
            .collect();

        let Some(year) = self.year(first_start) else {
            self.refuse_no_year();
            return Err(self.finish());
        };
        let document_number = self.document_number(first_start, year);

        // The preamble: after the title, number or salutation, before the first item.
        let anchor = self.anchor(first_start);
        for s in self.sentences(anchor, first_start) {
            self.outside(s, Side::Before);
        }

        // The items; the last one ends at its first sentence without a date.
        let starts: Vec<usize> = markers.iter().map(|m| m.start).collect();
        let count = markers.len();
        let mut items = Vec::new();
        let mut closing = body_end;
        for (idx, marker) in markers.into_iter().enumerate() {
            let end = starts.get(idx + 1).copied().unwrap_or(body_end);
            let mut sentences = self.sentences(marker.content, end);
            if let Some(first) = sentences.first_mut() {
                first.show = marker.start;
            }
            if idx + 1 == count {
                closing = end;
                let cut = sentences
                    .iter()
                    .skip(1)
                    .position(|s| !names_date(&self.text.chars[s.body..s.end]))
                    .map(|p| p + 1);
                if let Some(cut) = cut {
                    closing = sentences[cut].show;
                    sentences.truncate(cut);
                }
            }
            items.push(Item { marker, sentences });
        }
        for s in self.sentences(closing, body_end) {
            self.outside(s, Side::After);
        }

        let holidays = self.holidays(year, &items);
        self.announced(year, first_start, &items);

        if !self.refusals.is_empty() {
            return Err(self.finish());
        }
        self.skipped.sort_by_key(|(at, _)| *at);
        Ok(Notice {
            year,
            title: format!("{TITLE_HEAD}{year}{TITLE_TAIL}"),
            document_number,
            date,
            holidays,
            skipped: self.skipped.into_iter().map(|(_, s)| s).collect(),
        })
    }

    fn refuse_no_year(&mut self) {
        let line = self.text.first_line();
        self.refuse(0, line, tr!("notice-no-year"));
    }

    /// The year, from the titles and the 「现将YYYY年」 sentence before the first item; they must
    /// agree (two notices pasted together must not mix).
    fn year(&mut self, before: usize) -> Option<i32> {
        let chars = self.text.chars.clone();
        // The year found first, and whether a title said it (or a 「现将…」 sentence).
        let mut found: Option<(i32, bool)> = None;
        let mut problems = Vec::new();
        let head = TITLE_HEAD.chars().count();
        for at in find_all(&chars, TITLE_HEAD, 0, before) {
            if let Some((y, end)) = digits(&chars, at + head, 4)
                && end == at + head + 4
                && starts_with(&chars, end, TITLE_TAIL)
            {
                let y = y as i32;
                match found {
                    Some((year, _)) if year != y => problems.push((
                        at,
                        tr!("notice-title-year-differs", year = y, earlier = year),
                    )),
                    None => found = Some((y, true)),
                    _ => {}
                }
            }
        }
        for at in find_all(&chars, "现将", 0, before) {
            if let Some((y, end)) = digits(&chars, at + 2, 4)
                && end == at + 6
                && chars.get(end) == Some(&'年')
            {
                let y = y as i32;
                match found {
                    Some((year, true)) if year != y => problems.push((
                        at,
                        tr!(
                            "notice-sentence-year-differs-title",
                            year = y,
                            earlier = year
                        ),
                    )),
                    Some((year, false)) if year != y => problems.push((
                        at,
                        tr!(
                            "notice-sentence-year-differs-sentence",
                            year = y,
                            earlier = year
                        ),
                    )),
                    None => found = Some((y, false)),
                    _ => {}
                }
            }
        }
        for (at, reason) in problems {
            let s = self.sentence_at(at);
            self.refuse_sentence(s, reason);
        }
        let (year, _) = found?;
        if !YEARS.contains(&year) {
            let at = find_all(&chars, &year.to_string(), 0, before)
                .first()
                .copied()
                .unwrap_or(0);
            let s = self.sentence_at(at);
            self.refuse_sentence(s, tr!("notice-year-out-of-range", year = year));
        }
        Some(year)
    }

    /// 国办发明电〔2018〕15号, with 〔〕, [], 【】 or () around the year. A notice for year Y is
    /// issued in Y-1, so another year's number means another year's notice.
    fn document_number(&mut self, before: usize, year: i32) -> Option<String> {
        let chars = self.text.chars.clone();
        let mut found: Option<String> = None;
        let prefix = DOCUMENT_PREFIX.chars().count();
        for at in find_all(&chars, DOCUMENT_PREFIX, 0, before) {
            let open = at + prefix;
            if !matches!(chars.get(open), Some('〔' | '[' | '【' | '(' | '〖')) {
                continue;
            }
            let Some((issued, end)) = digits(&chars, open + 1, 4).filter(|&(_, e)| e == open + 5)
            else {
                continue;
            };
            if !matches!(chars.get(end), Some('〕' | ']' | '】' | ')' | '〗')) {
                continue;
            }
            let Some((serial, stop)) = digits(&chars, end + 1, 4) else {
                continue;
            };
            if chars.get(stop) != Some(&'号') {
                continue;
            }
            let number = format!("{DOCUMENT_PREFIX}〔{issued}〕{serial}号");
            let written = self.text.original(at, stop + 1);
            if issued as i32 != year - 1 {
                self.refuse(
                    at,
                    written.clone(),
                    tr!(
                        "notice-document-number-year",
                        number = &number,
                        issued = issued,
                        year = year,
                        expected = year - 1
                    ),
                );
            }
            match &found {
                Some(earlier) if *earlier != number => self.refuse(
                    at,
                    written,
                    tr!(
                        "notice-two-document-numbers",
                        earlier = earlier,
                        number = &number
                    ),
                ),
                Some(_) => {}
                None => found = Some(number),
            }
        }
        found
    }

    /// Where a second notice starts: a title after the first item with items after it (a title
    /// in the related links under a page has none). Refused, because two notices must not mix.
    fn second_notice(&mut self, first: usize, markers: &[Marker]) -> Option<usize> {
        let chars = &self.text.chars;
        let title = TITLE_HEAD.chars().count() + 4 + TITLE_TAIL.chars().count();
        let at = find_all(chars, TITLE_HEAD, first, chars.len())
            .into_iter()
            .filter(|&at| starts_with(chars, at + title - TITLE_TAIL.chars().count(), TITLE_TAIL))
            .find(|&at| markers.iter().any(|m| m.start > at && m.known()))?;
        let written = self.text.original(at, at + title);
        self.refuse(at, written, tr!("notice-second-notice"));
        Some(at)
    }

    /// The last 「国务院办公厅 YYYY年M月D日」 in `from..to`: where it starts, and its date.
    fn signature(&mut self, from: usize, to: usize) -> (Option<usize>, Option<NaiveDate>) {
        let chars = self.text.chars.clone();
        let issuer = ISSUER.chars().count();
        let mut last = None;
        for at in find_all(&chars, ISSUER, from, to) {
            let mut i = at + issuer;
            // 「（此件公开发布）」 may stand between the issuer and the date.
            if chars.get(i) == Some(&'(')
                && let Some(close) = (i..chars.len().min(i + 12)).find(|&j| chars[j] == ')')
            {
                i = close + 1;
            }
            if let Some((y, end)) = digits(&chars, i, 4).filter(|&(_, e)| e == i + 4)
                && chars.get(end) == Some(&'年')
                && let Some((m, end)) = digits(&chars, end + 1, 2)
                && chars.get(end) == Some(&'月')
                && let Some((d, end)) = digits(&chars, end + 1, 2)
                && chars.get(end) == Some(&'日')
            {
                last = Some((at, y as i32, m, d, end + 1));
            }
        }
        let Some((at, y, m, d, end)) = last else {
            return (None, None);
        };
        let date = NaiveDate::from_ymd_opt(y, m, d);
        if date.is_none() {
            let written = self.text.original(at, end);
            self.refuse(
                at,
                written,
                tr!("notice-signature-date", date = format!("{y}年{m}月{d}日")),
            );
        }
        (Some(at), date)
    }

    /// Where the preamble starts: after the last title, document number or salutation before
    /// the first item; whatever stands before them is page clutter.
    fn anchor(&self, first: usize) -> usize {
        let chars = &self.text.chars;
        let mut anchor = None;
        let mut after = |at: Option<usize>| {
            if let Some(at) = at {
                anchor = Some(anchor.map_or(at, |a: usize| a.max(at)));
            }
        };
        let head = TITLE_HEAD.chars().count() + 4 + TITLE_TAIL.chars().count();
        after(
            find_all(chars, TITLE_HEAD, 0, first)
                .into_iter()
                .filter(|&at| {
                    starts_with(chars, at + head - TITLE_TAIL.chars().count(), TITLE_TAIL)
                })
                .map(|at| at + head)
                .max(),
        );
        after(
            find_all(chars, DOCUMENT_PREFIX, 0, first)
                .into_iter()
                .filter_map(|at| (at..first).find(|&i| chars[i] == '号').map(|i| i + 1))
                .max(),
        );
        after(
            find_all(chars, SALUTATION_END, 0, first)
                .into_iter()
                .map(|at| at + SALUTATION_END.chars().count())
                .max(),
        );
        anchor.filter(|&a| a <= first).unwrap_or(first)
    }

    /// A sentence before or after the items: without a date it is ignored; with one, it is
    /// skipped with a reason, unless it reads as days off or worked, which only an item may say.
    fn outside(&mut self, s: Sentence, side: Side) {
        let chars = self.chars(s).to_vec();
        if !names_date(&chars) {
            return;
        }
        if let Some(word) = recommendation(&chars) {
            self.skip(s, recommended(word));
            return;
        }
        let days = clauses(&chars).into_iter().any(|(from, to)| {
            matches!(
                clause(&chars[from..to]),
                Ok(Some(
                    Clause::Off { .. } | Clause::InLieu(_) | Clause::Work(_)
                ))
            )
        });
        if days {
            let reason = match side {
                Side::Before => tr!("notice-days-before-items"),
                Side::After => tr!("notice-days-after-items"),
            };
            self.refuse_sentence(s, reason);
        } else {
            let reason = match side {
                Side::Before => tr!("notice-background-before-items"),
                Side::After => tr!("notice-background-after-items"),
            };
            self.skip(s, reason);
        }
    }

    /// Reads the items: their days, checked against each other.
    fn holidays(&mut self, year: i32, items: &[Item]) -> Vec<NoticeHoliday> {
        let mut out = Vec::new();
        let mut named: BTreeMap<&str, u32> = BTreeMap::new();
        let mut seen: BTreeMap<NaiveDate, bool> = BTreeMap::new();
        let mut expected = 1;
        for item in items {
            let m = &item.marker;
            let head = item.sentences.first().copied().unwrap_or(Sentence {
                show: m.start,
                body: m.content,
                end: m.content,
            });
            let number = m.number.unwrap_or(0);
            if number != expected {
                let reason = if m.number.is_none() {
                    tr!("notice-item-number-unreadable")
                } else if expected == 1 {
                    tr!("notice-first-item-number", number = chinese_numeral(number))
                } else {
                    tr!(
                        "notice-item-missing",
                        number = chinese_numeral(number),
                        previous = chinese_numeral(expected - 1)
                    )
                };
                self.refuse_sentence(head, reason);
            }
            expected = number + 1;
            for name in &m.names {
                if !HOLIDAY_NAMES.contains(&name.as_str()) {
                    self.refuse_sentence(head, tr!("notice-not-a-holiday", name = name));
                } else if let Some(&earlier) = named.get(name.as_str()) {
                    self.refuse_sentence(
                        head,
                        tr!(
                            "notice-holiday-twice",
                            name = name,
                            item = chinese_numeral(earlier)
                        ),
                    );
                } else {
                    let key = HOLIDAY_NAMES
                        .iter()
                        .find(|n| **n == name.as_str())
                        .copied()
                        .unwrap_or("");
                    named.insert(key, number);
                }
            }
            let scope = Scope {
                year,
                new_year: m.names.iter().any(|n| n == "元旦"),
            };
            let before = self.refusals.len();
            let mut days = Vec::new();
            for &s in &item.sentences {
                days.extend(self.item_sentence(&scope, s));
            }
            let mut holiday = NoticeHoliday {
                name: m.name.clone(),
                days: Vec::new(),
                makeup_workdays: Vec::new(),
            };
            for day in days {
                match seen.get(&day.date) {
                    Some(&worked) if worked == day.worked => {
                        self.refuse_sentence(
                            day.sentence,
                            tr!("notice-day-twice", date = day.date),
                        );
                        continue;
                    }
                    Some(_) => {
                        self.refuse_sentence(
                            day.sentence,
                            tr!("notice-day-off-and-worked", date = day.date),
                        );
                        continue;
                    }
                    None => {}
                }
                seen.insert(day.date, day.worked);
                if day.worked {
                    holiday.makeup_workdays.push(day.date);
                } else {
                    holiday.days.push(day.date);
                }
            }
            if holiday.days.is_empty() && self.refusals.len() == before {
                self.refuse_sentence(head, tr!("notice-item-no-day-off"));
            }
            holiday.days.sort();
            holiday.makeup_workdays.sort();
            out.push(holiday);
        }
        out
    }

    /// One sentence of an item: its days off and worked, or refusals.
    fn item_sentence(&mut self, scope: &Scope, s: Sentence) -> Vec<Named> {
        let chars = self.chars(s).to_vec();
        if !names_date(&chars) {
            return Vec::new();
        }
        if let Some(word) = recommendation(&chars) {
            self.skip(s, recommended(word));
            return Vec::new();
        }
        let mut problems = Vec::new();
        let mut out = Vec::new();
        let mut off_in_sentence: Vec<NaiveDate> = Vec::new();
        for (from, to) in clauses(&chars) {
            // 共N天 and the like speak of the days before them: unchecked once those failed.
            let failed = !problems.is_empty();
            let part = &chars[from..to];
            let written: String = part.iter().collect();
            let read = match clause(part) {
                Ok(Some(read)) => read,
                Ok(None) => {
                    problems.push(tr!("notice-clause-unreadable", written = &written));
                    continue;
                }
                Err(e) => {
                    problems.push(e);
                    continue;
                }
            };
            match read {
                Clause::Off { from, to, days } => {
                    let start = scope.date(part, &from, None);
                    let end = match (&start, to) {
                        (Ok(start), Some(to)) => Some(scope.date(part, &to, Some(*start))),
                        _ => None,
                    };
                    let (start, end) = match (start, end) {
                        (Ok(start), None) => (start, start),
                        (Ok(start), Some(Ok(end))) => (start, end),
                        (Err(e), _) | (_, Some(Err(e))) => {
                            problems.push(e);
                            continue;
                        }
                    };
                    if end < start {
                        let stop = to.map_or(from.end, |t| t.end);
                        let range: String = part[from.start..stop].iter().collect();
                        problems.push(tr!("notice-range-backwards", range = range));
                        continue;
                    }
                    let range = dates(start, end);
                    if let Some(n) = days
                        && n as usize != range.len()
                    {
                        problems.push(tr!(
                            "notice-count-wrong",
                            said = format!("{n}天"),
                            span = span(start, end),
                            days = range.len()
                        ));
                    }
                    off_in_sentence.extend(&range);
                    out.extend(range.into_iter().map(|date| Named {
                        date,
                        worked: false,
                        sentence: s,
                    }));
                }
                Clause::InLieu(m) => match scope.date(part, &m, None) {
                    Ok(date) => {
                        off_in_sentence.push(date);
                        out.push(Named {
                            date,
                            worked: false,
                            sentence: s,
                        });
                    }
                    Err(e) => problems.push(e),
                },
                Clause::Total(_) | Clause::NextToWeekend | Clause::NoSwap if failed => {}
                Clause::Total(n) => {
                    if off_in_sentence.is_empty() {
                        problems.push(tr!("notice-no-day-off-before", said = format!("共{n}天")));
                    } else if n as usize != off_in_sentence.len() {
                        let first = off_in_sentence.iter().min().copied();
                        let last = off_in_sentence.iter().max().copied();
                        let what = match (first, last) {
                            (Some(a), Some(b)) => span(a, b),
                            _ => String::new(),
                        };
                        problems.push(tr!(
                            "notice-count-wrong",
                            said = format!("共{n}天"),
                            span = what,
                            days = off_in_sentence.len()
                        ));
                    }
                }
                Clause::NextToWeekend => {
                    let first = off_in_sentence.iter().min().copied();
                    let last = off_in_sentence.iter().max().copied();
                    match (first, last) {
                        (Some(first), Some(last)) => {
                            let joined = off_in_sentence.iter().any(|d| is_weekend(*d))
                                || first.pred_opt().is_some_and(is_weekend)
                                || last.succ_opt().is_some_and(is_weekend);
                            if !joined {
                                problems
                                    .push(tr!("notice-weekend-not-next", span = span(first, last)));
                            }
                        }
                        _ => problems.push(tr!("notice-no-day-off-before", said = "与周末连休")),
                    }
                }
                Clause::NoSwap => {
                    if off_in_sentence.is_empty() {
                        problems.push(tr!("notice-no-day-off-before", said = "不调休"));
                    }
                }
                Clause::Work(mentions) => {
                    for m in mentions {
                        match scope.date(part, &m, None) {
                            Ok(date) if is_weekend(date) => out.push(Named {
                                date,
                                worked: true,
                                sentence: s,
                            }),
                            Ok(date) => problems.push(tr!(
                                "notice-workday-not-weekend",
                                date = date,
                                weekday = weekday_words(date.weekday())
                            )),
                            Err(e) => problems.push(e),
                        }
                    }
                }
            }
        }
        if problems.is_empty() {
            return out;
        }
        for reason in problems {
            self.refuse_sentence(s, reason);
        }
        Vec::new()
    }

    /// The 「现将2019年元旦、春节…和国庆节放假调休日期…」 list must match the items: a holiday
    /// announced but missing means a truncated paste.
    fn announced(&mut self, year: i32, before: usize, items: &[Item]) {
        let chars = self.text.chars.clone();
        let Some(at) = find_all(&chars, "现将", 0, before).into_iter().find(|&at| {
            digits(&chars, at + 2, 4).is_some_and(|(y, e)| e == at + 6 && y as i32 == year)
                && chars.get(at + 6) == Some(&'年')
        }) else {
            // Without the list, a paste cut short after an item reads like a whole notice: every
            // notice so far names all seven holidays, so they must all be there.
            let named: Vec<&str> = items
                .iter()
                .flat_map(|i| i.marker.names.iter().map(String::as_str))
                .collect();
            let absent: Vec<&str> = HOLIDAY_NAMES
                .iter()
                .copied()
                .filter(|h| !named.contains(h))
                .collect();
            if let (false, Some(last)) = (absent.is_empty(), items.last()) {
                let head = last.sentences.first().copied().unwrap_or(Sentence {
                    show: last.marker.start,
                    body: last.marker.content,
                    end: last.marker.content,
                });
                self.refuse_sentence(
                    head,
                    tr!(
                        "notice-list-missing",
                        year = year,
                        absent = absent.join("、")
                    ),
                );
            }
            return;
        };
        let start = at + 7;
        let Some(stop) = (start..before).find(|&i| starts_with(&chars, i, "放假")) else {
            return;
        };
        let list: String = chars[start..stop].iter().collect();
        let announced: Vec<&str> = list
            .split(['、', '和', '及'])
            .filter(|n| !n.is_empty())
            .collect();
        let s = self.sentence_at(at);
        let in_items: Vec<&str> = items
            .iter()
            .flat_map(|i| i.marker.names.iter().map(String::as_str))
            .collect();
        for name in &announced {
            if !HOLIDAY_NAMES.contains(name) {
                self.refuse_sentence(s, tr!("notice-announces-unknown", name = *name));
            } else if !in_items.contains(name) {
                self.refuse_sentence(s, tr!("notice-announced-not-in-items", name = *name));
            }
        }
        for item in items {
            for name in &item.marker.names {
                if HOLIDAY_NAMES.contains(&name.as_str()) && !announced.contains(&name.as_str()) {
                    let head = item.sentences.first().copied().unwrap_or(Sentence {
                        show: item.marker.start,
                        body: item.marker.content,
                        end: item.marker.content,
                    });
                    self.refuse_sentence(head, tr!("notice-not-announced", name = name));
                }
            }
        }
    }
}

fn recommended(word: &str) -> String {
    if word == "鼓励" {
        tr!("notice-recommends-encourage")
    } else {
        tr!("notice-recommends-advocate")
    }
}

/// Every day from `start` to `end`, both included.
fn dates(start: NaiveDate, end: NaiveDate) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut day = Some(start);
    while let Some(d) = day.filter(|d| *d <= end) {
        out.push(d);
        day = d.succ_opt();
    }
    out
}

fn span(start: NaiveDate, end: NaiveDate) -> String {
    if start == end {
        start.to_string()
    } else {
        tr!("notice-span", start = start, end = end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! fixture {
        ($name:literal) => {
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/tests/fixtures/notices/",
                $name
            ))
        };
    }

    macro_rules! built_in {
        ($name:literal) => {
            include_str!(concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/data/calendar/",
                $name
            ))
        };
    }

    /// A year as transcribed by hand from its notice: every day off and every make-up working
    /// day written out, so that the parser is checked against the notice, not against itself.
    struct Year {
        text: &'static str,
        year: i32,
        number: Option<&'static str>,
        date: &'static str,
        holidays: &'static [(
            &'static str,
            &'static [&'static str],
            &'static [&'static str],
        )],
    }

    /// 2015.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2015: Year = Year {
        text: fixture!("2015.txt"),
        year: 2015,
        number: None,
        date: "2014-12-16",
        holidays: &[
            ("元旦", &["2015-01-01", "2015-01-02", "2015-01-03"], &["2015-01-04"]),
            ("春节", &["2015-02-18", "2015-02-19", "2015-02-20", "2015-02-21", "2015-02-22", "2015-02-23", "2015-02-24"], &["2015-02-15", "2015-02-28"]),
            ("清明节", &["2015-04-05", "2015-04-06"], &[]),
            ("劳动节", &["2015-05-01"], &[]),
            ("端午节", &["2015-06-20", "2015-06-22"], &[]),
            ("中秋节", &["2015-09-27"], &[]),
            ("国庆节", &["2015-10-01", "2015-10-02", "2015-10-03", "2015-10-04", "2015-10-05", "2015-10-06", "2015-10-07"], &["2015-10-10"]),
        ],
    };

    /// 2016.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2016: Year = Year {
        text: fixture!("2016.txt"),
        year: 2016,
        number: Some("国办发明电〔2015〕18号"),
        date: "2015-12-10",
        holidays: &[
            ("元旦", &["2016-01-01"], &[]),
            ("春节", &["2016-02-07", "2016-02-08", "2016-02-09", "2016-02-10", "2016-02-11", "2016-02-12", "2016-02-13"], &["2016-02-06", "2016-02-14"]),
            ("清明节", &["2016-04-04"], &[]),
            ("劳动节", &["2016-05-01", "2016-05-02"], &[]),
            ("端午节", &["2016-06-09", "2016-06-10", "2016-06-11"], &["2016-06-12"]),
            ("中秋节", &["2016-09-15", "2016-09-16", "2016-09-17"], &["2016-09-18"]),
            ("国庆节", &["2016-10-01", "2016-10-02", "2016-10-03", "2016-10-04", "2016-10-05", "2016-10-06", "2016-10-07"], &["2016-10-08", "2016-10-09"]),
        ],
    };

    /// 2017.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2017: Year = Year {
        text: fixture!("2017.txt"),
        year: 2017,
        number: Some("国办发明电〔2016〕17号"),
        date: "2016-12-01",
        holidays: &[
            ("元旦", &["2017-01-01", "2017-01-02"], &[]),
            ("春节", &["2017-01-27", "2017-01-28", "2017-01-29", "2017-01-30", "2017-01-31", "2017-02-01", "2017-02-02"], &["2017-01-22", "2017-02-04"]),
            ("清明节", &["2017-04-02", "2017-04-03", "2017-04-04"], &["2017-04-01"]),
            ("劳动节", &["2017-05-01"], &[]),
            ("端午节", &["2017-05-28", "2017-05-29", "2017-05-30"], &["2017-05-27"]),
            ("中秋节、国庆节", &["2017-10-01", "2017-10-02", "2017-10-03", "2017-10-04", "2017-10-05", "2017-10-06", "2017-10-07", "2017-10-08"], &["2017-09-30"]),
        ],
    };

    /// 2018.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2018: Year = Year {
        text: fixture!("2018.txt"),
        year: 2018,
        number: Some("国办发明电〔2017〕12号"),
        date: "2017-11-30",
        holidays: &[
            ("元旦", &["2018-01-01"], &[]),
            ("春节", &["2018-02-15", "2018-02-16", "2018-02-17", "2018-02-18", "2018-02-19", "2018-02-20", "2018-02-21"], &["2018-02-11", "2018-02-24"]),
            ("清明节", &["2018-04-05", "2018-04-06", "2018-04-07"], &["2018-04-08"]),
            ("劳动节", &["2018-04-29", "2018-04-30", "2018-05-01"], &["2018-04-28"]),
            ("端午节", &["2018-06-18"], &[]),
            ("中秋节", &["2018-09-24"], &[]),
            ("国庆节", &["2018-10-01", "2018-10-02", "2018-10-03", "2018-10-04", "2018-10-05", "2018-10-06", "2018-10-07"], &["2018-09-29", "2018-09-30"]),
        ],
    };

    /// 2019.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2019: Year = Year {
        text: fixture!("2019.txt"),
        year: 2019,
        number: Some("国办发明电〔2018〕15号"),
        date: "2018-12-04",
        holidays: &[
            ("元旦", &["2018-12-30", "2018-12-31", "2019-01-01"], &["2018-12-29"]),
            ("春节", &["2019-02-04", "2019-02-05", "2019-02-06", "2019-02-07", "2019-02-08", "2019-02-09", "2019-02-10"], &["2019-02-02", "2019-02-03"]),
            ("清明节", &["2019-04-05"], &[]),
            ("劳动节", &["2019-05-01"], &[]),
            ("端午节", &["2019-06-07"], &[]),
            ("中秋节", &["2019-09-13"], &[]),
            ("国庆节", &["2019-10-01", "2019-10-02", "2019-10-03", "2019-10-04", "2019-10-05", "2019-10-06", "2019-10-07"], &["2019-09-29", "2019-10-12"]),
        ],
    };

    /// 2020.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2020: Year = Year {
        text: fixture!("2020.txt"),
        year: 2020,
        number: None,
        date: "2019-11-21",
        holidays: &[
            ("元旦", &["2020-01-01"], &[]),
            ("春节", &["2020-01-24", "2020-01-25", "2020-01-26", "2020-01-27", "2020-01-28", "2020-01-29", "2020-01-30"], &["2020-01-19", "2020-02-01"]),
            ("清明节", &["2020-04-04", "2020-04-05", "2020-04-06"], &[]),
            ("劳动节", &["2020-05-01", "2020-05-02", "2020-05-03", "2020-05-04", "2020-05-05"], &["2020-04-26", "2020-05-09"]),
            ("端午节", &["2020-06-25", "2020-06-26", "2020-06-27"], &["2020-06-28"]),
            ("国庆节、中秋节", &["2020-10-01", "2020-10-02", "2020-10-03", "2020-10-04", "2020-10-05", "2020-10-06", "2020-10-07", "2020-10-08"], &["2020-09-27", "2020-10-10"]),
        ],
    };

    /// 2021.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2021: Year = Year {
        text: fixture!("2021.txt"),
        year: 2021,
        number: Some("国办发明电〔2020〕27号"),
        date: "2020-11-25",
        holidays: &[
            ("元旦", &["2021-01-01", "2021-01-02", "2021-01-03"], &[]),
            ("春节", &["2021-02-11", "2021-02-12", "2021-02-13", "2021-02-14", "2021-02-15", "2021-02-16", "2021-02-17"], &["2021-02-07", "2021-02-20"]),
            ("清明节", &["2021-04-03", "2021-04-04", "2021-04-05"], &[]),
            ("劳动节", &["2021-05-01", "2021-05-02", "2021-05-03", "2021-05-04", "2021-05-05"], &["2021-04-25", "2021-05-08"]),
            ("端午节", &["2021-06-12", "2021-06-13", "2021-06-14"], &[]),
            ("中秋节", &["2021-09-19", "2021-09-20", "2021-09-21"], &["2021-09-18"]),
            ("国庆节", &["2021-10-01", "2021-10-02", "2021-10-03", "2021-10-04", "2021-10-05", "2021-10-06", "2021-10-07"], &["2021-09-26", "2021-10-09"]),
        ],
    };

    /// 2022.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2022: Year = Year {
        text: fixture!("2022.txt"),
        year: 2022,
        number: Some("国办发明电〔2021〕11号"),
        date: "2021-10-25",
        holidays: &[
            ("元旦", &["2022-01-01", "2022-01-02", "2022-01-03"], &[]),
            ("春节", &["2022-01-31", "2022-02-01", "2022-02-02", "2022-02-03", "2022-02-04", "2022-02-05", "2022-02-06"], &["2022-01-29", "2022-01-30"]),
            ("清明节", &["2022-04-03", "2022-04-04", "2022-04-05"], &["2022-04-02"]),
            ("劳动节", &["2022-04-30", "2022-05-01", "2022-05-02", "2022-05-03", "2022-05-04"], &["2022-04-24", "2022-05-07"]),
            ("端午节", &["2022-06-03", "2022-06-04", "2022-06-05"], &[]),
            ("中秋节", &["2022-09-10", "2022-09-11", "2022-09-12"], &[]),
            ("国庆节", &["2022-10-01", "2022-10-02", "2022-10-03", "2022-10-04", "2022-10-05", "2022-10-06", "2022-10-07"], &["2022-10-08", "2022-10-09"]),
        ],
    };

    /// 2023.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2023: Year = Year {
        text: fixture!("2023.txt"),
        year: 2023,
        number: Some("国办发明电〔2022〕16号"),
        date: "2022-12-08",
        holidays: &[
            ("元旦", &["2022-12-31", "2023-01-01", "2023-01-02"], &[]),
            ("春节", &["2023-01-21", "2023-01-22", "2023-01-23", "2023-01-24", "2023-01-25", "2023-01-26", "2023-01-27"], &["2023-01-28", "2023-01-29"]),
            ("清明节", &["2023-04-05"], &[]),
            ("劳动节", &["2023-04-29", "2023-04-30", "2023-05-01", "2023-05-02", "2023-05-03"], &["2023-04-23", "2023-05-06"]),
            ("端午节", &["2023-06-22", "2023-06-23", "2023-06-24"], &["2023-06-25"]),
            ("中秋节、国庆节", &["2023-09-29", "2023-09-30", "2023-10-01", "2023-10-02", "2023-10-03", "2023-10-04", "2023-10-05", "2023-10-06"], &["2023-10-07", "2023-10-08"]),
        ],
    };

    /// 2024.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2024: Year = Year {
        text: fixture!("2024.txt"),
        year: 2024,
        number: Some("国办发明电〔2023〕7号"),
        date: "2023-10-25",
        holidays: &[
            ("元旦", &["2024-01-01"], &[]),
            ("春节", &["2024-02-10", "2024-02-11", "2024-02-12", "2024-02-13", "2024-02-14", "2024-02-15", "2024-02-16", "2024-02-17"], &["2024-02-04", "2024-02-18"]),
            ("清明节", &["2024-04-04", "2024-04-05", "2024-04-06"], &["2024-04-07"]),
            ("劳动节", &["2024-05-01", "2024-05-02", "2024-05-03", "2024-05-04", "2024-05-05"], &["2024-04-28", "2024-05-11"]),
            ("端午节", &["2024-06-10"], &[]),
            ("中秋节", &["2024-09-15", "2024-09-16", "2024-09-17"], &["2024-09-14"]),
            ("国庆节", &["2024-10-01", "2024-10-02", "2024-10-03", "2024-10-04", "2024-10-05", "2024-10-06", "2024-10-07"], &["2024-09-29", "2024-10-12"]),
        ],
    };

    /// 2025.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2025: Year = Year {
        text: fixture!("2025.txt"),
        year: 2025,
        number: Some("国办发明电〔2024〕12号"),
        date: "2024-11-12",
        holidays: &[
            ("元旦", &["2025-01-01"], &[]),
            ("春节", &["2025-01-28", "2025-01-29", "2025-01-30", "2025-01-31", "2025-02-01", "2025-02-02", "2025-02-03", "2025-02-04"], &["2025-01-26", "2025-02-08"]),
            ("清明节", &["2025-04-04", "2025-04-05", "2025-04-06"], &[]),
            ("劳动节", &["2025-05-01", "2025-05-02", "2025-05-03", "2025-05-04", "2025-05-05"], &["2025-04-27"]),
            ("端午节", &["2025-05-31", "2025-06-01", "2025-06-02"], &[]),
            ("国庆节、中秋节", &["2025-10-01", "2025-10-02", "2025-10-03", "2025-10-04", "2025-10-05", "2025-10-06", "2025-10-07", "2025-10-08"], &["2025-09-28", "2025-10-11"]),
        ],
    };

    /// 2026.txt: transcribed by hand from the notice.
    #[rustfmt::skip]
    const Y2026: Year = Year {
        text: fixture!("2026.txt"),
        year: 2026,
        number: Some("国办发明电〔2025〕7号"),
        date: "2025-11-04",
        holidays: &[
            ("元旦", &["2026-01-01", "2026-01-02", "2026-01-03"], &["2026-01-04"]),
            ("春节", &["2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18", "2026-02-19", "2026-02-20", "2026-02-21", "2026-02-22", "2026-02-23"], &["2026-02-14", "2026-02-28"]),
            ("清明节", &["2026-04-04", "2026-04-05", "2026-04-06"], &[]),
            ("劳动节", &["2026-05-01", "2026-05-02", "2026-05-03", "2026-05-04", "2026-05-05"], &["2026-05-09"]),
            ("端午节", &["2026-06-19", "2026-06-20", "2026-06-21"], &[]),
            ("中秋节", &["2026-09-25", "2026-09-26", "2026-09-27"], &[]),
            ("国庆节", &["2026-10-01", "2026-10-02", "2026-10-03", "2026-10-04", "2026-10-05", "2026-10-06", "2026-10-07"], &["2026-09-20", "2026-10-10"]),
        ],
    };
    const YEARS: [&Year; 12] = [
        &Y2015, &Y2016, &Y2017, &Y2018, &Y2019, &Y2020, &Y2021, &Y2022, &Y2023, &Y2024, &Y2025,
        &Y2026,
    ];

    fn parsed(text: &str) -> Notice {
        match parse(text) {
            Ok(notice) => notice,
            Err(refusals) => {
                let lines: Vec<String> = refusals.iter().map(Refusal::to_string).collect();
                panic!("refused:\n{}", lines.join("\n"))
            }
        }
    }

    fn refused(text: &str) -> Vec<Refusal> {
        match parse(text) {
            Ok(notice) => panic!("accepted: {notice:?}"),
            Err(refusals) => refusals,
        }
    }

    fn refusal(sentence: &str, reason: &str) -> Refusal {
        Refusal {
            sentence: sentence.into(),
            reason: reason.into(),
        }
    }

    fn strings(days: &[NaiveDate]) -> Vec<String> {
        days.iter().map(NaiveDate::to_string).collect()
    }

    #[test]
    fn every_fixture_reads_as_transcribed_by_hand() {
        for expected in YEARS {
            let notice = parsed(expected.text);
            let y = expected.year;
            assert_eq!(notice.year, y);
            assert_eq!(
                notice.title,
                format!("国务院办公厅关于{y}年部分节假日安排的通知")
            );
            assert_eq!(notice.document_number.as_deref(), expected.number, "{y}");
            assert_eq!(
                notice.date.map(|d| d.to_string()).as_deref(),
                Some(expected.date)
            );
            let names: Vec<&str> = notice.holidays.iter().map(|h| h.name.as_str()).collect();
            let want: Vec<&str> = expected.holidays.iter().map(|h| h.0).collect();
            assert_eq!(names, want, "{y}");
            for (holiday, (name, days, worked)) in notice.holidays.iter().zip(expected.holidays) {
                assert_eq!(strings(&holiday.days), *days, "{y} {name}: days off");
                assert_eq!(
                    strings(&holiday.makeup_workdays),
                    *worked,
                    "{y} {name}: worked"
                );
            }
        }
    }

    /// The transcriptions themselves: every make-up working day a weekend day, every day in
    /// the year or (元旦 only) the December before.
    #[test]
    fn the_transcriptions_are_plausible() {
        for expected in YEARS {
            for (name, days, worked) in expected.holidays {
                for day in days.iter().chain(worked.iter()) {
                    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a date");
                    let december = *name == "元旦" && date.year() == expected.year - 1;
                    assert!(date.year() == expected.year || december, "{day}");
                }
                for day in *worked {
                    let date = NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("a date");
                    assert!(is_weekend(date), "{day}");
                }
            }
        }
    }

    /// domain.md's "Statutory holidays" table, copied: the parser's reading in the table's own
    /// shorthand must be the table.
    #[test]
    fn the_domain_table_agrees() {
        let table = [
            (
                Y2023.text,
                "2022-12-31–01-02; 01-21–27; 04-05; 04-29–05-03; 06-22–24; 09-29–10-06",
                "01-28, 01-29, 04-23, 05-06, 06-25, 10-07, 10-08",
            ),
            (
                Y2024.text,
                "01-01; 02-10–17; 04-04–06; 05-01–05; 06-10; 09-15–17; 10-01–07",
                "02-04, 02-18, 04-07, 04-28, 05-11, 09-14, 09-29, 10-12",
            ),
            (
                Y2025.text,
                "01-01; 01-28–02-04; 04-04–06; 05-01–05; 05-31–06-02; 10-01–08",
                "01-26, 02-08, 04-27, 09-28, 10-11",
            ),
            (
                Y2026.text,
                "01-01–03; 02-15–23; 04-04–06; 05-01–05; 06-19–21; 09-25–27; 10-01–07",
                "01-04, 02-14, 02-28, 05-09, 09-20, 10-10",
            ),
        ];
        for (text, off, worked) in table {
            let notice = parsed(text);
            let short = |d: NaiveDate| {
                if d.year() == notice.year {
                    d.format("%m-%d").to_string()
                } else {
                    d.to_string()
                }
            };
            let runs: Vec<String> = notice
                .holidays
                .iter()
                .flat_map(|h| runs(&h.days))
                .map(
                    |(from, to)| match (from == to, from.month() == to.month()) {
                        (true, _) => short(from),
                        (false, true) => format!("{}–{}", short(from), to.format("%d")),
                        (false, false) => format!("{}–{}", short(from), to.format("%m-%d")),
                    },
                )
                .collect();
            let mut all_worked: Vec<NaiveDate> = notice
                .holidays
                .iter()
                .flat_map(|h| h.makeup_workdays.iter().copied())
                .collect();
            all_worked.sort();
            let all_worked: Vec<String> = all_worked.into_iter().map(short).collect();
            assert_eq!(runs.join("; "), off, "{}", notice.year);
            assert_eq!(all_worked.join(", "), worked, "{}", notice.year);
        }
    }

    #[test]
    fn the_2024_recommendation_is_skipped_not_a_day_off() {
        let notice = parsed(fixture!("2024.txt"));
        assert_eq!(
            notice.skipped,
            [
                "「鼓励各单位结合带薪年休假等制度落实,安排职工在除夕(2月9日)休息。」: 鼓励 \
                 (encourages) only recommends; it is not a day off (放假) or a working day (上班)."
            ]
        );
        let spring = &notice.holidays[1];
        assert!(
            !spring
                .days
                .contains(&NaiveDate::from_ymd_opt(2024, 2, 9).expect("a date"))
        );
    }

    #[test]
    fn the_2025_preamble_is_skipped_not_read() {
        let notice = parsed(fixture!("2025.txt"));
        assert_eq!(notice.skipped.len(), 2);
        assert!(notice.skipped[0].starts_with("「经党中央、国务院批准，根据2024年11月修订的"));
        assert!(notice.skipped[1].starts_with("「据此对放假调休原则作进一步优化完善"));
        assert!(notice.skipped.iter().all(|s| s.ends_with(
            "」: Before the numbered items: read as background, not as a day off (放假) or a \
             working day (上班)."
        )));
        for year in [2015, 2016, 2017, 2018, 2019, 2020, 2021, 2022, 2023, 2026] {
            let notice = parsed(YEARS.iter().find(|y| y.year == year).expect("a year").text);
            assert!(notice.skipped.is_empty(), "{year}: {:?}", notice.skipped);
        }
    }

    /// Clutter, broken lines, indentation, mixed punctuation widths and full-width digits change
    /// nothing.
    #[test]
    fn messy_pastes_read_like_the_clean_texts() {
        assert_eq!(
            parsed(fixture!("2026-pasted.txt")),
            parsed(fixture!("2026.txt"))
        );
        assert_eq!(
            parsed(fixture!("2019-pdf.txt")),
            parsed(fixture!("2019.txt"))
        );
    }

    #[test]
    fn calendar_files_match_the_built_in_ones() {
        assert_eq!(to_toml(&parsed(Y2023.text)), built_in!("2023.toml"));
        assert_eq!(to_toml(&parsed(Y2024.text)), built_in!("2024.toml"));
        assert_eq!(to_toml(&parsed(Y2025.text)), built_in!("2025.toml"));
        assert_eq!(to_toml(&parsed(Y2026.text)), built_in!("2026.toml"));
    }

    #[test]
    fn a_calendar_file_in_full() {
        let expected = "\
# 2019 working-day calendar (工作日历).
# Source: 国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）, 2018-12-04.
year = 2019
notice = \"国务院办公厅关于2019年部分节假日安排的通知（国办发明电〔2018〕15号）\"
notice_date = 2018-12-04

[[holiday]]
name = \"元旦\"
days = [\"2018-12-30/2019-01-01\"]
makeup_workdays = [2018-12-29]

[[holiday]]
name = \"春节\"
days = [\"2019-02-04/2019-02-10\"]
makeup_workdays = [2019-02-02, 2019-02-03]

[[holiday]]
name = \"清明节\"
days = [\"2019-04-05\"]

[[holiday]]
name = \"劳动节\"
days = [\"2019-05-01\"]

[[holiday]]
name = \"端午节\"
days = [\"2019-06-07\"]

[[holiday]]
name = \"中秋节\"
days = [\"2019-09-13\"]

[[holiday]]
name = \"国庆节\"
days = [\"2019-10-01/2019-10-07\"]
makeup_workdays = [2019-09-29, 2019-10-12]
";
        assert_eq!(to_toml(&parsed(Y2019.text)), expected);
        // Days off that are not consecutive (2015's 6月20日 and 6月22日补休) stay apart, and a
        // notice without number or date says so by leaving them out.
        let mut notice = parsed(Y2015.text);
        notice.date = None;
        let toml = to_toml(&notice);
        assert!(toml.starts_with(
            "# 2015 working-day calendar (工作日历).\n# Source: \
             国务院办公厅关于2015年部分节假日安排的通知.\nyear = 2015\nnotice = \
             \"国务院办公厅关于2015年部分节假日安排的通知\"\n\n[[holiday]]\n"
        ));
        assert!(toml.contains("name = \"端午节\"\ndays = [\"2015-06-20\", \"2015-06-22\"]\n"));
    }

    #[test]
    fn holiday_names_are_escaped_in_toml() {
        let day = NaiveDate::from_ymd_opt(2019, 1, 1).expect("a date");
        let notice = Notice {
            year: 2019,
            title: "国务院办公厅关于2019年部分节假日安排的通知".into(),
            document_number: None,
            date: None,
            holidays: vec![NoticeHoliday {
                name: "元\"旦\\\n".into(),
                days: vec![day],
                makeup_workdays: Vec::new(),
            }],
            skipped: Vec::new(),
        };
        assert!(to_toml(&notice).contains("name = \"元\\\"旦\\\\\\n\"\n"));
    }

    #[test]
    fn a_refusal_shows_its_sentence_and_reason() {
        let r = refusal("2月30日放假。", "2月30日 does not exist in 2019.");
        assert_eq!(
            r.to_string(),
            "「2月30日放假。」: 2月30日 does not exist in 2019."
        );
    }

    /// Made up: wordings of real notices (和, 调休放假, 放假公休, years implied across New
    /// Year, lunar notes, 周天/星期天, 放假1天, 不调休, 补休) in texts of my own.
    #[test]
    fn the_known_wordings_read() {
        let notice = parsed(
            "国务院办公厅关于2019年部分节假日安排的通知\n\
             经国务院批准，现将2019年元旦、春节、清明节和劳动节放假调休日期的具体安排通知如下。\n\
             一、元旦：12月30日（星期日）至1月1日（星期二）放假调休，共3天。12月29日（星期六）上班。\n\
             二、春节：2月4日（农历除夕、星期一）至10日（农历正月初六、周日）调休放假，共7天。\
             2月2日（周六）和2月3日（星期天）上班。\n\
             三、清明节：4月5日（周五）放假1天，不调休。\n\
             四、劳动节：5月1日放假，5月2日（星期四）补休。\n",
        );
        let got: Vec<(Vec<String>, Vec<String>)> = notice
            .holidays
            .iter()
            .map(|h| (strings(&h.days), strings(&h.makeup_workdays)))
            .collect();
        let want: Vec<(Vec<&str>, Vec<&str>)> = vec![
            (
                vec!["2018-12-30", "2018-12-31", "2019-01-01"],
                vec!["2018-12-29"],
            ),
            (
                vec![
                    "2019-02-04",
                    "2019-02-05",
                    "2019-02-06",
                    "2019-02-07",
                    "2019-02-08",
                    "2019-02-09",
                    "2019-02-10",
                ],
                vec!["2019-02-02", "2019-02-03"],
            ),
            (vec!["2019-04-05"], vec![]),
            (vec!["2019-05-01", "2019-05-02"], vec![]),
        ];
        let want: Vec<(Vec<String>, Vec<String>)> = want
            .into_iter()
            .map(|(a, b)| {
                let own = |v: Vec<&str>| v.into_iter().map(String::from).collect();
                (own(a), own(b))
            })
            .collect();
        assert_eq!(got, want);
        assert_eq!(notice.document_number, None);
        assert_eq!(notice.date, None);

        // In the manner of the 2012 notice: 放假公休, a number in 【】.
        let notice = parsed(
            "国务院办公厅关于2012年部分节假日安排的通知\n国办发明电【2011】45号\n\
             经国务院批准，现将2012年元旦、清明节放假调休日期的具体安排通知如下。\n\
             一、元旦：2012年1月1日至3日放假公休，共3天。2011年12月31日（星期六）上班。\n\
             二、清明节：4月2日至4日放假调休，共3天。3月31日（星期六）、4月1日（星期日）上班。\n\
             国务院办公厅\n2011年12月6日\n",
        );
        assert_eq!(
            notice.document_number.as_deref(),
            Some("国办发明电〔2011〕45号")
        );
        assert_eq!(notice.date, NaiveDate::from_ymd_opt(2011, 12, 6));
        assert_eq!(
            strings(&notice.holidays[0].makeup_workdays),
            ["2011-12-31"],
            "the December before, with its year written"
        );
        assert_eq!(
            strings(&notice.holidays[1].makeup_workdays),
            ["2012-03-31", "2012-04-01"]
        );
    }

    // Refusals. Every text below is made up.

    const HEAD: &str = "国务院办公厅关于2019年部分节假日安排的通知\n";

    /// A made-up notice around `items`, its 「现将…」 sentence announcing the holidays they
    /// name (a text without one must name all seven).
    fn with_head(items: &str) -> String {
        let mut named: Vec<(usize, &str)> = HOLIDAY_NAMES
            .iter()
            .filter_map(|h| items.find(&format!("、{h}")).map(|at| (at, *h)))
            .collect();
        named.sort();
        let names: Vec<&str> = named.into_iter().map(|(_, h)| h).collect();
        if names.is_empty() {
            return format!("{HEAD}{items}");
        }
        format!(
            "{HEAD}经国务院批准，现将2019年{}放假调休日期的具体安排通知如下。\n{items}",
            names.join("、")
        )
    }

    #[test]
    fn refuses_a_text_without_year() {
        assert_eq!(
            refused("各省、自治区、直辖市人民政府：\n一、元旦：1月1日放假。\n"),
            [refusal(
                "各省、自治区、直辖市人民政府：",
                "No title 国务院办公厅关于YYYY年部分节假日安排的通知 and no 「现将YYYY年…」 \
                 sentence, so the year is unknown. Paste the whole notice, title included."
            )]
        );
    }

    #[test]
    fn refuses_a_title_and_a_sentence_that_disagree() {
        assert_eq!(
            refused(&with_head(
                "各省、自治区、直辖市人民政府，国务院各部委、各直属机构：\n\
                 经国务院批准，现将2020年元旦放假调休日期的具体安排通知如下。\n\
                 一、元旦：1月1日放假。\n"
            )),
            [refusal(
                "经国务院批准，现将2020年元旦放假调休日期的具体安排通知如下。",
                "This sentence is for 2020, but the title says 2019. Paste one notice only."
            )]
        );
    }

    #[test]
    fn refuses_a_text_without_items() {
        assert_eq!(
            refused(&with_head("元旦放假一天，春节放假七天。")),
            [refusal(
                "国务院办公厅关于2019年部分节假日安排的通知",
                "No numbered holiday items (一、元旦：…) were found. Paste the whole notice."
            )]
        );
    }

    #[test]
    fn refuses_a_date_that_does_not_exist() {
        assert_eq!(
            refused(&with_head("一、春节：2月30日放假。")),
            [refusal(
                "一、春节：2月30日放假。",
                "2月30日 does not exist in 2019."
            )]
        );
        assert_eq!(
            refused(&with_head(
                "一、元旦：1月1日放假。\n国务院办公厅\n2018年2月30日"
            )),
            [refusal(
                "国务院办公厅\n2018年2月30日",
                "The signature date 2018年2月30日 does not exist."
            )]
        );
    }

    #[test]
    fn refuses_a_holiday_named_twice() {
        assert_eq!(
            refused(&with_head(
                "一、中秋节、国庆节：10月1日至7日放假调休，共7天。\n二、国庆节：10月8日放假。"
            )),
            [refusal(
                "二、国庆节：10月8日放假。",
                "国庆节 is named twice: it already has item 一."
            )]
        );
    }

    #[test]
    fn refuses_a_day_named_twice_or_both_off_and_worked() {
        assert_eq!(
            refused(&with_head("一、元旦：1月1日放假。\n二、春节：1月1日放假。")),
            [refusal(
                "二、春节：1月1日放假。",
                "2019-01-01 is named twice."
            )]
        );
        assert_eq!(
            refused(&with_head(
                "一、春节：2月4日至10日放假调休，共7天。2月9日（星期六）上班。"
            )),
            [refusal(
                "2月9日（星期六）上班。",
                "2019-02-09 is both a day off (放假) and a working day (上班)."
            )]
        );
    }

    #[test]
    fn refuses_a_working_day_on_a_weekday() {
        assert_eq!(
            refused(&with_head(
                "一、春节：2月4日至10日放假调休，共7天。2月11日（星期一）上班。"
            )),
            [refusal(
                "2月11日（星期一）上班。",
                "2019-02-11 is a Monday (星期一). A make-up working day (上班) must be a \
                 Saturday or Sunday."
            )]
        );
    }

    #[test]
    fn refuses_a_date_outside_the_year() {
        assert_eq!(
            refused(&with_head("一、国庆节：2020年10月1日放假。")),
            [refusal(
                "一、国庆节：2020年10月1日放假。",
                "2020年10月1日 falls on 2020-10-01, outside 2019. Only the 元旦 item may name \
                 days of December 2018."
            )]
        );
        assert_eq!(
            refused(&with_head("一、国庆节：12月30日至1月1日放假。")),
            [refusal(
                "一、国庆节：12月30日至1月1日放假。",
                "1月1日 falls on 2020-01-01, outside 2019. Only the 元旦 item may name days of \
                 December 2018."
            )]
        );
    }

    #[test]
    fn refuses_a_range_that_ends_before_it_starts() {
        assert_eq!(
            refused(&with_head("一、春节：2月10日至4日放假调休。")),
            [refusal(
                "一、春节：2月10日至4日放假调休。",
                "The range 2月10日至4日 ends before it starts."
            )]
        );
    }

    #[test]
    fn refuses_a_weekday_note_that_is_wrong() {
        assert_eq!(
            refused(&with_head("一、元旦：1月1日（星期一）放假。")),
            [refusal(
                "一、元旦：1月1日（星期一）放假。",
                "It says 星期一 for 1月1日, but 2019-01-01 is a Tuesday (星期二). Is the notice \
                 for another year, or is this a typo?"
            )]
        );
        // 2026's notice with another year in its title: every weekday note is wrong.
        let moved = fixture!("2026.txt")
            .replace("2026年", "2027年")
            .replace("〔2025〕", "〔2026〕")
            .replace("2025年11月4日", "2026年11月4日");
        let refusals = refused(&moved);
        assert_eq!(refusals.len(), 13, "7 ranges and 6 working days");
        assert!(refusals.iter().all(|r| {
            r.reason
                .ends_with("Is the notice for another year, or is this a typo?")
        }));
    }

    #[test]
    fn refuses_a_note_it_cannot_read() {
        assert_eq!(
            refused(&with_head("一、元旦：1月1日（休息）放假。")),
            [refusal(
                "一、元旦：1月1日（休息）放假。",
                "Cannot read (休息) after 1月1日. Expected 星期X or 周X, or a lunar date such as \
                 农历腊月二十八 or 除夕."
            )]
        );
        assert_eq!(
            refused(&with_head("一、元旦：1月1日（星期二放假。")),
            [refusal(
                "一、元旦：1月1日（星期二放假。",
                "The bracket after 1月1日 is not closed."
            )]
        );
    }

    /// The 2026 notice cut after its fourth item, with no 「现将…」 sentence to say so: refused,
    /// or 端午, 中秋 and 国庆 would be working days.
    #[test]
    fn refuses_a_paste_cut_short_without_its_list() {
        let cut: String = fixture!("2026.txt")
            .lines()
            .filter(|l| !l.contains("现将"))
            .take_while(|l| !l.contains("五、端午节"))
            .map(|l| format!("{l}\n"))
            .collect();
        let refusals = parse(&cut).unwrap_err();
        assert_eq!(refusals.len(), 1, "{refusals:?}");
        assert!(
            refusals[0]
                .reason
                .contains("no item names 端午节、中秋节、国庆节"),
            "{refusals:?}"
        );
        assert!(
            refusals[0].sentence.starts_with("四、劳动节"),
            "{refusals:?}"
        );
    }

    #[test]
    fn refuses_a_wrong_day_count() {
        assert_eq!(
            refused(&with_head("一、春节：2月4日至10日放假调休，共8天。")),
            [refusal(
                "一、春节：2月4日至10日放假调休，共8天。",
                "It says 共8天, but 2019-02-04 to 2019-02-10 has 7 days."
            )]
        );
    }

    #[test]
    fn refuses_a_sentence_it_cannot_read() {
        assert_eq!(
            refused(&with_head("一、清明节：4月5日放假，4月6日上午照常办公。")),
            [refusal(
                "一、清明节：4月5日放假，4月6日上午照常办公。",
                "Cannot read 「4月6日上午照常办公」. Expected days off (…放假, …放假调休), 补休, \
                 共N天, 与周末连休, 不调休, or weekend days worked (…上班)."
            )]
        );
        assert_eq!(
            refused(&with_head("一、清明节：4月3日放假，与周末连休。")),
            [refusal(
                "一、清明节：4月3日放假，与周末连休。",
                "It says 与周末连休 (joined to the weekend), but no Saturday or Sunday is next to \
                 2019-04-03."
            )]
        );
    }

    #[test]
    fn refuses_days_outside_the_items() {
        assert_eq!(
            refused(&with_head(
                "一、国庆节：10月1日至7日放假调休，共7天。\n节假日期间注意安全。\n\
                 10月8日（星期二）放假。\n国务院办公厅\n2018年12月4日"
            )),
            [refusal(
                "10月8日（星期二）放假。",
                "After the numbered items (一、元旦：…), it names days off (放假) or working days \
                 (上班). Which holiday do they belong to?"
            )]
        );
    }

    #[test]
    fn refuses_an_unknown_holiday_and_a_gap_in_the_items() {
        assert_eq!(
            refused(&with_head(
                "一、元旦：1月1日放假。\n三、重阳节：10月7日放假。"
            )),
            [
                refusal(
                    "三、重阳节：10月7日放假。",
                    "Item 三 follows item 一: an item seems missing. Paste the whole notice."
                ),
                refusal(
                    "三、重阳节：10月7日放假。",
                    "「重阳节」 is not a statutory holiday (法定节假日). Expected 元旦, 春节, 清明节, \
                     劳动节, 端午节, 中秋节 or 国庆节."
                ),
            ]
        );
    }

    #[test]
    fn refuses_a_truncated_paste() {
        let text = fixture!("2019.txt");
        let cut = text.find("六、中秋节").expect("item six");
        let announce = "经国务院批准,现将2019年元旦、春节、清明节、劳动节、端午节、中秋节和国庆节放假调\
                        休日期的具体安排通知如下。";
        assert_eq!(
            refused(&text[..cut]),
            [
                refusal(
                    announce,
                    "It announces 中秋节, but no numbered item names it. Is part of the notice \
                     missing?"
                ),
                refusal(
                    announce,
                    "It announces 国庆节, but no numbered item names it. Is part of the notice \
                     missing?"
                ),
            ]
        );
    }

    #[test]
    fn refuses_another_years_document_number() {
        // A copy seen on the web: 2017's title over 2016's number.
        let text = fixture!("2017.txt").replace("〔2016〕17号", "〔2015〕18号");
        assert_eq!(
            refused(&text),
            [refusal(
                "国办发明电〔2015〕18号",
                "国办发明电〔2015〕18号 was issued in 2015, but the notice for 2017 is issued in \
                 2016. Is this another year's notice?"
            )]
        );
    }

    #[test]
    fn refuses_two_notices_pasted_together() {
        let text = format!("{}\n{}", fixture!("2019.txt"), fixture!("2020.txt"));
        assert_eq!(
            refused(&text),
            [refusal(
                "国务院办公厅关于2020年  部分节假日安排的通知",
                "A second notice starts here. Paste one notice only."
            )]
        );
    }

    /// Every sentence that cannot be read is listed, in the text's order.
    #[test]
    fn lists_every_refused_sentence() {
        let refusals = refused(&with_head(
            "一、元旦：1月1日（星期一）放假。\n二、春节：2月4日至10日放假调休，共8天。\n\
             三、清明节：4月5日放假，与周末连休。",
        ));
        let sentences: Vec<&str> = refusals.iter().map(|r| r.sentence.as_str()).collect();
        assert_eq!(
            sentences,
            [
                "一、元旦：1月1日（星期一）放假。",
                "二、春节：2月4日至10日放假调休，共8天。"
            ]
        );
    }

    /// Random damage to real texts: the reader answers, it never panics, and what it accepts is
    /// a plausible year.
    #[test]
    fn never_panics_on_damaged_text() {
        let alphabet: Vec<char> = "0123456789１２年月日至、，,。：:（）()[]〔〕【】星期周一二三四五六七日天\
                                   农历腊正初十廿放假调休上班补休共与末连不鼓励国务院办公厅关于部分节\
                                   安排的通知现将元旦春清明劳动端午中秋庆号 \n　\u{200B}é"
            .chars()
            .collect();
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut next = |bound: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % bound.max(1) as u64) as usize
        };
        let bases = [
            fixture!("2026.txt"),
            fixture!("2019-pdf.txt"),
            fixture!("2024.txt"),
            fixture!("2025.txt"),
        ];
        assert!(parse("").is_err());
        for round in 0..4000 {
            let mut text: Vec<char> = bases[round % bases.len()].chars().collect();
            for _ in 0..1 + next(4) {
                let len = text.len();
                let at = next(len + 1);
                match next(6) {
                    0 if at < len => {
                        text.remove(at);
                    }
                    1 => text.insert(at, alphabet[next(alphabet.len())]),
                    2 if at < len => text[at] = alphabet[next(alphabet.len())],
                    3 => {
                        let from = next(len + 1);
                        let to = (from + next(30)).min(len);
                        let piece: Vec<char> = text[from..to].to_vec();
                        let at = at.min(text.len());
                        text.splice(at..at, piece);
                    }
                    4 => {
                        let to = (at + next(40)).min(len);
                        text.drain(at..to);
                    }
                    _ if len > 1 => {
                        let other = next(len);
                        text.swap(at.min(len - 1), other);
                    }
                    _ => {}
                }
            }
            let text: String = text.into_iter().collect();
            let result = std::panic::catch_unwind(|| parse(&text));
            let Ok(result) = result else {
                panic!("parse panicked on {text:?}");
            };
            if let Ok(notice) = result {
                let toml = to_toml(&notice);
                assert!(toml.starts_with(&format!("# {} working-day", notice.year)));
                for holiday in &notice.holidays {
                    assert!(holiday.days.windows(2).all(|w| w[0] < w[1]), "{text}");
                    assert!(
                        holiday.makeup_workdays.iter().all(|d| is_weekend(*d)),
                        "{text}"
                    );
                    for day in holiday.days.iter().chain(&holiday.makeup_workdays) {
                        let december = day.year() == notice.year - 1 && day.month() == 12;
                        assert!(day.year() == notice.year || december, "{text}");
                    }
                }
            }
        }
    }
}
