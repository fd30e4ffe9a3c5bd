//! Time series of one indicator, as the monitoring reports draw them: an area, the Sozialraum
//! of a coarser level it lies in, and the city (its average, computed as in the maps), over
//! every year with data; and the change between two chosen years (percentage points for
//! percentages, percent for counts, as [`super::change`] defines it).

use super::change::{self, Change};
use super::suppress::Withheld;
use crate::model::{Atlas, IndicatorKind, IndicatorSpec};
use serde::Serialize;

/// One line of a time chart.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Line {
    /// What the line shows: the area's name, the coarser Sozialraum's name, or the city
    /// ([`city_name`]).
    pub name: String,
    /// One value per year of the series (`None`: no data, or withheld).
    pub values: Vec<Option<f64>>,
    /// Per year: whether the value is withheld by the small-number rule.
    pub withheld: Vec<bool>,
}

/// The time series of an indicator for one area (see the module docs).
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Series {
    /// The indicator's label.
    pub label: String,
    /// The unit of the values, e.g. "%".
    pub unit: String,
    /// Whether the indicator is a count (its change is then given in percent).
    pub count: bool,
    /// The years with data of the indicator, ascending.
    pub years: Vec<i32>,
    /// The area.
    pub area: Line,
    /// The Sozialraum of the coarser level the area lies in, if one is given.
    pub coarser: Option<Line>,
    /// The city average.
    pub city: Line,
    /// Decimals that tell the values apart.
    pub decimals: usize,
}

/// A coarser level for [`series`]: the coarser Sozialräume as an atlas with their aggregated
/// figures (e.g. [`crate::project::derive::aggregate`]) and which of them the area lies in.
#[derive(Clone, Copy, Debug)]
pub struct Coarser<'a> {
    /// The coarser Sozialräume.
    pub atlas: &'a Atlas,
    /// The one the area lies in.
    pub area: usize,
    /// What the small-number rule withholds in them.
    pub withheld: &'a Withheld,
}

/// The series of `spec` for area `area` of `atlas`, with the values `withheld` left out, its
/// coarser Sozialraum if given, and the city average.
pub fn series(
    atlas: &Atlas,
    spec: &IndicatorSpec,
    area: usize,
    withheld: &Withheld,
    coarser: Option<Coarser>,
) -> Series {
    let years = match atlas.years_of(spec) {
        y if y.is_empty() => vec![0],
        y => y,
    };
    let line = |name: String, atlas: &Atlas, i: usize, withheld: &Withheld| {
        let hidden: Vec<bool> = years
            .iter()
            .map(|&y| {
                withheld
                    .indicator(atlas, spec, y)
                    .get(i)
                    .copied()
                    .unwrap_or(false)
            })
            .collect();
        let values = years
            .iter()
            .zip(&hidden)
            .map(|(&y, h)| {
                let v = atlas.indicator_values(spec, y).get(i).copied().flatten();
                v.filter(|_| !h)
            })
            .collect();
        Line {
            name,
            values,
            withheld: hidden,
        }
    };
    let area_line = line(atlas.units.names[area].clone(), atlas, area, withheld);
    let coarser = coarser.filter(|c| c.area < c.atlas.units.len()).map(|c| {
        line(
            c.atlas.units.names[c.area].clone(),
            c.atlas,
            c.area,
            c.withheld,
        )
    });
    let count = spec.kind == IndicatorKind::Count;
    let city = Line {
        name: city_name(count, crate::locale::Lang::De).into(),
        values: years
            .iter()
            .map(|&y| super::city_average(atlas, spec, y).value)
            .collect(),
        withheld: vec![false; years.len()],
    };
    let all: Vec<Option<f64>> = years
        .iter()
        .flat_map(|&y| atlas.indicator_values(spec, y))
        .collect();
    Series {
        label: spec.label.clone(),
        unit: spec.unit.clone(),
        count,
        decimals: crate::locale::decimals_for_values(&all),
        years,
        area: area_line,
        coarser,
        city,
    }
}

/// The name of the city line: its average, for counts the mean per area.
pub fn city_name(count: bool, lang: crate::locale::Lang) -> &'static str {
    use crate::locale::Lang::{De, En};
    match (count, lang) {
        (false, De) => "Stadt",
        (false, En) => "City",
        (true, De) => "Stadt (Ø je Gebiet)",
        (true, En) => "City (mean per area)",
    }
}

impl Series {
    /// The change of `line` from year `from` to year `to` (`None` when either value is
    /// missing or withheld, or a year is not in the series).
    pub fn change(&self, line: &Line, from: i32, to: i32) -> Option<Change> {
        let at = |y: i32| {
            self.years
                .iter()
                .position(|&x| x == y)
                .and_then(|i| line.values[i])
        };
        change::change(at(from), at(to))
    }

    /// The change as the reports write it: percentage points for percentages, percent for
    /// counts, else in the indicator's unit; with sign, in `style`.
    pub fn change_text(&self, c: &Change, style: crate::locale::NumberStyle) -> String {
        let n = |x: f64| crate::locale::signed(x, self.decimals.max(1), style);
        match (self.count, self.unit.as_str()) {
            (true, _) => c.percent.map_or("–".into(), |p| format!("{} %", n(p))),
            (false, "%") => format!("{} %-Punkte", n(c.absolute)),
            (false, "") => n(c.absolute),
            (false, u) => format!("{} {u}", n(c.absolute)),
        }
    }

    /// Every line of the chart: the area, the coarser Sozialraum, the city.
    pub fn lines(&self) -> Vec<&Line> {
        std::iter::once(&self.area)
            .chain(&self.coarser)
            .chain(std::iter::once(&self.city))
            .collect()
    }

    /// The series as CSV (`year`, one column per line, the city named in `lang`; withheld
    /// values as `geheim`).
    pub fn csv(&self, style: crate::export::CsvStyle, lang: crate::locale::Lang) -> String {
        let lines = self.lines();
        let mut header = vec!["year".to_string()];
        header.extend(lines.iter().map(|l| l.name.clone()));
        if let Some(city) = header.last_mut() {
            *city = city_name(self.count, lang).to_string();
        }
        let rows: Vec<Vec<String>> = self
            .years
            .iter()
            .enumerate()
            .map(|(i, y)| {
                // Years as such, months and days in ISO form (2024-06, 2024-12-31).
                let mut row = vec![crate::model::period_label(*y, crate::locale::Lang::En)];
                row.extend(lines.iter().map(|l| match (l.withheld[i], l.values[i]) {
                    (true, _) => super::suppress::WITHHELD.to_string(),
                    (false, Some(v)) => crate::export::csv_number(v, style),
                    (false, None) => String::new(),
                }));
                row
            })
            .collect();
        crate::export::csv_table(&header, &rows, style)
    }
}

/// Which Sozialraum of a coarser definition (by `assign`, one entry per base unit) holds the
/// most of `units` (all of them when the levels nest); `None` when none is assigned.
pub fn coarser_area(assign: &[Option<u32>], units: &[usize]) -> Option<usize> {
    let mut count: std::collections::BTreeMap<u32, usize> = Default::default();
    for &u in units {
        if let Some(Some(a)) = assign.get(u) {
            *count.entry(*a).or_default() += 1;
        }
    }
    count
        .into_iter()
        .max_by_key(|(a, c)| (*c, std::cmp::Reverse(*a)))
        .map(|(a, _)| a as usize)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Column, ColumnValues, Table, Units};

    fn three_years() -> (Atlas, IndicatorSpec) {
        let num = |name: &str, v: [f64; 3]| Column {
            name: name.into(),
            values: ColumnValues::Number(v.iter().map(|x| Some(*x)).collect()),
        };
        let atlas = Atlas {
            units: Units::without_geometry(vec!["a".into(), "b".into(), "c".into()]),
            table: Table {
                columns: vec![
                    num("alo_2020", [10.0, 20.0, 2.0]),
                    num("ew_2020", [100.0, 100.0, 50.0]),
                    num("alo_2021", [12.0, 18.0, 4.0]),
                    num("ew_2021", [100.0, 100.0, 50.0]),
                    num("alo_2022", [15.0, 16.0, 5.0]),
                    num("ew_2022", [100.0, 100.0, 50.0]),
                ],
            },
            years: vec![2020, 2021, 2022],
            population: Some("ew".into()),
            ..Atlas::default()
        };
        let spec = IndicatorSpec {
            id: "q".into(),
            label: "Quote".into(),
            unit: "%".into(),
            kind: IndicatorKind::Share,
            numerator: Some("alo".into()),
            denominator: Some("ew".into()),
            scale: 100.0,
            ..IndicatorSpec::default()
        };
        (atlas, spec)
    }

    #[test]
    fn every_year_of_the_area_and_the_city_ratio_of_sums() {
        let (atlas, spec) = three_years();
        let s = series(&atlas, &spec, 0, &Withheld::none(), None);
        assert_eq!(s.years, vec![2020, 2021, 2022]);
        assert_eq!(s.area.values, vec![Some(10.0), Some(12.0), Some(15.0)]);
        // City: (10 + 20 + 2) / 250 = 12.8 %, then 34 / 250, 36 / 250.
        assert_eq!(s.city.values, vec![Some(12.8), Some(13.6), Some(14.4)]);
        let c = s.change(&s.area, 2020, 2022).unwrap();
        assert_eq!(c.absolute, 5.0);
        assert_eq!(
            s.change_text(&c, crate::locale::NumberStyle::German),
            "+5,0 %-Punkte"
        );
        assert!(s
            .csv(crate::export::CsvStyle::Plain, crate::locale::Lang::De)
            .starts_with("year,a,Stadt\r\n2020,10,12.8\r\n"));
    }

    #[test]
    fn withheld_years_are_gaps_and_counts_change_in_percent() {
        let (atlas, spec) = three_years();
        // Unit c has 2 cases in 2020: withheld there.
        let w = Withheld::of(&atlas, std::slice::from_ref(&spec), 3.0);
        let s = series(&atlas, &spec, 2, &w, None);
        assert_eq!(s.area.withheld, vec![true, false, false]);
        assert_eq!(s.area.values, vec![None, Some(8.0), Some(10.0)]);
        assert_eq!(s.change(&s.area, 2020, 2022), None);
        assert!(s
            .csv(crate::export::CsvStyle::Plain, crate::locale::Lang::De)
            .contains("2020,geheim,"));
        let count = IndicatorSpec {
            kind: IndicatorKind::Count,
            unit: String::new(),
            value: Some("alo".into()),
            numerator: None,
            denominator: None,
            scale: 1.0,
            ..spec
        };
        let s = series(&atlas, &count, 0, &Withheld::none(), None);
        let c = s.change(&s.area, 2020, 2022).unwrap();
        assert_eq!(c.percent, Some(50.0));
        assert_eq!(
            s.change_text(&c, crate::locale::NumberStyle::German),
            "+50,0 %"
        );
    }

    #[test]
    fn the_coarser_sozialraum_holds_most_of_the_units() {
        let assign = [Some(0), Some(1), Some(1), None];
        assert_eq!(coarser_area(&assign, &[1, 2]), Some(1));
        assert_eq!(coarser_area(&assign, &[0, 1]), Some(0));
        assert_eq!(coarser_area(&assign, &[3]), None);
    }
}
