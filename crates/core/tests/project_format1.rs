//! Links and project files saved by the first version (format 1) open with the same
//! definitions and classes: `fixtures/format1/` holds what that version's app wrote and showed
//! (made by `make_format1.mjs` with commit 06309d6).

mod common;

use common::shared;
use sozialatlas_core::project::{self, codec, derive, DataSource, InputFile, Inputs, Project};
use std::collections::BTreeMap;

fn fixture(name: &str) -> String {
    let p = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/format1")
        .join(name);
    std::fs::read_to_string(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

fn expected() -> serde_json::Value {
    serde_json::from_str(&fixture("expected.json")).unwrap()
}

/// The classes a map showed: key -> data-class.
fn shown(v: &serde_json::Value) -> BTreeMap<String, String> {
    v.as_object()
        .unwrap()
        .iter()
        .map(|(k, c)| (k.clone(), c.as_str().unwrap().to_string()))
        .collect()
}

/// The status classes of the project, key -> label.
fn status(opened: &project::Opened) -> BTreeMap<String, String> {
    let p = &opened.project;
    let atlas = &opened.atlas;
    let r = derive::status(atlas, &p.catalogue.indicators, &p.classify, p.year(atlas));
    atlas
        .units
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.clone(), r.label(i).to_string()))
        .collect()
}

/// The Sozialraum of every unit in the active definition, key -> name.
fn defined(p: &Project, keys: &[String]) -> BTreeMap<String, String> {
    let def = p.sozialraeume.active_definition().unwrap();
    keys.iter()
        .enumerate()
        .map(|(u, k)| {
            (
                k.clone(),
                def.assign[u].map_or("ohne Zuordnung".to_string(), |a| {
                    def.areas[a as usize].name.clone()
                }),
            )
        })
        .collect()
}

#[test]
fn the_format_1_demo_link_opens_with_its_definition_and_classes() {
    let e = &expected()["demo"];
    let text = fixture("demo-link.txt");
    let state = text.trim().strip_prefix("#s=").unwrap();
    assert!(state.starts_with("1."));
    let packed = codec::decode_link(state).unwrap();
    let opened = project::open(&Inputs::default(), Some(&packed)).unwrap();
    assert_eq!(opened.project.view.mode.name(), e["mode"]);
    assert_eq!(
        opened.project.sozialraeume.definitions.len(),
        e["definitions"].as_u64().unwrap() as usize
    );
    assert_eq!(status(&opened), shown(&e["classify"]));
    assert_eq!(
        defined(&opened.project, &opened.atlas.units.keys),
        shown(&e["define"])
    );
}

#[test]
fn the_format_1_berlin_link_opens_with_the_official_classes() {
    let e = &expected()["berlin"];
    let text = fixture("berlin-link.txt");
    let (query, state) = text.trim().split_once("#s=").unwrap();
    assert_eq!(
        query,
        "?geo=data%2Fplr.geojson&table=data%2Fmss.csv&key=PLR_ID"
    );
    let packed = codec::decode_link(state).unwrap();
    let inputs = Inputs {
        source: DataSource::Address {
            geo: "data/plr.geojson".into(),
            table: Some("data/mss.csv".into()),
            key: Some("PLR_ID".into()),
            points: vec![],
        },
        map: Some(InputFile::new(
            "plr.geojson",
            shared("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson"),
        )),
        table: Some(InputFile::new(
            "mss.csv",
            shared("berlin-lor2021-mss2021/mss_2021_index_indikatoren_plr.csv"),
        )),
        points: vec![],
        read: project::ReadSettings {
            table_key: Some("PLR_ID".into()),
            ..Default::default()
        },
    };
    let opened = project::open(&inputs, Some(&packed)).unwrap();
    assert_eq!(opened.project.classify.indicators, ["S1", "S3", "S4"]);
    assert_eq!(status(&opened), shown(&e["classify"]));
    assert_eq!(
        defined(&opened.project, &opened.atlas.units.keys),
        shown(&e["define"])
    );
}

#[test]
fn the_format_1_project_files_open_with_both_definitions_and_the_typology() {
    // Format 1 chose the key `einwohner_2023` by itself for the first file (a wrong guess it
    // saved); the saved key is honoured, so the file opens as it was saved.
    for (file, which, key) in [
        ("demo-files.sozialatlas.json", "files", "einwohner_2023"),
        ("demo-files-key.sozialatlas.json", "files_key", "schluessel"),
    ] {
        project_file_opens(file, which, key);
    }
}

fn project_file_opens(file: &str, which: &str, key: &str) {
    let e = &expected()[which];
    let (inputs, packed) = codec::read_project_file(fixture(file).as_bytes()).unwrap();
    assert_eq!(inputs.source, DataSource::Files);
    let opened = project::open(&inputs, Some(&packed)).unwrap();
    let p = &opened.project;
    assert_eq!(p.inputs.read.map_key.as_deref(), Some(key));
    assert_eq!(p.inputs.read.table_key.as_deref(), Some(key));
    assert_eq!(p.view.mode.name(), e["mode"]);
    assert_eq!(p.sozialraeume.definitions.len(), 2);
    assert_eq!(defined(p, &opened.atlas.units.keys), shown(&e["define"]));
    let ty = derive::typology(
        &opened.atlas,
        &p.catalogue.indicators,
        &p.cluster,
        p.year(&opened.atlas),
    )
    .unwrap();
    let clusters: BTreeMap<String, String> = opened
        .atlas
        .units
        .keys
        .iter()
        .zip(&ty.labels)
        .map(|(k, c)| {
            (
                k.clone(),
                c.map_or("ohne Zuordnung".into(), |c| (c + 1).to_string()),
            )
        })
        .collect();
    assert_eq!(clusters, shown(&e["cluster"]));
    // Saved again, it is a format-2 file that opens the same.
    let again = codec::project_file(p, &opened.atlas.units.keys);
    let (inputs2, packed2) = codec::read_project_file(again.as_bytes()).unwrap();
    let reopened = project::open(&inputs2, Some(&packed2)).unwrap();
    assert_eq!(reopened.project, opened.project);
}
