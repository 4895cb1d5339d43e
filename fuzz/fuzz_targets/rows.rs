//! Row decoding and validation: any bytes as a task ledger. Every row read must end up either
//! as a trusted record or with at least one error, and published text must hold no control
//! characters.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|bytes: &[u8]| {
    let as_of = chrono::NaiveDate::from_ymd_opt(2025, 12, 31).unwrap();
    if let Ok(tasks) = gongshi::ingest::read_bytes("fuzz.csv", bytes, as_of) {
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
                for text in [
                    &record.entity,
                    &record.result,
                    &record.handling,
                    &record.matter,
                ] {
                    assert!(
                        !text
                            .chars()
                            .any(|c| c.is_control() && c != '\n' && c != '\t')
                    );
                }
                if let (Some(start), Some(end)) = (record.start, record.end) {
                    assert!(start <= end && end <= as_of);
                }
            }
        }
    }
});
