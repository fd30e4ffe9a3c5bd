//! Ward, k-means and the k diagnostics against scipy and scikit-learn
//! (fixture: tests/fixtures/cluster/make_cluster.py).

mod common;
use serde_json::Value;
use sozialatlas_core::cluster::kmeans::{kmeans, KMeansParams};
use sozialatlas_core::cluster::quality::{calinski_harabasz, silhouette};
use sozialatlas_core::cluster::ward::ward;
use sozialatlas_core::cluster::Matrix;
use sozialatlas_core::stats::zscore::{zscores, Deviation};
use std::collections::HashMap;

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/cluster/cluster.json")).unwrap()
}

fn same_partition(a: &[usize], b: &[u64]) -> bool {
    let mut map: HashMap<usize, u64> = HashMap::new();
    let mut back: HashMap<u64, usize> = HashMap::new();
    a.iter()
        .zip(b)
        .all(|(x, y)| *map.entry(*x).or_insert(*y) == *y && *back.entry(*y).or_insert(*x) == *x)
}

fn check(x: &Matrix, reference: &Value, name: &str) {
    let d = ward(x);
    let z = reference["linkage"].as_array().unwrap();
    assert_eq!(d.merges.len(), z.len());
    for (i, (m, r)) in d.merges.iter().zip(z).enumerate() {
        let r: Vec<f64> = r
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_f64().unwrap())
            .collect();
        assert_eq!(
            (m.a as f64, m.b as f64, m.size as f64),
            (r[0], r[1], r[3]),
            "{name} merge {i}"
        );
        assert!(
            (m.height - r[2]).abs() <= 1e-9 * (1.0 + r[2]),
            "{name} merge {i}: {} vs {}",
            m.height,
            r[2]
        );
    }
    for k in 2..=10 {
        let labels = d.cut(k);
        let theirs: Vec<u64> = reference["fcluster"][k.to_string()]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_u64().unwrap())
            .collect();
        assert!(
            same_partition(&labels, &theirs),
            "{name}: partition at k={k}"
        );
        let s = silhouette(x, &labels).unwrap();
        let ch = calinski_harabasz(x, &labels).unwrap();
        let (es, ech) = (
            reference["silhouette"][k.to_string()].as_f64().unwrap(),
            reference["calinski_harabasz"][k.to_string()]
                .as_f64()
                .unwrap(),
        );
        assert!(
            (s - es).abs() < 1e-9,
            "{name} silhouette k={k}: {s} vs {es}"
        );
        assert!(
            (ch - ech).abs() < 1e-7 * ech,
            "{name} CH k={k}: {ch} vs {ech}"
        );
    }
    for k in [3, 5, 8] {
        let ours = kmeans(x, &KMeansParams::new(k).seed(1)).unwrap().inertia;
        let theirs = reference["kmeans_inertia"][k.to_string()].as_f64().unwrap();
        assert!(
            ours <= theirs * (1.0 + 1e-9),
            "{name} k-means k={k}: ours {ours} worse than scikit-learn {theirs}"
        );
        if ours < theirs * (1.0 - 1e-9) {
            eprintln!("{name} k-means k={k}: ours {ours} better than scikit-learn {theirs}");
        }
    }
}

#[test]
fn synthetic_blobs_match_scipy_and_scikit_learn() {
    let f = fixture();
    let rows: Vec<Vec<f64>> = f["blobs"]["values"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| {
            r.as_array()
                .unwrap()
                .iter()
                .map(|v| v.as_f64().unwrap())
                .collect()
        })
        .collect();
    check(&Matrix::from_rows(&rows).unwrap(), &f["blobs"], "blobs");
}

#[test]
fn berlin_mss_indicators_match_scipy_and_scikit_learn() {
    let (t, valid) = common::berlin_mss();
    let f = fixture();
    let cols: Vec<String> = f["berlin"]["columns"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c.as_str().unwrap().to_string())
        .collect();
    let z: Vec<Vec<Option<f64>>> = cols
        .iter()
        .map(|c| {
            zscores(
                t.column(c).unwrap().numbers().unwrap(),
                &valid,
                Deviation::Population,
            )
            .0
        })
        .collect();
    let rows: Vec<Vec<f64>> = (0..valid.len())
        .filter(|&i| valid[i])
        .map(|i| z.iter().map(|col| col[i].unwrap()).collect())
        .collect();
    assert_eq!(rows.len(), 536);
    check(&Matrix::from_rows(&rows).unwrap(), &f["berlin"], "Berlin");
}
