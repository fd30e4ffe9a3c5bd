//! Everything a choropleth map and its legend show, computed once per (indicator, year, classes)
//! so the app's components only read it.

use crate::locale::{self, NumberStyle};
use crate::map::classes::{self, Breaks};

use crate::map::palette::{self, Palette, PaletteChoice};
use crate::model::{Atlas, Direction, IndicatorSpec};
use crate::project::ExploreParams;
use crate::stats::suppress::Withheld;
use crate::stats::{self, CityAverage};
use serde::{Deserialize, Serialize};

/// How the legend writes a class's range.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LegendStyle {
    /// "8,2 bis 12,5", "über 12,5 bis 15,0": says which end belongs to a class.
    #[default]
    Range,
    /// As German reports write it: "5,23 < 11,17", …, "34,93 und größer".
    Report,
}

impl LegendStyle {
    /// The name used in option values and project files (`range`, `report`).
    pub fn name(self) -> &'static str {
        match self {
            LegendStyle::Range => "range",
            LegendStyle::Report => "report",
        }
    }

    /// The style of a name; `None` for anything else.
    pub fn from_name(name: &str) -> Option<LegendStyle> {
        [LegendStyle::Range, LegendStyle::Report]
            .into_iter()
            .find(|s| s.name() == name)
    }
}

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
    /// How the legend writes the ranges.
    pub legend: LegendStyle,
    /// The fill of units without a value.
    pub missing_color: &'static str,
    /// Per unit: whether its value is withheld by the small-number rule (then it has no value
    /// and no class here, is not counted as missing, and is filled with
    /// [`palette::WITHHELD`]).
    pub withheld: Vec<bool>,
}

impl Choropleth {
    /// Classifies `ind` in `year` into `k` quantile classes. The palette follows the indicator's
    /// direction (`OrRd` for disadvantage, `Blues` otherwise).
    pub fn build(atlas: &Atlas, ind: &IndicatorSpec, year: i32, k: usize) -> Choropleth {
        let p = ExploreParams {
            classes: k,
            ..ExploreParams::default()
        };
        Self::classify(atlas, ind, year, &p, &Withheld::none())
    }

    /// The map of `ind` in `year` with the Explore settings `p`: its scheme with `p.classes`
    /// classes (standard deviations around the city average; manual with `p.breaks`), pooled
    /// over all years of the indicator when `p.pooled` (over `p.base_year` and `year` when a
    /// base year is chosen; then the centre of the standard
    /// deviations is the mean of the yearly city averages), on `p.palette`, labelled in the
    /// style `p.legend`. The values `withheld` holds back (small numbers) take no part in the
    /// breaks, whose bounds the legend shows; the city average is of the full data.
    pub fn classify(
        atlas: &Atlas,
        ind: &IndicatorSpec,
        year: i32,
        p: &ExploreParams,
        withheld: &Withheld,
    ) -> Choropleth {
        let centre = |y: i32| stats::city_average(atlas, ind, y).value;
        let breaks_of =
            |v: &[Option<f64>], c: Option<f64>| p.scheme.breaks(v, p.classes, &p.breaks, c);
        let shown = |y: i32| shown_values(atlas, ind, y, withheld);
        let values = shown(year);
        let breaks = if p.pooled {
            // Pooled over the base year and the year shown when a base year is chosen (the two
            // maps compared), else over every year.
            let years = match p.base_year.filter(|b| *b != year) {
                Some(b) if atlas.years_of(ind).contains(&b) => vec![b, year],
                _ => atlas.years_of(ind),
            };
            let all: Vec<Option<f64>> = years.iter().flat_map(|&y| shown(y)).collect();
            let centres: Vec<f64> = years.iter().filter_map(|&y| centre(y)).collect();
            let c =
                (!centres.is_empty()).then(|| centres.iter().sum::<f64>() / centres.len() as f64);
            breaks_of(&all, c)
        } else {
            None
        }
        .or_else(|| breaks_of(&values, centre(year)));
        let palette = match (p.palette, ind.direction) {
            (PaletteChoice::Greys, _) => Palette::Greys,
            (PaletteChoice::Viridis, _) => Palette::Viridis,
            (PaletteChoice::Auto, Direction::HighIsDisadvantage) => Palette::OrRd,
            (PaletteChoice::Auto, _) => Palette::Blues,
        };
        let mut map = Self::from_parts(
            year,
            values,
            breaks,
            move |k| palette.colors(k),
            stats::city_average(atlas, ind, year),
            ind.unit.clone(),
        );
        map.legend = p.legend;
        map.missing_color = palette.missing();
        // Data written with up to two decimals (or breaks typed so) are labelled with as many:
        // Dortmund's "5,23 < 11,17" rather than "5,2 < 11,2".
        let written = map.values.iter().flatten().chain(&p.breaks);
        if let Some(d) = written_decimals(written) {
            map.decimals = map.decimals.max(d);
        }
        map.withhold(&withheld.indicator(atlas, ind, year));
        map
    }

    /// The change of `ind` from `from` to `to` (later minus earlier: percentage points for
    /// shares in %, percent for counts), in five classes of standard deviations around zero (±0.5, ±1.5 SD) on a
    /// diverging palette: red where the change means more disadvantage. The "city average" is
    /// the change of the city average.
    pub fn change(
        atlas: &Atlas,
        ind: &IndicatorSpec,
        from: i32,
        to: i32,
        withheld: &Withheld,
    ) -> Choropleth {
        let count = ind.kind == crate::model::IndicatorKind::Count;
        let values: Vec<Option<f64>> = stats::change::changes(
            &shown_values(atlas, ind, from, withheld),
            &shown_values(atlas, ind, to, withheld),
        )
        .into_iter()
        .map(|c| match count {
            true => c.and_then(|c| c.percent),
            false => c.map(|c| c.absolute),
        })
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
            value: match count {
                true => stats::change::change(before.value, after.value).and_then(|c| c.percent),
                false => before.value.zip(after.value).map(|(x, y)| y - x),
            },
            ..after
        };
        let unit = match (count, ind.unit.as_str()) {
            (true, _) => "%".to_string(),
            (false, "%") => "%-Punkte".to_string(),
            (false, u) => u.to_string(),
        };
        let mut map = Self::from_parts(to, values, breaks, colors, average, unit);
        // A change gives away both years' values.
        let mut mask = withheld.indicator(atlas, ind, to);
        for (m, w) in mask.iter_mut().zip(withheld.indicator(atlas, ind, from)) {
            *m |= w;
        }
        map.withhold(&mask);
        map
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
            withheld: vec![false; values.len()],
            legend: LegendStyle::Range,
            missing_color: palette::MISSING,
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

    /// Withholds the values of the units marked in `mask` (the small-number rule): they lose
    /// value and class and are counted apart. The breaks stay those of the full data.
    pub fn withhold(&mut self, mask: &[bool]) {
        for (i, w) in mask.iter().enumerate().filter(|(_, w)| **w) {
            if i >= self.values.len() {
                break;
            }
            match self.classes[i].take() {
                Some(c) => self.counts[c] -= 1,
                None => self.missing -= 1,
            }
            self.values[i] = None;
            self.withheld[i] = *w;
        }
    }

    /// Number of units whose value is withheld.
    pub fn withheld_count(&self) -> usize {
        self.withheld.iter().filter(|w| **w).count()
    }

    /// The fill colour of unit `i`.
    pub fn fill(&self, i: usize) -> &'static str {
        match self.classes.get(i).copied().flatten() {
            Some(c) => self.colors[c],
            None if self.withheld.get(i).copied().unwrap_or(false) => palette::WITHHELD,
            None => self.missing_color,
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

    /// The range of class `i` for the legend. In the range style it says which end belongs to
    /// the class: the first holds both ends ("8,2 bis 12,5"), every other one its upper end only
    /// ("über 12,5 bis 15,0"), as [`crate::map::classes::Breaks::class_of`] assigns values. In
    /// the report style: "5,23 < 11,17" for every class but the last, "34,93 und größer" for
    /// the last (a value on a bound belongs to the lower class, as in the range style).
    pub fn class_label(&self, i: usize, lang: crate::locale::Lang) -> String {
        use crate::locale::Lang::{De, En};
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
                let last = i + 1 == b.k();
                match (self.legend, i, lang) {
                    (LegendStyle::Report, _, De) if last => format!("{} und größer", n(lo)),
                    (LegendStyle::Report, _, En) if last => format!("{} and above", n(lo)),
                    (LegendStyle::Report, _, _) => format!("{} < {}", n(lo), n(hi)),
                    (LegendStyle::Range, 0, De) => format!("{} bis {}", n(lo), n(hi)),
                    (LegendStyle::Range, 0, En) => format!("{} to {}", n(lo), n(hi)),
                    (LegendStyle::Range, _, De) => format!("über {} bis {}", n(lo), n(hi)),
                    (LegendStyle::Range, _, En) => format!("over {} to {}", n(lo), n(hi)),
                }
            }
            _ => String::new(),
        }
    }
}

/// The decimals needed to write every one of `values` exactly, when that is at most 2.
fn written_decimals<'a>(values: impl Iterator<Item = &'a f64> + Clone) -> Option<usize> {
    (0..=2).find(|&d| {
        let f = 10f64.powi(d as i32);
        values.clone().all(|v| {
            let x = v * f;
            (x - x.round()).abs() <= 1e-9 * x.abs().max(1.0)
        })
    })
}

/// The values of `ind` in `year` that are shown: those `withheld` holds back are missing.
fn shown_values(
    atlas: &Atlas,
    ind: &IndicatorSpec,
    year: i32,
    withheld: &Withheld,
) -> Vec<Option<f64>> {
    let mut v = atlas.indicator_values(ind, year);
    for (x, w) in v.iter_mut().zip(withheld.indicator(atlas, ind, year)) {
        if w {
            *x = None;
        }
    }
    v
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;

    /// The demo town with the values of its first indicator replaced by `values` (repeated).
    fn with_values(values: &[f64]) -> (Atlas, IndicatorSpec) {
        let mut atlas = demo::musterstadt();
        let n = atlas.units.len();
        atlas.table.columns.push(crate::model::Column {
            name: "quote".into(),
            values: crate::model::ColumnValues::Number(
                (0..n).map(|i| Some(values[i % values.len()])).collect(),
            ),
        });
        let spec = IndicatorSpec {
            id: "quote".into(),
            label: "SGB-II-Quote".into(),
            unit: "%".into(),
            value: Some("quote".into()),
            ..IndicatorSpec::default()
        };
        (atlas, spec)
    }

    #[test]
    fn dortmunds_six_equal_classes_in_report_style() {
        // Dortmund 2008, SGB II: six equal classes of width 5,94 from 5,23.
        let values = [5.23, 9.8, 12.4, 18.05, 21.7, 26.33, 30.1, 36.2, 40.87];
        let (atlas, spec) = with_values(&values);
        let p = ExploreParams {
            classes: 6,
            scheme: classes::Scheme::Equal,
            legend: LegendStyle::Report,
            ..ExploreParams::default()
        };
        let year = atlas.years.first().copied().unwrap_or(0);
        let m = Choropleth::classify(&atlas, &spec, year, &p, &Withheld::none());
        let labels: Vec<String> = (0..6)
            .map(|i| m.class_label(i, crate::locale::Lang::De))
            .collect();
        assert_eq!(
            labels,
            [
                "5,23 < 11,17",
                "11,17 < 17,11",
                "17,11 < 23,05",
                "23,05 < 28,99",
                "28,99 < 34,93",
                "34,93 und größer"
            ]
        );
        assert_eq!(m.class_label(5, crate::locale::Lang::En), "34.93 and above");
    }

    #[test]
    fn standard_deviations_centre_on_the_city_average_and_palettes_apply() {
        assert_eq!(classes::stddev_multiples(5), [-2.0, -1.0, 1.0, 2.0]);
        assert_eq!(classes::stddev_multiples(3), [-1.0, 1.0]);
        assert_eq!(classes::stddev_multiples(4), [-1.0, 0.0, 1.0]);
        assert_eq!(classes::stddev_multiples(6), [-2.0, -1.0, 0.0, 1.0, 2.0]);
        let atlas = demo::musterstadt();
        let ind = &atlas.indicators[0];
        let year = 2024;
        let p = ExploreParams {
            classes: 4,
            scheme: classes::Scheme::StdDev,
            palette: PaletteChoice::Greys,
            ..ExploreParams::default()
        };
        let m = Choropleth::classify(&atlas, ind, year, &p, &Withheld::none());
        // With an even number of classes the city average is a bound.
        let avg = stats::city_average(&atlas, ind, year).value.unwrap();
        let b = m.breaks.as_ref().unwrap();
        assert!(
            b.upper.iter().any(|u| (u - avg).abs() < 1e-9),
            "{b:?} {avg}"
        );
        assert_eq!(m.colors, Palette::Greys.colors(m.colors.len()));
        assert_eq!(m.missing_color, "#ffffff");
        // Manual breaks: the typed bounds and the maximum.
        let p = ExploreParams {
            scheme: classes::Scheme::Manual,
            breaks: vec![10.0, 20.0],
            ..ExploreParams::default()
        };
        let m = Choropleth::classify(&atlas, ind, year, &p, &Withheld::none());
        let b = m.breaks.as_ref().unwrap();
        assert_eq!(&b.upper[..2], &[10.0, 20.0]);
    }

    #[test]
    fn pooled_with_a_base_year_uses_that_year_and_the_year_shown() {
        use crate::model::{Column, ColumnValues, IndicatorKind, Table, Units};
        let col = |name: &str, v: [f64; 4]| Column {
            name: name.into(),
            values: ColumnValues::Number(v.iter().map(|x| Some(*x)).collect()),
        };
        let atlas = Atlas {
            units: Units::without_geometry((0..4).map(|i| i.to_string()).collect()),
            table: Table {
                columns: vec![
                    col("q_2020", [1.0, 2.0, 3.0, 4.0]),
                    col("q_2021", [100.0, 200.0, 300.0, 400.0]),
                    col("q_2022", [5.0, 6.0, 7.0, 8.0]),
                ],
            },
            years: vec![2020, 2021, 2022],
            ..Atlas::default()
        };
        let ind = IndicatorSpec {
            id: "q".into(),
            kind: IndicatorKind::Mean,
            value: Some("q".into()),
            ..IndicatorSpec::default()
        };
        let p = ExploreParams {
            pooled: true,
            scheme: classes::Scheme::Equal,
            classes: 2,
            base_year: Some(2020),
            ..ExploreParams::default()
        };
        let m = Choropleth::classify(&atlas, &ind, 2022, &p, &Withheld::none());
        // 2020 and 2022 only: 1 .. 8, not 1 .. 400.
        let b = m.breaks.unwrap();
        assert_eq!((b.min, b.upper.last().copied()), (1.0, Some(8.0)));
        let all = ExploreParams {
            base_year: None,
            ..p
        };
        let m = Choropleth::classify(&atlas, &ind, 2022, &all, &Withheld::none());
        assert_eq!(m.breaks.unwrap().upper.last().copied(), Some(400.0));
    }

    #[test]
    fn pooled_breaks_are_the_same_in_both_years_and_change_is_the_difference() {
        let atlas = demo::musterstadt();
        let ind = &atlas.indicators[0];
        let pooled = ExploreParams {
            pooled: true,
            ..ExploreParams::default()
        };
        let a = Choropleth::classify(&atlas, ind, 2023, &pooled, &Withheld::none());
        let b = Choropleth::classify(&atlas, ind, 2024, &pooled, &Withheld::none());
        assert_eq!(a.breaks, b.breaks);
        let v23 = atlas.indicator_values(ind, 2023);
        let v24 = atlas.indicator_values(ind, 2024);
        let pooled: Vec<Option<f64>> = v23.iter().chain(&v24).copied().collect();
        assert_eq!(a.breaks, classes::quantiles(&pooled, 5));
        let c = Choropleth::change(&atlas, ind, 2023, 2024, &Withheld::none());
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
