//! The command line on the corpus of real-world flaws (`crates/core/tests/fixtures/corpus`):
//! repeated keys print once and are named, binaries are refused by what they are, the MSS 2019
//! shape with `inhabitants` twice classifies.

mod common;

use common::run;

use std::path::PathBuf;

fn corpus(name: &str) -> String {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../core/tests/fixtures/corpus")
        .join(name)
        .display()
        .to_string()
}

#[test]
fn a_repeated_key_prints_once_and_is_named_with_its_lines() {
    let t = corpus("duplicate_keys.csv");
    let (code, out, err) = run(&[
        "classify",
        "--table",
        &t,
        "--key",
        "unbeznr",
        "--indicators",
        "sgb2_quote",
    ]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.lines().filter(|l| l.starts_with("005,")).count(), 1);
    assert_eq!(out.lines().count(), 21, "header and 20 keys");
    assert!(err.contains("„005“ (Zeile 6, 22)"), "{err}");
}

#[test]
fn binaries_are_refused_by_what_they_are() {
    for (file, kind) in [
        ("png_renamed.csv", "PNG-Bild"),
        ("zip_renamed.csv", "ZIP-Archiv"),
        ("binary_nul.csv", "Binärdaten"),
    ] {
        let t = corpus(file);
        let (code, _, err) = run(&["classify", "--table", &t, "--key", "x", "--indicators", "y"]);
        assert_eq!(code, 2);
        assert!(err.contains(file) && err.contains(kind), "{err}");
    }
}

#[test]
fn the_mss_2019_shape_with_inhabitants_twice_classifies() {
    let t = corpus("mss_2019_style.csv");
    let (code, out, err) = run(&[
        "classify",
        "--table",
        &t,
        "--key",
        "PLR_ID",
        "--indicators",
        "S1,S3,S4",
        "--min-pop",
        "300",
        "--pop-col",
        "inhabitants",
        "--missing-code",
        "-9999",
    ]);
    assert_eq!(code, 0, "{err}");
    assert!(err.contains("„inhabitants (2)“"), "{err}");
    let very_low = out.lines().filter(|l| l.ends_with(",sehr niedrig")).count();
    assert_eq!(
        very_low, 49,
        "the official 49 Planungsräume with very low status"
    );
}

#[test]
fn absurd_arguments_exit_2_naming_the_flag_and_the_range() {
    let t = corpus("numbers_odd_cells.csv");
    let g = corpus("districts_wgs84.geojson");
    let tmp = std::env::temp_dir().display().to_string();
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            vec!["demo", "--grid", "18446744073709551615x2", "--out", &tmp],
            "--grid",
        ),
        (
            vec!["demo", "--grid", "100000x100000", "--out", &tmp],
            "500000 Zellen",
        ),
        (
            vec![
                "breaks",
                "--table",
                &t,
                "--key",
                "unbeznr",
                "--column",
                "einwohner",
                "--scheme",
                "quantile",
                "--k",
                "18446744073709551615",
            ],
            "1 bis 50",
        ),
        (
            vec![
                "breaks",
                "--table",
                &t,
                "--key",
                "unbeznr",
                "--column",
                "einwohner",
                "--scheme",
                "jenks",
                "--k",
                "1000000000000",
            ],
            "1 bis 50",
        ),
        (
            vec![
                "breaks",
                "--table",
                &t,
                "--key",
                "unbeznr",
                "--column",
                "einwohner",
                "--scheme",
                "stddev",
                "--anchor",
                "NaN",
            ],
            "--anchor",
        ),
        (
            vec![
                "classify",
                "--table",
                &t,
                "--key",
                "unbeznr",
                "--indicators",
                "einwohner",
                "--min-pop",
                "inf",
            ],
            "--min-pop",
        ),
        (
            vec![
                "regionalize",
                "--geo",
                &g,
                "--key",
                "unbeznr",
                "--indicators",
                "sgb2_quote",
                "--pop-col",
                "einwohner",
                "--min-pop",
                "5000",
                "--iterations",
                "99999999999",
            ],
            "--iterations",
        ),
        (
            vec![
                "regionalize",
                "--geo",
                &g,
                "--key",
                "unbeznr",
                "--indicators",
                "sgb2_quote",
                "--pop-col",
                "einwohner",
                "--min-pop",
                "NaN",
            ],
            "--min-pop",
        ),
    ];
    for (args, needle) in cases {
        let (code, _, err) = run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(err.contains(needle), "{args:?}: {err}");
    }
}
