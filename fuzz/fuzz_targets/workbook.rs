//! Workbooks: any bytes as an .xlsx, .xls or .ods task ledger (the first byte picks which).
//! Reading never panics; every row read ends up a trusted record or with an error, and a
//! record's page address stays inside `tasks/`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // The workbook reader's panics are contained (the file is named as unreadable); any other
    // panic is a finding, and aborts as libFuzzer's own hook would.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            if !gongshi::ingest::is_workbook_reader_panic(info) {
                eprintln!("{info}");
                std::process::abort();
            }
        }));
    });
    let Some((&kind, bytes)) = data.split_first() else {
        return;
    };
    let name = match kind % 3 {
        0 => "fuzz.xlsx",
        1 => "fuzz.xls",
        _ => "fuzz.ods",
    };
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    if let Ok(tasks) = gongshi::ingest::read_bytes(name, bytes, as_of) {
        for row in &tasks.rows {
            assert_eq!(row.record.is_none(), !row.errors.is_empty());
            if let Some(record) = &row.record {
                assert!(!record.task_id.is_empty());
                assert!(
                    record
                        .slug
                        .bytes()
                        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
                );
                if let (Some(start), Some(end)) = (record.start, record.end) {
                    assert!(start <= end && end <= as_of);
                }
            }
        }
    }
});
