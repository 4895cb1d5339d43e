//! What a careless export or a malicious insider could feed gongshi (the corpus in
//! `tests/hostile/`, and two inputs too large to commit). For each: no panic, nothing written
//! outside the output folder, the right exit code, and every row either published safely or
//! reported by file and line.

mod common;

use std::collections::BTreeMap;
use std::path::Path;

use common::*;
use serde_json::Value;

const AS_OF: &str = "2025-09-10";

struct Outcome {
    code: Option<i32>,
    report: Value,
    files: BTreeMap<String, Vec<u8>>,
}

/// Builds a site holding only `csv` as its task ledger, inside a folder of its own, and checks
/// what every hostile input must satisfy.
fn build_hostile(name: &str, csv: &[u8]) -> Outcome {
    let root = tempfile::tempdir().unwrap();
    let site = root.path().join("site");
    std::fs::create_dir_all(site.join("data/tasks")).unwrap();
    std::fs::write(site.join("data/tasks/hostile.csv"), csv).unwrap();
    let output = gongshi(&[
        "build",
        "--site",
        site.to_str().unwrap(),
        "--as-of",
        AS_OF,
        "--format",
        "json",
    ]);
    let code = output.status.code();
    assert!(
        matches!(code, Some(0..=2)),
        "{name}: exit {code:?} (a panic?)\n{}",
        stderr(&output)
    );

    // Nothing beside the site, and inside it nothing but the input, the ledger, the lock and
    // the output folder.
    let outside: Vec<String> = std::fs::read_dir(root.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert_eq!(outside, ["site"], "{name}");
    for path in tree(&site).keys() {
        let allowed = path.starts_with("public/")
            || path == "data/tasks/hostile.csv"
            || path == "data/published.csv"
            || path == "data/published-records.jsonl"
            || path == ".gongshi.lock"
            || path == ".public.gongshi-cache"
            || path == ".public.gongshi-report";
        assert!(allowed, "{name}: wrote {path}");
    }
    let files = tree(&site.join("public"));
    for (path, bytes) in &files {
        if path.ends_with(".html") || path.ends_with(".xml") {
            let text = String::from_utf8_lossy(bytes).to_lowercase();
            // Record text shows as text: no tag it holds opens, no link it holds runs.
            for raw in [
                "<script>",
                "<img",
                "<b>",
                "<!--",
                "href=javascript",
                "href=\"javascript",
            ] {
                assert!(!text.contains(raw), "{name}: {path} contains {raw}");
            }
            assert!(!text.contains('\0'), "{name}: {path} contains NUL");
        }
    }
    let report = if code == Some(2) {
        Value::Null
    } else {
        json(&output)
    };
    if code != Some(2) {
        let s = &report["summary"];
        let n = |k: &str| s[k].as_u64().unwrap();
        let sum: u64 = [
            "on_time",
            "late",
            "excused",
            "due",
            "overdue",
            "in_progress",
            "rejected",
            "undecided",
        ]
        .iter()
        .map(|k| n(k))
        .sum();
        assert_eq!(n("rows"), sum, "{name}: counts add up");
        for error in report["errors"].as_array().unwrap() {
            assert_eq!(error["file"], "data/tasks/hostile.csv", "{name}");
            assert!(error["line"].as_u64().is_some(), "{name}: {error}");
        }
        assert_eq!(code, Some(if n("invalid") > 0 { 1 } else { 0 }), "{name}");
    }
    Outcome {
        code,
        report,
        files,
    }
}

fn corpus(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/hostile")
            .join(name),
    )
    .unwrap()
}

fn statuses(report: &Value) -> BTreeMap<String, String> {
    report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "task")
        .map(|i| {
            (
                i["id"].as_str().unwrap().to_string(),
                i["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

#[test]
fn script_and_attribute_injection_in_every_field_is_published_as_text() {
    let out = build_hostile("xss", &corpus("xss-every-field.csv"));
    assert_eq!(out.code, Some(0));
    assert_eq!(out.report["summary"]["published"], 3);
    let page = String::from_utf8_lossy(&out.files["tasks/x-1/index.html"]).into_owned();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
}

#[test]
fn path_tricks_in_task_ids_stay_inside_tasks() {
    let out = build_hostile("traversal", &corpus("traversal-ids.csv"));
    assert_eq!(out.code, Some(0));
    let pages: Vec<&String> = out
        .files
        .keys()
        .filter(|p| p.starts_with("tasks/"))
        .collect();
    assert_eq!(pages.len(), 12, "one page per id: {pages:?}");
    for page in pages {
        let slug = page
            .strip_prefix("tasks/")
            .unwrap()
            .strip_suffix("/index.html")
            .unwrap();
        assert!(
            slug.chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_'),
            "{slug}"
        );
    }
}

#[test]
fn control_characters_are_dropped_and_a_task_id_with_one_is_rejected() {
    let out = build_hostile("control", &corpus("control-chars.csv"));
    assert_eq!(out.code, Some(1));
    let statuses = statuses(&out.report);
    assert_eq!(statuses["C-1"], "on_time");
    assert_eq!(statuses.values().filter(|s| *s == "rejected").count(), 1);
    let json: Vec<Value> = serde_json::from_slice(&out.files["data/tasks.json"]).unwrap();
    assert_eq!(json[0]["unit"], "unit");
    assert_eq!(json[0]["entity"], "entityname");
}

#[test]
fn duplicate_and_empty_headers_are_reported() {
    let out = build_hostile("headers", &corpus("duplicate-and-empty-headers.csv"));
    let warnings = out.report["warnings"].to_string();
    assert!(warnings.contains("both hold 检查结果"), "{warnings}");
    assert!(warnings.contains("no header holds values"), "{warnings}");
    let json: Vec<Value> = serde_json::from_slice(&out.files["data/tasks.json"]).unwrap();
    assert_eq!(
        json[0]["result"], "first",
        "the first of two same-named columns is used"
    );
}

#[test]
fn files_pasted_together_with_their_bom_and_header() {
    let out = build_hostile("bom", &corpus("bom-in-middle.csv"));
    assert_eq!(out.code, Some(0));
    assert_eq!(
        out.report["summary"]["rows"], 2,
        "the repeated header is no data row"
    );
    assert!(
        out.report["notes"]
            .to_string()
            .contains("repeat the header")
    );
}

#[test]
fn crlf_and_lf_mixed_keep_their_line_numbers() {
    let out = build_hostile("crlf", &corpus("crlf-lf-mix.csv"));
    assert_eq!(out.code, Some(0));
    let lines: Vec<u64> = out.report["items"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|i| i["kind"] == "task")
        .map(|i| i["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [2, 3, 4]);
}

#[test]
fn mixed_encodings_are_read_line_by_line_and_said() {
    let out = build_hostile("encodings", &corpus("mixed-encodings.csv"));
    let json: Vec<Value> = serde_json::from_slice(&out.files["data/tasks.json"]).unwrap();
    let names: Vec<&str> = json.iter().map(|j| j["entity"].as_str().unwrap()).collect();
    assert_eq!(names, ["深圳市甲公司", "深圳市乙公司"]);
    assert!(
        out.report["warnings"]
            .to_string()
            .contains("mixes encodings: line(s) 3")
    );
}

#[test]
fn spreadsheet_formulas_are_neutralised_in_open_data() {
    let out = build_hostile("formula", &corpus("formula-injection.csv"));
    let csv = String::from_utf8_lossy(&out.files["data/tasks.csv"]).into_owned();
    for dangerous in ["=cmd", "+1+1", "@SUM", "-2+3", "=HYPERLINK"] {
        assert!(
            csv.contains(&format!("'{dangerous}")),
            "{dangerous} in {csv}"
        );
        assert!(
            !csv.contains(&format!(",{dangerous}")) && !csv.contains(&format!(",\"{dangerous}")),
            "{dangerous} raw in {csv}"
        );
    }
}

#[test]
fn a_two_megabyte_field_rejects_its_row_only() {
    let mut csv = b"task_id,end,result\nOK-1,2025-09-02,ok\nBIG-1,2025-09-02,".to_vec();
    csv.extend(std::iter::repeat_n(b'x', 2 * 1024 * 1024));
    csv.extend_from_slice(b"\nOK-2,2025-09-02,ok\n");
    let out = build_hostile("2 MB", &csv);
    assert_eq!(out.code, Some(1));
    let statuses = statuses(&out.report);
    assert_eq!(statuses["BIG-1"], "rejected");
    assert_eq!(statuses["OK-2"], "on_time");
    assert!(
        out.report["errors"][0]["message"]
            .as_str()
            .unwrap()
            .contains("at most 10000")
    );
}

#[test]
fn a_million_column_line_rejects_its_row_only() {
    let mut csv = b"task_id,end,result\nWIDE-1,2025-09-02,ok".to_vec();
    csv.extend(b",x".repeat(1_000_000));
    csv.extend_from_slice(b"\nOK-1,2025-09-02,ok\n");
    let out = build_hostile("million columns", &csv);
    assert_eq!(out.code, Some(1));
    assert_eq!(statuses(&out.report)["WIDE-1"], "rejected");
    assert_eq!(out.report["errors"][0]["line"], 2);
}

#[test]
fn personal_numbers_are_masked_in_every_output_file() {
    let numbers = [
        "440301199001011234",
        "11010519491231002X",
        "440301900101123",
        "13812345678",
        "+86 139 8765 4321",
        "0755-28991234",
        "6222021234567890123",
        "6222 0212 3456 7890",
        // Spellings a reviewer found slipping through an earlier version:
        "0755-8456-1234",
        "(0755)8456-1235",
        "+86 755 84561236",
        "138.1234.5671",
        "138—1234—5672",
        "138/1234/5673",
        "1 3 8 1 2 3 4 5 6 7 4",
        "622202 1234567891",
        "13812345675abc",
    ];
    let all = numbers.join(" ");
    let field = |i: usize| format!("\"字段{i} {all}\"");
    let mut csv = String::from(
        "task_id,unit,category,matter,entity,credit_code,address,inspectors,end,result,handling,joint_departments\n",
    );
    csv.push_str(&format!(
        "P-1,{},{},{},{},11010519491231002X,{},{},2025-09-02,{},{},{}\n",
        field(1),
        field(2),
        field(3),
        field(4),
        field(5),
        field(6),
        field(7),
        field(8),
        field(9)
    ));
    let root = tempfile::tempdir().unwrap();
    let site = root.path();
    std::fs::create_dir_all(site.join("data/tasks")).unwrap();
    std::fs::write(site.join("data/tasks/t.csv"), csv).unwrap();
    std::fs::write(
        site.join("gongshi.toml"),
        "[privacy]\npublish_inspectors = true\n",
    )
    .unwrap();
    let output = gongshi(&["build", "--site", site.to_str().unwrap(), "--as-of", AS_OF]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let mut files = tree(&site.join("public"));
    files.insert(
        "search/ (decompressed)".into(),
        common::search_text(&site.join("public")).into_bytes(),
    );
    let kinds = [
        "tasks/p-1/index.html",
        "data/tasks.csv",
        "data/tasks.json",
        "feed.xml",
        "sitemap.xml",
        "search/dict.bin",
    ];
    for kind in kinds {
        assert!(files.contains_key(kind), "{kind} was built");
    }
    let compact = |s: &str| {
        s.chars()
            .filter(char::is_ascii_alphanumeric)
            .collect::<String>()
    };
    for (path, bytes) in &files {
        let text = String::from_utf8_lossy(bytes);
        let squeezed = compact(&text);
        for number in numbers {
            assert!(!text.contains(number), "{path} holds {number}");
            // Nor with its spaces and dashes taken out (but for the credit-code-like ones, 7
            // digits or more of it in a row).
            let digits = compact(number);
            let digits = digits.trim_start_matches("86").trim_end_matches("abc");
            assert!(
                !squeezed.contains(digits),
                "{path} holds {number} as {digits}"
            );
        }
    }
    let page = String::from_utf8_lossy(&files["tasks/p-1/index.html"]).into_owned();
    assert!(
        page.contains("138****5678") && page.contains("1101**********002X"),
        "{page}"
    );
}
