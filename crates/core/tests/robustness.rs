//! Seeded random mutations of realistic files through every reader: errors are fine, panics are
//! bugs. Runs in the normal suite; `fuzz/` holds the coverage-guided cargo-fuzz targets.

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sozialatlas_core::ingest::inspect::{self, Input};
use sozialatlas_core::ingest::load::{load, LoadOptions};
use sozialatlas_core::ingest::{csv, geojson};
use sozialatlas_core::{demo, export};

const SPECIAL: &[&[u8]] = &[
    b";",
    b",",
    b"\t",
    b"\"",
    b"\n",
    b"\r\n",
    b"\xEF\xBB\xBF",
    b"\xFF\xFE",
    b"1.234,5",
    b"-",
    b".",
    b"x",
    b"NaN",
    b"1e999",
    b"[",
    b"]",
    b"{",
    b"}",
    b"null",
    b"\"crs\"",
    b"-9999",
    b"\xC3",
    b"\x00",
    b"2024",
];

fn mutate(rng: &mut ChaCha8Rng, base: &[u8]) -> Vec<u8> {
    let mut v = base.to_vec();
    for _ in 0..rng.random_range(1..6) {
        if v.is_empty() {
            v.extend_from_slice(SPECIAL[rng.random_range(0..SPECIAL.len())]);
            continue;
        }
        let at = rng.random_range(0..v.len());
        match rng.random_range(0..5) {
            0 => v.truncate(at),
            1 => v[at] = rng.random(),
            2 => {
                let s = SPECIAL[rng.random_range(0..SPECIAL.len())];
                v.splice(at..at, s.iter().copied());
            }
            3 => {
                let end = (at + rng.random_range(1..64)).min(v.len());
                v.drain(at..end);
            }
            _ => {
                let end = (at + rng.random_range(1..64)).min(v.len());
                let chunk: Vec<u8> = v[at..end].to_vec();
                v.splice(at..at, chunk);
            }
        }
    }
    v
}

#[test]
fn mutated_tables_and_maps_never_panic_the_readers() {
    let atlas = demo::musterstadt();
    let geo = export::geojson(&atlas, demo::KEY_COLUMN)
        .to_string()
        .into_bytes();
    let table = export::csv(&atlas, demo::KEY_COLUMN, export::CsvStyle::ExcelDe).into_bytes();
    let long = b"Schl\xfcssel;Jahr;Indikator;Wert\n0101;2023;SGB2;12,5\n0101;2024;SGB2;13\n0102;2023;SGB2;.\n".to_vec();
    // Small inputs: the mutations are many, the readers run in debug mode.
    let small_geo: Vec<u8> = String::from_utf8_lossy(&geo)
        .chars()
        .take(6000)
        .collect::<String>()
        .into_bytes();
    let mut rng = ChaCha8Rng::seed_from_u64(2026);
    let mut outcomes = (0, 0);
    for round in 0..1500 {
        let t = mutate(&mut rng, if round % 2 == 0 { &table } else { &long });
        match csv::read("m.csv", &t) {
            Ok(raw) => {
                outcomes.0 += 1;
                let _ = inspect::prepare_table(raw, None);
            }
            Err(e) => {
                outcomes.1 += 1;
                assert!(
                    e.message(sozialatlas_core::locale::Lang::De)
                        .starts_with("m.csv"),
                    "{e:?}"
                );
            }
        }
        let g = mutate(&mut rng, &small_geo);
        if let Ok(l) = geojson::read("m.geojson", &g, None) {
            assert_eq!(l.properties.rows(), l.features.len());
        }
        if round % 50 == 0 {
            let g = mutate(&mut rng, &geo);
            let _ = load(
                "m",
                &Input {
                    name: "m.geojson",
                    bytes: &g,
                },
                Some(&Input {
                    name: "m.csv",
                    bytes: &t,
                }),
                &LoadOptions::default(),
            );
        }
    }
    // The mutations must exercise both paths, or the test proves little.
    assert!(outcomes.0 > 100 && outcomes.1 > 10, "{outcomes:?}");
}
