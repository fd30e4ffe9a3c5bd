//! Times `ingest::load`'s stages on a map and a table: `cargo run --release -p sozialatlas-core
//! --example load_time -- MAP TABLE KEY` (for profiling large inputs). Prints one line per stage
//! and the whole `load` call.
use sozialatlas_core::ingest::{
    assemble::{self, KeyChoice},
    csv, geojson,
    inspect::{self, Input},
    join::JoinOptions,
    load::load,
};
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (g, t) = (std::fs::read(&a[1]).unwrap(), std::fs::read(&a[2]).unwrap());
    let key = a.get(3).map(String::as_str);
    let s = Instant::now();
    let layer = geojson::read("m", &g, None).unwrap();
    println!(
        "geojson::read {:?} ({} features)",
        s.elapsed(),
        layer.features.len()
    );
    let s = Instant::now();
    let props = geojson::properties_table(&layer);
    println!("properties_table {:?}", s.elapsed());
    let s = Instant::now();
    let raw = csv::read("t", &t).unwrap();
    println!("csv::read {:?} ({} rows)", s.elapsed(), raw.rows());
    let s = Instant::now();
    let (table, _) = inspect::prepare_table(raw, key).unwrap();
    println!("prepare_table {:?}", s.elapsed());
    let s = Instant::now();
    let chosen = inspect::choose_key(&props, &table, key).unwrap().unwrap();
    println!("choose_key {:?}", s.elapsed());
    let s = Instant::now();
    let choice = KeyChoice {
        geo: chosen.geo.clone(),
        table: chosen.table.clone(),
        options: JoinOptions {
            matching: chosen.matching,
        },
    };
    assemble::atlas(
        "m",
        &layer,
        &props,
        Some(&table),
        &choice,
        &csv::MISSING_CODES,
    )
    .unwrap();
    println!("assemble::atlas {:?}", s.elapsed());
    let s = Instant::now();
    let l = load(
        "m",
        &Input {
            name: "m.geojson",
            bytes: &g,
        },
        Some(&Input {
            name: "t.csv",
            bytes: &t,
        }),
        &sozialatlas_core::ingest::load::LoadOptions::key(key),
    )
    .unwrap();
    println!("load {:?} ({} units)", s.elapsed(), l.atlas.units.len());
}
