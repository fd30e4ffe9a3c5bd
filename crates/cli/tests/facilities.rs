//! `sozialatlas facilities` against the independent reference of the core's facilities test
//! (`crates/core/tests/fixtures/facilities/make_facilities.py`: shapely point in polygon):
//! Berlin's 542 Planungsräume and 143 Bezirksregionen, the demo town's Zensus grid; bad files.

mod common;

use common::{run, shared};
use serde_json::Value;
use std::collections::HashMap;
use std::path::PathBuf;

fn fixture(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/facilities")
        .join(name)
        .display()
        .to_string()
}

fn expected() -> Value {
    serde_json::from_slice(&std::fs::read(fixture("facilities_expected.json")).unwrap()).unwrap()
}

/// CSV output as rows of (key, column → value).
fn table(out: &str) -> Vec<HashMap<String, String>> {
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    lines
        .map(|l| {
            header
                .iter()
                .zip(l.split(','))
                .map(|(h, v)| (h.to_string(), v.to_string()))
                .collect()
        })
        .collect()
}

fn plr_map() -> String {
    shared("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson")
}

#[test]
fn berlin_counts_per_planungsraum_and_bezirksregion_equal_shapely() {
    let e = expected();
    for points in ["berlin_facilities.csv", "berlin_facilities.geojson"] {
        let p = fixture(points);
        let (code, out, err) = run(&[
            "facilities",
            "--geo",
            &plr_map(),
            "--key",
            "PLR_ID",
            "--points",
            &p,
        ]);
        assert_eq!(code, 0, "{err}");
        assert!(
            err.contains("785 von 1500 Punkten liegen außerhalb der Karte"),
            "{err}"
        );
        let rows = table(&out);
        assert_eq!(rows.len(), 542);
        for r in &rows {
            let want = &e["facilities"]["plr"][&r["key"]];
            assert_eq!(
                r["count"],
                want["count"].to_string(),
                "{points} {}",
                r["key"]
            );
            assert_eq!(r["capacity"], want["places"].to_string());
            assert_eq!(r["Kita"], want["Kita"].to_string());
        }
    }
    // Per Bezirksregion, by an assignment of the first six digits.
    let dir = std::env::temp_dir().join(format!("sa-fac-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let assign = dir.join("bzr.csv");
    let keys: Vec<String> = e["facilities"]["plr"]
        .as_object()
        .unwrap()
        .keys()
        .cloned()
        .collect();
    let text: String = std::iter::once("key,area\n".to_string())
        .chain(keys.iter().map(|k| format!("{k},{}\n", &k[..6])))
        .collect();
    std::fs::write(&assign, text).unwrap();
    let (code, out, err) = run(&[
        "facilities",
        "--geo",
        &plr_map(),
        "--key",
        "PLR_ID",
        "--points",
        &fixture("berlin_facilities.csv"),
        "--level",
        assign.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let rows = table(&out);
    assert_eq!(rows.len(), 143);
    for r in &rows {
        let want = &e["facilities"]["bzr"][&r["key"]];
        assert_eq!(r["count"], want["count"].to_string(), "BZR {}", r["key"]);
        assert_eq!(
            r["capacity"],
            want["places"].to_string(),
            "BZR {}",
            r["key"]
        );
    }
}

#[test]
fn the_demo_towns_zensus_grid_is_summed_with_withheld_cells_counted() {
    let dir = std::env::temp_dir().join(format!("sa-grid-{}", std::process::id()));
    let (code, _, err) = run(&["demo", "--out", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{err}");
    let geo = dir.join("musterstadt.geojson");
    let grid = dir.join("zensus_100m.csv");
    let (code, out, err) = run(&[
        "facilities",
        "--geo",
        geo.to_str().unwrap(),
        "--key",
        "schluessel",
        "--points",
        grid.to_str().unwrap(),
        "--sum",
        "Einwohner",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("nicht als null gelesen"), "{err}");
    let e = expected();
    let rows = table(&out);
    assert_eq!(rows.len(), 58);
    for r in &rows {
        let want = &e["grid_demo"][&r["key"]];
        assert_eq!(
            r["Einwohner"],
            want["einwohner"].to_string(),
            "{}",
            r["key"]
        );
        assert_eq!(
            r["withheld_Einwohner"],
            want["withheld"].to_string(),
            "{}",
            r["key"]
        );
        assert_eq!(r["count"], want["cells"].to_string(), "{}", r["key"]);
    }
    // Coverage of the demo town's Kitas: a share per block, 0 or 100 at block level.
    let (code, out, err) = run(&[
        "facilities",
        "--geo",
        geo.to_str().unwrap(),
        "--table",
        dir.join("musterstadt.csv").to_str().unwrap(),
        "--key",
        "schluessel",
        "--points",
        dir.join("kitas.csv").to_str().unwrap(),
        "--within",
        "600",
    ]);
    assert_eq!(code, 0, "{err}");
    let rows = table(&out);
    let shares: Vec<&str> = rows.iter().map(|r| r["covered_share"].as_str()).collect();
    assert!(
        shares.contains(&"100") && shares.contains(&"0"),
        "{shares:?}"
    );
    let total: f64 = rows
        .iter()
        .map(|r| r["count"].parse::<f64>().unwrap())
        .sum();
    assert_eq!(total, 16.0);
}

#[test]
fn bad_point_files_are_named_by_line_and_column() {
    let dir = std::env::temp_dir().join(format!("sa-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let bad = dir.join("kitas.csv");
    std::fs::write(&bad, "Name;Breite;Länge\nA;52,5;13,4\nB;52,5;dreizehn\n").unwrap();
    let (code, out, err) = run(&[
        "facilities",
        "--geo",
        &plr_map(),
        "--key",
        "PLR_ID",
        "--points",
        bad.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(out.is_empty());
    assert!(
        err.contains("kitas.csv, Zeile 3, Spalte „Länge“: „dreizehn“"),
        "{err}"
    );
    let none = dir.join("adressen.csv");
    std::fs::write(&none, "Name;Straße\nA;Hauptstr. 1\n").unwrap();
    let (code, _, err) = run(&[
        "facilities",
        "--geo",
        &plr_map(),
        "--key",
        "PLR_ID",
        "--points",
        none.to_str().unwrap(),
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("keine Koordinatenspalten") && err.contains("Straße"),
        "{err}"
    );
    let (code, _, err) = run(&[
        "facilities",
        "--geo",
        &plr_map(),
        "--key",
        "PLR_ID",
        "--points",
        &fixture("berlin_facilities.csv"),
        "--within=-5",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("--within"), "{err}");
}
