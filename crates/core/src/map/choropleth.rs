//! Everything a choropleth map and its legend show, computed once per (indicator, year, classes)
//! so the app's components only read it.

use crate::locale::{self, NumberStyle};
use crate::map::classes::{self, Breaks};

use crate::map::palette::{self, Palette};
use crate::model::{Atlas, Direction, IndicatorSpec};
use crate::stats::{self, CityAverage};

/// A classified indicator ready to draw: values, classes, colours, legend rows, city average.
#[derive(Clone, Debug, PartialEq)]
pub struct Choropleth {
    /// The year shown.
    pub year: i32,
    /// The value of each unit (aligned with the units).
    pub values: Vec<Option<f64>>,
    /// The class of each unit; `None` for missing values.
    pub classes: Vec<Option<usize>>,
    /// The class breaks; `None` when no unit has a value.
    pub breaks: Option<Breaks>,
    /// One colour per class, light to dark.
    pub colors: Vec<&'static str>,
    /// Number of units per class.
    pub counts: Vec<usize>,
    /// Number of units without a value.
    pub missing: usize,
    /// The city average of the indicator.
    pub city_average: CityAverage,
    /// Decimals used for labels.
    pub decimals: usize,
    /// Unit of the values, e.g. "%".
    pub unit: String,
}

impl Choropleth {
    /// Classifies `ind` in `year` into `k` quantile classes. The palette follows the indicator's
    /// direction (`OrRd` for disadvantage, `Blues` otherwise).
    pub fn build(atlas: &Atlas, ind: &IndicatorSpec, year: i32, k: usize) -> Choropleth {
        let values = atlas.indicator_values(ind, year);
        let breaks = classes::quantiles(&values, k);
        Self::level(atlas, ind, year, values, breaks)
    }

    /// As [`Choropleth::build`], with quantile breaks pooled over all years of the atlas, so that
    /// the maps of different years use the same classes and can be compared.
    pub fn build_pooled(atlas: &Atlas, ind: &IndicatorSpec, year: i32, k: usize) -> Choropleth {
        let all: Vec<Vec<Option<f64>>> = atlas
            .years_of(ind)
            .iter()
            .map(|&y| atlas.indicator_values(ind, y))
            .collect();
        let refs: Vec<&[Option<f64>]> = all.iter().map(Vec::as_slice).collect();
        let breaks = if refs.is_empty() {
            None
        } else {
            classes::pooled(&refs, |v| classes::quantiles(v, k))
        };
        let values = atlas.indicator_values(ind, year);
        let breaks = breaks.or_else(|| classes::quantiles(&values, k));
        Self::level(atlas, ind, year, values, breaks)
    }

    /// The map of the values of `year` with the given breaks on the indicator's sequential
    /// palette.
    fn level(
        atlas: &Atlas,
        ind: &IndicatorSpec,
        year: i32,
        values: Vec<Option<f64>>,
        breaks: Option<Breaks>,
    ) -> Choropleth {
        let average = stats::city_average(atlas, ind, year);
        Self::from_parts(
            year,
            values,
            breaks,
            sequential(ind),
            average,
            ind.unit.clone(),
        )
    }

    /// The change of `ind` from `from` to `to` (later minus earlier; percentage points for
    /// shares in %), in five classes of standard deviations around zero (±0.5, ±1.5 SD) on a
    /// diverging palette: red where the change means more disadvantage. The "city average" is
    /// the change of the city average.
    pub fn change(atlas: &Atlas, ind: &IndicatorSpec, from: i32, to: i32) -> Choropleth {
        let values: Vec<Option<f64>> = stats::change::changes(
            &atlas.indicator_values(ind, from),
            &atlas.indicator_values(ind, to),
        )
        .into_iter()
        .map(|c| c.map(|c| c.absolute))
        .collect();
        let breaks = classes::std_mean(&values, &[-1.5, -0.5, 0.5, 1.5], Some(0.0));
        let flip = ind.direction == Direction::HighIsAdvantage;
        let colors = move |k: usize| {
            let mut c = Palette::BuYlRd.colors(k);
            if flip {
                c.reverse();
            }
            c
        };
        let before = stats::city_average(atlas, ind, from);
        let after = stats::city_average(atlas, ind, to);
        let average = CityAverage {
            value: before.value.zip(after.value).map(|(x, y)| y - x),
            ..after
        };
        let unit = if ind.unit == "%" {
            "%-Punkte".to_string()
        } else {
            ind.unit.clone()
        };
        Self::from_parts(to, values, breaks, colors, average, unit)
    }

    fn from_parts(
        year: i32,
        values: Vec<Option<f64>>,
        breaks: Option<Breaks>,
        palette: impl Fn(usize) -> Vec<&'static str>,
        city_average: CityAverage,
        unit: String,
    ) -> Choropleth {
        let classes: Vec<Option<usize>> = match &breaks {
            Some(b) => values.iter().map(|v| b.class_of(*v)).collect(),
            None => vec![None; values.len()],
        };
        let k_eff = breaks.as_ref().map_or(0, Breaks::k);
        let mut counts = vec![0; k_eff];
        for c in classes.iter().flatten() {
            counts[*c] += 1;
        }
        let decimals = breaks.as_ref().map_or(1, Breaks::label_decimals);
        let mut colors = palette(k_eff);
        colors.resize(k_eff, palette::MISSING);
        Choropleth {
            year,
            missing: classes.iter().filter(|c| c.is_none()).count(),
            city_average,
            colors,
            values,
            classes,
            breaks,
            counts,
            decimals,
            unit,
        }
    }

    /// The fill colour of unit `i`.
    pub fn fill(&self, i: usize) -> &'static str {
        match self.classes.get(i).copied().flatten() {
            Some(c) => self.colors[c],
            None => palette::MISSING,
        }
    }

    /// A value with the map's decimals and unit, e.g. "12,3 %".
    pub fn value_label(&self, v: Option<f64>, style: NumberStyle) -> String {
        match v {
            Some(v) => {
                let n = locale::number(v, self.decimals, style);
                if self.unit.is_empty() {
                    n
                } else {
                    format!("{n} {}", self.unit)
                }
            }
            None => "–".to_string(),
        }
    }

    /// The range of class `i` for the legend, saying which end belongs to it: the first class
    /// holds both ends ("8,2 bis 12,5"), every other one its upper end only ("über 12,5 bis
    /// 15,0"), as [`crate::map::classes::Breaks::class_of`] assigns values.
    pub fn class_label(&self, i: usize, lang: crate::locale::Lang) -> String {
        let style = lang.numbers();
        match &self.breaks {
            Some(b) if i < b.k() => {
                let (lo, hi) = b.range(i);
                let n = |x: f64| locale::number(x, self.decimals, style);
                if hi < lo {
                    // A class below the smallest value (standard-deviation breaks): no area
                    // falls in it; say what it would hold.
                    return format!("≤ {}", n(hi));
                }
                match (i, lang) {
                    (0, crate::locale::Lang::De) => format!("{} bis {}", n(lo), n(hi)),
                    (0, crate::locale::Lang::En) => format!("{} to {}", n(lo), n(hi)),
                    (_, crate::locale::Lang::De) => format!("über {} bis {}", n(lo), n(hi)),
                    (_, crate::locale::Lang::En) => format!("over {} to {}", n(lo), n(hi)),
                }
            }
            _ => String::new(),
        }
    }
}

/// The sequential palette of an indicator: `OrRd` for disadvantage, `Blues` otherwise.
fn sequential(ind: &IndicatorSpec) -> impl Fn(usize) -> Vec<&'static str> {
    let palette = match ind.direction {
        Direction::HighIsDisadvantage => Palette::OrRd,
        _ => Palette::Blues,
    };
    move |k| palette.colors(k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    #[test]
    fn pooled_breaks_are_the_same_in_both_years_and_change_is_the_difference() {
        let atlas = demo::musterstadt();
        let ind = &atlas.indicators[0];
        let a = Choropleth::build_pooled(&atlas, ind, 2023, 5);
        let b = Choropleth::build_pooled(&atlas, ind, 2024, 5);
        assert_eq!(a.breaks, b.breaks);
        let v23 = atlas.indicator_values(ind, 2023);
        let v24 = atlas.indicator_values(ind, 2024);
        let pooled: Vec<Option<f64>> = v23.iter().chain(&v24).copied().collect();
        assert_eq!(a.breaks, classes::quantiles(&pooled, 5));
        let c = Choropleth::change(&atlas, ind, 2023, 2024);
        for i in 0..atlas.units.len() {
            let d = v24[i].unwrap() - v23[i].unwrap();
            assert!((c.values[i].unwrap() - d).abs() < 1e-12);
        }
        assert_eq!(c.unit, "%-Punkte");
        for k in 0..c.breaks.as_ref().unwrap().k() {
            let label = c.class_label(k, crate::locale::Lang::De);
            let (lo, hi) = c.breaks.as_ref().unwrap().range(k);
            assert!(lo <= hi || label.starts_with('≤'), "{label}");
            assert!(label.starts_with('≤') || label.contains(" bis "), "{label}");
            assert_eq!(k > 0 && lo <= hi, label.starts_with("über "), "{label}");
        }
        assert_eq!(c.colors.len(), c.breaks.as_ref().unwrap().k());
        let avg = stats::city_average(&atlas, ind, 2024).value.unwrap()
            - stats::city_average(&atlas, ind, 2023).value.unwrap();
        assert!((c.city_average.value.unwrap() - avg).abs() < 1e-12);
    }

    #[test]
    fn demo_map_classes_every_unit_and_counts_add_up() {
        let atlas = demo::musterstadt();
        for ind in &atlas.indicators {
            let m = Choropleth::build(&atlas, ind, 2024, 5);
            assert_eq!(m.classes.len(), atlas.units.len());
            assert_eq!(
                m.counts.iter().sum::<usize>() + m.missing,
                atlas.units.len(),
                "{}",
                ind.id
            );
            assert_eq!(m.colors.len(), m.counts.len());
            let avg = m.city_average.value.unwrap();
            let b = m.breaks.as_ref().unwrap();
            assert!(avg >= b.min && avg <= b.upper[b.k() - 1], "{}", ind.id);
        }
    }
}
