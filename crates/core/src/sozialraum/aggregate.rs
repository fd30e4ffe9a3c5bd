//! Indicators of Sozialräume from their units, by the indicator's kind:
//!
//! - counts are summed;
//! - shares and rates with numerator and denominator are recomputed from the summed numerator
//!   and denominator (ratio of sums, as the city average);
//! - shares, rates and means without them are averaged weighted by population (the population
//!   column of the same year), or without weights when no population column is set (the table
//!   says so: [`crate::project::derive::Aggregation`]);
//! - densities (per hectare, per km²) are averaged weighted by the units' area;
//! - ids and codes are no indicators and are not aggregated.
//!
//! A [`Tally`] keeps the running sums per Sozialraum, so moving a unit costs one update per
//! column, not a recomputation: drawing stays fast on large maps. [`Tally::atlas`] turns the sums
//! into an [`Atlas`] whose units are the Sozialräume, so every map, index and profile works on
//! them unchanged.
//!
//! Missing values: a sum is missing when any member's value is missing (an undercount would look
//! like a real number); a weighted mean uses the members that have a value and a weight.

use super::definition::Definition;
use crate::model::{Atlas, Column, ColumnValues, IndicatorKind, IndicatorSpec, Table, Units};

/// How an indicator's values aggregate (see the module docs).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    /// Summed (counts; numerator and denominator of a share).
    Sum,
    /// Averaged weighted by population.
    Population,
    /// Averaged weighted by area.
    Area,
    /// Averaged without weights (no population column).
    Unweighted,
}

/// The rule of an indicator: with numerator and denominator both are summed; otherwise by its
/// kind (see the module docs).
pub fn rule_of(spec: &IndicatorSpec, has_population: bool) -> Rule {
    if spec.numerator.is_some() && spec.denominator.is_some() {
        return Rule::Sum;
    }
    match spec.kind {
        IndicatorKind::Count => Rule::Sum,
        IndicatorKind::Density => Rule::Area,
        IndicatorKind::Share | IndicatorKind::Rate | IndicatorKind::Mean => {
            if has_population {
                Rule::Population
            } else {
                Rule::Unweighted
            }
        }
    }
}

/// How one tallied column accumulates.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Acc {
    /// Sum of the values.
    Sum,
    /// Sum of weight x value over sum of weights, weights from `weights[i]`.
    Weighted(usize),
}

/// Which columns a tally needs and how they accumulate.
#[derive(Clone, Debug, PartialEq)]
struct Plan {
    names: Vec<String>,
    accs: Vec<Acc>,
    /// Weight columns: population column names (by year) or the markers `""` (area) and
    /// `"1"` (unweighted).
    weights: Vec<String>,
}

const AREA: &str = "";
const ONE: &str = "1";

impl Plan {
    fn new(atlas: &Atlas, catalogue: &[IndicatorSpec]) -> Plan {
        let mut plan = Plan {
            names: vec![],
            accs: vec![],
            weights: vec![],
        };
        let years: Vec<Option<i32>> = if atlas.years.is_empty() {
            vec![None]
        } else {
            atlas.years.iter().map(|y| Some(*y)).collect()
        };
        let col = |stem: &str, y: Option<i32>| match y {
            Some(y) => atlas.column_name(stem, y),
            None => stem.to_string(),
        };
        for &y in &years {
            let pop = atlas
                .population
                .as_ref()
                .map(|p| col(p, y))
                .filter(|c| atlas.table.numbers(c).is_some());
            if let Some(p) = &pop {
                plan.add(atlas, p.clone(), Acc::Sum);
            }
            for ind in catalogue {
                let rule = rule_of(ind, pop.is_some());
                if let (Some(n), Some(d)) = (&ind.numerator, &ind.denominator) {
                    plan.add(atlas, col(n, y), Acc::Sum);
                    plan.add(atlas, col(d, y), Acc::Sum);
                } else if let Some(v) = &ind.value {
                    let acc = match rule {
                        Rule::Sum => Acc::Sum,
                        Rule::Population => {
                            Acc::Weighted(plan.weight(pop.as_deref().unwrap_or(ONE)))
                        }
                        Rule::Area => Acc::Weighted(plan.weight(AREA)),
                        Rule::Unweighted => Acc::Weighted(plan.weight(ONE)),
                    };
                    plan.add(atlas, col(v, y), acc);
                }
            }
        }
        plan
    }

    fn add(&mut self, atlas: &Atlas, name: String, acc: Acc) {
        if atlas.table.numbers(&name).is_none() || self.names.contains(&name) {
            return;
        }
        self.names.push(name);
        self.accs.push(acc);
    }

    fn weight(&mut self, name: &str) -> usize {
        match self.weights.iter().position(|w| w == name) {
            Some(i) => i,
            None => {
                self.weights.push(name.to_string());
                self.weights.len() - 1
            }
        }
    }
}

/// Running sums per Sozialraum for the columns the catalogue's indicators and the population
/// need (see the module docs).
#[derive(Clone, Debug)]
pub struct Tally {
    plan: Plan,
    /// Per column the unit values (copied once, aligned with the units).
    values: Vec<Vec<Option<f64>>>,
    /// Per weight the unit weights.
    weights: Vec<Vec<Option<f64>>>,
    /// Per Sozialraum and column: sum of values (Sum) or of weight x value (Weighted).
    sum: Vec<Vec<f64>>,
    /// Per Sozialraum and column: members without a value (Sum) or sum of weights (Weighted).
    aux: Vec<Vec<f64>>,
    /// Members per Sozialraum.
    count: Vec<usize>,
}

impl Tally {
    /// Sums the columns that the indicators of `catalogue` and the population column of `atlas`
    /// use, per Sozialraum of `def`.
    pub fn new(atlas: &Atlas, catalogue: &[IndicatorSpec], def: &Definition) -> Tally {
        let plan = Plan::new(atlas, catalogue);
        let n = atlas.units.len();
        let values: Vec<Vec<Option<f64>>> = plan
            .names
            .iter()
            .map(|c| {
                atlas
                    .table
                    .numbers(c)
                    .map(<[_]>::to_vec)
                    .unwrap_or_else(|| vec![None; n])
            })
            .collect();
        let weights: Vec<Vec<Option<f64>>> = plan
            .weights
            .iter()
            .map(|w| match w.as_str() {
                AREA => atlas
                    .units
                    .geometry
                    .iter()
                    .map(|g| Some(geo::Area::unsigned_area(g)))
                    .collect(),
                ONE => vec![Some(1.0); n],
                name => atlas
                    .table
                    .numbers(name)
                    .map(<[_]>::to_vec)
                    .unwrap_or_else(|| vec![None; n]),
            })
            .collect();
        let m = def.areas.len();
        let c = plan.names.len();
        let mut t = Tally {
            plan,
            values,
            weights,
            sum: vec![vec![0.0; c]; m],
            aux: vec![vec![0.0; c]; m],
            count: vec![0; m],
        };
        for (u, a) in def.assign.iter().enumerate() {
            if let Some(a) = a {
                t.grow(*a as usize);
                t.add(u, *a as usize, 1.0);
            }
        }
        t
    }

    /// True when this tally sums what `catalogue` needs on `atlas` (else make a new one).
    pub fn serves(&self, atlas: &Atlas, catalogue: &[IndicatorSpec]) -> bool {
        self.plan == Plan::new(atlas, catalogue)
    }

    fn grow(&mut self, a: usize) {
        while self.count.len() <= a {
            self.sum.push(vec![0.0; self.plan.names.len()]);
            self.aux.push(vec![0.0; self.plan.names.len()]);
            self.count.push(0);
        }
    }

    fn add(&mut self, u: usize, a: usize, sign: f64) {
        self.count[a] = (self.count[a] as isize + sign as isize) as usize;
        for c in 0..self.plan.names.len() {
            let v = self.values[c][u];
            match self.plan.accs[c] {
                Acc::Sum => match v {
                    Some(v) => self.sum[a][c] += sign * v,
                    None => self.aux[a][c] += sign,
                },
                Acc::Weighted(w) => {
                    if let (Some(v), Some(w)) = (v, self.weights[w][u]) {
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
            self.grow(a as usize);
            self.add(u, a as usize, -1.0);
        }
        if let Some(a) = to {
            self.grow(a as usize);
            self.add(u, a as usize, 1.0);
        }
    }

    /// Number of units per Sozialraum.
    pub fn counts(&self) -> &[usize] {
        &self.count
    }

    /// The aggregated value of a column per Sozialraum (`None` where missing, see module docs).
    fn column(&self, c: usize) -> Vec<Option<f64>> {
        (0..self.count.len())
            .map(|a| {
                if self.count[a] == 0 {
                    return None;
                }
                match self.plan.accs[c] {
                    Acc::Sum => (self.aux[a][c] < 0.5).then_some(self.sum[a][c]),
                    Acc::Weighted(_) => {
                        (self.aux[a][c] > 0.0).then(|| self.sum[a][c] / self.aux[a][c])
                    }
                }
            })
            .collect()
    }

    /// The Sozialräume as an atlas: one unit per Sozialraum (key and name = its name, geometry
    /// from `geometry` when given, else empty), the aggregated columns, the catalogue's
    /// indicators, the same years and population column.
    pub fn atlas(
        &self,
        atlas: &Atlas,
        catalogue: &[IndicatorSpec],
        def: &Definition,
        geometry: Option<Vec<geo::MultiPolygon<f64>>>,
    ) -> Atlas {
        let m = def.areas.len();
        let names: Vec<String> = def.areas.iter().map(|a| a.name.clone()).collect();
        let columns = (0..self.plan.names.len())
            .map(|c| Column {
                name: self.plan.names[c].clone(),
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
            indicators: catalogue.to_vec(),
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
                    ..IndicatorSpec::default()
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
                    ..IndicatorSpec::default()
                },
            ],
            population: Some("ew".into()),
            ..Atlas::default()
        };
        let def =
            Definition::from_labels("T", &[Some("x".into()), Some("x".into()), Some("y".into())]);
        let agg = Tally::new(&atlas, &atlas.indicators, &def).atlas(
            &atlas,
            &atlas.indicators,
            &def,
            None,
        );
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
        let t = Tally::new(&atlas, &atlas.indicators, &def);
        let agg = t.atlas(&atlas, &atlas.indicators, &def, None);
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
        let fresh = Tally::new(&atlas, &atlas.indicators, &def2);
        for c in 0..t.plan.names.len() {
            let (a, b) = (t2.column(c), fresh.column(c));
            for (x, y) in a.iter().zip(&b) {
                match (x, y) {
                    (Some(x), Some(y)) => assert!((x - y).abs() < 1e-6 * y.abs().max(1.0)),
                    (x, y) => assert_eq!(x, y),
                }
            }
            if t.plan.accs[c] == Acc::Sum {
                let whole = t.column(c)[0].unwrap();
                let parts = a[0].unwrap() + a[1].unwrap();
                assert!((whole - parts).abs() < 1e-6 * whole.abs().max(1.0));
            }
        }
        assert_eq!(t2.counts(), &[n - n / 2, n / 2]);
    }
}
