//! The area profile ("Steckbrief"): every indicator of one area next to the city average, with
//! the difference, the rank among all areas and the band ("über dem Durchschnitt" …). The app
//! shows it when an area is clicked and prints it on A4; the tooltip uses [`ranks`].

use crate::model::{Atlas, Direction, IndicatorSpec};
use crate::stats::band::{self, Band, BandParams};
use crate::stats::suppress::Withheld;
use crate::stats::{self, CityAverage};

/// Competition ranks ("1224" ranking) of the values, 1 = highest; `None` for missing values.
/// Ties share the best rank, as in `scipy.stats.rankdata(-x, method="min")`.
pub fn ranks(values: &[Option<f64>]) -> Vec<Option<usize>> {
    let mut order: Vec<(usize, f64)> = values
        .iter()
        .enumerate()
        .filter_map(|(i, v)| v.map(|v| (i, v)))
        .collect();
    // Ties get the same rank whatever their order: an unstable sort will do.
    order.sort_unstable_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = vec![None; values.len()];
    let mut rank = 0;
    let mut previous = None;
    for (pos, (i, v)) in order.into_iter().enumerate() {
        if previous != Some(v) {
            rank = pos + 1;
            previous = Some(v);
        }
        out[i] = Some(rank);
    }
    out
}

/// One indicator of an area profile.
#[derive(Clone, Debug, PartialEq)]
pub struct ProfileRow {
    /// Indicator label.
    pub label: String,
    /// Unit of the values, e.g. "%".
    pub unit: String,
    /// Whether a high value is a disadvantage.
    pub direction: Direction,
    /// The area's value.
    pub value: Option<f64>,
    /// The city average and its method.
    pub average: CityAverage,
    /// Value minus city average.
    pub difference: Option<f64>,
    /// Rank among the areas with a value, 1 = highest.
    pub rank: Option<usize>,
    /// Number of areas with a value (the rank's "von").
    pub ranked: usize,
    /// The band against the city average (relative, ±10 % / ±25 %).
    pub band: Option<Band>,
    /// Decimals that tell the areas apart (from the range of the values).
    pub decimals: usize,
    /// Whether the area's value is withheld by the small-number rule (then value, difference,
    /// rank and band are not given; the city average is of the full data).
    pub withheld: bool,
}

/// The profile of area `i`: one row per indicator in `year`, without the values `withheld`
/// holds back.
pub fn area_profile(
    atlas: &Atlas,
    indicators: &[IndicatorSpec],
    year: i32,
    i: usize,
    withheld: &Withheld,
) -> Vec<ProfileRow> {
    indicators
        .iter()
        .map(|ind| {
            let mut values = atlas.indicator_values(ind, year);
            let average = stats::city_average(atlas, ind, year);
            let mask = withheld.indicator(atlas, ind, year);
            for (v, _) in values.iter_mut().zip(&mask).filter(|(_, w)| **w) {
                *v = None;
            }
            let hidden = mask.get(i).copied().unwrap_or(false);
            let value = values.get(i).copied().flatten();
            let ranks = ranks(&values);
            let band = match (value, average.value) {
                (Some(v), Some(a)) => {
                    band::classify(&[Some(v)], a, None, &BandParams::default())[0]
                }
                _ => None,
            };
            ProfileRow {
                decimals: crate::locale::decimals_for_values(&values),
                label: ind.label.clone(),
                unit: ind.unit.clone(),
                direction: ind.direction,
                value,
                difference: value.zip(average.value).map(|(v, a)| v - a),
                average,
                rank: ranks.get(i).copied().flatten(),
                ranked: values.iter().flatten().count(),
                band,
                withheld: hidden,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn ranks_are_competition_ranks_from_the_top() {
        // scipy.stats.rankdata([-3, -1, -3, -2], method="min") == [1, 4, 1, 3]
        let r = ranks(&[Some(3.0), Some(1.0), None, Some(3.0), Some(2.0)]);
        assert_eq!(r, vec![Some(1), Some(4), None, Some(1), Some(3)]);
        assert!(ranks(&[]).is_empty());
    }

    #[test]
    fn demo_profile_has_a_row_per_indicator_with_consistent_numbers() {
        let atlas = demo::musterstadt();
        let year = 2024;
        let rows = area_profile(&atlas, &atlas.indicators, year, 0, &Withheld::none());
        assert_eq!(rows.len(), atlas.indicators.len());
        for (row, ind) in rows.iter().zip(&atlas.indicators) {
            let values = atlas.indicator_values(ind, year);
            assert_eq!(row.value, values[0]);
            assert_eq!(row.ranked, values.iter().flatten().count());
            let v = row.value.unwrap();
            let a = row.average.value.unwrap();
            assert!((row.difference.unwrap() - (v - a)).abs() < 1e-12);
            let higher = values.iter().flatten().filter(|&&x| x > v).count();
            assert_eq!(row.rank, Some(higher + 1));
            let rel = (v - a) / a;
            let expected = if rel < -0.25 {
                Band::ClearlyBelow
            } else if rel < -0.10 {
                Band::Below
            } else if rel <= 0.10 {
                Band::Average
            } else if rel <= 0.25 {
                Band::Above
            } else {
                Band::ClearlyAbove
            };
            // Exactly on a boundary the band module decides; the demo has no such value.
            assert_eq!(row.band, Some(expected), "{}", row.label);
        }
    }
}
