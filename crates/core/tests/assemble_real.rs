//! Building an atlas from the real data in ../shared/data: units, joined values, years,
//! guessed indicators.

use sozialatlas_core::ingest::assemble::{atlas, KeyChoice};
use sozialatlas_core::ingest::join::{JoinOptions, KeyMatch};
use sozialatlas_core::ingest::{csv, geojson, long};
use sozialatlas_core::map::choropleth::Choropleth;
use sozialatlas_core::model::{Direction, IndicatorKind};
use std::path::PathBuf;

fn read(rel: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

/// The atlas of a map layer joined with a table by the given key choice.
fn joined(
    name: &str,
    layer: &geojson::Layer,
    table: &csv::RawTable,
    key: &KeyChoice,
) -> (
    sozialatlas_core::model::Atlas,
    Option<sozialatlas_core::ingest::join::JoinReport>,
) {
    atlas(name, layer.clone(), Some(table), key, &[]).unwrap()
}

#[test]
fn berlin_map_with_mss_table() {
    let layer = geojson::read(
        "plr.geojson",
        &read("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson"),
        None,
    )
    .unwrap();
    let table = csv::read(
        "mss.csv",
        &read("berlin-lor2021-mss2021/mss_2021_index_indikatoren_plr.csv"),
    )
    .unwrap();
    let key = KeyChoice {
        geo: "PLR_ID".into(),
        table: "PLR_ID".into(),
        options: JoinOptions::default(),
    };
    let (a, report) = joined("Berlin", &layer, &table, &key);
    assert_eq!(report.unwrap().matched, 542);
    assert_eq!(a.units.len(), 542);
    assert_eq!(
        a.units.names[0], "Karlshorst Süd",
        "names from the map's PLR_NAME"
    );
    assert_eq!(a.population.as_deref(), Some("EW"));
    let s1 = a.indicators.iter().find(|i| i.id == "S1").unwrap();
    assert_eq!(s1.kind, IndicatorKind::Share);
    // The first feature of the map is PLR 11501341; its S1 must be the table's value for it.
    let row = table
        .column("PLR_ID")
        .unwrap()
        .raw
        .iter()
        .position(|k| k == "11501341")
        .unwrap();
    assert_eq!(
        a.indicator_values(s1, 0)[0],
        table.column("S1").unwrap().numbers().unwrap()[row]
    );
    let map = Choropleth::build(&a, s1, 0, 5);
    assert_eq!(map.classes.len(), 542);
}

#[test]
fn flensburg_long_table_gives_years() {
    let layer = geojson::read(
        "st.geojson",
        &read("flensburg-sozialatlas/flensburg_stadtteile_epsg25832.geojson"),
        None,
    )
    .unwrap();
    let t = csv::read(
        "res.csv",
        &read(
            "flensburg-sozialatlas/tables_long/fl_unemployed_residents_categorized_by_district.csv",
        ),
    )
    .unwrap();
    let (wide, _) = long::pivot(&t, &long::detect(&t, "district_id").unwrap()).unwrap();
    let key = KeyChoice {
        geo: "AREA_ID".into(),
        table: "district_id".into(),
        options: JoinOptions {
            matching: KeyMatch::DigitsOnly,
        },
    };
    let (a, report) = joined("Flensburg", &layer, &wide, &key);
    assert_eq!(report.unwrap().matched, 13);
    assert_eq!(a.years, vec![2021, 2022]);
    let share = a
        .indicators
        .iter()
        .find(|i| i.id == "percentage_of_total")
        .unwrap();
    assert_eq!(share.kind, IndicatorKind::Share);
    assert_eq!(a.years_of(share), vec![2021, 2022]);
    assert!(a.indicator_values(share, 2022).iter().all(Option::is_some));
    assert_ne!(
        a.indicator_values(share, 2021),
        a.indicator_values(share, 2022)
    );
}

#[test]
fn hamburg_shares_and_directions_are_guessed() {
    let layer = geojson::read(
        "hh.geojson",
        &read("hamburg-stadtteilprofile-2024/hamburg_stadtteile_99_wgs84.geojson"),
        None,
    )
    .unwrap();
    let table = csv::read(
        "hh.csv",
        &read("hamburg-stadtteilprofile-2024/hamburg_stadtteilprofile_2024_flat.csv"),
    )
    .unwrap();
    let key = KeyChoice {
        geo: "name".into(),
        table: "name".into(),
        options: JoinOptions::default(),
    };
    let (a, _) = joined("Hamburg", &layer, &table, &key);
    assert_eq!(a.units.crs.unwrap().epsg, 25832);
    let alq = a
        .indicators
        .iter()
        .find(|i| i.id == "arbeitslose_pct")
        .unwrap();
    assert_eq!(
        (alq.kind, alq.direction),
        (IndicatorKind::Share, Direction::HighIsDisadvantage)
    );
    assert_eq!(a.population.as_deref(), Some("bevoelkerung"));
    // Suppressed cells stay missing.
    let values = a.indicator_values(alq, 0);
    assert!(
        values.iter().any(Option::is_none) && values.iter().filter(|v| v.is_some()).count() > 80
    );
}
