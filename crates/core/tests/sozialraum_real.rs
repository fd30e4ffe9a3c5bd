//! Sozialräume on real data (../shared/data, SOURCE.md in each folder): Berlin's 542
//! Planungsräume dissolved into the 143 official Bezirksregionen, and a max-p proposal compared
//! with pygeoda (fixtures/sozialraum/make_maxp.py).

mod common;
use geo::Area;
use sozialatlas_core::ingest::inspect::Input;
use sozialatlas_core::ingest::load::{load, LoadOptions};
use sozialatlas_core::model::Atlas;
use sozialatlas_core::sozialraum::definition::Definition;
use sozialatlas_core::sozialraum::regionalize::{max_p, standardise, Params};
use sozialatlas_core::sozialraum::topology::Topology;
use std::collections::HashMap;

fn berlin(map: &str, table: Option<&str>, key: &str) -> Atlas {
    let g = common::shared(&format!("berlin-lor2021-mss2021/{map}"));
    let t = table.map(|t| common::shared(&format!("berlin-lor2021-mss2021/{t}")));
    let geo = Input {
        name: map,
        bytes: &g,
    };
    let tab = t.as_ref().map(|t| Input {
        name: table.unwrap(),
        bytes: t,
    });
    load("Berlin", &geo, tab.as_ref(), &LoadOptions::key(Some(key)))
        .unwrap()
        .atlas
}

/// Berlin's Planungsräume with the MSS table: the atlas, the status indicators S1, S3, S4 and
/// the population EW.
type Column = Vec<Option<f64>>;

fn berlin_mss() -> (Atlas, Vec<Column>, Column) {
    let atlas = berlin(
        "lor_planungsraeume_2021_epsg25833.geojson",
        Some("mss_2021_index_indikatoren_plr.csv"),
        "PLR_ID",
    );
    let cols = ["S1", "S3", "S4"]
        .iter()
        .map(|c| atlas.table.numbers(c).unwrap().to_vec())
        .collect();
    let pop = atlas.table.numbers("EW").unwrap().to_vec();
    (atlas, cols, pop)
}

#[test]
fn planungsraeume_dissolve_into_the_143_official_bezirksregionen() {
    let plr = berlin("lor_planungsraeume_2021_epsg25833.geojson", None, "PLR_ID");
    assert_eq!(plr.units.len(), 542);
    let def = Definition::from_prefix("BZR", &plr.units.keys, 6);
    assert_eq!(def.areas.len(), 143);
    let topo = Topology::build(&plr.units.geometry);
    let dissolved = topo.dissolve(&plr.units.geometry, &def.assign, def.areas.len());
    let bzr = berlin("lor_bezirksregionen_2021_epsg25833.geojson", None, "BZR_ID");
    assert_eq!(bzr.units.len(), 143);
    let official: HashMap<&str, &geo::MultiPolygon<f64>> = bzr
        .units
        .keys
        .iter()
        .map(String::as_str)
        .zip(&bzr.units.geometry)
        .collect();
    let mut worst: f64 = 0.0;
    for (area, poly) in def.areas.iter().zip(&dissolved) {
        let o = official[area.name.as_str()];
        let rel = (poly.unsigned_area() - o.unsigned_area()).abs() / o.unsigned_area();
        worst = worst.max(rel);
        // No inner lines left: as many parts and holes as the official polygon.
        assert_eq!(poly.0.len(), o.0.len(), "{}: parts", area.name);
        let holes =
            |m: &geo::MultiPolygon<f64>| -> usize { m.0.iter().map(|p| p.interiors().len()).sum() };
        assert_eq!(holes(poly), holes(o), "{}: holes", area.name);
    }
    assert!(
        worst < 0.001,
        "largest area difference {:.5} %",
        worst * 100.0
    );
    eprintln!(
        "largest area difference to the official Bezirksregionen: {:.6} %",
        worst * 100.0
    );
    let parts = topo.group_parts(&def.assign, def.areas.len());
    let multi = def
        .areas
        .iter()
        .zip(&parts)
        .filter(|(_, &p)| p != 1)
        .count();
    let official_multi = bzr.units.geometry.iter().filter(|g| g.0.len() != 1).count();
    assert_eq!(multi, official_multi);
}

#[test]
fn max_p_proposal_is_contiguous_meets_the_floor_and_beats_pygeoda() {
    let fixture: serde_json::Value =
        serde_json::from_str(include_str!("fixtures/sozialraum/maxp_berlin.json")).unwrap();
    let (atlas, cols, pop) = berlin_mss();
    let mut x = standardise(&cols);
    for (row, p) in x.iter_mut().zip(&pop) {
        if p.is_none() {
            *row = None;
        }
    }
    let n_complete = x.iter().filter(|r| r.is_some()).count();
    assert_eq!(n_complete as u64, fixture["units"].as_u64().unwrap());
    let topo = Topology::build(&atlas.units.geometry);
    let pairs: usize = (0..atlas.units.len())
        .filter(|&u| x[u].is_some())
        .map(|u| {
            topo.neighbours[u]
                .iter()
                .filter(|&&(v, _)| x[v as usize].is_some() && (v as usize) > u)
                .count()
        })
        .sum();
    assert_eq!(
        pairs as u64,
        fixture["rook_neighbour_pairs"].as_u64().unwrap()
    );
    let params = Params {
        min_pop: 20_000.0,
        seed: 1,
        iterations: 99,
    };
    let r = max_p(&topo.neighbours, &x, &pop, &params, &mut |_| {}).unwrap();
    let parts = topo.group_parts(&r.region, r.p);
    assert!(parts.iter().all(|&k| k == 1), "not contiguous: {parts:?}");
    let mut pops = vec![0.0; r.p];
    for (u, g) in r.region.iter().enumerate() {
        if let Some(g) = g {
            pops[*g as usize] += pop[u].unwrap();
        } else {
            assert!(
                x[u].is_none(),
                "complete unit {} left out",
                atlas.units.keys[u]
            );
        }
    }
    assert!(pops.iter().all(|&p| p >= 20_000.0));
    let best_pygeoda = fixture["seeds"]
        .as_object()
        .unwrap()
        .values()
        .map(|s| s["ratio_recomputed"].as_f64().unwrap())
        .fold(f64::MIN, f64::max);
    eprintln!(
        "max-p: p = {}, between/total = {:.4} (pygeoda best {:.4}, p = {})",
        r.p,
        r.ratio(),
        best_pygeoda,
        fixture["seeds"]["1"]["p"]
    );
    assert!(r.ratio() >= best_pygeoda, "{} < {best_pygeoda}", r.ratio());
}

#[test]
fn a_berlin_definition_of_about_60_sozialraeume_fits_in_a_short_link() {
    use sozialatlas_core::project::{codec, Inputs, Project};
    use sozialatlas_core::sozialraum::session::Origin;
    let (atlas, cols, pop) = berlin_mss();
    let x = standardise(&cols);
    let topo = Topology::build(&atlas.units.geometry);
    let params = Params {
        min_pop: 55_000.0,
        seed: 1,
        iterations: 20,
    };
    let r = max_p(&topo.neighbours, &x, &pop, &params, &mut |_| {}).unwrap();
    let labels: Vec<Option<String>> = r
        .region
        .iter()
        .map(|g| g.map(|g| format!("Sozialraum {}", g + 1)))
        .collect();
    let drawn = Definition::from_labels("Entwurf", &labels);
    let official = Definition::from_prefix("Prognoseräume", &atlas.units.keys, 4);
    for def in [&drawn, &official] {
        let mut project = Project::for_atlas(&atlas, Inputs::default());
        project.sozialraeume.add(def.clone(), Origin::Own);
        let link = codec::link_text(&project, &atlas.units.keys);
        eprintln!(
            "{} Sozialräume ({}): link state {} characters with {} indicators set up",
            def.areas.len(),
            def.name,
            link.len(),
            project.catalogue.indicators.len()
        );
        assert!((50..=70).contains(&def.areas.len()), "{}", def.areas.len());
        assert!(link.len() < 3000, "{} characters", link.len());
        let back = codec::decode_link(&link)
            .unwrap()
            .apply(&atlas, Inputs::default())
            .unwrap();
        assert_eq!(back.sozialraeume.definitions[0].assign, def.assign);
    }
}

/// The dissolved Bezirksregionen as a zipped Shapefile (what `export-sozialraeume-shapefile`
/// writes) read back by our reader: 143 areas with their names and the same areas.
#[test]
fn dissolved_bezirksregionen_round_trip_through_a_shapefile() {
    use sozialatlas_core::project::derive;
    let atlas = berlin("lor_planungsraeume_2021_epsg25833.geojson", None, "PLR_ID");
    let def = Definition::from_prefix("Bezirksregionen", &atlas.units.keys, 6);
    let topo = Topology::build(&atlas.units.geometry);
    let agg = derive::dissolved(&atlas, &atlas.indicators, &def, &topo);
    let withheld = sozialatlas_core::stats::suppress::Withheld::none();
    let z =
        sozialatlas_core::export::shapefile::zipped(&agg, "area", &[], &withheld, "bzr").unwrap();
    let layer = sozialatlas_core::ingest::shapefile::read_zip("bzr.zip", &z.bytes, None).unwrap();
    assert_eq!(layer.planar.len(), 143);
    assert_eq!(layer.source_crs.epsg, 25833);
    let props = &layer.properties;
    let names = &props.column("area").unwrap().raw;
    let by_name: HashMap<&str, usize> = agg
        .units
        .keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    for (f, name) in layer.planar.iter().zip(names) {
        let i = by_name[name];
        let (a, b) = (f.unsigned_area(), agg.units.geometry[i].unsigned_area());
        assert!((a - b).abs() / b < 1e-9, "{name}: {a} vs {b}");
    }
}
