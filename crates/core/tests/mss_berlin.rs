//! Reproduces the official Berlin MSS 2021 classes (../shared/data/berlin-lor2021-mss2021,
//! SOURCE.md) from the raw shares, read with our own CSV reader.

mod common;
use sozialatlas_core::ingest::csv::RawTable;
use sozialatlas_core::stats::index::{combined, composite, Thresholds};
use sozialatlas_core::stats::zscore::Deviation;
use std::collections::HashMap;

fn table(name: &str) -> RawTable {
    common::berlin_table(name)
}

fn numbers(t: &RawTable, col: &str) -> Vec<Option<f64>> {
    t.column(col)
        .unwrap()
        .numbers()
        .unwrap_or_else(|| panic!("{col} numeric"))
        .to_vec()
}

struct Berlin {
    keys: Vec<String>,
    raw: RawTable,
    include: Vec<bool>,
    official: HashMap<String, (String, String)>,
}

fn berlin() -> Berlin {
    let raw = table("mss_2021_index_indikatoren_plr.csv");
    let keys = raw.column("PLR_ID").unwrap().raw.to_vec();
    // The MSS leaves out areas under 300 inhabitants and one outlier: column KOM.
    let include: Vec<bool> = raw
        .column("KOM")
        .unwrap()
        .raw
        .iter()
        .map(|k| k == "gültig")
        .collect();
    assert_eq!(include.iter().filter(|i| **i).count(), 536);
    let idx = table("mss_2021_indizes_plr.csv");
    let ik = &idx.column("PLR_ID").unwrap().raw;
    let si = &idx.column("SI_V").unwrap().raw;
    let di = &idx.column("DI_V").unwrap().raw;
    let official = (0..ik.len())
        .map(|i| (ik[i].to_string(), (si[i].to_string(), di[i].to_string())))
        .collect();
    Berlin {
        keys,
        raw,
        include,
        official,
    }
}

#[test]
fn status_index_reproduces_all_536_official_classes() {
    let b = berlin();
    let ind: Vec<Vec<Option<f64>>> = ["S1", "S3", "S4"]
        .iter()
        .map(|c| numbers(&b.raw, c))
        .collect();
    let r = composite(
        &ind,
        &[true; 3],
        &b.include,
        &Thresholds::mss_status(),
        Deviation::Population,
    );
    let mut counts: HashMap<&str, usize> = HashMap::new();
    let mut mismatches = vec![];
    for (i, key) in b.keys.iter().enumerate() {
        let ours = r.label(i);
        *counts.entry(ours).or_default() += 1;
        let (official, _) = &b.official[key];
        let official = if official.starts_with("Planungsraum ohne") {
            "ohne Zuordnung"
        } else {
            official.as_str()
        };
        if ours != official {
            mismatches.push(format!("{key}: {ours} vs {official}"));
        }
    }
    assert!(
        mismatches.is_empty(),
        "{} mismatches: {:?}",
        mismatches.len(),
        &mismatches[..mismatches.len().min(10)]
    );
    // SOURCE.md: hoch 75, mittel 366, niedrig 46, sehr niedrig 49, ohne Zuordnung 6.
    assert_eq!(counts["hoch"], 75);
    assert_eq!(counts["mittel"], 366);
    assert_eq!(counts["niedrig"], 46);
    assert_eq!(counts["sehr niedrig"], 49);
    assert_eq!(counts["ohne Zuordnung"], 6);
}

#[test]
fn dynamic_index_reproduces_all_536_official_classes() {
    let b = berlin();
    let ind: Vec<Vec<Option<f64>>> = ["D1", "D3", "D4"]
        .iter()
        .map(|c| numbers(&b.raw, c))
        .collect();
    let r = composite(
        &ind,
        &[true; 3],
        &b.include,
        &Thresholds::mss_dynamic(),
        Deviation::Population,
    );
    let mut mismatches = 0;
    let mut counts: HashMap<&str, usize> = HashMap::new();
    for (i, key) in b.keys.iter().enumerate() {
        let (_, official) = &b.official[key];
        let official = if official.contains("ohne Zuordnung") {
            "ohne Zuordnung"
        } else {
            official.as_str()
        };
        *counts.entry(r.label(i)).or_default() += 1;
        if r.label(i) != official {
            mismatches += 1;
        }
    }
    assert_eq!(mismatches, 0);
    assert_eq!(
        (counts["positiv"], counts["stabil"], counts["negativ"]),
        (48, 436, 52)
    );
}

#[test]
fn z_values_match_the_published_table_within_rounding() {
    let b = berlin();
    let ind: Vec<Vec<Option<f64>>> = ["S1", "S3", "S4"]
        .iter()
        .map(|c| numbers(&b.raw, c))
        .collect();
    let r = composite(
        &ind,
        &[true; 3],
        &b.include,
        &Thresholds::mss_status(),
        Deviation::Population,
    );
    let z = table("mss_2021_index-indikatoren_z-werte_plr.csv");
    let zk = &z.column("PLR-ID").unwrap().raw;
    let published: Vec<Vec<Option<f64>>> = [
        "zS1",
        "zS3",
        "zS4",
        "Status-Index (standardisierte Statussumme)",
    ]
    .iter()
    .map(|c| numbers(&z, c))
    .collect();
    let row: HashMap<&str, usize> = zk.iter().enumerate().map(|(i, k)| (k, i)).collect();
    let mut compared = 0;
    for (i, key) in b.keys.iter().enumerate() {
        let j = row[key.as_str()];
        let ours = [r.z[0][i], r.z[1][i], r.z[2][i], r.index[i]];
        for (o, p) in ours.iter().zip(&published) {
            match (o, p[j]) {
                (Some(o), Some(p)) => {
                    // Published values are rounded to two decimals.
                    assert!((o - p).abs() <= 0.005 + 1e-9, "{key}: {o} vs {p}");
                    compared += 1;
                }
                (None, None) => {}
                other => panic!("{key}: {other:?}"),
            }
        }
    }
    assert_eq!(compared, 536 * 4);
}

#[test]
fn combined_grid_reproduces_the_official_status_dynamic_types() {
    let b = berlin();
    let s: Vec<Vec<Option<f64>>> = ["S1", "S3", "S4"]
        .iter()
        .map(|c| numbers(&b.raw, c))
        .collect();
    let d: Vec<Vec<Option<f64>>> = ["D1", "D3", "D4"]
        .iter()
        .map(|c| numbers(&b.raw, c))
        .collect();
    let status = composite(
        &s,
        &[true; 3],
        &b.include,
        &Thresholds::mss_status(),
        Deviation::Population,
    );
    let dynamic = composite(
        &d,
        &[true; 3],
        &b.include,
        &Thresholds::mss_dynamic(),
        Deviation::Population,
    );
    let grid = combined(&status, &dynamic);
    let idx = table("mss_2021_indizes_plr.csv");
    let keys = &idx.column("PLR_ID").unwrap().raw;
    // Official: "Status mittel , Dynamik negativ" (note the space before the comma).
    let official: HashMap<&str, String> = keys
        .iter()
        .zip(&idx.column("SDI_V").unwrap().raw)
        .map(|(k, v)| (k, v.replace(" ,", ",")))
        .collect();
    let mut cells = std::collections::BTreeSet::new();
    for (i, key) in b.keys.iter().enumerate() {
        match &grid[i] {
            Some(c) => {
                assert_eq!(c.label, official[key.as_str()], "{key}");
                cells.insert((c.status, c.dynamic));
            }
            None => assert!(!b.include[i], "{key} has no type only when excluded"),
        }
    }
    assert_eq!(
        cells.len(),
        12,
        "all 12 types of the 4 x 3 grid occur in Berlin"
    );
}
