//! Facilities and the Zensus grid against an independent reference
//! (`fixtures/facilities/make_facilities.py`: shapely point in polygon, pyproj):
//! 1,500 seeded random facilities over Berlin's 542 Planungsräume (CSV in lat/lon with decimal
//! commas, and GeoJSON), counted per Planungsraum and per Bezirksregion; a synthetic Zensus grid
//! streamed onto Berlin and onto the demo town.

mod common;

use common::shared;
use serde_json::Value;
use sozialatlas_core::facilities::{self, grid, read, PointSettings};
use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, LoadOptions};
use sozialatlas_core::map::index::HitIndex;
use sozialatlas_core::model::Atlas;
use sozialatlas_core::project::derive;
use sozialatlas_core::sozialraum::definition::Definition;
use std::path::PathBuf;

fn fixture(name: &str) -> Vec<u8> {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/facilities")
        .join(name);
    std::fs::read(p).unwrap()
}

fn expected() -> Value {
    serde_json::from_slice(&fixture("facilities_expected.json")).unwrap()
}

fn berlin() -> Atlas {
    let g = shared("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson");
    let t = shared("berlin-lor2021-mss2021/mss_2021_index_indikatoren_plr.csv");
    load(
        "Berlin",
        &Input {
            name: "plr.geojson",
            bytes: &g,
        },
        Some(&Input {
            name: "mss.csv",
            bytes: &t,
        }),
        &LoadOptions::key(Some("PLR_ID")),
    )
    .unwrap()
    .atlas
}

const CATS: [&str; 5] = [
    "Kita",
    "Grundschule",
    "Jugendzentrum",
    "Beratungsstelle",
    "Familienzentrum",
];

fn check_berlin_points(file: &str) {
    let mut atlas = berlin();
    let index = HitIndex::build(&atlas.units.geometry);
    let layer = read::read(
        file,
        &fixture(file),
        &PointSettings::default(),
        facilities::target(&atlas.units),
    )
    .unwrap();
    assert_eq!(layer.points.len(), 1500);
    assert_eq!(layer.source_crs.epsg, 4326);
    assert_eq!(layer.settings.category.as_deref(), Some("Kategorie"));
    assert_eq!(layer.settings.capacity.as_deref(), Some("Plätze"));
    let placed = facilities::place(&mut atlas, &index, layer, None);
    let e = expected();
    let f = &e["facilities"];
    assert_eq!(
        placed.tally.outside.len() as u64,
        f["outside"].as_u64().unwrap()
    );
    let plr = f["plr"].as_object().unwrap();
    for (u, key) in atlas.units.keys.iter().enumerate() {
        let want = &plr[key];
        assert_eq!(
            placed.tally.count[u],
            want["count"].as_f64().unwrap(),
            "{file} {key}"
        );
        let cap = placed.tally.capacity.as_ref().unwrap();
        assert_eq!(
            cap[u],
            want["places"].as_f64().unwrap(),
            "{file} {key} places"
        );
        for (k, cat) in placed.layer.categories.iter().enumerate() {
            assert_eq!(
                placed.tally.by_category[k][u],
                want[cat.as_str()].as_f64().unwrap(),
                "{key} {cat}"
            );
        }
    }
    assert_eq!(placed.layer.categories.len(), CATS.len());
    assert!(placed
        .outside_message(sozialatlas_core::locale::Lang::De)
        .unwrap()
        .contains("785 von 1500"));
    // Per Bezirksregion: the columns added are counts, summed by the level's aggregation.
    let def = Definition::from_prefix("Bezirksregionen", &atlas.units.keys, 6);
    let level = derive::level_figures(&atlas, &atlas.indicators, &def);
    let bzr = f["bzr"].as_object().unwrap();
    let year = atlas.years.last().copied().unwrap_or(0);
    let counts = level.numbers(&placed.columns.count, year).unwrap();
    let places = level
        .numbers(placed.columns.capacity.as_ref().unwrap(), year)
        .unwrap();
    assert_eq!(level.units.len(), bzr.len());
    for (a, key) in level.units.keys.iter().enumerate() {
        assert_eq!(counts[a], bzr[key]["count"].as_f64(), "BZR {key}");
        assert_eq!(places[a], bzr[key]["places"].as_f64(), "BZR {key}");
    }
}

#[test]
fn berlin_facilities_from_csv_in_lat_lon_with_decimal_commas_match_shapely() {
    check_berlin_points("berlin_facilities.csv");
}

#[test]
fn berlin_facilities_from_geojson_match_shapely() {
    check_berlin_points("berlin_facilities.geojson");
}

fn grid_file(box_: [i64; 4], far: bool) -> Vec<u8> {
    sozialatlas_core::demo::zensus_grid(box_, far).into_bytes()
}

fn check_grid(atlas: &Atlas, bytes: &[u8], want: &Value) {
    let index = HitIndex::build(&atlas.units.geometry);
    let mut last = grid::GridProgress::default();
    let res = grid::read_stream(
        "zensus.csv",
        std::io::Cursor::new(bytes),
        &atlas.units.geometry,
        &index,
        atlas.units.crs,
        &[],
        |p| last = p,
    )
    .unwrap();
    assert_eq!(last.bytes, bytes.len() as u64);
    assert_eq!(res.columns, vec!["Einwohner".to_string()]);
    let want = want.as_object().unwrap();
    let mut withheld = 0;
    for (u, key) in atlas.units.keys.iter().enumerate() {
        let w = &want[key];
        assert_eq!(res.sums[0][u], w["einwohner"].as_f64().unwrap(), "{key}");
        assert_eq!(
            res.withheld[0][u] as u64,
            w["withheld"].as_u64().unwrap(),
            "{key}"
        );
        assert_eq!(res.cells[u], w["cells"].as_f64().unwrap(), "{key}");
        withheld += res.withheld[0][u];
    }
    assert!(withheld > 0);
    assert!(res.warnings.iter().any(|w| w.de.contains("nicht als null")));
    // Added to the atlas as a count and its withheld cells.
    let mut a = atlas.clone();
    let cols = facilities::supply::add_grid(&mut a, "Zensus 2022", &res);
    assert_eq!(cols.sums[0].1, "zensus_2022_einwohner");
    assert!(a.table.column("zensus_2022_einwohner_geheim").is_some());
    assert!(a
        .indicators
        .iter()
        .any(|i| i.id == "zensus_2022_einwohner" && i.note.contains("geheim")));
}

#[test]
fn a_zensus_grid_streamed_onto_berlin_equals_the_cell_centre_sums() {
    let atlas = berlin();
    let bytes = grid_file([4_530_000, 3_250_000, 4_577_000, 3_293_000], true);
    check_grid(&atlas, &bytes, &expected()["grid_berlin"]);
}

#[test]
fn a_zensus_grid_streamed_onto_the_demo_town_equals_the_cell_centre_sums() {
    let atlas = sozialatlas_core::demo::musterstadt();
    let bytes = grid_file(sozialatlas_core::demo::ZENSUS_BOX, true);
    check_grid(&atlas, &bytes, &expected()["grid_demo"]);
}
