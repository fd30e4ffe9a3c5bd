//! Shared by the integration tests: reading the real data in ../shared/data.
#![allow(dead_code)]

use sozialatlas_core::ingest::csv::{self, RawTable};
use std::path::PathBuf;

/// A file of ../shared/data, or a panic saying that shared/ must sit beside the repository.
pub fn shared(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (shared/ must sit beside the repository)",
            p.display()
        )
    })
}

/// A CSV of the Berlin MSS 2021 folder, read with our reader.
pub fn berlin_table(name: &str) -> RawTable {
    csv::read(name, &shared(&format!("berlin-lor2021-mss2021/{name}"))).unwrap()
}

/// The raw MSS index indicators and, per row, whether the MSS rated the area (KOM "gültig").
pub fn berlin_mss() -> (RawTable, Vec<bool>) {
    let t = berlin_table("mss_2021_index_indikatoren_plr.csv");
    let valid = t
        .column("KOM")
        .unwrap()
        .raw
        .iter()
        .map(|k| k == "gültig")
        .collect();
    (t, valid)
}
