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

/// The number of values per class, as mapclassify's `yb` histogram.
fn counts(values: &[Option<f64>], b: &Breaks) -> Vec<usize> {
    let mut c = vec![0; b.k()];
    for v in values {
        if let Some(k) = b.class_of(*v) {
            c[k] += 1;
        }
    }
    c
}

fn usizes(v: &Value) -> Vec<usize> {
    v.as_array()
        .unwrap()
        .iter()
        .map(|x| x.as_u64().unwrap() as usize)
        .collect()
}

/// Bounds within rounding and the very same number of values in every class.
fn same(values: &[Option<f64>], ours: &Breaks, expected: &Value, key: &str, what: &str) {
    close(ours, &floats(&expected[key]), what);
    assert_eq!(
        counts(values, ours),
        usizes(&expected[format!("{key}_counts")]),
        "{what}: values per class"
    );
}

fn check(values: &[Option<f64>], expected: &Value, name: &str) {
    use classes::Scheme;
    for k in 3..=9 {
        let of = |s: Scheme| s.breaks(values, k, &[], None).unwrap();
        same(
            values,
            &of(Scheme::Quantile),
            expected,
            &format!("quantiles_{k}"),
            &format!("{name} quantiles {k}"),
        );
        same(
            values,
            &of(Scheme::Equal),
            expected,
            &format!("equal_{k}"),
            &format!("{name} equal {k}"),
        );
        same(
            values,
            &of(Scheme::StdDev),
            expected,
            &format!("stddev_{k}"),
            &format!("{name} stddev {k}"),
        );
        // Fisher-Jenks: mapclassify computes in float32; our exact result must be at least as
        // good (within-class squared deviations), and equal where mapclassify found the optimum.
        let ours = of(Scheme::Jenks);
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
            same(
                values,
                &ours,
                expected,
                &format!("jenks_{k}"),
                &format!("{name} jenks {k}"),
            );
        }
    }
    close(
        &classes::std_mean(values, &[-2.0, -1.0, 1.0, 2.0], None).unwrap(),
        &floats(&expected["std_mean"]),
        &format!("{name} std_mean"),
    );
    let manual = Scheme::Manual
        .breaks(values, 0, &floats(&expected["manual_bins"]), None)
        .unwrap();
    same(
        values,
        &manual,
        expected,
        "manual",
        &format!("{name} manual"),
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
        // Natural breaks: the values per class of the exact optimum (a float64 dynamic
        // programme in the fixture script, independent of ours).
        for k in 3..=9 {
            let ours = classes::fisher_jenks(&values, k).unwrap();
            assert_eq!(
                counts(&values, &ours),
                usizes(&f["berlin"][col][format!("jenks_{k}_exact_counts")]),
                "Berlin {col} jenks {k}"
            );
        }
    }
}
