//! `sozialatlas dissolve`, `regionalize` and `compare` on Berlin's Planungsräume
//! (../shared/data/berlin-lor2021-mss2021): the CLI contracts of issue 6.

mod common;

use common::run;

use std::path::PathBuf;

fn berlin(name: &str) -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/berlin-lor2021-mss2021")
        .join(name);
    assert!(p.exists(), "test data missing: {}", p.display());
    p.display().to_string()
}

fn tmp(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("sozialatlas-cli-{}", std::process::id()));
    std::fs::create_dir_all(&d).unwrap();
    d.join(name)
}

/// An assignment CSV (`key`, `area`, separated by `sep`) from the official hierarchy table:
/// each Planungsraum with the level in column `level` (3 = Bezirksregion, 5 = Prognoseraum).
fn hierarchy_csv(name: &str, level: usize, sep: char) -> PathBuf {
    let t = std::fs::read_to_string(berlin("lor_2021_hierarchie_plr_bzr_pgr_bez.csv")).unwrap();
    let mut out = format!("key{sep}area\n");
    for line in t.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        out.push_str(&format!("{}{sep}{}\n", f[1], f[level]));
    }
    let p = tmp(name);
    std::fs::write(&p, out).unwrap();
    p
}

/// key,area with the Bezirksregion of every Planungsraum.
fn bezirksregionen_csv() -> PathBuf {
    hierarchy_csv("bzr.csv", 3, ',')
}

#[test]
fn dissolve_writes_one_feature_per_sozialraum_in_the_input_crs() {
    let assign = bezirksregionen_csv();
    for (map, crs, x_range, out_crs) in [
        (
            "lor_planungsraeume_2021_epsg25833.geojson",
            Some("urn:ogc:def:crs:EPSG::25833"),
            300_000.0..500_000.0,
            "input",
        ),
        (
            "lor_planungsraeume_2021_wgs84.geojson",
            None,
            13.0..14.0,
            "input",
        ),
        // RFC 7946 from a planar map: longitude/latitude, no crs member.
        (
            "lor_planungsraeume_2021_epsg25833.geojson",
            None,
            13.0..14.0,
            "wgs84",
        ),
    ] {
        let out = tmp(&format!("bzr-{out_crs}-{map}"));
        let (code, _, err) = run(&[
            "dissolve",
            "--geo",
            &berlin(map),
            "--key",
            "PLR_ID",
            "--assign",
            assign.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--crs",
            out_crs,
        ]);
        assert_eq!(code, 0, "{err}");
        let v: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&out).unwrap()).unwrap();
        let f = v["features"].as_array().unwrap();
        assert_eq!(f.len(), 143);
        let names: std::collections::HashSet<&str> = f
            .iter()
            .map(|x| x["properties"]["area"].as_str().unwrap())
            .collect();
        assert_eq!(names.len(), 143);
        assert!(names.contains("011001"));
        let units: f64 = f
            .iter()
            .map(|x| x["properties"]["units"].as_f64().unwrap())
            .sum();
        assert_eq!(units, 542.0);
        let x = f[0]["geometry"]["coordinates"][0][0][0][0]
            .as_f64()
            .unwrap();
        assert!(x_range.contains(&x), "{map}: x = {x}");
        match crs {
            Some(crs) => assert_eq!(v["crs"]["properties"]["name"], crs),
            None => assert!(
                v.get("crs").is_none(),
                "{map} {out_crs}: RFC 7946 has no crs"
            ),
        }
    }
}

#[test]
fn regionalize_gives_key_and_region_and_json_metrics() {
    let args = [
        "regionalize",
        "--geo",
        &berlin("lor_planungsraeume_2021_epsg25833.geojson"),
        "--table",
        &berlin("mss_2021_index_indikatoren_plr.csv"),
        "--key",
        "PLR_ID",
        "--indicators",
        "S1,S3,S4",
        "--pop-col",
        "EW",
        "--min-pop",
        "20000",
        "--seed",
        "3",
    ];
    let (code, csv, err) = run(&args);
    assert_eq!(code, 0, "{err}");
    let mut lines = csv.lines();
    assert_eq!(lines.next(), Some("key,region"));
    let rows: Vec<(&str, &str)> = lines.map(|l| l.split_once(',').unwrap()).collect();
    assert_eq!(rows.len(), 542);
    // The six unrated Planungsräume (-9999) have no region.
    assert_eq!(rows.iter().filter(|r| r.1.is_empty()).count(), 6);
    let mut json_args = args.to_vec();
    json_args.extend(["--format", "json"]);
    let (code, out, err) = run(&json_args);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let m = &v["metrics"];
    assert_eq!(m["contiguous"], true);
    assert!(m["population_min"].as_f64().unwrap() >= 20000.0);
    assert!(m["between_total_ratio"].as_f64().unwrap() > 0.75);
    let regions = m["regions"].as_u64().unwrap() as usize;
    assert_eq!(v["regions"].as_array().unwrap().len(), regions);
    // Same seed, same regions as the CSV.
    for (a, row) in v["assignment"].as_array().unwrap().iter().zip(&rows) {
        assert_eq!(a["key"], row.0);
        assert_eq!(
            a["region"]
                .as_u64()
                .map(|r| r.to_string())
                .unwrap_or_default(),
            row.1
        );
    }
    let (code, _, err) = run(&[
        "regionalize",
        "--geo",
        &berlin("lor_planungsraeume_2021_epsg25833.geojson"),
        "--table",
        &berlin("mss_2021_index_indikatoren_plr.csv"),
        "--key",
        "PLR_ID",
        "--indicators",
        "S1",
        "--pop-col",
        "EW",
        "--min-pop",
        "1e9",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("Mindestbevölkerung"), "{err}");
}

#[test]
fn compare_reports_metrics_changes_and_crosswalk() {
    let a = bezirksregionen_csv();
    // B: the Prognoseräume, i.e. every Bezirksregion merged upwards (German `;` CSV).
    let bp = hierarchy_csv("pgr.csv", 5, ';');
    let (code, out, err) = run(&[
        "compare",
        "--geo",
        &berlin("lor_planungsraeume_2021_epsg25833.geojson"),
        "--key",
        "PLR_ID",
        "--assign",
        a.to_str().unwrap(),
        "--assign",
        bp.to_str().unwrap(),
        "--format",
        "json",
        "--table",
        &berlin("mss_2021_index_indikatoren_plr.csv"),
        "--pop-col",
        "EW",
        "--official-prefix",
        "6",
    ]);
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(v["a"]["metrics"]["sozialraeume"], 143);
    assert_eq!(v["b"]["metrics"]["sozialraeume"], 58);
    assert_eq!(v["a"]["metrics"]["nested"], 1.0);
    assert_eq!(v["a"]["metrics"]["fragmented"], 0);
    // Every Bezirksregion lies in one Prognoseraum: 143 crosswalk cells, and the units that
    // "changed" are those of Bezirksregionen that were merged into a bigger one.
    assert_eq!(v["crosswalk"].as_array().unwrap().len(), 143);
    let units: u64 = v["crosswalk"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["units"].as_u64().unwrap())
        .sum();
    assert_eq!(units, 542);
    assert!(v["changed"].as_array().unwrap().is_empty());
}
