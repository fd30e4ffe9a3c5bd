//! The `sozialatlas inspect` contract on the real data in ../shared/data and on broken files.

use serde_json::Value;
use std::path::PathBuf;
use std::process::Command;

fn data(rel: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data")
        .join(rel);
    assert!(
        p.exists(),
        "test data missing: {} (shared/ must sit beside the repository)",
        p.display()
    );
    p
}

fn broken(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/broken")
        .join(name)
}

fn inspect(args: &[&str], files: &[(&str, PathBuf)]) -> (i32, Value, String) {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_sozialatlas"));
    cmd.arg("inspect").args(args);
    for (flag, path) in files {
        cmd.arg(flag).arg(path);
    }
    let out = cmd.output().expect("run sozialatlas");
    let stdout = String::from_utf8_lossy(&out.stdout).to_string();
    let json = serde_json::from_str(&stdout).unwrap_or(Value::Null);
    (
        out.status.code().unwrap_or(-1),
        json,
        String::from_utf8_lossy(&out.stderr).to_string(),
    )
}

#[test]
fn berlin_542_planungsraeume_in_epsg_25833_join_the_mss_table() {
    let (code, j, err) = inspect(
        &["--key", "PLR_ID"],
        &[
            (
                "--geo",
                data("berlin-lor2021-mss2021/lor_planungsraeume_2021_epsg25833.geojson"),
            ),
            (
                "--table",
                data("berlin-lor2021-mss2021/mss_2021_index_indikatoren_plr.csv"),
            ),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["crs"], "EPSG:25833");
    assert_eq!(j["crs_source"], "declared");
    assert_eq!(j["features"], 542);
    assert_eq!(j["encoding"]["table"], "UTF-8");
    assert_eq!(j["join"]["matched"], 542);
    assert_eq!(j["join"]["unmatched_geo"].as_array().unwrap().len(), 0);
    assert_eq!(j["join"]["unmatched_table"].as_array().unwrap().len(), 0);
    assert_eq!(j["join"]["duplicates"].as_array().unwrap().len(), 0);
    // SOURCE.md: PLR union bounds in EPSG:25833 lie around 13.08..13.76 E, 52.33..52.68 N.
    let b: Vec<f64> = j["bbox_wgs84"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_f64().unwrap())
        .collect();
    assert!(
        (b[0] - 13.088).abs() < 0.02 && (b[2] - 13.761).abs() < 0.02,
        "{b:?}"
    );
    assert!(
        (b[1] - 52.338).abs() < 0.02 && (b[3] - 52.675).abs() < 0.02,
        "{b:?}"
    );
    let col = |name: &str| {
        j["columns"]
            .as_array()
            .unwrap()
            .iter()
            .find(|c| c["name"] == name)
            .unwrap()
            .clone()
    };
    assert_eq!(
        col("PLR_ID")["type"],
        "text",
        "keys keep their leading zero"
    );
    assert_eq!(col("PLR_ID")["examples"][0], "01100101");
    assert_eq!(col("S1")["type"], "number");
    // S2 is not used in 2021: empty for the 536 rated areas, -9999 for the 6 unrated ones.
    assert_eq!(col("S2")["missing"], 536);
    // The -9999 codes of the six unrated areas are pointed out.
    assert!(j["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|w| w.as_str().unwrap().contains("-9999")));
}

#[test]
fn berlin_in_wgs84_is_detected_and_gets_a_utm_33_planar_copy() {
    let (code, j, err) = inspect(
        &[],
        &[(
            "--geo",
            data("berlin-lor2021-mss2021/lor_planungsraeume_2021_wgs84.geojson"),
        )],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["crs"], "EPSG:4326");
    assert_eq!(j["planar_crs"], "EPSG:25833");
    assert_eq!(j["features"], 542);
}

#[test]
fn flensburg_wide_and_long_tables_join_the_13_stadtteile() {
    let geo = data("flensburg-sozialatlas/flensburg_stadtteile_epsg25832.geojson");
    let (code, j, err) = inspect(
        &["--key", "AREA_ID"],
        &[
            ("--geo", geo.clone()),
            (
                "--table",
                data("flensburg-sozialatlas/flensburg_sozialatlas_2022_wide.csv"),
            ),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        (
            j["crs"].as_str(),
            j["features"].as_u64(),
            j["join"]["matched"].as_u64()
        ),
        (Some("EPSG:25832"), Some(13), Some(13))
    );
    // Long table: one row per Stadtteil and year, keys 1..13 against STGT01..STGT13.
    let (code, j, err) = inspect(
        &[],
        &[
            ("--geo", geo),
            (
                "--table",
                data("flensburg-sozialatlas/tables_long/fl_residents_by_district.csv"),
            ),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["join"]["matched"], 13);
    assert_eq!(j["key"]["matching"], "DigitsOnly");
    assert!(j["columns"]
        .as_array()
        .unwrap()
        .iter()
        .any(|c| c["name"] == "residents_2022"));
    let w = j["warnings"].to_string();
    assert!(w.contains("Lange Tabelle") && w.contains("ungefähr"), "{w}");
}

#[test]
fn flensburg_statistical_districts_report_the_two_known_self_intersections() {
    let (code, j, err) = inspect(
        &[],
        &[(
            "--geo",
            data("flensburg-sozialatlas/flensburg_statistische_bezirke_epsg25832.geojson"),
        )],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["features"], 41);
    assert_eq!(
        j["repaired_polygons"], 2,
        "SOURCE.md: 073 Peelwatt and 122 Engelsby Süd, repaired"
    );
    assert_eq!(j["invalid_polygons"], 0);
    let w = j["warnings"].to_string();
    assert!(w.contains("Peelwatt") && w.contains("Engelsby"), "{w}");
}

#[test]
fn hamburg_99_stadtteile_with_suppression_symbols() {
    let (code, j, err) = inspect(
        &[],
        &[
            (
                "--geo",
                data("hamburg-stadtteilprofile-2024/hamburg_stadtteile_99_wgs84.geojson"),
            ),
            (
                "--table",
                data("hamburg-stadtteilprofile-2024/hamburg_stadtteilprofile_2024_flat.csv"),
            ),
        ],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["features"], 99);
    assert_eq!(j["join"]["matched"], 99);
    let cols = j["columns"].as_array().unwrap();
    // SOURCE.md: 193 "-", 132 "." and 15 "x" cells; all are missing values, not zeros or text.
    let missing: u64 = cols.iter().map(|c| c["missing"].as_u64().unwrap()).sum();
    assert_eq!(missing, 193 + 132 + 15);
    let text: Vec<&str> = cols
        .iter()
        .filter(|c| c["type"] == "text")
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(text, ["name", "name_ascii", "bezirk"]);
}

#[test]
fn dinslaken_voting_districts_in_crs84() {
    let (code, j, err) = inspect(
        &[],
        &[(
            "--geo",
            data("dinslaken-stimmbezirke-btw2025/dinslaken_stimmbezirke_btw2025.geojson"),
        )],
    );
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["crs"], "EPSG:4326");
    assert_eq!(j["planar_crs"], "EPSG:25832");
    assert_eq!(j["features"], 40);
}

#[test]
fn broken_files_exit_2_with_a_positioned_german_message() {
    let cases: [(&str, &str, &[&str]); 14] = [
        (
            "--geo",
            "truncated.geojson",
            &["truncated.geojson", "Zeile 4"],
        ),
        ("--geo", "points_only.geojson", &["keine Flächen", "Point"]),
        ("--geo", "swiss_crs.geojson", &["EPSG:2056"]),
        ("--geo", "tiny_coordinates.geojson", &["Koordinaten"]),
        ("--geo", "string_coordinate.geojson", &["Objekt Nr. 1"]),
        ("--table", "ragged.csv", &["ragged.csv", "Zeile 3"]),
        ("--table", "one_column.csv", &["keine Tabelle"]),
        ("--table", "empty.csv", &["leer"]),
        ("--table", "garbage.csv", &["kein Text", "Binärdaten"]),
        ("--geo", "garbage.geojson", &["kein Text", "Binärdaten"]),
        ("--table", "duplicate_header.csv", &["„id“"]),
        ("--table", "long_conflict.csv", &["Zeilen 2 und 3"]),
        (
            "--table",
            "truncated.xlsx",
            &["truncated.xlsx", "Excel-Datei"],
        ),
        (
            "--table",
            "overflow_reference.xlsx",
            &["overflow_reference.xlsx", "Excel-Datei"],
        ),
    ];
    for (flag, file, needles) in cases {
        let key: &[&str] = match file {
            "long_conflict.csv" => &["--key", "key"],
            // A repeated name is renamed, unless it is the key: which one would it be?
            "duplicate_header.csv" => &["--key", "id"],
            _ => &[],
        };
        let (code, _, err) = inspect(key, &[(flag, broken(file))]);
        assert_eq!(code, 2, "{file}: {err}");
        for n in needles {
            assert!(err.contains(n), "{file}: message {err:?} lacks {n:?}");
        }
    }
}

#[test]
fn a_wrong_key_lists_the_columns_that_exist() {
    let (code, _, err) = inspect(
        &["--key", "PLR"],
        &[(
            "--table",
            data("berlin-lor2021-mss2021/mss_2021_indizes_plr.csv"),
        )],
    );
    assert_eq!(code, 2);
    assert!(err.contains("„PLR“") && err.contains("PLR_ID"), "{err}");
}

#[test]
fn an_xlsx_table_joins_like_a_csv() {
    let book = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/xlsx/sozialdaten.xlsx");
    let (code, j, err) = inspect(&[], &[("--table", book)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["encoding"]["table"], "XLSX");
    assert_eq!(j["rows"], 5);
    let names: Vec<&str> = j["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(
        names,
        [
            "Schlüssel",
            "Bezirk",
            "Einwohner",
            "SGB-II-Quote",
            "Arbeitslose"
        ]
    );
}

#[test]
fn a_zipped_shapefile_reads_like_geojson() {
    let zip = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/shapefile/musterstadt_shp.zip");
    let (code, j, err) = inspect(&["--key", "SCHLUESSEL"], &[("--geo", zip)]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(
        (
            j["crs"].as_str(),
            j["crs_source"].as_str(),
            j["features"].as_u64()
        ),
        (Some("EPSG:25832"), Some("declared"), Some(58))
    );
    assert_eq!(j["encoding"]["geo"], "Windows-1252");
}

#[test]
fn the_excel_sheet_can_be_named() {
    let book = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/xlsx/sozialdaten.xlsx");
    let (code, j, err) = inspect(&["--sheet", "Daten"], &[("--table", book.clone())]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(j["rows"], 5);
    let (code, _, err) = inspect(&["--sheet", "Tabelle1"], &[("--table", book)]);
    assert_eq!(code, 2);
    assert!(
        err.contains("„Tabelle1“") && err.contains("Hinweise, Daten"),
        "{err}"
    );
}
