//! `sozialatlas cluster` on Berlin: Ward partitions equal scipy's, order and formats.

use std::collections::HashMap;
use std::path::PathBuf;
use std::process::Command;

fn table() -> String {
    let p = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../../shared/data/berlin-lor2021-mss2021/mss_2021_index_indikatoren_plr.csv");
    assert!(p.exists(), "test data missing: {}", p.display());
    p.to_string_lossy().into_owned()
}

fn run(extra: &[&str]) -> String {
    let t = table();
    let mut args = vec![
        "cluster",
        "--table",
        &t,
        "--key",
        "PLR_ID",
        "--indicators",
        "S1,S3,S4,D1,D3,D4",
        "--missing-code",
        "-9999",
    ];
    args.extend_from_slice(extra);
    let out = Command::new(env!("CARGO_BIN_EXE_sozialatlas"))
        .args(&args)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

fn parse(csv: &str) -> (Vec<String>, Vec<Vec<String>>) {
    let mut lines = csv.lines();
    let header = lines.next().unwrap().split(',').map(String::from).collect();
    (
        header,
        lines
            .map(|l| l.split(',').map(String::from).collect())
            .collect(),
    )
}

#[test]
fn ward_partitions_equal_scipy_for_k_2_to_10() {
    let fixture: serde_json::Value = serde_json::from_str(include_str!(
        "../../core/tests/fixtures/cluster/cluster.json"
    ))
    .unwrap();
    let ks = "2,3,4,5,6,7,8,9,10";
    let (header, rows) = parse(&run(&["--method", "ward", "--k", ks]));
    assert_eq!(
        header,
        ["key", "k2", "k3", "k4", "k5", "k6", "k7", "k8", "k9", "k10"]
    );
    // The fixture lists the 536 valid areas in file order; the CLI leaves the 6 others empty.
    let valid: Vec<&Vec<String>> = rows.iter().filter(|r| !r[1].is_empty()).collect();
    assert_eq!(valid.len(), 536);
    assert_eq!(rows.iter().filter(|r| r[1].is_empty()).count(), 6);
    for (col, k) in (2..=10).enumerate() {
        let theirs = fixture["berlin"]["fcluster"][k.to_string()]
            .as_array()
            .unwrap();
        let mut map: HashMap<&str, u64> = HashMap::new();
        let mut back: HashMap<u64, &str> = HashMap::new();
        for (r, t) in valid.iter().zip(theirs) {
            let (ours, t) = (r[col + 1].as_str(), t.as_u64().unwrap());
            assert_eq!(*map.entry(ours).or_insert(t), t, "k={k}");
            assert_eq!(*back.entry(t).or_insert(ours), ours, "k={k}");
        }
    }
}

#[test]
fn clusters_are_numbered_from_least_to_most_disadvantaged_and_kmeans_is_seeded() {
    let json: serde_json::Value = serde_json::from_str(&run(&[
        "--method",
        "ward+kmeans",
        "--k",
        "5",
        "--format",
        "json",
    ]))
    .unwrap();
    let profiles = json["profiles"]["5"].as_array().unwrap();
    let scores: Vec<f64> = profiles
        .iter()
        .map(|p| p["disadvantage"].as_f64().unwrap())
        .collect();
    assert!(scores.windows(2).all(|w| w[0] <= w[1]), "{scores:?}");
    assert_eq!(
        profiles
            .iter()
            .map(|p| p["size"].as_u64().unwrap())
            .sum::<u64>(),
        536
    );
    assert!(profiles[4]["label"]
        .as_str()
        .unwrap()
        .starts_with("deutlich überdurchschnittlich"));
    let d = &json["diagnostics"]["per_k"][0];
    assert!(d["silhouette"].as_f64().unwrap() > 0.0 && d["within_ss"].as_f64().unwrap() > 0.0);
    let a = run(&["--method", "kmeans", "--k", "5", "--seed", "7"]);
    let b = run(&["--method", "kmeans", "--k", "5", "--seed", "7"]);
    assert_eq!(a, b, "same seed, same typology");
}
