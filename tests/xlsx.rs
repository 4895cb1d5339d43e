//! The Excel downloads (`data/<yyyy>q<n>.xlsx`, `data/<yyyy>.xlsx`): read back with calamine,
//! each holds exactly its CSV's rows, with days as date cells and codes as text; the header row
//! is frozen; record text never becomes a formula; and a rebuild rewrites a workbook only when
//! its rows changed.

mod common;

use std::collections::BTreeMap;
use std::io::Read as _;
use std::path::Path;

use calamine::{Data, Reader as _, Xlsx};
use chrono::NaiveDate;
use common::*;

/// The columns the open data writes as days.
const DATE_COLUMNS: [&str; 5] = [
    "检查开始日期",
    "检查结束日期",
    "公示日期",
    "最后更新",
    "公示期限",
];

/// A CSV of the open data: its header and rows, as written.
fn read_csv(path: &Path) -> (Vec<String>, Vec<Vec<String>>) {
    let bytes = std::fs::read(path).unwrap();
    let text = bytes
        .strip_prefix(b"\xef\xbb\xbf")
        .expect("open data CSV starts with a BOM");
    let mut reader = csv::Reader::from_reader(text);
    let header = reader.headers().unwrap().iter().map(String::from).collect();
    let rows = reader
        .records()
        .map(|r| r.unwrap().iter().map(String::from).collect())
        .collect();
    (header, rows)
}

/// A workbook's one sheet: its name, and its cells row by row.
fn read_xlsx(path: &Path) -> (String, Vec<Vec<Data>>) {
    let mut workbook: Xlsx<_> = calamine::open_workbook(path).unwrap();
    let names = workbook.sheet_names();
    assert_eq!(names.len(), 1, "{}: one sheet", path.display());
    let range = workbook.worksheet_range(&names[0]).unwrap();
    assert_eq!(range.start(), Some((0, 0)), "{}", path.display());
    let formulas = workbook.worksheet_formula(&names[0]).unwrap();
    assert!(
        formulas.used_cells().all(|(_, _, f)| f.is_empty()),
        "{}: no cell is a formula",
        path.display()
    );
    let rows = range.rows().map(<[Data]>::to_vec).collect();
    (names[0].clone(), rows)
}

/// A file inside a workbook (a zip of XML files).
fn part(path: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(path).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap()
        .read_to_string(&mut text)
        .unwrap();
    text
}

/// The text a CSV cell stands for: the CSV puts a `'` before text a spreadsheet would run as
/// a formula; the workbook holds the text itself, as a text cell.
fn unneutralized(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if rest.starts_with(['=', '+', '-', '@', '\t', '\r']) => rest,
        _ => cell,
    }
}

/// Checks that the workbook holds exactly the CSV's header and rows, cell by cell. Returns how
/// many date cells it checked.
fn assert_same_rows(xlsx: &Path, csv: &Path) -> usize {
    let (header, rows) = read_csv(csv);
    let (_, cells) = read_xlsx(xlsx);
    let what = xlsx.display();
    assert_eq!(
        cells.len(),
        rows.len() + 1,
        "{what}: the header and every row"
    );
    let names: Vec<&str> = cells[0]
        .iter()
        .map(|c| match c {
            Data::String(s) => s.as_str(),
            other => panic!("{what}: header cell {other:?}"),
        })
        .collect();
    assert_eq!(names, header, "{what}: the CSV's Chinese header");
    let mut dates = 0;
    for (r, (row, csv_row)) in cells[1..].iter().zip(&rows).enumerate() {
        assert_eq!(row.len(), csv_row.len(), "{what} row {}", r + 2);
        for ((cell, text), column) in row.iter().zip(csv_row).zip(&header) {
            let at = format!("{what} row {} {column}", r + 2);
            let day = NaiveDate::parse_from_str(text, "%Y-%m-%d").ok();
            match cell {
                Data::Empty => assert_eq!(text, "", "{at}"),
                Data::DateTime(value) => {
                    assert!(DATE_COLUMNS.contains(&column.as_str()), "{at}: a date");
                    let value = value.as_datetime().expect("a day Excel can show");
                    assert_eq!(Some(value.date()), day, "{at}");
                    assert_eq!(value.time(), chrono::NaiveTime::MIN, "{at}");
                    dates += 1;
                }
                Data::String(value) => {
                    assert_eq!(value, unneutralized(text), "{at}");
                    assert!(
                        day.is_none() || !DATE_COLUMNS.contains(&column.as_str()),
                        "{at}: {text} is a day, written as text"
                    );
                }
                Data::Float(value) => {
                    assert_eq!(column, "更正次数", "{at}: a count");
                    assert_eq!(value.to_string(), *text, "{at}");
                }
                other => panic!("{at}: {other:?} where the CSV has {text:?}"),
            }
        }
    }
    dates
}

/// The open data files of a built site, by name (`2025q3.xlsx`).
fn data_files(public: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(public.join("data"))
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    names
}

#[test]
fn every_quarter_and_year_workbook_reads_back_as_its_csv() {
    let (_out, public) = build_sample();
    let names = data_files(&public);
    let workbooks: Vec<&String> = names.iter().filter(|n| n.ends_with(".xlsx")).collect();
    // Beside every CSV but the whole site's, a workbook, and no other.
    let csvs: Vec<String> = names
        .iter()
        .filter(|n| n.ends_with(".csv") && *n != "tasks.csv")
        .map(|n| n.replace(".csv", ".xlsx"))
        .collect();
    assert_eq!(
        workbooks.iter().map(|n| n.as_str()).collect::<Vec<_>>(),
        csvs.iter().map(|n| n.as_str()).collect::<Vec<_>>()
    );
    for year in ["2025", "2026"] {
        assert!(names.contains(&format!("{year}.xlsx")), "{names:?}");
        assert!(names.contains(&format!("{year}q1.xlsx")), "{names:?}");
    }

    let mut dates = 0;
    for name in &workbooks {
        let xlsx = public.join("data").join(name);
        dates += assert_same_rows(&xlsx, &xlsx.with_extension("csv"));
    }
    assert!(dates > 100, "days are date cells ({dates})");

    // A year's file holds its quarters' rows: each ended quarter's exactly as its own file,
    // in quarter order, and every published result of the year (an open quarter's too).
    let (_, all) = read_csv(&public.join("data/tasks.csv"));
    for year in ["2025", "2026"] {
        let (header, rows) = read_csv(&public.join(format!("data/{year}.csv")));
        let quarter = header.iter().position(|h| h == "所属季度").unwrap();
        let mut of_year: Vec<&Vec<String>> = all
            .iter()
            .filter(|r| r[quarter].starts_with(year))
            .collect();
        of_year.sort();
        let mut sorted: Vec<&Vec<String>> = rows.iter().collect();
        sorted.sort();
        assert_eq!(
            sorted, of_year,
            "{year}: every published result of the year"
        );
        let quarters: Vec<&str> = rows.iter().map(|r| r[quarter].as_str()).collect();
        assert!(quarters.is_sorted(), "{year}: by quarter");
        for n in 1..=4 {
            let id = format!("{year}Q{n}");
            let file = public.join(format!("data/{year}q{n}.csv"));
            let in_year: Vec<&Vec<String>> = rows.iter().filter(|r| r[quarter] == id).collect();
            if file.exists() {
                let (_, own) = read_csv(&file);
                assert_eq!(in_year, own.iter().collect::<Vec<_>>(), "{id}");
            }
        }
    }

    // The quarter page offers both, side by side.
    let page = std::fs::read_to_string(public.join("quarters/2025q3/index.html")).unwrap();
    assert!(
        page.contains(r#"href="../../data/2025q3.xlsx">Excel 表格（.xlsx）</a>"#),
        "{page}"
    );
    assert!(page.contains(r#"href="../../data/2025q3.csv">CSV 文件（.csv）</a>"#));
    // Downloads, not pages: the sitemap leaves them out.
    let sitemap = std::fs::read_to_string(public.join("sitemap.xml")).unwrap();
    assert!(!sitemap.contains(".xlsx") && !sitemap.contains(".csv"));
}

/// Tasks whose ids and codes a spreadsheet would take for numbers, record text it would take
/// for formulas, and a phone number the pages mask.
const TRICKY: &str = "task_id,unit,category,matter,entity,credit_code,start,end,result,handling\n\
000123,坪山管理局,一般监管对象,废气排放检查,坪山某电子有限公司,914403001922038216,2025-09-01,2025-09-02,未发现问题,\"=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\"\n\
0456,坪山管理局,重点监管对象,废水排放检查,坪山某五金厂,0144030071526726X1,2025-09-03,2025-09-04,@SUM(A1),-1\n\
1E5,坪山管理局,重点监管对象,废水排放检查,坪山某化工厂,91440300192317458F,2025-09-05,2025-09-05,+1,已责令改正，联系电话13812345678\n";

fn build_on(site: &Path, as_of: &str) -> String {
    let output = gongshi_in(site, &["build", "--as-of", as_of, "--no-ledger"]);
    assert!(
        matches!(output.status.code(), Some(0 | 1)),
        "{}",
        stderr(&output)
    );
    stderr(&output)
}

#[test]
fn codes_stay_text_and_formula_looking_text_stays_text() {
    let site = minimal_with(TRICKY);
    build_on(site.path(), "2025-10-20");
    let public = site.path().join("public");
    for name in ["2025q3", "2025"] {
        let xlsx = public.join(format!("data/{name}.xlsx"));
        assert_same_rows(&xlsx, &xlsx.with_extension("csv"));
        let (_, rows) = read_xlsx(&xlsx);
        let text = |r: usize, c: usize| match &rows[r][c] {
            Data::String(s) => s.clone(),
            other => panic!("{name} ({r}, {c}): {other:?}, not text"),
        };
        // 任务编号, 统一社会信用代码: text, leading zeros and letters intact.
        assert_eq!(text(1, 0), "000123");
        assert_eq!(text(1, 6), "914403001922038216");
        assert_eq!(text(2, 0), "0456");
        assert_eq!(text(2, 6), "0144030071526726X1");
        assert_eq!(text(3, 0), "1E5");
        // The record's text as published, not a formula (the CSV adds a `'`).
        assert_eq!(text(1, 11), "=HYPERLINK(\"http://x\",\"点击\")");
        assert_eq!(text(2, 10), "@SUM(A1)");
        assert_eq!(text(2, 11), "-1");
        assert_eq!(text(3, 10), "+1");
        // Masked as in the CSV (and on the pages).
        assert_eq!(text(3, 11), "已责令改正，联系电话138****5678");
        // Excel's quote prefix keeps them text when edited, too; the sheet holds no formula.
        let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
        assert!(!sheet.contains("<f>") && !sheet.contains("<f "), "{sheet}");
        assert!(part(&xlsx, "xl/styles.xml").contains(r#"quotePrefix="1""#));
    }
    let (_, csv) = read_csv(&public.join("data/2025q3.csv"));
    assert_eq!(csv[0][11], "'=HYPERLINK(\"http://x\",\"点击\")");
    assert_eq!(csv[0][0], "000123");
    assert_eq!(csv[2][11], "已责令改正，联系电话138****5678");
}

#[test]
fn the_header_is_chinese_and_frozen_with_a_filter_and_columns_fit() {
    let site = minimal_with(TRICKY);
    build_on(site.path(), "2025-10-20");
    let xlsx = site.path().join("public/data/2025q3.xlsx");
    let (name, rows) = read_xlsx(&xlsx);
    assert_eq!(name, "2025年第三季度");
    let header: Vec<String> = rows[0].iter().map(|c| c.to_string()).collect();
    for column in [
        "任务编号",
        "检查对象名称",
        "统一社会信用代码",
        "检查结束日期",
        "检查结果",
    ] {
        assert!(header.iter().any(|h| h == column), "{column} in {header:?}");
    }
    let sheet = part(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(
        sheet.contains(
            r#"<pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/>"#
        ),
        "{sheet}"
    );
    assert!(sheet.contains(r#"<autoFilter ref="A1:R4"/>"#), "{sheet}");
    // Widths: a Chinese character counts two, a Latin one; none past 60.
    let widths: BTreeMap<String, f64> = roxmltree::Document::parse(&sheet)
        .unwrap()
        .descendants()
        .filter(|n| n.has_tag_name("col"))
        .flat_map(|n| {
            let (min, max): (usize, usize) = (
                n.attribute("min").unwrap().parse().unwrap(),
                n.attribute("max").unwrap().parse().unwrap(),
            );
            let width: f64 = n.attribute("width").unwrap().parse().unwrap();
            (min..=max).map(move |c| (c, width))
        })
        .map(|(c, width)| (header[c - 1].clone(), width))
        .collect();
    assert_eq!(widths.len(), header.len(), "{widths:?}");
    let width = |column: &str| widths[column];
    // 统一社会信用代码: 16 units of header over 18 of code; 检查对象名称: 坪山某电子有限公司, 18.
    assert!(
        (18.0..24.0).contains(&width("统一社会信用代码")),
        "{widths:?}"
    );
    assert!((18.0..24.0).contains(&width("检查对象名称")), "{widths:?}");
    assert!((10.0..16.0).contains(&width("检查结束日期")), "{widths:?}");
    assert!(widths.values().all(|w| *w <= 61.0), "{widths:?}");
    // The document says what it is, dated by its data, not by the build.
    let core = part(&xlsx, "docProps/core.xml");
    assert!(
        core.contains("<dc:title>2025年第三季度双随机抽查结果</dc:title>"),
        "{core}"
    );
}

/// Tasks in 2024Q4, 2025Q1 and 2025Q2; `result` is 2025Q2's first task's.
fn two_years(result: &str) -> String {
    let mut csv =
        String::from("task_id,unit,category,matter,entity,credit_code,start,end,result\n");
    for (i, end) in [
        "2024-11-05",
        "2024-12-10",
        "2025-02-11",
        "2025-03-12",
        "2025-05-13",
        "2025-06-14",
    ]
    .iter()
    .enumerate()
    {
        let result = if i == 4 { result } else { "未发现问题" };
        csv.push_str(&format!(
            "Y-{i},坪山管理局,一般监管对象,废气排放检查,坪山某{i}号电子有限公司,,{end},{end},{result}\n"
        ));
    }
    csv
}

#[test]
fn a_rebuild_rewrites_a_workbook_only_when_its_rows_changed() {
    let site = minimal_with(&two_years("未发现问题"));
    let public = site.path().join("public");
    build_on(site.path(), "2025-10-20");
    let workbooks = [
        "data/2024q4.xlsx",
        "data/2024.xlsx",
        "data/2025q1.xlsx",
        "data/2025q2.xlsx",
        "data/2025.xlsx",
    ];
    let ids = identities(&public);
    let bytes = tree(&public);
    for path in workbooks {
        assert!(ids.contains_key(path), "{path}: {:?}", ids.keys());
    }

    // Nothing changed: nothing rewritten.
    build_on(site.path(), "2025-10-20");
    assert_eq!(identities(&public), ids);

    // Built afresh elsewhere (later, so any clock in the file would differ): the same bytes.
    let again = minimal_with(&two_years("未发现问题"));
    std::thread::sleep(std::time::Duration::from_millis(1100));
    build_on(again.path(), "2025-10-20");
    let fresh = tree(&again.path().join("public"));
    for path in workbooks {
        assert_eq!(
            fresh[path], bytes[path],
            "{path} is made from its rows alone"
        );
    }
    // Dated by its newest row: every result here was first published on 2025-10-20.
    let core = part(&public.join("data/2025q1.xlsx"), "docProps/core.xml");
    assert!(
        core.contains(">2025-10-20T00:00:00Z</dcterms:created>"),
        "{core}"
    );

    // One result of 2025Q2 corrected: its quarter's and its year's files, and no other.
    std::fs::write(
        site.path().join("data/tasks/tasks.csv"),
        two_years("发现问题经责令已改正"),
    )
    .unwrap();
    build_on(site.path(), "2025-10-20");
    let after = identities(&public);
    let rewritten: Vec<&str> = after
        .iter()
        .filter(|(path, id)| path.starts_with("data/") && ids.get(*path) != Some(id))
        .map(|(path, _)| path.as_str())
        .collect();
    assert_eq!(
        rewritten,
        [
            "data/2025.csv",
            "data/2025.xlsx",
            "data/2025q2.csv",
            "data/2025q2.xlsx",
            "data/tasks.csv",
            "data/tasks.json",
        ]
    );
    let (_, rows) = read_xlsx(&public.join("data/2025q2.xlsx"));
    assert_eq!(rows[1][10], Data::String("发现问题经责令已改正".into()));
}

#[test]
fn stale_workbooks_are_removed() {
    let site = minimal_with(&two_years("未发现问题"));
    let public = site.path().join("public");
    build_on(site.path(), "2025-10-20");
    assert!(public.join("data/2024.xlsx").exists());
    // 2024's tasks gone from the export: its files go too.
    let without_2024: String = two_years("未发现问题")
        .lines()
        .filter(|l| !l.contains(",2024-"))
        .map(|l| format!("{l}\n"))
        .collect();
    std::fs::write(site.path().join("data/tasks/tasks.csv"), without_2024).unwrap();
    build_on(site.path(), "2025-10-20");
    assert!(!public.join("data/2024.xlsx").exists());
    assert!(!public.join("data/2024q4.xlsx").exists());
    assert!(public.join("data/2025.xlsx").exists());
}
