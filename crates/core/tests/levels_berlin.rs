//! Figures and status classes of drawn Sozialräume: Berlin's 143 Bezirksregionen (the first
//! six digits of `PLR_ID`) from the 542 Planungsräume, against an independent recomputation
//! (`fixtures/levels/make_berlin_bzr.py`: population-weighted means of S1, S3, S4, then the MSS
//! status recipe on the Bezirksregionen). Format 1 showed 130 "mittel" and 13 "hoch" here,
//! inverted: the table read the class label of the wrong row.

mod common;

use common::shared;
use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, LoadOptions};
use sozialatlas_core::project::{derive, ClassifyParams, SmallNumbers};
use sozialatlas_core::sozialraum::definition::Definition;
use sozialatlas_core::sozialraum::topology::Topology;
use std::collections::BTreeMap;

#[test]
fn berlin_bezirksregionen_get_the_status_classes_of_the_independent_recomputation() {
    let geo = shared("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson");
    let table = shared("berlin-lor2021-mss2021/mss_2021_index_indikatoren_plr.csv");
    let l = load(
        "Berlin",
        &Input {
            name: "plr.geojson",
            bytes: &geo,
        },
        Some(&Input {
            name: "mss.csv",
            bytes: &table,
        }),
        &LoadOptions::key(Some("PLR_ID")),
    )
    .unwrap();
    let atlas = l.atlas;
    assert_eq!(atlas.population.as_deref(), Some("EW"));
    let catalogue = atlas.indicators.clone();
    let def = Definition::from_prefix("Bezirksregionen", &atlas.units.keys, 6);
    assert_eq!(def.areas.len(), 143);
    let agg = derive::aggregate(&atlas, &catalogue, &def);
    let p = ClassifyParams {
        indicators: vec!["S1".into(), "S3".into(), "S4".into()],
        min_population: Some(300.0),
        ..ClassifyParams::default()
    };
    let table = derive::area_table(
        &atlas,
        &catalogue,
        &def,
        &agg,
        &p,
        0,
        &SmallNumbers::default(),
    );
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("tests/fixtures/levels/berlin_bzr.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let expected: BTreeMap<String, &serde_json::Value> = fixture["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| (r["key"].as_str().unwrap().to_string(), r))
        .collect();
    assert_eq!(table.rows.len(), 143);
    let s1 = catalogue.iter().position(|s| s.id == "S1").unwrap();
    let mut counts: BTreeMap<String, usize> = BTreeMap::new();
    for row in &table.rows {
        let e = expected[&row.name];
        assert_eq!(
            table.label(row),
            e["class"].as_str().unwrap(),
            "{}",
            row.name
        );
        let x = row.index.unwrap();
        assert!(
            (x - e["index"].as_f64().unwrap()).abs() < 1e-9,
            "{}",
            row.name
        );
        let v = row.values[s1].unwrap();
        assert!((v - e["S1"].as_f64().unwrap()).abs() < 1e-9, "{}", row.name);
        assert_eq!(row.population, e["population"].as_f64(), "{}", row.name);
        *counts.entry(table.label(row).to_string()).or_default() += 1;
    }
    let r = table.rows.iter().find(|r| r.name == "081005").unwrap();
    assert_eq!(table.label(r), "sehr niedrig");
    assert_eq!(counts["sehr niedrig"], 13);
    assert_eq!(counts["mittel"], 93);
    // The shares are weighted by population (no numerator and denominator here).
    assert_eq!(table.rules[s1], derive::Aggregation::PopulationWeighted);

    // The analysis views at the level of the definition: the dissolved Sozialräume, keyed by
    // name, get the classes of the table, also where a member's population is suppressed
    // (034008: its sum of inhabitants is unknown, the inhabitants known reach the floor).
    let topo = Topology::build(&atlas.units.geometry);
    let level = derive::dissolved(&atlas, &catalogue, &def, &topo);
    assert_eq!(level.units.len(), 143);
    let status = derive::status_at_level(&atlas, &catalogue, &def, &level, &p, 0);
    let at_level: BTreeMap<&str, &str> = level
        .units
        .keys
        .iter()
        .zip(&status.class)
        .map(|(k, c)| {
            (
                k.as_str(),
                c.map_or("ohne Zuordnung", |c| status.labels[c].as_str()),
            )
        })
        .collect();
    let in_table: BTreeMap<&str, &str> = table
        .rows
        .iter()
        .map(|r| (r.name.as_str(), table.label(r)))
        .collect();
    assert_eq!(at_level, in_table);

    // Compared by result with the 12 Bezirke: the Bezirksregionen of low or very low status
    // and their inhabitants are those of the recomputation.
    let bezirke = Definition::from_prefix("Bezirke", &atlas.units.keys, 2);
    let mut s1_spec = catalogue.iter().find(|s| s.id == "S1").unwrap().clone();
    s1_spec.direction = sozialatlas_core::model::Direction::HighIsDisadvantage;
    let [bzr, bez] = derive::results_compared(
        &atlas,
        &catalogue,
        &p,
        &s1_spec,
        [&def, &bezirke],
        0,
        &SmallNumbers::default(),
    );
    let mut low: Vec<&str> = fixture["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| matches!(r["class"].as_str(), Some("niedrig" | "sehr niedrig")))
        .map(|r| r["key"].as_str().unwrap())
        .collect();
    low.sort_unstable();
    let mut got: Vec<&str> = bzr.low_status.iter().map(String::as_str).collect();
    got.sort_unstable();
    assert_eq!(got, low);
    let people: f64 = fixture["rows"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|r| low.contains(&r["key"].as_str().unwrap()))
        .map(|r| r["population"].as_f64().unwrap_or(0.0))
        .sum();
    assert!(
        (bzr.low_status_population - people).abs() < 1e-6,
        "{} / {people}",
        bzr.low_status_population
    );
    // S1 (unemployment, high is a disadvantage): the Bezirksregionen above the city average.
    assert!(!bzr.unfavourable.is_empty());
    assert!(bzr.unfavourable.contains(&"081005".to_string()));
    let city = sozialatlas_core::stats::city_average(&atlas, &s1_spec, 0)
        .value
        .unwrap();
    let above = table
        .rows
        .iter()
        .filter(|r| r.values[s1].is_some_and(|v| v > city))
        .count();
    assert_eq!(bzr.unfavourable.len(), above);
    assert!(bez.unfavourable.len() < bzr.unfavourable.len());
    assert_eq!(
        level.population(0).unwrap()[level.units.keys.iter().position(|k| k == "034008").unwrap()],
        None
    );
}
