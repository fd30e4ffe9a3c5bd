//! Map class breaks against mapclassify (fixture made by tests/fixtures/classes/make_classes.py).

mod common;
use serde_json::Value;
use sozialatlas_core::map::classes::{self, Breaks};

fn fixture() -> Value {
    serde_json::from_str(include_str!("fixtures/classes/classes.json")).unwrap()
}

fn floats(v: &Value) -> Vec<f64> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_f64().unwrap())
        .collect()
}

fn close(ours: &Breaks, expected: &[f64], what: &str) {
    assert_eq!(
        ours.upper.len(),
        expected.len(),
        "{what}: {:?} vs {expected:?}",
        ours.upper
    );
    for (a, e) in ours.upper.iter().zip(expected) {
        assert!(
            (a - e).abs() <= 1e-9 * (1.0 + e.abs()),
            "{what}: {:?} vs {expected:?}",
            ours.upper
        );
    }
}

fn check(values: &[Option<f64>], expected: &Value, name: &str) {
    for k in [3, 5, 7] {
        close(
            &classes::quantiles(values, k).unwrap(),
            &floats(&expected[format!("quantiles_{k}")]),
            &format!("{name} quantiles {k}"),
        );
        close(
            &classes::equal_interval(values, k).unwrap(),
            &floats(&expected[format!("equal_{k}")]),
            &format!("{name} equal {k}"),
        );
        // Fisher-Jenks: mapclassify computes in float32; our exact result must be at least as
        // good (within-class squared deviations), and equal where mapclassify found the optimum.
        let ours = classes::fisher_jenks(values, k).unwrap();
        let theirs = Breaks {
            min: ours.min,
            upper: floats(&expected[format!("jenks_{k}")]),
        };
        let (so, st) = (
            classes::sum_squared_deviations(values, &ours),
            classes::sum_squared_deviations(values, &theirs),
        );
        assert!(
            so <= st * (1.0 + 1e-12),
            "{name} jenks {k}: ours {so} > mapclassify {st}"
        );
        if (so - st).abs() > 1e-9 * st {
            eprintln!("{name} jenks {k}: exact {so} better than mapclassify {st}");
        } else {
            close(&ours, &theirs.upper, &format!("{name} jenks {k}"));
        }
    }
    close(
        &classes::std_mean(values, &[-2.0, -1.0, 1.0, 2.0], None).unwrap(),
        &floats(&expected["std_mean"]),
        &format!("{name} std_mean"),
    );
}

#[test]
fn synthetic_data_sets_match_mapclassify() {
    let f = fixture();
    for s in f["synthetic"].as_array().unwrap() {
        let values: Vec<Option<f64>> = floats(&s["values"]).into_iter().map(Some).collect();
        check(&values, &s["expected"], s["name"].as_str().unwrap());
    }
}

#[test]
fn berlin_mss_shares_match_mapclassify() {
    let (t, valid) = common::berlin_mss();
    let f = fixture();
    for col in ["S1", "S4"] {
        let values: Vec<Option<f64>> = t
            .column(col)
            .unwrap()
            .numbers()
            .unwrap()
            .iter()
            .zip(&valid)
            .filter(|(_, ok)| **ok)
            .map(|(v, _)| *v)
            .collect();
        assert_eq!(values.len(), 536);
        check(&values, &f["berlin"][col], &format!("Berlin {col}"));
    }
}
