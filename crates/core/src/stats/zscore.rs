//! z-standardisation with the unweighted mean and standard deviation over the valid areas, as the
//! Berlin Monitoring Soziale Stadtentwicklung (MSS) does.
//!
//! The MSS divides by the population standard deviation (denominator n): its published z-values
//! (rounded to 0.01) are reproduced within 0.005 that way, and not with the sample SD
//! (`tests/mss_berlin.rs`). Areas that are excluded or lack a value get no z-value and do not
//! enter mean and SD.

use serde::{Deserialize, Serialize};

/// Which standard deviation to divide by.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Deviation {
    /// Population SD (denominator n), as the MSS.
    #[default]
    Population,
    /// Sample SD (denominator n - 1), as `scipy.stats.zscore(ddof=1)` or SPSS.
    Sample,
}

/// Mean and standard deviation used for a standardisation.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Moments {
    /// Unweighted mean of the valid values.
    pub mean: f64,
    /// Standard deviation of the valid values.
    pub sd: f64,
    /// Number of valid values.
    pub n: usize,
}

/// Mean and SD of the values where `include` is true and the value is present and finite.
/// `None` with fewer than two such values (or one for `Population`), or a zero SD.
pub fn moments(values: &[Option<f64>], include: &[bool], dev: Deviation) -> Option<Moments> {
    let valid: Vec<f64> = values
        .iter()
        .zip(include)
        .filter_map(|(v, inc)| v.filter(|x| *inc && x.is_finite()))
        .collect();
    let n = valid.len();
    let denom = match dev {
        Deviation::Population => n as f64,
        Deviation::Sample => n as f64 - 1.0,
    };
    if denom < 1.0 {
        return None;
    }
    let mean = valid.iter().sum::<f64>() / n as f64;
    let ss: f64 = valid.iter().map(|x| (x - mean).powi(2)).sum();
    let sd = (ss / denom).sqrt();
    (sd > 0.0).then_some(Moments { mean, sd, n })
}

/// z-values of the included areas; excluded or missing areas get `None`. All `None` when the
/// moments cannot be computed.
pub fn zscores(
    values: &[Option<f64>],
    include: &[bool],
    dev: Deviation,
) -> (Vec<Option<f64>>, Option<Moments>) {
    let m = moments(values, include, dev);
    let z = values
        .iter()
        .zip(include)
        .map(|(v, inc)| match (v, m) {
            (Some(x), Some(m)) if *inc && x.is_finite() => Some((x - m.mean) / m.sd),
            _ => None,
        })
        .collect();
    (z, m)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_scipy_zscore_with_both_deviations() {
        // scipy.stats.zscore([2, 4, 4, 4, 5, 5, 7, 9], ddof=0) = [-1.5, -0.5, -0.5, -0.5, 0, 0, 1, 2]
        let v: Vec<Option<f64>> = [2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0]
            .iter()
            .map(|x| Some(*x))
            .collect();
        let all = vec![true; v.len()];
        let (z, m) = zscores(&v, &all, Deviation::Population);
        assert_eq!(m.unwrap().sd, 2.0);
        let expect = [-1.5, -0.5, -0.5, -0.5, 0.0, 0.0, 1.0, 2.0];
        for (a, e) in z.iter().zip(expect) {
            assert!((a.unwrap() - e).abs() < 1e-12);
        }
        // ddof=1: sd = sqrt(32 / 7)
        let (_, m) = zscores(&v, &all, Deviation::Sample);
        assert!((m.unwrap().sd - (32.0f64 / 7.0).sqrt()).abs() < 1e-12);
    }

    #[test]
    fn excluded_and_missing_areas_take_no_part() {
        let v = vec![Some(1.0), Some(3.0), None, Some(1000.0)];
        let (z, m) = zscores(&v, &[true, true, true, false], Deviation::Population);
        assert_eq!(m.unwrap().mean, 2.0);
        assert_eq!(z, vec![Some(-1.0), Some(1.0), None, None]);
        assert!(
            moments(
                &[Some(1.0), Some(1.0)],
                &[true, true],
                Deviation::Population
            )
            .is_none(),
            "zero SD"
        );
    }
}
