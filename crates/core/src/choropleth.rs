//! Everything a choropleth map and its legend show, computed once per (indicator, year, classes)
//! so the app's components only read it.

use crate::classes::{self, Breaks};
use crate::format::{self, NumberStyle};

use crate::model::{Atlas, Direction, IndicatorSpec};
use crate::palette::{self, Palette};
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
        let classes: Vec<Option<usize>> = match &breaks {
            Some(b) => values.iter().map(|v| b.class_of(*v)).collect(),
            None => vec![None; values.len()],
        };
        let k_eff = breaks.as_ref().map_or(0, Breaks::k);
        let mut counts = vec![0; k_eff];
        for c in classes.iter().flatten() {
            counts[*c] += 1;
        }
        let palette = match ind.direction {
            Direction::HighIsDisadvantage => Palette::OrRd,
            _ => Palette::Blues,
        };
        let decimals = breaks.as_ref().map_or(1, Breaks::label_decimals);
        Choropleth {
            year,
            missing: classes.iter().filter(|c| c.is_none()).count(),
            city_average: stats::city_average(atlas, ind, year),
            colors: palette.colors(k_eff),
            values,
            classes,
            breaks,
            counts,
            decimals,
            unit: ind.unit.clone(),
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
                let n = format::number(v, self.decimals, style);
                if self.unit.is_empty() {
                    n
                } else {
                    format!("{n} {}", self.unit)
                }
            }
            None => "–".to_string(),
        }
    }

    /// The range of class `i` for the legend, e.g. "8,2 – 12,5".
    pub fn class_label(&self, i: usize, style: NumberStyle) -> String {
        match &self.breaks {
            Some(b) if i < b.k() => {
                let (lo, hi) = b.range(i);
                format!(
                    "{} – {}",
                    format::number(lo, self.decimals, style),
                    format::number(hi, self.decimals, style)
                )
            }
            _ => String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

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
