//! `sozialatlas classify --method mss` against the official Berlin MSS 2021 classes.

mod common;

use common::run;

use sozialatlas_core::ingest::csv;
use std::collections::HashMap;
use std::path::PathBuf;

fn berlin(name: &str) -> PathBuf {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/berlin-lor2021-mss2021")
        .join(name);
    assert!(p.exists(), "test data missing: {}", p.display());
    p
}

/// Official status and dynamic class per PLR_ID ("ohne Zuordnung" for the unrated ones).
fn official() -> HashMap<String, (String, String)> {
    let t = csv::read(
        "i.csv",
        &std::fs::read(berlin("mss_2021_indizes_plr.csv")).unwrap(),
    )
    .unwrap();
    let col = |n: &str| t.column(n).unwrap().raw.clone();
    let (k, s, d) = (col("PLR_ID"), col("SI_V"), col("DI_V"));
    let norm = |v: &str| {
        if v.contains("ohne Zuordnung") {
            "ohne Zuordnung".to_string()
        } else {
            v.to_string()
        }
    };
    (0..k.len())
        .map(|i| (k[i].to_string(), (norm(&s[i]), norm(&d[i]))))
        .collect()
}

fn classes(stdout: &str) -> HashMap<String, String> {
    let mut lines = stdout.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(header[0], "key");
    assert_eq!(*header.last().unwrap(), "class");
    assert!(header.contains(&"index"));
    lines
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f.last().unwrap().to_string())
        })
        .collect()
}

#[test]
fn mss_status_and_dynamic_classes_match_the_official_ones_for_every_planungsraum() {
    let table = berlin("mss_2021_index_indikatoren_plr.csv");
    let table = table.to_str().unwrap();
    let official = official();
    // The user's route without the KOM column: population floor and the -9999 missing code.
    let common = [
        "classify",
        "--table",
        table,
        "--key",
        "PLR_ID",
        "--method",
        "mss",
        "--min-pop",
        "300",
        "--pop-col",
        "EW",
        "--missing-code",
        "-9999",
    ];
    let (code, out, err) = run(&[&common[..], &["--indicators", "S1,S3,S4"]].concat());
    assert_eq!(code, 0, "{err}");
    let status = classes(&out);
    assert_eq!(status.len(), 542);
    let (code, out, err) = run(&[
        &common[..],
        &["--indicators", "D1,D3,D4", "--classes", "dynamic"],
    ]
    .concat());
    assert_eq!(code, 0, "{err}");
    let dynamic = classes(&out);
    for (key, (s, d)) in &official {
        assert_eq!(&status[key], s, "status {key}");
        assert_eq!(&dynamic[key], d, "dynamic {key}");
    }
    assert_eq!(status.values().filter(|c| *c == "sehr niedrig").count(), 49);
}

#[test]
fn exclude_by_key_and_german_excel_output() {
    let table = berlin("mss_2021_index_indikatoren_plr.csv");
    let exclude = "03300515,03400831,04400725,05300838,06200418,10100205";
    let (code, out, err) = run(&[
        "classify",
        "--table",
        table.to_str().unwrap(),
        "--key",
        "PLR_ID",
        "--indicators",
        "S1,S3,S4",
        "--exclude",
        exclude,
        "--format",
        "excel-de",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(
        out.starts_with("\u{feff}key;z_S1;z_S3;z_S4;sum;index;class"),
        "{}",
        &out[..60]
    );
    let first = out.lines().nth(1).unwrap();
    assert!(
        first.starts_with("01100101;-0,25") && first.ends_with(";mittel"),
        "{first}"
    );
    assert_eq!(
        out.lines()
            .filter(|l| l.ends_with(";ohne Zuordnung"))
            .count(),
        6
    );
}

#[test]
fn bad_arguments_name_what_is_wrong() {
    let table = berlin("mss_2021_index_indikatoren_plr.csv");
    let t = table.to_str().unwrap();
    let (code, _, err) = run(&[
        "classify",
        "--table",
        t,
        "--key",
        "PLR_ID",
        "--indicators",
        "S1,PLR_NAME",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("„PLR_NAME“ enthält keine Zahlen"), "{err}");
    let (code, _, err) = run(&[
        "classify",
        "--table",
        t,
        "--key",
        "PLR_ID",
        "--indicators",
        "S1",
        "--exclude",
        "99999999",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("99999999"), "{err}");
}

#[test]
fn breaks_of_berlin_s1_match_mapclassify() {
    // Expected values: crates/core/tests/fixtures/classes/classes.json (mapclassify).
    let fixture: serde_json::Value = serde_json::from_str(include_str!(
        "../../core/tests/fixtures/classes/classes.json"
    ))
    .unwrap();
    let table = berlin("mss_2021_index_indikatoren_plr.csv");
    for (scheme, name) in [
        ("jenks", "jenks_5"),
        ("quantile", "quantiles_5"),
        ("equal", "equal_5"),
    ] {
        let (code, out, err) = run(&[
            "breaks",
            "--table",
            table.to_str().unwrap(),
            "--key",
            "PLR_ID",
            "--column",
            "S1",
            "--scheme",
            scheme,
            "--k",
            "5",
            "--exclude",
            "03300515,03400831,04400725,05300838,06200418,10100205",
            "--format",
            "json",
        ]);
        assert_eq!(code, 0, "{err}");
        let got: serde_json::Value = serde_json::from_str(&out).unwrap();
        let expected = &fixture["berlin"]["S1"][name];
        for (a, e) in got["breaks"]
            .as_array()
            .unwrap()
            .iter()
            .zip(expected.as_array().unwrap())
        {
            assert!(
                (a.as_f64().unwrap() - e.as_f64().unwrap()).abs() < 1e-9,
                "{scheme}: {got} vs {expected}"
            );
        }
        assert_eq!(got["n"], 536);
    }
}

#[test]
fn band_method_compares_each_indicator_with_its_city_average() {
    let hamburg = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(
        "../../../shared/data/hamburg-stadtteilprofile-2024/hamburg_stadtteilprofile_2024_flat.csv",
    );
    let (code, out, err) = run(&[
        "classify",
        "--table",
        hamburg.to_str().unwrap(),
        "--key",
        "name",
        "--indicators",
        "arbeitslose_pct,u18_pct",
        "--method",
        "band",
        "--pop-col",
        "bevoelkerung",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    assert_eq!(
        lines.next().unwrap(),
        "key,arbeitslose_pct,class_arbeitslose_pct,u18_pct,class_u18_pct"
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split(',').collect()).collect();
    assert_eq!(rows.len(), 99);
    let labels = [
        "deutlich unter dem Durchschnitt",
        "unter dem Durchschnitt",
        "durchschnittlich",
        "über dem Durchschnitt",
        "deutlich über dem Durchschnitt",
        "ohne Zuordnung",
    ];
    assert!(rows
        .iter()
        .all(|r| labels.contains(&r[2]) && labels.contains(&r[4])));
    // Areas with a suppressed value ("." etc.) have no class rather than a made-up one.
    assert!(rows
        .iter()
        .filter(|r| r[1].is_empty())
        .all(|r| r[2] == "ohne Zuordnung"));
}

#[test]
fn dynamic_indicators_add_the_combined_type_of_the_4_by_3_grid() {
    let table = berlin("mss_2021_index_indikatoren_plr.csv");
    let (code, out, err) = run(&[
        "classify",
        "--table",
        table.to_str().unwrap(),
        "--key",
        "PLR_ID",
        "--indicators",
        "S1,S3,S4",
        "--dynamic",
        "D1,D3,D4",
        "--min-pop",
        "300",
        "--pop-col",
        "EW",
        "--missing-code",
        "-9999",
    ]);
    assert_eq!(code, 0, "{err}");
    let mut lines = out.lines();
    let header: Vec<&str> = lines.next().unwrap().split(',').collect();
    assert_eq!(
        &header[header.len() - 3..],
        ["dynamic_index", "dynamic_class", "type"]
    );
    let t = csv::read(
        "i.csv",
        &std::fs::read(berlin("mss_2021_indizes_plr.csv")).unwrap(),
    )
    .unwrap();
    let official: HashMap<&str, String> = t
        .column("PLR_ID")
        .unwrap()
        .raw
        .iter()
        .zip(&t.column("SDI_V").unwrap().raw)
        .map(|(k, v)| {
            (
                k,
                if v.contains("ohne Zuordnung") {
                    "ohne Zuordnung".to_string()
                } else {
                    v.replace(" ,", ",")
                },
            )
        })
        .collect();
    let mut n = 0;
    for l in lines {
        // The type contains a comma, so it is quoted.
        let (key, rest) = l.split_once(',').unwrap();
        let ty = rest
            .rsplit_once(",\"")
            .map(|(_, t)| t.trim_end_matches('"').to_string())
            .unwrap_or_else(|| rest.rsplit(',').next().unwrap().to_string());
        assert_eq!(ty, official[key], "{key}");
        n += 1;
    }
    assert_eq!(n, 542);
}

/// Berlin's 143 Bezirksregionen (`--level` with an assignment CSV): the shares are
/// population-weighted means of their Planungsräume, the status classes those of the
/// independent recomputation (`crates/core/tests/fixtures/levels/make_berlin_bzr.py`).
#[test]
fn classify_at_the_level_of_bezirksregionen_matches_the_independent_recomputation() {
    let plr = csv::read(
        "m.csv",
        &std::fs::read(berlin("mss_2021_index_indikatoren_plr.csv")).unwrap(),
    )
    .unwrap();
    let mut assign = String::from("key,area\n");
    for k in &plr.column("PLR_ID").unwrap().raw {
        assign.push_str(&format!("{k},{}\n", &k[..6]));
    }
    let dir = std::env::temp_dir().join(format!("sozialatlas-level-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let level = dir.join("bzr.csv");
    std::fs::write(&level, assign).unwrap();
    let table = berlin("mss_2021_index_indikatoren_plr.csv");
    let (code, out, err) = run(&[
        "classify",
        "--table",
        table.to_str().unwrap(),
        "--key",
        "PLR_ID",
        "--indicators",
        "S1,S3,S4",
        "--method",
        "mss",
        "--min-pop",
        "300",
        "--pop-col",
        "EW",
        "--missing-code",
        "-9999",
        "--level",
        level.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{err}");
    let got = classes(&out);
    let fixture: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(
            PathBuf::from(env!("CARGO_MANIFEST_DIR"))
                .join("../core/tests/fixtures/levels/berlin_bzr.json"),
        )
        .unwrap(),
    )
    .unwrap();
    let rows = fixture["rows"].as_array().unwrap();
    assert_eq!(got.len(), 143);
    for r in rows {
        let key = r["key"].as_str().unwrap();
        assert_eq!(got[key], r["class"].as_str().unwrap(), "{key}");
    }
    assert_eq!(got["081005"], "sehr niedrig");
}
