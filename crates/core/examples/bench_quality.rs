//! The quality side of the clustering benchmarks, on the files of `examples/bench_data.rs`: the
//! k-means inertia (k = 5, default parameters and 10 starts) and the Ward merge count, so the report can set
//! our inertia beside scikit-learn's. Prints JSON. Usage: `cargo run --release -p
//! sozialatlas-core --example bench_quality -- DIR`.
use sozialatlas_core::cluster::{kmeans, ward, Matrix};
use std::time::Instant;

fn read(path: &std::path::Path) -> Matrix {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let rows: Vec<Vec<f64>> = text
        .lines()
        .map(|l| l.split(',').map(|v| v.parse().unwrap()).collect())
        .collect();
    Matrix::from_rows(&rows).unwrap()
}

fn main() {
    let dir = std::path::PathBuf::from(
        std::env::args()
            .nth(1)
            .unwrap_or("target/bench-data".into()),
    );
    let mut out = vec![];
    for n in [1000, 20000] {
        let x = read(&dir.join(format!("matrix_{n}x12.csv")));
        for (suffix, restarts) in [("", 40), ("_10starts", 10)] {
            let t = Instant::now();
            let r = kmeans::kmeans(&x, &kmeans::KMeansParams::new(5).restarts(restarts)).unwrap();
            let secs = t.elapsed().as_secs_f64();
            out.push(format!(
                "\"kmeans_{n}x12_k5{suffix}\": {{\"inertia\": {}, \"seconds\": {secs}, \"restarts\": {restarts}}}",
                r.inertia
            ));
        }
        let t = Instant::now();
        let w = ward::ward(&x);
        out.push(format!(
            "\"ward_{n}x12\": {{\"merges\": {}, \"seconds\": {}}}",
            w.merges.len(),
            t.elapsed().as_secs_f64()
        ));
    }
    println!("{{{}}}", out.join(", "));
}
