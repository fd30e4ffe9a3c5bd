//! The small-number rule on the command line without a project: a plain table's columns of
//! whole numbers are counts.

mod common;

use common::run;

#[test]
fn a_plain_table_withholds_the_small_counts_of_whole_number_columns() {
    // The demo town's table as written by `sozialatlas demo`: its counts of 1 and 2 (the tiny
    // blocks) are printed as "geheim" unless --no-suppress; a share column holds no cases.
    let dir = std::env::temp_dir().join(format!("small-table-{}", std::process::id()));
    let (code, _, err) = run(&["demo", "--out", &dir.display().to_string()]);
    assert_eq!(code, 0, "{err}");
    let table = dir.join("musterstadt.csv").display().to_string();
    let text = std::fs::read_to_string(&table).unwrap();
    let header: Vec<&str> = text
        .trim_start_matches('\u{feff}')
        .lines()
        .next()
        .unwrap()
        .split(';')
        .collect();
    let col = header
        .iter()
        .position(|h| *h == "alleinerziehende_2024")
        .unwrap();
    let small: Vec<String> = text
        .lines()
        .skip(1)
        .filter_map(|l| {
            let f: Vec<&str> = l.split(';').collect();
            let x: f64 = f[col].parse().ok()?;
            (x > 0.0 && x < 3.0).then(|| f[0].to_string())
        })
        .collect();
    assert!(!small.is_empty());
    for (extra, suppress) in [(None, true), (Some("--no-suppress"), false)] {
        let mut args = vec!["classify", "--table", &table, "--key", "schluessel"];
        args.extend(["--indicators", "alleinerziehende_2024", "--method", "band"]);
        args.extend(extra);
        let (code, out, err) = run(&args);
        assert_eq!(code, 0, "{err}");
        for key in &small {
            let row = out
                .lines()
                .find(|l| l.starts_with(&format!("{key},")))
                .unwrap();
            assert_eq!(row.contains("geheim"), suppress, "{row}");
        }
    }
    std::fs::remove_dir_all(&dir).ok();
}
