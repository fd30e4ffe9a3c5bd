//! `sozialatlas timeseries` on Flensburg's long table of unemployed residents (2017 to 2022):
//! every year with the table's own number, the city line, the change in percent; errors name
//! what there is.

mod common;

use common::{run, shared};
use std::collections::BTreeMap;

#[test]
fn flensburg_nordstadt_every_year_with_the_city_and_the_change() {
    let geo = shared("flensburg-sozialatlas/flensburg_stadtteile_epsg25832.geojson");
    let table = shared("flensburg-sozialatlas/tables_long/fl_unemployed_residents_by_district.csv");
    let text = std::fs::read_to_string(&table).unwrap();
    let mut rows: BTreeMap<(u32, i32), f64> = BTreeMap::new();
    for line in text.lines().skip(1) {
        let f: Vec<&str> = line.split(',').collect();
        rows.insert(
            (f[1].parse().unwrap(), f[0].parse().unwrap()),
            f[2].parse().unwrap(),
        );
    }
    let base = [
        "timeseries",
        "--geo",
        &geo,
        "--table",
        &table,
        "--indicator",
        "residents",
    ];
    let (code, out, err) = run(&[&base[..], &["--area", "STGT03"]].concat());
    assert_eq!(code, 0, "{err}");
    let lines: Vec<Vec<&str>> = out.lines().map(|l| l.split(',').collect()).collect();
    assert_eq!(
        lines[0],
        vec!["year", "03 Nordstadt", "Stadt (Ø je Gebiet)"]
    );
    assert_eq!(lines.len(), 7, "2017 to 2022");
    for l in &lines[1..] {
        let y: i32 = l[0].parse().unwrap();
        assert_eq!(l[1].parse::<f64>().unwrap(), rows[&(3, y)]);
        let mean = (1..=13).map(|d| rows[&(d, y)]).sum::<f64>() / 13.0;
        assert!((l[2].parse::<f64>().unwrap() - mean).abs() < 1e-9);
    }
    // JSON by name, with the change between two chosen years in percent (a count).
    let (code, out, err) = run(&[
        &base[..],
        &[
            "--area",
            "03 Nordstadt",
            "--from",
            "2018",
            "--to",
            "2021",
            "--format",
            "json",
        ],
    ]
    .concat());
    assert_eq!(code, 0, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let (a, b) = (rows[&(3, 2018)], rows[&(3, 2021)]);
    let p = v["change"]["area"]["percent"].as_f64().unwrap();
    assert!((p - (b - a) / a * 100.0).abs() < 1e-9);
    assert!(v["change"]["area"]["text"]
        .as_str()
        .unwrap()
        .ends_with(" %"));
    // An unknown area or indicator names what there is.
    let (code, _, err) = run(&[&base[..], &["--area", "Atlantis"]].concat());
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("kein Gebiet „Atlantis“"), "{err}");
    let (code, _, err) = run(&[
        "timeseries",
        "--geo",
        &geo,
        "--table",
        &table,
        "--indicator",
        "x",
        "--area",
        "STGT03",
    ]);
    assert_eq!(code, 2);
    assert!(
        err.contains("kein Indikator „x“") && err.contains("residents"),
        "{err}"
    );
    // A table of one year has no series: said, not a chart of one point.
    let wide = shared("flensburg-sozialatlas/flensburg_sozialatlas_2022_wide.csv");
    let (code, _, err) = run(&[
        "timeseries",
        "--geo",
        &geo,
        "--table",
        &wide,
        "--indicator",
        "births_by_district__births",
        "--area",
        "STGT03",
    ]);
    assert_eq!(code, 2);
    assert!(err.contains("weniger als zwei Jahren"), "{err}");
}
