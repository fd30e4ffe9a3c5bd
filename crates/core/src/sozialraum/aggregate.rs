//! Indicators of Sozialräume from their units: counts are summed, shares and rates recomputed from
//! the summed numerators and denominators (ratio of sums, as the city average), values without
//! numerator and denominator averaged weighted by population.
//!
//! A [`Tally`] keeps the running sums per Sozialraum, so moving a unit costs one update per
//! column, not a recomputation: drawing stays fast on large maps. [`Tally::atlas`] turns the sums
//! into an [`Atlas`] whose units are the Sozialräume, so every map, index and profile of the app
//! works on them unchanged.
//!
//! Missing values: a sum is missing when any member's value is missing (an undercount would look
//! like a real number); a weighted mean uses the members that have a value and a weight.

use super::definition::Definition;
use crate::model::{Atlas, Column, ColumnValues, IndicatorKind, Table, Units};

/// How a column aggregates.
#[derive(Clone, Debug, PartialEq)]
enum Rule {
    Sum,
    /// Weighted by the column with this index in the tally.
    Weighted(usize),
}

/// Running sums per Sozialraum for the columns the indicators need (see the module docs).
#[derive(Clone, Debug)]
pub struct Tally {
    names: Vec<String>,
    rules: Vec<Rule>,
    /// Per column the unit values (copied once, aligned with the units).
    values: Vec<Vec<Option<f64>>>,
    /// Per Sozialraum and column: sum of values (Sum) or of weight x value (Weighted).
    sum: Vec<Vec<f64>>,
    /// Per Sozialraum and column: members without a value (Sum) or sum of weights (Weighted).
    aux: Vec<Vec<f64>>,
    /// Members per Sozialraum.
    count: Vec<usize>,
}

impl Tally {
    /// Sums the columns of `atlas` that its indicators and population use, per Sozialraum of
    /// `def`.
    pub fn new(atlas: &Atlas, def: &Definition) -> Tally {
        let mut names: Vec<String> = vec![];
        let mut rules: Vec<Rule> = vec![];
        let years: Vec<Option<i32>> = if atlas.years.is_empty() {
            vec![None]
        } else {
            atlas.years.iter().map(|y| Some(*y)).collect()
        };
        let col = |stem: &str, y: Option<i32>| match y {
            Some(y) => atlas.column_name(stem, y),
            None => stem.to_string(),
        };
        let mut add = |name: String, rule: Rule, names: &mut Vec<String>| -> Option<usize> {
            atlas.table.numbers(&name)?;
            if let Some(i) = names.iter().position(|n| *n == name) {
                return Some(i);
            }
            names.push(name);
            rules.push(rule);
            Some(names.len() - 1)
        };
        for &y in &years {
            let pop = atlas
                .population
                .as_ref()
                .and_then(|p| add(col(p, y), Rule::Sum, &mut names));
            for ind in &atlas.indicators {
                if let (Some(n), Some(d)) = (&ind.numerator, &ind.denominator) {
                    add(col(n, y), Rule::Sum, &mut names);
                    add(col(d, y), Rule::Sum, &mut names);
                } else if let Some(v) = &ind.value {
                    let rule = match (ind.kind, pop) {
                        (IndicatorKind::Count, _) => Rule::Sum,
                        (_, Some(p)) => Rule::Weighted(p),
                        (_, None) => Rule::Weighted(usize::MAX),
                    };
                    add(col(v, y), rule, &mut names);
                }
            }
        }
        let values: Vec<Vec<Option<f64>>> = names
            .iter()
            .map(|n| {
                atlas
                    .table
                    .numbers(n)
                    .map(<[_]>::to_vec)
                    .unwrap_or_default()
            })
            .collect();
        let m = def.areas.len();
        let mut t = Tally {
            sum: vec![vec![0.0; names.len()]; m],
            aux: vec![vec![0.0; names.len()]; m],
            count: vec![0; m],
            names,
            rules,
            values,
        };
        for (u, a) in def.assign.iter().enumerate() {
            if let Some(a) = a {
                t.add(u, *a as usize, 1.0);
            }
        }
        t
    }

    fn add(&mut self, u: usize, a: usize, sign: f64) {
        self.count[a] = (self.count[a] as isize + sign as isize) as usize;
        for c in 0..self.names.len() {
            let v = self.values[c][u];
            match self.rules[c] {
                Rule::Sum => match v {
                    Some(v) => self.sum[a][c] += sign * v,
                    None => self.aux[a][c] += sign,
                },
                Rule::Weighted(w) => {
                    let w = if w == usize::MAX {
                        Some(1.0)
                    } else {
                        self.values[w][u]
                    };
                    if let (Some(v), Some(w)) = (v, w) {
                        self.sum[a][c] += sign * w * v;
                        self.aux[a][c] += sign * w;
                    }
                }
            }
        }
    }

    /// Moves unit `u` from Sozialraum `from` to `to` (either may be `None`), growing the tally
    /// when `to` is a new Sozialraum.
    pub fn move_unit(&mut self, u: usize, from: Option<u32>, to: Option<u32>) {
        if from == to {
            return;
        }
        if let Some(a) = from {
            self.add(u, a as usize, -1.0);
        }
        if let Some(a) = to {
            let a = a as usize;
            while self.count.len() <= a {
                self.sum.push(vec![0.0; self.names.len()]);
                self.aux.push(vec![0.0; self.names.len()]);
                self.count.push(0);
            }
            self.add(u, a, 1.0);
        }
    }

    /// Number of units per Sozialraum.
    pub fn counts(&self) -> &[usize] {
        &self.count
    }

    /// The aggregated value of a column per Sozialraum (`None` where missing, see module docs).
    pub fn column(&self, c: usize) -> Vec<Option<f64>> {
        (0..self.count.len())
            .map(|a| {
                if self.count[a] == 0 {
                    return None;
                }
                match self.rules[c] {
                    Rule::Sum => (self.aux[a][c] < 0.5).then_some(self.sum[a][c]),
                    Rule::Weighted(_) => {
                        (self.aux[a][c] > 0.0).then(|| self.sum[a][c] / self.aux[a][c])
                    }
                }
            })
            .collect()
    }

    /// The Sozialräume as an atlas: one unit per Sozialraum (key and name = its name, geometry
    /// from `geometry` when given, else empty), the aggregated columns, the same indicators,
    /// years and population.
    pub fn atlas(
        &self,
        atlas: &Atlas,
        def: &Definition,
        geometry: Option<Vec<geo::MultiPolygon<f64>>>,
    ) -> Atlas {
        let m = def.areas.len();
        let names: Vec<String> = def.areas.iter().map(|a| a.name.clone()).collect();
        let columns = (0..self.names.len())
            .map(|c| Column {
                name: self.names[c].clone(),
                values: ColumnValues::Number({
                    let mut v = self.column(c);
                    v.resize(m, None);
                    v
                }),
            })
            .collect();
        Atlas {
            name: format!("{} – {}", atlas.name, def.name),
            source: atlas.source.clone(),
            units: Units {
                keys: names.clone(),
                names,
                geometry: geometry.unwrap_or_else(|| vec![geo::MultiPolygon(vec![]); m]),
                crs: atlas.units.crs,
            },
            table: Table { columns },
            indicators: atlas.indicators.clone(),
            years: atlas.years.clone(),
            population: atlas.population.clone(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo;
    use crate::stats::city_average;

    #[test]
    fn values_are_weighted_by_population_and_missing_sums_stay_missing() {
        use crate::model::*;
        let n = 3;
        let num = |name: &str, v: Vec<Option<f64>>| Column {
            name: name.into(),
            values: ColumnValues::Number(v),
        };
        let atlas = Atlas {
            units: Units {
                keys: vec!["a".into(), "b".into(), "c".into()],
                names: vec!["A".into(), "B".into(), "C".into()],
                geometry: vec![geo::MultiPolygon(vec![]); n],
                crs: None,
            },
            table: Table {
                columns: vec![
                    num("ew", vec![Some(100.0), Some(300.0), Some(50.0)]),
                    num("quote", vec![Some(10.0), Some(20.0), None]),
                    num("faelle", vec![Some(5.0), None, Some(1.0)]),
                ],
            },
            indicators: vec![
                IndicatorSpec {
                    id: "quote".into(),
                    label: "Quote".into(),
                    unit: "%".into(),
                    direction: Direction::HighIsDisadvantage,
                    kind: IndicatorKind::Share,
                    value: Some("quote".into()),
                    numerator: None,
                    denominator: None,
                    scale: 100.0,
                },
                IndicatorSpec {
                    id: "faelle".into(),
                    label: "Fälle".into(),
                    unit: String::new(),
                    direction: Direction::Neutral,
                    kind: IndicatorKind::Count,
                    value: Some("faelle".into()),
                    numerator: None,
                    denominator: None,
                    scale: 1.0,
                },
            ],
            population: Some("ew".into()),
            ..Atlas::default()
        };
        let def =
            Definition::from_labels("T", &[Some("x".into()), Some("x".into()), Some("y".into())]);
        let agg = Tally::new(&atlas, &def).atlas(&atlas, &def, None);
        // (100·10 + 300·20) / 400 = 17.5; y has no value at all.
        assert_eq!(agg.table.numbers("quote").unwrap(), &[Some(17.5), None]);
        // x misses one count: no sum (an undercount would look real); y = 1.
        assert_eq!(agg.table.numbers("faelle").unwrap(), &[None, Some(1.0)]);
        assert_eq!(agg.table.numbers("ew").unwrap(), &[Some(400.0), Some(50.0)]);
    }

    #[test]
    fn one_sozialraum_is_the_city_and_moves_are_exact() {
        let atlas = demo::musterstadt();
        let n = atlas.units.len();
        let labels: Vec<Option<String>> = vec![Some("Stadt".into()); n];
        let def = Definition::from_labels("Alle", &labels);
        let t = Tally::new(&atlas, &def);
        let agg = t.atlas(&atlas, &def, None);
        for ind in &atlas.indicators {
            for &y in &atlas.years {
                let city = city_average(&atlas, ind, y).value;
                let one = agg.indicator_values(ind, y)[0];
                if ind.numerator.is_some() {
                    // Ratio of sums: the one Sozialraum's share is the city average exactly.
                    let (a, b) = (city.unwrap(), one.unwrap());
                    assert!(
                        (a - b).abs() < 1e-9 * a.abs().max(1.0),
                        "{}: {a} {b}",
                        ind.id
                    );
                }
            }
        }
        // Moving units around and back gives the same sums; a two-way split sums to the whole.
        let mut t2 = t.clone();
        let mut def2 = def.clone();
        def2.areas.push(def.areas[0].clone());
        for u in 0..n / 2 {
            t2.move_unit(u, Some(0), Some(1));
            def2.assign[u] = Some(1);
        }
        let fresh = Tally::new(&atlas, &def2);
        for c in 0..t.names.len() {
            let (a, b) = (t2.column(c), fresh.column(c));
            for (x, y) in a.iter().zip(&b) {
                match (x, y) {
                    (Some(x), Some(y)) => assert!((x - y).abs() < 1e-6 * y.abs().max(1.0)),
                    (x, y) => assert_eq!(x, y),
                }
            }
            if t.rules[c] == Rule::Sum {
                let whole = t.column(c)[0].unwrap();
                let parts = a[0].unwrap() + a[1].unwrap();
                assert!((whole - parts).abs() < 1e-6 * whole.abs().max(1.0));
            }
        }
        assert_eq!(t2.counts(), &[n - n / 2, n / 2]);
    }
}
