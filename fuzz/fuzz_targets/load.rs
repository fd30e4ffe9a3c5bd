//! Any bytes split into a map and a table: the whole load step never panics.
#![no_main]
use libfuzzer_sys::fuzz_target;
use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, LoadOptions};

fuzz_target!(|data: &[u8]| {
    let cut = data.first().map_or(0, |b| *b as usize * data.len() / 256);
    let (geo, table) = data.split_at(cut.min(data.len()));
    let _ = load(
        "fuzz",
        &Input {
            name: "fuzz.geojson",
            bytes: geo,
        },
        Some(&Input {
            name: "fuzz.csv",
            bytes: table,
        }),
        &LoadOptions::default(),
    );
});
