//! Time series on a real long table: Flensburg's unemployed residents per Stadtteil, 2017 to
//! 2022 (one row per year and district). The series has every year of the table with the
//! table's own numbers (read here by splitting the CSV lines, not by our reader), the city line
//! is the mean per Stadtteil (a count), and the change from the first to the last year is in
//! percent.

mod common;

use common::shared;
use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, LoadOptions};
use sozialatlas_core::project::{derive, SmallNumbers};
use sozialatlas_core::sozialraum::definition::Definition;
use std::collections::BTreeMap;

const TABLE: &str = "flensburg-sozialatlas/tables_long/fl_unemployed_residents_by_district.csv";

#[test]
fn flensburg_unemployed_2017_to_2022_per_stadtteil_and_city() {
    let geo = shared("flensburg-sozialatlas/flensburg_stadtteile_epsg25832.geojson");
    let table = shared(TABLE);
    let l = load(
        "Flensburg",
        &Input {
            name: "stadtteile.geojson",
            bytes: &geo,
        },
        Some(&Input {
            name: "arbeitslose.csv",
            bytes: &table,
        }),
        &LoadOptions::default(),
    )
    .unwrap();
    let atlas = l.atlas;
    assert_eq!(atlas.years, vec![2017, 2018, 2019, 2020, 2021, 2022]);
    let spec = atlas
        .indicators
        .iter()
        .find(|s| s.id == "residents")
        .unwrap()
        .clone();
    // The table's numbers by district id and year.
    let text = String::from_utf8(table).unwrap();
    let mut rows: BTreeMap<(u32, i32), f64> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        rows.insert(
            (f[1].parse().unwrap(), f[0].parse().unwrap()),
            f[2].parse().unwrap(),
        );
    }
    let rule = SmallNumbers::default();
    for (u, key) in atlas.units.keys.iter().enumerate() {
        let id: u32 = key.trim_start_matches("STGT").parse().unwrap();
        let withheld = derive::withheld(&atlas, &atlas.indicators, &rule);
        let s = derive::series(&atlas, &spec, u, &withheld, None);
        assert_eq!(s.years, atlas.years);
        for (i, y) in s.years.iter().enumerate() {
            assert_eq!(s.area.values[i], Some(rows[&(id, *y)]), "{key} {y}");
            let n = atlas.units.len() as f64;
            let mean: f64 = (1..=13).map(|d| rows[&(d, *y)]).sum::<f64>() / n;
            assert!((s.city.values[i].unwrap() - mean).abs() < 1e-9, "{y}");
        }
        let c = s.change(&s.area, 2017, 2022).unwrap();
        let (a, b) = (rows[&(id, 2017)], rows[&(id, 2022)]);
        assert!((c.percent.unwrap() - (b - a) / a * 100.0).abs() < 1e-9);
        assert!(s
            .change_text(&c, sozialatlas_core::locale::NumberStyle::German)
            .ends_with(" %"));
    }
    // With a coarser level (the Stadtteile in two halves): the half's sum per year.
    let mut def = Definition::from_prefix("Hälften", &atlas.units.keys, 5);
    let half: Vec<Option<u32>> = atlas
        .units
        .keys
        .iter()
        .map(|k| {
            Some(u32::from(
                k.trim_start_matches("STGT").parse::<u32>().unwrap() > 6,
            ))
        })
        .collect();
    def.assign = half;
    def.areas.truncate(2);
    def.areas[0].name = "Süd".into();
    def.areas[1].name = "Nord".into();
    let u = atlas.units.keys.iter().position(|k| k == "STGT03").unwrap();
    let withheld = derive::withheld(&atlas, &atlas.indicators, &rule);
    let level = derive::coarser_level(&atlas, &atlas.indicators, &def, &rule);
    let s = derive::series(&atlas, &spec, u, &withheld, Some((&level, &[u])));
    let coarser = s.coarser.unwrap();
    assert_eq!(coarser.name, "Süd");
    for (i, y) in s.years.iter().enumerate() {
        let sum: f64 = (1..=6).map(|d| rows[&(d, *y)]).sum();
        assert_eq!(coarser.values[i], Some(sum), "{y}");
    }
}
