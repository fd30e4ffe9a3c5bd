//! The corpus of real-world flaws (`fixtures/corpus/`, made by `make_corpus.py` in the shape of
//! files planners receive): each case loads with what the user must be told, or is refused with
//! a message naming the file and what to do. Nothing panics, nothing is silently guessed.

mod common;

use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, LoadOptions, Loaded};
use sozialatlas_core::ingest::IngestError;
use sozialatlas_core::locale::Lang;
use sozialatlas_core::model::IndicatorKind;
use sozialatlas_core::project::{derive, ClassifyParams};
use sozialatlas_core::sozialraum::start::{self, Start};
use sozialatlas_core::sozialraum::topology::Topology;

fn corpus(name: &str) -> Vec<u8> {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/corpus")
        .join(name);
    std::fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn open(map: &str, table: Option<&str>) -> Result<Loaded, IngestError> {
    let geo = corpus(map);
    let tab = table.map(corpus);
    load(
        "Stadt",
        &Input {
            name: map,
            bytes: &geo,
        },
        tab.as_ref()
            .zip(table)
            .map(|(b, n)| Input { name: n, bytes: b })
            .as_ref(),
        &LoadOptions::default(),
    )
}

fn warnings(l: &Loaded) -> String {
    l.warnings
        .iter()
        .map(|w| w.message(Lang::De))
        .collect::<Vec<_>>()
        .join("\n")
}

#[test]
fn districts_in_wgs84_take_the_text_key_names_and_kinds() {
    let l = open("districts_wgs84.geojson", None).unwrap();
    assert_eq!(
        l.report.map_key, "unbeznr",
        "the text key, not the row number"
    );
    assert_eq!(l.atlas.units.names[10], "Nordstraße 11");
    assert!(warnings(&l).contains("60 Flächen überschnitten sich selbst und wurden repariert"));
    let kind = |id: &str| {
        l.atlas
            .indicators
            .iter()
            .find(|i| i.id == id)
            .map(|i| (i.kind, i.unit.clone()))
    };
    assert_eq!(kind("Nummer"), None, "the row number is no indicator");
    assert_eq!(kind("sgb2_quote"), Some((IndicatorKind::Share, "%".into())));
    assert_eq!(
        kind("alter_durchschnitt"),
        Some((IndicatorKind::Mean, String::new()))
    );
    assert_eq!(
        kind("ew_je_ha"),
        Some((IndicatorKind::Density, String::new()))
    );
}

#[test]
fn a_windows_1252_table_joins_on_the_key_not_on_the_row_number() {
    let l = open("districts_wgs84.geojson", Some("table_cp1252.csv")).unwrap();
    assert_eq!(
        (l.report.map_key.as_str(), l.report.table_key.as_deref()),
        ("unbeznr", Some("unbeznr"))
    );
    assert_eq!(l.report.join.as_ref().unwrap().matched, 170);
    assert!(l.atlas.indicators.iter().all(|i| i.id != "lfd"));
    let names = l.atlas.table.column("Bezirk").unwrap();
    let sozialatlas_core::model::ColumnValues::Text(v) = &names.values else {
        panic!("names are text")
    };
    assert_eq!(v[1].as_deref(), Some("Südstraße 2"));
    assert!(l.report.summary(Lang::De).contains("170 von 170 Gebieten"));
}

#[test]
fn keys_that_match_only_by_dropping_letters_for_three_areas_are_no_join() {
    let e = open("districts_wgs84.geojson", Some("table_x_keys.csv")).unwrap_err();
    let m = e.message(Lang::De);
    assert!(
        matches!(&e, IngestError::WeakKeyMatch(w) if w.matched == 3 && w.units == 170),
        "{m}"
    );
    assert!(
        m.contains("table_x_keys.csv") && m.contains("3 von 170"),
        "{m}"
    );
    assert!(e.message(Lang::En).contains("3 of 170 areas"));
}

#[test]
fn a_stray_byte_is_reported_by_line_and_the_rest_stays_utf8() {
    let l = open("districts_wgs84.geojson", Some("utf8_stray_byte.csv")).unwrap();
    assert!(l.atlas.table.column("Straße").is_some(), "not „StraÃŸe“");
    let w = warnings(&l);
    assert!(w.contains("Zeile 202") && w.contains("kein UTF-8"), "{w}");
}

#[test]
fn a_number_column_with_odd_cells_stays_numeric_and_names_them() {
    let l = open("districts_wgs84.geojson", Some("numbers_odd_cells.csv")).unwrap();
    let v = l.atlas.table.numbers("sgb2_quote").unwrap();
    assert_eq!(v.iter().flatten().count(), 37);
    assert!(v.iter().flatten().all(|x| x.is_finite()));
    let w = warnings(&l);
    assert!(
        w.contains("Zeile 8 „siehe Fußnote“")
            && w.contains("Zeile 12 „inf“")
            && w.contains("Zeile 13 „NaN“"),
        "{w}"
    );
}

#[test]
fn duplicate_keys_are_named_with_their_lines() {
    let l = open("districts_wgs84.geojson", Some("duplicate_keys.csv")).unwrap();
    let w = warnings(&l);
    assert!(w.contains("„005“ (Zeile 6, 22)"), "{w}");
}

#[test]
fn renamed_binaries_say_what_they_are() {
    for (file, kind) in [
        ("binary_nul.csv", "Binärdaten"),
        ("png_renamed.csv", "ein PNG-Bild"),
        ("zip_renamed.csv", "ein ZIP-Archiv"),
    ] {
        let e = open("districts_wgs84.geojson", Some(file)).unwrap_err();
        let m = e.message(Lang::De);
        assert!(m.starts_with(file) && m.contains(kind), "{m}");
    }
    // A binary renamed as a map too.
    let e = open("png_renamed.csv", None);
    assert!(matches!(
        e,
        Err(IngestError::UnsupportedFormat { .. }) | Err(IngestError::NotText { .. })
    ));
}

#[test]
fn empty_and_odd_tables_say_why() {
    let l = open("districts_wgs84.geojson", Some("one_row.csv")).unwrap();
    assert!(warnings(&l).contains("nur eine Zeile"));
    let l = open("districts_wgs84.geojson", Some("no_numbers.csv")).unwrap();
    assert!(warnings(&l).contains("keine Zahlenspalten"));
    let e = open("zero_area.geojson", None).unwrap_err();
    assert!(
        matches!(e, IngestError::NoUsableArea { features: 1, .. }),
        "{e:?}"
    );
    assert!(e.message(Lang::De).contains("bisherige Karte bleibt"));
}

#[test]
fn the_mss_2019_shape_with_inhabitants_twice_gives_the_official_classes() {
    let geo = common::shared("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson");
    let table = corpus("mss_2019_style.csv");
    let l = load(
        "Berlin",
        &Input {
            name: "plr.geojson",
            bytes: &geo,
        },
        Some(&Input {
            name: "mss_2019_style.csv",
            bytes: &table,
        }),
        &LoadOptions::key(Some("PLR_ID")),
    )
    .unwrap();
    assert!(warnings(&l).contains("„inhabitants (2)“"));
    assert_eq!(l.atlas.population.as_deref(), Some("inhabitants"));
    let p = ClassifyParams {
        indicators: vec!["S1".into(), "S3".into(), "S4".into()],
        min_population: Some(300.0),
        ..ClassifyParams::default()
    };
    let r = derive::status(&l.atlas, &l.atlas.indicators, &p, 0);
    let official = common::berlin_table("mss_2021_indizes_plr.csv");
    let (keys, classes) = (
        &official.column("PLR_ID").unwrap().raw,
        &official.column("SI_V").unwrap().raw,
    );
    let mut same = 0;
    for (k, c) in keys.iter().zip(classes) {
        let u = l.atlas.units.find(k).unwrap().get();
        let c = if c.contains("ohne Zuordnung") {
            "ohne Zuordnung"
        } else {
            c
        };
        assert_eq!(r.label(u), c, "{k}");
        same += 1;
    }
    assert_eq!(same, 542);
}

#[test]
fn dissolved_sozialraeume_have_as_many_parts_as_the_checks_say() {
    let l = open("districts_wgs84.geojson", None).unwrap();
    let atlas = l.atlas;
    let topo = Topology::build(&atlas.units.geometry);
    for source in [Start::Prefix(2), Start::Column("stadtbezirk".into())] {
        let def = start::definition(&atlas, &topo, &source, "Test").unwrap();
        let m = def.areas.len();
        let parts = topo.group_parts(&def.assign, m);
        let dissolved = derive::dissolved(&atlas, &atlas.indicators, &def, &topo);
        assert_eq!(dissolved.units.len(), m);
        for (a, g) in dissolved.units.geometry.iter().enumerate() {
            assert_eq!(
                g.0.len(),
                parts[a],
                "{:?}: Sozialraum {} has {} polygon parts, the checks say {}",
                source,
                def.areas[a].name,
                g.0.len(),
                parts[a]
            );
        }
        assert!(parts.contains(&1));
    }
}
