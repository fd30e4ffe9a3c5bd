//! Times `ingest::load` step by step on a map and a table: `cargo run --release -p
//! sozialatlas-core --example load_time -- MAP TABLE KEY` (for profiling large inputs).
use sozialatlas_core::ingest::{csv, geojson, inspect::Input, load::load};
use std::time::Instant;

fn main() {
    let a: Vec<String> = std::env::args().collect();
    let (g, t) = (std::fs::read(&a[1]).unwrap(), std::fs::read(&a[2]).unwrap());
    let s = Instant::now();
    let layer = geojson::read("m", &g, None).unwrap();
    println!(
        "geojson::read {:?} ({} features)",
        s.elapsed(),
        layer.features.len()
    );
    let s = Instant::now();
    let table = csv::read("t", &t).unwrap();
    println!("csv::read {:?} ({} rows)", s.elapsed(), table.rows());
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
        a.get(3).map(String::as_str),
        None,
        None,
    )
    .unwrap();
    println!("load {:?} ({} units)", s.elapsed(), l.atlas.units.len());
}
