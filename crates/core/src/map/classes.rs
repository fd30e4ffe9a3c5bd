//! Map class breaks and class lookup.
//!
//! A [`Breaks`] holds the upper bound of each class, ascending, as mapclassify does
//! (`bins`): a value `v` falls in the first class `i` with `v <= upper[i]`; the lowest class also
//! holds the minimum. Missing values have no class.
//!
//! Schemes, each defined as in mapclassify (the reference of the tests,
//! `tests/fixtures/classes/`):
//! - [`quantiles`]: linearly interpolated percentiles at `i/k` as mapclassify computes them,
//!   duplicates removed;
//! - [`equal_interval`]: `k` classes of equal width between minimum and maximum;
//! - [`fisher_jenks`]: the exact optimal partition into `k` classes (least within-class sum of
//!   squared deviations, Fisher 1958 / Jenks). Computed as weighted optimal 1-D partitioning over
//!   the distinct values with the divide-and-conquer speed-up of the dynamic programme (the
//!   cost satisfies the quadrangle inequality, so the optimal last split moves monotonically;
//!   Wang & Song 2011, Grønlund et al. 2017): O(k·d·log d) for d distinct values instead of
//!   the textbook O(k·n²). Equal values never fall in different classes;
//! - [`std_mean`]: mean (or another anchor such as the city average) ± multiples of the sample
//!   standard deviation, the maximum appended as mapclassify `StdMean` does ([`stddev_multiples`]
//!   for `k` classes);
//! - [`manual`]: user-given upper bounds, the maximum appended when above the last;
//! - pooled breaks for several years: compute any scheme on the values of all years together
//!   ([`pooled`]), so maps of different years share one legend.

use serde::{Deserialize, Serialize};

/// A class scheme the planner can choose (the option values of the app's `class-scheme` and the
/// CLI's `--scheme`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Scheme {
    /// Equal numbers of areas per class ([`quantiles`]).
    #[default]
    Quantile,
    /// Classes of equal width ([`equal_interval`]).
    Equal,
    /// Natural breaks ([`fisher_jenks`]).
    Jenks,
    /// Standard deviations around the city average ([`std_mean`] with [`stddev_multiples`]).
    StdDev,
    /// Breaks typed in by the user ([`manual`]).
    Manual,
}

impl Scheme {
    /// All schemes in the order the app offers them.
    pub const ALL: [Scheme; 5] = [
        Scheme::Quantile,
        Scheme::Equal,
        Scheme::Jenks,
        Scheme::StdDev,
        Scheme::Manual,
    ];

    /// The name used in option values, project files and the CLI (`quantile`, `equal`, `jenks`,
    /// `stddev`, `manual`).
    pub fn name(self) -> &'static str {
        match self {
            Scheme::Quantile => "quantile",
            Scheme::Equal => "equal",
            Scheme::Jenks => "jenks",
            Scheme::StdDev => "stddev",
            Scheme::Manual => "manual",
        }
    }

    /// The scheme of a name ([`Scheme::name`]); `None` for anything else.
    pub fn from_name(name: &str) -> Option<Scheme> {
        Scheme::ALL.into_iter().find(|s| s.name() == name)
    }

    /// The breaks of this scheme for `values` with `k` classes. `manual` are the upper bounds
    /// typed in (only for [`Scheme::Manual`]); `centre` is the centre of the standard
    /// deviations (the city average; the mean of the values when `None`).
    pub fn breaks(
        self,
        values: &[Option<f64>],
        k: usize,
        manual: &[f64],
        centre: Option<f64>,
    ) -> Option<Breaks> {
        match self {
            Scheme::Quantile => quantiles(values, k),
            Scheme::Equal => equal_interval(values, k),
            Scheme::Jenks => fisher_jenks(values, k),
            Scheme::StdDev => std_mean(values, &stddev_multiples(k), centre),
            Scheme::Manual => manual_breaks(values, manual),
        }
    }
}

/// The multiples of the standard deviation that bound `k` classes around the centre: for an odd
/// `k` the middle class spans ±1 SD and the others one SD each (`k` = 5: −2, −1, 1, 2, as
/// mapclassify's `StdMean`); for an even `k` the centre itself is a bound (`k` = 4: −1, 0, 1).
pub fn stddev_multiples(k: usize) -> Vec<f64> {
    if k < 2 {
        return vec![];
    }
    let half = (k - 1) / 2;
    if k % 2 == 1 {
        (1..=half)
            .rev()
            .map(|m| -(m as f64))
            .chain((1..=half).map(|m| m as f64))
            .collect()
    } else {
        (0..k - 1).map(|i| i as f64 - half as f64).collect()
    }
}

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

impl Breaks {
    /// Decimals for readable legend labels: the usual precision for the value range, raised until
    /// neighbouring bounds no longer print the same (at most 6).
    pub fn label_decimals(&self) -> usize {
        let bounds: Vec<f64> = std::iter::once(self.min)
            .chain(self.upper.iter().copied())
            .collect();
        let range = bounds[bounds.len() - 1] - bounds[0];
        let mut d = crate::locale::decimals_for(range);
        while d < 6 {
            let printed: Vec<String> = bounds.iter().map(|b| format!("{b:.d$}")).collect();
            if printed.windows(2).all(|w| w[0] != w[1]) {
                break;
            }
            d += 1;
        }
        d
    }
}

/// Linearly interpolated percentile of sorted data, computed as mapclassify does it (scipy's
/// `scoreatpercentile`, "fraction"): the two neighbours weighted by their distances, divided by
/// the sum of the weights; so that a bound that falls on a value is that very number.
fn percentile_sorted(sorted: &[f64], p: f64) -> f64 {
    let idx = p / 100.0 * (sorted.len() - 1) as f64;
    let i = idx.floor() as usize;
    if i as f64 == idx || i + 1 >= sorted.len() {
        return sorted[i.min(sorted.len() - 1)];
    }
    let j = (i + 1) as f64;
    let (w0, w1) = (j - idx, idx - i as f64);
    (sorted[i] * w0 + sorted[i + 1] * w1) / (w0 + w1)
}

/// The percentiles of `k` quantile classes as mapclassify makes them (`numpy.arange(w, 100 + w,
/// w)` with `w = 100 / k`, the last one at most 100).
fn quantile_percents(k: usize) -> Vec<f64> {
    let w = 100.0 / k as f64;
    let len = ((100.0 + w - w) / w).ceil() as usize;
    let second = w + w;
    let step = second - w;
    let mut p: Vec<f64> = (0..len)
        .map(|i| match i {
            0 => w,
            1 => second,
            _ => w + step * i as f64,
        })
        .collect();
    if let Some(last) = p.last_mut() {
        if *last > 100.0 {
            *last = 100.0;
        }
    }
    p
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
    v.sort_unstable_by(f64::total_cmp);
    let mut upper: Vec<f64> = quantile_percents(k)
        .into_iter()
        .map(|p| percentile_sorted(&v, p))
        .collect();
    upper.sort_unstable_by(f64::total_cmp);
    upper.dedup();
    Some(Breaks { min: v[0], upper })
}

/// The finite values, ascending.
pub(crate) fn valid_sorted(values: &[Option<f64>]) -> Vec<f64> {
    let mut v: Vec<f64> = values
        .iter()
        .flatten()
        .copied()
        .filter(|x| x.is_finite())
        .collect();
    v.sort_unstable_by(f64::total_cmp);
    v
}

/// Equal-interval breaks (mapclassify `EqualInterval`). `None` without valid values, for `k == 0`,
/// or when all values are equal. The bounds are computed as numpy's `arange` does (the first
/// bound plus multiples of the step between the first two), so that they are the very numbers
/// mapclassify gives and a value on a bound falls in the same class.
pub fn equal_interval(values: &[Option<f64>], k: usize) -> Option<Breaks> {
    let v = valid_sorted(values);
    let (min, max) = (*v.first()?, *v.last()?);
    if k == 0 || min == max {
        return None;
    }
    let width = (max - min) / k as f64;
    let first = min + width;
    let step = (first + width) - first;
    let mut upper: Vec<f64> = (0..k)
        .map(|i| match i {
            0 => first,
            1 => first + width,
            _ => first + step * i as f64,
        })
        .collect();
    upper[k - 1] = max;
    Some(Breaks { min, upper })
}

/// Standard-deviation breaks (mapclassify `StdMean`): `anchor + m * sd` for each multiple `m`
/// (ascending), `sd` the sample standard deviation; `anchor` defaults to the mean (pass the city
/// average to centre the map on it). The maximum is appended when above the last bound.
pub fn std_mean(values: &[Option<f64>], multiples: &[f64], anchor: Option<f64>) -> Option<Breaks> {
    let v = valid_sorted(values);
    if v.len() < 2 || multiples.is_empty() {
        return None;
    }
    let n = v.len() as f64;
    let mean = v.iter().sum::<f64>() / n;
    let sd = (v.iter().map(|x| (x - mean).powi(2)).sum::<f64>() / (n - 1.0)).sqrt();
    let centre = anchor.unwrap_or(mean);
    let mut upper: Vec<f64> = multiples.iter().map(|m| centre + m * sd).collect();
    let max = v[v.len() - 1];
    if upper[upper.len() - 1] < max {
        upper.push(max);
    }
    Some(Breaks { min: v[0], upper })
}

/// User-given upper bounds (ascending, duplicates removed); the maximum of the data is appended
/// when it lies above the last bound.
pub fn manual(values: &[Option<f64>], bounds: &[f64]) -> Option<Breaks> {
    manual_breaks(values, bounds)
}

fn manual_breaks(values: &[Option<f64>], bounds: &[f64]) -> Option<Breaks> {
    let v = valid_sorted(values);
    let mut upper: Vec<f64> = bounds.iter().copied().filter(|b| b.is_finite()).collect();
    upper.sort_unstable_by(f64::total_cmp);
    upper.dedup();
    let max = *v.last()?;
    if upper.last().is_none_or(|l| *l < max) {
        upper.push(max);
    }
    Some(Breaks { min: v[0], upper })
}

/// Breaks from the values of several years together, so that maps of these years are comparable.
pub fn pooled(
    years: &[&[Option<f64>]],
    scheme: impl Fn(&[Option<f64>]) -> Option<Breaks>,
) -> Option<Breaks> {
    let all: Vec<Option<f64>> = years.iter().flat_map(|y| y.iter().copied()).collect();
    scheme(&all)
}

/// Within-class sum of squared deviations of a classification (lower is better).
pub fn sum_squared_deviations(values: &[Option<f64>], breaks: &Breaks) -> f64 {
    let mut sums = vec![(0.0, 0.0, 0usize); breaks.k()];
    for v in values.iter().flatten() {
        if let Some(c) = breaks.class_of(Some(*v)) {
            sums[c].0 += v;
            sums[c].1 += v * v;
            sums[c].2 += 1;
        }
    }
    sums.iter()
        .filter(|s| s.2 > 0)
        .map(|(s1, s2, n)| (s2 - s1 * s1 / *n as f64).max(0.0))
        .sum()
}

/// Exact Fisher-Jenks natural breaks with `k` classes (see the module docs). With fewer distinct
/// values than `k`, each distinct value is a class.
pub fn fisher_jenks(values: &[Option<f64>], k: usize) -> Option<Breaks> {
    let v = valid_sorted(values);
    if v.is_empty() || k == 0 {
        return None;
    }
    // Distinct values with weights, centred for numerical stability.
    let mut xs: Vec<f64> = vec![];
    let mut ws: Vec<f64> = vec![];
    for x in &v {
        if xs.last() == Some(x) {
            *ws.last_mut().unwrap_or(&mut 0.0) += 1.0;
        } else {
            xs.push(*x);
            ws.push(1.0);
        }
    }
    let d = xs.len();
    if d <= k {
        return Some(Breaks {
            min: xs[0],
            upper: xs,
        });
    }
    let centre = v.iter().sum::<f64>() / v.len() as f64;
    let (mut w, mut s1, mut s2) = (vec![0.0; d + 1], vec![0.0; d + 1], vec![0.0; d + 1]);
    for i in 0..d {
        let x = xs[i] - centre;
        w[i + 1] = w[i] + ws[i];
        s1[i + 1] = s1[i] + ws[i] * x;
        s2[i + 1] = s2[i] + ws[i] * x * x;
    }
    // Sum of squared deviations of distinct values i..=j.
    let cost = |i: usize, j: usize| {
        let n = w[j + 1] - w[i];
        let a = s1[j + 1] - s1[i];
        (s2[j + 1] - s2[i] - a * a / n).max(0.0)
    };
    let mut prev: Vec<f64> = (0..d).map(|j| cost(0, j)).collect();
    // start[m][j]: first value of the last class when values 0..=j form m + 1 classes.
    let mut start: Vec<Vec<u32>> = vec![vec![0; d]; k];
    for (m, starts) in start.iter_mut().enumerate().skip(1) {
        let mut cur = vec![f64::INFINITY; d];
        let mut stack = vec![(m, d - 1, m, d - 1)];
        while let Some((jlo, jhi, ilo, ihi)) = stack.pop() {
            if jlo > jhi {
                continue;
            }
            let mid = jlo + (jhi - jlo) / 2;
            let (mut best, mut best_i) = (f64::INFINITY, ilo);
            for i in ilo..=ihi.min(mid) {
                let c = prev[i - 1] + cost(i, mid);
                if c < best {
                    best = c;
                    best_i = i;
                }
            }
            cur[mid] = best;
            starts[mid] = best_i as u32;
            if mid > jlo {
                stack.push((jlo, mid - 1, ilo, best_i));
            }
            stack.push((mid + 1, jhi, best_i, ihi));
        }
        prev = cur;
    }
    let mut upper = vec![0.0; k];
    let mut j = d - 1;
    for m in (0..k).rev() {
        upper[m] = xs[j];
        if m > 0 {
            j = start[m][j] as usize - 1;
        }
    }
    Some(Breaks { min: xs[0], upper })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// All partitions of sorted distinct values into k contiguous classes.
    fn brute_force_sse(x: &[f64], k: usize) -> f64 {
        fn rec(x: &[f64], k: usize) -> f64 {
            let sse = |s: &[f64]| {
                let m = s.iter().sum::<f64>() / s.len() as f64;
                s.iter().map(|v| (v - m).powi(2)).sum::<f64>()
            };
            if k == 1 {
                return sse(x);
            }
            (1..=x.len() - (k - 1))
                .map(|cut| sse(&x[..cut]) + rec(&x[cut..], k - 1))
                .fold(f64::INFINITY, f64::min)
        }
        rec(x, k)
    }

    #[test]
    fn fisher_jenks_is_optimal_against_brute_force_on_small_inputs() {
        use rand::{Rng, SeedableRng};
        let mut rng = rand_chacha::ChaCha8Rng::seed_from_u64(7);
        for trial in 0..300 {
            let n = rng.random_range(3..=11);
            let k = rng.random_range(2..=n.min(5));
            // Mix of clustered, skewed and tied values.
            let mut x: Vec<f64> = (0..n)
                .map(|_| {
                    (rng.random_range(0.0..1.0f64).powi(3)
                        * 100.0
                        * if trial % 3 == 0 { 1.0 } else { 0.1 })
                    .round()
                })
                .collect();
            x.sort_unstable_by(f64::total_cmp);
            let values: Vec<Option<f64>> = x.iter().map(|v| Some(*v)).collect();
            let b = fisher_jenks(&values, k).unwrap();
            let mut distinct = x.clone();
            distinct.dedup();
            if distinct.len() <= k {
                assert_eq!(b.upper, distinct);
                continue;
            }
            // Brute force over partitions that keep equal values together (expand weights).
            let best = brute_force_over_distinct(&x, &distinct, k);
            let ours = sum_squared_deviations(&values, &b);
            assert!(
                (ours - best).abs() < 1e-9 * (1.0 + best),
                "trial {trial}: {ours} vs {best} for {x:?} k={k}"
            );
            if distinct.len() == x.len() {
                assert!((brute_force_sse(&x, k) - best).abs() < 1e-9 * (1.0 + best));
            }
        }
    }

    fn brute_force_over_distinct(x: &[f64], distinct: &[f64], k: usize) -> f64 {
        fn rec(x: &[f64], d: &[f64], k: usize) -> f64 {
            let group = |lo: f64, hi: f64| -> Vec<f64> {
                x.iter().copied().filter(|v| *v >= lo && *v <= hi).collect()
            };
            let sse = |s: &[f64]| {
                let m = s.iter().sum::<f64>() / s.len() as f64;
                s.iter().map(|v| (v - m).powi(2)).sum::<f64>()
            };
            if k == 1 {
                return sse(&group(d[0], d[d.len() - 1]));
            }
            (1..=d.len() - (k - 1))
                .map(|cut| sse(&group(d[0], d[cut - 1])) + rec(x, &d[cut..], k - 1))
                .fold(f64::INFINITY, f64::min)
        }
        rec(x, distinct, k)
    }

    #[test]
    fn equal_interval_std_mean_and_manual_follow_mapclassify() {
        let v: Vec<Option<f64>> = (1..=10).map(|x| Some(x as f64)).collect();
        let b = equal_interval(&v, 3).unwrap();
        assert_eq!(b.upper, vec![4.0, 7.0, 10.0]);
        // mean 5.5, sample sd 3.02765...; cuts at -2, -1, 1, 2 sd, then the max.
        let b = std_mean(&v, &[-2.0, -1.0, 1.0, 2.0], None).unwrap();
        let sd = (82.5f64 / 9.0).sqrt();
        assert!((b.upper[0] - (5.5 - 2.0 * sd)).abs() < 1e-12);
        assert_eq!(
            b.k(),
            4,
            "+2 sd = 11.56 lies above the maximum: nothing appended"
        );
        let b = std_mean(&v, &[-1.0, 1.0], None).unwrap();
        assert_eq!(b.upper[2], 10.0, "the maximum is appended above +1 sd");
        let a = std_mean(&v, &[-1.0, 1.0], Some(4.0)).unwrap();
        assert!(
            (a.upper[0] - (4.0 - sd)).abs() < 1e-12,
            "anchored on the city average"
        );
        assert_eq!(manual(&v, &[3.0, 6.0]).unwrap().upper, vec![3.0, 6.0, 10.0]);
        let both = pooled(&[&v[..5], &v[5..]], |x| equal_interval(x, 3)).unwrap();
        assert_eq!(both, equal_interval(&v, 3).unwrap());
    }

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
    fn label_decimals_keep_neighbouring_bounds_apart() {
        let b = Breaks {
            min: 10.0,
            upper: vec![10.02, 10.04, 25.0],
        };
        assert_eq!(b.label_decimals(), 2);
        let b = Breaks {
            min: 0.0,
            upper: vec![250.0, 500.0, 1000.0],
        };
        assert_eq!(b.label_decimals(), 0);
        let b = Breaks {
            min: 2.5,
            upper: vec![4.65303, 6.76912, 17.79488],
        };
        assert_eq!(b.label_decimals(), 1);
    }

    #[test]
    fn quantiles_skip_missing_and_merge_ties() {
        let v = vec![Some(1.0), None, Some(1.0), Some(1.0), Some(2.0)];
        let b = quantiles(&v, 4).unwrap();
        assert_eq!(b.upper, vec![1.0, 1.25, 2.0]);
        assert!(quantiles(&[None, None], 3).is_none());
    }
}
