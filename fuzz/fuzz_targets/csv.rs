//! Any bytes as a CSV table: reading, long-to-wide reshaping and key suggestions never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sozialatlas_core::ingest::{csv, inspect, long};

fuzz_target!(|data: &[u8]| {
    if let Ok(t) = csv::read("fuzz.csv", data) {
        if let Ok((wide, _)) = inspect::prepare_table(t.clone(), None) {
            let _ = wide.rows();
        }
        if let Some(first) = t.columns.first() {
            if let Some(layout) = long::detect(&t, &first.name) {
                let _ = long::pivot(&t, &layout);
            }
        }
    }
});
