//! Map class breaks and class lookup.
//!
//! A [`Breaks`] holds the upper bound of each class, ascending, as mapclassify does
//! (`bins`): a value `v` falls in the first class `i` with `v <= upper[i]`; the lowest class also
//! holds the minimum. Missing values have no class.
//!
//! Schemes here: quantiles (same definition as mapclassify `Quantiles`: numpy's linearly
//! interpolated percentiles at `i/k`, duplicates removed). Further schemes (equal interval,
//! Fisher-Jenks, standard deviation, manual, pooled) grow in this module.

use serde::{Deserialize, Serialize};

/// Class breaks: the upper bound of each class, ascending, and the minimum of the data.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Breaks {
    /// Smallest value of the data the breaks were made from (lower bound of class 0).
    pub min: f64,
    /// Upper bound of each class, ascending; the last one is the maximum of the data.
    pub upper: Vec<f64>,
}

impl Breaks {
    /// Number of classes.
    pub fn k(&self) -> usize {
        self.upper.len()
    }

    /// The class of a value: the first class whose upper bound is not below it. Values above the
    /// last bound fall in the last class; `None` and NaN have no class.
    pub fn class_of(&self, v: Option<f64>) -> Option<usize> {
        let v = v.filter(|v| !v.is_nan())?;
        if self.upper.is_empty() {
            return None;
        }
        Some(
            self.upper
                .iter()
                .position(|u| v <= *u)
                .unwrap_or(self.upper.len() - 1),
        )
    }

    /// Lower and upper bound of class `i`.
    pub fn range(&self, i: usize) -> (f64, f64) {
        let lo = if i == 0 { self.min } else { self.upper[i - 1] };
        (lo, self.upper[i])
    }
}

/// Linearly interpolated percentile of sorted data, as `numpy.percentile` (method "linear").
fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    let pos = p / 100.0 * (sorted.len() - 1) as f64;
    let lo = pos.floor() as usize;
    let hi = pos.ceil() as usize;
    sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo as f64)
}

/// Quantile breaks with `k` classes over the valid values (mapclassify `Quantiles`).
/// `None` when there is no valid value or `k == 0`.
pub fn quantiles(values: &[Option<f64>], k: usize) -> Option<Breaks> {
    let mut v: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|x| !x.is_nan())
        .collect();
    if v.is_empty() || k == 0 {
        return None;
    }
    v.sort_by(f64::total_cmp);
    let mut upper: Vec<f64> = (1..=k)
        .map(|i| percentile_sorted(&v, 100.0 * i as f64 / k as f64))
        .collect();
    upper.dedup();
    Some(Breaks { min: v[0], upper })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quantiles_match_numpy_linear_percentiles() {
        // numpy.percentile([1..10], [20, 40, 60, 80, 100]) = [2.8, 4.6, 6.4, 8.2, 10.0]
        let v: Vec<Option<f64>> = (1..=10).map(|x| Some(x as f64)).collect();
        let b = quantiles(&v, 5).unwrap();
        let expected = [2.8, 4.6, 6.4, 8.2, 10.0];
        for (a, e) in b.upper.iter().zip(expected) {
            assert!((a - e).abs() < 1e-12, "{a} vs {e}");
        }
        assert_eq!(b.min, 1.0);
        assert_eq!(b.class_of(Some(1.0)), Some(0));
        assert_eq!(b.class_of(Some(2.8)), Some(0));
        assert_eq!(b.class_of(Some(2.9)), Some(1));
        assert_eq!(b.class_of(Some(10.0)), Some(4));
        assert_eq!(b.class_of(None), None);
    }

    #[test]
    fn quantiles_skip_missing_and_merge_ties() {
        let v = vec![Some(1.0), None, Some(1.0), Some(1.0), Some(2.0)];
        let b = quantiles(&v, 4).unwrap();
        assert_eq!(b.upper, vec![1.0, 1.25, 2.0]);
        assert!(quantiles(&[None, None], 3).is_none());
    }
}
