//! Small-number suppression (statistical confidentiality): a value resting on fewer than `min`
//! cases is withheld in display and export. For a share both the numerator and the denominator
//! must reach `min` (a share of 1 of 2 says too much about persons); for a count the count
//! itself. Zero cases are not suppressed: "none" reveals nothing about a person. The
//! threshold is the project's [`crate::project::SmallNumbers`].

/// The word that stands for a withheld value in tables, exports and the map's `data-class`.
pub const WITHHELD: &str = "geheim";

/// What the small-number rule withholds in an atlas: the cells of its count columns (every
/// indicator's numerator and denominator, the value of a count indicator, the population; in
/// every year; only columns of whole numbers of at least zero) that hold fewer than `min`
/// cases but more than zero. Values derived from them
/// (shares, rates) are withheld where either count is; see [`Withheld::indicator`]. Averages,
/// indices and classes are computed from the full data: this says only what is not shown.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Withheld {
    /// The threshold (0: nothing withheld).
    pub min: f64,
    /// Per table column name with withheld cells: per unit, whether withheld.
    cells: std::collections::BTreeMap<String, Vec<bool>>,
}

impl Withheld {
    /// Nothing withheld (the rule switched off, e.g. `--no-suppress`).
    pub fn none() -> Withheld {
        Withheld::default()
    }

    /// Applies the rule of fewer than `min` cases to `atlas` with the indicators `catalogue`.
    pub fn of(atlas: &Atlas, catalogue: &[IndicatorSpec], min: f64) -> Withheld {
        let mut stems: Vec<&str> = vec![];
        for s in catalogue {
            stems.extend(s.denominator.as_deref());
            // Facilities and the Zensus grid's published sums are no cases of persons (the
            // grid's own secrecy is its withheld cells): only their denominators count, and the
            // numerators of shares of persons (the inhabitants within reach of a facility).
            if s.theme == crate::facilities::THEME {
                if s.kind == IndicatorKind::Share {
                    stems.extend(s.numerator.as_deref());
                }
                continue;
            }
            stems.extend(s.numerator.as_deref());
            if s.kind == IndicatorKind::Count {
                stems.extend(s.value.as_deref());
            }
        }
        stems.extend(atlas.population.as_deref());
        let mut cells = std::collections::BTreeMap::new();
        if min > 0.0 {
            for c in &atlas.table.columns {
                let stem = crate::model::split_year(&c.name).map_or(c.name.as_str(), |(s, _)| s);
                let counted = stems.contains(&c.name.as_str()) || stems.contains(&stem);
                // A count is a whole number of at least zero: a column with other values
                // (a change, an index, a guessed kind) holds no cases.
                let whole =
                    |v: &[Option<f64>]| v.iter().flatten().all(|x| *x >= 0.0 && x.fract() == 0.0);
                if let (true, ColumnValues::Number(v)) = (counted, &c.values) {
                    if !whole(v) {
                        continue;
                    }
                    let mask: Vec<bool> = v.iter().map(|x| small(*x, min)).collect();
                    if mask.contains(&true) {
                        cells.insert(c.name.clone(), mask);
                    }
                }
            }
        }
        // A value column of a share given beside its numerator and denominator is withheld with
        // them.
        let mut derived = vec![];
        for s in catalogue {
            if let (Some(value), true) = (&s.value, s.numerator.is_some()) {
                for c in &atlas.table.columns {
                    let year = match crate::model::split_year(&c.name) {
                        Some((stem, y)) if stem == value => Some(y),
                        _ if c.name == *value => None,
                        _ => continue,
                    };
                    // A value without a year is withheld when its counts are in any year.
                    let years = match (year, atlas.years.is_empty()) {
                        (Some(y), _) => vec![y],
                        (None, true) => vec![0],
                        (None, false) => atlas.years.clone(),
                    };
                    let mut mask = vec![false; atlas.units.len()];
                    for y in years {
                        for (m, w) in mask.iter_mut().zip(Self::mask_of(&cells, atlas, s, y)) {
                            *m |= w;
                        }
                    }
                    if mask.contains(&true) {
                        derived.push((c.name.clone(), mask));
                    }
                }
            }
        }
        cells.extend(derived);
        Withheld { min, cells }
    }

    fn mask_of(
        cells: &std::collections::BTreeMap<String, Vec<bool>>,
        atlas: &Atlas,
        spec: &IndicatorSpec,
        year: i32,
    ) -> Vec<bool> {
        let n = atlas.units.len();
        let column = |stem: &Option<String>| {
            stem.as_ref()
                .and_then(|s| cells.get(&atlas.column_name(s, year)))
        };
        let mut out = vec![false; n];
        let parts: Vec<&Vec<bool>> = if spec.numerator.is_some() && spec.denominator.is_some() {
            [column(&spec.numerator), column(&spec.denominator)]
                .into_iter()
                .flatten()
                .collect()
        } else {
            column(&spec.value).into_iter().collect()
        };
        for m in parts {
            for (o, w) in out.iter_mut().zip(m) {
                *o |= *w;
            }
        }
        out
    }

    /// Per unit: whether the value of `spec` in `year` is withheld (a count under the threshold,
    /// or a share or rate whose numerator or denominator is).
    pub fn indicator(&self, atlas: &Atlas, spec: &IndicatorSpec, year: i32) -> Vec<bool> {
        Self::mask_of(&self.cells, atlas, spec, year)
    }

    /// Whether the cell of column `column` for unit `unit` is withheld.
    pub fn cell(&self, column: &str, unit: usize) -> bool {
        self.cells
            .get(column)
            .is_some_and(|m| m.get(unit).copied().unwrap_or(false))
    }

    /// Number of table cells withheld.
    pub fn count(&self) -> usize {
        self.cells
            .values()
            .map(|m| m.iter().filter(|w| **w).count())
            .sum()
    }

    /// Whether nothing is withheld.
    pub fn is_empty(&self) -> bool {
        self.cells.is_empty()
    }

    /// Secondary disclosure: the columns and groups (e.g. the Sozialräume of a definition, by
    /// `assign` of each unit to a group) where exactly one member's count is withheld while the
    /// group's total is shown, so that it could be recovered by subtracting the other members
    /// from the total. Each entry is (column, group, unit).
    pub fn recoverable(&self, atlas: &Atlas, assign: &[Option<u32>]) -> Vec<Recoverable> {
        let mut out = vec![];
        for (column, mask) in &self.cells {
            let Some(values) = atlas.table.numbers(column) else {
                continue;
            };
            let mut members: std::collections::BTreeMap<u32, (usize, Vec<usize>, f64)> =
                std::collections::BTreeMap::new();
            for (u, a) in assign.iter().enumerate() {
                if let Some(a) = a {
                    let e = members.entry(*a).or_default();
                    e.0 += 1;
                    if mask.get(u).copied().unwrap_or(false) {
                        e.1.push(u);
                    }
                    e.2 += values.get(u).copied().flatten().unwrap_or(0.0);
                }
            }
            for (group, (size, hidden, total)) in members {
                if size > 1 && hidden.len() == 1 && !small(Some(total), self.min) {
                    out.push(Recoverable {
                        column: column.clone(),
                        group: group as usize,
                        unit: hidden[0],
                    });
                }
            }
        }
        out
    }
}

/// A withheld count that the shown total of its group would give away (see
/// [`Withheld::recoverable`]).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize)]
pub struct Recoverable {
    /// The table column.
    pub column: String,
    /// The group (Sozialraum index).
    pub group: usize,
    /// The unit whose count is withheld.
    pub unit: usize,
}

fn small(x: Option<f64>, min: f64) -> bool {
    x.is_some_and(|x| x > 0.0 && x < min)
}

use crate::model::{Atlas, ColumnValues, IndicatorKind, IndicatorSpec};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_columns_of_whole_numbers_hold_cases() {
        use crate::model::{Column, Table, Units};
        let col = |name: &str, v: &[f64]| Column {
            name: name.into(),
            values: ColumnValues::Number(v.iter().map(|x| Some(*x)).collect()),
        };
        let atlas = Atlas {
            units: Units::without_geometry(vec!["a".into(), "b".into()]),
            table: Table {
                columns: vec![
                    col("faelle", &[2.0, 40.0]),
                    col("aenderung", &[2.0, -1.0]),
                    col("quote", &[1.5, 2.0]),
                ],
            },
            ..Atlas::default()
        };
        let count = |id: &str| IndicatorSpec {
            id: id.into(),
            kind: IndicatorKind::Count,
            value: Some(id.into()),
            ..IndicatorSpec::default()
        };
        let w = Withheld::of(
            &atlas,
            &[count("faelle"), count("aenderung"), count("quote")],
            3.0,
        );
        assert!(w.cell("faelle", 0));
        assert!(!w.cell("aenderung", 0), "a change is no count");
        assert!(!w.cell("quote", 1), "fractions are no counts");
        assert_eq!(w.count(), 1);
    }
}
