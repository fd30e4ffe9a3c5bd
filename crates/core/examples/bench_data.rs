//! Writes the deterministic benchmark inputs as files, so peers (fastcluster, scikit-learn,
//! mapclassify, shapely, pygeoda, mapshaper) can be measured on exactly the data our criterion
//! benchmarks use. Usage: `cargo run --release -p sozialatlas-core --example bench_data -- DIR`.
//!
//! Files: `matrix_1000x12.csv`, `matrix_20000x12.csv` (the inputs of the Ward and k-means
//! benchmarks), `values_100160.csv` (the Fisher-Jenks input), `synthetic_100160.geojson` (the
//! large ingest and dissolve input), `groups_100160.csv` (the dissolve groups: blocks of 5 x 2
//! cells, 10,048 groups), `synthetic_10000.geojson` (the max-p input: 100 x 100 cells with
//! `einwohner` and `ind_01`…`ind_12`).

use sozialatlas_core::demo;
use sozialatlas_core::model::ColumnValues;
use std::fmt::Write;
use std::path::PathBuf;

fn numbers(atlas: &sozialatlas_core::model::Atlas) -> Vec<&Vec<Option<f64>>> {
    atlas
        .table
        .columns
        .iter()
        .skip(1)
        .filter_map(|c| match &c.values {
            ColumnValues::Number(v) => Some(v),
            ColumnValues::Text(_) => None,
        })
        .collect()
}

fn write_matrix(dir: &std::path::Path, cols: usize, rows: usize) -> std::io::Result<()> {
    let atlas = demo::synthetic(cols, rows, 12, 1);
    let columns = numbers(&atlas);
    let mut out = String::new();
    for i in 0..cols * rows {
        let row: Vec<String> = columns
            .iter()
            .map(|c| format!("{}", c[i].unwrap_or(0.0)))
            .collect();
        let _ = writeln!(out, "{}", row.join(","));
    }
    std::fs::write(dir.join(format!("matrix_{}x12.csv", cols * rows)), out)
}

fn main() -> std::io::Result<()> {
    let dir = PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or_else(|| "target/bench-data".into()),
    );
    std::fs::create_dir_all(&dir)?;
    write_matrix(&dir, 40, 25)?;
    write_matrix(&dir, 200, 100)?;
    let big = demo::synthetic(320, 313, 12, 1);
    let first = numbers(&big)[0];
    let values: Vec<String> = first
        .iter()
        .map(|v| format!("{}", v.unwrap_or(0.0)))
        .collect();
    std::fs::write(dir.join("values_100160.csv"), values.join("\n") + "\n")?;
    std::fs::write(
        dir.join("synthetic_100160.geojson"),
        sozialatlas_core::export::geojson(&big, "key").to_string(),
    )?;
    let groups: Vec<String> = (0..big.units.len())
        .map(|u| {
            let (i, j) = (u % 320, u / 320);
            ((j / 2) * 320usize.div_ceil(5) + i / 5).to_string()
        })
        .collect();
    std::fs::write(dir.join("groups_100160.csv"), groups.join("\n") + "\n")?;
    let mid = demo::synthetic(100, 100, 12, 1);
    std::fs::write(
        dir.join("synthetic_10000.geojson"),
        sozialatlas_core::export::geojson(&mid, "key").to_string(),
    )?;
    println!("{}", dir.display());
    Ok(())
}
