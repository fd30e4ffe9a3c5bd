//! Facilities in the project: the demo town's layers, a layer the user adds with its settings
//! (label, coverage distance), carried by the project file and the link, and a format-2 project
//! file of the previous version (no layers) that still opens.

use sozialatlas_core::facilities::PointSettings;
use sozialatlas_core::project::{self, codec, InputFile, Inputs};

fn spielplaetze() -> InputFile {
    InputFile::new(
        "spielplaetze.csv",
        "Name;Rechtswert;Hochwert\nAm Park;339000;5715500\nHafen;337000;5716900\nDraußen;300000;5700000\n"
            .as_bytes()
            .to_vec(),
    )
}

#[test]
fn the_demo_town_brings_its_facilities_and_their_indicators() {
    let o = project::open(&Inputs::default(), None).unwrap();
    assert_eq!(o.layers.len(), 2);
    assert_eq!(o.layers[0].layer.label, "Kitas");
    assert_eq!(o.layers[0].layer.points.len(), 16);
    assert!(o.layers.iter().all(|l| l.tally.outside.is_empty()));
    assert!(o.project.indicator("kitas_plaetze_quote").is_some());
    assert!(o
        .atlas
        .table
        .column("soziale_einrichtungen_grundschule")
        .is_some());
    // Supply is not mixed into the default status index or typology.
    assert!(!o
        .project
        .classify
        .indicators
        .iter()
        .any(|i| i.starts_with("kitas")));
    assert!(!o
        .project
        .cluster
        .indicators
        .iter()
        .any(|i| i.starts_with("kitas")));
}

#[test]
fn an_added_layer_travels_in_the_project_file_and_its_settings_in_the_link() {
    let mut inputs = Inputs::default();
    inputs.points.push(spielplaetze());
    // Settings of the added layers (the demo town's own layers come first on the map).
    inputs.read.points = vec![PointSettings {
        label: Some("Spielplätze".into()),
        within: Some(400.0),
        ..PointSettings::default()
    }];
    let o = project::open(&inputs, None).unwrap();
    assert_eq!(o.layers.len(), 3);
    let l = &o.layers[2];
    assert_eq!(l.layer.label, "Spielplätze");
    assert_eq!(l.tally.outside, vec![2]);
    assert!(o.warnings.is_empty() || o.warnings.iter().all(|w| !w.de.contains("nicht gelesen")));
    assert!(o.atlas.table.column("spielplaetze_400m_2024").is_some());
    assert!(o.project.indicator("spielplaetze_400m_anteil").is_some());
    let keys = o.atlas.units.keys.clone();
    // Project file: the layer's bytes and settings come back.
    let text = codec::project_file(&o.project, &keys);
    let (inputs2, packed) = codec::read_project_file(text.as_bytes()).unwrap();
    assert_eq!(inputs2.points.len(), 1);
    assert_eq!(inputs2.points[0].name, "spielplaetze.csv");
    let o2 = project::open(&inputs2, Some(&packed)).unwrap();
    assert_eq!(o2.layers.len(), 3);
    assert_eq!(o2.layers[2].layer.label, "Spielplätze");
    assert_eq!(o2.layers[2].tally.count, o.layers[2].tally.count);
    assert_eq!(o2.project.catalogue, o.project.catalogue);
    // Link: the settings travel (the bytes stay at their address).
    let link = codec::link_text(&o.project, &keys);
    let p = codec::decode_link(&link).unwrap();
    assert_eq!(
        p.read_settings().points[0].label.as_deref(),
        Some("Spielplätze")
    );
    assert_eq!(p.read_settings().points[0].within, Some(400.0));
}

#[test]
fn a_bad_layer_in_a_project_is_named_and_the_rest_opens() {
    let mut inputs = Inputs::default();
    inputs.points.push(InputFile::new(
        "kaputt.csv",
        b"Name;x;y\nA;eins;2\n".to_vec(),
    ));
    let o = project::open(&inputs, None).unwrap();
    assert_eq!(o.layers.len(), 2);
    assert!(o
        .warnings
        .iter()
        .any(|w| w.de.contains("Punktebene nicht gelesen") && w.de.contains("Zeile 2")));
}

#[test]
fn facility_counts_are_no_small_numbers_but_their_population_is() {
    let o = project::open(&Inputs::default(), None).unwrap();
    let w = sozialatlas_core::project::derive::withheld(
        &o.atlas,
        &o.project.catalogue.indicators,
        &o.project.small_numbers,
    );
    // Blocks with one or two Kitas show them.
    let counts = o.atlas.table.numbers("kitas_anzahl").unwrap();
    assert!(counts.contains(&Some(1.0)));
    let one = counts.iter().position(|c| *c == Some(1.0)).unwrap();
    assert!(!w.cell("kitas_anzahl", one));
    let kitas = o.project.indicator("kitas_anzahl").unwrap();
    assert!(!w.indicator(&o.atlas, kitas, 2024).contains(&true));
    // The rate's denominator (the population) still withholds where it is small.
    assert!(w.count() > 0);
}

/// A project file saved before point layers and the report existed (format 2 without
/// `read.points` and `report`) still opens: no layers of its own, the demo's, default report.
#[test]
fn a_project_file_without_points_and_report_still_opens() {
    let o = project::open(&Inputs::default(), None).unwrap();
    let keys = o.atlas.units.keys.clone();
    let mut v: serde_json::Value =
        serde_json::from_str(&codec::project_file(&o.project, &keys)).unwrap();
    let state = v["state"].as_object_mut().unwrap();
    state.remove("report");
    state["read"].as_object_mut().unwrap().remove("points");
    let old = serde_json::to_string(&v).unwrap();
    assert!(!old.contains("\"report\"") && !old.contains("\"points\""));
    let (inputs, packed) = codec::read_project_file(old.as_bytes()).unwrap();
    assert!(inputs.points.is_empty());
    let o2 = project::open(&inputs, Some(&packed)).unwrap();
    assert_eq!(o2.layers.len(), 2);
    assert_eq!(o2.project.report, Default::default());
    assert_eq!(o2.project.catalogue, o.project.catalogue);
}
