//! `gongshi calendar import`: next year's calendar file from the State Council's notice, as
//! published. The built-in years come out of their own notices byte for byte; eight more years
//! of real notices, in the wordings of their years, make files that `calendar check` accepts;
//! a text that does not read cleanly writes nothing.

mod common;

use std::path::Path;

use common::*;

fn notice(name: &str) -> String {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/notices")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

#[test]
fn the_built_in_years_come_out_of_their_own_notices() {
    for year in 2023..=2026 {
        let output = gongshi(&["calendar", "import", &notice(&format!("{year}.txt"))]);
        assert_eq!(output.status.code(), Some(0), "{year}: {}", stderr(&output));
        let built_in = std::fs::read_to_string(
            Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("data/calendar/{year}.toml")),
        )
        .unwrap();
        assert_eq!(stdout(&output), built_in, "{year}");
        // The summary on stderr lists the year as `gongshi calendar YEAR` does.
        assert!(stderr(&output).contains(&format!("{year}: 国务院办公厅关于{year}年")));
    }
    // The 2024 notice's advice to let staff rest on New Year's Eve is no holiday, and is said.
    let output = gongshi(&["calendar", "import", &notice("2024.txt")]);
    assert!(
        stderr(&output).contains("note:") && stderr(&output).contains("2月9日"),
        "{}",
        stderr(&output)
    );
}

/// Eight more years, each written in its year's wording (补休, 与周末连休, 放假 alone, ranges
/// across years with the make-up day in the December before, 星期X): every file is accepted by
/// `calendar check`, and gives the year's count of working days.
#[test]
fn eight_more_years_of_real_notices_make_good_calendar_files() {
    let dir = tempfile::tempdir().unwrap();
    // Working days per year, counted apart from gongshi (a script over the days off and
    // make-up days transcribed by hand from each notice): the year's weekdays, less the
    // weekdays off, plus the make-up days. E.g. 2019: 261 weekdays; off on weekdays 01-01,
    // 02-04..08, 04-05, 05-01, 06-07, 09-13, 10-01..04, 10-07 (15); make-up 02-02, 02-03,
    // 09-29, 10-12 (4) → 250.
    for (year, working_days) in [
        (2015, 250),
        (2016, 250),
        (2017, 249),
        (2018, 250),
        (2019, 250),
        (2020, 251),
        (2021, 250),
        (2022, 249),
    ] {
        let file = dir.path().join(format!("{year}.toml"));
        let output = gongshi(&[
            "calendar",
            "import",
            &notice(&format!("{year}.txt")),
            "-o",
            file.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{year}: {}", stderr(&output));
        assert!(
            stdout(&output).contains(&format!("{working_days} working days in {year}")),
            "{year}: {}",
            stdout(&output)
        );
        let check = gongshi(&["calendar", "check", file.to_str().unwrap()]);
        assert_eq!(check.status.code(), Some(0), "{year}: {}", stdout(&check));
    }
}

/// From notice to deadlines: a site adds next year's file the day the notice is out. The
/// notice here is MADE UP (the 2026 notice with its dates moved to 2027 and its weekdays
/// fixed): not the real 2027 arrangement.
#[test]
fn an_imported_year_decides_deadlines() {
    let site = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(site.path().join("data/tasks")).unwrap();
    std::fs::write(
        site.path().join("data/tasks/t.csv"),
        "task_id,end,result\nT-1,2026-12-20,未发现问题\n",
    )
    .unwrap();
    let made_up = "国务院办公厅关于2027年部分节假日安排的通知（测试用，虚构）\n\
        国办发明电〔2026〕99号\n\
        经国务院批准，现将2027年元旦放假调休日期的具体安排通知如下。\n\
        一、元旦：1月1日（周五）至3日（周日）放假，共3天。\n\
        国务院办公厅\n2026年11月20日\n";
    let text = site.path().join("notice.txt");
    std::fs::write(&text, made_up).unwrap();
    let target = site.path().join("data/calendar/2027.toml");
    let import = || {
        gongshi(&[
            "calendar",
            "import",
            text.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ])
    };
    let output = import();
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(target.is_file());
    // 12-21..25 (5), 28..31 (9); 2027-01-01..03 off; 01-04..08 (14), 11..14 (18).
    let output = gongshi_in(site.path(), &["deadline", "task", "2026-12-20"]);
    assert_eq!(stdout(&output), "2027-01-14\n", "{}", stderr(&output));
    // Importing again to the same file is harmless; to a different one that exists, refused.
    assert_eq!(import().status.code(), Some(0));
    std::fs::write(&target, "year = 2027\n").unwrap();
    let output = import();
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("exists already"));
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "year = 2027\n");
}

#[test]
fn a_text_that_does_not_read_cleanly_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("notice.txt");
    let target = dir.path().join("2027.toml");
    for (made_up, expected) in [
        // MADE UP: a weekday that is not the date's (2027-01-01 is a Friday).
        (
            "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日（周四）放假，共1天。\n",
            "周四",
        ),
        // MADE UP: a count that is not the range's.
        (
            "国务院办公厅关于2027年部分节假日安排的通知\n一、元旦：1月1日至3日放假，共4天。\n",
            "共4天",
        ),
        // Not a notice at all.
        ("会议通知：请于周五下午到会。\n", ""),
    ] {
        std::fs::write(&text, made_up).unwrap();
        let output = gongshi(&[
            "calendar",
            "import",
            text.to_str().unwrap(),
            "-o",
            target.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(1), "{made_up}");
        let message = stderr(&output);
        assert!(
            message.contains(expected) && message.contains("nothing was written"),
            "{made_up}: {message}"
        );
        assert!(!target.exists(), "{made_up}");
    }
    // GBK, as Notepad on a Chinese Windows saves it, reads like UTF-8.
    let real = std::fs::read_to_string(notice("2025.txt")).unwrap();
    std::fs::write(&text, encoding_rs::GBK.encode(&real).0).unwrap();
    let output = gongshi(&["calendar", "import", text.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stdout(&output).contains("notice_date = 2024-11-12"));
}
