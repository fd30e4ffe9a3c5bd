//! Statistics: city averages ("städtischer Durchschnitt") here; z-scores in [`zscore`]; the
//! composite status and dynamic index of the Berlin MSS in [`index`]; classification of each
//! indicator against the city average in [`band`]; changes between years in [`change`];
//! small-number suppression in [`suppress`]; time series of an area, its coarser level and the
//! city in [`series`]; one area against the city on every indicator (the
//! Steckbrief) in [`area_profile`].
//!
//! Convention (DESIGN.md, statistics): the average of a share is the total numerator over the
//! total denominator when both columns are known (ratio of sums); a population-weighted mean when
//! only a value column and a population column are known; otherwise the unweighted mean of the
//! areas, which the legend must say. Units with a missing value take no part.

pub mod area_profile;
pub mod band;
pub mod change;
pub mod index;
pub mod series;
pub mod suppress;
pub mod zscore;

use crate::model::{Atlas, IndicatorSpec};
use serde::{Deserialize, Serialize};

/// How a city average was computed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum AverageMethod {
    /// Sum of numerators over sum of denominators (the correct average of a share).
    RatioOfSums,
    /// Mean of the unit values weighted by population.
    PopulationWeighted,
    /// Plain mean of the unit values (no weights known).
    Unweighted,
    /// Sum over all units (for counts).
    Total,
}

/// A city average and how it was obtained.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct CityAverage {
    /// The value; `None` when no unit has data.
    pub value: Option<f64>,
    /// The method used.
    pub method: AverageMethod,
    /// Number of units that entered the average.
    pub n: usize,
}

/// The city average of indicator `ind` in `year`, following the convention in the module docs.
///
/// For counts the "average" shown is the mean per unit, and the method says `Unweighted`;
/// use [`total`] for the city total.
pub fn city_average(atlas: &Atlas, ind: &IndicatorSpec, year: i32) -> CityAverage {
    if let (Some(num), Some(den)) = (&ind.numerator, &ind.denominator) {
        if let (Some(a), Some(b)) = (atlas.numbers(num, year), atlas.numbers(den, year)) {
            let (mut sa, mut sb, mut n) = (0.0, 0.0, 0);
            for (a, b) in a.iter().zip(b) {
                if let (Some(a), Some(b)) = (a, b) {
                    if *b > 0.0 {
                        sa += a;
                        sb += b;
                        n += 1;
                    }
                }
            }
            let value = (sb > 0.0).then(|| ind.scale * sa / sb);
            return CityAverage {
                value,
                method: AverageMethod::RatioOfSums,
                n,
            };
        }
    }
    let values = atlas.indicator_values(ind, year);
    if ind.kind != crate::model::IndicatorKind::Count {
        if let Some(pop) = atlas.population(year) {
            return weighted_mean(&values, pop);
        }
    }
    unweighted_mean(&values)
}

/// The mean of `values` weighted by `weights` (units with a missing value or weight, or a
/// weight of zero or below, take no part): the population-weighted city average.
pub fn weighted_mean(values: &[Option<f64>], weights: &[Option<f64>]) -> CityAverage {
    let (mut sw, mut swx, mut n) = (0.0, 0.0, 0);
    for (v, w) in values.iter().zip(weights) {
        if let (Some(v), Some(w)) = (v, w) {
            if *w > 0.0 {
                sw += w;
                swx += w * v;
                n += 1;
            }
        }
    }
    CityAverage {
        value: (sw > 0.0).then(|| swx / sw),
        method: AverageMethod::PopulationWeighted,
        n,
    }
}

/// The plain mean of the units' values (units with a missing value take no part).
pub fn unweighted_mean(values: &[Option<f64>]) -> CityAverage {
    let valid: Vec<f64> = values.iter().flatten().copied().collect();
    CityAverage {
        value: (!valid.is_empty()).then(|| valid.iter().sum::<f64>() / valid.len() as f64),
        method: AverageMethod::Unweighted,
        n: valid.len(),
    }
}

/// The sum of a numeric column stem in a year over all units with a value.
pub fn total(atlas: &Atlas, stem: &str, year: i32) -> Option<f64> {
    let v = atlas.numbers(stem, year)?;
    Some(v.iter().flatten().sum())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;

    fn tiny() -> Atlas {
        let units = Units {
            keys: vec!["a".into(), "b".into(), "c".into()],
            names: vec!["A".into(), "B".into(), "C".into()],
            geometry: vec![geo::MultiPolygon(vec![]); 3],
            crs: None,
        };
        let num = |name: &str, v: Vec<Option<f64>>| Column {
            name: name.into(),
            values: ColumnValues::Number(v),
        };
        Atlas {
            units,
            table: Table {
                columns: vec![
                    num("sgb2", vec![Some(10.0), Some(90.0), None]),
                    num("ew", vec![Some(100.0), Some(300.0), Some(50.0)]),
                    num("alter", vec![Some(40.0), Some(44.0), Some(30.0)]),
                ],
            },
            population: Some("ew".into()),
            ..Default::default()
        }
    }

    fn share() -> IndicatorSpec {
        IndicatorSpec {
            id: "q".into(),
            label: "Quote".into(),
            unit: "%".into(),
            direction: Direction::HighIsDisadvantage,
            kind: IndicatorKind::Share,
            value: None,
            numerator: Some("sgb2".into()),
            denominator: Some("ew".into()),
            scale: 100.0,
            ..IndicatorSpec::default()
        }
    }

    #[test]
    fn share_average_is_ratio_of_sums_not_mean_of_shares() {
        let a = tiny();
        let avg = city_average(&a, &share(), 0);
        // (10 + 90) / (100 + 300) = 25 %, while the mean of 10 % and 30 % would be 20 %.
        assert_eq!(avg.method, AverageMethod::RatioOfSums);
        assert!((avg.value.unwrap() - 25.0).abs() < 1e-12);
        assert_eq!(avg.n, 2, "the unit with a missing numerator is left out");
    }

    #[test]
    fn mean_indicator_is_population_weighted_when_population_known() {
        let mut a = tiny();
        let ind = IndicatorSpec {
            kind: IndicatorKind::Mean,
            value: Some("alter".into()),
            numerator: None,
            denominator: None,
            ..share()
        };
        let avg = city_average(&a, &ind, 0);
        assert_eq!(avg.method, AverageMethod::PopulationWeighted);
        let expected = (40.0 * 100.0 + 44.0 * 300.0 + 30.0 * 50.0) / 450.0;
        assert!((avg.value.unwrap() - expected).abs() < 1e-12);
        a.population = None;
        let avg = city_average(&a, &ind, 0);
        assert_eq!(avg.method, AverageMethod::Unweighted);
        assert!((avg.value.unwrap() - 38.0).abs() < 1e-12);
    }
}
