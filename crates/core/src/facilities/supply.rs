//! What a point layer adds to the planner's data, and need against supply.
//!
//! A layer's tally becomes count columns of the atlas's table (no year: the stock as loaded):
//! `{layer}_anzahl`, `{layer}_plaetze`, one per category, one per summed column, so that every
//! view (map, classes, status index, typology, Steckbrief, Sozialräume at every level: counts are
//! summed) works on them as on any count. They carry the theme [`super::THEME`]: the default
//! selections of the status index and the typology leave them out (supply is set against need,
//! not mixed into it). Supply rates are indicators like any other
//! (numerator the count or the places, denominator a population column, a factor); the setup
//! can point them at another target population (children under 6 …). Distance coverage is a
//! share: the inhabitants whose unit's representative point lies within the distance, over the
//! inhabitants.
//!
//! Need against supply: both variables in terciles (low, middle, high; "high need" reads the
//! indicator's direction), nine classes on the map ([`BIVARIATE`]), the gaps (high need, low
//! supply: Angebotslücken) and the overlaps (low need, high supply: Doppelungen) as lists.

use super::assign::{self, Tally};
use super::{slug, PointLayer};
use crate::model::{Atlas, Column, ColumnValues, Direction, IndicatorKind, IndicatorSpec};

/// The colours of the 3 x 3 need-supply map, `[need][supply]` from low to high (a
/// colour-blind-safe bivariate scheme after Joshua Stevens): high need with low supply is
/// magenta, low need with high supply teal, both high dark blue-violet.
pub const BIVARIATE: [[&str; 3]; 3] = [
    ["#e8e8e8", "#ace4e4", "#5ac8c8"],
    ["#dfb0d6", "#a5add3", "#5698b9"],
    ["#be64ac", "#8c62aa", "#3b4994"],
];

/// The column stems a layer adds (see the module docs).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct LayerColumns {
    /// Points per unit.
    pub count: String,
    /// Places per unit (with a capacity column).
    pub capacity: Option<String>,
    /// (category, stem) of the category counts.
    pub categories: Vec<(String, String)>,
    /// (column, stem, withheld stem) of the sums.
    pub sums: Vec<(String, String, String)>,
    /// The coverage stem (per year with population), with the distance.
    pub coverage: Option<(String, f64)>,
}

/// A stem not yet in the atlas: `base`, else `base_2`, `base_3` …
fn free_stem(atlas: &Atlas, base: &str) -> String {
    let taken = |s: &str| {
        atlas
            .table
            .columns
            .iter()
            .any(|c| c.name == s || c.name.starts_with(&format!("{s}_")))
    };
    if !taken(base) {
        return base.to_string();
    }
    (2..)
        .map(|k| format!("{base}_{k}"))
        .find(|s| !taken(s))
        .unwrap_or_default()
}

fn push(atlas: &mut Atlas, name: &str, values: Vec<Option<f64>>) {
    atlas.table.columns.push(Column {
        name: name.to_string(),
        values: ColumnValues::Number(values),
    });
}

fn count_indicator(id: &str, label: String, note: String) -> IndicatorSpec {
    IndicatorSpec {
        id: id.to_string(),
        label,
        direction: Direction::Neutral,
        kind: IndicatorKind::Count,
        value: Some(id.to_string()),
        theme: super::THEME.into(),
        note,
        ..IndicatorSpec::default()
    }
}

/// Adds a layer's tally to the atlas as columns and indicators (see the module docs); with
/// `within` also the coverage share of the inhabitants within that many metres. Returns the
/// stems.
pub fn add_layer(
    atlas: &mut Atlas,
    layer: &PointLayer,
    tally: &Tally,
    within: Option<f64>,
) -> LayerColumns {
    let base = free_stem(atlas, &slug(&layer.label));
    let label = layer.label.clone();
    let source = layer.file.clone();
    let mut out = LayerColumns {
        count: format!("{base}_anzahl"),
        ..LayerColumns::default()
    };
    let mut specs: Vec<IndicatorSpec> = vec![];
    push(
        atlas,
        &out.count,
        tally.count.iter().map(|&v| Some(v)).collect(),
    );
    specs.push(count_indicator(
        &out.count,
        format!("{label}: Anzahl"),
        String::new(),
    ));
    if let Some(cap) = &tally.capacity {
        let stem = format!("{base}_plaetze");
        push(atlas, &stem, cap.iter().map(|&v| Some(v)).collect());
        let note = if tally.capacity_missing > 0 {
            format!(
                "{} Einrichtungen ohne Angabe der Plätze",
                tally.capacity_missing
            )
        } else {
            String::new()
        };
        specs.push(count_indicator(&stem, format!("{label}: Plätze"), note));
        out.capacity = Some(stem);
    }
    if layer.categories.len() > 1 {
        for (k, cat) in layer.categories.iter().enumerate() {
            let name = if cat.is_empty() {
                "ohne Kategorie"
            } else {
                cat
            };
            let stem = free_stem(atlas, &format!("{base}_{}", slug(name)));
            push(
                atlas,
                &stem,
                tally.by_category[k].iter().map(|&v| Some(v)).collect(),
            );
            specs.push(count_indicator(
                &stem,
                format!("{label}: {name}"),
                String::new(),
            ));
            out.categories.push((cat.clone(), stem));
        }
    }
    for (k, col) in layer.sums.iter().enumerate() {
        add_sum(
            atlas,
            &base,
            &label,
            col,
            &tally.sums[k],
            &tally.withheld[k],
            &mut specs,
            &mut out,
        );
    }
    if let (Some(metres), Some(pop)) = (within, atlas.population.clone()) {
        let reps = assign::representative_points(&atlas.units.geometry);
        let covered = assign::covered(&reps, layer, metres);
        let stem = format!("{base}_{}m", metres.round() as i64);
        let years: Vec<Option<i32>> = if atlas.years.is_empty() {
            vec![None]
        } else {
            atlas.years.iter().map(|&y| Some(y)).collect()
        };
        for y in years {
            let popv = match y {
                Some(y) => atlas.numbers(&pop, y).map(<[_]>::to_vec),
                None => atlas.table.numbers(&pop).map(<[_]>::to_vec),
            };
            let Some(popv) = popv else { continue };
            let values = popv
                .iter()
                .zip(&covered)
                .map(|(p, c)| Some(if (*c)? { (*p)? } else { 0.0 }))
                .collect();
            let name = match y {
                Some(y) if atlas.table.column(&format!("{pop}_{y}")).is_some() => {
                    format!("{stem}_{y}")
                }
                _ => stem.clone(),
            };
            if atlas.table.column(&name).is_none() {
                push(atlas, &name, values);
            }
        }
        specs.push(IndicatorSpec {
            id: format!("{stem}_anteil"),
            label: format!("Einwohner im Umkreis von {} m um {label}", metres.round()),
            unit: "%".into(),
            direction: Direction::HighIsAdvantage,
            kind: IndicatorKind::Share,
            numerator: Some(stem.clone()),
            denominator: Some(pop.clone()),
            scale: 100.0,
            theme: super::THEME.into(),
            note: "Luftlinie vom repräsentativen Punkt jedes Gebiets zur nächsten Einrichtung"
                .into(),
            ..IndicatorSpec::default()
        });
        out.coverage = Some((stem, metres));
    }
    // A supply rate against the population, to be pointed at the target group in the setup.
    if let Some(pop) = &atlas.population {
        let (num, what, per) = match &out.capacity {
            Some(c) => (c.clone(), "Plätze", 100.0),
            None => (out.count.clone(), "Einrichtungen", 10_000.0),
        };
        specs.push(IndicatorSpec {
            id: format!("{num}_quote"),
            label: format!(
                "{label}: {what} je {} Einwohner",
                crate::locale::number(per, 0, crate::locale::Lang::De.numbers())
            ),
            direction: Direction::HighIsAdvantage,
            kind: IndicatorKind::Rate,
            numerator: Some(num),
            denominator: Some(pop.clone()),
            scale: per,
            theme: super::THEME.into(),
            note: "Versorgungsquote; die Zielgruppe (Nenner) ist in der Einrichtung des Indikators wählbar".into(),
            ..IndicatorSpec::default()
        });
    }
    for s in &mut specs {
        s.source = source.clone();
    }
    atlas.indicators.extend(specs);
    out
}

#[allow(clippy::too_many_arguments)]
fn add_sum(
    atlas: &mut Atlas,
    base: &str,
    label: &str,
    col: &str,
    sums: &[f64],
    withheld: &[u32],
    specs: &mut Vec<IndicatorSpec>,
    out: &mut LayerColumns,
) {
    let stem = free_stem(atlas, &format!("{base}_{}", slug(col)));
    let w_stem = format!("{stem}_geheim");
    push(atlas, &stem, sums.iter().map(|&v| Some(v)).collect());
    push(
        atlas,
        &w_stem,
        withheld.iter().map(|&v| Some(v as f64)).collect(),
    );
    let total: u32 = withheld.iter().sum();
    let note = if total > 0 {
        format!("Summe der bekannten Zellen; {total} geheim gehaltene Zellen nicht mitgezählt (Spalte {w_stem})")
    } else {
        String::new()
    };
    specs.push(count_indicator(&stem, format!("{label}: {col}"), note));
    out.sums.push((col.to_string(), stem, w_stem));
}

/// Adds the sums of a Zensus grid file as count columns (with their withheld cells) and
/// indicators; returns the stems.
pub fn add_grid(atlas: &mut Atlas, label: &str, grid: &super::grid::GridResult) -> LayerColumns {
    let base = free_stem(atlas, &slug(label));
    let mut out = LayerColumns {
        count: format!("{base}_zellen"),
        ..LayerColumns::default()
    };
    push(
        atlas,
        &out.count,
        grid.cells.iter().map(|&v| Some(v)).collect(),
    );
    let mut specs = vec![];
    for (k, col) in grid.columns.iter().enumerate() {
        add_sum(
            atlas,
            &base,
            label,
            col,
            &grid.sums[k],
            &grid.withheld[k],
            &mut specs,
            &mut out,
        );
    }
    for s in &mut specs {
        s.source = grid.file.clone();
    }
    atlas.indicators.extend(specs);
    out
}

/// Terciles of the known values: class 0 (low), 1, 2 (high) per value, and the two bounds (the
/// 33rd and 67th percentiles, linear between order statistics). Bounds are not merged where
/// values tie: with many zeros (no facility) both bounds may be 0, so every area with supply is
/// "high" rather than all of them "middle".
fn terciles(values: &[Option<f64>]) -> (Vec<Option<usize>>, Vec<f64>) {
    let v = crate::map::classes::valid_sorted(values);
    if v.is_empty() {
        return (vec![None; values.len()], vec![]);
    }
    let pct = |p: f64| {
        let pos = p * (v.len() - 1) as f64;
        let (lo, hi) = (pos.floor() as usize, pos.ceil() as usize);
        v[lo] + (v[hi] - v[lo]) * (pos - lo as f64)
    };
    let (b1, b2) = (pct(1.0 / 3.0), pct(2.0 / 3.0));
    let class = values
        .iter()
        .map(|x| {
            let x = (*x).filter(|x| x.is_finite())?;
            Some(if x <= b1 {
                0
            } else if x <= b2 {
                1
            } else {
                2
            })
        })
        .collect();
    (class, vec![b1, b2])
}

/// Need against supply for a list of areas (units or Sozialräume).
#[derive(Clone, Debug, PartialEq)]
pub struct NeedSupply {
    /// Need class per area: 0 low, 1 middle, 2 high (direction read: for an indicator where
    /// high is good, low values are high need).
    pub need: Vec<Option<usize>>,
    /// Supply class per area: 0 low, 1 middle, 2 high.
    pub supply: Vec<Option<usize>>,
    /// The upper bounds of the need indicator's terciles (in its values).
    pub need_breaks: Vec<f64>,
    /// The upper bounds of the supply terciles.
    pub supply_breaks: Vec<f64>,
    /// Areas with high need and low supply (Angebotslücken), highest need first.
    pub gaps: Vec<usize>,
    /// Areas with low need and high supply (Doppelungen), highest supply first.
    pub overlaps: Vec<usize>,
}

impl NeedSupply {
    /// The colour of area `i` ([`BIVARIATE`]), `None` where either value is missing.
    pub fn color(&self, i: usize) -> Option<&'static str> {
        Some(BIVARIATE[self.need[i]?][self.supply[i]?])
    }

    /// The class label `"n-s"` (need 1..3, supply 1..3) of area `i`, `"na"` where a value is
    /// missing: the `data-class` of the map.
    pub fn class_label(&self, i: usize) -> String {
        match (self.need[i], self.supply[i]) {
            (Some(n), Some(s)) => format!("{}-{}", n + 1, s + 1),
            _ => "na".into(),
        }
    }
}

/// Need against supply (see the module docs): `need` values of an indicator of `direction`,
/// `supply` values (a supply rate, higher = more supply).
pub fn need_supply(
    need: &[Option<f64>],
    direction: Direction,
    supply: &[Option<f64>],
) -> NeedSupply {
    let (mut need_class, need_breaks) = terciles(need);
    if direction == Direction::HighIsAdvantage {
        for c in need_class.iter_mut().flatten() {
            *c = 2 - *c;
        }
    }
    let (supply_class, supply_breaks) = terciles(supply);
    let sign = if direction == Direction::HighIsAdvantage {
        -1.0
    } else {
        1.0
    };
    let mut gaps: Vec<usize> = (0..need.len())
        .filter(|&i| need_class[i] == Some(2) && supply_class[i] == Some(0))
        .collect();
    gaps.sort_by(|&a, &b| {
        let v = |i: usize| sign * need[i].unwrap_or(0.0);
        v(b).total_cmp(&v(a))
    });
    let mut overlaps: Vec<usize> = (0..need.len())
        .filter(|&i| need_class[i] == Some(0) && supply_class[i] == Some(2))
        .collect();
    overlaps.sort_by(|&a, &b| {
        supply[b]
            .unwrap_or(0.0)
            .total_cmp(&supply[a].unwrap_or(0.0))
    });
    NeedSupply {
        need: need_class,
        supply: supply_class,
        need_breaks,
        supply_breaks,
        gaps,
        overlaps,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gaps_are_high_need_low_supply_read_by_direction() {
        let need = [1.0, 2.0, 3.0, 4.0, 5.0, 6.0].map(Some);
        let supply = [9.0, 8.0, 7.0, 3.0, 2.0, 1.0].map(Some);
        let ns = need_supply(&need, Direction::HighIsDisadvantage, &supply);
        assert_eq!(ns.gaps, vec![5, 4]);
        assert_eq!(ns.overlaps, vec![0, 1]);
        assert_eq!(ns.class_label(5), "3-1");
        assert_eq!(ns.color(5), Some(BIVARIATE[2][0]));
        // Where high values are good, low values are the need.
        let ns = need_supply(&need, Direction::HighIsAdvantage, &supply);
        assert!(ns.gaps.is_empty());
        assert_eq!(ns.class_label(0), "3-3");
    }

    #[test]
    fn ties_keep_high_supply_apart_from_none() {
        // 42 areas without a facility, 16 with: those are high supply, not middle.
        let supply: Vec<Option<f64>> = (0..58)
            .map(|i| Some(if i < 42 { 0.0 } else { 10.0 + i as f64 }))
            .collect();
        let need: Vec<Option<f64>> = (0..58).map(|i| Some(i as f64)).collect();
        let ns = need_supply(&need, Direction::HighIsDisadvantage, &supply);
        assert_eq!(ns.supply[0], Some(0));
        assert_eq!(ns.supply[50], Some(2));
        assert!(!ns.overlaps.is_empty() || ns.need[50] != Some(0));
        assert_eq!(ns.supply_breaks, vec![0.0, 0.0]);
    }

    #[test]
    fn missing_values_have_no_class() {
        let ns = need_supply(
            &[Some(1.0), None, Some(3.0)],
            Direction::HighIsDisadvantage,
            &[Some(1.0), Some(2.0), None],
        );
        assert_eq!(ns.class_label(1), "na");
        assert_eq!(ns.color(2), None);
    }
}
