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
        "geojson::read {:?} ({} features, properties included)",
        s.elapsed(),
        layer.features.len()
    );
    let s = Instant::now();
    let raw = csv::read("t", &t).unwrap();
    println!("csv::read {:?} ({} rows)", s.elapsed(), raw.rows());
    let s = Instant::now();
    let (table, _) = inspect::prepare_table(raw, key).unwrap();
    println!("prepare_table {:?}", s.elapsed());
    let s = Instant::now();
    let chosen = inspect::choose_key(&layer.properties, &table, key)
        .unwrap()
        .unwrap();
    println!("choose_key {:?}", s.elapsed());
    let s = Instant::now();
    let choice = KeyChoice {
        geo: chosen.geo.clone(),
        table: chosen.table.clone(),
        options: JoinOptions {
            matching: chosen.matching,
        },
    };
    assemble::atlas("m", layer, Some(&table), &choice, &csv::MISSING_CODES).unwrap();
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
    // The worker's transfer to the page: encoded there, the head and the parts decoded here.
    use sozialatlas_core::project::transfer::{encode, Assembly, Opened, UNITS_PER_PART};
    let s = Instant::now();
    let opened = Opened {
        atlas: l.atlas,
        ..Opened::default()
    };
    let (head, parts) = encode(opened, UNITS_PER_PART);
    println!(
        "transfer::encode {:?} (head {} bytes)",
        s.elapsed(),
        head.len()
    );
    let s = Instant::now();
    let mut a = Assembly::start(&head).unwrap();
    println!("Assembly::start {:?}", s.elapsed());
    let s = Instant::now();
    let (mut slowest, count) = (std::time::Duration::ZERO, parts.len());
    for p in &parts {
        let one = Instant::now();
        a.add(p).unwrap();
        slowest = slowest.max(one.elapsed());
    }
    println!(
        "Assembly::add {:?} ({count} parts, slowest {slowest:?})",
        s.elapsed()
    );
    // The app's large load: map and table read side by side, the table sent as bytes.
    use sozialatlas_core::ingest::load::{finish, read_map, read_table, LoadOptions, TableRead};
    use sozialatlas_core::project::transfer::{from_bytes, to_bytes};
    let opts = LoadOptions::key(key);
    let s = Instant::now();
    let map = read_map(
        &Input {
            name: "m.geojson",
            bytes: &g,
        },
        &opts,
    )
    .unwrap();
    println!("load::read_map {:?}", s.elapsed());
    let s = Instant::now();
    let table = read_table(
        &Input {
            name: "t.csv",
            bytes: &t,
        },
        &opts,
    )
    .unwrap();
    println!("load::read_table {:?}", s.elapsed());
    let s = Instant::now();
    let bytes = to_bytes(&table);
    println!(
        "TableRead to bytes {:?} ({} bytes)",
        s.elapsed(),
        bytes.len()
    );
    let s = Instant::now();
    let table: TableRead = from_bytes(&bytes, 0).unwrap();
    println!("TableRead from bytes {:?}", s.elapsed());
    let s = Instant::now();
    finish("m", map, Some(table), &opts).unwrap();
    println!("load::finish {:?}", s.elapsed());
}
