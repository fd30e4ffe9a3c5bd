//! Any bytes as an Excel workbook: opening, sheet choice and table reading never panic.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sozialatlas_core::ingest::xlsx;

fuzz_target!(|data: &[u8]| {
    let _ = xlsx::sheets("fuzz.xlsx", data);
    let _ = xlsx::read("fuzz.xlsx", data, None);
});
